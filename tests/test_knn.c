/* test_knn.c: KNN predictions against a brute-force reference written
 * straight from Surprise's definitions, on small random stores. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/model/baseline.h"
#include "engine/neighbours/knn.h"
#include "engine/model/model.h"
#include "engine/neighbours/sim.h"

enum { NU = 10, NI = 14 };

static ratings *random_store(unsigned long seed, double density)
{
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, seed);
	ratings *r = ratings_new();
	char name[16];
	for (int u = 0; u < NU; u++)
		snprintf(name, sizeof name, "u%d", u), ratings_intern_user(r, name);
	for (int i = 0; i < NI; i++)
		snprintf(name, sizeof name, "i%d", i), ratings_intern_item(r, name);
	for (int u = 0; u < NU - 1; u++) /* the last user has no ratings */
		for (int i = 0; i < NI; i++)
			if (gsl_rng_uniform(g) < density)
				ratings_add(r, u, i, (float)(1 + gsl_rng_uniform_int(g, 5)), 0);
	gsl_rng_free(g);
	return r;
}

typedef struct nb {
	double sim, r;
	int x;
} nb;

static int nb_cmp(const void *a, const void *b)
{
	const nb *p = a, *q = b;
	if (p->sim != q->sim)
		return p->sim > q->sim ? -1 : 1;
	return p->x - q->x;
}

/* Surprise's predict(): the k most similar rows that rated the target,
 * positive similarities voting. */
static double reference(const ratings *r, int user_based, int variant, sim_kind kind, int k,
	int min_k, int u, int i)
{
	int nu = ratings_n_users(r), ni = ratings_n_items(r);
	double bu[NU], bi[NI];
	double mu = ratings_mean(r);
	double mu_b = baseline_als(r, 10, 15, 10, bu, bi);
	sim_cfg c = { .kind = kind, .user_based = user_based, .min_support = 1,
		      .shrinkage = 100, .mu = mu_b, .bu = bu, .bi = bi };
	int x = user_based ? u : i, y = user_based ? i : u;
	const uint32_t *px, *py;
	size_t nx = user_based ? ratings_user_entries(r, x, &px) : ratings_item_entries(r, x, &px);
	size_t ny = user_based ? ratings_item_entries(r, y, &py) : ratings_user_entries(r, y, &py);
	double base = mu_b + bu[u] + bi[i];
	if (nx == 0 || ny == 0)
		return variant == KNN_BASELINE ? base : mu;
	const ll_rating *e = ratings_entries(r);
	nb list[NU > NI ? NU : NI];
	int n = 0;
	for (size_t j = 0; j < ny; j++) {
		int x2 = user_based ? e[py[j]].user : e[py[j]].item;
		if (x2 == x)
			continue;
		/* The model keeps similarities as floats; rank as it does. */
		list[n++] = (nb){ (float)sim_pair(r, &c, x, x2, NULL), e[py[j]].value, x2 };
	}
	qsort(list, (size_t)n, sizeof *list, nb_cmp);
	double ss = 0, sr = 0;
	int used = 0;
	for (int j = 0; j < n && j < k; j++) {
		if (list[j].sim <= 0)
			continue;
		used++;
		ss += list[j].sim;
		if (variant == KNN_BASIC)
			sr += list[j].sim * list[j].r;
		else if (variant == KNN_MEANS) {
			const uint32_t *p;
			size_t m = user_based ? ratings_user_entries(r, list[j].x, &p)
					      : ratings_item_entries(r, list[j].x, &p);
			double mean = 0;
			for (size_t t = 0; t < m; t++)
				mean += e[p[t]].value;
			sr += list[j].sim * (list[j].r - mean / m);
		} else {
			int nu2 = user_based ? list[j].x : u, ni2 = user_based ? i : list[j].x;
			sr += list[j].sim * (list[j].r - (mu_b + bu[nu2] + bi[ni2]));
		}
	}
	(void)nu, (void)ni;
	if (variant == KNN_BASIC)
		return used < min_k || ss <= 0 ? mu : sr / ss;
	double est;
	if (variant == KNN_MEANS) {
		double mean = 0;
		for (size_t t = 0; t < nx; t++)
			mean += e[px[t]].value;
		est = mean / nx;
	} else
		est = base;
	return used < min_k || ss <= 0 ? est : est + sr / ss;
}

static model *make(int user_based, int variant, sim_kind kind, int k, int min_k, int keep)
{
	params *p = params_new();
	char buf[32];
	params_set(p, "sim", sim_name(kind));
	params_set(p, "variant", variant == KNN_BASIC ? "basic" : variant == KNN_MEANS ? "means" : "baseline");
	snprintf(buf, sizeof buf, "%d", k), params_set(p, "k", buf);
	snprintf(buf, sizeof buf, "%d", min_k), params_set(p, "min_k", buf);
	snprintf(buf, sizeof buf, "%d", keep), params_set(p, "keep", buf);
	ll_error err;
	model *m = model_new(user_based ? "knn-user" : "knn-item", p, &err);
	if (!m)
		fprintf(stderr, "model_new: %s\n", err.msg);
	params_free(&p);
	return m;
}

static void test_against_reference(void)
{
	ratings *r = random_store(5, 0.45);
	ll_error err;
	int bad = 0, cases = 0;
	for (int ub = 0; ub < 2; ub++)
		for (int v = KNN_BASIC; v <= KNN_BASELINE; v++)
			for (int kind = SIM_COSINE; kind <= SIM_EUCLIDEAN; kind++)
				for (int k = 1; k <= 5; k += 2)
					/* keep=0: dense; keep=n: lists holding every neighbour */
					for (int keep = 0; keep <= 1; keep++) {
						model *m = make(ub, v, kind, k, 2, keep ? (ub ? NU : NI) : 0);
						CHECK(m && model_fit(m, r, &err) == 0);
						if (!m)
							continue;
						for (int u = 0; u < NU; u++)
							for (int i = 0; i < NI; i++) {
								double want = reference(r, ub, v, kind, k, 2, u, i);
								double got = model_predict(m, u, i);
								cases++;
								if (fabs(want - got) > 1e-4) {
									if (bad++ < 5)
										fprintf(stderr, "ub=%d v=%d sim=%s k=%d keep=%d (%d,%d): %g vs %g\n",
											ub, v, sim_name(kind), k, keep, u, i, got, want);
								}
							}
						model_free(&m);
					}
	CHECK(bad == 0);
	CHECK(cases == 2 * 3 * 5 * 3 * 2 * NU * NI);
	ratings_free(&r);
}

static void test_extras(void)
{
	ratings *r = random_store(9, 0.5);
	ll_error err;
	model *m = make(1, KNN_BASIC, SIM_COSINE, 3, 1, 0);
	CHECK(model_fit(m, r, &err) == 0);
	CHECK(knn_is(m) && knn_user_based(m));
	int idx[NU];
	float s[NU];
	int n = knn_neighbours(m, 0, NU, idx, s);
	CHECK(n > 0 && n < NU);
	int sorted = 1;
	for (int j = 0; j < n; j++) {
		CHECK_NEAR(s[j], sim_pair(r, &(sim_cfg){ .kind = SIM_COSINE, .user_based = 1, .min_support = 1 }, 0, idx[j], NULL), 1e-5);
		if (j && s[j] > s[j - 1])
			sorted = 0;
		CHECK(idx[j] != 0 && idx[j] != NU - 1);
	}
	CHECK(sorted);
	CHECK(knn_sim_bytes(m) == (size_t)NU * NU * sizeof(float));
	CHECK(knn_total_bytes(m) > knn_sim_bytes(m));
	CHECK_STR(knn_storage(m), "dense 10 x 10");

	/* The user without ratings cannot be served: the global mean. */
	knn_detail d;
	double p = knn_predict_detail(m, NU - 1, 0, &d);
	CHECK(d.impossible && d.used == 0);
	CHECK_NEAR(p, ratings_mean(r), 1e-9);

	/* Save and load give the same predictions. */
	char path[] = "/tmp/test_knn_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	model *lm = make(0, KNN_BASELINE, SIM_PEARSON_BASELINE, 4, 1, 5);
	CHECK(model_fit(lm, r, &err) == 0);
	CHECK(model_save(lm, path, &err) == 0);
	model *back = model_load(path, &err);
	CHECK(back != NULL);
	int diff = 0;
	for (int u = 0; back && u < NU; u++)
		for (int i = 0; i < NI; i++)
			diff += model_predict(lm, u, i) != model_predict(back, u, i);
	CHECK(diff == 0);
	CHECK(back && strncmp(knn_storage(back), "top 5", 5) == 0);
	model_free(&back);
	/* keep below k keeps k lists, but never more than there are rows. */
	model *wide = make(0, KNN_BASIC, SIM_COSINE, 40, 1, 3);
	CHECK(wide && model_fit(wide, r, &err) == 0);
	char want[32];
	snprintf(want, sizeof want, "top %d of %d", ratings_n_items(r), ratings_n_items(r));
	CHECK(wide && !strcmp(knn_storage(wide), want));
	model_free(&wide);

	/* A file whose neighbour lists point outside the data is refused on
	 * reading (today's bytes, then every list entry made out of range):
	 * predict must never follow a forged index. The lists are the file's
	 * last part: counts (n), indexes (n x keep), similarities (n x keep). */
	FILE *f = fopen(path, "r+b");
	CHECK(f != NULL);
	long size = 0;
	if (f) {
		fseek(f, 0, SEEK_END);
		size = ftell(f);
	}
	int n_rows = 10, keep = 5; /* item-based on the toy data, top 5 */
	long at = size - 8L * n_rows * keep;
	for (int j = 0; f && j < n_rows * keep; j++) {
		int32_t bad = 1000000 + j;
		fseek(f, at + 4L * j, SEEK_SET);
		fwrite(&bad, sizeof bad, 1, f);
	}
	if (f)
		fclose(f);
	back = model_load(path, &err);
	CHECK(back == NULL && strstr(err.msg, "outside") != NULL);
	model_free(&back);
	/* A forged header that declares more lists than the file holds. */
	f = fopen(path, "r+b");
	if (f) {
		CHECK(ftruncate(fileno(f), size - 40) == 0);
		fclose(f);
	}
	back = model_load(path, &err);
	CHECK(back == NULL);
	model_free(&back);
	remove(path);
	model_free(&lm);

	/* Sparsity: count by brute force. */
	knn_sparsity sp;
	CHECK(knn_sparsity_stats(r, 1, &sp, &err) == 0);
	long long disjoint = 0;
	for (int a = 0; a < NU; a++)
		for (int b = a + 1; b < NU; b++) {
			int sup;
			sim_pair(r, &(sim_cfg){ .kind = SIM_MSD, .user_based = 1 }, a, b, &sup);
			disjoint += sup == 0;
		}
	CHECK(sp.pairs == NU * (NU - 1) / 2);
	CHECK(sp.disjoint == disjoint);
	CHECK(sp.disjoint >= NU - 1); /* the empty user shares nothing */
	CHECK(sp.rows_without_ratings == 1);

	/* Options are checked. */
	params *p2 = params_new();
	params_set(p2, "sim", "cosinus");
	CHECK(model_new("knn-item", p2, &err) == NULL);
	params_free(&p2);
	model_free(&m);
	ratings_free(&r);
}

int main(void)
{
	test_against_reference();
	test_extras();
	return check_done();
}

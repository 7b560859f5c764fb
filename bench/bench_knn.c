/* bench_knn.c: item-item similarity speed on ml-100k (target < 0.5 s), the
 * KNN accuracy bars on the u1-u5 folds, the memory of the neighbour
 * structures on ml-100k and ml-1m-part, and the sparsity case.
 * Needs $LATENTLAB_DATA; exits 77 without it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "engine/algo.h"
#include "engine/model/baseline.h"
#include "engine/neighbours/knn.h"
#include "engine/data/load.h"
#include "engine/model/model.h"
#include "engine/neighbours/sim.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static model *make(const char *algo, const char *opts)
{
	params *p = params_new();
	ll_error err;
	char buf[256];
	snprintf(buf, sizeof buf, "%s", opts);
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
		params_set_kv(p, w, &err);
	model *m = model_new(algo, p, &err);
	if (!m)
		fprintf(stderr, "%s: %s\n", algo, err.msg);
	params_free(&p);
	return m;
}

/* Mean RMSE over u1..u5 with clipped predictions, as `latentlab eval`. */
static double folds_rmse(const ratings *full, const char *dir, const char *algo, const char *opts,
	double *seconds)
{
	double sum = 0, t0 = now();
	for (int f = 1; f <= 5; f++) {
		char fold[8];
		snprintf(fold, sizeof fold, "u%d", f);
		size_t *tr, *te, ntr, nte;
		ll_error err;
		if (load_ml100k_fold(full, dir, fold, &tr, &ntr, &te, &nte, &err) < 0) {
			fprintf(stderr, "%s\n", err.msg);
			return -1;
		}
		ratings *train = ratings_subset(full, tr, ntr);
		model *m = make(algo, opts);
		if (!m || model_fit(m, train, &err) != 0) {
			fprintf(stderr, "fit: %s\n", err.msg);
			return -1;
		}
		const ll_rating *e = ratings_entries(full);
		double s2 = 0;
		for (size_t j = 0; j < nte; j++) {
			double d = model_predict_clipped(m, e[te[j]].user, e[te[j]].item) - e[te[j]].value;
			s2 += d * d;
		}
		sum += sqrt(s2 / (double)nte);
		model_free(&m);
		ratings_free(&train);
		free(tr), free(te);
	}
	*seconds = now() - t0;
	return sum / 5;
}

static void bench_similarity(const ratings *r)
{
	printf("item-item similarity on ml-100k (%d items, %zu ratings), OpenMP rows:\n",
		ratings_n_items(r), ratings_count(r));
	double bu[2000], bi[2000];
	double mu = baseline_als(r, 10, 15, 10, bu, bi);
	for (int kind = SIM_COSINE; kind <= SIM_EUCLIDEAN; kind++) {
		sim_cfg c = { .kind = kind, .user_based = 0, .min_support = 1, .shrinkage = 100,
			      .mu = mu, .bu = bu, .bi = bi };
		ll_error err;
		double t0 = now();
		float *S = sim_matrix(r, &c, &err);
		double t = now() - t0;
		/* Reference: the same matrix pair by pair (merging two sorted
		 * rows), on the first 200 items, scaled to the whole matrix. */
		int nref = 200, n = ratings_n_items(r);
		double t1 = now(), chk = 0;
		for (int a = 0; a < nref; a++)
			for (int b = 0; b < n; b++)
				chk += sim_pair(r, &c, a, b, NULL);
		double tref = (now() - t1) * n / nref;
		printf("  %-17s %.3f s  (pairwise merge: %.3f s est., x%.1f)%s\n", sim_name(kind), t, tref,
			tref / t, t < 0.5 ? "" : "  SLOWER THAN 0.5 s");
		(void)chk;
		free(S);
	}
}

static void accuracy(const ratings *full, const char *dir)
{
	static const struct { const char *algo, *opts; double bar; } runs[] = {
		{ "knn-item", "sim=pearson_baseline variant=baseline", 0.920 },
		{ "knn-user", "sim=msd variant=basic", 0.980 },
		{ "knn-item", "sim=pearson variant=means", 0.943 },
	};
	printf("\nRMSE on ml-100k u1-u5 (mean of folds; Surprise 1.1.4's bar):\n");
	for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
		double s = 0;
		double rmse = folds_rmse(full, dir, runs[i].algo, runs[i].opts, &s);
		printf("  %-9s %-40s %.4f  (bar %.3f)  %.2f s\n", runs[i].algo, runs[i].opts, rmse,
			runs[i].bar, s);
	}
}

static void memory(const char *name, const ratings *r)
{
	printf("\nneighbour structures on %s (%d users, %d items):\n", name, ratings_n_users(r),
		ratings_n_items(r));
	static const struct { const char *algo, *opts; } runs[] = {
		{ "knn-user", "sim=msd" },
		{ "knn-item", "sim=msd" },
		{ "knn-user", "sim=msd keep=100" },
		{ "knn-item", "sim=msd keep=100" },
	};
	for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
		model *m = make(runs[i].algo, runs[i].opts);
		ll_error err;
		double t0 = now();
		if (!m || model_fit(m, r, &err) != 0) {
			fprintf(stderr, "fit: %s\n", err.msg);
			model_free(&m);
			continue;
		}
		printf("  %-9s %-17s %-20s sims %9.1f KiB, total %9.1f KiB, fit %.2f s\n", runs[i].algo,
			runs[i].opts, knn_storage(m), knn_sim_bytes(m) / 1024.0,
			knn_total_bytes(m) / 1024.0, now() - t0);
		model_free(&m);
	}
}

static void sparsity(const ratings *full, const char *dir)
{
	ll_error err;
	knn_sparsity sp;
	knn_sparsity_stats(full, 1, &sp, &err);
	printf("\nsparsity of ml-100k: %lld user pairs, %lld (%.1f%%) share no rated item; "
	       "mean co-rated items per pair %.2f\n", sp.pairs, sp.disjoint,
		100.0 * sp.disjoint / sp.pairs, sp.mean_common);
	size_t *tr, *te, ntr, nte;
	if (load_ml100k_fold(full, dir, "u1", &tr, &ntr, &te, &nte, &err) < 0)
		return;
	ratings *train = ratings_subset(full, tr, ntr);
	knn_sparsity_stats(train, 1, &sp, &err);
	printf("  in u1.base: %lld of %lld user pairs (%.1f%%) share no rated item\n", sp.disjoint,
		sp.pairs, 100.0 * sp.disjoint / sp.pairs);
	/* A user KNN cannot serve: every user who rated the item has a
	 * similarity <= 0 with them (pearson: no common item, one common item,
	 * or opposite taste), so no neighbour votes; MF still has both vectors. */
	model *k = make("knn-user", "sim=pearson k=40 min_k=1");
	model *mf = make("biased", "k=32");
	if (k && model_fit(k, train, &err) == 0 && mf && model_fit(mf, train, &err) == 0) {
		const ll_rating *e = ratings_entries(full);
		int impossible = 0, shown = 0;
		double se_k = 0, se_mf = 0;
		for (size_t j = 0; j < nte; j++) {
			int u = e[te[j]].user, i = e[te[j]].item;
			const uint32_t *pos;
			if (ratings_item_entries(train, i, &pos) == 0)
				continue; /* an unseen item: nobody can serve it */
			knn_detail d;
			knn_predict_detail(k, u, i, &d);
			if (!d.impossible)
				continue;
			impossible++;
			double pk = model_predict_clipped(k, u, i), pm = model_predict_clipped(mf, u, i);
			se_k += (pk - e[te[j]].value) * (pk - e[te[j]].value);
			se_mf += (pm - e[te[j]].value) * (pm - e[te[j]].value);
			if (shown++ < 3)
				printf("  user %s, item %s (%s): %d users rated it, none with a positive "
				       "similarity; knn falls back to the mean %.3f, biased MF predicts %.3f "
				       "(true %.0f)\n", ratings_user_name(full, u), ratings_item_name(full, i),
					ratings_item_title(full, i), d.candidates, pk, pm, e[te[j]].value);
		}
		printf("  u1.test pairs with a known item that user-based KNN (pearson) cannot serve: "
		       "%d of %zu; RMSE on them: knn %.4f, biased MF %.4f\n", impossible, nte,
			impossible ? sqrt(se_k / impossible) : 0.0, impossible ? sqrt(se_mf / impossible) : 0.0);
	}
	model_free(&k);
	model_free(&mf);
	ratings_free(&train);
	free(tr), free(te);
}

int main(void)
{
	const char *data = getenv("LATENTLAB_DATA");
	char dir[1024], dir1m[1024];
	struct stat st;
	if (!data || snprintf(dir, sizeof dir, "%s/ml-100k", data) >= (int)sizeof dir ||
	    stat(dir, &st) != 0) {
		fprintf(stderr, "bench_knn: LATENTLAB_DATA with ml-100k/ is needed; skipped\n");
		return 77;
	}
	ll_error err;
	ratings *full = load_path(dir, &err);
	if (!full) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	bench_similarity(full);
	accuracy(full, dir);
	memory("ml-100k", full);
	snprintf(dir1m, sizeof dir1m, "%s/ml-1m-part", data);
	ratings *m1 = stat(dir1m, &st) == 0 ? load_path(dir1m, &err) : NULL;
	if (m1)
		memory("ml-1m-part", m1);
	sparsity(full, dir);
	ratings_free(&m1);
	ratings_free(&full);
	return 0;
}

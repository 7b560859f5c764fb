/* test_mf_biased.c: biased SGD (Surprise's SVD): its update is the gradient
 * of the regularized squared error, same seed same factors, fold-in, files,
 * and (with MovieLens) its accuracy on u1. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/mf/mf.h"
#include "engine/mf/mf_foldin.h"
#include "engine/model/model.h"

/* A synthetic store: 60 users x 40 items from rank-3 tastes plus noise, about
 * half the cells rated. */
static ratings *synthetic(unsigned long seed)
{
	ratings *r = ratings_new();
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, seed);
	double U[60][3], V[40][3];
	for (int u = 0; u < 60; u++)
		for (int f = 0; f < 3; f++)
			U[u][f] = gsl_ran_gaussian(g, 0.8);
	for (int i = 0; i < 40; i++)
		for (int f = 0; f < 3; f++)
			V[i][f] = gsl_ran_gaussian(g, 0.8);
	char name[16];
	for (int u = 0; u < 60; u++) {
		snprintf(name, sizeof name, "u%d", u);
		ratings_intern_user(r, name);
	}
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "i%d", i);
		ratings_intern_item(r, name);
	}
	for (int u = 0; u < 60; u++)
		for (int i = 0; i < 40; i++) {
			if (gsl_rng_uniform(g) < 0.5)
				continue;
			double v = 3 + 0.3 * (u % 3) - 0.2 * (i % 4) + gsl_ran_gaussian(g, 0.1);
			for (int f = 0; f < 3; f++)
				v += U[u][f] * V[i][f];
			v = v < 1 ? 1 : v > 5 ? 5 : v;
			ratings_add(r, u, i, (float)v, 0);
		}
	gsl_rng_free(g);
	return r;
}

static model *make(const char *algo, const char *const *kv)
{
	params *p = params_new();
	ll_error err;
	for (; *kv; kv++)
		params_set_kv(p, *kv, &err);
	model *m = model_new(algo, p, &err);
	if (!m)
		fprintf(stderr, "model_new: %s\n", err.msg);
	params_free(&p);
	return m;
}

/* J = 1/2 (r - mu - bu - bi - p.q)^2 + reg/2 (|p|^2 + |q|^2) + reg_b/2 (bu^2 + bi^2) */
static double objective(double r, double mu, double bu, double bi, const double *p,
			const double *q, int k, double reg, double regb)
{
	double pred = mu + bu + bi, np = 0, nq = 0;
	for (int f = 0; f < k; f++)
		pred += p[f] * q[f], np += p[f] * p[f], nq += q[f] * q[f];
	double e = r - pred;
	return 0.5 * e * e + 0.5 * reg * (np + nq) + 0.5 * regb * (bu * bu + bi * bi);
}

static void test_gradient(void)
{
	ratings *r = synthetic(1);
	ll_error err;
	const char *kv[] = { "k=5", "lr=0.01", "reg=0.05", "reg_bias=0.03", "epochs=3", "seed=9", NULL };
	model *m = make("biased", kv);
	CHECK(m && model_fit(m, r, &err) == 0); /* biases away from 0 first */
	double mu;
	const float *bu, *bi;
	CHECK(mf_biases(m, &mu, &bu, &bi) == 1);
	const int k = 5;
	for (size_t entry = 0; entry < 5; entry++) {
		const ll_rating *e = &ratings_entries(r)[entry * 37];
		double p[5], q[5], b_u = bu[e->user], b_i = bi[e->item];
		for (int f = 0; f < k; f++)
			p[f] = model_user_factors(m)[e->user * k + f], q[f] = model_item_factors(m)[e->item * k + f];
		mf_update u;
		CHECK(mf_step(m, r, entry * 37, &u, &err) == 0);
		/* Central differences of J; the step must be -lr * gradient. */
		const double h = 1e-5;
		for (int f = 0; f < k; f++) {
			double s = p[f];
			p[f] = s + h;
			double jp = objective(e->value, mu, b_u, b_i, p, q, k, 0.05, 0.03);
			p[f] = s - h;
			double jm = objective(e->value, mu, b_u, b_i, p, q, k, 0.05, 0.03);
			p[f] = s;
			double grad = (jp - jm) / (2 * h);
			CHECK_NEAR((u.p_after[f] - u.p_before[f]) / -0.01, grad, 2e-3 * (1 + fabs(grad)));
			s = q[f];
			q[f] = s + h;
			jp = objective(e->value, mu, b_u, b_i, p, q, k, 0.05, 0.03);
			q[f] = s - h;
			jm = objective(e->value, mu, b_u, b_i, p, q, k, 0.05, 0.03);
			q[f] = s;
			grad = (jp - jm) / (2 * h);
			CHECK_NEAR((u.q_after[f] - u.q_before[f]) / -0.01, grad, 2e-3 * (1 + fabs(grad)));
		}
		double jp = objective(e->value, mu, b_u + h, b_i, p, q, k, 0.05, 0.03);
		double jm = objective(e->value, mu, b_u - h, b_i, p, q, k, 0.05, 0.03);
		CHECK_NEAR((u.bu_after - u.bu_before) / -0.01, (jp - jm) / (2 * h), 2e-3);
		jp = objective(e->value, mu, b_u, b_i + h, p, q, k, 0.05, 0.03);
		jm = objective(e->value, mu, b_u, b_i - h, p, q, k, 0.05, 0.03);
		CHECK_NEAR((u.bi_after - u.bi_before) / -0.01, (jp - jm) / (2 * h), 2e-3);
	}
	model_free(&m);
	ratings_free(&r);
}

static long n_updates;
static void count_updates(void *ctx, const mf_update *u)
{
	(void)ctx, (void)u;
	n_updates++;
}

static void test_seed_foldin_save(void)
{
	ratings *r = synthetic(2);
	ll_error err;
	const char *kv[] = { "k=3", "lr=0.02", "reg=0.05", "epochs=400", "decay=0.985", "seed=5", NULL };
	model *a = make("biased", kv), *b = make("biased", kv);
	CHECK(model_fit(a, r, &err) == 0 && model_fit(b, r, &err) == 0);
	size_t np = (size_t)ratings_n_users(r) * 3, nq = (size_t)ratings_n_items(r) * 3;
	CHECK(memcmp(model_user_factors(a), model_user_factors(b), np * sizeof(float)) == 0);
	CHECK(memcmp(model_item_factors(a), model_item_factors(b), nq * sizeof(float)) == 0);
	const double *tr;
	CHECK(model_history(a, &tr, NULL) == 400 && tr[399] < 0.3);

	/* Fold-in of a training user from its own ratings, Q fixed. */
	double worst = 0;
	for (int user = 0; user < 10; user++) {
		const uint32_t *pos;
		size_t n = ratings_user_entries(r, user, &pos);
		int items[64];
		float vals[64], p[3], bias;
		for (size_t j = 0; j < n; j++)
			items[j] = ratings_entries(r)[pos[j]].item, vals[j] = ratings_entries(r)[pos[j]].value;
		CHECK(mf_foldin(a, (int)n, items, vals, -1, p, &bias, &err) == 0);
		const float *t = model_user_factors(a) + user * 3;
		double d = 0, nt = 0;
		for (int f = 0; f < 3; f++)
			d += (p[f] - t[f]) * (p[f] - t[f]), nt += t[f] * t[f];
		d = sqrt(d / nt);
		worst = d > worst ? d : worst;
	}
	printf("fold-in: worst relative distance %.4f\n", worst);
	CHECK(worst < 0.1);

	const char *path = "test_mf_biased.model";
	CHECK(model_save(a, path, &err) == 0);
	model *c = model_load(path, &err);
	CHECK(c != NULL);
	for (int u = 0; c && u < 60; u += 7)
		for (int i = 0; i < 40; i += 3)
			CHECK(model_predict(c, u, i) == model_predict(a, u, i));
	remove(path);
	model_free(&c);

	/* The traced loop runs the very same arithmetic as the fast pass. */
	const char *kv3[] = { "k=3", "lr=0.02", "reg=0.05", "epochs=5", "seed=5", NULL };
	model *tr1 = make("biased", kv3), *tr2 = make("biased", kv3);
	CHECK(mf_set_trace(tr1, count_updates, NULL, &err) == 0);
	CHECK(model_fit(tr1, r, &err) == 0 && model_fit(tr2, r, &err) == 0);
	CHECK(n_updates == 5 * (long)ratings_count(r));
	CHECK(memcmp(model_user_factors(tr1), model_user_factors(tr2), np * sizeof(float)) == 0);
	CHECK(memcmp(model_item_factors(tr1), model_item_factors(tr2), nq * sizeof(float)) == 0);
	model_free(&tr1);
	model_free(&tr2);
	/* k 13 runs every code path of the kernels (8-wide, 4-wide, scalar). */
	const char *kv4[] = { "k=13", "lr=0.01", "epochs=4", "seed=6", NULL };
	tr1 = make("biased", kv4), tr2 = make("biased", kv4);
	CHECK(mf_set_trace(tr1, count_updates, NULL, &err) == 0);
	CHECK(model_fit(tr1, r, &err) == 0 && model_fit(tr2, r, &err) == 0);
	CHECK(memcmp(model_user_factors(tr1), model_user_factors(tr2),
		     (size_t)ratings_n_users(r) * 13 * sizeof(float)) == 0);
	CHECK(memcmp(model_item_factors(tr1), model_item_factors(tr2),
		     (size_t)ratings_n_items(r) * 13 * sizeof(float)) == 0);
	model_free(&tr1);
	model_free(&tr2);

	/* Two threads (Hogwild) train as well, if not bit for bit. */
	const char *kv2[] = { "k=3", "lr=0.02", "reg=0.05", "epochs=150", "decay=0.98", "seed=5",
			      "threads=2", NULL };
	model *h = make("biased", kv2);
	CHECK(model_fit(h, r, &err) == 0);
	const double *th;
	CHECK(model_history(h, &th, NULL) == 150 && th[149] < 0.3);
	model_free(&h);
	model_free(&a);
	model_free(&b);
	ratings_free(&r);
}

/* ml-100k u1 with the defaults: a few seconds at most. */
static int test_movielens(void)
{
	const char *data = getenv("LATENTLAB_DATA");
	if (!data)
		return 0;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/ml-100k", data);
	ll_error err;
	ratings *full = load_path(dir, &err);
	if (!full)
		return 0;
	size_t *tr, *te, ntr, nte;
	CHECK(load_ml100k_fold(full, dir, "u1", &tr, &ntr, &te, &nte, &err) == 0);
	ratings *train = ratings_subset(full, tr, ntr), *test = ratings_subset(full, te, nte);
	const char *kv[] = { "seed=0", NULL };
	model *m = make("biased", kv);
	model_set_validation(m, test);
	CHECK(model_fit(m, train, &err) == 0);
	const double *trr, *ter;
	CHECK(model_history(m, &trr, &ter) == 20);
	printf("ml-100k u1, biased defaults: test RMSE %.4f\n", ter[19]);
	CHECK(ter[19] < 0.96);
	model_free(&m);
	free(tr), free(te);
	ratings_free(&train), ratings_free(&test), ratings_free(&full);
	return 1;
}

int main(void)
{
	test_gradient();
	test_seed_foldin_save();
	test_movielens();
	return check_done();
}

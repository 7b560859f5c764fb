/* test_mf_als.c: explicit and implicit ALS: every solved vector satisfies its
 * normal equations, fold-in of a training user is exactly its half-step,
 * threads change nothing, same seed same factors, files round-trip. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/mf/mf.h"
#include "engine/mf/mf_foldin.h"
#include "engine/model/model.h"

static ratings *synthetic(unsigned long seed)
{
	ratings *r = ratings_new();
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, seed);
	char name[16];
	for (int u = 0; u < 50; u++)
		snprintf(name, sizeof name, "u%d", u), ratings_intern_user(r, name);
	for (int i = 0; i < 30; i++)
		snprintf(name, sizeof name, "i%d", i), ratings_intern_item(r, name);
	for (int u = 0; u < 50; u++)
		for (int i = 0; i < 30; i++)
			if (gsl_rng_uniform(g) < 0.4)
				ratings_add(r, u, i, (float)(1 + gsl_rng_uniform_int(g, 5)), 0);
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

typedef struct check_ctx {
	const ratings *r;
	model *m;
	double reg, alpha;
	int weighted, bias, implicit;
	double worst;          /* largest relative residual seen */
	double worst_foldin;   /* largest fold-in difference seen */
	int sweeps;
} check_ctx;

/* Relative residual of row `row`'s normal equations (users when users=1). */
static double residual(check_ctx *c, int users, int row)
{
	model *m = c->m;
	int k = model_k(m), d = k + c->bias;
	const float *X = users ? model_user_factors(m) : model_item_factors(m);
	const float *Y = users ? model_item_factors(m) : model_user_factors(m);
	double mu = 0;
	const float *bu = NULL, *bi = NULL;
	if (c->bias)
		mf_biases(m, &mu, &bu, &bi);
	double A[16][16] = { { 0 } }, b[16] = { 0 }, x[16];
	for (int f = 0; f < k; f++)
		x[f] = X[row * k + f];
	if (c->bias)
		x[k] = users ? bu[row] : bi[row];
	if (c->implicit) {
		int n = users ? model_n_items(m) : model_n_users(m);
		for (int o = 0; o < n; o++)
			for (int f = 0; f < k; f++)
				for (int g = 0; g < k; g++)
					A[f][g] += (double)Y[o * k + f] * Y[o * k + g];
	}
	const uint32_t *pos;
	size_t n = users ? ratings_user_entries(c->r, row, &pos) : ratings_item_entries(c->r, row, &pos);
	for (size_t j = 0; j < n; j++) {
		const ll_rating *e = &ratings_entries(c->r)[pos[j]];
		int o = users ? e->item : e->user;
		double y[16];
		for (int f = 0; f < k; f++)
			y[f] = Y[o * k + f];
		if (c->bias)
			y[k] = 1;
		double w = c->implicit ? c->alpha * e->value : 1;
		double t = c->implicit ? 1 + c->alpha * e->value
			 : e->value - (c->bias ? mu + (users ? bi[o] : bu[o]) : 0);
		for (int f = 0; f < d; f++) {
			for (int g = 0; g < d; g++)
				A[f][g] += w * y[f] * y[g];
			b[f] += t * y[f];
		}
	}
	double lambda = c->reg * (c->weighted ? (double)n : 1.0), res = 0, nb = 0;
	for (int f = 0; f < d; f++) {
		double s = lambda * x[f] - b[f];
		for (int g = 0; g < d; g++)
			s += A[f][g] * x[g];
		res += s * s, nb += b[f] * b[f];
	}
	return nb > 0 ? sqrt(res / nb) : sqrt(res);
}

static void on_sweep(void *ctx, const mf_sweep *s)
{
	check_ctx *c = ctx;
	c->sweeps++;
	int users = s->half == MF_SWEEP_USERS;
	int rows = users ? model_n_users(c->m) : model_n_items(c->m);
	for (int r = 0; r < rows; r++) {
		double res = residual(c, users, r);
		c->worst = res > c->worst ? res : c->worst;
	}
	if (!users)
		return;
	/* Fold-in of each training user from its ratings is its half-step. */
	int k = model_k(c->m);
	for (int u = 0; u < model_n_users(c->m); u++) {
		const uint32_t *pos;
		size_t n = ratings_user_entries(c->r, u, &pos);
		int items[64];
		float vals[64], p[16], bias;
		for (size_t j = 0; j < n; j++)
			items[j] = ratings_entries(c->r)[pos[j]].item, vals[j] = ratings_entries(c->r)[pos[j]].value;
		ll_error err;
		if (mf_foldin(c->m, (int)n, items, vals, -1, p, &bias, &err) < 0) {
			c->worst_foldin = INFINITY;
			continue;
		}
		for (int f = 0; f < k; f++) {
			double d = fabs(p[f] - model_user_factors(c->m)[u * k + f]);
			c->worst_foldin = d > c->worst_foldin ? d : c->worst_foldin;
		}
	}
}

static void run_case(const char *algo, const char *const *kv, double reg, double alpha, int weighted,
		     int bias, int implicit)
{
	ratings *r = synthetic(3);
	ll_error err;
	model *m = make(algo, kv);
	check_ctx c = { r, m, reg, alpha, weighted, bias, implicit, 0, 0, 0 };
	CHECK(m && mf_set_sweep_trace(m, on_sweep, &c, &err) == 0);
	CHECK(model_fit(m, r, &err) == 0);
	CHECK(c.sweeps == 2 * model_epochs_done(m));
	printf("%s %s: worst normal-equation residual %.2e, fold-in difference %.2e\n", algo,
	       kv[0], c.worst, c.worst_foldin);
	CHECK(c.worst < 1e-4);
	CHECK(c.worst_foldin < 1e-5);
	CHECK(mf_set_trace(m, NULL, NULL, &err) < 0);

	/* Threads: every solve is independent, so the factors are identical. */
	const char *extra[16];
	int n = 0;
	for (; kv[n]; n++)
		extra[n] = kv[n];
	extra[n] = "threads=2", extra[n + 1] = NULL;
	model *t = make(algo, extra);
	CHECK(model_fit(t, r, &err) == 0);
	size_t np = (size_t)model_n_users(m) * model_k(m), nq = (size_t)model_n_items(m) * model_k(m);
	CHECK(memcmp(model_user_factors(t), model_user_factors(m), np * sizeof(float)) == 0);
	CHECK(memcmp(model_item_factors(t), model_item_factors(m), nq * sizeof(float)) == 0);

	const char *path = "test_mf_als.model";
	CHECK(model_save(m, path, &err) == 0);
	model *l = model_load(path, &err);
	CHECK(l != NULL);
	for (int u = 0; l && u < 50; u += 3)
		for (int i = 0; i < 30; i += 2)
			CHECK(model_predict(l, u, i) == model_predict(m, u, i));
	remove(path);
	model_free(&l);
	model_free(&t);
	model_free(&m);
	ratings_free(&r);
}

int main(void)
{
	const char *weighted[] = { "k=4", "reg=0.1", "epochs=5", "seed=1", NULL };
	run_case("als", weighted, 0.1, 0, 1, 0, 0);
	const char *plain[] = { "rank=5", "regParam=0.5", "weighted=0", "maxIter=4", NULL };
	run_case("als", plain, 0.5, 0, 0, 0, 0);
	const char *biased[] = { "k=3", "reg=0.05", "bias=1", "epochs=4", NULL };
	run_case("als", biased, 0.05, 0, 1, 1, 0);
	/* The exact solver: the check is that each row solves its equations. */
	const char *implicit[] = { "k=4", "reg=0.1", "alpha=2", "epochs=4", "solver=cholesky", NULL };
	run_case("ials", implicit, 0.1, 2, 0, 0, 1);

	ll_error err;
	params *p = params_new();
	/* Spark's implicitPrefs=true is implicit ALS, as in MLlib. */
	params_set(p, "implicitPrefs", "true");
	model *im = model_new("als", p, &err);
	CHECK(im && strcmp(model_algo(im), "ials") == 0);
	model_free(&im);
	params_free(&p);
	return check_done();
}

/* test_als_threads.c: explicit ALS gives the same bits on any number of
 * threads (one parallel region per sweep, each thread a block of rows cut
 * by work): factors, biases, the loss of every sweep and of every half, on
 * skewed data where a few users and items hold most ratings, with empty
 * rows, and with more threads than rows. The loss each sweep reports is the
 * training RMSE the model's predictions give. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/mf/mf.h"
#include "engine/model/model.h"

/* n_users x n_items with activity falling off as 1/rank (a long tail), and
 * the last user and item with no ratings at all. */
static ratings *skewed(int n_users, int n_items, unsigned long seed)
{
	ratings *r = ratings_new();
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, seed);
	char name[16];
	for (int u = 0; u < n_users; u++)
		snprintf(name, sizeof name, "u%d", u), ratings_intern_user(r, name);
	for (int i = 0; i < n_items; i++)
		snprintf(name, sizeof name, "i%d", i), ratings_intern_item(r, name);
	for (int u = 0; u + 1 < n_users; u++)
		for (int i = 0; i + 1 < n_items; i++)
			if (gsl_rng_uniform(g) < 3.0 / (1 + u % 17) / (1 + i % 23) + 0.02)
				ratings_add(r, u, i, (float)(1 + gsl_rng_uniform_int(g, 5)), 0);
	gsl_rng_free(g);
	return r;
}

typedef struct halves {
	double loss[64];
	int n;
} halves;

static void on_half(void *ctx, const mf_sweep *s)
{
	halves *h = ctx;
	if (h->n < 64)
		h->loss[h->n++] = s->loss;
}

static model *fit(const ratings *r, const char *opts, int threads, halves *h)
{
	params *p = params_new();
	ll_error err;
	char kv[256];
	snprintf(kv, sizeof kv, "%s", opts);
	for (char *t = strtok(kv, " "); t; t = strtok(NULL, " "))
		CHECK(params_set_kv(p, t, &err) == 0);
	char th[16];
	snprintf(th, sizeof th, "%d", threads);
	params_set(p, "threads", th);
	model *m = model_new("als", p, &err);
	params_free(&p);
	CHECK(m != NULL);
	if (!m)
		return NULL;
	h->n = 0;
	CHECK(mf_set_sweep_trace(m, on_half, h, &err) == 0);
	if (model_fit(m, r, &err) != 0) {
		fprintf(stderr, "fit: %s\n", err.msg);
		CHECK(0);
	}
	return m;
}

static int same_bits(const void *a, const void *b, size_t n)
{
	return (a == NULL && b == NULL) || (a && b && memcmp(a, b, n) == 0);
}

static void run(const ratings *r, const char *opts)
{
	halves h1, ht;
	model *one = fit(r, opts, 1, &h1);
	if (!one)
		return;
	int nu = model_n_users(one), ni = model_n_items(one), k = model_k(one);
	const double *tr1, *te1;
	int n1 = model_history(one, &tr1, &te1);
	CHECK(n1 == model_epochs_done(one) && h1.n == 2 * n1);
	/* The loss of the last half is what the predictions give. */
	CHECK_NEAR(tr1[n1 - 1], model_train_rmse(one, r), 1e-12 * tr1[n1 - 1]);
	CHECK(h1.loss[h1.n - 1] == tr1[n1 - 1]);
	const int threads[] = { 2, 3, 4, 64 };
	for (size_t j = 0; j < sizeof threads / sizeof *threads; j++) {
		model *t = fit(r, opts, threads[j], &ht);
		if (!t)
			continue;
		const double *trt, *tet;
		int nt = model_history(t, &trt, &tet);
		CHECK(nt == n1 && ht.n == h1.n);
		CHECK(same_bits(model_user_factors(t), model_user_factors(one),
				(size_t)nu * k * sizeof(float)));
		CHECK(same_bits(model_item_factors(t), model_item_factors(one),
				(size_t)ni * k * sizeof(float)));
		CHECK(same_bits(trt, tr1, (size_t)n1 * sizeof *tr1));
		CHECK(same_bits(ht.loss, h1.loss, (size_t)h1.n * sizeof *h1.loss));
		double mu1, mut;
		const float *bu1, *bi1, *but, *bit;
		int b1 = mf_biases(one, &mu1, &bu1, &bi1), bt = mf_biases(t, &mut, &but, &bit);
		CHECK(b1 == bt);
		if (b1 && bt) {
			CHECK(mu1 == mut);
			CHECK(same_bits(bu1, but, (size_t)nu * sizeof *bu1));
			CHECK(same_bits(bi1, bit, (size_t)ni * sizeof *bi1));
		}
		printf("als %s: threads=%d gives the bits of threads=1 (%d sweeps, loss %.6f)\n", opts,
		       threads[j], nt, trt[nt - 1]);
		model_free(&t);
	}
	model_free(&one);
}

int main(void)
{
	ratings *r = skewed(300, 200, 7);
	run(r, "k=8 reg=0.1 epochs=4 seed=3");
	run(r, "k=5 reg=0.05 bias=1 epochs=3 seed=5");
	run(r, "k=6 reg=0.2 weighted=0 epochs=3 seed=9");
	ratings_free(&r);
	/* Fewer rows than threads: most threads get no rows at all. */
	ratings *tiny = skewed(3, 4, 11);
	run(tiny, "k=2 reg=0.1 epochs=2 seed=1");
	ratings_free(&tiny);
	return check_done();
}

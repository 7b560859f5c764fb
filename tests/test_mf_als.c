/* test_mf_als.c: explicit and implicit ALS: every solved vector satisfies its
 * normal equations, fold-in of a training user is exactly its half-step,
 * threads change nothing, same seed same factors, files round-trip.
 * nonnegative=true: the constrained solve meets the KKT conditions, equals
 * the unconstrained one when that is already >= 0, and trained factors and
 * folded-in vectors are >= 0 on 1 and 2 threads alike. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/mf/mf.h"
#include "engine/mf/mf_foldin.h"
#include "engine/mf/mf_impl.h"
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

/* A random system: n rows of k (Gaussian, or uniform in (0, 1) when
 * positive), targets t, weights w (NULL unless weighted), base Y^T Y when
 * with_base. The test's own dense A and b, in the order of the definition. */
typedef struct nn_sys {
	int k, d, n, bias;
	float *Y, *t, *w;
	int *rows;
	double *base, *A, *b, lambda;
} nn_sys;

static void nn_make(nn_sys *s, gsl_rng *g, int k, int n, int bias, int weighted, int with_base,
		    int positive)
{
	s->k = k, s->n = n, s->bias = bias, s->d = k + bias;
	int d = s->d;
	s->Y = malloc((size_t)n * k * sizeof *s->Y);
	s->t = malloc((size_t)n * sizeof *s->t);
	s->w = weighted ? malloc((size_t)n * sizeof *s->w) : NULL;
	s->rows = malloc((size_t)n * sizeof *s->rows);
	s->base = with_base ? calloc((size_t)d * d, sizeof *s->base) : NULL;
	s->A = calloc((size_t)d * d, sizeof *s->A);
	s->b = calloc((size_t)d, sizeof *s->b);
	s->lambda = 0.05 + gsl_rng_uniform(g);
	for (int j = 0; j < n; j++) {
		s->rows[j] = j;
		for (int f = 0; f < k; f++)
			s->Y[(size_t)j * k + f] = positive ? (float)(0.05 + gsl_rng_uniform(g))
							   : (float)gsl_ran_gaussian(g, 1.0);
		s->t[j] = (float)gsl_ran_gaussian(g, 2.0);
		if (s->w)
			s->w[j] = (float)(0.5 + 2 * gsl_rng_uniform(g));
	}
	if (s->base)
		for (int j = 0; j < n; j++)
			for (int f = 0; f < k; f++)
				for (int h = 0; h < k; h++)
					s->base[(size_t)f * d + h] += (double)s->Y[(size_t)j * k + f] *
								      s->Y[(size_t)j * k + h];
	for (int f = 0; f < d; f++)
		for (int h = 0; h < d; h++)
			s->A[(size_t)f * d + h] = s->base ? s->base[(size_t)f * d + h] : 0;
	for (int j = 0; j < n; j++) {
		double y[64];
		for (int f = 0; f < k; f++)
			y[f] = s->Y[(size_t)j * k + f];
		if (bias)
			y[k] = 1;
		double wj = s->w ? s->w[j] : 1;
		for (int f = 0; f < d; f++) {
			s->b[f] += s->t[j] * y[f];
			for (int h = 0; h < d; h++)
				s->A[(size_t)f * d + h] += wj * y[f] * y[h];
		}
	}
	for (int f = 0; f < d; f++)
		s->A[(size_t)f * d + f] += s->lambda;
}

static void nn_free(nn_sys *s)
{
	free(s->Y), free(s->t), free(s->w), free(s->rows), free(s->base), free(s->A), free(s->b);
}

/* KKT of min x^T A x / 2 - b^T x over x[0..k) >= 0: x >= 0; the gradient
 * A x - b is >= 0 where x = 0 and 0 where x > 0 (and at the free bias).
 * Returns the worst violation relative to the size of b; counts zeros. */
static double nn_kkt(const nn_sys *s, const double *x, int *zeros)
{
	double scale = 1, worst = 0;
	for (int f = 0; f < s->d; f++)
		scale += fabs(s->b[f]);
	for (int f = 0; f < s->d; f++) {
		double gf = -s->b[f];
		for (int h = 0; h < s->d; h++)
			gf += s->A[(size_t)f * s->d + h] * x[h];
		double v;
		if (f < s->k && x[f] < 0)
			v = -x[f] * scale; /* infeasible counts hard */
		else if (f < s->k && x[f] == 0)
			v = gf < 0 ? -gf : 0, ++*zeros;
		else
			v = fabs(gf);
		if (v / scale > worst)
			worst = v / scale;
	}
	return worst;
}

static void test_nnls_solve(void)
{
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, 42);
	double worst = 0;
	int zeros = 0, cases = 0;
	for (int trial = 0; trial < 400; trial++) {
		nn_sys s;
		int k = 1 + (int)gsl_rng_uniform_int(g, 12), n = (int)gsl_rng_uniform_int(g, 30);
		nn_make(&s, g, k, n, trial % 2, trial % 3 == 0, trial % 5 == 0, 0);
		double *ws = malloc(mf_nnls_ws(s.d) * sizeof *ws), x[64];
		CHECK(mf_nnls_solve(s.Y, k, s.bias, s.base, s.rows, s.w, s.t, n, s.lambda, ws, x) ==
		      0);
		double v = nn_kkt(&s, x, &zeros);
		if (v > worst)
			worst = v;
		cases++;
		free(ws);
		nn_free(&s);
	}
	printf("nnls: %d random systems, worst KKT violation %.2e, %d coordinates held at 0\n",
	       cases, worst, zeros);
	CHECK(worst < 1e-10);
	CHECK(zeros > 100); /* the constraint was active, often */

	/* Planted: positive rows and targets t = Y x* with x* > 0 (plus a
	 * little noise) have a positive unconstrained solution, which the
	 * constrained solve returns to the bit. */
	int planted = 0;
	for (int trial = 0; trial < 50; trial++) {
		nn_sys s;
		int k = 2 + trial % 8, n = 40;
		nn_make(&s, g, k, n, trial % 2, trial % 3 == 0, 0, 1);
		double xs[64];
		s.lambda = 1e-3; /* little shrinkage, so x* is what comes back */
		for (int f = 0; f < k; f++)
			xs[f] = 1 + gsl_rng_uniform(g);
		for (int j = 0; j < n; j++) {
			double tj = 0.001 * gsl_ran_gaussian(g, 1.0) + (s.bias ? 0.3 : 0);
			for (int f = 0; f < k; f++)
				tj += xs[f] * s.Y[(size_t)j * k + f];
			/* b is sum t_j y_j, unweighted: the weighted system's x* needs w t. */
			s.t[j] = (float)(s.w ? s.w[j] * tj : tj);
		}
		double *w1 = malloc(mf_nnls_ws(s.d) * sizeof *w1), *w2 = malloc(mf_ls_ws(s.d) * sizeof *w2);
		double xn[64], xu[64];
		CHECK(mf_ls_solve(s.Y, k, s.bias, NULL, s.rows, s.w, s.t, n, s.lambda, w2, xu) == 0);
		CHECK(mf_nnls_solve(s.Y, k, s.bias, NULL, s.rows, s.w, s.t, n, s.lambda, w1, xn) == 0);
		int pos = 1;
		for (int f = 0; f < k; f++)
			pos &= xu[f] > 0;
		CHECK(pos);
		CHECK(!pos || memcmp(xn, xu, (size_t)s.d * sizeof *xn) == 0);
		planted += pos;
		free(w1), free(w2);
		nn_free(&s);
	}
	printf("nnls: %d planted positive systems give the unconstrained bits\n", planted);
	gsl_rng_free(g);
}

static int count_negative(const float *v, size_t n, size_t *zeros)
{
	int neg = 0;
	for (size_t i = 0; i < n; i++) {
		neg += v[i] < 0 || isnan(v[i]);
		*zeros += v[i] == 0;
	}
	return neg;
}

/* Trained with nonnegative=true: every factor >= 0, the same bits on 1 and
 * 2 threads, fold-in >= 0; and the option is not a no-op on these data. */
static void test_nonneg_train(const char *algo, const char *const *kv)
{
	ratings *r = synthetic(3);
	ll_error err;
	const char *with[16], *with2[16];
	int n = 0;
	for (; kv[n]; n++)
		with[n] = with2[n] = kv[n];
	with[n] = with2[n] = "nonnegative=true";
	with2[n + 1] = "threads=2";
	with[n + 1] = NULL, with2[n + 2] = NULL;
	model *free_m = make(algo, kv), *m = make(algo, with), *t = make(algo, with2);
	CHECK(free_m && m && t);
	if (!free_m || !m || !t)
		goto out;
	CHECK(model_fit(free_m, r, &err) == 0);
	CHECK(model_fit(m, r, &err) == 0);
	CHECK(model_fit(t, r, &err) == 0);
	CHECK(mf_nonnegative(m) && mf_nonnegative(t) && !mf_nonnegative(free_m));
	int k = model_k(m);
	size_t np = (size_t)model_n_users(m) * k, nq = (size_t)model_n_items(m) * k, zeros = 0,
	       zf = 0;
	CHECK(count_negative(model_user_factors(m), np, &zeros) == 0);
	CHECK(count_negative(model_item_factors(m), nq, &zeros) == 0);
	int neg_free = count_negative(model_user_factors(free_m), np, &zf) +
		       count_negative(model_item_factors(free_m), nq, &zf);
	CHECK(neg_free > 0);
	CHECK(zeros > 0);
	CHECK(memcmp(model_user_factors(t), model_user_factors(m), np * sizeof(float)) == 0);
	CHECK(memcmp(model_item_factors(t), model_item_factors(m), nq * sizeof(float)) == 0);
	const double *h1, *h2, *te;
	int e1 = model_history(m, &h1, &te), e2 = model_history(t, &h2, &te);
	CHECK(e1 == e2 && e1 > 0 && memcmp(h1, h2, (size_t)e1 * sizeof *h1) == 0);
	/* Fold-in keeps the constraint: every training user folded back in. */
	int items[30], fneg = 0, fzero = 0;
	float vals[30], p[64], bias;
	for (int u = 0; u < model_n_users(m); u++) {
		const uint32_t *pos;
		size_t c = ratings_user_entries(r, u, &pos);
		for (size_t j = 0; j < c; j++) {
			items[j] = ratings_entries(r)[pos[j]].item;
			vals[j] = ratings_entries(r)[pos[j]].value;
		}
		CHECK(mf_foldin(m, (int)c, items, vals, -1, p, &bias, &err) == 0);
		for (int f = 0; f < k; f++)
			fneg += p[f] < 0, fzero += p[f] == 0;
	}
	CHECK(fneg == 0);
	printf("%s %s nonnegative=true: %zu of %zu factors at 0 (free: %d < 0), train RMSE %.4f "
	       "(free %.4f), threads=2 the same bits, fold-in: %d of %d at 0\n", algo, kv[0], zeros,
	       np + nq, neg_free, model_train_rmse(m, r), model_train_rmse(free_m, r), fzero,
	       model_n_users(m) * k);
out:
	model_free(&free_m), model_free(&m), model_free(&t);
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

	test_nnls_solve();
	const char *nn1[] = { "k=6", "reg=0.1", "epochs=5", "seed=2", NULL };
	test_nonneg_train("als", nn1);
	const char *nn2[] = { "k=4", "reg=0.05", "bias=1", "weighted=0", "epochs=4", NULL };
	test_nonneg_train("als", nn2);
	const char *nn3[] = { "k=5", "reg=0.1", "alpha=2", "epochs=4", NULL };
	test_nonneg_train("ials", nn3);
	/* The CG solver has no constraint: asking for both is refused. */
	const char *cg[] = { "nonnegative=true", "solver=cg", NULL };
	model *bad = make("ials", cg);
	CHECK(bad == NULL);
	model_free(&bad);
	return check_done();
}

/* mf_als.c: matrix factorization by alternating least squares (explicit
 * ratings), the algorithm of Spark's ALS.
 *
 * Each epoch solves every user's vector with the items fixed, then every
 * item's with the users fixed; each is a k x k regularized least-squares
 * system solved by Cholesky (GSL):
 *   (Q_I^T Q_I + lambda n_u I) p_u = Q_I^T r_u     (weighted=1, Spark's rule)
 * or with plain lambda (weighted=0). bias=1 adds mu + b_u + b_i, solved as an
 * extra coordinate with a constant 1 on the other side. Defaults are Spark's:
 * rank 10, maxIter 10, regParam 0.1. Solves are independent, so threads > 1
 * (OpenMP) gives the same numbers as one thread. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mf/mf.h"
#include "engine/mf/mf_impl.h"

typedef struct als_model {
	mf_model mf;
	double init_std;
	int threads, bias;
} als_model;

static int als_init(mf_model *mf, const ratings *train, ll_error *err)
{
	als_model *a = (als_model *)mf;
	model *m = &mf->base;
	model_init_shape(m, train);
	if (model_alloc_factors(m, m->k, err) < 0)
		return -1;
	if (a->bias && mf_alloc_biases(mf, err) < 0)
		return -1;
	mf->mu = a->bias ? ratings_mean(train) : 0;
	gsl_rng_set(mf->rng, mf->seed);
	if (a->init_std > 0) {
		mf_fill_gaussian(mf, m->P, (size_t)m->n_users * m->k, a->init_std);
		mf_fill_gaussian(mf, m->Q, (size_t)m->n_items * m->k, a->init_std);
	}
	m->epochs_done = 0;
	m->n_hist = 0;
	mf->initialised = 1;
	return 0;
}

/* Solve every row of one side. users: 1 for the user half. Returns -1 and
 * the failing row in *bad when a system is singular. */
static int half_sweep(als_model *a, const ratings *train, int users, int *bad)
{
	mf_model *mf = &a->mf;
	model *m = &mf->base;
	int k = m->k, d = k + a->bias, n_rows = users ? m->n_users : m->n_items;
	float *X = users ? m->P : m->Q;
	const float *Y = users ? m->Q : m->P;
	float *xb = a->bias ? (users ? mf->bu : mf->bi) : NULL;
	const float *yb = a->bias ? (users ? mf->bi : mf->bu) : NULL;
	const ll_rating *ent = ratings_entries(train);
	size_t maxn = 1;
	const uint32_t *pos;
	for (int r = 0; r < n_rows; r++) {
		size_t c = users ? ratings_user_entries(train, r, &pos)
				 : ratings_item_entries(train, r, &pos);
		if (c > maxn)
			maxn = c;
	}
	int failed = -1;
#pragma omp parallel num_threads(a->threads)
	{
		double *ws = malloc((mf_ls_ws(d) + (size_t)d) * sizeof *ws);
		int *rows = malloc(maxn * sizeof *rows);
		float *t = malloc(maxn * sizeof *t);
		if (!ws || !rows || !t) {
#pragma omp critical
			failed = n_rows;
		}
		double *x = ws ? ws + mf_ls_ws(d) : NULL;
#pragma omp for schedule(dynamic, 16)
		for (int r = 0; r < n_rows; r++) {
			if (!ws || !rows || !t)
				continue;
			const uint32_t *p;
			size_t c = users ? ratings_user_entries(train, r, &p)
					 : ratings_item_entries(train, r, &p);
			float *xr = X + (size_t)r * k;
			if (c == 0) {
				memset(xr, 0, (size_t)k * sizeof *xr);
				if (xb)
					xb[r] = 0;
				continue;
			}
			for (size_t j = 0; j < c; j++) {
				const ll_rating *e = &ent[p[j]];
				int other = users ? e->item : e->user;
				rows[j] = other;
				t[j] = e->value - (a->bias ? (float)mf->mu + yb[other] : 0.0f);
			}
			double lambda = mf->reg * (mf->reg_weighted ? (double)c : 1.0);
			if (mf_ls_solve(Y, k, a->bias, NULL, rows, NULL, t, (int)c, lambda, ws, x) < 0) {
#pragma omp critical
				if (failed < 0 || r < failed)
					failed = r;
				continue;
			}
			for (int f = 0; f < k; f++)
				xr[f] = (float)x[f];
			if (xb)
				xb[r] = (float)x[k];
		}
		free(ws), free(rows), free(t);
	}
	*bad = failed;
	return failed >= 0 ? -1 : 0;
}

static int als_fit_epoch(model *m, const ratings *train, ll_error *err)
{
	als_model *a = (als_model *)m;
	mf_model *mf = &a->mf;
	if (!mf->initialised || m->n_users != ratings_n_users(train) ||
	    m->n_items != ratings_n_items(train)) {
		if (als_init(mf, train, err) < 0)
			return -1;
	}
	int epoch = m->epochs_done + 1;
	for (int half = MF_SWEEP_USERS; half <= MF_SWEEP_ITEMS; half++) {
		int bad;
		if (half_sweep(a, train, half == MF_SWEEP_USERS, &bad) < 0)
			return ll_fail(err, "ALS: the least-squares system of %s %d is singular "
				       "(reg=%g): use reg > 0", half == MF_SWEEP_USERS ? "user" : "item",
				       bad, mf->reg);
		double loss = mf_train_rmse(m, train);
		if (!isfinite(loss))
			return ll_fail(err, "training diverged at epoch %d (loss %g): "
				       "increase reg (reg=%g)", epoch, loss, mf->reg);
		if (mf->sweep) {
			mf_sweep s = {
				.epoch = epoch, .half = half, .loss = loss, .k = m->k,
				.n_rows = half == MF_SWEEP_USERS ? m->n_users : m->n_items,
				.factors = half == MF_SWEEP_USERS ? m->P : m->Q,
			};
			mf->sweep(mf->sweep_ctx, &s);
		}
		if (half == MF_SWEEP_ITEMS) {
			m->epochs_done = epoch;
			model_log_epoch(m, loss);
		}
	}
	return 0;
}

static double als_predict(const model *m, int user, int item)
{
	const mf_model *mf = (const mf_model *)m;
	if (!m->P || user < 0 || user >= m->n_users || item < 0 || item >= m->n_items)
		return NAN;
	double s = 0;
	const float *p = m->P + (size_t)user * m->k, *q = m->Q + (size_t)item * m->k;
	for (int f = 0; f < m->k; f++)
		s += (double)p[f] * q[f];
	if (mf->bu)
		s += mf->mu + mf->bu[user] + mf->bi[item];
	return s;
}

static int als_save(const model *m, FILE *f, ll_error *err)
{
	return mf_save_biases((const mf_model *)m, f, err);
}

static int als_load(model *m, FILE *f, ll_error *err)
{
	als_model *a = (als_model *)m;
	if (mf_load_biases(&a->mf, f, err) < 0)
		return -1;
	a->bias = a->mf.bu != NULL;
	return 0;
}

static void als_destroy(model *m)
{
	mf_common_destroy((mf_model *)m);
}

const model_ops mf_als_ops = {
	.algo = "als",
	.fit_epoch = als_fit_epoch,
	.predict = als_predict,
	.save = als_save,
	.load = als_load,
	.destroy = als_destroy,
};

model *mf_als_create(params *opts, ll_error *err)
{
	als_model *a = calloc(1, sizeof *a);
	if (!a) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	model *m = &a->mf.base;
	m->ops = &mf_als_ops;
	if (mf_common_init(&a->mf, MF_ALS, opts, err) < 0) {
		model_free(&m);
		return NULL;
	}
	m->k = (int)params_long(opts, "k|rank|factors|n_factors", 10);
	m->n_epochs = (int)params_long(opts, "epochs|maxIter|n_epochs|iter", 10);
	a->mf.reg = params_double(opts, "reg|regParam|lambda|reg_all", 0.1);
	a->mf.reg_weighted = params_bool(opts, "weighted|weighted_lambda", true);
	a->bias = params_bool(opts, "bias|biases", false);
	a->init_std = mf_param_init(opts, 0.1);
	a->threads = (int)params_long(opts, "threads|nthreads", 1);
	if (params_bool(opts, "implicitPrefs|implicit", false))
		params_invalid(opts, "implicit feedback is the 'ials' algorithm");
	if (m->k < 1 || m->k > 2000)
		params_invalid(opts, "k must be between 1 and 2000");
	if (m->n_epochs < 0)
		params_invalid(opts, "epochs must be >= 0");
	if (a->mf.reg < 0)
		params_invalid(opts, "reg must be >= 0");
	if (a->threads < 1 || a->threads > 256)
		params_invalid(opts, "threads must be between 1 and 256");
	a->mf.init = als_init;
	return m;
}

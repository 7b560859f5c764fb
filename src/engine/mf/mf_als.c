/* mf_als.c: matrix factorization by alternating least squares (explicit
 * ratings), the algorithm of Spark's ALS.
 *
 * Each epoch solves every user's vector with the items fixed, then every
 * item's with the users fixed; each is a k x k regularized least-squares
 * system solved by Cholesky (GSL):
 *   (Q_I^T Q_I + lambda n_u I) p_u = Q_I^T r_u     (weighted=1, Spark's rule)
 * or with plain lambda (weighted=0). bias=1 adds mu + b_u + b_i, solved as an
 * extra coordinate with a constant 1 on the other side. Defaults are Spark's:
 * rank 10, maxIter 10, regParam 0.1.
 *
 * nonnegative=true (Spark's option, off by default) constrains every factor
 * to >= 0: each row's solve minimises the same regularized squared error
 * over x >= 0 (the bias stays free) by Lawson and Hanson's active set on
 * the same normal equations (mf_nnls_solve). Rows whose unconstrained
 * solution is already >= 0 keep it to the bit.
 *
 * Threads (OpenMP, threads=N): one parallel region per sweep, both halves
 * inside it, with the one barrier the algorithm needs between them. The
 * rows are cut into contiguous blocks of about equal work (a row costs its
 * ratings times d^2 plus a d^3 solve), ALS_BLOCKS per thread, fixed by the
 * data and N alone; threads take the next block as they finish one. With
 * one block per thread (a static schedule) each half waits for its slowest
 * thread, and on cores that other jobs share that is whichever one the
 * machine preempted; with blocks taken in turn it holds up one block, and
 * on idle cores the blocks' equal work keeps the threads level. Each
 * block is a stretch of the factor table that one thread writes, and each
 * thread's scratch is one allocation of whole cache lines that no other
 * thread touches. A row's solve reads only the frozen side
 * and the loss is summed row by row in row order, so the numbers are the
 * same bits on any number of threads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "engine/mf/mf.h"
#include "engine/mf/mf_foldin.h"
#include "engine/mf/mf_impl.h"

#define ALS_LINE 64   /* bytes of a cache line */
#define ALS_BLOCKS 8  /* blocks of rows per thread */

typedef struct als_model {
	mf_model mf;
	double init_std;
	int threads, bias, nonneg;
	/* Squared error of each row's ratings after its solve, the users'
	 * then the items'; summed in row order into each half's loss. */
	double *row_loss;
	size_t cap_rows;
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

static size_t row_count(const ratings *train, int users, int r)
{
	const uint32_t *pos;
	return users ? ratings_user_entries(train, r, &pos) : ratings_item_entries(train, r, &pos);
}

/* Cut rows [0, n_rows) into `parts` contiguous blocks of about equal work:
 * block t is [cut[t], cut[t + 1]). */
static void cut_rows(const ratings *train, int users, int n_rows, int d, int parts, int *cut)
{
	double fixed = (double)d * d * d / 6 + (double)d * d, per = (double)d * d / 2 + 2.0 * d;
	double total = 0, acc = 0;
	for (int r = 0; r < n_rows; r++)
		total += fixed + per * (double)row_count(train, users, r);
	int t = 1;
	cut[0] = 0;
	for (int r = 0; r < n_rows && t < parts; r++) {
		acc += fixed + per * (double)row_count(train, users, r);
		while (t < parts && acc >= total * t / parts)
			cut[t++] = r + 1;
	}
	while (t <= parts)
		cut[t++] = n_rows;
}

static size_t line_up(size_t bytes)
{
	return (bytes + ALS_LINE - 1) / ALS_LINE * ALS_LINE;
}

/* One thread's scratch, in one block of whole cache lines that no other
 * thread touches. */
typedef struct als_scratch {
	void *block;
	double *ws, *x;
	int *rows;
	float *t;
} als_scratch;

static int scratch_new(als_scratch *s, int d, int nonneg, size_t maxn)
{
	size_t nws = line_up((nonneg ? mf_nnls_ws(d) : mf_ls_ws(d)) * sizeof(double)), nx = line_up((size_t)d * sizeof(double));
	size_t nr = line_up(maxn * sizeof(int)), nt = line_up(maxn * sizeof(float));
	char *b = aligned_alloc(ALS_LINE, nws + nx + nr + nt);
	memset(s, 0, sizeof *s);
	s->block = b;
	if (!b)
		return -1;
	s->ws = (double *)b;
	s->x = (double *)(b + nws);
	s->rows = (int *)(b + nws + nx);
	s->t = (float *)(b + nws + nx + nr);
	return 0;
}

/* Solve rows [lo, hi) of one side (users: 1 for the user half) and leave
 * each row's squared error in row_loss. Returns the first row whose system
 * is singular, or -1. */
static int solve_rows(als_model *a, const ratings *train, int users, int lo, int hi,
		      als_scratch *s, double *row_loss)
{
	mf_model *mf = &a->mf;
	model *m = &mf->base;
	int k = m->k;
	float *X = users ? m->P : m->Q;
	const float *Y = users ? m->Q : m->P;
	float *xb = a->bias ? (users ? mf->bu : mf->bi) : NULL;
	const float *yb = a->bias ? (users ? mf->bi : mf->bu) : NULL;
	const ll_rating *ent = ratings_entries(train);
	for (int r = lo; r < hi; r++) {
		const uint32_t *p;
		size_t c = users ? ratings_user_entries(train, r, &p)
				 : ratings_item_entries(train, r, &p);
		float *xr = X + (size_t)r * k;
		row_loss[r] = 0;
		if (c == 0) {
			memset(xr, 0, (size_t)k * sizeof *xr);
			if (xb)
				xb[r] = 0;
			continue;
		}
		for (size_t j = 0; j < c; j++) {
			const ll_rating *e = &ent[p[j]];
			int other = users ? e->item : e->user;
			s->rows[j] = other;
			s->t[j] = e->value - (a->bias ? (float)mf->mu + yb[other] : 0.0f);
		}
		double lambda = mf->reg * (mf->reg_weighted ? (double)c : 1.0);
		if ((a->nonneg ? mf_nnls_solve : mf_ls_solve)(Y, k, a->bias, NULL, s->rows, NULL,
							      s->t, (int)c, lambda, s->ws, s->x) < 0)
			return r;
		for (int f = 0; f < k; f++)
			xr[f] = (float)s->x[f];
		if (xb)
			xb[r] = (float)s->x[k];
		/* Each rating's error as als_predict computes it, the terms in
		 * its order, so the loss is model_train_rmse's up to the order
		 * of the sum. */
		double sse = 0;
		for (size_t j = 0; j < c; j++) {
			const ll_rating *e = &ent[p[j]];
			const float *y = Y + (size_t)s->rows[j] * k;
			double est = 0;
			for (int f = 0; f < k; f++)
				est += (double)xr[f] * y[f];
			if (xb)
				est += users ? mf->mu + xb[r] + yb[e->item] : mf->mu + yb[e->user] + xb[r];
			double dv = e->value - est;
			sse += dv * dv;
		}
		row_loss[r] = sse;
	}
	return -1;
}

static double half_loss(const double *row_loss, int n_rows, size_t n_ratings)
{
	double s = 0;
	for (int r = 0; r < n_rows; r++)
		s += row_loss[r];
	return n_ratings ? sqrt(s / (double)n_ratings) : 0;
}

static void report_half(als_model *a, int epoch, int half, double loss)
{
	mf_model *mf = &a->mf;
	model *m = &mf->base;
	mf_sweep s = {
		.epoch = epoch, .half = half, .loss = loss, .k = m->k,
		.n_rows = half == MF_SWEEP_USERS ? m->n_users : m->n_items,
		.factors = half == MF_SWEEP_USERS ? m->P : m->Q,
	};
	mf->sweep(mf->sweep_ctx, &s);
}

/* One sweep: the users' half, then the items' half, each row's squared
 * error into row_loss (users first, then items), the halves' losses into
 * loss[] and the first singular row of each half into bad[] (-1: none).
 * Returns -1 when out of memory. */
static int als_sweep(als_model *a, const ratings *train, int epoch, int *bad, double *loss)
{
	mf_model *mf = &a->mf;
	model *m = &mf->base;
	int nu = m->n_users, ni = m->n_items, d = m->k + a->bias, nt = a->threads;
	int nb = nt * ALS_BLOCKS;
	size_t maxn = 1, n_ratings = ratings_count(train);
	for (int r = 0; r < nu; r++)
		if (row_count(train, 1, r) > maxn)
			maxn = row_count(train, 1, r);
	for (int r = 0; r < ni; r++)
		if (row_count(train, 0, r) > maxn)
			maxn = row_count(train, 0, r);
	int *cut = malloc(2 * ((size_t)nb + 1) * sizeof *cut);
	als_scratch *sc = calloc((size_t)nt, sizeof *sc);
	int oom = !cut || !sc;
	for (int t = 0; !oom && t < nt; t++)
		oom = scratch_new(&sc[t], d, a->nonneg, maxn) < 0;
	if (oom)
		goto out;
	int *cu = cut, *ci = cut + nb + 1;
	cut_rows(train, 1, nu, d, nb, cu);
	cut_rows(train, 0, ni, d, nb, ci);
	double *lu = a->row_loss, *li = a->row_loss + nu;
	bad[0] = bad[1] = -1;
	loss[0] = loss[1] = NAN;
	/* One region for the sweep. A runtime that grants fewer threads than
	 * asked changes who solves a block, never the blocks or the numbers. */
#pragma omp parallel num_threads(nt)
	{
		int me = 0;
#ifdef _OPENMP
		me = omp_get_thread_num();
#endif
		als_scratch *mine = &sc[me];
#pragma omp for schedule(dynamic, 1) nowait
		for (int b = 0; b < nb; b++) {
			int r = solve_rows(a, train, 1, cu[b], cu[b + 1], mine, lu);
			if (r >= 0) {
#pragma omp critical(als_bad)
				if (bad[0] < 0 || r < bad[0])
					bad[0] = r;
			}
		}
		/* The items are solved against the new users. */
#pragma omp barrier
		/* The lab draws the users' half before the items move: the
		 * calling thread reports it while the others wait. */
		if (mf->sweep && bad[0] < 0) {
#pragma omp master
			{
				loss[0] = half_loss(lu, nu, n_ratings);
				report_half(a, epoch, MF_SWEEP_USERS, loss[0]);
			}
#pragma omp barrier
		}
		if (bad[0] < 0) {
#pragma omp for schedule(dynamic, 1) nowait
			for (int b = 0; b < nb; b++) {
				int r = solve_rows(a, train, 0, ci[b], ci[b + 1], mine, li);
				if (r >= 0) {
#pragma omp critical(als_bad)
					if (bad[1] < 0 || r < bad[1])
						bad[1] = r;
				}
			}
		}
	}
	if (bad[0] < 0)
		loss[0] = half_loss(lu, nu, n_ratings);
	if (bad[0] < 0 && bad[1] < 0)
		loss[1] = half_loss(li, ni, n_ratings);
out:
	for (int t = 0; sc && t < nt; t++)
		free(sc[t].block);
	free(sc), free(cut);
	return oom ? -1 : 0;
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
	size_t rows = (size_t)m->n_users + (size_t)m->n_items + 1;
	if (rows > a->cap_rows) {
		double *rl = realloc(a->row_loss, rows * sizeof *rl);
		if (!rl)
			return ll_fail(err, "out of memory");
		a->row_loss = rl, a->cap_rows = rows;
	}
	int epoch = m->epochs_done + 1, bad[2];
	double loss[2];
	if (als_sweep(a, train, epoch, bad, loss) < 0)
		return ll_fail(err, "out of memory");
	for (int half = MF_SWEEP_USERS; half <= MF_SWEEP_ITEMS; half++) {
		if (bad[half] >= 0)
			return ll_fail(err, "ALS: the least-squares system of %s %d is singular "
				       "(reg=%g): use reg > 0", half == MF_SWEEP_USERS ? "user" : "item",
				       bad[half], mf->reg);
		if (!isfinite(loss[half]))
			return ll_fail(err, "training diverged at epoch %d (loss %g): "
				       "increase reg (reg=%g)", epoch, loss[half], mf->reg);
	}
	if (mf->sweep)
		report_half(a, epoch, MF_SWEEP_ITEMS, loss[MF_SWEEP_ITEMS]);
	m->epochs_done = epoch;
	model_log_epoch(m, loss[MF_SWEEP_ITEMS]);
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

int mf_als_nonnegative(const model *m)
{
	return m && m->ops == &mf_als_ops && ((const als_model *)m)->nonneg;
}

static void als_destroy(model *m)
{
	free(((als_model *)m)->row_loss);
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
	a->nonneg = params_bool(opts, "nonnegative|nonneg", false);
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

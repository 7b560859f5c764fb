/* mf_ials.c: alternating least squares for implicit feedback (Hu, Koren and
 * Volinsky 2008), Spark's ALS with implicitPrefs=true.
 *
 * Every (user, item) cell counts: preference 1 where the user rated the item
 * (any value r > 0 is an observation of strength r), 0 elsewhere, with
 * confidence c = 1 + alpha r where observed and 1 elsewhere. A user's vector
 * solves
 *   (Y^T Y + Y_u^T (C_u - I) Y_u + lambda I) x_u = Y_u^T C_u p_u
 * where Y^T Y is computed once per half-sweep (the paper's trick), so each
 * solve costs only the user's own items. solver=cg (the default, as in
 * implicit and Spark) takes cg_steps conjugate-gradient steps (3) from the
 * previous vector; solver=cholesky solves each system exactly. Predictions
 * are scores x_u . y_i for ranking, not ratings. Defaults: rank 10, maxIter
 * 10, regParam 0.1, alpha 1 (Spark's). Regularisation: lambda is regParam
 * itself by default (the paper's, and the `implicit` library's); weighted=yes
 * scales it by the row's number of observed items, as Spark's ALS does
 * ("ALS-WR"), so to reproduce Spark set weighted=yes. The epoch's loss is the square root
 * of the confidence-weighted squared error averaged over all cells (computed
 * exactly with the same trick, without visiting the empty cells: the empty
 * cells' part is the sum of (X^T X) o (Y^T Y), and the Gram of the side just
 * solved is the one the next half-sweep needs, so each half computes one).
 *
 * nonnegative=true (Spark's option) constrains every factor to >= 0 by the
 * exact nonnegative solve (mf_nnls_solve, Lawson and Hanson), so it takes
 * solver=cholesky, which is then the default. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mf/mf.h"
#include "engine/mf/mf_cg.h"
#include "engine/mf/mf_foldin.h"
#include "engine/mf/mf_impl.h"
#include "engine/mf/mf_kernels.h"

/* The Gram of one side, and a fingerprint of the factors it was computed
 * from: a lesson may write factors between epochs. */
typedef struct ials_gram {
	double *G;             /* k x k */
	uint64_t print;
	int valid;
} ials_gram;

typedef struct ials_model {
	mf_model mf;
	double init_std;
	int threads;
	int cg, cg_steps;      /* solver=cg and its steps per row */
	int nonneg;            /* nonnegative=true: every factor >= 0 */
	ials_gram gp, gq;      /* of P and of Q */
	float *gf;             /* the fixed side's Gram in float, stride mf_cg_stride(k) */
	double *row_loss;      /* per row of the side solved, summed in order */
} ials_model;

static uint64_t fingerprint(const float *X, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	const uint32_t *b = (const uint32_t *)X;
	for (size_t j = 0; j < n; j++)
		h = (h ^ b[j]) * 1099511628211ull;
	return h ^ n;
}

/* Y^T Y in double, four rows at a time through ALS's Gram kernel. */
static void gram_of(const float *Y, int rows, int k, double *G)
{
	double y4[4 * 2000 + 4], w4[4] = { 1, 1, 1, 1 };
	memset(G, 0, (size_t)k * k * sizeof *G);
	for (int i0 = 0; i0 < rows; i0 += 4) {
		int nr = rows - i0 < 4 ? rows - i0 : 4;
		for (int r = 0; r < nr; r++)
			for (int f = 0; f < k; f++)
				y4[(size_t)r * k + f] = Y[(size_t)(i0 + r) * k + f];
		mf_gram4(G, k, y4, w4, nr);
	}
	for (int f = 0; f < k; f++)
		for (int g = 0; g < f; g++)
			G[(size_t)g * k + f] = G[(size_t)f * k + g];
}

static void gram_update(ials_gram *g, const float *Y, int rows, int k)
{
	uint64_t print = fingerprint(Y, (size_t)rows * k);
	if (g->valid && g->print == print)
		return;
	gram_of(Y, rows, k, g->G);
	g->print = print;
	g->valid = 1;
}

static int ials_init(mf_model *mf, const ratings *train, ll_error *err)
{
	ials_model *a = (ials_model *)mf;
	model *m = &mf->base;
	model_init_shape(m, train);
	if (model_alloc_factors(m, m->k, err) < 0)
		return -1;
	int kp = mf_cg_stride(m->k);
	size_t rows = (size_t)(m->n_users > m->n_items ? m->n_users : m->n_items) + 1;
	free(a->gp.G), free(a->gq.G), free(a->gf), free(a->row_loss);
	a->gp.G = malloc((size_t)m->k * m->k * sizeof *a->gp.G);
	a->gq.G = malloc((size_t)m->k * m->k * sizeof *a->gq.G);
	a->gf = calloc((size_t)kp * kp, sizeof *a->gf);
	a->row_loss = malloc(rows * sizeof *a->row_loss);
	a->gp.valid = a->gq.valid = 0;
	if (!a->gp.G || !a->gq.G || !a->gf || !a->row_loss)
		return ll_fail(err, "out of memory");
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

/* Solve every row of one side against the other side's Gram G, and leave
 * each row's observed share of the loss in row_loss. */
static int half_sweep(ials_model *a, const ratings *train, int users, const double *G, int *bad)
{
	mf_model *mf = &a->mf;
	model *m = &mf->base;
	int k = m->k, kp = mf_cg_stride(k), n_rows = users ? m->n_users : m->n_items;
	float *X = users ? m->P : m->Q;
	const float *Y = users ? m->Q : m->P;
	if (a->cg)
		for (int f = 0; f < k; f++)
			for (int g = 0; g < k; g++)
				a->gf[(size_t)f * kp + g] = (float)G[(size_t)f * k + g];
	const ll_rating *ent = ratings_entries(train);
	size_t maxn = 1;
	const uint32_t *pos;
	for (int r = 0; r < n_rows; r++) {
		size_t c = users ? ratings_user_entries(train, r, &pos)
				 : ratings_item_entries(train, r, &pos);
		if (c > maxn)
			maxn = c;
	}
	/* CG solves rows in groups (their G products share the loads of G);
	 * each row's numbers are the same in any group, on any thread. */
	const int grp = a->cg ? MF_CG_GROUP : 1, n_groups = (n_rows + grp - 1) / grp;
	size_t nws = a->cg ? mf_cg_ws(k) * grp
			   : (a->nonneg ? mf_nnls_ws(k) : mf_ls_ws(k)) + (size_t)k;
	int failed = -1;
#pragma omp parallel num_threads(a->threads)
	{
		double *ws = a->cg ? NULL : malloc(nws * sizeof *ws);
		float *fws = a->cg ? malloc(nws * sizeof *fws) : NULL;
		int *rows = malloc(grp * maxn * sizeof *rows);
		float *w = malloc(grp * maxn * sizeof *w), *t = malloc(maxn * sizeof *t);
		float *dots = a->cg ? malloc(2 * grp * maxn * sizeof *dots) : NULL;
		int ok = (ws || (fws && dots)) && rows && w && t;
		if (!ok) {
#pragma omp critical
			failed = n_rows;
		}
		double *x = ws ? ws + (a->nonneg ? mf_nnls_ws(k) : mf_ls_ws(k)) : NULL;
		mf_cg_row desc[MF_CG_GROUP];
#pragma omp for schedule(dynamic, 4)
		for (int gi = 0; gi < n_groups; gi++) {
			if (!ok)
				continue;
			int r0 = gi * grp, m = n_rows - r0 < grp ? n_rows - r0 : grp;
			for (int q = 0; q < m; q++) {
				int r = r0 + q;
				int *rq = rows + (size_t)q * maxn;
				float *wq = w + (size_t)q * maxn;
				const uint32_t *p;
				size_t c = users ? ratings_user_entries(train, r, &p)
						 : ratings_item_entries(train, r, &p);
				for (size_t j = 0; j < c; j++) {
					const ll_rating *e = &ent[p[j]];
					rq[j] = users ? e->item : e->user;
					wq[j] = (float)(a->mf.alpha * e->value);
					if (!a->cg)
						t[j] = 1.0f + wq[j];
				}
				double lambda = mf->reg * (mf->reg_weighted && c ? (double)c : 1.0);
				float *xr = X + (size_t)r * k;
				if (a->cg) {
					desc[q] = (mf_cg_row){ rq, wq, (int)c, (float)lambda, xr,
							       dots + 2 * (size_t)q * maxn, &a->row_loss[r] };
					continue;
				}
				if ((a->nonneg ? mf_nnls_solve : mf_ls_solve)(Y, k, 0, G, rq, wq, t,
									      (int)c, lambda, ws, x) < 0) {
#pragma omp critical
					if (failed < 0 || r < failed)
						failed = r;
					continue;
				}
				for (int f = 0; f < k; f++)
					xr[f] = (float)x[f];
				a->row_loss[r] = mf_cg_row_loss(Y, k, rq, wq, (int)c, xr);
			}
			if (a->cg)
				mf_cg_solve_rows(a->gf, Y, k, m, desc, a->cg_steps, fws);
		}
		free(ws), free(fws), free(dots), free(rows), free(t), free(w);
	}
	*bad = failed;
	return failed >= 0 ? -1 : 0;
}

/* sqrt(sum over all cells of c (p - x.y)^2 / cells): the empty cells
 * contribute sum_u x_u^T (Y^T Y) x_u = sum (X^T X) o (Y^T Y), minus what
 * the observed ones hold (row_loss adds that back with their true weight). */
static double ials_loss(const ials_model *a, int n_rows)
{
	const model *m = &a->mf.base;
	int k = m->k;
	double all = 0;
	for (size_t j = 0, n = (size_t)k * k; j < n; j++)
		all += a->gp.G[j] * a->gq.G[j];
	for (int r = 0; r < n_rows; r++)
		all += a->row_loss[r];
	double cells = (double)m->n_users * m->n_items;
	return cells > 0 && all > 0 ? sqrt(all / cells) : 0;
}

static int ials_fit_epoch(model *m, const ratings *train, ll_error *err)
{
	ials_model *a = (ials_model *)m;
	mf_model *mf = &a->mf;
	if (!mf->initialised || m->n_users != ratings_n_users(train) ||
	    m->n_items != ratings_n_items(train)) {
		if (ials_init(mf, train, err) < 0)
			return -1;
	}
	int epoch = m->epochs_done + 1;
	for (int half = MF_SWEEP_USERS; half <= MF_SWEEP_ITEMS; half++) {
		int bad, users = half == MF_SWEEP_USERS;
		/* The fixed side's Gram: usually the one the last loss computed. */
		ials_gram *fixed = users ? &a->gq : &a->gp, *solved = users ? &a->gp : &a->gq;
		gram_update(fixed, users ? m->Q : m->P, users ? m->n_items : m->n_users, m->k);
		if (half_sweep(a, train, users, fixed->G, &bad) < 0)
			return ll_fail(err, "implicit ALS: the least-squares system of %s %d is "
				       "singular (reg=%g): use reg > 0",
				       users ? "user" : "item", bad, mf->reg);
		solved->valid = 0;
		gram_update(solved, users ? m->P : m->Q, users ? m->n_users : m->n_items, m->k);
		double loss = ials_loss(a, users ? m->n_users : m->n_items);
		if (!isfinite(loss))
			return ll_fail(err, "training diverged at epoch %d (loss %g): "
				       "increase reg (reg=%g) or lower alpha (alpha=%g)",
				       epoch, loss, mf->reg, mf->alpha);
		if (mf->sweep) {
			mf_sweep s = {
				.epoch = epoch, .half = half, .loss = loss, .k = m->k,
				.n_rows = users ? m->n_users : m->n_items,
				.factors = users ? m->P : m->Q,
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

static double ials_predict(const model *m, int user, int item)
{
	if (!m->P || user < 0 || user >= m->n_users || item < 0 || item >= m->n_items)
		return NAN;
	double s = 0;
	const float *p = m->P + (size_t)user * m->k, *q = m->Q + (size_t)item * m->k;
	for (int f = 0; f < m->k; f++)
		s += (double)p[f] * q[f];
	return s;
}

static int ials_save(const model *m, FILE *f, ll_error *err)
{
	const mf_model *mf = (const mf_model *)m;
	if (fwrite(&mf->alpha, sizeof mf->alpha, 1, f) != 1)
		return ll_fail(err, "write failed");
	return mf_save_biases(mf, f, err);
}

static int ials_load(model *m, FILE *f, ll_error *err)
{
	mf_model *mf = (mf_model *)m;
	if (fread(&mf->alpha, sizeof mf->alpha, 1, f) != 1)
		return ll_fail(err, "model file is truncated");
	return mf_load_biases(mf, f, err);
}

int mf_ials_nonnegative(const model *m)
{
	return m && m->ops == &mf_ials_ops && ((const ials_model *)m)->nonneg;
}

static void ials_destroy(model *m)
{
	ials_model *a = (ials_model *)m;
	free(a->gp.G), free(a->gq.G), free(a->gf), free(a->row_loss);
	mf_common_destroy(&a->mf);
}

const model_ops mf_ials_ops = {
	.algo = "ials",
	.fit_epoch = ials_fit_epoch,
	.predict = ials_predict,
	.save = ials_save,
	.load = ials_load,
	.destroy = ials_destroy,
};

model *mf_ials_create(params *opts, ll_error *err)
{
	ials_model *a = calloc(1, sizeof *a);
	if (!a) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	model *m = &a->mf.base;
	m->ops = &mf_ials_ops;
	if (mf_common_init(&a->mf, MF_IALS, opts, err) < 0) {
		model_free(&m);
		return NULL;
	}
	m->k = (int)params_long(opts, "k|rank|factors|n_factors", 10);
	m->n_epochs = (int)params_long(opts, "epochs|maxIter|n_epochs|iter", 10);
	a->mf.reg = params_double(opts, "reg|regParam|lambda|reg_all", 0.1);
	a->mf.alpha = params_double(opts, "alpha", 1.0);
	a->mf.reg_weighted = params_bool(opts, "weighted|weighted_lambda", false);
	a->init_std = mf_param_init(opts, 0.1);
	a->threads = (int)params_long(opts, "threads|nthreads", 1);
	a->nonneg = params_bool(opts, "nonnegative|nonneg", false);
	const char *solver = params_str(opts, "solver", a->nonneg ? "cholesky" : "cg");
	a->cg = !strcmp(solver, "cg");
	a->cg_steps = (int)params_long(opts, "cg_steps|cg_iterations", 3);
	(void)params_bool(opts, "implicitPrefs|implicit", true); /* Spark's switch: always on here */
	if (m->k < 1 || m->k > 2000)
		params_invalid(opts, "k must be between 1 and 2000");
	/* Bounded: a log row is kept per epoch. */
	if (m->n_epochs < 0 || m->n_epochs > 100000)
		params_invalid(opts, "epochs must be between 0 and 100000");
	if (a->mf.reg < 0)
		params_invalid(opts, "reg must be >= 0");
	if (a->mf.alpha < 0)
		params_invalid(opts, "alpha must be >= 0");
	if (a->threads < 1 || a->threads > 256)
		params_invalid(opts, "threads must be between 1 and 256");
	if (!a->cg && strcmp(solver, "cholesky"))
		params_invalid(opts, "solver must be cg or cholesky");
	if (a->nonneg && a->cg)
		params_invalid(opts, "nonnegative=true needs solver=cholesky");
	if (a->cg_steps < 1 || a->cg_steps > 1000)
		params_invalid(opts, "cg_steps must be between 1 and 1000");
	a->mf.init = ials_init;
	return m;
}

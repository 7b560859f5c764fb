/* mf_ials.c: alternating least squares for implicit feedback (Hu, Koren and
 * Volinsky 2008), Spark's ALS with implicitPrefs=true.
 *
 * Every (user, item) cell counts: preference 1 where the user rated the item
 * (any value r > 0 is an observation of strength r), 0 elsewhere, with
 * confidence c = 1 + alpha r where observed and 1 elsewhere. A user's vector
 * solves
 *   (Y^T Y + Y_u^T (C_u - I) Y_u + lambda I) x_u = Y_u^T C_u p_u
 * where Y^T Y is computed once per half-sweep (the paper's trick), so each
 * solve costs only the user's own items. Predictions are scores x_u . y_i
 * for ranking, not ratings. Defaults: rank 10, maxIter 10, regParam 0.1,
 * alpha 1 (Spark's). The epoch's loss is the square root of the confidence-
 * weighted squared error averaged over all cells (computed exactly with the
 * same trick, without visiting the empty cells). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mf/mf.h"
#include "engine/mf/mf_impl.h"

typedef struct ials_model {
	mf_model mf;
	double init_std;
	int threads;
	double *gram;          /* k x k */
} ials_model;

static void gram_of(const float *Y, int rows, int k, double *G)
{
	memset(G, 0, (size_t)k * k * sizeof *G);
	for (int i = 0; i < rows; i++) {
		const float *y = Y + (size_t)i * k;
		for (int f = 0; f < k; f++) {
			double yf = y[f];
			for (int g = 0; g <= f; g++)
				G[(size_t)f * k + g] += yf * y[g];
		}
	}
	for (int f = 0; f < k; f++)
		for (int g = 0; g < f; g++)
			G[(size_t)g * k + f] = G[(size_t)f * k + g];
}

static int ials_init(mf_model *mf, const ratings *train, ll_error *err)
{
	ials_model *a = (ials_model *)mf;
	model *m = &mf->base;
	model_init_shape(m, train);
	if (model_alloc_factors(m, m->k, err) < 0)
		return -1;
	free(a->gram);
	a->gram = malloc((size_t)m->k * m->k * sizeof *a->gram);
	if (!a->gram)
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

static int half_sweep(ials_model *a, const ratings *train, int users, int *bad)
{
	mf_model *mf = &a->mf;
	model *m = &mf->base;
	int k = m->k, n_rows = users ? m->n_users : m->n_items;
	float *X = users ? m->P : m->Q;
	const float *Y = users ? m->Q : m->P;
	gram_of(Y, users ? m->n_items : m->n_users, k, a->gram);
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
		double *ws = malloc((mf_ls_ws(k) + (size_t)k) * sizeof *ws);
		int *rows = malloc(maxn * sizeof *rows);
		float *t = malloc(maxn * sizeof *t), *w = malloc(maxn * sizeof *w);
		if (!ws || !rows || !t || !w) {
#pragma omp critical
			failed = n_rows;
		}
		double *x = ws ? ws + mf_ls_ws(k) : NULL;
#pragma omp for schedule(dynamic, 16)
		for (int r = 0; r < n_rows; r++) {
			if (!ws || !rows || !t || !w)
				continue;
			const uint32_t *p;
			size_t c = users ? ratings_user_entries(train, r, &p)
					 : ratings_item_entries(train, r, &p);
			for (size_t j = 0; j < c; j++) {
				const ll_rating *e = &ent[p[j]];
				rows[j] = users ? e->item : e->user;
				w[j] = (float)(a->mf.alpha * e->value);
				t[j] = 1.0f + w[j];
			}
			double lambda = mf->reg * (mf->reg_weighted && c ? (double)c : 1.0);
			if (mf_ls_solve(Y, k, 0, a->gram, rows, w, t, (int)c, lambda, ws, x) < 0) {
#pragma omp critical
				if (failed < 0 || r < failed)
					failed = r;
				continue;
			}
			float *xr = X + (size_t)r * k;
			for (int f = 0; f < k; f++)
				xr[f] = (float)x[f];
		}
		free(ws), free(rows), free(t), free(w);
	}
	*bad = failed;
	return failed >= 0 ? -1 : 0;
}

/* sqrt(sum over all cells of c (p - x.y)^2 / cells): the empty cells
 * contribute sum_u x_u^T (Y^T Y) x_u minus what the observed ones hold. */
static double ials_loss(ials_model *a, const ratings *train)
{
	model *m = &a->mf.base;
	int k = m->k;
	gram_of(m->Q, m->n_items, k, a->gram);
	double all = 0;
	for (int u = 0; u < m->n_users; u++) {
		const float *x = m->P + (size_t)u * k;
		for (int f = 0; f < k; f++) {
			double gx = 0;
			for (int g = 0; g < k; g++)
				gx += a->gram[(size_t)f * k + g] * x[g];
			all += x[f] * gx;
		}
	}
	const ll_rating *e = ratings_entries(train);
	for (size_t j = 0, n = ratings_count(train); j < n; j++) {
		double s = 0;
		const float *x = m->P + (size_t)e[j].user * k, *y = m->Q + (size_t)e[j].item * k;
		for (int f = 0; f < k; f++)
			s += (double)x[f] * y[f];
		double c = 1 + a->mf.alpha * e[j].value;
		all += c * (1 - s) * (1 - s) - s * s;
	}
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
		int bad;
		if (half_sweep(a, train, half == MF_SWEEP_USERS, &bad) < 0)
			return ll_fail(err, "implicit ALS: the least-squares system of %s %d is "
				       "singular (reg=%g): use reg > 0",
				       half == MF_SWEEP_USERS ? "user" : "item", bad, mf->reg);
		double loss = ials_loss(a, train);
		if (!isfinite(loss))
			return ll_fail(err, "training diverged at epoch %d (loss %g): "
				       "increase reg (reg=%g) or lower alpha (alpha=%g)",
				       epoch, loss, mf->reg, mf->alpha);
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

static void ials_destroy(model *m)
{
	ials_model *a = (ials_model *)m;
	free(a->gram);
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
	(void)params_bool(opts, "implicitPrefs|implicit", true); /* Spark's switch: always on here */
	if (m->k < 1 || m->k > 2000)
		params_invalid(opts, "k must be between 1 and 2000");
	if (m->n_epochs < 0)
		params_invalid(opts, "epochs must be >= 0");
	if (a->mf.reg < 0)
		params_invalid(opts, "reg must be >= 0");
	if (a->mf.alpha < 0)
		params_invalid(opts, "alpha must be >= 0");
	if (a->threads < 1 || a->threads > 256)
		params_invalid(opts, "threads must be between 1 and 256");
	a->mf.init = ials_init;
	return m;
}

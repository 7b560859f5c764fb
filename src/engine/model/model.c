/* model.c: the generic half of every model (see model.h, model_impl.h);
 * its file is model_file.c. */
#include "engine/model/model_impl.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

model *model_create(model_ctor create, const char *name, int ranking_only, params *opts,
		    ll_error *err)
{
	ll_gsl_quiet();
	params *empty = NULL;
	if (!opts)
		opts = empty = params_new();
	model *m = opts ? create(opts, err) : NULL;
	if (m && params_finish(opts, err) < 0)
		model_free(&m);
	if (m) {
		m->algo_name = strdup(name);
		m->ranking_only = ranking_only;
	}
	params_free(&empty);
	return m;
}

void model_free(model **pm)
{
	if (!pm || !*pm)
		return;
	model *m = *pm;
	free(m->P);
	free(m->Q);
	free(m->train_rmse);
	free(m->test_rmse);
	free(m->algo_name);
	if (m->ops->destroy)
		m->ops->destroy(m);
	free(m);
	*pm = NULL;
}

const char *model_algo(const model *m)
{
	return m->algo_name ? m->algo_name : m->ops->algo;
}

void model_init_shape(model *m, const ratings *train)
{
	m->n_users = ratings_n_users(train);
	m->n_items = ratings_n_items(train);
	m->lo = ratings_scale_lo(train);
	m->hi = ratings_scale_hi(train);
}

int model_alloc_factors(model *m, int k, ll_error *err)
{
	free(m->P), free(m->Q);
	m->P = m->Q = NULL;
	/* Estimate before allocating: k=5000 on a million users is a message,
	 * not an out-of-memory kill minutes later. */
	double bytes = ((double)m->n_users + m->n_items) * (k > 0 ? k : 0) * sizeof(float);
	if (k < 0 || k > MODEL_MAX_K || bytes > MODEL_MAX_FACTOR_BYTES) {
		m->k = 0;
		return ll_fail(err, "k=%d for %d users and %d items needs %.1f GB of factors "
			       "(at most k=%d and %.0f GB)", k, m->n_users, m->n_items, bytes / 1e9,
			       MODEL_MAX_K, MODEL_MAX_FACTOR_BYTES / 1e9);
	}
	m->k = k;
	m->P = calloc((size_t)m->n_users * (size_t)k + 1, sizeof *m->P);
	m->Q = calloc((size_t)m->n_items * (size_t)k + 1, sizeof *m->Q);
	if (!m->P || !m->Q)
		return ll_fail(err, "out of memory for %d x %d factors", m->n_users + m->n_items, k);
	return 0;
}

int model_fit(model *m, const ratings *train, ll_error *err)
{
	if (m->ops->fit)
		return m->ops->fit(m, train, err);
	if (!m->ops->fit_epoch)
		return ll_fail(err, "%s cannot be trained", model_algo(m));
	m->stop = 0;
	while (m->epochs_done < m->n_epochs) {
		int rc = m->ops->fit_epoch(m, train, err);
		if (rc != 0)
			return rc;
		if (m->stop)
			return 1;
	}
	return 0;
}

int model_fit_epoch(model *m, const ratings *train, ll_error *err)
{
	if (!m->ops->fit_epoch)
		return ll_fail(err, "%s is not trained epoch by epoch", model_algo(m));
	return m->ops->fit_epoch(m, train, err);
}

int model_epochs_done(const model *m) { return m->epochs_done; }
int model_is_iterative(const model *m) { return m->ops->fit_epoch != NULL; }
int model_ranking_only(const model *m) { return m->ranking_only; }

double model_predict(const model *m, int user, int item)
{
	return m->ops->predict(m, user, item);
}

double model_predict_clipped(const model *m, int user, int item)
{
	double p = m->ops->predict(m, user, item);
	if (isnan(p))
		return p;
	return p < m->lo ? m->lo : p > m->hi ? m->hi : p;
}

void model_score_items(const model *m, int user, float *out)
{
	if (m->ops->score_items) {
		m->ops->score_items(m, user, out);
		return;
	}
	for (int i = 0; i < m->n_items; i++)
		out[i] = (float)m->ops->predict(m, user, i);
}

int model_n_users(const model *m) { return m->n_users; }
int model_n_items(const model *m) { return m->n_items; }
int model_k(const model *m) { return m->P ? m->k : 0; }
float *model_user_factors(model *m) { return m->P; }
float *model_item_factors(model *m) { return m->Q; }
const float *model_user_factors_const(const model *m) { return m->P; }
const float *model_item_factors_const(const model *m) { return m->Q; }

void model_set_validation(model *m, const ratings *test) { m->validation = test; }

void model_set_progress(model *m, model_progress_fn fn, void *ctx)
{
	m->progress = fn;
	m->progress_ctx = ctx;
}

int model_history(const model *m, const double **train_rmse, const double **test_rmse)
{
	if (train_rmse)
		*train_rmse = m->train_rmse;
	if (test_rmse)
		*test_rmse = m->validation && !m->ranking_only ? m->test_rmse : NULL;
	return m->n_hist;
}

double model_rmse_on(const model *m, const ratings *r)
{
	const ll_rating *e = ratings_entries(r);
	size_t n = ratings_count(r);
	double s = 0;
	for (size_t k = 0; k < n; k++) {
		double d = e[k].value - model_predict_clipped(m, e[k].user, e[k].item);
		s += d * d;
	}
	return n ? sqrt(s / (double)n) : 0;
}

double model_train_rmse(const model *m, const ratings *r)
{
	const ll_rating *e = ratings_entries(r);
	size_t n = ratings_count(r);
	double s = 0;
	for (size_t k = 0; k < n; k++) {
		double d = e[k].value - model_predict(m, e[k].user, e[k].item);
		s += d * d;
	}
	return n ? sqrt(s / (double)n) : 0;
}

int model_log_epoch(model *m, double train_rmse)
{
	if (m->n_hist == m->cap_hist) {
		int cap = m->cap_hist ? m->cap_hist * 2 : 32;
		double *a = realloc(m->train_rmse, (size_t)cap * sizeof *a);
		double *b = a ? realloc(m->test_rmse, (size_t)cap * sizeof *b) : NULL;
		if (a)
			m->train_rmse = a;
		if (!a || !b)
			return 0; /* history is a convenience; training goes on */
		m->test_rmse = b;
		m->cap_hist = cap;
	}
	m->train_rmse[m->n_hist] = train_rmse;
	m->test_rmse[m->n_hist] = m->validation && !m->ranking_only ? model_rmse_on(m, m->validation)
								      : NAN;
	m->n_hist++;
	if (m->progress && m->progress(m->progress_ctx, m->epochs_done, m->n_epochs, train_rmse))
		m->stop = 1;
	return m->stop;
}

int model_write_floats(FILE *f, const float *v, size_t n, ll_error *err)
{
	if (n && fwrite(v, sizeof *v, n, f) != n)
		return ll_fail(err, "write failed");
	return 0;
}

int model_read_floats(FILE *f, float *v, size_t n, ll_error *err)
{
	if (n && fread(v, sizeof *v, n, f) != n)
		return ll_fail(err, "model file is truncated");
	/* A model that predicts "nan" is no model: refuse it on reading. */
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return ll_fail(err, "NaN or infinite value at position %zu of the model's numbers", i);
	return 0;
}

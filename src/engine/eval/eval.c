/* eval.c: fit and measure one algorithm over every fold of a split. */
#include "engine/eval/eval.h"
#include "engine/core/clock.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/algo.h"
#include "engine/model/model.h"

void eval_opts_init(eval_opts *o)
{
	*o = (eval_opts){ .k = 10, .threshold = 4.0, .max_ratings = -1 };
}

void eval_result_free(eval_result **pr)
{
	if (!pr || !*pr)
		return;
	free((*pr)->folds);
	free(*pr);
	*pr = NULL;
}

/* Passed to the model: forwards epochs to the caller and honours cancel. */
typedef struct hook {
	const eval_opts *o;
} hook;

static int on_epoch(void *ctx, int epoch, int n_epochs, double loss)
{
	const eval_opts *o = ((hook *)ctx)->o;
	int stop = 0;
	if (o->epoch_progress)
		stop = o->epoch_progress(o->epoch_ctx, epoch, n_epochs, loss);
	if (o->cancel && *o->cancel)
		stop = 1;
	return stop;
}

static int cancelled(const eval_opts *o) { return o->cancel && *o->cancel; }

static void fold_init(eval_fold *f, int k)
{
	memset(f, 0, sizeof *f);
	f->rmse = f->mae = f->rmse_cold = f->mae_cold = NAN;
	f->rank.k = k;
	f->rank.hr = f->rank.ndcg = f->rank.hr_full = f->rank.ndcg_full = NAN;
	f->rank.precision = f->rank.recall = f->rank.coverage = NAN;
}

/* One fold: fresh model, timed fit, metrics. 1 when cancelled. */
static int run_fold(const char *algo_name, int ranking_only, const params *p,
		    const split_fold *sf, const eval_opts *o, eval_fold *out, ll_error *err)
{
	params *mine = params_clone(p);
	if (!mine)
		return ll_fail(err, "out of memory");
	model *m = model_new(algo_name, mine, err);
	params_free(&mine);
	if (!m)
		return -1;
	hook h = { o };
	model_set_progress(m, on_epoch, &h);
	double t0 = ll_now();
	int rc = model_fit(m, sf->train, err);
	out->fit_seconds = ll_now() - t0;
	if (rc < 0 || (rc == 0 && cancelled(o)) || rc == 1) {
		model_free(&m);
		return rc < 0 ? -1 : 1;
	}
	if (!ranking_only && ratings_count(sf->test) &&
	    metrics_rating(m, sf->test, &out->rmse, &out->mae, err) < 0)
		rc = -1;
	if (rc == 0 && !ranking_only && o->max_ratings >= 0 && ratings_count(sf->test) &&
	    metrics_rating_cold(m, sf->train, sf->test, o->cold_items, o->max_ratings,
				&out->rmse_cold, &out->mae_cold, &out->n_cold, err) < 0)
		rc = -1;
	if (rc == 0 && sf->negatives)
		rc = metrics_loo(m, sf->train, sf->test, sf->negatives, sf->n_neg, o->k, o->full,
				 &out->rank, err);
	else if (rc == 0 && o->full)
		rc = metrics_topk(m, sf->train, sf->test, o->k, o->threshold, &out->rank, err);
	model_free(&m);
	return rc;
}

/* Mean of a field over folds, NaN when any fold lacks it. */
#define MEAN_OF(r, field) do { \
	double s_ = 0; \
	for (int i_ = 0; i_ < (r)->n_folds; i_++) \
		s_ += (r)->folds[i_].field; \
	(r)->mean.field = (r)->n_folds ? s_ / (r)->n_folds : NAN; \
} while (0)

static void take_means(eval_result *r, int k)
{
	fold_init(&r->mean, k);
	snprintf(r->mean.name, sizeof r->mean.name, "mean");
	if (!r->n_folds)
		return;
	size_t ntr = 0, nte = 0;
	for (int i = 0; i < r->n_folds; i++)
		ntr += r->folds[i].n_train, nte += r->folds[i].n_test;
	r->mean.n_train = ntr / (size_t)r->n_folds;
	r->mean.n_test = nte / (size_t)r->n_folds;
	MEAN_OF(r, fit_seconds);
	MEAN_OF(r, rmse);
	MEAN_OF(r, mae);
	MEAN_OF(r, rmse_cold);
	MEAN_OF(r, mae_cold);
	MEAN_OF(r, rank.hr);
	MEAN_OF(r, rank.ndcg);
	MEAN_OF(r, rank.hr_full);
	MEAN_OF(r, rank.ndcg_full);
	MEAN_OF(r, rank.precision);
	MEAN_OF(r, rank.recall);
	MEAN_OF(r, rank.coverage);
	size_t nc = 0;
	for (int i = 0; i < r->n_folds; i++)
		nc += r->folds[i].n_cold;
	r->mean.n_cold = nc / (size_t)r->n_folds;
	for (int i = 0; i < r->n_folds; i++) {
		r->mean.rank.n_sampled += r->folds[i].rank.n_sampled;
		r->mean.rank.n_full += r->folds[i].rank.n_full;
		r->mean.rank.n_topk += r->folds[i].rank.n_topk;
	}
}

eval_result *eval_run(const char *algo_name, const params *p, const split *s,
		      const eval_opts *opts, ll_error *err)
{
	eval_opts defaults;
	if (!opts) {
		eval_opts_init(&defaults);
		opts = &defaults;
	}
	if (opts->k < 1) {
		ll_fail(err, "the cutoff K must be at least 1 (got %d)", opts->k);
		return NULL;
	}
	const algo *a = algo_find(algo_name);
	if (!a) {
		/* model_new words the "did you mean" message. */
		model *m = model_new(algo_name, NULL, err);
		model_free(&m);
		return NULL;
	}
	int n = split_n_folds(s);
	eval_result *r = calloc(1, sizeof *r);
	if (r)
		r->folds = calloc((size_t)n + 1, sizeof *r->folds);
	if (!r || !r->folds) {
		eval_result_free(&r);
		ll_fail(err, "out of memory");
		return NULL;
	}
	params *empty = p ? NULL : params_new();
	if (!p)
		p = empty;
	snprintf(r->algo, sizeof r->algo, "%s", a->name);
	snprintf(r->split, sizeof r->split, "%s", split_describe(s));
	r->ranking_only = a->ranking_only;
	/* Implicit feedback (ratings.h) has no ratings to compare predictions
	 * with: every model is measured as a ranker on it. */
	r->implicit = n > 0 && ratings_implicit(split_get(s, 0)->train);
	int rank_only = a->ranking_only || r->implicit;
	for (int i = 0; i < n; i++) {
		if (cancelled(opts)) {
			r->cancelled = 1;
			break;
		}
		const split_fold *sf = split_get(s, i);
		eval_fold *f = &r->folds[i];
		fold_init(f, opts->k);
		snprintf(f->name, sizeof f->name, "%s", split_fold_name(s, i));
		f->n_train = ratings_count(sf->train);
		f->n_test = ratings_count(sf->test);
		if (opts->progress)
			opts->progress(opts->progress_ctx, i, n, f->name);
		int rc = run_fold(a->name, rank_only, p, sf, opts, f, err);
		if (rc < 0) {
			if (n > 1)
				ll_prefix(err, "%s: ", f->name);
			params_free(&empty);
			eval_result_free(&r);
			return NULL;
		}
		if (rc == 1) {
			r->cancelled = 1;
			break;
		}
		r->total_seconds += f->fit_seconds;
		r->n_folds++;
		if (sf->negatives && sf->n_neg > 0)
			r->has_sampled = 1;
		if (opts->full)
			r->has_full = 1;
	}
	params_free(&empty);
	r->has_rating = !rank_only && r->n_folds > 0 && !isnan(r->folds[0].rmse);
	r->has_cold = r->has_rating && opts->max_ratings >= 0;
	take_means(r, opts->k);
	if (opts->progress && !r->cancelled)
		opts->progress(opts->progress_ctx, n, n, "");
	return r;
}

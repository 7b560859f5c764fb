/* eval.h: the evaluation driver. Fits one algorithm on every fold of a split
 * and measures it. Prints nothing: callers (latentlab eval, the lab's eval
 * and compare commands) format the result.
 *
 * Per fold: a fresh model from a clone of the options, fit on train (timed,
 * fit_seconds), then RMSE/MAE on test (not for ranking-only algorithms), and
 * ranking metrics when the fold has negatives (leave-one-out) or when
 * opts.full is set. A metric that was not computed is NaN. */
#ifndef LL_EVAL_H
#define LL_EVAL_H

#include <signal.h>
#include <stddef.h>

#include "engine/core/err.h"
#include "engine/model/metrics.h"
#include "engine/core/params.h"
#include "engine/data/split.h"

/* Called before fold i (0-based) of n is fitted, and once more with i == n
 * when all are done. */
typedef void (*eval_progress_fn)(void *ctx, int fold, int n_folds, const char *fold_name);

typedef struct eval_opts {
	int k;                 /* cutoff for HR/NDCG/precision/recall (default 10) */
	int full;              /* also rank against the full item set */
	double threshold;      /* relevance for precision/recall (default 4) */
	/* The cold part: RMSE and MAE also on the test ratings whose user (or
	 * item, with cold_items) has at most max_ratings training ratings;
	 * -1 (the default) skips it. */
	long max_ratings;
	int cold_items;
	eval_progress_fn progress;
	void *progress_ctx;
	/* Also handed to each model's progress hook, so a long fit stops. */
	model_progress_fn epoch_progress;
	void *epoch_ctx;
	/* Checked between folds and after every epoch; nonzero stops. */
	volatile sig_atomic_t *cancel;
} eval_opts;

void eval_opts_init(eval_opts *o);

typedef struct eval_fold {
	char name[32];         /* "u1", "fold 2", "holdout", "loo" */
	size_t n_train, n_test;
	double fit_seconds;
	double rmse, mae;      /* NaN for ranking-only algorithms */
	size_t n_cold;         /* test ratings of the cold part (max_ratings) */
	double rmse_cold, mae_cold; /* NaN when not asked for or none counted */
	metrics_ranking rank;  /* NaN fields when not computed */
} eval_fold;

typedef struct eval_result {
	char algo[64];
	char split[64];        /* split_describe() */
	int ranking_only;
	int has_rating;        /* rmse/mae computed */
	int implicit;          /* the data is implicit feedback: no rmse/mae */
	int has_sampled;       /* sampled hr/ndcg computed (loo) */
	int has_full;          /* full-set ranking computed */
	int has_cold;          /* rmse_cold/mae_cold asked for (max_ratings) */
	int cancelled;         /* stopped early: folds holds the finished ones */
	int n_folds;
	eval_fold *folds;
	eval_fold mean;        /* means over folds (fit_seconds too) */
	double total_seconds;  /* all fits */
} eval_result;

/* Run algo with options p (not modified; cloned per fold) over split s.
 * Returns NULL with a message on an unknown algorithm, a bad option or a
 * failed fit. When cancelled, returns the folds finished so far with
 * cancelled = 1 (possibly none). */
eval_result *eval_run(const char *algo, const params *p, const split *s,
		      const eval_opts *opts, ll_error *err);
void eval_result_free(eval_result **r);

#endif

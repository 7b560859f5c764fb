/* metrics.h: accuracy and ranking metrics.
 *
 * Rating metrics compare clipped predictions with test ratings (as Surprise
 * does). Ranking metrics follow the NCF protocol: one relevant item per user,
 * HR@K = 1 if it is in the top K, NDCG@K = 1/log2(rank+2) with rank 0-based.
 *
 * Ties: an item's rank is the number of competing items with a strictly
 * higher score PLUS the number with an equal score, i.e. the held-out item is
 * placed after every item that ties with it. This is pessimistic on purpose:
 * a model that scores everything alike (the global mean) gets HR 0, not 1.
 * NaN scores count as -infinity.
 *
 * Top-K lists (precision, recall, coverage) must pick among tied items, so
 * they take the lower item index first. For a model with many ties the two
 * can differ: the global mean gets HR 0 under the rank rule, while its top-K
 * list (the first K unrated items by index) may still hold a test item. */
#ifndef LL_METRICS_H
#define LL_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/err.h"
#include "engine/model/model.h"
#include "engine/data/ratings.h"

/* --- building blocks (arrays) ------------------------------------------ */

/* pred[i] against truth[i]; 0 when n == 0. */
double metrics_rmse(const double *pred, const float *truth, size_t n);
double metrics_mae(const double *pred, const float *truth, size_t n);

/* The 0-based rank of target among the n scores of its competitors (which
 * must not include the target itself), with ties counted against it. */
int metrics_rank(float target, const float *competitors, size_t n);
/* 1 or 0 / 1/log2(rank+2) or 0, for one relevant item at rank. */
double metrics_hit(int rank, int k);
double metrics_ndcg(int rank, int k);

/* The k best items by score among the n items, skipping those with
 * skip[i] != 0 (skip may be NULL). Ties go to the lower item index. Writes
 * up to k indexes, best first, into top; returns how many. */
int metrics_top_k(const float *scores, int n, const unsigned char *skip, int k, int *top);

/* Precision@K and recall@K of one top list against a set of relevant items
 * (relevant[i] != 0). precision = hits / K (K, not the list length, as in
 * the usual definition); recall = hits / n_relevant (0 when none). */
double metrics_precision(const int *top, int n_top, int k, const unsigned char *relevant);
double metrics_recall(const int *top, int n_top, const unsigned char *relevant, int n_relevant);

/* --- whole-model evaluation ------------------------------------------- */

/* RMSE and MAE of a model on a test store (clipped predictions). Either
 * output may be NULL. Returns 0, or -1 when the test store is empty or
 * implicit feedback (ratings_implicit: there are no ratings to compare). */
int metrics_rating(const model *m, const ratings *test, double *rmse, double *mae, ll_error *err);

/* The same on the cold part of the test: only the test ratings whose user
 * (by_item 0) or item (by_item 1) has at most max_train ratings in train,
 * which share its indexes. *n (may be NULL) gets how many counted; when
 * none did, rmse and mae are NaN and it still returns 0. -1 when the test
 * store is empty or max_train is negative. */
int metrics_rating_cold(const model *m, const ratings *train, const ratings *test, int by_item,
			long max_train, double *rmse, double *mae, size_t *n, ll_error *err);

typedef struct metrics_ranking {
	int k;
	/* Sampled candidates (the held-out item and its negatives). */
	double hr, ndcg;
	int n_sampled;            /* users counted */
	/* Full item set: the held-out item against every item the user did not
	 * rate in train. */
	double hr_full, ndcg_full;
	int n_full;
	/* Top K of all items unrated in train, against the user's test items
	 * rated >= threshold (users with at least one such item are counted). */
	double precision, recall;
	int n_topk;
	/* Share of items that appear in at least one user's top K. */
	double coverage;
} metrics_ranking;

/* Leave-one-out ranking: for every user with a test entry, the held-out
 * item is ranked against its negatives (row u of negatives, n_neg wide;
 * negatives may be NULL to skip the sampled figures) and, when full is
 * nonzero, against all items unrated in train. The top-K figures
 * (precision, recall, coverage) are computed when full is nonzero.
 * Metrics not computed are NaN. Returns 0 or -1. */
int metrics_loo(const model *m, const ratings *train, const ratings *test,
		const int32_t *negatives, int n_neg, int k, int full,
		metrics_ranking *out, ll_error *err);

/* Top-K ranking on any split: each test user's top K among items unrated in
 * train, against the user's test items rated >= threshold: precision,
 * recall, coverage, and HR/NDCG over the full item set where every
 * relevant test item counts as a held-out item, ranked against the items
 * the user did not rate in train and that are not relevant (so relevant
 * items do not push each other down), averaged over those items. Users
 * without a relevant test item are not counted. Sampled HR/NDCG are NaN.
 * In implicit feedback every test entry is relevant, whatever threshold.
 * Returns 0 or -1. */
int metrics_topk(const model *m, const ratings *train, const ratings *test,
		 int k, double threshold, metrics_ranking *out, ll_error *err);

#endif

/* split.h: train/test splits of a ratings store.
 *
 * A split is a list of folds; each fold holds a train and a test store made
 * with ratings_subset(), so users and items keep their indexes and a model
 * fitted on train predicts test entries directly. All randomness goes through
 * a GSL mt19937 generator seeded by the caller: the same seed gives the same
 * folds. Every split is O(n log n) or better in the number of ratings. */
#ifndef LL_SPLIT_H
#define LL_SPLIT_H

#include <stdint.h>

#include "engine/core/err.h"
#include "engine/data/ratings.h"

typedef struct split_fold {
	ratings *train, *test;
	/* Leave-one-out only (NULL and 0 otherwise): n_users x n_neg sampled
	 * items per user, row-major; a user without a test item has a row of -1.
	 * Negatives are items the user never rated (in train or test), distinct
	 * within a row. A user with fewer unrated items than n_neg gets them all,
	 * padded with -1. */
	int32_t *negatives;
	int n_neg;
} split_fold;

typedef struct split split; /* opaque: a list of folds */

/* A random share test_frac (0 < test_frac < 1) of the ratings goes to test. */
split *split_holdout(const ratings *r, double test_frac, unsigned long seed, ll_error *err);

/* k folds (2 <= k <= 255, and at most the number of ratings): the ratings
 * are shuffled and dealt into k parts of sizes differing by at most one;
 * fold i tests part i and trains on the rest, so every rating is in exactly
 * one test part. */
split *split_kfold(const ratings *r, int k, unsigned long seed, ll_error *err);

/* Build a split fold by fold (a loader does this for a release's own
 * folds: load.h's split_movielens). split_add takes ownership of train and
 * test (NULL: out of memory, reported). */
split *split_new(const char *desc);
int split_add(split *s, const char *name, ratings *train, ratings *test, ll_error *err);

/* Leave-one-out (the NCF protocol): each user's latest rating (largest
 * timestamp; ties go to the entry that comes last in the store, so the
 * choice is deterministic) is the test item, and n_neg items the user never
 * rated are sampled for it (99 in the NCF papers). Users with fewer than 2
 * ratings keep everything in train and get a row of -1. One fold, "loo". */
split *split_loo(const ratings *r, int n_neg, unsigned long seed, ll_error *err);

int split_n_folds(const split *s);
const split_fold *split_get(const split *s, int i);
/* "u1", "fold 3", "holdout", "loo". */
const char *split_fold_name(const split *s, int i);
/* A short description of the whole split: "u1-u5", "cv 5", "holdout 0.2", "loo 99". */
const char *split_describe(const split *s);
void split_free(split **s);

#endif

/* knn.h: neighbourhood models (made by name: knn-user, knn-item, knn) and
 * what the lab shows about them.
 *
 * Predictions follow Surprise's KNNBasic, KNNWithMeans and KNNBaseline: the
 * k most similar rows among those who rated the target (user-based: users who
 * rated the item; item-based: items the user rated), positive similarities
 * only, at least min_k of them. Similarities are kept as a dense matrix when
 * it fits in `dense_mb` megabytes, else as the top `keep` neighbours of each
 * row (the k used at prediction are then the best of those). */
#ifndef LL_KNN_H
#define LL_KNN_H

#include <stddef.h>

#include "engine/model/model.h"
#include "engine/data/ratings.h"
#include "engine/neighbours/sim.h"

enum knn_variant { KNN_BASIC, KNN_MEANS, KNN_BASELINE };

/* Constructors for algo.c. */
model *knn_user_create(params *opts, ll_error *err);
model *knn_item_create(params *opts, ll_error *err);
model *knn_create(params *opts, ll_error *err); /* user_based=true|false */

/* 1 when m is a fitted KNN model. */
int knn_is(const model *m);
int knn_user_based(const model *m);

/* The n most similar neighbours of row x (a user when user-based, else an
 * item) by the fitted similarities, best first, excluding x and zero
 * similarities. Returns how many were written. */
int knn_neighbours(const model *m, int x, int n, int *idx, float *sim);

/* How a prediction was made: the neighbours that voted (those with positive
 * similarity among the top k that rated the target). */
typedef struct knn_detail {
	int candidates;   /* rows that rated the target (excluding x) */
	int used;         /* positive-similarity neighbours among the top k */
	int impossible;   /* fewer than min_k: fell back (mean or baseline) */
	double estimate;
} knn_detail;
double knn_predict_detail(const model *m, int user, int item, knn_detail *d);

/* Bytes held by the neighbour structure (similarities) and in total. */
size_t knn_sim_bytes(const model *m);
size_t knn_total_bytes(const model *m);
/* "dense 1682 x 1682" or "top 200 of 6040". */
const char *knn_storage(const model *m);

/* Sparsity: over all pairs of distinct users (by_user) or items, how many
 * share no rated entry, and the mean number of co-rated entries. */
typedef struct knn_sparsity {
	long long pairs;
	long long disjoint;
	double mean_common;
	int rows_without_ratings;
} knn_sparsity;
int knn_sparsity_stats(const ratings *r, int by_user, knn_sparsity *out, ll_error *err);

#endif

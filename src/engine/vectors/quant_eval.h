/* quant_eval.h: what quantizing a model's factor tables does to its answers.
 *
 * The model's user and item factors are quantized (both tables, same
 * precision), decoded back into the model, measured, and restored: RMSE and
 * MAE on the test ratings, HR@K and NDCG@K over the full item set (test items
 * rated >= threshold are relevant; metrics_topk), and how much of each user's
 * top K (items unrated in train) stays the same as with float32 factors. */
#ifndef LL_QUANT_EVAL_H
#define LL_QUANT_EVAL_H

#include <stddef.h>

#include "engine/model/model.h"
#include "engine/vectors/quant.h"

typedef struct quant_effect {
	quant_prec prec;
	int symmetric;
	size_t bytes;          /* user + item tables as stored */
	size_t f32_bytes;
	double max_error;      /* largest |value - decoded| over both tables */
	double rmse, mae;
	double hr, ndcg;       /* @k over the full item set */
	double overlap;        /* mean share of the float32 top k kept */
} quant_effect;

/* The float32 top k of every user (items unrated in train), n_users x k,
 * -1 padded; the reference for overlaps. Caller frees. */
int *quant_reference_topk(const model *m, const ratings *train, int k, ll_error *err);

/* Measure m (fitted, with factors) at precision p. ref is from
 * quant_reference_topk with the same k. The model is left as it was. */
int quant_effect_measure(model *m, const ratings *train, const ratings *test, quant_prec p,
	int symmetric, int k, double threshold, const int *ref, quant_effect *out, ll_error *err);

#endif

/* mf_foldin.h: a new user's vector from a few ratings, with the item factors
 * of a trained MF model held fixed (cold start, "coldstart Jisu likes A B C").
 *
 * One regularized least-squares solve, the same a user half-step of ALS
 * makes: (Q_I^T Q_I + lambda I) p = Q_I^T r, with r minus mu and the item
 * biases for biased models (whose user bias is solved for alongside p), the
 * confidence-weighted system for implicit ALS, and the exact projection
 * p = (a Q) Sigma^-1 for the truncated SVD. */
#ifndef LL_MF_FOLDIN_H
#define LL_MF_FOLDIN_H

#include "engine/model/model.h"

/* items[n], values[n]: the new user's ratings (item indexes of the model).
 * lambda < 0 uses the model's own regularization (scaled by n where the
 * model scales it: SGD's per-rating penalty, Spark's weighted lambda).
 * p_out gets model_k(m) floats; bias_out (may be NULL) the user's bias, 0
 * for models without biases. Returns 0 or -1 with a message. */
int mf_foldin(const model *m, int n, const int *items, const float *values, double lambda,
	      float *p_out, float *bias_out, ll_error *err);

/* The estimate for item of a folded-in user (p, bias from mf_foldin). */
double mf_foldin_predict(const model *m, const float *p, float bias, int item);

#endif

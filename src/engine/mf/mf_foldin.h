/* mf_foldin.h: a new user's vector from a few ratings, with the item factors
 * of a trained MF model held fixed (cold start, "coldstart Jisu likes A B C").
 *
 * One regularized least-squares solve, the same a user half-step of ALS
 * makes: (Q_I^T Q_I + lambda I) p = Q_I^T r, with r minus mu and the item
 * biases for biased models (whose user bias is solved for alongside p), the
 * confidence-weighted system for implicit ALS, and the exact projection
 * p = (a Q) Sigma^-1 for the truncated SVD. An ALS or iALS model trained
 * with nonnegative=true folds in under the same constraint, p >= 0 (the
 * bias free), by the same nonnegative solve its training used. */
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

/* 1 when m is an ALS or iALS model trained with nonnegative=true (factors
 * constrained to >= 0, as Spark's NNLS), else 0. A model read back from a
 * file does not carry the option: it is 0 there (its factors are still the
 * nonnegative ones it was saved with). */
int mf_nonnegative(const model *m);
int mf_als_nonnegative(const model *m);
int mf_ials_nonnegative(const model *m);

/* mf_ls_solve (mf_impl.h) with x[0..k) >= 0 and the bias x[k] free:
 * Lawson and Hanson's active set on the same normal equations. When the
 * unconstrained solution is already >= 0 it is returned, the same bits as
 * mf_ls_solve's. ws holds mf_nnls_ws(d) doubles (d = k + bias). Returns 0,
 * or -1 when the system is not positive definite. */
size_t mf_nnls_ws(int d);
int mf_nnls_solve(const float *Y, int k, int bias, const double *base, const int *rows,
		  const float *w, const float *t, int n, double lambda, double *ws, double *x);

/* The estimate for item of a folded-in user (p, bias from mf_foldin). */
double mf_foldin_predict(const model *m, const float *p, float bias, int item);

#endif

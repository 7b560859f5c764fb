/* mf.h: extras of the matrix factorization models (sgd, biased, als, ials,
 * svd) that lessons and the REPL need beyond model.h.
 *
 * Functions return -1 with a message when the model is of the wrong kind. */
#ifndef LL_MF_H
#define LL_MF_H

#include <stddef.h>

#include "engine/mf/mf_trace.h"
#include "engine/model/model.h"

/* Whether the model is one of the MF models. */
int mf_is_mf(const model *m);

/* Trace hooks (fn NULL to remove). SGD models (sgd, biased) report every
 * update; ALS models (als, ials) report each half-sweep. */
int mf_set_trace(model *m, mf_trace_fn fn, void *ctx, ll_error *err);
int mf_set_sweep_trace(model *m, mf_sweep_fn fn, void *ctx, ll_error *err);
/* The hooks in place (NULL when none or not an MF model); ctx may be NULL. */
mf_trace_fn mf_get_trace(const model *m, void **ctx);
mf_sweep_fn mf_get_sweep_trace(const model *m, void **ctx);

/* Initialise an iterative model on a store without training (shape,
 * factors drawn from the seed or, with init=given, zeros), so a lesson can
 * write starting values through model_user_factors() before training.
 * model_fit / model_fit_epoch then keep those values. */
int mf_init(model *m, const ratings *train, ll_error *err);

/* Starting item factors from outside the family (the text embedding of
 * engine/content, through engine/finetune.c): after its random start, a
 * biased model calls fn(ctx, train, Q, n_items, k) at initialisation, which
 * may overwrite any row of Q and returns 0 or -1 with a message. free_ctx
 * (may be NULL) releases ctx with the model. biased only. */
typedef int (*mf_item_init_fn)(void *ctx, const ratings *train, float *Q, int n_items, int k,
			       ll_error *err);
int mf_set_item_init(model *m, mf_item_init_fn fn, void *ctx, void (*free_ctx)(void *),
		     ll_error *err);

/* Apply the model's SGD rule to ONE rating (its position in the store's
 * entries), initialising first if needed; out (may be NULL) receives the
 * update with before/after vectors, valid until the next call. Does not
 * count as an epoch. sgd and biased only. */
int mf_step(model *m, const ratings *train, size_t entry, mf_update *out, ll_error *err);

/* Biases of a biased model: returns 1 and sets mu, bu[n_users], bi[n_items];
 * 0 when the model has none. Any pointer may be NULL. */
int mf_biases(const model *m, double *mu, const float **bu, const float **bi);

/* Make m, an MF model just made (model_new) and not trained, hold given
 * factors, as if trained on a store of n_users and n_items with the rating
 * scale lo..hi: P is n_users x k and Q n_items x k, row-major; mu, bu and
 * bi (all or none NULL) are the biases of models that add them (biased and
 * svd need them, als takes them, sgd and ials, which predict p.q alone,
 * refuse them). Predictions, rankings, fold-in and saving then work as for
 * a trained model; the arrays are copied. 0, or -1 with a message. */
int mf_set_factors(model *m, int n_users, int n_items, int k, const float *P, const float *Q,
		   const double *mu, const float *bu, const float *bi, float lo, float hi,
		   ll_error *err);

/* Truncated SVD: the singular values it computed (largest first), how many,
 * and the total energy (squared Frobenius norm) of the centred matrix. */
int mf_spectrum(const model *m, const double **sigma, int *n, double *total_energy,
		ll_error *err);
/* Fraction of the energy kept by the first k singular values (0..1), or -1. */
double mf_energy_kept(const model *m, int k);
/* How close the computed singular values are: each lies within *bound of a
 * true singular value of the centred matrix (the residual of its pair,
 * ||A v - s u|| / sqrt 2) and never above the true one of its rank (the
 * range finder can only lose energy). *exact is 1 when the sketch spanned
 * the whole space. NaN bound for a model read from a file. -1: not svd. */
int mf_spectrum_bound(const model *m, double *bound, int *exact);

#endif

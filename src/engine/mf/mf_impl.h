/* mf_impl.h: the part every matrix factorization model shares (internal to
 * the mf_*.c files; front ends use mf.h).
 *
 * Each MF model embeds mf_model first (which itself embeds struct model), so
 * the extras of mf.h (trace hooks, init and single steps, biases for fold-in,
 * the SVD spectrum) work on any of them through one cast. */
#ifndef LL_MF_IMPL_H
#define LL_MF_IMPL_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "engine/mf/mf.h"
#include "engine/mf/mf_trace.h"
#include "engine/model/model_impl.h"

enum mf_kind { MF_PLAIN, MF_BIASED, MF_ALS, MF_IALS, MF_SVD };

typedef struct mf_model {
	struct model base;
	enum mf_kind kind;
	/* Biases (NULL when the model has none): estimate = mu + bu + bi + p.q. */
	double mu;
	float *bu, *bi;
	/* Regularization fold-in uses by default, and whether it is scaled by the
	 * number of ratings (as SGD's per-rating penalty and Spark's ALS are). */
	double reg;
	int reg_weighted;
	double alpha;          /* implicit ALS: confidence 1 + alpha r */
	double *sigma;         /* SVD: singular values kept (n_sigma), largest first */
	int n_sigma;
	double reg_u;          /* SVD: the baseline's user shrinkage */
	int initialised;
	unsigned long seed;
	gsl_rng *rng;
	mf_trace_fn trace;
	void *trace_ctx;
	mf_sweep_fn sweep;
	void *sweep_ctx;
	/* Starting item factors from outside (mf_set_item_init; biased only). */
	mf_item_init_fn item_init;
	void *item_init_ctx;
	void (*item_init_free)(void *);
	/* Model-specific hooks for mf.h (NULL when unsupported). */
	int (*init)(struct mf_model *mf, const ratings *train, ll_error *err);
	int (*step)(struct mf_model *mf, const ratings *train, size_t entry, mf_update *out,
		    ll_error *err);
} mf_model;

/* The mf_model behind a model, or NULL when it is not an MF model. */
mf_model *mf_cast(model *m);
const mf_model *mf_cast_const(const model *m);

/* Common set-up: reads "seed" and makes the generator. 0 or -1. */
int mf_common_init(mf_model *mf, enum mf_kind kind, params *opts, ll_error *err);
/* Free the common part (call from the model's destroy). */
void mf_common_destroy(mf_model *mf);
/* Allocate zeroed biases for the current shape. */
int mf_alloc_biases(mf_model *mf, ll_error *err);
/* Fill n floats with N(0, std) from the model's generator. */
void mf_fill_gaussian(mf_model *mf, float *v, size_t n, double std);
/* Save/load of the common part (mu and biases). */
int mf_save_biases(const mf_model *mf, FILE *f, ll_error *err);
int mf_load_biases(mf_model *mf, FILE *f, ll_error *err);
/* Shuffle v in place, seeded from g (a PCG32 stream: fast and reproducible). */
void mf_shuffle(gsl_rng *g, uint32_t *v, size_t n);
/* Read "init_std|init": a standard deviation, or "given" (returns -1 then). */
double mf_param_init(params *opts, double def);

/* Divergence check after an epoch: 0 if the loss is sane, else -1 with the
 * message naming the setting (e.g. "lr") and a value to try. */
int mf_check_divergence(const model *m, int epoch, double loss, const char *setting,
			double value, ll_error *err);
/* Unclipped training RMSE of the model on a store. */
double mf_train_rmse(const model *m, const ratings *r);

/* The regularized least-squares solve behind ALS and fold-in, on rows y_j
 * = Y[rows[j]] (k floats each), augmented by a constant 1 when bias is set
 * (so x has d = k + bias entries, the bias last):
 *   (base + sum_j w_j y_j y_j^T + lambda I) x = sum_j t_j y_j
 * base (d x d, may be NULL) is iALS's Y^T Y; w NULL means all ones. ws holds
 * mf_ls_ws(d) doubles. Returns 0, or -1 when the system is not positive
 * definite (e.g. lambda 0 and too few rows). */
size_t mf_ls_ws(int d);
int mf_ls_solve(const float *Y, int k, int bias, const double *base, const int *rows,
		const float *w, const float *t, int n, double lambda, double *ws, double *x);

/* Ops tables, so mf_cast can recognise its own. */
extern const model_ops mf_sgd_ops, mf_biased_ops, mf_als_ops, mf_ials_ops, mf_svd_ops;

#endif

/* model_impl.h: what a model implementation sees (not for front ends).
 *
 * An implementation embeds `struct model` as its first member, fills in a
 * static ops table, and registers a constructor in algo.c. The base fields
 * (sizes, factors, history, progress) are shared so that the generic
 * functions in model.c serve every model. */
#ifndef LL_MODEL_IMPL_H
#define LL_MODEL_IMPL_H

#include "engine/model/model.h"

typedef struct model_ops {
	const char *algo;
	/* Full training; NULL means "run fit_epoch n_epochs times". */
	int (*fit)(model *m, const ratings *train, ll_error *err);
	/* One epoch; NULL for non-iterative models. Must initialise on the
	 * first call (epochs_done == 0) and record history via model_log_epoch. */
	int (*fit_epoch)(model *m, const ratings *train, ll_error *err);
	double (*predict)(const model *m, int user, int item);
	/* NULL means: predict() for every item. */
	void (*score_items)(const model *m, int user, float *out);
	/* Write/read the model-specific part of a model file; NULL = unsupported. */
	int (*save)(const model *m, FILE *f, ll_error *err);
	int (*load)(model *m, FILE *f, ll_error *err);
	void (*destroy)(model *m); /* free the implementation's own memory */
	/* After load: every index within the declared sizes (CSR offsets
	 * rising from 0 to nnz, columns below n_cols, neighbour indexes below
	 * n_rows, counts at most n_keep), every number finite. -1 with a
	 * message refuses the file, so predict never reads out of bounds.
	 * NULL: only the base checks of model_read_with (sizes, finite
	 * factors). */
	int (*validate)(const model *m, ll_error *err);
} model_ops;

/* Bounds of what a model holds, read or trained. */
#define MODEL_MAX_K 10000
#define MODEL_MAX_SIDE (1 << 27)                  /* users or items */
#define MODEL_MAX_FACTOR_BYTES (8.0 * (1u << 30)) /* P and Q together */

struct model {
	const model_ops *ops;
	int n_users, n_items;
	int n_epochs;          /* configured epochs for iterative models */
	int epochs_done;
	float lo, hi;          /* rating scale seen at fit time */
	/* Latent factors when the model has them (owned by the base). */
	int k;
	float *P, *Q;
	/* History. */
	double *train_rmse, *test_rmse;
	int n_hist, cap_hist;
	const ratings *validation;
	model_progress_fn progress;
	void *progress_ctx;
	int stop;              /* the progress callback asked to stop */
	int ranking_only;      /* scores rank items but are not ratings */
	char *algo_name;       /* the name it was made by (may be an alias) */
};

/* Set sizes and scale from the training store (call at initialisation). */
void model_init_shape(model *m, const ratings *train);
/* Allocate P and Q (zeroed) for k factors. */
int model_alloc_factors(model *m, int k, ll_error *err);
/* RMSE of the model on a store (clipped predictions). */
double model_rmse_on(const model *m, const ratings *r);
/* Record an epoch's train RMSE (and test RMSE if a validation set is set);
 * returns nonzero when the progress callback asks to stop. */
int model_log_epoch(model *m, double train_rmse);

/* The generic half of making a model: `create` reads its options from opts
 * (NULL: all defaults); unread options are then an error. algo.c's
 * model_new finds `create` by name; a family may call this directly for a
 * model of its own (NCF's pretraining). */
typedef model *(*model_ctor)(params *opts, ll_error *err);
model *model_create(model_ctor create, const char *name, int ranking_only, params *opts,
		    ll_error *err);

/* Read a model file from a stream; `make` turns the algorithm named in the
 * header into an empty model (or fails with a message). `name` is for
 * messages. *ids (ids may be NULL) gets the ids the file carries as a store
 * of names without ratings, or NULL when it has none (format 1, or written
 * without). */
typedef model *(*model_maker)(const char *algo, ll_error *err);
model *model_read_with(FILE *f, const char *name, model_maker make, ratings **ids,
		       ll_error *err);

/* Model file helpers for save/load implementations. */
int model_write_floats(FILE *f, const float *v, size_t n, ll_error *err);
int model_read_floats(FILE *f, float *v, size_t n, ll_error *err);

#endif

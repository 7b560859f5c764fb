/* model.h: the interface every recommender model shares.
 *
 * A model is made by name from the algorithm table (algo.h) with its options,
 * fitted on a ratings store, then asked for predictions and rankings by the
 * dense user and item indexes of that store (or of any store made from it by
 * ratings_subset, such as a split's test part). */
#ifndef LL_MODEL_H
#define LL_MODEL_H

#include <stdio.h>

#include "engine/core/err.h"
#include "engine/core/params.h"
#include "engine/data/ratings.h"

typedef struct model model;

/* Called after every epoch of an iterative model. Return nonzero to stop
 * training early; the model keeps what it has learned so far. */
typedef int (*model_progress_fn)(void *ctx, int epoch, int n_epochs, double train_loss);

/* Models are made by name through algo.h (model_new), the one file that
 * knows every family. */
void model_free(model **m);
const char *model_algo(const model *m);

/* Train as configured (all epochs). Returns 0, or -1 with a message (for
 * example divergence, naming the setting to change; the last sane state is
 * kept). Returns 1 when the progress callback stopped it. */
int model_fit(model *m, const ratings *train, ll_error *err);
/* One more epoch (the first call initialises). -1 for models that are not
 * iterative, with a message saying so. */
int model_fit_epoch(model *m, const ratings *train, ll_error *err);
int model_epochs_done(const model *m);
int model_is_iterative(const model *m);
/* 1 for models whose scores rank items but are not ratings (popularity,
 * implicit ALS, NCF): they have no RMSE. */
int model_ranking_only(const model *m);

/* The model's raw estimate for (user, item), not clipped to the scale. */
double model_predict(const model *m, int user, int item);
/* The estimate clipped to the rating scale the model was trained on. */
double model_predict_clipped(const model *m, int user, int item);
/* The train RMSE, one definition everywhere (the epoch log, `plot loss`,
 * `train`'s summary, last.train_rmse): the error of the raw, unclipped
 * predictions on the training ratings, which is what SGD and ALS minimise.
 * Test RMSE and `eval` clip predictions to the scale, as `predict` does. */
double model_train_rmse(const model *m, const ratings *r);
/* Scores of every item for one user (higher is better) into out[n_items]. */
void model_score_items(const model *m, int user, float *out);

int model_n_users(const model *m);
int model_n_items(const model *m);

/* Latent factors, for models that have them (NULL otherwise): row-major
 * users x k and items x k. Writable so a lesson can set starting values. */
int model_k(const model *m);
float *model_user_factors(model *m);
float *model_item_factors(model *m);
const float *model_user_factors_const(const model *m);
const float *model_item_factors_const(const model *m);

/* Per-epoch losses: the training loss (RMSE for rating models, the model's
 * own objective for ranking-only ones) and the RMSE on the validation set if
 * one was given before fitting (NULL for ranking-only models, whose scores
 * are not ratings). Returns the number of epochs recorded. */
void model_set_validation(model *m, const ratings *test);
int model_history(const model *m, const double **train_rmse, const double **test_rmse);
void model_set_progress(model *m, model_progress_fn fn, void *ctx);

/* Save to a versioned file (written atomically), or the same format on an
 * open stream, so a session file can embed models. Reading one back needs
 * the factory: model_load and model_read in algo.h. The _ids forms also
 * store the external ids of the store the model was trained on (its users,
 * items and item titles, the first model_n_users and model_n_items of
 * ids), so that a reader can check the data it is given against them, or
 * do without data; the plain forms store none. */
int model_save(const model *m, const char *path, ll_error *err);
int model_write(const model *m, FILE *f, ll_error *err);
int model_save_ids(const model *m, const ratings *ids, const char *path, ll_error *err);
int model_write_ids(const model *m, const ratings *ids, FILE *f, ll_error *err);

/* Whether the data r can be used with a model whose file carried ids (a
 * store of names only, from model_load_ids): the same user and item ids at
 * the same indexes (r may have more after them, added since). 0, or -1
 * with a message naming the first index that differs. */
int model_ids_match(const ratings *ids, const ratings *r, ll_error *err);

#endif

/* wide_deep.h: Wide & Deep (Cheng et al., 2016) beyond model.h.
 *
 * score(u, i) = w0 + wide(u, i) + deep(u, i), and for ratings mu + score.
 *   wide  a linear model over sparse binary features and their crosses:
 *         user and item ids (their biases), each genre of the item, user x
 *         genre, the item's year bucket (from "(1995)" in its title) and,
 *         where the store has them (ml-100k's u.user, ml-1m's users.dat),
 *         age bucket x genre, gender x genre and occupation x genre.
 *   deep  embeddings of the user, the item, the item's genres (averaged),
 *         its year bucket and the user's age, gender and occupation, side
 *         by side, through ReLU layers to one linear output.
 * Both parts are trained jointly on one loss with Adam (nn.h): squared
 * error on ratings (`wide_deep`), or the logistic loss on implicit data
 * with `neg` negatives per positive resampled every epoch
 * (`wide_deep-implicit`, ranking only). The penalty is reg times the
 * squared weights of the wide features and embedding rows each example
 * uses, averaged over the batch; the dense layers are not penalised.
 *
 * Options: factors (8: embedding width per field), layers ("64,32,16": the
 * hidden sizes; the input is fields x factors), lr (0.001), reg (0.0001),
 * batch (256), epochs (20), neg (4, implicit), wide=1|0 and deep=1|0 (drop
 * a part, for ablation), demographics=1|0 (use age, gender and occupation
 * when the store has them; 1), threads (1: the threads that share each
 * mini-batch, wide_deep_train.c), seed (1). The weights depend on the data
 * and the seed only: threads=N gives threads=1's to the bit. */
#ifndef LL_WIDE_DEEP_H
#define LL_WIDE_DEEP_H

#include <stddef.h>
#include <stdint.h>

#include "engine/model/model.h"

int wd_is_wide_deep(const model *m);

/* Set up shapes and weights on a store without training (model_fit and
 * fit_epoch keep them). 0 or -1 with a message. */
int wd_init(model *m, const ratings *train, ll_error *err);

/* The two parts of a prediction (before mu): wide(u, i) + w0 and deep(u, i). */
int wd_parts(const model *m, int user, int item, double *wide, double *deep);

/* The prediction for a movie the model never saw (added to the store after
 * training, so beyond model_n_items), from its features alone: genres (a
 * mask over the store's genres; those newer than the model are dropped)
 * and the year bucket of its title. It has no id weight and no vector of
 * its own, which is all a movie without ratings would have learned. user
 * -1 (or newer than the model): no user features either. NAN when
 * untrained or not Wide & Deep. */
double wd_predict_unseen(const model *m, int user, uint32_t genres, const char *title);

/* What the wide part learned: the weight of genre g (user -1) or of the
 * cross user x genre g; the bias of a user, else of an item (w0 + mu when
 * both are -1). NAN when out of range or untrained. */
double wd_genre_weight(const model *m, int user, int genre);
double wd_bias(const model *m, int user, int item);
/* The year bucket of a title ("Toy Story (1995)" -> "1995-99"). */
const char *wd_year_bucket(const char *title);

/* For tests: the loss (mean over the batch, penalty included) and its
 * gradient for B examples, without updating; then parameter block i (0:
 * wide weights with w0 first, 1: embeddings, then each dense layer's W and
 * b, the output layer last) and its gradient. NULL past the last block. */
double wd_loss_grad(model *m, const int32_t *user, const int32_t *item, const float *y,
		    int B);
float *wd_param(model *m, int i, size_t *len, const float **grad);
/* After changing weights through wd_param. */
void wd_refresh(model *m);

#endif

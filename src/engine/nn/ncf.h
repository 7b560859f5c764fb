/* ncf.h: extras of the implicit-feedback models (gmf, mlp, neumf, logmf,
 * bpr) beyond model.h.
 *
 * These models learn from which items a user rated, not from the stars:
 * model_predict() returns a score (a logit; higher ranks first), not a
 * rating, so they are ranking-only in the algorithm table.
 *
 * Options (aliases after '|'):
 *   factors|k      predictive factors: GMF's and the dot product's size (8;
 *                  logmf and bpr: 32)
 *   layers         the MLP tower: "64,32,16,8" means 32-wide user and item
 *                  embeddings, then dense layers of 32, 16 and 8 (default
 *                  8k,4k,2k,k for k = factors, so 64,32,16,8 for k = 8)
 *   neg|num_neg    negatives per positive, resampled every epoch (4; bpr
 *                  pairs each positive with each of its negatives)
 *   lr             learning rate (0.001)
 *   batch|batch_size  examples per mini-batch (256)
 *   epochs         (20)
 *   reg            L2 penalty on the embeddings used in a batch (0)
 *   seed           (1)
 *   threads        OpenMP threads over the batch (1); the result depends on
 *                  the data and seed only, not on the thread count
 *   learner        adam|sgd (adam; sgd for a pretrained neumf, as the paper)
 *   pretrain       neumf only: "1" trains GMF and MLP first with the same
 *                  options, "path.gmf,path.mlp" loads saved ones
 *
 * The base's history (model_history) holds the training loss in its first
 * series; its second series, RMSE on the validation store, means nothing
 * for a score. The ranking series are here. */
#ifndef LL_NCF_H
#define LL_NCF_H

#include <stdint.h>

#include "engine/model/model.h"

/* 1 when m is one of the models above. */
int ncf_is_implicit(const model *m);

/* Per-epoch mean training loss (BCE or BPR), and HR@10 / NDCG@10 on the
 * validation store (model_set_validation; NaN without one). Returns the
 * number of epochs recorded, 0 for other models. */
int ncf_history(const model *m, const double **loss, const double **hr10,
		const double **ndcg10);

/* The loss the model trains on, named as a learner meets it: "log loss"
 * (binary cross-entropy on positives and sampled negatives: gmf, mlp,
 * neumf, logmf) or "BPR loss" (a positive against a sampled negative:
 * bpr). NULL for other models. Marked for translation, not translated:
 * a front end shows _(name). */
const char *ncf_loss_name(const model *m);

/* The shape of an implicit model: the GMF part's (or the dot product's)
 * factors, 0 for the MLP alone; the tower, widths[0] the user and item
 * embeddings side by side, then each hidden layer (n_tower entries, 0
 * without an MLP). A trained model's network gives it, else its options. */
#define NCF_SHAPE_MAX 9
typedef struct ncf_shape_info {
	int factors;
	int n_tower;
	int widths[NCF_SHAPE_MAX];
} ncf_shape_info;
/* 0, or -1 for other models. */
int ncf_shape(const model *m, ncf_shape_info *s);

/* The validation users' sampled negatives (a leave-one-out split's
 * split_fold.negatives: n_users x n_neg, -1 padded); not copied, so keep
 * them alive while training. Without them the model samples its own 99 per
 * user from its seed. Returns 0, or -1 for other models. */
int ncf_set_negatives(model *m, const int32_t *negatives, int n_neg);

#endif

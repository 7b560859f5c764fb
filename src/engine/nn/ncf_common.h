/* ncf_common.h: what the implicit-feedback models share (not for front ends).
 *
 * GMF, MLP and NeuMF (ncf_gmf.c, ncf_mlp.c, ncf_neumf.c) are one network
 * with parts switched on or off; the dot-product models of mf_bpr.c (logmf,
 * bpr) reuse the data, sampling, options, validation and history here.
 *
 * Implicit data: every rating in the training store is a positive. Each
 * epoch draws `neg` negatives per positive afresh (items the user has not
 * rated in train), shuffles the examples with the model's seeded mt19937
 * and cuts them into mini-batches. */
#ifndef LL_NCF_COMMON_H
#define LL_NCF_COMMON_H

#include <stdint.h>
#include <stdio.h>

#include <gsl/gsl_rng.h>

#include "engine/model/model_impl.h"
#include "engine/nn/nn.h"

#define NCF_MAX_LAYERS 8

typedef enum ncf_kind { NCF_GMF, NCF_MLP, NCF_NEUMF, NCF_LOGMF, NCF_BPR } ncf_kind;

typedef struct ncf_cfg {
	int factors;         /* GMF / dot-product factors */
	int n_layers;        /* entries in layers[] (0 without an MLP) */
	int layers[NCF_MAX_LAYERS + 1]; /* [0]: user+item embeddings; then hidden sizes */
	int neg;             /* negatives per positive */
	double lr, reg;
	int batch, epochs;
	unsigned long seed;
	int threads;
	int sgd;             /* 1: plain SGD instead of Adam */
	int pretrain;        /* NeuMF: 1 = train GMF and MLP first in-process */
	char pretrain_gmf[512], pretrain_mlp[512]; /* or load them from files */
} ncf_cfg;

/* Read the shared options for a model of this kind (see ncf.h for names). */
int ncf_cfg_read(ncf_cfg *c, ncf_kind kind, params *p, ll_error *err);

/* One training example: user, item, label; for BPR `neg` is the sampled
 * negative item and `item` the positive. */
typedef struct ncf_example {
	int32_t user, item, neg;
	float label;
} ncf_example;

typedef struct ncf_data {
	int n_users, n_items;
	size_t n_pos;
	int32_t *pos_user, *pos_item; /* the positives, in store order */
	size_t *uoff;                 /* per-user positives, sorted (CSR) */
	int32_t *uitems;
	ncf_example *ex;              /* this epoch's examples */
	size_t n_ex;
} ncf_data;

ncf_data *ncf_data_new(const ratings *train, ll_error *err);
void ncf_data_free(ncf_data **d);
int ncf_data_has(const ncf_data *d, int user, int item);
/* An item the user has no positive for (uniform); -1 if none exists. */
int ncf_sample_negative(const ncf_data *d, gsl_rng *rng, int user);
/* Fill d->ex for one epoch: pointwise (each positive then `neg` negatives)
 * or pairwise (one example per positive and negative pair), then shuffle. */
int ncf_data_epoch(ncf_data *d, gsl_rng *rng, int neg, int pairwise, ll_error *err);

/* Held-out items for per-epoch HR@10/NDCG@10: one target and its
 * candidates per validation user. */
typedef struct ncf_val {
	int n;                 /* users with a target */
	int32_t *user, *target;
	int32_t *cand;         /* n x n_neg candidates (-1 = none) */
	int n_neg;
} ncf_val;

/* The state every implicit model carries (embed as the first member after
 * struct model; see ncf_model). */
typedef struct ncf_model {
	struct model base;
	ncf_kind kind;
	ncf_cfg cfg;
	ncf_data *data;
	gsl_rng *rng;
	/* per-epoch series (ncf.h) */
	double *h_loss, *h_hr, *h_ndcg;
	int n_hist, cap_hist;
	/* validation */
	const int32_t *ext_neg;  /* negatives given by ncf_set_negatives */
	int ext_n_neg;
	const ratings *val_for;  /* the store val was built from */
	ncf_val val;
	/* the network (GMF, MLP, NeuMF) */
	struct ncf_net *net;
} ncf_model;

/* Is this model one of the implicit models? */
int ncf_model_check(const model *m);

/* Shared model plumbing. */
int ncf_model_setup(ncf_model *nm, const ratings *train, ll_error *err);
void ncf_model_release(ncf_model *nm);
/* After an epoch: record the loss, compute HR@10/NDCG@10 on the validation
 * store when one is set, and call model_log_epoch. Returns -1 (with a message
 * naming lr) when the loss is not finite. */
int ncf_model_end_epoch(ncf_model *nm, double loss, ll_error *err);

/* --- the network (GMF, MLP, NeuMF) -------------------------------------- */

typedef struct ncf_net ncf_net;

ncf_net *ncf_net_new(ncf_kind kind, const ncf_cfg *c, int n_users, int n_items,
		     gsl_rng *rng, ll_error *err);
void ncf_net_free(ncf_net **n);
/* Train on examples [0, n) in mini-batches; *mean_loss gets the mean loss.
 * Returns 0, or -1 when memory runs out. */
int ncf_net_train(ncf_net *n, const ncf_example *ex, size_t n_ex, double *mean_loss,
		  ll_error *err);
/* Loss and gradients of one batch without updating (for tests): grads are
 * written to the network's gradient buffers; see ncf_net_param. */
double ncf_net_loss_grad(ncf_net *n, const ncf_example *ex, int B);
/* Parameter block i (0 = user embeddings, 1 = item embeddings, then each
 * dense layer's W and b, the output layer last) and its gradient after
 * ncf_net_loss_grad (dense embedding gradients, rows of touched users and
 * items). Returns NULL past the last block. */
float *ncf_net_param(ncf_net *n, int i, size_t *len, const float **grad);
/* The logit of (user, item), and the logits of every item for one user. */
float ncf_net_score(const ncf_net *n, int user, int item);
void ncf_net_score_items(const ncf_net *n, int user, float *out);
/* Recompute caches after the weights changed (training, loading). */
void ncf_net_refresh(ncf_net *n);
/* Take the optimiser settings (lr, reg, batch, threads, learner) of c; the
 * optimiser's moments start afresh. */
void ncf_net_set_training(ncf_net *n, const ncf_cfg *c);
/* NeuMF from trained GMF and MLP networks (alpha = 0.5 as in the paper). */
int ncf_net_from_pretrained(ncf_net *neumf, const ncf_net *gmf, const ncf_net *mlp,
			    ll_error *err);
int ncf_net_write(const ncf_net *n, FILE *f, ll_error *err);
ncf_net *ncf_net_read(FILE *f, ll_error *err);
/* The GMF width (0 without) and the tower's widths (level 0 the input, the
 * user and item embeddings side by side) of a network; returns the tower's
 * entries, 0 without an MLP. widths holds NCF_MAX_LAYERS + 1. */
int ncf_net_shape(const ncf_net *n, int *factors, int *widths);
/* The network inside a model made by gmf/mlp/neumf, or NULL. */
const ncf_net *ncf_model_net(const model *m);

/* Ops shared by gmf, mlp and neumf. */
int ncf_net_fit_epoch(model *m, const ratings *train, ll_error *err);
double ncf_net_predict(const model *m, int user, int item);
void ncf_net_model_score_items(const model *m, int user, float *out);
int ncf_net_save(const model *m, FILE *f, ll_error *err);
int ncf_net_load(model *m, FILE *f, ll_error *err);
void ncf_net_destroy(model *m);
/* Make a gmf/mlp/neumf model with these ops. */
model *ncf_net_model_new(const model_ops *ops, ncf_kind kind, params *p, ll_error *err);

#endif

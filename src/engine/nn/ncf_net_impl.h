/* ncf_net_impl.h: the NCF network's insides, shared by ncf_net.c (shape,
 * weights, scoring, files) and ncf_net_train.c (forward, backward and the
 * optimiser). Nothing else includes it: the rest of the engine uses
 * ncf_common.h's ncf_net_* functions. */
#ifndef LL_NCF_NET_IMPL_H
#define LL_NCF_NET_IMPL_H

#include "engine/nn/ncf_common.h"

#define NCF_CHUNK 64
#define NCF_MAX_WIDTH 1024

typedef struct ncf_ws {
	float *act[NCF_MAX_LAYERS + 1];  /* tower activations, level 0 = input */
	float *dact[NCF_MAX_LAYERS + 1];
	float *f, *df;                   /* output layer input and its gradient */
	float *g;                        /* dense gradients, flat */
	double loss;
} ncf_ws;

struct ncf_net {
	ncf_kind kind;
	int n_users, n_items;
	int k, e, d;          /* GMF width, MLP embedding width per side, row width */
	int n_tower;
	nn_dense tower[NCF_MAX_LAYERS];
	int last;             /* tower output width (0 without MLP) */
	int fw;               /* output layer input width: k + last */
	float *wout, bout;    /* output layer: fw weights and a bias */
	float *U, *I;
	/* optimiser */
	int sgd, batch, threads;
	float lr, reg;
	nn_adam adam;
	float *mU, *vU, *mI, *vI, *mD, *vD;
	/* dense parameters, flat offsets into gradient and moment arrays */
	size_t offW[NCF_MAX_LAYERS + 1], offB[NCF_MAX_LAYERS + 1], n_dense;
	/* gradients */
	float *gD, *gU, *gI;
	float *eU, *eI;       /* per-example embedding gradients, batch x d */
	int32_t *tu, *ti;
	int ntu, nti;
	uint32_t *stampU, *stampI, stamp;
	int n_ws;
	ncf_ws *ws;
	/* item half of the first tower layer, for scoring */
	float *item_l1;
};


/* calloc that records a failure in *fail instead of returning early, so a
 * run of allocations is checked once. */
void *ncf_xcalloc(size_t n, size_t size, int *fail);
/* Free the training workspaces (remade on the next batch). */
void ncf_ws_release(ncf_net *n);
/* Optimiser state and training buffers (ncf_net_train.c), made on the first
 * batch. */
int ncf_net_alloc_train(ncf_net *n);

#endif

/* mf_trace.h: what matrix factorization reports while it trains, so the lab
 * can animate the real updates (nothing is recomputed elsewhere).
 *
 * SGD models call an mf_trace_fn for every rating update, with the vectors
 * before and after; ALS models call an mf_sweep_fn after each half-sweep
 * (all users solved, then all items solved). The pointers in an update are
 * valid only during the call. When no hook is set, training runs a separate
 * untraced loop, so tracing costs nothing unless it is used. */
#ifndef LL_MF_TRACE_H
#define LL_MF_TRACE_H

typedef struct mf_update {
	int user, item;
	long index;         /* position of the update within its epoch */
	long entry;         /* the rating's position in the store's entries */
	int epoch;          /* 1-based epoch the update belongs to */
	float rating, prediction, error;
	float lr, reg;      /* the rates actually used (after decay) */
	float bu_before, bu_after, bi_before, bi_after; /* 0 without biases */
	int k;
	const float *p_before, *q_before, *p_after, *q_after;
} mf_update;

typedef void (*mf_trace_fn)(void *ctx, const mf_update *u);

enum { MF_SWEEP_USERS = 0, MF_SWEEP_ITEMS = 1 };

typedef struct mf_sweep {
	int epoch;          /* 1-based */
	int half;           /* MF_SWEEP_USERS or MF_SWEEP_ITEMS: what was just solved */
	double loss;        /* training RMSE after this half (implicit: weighted RMSE) */
	int k, n_rows;      /* the factors just solved: n_rows x k, row-major */
	const float *factors;
} mf_sweep;

typedef void (*mf_sweep_fn)(void *ctx, const mf_sweep *s);

#endif

/* sim.h: similarity between users or between items, over co-rated entries.
 *
 * The measures are those of Surprise (cosine, pearson, pearson_baseline with
 * shrinkage, msd as 1/(msd+1)) plus euclidean as 1/(1+distance). A pair that
 * shares fewer than min_support ratings has similarity 0. "Rows" are users
 * when user_based, else items; "columns" are the other side.
 *
 * Rows are computed one at a time from a compact copy of the store (sim_work),
 * so a caller can keep a dense matrix, only the top neighbours of each row, or
 * a single row for the lab's `similar` command. */
#ifndef LL_SIM_H
#define LL_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/err.h"
#include "engine/data/ratings.h"

typedef enum sim_kind {
	SIM_COSINE,
	SIM_PEARSON,
	SIM_PEARSON_BASELINE,
	SIM_MSD,
	SIM_EUCLIDEAN,
} sim_kind;

/* The names in enum order, '|'-separated, for params_choice(). */
#define SIM_NAMES "cosine|pearson|pearson_baseline|msd|euclidean"

const char *sim_name(sim_kind k);
/* The kind named name, or -1. */
int sim_from_name(const char *name);

typedef struct sim_cfg {
	sim_kind kind;
	int user_based;     /* 1: similarities between users; 0: between items */
	int min_support;    /* fewer co-rated entries give 0 (Surprise: 1) */
	double shrinkage;   /* pearson_baseline: times (n-1)/(n-1+shrinkage) */
	/* Baselines for pearson_baseline (mu + b_user + b_item); NULL otherwise. */
	double mu;
	const double *bu, *bi;
} sim_cfg;

/* A compact CSR copy of one side of a store: row x holds (col, value) pairs,
 * sorted by col. */
typedef struct sim_csr {
	int n_rows;
	uint32_t *off;  /* n_rows + 1 */
	int32_t *col;
	float *val;
} sim_csr;

int sim_csr_build(sim_csr *c, const ratings *r, int by_user);
void sim_csr_clear(sim_csr *c);
size_t sim_csr_bytes(const sim_csr *c);
/* The value at (row, col), or NAN when absent (binary search). */
float sim_csr_get(const sim_csr *c, int row, int col);


typedef struct sim_work sim_work;

sim_work *sim_work_new(const ratings *r, const sim_cfg *cfg, ll_error *err);
void sim_work_free(sim_work **w);
int sim_work_rows(const sim_work *w);
/* Similarity of row x to every row into out[n_rows] (out[x] is the self
 * similarity); support[n_rows], if not NULL, gets the co-rated counts.
 * Not thread-safe: use one sim_work per thread (sim_work_clone). */
void sim_row(sim_work *w, int x, float *out, int *support);
/* A scratch copy sharing the read-only data, for another thread. */
sim_work *sim_work_clone(const sim_work *w);

/* The dense rows x rows matrix (row-major), rows in parallel with OpenMP;
 * each row is computed alone, so the result does not depend on threads. */
float *sim_matrix(const ratings *r, const sim_cfg *cfg, ll_error *err);

/* One pair, straight from the definitions (for tests and explanations). */
double sim_pair(const ratings *r, const sim_cfg *cfg, int a, int b, int *support);

#endif

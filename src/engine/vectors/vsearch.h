/* vsearch.h: exact top-k search over a table of float vectors (item factors,
 * or any n x d row-major table) by dot product, cosine or Euclidean distance.
 *
 * Scores are "higher is better": the dot product, the cosine, or minus the
 * Euclidean distance. Exact search is the reference that approximate indexes
 * (ann_ivf.h) are measured against. */
#ifndef LL_VSEARCH_H
#define LL_VSEARCH_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/core/err.h"

typedef enum vs_metric { VS_DOT, VS_COSINE, VS_EUCLIDEAN } vs_metric;
#define VS_METRIC_NAMES "dot|cosine|euclidean"
const char *vs_metric_name(vs_metric m);

typedef struct vs_hit {
	int32_t id;
	float score;
} vs_hit;

/* A borrowed table with its rows' norms and a copy of it packed for the
 * kernel (vs_kernels.h), so it holds twice the table's bytes. */
typedef struct vs_table vs_table;
vs_table *vs_table_new(const float *x, int n, int d, ll_error *err);
void vs_table_free(vs_table **t);
int vs_table_n(const vs_table *t);
int vs_table_d(const vs_table *t);
const float *vs_table_row(const vs_table *t, int i);

/* The score of row i for query q under metric m (qnorm: vs_norm(q)), as
 * vs_topk reports it. */
float vs_score(const vs_table *t, vs_metric m, const float *q, float qnorm, int i);
/* |q|, the root of the kernel's chain q . q (vs_ip_rows). */
float vs_norm(const float *q, int d);
/* The dot product with eight partial sums, so it pipelines without
 * -ffast-math (the same order every time: deterministic). Not the chain
 * exact search scores with: for a product on its own. */
float vs_dot(const float *a, const float *b, int d);

/* The k best rows for q, best first (ties of the ranking key: lower id;
 * the key is the score before the query's own factor); rows for which
 * skip(ctx, id) is true are left out (NULL: none). Returns how many. */
int vs_topk(const vs_table *t, vs_metric m, const float *q, int k,
	int (*skip)(void *ctx, int id), void *ctx, vs_hit *out);

/* Top k for nq queries (row-major nq x d) into out[nq x k] (missing hits
 * get id -1): the queries against blocks of rows as one matrix product,
 * rows split over the OpenMP threads. Each query's hits are vs_topk's, the
 * same ids in the same order with the same bits, on any thread count: both
 * take every product from one chain of the kernel (vs_kernels.h) and rank
 * by the same key. Returns 0, or -1 out of memory. */
int vs_topk_batch(const vs_table *t, vs_metric m, const float *q, int nq, int k, vs_hit *out);

/* Exact search ranks row x by a key made from the product s = q . x (the
 * kernel's chain, vs_ip_rows): s itself for the dot product, s / |x| for
 * cosine (inv = 1 / |x|, 0 for a zero row), 2 s - |x|^2 for Euclidean
 * distance (x2 = |x|^2 by the same chain); |q| comes back at the end, from
 * q2 = q . q. The IVF index scans its cells with the same two steps, so
 * probing every cell is exact search to the bit. */
static inline float vs_rank_key(vs_metric m, float s, float x2, float inv)
{
	return m == VS_COSINE ? s * inv : m == VS_EUCLIDEAN ? 2 * s - x2 : s;
}

static inline float vs_key_score(vs_metric m, float key, float q2)
{
	if (m == VS_COSINE) {
		float qn = sqrtf(q2);
		return qn > 0 ? key / qn : 0;
	}
	if (m == VS_EUCLIDEAN) {
		float d2 = q2 - key;
		return -sqrtf(d2 > 0 ? d2 : 0);
	}
	return key;
}

/* Keeping the k best of a stream of scored ids (used by exact and ANN search):
 * a min-heap whose root is the worst kept. */
void vs_heap_push(vs_hit *h, int *n, int k, int32_t id, float score);
/* Sort a heap's content best first; returns n. */
int vs_heap_sort(vs_hit *h, int n);

/* A clustered synthetic catalogue (n x d, row-major, caller frees): cluster
 * centres drawn N(0, 1), each vector a centre plus N(0, spread^2) noise, all
 * from a seeded mt19937. Stands in for learned item factors at scales no
 * dataset here reaches (a million items). */
float *vs_synthetic(int n, int d, int clusters, double spread, unsigned long seed, ll_error *err);

/* How many ids two hit lists share (recall@k of b against exact a when
 * divided by na). */
int vs_overlap(const vs_hit *a, int na, const vs_hit *b, int nb);

#endif

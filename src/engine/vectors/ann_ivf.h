/* ann_ivf.h: an inverted-file index for approximate top-k search.
 *
 * Build: k-means (seeded; trained on a sample, as FAISS does) cuts the
 * vectors into nlist cells; each vector is stored in the cell of its nearest
 * centroid, or for the dot product of the centroid with the largest inner
 * product (the rule the search probes cells by; k-means assigns the same
 * way, as FAISS's inner-product index does). Search: rank the centroids for
 * the query and scan only the nprobe best cells, scoring their vectors as
 * exact search does (vs_rank_key). nprobe trades speed for recall:
 * nprobe = nlist is exact search, the same hits and scores as vs_topk.
 * Same seed, same index, same answers. */
#ifndef LL_ANN_IVF_H
#define LL_ANN_IVF_H

#include <stddef.h>

#include "engine/core/err.h"
#include "engine/vectors/vsearch.h"

typedef struct ivf_opts {
	int nlist;            /* cells; 0: about sqrt(n) */
	int iters;            /* k-means iterations (default 10) */
	int train_size;       /* k-means sample; 0: min(n, 64 * nlist) */
	unsigned long seed;
	vs_metric metric;
	/* Dot product only: 0 (default) probes cells by the dot product with
	 * their centroids; 1 adds a column so that the largest dot product is
	 * the nearest vector and k-means cells fit it (the Bachrach et al.
	 * transform). Measured on ml-100k's biased factors, 1 needs more cells
	 * for the same recall; on clustered synthetic vectors it needs fewer. */
	int mips;
	/* 1: k-means and the cells by Euclidean distance whatever the metric,
	 * while the search still probes by it: the rule a dot-product index had
	 * before it assigned by the inner product, kept to measure the
	 * difference (tests, bench). 0 (default): by the probing rule. */
	int assign_l2;
	/* Dot product with cells by the inner product only: 1 keeps the
	 * centroids at unit length (spherical k-means, what FAISS's
	 * inner-product IVF does by default), so cells are directions and a
	 * vector's length no longer picks its cell. Measured: on the clustered
	 * synthetic catalogue about FAISS's recall (1M x 32 at nprobe 1,
	 * 0.944 against 0.951 without); on MF item factors, whose lengths
	 * carry popularity, far worse (ml-100k, 42 cells: 0.17 against 0.46).
	 * 0 (default): plain means. */
	int spherical;
} ivf_opts;

void ivf_opts_init(ivf_opts *o);

typedef struct ivf ivf;

/* Index the n x d table x (copied, in cell order). */
ivf *ivf_build(const float *x, int n, int d, const ivf_opts *o, ll_error *err);
void ivf_free(ivf **ix);

/* The approximate k best rows for q, best first; scores as vs_score().
 * Thread-safe. Returns how many (fewer than k when the probed cells hold
 * fewer vectors). */
int ivf_search(const ivf *ix, const float *q, int k, int nprobe, vs_hit *out);

int ivf_nlist(const ivf *ix);
/* Vectors in cell c, and bytes held by the index (vectors, ids, centroids). */
int ivf_cell_size(const ivf *ix, int c);
size_t ivf_bytes(const ivf *ix);
/* The k-means objective: mean squared distance to the nearest centroid. */
double ivf_inertia(const ivf *ix);

#endif

/* vs_kernels.h: many dot products at once, shaped as a matrix product
 * (GEMM): a block of rows X against a table C packed in panels of 16 rows.
 * k-means assignment, IVF probing and scanning, and exact search (a batch
 * of queries, or one query against the packed table) use it. AVX2+FMA
 * when the CPU has it (chosen at start-up), else portable C. Each product
 * is one chain over the d coordinates in order, whatever block, tile or
 * thread it falls in, so results do not depend on the blocking or the
 * thread count (the two variants differ in rounding). */
#ifndef LL_VS_KERNELS_H
#define LL_VS_KERNELS_H

#include <stddef.h>

/* 0 forces portable C (tests); 1 the best the CPU has. From the main
 * thread only. Returns 1 when AVX2 is in use. */
int vs_kernels_select(int avx2);

/* Rows of C per panel; packed tables hold vs_pad16(n) rows. */
#define VS_PANEL 16
static inline int vs_pad16(int n) { return (n + VS_PANEL - 1) / VS_PANEL * VS_PANEL; }

/* C (n x d, row-major) packed: panel p holds, for each f < d, the f-th
 * entries of rows 16p .. 16p+15 (zero past n). Caller frees; NULL when out
 * of memory. */
float *vs_pack(const float *C, int n, int d);

/* out[i * ldo + c] = X_i . C_c for i < nx and c < vs_pad16(nc) (ldo >=
 * vs_pad16(nc); padded columns get 0). */
void vs_ip_block(const float *packed, int nc, int d, const float *X, int nx, float *out,
		 int ldo);

/* out[i] = q . X_i for the nx rows of X (row-major, d per row; q NULL:
 * X_i . X_i), each product the same chain as vs_ip_block's, so a score
 * found one query at a time equals the batched one to the bit (exact
 * search's one-query path, the scan of an IVF cell, squared norms). */
void vs_ip_rows(const float *q, const float *X, int nx, int d, float *out);

/* A block row's scores turned into ranking keys in place (mode 0: s, 1:
 * s * a, 2: 2 s - a) and the j < n whose key beats thr[j], in increasing
 * j, into idx; returns how many. Batched search's scan of a row against
 * every query's worst kept key: most rows beat none. */
int vs_keys_above(float *s, int n, int mode, float a, const float *thr, int *idx);

/* The index c < n minimising v_c = -s[c] (by_ip) or cn2[c] - 2 s[c]; the
 * lowest such index on ties, as a loop from 0 with "<" finds it. *val gets
 * v of the winner. */
int vs_argmin(const float *s, const float *cn2, int n, int by_ip, float *val);

#endif

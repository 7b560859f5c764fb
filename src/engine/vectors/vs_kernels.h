/* vs_kernels.h: many dot products at once, shaped as a matrix product
 * (GEMM): a block of rows X against a table C packed in panels of 16 rows.
 * k-means assignment, IVF probing and batched exact search use it. AVX2+FMA
 * when the CPU has it (chosen at start-up), else portable C. Each product is one chain over the d coordinates in order,
 * whatever block, tile or thread it falls in, so results do not depend on
 * the blocking or the thread count (the two variants differ in rounding). */
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

/* The index c < n minimising v_c = -s[c] (by_ip) or cn2[c] - 2 s[c]; the
 * lowest such index on ties, as a loop from 0 with "<" finds it. *val gets
 * v of the winner. */
int vs_argmin(const float *s, const float *cn2, int n, int by_ip, float *val);

#endif

/* vs_kernels.c: the blocked dot-product kernel (vs_kernels.h). The AVX2
 * tile is 6 rows of X by 16 rows of C: twelve accumulators, two panel loads
 * and six broadcasts per coordinate, so it runs at the FMA units' rate. */
#include "engine/vectors/vs_kernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define VS_HAVE_X86 1
#endif

/* The portable chains must round each multiply and each add, as the
 * single-row and the blocked variants both do; a compiler allowed to fuse
 * them (-march=native, -ffp-contract=fast) might fuse one and not the other. */
#if defined(__GNUC__) && !defined(__clang__)
#define PORTABLE __attribute__((optimize("fp-contract=off")))
#else
#define PORTABLE
#endif

/* Chosen once at start-up, before any parallel region. */
static int use_avx2;

__attribute__((constructor)) static void choose_at_start(void)
{
#ifdef VS_HAVE_X86
	__builtin_cpu_init();
	use_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
}

int vs_kernels_select(int avx2)
{
	choose_at_start();
	if (!avx2)
		use_avx2 = 0;
	return use_avx2;
}

float *vs_pack(const float *C, int n, int d)
{
	int np = vs_pad16(n);
	float *p = calloc((size_t)np * d + 1, sizeof *p);
	if (!p)
		return NULL;
	for (int c = 0; c < n; c++) {
		float *panel = p + (size_t)(c / VS_PANEL) * VS_PANEL * d;
		for (int f = 0; f < d; f++)
			panel[(size_t)f * VS_PANEL + c % VS_PANEL] = C[(size_t)c * d + f];
	}
	return p;
}

PORTABLE static void ip_scalar(const float *packed, int nc, int d, const float *X, int nx,
			       float *out, int ldo)
{
	int np = vs_pad16(nc);
	for (int i = 0; i < nx; i++) {
		const float *x = X + (size_t)i * d;
		for (int c0 = 0; c0 < np; c0 += VS_PANEL) {
			const float *panel = packed + (size_t)c0 * d;
			float acc[VS_PANEL] = { 0 };
			for (int f = 0; f < d; f++)
				for (int l = 0; l < VS_PANEL; l++)
					acc[l] += x[f] * panel[(size_t)f * VS_PANEL + l];
			memcpy(out + (size_t)i * ldo + c0, acc, sizeof acc);
		}
	}
}

/* One chain per row, as ip_scalar's per product: acc += q[f] * x[f] in
 * order from 0, rounded after each multiply and each add. */
PORTABLE static void rows_scalar(const float *q, const float *X, int nx, int d, float *out)
{
	for (int i = 0; i < nx; i++) {
		const float *x = X + (size_t)i * d, *a = q ? q : x;
		float acc = 0;
		for (int f = 0; f < d; f++)
			acc += a[f] * x[f];
		out[i] = acc;
	}
}

static int keys_above_scalar(float *s, int j, int n, int mode, float a, const float *thr,
			     int *idx)
{
	int got = 0;
	for (; j < n; j++) {
		float v = mode == 1 ? s[j] * a : mode == 2 ? (s[j] + s[j]) - a : s[j];
		s[j] = v;
		if (v > thr[j])
			idx[got++] = j;
	}
	return got;
}

static int argmin_scalar(const float *s, const float *cn2, int c, int n, int by_ip, int best,
			 float *bv)
{
	for (; c < n; c++) {
		float v = by_ip ? -s[c] : cn2[c] - 2 * s[c];
		if (v < *bv)
			*bv = v, best = c;
	}
	return best;
}

#ifdef VS_HAVE_X86
/* Two passes over the row: the least value (two running minima, one
 * instruction per eight values), then the first index that holds it: the
 * scalar loop's answer, the lowest index among equals (+0 and -0 equal, as
 * "<" sees them). 2 s is exact, so cn2 - 2 s rounds once either way. A NaN
 * never wins: min keeps the running value, == is false. */
__attribute__((target("avx2,fma"), always_inline))
static inline __m256 argmin_v(const float *s, const float *cn2, int c, int by_ip)
{
	__m256 sv = _mm256_loadu_ps(s + c);
	return by_ip ? _mm256_xor_ps(sv, _mm256_set1_ps(-0.0f))
		     : _mm256_sub_ps(_mm256_loadu_ps(cn2 + c), _mm256_add_ps(sv, sv));
}

__attribute__((target("avx2,fma")))
static int argmin_avx2(const float *s, const float *cn2, int n, int by_ip, float *val)
{
	int nb = n & ~7, c = 0;
	float bv = INFINITY;
	__m256 m0 = _mm256_set1_ps(INFINITY), m1 = m0;
	for (; c + 16 <= nb; c += 16) {
		m0 = _mm256_min_ps(argmin_v(s, cn2, c, by_ip), m0);
		m1 = _mm256_min_ps(argmin_v(s, cn2, c + 8, by_ip), m1);
	}
	if (c < nb)
		m0 = _mm256_min_ps(argmin_v(s, cn2, c, by_ip), m0);
	float lv[8];
	_mm256_storeu_ps(lv, _mm256_min_ps(m0, m1));
	for (int l = 0; l < 8; l++)
		if (lv[l] < bv)
			bv = lv[l];
	for (c = nb; c < n; c++) {
		float v = by_ip ? -s[c] : cn2[c] - 2 * s[c];
		if (v < bv)
			bv = v;
	}
	int best = 0;
	if (bv < INFINITY) {
		const __m256 want = _mm256_set1_ps(bv);
		for (c = 0; c < nb; c += 8) {
			unsigned m = (unsigned)_mm256_movemask_ps(
				_mm256_cmp_ps(argmin_v(s, cn2, c, by_ip), want, _CMP_EQ_OQ));
			if (m) {
				best = c + __builtin_ctz(m);
				break;
			}
		}
		if (c >= nb)
			for (c = nb; c < n; c++)
				if ((by_ip ? -s[c] : cn2[c] - 2 * s[c]) == bv) {
					best = c;
					break;
				}
	}
	*val = n > 0 && bv < INFINITY ? (by_ip ? -s[best] : cn2[best] - 2 * s[best]) : INFINITY;
	return best;
}

__attribute__((target("avx2,fma")))
static inline void tile6(const float *panel, int d, const float *X, float *out, int ldo)
{
	__m256 a00 = _mm256_setzero_ps(), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00;
	__m256 a30 = a00, a31 = a00, a40 = a00, a41 = a00, a50 = a00, a51 = a00;
	const float *x0 = X, *x1 = X + d, *x2 = X + 2 * (size_t)d, *x3 = X + 3 * (size_t)d;
	const float *x4 = X + 4 * (size_t)d, *x5 = X + 5 * (size_t)d;
	for (int f = 0; f < d; f++) {
		__m256 c0 = _mm256_loadu_ps(panel + (size_t)f * VS_PANEL);
		__m256 c1 = _mm256_loadu_ps(panel + (size_t)f * VS_PANEL + 8);
		__m256 b = _mm256_broadcast_ss(x0 + f);
		a00 = _mm256_fmadd_ps(b, c0, a00), a01 = _mm256_fmadd_ps(b, c1, a01);
		b = _mm256_broadcast_ss(x1 + f);
		a10 = _mm256_fmadd_ps(b, c0, a10), a11 = _mm256_fmadd_ps(b, c1, a11);
		b = _mm256_broadcast_ss(x2 + f);
		a20 = _mm256_fmadd_ps(b, c0, a20), a21 = _mm256_fmadd_ps(b, c1, a21);
		b = _mm256_broadcast_ss(x3 + f);
		a30 = _mm256_fmadd_ps(b, c0, a30), a31 = _mm256_fmadd_ps(b, c1, a31);
		b = _mm256_broadcast_ss(x4 + f);
		a40 = _mm256_fmadd_ps(b, c0, a40), a41 = _mm256_fmadd_ps(b, c1, a41);
		b = _mm256_broadcast_ss(x5 + f);
		a50 = _mm256_fmadd_ps(b, c0, a50), a51 = _mm256_fmadd_ps(b, c1, a51);
	}
	_mm256_storeu_ps(out, a00), _mm256_storeu_ps(out + 8, a01);
	_mm256_storeu_ps(out + ldo, a10), _mm256_storeu_ps(out + ldo + 8, a11);
	_mm256_storeu_ps(out + 2 * ldo, a20), _mm256_storeu_ps(out + 2 * ldo + 8, a21);
	_mm256_storeu_ps(out + 3 * ldo, a30), _mm256_storeu_ps(out + 3 * ldo + 8, a31);
	_mm256_storeu_ps(out + 4 * ldo, a40), _mm256_storeu_ps(out + 4 * ldo + 8, a41);
	_mm256_storeu_ps(out + 5 * ldo, a50), _mm256_storeu_ps(out + 5 * ldo + 8, a51);
}

/* One row: the same chain per product as tile6's. */
__attribute__((target("avx2,fma")))
static inline void tile1(const float *panel, int d, const float *x, float *out)
{
	__m256 a0 = _mm256_setzero_ps(), a1 = a0;
	for (int f = 0; f < d; f++) {
		__m256 b = _mm256_broadcast_ss(x + f);
		a0 = _mm256_fmadd_ps(b, _mm256_loadu_ps(panel + (size_t)f * VS_PANEL), a0);
		a1 = _mm256_fmadd_ps(b, _mm256_loadu_ps(panel + (size_t)f * VS_PANEL + 8), a1);
	}
	_mm256_storeu_ps(out, a0), _mm256_storeu_ps(out + 8, a1);
}

__attribute__((target("avx2,fma")))
static void ip_avx2(const float *packed, int nc, int d, const float *X, int nx, float *out,
		    int ldo)
{
	int np = vs_pad16(nc), full = nx / 6 * 6;
	/* Panels outside, rows inside: a panel (16 d floats) stays in L1 while
	 * the block of rows streams past it. */
	for (int c0 = 0; full && c0 < np; c0 += VS_PANEL) {
		const float *panel = packed + (size_t)c0 * d;
		for (int i = 0; i < full; i += 6)
			tile6(panel, d, X + (size_t)i * d, out + (size_t)i * ldo + c0, ldo);
	}
	/* The rows left over (all of them for one query): each streams past
	 * the panels in order, one stream from memory. (Four panels at a
	 * time, eight chains, ran no faster from cache and twice as slow from
	 * memory, where the four streams lost the prefetcher.) */
	for (int i = full; i < nx; i++)
		for (int c0 = 0; c0 < np; c0 += VS_PANEL)
			tile1(packed + (size_t)c0 * d, d, X + (size_t)i * d, out + (size_t)i * ldo + c0);
}

/* One row's chain over eight more coordinates, for eight rows at once:
 * the rows' next eight coordinates (x, rows d apart) are loaded and turned
 * so that vector j holds coordinate j of the eight rows, then folded into
 * acc in order. Written out, so that every value stays in a register. q
 * NULL: the rows' own squares. */
__attribute__((target("avx2,fma"), always_inline))
static inline __m256 chunk8(const float *q, const float *x, size_t d, __m256 acc)
{
	__m256 r0 = _mm256_loadu_ps(x), r1 = _mm256_loadu_ps(x + d);
	__m256 r2 = _mm256_loadu_ps(x + 2 * d), r3 = _mm256_loadu_ps(x + 3 * d);
	__m256 r4 = _mm256_loadu_ps(x + 4 * d), r5 = _mm256_loadu_ps(x + 5 * d);
	__m256 r6 = _mm256_loadu_ps(x + 6 * d), r7 = _mm256_loadu_ps(x + 7 * d);
	__m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
	__m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
	__m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
	__m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
	__m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
	__m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
	__m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
	__m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
	__m256 c0 = _mm256_permute2f128_ps(u0, u4, 0x20), c1 = _mm256_permute2f128_ps(u1, u5, 0x20);
	__m256 c2 = _mm256_permute2f128_ps(u2, u6, 0x20), c3 = _mm256_permute2f128_ps(u3, u7, 0x20);
	__m256 c4 = _mm256_permute2f128_ps(u0, u4, 0x31), c5 = _mm256_permute2f128_ps(u1, u5, 0x31);
	__m256 c6 = _mm256_permute2f128_ps(u2, u6, 0x31), c7 = _mm256_permute2f128_ps(u3, u7, 0x31);
#define VS_STEP(j, c) acc = _mm256_fmadd_ps(q ? _mm256_broadcast_ss(q + j) : c, c, acc)
	VS_STEP(0, c0); VS_STEP(1, c1); VS_STEP(2, c2); VS_STEP(3, c3);
	VS_STEP(4, c4); VS_STEP(5, c5); VS_STEP(6, c6); VS_STEP(7, c7);
#undef VS_STEP
	return acc;
}

/* Rows 8 at a time: each lane is one row's chain over f in order, the same
 * as tile6's per product. The last d % 8 coordinates are gathered. (Two
 * groups side by side ran faster from cache and slower from memory, where
 * squared norms of a large table come from.) */
__attribute__((target("avx2,fma"), always_inline))
static inline void rows8(const float *q, const float *X, int d, float *out)
{
	__m256 acc = _mm256_setzero_ps();
	int f = 0;
	for (; f + 8 <= d; f += 8)
		acc = chunk8(q ? q + f : NULL, X + f, (size_t)d, acc);
	if (f < d) {
		const __m256i vidx = _mm256_setr_epi32(0, d, 2 * d, 3 * d, 4 * d, 5 * d, 6 * d, 7 * d);
		for (; f < d; f++) {
			__m256 c = _mm256_i32gather_ps(X + f, vidx, 4);
			acc = _mm256_fmadd_ps(q ? _mm256_broadcast_ss(q + f) : c, c, acc);
		}
	}
	_mm256_storeu_ps(out, acc);
}

__attribute__((target("avx2,fma"), always_inline))
static inline void rows_avx2_as(const float *q, const float *X, int nx, int d, const int self,
				float *out)
{
	int i = 0;
	for (; i + 8 <= nx; i += 8)
		rows8(self ? NULL : q, X + (size_t)i * d, d, out + i);
	for (; i < nx; i++) {
		const float *x = X + (size_t)i * d, *a = self ? x : q;
		float acc = 0;
		for (int f = 0; f < d; f++)
			acc = __builtin_fmaf(a[f], x[f], acc);
		out[i] = acc;
	}
}

__attribute__((target("avx2,fma")))
static void rows_avx2(const float *q, const float *X, int nx, int d, float *out)
{
	if (q)
		rows_avx2_as(q, X, nx, d, 0, out);
	else
		rows_avx2_as(NULL, X, nx, d, 1, out);
}

/* vs_keys_above's scan, eight scores a compare; the keys' arithmetic is
 * rank_key's (2 s as s + s, exact; no fused multiply-add). */
__attribute__((target("avx2,fma")))
static int above_avx2(float *s, int n, int mode, float a, const float *thr, int *idx)
{
	int got = 0, j = 0;
	const __m256 va = _mm256_set1_ps(a);
	for (; j + 8 <= n; j += 8) {
		__m256 v = _mm256_loadu_ps(s + j);
		if (mode == 1)
			v = _mm256_mul_ps(v, va);
		else if (mode == 2)
			v = _mm256_sub_ps(_mm256_add_ps(v, v), va);
		if (mode)
			_mm256_storeu_ps(s + j, v);
		unsigned bits = (unsigned)_mm256_movemask_ps(_mm256_cmp_ps(v, _mm256_loadu_ps(thr + j),
									  _CMP_GT_OQ));
		while (bits) {
			idx[got++] = j + __builtin_ctz(bits);
			bits &= bits - 1;
		}
	}
	return got + keys_above_scalar(s, j, n, mode, a, thr, idx + got);
}

#endif

void vs_ip_block(const float *packed, int nc, int d, const float *X, int nx, float *out, int ldo)
{
#ifdef VS_HAVE_X86
	if (use_avx2) {
		ip_avx2(packed, nc, d, X, nx, out, ldo);
		return;
	}
#endif
	ip_scalar(packed, nc, d, X, nx, out, ldo);
}

int vs_argmin(const float *s, const float *cn2, int n, int by_ip, float *val)
{
#ifdef VS_HAVE_X86
	if (use_avx2)
		return argmin_avx2(s, cn2, n, by_ip, val);
#endif
	float bv = INFINITY;
	int best = argmin_scalar(s, cn2, 0, n, by_ip, 0, &bv);
	*val = bv;
	return best;
}

void vs_ip_rows(const float *q, const float *X, int nx, int d, float *out)
{
#ifdef VS_HAVE_X86
	if (use_avx2) {
		rows_avx2(q, X, nx, d, out);
		return;
	}
#endif
	rows_scalar(q, X, nx, d, out);
}

int vs_keys_above(float *s, int n, int mode, float a, const float *thr, int *idx)
{
#ifdef VS_HAVE_X86
	if (use_avx2)
		return above_avx2(s, n, mode, a, thr, idx);
#endif
	return keys_above_scalar(s, 0, n, mode, a, thr, idx);
}

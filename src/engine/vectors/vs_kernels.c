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

static void ip_scalar(const float *packed, int nc, int d, const float *X, int nx, float *out,
		      int ldo)
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
/* Per lane the first minimum; then the smallest value, lowest index among
 * equals: the scalar loop's answer. 2 s is exact, so cn2 - 2 s rounds once
 * either way. */
__attribute__((target("avx2,fma")))
static int argmin_avx2(const float *s, const float *cn2, int n, int by_ip, float *val)
{
	int nb = n & ~7;
	float bv = INFINITY;
	int best = 0;
	if (nb) {
		__m256 vbest = _mm256_set1_ps(INFINITY), two = _mm256_set1_ps(2.0f);
		__m256 sign = _mm256_set1_ps(-0.0f);
		__m256i ibest = _mm256_setzero_si256(), idx = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
		const __m256i step = _mm256_set1_epi32(8);
		for (int c = 0; c < nb; c += 8) {
			__m256 sv = _mm256_loadu_ps(s + c);
			__m256 v = by_ip ? _mm256_xor_ps(sv, sign)
					 : _mm256_sub_ps(_mm256_loadu_ps(cn2 + c), _mm256_mul_ps(two, sv));
			__m256 lt = _mm256_cmp_ps(v, vbest, _CMP_LT_OQ);
			vbest = _mm256_blendv_ps(vbest, v, lt);
			ibest = _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(ibest),
								     _mm256_castsi256_ps(idx), lt));
			idx = _mm256_add_epi32(idx, step);
		}
		float lv[8];
		int li[8];
		_mm256_storeu_ps(lv, vbest);
		_mm256_storeu_si256((__m256i *)li, ibest);
		for (int l = 0; l < 8; l++)
			if (lv[l] < bv || (lv[l] == bv && li[l] < best))
				bv = lv[l], best = li[l];
	}
	best = argmin_scalar(s, cn2, nb, n, by_ip, best, &bv);
	*val = bv;
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
	int np = vs_pad16(nc);
	/* Panels outside, rows inside: a panel (16 d floats) stays in L1 while
	 * the block of rows streams past it. */
	for (int c0 = 0; c0 < np; c0 += VS_PANEL) {
		const float *panel = packed + (size_t)c0 * d;
		int i = 0;
		for (; i + 6 <= nx; i += 6)
			tile6(panel, d, X + (size_t)i * d, out + (size_t)i * ldo + c0, ldo);
		for (; i < nx; i++)
			tile1(panel, d, X + (size_t)i * d, out + (size_t)i * ldo + c0);
	}
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

/* mf_cg.c: conjugate-gradient steps for one row of implicit ALS.
 *
 * The O(k) vector steps are plain C; the two products that cost (G v, k^2,
 * and the pass over the row's observed y_j, n k) are the dispatched
 * kernels. The residual starts from the warm x:
 *   r = sum_j (1 + w_j - w_j y_j.x) y_j - G x - lambda x
 * and each step needs A p = G p + lambda p + sum_j w_j (y_j.p) y_j. */
#include "engine/mf/mf_cg.h"

#include <string.h>

#include "engine/mf/mf_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CG_HAVE_X86 1
#endif

int mf_cg_stride(int k)
{
	return (k + 7) & ~7;
}

size_t mf_cg_ws(int k)
{
	return 4 * (size_t)mf_cg_stride(k);
}

/* out = G v (G symmetric, stride kp; out and v padded to kp). */
static void symv_scalar(const float *G, int kp, const float *v, float *out)
{
	memset(out, 0, (size_t)kp * sizeof *out);
	for (int g = 0; g < kp; g++) {
		const float *Gg = G + (size_t)g * kp;
		float vg = v[g];
		for (int f = 0; f < kp; f++)
			out[f] += vg * Gg[f];
	}
}

/* out += sum_j c_j y_j with c_j = 1 + w_j - w_j s_j (target) or w_j s_j,
 * s_j = y_j . v, left in dots[j]. out and v hold kp floats, y_j k. */
static void obs_scalar(const float *Y, int k, const int *rows, const float *w, int n,
		       const float *v, float *out, int target, float *dots)
{
	for (int j = 0; j < n; j++) {
		const float *y = Y + (size_t)rows[j] * k;
		float s = 0;
		for (int f = 0; f < k; f++)
			s += y[f] * v[f];
		dots[j] = s;
		float c = target ? 1.0f + w[j] - w[j] * s : w[j] * s;
		for (int f = 0; f < k; f++)
			out[f] += c * y[f];
	}
}

#ifdef CG_HAVE_X86
/* Lanes [0, n) of a ymm set, for the tail of a row of k floats. */
__attribute__((target("avx2")))
static inline __m256i tail_mask(int n)
{
	static const int m[16] = { -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0 };
	return _mm256_loadu_si256((const __m256i *)(m + 8 - n));
}

/* Four 8-lane column blocks at a time, accumulated over all of G's rows
 * in registers. */
__attribute__((target("avx2,fma")))
static void symv_avx2(const float *G, int kp, const float *v, float *out)
{
	int f = 0;
	for (; f + 32 <= kp; f += 32) {
		__m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
		for (int g = 0; g < kp; g++) {
			const float *Gg = G + (size_t)g * kp + f;
			__m256 vg = _mm256_set1_ps(v[g]);
			a0 = _mm256_fmadd_ps(vg, _mm256_loadu_ps(Gg), a0);
			a1 = _mm256_fmadd_ps(vg, _mm256_loadu_ps(Gg + 8), a1);
			a2 = _mm256_fmadd_ps(vg, _mm256_loadu_ps(Gg + 16), a2);
			a3 = _mm256_fmadd_ps(vg, _mm256_loadu_ps(Gg + 24), a3);
		}
		_mm256_storeu_ps(out + f, a0);
		_mm256_storeu_ps(out + f + 8, a1);
		_mm256_storeu_ps(out + f + 16, a2);
		_mm256_storeu_ps(out + f + 24, a3);
	}
	for (; f < kp; f += 8) {
		__m256 a0 = _mm256_setzero_ps();
		for (int g = 0; g < kp; g++)
			a0 = _mm256_fmadd_ps(_mm256_set1_ps(v[g]),
					     _mm256_loadu_ps(G + (size_t)g * kp + f), a0);
		_mm256_storeu_ps(out + f, a0);
	}
}

/* Four vectors at once, 16 columns at a time: each G load serves four
 * products (the single-vector kernel is load-bound on G). Each output is
 * the same chain of FMAs over g as symv_avx2's, so the bits are equal. */
__attribute__((target("avx2,fma")))
static void symv4_avx2(const float *G, int kp, const float *const *v, float *const *out)
{
	const float *v0 = v[0], *v1 = v[1], *v2 = v[2], *v3 = v[3];
	for (int f = 0; f < kp; f += 16) {
		__m256 a00 = _mm256_setzero_ps(), a01 = a00, a10 = a00, a11 = a00;
		__m256 a20 = a00, a21 = a00, a30 = a00, a31 = a00;
		for (int g = 0; g < kp; g++) {
			const float *Gg = G + (size_t)g * kp + f;
			__m256 c0 = _mm256_loadu_ps(Gg);
			__m256 c1 = f + 8 < kp ? _mm256_loadu_ps(Gg + 8) : _mm256_setzero_ps();
			__m256 b = _mm256_broadcast_ss(v0 + g);
			a00 = _mm256_fmadd_ps(b, c0, a00), a01 = _mm256_fmadd_ps(b, c1, a01);
			b = _mm256_broadcast_ss(v1 + g);
			a10 = _mm256_fmadd_ps(b, c0, a10), a11 = _mm256_fmadd_ps(b, c1, a11);
			b = _mm256_broadcast_ss(v2 + g);
			a20 = _mm256_fmadd_ps(b, c0, a20), a21 = _mm256_fmadd_ps(b, c1, a21);
			b = _mm256_broadcast_ss(v3 + g);
			a30 = _mm256_fmadd_ps(b, c0, a30), a31 = _mm256_fmadd_ps(b, c1, a31);
		}
		_mm256_storeu_ps(out[0] + f, a00), _mm256_storeu_ps(out[1] + f, a10);
		_mm256_storeu_ps(out[2] + f, a20), _mm256_storeu_ps(out[3] + f, a30);
		if (f + 8 < kp) {
			_mm256_storeu_ps(out[0] + f + 8, a01), _mm256_storeu_ps(out[1] + f + 8, a11);
			_mm256_storeu_ps(out[2] + f + 8, a21), _mm256_storeu_ps(out[3] + f + 8, a31);
		}
	}
}

__attribute__((target("avx2,fma")))
static inline float hsum(__m256 s)
{
	__m128 h = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
	h = _mm_add_ps(h, _mm_movehl_ps(h, h));
	h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
	return _mm_cvtss_f32(h);
}

__attribute__((target("avx2,fma")))
static inline __m256 dot_part(const float *y, const float *v, int kb, int rest, __m256i mask)
{
	__m256 s0 = _mm256_setzero_ps(), s1 = s0;
	int f = 0;
	for (; f + 16 <= kb; f += 16) {
		s0 = _mm256_fmadd_ps(_mm256_loadu_ps(y + f), _mm256_loadu_ps(v + f), s0);
		s1 = _mm256_fmadd_ps(_mm256_loadu_ps(y + f + 8), _mm256_loadu_ps(v + f + 8), s1);
	}
	if (f < kb)
		s0 = _mm256_fmadd_ps(_mm256_loadu_ps(y + f), _mm256_loadu_ps(v + f), s0);
	if (rest)
		s1 = _mm256_fmadd_ps(_mm256_maskload_ps(y + kb, mask), _mm256_loadu_ps(v + kb), s1);
	return _mm256_add_ps(s0, s1);
}

__attribute__((target("avx2,fma")))
static inline void prefetch_row(const float *y, int k)
{
	for (size_t off = 0; off < (size_t)k * sizeof(float); off += 64)
		__builtin_prefetch((const char *)y + off);
}

/* Two rows at a time, so their dot products' dependency chains overlap. */
__attribute__((target("avx2,fma")))
static void obs_avx2(const float *Y, int k, const int *rows, const float *w, int n,
		     const float *v, float *out, int target, float *dots)
{
	const int kb = k & ~7, rest = k - kb;
	const __m256i mask = tail_mask(rest);
	int j = 0;
	for (; j + 1 < n; j += 2) {
		const float *y0 = Y + (size_t)rows[j] * k, *y1 = Y + (size_t)rows[j + 1] * k;
		if (j + 3 < n) {
			prefetch_row(Y + (size_t)rows[j + 2] * k, k);
			prefetch_row(Y + (size_t)rows[j + 3] * k, k);
		}
		float s0 = hsum(dot_part(y0, v, kb, rest, mask));
		float s1 = hsum(dot_part(y1, v, kb, rest, mask));
		dots[j] = s0, dots[j + 1] = s1;
		__m256 c0 = _mm256_set1_ps(target ? 1.0f + w[j] - w[j] * s0 : w[j] * s0);
		__m256 c1 = _mm256_set1_ps(target ? 1.0f + w[j + 1] - w[j + 1] * s1 : w[j + 1] * s1);
		int f = 0;
		for (; f < kb; f += 8) {
			__m256 o = _mm256_fmadd_ps(c0, _mm256_loadu_ps(y0 + f), _mm256_loadu_ps(out + f));
			_mm256_storeu_ps(out + f, _mm256_fmadd_ps(c1, _mm256_loadu_ps(y1 + f), o));
		}
		if (rest) {
			__m256 o = _mm256_fmadd_ps(c0, _mm256_maskload_ps(y0 + kb, mask),
						   _mm256_loadu_ps(out + kb));
			_mm256_storeu_ps(out + kb,
					 _mm256_fmadd_ps(c1, _mm256_maskload_ps(y1 + kb, mask), o));
		}
	}
	for (; j < n; j++) {
		const float *y = Y + (size_t)rows[j] * k;
		float s = hsum(dot_part(y, v, kb, rest, mask));
		dots[j] = s;
		__m256 c = _mm256_set1_ps(target ? 1.0f + w[j] - w[j] * s : w[j] * s);
		for (int f = 0; f < kb; f += 8)
			_mm256_storeu_ps(out + f, _mm256_fmadd_ps(c, _mm256_loadu_ps(y + f),
								  _mm256_loadu_ps(out + f)));
		if (rest)
			_mm256_storeu_ps(out + kb, _mm256_fmadd_ps(c, _mm256_maskload_ps(y + kb, mask),
								   _mm256_loadu_ps(out + kb)));
	}
}
#endif

/* The O(k) steps in GCC's vector extension: kp is a multiple of 8, so
 * every loop runs over whole 8-lane blocks (ymm under AVX2, pairs of xmm
 * otherwise). */
typedef float v8 __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4), may_alias));
#define ld(p) (*(const v8u *)(p))
#define st(p, v) (*(v8u *)(p) = (v))

static inline __attribute__((always_inline)) float vdot(const float *a, const float *b, int kp)
{
	v8 s = { 0 };
	for (int f = 0; f < kp; f += 8)
		s += ld(a + f) * ld(b + f);
	return ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));
}

typedef void (*symv_fn)(const float *, int, const float *, float *);
typedef void (*obs_fn)(const float *, int, const int *, const float *, int, const float *,
		       float *, int, float *);

/* sx[j] = y_j . x is kept up to date from the products each step computes
 * anyway (y_j . x_new = y_j . x + a y_j . p), so the row's loss needs no
 * further pass over its items. */
static inline __attribute__((always_inline)) double
cg_body(const float *G, const float *Y, int k, const int *rows, const float *w, int n,
	float lambda, int steps, float *x, float *ws, float *dots, symv_fn symv, obs_fn obs)
{
	float *sx = dots, *sp = dots + n;
	const int kp = mf_cg_stride(k);
	float *xv = ws, *r = ws + kp, *p = ws + 2 * (size_t)kp, *ap = ws + 3 * (size_t)kp;
	memset(xv, 0, (size_t)kp * sizeof *xv);
	memcpy(xv, x, (size_t)k * sizeof *x);
	symv(G, kp, xv, r);
	for (int f = 0; f < kp; f += 8)
		st(r + f, -ld(r + f) - lambda * ld(xv + f));
	obs(Y, k, rows, w, n, xv, r, 1, sx);
	float rs = vdot(r, r, kp);
	memcpy(p, r, (size_t)kp * sizeof *p);
	for (int it = 0; it < steps && rs > 1e-20f; it++) {
		symv(G, kp, p, ap);
		for (int f = 0; f < kp; f += 8)
			st(ap + f, ld(ap + f) + lambda * ld(p + f));
		obs(Y, k, rows, w, n, p, ap, 0, sp);
		float pap = vdot(p, ap, kp);
		if (!(pap > 0))
			break;
		float a = rs / pap, rn;
		for (int j = 0; j < n; j++)
			sx[j] += a * sp[j];
		v8 acc = { 0 };
		for (int f = 0; f < kp; f += 8) {
			v8 rf = ld(r + f) - a * ld(ap + f);
			st(xv + f, ld(xv + f) + a * ld(p + f));
			st(r + f, rf);
			acc += rf * rf;
		}
		rn = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
		float beta = rn / rs;
		for (int f = 0; f < kp; f += 8)
			st(p + f, ld(r + f) + beta * ld(p + f));
		rs = rn;
	}
	memcpy(x, xv, (size_t)k * sizeof *x);
	double loss = 0;
	for (int j = 0; j < n; j++) {
		double sj = sx[j];
		loss += (1.0 + w[j]) * (1 - sj) * (1 - sj) - sj * sj;
	}
	return loss;
}

/* Up to four rows in lockstep, so that their G products go through one
 * multi-vector kernel (symv4 non-NULL and m == 4); each row's arithmetic is
 * exactly cg_body's, so grouping changes no bit. */
static inline __attribute__((always_inline)) void
cg_many(const float *G, const float *Y, int k, int m, const mf_cg_row *row, int steps, float *ws,
	symv_fn symv, void (*symv4)(const float *, int, const float *const *, float *const *),
	obs_fn obs)
{
	const int kp = mf_cg_stride(k);
	float *xv[4], *r[4], *p[4], *ap[4], rs[4];
	int live[4];
	for (int q = 0; q < m; q++) {
		float *b = ws + (size_t)q * 4 * kp;
		xv[q] = b, r[q] = b + kp, p[q] = b + 2 * (size_t)kp, ap[q] = b + 3 * (size_t)kp;
		memset(xv[q], 0, (size_t)kp * sizeof *xv[q]);
		memcpy(xv[q], row[q].x, (size_t)k * sizeof *row[q].x);
	}
	if (symv4 && m == 4)
		symv4(G, kp, (const float *const *)xv, r);
	else
		for (int q = 0; q < m; q++)
			symv(G, kp, xv[q], r[q]);
	for (int q = 0; q < m; q++) {
		const float lambda = row[q].lambda;
		for (int f = 0; f < kp; f += 8)
			st(r[q] + f, -ld(r[q] + f) - lambda * ld(xv[q] + f));
		obs(Y, k, row[q].rows, row[q].w, row[q].n, xv[q], r[q], 1, row[q].dots);
		rs[q] = vdot(r[q], r[q], kp);
		memcpy(p[q], r[q], (size_t)kp * sizeof *p[q]);
		live[q] = rs[q] > 1e-20f;
	}
	for (int it = 0; it < steps; it++) {
		int any = 0;
		for (int q = 0; q < m; q++)
			any |= live[q];
		if (!any)
			break;
		if (symv4 && m == 4)
			symv4(G, kp, (const float *const *)p, ap);
		else
			for (int q = 0; q < m; q++)
				if (live[q])
					symv(G, kp, p[q], ap[q]);
		for (int q = 0; q < m; q++) {
			if (!live[q])
				continue;
			const float lambda = row[q].lambda;
			const int n = row[q].n;
			float *sx = row[q].dots, *sp = row[q].dots + n;
			for (int f = 0; f < kp; f += 8)
				st(ap[q] + f, ld(ap[q] + f) + lambda * ld(p[q] + f));
			obs(Y, k, row[q].rows, row[q].w, n, p[q], ap[q], 0, sp);
			float pap = vdot(p[q], ap[q], kp);
			if (!(pap > 0)) {
				live[q] = 0;
				continue;
			}
			float a = rs[q] / pap, rn;
			for (int j = 0; j < n; j++)
				sx[j] += a * sp[j];
			v8 acc = { 0 };
			for (int f = 0; f < kp; f += 8) {
				v8 rf = ld(r[q] + f) - a * ld(ap[q] + f);
				st(xv[q] + f, ld(xv[q] + f) + a * ld(p[q] + f));
				st(r[q] + f, rf);
				acc += rf * rf;
			}
			rn = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
			float beta = rn / rs[q];
			for (int f = 0; f < kp; f += 8)
				st(p[q] + f, ld(r[q] + f) + beta * ld(p[q] + f));
			rs[q] = rn;
			live[q] = rn > 1e-20f;
		}
	}
	for (int q = 0; q < m; q++) {
		memcpy(row[q].x, xv[q], (size_t)k * sizeof *row[q].x);
		double loss = 0;
		const float *sx = row[q].dots, *w = row[q].w;
		for (int j = 0; j < row[q].n; j++) {
			double sj = sx[j];
			loss += (1.0 + w[j]) * (1 - sj) * (1 - sj) - sj * sj;
		}
		row[q].loss[0] = loss;
	}
}

#ifdef CG_HAVE_X86
__attribute__((target("avx2,fma")))
static double cg_avx2(const float *G, const float *Y, int k, const int *rows, const float *w,
		      int n, float lambda, int steps, float *x, float *ws, float *dots)
{
	return cg_body(G, Y, k, rows, w, n, lambda, steps, x, ws, dots, symv_avx2, obs_avx2);
}
#endif

static double cg_scalar(const float *G, const float *Y, int k, const int *rows, const float *w,
			int n, float lambda, int steps, float *x, float *ws, float *dots)
{
	return cg_body(G, Y, k, rows, w, n, lambda, steps, x, ws, dots, symv_scalar, obs_scalar);
}

double mf_cg_solve(const float *G, const float *Y, int k, const int *rows, const float *w, int n,
		   float lambda, int steps, float *x, float *ws, float *dots)
{
#ifdef CG_HAVE_X86
	if (mf_kernels_current() == MF_KERNEL_AVX2)
		return cg_avx2(G, Y, k, rows, w, n, lambda, steps, x, ws, dots);
#endif
	return cg_scalar(G, Y, k, rows, w, n, lambda, steps, x, ws, dots);
}

double mf_cg_row_loss(const float *Y, int k, const int *rows, const float *w, int n,
		      const float *x)
{
	double all = 0;
	for (int j = 0; j < n; j++) {
		double s = mf_dot(x, Y + (size_t)rows[j] * k, k);
		all += (1.0 + w[j]) * (1 - s) * (1 - s) - s * s;
	}
	return all;
}

#ifdef CG_HAVE_X86
__attribute__((target("avx2,fma")))
static void many_avx2(const float *G, const float *Y, int k, int m, const mf_cg_row *row,
		      int steps, float *ws)
{
	cg_many(G, Y, k, m, row, steps, ws, symv_avx2, symv4_avx2, obs_avx2);
}
#endif

void mf_cg_solve_rows(const float *G, const float *Y, int k, int m, const mf_cg_row *row,
		      int steps, float *ws)
{
#ifdef CG_HAVE_X86
	if (mf_kernels_current() == MF_KERNEL_AVX2) {
		many_avx2(G, Y, k, m, row, steps, ws);
		return;
	}
#endif
	cg_many(G, Y, k, m, row, steps, ws, symv_scalar, NULL, obs_scalar);
}

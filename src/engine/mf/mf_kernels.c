/* mf_kernels.c: dot and update kernels with runtime CPU dispatch. */
#include "engine/mf/mf_kernels.h"

#include <math.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define MF_HAVE_X86 1
#endif

static float dot_scalar(const float *a, const float *b, int k)
{
	float s = 0;
	for (int f = 0; f < k; f++)
		s += a[f] * b[f];
	return s;
}

static void update_scalar(float *p, float *q, int k, float lr, float e, float reg)
{
	const float a = 1.0f - lr * reg, c = lr * e;
	for (int f = 0; f < k; f++) {
		float pf = p[f], qf = q[f];
		p[f] = a * pf + c * qf;
		q[f] = a * qf + c * pf;
	}
}

static inline __attribute__((always_inline)) void
plain_update_scalar(float *p, float *q, int k, float e, float lr, float reg, int simultaneous)
{
	if (simultaneous) {
		for (int f = 0; f < k; f++) {
			float pf = p[f], qf = q[f];
			p[f] = pf + lr * (e * qf - reg * pf);
			q[f] = qf + lr * (e * pf - reg * qf);
		}
		return;
	}
	for (int f = 0; f < k; f++)
		p[f] = p[f] + lr * (e * q[f] - reg * p[f]);
	for (int f = 0; f < k; f++)
		q[f] = q[f] + lr * (e * p[f] - reg * q[f]);
}

/* AdaGrad on one rating (mf_kernels.h): each coordinate its own G. */
static inline __attribute__((always_inline)) void
plain_adagrad_scalar(float *p, float *q, float *gp, float *gq, int k, float e, float lr,
		     float reg, int simultaneous)
{
	for (int f = 0; f < k; f++) {
		float pf = p[f], qf = q[f];
		float g = e * qf - reg * pf;
		float G = gp[f] + g * g;
		float np = pf + lr * g / sqrtf(G);
		float h = e * (simultaneous ? pf : np) - reg * qf;
		float H = gq[f] + h * h;
		q[f] = qf + lr * h / sqrtf(H);
		p[f] = np;
		gp[f] = G, gq[f] = H;
	}
}

/* LibMF's rule on one rating: one G per vector, the step from its old G. */
static inline __attribute__((always_inline)) void
plain_rpcs_scalar(float *p, float *q, float *gu, float *gi, int k, float e, float lr, float reg,
		  int simultaneous)
{
	const float rp = lr / sqrtf(*gu), rq = lr / sqrtf(*gi);
	float sp = 0, sq = 0;
	for (int f = 0; f < k; f++) {
		float pf = p[f], qf = q[f];
		float g = e * qf - reg * pf;
		float np = pf + rp * g;
		float h = e * (simultaneous ? pf : np) - reg * qf;
		q[f] = qf + rq * h;
		p[f] = np;
		sp += g * g, sq += h * h;
	}
	*gu += sp / (float)k;
	*gi += sq / (float)k;
}

/* Not inlined into FMA code, where a * b + s would be contracted. */
static __attribute__((noinline)) float dot_seq(const float *a, const float *b, int k)
{
	return dot_scalar(a, b, k);
}

/* The accumulators of a rating's two vectors (NULL without adapt). */
static inline float *grow(float *G, int adapt, int row, int k)
{
	return adapt == MF_ADAPT_ADAGRAD ? G + (size_t)row * k
	       : adapt == MF_ADAPT_RPCS  ? G + row
					 : NULL;
}

static inline float plain_one_scalar(const mf_plain *a, const ll_rating *e, float dot)
{
	const int k = a->k;
	float *p = a->P + (size_t)e->user * k, *q = a->Q + (size_t)e->item * k;
	float err = e->value - dot;
	if (a->adapt == MF_ADAPT_ADAGRAD)
		plain_adagrad_scalar(p, q, grow(a->GP, a->adapt, e->user, k),
				     grow(a->GQ, a->adapt, e->item, k), k, err, a->lr, a->reg,
				     a->simultaneous);
	else if (a->adapt == MF_ADAPT_RPCS)
		plain_rpcs_scalar(p, q, grow(a->GP, a->adapt, e->user, k),
				  grow(a->GQ, a->adapt, e->item, k), k, err, a->lr, a->reg,
				  a->simultaneous);
	else
		plain_update_scalar(p, q, k, err, a->lr, a->reg, a->simultaneous);
	return err;
}

static double plain_pass_scalar(const mf_plain *a)
{
	double sse = 0;
	const int k = a->k;
	for (long j = 0; j < a->n; j++) {
		const ll_rating *e = &a->ent[a->order[j]];
		float err = plain_one_scalar(a, e, dot_scalar(a->P + (size_t)e->user * k,
							       a->Q + (size_t)e->item * k, k));
		sse += (double)err * err;
	}
	return sse;
}

static inline float one_scalar(const mf_pass *a, const ll_rating *e, float *pred_out)
{
	int k = a->k;
	float *p = a->P + (size_t)e->user * k, *q = a->Q + (size_t)e->item * k;
	float *bu = a->bu + e->user, *bi = a->bi + e->item;
	float pred = a->mu + *bu + *bi + dot_scalar(p, q, k);
	float err = e->value - pred;
	*bu += a->lr_bias * (err - a->reg_bias * *bu);
	*bi += a->lr_bias * (err - a->reg_bias * *bi);
	update_scalar(p, q, k, a->lr, err, a->reg);
	*pred_out = pred;
	return err;
}

static double pass_scalar(const mf_pass *a)
{
	double sse = 0;
	for (long j = 0; j < a->n; j++) {
		float pred, err = one_scalar(a, &a->ent[a->order[j]], &pred);
		sse += (double)err * err;
	}
	return sse;
}

static void gram4_scalar(double *A, int d, const double *Y, const double *w, int n)
{
	for (int r = 0; r < n; r++) {
		const double *y = Y + (size_t)r * d;
		for (int f = 0; f < d; f++) {
			double c = w[r] * y[f];
			double *Af = A + (size_t)f * d;
			for (int g = 0; g <= f; g++)
				Af[g] += c * y[g];
		}
	}
}

/* sse plus the squared errors of ent[j..n), one rating at a time. */
static double plain_sse_from(const float *P, const float *Q, const ll_rating *ent, long j,
			     long n, int k, double sse)
{
	for (; j < n; j++) {
		double r = ent[j].value - (double)mf_plain_dot(P + (size_t)ent[j].user * k,
							       Q + (size_t)ent[j].item * k, k);
		sse += r * r;
	}
	return sse;
}

#ifdef MF_HAVE_X86
/* Four rows at once: each row of A is loaded and stored once per four
 * rank-one updates. */
__attribute__((target("avx2,fma")))
static void gram4_avx2(double *A, int d, const double *Y, const double *w, int n)
{
	if (n < 4) {
		gram4_scalar(A, d, Y, w, n);
		return;
	}
	const double *y0 = Y, *y1 = Y + d, *y2 = Y + 2 * (size_t)d, *y3 = Y + 3 * (size_t)d;
	for (int f = 0; f < d; f++) {
		__m256d c0 = _mm256_set1_pd(w[0] * y0[f]), c1 = _mm256_set1_pd(w[1] * y1[f]);
		__m256d c2 = _mm256_set1_pd(w[2] * y2[f]), c3 = _mm256_set1_pd(w[3] * y3[f]);
		double *Af = A + (size_t)f * d;
		int g = 0;
		for (; g <= f && g + 4 <= d; g += 4) {
			__m256d a = _mm256_loadu_pd(Af + g);
			a = _mm256_fmadd_pd(c0, _mm256_loadu_pd(y0 + g), a);
			a = _mm256_fmadd_pd(c1, _mm256_loadu_pd(y1 + g), a);
			a = _mm256_fmadd_pd(c2, _mm256_loadu_pd(y2 + g), a);
			a = _mm256_fmadd_pd(c3, _mm256_loadu_pd(y3 + g), a);
			_mm256_storeu_pd(Af + g, a);
		}
		for (; g <= f; g++)
			Af[g] += w[0] * y0[f] * y0[g] + w[1] * y1[f] * y1[g] +
				 w[2] * y2[f] * y2[g] + w[3] * y3[f] * y3[g];
	}
}

__attribute__((target("avx2,fma")))
static inline float dot_avx2(const float *a, const float *b, int k)
{
	/* Four sums, so that four multiply-adds are in flight (one sum would
	 * wait on each before the next): k = 200 is then 7 steps deep, not 25. */
	__m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
	__m256 s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
	int f = 0;
	for (; f + 32 <= k; f += 32) {
		s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f), _mm256_loadu_ps(b + f), s0);
		s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f + 8), _mm256_loadu_ps(b + f + 8), s1);
		s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f + 16), _mm256_loadu_ps(b + f + 16), s2);
		s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f + 24), _mm256_loadu_ps(b + f + 24), s3);
	}
	if (f + 16 <= k) {
		s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f), _mm256_loadu_ps(b + f), s0);
		s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f + 8), _mm256_loadu_ps(b + f + 8), s1);
		f += 16;
	}
	if (f + 8 <= k) {
		s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f), _mm256_loadu_ps(b + f), s2);
		f += 8;
	}
	s0 = _mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3));
	__m128 h = _mm_add_ps(_mm256_castps256_ps128(s0), _mm256_extractf128_ps(s0, 1));
	if (f + 4 <= k) {
		h = _mm_fmadd_ps(_mm_loadu_ps(a + f), _mm_loadu_ps(b + f), h);
		f += 4;
	}
	h = _mm_add_ps(h, _mm_movehl_ps(h, h));
	h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
	float s = _mm_cvtss_f32(h);
	for (; f < k; f++)
		s += a[f] * b[f];
	return s;
}

/* The update as p' = a p + c q and q' = a q + c p with a = 1 - lr reg and
 * c = lr e: the same rule with two operations per vector instead of three. */
__attribute__((target("avx2,fma")))
static inline void update_avx2(float *p, float *q, int k, float lr, float e, float reg)
{
	const float a = 1.0f - lr * reg, c = lr * e;
	const __m256 va = _mm256_set1_ps(a), vc = _mm256_set1_ps(c);
	int f = 0;
	for (; f + 8 <= k; f += 8) {
		__m256 vp = _mm256_loadu_ps(p + f), vq = _mm256_loadu_ps(q + f);
		_mm256_storeu_ps(p + f, _mm256_fmadd_ps(va, vp, _mm256_mul_ps(vc, vq)));
		_mm256_storeu_ps(q + f, _mm256_fmadd_ps(va, vq, _mm256_mul_ps(vc, vp)));
	}
	if (f + 4 <= k) {
		const __m128 ha = _mm_set1_ps(a), hc = _mm_set1_ps(c);
		__m128 vp = _mm_loadu_ps(p + f), vq = _mm_loadu_ps(q + f);
		_mm_storeu_ps(p + f, _mm_fmadd_ps(ha, vp, _mm_mul_ps(hc, vq)));
		_mm_storeu_ps(q + f, _mm_fmadd_ps(ha, vq, _mm_mul_ps(hc, vp)));
		f += 4;
	}
	for (; f < k; f++) {
		float pf = p[f], qf = q[f];
		p[f] = a * pf + c * qf;
		q[f] = a * qf + c * pf;
	}
}

__attribute__((target("avx2,fma")))
static inline float one_avx2(const mf_pass *a, const ll_rating *e, float *pred_out)
{
	int k = a->k;
	float *p = a->P + (size_t)e->user * k, *q = a->Q + (size_t)e->item * k;
	float *bu = a->bu + e->user, *bi = a->bi + e->item;
	float pred = a->mu + *bu + *bi + dot_avx2(p, q, k);
	float err = e->value - pred;
	*bu += a->lr_bias * (err - a->reg_bias * *bu);
	*bi += a->lr_bias * (err - a->reg_bias * *bi);
	update_avx2(p, q, k, a->lr, err, a->reg);
	*pred_out = pred;
	return err;
}

/* Rows of later ratings are fetched while this one computes: the visit
 * order is random, so the rows are rarely in L1. */
enum { AHEAD = 4 };

__attribute__((target("avx2,fma")))
static inline void dot2_avx2(const float *a0, const float *b0, const float *a1, const float *b1,
			     int k, float *r0, float *r1)
{
	/* Each has sums enough in flight; inlined side by side, the two
	 * overlap as well as one interleaved loop would. */
	*r0 = dot_avx2(a0, b0, k);
	*r1 = dot_avx2(a1, b1, k);
}

/* The last k < 8 coordinates: the portable loop's operations, four lanes
 * at a time, then one at a time. Out of line and compiled without FMA, so
 * nothing is fused (each lane's multiply, subtract and add round as the
 * scalar loop's do: the same bits); AVX2 all the same, so the operations
 * are VEX-encoded: GCC 12 jumps here from the AVX2 update without a
 * vzeroupper, and legacy SSE code run with the upper halves dirty took 40%
 * of plain sgd's time at k = 100. */
__attribute__((target("avx2")))
static __attribute__((noinline)) void plain_update_tail(float *p, float *q, int k, float e,
							 float lr, float reg, int simultaneous)
{
	int f = 0;
	if (k >= 4) {
		const __m128 ve = _mm_set1_ps(e), vl = _mm_set1_ps(lr), vr = _mm_set1_ps(reg);
		__m128 vp = _mm_loadu_ps(p), vq = _mm_loadu_ps(q);
		/* p + lr * (e * q - reg * p), then q + lr * (e * p' - reg * q) */
		__m128 np = _mm_add_ps(vp, _mm_mul_ps(vl, _mm_sub_ps(_mm_mul_ps(ve, vq),
								   _mm_mul_ps(vr, vp))));
		__m128 src = simultaneous ? vp : np;
		__m128 nq = _mm_add_ps(vq, _mm_mul_ps(vl, _mm_sub_ps(_mm_mul_ps(ve, src),
								   _mm_mul_ps(vr, vq))));
		_mm_storeu_ps(p, np);
		_mm_storeu_ps(q, nq);
		f = 4;
	}
	plain_update_scalar(p + f, q + f, k - f, e, lr, reg, simultaneous);
}

/* Plain SGD's update in AVX2 with FMA, as p' = a p + c q and q' = a q + c p'
 * with a = 1 - lr reg and c = lr e: the lecture's rule with two operations
 * per vector instead of three (as the biased update does), so it agrees
 * with the scalar loop within rounding, as the dot products already do
 * from k = 8 on. Against the rule's three fused steps: 0.89x the time of an
 * epoch in LibMF's order (bins=20) on ml-1m-part at k 200, 0.93x shuffled.
 * The coordinates past the last eight are the scalar loop's own, so below
 * k = 8 the bits are the scalar ones. */
__attribute__((target("avx2,fma")))
static inline void plain_update_avx2(float *p, float *q, int k, float e, float lr, float reg,
				     int simultaneous)
{
	const __m256 va = _mm256_set1_ps(1.0f - lr * reg), vc = _mm256_set1_ps(lr * e);
	int f = 0;
	for (; f + 8 <= k; f += 8) {
		__m256 vp = _mm256_loadu_ps(p + f), vq = _mm256_loadu_ps(q + f);
		__m256 np = _mm256_fmadd_ps(va, vp, _mm256_mul_ps(vc, vq));
		__m256 src = simultaneous ? vp : np;
		__m256 nq = _mm256_fmadd_ps(va, vq, _mm256_mul_ps(vc, src));
		_mm256_storeu_ps(p + f, np);
		_mm256_storeu_ps(q + f, nq);
	}
	if (f < k)
		plain_update_tail(p + f, q + f, k - f, e, lr, reg, simultaneous);
}

/* AdaGrad, lane by lane plain_adagrad_scalar (IEEE sqrt and division). */
__attribute__((target("avx2")))
static inline void plain_adagrad_avx2(float *p, float *q, float *gp, float *gq, int k, float e,
				      float lr, float reg, int simultaneous)
{
	const __m256 ve = _mm256_set1_ps(e), vl = _mm256_set1_ps(lr), vr = _mm256_set1_ps(reg);
	int f = 0;
	for (; f + 8 <= k; f += 8) {
		__m256 vp = _mm256_loadu_ps(p + f), vq = _mm256_loadu_ps(q + f);
		__m256 g = _mm256_sub_ps(_mm256_mul_ps(ve, vq), _mm256_mul_ps(vr, vp));
		__m256 G = _mm256_add_ps(_mm256_loadu_ps(gp + f), _mm256_mul_ps(g, g));
		__m256 np = _mm256_add_ps(vp, _mm256_div_ps(_mm256_mul_ps(vl, g), _mm256_sqrt_ps(G)));
		__m256 src = simultaneous ? vp : np;
		__m256 h = _mm256_sub_ps(_mm256_mul_ps(ve, src), _mm256_mul_ps(vr, vq));
		__m256 H = _mm256_add_ps(_mm256_loadu_ps(gq + f), _mm256_mul_ps(h, h));
		__m256 nq = _mm256_add_ps(vq, _mm256_div_ps(_mm256_mul_ps(vl, h), _mm256_sqrt_ps(H)));
		_mm256_storeu_ps(p + f, np);
		_mm256_storeu_ps(q + f, nq);
		_mm256_storeu_ps(gp + f, G);
		_mm256_storeu_ps(gq + f, H);
	}
	if (f < k)
		plain_adagrad_scalar(p + f, q + f, gp + f, gq + f, k - f, e, lr, reg, simultaneous);
}

/* LibMF's rule in AVX2: the steps lane by lane as the scalar loop, the mean
 * of the squared gradients summed in eight lanes. */
__attribute__((target("avx2")))
static inline void plain_rpcs_avx2(float *p, float *q, float *gu, float *gi, int k, float e,
				   float lr, float reg, int simultaneous)
{
	const float rp = lr / sqrtf(*gu), rq = lr / sqrtf(*gi);
	const __m256 ve = _mm256_set1_ps(e), vr = _mm256_set1_ps(reg);
	const __m256 vrp = _mm256_set1_ps(rp), vrq = _mm256_set1_ps(rq);
	__m256 vsp = _mm256_setzero_ps(), vsq = _mm256_setzero_ps();
	int f = 0;
	for (; f + 8 <= k; f += 8) {
		__m256 vp = _mm256_loadu_ps(p + f), vq = _mm256_loadu_ps(q + f);
		__m256 g = _mm256_sub_ps(_mm256_mul_ps(ve, vq), _mm256_mul_ps(vr, vp));
		__m256 np = _mm256_add_ps(vp, _mm256_mul_ps(vrp, g));
		__m256 src = simultaneous ? vp : np;
		__m256 h = _mm256_sub_ps(_mm256_mul_ps(ve, src), _mm256_mul_ps(vr, vq));
		_mm256_storeu_ps(p + f, np);
		_mm256_storeu_ps(q + f, _mm256_add_ps(vq, _mm256_mul_ps(vrq, h)));
		vsp = _mm256_add_ps(vsp, _mm256_mul_ps(g, g));
		vsq = _mm256_add_ps(vsq, _mm256_mul_ps(h, h));
	}
	float lp[8], lq[8], sp = 0, sq = 0;
	_mm256_storeu_ps(lp, vsp);
	_mm256_storeu_ps(lq, vsq);
	for (int l = 0; l < 8; l++)
		sp += lp[l], sq += lq[l];
	for (; f < k; f++) {
		float pf = p[f], qf = q[f];
		float g = e * qf - reg * pf;
		float np = pf + rp * g;
		float h = e * (simultaneous ? pf : np) - reg * qf;
		q[f] = qf + rq * h;
		p[f] = np;
		sp += g * g, sq += h * h;
	}
	*gu += sp / (float)k;
	*gi += sq / (float)k;
}

/* adapt is a constant where this is inlined, so each variant of the pass
 * is its own loop. */
__attribute__((target("avx2"))) __attribute__((always_inline))
static inline float plain_step_avx2(const mf_plain *a, int adapt, const ll_rating *e, float dot)
{
	const int k = a->k;
	float *p = a->P + (size_t)e->user * k, *q = a->Q + (size_t)e->item * k;
	float err = e->value - dot;
	if (adapt == MF_ADAPT_ADAGRAD)
		plain_adagrad_avx2(p, q, grow(a->GP, adapt, e->user, k), grow(a->GQ, adapt, e->item, k),
				   k, err, a->lr, a->reg, a->simultaneous);
	else if (adapt == MF_ADAPT_RPCS)
		plain_rpcs_avx2(p, q, grow(a->GP, adapt, e->user, k), grow(a->GQ, adapt, e->item, k),
				k, err, a->lr, a->reg, a->simultaneous);
	else
		plain_update_avx2(p, q, k, err, a->lr, a->reg, a->simultaneous);
	return err;
}

__attribute__((target("avx2")))
static float plain_one_avx2(const mf_plain *a, const ll_rating *e, float dot)
{
	return plain_step_avx2(a, a->adapt, e, dot);
}

static inline void prefetch_row(const float *row, size_t bytes, int write)
{
	const char *c = (const char *)row;
	for (size_t off = 0; off < bytes; off += 64) {
		if (write)
			__builtin_prefetch(c + off, 1);
		else
			__builtin_prefetch(c + off, 0);
	}
}

/* The dot products of two ratings, each as mf_plain_dot computes it. */
__attribute__((target("avx2")))
static inline void plain_dot2(const float *p0, const float *q0, const float *p1, const float *q1,
			      int k, float *d0, float *d1)
{
	if (k < 8)
		*d0 = dot_seq(p0, q0, k), *d1 = dot_seq(p1, q1, k);
	else
		dot2_avx2(p0, q0, p1, q1, k, d0, d1);
}

__attribute__((target("avx2")))
static inline void plain_prefetch(const mf_plain *a, long j)
{
	const int k = a->k;
	const size_t row = (size_t)k * sizeof(float);
	if (j + 2 * AHEAD < a->n)
		__builtin_prefetch(&a->ent[a->order[j + 2 * AHEAD]]);
	if (j + AHEAD < a->n) {
		const ll_rating *nx = &a->ent[a->order[j + AHEAD]];
		prefetch_row(a->P + (size_t)nx->user * k, row, 1);
		prefetch_row(a->Q + (size_t)nx->item * k, row, 1);
		if (a->adapt == MF_ADAPT_ADAGRAD) {
			prefetch_row(a->GP + (size_t)nx->user * k, row, 1);
			prefetch_row(a->GQ + (size_t)nx->item * k, row, 1);
		}
	}
}

/* AVX2 without FMA here too: the update must not be contracted (the dot
 * products are FMA code, called). With a->pairs, two ratings at a time when
 * they share no row, as the biased pass does: their updates then commute,
 * so every bit is the one-at-a-time result, and the two dot products
 * overlap. */
__attribute__((target("avx2"))) __attribute__((always_inline))
static inline double plain_pass_avx2_of(const mf_plain *a, int adapt)
{
	const int k = a->k;
	const ll_rating *ent = a->ent;
	const uint32_t *order = a->order;
	const long n = a->n;
	double sse = 0;
	long j = 0;
	for (; a->pairs && j + 1 < n; j += 2) {
		plain_prefetch(a, j);
		plain_prefetch(a, j + 1);
		const ll_rating *e0 = &ent[order[j]], *e1 = &ent[order[j + 1]];
		const float *p0 = a->P + (size_t)e0->user * k, *q0 = a->Q + (size_t)e0->item * k;
		const float *p1 = a->P + (size_t)e1->user * k, *q1 = a->Q + (size_t)e1->item * k;
		float d0, d1;
		if (e0->user == e1->user || e0->item == e1->item) {
			d0 = k < 8 ? dot_seq(p0, q0, k) : dot_avx2(p0, q0, k);
			float err0 = plain_step_avx2(a, adapt, e0, d0);
			d1 = k < 8 ? dot_seq(p1, q1, k) : dot_avx2(p1, q1, k);
			float err1 = plain_step_avx2(a, adapt, e1, d1);
			sse += (double)err0 * err0;
			sse += (double)err1 * err1;
			continue;
		}
		plain_dot2(p0, q0, p1, q1, k, &d0, &d1);
		float err0 = plain_step_avx2(a, adapt, e0, d0);
		float err1 = plain_step_avx2(a, adapt, e1, d1);
		sse += (double)err0 * err0;
		sse += (double)err1 * err1;
	}
	for (; j < n; j++) {
		plain_prefetch(a, j);
		const ll_rating *e = &ent[order[j]];
		const float *p = a->P + (size_t)e->user * k, *q = a->Q + (size_t)e->item * k;
		float err = plain_step_avx2(a, adapt, e, k < 8 ? dot_seq(p, q, k) : dot_avx2(p, q, k));
		sse += (double)err * err;
	}
	return sse;
}

/* The squared errors of the model as it stands (each estimate is still
 * mf_plain_dot's, to the bit), summed in order, the rows of later ratings
 * fetched ahead: a user's row only where the user changes, since stores
 * are mostly grouped by user and the row is then already at hand. Fetching
 * both rows of every rating, two ratings at a time, took a third longer
 * (ml-1m-part at k 200: 8.4 ms against 6.2 ms a pass). */
__attribute__((target("avx2")))
static double plain_sse_avx2(const float *P, const float *Q, const ll_rating *ent, long n, int k)
{
	const size_t row = (size_t)k * sizeof(float);
	double sse = 0;
	for (long j = 0; j < n; j++) {
		long a = j + AHEAD;
		if (a < n) {
			prefetch_row(Q + (size_t)ent[a].item * k, row, 0);
			if (ent[a].user != ent[a - 1].user)
				prefetch_row(P + (size_t)ent[a].user * k, row, 0);
		}
		const float *p = P + (size_t)ent[j].user * k, *q = Q + (size_t)ent[j].item * k;
		double r = ent[j].value - (double)(k < 8 ? dot_seq(p, q, k) : dot_avx2(p, q, k));
		sse += r * r;
	}
	return sse;
}

__attribute__((target("avx2")))
static double plain_pass_avx2(const mf_plain *a)
{
	switch (a->adapt) {
	case MF_ADAPT_ADAGRAD:
		return plain_pass_avx2_of(a, MF_ADAPT_ADAGRAD);
	case MF_ADAPT_RPCS:
		return plain_pass_avx2_of(a, MF_ADAPT_RPCS);
	default:
		return plain_pass_avx2_of(a, MF_ADAPT_NONE);
	}
}

__attribute__((target("avx2,fma")))
static inline void prefetch_rows(const mf_pass *a, long j)
{
	size_t row = (size_t)a->k * sizeof(float);
	if (j + 2 * AHEAD < a->n)
		__builtin_prefetch(&a->ent[a->order[j + 2 * AHEAD]]);
	if (j + AHEAD < a->n) {
		const ll_rating *nx = &a->ent[a->order[j + AHEAD]];
		const char *np = (const char *)(a->P + (size_t)nx->user * a->k);
		const char *nq = (const char *)(a->Q + (size_t)nx->item * a->k);
		for (size_t off = 0; off < row; off += 64) {
			__builtin_prefetch(np + off, 1);
			__builtin_prefetch(nq + off, 1);
		}
	}
}

/* Two ratings at a time when they share no row: their updates then commute,
 * so interleaving them changes no result bit but lets the CPU overlap the
 * two dependency chains (dot, error, update). */
__attribute__((target("avx2,fma")))
static double pass_avx2(const mf_pass *a)
{
	double sse = 0;
	const int k = a->k;
	long j = 0;
	for (; j + 1 < a->n; j += 2) {
		prefetch_rows(a, j);
		prefetch_rows(a, j + 1);
		const ll_rating *e0 = &a->ent[a->order[j]], *e1 = &a->ent[a->order[j + 1]];
		if (e0->user == e1->user || e0->item == e1->item) {
			float pred, err = one_avx2(a, e0, &pred);
			sse += (double)err * err;
			err = one_avx2(a, e1, &pred);
			sse += (double)err * err;
			continue;
		}
		float *p0 = a->P + (size_t)e0->user * k, *q0 = a->Q + (size_t)e0->item * k;
		float *p1 = a->P + (size_t)e1->user * k, *q1 = a->Q + (size_t)e1->item * k;
		float *bu0 = a->bu + e0->user, *bi0 = a->bi + e0->item;
		float *bu1 = a->bu + e1->user, *bi1 = a->bi + e1->item;
		float d0, d1;
		dot2_avx2(p0, q0, p1, q1, k, &d0, &d1);
		float err0 = e0->value - (a->mu + *bu0 + *bi0 + d0);
		float err1 = e1->value - (a->mu + *bu1 + *bi1 + d1);
		*bu0 += a->lr_bias * (err0 - a->reg_bias * *bu0);
		*bi0 += a->lr_bias * (err0 - a->reg_bias * *bi0);
		*bu1 += a->lr_bias * (err1 - a->reg_bias * *bu1);
		*bi1 += a->lr_bias * (err1 - a->reg_bias * *bi1);
		update_avx2(p0, q0, k, a->lr, err0, a->reg);
		update_avx2(p1, q1, k, a->lr, err1, a->reg);
		sse += (double)err0 * err0;
		sse += (double)err1 * err1;
	}
	for (; j < a->n; j++) {
		float pred, err = one_avx2(a, &a->ent[a->order[j]], &pred);
		sse += (double)err * err;
	}
	return sse;
}
#endif

static int current = MF_KERNEL_AUTO;

int mf_kernels_select(int which)
{
	int best = MF_KERNEL_SCALAR;
#ifdef MF_HAVE_X86
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		best = MF_KERNEL_AVX2;
#endif
	current = which == MF_KERNEL_SCALAR ? MF_KERNEL_SCALAR : best;
	return current;
}

/* The choice is made once when the program starts, before any OpenMP
 * region: choosing lazily on first use would write `current` from inside
 * ALS's parallel solves (a data race). mf_kernels_select may change it later,
 * from the main thread only (tests and benchmarks force the scalar path). */
__attribute__((constructor)) static void choose_at_start(void)
{
	mf_kernels_select(MF_KERNEL_AUTO);
}

static inline int kernel(void)
{
	return current;
}

int mf_kernels_current(void)
{
	return kernel();
}

const char *mf_kernels_name(void)
{
	return kernel() == MF_KERNEL_AVX2 ? "avx2+fma" : "scalar";
}

float mf_dot(const float *a, const float *b, int k)
{
#ifdef MF_HAVE_X86
	if (kernel() == MF_KERNEL_AVX2)
		return dot_avx2(a, b, k);
#endif
	return dot_scalar(a, b, k);
}

void mf_update_pq(float *p, float *q, int k, float lr, float e, float reg)
{
#ifdef MF_HAVE_X86
	if (kernel() == MF_KERNEL_AVX2) {
		update_avx2(p, q, k, lr, e, reg);
		return;
	}
#endif
	update_scalar(p, q, k, lr, e, reg);
}

double mf_biased_pass(const mf_pass *a)
{
#ifdef MF_HAVE_X86
	if (kernel() == MF_KERNEL_AVX2)
		return pass_avx2(a);
#endif
	return pass_scalar(a);
}

float mf_biased_one(const mf_pass *a, const ll_rating *e, float *pred)
{
#ifdef MF_HAVE_X86
	if (kernel() == MF_KERNEL_AVX2)
		return one_avx2(a, e, pred);
#endif
	return one_scalar(a, e, pred);
}

float mf_plain_dot(const float *a, const float *b, int k)
{
	return k < 8 ? dot_seq(a, b, k) : mf_dot(a, b, k);
}

float mf_plain_one(const mf_plain *a, const ll_rating *e, float *pred)
{
	*pred = mf_plain_dot(a->P + (size_t)e->user * a->k, a->Q + (size_t)e->item * a->k, a->k);
#ifdef MF_HAVE_X86
	if (kernel() == MF_KERNEL_AVX2)
		return plain_one_avx2(a, e, *pred);
#endif
	return plain_one_scalar(a, e, *pred);
}

double mf_plain_pass(const mf_plain *a)
{
#ifdef MF_HAVE_X86
	if (kernel() == MF_KERNEL_AVX2)
		return plain_pass_avx2(a);
#endif
	return plain_pass_scalar(a);
}

double mf_plain_sse(const float *P, const float *Q, const ll_rating *ent, long n, int k)
{
#ifdef MF_HAVE_X86
	if (kernel() == MF_KERNEL_AVX2)
		return plain_sse_avx2(P, Q, ent, n, k);
#endif
	return plain_sse_from(P, Q, ent, 0, n, k, 0);
}

void mf_gram4(double *A, int d, const double *Y, const double *w, int n)
{
#ifdef MF_HAVE_X86
	if (kernel() == MF_KERNEL_AVX2) {
		gram4_avx2(A, d, Y, w, n);
		return;
	}
#endif
	gram4_scalar(A, d, Y, w, n);
}

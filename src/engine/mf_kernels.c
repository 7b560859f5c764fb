/* mf_kernels.c: dot and update kernels with runtime CPU dispatch. */
#include "engine/mf_kernels.h"

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
	for (int f = 0; f < k; f++) {
		float pf = p[f], qf = q[f];
		p[f] = pf + lr * (e * qf - reg * pf);
		q[f] = qf + lr * (e * pf - reg * qf);
	}
}

#ifdef MF_HAVE_X86
__attribute__((target("avx2,fma")))
static float dot_avx2(const float *a, const float *b, int k)
{
	__m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
	int f = 0;
	for (; f + 16 <= k; f += 16) {
		s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f), _mm256_loadu_ps(b + f), s0);
		s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f + 8), _mm256_loadu_ps(b + f + 8), s1);
	}
	if (f + 8 <= k) {
		s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + f), _mm256_loadu_ps(b + f), s0);
		f += 8;
	}
	s0 = _mm256_add_ps(s0, s1);
	__m128 h = _mm_add_ps(_mm256_castps256_ps128(s0), _mm256_extractf128_ps(s0, 1));
	h = _mm_add_ps(h, _mm_movehl_ps(h, h));
	h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
	float s = _mm_cvtss_f32(h);
	for (; f < k; f++)
		s += a[f] * b[f];
	return s;
}

__attribute__((target("avx2,fma")))
static void update_avx2(float *p, float *q, int k, float lr, float e, float reg)
{
	const __m256 vlr = _mm256_set1_ps(lr), ve = _mm256_set1_ps(e), vreg = _mm256_set1_ps(reg);
	int f = 0;
	for (; f + 8 <= k; f += 8) {
		__m256 vp = _mm256_loadu_ps(p + f), vq = _mm256_loadu_ps(q + f);
		__m256 gp = _mm256_fmsub_ps(ve, vq, _mm256_mul_ps(vreg, vp));
		__m256 gq = _mm256_fmsub_ps(ve, vp, _mm256_mul_ps(vreg, vq));
		_mm256_storeu_ps(p + f, _mm256_fmadd_ps(vlr, gp, vp));
		_mm256_storeu_ps(q + f, _mm256_fmadd_ps(vlr, gq, vq));
	}
	for (; f < k; f++) {
		float pf = p[f], qf = q[f];
		p[f] = pf + lr * (e * qf - reg * pf);
		q[f] = qf + lr * (e * pf - reg * qf);
	}
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

static inline int kernel(void)
{
	if (current == MF_KERNEL_AUTO)
		mf_kernels_select(MF_KERNEL_AUTO);
	return current;
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

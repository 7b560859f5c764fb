/* nn_kernels.c: the small matrix products behind the dense layers and the
 * Adam update, each with an AVX2+FMA variant chosen at run time (GSL's CBLAS is the reference
 * implementation: correct, but several times slower on these small shapes).
 *
 * C[M x N] = init + A B, where A's element (r, k) sits at A[r * rs + k * ks]
 * (rs = K, ks = 1 for A itself; rs = 1, ks = M for a transposed one), B is
 * K x N row-major, and init is the bias row, zero, or C itself. The AVX2
 * kernel keeps a 4 x 16 block of C in registers while it walks k, so each
 * load of B serves four rows. Both variants are deterministic; they differ
 * from each other in the last bits (FMA rounds once). */
#include "engine/nn/nn.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define NN_HAVE_X86 1
#endif

static int current = NN_KERNEL_AUTO;

int nn_kernels_select(int which)
{
	int best = NN_KERNEL_SCALAR;
#ifdef NN_HAVE_X86
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		best = NN_KERNEL_AVX2;
#endif
	current = which == NN_KERNEL_SCALAR ? NN_KERNEL_SCALAR : best;
	return current;
}

const char *nn_kernels_name(void)
{
	if (current == NN_KERNEL_AUTO)
		nn_kernels_select(NN_KERNEL_AUTO);
	return current == NN_KERNEL_AVX2 ? "avx2+fma" : "scalar";
}

static void init_row(float *c, const float *bias, int mode, int N)
{
	if (mode == NN_GEMM_BIAS)
		memcpy(c, bias, (size_t)N * sizeof *c);
	else if (mode == NN_GEMM_ZERO)
		memset(c, 0, (size_t)N * sizeof *c);
}

static void gemm_scalar(int M, int K, int N, const float *A, int rs, int ks, const float *B,
			const float *bias, int mode, float *C)
{
	for (int r = 0; r < M; r++) {
		float *c = C + (size_t)r * N;
		init_row(c, bias, mode, N);
		for (int k = 0; k < K; k++) {
			const float a = A[(size_t)r * rs + (size_t)k * ks];
			const float *b = B + (size_t)k * N;
#pragma omp simd
			for (int j = 0; j < N; j++)
				c[j] += a * b[j];
		}
	}
}

#ifdef NN_HAVE_X86
#define AT(r, k) A[(size_t)(r) * rs + (size_t)(k) * ks]

__attribute__((target("avx2,fma")))
static inline __m256 load_init(const float *c, const float *bias, int mode, int j)
{
	if (mode == NN_GEMM_BIAS)
		return _mm256_loadu_ps(bias + j);
	if (mode == NN_GEMM_ACC)
		return _mm256_loadu_ps(c + j);
	return _mm256_setzero_ps();
}

__attribute__((target("avx2,fma")))
static void gemm_avx2(int M, int K, int N, const float *A, int rs, int ks, const float *B,
		      const float *bias, int mode, float *C)
{
	int r = 0;
	for (; r + 4 <= M; r += 4) {
		float *c0 = C + (size_t)r * N, *c1 = c0 + N, *c2 = c1 + N, *c3 = c2 + N;
		int j = 0;
		for (; j + 16 <= N; j += 16) {
			__m256 x0 = load_init(c0, bias, mode, j), y0 = load_init(c0, bias, mode, j + 8);
			__m256 x1 = load_init(c1, bias, mode, j), y1 = load_init(c1, bias, mode, j + 8);
			__m256 x2 = load_init(c2, bias, mode, j), y2 = load_init(c2, bias, mode, j + 8);
			__m256 x3 = load_init(c3, bias, mode, j), y3 = load_init(c3, bias, mode, j + 8);
			for (int k = 0; k < K; k++) {
				const float *b = B + (size_t)k * N + j;
				__m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
				__m256 a = _mm256_broadcast_ss(&AT(r, k));
				x0 = _mm256_fmadd_ps(a, b0, x0), y0 = _mm256_fmadd_ps(a, b1, y0);
				a = _mm256_broadcast_ss(&AT(r + 1, k));
				x1 = _mm256_fmadd_ps(a, b0, x1), y1 = _mm256_fmadd_ps(a, b1, y1);
				a = _mm256_broadcast_ss(&AT(r + 2, k));
				x2 = _mm256_fmadd_ps(a, b0, x2), y2 = _mm256_fmadd_ps(a, b1, y2);
				a = _mm256_broadcast_ss(&AT(r + 3, k));
				x3 = _mm256_fmadd_ps(a, b0, x3), y3 = _mm256_fmadd_ps(a, b1, y3);
			}
			_mm256_storeu_ps(c0 + j, x0), _mm256_storeu_ps(c0 + j + 8, y0);
			_mm256_storeu_ps(c1 + j, x1), _mm256_storeu_ps(c1 + j + 8, y1);
			_mm256_storeu_ps(c2 + j, x2), _mm256_storeu_ps(c2 + j + 8, y2);
			_mm256_storeu_ps(c3 + j, x3), _mm256_storeu_ps(c3 + j + 8, y3);
		}
		for (; j + 8 <= N; j += 8) {
			__m256 x0 = load_init(c0, bias, mode, j), x1 = load_init(c1, bias, mode, j);
			__m256 x2 = load_init(c2, bias, mode, j), x3 = load_init(c3, bias, mode, j);
			for (int k = 0; k < K; k++) {
				__m256 b0 = _mm256_loadu_ps(B + (size_t)k * N + j);
				x0 = _mm256_fmadd_ps(_mm256_broadcast_ss(&AT(r, k)), b0, x0);
				x1 = _mm256_fmadd_ps(_mm256_broadcast_ss(&AT(r + 1, k)), b0, x1);
				x2 = _mm256_fmadd_ps(_mm256_broadcast_ss(&AT(r + 2, k)), b0, x2);
				x3 = _mm256_fmadd_ps(_mm256_broadcast_ss(&AT(r + 3, k)), b0, x3);
			}
			_mm256_storeu_ps(c0 + j, x0), _mm256_storeu_ps(c1 + j, x1);
			_mm256_storeu_ps(c2 + j, x2), _mm256_storeu_ps(c3 + j, x3);
		}
		for (; j < N; j++) /* columns past the last multiple of 8 */
			for (int q = 0; q < 4; q++) {
				float *c = C + (size_t)(r + q) * N;
				float s = mode == NN_GEMM_BIAS ? bias[j] : mode == NN_GEMM_ACC ? c[j] : 0;
				for (int k = 0; k < K; k++)
					s = fmaf(AT(r + q, k), B[(size_t)k * N + j], s);
				c[j] = s;
			}
	}
	for (; r < M; r++) {
		float *c = C + (size_t)r * N;
		int j = 0;
		for (; j + 8 <= N; j += 8) {
			__m256 x = load_init(c, bias, mode, j);
			for (int k = 0; k < K; k++)
				x = _mm256_fmadd_ps(_mm256_broadcast_ss(&AT(r, k)),
						    _mm256_loadu_ps(B + (size_t)k * N + j), x);
			_mm256_storeu_ps(c + j, x);
		}
		for (; j < N; j++) {
			float s = mode == NN_GEMM_BIAS ? bias[j] : mode == NN_GEMM_ACC ? c[j] : 0;
			for (int k = 0; k < K; k++)
				s = fmaf(AT(r, k), B[(size_t)k * N + j], s);
			c[j] = s;
		}
	}
}
#undef AT
#endif

static void adam_scalar(const nn_adam *a, float *w, const float *g, float *m, float *v, size_t n)
{
	const float b1 = a->beta1, b2 = a->beta2, eps = a->eps, step = a->step;
	for (size_t i = 0; i < n; i++) {
		m[i] = b1 * m[i] + (1 - b1) * g[i];
		v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
		w[i] -= step * m[i] / (sqrtf(v[i]) + eps);
	}
}

#ifdef NN_HAVE_X86
/* sqrtf keeps errno semantics at -O2, which stops the compiler from
 * vectorising the portable loop; here the square root is explicit. */
__attribute__((target("avx2,fma")))
static void adam_avx2(const nn_adam *a, float *w, const float *g, float *m, float *v, size_t n)
{
	const __m256 b1 = _mm256_set1_ps(a->beta1), c1 = _mm256_set1_ps(1 - a->beta1);
	const __m256 b2 = _mm256_set1_ps(a->beta2), c2 = _mm256_set1_ps(1 - a->beta2);
	const __m256 eps = _mm256_set1_ps(a->eps), step = _mm256_set1_ps(a->step);
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		__m256 gi = _mm256_loadu_ps(g + i);
		__m256 mi = _mm256_fmadd_ps(b1, _mm256_loadu_ps(m + i), _mm256_mul_ps(c1, gi));
		__m256 vi = _mm256_fmadd_ps(b2, _mm256_loadu_ps(v + i),
					    _mm256_mul_ps(c2, _mm256_mul_ps(gi, gi)));
		__m256 d = _mm256_div_ps(_mm256_mul_ps(step, mi),
					 _mm256_add_ps(_mm256_sqrt_ps(vi), eps));
		_mm256_storeu_ps(m + i, mi);
		_mm256_storeu_ps(v + i, vi);
		_mm256_storeu_ps(w + i, _mm256_sub_ps(_mm256_loadu_ps(w + i), d));
	}
	if (i < n)
		adam_scalar(a, w + i, g + i, m + i, v + i, n - i);
}
#endif

void nn_adam_step(const nn_adam *a, float *w, const float *g, float *m, float *v, size_t n)
{
	if (current == NN_KERNEL_AUTO)
		nn_kernels_select(NN_KERNEL_AUTO);
#ifdef NN_HAVE_X86
	if (current == NN_KERNEL_AVX2) {
		adam_avx2(a, w, g, m, v, n);
		return;
	}
#endif
	adam_scalar(a, w, g, m, v, n);
}

void nn_gemm(int M, int K, int N, const float *A, int rs, int ks, const float *B,
	     const float *bias, int mode, float *C)
{
	if (current == NN_KERNEL_AUTO)
		nn_kernels_select(NN_KERNEL_AUTO);
#ifdef NN_HAVE_X86
	if (current == NN_KERNEL_AVX2) {
		gemm_avx2(M, K, N, A, rs, ks, B, bias, mode, C);
		return;
	}
#endif
	gemm_scalar(M, K, N, A, rs, ks, B, bias, mode, C);
}

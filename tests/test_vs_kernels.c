/* test_vs_kernels.c: the blocked dot-product kernel against plain loops (both
 * variants), the vectorised argmin against the scalar loop (ties included),
 * batched exact search against one query at a time on 1 and 2 threads, and
 * an IVF index the same on 1 and 2 threads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "check.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/vectors/vs_kernels.h"
#include "engine/vectors/vsearch.h"

static void products(int nc, int nx, int d)
{
	ll_error err;
	float *C = vs_synthetic(nc, d, 5, 0.7, (unsigned long)(nc + d), &err);
	float *X = vs_synthetic(nx, d, 5, 0.7, (unsigned long)(nx * 7 + d), &err);
	float *P = vs_pack(C, nc, d);
	int ldo = vs_pad16(nc);
	float *out = malloc((size_t)nx * ldo * sizeof *out);
	double worst = 0;
	vs_ip_block(P, nc, d, X, nx, out, ldo);
	for (int i = 0; i < nx; i++) {
		for (int c = 0; c < nc; c++) {
			double ref = 0;
			for (int f = 0; f < d; f++)
				ref += (double)X[i * d + f] * C[c * d + f];
			worst = fmax(worst, fabs(out[i * ldo + c] - ref) / (1 + fabs(ref)));
		}
		for (int c = nc; c < ldo; c++)
			CHECK(out[i * ldo + c] == 0);
	}
	/* The same products whatever the block: one row at a time. */
	float *one = malloc((size_t)ldo * sizeof *one);
	int same = 1;
	for (int i = 0; i < nx; i++) {
		vs_ip_block(P, nc, d, X + (size_t)i * d, 1, one, ldo);
		same &= memcmp(one, out + (size_t)i * ldo, (size_t)nc * sizeof *one) == 0;
	}
	printf("%d x %d products, d %d: worst relative error %.2e, blocking %s\n", nx, nc, d, worst,
	       same ? "irrelevant" : "CHANGES RESULTS");
	CHECK(worst < 1e-5);
	CHECK(same);
	free(C), free(X), free(P), free(out), free(one);
}

static void argmins(void)
{
	float s[53], cn2[53];
	int bad = 0;
	for (int trial = 0; trial < 200; trial++) {
		int n = 1 + trial % 53;
		for (int c = 0; c < n; c++) {
			s[c] = (float)((c * 7 + trial * 13) % 5); /* many ties */
			cn2[c] = (float)((c * 3 + trial) % 4);
		}
		for (int by_ip = 0; by_ip < 2; by_ip++) {
			int best = 0;
			float bv = INFINITY, got;
			for (int c = 0; c < n; c++) {
				float v = by_ip ? -s[c] : cn2[c] - 2 * s[c];
				if (v < bv)
					bv = v, best = c;
			}
			int a = vs_argmin(s, cn2, n, by_ip, &got);
			bad += a != best || got != bv;
		}
	}
	printf("argmin: %d of 400 differ from the scalar loop\n", bad);
	CHECK(bad == 0);
}

static void batch(vs_metric m)
{
	enum { N = 3000, D = 24, NQ = 37, K = 10 };
	ll_error err;
	float *x = vs_synthetic(N + NQ, D, 20, 0.4, 11, &err);
	vs_table *t = vs_table_new(x, N, D, &err);
	vs_hit *one = malloc(NQ * K * sizeof *one), *b1 = malloc(NQ * K * sizeof *b1);
	vs_hit *b2 = malloc(NQ * K * sizeof *b2);
	for (int j = 0; j < NQ; j++)
		vs_topk(t, m, x + (size_t)(N + j) * D, K, NULL, NULL, one + j * K);
#ifdef _OPENMP
	omp_set_num_threads(1);
#endif
	CHECK(vs_topk_batch(t, m, x + (size_t)N * D, NQ, K, b1) == 0);
#ifdef _OPENMP
	omp_set_num_threads(2);
#endif
	CHECK(vs_topk_batch(t, m, x + (size_t)N * D, NQ, K, b2) == 0);
	int agree = 0;
	double gap = 0;
	for (int j = 0; j < NQ; j++) {
		agree += vs_overlap(one + j * K, K, b1 + j * K, K);
		for (int r = 0; r < K; r++)
			gap = fmax(gap, fabs(one[j * K + r].score - b1[j * K + r].score));
	}
	printf("%s batch: %d of %d hits as one query at a time, scores within %.1e; 2 threads %s\n",
	       vs_metric_name(m), agree, NQ * K, gap,
	       memcmp(b1, b2, NQ * K * sizeof *b1) ? "DIFFER" : "the same bits");
	CHECK(agree >= NQ * K - 2);
	CHECK(gap < 1e-4);
	CHECK(memcmp(b1, b2, NQ * K * sizeof *b1) == 0);
	free(one), free(b1), free(b2), free(x);
	vs_table_free(&t);
}

/* The blocked k-means and assignment give the same cells and inertia on
 * 1 and 2 threads. */
static void ivf_cells(void)
{
	enum { N = 4000, D = 16 };
	ll_error err;
	float *x = vs_synthetic(N, D, 30, 0.3, 5, &err);
	ivf_opts o;
	ivf_opts_init(&o);
	o.nlist = 40, o.seed = 2, o.metric = VS_DOT;
	ivf *a = ivf_build(x, N, D, &o, &err);
#ifdef _OPENMP
	omp_set_num_threads(1);
#endif
	ivf *b = ivf_build(x, N, D, &o, &err);
#ifdef _OPENMP
	omp_set_num_threads(2);
#endif
	CHECK(a && b);
	int same = 1;
	for (int c = 0; a && b && c < ivf_nlist(a); c++)
		same &= ivf_cell_size(a, c) == ivf_cell_size(b, c);
	CHECK(same);
	CHECK(a && b && ivf_inertia(a) == ivf_inertia(b));
	ivf_free(&a), ivf_free(&b);
	free(x);
}

int main(void)
{
	for (int pass = 0; pass < 2; pass++) {
		printf("kernels: %s\n", pass ? "portable C" : vs_kernels_select(1) ? "avx2+fma" : "portable C");
		if (pass)
			vs_kernels_select(0);
		products(1, 1, 1);
		products(17, 5, 3);
		products(40, 13, 32);
		products(100, 50, 33);
		argmins();
		batch(VS_DOT);
		batch(VS_COSINE);
		batch(VS_EUCLIDEAN);
		ivf_cells();
	}
	vs_kernels_select(1);
	return check_done();
}

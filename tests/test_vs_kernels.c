/* test_vs_kernels.c: the blocked dot-product kernel against plain loops (both
 * variants) and the one-query kernel against it (to the bit), the
 * vectorised argmin against the scalar loop (ties included), batched exact
 * search against one query at a time (to the bit, ties included) on 1 and
 * 2 threads, and an IVF index the same on 1 and 2 threads. */
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
	/* The one-query kernel: each product the blocked kernel's bits, and
	 * a row's square the same chain as its product with itself. */
	float *col = malloc((size_t)nx * sizeof *col), sq;
	int rows_same = 1;
	for (int c = 0; c < nc; c++) {
		vs_ip_rows(C + (size_t)c * d, X, nx, d, col);
		for (int i = 0; i < nx; i++)
			rows_same &= memcmp(&col[i], &out[(size_t)i * ldo + c], sizeof *col) == 0;
	}
	vs_ip_rows(NULL, X, nx, d, col);
	for (int i = 0; i < nx; i++) {
		vs_ip_rows(X + (size_t)i * d, X + (size_t)i * d, 1, d, &sq);
		rows_same &= memcmp(&sq, &col[i], sizeof sq) == 0;
	}
	printf("%d x %d products, d %d: worst relative error %.2e, blocking %s, one query %s\n", nx,
	       nc, d, worst, same ? "irrelevant" : "CHANGES RESULTS",
	       rows_same ? "the same bits" : "DIFFERS");
	CHECK(worst < 1e-5);
	CHECK(same);
	CHECK(rows_same);
	free(C), free(X), free(P), free(out), free(one), free(col);
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

/* Batched exact search against one query at a time: the same ids in the
 * same order and the same score bits, on 1 and 2 threads. tie: every
 * seventh row repeats the one three above it and a few queries are rows of
 * the table, so equal keys meet in the top k and the lower id must win
 * both ways (counted, so the test knows the ties happened). */
static void batch(vs_metric m, int n, int d, int nq, int k, int clusters, int tie)
{
	ll_error err;
	float *x = vs_synthetic(n + nq, d, clusters, clusters > 1 ? 0.4 : 1.0,
				(unsigned long)(n + d + nq), &err);
	for (int i = 3; tie && i < n; i += 7)
		memcpy(x + (size_t)i * d, x + (size_t)(i - 3) * d, (size_t)d * sizeof *x);
	for (int j = 0; tie && j < nq; j += 5)
		memcpy(x + (size_t)(n + j) * d, x + (size_t)(j * 7 % n) * d, (size_t)d * sizeof *x);
	vs_table *t = vs_table_new(x, n, d, &err);
	size_t sz = (size_t)nq * k * sizeof(vs_hit);
	vs_hit *one = malloc(sz), *b1 = malloc(sz), *b2 = malloc(sz);
	int missing = 0, ties = 0;
	for (int j = 0; j < nq; j++) {
		vs_hit *o = one + (size_t)j * k;
		int got = vs_topk(t, m, x + (size_t)(n + j) * d, k, NULL, NULL, o);
		for (int r = got; r < k; r++)
			o[r] = (vs_hit){ -1, -INFINITY }, missing++;
		for (int r = 1; r < got; r++)
			ties += o[r].score == o[r - 1].score;
	}
#ifdef _OPENMP
	omp_set_num_threads(1);
#endif
	CHECK(vs_topk_batch(t, m, x + (size_t)n * d, nq, k, b1) == 0);
#ifdef _OPENMP
	omp_set_num_threads(2);
#endif
	CHECK(vs_topk_batch(t, m, x + (size_t)n * d, nq, k, b2) == 0);
	int same = 0;
	for (int j = 0; j < nq * k; j++)
		same += memcmp(&one[j], &b1[j], sizeof *one) == 0;
	/* vs_score reports what vs_topk reports. */
	int scored = 1;
	for (int j = 0; j < nq; j++) {
		const float *q = x + (size_t)(n + j) * d;
		float qn = vs_norm(q, d);
		for (int r = 0; r < k && one[j * k + r].id >= 0; r++) {
			float sc = vs_score(t, m, q, qn, one[j * k + r].id);
			scored &= memcmp(&sc, &one[j * k + r].score, sizeof sc) == 0;
		}
	}
	printf("%s batch, %d x %d, %d queries, top %d%s: %d of %d hits the same bits as one query "
	       "at a time (%d ties, %d missing), vs_score %s, 2 threads %s\n",
	       vs_metric_name(m), n, d, nq, k, tie ? ", planted ties" : "", same, nq * k, ties,
	       missing, scored ? "agrees" : "DIFFERS", memcmp(b1, b2, sz) ? "DIFFER" : "the same bits");
	CHECK(same == nq * k);
	CHECK(scored);
	CHECK(memcmp(b1, b2, sz) == 0);
	if (tie)
		CHECK(ties > 0);
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
		products(300, 7, 32);
		argmins();
		for (int m = VS_DOT; m <= VS_EUCLIDEAN; m++) {
			batch((vs_metric)m, 3000, 24, 37, 10, 20, 1);
			batch((vs_metric)m, 2000, 33, 19, 7, 1, 0); /* plain Gaussian */
			batch((vs_metric)m, 500, 5, 1, 12, 1, 1);
			batch((vs_metric)m, 9, 8, 4, 12, 1, 0); /* fewer rows than k */
		}
		ivf_cells();
	}
	vs_kernels_select(1);
	return check_done();
}

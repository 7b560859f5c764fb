/* test_ann.c: exact search against sorting by hand, the IVF index's recall
 * against exact search on a fixed seed, and a dot-product index's cells by
 * the inner product against the Euclidean rule. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/vectors/vsearch.h"

static void test_exact(void)
{
	/* Three items; q = (1, 0).
	 * a = (3, 3): dot 3, cosine 0.7071, distance sqrt(4 + 9) = 3.606
	 * b = (1, 0): dot 1, cosine 1,      distance 0
	 * c = (2, -1): dot 2, cosine 0.8944, distance sqrt(1 + 1) = 1.414 */
	float x[] = { 3, 3, 1, 0, 2, -1 }, q[] = { 1, 0 };
	ll_error err;
	vs_table *t = vs_table_new(x, 3, 2, &err);
	vs_hit h[3];
	CHECK(vs_topk(t, VS_DOT, q, 3, NULL, NULL, h) == 3);
	CHECK(h[0].id == 0 && h[1].id == 2 && h[2].id == 1);
	CHECK_NEAR(h[0].score, 3, 1e-6);
	vs_topk(t, VS_COSINE, q, 3, NULL, NULL, h);
	CHECK(h[0].id == 1 && h[1].id == 2 && h[2].id == 0);
	CHECK_NEAR(h[1].score, 2 / sqrt(5.0), 1e-6);
	vs_topk(t, VS_EUCLIDEAN, q, 2, NULL, NULL, h);
	CHECK(h[0].id == 1 && h[1].id == 2);
	CHECK_NEAR(h[1].score, -sqrt(2.0), 1e-6);
	vs_table_free(&t);
	CHECK(t == NULL);
}

static int skip_even(void *ctx, int id)
{
	(void)ctx;
	return id % 2 == 0;
}

/* The heap keeps exactly the k best of a brute-force sort. */
static void test_topk_vs_sort(void)
{
	ll_error err;
	float *x = vs_synthetic(3000, 8, 20, 0.3, 3, &err);
	vs_table *t = vs_table_new(x, 3000, 8, &err);
	float *q = x + 17 * 8;
	for (int m = VS_DOT; m <= VS_EUCLIDEAN; m++) {
		vs_hit h[25];
		int n = vs_topk(t, m, q, 25, NULL, NULL, h);
		CHECK(n == 25);
		float qn = vs_norm(q, 8);
		int above = 0;
		for (int i = 0; i < 3000; i++)
			above += vs_score(t, m, q, qn, i) > h[24].score;
		CHECK(above == 24);
		for (int j = 1; j < n; j++)
			CHECK(h[j].score <= h[j - 1].score);
	}
	vs_hit h[5];
	int n = vs_topk(t, VS_DOT, q, 5, skip_even, NULL, h);
	CHECK(n == 5);
	for (int j = 0; j < n; j++)
		CHECK(h[j].id % 2 == 1);
	vs_table_free(&t);
	free(x);
}

static void test_ivf_recall(void)
{
	enum { N = 20000, D = 16, K = 10, NQ = 200 };
	ll_error err;
	float *x = vs_synthetic(N, D, 64, 0.5, 42, &err);
	float *q = vs_synthetic(NQ, D, 64, 0.5, 43, &err);
	CHECK(x && q);
	vs_table *t = vs_table_new(x, N, D, &err);
	for (int m = VS_DOT; m <= VS_EUCLIDEAN; m++) {
		ivf_opts o;
		ivf_opts_init(&o);
		o.nlist = 100, o.seed = 7, o.metric = m;
		ivf *ix = ivf_build(x, N, D, &o, &err);
		ivf *again = ivf_build(x, N, D, &o, &err);
		CHECK(ix && again && ivf_nlist(ix) == 100);
		int total = 0;
		for (int c = 0; c < 100; c++)
			total += ivf_cell_size(ix, c);
		CHECK(total == N);
		double rec1 = 0, rec10 = 0, recall_all = 0;
		int same = 1;
		for (int j = 0; j < NQ; j++) {
			vs_hit ex[K], a[K], b[K];
			vs_topk(t, m, q + j * D, K, NULL, NULL, ex);
			rec1 += vs_overlap(ex, K, a, ivf_search(ix, q + j * D, K, 1, a)) / (double)K;
			int na = ivf_search(ix, q + j * D, K, 10, a);
			int nb = ivf_search(again, q + j * D, K, 10, b);
			rec10 += vs_overlap(ex, K, a, na) / (double)K;
			same &= na == nb && memcmp(a, b, sizeof(vs_hit) * na) == 0;
			recall_all += vs_overlap(ex, K, a, ivf_search(ix, q + j * D, K, 100, a)) / (double)K;
		}
		rec1 /= NQ, rec10 /= NQ, recall_all /= NQ;
		printf("%s: recall@10 nprobe 1 %.3f, 10 %.3f, 100 %.3f\n", vs_metric_name(m), rec1, rec10,
			recall_all);
		/* Floors on this seed: probing 10% of the cells finds most of
		 * the true neighbours; probing all of them is exact search. */
		CHECK(rec10 >= 0.9);
		CHECK(rec10 >= rec1);
		CHECK(recall_all >= 0.999);
		CHECK(same);
		CHECK(ivf_bytes(ix) > (size_t)N * D * sizeof(float));
		ivf_free(&ix);
		ivf_free(&again);
		CHECK(ix == NULL);
	}
	/* The dot product searched as nearest neighbour: still exact when every
	 * cell is probed, and a useful index on this seed. */
	ivf_opts o;
	ivf_opts_init(&o);
	o.nlist = 100, o.seed = 7, o.metric = VS_DOT, o.mips = 1;
	ivf *ix = ivf_build(x, N, D, &o, &err);
	double rec10 = 0, all = 0;
	for (int j = 0; ix && j < NQ; j++) {
		vs_hit ex[K], a[K];
		vs_topk(t, VS_DOT, q + j * D, K, NULL, NULL, ex);
		rec10 += vs_overlap(ex, K, a, ivf_search(ix, q + j * D, K, 10, a)) / (double)K;
		int na = ivf_search(ix, q + j * D, K, 100, a);
		all += vs_overlap(ex, K, a, na) / (double)K;
		CHECK_NEAR(a[0].score, ex[0].score, 1e-4 * (1 + fabs(ex[0].score)));
	}
	printf("dot with the MIPS column: recall@10 nprobe 10 %.3f, 100 %.3f\n", rec10 / NQ, all / NQ);
	CHECK(rec10 / NQ >= 0.9);
	CHECK(all / NQ >= 0.999);
	ivf_free(&ix);
	vs_table_free(&t);
	free(x), free(q);
}

/* A dot-product index whose cells were assigned by the inner product (the
 * rule it probes them by) against the same index assigned by Euclidean
 * distance, the rule before: on a planted catalogue (clusters whose
 * centres differ in length, the queries drawn from the same clusters) the
 * inner product finds more of the true top 10 in the one cell it probes.
 * Probing every cell is exact search either way: the same ids and score
 * bits as vs_topk, for every metric. */
static void test_ivf_assign(void)
{
	enum { N = 20000, D = 32, K = 10, NQ = 300, NL = 100 };
	ll_error err;
	float *x = vs_synthetic(N + NQ, D, 100, 0.5, 2024, &err);
	CHECK(x != NULL);
	const float *q = x + (size_t)N * D;
	vs_table *t = vs_table_new(x, N, D, &err);
	vs_hit *ex = malloc((size_t)NQ * K * sizeof *ex);
	double rec[3] = { 0, 0, 0 };
	static const char *rule[] = { "inner product", "Euclidean distance",
				      "inner product, unit centroids" };
	for (int m = VS_DOT; m <= VS_EUCLIDEAN; m++) {
		for (int j = 0; j < NQ; j++)
			vs_topk(t, m, q + (size_t)j * D, K, NULL, NULL, ex + (size_t)j * K);
		/* v: 0 the default, 1 the Euclidean rule, 2 spherical k-means. */
		for (int v = 0; v < (m == VS_DOT ? 3 : 1); v++) {
			ivf_opts o;
			ivf_opts_init(&o);
			o.nlist = NL, o.seed = 3, o.metric = m, o.assign_l2 = v == 1, o.spherical = v == 2;
			ivf *ix = ivf_build(x, N, D, &o, &err);
			CHECK(ix != NULL);
			int exact = 0;
			double r1 = 0;
			for (int j = 0; ix && j < NQ; j++) {
				vs_hit a[K];
				int na = ivf_search(ix, q + (size_t)j * D, K, 1, a);
				r1 += vs_overlap(ex + (size_t)j * K, K, a, na) / (double)K;
				na = ivf_search(ix, q + (size_t)j * D, K, NL, a);
				exact += na == K && memcmp(a, ex + (size_t)j * K, sizeof a) == 0;
			}
			r1 /= NQ;
			if (m == VS_DOT)
				rec[v] = r1;
			printf("%s, cells by %s: recall@10 nprobe 1 %.3f; nprobe %d: %d of %d queries "
			       "exact search to the bit\n", vs_metric_name(m),
			       m == VS_DOT ? rule[v] : m == VS_COSINE ? "angle" : "Euclidean distance", r1,
			       NL, exact, NQ);
			CHECK(exact == NQ);
			ivf_free(&ix);
		}
	}
	/* About 0.97 against 0.77 on this seed. Not a law: on the same kind
	 * of catalogue in 8 dimensions the Euclidean cells do better. */
	CHECK(rec[0] >= rec[1] + 0.1);
	/* Unit centroids (FAISS's default for the inner product) cut by
	 * direction: still far above the Euclidean rule here (0.95), and not
	 * the same cells as the default. */
	CHECK(rec[2] >= rec[1] + 0.1);
	CHECK(rec[2] != rec[0]);
	vs_table_free(&t);
	free(ex), free(x);
}

int main(void)
{
	test_exact();
	test_topk_vs_sort();
	test_ivf_recall();
	test_ivf_assign();
	return check_done();
}

/* bench_ann.c: exact top-10 over a million vectors, and the IVF index's
 * queries per second at recall@10 >= 0.95 (one thread, against exact search
 * in the same process), on a seeded synthetic catalogue of 1,000,000 items
 * and, when $LATENTLAB_DATA is set, on ml-100k's item factors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "engine/algo.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/data/load.h"
#include "engine/model/model.h"
#include "engine/vectors/vsearch.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

enum { K = 10 };

static void sweep(const char *name, const float *x, int n, int d, const float *q, int nq, int nlist,
	vs_metric m)
{
	ll_error err;
	vs_table *t = vs_table_new(x, n, d, &err);
	vs_hit *exact = malloc((size_t)nq * K * sizeof *exact), hits[K];
	double t0 = now();
	for (int j = 0; j < nq; j++)
		vs_topk(t, m, q + (size_t)j * d, K, NULL, NULL, exact + (size_t)j * K);
	double te = now() - t0, exact_qps = nq / te;
	printf("%s: %d x %d, %s\n", name, n, d, vs_metric_name(m));
	printf("  exact top-%d: %.2f ms per query, %.0f queries/s (one thread)\n", K, 1000 * te / nq,
		exact_qps);
	vs_hit *batch = malloc((size_t)nq * K * sizeof *batch);
	t0 = now();
	vs_topk_batch(t, m, q, nq, K, batch);
	double tb = now() - t0;
	printf("  exact top-%d, OpenMP batch: %.0f queries/s (x%.2f)\n", K, nq / tb, te / tb);
	free(batch);
	ivf_opts o;
	ivf_opts_init(&o);
	o.nlist = nlist, o.seed = 1, o.metric = m;
	t0 = now();
	ivf *ix = ivf_build(x, n, d, &o, &err);
	if (!ix) {
		printf("  %s\n", err.msg);
		return;
	}
	printf("  IVF: %d cells, built in %.2f s, %.1f MiB\n", ivf_nlist(ix), now() - t0,
		ivf_bytes(ix) / 1048576.0);
	int reached = 0;
	for (int np = 1; np <= ivf_nlist(ix); np *= 2) {
		double rec = 0;
		for (int j = 0; j < nq; j++) {
			int got = ivf_search(ix, q + (size_t)j * d, K, np, hits);
			rec += vs_overlap(exact + (size_t)j * K, K, hits, got) / (double)K;
		}
		rec /= nq;
		long done = 0;
		double el;
		t0 = now();
		do {
			for (int j = 0; j < nq; j++)
				ivf_search(ix, q + (size_t)j * d, K, np, hits);
			done += nq;
		} while ((el = now() - t0) < 0.3);
		double qps = done / el;
		printf("    nprobe %4d  recall@%d %.4f  %9.0f queries/s  x%.1f exact%s\n", np, K, rec, qps,
			qps / exact_qps, !reached && rec >= 0.95 ? "  <- recall 0.95" : "");
		if (rec >= 0.95 && !reached)
			reached = np;
		if (rec >= 0.999)
			break;
	}
	ivf_free(&ix);
	vs_table_free(&t);
	free(exact);
}

int main(void)
{
	ll_error err;
	enum { N = 1000000, D = 32, NQ = 200 };
	double t0 = now();
	float *all = vs_synthetic(N + NQ, D, 1000, 0.5, 7, &err);
	if (!all) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	printf("synthetic catalogue generated in %.2f s\n", now() - t0);
	sweep("synthetic catalogue (1000 clusters)", all, N, D, all + (size_t)N * D, NQ, 1000, VS_DOT);
	sweep("synthetic catalogue (1000 clusters)", all, N, D, all + (size_t)N * D, NQ, 1000, VS_EUCLIDEAN);
	free(all);

	const char *data = getenv("LATENTLAB_DATA");
	char dir[1024];
	struct stat st;
	if (!data || snprintf(dir, sizeof dir, "%s/ml-100k", data) >= (int)sizeof dir || stat(dir, &st)) {
		printf("ml-100k: skipped (LATENTLAB_DATA unset)\n");
		return 0;
	}
	ratings *r = load_path(dir, &err);
	params *p = params_new();
	params_set(p, "k", "32");
	model *m = r ? model_new("biased", p, &err) : NULL;
	if (!m || model_fit(m, r, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	sweep("ml-100k item factors (biased k=32), users as queries", model_item_factors_const(m),
		model_n_items(m), model_k(m), model_user_factors_const(m), model_n_users(m), 0, VS_DOT);
	model_free(&m);
	params_free(&p);
	ratings_free(&r);
	return 0;
}

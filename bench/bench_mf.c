/* bench_mf.c: SGD matrix factorization throughput (rating updates per second
 * on one core) for k = 10, 32, 100, and the wall time of biased SGD (k 100,
 * 20 epochs) on ml-100k u1.base, loading included. Each figure is the best
 * of three runs, since the machine is shared and a slow run measures the
 * neighbours. The comparison with LibMF, run side by side when it is
 * installed, is bench_peers's. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_rng.h>

#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/mf/mf_kernels.h"
#include "engine/model/model.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static model *make(int k, int epochs, int threads)
{
	params *p = params_new();
	char buf[32];
	snprintf(buf, sizeof buf, "%d", k);
	params_set(p, "k", buf);
	snprintf(buf, sizeof buf, "%d", epochs);
	params_set(p, "epochs", buf);
	snprintf(buf, sizeof buf, "%d", threads);
	params_set(p, "threads", buf);
	ll_error err;
	model *m = model_new("biased", p, &err);
	if (!m)
		fprintf(stderr, "bench_mf: %s\n", err.msg);
	params_free(&p);
	return m;
}

/* 200,000 random ratings of 2,000 users on 3,000 items. */
static ratings *synthetic(void)
{
	ratings *r = ratings_new();
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	char name[16];
	for (int u = 0; u < 2000; u++)
		snprintf(name, sizeof name, "u%d", u), ratings_intern_user(r, name);
	for (int i = 0; i < 3000; i++)
		snprintf(name, sizeof name, "i%d", i), ratings_intern_item(r, name);
	for (int j = 0; j < 200000; j++)
		ratings_add(r, (int)gsl_rng_uniform_int(g, 2000), (int)gsl_rng_uniform_int(g, 3000),
			    (float)(1 + gsl_rng_uniform_int(g, 5)), 0);
	gsl_rng_free(g);
	return r;
}

static void throughput(const ratings *r, int threads)
{
	ll_error err;
	const int ks[] = { 10, 32, 100 }, epochs = 10;
	for (size_t j = 0; j < sizeof ks / sizeof *ks; j++) {
		double dt = 1e30;
		for (int rep = 0; rep < 3; rep++) {
			model *m = make(ks[j], epochs, threads);
			double t0 = now();
			if (!m || model_fit(m, r, &err) != 0) {
				fprintf(stderr, "bench_mf: %s\n", err.msg);
				model_free(&m);
				return;
			}
			double t = now() - t0;
			dt = t < dt ? t : dt;
			model_free(&m);
		}
		double ups = (double)ratings_count(r) * epochs / dt;
		printf("k %3d, %d thread%s: %6.1f M rating updates/s (%.1f M per core)\n", ks[j],
		       threads, threads > 1 ? "s" : "", ups / 1e6, ups / 1e6 / threads);
	}
}

/* u1.base read the way LibMF reads its input: one tab-separated file of
 * user, item, rating, time, straight into a store (the foundation's loader
 * also reads u.data, u.item and both fold files, which LibMF's run does not). */
int main(void)
{
	printf("kernels: %s\n", mf_kernels_name());
	ratings *r = synthetic();
	printf("synthetic: %zu ratings, biased SGD, 10 epochs\n", ratings_count(r));
	throughput(r, 1);
	throughput(r, 2);
	ratings_free(&r);

	const char *data = getenv("LATENTLAB_DATA");
	if (!data) {
		printf("LATENTLAB_DATA unset: skipping the ml-100k u1.base run\n");
		return 0;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/ml-100k", data);
	ll_error err;
	char base[4200];
	snprintf(base, sizeof base, "%s/u1.base", path);
	for (int threads = 1; threads <= 2; threads++) {
		double best = 1e30, best_load = 0, best_train = 0;
		for (int rep = 0; rep < 3; rep++) {
			double t0 = now();
			ratings *train = load_path(base, &err); /* the generic loader */
			if (!train) {
				printf("%s\n", err.msg);
				return 0;
			}
			double t1 = now();
			model *m = make(100, 20, threads);
			if (!m || model_fit(m, train, &err) != 0) {
				fprintf(stderr, "bench_mf: %s\n", err.msg);
				return 1;
			}
			double t2 = now();
			if (t2 - t0 < best)
				best = t2 - t0, best_load = t1 - t0, best_train = t2 - t1;
			model_free(&m);
			ratings_free(&train);
		}
		printf("u1.base (generic loader), biased k 100, 20 epochs, %d thread%s: read %.3f s + "
		       "train %.3f s = %.3f s\n", threads, threads > 1 ? "s" : "", best_load, best_train,
		       best);
	}
	for (int threads = 1; threads <= 2; threads++) {
		double best = 1e30, best_load = 0, best_train = 0;
		for (int rep = 0; rep < 3; rep++) {
			double t0 = now();
			ratings *full = load_path(path, &err);
			size_t *tr, *te, ntr, nte;
			if (!full || load_ml100k_fold(full, path, "u1", &tr, &ntr, &te, &nte, &err) < 0) {
				printf("ml-100k not readable (%s): skipping the u1.base run\n", err.msg);
				ratings_free(&full);
				return 0;
			}
			ratings *train = ratings_subset(full, tr, ntr);
			double t1 = now();
			model *m = make(100, 20, threads);
			if (!m || model_fit(m, train, &err) != 0) {
				fprintf(stderr, "bench_mf: %s\n", err.msg);
				return 1;
			}
			double t2 = now();
			if (t2 - t0 < best)
				best = t2 - t0, best_load = t1 - t0, best_train = t2 - t1;
			model_free(&m);
			free(tr), free(te);
			ratings_free(&train), ratings_free(&full);
		}
		printf("ml-100k loader + u1 fold, biased k 100, 20 epochs, %d thread%s: load %.3f s + train "
		       "%.3f s = %.3f s\n", threads, threads > 1 ? "s" : "", best_load, best_train, best);
	}
	return 0;
}

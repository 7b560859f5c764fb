/* bench_als.c: explicit ALS on ml-100k u1.base: time per sweep (users and
 * items solved once) at k = 10, 50, 100, on one thread and on two, and how
 * it grows with k; the same for implicit ALS at k 50. Best of three runs of
 * one sweep each (the first sweep, initialisation included). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/model/model.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static double per_sweep(const char *algo, const ratings *train, int k, int threads)
{
	params *p = params_new();
	char buf[32];
	snprintf(buf, sizeof buf, "%d", k);
	params_set(p, "k", buf);
	params_set(p, "epochs", "1");
	snprintf(buf, sizeof buf, "%d", threads);
	params_set(p, "threads", buf);
	ll_error err;
	double best = 1e30;
	for (int rep = 0; rep < 3; rep++) { /* best of three on a shared machine */
		model *m = model_new(algo, p, &err);
		double t0 = now();
		if (!m || model_fit(m, train, &err) != 0) {
			fprintf(stderr, "bench_als: %s\n", err.msg);
			model_free(&m);
			params_free(&p);
			return -1;
		}
		double dt = now() - t0;
		best = dt < best ? dt : best;
		model_free(&m);
	}
	params_free(&p);
	return best;
}

int main(void)
{
	const char *data = getenv("LATENTLAB_DATA");
	if (!data) {
		printf("LATENTLAB_DATA unset: skipping (bench_als needs ml-100k)\n");
		return 0;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/ml-100k", data);
	ll_error err;
	ratings *full = load_path(path, &err);
	size_t *tr, *te, ntr, nte;
	if (!full || load_ml100k_fold(full, path, "u1", &tr, &ntr, &te, &nte, &err) < 0) {
		printf("ml-100k not readable (%s): skipping\n", err.msg);
		ratings_free(&full);
		return 0;
	}
	ratings *train = ratings_subset(full, tr, ntr);
	printf("ml-100k u1.base: %zu ratings; ALS time per sweep (users + items)\n", ntr);
	const int ks[] = { 10, 50, 100 };
	double base = 0;
	for (int j = 0; j < 3; j++) {
		double t1 = per_sweep("als", train, ks[j], 1), t2 = per_sweep("als", train, ks[j], 2);
		if (j == 0)
			base = t1;
		printf("als  k %3d: %.4f s per sweep on 1 thread (x%.1f of k 10), %.4f s on 2 threads\n",
		       ks[j], t1, t1 / base, t2);
	}
	printf("ials k  50: %.4f s per sweep on 1 thread\n", per_sweep("ials", train, 50, 1));
	free(tr), free(te);
	ratings_free(&train), ratings_free(&full);
	return 0;
}

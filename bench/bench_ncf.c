/* bench_ncf.c: training speed of the implicit models on ml-1m-part (half of
 * ml-1m, users 1-2999) with 4 negatives per positive, the NCF setting:
 * examples per second and one epoch's wall time (the bar: under 5 s for
 * NeuMF factor 8, layers 64,32,16,8 on a 2-core machine), on 1 and 2
 * threads, and how an epoch grows with the MLP's width.
 *
 * Reads $LATENTLAB_DATA/ml-1m-part; exits 77 when it is not there.
 * Usage: bench_ncf [quick] ("quick" skips the width sweep). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/model/model.h"
#include "engine/nn/ncf.h"
#include "engine/nn/nn.h"

static double clock_s(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }

/* Fit one epoch; returns its wall time, or -1. *cpu gets the CPU time of
 * all threads (on a shared machine the wall time also counts waiting). */
static double epoch(const ratings *r, const char *algo, const char *opts, double *loss,
		    double *cpu)
{
	params *p = params_new();
	ll_error err = { "" };
	char buf[256];
	snprintf(buf, sizeof buf, "epochs=1 neg=4 %s", opts);
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
		params_set_kv(p, w, &err);
	model *m = model_new(algo, p, &err);
	params_free(&p);
	double t0 = now(), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
	if (!m || model_fit(m, r, &err) != 0) {
		fprintf(stderr, "bench_ncf: %s %s: %s\n", algo, opts, err.msg);
		model_free(&m);
		return -1;
	}
	double t = now() - t0;
	*cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
	const double *l;
	if (ncf_history(m, &l, NULL, NULL) > 0)
		*loss = l[0];
	model_free(&m);
	return t;
}

int main(int argc, char **argv)
{
	int quick = argc > 1 && !strcmp(argv[1], "quick");
	const char *data = getenv("LATENTLAB_DATA");
	char path[4096];
	if (!data || !*data) {
		fprintf(stderr, "bench_ncf: LATENTLAB_DATA is not set; skipping\n");
		return 77;
	}
	snprintf(path, sizeof path, "%s/ml-1m-part", data);
	ll_error err = { "" };
	ratings *r = load_path(path, &err);
	if (!r) {
		fprintf(stderr, "bench_ncf: %s; skipping\n", err.msg);
		return 77;
	}
	size_t n_ex = ratings_count(r) * 5;
	printf("ml-1m-part: %d users, %d items, %zu ratings -> %zu examples an epoch "
	       "(4 negatives per positive)\n\n", ratings_n_users(r), ratings_n_items(r),
	       ratings_count(r), n_ex);
	printf("%-7s %-40s %8s %8s %12s %8s\n", "model", "options", "wall s", "cpu s",
	       "examples/s", "loss");
	static const struct { const char *algo, *opts; } runs[] = {
		{ "neumf", "factors=8 layers=64,32,16,8 threads=1" },
		{ "neumf", "factors=8 layers=64,32,16,8 threads=2" },
		{ "gmf", "factors=8 threads=1" },
		{ "mlp", "layers=64,32,16,8 threads=1" },
		{ "logmf", "factors=32" },
		{ "bpr", "factors=32 neg=4" },
	};
	double base = 0, base_cpu = 0;
	for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
		double loss = 0, cpu, t = epoch(r, runs[i].algo, runs[i].opts, &loss, &cpu);
		if (t < 0)
			return 1;
		if (i == 0)
			base = t, base_cpu = cpu;
		printf("%-7s %-40s %8.2f %8.2f %12.0f %8.4f\n", runs[i].algo, runs[i].opts, t, cpu,
		       n_ex / t, loss);
		fflush(stdout);
		if (i == 1)
			printf("        (2 threads: %.2fx the speed of 1)\n", base / t);
	}
	/* the machine is shared: say how busy it was */
	double load = -1;
	FILE *la = fopen("/proc/loadavg", "r");
	if (la) {
		if (fscanf(la, "%lf", &load) != 1)
			load = -1;
		fclose(la);
	}
	printf("\nbar: NeuMF factor 8 under 5 s an epoch: %s (%.2f s wall, %.2f s CPU on 1 thread;\n"
	       "kernels %s; load average %.2f)\n", base < 5 ? "met" : "NOT met", base, base_cpu,
	       nn_kernels_name(), load);
	if (quick) {
		ratings_free(&r);
		return 0;
	}
	printf("\nMLP width (layers 8w,4w,2w,w; 1 thread): an epoch's time as the tower widens\n");
	printf("%4s %-22s %8s %8s %10s %14s %9s\n", "w", "layers", "wall s", "cpu s", "cpu vs w=4",
	       "tower MACs/ex", "MACs vs");
	enum { NW = 4 };
	const int widths[NW] = { 4, 8, 16, 32 };
	double t[NW], c[NW];
	long macs0 = 0;
	for (int i = 0; i < NW; i++) {
		int w = widths[i];
		char opts[128];
		snprintf(opts, sizeof opts, "layers=%d,%d,%d,%d threads=1", 8 * w, 4 * w, 2 * w, w);
		double loss;
		if ((t[i] = epoch(r, "mlp", opts, &loss, &c[i])) < 0)
			return 1;
		/* multiply-adds of the tower's forward pass per example */
		long macs = 8L * w * 4 * w + 4L * w * 2 * w + 2L * w * w + w;
		if (i == 0)
			macs0 = macs;
		printf("%4d %-22s %8.2f %8.2f %9.2fx %14ld %8.1fx\n", w, opts + 7, t[i], c[i],
		       c[i] / c[0], macs, (double)macs / macs0);
		fflush(stdout);
	}
	ratings_free(&r);
	return 0;
}

/* bench_ivf.c: vector search side by side with FAISS on the same vectors
 * (issue 17's IVF and exact-search lines), on a seeded synthetic catalogue
 * of N x 32 (N = 1,000,000, or $LATENTLAB_BENCH_N) and 200 queries drawn
 * from the same clusters:
 *   IVF build       nlist 1000 (about sqrt(N) below a million), 10 k-means
 *                   iterations on 64 sampled points a cell, one thread;
 *   recall@10       at nprobe 1, dot: cells by the inner product (the rule
 *                   the index probes by) and, for comparison, by Euclidean
 *                   distance (the rule before: ivf_opts.assign_l2) and by
 *                   spherical k-means (FAISS's default: ivf_opts.spherical);
 *   exact top-10    the 200 queries at once (vs_topk_batch), and one at a
 *                   time (vs_topk, the first 50);
 *   nprobe 1 q/s    the 200 queries through the index.
 * Each line runs in pairs, latentlab then FAISS (LATENTLAB_BENCH_PAIRS
 * pairs, default 2), and shows the median of the pairs' ratios of wall time
 * and of CPU time (below 1: latentlab is faster). On a loaded machine the wall times wait for the CPU and the CPU
 * times do not: trust the CPU ratio there. FAISS is run as a process,
 * bench/peer_faiss.py under the Python named by $LATENTLAB_PEER_FAISS
 * (Debian: python3-faiss, then /usr/bin/python3); without it the FAISS
 * column says so and latentlab's side is shown alone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "bench/bench_util.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/vectors/vs_kernels.h"
#include "engine/vectors/vsearch.h"

enum { D = 32, NQ = 200, K = 10, ITERS = 10, PER_CELL = 64, NONE = 50, MAX_PAIRS = 9 };

static double cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static int env_int(const char *name, int dflt, int lo, int hi)
{
	const char *p = getenv(name);
	int v = p && *p ? atoi(p) : dflt;
	return v < lo ? lo : v > hi ? hi : v;
}

/* What one side measured in one pair. */
typedef struct side {
	double build_s, build_cpu, recall1, exact_s, exact_cpu;
	double exact1_qps, exact1_cpu, ivf1_qps, ivf1_cpu; /* CPU: seconds for the lot */
} side;

enum { NKEYS = 9 };

/* The peer's "key value" lines; returns how many of the NKEYS it printed,
 * or -1 when it failed. */
static int run_faiss(const char *cmd, side *f)
{
	static const char *keys[NKEYS] = { "build_s", "build_cpu", "recall1", "exact_qps",
					   "exact_cpu", "exact1_qps", "exact1_cpu", "ivf1_qps",
					   "ivf1_cpu" };
	double v[NKEYS] = { 0 };
	int got = 0;
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	char line[512];
	while (fgets(line, sizeof line, p)) {
		char k[64];
		double x;
		if (sscanf(line, "%63s %lf", k, &x) != 2)
			continue;
		for (int j = 0; j < NKEYS; j++)
			if (!strcmp(k, keys[j]))
				v[j] = x, got++;
	}
	if (pclose(p) != 0)
		return -1;
	f->build_s = v[0], f->build_cpu = v[1], f->recall1 = v[2];
	f->exact_s = v[3] > 0 ? NQ / v[3] : 0, f->exact_cpu = v[4];
	f->exact1_qps = v[5], f->exact1_cpu = v[6], f->ivf1_qps = v[7], f->ivf1_cpu = v[8];
	return got;
}

static double recall_at1(const ivf *ix, const float *q, const vs_hit *exact)
{
	vs_hit hits[K];
	double rec = 0;
	for (int j = 0; j < NQ; j++) {
		int got = ivf_search(ix, q + (size_t)j * D, K, 1, hits);
		rec += vs_overlap(exact + (size_t)j * K, K, hits, got) / (double)K;
	}
	return rec / NQ;
}

/* latentlab's side of one pair. */
static int run_ours(const float *x, int n, const float *q, int nlist, const vs_table *t,
		    vs_hit *exact, side *s)
{
	ll_error err;
	vs_hit hits[K];
	double w = bench_now(), c = cpu();
	if (vs_topk_batch(t, VS_DOT, q, NQ, K, exact) < 0)
		return -1;
	s->exact_s = bench_now() - w, s->exact_cpu = cpu() - c;
	w = bench_now(), c = cpu();
	for (int j = 0; j < NONE; j++)
		vs_topk(t, VS_DOT, q + (size_t)j * D, K, NULL, NULL, hits);
	s->exact1_qps = NONE / (bench_now() - w), s->exact1_cpu = cpu() - c;
	ivf_opts o;
	ivf_opts_init(&o);
	o.nlist = nlist, o.iters = ITERS, o.train_size = PER_CELL * nlist, o.seed = 1;
	o.metric = VS_DOT;
	w = bench_now(), c = cpu();
	ivf *ix = ivf_build(x, n, D, &o, &err);
	s->build_s = bench_now() - w, s->build_cpu = cpu() - c;
	if (!ix) {
		fprintf(stderr, "bench_ivf: %s\n", err.msg);
		return -1;
	}
	s->recall1 = recall_at1(ix, q, exact);
	w = bench_now(), c = cpu();
	for (int j = 0; j < NQ; j++)
		ivf_search(ix, q + (size_t)j * D, K, 1, hits);
	s->ivf1_qps = NQ / (bench_now() - w), s->ivf1_cpu = cpu() - c;
	ivf_free(&ix);
	return 0;
}

static void row(const char *work, const char *ours, const char *peer, const char *r_wall,
		const char *r_cpu)
{
	printf("%-42s %-22s %-26s %-9s %s\n", work, ours, peer, r_wall, r_cpu);
}

int main(void)
{
	int n = env_int("LATENTLAB_BENCH_N", 1000000, 1000, 5000000);
	int np = env_int("LATENTLAB_BENCH_PAIRS", 2, 1, MAX_PAIRS);
	int nlist = n >= 1000000 ? 1000 : (int)ceil(sqrt((double)n));
	char la0[64], la1[64];
	bench_loadavg(la0, sizeof la0);
#ifdef _OPENMP
	omp_set_num_threads(1);
#endif
	ll_error err;
	float *all = vs_synthetic(n + NQ, D, 1000, 0.5, 7, &err);
	if (!all) {
		fprintf(stderr, "bench_ivf: %s\n", err.msg);
		return 1;
	}
	const float *q = all + (size_t)n * D;
	vs_table *t = vs_table_new(all, n, D, &err);
	vs_hit *exact = malloc((size_t)NQ * K * sizeof *exact);
	if (!t || !exact) {
		fprintf(stderr, "bench_ivf: out of memory\n");
		return 1;
	}

	/* The vectors for the peer, written once. */
	const char *peer = getenv("LATENTLAB_PEER_FAISS");
	char path[64] = "/tmp/latentlab-ivf-XXXXXX", cmd[1024];
	int have_peer = 0;
	if (peer && *peer) {
		int fd = mkstemp(path);
		FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
		size_t cnt = (size_t)(n + NQ) * D;
		have_peer = f && fwrite(all, sizeof *all, cnt, f) == cnt;
		if (f && fclose(f) != 0)
			have_peer = 0;
		if (fd >= 0 && !f)
			close(fd);
		snprintf(cmd, sizeof cmd, "'%s' '%s/bench/peer_faiss.py' '%s' %d %d %d %d %d %d", peer,
			 LATENTLAB_ABS_SRCDIR, path, n, D, NQ, nlist, ITERS, PER_CELL);
	}

	side ours[MAX_PAIRS], theirs[MAX_PAIRS];
	double r_build[MAX_PAIRS], r_build_cpu[MAX_PAIRS], r_exact[MAX_PAIRS], r_exact_cpu[MAX_PAIRS];
	double r_one[MAX_PAIRS], r_one_cpu[MAX_PAIRS], r_ivf[MAX_PAIRS], r_ivf_cpu[MAX_PAIRS];
	int done = 0, peered = 0;
	for (int j = 0; j < np; j++) {
		if (run_ours(all, n, q, nlist, t, exact, &ours[done]) < 0)
			break;
		if (have_peer) {
			side *f = &theirs[peered];
			if (run_faiss(cmd, f) != NKEYS) {
				fprintf(stderr, "bench_ivf: FAISS failed: %s\n", cmd);
				have_peer = 0;
			} else {
				side *o = &ours[done];
				r_build[peered] = o->build_s / f->build_s;
				r_build_cpu[peered] = o->build_cpu / f->build_cpu;
				r_exact[peered] = o->exact_s / f->exact_s;
				r_exact_cpu[peered] = o->exact_cpu / f->exact_cpu;
				r_one[peered] = f->exact1_qps / o->exact1_qps;
				r_one_cpu[peered] = o->exact1_cpu / f->exact1_cpu;
				r_ivf[peered] = f->ivf1_qps / o->ivf1_qps;
				r_ivf_cpu[peered] = o->ivf1_cpu / f->ivf1_cpu;
				peered++;
			}
		}
		done++;
	}
	if (!done)
		return 1;

	/* Once each: the same k-means work with Euclidean cells (the rule
	 * before) and with spherical k-means (FAISS's). */
	double rec_other[2];
	for (int v = 0; v < 2; v++) {
		ivf_opts o;
		ivf_opts_init(&o);
		o.nlist = nlist, o.iters = ITERS, o.train_size = PER_CELL * nlist, o.seed = 1;
		o.metric = VS_DOT, o.assign_l2 = v == 0, o.spherical = v == 1;
		ivf *ix = ivf_build(all, n, D, &o, &err);
		rec_other[v] = ix ? recall_at1(ix, q, exact) : -1;
		ivf_free(&ix);
	}
	bench_loadavg(la1, sizeof la1);

	/* The last pair's figures, the median of the ratios. */
	side *a = &ours[done - 1], *b = peered ? &theirs[peered - 1] : NULL;
	char work[64], us[64], them[64], rw[16], rc[16];
	const char *missing = peer && *peer ? "failed (see above)" : "missing";
	printf("\nlatentlab against FAISS on %d x %d synthetic vectors, %d queries (%d pair%s, "
	       "median ratio: below 1x latentlab is faster)\n",
	       n, D, NQ, done, done > 1 ? "s" : "");
	printf("kernels: %s; load average %s at the start, %s at the end (2 cores)\n",
	       vs_kernels_select(1) ? "avx2+fma" : "portable C", la0, la1);
	if (!peered)
		printf("FAISS %s: LATENTLAB_PEER_FAISS names a Python with faiss (Debian: apt-get "
		       "install python3-faiss, then /usr/bin/python3); latentlab's side alone\n",
		       peer && *peer ? "failed" : "is not installed or not named");
	printf("\n");
	row("work", "latentlab", "FAISS", "wall", "CPU");

	snprintf(work, sizeof work, "IVF build, nlist %d, 1 thread", nlist);
	snprintf(us, sizeof us, "%.2f s (CPU %.2f)", a->build_s, a->build_cpu);
	snprintf(them, sizeof them, "%.2f s (CPU %.2f)", b ? b->build_s : 0, b ? b->build_cpu : 0);
	snprintf(rw, sizeof rw, "%.2fx", peered ? bench_median(r_build, peered) : 0);
	snprintf(rc, sizeof rc, "%.2fx", peered ? bench_median(r_build_cpu, peered) : 0);
	row(work, us, b ? them : missing, b ? rw : "-", b ? rc : "-");

	snprintf(us, sizeof us, "%.4f", a->recall1);
	snprintf(them, sizeof them, "%.4f", b ? b->recall1 : 0);
	snprintf(rw, sizeof rw, "%+.4f", b ? a->recall1 - b->recall1 : 0);
	row("IVF recall@10, nprobe 1, dot", us, b ? them : missing, b ? rw : "-", "");
	snprintf(us, sizeof us, "%.4f", rec_other[0]);
	row("  cells by Euclidean distance (before)", us, "", "", "");
	snprintf(us, sizeof us, "%.4f", rec_other[1]);
	row("  spherical k-means (FAISS's rule)", us, "", "", "");

	snprintf(us, sizeof us, "%.0f q/s (CPU %.2f s)", NQ / a->exact_s, a->exact_cpu);
	snprintf(them, sizeof them, "%.0f q/s (CPU %.2f s)", b ? NQ / b->exact_s : 0,
		 b ? b->exact_cpu : 0);
	snprintf(rw, sizeof rw, "%.2fx", peered ? bench_median(r_exact, peered) : 0);
	snprintf(rc, sizeof rc, "%.2fx", peered ? bench_median(r_exact_cpu, peered) : 0);
	snprintf(work, sizeof work, "exact top-%d, %d queries at once", K, NQ);
	row(work, us, b ? them : missing, b ? rw : "-", b ? rc : "-");

	snprintf(us, sizeof us, "%.0f q/s", a->exact1_qps);
	snprintf(them, sizeof them, "%.0f q/s", b ? b->exact1_qps : 0);
	snprintf(rw, sizeof rw, "%.2fx", peered ? bench_median(r_one, peered) : 0);
	snprintf(rc, sizeof rc, "%.2fx", peered ? bench_median(r_one_cpu, peered) : 0);
	snprintf(work, sizeof work, "exact top-%d, one query at a time", K);
	row(work, us, b ? them : missing, b ? rw : "-", b ? rc : "-");

	snprintf(us, sizeof us, "%.0f q/s", a->ivf1_qps);
	snprintf(them, sizeof them, "%.0f q/s (all at once)", b ? b->ivf1_qps : 0);
	snprintf(rw, sizeof rw, "%.2fx", peered ? bench_median(r_ivf, peered) : 0);
	snprintf(rc, sizeof rc, "%.2fx", peered ? bench_median(r_ivf_cpu, peered) : 0);
	row("IVF search, nprobe 1", us, b ? them : missing, b ? rw : "-", b ? rc : "-");

	if (peer && *peer)
		remove(path);
	vs_table_free(&t);
	free(exact), free(all);
	return 0;
}

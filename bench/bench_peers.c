/* bench_peers.c: latentlab against its peers on the same work, and the
 * one-screen table of every ratio that closes `make bench`.
 *
 * Each line is measured in pairs, latentlab then the peer, then again
 * (LATENTLAB_BENCH_PAIRS pairs, default 2), and the ratio shown is the
 * median of the pairs' ratios (below 1: latentlab is faster). A peer is
 * found through an environment variable and is never built here; without
 * it the line says "peer not installed" and shows latentlab's side alone:
 *   LATENTLAB_PEER_FAISS     a Python with faiss (Debian: python3-faiss,
 *                            then /usr/bin/python3), runs bench/peer_faiss.py
 *   LATENTLAB_PEER_IMPLICIT  a Python with implicit >= 0.7 (no Debian
 *                            package: built by hand outside the tree, see
 *                            bench/peer_implicit.py), runs that driver
 *   LATENTLAB_PEER_LIBMF     LibMF's mf-train (no Debian package), or
 *   LIBMF_DIR                a folder that holds it (bench_sgd reads the
 *                            same; it times more variants and both sides'
 *                            CPU time and test RMSE)
 * NeuMF's peer is itself on one thread; loading's is `wc -l`. Data from
 * $LATENTLAB_DATA (ml-100k, ml-1m-part); lines whose data is missing say
 * so. The load average is printed beside the table: on a busy machine
 * every ratio is noisier. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/eval/eval.h"
#include "engine/model/model.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/vectors/vsearch.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static void loadavg(char *buf, size_t n)
{
	FILE *f = fopen("/proc/loadavg", "r");
	snprintf(buf, n, "?");
	if (f) {
		double a, b, c;
		if (fscanf(f, "%lf %lf %lf", &a, &b, &c) == 3)
			snprintf(buf, n, "%.2f %.2f %.2f", a, b, c);
		fclose(f);
	}
}

typedef struct row {
	char work[64], ours[32], peer[48], ratio[16], acc[48];
} row;

static row rows[16];
static int n_rows;

static row *add_row(const char *work)
{
	row *r = &rows[n_rows++];
	memset(r, 0, sizeof *r);
	snprintf(r->work, sizeof r->work, "%s", work);
	snprintf(r->ratio, sizeof r->ratio, "-");
	return r;
}

static int pairs(void)
{
	const char *p = getenv("LATENTLAB_BENCH_PAIRS");
	int n = p ? atoi(p) : 2;
	return n < 1 ? 1 : n > 9 ? 9 : n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void set_threads(int t)
{
#ifdef _OPENMP
	omp_set_num_threads(t);
#else
	(void)t;
#endif
}

/* ---- implicit ALS against implicit (leave-one-out HR@10) ---- */

static double ials_ours(const split *s, double *hr)
{
	params *p = params_new();
	ll_error err;
	params_set(p, "k", "100");
	params_set(p, "epochs", "15");
	params_set(p, "threads", "1");
	eval_opts o;
	eval_opts_init(&o);
	eval_result *res = eval_run("ials", p, s, &o, &err);
	params_free(&p);
	if (!res) {
		fprintf(stderr, "bench_peers: ials: %s\n", err.msg);
		return -1;
	}
	double t = res->folds[0].fit_seconds;
	*hr = res->folds[0].rank.hr;
	eval_result_free(&res);
	return t;
}

/* The fold as two files for the peer: train "user item value" lines, and
 * per user "user target neg..." lines. */
static int write_loo(const split *s, const char *train_path, const char *cand_path)
{
	const split_fold *f = split_get(s, 0);
	FILE *a = fopen(train_path, "w"), *b = fopen(cand_path, "w");
	if (!a || !b) {
		if (a)
			fclose(a);
		if (b)
			fclose(b);
		return -1;
	}
	const ll_rating *e = ratings_entries(f->train);
	for (size_t j = 0; j < ratings_count(f->train); j++)
		fprintf(a, "%d %d %g\n", e[j].user, e[j].item, e[j].value);
	const ll_rating *t = ratings_entries(f->test);
	for (size_t j = 0; j < ratings_count(f->test); j++) {
		fprintf(b, "%d %d", t[j].user, t[j].item);
		const int32_t *neg = f->negatives + (size_t)t[j].user * f->n_neg;
		for (int x = 0; x < f->n_neg; x++)
			if (neg[x] >= 0)
				fprintf(b, " %d", neg[x]);
		fputc('\n', b);
	}
	int rc = ferror(a) || ferror(b) ? -1 : 0;
	fclose(a), fclose(b);
	return rc;
}

/* Run a command; its stdout lines "key value" are searched for key. */
static int run_peer(const char *cmd, const char *key, double *value, const char *key2,
		    double *value2, const char *key3, double *value3)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	char line[512];
	int got = 0;
	while (fgets(line, sizeof line, p)) {
		char k[64];
		double v;
		if (sscanf(line, "%63s %lf", k, &v) != 2)
			continue;
		if (key && !strcmp(k, key))
			*value = v, got |= 1;
		if (key2 && !strcmp(k, key2))
			*value2 = v, got |= 2;
		if (key3 && !strcmp(k, key3))
			*value3 = v, got |= 4;
	}
	int rc = pclose(p);
	return rc == 0 ? got : -1;
}

static void bench_ials(const char *data, const char *set)
{
	char work[64], path[4096];
	snprintf(work, sizeof work, "ials k100 15 it %s loo, 1 thread", set);
	row *r = add_row(work);
	snprintf(path, sizeof path, "%s/%s", data, set);
	ll_error err;
	ratings *all = load_path(path, &err);
	split *s = all ? split_loo(all, 99, 1, &err) : NULL;
	if (!s) {
		snprintf(r->ours, sizeof r->ours, "no data");
		ratings_free(&all);
		return;
	}
	const char *peer = getenv("LATENTLAB_PEER_IMPLICIT");
	char tr[64] = "/tmp/latentlab-peer-XXXXXX", cand[80];
	int fd = peer ? mkstemp(tr) : -1;
	snprintf(cand, sizeof cand, "%s.cand", tr);
	if (fd >= 0)
		close(fd);
	int have_peer = fd >= 0 && write_loo(s, tr, cand) == 0;
	double ratio[9], ours = 0, hr = 0, theirs = 0, phr = 0;
	int np = pairs(), done = 0;
	for (int j = 0; j < np; j++) {
		ours = ials_ours(s, &hr);
		if (ours < 0)
			break;
		if (have_peer) {
			char cmd[8400];
			snprintf(cmd, sizeof cmd, "%s '%s/bench/peer_implicit.py' '%s' '%s'", peer,
				 LATENTLAB_ABS_SRCDIR, tr, cand);
			double ig = 0;
			if (run_peer(cmd, "fit_s", &theirs, "hr10", &phr, NULL, &ig) != 3)
				have_peer = 0;
			else
				ratio[done++] = ours / theirs;
		}
	}
	snprintf(r->ours, sizeof r->ours, "%.2f s", ours);
	if (done) {
		snprintf(r->peer, sizeof r->peer, "implicit %.2f s", theirs);
		snprintf(r->ratio, sizeof r->ratio, "%.2fx", median(ratio, done));
		snprintf(r->acc, sizeof r->acc, "HR@10 %.4f / %.4f", hr, phr);
	} else {
		snprintf(r->peer, sizeof r->peer, "%s",
			 peer ? "implicit failed (see above)" : "peer not installed: implicit");
		snprintf(r->acc, sizeof r->acc, "HR@10 %.4f", hr);
	}
	if (fd >= 0)
		remove(tr), remove(cand);
	split_free(&s);
	ratings_free(&all);
}

/* ---- plain SGD against LibMF (whole process: read and train) ---- */

static double sgd_ours(const char *path, int k, double *rmse)
{
	ll_error err;
	double t0 = now();
	ratings *r = load_path(path, &err);
	params *p = params_new();
	char buf[16];
	snprintf(buf, sizeof buf, "%d", k);
	params_set(p, "k", buf);
	params_set(p, "epochs", "20");
	params_set(p, "lr", "0.01");
	params_set(p, "reg", "0.05");
	params_set(p, "shuffle", "1");
	model *m = r ? model_new("sgd", p, &err) : NULL;
	params_free(&p);
	if (!m || model_fit(m, r, &err) != 0) {
		fprintf(stderr, "bench_peers: sgd: %s\n", err.msg);
		model_free(&m);
		ratings_free(&r);
		return -1;
	}
	double t = now() - t0;
	const double *tr, *te;
	int n = model_history(m, &tr, &te);
	*rmse = n ? tr[n - 1] : NAN;
	model_free(&m);
	ratings_free(&r);
	return t;
}

static void bench_sgd(const char *data)
{
	row *r = add_row("sgd k100 20 ep u1.base, whole process");
	char path[4096];
	snprintf(path, sizeof path, "%s/ml-100k/u1.base", data);
	if (access(path, R_OK) != 0) {
		snprintf(r->ours, sizeof r->ours, "no data");
		return;
	}
	const char *peer = getenv("LATENTLAB_PEER_LIBMF"), *dir = getenv("LIBMF_DIR");
	char in_dir[4200];
	if ((!peer || !*peer) && dir && *dir) {
		snprintf(in_dir, sizeof in_dir, "%s/mf-train", dir);
		peer = access(in_dir, X_OK) == 0 ? in_dir : NULL;
	}
	char tr[64] = "/tmp/latentlab-libmf-XXXXXX";
	int fd = peer ? mkstemp(tr) : -1, have_peer = 0;
	if (fd >= 0) {
		/* LibMF reads "user item rating" lines. */
		FILE *in = fopen(path, "r"), *out = fdopen(fd, "w");
		int u, i;
		double v;
		long t;
		while (in && out && fscanf(in, "%d %d %lf %ld", &u, &i, &v, &t) == 4)
			fprintf(out, "%d %d %g\n", u, i, v);
		have_peer = in && out && !ferror(out);
		if (in)
			fclose(in);
		if (out)
			fclose(out);
	}
	double ratio[9], ours = 0, rmse = 0, theirs = 0;
	int np = pairs(), done = 0;
	for (int j = 0; j < np; j++) {
		ours = sgd_ours(path, 100, &rmse);
		if (ours < 0)
			break;
		if (have_peer) {
			char cmd[8400];
			/* LibMF's own rate (0.1, adaptive), as issue 17 measured it. */
			snprintf(cmd, sizeof cmd, "'%s' -k 100 -t 20 -s 1 -l2 0.05 '%s' '%s.model'"
				 " >/dev/null", peer, tr, tr);
			double t0 = now();
			if (system(cmd) != 0)
				have_peer = 0;
			theirs = now() - t0;
			if (have_peer)
				ratio[done++] = ours / theirs;
		}
	}
	snprintf(r->ours, sizeof r->ours, "%.3f s", ours);
	snprintf(r->acc, sizeof r->acc, "train RMSE %.4f", rmse);
	if (done) {
		snprintf(r->peer, sizeof r->peer, "LibMF %.3f s", theirs);
		snprintf(r->ratio, sizeof r->ratio, "%.2fx", median(ratio, done));
	} else {
		snprintf(r->peer, sizeof r->peer, "peer not installed: LibMF");
	}
	if (fd >= 0) {
		char mp[80];
		snprintf(mp, sizeof mp, "%s.model", tr);
		remove(tr), remove(mp);
	}
}

/* ---- NeuMF: two threads against one ---- */

static double neumf_epoch(const ratings *r, int threads)
{
	params *p = params_new();
	ll_error err;
	char buf[8];
	params_set(p, "epochs", "1");
	params_set(p, "neg", "4");
	snprintf(buf, sizeof buf, "%d", threads);
	params_set(p, "threads", buf);
	model *m = model_new("neumf", p, &err);
	params_free(&p);
	double t0 = now();
	if (!m || model_fit(m, r, &err) != 0) {
		fprintf(stderr, "bench_peers: neumf: %s\n", err.msg);
		model_free(&m);
		return -1;
	}
	double t = now() - t0;
	model_free(&m);
	return t;
}

static void bench_ncf(const char *data)
{
	row *r = add_row("NeuMF 1 epoch ml-1m-part, threads=2");
	char path[4096];
	snprintf(path, sizeof path, "%s/ml-1m-part", data);
	ll_error err;
	ratings *all = load_path(path, &err);
	if (!all) {
		snprintf(r->ours, sizeof r->ours, "no data");
		return;
	}
	double ratio[9], two = 0, one = 0;
	int np = pairs(), done = 0;
	for (int j = 0; j < np; j++) {
		two = neumf_epoch(all, 2);
		one = neumf_epoch(all, 1);
		if (two < 0 || one < 0)
			break;
		ratio[done++] = two / one;
	}
	snprintf(r->ours, sizeof r->ours, "%.2f s", two);
	snprintf(r->peer, sizeof r->peer, "itself, 1 thread %.2f s", one);
	if (done)
		snprintf(r->ratio, sizeof r->ratio, "%.2fx", median(ratio, done));
	snprintf(r->acc, sizeof r->acc, "same bits (make check)");
	ratings_free(&all);
}

/* ---- IVF and exact search against FAISS ---- */

enum { VN = 1000000, VD = 32, VQ = 200, NLIST = 1000, ITERS = 10, PER_CELL = 64 };

static void bench_vectors(void)
{
	row *rb = add_row("IVF build 1M x 32, nlist 1000, 1 thread");
	row *rr = add_row("IVF recall@10, nprobe 1, dot");
	row *re = add_row("exact top-10, 200 queries at once");
	ll_error err;
	float *all = vs_synthetic(VN + VQ, VD, 1000, 0.5, 7, &err);
	if (!all) {
		fprintf(stderr, "bench_peers: %s\n", err.msg);
		snprintf(rb->ours, sizeof rb->ours, "no memory");
		return;
	}
	const float *q = all + (size_t)VN * VD;
	const char *peer = getenv("LATENTLAB_PEER_FAISS");
	char path[64] = "/tmp/latentlab-faiss-XXXXXX";
	int fd = peer ? mkstemp(path) : -1, have_peer = 0;
	if (fd >= 0) {
		FILE *f = fdopen(fd, "wb");
		have_peer = f && fwrite(all, sizeof *all, (size_t)(VN + VQ) * VD, f) ==
				     (size_t)(VN + VQ) * VD;
		if (f)
			fclose(f);
	}
	set_threads(1);
	vs_table *t = vs_table_new(all, VN, VD, &err);
	vs_hit *exact = malloc((size_t)VQ * 10 * sizeof *exact), hits[10];
	double rb_ratio[9], re_ratio[9], tb = 0, te = 0, rec = 0, fb = 0, fr = 0, fq = 0;
	int np = pairs(), done = 0;
	for (int j = 0; t && exact && j < np; j++) {
		double t0 = now();
		vs_topk_batch(t, VS_DOT, q, VQ, 10, exact);
		te = now() - t0;
		ivf_opts o;
		ivf_opts_init(&o);
		o.nlist = NLIST, o.iters = ITERS, o.train_size = PER_CELL * NLIST, o.seed = 1;
		o.metric = VS_DOT;
		t0 = now();
		ivf *ix = ivf_build(all, VN, VD, &o, &err);
		tb = now() - t0;
		rec = 0;
		for (int x = 0; ix && x < VQ; x++) {
			int got = ivf_search(ix, q + (size_t)x * VD, 10, 1, hits);
			rec += vs_overlap(exact + (size_t)x * 10, 10, hits, got) / 10.0;
		}
		rec /= VQ;
		ivf_free(&ix);
		if (have_peer) {
			char cmd[8400];
			snprintf(cmd, sizeof cmd, "%s '%s/bench/peer_faiss.py' '%s' %d %d %d %d %d %d", peer,
				 LATENTLAB_ABS_SRCDIR, path, VN, VD, VQ, NLIST, ITERS, PER_CELL);
			if (run_peer(cmd, "build_s", &fb, "recall1", &fr, "exact_qps", &fq) != 7) {
				have_peer = 0;
				continue;
			}
			rb_ratio[done] = tb / fb;
			re_ratio[done] = te / (VQ / fq);
			done++;
		}
	}
	set_threads(2);
	snprintf(rb->ours, sizeof rb->ours, "%.2f s", tb);
	snprintf(rr->ours, sizeof rr->ours, "%.4f", rec);
	snprintf(re->ours, sizeof re->ours, "%.0f q/s", VQ / te);
	if (done) {
		snprintf(rb->peer, sizeof rb->peer, "FAISS %.2f s", fb);
		snprintf(rb->ratio, sizeof rb->ratio, "%.2fx", median(rb_ratio, done));
		snprintf(rr->peer, sizeof rr->peer, "FAISS %.4f", fr);
		snprintf(rr->ratio, sizeof rr->ratio, "%+.4f", rec - fr);
		snprintf(re->peer, sizeof re->peer, "FAISS %.0f q/s", fq);
		snprintf(re->ratio, sizeof re->ratio, "%.2fx", median(re_ratio, done));
	} else {
		const char *why = peer ? "FAISS failed (see above)" : "peer not installed: FAISS";
		snprintf(rb->peer, sizeof rb->peer, "%s", why);
		snprintf(rr->peer, sizeof rr->peer, "%s", why);
		snprintf(re->peer, sizeof re->peer, "%s", why);
	}
	snprintf(rb->acc, sizeof rb->acc, "time ratio");
	snprintf(rr->acc, sizeof rr->acc, "recall difference");
	snprintf(re->acc, sizeof re->acc, "time ratio");
	if (fd >= 0)
		remove(path);
	vs_table_free(&t);
	free(exact), free(all);
}

/* ---- loading against wc -l ---- */

static void bench_load(const char *data)
{
	row *r = add_row("load ml-1m-part ratings.dat");
	char path[4096], cmd[4200];
	snprintf(path, sizeof path, "%s/ml-1m-part/ratings.dat", data);
	if (access(path, R_OK) != 0) {
		snprintf(r->ours, sizeof r->ours, "no data");
		return;
	}
	snprintf(cmd, sizeof cmd, "wc -l '%s' >/dev/null", path);
	double ratio[9], ours = 0, theirs = 0;
	int np = pairs() + 1, done = 0;
	for (int j = 0; j < np; j++) {
		ll_error err;
		double t0 = now();
		ratings *rt = load_path(path, &err);
		ours = now() - t0;
		ratings_free(&rt);
		t0 = now();
		if (system(cmd) != 0)
			break;
		theirs = now() - t0;
		ratio[done++] = ours / theirs;
	}
	snprintf(r->ours, sizeof r->ours, "%.3f s", ours);
	snprintf(r->peer, sizeof r->peer, "wc -l %.3f s", theirs);
	if (done)
		snprintf(r->ratio, sizeof r->ratio, "%.1fx", median(ratio, done));
	snprintf(r->acc, sizeof r->acc, "(wc's time includes a fork)");
}

int main(void)
{
	char la0[64], la1[64];
	loadavg(la0, sizeof la0);
	const char *data = getenv("LATENTLAB_DATA");
	if (data) {
		bench_ials(data, "ml-1m-part");
		bench_ials(data, "ml-100k");
		bench_sgd(data);
		bench_ncf(data);
	}
	bench_vectors();
	if (data)
		bench_load(data);
	loadavg(la1, sizeof la1);
	printf("\nlatentlab against its peers (%d pair%s each, median ratio; below 1x latentlab is "
	       "faster)\nload average %s at the start, %s at the end (2 cores)%s\n\n",
	       pairs(), pairs() > 1 ? "s" : "", la0, la1,
	       data ? "" : "; LATENTLAB_DATA unset: the MovieLens lines are skipped");
	printf("%-40s %-10s %-30s %-8s %s\n", "work", "latentlab", "peer", "ratio", "accuracy");
	for (int j = 0; j < n_rows; j++)
		printf("%-40s %-10s %-30s %-8s %s\n", rows[j].work, rows[j].ours, rows[j].peer,
		       rows[j].ratio, rows[j].acc);
	return 0;
}

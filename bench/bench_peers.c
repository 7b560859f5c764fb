/* bench_peers.c: latentlab against its peers on the same work, and the
 * one-screen table of every ratio that closes `make bench`.
 *
 * The rows, in groups under a line that names the work and the peer:
 *   ials k100 15 iterations, leave-one-out, 1 thread: ml-1m-part, ml-100k
 *   plain sgd (the lecture's rule: lr 0.01, reg 0.05), 20 epochs, whole
 *   process (read the file, then train) against LibMF's mf-train, one
 *   thread, -l2 0.05, at its own rate:
 *     k100 on ml-100k u1.base (train RMSE, as issue 17 measured it);
 *     k200 on ml-1m-part 80/20 (split_holdout, seed 1, both sides read the
 *     same "user item rating" file; test RMSE of both, clipped to the
 *     scale), in a fresh order each epoch (shuffle=1) and in LibMF's
 *     order (bins=20: its default grid of 20 x 20 blocks, visited in a
 *     fresh order, each block's ratings too); each also with loss=during,
 *     the loss of the errors met during the pass, which is what LibMF
 *     computes and prints (equal work; the default loss=after, which
 *     lessons show, costs a pass more)
 *   NeuMF 1 epoch ml-1m-part, threads=2 against itself on 1 thread: with
 *     the cores free, and with both cores held by two processes that spin
 *     until this one kills them (they die with it too); then, still busy,
 *     threads=1 against itself, the control (one run read 1.05x: the
 *     busy rows' resolution)
 *   IVF build, recall@10 and batched exact top-10 on 1M x 32 vectors
 *   loading ml-1m-part's ratings.dat, and a 1M-line file in its format
 *   (issue 17's bar), against `wc -l` (bench_load: also in a fresh process)
 *
 * Each line is measured in pairs, latentlab then the peer, then again
 * (LATENTLAB_BENCH_PAIRS pairs, default 2), and the ratio shown is the
 * median of the pairs' ratios of wall times (below 1: latentlab is faster;
 * the ml-1m-part sgd rows share the LibMF run of their pair). A peer is
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
 *                            CPU time); mf-predict beside it gives LibMF's
 *                            test RMSE
 * NeuMF's peer is itself on one thread; loading's is `wc -l`. Arguments
 * (ials, sgd, ncf, vectors, load) run those parts alone. Data from
 * $LATENTLAB_DATA (ml-100k, ml-1m-part); lines whose data is missing say
 * so. The table fits 80 columns. The load average is printed above it: on
 * a busy machine every ratio is noisier. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/prctl.h>
#endif

#ifdef _OPENMP
#include <omp.h>
#endif

#include "bench/bench_util.h"
#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/data/split.h"
#include "engine/eval/eval.h"
#include "engine/model/model.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/vectors/vsearch.h"

/* A line of the table; a heading (the work and the peer of the rows below
 * it) has its text in work and nothing else. */
typedef struct row {
	char work[80], ours[32], peer[48], ratio[16], acc[48];
	int heading;
} row;

enum { MAX_ROWS = 32 };
static row rows[MAX_ROWS], spare;
static int n_rows;

static row *add_row(const char *work)
{
	row *r = n_rows < MAX_ROWS ? &rows[n_rows++] : &spare;
	memset(r, 0, sizeof *r);
	snprintf(r->work, sizeof r->work, "%s", work);
	snprintf(r->ratio, sizeof r->ratio, "-");
	return r;
}

static void add_heading(const char *text)
{
	add_row(text)->heading = 1;
}

/* The peer column of a line whose peer gave no number. */
static void no_peer(row *r, const char *peer)
{
	snprintf(r->peer, sizeof r->peer, "%s", peer ? "failed, see above" : "peer not installed");
}

static int pairs(void)
{
	const char *p = getenv("LATENTLAB_BENCH_PAIRS");
	int n = p ? atoi(p) : 2;
	return n < 1 ? 1 : n > 9 ? 9 : n;
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
	char path[4096];
	row *r = add_row(set);
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
		snprintf(r->ratio, sizeof r->ratio, "%.2fx", bench_median(ratio, done));
		snprintf(r->acc, sizeof r->acc, "HR %.4f/%.4f", hr, phr);
	} else {
		no_peer(r, peer);
		snprintf(r->acc, sizeof r->acc, "HR %.4f", hr);
	}
	if (fd >= 0)
		remove(tr), remove(cand);
	split_free(&s);
	ratings_free(&all);
}

/* ---- plain SGD against LibMF (whole process: read and train) ---- */

/* RMSE of m, trained on train, on test, matched by names (the two stores
 * come from different files): a pair train never saw is predicted as its
 * mean. Clipped to the scale, as LibMF's side is. */
static double test_rmse_ours(const model *m, const ratings *train, const ratings *test)
{
	const ll_rating *e = ratings_entries(test);
	size_t n = ratings_count(test);
	double s = 0, mean = ratings_mean(train);
	for (size_t j = 0; j < n; j++) {
		int u = ratings_find_user(train, ratings_user_name(test, e[j].user));
		int i = ratings_find_item(train, ratings_item_name(test, e[j].item));
		double p = u >= 0 && i >= 0 ? model_predict_clipped(m, u, i) : mean;
		double d = e[j].value - (isfinite(p) ? p : mean);
		s += d * d;
	}
	return n ? sqrt(s / (double)n) : NAN;
}

/* Read the file and train plain sgd, k, 20 epochs, lr 0.01, reg 0.05,
 * shuffle=1 (loss=during when during; bins=N, LibMF's grid order, when bins
 * > 0); the wall time of both, or -1. *rmse
 * is the last epoch's training loss; with a test store, *test_rmse its
 * RMSE, measured after the clock stops. */
static double sgd_ours(const char *path, int k, int during, int bins, const ratings *test,
		       double *rmse, double *test_rmse)
{
	ll_error err;
	double t0 = bench_now();
	ratings *r = load_path(path, &err);
	params *p = params_new();
	char buf[16];
	snprintf(buf, sizeof buf, "%d", k);
	params_set(p, "k", buf);
	params_set(p, "epochs", "20");
	params_set(p, "lr", "0.01");
	params_set(p, "reg", "0.05");
	params_set(p, "shuffle", "1");
	if (during)
		params_set(p, "loss", "during");
	if (bins > 0) {
		snprintf(buf, sizeof buf, "%d", bins);
		params_set(p, "bins", buf);
	}
	model *m = r ? model_new("sgd", p, &err) : NULL;
	params_free(&p);
	if (!m || model_fit(m, r, &err) != 0) {
		fprintf(stderr, "bench_peers: sgd: %s\n", err.msg);
		model_free(&m);
		ratings_free(&r);
		return -1;
	}
	double t = bench_now() - t0;
	const double *tr, *te;
	int n = model_history(m, &tr, &te);
	*rmse = n ? tr[n - 1] : NAN;
	if (test)
		*test_rmse = test_rmse_ours(m, r, test);
	model_free(&m);
	ratings_free(&r);
	return t;
}

/* LibMF's mf-train: LATENTLAB_PEER_LIBMF, else LIBMF_DIR/mf-train when it
 * is executable; NULL without either. */
static const char *libmf_peer(char *buf, size_t n)
{
	const char *peer = getenv("LATENTLAB_PEER_LIBMF"), *dir = getenv("LIBMF_DIR");
	if (peer && *peer)
		return peer;
	if (!dir || !*dir)
		return NULL;
	snprintf(buf, n, "%s/mf-train", dir);
	return access(buf, X_OK) == 0 ? buf : NULL;
}

/* mf-train on a "user item rating" file, k, 20 iterations, one thread,
 * -l2 0.05 at LibMF's own rate (0.1, adaptive, as issue 17 measured it),
 * its model written to model_path: the process's wall time, or -1. */
static double libmf_train(const char *peer, int k, const char *train, const char *model_path)
{
	char cmd[8600];
	snprintf(cmd, sizeof cmd, "'%s' -k %d -t 20 -s 1 -l2 0.05 '%s' '%s' >/dev/null", peer, k,
		 train, model_path);
	double t0 = bench_now();
	if (system(cmd) != 0) {
		fprintf(stderr, "bench_peers: LibMF: %s failed\n", peer);
		return -1;
	}
	return bench_now() - t0;
}

/* LibMF's RMSE on test (written to test_path as "user item rating" lines,
 * in its order): mf-predict beside mf-train writes an estimate a line to
 * out_path, clipped here to the scale as ours are. NAN without it. */
static double libmf_test_rmse(const char *peer, const ratings *test, const char *test_path,
			      const char *model_path, const char *out_path)
{
	char pred[4200], cmd[13000];
	const char *slash = strrchr(peer, '/');
	snprintf(pred, sizeof pred, "%.*s%smf-predict", slash ? (int)(slash - peer) : 0, peer,
		 slash ? "/" : "");
	if (access(pred, X_OK) != 0)
		return NAN;
	snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' '%s' >/dev/null", pred, test_path, model_path,
		 out_path);
	if (system(cmd) != 0) {
		fprintf(stderr, "bench_peers: LibMF: %s failed\n", pred);
		return NAN;
	}
	FILE *f = fopen(out_path, "r");
	if (!f)
		return NAN;
	const ll_rating *e = ratings_entries(test);
	size_t n = ratings_count(test), j = 0;
	double s = 0, lo = ratings_scale_lo(test), hi = ratings_scale_hi(test), p;
	for (; j < n && fscanf(f, "%lf", &p) == 1; j++) {
		double d = e[j].value - (p < lo ? lo : p > hi ? hi : p);
		s += d * d;
	}
	fclose(f);
	return n && j == n ? sqrt(s / (double)n) : NAN;
}

/* The ratio and peer columns of a LibMF line. */
static void libmf_cells(row *r, const char *peer, double theirs, double *ratio, int done)
{
	if (done) {
		snprintf(r->peer, sizeof r->peer, "LibMF %.3f s", theirs);
		snprintf(r->ratio, sizeof r->ratio, "%.2fx", bench_median(ratio, done));
	} else {
		no_peer(r, peer);
	}
}

static void bench_sgd(const char *data)
{
	row *r = add_row("k100 u1.base");
	char path[4096];
	snprintf(path, sizeof path, "%s/ml-100k/u1.base", data);
	if (access(path, R_OK) != 0) {
		snprintf(r->ours, sizeof r->ours, "no data");
		return;
	}
	char in_dir[4200];
	const char *peer = libmf_peer(in_dir, sizeof in_dir);
	char tr[64] = "/tmp/latentlab-libmf-XXXXXX", mp[80];
	int fd = peer ? mkstemp(tr) : -1, have_peer = 0;
	snprintf(mp, sizeof mp, "%s.model", tr);
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
		ours = sgd_ours(path, 100, 0, 0, NULL, &rmse, NULL);
		if (ours < 0)
			break;
		if (have_peer) {
			theirs = libmf_train(peer, 100, tr, mp);
			if (theirs < 0)
				have_peer = 0;
			else
				ratio[done++] = ours / theirs;
		}
	}
	snprintf(r->ours, sizeof r->ours, "%.3f s", ours);
	snprintf(r->acc, sizeof r->acc, "train RMSE %.4f", rmse);
	libmf_cells(r, peer, theirs, ratio, done);
	if (fd >= 0)
		remove(tr), remove(mp);
}

/* ml-1m-part 80/20, k 200: plain sgd in a fresh order each epoch, then
 * LibMF, then sgd in LibMF's order (its grid of 20 x 20 blocks, bins=20),
 * each with the exact loss after the epoch (the default) and with the loss
 * met during it (loss=during, what LibMF reports), in each pair, all
 * reading the same training file. */
enum { SGD_WAYS = 4 };

static void bench_sgd_1m(const char *data)
{
	static const char *const label[SGD_WAYS] = {
		"k200 ml-1m-part 80/20", "  same, loss=during",
		"  bins=20 (LibMF's)", "  same, loss=during",
	};
	row *rows_of[SGD_WAYS];
	for (int x = 0; x < SGD_WAYS; x++)
		rows_of[x] = add_row(label[x]);
	char path[4096];
	snprintf(path, sizeof path, "%s/ml-1m-part", data);
	ll_error err;
	ratings *all = access(path, R_OK) == 0 ? load_path(path, &err) : NULL;
	split *s = all ? split_holdout(all, 0.2, 1, &err) : NULL;
	const split_fold *f = s ? split_get(s, 0) : NULL;
	char tr[64] = "/tmp/latentlab-libmf-XXXXXX", te[80], mp[80], pp[80];
	int fd = f ? mkstemp(tr) : -1;
	snprintf(te, sizeof te, "%s.test", tr);
	snprintf(mp, sizeof mp, "%s.model", tr);
	snprintf(pp, sizeof pp, "%s.pred", tr);
	if (fd >= 0)
		close(fd);
	if (fd < 0 || bench_write_store(f->train, tr) != 0 || bench_write_store(f->test, te) != 0) {
		for (int x = 0; x < SGD_WAYS; x++)
			snprintf(rows_of[x]->ours, sizeof rows_of[x]->ours, "no data");
		goto out;
	}
	char in_dir[4200];
	const char *peer = libmf_peer(in_dir, sizeof in_dir);
	int have_peer = peer != NULL, np = pairs(), done = 0, failed = 0;
	double ratio[SGD_WAYS][9], times[SGD_WAYS][9], t[SGD_WAYS] = { 0 };
	double te_ours[SGD_WAYS] = { NAN, NAN, NAN, NAN }, theirs = 0, rmse;
	int runs = 0;
	for (int j = 0; j < np && !failed; j++, runs++) {
		for (int x = 0; x < SGD_WAYS; x++) {
			if (x == 2 && have_peer && (theirs = libmf_train(peer, 200, tr, mp)) < 0)
				have_peer = 0;
			times[x][j] = sgd_ours(tr, 200, x % 2, x >= 2 ? 20 : 0, f->test, &rmse,
					       &te_ours[x]);
			failed |= times[x][j] < 0;
		}
		if (have_peer && !failed) {
			for (int x = 0; x < SGD_WAYS; x++)
				ratio[x][done] = times[x][j] / theirs;
			done++;
		}
	}
	double te_lib = done ? libmf_test_rmse(peer, f->test, te, mp, pp) : NAN;
	for (int x = 0; x < SGD_WAYS; x++)
		t[x] = failed ? -1 : bench_median(times[x], runs);
	for (int x = 0; x < SGD_WAYS; x++) {
		row *r = rows_of[x];
		if (t[x] < 0)
			snprintf(r->ours, sizeof r->ours, "failed");
		else
			snprintf(r->ours, sizeof r->ours, "%.3f s", t[x]);
		if (isnan(te_lib))
			snprintf(r->acc, sizeof r->acc, "test RMSE %.4f", te_ours[x]);
		else
			snprintf(r->acc, sizeof r->acc, "test %.4f/%.4f", te_ours[x], te_lib);
		libmf_cells(r, peer, theirs, ratio[x], done);
	}
out:
	if (fd >= 0)
		remove(tr), remove(te), remove(mp), remove(pp);
	split_free(&s);
	ratings_free(&all);
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
	double t0 = bench_now();
	if (!m || model_fit(m, r, &err) != 0) {
		fprintf(stderr, "bench_peers: neumf: %s\n", err.msg);
		model_free(&m);
		return -1;
	}
	double t = bench_now() - t0;
	model_free(&m);
	return t;
}

/* threads=`threads` against threads=1, in pairs, into r; the pairs
 * alternate which goes first (2 1, 1 2, ...), so that a machine that grows
 * busier or quieter during a pair favours neither. threads=1 against
 * itself is the control: how far from 1x the same work reads here. */
static void ncf_pairs(const ratings *all, row *r, int threads)
{
	double ratio[9], two = 0, one = 0;
	int np = pairs(), done = 0;
	for (int j = 0; j < np; j++) {
		if (j % 2 == 0) {
			two = neumf_epoch(all, threads);
			one = neumf_epoch(all, 1);
		} else {
			one = neumf_epoch(all, 1);
			two = neumf_epoch(all, threads);
		}
		if (two < 0 || one < 0)
			break;
		ratio[done++] = two / one;
	}
	if (!done) {
		snprintf(r->ours, sizeof r->ours, "failed");
		return;
	}
	snprintf(r->ours, sizeof r->ours, "%.2f s", two);
	snprintf(r->peer, sizeof r->peer, "1 thread %.2f s", one);
	snprintf(r->ratio, sizeof r->ratio, "%.2fx", bench_median(ratio, done));
	snprintf(r->acc, sizeof r->acc, "same bits (tests)");
}

/* Processes that spin until killed: with one a core, NeuMF's two threads
 * meet a machine that others use. */
enum { N_HOGS = 2 };

static void hogs_stop(pid_t *pid, int n)
{
	for (int j = 0; j < n; j++)
		if (pid[j] > 0)
			kill(pid[j], SIGKILL);
	for (int j = 0; j < n; j++)
		while (pid[j] > 0 && waitpid(pid[j], NULL, 0) < 0 && errno == EINTR)
			continue;
}

/* 0 with n spinning children, or -1 with none left. A child is killed when
 * this thread ends (Linux's PR_SET_PDEATHSIG), so it never outlives the
 * bench, even one killed before hogs_stop. */
static int hogs_start(pid_t *pid, int n)
{
	pid_t parent = getpid();
	fflush(NULL); /* a child must not write the parent's buffers */
	for (int j = 0; j < n; j++) {
		pid[j] = fork();
		if (pid[j] < 0) {
			int e = errno;
			hogs_stop(pid, j);
			errno = e;
			return -1;
		}
		if (pid[j] == 0) {
#ifdef __linux__
			prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
			if (getppid() != parent) /* it ended before prctl */
				_exit(0);
			for (;;)
				continue;
		}
	}
	return 0;
}

static void bench_ncf(const char *data)
{
	row *r = add_row("cores free"), *busy = add_row("both cores busy");
	row *control = add_row("  control: 1 and 1");
	char path[4096];
	snprintf(path, sizeof path, "%s/ml-1m-part", data);
	ll_error err;
	ratings *all = load_path(path, &err);
	if (!all) {
		snprintf(r->ours, sizeof r->ours, "no data");
		snprintf(busy->ours, sizeof busy->ours, "no data");
		snprintf(control->ours, sizeof control->ours, "no data");
		return;
	}
	ncf_pairs(all, r, 2);
	pid_t hog[N_HOGS];
	if (hogs_start(hog, N_HOGS) == 0) {
		ncf_pairs(all, busy, 2);
		ncf_pairs(all, control, 1);
		snprintf(control->acc, sizeof control->acc, "the noise");
		hogs_stop(hog, N_HOGS);
	} else {
		fprintf(stderr, "bench_peers: fork: %s\n", strerror(errno));
		snprintf(busy->ours, sizeof busy->ours, "no fork");
		snprintf(control->ours, sizeof control->ours, "no fork");
	}
	ratings_free(&all);
}

/* ---- IVF and exact search against FAISS ---- */

enum { VN = 1000000, VD = 32, VQ = 200, NLIST = 1000, ITERS = 10, PER_CELL = 64 };

static void bench_vectors(void)
{
	row *rb = add_row("IVF build, nlist 1000");
	row *rr = add_row("recall@10, nprobe 1");
	row *re = add_row("exact top-10 at once");
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
		double t0 = bench_now();
		vs_topk_batch(t, VS_DOT, q, VQ, 10, exact);
		te = bench_now() - t0;
		ivf_opts o;
		ivf_opts_init(&o);
		o.nlist = NLIST, o.iters = ITERS, o.train_size = PER_CELL * NLIST, o.seed = 1;
		o.metric = VS_DOT;
		t0 = bench_now();
		ivf *ix = ivf_build(all, VN, VD, &o, &err);
		tb = bench_now() - t0;
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
		snprintf(rb->ratio, sizeof rb->ratio, "%.2fx", bench_median(rb_ratio, done));
		snprintf(rr->peer, sizeof rr->peer, "FAISS %.4f", fr);
		snprintf(rr->ratio, sizeof rr->ratio, "%+.4f", rec - fr);
		snprintf(re->peer, sizeof re->peer, "FAISS %.0f q/s", fq);
		snprintf(re->ratio, sizeof re->ratio, "%.2fx", bench_median(re_ratio, done));
	} else {
		no_peer(rb, peer);
		no_peer(rr, peer);
		no_peer(re, peer);
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

/* load_path on path (a file or an ml-1m folder) against `wc -l file`, in
 * this process, in pairs. */
static void bench_load_one(const char *label, const char *path, const char *file)
{
	row *r = add_row(label);
	double ratio[10], ours = 0, theirs = 0;
	int np = pairs() + 1, done = 0;
	for (int j = 0; j < np; j++) {
		ll_error err;
		double t0 = bench_now();
		ratings *rt = load_path(path, &err);
		ours = bench_now() - t0;
		if (!rt) {
			fprintf(stderr, "bench_peers: %s\n", err.msg);
			break;
		}
		ratings_free(&rt);
		if ((theirs = bench_time_wc(file)) <= 0)
			break;
		ratio[done++] = ours / theirs;
	}
	snprintf(r->ours, sizeof r->ours, "%.3f s", ours);
	snprintf(r->peer, sizeof r->peer, "wc -l %.3f s", theirs);
	if (done)
		snprintf(r->ratio, sizeof r->ratio, "%.1fx", bench_median(ratio, done));
	snprintf(r->acc, sizeof r->acc, "-");
}

/* An ml-1m folder of LINES lines (issue 17's file): ml-1m-part's ratings
 * again and again, each copy's user ids moved past the last copy's, cut at
 * LINES. 0, or -1 when it cannot be written. */
enum { LOAD_LINES = 1000000 };

static int write_1m(const char *src, const char *dst)
{
	FILE *in = fopen(src, "r"), *out = in ? fopen(dst, "w") : NULL;
	long lines = 0;
	char buf[256];
	for (long shift = 0; in && out && lines < LOAD_LINES; shift += 10000) {
		rewind(in);
		while (lines < LOAD_LINES && fgets(buf, sizeof buf, in)) {
			long u;
			char *rest;
			u = strtol(buf, &rest, 10);
			fprintf(out, "%ld%s", u + shift, rest);
			lines++;
		}
		if (lines == 0)
			break;
	}
	if (in)
		fclose(in);
	int bad = !out || ferror(out) || lines < LOAD_LINES;
	if (out && fclose(out) != 0)
		bad = 1;
	return bad ? -1 : 0;
}

static void bench_load(const char *data)
{
	char path[4096], dir[] = "/tmp/latentlab-load-XXXXXX", big[64];
	snprintf(path, sizeof path, "%s/ml-1m-part/ratings.dat", data);
	if (access(path, R_OK) != 0) {
		snprintf(add_row("ml-1m-part")->ours, sizeof rows[0].ours, "no data");
		return;
	}
	bench_load_one("ml-1m-part (487,650)", path, path);
	if (!mkdtemp(dir))
		return;
	snprintf(big, sizeof big, "%s/ratings.dat", dir);
	if (write_1m(path, big) == 0)
		bench_load_one("1M lines, ml-1m", dir, big);
	remove(big);
	rmdir(dir);
}

/* The parts named on the command line (ials, sgd, ncf, vectors, load), or
 * every part without arguments. */
static int want(int argc, char **argv, const char *part)
{
	if (argc < 2)
		return 1;
	for (int j = 1; j < argc; j++)
		if (!strcmp(argv[j], part))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const parts[] = { "ials", "sgd", "ncf", "vectors", "load" };
	for (int j = 1; j < argc; j++) {
		size_t p = 0;
		while (p < sizeof parts / sizeof *parts && strcmp(argv[j], parts[p]))
			p++;
		if (p == sizeof parts / sizeof *parts) {
			fprintf(stderr, "usage: bench_peers [ials] [sgd] [ncf] [vectors] [load]\n"
				"bench_peers: unknown part '%s'\n", argv[j]);
			return 2;
		}
	}
	char la0[64], la1[64];
	bench_loadavg(la0, sizeof la0);
	const char *data = getenv("LATENTLAB_DATA");
	if (data && want(argc, argv, "ials")) {
		add_heading("ials k100, 15 iterations, 1 thread, leave-one-out HR@10: implicit");
		bench_ials(data, "ml-1m-part");
		bench_ials(data, "ml-100k");
	}
	if (data && want(argc, argv, "sgd")) {
		add_heading("plain sgd, 20 epochs, whole process (read, train): LibMF -l2 0.05");
		bench_sgd(data);
		bench_sgd_1m(data);
	}
	if (data && want(argc, argv, "ncf")) {
		add_heading("NeuMF 1 epoch ml-1m-part, threads=2 against 1 (busy: 2 processes spin)");
		bench_ncf(data);
	}
	if (want(argc, argv, "vectors")) {
		add_heading("IVF and exact search, 1M x 32, dot, 200 queries, 1 thread: FAISS");
		bench_vectors();
	}
	if (data && want(argc, argv, "load")) {
		add_heading("loading ratings.dat in this process: wc -l (fork and exec, no shell)");
		bench_load(data);
	}
	bench_loadavg(la1, sizeof la1);
	/* 80 columns: no line is wider than 79. */
	printf("\nlatentlab against its peers: median of %d pair%s; below 1x latentlab is faster\n"
	       "load average %s at the start, %s at the end (2 cores)\n%s\n",
	       pairs(), pairs() > 1 ? "s" : "", la0, la1,
	       data ? "" : "LATENTLAB_DATA unset: the MovieLens lines are skipped\n");
	printf("%-23s %-9s %-18s %-7s %s\n", "work", "latentlab", "peer", "ratio", "accuracy");
	for (int j = 0; j < n_rows; j++)
		if (rows[j].heading)
			printf("%s\n", rows[j].work);
		else
			printf("  %-21s %-9s %-18s %-7s %s\n", rows[j].work, rows[j].ours,
			       rows[j].peer, rows[j].ratio, rows[j].acc);
	if (data && want(argc, argv, "sgd"))
		printf("loss=during: the loss of the errors met in the pass, as LibMF's (equal\n"
		       "work); bins=20: LibMF's order, its grid of 20 x 20 blocks\n");
	return 0;
}

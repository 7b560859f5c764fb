/* bench_sgd.c: plain SGD (`sgd`, the lecture's rule) against LibMF on the
 * same files, whole process: read the training file, then train.
 *
 *   u1        ml-100k u1.base / u1.test, k 100, 20 epochs (issue 17's row)
 *   1m-part   ml-1m-part's ratings, a seeded 80/20 split (split_holdout,
 *             seed 1), k 200, 20 epochs
 *
 * Both sides read the same "user item rating" files, written here from the
 * data (LibMF's reader takes three numbers a line). Ours runs in this
 * process: load_path on the training file, then sgd with shuffle=1, seed
 * 1, reg 0.05 and lr 0.01 (plain, as bench_peers runs it), then variants:
 * loss=during (the loss summed inside the update pass), bins=8 (the
 * ratings visited block by block, as LibMF's grid), and the adaptive rates
 * at their default lr. LibMF's side is its mf-train run as a process,
 * one thread, -l2 0.05, its default rate 0.1 with its per-vector adaptive
 * rule, 20 iterations; it prints the training RMSE of the errors met in
 * each iteration (as loss=during does) and writes its model as text, which
 * ours does not. LibMF is no Debian package: it is found through LIBMF_DIR
 * (a folder with mf-train and mf-predict built from LibMF's source) or
 * LATENTLAB_PEER_LIBMF (mf-train's path, as bench_peers reads it); without
 * either its lines say so and show no number.
 *
 * Times are measured in pairs, ours then LibMF (LATENTLAB_BENCH_PAIRS pairs,
 * default 5). Each line shows the fastest wall time and the fastest CPU time
 * (ours: this process's; LibMF's: the child's user + system time), and the
 * median of the pairs' ratios of CPU times (below 1x latentlab is faster).
 * CPU time is the steadier figure on a shared machine: a process that waits
 * for a core loses wall time, not CPU time. Accuracy is measured once,
 * outside the timed runs: the training RMSE of the last epoch and the RMSE
 * on the test file, predictions clipped to 1..5 on both sides, a pair the
 * training file never saw predicted as the training mean (LibMF: its
 * mean). The load average is printed beside: on a busy machine every figure
 * is noisier. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench_util.h"
#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/data/split.h"
#include "engine/mf/mf_kernels.h"
#include "engine/model/model.h"

#define MAX_PAIRS 15

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* CPU time of the children waited for so far. */
static double cpu_children(void)
{
	struct rusage u;
	if (getrusage(RUSAGE_CHILDREN, &u) != 0)
		return 0;
	return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec * 1e-6 + (double)u.ru_stime.tv_sec +
	       u.ru_stime.tv_usec * 1e-6;
}

static int pairs(void)
{
	const char *p = getenv("LATENTLAB_BENCH_PAIRS");
	int n = p ? atoi(p) : 5;
	return n < 1 ? 1 : n > MAX_PAIRS ? MAX_PAIRS : n;
}

static double least(const double *v, int n)
{
	double m = v[0];
	for (int j = 1; j < n; j++)
		m = v[j] < m ? v[j] : m;
	return m;
}

/* ---- LibMF, found through the environment ---- */

static char libmf_train[4096], libmf_predict[4096], libmf_missing[4300];

static int executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* 1 when mf-train was found; mf-predict is optional (no test RMSE then). */
static int find_libmf(void)
{
	const char *dir = getenv("LIBMF_DIR"), *train = getenv("LATENTLAB_PEER_LIBMF");
	if (dir && *dir) {
		snprintf(libmf_train, sizeof libmf_train, "%s/mf-train", dir);
		snprintf(libmf_predict, sizeof libmf_predict, "%s/mf-predict", dir);
	} else if (train && *train) {
		snprintf(libmf_train, sizeof libmf_train, "%s", train);
		const char *slash = strrchr(train, '/');
		int len = slash ? (int)(slash - train) : 0;
		snprintf(libmf_predict, sizeof libmf_predict, "%.*s%smf-predict", len, train,
			 slash ? "/" : "");
	} else {
		snprintf(libmf_missing, sizeof libmf_missing,
			 "not installed: set LIBMF_DIR to a folder with LibMF's mf-train (no Debian "
			 "package)");
		return 0;
	}
	if (!executable(libmf_predict))
		libmf_predict[0] = 0;
	if (!executable(libmf_train)) {
		snprintf(libmf_missing, sizeof libmf_missing, "not found: %s is no executable file",
			 libmf_train);
		return 0;
	}
	return 1;
}

/* ---- our side ---- */

typedef struct variant {
	const char *label, *options; /* on top of k, epochs 20, shuffle=1, seed 1 */
} variant;

static const variant variants[] = {
	{ "sgd (plain)", "lr=0.01 reg=0.05" },
	{ "sgd loss=during", "lr=0.01 reg=0.05 loss=during" },
	{ "sgd bins=8", "lr=0.01 reg=0.05 bins=8" },
	{ "  same, loss=during", "lr=0.01 reg=0.05 bins=8 loss=during" },
	{ "sgd adaptive=adagrad", "adaptive=adagrad reg=0.05" },
	{ "  same, reg=0.1", "adaptive=adagrad reg=0.1" },
	{ "sgd adaptive=rpcs", "adaptive=rpcs reg=0.1" },
};
enum { N_VARIANTS = sizeof variants / sizeof *variants };

static model *make_sgd(int k, const variant *v, ll_error *err)
{
	params *p = params_new();
	char buf[16];
	snprintf(buf, sizeof buf, "%d", k);
	params_set(p, "k", buf);
	params_set(p, "epochs", "20");
	params_set(p, "shuffle", "1");
	params_set(p, "seed", "1");
	char opts[128];
	snprintf(opts, sizeof opts, "%s", v->options);
	for (char *w = strtok(opts, " "); w; w = strtok(NULL, " "))
		if (params_set_kv(p, w, err) < 0) {
			params_free(&p);
			return NULL;
		}
	model *m = model_new("sgd", p, err);
	params_free(&p);
	return m;
}

/* Read the file and train; the wall time of both, or -1, and their CPU time
 * in *cpu. *out keeps the model and *store its training ratings when they
 * are not NULL. */
static double ours_run(const char *train_path, int k, const variant *v, model **out,
		       ratings **store, double *cpu, ll_error *err)
{
	double t0 = bench_now(), c0 = cpu_now();
	ratings *r = load_path(train_path, err);
	model *m = r ? make_sgd(k, v, err) : NULL;
	if (!m || model_fit(m, r, err) != 0) {
		model_free(&m);
		ratings_free(&r);
		return -1;
	}
	double t = bench_now() - t0;
	*cpu = cpu_now() - c0;
	if (out)
		*out = m;
	else
		model_free(&m);
	if (store)
		*store = r;
	else
		ratings_free(&r);
	return t;
}

static double clip(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* RMSE on a test file of "user item rating" lines, by the training store's
 * names; a pair it never saw gets the training mean. */
static double ours_test_rmse(const model *m, const ratings *train, const char *test_path)
{
	FILE *f = fopen(test_path, "r");
	if (!f)
		return NAN;
	char u[64], i[64];
	double v, s = 0, mean = ratings_mean(train);
	size_t n = 0;
	while (fscanf(f, "%63s %63s %lf%*[^\n]", u, i, &v) == 3) {
		int uu = ratings_find_user(train, u), ii = ratings_find_item(train, i);
		double p = uu >= 0 && ii >= 0 ? model_predict(m, uu, ii) : NAN;
		double d = v - clip(isfinite(p) ? p : mean, 1, 5);
		s += d * d, n++;
	}
	fclose(f);
	return n ? sqrt(s / (double)n) : NAN;
}

/* ---- LibMF's side ---- */

/* mf-train on the file; the wall time (its CPU time in *cpu), and its last
 * iteration's training RMSE from the lines it prints ("iter tr_rmse obj").
 * -1 when it fails. */
static double libmf_run(const char *train_path, const char *model_path, int k, double *tr_rmse,
			double *cpu)
{
	char cmd[9000];
	snprintf(cmd, sizeof cmd, "'%s' -k %d -t 20 -s 1 -l2 0.05 '%s' '%s'", libmf_train, k,
		 train_path, model_path);
	double t0 = bench_now(), c0 = cpu_children();
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	char line[512];
	*tr_rmse = NAN;
	while (fgets(line, sizeof line, p)) {
		int it;
		double r;
		if (sscanf(line, "%d %lf", &it, &r) == 2)
			*tr_rmse = r;
	}
	int rc = pclose(p);
	double t = bench_now() - t0;
	*cpu = cpu_children() - c0;
	return rc == 0 ? t : -1;
}

/* mf-predict's estimates for the test file, clipped as ours are. */
static double libmf_test_rmse(const char *test_path, const char *model_path, const char *out)
{
	if (!libmf_predict[0])
		return NAN;
	char cmd[13000];
	snprintf(cmd, sizeof cmd, "'%s' '%s' '%s' '%s' >/dev/null", libmf_predict, test_path,
		 model_path, out);
	if (system(cmd) != 0)
		return NAN;
	FILE *t = fopen(test_path, "r"), *e = fopen(out, "r");
	double s = 0;
	size_t n = 0;
	int ok = t && e;
	while (ok) {
		int u, i;
		double v, p;
		if (fscanf(t, "%d %d %lf", &u, &i, &v) != 3)
			break;
		if (fscanf(e, "%lf", &p) != 1) {
			ok = 0;
			break;
		}
		double d = v - clip(p, 1, 5);
		s += d * d, n++;
	}
	if (t)
		fclose(t);
	if (e)
		fclose(e);
	return ok && n ? sqrt(s / (double)n) : NAN;
}

/* ---- the files both sides read ---- */

/* dir/name read by the generic loader, written as three columns to out. */
static int write_file_of(const char *dir, const char *name, const char *out)
{
	char path[4200];
	ll_error err;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ratings *r = load_path(path, &err);
	int rc = r ? bench_write_store(r, out) : -1;
	ratings_free(&r);
	return rc;
}

/* ---- one row: every variant of ours, and LibMF, on one pair of files ---- */

static void bench_row(const char *title, const char *train_path, const char *test_path, int k,
		      int have_libmf, const char *tmp)
{
	int np = pairs();
	printf("\n%s: k %d, 20 epochs, 1 thread, read + train; fastest of %d (wall, CPU)%s\n", title,
	       k, np, have_libmf ? ", median ratio of CPU times to LibMF's in the same pair" : "");
	char model_path[4200], pred_path[4200];
	snprintf(model_path, sizeof model_path, "%s.model", tmp);
	snprintf(pred_path, sizeof pred_path, "%s.pred", tmp);
	double lib_t[MAX_PAIRS], lib_c[MAX_PAIRS], lib_tr = NAN;
	int lib_n = 0;
	for (int v = 0; v < N_VARIANTS; v++) {
		ll_error err;
		double wall[MAX_PAIRS], cpu[MAX_PAIRS], ratio[MAX_PAIRS];
		int done = 0, nr = 0;
		for (int j = 0; j < np; j++) {
			double c, t = ours_run(train_path, k, &variants[v], NULL, NULL, &c, &err);
			if (t < 0)
				break;
			wall[done] = t, cpu[done] = c, done++;
			/* LibMF runs beside the first variant only: its times then
			 * serve every ratio. */
			if (have_libmf && v == 0) {
				double tr, lc, lt = libmf_run(train_path, model_path, k, &tr, &lc);
				if (lt < 0) {
					snprintf(libmf_missing, sizeof libmf_missing,
						 "failed: '%s' did not run to its end", libmf_train);
					have_libmf = 0;
				} else {
					lib_t[lib_n] = lt, lib_c[lib_n] = lc, lib_n++, lib_tr = tr;
				}
			}
			if (lib_n)
				ratio[nr++] = c / lib_c[j < lib_n ? j : lib_n - 1];
		}
		if (!done) {
			printf("  %-22s not run: %s\n", variants[v].label, err.msg);
			continue;
		}
		model *m = NULL;
		ratings *tr = NULL;
		double tr_rmse = NAN, te_rmse = NAN, c;
		if (ours_run(train_path, k, &variants[v], &m, &tr, &c, &err) >= 0) {
			const double *h;
			int n = model_history(m, &h, NULL);
			tr_rmse = n ? h[n - 1] : NAN;
			te_rmse = ours_test_rmse(m, tr, test_path);
		}
		model_free(&m);
		ratings_free(&tr);
		printf("  %-22s %.3f s wall, %.3f s CPU  train RMSE %.4f  test RMSE %.4f",
		       variants[v].label, least(wall, done), least(cpu, done), tr_rmse, te_rmse);
		if (nr)
			printf("  %.2fx LibMF", bench_median(ratio, nr));
		printf("   (%s)\n", variants[v].options);
	}
	if (lib_n) {
		double te = libmf_test_rmse(test_path, model_path, pred_path);
		printf("  %-22s %.3f s wall, %.3f s CPU  train RMSE %.4f  test RMSE %.4f%s\n",
		       "LibMF -l2 0.05", least(lib_t, lib_n), least(lib_c, lib_n), lib_tr, te,
		       libmf_predict[0] ? "" : " (no mf-predict beside mf-train)");
	} else {
		printf("  %-22s %s; no LibMF number is shown\n", "LibMF", libmf_missing);
	}
	remove(model_path), remove(pred_path);
}

int main(void)
{
	char la0[64], la1[64];
	bench_loadavg(la0, sizeof la0);
	printf("bench_sgd: kernels %s, load average %s at the start (2 cores)\n", mf_kernels_name(),
	       la0);
	const char *data = getenv("LATENTLAB_DATA");
	if (!data) {
		printf("LATENTLAB_DATA unset: no MovieLens data, nothing to time\n");
		return 0;
	}
	int have_libmf = find_libmf();
	if (have_libmf)
		printf("LibMF: %s\n", libmf_train);
	char tmp[64] = "/tmp/latentlab-sgd-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0) {
		perror("bench_sgd: mkstemp");
		return 1;
	}
	close(fd);
	char dir[4096], tr[4200], te[4200];

	/* u1: the fold's two files as "user item rating" lines (LibMF's reader
	 * takes three numbers a line: u1.base's fourth, the time, would be read
	 * as the next user). */
	ll_error err = { "" };
	snprintf(dir, sizeof dir, "%s/ml-100k", data);
	snprintf(tr, sizeof tr, "%s.train", tmp);
	snprintf(te, sizeof te, "%s.test", tmp);
	if (write_file_of(dir, "u1.base", tr) == 0 && write_file_of(dir, "u1.test", te) == 0)
		bench_row("ml-100k u1", tr, te, 100, have_libmf, tmp);
	else
		printf("\nml-100k u1: %s/u1.base or u1.test not readable, skipped\n", dir);

	/* ml-1m-part: 80/20 by split_holdout, seed 1, written once. */
	snprintf(dir, sizeof dir, "%s/ml-1m-part", data);
	ratings *all = access(dir, R_OK) == 0 ? load_path(dir, &err) : NULL;
	split *s = all ? split_holdout(all, 0.2, 1, &err) : NULL;
	snprintf(tr, sizeof tr, "%s.train", tmp);
	snprintf(te, sizeof te, "%s.test", tmp);
	if (s && bench_write_store(split_get(s, 0)->train, tr) == 0 &&
	    bench_write_store(split_get(s, 0)->test, te) == 0)
		bench_row("ml-1m-part 80/20", tr, te, 200, have_libmf, tmp);
	else
		printf("\nml-1m-part: not readable or not written, skipped\n");
	remove(tr), remove(te), remove(tmp);
	split_free(&s);
	ratings_free(&all);

	bench_loadavg(la1, sizeof la1);
	printf("\nload average %s at the end\n", la1);
	return 0;
}

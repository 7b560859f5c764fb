/* bench_load.c: how fast the loaders read ratings, side by side with
 * `wc -l` on the same file (issue 17's bar: a 1M-line ml-1m ratings file
 * loaded in at most 5x the time `wc -l` takes to count its lines).
 *
 * Writes 1,000,000-line files (an ml-1m folder's ratings.dat, the same
 * gzip-compressed as a single file when zlib is built in, and a generic CSV
 * with names and half stars), and for each runs, in pairs (latentlab, then
 * wc, LATENTLAB_BENCH_PAIRS pairs, default 5):
 *   warm  load_path in this process, whose allocator has the memory of the
 *         previous loads to give again (a session that loads twice);
 *   cold  load_path in a fresh process (this program executed again, by
 *         /proc/self/exe, with --cold-child), so every page of the store
 *         is new to it, as in one `latentlab stats` run; a child merely
 *         forked would share the parent's heap, whose freed blocks it
 *         would copy page by page instead;
 *   wc    `wc -l FILE` run as a process (fork and exec, no shell): its time
 *         includes starting a process, about a millisecond.
 * It prints the median of each pair's ratio to wc. With $LATENTLAB_DATA it
 * also times the real ml-100k, ml-1m-part and ml-latest-small folders, side
 * files included, against wc -l on their ratings file, and the synthetic
 * generator at 1M ratings. The load average is printed: on a busy machine
 * every ratio is noisier. LATENTLAB_BENCH_SPLIT=never reads every file with
 * one thread (ll_halves_set), to see what the second one brings. */
#include <config.h>

#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_ZLIB
#include <zlib.h>
#endif

#include "bench/bench_util.h"
#include "engine/core/halves.h"
#include "engine/core/lineread.h"
#include "engine/data/load.h"
#include "engine/data/synth.h"

#define LINES 1000000L
#define MAX_PAIRS 15

static int pairs(void)
{
	const char *p = getenv("LATENTLAB_BENCH_PAIRS");
	int n = p ? atoi(p) : 5;
	return n < 1 ? 1 : n > MAX_PAIRS ? MAX_PAIRS : n;
}

/* 6040 users with 165 or 166 ratings each; item (u*7 + j*13) mod 3706 is
 * distinct over j because 13 and 3706 are coprime. kind: 0 ml-1m's
 * "u::i::r::t", 1 a CSV of names and half stars, 2 the ml-1m lines gzipped. */
static int write_file(const char *path, int kind, gsl_rng *rng)
{
	char line[128];
#ifdef HAVE_ZLIB
	gzFile gz = kind == 2 ? gzopen(path, "wb6") : NULL;
	if (kind == 2 && !gz)
		return -1;
#else
	if (kind == 2)
		return -1;
#endif
	FILE *f = kind == 2 ? NULL : fopen(path, "w");
	if (kind != 2 && !f)
		return -1;
	if (kind == 1)
		fputs("user,item,rating,timestamp\n", f);
	long n = 0;
	for (int u = 1; n < LINES; u++)
		for (int j = 0; j < 166 && n < LINES; j++, n++) {
			int item = (u * 7 + j * 13) % 3706 + 1;
			unsigned long t = 956703932ul + gsl_rng_uniform_int(rng, 90000000ul);
			if (kind == 1) {
				fprintf(f, "user %d,movie %d,%.1f,%lu\n", u, item,
					0.5 * (double)(1 + gsl_rng_uniform_int(rng, 10)), t);
				continue;
			}
			int len = snprintf(line, sizeof line, "%d::%d::%lu::%lu\n", u, item,
					   1 + gsl_rng_uniform_int(rng, 5), t);
#ifdef HAVE_ZLIB
			if (gz) {
				gzwrite(gz, line, (unsigned)len);
				continue;
			}
#endif
			fwrite(line, 1, (size_t)len, f);
		}
#ifdef HAVE_ZLIB
	if (gz)
		return gzclose(gz) == Z_OK ? 0 : -1;
#endif
	return fclose(f);
}

/* load_path here; its time, or -1 with the message printed. */
static double time_load(const char *path, size_t *count)
{
	ll_error err = { "" };
	double t0 = bench_now();
	ratings *r = load_path(path, &err);
	double t = bench_now() - t0;
	if (!r) {
		fprintf(stderr, "bench_load: %s\n", err.msg);
		return -1;
	}
	*count = ratings_count(r);
	ratings_free(&r);
	return t;
}

/* load_path in a fresh process: this program run again as
 * "--cold-child PATH FD", which writes its time to the pipe's end FD. */
static double time_cold(const char *path)
{
	int fd[2];
	if (pipe(fd) < 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]), close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		char wfd[16];
		close(fd[0]);
		snprintf(wfd, sizeof wfd, "%d", fd[1]);
		execl("/proc/self/exe", "bench_load", "--cold-child", path, wfd, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	double t = -1;
	if (read(fd[0], &t, sizeof t) != (ssize_t)sizeof t)
		t = -1;
	close(fd[0]);
	int st;
	waitpid(pid, &st, 0);
	return t;
}

/* The fresh process of time_cold. */
static int cold_child(const char *path, const char *wfd)
{
	size_t n;
	double t = time_load(path, &n);
	int fd = atoi(wfd);
	return t >= 0 && write(fd, &t, sizeof t) == (ssize_t)sizeof t ? 0 : 1;
}

/* One line of the table: load `path` (a folder or file) against wc -l on
 * `lines_file`, in pairs. */
static int bench(const char *label, const char *path, const char *lines_file)
{
	double warm[MAX_PAIRS], cold[MAX_PAIRS], wc[MAX_PAIRS];
	double rw[MAX_PAIRS], rc[MAX_PAIRS];
	size_t n = 0;
	int np = pairs();
	if (time_load(path, &n) < 0) /* once first: the file in the page cache */
		return -1;
	for (int k = 0; k < np; k++) {
		warm[k] = time_load(path, &n);
		wc[k] = bench_time_wc(lines_file);
		cold[k] = time_cold(path);
		if (warm[k] < 0 || cold[k] < 0)
			return -1;
		if (wc[k] <= 0) {
			fprintf(stderr, "bench_load: wc -l %s failed\n", lines_file);
			return -1;
		}
		rw[k] = warm[k] / wc[k];
		rc[k] = cold[k] / wc[k];
	}
	double mr_w = bench_median(rw, np), mr_c = bench_median(rc, np);
	printf("%-24s %8zu  %7.4f s %7.4f s %7.4f s  %6.1fx %6.1fx\n", label, n,
	       bench_median(warm, np), bench_median(cold, np), bench_median(wc, np), mr_w, mr_c);
	return 0;
}

int main(int argc, char **argv)
{
	const char *split = getenv("LATENTLAB_BENCH_SPLIT");
	if (split && !strcmp(split, "never"))
		ll_halves_set(LL_HALVES_NEVER);
	if (argc == 4 && !strcmp(argv[1], "--cold-child"))
		return cold_child(argv[2], argv[3]);
	char dir[] = "/tmp/bench_load.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("bench_load: mkdtemp");
		return 1;
	}
	char ml1m[64], generic[64], gz[64], la0[64], la1[64];
	snprintf(ml1m, sizeof ml1m, "%s/ratings.dat", dir);
	snprintf(generic, sizeof generic, "%s/generic.csv", dir);
	snprintf(gz, sizeof gz, "%s/ratings.dat.gz", dir);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 1);
	int rc = 0, have_gz = 0;
	if (write_file(ml1m, 0, rng) < 0 || write_file(generic, 1, rng) < 0) {
		perror("bench_load: writing the test files");
		rc = 1;
	}
	gsl_rng_set(rng, 1);
	have_gz = !rc && write_file(gz, 2, rng) == 0;
	gsl_rng_free(rng);
	bench_loadavg(la0, sizeof la0);
	printf("loading against wc -l on the same file (%d pair%s each, medians; the ratio is\n"
	       "latentlab's time over wc's: warm in this process, cold in a fresh one)\n\n",
	       pairs(), pairs() > 1 ? "s" : "");
	printf("%-24s %8s  %9s %9s %9s  %7s %7s\n", "file", "ratings", "warm", "cold", "wc -l",
	       "warm/wc", "cold/wc");
	if (!rc && (bench("ml-1m ratings.dat (1M)", dir, ml1m) < 0 ||
		    (have_gz && bench("same, gzip -6 (1M)", gz, gz) < 0) ||
		    bench("CSV of names (1M)", generic, generic) < 0))
		rc = 1;
	if (!have_gz && !rc)
		printf("%-24s (latentlab is built without zlib)\n", "same, gzip -6 (1M)");
	unlink(ml1m);
	unlink(generic);
	unlink(gz);
	rmdir(dir);

	const char *data = getenv("LATENTLAB_DATA");
	if (!rc && data && *data) {
		static const char *const sets[][2] = {
			{ "ml-100k", "ml-100k/u.data" },
			{ "ml-1m-part", "ml-1m-part/ratings.dat" },
			{ "ml-latest-small", "ml-latest-small/ratings.csv" },
		};
		for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
			char *p = lr_join(data, sets[s][0]), *f = lr_join(data, sets[s][1]);
			if (p && f && access(f, R_OK) == 0 && bench(sets[s][0], p, f) < 0)
				rc = 1;
			free(p);
			free(f);
		}
	} else if (!rc) {
		printf("(LATENTLAB_DATA unset: the MovieLens folders are skipped)\n");
	}
	bench_loadavg(la1, sizeof la1);
	printf("\nload average %s at the start, %s at the end (2 cores)\n", la0, la1);

	synth_opts o;
	synth_defaults(&o);
	o.users = 6040, o.items = 3706, o.ratings = LINES;
	ll_error err = { "" };
	double t0 = bench_now();
	ratings *r = synth_generate(&o, &err);
	double t = bench_now() - t0;
	if (r)
		printf("%-24s %8zu  %7.4f s\n", "synthetic (generate)", ratings_count(r), t);
	else
		fprintf(stderr, "bench_load: %s\n", err.msg), rc = 1;
	ratings_free(&r);
	return rc;
}

/* bench_load.c: how fast the loaders read ratings, per million lines.
 *
 * Writes two temporary files of 1,000,000 ratings each (an ml-1m style
 * ratings.dat and a generic CSV with names and half stars), loads each three
 * times and prints the best time per million lines, with the ratio to merely
 * reading the same file's lines (the reference run, in the same process).
 * With $LATENTLAB_DATA it also times the real ml-100k and ml-1m-part, and
 * the synthetic generator at 1M ratings. */
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/core/lineread.h"
#include "engine/data/load.h"
#include "engine/data/synth.h"

#define LINES 1000000L
#define REPEAT 3

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* 6040 users with 165 or 166 ratings each; item (u*7 + j*13) mod 3706 is
 * distinct over j because 13 and 3706 are coprime. */
static int write_file(const char *path, int ml1m, gsl_rng *rng)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	if (!ml1m)
		fputs("user,item,rating,timestamp\n", f);
	long n = 0;
	for (int u = 1; n < LINES; u++)
		for (int j = 0; j < 166 && n < LINES; j++, n++) {
			int item = (u * 7 + j * 13) % 3706 + 1;
			unsigned long t = 956703932ul + gsl_rng_uniform_int(rng, 90000000ul);
			if (ml1m)
				fprintf(f, "%d::%d::%lu::%lu\n", u, item,
					1 + gsl_rng_uniform_int(rng, 5), t);
			else
				fprintf(f, "user %d,movie %d,%.1f,%lu\n", u, item,
					0.5 * (double)(1 + gsl_rng_uniform_int(rng, 10)), t);
		}
	return fclose(f);
}

/* The reference: only read the lines. */
static double read_lines(const char *path, long *count)
{
	ll_error err;
	double t0 = now();
	lineread *lr = lineread_open(path, &err);
	char *line;
	size_t len;
	*count = 0;
	while (lr && lineread_next(lr, &line, &len, &err) == 1)
		(*count)++;
	lineread_close(&lr);
	return now() - t0;
}

static int bench(const char *label, const char *path, const char *lines_file)
{
	double best = 1e30, ref = 1e30;
	size_t n = 0;
	long count = 0;
	for (int k = 0; k < REPEAT; k++) {
		ll_error err = { "" };
		double t0 = now();
		ratings *r = load_path(path, &err);
		double t = now() - t0;
		if (!r) {
			fprintf(stderr, "bench_load: %s\n", err.msg);
			return -1;
		}
		n = ratings_count(r);
		ratings_free(&r);
		best = t < best ? t : best;
		double tr = read_lines(lines_file, &count);
		ref = tr < ref ? tr : ref;
	}
	printf("%-22s %9zu ratings  %6.3f s  %6.3f s per million lines  "
	       "%5.1f M lines/s  (%.1fx reading the lines)\n",
	       label, n, best, best * 1e6 / (double)count, (double)count / best / 1e6,
	       best / ref);
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/bench_load.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("bench_load: mkdtemp");
		return 1;
	}
	char ml1m[64], generic[64];
	snprintf(ml1m, sizeof ml1m, "%s/ratings.dat", dir);
	snprintf(generic, sizeof generic, "%s/generic.csv", dir);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 1);
	int rc = 0;
	if (write_file(ml1m, 1, rng) < 0 || write_file(generic, 0, rng) < 0) {
		perror("bench_load: writing the test files");
		rc = 1;
	}
	gsl_rng_free(rng);
	printf("loading 1,000,000-line files, best of %d:\n", REPEAT);
	if (!rc && (bench("ml-1m format", dir, ml1m) < 0 ||
		    bench("generic CSV (names)", generic, generic) < 0))
		rc = 1;
	unlink(ml1m);
	unlink(generic);
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
	}

	synth_opts o;
	synth_defaults(&o);
	o.users = 6040, o.items = 3706, o.ratings = LINES;
	ll_error err = { "" };
	double t0 = now();
	ratings *r = synth_generate(&o, &err);
	double t = now() - t0;
	if (r)
		printf("%-22s %9zu ratings  %6.3f s\n", "synthetic (generate)",
		       ratings_count(r), t);
	else
		fprintf(stderr, "bench_load: %s\n", err.msg), rc = 1;
	ratings_free(&r);
	return rc;
}

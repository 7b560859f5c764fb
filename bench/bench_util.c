/* bench_util.c: see bench_util.h. */
#include "bench/bench_util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double bench_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double bench_median(const double *v, int n)
{
	double *s = malloc((size_t)n * sizeof *s);
	if (!s)
		return v[0];
	memcpy(s, v, (size_t)n * sizeof *s);
	qsort(s, (size_t)n, sizeof *s, cmp_double);
	double m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return m;
}

void bench_loadavg(char *buf, size_t n)
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

double bench_time_wc(const char *path)
{
	fflush(stdout); /* the child must not write the parent's buffer */
	double t0 = bench_now();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null < 0 || dup2(null, STDOUT_FILENO) < 0)
			_exit(127);
		execlp("wc", "wc", "-l", path, (char *)NULL);
		_exit(127);
	}
	int st;
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	return bench_now() - t0;
}

int bench_write_store(const ratings *r, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	const ll_rating *e = ratings_entries(r);
	for (size_t j = 0; j < ratings_count(r); j++)
		fprintf(f, "%s %s %g\n", ratings_user_name(r, e[j].user),
			ratings_item_name(r, e[j].item), e[j].value);
	int bad = ferror(f);
	return fclose(f) != 0 || bad ? -1 : 0;
}

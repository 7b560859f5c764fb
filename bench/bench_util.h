/* bench_util.h: what the side-by-side benches share: the clock, the median
 * of paired ratios, the load average printed beside a table, `wc -l` timed
 * as a process (loading's peer), and a store written for LibMF to read. */
#ifndef LL_BENCH_UTIL_H
#define LL_BENCH_UTIL_H

#include <stddef.h>

#include "engine/data/ratings.h"

/* Seconds on the monotonic clock. */
double bench_now(void);
/* The median of v[0..n), n >= 1; v is left as it was. */
double bench_median(const double *v, int n);
/* "1.00 0.50 0.25" from /proc/loadavg, or "?". */
void bench_loadavg(char *buf, size_t n);
/* `wc -l path` as a process (fork and exec, no shell), its output dropped:
 * its wall time, or -1. */
double bench_time_wc(const char *path);
/* "user item rating" lines of a store, by name (LibMF reads numbers, and
 * MovieLens names are numbers): 0, or -1 when the file cannot be written. */
int bench_write_store(const ratings *r, const char *path);

#endif

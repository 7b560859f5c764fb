/* bench_quant.c: scoring throughput on quantized tables against float32:
 * one query against every row of a 200,000 x 64 table, per precision, in
 * the same process. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "engine/vectors/quant.h"
#include "engine/vectors/vsearch.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void)
{
	enum { N = 200000, D = 64 };
	ll_error err;
	float *x = vs_synthetic(N + 16, D, 100, 0.5, 3, &err);
	float *out = malloc(N * sizeof *out);
	if (!x || !out)
		return 1;
	const float *q = x + (size_t)N * D;
	double base = 0;
	printf("scoring one query against %d rows of %d dims (one thread):\n", N, D);
	for (int p = QUANT_F32; p <= QUANT_INT2; p++)
		for (int sym = 0; sym < (p >= QUANT_INT8 ? 2 : 1); sym++) {
			qtable *t = quant_encode(x, N, D, (quant_prec)p, sym, &err);
			if (!t)
				return 1;
			long reps = 0;
			double t0 = now(), el, chk = 0;
			do {
				quant_scores(t, q + (reps % 16) * D, out);
				chk += out[reps % N];
				reps++;
			} while ((el = now() - t0) < 0.5);
			double rows = (double)reps * N / el;
			if (p == QUANT_F32)
				base = rows;
			printf("  %-4s %-10s %8.1f MiB  %7.1f M rows/s  x%.2f of f32", quant_name(p),
				p < QUANT_INT8 ? "" : sym ? "symmetric" : "asymmetric",
				quant_bytes(t) / 1048576.0, rows / 1e6, rows / base);
			if (p >= QUANT_INT8) {
				/* The query in int8 too: integer products. */
				reps = 0, t0 = now();
				do {
					quant_scores_q8(t, q + (reps % 16) * D, out);
					chk += out[reps % N];
					reps++;
				} while ((el = now() - t0) < 0.5);
				printf("; int8 query %7.1f M rows/s x%.2f", reps * (double)N / el / 1e6,
					reps * (double)N / el / base);
			}
			printf("%s\n", chk == 12345.678 ? "!" : "");
			quant_free(&t);
		}
	free(x), free(out);
	return 0;
}

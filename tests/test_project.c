/* test_project.c: PCA to 2D by hand, stable signs and order under re-runs
 * and under rotated factors, and Procrustes alignment between frames. */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/vectors/project.h"

static void test_line(void)
{
	/* Points on the line t * (1, 1, 0) plus (0, 0, 5): one axis explains
	 * everything; coordinates are t * sqrt(2) minus the mean. */
	float x[] = { -1, -1, 5, 0, 0, 5, 1, 1, 5, 3, 3, 5 };
	double xy[8], ex[2];
	ll_error err;
	CHECK(proj_pca2(x, 4, 3, xy, ex, &err) == 0);
	CHECK_NEAR(ex[0], 1.0, 1e-9);
	CHECK_NEAR(ex[1], 0.0, 1e-9);
	double mean = 0.75 * sqrt(2.0);
	/* The farthest point (t = 3) is on the positive side. */
	CHECK_NEAR(xy[6], 3 * sqrt(2.0) - mean, 1e-6);
	CHECK_NEAR(xy[0], -sqrt(2.0) - mean, 1e-6);
	for (int i = 0; i < 4; i++)
		CHECK_NEAR(xy[2 * i + 1], 0, 1e-6);
	/* Fewer points than dimensions (GSL needs the transpose). */
	float w[] = { 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0 };
	double wxy[6];
	CHECK(proj_pca2(w, 3, 4, wxy, ex, &err) == 0);
	CHECK(ex[0] >= ex[1] && ex[0] > 0);
}

static float *random_table(gsl_rng *g, int n, int k, const double *sd)
{
	float *x = malloc((size_t)n * k * sizeof *x);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < k; j++)
			x[i * k + j] = (float)gsl_ran_gaussian(g, sd[j]);
	return x;
}

static void test_stable(void)
{
	enum { N = 60, K = 5 };
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, 4);
	double sd[K] = { 3, 2, 1, 0.5, 0.2 };
	float *x = random_table(g, N, K, sd);
	double a[2 * N], b[2 * N], c[2 * N];
	ll_error err;
	CHECK(proj_pca2(x, N, K, a, NULL, &err) == 0);
	CHECK(proj_pca2(x, N, K, b, NULL, &err) == 0);
	CHECK(memcmp(a, b, sizeof a) == 0);
	/* The same taste in other coordinates: columns permuted and negated,
	 * as two trainings with different seeds may learn it. */
	float *y = malloc(N * K * sizeof *y);
	int perm[K] = { 3, 0, 4, 1, 2 };
	for (int i = 0; i < N; i++)
		for (int j = 0; j < K; j++)
			y[i * K + j] = (j % 2 ? -1 : 1) * x[i * K + perm[j]];
	CHECK(proj_pca2(y, N, K, c, NULL, &err) == 0);
	double worst = 0;
	for (int i = 0; i < 2 * N; i++)
		worst = fmax(worst, fabs(a[i] - c[i]));
	CHECK(worst < 1e-4);
	free(x), free(y);
	gsl_rng_free(g);
}

static void test_procrustes(void)
{
	enum { N = 40, K = 4 };
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, 5);
	/* Two nearly equal leading variances: PCA alone may turn the picture
	 * by any angle between frames; alignment must undo it. */
	double sd[K] = { 2.0, 1.97, 0.3, 0.1 };
	float *x = random_table(g, N, K, sd);
	ll_error err;
	/* A known rotation plus reflection is recovered. */
	double a[2 * N], b[2 * N], R[4];
	proj_pca2(x, N, K, a, NULL, &err);
	double th = 0.7, T[4] = { cos(th), sin(th), sin(th), -cos(th) };
	for (int i = 0; i < N; i++) {
		b[2 * i] = a[2 * i] * T[0] + a[2 * i + 1] * T[2];
		b[2 * i + 1] = a[2 * i] * T[1] + a[2 * i + 1] * T[3];
	}
	CHECK(proj_procrustes(a, b, N, R, &err) == 0);
	for (int j = 0; j < 4; j++)
		CHECK_NEAR(R[j], T[j], 1e-9);

	/* Frames of slowly drifting factors stay close once aligned. */
	proj *p = proj_new();
	double prev[2 * N], cur[2 * N];
	float *y = malloc(N * K * sizeof *y);
	double max_step = 0, max_raw_step = 0;
	for (int f = 0; f < 12; f++) {
		for (int i = 0; i < N * K; i++)
			y[i] = x[i] + (float)gsl_ran_gaussian(g, 0.02);
		double raw[2 * N];
		CHECK(proj_next(p, y, N, K, cur, NULL, &err) == 0);
		proj_pca2(y, N, K, raw, NULL, &err);
		if (f > 0) {
			double s = 0, sr = 0;
			for (int i = 0; i < 2 * N; i++) {
				s = fmax(s, fabs(cur[i] - prev[i]));
				sr = fmax(sr, fabs(raw[i] - prev[i]));
			}
			max_step = fmax(max_step, s);
			max_raw_step = fmax(max_raw_step, sr);
		}
		memcpy(prev, cur, sizeof cur);
	}
	printf("largest move of a point between frames: aligned %.3f, unaligned %.3f\n", max_step,
		max_raw_step);
	CHECK(max_step < 0.3);
	proj_free(&p);
	CHECK(p == NULL);
	free(x), free(y);
	gsl_rng_free(g);
}

int main(void)
{
	test_line();
	test_stable();
	test_procrustes();
	return check_done();
}

/* test_survey.c: the onboarding survey's greedy D-optimal picks, checked
 * against determinants computed from scratch, and the extra points of a
 * PCA map placed on the axes the others chose. */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>

#include "check.h"
#include "engine/vectors/project.h"
#include "engine/vectors/survey.h"

/* log det(lambda I + sum over picked of q q^T), from scratch by LU. */
static double logdet(const float *q, int k, const int *picked, int n, double lambda)
{
	gsl_matrix *A = gsl_matrix_alloc((size_t)k, (size_t)k);
	gsl_permutation *p = gsl_permutation_alloc((size_t)k);
	gsl_matrix_set_identity(A);
	gsl_matrix_scale(A, lambda);
	for (int t = 0; t < n; t++)
		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++)
				*gsl_matrix_ptr(A, (size_t)i, (size_t)j) +=
					(double)q[picked[t] * k + i] * q[picked[t] * k + j];
	int s;
	gsl_linalg_LU_decomp(A, p, &s);
	double ld = gsl_linalg_LU_lndet(A);
	gsl_matrix_free(A);
	gsl_permutation_free(p);
	return ld;
}

static void test_greedy_is_best_each_round(void)
{
	enum { N = 40, K = 5 };
	float q[N * K];
	unsigned long x = 12345;
	for (int i = 0; i < N * K; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		q[i] = (float)((double)(x >> 33) / (double)(1UL << 31) - 0.5);
	}
	int cand[N];
	for (int i = 0; i < N; i++)
		cand[i] = i;
	survey_pick pk[8];
	ll_error err;
	double lambda = 0.3;
	CHECK(survey_next(q, N, K, cand, N, NULL, 0, NULL, lambda, 8, pk, &err) == 8);
	/* Each pick maximises the determinant among every candidate left, and
	 * its gain is exactly the log-determinant step: log(1 + g). */
	int chosen[8];
	for (int t = 0; t < 8; t++) {
		double base = logdet(q, K, chosen, t, lambda), best = -1e300;
		int bi = -1;
		for (int c = 0; c < N; c++) {
			int used = 0;
			for (int u = 0; u < t; u++)
				used |= chosen[u] == c;
			if (used)
				continue;
			chosen[t] = c;
			double ld = logdet(q, K, chosen, t + 1, lambda);
			if (ld > best + 1e-12)
				best = ld, bi = c;
		}
		CHECK(pk[t].item == bi);
		chosen[t] = pk[t].item;
		CHECK_NEAR(log1p(pk[t].gain), best - base, 1e-6);
		CHECK_NEAR(pk[t].shrink, 1 - 1 / (1 + pk[t].gain), 1e-12);
		if (t)
			CHECK(pk[t].gain <= pk[t - 1].gain + 1e-9); /* diminishing returns */
	}
	/* Rated movies are in A already, skipped ones are never asked: with
	 * the first two picks rated and the third skipped, the next question is
	 * the greedy pick of the rest. */
	unsigned char excl[N] = { 0 };
	excl[pk[2].item] = 1;
	int rated[2] = { pk[0].item, pk[1].item };
	survey_pick again[3];
	CHECK(survey_next(q, N, K, cand, N, rated, 2, excl, lambda, 3, again, &err) == 3);
	for (int t = 0; t < 3; t++)
		CHECK(again[t].item != pk[0].item && again[t].item != pk[1].item &&
		      again[t].item != pk[2].item);
	chosen[0] = pk[0].item, chosen[1] = pk[1].item;
	double base = logdet(q, K, chosen, 2, lambda), best = -1e300;
	int bi = -1;
	for (int c = 0; c < N; c++) {
		if (c == pk[0].item || c == pk[1].item || c == pk[2].item)
			continue;
		chosen[2] = c;
		double ld = logdet(q, K, chosen, 3, lambda);
		if (ld > best + 1e-12)
			best = ld, bi = c;
	}
	CHECK(again[0].item == bi);
	CHECK_NEAR(log1p(again[0].gain), best - base, 1e-6);
	/* The same call gives the same picks. */
	survey_pick twice[3];
	CHECK(survey_next(q, N, K, cand, N, rated, 2, excl, lambda, 3, twice, &err) == 3);
	for (int t = 0; t < 3; t++)
		CHECK(twice[t].item == again[t].item && twice[t].gain == again[t].gain);
	/* Candidates run out: as many picks as there are. */
	int few[3] = { 1, 2, 3 };
	CHECK(survey_next(q, N, K, few, 3, NULL, 0, NULL, lambda, 8, pk, &err) == 3);
	/* Bad calls are errors, not crashes. */
	CHECK(survey_next(q, N, K, cand, N, NULL, 0, NULL, 0, 3, pk, &err) == -1);
	CHECK(survey_next(q, N, 0, cand, N, NULL, 0, NULL, 1, 3, pk, &err) == -1);
	CHECK(survey_prior(q, N, K, cand, N) > 0);
}

static void test_orthogonal_directions(void)
{
	/* Four movies: two along the first axis, one along the second, one
	 * along the third, each of length 1. After asking about the first axis,
	 * a second movie along it gains less than a fresh direction. */
	float q[] = { 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0.9f };
	int cand[] = { 0, 1, 2, 3 };
	survey_pick pk[4];
	ll_error err;
	CHECK(survey_next(q, 4, 3, cand, 4, NULL, 0, NULL, 1.0, 4, pk, &err) == 4);
	CHECK(pk[0].item == 0);            /* the tie goes to the earlier */
	CHECK_NEAR(pk[0].gain, 1.0, 1e-12); /* q^T (I)^-1 q */
	CHECK(pk[1].item == 2);            /* a new direction, not movie 1 */
	CHECK(pk[2].item == 3);
	CHECK(pk[3].item == 1);
	CHECK_NEAR(pk[3].gain, 0.5, 1e-12); /* 1 / (1 + 1): half known already */
}

static void test_extra_points(void)
{
	/* An extra point equal to one of the rows lands exactly where that row
	 * does, in the tall and in the wide case. */
	float x[] = { 1, 2, 0, 3, -1, 1, 0, 0, 2, 2, 2, -2, 5, 1, 1 };
	double xy[10], ex[2], e1[2], e2[2];
	ll_error err;
	CHECK(proj_pca2_extra(x, 5, 3, x + 3, 1, xy, e1, ex, &err) == 0);
	CHECK_NEAR(e1[0], xy[2], 1e-9);
	CHECK_NEAR(e1[1], xy[3], 1e-9);
	double plain[10];
	CHECK(proj_pca2(x, 5, 3, plain, NULL, &err) == 0);
	CHECK(memcmp(plain, xy, sizeof plain) == 0); /* the extras move nothing */
	float w[] = { 1, 0, 2, 0, 1, 0, 3, 1, 0, 2, 0, 1, 1, 1, 1 }; /* 3 rows of 5 */
	double wxy[6];
	CHECK(proj_pca2_extra(w, 3, 5, w + 10, 1, wxy, e2, NULL, &err) == 0);
	CHECK_NEAR(e2[0], wxy[4], 1e-9);
	CHECK_NEAR(e2[1], wxy[5], 1e-9);
}

int main(void)
{
	test_greedy_is_best_each_round();
	test_orthogonal_directions();
	test_extra_points();
	return check_done();
}

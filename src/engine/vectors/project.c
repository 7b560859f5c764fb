/* project.c: PCA to 2D with a sign convention and Procrustes alignment. */
#include "engine/vectors/project.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

struct proj {
	int n;
	double *prev; /* n x 2 */
};

/* Flip each axis so its largest |coordinate| is positive (ties: first);
 * the m extra points (may be 0) follow the same flips. */
static void sign_convention(double *xy, int n, double *extra, int m)
{
	for (int a = 0; a < 2; a++) {
		int best = -1;
		double bv = 0;
		for (int i = 0; i < n; i++)
			if (fabs(xy[2 * i + a]) > bv + 1e-12 * (1 + bv))
				bv = fabs(xy[2 * i + a]), best = i;
		if (best >= 0 && xy[2 * best + a] < 0) {
			for (int i = 0; i < n; i++)
				xy[2 * i + a] = -xy[2 * i + a];
			for (int i = 0; i < m; i++)
				extra[2 * i + a] = -extra[2 * i + a];
		}
	}
}

int proj_pca2(const float *x, int n, int k, double *xy, double *explained, ll_error *err)
{
	return proj_pca2_extra(x, n, k, NULL, 0, xy, NULL, explained, err);
}

int proj_pca2_extra(const float *x, int n, int k, const float *extra, int m, double *xy,
		    double *xy_extra, double *explained, ll_error *err)
{
	if (n < 1 || k < 1)
		return ll_fail(err, "nothing to project (%d x %d)", n, k);
	ll_gsl_quiet();
	/* GSL's SVD needs rows >= columns: decompose the table or its transpose. */
	int tall = n >= k, rows = tall ? n : k, cols = tall ? k : n;
	gsl_matrix *A = gsl_matrix_alloc((size_t)rows, (size_t)cols);
	gsl_matrix *V = gsl_matrix_alloc((size_t)cols, (size_t)cols);
	gsl_vector *S = gsl_vector_alloc((size_t)cols);
	gsl_vector *w = gsl_vector_alloc((size_t)cols);
	double *mean = calloc((size_t)k, sizeof *mean);
	int rc = 0;
	if (!A || !V || !S || !w || !mean) {
		rc = ll_fail(err, "out of memory for PCA of %d x %d", n, k);
		goto out;
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < k; j++)
			mean[j] += x[(size_t)i * k + j];
	for (int j = 0; j < k; j++)
		mean[j] /= n;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < k; j++) {
			double v = x[(size_t)i * k + j] - mean[j];
			if (tall)
				gsl_matrix_set(A, (size_t)i, (size_t)j, v);
			else
				gsl_matrix_set(A, (size_t)j, (size_t)i, v);
		}
	if (gsl_linalg_SV_decomp(A, V, S, w) != GSL_SUCCESS) {
		rc = ll_fail(err, "SVD failed");
		goto out;
	}
	/* Scores: centred x times the axes. Tall: U S (U is in A). Wide: the
	 * axes are columns of U (in A), scores are V S. */
	for (int i = 0; i < n; i++)
		for (int a = 0; a < 2; a++) {
			double s = 0;
			if (a < cols)
				s = (tall ? gsl_matrix_get(A, (size_t)i, (size_t)a)
					  : gsl_matrix_get(V, (size_t)i, (size_t)a)) * gsl_vector_get(S, (size_t)a);
			xy[2 * i + a] = s;
		}
	/* Extra points on the same axes: their centred vectors times the axis
	 * directions (V's columns when tall, U's when wide). */
	for (int i = 0; i < m; i++)
		for (int a = 0; a < 2; a++) {
			double s = 0;
			for (int j = 0; a < cols && j < k; j++) {
				double dir = tall ? gsl_matrix_get(V, (size_t)j, (size_t)a)
						  : gsl_matrix_get(A, (size_t)j, (size_t)a);
				s += (extra[(size_t)i * k + j] - mean[j]) * dir;
			}
			xy_extra[2 * i + a] = s;
		}
	if (explained) {
		double tot = 0;
		for (int j = 0; j < cols; j++)
			tot += gsl_vector_get(S, (size_t)j) * gsl_vector_get(S, (size_t)j);
		for (int a = 0; a < 2; a++)
			explained[a] = a < cols && tot > 0 ?
				gsl_vector_get(S, (size_t)a) * gsl_vector_get(S, (size_t)a) / tot : 0;
	}
	sign_convention(xy, n, xy_extra, m);
out:
	gsl_matrix_free(A);
	gsl_matrix_free(V);
	gsl_vector_free(S);
	gsl_vector_free(w);
	free(mean);
	return rc;
}

int proj_procrustes(const double *a, const double *b, int n, double *R, ll_error *err)
{
	ll_gsl_quiet();
	/* M = a^T b = U S W^T; R = U W^T. */
	gsl_matrix *M = gsl_matrix_calloc(2, 2), *W = gsl_matrix_alloc(2, 2);
	gsl_vector *S = gsl_vector_alloc(2), *w = gsl_vector_alloc(2);
	int rc = 0;
	if (!M || !W || !S || !w) {
		rc = ll_fail(err, "out of memory");
		goto out;
	}
	for (int i = 0; i < n; i++)
		for (int r = 0; r < 2; r++)
			for (int c = 0; c < 2; c++)
				*gsl_matrix_ptr(M, (size_t)r, (size_t)c) += a[2 * i + r] * b[2 * i + c];
	if (gsl_linalg_SV_decomp(M, W, S, w) != GSL_SUCCESS) {
		rc = ll_fail(err, "SVD failed");
		goto out;
	}
	for (int r = 0; r < 2; r++)
		for (int c = 0; c < 2; c++)
			R[2 * r + c] = gsl_matrix_get(M, (size_t)r, 0) * gsl_matrix_get(W, (size_t)c, 0) +
				gsl_matrix_get(M, (size_t)r, 1) * gsl_matrix_get(W, (size_t)c, 1);
out:
	gsl_matrix_free(M);
	gsl_matrix_free(W);
	gsl_vector_free(S);
	gsl_vector_free(w);
	return rc;
}

proj *proj_new(void)
{
	return calloc(1, sizeof(proj));
}

void proj_free(proj **pp)
{
	if (!pp || !*pp)
		return;
	free((*pp)->prev);
	free(*pp);
	*pp = NULL;
}

int proj_next(proj *p, const float *x, int n, int k, double *xy, double *explained, ll_error *err)
{
	if (proj_pca2(x, n, k, xy, explained, err) < 0)
		return -1;
	if (p->prev && p->n == n) {
		double R[4];
		if (proj_procrustes(xy, p->prev, n, R, err) < 0)
			return -1;
		for (int i = 0; i < n; i++) {
			double u = xy[2 * i], v = xy[2 * i + 1];
			xy[2 * i] = u * R[0] + v * R[2];
			xy[2 * i + 1] = u * R[1] + v * R[3];
		}
	} else {
		free(p->prev);
		p->prev = malloc((size_t)n * 2 * sizeof *p->prev);
		if (!p->prev)
			return ll_fail(err, "out of memory");
		p->n = n;
	}
	memcpy(p->prev, xy, (size_t)n * 2 * sizeof *xy);
	return 0;
}

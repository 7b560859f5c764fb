/* mf_foldin.c: the regularized least-squares solve shared by ALS and
 * fold-in, its nonnegative variant (Spark's nonnegative=true), and fold-in
 * itself. */
#include <config.h>

#include "engine/mf/mf_foldin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "engine/mf/mf_impl.h"
#include "engine/mf/mf_kernels.h"

#ifdef LL_HAVE_OPENBLAS
/* The systems here are small (k x k) and the parallelism is over rows:
 * OpenBLAS's own threads would only wait on each other, and inside an
 * OpenMP region (or on a busy machine) they cost 100x. */
void openblas_set_num_threads(int n);

__attribute__((constructor)) static void blas_one_thread(void)
{
	openblas_set_num_threads(1);
}
#endif

size_t mf_ls_ws(int d)
{
	return (size_t)d * (size_t)d + 6 * (size_t)d + 4;
}

/* The normal equations into ws: A (d x d, both triangles) then b (d). */
static void ls_form(const float *Y, int k, int bias, const double *base, const int *rows,
		    const float *w, const float *t, int n, double lambda, double *ws)
{
	int d = k + (bias != 0);
	double *A = ws, *b = ws + (size_t)d * d, *y4 = b + d, *w4 = y4 + 4 * (size_t)d;
	if (base)
		memcpy(A, base, (size_t)d * d * sizeof *A);
	else
		memset(A, 0, (size_t)d * d * sizeof *A);
	memset(b, 0, (size_t)d * sizeof *b);
	/* Rows go in groups of four through the Gram kernel. */
	for (int j0 = 0; j0 < n; j0 += 4) {
		int nr = n - j0 < 4 ? n - j0 : 4;
		for (int r = 0; r < nr; r++) {
			int j = j0 + r;
			const float *yr = Y + (size_t)rows[j] * k;
			double *y = y4 + (size_t)r * d;
			for (int f = 0; f < k; f++)
				y[f] = yr[f];
			if (bias)
				y[k] = 1.0;
			w4[r] = w ? w[j] : 1.0;
			double tj = t[j];
			for (int f = 0; f < d; f++)
				b[f] += tj * y[f];
		}
		mf_gram4(A, d, y4, w4, nr);
	}
	for (int f = 0; f < d; f++) {
		A[(size_t)f * d + f] += lambda;
		for (int g = 0; g < f; g++)
			A[(size_t)g * d + f] = A[(size_t)f * d + g];
	}
}

/* Cholesky solve of the d x d system A x = b in place (A is overwritten). */
static int chol_solve(double *A, double *b, int d, double *x)
{
	gsl_matrix_view Av = gsl_matrix_view_array(A, (size_t)d, (size_t)d);
	gsl_vector_view bv = gsl_vector_view_array(b, (size_t)d);
	gsl_vector_view xv = gsl_vector_view_array(x, (size_t)d);
	if (gsl_linalg_cholesky_decomp1(&Av.matrix) != 0 ||
	    gsl_linalg_cholesky_solve(&Av.matrix, &bv.vector, &xv.vector) != 0)
		return -1;
	for (int f = 0; f < d; f++)
		if (!isfinite(x[f]))
			return -1;
	return 0;
}

int mf_ls_solve(const float *Y, int k, int bias, const double *base, const int *rows,
		const float *w, const float *t, int n, double lambda, double *ws, double *x)
{
	int d = k + (bias != 0);
	ls_form(Y, k, bias, base, rows, w, t, n, lambda, ws);
	return chol_solve(ws, ws + (size_t)d * d, d, x);
}

size_t mf_nnls_ws(int d)
{
	return mf_ls_ws(d) + 2 * (size_t)d * (size_t)d + 5 * (size_t)d;
}

/* Solve the free coordinates (fr[f] != 0) of A x = b with the others held
 * at 0: the subsystem gathered into S and c, solved into zs, spread into z. */
static int solve_free(const double *A, const double *b, int d, const double *fr, double *S,
		      double *c, double *zs, double *z)
{
	int nf = 0;
	for (int f = 0; f < d; f++)
		nf += fr[f] != 0;
	int i = 0;
	for (int f = 0; f < d; f++) {
		if (!fr[f])
			continue;
		int j = 0;
		for (int g = 0; g < d; g++)
			if (fr[g])
				S[(size_t)i * nf + j++] = A[(size_t)f * d + g];
		c[i++] = b[f];
	}
	memset(z, 0, (size_t)d * sizeof *z);
	if (nf == 0)
		return 0;
	if (chol_solve(S, c, nf, zs) < 0)
		return -1;
	i = 0;
	for (int f = 0; f < d; f++)
		if (fr[f])
			z[f] = zs[i++];
	return 0;
}

/* Lawson and Hanson's active set, on the normal equations: minimise
 * x^T A x / 2 - b^T x over x[0..k) >= 0 (the bias, x[k], is free). The
 * coordinates leave 0 one at a time, the one whose gradient is most
 * negative first; a subsystem whose solution crosses 0 is walked back to
 * the crossing and the coordinate that hit 0 is held there. Every step is
 * a fixed sequence of operations on one row's numbers, so the result is
 * the same on any thread. */
static int nnls_active_set(const double *A, const double *b, int k, int d, double *x,
			   double *S, double *z, double *g, double *c, double *zs, double *fr)
{
	double bmax = 0;
	for (int f = 0; f < d; f++)
		if (fabs(b[f]) > bmax)
			bmax = fabs(b[f]);
	const double tol = 1e-12 * (1 + bmax) * d;
	for (int f = 0; f < d; f++)
		fr[f] = f >= k; /* only the bias starts free */
	if (solve_free(A, b, d, fr, S, c, zs, x) < 0)
		return -1;
	/* Each outer step frees one coordinate for good or ends; the inner
	 * walk-backs each hold one more: 3d outer steps is Lawson and Hanson's
	 * bound in practice, the cap only guards against rounding cycles. */
	for (int outer = 0; outer < 3 * d + 3; outer++) {
		int j = -1;
		double gmin = -tol;
		for (int f = 0; f < k; f++) {
			if (fr[f])
				continue;
			double s = -b[f];
			for (int h = 0; h < d; h++)
				s += A[(size_t)f * d + h] * x[h];
			g[f] = s;
			if (s < gmin)
				gmin = s, j = f;
		}
		if (j < 0)
			break; /* KKT: every held coordinate has gradient >= 0 */
		fr[j] = 1;
		for (int inner = 0; inner <= d; inner++) {
			if (solve_free(A, b, d, fr, S, c, zs, z) < 0)
				return -1;
			if (inner == 0 && z[j] <= 0) {
				/* Rounding: the freed coordinate would not move. */
				fr[j] = 0;
				return 0;
			}
			double step = 2;
			int hit = -1;
			for (int f = 0; f < k; f++)
				if (fr[f] && z[f] <= 0) {
					double s = x[f] / (x[f] - z[f]);
					if (s < step)
						step = s, hit = f;
				}
			if (hit < 0) {
				memcpy(x, z, (size_t)d * sizeof *x);
				break;
			}
			for (int f = 0; f < d; f++)
				x[f] += step * (z[f] - x[f]);
			for (int f = 0; f < k; f++)
				if (fr[f] && (f == hit || x[f] <= 0))
					fr[f] = 0, x[f] = 0;
		}
	}
	return 0;
}

int mf_nnls_solve(const float *Y, int k, int bias, const double *base, const int *rows,
		  const float *w, const float *t, int n, double lambda, double *ws, double *x)
{
	int d = k + (bias != 0);
	size_t dd = (size_t)d * d;
	double *A = ws, *b = ws + dd, *A0 = ws + mf_ls_ws(d), *S = A0 + dd;
	double *z = S + dd, *g = z + d, *c = g + d, *zs = c + d, *fr = zs + d;
	ls_form(Y, k, bias, base, rows, w, t, n, lambda, ws);
	memcpy(A0, A, dd * sizeof *A0);
	/* The unconstrained solution first, with mf_ls_solve's operations:
	 * when it is already >= 0 it is the answer, to the bit. */
	if (chol_solve(A, b, d, x) < 0)
		return -1;
	int neg = 0;
	for (int f = 0; f < k; f++)
		neg |= x[f] < 0;
	if (!neg)
		return 0;
	return nnls_active_set(A0, b, k, d, x, S, z, g, c, zs, fr);
}

/* Y^T Y (k x k) of the item factors, for implicit fold-in. */
static void gram(const float *Y, int rows, int k, double *G)
{
	memset(G, 0, (size_t)k * k * sizeof *G);
	for (int i = 0; i < rows; i++) {
		const float *y = Y + (size_t)i * k;
		for (int f = 0; f < k; f++)
			for (int g = 0; g < k; g++)
				G[(size_t)f * k + g] += (double)y[f] * y[g];
	}
}

static int foldin_svd(const mf_model *mf, int n, const int *items, const float *values,
		      float *p_out, float *bias_out, ll_error *err)
{
	const model *m = &mf->base;
	double s = 0;
	for (int j = 0; j < n; j++)
		s += values[j] - mf->mu - mf->bi[items[j]];
	double bu = s / (mf->reg_u + n);
	for (int f = 0; f < m->k; f++) {
		double acc = 0;
		for (int j = 0; j < n; j++)
			acc += (values[j] - mf->mu - bu - mf->bi[items[j]]) *
			       (double)m->Q[(size_t)items[j] * m->k + f];
		p_out[f] = f < mf->n_sigma && mf->sigma[f] > 0 ? (float)(acc / mf->sigma[f]) : 0.0f;
	}
	if (bias_out)
		*bias_out = (float)bu;
	return 0;
}

int mf_nonnegative(const model *m)
{
	const mf_model *mf = mf_cast_const(m);
	if (!mf)
		return 0;
	if (mf->kind == MF_ALS)
		return mf_als_nonnegative(m);
	if (mf->kind == MF_IALS)
		return mf_ials_nonnegative(m);
	return 0;
}

int mf_foldin(const model *m, int n, const int *items, const float *values, double lambda,
	      float *p_out, float *bias_out, ll_error *err)
{
	const mf_model *mf = mf_cast_const(m);
	if (!mf || !m->Q)
		return ll_fail(err, "fold-in needs a trained matrix factorization model");
	for (int j = 0; j < n; j++)
		if (items[j] < 0 || items[j] >= m->n_items)
			return ll_fail(err, "fold-in: item %d is not in the model", items[j]);
	if (mf->kind == MF_SVD)
		return foldin_svd(mf, n, items, values, p_out, bias_out, err);
	int k = m->k, bias = mf->bu != NULL, d = k + bias;
	int implicit = mf->kind == MF_IALS;
	/* A model trained with x >= 0 folds a new user in under the same
	 * constraint (its bias stays free), so the vector is one the model
	 * could have learned. */
	int nonneg = mf_nonnegative(m);
	if (lambda < 0)
		lambda = mf->reg * (mf->reg_weighted ? (n > 0 ? n : 1) : 1);
	size_t nws = nonneg ? mf_nnls_ws(d) : mf_ls_ws(d);
	double *ws = malloc((nws + (size_t)d + (implicit ? (size_t)d * d : 0)) *
			   sizeof *ws);
	float *t = malloc(((size_t)n + 1) * sizeof *t), *w = malloc(((size_t)n + 1) * sizeof *w);
	int rc = -1;
	if (!ws || !t || !w) {
		ll_fail(err, "out of memory");
		goto out;
	}
	double *x = ws + nws, *base = NULL;
	for (int j = 0; j < n; j++) {
		if (implicit) {
			w[j] = (float)(mf->alpha * values[j]);
			t[j] = 1.0f + w[j];
		} else {
			t[j] = values[j] - (bias ? (float)mf->mu + mf->bi[items[j]] : 0.0f);
		}
	}
	if (implicit) {
		base = x + d;
		gram(m->Q, m->n_items, k, base);
	}
	if ((nonneg ? mf_nnls_solve : mf_ls_solve)(m->Q, k, bias, base, items,
						   implicit ? w : NULL, t, n, lambda, ws, x) < 0) {
		ll_fail(err, "fold-in: the system is singular (give more ratings or lambda > 0)");
		goto out;
	}
	for (int f = 0; f < k; f++)
		p_out[f] = (float)x[f];
	if (bias_out)
		*bias_out = bias ? (float)x[k] : 0.0f;
	rc = 0;
out:
	free(ws), free(t), free(w);
	return rc;
}

double mf_foldin_predict(const model *m, const float *p, float bias, int item)
{
	const mf_model *mf = mf_cast_const(m);
	if (!mf || !m->Q || item < 0 || item >= m->n_items)
		return NAN;
	double s = 0;
	for (int f = 0; f < m->k; f++)
		s += (double)p[f] * m->Q[(size_t)item * m->k + f];
	if (mf->bu)
		s += mf->mu + bias + mf->bi[item];
	return s;
}

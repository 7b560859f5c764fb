/* mf_foldin.c: the regularized least-squares solve shared by ALS and
 * fold-in, and fold-in itself. */
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

int mf_ls_solve(const float *Y, int k, int bias, const double *base, const int *rows,
		const float *w, const float *t, int n, double lambda, double *ws, double *x)
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
	if (lambda < 0)
		lambda = mf->reg * (mf->reg_weighted ? (n > 0 ? n : 1) : 1);
	double *ws = malloc((mf_ls_ws(d) + (size_t)d + (implicit ? (size_t)d * d : 0)) *
			   sizeof *ws);
	float *t = malloc(((size_t)n + 1) * sizeof *t), *w = malloc(((size_t)n + 1) * sizeof *w);
	int rc = -1;
	if (!ws || !t || !w) {
		ll_fail(err, "out of memory");
		goto out;
	}
	double *x = ws + mf_ls_ws(d), *base = NULL;
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
	if (mf_ls_solve(m->Q, k, bias, base, items, implicit ? w : NULL, t, n, lambda, ws, x) < 0) {
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

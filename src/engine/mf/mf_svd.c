/* mf_svd.c: truncated SVD of the baseline-centred rating matrix.
 *
 * The matrix is A[u][i] = r - (mu + b_u + b_i) where rated, 0 elsewhere, with
 * BaselineOnly-style biases (alternating shrunk means: reg_i 10, reg_u 15,
 * 10 rounds). A keeps its k largest singular values: A ~ U_k S_k V_k^T, and
 * the model stores P = U_k S_k^1/2, Q = V_k S_k^1/2, so the estimate is
 * mu + b_u + b_i + p_u . q_i like the other MF models.
 *
 * Method: a randomized range finder with power iterations (Halko, Martinsson
 * and Tropp 2011) on the sparse matrix, then GSL's SVD of the small
 * (k + oversample)-column projection. Why not gsl_linalg_SV_decomp on the
 * dense matrix: it needs rows >= columns (so the transpose at ml-100k), and
 * its cost grows as m n^2: many seconds at ml-100k and 180 MB of doubles at
 * ml-1m, while the sparse route costs a few products with the nnz ratings
 * plus Gram-Schmidt on (k + oversample) columns: 0.05 s at ml-100k (k 20),
 * 0.75 s on ml-1m-part (3,000 x 3,600, k 50). When k + oversample reaches
 * the smaller dimension the range is the whole space and the result is the
 * exact SVD. The energy identity ||A - A_k||^2 = ||A||^2 - sum_{j<=k} s_j^2
 * holds exactly for the computed factors either way.
 *
 * Defaults: power=20 oversample=30 up to k=50: at k=20 the residual bound
 * below proves every value at two decimals on ml-100k (within 0.0031) and
 * ml-latest-small (0.0001), in 0.4 s and 1.1 s of CPU, where power=4
 * oversample=10 printed sigma_20 2.6% low (power=16 oversample=20 matched
 * at two decimals but proved only 0.07 on ml-100k); beyond k=50, power=4
 * oversample=10 (the products grow with k). Either way the fit measures each pair's residual
 * (one more product), so a screen can say whether its decimals are proven. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>

#include "engine/mf/mf.h"
#include "engine/model/baseline.h"
#include "engine/mf/mf_impl.h"

typedef struct svd_model {
	mf_model mf;
	int oversample, power, baseline_rounds;
	double reg_i;
	double total_energy;
	double bound;          /* mf_spectrum_bound; NaN when unknown */
	int exact;
} svd_model;

/* The biases the SVD centres on (baseline.h), kept as the model's own so
 * that predictions and fold-in add them back. */
static int baseline(svd_model *s, const ratings *train, ll_error *err)
{
	mf_model *mf = &s->mf;
	model *m = &mf->base;
	double *bu = malloc(((size_t)m->n_users + 1) * sizeof *bu);
	double *bi = malloc(((size_t)m->n_items + 1) * sizeof *bi);
	if (!bu || !bi) {
		free(bu), free(bi);
		return ll_fail(err, "out of memory");
	}
	mf->mu = baseline_als(train, s->baseline_rounds, mf->reg_u, s->reg_i, bu, bi);
	for (int u = 0; u < m->n_users; u++)
		mf->bu[u] = (float)bu[u];
	for (int i = 0; i < m->n_items; i++)
		mf->bi[i] = (float)bi[i];
	free(bu), free(bi);
	return 0;
}

/* Orthonormalize the l columns (each of length n, column-major) by
 * modified Gram-Schmidt, twice for stability. A column that vanishes (the
 * range is smaller than l) becomes zero. */
static void orthonormalize(double *X, size_t n, int l)
{
	for (int c = 0; c < l; c++) {
		double *xc = X + (size_t)c * n;
		for (int pass = 0; pass < 2; pass++)
			for (int j = 0; j < c; j++) {
				const double *xj = X + (size_t)j * n;
				double d = 0;
				for (size_t r = 0; r < n; r++)
					d += xc[r] * xj[r];
				for (size_t r = 0; r < n; r++)
					xc[r] -= d * xj[r];
			}
		double nrm = 0;
		for (size_t r = 0; r < n; r++)
			nrm += xc[r] * xc[r];
		nrm = sqrt(nrm);
		for (size_t r = 0; r < n; r++)
			xc[r] = nrm > 1e-12 ? xc[r] / nrm : 0.0;
	}
}

/* out (m x l, column-major) = A X (X: n x l) when forward, else
 * out (n x l) = A^T X (X: m x l). a[] holds the centred values. The sums run
 * on row-major copies (tmp_in, tmp_out) so each rating touches contiguous
 * memory. */
static void product(const ll_rating *e, const double *a, size_t nnz, int forward,
		    const double *X, size_t n_in, double *out, size_t n_out, int l,
		    double *tmp_in, double *tmp_out)
{
	for (size_t r = 0; r < n_in; r++)
		for (int c = 0; c < l; c++)
			tmp_in[r * l + c] = X[(size_t)c * n_in + r];
	memset(tmp_out, 0, (size_t)l * n_out * sizeof *tmp_out);
	for (size_t j = 0; j < nnz; j++) {
		size_t row = forward ? (size_t)e[j].user : (size_t)e[j].item;
		size_t col = forward ? (size_t)e[j].item : (size_t)e[j].user;
		double *o = tmp_out + row * l;
		const double *x = tmp_in + col * l, v = a[j];
		for (int c = 0; c < l; c++)
			o[c] += v * x[c];
	}
	for (size_t r = 0; r < n_out; r++)
		for (int c = 0; c < l; c++)
			out[(size_t)c * n_out + r] = tmp_out[r * l + c];
}

static int svd_fit(model *m, const ratings *train, ll_error *err)
{
	svd_model *s = (svd_model *)m;
	mf_model *mf = &s->mf;
	int k = m->k;
	model_init_shape(m, train);
	size_t nu = (size_t)m->n_users, ni = (size_t)m->n_items, nnz = ratings_count(train);
	int mn = (int)(nu < ni ? nu : ni);
	if (mn == 0 || nnz == 0)
		return ll_fail(err, "svd: no ratings to decompose");
	if (k > mn)
		return ll_fail(err, "svd: k=%d is more than the matrix allows (%d)", k, mn);
	if (model_alloc_factors(m, k, err) < 0 || mf_alloc_biases(mf, err) < 0)
		return -1;
	if (baseline(s, train, err) < 0)
		return -1;
	int l = k + s->oversample < mn ? k + s->oversample : mn;
	const ll_rating *e = ratings_entries(train);
	double *a = malloc(nnz * sizeof *a);
	double *Y = malloc((size_t)l * nu * sizeof *Y), *Z = malloc((size_t)l * ni * sizeof *Z);
	gsl_matrix *Bt = gsl_matrix_alloc(ni, (size_t)l), *V = gsl_matrix_alloc((size_t)l, (size_t)l);
	gsl_vector *S = gsl_vector_alloc((size_t)l), *work = gsl_vector_alloc((size_t)l);
	double *sigma = malloc((size_t)k * sizeof *sigma);
	size_t big = nu > ni ? nu : ni;
	double *t1 = malloc((size_t)l * big * sizeof *t1), *t2 = malloc((size_t)l * big * sizeof *t2);
	int rc = -1;
	if (!a || !Y || !Z || !Bt || !V || !S || !work || !sigma || !t1 || !t2) {
		ll_fail(err, "out of memory for the SVD (%zu x %d)", nu + ni, l);
		goto out;
	}
	s->total_energy = 0;
	for (size_t j = 0; j < nnz; j++) {
		a[j] = e[j].value - mf->mu - mf->bu[e[j].user] - mf->bi[e[j].item];
		s->total_energy += a[j] * a[j];
	}
	gsl_rng_set(mf->rng, mf->seed);
	for (size_t j = 0; j < (size_t)l * ni; j++)
		Z[j] = gsl_ran_gaussian_ziggurat(mf->rng, 1.0);
	product(e, a, nnz, 1, Z, ni, Y, nu, l, t1, t2);
	orthonormalize(Y, nu, l);
	for (int it = 0; it < s->power; it++) {
		product(e, a, nnz, 0, Y, nu, Z, ni, l, t1, t2);
		orthonormalize(Z, ni, l);
		product(e, a, nnz, 1, Z, ni, Y, nu, l, t1, t2);
		orthonormalize(Y, nu, l);
	}
	/* B^T = A^T Y (items x l) = W S V^T, so A ~ Y B = (Y V) S W^T. */
	product(e, a, nnz, 0, Y, nu, Z, ni, l, t1, t2);
	for (size_t i = 0; i < ni; i++)
		for (int c = 0; c < l; c++)
			gsl_matrix_set(Bt, i, (size_t)c, Z[(size_t)c * ni + i]);
	if (gsl_linalg_SV_decomp(Bt, V, S, work) != 0) {
		ll_fail(err, "svd: the decomposition did not converge");
		goto out;
	}
	for (int f = 0; f < k; f++) {
		double sg = gsl_vector_get(S, (size_t)f), r = sqrt(sg);
		sigma[f] = sg;
		for (size_t i = 0; i < ni; i++)
			m->Q[i * k + f] = (float)(gsl_matrix_get(Bt, i, (size_t)f) * r);
		for (size_t u = 0; u < nu; u++) {
			double uf = 0;
			for (int c = 0; c < l; c++)
				uf += Y[(size_t)c * nu + u] * gsl_matrix_get(V, (size_t)c, (size_t)f);
			m->P[u * k + f] = (float)(uf * r);
		}
	}
	/* Residuals: A^T u_j = s_j v_j holds by construction (B^T = A^T Y), so
	 * the pair's residual is ||A v_j - s_j u_j||, from one product. */
	{
		double *R = malloc((size_t)k * nu * sizeof *R), bound = 0;
		if (!R) {
			ll_fail(err, "out of memory for the SVD's residuals");
			goto out;
		}
		for (int f = 0; f < k; f++)
			for (size_t i = 0; i < ni; i++)
				Z[(size_t)f * ni + i] = gsl_matrix_get(Bt, i, (size_t)f);
		product(e, a, nnz, 1, Z, ni, R, nu, k, t1, t2);
		for (int f = 0; f < k; f++) {
			double r2 = 0;
			for (size_t u = 0; u < nu; u++) {
				double uf = 0;
				for (int c = 0; c < l; c++)
					uf += Y[(size_t)c * nu + u] * gsl_matrix_get(V, (size_t)c, (size_t)f);
				double d = R[(size_t)f * nu + u] - sigma[f] * uf;
				r2 += d * d;
			}
			double b = sqrt(r2 / 2);
			if (b > bound)
				bound = b;
		}
		free(R);
		s->bound = bound;
		s->exact = l >= mn;
	}
	free(mf->sigma);
	mf->sigma = sigma, sigma = NULL;
	mf->n_sigma = k;
	mf->initialised = 1;
	m->epochs_done = 1;
	m->n_hist = 0;
	model_log_epoch(m, mf_train_rmse(m, train));
	rc = 0;
out:
	free(a), free(Y), free(Z), free(sigma), free(t1), free(t2);
	gsl_matrix_free(Bt), gsl_matrix_free(V);
	gsl_vector_free(S), gsl_vector_free(work);
	return rc;
}

static double svd_predict(const model *m, int user, int item)
{
	const mf_model *mf = (const mf_model *)m;
	if (!m->P || user < 0 || user >= m->n_users || item < 0 || item >= m->n_items)
		return NAN;
	double s = mf->mu + mf->bu[user] + mf->bi[item];
	const float *p = m->P + (size_t)user * m->k, *q = m->Q + (size_t)item * m->k;
	for (int f = 0; f < m->k; f++)
		s += (double)p[f] * q[f];
	return s;
}

static int svd_save(const model *m, FILE *f, ll_error *err)
{
	const svd_model *s = (const svd_model *)m;
	const mf_model *mf = &s->mf;
	if (fwrite(&mf->n_sigma, sizeof mf->n_sigma, 1, f) != 1 ||
	    fwrite(&s->total_energy, sizeof s->total_energy, 1, f) != 1 ||
	    fwrite(&mf->reg_u, sizeof mf->reg_u, 1, f) != 1 ||
	    (mf->n_sigma && fwrite(mf->sigma, sizeof *mf->sigma, (size_t)mf->n_sigma, f) !=
				    (size_t)mf->n_sigma))
		return ll_fail(err, "write failed");
	return mf_save_biases(mf, f, err);
}

static int svd_load(model *m, FILE *f, ll_error *err)
{
	svd_model *s = (svd_model *)m;
	mf_model *mf = &s->mf;
	int n;
	if (fread(&n, sizeof n, 1, f) != 1 || n < 0 || n > 100000 ||
	    fread(&s->total_energy, sizeof s->total_energy, 1, f) != 1 ||
	    fread(&mf->reg_u, sizeof mf->reg_u, 1, f) != 1)
		return ll_fail(err, "model file is truncated");
	free(mf->sigma);
	mf->sigma = malloc(((size_t)n + 1) * sizeof *mf->sigma);
	mf->n_sigma = n;
	if (!mf->sigma)
		return ll_fail(err, "out of memory");
	if (n && fread(mf->sigma, sizeof *mf->sigma, (size_t)n, f) != (size_t)n)
		return ll_fail(err, "model file is truncated");
	if (mf_load_biases(mf, f, err) < 0)
		return -1;
	s->bound = NAN;
	if (!mf->bu)
		return ll_fail(err, "svd model without biases");
	mf->initialised = 1;
	return 0;
}

static void svd_destroy(model *m)
{
	mf_model *mf = (mf_model *)m;
	free(mf->sigma);
	mf_common_destroy(mf);
}

const model_ops mf_svd_ops = {
	.algo = "svd",
	.fit = svd_fit,
	.predict = svd_predict,
	.save = svd_save,
	.load = svd_load,
	.destroy = svd_destroy,
};

int mf_spectrum(const model *m, const double **sigma, int *n, double *total_energy,
		ll_error *err)
{
	const mf_model *mf = mf_cast_const(m);
	if (!mf || mf->kind != MF_SVD)
		return ll_fail(err, "%s has no singular values (svd has)", model_algo(m));
	if (!mf->sigma)
		return ll_fail(err, "the svd model is not trained yet");
	if (sigma)
		*sigma = mf->sigma;
	if (n)
		*n = mf->n_sigma;
	if (total_energy)
		*total_energy = ((const svd_model *)m)->total_energy;
	return 0;
}

int mf_spectrum_bound(const model *m, double *bound, int *exact)
{
	if (mf_spectrum(m, NULL, NULL, NULL, NULL) < 0)
		return -1;
	const svd_model *s = (const svd_model *)m;
	if (bound)
		*bound = s->bound;
	if (exact)
		*exact = s->exact;
	return 0;
}

double mf_energy_kept(const model *m, int k)
{
	const double *sg;
	int n;
	double total;
	if (mf_spectrum(m, &sg, &n, &total, NULL) < 0 || k < 0 || k > n)
		return -1;
	double kept = 0;
	for (int f = 0; f < k; f++)
		kept += sg[f] * sg[f];
	return total > 0 ? kept / total : 1.0;
}

model *mf_svd_create(params *opts, ll_error *err)
{
	svd_model *s = calloc(1, sizeof *s);
	if (!s) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	model *m = &s->mf.base;
	m->ops = &mf_svd_ops;
	if (mf_common_init(&s->mf, MF_SVD, opts, err) < 0) {
		model_free(&m);
		return NULL;
	}
	m->k = (int)params_long(opts, "k|rank|factors|n_factors", 20);
	int small = m->k <= 50;
	s->oversample = (int)params_long(opts, "oversample", small ? 30 : 10);
	s->power = (int)params_long(opts, "power|power_iter", small ? 20 : 4);
	s->bound = NAN;
	s->baseline_rounds = (int)params_long(opts, "baseline_epochs|bsl_epochs", 10);
	s->reg_i = params_double(opts, "reg_i", 10);
	s->mf.reg_u = params_double(opts, "reg_u", 15);
	if (m->k < 1 || m->k > 10000)
		params_invalid(opts, "k must be between 1 and 10000");
	if (s->oversample < 0 || s->power < 0 || s->baseline_rounds < 0)
		params_invalid(opts, "oversample, power and baseline_epochs must be >= 0");
	if (s->reg_i < 0 || s->mf.reg_u < 0)
		params_invalid(opts, "reg_i and reg_u must be >= 0");
	s->mf.reg = 0;
	return m;
}

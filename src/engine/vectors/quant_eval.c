/* quant_eval.c: quantized factors, measured (see quant_eval.h). */
#include "engine/vectors/quant_eval.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/model/metrics.h"

/* Each user's top k among items unrated in train. */
static int topk_all(const model *m, const ratings *train, int k, int *out)
{
	int nu = model_n_users(m), ni = model_n_items(m);
	float *s = malloc((size_t)ni * sizeof *s);
	unsigned char *skip = calloc((size_t)ni, 1);
	if (!s || !skip) {
		free(s), free(skip);
		return -1;
	}
	const ll_rating *e = ratings_entries(train);
	for (int u = 0; u < nu; u++) {
		const uint32_t *pos;
		size_t n = ratings_user_entries(train, u, &pos);
		for (size_t j = 0; j < n; j++)
			skip[e[pos[j]].item] = 1;
		model_score_items(m, u, s);
		int got = metrics_top_k(s, ni, skip, k, out + (size_t)u * k);
		for (int j = got; j < k; j++)
			out[(size_t)u * k + j] = -1;
		for (size_t j = 0; j < n; j++)
			skip[e[pos[j]].item] = 0;
	}
	free(s), free(skip);
	return 0;
}

int *quant_reference_topk(const model *m, const ratings *train, int k, ll_error *err)
{
	int *ref = malloc(((size_t)model_n_users(m) * k + 1) * sizeof *ref);
	if (!ref || topk_all(m, train, k, ref) < 0) {
		free(ref);
		ll_fail(err, "out of memory for top-%d lists", k);
		return NULL;
	}
	return ref;
}

/* Quantize table x in place (through the codes); returns the largest error. */
static int squeeze(float *x, int n, int d, quant_prec p, int sym, size_t *bytes, double *maxerr,
	ll_error *err)
{
	qtable *t = quant_encode(x, n, d, p, sym, err);
	float *back = malloc(((size_t)n * d + 1) * sizeof *back);
	if (!t || !back) {
		quant_free(&t);
		free(back);
		return ll_fail(err, "out of memory for quantized factors");
	}
	quant_decode(t, back);
	for (size_t j = 0; j < (size_t)n * d; j++)
		*maxerr = fmax(*maxerr, fabs((double)x[j] - back[j]));
	memcpy(x, back, (size_t)n * d * sizeof *x);
	*bytes += quant_bytes(t);
	quant_free(&t);
	free(back);
	return 0;
}

int quant_effect_measure(model *m, const ratings *train, const ratings *test, quant_prec p,
	int symmetric, int k, double threshold, const int *ref, quant_effect *out, ll_error *err)
{
	memset(out, 0, sizeof *out);
	out->prec = p, out->symmetric = symmetric;
	int nu = model_n_users(m), ni = model_n_items(m), d = model_k(m);
	float *P = model_user_factors(m), *Q = model_item_factors(m);
	if (!P || !Q || d < 1)
		return ll_fail(err, "%s has no factors to quantize", model_algo(m));
	size_t np = (size_t)nu * d, nq = (size_t)ni * d;
	float *keep = malloc((np + nq) * sizeof *keep);
	int *top = malloc(((size_t)nu * k + 1) * sizeof *top);
	if (!keep || !top) {
		free(keep), free(top);
		return ll_fail(err, "out of memory");
	}
	memcpy(keep, P, np * sizeof *P);
	memcpy(keep + np, Q, nq * sizeof *Q);
	out->f32_bytes = (np + nq) * sizeof(float);
	int rc = 0;
	if (squeeze(P, nu, d, p, symmetric, &out->bytes, &out->max_error, err) < 0 ||
	    squeeze(Q, ni, d, p, symmetric, &out->bytes, &out->max_error, err) < 0)
		rc = -1;
	metrics_ranking rk;
	if (rc == 0 && metrics_rating(m, test, &out->rmse, &out->mae, err) < 0)
		rc = -1;
	if (rc == 0 && metrics_topk(m, train, test, k, threshold, &rk, err) < 0)
		rc = -1;
	if (rc == 0 && topk_all(m, train, k, top) < 0)
		rc = ll_fail(err, "out of memory for top-%d lists", k);
	if (rc == 0) {
		out->hr = rk.hr_full, out->ndcg = rk.ndcg_full;
		double sum = 0;
		int users = 0;
		for (int u = 0; u < nu; u++) {
			const int *a = ref + (size_t)u * k, *b = top + (size_t)u * k;
			int na = 0, same = 0;
			for (int i = 0; i < k; i++) {
				if (a[i] < 0)
					continue;
				na++;
				for (int j = 0; j < k; j++)
					if (b[j] == a[i]) {
						same++;
						break;
					}
			}
			if (na)
				sum += (double)same / na, users++;
		}
		out->overlap = users ? sum / users : NAN;
	}
	memcpy(P, keep, np * sizeof *P);
	memcpy(Q, keep + np, nq * sizeof *Q);
	free(keep), free(top);
	return rc;
}

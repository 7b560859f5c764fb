/* survey.c: greedy D-optimal questions for a newcomer (see survey.h).
 *
 * A^-1 is kept directly and updated by Sherman-Morrison after each pick,
 * A^-1 <- A^-1 - (A^-1 q)(A^-1 q)^T / (1 + q^T A^-1 q), so a round costs
 * O(n_cand k^2) and no system is ever solved. */
#include "engine/vectors/survey.h"

#include <stdlib.h>
#include <string.h>


#define SURVEY_MAX_K 4096

double survey_prior(const float *q, int n_items, int k, const int *cand, int n_cand)
{
	double s = 0;
	int n = 0;
	for (int c = 0; c < n_cand; c++) {
		if (cand[c] < 0 || cand[c] >= n_items)
			continue;
		const float *v = q + (size_t)cand[c] * k;
		for (int d = 0; d < k; d++)
			s += (double)v[d] * v[d];
		n++;
	}
	return n ? s / n : 0;
}

/* g = q^T Ainv q, and w = Ainv q (k doubles). */
static double quad(const double *Ainv, const float *v, int k, double *w)
{
	double g = 0;
	for (int i = 0; i < k; i++) {
		double s = 0;
		for (int j = 0; j < k; j++)
			s += Ainv[(size_t)i * k + j] * v[j];
		w[i] = s;
		g += s * v[i];
	}
	return g;
}

/* Ainv <- Ainv - w w^T / (1 + g), w = Ainv q. */
static void absorb(double *Ainv, const double *w, double g, int k)
{
	double f = 1.0 / (1.0 + g);
	for (int i = 0; i < k; i++)
		for (int j = 0; j < k; j++)
			Ainv[(size_t)i * k + j] -= w[i] * w[j] * f;
}

int survey_next(const float *q, int n_items, int k, const int *cand, int n_cand,
		const int *rated, int n_rated, const unsigned char *excluded, double lambda,
		int n, survey_pick *out, ll_error *err)
{
	if (!q || k < 1 || k > SURVEY_MAX_K)
		return ll_fail(err, "survey: the model needs between 1 and %d factors", SURVEY_MAX_K);
	if (!(lambda > 0))
		return ll_fail(err, "survey: the prior must be positive");
	if (n < 0 || n_cand < 0 || n_rated < 0)
		return ll_fail(err, "survey: negative counts");
	double *Ainv = calloc((size_t)k * k, sizeof *Ainv), *w = malloc((size_t)k * sizeof *w);
	/* A candidate is asked once: taken[c] marks the asked, rated, skipped. */
	unsigned char *taken = calloc((size_t)n_cand + 1, 1);
	if (!Ainv || !w || !taken) {
		free(Ainv), free(w), free(taken);
		return ll_fail(err, "out of memory");
	}
	for (int d = 0; d < k; d++)
		Ainv[(size_t)d * k + d] = 1.0 / lambda;
	for (int r = 0; r < n_rated; r++) {
		if (rated[r] < 0 || rated[r] >= n_items)
			continue;
		const float *v = q + (size_t)rated[r] * k;
		absorb(Ainv, w, quad(Ainv, v, k, w), k);
	}
	for (int c = 0; c < n_cand; c++) {
		if (cand[c] < 0 || cand[c] >= n_items || (excluded && excluded[c]))
			taken[c] = 1;
		for (int r = 0; !taken[c] && r < n_rated; r++)
			if (rated[r] == cand[c])
				taken[c] = 1;
	}
	int got = 0;
	while (got < n) {
		int best = -1;
		double bg = -1;
		for (int c = 0; c < n_cand; c++) {
			if (taken[c])
				continue;
			double g = quad(Ainv, q + (size_t)cand[c] * k, k, w);
			if (g > bg)
				bg = g, best = c;
		}
		if (best < 0)
			break;
		const float *v = q + (size_t)cand[best] * k;
		double g = quad(Ainv, v, k, w);
		absorb(Ainv, w, g, k);
		taken[best] = 1;
		out[got].item = cand[best];
		out[got].gain = g;
		out[got].shrink = g / (1.0 + g);
		got++;
	}
	free(Ainv), free(w), free(taken);
	return got;
}

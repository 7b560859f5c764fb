/* measure.c: what commands measure about a model beyond its errors (see
 * lab_impl.h): the bytes it holds and in what form, a seeded sample of the
 * test users for ranking metrics, and the time of one user's top K. */
#include "lab/lab_impl.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/clock.h"
#include "engine/core/intl.h"
#include "engine/model/metrics.h"
#include "engine/mf/mf.h"
#include "engine/neighbours/knn.h"

double lab_model_bytes(const model *m, char *what, size_t size)
{
	int nu = model_n_users(m), ni = model_n_items(m), k = model_k(m);
	const char *algo = model_algo(m);
	if (what && size)
		what[0] = '\0';
	if (knn_is(m)) {
		if (what)
			/* TRANSLATORS: what a KNN model holds; %s: how (dense 10 x 10). */
			snprintf(what, size, _("ratings + similarities %s"), knn_storage(m));
		return (double)knn_total_bytes(m);
	}
	if (mf_is_mf(m) && k > 0) {
		/* What a recommendation needs: both factor tables as float32,
		 * and one float per user and item plus the mean when biased. */
		int biased = mf_biases(m, NULL, NULL, NULL);
		if (what && biased)
			snprintf(what, size, _("factors %dx%d + %dx%d + biases"), nu, k, ni, k);
		else if (what)
			snprintf(what, size, _("factors %dx%d + %dx%d"), nu, k, ni, k);
		return ((double)nu + ni) * k * sizeof(float) +
		       (biased ? ((double)nu + ni) * sizeof(float) + sizeof(double) : 0);
	}
	if (algo && strcmp(algo, "mean") == 0) {
		if (what)
			snprintf(what, size, "%s", _("one mean"));
		return sizeof(double);
	}
	if (algo && strcmp(algo, "baseline") == 0) {
		if (what)
			snprintf(what, size, _("biases %d + %d"), nu, ni);
		return ((double)nu + ni + 1) * sizeof(double);
	}
	if (algo && strcmp(algo, "pop") == 0) {
		if (what)
			snprintf(what, size, "%s", _("a count per item"));
		return (double)ni * sizeof(int);
	}
	return NAN;
}

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int lab_sample_users(const ratings *test, int n, unsigned long seed, int **users)
{
	*users = NULL;
	int nu = ratings_n_users(test), have = 0;
	int *all = malloc(((size_t)nu + 1) * sizeof *all);
	if (!all)
		return -1;
	for (int u = 0; u < nu; u++) {
		const uint32_t *pos;
		if (ratings_user_entries(test, u, &pos) > 0)
			all[have++] = u;
	}
	if (n > 0 && n < have) {
		/* The first n of a seeded shuffle, then back in index order. */
		gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
		if (!g) {
			free(all);
			return -1;
		}
		gsl_rng_set(g, seed);
		for (int i = 0; i < n; i++) {
			int j = i + (int)gsl_rng_uniform_int(g, (unsigned long)(have - i));
			int t = all[i];
			all[i] = all[j], all[j] = t;
		}
		gsl_rng_free(g);
		have = n;
		qsort(all, (size_t)have, sizeof *all, by_int);
	}
	*users = all;
	return have;
}

ratings *lab_test_sample(const ratings *test, const int *users, int n, ll_error *err)
{
	size_t total = 0, at = 0;
	for (int j = 0; j < n; j++) {
		const uint32_t *pos;
		total += ratings_user_entries(test, users[j], &pos);
	}
	size_t *keep = malloc((total + 1) * sizeof *keep);
	if (!keep) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	for (int j = 0; j < n; j++) {
		const uint32_t *pos;
		size_t m = ratings_user_entries(test, users[j], &pos);
		for (size_t i = 0; i < m; i++)
			keep[at++] = pos[i];
	}
	ratings *r = ratings_subset(test, keep, at);
	free(keep);
	if (!r)
		ll_fail(err, "out of memory");
	return r;
}

double lab_rec_ms(const model *m, const ratings *train, const int *users, int n, int k)
{
	int ni = model_n_items(m);
	float *s = malloc(((size_t)ni + 1) * sizeof *s);
	unsigned char *skip = calloc((size_t)ni + 1, 1);
	int *top = malloc(((size_t)k + 1) * sizeof *top);
	double ms = NAN;
	if (s && skip && top && n > 0) {
		const ll_rating *e = ratings_entries(train);
		/* Timed as a service would answer: score, drop the seen, keep K. */
		double t0 = ll_now();
		for (int j = 0; j < n; j++) {
			const uint32_t *pos;
			size_t c = ratings_user_entries(train, users[j], &pos);
			for (size_t i = 0; i < c; i++)
				skip[e[pos[i]].item] = 1;
			model_score_items(m, users[j], s);
			metrics_top_k(s, ni, skip, k, top);
			for (size_t i = 0; i < c; i++)
				skip[e[pos[i]].item] = 0;
		}
		ms = (ll_now() - t0) * 1000.0 / n;
	}
	free(s), free(skip), free(top);
	return ms;
}

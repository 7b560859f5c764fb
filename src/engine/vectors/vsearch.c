/* vsearch.c: exact top-k vector search (see vsearch.h). */
#include "engine/vectors/vsearch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

struct vs_table {
	const float *x;
	int n, d;
	float *norm;
};

const char *vs_metric_name(vs_metric m)
{
	return m == VS_DOT ? "dot" : m == VS_COSINE ? "cosine" : "euclidean";
}

float vs_dot(const float *a, const float *b, int d)
{
	float s[8] = { 0 };
	int j = 0;
	for (; j + 8 <= d; j += 8)
		for (int t = 0; t < 8; t++)
			s[t] += a[j + t] * b[j + t];
	float r = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
	for (; j < d; j++)
		r += a[j] * b[j];
	return r;
}

float vs_norm(const float *q, int d)
{
	return sqrtf(vs_dot(q, q, d));
}

vs_table *vs_table_new(const float *x, int n, int d, ll_error *err)
{
	vs_table *t = calloc(1, sizeof *t);
	if (t)
		t->norm = malloc(((size_t)n + 1) * sizeof *t->norm);
	if (!t || !t->norm) {
		vs_table_free(&t);
		ll_fail(err, "out of memory for a %d x %d table", n, d);
		return NULL;
	}
	t->x = x, t->n = n, t->d = d;
	for (int i = 0; i < n; i++)
		t->norm[i] = vs_norm(x + (size_t)i * d, d);
	return t;
}

void vs_table_free(vs_table **pt)
{
	if (!pt || !*pt)
		return;
	free((*pt)->norm);
	free(*pt);
	*pt = NULL;
}

int vs_table_n(const vs_table *t) { return t->n; }
int vs_table_d(const vs_table *t) { return t->d; }
const float *vs_table_row(const vs_table *t, int i) { return t->x + (size_t)i * t->d; }

/* Squared distance: ranking by it is ranking by distance, without a square
 * root per row. */
static float dist2(const float *q, const float *x, int d)
{
	float e[8] = { 0 };
	int j = 0;
	for (; j + 8 <= d; j += 8)
		for (int u = 0; u < 8; u++)
			e[u] += (q[j + u] - x[j + u]) * (q[j + u] - x[j + u]);
	float s = ((e[0] + e[1]) + (e[2] + e[3])) + ((e[4] + e[5]) + (e[6] + e[7]));
	for (; j < d; j++)
		s += (q[j] - x[j]) * (q[j] - x[j]);
	return s;
}

float vs_score(const vs_table *t, vs_metric m, const float *q, float qnorm, int i)
{
	const float *x = t->x + (size_t)i * t->d;
	if (m == VS_EUCLIDEAN)
		return -sqrtf(dist2(q, x, t->d));
	float s = vs_dot(q, x, t->d);
	if (m == VS_COSINE) {
		float den = qnorm * t->norm[i];
		return den > 0 ? s / den : 0;
	}
	return s;
}

/* Worse: lower score, or equal score and higher id. */
static int worse(const vs_hit *a, const vs_hit *b)
{
	return a->score < b->score || (a->score == b->score && a->id > b->id);
}

void vs_heap_push(vs_hit *h, int *n, int k, int32_t id, float score)
{
	vs_hit c = { id, score };
	int i;
	if (*n < k) {
		i = (*n)++;
		while (i > 0) {
			int p = (i - 1) / 2;
			if (!worse(&c, &h[p]))
				break;
			h[i] = h[p];
			i = p;
		}
		h[i] = c;
		return;
	}
	if (k <= 0 || !worse(&h[0], &c))
		return;
	i = 0;
	for (;;) {
		int l = 2 * i + 1, r = l + 1, w = -1;
		const vs_hit *cur = &c;
		if (l < *n && worse(&h[l], cur))
			w = l, cur = &h[l];
		if (r < *n && worse(&h[r], cur))
			w = r;
		if (w < 0)
			break;
		h[i] = h[w];
		i = w;
	}
	h[i] = c;
}

static int best_first(const void *a, const void *b)
{
	const vs_hit *x = a, *y = b;
	return worse(y, x) ? -1 : worse(x, y) ? 1 : 0;
}

int vs_heap_sort(vs_hit *h, int n)
{
	qsort(h, (size_t)n, sizeof *h, best_first);
	return n;
}

int vs_topk(const vs_table *t, vs_metric m, const float *q, int k,
	int (*skip)(void *ctx, int id), void *ctx, vs_hit *out)
{
	int n = 0;
	float qn = m == VS_COSINE ? vs_norm(q, t->d) : 0;
	for (int i = 0; i < t->n; i++) {
		if (skip && skip(ctx, i))
			continue;
		float s = m == VS_EUCLIDEAN ? -dist2(q, t->x + (size_t)i * t->d, t->d)
					    : vs_score(t, m, q, qn, i);
		vs_heap_push(out, &n, k, i, s);
	}
	vs_heap_sort(out, n);
	if (m == VS_EUCLIDEAN)
		for (int j = 0; j < n; j++)
			out[j].score = -sqrtf(-out[j].score);
	return n;
}

int vs_topk_batch(const vs_table *t, vs_metric m, const float *q, int nq, int k, vs_hit *out)
{
#pragma omp parallel for schedule(dynamic, 4)
	for (int j = 0; j < nq; j++) {
		vs_hit *o = out + (size_t)j * k;
		int got = vs_topk(t, m, q + (size_t)j * t->d, k, NULL, NULL, o);
		for (int r = got; r < k; r++)
			o[r] = (vs_hit){ -1, -INFINITY };
	}
	return 0;
}

int vs_overlap(const vs_hit *a, int na, const vs_hit *b, int nb)
{
	int c = 0;
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++)
			if (a[i].id == b[j].id && a[i].id >= 0) {
				c++;
				break;
			}
	return c;
}

float *vs_synthetic(int n, int d, int clusters, double spread, unsigned long seed, ll_error *err)
{
	if (n < 1 || d < 1 || clusters < 1) {
		ll_fail(err, "a catalogue needs n, d and clusters >= 1");
		return NULL;
	}
	float *x = malloc((size_t)n * d * sizeof *x);
	float *c = malloc((size_t)clusters * d * sizeof *c);
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!x || !c || !g) {
		free(x), free(c);
		if (g)
			gsl_rng_free(g);
		ll_fail(err, "out of memory for %d x %d vectors", n, d);
		return NULL;
	}
	gsl_rng_set(g, seed);
	for (size_t j = 0; j < (size_t)clusters * d; j++)
		c[j] = (float)gsl_ran_gaussian_ziggurat(g, 1.0);
	for (int i = 0; i < n; i++) {
		const float *ci = c + (size_t)gsl_rng_uniform_int(g, (unsigned long)clusters) * d;
		for (int j = 0; j < d; j++)
			x[(size_t)i * d + j] = ci[j] + (float)gsl_ran_gaussian_ziggurat(g, spread);
	}
	free(c);
	gsl_rng_free(g);
	return x;
}

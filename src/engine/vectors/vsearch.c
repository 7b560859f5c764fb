/* vsearch.c: exact top-k vector search (see vsearch.h). */
#include "engine/vectors/vsearch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "engine/vectors/vs_kernels.h"

struct vs_table {
	const float *x;
	int n, d;
	float *x2;   /* n squared norms, the kernel's chain (vs_ip_rows) */
	float *norm; /* their roots */
	float *inv;  /* 1 / norm, 0 for a zero row */
	float *pack; /* a copy in the kernel's panels: one query streams past it */
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
	float q2;
	vs_ip_rows(NULL, q, 1, d, &q2);
	return sqrtf(q2);
}

vs_table *vs_table_new(const float *x, int n, int d, ll_error *err)
{
	vs_table *t = calloc(1, sizeof *t);
	if (t) {
		t->x2 = malloc(((size_t)n + 1) * sizeof *t->x2);
		t->norm = malloc(((size_t)n + 1) * sizeof *t->norm);
		t->inv = malloc(((size_t)n + 1) * sizeof *t->inv);
	}
	if (!t || !t->x2 || !t->norm || !t->inv) {
		vs_table_free(&t);
		ll_fail(err, "out of memory for a %d x %d table", n, d);
		return NULL;
	}
	t->x = x, t->n = n, t->d = d;
	if (!(t->pack = vs_pack(x, n, d))) {
		vs_table_free(&t);
		ll_fail(err, "out of memory for a %d x %d table", n, d);
		return NULL;
	}
	vs_ip_rows(NULL, x, n, d, t->x2);
	for (int i = 0; i < n; i++) {
		t->norm[i] = sqrtf(t->x2[i]);
		t->inv[i] = t->norm[i] > 0 ? 1 / t->norm[i] : 0;
	}
	return t;
}

void vs_table_free(vs_table **pt)
{
	if (!pt || !*pt)
		return;
	free((*pt)->x2), free((*pt)->norm), free((*pt)->inv), free((*pt)->pack);
	free(*pt);
	*pt = NULL;
}

int vs_table_n(const vs_table *t) { return t->n; }
int vs_table_d(const vs_table *t) { return t->d; }
const float *vs_table_row(const vs_table *t, int i) { return t->x + (size_t)i * t->d; }

/* Both exact paths (one query, a batch) rank by vs_rank_key: the same
 * arithmetic in both, so the same bits and the same ties. */
static inline float rank_key(const vs_table *t, vs_metric m, float s, int i)
{
	return vs_rank_key(m, s, t->x2[i], t->inv[i]);
}

float vs_score(const vs_table *t, vs_metric m, const float *q, float qnorm, int i)
{
	float s, q2 = 0;
	vs_ip_rows(q, t->x + (size_t)i * t->d, 1, t->d, &s);
	if (m == VS_EUCLIDEAN)
		vs_ip_rows(NULL, q, 1, t->d, &q2);
	float key = rank_key(t, m, s, i);
	if (m == VS_COSINE)
		return qnorm > 0 ? key / qnorm : 0;
	return vs_key_score(m, key, q2);
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

/* The one-query path: the packed table's panels a block at a time through
 * the kernel, the query as its one row. Rows come in increasing id, so once
 * the heap is full a key equal to its worst is worse (higher id) and is
 * passed over. */
enum { ROWS_BLOCK = 16 * VS_PANEL };

int vs_topk(const vs_table *t, vs_metric m, const float *q, int k,
	int (*skip)(void *ctx, int id), void *ctx, vs_hit *out)
{
	int n = 0, d = t->d;
	float s[ROWS_BLOCK], q2, thr = -INFINITY;
	if (k < 1)
		return 0;
	vs_ip_rows(NULL, q, 1, d, &q2);
	for (int lo = 0; lo < t->n; lo += ROWS_BLOCK) {
		int nb = t->n - lo < ROWS_BLOCK ? t->n - lo : ROWS_BLOCK;
		vs_ip_block(t->pack + (size_t)lo * d, nb, d, q, 1, s, ROWS_BLOCK);
		for (int r = 0; r < nb; r++) {
			float key = rank_key(t, m, s[r], lo + r);
			if (!(key > thr) || (skip && skip(ctx, lo + r)))
				continue;
			vs_heap_push(out, &n, k, lo + r, key);
			if (n == k)
				thr = out[0].score;
		}
	}
	vs_heap_sort(out, n);
	for (int j = 0; j < n; j++)
		out[j].score = vs_key_score(m, out[j].score, q2);
	return n;
}

/* Batched: the queries packed once, the table streamed past them a block
 * of rows at a time through the GEMM-shaped kernel, each thread keeping
 * every query's heap for its share of the rows; the shares' heaps are then
 * merged. The keys are rank_key's and the products the one-query path's
 * chain, so each query's kept set, the k best by (key, id), a total order,
 * is vs_topk's: the same ids and bits, whatever the split. */
enum { TOPK_ROWS = 96 };

int vs_topk_batch(const vs_table *t, vs_metric m, const float *q, int nq, int k, vs_hit *out)
{
	int d = t->d, ldo = vs_pad16(nq);
	if (nq < 1 || k < 1)
		return 0;
	float *qpack = vs_pack(q, nq, d), *q2 = malloc((size_t)nq * sizeof *q2);
	int nt = 1;
#ifdef _OPENMP
	nt = omp_get_max_threads();
#endif
	vs_hit *part = malloc((size_t)nt * nq * k * sizeof *part);
	int *npart = calloc((size_t)nt * nq, sizeof *npart);
	if (!qpack || !q2 || !part || !npart) {
		free(qpack), free(q2), free(part), free(npart);
		return -1;
	}
	for (int j = 0; j < nq; j++)
		vs_ip_rows(NULL, q + (size_t)j * d, 1, d, &q2[j]);
	int nblocks = (t->n + TOPK_ROWS - 1) / TOPK_ROWS, fail = 0;
	int mode = m == VS_COSINE ? 1 : m == VS_EUCLIDEAN ? 2 : 0;
#pragma omp parallel num_threads(nt)
	{
		int me = 0, team = 1;
#ifdef _OPENMP
		me = omp_get_thread_num(), team = omp_get_num_threads();
#endif
		float *sc = malloc((size_t)TOPK_ROWS * ldo * sizeof *sc);
		/* thr: each query's worst kept key once its heap is full (rows
		 * come in increasing id, so an equal key is worse). */
		float *thr = malloc((size_t)nq * sizeof *thr);
		int *hit = malloc((size_t)nq * sizeof *hit);
		if (!sc || !thr || !hit) {
#pragma omp atomic write
			fail = 1;
		}
		/* Contiguous shares of the rows, one per thread. */
		int lo_b = (int)((long)nblocks * me / team), hi_b = (int)((long)nblocks * (me + 1) / team);
		vs_hit *h = part + (size_t)me * nq * k;
		int *hn = npart + (size_t)me * nq;
		for (int j = 0; thr && j < nq; j++)
			thr[j] = -INFINITY;
		for (int blk = lo_b; sc && thr && hit && blk < hi_b; blk++) {
			int lo = blk * TOPK_ROWS, nb = t->n - lo < TOPK_ROWS ? t->n - lo : TOPK_ROWS;
			vs_ip_block(qpack, nq, d, t->x + (size_t)lo * d, nb, sc, ldo);
			for (int i = 0; i < nb; i++) {
				float *si = sc + (size_t)i * ldo;
				int id = lo + i;
				float a = mode == 1 ? t->inv[id] : mode == 2 ? t->x2[id] : 0;
				int nh = vs_keys_above(si, nq, mode, a, thr, hit);
				for (int r = 0; r < nh; r++) {
					int j = hit[r];
					vs_hit *hj = h + (size_t)j * k;
					vs_heap_push(hj, &hn[j], k, id, si[j]);
					if (hn[j] == k)
						thr[j] = hj[0].score;
				}
			}
		}
		free(hit), free(thr), free(sc);
	}
	for (int j = 0; !fail && j < nq; j++) {
		vs_hit *o = out + (size_t)j * k;
		int n = 0;
		for (int p = 0; p < nt; p++) {
			const vs_hit *h = part + ((size_t)p * nq + j) * k;
			for (int r = 0; r < npart[(size_t)p * nq + j]; r++)
				vs_heap_push(o, &n, k, h[r].id, h[r].score);
		}
		vs_heap_sort(o, n);
		for (int r = 0; r < n; r++)
			o[r].score = vs_key_score(m, o[r].score, q2[j]);
		for (int r = n; r < k; r++)
			o[r] = (vs_hit){ -1, -INFINITY };
	}
	free(qpack), free(q2), free(part), free(npart);
	return fail ? -1 : 0;
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

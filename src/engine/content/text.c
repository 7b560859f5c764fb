/* text.c: TF-IDF documents of items and their truncated SVD (see text.h). */
#include "engine/content/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "engine/core/strmap.h"

#define TEXT_OVERSAMPLE 10
#define TEXT_MAX_WORD 64

struct text_embed {
	int n_items, dim, n_terms;
	float *V;          /* n_items x dim */
	double *sigma;     /* dim */
	double energy;     /* kept / total */
	int *doc_terms;    /* per item */
};

void text_defaults(text_opts *o)
{
	o->dim = 32;
	o->min_df = 2;
	o->tags = 1;
	o->genres = 1;
	o->power = 3;
	o->seed = 1;
}

static const char *const stop[] = {
	"the", "and", "of", "to", "in", "on", "at", "for", "with", "from", "by", "an", "or",
	"is", "it", "its", "as", "be", "are", "was", "this", "that", "my", "me", "you", "your",
	"we", "our", "he", "she", "his", "her", "they", "their", "not", "no", "all", "what",
	"who", "how", "when", "la", "le", "les", "el", "il", "los", "das", "der", "die", "de",
	"du", "des", "un", "une", "et", NULL,
};

static int is_stop(const char *w)
{
	for (int i = 0; stop[i]; i++)
		if (!strcmp(stop[i], w))
			return 1;
	return 0;
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

/* A document under construction: term ids with counts. */
typedef struct doc {
	int *term, *count;
	int n, cap;
} doc;

static int doc_add(doc *d, int term)
{
	for (int j = 0; j < d->n; j++)
		if (d->term[j] == term) {
			d->count[j]++;
			return 0;
		}
	if (d->n == d->cap) {
		int c = d->cap ? 2 * d->cap : 8;
		int *t = realloc(d->term, (size_t)c * sizeof *t);
		if (!t)
			return -1;
		d->term = t;
		int *n = realloc(d->count, (size_t)c * sizeof *n);
		if (!n)
			return -1;
		d->count = n;
		d->cap = c;
	}
	d->term[d->n] = term;
	d->count[d->n++] = 1;
	return 0;
}

/* Words of s (lower-cased ASCII; other UTF-8 bytes kept as they are), each
 * interned in vocab and counted in d. A trailing "(1995)" is a number and
 * goes with the other numbers. */
static int add_words(strmap *vocab, doc *d, const char *s)
{
	char w[TEXT_MAX_WORD + 1];
	while (*s) {
		while (*s && !word_byte((unsigned char)*s))
			s++;
		int n = 0, digits = 1;
		while (*s && word_byte((unsigned char)*s)) {
			unsigned char c = (unsigned char)*s++;
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			if (!(c >= '0' && c <= '9'))
				digits = 0;
			if (n < TEXT_MAX_WORD)
				w[n++] = (char)c;
		}
		w[n] = '\0';
		if (n < 2 || digits || is_stop(w))
			continue;
		int t = strmap_intern(vocab, w);
		if (t < 0 || doc_add(d, t) < 0)
			return -1;
	}
	return 0;
}

static int add_genres(const ratings *r, strmap *vocab, doc *d, int item)
{
	uint32_t mask = ratings_item_genres(r, item);
	char w[TEXT_MAX_WORD + 8];
	for (int g = 0; g < ratings_n_genres(r); g++) {
		if (!(mask >> g & 1))
			continue;
		const char *name = ratings_genre_name(r, g);
		if (!strcmp(name, "unknown") || !strcmp(name, "(no genres listed)"))
			continue;
		snprintf(w, sizeof w, "genre:%s", name);
		for (char *c = w; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		int t = strmap_intern(vocab, w);
		if (t < 0 || doc_add(d, t) < 0)
			return -1;
	}
	return 0;
}

/* Classical Gram-Schmidt, twice (CGS2: as stable as modified Gram-Schmidt
 * for this use), on the l columns of X (n x l, row-major), each pass a sweep
 * over contiguous rows. A column that vanishes stays zero. */
static void orthonormalise(double *X, int n, int l, double *d)
{
	for (int j = 0; j < l; j++) {
		for (int pass = 0; pass < 2; pass++) {
			memset(d, 0, (size_t)j * sizeof *d);
			for (int r = 0; r < n; r++) {
				const double *x = X + (size_t)r * l;
				for (int i = 0; i < j; i++)
					d[i] += x[i] * x[j];
			}
			for (int r = 0; r < n; r++) {
				double *x = X + (size_t)r * l, s = 0;
				for (int i = 0; i < j; i++)
					s += d[i] * x[i];
				x[j] -= s;
			}
		}
		double s = 0;
		for (int r = 0; r < n; r++)
			s += X[(size_t)r * l + j] * X[(size_t)r * l + j];
		s = sqrt(s);
		for (int r = 0; r < n; r++)
			X[(size_t)r * l + j] = s > 1e-12 ? X[(size_t)r * l + j] / s : 0;
	}
}

/* The TF-IDF matrix in CSR form. */
typedef struct csr {
	int n_rows, n_cols;
	int *off, *col;
	double *val;
} csr;

/* Y (n_rows x l) = A X (X: n_cols x l). */
static void csr_mul(const csr *A, const double *X, int l, double *Y)
{
	memset(Y, 0, (size_t)A->n_rows * l * sizeof *Y);
	for (int r = 0; r < A->n_rows; r++)
		for (int j = A->off[r]; j < A->off[r + 1]; j++) {
			const double *x = X + (size_t)A->col[j] * l;
			double v = A->val[j];
			double *y = Y + (size_t)r * l;
			for (int c = 0; c < l; c++)
				y[c] += v * x[c];
		}
}

/* Z (n_cols x l) = A^T Y (Y: n_rows x l). */
static void csr_tmul(const csr *A, const double *Y, int l, double *Z)
{
	memset(Z, 0, (size_t)A->n_cols * l * sizeof *Z);
	for (int r = 0; r < A->n_rows; r++)
		for (int j = A->off[r]; j < A->off[r + 1]; j++) {
			const double *y = Y + (size_t)r * l;
			double v = A->val[j];
			double *z = Z + (size_t)A->col[j] * l;
			for (int c = 0; c < l; c++)
				z[c] += v * y[c];
		}
}

static int build_tfidf(const ratings *r, const text_opts *o, csr *A, int *doc_terms,
		       ll_error *err)
{
	int n = ratings_n_items(r), rc = -1;
	strmap *vocab = strmap_new();
	doc *docs = calloc((size_t)n + 1, sizeof *docs);
	int *df = NULL, *keep = NULL;
	memset(A, 0, sizeof *A);
	if (!vocab || !docs)
		goto oom;
	for (int i = 0; i < n; i++) {
		const char *title = ratings_item_title(r, i);
		const char *tags = o->tags ? ratings_item_tags(r, i) : NULL;
		if (add_words(vocab, &docs[i], title) < 0 ||
		    (o->genres && add_genres(r, vocab, &docs[i], i) < 0) ||
		    (tags && add_words(vocab, &docs[i], tags) < 0))
			goto oom;
	}
	int nt = (int)strmap_size(vocab);
	df = calloc((size_t)nt + 1, sizeof *df);
	keep = malloc(((size_t)nt + 1) * sizeof *keep);
	if (!df || !keep)
		goto oom;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < docs[i].n; j++)
			df[docs[i].term[j]]++;
	int kept = 0;
	for (int t = 0; t < nt; t++)
		keep[t] = df[t] >= o->min_df ? kept++ : -1;
	if (kept == 0) {
		ll_fail(err, "no term appears in %d items' titles%s%s: nothing to embed", o->min_df,
			o->genres ? ", genres" : "", o->tags ? " or tags" : "");
		goto done;
	}
	size_t nnz = 0;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < docs[i].n; j++)
			nnz += keep[docs[i].term[j]] >= 0;
	A->n_rows = n, A->n_cols = kept;
	A->off = malloc(((size_t)n + 1) * sizeof *A->off);
	A->col = malloc((nnz + 1) * sizeof *A->col);
	A->val = malloc((nnz + 1) * sizeof *A->val);
	if (!A->off || !A->col || !A->val)
		goto oom;
	size_t at = 0;
	for (int i = 0; i < n; i++) {
		A->off[i] = (int)at;
		size_t start = at;
		double ss = 0;
		for (int j = 0; j < docs[i].n; j++) {
			int t = keep[docs[i].term[j]];
			if (t < 0)
				continue;
			double w = (1 + log(docs[i].count[j])) * log((double)n / df[docs[i].term[j]]);
			A->col[at] = t;
			A->val[at++] = w;
			ss += w * w;
		}
		doc_terms[i] = (int)(at - start);
		ss = sqrt(ss);
		for (size_t j = start; j < at; j++)
			A->val[j] = ss > 0 ? A->val[j] / ss : 0;
	}
	A->off[n] = (int)at;
	rc = 0;
	goto done;
oom:
	ll_fail(err, "out of memory for the text of %d items", n);
done:
	for (int i = 0; docs && i < n; i++)
		free(docs[i].term), free(docs[i].count);
	free(docs);
	free(df);
	free(keep);
	strmap_free(&vocab);
	return rc;
}

static void csr_release(csr *A)
{
	free(A->off), free(A->col), free(A->val);
}

text_embed *text_embed_new(const ratings *r, const text_opts *o, ll_error *err)
{
	ll_gsl_quiet();
	int n = ratings_n_items(r);
	if (n < 2) {
		ll_fail(err, "a text embedding needs at least 2 items");
		return NULL;
	}
	if (o->dim < 1 || o->min_df < 1 || o->power < 0) {
		ll_fail(err, "text embedding: dim and min_df must be >= 1, power >= 0");
		return NULL;
	}
	text_embed *t = calloc(1, sizeof *t);
	csr A;
	double *Om = NULL, *Y = NULL, *Z = NULL, *S = NULL, *work = NULL, *Vb = NULL;
	gsl_rng *g = NULL;
	if (!t || !(t->doc_terms = calloc((size_t)n, sizeof *t->doc_terms))) {
		ll_fail(err, "out of memory");
		free(t);
		return NULL;
	}
	if (build_tfidf(r, o, &A, t->doc_terms, err) < 0) {
		free(t->doc_terms);
		free(t);
		return NULL;
	}
	int T = A.n_cols, lim = n < T ? n : T;
	int dim = o->dim < lim ? o->dim : lim;
	int l = dim + TEXT_OVERSAMPLE < lim ? dim + TEXT_OVERSAMPLE : lim;
	t->n_items = n, t->dim = dim, t->n_terms = T;
	Om = malloc((size_t)T * l * sizeof *Om);
	Y = malloc((size_t)n * l * sizeof *Y);
	Z = malloc((size_t)T * l * sizeof *Z);
	S = malloc((size_t)l * sizeof *S);
	work = malloc((size_t)l * sizeof *work);
	Vb = malloc((size_t)l * l * sizeof *Vb);
	t->V = malloc((size_t)n * dim * sizeof *t->V);
	t->sigma = malloc((size_t)dim * sizeof *t->sigma);
	g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!Om || !Y || !Z || !S || !work || !Vb || !t->V || !t->sigma || !g) {
		ll_fail(err, "out of memory for a %d x %d text SVD", n, T);
		goto fail;
	}
	gsl_rng_set(g, o->seed);
	for (size_t j = 0; j < (size_t)T * l; j++)
		Om[j] = gsl_ran_gaussian(g, 1.0);
	csr_mul(&A, Om, l, Y);
	orthonormalise(Y, n, l, work);
	for (int it = 0; it < o->power; it++) {
		csr_tmul(&A, Y, l, Z);
		orthonormalise(Z, T, l, work);
		csr_mul(&A, Z, l, Y);
		orthonormalise(Y, n, l, work);
	}
	/* B^T = A^T Q (T x l, T >= l) = Ub S Vb^T, so A ~ Q Vb S Ub^T. */
	csr_tmul(&A, Y, l, Z);
	gsl_matrix_view Bt = gsl_matrix_view_array(Z, (size_t)T, (size_t)l);
	gsl_matrix_view Vm = gsl_matrix_view_array(Vb, (size_t)l, (size_t)l);
	gsl_vector_view Sv = gsl_vector_view_array(S, (size_t)l);
	gsl_vector_view Wv = gsl_vector_view_array(work, (size_t)l);
	if (gsl_linalg_SV_decomp(&Bt.matrix, &Vm.matrix, &Sv.vector, &Wv.vector) != GSL_SUCCESS) {
		ll_fail(err, "the SVD of the %d x %d projected text matrix failed", T, l);
		goto fail;
	}
	double total = 0, kept = 0;
	for (int i = 0; i < n; i++)
		total += A.off[i + 1] > A.off[i]; /* unit rows */
	for (int c = 0; c < dim; c++) {
		t->sigma[c] = S[c];
		kept += S[c] * S[c];
	}
	t->energy = total > 0 ? kept / total : 0;
	/* U S = Q Vb S, first dim columns; the sign makes each column's largest
	 * entry positive, so the embedding does not flip with the solver. */
	for (int i = 0; i < n; i++)
		for (int c = 0; c < dim; c++) {
			double s = 0;
			for (int j = 0; j < l; j++)
				s += Y[(size_t)i * l + j] * Vb[(size_t)j * l + c];
			t->V[(size_t)i * dim + c] = (float)(s * S[c]);
		}
	for (int c = 0; c < dim; c++) {
		float best = 0;
		for (int i = 0; i < n; i++)
			if (fabsf(t->V[(size_t)i * dim + c]) > fabsf(best))
				best = t->V[(size_t)i * dim + c];
		if (best < 0)
			for (int i = 0; i < n; i++)
				t->V[(size_t)i * dim + c] = -t->V[(size_t)i * dim + c];
	}
	free(Om), free(Y), free(Z), free(S), free(work), free(Vb);
	gsl_rng_free(g);
	csr_release(&A);
	return t;
fail:
	free(Om), free(Y), free(Z), free(S), free(work), free(Vb);
	if (g)
		gsl_rng_free(g);
	csr_release(&A);
	text_embed_free(&t);
	return NULL;
}

void text_embed_free(text_embed **pt)
{
	if (!pt || !*pt)
		return;
	free((*pt)->V);
	free((*pt)->sigma);
	free((*pt)->doc_terms);
	free(*pt);
	*pt = NULL;
}

int text_embed_dim(const text_embed *t) { return t->dim; }
int text_embed_n_items(const text_embed *t) { return t->n_items; }
int text_embed_n_terms(const text_embed *t) { return t->n_terms; }
const float *text_embed_vectors(const text_embed *t) { return t->V; }
const double *text_embed_sigma(const text_embed *t) { return t->sigma; }
double text_embed_energy(const text_embed *t) { return t->energy; }

int text_embed_doc_terms(const text_embed *t, int item)
{
	return item >= 0 && item < t->n_items ? t->doc_terms[item] : 0;
}

int text_nearest_rows(const float *rows, int n_rows, int dim, int item, int n, int *out,
		      float *cos)
{
	if (item < 0 || item >= n_rows || n < 1)
		return 0;
	const float *q = rows + (size_t)item * dim;
	double qq = 0;
	for (int c = 0; c < dim; c++)
		qq += (double)q[c] * q[c];
	if (!(qq > 0))
		return 0;
	int got = 0;
	for (int i = 0; i < n_rows; i++) {
		if (i == item)
			continue;
		const float *v = rows + (size_t)i * dim;
		double d = 0, vv = 0;
		for (int c = 0; c < dim; c++)
			d += (double)q[c] * v[c], vv += (double)v[c] * v[c];
		if (!(vv > 0))
			continue;
		float s = (float)(d / sqrt(qq * vv));
		int at = got < n ? got : n;
		if (at == n && !(s > cos[n - 1]))
			continue;
		/* insertion: strictly greater moves up, so ties keep the lower index */
		while (at > 0 && s > cos[at - 1]) {
			if (at < n)
				out[at] = out[at - 1], cos[at] = cos[at - 1];
			at--;
		}
		out[at] = i, cos[at] = s;
		if (got < n)
			got++;
	}
	return got;
}

int text_embed_nearest(const text_embed *t, int item, int n, int *out, float *cos)
{
	return text_nearest_rows(t->V, t->n_items, t->dim, item, n, out, cos);
}

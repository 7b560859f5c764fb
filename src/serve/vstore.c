/* vstore.c: reading a store into memory, and the answers computed from it:
 * estimates, recommendations (exact or IVF), similar items, fold-in. */
#include <config.h>

#include "serve/vstore.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <sqlite3.h>

#include "engine/core/strmap.h"
#include "engine/mf/mf_kernels.h"
#include "engine/model/metrics.h"
#include "engine/vectors/ann_ivf.h"

typedef enum score_kind { SC_BIASED, SC_DOT32, SC_DOT64, SC_DOT64B, SC_SVD } score_kind;
static const char *const score_names[] = { "biased", "dot32", "dot64", "dot64_biased", "svd" };

struct vstore {
	int nu, ni, k;
	char algo[64], precision[8];
	score_kind score;
	int ranking_only, has_bias;
	double mu, lambda;
	int lambda_weighted;
	float lo, hi;
	float *P, *Q, *bu, *bi;   /* decoded to floats */
	strmap *users, *items, *titles;
	char **title;             /* items' titles by id */
	int *title_item;          /* the item of each distinct title */
	int *rated_off, *rated;   /* CSR: user u's items rated[rated_off[u] .. rated_off[u+1]) */
	vs_table *qt;             /* item vectors, for cosine */
	float *qaug;              /* [q_i, b_i] rows for the dot-product IVF */
	ivf *ix_dot, *ix_cos;
	int max_rated;
	int nprobe;                /* the IVF's default: an eighth of the cells */
};

static int sql_fail(sqlite3 *db, ll_error *err, const char *what)
{
	return ll_fail(err, "%s: %s", what, sqlite3_errmsg(db));
}

static const char *meta_get(char **keys, char **vals, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(keys[i], key))
			return vals[i];
	return NULL;
}

static int read_meta(sqlite3 *db, vstore *vs, ll_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT key, value FROM meta", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, err, "reading meta");
	char *keys[64], *vals[64];
	int n = 0, rc = -1;
	while (n < 64 && sqlite3_step(st) == SQLITE_ROW) {
		keys[n] = strdup((const char *)sqlite3_column_text(st, 0));
		vals[n] = strdup((const char *)sqlite3_column_text(st, 1));
		n++;
	}
	sqlite3_finalize(st);
	const char *need[] = { "schema", "algo", "k", "n_users", "n_items", "precision",
			       "byte_order", "score", "mu", "scale_lo", "scale_hi",
			       "foldin_lambda", "foldin_weighted" };
	for (size_t j = 0; j < sizeof need / sizeof *need; j++)
		if (!meta_get(keys, vals, n, need[j])) {
			ll_fail(err, "meta has no '%s'", need[j]);
			goto out;
		}
	if (atoi(meta_get(keys, vals, n, "schema")) != VSTORE_SCHEMA) {
		ll_fail(err, "schema %s, this latentlab reads %d", meta_get(keys, vals, n, "schema"),
			VSTORE_SCHEMA);
		goto out;
	}
	snprintf(vs->algo, sizeof vs->algo, "%s", meta_get(keys, vals, n, "algo"));
	snprintf(vs->precision, sizeof vs->precision, "%s", meta_get(keys, vals, n, "precision"));
	vs->k = atoi(meta_get(keys, vals, n, "k"));
	vs->nu = atoi(meta_get(keys, vals, n, "n_users"));
	vs->ni = atoi(meta_get(keys, vals, n, "n_items"));
	vs->mu = strtod(meta_get(keys, vals, n, "mu"), NULL);
	vs->lo = strtof(meta_get(keys, vals, n, "scale_lo"), NULL);
	vs->hi = strtof(meta_get(keys, vals, n, "scale_hi"), NULL);
	vs->lambda = strtod(meta_get(keys, vals, n, "foldin_lambda"), NULL);
	vs->lambda_weighted = atoi(meta_get(keys, vals, n, "foldin_weighted"));
	const char *ro = meta_get(keys, vals, n, "ranking_only");
	vs->ranking_only = ro ? atoi(ro) : 0;
	const char *sc = meta_get(keys, vals, n, "score");
	vs->score = (score_kind)-1;
	for (int j = 0; j < 5; j++)
		if (!strcmp(sc, score_names[j]))
			vs->score = (score_kind)j;
	if ((int)vs->score < 0) {
		ll_fail(err, "unknown score '%s'", sc);
		goto out;
	}
	vs->has_bias = vs->score == SC_BIASED || vs->score == SC_DOT64B || vs->score == SC_SVD;
	const uint32_t probe = 0x01020304;
	const char *bo = *(const unsigned char *)&probe == 4 ? "le" : "be";
	if (strcmp(meta_get(keys, vals, n, "byte_order"), bo) != 0) {
		ll_fail(err, "floats stored in byte order %s, this machine is %s",
			meta_get(keys, vals, n, "byte_order"), bo);
		goto out;
	}
	if (vs->k < 1 || vs->k > 100000 || vs->nu < 1 || vs->ni < 1 || quant_from_name(vs->precision) < 0) {
		ll_fail(err, "meta is inconsistent (k %d, %d users, %d items, precision %s)",
			vs->k, vs->nu, vs->ni, vs->precision);
		goto out;
	}
	rc = 0;
out:
	for (int i = 0; i < n; i++)
		free(keys[i]), free(vals[i]);
	return rc;
}

/* One blob to k floats. */
static int decode(const vstore *vs, const void *blob, int bytes, double scale, double offset,
		  float *out)
{
	int k = vs->k;
	const unsigned char *b = blob;
	float sc = (float)scale, off = (float)offset;
	if (!strcmp(vs->precision, "f32")) {
		if (bytes != k * (int)sizeof(float))
			return -1;
		memcpy(out, blob, (size_t)k * sizeof(float));
	} else if (!strcmp(vs->precision, "int8")) {
		if (bytes != k)
			return -1;
		for (int j = 0; j < k; j++)
			out[j] = off + sc * (float)b[j];
	} else if (!strcmp(vs->precision, "int4")) {
		if (bytes != (k + 1) / 2)
			return -1;
		for (int j = 0; j < k; j++)
			out[j] = off + sc * (float)((b[j / 2] >> (j % 2 ? 4 : 0)) & 15);
	} else
		return -1;
	return 0;
}

/* users or items: ids 0..n-1 in order, names into map, vectors and biases. */
static int read_side(sqlite3 *db, vstore *vs, int items, ll_error *err)
{
	const char *sql = items ? "SELECT id, name, bias, scale, offset, vec, title FROM items ORDER BY id"
				: "SELECT id, name, bias, scale, offset, vec FROM users ORDER BY id";
	const char *what = items ? "items" : "users";
	int n = items ? vs->ni : vs->nu;
	float *X = items ? vs->Q : vs->P, *b = items ? vs->bi : vs->bu;
	strmap *names = items ? vs->items : vs->users;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(db, err, what);
	int got = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (got >= n || sqlite3_column_int(st, 0) != got || !name) {
			sqlite3_finalize(st);
			return ll_fail(err, "%s: ids are not 0..%d in order", what, n - 1);
		}
		b[got] = (float)sqlite3_column_double(st, 2);
		if (decode(vs, sqlite3_column_blob(st, 5), sqlite3_column_bytes(st, 5),
			   sqlite3_column_double(st, 3), sqlite3_column_double(st, 4),
			   X + (size_t)got * vs->k) < 0) {
			sqlite3_finalize(st);
			return ll_fail(err, "%s: row %d: vec has %d bytes, not what k = %d at %s needs",
				       what, got, sqlite3_column_bytes(st, 5), vs->k, vs->precision);
		}
		if (strmap_intern(names, name) != got) {
			sqlite3_finalize(st);
			return ll_fail(err, "%s: name '%s' is not unique", what, name);
		}
		if (items) {
			const char *t = (const char *)sqlite3_column_text(st, 6);
			vs->title[got] = strdup(t ? t : name);
			if (!vs->title[got]) {
				sqlite3_finalize(st);
				return ll_fail(err, "out of memory");
			}
			/* The first of equal titles answers to it. */
			if (strmap_get(vs->titles, vs->title[got]) < 0) {
				int t_ix = strmap_intern(vs->titles, vs->title[got]);
				if (t_ix < 0) {
					sqlite3_finalize(st);
					return ll_fail(err, "out of memory");
				}
				vs->title_item[t_ix] = got;
			}
		}
		got++;
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return sql_fail(db, err, what);
	if (got != n)
		return ll_fail(err, "%s: %d rows, meta says %d", what, got, n);
	return 0;
}

static int read_ratings(sqlite3 *db, vstore *vs, ll_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM ratings", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sql_fail(db, err, "ratings");
	}
	long n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	vs->rated_off = calloc((size_t)vs->nu + 1, sizeof *vs->rated_off);
	vs->rated = malloc(((size_t)n + 1) * sizeof *vs->rated);
	if (!vs->rated_off || !vs->rated)
		return ll_fail(err, "out of memory");
	if (sqlite3_prepare_v2(db, "SELECT user, item FROM ratings ORDER BY user, item", -1, &st,
			       NULL) != SQLITE_OK)
		return sql_fail(db, err, "ratings");
	long j = 0;
	int s, prev = 0;
	while ((s = sqlite3_step(st)) == SQLITE_ROW && j < n) {
		int u = sqlite3_column_int(st, 0), i = sqlite3_column_int(st, 1);
		if (u < prev || u >= vs->nu || i < 0 || i >= vs->ni) {
			sqlite3_finalize(st);
			return ll_fail(err, "ratings: (%d, %d) is outside the users and items", u, i);
		}
		while (prev < u)
			vs->rated_off[++prev] = (int)j;
		vs->rated[j++] = i;
	}
	sqlite3_finalize(st);
	while (prev < vs->nu)
		vs->rated_off[++prev] = (int)j;
	for (int u = 0; u < vs->nu; u++) {
		int c = vs->rated_off[u + 1] - vs->rated_off[u];
		if (c > vs->max_rated)
			vs->max_rated = c;
	}
	return 0;
}

vstore *vstore_open(const char *path, ll_error *err)
{
	sqlite3 *db = NULL;
	vstore *vs = calloc(1, sizeof *vs);
	if (!vs) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		ll_fail(err, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
		goto fail;
	}
	sqlite3_stmt *st;
	int app = 0, ver = 0;
	if (sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		app = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		ver = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (app != VSTORE_APP_ID) {
		ll_fail(err, "%s: not a latentlab vector store (%s)", path,
			sqlite3_errcode(db) == SQLITE_NOTADB ? "not a database" : "no application id");
		goto fail;
	}
	if (ver != VSTORE_SCHEMA) {
		ll_fail(err, "%s: schema version %d, this latentlab reads %d", path, ver, VSTORE_SCHEMA);
		goto fail;
	}
	if (read_meta(db, vs, err) < 0)
		goto fail_prefix;
	size_t k = (size_t)vs->k;
	vs->P = malloc((size_t)vs->nu * k * sizeof *vs->P);
	vs->Q = malloc((size_t)vs->ni * k * sizeof *vs->Q);
	vs->bu = calloc((size_t)vs->nu, sizeof *vs->bu);
	vs->bi = calloc((size_t)vs->ni, sizeof *vs->bi);
	vs->title = calloc((size_t)vs->ni, sizeof *vs->title);
	vs->title_item = calloc((size_t)vs->ni, sizeof *vs->title_item);
	vs->users = strmap_new(), vs->items = strmap_new(), vs->titles = strmap_new();
	if (!vs->P || !vs->Q || !vs->bu || !vs->bi || !vs->title || !vs->title_item || !vs->users || !vs->items ||
	    !vs->titles) {
		ll_fail(err, "out of memory");
		goto fail;
	}
	if (read_side(db, vs, 0, err) < 0 || read_side(db, vs, 1, err) < 0 ||
	    read_ratings(db, vs, err) < 0)
		goto fail_prefix;
	sqlite3_close(db);
	if (!(vs->qt = vs_table_new(vs->Q, vs->ni, vs->k, err)))
		goto fail_prefix;
	return vs;
fail_prefix:
	ll_prefix(err, "%s: ", path);
fail:
	sqlite3_close(db);
	vstore_free(&vs);
	return NULL;
}

void vstore_free(vstore **pvs)
{
	vstore *vs = *pvs;
	if (!vs)
		return;
	free(vs->P), free(vs->Q), free(vs->bu), free(vs->bi), free(vs->qaug);
	for (int i = 0; vs->title && i < vs->ni; i++)
		free(vs->title[i]);
	free(vs->title), free(vs->title_item);
	strmap_free(&vs->users), strmap_free(&vs->items), strmap_free(&vs->titles);
	free(vs->rated_off), free(vs->rated);
	vs_table_free(&vs->qt);
	ivf_free(&vs->ix_dot), ivf_free(&vs->ix_cos);
	free(vs);
	*pvs = NULL;
}

int vstore_n_users(const vstore *vs) { return vs->nu; }
int vstore_n_items(const vstore *vs) { return vs->ni; }
int vstore_k(const vstore *vs) { return vs->k; }
const char *vstore_algo(const vstore *vs) { return vs->algo; }
const char *vstore_precision(const vstore *vs) { return vs->precision; }
const char *vstore_score_kind(const vstore *vs) { return score_names[vs->score]; }
int vstore_rates(const vstore *vs) { return !vs->ranking_only; }
const char *vstore_user_name(const vstore *vs, int u) { return strmap_key(vs->users, u); }
const char *vstore_item_name(const vstore *vs, int i) { return strmap_key(vs->items, i); }
const char *vstore_item_title(const vstore *vs, int i) { return vs->title[i]; }
const float *vstore_user_vec(const vstore *vs, int u) { return vs->P + (size_t)u * vs->k; }
const float *vstore_item_vec(const vstore *vs, int i) { return vs->Q + (size_t)i * vs->k; }

int vstore_user(const vstore *vs, const char *name)
{
	return strmap_get(vs->users, name);
}

int vstore_item(const vstore *vs, const char *s)
{
	int i = strmap_get(vs->items, s);
	if (i >= 0)
		return i;
	int t = strmap_get(vs->titles, s);
	return t >= 0 ? vs->title_item[t] : -1;
}

int vstore_rated(const vstore *vs, int u, const int **items)
{
	*items = vs->rated + vs->rated_off[u];
	return vs->rated_off[u + 1] - vs->rated_off[u];
}

/* The same arithmetic, in the same order, as the engine's models. */
double vstore_predict(const vstore *vs, int u, int i)
{
	if (u < 0 || u >= vs->nu || i < 0 || i >= vs->ni)
		return NAN;
	int k = vs->k;
	const float *p = vs->P + (size_t)u * k, *q = vs->Q + (size_t)i * k;
	double s = 0;
	switch (vs->score) {
	case SC_BIASED: {
		double est = vs->mu + vs->bi[i];
		return est + vs->bu[u] + mf_dot(p, q, k);
	}
	case SC_DOT32: {
		float f = 0;
		for (int j = 0; j < k; j++)
			f += p[j] * q[j];
		return f;
	}
	case SC_DOT64:
	case SC_DOT64B:
		for (int j = 0; j < k; j++)
			s += (double)p[j] * q[j];
		if (vs->score == SC_DOT64B)
			s += vs->mu + vs->bu[u] + vs->bi[i];
		return s;
	case SC_SVD:
		s = vs->mu + vs->bu[u] + vs->bi[i];
		for (int j = 0; j < k; j++)
			s += (double)p[j] * q[j];
		return s;
	}
	return NAN;
}

double vstore_clip(const vstore *vs, double x)
{
	if (vs->ranking_only || isnan(x))
		return x;
	return x < vs->lo ? vs->lo : x > vs->hi ? vs->hi : x;
}

int vstore_build_ivf(vstore *vs, int nlist, unsigned long seed, ll_error *err)
{
	int d = vs->k + 1;
	free(vs->qaug);
	ivf_free(&vs->ix_dot), ivf_free(&vs->ix_cos);
	vs->qaug = malloc((size_t)vs->ni * d * sizeof *vs->qaug);
	if (!vs->qaug)
		return ll_fail(err, "out of memory");
	for (int i = 0; i < vs->ni; i++) {
		memcpy(vs->qaug + (size_t)i * d, vs->Q + (size_t)i * vs->k, (size_t)vs->k * sizeof(float));
		vs->qaug[(size_t)i * d + vs->k] = vs->has_bias ? vs->bi[i] : 0.0f;
	}
	ivf_opts o;
	ivf_opts_init(&o);
	o.nlist = nlist, o.seed = seed, o.metric = VS_DOT;
	if (!(vs->ix_dot = ivf_build(vs->qaug, vs->ni, d, &o, err)))
		return -1;
	o.metric = VS_COSINE;
	if (!(vs->ix_cos = ivf_build(vs->Q, vs->ni, vs->k, &o, err)))
		return -1;
	vs->nprobe = (ivf_nlist(vs->ix_dot) + 7) / 8;
	return 0;
}

int vstore_has_ivf(const vstore *vs) { return vs->ix_dot != NULL; }
int vstore_ivf_nlist(const vstore *vs) { return vs->ix_dot ? ivf_nlist(vs->ix_dot) : 0; }
int vstore_ivf_nprobe(const vstore *vs) { return vs->ix_dot ? vs->nprobe : 0; }

static int in_sorted(const int *a, int n, int x)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (a[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && a[lo] == x;
}

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Best first; ties to the lower id (as metrics_top_k). */
static void sort_hits(int *items, float *scores, int n)
{
	for (int a = 1; a < n; a++) {
		int it = items[a];
		float sc = scores[a];
		int b = a - 1;
		while (b >= 0 && (scores[b] < sc || (scores[b] == sc && items[b] > it))) {
			items[b + 1] = items[b], scores[b + 1] = scores[b];
			b--;
		}
		items[b + 1] = it, scores[b + 1] = sc;
	}
}

/* The scores of every item for a user (u >= 0) or a folded-in vector. */
static void score_all(const vstore *vs, int u, const float *p, float bias, float *out)
{
	for (int i = 0; i < vs->ni; i++)
		out[i] = (float)(u >= 0 ? vstore_predict(vs, u, i) : vstore_foldin_predict(vs, p, bias, i));
}

static int recommend(const vstore *vs, int u, const float *p, float bias, const int *skip,
		     int m, int n, const vstore_search *s, int *items, float *scores, ll_error *err)
{
	if (n < 1)
		return ll_fail(err, "n must be at least 1");
	if (n > vs->ni)
		n = vs->ni;
	if (s && s->ivf) {
		if (!vs->ix_dot)
			return ll_fail(err, "this server has no IVF index (start it with --ivf)");
		int d = vs->k + 1, want = n + m;
		float *q = malloc((size_t)d * sizeof *q);
		vs_hit *h = malloc((size_t)want * sizeof *h);
		if (!q || !h) {
			free(q), free(h);
			return ll_fail(err, "out of memory");
		}
		memcpy(q, u >= 0 ? vs->P + (size_t)u * vs->k : p, (size_t)vs->k * sizeof *q);
		q[vs->k] = 1.0f;
		int got = ivf_search(vs->ix_dot, q, want, s->nprobe > 0 ? s->nprobe : vs->nprobe, h), c = 0;
		for (int j = 0; j < got && c < n; j++) {
			if (in_sorted(skip, m, h[j].id))
				continue;
			items[c] = h[j].id;
			scores[c++] = (float)(u >= 0 ? vstore_predict(vs, u, h[j].id)
						     : vstore_foldin_predict(vs, p, bias, h[j].id));
		}
		free(q), free(h);
		sort_hits(items, scores, c);
		return c;
	}
	float *all = malloc(((size_t)vs->ni + 1) * sizeof *all);
	unsigned char *sk = calloc((size_t)vs->ni + 1, 1);
	if (!all || !sk) {
		free(all), free(sk);
		return ll_fail(err, "out of memory");
	}
	score_all(vs, u, p, bias, all);
	for (int j = 0; j < m; j++)
		sk[skip[j]] = 1;
	int got = metrics_top_k(all, vs->ni, sk, n, items);
	for (int j = 0; j < got; j++)
		scores[j] = all[items[j]];
	free(all), free(sk);
	return got;
}

int vstore_recommend(const vstore *vs, int u, int n, const vstore_search *s,
		     int *items, float *scores, ll_error *err)
{
	if (u < 0 || u >= vs->nu)
		return ll_fail(err, "no user %d", u);
	const int *r;
	int m = vstore_rated(vs, u, &r);
	return recommend(vs, u, NULL, 0, r, m, n, s, items, scores, err);
}

int vstore_recommend_vec(const vstore *vs, const float *p, float bias, const int *skip, int m,
			 int n, const vstore_search *s, int *items, float *scores, ll_error *err)
{
	int *sorted = malloc(((size_t)m + 1) * sizeof *sorted);
	if (!sorted)
		return ll_fail(err, "out of memory");
	memcpy(sorted, skip, (size_t)m * sizeof *sorted);
	qsort(sorted, (size_t)m, sizeof *sorted, by_int);
	int rc = recommend(vs, -1, p, bias, sorted, m, n, s, items, scores, err);
	free(sorted);
	return rc;
}

static int skip_self(void *ctx, int id)
{
	return id == *(const int *)ctx;
}

int vstore_similar(const vstore *vs, int i, int n, const vstore_search *s,
		   int *items, float *scores, ll_error *err)
{
	if (i < 0 || i >= vs->ni)
		return ll_fail(err, "no item %d", i);
	if (n < 1)
		return ll_fail(err, "n must be at least 1");
	if (n > vs->ni - 1)
		n = vs->ni - 1;
	vs_hit *h = malloc(((size_t)n + 2) * sizeof *h);
	if (!h)
		return ll_fail(err, "out of memory");
	const float *q = vs->Q + (size_t)i * vs->k;
	int got, c = 0;
	if (s && s->ivf) {
		if (!vs->ix_cos) {
			free(h);
			return ll_fail(err, "this server has no IVF index (start it with --ivf)");
		}
		got = ivf_search(vs->ix_cos, q, n + 1, s->nprobe > 0 ? s->nprobe : vs->nprobe, h);
	} else
		got = vs_topk(vs->qt, VS_COSINE, q, n, skip_self, &i, h);
	for (int j = 0; j < got && c < n; j++)
		if (h[j].id != i)
			items[c] = h[j].id, scores[c++] = h[j].score;
	free(h);
	return c;
}

int vstore_foldin(const vstore *vs, int m, const int *items, const float *values,
		  float *p, float *bias, ll_error *err)
{
	if (vs->score == SC_SVD || vs->ranking_only)
		return ll_fail(err, "fold-in from a %s store is not served (it needs what the "
			       "model keeps beside its vectors)", vs->algo);
	if (m < 1)
		return ll_fail(err, "fold-in needs at least one rating");
	int k = vs->k, d = k + vs->has_bias;
	double lambda = vs->lambda * (vs->lambda_weighted ? m : 1);
	gsl_matrix *A = gsl_matrix_calloc((size_t)d, (size_t)d);
	gsl_vector *b = gsl_vector_calloc((size_t)d), *x = gsl_vector_alloc((size_t)d);
	double *y = malloc((size_t)d * sizeof *y);
	int rc = -1;
	if (!A || !b || !x || !y) {
		ll_fail(err, "out of memory");
		goto out;
	}
	for (int j = 0; j < m; j++) {
		if (items[j] < 0 || items[j] >= vs->ni) {
			ll_fail(err, "fold-in: item %d is not in the store", items[j]);
			goto out;
		}
		const float *q = vs->Q + (size_t)items[j] * k;
		for (int f = 0; f < k; f++)
			y[f] = q[f];
		if (vs->has_bias)
			y[k] = 1.0;
		double t = values[j] - (vs->has_bias ? (float)vs->mu + vs->bi[items[j]] : 0.0f);
		for (int f = 0; f < d; f++) {
			*gsl_vector_ptr(b, (size_t)f) += t * y[f];
			for (int g = 0; g <= f; g++)
				*gsl_matrix_ptr(A, (size_t)f, (size_t)g) += y[f] * y[g];
		}
	}
	for (int f = 0; f < d; f++) {
		*gsl_matrix_ptr(A, (size_t)f, (size_t)f) += lambda;
		for (int g = 0; g < f; g++)
			gsl_matrix_set(A, (size_t)g, (size_t)f, gsl_matrix_get(A, (size_t)f, (size_t)g));
	}
	ll_gsl_quiet();
	if (gsl_linalg_cholesky_decomp1(A) != 0 || gsl_linalg_cholesky_solve(A, b, x) != 0) {
		ll_fail(err, "fold-in: the system is singular (give more ratings)");
		goto out;
	}
	for (int f = 0; f < d; f++)
		if (!isfinite(gsl_vector_get(x, (size_t)f))) {
			ll_fail(err, "fold-in: the system is singular (give more ratings)");
			goto out;
		}
	for (int f = 0; f < k; f++)
		p[f] = (float)gsl_vector_get(x, (size_t)f);
	*bias = vs->has_bias ? (float)gsl_vector_get(x, (size_t)k) : 0.0f;
	rc = 0;
out:
	gsl_matrix_free(A), gsl_vector_free(b), gsl_vector_free(x);
	free(y);
	return rc;
}

double vstore_foldin_predict(const vstore *vs, const float *p, float bias, int i)
{
	if (i < 0 || i >= vs->ni)
		return NAN;
	const float *q = vs->Q + (size_t)i * vs->k;
	double s = 0;
	for (int f = 0; f < vs->k; f++)
		s += (double)p[f] * q[f];
	if (vs->has_bias)
		s += vs->mu + bias + vs->bi[i];
	return s;
}

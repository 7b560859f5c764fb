/* cmd_search.c: nearest vectors: exact top-k by dot, cosine or Euclidean
 * distance (search), and an IVF index against exact search (ann). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/clock.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/vectors/vsearch.h"
#include "engine/core/intl.h"
#include "lab/lab_impl.h"


static vs_metric metric_of(const char *s)
{
	return !strcmp(s, "cosine") ? VS_COSINE : !strcmp(s, "euclidean") ? VS_EUCLIDEAN : VS_DOT;
}

/* --- search ----------------------------------------------------------------- */

static const lab_opt search_opts[] = {
	{ "metric", OPT_WORD, "dot", N_("how to score items"), VS_METRIC_NAMES },
	{ "n", OPT_INT, "10", N_("how many items"), NULL },
	{ "model", OPT_STR, NULL, N_("the model whose vectors to search (default: the current one)"), NULL },
	{ "normalize", OPT_BOOL, "no", N_("scale every vector to length 1 first"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* normalize=yes: the item vectors and the query scaled to length one, into
 * one new array (items first, then the query); a zero vector stays zero. */
static float *unit_copy(const float *items, int n, const float *q, int k)
{
	float *u = malloc(((size_t)n + 1) * k * sizeof *u);
	for (int i = 0; u && i <= n; i++) {
		const float *x = i < n ? items + (size_t)i * k : q;
		double len = lab_vec_norm(x, k);
		for (int f = 0; f < k; f++)
			u[(size_t)i * k + f] = len > 0 ? (float)(x[f] / len) : 0;
	}
	return u;
}

typedef struct skip_ctx {
	const ratings *train;
	int user, item;
} skip_ctx;

/* A user's query skips the items they rated; an item's skips itself. */
static int skip_seen(void *ctx, int id)
{
	const skip_ctx *s = ctx;
	if (s->item >= 0)
		return id == s->item;
	return s->train && ratings_find(s->train, s->user, id) >= 0;
}

static int rank_of(const vs_hit *h, int n, int id)
{
	for (int i = 0; i < n; i++)
		if (h[i].id == id)
			return i + 1;
	return 0;
}

static int run_search(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_factor_model(c, "search", err);
	if (!lm)
		return -1;
	int side, x = lab_user_or_item(l, c->argv[0].text, &side, err);
	if (x < 0)
		return -1;
	int k = model_k(lm->m), ni = model_n_items(lm->m);
	if (x >= (side == SIDE_USER ? model_n_users(lm->m) : ni))
		return ll_fail(err, "search: model '%s' was trained before '%s' existed", lm->name,
			       c->argv[0].text);
	long n = lab_opt_long(c, "n", 10);
	if (n < 1 || n > 1000)
		return ll_fail(err, "search: n must be between 1 and 1000");
	vs_metric m = metric_of(lab_opt_str(c, "metric", "dot"));
	const float *q = (side == SIDE_USER ? model_user_factors_const(lm->m)
					    : model_item_factors_const(lm->m)) + (size_t)x * k;
	const float *items = model_item_factors_const(lm->m);
	int unit = params_bool(c->opts, "normalize", false);
	float *scaled = unit ? unit_copy(items, ni, q, k) : NULL;
	if (scaled)
		items = scaled, q = scaled + (size_t)ni * k;
	vs_table *t = !unit || scaled ? vs_table_new(items, ni, k, err) : NULL;
	vs_hit *h[3];
	for (int i = 0; i < 3; i++)
		h[i] = malloc((size_t)n * sizeof *h[i]);
	if (!t || !h[0] || !h[1] || !h[2]) {
		vs_table_free(&t);
		free(h[0]), free(h[1]), free(h[2]);
		free(scaled);
		return ll_fail(err, "out of memory");
	}
	skip_ctx sc = { lab_train_set(l), side == SIDE_USER ? x : -1, side == SIDE_ITEM ? x : -1 };
	int got[3];
	for (int i = 0; i < 3; i++)
		got[i] = vs_topk(t, (vs_metric)i, q, (int)n, skip_seen, &sc, h[i]);
	char title[600];
	const char *qn = side == SIDE_USER ? ratings_user_name(l->data, x) : ratings_item_title(l->data, x);
	/* TRANSLATORS: the second %s is the metric (dot, cosine, euclidean). */
	if (unit && side == SIDE_USER)
		snprintf(title, sizeof title, _("Nearest items to %s by %s (model %s, k=%d, every vector "
						"scaled to length 1), unrated only"),
			 qn, vs_metric_name(m), lm->name, k);
	else if (unit)
		snprintf(title, sizeof title, _("Nearest items to %s by %s (model %s, k=%d, every vector "
						"scaled to length 1)"), qn, vs_metric_name(m), lm->name, k);
	else if (side == SIDE_USER)
		snprintf(title, sizeof title, _("Nearest items to %s by %s (model %s, k=%d), unrated only"),
			 qn, vs_metric_name(m), lm->name, k);
	else
		snprintf(title, sizeof title, _("Nearest items to %s by %s (model %s, k=%d)"), qn,
			 vs_metric_name(m), lm->name, k);
	view *v = view_table(title, got[m], 6);
	view_table_header(v, 0, _("#"), 'r');
	view_table_header(v, 1, _("item"), 'l');
	view_table_header(v, 2, m == VS_EUCLIDEAN ? _("distance") : vs_metric_name(m), 'r');
	view_table_header(v, 3, _("dot #"), 'r');
	view_table_header(v, 4, _("cosine #"), 'r');
	view_table_header(v, 5, _("euclid #"), 'r');
	for (int j = 0; j < got[m]; j++) {
		int id = h[m][j].id;
		view_table_set(v, j, 0, "%d", j + 1);
		view_table_set(v, j, 1, "%s", ratings_item_title(l->data, id));
		view_table_set(v, j, 2, "%.3f", m == VS_EUCLIDEAN ? -h[m][j].score : h[m][j].score);
		for (int i = 0; i < 3; i++) {
			int r = rank_of(h[i], got[i], id);
			if (r)
				view_table_set(v, j, 3 + i, "%d", r);
			else
				view_table_set(v, j, 3 + i, "-");
		}
	}
	double dc = got[0] ? (double)vs_overlap(h[0], got[0], h[1], got[1]) / got[0] : 0;
	double ce = got[1] ? (double)vs_overlap(h[1], got[1], h[2], got[2]) / got[1] : 0;
	double de = got[0] ? (double)vs_overlap(h[0], got[0], h[2], got[2]) / got[0] : 0;
	char body[800];
	if (unit)
		snprintf(body, sizeof body,
			 _("Top %ld shared: dot and cosine %.0f%%, cosine and Euclidean %.0f%%, dot and "
			   "Euclidean %.0f%%. With every vector of length 1, the dot product is the "
			   "cosine and the distance depends on the cosine alone."), n, 100 * dc, 100 * ce,
			 100 * de);
	else
		snprintf(body, sizeof body,
			 _("Top %ld shared: dot and cosine %.0f%%, cosine and Euclidean %.0f%%, dot and "
			   "Euclidean %.0f%%. Dot favours long vectors (popular, strongly rated items); "
			   "cosine looks only at direction; Euclidean also at length."), n, 100 * dc,
			 100 * ce, 100 * de);
	view_append(&v, view_text(NULL, body));
	*out = v;
	lab_last_num(l, "search.dot_cosine", dc);
	lab_last_num(l, "search.cosine_euclidean", ce);
	lab_last_num(l, "search.dot_euclidean", de);
	if (got[m] > 0) {
		lab_last_str(l, "search.top", ratings_item_title(l->data, h[m][0].id));
		lab_result(l, m == VS_EUCLIDEAN ? -h[m][0].score : h[m][0].score);
	}
	vs_table_free(&t);
	free(h[0]), free(h[1]), free(h[2]);
	free(scaled);
	return 0;
}

/* --- ann -------------------------------------------------------------------- */

static const lab_opt ann_opts[] = {
	{ "metric", OPT_WORD, "dot", N_("score to search by"), VS_METRIC_NAMES },
	{ "nlist", OPT_INT, NULL, N_("cells of the index (default about sqrt of the items)"), NULL },
	{ "k", OPT_INT, "10", N_("neighbours per query (recall@k)"), NULL },
	{ "synthetic", OPT_INT, NULL, N_("index this many clustered random vectors instead"), NULL },
	{ "sizes", OPT_STR, NULL, N_("synthetic catalogues of these sizes, exact search against the "
	  "index (sizes=1000,10000,100000,1000000)"), NULL },
	{ "dim", OPT_INT, "32", N_("synthetic: dimensions"), NULL },
	{ "queries", OPT_INT, "200", N_("queries measured (users of the model, or synthetic draws)"), NULL },
	{ "seed", OPT_INT, NULL, N_("k-means and synthetic seed (default: the session seed)"), NULL },
	{ "model", OPT_STR, NULL, N_("the model whose item vectors to index"), NULL },
	{ "plot", OPT_WORD, NULL, N_("the chart: recall against nprobe (recall, the default), recall "
	  "against queries/s (tradeoff), or with sizes= queries/s against size (exact)"),
	  "recall|tradeoff|exact" },
	{ NULL, 0, NULL, NULL, NULL },
};

/* A synthetic draw of n vectors, kept for the session: a later command, or
 * a lesson replaying its steps, takes it from the cache. */
static const float *synthetic(lab *l, int n, int d, unsigned long seed, ll_error *err)
{
	char key[96];
	snprintf(key, sizeof key, "ann synthetic %d x %d seed %lu", n, d, seed);
	float *x = lab_cache_get(l, key);
	if (x)
		return x;
	if (!(x = vs_synthetic(n, d, 100, 0.5, seed, err)))
		return NULL;
	if (lab_cache_put(l, key, x, free, (double)n * d * sizeof *x) < 0) {
		free(x);
		ll_fail(err, "out of memory");
		return NULL;
	}
	return x;
}

static void ivf_drop(void *p)
{
	ivf *ix = p;
	ivf_free(&ix);
}

/* The index over the first n rows of a cached draw (key: its name), kept
 * for the session too; a fresh one, the caller's to free, when key is NULL. */
static ivf *index_of(lab *l, const char *key, const float *x, int n, int d, const ivf_opts *o,
		     int *owned, ll_error *err)
{
	char k2[200];
	*owned = !key;
	if (key) {
		snprintf(k2, sizeof k2, "ivf over %d of %s nlist %d seed %lu metric %d", n, key, o->nlist,
			 o->seed, (int)o->metric);
		ivf *ix = lab_cache_get(l, k2);
		if (ix)
			return ix;
	}
	ivf *ix = ivf_build(x, n, d, o, err);
	if (!ix || !key)
		return ix;
	if (lab_cache_put(l, k2, ix, ivf_drop, (double)ivf_bytes(ix)) < 0) {
		ivf_free(&ix);
		ll_fail(err, "out of memory");
	}
	return ix;
}

/* Queries per second of fn over the queries: the best of short timed passes
 * of at most `chunk` queries each (a loaded machine's pauses fall in some
 * passes, not all), for at least 50 ms and at most 300 ms in all. */
typedef void (*query_fn)(const void *ctx, const float *q, vs_hit *hits);

static double best_qps(query_fn fn, const void *ctx, const float *q, int nq, int d, int chunk,
		       vs_hit *hits)
{
	double best = 0, spent = 0;
	int next = 0, passes = 0;
	while (spent < 0.05 || (passes < 3 && spent < 0.3)) {
		double t0 = ll_now();
		for (int j = 0; j < chunk; j++, next = (next + 1) % nq)
			fn(ctx, q + (size_t)next * d, hits);
		double el = ll_now() - t0;
		spent += el, passes++;
		if (el > 0 && chunk / el > best)
			best = chunk / el;
		if (spent >= 0.3)
			break;
	}
	return best;
}

typedef struct exact_ctx {
	const vs_table *t;
	vs_metric m;
	int k;
} exact_ctx;

static void exact_query(const void *ctx, const float *q, vs_hit *hits)
{
	const exact_ctx *e = ctx;
	vs_topk(e->t, e->m, q, e->k, NULL, NULL, hits);
}

typedef struct ivf_ctx {
	const ivf *ix;
	int k, nprobe;
} ivf_ctx;

static void ivf_query(const void *ctx, const float *q, vs_hit *hits)
{
	const ivf_ctx *e = ctx;
	ivf_search(e->ix, q, e->k, e->nprobe, hits);
}

typedef struct ann_run {
	int np, probes[32], reached;
	double recall[32], qps[32], exact_qps;
} ann_run;

/* Exact search and the index on the same queries: the exact top k of all
 * (in parallel), the exact queries per second (one thread), then for
 * nprobe = 1, 2, 4, ... the recall and queries per second (one thread,
 * best_qps). until95: stop at the first nprobe whose recall reaches 0.95. */
static int ann_measure(lab *l, const float *x, int n, int d, const float *q, int nq, int k,
		       vs_metric m, const ivf *ix, int until95, ann_run *r, ll_error *err)
{
	memset(r, 0, sizeof *r);
	r->reached = -1;
	vs_table *t = vs_table_new(x, n, d, err);
	vs_hit *exact = malloc(((size_t)nq * k + 1) * sizeof *exact);
	vs_hit *hits = malloc(((size_t)k + 1) * sizeof *hits);
	if (!t || !exact || !hits || vs_topk_batch(t, m, q, nq, k, exact) < 0) {
		vs_table_free(&t);
		free(exact), free(hits);
		return err->msg[0] ? -1 : ll_fail(err, "out of memory");
	}
	exact_ctx ec = { t, m, k };
	/* Passes of a few queries: one query of a million vectors takes 20 ms. */
	r->exact_qps = best_qps(exact_query, &ec, q, nq, d, n > 100000 ? 2 : n > 10000 ? 8 : 32, hits);
	int nlist = ivf_nlist(ix);
	for (int p = 1; p < nlist && r->np < 31; p *= 2)
		r->probes[r->np++] = p;
	r->probes[r->np++] = nlist;
	for (int i = 0; i < r->np; i++) {
		if (lab_cancelled(l)) {
			r->np = i;
			break;
		}
		double rec = 0;
		for (int j = 0; j < nq; j++) {
			int got = ivf_search(ix, q + (size_t)j * d, k, r->probes[i], hits);
			rec += vs_overlap(exact + (size_t)j * k, k, hits, got) / (double)k;
		}
		/* Timed apart from the recall, in passes of a few queries. */
		ivf_ctx ic = { ix, k, r->probes[i] };
		r->qps[i] = best_qps(ivf_query, &ic, q, nq, d, 16, hits);
		r->recall[i] = rec / nq;
		if (r->reached < 0 && r->recall[i] >= 0.95) {
			r->reached = i;
			if (until95) {
				r->np = i + 1;
				break;
			}
		}
	}
	vs_table_free(&t);
	free(exact), free(hits);
	return 0;
}

static void progress(lab *l, double f, const char *what)
{
	if (l->progress)
		l->progress(l->progress_ctx, f, NAN, what);
}

/* ann sizes=...: exact search against the index as the catalogue grows. */
static int ann_sizes(lab_call *c, const char *list, int k, int nq, int d, unsigned long seed,
		     vs_metric m, view **out, ll_error *err)
{
	lab *l = c->l;
	long sizes[16];
	int ns = 0;
	for (const char *p = list; *p && ns < 16;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p || v < 100 || v > 1000000 || (*end && *end != ','))
			return ll_fail(err, "ann: sizes= takes up to 16 catalogue sizes from 100 to "
				       "1000000, comma-separated (sizes=1000,10000,100000)");
		if (ns && v <= sizes[ns - 1])
			return ll_fail(err, "ann: sizes= must rise (sizes=1000,10000,100000)");
		sizes[ns++] = v;
		p = *end ? end + 1 : end;
	}
	if (ns == 0)
		return ll_fail(err, "ann: sizes= needs at least one size");
	/* One draw serves every size: a catalogue of n is its first n rows, and
	 * the queries are the rows after the largest. */
	long top = sizes[ns - 1];
	char key[96];
	snprintf(key, sizeof key, "ann synthetic %ld x %d seed %lu", top + nq, d, seed);
	progress(l, 0, _("drawing vectors"));
	const float *all = synthetic(l, (int)(top + nq), d, seed, err);
	if (!all)
		return -1;
	const float *q = all + (size_t)top * d;
	double xs[16], ex[16], iv[16];
	char title[600];
	snprintf(title, sizeof title, _("Exact search against an IVF index as the catalogue grows "
		 "(synthetic vectors of %d dims, %d queries, recall@%d of 0.95)"), d, nq, k);
	view *t = view_table(title, ns, 7);
	/* TRANSLATORS: ann sizes='s columns; q/s: queries per second. */
	const char *hd[] = { _("vectors"), _("cells"), _("exact q/s"), _("index q/s"), _("nprobe"),
			     _("recall"), _("faster") };
	for (int j = 0; j < 7; j++)
		view_table_header(t, j, hd[j], 'r');
	int done = 0, rc = 0;
	for (int i = 0; i < ns && rc == 0; i++) {
		char what[128];
		snprintf(what, sizeof what, _("%ld vectors"), sizes[i]);
		progress(l, (double)i / ns, what);
		if (lab_cancelled(l))
			break;
		ivf_opts o;
		ivf_opts_init(&o);
		o.nlist = (int)lab_opt_long(c, "nlist", 0), o.seed = seed, o.metric = m;
		int owned;
		ivf *ix = index_of(l, key, all, (int)sizes[i], d, &o, &owned, err);
		ann_run r;
		if (!ix || ann_measure(l, all, (int)sizes[i], d, q, nq, k, m, ix, 1, &r, err) < 0) {
			rc = -1;
			break;
		}
		int at = r.reached >= 0 ? r.reached : r.np - 1;
		if (lab_cancelled(l) || at < 0)
			break;
		xs[i] = (double)sizes[i], ex[i] = r.exact_qps, iv[i] = r.qps[at];
		view_table_set(t, i, 0, "%ld", sizes[i]);
		view_table_set(t, i, 1, "%d", ivf_nlist(ix));
		view_table_set(t, i, 2, "%.0f", r.exact_qps);
		view_table_set(t, i, 3, "%.0f", r.qps[at]);
		view_table_set(t, i, 4, "%d", r.probes[at]);
		view_table_set(t, i, 5, "%.3f", r.recall[at]);
		double f = r.qps[at] / r.exact_qps;
		view_table_set(t, i, 6, f < 10 ? "%.1fx" : "%.0fx", f);
		char kk[96];
		snprintf(kk, sizeof kk, "ann.size.%ld.exact_qps", sizes[i]);
		lab_last_num(l, kk, r.exact_qps);
		snprintf(kk, sizeof kk, "ann.size.%ld.ivf_qps", sizes[i]);
		lab_last_num(l, kk, r.qps[at]);
		snprintf(kk, sizeof kk, "ann.size.%ld.nprobe", sizes[i]);
		lab_last_num(l, kk, r.probes[at]);
		snprintf(kk, sizeof kk, "ann.size.%ld.nlist", sizes[i]);
		lab_last_num(l, kk, ivf_nlist(ix));
		done = i + 1;
	}
	if (rc < 0) {
		view_free(&t);
		return -1;
	}
	t->u.table.rows = done; /* the sizes measured before Esc */
	progress(l, 1, "");
	*out = t;
	view *line = view_line(_("Queries per second against catalogue size (log-log)"), 2);
	if (line && done > 0 && view_line_series(line, 0, _("exact"), done, xs, ex) == 0 &&
	    view_line_series(line, 1, _("IVF, recall 0.95"), done, xs, iv) == 0) {
		line->u.line.xlabel = strdup(_("vectors"));
		line->u.line.ylabel = strdup(_("q/s"));
		line->u.line.xlog = line->u.line.ylog = 1;
		view_append(out, line);
	} else {
		view_free(&line);
	}
	char body[800];
	if (done > 1)
		snprintf(body, sizeof body, _("From %ld to %ld vectors (%.0f times as many), exact "
			 "search slows by %.0f times; the index, probing a few cells, by %.0f times."),
			 sizes[0], sizes[done - 1], xs[done - 1] / xs[0], ex[0] / ex[done - 1],
			 iv[0] / iv[done - 1]);
	else
		snprintf(body, sizeof body, "%s", done ? _("One size measured.")
						      : _("Stopped before a size was measured."));
	view_append(out, view_text(NULL, body));
	if (done < ns)
		view_append(out, view_text(NULL, _("(stopped: the sizes above were measured)")));
	lab_last_num(l, "ann.sizes", done);
	if (done)
		lab_result(l, ex[done - 1]);
	return 0;
}

static int run_ann(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	vs_metric m = metric_of(lab_opt_str(c, "metric", "dot"));
	int k = (int)lab_opt_long(c, "k", 10), nq = (int)lab_opt_long(c, "queries", 200);
	unsigned long seed = (unsigned long)lab_opt_long(c, "seed", (long)l->seed);
	long syn = lab_opt_long(c, "synthetic", 0);
	int dim = (int)lab_opt_long(c, "dim", 32);
	if (k < 1 || k > 1000 || nq < 1 || nq > 100000 || syn < 0 || syn > 10000000 || dim < 1 ||
	    dim > 1024)
		return ll_fail(err, "ann: k 1..1000, queries 1..100000, synthetic up to 10000000, "
			       "dim 1..1024");
	const char *plot = lab_opt_str(c, "plot", NULL);
	if (lab_opt_given(c, "sizes")) {
		if (plot && strcmp(plot, "exact"))
			return ll_fail(err, "ann: sizes= draws plot=exact (queries/s against size)");
		return ann_sizes(c, lab_opt_str(c, "sizes", ""), k, nq, dim, seed, m, out, err);
	}
	if (plot && !strcmp(plot, "exact"))
		return ll_fail(err, "ann: plot=exact goes with sizes= (sizes=1000,10000,100000)");
	int tradeoff = plot && !strcmp(plot, "tradeoff");
	const float *x = NULL, *q = NULL;
	float *mine = NULL;
	int n, d;
	char what[400], key[96] = "";
	if (syn > 0) {
		n = (int)syn, d = dim;
		const float *all = synthetic(l, n + nq, d, seed, err);
		if (!all)
			return -1;
		snprintf(key, sizeof key, "ann synthetic %d x %d seed %lu", n + nq, d, seed);
		/* The first n draws are the catalogue, the rest the queries. */
		x = all, q = all + (size_t)n * d;
		/* TRANSLATORS: what "IVF index over %s" indexes. */
		snprintf(what, sizeof what, _("%d synthetic vectors of %d dims"), n, d);
	} else {
		lab_model *lm = lab_factor_model(c, "ann", err);
		if (!lm)
			return -1;
		n = model_n_items(lm->m), d = model_k(lm->m);
		if (nq > model_n_users(lm->m))
			nq = model_n_users(lm->m);
		mine = malloc(((size_t)n + nq) * d * sizeof *mine);
		if (!mine)
			return ll_fail(err, "out of memory");
		memcpy(mine, model_item_factors_const(lm->m), (size_t)n * d * sizeof *mine);
		memcpy(mine + (size_t)n * d, model_user_factors_const(lm->m), (size_t)nq * d * sizeof *mine);
		x = mine, q = mine + (size_t)n * d;
		snprintf(what, sizeof what, _("item vectors of model %s (%d items, k=%d), users as queries"),
			 lm->name, n, d);
	}
	ivf_opts o;
	ivf_opts_init(&o);
	o.nlist = (int)lab_opt_long(c, "nlist", 0), o.seed = seed, o.metric = m;
	int owned;
	ivf *ix = index_of(l, key[0] ? key : NULL, x, n, d, &o, &owned, err);
	ann_run r;
	if (!ix || ann_measure(l, x, n, d, q, nq, k, m, ix, 0, &r, err) < 0) {
		if (owned)
			ivf_free(&ix);
		free(mine);
		return -1;
	}
	int nlist = ivf_nlist(ix), reached = r.reached >= 0 ? r.probes[r.reached] : -1;
	char title[800];
	snprintf(title, sizeof title, _("IVF index over %s: %d cells, %s, recall@%d against exact search"),
		 what, nlist, vs_metric_name(m), k);
	view *v = view_table(title, r.np, 4);
	view_table_header(v, 0, _("nprobe"), 'r');
	view_table_header(v, 1, _("recall"), 'r');
	view_table_header(v, 2, _("queries/s"), 'r');
	view_table_header(v, 3, _("scanned"), 'r');
	double px[32];
	for (int i = 0; i < r.np; i++) {
		px[i] = r.probes[i];
		view_table_set(v, i, 0, "%d", r.probes[i]);
		view_table_set(v, i, 1, "%.3f", r.recall[i]);
		view_table_set(v, i, 2, "%.0f", r.qps[i]);
		view_table_set(v, i, 3, "%.1f%%", 100.0 * r.probes[i] / nlist);
		char kk[64];
		snprintf(kk, sizeof kk, "ann.recall.%d", r.probes[i]);
		lab_last_num(l, kk, r.recall[i]);
		snprintf(kk, sizeof kk, "ann.qps.%d", r.probes[i]);
		lab_last_num(l, kk, r.qps[i]);
	}
	view *line;
	if (tradeoff) {
		/* Recall against speed: a point per nprobe, labelled; exact search
		 * is the point at recall 1 on the left. */
		line = view_line(_("Recall against queries per second, a point per nprobe"), 1);
		if (line && view_line_series(line, 0, "IVF", r.np, r.qps, r.recall) == 0) {
			for (int i = 0; i < r.np; i++) {
				char lb[16];
				snprintf(lb, sizeof lb, "%d", r.probes[i]);
				view_line_mark(line, r.qps[i], r.recall[i], lb, 0);
			}
			view_line_mark(line, r.exact_qps, 1.0, _("exact"), -1);
			line->u.line.xlabel = strdup(_("queries/s"));
			line->u.line.ylabel = strdup(_("recall"));
			line->u.line.xlog = 1;
		}
	} else {
		line = view_line(_("Recall against cells probed"), 1);
		if (line && view_line_series(line, 0, _("recall"), r.np, px, r.recall) == 0) {
			line->u.line.xlabel = strdup(_("nprobe"));
			line->u.line.ylabel = strdup(_("recall"));
			line->u.line.xlog = 1;
		}
	}
	view_append(&v, line);
	char body[800];
	if (reached > 0)
		snprintf(body, sizeof body, _("Exact search: %.0f queries/s. Recall reaches 0.95 at nprobe "
			 "%d, scanning %.1f%% of the vectors, at %.0f queries/s."), r.exact_qps, reached,
			 100.0 * reached / nlist, r.qps[r.reached]);
	else
		snprintf(body, sizeof body, _("Exact search: %.0f queries/s."), r.exact_qps);
	view_append(&v, view_text(NULL, body));
	*out = v;
	lab_last_num(l, "ann.nprobe95", reached);
	lab_last_num(l, "ann.scanned95", reached > 0 ? (double)reached / nlist : NAN);
	lab_last_num(l, "ann.qps95", reached > 0 ? r.qps[r.reached] : NAN);
	lab_last_num(l, "ann.speedup95", reached > 0 ? r.qps[r.reached] / r.exact_qps : NAN);
	lab_last_num(l, "ann.exact_qps", r.exact_qps);
	lab_last_num(l, "ann.nlist", nlist);
	lab_result(l, reached);
	if (owned)
		ivf_free(&ix);
	free(mine);
	return 0;
}

const lab_cmd lab_cmds_search[] = {
	{ "search", "USER|ITEM [metric=dot|cosine|euclidean] [n=N] [model=NAME] [normalize=yes]", 1,
	  1, { ARG_NAME }, NULL, search_opts, 0, N_("exact nearest items by dot product, cosine or distance"),
	  N_("search Minsu metric=dot n=5\n"
	  "The items whose latent vectors score highest against a user's (unrated items\n"
	  "only) or an item's vector, with each item's rank under the other two metrics:\n"
	  "where dot product, cosine and Euclidean distance disagree (a '-' is not in\n"
	  "that metric's top n, so those columns may skip ranks). normalize=yes scales\n"
	  "every vector to length 1 first (then the three agree). Sets\n"
	  "last.search.dot_cosine (and .cosine_euclidean, .dot_euclidean)."),
	  run_search },
	{ "ann", "[metric=M] [nlist=N] [k=K] [synthetic=N|sizes=N,...] [queries=Q] [plot=P]", 0, 0,
	  { 0 }, NULL, ann_opts, 0, N_("approximate search (IVF): recall and speed per cells probed"),
	  N_("ann                       index the current model's item vectors\n"
	  "ann synthetic=100000      or clustered random vectors\n"
	  "ann plot=tradeoff         recall against queries/s, a point per nprobe\n"
	  "ann sizes=1000,10000,100000,1000000   exact search and the index as the\n"
	  "                          catalogue grows (synthetic; Esc keeps the sizes done)\n"
	  "k-means cuts the vectors into nlist cells; a query scans only the nprobe\n"
	  "cells nearest to it. Shows recall@k against exact search and queries per\n"
	  "second for nprobe = 1, 2, 4, ... Synthetic vectors and their indexes are\n"
	  "kept for the session. Sets last.ann.nprobe95, .scanned95, .qps95, .speedup95,\n"
	  ".exact_qps, .nlist, .recall.P and .qps.P for each nprobe P; with sizes=,\n"
	  "last.ann.size.N.exact_qps, .ivf_qps, .nprobe, .nlist."),
	  run_ann },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

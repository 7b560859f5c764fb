/* cmd_search.c: nearest vectors: exact top-k by dot, cosine or Euclidean
 * distance (search), and an IVF index against exact search (ann). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/clock.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/vectors/vsearch.h"
#include "lab/lab_impl.h"


static vs_metric metric_of(const char *s)
{
	return !strcmp(s, "cosine") ? VS_COSINE : !strcmp(s, "euclidean") ? VS_EUCLIDEAN : VS_DOT;
}

/* --- search ----------------------------------------------------------------- */

static const lab_opt search_opts[] = {
	{ "metric", OPT_WORD, "dot", "how to score items", VS_METRIC_NAMES },
	{ "n", OPT_INT, "10", "how many items", NULL },
	{ "model", OPT_STR, NULL, "the model whose vectors to search (default: the current one)", NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

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
	vs_table *t = vs_table_new(model_item_factors_const(lm->m), ni, k, err);
	vs_hit *h[3];
	for (int i = 0; i < 3; i++)
		h[i] = malloc((size_t)n * sizeof *h[i]);
	if (!t || !h[0] || !h[1] || !h[2]) {
		vs_table_free(&t);
		free(h[0]), free(h[1]), free(h[2]);
		return ll_fail(err, "out of memory");
	}
	skip_ctx sc = { lab_train_set(l), side == SIDE_USER ? x : -1, side == SIDE_ITEM ? x : -1 };
	int got[3];
	for (int i = 0; i < 3; i++)
		got[i] = vs_topk(t, (vs_metric)i, q, (int)n, skip_seen, &sc, h[i]);
	char title[300];
	snprintf(title, sizeof title, "Nearest items to %s by %s (model %s, k=%d)%s",
		 side == SIDE_USER ? ratings_user_name(l->data, x) : ratings_item_title(l->data, x),
		 vs_metric_name(m), lm->name, k, side == SIDE_USER ? ", unrated only" : "");
	view *v = view_table(title, got[m], 6);
	view_table_header(v, 0, "#", 'r');
	view_table_header(v, 1, "item", 'l');
	view_table_header(v, 2, m == VS_EUCLIDEAN ? "distance" : vs_metric_name(m), 'r');
	view_table_header(v, 3, "dot #", 'r');
	view_table_header(v, 4, "cosine #", 'r');
	view_table_header(v, 5, "euclid #", 'r');
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
	char body[300];
	snprintf(body, sizeof body,
		 "Top %ld shared: dot and cosine %.0f%%, cosine and Euclidean %.0f%%, dot and "
		 "Euclidean %.0f%%. Dot favours long vectors (popular, strongly rated items); cosine "
		 "looks only at direction; Euclidean also at length.", n, 100 * dc, 100 * ce, 100 * de);
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
	return 0;
}

/* --- ann -------------------------------------------------------------------- */

static const lab_opt ann_opts[] = {
	{ "metric", OPT_WORD, "dot", "score to search by", VS_METRIC_NAMES },
	{ "nlist", OPT_INT, NULL, "cells of the index (default about sqrt of the items)", NULL },
	{ "k", OPT_INT, "10", "neighbours per query (recall@k)", NULL },
	{ "synthetic", OPT_INT, NULL, "index this many clustered random vectors instead", NULL },
	{ "dim", OPT_INT, "32", "synthetic: dimensions", NULL },
	{ "queries", OPT_INT, "200", "queries measured (users of the model, or synthetic draws)", NULL },
	{ "seed", OPT_INT, NULL, "k-means and synthetic seed (default: the session seed)", NULL },
	{ "model", OPT_STR, NULL, "the model whose item vectors to index", NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

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
	float *x = NULL, *q = NULL;
	int n, d;
	char what[200];
	if (syn > 0) {
		n = (int)syn, d = dim;
		float *all = vs_synthetic(n + nq, d, 100, 0.5, seed, err);
		if (!all)
			return -1;
		/* The first n draws are the catalogue, the rest the queries. */
		x = all, q = all + (size_t)n * d;
		snprintf(what, sizeof what, "%d synthetic vectors of %d dims", n, d);
	} else {
		lab_model *lm = lab_factor_model(c, "ann", err);
		if (!lm)
			return -1;
		n = model_n_items(lm->m), d = model_k(lm->m);
		if (nq > model_n_users(lm->m))
			nq = model_n_users(lm->m);
		x = malloc(((size_t)n + nq) * d * sizeof *x);
		if (!x)
			return ll_fail(err, "out of memory");
		memcpy(x, model_item_factors_const(lm->m), (size_t)n * d * sizeof *x);
		q = x + (size_t)n * d;
		memcpy(q, model_user_factors_const(lm->m), (size_t)nq * d * sizeof *q);
		snprintf(what, sizeof what, "item vectors of model %s (%d items, k=%d), users as queries",
			 lm->name, n, d);
	}
	ivf_opts o;
	ivf_opts_init(&o);
	o.nlist = (int)lab_opt_long(c, "nlist", 0), o.seed = seed, o.metric = m;
	vs_table *t = vs_table_new(x, n, d, err);
	ivf *ix = t ? ivf_build(x, n, d, &o, err) : NULL;
	vs_hit *exact = malloc((size_t)nq * k * sizeof *exact), *hits = malloc((size_t)k * sizeof *hits);
	if (!t || !ix || !exact || !hits) {
		vs_table_free(&t);
		ivf_free(&ix);
		free(x), free(exact), free(hits);
		return err->msg[0] ? -1 : ll_fail(err, "out of memory");
	}
	double t0 = ll_now();
	for (int j = 0; j < nq; j++)
		vs_topk(t, m, q + (size_t)j * d, k, NULL, NULL, exact + (size_t)j * k);
	double exact_qps = nq / fmax(ll_now() - t0, 1e-9);
	int nlist = ivf_nlist(ix), probes[32], np = 0;
	for (int p = 1; p < nlist && np < 31; p *= 2)
		probes[np++] = p;
	probes[np++] = nlist;
	double px[32], recall[32], qps[32];
	int reached = -1;
	char title[300];
	snprintf(title, sizeof title, "IVF index over %s: %d cells, %s, recall@%d against exact search",
		 what, nlist, vs_metric_name(m), k);
	view *v = view_table(title, np, 4);
	view_table_header(v, 0, "nprobe", 'r');
	view_table_header(v, 1, "recall", 'r');
	view_table_header(v, 2, "queries/s", 'r');
	view_table_header(v, 3, "scanned", 'r');
	for (int i = 0; i < np; i++) {
		double rec = 0;
		for (int j = 0; j < nq; j++) {
			int got = ivf_search(ix, q + (size_t)j * d, k, probes[i], hits);
			rec += vs_overlap(exact + (size_t)j * k, k, hits, got) / (double)k;
		}
		/* Timed apart, repeated for 50 ms, so tiny runs are not noise. */
		long done = 0;
		double el;
		t0 = ll_now();
		do {
			for (int j = 0; j < nq; j++)
				ivf_search(ix, q + (size_t)j * d, k, probes[i], hits);
			done += nq;
		} while ((el = ll_now() - t0) < 0.05);
		qps[i] = done / el;
		recall[i] = rec / nq, px[i] = probes[i];
		if (reached < 0 && recall[i] >= 0.95)
			reached = probes[i];
		view_table_set(v, i, 0, "%d", probes[i]);
		view_table_set(v, i, 1, "%.3f", recall[i]);
		view_table_set(v, i, 2, "%.0f", qps[i]);
		view_table_set(v, i, 3, "%.1f%%", 100.0 * probes[i] / nlist);
	}
	view *line = view_line("Recall against cells probed", 1);
	if (line && view_line_series(line, 0, "recall", np, px, recall) == 0) {
		line->u.line.xlabel = strdup("nprobe");
		line->u.line.ylabel = strdup("recall");
		view_append(&v, line);
	} else
		view_free(&line);
	char body[300];
	if (reached > 0)
		snprintf(body, sizeof body, "Exact search: %.0f queries/s. Recall reaches 0.95 at nprobe "
			 "%d, scanning %.1f%% of the vectors.", exact_qps, reached, 100.0 * reached / nlist);
	else
		snprintf(body, sizeof body, "Exact search: %.0f queries/s.", exact_qps);
	view_append(&v, view_text(NULL, body));
	*out = v;
	lab_last_num(l, "ann.nprobe95", reached);
	lab_last_num(l, "ann.exact_qps", exact_qps);
	lab_result(l, reached);
	vs_table_free(&t);
	ivf_free(&ix);
	free(x), free(exact), free(hits);
	return 0;
}

const lab_cmd lab_cmds_search[] = {
	{ "search", "USER|ITEM [metric=dot|cosine|euclidean] [n=N] [model=NAME]", 1, 1, { ARG_NAME },
	  NULL, search_opts, 0, "exact nearest items by dot product, cosine or distance",
	  "search Minsu metric=dot n=5\n"
	  "The items whose latent vectors score highest against a user's (unrated items\n"
	  "only) or an item's vector, with each item's rank under the other two metrics:\n"
	  "where dot product, cosine and Euclidean distance disagree. Sets\n"
	  "last.search.dot_cosine (and .cosine_euclidean, .dot_euclidean).",
	  run_search },
	{ "ann", "[metric=M] [nlist=N] [k=K] [synthetic=N] [queries=Q]", 0, 0, { 0 }, NULL, ann_opts, 0,
	  "approximate search (IVF): recall and speed per cells probed",
	  "ann                       index the current model's item vectors\n"
	  "ann synthetic=100000      or clustered random vectors\n"
	  "k-means cuts the vectors into nlist cells; a query scans only the nprobe\n"
	  "cells nearest to it. Shows recall@k against exact search and queries per\n"
	  "second for nprobe = 1, 2, 4, ... Sets last.ann.nprobe95.",
	  run_ann },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

/* cmd_neighbours.c: search (exact top-k over latent vectors by dot, cosine or
 * Euclidean distance), ann (an IVF index against exact search), quantize
 * (factors in fewer bits: the grid and what it costs) and project (PCA of the
 * factors to 2D, over epochs with Procrustes alignment). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/algo.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/neighbours/knn.h"
#include "engine/vectors/project.h"
#include "engine/vectors/quant.h"
#include "engine/vectors/quant_eval.h"
#include "engine/vectors/vsearch.h"
#include "lab/lab_impl.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The picked model, which must have latent factors. */
static lab_model *factor_model(lab_call *c, const char *cmd, ll_error *err)
{
	lab_model *lm = lab_model_pick(c->l, c, err);
	if (!lm)
		return NULL;
	if (model_k(lm->m) < 1) {
		ll_fail(err, "%s: model '%s' (%s) has no latent vectors (train sgd, biased, als or svd)",
			cmd, lm->name, lm->algo);
		return NULL;
	}
	return lm;
}

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
	lab_model *lm = factor_model(c, "search", err);
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
		lab_model *lm = factor_model(c, "ann", err);
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
	double t0 = now();
	for (int j = 0; j < nq; j++)
		vs_topk(t, m, q + (size_t)j * d, k, NULL, NULL, exact + (size_t)j * k);
	double exact_qps = nq / fmax(now() - t0, 1e-9);
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
		t0 = now();
		do {
			for (int j = 0; j < nq; j++)
				ivf_search(ix, q + (size_t)j * d, k, probes[i], hits);
			done += nq;
		} while ((el = now() - t0) < 0.05);
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

/* --- quantize --------------------------------------------------------------- */

static const lab_opt quant_opts[] = {
	{ "precision", OPT_WORD, "int4", "the precision whose grid to show", QUANT_NAMES },
	{ "symmetric", OPT_BOOL, "false", "symmetric grid (zero exact, one level fewer)", NULL },
	{ "item", OPT_STR, NULL, "the item whose vector to show on the grid (default: the most rated)", NULL },
	{ "n", OPT_INT, "10", "K of hr@K, ndcg@K and the top-K overlap", NULL },
	{ "model", OPT_STR, NULL, "the model to quantize (default: the current one)", NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int most_rated_item(const ratings *r)
{
	int best = 0;
	size_t bn = 0;
	for (int i = 0; i < ratings_n_items(r); i++) {
		const uint32_t *pos;
		size_t n = ratings_item_entries(r, i, &pos);
		if (n > bn)
			bn = n, best = i;
	}
	return best;
}

/* Every precision's cost on the test part (or the training data). */
static view *effects_table(lab *l, lab_model *lm, int sym, int n, ll_error *err)
{
	const ratings *train = lab_train_set(l), *test = lab_test_set(l);
	int on_test = test && lm->on_split;
	if (!on_test)
		test = train;
	int *ref = quant_reference_topk(lm->m, train, n, err);
	if (!ref)
		return NULL;
	char title[200];
	snprintf(title, sizeof title, "Model %s stored in fewer bits (%s grids), measured on %s", lm->name,
		 sym ? "symmetric" : "asymmetric", on_test ? "the test ratings" : "the training ratings");
	view *v = view_table(title, QUANT_N, 7);
	const char *hd[] = { "precision", "bytes", "RMSE", "MAE", "HR@K", "NDCG@K", "top-K kept" };
	for (int j = 0; j < 7; j++)
		view_table_header(v, j, hd[j], j ? 'r' : 'l');
	for (int p = QUANT_F32; p <= QUANT_INT2; p++) {
		quant_effect e;
		if (quant_effect_measure(lm->m, train, test, (quant_prec)p, sym, n, 4.0, ref, &e, err) < 0) {
			view_free(&v);
			free(ref);
			return NULL;
		}
		view_table_set(v, p, 0, "%s", quant_name((quant_prec)p));
		view_table_set(v, p, 1, "%zu", e.bytes);
		view_table_set(v, p, 2, "%.4f", e.rmse);
		view_table_set(v, p, 3, "%.4f", e.mae);
		view_table_set(v, p, 4, "%.3f", e.hr);
		view_table_set(v, p, 5, "%.3f", e.ndcg);
		view_table_set(v, p, 6, "%.0f%%", 100 * e.overlap);
		if (p == QUANT_INT4)
			lab_last_num(l, "quantize.int4_rmse", e.rmse);
		if (p == QUANT_F32)
			lab_last_num(l, "quantize.f32_rmse", e.rmse);
	}
	free(ref);
	return v;
}

static int run_quantize(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = factor_model(c, "quantize", err);
	if (!lm)
		return -1;
	int k = model_k(lm->m), sym = params_bool(c->opts, "symmetric", false);
	int n = (int)lab_opt_long(c, "n", 10);
	if (n < 1 || n > 1000)
		return ll_fail(err, "quantize: n must be between 1 and 1000");
	quant_prec p = (quant_prec)quant_from_name(lab_opt_str(c, "precision", "int4"));
	const char *iname = lab_opt_str(c, "item", NULL);
	int item = iname ? lab_item(l, iname, err) : most_rated_item(lab_train_set(l));
	if (item < 0)
		return -1;
	if (item >= model_n_items(lm->m))
		return ll_fail(err, "quantize: model '%s' was trained before that item existed", lm->name);
	const float *x = model_item_factors_const(lm->m) + (size_t)item * k;
	qtable *t = quant_encode(x, 1, k, p, sym, err);
	float *back = malloc(((size_t)k + 1) * sizeof *back), levels[256];
	if (!t || !back) {
		quant_free(&t);
		free(back);
		return err->msg[0] ? -1 : ll_fail(err, "out of memory");
	}
	quant_decode_row(t, 0, back);
	int nl = quant_levels(t, 0, levels);
	char title[300];
	snprintf(title, sizeof title, "%s's vector in %s%s: each value moves to its nearest level",
		 ratings_item_title(l->data, item), quant_name(p),
		 p >= QUANT_INT8 ? (sym ? " (symmetric)" : " (asymmetric)") : "");
	view *v = view_table(title, k, 5);
	view_table_header(v, 0, "dim", 'r');
	view_table_header(v, 1, "value", 'r');
	view_table_header(v, 2, "code", 'r');
	view_table_header(v, 3, "stored", 'r');
	view_table_header(v, 4, "error", 'r');
	double worst = 0;
	for (int j = 0; j < k; j++) {
		view_table_set(v, j, 0, "%d", j);
		view_table_set(v, j, 1, "%.4f", x[j]);
		if (p >= QUANT_INT8)
			view_table_set(v, j, 2, "%d", quant_code(t, 0, j));
		else
			view_table_set(v, j, 2, "-");
		view_table_set(v, j, 3, "%.4f", back[j]);
		view_table_set(v, j, 4, "%+.4f", back[j] - x[j]);
		worst = fmax(worst, fabs(back[j] - x[j]));
	}
	if (nl > 0 && nl <= 64) {
		/* int8's 256 levels are too many bars to read; int4 and int2 fit. */
		view *g = view_bar("The grid: the only values this row can store", nl, "%.4f");
		int first = p >= QUANT_INT8 && sym ? -(nl / 2) : 0;
		for (int i = 0; g && i < nl; i++) {
			char name[16];
			snprintf(name, sizeof name, "code %d", first + i);
			g->u.bar.labels[i] = strdup(name);
			g->u.bar.values[i] = levels[i];
		}
		view_append(&v, g);
	}
	char body[300];
	if (nl > 0)
		snprintf(body, sizeof body, "%d levels %.4f apart, from %.4f to %.4f; the largest "
			 "error here is %.4f, never more than half a level (%.4f).", nl,
			 quant_step(t, 0), levels[0], levels[nl - 1], worst, quant_step(t, 0) / 2);
	else
		snprintf(body, sizeof body, "%s keeps about %s significant digits; the largest error "
			 "here is %.2g.", quant_name(p), p == QUANT_F16 ? "3" : "7", worst);
	view_append(&v, view_text(NULL, body));
	view *e = effects_table(l, lm, sym, n, err);
	if (!e) {
		view_free(&v);
		quant_free(&t);
		free(back);
		return -1;
	}
	view_append(&v, e);
	*out = v;
	lab_last_num(l, "quantize.levels", nl);
	lab_last_num(l, "quantize.step", quant_step(t, 0));
	lab_last_num(l, "quantize.max_error", worst);
	lab_result(l, worst);
	quant_free(&t);
	free(back);
	return 0;
}

/* --- project ---------------------------------------------------------------- */

static const lab_opt project_opts[] = {
	{ "show", OPT_WORD, "both", "which points", "both|users|items" },
	{ "n", OPT_INT, "30", "at most this many users and items (the most rated)", NULL },
	{ "model", OPT_STR, NULL, "the model to project (default: the current one)", NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* `project` is `plot embeddings` with PCA's wording, and it can also train
 * a fresh model while recording (project ALGO ...), leaving the session's
 * models alone. */
static int run_project(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const ratings *train = lab_train_set(l);
	if (!train)
		return ll_fail(err, "project: load a dataset first (load toy)");
	model *fresh = NULL, *m;
	const char *mname;
	long epochs = 0;
	if (c->argc > 0) {
		params *p = params_new();
		for (int i = 1; p && i < c->words->n; i++)
			if (c->words->w[i].key && !lab_cmd_opt(c->cmd, c->words->w[i].key))
				params_set(p, c->words->w[i].key, c->words->w[i].value);
		if (p && !params_str(p, "seed", NULL)) {
			char sb[24];
			snprintf(sb, sizeof sb, "%lu", l->seed);
			params_set(p, "seed", sb);
		}
		/* One frame per epoch: the epochs given, else 20. */
		epochs = p ? params_long(p, "epochs|n_epochs|maxIter", 20) : 20;
		fresh = p ? model_new(c->argv[0].text, p, err) : NULL;
		params_free(&p);
		if (!fresh)
			return ll_prefix(err, "project: ");
		if (!model_is_iterative(fresh) || epochs < 1 || epochs > 500) {
			model_free(&fresh);
			return ll_fail(err, "project: %s must train epoch by epoch, for 1 to 500 epochs",
				       c->argv[0].text);
		}
		/* A fresh model has no vectors until its first epoch. */
		if (model_fit_epoch(fresh, train, err) < 0) {
			model_free(&fresh);
			return ll_prefix(err, "project: ");
		}
		epochs--;
		m = fresh, mname = c->argv[0].text;
	} else {
		lab_model *lm = factor_model(c, "project", err);
		if (!lm)
			return -1;
		m = lm->m, mname = lm->name;
	}
	int rc = lab_embedding_frames(l, m, mname, lab_opt_str(c, "show", "both"),
				      (int)lab_opt_long(c, "n", 30), epochs, 1, out, err);
	model_free(&fresh);
	if (rc < 0)
		return ll_prefix(err, "project: ");
	char title[300];
	snprintf(title, sizeof title, "Users and items in 2D: the two main directions of %s's factors%s",
		 mname, c->argc > 0 ? ", epoch by epoch" : "");
	free((*out)->title);
	(*out)->title = strdup(title);
	return 0;
}

/* --- sparsity ----------------------------------------------------------------- */

static int run_sparsity(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const ratings *r = lab_train_set(l);
	if (!r)
		return ll_fail(err, "sparsity: load a dataset first (load toy)");
	int by_user = c->argc == 0 || strcmp(c->argv[0].text, "items") != 0;
	knn_sparsity sp;
	if (knn_sparsity_stats(r, by_user, &sp, err) < 0)
		return -1;
	const char *who = by_user ? "users" : "items";
	int n = by_user ? ratings_n_users(r) : ratings_n_items(r);
	double cells = (double)ratings_n_users(r) * ratings_n_items(r);
	char title[200];
	snprintf(title, sizeof title, "How much do %s overlap? (%s)", who,
		 lab_test_set(l) ? "the training part of the split" : "all ratings");
	view *v = view_table(title, 5, 2);
	view_table_header(v, 0, "", 'l');
	view_table_header(v, 1, "", 'r');
	view_table_set(v, 0, 0, "%s", by_user ? "users" : "items");
	view_table_set(v, 0, 1, "%d", n);
	view_table_set(v, 1, 0, "ratings matrix filled");
	view_table_set(v, 1, 1, "%.2f%%", cells > 0 ? 100.0 * ratings_count(r) / cells : 0);
	view_table_set(v, 2, 0, "pairs of %s", who);
	view_table_set(v, 2, 1, "%lld", sp.pairs);
	view_table_set(v, 3, 0, "%s", by_user ? "pairs sharing no rated item" : "pairs no user rated both");
	view_table_set(v, 3, 1, "%lld (%.1f%%)", sp.disjoint, sp.pairs ? 100.0 * sp.disjoint / sp.pairs : 0);
	view_table_set(v, 4, 0, "%s", by_user ? "co-rated items per pair (mean)"
					       : "users who rated both, per pair (mean)");
	view_table_set(v, 4, 1, "%.2f", sp.mean_common);
	char body[300];
	snprintf(body, sizeof body, "A pair with no %s in common has no similarity at all: "
		 "neighbourhood methods cannot use it, while a factor model still places both "
		 "in the same latent space.", by_user ? "rated item" : "rater");
	view_append(&v, view_text(NULL, body));
	*out = v;
	lab_last_num(l, "sparsity.disjoint", (double)sp.disjoint);
	lab_last_num(l, "sparsity.pairs", (double)sp.pairs);
	lab_result(l, sp.pairs ? (double)sp.disjoint / sp.pairs : 0);
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
	{ "quantize", "[precision=int4] [symmetric=true] [item=ITEM] [model=NAME]", 0, 0, { 0 }, NULL,
	  quant_opts, 0, "store latent vectors in fewer bits: the grid and what it costs",
	  "quantize precision=int4 item=Avengers\n"
	  "One item's vector on the grid of the chosen precision (each value, its code,\n"
	  "what is stored, the error), then every precision (f32, f16, int8, int4, int2)\n"
	  "measured: bytes, RMSE, MAE, HR@K, NDCG@K and how much of each user's float32\n"
	  "top K stays. Sets last.quantize.max_error, .step, .levels, .int4_rmse.",
	  run_quantize },
	{ "project", "[ALGO [OPTION=VALUE]...] [show=both|users|items] [n=N] [model=NAME]", 0, 1,
	  { ARG_ALGO }, NULL, project_opts, 1, "users and items in 2D (PCA), over epochs",
	  "project                   the current model's vectors, PCA to 2D\n"
	  "project sgd k=8 epochs=30 train afresh, one frame per epoch (default 20)\n"
	  "Successive frames are turned onto the previous one (Procrustes) so the\n"
	  "picture does not flip or spin. Sets last.explained (the variance kept).",
	  run_project },
	{ "sparsity", "[users|items]", 0, 1, { ARG_WORD }, "users|items", NULL, 0,
	  "how many pairs of users (or items) share no rating",
	  "sparsity users\n"
	  "Pairs of users who rated no item in common (or items no user rated both),\n"
	  "the mean number of co-rated entries, and how full the ratings matrix is.\n"
	  "Sets last.sparsity.disjoint and last.sparsity.pairs; its value is the share\n"
	  "of pairs sharing nothing.",
	  run_sparsity },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

/* cmd_quantize.c: latent vectors in fewer bits: one vector on its grid,
 * then every precision measured (bytes with the grids' share, RMSE, HR@K,
 * top-K kept), with one grid per row or one for the whole table; and, with
 * budget=yes, fewer dimensions against fewer bits at equal bytes. The
 * rounding itself is qround.c's. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/algo.h"
#include "lab/lab_impl.h"
#include "engine/core/intl.h"
#include "lab/qround.h"

/* --- quantize --------------------------------------------------------------- */

static const lab_opt quant_opts[] = {
	{ "precision", OPT_WORD, "int4", N_("the precision whose grid to show"), QR_NAMES },
	{ "symmetric", OPT_BOOL, "false", N_("symmetric grid (zero exact, one level fewer)"), NULL },
	{ "item", OPT_STR, NULL, N_("the item whose vector to show on the grid (default: the most rated)"), NULL },
	{ "n", OPT_INT, "10", N_("K of hr@K, ndcg@K and the top-K overlap"), NULL },
	{ "model", OPT_STR, NULL, N_("the model to quantize (default: the current one)"), NULL },
	{ "grid", OPT_WORD, "row", N_("one grid per row (as stored), one for the whole table, or both "
	  "side by side"), "row|table|both" },
	{ "users", OPT_INT, NULL, N_("HR@K and top-K kept on this many users, drawn by the session "
	  "seed (faster)"), NULL },
	{ "effects", OPT_BOOL, "yes", N_("measure every precision (no: only the vector on its grid)"), NULL },
	{ "vector", OPT_BOOL, "yes", N_("show the item's vector on its grid first (no: only the measures)"), NULL },
	{ "budget", OPT_BOOL, "no", N_("fewer dimensions against fewer bits: train one model per k of "
	  "ks= (other key=value options go to training) and measure each precision"), NULL },
	{ "ks", OPT_STR, "4,10,20,40", N_("budget=yes: the k to train"), NULL },
	{ "algo", OPT_STR, NULL, N_("budget=yes: the algorithm (default: the model's)"), NULL },
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

/* The users HR and kept are measured on: a sample (users=N, of those with
 * test ratings) or every user of the model, with their float32 top k. */
typedef struct sample {
	const ratings *train, *test;
	ratings *sub;          /* the sampled users' test ratings, or NULL */
	int *users, n;
	int k;
	double threshold;
} sample;

static int sample_make(lab *l, lab_model *lm, long users, int k, sample *s, ll_error *err)
{
	memset(s, 0, sizeof *s);
	s->train = lab_train_set(l);
	s->test = lab_test_set(l);
	if (!s->test || !lm->on_split)
		s->test = s->train;
	s->k = k, s->threshold = 4.0;
	if (users > 0) {
		s->n = lab_sample_users(s->test, (int)users, l->seed, &s->users);
		if (s->n < 0 || !(s->sub = lab_test_sample(s->test, s->users, s->n, err)))
			return s->n < 0 ? ll_fail(err, "out of memory") : -1;
		return 0;
	}
	s->n = model_n_users(lm->m);
	s->users = malloc(((size_t)s->n + 1) * sizeof *s->users);
	if (!s->users)
		return ll_fail(err, "out of memory");
	for (int u = 0; u < s->n; u++)
		s->users[u] = u;
	return 0;
}

static void sample_free(sample *s)
{
	ratings_free(&s->sub);
	free(s->users);
	s->users = NULL;
}

static int measure(model *m, const sample *s, const int *ref, int p, int sym, int table,
		   qr_effect *e, ll_error *err)
{
	return qr_measure(m, s->train, s->test, s->sub ? s->sub : s->test, s->users, s->n, ref, p,
			  sym, table, s->k, s->threshold, e, err);
}

static void keys(lab *l, const char *pre, int p, const qr_effect *e)
{
	static const char *const what[] = { "bytes", "grid_bytes", "rmse", "mae", "hr", "ndcg",
					    "kept", "max_error" };
	double v[] = { e->bytes.codes + e->bytes.grids, e->bytes.grids, e->rmse, e->mae, e->hr,
		       e->ndcg, e->kept, e->max_error };
	for (int i = 0; i < 8; i++) {
		char key[96];
		snprintf(key, sizeof key, "quantize.%s%s_%s", pre, qr_name(p), what[i]);
		lab_last_num(l, key, v[i]);
	}
}

/* Every precision measured under one kind of grid: a table and bars. */
static int effects(lab *l, lab_model *lm, const sample *s, int sym, int table, view **out,
		   ll_error *err)
{
	int *ref = qr_topk(lm->m, s->train, s->users, s->n, s->k, err);
	if (!ref)
		return -1;
	char title[800];
	/* TRANSLATORS: the noun phrases put into "Model %s stored in fewer bits
	 * (%s), RMSE on %s, HR@%d and top-%d kept on %s". */
	const char *grids = table ? (sym ? _("one grid for the whole table, symmetric")
					 : _("one grid for the whole table"))
				  : (sym ? _("a grid per row, symmetric") : _("a grid per row"));
	const char *on = s->test == s->train ? _("the training ratings") : _("the test ratings");
	const char *who = s->sub ? _("a sample of users") : _("every user");
	snprintf(title, sizeof title, _("Model %s stored in fewer bits (%s), RMSE on %s, HR@%d and "
					"top-%d kept on %s"), lm->name, grids, on, s->k, s->k, who);
	view *v = view_table(title, QR_N, 7);
	/* TRANSLATORS: quantize's columns: "of it grids" is the part of the bytes
	 * that the grids take; "top-K kept" the share of the float32 top K kept. */
	const char *hd[] = { _("precision"), _("bytes"), _("of it grids"), "RMSE", "HR@K", "NDCG@K",
			     _("top-K kept") };
	for (int j = 0; j < 7; j++)
		view_table_header(v, j, hd[j], j ? 'r' : 'l');
	view *g = view_groups(_("The same, each measure on its own scale"), 4, QR_N);
	view_groups_group(g, 0, _("bytes"), "bytes", -1);
	view_groups_group(g, 1, "RMSE", "%.4f", -1);
	view_groups_group(g, 2, "HR@K", "%.3f", 1);
	view_groups_group(g, 3, _("top-K kept"), "%.2f", 1);
	for (int p = 0; p < QR_N; p++) {
		qr_effect e;
		if (measure(lm->m, s, ref, p, sym, table, &e, err) < 0) {
			view_free(&v), view_free(&g);
			free(ref);
			return -1;
		}
		double bytes = e.bytes.codes + e.bytes.grids;
		view_table_set(v, p, 0, "%s", qr_name(p));
		view_table_set(v, p, 1, "%.0f", bytes);
		view_table_set(v, p, 2, "%.0f", e.bytes.grids);
		view_table_set(v, p, 3, "%.4f", e.rmse);
		view_table_set(v, p, 4, "%.3f", e.hr);
		view_table_set(v, p, 5, "%.3f", e.ndcg);
		view_table_set(v, p, 6, "%.0f%%", 100 * e.kept);
		view_groups_series(g, p, qr_name(p));
		view_groups_set(g, 0, p, bytes);
		view_groups_set(g, 1, p, e.rmse);
		view_groups_set(g, 2, p, e.hr);
		view_groups_set(g, 3, p, e.kept);
		keys(l, table ? "table_" : "", p, &e);
	}
	free(ref);
	view_append(out, v);
	view_append(out, g);
	return 0;
}

/* Where the bytes go: the grids' share, in the words of this model's k. */
static view *bytes_note(int k, int nrows)
{
	char s[2400];
	double f32 = 4.0 * k, i8 = k + 8, i4 = floor((4.0 * k + 7) / 8) + 8;
	size_t n = (size_t)snprintf(s, sizeof s, _("Per row of k=%d values: float32 takes %.0f bytes; "
						   "int8 %.0f codes plus 8 bytes of grid (its smallest "
						   "value and its step, two float32 numbers), %.0f in "
						   "all; int4 %.0f codes plus the same 8, %.0f in all."),
				    k, f32, i8 - 8, i8, i4 - 8, i4);
	/* A sentence each, after a blank. */
	if (i8 > f32 && n < sizeof s)
		n += (size_t)snprintf(s + n, sizeof s - n, " %s",
				      _("With so few values per row the grid outweighs the codes: "
					"int8 stores more than float32 would."));
	if (n < sizeof s)
		n += (size_t)snprintf(s + n, sizeof s - n, " ");
	if (k <= 2 && n < sizeof s)
		snprintf(s + n, sizeof s - n, _("And a row of %d values is exact in every int "
						"precision: its values are its smallest and its largest, "
						"the two ends of its own grid."), k);
	else if (n < sizeof s)
		snprintf(s + n, sizeof s - n, _("One grid for a whole table (users, then items: %d rows) "
						"costs 8 bytes once; grid=table measures what that does "
						"to the levels."), nrows);
	return view_text(NULL, s);
}

/* grid=both: the two kinds of grid, precision by precision. */
static int both(lab *l, lab_model *lm, const sample *s, int sym, view **out, ll_error *err)
{
	int *ref = qr_topk(lm->m, s->train, s->users, s->n, s->k, err);
	if (!ref)
		return -1;
	view *v = view_table(_("A grid per row against one grid for the whole table"), QR_N, 7);
	/* TRANSLATORS: quantize grid=both's columns, each measure with a grid per
	 * row, then with one grid for the table. */
	const char *hd[] = { _("precision"), _("bytes (row)"), _("(table)"), _("RMSE (row)"),
			     _("(table)"), _("kept (row)"), _("(table)") };
	for (int j = 0; j < 7; j++)
		view_table_header(v, j, hd[j], j ? 'r' : 'l');
	for (int p = 0; p < QR_N; p++) {
		qr_effect e[2];
		for (int t = 0; t < 2; t++)
			if (measure(lm->m, s, ref, p, sym, t, &e[t], err) < 0) {
				view_free(&v);
				free(ref);
				return -1;
			}
		view_table_set(v, p, 0, "%s", qr_name(p));
		for (int t = 0; t < 2; t++) {
			view_table_set(v, p, 1 + t, "%.0f", e[t].bytes.codes + e[t].bytes.grids);
			view_table_set(v, p, 3 + t, "%.4f", e[t].rmse);
			view_table_set(v, p, 5 + t, "%.0f%%", 100 * e[t].kept);
		}
		keys(l, "", p, &e[0]);
		keys(l, "table_", p, &e[1]);
	}
	free(ref);
	view_append(out, v);
	return 0;
}

/* One vector on its grid: value, code, what is stored, the error. */
static view *vector_view(lab *l, lab_model *lm, int item, int p, int sym, int table,
			 double *worst, int *nlevels, double *step)
{
	int k = model_k(lm->m), ni = model_n_items(lm->m);
	const float *Q = model_item_factors_const(lm->m), *x = Q + (size_t)item * k;
	float *stored = malloc(((size_t)k + 1) * sizeof *stored), levels[256];
	int *codes = malloc(((size_t)k + 1) * sizeof *codes);
	if (!stored || !codes) {
		free(stored), free(codes);
		return NULL;
	}
	int nl = qr_row(Q, ni, k, item, p, sym, table, levels, codes, stored);
	char title[600];
	const char *iname = ratings_item_title(l->data, item), *pname = qr_name(p);
	int ints = p >= QUANT_INT8 && p != QR_1BIT, tb = nl && table;
	/* TRANSLATORS: the second %s is a precision (int4, f16, 1bit). */
	if (ints && sym && tb)
		snprintf(title, sizeof title, _("%s's vector in %s (symmetric), one grid for the table: "
						"each value moves to its nearest level"), iname, pname);
	else if (ints && sym)
		snprintf(title, sizeof title, _("%s's vector in %s (symmetric): each value moves to its "
						"nearest level"), iname, pname);
	else if (ints && tb)
		snprintf(title, sizeof title, _("%s's vector in %s (asymmetric), one grid for the table: "
						"each value moves to its nearest level"), iname, pname);
	else if (ints)
		snprintf(title, sizeof title, _("%s's vector in %s (asymmetric): each value moves to its "
						"nearest level"), iname, pname);
	else if (tb)
		snprintf(title, sizeof title, _("%s's vector in %s, one grid for the table: each value "
						"moves to its nearest level"), iname, pname);
	else
		snprintf(title, sizeof title, _("%s's vector in %s: each value moves to its nearest level"),
			 iname, pname);
	view *v = view_table(title, k, 5);
	view_table_header(v, 0, _("dim"), 'r');
	view_table_header(v, 1, _("value"), 'r');
	view_table_header(v, 2, _("code"), 'r');
	view_table_header(v, 3, _("stored"), 'r');
	view_table_header(v, 4, _("error"), 'r');
	*worst = 0;
	for (int j = 0; j < k; j++) {
		view_table_set(v, j, 0, "%d", j);
		view_table_set(v, j, 1, "%.4f", x[j]);
		if (nl)
			view_table_set(v, j, 2, "%d", codes[j]);
		else
			view_table_set(v, j, 2, "-");
		view_table_set(v, j, 3, "%.4f", stored[j]);
		view_table_set(v, j, 4, "%+.4f", stored[j] - x[j]);
		*worst = fmax(*worst, fabs(stored[j] - x[j]));
	}
	*nlevels = nl;
	*step = nl > 1 ? levels[1] - levels[0] : 0;
	if (nl > 0 && nl <= 64) {
		/* int8's 256 levels are too many bars to read; int4 and int2 fit. */
		view *g = view_bar(_("The grid: the only values this row can store"), nl, "%.4f");
		int first = p >= QUANT_INT8 && p != QR_1BIT && sym ? -(nl / 2) : 0;
		for (int i = 0; g && i < nl; i++) {
			char name[48];
			/* TRANSLATORS: a bar of the grid: the level stored as code N. */
			snprintf(name, sizeof name, _("code %d"), first + i);
			g->u.bar.labels[i] = strdup(name);
			g->u.bar.values[i] = levels[i];
		}
		view_append(&v, g);
	}
	char body[800];
	if (p == QR_1BIT)
		snprintf(body, sizeof body, _("1 bit keeps only each value's sign; the row stores one "
			 "scale, %.4f (the mean size of its values). The largest error here is %.4f."),
			 levels[1], *worst);
	else if (nl > 0)
		snprintf(body, sizeof body, _("%d levels %.4f apart, from %.4f to %.4f; the largest "
			 "error here is %.4f, never more than half a level (%.4f)."), nl, *step, levels[0],
			 levels[nl - 1], *worst, *step / 2);
	else
		snprintf(body, sizeof body, _("%s keeps about %s significant digits; the largest error "
			 "here is %.2g."), qr_name(p), p == QUANT_F16 ? "3" : "7", *worst);
	view_append(&v, view_text(NULL, body));
	free(stored), free(codes);
	return v;
}

/* --- budget=yes: fewer dimensions against fewer bits ------------------------ */

static int parse_ks(const char *s, int *ks, int max)
{
	int n = 0;
	while (*s) {
		char *end;
		long k = strtol(s, &end, 10);
		if (end == s || k < 1 || k > 1000 || (*end && *end != ',') || n == max)
			return -1;
		ks[n++] = (int)k;
		s = *end ? end + 1 : end;
	}
	return n;
}

/* A model of algo with k factors, trained on the split with the call's
 * undeclared options (lr=0.01 epochs=30 ...) and the session seed. */
static model *train_k(lab_call *c, const char *algo, int k, ll_error *err)
{
	params *p = params_new();
	char v[32];
	for (int i = 1; p && i < c->words->n; i++) {
		const lab_word *w = &c->words->w[i];
		if (w->key && !lab_cmd_opt(c->cmd, w->key))
			params_set(p, w->key, w->value);
	}
	snprintf(v, sizeof v, "%d", k);
	if (p)
		params_set(p, "k", v);
	if (p && !params_str(p, "seed", NULL)) {
		snprintf(v, sizeof v, "%lu", c->l->seed);
		params_set(p, "seed", v);
	}
	model *m = p ? model_new(algo, p, err) : NULL;
	params_free(&p);
	if (!m)
		return NULL;
	model_set_progress(m, lab_model_progress, c->l);
	int rc = model_fit(m, lab_train_set(c->l), err);
	if (rc != 0) {
		if (rc == 1)
			ll_fail(err, "stopped");
		model_free(&m);
	}
	return m;
}

static int run_budget(lab_call *c, lab_model *lm, view **out, ll_error *err)
{
	lab *l = c->l;
	int ks[16], nk = parse_ks(lab_opt_str(c, "ks", "4,10,20,40"), ks, 16);
	if (nk < 1)
		return ll_fail(err, "quantize: ks= takes up to 16 values of k from 1 to 1000, "
			       "comma-separated (ks=4,10,20,40)");
	const char *algo = lab_opt_str(c, "algo", lm ? lm->algo : NULL);
	if (!algo)
		return ll_fail(err, "quantize: budget=yes needs a model, or algo=NAME");
	int n = (int)lab_opt_long(c, "n", 10), sym = params_bool(c->opts, "symmetric", false);
	long users = lab_opt_long(c, "users", 0);
	double xs[QR_N][16], ys[QR_N][16];
	char title[600];
	snprintf(title, sizeof title, _("%s at k = %s: bytes against test RMSE, every precision"), algo,
		 lab_opt_str(c, "ks", "4,10,20,40"));
	view *t = view_table(title, nk * QR_N, 5);
	const char *hd[] = { "k", _("precision"), _("bytes"), "RMSE", _("top-K kept") };
	for (int j = 0; j < 5; j++)
		view_table_header(t, j, hd[j], j == 1 ? 'l' : 'r');
	for (int i = 0; i < nk; i++) {
		if (l->progress) {
			char what[64];
			snprintf(what, sizeof what, "k=%d", ks[i]);
			l->progress(l->progress_ctx, (double)i / nk, NAN, what);
		}
		model *m = train_k(c, algo, ks[i], err);
		if (!m) {
			view_free(&t);
			return ll_prefix(err, "quantize: k=%d: ", ks[i]);
		}
		lab_model tmp = { .name = (char *)"budget", .m = m, .algo = (char *)algo, .on_split = 1 };
		sample s;
		int *ref = NULL;
		int rc = sample_make(l, &tmp, users, n, &s, err);
		if (rc == 0 && !(ref = qr_topk(m, s.train, s.users, s.n, n, err)))
			rc = -1;
		for (int p = 0; rc == 0 && p < QR_N; p++) {
			qr_effect e;
			if (measure(m, &s, ref, p, sym, 0, &e, err) < 0) {
				rc = -1;
				break;
			}
			int row = i * QR_N + p;
			xs[p][i] = e.bytes.codes + e.bytes.grids, ys[p][i] = e.rmse;
			view_table_set(t, row, 0, "%d", ks[i]);
			view_table_set(t, row, 1, "%s", qr_name(p));
			view_table_set(t, row, 2, "%.0f", xs[p][i]);
			view_table_set(t, row, 3, "%.4f", e.rmse);
			view_table_set(t, row, 4, "%.0f%%", 100 * e.kept);
			char pre[32];
			snprintf(pre, sizeof pre, "k%d.", ks[i]);
			keys(l, pre, p, &e);
		}
		free(ref);
		sample_free(&s);
		model_free(&m);
		if (rc < 0) {
			view_free(&t);
			return -1;
		}
	}
	/* 1 bit's errors are so much larger that the others would be one flat
	 * line under it: it stays in the table, and off the chart. */
	double lo1 = INFINITY;
	for (int i = 0; i < nk; i++)
		lo1 = fmin(lo1, ys[QR_1BIT][i]);
	snprintf(title, sizeof title, _("Test RMSE against bytes, a line per precision and a point "
		 "per k (1bit, RMSE %.2f and above, is left off)"), lo1);
	view *line = view_line(title, QR_N - 1);
	for (int p = 0; line && p < QR_1BIT; p++)
		view_line_series(line, p, qr_name(p), nk, xs[p], ys[p]);
	if (line) {
		line->u.line.xlabel = strdup(_("bytes"));
		line->u.line.ylabel = strdup("RMSE");
		line->u.line.xlog = 1;
	}
	*out = t;
	view_append(out, line);
	view_append(out, view_text(NULL, _("Read across at equal bytes: a point further left "
				   "stores less, a point lower guesses better. The kept column is "
				   "against the float32 top K of the same k.")));
	lab_result(l, ys[QUANT_F32][0]);
	return 0;
}

static int run_quantize(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	/* Undeclared options are training options, for budget=yes alone. */
	int budget = params_bool(c->opts, "budget", false);
	for (int i = 1; !budget && i < c->words->n; i++)
		if (c->words->w[i].key && !lab_cmd_opt(c->cmd, c->words->w[i].key)) {
			l->err_col = c->words->w[i].col;
			return ll_fail(err, "quantize: unknown option '%s' (training options go with "
				       "budget=yes; see 'help quantize')", c->words->w[i].key);
		}
	if (budget) {
		lab_model *lm = lab_opt_given(c, "algo") ? NULL : lab_factor_model(c, "quantize", err);
		if (!lm && !lab_opt_given(c, "algo"))
			return -1;
		if (!lab_data(l, err))
			return -1;
		return run_budget(c, lm, out, err);
	}
	lab_model *lm = lab_factor_model(c, "quantize", err);
	if (!lm)
		return -1;
	int k = model_k(lm->m), sym = params_bool(c->opts, "symmetric", false);
	int n = (int)lab_opt_long(c, "n", 10);
	long users = lab_opt_long(c, "users", 0);
	if (n < 1 || n > 1000)
		return ll_fail(err, "quantize: n must be between 1 and 1000");
	if (users < 0)
		return ll_fail(err, "quantize: users must be at least 1");
	int p = qr_from_name(lab_opt_str(c, "precision", "int4"));
	const char *grid = lab_opt_str(c, "grid", "row");
	int table = !strcmp(grid, "table");
	const char *iname = lab_opt_str(c, "item", NULL);
	int item = iname ? lab_item(l, iname, err) : most_rated_item(lab_train_set(l));
	if (item < 0)
		return -1;
	if (item >= model_n_items(lm->m))
		return ll_fail(err, "quantize: model '%s' was trained before that item existed", lm->name);
	double worst, step;
	int nl;
	view *v = vector_view(l, lm, item, p, sym, table, &worst, &nl, &step);
	if (!v)
		return ll_fail(err, "out of memory");
	if (!params_bool(c->opts, "vector", true)) {
		/* Its numbers are still set (last.quantize.step, ...). */
		view_free(&v);
	}
	if (params_bool(c->opts, "effects", true)) {
		sample s;
		int rc = sample_make(l, lm, users, n, &s, err);
		if (rc == 0 && !strcmp(grid, "both"))
			rc = both(l, lm, &s, sym, &v, err);
		else if (rc == 0)
			rc = effects(l, lm, &s, sym, table, &v, err);
		sample_free(&s);
		if (rc < 0) {
			view_free(&v);
			return -1;
		}
		view_append(&v, bytes_note(k, model_n_users(lm->m) + model_n_items(lm->m)));
	}
	*out = v;
	lab_last_num(l, "quantize.levels", nl);
	lab_last_num(l, "quantize.step", step);
	lab_last_num(l, "quantize.max_error", worst);
	lab_result(l, worst);
	return 0;
}

const lab_cmd lab_cmds_quantize[] = {
	{ "quantize", "[precision=int4] [grid=row|table|both] [item=ITEM] [users=N] [budget=yes]",
	  0, 0, { 0 }, NULL, quant_opts, 1, N_("store latent vectors in fewer bits: the grid and what it costs"),
	  N_("quantize precision=int4 item=Avengers\n"
	  "One item's vector on the grid of the chosen precision (each value, its code,\n"
	  "what is stored, the error), then every precision (f32, f16, int8, int4, int2,\n"
	  "1bit) measured: bytes (and how much of it is grids), RMSE, HR@K, NDCG@K and\n"
	  "how much of each user's float32 top K stays. grid=table: one grid for the\n"
	  "whole table instead of one per row; grid=both compares them. users=N: HR and\n"
	  "kept on a seeded sample. Sets last.quantize.max_error, .step, .levels and\n"
	  "for each precision P last.quantize.P_bytes, _grid_bytes, _rmse, _mae, _hr,\n"
	  "_ndcg, _kept (one grid: last.quantize.table_P_...).\n"
	  "quantize budget=yes ks=4,10,20,40 lr=0.01 epochs=30\n"
	  "trains one model per k (the current model's algorithm, or algo=) and measures\n"
	  "every precision of each: RMSE against bytes, a line per precision\n"
	  "(last.quantize.k10.int4_rmse, ...)."),
	  run_quantize },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

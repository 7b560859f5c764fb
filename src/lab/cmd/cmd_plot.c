/* cmd_plot.c: plot embeddings | loss | spectrum | ratings | quantize. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mf/mf.h"
#include "engine/nn/ncf.h"
#include "engine/algo.h"
#include "lab/frames.h"
#include "lab/lab_impl.h"
#include "lab/qround.h"
#include "engine/core/intl.h"
#include "lab/cmd/cmd_matrix.h"

static const lab_opt plot_opts[] = {
	{ "model", OPT_STR, NULL, N_("the model to plot (default: the current one)"), NULL },
	{ "show", OPT_WORD, "both", N_("embeddings: which points"), "both|users|items" },
	{ "n", OPT_INT, "40", N_("embeddings: at most this many users and items (the most rated)"), NULL },
	{ "epochs", OPT_INT, "0", N_("embeddings: train this many more epochs, recording frames"), NULL },
	{ "every", OPT_INT, "1", N_("embeddings: a frame every this many epochs (and the last)"), NULL },
	{ "halves", OPT_BOOL, "no", N_("embeddings, als and ials: a frame after each half-sweep"), NULL },
	{ "precision", OPT_WORD, "int4", N_("quantize: the precision whose levels to draw"), QR_NAMES },
	{ "item", OPT_STR, NULL, N_("quantize: the item whose vector (default: the most rated)"), NULL },
	{ "symmetric", OPT_BOOL, "no", N_("quantize: a grid symmetric about zero"), NULL },
	{ "grid", OPT_WORD, "row", N_("quantize: the row's own grid, or one for the table"), "row|table" },
	{ "best", OPT_BOOL, "no", N_("loss: mark the epoch of the lowest test error"), NULL },
	{ "table", OPT_BOOL, "no", N_("loss: also a table, a row per epoch: each model's training "
	  "loss under its own name, and HR@10 (test RMSE for a rating model)"), NULL },
	{ "series", OPT_STR, NULL, N_("loss with model=A,B: which curves, comma-separated: "
	  "train, test, loss, hr, ndcg (default: all each model has)"), NULL },
	{ "of", OPT_WORD, "items", N_("popularity: ratings per item or per user"), "items|users" },
	{ "scale", OPT_WORD, "log", N_("popularity: doubling bins, or equal ones"), "log|linear" },
	{ "bins", OPT_INT, "10", N_("popularity: equal bins (scale=linear)"), NULL },
	{ "users", OPT_INT, "40", N_("matrix: rows (users)"), NULL },
	{ "items", OPT_INT, "60", N_("matrix: columns (items)"), NULL },
	{ "order", OPT_WORD, "activity", N_("matrix: which corner"), "activity|id|random" },
	{ "x", OPT_WORD, "ratings", N_("norms: across, log10 of the ratings or the mean rating"),
	  "ratings|mean" },
	{ NULL, 0, NULL, NULL, NULL },
};

static int plot_embeddings(lab_call *c, view **out, ll_error *err)
{
	lab_model *lm = lab_model_pick(c->l, c, err);
	if (!lm)
		return -1;
	if (params_bool(c->opts, "halves", false)) {
		if (lab_half_frames(c->l, lm->m, lm->name, lab_opt_str(c, "show", "both"),
				    (int)lab_opt_long(c, "n", 40), lab_opt_long(c, "epochs", 0), out,
				    err) < 0)
			return ll_prefix(err, "plot: ");
		return 0;
	}
	if (lab_embedding_frames(c->l, lm->m, lm->name, lab_opt_str(c, "show", "both"),
				 (int)lab_opt_long(c, "n", 40), lab_opt_long(c, "epochs", 0),
				 lab_opt_long(c, "every", 1), out, err) < 0)
		return ll_prefix(err, "plot: ");
	return 0;
}

/* plot loss model=A,B,...: every model's curves on one chart, x = pass
 * over the training data (an ALS sweep, an SGD epoch), a series per model
 * and measure ("als test"), filtered by series=. */
static int wanted(const char *list, const char *what)
{
	if (!list)
		return 1;
	size_t n = strlen(what);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, what, n))
			return 1;
		p += len + (p[len] == ',');
	}
	return 0;
}

/* table=yes: a row per epoch, for each model its training loss under the
 * loss's own name ("gmf log loss", "bpr BPR loss"; "als train RMSE" for a
 * rating model) and then its HR@10 (test RMSE), one model a pair of
 * columns. One model alone: its columns unprefixed, with NDCG@10 too. */
enum { TABLE_MODELS = 8 };

static view *epoch_table(lab *l, lab_model *const *ms, int nm)
{
	struct col {
		const double *y;
		int n;               /* epochs the column has */
		const char *fmt;
		char head[160];
	} col[3 * TABLE_MODELS + 1];
	int rows = 0, cols = 1;
	for (int i = 0; i < nm && i < TABLE_MODELS; i++) {
		const double *tr, *te, *loss, *hr, *ndcg;
		int h = model_history(ms[i]->m, &tr, &te);
		int implicit = ncf_loss_name(ms[i]->m) && ncf_history(ms[i]->m, &loss, &hr, &ndcg) == h;
		int ranked = implicit && lab_test_set(l) && h > 0 && !isnan(hr[h - 1]);
		const char *name = ms[i]->name, *lname = implicit ? _(ncf_loss_name(ms[i]->m)) : NULL;
		if (h > rows)
			rows = h;
		struct col *c = &col[cols++];
		*c = (struct col){ tr, h, "%.4f", "" };
		if (nm == 1)
			snprintf(c->head, sizeof c->head, "%s", implicit ? lname : _("train RMSE"));
		else if (implicit)
			snprintf(c->head, sizeof c->head, "%s %s", name, lname);
		else
			snprintf(c->head, sizeof c->head, _("%s train RMSE"), name);
		if (ranked) {
			c = &col[cols++];
			*c = (struct col){ hr, h, "%.3f", "HR@10" };
			if (nm == 1) {
				c = &col[cols++];
				*c = (struct col){ ndcg, h, "%.3f", "NDCG@10" };
			}
		} else if (!implicit && te && lab_test_set(l)) {
			c = &col[cols++];
			*c = (struct col){ te, h, "%.4f", "" };
			snprintf(c->head, sizeof c->head, "%s", _("test RMSE"));
		}
	}
	/* The last epochs when there are more than the session shows. */
	int first = rows > l->rows ? rows - l->rows : 0;
	view *t = view_table(NULL, rows - first, cols);
	if (!t)
		return NULL;
	view_table_header(t, 0, _("epoch"), 'r');
	for (int j = 1; j < cols; j++)
		view_table_header(t, j, col[j].head, 'r');
	for (int e = first; e < rows; e++) {
		view_table_set(t, e - first, 0, "%d", e + 1);
		for (int j = 1; j < cols; j++)
			if (e < col[j].n)
				view_table_set(t, e - first, j, col[j].fmt, col[j].y[e]);
			else
				view_table_set(t, e - first, j, "-");
	}
	return t;
}

static int plot_losses(lab_call *c, const char *list, view **out, ll_error *err)
{
	lab *l = c->l;
	const char *only = lab_opt_str(c, "series", NULL);
	enum { MAXM = 8 };
	lab_model *ms[MAXM];
	int nm = 0, ns = 0;
	char names[256];
	snprintf(names, sizeof names, "%s", list);
	for (char *t = strtok(names, ","); t; t = strtok(NULL, ",")) {
		if (nm == MAXM)
			return ll_fail(err, "plot loss: at most %d models", MAXM);
		if (!(ms[nm] = lab_model_find(l, t)))
			return ll_fail(err, "plot loss: no model named '%s'", t);
		if (model_history(ms[nm]->m, NULL, NULL) == 0)
			return ll_fail(err, "plot loss: model '%s' has no training history", t);
		nm++;
	}
	/* At most five curves a model: train/loss, test, HR@10, NDCG@10. */
	view *v = view_line(NULL, 5 * nm);
	if (!v)
		return ll_fail(err, "out of memory");
	int implicit_all = 1, any_implicit = 0;
	for (int i = 0; i < nm; i++) {
		const double *tr, *te, *loss, *hr, *ndcg;
		int h = model_history(ms[i]->m, &tr, &te);
		int implicit = ncf_history(ms[i]->m, &loss, &hr, &ndcg) == h;
		int ranked = implicit && lab_test_set(l) && !isnan(hr[h - 1]);
		implicit_all &= implicit, any_implicit |= implicit;
		const char *nm_ = ms[i]->name;
		char sn[160], key[160];
		const char *lname = implicit && ncf_loss_name(ms[i]->m) ? _(ncf_loss_name(ms[i]->m)) : NULL;
		/* TRANSLATORS: the curves of 'plot loss' ("sgd train", "sgd test"). */
		struct { const char *word, *label; const double *y; } cur[] = {
			{ implicit ? "loss" : "train", implicit ? (lname ? lname : _("loss")) : _("train"), tr },
			{ "test", _("test"), implicit ? NULL : te },
			{ "hr", "HR@10", ranked ? hr : NULL },
			{ "ndcg", "NDCG@10", ranked ? ndcg : NULL },
		};
		for (int j = 0; j < 4; j++) {
			if (!cur[j].y || !wanted(only, cur[j].word))
				continue;
			snprintf(sn, sizeof sn, "%s %s", nm_, cur[j].label);
			if (view_line_series(v, ns++, sn, h, NULL, cur[j].y) < 0) {
				view_free(&v);
				return ll_fail(err, "out of memory");
			}
		}
		snprintf(key, sizeof key, "loss.%s", nm_);
		lab_last_num(l, key, tr[h - 1]);
		snprintf(key, sizeof key, "passes.%s", nm_);
		lab_last_num(l, key, h);
		if (te && !implicit) {
			snprintf(key, sizeof key, "test_rmse.%s", nm_);
			lab_last_num(l, key, te[h - 1]);
		}
		if (ranked) {
			snprintf(key, sizeof key, "hr.%s", nm_);
			lab_last_num(l, key, hr[h - 1]);
			snprintf(key, sizeof key, "ndcg.%s", nm_);
			lab_last_num(l, key, ndcg[h - 1]);
		}
	}
	if (ns == 0) {
		view_free(&v);
		return ll_fail(err, "plot loss: series=%s names no curve these models have "
			       "(train, test, loss, hr, ndcg)", only ? only : "");
	}
	v->u.line.n_series = ns;
	char title[600];
	snprintf(title, sizeof title, implicit_all
		 ? _("Loss and ranking per pass over the training data (models %s)")
		 : any_implicit ? _("Curves per pass over the training data (models %s)")
				: _("RMSE per pass over the training data (models %s)"), list);
	v->title = strdup(title);
	v->u.line.xlabel = strdup(_("pass (ALS sweep, epoch)"));
	v->u.line.ylabel = strdup(implicit_all ? _("loss, HR@10, NDCG@10")
				  : _("RMSE (train unclipped, test clipped)"));
	*out = v;
	if (params_bool(c->opts, "table", false)) {
		view *t = epoch_table(l, ms, nm);
		if (!t) {
			view_free(out);
			return ll_fail(err, "out of memory");
		}
		view_append(out, t);
	}
	lab_result(l, v->u.line.series[0].y[v->u.line.series[0].n - 1]);
	return 0;
}

/* best=yes: the epoch of the lowest test error, marked; past it the model
 * learns its training ratings by heart. */
static int loss_best(lab *l, view *v, const double *te, int h, ll_error *err)
{
	if (!te)
		return ll_fail(err, "plot loss best=yes: the model has no test error per epoch "
			       "(split first, then train)");
	int b = 0;
	for (int i = 1; i < h; i++)
		if (te[i] < te[b])
			b = i;
	if (view_line_vline(v, b + 1, b < h - 1 ? _("overfitting starts here")
						: _("the lowest test error so far")) < 0)
		return ll_fail(err, "out of memory");
	lab_last_num(l, "best_epoch", b + 1);
	lab_last_num(l, "best_test_rmse", te[b]);
	lab_last_num(l, "final_test_rmse", te[h - 1]);
	return 0;
}

static int plot_loss(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const char *many = lab_opt_str(c, "model", NULL);
	if (many && strchr(many, ','))
		return plot_losses(c, many, out, err);
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	const double *tr, *te, *loss, *hr, *ndcg;
	int h = model_history(lm->m, &tr, &te);
	if (h == 0 && model_is_iterative(lm->m))
		return ll_fail(err, "plot: model '%s' has no training history (train it with "
			       "epochs=1 or more)", lm->name);
	if (h == 0)
		return ll_fail(err, "plot: model '%s' has no training history (it is not trained "
			       "epoch by epoch)", lm->name);
	/* The implicit models learn a ranking: their curve is their own loss,
	 * with HR@10 and NDCG@10 on the test split when there is one. */
	int implicit = ncf_history(lm->m, &loss, &hr, &ndcg) == h;
	int ranked = implicit && lab_test_set(l) && !isnan(hr[h - 1]);
	/* An implicit model's curve is named by its loss: log loss, BPR loss. */
	const char *lname = ncf_loss_name(lm->m) ? _(ncf_loss_name(lm->m)) : _("loss");
	char title[400], ylab[160];
	/* TRANSLATORS: the first %s is the loss's name (log loss, BPR loss). */
	if (model_ranking_only(lm->m) && ranked)
		snprintf(title, sizeof title, _("Training %s, HR@10 and NDCG@10 per epoch (model %s)"),
			 lname, lm->name);
	else if (model_ranking_only(lm->m))
		snprintf(title, sizeof title, _("Training %s per epoch (model %s)"), lname, lm->name);
	else
		snprintf(title, sizeof title, _("RMSE per epoch (model %s)"), lm->name);
	snprintf(ylab, sizeof ylab, "%s%s", lname, ranked ? ", HR@10, NDCG@10" : "");
	view *v = view_line(title, ranked ? 3 : te ? 2 : 1);
	if (!v || view_line_series(v, 0, model_ranking_only(lm->m) ? lname : _("train"), h, NULL, tr) < 0 ||
	    (te && view_line_series(v, 1, _("test"), h, NULL, te) < 0) ||
	    (ranked && (view_line_series(v, 1, "HR@10", h, NULL, hr) < 0 ||
			view_line_series(v, 2, "NDCG@10", h, NULL, ndcg) < 0))) {
		view_free(&v);
		return ll_fail(err, "out of memory");
	}
	v->u.line.xlabel = strdup(_("epoch"));
	v->u.line.ylabel = strdup(model_ranking_only(lm->m) ? ylab
							    : te ? _("RMSE (train unclipped, test clipped)")
								 : _("RMSE (unclipped)"));
	*out = v;
	if (params_bool(c->opts, "table", false)) {
		view *t = epoch_table(l, &lm, 1);
		if (!t) {
			view_free(out);
			return ll_fail(err, "out of memory");
		}
		view_append(out, t);
	}
	lab_last_num(l, "loss", tr[h - 1]);
	if (ranked) {
		lab_last_num(l, "hr", hr[h - 1]);
		lab_last_num(l, "ndcg", ndcg[h - 1]);
	}
	if (params_bool(c->opts, "best", false) && loss_best(l, v, te, h, err) < 0) {
		view_free(out);
		return -1;
	}
	lab_result(l, tr[h - 1]);
	return 0;
}

/* The bars of sigma_j, each labelled with the energy the first j keep, and
 * a title that says whether the printed decimals are proven (the fit's
 * residual bound under half a unit of the last decimal) or approximate. */
static int plot_spectrum(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	const double *sigma;
	int n, exact = 0;
	double total, bound = NAN;
	if (mf_spectrum(lm->m, &sigma, &n, &total, err) < 0)
		return ll_prefix(err, "plot spectrum: ");
	mf_spectrum_bound(lm->m, &bound, &exact);
	int proven = exact || bound < 0.005;
	char title[600];
	double kept = mf_energy_kept(lm->m, n);
	if (exact)
		snprintf(title, sizeof title, _("Singular values (model %s), exact (the sketch spans the "
						"whole matrix); the first %d keep %.1f%% of the energy"),
			 lm->name, n, 100 * kept);
	else if (isnan(bound))
		snprintf(title, sizeof title, _("Singular values (model %s), precision unknown (read "
						"from a file); the first %d keep %.1f%% of the energy"),
			 lm->name, n, 100 * kept);
	else if (proven)
		snprintf(title, sizeof title, _("Singular values (model %s), exact at two decimals (each "
						"within %.4f); the first %d keep %.1f%% of the energy"),
			 lm->name, bound, n, 100 * kept);
	else
		snprintf(title, sizeof title, _("Singular values (model %s), approximate: each within "
						"%.2f, and never above; the first %d keep %.1f%% of "
						"the energy"), lm->name, bound, n, 100 * kept);
	view *v = view_bar(title, n, "%.2f");
	if (!v)
		return ll_fail(err, "out of memory");
	for (int i = 0; i < n; i++) {
		char lab_[48], key[32];
		double e = mf_energy_kept(lm->m, i + 1);
		snprintf(lab_, sizeof lab_, "σ%d  %4.1f%%", i + 1, 100 * e);
		v->u.bar.labels[i] = strdup(lab_);
		v->u.bar.values[i] = sigma[i];
		snprintf(key, sizeof key, "sigma.%d", i + 1);
		lab_last_num(l, key, sigma[i]);
		snprintf(key, sizeof key, "energy.%d", i + 1);
		lab_last_num(l, key, e);
	}
	*out = v;
	lab_last_num(l, "energy", kept);
	lab_last_num(l, "exact", proven);
	lab_last_num(l, "bound", bound);
	lab_result(l, kept);
	return 0;
}

static int plot_ratings(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	double lo = ratings_scale_lo(r), hi = ratings_scale_hi(r), step = ratings_scale_step(r);
	if (!(step > 0))
		step = 1;
	int bins = (int)floor((hi - lo) / step + 0.5) + 1;
	if (bins < 1 || bins > 200)
		bins = 10, step = (hi - lo) / 10;
	view *v = view_hist(_("Ratings"), bins);
	if (!v)
		return ll_fail(err, "out of memory");
	/* One bin per step of the scale, centred on the rating values. */
	for (int b = 0; b <= bins; b++)
		v->u.hist.edges[b] = lo - step / 2 + b * step;
	const ll_rating *e = ratings_entries(r);
	size_t n = ratings_count(r);
	for (size_t j = 0; j < n; j++) {
		int b = (int)floor((e[j].value - (lo - step / 2)) / step);
		if (b < 0)
			b = 0;
		if (b >= bins)
			b = bins - 1;
		v->u.hist.counts[b] += 1;
	}
	*out = v;
	lab_result(l, (double)n);
	return 0;
}

/* plot quantize: one item's vector on the levels of a precision, each value
 * with the level it is stored as (the rounding is qround.c's). */
static int plot_quantize(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_factor_model(c, "plot quantize", err);
	if (!lm)
		return -1;
	int p = qr_from_name(lab_opt_str(c, "precision", "int4"));
	int sym = params_bool(c->opts, "symmetric", false);
	int table = !strcmp(lab_opt_str(c, "grid", "row"), "table");
	const char *iname = lab_opt_str(c, "item", NULL);
	int item = -1;
	if (iname)
		item = lab_item(l, iname, err);
	else if (lab_most_rated(lab_train_set(l), SIDE_ITEM, ratings_n_items(lab_train_set(l)), 1,
				&item) < 1)
		return ll_fail(err, "plot quantize: no rated item");
	if (item < 0)
		return -1;
	int k = model_k(lm->m), ni = model_n_items(lm->m);
	if (item >= ni)
		return ll_fail(err, "plot quantize: model '%s' was trained before that item existed",
			       lm->name);
	float levels[256], *stored = malloc(((size_t)k + 1) * sizeof *stored);
	if (!stored)
		return ll_fail(err, "out of memory");
	const float *Q = model_item_factors_const(lm->m), *x = Q + (size_t)item * k;
	int nl = qr_row(Q, ni, k, item, p, sym, table, levels, NULL, stored);
	if (nl == 0) {
		free(stored);
		return ll_fail(err, "plot quantize: %s keeps the values themselves, with no grid of "
			       "levels (try int8, int4, int2 or 1bit)", qr_name(p));
	}
	char title[600];
	/* TRANSLATORS: the second %s is a precision (int4, 1bit). */
	snprintf(title, sizeof title, table
		 ? _("The %d levels of %s (one grid for the table) over %s's vector (model %s, k=%d)")
		 : _("The %d levels of %s over %s's vector (model %s, k=%d)"), nl, qr_name(p),
		 ratings_item_title(l->data, item), lm->name, k);
	view *v = view_levels(title, nl, k);
	if (!v) {
		free(stored);
		return ll_fail(err, "out of memory");
	}
	double worst = 0;
	for (int i = 0; i < nl; i++)
		v->u.levels.levels[i] = levels[i];
	for (int j = 0; j < k; j++) {
		char name[48];
		/* TRANSLATORS: a row of 'plot quantize': dimension j of the vector. */
		snprintf(name, sizeof name, _("dim %d"), j);
		v->u.levels.labels[j] = strdup(name);
		v->u.levels.values[j] = x[j];
		v->u.levels.stored[j] = stored[j];
		worst = fmax(worst, fabs((double)stored[j] - x[j]));
	}
	free(stored);
	double step = nl > 1 ? levels[1] - levels[0] : 0;
	char body[600];
	if (p == QR_1BIT)
		snprintf(body, sizeof body, _("Two levels, minus and plus the row's mean size %.4f: each "
					      "value keeps only its sign. The largest error here is "
					      "%.4f."), levels[1], worst);
	else
		snprintf(body, sizeof body, _("Levels %.4f apart: a value moves at most half of that, "
					      "%.4f; here at most %.4f."), step, step / 2, worst);
	*out = v;
	view_append(out, view_text(NULL, body));
	lab_last_num(l, "quantize.levels", nl);
	lab_last_num(l, "quantize.step", step);
	lab_last_num(l, "quantize.max_error", worst);
	lab_result(l, worst);
	return 0;
}

static int run_plot(lab_call *c, view **out, ll_error *err)
{
	const char *what = c->argv[0].text;
	if (!strcmp(what, "quantize"))
		return plot_quantize(c, out, err);
	if (!strcmp(what, "popularity"))
		return lab_plot_popularity(c, out, err);
	if (!strcmp(what, "matrix"))
		return lab_plot_matrix(c, out, err);
	if (!strcmp(what, "norms"))
		return lab_plot_norms(c, out, err);
	if (!strcmp(what, "embeddings"))
		return plot_embeddings(c, out, err);
	if (!strcmp(what, "loss"))
		return plot_loss(c, out, err);
	if (!strcmp(what, "spectrum"))
		return plot_spectrum(c, out, err);
	return plot_ratings(c, out, err);
}

/* --- project ---------------------------------------------------------------- */

static const lab_opt project_opts[] = {
	{ "show", OPT_WORD, "both", N_("which points"), "both|users|items" },
	{ "n", OPT_INT, "30", N_("at most this many users and items (the most rated)"), NULL },
	{ "model", OPT_STR, NULL, N_("the model to project (default: the current one)"), NULL },
	{ "halves", OPT_BOOL, "no", N_("als and ials: a frame after each half-sweep, from the start"),
	  NULL },
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
	int halves = params_bool(c->opts, "halves", false);
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
		if (halves && mf_set_sweep_trace(fresh, NULL, NULL, err) < 0) {
			model_free(&fresh);
			return ll_prefix(err, "project: halves=yes: ");
		}
		/* A fresh model has no vectors until its first epoch; by
		 * half-sweeps, the first frame is its random start. */
		if (halves ? mf_init(fresh, train, err) < 0 : model_fit_epoch(fresh, train, err) < 0) {
			model_free(&fresh);
			return ll_prefix(err, "project: ");
		}
		if (!halves)
			epochs--;
		m = fresh, mname = c->argv[0].text;
	} else {
		if (halves)
			return ll_fail(err, "project: halves=yes trains a fresh model: name its "
				       "algorithm (project als halves=yes)");
		lab_model *lm = lab_factor_model(c, "project", err);
		if (!lm)
			return -1;
		m = lm->m, mname = lm->name;
	}
	const char *show = lab_opt_str(c, "show", "both");
	int n = (int)lab_opt_long(c, "n", 30);
	int rc = halves ? lab_half_frames(l, m, mname, show, n, epochs, out, err)
			: lab_embedding_frames(l, m, mname, show, n, epochs, 1, out, err);
	model_free(&fresh);
	if (rc < 0)
		return ll_prefix(err, "project: ");
	char title[600];
	if (halves)
		snprintf(title, sizeof title, _("Users and items in 2D: the two main directions of %s's "
			 "factors, half-sweep by half-sweep"), mname);
	else if (c->argc > 0)
		snprintf(title, sizeof title, _("Users and items in 2D: the two main directions of %s's "
						"factors, epoch by epoch"), mname);
	else
		snprintf(title, sizeof title, _("Users and items in 2D: the two main directions of %s's "
						"factors"), mname);
	free((*out)->title);
	(*out)->title = strdup(title);
	return 0;
}

const lab_cmd lab_cmds_plot[] = {
	{ "plot", "embeddings|loss|spectrum|ratings|quantize|popularity|matrix|norms", 1, 1,
	  { ARG_WORD }, "embeddings|loss|spectrum|ratings|quantize|popularity|matrix|norms",
	  plot_opts, 0, N_("draw a chart"),
	  N_("plot embeddings   users and items in the latent space (show=users|items, n=40)\n"
	  "                  epochs=N trains N more epochs, keeping a frame after\n"
	  "                  each (every=M: after every M-th and the last)\n"
	  "plot loss         train (and test) RMSE per epoch; model=als,sgd draws\n"
	  "                  several models on one chart (series=train,test,loss,hr,ndcg\n"
	  "                  picks curves; sets last.loss.NAME, last.test_rmse.NAME,\n"
	  "                  last.hr.NAME, last.passes.NAME); best=yes marks the epoch of\n"
	  "                  the lowest test error (sets last.best_epoch,\n"
	  "                  last.best_test_rmse and last.final_test_rmse); table=yes adds\n"
	  "                  a row per epoch: each model's training loss under its own\n"
	  "                  name (log loss, BPR loss, train RMSE) and its HR@10 (test RMSE)\n"
	  "plot spectrum     singular values of an svd model, each labelled with the\n"
	  "                  energy the first j keep; the title says whether the\n"
	  "                  decimals are exact. Sets last.sigma.J, last.energy.J,\n"
	  "                  last.energy, last.exact (1: proven at two decimals), last.bound\n"
	  "plot ratings      histogram of the rating values\n"
	  "plot quantize     an item's vector on the levels of a precision\n"
	  "                  (precision=int4, item=ITEM, grid=row|table)\n"
	  "plot popularity   the long tail: how many ratings each item has, in doubling\n"
	  "                  bins (of=users: each user; scale=linear bins=N: equal bins).\n"
	  "                  Sets last.popularity.median, .max, .once (rated once) and\n"
	  "                  .top_share (the share of all ratings the most rated tenth holds)\n"
	  "plot matrix       a corner of the ratings matrix as a heat map, a cell per\n"
	  "                  rating, blanks dark (users=40 items=60, order=activity|id|random;\n"
	  "                  model=NAME fills the blanks with its guesses, paler). Sets\n"
	  "                  last.filled (the share of the corner's cells rated)\n"
	  "plot norms        each item's vector length against log10 of its ratings (x=mean:\n"
	  "                  its mean rating), the n=8 most rated named. Sets\n"
	  "                  last.norms.corr_count and .corr_mean (correlations)"),
	  run_plot },
	{ "project", "[ALGO [OPTION=VALUE]...] [halves=yes] [show=both|users|items] [n=N] [model=NAME]", 0, 1,
	  { ARG_ALGO }, NULL, project_opts, 1, N_("users and items in 2D (PCA), over epochs"),
	  N_("project                   the current model's vectors, PCA to 2D\n"
	  "project sgd k=8 epochs=30 train afresh, one frame per epoch (default 20)\n"
	  "project als rank=10 maxIter=5 halves=yes\n"
	  "                          ALS from its random start, a frame after each\n"
	  "                          half-sweep: the users solved with the items frozen,\n"
	  "                          then the items with the users frozen\n"
	  "Successive frames are turned onto the previous one (Procrustes) so the\n"
	  "picture does not flip or spin. Sets last.explained (the variance kept)."),
	  run_project },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

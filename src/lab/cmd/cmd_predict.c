/* cmd_predict.c: predict, rating, recommend, similar, vector, cos. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/algo.h"
#include "engine/model/baseline.h"
#include "engine/model/metrics.h"
#include "engine/mf/mf.h"
#include "engine/mf/mf_foldin.h"
#include "engine/neighbours/knn.h"
#include "engine/neighbours/sim.h"
#include "engine/nn/wide_deep.h"
#include "lab/lab_impl.h"
#include "lab/qround.h"
#include "engine/core/intl.h"
#include "lab/view/uwidth.h"

static const lab_opt model_opt[] = {
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static const lab_opt predict_opts[] = {
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ "explain", OPT_BOOL, "no", N_("KNN: how many neighbours voted, or that none could"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int ranking_only(const lab_model *lm)
{
	const algo *a = algo_find(lm->algo);
	return a && a->ranking_only;
}

/* A user who arrived after training (rate with a new name) is folded in:
 * the user's vector is solved from their ratings with the item factors held
 * fixed. Returns 1 and fills p/bias when folded in, 0 for a known user. */
static int fold_in(lab *l, lab_model *lm, int u, float *p, float *bias, ll_error *err)
{
	if (u < model_n_users(lm->m))
		return 0;
	if (!mf_is_mf(lm->m))
		return ll_fail(err, "%s is new since model '%s' was trained: train again",
			       ratings_user_name(l->data, u), lm->name);
	const ratings *r = l->data;
	const uint32_t *pos;
	size_t n = ratings_user_entries(r, u, &pos);
	int *items = malloc((n + 1) * sizeof *items);
	float *vals = malloc((n + 1) * sizeof *vals);
	int m = 0;
	for (size_t j = 0; items && vals && j < n; j++) {
		const ll_rating *e = &ratings_entries(r)[pos[j]];
		if (e->item < model_n_items(lm->m))
			items[m] = e->item, vals[m++] = e->value;
	}
	int rc = items && vals ? mf_foldin(lm->m, m, items, vals, -1, p, bias, err)
			       : ll_fail(err, "out of memory");
	free(items), free(vals);
	return rc < 0 ? -1 : 1;
}

static double clip(const ratings *r, double x)
{
	double lo = ratings_scale_lo(r), hi = ratings_scale_hi(r);
	return isnan(x) ? x : x < lo ? lo : x > hi ? hi : x;
}

/* predict explain=yes: for KNN, the neighbours that voted, or why none
 * could (Surprise's was_impossible); sets last.impossible, last.neighbours
 * and last.candidates. Other models take no vote, which it says. */
static view *explain(lab *l, lab_model *lm, int u, int i)
{
	char s[800];
	if (!knn_is(lm->m) || u >= model_n_users(lm->m)) {
		snprintf(s, sizeof s, _("Model %s (%s) asks no neighbours: its guess comes from what it "
					"learned for this user and this item, so it is never "
					"impossible."), lm->name, lm->algo);
		lab_last_num(l, "impossible", 0);
		lab_last_num(l, "neighbours", 0);
		return view_text(NULL, s);
	}
	knn_detail d;
	knn_predict_detail(lm->m, u, i, &d);
	int by_user = knn_user_based(lm->m);
	/* TRANSLATORS: the last %s is how the similarities are stored ("dense 10 x 10"). */
	if (!d.impossible && by_user)
		snprintf(s, sizeof s, _("%d similar users voted, of the %d who rated it that could (%s)."),
			 d.used, d.candidates, knn_storage(lm->m));
	else if (!d.impossible)
		snprintf(s, sizeof s, _("%d similar items voted, of the %d the user rated that could (%s)."),
			 d.used, d.candidates, knn_storage(lm->m));
	else if (d.candidates == 0)
		snprintf(s, sizeof s, "%s", by_user
			 ? _("Impossible: no other user rated this item, so the guess falls back on an average.")
			 : _("Impossible: no other item was rated by this user, so the guess falls back on "
			     "an average."));
	else if (by_user)
		snprintf(s, sizeof s, d.used
			 ? _("Impossible: %d users could vote but too few were similar enough, so the "
			     "guess falls back on an average.")
			 : _("Impossible: %d users could vote but none was similar enough, so the guess "
			     "falls back on an average."), d.candidates);
	else
		snprintf(s, sizeof s, d.used
			 ? _("Impossible: %d items could vote but too few were similar enough, so the "
			     "guess falls back on an average.")
			 : _("Impossible: %d items could vote but none was similar enough, so the guess "
			     "falls back on an average."), d.candidates);
	lab_last_num(l, "impossible", d.impossible);
	lab_last_num(l, "neighbours", d.used);
	lab_last_num(l, "candidates", d.candidates);
	return view_text(NULL, s);
}

/* The genres of item i as "Comedy, Romance" (or "no genre"). */
static void genre_words(const ratings *r, int i, char *buf, size_t size)
{
	uint32_t g = ratings_item_genres(r, i);
	size_t len = 0;
	buf[0] = '\0';
	for (int j = 0; j < ratings_n_genres(r) && len < size; j++)
		if (g >> j & 1)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
						ratings_genre_name(r, j));
	if (!len)
		snprintf(buf, size, "%s", _("no genre"));
}

/* Wide & Deep's year bucket of a title, its words translated ("1990-94"
 * needs none). */
static const char *year_words(const char *title)
{
	const char *b = wd_year_bucket(title);
	if (!strcmp(b, "unknown"))
		/* TRANSLATORS: a movie's year bucket when its title has no year. */
		return _("unknown");
	if (!strcmp(b, "before 1950"))
		return _("before 1950");
	return b;
}

/* predict for a movie newer than the model (additem after training): only
 * a model of features can place it; one of vectors says it has none. */
static int predict_unseen(lab *l, lab_model *lm, int u, int i, view **out, ll_error *err)
{
	const ratings *r = l->data;
	const uint32_t *pos;
	size_t rated = ratings_item_entries(r, i, &pos);
	const char *title = ratings_item_title(r, i);
	if (!wd_is_wide_deep(lm->m)) {
		if (model_k(lm->m) == 0)
			return lab_model_covers(l, lm, 0, i, err);
		if (!strcmp(lm->algo, "text"))
			return ll_fail(err, "predict: model '%s' (text) has no vector for %s, which is "
				       "newer than the model: train it again, and the movie's vector "
				       "starts from its text", lm->name, title);
		if (rated)
			return ll_fail(err, "predict: model '%s' (%s) has no vector for %s: it learns "
				       "a movie's vector from the movie's ratings, and the movie is newer "
				       "than the model (train again)", lm->name, lm->algo, title);
		return ll_fail(err, "predict: model '%s' (%s) has no vector for %s: it learns a "
			       "movie's vector from the movie's ratings, and the movie is newer than "
			       "the model and has none (a model of features can place it: train "
			       "wide_deep)", lm->name, lm->algo, title);
	}
	int known = u < model_n_users(lm->m);
	double p = wd_predict_unseen(lm->m, known ? u : -1, ratings_item_genres(r, i), title);
	if (!isfinite(p))
		return ll_fail(err, "predict: model '%s' is not trained", lm->name);
	int rank_only = ranking_only(lm);
	double shown = rank_only ? p : clip(r, p);
	char g[300], msg[1600];
	genre_words(r, i, g, sizeof g);
	const char *un = ratings_user_name(r, u), *yr = year_words(title);
	/* TRANSLATORS: the last two %s are the movie's genres and its year bucket. */
	if (rank_only && known)
		snprintf(msg, sizeof msg, _("%s -> %s: score %.2f (model %s; the movie is newer than "
					    "the model, so only its features place it: %s, %s)"),
			 un, title, shown, lm->name, g, yr);
	else if (rank_only)
		snprintf(msg, sizeof msg, _("%s -> %s: score %.2f (model %s; the movie is newer than "
					    "the model, so only its features place it: %s, %s; the "
					    "user is newer too, so no user features)"),
			 un, title, shown, lm->name, g, yr);
	else if (known)
		snprintf(msg, sizeof msg, _("%s -> %s: predicted %.2f (model %s; the movie is newer "
					    "than the model, so only its features place it: %s, %s)"),
			 un, title, shown, lm->name, g, yr);
	else
		snprintf(msg, sizeof msg, _("%s -> %s: predicted %.2f (model %s; the movie is newer "
					    "than the model, so only its features place it: %s, %s; "
					    "the user is newer too, so no user features)"),
			 un, title, shown, lm->name, g, yr);
	*out = view_text(NULL, msg);
	lab_last_str(l, "user", ratings_user_name(r, u));
	lab_last_str(l, "item", title);
	lab_last_num(l, "prediction", shown);
	lab_last_num(l, "raw", p);
	lab_last_num(l, "unseen", 1);
	lab_result(l, shown);
	return 0;
}

/* A movie the model knows but no training rating touched: what its guess
 * rests on, or NULL when the movie had ratings. */
static view *cold_note(lab *l, const lab_model *lm, int i)
{
	const ratings *tr = lm->on_split ? lab_train_set(l) : l->data;
	const uint32_t *pos;
	if (i >= ratings_n_items(tr) || ratings_item_entries(tr, i, &pos) > 0)
		return NULL;
	const char *s = NULL;
	if (wd_is_wide_deep(lm->m))
		s = _("The movie has no training ratings: its guess comes from its features (genres, "
		      "year) and the user's crosses.");
	else if (!strcmp(lm->algo, "text"))
		s = _("The movie has no training ratings: its vector is its text's, which no rating "
		      "moved.");
	else if (mf_is_mf(lm->m))
		s = _("The movie has no training ratings: its vector is still its random start, so "
		      "the guess is the biases plus noise, whatever the movie is.");
	return s ? view_text(NULL, s) : NULL;
}

/* "Minsu -> Avengers: predicted 3.73; rated 4, error +0.27 (model sgd)":
 * a whole sentence for each combination of what applies. score: p is a
 * ranking model's score, not a rating; raw: the prediction before clipping
 * when it differs (NaN when not); y: the rating, NaN when there is none;
 * folded: the user was folded in. */
static void predict_line(char *msg, size_t size, const char *un, const char *in, int score,
			 double p, double raw, double y, const char *model, int folded)
{
	int rated = !isnan(y), clipped = !score && !isnan(raw);
	double e = y - p;
	if (score && rated && folded)
		snprintf(msg, size, _("%s -> %s: score %.2f; rated %g, error %+.2f (model %s; folded "
				      "in: the user is newer than the model)"), un, in, p, y, e, model);
	else if (score && rated)
		snprintf(msg, size, _("%s -> %s: score %.2f; rated %g, error %+.2f (model %s)"), un, in,
			 p, y, e, model);
	else if (score && folded)
		snprintf(msg, size, _("%s -> %s: score %.2f (model %s; folded in: the user is newer "
				      "than the model)"), un, in, p, model);
	else if (score)
		snprintf(msg, size, _("%s -> %s: score %.2f (model %s)"), un, in, p, model);
	else if (clipped && rated && folded)
		snprintf(msg, size, _("%s -> %s: predicted %.2f (%.2f before clipping to the scale); "
				      "rated %g, error %+.2f (model %s; folded in: the user is newer "
				      "than the model)"), un, in, p, raw, y, e, model);
	else if (clipped && rated)
		snprintf(msg, size, _("%s -> %s: predicted %.2f (%.2f before clipping to the scale); "
				      "rated %g, error %+.2f (model %s)"), un, in, p, raw, y, e, model);
	else if (clipped && folded)
		snprintf(msg, size, _("%s -> %s: predicted %.2f (%.2f before clipping to the scale) "
				      "(model %s; folded in: the user is newer than the model)"),
			 un, in, p, raw, model);
	else if (clipped)
		snprintf(msg, size, _("%s -> %s: predicted %.2f (%.2f before clipping to the scale) "
				      "(model %s)"), un, in, p, raw, model);
	else if (rated && folded)
		snprintf(msg, size, _("%s -> %s: predicted %.2f; rated %g, error %+.2f (model %s; "
				      "folded in: the user is newer than the model)"),
			 un, in, p, y, e, model);
	else if (rated)
		snprintf(msg, size, _("%s -> %s: predicted %.2f; rated %g, error %+.2f (model %s)"), un,
			 in, p, y, e, model);
	else if (folded)
		snprintf(msg, size, _("%s -> %s: predicted %.2f (model %s; folded in: the user is newer "
				      "than the model)"), un, in, p, model);
	else
		snprintf(msg, size, _("%s -> %s: predicted %.2f (model %s)"), un, in, p, model);
}

static int run_predict(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int u = lab_user(l, c->argv[0].text, err);
	if (u < 0)
		return -1;
	int i = lab_item(l, c->argv[1].text, err);
	if (i < 0)
		return -1;
	if (i >= model_n_items(lm->m))
		return predict_unseen(l, lm, u, i, out, err);
	if (lab_model_covers(l, lm, u < model_n_users(lm->m) ? u : 0, i, err) < 0)
		return -1;
	const ratings *r = l->data;
	float *fp = malloc(((size_t)model_k(lm->m) + 1) * sizeof *fp), fb = 0;
	int folded = fp ? fold_in(l, lm, u, fp, &fb, err) : ll_fail(err, "out of memory");
	if (folded < 0) {
		free(fp);
		return -1;
	}
	double raw = folded ? mf_foldin_predict(lm->m, fp, fb, i) : model_predict(lm->m, u, i);
	/* A ranking model's score is no rating: it is shown as it is. */
	double p = ranking_only(lm) ? raw : folded ? clip(r, raw) : model_predict_clipped(lm->m, u, i);
	free(fp);
	long pos = ratings_find(r, u, i);
	char msg[1200];
	lab_last_str(l, "user", ratings_user_name(r, u));
	lab_last_str(l, "item", ratings_item_title(r, i));
	lab_last_num(l, "prediction", p);
	lab_last_num(l, "raw", raw);
	double y = NAN;
	if (pos >= 0) {
		y = ratings_entries(r)[pos].value;
		lab_last_num(l, "rating", y);
		lab_last_num(l, "error", y - p);
	}
	predict_line(msg, sizeof msg, ratings_user_name(r, u), ratings_item_title(r, i), ranking_only(lm),
		     p, fabs(raw - p) > 1e-9 ? raw : NAN, y, lm->name, folded);
	*out = view_text(NULL, msg);
	view *note = cold_note(l, lm, i);
	if (note)
		view_append(out, note);
	lab_last_num(l, "unseen", 0);
	if (params_bool(c->opts, "explain", false))
		view_append(out, explain(l, lm, u, i));
	lab_result(l, p);
	return 0;
}

static int run_rating(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	int u = lab_user(l, c->argv[0].text, err);
	if (u < 0)
		return -1;
	int i = lab_item(l, c->argv[1].text, err);
	if (i < 0)
		return -1;
	long pos = ratings_find(l->data, u, i);
	if (pos < 0)
		return ll_fail(err, "rating: %s has not rated %s", ratings_user_name(l->data, u),
			       ratings_item_title(l->data, i));
	double y = ratings_entries(l->data)[pos].value;
	char msg[800];
	snprintf(msg, sizeof msg, _("%s rated %s %g."), ratings_user_name(l->data, u),
		 ratings_item_title(l->data, i), y);
	*out = view_text(NULL, msg);
	lab_last_num(l, "rating", y);
	lab_result(l, y);
	return 0;
}

static const lab_opt recommend_opts[] = {
	{ "n", OPT_INT, "5", N_("how many items"), NULL },
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ "precision", OPT_WORD, NULL, N_("score with the factors rounded to this precision"), QR_NAMES },
	{ "compare", OPT_WORD, NULL, N_("with precision=: beside the top n at this precision"), QR_NAMES },
	{ "grid", OPT_WORD, "row", N_("with precision=: a grid per row, or one for the table"), "row|table" },
	{ "why", OPT_BOOL, "no", N_("a reason per item: the liked movie closest to it"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* A title cut to cols columns (with an ellipsis), so two lists fit side
 * by side in 80 columns; caller frees. */
static char *cut(const char *s, int cols)
{
	if (uw_width(s) <= cols)
		return strdup(s);
	char *p = uw_pad(s, cols, 'l', 0);
	return p;
}

/* recommend precision=P [compare=Q]: the top n with both factor tables
 * rounded to P (qround.c), beside the top n at Q when asked: which items
 * left the list and which entered, the gap between ranks n and n+1 at Q,
 * and how far rounding moved the scores. */
static int recommend_rounded(lab_call *c, lab_model *lm, int u, int n, view **out, ll_error *err)
{
	lab *l = c->l;
	const ratings *r = l->data;
	int ni = model_n_items(lm->m), k = model_k(lm->m);
	if (k < 1 || !model_item_factors_const(lm->m))
		return ll_fail(err, "recommend: model '%s' (%s) has no latent vectors to round",
			       lm->name, lm->algo);
	if (u >= model_n_users(lm->m))
		return ll_fail(err, "recommend: precision= needs a user model '%s' was trained on",
			       lm->name);
	int p[2] = { qr_from_name(lab_opt_str(c, "precision", "int4")), -1 };
	int both = lab_opt_given(c, "compare"), table = !strcmp(lab_opt_str(c, "grid", "row"), "table");
	if (both)
		p[1] = qr_from_name(lab_opt_str(c, "compare", "f32"));
	float *s[2] = { malloc(((size_t)ni + 1) * sizeof(float)), malloc(((size_t)ni + 1) * sizeof(float)) };
	unsigned char *skip = calloc((size_t)ni + 1, 1);
	int *top[2] = { malloc(((size_t)n + 2) * sizeof(int)), malloc(((size_t)n + 2) * sizeof(int)) };
	int rc = s[0] && s[1] && skip && top[0] && top[1] ? 0 : ll_fail(err, "out of memory");
	for (int j = 0; rc == 0 && j < 1 + both; j++)
		rc = qr_scores(lm->m, u, p[j], 0, table, s[j], err);
	int got[2] = { 0, 0 };
	if (rc == 0) {
		const uint32_t *pos;
		size_t nr = ratings_user_entries(r, u, &pos);
		for (size_t j = 0; j < nr; j++)
			if (ratings_entries(r)[pos[j]].item < ni)
				skip[ratings_entries(r)[pos[j]].item] = 1;
		for (int j = 0; j < 1 + both; j++)
			got[j] = metrics_top_k(s[j], ni, skip, n + 1, top[j]);
	}
	if (rc < 0) {
		free(s[0]), free(s[1]), free(skip), free(top[0]), free(top[1]);
		return -1;
	}
	int a = got[0] < n ? got[0] : n, b = both ? (got[1] < n ? got[1] : n) : 0;
	double kept = NAN;
	char title[600];
	if (!both) {
		snprintf(title, sizeof title, _("Recommended for %s, model %s stored in %s"),
			 ratings_user_name(r, u), lm->name, qr_name(p[0]));
		view *v = view_table(title, a, 3);
		view_table_header(v, 0, _("#"), 'r');
		view_table_header(v, 1, _("item"), 'l');
		view_table_header(v, 2, _("score"), 'r');
		for (int j = 0; j < a; j++) {
			view_table_set(v, j, 0, "%d", j + 1);
			view_table_set(v, j, 1, "%s", ratings_item_title(r, top[0][j]));
			view_table_set(v, j, 2, "%.3f", s[0][top[0][j]]);
		}
		*out = v;
	} else {
		/* The reference (compare=) on the left, the rounded list on the right. */
		int shared = 0, rows = a > b ? a : b;
		snprintf(title, sizeof title, _("Top %d for %s, model %s: %s against %s (raw scores)"), n,
			 ratings_user_name(r, u), lm->name, qr_name(p[1]), qr_name(p[0]));
		view *v = view_table(title, rows, 5);
		view_table_header(v, 0, _("#"), 'r');
		view_table_header(v, 1, qr_name(p[1]), 'l');
		view_table_header(v, 2, _("score"), 'r');
		view_table_header(v, 3, qr_name(p[0]), 'l');
		view_table_header(v, 4, _("score"), 'r');
		double shift = 0;
		for (int j = 0; j < rows; j++) {
			view_table_set(v, j, 0, "%d", j + 1);
			if (j < b) {
				int it = top[1][j], in = 0;
				for (int i = 0; i < a; i++)
					in |= top[0][i] == it;
				shared += in;
				shift += fabs((double)s[0][it] - s[1][it]);
				char *t = cut(ratings_item_title(r, it), 26);
				view_table_set(v, j, 1, "%s%s", in ? "" : "- ", t ? t : "");
				free(t);
				view_table_set(v, j, 2, "%.3f", s[1][it]);
			}
			if (j < a) {
				int it = top[0][j], in = 0;
				for (int i = 0; i < b; i++)
					in |= top[1][i] == it;
				char *t = cut(ratings_item_title(r, it), 26);
				view_table_set(v, j, 3, "%s%s", in ? "" : "+ ", t ? t : "");
				free(t);
				view_table_set(v, j, 4, "%.3f", s[0][it]);
			}
		}
		double gap = got[1] > n ? (double)s[1][top[1][n - 1]] - s[1][top[1][n]] : NAN;
		shift = b ? shift / b : NAN;
		char body[1200];
		/* TRANSLATORS: %s are precisions (int4, f32). */
		snprintf(body, sizeof body, _("%s keeps %d of the %d (%.0f%%): '-' left the list, '+' "
			 "entered it. In %s the scores of ranks %d and %d differ by %.4f; rounding to %s "
			 "moved the %d scores on the left by %.4f on average."), qr_name(p[0]), shared, b,
			 b ? 100.0 * shared / b : 0, qr_name(p[1]), n, n + 1, gap, qr_name(p[0]), b, shift);
		*out = v;
		view_append(out, view_text(NULL, body));
		kept = b ? (double)shared / b : NAN;
		lab_last_num(l, "kept", kept);
		lab_last_num(l, "left", b - shared);
		lab_last_num(l, "gap10", gap);
		lab_last_num(l, "score_shift", shift);
	}
	lab_last_str(l, "user", ratings_user_name(r, u));
	if (a > 0) {
		lab_last_str(l, "item", ratings_item_title(r, top[0][0]));
		lab_last_num(l, "score", s[0][top[0][0]]);
		lab_result(l, both ? kept : s[0][top[0][0]]);
	}
	free(s[0]), free(s[1]), free(skip), free(top[0]), free(top[1]);
	return 0;
}


static int run_recommend(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int u = lab_user(l, c->argv[0].text, err);
	if (u < 0)
		return -1;
	const ratings *r = l->data;
	int ni = model_n_items(lm->m), n = (int)lab_opt_long(c, "n", 5);
	float *fp = malloc(((size_t)model_k(lm->m) + 1) * sizeof *fp), fb = 0;
	int folded = fp ? fold_in(l, lm, u, fp, &fb, err) : ll_fail(err, "out of memory");
	if (folded < 0) {
		free(fp);
		return -1;
	}
	if (n < 1)
		return ll_fail(err, "recommend: n must be at least 1");
	if (lab_opt_given(c, "compare") && !lab_opt_given(c, "precision")) {
		free(fp);
		return ll_fail(err, "recommend: compare= goes with precision= (precision=int4 compare=f32)");
	}
	if (lab_opt_given(c, "precision")) {
		free(fp);
		return recommend_rounded(c, lm, u, n, out, err);
	}
	float *scores = malloc(((size_t)ni + 1) * sizeof *scores);
	unsigned char *skip = calloc((size_t)ni + 1, 1);
	int *top = malloc(((size_t)n + 1) * sizeof *top);
	if (!scores || !skip || !top) {
		free(scores), free(skip), free(top), free(fp);
		return ll_fail(err, "out of memory");
	}
	if (folded)
		for (int i = 0; i < ni; i++)
			scores[i] = (float)mf_foldin_predict(lm->m, fp, fb, i);
	else
		model_score_items(lm->m, u, scores);
	/* Items the user already rated (by hand too) are not recommended. */
	const uint32_t *pos;
	size_t k = ratings_user_entries(r, u, &pos);
	for (size_t j = 0; j < k; j++) {
		int it = ratings_entries(r)[pos[j]].item;
		if (it < ni)
			skip[it] = 1;
	}
	int got = metrics_top_k(scores, ni, skip, n, top);
	int rank_only = ranking_only(lm);
	char title[600];
	snprintf(title, sizeof title, _("Recommended for %s (model %s)"), ratings_user_name(r, u), lm->name);
	int why = params_bool(c->opts, "why", false);
	view *v = view_table(title, got, why ? 4 : 3);
	view_table_header(v, 0, _("#"), 'r');
	view_table_header(v, 1, _("item"), 'l');
	view_table_header(v, 2, rank_only ? _("score") : _("predicted"), 'r');
	if (why)
		view_table_header(v, 3, _("because you liked (cos)"), 'l');
	/* The user's vector, for a reason by factor when they liked nothing. */
	const float *pu = folded ? fp : model_k(lm->m) > 0 && model_user_factors_const(lm->m)
			? model_user_factors_const(lm->m) + (size_t)u * model_k(lm->m) : NULL;
	int explained = 0;
	for (int j = 0; j < got; j++) {
		view_table_set(v, j, 0, "%d", j + 1);
		if (why) { /* both titles and the reason in 80 columns */
			char *t = cut(ratings_item_title(r, top[j]), 28);
			view_table_set(v, j, 1, "%s", t ? t : "");
			free(t);
		} else {
			view_table_set(v, j, 1, "%s", ratings_item_title(r, top[j]));
		}
		if (rank_only)
			view_table_set(v, j, 2, "%.3f", scores[top[j]]);
		else
			view_table_set(v, j, 2, "%.2f", clip(r, scores[top[j]]));
		if (why) {
			char b[300];
			double cs;
			explained += lab_because(l, lm->m, u, pu, top[j], 20, b, sizeof b, &cs) >= 0;
			view_table_set(v, j, 3, "%s", b);
			if (j == 0)
				lab_last_num(l, "because_cos", cs);
		}
	}
	if (why)
		lab_last_num(l, "because_liked", explained);
	*out = v;
	if (got == 0)
		view_append(out, view_text(NULL, _("Nothing left to recommend: every item is rated.")));
	lab_last_str(l, "user", ratings_user_name(r, u));
	if (got > 0) {
		lab_last_str(l, "item", ratings_item_title(r, top[0]));
		lab_last_num(l, "score", scores[top[0]]);
		lab_result(l, rank_only ? scores[top[0]] : clip(r, scores[top[0]]));
	}
	if (folded)
		view_append(out, view_text(NULL, _("(folded in: the user is newer than the model)")));
	free(scores), free(skip), free(top), free(fp);
	return 0;
}

/* --- latent vectors ------------------------------------------------------ */

static const float *factors(lab_model *lm, int side, int x, ll_error *err)
{
	int k = model_k(lm->m);
	if (k == 0) {
		ll_fail(err, "model '%s' (%s) has no latent vectors", lm->name, lm->algo);
		return NULL;
	}
	if (side == SIDE_USER) {
		if (x >= model_n_users(lm->m)) {
			ll_fail(err, "this user is new since model '%s' was trained: train again", lm->name);
			return NULL;
		}
		return model_user_factors_const(lm->m) + (size_t)x * k;
	}
	if (x >= model_n_items(lm->m)) {
		ll_fail(err, "this item is new since model '%s' was trained: train again", lm->name);
		return NULL;
	}
	return model_item_factors_const(lm->m) + (size_t)x * k;
}

static const char *side_name(const lab *l, int side, int x)
{
	return side == SIDE_USER ? ratings_user_name(l->data, x) : ratings_item_title(l->data, x);
}

static int is_index(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

static int run_vector(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int n = c->argc, comp = -1;
	/* "vector Minsu 0": the last word a component index, not a name. */
	if (n >= 2 && is_index(c->argv[n - 1].text) &&
	    ratings_find_user(l->data, c->argv[n - 1].text) < 0 &&
	    ratings_lookup_item(l->data, c->argv[n - 1].text) < 0) {
		comp = atoi(c->argv[n - 1].text);
		n--;
	}
	int k = model_k(lm->m);
	view *v = view_vectors(NULL, n, k > 0 ? k : 1);
	if (!v)
		return ll_fail(err, "out of memory");
	double first = NAN;
	for (int j = 0; j < n; j++) {
		int side, x = lab_user_or_item(l, c->argv[j].text, &side, err);
		const float *f = x >= 0 ? factors(lm, side, x, err) : NULL;
		if (!f) {
			l->err_col = c->argv[j].col;
			view_free(&v);
			return -1;
		}
		if (comp >= k) {
			view_free(&v);
			l->err_col = c->argv[n].col;
			return ll_fail(err, "vector: component %d of a %d-dimensional vector (0 to %d)",
				       comp, k, k - 1);
		}
		v->u.vectors.labels[j] = strdup(side_name(l, side, x));
		v->u.vectors.side[j] = (unsigned char)side;
		for (int d = 0; d < k; d++)
			v->u.vectors.values[(size_t)j * k + d] = f[d];
		if (j == 0)
			first = comp >= 0 ? f[comp] : f[0];
	}
	char title[400];
	snprintf(title, sizeof title, _("Latent vectors (model %s, k=%d)"), lm->name, k);
	v->title = strdup(title);
	*out = v;
	lab_last_num(l, "component", first);
	lab_result(l, first);
	return 0;
}

static int run_cos(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	const float *f[2];
	int side[2], x[2];
	for (int j = 0; j < 2; j++) {
		x[j] = lab_user_or_item(l, c->argv[j].text, &side[j], err);
		if (x[j] < 0 || !(f[j] = factors(lm, side[j], x[j], err))) {
			l->err_col = c->argv[j].col;
			return -1;
		}
	}
	int k = model_k(lm->m);
	double dot = 0, na = 0, nb = 0;
	for (int d = 0; d < k; d++) {
		dot += (double)f[0][d] * f[1][d];
		na += (double)f[0][d] * f[0][d];
		nb += (double)f[1][d] * f[1][d];
	}
	if (na == 0 || nb == 0)
		return ll_fail(err, "cos: %s has a zero vector, so no angle",
			       na == 0 ? side_name(l, side[0], x[0]) : side_name(l, side[1], x[1]));
	double cs = dot / (sqrt(na) * sqrt(nb));
	char msg[800];
	snprintf(msg, sizeof msg, _("cos(%s, %s) = %.3f: an angle of %.0f degrees (model %s, k=%d)"),
		 side_name(l, side[0], x[0]), side_name(l, side[1], x[1]), cs,
		 acos(cs > 1 ? 1 : cs < -1 ? -1 : cs) * 180 / M_PI, lm->name, k);
	*out = view_text(NULL, msg);
	lab_last_num(l, "cos", cs);
	lab_last_num(l, "dot", dot);
	lab_result(l, cs);
	return 0;
}

/* --- similar ------------------------------------------------------------- */

static const lab_opt similar_opts[] = {
	{ "metric", OPT_WORD, "cosine", N_("similarity measure"), SIM_NAMES "|latent" },
	{ "n", OPT_INT, "5", N_("how many neighbours"), NULL },
	{ "min_support", OPT_INT, NULL, N_("fewest co-rated entries for a nonzero similarity "
	  "(default 1 on data under 1000 ratings, else 5)"), NULL },
	{ "model", OPT_STR, NULL, N_("metric=latent: the model whose vectors to compare"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* The n best rows by similarity; ties go to the pair with more co-rated
 * entries (a cosine of 1 on one shared rating says little), then to the
 * lower index. NaN never wins, nor a row that shares nothing. */
static int best_rows(const float *sim, const int *support, int rows, const unsigned char *skip,
		     int n, int *top)
{
	int got = 0;
	for (int y = 0; y < rows; y++) {
		if (skip[y] || isnan(sim[y]) || support[y] <= 0)
			continue;
		int at = got < n ? got++ : n;
		/* Insert y into the sorted top list (n is small). */
		while (at > 0) {
			int z = top[at - 1];
			int better = sim[y] > sim[z] || (sim[y] == sim[z] && support[y] > support[z]);
			if (!better)
				break;
			if (at < n)
				top[at] = z;
			at--;
		}
		if (at < n)
			top[at] = y;
	}
	return got;
}

static int run_similar(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	int side, x = lab_user_or_item(l, c->argv[0].text, &side, err);
	if (x < 0)
		return -1;
	const ratings *r = l->data;
	const char *metric = lab_opt_str(c, "metric", "cosine");
	int n = (int)lab_opt_long(c, "n", 5), latent = strcmp(metric, "latent") == 0;
	int rows = side == SIDE_USER ? ratings_n_users(r) : ratings_n_items(r);
	float *sim = calloc((size_t)rows + 1, sizeof *sim);
	int *support = calloc((size_t)rows + 1, sizeof *support);
	if (!sim || !support) {
		free(sim), free(support);
		return ll_fail(err, "out of memory");
	}
	lab_model *lm = NULL;
	if (latent) {
		lm = lab_model_pick(l, c, err);
		const float *fx = lm ? factors(lm, side, x, err) : NULL;
		if (!fx) {
			free(sim), free(support);
			return -1;
		}
		int k = model_k(lm->m);
		int have = side == SIDE_USER ? model_n_users(lm->m) : model_n_items(lm->m);
		double nx = 0;
		for (int d = 0; d < k; d++)
			nx += (double)fx[d] * fx[d];
		for (int y = 0; y < rows; y++) {
			sim[y] = NAN;
			if (y >= have)
				continue;
			const float *fy = factors(lm, side, y, NULL);
			double dot = 0, ny = 0;
			for (int d = 0; d < k; d++)
				dot += (double)fx[d] * fy[d], ny += (double)fy[d] * fy[d];
			sim[y] = nx > 0 && ny > 0 ? (float)(dot / sqrt(nx * ny)) : 0;
			support[y] = k;
		}
	} else {
		sim_cfg cfg = { .kind = (sim_kind)sim_from_name(metric), .user_based = side == SIDE_USER,
				.min_support = (int)lab_opt_long(c, "min_support",
								 ratings_count(r) < 1000 ? 1 : 5),
				.shrinkage = 100 };
		double *bu = NULL, *bi = NULL;
		if (cfg.kind == SIM_PEARSON_BASELINE) {
			bu = calloc((size_t)ratings_n_users(r) + 1, sizeof *bu);
			bi = calloc((size_t)ratings_n_items(r) + 1, sizeof *bi);
			if (!bu || !bi) {
				free(bu), free(bi), free(sim), free(support);
				return ll_fail(err, "out of memory");
			}
			cfg.mu = baseline_als(r, 10, 15, 10, bu, bi);
			cfg.bu = bu, cfg.bi = bi;
		}
		sim_work *w = sim_work_new(r, &cfg, err);
		if (w)
			sim_row(w, x, sim, support);
		free(bu), free(bi);
		if (!w) {
			free(sim), free(support);
			return ll_prefix(err, "similar: ");
		}
		sim_work_free(&w);
	}
	unsigned char *skip = calloc((size_t)rows + 1, 1);
	int *top = malloc(((size_t)n + 1) * sizeof *top);
	if (!skip || !top) {
		free(sim), free(support), free(skip), free(top);
		return ll_fail(err, "out of memory");
	}
	skip[x] = 1;
	int got = best_rows(sim, support, rows, skip, n, top);
	char title[600];
	/* TRANSLATORS: the second %s is the similarity measure (cosine, msd, latent). */
	if (latent)
		snprintf(title, sizeof title, _("Most similar to %s (%s, model %s)"), side_name(l, side, x),
			 metric, lm->name);
	else
		snprintf(title, sizeof title, _("Most similar to %s (%s)"), side_name(l, side, x), metric);
	view *v = view_table(title, got, latent ? 3 : 4);
	view_table_header(v, 0, _("#"), 'r');
	view_table_header(v, 1, side == SIDE_USER ? _("user") : _("item"), 'l');
	view_table_header(v, 2, _("similarity"), 'r');
	if (!latent)
		view_table_header(v, 3, _("co-rated"), 'r');
	for (int j = 0; j < got; j++) {
		view_table_set(v, j, 0, "%d", j + 1);
		view_table_set(v, j, 1, "%s", side_name(l, side, top[j]));
		view_table_set(v, j, 2, "%.3f", sim[top[j]]);
		if (!latent)
			view_table_set(v, j, 3, "%d", support[top[j]]);
	}
	*out = v;
	if (got > 0) {
		lab_last_num(l, "similarity", sim[top[0]]);
		lab_last_str(l, "neighbour", side_name(l, side, top[0]));
		lab_result(l, sim[top[0]]);
	}
	free(sim), free(support), free(skip), free(top);
	return 0;
}

const lab_cmd lab_cmds_predict[] = {
	{ "predict", "USER ITEM [model=NAME] [explain=yes]", 2, 2, { ARG_USER, ARG_ITEM }, NULL,
	  predict_opts, 0, N_("predict a user's rating of an item"),
	  N_("predict Minsu Avengers\n"
	  "The model's estimate, clipped to the rating scale; when the rating is known,\n"
	  "also the error. Sets last.prediction (and last.rating, last.error).\n"
	  "explain=yes: for a KNN model, how many neighbours voted, or that none could\n"
	  "(last.impossible 1, last.neighbours, last.candidates)."),
	  run_predict },
	{ "rating", "USER ITEM", 2, 2, { ARG_USER, ARG_ITEM }, NULL, NULL, 0,
	  N_("the rating a user gave an item"), N_("rating Cheolsu Avengers"), run_rating },
	{ "recommend", "USER [n=N] [model=NAME] [precision=P [compare=Q]]", 1, 1, { ARG_USER }, NULL,
	  recommend_opts, 0, N_("the best items a user has not rated"),
	  N_("recommend Minsu n=5\nThe model's top items among those the user has not rated.\n"
	  "recommend 1 n=10 precision=int4 compare=f32\n"
	  "The top n with the factors stored in int4 beside the float32 top n: what left\n"
	  "the list and what entered. Sets last.kept (the share kept), last.left, last.gap10\n"
	  "(the score gap between ranks n and n+1 at compare=) and last.score_shift (how\n"
	  "far rounding moved those scores, on average).\n"
	  "recommend me n=10 why=yes\n"
	  "A reason per item: the movie the user liked (at or above their mean) whose\n"
	  "vector is closest to it, or the factor that adds most. Sets last.because_liked\n"
	  "(items explained by a liked movie) and last.because_cos (of the first)."),
	  run_recommend },
	{ "similar", "USER|ITEM [metric=M] [n=N]", 1, 1, { ARG_NAME }, NULL, similar_opts, 0,
	  N_("the most similar users or items"),
	  N_("similar Minsu metric=cosine n=5\n"
	  "Similarity over co-rated entries: cosine, pearson, pearson_baseline, msd,\n"
	  "euclidean; or metric=latent for the cosine of the model's latent vectors."),
	  run_similar },
	{ "vector", "NAME... [INDEX] [model=NAME]", 1, -1, { ARG_NAME }, NULL, model_opt, 0,
	  N_("latent vectors of users or items"),
	  N_("vector Avengers        the item's latent vector, as signed bars\n"
	  "vector Minsu Cheolsu   several at once\n"
	  "vector Minsu 0         (in expressions) one component"),
	  run_vector },
	{ "cos", "A B [model=NAME]", 2, 2, { ARG_NAME, ARG_NAME }, NULL, model_opt, 0,
	  N_("cosine of two latent vectors"),
	  N_("cos Cheolsu Minsu\nThe cosine of the angle between two users' (or items')\n"
	  "latent vectors. Sets last.cos."),
	  run_cos },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

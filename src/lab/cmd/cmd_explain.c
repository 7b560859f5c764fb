/* cmd_explain.c: why a guess is what it is: who pulls a movie's vector
 * and how hard (tug), a guess from genres alone (content), and numbers
 * side by side, each from an expression (bars: the guesses for one cell). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/strf.h"
#include "engine/core/intl.h"
#include "lab/lab_impl.h"



/* --- tug ----------------------------------------------------------------- */

static const lab_opt tug_opts[] = {
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ "show", OPT_WORD, "table", N_("table: every pull measured; arrows: the pulls on the map "
	  "(k=2)"), "table|arrows" },
	{ NULL, 0, NULL, NULL, NULL },
};

typedef struct pull {
	int user;
	double rating, pred, error, unorm, strength;
} pull;

static int by_strength(const void *a, const void *b)
{
	double x = ((const pull *)a)->strength, y = ((const pull *)b)->strength;
	return (x < y) - (x > y);
}

/* tug show=arrows (k = 2): the movie's vector q, and from it each rater's
 * pull error x p (toward a fan's vector, away from a critic's) and their
 * sum, on the map of the two factors. */
static view *tug_arrows(const lab *l, const lab_model *lm, int item, const float *q,
			const pull *ps, size_t m, const float *sum_to, const float *sum_away)
{
	const ratings *r = l->data;
	const float *P = model_user_factors_const(lm->m);
	char title[600], note[1600];
	snprintf(title, sizeof title, _("Who pulls %s's vector, and where (model %s, k=2)"),
		 ratings_item_title(r, item), lm->name);
	view *v = view_arrows(title);
	double x[2] = { q[0], q[0] }, y[2] = { q[1], q[1] };
	if (!v || view_arrows_add(v, ratings_item_title(r, item), SIDE_ITEM, 1, 0, 1, x, y) < 0) {
		view_free(&v);
		return NULL;
	}
	for (size_t j = 0; j < m; j++) {
		const float *p = P + (size_t)ps[j].user * 2;
		x[1] = q[0] + ps[j].error * p[0], y[1] = q[1] + ps[j].error * p[1];
		if (view_arrows_add(v, ratings_user_name(r, ps[j].user), SIDE_USER, 0,
				    ps[j].error >= 0 ? 1 : -1, 2, x, y) < 0) {
			view_free(&v);
			return NULL;
		}
	}
	/* The note names the fans and the critics, since text has no colours. */
	char *fans = NULL, *critics = NULL;
	for (size_t j = 0; j < m; j++) {
		char **list = ps[j].error >= 0 ? &fans : &critics;
		char *s = *list ? ll_strf("%s, %s", *list, ratings_user_name(r, ps[j].user))
				: strdup(ratings_user_name(r, ps[j].user));
		free(*list);
		*list = s;
	}
	/* TRANSLATORS: in tug's note, when no rater is a fan (or a critic). */
	if (!fans)
		fans = strdup(_("none here"));
	if (!critics)
		critics = strdup(_("none here"));
	x[1] = q[0] + sum_to[0] + sum_away[0], y[1] = q[1] + sum_to[1] + sum_away[1];
	/* TRANSLATORS: the label of the sum of all the pulls on tug's map. */
	if (view_arrows_add(v, _("all together"), SIDE_ITEM, 0, 0, 2, x, y) < 0) {
		free(fans), free(critics);
		view_free(&v);
		return NULL;
	}
	snprintf(note, sizeof note, _("Each line starts at %s and is one rater's pull, error x p: "
		 "along the rater's vector for a fan (error > 0, %s), against it for a critic (%s). "
		 "One SGD step on that rating moves %s by lr times its line."),
		 ratings_item_title(r, item), fans ? fans : "", critics ? critics : "",
		 ratings_item_title(r, item));
	free(fans), free(critics);
	if (view_arrows_note(v, note) < 0)
		view_free(&v);
	return v;
}

static int run_tug(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int side, i;
	float *q = lab_vec_of(l, lm, c->argv[0].text, &side, &i, err);
	if (!q)
		return -1;
	if (side != SIDE_ITEM)
		return ll_fail(err, "tug: '%s' is a user; name a movie", c->argv[0].text);
	if (strcmp(lab_opt_str(c, "show", "table"), "arrows") == 0 && model_k(lm->m) != 2)
		return ll_fail(err, "tug: show=arrows draws the two numbers of a k=2 model; "
			       "model '%s' has k=%d", lm->name, model_k(lm->m));
	*out = NULL;
	const ratings *train = lab_train_set(l);
	int k = model_k(lm->m);
	const uint32_t *pos;
	size_t n = ratings_item_entries(train, i, &pos);
	pull *ps = calloc(n + 1, sizeof *ps);
	float *sum_to = calloc((size_t)k + 1, sizeof *sum_to), *sum_away = calloc((size_t)k + 1, sizeof *sum_away);
	if (!ps || !sum_to || !sum_away) {
		free(ps), free(sum_to), free(sum_away);
		return ll_fail(err, "out of memory");
	}
	size_t m = 0;
	int n_to = 0, n_away = 0;
	for (size_t j = 0; j < n; j++) {
		const ll_rating *e = &ratings_entries(train)[pos[j]];
		if (e->user >= model_n_users(lm->m))
			continue;
		const float *p = model_user_factors_const(lm->m) + (size_t)e->user * k;
		pull *x = &ps[m++];
		x->user = e->user;
		x->rating = e->value;
		/* The model's own (unclipped) guess, biases included where it has
		 * them: the error SGD uses is the rating minus this. */
		x->pred = model_predict(lm->m, e->user, i);
		x->error = x->rating - x->pred;
		x->unorm = lab_vec_norm(p, k);
		/* SGD moves q by lr * error * p: this is its size before lr. */
		x->strength = fabs(x->error) * x->unorm;
		float *acc = x->error >= 0 ? sum_to : sum_away;
		for (int d = 0; d < k; d++)
			acc[d] += (float)(x->error * p[d]);
		if (x->error >= 0)
			n_to++;
		else
			n_away++;
	}
	if (m == 0) {
		free(ps), free(sum_to), free(sum_away);
		return ll_fail(err, "tug: nobody rated %s", ratings_item_title(l->data, i));
	}
	qsort(ps, m, sizeof *ps, by_strength);
	if (strcmp(lab_opt_str(c, "show", "table"), "arrows") == 0) {
		view *a = tug_arrows(l, lm, i, q, ps, m, sum_to, sum_away);
		if (!a) {
			free(ps), free(sum_to), free(sum_away);
			return ll_fail(err, "out of memory");
		}
		*out = a;
	}
	char title[600];
	snprintf(title, sizeof title, _("Who pulls %s's vector (model %s): error x length of the "
		 "user's vector"), ratings_item_title(l->data, i), lm->name);
	view *v = *out ? NULL : view_table(title, (int)m, 7);
	if (!*out && !v) {
		free(ps), free(sum_to), free(sum_away);
		return ll_fail(err, "out of memory");
	}
	/* TRANSLATORS: tug's columns; |user| is the length of the user's vector. */
	const char *h[] = { _("user"), _("rating"), _("predicted"), _("error"), _("|user|"), _("pull"),
			    _("direction") };
	for (int col = 0; v && col < 7; col++)
		view_table_header(v, col, h[col], col == 0 || col == 6 ? 'l' : 'r');
	for (size_t j = 0; v && j < m; j++) {
		const pull *x = &ps[j];
		view_table_set(v, (int)j, 0, "%s", ratings_user_name(l->data, x->user));
		view_table_set(v, (int)j, 1, "%g", x->rating);
		view_table_set(v, (int)j, 2, "%.2f", x->pred);
		view_table_set(v, (int)j, 3, "%+.2f", x->error);
		view_table_set(v, (int)j, 4, "%.2f", x->unorm);
		view_table_set(v, (int)j, 5, "%.2f", x->strength);
		view_table_set(v, (int)j, 6, "%s", x->error >= 0 ? _("toward the user")
								   : _("away from the user"));
	}
	if (v)
		*out = v;
	double st = 0, sa = 0;
	for (size_t j = 0; j < m; j++)
		*(ps[j].error >= 0 ? &st : &sa) += ps[j].strength;
	lab_last_str(l, "strongest", ratings_user_name(l->data, ps[0].user));
	lab_last_num(l, "strength", ps[0].strength);
	lab_last_num(l, "n_toward", n_to);
	lab_last_num(l, "n_away", n_away);
	lab_last_num(l, "toward", st);
	lab_last_num(l, "away", sa);
	lab_last_num(l, "net_toward", lab_vec_norm(sum_to, k));
	lab_last_num(l, "net_away", lab_vec_norm(sum_away, k));
	lab_result(l, ps[0].strength);
	free(ps), free(sum_to), free(sum_away);
	return 0;
}

/* --- content ------------------------------------------------------------- */

static int popcount32(uint32_t x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

static void genre_list(const ratings *r, uint32_t mask, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int g = 0; g < ratings_n_genres(r) && len < size; g++)
		if (mask & (1u << g))
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "|" : "",
						ratings_genre_name(r, g));
}

static int run_content(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	int u = lab_user(l, c->argv[0].text, err);
	if (u < 0)
		return -1;
	int i = lab_item(l, c->argv[1].text, err);
	if (i < 0)
		return -1;
	uint32_t gi = ratings_item_genres(r, i);
	if (!gi)
		return ll_fail(err, "content: %s has no genres in this dataset", ratings_item_title(r, i));
	const uint32_t *pos;
	size_t n = ratings_user_entries(r, u, &pos);
	view *v = view_table(NULL, (int)n, 4);
	if (!v)
		return ll_fail(err, "out of memory");
	char title[800], g[300];
	genre_list(r, gi, g, sizeof g);
	snprintf(title, sizeof title, _("%s's ratings, weighted by genres shared with %s (%s)"),
		 ratings_user_name(r, u), ratings_item_title(r, i), g);
	v->title = strdup(title);
	const char *h[] = { _("movie"), _("genres"), _("overlap"), _("rating") };
	for (int col = 0; col < 4; col++)
		view_table_header(v, col, h[col], col < 2 ? 'l' : 'r');
	double sw = 0, swr = 0;
	int row = 0;
	for (size_t j = 0; j < n; j++) {
		const ll_rating *e = &ratings_entries(r)[pos[j]];
		if (e->item == i)
			continue;
		uint32_t gj = ratings_item_genres(r, e->item);
		int un = popcount32(gi | gj);
		/* Jaccard: shared genres over all genres of the two movies. */
		double w = un ? (double)popcount32(gi & gj) / un : 0;
		genre_list(r, gj, g, sizeof g);
		view_table_set(v, row, 0, "%s", ratings_item_title(r, e->item));
		view_table_set(v, row, 1, "%s", g);
		view_table_set(v, row, 2, "%.2f", w);
		view_table_set(v, row, 3, "%g", (double)e->value);
		row++;
		sw += w, swr += w * e->value;
	}
	v->u.table.rows = row;
	if (sw <= 0) {
		view_free(&v);
		return ll_fail(err, "content: none of %s's rated movies shares a genre with %s",
			       ratings_user_name(r, u), ratings_item_title(r, i));
	}
	double p = swr / sw;
	char s[600];
	snprintf(s, sizeof s, _("By genres alone: %s -> %s %.2f"), ratings_user_name(r, u),
		 ratings_item_title(r, i), p);
	*out = v;
	view_append(out, view_text(NULL, s));
	lab_last_num(l, "prediction", p);
	lab_last_num(l, "weight", sw);
	lab_result(l, p);
	return 0;
}

/* --- bars ---------------------------------------------------------------- */

static const lab_opt bars_opts[] = {
	{ "fmt", OPT_STR, "%.2f", N_("how each value is printed (one number conversion)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* Each bar's value is an expression, as in lesson prose: a command whose
 * result is a number, mean, or last.KEY; the engine computes every one. */
static int run_bars(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	if (c->argc % 2 == 0) {
		l->err_col = c->argv[c->argc - 1].col;
		return ll_fail(err, "bars: '%s' has no expression (bars TITLE LABEL EXPR [LABEL EXPR]...)",
			       c->argv[c->argc - 1].text);
	}
	const char *fmt = lab_opt_str(c, "fmt", "%.2f");
	char probe[64];
	if (lab_format_num(probe, sizeof probe, fmt, 1.0) < 0)
		return ll_fail(err, "bars: fmt must hold one number conversion such as %%.2f, not '%s'", fmt);
	int n = c->argc / 2;
	double *val = malloc(((size_t)n + 1) * sizeof *val);
	if (!val)
		return ll_fail(err, "out of memory");
	for (int b = 0; b < n; b++) {
		const lab_word *e = &c->argv[2 * b + 2];
		char *expr = strchr(e->text, '|') ? NULL : ll_strf("%s | %%.17g", e->text), buf[64];
		ll_error ee = { "" };
		int rc = expr ? lab_expr(l, expr, buf, sizeof buf, &ee) : -1;
		free(expr);
		if (rc < 0) {
			free(val);
			l->err_col = e->col;
			if (!strchr(e->text, '|'))
				return ll_fail(err, "bars: %s", ee.msg);
			return ll_fail(err, "bars: '%s': the format goes in fmt=, not in the expression",
				       e->text);
		}
		val[b] = strtod(buf, NULL);
	}
	view *v = view_bar(c->argv[0].text, n, fmt);
	if (!v) {
		free(val);
		return ll_fail(err, "out of memory");
	}
	for (int b = 0; b < n; b++) {
		v->u.bar.labels[b] = strdup(c->argv[2 * b + 1].text);
		v->u.bar.values[b] = val[b];
	}
	free(val);
	*out = v;
	return 0;
}

const lab_cmd lab_cmds_explain[] = {
	{ "tug", "ITEM [show=table|arrows] [model=NAME]", 1, 1, { ARG_ITEM }, NULL, tug_opts, 0,
	  N_("how hard each rater pulls a movie's vector"),
	  N_("tug Notebook\n"
	  "For everyone who rated the movie: the error of the current model and the\n"
	  "length of their vector. SGD moves the movie by lr x error x user's vector, so\n"
	  "their product (the pull) says who moves it most. Sets last.strongest,\n"
	  "last.strength, last.n_toward, last.n_away, last.toward, last.away.\n"
	  "show=arrows (k=2): the pulls as lines from the movie's vector, and their sum."),
	  run_tug },
	{ "content", "USER ITEM", 2, 2, { ARG_USER, ARG_ITEM }, NULL, NULL, 0,
	  N_("a guess from genres alone"),
	  N_("content Minsu Avengers\n"
	  "The user's own ratings, each weighted by the share of genres its movie has in\n"
	  "common with ITEM (Jaccard): a content-based prediction, no other users needed."),
	  run_content },
	{ "bars", "TITLE LABEL EXPR [LABEL EXPR]... [fmt=%.2f]", 3, -1, { ARG_WORD, ARG_WORD, ARG_WORD },
	  NULL, bars_opts, 0, N_("numbers side by side as bars, each from an expression"),
	  N_("bars \"One cell, four guesses\" \"global mean\" mean MF 'predict Minsu Avengers'\n"
	  "Each EXPR is what {{ }} holds in a lesson (a command whose result is a number,\n"
	  "mean, or last.KEY), evaluated in turn; fmt= says how the values are printed."),
	  run_bars },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

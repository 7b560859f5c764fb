/* cmd_content.c: beyond pure collaborative filtering. text-neighbours: a
 * movie's nearest movies by the text embedding (engine/content: titles,
 * genres, tags; no rating read) beside its nearest by a factor model's item
 * vectors (behaviour), with how many they share. wide: what a Wide & Deep
 * model's wide part learned about genres, and about one user's taste in
 * each genre (the user x genre crosses). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/content/text.h"
#include "engine/nn/wide_deep.h"
#include "engine/core/intl.h"
#include "lab/lab_impl.h"

/* --- text-neighbours ----------------------------------------------------- */

static const lab_opt tn_opts[] = {
	{ "model", OPT_STR, NULL, N_("the factor model beside the text (default: the current one)"), NULL },
	{ "n", OPT_INT, "10", N_("neighbours to show"), NULL },
	{ "dim", OPT_INT, "32", N_("components of the text embedding"), NULL },
	{ "tags", OPT_BOOL, "1", N_("put the users' tags in the text (ml-latest-small has them)"), NULL },
	{ "min", OPT_INT, "0", N_("list only movies with at least this many ratings"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* A copy of rows (n x k) with the rows of movies rated fewer than min times
 * zeroed, which the nearest-neighbour search skips. */
static float *rows_with_min(const float *rows, int n, int k, const ratings *r, long min)
{
	float *c = malloc(((size_t)n * k + 1) * sizeof *c);
	if (!c)
		return NULL;
	memcpy(c, rows, (size_t)n * k * sizeof *c);
	const uint32_t *pos;
	for (int i = 0; i < n; i++)
		if ((long)ratings_item_entries(r, i, &pos) < min)
			memset(c + (size_t)i * k, 0, (size_t)k * sizeof *c);
	return c;
}

static int run_text_neighbours(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	int item = lab_item(l, c->argv[0].text, err);
	if (item < 0)
		return -1;
	int n = (int)lab_opt_long(c, "n", 10);
	if (n < 1 || n > 100)
		return ll_fail(err, "text-neighbours: n must be 1..100");
	/* a factor model is optional: without one, the text alone */
	lab_model *lm = NULL;
	if (lab_opt_given(c, "model") || (l->cur >= 0 && model_k(l->models[l->cur].m) > 0))
		if (!(lm = lab_factor_model(c, "text-neighbours", err)))
			return -1;
	text_opts o;
	text_defaults(&o);
	o.dim = (int)lab_opt_long(c, "dim", 32);
	o.tags = (int)lab_opt_long(c, "tags", 1);
	if (o.dim < 1 || o.dim > 1000)
		return ll_fail(err, "text-neighbours: dim must be 1..1000");
	text_embed *t = text_embed_new(r, &o, err);
	if (!t)
		return ll_prefix(err, "text-neighbours: ");
	int *a = calloc((size_t)n, sizeof *a), *b = calloc((size_t)n, sizeof *b);
	float *ca = calloc((size_t)n, sizeof *ca), *cb = calloc((size_t)n, sizeof *cb);
	if (!a || !b || !ca || !cb) {
		free(a), free(b), free(ca), free(cb);
		text_embed_free(&t);
		return ll_fail(err, "out of memory");
	}
	long min = lab_opt_long(c, "min", 0);
	int ni = text_embed_n_items(t), na = 0, nb = 0;
	float *tv = rows_with_min(text_embed_vectors(t), ni, text_embed_dim(t), r, min);
	/* the movie itself stays, whatever its count */
	if (tv)
		memcpy(tv + (size_t)item * text_embed_dim(t),
		       text_embed_vectors(t) + (size_t)item * text_embed_dim(t),
		       (size_t)text_embed_dim(t) * sizeof *tv);
	if (tv)
		na = text_nearest_rows(tv, ni, text_embed_dim(t), item, n, a, ca);
	free(tv);
	if (lm && item < model_n_items(lm->m)) {
		int k = model_k(lm->m);
		const float *Q = model_item_factors_const(lm->m);
		float *fv = rows_with_min(Q, model_n_items(lm->m), k, r, min);
		if (fv) {
			memcpy(fv + (size_t)item * k, Q + (size_t)item * k, (size_t)k * sizeof *fv);
			nb = text_nearest_rows(fv, model_n_items(lm->m), k, item, n, b, cb);
		}
		free(fv);
	}
	int shared = 0;
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++)
			shared += a[i] == b[j];
	char title[400];
	snprintf(title, sizeof title, _("Nearest to %s: by text (titles, genres%s; %d terms, %d "
		 "dims) and %s%s"), ratings_item_title(r, item), o.tags ? ", tags" : "",
		 text_embed_n_terms(t), text_embed_dim(t), lm ? "by the item vectors of " : "",
		 lm ? lm->name : "(train a factor model to set its neighbours beside them)");
	int rows = na > nb ? na : nb;
	view *v = view_table(title, rows, lm ? 6 : 3);
	if (!v) {
		free(a), free(b), free(ca), free(cb);
		text_embed_free(&t);
		return ll_fail(err, "out of memory");
	}
	const char *h[] = { "by text", "cosine", "ratings", "by behaviour", "cosine", "ratings" };
	for (int col = 0; col < (lm ? 6 : 3); col++)
		view_table_header(v, col, h[col], col % 3 == 0 ? 'l' : 'r');
	const uint32_t *pos;
	for (int j = 0; j < rows; j++) {
		if (j < na) {
			view_table_set(v, j, 0, "%s", ratings_item_title(r, a[j]));
			view_table_set(v, j, 1, "%.2f", ca[j]);
			view_table_set(v, j, 2, "%zu", ratings_item_entries(r, a[j], &pos));
		}
		if (lm && j < nb) {
			view_table_set(v, j, 3, "%s", ratings_item_title(r, b[j]));
			view_table_set(v, j, 4, "%.2f", cb[j]);
			view_table_set(v, j, 5, "%zu", ratings_item_entries(r, b[j], &pos));
		}
	}
	*out = v;
	char s[300];
	if (lm)
		snprintf(s, sizeof s, "%d of the %d movies are in both lists.", shared, n);
	else
		snprintf(s, sizeof s, "The text was read without a single rating.");
	view_append(out, view_text(NULL, s));
	lab_last_num(l, "text_terms", text_embed_n_terms(t));
	lab_last_num(l, "text_energy", text_embed_energy(t));
	lab_last_num(l, "text_cos", na ? ca[0] : NAN);
	lab_last_num(l, "text_ratings", na ? (double)ratings_item_entries(r, a[0], &pos) : NAN);
	lab_last_str(l, "text_first", na ? ratings_item_title(r, a[0]) : "");
	lab_last_num(l, "mf_cos", nb ? cb[0] : NAN);
	lab_last_num(l, "mf_ratings", nb ? (double)ratings_item_entries(r, b[0], &pos) : NAN);
	lab_last_str(l, "mf_first", nb ? ratings_item_title(r, b[0]) : "");
	lab_last_num(l, "shared", shared);
	lab_result(l, shared);
	free(a), free(b), free(ca), free(cb);
	text_embed_free(&t);
	return 0;
}

/* --- wide ---------------------------------------------------------------- */

static const lab_opt wide_opts[] = {
	{ "model", OPT_STR, NULL, N_("the Wide & Deep model (default: the current one)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_wide(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	if (!wd_is_wide_deep(lm->m))
		return ll_fail(err, "wide: model '%s' is %s, not Wide & Deep (train wide_deep)",
			       lm->name, lm->algo);
	int u = -1;
	if (c->argc > 0 && (u = lab_user(l, c->argv[0].text, err)) < 0)
		return -1;
	if (u >= model_n_users(lm->m))
		return ll_fail(err, "wide: %s is newer than model '%s'", c->argv[0].text, lm->name);
	int G = ratings_n_genres(r);
	if (G == 0)
		return ll_fail(err, "wide: the dataset has no genres");
	char title[300];
	snprintf(title, sizeof title, _("What the wide part of %s learned per genre%s%s (stars "
		 "added to a prediction)"), lm->name, u >= 0 ? ", and for " : "",
		 u >= 0 ? ratings_user_name(r, u) : "");
	view *v = view_table(title, G, u >= 0 ? 4 : 2);
	if (!v)
		return ll_fail(err, "out of memory");
	view_table_header(v, 0, _("genre"), 'l');
	view_table_header(v, 1, _("weight"), 'r');
	if (u >= 0) {
		view_table_header(v, 2, _("user x genre"), 'r');
		view_table_header(v, 3, _("rated"), 'r');
	}
	/* how many of each genre the user rated, to judge a cross's support */
	int best = -1, worst = -1;
	double bw = -INFINITY, ww = INFINITY;
	for (int g = 0; g < G; g++) {
		view_table_set(v, g, 0, "%s", ratings_genre_name(r, g));
		view_table_set(v, g, 1, "%+.3f", wd_genre_weight(lm->m, -1, g));
		if (u < 0)
			continue;
		double x = wd_genre_weight(lm->m, u, g);
		const ratings *tr = lab_train_set(l) ? lab_train_set(l) : r;
		const uint32_t *pos;
		size_t n = ratings_user_entries(tr, u, &pos), cnt = 0;
		for (size_t j = 0; j < n; j++)
			cnt += ratings_item_genres(tr, ratings_entries(tr)[pos[j]].item) >> g & 1;
		view_table_set(v, g, 2, "%+.3f", x);
		view_table_set(v, g, 3, "%zu", cnt);
		if (cnt && x > bw)
			bw = x, best = g;
		if (cnt && x < ww)
			ww = x, worst = g;
	}
	*out = v;
	if (u >= 0) {
		lab_last_num(l, "cross_max", best >= 0 ? bw : NAN);
		lab_last_num(l, "cross_min", worst >= 0 ? ww : NAN);
		lab_last_str(l, "cross_best", best >= 0 ? ratings_genre_name(r, best) : "");
		lab_last_str(l, "cross_worst", worst >= 0 ? ratings_genre_name(r, worst) : "");
		lab_last_num(l, "user_bias", wd_bias(lm->m, u, -1));
		lab_result(l, best >= 0 ? bw : NAN);
	}
	return 0;
}

const lab_cmd lab_cmds_content[] = {
	{ "text-neighbours", "ITEM", 1, 1, { ARG_ITEM }, NULL, tn_opts, 0,
	  N_("a movie's nearest movies by its text and by a factor model, side by side"),
	  N_("text-neighbours ITEM [model=NAME] [n=10] [dim=32] [tags=1] [min=0]\n"
	  "A text embedding of every movie is made from its title's words, its genres and\n"
	  "(in ml-latest-small) its users' tags: TF-IDF, then a truncated SVD (latent\n"
	  "semantic analysis), a stand-in for a general-purpose text embedding; no rating\n"
	  "is read. The nearest movies by cosine in it are set beside the nearest by the\n"
	  "item vectors of a factor model (the current one, or model=), which learned from\n"
	  "ratings only; min=N lists only movies with N ratings or more (a movie rated\n"
	  "a few times has a vector its ratings barely moved). Sets last.text_first,\n"
	  "last.text_cos, last.text_ratings, last.mf_first, last.mf_cos, last.mf_ratings,\n"
	  "last.shared (movies in both lists), last.text_terms and last.text_energy."),
	  run_text_neighbours },
	{ "wide", "[USER]", 0, 1, { ARG_USER }, NULL, wide_opts, 0,
	  N_("what a Wide & Deep model's wide part learned per genre (and for one user)"),
	  N_("wide [USER] [model=NAME]\n"
	  "The stars the wide part adds for each genre of a movie, and with USER the\n"
	  "user x genre cross for each genre, with how many movies of the genre the user\n"
	  "rated in training: the part of Wide & Deep that memorises one person's taste\n"
	  "for a genre, which a few factors shared with everyone can miss. Sets\n"
	  "last.cross_max, last.cross_best, last.cross_min, last.cross_worst (genres the\n"
	  "user rated) and last.user_bias."),
	  run_wide },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

/* cmd_content.c: beyond pure collaborative filtering. text-neighbours: a
 * movie's nearest movies by the text embedding (engine/content: titles,
 * genres, tags; no rating read) beside its nearest by a factor model's item
 * vectors (behaviour), with how many they share. wide: what a Wide & Deep
 * model's wide part learned about genres, and about one user's taste in
 * each genre (the user x genre crosses). unusual: the real users whose
 * ratings of one genre go against everyone else's, measured from the
 * ratings alone (the people such a cross is for). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	char title[800];
	const char *tname = ratings_item_title(r, item);
	int terms = text_embed_n_terms(t), dims = text_embed_dim(t);
	if (lm && o.tags)
		snprintf(title, sizeof title, _("Nearest to %s: by text (titles, genres, tags; %d terms, "
						"%d dims) and by the item vectors of %s"),
			 tname, terms, dims, lm->name);
	else if (lm)
		snprintf(title, sizeof title, _("Nearest to %s: by text (titles, genres; %d terms, %d "
						"dims) and by the item vectors of %s"),
			 tname, terms, dims, lm->name);
	else if (o.tags)
		snprintf(title, sizeof title, _("Nearest to %s: by text (titles, genres, tags; %d terms, "
						"%d dims) and (train a factor model to set its "
						"neighbours beside them)"), tname, terms, dims);
	else
		snprintf(title, sizeof title, _("Nearest to %s: by text (titles, genres; %d terms, %d "
						"dims) and (train a factor model to set its "
						"neighbours beside them)"), tname, terms, dims);
	int rows = na > nb ? na : nb;
	view *v = view_table(title, rows, lm ? 6 : 3);
	if (!v) {
		free(a), free(b), free(ca), free(cb);
		text_embed_free(&t);
		return ll_fail(err, "out of memory");
	}
	const char *h[] = { _("by text"), _("cosine"), _("ratings"), _("by behaviour"), _("cosine"),
			    _("ratings") };
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
	char s[600];
	if (lm)
		snprintf(s, sizeof s, _("%d of the %d movies are in both lists."), shared, n);
	else
		snprintf(s, sizeof s, "%s", _("The text was read without a single rating."));
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
	char title[600];
	if (u >= 0)
		snprintf(title, sizeof title, _("What the wide part of %s learned per genre, and for %s "
						"(stars added to a prediction)"),
			 lm->name, ratings_user_name(r, u));
	else
		snprintf(title, sizeof title, _("What the wide part of %s learned per genre (stars "
						"added to a prediction)"), lm->name);
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

/* --- unusual ------------------------------------------------------------- */

static const lab_opt unusual_opts[] = {
	{ "genre", OPT_STR, NULL, N_("only this genre (default: each user's most unusual one)"), NULL },
	{ "n", OPT_INT, "10", N_("rows to list"), NULL },
	{ "min", OPT_INT, "10", N_("ratings of the genre a user needs to be counted"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* One user and one genre: the user's gaps to the others' mean on the
 * genre's movies (A) against those on the rest of their movies (B). */
typedef struct taste_row {
	int user, genre, n;
	double mean, others, gap, elsewhere, z;
} taste_row;

static int by_abs_z(const void *pa, const void *pb)
{
	const taste_row *a = pa, *b = pb;
	double x = fabs(a->z), y = fabs(b->z);
	if (x != y)
		return x > y ? -1 : 1;
	if (a->user != b->user)
		return a->user < b->user ? -1 : 1;
	return (a->genre > b->genre) - (a->genre < b->genre);
}

/* The genre of that name (any case), or -1 with a message suggesting one. */
static int genre_named(const ratings *r, const char *cmd, const char *name, ll_error *err)
{
	int best = -1, bd = 4;
	for (int g = 0; g < ratings_n_genres(r); g++) {
		if (!strcasecmp(ratings_genre_name(r, g), name))
			return g;
		int d = ll_edit_distance(name, ratings_genre_name(r, g));
		if (d < bd)
			bd = d, best = g;
	}
	if (best >= 0)
		return ll_fail(err, "%s: no genre '%s' (did you mean '%s'?)", cmd, name,
			       ratings_genre_name(r, best));
	return ll_fail(err, "%s: no genre '%s' (see 'items' for the genres)", cmd, name);
}

/* The rows of user u that pass min ratings in the genre and two elsewhere:
 * the one of largest |z| (all = 0, or only genre `only` when it is >= 0),
 * or every genre (all = 1). Each rating's gap is the rating minus the mean
 * of the others' ratings of the same movie (leave one out: the user's own
 * rating is not in it); movies nobody else rated are left out. z is the
 * difference of the two mean gaps over its standard error, with the
 * variance pooled over both groups (a two-sample t statistic). */
static int user_rows(const ratings *r, const double *isum, const uint32_t *icnt, int u, long min,
		     int only, int all, taste_row *out)
{
	double n[RATINGS_MAX_GENRES] = { 0 }, se[RATINGS_MAX_GENRES] = { 0 };
	double se2[RATINGS_MAX_GENRES] = { 0 }, sr[RATINGS_MAX_GENRES] = { 0 };
	double sm[RATINGS_MAX_GENRES] = { 0 };
	double N = 0, E = 0, E2 = 0;
	int G = ratings_n_genres(r);
	const uint32_t *pos;
	size_t k = ratings_user_entries(r, u, &pos);
	for (size_t j = 0; j < k; j++) {
		const ll_rating *x = &ratings_entries(r)[pos[j]];
		if (icnt[x->item] < 2)
			continue;
		double m = (isum[x->item] - x->value) / (double)(icnt[x->item] - 1);
		double e = x->value - m;
		N++, E += e, E2 += e * e;
		uint32_t mask = ratings_item_genres(r, x->item);
		for (int g = 0; g < G; g++)
			if (mask >> g & 1)
				n[g]++, se[g] += e, se2[g] += e * e, sr[g] += x->value, sm[g] += m;
	}
	int got = 0;
	for (int g = 0; g < G; g++) {
		if ((only >= 0 && g != only) || n[g] < (double)min || N - n[g] < 2)
			continue;
		double nA = n[g], nB = N - n[g];
		double a = se[g] / nA, b = (E - se[g]) / nB;
		double ssa = se2[g] - nA * a * a, ssb = (E2 - se2[g]) - nB * b * b;
		double s2 = ((ssa > 0 ? ssa : 0) + (ssb > 0 ? ssb : 0)) / (N - 2);
		if (!(s2 > 1e-12))
			continue; /* every gap alike: nothing to measure against */
		double z = (a - b) / sqrt(s2 * (1 / nA + 1 / nB));
		taste_row t = { u, g, (int)nA, sr[g] / nA, sm[g] / nA, a, b, z };
		if (all)
			out[got++] = t;
		else if (!got || fabs(z) > fabs(out[0].z))
			out[0] = t, got = 1;
	}
	return got;
}

static int run_unusual(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	if (!lab_data(l, err))
		return -1;
	const ratings *r = lab_train_set(l);
	int G = ratings_n_genres(r);
	if (G == 0)
		return ll_fail(err, "unusual: the dataset has no genres");
	long min = lab_opt_long(c, "min", 10);
	if (min < 1 || min > 100000)
		return ll_fail(err, "unusual: min must be 1..100000");
	int n = (int)lab_opt_long(c, "n", 10);
	int only = -1, who = -1;
	if (lab_opt_given(c, "genre") &&
	    (only = genre_named(r, "unusual", lab_opt_str(c, "genre", ""), err)) < 0)
		return -1;
	if (c->argc > 0 && (who = lab_user(l, c->argv[0].text, err)) < 0)
		return -1;
	if (who >= ratings_n_users(r) && lab_test_set(l))
		return ll_fail(err, "unusual: %s has no ratings in the training part of the split",
			       c->argv[0].text);
	if (who >= ratings_n_users(r))
		return ll_fail(err, "unusual: %s has no ratings in the data", c->argv[0].text);
	int ni = ratings_n_items(r), nu = ratings_n_users(r);
	double *isum = calloc((size_t)ni + 1, sizeof *isum);
	uint32_t *icnt = calloc((size_t)ni + 1, sizeof *icnt);
	taste_row *rows = malloc(((size_t)(who >= 0 ? G : nu) + 1) * sizeof *rows);
	if (!isum || !icnt || !rows) {
		free(isum), free(icnt), free(rows);
		return ll_fail(err, "out of memory");
	}
	const ll_rating *e = ratings_entries(r);
	for (size_t j = 0; j < ratings_count(r); j++)
		isum[e[j].item] += e[j].value, icnt[e[j].item]++;
	int nr = 0;
	if (who >= 0)
		nr = user_rows(r, isum, icnt, who, min, only, 1, rows);
	else
		for (int u = 0; u < nu; u++)
			nr += user_rows(r, isum, icnt, u, min, only, 0, rows + nr);
	free(isum), free(icnt);
	qsort(rows, (size_t)nr, sizeof *rows, by_abs_z);
	int show = nr < n ? nr : n;
	int part = lab_test_set(l) != NULL;
	char title[800];
	if (who >= 0)
		snprintf(title, sizeof title, part
			 ? _("How far %s's ratings of each genre go against everyone else's (the "
			     "training part of the split; genres they rated %ld times or more)")
			 : _("How far %s's ratings of each genre go against everyone else's (all "
			     "ratings; genres they rated %ld times or more)"),
			 ratings_user_name(r, who), min);
	else if (only >= 0)
		snprintf(title, sizeof title, part
			 ? _("Users whose ratings of %s go furthest against everyone else's (the "
			     "training part of the split; %ld ratings of the genre or more)")
			 : _("Users whose ratings of %s go furthest against everyone else's (all "
			     "ratings; %ld ratings of the genre or more)"),
			 ratings_genre_name(r, only), min);
	else
		snprintf(title, sizeof title, part
			 ? _("Users whose ratings of one genre go furthest against everyone else's "
			     "(the training part of the split; %ld ratings of the genre or more)")
			 : _("Users whose ratings of one genre go furthest against everyone else's "
			     "(all ratings; %ld ratings of the genre or more)"), min);
	view *v = view_table(title, show, 8);
	if (!v) {
		free(rows);
		return ll_fail(err, "out of memory");
	}
	static const char *const head[] = { N_("user"), N_("genre"), N_("ratings"),
					    N_("their mean"), N_("others' mean"), N_("gap"),
					    N_("elsewhere"), N_("z") };
	for (int col = 0; col < 8; col++)
		view_table_header(v, col, _(head[col]), col < 2 ? 'l' : 'r');
	for (int j = 0; j < show; j++) {
		const taste_row *t = &rows[j];
		view_table_set(v, j, 0, "%s", ratings_user_name(r, t->user));
		view_table_set(v, j, 1, "%s", ratings_genre_name(r, t->genre));
		view_table_set(v, j, 2, "%d", t->n);
		view_table_set(v, j, 3, "%.2f", t->mean);
		view_table_set(v, j, 4, "%.2f", t->others);
		view_table_set(v, j, 5, "%+.2f", t->gap);
		view_table_set(v, j, 6, "%+.2f", t->elsewhere);
		view_table_set(v, j, 7, "%+.1f", t->z);
	}
	*out = v;
	char s[1400];
	if (nr == 0 && who >= 0 && only >= 0)
		snprintf(s, sizeof s, _("No genre of this user has %ld ratings of %s and two of other "
					"genres (try a smaller min=)."), min, ratings_genre_name(r, only));
	else if (nr == 0 && who >= 0)
		snprintf(s, sizeof s, _("No genre of this user has %ld ratings of a genre and two of "
					"other genres (try a smaller min=)."), min);
	else if (nr == 0 && only >= 0)
		snprintf(s, sizeof s, _("No user has %ld ratings of %s and two of other genres (try a "
					"smaller min=)."), min, ratings_genre_name(r, only));
	else if (nr == 0)
		snprintf(s, sizeof s, _("No user has %ld ratings of a genre and two of other genres "
					"(try a smaller min=)."), min);
	else
		snprintf(s, sizeof s, who >= 0
			 ? _("gap: a rating minus the mean of everyone else's ratings of the same movie, "
			     "averaged over the genre; elsewhere: the same over the user's other movies; "
			     "z: their difference in standard errors (so a user who rates everything low "
			     "is not unusual). %d genres counted.")
			 : _("gap: a rating minus the mean of everyone else's ratings of the same movie, "
			     "averaged over the genre; elsewhere: the same over the user's other movies; "
			     "z: their difference in standard errors (so a user who rates everything low "
			     "is not unusual). %d users counted."), nr);
	view_append(out, view_text(NULL, s));
	lab_last_num(l, "candidates", nr);
	if (nr > 0) {
		const taste_row *t = &rows[0];
		lab_last_str(l, "user", ratings_user_name(r, t->user));
		lab_last_str(l, "genre", ratings_genre_name(r, t->genre));
		lab_last_num(l, "genre_ratings", t->n);
		lab_last_num(l, "their_mean", t->mean);
		lab_last_num(l, "others_mean", t->others);
		lab_last_num(l, "gap", t->gap);
		lab_last_num(l, "elsewhere", t->elsewhere);
		lab_last_num(l, "z", t->z);
	}
	lab_result(l, nr > 0 ? rows[0].z : NAN);
	free(rows);
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
	{ "unusual", "[USER] [genre=G] [n=10] [min=10]", 0, 1, { ARG_USER }, NULL, unusual_opts, 0,
	  N_("real users whose ratings of one genre go against everyone else's"),
	  N_("unusual [USER] [genre=G] [n=10] [min=10]\n"
	  "Each rating is set against the mean of everyone else's ratings of the same\n"
	  "movie: the gap. Per user and genre, the mean gap on the genre's movies is set\n"
	  "against the user's mean gap on their other movies, and the difference is\n"
	  "divided by its standard error (z), so a user who rates everything low is not\n"
	  "unusual, and a few ratings do not make a large z. Users need min= ratings of\n"
	  "the genre (and two of others); movies nobody else rated are left out. The\n"
	  "ratings are the split's training part when there is a split.\n"
	  "Lists each user's most unusual genre, largest |z| first; genre=G measures\n"
	  "that genre only; USER lists every genre of one user. Sets last.user,\n"
	  "last.genre, last.z, last.gap, last.elsewhere, last.their_mean,\n"
	  "last.others_mean and last.genre_ratings (of the first row) and\n"
	  "last.candidates (rows counted); its value is the first row's z."),
	  run_unusual },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

/* cmd_onboard.c: you on the map. The learner rates movies the engine picks
 * and watches the model place them: survey (which movies to ask, and why),
 * ask (the lesson's rating step: the learner's answers become the user
 * `me`), place (their point on the map, moving with each rating), settle
 * (how many ratings until the top-10 stops changing) and me (the saved
 * answers, in the REPL). Every vector is a fold-in (mf_foldin) with the
 * movies held fixed, so nothing is retrained while the learner rates. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "engine/core/strf.h"
#include "engine/mf/mf.h"
#include "engine/mf/mf_foldin.h"
#include "engine/model/metrics.h"
#include "engine/vectors/project.h"
#include "engine/vectors/survey.h"
#include "lab/lab_impl.h"
#include "lab/me.h"

/* The learner's user name in the dataset. */
#define ME "me"

static lab_model *mf_model(lab_call *c, const char *cmd, ll_error *err)
{
	lab_model *lm = lab_factor_model(c, cmd, err);
	if (lm && !mf_is_mf(lm->m)) {
		ll_fail(err, "%s: model '%s' (%s) cannot fold a newcomer in: train an MF model (als, "
			"sgd, biased, svd)", cmd, lm->name, lm->algo);
		return NULL;
	}
	return lm;
}

/* ---- the candidates and the questions ---- */

/* The pool most rated items the model knows, counted without user skip
 * (the learner's own ratings must not change which movies are popular, or
 * the questions would move under them); ties to the lower index. */
static int popular(const ratings *r, int skip, int n_items, int pool, int *cand)
{
	float *count = calloc((size_t)n_items + 1, sizeof *count);
	if (!count)
		return -1;
	const ll_rating *e = ratings_entries(r);
	for (size_t j = 0, n = ratings_count(r); j < n; j++)
		if (e[j].user != skip && e[j].item < n_items)
			count[e[j].item] += 1;
	int got = metrics_top_k(count, n_items, NULL, pool, cand);
	free(count);
	return got;
}

/* What the asker knows already: the rated items (in A) and, per
 * candidate, whether it was skipped. For the learner both come from the
 * answers (a skip is "not seen"); for another user, their ratings. */
typedef struct asked {
	int *rated, n_rated;
	unsigned char *skipped;
} asked;

static void asked_free(asked *a)
{
	free(a->rated), free(a->skipped);
}

static int asked_fill(lab *l, int u, int learner, const int *cand, int n_cand, asked *a,
		      ll_error *err)
{
	const ratings *r = l->data;
	const lab_me_entry *me = NULL;
	int n_me = learner ? lab_me_entries(l, &me) : 0;
	const uint32_t *pos = NULL;
	size_t n_u = !learner && u >= 0 ? ratings_user_entries(r, u, &pos) : 0;
	a->rated = malloc(((size_t)n_me + n_u + 1) * sizeof *a->rated);
	a->skipped = calloc((size_t)n_cand + 1, 1);
	a->n_rated = 0;
	if (!a->rated || !a->skipped)
		return ll_fail(err, "out of memory");
	for (size_t j = 0; j < n_u; j++)
		a->rated[a->n_rated++] = ratings_entries(r)[pos[j]].item;
	for (int j = 0; j < n_me; j++) {
		int it = ratings_find_item(r, me[j].item);
		if (it < 0)
			continue;
		if (!isnan(me[j].value)) {
			a->rated[a->n_rated++] = it;
			continue;
		}
		for (int c = 0; c < n_cand; c++)
			if (cand[c] == it)
				a->skipped[c] = 1;
	}
	return 0;
}

/* The next n questions for user u (the learner when learner is 1). */
static int questions(lab *l, lab_model *lm, int u, int learner, int pool, int n,
		     survey_pick *out, ll_error *err)
{
	const model *m = lm->m;
	int ni = model_n_items(m), k = model_k(m);
	int *cand = malloc(((size_t)pool + 1) * sizeof *cand);
	if (!cand)
		return ll_fail(err, "out of memory");
	int me_u = ratings_find_user(l->data, ME);
	int n_cand = popular(l->data, learner ? me_u : u, ni, pool, cand);
	asked a = { 0 };
	int rc = n_cand < 0 ? ll_fail(err, "out of memory")
			    : asked_fill(l, u, learner, cand, n_cand, &a, err);
	const float *Q = model_item_factors_const(m);
	/* The prior: one typical movie's worth of knowing (survey.h). */
	double prior = rc == 0 ? survey_prior(Q, ni, k, cand, n_cand) : 0;
	if (rc == 0 && !(prior > 0))
		rc = ll_fail(err, "model '%s' has no item vectors to ask about", lm->name);
	int got = rc < 0 ? -1 : survey_next(Q, ni, k, cand, n_cand, a.rated, a.n_rated, a.skipped,
					     prior, n, out, err);
	asked_free(&a);
	free(cand);
	return got;
}

/* "Adventure, Animation +3": at most two genres, so the table fits 80 columns. */
static void genres_short(const ratings *r, int item, char *buf, size_t size)
{
	uint32_t g = ratings_item_genres(r, item);
	int shown = 0, more = 0;
	buf[0] = 0;
	for (int b = 0; b < ratings_n_genres(r); b++) {
		if (!(g & (1u << b)))
			continue;
		if (shown == 2) {
			more++;
			continue;
		}
		size_t n = strlen(buf);
		snprintf(buf + n, size - n, "%s%s", shown ? ", " : "", ratings_genre_name(r, b));
		shown++;
	}
	if (more) {
		size_t n = strlen(buf);
		snprintf(buf + n, size - n, " +%d", more);
	}
}

static view *questions_table(lab *l, const survey_pick *pk, int n, int first, int pool)
{
	const ratings *r = l->data;
	char title[300];
	snprintf(title, sizeof title, _("Movies to rate, picked by the engine: known (of the %d most "
		 "rated) and pointing where your taste is least known"), pool);
	view *v = view_table(title, n, 5);
	if (!v)
		return NULL;
	view_table_header(v, 0, _("#"), 'r');
	view_table_header(v, 1, _("movie"), 'l');
	view_table_header(v, 2, _("genres"), 'l');
	view_table_header(v, 3, _("ratings"), 'r');
	view_table_header(v, 4, _("narrows you"), 'r');
	for (int j = 0; j < n; j++) {
		const uint32_t *pos;
		char g[128];
		genres_short(r, pk[j].item, g, sizeof g);
		view_table_set(v, j, 0, "%d", first + j);
		view_table_set(v, j, 1, "%s", ratings_item_title(r, pk[j].item));
		view_table_set(v, j, 2, "%s", g);
		view_table_set(v, j, 3, "%zu", ratings_item_entries(r, pk[j].item, &pos));
		view_table_set(v, j, 4, "%.0f%%", 100 * pk[j].shrink);
	}
	return v;
}

static const char *why_text(void)
{
	return _("Why these: your vector is solved from the movies you rate, and what is not yet "
		 "known about it is an ellipsoid. Rating a movie shrinks it most along that movie's "
		 "vector, so each question is the popular movie that shrinks it most given the "
		 "answers before it (\"narrows you\": the share of the volume it removes).");
}

static void last_question(lab *l, const survey_pick *pk, int got)
{
	lab_last_str(l, "item", got > 0 ? ratings_item_title(l->data, pk[0].item) : "");
	lab_last_num(l, "shrink", got > 0 ? pk[0].shrink : 0);
	lab_last_num(l, "questions", got);
}

static const lab_opt survey_opts[] = {
	{ "n", OPT_INT, "10", N_("how many questions"), NULL },
	{ "pool", OPT_INT, "100", N_("ask only among this many most rated movies"), NULL },
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_survey(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = mf_model(c, "survey", err);
	if (!lm)
		return -1;
	const char *who = c->argc ? c->argv[0].text : ME;
	int learner = strcmp(who, ME) == 0, u = -1;
	if (learner ? lab_me_sync(l, err) < 0 : (u = lab_user(l, who, err)) < 0)
		return -1;
	int n = (int)lab_opt_long(c, "n", 10), pool = (int)lab_opt_long(c, "pool", 100);
	survey_pick *pk = malloc((size_t)n * sizeof *pk);
	int got = pk ? questions(l, lm, u, learner, pool, n, pk, err) : ll_fail(err, "out of memory");
	if (got < 0) {
		free(pk);
		return -1;
	}
	view_append(out, questions_table(l, pk, got, 1, pool));
	view_append(out, view_text(NULL, why_text()));
	last_question(l, pk, got);
	if (got > 0)
		lab_result(l, pk[0].shrink);
	free(pk);
	return 0;
}

/* ---- the learner in the dataset ---- */

/* Make user `me`'s ratings exactly the learner's answers, in the order
 * given (the time stamps 1, 2, ... keep it for place and settle). */
static int apply_me(lab *l, view **out, ll_error *err)
{
	ratings *r = l->data;
	int u = ratings_find_user(r, ME), changed = 0;
	if (u >= 0) {
		const uint32_t *pos;
		size_t n;
		while ((n = ratings_user_entries(r, u, &pos)) > 0) {
			ratings_remove(r, u, ratings_entries(r)[pos[n - 1]].item);
			changed = 1;
		}
	}
	/* The user is there even before a rating: recommend me then gives what
	 * a model offers a stranger (biased MF: the item biases). */
	if (u < 0 && (u = ratings_intern_user(r, ME)) < 0)
		return ll_fail(err, "cannot add the user '%s'", ME);
	const lab_me_entry *e;
	int n = lab_me_entries(l, &e);
	for (int j = 0; j < n; j++) {
		int it = ratings_find_item(r, e[j].item);
		if (it < 0 || isnan(e[j].value))
			continue;
		if (ratings_set(r, u, it, e[j].value, (uint32_t)j + 1) < 0)
			return ll_fail(err, "cannot store your rating of %s", ratings_item_title(r, it));
		changed = 1;
	}
	if (changed && l->split) {
		lab_data_changed(l);
		view_append(out, view_text(NULL, _("Your ratings changed the data, so the split was "
					   "dropped (run split again).")));
	}
	return 0;
}

static int on_scale(const ratings *r, double v)
{
	double lo = ratings_scale_lo(r), hi = ratings_scale_hi(r), st = ratings_scale_step(r);
	if (v < lo - 1e-9 || v > hi + 1e-9)
		return 0;
	return !(st > 0) || fabs((v - lo) / st - round((v - lo) / st)) < 1e-6;
}

/* A headless run's answers, each given to the engine's next question. */
static int answer_script(lab *l, lab_model *lm, int pool, ll_error *err)
{
	double *ans = NULL;
	int n = lab_me_take_script(l, &ans);
	if (n < 0)
		return 0; /* no answers given: the learner's own stand */
	for (int j = 0; j < n; j++) {
		survey_pick pk;
		int got = questions(l, lm, -1, 1, pool, 1, &pk, err);
		if (got == 0)
			ll_fail(err, "answer %d: no movie is left to ask about (pool=%d)", j + 1, pool);
		else if (got > 0 && !isnan(ans[j]) && !on_scale(l->data, ans[j]))
			ll_fail(err, "answer %d: %g is not a rating of this dataset (%g to %g in steps of "
				"%g)", j + 1, ans[j], (double)ratings_scale_lo(l->data),
				(double)ratings_scale_hi(l->data), (double)ratings_scale_step(l->data));
		else if (got > 0 && lab_me_push(l, ratings_item_name(l->data, pk.item), ans[j], err) == 0)
			continue;
		free(ans);
		return -1;
	}
	free(ans);
	return 0;
}

static int run_ask(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = mf_model(c, "ask", err);
	if (!lm || lab_me_sync(l, err) < 0)
		return -1;
	int n = (int)lab_opt_long(c, "n", 10), pool = (int)lab_opt_long(c, "pool", 100), rated;
	if (answer_script(l, lm, pool, err) < 0 || apply_me(l, out, err) < 0)
		return -1;
	int answered = lab_me_count(l, &rated), left = n > rated ? n - rated : 0;
	survey_pick *pk = malloc(((size_t)left + 1) * sizeof *pk);
	int got = pk ? questions(l, lm, -1, 1, pool, left, pk, err) : ll_fail(err, "out of memory");
	if (got < 0) {
		free(pk);
		return -1;
	}
	int *items = malloc(((size_t)got + 1) * sizeof *items);
	double *shrink = malloc(((size_t)got + 1) * sizeof *shrink);
	for (int j = 0; items && shrink && j < got; j++)
		items[j] = pk[j].item, shrink[j] = pk[j].shrink;
	lab_me_set_questions(l, items, shrink, items && shrink ? got : 0);
	free(items), free(shrink);
	char s[300];
	if (got > 0) {
		view_append(out, questions_table(l, pk, got, answered + 1, pool));
	} else {
		snprintf(s, sizeof s, _("All %d questions answered: %d ratings, %d not seen."), n, rated,
			 answered - rated);
		view_append(out, view_text(NULL, s));
	}
	last_question(l, pk, got);
	lab_last_num(l, "answered", answered);
	lab_last_num(l, "rated", rated);
	lab_last_num(l, "skipped", answered - rated);
	lab_result(l, rated);
	free(pk);
	return 0;
}

/* ---- fold-ins after each rating ---- */

typedef struct trail {
	int m, k;           /* ratings used, factors */
	int *items;         /* m, in the order given */
	float *values;
	float *p, *bias;    /* m x k and m: the vector after ratings 1..j */
} trail;

static void trail_free(trail *t)
{
	free(t->items), free(t->values), free(t->p), free(t->bias);
}

/* User u's ratings in the order given (time, then item), those of items
 * below n_items. */
static int trail_ratings(lab *l, int u, int n_items, trail *t, ll_error *err)
{
	const ratings *r = l->data;
	const uint32_t *pos = NULL;
	size_t n = u >= 0 ? ratings_user_entries(r, u, &pos) : 0;
	t->items = malloc((n + 1) * sizeof *t->items);
	t->values = malloc((n + 1) * sizeof *t->values);
	uint32_t *when = malloc((n + 1) * sizeof *when);
	if (!t->items || !t->values || !when) {
		free(when);
		return ll_fail(err, "out of memory");
	}
	for (size_t j = 0; j < n; j++) {
		const ll_rating *e = &ratings_entries(r)[pos[j]];
		if (e->item >= n_items)
			continue;
		/* Insertion by time: entries come sorted by item, times mostly ascending. */
		int at = t->m;
		while (at > 0 && when[at - 1] > e->time) {
			when[at] = when[at - 1], t->items[at] = t->items[at - 1];
			t->values[at] = t->values[at - 1];
			at--;
		}
		when[at] = e->time, t->items[at] = e->item, t->values[at] = e->value;
		t->m++;
	}
	free(when);
	return 0;
}

/* The same, each prefix folded in. m = 0 when u has none the model knows. */
static int trail_make(lab *l, const model *mo, int u, trail *t, ll_error *err)
{
	memset(t, 0, sizeof *t);
	t->k = model_k(mo);
	if (trail_ratings(l, u, model_n_items(mo), t, err) < 0)
		return -1;
	t->p = malloc(((size_t)t->m * t->k + 1) * sizeof *t->p);
	t->bias = malloc(((size_t)t->m + 1) * sizeof *t->bias);
	if (!t->p || !t->bias)
		return ll_fail(err, "out of memory");
	for (int j = 0; j < t->m; j++) {
		if (lab_cancelled(l))
			return ll_fail(err, "cancelled");
		if (mf_foldin(mo, j + 1, t->items, t->values, -1, t->p + (size_t)j * t->k, &t->bias[j],
			      err) < 0)
			return -1;
	}
	return 0;
}

/* The top n for the vector after rating j (0-based), the first j+1 rated
 * movies left out. */
static int trail_top(const model *mo, const trail *t, int j, int n, float *scores,
		     unsigned char *skip, int *top)
{
	int ni = model_n_items(mo);
	const float *p = t->p + (size_t)j * t->k;
	memset(skip, 0, (size_t)ni);
	for (int i = 0; i <= j; i++)
		skip[t->items[i]] = 1;
	for (int i = 0; i < ni; i++)
		scores[i] = (float)mf_foldin_predict(mo, p, t->bias[j], i);
	return metrics_top_k(scores, ni, skip, n, top);
}

/* user by name; the learner may have no row yet (then -1, no error). */
static int who(lab *l, lab_call *c, int *u, ll_error *err)
{
	const char *name = c->argc ? c->argv[0].text : ME;
	if (!lab_data(l, err))
		return -1;
	*u = ratings_find_user(l->data, name);
	if (*u >= 0 || strcmp(name, ME) == 0)
		return 0;
	return (*u = lab_user(l, name, err)) < 0 ? -1 : 0;
}

/* said: the whole sentence, translated ("No ratings yet: ..."). */
static int nothing_yet(lab *l, const char *said, view **out)
{
	view_append(out, view_text(NULL, said));
	lab_last_num(l, "ratings", 0);
	lab_last_num(l, "norm", 0);
	lab_last_num(l, "changed", 0);
	lab_last_num(l, "settled", 0);
	lab_last_str(l, "neighbour", "");
	lab_result(l, 0);
	return 0;
}

static double cosine(const float *a, const float *b, int k)
{
	double d = lab_vec_dot(a, b, k), na = lab_vec_norm(a, k), nb = lab_vec_norm(b, k);
	return na > 0 && nb > 0 ? d / (na * nb) : 0;
}

static const lab_opt place_opts[] = {
	{ "users", OPT_INT, "12", N_("how many of the most active users to draw around you"), NULL },
	{ "items", OPT_INT, "5", N_("how many of your top movies to draw"), NULL },
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* The map: the most active users and the user's top movies, projected by
 * PCA, and the user's point after each rating on the same axes. */
static int place_map(lab *l, lab_model *lm, int u, const trail *t, int n_users, int n_items,
		     const char *label, view **out, ll_error *err)
{
	const model *mo = lm->m;
	int k = t->k, nu = model_n_users(mo), ni = model_n_items(mo);
	int *pu = malloc(((size_t)n_users + 2) * sizeof *pu), *top = malloc(((size_t)n_items + 1) * sizeof *top);
	float *scores = malloc(((size_t)ni + 1) * sizeof *scores);
	unsigned char *skip = malloc((size_t)ni + 1);
	int cu = pu ? lab_most_rated(l->data, SIDE_USER, nu, n_users + 1, pu) : -1, w = 0;
	for (int j = 0; j < cu; j++) /* the user is not among the others */
		if (pu[j] != u && w < n_users)
			pu[w++] = pu[j];
	int ci = top && scores && skip ? trail_top(mo, t, t->m - 1, n_items, scores, skip, top) : 0;
	int nb = w + ci;
	float *tab = malloc(((size_t)nb * k + 1) * sizeof *tab);
	double *xy = malloc(((size_t)nb * 2 + 1) * sizeof *xy);
	double *me = malloc(((size_t)t->m * 2 + 1) * sizeof *me), expl[2] = { 1, 0 };
	view *v = view_arrows(NULL);
	int rc = cu < 0 || !tab || !xy || !me || !v || !scores ? ll_fail(err, "out of memory") : 0;
	const float *P = model_user_factors_const(mo), *Q = model_item_factors_const(mo);
	for (int j = 0; rc == 0 && j < nb; j++)
		memcpy(tab + (size_t)j * k, j < w ? P + (size_t)pu[j] * k : Q + (size_t)top[j - w] * k,
		       (size_t)k * sizeof *tab);
	if (rc == 0 && nb < 2)
		rc = ll_fail(err, "place: too few users and movies to draw a map");
	if (rc == 0)
		rc = proj_pca2_extra(tab, nb, k, t->p, t->m, xy, me, expl, err);
	/* The learner first: the map labels its entries in order, as room allows. */
	double *px = malloc(((size_t)t->m + 1) * sizeof *px), *py = malloc(((size_t)t->m + 1) * sizeof *py);
	for (int j = 0; rc == 0 && px && py && j < t->m; j++)
		px[j] = me[2 * j], py[j] = me[2 * j + 1];
	if (rc == 0 && (!px || !py || view_arrows_add(v, label, SIDE_USER, 1, 1, t->m, px, py) < 0))
		rc = ll_fail(err, "out of memory");
	for (int j = 0; rc == 0 && j < nb; j++)
		if (view_arrows_add(v, j < w ? ratings_user_name(l->data, pu[j])
					     : ratings_item_title(l->data, top[j - w]),
				    j < w ? SIDE_USER : SIDE_ITEM, 1, 0, 1, &xy[2 * j], &xy[2 * j + 1]) < 0)
			rc = ll_fail(err, "out of memory");
	if (rc == 0) {
		char title[300];
		snprintf(title, sizeof title, _("You among users and movies (model %s, PCA keeps %.0f%% of "
			 "the spread)"), lm->name, 100 * (expl[0] + expl[1]));
		v->title = strdup(title);
		lab_last_num(l, "x", me[2 * (t->m - 1)]);
		lab_last_num(l, "y", me[2 * (t->m - 1) + 1]);
		lab_last_num(l, "explained", expl[0] + expl[1]);
		*out = v;
		v = NULL;
	}
	view_free(&v);
	free(pu), free(top), free(scores), free(skip), free(tab), free(xy), free(me), free(px), free(py);
	return rc;
}

static int run_place(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = mf_model(c, "place", err);
	int u;
	if (!lm || who(l, c, &u, err) < 0)
		return -1;
	trail t;
	if (trail_make(l, lm->m, u, &t, err) < 0) {
		trail_free(&t);
		return -1;
	}
	if (t.m == 0) {
		trail_free(&t);
		return nothing_yet(l, _("No ratings yet: rate a movie to appear on the map."), out);
	}
	int learner = c->argc == 0 || strcmp(c->argv[0].text, ME) == 0;
	const char *label = learner ? _("you") : c->argv[0].text;
	view *map = NULL;
	int rc = place_map(l, lm, u, &t, (int)lab_opt_long(c, "users", 12),
			   (int)lab_opt_long(c, "items", 5), label, &map, err);
	/* The three closest users to where the last rating put the learner. */
	const float *p = t.p + (size_t)(t.m - 1) * t.k, *P = model_user_factors_const(lm->m);
	int best[3] = { -1, -1, -1 };
	double bc[3] = { -2, -2, -2 };
	for (int v = 0; rc == 0 && v < model_n_users(lm->m); v++) {
		double cs = v == u ? -2 : cosine(p, P + (size_t)v * t.k, t.k);
		for (int j = 0; j < 3; j++)
			if (cs > bc[j]) {
				for (int m = 2; m > j; m--)
					bc[m] = bc[m - 1], best[m] = best[m - 1];
				bc[j] = cs, best[j] = v;
				break;
			}
	}
	if (rc == 0 && best[0] >= 0) {
		char near[300] = "";
		for (int j = 0; j < 3 && best[j] >= 0; j++) {
			size_t n = strlen(near);
			snprintf(near + n, sizeof near - n, "%s%s (%.2f)", j ? ", " : "",
				 ratings_user_name(l->data, best[j]), bc[j]);
		}
		char note[600];
		snprintf(note, sizeof note, _("Your path: where each of your %d ratings put you (folded "
			 "in, the movies held fixed). Closest users (cosine): %s."), t.m, near);
		view_arrows_note(map, note);
		lab_last_str(l, "neighbour", ratings_user_name(l->data, best[0]));
		lab_last_num(l, "cos", bc[0]);
	}
	if (rc == 0) {
		view_append(out, map);
		/* The vector itself, factor by factor, as foldin draws it. */
		view *vv = view_vectors(NULL, 1, t.k);
		char title[200];
		snprintf(title, sizeof title, _("Your vector from %d ratings, the movies held fixed (model %s, "
			 "k=%d)"), t.m, lm->name, t.k);
		if (vv && (vv->title = strdup(title)) && (vv->u.vectors.labels[0] = strdup(label))) {
			vv->u.vectors.side[0] = SIDE_USER;
			for (int d = 0; d < t.k; d++)
				vv->u.vectors.values[d] = p[d];
			view_append(out, vv);
		} else {
			view_free(&vv);
		}
		lab_last_num(l, "ratings", t.m);
		lab_last_num(l, "norm", lab_vec_norm(p, t.k));
		lab_last_num(l, "component", p[0]);
		lab_result(l, lab_vec_norm(p, t.k));
	} else {
		view_free(&map);
	}
	trail_free(&t);
	return rc;
}

static const lab_opt settle_opts[] = {
	{ "n", OPT_INT, "10", N_("the length of the top list"), NULL },
	{ "within", OPT_INT, "1", N_("settled: no later rating replaces more than this many"), NULL },
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_settle(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = mf_model(c, "settle", err);
	int u;
	if (!lm || who(l, c, &u, err) < 0)
		return -1;
	int n = (int)lab_opt_long(c, "n", 10), within = (int)lab_opt_long(c, "within", 1);
	trail t;
	if (trail_make(l, lm->m, u, &t, err) < 0) {
		trail_free(&t);
		return -1;
	}
	if (t.m == 0) {
		trail_free(&t);
		return nothing_yet(l, _("No ratings yet: rate a few movies to see your top list settle."), out);
	}
	int ni = model_n_items(lm->m), rc = 0;
	float *scores = malloc(((size_t)ni + 1) * sizeof *scores);
	unsigned char *skip = malloc((size_t)ni + 1);
	int *top = malloc(((size_t)n + 1) * sizeof *top), *prev = malloc(((size_t)n + 1) * sizeof *prev);
	double *x = malloc(((size_t)t.m + 1) * sizeof *x), *y = malloc(((size_t)t.m + 1) * sizeof *y);
	if (!scores || !skip || !top || !prev || !x || !y)
		rc = ll_fail(err, "out of memory");
	int n_prev = 0;
	for (int j = 0; rc == 0 && j < t.m; j++) {
		int got = trail_top(lm->m, &t, j, n, scores, skip, top), kept = 0;
		for (int a = 0; a < got; a++)
			for (int b = 0; b < n_prev; b++)
				kept += top[a] == prev[b];
		x[j] = j + 1;
		y[j] = got - kept;
		memcpy(prev, top, (size_t)got * sizeof *top);
		n_prev = got;
	}
	/* Settled after rating s: no rating after s replaced more than `within`. */
	int settled = t.m;
	while (rc == 0 && settled > 1 && y[settled - 1] <= within)
		settled--;
	if (rc == 0 && t.m >= 2) { /* a chart needs two points */
		char title[300];
		snprintf(title, sizeof title, _("How many of your top %d each rating replaced (model %s)"), n,
			 lm->name);
		view *v = view_line(title, 1);
		if (!v || view_line_series(v, 0, _("replaced"), t.m, x, y) < 0) {
			view_free(&v);
			rc = ll_fail(err, "out of memory");
		} else {
			free(v->u.line.xlabel), free(v->u.line.ylabel);
			v->u.line.xlabel = strdup(_("ratings given"));
			v->u.line.ylabel = strdup(_("movies replaced"));
			view_append(out, v);
		}
	}
	if (rc == 0) {
		char s[300];
		if (t.m < 2)
			snprintf(s, sizeof s, _("Rate at least two movies to see whether your top %d settles."), n);
		else if (settled < t.m)
			snprintf(s, sizeof s, _("Settled after %d ratings: no rating since replaced more than "
				 "%d of your top %d."), settled, within, n);
		else
			snprintf(s, sizeof s, _("Not settled yet: your last rating still replaced %.0f of your "
				 "top %d."), y[t.m - 1], n);
		view_append(out, view_text(NULL, s));
		lab_last_num(l, "ratings", t.m);
		lab_last_num(l, "changed", y[t.m - 1]);
		lab_last_num(l, "settled", settled);
		lab_last_num(l, "stable", t.m >= 2 && settled < t.m);
		lab_result(l, settled);
	}
	free(scores), free(skip), free(top), free(prev), free(x), free(y);
	trail_free(&t);
	return rc;
}

/* ---- me: the saved answers in the REPL ---- */

static int me_show(lab *l, view **out)
{
	const lab_me_entry *e;
	int n = lab_me_entries(l, &e), rated;
	lab_me_count(l, &rated);
	char title[200];
	snprintf(title, sizeof title, _("Your answers (%d ratings, %d not seen)"), rated, n - rated);
	view *v = view_table(title, n, 3);
	if (!v)
		return -1;
	view_table_header(v, 0, _("#"), 'r');
	view_table_header(v, 1, _("movie"), 'l');
	view_table_header(v, 2, _("you"), 'r');
	for (int j = 0; j < n; j++) {
		int it = ratings_find_item(l->data, e[j].item);
		view_table_set(v, j, 0, "%d", j + 1);
		view_table_set(v, j, 1, "%s", it >= 0 ? ratings_item_title(l->data, it) : e[j].item);
		if (isnan(e[j].value))
			view_table_set(v, j, 2, "%s", _("not seen"));
		else
			view_table_set(v, j, 2, "%g", (double)e[j].value);
	}
	view_append(out, v);
	lab_last_num(l, "answered", n);
	lab_last_num(l, "rated", rated);
	lab_result(l, rated);
	return 0;
}

/* me save: the user me's ratings in the data (rate me ... at the prompt)
 * become the answers, in the order given; earlier "not seen" answers stay. */
static int me_save(lab *l, ll_error *err)
{
	const lab_me_entry *e;
	int n = lab_me_entries(l, &e);
	char **skipped = calloc((size_t)n + 1, sizeof *skipped);
	int ns = 0;
	for (int j = 0; skipped && j < n; j++)
		if (isnan(e[j].value) && !(skipped[ns++] = strdup(e[j].item)))
			ns--;
	int u = ratings_find_user(l->data, ME), rc = skipped ? 0 : ll_fail(err, "out of memory");
	trail t = { 0 };
	if (rc == 0 && u >= 0)
		rc = trail_ratings(l, u, ratings_n_items(l->data), &t, err);
	if (rc == 0 && lab_me_clear(l, err) < 0)
		rc = -1;
	for (int j = 0; rc == 0 && j < ns; j++)
		rc = lab_me_push(l, skipped[j], NAN, err);
	for (int j = 0; rc == 0 && j < t.m; j++)
		rc = lab_me_push(l, ratings_item_name(l->data, t.items[j]), t.values[j], err);
	for (int j = 0; j < ns; j++)
		free(skipped[j]);
	free(skipped);
	trail_free(&t);
	return rc;
}

static int run_me(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const char *what = c->argc ? c->argv[0].text : "show";
	if (!lab_data(l, err) || lab_me_sync(l, err) < 0)
		return -1;
	if (strcmp(what, "clear") == 0) {
		/* The answers are the learner's: a lesson (data) never erases them. */
		if (l->path_filter)
			return ll_fail(err, "me clear: a lesson cannot clear your ratings (press X in the "
				       "rating step, or type it at the prompt)");
		if (lab_me_clear(l, err) < 0 || apply_me(l, out, err) < 0)
			return -1;
		view_append(out, view_text(NULL, _("Your answers are cleared.")));
		lab_last_num(l, "rated", 0);
		return 0;
	}
	if (strcmp(what, "save") == 0) {
		if (l->path_filter)
			return ll_fail(err, "me save: a lesson cannot change your ratings");
		if (me_save(l, err) < 0)
			return -1;
		return me_show(l, out) < 0 ? ll_fail(err, "out of memory") : 0;
	}
	if (strcmp(what, "load") == 0) {
		if (apply_me(l, out, err) < 0)
			return -1;
		int rated, n = lab_me_count(l, &rated);
		char s[300];
		snprintf(s, sizeof s, _("You are the user '%s': %d ratings (%d not seen) from your answers."),
			 ME, rated, n - rated);
		view_append(out, view_text(NULL, s));
		lab_last_num(l, "rated", rated);
		lab_result(l, rated);
		return 0;
	}
	return me_show(l, out) < 0 ? ll_fail(err, "out of memory") : 0;
}

const lab_cmd lab_cmds_onboard[] = {
	{ "survey", "[USER] [n=N] [pool=N] [model=NAME]", 0, 1, { ARG_USER }, NULL, survey_opts, 0,
	  N_("which movies to ask a newcomer to rate, and why"),
	  N_("survey              the next questions for you (the user me)\n"
	  "survey 414          for user 414, given what they rated\n"
	  "Greedy D-optimal design over the pool most rated movies: each question is the\n"
	  "movie whose vector points where the newcomer's vector is least known, given\n"
	  "the answers before it (an answer \"not seen\" is never asked again). The\n"
	  "column 'narrows you' is the share of the uncertainty it removes. Sets\n"
	  "last.item (the first question), last.shrink, last.questions."),
	  run_survey },
	{ "ask", "[n=N] [pool=N] [model=NAME]", 0, 0, { 0 }, NULL, survey_opts, 0,
	  N_("the rating step: your answers become the user me"),
	  N_("ask n=10\n"
	  "What a lesson's '@ rate' step runs: your answers so far (in the TUI, the keys\n"
	  "of the rating step; in `latentlab run`, --answers) become the ratings of the\n"
	  "user 'me', in the order given, and the next questions are shown (survey).\n"
	  "Sets last.answered, last.rated, last.skipped, last.item (the next question)."),
	  run_ask },
	{ "place", "[USER] [users=N] [items=N] [model=NAME]", 0, 1, { ARG_USER }, NULL, place_opts, 0,
	  N_("you on the map: your point after each rating, among users and movies"),
	  N_("place               you (the user me)\n"
	  "place 414           any user, their ratings in the order given\n"
	  "The vector after each rating is folded in (movies held fixed) and drawn on\n"
	  "the PCA map of the most active users and your top movies, as a path. Sets\n"
	  "last.ratings, last.norm, last.component (factor 0), last.x, last.y,\n"
	  "last.neighbour and last.cos (the closest user; the note names three)."),
	  run_place },
	{ "settle", "[USER] [n=N] [within=N] [model=NAME]", 0, 1, { ARG_USER }, NULL, settle_opts, 0,
	  N_("how many ratings until your top-n stops changing"),
	  N_("settle n=10\n"
	  "After each rating, in the order given, how many movies of the top n it\n"
	  "replaced. Sets last.changed (by the last rating), last.settled (the rating\n"
	  "after which none replaced more than `within`; also the number {{settle}}\n"
	  "shows), last.stable (1: settled before the last rating), last.ratings."),
	  run_settle },
	{ "me", "[show|load|save|clear]", 0, 1, { ARG_WORD }, "show|load|save|clear", NULL, 0,
	  N_("your own ratings from the rating lessons"),
	  N_("me          your answers on this dataset (saved in\n"
	  "            $XDG_STATE_HOME/latentlab/me/DATASET.tsv)\n"
	  "me load     make them the ratings of the user 'me' (then recommend me, foldin\n"
	  "            me, place, settle)\n"
	  "me save     keep the ratings of the user 'me' (rate me ...) as your answers\n"
	  "me clear    forget them (not from a lesson)"),
	  run_me },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

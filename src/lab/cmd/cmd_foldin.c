/* cmd_foldin.c: a user's vector solved from their ratings with the movies
 * held fixed (foldin), and the onboarding survey built on it (coldstart). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mf/mf.h"
#include "engine/mf/mf_foldin.h"
#include "engine/core/strf.h"
#include "lab/lab_impl.h"
#include "engine/core/intl.h"
#include "lab/parse.h"


static const lab_opt model_opt[] = {
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* --- foldin, coldstart --------------------------------------------------- */

/* Solve user u's vector from the user's ratings in the dataset, items fixed.
 * Stores it in the model when the model knows the user. Returns the number
 * of ratings used, or -1. */
static int fold_user(lab *l, lab_model *lm, int u, float *before, float *after, int *stored,
		     ll_error *err)
{
	const ratings *r = l->data;
	int k = model_k(lm->m);
	if (!mf_is_mf(lm->m) || k < 1)
		return ll_fail(err, "model '%s' (%s) cannot fold in a user: train an MF model "
			       "(sgd, als, ...)", lm->name, lm->algo);
	const uint32_t *pos;
	size_t n = ratings_user_entries(r, u, &pos);
	if (n == 0)
		return ll_fail(err, "%s has no ratings yet: rate a few movies first (coldstart %s "
			       "likes A B C)", ratings_user_name(r, u), ratings_user_name(r, u));
	int *items = malloc((n + 1) * sizeof *items);
	float *vals = malloc((n + 1) * sizeof *vals);
	if (!items || !vals) {
		free(items), free(vals);
		return ll_fail(err, "out of memory");
	}
	int m = 0;
	for (size_t j = 0; j < n; j++) {
		const ll_rating *e = &ratings_entries(r)[pos[j]];
		if (e->item < model_n_items(lm->m))
			items[m] = e->item, vals[m++] = e->value;
	}
	float bias = 0;
	int rc = mf_foldin(lm->m, m, items, vals, -1, after, &bias, err);
	free(items), free(vals);
	if (rc < 0)
		return -1;
	*stored = u < model_n_users(lm->m);
	if (*stored) {
		float *p = model_user_factors(lm->m) + (size_t)u * k;
		memcpy(before, p, (size_t)k * sizeof *p);
		memcpy(p, after, (size_t)k * sizeof *p);
	} else {
		memset(before, 0, (size_t)k * sizeof *before);
	}
	return m;
}

static view *before_after(const char *name, int k, const float *before, const float *after,
			  int stored, const char *model_name, int used)
{
	view *v = view_vectors(NULL, stored ? 2 : 1, k);
	if (!v)
		return NULL;
	char t[600];
	snprintf(t, sizeof t, ngettext("%s's vector from %d rating, movies held fixed (model %s, k=%d)",
				       "%s's vector from %d ratings, movies held fixed (model %s, k=%d)",
				       used), name, used, model_name, k);
	v->title = strdup(t);
	int row = 0;
	if (stored) {
		/* TRANSLATORS: a user's vector before and after fold-in. */
		snprintf(t, sizeof t, _("%s before"), name);
		v->u.vectors.labels[row] = strdup(t);
		v->u.vectors.side[row] = SIDE_USER;
		for (int d = 0; d < k; d++)
			v->u.vectors.values[d] = before[d];
		row++;
	}
	snprintf(t, sizeof t, _("%s now"), name);
	v->u.vectors.labels[row] = strdup(t);
	v->u.vectors.side[row] = SIDE_USER;
	for (int d = 0; d < k; d++)
		v->u.vectors.values[(size_t)row * k + d] = after[d];
	return v;
}

static int foldin_common(lab *l, lab_model *lm, int u, view **out, ll_error *err)
{
	int k = model_k(lm->m), stored = 0;
	float *buf = malloc((2 * (size_t)k + 1) * sizeof *buf);
	if (!buf)
		return ll_fail(err, "out of memory");
	int used = fold_user(l, lm, u, buf, buf + k, &stored, err);
	if (used < 0) {
		free(buf);
		return -1;
	}
	const char *name = ratings_user_name(l->data, u);
	view_append(out, before_after(name, k, buf, buf + k, stored, lm->name, used));
	lab_last_num(l, "ratings", used);
	lab_last_num(l, "norm", lab_vec_norm(buf + k, k));
	double moved = 0;
	for (int d = 0; d < k; d++)
		moved += ((double)buf[k + d] - buf[d]) * ((double)buf[k + d] - buf[d]);
	lab_last_num(l, "moved", sqrt(moved));
	lab_last_num(l, "component", buf[k]);
	lab_result(l, buf[k]);
	free(buf);
	return 0;
}

static int run_foldin(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int u = lab_user(l, c->argv[0].text, err);
	if (u < 0)
		return -1;
	return foldin_common(l, lm, u, out, err);
}

static const lab_opt coldstart_opts[] = {
	{ "rating", OPT_NUM, "5", N_("the rating each liked movie gets"), NULL },
	{ "n", OPT_INT, "5", N_("how many recommendations"), NULL },
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int exec_line(lab *l, const char *line, view **out, ll_error *err)
{
	view *v = NULL;
	int rc = lab_exec(l, line, &v, err);
	if (rc == 0 && out)
		view_append(out, v);
	else
		view_free(&v);
	return rc;
}

static int run_coldstart(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm || !lab_data(l, err))
		return -1;
	char *model_name = strdup(lm->name);
	char *qu = lab_quote(c->argv[0].text), *qm = lab_quote(lm->name);
	double rating = lab_opt_num(c, "rating", 5);
	long n = lab_opt_long(c, "n", 5);
	int rc = model_name && qu && qm ? 0 : ll_fail(err, "out of memory");
	view *views = NULL;
	for (int j = 2; rc == 0 && j < c->argc; j++) {
		char *qi = lab_quote(c->argv[j].text);
		char *line = qi ? ll_strf("rate %s %s %.9g", qu, qi, rating) : NULL;
		free(qi);
		if (!line) {
			rc = ll_fail(err, "out of memory");
			break;
		}
		if ((rc = exec_line(l, line, NULL, err)) < 0)
			l->err_col = c->argv[j].col;
		free(line);
	}
	/* Look the model up again by name rather than keep a pointer across lab_exec. */
	lm = rc == 0 ? lab_model_find(l, model_name) : NULL;
	int u = rc == 0 ? lab_user(l, c->argv[0].text, err) : -1;
	if (rc == 0 && (!lm || u < 0))
		rc = ll_fail(err, "coldstart: the model or the user went missing");
	if (rc == 0 && u < model_n_users(lm->m))
		rc = foldin_common(l, lm, u, &views, err);
	if (rc == 0) {
		/* A user the model does not know is folded in by recommend itself. */
		char *line = ll_strf("recommend %s n=%ld model=%s", qu, n, qm);
		rc = line ? exec_line(l, line, &views, err) : ll_fail(err, "out of memory");
		free(line);
	}
	free(model_name), free(qu), free(qm);
	if (rc < 0) {
		view_free(&views);
		return -1;
	}
	*out = views;
	return 0;
}

const lab_cmd lab_cmds_foldin[] = {
	{ "foldin", "USER [model=NAME]", 1, 1, { ARG_USER }, NULL, model_opt, 0,
	  N_("solve a user's vector from their ratings, movies held fixed"),
	  N_("foldin Jisu\n"
	  "One regularized least-squares solve from the user's ratings with every movie's\n"
	  "vector fixed (what a new user gets without retraining). The vector is stored in\n"
	  "the model, so predict, recommend, vector and cos use it. Sets last.norm,\n"
	  "last.moved (how far the vector moved) and last.ratings."),
	  run_foldin },
	{ "coldstart", "USER likes ITEM... [rating=5] [n=5] [model=NAME]", 3, -1,
	  { ARG_USER, ARG_WORD, ARG_ITEM, ARG_ITEM }, "likes", coldstart_opts, 0,
	  N_("onboarding: rate a few liked movies, fold in, recommend"),
	  N_("coldstart Jisu likes Frozen Rapunzel Titanic\n"
	  "Rates each movie (5 stars unless rating= says otherwise), folds the user's\n"
	  "vector in from those ratings and recommends n movies."),
	  run_coldstart },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

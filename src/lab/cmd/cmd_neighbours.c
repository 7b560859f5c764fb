/* cmd_neighbours.c: the neighbours' guess worked by hand: everyone who
 * rated the movie and shares a rating with the user, their similarity, and
 * the similarity-weighted average (user-based KNN); and the test ratings a
 * fitted KNN model cannot serve (knn-gaps), beside a factor model's guess. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/neighbours/knn.h"
#include "engine/neighbours/sim.h"
#include "engine/core/intl.h"
#include "lab/lab_impl.h"


/* --- neighbours ---------------------------------------------------------- */

static const lab_opt neighbours_opts[] = {
	{ "metric", OPT_WORD, "msd", N_("similarity measure"), SIM_NAMES },
	{ "n", OPT_INT, "0", N_("use only the n most similar raters (0: all)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

typedef struct nb { int user; float sim; int support; float rating; } nb;

static int by_sim(const void *a, const void *b)
{
	float x = ((const nb *)a)->sim, y = ((const nb *)b)->sim;
	return (x < y) - (x > y);
}

static int run_neighbours(lab_call *c, view **out, ll_error *err)
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
	const char *metric = lab_opt_str(c, "metric", "msd");
	long nmax = lab_opt_long(c, "n", 0);
	sim_cfg cfg = { .kind = (sim_kind)sim_from_name(metric), .user_based = 1,
			.min_support = 1, .shrinkage = 100 };
	if (cfg.kind == SIM_PEARSON_BASELINE)
		return ll_fail(err, "neighbours: metric %s is not offered here (cosine, pearson, msd, "
			       "euclidean)", metric);
	int nu = ratings_n_users(r);
	float *sim = calloc((size_t)nu + 1, sizeof *sim);
	int *support = calloc((size_t)nu + 1, sizeof *support);
	const uint32_t *pos;
	size_t n = ratings_item_entries(r, i, &pos);
	nb *list = calloc(n + 1, sizeof *list);
	sim_work *w = sim && support && list ? sim_work_new(r, &cfg, err) : NULL;
	if (!w) {
		free(sim), free(support), free(list);
		return sim && support && list ? ll_prefix(err, "neighbours: ") : ll_fail(err, "out of memory");
	}
	sim_row(w, u, sim, support);
	sim_work_free(&w);
	size_t m = 0;
	double plain = 0;
	for (size_t j = 0; j < n; j++) {
		const ll_rating *e = &ratings_entries(r)[pos[j]];
		plain += e->value;
		if (e->user == u || !(sim[e->user] > 0))
			continue;
		list[m++] = (nb){ e->user, sim[e->user], support[e->user], e->value };
	}
	plain = n ? plain / (double)n : NAN;
	free(sim), free(support);
	qsort(list, m, sizeof *list, by_sim);
	if (nmax > 0 && (size_t)nmax < m)
		m = (size_t)nmax;
	if (m == 0) {
		free(list);
		return ll_fail(err, "neighbours: nobody who rated %s shares a rating with %s",
			       ratings_item_title(r, i), ratings_user_name(r, u));
	}
	double sw = 0, swr = 0;
	for (size_t j = 0; j < m; j++)
		sw += list[j].sim, swr += (double)list[j].sim * list[j].rating;
	char title[300];
	snprintf(title, sizeof title, _("Neighbours of %s who rated %s (%s)"), ratings_user_name(r, u),
		 ratings_item_title(r, i), metric);
	view *v = view_table(title, (int)m, 4);
	if (!v) {
		free(list);
		return ll_fail(err, "out of memory");
	}
	const char *h[] = { _("user"), _("similarity"), _("co-rated"), _("rating") };
	for (int col = 0; col < 4; col++)
		view_table_header(v, col, h[col], col ? 'r' : 'l');
	for (size_t j = 0; j < m; j++) {
		view_table_set(v, (int)j, 0, "%s", ratings_user_name(r, list[j].user));
		view_table_set(v, (int)j, 1, "%.3f", list[j].sim);
		view_table_set(v, (int)j, 2, "%d", list[j].support);
		view_table_set(v, (int)j, 3, "%g", (double)list[j].rating);
	}
	free(list);
	double avg = swr / sw;
	char s[800];
	snprintf(s, sizeof s, _("Similarity-weighted average: %.2f; plain average of the ratings of %s: "
				"%.2f; global mean: %.2f."), avg, ratings_item_title(r, i), plain,
		 ratings_mean(r));
	*out = v;
	view_append(out, view_text(NULL, s));
	lab_last_num(l, "weighted", avg);
	lab_last_num(l, "plain", plain);
	lab_last_num(l, "neighbours", (double)m);
	lab_result(l, avg);
	return 0;
}

/* --- knn-gaps --------------------------------------------------------------- */

static const lab_opt gaps_opts[] = {
	{ "model", OPT_STR, NULL, N_("the KNN model (default: the current one if KNN, else the first)"), NULL },
	{ "mf", OPT_STR, NULL, N_("the model to set beside it (default: the first other model "
	  "with latent factors)"), NULL },
	{ "n", OPT_INT, "10", N_("rows to show"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

typedef struct gap {
	int user, item, count, candidates, used;
	float truth;
	double knn, mf;
} gap;

static int by_count(const void *a, const void *b)
{
	const gap *x = a, *y = b;
	if (x->count != y->count)
		return (x->count > y->count) - (x->count < y->count);
	if (x->user != y->user)
		return (x->user > y->user) - (x->user < y->user);
	return (x->item > y->item) - (x->item < y->item);
}

/* The named model, or the first that fits (want_knn: a KNN model; else
 * one with latent factors), the current one first. */
static lab_model *pick(lab *l, const char *name, int want_knn, ll_error *err)
{
	if (name) {
		lab_model *m = lab_model_find(l, name);
		if (!m)
			ll_fail(err, "knn-gaps: no model '%s' (see 'models')", name);
		else if (want_knn && !knn_is(m->m))
			ll_fail(err, "knn-gaps: model '%s' is %s, not a KNN model", name, m->algo);
		else if (!want_knn && knn_is(m->m))
			ll_fail(err, "knn-gaps: mf= wants a model other than KNN, not '%s'", name);
		else
			return m;
		return NULL;
	}
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < l->n_models; i++) {
			lab_model *m = &l->models[i];
			if ((pass == 0 && i != l->cur) || !m->on_split)
				continue;
			if (want_knn ? knn_is(m->m) : (!knn_is(m->m) && model_k(m->m) > 0))
				return m;
		}
	if (want_knn)
		ll_fail(err, "knn-gaps: no KNN model trained on this split (try 'train knn-user')");
	return NULL;
}

static double clip(const ratings *r, double x)
{
	double lo = ratings_scale_lo(r), hi = ratings_scale_hi(r);
	return isnan(x) ? x : x < lo ? lo : x > hi ? hi : x;
}

static int run_gaps(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const ratings *train = lab_train_set(l), *test = lab_test_set(l);
	if (!test)
		return ll_fail(err, "knn-gaps: no test ratings: split first (split holdout frac=0.2)");
	lab_model *km = pick(l, lab_opt_str(c, "model", NULL), 1, err);
	if (!km)
		return -1;
	if (!km->on_split)
		return ll_fail(err, "knn-gaps: model '%s' was trained before this split: train it again",
			       km->name);
	lab_model *mm = NULL;
	if (lab_opt_given(c, "mf") && !(mm = pick(l, lab_opt_str(c, "mf", NULL), 0, err)))
		return -1;
	if (!mm)
		mm = pick(l, NULL, 0, err);
	if (mm && !mm->on_split)
		return ll_fail(err, "knn-gaps: model '%s' was trained before this split: train it again",
			       mm->name);
	int n = (int)lab_opt_long(c, "n", 10);
	size_t nt = ratings_count(test), ng = 0;
	gap *g = malloc((nt + 1) * sizeof *g);
	if (!g)
		return ll_fail(err, "out of memory");
	const ll_rating *e = ratings_entries(test);
	double se_k = 0, se_m = 0;
	int users = 0, last_user = -1;
	for (size_t j = 0; j < nt; j++) {
		knn_detail d;
		double est = knn_predict_detail(km->m, e[j].user, e[j].item, &d);
		if (!d.impossible)
			continue;
		const uint32_t *pos;
		gap x = { e[j].user, e[j].item, (int)ratings_user_entries(train, e[j].user, &pos),
			  d.candidates, d.used, e[j].value, clip(train, est),
			  mm ? model_predict_clipped(mm->m, e[j].user, e[j].item) : NAN };
		g[ng++] = x;
		se_k += (x.knn - x.truth) * (x.knn - x.truth);
		se_m += (x.mf - x.truth) * (x.mf - x.truth);
	}
	qsort(g, ng, sizeof *g, by_count);
	for (size_t j = 0; j < ng; j++)
		if (g[j].user != last_user)
			users++, last_user = g[j].user;
	int shown = ng < (size_t)n ? (int)ng : n;
	char title[800];
	snprintf(title, sizeof title, _("Test ratings model %s cannot serve from neighbours (%zu of "
		 "%zu), users with the fewest ratings first; 'no rater': nobody rated the item in "
		 "training"), km->name, ng, nt);
	view *v = view_table(title, shown, mm ? 7 : 6);
	const char *h[] = { _("user"), _("ratings"), _("item"), _("why"), "KNN", "", _("rated") };
	char mh[80];
	snprintf(mh, sizeof mh, "%s", mm ? mm->name : "");
	for (int col = 0, out_col = 0; col < 7; col++) {
		if (col == 5 && !mm)
			continue;
		view_table_header(v, out_col++, col == 5 ? mh : h[col], col == 0 || col == 2 || col == 3 ? 'l' : 'r');
	}
	for (int j = 0; j < shown; j++) {
		int col = 0;
		view_table_set(v, j, col++, "%s", ratings_user_name(l->data, g[j].user));
		view_table_set(v, j, col++, "%d", g[j].count);
		view_table_set(v, j, col++, "%s", ratings_item_title(l->data, g[j].item));
		/* TRANSLATORS: why KNN cannot serve a test rating (knn-gaps's column). */
		if (g[j].candidates == 0)
			view_table_set(v, j, col++, "%s", _("no rater"));
		else if (g[j].used == 0)
			view_table_set(v, j, col++, ngettext("%d rater, none similar",
							     "%d raters, none similar", g[j].candidates),
				       g[j].candidates);
		else
			view_table_set(v, j, col++, _("%d similar, too few"), g[j].used);
		view_table_set(v, j, col++, "%.2f", g[j].knn);
		if (mm)
			view_table_set(v, j, col++, "%.2f", g[j].mf);
		view_table_set(v, j, col++, "%g", (double)g[j].truth);
	}
	*out = v;
	char s[800];
	double share = nt ? (double)ng / nt : 0;
	if (ng && mm)
		snprintf(s, sizeof s, ngettext("%.1f%% of the test ratings (%zu, of %d user): KNN falls "
					       "back on an average there. On them its RMSE is %.3f; %s, "
					       "which needs no neighbour, has %.3f.",
					       "%.1f%% of the test ratings (%zu, of %d users): KNN falls "
					       "back on an average there. On them its RMSE is %.3f; %s, "
					       "which needs no neighbour, has %.3f.", users),
			 100 * share, ng, users, sqrt(se_k / ng), mm->name, sqrt(se_m / ng));
	else if (ng)
		snprintf(s, sizeof s, ngettext("%.1f%% of the test ratings (%zu, of %d user): KNN falls "
					       "back on an average there (RMSE %.3f).",
					       "%.1f%% of the test ratings (%zu, of %d users): KNN falls "
					       "back on an average there (RMSE %.3f).", users),
			 100 * share, ng, users, sqrt(se_k / ng));
	else
		snprintf(s, sizeof s, _("Model %s serves every test rating from neighbours."), km->name);
	view_append(out, view_text(NULL, s));
	lab_last_num(l, "gaps.count", (double)ng);
	lab_last_num(l, "gaps.share", share);
	lab_last_num(l, "gaps.users", users);
	lab_last_num(l, "gaps.knn_rmse", ng ? sqrt(se_k / ng) : NAN);
	lab_last_num(l, "gaps.mf_rmse", ng && mm ? sqrt(se_m / ng) : NAN);
	if (ng) {
		lab_last_str(l, "gaps.user", ratings_user_name(l->data, g[0].user));
		lab_last_str(l, "gaps.item", ratings_item_title(l->data, g[0].item));
		lab_last_num(l, "gaps.knn", g[0].knn);
		lab_last_num(l, "gaps.mf", g[0].mf);
		lab_last_num(l, "gaps.rating", g[0].truth);
		lab_last_num(l, "gaps.ratings", g[0].count);
	}
	lab_result(l, (double)ng);
	free(g);
	return 0;
}

const lab_cmd lab_cmds_neighbours[] = {
	{ "neighbours", "USER ITEM [metric=msd] [n=N]", 2, 2, { ARG_USER, ARG_ITEM }, NULL,
	  neighbours_opts, 0, N_("the similarity-weighted average of the neighbours' ratings"),
	  N_("neighbours Minsu Avengers metric=msd\n"
	  "Everyone who rated ITEM and shares a rating with USER, their similarity and\n"
	  "rating, and the average weighted by similarity (user-based KNN's guess),\n"
	  "beside the plain average and the global mean. Sets last.weighted, last.plain."),
	  run_neighbours },
	{ "knn-gaps", "[model=NAME] [mf=NAME] [n=N]", 0, 0, { 0 }, NULL, gaps_opts, 0,
	  N_("the test ratings a KNN model cannot serve, beside a factor model's guess"),
	  N_("knn-gaps model=knn mf=mf n=10\n"
	  "Every test rating where the KNN model found no neighbour (no one who rated\n"
	  "the item is similar to the user, or too few: Surprise's was_impossible), so\n"
	  "it fell back on an average: the user, their number of ratings, the item,\n"
	  "why, KNN's fallback, the other model's guess and the true rating, users\n"
	  "with the fewest ratings first. Sets last.gaps.count, .share, .users,\n"
	  ".knn_rmse, .mf_rmse, and of the first row .user, .item, .knn, .mf, .rating."),
	  run_gaps },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

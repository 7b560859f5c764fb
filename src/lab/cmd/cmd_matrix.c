/* cmd_matrix.c: the real matrix, seen whole (see cmd_matrix.h): its shape
 * against the factors that stand in for it, how unevenly its ratings fall
 * (the long tail), a corner of it as a heat map, and how long each item's
 * vector grew against how often it was rated. */
#include "lab/cmd/cmd_matrix.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/lab_impl.h"

/* Ratings per user (side SIDE_USER) or item of r, into a new array. */
static size_t *counts_of(const ratings *r, int side, int n)
{
	size_t *cnt = malloc(((size_t)n + 1) * sizeof *cnt);
	for (int i = 0; cnt && i < n; i++) {
		const uint32_t *pos;
		cnt[i] = side == SIDE_USER ? ratings_user_entries(r, i, &pos)
					   : ratings_item_entries(r, i, &pos);
	}
	return cnt;
}

static const size_t *sort_cnt;
static int by_count(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	if (sort_cnt[x] != sort_cnt[y])
		return sort_cnt[x] > sort_cnt[y] ? -1 : 1;
	return x - y;
}

/* Positions into sort_pick, by the count of the item each one holds. */
static const int *sort_pick;
static int by_picked_count(const void *a, const void *b)
{
	int x = sort_pick[*(const int *)a], y = sort_pick[*(const int *)b];
	if (sort_cnt[x] != sort_cnt[y])
		return sort_cnt[x] > sort_cnt[y] ? -1 : 1;
	return x - y;
}

/* Points a `plot norms` picture shows at most. */
#define NORMS_SHOWN 400

static int by_index(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* --- show shape ------------------------------------------------------------ */

int lab_show_shape(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	int k = 10;
	const char *from = NULL;
	if (lab_opt_given(c, "k")) {
		k = (int)lab_opt_long(c, "k", 10);
	} else if (lab_opt_given(c, "model") || (l->cur >= 0 && model_k(l->models[l->cur].m) > 0)) {
		lab_model *lm = lab_factor_model(c, "show shape", err);
		if (!lm)
			return -1;
		k = model_k(lm->m), from = lm->name;
	}
	if (k < 1 || k > 100000)
		return ll_fail(err, "show shape: k must be from 1 to 100000");
	double nu = ratings_n_users(r), ni = ratings_n_items(r), n = (double)ratings_count(r);
	char title[400];
	if (from)
		snprintf(title, sizeof title, _("The ratings matrix R against the factors U and V of "
			 "model %s (k=%d), to scale (log)"), from, k);
	else
		snprintf(title, sizeof title, _("The ratings matrix R against factors U and V with k=%d, "
			 "to scale (log)"), k);
	view *v = view_shape(title, nu, ni, k, n, NULL);
	if (!v)
		return ll_fail(err, "out of memory");
	*out = v;
	double factors = v->u.shape.u_bytes + v->u.shape.v_bytes;
	lab_last_num(l, "shape.dense_bytes", v->u.shape.dense_bytes);
	lab_last_num(l, "shape.factor_bytes", factors);
	lab_last_num(l, "shape.u_bytes", v->u.shape.u_bytes);
	lab_last_num(l, "shape.v_bytes", v->u.shape.v_bytes);
	lab_last_num(l, "shape.ratings_bytes", v->u.shape.ratings_bytes);
	lab_last_num(l, "shape.ratio", v->u.shape.ratio);
	lab_last_num(l, "shape.cells", nu * ni);
	lab_last_num(l, "users", nu);
	lab_last_num(l, "items", ni);
	lab_last_num(l, "k", k);
	lab_result(l, v->u.shape.ratio);
	return 0;
}

/* --- plot popularity ------------------------------------------------------- */

int lab_plot_popularity(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	int users = !strcmp(lab_opt_str(c, "of", "items"), "users");
	int linear = !strcmp(lab_opt_str(c, "scale", "log"), "linear");
	int side = users ? SIDE_USER : SIDE_ITEM;
	int n = users ? ratings_n_users(r) : ratings_n_items(r);
	if (n < 1)
		return ll_fail(err, "plot popularity: no %s", users ? "users" : "items");
	size_t *cnt = counts_of(r, side, n);
	int *order = malloc((size_t)n * sizeof *order);
	if (!cnt || !order) {
		free(cnt), free(order);
		return ll_fail(err, "out of memory");
	}
	size_t max = 0, once = 0, total = 0, zero = 0;
	for (int i = 0; i < n; i++) {
		order[i] = i;
		max = cnt[i] > max ? cnt[i] : max;
		once += cnt[i] == 1, zero += cnt[i] == 0, total += cnt[i];
	}
	sort_cnt = cnt;
	qsort(order, (size_t)n, sizeof *order, by_count);
	/* The median of the counts, and the share of all ratings that the
	 * most rated tenth holds. */
	double median = n % 2 ? (double)cnt[order[n / 2]]
			      : ((double)cnt[order[n / 2 - 1]] + (double)cnt[order[n / 2]]) / 2;
	int tenth = (n + 9) / 10;
	size_t top = 0;
	for (int i = 0; i < tenth; i++)
		top += cnt[order[i]];
	double top_share = total ? (double)top / (double)total : 0;
	/* Bins: 0 (when any), then [1,2), [2,4), [4,8), ... on a log scale, or
	 * `bins` equal widths from 1 to the largest count. */
	int nb = 0;
	size_t lo[80], hi[80]; /* each bin holds counts lo..hi */
	if (zero)
		lo[nb] = hi[nb] = 0, nb++;
	if (!linear) {
		for (size_t a = 1; a <= max && nb < 70; a *= 2, nb++)
			lo[nb] = a, hi[nb] = 2 * a - 1;
	} else {
		long want = lab_opt_long(c, "bins", 10);
		if (want < 1 || want > 60)
			want = 10;
		size_t width = (max + (size_t)want - 1) / (size_t)want;
		if (width < 1)
			width = 1;
		for (size_t a = 1; a <= max && nb < 70; a += width, nb++)
			lo[nb] = a, hi[nb] = a + width - 1;
	}
	const char *title = users ? (linear ? _("How many ratings each user has (equal bins)")
					    : _("How many ratings each user has (doubling bins)"))
				  : (linear ? _("How many ratings each item has (equal bins)")
					    : _("How many ratings each item has (doubling bins)"));
	view *v = view_bar(title, nb, "%.0f");
	if (!v) {
		free(cnt), free(order);
		return ll_fail(err, "out of memory");
	}
	for (int b = 0; b < nb; b++) {
		char s[48];
		if (lo[b] == hi[b])
			snprintf(s, sizeof s, "%zu", lo[b]);
		else
			snprintf(s, sizeof s, "%zu-%zu", lo[b], hi[b]);
		v->u.bar.labels[b] = strdup(s);
	}
	for (int i = 0; i < n; i++)
		for (int b = 0; b < nb; b++)
			if (cnt[i] >= lo[b] && cnt[i] <= hi[b]) {
				v->u.bar.values[b] += 1;
				break;
			}
	free(cnt), free(order);
	char body[1000], smax[32], sonce[32], sten[32];
	view_count((double)max, smax, sizeof smax);
	view_count((double)once, sonce, sizeof sonce);
	view_count(tenth, sten, sizeof sten);
	snprintf(body, sizeof body, users
		 ? _("A typical user (the median) has %g ratings; the most active has %s. %s users "
		     "have a single rating. The most active tenth of the users (%s) holds %.0f%% of "
		     "all the ratings: the long tail.")
		 : _("A typical item (the median) has %g ratings; the most rated has %s. %s items "
		     "have a single rating. The most rated tenth of the items (%s) holds %.0f%% of "
		     "all the ratings: the long tail."),
		 median, smax, sonce, sten, 100 * top_share);
	*out = v;
	view_append(out, view_text(NULL, body));
	lab_last_num(l, "popularity.median", median);
	lab_last_num(l, "popularity.max", (double)max);
	lab_last_num(l, "popularity.once", (double)once);
	lab_last_num(l, "popularity.top_share", top_share);
	lab_last_num(l, "popularity.top_n", tenth);
	lab_result(l, median);
	return 0;
}

/* --- plot matrix ----------------------------------------------------------- */

/* The n rows (or columns) to show of total, into pick, in the order
 * shown: the most active first, the first by index, or a seeded sample. */
static int corner(const ratings *r, int side, int total, int n, const char *order,
		  unsigned long seed, int *pick)
{
	int *all = malloc(((size_t)total + 1) * sizeof *all);
	if (!all)
		return -1;
	for (int i = 0; i < total; i++)
		all[i] = i;
	if (!strcmp(order, "activity")) {
		size_t *cnt = counts_of(r, side, total);
		if (!cnt) {
			free(all);
			return -1;
		}
		sort_cnt = cnt;
		qsort(all, (size_t)total, sizeof *all, by_count);
		free(cnt);
	} else if (!strcmp(order, "random")) {
		gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
		if (!g) {
			free(all);
			return -1;
		}
		gsl_rng_set(g, seed + (unsigned long)side);
		gsl_ran_shuffle(g, all, (size_t)total, sizeof *all);
		gsl_rng_free(g);
		qsort(all, (size_t)n, sizeof *all, by_index);
	}
	memcpy(pick, all, (size_t)n * sizeof *pick);
	free(all);
	return n;
}

int lab_plot_matrix(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	lab_model *lm = NULL;
	if (lab_opt_given(c, "model")) {
		if (!(lm = lab_model_pick(l, c, err)))
			return -1;
		if (model_ranking_only(lm->m))
			return ll_fail(err, "plot matrix: %s ranks items but predicts no ratings",
				       lm->algo);
	}
	const char *order = lab_opt_str(c, "order", "activity");
	int nu = ratings_n_users(r), ni = ratings_n_items(r);
	int ru = (int)lab_opt_long(c, "users", 40), ci = (int)lab_opt_long(c, "items", 60);
	if (ru < 1 || ci < 1 || ru > 400 || ci > 400)
		return ll_fail(err, "plot matrix: users and items from 1 to 400");
	ru = ru < nu ? ru : nu, ci = ci < ni ? ci : ni;
	int *pu = malloc(((size_t)ru + 1) * sizeof *pu), *pi = malloc(((size_t)ci + 1) * sizeof *pi);
	if (!pu || !pi || corner(r, SIDE_USER, nu, ru, order, l->seed, pu) < 0 ||
	    corner(r, SIDE_ITEM, ni, ci, order, l->seed, pi) < 0) {
		free(pu), free(pi);
		return ll_fail(err, "out of memory");
	}
	char title[800], snu[32], sni[32];
	view_count(nu, snu, sizeof snu);
	view_count(ni, sni, sizeof sni);
	int act = !strcmp(order, "activity"), rnd = !strcmp(order, "random");
	if (lm && act)
		snprintf(title, sizeof title, _("Ratings and guesses: the %d most active of %s users "
						"(rows), the %d most rated of %s items (columns); the "
						"blanks guessed by model %s"), ru, snu, ci, sni, lm->name);
	else if (lm && rnd)
		snprintf(title, sizeof title, _("Ratings and guesses: %d of %s users (rows) and %d of %s "
						"items (columns), drawn at random; the blanks guessed "
						"by model %s"), ru, snu, ci, sni, lm->name);
	else if (lm)
		snprintf(title, sizeof title, _("Ratings and guesses: the first %d of %s users and %d of "
						"%s items; the blanks guessed by model %s"),
			 ru, snu, ci, sni, lm->name);
	else if (act)
		snprintf(title, sizeof title, _("Ratings: the %d most active of %s users (rows), the %d "
						"most rated of %s items (columns)"), ru, snu, ci, sni);
	else if (rnd)
		snprintf(title, sizeof title, _("Ratings: %d of %s users (rows) and %d of %s items "
						"(columns), drawn at random"), ru, snu, ci, sni);
	else
		snprintf(title, sizeof title, _("Ratings: the first %d of %s users and %d of %s items"),
			 ru, snu, ci, sni);
	view *v = view_heat(title, ru, ci);
	if (!v) {
		free(pu), free(pi);
		return ll_fail(err, "out of memory");
	}
	v->u.matrix.lo = ratings_scale_lo(r), v->u.matrix.hi = ratings_scale_hi(r);
	long known = 0;
	for (int a = 0; a < ru; a++) {
		v->u.matrix.row_labels[a] = strdup(ratings_user_name(r, pu[a]));
		for (int b = 0; b < ci; b++) {
			int u = pu[a], i = pi[b];
			long p = ratings_find(r, u, i);
			size_t at = (size_t)a * ci + b;
			if (p >= 0) {
				v->u.matrix.values[at] = ratings_entries(r)[p].value;
				v->u.matrix.state[at] = CELL_KNOWN;
				known++;
			} else if (lm && u < model_n_users(lm->m) && i < model_n_items(lm->m)) {
				v->u.matrix.values[at] = model_predict_clipped(lm->m, u, i);
				v->u.matrix.state[at] = CELL_PREDICTED;
			}
		}
	}
	for (int b = 0; b < ci; b++)
		v->u.matrix.col_labels[b] = strdup(ratings_item_title(r, pi[b]));
	free(pu), free(pi);
	double filled = (double)known / ((double)ru * ci);
	double all = (double)ratings_count(r) / ((double)nu * ni);
	char body[800], sk[32], sc[32];
	view_count((double)known, sk, sizeof sk);
	view_count((double)ru * ci, sc, sizeof sc);
	snprintf(body, sizeof body, lm ? _("%s of these %s cells hold a rating (%.1f%%); in the whole "
					   "table, %.2f%% do. Every blank here now has the model's "
					   "guess.")
				       : _("%s of these %s cells hold a rating (%.1f%%); in the whole "
					   "table, %.2f%% do."), sk, sc, 100 * filled, 100 * all);
	*out = v;
	view_append(out, view_text(NULL, body));
	lab_last_num(l, "filled", filled);
	lab_last_num(l, "density", all);
	lab_result(l, filled);
	return 0;
}

/* --- plot norms ------------------------------------------------------------ */

int lab_plot_norms(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_factor_model(c, "plot norms", err);
	if (!lm)
		return -1;
	const ratings *train = lm->on_split ? lab_train_set(l) : l->data;
	int by_mean = !strcmp(lab_opt_str(c, "x", "ratings"), "mean");
	int labels = lab_opt_given(c, "n") ? (int)lab_opt_long(c, "n", 8) : 8;
	int k = model_k(lm->m), ni = model_n_items(lm->m);
	if (ni > ratings_n_items(train))
		ni = ratings_n_items(train);
	const float *Q = model_item_factors_const(lm->m);
	size_t *cnt = counts_of(train, SIDE_ITEM, ni);
	int *pick = malloc(((size_t)ni + 1) * sizeof *pick), *rank = malloc(((size_t)ni + 1) * sizeof *rank);
	double *len = malloc(((size_t)ni + 1) * sizeof *len), *lc = malloc(((size_t)ni + 1) * sizeof *lc),
	       *mean = malloc(((size_t)ni + 1) * sizeof *mean);
	if (!cnt || !pick || !rank || !len || !lc || !mean) {
		free(cnt), free(pick), free(rank), free(len), free(lc), free(mean);
		return ll_fail(err, "out of memory");
	}
	/* The rated items: length, log10 of their ratings, their mean rating. */
	const ll_rating *e = ratings_entries(train);
	int n = 0;
	for (int i = 0; i < ni; i++) {
		if (!cnt[i])
			continue;
		const uint32_t *pos;
		size_t m = ratings_item_entries(train, i, &pos);
		double s = 0;
		for (size_t j = 0; j < m; j++)
			s += e[pos[j]].value;
		pick[n] = i, len[n] = lab_vec_norm(Q + (size_t)i * k, k);
		lc[n] = log10((double)cnt[i]), mean[n] = s / (double)m;
		n++;
	}
	if (n < 3) {
		free(cnt), free(pick), free(rank), free(len), free(lc), free(mean);
		return ll_fail(err, "plot norms: too few rated items");
	}
	/* The correlations over every rated item; the picture shows the most
	 * rated (named) and a seeded sample of the others. */
	double cc = gsl_stats_correlation(len, 1, lc, 1, (size_t)n);
	double cm = gsl_stats_correlation(len, 1, mean, 1, (size_t)n);
	int shown = n < NORMS_SHOWN ? n : NORMS_SHOWN;
	char *in = calloc((size_t)n, 1);
	int *at = malloc((size_t)n * sizeof *at);
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!in || !at || !g) {
		free(in), free(at);
		if (g)
			gsl_rng_free(g);
		free(cnt), free(pick), free(rank), free(len), free(lc), free(mean);
		return ll_fail(err, "out of memory");
	}
	for (int j = 0; j < n; j++)
		rank[j] = j, at[j] = j;
	sort_cnt = cnt;
	sort_pick = pick;
	qsort(rank, (size_t)n, sizeof *rank, by_picked_count);
	for (int t = 0; t < labels && t < shown; t++)
		in[rank[t]] = 2;
	gsl_rng_set(g, l->seed);
	gsl_ran_shuffle(g, at, (size_t)n, sizeof *at);
	gsl_rng_free(g);
	int m = 0;
	for (int j = 0; j < n; j++)
		m += in[j] != 0;
	for (int j = 0; j < n && m < shown; j++)
		if (!in[at[j]])
			in[at[j]] = 1, m++;
	char title[600];
	snprintf(title, sizeof title, by_mean
		 ? _("Length of each item's vector (up) against its mean rating (across), model %s, k=%d")
		 : _("Length of each item's vector (up) against log10 of its number of ratings (across), "
		     "model %s, k=%d"), lm->name, k);
	view *v = view_scatter(title, shown, 1);
	for (int j = 0, o = 0; v && j < n; j++) {
		if (!in[j])
			continue;
		v->u.scatter.x[o] = by_mean ? mean[j] : lc[j];
		v->u.scatter.y[o] = len[j];
		v->u.scatter.side[o] = SIDE_ITEM;
		if (in[j] == 2)
			v->u.scatter.labels[o] = strdup(ratings_item_title(l->data, pick[j]));
		o++;
	}
	free(in), free(at);
	free(cnt), free(pick), free(rank), free(len), free(lc), free(mean);
	if (!v)
		return ll_fail(err, "out of memory");
	char body[1000], nb[32];
	view_count(n, nb, sizeof nb);
	snprintf(body, sizeof body, shown < n
		 ? _("Over all %s rated items, the correlation of a vector's length with log10 of the "
		     "item's number of ratings is %.2f, with its mean rating %.2f (1: a straight rising "
		     "line; 0: no relation). The picture shows the most rated and a sample of the rest.")
		 : _("Over all %s rated items, the correlation of a vector's length with log10 of the "
		     "item's number of ratings is %.2f, with its mean rating %.2f (1: a straight rising "
		     "line; 0: no relation)."), nb, cc, cm);
	*out = v;
	view_append(out, view_text(NULL, body));
	lab_last_num(l, "norms.corr_count", cc);
	lab_last_num(l, "norms.corr_mean", cm);
	lab_last_num(l, "norms.items", n);
	lab_result(l, by_mean ? cm : cc);
	return 0;
}

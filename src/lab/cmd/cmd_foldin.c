/* cmd_story.c: commands the toy-data lessons need to tell their story:
 * setvec (starting values by hand), foldin and coldstart (a vector from a
 * few ratings), tug (who pulls a movie's vector), weights (exact zeros
 * under L1), content (genre-based guess)
 * and neighbours (the similarity-weighted average).
 *
 * Every number these commands show is computed here from the session's
 * model and data; lessons print them through {{ }}. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/model/metrics.h"
#include "engine/mf/mf.h"
#include "engine/mf/mf_foldin.h"
#include "engine/vectors/project.h"
#include "engine/neighbours/sim.h"
#include "lab/lab_impl.h"

static const lab_opt model_opt[] = {
	{ "model", OPT_STR, NULL, "the model to use (default: the current one)", NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static double norm(const float *v, int k)
{
	double s = 0;
	for (int d = 0; d < k; d++)
		s += (double)v[d] * v[d];
	return sqrt(s);
}

static double dot(const float *a, const float *b, int k)
{
	double s = 0;
	for (int d = 0; d < k; d++)
		s += (double)a[d] * b[d];
	return s;
}

/* The model's vector of a user or item, writable; NULL with a message when
 * the model has none or the name is newer than the model. */
static float *vec_of(lab *l, lab_model *lm, const char *name, int *side, int *x, ll_error *err)
{
	int k = model_k(lm->m);
	if (k < 1) {
		ll_fail(err, "model '%s' (%s) has no latent vectors", lm->name, lm->algo);
		return NULL;
	}
	if ((*x = lab_user_or_item(l, name, side, err)) < 0)
		return NULL;
	int have = *side == SIDE_USER ? model_n_users(lm->m) : model_n_items(lm->m);
	float *base = *side == SIDE_USER ? model_user_factors(lm->m) : model_item_factors(lm->m);
	if (*x >= have || !base) {
		ll_fail(err, "%s is new since model '%s' was trained: train again", name, lm->name);
		return NULL;
	}
	return base + (size_t)*x * k;
}

/* --- setvec -------------------------------------------------------------- */

static int run_setvec(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int side, x, k = model_k(lm->m);
	float *f = vec_of(l, lm, c->argv[0].text, &side, &x, err);
	if (!f) {
		l->err_col = c->argv[0].col;
		return -1;
	}
	if (c->argc - 1 != k)
		return ll_fail(err, "setvec: model '%s' has k=%d, so give %d value%s, not %d", lm->name,
			       k, k, k == 1 ? "" : "s", c->argc - 1);
	float *v = malloc((size_t)k * sizeof *v + 1);
	if (!v)
		return ll_fail(err, "out of memory");
	for (int d = 0; d < k; d++) {
		char *end;
		const char *s = c->argv[d + 1].text;
		double y = strtod(s, &end);
		if (!*s || *end || !isfinite(y)) {
			free(v);
			l->err_col = c->argv[d + 1].col;
			return ll_fail(err, "setvec: '%s' is not a number", s);
		}
		v[d] = (float)y;
	}
	memcpy(f, v, (size_t)k * sizeof *v);
	free(v);
	const char *label = side == SIDE_USER ? ratings_user_name(l->data, x)
					      : ratings_item_title(l->data, x);
	view *w = view_vectors(NULL, 1, k);
	if (!w)
		return ll_fail(err, "out of memory");
	char title[300];
	snprintf(title, sizeof title, "%s set by hand (model %s, k=%d)", label, lm->name, k);
	w->title = strdup(title);
	w->u.vectors.labels[0] = strdup(label);
	w->u.vectors.side[0] = (unsigned char)side;
	for (int d = 0; d < k; d++)
		w->u.vectors.values[d] = f[d];
	*out = w;
	lab_last_num(l, "component", f[0]);
	lab_result(l, f[0]);
	return 0;
}

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
	char t[300];
	snprintf(t, sizeof t, "%s's vector from %d rating%s, movies held fixed (model %s, k=%d)",
		 name, used, used == 1 ? "" : "s", model_name, k);
	v->title = strdup(t);
	int row = 0;
	if (stored) {
		snprintf(t, sizeof t, "%s before", name);
		v->u.vectors.labels[row] = strdup(t);
		v->u.vectors.side[row] = SIDE_USER;
		for (int d = 0; d < k; d++)
			v->u.vectors.values[d] = before[d];
		row++;
	}
	snprintf(t, sizeof t, "%s now", name);
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
	lab_last_num(l, "norm", norm(buf + k, k));
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
	{ "rating", OPT_NUM, "5", "the rating each liked movie gets", NULL },
	{ "n", OPT_INT, "5", "how many recommendations", NULL },
	{ "model", OPT_STR, NULL, "the model to use (default: the current one)", NULL },
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
		char *qi = lab_quote(c->argv[j].text), line[800];
		if (!qi) {
			rc = ll_fail(err, "out of memory");
			break;
		}
		snprintf(line, sizeof line, "rate %s %s %.9g", qu, qi, rating);
		free(qi);
		if ((rc = exec_line(l, line, NULL, err)) < 0)
			l->err_col = c->argv[j].col;
	}
	/* Look the model up again by name rather than keep a pointer across lab_exec. */
	lm = rc == 0 ? lab_model_find(l, model_name) : NULL;
	int u = rc == 0 ? ratings_find_user(l->data, c->argv[0].text) : -1;
	if (rc == 0 && (!lm || u < 0))
		rc = ll_fail(err, "coldstart: the model or the user went missing");
	if (rc == 0 && u < model_n_users(lm->m))
		rc = foldin_common(l, lm, u, &views, err);
	if (rc == 0) {
		/* A user the model does not know is folded in by recommend itself. */
		char line[600];
		snprintf(line, sizeof line, "recommend %s n=%ld model=%s", qu, n, qm);
		rc = exec_line(l, line, &views, err);
	}
	free(model_name), free(qu), free(qm);
	if (rc < 0) {
		view_free(&views);
		return -1;
	}
	*out = views;
	return 0;
}

/* --- tug ----------------------------------------------------------------- */

typedef struct pull {
	int user;
	double rating, pred, error, unorm, strength;
} pull;

static int by_strength(const void *a, const void *b)
{
	double x = ((const pull *)a)->strength, y = ((const pull *)b)->strength;
	return (x < y) - (x > y);
}

static int run_tug(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int side, i;
	float *q = vec_of(l, lm, c->argv[0].text, &side, &i, err);
	if (!q)
		return -1;
	if (side != SIDE_ITEM)
		return ll_fail(err, "tug: '%s' is a user; name a movie", c->argv[0].text);
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
		x->pred = dot(p, q, k);
		x->error = x->rating - x->pred;
		x->unorm = norm(p, k);
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
	char title[300];
	snprintf(title, sizeof title, "Who pulls %s's vector (model %s): error x length of the "
		 "user's vector", ratings_item_title(l->data, i), lm->name);
	view *v = view_table(title, (int)m, 7);
	if (!v) {
		free(ps), free(sum_to), free(sum_away);
		return ll_fail(err, "out of memory");
	}
	const char *h[] = { "user", "rating", "predicted", "error", "|user|", "pull", "direction" };
	for (int col = 0; col < 7; col++)
		view_table_header(v, col, h[col], col == 0 || col == 6 ? 'l' : 'r');
	for (size_t j = 0; j < m; j++) {
		const pull *x = &ps[j];
		view_table_set(v, (int)j, 0, "%s", ratings_user_name(l->data, x->user));
		view_table_set(v, (int)j, 1, "%g", x->rating);
		view_table_set(v, (int)j, 2, "%.2f", x->pred);
		view_table_set(v, (int)j, 3, "%+.2f", x->error);
		view_table_set(v, (int)j, 4, "%.2f", x->unorm);
		view_table_set(v, (int)j, 5, "%.2f", x->strength);
		view_table_set(v, (int)j, 6, "%s", x->error >= 0 ? "toward the user" : "away from the user");
	}
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
	lab_last_num(l, "net_toward", norm(sum_to, k));
	lab_last_num(l, "net_away", norm(sum_away, k));
	lab_result(l, ps[0].strength);
	free(ps), free(sum_to), free(sum_away);
	return 0;
}

/* --- weights ------------------------------------------------------------- */

static int run_weights(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int k = model_k(lm->m);
	if (k < 1 || !model_user_factors_const(lm->m))
		return ll_fail(err, "weights: model '%s' has no latent vectors", lm->name);
	const float *tab[2] = { model_user_factors_const(lm->m), model_item_factors_const(lm->m) };
	size_t cnt[2] = { (size_t)model_n_users(lm->m) * k, (size_t)model_n_items(lm->m) * k };
	view *v = view_table(NULL, 3, 5);
	if (!v)
		return ll_fail(err, "out of memory");
	char title[200];
	snprintf(title, sizeof title, "The weights of model %s (k=%d)", lm->name, k);
	v->title = strdup(title);
	const char *h[] = { "", "weights", "exactly 0", "mean |w|", "largest |w|" };
	for (int col = 0; col < 5; col++)
		view_table_header(v, col, h[col], col ? 'r' : 'l');
	size_t all_n = 0, all_z = 0;
	double all_abs = 0, all_max = 0;
	for (int t = 0; t < 3; t++) {
		size_t nz = 0, nn = t < 2 ? cnt[t] : all_n;
		double sa = 0, mx = 0;
		if (t < 2) {
			for (size_t j = 0; j < cnt[t]; j++) {
				double a = fabs(tab[t][j]);
				nz += tab[t][j] == 0.0f;
				sa += a;
				if (a > mx)
					mx = a;
			}
			all_n += cnt[t], all_z += nz, all_abs += sa;
			if (mx > all_max)
				all_max = mx;
		} else {
			nz = all_z, sa = all_abs, mx = all_max;
		}
		view_table_set(v, t, 0, "%s", t == 0 ? "users" : t == 1 ? "movies" : "all");
		view_table_set(v, t, 1, "%zu", nn);
		view_table_set(v, t, 2, "%zu", nz);
		view_table_set(v, t, 3, "%.4f", nn ? sa / (double)nn : 0);
		view_table_set(v, t, 4, "%.4f", mx);
	}
	*out = v;
	lab_last_num(l, "zeros", (double)all_z);
	lab_last_num(l, "weights", (double)all_n);
	lab_last_num(l, "zero_share", all_n ? (double)all_z / (double)all_n : 0);
	lab_last_num(l, "mean_abs", all_n ? all_abs / (double)all_n : 0);
	lab_last_num(l, "largest", all_max);
	lab_result(l, (double)all_z);
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
	char title[400], g[300];
	genre_list(r, gi, g, sizeof g);
	snprintf(title, sizeof title, "%s's ratings, weighted by genres shared with %s (%s)",
		 ratings_user_name(r, u), ratings_item_title(r, i), g);
	v->title = strdup(title);
	const char *h[] = { "movie", "genres", "overlap", "rating" };
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
	char s[300];
	snprintf(s, sizeof s, "By genres alone: %s -> %s %.2f", ratings_user_name(r, u),
		 ratings_item_title(r, i), p);
	*out = v;
	view_append(out, view_text(NULL, s));
	lab_last_num(l, "prediction", p);
	lab_last_num(l, "weight", sw);
	lab_result(l, p);
	return 0;
}

/* --- neighbours ---------------------------------------------------------- */

static const lab_opt neighbours_opts[] = {
	{ "metric", OPT_WORD, "msd", "similarity measure", SIM_NAMES },
	{ "n", OPT_INT, "0", "use only the n most similar raters (0: all)", NULL },
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
	snprintf(title, sizeof title, "Neighbours of %s who rated %s (%s)", ratings_user_name(r, u),
		 ratings_item_title(r, i), metric);
	view *v = view_table(title, (int)m, 4);
	if (!v) {
		free(list);
		return ll_fail(err, "out of memory");
	}
	const char *h[] = { "user", "similarity", "co-rated", "rating" };
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
	char s[400];
	snprintf(s, sizeof s, "Similarity-weighted average: %.2f; plain average of the ratings of %s: "
		 "%.2f; global mean: %.2f.", avg, ratings_item_title(r, i), plain, ratings_mean(r));
	*out = v;
	view_append(out, view_text(NULL, s));
	lab_last_num(l, "weighted", avg);
	lab_last_num(l, "plain", plain);
	lab_last_num(l, "neighbours", (double)m);
	lab_result(l, avg);
	return 0;
}

const lab_cmd lab_cmds_foldin[] = {
	{ "setvec", "NAME VALUE... [model=NAME]", 2, -1, { ARG_NAME, ARG_NUMBER, ARG_NUMBER, ARG_NUMBER }, NULL, model_opt, 0,
	  "write a latent vector by hand",
	  "setvec Avengers 0.1\n"
	  "setvec Cheolsu 0.5 -0.2     (one value per factor: k of them)\n"
	  "Overwrites the current model's vector of a user or movie, so a lesson can\n"
	  "start SGD from chosen values (train sgd k=1 init=given epochs=0 first).",
	  run_setvec },
	{ "foldin", "USER [model=NAME]", 1, 1, { ARG_USER }, NULL, model_opt, 0,
	  "solve a user's vector from their ratings, movies held fixed",
	  "foldin Jisu\n"
	  "One regularized least-squares solve from the user's ratings with every movie's\n"
	  "vector fixed (what a new user gets without retraining). The vector is stored in\n"
	  "the model, so predict, recommend, vector and cos use it. Sets last.norm,\n"
	  "last.moved (how far the vector moved) and last.ratings.",
	  run_foldin },
	{ "coldstart", "USER likes ITEM... [rating=5] [n=5] [model=NAME]", 3, -1,
	  { ARG_USER, ARG_WORD, ARG_ITEM, ARG_ITEM }, "likes", coldstart_opts, 0,
	  "onboarding: rate a few liked movies, fold in, recommend",
	  "coldstart Jisu likes Frozen Rapunzel Titanic\n"
	  "Rates each movie (5 stars unless rating= says otherwise), folds the user's\n"
	  "vector in from those ratings and recommends n movies.",
	  run_coldstart },
	{ "tug", "ITEM [model=NAME]", 1, 1, { ARG_ITEM }, NULL, model_opt, 0,
	  "how hard each rater pulls a movie's vector",
	  "tug Notebook\n"
	  "For everyone who rated the movie: the error of the current model and the\n"
	  "length of their vector. SGD moves the movie by lr x error x user's vector, so\n"
	  "their product (the pull) says who moves it most. Sets last.strongest,\n"
	  "last.strength, last.n_toward, last.n_away, last.toward, last.away.",
	  run_tug },
	{ "weights", "[model=NAME]", 0, 0, { 0 }, NULL, model_opt, 0,
	  "count exact zeros and sizes of a model's weights",
	  "weights\nHow many of the factors are exactly 0 (L1 makes some), their mean and\n"
	  "largest size. Sets last.zeros, last.zero_share, last.mean_abs, last.largest.",
	  run_weights },
	{ "content", "USER ITEM", 2, 2, { ARG_USER, ARG_ITEM }, NULL, NULL, 0,
	  "a guess from genres alone",
	  "content Minsu Avengers\n"
	  "The user's own ratings, each weighted by the share of genres its movie has in\n"
	  "common with ITEM (Jaccard): a content-based prediction, no other users needed.",
	  run_content },
	{ "neighbours", "USER ITEM [metric=msd] [n=N]", 2, 2, { ARG_USER, ARG_ITEM }, NULL,
	  neighbours_opts, 0, "the similarity-weighted average of the neighbours' ratings",
	  "neighbours Minsu Avengers metric=msd\n"
	  "Everyone who rated ITEM and shares a rating with USER, their similarity and\n"
	  "rating, and the average weighted by similarity (user-based KNN's guess),\n"
	  "beside the plain average and the global mean. Sets last.weighted, last.plain.",
	  run_neighbours },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

/* cmd_neighbours.c: the neighbours' guess worked by hand: everyone who
 * rated the movie and shares a rating with the user, their similarity, and
 * the similarity-weighted average (user-based KNN). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine/neighbours/sim.h"
#include "lab/lab_impl.h"


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

const lab_cmd lab_cmds_neighbours[] = {
	{ "neighbours", "USER ITEM [metric=msd] [n=N]", 2, 2, { ARG_USER, ARG_ITEM }, NULL,
	  neighbours_opts, 0, "the similarity-weighted average of the neighbours' ratings",
	  "neighbours Minsu Avengers metric=msd\n"
	  "Everyone who rated ITEM and shares a rating with USER, their similarity and\n"
	  "rating, and the average weighted by similarity (user-based KNN's guess),\n"
	  "beside the plain average and the global mean. Sets last.weighted, last.plain.",
	  run_neighbours },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

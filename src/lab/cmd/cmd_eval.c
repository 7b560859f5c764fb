/* cmd_eval.c: eval, the current model on the split (compare, several models
 * side by side, is in cmd_compare.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/algo.h"
#include "engine/model/metrics.h"
#include "engine/core/intl.h"
#include "lab/lab_impl.h"
#include "lab/split_words.h"

static const lab_opt eval_opts_spec[] = {
	{ "model", OPT_STR, NULL, N_("the model to evaluate (default: the current one)"), NULL },
	{ "threshold", OPT_NUM, "4", N_("ratings at least this count as relevant (precision, recall)"), NULL },
	{ "users", OPT_INT, NULL, N_("ranking metrics on this many test users only, drawn by the "
	  "session seed (faster)"), NULL },
	{ "max_ratings", OPT_INT, NULL, N_("rmse, mae: only the test ratings whose user (or item, "
	  "cold=items) has at most this many training ratings"), NULL },
	{ "cold", OPT_WORD, "users", N_("with max_ratings=: count the training ratings of each test "
	  "rating's user or item"), "users|items" },
	{ NULL, 0, NULL, NULL, NULL },
};

/* "hr@10" -> "hr", 10. */
static int metric_parse(const char *w, char *name, size_t size, int *k)
{
	const char *at = strchr(w, '@');
	size_t len = at ? (size_t)(at - w) : strlen(w);
	if (len >= size)
		return -1;
	memcpy(name, w, len);
	name[len] = '\0';
	*k = 10;
	if (at) {
		char *end;
		long v = strtol(at + 1, &end, 10);
		if (*end || v < 1 || v > 100000)
			return -1;
		*k = (int)v;
	}
	static const char *known[] = { "rmse", "mae", "hr", "ndcg", "precision", "recall", "coverage" };
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (strcmp(name, known[i]) == 0)
			return (i < 2 && at) ? -1 : 0;
	return -1;
}

static int run_eval(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	const ratings *train = lab_train_set(l), *test = lab_test_set(l);
	if (!test)
		return ll_fail(err, "eval: no test ratings: split first (split holdout frac=0.2)");
	if (!lm->on_split)
		return ll_fail(err, "eval: model '%s' was trained before this split, on ratings its "
			       "test part holds: train it again", lm->name);
	const algo *a = algo_find(lm->algo);
	int rank_only = a && a->ranking_only;
	static const char *dflt_rating[] = { "rmse", "mae" }, *dflt_rank[] = { "hr@10", "ndcg@10" };
	int n = c->argc;
	const char **words = malloc(((size_t)n + 2) * sizeof *words);
	if (!words)
		return ll_fail(err, "out of memory");
	for (int i = 0; i < n; i++)
		words[i] = c->argv[i].text;
	if (n == 0) {
		words[0] = rank_only ? dflt_rank[0] : dflt_rating[0];
		words[1] = rank_only ? dflt_rank[1] : dflt_rating[1];
		n = 2;
	}
	const split_fold *f = split_get(l->split, 0);
	char title[400], sw[80];
	snprintf(title, sizeof title, _("Model %s on %s (%zu test ratings)"), lm->name,
		 lab_split_words(l->split, sw, sizeof sw), ratings_count(test));
	view *v = view_table(title, n, 2);
	view_table_header(v, 0, _("metric"), 'l');
	view_table_header(v, 1, _("value"), 'r');
	double threshold = lab_opt_num(c, "threshold", 4);
	/* users=N: the ranking metrics on a seeded sample of the test users. */
	long users = lab_opt_long(c, "users", 0);
	ratings *sub = NULL;
	int n_sampled = 0;
	if (users < 0) {
		free(words);
		view_free(&v);
		return ll_fail(err, "eval: users must be at least 1");
	}
	if (users > 0) {
		int *pick = NULL;
		n_sampled = lab_sample_users(test, (int)users, l->seed, &pick);
		sub = n_sampled >= 0 ? lab_test_sample(test, pick, n_sampled, err) : NULL;
		free(pick);
		if (!sub) {
			free(words);
			view_free(&v);
			return n_sampled < 0 ? ll_fail(err, "out of memory") : -1;
		}
	}
	const ratings *rank_test = sub ? sub : test;
	/* max_ratings=N: the rating metrics on the cold part of the test only. */
	long max_ratings = lab_opt_given(c, "max_ratings") ? lab_opt_long(c, "max_ratings", 0) : -1;
	int cold_items = !strcmp(lab_opt_str(c, "cold", "users"), "items");
	size_t n_cold = 0;
	if (lab_opt_given(c, "max_ratings") && max_ratings < 0) {
		free(words);
		view_free(&v);
		ratings_free(&sub);
		return ll_fail(err, "eval: max_ratings must be 0 or more");
	}
	if (lab_opt_given(c, "cold") && max_ratings < 0) {
		free(words);
		view_free(&v);
		ratings_free(&sub);
		return ll_fail(err, "eval: cold= goes with max_ratings=N");
	}
	for (int i = 0; i < n; i++) {
		char name[32];
		int k;
		if (metric_parse(words[i], name, sizeof name, &k) < 0) {
			if (i < c->argc)
				l->err_col = c->argv[i].col;
			ll_fail(err, "eval: unknown metric '%s' (rmse, mae, hr@K, ndcg@K, "
				"precision@K, recall@K, coverage@K)", words[i]);
			free(words); /* after the message, which quotes one of them */
			view_free(&v);
			ratings_free(&sub);
			return -1;
		}
		double val = NAN;
		if (!strcmp(name, "rmse") || !strcmp(name, "mae")) {
			if (rank_only) {
				free(words);
				view_free(&v);
				ratings_free(&sub);
				return ll_fail(err, "eval: %s ranks items but does not predict ratings, "
					       "so it has no %s (try hr@10)", lm->algo, name);
			}
			double rmse, mae;
			if ((max_ratings >= 0 ? metrics_rating_cold(lm->m, train, test, cold_items,
								   max_ratings, &rmse, &mae, &n_cold, err)
					      : metrics_rating(lm->m, test, &rmse, &mae, err)) < 0) {
				free(words);
				view_free(&v);
				ratings_free(&sub);
				return ll_prefix(err, "eval: ");
			}
			val = !strcmp(name, "rmse") ? rmse : mae;
		} else if (max_ratings >= 0) {
			if (i < c->argc)
				l->err_col = c->argv[i].col;
			ll_fail(err, "eval: max_ratings= measures rmse and mae only, not '%s'", words[i]);
			free(words);
			view_free(&v);
			ratings_free(&sub);
			return -1;
		} else {
			metrics_ranking mr;
			int rc;
			if (f->negatives)
				rc = metrics_loo(lm->m, train, rank_test, f->negatives, f->n_neg, k, 0, &mr, err);
			else
				rc = metrics_topk(lm->m, train, rank_test, k, threshold, &mr, err);
			if (rc < 0) {
				free(words);
				view_free(&v);
				ratings_free(&sub);
				return ll_prefix(err, "eval: ");
			}
			if (!strcmp(name, "hr"))
				val = f->negatives ? mr.hr : mr.hr_full;
			else if (!strcmp(name, "ndcg"))
				val = f->negatives ? mr.ndcg : mr.ndcg_full;
			else if (!strcmp(name, "precision"))
				val = mr.precision;
			else if (!strcmp(name, "recall"))
				val = mr.recall;
			else
				val = mr.coverage;
		}
		view_table_set(v, i, 0, "%s", words[i]);
		if (isnan(val))
			view_table_set(v, i, 1, "n/a");
		else
			view_table_set(v, i, 1, "%.4f", val);
		lab_last_num(l, words[i], val);
		lab_last_num(l, name, val);
		if (i == 0)
			lab_result(l, val);
	}
	free(words);
	*out = v;
	if (max_ratings >= 0) {
		char s[600];
		snprintf(s, sizeof s, cold_items
			 ? _("Measured on the %zu test ratings whose item has at most %ld training ratings.")
			 : _("Measured on the %zu test ratings whose user has at most %ld training ratings."),
			 n_cold, max_ratings);
		view_append(out, view_text(NULL, s));
		lab_last_num(l, "cold_ratings", (double)n_cold);
	}
	if (sub) {
		char s[400];
		snprintf(s, sizeof s, _("Ranking measured on %d test users drawn by seed %lu."), n_sampled,
			 l->seed);
		view_append(out, view_text(NULL, s));
		ratings_free(&sub);
	}
	if (!f->negatives) {
		int ranked = 0;
		for (int i = 0; i < c->argc; i++)
			if (strncmp(c->argv[i].text, "hr", 2) == 0 || strncmp(c->argv[i].text, "ndcg", 4) == 0)
				ranked = 1;
		if (ranked)
			view_append(out, view_text(NULL, _("HR and NDCG rank each relevant test item "
						   "against every item the user has not rated "
						   "('split loo' gives the sampled NCF protocol).")));
	}
	return 0;
}

const lab_cmd lab_cmds_eval[] = {
	{ "eval", "[METRIC]... [model=NAME]", 0, -1, { ARG_METRIC }, NULL, eval_opts_spec, 0,
	  N_("measure the current model on the test part of the split"),
	  N_("eval rmse mae hr@10 ndcg@10\n"
	  "rmse, mae: errors of predicted ratings on the test ratings\n"
	  "hr@K, ndcg@K: where the held-out items rank (with 'split loo', against 99\n"
	  "sampled negatives, as in the NCF paper; otherwise against all unrated items)\n"
	  "precision@K, recall@K, coverage@K: of each user's top K\n"
	  "users=N ranks only N test users drawn by the session seed (faster).\n"
	  "max_ratings=N measures rmse and mae only on the test ratings whose user has at\n"
	  "most N training ratings (cold=items: whose item has), how a model does for\n"
	  "newcomers and rarely rated movies; sets last.cold_ratings (how many counted;\n"
	  "with none, the metrics are n/a).\n"
	  "Sets last.rmse, last.hr, ... (and last.hr@10)."),
	  run_eval },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

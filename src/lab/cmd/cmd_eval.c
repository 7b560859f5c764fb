/* cmd_eval.c: eval (the current model on the split) and compare (several
 * algorithms over every fold of the split, through the engine's driver). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/algo.h"
#include "engine/eval/eval.h"
#include "engine/model/metrics.h"
#include "lab/lab_impl.h"

static const lab_opt eval_opts_spec[] = {
	{ "model", OPT_STR, NULL, "the model to evaluate (default: the current one)", NULL },
	{ "threshold", OPT_NUM, "4", "ratings at least this count as relevant (precision, recall)", NULL },
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
	char title[200];
	snprintf(title, sizeof title, "Model %s on %s (%zu test ratings)", lm->name,
		 split_describe(l->split), ratings_count(test));
	view *v = view_table(title, n, 2);
	view_table_header(v, 0, "metric", 'l');
	view_table_header(v, 1, "value", 'r');
	double threshold = lab_opt_num(c, "threshold", 4);
	for (int i = 0; i < n; i++) {
		char name[32];
		int k;
		if (metric_parse(words[i], name, sizeof name, &k) < 0) {
			if (i < c->argc)
				l->err_col = c->argv[i].col;
			free(words);
			view_free(&v);
			return ll_fail(err, "eval: unknown metric '%s' (rmse, mae, hr@K, ndcg@K, "
				       "precision@K, recall@K, coverage@K)", words[i]);
		}
		double val = NAN;
		if (!strcmp(name, "rmse") || !strcmp(name, "mae")) {
			if (rank_only) {
				free(words);
				view_free(&v);
				return ll_fail(err, "eval: %s ranks items but does not predict ratings, "
					       "so it has no %s (try hr@10)", lm->algo, name);
			}
			double rmse, mae;
			if (metrics_rating(lm->m, test, &rmse, &mae, err) < 0) {
				free(words);
				view_free(&v);
				return ll_prefix(err, "eval: ");
			}
			val = !strcmp(name, "rmse") ? rmse : mae;
		} else {
			metrics_ranking mr;
			int rc;
			if (f->negatives)
				rc = metrics_loo(lm->m, train, test, f->negatives, f->n_neg, k, 0, &mr, err);
			else
				rc = metrics_topk(lm->m, train, test, k, threshold, &mr, err);
			if (rc < 0) {
				free(words);
				view_free(&v);
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
	if (!f->negatives) {
		int ranked = 0;
		for (int i = 0; i < c->argc; i++)
			if (strncmp(c->argv[i].text, "hr", 2) == 0 || strncmp(c->argv[i].text, "ndcg", 4) == 0)
				ranked = 1;
		if (ranked)
			view_append(out, view_text(NULL, "HR and NDCG rank each relevant test item "
						   "against every item the user has not rated "
						   "('split loo' gives the sampled NCF protocol)."));
	}
	return 0;
}

/* Options of one algorithm: plain key=value words apply to all, ALGO.key=value
 * only to that algorithm. */
static params *algo_params(const lab_call *c, const char *algo_name, int with_seed,
			   char **drop, int n_drop)
{
	params *p = params_new();
	size_t an = strlen(algo_name);
	for (int i = 1; p && i < c->words->n; i++) {
		const lab_word *w = &c->words->w[i];
		if (!w->key || lab_cmd_opt(c->cmd, w->key))
			continue;
		const char *dot = strchr(w->key, '.');
		int dropped = 0;
		for (int j = 0; j < n_drop; j++)
			dropped |= strcmp(drop[j], w->key) == 0;
		if (!dot && !dropped)
			params_set(p, w->key, w->value);
		else if ((size_t)(dot - w->key) == an && strncmp(w->key, algo_name, an) == 0)
			params_set(p, dot + 1, w->value);
	}
	if (p && with_seed && !params_str(p, "seed", NULL) && !lab_opt_given(c, "seed")) {
		char s[32];
		snprintf(s, sizeof s, "%lu", c->l->seed);
		params_set(p, "seed", s);
	}
	return p;
}

static void eval_cancel_progress(void *ctx, int fold, int n_folds, const char *name)
{
	lab *l = ctx;
	if (l->progress && fold < n_folds) {
		char what[64];
		snprintf(what, sizeof what, "%s", name ? name : "fold");
		l->progress(l->progress_ctx, (double)fold / n_folds, NAN, what);
	}
}

static const lab_opt compare_opts[] = {
	{ "cutoff", OPT_INT, NULL, "K of hr@K and ndcg@K (default 10); other key=value "
	  "options go to every algorithm, ALGO.key=value to one", NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_compare(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	view *views = NULL;
	if (!l->split) {
		split *s = split_holdout(r, 0.2, l->seed, err);
		if (!s)
			return ll_prefix(err, "compare: ");
		char cmd[100];
		snprintf(cmd, sizeof cmd, "split holdout frac=0.2 seed=%lu", l->seed);
		lab_set_split(l, s, cmd);
		char msg[200];
		snprintf(msg, sizeof msg, "No split yet, so: %s.", cmd);
		views = view_text(NULL, msg);
	}
	for (int i = 0; i < c->argc; i++)
		if (!algo_find(c->argv[i].text)) {
			view_free(&views);
			l->err_col = c->argv[i].col;
			int n;
			const algo *t = algo_table(&n);
			const char *best = NULL;
			int bd = 3;
			for (int j = 0; j < n; j++) {
				int d = ll_edit_distance(c->argv[i].text, t[j].name);
				if (d < bd)
					bd = d, best = t[j].name;
			}
			if (best)
				return ll_fail(err, "compare: unknown algorithm '%s' (did you mean '%s'?)",
					       c->argv[i].text, best);
			return ll_fail(err, "compare: unknown algorithm '%s' (see 'help train')",
				       c->argv[i].text);
		}
	eval_opts eo;
	eval_opts_init(&eo);
	eo.k = (int)lab_opt_long(c, "cutoff", 10);
	eo.progress = eval_cancel_progress;
	eo.progress_ctx = l;
	eo.epoch_progress = lab_model_progress;
	eo.epoch_ctx = l;
	eo.cancel = l->cancel;
	int n = c->argc;
	eval_result **res = calloc((size_t)n + 1, sizeof *res);
	if (!res) {
		view_free(&views);
		return ll_fail(err, "out of memory");
	}
	int rc = 0, any_rating = 0, any_rank = 0, done = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		const char *name = c->argv[i].text;
		/* Options for all (epochs=20) go to the algorithms that take them:
		 * one an algorithm does not know is dropped for it, and so is the
		 * session seed. A mistyped ALGO.option is still an error. */
		char *drop[16];
		int n_drop = 0, seeded = 1;
		ll_error e2;
		for (;;) {
			params *p = algo_params(c, name, seeded, drop, n_drop);
			res[i] = eval_run(name, p, l->split, &eo, &e2);
			params_free(&p);
			if (res[i])
				break;
			char key[64];
			if (sscanf(e2.msg, "unknown option '%63[^']'", key) != 1 &&
			    !(strstr(e2.msg, "unknown option '") &&
			      sscanf(strstr(e2.msg, "unknown option '"), "unknown option '%63[^']'", key) == 1))
				break;
			if (!strcmp(key, "seed") && seeded && !lab_opt_given(c, "seed")) {
				seeded = 0;
				continue;
			}
			int shared = 0;
			for (int j = 1; j < c->words->n; j++)
				if (c->words->w[j].key && !strcmp(c->words->w[j].key, key))
					shared = 1;
			if (!shared || n_drop == 16)
				break;
			drop[n_drop++] = strdup(key);
		}
		for (int j = 0; j < n_drop; j++)
			free(drop[j]);
		if (!res[i]) {
			l->err_col = c->argv[i].col;
			rc = ll_fail(err, "compare: %s: %s", name, e2.msg);
			break;
		}
		done++;
		any_rating |= res[i]->has_rating;
		any_rank |= res[i]->has_sampled || res[i]->has_full;
		if (res[i]->cancelled)
			break;
	}
	if (rc == 0) {
		int cols = 1 + 2 * any_rating + 2 * any_rank + 1, col;
		char title[200];
		snprintf(title, sizeof title, "Compared on %s", split_describe(l->split));
		view *t = view_table(title, done, cols);
		view_table_header(t, 0, "algorithm", 'l');
		col = 1;
		char hk[32], nk[32];
		snprintf(hk, sizeof hk, "HR@%d", eo.k);
		snprintf(nk, sizeof nk, "NDCG@%d", eo.k);
		if (any_rating) {
			view_table_header(t, col++, "RMSE", 'r');
			view_table_header(t, col++, "MAE", 'r');
		}
		if (any_rank) {
			view_table_header(t, col++, hk, 'r');
			view_table_header(t, col++, nk, 'r');
		}
		view_table_header(t, col, "fit s", 'r');
		/* The chart shows the ranking when there is one (the split is
		 * leave-one-out or the algorithms rank), else the RMSE. */
		char bt[64];
		if (any_rank)
			snprintf(bt, sizeof bt, "%s (higher is better)", hk);
		else
			snprintf(bt, sizeof bt, "Test RMSE (lower is better)");
		view *bar = view_bar(bt, done, "%.4f");
		for (int i = 0; i < done; i++) {
			const eval_result *e = res[i];
			const eval_fold *m = &e->mean;
			double hr = e->has_sampled ? m->rank.hr : m->rank.hr_full;
			double nd = e->has_sampled ? m->rank.ndcg : m->rank.ndcg_full;
			col = 0;
			view_table_set(t, i, col++, "%s%s", e->algo, e->cancelled ? " (stopped)" : "");
			if (any_rating) {
				if (e->has_rating) {
					view_table_set(t, i, col++, "%.4f", m->rmse);
					view_table_set(t, i, col++, "%.4f", m->mae);
				} else {
					view_table_set(t, i, col++, "-");
					view_table_set(t, i, col++, "-");
				}
			}
			if (any_rank) {
				view_table_set(t, i, col++, isnan(hr) ? "-" : "%.4f", hr);
				view_table_set(t, i, col++, isnan(nd) ? "-" : "%.4f", nd);
			}
			view_table_set(t, i, col, "%.2f", e->total_seconds);
			if (bar) {
				bar->u.bar.labels[i] = strdup(e->algo);
				bar->u.bar.values[i] = any_rank ? hr : e->has_rating ? m->rmse : NAN;
			}
			char key[96];
			snprintf(key, sizeof key, "rmse.%s", e->algo);
			lab_last_num(l, key, m->rmse);
			snprintf(key, sizeof key, "hr.%s", e->algo);
			lab_last_num(l, key, hr);
		}
		view_append(&views, t);
		view_append(&views, bar);
		if (done > 0)
			lab_result(l, any_rank ? (res[0]->has_sampled ? res[0]->mean.rank.hr
								      : res[0]->mean.rank.hr_full)
					       : res[0]->mean.rmse);
		*out = views;
		views = NULL;
	}
	for (int i = 0; i < n; i++)
		eval_result_free(&res[i]);
	free(res);
	view_free(&views);
	return rc;
}

const lab_cmd lab_cmds_eval[] = {
	{ "eval", "[METRIC]... [model=NAME]", 0, -1, { ARG_METRIC }, NULL, eval_opts_spec, 0,
	  "measure the current model on the test part of the split",
	  "eval rmse mae hr@10 ndcg@10\n"
	  "rmse, mae: errors of predicted ratings on the test ratings\n"
	  "hr@K, ndcg@K: where the held-out items rank (with 'split loo', against 99\n"
	  "sampled negatives, as in the NCF paper; otherwise against all unrated items)\n"
	  "precision@K, recall@K, coverage@K: of each user's top K\n"
	  "Sets last.rmse, last.hr, ... (and last.hr@10).",
	  run_eval },
	{ "compare", "ALGO... [OPTION=VALUE] [ALGO.OPTION=VALUE]", 1, -1, { ARG_ALGO }, NULL,
	  compare_opts, 1, "train and measure several algorithms on the split",
	  "compare pop baseline sgd als sgd.k=8 epochs=20\n"
	  "Each algorithm is trained on every fold of the split (a holdout of 20% when\n"
	  "there is none) and measured; the table shows the means over folds.",
	  run_compare },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

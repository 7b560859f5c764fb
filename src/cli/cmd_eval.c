/* cmd_eval.c: `latentlab eval`: fit one algorithm over a split and print
 * per-fold and mean metrics as text, CSV or JSON. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/format.h"
#include "engine/algo.h"
#include "engine/core/intl.h"
#include "engine/eval/eval.h"
#include "engine/data/load.h"
#include "engine/data/split.h"
#include "lab/dataset.h"
#include "lab/view/uwidth.h"

int cli_eval(int argc, char **argv);

static void usage(FILE *out)
{
	fmt_wrap_hang(out, _("Usage: latentlab eval --data PATH --algo NAME [SPLIT] [OPTION]... [KEY=VALUE]...\n"
		"Fit an algorithm on each training part of a split and measure it on the\n"
		"test part: RMSE and MAE of predicted ratings, and HR@K and NDCG@K of the\n"
		"held-out item among sampled negatives for leave-one-out.\n"
		"\n"
		"  -d, --data PATH    a dataset folder or file; 'toy' is the bundled toy data,\n"
		"                     a bare name such as 'ml-100k' is also looked up in\n"
		"                     $LATENTLAB_DATA\n"
		"  -a, --algo NAME    the algorithm (see below)\n"
		"Split (default: MovieLens's u1-u5 when the folder has them, else --cv 5):\n"
		"  --folds SPEC       MovieLens ml-100k folds: u1-u5, u1, ua, ub, ua,ub\n"
		"  --cv K             K-fold cross-validation\n"
		"  --holdout F        a random share F of the ratings is the test part\n"
		"  --loo              leave the latest rating of each user out\n"
		"  --negatives N      sampled negatives per user for --loo (default 99)\n"
		"Options:\n"
		"  --seed N           seed for the split and the model (default 0)\n"
		"  --k K              cutoff for HR@K, NDCG@K, precision@K (default 10)\n"
		"  --full             also rank against every item the user has not rated:\n"
		"                     HR/NDCG over the full item set, precision@K, recall@K\n"
		"                     (relevant: test ratings >= --threshold) and coverage\n"
		"  --threshold R      relevance threshold for --full (default 4)\n"
		"  --max-ratings N    also RMSE and MAE on the cold part of the test: the test\n"
		"                     ratings whose user has at most N training ratings\n"
		"                     (columns test_cold, rmse_cold, mae_cold)\n"
		"  --cold users|items whose training ratings --max-ratings counts (users)\n"
		"  -f, --format FMT   text (default), csv or json\n"
		"  -h, --help         display this help and exit\n"
		"  -V, --version      output version information and exit\n"
		"KEY=VALUE sets an option of the algorithm (for example reg_u=15 epochs=10).\n"
		"\n"
		"Algorithms:\n"), FMT_WIDTH);
	cli_print_algorithms(out);
	fmt_wrap_hang(out, _("\n"
		"MovieLens is not shipped with latentlab (its licence forbids\n"
		"redistribution): download it from https://grouplens.org/datasets/movielens/\n"
		"and set LATENTLAB_DATA to the folder that holds ml-100k/.\n"
		"\n"
		"Example: latentlab eval --data $LATENTLAB_DATA/ml-100k --algo baseline --folds u1-u5\n"),
	      FMT_WIDTH);
}


typedef struct opts {
	const char *data, *algo, *folds, *format;
	int cv, loo, negatives, k, full, cold_items;
	long max_ratings;
	double holdout, threshold;
	unsigned long seed;
	int seed_given, splits, negatives_given, cold_given;
	params *p;
} opts;

static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int on_opt(void *ctx, const char *name, const char *v)
{
	opts *o = ctx;
	long l;
	char *end;
	if (!strcmp(name, "data")) {
		o->data = v;
	} else if (!strcmp(name, "algo")) {
		o->algo = v;
	} else if (!strcmp(name, "folds")) {
		o->folds = v, o->splits++;
	} else if (!strcmp(name, "cv")) {
		if (parse_long(v, 2, 255, &l) < 0)
			return cli_usage_error("eval", "--cv needs a number of folds from 2 to 255, not '%s'", v);
		o->cv = (int)l, o->splits++;
	} else if (!strcmp(name, "holdout")) {
		errno = 0;
		o->holdout = strtod(v, &end);
		if (end == v || *end || !(o->holdout > 0 && o->holdout < 1))
			return cli_usage_error("eval", "--holdout needs a fraction between 0 and 1, not '%s'", v);
		o->splits++;
	} else if (!strcmp(name, "loo")) {
		o->loo = 1, o->splits++;
	} else if (!strcmp(name, "negatives")) {
		if (parse_long(v, 0, 100000, &l) < 0)
			return cli_usage_error("eval", "--negatives needs a number from 0 to 100000, not '%s'", v);
		o->negatives = (int)l, o->negatives_given = 1;
	} else if (!strcmp(name, "seed")) {
		if (parse_long(v, 0, 4294967295L, &l) < 0)
			return cli_usage_error("eval", "--seed needs a whole number >= 0, not '%s'", v);
		o->seed = (unsigned long)l, o->seed_given = 1;
	} else if (!strcmp(name, "k")) {
		if (parse_long(v, 1, 100000, &l) < 0)
			return cli_usage_error("eval", "--k needs a cutoff of at least 1, not '%s'", v);
		o->k = (int)l;
	} else if (!strcmp(name, "full")) {
		o->full = 1;
	} else if (!strcmp(name, "threshold")) {
		o->threshold = strtod(v, &end);
		if (end == v || *end || !isfinite(o->threshold))
			return cli_usage_error("eval", "--threshold needs a rating, not '%s'", v);
	} else if (!strcmp(name, "max-ratings")) {
		if (parse_long(v, 0, 1000000000L, &l) < 0)
			return cli_usage_error("eval", "--max-ratings needs a number of ratings >= 0, not '%s'", v);
		o->max_ratings = l;
	} else if (!strcmp(name, "cold")) {
		if (strcmp(v, "users") && strcmp(v, "items"))
			return cli_usage_error("eval", "--cold is users or items, not '%s'", v);
		o->cold_items = !strcmp(v, "items");
		o->cold_given = 1;
	} else if (!strcmp(name, "format")) {
		o->format = v;
	}
	return 0;
}

static const cli_opt eval_cli_opts[] = {
	{ "data", 'd', "DATA" },
	{ "algo", 'a', "ALGO" },
	{ "folds", 0, "FOLDS" },
	{ "cv", 0, "CV" },
	{ "holdout", 0, "HOLDOUT" },
	{ "loo", 0, NULL },
	{ "negatives", 0, "NEGATIVES" },
	{ "seed", 0, "SEED" },
	{ "k", 0, "K" },
	{ "full", 0, NULL },
	{ "threshold", 0, "THRESHOLD" },
	{ "max-ratings", 0, "N" },
	{ "cold", 0, "SIDE" },
	{ "format", 'f', "FORMAT" },
	{ NULL, 0, NULL },
};

static int parse_args(int argc, char **argv, opts *o)
{
	int first;
	const cli_spec spec = { "eval", eval_cli_opts, usage, on_opt, o };
	int prc = cli_parse(&spec, argc, argv, &first);
	if (prc != CLI_GO)
		return prc == CLI_OK ? -1 : prc;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (strchr(a, '=')) {
			ll_error err;
			if (params_set_kv(o->p, a, &err) < 0)
				return cli_usage_error("eval", "%s", err.msg);
		} else {
			return cli_usage_error("eval", "unexpected argument '%s' (options of the algorithm are KEY=VALUE)", a);
		}
	}
	if (o->splits > 1)
		return cli_usage_error("eval", "%s", "give one split: --folds, --cv, --holdout or --loo");
	if (o->negatives_given && !o->loo)
		return cli_usage_error("eval", "%s", "--negatives goes with --loo");
	if (o->cold_given && o->max_ratings < 0)
		return cli_usage_error("eval", "%s", "--cold goes with --max-ratings N");
	if (!o->data)
		return cli_usage_error("eval", "%s", "missing --data PATH (try --data toy)");
	if (!o->algo)
		return cli_usage_error("eval", "%s", "missing --algo NAME (try --algo baseline)");
	return 0;
}

/* Give the split seed to the model too, when it takes one and none was set. */
static void share_seed(opts *o)
{
	if (params_str(o->p, "seed", NULL))
		return;
	params *probe = params_clone(o->p);
	char s[32];
	snprintf(s, sizeof s, "%lu", o->seed);
	if (!probe || params_set(probe, "seed", s) < 0) {
		params_free(&probe);
		return;
	}
	ll_error err;
	model *m = model_new(o->algo, probe, &err);
	if (m)
		params_set(o->p, "seed", s);
	model_free(&m);
	params_free(&probe);
}

static split *make_split(const opts *o, const ratings *r, const char *path, ll_error *err)
{
	if (o->folds) {
		if (!cli_is_dir(path) || !split_has_movielens_folds(path)) {
			ll_fail(err, "--folds needs an ml-100k folder with u1.base..u5.test; %s has none",
				path);
			return NULL;
		}
		return split_movielens(r, path, o->folds, err);
	}
	if (o->cv)
		return split_kfold(r, o->cv, o->seed, err);
	if (o->holdout > 0)
		return split_holdout(r, o->holdout, o->seed, err);
	if (o->loo)
		return split_loo(r, o->negatives, o->seed, err);
	if (cli_is_dir(path) && split_has_movielens_folds(path))
		return split_movielens(r, path, "u1-u5", err);
	return split_kfold(r, 5, o->seed, err);
}

static void on_fold(void *ctx, int fold, int n, const char *name)
{
	if (fold < n)
		fprintf(stderr, "\rlatentlab eval: fitting %s (%d of %d)...", name, fold + 1, n);
	else
		fputs("\r\033[K", stderr);
}

/* Metric columns, shared by the text/CSV table and the JSON object. */
typedef struct metric {
	char name[32];
	int decimals;
	double (*get)(const eval_fold *f);
} metric;

static double g_rmse(const eval_fold *f) { return f->rmse; }
static double g_mae(const eval_fold *f) { return f->mae; }
static double g_hr(const eval_fold *f) { return f->rank.hr; }
static double g_ndcg(const eval_fold *f) { return f->rank.ndcg; }
static double g_hrf(const eval_fold *f) { return f->rank.hr_full; }
static double g_ndcgf(const eval_fold *f) { return f->rank.ndcg_full; }
static double g_prec(const eval_fold *f) { return f->rank.precision; }
static double g_rec(const eval_fold *f) { return f->rank.recall; }
static double g_cov(const eval_fold *f) { return f->rank.coverage; }
static double g_fit(const eval_fold *f) { return f->fit_seconds; }
static double g_ncold(const eval_fold *f) { return (double)f->n_cold; }
static double g_rmsec(const eval_fold *f) { return f->rmse_cold; }
static double g_maec(const eval_fold *f) { return f->mae_cold; }

static int metric_list(const eval_result *r, int k, metric *m)
{
	int n = 0;
	if (r->has_rating) {
		m[n++] = (metric){ "rmse", 4, g_rmse };
		m[n++] = (metric){ "mae", 4, g_mae };
	}
	if (r->has_cold) {
		m[n++] = (metric){ "test_cold", 0, g_ncold };
		m[n++] = (metric){ "rmse_cold", 4, g_rmsec };
		m[n++] = (metric){ "mae_cold", 4, g_maec };
	}
	if (r->has_sampled) {
		m[n] = (metric){ "", 4, g_hr };
		snprintf(m[n++].name, 32, "hr@%d", k);
		m[n] = (metric){ "", 4, g_ndcg };
		snprintf(m[n++].name, 32, "ndcg@%d", k);
	}
	if (r->has_full) {
		m[n] = (metric){ "", 4, g_hrf };
		snprintf(m[n++].name, 32, "hr@%d_full", k);
		m[n] = (metric){ "", 4, g_ndcgf };
		snprintf(m[n++].name, 32, "ndcg@%d_full", k);
		m[n] = (metric){ "", 4, g_prec };
		snprintf(m[n++].name, 32, "precision@%d", k);
		m[n] = (metric){ "", 4, g_rec };
		snprintf(m[n++].name, 32, "recall@%d", k);
		m[n] = (metric){ "", 4, g_cov };
		snprintf(m[n++].name, 32, "coverage@%d", k);
	}
	m[n++] = (metric){ "fit_seconds", 3, g_fit };
	return n;
}

static void table_row(fmt_table *t, const eval_fold *f, const metric *m, int nm, int is_mean)
{
	fmt_table_row(t);
	fmt_table_text(t, f->name);
	fmt_table_int(t, (long)f->n_train);
	fmt_table_int(t, (long)f->n_test);
	for (int i = 0; i < nm; i++)
		fmt_table_num(t, m[i].get(f), m[i].decimals);
	(void)is_mean;
}

static void print_params(FILE *out, params *p)
{
	if (!params_count(p)) {
		fputs("defaults", out);
		return;
	}
	for (int i = 0; i < params_count(p); i++)
		fprintf(out, "%s%s=%s", i ? " " : "", params_key(p, i), params_value(p, i));
}

static void print_json(const opts *o, const char *path, const ratings *r, const eval_result *res,
		       const metric *m, int nm)
{
	fmt_json j;
	fmt_json_init(&j, stdout);
	fmt_json_begin_object(&j, NULL);
	fmt_json_string(&j, "algo", res->algo);
	fmt_json_string(&j, "data", path);
	fmt_json_string(&j, "source", ratings_source(r));
	fmt_json_int(&j, "users", ratings_n_users(r));
	fmt_json_int(&j, "items", ratings_n_items(r));
	fmt_json_int(&j, "ratings", (long)ratings_count(r));
	fmt_json_string(&j, "split", res->split);
	fmt_json_int(&j, "seed", (long)o->seed);
	fmt_json_int(&j, "k", o->k);
	fmt_json_begin_object(&j, "params");
	for (int i = 0; i < params_count(o->p); i++)
		fmt_json_string(&j, params_key(o->p, i), params_value(o->p, i));
	fmt_json_end_object(&j);
	fmt_json_bool(&j, "ranking_only", res->ranking_only);
	fmt_json_bool(&j, "implicit", res->implicit);
	fmt_json_bool(&j, "cancelled", res->cancelled);
	/* Rating metrics are always present (null when not computed). */
	if (!res->has_rating) {
		fmt_json_null(&j, "rmse");
		fmt_json_null(&j, "mae");
	}
	for (int i = 0; i < nm; i++)
		fmt_json_number(&j, m[i].name, m[i].get(&res->mean));
	fmt_json_number(&j, "total_seconds", res->total_seconds);
	fmt_json_begin_array(&j, "folds");
	for (int f = 0; f < res->n_folds; f++) {
		const eval_fold *x = &res->folds[f];
		fmt_json_begin_object(&j, NULL);
		fmt_json_string(&j, "fold", x->name);
		fmt_json_int(&j, "train", (long)x->n_train);
		fmt_json_int(&j, "test", (long)x->n_test);
		for (int i = 0; i < nm; i++)
			fmt_json_number(&j, m[i].name, m[i].get(x));
		fmt_json_end_object(&j);
	}
	fmt_json_end_array(&j);
	fmt_json_end_object(&j);
	fmt_json_finish(&j);
}

static void print_table(const opts *o, fmt_kind kind, const char *path, const ratings *r,
			const eval_result *res, const metric *m, int nm)
{
	fmt_table *t = fmt_table_new();
	if (!t)
		return;
	fmt_table_column(t, "fold", 'l');
	fmt_table_column(t, "train", 'r');
	fmt_table_column(t, "test", 'r');
	for (int i = 0; i < nm; i++)
		fmt_table_column(t, m[i].name, 'r');
	for (int f = 0; f < res->n_folds; f++)
		table_row(t, &res->folds[f], m, nm, 0);
	if (res->n_folds > 1 || kind == FMT_CSV)
		table_row(t, &res->mean, m, nm, 1);
	/* The heading and notes are wrapped at the width: a path, the options
	 * and the numbers in them can be as long as they like. */
	char line[1024];
	if (kind == FMT_TEXT) {
		char *head = NULL;
		size_t head_n = 0;
		FILE *mem = open_memstream(&head, &head_n);
		if (mem) {
			fprintf(mem, _("%s on %s (%s: %d users, %d items, %zu ratings)\n"), res->algo, path,
				ratings_source(r), ratings_n_users(r), ratings_n_items(r),
				ratings_count(r));
			fprintf(mem, _("split %s, seed %lu, options: "), res->split, o->seed);
			print_params(mem, o->p);
			fputs("\n\n", mem);
			fclose(mem);
			uw_fwrap(stdout, head, FMT_WIDTH, "  ");
			free(head);
		}
	}
	if (kind == FMT_TEXT)
		fmt_table_print_text_fit(t, FMT_WIDTH, stdout); /* --full's measures read down */
	else
		fmt_table_print(t, kind, stdout);
	/* One sentence per case, for the translators. */
	if (kind == FMT_TEXT && res->has_cold) {
		snprintf(line, sizeof line, o->cold_items
			 ? _("\nThe cold part: test ratings whose item has at most %ld training ratings.\n")
			 : _("\nThe cold part: test ratings whose user has at most %ld training ratings.\n"),
			 o->max_ratings);
		fmt_reflow(stdout, line, FMT_WIDTH);
	}
	if (kind == FMT_TEXT && res->ranking_only) {
		snprintf(line, sizeof line,
			 _("\n%s ranks items but does not predict ratings: no RMSE or MAE.\n"), res->algo);
		fmt_reflow(stdout, line, FMT_WIDTH);
	} else if (kind == FMT_TEXT && res->implicit) {
		fmt_reflow(stdout, res->has_sampled || res->has_full
			   ? _("\nThe data is implicit feedback (user,item pairs, each 1), not ratings: no "
			       "RMSE or MAE.\n")
			   : _("\nThe data is implicit feedback (user,item pairs, each 1), not ratings: no "
			       "RMSE or MAE.\nRank instead: --loo for HR@K and NDCG@K, or --full.\n"),
			   FMT_WIDTH);
	}
	if (kind == FMT_TEXT && res->has_sampled) {
		if (!res->ranking_only)
			fputs("\n", stdout);
		snprintf(line, sizeof line, _("HR@%d and NDCG@%d rank each user's held-out item among %d sampled "
					      "negatives (ties count against it).\n"), o->k, o->k, o->negatives);
		fmt_reflow(stdout, line, FMT_WIDTH);
	}
	fmt_table_free(&t);
}

int cli_eval(int argc, char **argv)
{
	opts o = { .format = "text", .negatives = 99, .k = 10, .threshold = 4, .max_ratings = -1 };
	o.p = params_new();
	if (!o.p)
		return CLI_FAIL;
	int rc = parse_args(argc, argv, &o);
	if (rc != 0) {
		params_free(&o.p);
		return rc < 0 ? CLI_OK : rc;
	}
	fmt_kind kind;
	if (fmt_parse_kind(o.format, &kind) < 0) {
		params_free(&o.p);
		return cli_usage_error("eval", "unknown format '%s' (text, csv or json)", o.format);
	}
	ll_error err = { "" };
	/* Check the algorithm and its options before loading anything. */
	share_seed(&o);
	params *check = params_clone(o.p);
	model *probe = check ? model_new(o.algo, check, &err) : NULL;
	params_free(&check);
	if (!probe) {
		fprintf(stderr, "latentlab eval: %s\n", err.msg);
		params_free(&o.p);
		return CLI_USAGE;
	}
	model_free(&probe);

	char *path = dataset_resolve(o.data, &err);
	if (!path) {
		fprintf(stderr, "latentlab eval: %s\n", err.msg);
		params_free(&o.p);
		return CLI_FAIL;
	}
	ratings *r = load_path(path, &err);
	split *s = r ? make_split(&o, r, path, &err) : NULL;
	eval_result *res = NULL;
	if (s) {
		eval_opts eo;
		eval_opts_init(&eo);
		eo.k = o.k;
		eo.full = o.full;
		eo.threshold = o.threshold;
		eo.max_ratings = o.max_ratings;
		eo.cold_items = o.cold_items;
		eo.cancel = &cli_interrupted;
		if (isatty(STDERR_FILENO))
			eo.progress = on_fold;
		cli_catch_sigint();
		res = eval_run(o.algo, o.p, s, &eo, &err);
		cli_release_sigint();
		if (eo.progress)
			on_fold(NULL, 1, 1, "");
	}
	int status = CLI_OK;
	if (!res) {
		fprintf(stderr, "latentlab eval: %s\n", err.msg);
		status = CLI_FAIL;
	} else {
		metric m[16];
		int nm = metric_list(res, o.k, m);
		if (res->n_folds == 0)
			; /* cli_interrupted before any fold finished: nothing to show */
		else if (kind == FMT_JSON)
			print_json(&o, path, r, res, m, nm);
		else
			print_table(&o, kind, path, r, res, m, nm);
		if (res->cancelled) {
			fprintf(stderr, "latentlab eval: interrupted after %d of %d folds\n",
				res->n_folds, split_n_folds(s));
			status = 130;
		}
	}
	eval_result_free(&res);
	split_free(&s);
	ratings_free(&r);
	free(path);
	params_free(&o.p);
	return status;
}

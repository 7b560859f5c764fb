/* cmd_export.c: `latentlab export`, `predict` and `recommend`: data out of
 * a saved model (or one trained on the spot), through the lab's exporter
 * (lab/cmd/cmd_export.h), on standard output or a file. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/nbcli.h"
#include "engine/algo.h"
#include "engine/core/atomic.h"
#include "engine/core/intl.h"
#include "lab/cmd/cmd_export.h"

int cli_export(int argc, char **argv);
int cli_predict(int argc, char **argv);
int cli_recommend(int argc, char **argv);

typedef struct xopts {
	const char *cmd;
	const char *data, *model, *algo, *format, *output, *users, *pairs, *cold, *seed;
	int n, include_rated;
	params *p;
} xopts;

/* The options predict, recommend and export share: one message, marked here
 * and translated where it is printed. */
static const char *const common_help = N_(
	"  -d, --data PATH      the dataset the model was trained on ('toy', a folder,\n"
	"                       a ratings file or a name in $LATENTLAB_DATA): checked\n"
	"                       against the ids the model file carries; without it,\n"
	"                       those ids are used (a file of format 1 has none)\n"
	"  -m, --model FILE     a model written by 'latentlab train --save' or\n"
	"                       'latentlab import'\n"
	"  -a, --algo NAME      or train NAME on the data first (KEY=VALUE options)\n"
	"      --seed N         the seed when training (default 0)\n"
	"  -f, --format FMT     csv (default), json or npy (numbers only)\n"
	"  -o, --output FILE    write FILE atomically instead of standard output\n"
	"  -h, --help           display this help and exit\n"
	"  -V, --version        output version information and exit\n");

static void usage_predict(FILE *out)
{
	fprintf(out, _("Usage: latentlab predict [--data PATH] --model FILE [OPTION]... [PAIRS]\n"
		"Predict the rating (a score, for ranking models) of each user,item pair in\n"
		"the file PAIRS (standard input when absent or '-'): one pair a line,\n"
		"separated by a comma, a tab or blanks; a header line naming the user and\n"
		"item columns chooses their order. Prints user,item,prediction.\n"
		"\n%s"
		"      --cold-start S   pairs with a user or item the model does not know:\n"
		"                       nan (default: an empty value, null in JSON) or drop\n"
		"                       (Spark's coldStartStrategy; coldStartStrategy=drop\n"
		"                       works too)\n"
		"\n"
		"Example: latentlab train -d toy -a SVD -o toy.model &&\n"
		"         printf 'Minsu,Avengers\\n' | latentlab predict -d toy -m toy.model\n"),
		_(common_help));
}

static void usage_recommend(FILE *out)
{
	fprintf(out, _("Usage: latentlab recommend [--data PATH] --model FILE [OPTION]...\n"
		"The top N items (not yet rated) for every user, or for some. Prints\n"
		"user,rank,item,title,score.\n"
		"\n%s"
		"  -n, --top N          items per user (default 10)\n"
		"  -u, --users LIST     only these users (comma-separated ids)\n"
		"      --include-rated  also recommend items the user has rated (without\n"
		"                       --data, which ones is not known: none is left out)\n"
		"\n"
		"Example: latentlab recommend -d toy -m toy.model -u Minsu -n 3 -f json\n"),
		_(common_help));
}

static void usage_export(FILE *out)
{
	fprintf(out, _("Usage: latentlab export [--data PATH] --model FILE [OPTION]... WHAT\n"
		"Write what a model learned. WHAT is one of:\n"
		"  users, items                 index, id (and title): the row order of the\n"
		"                               factor arrays\n"
		"  user-factors, item-factors   id (title), f0..f(k-1); npy: float32 n x k\n"
		"  user-biases, item-biases     id, bias (the global mean first); npy: 1-D\n"
		"  predictions                  user, item, prediction for --pairs FILE\n"
		"  recommendations              user, rank, item, title, score (-n, -u)\n"
		"\n%s"
		"  -n, --top N          recommendations per user (default 10)\n"
		"  -u, --users LIST     recommendations for these users only\n"
		"      --pairs FILE     predictions: user,item lines ('-': standard input)\n"
		"      --cold-start S   predictions for unknown users or items: nan or drop\n"
		"\n"
		"CSV and JSON numbers have 10 significant digits (the global mean, a double,\n"
		"17), enough for 'latentlab import' to read the same bits back. A .npy file\n"
		"is NumPy's format version 1.0 (numpy.load reads it); its rows follow\n"
		"'export users' or 'export items'.\n"
		"\n"
		"Example: latentlab export -d toy -m toy.model -f npy -o Q.npy item-factors\n"),
		_(common_help));
}

static int on_opt(void *ctx, const char *name, const char *v)
{
	xopts *o = ctx;
	char *end;
	if (!strcmp(name, "data"))
		o->data = v;
	else if (!strcmp(name, "model"))
		o->model = v;
	else if (!strcmp(name, "algo"))
		o->algo = v;
	else if (!strcmp(name, "seed"))
		o->seed = v;
	else if (!strcmp(name, "format"))
		o->format = v;
	else if (!strcmp(name, "output"))
		o->output = v;
	else if (!strcmp(name, "users"))
		o->users = v;
	else if (!strcmp(name, "pairs"))
		o->pairs = v;
	else if (!strcmp(name, "include-rated"))
		o->include_rated = 1;
	else if (!strcmp(name, "cold-start")) {
		if (strcmp(v, "nan") && strcmp(v, "drop"))
			return cli_usage_error(o->cmd, "--cold-start is nan or drop, not '%s'", v);
		o->cold = v;
	} else if (!strcmp(name, "top")) {
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 1 || n > 100000)
			return cli_usage_error(o->cmd, "--top needs a number from 1 to 100000, not '%s'", v);
		o->n = (int)n;
	}
	return 0;
}

static const cli_opt predict_opts[] = {
	{ "data", 'd', "PATH" }, { "model", 'm', "FILE" }, { "algo", 'a', "NAME" },
	{ "seed", 0, "N" }, { "format", 'f', "FMT" }, { "output", 'o', "FILE" },
	{ "cold-start", 0, "S" }, { NULL, 0, NULL },
};
static const cli_opt recommend_opts[] = {
	{ "data", 'd', "PATH" }, { "model", 'm', "FILE" }, { "algo", 'a', "NAME" },
	{ "seed", 0, "N" }, { "format", 'f', "FMT" }, { "output", 'o', "FILE" },
	{ "top", 'n', "N" }, { "users", 'u', "LIST" }, { "include-rated", 0, NULL },
	{ NULL, 0, NULL },
};
static const cli_opt export_opts[] = {
	{ "data", 'd', "PATH" }, { "model", 'm', "FILE" }, { "algo", 'a', "NAME" },
	{ "seed", 0, "N" }, { "format", 'f', "FMT" }, { "output", 'o', "FILE" },
	{ "top", 'n', "N" }, { "users", 'u', "LIST" }, { "include-rated", 0, NULL },
	{ "pairs", 0, "FILE" }, { "cold-start", 0, "S" }, { NULL, 0, NULL },
};

/* A saved model, checked against the data *r when given; without data, *r
 * becomes the ids the file carries (names only, no ratings). */
static model *load_checked(const char *path, ratings **r, ll_error *err)
{
	ratings *ids = NULL;
	model *m = model_load_ids(path, &ids, err);
	if (!m)
		return NULL;
	ll_error e;
	if (ids && *r && model_ids_match(ids, *r, &e) < 0) {
		ll_fail(err, _("%s: %s: give the --data it was trained on (%s)"), path, e.msg,
			ratings_source(ids));
		model_free(&m);
	} else if (!ids && *r &&
		   (model_n_users(m) > ratings_n_users(*r) || model_n_items(m) > ratings_n_items(*r))) {
		ll_fail(err, "%s: the model has %d users and %d items, the data %d and %d: "
			"give the --data it was trained on", path, model_n_users(m),
			model_n_items(m), ratings_n_users(*r), ratings_n_items(*r));
		model_free(&m);
	} else if (!ids && !*r) {
		ll_fail(err, _("%s holds no ids (a model file of format 1): give --data PATH, the "
			       "data it was trained on"), path);
		model_free(&m);
	} else if (!*r) {
		*r = ids;
		ids = NULL;
	}
	ratings_free(&ids);
	return m;
}

/* Users from a comma list of ids; -1 for one the data lacks (an error). */
static int *user_list(const char *cmd, const ratings *r, const char *s, int *n)
{
	char *copy = strdup(s);
	int *v = malloc((strlen(s) + 1) * sizeof *v);
	*n = 0;
	if (!copy || !v) {
		free(copy), free(v);
		return NULL;
	}
	for (char *w = strtok(copy, ","); w; w = strtok(NULL, ",")) {
		int u = ratings_find_user(r, w);
		if (u < 0) {
			fprintf(stderr, "latentlab %s: no user '%s' in the data\n", cmd, w);
			free(copy), free(v);
			return NULL;
		}
		v[(*n)++] = u;
	}
	free(copy);
	return v;
}

static int run(xopts *o, const char *what, const char *pairs_arg)
{
	const char *cmd = o->cmd;
	export_req q = { .what = what, .n = o->n, .include_rated = o->include_rated };
	if (export_parse_format(o->format, &q.fmt) < 0)
		return cli_usage_error(cmd, "--format is csv, json or npy, not '%s'", o->format);
	int needs_model = strcmp(what, "users") && strcmp(what, "items");
	if (needs_model && !o->model == !o->algo)
		return cli_usage_error(cmd, "%s", "give --model FILE or --algo NAME");
	if (!o->data && !o->model)
		return cli_usage_error(cmd, "%s", "missing --data PATH (the data the model was trained on)");
	if (!o->data && o->algo)
		return cli_usage_error(cmd, "%s", "--algo needs --data PATH to train on");
	const char *cold = params_str(o->p, "coldStartStrategy", NULL);
	if (cold) {
		if (strcmp(cold, "nan") && strcmp(cold, "drop"))
			return cli_usage_error(cmd, "coldStartStrategy is nan or drop, not '%s'", cold);
		if (!o->cold)
			o->cold = cold;
	}
	q.drop_unknown = o->cold && !strcmp(o->cold, "drop");
	ratings *r = NULL;
	if (o->data && !(r = nbcli_load(cmd, o->data, NULL)))
		return CLI_FAIL;
	ll_error err = { "" };
	model *m = NULL;
	export_pair *pairs = NULL;
	int *users = NULL, rc = CLI_FAIL;
	/* export users or items reads a model file only for its ids. */
	int load = o->model && (needs_model || !r);
	if (load) {
		m = load_checked(o->model, &r, &err);
	} else if (needs_model) {
		params *p = params_clone(o->p);
		char *end;
		unsigned long seed = o->seed ? strtoul(o->seed, &end, 10) : 0;
		if (p) {
			/* Spark's predict-time option is no option of the model. */
			params *q2 = params_new();
			for (int i = 0; q2 && i < params_count(p); i++)
				if (strcmp(params_key(p, i), "coldStartStrategy"))
					params_set(q2, params_key(p, i), params_value(p, i));
			params_free(&p);
			p = q2;
		}
		m = p ? nbcli_fit(o->algo, p, seed, r, &err) : NULL;
		params_free(&p);
	}
	if ((needs_model || load) && !m) {
		fprintf(stderr, "latentlab %s: %s\n", cmd, err.msg);
		goto done;
	}
	if (!strcmp(what, "recommendations") && !o->include_rated && ratings_count(r) == 0)
		fprintf(stderr, _("latentlab %s: no ratings (no --data): the items users rated are "
				  "not known, so none is left out\n"), cmd);
	if (!strcmp(what, "predictions")) {
		const char *src = pairs_arg ? pairs_arg : "-";
		FILE *f = strcmp(src, "-") ? fopen(src, "r") : stdin;
		if (!f) {
			fprintf(stderr, "latentlab %s: %s: %s\n", cmd, src, strerror(errno));
			goto done;
		}
		int prc = export_read_pairs(r, m, f, strcmp(src, "-") ? src : "<stdin>", &pairs,
					    &q.n_pairs, &err);
		if (f != stdin)
			fclose(f);
		if (prc < 0) {
			fprintf(stderr, "latentlab %s: %s\n", cmd, err.msg);
			goto done;
		}
		q.pairs = pairs;
	}
	if (o->users) {
		users = user_list(cmd, r, o->users, &q.n_users);
		if (!users)
			goto done;
		q.users = users;
	}
	if (o->output) {
		ll_atomic a;
		if (ll_atomic_open(&a, o->output, &err) < 0 ||
		    (export_write(r, m, &q, a.f, &err) < 0 ? (ll_atomic_abort(&a), -1)
							    : ll_atomic_commit(&a, &err)) < 0) {
			fprintf(stderr, "latentlab %s: %s\n", cmd, err.msg);
			goto done;
		}
	} else if (export_write(r, m, &q, stdout, &err) < 0) {
		fprintf(stderr, "latentlab %s: %s\n", cmd, err.msg);
		goto done;
	}
	rc = CLI_OK;
done:
	export_pairs_free(pairs, q.n_pairs);
	free(users);
	model_free(&m);
	ratings_free(&r);
	return rc;
}

static int start(const char *cmd, const cli_opt *opts, void (*usage)(FILE *), int argc,
		 char **argv, int positional)
{
	xopts o = { .cmd = cmd, .format = "csv", .n = 10 };
	o.p = params_new();
	if (!o.p)
		return CLI_FAIL;
	int first;
	const cli_spec spec = { cmd, opts, usage, on_opt, &o };
	int rc = cli_parse(&spec, argc, argv, &first);
	const char *word[2] = { NULL, NULL };
	int nw = 0;
	for (int i = first; rc == CLI_GO && i < argc; i++) {
		ll_error err;
		if (strchr(argv[i], '=') && argv[i][0] != '-' && argv[i][0] != '/' && argv[i][0] != '.') {
			if (params_set_kv(o.p, argv[i], &err) < 0)
				rc = cli_usage_error(cmd, "%s", err.msg);
		} else if (nw < positional) {
			word[nw++] = argv[i];
		} else {
			rc = cli_usage_error(cmd, "unexpected argument '%s'", argv[i]);
		}
	}
	if (rc == CLI_GO) {
		if (!strcmp(cmd, "predict"))
			rc = run(&o, "predictions", word[0]);
		else if (!strcmp(cmd, "recommend"))
			rc = run(&o, "recommendations", NULL);
		else if (!word[0])
			rc = cli_usage_error(cmd, "%s", "what to export? users, items, user-factors, "
					     "item-factors, user-biases, item-biases, predictions or recommendations");
		else if (!strstr(export_whats, word[0]) || strchr(word[0], '|'))
			rc = cli_usage_error(cmd, "nothing called '%s' to export (see --help)", word[0]);
		else
			rc = run(&o, word[0], o.pairs);
	}
	params_free(&o.p);
	return rc;
}

int cli_predict(int argc, char **argv)
{
	return start("predict", predict_opts, usage_predict, argc, argv, 1);
}

int cli_recommend(int argc, char **argv)
{
	return start("recommend", recommend_opts, usage_recommend, argc, argv, 0);
}

int cli_export(int argc, char **argv)
{
	return start("export", export_opts, usage_export, argc, argv, 1);
}

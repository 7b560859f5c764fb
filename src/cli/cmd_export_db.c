/* cmd_export_db.c: `latentlab export-db`: a trained model's vectors into the
 * SQLite vector store that `serve` answers from (src/serve/vstore.h). */
#include <config.h>

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/format.h"
#include "cli/nbcli.h"
#include "engine/algo.h"
#include "engine/core/clock.h"
#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "serve/vstore.h"

int cli_export_db(int argc, char **argv);

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab export-db --db FILE --data PATH (--model FILE | --algo NAME)\n"
		"                           [OPTION]... [KEY=VALUE]...\n"
		"Write a factor model's user and item vectors, biases, titles, settings and\n"
		"the ratings it was trained on into a SQLite database for 'latentlab serve'.\n"
		"The file is replaced atomically: a reader sees the old file or the whole new\n"
		"one, and an interrupted export leaves the old one.\n"
		"\n"
		"  -o, --db FILE         the database to write\n"
		"  -d, --data PATH       the dataset the model was trained on ('toy', a folder,\n"
		"                        a ratings file or a name in $LATENTLAB_DATA)\n"
		"  -m, --model FILE      a model written by 'latentlab train --save'\n"
		"  -a, --algo NAME       or train NAME on the data first (KEY=VALUE options)\n"
		"      --seed N          the seed when training (default 0)\n"
		"  -p, --precision P     f32 (default: estimates equal the model's bit for bit),\n"
		"                        int8 or int4 (per-row scale and offset)\n"
		"      --lambda X        the fold-in's regularization (default: the model's)\n"
		"  -h, --help            display this help and exit\n"
		"  -V, --version         output version information and exit\n"
		"\n"
		"Schema (version 1): tables meta(key, value), users(id, name, bias, scale,\n"
		"offset, vec), items(id, name, title, bias, scale, offset, vec) and\n"
		"ratings(user, item, value); vec holds k float32 values, or k int8 codes, or\n"
		"k int4 codes two to a byte (lower nibble first), decoded as offset + scale *\n"
		"code. Try: sqlite3 FILE 'SELECT * FROM meta'.\n"
		"\n"
		"Example: latentlab train -d ml-100k -a biased k=32 --save ml.model &&\n"
		"         latentlab export-db -d ml-100k -m ml.model --db ml.db -p int8\n"), out);
}

typedef struct eopts {
	const char *db, *data, *model, *algo, *seed, *precision, *lambda;
} eopts;

static int on_opt(void *ctx, const char *name, const char *v)
{
	eopts *o = ctx;
	const char **slot = !strcmp(name, "db") ? &o->db : !strcmp(name, "data") ? &o->data
			  : !strcmp(name, "model") ? &o->model : !strcmp(name, "algo") ? &o->algo
			  : !strcmp(name, "seed") ? &o->seed : !strcmp(name, "precision") ? &o->precision
			  : &o->lambda;
	*slot = v;
	return 0;
}

static const cli_opt export_opts[] = {
	{ "db", 'o', "FILE" }, { "data", 'd', "PATH" }, { "model", 'm', "FILE" },
	{ "algo", 'a', "NAME" }, { "seed", 0, "N" }, { "precision", 'p', "P" },
	{ "lambda", 0, "X" }, { NULL, 0, NULL },
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

int cli_export_db(int argc, char **argv)
{
	eopts o = { .precision = "f32" };
	int first;
	const cli_spec spec = { "export-db", export_opts, usage, on_opt, &o };
	int rc = cli_parse(&spec, argc, argv, &first);
	if (rc != CLI_GO)
		return rc;
	if (!o.db || !o.data || (!o.model == !o.algo))
		return cli_usage_error("export-db", "%s",
				       !o.db ? "missing --db FILE" : !o.data ? "missing --data PATH"
				       : "give --model FILE or --algo NAME (one of them)");
	vstore_export_opts xo;
	vstore_export_opts_init(&xo);
	int p = quant_from_name(o.precision);
	if (p != QUANT_F32 && p != QUANT_INT8 && p != QUANT_INT4)
		return cli_usage_error("export-db", "--precision is f32, int8 or int4, not '%s'",
				       o.precision);
	xo.precision = (quant_prec)p;
	if (o.lambda) {
		char *end;
		xo.foldin_lambda = strtod(o.lambda, &end);
		if (*end || end == o.lambda || !(xo.foldin_lambda >= 0))
			return cli_usage_error("export-db", "--lambda needs a number >= 0, not '%s'", o.lambda);
	}
	params *kv = params_new();
	ll_error err;
	for (int i = first; i < argc; i++)
		if (argv[i][0] == '-' || !strchr(argv[i], '=') || params_set_kv(kv, argv[i], &err) < 0) {
			params_free(&kv);
			return cli_usage_error("export-db", "unexpected argument '%s' (options of the "
					       "algorithm are KEY=VALUE)", argv[i]);
		}
	ratings *r = nbcli_load("export-db", o.data, NULL);
	model *m = NULL;
	rc = CLI_FAIL;
	if (!r)
		goto out;
	if (o.model) {
		/* A model file that carries ids must be of this data. */
		ratings *ids = NULL;
		ll_error e;
		m = model_load_ids(o.model, &ids, &err);
		if (m && ids && model_ids_match(ids, r, &e) < 0) {
			ll_fail(&err, "%s: %s: give the --data it was trained on (%s)", o.model, e.msg,
				ratings_source(ids));
			model_free(&m);
		}
		ratings_free(&ids);
	} else
		m = nbcli_fit(o.algo, kv, o.seed ? strtoul(o.seed, NULL, 10) : 0, r, &err);
	if (!m) {
		fprintf(stderr, "latentlab export-db: %s\n", err.msg);
		goto out;
	}
	/* Ctrl-C or SIGTERM: the export stops and the old file stays. */
	struct sigaction sa, old_int, old_term;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	xo.cancel = &stop;
	size_t bytes = 0;
	double t0 = ll_now();
	int ok = vstore_export(m, r, o.db, &xo, &bytes, &err) == 0;
	double secs = ll_now() - t0;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (!ok) {
		fprintf(stderr, "latentlab export-db: %s\n", err.msg);
		goto out;
	}
	/* Wrapped at the width: the database's path is as long as it is. */
	char line[PATH_MAX + 512];
	snprintf(line, sizeof line,
		 _("%s: %s k=%d, %d users, %d items, %zu ratings, %s vectors: %zu bytes in %.3f s\n"),
		 o.db, model_algo(m), model_k(m), model_n_users(m), model_n_items(m),
		 ratings_count(r), quant_name(xo.precision), bytes, secs);
	uw_fwrap(stdout, line, FMT_WIDTH, "  ");
	rc = CLI_OK;
out:
	model_free(&m);
	ratings_free(&r);
	params_free(&kv);
	return rc;
}

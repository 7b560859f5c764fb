/* cmd_import.c: `latentlab import`: user and item factors (and biases), as
 * `latentlab export` writes them, back into a model file that predict,
 * recommend, export and the lab's open read (lab/cmd/cmd_import.h). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/nbcli.h"
#include "engine/core/intl.h"
#include "lab/cmd/cmd_import.h"

int cli_import(int argc, char **argv);

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab import --user-factors FILE --item-factors FILE -o MODEL\n"
		"                        [OPTION]... [KEY=VALUE]...\n"
		"Make a model file from user and item factors, as 'latentlab export\n"
		"user-factors' and 'item-factors' write them: CSV or JSON with ids, or NumPy\n"
		".npy (float32 or float64, rows x k) whose rows are named by an ids file or\n"
		"are the data's users and items in index order. The model file carries the\n"
		"ids, so predict, recommend and export need no --data with it. What export\n"
		"wrote comes back bit for bit, and so do the predictions of the same --algo.\n"
		"\n"
		"  -U, --user-factors FILE  the users' factors (export user-factors)\n"
		"  -I, --item-factors FILE  the items' factors (export item-factors)\n"
		"      --user-ids FILE      a .npy's user ids (export users, csv or json)\n"
		"      --item-ids FILE      a .npy's item ids (export items)\n"
		"      --user-biases FILE   user biases (export user-biases), with\n"
		"      --item-biases FILE   item biases: for biased, svd and als bias=yes\n"
		"      --mean X             the global mean, for biases from .npy files\n"
		"  -a, --algo NAME          how to predict: sgd, biased, als, ials or svd\n"
		"                           (default: biased with biases, else als)\n"
		"  -d, --data PATH          put each row at its id's index in the data, which\n"
		"                           must be the one the factors were trained on, and\n"
		"                           take its rating scale\n"
		"      --scale LO,HI        the rating scale predictions are clipped to\n"
		"                           (default: the data's; needed without --data)\n"
		"  -o, --output MODEL       the model file to write (atomically)\n"
		"  -h, --help               display this help and exit\n"
		"  -V, --version            output version information and exit\n"
		"\n"
		"KEY=VALUE sets an option of the algorithm (reg= for fold-in).\n"
		"\n"
		"Example: latentlab export -d toy -m toy.model -f npy -o U.npy user-factors\n"
		"         latentlab export -d toy -m toy.model -f json -o I.json item-factors\n"
		"         latentlab import -d toy -U U.npy -I I.json -a SVD -o back.model \\\n"
		"           --user-biases UB.csv --item-biases IB.csv\n"), out);
}

typedef struct iopts {
	import_req q;
	const char *data, *output;
	int bad;
} iopts;

static int on_opt(void *ctx, const char *name, const char *v)
{
	iopts *o = ctx;
	import_req *q = &o->q;
	if (!strcmp(name, "user-factors"))
		q->user_factors = v;
	else if (!strcmp(name, "item-factors"))
		q->item_factors = v;
	else if (!strcmp(name, "user-ids"))
		q->user_ids = v;
	else if (!strcmp(name, "item-ids"))
		q->item_ids = v;
	else if (!strcmp(name, "user-biases"))
		q->user_biases = v;
	else if (!strcmp(name, "item-biases"))
		q->item_biases = v;
	else if (!strcmp(name, "algo"))
		q->algo = v;
	else if (!strcmp(name, "data"))
		o->data = v;
	else if (!strcmp(name, "output"))
		o->output = v;
	else if (!strcmp(name, "mean")) {
		char *end;
		q->mean = strtod(v, &end);
		if (end == v || *end || !isfinite(q->mean))
			return cli_usage_error("import", "--mean needs a number, not '%s'", v);
		q->has_mean = 1;
	} else if (!strcmp(name, "scale")) {
		char *end, *end2 = "";
		double lo = strtod(v, &end), hi = end != v && *end == ',' ? strtod(end + 1, &end2) : NAN;
		if (isnan(hi) || *end2 || !isfinite(lo) || !isfinite(hi) || lo > hi)
			return cli_usage_error("import", "--scale needs LO,HI (1,5), not '%s'", v);
		q->lo = (float)lo, q->hi = (float)hi, q->has_scale = 1;
	}
	return 0;
}

static const cli_opt import_opts[] = {
	{ "user-factors", 'U', "FILE" }, { "item-factors", 'I', "FILE" },
	{ "user-ids", 0, "FILE" }, { "item-ids", 0, "FILE" },
	{ "user-biases", 0, "FILE" }, { "item-biases", 0, "FILE" }, { "mean", 0, "X" },
	{ "algo", 'a', "NAME" }, { "data", 'd', "PATH" }, { "scale", 0, "LO,HI" },
	{ "output", 'o', "MODEL" }, { NULL, 0, NULL },
};

int cli_import(int argc, char **argv)
{
	iopts o;
	memset(&o, 0, sizeof o);
	params *p = params_new();
	if (!p)
		return CLI_FAIL;
	int first;
	const cli_spec spec = { "import", import_opts, usage, on_opt, &o };
	int rc = cli_parse(&spec, argc, argv, &first);
	for (int i = first; rc == CLI_GO && i < argc; i++) {
		ll_error e;
		if (strchr(argv[i], '=') && argv[i][0] != '-') {
			if (params_set_kv(p, argv[i], &e) < 0)
				rc = cli_usage_error("import", "%s", e.msg);
		} else {
			rc = cli_usage_error("import", "unexpected argument '%s'", argv[i]);
		}
	}
	if (rc == CLI_GO && (!o.q.user_factors || !o.q.item_factors))
		rc = cli_usage_error("import", "%s", "give --user-factors FILE and --item-factors FILE");
	else if (rc == CLI_GO && !o.output)
		rc = cli_usage_error("import", "%s", "give -o MODEL, the model file to write");
	if (rc != CLI_GO) {
		params_free(&p);
		return rc;
	}
	o.q.opts = p;
	ratings *r = NULL, *ids = NULL;
	ll_error err = { "" };
	rc = CLI_FAIL;
	model *m = NULL;
	if (o.data && !(r = nbcli_load("import", o.data, NULL)))
		goto done;
	m = import_model(&o.q, r, &ids, &err);
	/* The ids go with the model: the data's, or the files' own. */
	if (!m || model_save_ids(m, r ? r : ids, o.output, &err) < 0) {
		fprintf(stderr, "latentlab import: %s\n", err.msg);
		goto done;
	}
	printf(_("# %s: %d users and %d items, k=%d, from %s and %s\n"), model_algo(m),
	       model_n_users(m), model_n_items(m), model_k(m), o.q.user_factors, o.q.item_factors);
	printf(_("# saved to %s\n"), o.output);
	rc = CLI_OK;
done:
	model_free(&m);
	ratings_free(&ids);
	ratings_free(&r);
	params_free(&p);
	return rc;
}

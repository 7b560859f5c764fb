/* cmd_train.c: `latentlab train`: fit one model on a dataset, printing the
 * loss of every epoch as it happens, and optionally save it. */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/core/clock.h"
#include "engine/core/intl.h"
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/format.h"
#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/mf/mf.h"
#include "engine/model/model.h"
#include "lab/dataset.h"
#include "lab/view/uwidth.h"

int cli_train(int argc, char **argv);

/* A "# " line of the text output, wrapped at the width with "# " on the
 * rows it continues on, so a long path or a Korean sentence stays a
 * comment within 80 columns. */
static void comment(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void comment(const char *fmt, ...)
{
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	uw_fwrap(stdout, line, FMT_WIDTH, "# ");
}

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab train --data PATH --algo NAME [OPTION]... [KEY=VALUE]...\n"
		"Train a model on a whole dataset (or a MovieLens fold's training part),\n"
		"printing the training loss of each epoch as it goes, and save it.\n"
		"\n"
		"  -d, --data PATH     a dataset folder or file; 'toy' is the bundled toy data,\n"
		"                      a bare name such as 'ml-100k' is looked up in\n"
		"                      $LATENTLAB_DATA\n"
		"  -a, --algo NAME     the algorithm (below; also Surprise's and Spark's names)\n"
		"      --fold NAME     train on the ml-100k fold NAME.base (u1..u5, ua, ub) and\n"
		"                      also print the RMSE on NAME.test after each epoch\n"
		"  -o, --save FILE     write the trained model to FILE (atomically), with the\n"
		"                      data's user and item ids\n"
		"      --seed N        the model's seed (same as seed=N)\n"
		"  -f, --format FMT    text (default: a line per epoch as it goes), csv (one\n"
		"                      table: epoch,loss[,test_rmse],seconds) or json\n"
		"  -h, --help          display this help and exit\n"
		"  -V, --version       output version information and exit\n"
		"\n"
		"KEY=VALUE sets an option of the algorithm, e.g. k=50 lr=0.01 reg=0.05 epochs=40.\n"
		"The loss is the training RMSE (for ials, the confidence-weighted RMSE over\n"
		"all cells). Ctrl-C stops after the current epoch and keeps what was learned.\n"
		"\n"
		"Algorithms:\n"), out);
	cli_print_algorithms(out);
	fputs(_("\nExample: latentlab train --data ml-100k --algo biased --fold u1 k=100 \\\n"
		"           --save u1.model\n"), out);
}


typedef struct progress {
	model *m;
	double t0;
	int has_test;
	fmt_kind kind;
	fmt_table *epochs; /* CSV and JSON: printed whole at the end */
} progress;

static int on_epoch(void *ctx, int epoch, int n_epochs, double loss)
{
	progress *p = ctx;
	const double *tr, *te;
	int n = model_history(p->m, &tr, &te);
	if (p->kind != FMT_TEXT) {
		fmt_table_row(p->epochs);
		if (n_epochs > 0)
			fmt_table_int(p->epochs, epoch);
		else
			fmt_table_text(p->epochs, "fit");
		fmt_table_num(p->epochs, loss, 5);
		if (p->has_test)
			fmt_table_num(p->epochs, te && n > 0 ? te[n - 1] : NAN, 5);
		fmt_table_num(p->epochs, ll_now() - p->t0, 3);
		return cli_interrupted;
	}
	if (n_epochs > 0)
		printf("%5d/%-5d %10.5f", epoch, n_epochs, loss);
	else
		printf("%11s %10.5f", "fit", loss);
	if (p->has_test && te && n > 0)
		printf(" %10.5f", te[n - 1]);
	printf(" %9.3f\n", ll_now() - p->t0);
	fflush(stdout);
	return cli_interrupted;
}

typedef struct topts {
	const char *data, *algo_name, *save, *fold, *seed, *format;
} topts;

static int on_opt(void *ctx, const char *name, const char *v)
{
	topts *o = ctx;
	const char **slot = !strcmp(name, "data") ? &o->data : !strcmp(name, "algo") ? &o->algo_name
			  : !strcmp(name, "save") ? &o->save : !strcmp(name, "fold") ? &o->fold
			  : !strcmp(name, "seed") ? &o->seed : &o->format;
	*slot = v;
	return 0;
}

static const cli_opt train_opts[] = {
	{ "data", 'd', "PATH" }, { "algo", 'a', "NAME" }, { "fold", 0, "NAME" },
	{ "save", 'o', "FILE" }, { "seed", 0, "N" }, { "format", 'f', "FMT" },
	{ NULL, 0, NULL },
};

int cli_train(int argc, char **argv)
{
	topts o = { .format = "text" };
	ll_error err;
	int first;
	const cli_spec spec = { "train", train_opts, usage, on_opt, &o };
	int rc = cli_parse(&spec, argc, argv, &first);
	if (rc != CLI_GO)
		return rc;
	params *p = params_new();
	if (!p)
		return CLI_FAIL;
	rc = CLI_FAIL;
	for (int i = first; i < argc; i++) {
		if (argv[i][0] == '-' || !strchr(argv[i], '=')) {
			params_free(&p);
			return cli_usage_error("train", "unexpected argument '%s' (options of the algorithm are KEY=VALUE)", argv[i]);
		}
		if (params_set_kv(p, argv[i], &err) < 0) {
			params_free(&p);
			return cli_usage_error("train", "%s", err.msg);
		}
	}
	const char *data = o.data, *algo_name = o.algo_name, *save = o.save, *fold = o.fold,
		   *seed = o.seed;
	fmt_kind kind;
	if (fmt_parse_kind(o.format, &kind) < 0) {
		params_free(&p);
		return cli_usage_error("train", "--format is text, csv or json, not '%s'", o.format);
	}
	if (!data || !algo_name) {
		params_free(&p);
		return cli_usage_error("train", "%s", !data ? "--data is required (try --data toy)"
							     : "--algo is required (see 'latentlab algorithms')");
	}
	if (seed)
		params_set(p, "seed", seed);
	char *path = dataset_resolve(data, &err);
	if (!path) {
		fprintf(stderr, "latentlab train: %s\n", err.msg);
		params_free(&p);
		return CLI_FAIL;
	}
	ratings *full = NULL, *train = NULL, *test = NULL;
	size_t *tr = NULL, *te = NULL, ntr = 0, nte = 0;
	model *m = NULL;
	fmt_table *epochs = NULL;
	double t0 = ll_now();
	full = load_path(path, &err);
	if (!full)
		goto fail;
	if (fold) {
		if (load_ml100k_fold(full, path, fold, &tr, &ntr, &te, &nte, &err) < 0)
			goto fail;
		train = ratings_subset(full, tr, ntr);
		test = ratings_subset(full, te, nte);
		if (!train || !test) {
			snprintf(err.msg, sizeof err.msg, "out of memory");
			goto fail;
		}
	}
	const ratings *on = train ? train : full;
	double t_load = ll_now() - t0;
	m = model_new(algo_name, p, &err);
	if (!m)
		goto fail;
	if (test)
		model_set_validation(m, test);
	if (kind == FMT_TEXT) {
		/* One sentence with the fold and one without, for the translators. */
		if (fold)
			comment(_("# %s on %s fold %s: %zu ratings, %d users, %d items (loaded in %.3f s)\n"),
			       model_algo(m), data, fold, ratings_count(on), ratings_n_users(on),
			       ratings_n_items(on), t_load);
		else
			comment(_("# %s on %s: %zu ratings, %d users, %d items (loaded in %.3f s)\n"),
			       model_algo(m), data, ratings_count(on), ratings_n_users(on),
			       ratings_n_items(on), t_load);
		printf("%11s %10s%s %9s\n", "epoch", "loss", test ? "  test_rmse" : "", "seconds");
	} else {
		epochs = fmt_table_new();
		if (!epochs) {
			snprintf(err.msg, sizeof err.msg, "out of memory");
			goto fail;
		}
		fmt_table_column(epochs, "epoch", 'r');
		fmt_table_column(epochs, "loss", 'r');
		if (test)
			fmt_table_column(epochs, "test_rmse", 'r');
		fmt_table_column(epochs, "seconds", 'r');
	}
	progress pr = { m, ll_now(), test != NULL, kind, epochs };
	model_set_progress(m, on_epoch, &pr);
	cli_catch_sigint();
	int fit = model_fit(m, on, &err);
	cli_release_sigint();
	if (fit < 0) {
		fprintf(stderr, "latentlab train: %s\n", err.msg);
		if (model_epochs_done(m) == 0)
			goto done;
		fprintf(stderr, "latentlab train: keeping the model of epoch %d\n", model_epochs_done(m));
	}
	double total, seconds = ll_now() - pr.t0;
	int n_sigma;
	const double *sigma;
	int has_sigma = mf_spectrum(m, &sigma, &n_sigma, &total, NULL) == 0 && n_sigma > 0;
	if (save && model_save_ids(m, on, save, &err) < 0)
		goto fail;
	if (kind == FMT_TEXT) {
		if (has_sigma)
			comment(_("# singular values: first %.4g, last %.4g; energy kept by k=%d: %.4f\n"),
				sigma[0], sigma[n_sigma - 1], n_sigma, mf_energy_kept(m, n_sigma));
		comment(_("# trained in %.3f s\n"), seconds);
		if (save)
			comment(_("# saved to %s\n"), save);
	} else if (kind == FMT_CSV) {
		fmt_table_print(epochs, FMT_CSV, stdout);
	} else {
		fmt_json j;
		fmt_json_init(&j, stdout);
		fmt_json_begin_object(&j, NULL);
		fmt_json_string(&j, "algo", model_algo(m));
		fmt_json_string(&j, "data", data);
		if (fold)
			fmt_json_string(&j, "fold", fold);
		fmt_json_int(&j, "ratings", (long)ratings_count(on));
		fmt_json_int(&j, "users", ratings_n_users(on));
		fmt_json_int(&j, "items", ratings_n_items(on));
		fmt_json_number(&j, "load_seconds", t_load);
		fmt_json_number(&j, "train_seconds", seconds);
		fmt_json_int(&j, "epochs_done", model_epochs_done(m));
		if (has_sigma) {
			fmt_json_begin_array(&j, "singular_values");
			for (int i = 0; i < n_sigma; i++)
				fmt_json_number(&j, NULL, sigma[i]);
			fmt_json_end_array(&j);
			fmt_json_number(&j, "energy_kept", mf_energy_kept(m, n_sigma));
		}
		fmt_json_table(&j, "epochs", epochs);
		if (save)
			fmt_json_string(&j, "saved", save);
		fmt_json_end_object(&j);
		fmt_json_finish(&j);
	}
	rc = fit < 0 ? CLI_FAIL : CLI_OK;
	goto done;
fail:
	fprintf(stderr, "latentlab train: %s\n", err.msg);
done:
	fmt_table_free(&epochs);
	model_free(&m);
	free(tr), free(te), free(path);
	ratings_free(&train), ratings_free(&test), ratings_free(&full);
	params_free(&p);
	return rc;
}

/* cmd_train.c: `latentlab train`: fit one model on a dataset, printing the
 * loss of every epoch as it happens, and optionally save it. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/core/clock.h"
#include "cli/args.h"
#include "cli/cli.h"
#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/mf/mf.h"
#include "engine/model/model.h"
#include "lab/dataset.h"

int cli_train(int argc, char **argv);

static void usage(FILE *out)
{
	int n;
	const algo *t = algo_table(&n);
	fprintf(out,
		"Usage: latentlab train --data PATH --algo NAME [OPTION]... [KEY=VALUE]...\n"
		"Train a model on a whole dataset (or a MovieLens fold's training part),\n"
		"printing the training loss of each epoch as it goes, and save it.\n"
		"\n"
		"  --data PATH      a dataset folder or file; 'toy' is the bundled toy data,\n"
		"                   a bare name such as 'ml-100k' is looked up in $LATENTLAB_DATA\n"
		"  --algo NAME      the algorithm (see below)\n"
		"  --fold NAME      train on the ml-100k fold NAME.base (u1..u5, ua, ub) and\n"
		"                   also print the RMSE on NAME.test after each epoch\n"
		"  --save FILE      write the trained model to FILE (atomically)\n"
		"  --seed N         the model's seed (same as seed=N)\n"
		"  -h, --help       display this help and exit\n"
		"KEY=VALUE sets an option of the algorithm, e.g. k=50 lr=0.01 reg=0.05 epochs=40.\n"
		"The loss is the training RMSE (for ials, the confidence-weighted RMSE over\n"
		"all cells). Ctrl-C stops after the current epoch and keeps what was learned.\n"
		"\n"
		"Algorithms:\n");
	for (int i = 0; i < n; i++)
		fprintf(out, "  %-12s %s\n", t[i].name, t[i].summary);
	fprintf(out, "\nExample: latentlab train --data ml-100k --algo biased --fold u1 k=100 --save u1.model\n");
}


typedef struct progress {
	model *m;
	double t0;
	int has_test;
} progress;

static int on_epoch(void *ctx, int epoch, int n_epochs, double loss)
{
	progress *p = ctx;
	const double *tr, *te;
	int n = model_history(p->m, &tr, &te);
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

int cli_train(int argc, char **argv)
{
	const char *data = NULL, *algo_name = NULL, *save = NULL, *fold = NULL, *seed = NULL;
	params *p = params_new();
	ll_error err;
	int rc = CLI_FAIL;
	if (!p)
		return CLI_FAIL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = !strcmp(a, "--data") ? &data : !strcmp(a, "--algo") ? &algo_name
				  : !strcmp(a, "--save") ? &save : !strcmp(a, "--fold") ? &fold
				  : !strcmp(a, "--seed") ? &seed : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			params_free(&p);
			return CLI_OK;
		} else if (slot) {
			if (i + 1 >= argc) {
				params_free(&p);
				return cli_usage_error("train", "missing value for %s", a);
			}
			*slot = argv[++i];
		} else if (a[0] != '-' && strchr(a, '=')) {
			if (params_set_kv(p, a, &err) < 0) {
				params_free(&p);
				return cli_usage_error("train", "%s", err.msg);
			}
		} else {
			params_free(&p);
			return cli_usage_error("train", "unknown argument %s", a);
		}
	}
	if (!data || !algo_name) {
		params_free(&p);
		return cli_usage_error("train", "%s", !data ? "--data is required" : "--algo is required");
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
	printf("# %s on %s%s%s: %zu ratings, %d users, %d items (loaded in %.3f s)\n",
	       model_algo(m), data, fold ? " fold " : "", fold ? fold : "", ratings_count(on),
	       ratings_n_users(on), ratings_n_items(on), t_load);
	printf("%11s %10s%s %9s\n", "epoch", "loss", test ? "  test_rmse" : "", "seconds");
	progress pr = { m, ll_now(), test != NULL };
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
	double total;
	int n_sigma;
	const double *sigma;
	if (mf_spectrum(m, &sigma, &n_sigma, &total, NULL) == 0 && n_sigma > 0)
		printf("# singular values: first %.4g, last %.4g; energy kept by k=%d: %.4f\n",
		       sigma[0], sigma[n_sigma - 1], n_sigma, mf_energy_kept(m, n_sigma));
	printf("# trained in %.3f s\n", ll_now() - pr.t0);
	if (save) {
		if (model_save(m, save, &err) < 0)
			goto fail;
		printf("# saved to %s\n", save);
	}
	rc = fit < 0 ? CLI_FAIL : CLI_OK;
	goto done;
fail:
	fprintf(stderr, "latentlab train: %s\n", err.msg);
done:
	model_free(&m);
	free(tr), free(te), free(path);
	ratings_free(&train), ratings_free(&test), ratings_free(&full);
	params_free(&p);
	return rc;
}

/* cmd_plot.c: plot embeddings | loss | spectrum | ratings. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mf/mf.h"
#include "engine/nn/ncf.h"
#include "engine/algo.h"
#include "lab/lab_impl.h"

static const lab_opt plot_opts[] = {
	{ "model", OPT_STR, NULL, "the model to plot (default: the current one)", NULL },
	{ "show", OPT_WORD, "both", "embeddings: which points", "both|users|items" },
	{ "n", OPT_INT, "40", "embeddings: at most this many users and items (the most rated)", NULL },
	{ "epochs", OPT_INT, "0", "embeddings: train this many more epochs, recording frames", NULL },
	{ "every", OPT_INT, "1", "embeddings: a frame every this many epochs (and the last)", NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int plot_embeddings(lab_call *c, view **out, ll_error *err)
{
	lab_model *lm = lab_model_pick(c->l, c, err);
	if (!lm)
		return -1;
	if (lab_embedding_frames(c->l, lm->m, lm->name, lab_opt_str(c, "show", "both"),
				 (int)lab_opt_long(c, "n", 40), lab_opt_long(c, "epochs", 0),
				 lab_opt_long(c, "every", 1), out, err) < 0)
		return ll_prefix(err, "plot: ");
	return 0;
}

static int plot_loss(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	const double *tr, *te, *loss, *hr, *ndcg;
	int h = model_history(lm->m, &tr, &te);
	if (h == 0)
		return ll_fail(err, "plot: model '%s' has no training history (%s)", lm->name,
			       model_is_iterative(lm->m) ? "train it with epochs=1 or more"
							 : "it is not trained epoch by epoch");
	/* The implicit models learn a ranking: their curve is their own loss,
	 * with HR@10 and NDCG@10 on the test split when there is one. */
	int implicit = ncf_history(lm->m, &loss, &hr, &ndcg) == h;
	int ranked = implicit && lab_test_set(l) && !isnan(hr[h - 1]);
	char title[200];
	if (model_ranking_only(lm->m))
		snprintf(title, sizeof title, "Training loss%s per epoch (model %s)",
			 ranked ? ", HR@10 and NDCG@10" : "", lm->name);
	else
		snprintf(title, sizeof title, "RMSE per epoch (model %s)", lm->name);
	view *v = view_line(title, ranked ? 3 : te ? 2 : 1);
	if (!v || view_line_series(v, 0, model_ranking_only(lm->m) ? "loss" : "train", h, NULL, tr) < 0 ||
	    (te && view_line_series(v, 1, "test", h, NULL, te) < 0) ||
	    (ranked && (view_line_series(v, 1, "HR@10", h, NULL, hr) < 0 ||
			view_line_series(v, 2, "NDCG@10", h, NULL, ndcg) < 0))) {
		view_free(&v);
		return ll_fail(err, "out of memory");
	}
	v->u.line.xlabel = strdup("epoch");
	v->u.line.ylabel = strdup(model_ranking_only(lm->m) ? (ranked ? "loss, HR@10, NDCG@10" : "loss")
							    : te ? "RMSE (train unclipped, test clipped)"
								 : "RMSE (unclipped)");
	*out = v;
	lab_last_num(l, "loss", tr[h - 1]);
	if (ranked) {
		lab_last_num(l, "hr", hr[h - 1]);
		lab_last_num(l, "ndcg", ndcg[h - 1]);
	}
	lab_result(l, tr[h - 1]);
	return 0;
}

static int plot_spectrum(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	const double *sigma;
	int n;
	double total;
	if (mf_spectrum(lm->m, &sigma, &n, &total, err) < 0)
		return ll_prefix(err, "plot spectrum: ");
	char title[200];
	double kept = mf_energy_kept(lm->m, n);
	snprintf(title, sizeof title, "Singular values (model %s): the first %d keep %.1f%% of the energy",
		 lm->name, n, 100 * kept);
	view *v = view_bar(title, n, "%.2f");
	if (!v)
		return ll_fail(err, "out of memory");
	for (int i = 0; i < n; i++) {
		char lab_[32];
		snprintf(lab_, sizeof lab_, "σ%d", i + 1);
		v->u.bar.labels[i] = strdup(lab_);
		v->u.bar.values[i] = sigma[i];
	}
	*out = v;
	lab_last_num(l, "energy", kept);
	lab_result(l, kept);
	return 0;
}

static int plot_ratings(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	double lo = ratings_scale_lo(r), hi = ratings_scale_hi(r), step = ratings_scale_step(r);
	if (!(step > 0))
		step = 1;
	int bins = (int)floor((hi - lo) / step + 0.5) + 1;
	if (bins < 1 || bins > 200)
		bins = 10, step = (hi - lo) / 10;
	view *v = view_hist("Ratings", bins);
	if (!v)
		return ll_fail(err, "out of memory");
	/* One bin per step of the scale, centred on the rating values. */
	for (int b = 0; b <= bins; b++)
		v->u.hist.edges[b] = lo - step / 2 + b * step;
	const ll_rating *e = ratings_entries(r);
	size_t n = ratings_count(r);
	for (size_t j = 0; j < n; j++) {
		int b = (int)floor((e[j].value - (lo - step / 2)) / step);
		if (b < 0)
			b = 0;
		if (b >= bins)
			b = bins - 1;
		v->u.hist.counts[b] += 1;
	}
	*out = v;
	lab_result(l, (double)n);
	return 0;
}

static int run_plot(lab_call *c, view **out, ll_error *err)
{
	const char *what = c->argv[0].text;
	if (!strcmp(what, "embeddings"))
		return plot_embeddings(c, out, err);
	if (!strcmp(what, "loss"))
		return plot_loss(c, out, err);
	if (!strcmp(what, "spectrum"))
		return plot_spectrum(c, out, err);
	return plot_ratings(c, out, err);
}

/* --- project ---------------------------------------------------------------- */

static const lab_opt project_opts[] = {
	{ "show", OPT_WORD, "both", "which points", "both|users|items" },
	{ "n", OPT_INT, "30", "at most this many users and items (the most rated)", NULL },
	{ "model", OPT_STR, NULL, "the model to project (default: the current one)", NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* `project` is `plot embeddings` with PCA's wording, and it can also train
 * a fresh model while recording (project ALGO ...), leaving the session's
 * models alone. */
static int run_project(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const ratings *train = lab_train_set(l);
	if (!train)
		return ll_fail(err, "project: load a dataset first (load toy)");
	model *fresh = NULL, *m;
	const char *mname;
	long epochs = 0;
	if (c->argc > 0) {
		params *p = params_new();
		for (int i = 1; p && i < c->words->n; i++)
			if (c->words->w[i].key && !lab_cmd_opt(c->cmd, c->words->w[i].key))
				params_set(p, c->words->w[i].key, c->words->w[i].value);
		if (p && !params_str(p, "seed", NULL)) {
			char sb[24];
			snprintf(sb, sizeof sb, "%lu", l->seed);
			params_set(p, "seed", sb);
		}
		/* One frame per epoch: the epochs given, else 20. */
		epochs = p ? params_long(p, "epochs|n_epochs|maxIter", 20) : 20;
		fresh = p ? model_new(c->argv[0].text, p, err) : NULL;
		params_free(&p);
		if (!fresh)
			return ll_prefix(err, "project: ");
		if (!model_is_iterative(fresh) || epochs < 1 || epochs > 500) {
			model_free(&fresh);
			return ll_fail(err, "project: %s must train epoch by epoch, for 1 to 500 epochs",
				       c->argv[0].text);
		}
		/* A fresh model has no vectors until its first epoch. */
		if (model_fit_epoch(fresh, train, err) < 0) {
			model_free(&fresh);
			return ll_prefix(err, "project: ");
		}
		epochs--;
		m = fresh, mname = c->argv[0].text;
	} else {
		lab_model *lm = lab_factor_model(c, "project", err);
		if (!lm)
			return -1;
		m = lm->m, mname = lm->name;
	}
	int rc = lab_embedding_frames(l, m, mname, lab_opt_str(c, "show", "both"),
				      (int)lab_opt_long(c, "n", 30), epochs, 1, out, err);
	model_free(&fresh);
	if (rc < 0)
		return ll_prefix(err, "project: ");
	char title[300];
	snprintf(title, sizeof title, "Users and items in 2D: the two main directions of %s's factors%s",
		 mname, c->argc > 0 ? ", epoch by epoch" : "");
	free((*out)->title);
	(*out)->title = strdup(title);
	return 0;
}

const lab_cmd lab_cmds_plot[] = {
	{ "plot", "embeddings|loss|spectrum|ratings", 1, 1, { ARG_WORD },
	  "embeddings|loss|spectrum|ratings", plot_opts, 0, "draw a chart",
	  "plot embeddings   users and items in the latent space (show=users|items, n=40)\n"
	  "                  epochs=N trains N more epochs, keeping a frame after\n"
	  "                  each (every=M: after every M-th and the last)\n"
	  "plot loss         train (and test) RMSE per epoch\n"
	  "plot spectrum     singular values of an svd model\n"
	  "plot ratings      histogram of the rating values",
	  run_plot },
	{ "project", "[ALGO [OPTION=VALUE]...] [show=both|users|items] [n=N] [model=NAME]", 0, 1,
	  { ARG_ALGO }, NULL, project_opts, 1, "users and items in 2D (PCA), over epochs",
	  "project                   the current model's vectors, PCA to 2D\n"
	  "project sgd k=8 epochs=30 train afresh, one frame per epoch (default 20)\n"
	  "Successive frames are turned onto the previous one (Procrustes) so the\n"
	  "picture does not flip or spin. Sets last.explained (the variance kept).",
	  run_project },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

/* cmd_vector.c: latent vectors by hand: write one (setvec), and count
 * what regularization did to all of them (weights). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/model/metrics.h"
#include "engine/core/intl.h"
#include "lab/lab_impl.h"


static const lab_opt model_opt[] = {
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* --- setvec -------------------------------------------------------------- */

static int run_setvec(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int side, x, k = model_k(lm->m);
	float *f = lab_vec_of(l, lm, c->argv[0].text, &side, &x, err);
	if (!f) {
		l->err_col = c->argv[0].col;
		return -1;
	}
	if (c->argc - 1 != k)
		return ll_fail(err, "setvec: model '%s' has k=%d, so give %d value%s, not %d", lm->name,
			       k, k, k == 1 ? "" : "s", c->argc - 1);
	float *v = malloc((size_t)k * sizeof *v + 1);
	if (!v)
		return ll_fail(err, "out of memory");
	for (int d = 0; d < k; d++) {
		char *end;
		const char *s = c->argv[d + 1].text;
		double y = strtod(s, &end);
		if (!*s || *end || !isfinite(y)) {
			free(v);
			l->err_col = c->argv[d + 1].col;
			return ll_fail(err, "setvec: '%s' is not a number", s);
		}
		v[d] = (float)y;
	}
	memcpy(f, v, (size_t)k * sizeof *v);
	free(v);
	const char *label = side == SIDE_USER ? ratings_user_name(l->data, x)
					      : ratings_item_title(l->data, x);
	view *w = view_vectors(NULL, 1, k);
	if (!w)
		return ll_fail(err, "out of memory");
	char title[300];
	snprintf(title, sizeof title, _("%s set by hand (model %s, k=%d)"), label, lm->name, k);
	w->title = strdup(title);
	w->u.vectors.labels[0] = strdup(label);
	w->u.vectors.side[0] = (unsigned char)side;
	for (int d = 0; d < k; d++)
		w->u.vectors.values[d] = f[d];
	*out = w;
	lab_last_num(l, "component", f[0]);
	lab_result(l, f[0]);
	return 0;
}

/* --- weights ------------------------------------------------------------- */

/* Count a model's weights: how many, how many exactly 0, their mean size. */
static void count_weights(const model *m, size_t *n, size_t *zeros, double *mean_abs)
{
	int k = model_k(m);
	const float *tab[2] = { model_user_factors_const(m), model_item_factors_const(m) };
	size_t cnt[2] = { (size_t)model_n_users(m) * k, (size_t)model_n_items(m) * k };
	double sa = 0;
	*n = *zeros = 0;
	for (int t = 0; t < 2; t++)
		for (size_t j = 0; tab[t] && j < cnt[t]; j++) {
			*zeros += tab[t][j] == 0.0f;
			sa += fabs(tab[t][j]);
			(*n)++;
		}
	*mean_abs = *n ? sa / (double)*n : 0;
}

/* weights A B C: the models side by side, with their errors: the training
 * RMSE of their last epoch (unclipped, as train prints it) and, with a
 * split they were trained on, the test RMSE (clipped, as eval gives it). */
static int weights_of(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const ratings *test = lab_test_set(l);
	view *v = view_table(_("The models' weights and errors"), c->argc, 6);
	if (!v)
		return ll_fail(err, "out of memory");
	/* TRANSLATORS: weights' columns; |w| is a weight's size. */
	const char *h[] = { _("model"), _("weights"), _("exactly 0"), _("mean |w|"), _("train RMSE"),
			    _("test RMSE") };
	for (int col = 0; col < 6; col++)
		view_table_header(v, col, h[col], col ? 'r' : 'l');
	for (int a = 0; a < c->argc; a++) {
		lab_model *lm = lab_model_find(l, c->argv[a].text);
		if (!lm || model_k(lm->m) < 1 || !model_user_factors_const(lm->m)) {
			view_free(&v);
			l->err_col = c->argv[a].col;
			return lm ? ll_fail(err, "weights: model '%s' has no latent vectors", lm->name)
				  : ll_fail(err, "weights: no model '%s' (models lists them)", c->argv[a].text);
		}
		size_t n, z;
		double mean_abs, te = NAN, mae;
		count_weights(lm->m, &n, &z, &mean_abs);
		const double *tr;
		int hist = model_history(lm->m, &tr, NULL);
		double train = hist > 0 ? tr[hist - 1] : NAN;
		if (test && lm->on_split && metrics_rating(lm->m, test, &te, &mae, err) < 0) {
			view_free(&v);
			return ll_prefix(err, "weights: ");
		}
		view_table_set(v, a, 0, "%s", lm->name);
		view_table_set(v, a, 1, "%zu", n);
		view_table_set(v, a, 2, "%zu", z);
		view_table_set(v, a, 3, "%.4f", mean_abs);
		if (isfinite(train))
			view_table_set(v, a, 4, "%.4f", train);
		else
			view_table_set(v, a, 4, "-");
		if (isfinite(te))
			view_table_set(v, a, 5, "%.4f", te);
		else
			view_table_set(v, a, 5, "%s", !test ? _("no split") : "-");
		char key[120];
		snprintf(key, sizeof key, "zeros.%s", lm->name);
		lab_last_num(l, key, (double)z);
		snprintf(key, sizeof key, "mean_abs.%s", lm->name);
		lab_last_num(l, key, mean_abs);
		if (isfinite(train)) {
			snprintf(key, sizeof key, "train_rmse.%s", lm->name);
			lab_last_num(l, key, train);
		}
		if (isfinite(te)) {
			snprintf(key, sizeof key, "test_rmse.%s", lm->name);
			lab_last_num(l, key, te);
		}
	}
	*out = v;
	return 0;
}

static int run_weights(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	if (c->argc > 0)
		return weights_of(c, out, err);
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	int k = model_k(lm->m);
	if (k < 1 || !model_user_factors_const(lm->m))
		return ll_fail(err, "weights: model '%s' has no latent vectors", lm->name);
	const float *tab[2] = { model_user_factors_const(lm->m), model_item_factors_const(lm->m) };
	size_t cnt[2] = { (size_t)model_n_users(lm->m) * k, (size_t)model_n_items(lm->m) * k };
	view *v = view_table(NULL, 3, 5);
	if (!v)
		return ll_fail(err, "out of memory");
	char title[200];
	snprintf(title, sizeof title, _("The weights of model %s (k=%d)"), lm->name, k);
	v->title = strdup(title);
	const char *h[] = { "", _("weights"), _("exactly 0"), _("mean |w|"), _("largest |w|") };
	for (int col = 0; col < 5; col++)
		view_table_header(v, col, h[col], col ? 'r' : 'l');
	size_t all_n = 0, all_z = 0;
	double all_abs = 0, all_max = 0;
	for (int t = 0; t < 3; t++) {
		size_t nz = 0, nn = t < 2 ? cnt[t] : all_n;
		double sa = 0, mx = 0;
		if (t < 2) {
			for (size_t j = 0; j < cnt[t]; j++) {
				double a = fabs(tab[t][j]);
				nz += tab[t][j] == 0.0f;
				sa += a;
				if (a > mx)
					mx = a;
			}
			all_n += cnt[t], all_z += nz, all_abs += sa;
			if (mx > all_max)
				all_max = mx;
		} else {
			nz = all_z, sa = all_abs, mx = all_max;
		}
		/* TRANSLATORS: the rows of 'weights MODEL': the user vectors, the movie vectors, both. */
		view_table_set(v, t, 0, "%s", t == 0 ? _("users") : t == 1 ? _("movies") : _("all"));
		view_table_set(v, t, 1, "%zu", nn);
		view_table_set(v, t, 2, "%zu", nz);
		view_table_set(v, t, 3, "%.4f", nn ? sa / (double)nn : 0);
		view_table_set(v, t, 4, "%.4f", mx);
	}
	*out = v;
	lab_last_num(l, "zeros", (double)all_z);
	lab_last_num(l, "weights", (double)all_n);
	lab_last_num(l, "zero_share", all_n ? (double)all_z / (double)all_n : 0);
	lab_last_num(l, "mean_abs", all_n ? all_abs / (double)all_n : 0);
	lab_last_num(l, "largest", all_max);
	lab_result(l, (double)all_z);
	return 0;
}

const lab_cmd lab_cmds_vector[] = {
	{ "setvec", "NAME VALUE... [model=NAME]", 2, -1, { ARG_NAME, ARG_NUMBER, ARG_NUMBER, ARG_NUMBER }, NULL, model_opt, 0,
	  N_("write a latent vector by hand"),
	  N_("setvec Avengers 0.1\n"
	  "setvec Cheolsu 0.5 -0.2     (one value per factor: k of them)\n"
	  "Overwrites the current model's vector of a user or movie, so a lesson can\n"
	  "start SGD from chosen values (train sgd k=1 init=given epochs=0 first)."),
	  run_setvec },
	{ "weights", "[MODEL]... [model=NAME]", 0, -1, { ARG_MODEL, ARG_MODEL, ARG_MODEL, ARG_MODEL },
	  NULL, model_opt, 0, N_("count exact zeros and sizes of a model's weights"),
	  N_("weights\nHow many of the factors are exactly 0 (L1 makes some), their mean and\n"
	  "largest size. Sets last.zeros, last.zero_share, last.mean_abs, last.largest.\n"
	  "weights plain l2 l1   the models side by side: weights, exact zeros, mean size,\n"
	  "                      the training RMSE of the last epoch (unclipped) and, after a\n"
	  "                      split they trained on, the test RMSE (clipped to the scale).\n"
	  "                      Sets last.zeros.NAME, mean_abs.NAME, train_rmse.NAME,\n"
	  "                      test_rmse.NAME."),
	  run_weights },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

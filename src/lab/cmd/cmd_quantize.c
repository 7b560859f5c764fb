/* cmd_quantize.c: latent vectors in fewer bits: one vector on the grid,
 * then every precision measured (bytes, errors, ranking, top-k kept). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/vectors/quant.h"
#include "engine/vectors/quant_eval.h"
#include "lab/lab_impl.h"


/* --- quantize --------------------------------------------------------------- */

static const lab_opt quant_opts[] = {
	{ "precision", OPT_WORD, "int4", "the precision whose grid to show", QUANT_NAMES },
	{ "symmetric", OPT_BOOL, "false", "symmetric grid (zero exact, one level fewer)", NULL },
	{ "item", OPT_STR, NULL, "the item whose vector to show on the grid (default: the most rated)", NULL },
	{ "n", OPT_INT, "10", "K of hr@K, ndcg@K and the top-K overlap", NULL },
	{ "model", OPT_STR, NULL, "the model to quantize (default: the current one)", NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int most_rated_item(const ratings *r)
{
	int best = 0;
	size_t bn = 0;
	for (int i = 0; i < ratings_n_items(r); i++) {
		const uint32_t *pos;
		size_t n = ratings_item_entries(r, i, &pos);
		if (n > bn)
			bn = n, best = i;
	}
	return best;
}

/* Every precision's cost on the test part (or the training data). */
static view *effects_table(lab *l, lab_model *lm, int sym, int n, ll_error *err)
{
	const ratings *train = lab_train_set(l), *test = lab_test_set(l);
	int on_test = test && lm->on_split;
	if (!on_test)
		test = train;
	int *ref = quant_reference_topk(lm->m, train, n, err);
	if (!ref)
		return NULL;
	char title[200];
	snprintf(title, sizeof title, "Model %s stored in fewer bits (%s grids), measured on %s", lm->name,
		 sym ? "symmetric" : "asymmetric", on_test ? "the test ratings" : "the training ratings");
	view *v = view_table(title, QUANT_N, 7);
	const char *hd[] = { "precision", "bytes", "RMSE", "MAE", "HR@K", "NDCG@K", "top-K kept" };
	for (int j = 0; j < 7; j++)
		view_table_header(v, j, hd[j], j ? 'r' : 'l');
	for (int p = QUANT_F32; p <= QUANT_INT2; p++) {
		quant_effect e;
		if (quant_effect_measure(lm->m, train, test, (quant_prec)p, sym, n, 4.0, ref, &e, err) < 0) {
			view_free(&v);
			free(ref);
			return NULL;
		}
		view_table_set(v, p, 0, "%s", quant_name((quant_prec)p));
		view_table_set(v, p, 1, "%zu", e.bytes);
		view_table_set(v, p, 2, "%.4f", e.rmse);
		view_table_set(v, p, 3, "%.4f", e.mae);
		view_table_set(v, p, 4, "%.3f", e.hr);
		view_table_set(v, p, 5, "%.3f", e.ndcg);
		view_table_set(v, p, 6, "%.0f%%", 100 * e.overlap);
		if (p == QUANT_INT4)
			lab_last_num(l, "quantize.int4_rmse", e.rmse);
		if (p == QUANT_F32)
			lab_last_num(l, "quantize.f32_rmse", e.rmse);
	}
	free(ref);
	return v;
}

static int run_quantize(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_factor_model(c, "quantize", err);
	if (!lm)
		return -1;
	int k = model_k(lm->m), sym = params_bool(c->opts, "symmetric", false);
	int n = (int)lab_opt_long(c, "n", 10);
	if (n < 1 || n > 1000)
		return ll_fail(err, "quantize: n must be between 1 and 1000");
	quant_prec p = (quant_prec)quant_from_name(lab_opt_str(c, "precision", "int4"));
	const char *iname = lab_opt_str(c, "item", NULL);
	int item = iname ? lab_item(l, iname, err) : most_rated_item(lab_train_set(l));
	if (item < 0)
		return -1;
	if (item >= model_n_items(lm->m))
		return ll_fail(err, "quantize: model '%s' was trained before that item existed", lm->name);
	const float *x = model_item_factors_const(lm->m) + (size_t)item * k;
	qtable *t = quant_encode(x, 1, k, p, sym, err);
	float *back = malloc(((size_t)k + 1) * sizeof *back), levels[256];
	if (!t || !back) {
		quant_free(&t);
		free(back);
		return err->msg[0] ? -1 : ll_fail(err, "out of memory");
	}
	quant_decode_row(t, 0, back);
	int nl = quant_levels(t, 0, levels);
	char title[300];
	snprintf(title, sizeof title, "%s's vector in %s%s: each value moves to its nearest level",
		 ratings_item_title(l->data, item), quant_name(p),
		 p >= QUANT_INT8 ? (sym ? " (symmetric)" : " (asymmetric)") : "");
	view *v = view_table(title, k, 5);
	view_table_header(v, 0, "dim", 'r');
	view_table_header(v, 1, "value", 'r');
	view_table_header(v, 2, "code", 'r');
	view_table_header(v, 3, "stored", 'r');
	view_table_header(v, 4, "error", 'r');
	double worst = 0;
	for (int j = 0; j < k; j++) {
		view_table_set(v, j, 0, "%d", j);
		view_table_set(v, j, 1, "%.4f", x[j]);
		if (p >= QUANT_INT8)
			view_table_set(v, j, 2, "%d", quant_code(t, 0, j));
		else
			view_table_set(v, j, 2, "-");
		view_table_set(v, j, 3, "%.4f", back[j]);
		view_table_set(v, j, 4, "%+.4f", back[j] - x[j]);
		worst = fmax(worst, fabs(back[j] - x[j]));
	}
	if (nl > 0 && nl <= 64) {
		/* int8's 256 levels are too many bars to read; int4 and int2 fit. */
		view *g = view_bar("The grid: the only values this row can store", nl, "%.4f");
		int first = p >= QUANT_INT8 && sym ? -(nl / 2) : 0;
		for (int i = 0; g && i < nl; i++) {
			char name[16];
			snprintf(name, sizeof name, "code %d", first + i);
			g->u.bar.labels[i] = strdup(name);
			g->u.bar.values[i] = levels[i];
		}
		view_append(&v, g);
	}
	char body[300];
	if (nl > 0)
		snprintf(body, sizeof body, "%d levels %.4f apart, from %.4f to %.4f; the largest "
			 "error here is %.4f, never more than half a level (%.4f).", nl,
			 quant_step(t, 0), levels[0], levels[nl - 1], worst, quant_step(t, 0) / 2);
	else
		snprintf(body, sizeof body, "%s keeps about %s significant digits; the largest error "
			 "here is %.2g.", quant_name(p), p == QUANT_F16 ? "3" : "7", worst);
	view_append(&v, view_text(NULL, body));
	view *e = effects_table(l, lm, sym, n, err);
	if (!e) {
		view_free(&v);
		quant_free(&t);
		free(back);
		return -1;
	}
	view_append(&v, e);
	*out = v;
	lab_last_num(l, "quantize.levels", nl);
	lab_last_num(l, "quantize.step", quant_step(t, 0));
	lab_last_num(l, "quantize.max_error", worst);
	lab_result(l, worst);
	quant_free(&t);
	free(back);
	return 0;
}

const lab_cmd lab_cmds_quantize[] = {
	{ "quantize", "[precision=int4] [symmetric=true] [item=ITEM] [model=NAME]", 0, 0, { 0 }, NULL,
	  quant_opts, 0, "store latent vectors in fewer bits: the grid and what it costs",
	  "quantize precision=int4 item=Avengers\n"
	  "One item's vector on the grid of the chosen precision (each value, its code,\n"
	  "what is stored, the error), then every precision (f32, f16, int8, int4, int2)\n"
	  "measured: bytes, RMSE, MAE, HR@K, NDCG@K and how much of each user's float32\n"
	  "top K stays. Sets last.quantize.max_error, .step, .levels, .int4_rmse.",
	  run_quantize },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

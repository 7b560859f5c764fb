/* wide_deep_train.c: training Wide & Deep (wide_deep_impl.h): the loss and
 * gradient of a mini-batch, Adam, the epoch over shuffled ratings or sampled
 * negatives, and the hooks the gradient checks use.
 *
 * Training is mini-batch: forward the batch through the tower (nn.h's dense
 * layers), backward to the input, then Adam on the dense layers and lazy
 * Adam on the wide weights and embedding rows the batch touched (as NCF's
 * code does), all in one thread in a fixed order. */
#include "engine/nn/wide_deep_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

static int ensure_batch(wd_model *w, int B)
{
	if (B <= w->cap_B)
		return 0;
	int in = w->n_fields * w->d;
	for (int l = 0; l <= w->n_tower; l++) {
		int width = l == 0 ? in : w->tower[l - 1].out;
		free(w->act[l]), free(w->dact[l]);
		w->act[l] = malloc((size_t)B * width * sizeof(float));
		w->dact[l] = malloc((size_t)B * width * sizeof(float));
		if (!w->act[l] || !w->dact[l])
			return -1;
	}
	free(w->dscore);
	w->dscore = malloc((size_t)B * sizeof *w->dscore);
	if (!w->dscore)
		return -1;
	w->cap_B = B;
	return 0;
}

static void touch_w(wd_model *w, int32_t f)
{
	if (!w->mark_w[f])
		w->mark_w[f] = 1, w->tw[w->ntw++] = f;
}

static void touch_e(wd_model *w, int64_t r)
{
	if (!w->mark_e[r])
		w->mark_e[r] = 1, w->te[w->nte++] = (int32_t)r;
}

/* Loss of B examples and the gradients (into gw, gE, gW, gb; touched rows
 * listed). Gradients must be zero on entry. */
static double batch_loss_grad(wd_model *w, const int32_t *U, const int32_t *I, const float *Y,
			      int B, double *sq_err)
{
	int d = w->d, in = w->n_fields * d;
	float lam = (float)w->reg, invB = 1.0f / (float)B;
	double loss = 0, se = 0;
	float *X = w->act[0];
	for (int b = 0; w->use_deep && b < B; b++) {
		wd_item it = wd_item_of(w, I[b]);
		wd_deep_input(w, U[b], &it, X + (size_t)b * in);
	}
	for (int l = 0; w->use_deep && l < w->n_tower; l++)
		nn_dense_forward(&w->tower[l], B, w->act[l], w->act[l + 1]);
	const float *out = w->act[w->n_tower];
	for (int b = 0; b < B; b++) {
		wd_item it = wd_item_of(w, I[b]);
		double s = (w->use_wide ? wd_wide_sum(w, U[b], &it) : w->w[0]) +
			   (w->use_deep ? out[b] : 0);
		float ds;
		if (w->implicit) {
			loss += nn_bce_logit((float)s, Y[b], &ds);
		} else {
			double e = w->mu + s - Y[b];
			loss += 0.5 * e * e;
			se += e * e;
			ds = (float)e;
		}
		w->dscore[b] = ds * invB;
	}
	/* the penalty, over the weights each example uses */
	int32_t f[WD_MAX_WIDE];
	int64_t row[WD_MAX_FIELDS], g_rows[RATINGS_MAX_GENRES + 1];
	int n_g;
	for (int b = 0; b < B; b++) {
		float g = w->dscore[b];
		if (w->use_wide) {
			wd_item it = wd_item_of(w, I[b]);
			int n = wd_wide_feats(w, U[b], &it, f);
			w->gw[0] += g;
			touch_w(w, 0);
			for (int j = 1; j < n; j++) {
				float v = w->w[f[j]];
				loss += (double)lam * v * v;
				w->gw[f[j]] += g + 2 * lam * invB * v;
				touch_w(w, f[j]);
			}
		} else {
			w->gw[0] += g;
			touch_w(w, 0);
		}
	}
	if (w->use_deep) {
		float *dY = w->dact[w->n_tower];
		memcpy(dY, w->dscore, (size_t)B * sizeof *dY);
		for (int l = w->n_tower - 1; l >= 0; l--)
			nn_dense_backward(&w->tower[l], B, w->act[l], w->act[l + 1], w->dact[l + 1],
					  w->dact[l], w->gW[l], w->gb[l]);
		const float *dX = w->dact[0];
		for (int b = 0; b < B; b++) {
			wd_item it = wd_item_of(w, I[b]);
			wd_deep_rows(w, U[b], &it, row, g_rows, &n_g);
			for (int fi = 0; fi < w->n_fields; fi++) {
				const float *dx = dX + (size_t)b * in + (size_t)fi * d;
				int nr = row[fi] == -2 ? n_g : row[fi] >= 0;
				for (int j = 0; j < nr; j++) {
					int64_t r = row[fi] == -2 ? g_rows[j] : row[fi];
					float *e = w->E + (size_t)r * d, *ge = w->gE + (size_t)r * d;
					float sc = row[fi] == -2 ? 1.0f / (float)n_g : 1.0f;
					loss += (double)lam * nn_dot(e, e, d);
					nn_axpy(sc, dx, ge, d);
					nn_axpy(2 * lam * invB, e, ge, d);
					touch_e(w, r);
				}
			}
		}
	}
	if (sq_err)
		*sq_err = se;
	return loss * invB;
}

static void zero_grads(wd_model *w)
{
	for (size_t j = 0; j < w->ntw; j++)
		w->gw[w->tw[j]] = 0, w->mark_w[w->tw[j]] = 0;
	for (size_t j = 0; j < w->nte; j++) {
		memset(w->gE + (size_t)w->te[j] * w->d, 0, (size_t)w->d * sizeof(float));
		w->mark_e[w->te[j]] = 0;
	}
	w->ntw = w->nte = 0;
	for (int l = 0; l < w->n_tower; l++) {
		memset(w->gW[l], 0, (size_t)w->tower[l].in * w->tower[l].out * sizeof(float));
		memset(w->gb[l], 0, (size_t)w->tower[l].out * sizeof(float));
	}
}

/* Adam: dense layers whole, wide weights and embedding rows lazily (the
 * touched ones, in the order first touched). Then clear the gradients. */
static void step(wd_model *w)
{
	nn_adam_tick(&w->adam);
	for (size_t j = 0; j < w->ntw; j++) {
		int32_t f = w->tw[j];
		nn_adam_step(&w->adam, w->w + f, w->gw + f, w->mw + f, w->vw + f, 1);
	}
	for (size_t j = 0; j < w->nte; j++) {
		size_t o = (size_t)w->te[j] * w->d;
		nn_adam_step(&w->adam, w->E + o, w->gE + o, w->mE + o, w->vE + o, (size_t)w->d);
	}
	if (w->use_deep)
		for (int l = 0; l < w->n_tower; l++) {
			nn_dense *t = &w->tower[l];
			nn_adam_step(&w->adam, t->W, w->gW[l], w->mW[l], w->vW[l],
				     (size_t)t->in * t->out);
			nn_adam_step(&w->adam, t->b, w->gb[l], w->mb[l], w->vb[l], (size_t)t->out);
			nn_dense_transpose(t);
		}
	zero_grads(w);
}

double wd_loss_grad(model *m, const int32_t *user, const int32_t *item, const float *y, int B)
{
	wd_model *w = (wd_model *)m;
	if (!wd_is_wide_deep(m) || !w->ready || ensure_batch(w, B) < 0)
		return NAN;
	zero_grads(w);
	return batch_loss_grad(w, user, item, y, B, NULL);
}

float *wd_param(model *m, int i, size_t *len, const float **grad)
{
	wd_model *w = (wd_model *)m;
	if (!wd_is_wide_deep(m) || !w->ready || i < 0)
		return NULL;
	if (i == 0) {
		*len = w->n_wide, *grad = w->gw;
		return w->w;
	}
	if (i == 1) {
		*len = w->n_rows * (size_t)w->d, *grad = w->gE;
		return w->E;
	}
	int l = (i - 2) / 2;
	if (l >= w->n_tower)
		return NULL;
	nn_dense *t = &w->tower[l];
	if ((i - 2) % 2 == 0) {
		*len = (size_t)t->in * t->out, *grad = w->gW[l];
		return t->W;
	}
	*len = (size_t)t->out, *grad = w->gb[l];
	return t->b;
}

void wd_refresh(model *m)
{
	wd_model *w = (wd_model *)m;
	for (int l = 0; wd_is_wide_deep(m) && l < w->n_tower; l++)
		nn_dense_transpose(&w->tower[l]);
}

/* --- training ------------------------------------------------------------ */

int wd_fit_epoch(model *m, const ratings *train, ll_error *err)
{
	wd_model *w = (wd_model *)m;
	if (!w->ready || m->n_users != ratings_n_users(train) ||
	    m->n_items != ratings_n_items(train)) {
		if (wd_init(m, train, err) < 0)
			return -1;
	}
	size_t n;
	const ll_rating *ent = ratings_entries(train);
	if (w->implicit) {
		if (!w->imp && !(w->imp = ncf_data_new(train, err)))
			return -1;
		if (ncf_data_epoch(w->imp, w->rng, w->neg, 0, err) < 0)
			return -1;
		n = w->imp->n_ex;
	} else {
		n = ratings_count(train);
		if (w->n_order != n) {
			free(w->order);
			w->order = malloc((n + 1) * sizeof *w->order);
			if (!w->order)
				return ll_fail(err, "out of memory");
			for (size_t j = 0; j < n; j++)
				w->order[j] = (uint32_t)j;
			w->n_order = n;
		}
		gsl_ran_shuffle(w->rng, w->order, n, sizeof *w->order);
	}
	int B = w->batch;
	if (ensure_batch(w, B) < 0 || (!w->bu && (!(w->bu = malloc((size_t)B * sizeof *w->bu)) ||
				     !(w->bi = malloc((size_t)B * sizeof *w->bi)) ||
				     !(w->by = malloc((size_t)B * sizeof *w->by)))))
		return ll_fail(err, "out of memory");
	double loss = 0, se = 0;
	for (size_t at = 0; at < n; at += (size_t)B) {
		int nb = (int)(n - at < (size_t)B ? n - at : (size_t)B);
		for (int b = 0; b < nb; b++) {
			if (w->implicit) {
				const ncf_example *x = &w->imp->ex[at + b];
				w->bu[b] = x->user, w->bi[b] = x->item, w->by[b] = x->label;
			} else {
				const ll_rating *r = &ent[w->order[at + b]];
				w->bu[b] = r->user, w->bi[b] = r->item, w->by[b] = r->value;
			}
		}
		double bse;
		loss += batch_loss_grad(w, w->bu, w->bi, w->by, nb, &bse) * nb;
		se += bse;
		step(w);
	}
	/* Ratings: the train RMSE of model.h's one definition, after the epoch
	 * (the running error of the batches would disagree with `train`'s
	 * summary); implicit data: the epoch's mean logistic loss. */
	double shown = w->implicit ? (n ? loss / (double)n : 0) : model_train_rmse(m, train);
	if (!isfinite(shown))
		return ll_fail(err, "%s diverged at epoch %d (loss %g): lower lr (now %g)",
			       model_algo(m), m->epochs_done + 1, shown, w->lr);
	m->epochs_done++;
	model_log_epoch(m, shown);
	return 0;
}


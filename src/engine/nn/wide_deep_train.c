/* wide_deep_train.c: training Wide & Deep (wide_deep_impl.h): the loss and
 * gradient of a mini-batch, Adam, the epoch over shuffled ratings or sampled
 * negatives, the train RMSE after it, and the hooks the gradient checks use.
 *
 * A batch is two steps of the team (nn_team.h, made once per epoch), as
 * NCF's are:
 *   1. the forward and backward pass, WD_CHUNK examples per task: each
 *      example's features, input, activations, score, loss and gradient at
 *      each layer's input (dX) are its own, so any task may run on any
 *      thread. It lists what each example uses: its wide weights with
 *      their gradients, its embedding rows with where their dX is;
 *   2. the gradients and Adam: a task per WD_SLICE rows of each dense
 *      layer's weights (X^T dZ over the whole batch, then their step), and
 *      a task per part of the wide weights and of the embedding rows
 *      (index % WD_PARTS), which walks step 1's lists in example order,
 *      adds the gradients into its own indexes and steps them (lazy Adam:
 *      only what the batch touched, as NCF's code does).
 * Every number is thus summed in the same order whatever the thread count,
 * and in the order of the one-thread code before it (nn_gemm sums each
 * element over the examples in order, and Adam's 8-wide kernel sees each
 * slice where it would see the whole layer): threads=N gives the weights of
 * threads=1 to the bit. Only the loss is summed per chunk (chunk_loss),
 * then over the chunks in order. The train RMSE after an epoch is step 1
 * alone, on bigger batches. */
#include "engine/nn/wide_deep_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "engine/nn/nn_team.h"

/* A task of the gradient step: WD_SLICE rows of layer's weights (the
 * first slice also takes the biases), or a part of the wide weights or of
 * the embedding rows. */
enum { TASK_DENSE, TASK_WIDE, TASK_ROWS };
struct wd_task {
	int kind, layer, i0, i1;
};

static int width_of(const wd_model *w, int level)
{
	return level == 0 ? w->n_fields * w->d : w->tower[level - 1].out;
}

/* The batch's workspace for B examples, and the task list of the step. */
static int ensure_batch(wd_model *w, int B)
{
	if (!w->tasks) {
		int n = 2 * WD_PARTS;
		for (int l = 0; l < w->n_tower; l++)
			n += (w->tower[l].in + WD_SLICE - 1) / WD_SLICE;
		if (!(w->tasks = malloc((size_t)n * sizeof *w->tasks)))
			return -1;
		/* the largest first: claimed one by one, they then even out */
		int k = 0;
		for (int l = 0; w->use_deep && l < w->n_tower; l++)
			for (int i0 = 0; i0 < w->tower[l].in; i0 += WD_SLICE) {
				int i1 = i0 + WD_SLICE < w->tower[l].in ? i0 + WD_SLICE : w->tower[l].in;
				w->tasks[k++] = (struct wd_task){ TASK_DENSE, l, i0, i1 };
			}
		for (int p = 0; w->use_deep && p < WD_PARTS; p++)
			w->tasks[k++] = (struct wd_task){ TASK_ROWS, 0, p, 0 };
		for (int p = 0; p < WD_PARTS; p++)
			w->tasks[k++] = (struct wd_task){ TASK_WIDE, 0, p, 0 };
		w->n_tasks = k;
	}
	if (B <= w->cap_B)
		return 0;
	for (int l = 0; l <= w->n_tower; l++) {
		size_t n = (size_t)B * width_of(w, l);
		free(w->act[l]), free(w->dact[l]);
		w->act[l] = malloc(n * sizeof(float));
		w->dact[l] = malloc(n * sizeof(float));
		if (!w->act[l] || !w->dact[l])
			return -1;
	}
	free(w->dscore), free(w->pred), free(w->wide_out), free(w->widx), free(w->wval);
	free(w->n_feat), free(w->ruse), free(w->chunk_nw), free(w->chunk_nr), free(w->chunk_loss);
	free(w->bu), free(w->bi), free(w->by);
	size_t nch = (size_t)B / WD_CHUNK + 1, nb = nch * WD_CHUNK;
	size_t nw = nb * (size_t)wd_max_wide(w), nr = nb * (size_t)wd_max_rows(w);
	w->dscore = malloc(nb * sizeof *w->dscore);
	w->pred = malloc(nb * sizeof *w->pred), w->wide_out = malloc(nb * sizeof *w->wide_out);
	w->widx = malloc(nw * sizeof *w->widx), w->wval = malloc(nw * sizeof *w->wval);
	w->n_feat = malloc(nb * sizeof *w->n_feat), w->ruse = malloc(nr * sizeof *w->ruse);
	w->chunk_nw = malloc(nch * sizeof *w->chunk_nw);
	w->chunk_nr = malloc(nch * sizeof *w->chunk_nr);
	w->chunk_loss = malloc(nch * sizeof *w->chunk_loss);
	w->bu = malloc(nb * sizeof *w->bu), w->bi = malloc(nb * sizeof *w->bi);
	w->by = malloc(nb * sizeof *w->by);
	if (!w->dscore || !w->pred || !w->wide_out || !w->widx || !w->wval || !w->n_feat ||
	    !w->ruse || !w->chunk_nw || !w->chunk_nr || !w->chunk_loss || !w->bu || !w->bi ||
	    !w->by)
		return -1;
	w->cap_B = B;
	return 0;
}

/* One batch: its examples, what is asked of it, and the penalty's terms. */
enum { PASS_PREDICT, PASS_GRAD, PASS_TRAIN };
typedef struct wd_batch {
	wd_model *w;
	const int32_t *U, *I;
	const float *Y;
	int B, pass;
	float lam, invB;
} wd_batch;

/* --- step 1: forward and backward, a chunk of examples per task --------- */

/* Each example's features (into the chunk's lists), its tower input and
 * its wide sum. */
static void chunk_inputs(const wd_batch *j, int lo, int C, int c)
{
	wd_model *w = j->w;
	const int in = w->n_fields * w->d;
	int32_t *widx = w->widx + (size_t)c * WD_CHUNK * wd_max_wide(w);
	struct wd_use *ruse = w->ruse + (size_t)c * WD_CHUNK * wd_max_rows(w);
	int nw = 0, nr = 0;
	for (int b = lo; b < lo + C; b++) {
		wd_item it = wd_item_of(w, j->I[b]);
		int32_t *f = widx + nw;
		int n = 1;
		if (w->use_wide)
			n = wd_wide_feats(w, j->U[b], &it, f);
		else
			f[0] = 0;
		w->n_feat[b] = n, nw += n;
		w->wide_out[b] = w->use_wide ? wd_wide_add(w, f, n) : w->w[0];
		if (!w->use_deep)
			continue;
		int64_t row[WD_MAX_FIELDS], g_rows[RATINGS_MAX_GENRES + 1];
		int n_g;
		wd_deep_rows(w, j->U[b], &it, row, g_rows, &n_g);
		wd_deep_gather(w, row, g_rows, n_g, w->act[0] + (size_t)b * in);
		for (int fi = 0; fi < w->n_fields; fi++) {
			int at = b * in + fi * w->d;
			if (row[fi] == -2)
				for (int k = 0; k < n_g; k++)
					ruse[nr++] = (struct wd_use){ (int32_t)g_rows[k], at,
								      1.0f / (float)n_g };
			else if (row[fi] >= 0)
				ruse[nr++] = (struct wd_use){ (int32_t)row[fi], at, 1.0f };
		}
	}
	w->chunk_nw[c] = nw, w->chunk_nr[c] = nr;
}

static void chunk_task(void *ctx, int c)
{
	const wd_batch *j = ctx;
	wd_model *w = j->w;
	const int lo = c * WD_CHUNK, C = j->B - lo < WD_CHUNK ? j->B - lo : WD_CHUNK;
	const float lam = j->lam, invB = j->invB;
	chunk_inputs(j, lo, C, c);
	for (int l = 0; w->use_deep && l < w->n_tower; l++)
		nn_dense_forward(&w->tower[l], C, w->act[l] + (size_t)lo * width_of(w, l),
				 w->act[l + 1] + (size_t)lo * width_of(w, l + 1));
	const float *out = w->act[w->n_tower];
	double loss = 0;
	for (int b = lo; b < lo + C; b++) {
		if (j->pass == PASS_PREDICT) {
			/* as predict() does, to the bit */
			w->pred[b] = w->mu + w->wide_out[b] + (w->use_deep ? out[b] : 0);
			continue;
		}
		double s = w->wide_out[b] + (w->use_deep ? out[b] : 0);
		float ds;
		if (w->implicit) {
			loss += nn_bce_logit((float)s, j->Y[b], &ds);
		} else {
			double e = w->mu + s - j->Y[b];
			loss += 0.5 * e * e;
			ds = (float)e;
		}
		w->dscore[b] = ds * invB;
	}
	if (j->pass == PASS_PREDICT)
		return;
	/* each wide weight's gradient, the penalty's included (w0 has none),
	 * summed into place by step 2; the penalty's loss */
	const int32_t *widx = w->widx + (size_t)c * WD_CHUNK * wd_max_wide(w);
	float *wval = w->wval + (size_t)c * WD_CHUNK * wd_max_wide(w);
	for (int b = lo, k = 0; b < lo + C; b++) {
		float g = w->dscore[b];
		wval[k++] = g;
		for (int e = 1; e < w->n_feat[b]; e++, k++) {
			float v = w->w[widx[k]];
			loss += (double)lam * v * v;
			wval[k] = g + 2 * lam * invB * v;
		}
	}
	const struct wd_use *ruse = w->ruse + (size_t)c * WD_CHUNK * wd_max_rows(w);
	for (int k = 0; lam > 0 && k < w->chunk_nr[c]; k++) {
		const float *e = w->E + (size_t)ruse[k].row * w->d;
		loss += (double)lam * nn_dot(e, e, w->d);
	}
	w->chunk_loss[c] = loss;
	if (!w->use_deep)
		return;
	/* backward to the tower's input: dact[l + 1] ends as layer l's dZ */
	memcpy(w->dact[w->n_tower] + lo, w->dscore + lo, (size_t)C * sizeof(float));
	for (int l = w->n_tower - 1; l >= 0; l--)
		nn_dense_backward_rows(&w->tower[l], C, w->act[l + 1] + (size_t)lo * width_of(w, l + 1),
				       w->dact[l + 1] + (size_t)lo * width_of(w, l + 1),
				       w->dact[l] + (size_t)lo * width_of(w, l));
}

/* --- step 2: gradients and Adam, a slice or a part per task ------------- */

/* Rows i0..i1-1 of layer l's weights (and its biases with the first
 * slice): their gradient over the whole batch, then, training, their step
 * and a clean gradient for the next batch. */
static void dense_task(const wd_batch *j, int l, int i0, int i1)
{
	wd_model *w = j->w;
	nn_dense *t = &w->tower[l];
	const int out = t->out;
	float *db = i0 == 0 ? w->gb[l] : NULL;
	nn_dense_backward_weights(t, j->B, w->act[l], w->dact[l + 1], i0, i1, w->gW[l], db);
	if (j->pass != PASS_TRAIN)
		return;
	size_t o = (size_t)i0 * out, n = (size_t)(i1 - i0) * out;
	nn_adam_step(&w->adam, t->W + o, w->gW[l] + o, w->mW[l] + o, w->vW[l] + o, n);
	memset(w->gW[l] + o, 0, n * sizeof(float));
	for (int i = i0; i < i1; i++)
		for (int k = 0; k < out; k++)
			t->WT[(size_t)k * t->in + i] = t->W[(size_t)i * out + k];
	if (db) {
		nn_adam_step(&w->adam, t->b, db, w->mb[l], w->vb[l], (size_t)out);
		memset(db, 0, (size_t)out * sizeof *db);
	}
}

/* Part p of the wide weights (index % WD_PARTS == p): the gradients step
 * 1 listed, in example order, then their step. */
static void wide_task(const wd_batch *j, int p)
{
	wd_model *w = j->w;
	int32_t *list = w->tw + (size_t)p * w->cap_tw;
	size_t nt = w->ntw[p];
	for (int c = 0, nch = (j->B + WD_CHUNK - 1) / WD_CHUNK; c < nch; c++) {
		const int32_t *widx = w->widx + (size_t)c * WD_CHUNK * wd_max_wide(w);
		const float *wval = w->wval + (size_t)c * WD_CHUNK * wd_max_wide(w);
		for (int k = 0; k < w->chunk_nw[c]; k++) {
			int32_t x = widx[k];
			if ((uint32_t)x % WD_PARTS != (uint32_t)p)
				continue;
			w->gw[x] += wval[k];
			if (!w->mark_w[x])
				w->mark_w[x] = 1, list[nt++] = x;
		}
	}
	w->ntw[p] = nt;
	if (j->pass != PASS_TRAIN)
		return;
	for (size_t k = 0; k < nt; k++) {
		int32_t x = list[k];
		nn_adam_step(&w->adam, w->w + x, w->gw + x, w->mw + x, w->vw + x, 1);
		w->gw[x] = 0, w->mark_w[x] = 0;
	}
	w->ntw[p] = 0;
}

/* Part p of the embedding rows (row % WD_PARTS == p): each use's gradient
 * at the tower's input (a genre's share of the average) and the penalty,
 * in example order, then their step. */
static void rows_task(const wd_batch *j, int p)
{
	wd_model *w = j->w;
	const int d = w->d;
	const float pen = 2 * j->lam * j->invB;
	int32_t *list = w->te + (size_t)p * w->cap_te;
	size_t nt = w->nte[p];
	for (int c = 0, nch = (j->B + WD_CHUNK - 1) / WD_CHUNK; c < nch; c++) {
		const struct wd_use *ruse = w->ruse + (size_t)c * WD_CHUNK * wd_max_rows(w);
		for (int k = 0; k < w->chunk_nr[c]; k++) {
			int32_t r = ruse[k].row;
			if ((uint32_t)r % WD_PARTS != (uint32_t)p)
				continue;
			float *ge = w->gE + (size_t)r * d;
			nn_axpy(ruse[k].scale, w->dact[0] + ruse[k].at, ge, d);
			nn_axpy(pen, w->E + (size_t)r * d, ge, d);
			if (!w->mark_e[r])
				w->mark_e[r] = 1, list[nt++] = r;
		}
	}
	w->nte[p] = nt;
	if (j->pass != PASS_TRAIN)
		return;
	for (size_t k = 0; k < nt; k++) {
		size_t o = (size_t)list[k] * d;
		nn_adam_step(&w->adam, w->E + o, w->gE + o, w->mE + o, w->vE + o, (size_t)d);
		memset(w->gE + o, 0, (size_t)d * sizeof(float));
		w->mark_e[list[k]] = 0;
	}
	w->nte[p] = 0;
}

static void step_task(void *ctx, int task)
{
	const wd_batch *j = ctx;
	const struct wd_task *t = &j->w->tasks[task];
	if (t->kind == TASK_DENSE)
		dense_task(j, t->layer, t->i0, t->i1);
	else if (t->kind == TASK_WIDE)
		wide_task(j, t->i0);
	else
		rows_task(j, t->i0);
}

/* Clear every gradient and touched list (after wd_loss_grad, which leaves
 * them for the caller to read). */
static void zero_grads(wd_model *w)
{
	for (int p = 0; p < WD_PARTS; p++) {
		const int32_t *tw = w->tw + (size_t)p * w->cap_tw, *te = w->te + (size_t)p * w->cap_te;
		for (size_t k = 0; k < w->ntw[p]; k++)
			w->gw[tw[k]] = 0, w->mark_w[tw[k]] = 0;
		for (size_t k = 0; k < w->nte[p]; k++) {
			memset(w->gE + (size_t)te[k] * w->d, 0, (size_t)w->d * sizeof(float));
			w->mark_e[te[k]] = 0;
		}
		w->ntw[p] = w->nte[p] = 0;
	}
	for (int l = 0; l < w->n_tower; l++) {
		memset(w->gW[l], 0, (size_t)w->tower[l].in * w->tower[l].out * sizeof(float));
		memset(w->gb[l], 0, (size_t)w->tower[l].out * sizeof(float));
	}
}

/* The loss of B examples (mean, penalty included) and, unless the pass
 * only predicts, their gradients; PASS_TRAIN also steps and clears them.
 * Gradients must be zero on entry. team may be NULL. */
static double run_batch(wd_model *w, nn_team *team, const int32_t *U, const int32_t *I,
			const float *Y, int B, int pass)
{
	wd_batch j = { w, U, I, Y, B, pass, (float)w->reg, 1.0f / (float)B };
	int nch = (B + WD_CHUNK - 1) / WD_CHUNK;
	nn_team_run(team, nch, chunk_task, &j);
	if (pass == PASS_PREDICT)
		return 0;
	if (pass == PASS_TRAIN)
		nn_adam_tick(&w->adam);
	nn_team_run(team, w->n_tasks, step_task, &j);
	double loss = 0;
	for (int c = 0; c < nch; c++)
		loss += w->chunk_loss[c];
	return loss * j.invB;
}

double wd_loss_grad(model *m, const int32_t *user, const int32_t *item, const float *y, int B)
{
	wd_model *w = (wd_model *)m;
	if (!wd_is_wide_deep(m) || !w->ready || B < 1 || ensure_batch(w, B) < 0)
		return NAN;
	zero_grads(w);
	return run_batch(w, NULL, user, item, y, B, PASS_GRAD);
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

/* model_train_rmse's number to the bit (predictions as predict() makes
 * them, errors summed in the store's order), the predictions made in
 * batches over the team. */
static double train_rmse(wd_model *w, nn_team *team, const ratings *train)
{
	const ll_rating *e = ratings_entries(train);
	size_t n = ratings_count(train);
	double s = 0;
	for (size_t at = 0; at < n; at += (size_t)w->cap_B) {
		int nb = (int)(n - at < (size_t)w->cap_B ? n - at : (size_t)w->cap_B);
		for (int b = 0; b < nb; b++)
			w->bu[b] = e[at + b].user, w->bi[b] = e[at + b].item;
		run_batch(w, team, w->bu, w->bi, NULL, nb, PASS_PREDICT);
		for (int b = 0; b < nb; b++) {
			double d = e[at + b].value - w->pred[b];
			s += d * d;
		}
	}
	return n ? sqrt(s / (double)n) : 0;
}

/* Examples per batch of the train RMSE: more than a training batch, so the
 * team has work enough per step. */
#define WD_PREDICT_BATCH 1024

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
	if (ensure_batch(w, B > WD_PREDICT_BATCH ? B : WD_PREDICT_BATCH) < 0)
		return ll_fail(err, "out of memory");
	zero_grads(w); /* wd_loss_grad may have left some */
	nn_team *team = nn_team_new(w->threads); /* NULL: the caller alone */
	double loss = 0;
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
		loss += run_batch(w, team, w->bu, w->bi, w->by, nb, PASS_TRAIN) * nb;
	}
	/* Ratings: the train RMSE of model.h's one definition, after the epoch
	 * (the running error of the batches would disagree with `train`'s
	 * summary); implicit data: the epoch's mean logistic loss. */
	double shown = w->implicit ? (n ? loss / (double)n : 0) : train_rmse(w, team, train);
	nn_team_free(&team);
	if (!isfinite(shown))
		return ll_fail(err, "%s diverged at epoch %d (loss %g): lower lr (now %g)",
			       model_algo(m), m->epochs_done + 1, shown, w->lr);
	m->epochs_done++;
	model_log_epoch(m, shown);
	return 0;
}

/* ncf_net.c: the NCF network (He et al., WWW 2017) for GMF, MLP and NeuMF.
 *
 * A user's row holds its GMF embedding (k) then its MLP embedding (e); an
 * item's likewise. GMF multiplies the two GMF halves elementwise; the MLP
 * concatenates the MLP halves and runs them up a ReLU tower; NeuMF feeds
 * both results to one linear output whose logit goes through a sigmoid in
 * the loss. GMF and MLP are NeuMF with the other half switched off.
 *
 * Training (forward, backward, Adam) is ncf_net_train.c. */
#include "engine/nn/ncf_net_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

void *ncf_xcalloc(size_t n, size_t size, int *fail)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		*fail = 1;
	return p;
}

void ncf_ws_release(ncf_net *n)
{
	for (int w = 0; n->ws && w < n->n_ws; w++) {
		ncf_ws *s = &n->ws[w];
		for (int l = 0; l <= NCF_MAX_LAYERS; l++)
			free(s->act[l]), free(s->dact[l]);
		free(s->f), free(s->df), free(s->g);
	}
	free(n->ws);
	n->ws = NULL;
}

void ncf_net_free(ncf_net **pn)
{
	if (!pn || !*pn)
		return;
	ncf_net *n = *pn;
	for (int l = 0; l < n->n_tower; l++)
		nn_dense_release(&n->tower[l]);
	free(n->wout);
	free(n->U), free(n->I);
	free(n->mU), free(n->vU), free(n->mI), free(n->vI), free(n->mD), free(n->vD);
	free(n->gD), free(n->gU), free(n->gI), free(n->eU), free(n->eI);
	free(n->tu), free(n->ti), free(n->stampU), free(n->stampI);
	free(n->item_l1);
	ncf_ws_release(n);
	free(n);
	*pn = NULL;
}

/* Shapes from the kind and configuration; no weights yet. */
static ncf_net *net_shape(ncf_kind kind, int k, int n_layers, const int *layers,
			  int n_users, int n_items, ll_error *err)
{
	ncf_net *n = calloc(1, sizeof *n);
	if (!n) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	n->kind = kind;
	n->n_users = n_users, n->n_items = n_items;
	n->k = kind == NCF_MLP ? 0 : k;
	if (kind != NCF_GMF && n_layers >= 2) {
		n->e = layers[0] / 2;
		n->n_tower = n_layers - 1;
		n->last = layers[n_layers - 1];
	}
	n->d = n->k + n->e;
	n->fw = n->k + n->last;
	n->batch = 256, n->threads = 1, n->lr = 0.001f;
	return n;
}

/* Everything but the weights' values. */
static int net_alloc(ncf_net *n, const int *layers, gsl_rng *rng, ll_error *err)
{
	int fail = 0;
	size_t off = 0;
	for (int l = 0; l < n->n_tower; l++) {
		int in = l == 0 ? 2 * n->e : layers[l];
		if (nn_dense_init(&n->tower[l], in, layers[l + 1], NN_RELU, rng, err) < 0)
			return -1;
		n->offW[l] = off, off += (size_t)in * layers[l + 1];
		n->offB[l] = off, off += (size_t)layers[l + 1];
	}
	n->offW[n->n_tower] = off, off += (size_t)n->fw;
	n->offB[n->n_tower] = off, off += 1;
	n->n_dense = off;
	n->wout = ncf_xcalloc((size_t)n->fw, sizeof *n->wout, &fail);
	n->U = ncf_xcalloc((size_t)n->n_users * n->d, sizeof *n->U, &fail);
	n->I = ncf_xcalloc((size_t)n->n_items * n->d, sizeof *n->I, &fail);
	if (n->e)
		n->item_l1 = ncf_xcalloc((size_t)n->n_items * n->tower[0].out, sizeof(float), &fail);
	if (fail)
		return ll_fail(err, "out of memory for a network over %d users and %d items",
			       n->n_users, n->n_items);
	return 0;
}

ncf_net *ncf_net_new(ncf_kind kind, const ncf_cfg *c, int n_users, int n_items,
		     gsl_rng *rng, ll_error *err)
{
	for (int l = 0; l < c->n_layers; l++)
		if (c->layers[l] > NCF_MAX_WIDTH)
			return ll_fail(err, "layers wider than %d are not supported", NCF_MAX_WIDTH),
			       NULL;
	ncf_net *n = net_shape(kind, c->factors, c->n_layers, c->layers, n_users, n_items, err);
	if (!n)
		return NULL;
	n->sgd = c->sgd, n->batch = c->batch, n->threads = c->threads;
	n->lr = (float)c->lr, n->reg = (float)c->reg;
	nn_adam_init(&n->adam, n->lr);
	if (net_alloc(n, c->layers, rng, err) < 0) {
		ncf_net_free(&n);
		return NULL;
	}
	/* Embeddings N(0, 0.01) as in the paper; the output layer uniform in
	 * +-sqrt(3 / fan_in) (Keras's lecun_uniform, the NCF code's choice). */
	for (size_t i = 0; i < (size_t)n_users * n->d; i++)
		n->U[i] = (float)gsl_ran_gaussian(rng, 0.01);
	for (size_t i = 0; i < (size_t)n_items * n->d; i++)
		n->I[i] = (float)gsl_ran_gaussian(rng, 0.01);
	double lim = sqrt(3.0 / n->fw);
	for (int j = 0; j < n->fw; j++)
		n->wout[j] = (float)((2 * gsl_rng_uniform(rng) - 1) * lim);
	n->bout = 0;
	ncf_net_refresh(n);
	return n;
}

int ncf_net_shape(const ncf_net *n, int *factors, int *widths)
{
	*factors = n->k;
	if (!n->e)
		return 0;
	widths[0] = 2 * n->e;
	for (int l = 0; l < n->n_tower; l++)
		widths[l + 1] = n->tower[l].out;
	return n->n_tower + 1;
}

void ncf_net_refresh(ncf_net *n)
{
	if (!n->e)
		return;
	const nn_dense *l0 = &n->tower[0];
	const int out = l0->out, e = n->e, d = n->d, k = n->k;
	for (int i = 0; i < n->n_items; i++) {
		float *h = n->item_l1 + (size_t)i * out;
		const float *ir = n->I + (size_t)i * d + k;
		memset(h, 0, (size_t)out * sizeof *h);
		for (int j = 0; j < e; j++)
			nn_axpy(ir[j], l0->W + (size_t)(e + j) * out, h, out);
	}
}

/* The user half of the first tower layer, plus its bias. */
static void user_l1(const ncf_net *n, int user, float *h)
{
	const nn_dense *l0 = &n->tower[0];
	const float *ur = n->U + (size_t)user * n->d + n->k;
	memcpy(h, l0->b, (size_t)l0->out * sizeof *h);
	for (int j = 0; j < n->e; j++)
		nn_axpy(ur[j], l0->W + (size_t)j * l0->out, h, l0->out);
}

/* The logit of (user, item) given the user's half of layer 1. */
static float score_with(const ncf_net *n, int user, int item, const float *uh)
{
	float f[2 * NCF_MAX_WIDTH], a[NCF_MAX_WIDTH], b[NCF_MAX_WIDTH];
	const float *ur = n->U + (size_t)user * n->d, *ir = n->I + (size_t)item * n->d;
	for (int j = 0; j < n->k; j++)
		f[j] = ur[j] * ir[j];
	if (n->e) {
		int w = n->tower[0].out;
		const float *ih = n->item_l1 + (size_t)item * w;
		for (int j = 0; j < w; j++) {
			float v = uh[j] + ih[j];
			a[j] = v > 0 ? v : 0;
		}
		float *x = a, *y = b;
		for (int l = 1; l < n->n_tower; l++) {
			nn_dense_forward(&n->tower[l], 1, x, y);
			float *t = x;
			x = y, y = t;
		}
		memcpy(f + n->k, x, (size_t)n->last * sizeof *f);
	}
	return nn_dot(f, n->wout, n->fw) + n->bout;
}

float ncf_net_score(const ncf_net *n, int user, int item)
{
	float uh[NCF_MAX_WIDTH];
	if (n->e)
		user_l1(n, user, uh);
	return score_with(n, user, item, uh);
}

/* All items for one user, a block of items at a time through the same
 * batched layers as training: the first layer from the two cached halves,
 * the rest as matrix products. */
void ncf_net_score_items(const ncf_net *n, int user, float *out)
{
	enum { BLOCK = 256 };
	float uh[NCF_MAX_WIDTH];
	float *buf[2] = { NULL, NULL };
	int width = n->k > 0 ? n->k : 1;
	for (int l = 0; l < n->n_tower; l++)
		if (n->tower[l].out > width)
			width = n->tower[l].out;
	buf[0] = malloc((size_t)BLOCK * width * sizeof(float));
	buf[1] = malloc((size_t)BLOCK * width * sizeof(float));
	if (!buf[0] || !buf[1] || !n->e) { /* GMF alone, or no memory: one by one */
		free(buf[0]), free(buf[1]);
		if (n->e)
			user_l1(n, user, uh);
		for (int i = 0; i < n->n_items; i++)
			out[i] = score_with(n, user, i, uh);
		return;
	}
	user_l1(n, user, uh);
	const int w1 = n->tower[0].out, k = n->k;
	const float *ur = n->U + (size_t)user * n->d;
	for (int i0 = 0; i0 < n->n_items; i0 += BLOCK) {
		int B = n->n_items - i0 < BLOCK ? n->n_items - i0 : BLOCK;
		float *x = buf[0], *y = buf[1];
		for (int b = 0; b < B; b++) {
			const float *ih = n->item_l1 + (size_t)(i0 + b) * w1;
			float *z = x + (size_t)b * w1;
#pragma omp simd
			for (int j = 0; j < w1; j++) {
				float v = uh[j] + ih[j];
				z[j] = v > 0 ? v : 0;
			}
		}
		for (int l = 1; l < n->n_tower; l++) {
			nn_dense_forward(&n->tower[l], B, x, y);
			float *t = x;
			x = y, y = t;
		}
		const float *wg = n->wout, *wm = n->wout + k;
		for (int b = 0; b < B; b++) {
			const float *ir = n->I + (size_t)(i0 + b) * n->d;
			float z = n->bout + nn_dot(x + (size_t)b * n->last, wm, n->last);
			for (int j = 0; j < k; j++)
				z += ur[j] * ir[j] * wg[j];
			out[i0 + b] = z;
		}
	}
	free(buf[0]), free(buf[1]);
}

int ncf_net_from_pretrained(ncf_net *n, const ncf_net *g, const ncf_net *m, ll_error *err)
{
	if (g->kind != NCF_GMF || m->kind != NCF_MLP)
		return ll_fail(err, "pretraining needs a gmf and an mlp model");
	if (g->k != n->k || m->e != n->e || m->n_tower != n->n_tower || m->last != n->last)
		return ll_fail(err, "pretrained gmf (factors %d) and mlp (embedding %d, %d layers) "
			       "do not match neumf (factors %d, embedding %d, %d layers)",
			       g->k, m->e, m->n_tower, n->k, n->e, n->n_tower);
	if (g->n_users != n->n_users || g->n_items != n->n_items ||
	    m->n_users != n->n_users || m->n_items != n->n_items)
		return ll_fail(err, "pretrained models were trained on other data "
			       "(%d x %d and %d x %d, here %d x %d)", g->n_users, g->n_items,
			       m->n_users, m->n_items, n->n_users, n->n_items);
	for (int l = 0; l < n->n_tower; l++)
		if (m->tower[l].in != n->tower[l].in || m->tower[l].out != n->tower[l].out)
			return ll_fail(err, "pretrained mlp layer %d is %dx%d, neumf wants %dx%d",
				       l + 1, m->tower[l].in, m->tower[l].out, n->tower[l].in,
				       n->tower[l].out);
	for (int u = 0; u < n->n_users; u++) {
		memcpy(n->U + (size_t)u * n->d, g->U + (size_t)u * g->d, (size_t)n->k * sizeof(float));
		memcpy(n->U + (size_t)u * n->d + n->k, m->U + (size_t)u * m->d,
		       (size_t)n->e * sizeof(float));
	}
	for (int i = 0; i < n->n_items; i++) {
		memcpy(n->I + (size_t)i * n->d, g->I + (size_t)i * g->d, (size_t)n->k * sizeof(float));
		memcpy(n->I + (size_t)i * n->d + n->k, m->I + (size_t)i * m->d,
		       (size_t)n->e * sizeof(float));
	}
	for (int l = 0; l < n->n_tower; l++) {
		memcpy(n->tower[l].W, m->tower[l].W,
		       (size_t)n->tower[l].in * n->tower[l].out * sizeof(float));
		memcpy(n->tower[l].b, m->tower[l].b, (size_t)n->tower[l].out * sizeof(float));
	}
	/* h = [alpha h_gmf, (1 - alpha) h_mlp] with alpha = 0.5 (paper, 3.4.1). */
	for (int j = 0; j < n->k; j++)
		n->wout[j] = 0.5f * g->wout[j];
	for (int j = 0; j < n->last; j++)
		n->wout[n->k + j] = 0.5f * m->wout[j];
	n->bout = 0.5f * (g->bout + m->bout);
	ncf_net_refresh(n);
	return 0;
}

int ncf_net_write(const ncf_net *n, FILE *f, ll_error *err)
{
	fprintf(f, "ncfnet %d %d %d %d %d %d", (int)n->kind, n->n_users, n->n_items, n->k,
		n->n_tower, n->e);
	for (int l = 0; l < n->n_tower; l++)
		fprintf(f, " %d", n->tower[l].out);
	fprintf(f, " %.9g\n", n->bout);
	if (model_write_floats(f, n->U, (size_t)n->n_users * n->d, err) < 0 ||
	    model_write_floats(f, n->I, (size_t)n->n_items * n->d, err) < 0)
		return -1;
	for (int l = 0; l < n->n_tower; l++)
		if (model_write_floats(f, n->tower[l].W,
				       (size_t)n->tower[l].in * n->tower[l].out, err) < 0 ||
		    model_write_floats(f, n->tower[l].b, (size_t)n->tower[l].out, err) < 0)
			return -1;
	return model_write_floats(f, n->wout, (size_t)n->fw, err);
}

ncf_net *ncf_net_read(FILE *f, ll_error *err)
{
	int kind, nu, ni, k, nt, e, layers[NCF_MAX_LAYERS + 1];
	float bout;
	if (fscanf(f, " ncfnet %d %d %d %d %d %d", &kind, &nu, &ni, &k, &nt, &e) != 6 ||
	    kind < NCF_GMF || kind > NCF_NEUMF || nu < 0 || ni < 0 || k < 0 || k > NCF_MAX_WIDTH ||
	    nt < 0 || nt > NCF_MAX_LAYERS || e < 0 || e > NCF_MAX_WIDTH) {
		ll_fail(err, "corrupt network header");
		return NULL;
	}
	layers[0] = 2 * e;
	for (int l = 0; l < nt; l++)
		if (fscanf(f, "%d", &layers[l + 1]) != 1 || layers[l + 1] < 1 ||
		    layers[l + 1] > NCF_MAX_WIDTH) {
			ll_fail(err, "corrupt network header");
			return NULL;
		}
	if (fscanf(f, "%g", &bout) != 1 || fgetc(f) != '\n') {
		ll_fail(err, "corrupt network header");
		return NULL;
	}
	ncf_net *n = net_shape((ncf_kind)kind, k, nt ? nt + 1 : 0, layers, nu, ni, err);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937); /* the weights are overwritten */
	if (!n || !rng || net_alloc(n, layers, rng, err) < 0)
		goto fail;
	n->bout = bout;
	if (model_read_floats(f, n->U, (size_t)nu * n->d, err) < 0 ||
	    model_read_floats(f, n->I, (size_t)ni * n->d, err) < 0)
		goto fail;
	for (int l = 0; l < nt; l++)
		if (model_read_floats(f, n->tower[l].W,
				      (size_t)n->tower[l].in * n->tower[l].out, err) < 0 ||
		    model_read_floats(f, n->tower[l].b, (size_t)n->tower[l].out, err) < 0)
			goto fail;
	if (model_read_floats(f, n->wout, (size_t)n->fw, err) < 0)
		goto fail;
	gsl_rng_free(rng);
	nn_adam_init(&n->adam, n->lr);
	ncf_net_refresh(n);
	return n;
fail:
	if (!rng)
		ll_fail(err, "out of memory");
	gsl_rng_free(rng);
	ncf_net_free(&n);
	return NULL;
}


/* mf_bpr.c: dot-product matrix factorization on implicit feedback, for the
 * fair comparison with NCF (Rendle, Krichene, Zhang and Anderson, "Neural
 * Collaborative Filtering vs. Matrix Factorization Revisited", RecSys 2020).
 *
 * score(u, i) = p_u . q_i + b_i, trained on the same data as the NCF models
 * by mini-batch Adam (or SGD) with one of two losses:
 *   logmf  binary cross-entropy on each positive and `neg` sampled
 *          negatives (logistic MF: GMF with its output weights fixed to one)
 *   bpr    Bayesian personalised ranking (Rendle et al., UAI 2009):
 *          -log sigmoid(score(u, i) - score(u, j)) for `neg` sampled j per
 *          positive i.
 * Negatives are resampled every epoch with the seeded generator. The
 * factors are the base model's P and Q, so the lab can show them. */
#include "engine/nn/ncf_common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

typedef struct mf_bpr {
	ncf_model nm;
	float *bi;                        /* item biases */
	float *mP, *vP, *mQ, *vQ, *mb, *vb;
	float *gP, *gQ, *gb;              /* batch gradients of touched rows */
	int32_t *tu, *ti;                 /* touched rows */
	int ntu, nti;
	uint32_t *stampU, *stampI, stamp;
	nn_adam adam;
} mf_bpr;

static void release_training(mf_bpr *b)
{
	free(b->mP), free(b->vP), free(b->mQ), free(b->vQ), free(b->mb), free(b->vb);
	free(b->gP), free(b->gQ), free(b->gb), free(b->tu), free(b->ti);
	free(b->stampU), free(b->stampI);
	b->mP = b->vP = b->mQ = b->vQ = b->mb = b->vb = b->gP = b->gQ = b->gb = NULL;
	b->tu = b->ti = NULL;
	b->stampU = b->stampI = NULL;
	b->stamp = 0;
}

static void destroy(model *m)
{
	mf_bpr *b = (mf_bpr *)m;
	release_training(b);
	free(b->bi);
	ncf_model_release(&b->nm);
}

static int alloc_training(mf_bpr *b, ll_error *err)
{
	const model *m = &b->nm.base;
	size_t up = (size_t)m->n_users * m->k, ip = (size_t)m->n_items * m->k;
	size_t ni = (size_t)m->n_items + 1, B = (size_t)b->nm.cfg.batch;
	release_training(b);
	b->mP = calloc(up + 1, sizeof(float)), b->vP = calloc(up + 1, sizeof(float));
	b->mQ = calloc(ip + 1, sizeof(float)), b->vQ = calloc(ip + 1, sizeof(float));
	b->mb = calloc(ni, sizeof(float)), b->vb = calloc(ni, sizeof(float));
	b->gP = calloc(up + 1, sizeof(float)), b->gQ = calloc(ip + 1, sizeof(float));
	b->gb = calloc(ni, sizeof(float));
	b->tu = calloc(B, sizeof(int32_t)), b->ti = calloc(2 * B, sizeof(int32_t));
	b->stampU = calloc((size_t)m->n_users + 1, sizeof(uint32_t));
	b->stampI = calloc(ni, sizeof(uint32_t));
	if (!b->mP || !b->vP || !b->mQ || !b->vQ || !b->mb || !b->vb || !b->gP || !b->gQ ||
	    !b->gb || !b->tu || !b->ti || !b->stampU || !b->stampI)
		return ll_fail(err, "out of memory for %s training", m->ops->algo);
	nn_adam_init(&b->adam, (float)b->nm.cfg.lr);
	return 0;
}

static int init(mf_bpr *b, const ratings *train, ll_error *err)
{
	model *m = &b->nm.base;
	if (ncf_model_setup(&b->nm, train, err) < 0 ||
	    model_alloc_factors(m, b->nm.cfg.factors, err) < 0)
		return -1;
	free(b->bi);
	b->bi = calloc((size_t)m->n_items + 1, sizeof *b->bi);
	if (!b->bi)
		return ll_fail(err, "out of memory");
	gsl_rng *g = b->nm.rng;
	for (size_t i = 0; i < (size_t)m->n_users * m->k; i++)
		m->P[i] = (float)gsl_ran_gaussian(g, 0.01);
	for (size_t i = 0; i < (size_t)m->n_items * m->k; i++)
		m->Q[i] = (float)gsl_ran_gaussian(g, 0.01);
	return alloc_training(b, err);
}

static void touch_user(mf_bpr *b, int u)
{
	const int k = b->nm.base.k;
	if (b->stampU[u] != b->stamp) {
		b->stampU[u] = b->stamp;
		b->tu[b->ntu++] = u;
		memset(b->gP + (size_t)u * k, 0, (size_t)k * sizeof *b->gP);
	}
}

static void touch_item(mf_bpr *b, int i)
{
	const int k = b->nm.base.k;
	if (b->stampI[i] != b->stamp) {
		b->stampI[i] = b->stamp;
		b->ti[b->nti++] = i;
		memset(b->gQ + (size_t)i * k, 0, (size_t)k * sizeof *b->gQ);
		b->gb[i] = 0;
	}
}

static void step_rows(mf_bpr *b, float *W, float *G, float *M, float *V, int width,
		      const int32_t *rows, int n, float reg)
{
	const ncf_cfg *c = &b->nm.cfg;
	for (int r = 0; r < n; r++) {
		size_t o = (size_t)rows[r] * width;
		if (reg > 0)
			nn_axpy(reg, W + o, G + o, width);
		if (c->sgd)
			nn_sgd_step((float)c->lr, W + o, G + o, (size_t)width);
		else
			nn_adam_step(&b->adam, W + o, G + o, M + o, V + o, (size_t)width);
	}
}

/* One mini-batch: gradients of the mean loss at the current parameters,
 * then one step on the rows it touched. Returns the summed loss. */
static double batch(mf_bpr *b, const ncf_example *ex, int B, int pairwise)
{
	model *m = &b->nm.base;
	const int k = m->k;
	const float scale = 1.0f / (float)B;
	if (++b->stamp == 0) {
		memset(b->stampU, 0, (size_t)m->n_users * sizeof *b->stampU);
		memset(b->stampI, 0, (size_t)m->n_items * sizeof *b->stampI);
		b->stamp = 1;
	}
	b->ntu = b->nti = 0;
	double loss = 0;
	for (int t = 0; t < B; t++) {
		int u = ex[t].user, i = ex[t].item, j = ex[t].neg;
		const float *p = m->P + (size_t)u * k, *qi = m->Q + (size_t)i * k;
		float si = nn_dot(p, qi, k) + b->bi[i], dz;
		touch_user(b, u);
		touch_item(b, i);
		float *gp = b->gP + (size_t)u * k;
		if (!pairwise) {
			loss += nn_bce_logit(si, ex[t].label, &dz);
			dz *= scale;
			nn_axpy(dz, qi, gp, k);
			nn_axpy(dz, p, b->gQ + (size_t)i * k, k);
			b->gb[i] += dz;
			continue;
		}
		const float *qj = m->Q + (size_t)j * k;
		float sj = nn_dot(p, qj, k) + b->bi[j];
		touch_item(b, j);
		loss += nn_bpr(si - sj, &dz);
		dz *= scale;
		nn_axpy(dz, qi, gp, k);
		nn_axpy(-dz, qj, gp, k);
		nn_axpy(dz, p, b->gQ + (size_t)i * k, k);
		nn_axpy(-dz, p, b->gQ + (size_t)j * k, k);
		b->gb[i] += dz;
		b->gb[j] -= dz;
	}
	const float reg = (float)b->nm.cfg.reg;
	if (!b->nm.cfg.sgd)
		nn_adam_tick(&b->adam);
	step_rows(b, m->P, b->gP, b->mP, b->vP, k, b->tu, b->ntu, reg);
	step_rows(b, m->Q, b->gQ, b->mQ, b->vQ, k, b->ti, b->nti, reg);
	step_rows(b, b->bi, b->gb, b->mb, b->vb, 1, b->ti, b->nti, 0);
	return loss;
}

static int fit_epoch(model *m, const ratings *train, ll_error *err)
{
	mf_bpr *b = (mf_bpr *)m;
	int pairwise = b->nm.kind == NCF_BPR;
	if (m->epochs_done == 0 || !b->nm.data) {
		if (m->epochs_done == 0 || !m->P) {
			m->epochs_done = 0;
			if (init(b, train, err) < 0)
				return -1;
		} else if (ncf_model_setup(&b->nm, train, err) < 0 || alloc_training(b, err) < 0) {
			return -1;
		}
	}
	if (ratings_n_users(train) != m->n_users || ratings_n_items(train) != m->n_items)
		return ll_fail(err, "%s was trained on %d users and %d items; this store has "
			       "%d and %d", m->ops->algo, m->n_users, m->n_items,
			       ratings_n_users(train), ratings_n_items(train));
	ncf_data *d = b->nm.data;
	if (ncf_data_epoch(d, b->nm.rng, b->nm.cfg.neg, pairwise, err) < 0)
		return -1;
	double loss = 0;
	const size_t B = (size_t)b->nm.cfg.batch;
	for (size_t s = 0; s < d->n_ex; s += B)
		loss += batch(b, d->ex + s, d->n_ex - s < B ? (int)(d->n_ex - s) : (int)B, pairwise);
	m->epochs_done++;
	return ncf_model_end_epoch(&b->nm, d->n_ex ? loss / (double)d->n_ex : 0, err);
}

static double predict(const model *m, int user, int item)
{
	const mf_bpr *b = (const mf_bpr *)m;
	if (!m->P || !b->bi || user < 0 || user >= m->n_users || item < 0 || item >= m->n_items)
		return 0;
	return nn_dot(m->P + (size_t)user * m->k, m->Q + (size_t)item * m->k, m->k) + b->bi[item];
}

static void score_items(const model *m, int user, float *out)
{
	const mf_bpr *b = (const mf_bpr *)m;
	if (!m->P || !b->bi || user < 0 || user >= m->n_users) {
		memset(out, 0, (size_t)m->n_items * sizeof *out);
		return;
	}
	const float *p = m->P + (size_t)user * m->k;
	for (int i = 0; i < m->n_items; i++)
		out[i] = nn_dot(p, m->Q + (size_t)i * m->k, m->k) + b->bi[i];
}

static int save(const model *m, FILE *f, ll_error *err)
{
	const mf_bpr *b = (const mf_bpr *)m;
	if (!b->bi)
		return ll_fail(err, "%s is not trained yet", m->ops->algo);
	fprintf(f, "mfbpr\n");
	return model_write_floats(f, b->bi, (size_t)m->n_items, err);
}

static int load(model *m, FILE *f, ll_error *err)
{
	mf_bpr *b = (mf_bpr *)m;
	char tag[8];
	if (fscanf(f, "%7s", tag) != 1 || strcmp(tag, "mfbpr") != 0 || fgetc(f) != '\n' || !m->P)
		return ll_fail(err, "corrupt %s model", m->ops->algo);
	free(b->bi);
	b->bi = calloc((size_t)m->n_items + 1, sizeof *b->bi);
	if (!b->bi)
		return ll_fail(err, "out of memory");
	b->nm.cfg.factors = m->k;
	return model_read_floats(f, b->bi, (size_t)m->n_items, err);
}

#define OPS(name) { .algo = name, .fit_epoch = fit_epoch, .predict = predict, \
	.score_items = score_items, .save = save, .load = load, .destroy = destroy }
static const model_ops logmf_ops = OPS("logmf");
static const model_ops bpr_ops = OPS("bpr");

static model *create(const model_ops *ops, ncf_kind kind, params *p, ll_error *err)
{
	mf_bpr *b = calloc(1, sizeof *b);
	if (!b) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	b->nm.base.ops = ops;
	b->nm.kind = kind;
	if (ncf_cfg_read(&b->nm.cfg, kind, p, err) < 0) {
		free(b);
		return NULL;
	}
	b->nm.base.n_epochs = b->nm.cfg.epochs;
	return &b->nm.base;
}

model *mf_logmf_create(params *p, ll_error *err) { return create(&logmf_ops, NCF_LOGMF, p, err); }
model *mf_bpr_create(params *p, ll_error *err) { return create(&bpr_ops, NCF_BPR, p, err); }

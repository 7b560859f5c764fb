/* mf_sgd.c: matrix factorization by plain SGD, the lecture's rule as written.
 *
 * For every rating (u, i, r), epoch after epoch:
 *   prediction = p_u . q_i;  error = r - prediction
 *   p_u += lr * (error * q_i - reg * p_u)
 *   q_i += lr * (error * p_u - reg * q_i)   -- with the p_u just updated
 * update=simultaneous uses the old p_u in the second line instead.
 * penalty=l1 replaces reg * w by reg * sign(w) and clamps a weight that
 * would cross zero to exactly zero, so L1 produces exact zeros.
 *
 * Ratings are visited in the store's entry order, as the lecture does by
 * hand (shuffle=1 visits them in a fresh seeded order each epoch).
 * Defaults: k 2, lr 0.01 (it learns on MovieLens, where 0.05 diverges; the
 * toy lessons state lr=0.05), reg 0.02, 100 epochs, factors drawn from
 * N(0, 0.1) (init=given keeps values written by hand). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mf/mf_impl.h"
#include "engine/mf/mf_kernels.h"

typedef struct sgd_model {
	mf_model mf;
	double lr, reg, decay, init_std; /* init_std < 0: init=given */
	int shuffle, simultaneous, l1;
	uint32_t *order;
	size_t n_order;
	float *prevP, *prevQ;  /* last sane factors, for divergence */
	float *buf;            /* 4 k floats: before/after vectors of a step */
} sgd_model;

static inline float sgn(float w) { return (float)((w > 0) - (w < 0)); }

/* One L1 coordinate: subgradient step; a weight that crosses zero stops at
 * zero, and a zero weight moves only if the data pull beats the penalty. */
static inline float l1_step(float w, float g_data, float lr, float reg)
{
	if (w == 0) {
		float s = lr * g_data, t = lr * reg;
		return s > t ? s - t : s < -t ? s + t : 0.0f;
	}
	float nw = w + lr * (g_data - reg * sgn(w));
	return (w > 0 && nw < 0) || (w < 0 && nw > 0) ? 0.0f : nw;
}

/* The scalar sum below k = 8 (the lessons' sizes), SIMD from 8 on. */
static inline float dot_plain(const float *a, const float *b, int k)
{
	return mf_plain_dot(a, b, k);
}

/* The rule on one rating; returns the error before the update. The flags
 * are constants at each call site, so each variant compiles to its own
 * branch-free loop. */
static inline __attribute__((always_inline)) float
rule(float *p, float *q, int k, float r, float lr, float reg, int l1, int simultaneous,
     float *pred_out)
{
	float pred = dot_plain(p, q, k);
	float e = r - pred;
	*pred_out = pred;
	if (simultaneous) {
		for (int f = 0; f < k; f++) {
			float pf = p[f], qf = q[f];
			if (l1) {
				p[f] = l1_step(pf, e * qf, lr, reg);
				q[f] = l1_step(qf, e * pf, lr, reg);
			} else {
				p[f] = pf + lr * (e * qf - reg * pf);
				q[f] = qf + lr * (e * pf - reg * qf);
			}
		}
		return e;
	}
	for (int f = 0; f < k; f++)
		p[f] = l1 ? l1_step(p[f], e * q[f], lr, reg) : p[f] + lr * (e * q[f] - reg * p[f]);
	for (int f = 0; f < k; f++)
		q[f] = l1 ? l1_step(q[f], e * p[f], lr, reg) : q[f] + lr * (e * p[f] - reg * q[f]);
	return e;
}

static float sgd_rule(const sgd_model *s, float *p, float *q, int k, float r, float lr,
		      float reg, float *pred_out)
{
	if (s->l1)
		return s->simultaneous ? rule(p, q, k, r, lr, reg, 1, 1, pred_out)
				       : rule(p, q, k, r, lr, reg, 1, 0, pred_out);
	return mf_plain_one(p, q, k, r, lr, reg, s->simultaneous, pred_out);
}

/* One untraced pass in the given order, one loop per variant. */
#define SGD_PASS(L1, SIM) \
	for (size_t j = 0; j < n; j++) { \
		const ll_rating *e = &ent[order[j]]; \
		float pred; \
		rule(P + (size_t)e->user * k, Q + (size_t)e->item * k, k, e->value, lr, reg, \
		     L1, SIM, &pred); \
	}

static void sgd_pass(const sgd_model *s, const ll_rating *ent, float *P, float *Q, float lr,
		     float reg)
{
	const uint32_t *order = s->order;
	const size_t n = s->n_order;
	const int k = s->mf.base.k;
	if (s->l1 && s->simultaneous)
		SGD_PASS(1, 1)
	else if (s->l1)
		SGD_PASS(1, 0)
	else
		mf_plain_pass(ent, order, (long)n, P, Q, k, lr, reg, s->simultaneous);
}

/* The training RMSE of the model after the pass (the figure the lessons
 * show), as mf_train_rmse computes it, without a call per rating. */
static double train_rmse(const model *m, const ratings *train)
{
	const ll_rating *e = ratings_entries(train);
	size_t n = ratings_count(train);
	int k = m->k;
	double s = 0;
	for (size_t j = 0; j < n; j++) {
		double d = e[j].value - (double)dot_plain(m->P + (size_t)e[j].user * k,
							   m->Q + (size_t)e[j].item * k, k);
		s += d * d;
	}
	return n ? sqrt(s / (double)n) : 0;
}

static int sgd_init(mf_model *mf, const ratings *train, ll_error *err)
{
	sgd_model *s = (sgd_model *)mf;
	model *m = &mf->base;
	int k = m->k;
	model_init_shape(m, train);
	if (model_alloc_factors(m, k, err) < 0)
		return -1;
	gsl_rng_set(mf->rng, mf->seed);
	if (s->init_std > 0) {
		mf_fill_gaussian(mf, m->P, (size_t)m->n_users * k, s->init_std);
		mf_fill_gaussian(mf, m->Q, (size_t)m->n_items * k, s->init_std);
	}
	free(s->prevP), free(s->prevQ), free(s->buf), free(s->order);
	s->n_order = ratings_count(train);
	s->prevP = malloc(((size_t)m->n_users * k + 1) * sizeof(float));
	s->prevQ = malloc(((size_t)m->n_items * k + 1) * sizeof(float));
	s->buf = malloc((4 * (size_t)k + 1) * sizeof(float));
	s->order = malloc((s->n_order + 1) * sizeof *s->order);
	if (!s->prevP || !s->prevQ || !s->buf || !s->order)
		return ll_fail(err, "out of memory");
	for (size_t j = 0; j < s->n_order; j++)
		s->order[j] = (uint32_t)j;
	m->epochs_done = 0;
	m->n_hist = 0;
	mf->initialised = 1;
	return 0;
}

static void sgd_apply(mf_model *mf, const ratings *train, size_t entry, long index,
		      mf_update *out)
{
	sgd_model *s = (sgd_model *)mf;
	model *m = &mf->base;
	const ll_rating *e = &ratings_entries(train)[entry];
	int k = m->k;
	float *p = m->P + (size_t)e->user * k, *q = m->Q + (size_t)e->item * k;
	float lr = (float)(s->lr * pow(s->decay, m->epochs_done)), reg = (float)s->reg;
	memcpy(s->buf, p, (size_t)k * sizeof *p);
	memcpy(s->buf + k, q, (size_t)k * sizeof *q);
	float pred, er = sgd_rule(s, p, q, k, e->value, lr, reg, &pred);
	memcpy(s->buf + 2 * k, p, (size_t)k * sizeof *p);
	memcpy(s->buf + 3 * k, q, (size_t)k * sizeof *q);
	mf_update u = {
		.user = e->user, .item = e->item, .index = index, .entry = (long)entry,
		.epoch = m->epochs_done + 1, .rating = e->value, .prediction = pred, .error = er,
		.lr = lr, .reg = reg, .k = k,
		.p_before = s->buf, .q_before = s->buf + k,
		.p_after = s->buf + 2 * k, .q_after = s->buf + 3 * k,
	};
	if (mf->trace)
		mf->trace(mf->trace_ctx, &u);
	if (out)
		*out = u;
}

static int sgd_step(mf_model *mf, const ratings *train, size_t entry, mf_update *out,
		    ll_error *err)
{
	sgd_apply(mf, train, entry, 0, out);
	return 0;
}

static int sgd_fit_epoch(model *m, const ratings *train, ll_error *err)
{
	sgd_model *s = (sgd_model *)m;
	mf_model *mf = &s->mf;
	if (!mf->initialised || m->n_users != ratings_n_users(train) ||
	    m->n_items != ratings_n_items(train) || s->n_order != ratings_count(train)) {
		if (sgd_init(mf, train, err) < 0)
			return -1;
	}
	int k = m->k, epoch = m->epochs_done + 1;
	float lr = (float)(s->lr * pow(s->decay, m->epochs_done)), reg = (float)s->reg;
	memcpy(s->prevP, m->P, (size_t)m->n_users * k * sizeof(float));
	memcpy(s->prevQ, m->Q, (size_t)m->n_items * k * sizeof(float));
	if (s->shuffle)
		mf_shuffle(mf->rng, s->order, s->n_order);
	const ll_rating *ent = ratings_entries(train);
	if (!mf->trace) {
		sgd_pass(s, ent, m->P, m->Q, lr, reg);
	} else {
		/* The traced loop: same rule, with copies of the vectors. */
		for (size_t j = 0; j < s->n_order; j++)
			sgd_apply(mf, train, s->order[j], (long)j, NULL);
	}
	double loss = train_rmse(m, train);
	if (mf_check_divergence(m, epoch, loss, "lr", s->lr, err) < 0) {
		memcpy(m->P, s->prevP, (size_t)m->n_users * k * sizeof(float));
		memcpy(m->Q, s->prevQ, (size_t)m->n_items * k * sizeof(float));
		return -1;
	}
	m->epochs_done = epoch;
	model_log_epoch(m, loss);
	return 0;
}

static double sgd_predict(const model *m, int user, int item)
{
	if (!m->P || user < 0 || user >= m->n_users || item < 0 || item >= m->n_items)
		return NAN;
	return dot_plain(m->P + (size_t)user * m->k, m->Q + (size_t)item * m->k, m->k);
}

static int sgd_save(const model *m, FILE *f, ll_error *err)
{
	return mf_save_biases((const mf_model *)m, f, err);
}

static int sgd_load(model *m, FILE *f, ll_error *err)
{
	mf_model *mf = (mf_model *)m;
	if (mf_load_biases(mf, f, err) < 0)
		return -1;
	mf->initialised = 0; /* training again starts from a store's shape */
	return 0;
}

static void sgd_destroy(model *m)
{
	sgd_model *s = (sgd_model *)m;
	free(s->order), free(s->prevP), free(s->prevQ), free(s->buf);
	mf_common_destroy(&s->mf);
}

const model_ops mf_sgd_ops = {
	.algo = "sgd",
	.fit_epoch = sgd_fit_epoch,
	.predict = sgd_predict,
	.save = sgd_save,
	.load = sgd_load,
	.destroy = sgd_destroy,
};

model *mf_sgd_create(params *opts, ll_error *err)
{
	sgd_model *s = calloc(1, sizeof *s);
	if (!s) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	model *m = &s->mf.base;
	m->ops = &mf_sgd_ops;
	if (mf_common_init(&s->mf, MF_PLAIN, opts, err) < 0) {
		model_free(&m);
		return NULL;
	}
	m->k = (int)params_long(opts, "k|rank|factors|n_factors", 2);
	m->n_epochs = (int)params_long(opts, "epochs|maxIter|n_epochs|iter", 100);
	s->lr = params_double(opts, "lr|lr_all|learning_rate", 0.01);
	s->reg = params_double(opts, "reg|regParam|lambda|reg_all", 0.02);
	s->decay = params_double(opts, "decay|lr_decay", 1.0);
	s->init_std = mf_param_init(opts, 0.1);
	s->shuffle = params_bool(opts, "shuffle", false);
	s->simultaneous = params_choice(opts, "update", "sequential|simultaneous", 0) == 1;
	s->l1 = params_choice(opts, "penalty|reg_type", "l2|l1", 0) == 1;
	if (m->k < 1 || m->k > 10000)
		params_invalid(opts, "k must be between 1 and 10000");
	/* Bounded: a log row is kept per epoch. */
	if (m->n_epochs < 0 || m->n_epochs > 100000)
		params_invalid(opts, "epochs must be between 0 and 100000");
	if (!(s->lr > 0))
		params_invalid(opts, "lr must be > 0");
	if (s->reg < 0)
		params_invalid(opts, "reg must be >= 0");
	if (!(s->decay > 0 && s->decay <= 1))
		params_invalid(opts, "decay must be in (0, 1]");
	s->mf.reg = s->reg;
	s->mf.reg_weighted = 1;
	s->mf.init = sgd_init;
	s->mf.step = sgd_step;
	return m;
}

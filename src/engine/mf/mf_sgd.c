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
 * hand (shuffle=1 visits them in a fresh seeded order each epoch). With
 * shuffle=1, bins=N visits them block by block instead, as LibMF's grid
 * does on one thread: users and items are cut into N seeded groups each,
 * the N^2 blocks are visited in a fresh seeded order each epoch and the
 * ratings of a block in a fresh seeded order, so the rows a block touches
 * stay in cache (faster once the factors outgrow it; another order, so
 * other numbers; off by default).
 * Defaults: k 2, lr 0.01 (it learns on MovieLens, where 0.05 diverges; the
 * toy lessons state lr=0.05), reg 0.02, 100 epochs, factors drawn from
 * N(0, 0.1) (init=given keeps values written by hand).
 *
 * adaptive=adagrad (AdaGrad, a G per parameter) or adaptive=rpcs (LibMF's
 * accumulator, a G per vector) divide lr by sqrt(G), G the sum of the squared
 * gradients so far, from 1 (mf_kernels.h); their lr defaults to 0.05
 * (LibMF's 0.1 is for ratings it first divides by their deviation; on
 * MovieLens stars rpcs diverges at 0.1). Off by default, so the lecture's
 * numbers stay.
 *
 * The epoch's loss: loss=after (the default) is the RMSE of the model after
 * the epoch, model_train_rmse's number to the bit (the lessons show it),
 * at the cost of one more pass over the ratings; loss=during is the RMSE of
 * the errors met during the epoch, each before its update, summed inside
 * the update pass for free (what biased MF and LibMF report; it lags the
 * after-epoch figure a little). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mf/mf_impl.h"
#include "engine/mf/mf_kernels.h"

typedef struct sgd_model {
	mf_model mf;
	double lr, reg, decay, init_std; /* init_std < 0: init=given */
	int shuffle, simultaneous, l1;
	int adapt;             /* MF_ADAPT_*: the adaptive rate, if any */
	int bins;              /* bins=N (>= 2): the block order, else 0 */
	uint32_t *grouped;     /* bins: the entries block by block, */
	uint32_t *bstart;      /* where each block starts (bins^2 + 1), */
	uint32_t *border;      /* and the blocks' order (bins^2) */
	int loss_during;       /* loss=during: the errors met in the pass */
	uint32_t *order;
	size_t n_order;
	float *prevP, *prevQ;  /* last sane factors, for divergence */
	float *GP, *GQ;        /* adapt: the accumulators (mf_kernels.h) */
	float *prevG;          /* and their last sane values */
	size_t n_gp, n_gq;
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

/* Below this many bytes of factors, the pass interleaves ratings in pairs:
 * on a 2-core EPYC (1 MiB of L2 a core) pairs were 5-10% faster on ml-100k
 * at k 100 and 200 (1-2 MiB of factors) and 8% slower on ml-1m-part at k 200
 * (5 MiB), where every row comes from memory. */
#define PAIRS_BELOW (4u << 20)

/* The kernels' view of the model for one epoch's rate. */
static mf_plain plain_of(const sgd_model *s, const ratings *train, float lr, float reg)
{
	const model *m = &s->mf.base;
	double bytes = ((double)m->n_users + m->n_items) * m->k * sizeof(float);
	mf_plain a = {
		.ent = ratings_entries(train), .order = s->order, .n = (long)s->n_order,
		.P = m->P, .Q = m->Q, .GP = s->GP, .GQ = s->GQ, .k = m->k,
		.simultaneous = s->simultaneous, .adapt = s->adapt, .pairs = bytes < PAIRS_BELOW,
		.lr = lr, .reg = reg,
	};
	return a;
}

static float sgd_rule(const sgd_model *s, const ratings *train, const ll_rating *e, float lr,
		      float reg, float *pred_out)
{
	const model *m = &s->mf.base;
	int k = m->k;
	float *p = m->P + (size_t)e->user * k, *q = m->Q + (size_t)e->item * k;
	if (s->l1)
		return s->simultaneous ? rule(p, q, k, e->value, lr, reg, 1, 1, pred_out)
				       : rule(p, q, k, e->value, lr, reg, 1, 0, pred_out);
	mf_plain a = plain_of(s, train, lr, reg);
	return mf_plain_one(&a, e, pred_out);
}

/* One untraced pass in the given order, one loop per variant; returns the
 * sum of the squared errors met, each before its update. */
#define SGD_PASS(L1, SIM) \
	for (size_t j = 0; j < n; j++) { \
		const ll_rating *e = &ent[order[j]]; \
		float pred, er = rule(P + (size_t)e->user * k, Q + (size_t)e->item * k, k, e->value, \
				      lr, reg, L1, SIM, &pred); \
		sse += (double)er * er; \
	}

static double sgd_pass(const sgd_model *s, const ratings *train, float lr, float reg)
{
	const ll_rating *ent = ratings_entries(train);
	const uint32_t *order = s->order;
	const size_t n = s->n_order;
	const int k = s->mf.base.k;
	float *P = s->mf.base.P, *Q = s->mf.base.Q;
	double sse = 0;
	if (s->l1 && s->simultaneous) {
		SGD_PASS(1, 1)
	} else if (s->l1) {
		SGD_PASS(1, 0)
	} else {
		mf_plain a = plain_of(s, train, lr, reg);
		sse = mf_plain_pass(&a);
	}
	return sse;
}

/* The training RMSE of the model after the pass (the figure the lessons
 * show), mf_train_rmse's to the bit: the same estimates summed in the same
 * (storage) order, two at a time. */
static double train_rmse(const sgd_model *s, const ratings *train)
{
	const model *m = &s->mf.base;
	size_t n = ratings_count(train);
	double sse = mf_plain_sse(m->P, m->Q, ratings_entries(train), (long)n, m->k);
	return n ? sqrt(sse / (double)n) : 0;
}

/* bins: a seeded group for each of n rows, about n / bins rows a group. */
static uint32_t *cut(gsl_rng *g, int n, int bins)
{
	uint32_t *pos = malloc(((size_t)n + 1) * sizeof *pos);
	uint32_t *grp = malloc(((size_t)n + 1) * sizeof *grp);
	if (!pos || !grp) {
		free(pos), free(grp);
		return NULL;
	}
	for (int j = 0; j < n; j++)
		pos[j] = (uint32_t)j;
	mf_shuffle(g, pos, (size_t)n);
	for (int j = 0; j < n; j++)
		grp[pos[j]] = (uint32_t)((uint64_t)j * (uint64_t)bins / (uint64_t)n);
	free(pos);
	return grp;
}

/* bins: the entries sorted by block (user group, item group), in entry
 * order inside a block (a counting sort, once per training store). */
static int group_blocks(sgd_model *s, const ratings *train, ll_error *err)
{
	model *m = &s->mf.base;
	size_t nb = (size_t)s->bins * (size_t)s->bins, n = s->n_order;
	uint32_t *ug = cut(s->mf.rng, m->n_users, s->bins), *ig = cut(s->mf.rng, m->n_items, s->bins);
	s->grouped = malloc((n + 1) * sizeof *s->grouped);
	s->bstart = calloc(nb + 1, sizeof *s->bstart);
	s->border = malloc(nb * sizeof *s->border);
	if (!ug || !ig || !s->grouped || !s->bstart || !s->border) {
		free(ug), free(ig);
		return ll_fail(err, "out of memory");
	}
	const ll_rating *e = ratings_entries(train);
	for (size_t j = 0; j < n; j++)
		s->bstart[ug[e[j].user] * (uint32_t)s->bins + ig[e[j].item] + 1]++;
	for (size_t b = 0; b < nb; b++)
		s->bstart[b + 1] += s->bstart[b];
	for (size_t j = 0; j < n; j++) {
		size_t b = ug[e[j].user] * (uint32_t)s->bins + ig[e[j].item];
		s->grouped[s->bstart[b]++] = (uint32_t)j;
	}
	for (size_t b = nb; b > 0; b--) /* back to where each block starts */
		s->bstart[b] = s->bstart[b - 1];
	s->bstart[0] = 0;
	for (size_t b = 0; b < nb; b++)
		s->border[b] = (uint32_t)b;
	free(ug), free(ig);
	return 0;
}

/* This epoch's block order: the blocks, then the ratings inside each, in a
 * fresh seeded order. */
static void block_order(sgd_model *s)
{
	gsl_rng *g = s->mf.rng;
	size_t nb = (size_t)s->bins * (size_t)s->bins, at = 0;
	mf_shuffle(g, s->border, nb);
	for (size_t x = 0; x < nb; x++) {
		uint32_t b = s->border[x], len = s->bstart[b + 1] - s->bstart[b];
		memcpy(s->order + at, s->grouped + s->bstart[b], len * sizeof *s->order);
		mf_shuffle(g, s->order + at, len);
		at += len;
	}
}

/* Copy the factors (and accumulators) to or from the divergence backup. */
static void backup(sgd_model *s, int restore)
{
	model *m = &s->mf.base;
	size_t np = (size_t)m->n_users * m->k * sizeof(float);
	size_t nq = (size_t)m->n_items * m->k * sizeof(float);
	if (restore) {
		memcpy(m->P, s->prevP, np), memcpy(m->Q, s->prevQ, nq);
		if (s->prevG) {
			memcpy(s->GP, s->prevG, s->n_gp * sizeof(float));
			memcpy(s->GQ, s->prevG + s->n_gp, s->n_gq * sizeof(float));
		}
	} else {
		memcpy(s->prevP, m->P, np), memcpy(s->prevQ, m->Q, nq);
		if (s->prevG) {
			memcpy(s->prevG, s->GP, s->n_gp * sizeof(float));
			memcpy(s->prevG + s->n_gp, s->GQ, s->n_gq * sizeof(float));
		}
	}
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
	free(s->GP), free(s->GQ), free(s->prevG);
	free(s->grouped), free(s->bstart), free(s->border);
	s->GP = s->GQ = s->prevG = NULL;
	s->grouped = s->bstart = s->border = NULL;
	s->n_order = ratings_count(train);
	s->prevP = malloc(((size_t)m->n_users * k + 1) * sizeof(float));
	s->prevQ = malloc(((size_t)m->n_items * k + 1) * sizeof(float));
	s->buf = malloc((4 * (size_t)k + 1) * sizeof(float));
	s->order = malloc((s->n_order + 1) * sizeof *s->order);
	if (!s->prevP || !s->prevQ || !s->buf || !s->order)
		return ll_fail(err, "out of memory");
	if (s->adapt != MF_ADAPT_NONE) {
		size_t per = s->adapt == MF_ADAPT_ADAGRAD ? (size_t)k : 1;
		s->n_gp = (size_t)m->n_users * per, s->n_gq = (size_t)m->n_items * per;
		s->GP = malloc((s->n_gp + 1) * sizeof(float));
		s->GQ = malloc((s->n_gq + 1) * sizeof(float));
		s->prevG = malloc((s->n_gp + s->n_gq + 1) * sizeof(float));
		if (!s->GP || !s->GQ || !s->prevG)
			return ll_fail(err, "out of memory");
		/* From 1: no step is longer than the plain rule's. */
		for (size_t j = 0; j < s->n_gp; j++)
			s->GP[j] = 1.0f;
		for (size_t j = 0; j < s->n_gq; j++)
			s->GQ[j] = 1.0f;
	}
	for (size_t j = 0; j < s->n_order; j++)
		s->order[j] = (uint32_t)j;
	/* After the factors: the same seed starts from the same vectors with
	 * or without bins. */
	if (s->bins && group_blocks(s, train, err) < 0)
		return -1;
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
	float pred, er = sgd_rule(s, train, e, lr, reg, &pred);
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
	int epoch = m->epochs_done + 1;
	float lr = (float)(s->lr * pow(s->decay, m->epochs_done)), reg = (float)s->reg;
	backup(s, 0);
	if (s->bins)
		block_order(s);
	else if (s->shuffle)
		mf_shuffle(mf->rng, s->order, s->n_order);
	double sse = 0;
	if (!mf->trace) {
		sse = sgd_pass(s, train, lr, reg);
	} else {
		/* The traced loop: same rule, with copies of the vectors. */
		for (size_t j = 0; j < s->n_order; j++) {
			mf_update u;
			sgd_apply(mf, train, s->order[j], (long)j, &u);
			sse += (double)u.error * u.error;
		}
	}
	size_t n = ratings_count(train);
	double loss = s->loss_during ? (n ? sqrt(sse / (double)n) : 0) : train_rmse(s, train);
	if (mf_check_divergence(m, epoch, loss, "lr", s->lr, err) < 0) {
		backup(s, 1);
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
	free(s->GP), free(s->GQ), free(s->prevG);
	free(s->grouped), free(s->bstart), free(s->border);
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
	s->adapt = params_choice(opts, "adaptive", "none|adagrad|rpcs", 0);
	s->lr = params_double(opts, "lr|lr_all|learning_rate", s->adapt ? 0.05 : 0.01);
	s->reg = params_double(opts, "reg|regParam|lambda|reg_all", 0.02);
	s->decay = params_double(opts, "decay|lr_decay", 1.0);
	s->init_std = mf_param_init(opts, 0.1);
	s->shuffle = params_bool(opts, "shuffle", false);
	s->bins = (int)params_long_in(opts, "bins|nr_bins", 0, 0, 256);
	s->simultaneous = params_choice(opts, "update", "sequential|simultaneous", 0) == 1;
	s->l1 = params_choice(opts, "penalty|reg_type", "l2|l1", 0) == 1;
	s->loss_during = params_choice(opts, "loss", "after|during", 0) == 1;
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
	if (s->adapt && s->l1)
		params_invalid(opts, "adaptive takes penalty=l2");
	if (s->bins == 1)
		s->bins = 0; /* one block: the plain shuffled order */
	if (s->bins && !s->shuffle)
		params_invalid(opts, "bins takes shuffle=1 (it is an order of the shuffled ratings)");
	s->mf.reg = s->reg;
	s->mf.reg_weighted = 1;
	s->mf.init = sgd_init;
	s->mf.step = sgd_step;
	return m;
}

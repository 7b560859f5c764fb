/* mf_biased.c: biased matrix factorization by SGD (Funk's model, as in
 * Surprise's SVD): estimate = mu + b_u + b_i + p_u . q_i.
 *
 * Per rating, with e = r - estimate and every right-hand side taken from the
 * values before the step (as Surprise does):
 *   b_u += lr_bias (e - reg_bias b_u);  b_i += lr_bias (e - reg_bias b_i)
 *   p_u += lr (e q_i - reg p_u);        q_i += lr (e p_u - reg q_i)
 * Defaults are Surprise's: k 100, 20 epochs, lr 0.005, reg 0.02, factors
 * from N(0, 0.1), biases 0; ratings are visited in a seeded shuffled order
 * each epoch (shuffle=0 keeps the store's order); lr is multiplied by
 * `decay` after each epoch. The epoch's loss is the RMSE of the errors met
 * during the epoch (free to compute; it lags the end-of-epoch RMSE a little).
 * threads > 1 runs lock-free (Hogwild) updates: faster, not reproducible. */
#include <math.h>
#include <stdlib.h>
#include <string.h>


#include "engine/mf/mf_impl.h"
#include "engine/mf/mf_kernels.h"

typedef struct biased_model {
	mf_model mf;
	double lr, reg, lr_bias, reg_bias, decay, init_std;
	int shuffle, threads;
	uint32_t *order;
	size_t n_order;
	float *prev;           /* last sane P, Q, bu, bi, for divergence */
	float *buf;            /* 4 k floats for a traced step */
} biased_model;

static size_t n_params(const model *m)
{
	return ((size_t)m->n_users + m->n_items) * (size_t)(m->k + 1);
}

static int biased_init(mf_model *mf, const ratings *train, ll_error *err)
{
	biased_model *b = (biased_model *)mf;
	model *m = &mf->base;
	int k = m->k;
	model_init_shape(m, train);
	if (model_alloc_factors(m, k, err) < 0 || mf_alloc_biases(mf, err) < 0)
		return -1;
	gsl_rng_set(mf->rng, mf->seed);
	if (b->init_std > 0) {
		mf_fill_gaussian(mf, m->P, (size_t)m->n_users * k, b->init_std);
		mf_fill_gaussian(mf, m->Q, (size_t)m->n_items * k, b->init_std);
		/* A user or item without training ratings is never updated: its
		 * random vector would only add noise to its estimates, which are
		 * mu + b_u (or mu + b_i) as in Surprise. */
		const uint32_t *pos;
		for (int u = 0; u < m->n_users; u++)
			if (ratings_user_entries(train, u, &pos) == 0)
				memset(m->P + (size_t)u * k, 0, (size_t)k * sizeof(float));
		for (int i = 0; i < m->n_items; i++)
			if (ratings_item_entries(train, i, &pos) == 0)
				memset(m->Q + (size_t)i * k, 0, (size_t)k * sizeof(float));
	}
	if (mf->item_init && mf->item_init(mf->item_init_ctx, train, m->Q, m->n_items, k, err) < 0)
		return -1;
	mf->mu = ratings_mean(train);
	free(b->order), free(b->prev), free(b->buf);
	b->n_order = ratings_count(train);
	b->order = malloc((b->n_order + 1) * sizeof *b->order);
	b->prev = malloc((n_params(m) + 1) * sizeof *b->prev);
	b->buf = malloc((4 * (size_t)k + 1) * sizeof *b->buf);
	if (!b->order || !b->prev || !b->buf)
		return ll_fail(err, "out of memory");
	for (size_t j = 0; j < b->n_order; j++)
		b->order[j] = (uint32_t)j;
	m->epochs_done = 0;
	m->n_hist = 0;
	mf->initialised = 1;
	return 0;
}

/* Copy all parameters to or from the divergence backup. */
static void backup(biased_model *b, int restore)
{
	model *m = &b->mf.base;
	size_t np = (size_t)m->n_users * m->k, nq = (size_t)m->n_items * m->k;
	float *parts[4] = { m->P, m->Q, b->mf.bu, b->mf.bi };
	size_t sizes[4] = { np, nq, (size_t)m->n_users, (size_t)m->n_items };
	float *at = b->prev;
	for (int i = 0; i < 4; i++) {
		if (restore)
			memcpy(parts[i], at, sizes[i] * sizeof(float));
		else
			memcpy(at, parts[i], sizes[i] * sizeof(float));
		at += sizes[i];
	}
}

static mf_pass pass_of(biased_model *b, const ratings *train, float lr, float lrb)
{
	model *m = &b->mf.base;
	mf_pass a = {
		.ent = ratings_entries(train), .order = b->order, .n = (long)b->n_order,
		.P = m->P, .Q = m->Q, .bu = b->mf.bu, .bi = b->mf.bi, .k = m->k,
		.mu = (float)b->mf.mu, .lr = lr, .reg = (float)b->reg,
		.lr_bias = lrb, .reg_bias = (float)b->reg_bias,
	};
	return a;
}

static void biased_apply(biased_model *b, const ratings *train, size_t entry, long index,
			 float lr, float lrb, mf_update *out)
{
	mf_model *mf = &b->mf;
	model *m = &mf->base;
	const ll_rating *e = &ratings_entries(train)[entry];
	int k = m->k;
	float *p = m->P + (size_t)e->user * k, *q = m->Q + (size_t)e->item * k;
	mf_update u = {
		.user = e->user, .item = e->item, .index = index, .entry = (long)entry,
		.epoch = m->epochs_done + 1, .rating = e->value, .lr = lr, .reg = (float)b->reg,
		.bu_before = mf->bu[e->user], .bi_before = mf->bi[e->item], .k = k,
		.p_before = b->buf, .q_before = b->buf + k,
		.p_after = b->buf + 2 * k, .q_after = b->buf + 3 * k,
	};
	memcpy(b->buf, p, (size_t)k * sizeof *p);
	memcpy(b->buf + k, q, (size_t)k * sizeof *q);
	mf_pass a = pass_of(b, train, lr, lrb);
	u.error = mf_biased_one(&a, e, &u.prediction);
	memcpy(b->buf + 2 * k, p, (size_t)k * sizeof *p);
	memcpy(b->buf + 3 * k, q, (size_t)k * sizeof *q);
	u.bu_after = mf->bu[e->user], u.bi_after = mf->bi[e->item];
	if (mf->trace)
		mf->trace(mf->trace_ctx, &u);
	if (out)
		*out = u;
}

static double epoch_factor(const biased_model *b)
{
	return pow(b->decay, b->mf.base.epochs_done);
}

static int biased_step(mf_model *mf, const ratings *train, size_t entry, mf_update *out,
		       ll_error *err)
{
	biased_model *b = (biased_model *)mf;
	double f = epoch_factor(b);
	biased_apply(b, train, entry, 0, (float)(b->lr * f), (float)(b->lr_bias * f), out);
	return 0;
}

static int biased_fit_epoch(model *m, const ratings *train, ll_error *err)
{
	biased_model *b = (biased_model *)m;
	mf_model *mf = &b->mf;
	if (!mf->initialised || m->n_users != ratings_n_users(train) ||
	    m->n_items != ratings_n_items(train) || b->n_order != ratings_count(train)) {
		if (biased_init(mf, train, err) < 0)
			return -1;
	}
	int epoch = m->epochs_done + 1;
	double fct = epoch_factor(b);
	float lr = (float)(b->lr * fct), lrb = (float)(b->lr_bias * fct);
	backup(b, 0);
	if (b->shuffle)
		mf_shuffle(mf->rng, b->order, b->n_order);
	long n = (long)b->n_order;
	double loss = 0;
	if (mf->trace) {
		for (long j = 0; j < n; j++) {
			mf_update u;
			biased_apply(b, train, b->order[j], j, lr, lrb, &u);
			loss += (double)u.error * u.error;
		}
	} else if (b->threads > 1) {
		/* Hogwild: each thread takes a slice of the shuffled order and
		 * updates shared rows without locks; collisions are rare on sparse
		 * data and only perturb the result slightly. */
		int nt = b->threads;
#pragma omp parallel for num_threads(nt) schedule(static, 1) reduction(+ : loss)
		for (int t = 0; t < nt; t++) {
			mf_pass a = pass_of(b, train, lr, lrb);
			long lo = n * t / nt, hi = n * (t + 1) / nt;
			a.order = b->order + lo;
			a.n = hi - lo;
			loss += mf_biased_pass(&a);
		}
	} else {
		mf_pass a = pass_of(b, train, lr, lrb);
		loss = mf_biased_pass(&a);
	}
	loss = n ? sqrt(loss / (double)n) : 0;
	if (mf_check_divergence(m, epoch, loss, "lr", b->lr, err) < 0) {
		backup(b, 1);
		return -1;
	}
	m->epochs_done = epoch;
	model_log_epoch(m, loss);
	return 0;
}

static double biased_predict(const model *m, int user, int item)
{
	const mf_model *mf = (const mf_model *)m;
	if (!m->P || item < 0 || item >= m->n_items)
		return NAN;
	double est = mf->mu + mf->bi[item];
	if (user < 0 || user >= m->n_users)
		return est; /* an unknown user: the item's baseline */
	return est + mf->bu[user] + mf_dot(m->P + (size_t)user * m->k, m->Q + (size_t)item * m->k, m->k);
}

static void biased_score_items(const model *m, int user, float *out)
{
	for (int i = 0; i < m->n_items; i++)
		out[i] = (float)biased_predict(m, user, i);
}

static int biased_save(const model *m, FILE *f, ll_error *err)
{
	return mf_save_biases((const mf_model *)m, f, err);
}

static int biased_load(model *m, FILE *f, ll_error *err)
{
	mf_model *mf = (mf_model *)m;
	if (mf_load_biases(mf, f, err) < 0)
		return -1;
	if (!mf->bu)
		return ll_fail(err, "biased model without biases");
	return 0;
}

static void biased_destroy(model *m)
{
	biased_model *b = (biased_model *)m;
	free(b->order), free(b->prev), free(b->buf);
	mf_common_destroy(&b->mf);
}

const model_ops mf_biased_ops = {
	.algo = "biased",
	.fit_epoch = biased_fit_epoch,
	.predict = biased_predict,
	.score_items = biased_score_items,
	.save = biased_save,
	.load = biased_load,
	.destroy = biased_destroy,
};

model *mf_biased_create(params *opts, ll_error *err)
{
	biased_model *b = calloc(1, sizeof *b);
	if (!b) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	model *m = &b->mf.base;
	m->ops = &mf_biased_ops;
	if (mf_common_init(&b->mf, MF_BIASED, opts, err) < 0) {
		model_free(&m);
		return NULL;
	}
	m->k = (int)params_long(opts, "k|rank|factors|n_factors", 100);
	m->n_epochs = (int)params_long(opts, "epochs|maxIter|n_epochs|iter", 20);
	b->lr = params_double(opts, "lr|lr_all|learning_rate", 0.005);
	b->reg = params_double(opts, "reg|regParam|lambda|reg_all", 0.02);
	b->lr_bias = params_double(opts, "lr_bias|lr_b", b->lr);
	b->reg_bias = params_double(opts, "reg_bias|reg_b", b->reg);
	b->decay = params_double(opts, "decay|lr_decay", 1.0);
	b->init_std = mf_param_init(opts, 0.1);
	b->shuffle = params_bool(opts, "shuffle", true);
	b->threads = (int)params_long(opts, "threads|nthreads|nr_threads", 1);
	if (m->k < 1 || m->k > 10000)
		params_invalid(opts, "k must be between 1 and 10000");
	/* Bounded: a log row is kept per epoch. */
	if (m->n_epochs < 0 || m->n_epochs > 100000)
		params_invalid(opts, "epochs must be between 0 and 100000");
	if (!(b->lr > 0) || !(b->lr_bias > 0))
		params_invalid(opts, "lr must be > 0");
	if (b->reg < 0 || b->reg_bias < 0)
		params_invalid(opts, "reg must be >= 0");
	if (!(b->decay > 0 && b->decay <= 1))
		params_invalid(opts, "decay must be in (0, 1]");
	if (b->threads < 1 || b->threads > 256)
		params_invalid(opts, "threads must be between 1 and 256");
	b->mf.reg = b->reg;
	b->mf.reg_weighted = 1;
	b->mf.init = biased_init;
	b->mf.step = biased_step;
	return m;
}

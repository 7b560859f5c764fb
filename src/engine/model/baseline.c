/* baseline.c: the four baselines every recommender must beat.
 *
 *   random    a draw from N(mu, sigma) of the training ratings (Surprise's
 *             NormalPredictor; sigma is the population deviation). The draw
 *             for (user, item) is a function of (seed, user, item), so predict
 *             and score_items agree and a const model stays deterministic.
 *   mean      the global mean of the training ratings.
 *   baseline  mu + b_u + b_i with the biases fitted by alternating least
 *             squares exactly as Surprise's BaselineOnly (method 'als'):
 *             each epoch b_i = sum(r - mu - b_u) / (reg_i + |U_i|) for every
 *             item, then b_u = sum(r - mu - b_i) / (reg_u + |I_u|) for every
 *             user (items first, as in Surprise's optimize_baselines.pyx).
 *   pop       popularity: an item's score, and its predict() value, is the
 *             number of training ratings it has (a count, not a rating), so
 *             it ranks but does not predict ratings (ranking_only).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "engine/model/baseline.h"
#include "engine/model/model_impl.h"

typedef struct base_model {
	model base;
	double mu, sigma;
	unsigned long seed;
	double reg_u, reg_i;
	double *bu, *bi;       /* baseline: biases; pop: bi holds counts */
} base_model;

static base_model *bm(const model *m) { return (base_model *)m; }

static void base_destroy(model *m)
{
	free(bm(m)->bu);
	free(bm(m)->bi);
}

/* mu and the population deviation of a store's ratings. */
static void moments(const ratings *r, double *mu, double *sigma)
{
	const ll_rating *e = ratings_entries(r);
	size_t n = ratings_count(r);
	double m = ratings_mean(r), s = 0;
	for (size_t k = 0; k < n; k++)
		s += (e[k].value - m) * (e[k].value - m);
	*mu = m;
	*sigma = n ? sqrt(s / (double)n) : 0;
}

static int need_ratings(const model *m, const ratings *train, ll_error *err)
{
	if (ratings_count(train) == 0)
		return ll_fail(err, "%s: the training set has no ratings", model_algo(m));
	return 0;
}

/* --- save / load of the few numbers these models hold ------------------- */

/* Biases stay in double (Surprise's precision), so they are saved as such. */
static int write_doubles(FILE *f, const double *v, size_t n, ll_error *err)
{
	if (n && fwrite(v, sizeof *v, n, f) != n)
		return ll_fail(err, "write failed");
	return 0;
}

static int read_doubles(FILE *f, double *v, size_t n, ll_error *err)
{
	if (n && fread(v, sizeof *v, n, f) != n)
		return ll_fail(err, "model file is truncated");
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return ll_fail(err, "NaN or infinite value at position %zu of the model's numbers", i);
	return 0;
}

static int save_vec(FILE *f, const double *head, size_t nh, const double *v, size_t n, ll_error *err)
{
	if (write_doubles(f, head, nh, err) < 0)
		return -1;
	return v ? write_doubles(f, v, n, err) : 0;
}

/* --- mean ---------------------------------------------------------------- */

static int mean_fit(model *m, const ratings *train, ll_error *err)
{
	if (need_ratings(m, train, err) < 0)
		return -1;
	model_init_shape(m, train);
	moments(train, &bm(m)->mu, &bm(m)->sigma);
	return 0;
}

static double mean_predict(const model *m, int user, int item)
{
	return bm(m)->mu;
}

static int mean_save(const model *m, FILE *f, ll_error *err)
{
	double h[2] = { bm(m)->mu, bm(m)->sigma };
	return save_vec(f, h, 2, NULL, 0, err);
}

static int mean_load(model *m, FILE *f, ll_error *err)
{
	double h[2];
	if (read_doubles(f, h, 2, err) < 0)
		return -1;
	bm(m)->mu = h[0], bm(m)->sigma = h[1];
	return 0;
}

static const model_ops mean_ops = {
	.algo = "mean", .fit = mean_fit, .predict = mean_predict,
	.save = mean_save, .load = mean_load, .destroy = base_destroy,
};

static base_model *base_alloc(const model_ops *ops, ll_error *err)
{
	base_model *b = calloc(1, sizeof *b);
	if (!b) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	b->base.ops = ops;
	return b;
}

model *baseline_mean_new(params *opts, ll_error *err)
{
	base_model *b = base_alloc(&mean_ops, err);
	return b ? &b->base : NULL;
}

/* --- random -------------------------------------------------------------- */

/* splitmix64: a counter-based generator, so the draw for (seed, user, item)
 * needs no state and comes out the same in any order. */
static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static double random_predict(const model *m, int user, int item)
{
	const base_model *b = bm(m);
	uint64_t h = mix64(mix64(mix64((uint64_t)b->seed) ^ (uint64_t)(uint32_t)user) ^
			   ((uint64_t)(uint32_t)item << 1));
	/* 53 random bits in (0, 1), then the normal quantile. */
	double u = ((double)(h >> 11) + 0.5) / 9007199254740992.0;
	return b->mu + b->sigma * gsl_cdf_ugaussian_Pinv(u);
}

static int random_save(const model *m, FILE *f, ll_error *err)
{
	if (mean_save(m, f, err) < 0)
		return -1;
	return fprintf(f, " %lu\n", bm(m)->seed) < 0 ? ll_fail(err, "write failed") : 0;
}

static int random_load(model *m, FILE *f, ll_error *err)
{
	if (mean_load(m, f, err) < 0)
		return -1;
	/* The line's end too: a session file goes on after the model. */
	return fscanf(f, " %lu", &bm(m)->seed) == 1 && fgetc(f) == '\n'
	       ? 0 : ll_fail(err, "model file is truncated");
}

static const model_ops random_ops = {
	.algo = "random", .fit = mean_fit, .predict = random_predict,
	.save = random_save, .load = random_load, .destroy = base_destroy,
};

model *baseline_random_new(params *opts, ll_error *err)
{
	long seed = params_long(opts, "seed", 0);
	if (seed < 0)
		params_invalid(opts, "seed must be >= 0 (got %ld)", seed);
	base_model *b = base_alloc(&random_ops, err);
	if (b)
		b->seed = (unsigned long)seed;
	return b ? &b->base : NULL;
}

/* --- baseline (biases by ALS) ------------------------------------------- */

void baseline_als_sweep(const ratings *r, double mu, double reg_u, double reg_i,
			double *bu, double *bi)
{
	const ll_rating *e = ratings_entries(r);
	const uint32_t *pos;
	for (int i = 0; i < ratings_n_items(r); i++) {
		size_t n = ratings_item_entries(r, i, &pos);
		double dev = 0;
		for (size_t j = 0; j < n; j++)
			dev += e[pos[j]].value - mu - bu[e[pos[j]].user];
		bi[i] = dev / (reg_i + (double)n);
	}
	for (int u = 0; u < ratings_n_users(r); u++) {
		size_t n = ratings_user_entries(r, u, &pos);
		double dev = 0;
		for (size_t j = 0; j < n; j++)
			dev += e[pos[j]].value - mu - bi[e[pos[j]].item];
		bu[u] = dev / (reg_u + (double)n);
	}
}

double baseline_als(const ratings *r, int epochs, double reg_u, double reg_i,
		    double *bu, double *bi)
{
	double mu = ratings_count(r) ? ratings_mean(r) : 0;
	memset(bu, 0, (size_t)ratings_n_users(r) * sizeof *bu);
	memset(bi, 0, (size_t)ratings_n_items(r) * sizeof *bi);
	for (int ep = 0; ep < epochs; ep++)
		baseline_als_sweep(r, mu, reg_u, reg_i, bu, bi);
	return mu;
}

static int biases_alloc(model *m, ll_error *err)
{
	base_model *b = bm(m);
	free(b->bu), free(b->bi);
	b->bu = calloc((size_t)m->n_users + 1, sizeof *b->bu);
	b->bi = calloc((size_t)m->n_items + 1, sizeof *b->bi);
	if (!b->bu || !b->bi)
		return ll_fail(err, "out of memory for %d user and %d item biases",
			       m->n_users, m->n_items);
	return 0;
}

static double bias_predict(const model *m, int user, int item)
{
	const base_model *b = bm(m);
	double p = b->mu;
	if (user >= 0 && user < m->n_users)
		p += b->bu[user];
	if (item >= 0 && item < m->n_items)
		p += b->bi[item];
	return p;
}

/* Before the first epoch: b_u = b_i = 0, so the model predicts mu. */
static int bias_init(model *m, const ratings *train, ll_error *err)
{
	if (need_ratings(m, train, err) < 0)
		return -1;
	model_init_shape(m, train);
	if (biases_alloc(m, err) < 0)
		return -1;
	bm(m)->mu = ratings_mean(train);
	return 0;
}

static int bias_fit_epoch(model *m, const ratings *train, ll_error *err)
{
	base_model *b = bm(m);
	if (m->epochs_done == 0) {
		if (bias_init(m, train, err) < 0)
			return -1;
	} else if (ratings_n_users(train) != m->n_users || ratings_n_items(train) != m->n_items) {
		return ll_fail(err, "baseline: the training set changed shape between epochs");
	}
	baseline_als_sweep(train, b->mu, b->reg_u, b->reg_i, b->bu, b->bi);
	m->epochs_done++;
	model_log_epoch(m, model_train_rmse(m, train)); /* model.h: one definition */
	return 0;
}

/* All epochs; with epochs=0 the model is initialised and predicts mu. */
static int bias_fit(model *m, const ratings *train, ll_error *err)
{
	m->stop = 0;
	if (m->epochs_done == 0 && bias_init(m, train, err) < 0)
		return -1;
	while (m->epochs_done < m->n_epochs) {
		if (bias_fit_epoch(m, train, err) < 0)
			return -1;
		if (m->stop)
			return 1;
	}
	return 0;
}

static int bias_save(const model *m, FILE *f, ll_error *err)
{
	const base_model *b = bm(m);
	double h[3] = { b->mu, b->reg_u, b->reg_i };
	if (save_vec(f, h, 3, b->bu, (size_t)m->n_users, err) < 0)
		return -1;
	return write_doubles(f, b->bi, (size_t)m->n_items, err);
}

static int bias_load(model *m, FILE *f, ll_error *err)
{
	base_model *b = bm(m);
	double h[3];
	if (read_doubles(f, h, 3, err) < 0 || biases_alloc(m, err) < 0 ||
	    read_doubles(f, b->bu, (size_t)m->n_users, err) < 0 ||
	    read_doubles(f, b->bi, (size_t)m->n_items, err) < 0)
		return -1;
	b->mu = h[0], b->reg_u = h[1], b->reg_i = h[2];
	return 0;
}

static const model_ops bias_ops = {
	.algo = "baseline", .fit = bias_fit, .fit_epoch = bias_fit_epoch, .predict = bias_predict,
	.save = bias_save, .load = bias_load, .destroy = base_destroy,
};

model *baseline_bias_new(params *opts, ll_error *err)
{
	double reg_u = params_double(opts, "reg_u|reg-u|regu", 15);
	double reg_i = params_double(opts, "reg_i|reg-i|regi", 10);
	long epochs = params_long(opts, "epochs|n_epochs", 10);
	if (reg_u < 0)
		params_invalid(opts, "reg_u must be >= 0 (got %g)", reg_u);
	if (reg_i < 0)
		params_invalid(opts, "reg_i must be >= 0 (got %g)", reg_i);
	if (epochs < 0 || epochs > 1000000)
		params_invalid(opts, "epochs must be between 0 and 1000000 (got %ld)", epochs);
	base_model *b = base_alloc(&bias_ops, err);
	if (!b)
		return NULL;
	b->reg_u = reg_u, b->reg_i = reg_i;
	b->base.n_epochs = (int)(epochs < 0 ? 0 : epochs > 1000000 ? 1000000 : epochs);
	return &b->base;
}

/* --- pop ----------------------------------------------------------------- */

static int pop_fit(model *m, const ratings *train, ll_error *err)
{
	if (need_ratings(m, train, err) < 0)
		return -1;
	model_init_shape(m, train);
	if (biases_alloc(m, err) < 0)
		return -1;
	const ll_rating *e = ratings_entries(train);
	size_t n = ratings_count(train);
	for (size_t k = 0; k < n; k++)
		bm(m)->bi[e[k].item] += 1;
	bm(m)->mu = ratings_mean(train);
	return 0;
}

static double pop_predict(const model *m, int user, int item)
{
	return item >= 0 && item < m->n_items ? bm(m)->bi[item] : 0;
}

static void pop_score_items(const model *m, int user, float *out)
{
	for (int i = 0; i < m->n_items; i++)
		out[i] = (float)bm(m)->bi[i];
}

static int pop_save(const model *m, FILE *f, ll_error *err)
{
	double h[1] = { bm(m)->mu };
	return save_vec(f, h, 1, bm(m)->bi, (size_t)m->n_items, err);
}

static int pop_load(model *m, FILE *f, ll_error *err)
{
	double h[1];
	if (read_doubles(f, h, 1, err) < 0 || biases_alloc(m, err) < 0 ||
	    read_doubles(f, bm(m)->bi, (size_t)m->n_items, err) < 0)
		return -1;
	bm(m)->mu = h[0];
	return 0;
}

static const model_ops pop_ops = {
	.algo = "pop", .fit = pop_fit, .predict = pop_predict, .score_items = pop_score_items,
	.save = pop_save, .load = pop_load, .destroy = base_destroy,
};

model *baseline_pop_new(params *opts, ll_error *err)
{
	base_model *b = base_alloc(&pop_ops, err);
	return b ? &b->base : NULL;
}

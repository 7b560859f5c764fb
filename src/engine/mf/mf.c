/* mf.c: the shared part of the MF models and the extras of mf.h. */
#include "engine/mf/mf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "engine/mf/mf_impl.h"

mf_model *mf_cast(model *m)
{
	if (m && (m->ops == &mf_sgd_ops || m->ops == &mf_biased_ops || m->ops == &mf_als_ops ||
		  m->ops == &mf_ials_ops || m->ops == &mf_svd_ops))
		return (mf_model *)m;
	return NULL;
}

const mf_model *mf_cast_const(const model *m)
{
	return mf_cast((model *)m);
}

int mf_is_mf(const model *m) { return mf_cast_const(m) != NULL; }

int mf_common_init(mf_model *mf, enum mf_kind kind, params *opts, ll_error *err)
{
	mf->kind = kind;
	long seed = params_long(opts, "seed|random_state", 0);
	if (seed < 0)
		params_invalid(opts, "seed must be >= 0");
	mf->seed = (unsigned long)seed;
	mf->rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!mf->rng)
		return ll_fail(err, "out of memory");
	gsl_rng_set(mf->rng, mf->seed);
	return 0;
}

void mf_common_destroy(mf_model *mf)
{
	if (mf->item_init_free)
		mf->item_init_free(mf->item_init_ctx);
	gsl_rng_free(mf->rng);
	free(mf->bu);
	free(mf->bi);
}

int mf_alloc_biases(mf_model *mf, ll_error *err)
{
	free(mf->bu), free(mf->bi);
	mf->bu = calloc((size_t)mf->base.n_users + 1, sizeof *mf->bu);
	mf->bi = calloc((size_t)mf->base.n_items + 1, sizeof *mf->bi);
	if (!mf->bu || !mf->bi)
		return ll_fail(err, "out of memory for biases");
	return 0;
}

void mf_fill_gaussian(mf_model *mf, float *v, size_t n, double std)
{
	for (size_t i = 0; i < n; i++)
		v[i] = (float)gsl_ran_gaussian_ziggurat(mf->rng, std);
}

int mf_save_biases(const mf_model *mf, FILE *f, ll_error *err)
{
	int has = mf->bu != NULL;
	if (fwrite(&has, sizeof has, 1, f) != 1 || fwrite(&mf->mu, sizeof mf->mu, 1, f) != 1)
		return ll_fail(err, "write failed");
	if (has && (model_write_floats(f, mf->bu, (size_t)mf->base.n_users, err) < 0 ||
		    model_write_floats(f, mf->bi, (size_t)mf->base.n_items, err) < 0))
		return -1;
	return 0;
}

int mf_load_biases(mf_model *mf, FILE *f, ll_error *err)
{
	int has;
	if (fread(&has, sizeof has, 1, f) != 1 || fread(&mf->mu, sizeof mf->mu, 1, f) != 1)
		return ll_fail(err, "model file is truncated");
	if (!has)
		return 0;
	if (mf_alloc_biases(mf, err) < 0)
		return -1;
	return model_read_floats(f, mf->bu, (size_t)mf->base.n_users, err) < 0 ||
	       model_read_floats(f, mf->bi, (size_t)mf->base.n_items, err) < 0 ? -1 : 0;
}

double mf_param_init(params *opts, double def)
{
	/* The default as text, so that `help ALGO` shows it (params_record). */
	char shown[32];
	snprintf(shown, sizeof shown, "%g", def);
	const char *s = params_str(opts, "init_std|init|init_std_dev", shown);
	if (s == shown)
		return def;
	if (strcmp(s, "given") == 0)
		return -1;
	char *end;
	double d = strtod(s, &end);
	if (end == s || *end || !isfinite(d) || d < 0) {
		params_invalid(opts, "init must be a standard deviation >= 0 or 'given', not '%s'", s);
		return def;
	}
	return d;
}

int mf_check_divergence(const model *m, int epoch, double loss, const char *setting,
			double value, ll_error *err)
{
	/* A root mean square error ten times the width of the rating scale
	 * cannot come from a model that is still learning. */
	double limit = 10.0 * ((double)m->hi - (double)m->lo + 1.0);
	if (isfinite(loss) && loss <= limit)
		return 0;
	char shown[32];
	if (isnan(loss))
		snprintf(shown, sizeof shown, "NaN");
	else
		snprintf(shown, sizeof shown, "%.4g", loss);
	return ll_fail(err, "training diverged at epoch %d (loss %s): the learning rate %s=%g "
		       "is too large; try %s=%g", epoch, shown, setting, value, setting, value / 10);
}

double mf_train_rmse(const model *m, const ratings *r)
{
	return model_train_rmse(m, r);
}

int mf_set_trace(model *m, mf_trace_fn fn, void *ctx, ll_error *err)
{
	mf_model *mf = mf_cast(m);
	if (!mf || (mf->kind != MF_PLAIN && mf->kind != MF_BIASED))
		return ll_fail(err, "%s does not report SGD updates (sgd and biased do)",
			       model_algo(m));
	mf->trace = fn, mf->trace_ctx = ctx;
	return 0;
}

int mf_set_sweep_trace(model *m, mf_sweep_fn fn, void *ctx, ll_error *err)
{
	mf_model *mf = mf_cast(m);
	if (!mf || (mf->kind != MF_ALS && mf->kind != MF_IALS))
		return ll_fail(err, "%s does not report half-sweeps (als and ials do)",
			       model_algo(m));
	mf->sweep = fn, mf->sweep_ctx = ctx;
	return 0;
}

mf_trace_fn mf_get_trace(const model *m, void **ctx)
{
	const mf_model *mf = mf_cast_const(m);
	if (ctx)
		*ctx = mf ? mf->trace_ctx : NULL;
	return mf ? mf->trace : NULL;
}

mf_sweep_fn mf_get_sweep_trace(const model *m, void **ctx)
{
	const mf_model *mf = mf_cast_const(m);
	if (ctx)
		*ctx = mf ? mf->sweep_ctx : NULL;
	return mf ? mf->sweep : NULL;
}

int mf_init(model *m, const ratings *train, ll_error *err)
{
	mf_model *mf = mf_cast(m);
	if (!mf || !mf->init)
		return ll_fail(err, "%s is not initialised step by step", model_algo(m));
	return mf->init(mf, train, err);
}

int mf_set_item_init(model *m, mf_item_init_fn fn, void *ctx, void (*free_ctx)(void *),
		     ll_error *err)
{
	mf_model *mf = mf_cast(m);
	if (!mf || mf->kind != MF_BIASED)
		return ll_fail(err, "%s takes no starting item factors (biased does)",
			       model_algo(m));
	if (mf->item_init_free)
		mf->item_init_free(mf->item_init_ctx);
	mf->item_init = fn, mf->item_init_ctx = ctx, mf->item_init_free = free_ctx;
	return 0;
}

int mf_step(model *m, const ratings *train, size_t entry, mf_update *out, ll_error *err)
{
	mf_model *mf = mf_cast(m);
	if (!mf || !mf->step)
		return ll_fail(err, "%s has no single SGD step (sgd and biased do)", model_algo(m));
	if (entry >= ratings_count(train))
		return ll_fail(err, "rating %zu does not exist (the store has %zu)", entry,
			       ratings_count(train));
	if (!mf->initialised && mf->init(mf, train, err) < 0)
		return -1;
	const ll_rating *e = &ratings_entries(train)[entry];
	if (e->user >= m->n_users || e->item >= m->n_items)
		return ll_fail(err, "the ratings have new users or items since the model was "
			       "initialised: initialise it again");
	return mf->step(mf, train, entry, out, err);
}

int mf_biases(const model *m, double *mu, const float **bu, const float **bi)
{
	const mf_model *mf = mf_cast_const(m);
	if (!mf || !mf->bu)
		return 0;
	if (mu)
		*mu = mf->mu;
	if (bu)
		*bu = mf->bu;
	if (bi)
		*bi = mf->bi;
	return 1;
}

int mf_set_factors(model *m, int n_users, int n_items, int k, const float *P, const float *Q,
		   const double *mu, const float *bu, const float *bi, float lo, float hi,
		   ll_error *err)
{
	mf_model *mf = mf_cast(m);
	if (!mf)
		return ll_fail(err, "%s is no matrix factorization (sgd, biased, als, ials and svd are)",
			       model_algo(m));
	int has = mu && bu && bi;
	if (!has && (mf->kind == MF_BIASED || mf->kind == MF_SVD))
		return ll_fail(err, "%s adds user and item biases to p.q: give them with the factors",
			       model_algo(m));
	if (has && (mf->kind == MF_PLAIN || mf->kind == MF_IALS))
		return ll_fail(err, "%s predicts p.q alone and takes no biases (biased, svd and als "
			       "bias=yes add them)", model_algo(m));
	if (n_users < 0 || n_items < 0 || n_users > MODEL_MAX_SIDE || n_items > MODEL_MAX_SIDE ||
	    k < 1 || !isfinite(lo) || !isfinite(hi) || lo > hi || (has && !isfinite(*mu)))
		return ll_fail(err, "%d users, %d items, k=%d, scale %g..%g: not a model", n_users,
			       n_items, k, lo, hi);
	m->n_users = n_users, m->n_items = n_items, m->lo = lo, m->hi = hi;
	if (model_alloc_factors(m, k, err) < 0)
		return -1;
	memcpy(m->P, P, (size_t)n_users * (size_t)k * sizeof *P);
	memcpy(m->Q, Q, (size_t)n_items * (size_t)k * sizeof *Q);
	free(mf->bu), free(mf->bi);
	mf->bu = mf->bi = NULL;
	mf->mu = 0;
	if (has) {
		if (mf_alloc_biases(mf, err) < 0)
			return -1;
		memcpy(mf->bu, bu, (size_t)n_users * sizeof *bu);
		memcpy(mf->bi, bi, (size_t)n_items * sizeof *bi);
		mf->mu = *mu;
	}
	/* As after loading a file: training again starts from a store. */
	mf->initialised = 0;
	return 0;
}

/* Fisher-Yates. The per-epoch order uses a PCG32 stream seeded from the
 * model's GSL generator: a call into mt19937 per rating was a quarter of an
 * epoch at k 10. Reduction to [0, i) by Lemire's multiply-shift. The
 * stream runs SHUFFLE_AHEAD draws ahead of the swaps, each slot it will
 * swap with fetched as it is drawn: the swaps are the same, in the same
 * order, but their random reads no longer wait one by one (an order of
 * 390,000 ratings, 1.5 MB, does not fit in L2). */
enum { SHUFFLE_AHEAD = 16 };

static inline uint32_t pcg_below(uint64_t *state, uint64_t inc, size_t i)
{
	uint64_t old = *state;
	*state = old * 6364136223846793005ULL + inc;
	uint32_t x = (uint32_t)(((old >> 18) ^ old) >> 27), rot = (uint32_t)(old >> 59);
	x = (x >> rot) | (x << ((-rot) & 31));
	return (uint32_t)(((uint64_t)x * (uint64_t)i) >> 32);
}

void mf_shuffle(gsl_rng *g, uint32_t *v, size_t n)
{
	uint64_t state = ((uint64_t)gsl_rng_get(g) << 32) ^ gsl_rng_get(g);
	const uint64_t inc = ((uint64_t)gsl_rng_get(g) << 1) | 1u;
	uint32_t ring[SHUFFLE_AHEAD];
	/* Draw d is for i = n - d, the swap of v[i - 1] (i from n down to 2). */
	size_t drawn = 0, draws = n > 1 ? n - 1 : 0;
	for (; drawn < draws && drawn < SHUFFLE_AHEAD; drawn++) {
		ring[drawn] = pcg_below(&state, inc, n - drawn);
		__builtin_prefetch(&v[ring[drawn]], 1);
	}
	for (size_t d = 0; d < draws; d++) {
		size_t i = n - d, j = ring[d % SHUFFLE_AHEAD];
		if (drawn < draws) {
			uint32_t next = pcg_below(&state, inc, n - drawn);
			ring[drawn % SHUFFLE_AHEAD] = next;
			__builtin_prefetch(&v[next], 1);
			drawn++;
		}
		uint32_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* wide_deep.c: Wide & Deep on ratings and on implicit data (wide_deep.h):
 * the set-up from a store, prediction, and the model's constructor and
 * operations. The features are wide_deep_features.c, training
 * wide_deep_train.c, model files wide_deep_file.c. */
#include "engine/nn/wide_deep_impl.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

static const model_ops wd_rating_ops, wd_implicit_ops;

int wd_is_wide_deep(const model *m)
{
	return m && (m->ops == &wd_rating_ops || m->ops == &wd_implicit_ops);
}

/* --- set-up -------------------------------------------------------------- */

void wd_release(wd_model *w)
{
	free(w->genres), free(w->year), free(w->age), free(w->gender), free(w->occ);
	strmap_free(&w->occ_names);
	free(w->w), free(w->gw), free(w->mw), free(w->vw);
	free(w->E), free(w->gE), free(w->mE), free(w->vE);
	for (int l = 0; l < w->n_tower; l++) {
		nn_dense_release(&w->tower[l]);
		free(w->gW[l]), free(w->gb[l]), free(w->mW[l]), free(w->vW[l]);
		free(w->mb[l]), free(w->vb[l]);
	}
	for (int l = 0; l <= w->n_tower; l++)
		free(w->act[l]), free(w->dact[l]);
	free(w->dscore), free(w->pred), free(w->wide_out), free(w->widx), free(w->wval);
	free(w->n_feat), free(w->ruse), free(w->chunk_nw), free(w->chunk_nr), free(w->chunk_loss);
	free(w->tw), free(w->te), free(w->mark_w), free(w->mark_e), free(w->tasks);
	free(w->order), free(w->bu), free(w->bi), free(w->by);
	ncf_data_free(&w->imp);
	char keep[offsetof(wd_model, G)];
	memcpy(keep, w, sizeof keep);
	memset(w, 0, sizeof *w);
	memcpy(w, keep, sizeof keep);
}

/* The offsets of the wide blocks and embedding fields, from the sizes and
 * the features read (training) or loaded (a model file). */
void wd_layout(wd_model *w)
{
	int nu = w->base.n_users, ni = w->base.n_items, G = w->G;
	w->o_user = 1;
	w->o_item = w->o_user + (size_t)nu;
	w->o_genre = w->o_item + (size_t)ni;
	w->o_ug = w->o_genre + (size_t)G;
	w->o_year = w->o_ug + (size_t)nu * G;
	w->o_ag = w->o_year + WD_N_YEARS;
	w->o_sg = w->o_ag + (size_t)WD_N_AGES * G;
	w->o_og = w->o_sg + (size_t)WD_N_GENDERS * G;
	w->n_wide = w->o_og + (size_t)w->O * G;
	w->n_fields = w->demo ? 7 : 4;
	w->r_user = 0;
	w->r_item = (size_t)nu;
	w->r_genre = w->r_item + (size_t)ni;
	w->r_year = w->r_genre + (size_t)G + 1;
	w->r_age = w->r_year + WD_N_YEARS;
	w->r_gender = w->r_age + WD_N_AGES;
	w->r_occ = w->r_gender + WD_N_GENDERS;
	w->n_rows = w->r_occ + (size_t)w->O;
}

/* Weights, their gradients and Adam's moments (zero), and the tower with
 * Glorot weights drawn from the rng; the embeddings are left at zero. */
int wd_alloc_weights(wd_model *w, ll_error *err)
{
	size_t nw = w->n_wide, ne = w->n_rows * (size_t)w->d;
	w->w = calloc(nw, sizeof *w->w), w->gw = calloc(nw, sizeof *w->gw);
	w->mw = calloc(nw, sizeof *w->mw), w->vw = calloc(nw, sizeof *w->vw);
	w->E = calloc(ne, sizeof *w->E), w->gE = calloc(ne, sizeof *w->gE);
	w->mE = calloc(ne, sizeof *w->mE), w->vE = calloc(ne, sizeof *w->vE);
	/* part p holds the indexes j with j % WD_PARTS == p: at most this many */
	w->cap_tw = nw / WD_PARTS + 1, w->cap_te = w->n_rows / WD_PARTS + 1;
	w->tw = malloc(WD_PARTS * w->cap_tw * sizeof *w->tw), w->mark_w = calloc(nw, 1);
	w->te = malloc(WD_PARTS * w->cap_te * sizeof *w->te), w->mark_e = calloc(w->n_rows, 1);
	if (!w->w || !w->gw || !w->mw || !w->vw || !w->E || !w->gE || !w->mE || !w->vE ||
	    !w->tw || !w->mark_w || !w->te || !w->mark_e)
		return ll_fail(err, "out of memory for a Wide & Deep model of %zu weights",
			       nw + ne);
	int in = w->n_fields * w->d;
	w->n_tower = w->n_layers + 1;
	for (int l = 0; l < w->n_tower; l++) {
		int out = l < w->n_layers ? w->layers[l] : 1;
		if (nn_dense_init(&w->tower[l], in, out, l < w->n_layers ? NN_RELU : NN_LINEAR,
				  w->rng, err) < 0) {
			w->n_tower = l;
			return -1;
		}
		size_t nW = (size_t)in * out;
		w->gW[l] = calloc(nW, sizeof(float)), w->mW[l] = calloc(nW, sizeof(float));
		w->vW[l] = calloc(nW, sizeof(float));
		w->gb[l] = calloc((size_t)out, sizeof(float));
		w->mb[l] = calloc((size_t)out, sizeof(float));
		w->vb[l] = calloc((size_t)out, sizeof(float));
		if (!w->gW[l] || !w->mW[l] || !w->vW[l] || !w->gb[l] || !w->mb[l] || !w->vb[l])
			return ll_fail(err, "out of memory");
		in = out;
	}
	nn_adam_init(&w->adam, (float)w->lr);
	return 0;
}

int wd_init(model *m, const ratings *train, ll_error *err)
{
	if (!wd_is_wide_deep(m))
		return ll_fail(err, "%s is not a Wide & Deep model", model_algo(m));
	wd_model *w = (wd_model *)m;
	wd_release(w);
	model_init_shape(m, train);
	m->epochs_done = 0, m->n_hist = 0;
	if (wd_read_features(w, train, err) < 0)
		return -1;
	wd_layout(w);
	/* the embeddings are drawn first, then the tower: the order fixes the
	 * weights a seed gives */
	size_t ne = w->n_rows * (size_t)w->d;
	gsl_rng_set(w->rng, w->seed);
	float *E = malloc((ne + 1) * sizeof *E);
	if (!E)
		return ll_fail(err, "out of memory for a Wide & Deep model of %zu weights", ne);
	for (size_t j = 0; j < ne; j++)
		E[j] = (float)gsl_ran_gaussian(w->rng, 0.01);
	if (wd_alloc_weights(w, err) < 0) {
		free(E);
		return -1;
	}
	memcpy(w->E, E, ne * sizeof *E);
	free(E);
	w->mu = w->implicit ? 0 : ratings_mean(train);
	w->ready = 1;
	return 0;
}

/* --- prediction ---------------------------------------------------------- */

static double deep_out(const wd_model *w, int u, const wd_item *it)
{
	float a[WD_MAX_WIDTH], b[WD_MAX_WIDTH];
	wd_deep_input(w, u, it, a);
	float *x = a, *y = b;
	for (int l = 0; l < w->n_tower; l++) {
		nn_dense_forward(&w->tower[l], 1, x, y);
		float *t = x;
		x = y, y = t;
	}
	return x[0];
}

static void parts_of(const wd_model *w, int user, const wd_item *it, double *wide, double *deep)
{
	*wide = w->use_wide ? wd_wide_sum(w, user, it) : w->w[0];
	*deep = w->use_deep ? deep_out(w, user, it) : 0;
}

int wd_parts(const model *m, int user, int item, double *wide, double *deep)
{
	const wd_model *w = (const wd_model *)m;
	if (!wd_is_wide_deep(m) || !w->ready || item < 0 || item >= m->n_items)
		return -1;
	if (user >= m->n_users)
		user = -1;
	wd_item it = wd_item_of(w, item);
	parts_of(w, user, &it, wide, deep);
	return 0;
}

double wd_predict_unseen(const model *m, int user, uint32_t genres, const char *title)
{
	const wd_model *w = (const wd_model *)m;
	if (!wd_is_wide_deep(m) || !w->ready)
		return NAN;
	if (user < 0 || user >= m->n_users)
		user = -1;
	/* genres the training store did not have have no weights */
	uint32_t known = w->G >= 32 ? 0xffffffffu : (1u << w->G) - 1;
	wd_item it = { -1, genres & known, wd_year_of(title) };
	double wide, deep;
	parts_of(w, user, &it, &wide, &deep);
	return w->mu + wide + deep;
}

static double predict(const model *m, int user, int item)
{
	const wd_model *w = (const wd_model *)m;
	double wide, deep;
	if (wd_parts(m, user, item, &wide, &deep) < 0)
		return NAN;
	return w->mu + wide + deep;
}

static void score_items(const model *m, int user, float *out)
{
	for (int i = 0; i < m->n_items; i++)
		out[i] = (float)predict(m, user, i);
}

double wd_genre_weight(const model *m, int user, int genre)
{
	const wd_model *w = (const wd_model *)m;
	if (!wd_is_wide_deep(m) || !w->ready || genre < 0 || genre >= w->G ||
	    user >= m->n_users)
		return NAN;
	if (user < 0)
		return w->w[w->o_genre + (size_t)genre];
	return w->w[w->o_ug + (size_t)user * w->G + (size_t)genre];
}

double wd_bias(const model *m, int user, int item)
{
	const wd_model *w = (const wd_model *)m;
	if (!wd_is_wide_deep(m) || !w->ready)
		return NAN;
	if (user >= 0 && user < m->n_users)
		return w->w[w->o_user + (size_t)user];
	if (item >= 0 && item < m->n_items)
		return w->w[w->o_item + (size_t)item];
	return w->mu + w->w[0];
}

/* --- the model ----------------------------------------------------------- */

static void destroy(model *m)
{
	wd_model *w = (wd_model *)m;
	wd_release(w);
	if (w->rng)
		gsl_rng_free(w->rng);
}

static const model_ops wd_rating_ops = {
	.algo = "wide_deep",
	.fit_epoch = wd_fit_epoch,
	.predict = predict,
	.score_items = score_items,
	.save = wd_save,
	.load = wd_load,
	.destroy = destroy,
};

static const model_ops wd_implicit_ops = {
	.algo = "wide_deep-implicit",
	.fit_epoch = wd_fit_epoch,
	.predict = predict,
	.score_items = score_items,
	.save = wd_save,
	.load = wd_load,
	.destroy = destroy,
};

static int parse_layers(wd_model *w, const char *s, ll_error *err)
{
	w->n_layers = 0;
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < 1 || v > WD_MAX_WIDTH)
			return ll_fail(err, "layers: expected sizes 1..%d separated by commas, got '%s'",
				       WD_MAX_WIDTH, s);
		if (w->n_layers == WD_MAX_LAYERS)
			return ll_fail(err, "layers: at most %d hidden layers", WD_MAX_LAYERS);
		w->layers[w->n_layers++] = (int)v;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			return ll_fail(err, "layers: unexpected '%s'", s);
	}
	if (w->n_layers < 1)
		return ll_fail(err, "layers: at least one hidden layer (\"64,32,16\")");
	return 0;
}

static model *create(params *p, int implicit, ll_error *err)
{
	wd_model *w = calloc(1, sizeof *w);
	if (!w) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	model *m = &w->base;
	m->ops = implicit ? &wd_implicit_ops : &wd_rating_ops;
	w->implicit = implicit;
	w->rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!w->rng) {
		ll_fail(err, "out of memory");
		model_free(&m);
		return NULL;
	}
	w->d = (int)params_long_in(p, "factors|k", 8, 1, WD_MAX_FACTORS);
	w->lr = params_double(p, "lr", 0.001);
	w->reg = params_double(p, "reg", 0.0001);
	w->batch = (int)params_long_in(p, "batch|batch_size", 256, 1, 1 << 16);
	m->n_epochs = (int)params_long_in(p, "epochs", 20, 0, 100000);
	w->neg = implicit ? (int)params_long_in(p, "neg|num_neg", 4, 1, 1000) : 0;
	w->use_wide = params_bool(p, "wide", true);
	w->use_deep = params_bool(p, "deep", true);
	w->want_demo = params_bool(p, "demographics", true);
	w->threads = (int)params_long_in(p, "threads", 1, 1, 256);
	w->seed = (unsigned long)params_long_in(p, "seed", 1, 0, 2147483647);
	if (!(w->lr > 0))
		params_invalid(p, "lr must be > 0");
	if (!(w->reg >= 0))
		params_invalid(p, "reg must be >= 0");
	if (!w->use_wide && !w->use_deep)
		params_invalid(p, "wide=0 and deep=0 leave nothing to learn");
	const char *layers = params_str(p, "layers", "64,32,16");
	if (parse_layers(w, layers, err) < 0) {
		model_free(&m);
		return NULL;
	}
	if (WD_MAX_FIELDS * w->d > WD_MAX_WIDTH)
		params_invalid(p, "factors must be at most %d", WD_MAX_WIDTH / WD_MAX_FIELDS);
	return m;
}

model *wd_rating_create(params *opts, ll_error *err)
{
	return create(opts, 0, err);
}

model *wd_implicit_create(params *opts, ll_error *err)
{
	return create(opts, 1, err);
}

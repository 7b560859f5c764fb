/* wide_deep.c: Wide & Deep on ratings and on implicit data (wide_deep.h).
 *
 * The wide part's features and the deep part's fields are laid out once
 * from the training store (genres, year buckets from titles, user info);
 * each example is a list of wide weight indexes and a row of field
 * embeddings. Training is mini-batch: forward the batch through the tower
 * (nn.h's dense layers), backward to the input, then Adam on the dense
 * layers and lazy Adam on the wide weights and embedding rows the batch
 * touched (as NCF's code does), all in one thread in a fixed order. */
#include "engine/nn/wide_deep.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include <gsl/gsl_randist.h>

#include "engine/core/strmap.h"
#include "engine/model/model_impl.h"
#include "engine/nn/ncf_common.h"

#define WD_MAX_LAYERS 6
#define WD_MAX_WIDTH 1024
#define WD_MAX_FACTORS 128
#define WD_MAX_FIELDS 7
#define WD_N_YEARS 12
#define WD_N_AGES 8
#define WD_N_GENDERS 3
#define WD_MAX_OCC 64
#define WD_MAX_WIDE (6 + 5 * RATINGS_MAX_GENRES)

static const char *const year_names[WD_N_YEARS] = {
	"unknown", "before 1950", "1950s", "1960s", "1970s", "1980s",
	"1990-94", "1995-99", "2000-04", "2005-09", "2010-14", "2015-",
};
typedef struct wd_model {
	struct model base;
	int implicit;
	/* options */
	int d, n_layers, layers[WD_MAX_LAYERS];
	double lr, reg;
	int batch, neg, use_wide, use_deep, want_demo;
	unsigned long seed;
	gsl_rng *rng;
	/* features, from the training store (from here on, release() clears) */
	int G, O, demo, ready;
	double mu;
	uint32_t *genres;            /* per item */
	uint8_t *year;               /* per item */
	uint8_t *age, *gender, *occ; /* per user */
	strmap *occ_names;
	/* wide weights: w0, then blocks at these offsets */
	size_t o_user, o_item, o_genre, o_ug, o_year, o_ag, o_sg, o_og, n_wide;
	float *w, *gw, *mw, *vw;
	/* embeddings: one table, fields' rows at these offsets */
	int n_fields;
	size_t r_user, r_item, r_genre, r_year, r_age, r_gender, r_occ, n_rows;
	float *E, *gE, *mE, *vE;
	/* tower: hidden layers then the output layer (out 1, linear) */
	int n_tower;
	nn_dense tower[WD_MAX_LAYERS + 1];
	float *gW[WD_MAX_LAYERS + 1], *gb[WD_MAX_LAYERS + 1];
	float *mW[WD_MAX_LAYERS + 1], *vW[WD_MAX_LAYERS + 1];
	float *mb[WD_MAX_LAYERS + 1], *vb[WD_MAX_LAYERS + 1];
	nn_adam adam;
	/* a batch's workspace */
	int cap_B;
	float *act[WD_MAX_LAYERS + 2], *dact[WD_MAX_LAYERS + 2];
	float *dscore;
	int32_t *tw, *te;            /* touched wide weights and rows */
	uint8_t *mark_w, *mark_e;
	size_t ntw, nte;
	/* data */
	uint32_t *order;
	size_t n_order;
	ncf_data *imp;
	int32_t *bu, *bi;
	float *by;
} wd_model;

static const model_ops wd_rating_ops, wd_implicit_ops;

int wd_is_wide_deep(const model *m)
{
	return m && (m->ops == &wd_rating_ops || m->ops == &wd_implicit_ops);
}

/* --- features ------------------------------------------------------------ */

static int year_of(const char *title)
{
	if (!title)
		return 0;
	const char *p = strrchr(title, '(');
	if (!p || strlen(p) < 6 || p[5] != ')')
		return 0;
	int y = 0;
	for (int j = 1; j <= 4; j++) {
		if (p[j] < '0' || p[j] > '9')
			return 0;
		y = y * 10 + (p[j] - '0');
	}
	if (y < 1950)
		return 1;
	if (y < 1990)
		return 2 + (y - 1950) / 10;
	if (y < 2015)
		return 6 + (y - 1990) / 5;
	return 11;
}

const char *wd_year_bucket(const char *title)
{
	return year_names[year_of(title)];
}

/* The value of key=... in "age=24 gender=M occupation=writer". */
static int info_field(const char *info, const char *key, char *out, size_t n)
{
	size_t kl = strlen(key);
	for (const char *p = info; p && *p;) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, key, kl) && p[kl] == '=') {
			p += kl + 1;
			size_t j = 0;
			while (p[j] && p[j] != ' ' && j + 1 < n)
				out[j] = p[j], j++;
			out[j] = '\0';
			return j > 0;
		}
		p = strchr(p, ' ');
	}
	return 0;
}

static int age_bucket(long a)
{
	return a < 18 ? 1 : a < 25 ? 2 : a < 35 ? 3 : a < 45 ? 4 : a < 50 ? 5 : a < 56 ? 6 : 7;
}

static int read_features(wd_model *w, const ratings *r, ll_error *err)
{
	model *m = &w->base;
	int nu = m->n_users, ni = m->n_items;
	w->G = ratings_n_genres(r);
	w->genres = calloc((size_t)ni + 1, sizeof *w->genres);
	w->year = calloc((size_t)ni + 1, 1);
	w->age = calloc((size_t)nu + 1, 1);
	w->gender = calloc((size_t)nu + 1, 1);
	w->occ = calloc((size_t)nu + 1, 1);
	w->occ_names = strmap_new();
	if (!w->genres || !w->year || !w->age || !w->gender || !w->occ || !w->occ_names)
		return ll_fail(err, "out of memory");
	for (int i = 0; i < ni; i++) {
		w->genres[i] = ratings_item_genres(r, i);
		w->year[i] = (uint8_t)year_of(ratings_item_title(r, i));
	}
	strmap_intern(w->occ_names, "unknown");
	w->demo = 0;
	for (int u = 0; w->want_demo && u < nu; u++) {
		const char *info = ratings_user_info(r, u);
		char v[64];
		if (!info)
			continue;
		if (info_field(info, "age", v, sizeof v)) {
			long a = strtol(v, NULL, 10);
			w->age[u] = (uint8_t)(a > 0 ? age_bucket(a) : 0);
			w->demo = 1;
		}
		if (info_field(info, "gender", v, sizeof v))
			w->gender[u] = v[0] == 'M' ? 1 : v[0] == 'F' ? 2 : 0;
		if (info_field(info, "occupation", v, sizeof v)) {
			int o = strmap_get(w->occ_names, v);
			if (o < 0 && strmap_size(w->occ_names) < WD_MAX_OCC)
				o = strmap_intern(w->occ_names, v);
			w->occ[u] = (uint8_t)(o > 0 ? o : 0);
		}
	}
	w->O = (int)strmap_size(w->occ_names);
	return 0;
}

/* What the features see of an item: its index (-1 for a movie the model
 * never saw, which has no id weight and no vector of its own), its genres
 * and its year bucket. */
typedef struct wd_item {
	int id;
	uint32_t genres;
	int year;
} wd_item;

static wd_item item_of(const wd_model *w, int i)
{
	return (wd_item){ i, w->genres[i], w->year[i] };
}

/* Wide weight indexes of (u, it); u may be -1 (unknown). */
static int wide_feats(const wd_model *w, int u, const wd_item *it, int32_t *f)
{
	int n = 0, G = w->G;
	f[n++] = 0;
	if (u >= 0)
		f[n++] = (int32_t)(w->o_user + (size_t)u);
	if (it->id >= 0)
		f[n++] = (int32_t)(w->o_item + (size_t)it->id);
	f[n++] = (int32_t)(w->o_year + (size_t)it->year);
	uint32_t mask = it->genres;
	for (int g = 0; g < G; g++) {
		if (!(mask >> g & 1))
			continue;
		f[n++] = (int32_t)(w->o_genre + (size_t)g);
		if (u < 0)
			continue;
		f[n++] = (int32_t)(w->o_ug + (size_t)u * G + (size_t)g);
		if (w->demo) {
			f[n++] = (int32_t)(w->o_ag + (size_t)w->age[u] * G + (size_t)g);
			f[n++] = (int32_t)(w->o_sg + (size_t)w->gender[u] * G + (size_t)g);
			f[n++] = (int32_t)(w->o_og + (size_t)w->occ[u] * G + (size_t)g);
		}
	}
	return n;
}

/* The embedding row of each field of (u, it) (-1: a zero vector); genres
 * are several rows, averaged: g_rows gets them, *n_g their number. */
static void deep_rows(const wd_model *w, int u, const wd_item *it, int64_t *row, int64_t *g_rows,
		      int *n_g)
{
	row[0] = u >= 0 ? (int64_t)(w->r_user + (size_t)u) : -1;
	row[1] = it->id >= 0 ? (int64_t)(w->r_item + (size_t)it->id) : -1;
	*n_g = 0;
	for (int g = 0; g < w->G; g++)
		if (it->genres >> g & 1)
			g_rows[(*n_g)++] = (int64_t)(w->r_genre + (size_t)g);
	if (*n_g == 0)
		g_rows[(*n_g)++] = (int64_t)(w->r_genre + (size_t)w->G);
	row[2] = -2; /* the genre field */
	row[3] = (int64_t)(w->r_year + (size_t)it->year);
	if (w->demo) {
		row[4] = u >= 0 ? (int64_t)(w->r_age + w->age[u]) : -1;
		row[5] = u >= 0 ? (int64_t)(w->r_gender + w->gender[u]) : -1;
		row[6] = u >= 0 ? (int64_t)(w->r_occ + w->occ[u]) : -1;
	}
}

/* The tower's input for (u, it) into x (n_fields x d). */
static void deep_input(const wd_model *w, int u, const wd_item *it, float *x)
{
	int64_t row[WD_MAX_FIELDS], g_rows[RATINGS_MAX_GENRES + 1];
	int n_g, d = w->d;
	deep_rows(w, u, it, row, g_rows, &n_g);
	for (int f = 0; f < w->n_fields; f++) {
		float *dst = x + (size_t)f * d;
		memset(dst, 0, (size_t)d * sizeof *dst);
		if (row[f] == -2) {
			for (int j = 0; j < n_g; j++)
				nn_axpy(1.0f / (float)n_g, w->E + (size_t)g_rows[j] * d, dst, d);
		} else if (row[f] >= 0) {
			memcpy(dst, w->E + (size_t)row[f] * d, (size_t)d * sizeof *dst);
		}
	}
}

/* --- set-up -------------------------------------------------------------- */

static void release(wd_model *w)
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
	free(w->dscore), free(w->tw), free(w->te), free(w->mark_w), free(w->mark_e);
	free(w->order), free(w->bu), free(w->bi), free(w->by);
	ncf_data_free(&w->imp);
	char keep[offsetof(wd_model, G)];
	memcpy(keep, w, sizeof keep);
	memset(w, 0, sizeof *w);
	memcpy(w, keep, sizeof keep);
}

/* The offsets of the wide blocks and embedding fields, from the sizes and
 * the features read (training) or loaded (a model file). */
static void layout(wd_model *w)
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
static int alloc_weights(wd_model *w, ll_error *err)
{
	size_t nw = w->n_wide, ne = w->n_rows * (size_t)w->d;
	w->w = calloc(nw, sizeof *w->w), w->gw = calloc(nw, sizeof *w->gw);
	w->mw = calloc(nw, sizeof *w->mw), w->vw = calloc(nw, sizeof *w->vw);
	w->E = calloc(ne, sizeof *w->E), w->gE = calloc(ne, sizeof *w->gE);
	w->mE = calloc(ne, sizeof *w->mE), w->vE = calloc(ne, sizeof *w->vE);
	w->tw = malloc(nw * sizeof *w->tw), w->mark_w = calloc(nw, 1);
	w->te = malloc(w->n_rows * sizeof *w->te), w->mark_e = calloc(w->n_rows, 1);
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
	release(w);
	model_init_shape(m, train);
	m->epochs_done = 0, m->n_hist = 0;
	if (read_features(w, train, err) < 0)
		return -1;
	layout(w);
	/* the embeddings are drawn first, then the tower: the order fixes the
	 * weights a seed gives */
	size_t ne = w->n_rows * (size_t)w->d;
	gsl_rng_set(w->rng, w->seed);
	float *E = malloc((ne + 1) * sizeof *E);
	if (!E)
		return ll_fail(err, "out of memory for a Wide & Deep model of %zu weights", ne);
	for (size_t j = 0; j < ne; j++)
		E[j] = (float)gsl_ran_gaussian(w->rng, 0.01);
	if (alloc_weights(w, err) < 0) {
		free(E);
		return -1;
	}
	memcpy(w->E, E, ne * sizeof *E);
	free(E);
	w->mu = w->implicit ? 0 : ratings_mean(train);
	w->ready = 1;
	return 0;
}

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

/* --- loss and gradient --------------------------------------------------- */

static double wide_sum(const wd_model *w, int u, const wd_item *it)
{
	int32_t f[WD_MAX_WIDE];
	int n = wide_feats(w, u, it, f);
	double s = 0;
	for (int j = 0; j < n; j++)
		s += w->w[f[j]];
	return s;
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
		wd_item it = item_of(w, I[b]);
		deep_input(w, U[b], &it, X + (size_t)b * in);
	}
	for (int l = 0; w->use_deep && l < w->n_tower; l++)
		nn_dense_forward(&w->tower[l], B, w->act[l], w->act[l + 1]);
	const float *out = w->act[w->n_tower];
	for (int b = 0; b < B; b++) {
		wd_item it = item_of(w, I[b]);
		double s = (w->use_wide ? wide_sum(w, U[b], &it) : w->w[0]) +
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
			wd_item it = item_of(w, I[b]);
			int n = wide_feats(w, U[b], &it, f);
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
			wd_item it = item_of(w, I[b]);
			deep_rows(w, U[b], &it, row, g_rows, &n_g);
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

static int fit_epoch(model *m, const ratings *train, ll_error *err)
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

/* --- prediction ---------------------------------------------------------- */

static double deep_out(const wd_model *w, int u, const wd_item *it)
{
	float a[WD_MAX_WIDTH], b[WD_MAX_WIDTH];
	deep_input(w, u, it, a);
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
	*wide = w->use_wide ? wide_sum(w, user, it) : w->w[0];
	*deep = w->use_deep ? deep_out(w, user, it) : 0;
}

int wd_parts(const model *m, int user, int item, double *wide, double *deep)
{
	const wd_model *w = (const wd_model *)m;
	if (!wd_is_wide_deep(m) || !w->ready || item < 0 || item >= m->n_items)
		return -1;
	if (user >= m->n_users)
		user = -1;
	wd_item it = item_of(w, item);
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
	wd_item it = { -1, genres & known, year_of(title) };
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

/* --- model files -------------------------------------------------------- */

/* After model.c's header: a text line of the options and the shape of the
 * features, then the features (per item its genre mask and year bucket,
 * per user the age, gender and occupation buckets), the wide weights, the
 * embeddings and the tower, in this machine's byte order as the header
 * says. Adam's moments are not kept: a loaded model trains on from fresh
 * ones. The occupation names are not kept either: the buckets are. */
#define WD_FILE_VERSION 1

static int write_bytes(FILE *f, const void *p, size_t n, ll_error *err)
{
	if (n && fwrite(p, 1, n, f) != n)
		return ll_fail(err, "write failed");
	return 0;
}

static int read_bytes(FILE *f, void *p, size_t n, ll_error *err)
{
	if (n && fread(p, 1, n, f) != n)
		return ll_fail(err, "model file is truncated");
	return 0;
}

static int save(const model *m, FILE *f, ll_error *err)
{
	const wd_model *w = (const wd_model *)m;
	if (!w->ready)
		return ll_fail(err, "%s is not trained yet", model_algo(m));
	fprintf(f, "widedeep %d %d %d %d %d", WD_FILE_VERSION, w->implicit, m->n_epochs, w->d,
		w->n_layers);
	for (int l = 0; l < w->n_layers; l++)
		fprintf(f, " %d", w->layers[l]);
	fprintf(f, " %.17g %.17g %d %d %d %d %d %lu %d %d %d %.17g\n", w->lr, w->reg, w->batch,
		w->neg, w->use_wide, w->use_deep, w->want_demo, w->seed, w->G, w->O, w->demo,
		w->mu);
	size_t nu = (size_t)m->n_users, ni = (size_t)m->n_items;
	if (write_bytes(f, w->genres, ni * sizeof *w->genres, err) < 0 ||
	    write_bytes(f, w->year, ni, err) < 0 || write_bytes(f, w->age, nu, err) < 0 ||
	    write_bytes(f, w->gender, nu, err) < 0 || write_bytes(f, w->occ, nu, err) < 0 ||
	    model_write_floats(f, w->w, w->n_wide, err) < 0 ||
	    model_write_floats(f, w->E, w->n_rows * (size_t)w->d, err) < 0)
		return -1;
	for (int l = 0; l < w->n_tower; l++)
		if (model_write_floats(f, w->tower[l].W, (size_t)w->tower[l].in * w->tower[l].out,
				       err) < 0 ||
		    model_write_floats(f, w->tower[l].b, (size_t)w->tower[l].out, err) < 0)
			return -1;
	return 0;
}

/* Bytes left in f, or -1 when f is no regular file (then only the bound
 * on the weights holds). */
static long bytes_left(FILE *f)
{
	struct stat st;
	long here = ftell(f);
	if (here < 0 || fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	return (long)st.st_size - here;
}

#define WD_MAX_WEIGHTS ((size_t)1 << 28)

static int load(model *m, FILE *f, ll_error *err)
{
	wd_model *w = (wd_model *)m;
	int version, implicit, epochs, d, nl;
	if (fscanf(f, " widedeep %d %d %d %d %d", &version, &implicit, &epochs, &d, &nl) != 5)
		return ll_fail(err, "corrupt Wide & Deep header");
	if (version != WD_FILE_VERSION)
		return ll_fail(err, "Wide & Deep part of format %d, but this version reads %d",
			       version, WD_FILE_VERSION);
	if (implicit != w->implicit || epochs < 0 || epochs > 100000 || d < 1 ||
	    d > WD_MAX_FACTORS || WD_MAX_FIELDS * d > WD_MAX_WIDTH || nl < 1 || nl > WD_MAX_LAYERS)
		return ll_fail(err, "corrupt Wide & Deep header");
	int layers[WD_MAX_LAYERS];
	for (int l = 0; l < nl; l++)
		if (fscanf(f, "%d", &layers[l]) != 1 || layers[l] < 1 || layers[l] > WD_MAX_WIDTH)
			return ll_fail(err, "corrupt Wide & Deep header");
	double lr, reg, mu;
	int batch, neg, uw, ud, wdemo, G, O, demo;
	unsigned long seed;
	if (fscanf(f, "%lg %lg %d %d %d %d %d %lu %d %d %d %lg", &lr, &reg, &batch, &neg, &uw,
		   &ud, &wdemo, &seed, &G, &O, &demo, &mu) != 12 || fgetc(f) != '\n' ||
	    !(lr > 0) || !isfinite(lr) || !(reg >= 0) || !isfinite(reg) || batch < 1 ||
	    batch > (1 << 16) || neg < 0 || neg > 1000 || (uw != 0 && uw != 1) ||
	    (ud != 0 && ud != 1) || (!uw && !ud) || (wdemo != 0 && wdemo != 1) ||
	    seed > 2147483647UL || G < 0 || G > RATINGS_MAX_GENRES || O < 1 || O > WD_MAX_OCC ||
	    (demo != 0 && demo != 1) || !isfinite(mu))
		return ll_fail(err, "corrupt Wide & Deep header");
	release(w);
	m->n_epochs = epochs, w->d = d, w->n_layers = nl;
	memcpy(w->layers, layers, sizeof layers);
	w->lr = lr, w->reg = reg, w->batch = batch, w->neg = neg;
	w->use_wide = uw, w->use_deep = ud, w->want_demo = wdemo, w->seed = seed;
	w->G = G, w->O = O, w->demo = demo, w->mu = mu;
	layout(w);
	size_t nu = (size_t)m->n_users, ni = (size_t)m->n_items;
	size_t nt = 0;
	for (int l = 0, in = w->n_fields * d; l <= nl; l++) {
		int out = l < nl ? layers[l] : 1;
		nt += (size_t)in * out + out;
		in = out;
	}
	/* what the header declares must follow before anything is allocated */
	size_t n_float = w->n_wide + w->n_rows * (size_t)d + nt;
	double need = (double)ni * 5 + (double)nu * 3 + (double)n_float * sizeof(float);
	long left = bytes_left(f);
	if (n_float > WD_MAX_WEIGHTS || (left >= 0 && need > (double)left))
		return ll_fail(err, "the Wide & Deep header declares %.0f bytes but %s", need,
			       left >= 0 ? "fewer follow" : "that is more than a model holds");
	w->genres = calloc(ni + 1, sizeof *w->genres);
	w->year = calloc(ni + 1, 1);
	w->age = calloc(nu + 1, 1), w->gender = calloc(nu + 1, 1), w->occ = calloc(nu + 1, 1);
	if (!w->genres || !w->year || !w->age || !w->gender || !w->occ)
		return ll_fail(err, "out of memory");
	if (read_bytes(f, w->genres, ni * sizeof *w->genres, err) < 0 ||
	    read_bytes(f, w->year, ni, err) < 0 || read_bytes(f, w->age, nu, err) < 0 ||
	    read_bytes(f, w->gender, nu, err) < 0 || read_bytes(f, w->occ, nu, err) < 0)
		return -1;
	/* every bucket indexes a block of its size */
	uint32_t known = G >= 32 ? 0xffffffffu : (1u << G) - 1;
	for (size_t i = 0; i < ni; i++)
		if ((w->genres[i] & ~known) || w->year[i] >= WD_N_YEARS)
			return ll_fail(err, "item %zu has a genre or year outside the model's", i + 1);
	for (size_t u = 0; u < nu; u++)
		if (w->age[u] >= WD_N_AGES || w->gender[u] >= WD_N_GENDERS || w->occ[u] >= O)
			return ll_fail(err, "user %zu has an age, gender or occupation outside the "
				       "model's", u + 1);
	gsl_rng_set(w->rng, w->seed);
	if (alloc_weights(w, err) < 0 || model_read_floats(f, w->w, w->n_wide, err) < 0 ||
	    model_read_floats(f, w->E, w->n_rows * (size_t)d, err) < 0)
		return -1;
	for (int l = 0; l < w->n_tower; l++) {
		if (model_read_floats(f, w->tower[l].W, (size_t)w->tower[l].in * w->tower[l].out,
				      err) < 0 ||
		    model_read_floats(f, w->tower[l].b, (size_t)w->tower[l].out, err) < 0)
			return -1;
		nn_dense_transpose(&w->tower[l]);
	}
	w->ready = 1;
	return 0;
}

/* --- the model ----------------------------------------------------------- */

static void destroy(model *m)
{
	wd_model *w = (wd_model *)m;
	release(w);
	if (w->rng)
		gsl_rng_free(w->rng);
}

static const model_ops wd_rating_ops = {
	.algo = "wide_deep",
	.fit_epoch = fit_epoch,
	.predict = predict,
	.score_items = score_items,
	.save = save,
	.load = load,
	.destroy = destroy,
};

static const model_ops wd_implicit_ops = {
	.algo = "wide_deep-implicit",
	.fit_epoch = fit_epoch,
	.predict = predict,
	.score_items = score_items,
	.save = save,
	.load = load,
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

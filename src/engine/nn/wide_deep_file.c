/* wide_deep_file.c: Wide & Deep's part of a model file (wide_deep_impl.h).
 *
 * After model.c's header: a text line of the options and the shape of the
 * features, then the features (per item its genre mask and year bucket,
 * per user the age, gender and occupation buckets), the wide weights, the
 * embeddings and the tower, in this machine's byte order as the header
 * says. Adam's moments are not kept: a loaded model trains on from fresh
 * ones. The occupation names are not kept either: the buckets are. */
#include "engine/nn/wide_deep_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/fileio.h"

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

int wd_save(const model *m, FILE *f, ll_error *err)
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

#define WD_MAX_WEIGHTS ((size_t)1 << 28)

int wd_load(model *m, FILE *f, ll_error *err)
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
	wd_release(w);
	m->n_epochs = epochs, w->d = d, w->n_layers = nl;
	memcpy(w->layers, layers, sizeof layers);
	w->lr = lr, w->reg = reg, w->batch = batch, w->neg = neg;
	w->use_wide = uw, w->use_deep = ud, w->want_demo = wdemo, w->seed = seed;
	w->G = G, w->O = O, w->demo = demo, w->mu = mu;
	wd_layout(w);
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
	size_t left = ll_stream_left(f); /* SIZE_MAX: it cannot tell */
	if (n_float > WD_MAX_WEIGHTS || (left != SIZE_MAX && need > (double)left))
		return ll_fail(err, "the Wide & Deep header declares %.0f bytes but %s", need,
			       left != SIZE_MAX ? "fewer follow" : "that is more than a model holds");
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
	if (wd_alloc_weights(w, err) < 0 || model_read_floats(f, w->w, w->n_wide, err) < 0 ||
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

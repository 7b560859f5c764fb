/* finetune.c: the algorithm `text`, biased MF fine-tuned from a text
 * embedding. The one model made of two families, so it sits beside algo.c.
 *
 * It is `biased` (mf_biased.c, every option of it) whose item factors start
 * from the text embedding of engine/content (titles, genres and tags; LSA
 * with k components, so "projected to k" is the SVD's own truncation)
 * instead of N(0, init_std): each item's text vector is scaled to the length
 * a random start has on average (init_std sqrt(k)), and then SGD trains
 * everything on the ratings as usual. Items without training ratings keep
 * their text vector, so p_u . q_i can place a movie nobody rated; items
 * without any text keep the random start.
 *
 * init=random (or init_std=N) skips the text: then the model is exactly
 * `biased` with the same options and seed. Text options: tags, genres
 * (1/0: which words go in), min_df (2), power (3). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/content/text.h"
#include "engine/mf/mf.h"
#include "engine/model/model_impl.h"

model *mf_biased_create(params *opts, ll_error *err);
model *text_mf_create(params *opts, ll_error *err);

typedef struct text_init {
	text_opts opts;
	double init_std;
} text_init;

static int text_item_init(void *ctx, const ratings *train, float *Q, int n_items, int k,
			  ll_error *err)
{
	text_init *ti = ctx;
	text_opts o = ti->opts;
	o.dim = k;
	text_embed *t = text_embed_new(train, &o, err);
	if (!t)
		return -1;
	int d = text_embed_dim(t);
	const float *V = text_embed_vectors(t);
	double len = ti->init_std * sqrt((double)d);
	for (int i = 0; i < n_items && i < text_embed_n_items(t); i++) {
		const float *v = V + (size_t)i * d;
		double ss = 0;
		for (int c = 0; c < d; c++)
			ss += (double)v[c] * v[c];
		if (!(ss > 0))
			continue;
		double s = len / sqrt(ss);
		for (int c = 0; c < d; c++)
			Q[(size_t)i * k + c] = (float)(v[c] * s);
	}
	text_embed_free(&t);
	return 0;
}

model *text_mf_create(params *opts, ll_error *err)
{
	const char *init = params_str(opts, "init", "text");
	int use_text = !strcmp(init, "text");
	text_init *ti = calloc(1, sizeof *ti);
	params *inner = params_new();
	if (!ti || !inner) {
		free(ti);
		params_free(&inner);
		ll_fail(err, "out of memory");
		return NULL;
	}
	text_defaults(&ti->opts);
	ti->opts.tags = params_bool(opts, "tags", true);
	ti->opts.genres = params_bool(opts, "genres", true);
	ti->opts.min_df = (int)params_long_in(opts, "min_df", 2, 1, 1000000);
	ti->opts.power = (int)params_long_in(opts, "power", 3, 0, 20);
	/* The rest is biased's, forwarded (reading it here marks it used). */
	static const char *const own[] = { "init", "tags", "genres", "min_df", "power", NULL };
	for (int i = 0; i < params_count(opts); i++) {
		const char *key = params_key(opts, i);
		int mine = 0;
		for (int j = 0; own[j]; j++)
			mine |= !strcmp(key, own[j]);
		if (mine && !(use_text == 0 && !strcmp(key, "init") && strcmp(init, "random")))
			continue;
		params_str(opts, key, NULL);
		params_set(inner, key, params_value(opts, i));
	}
	model *m = mf_biased_create(inner, err);
	if (m && params_finish(inner, err) < 0)
		model_free(&m);
	if (m) {
		ti->init_std = params_double(inner, "init_std|init_std_dev", 0.1);
	}
	params_free(&inner);
	if (m && use_text) {
		if (mf_set_item_init(m, text_item_init, ti, free, err) < 0)
			model_free(&m);
		else
			ti = NULL;
	}
	free(ti);
	return m;
}

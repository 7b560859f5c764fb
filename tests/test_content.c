/* test_content.c: the text embedding (engine/content) and MF fine-tuned
 * from it (the algorithm `text`, engine/finetune.c). A title's nearest
 * neighbour is the title that shares its words; the bundled ml-latest-small
 * brings its tags; the embedding is the same for the same seed; `text
 * init=random` is exactly `biased`; `text` starts its item factors from the
 * embedding, including items nobody rated in training. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/content/text.h"
#include "engine/core/lineread.h"
#include "engine/data/load.h"
#include "engine/data/ratings.h"
#include "engine/mf/mf.h"
#include "engine/model/model.h"

static ratings *titles(void)
{
	static const char *const t[] = {
		"Toy Story (1995)", "Heat (1995)", "Star Wars (1977)", "Toy Story 2 (1999)",
		"Return of the Jedi (1983)", "Heat and Dust (1983)", "Star Trek: Generations (1994)",
		"Jedi Knight (2001)", "Sense and Sensibility (1995)", "Dust Devil (1992)",
	};
	ratings *r = ratings_new();
	int anim = ratings_intern_genre(r, "Animation"), scifi = ratings_intern_genre(r, "Sci-Fi");
	char name[8];
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof name, "%d", i + 1);
		ratings_intern_item(r, name);
		ratings_set_item_title(r, i, t[i]);
	}
	ratings_set_item_genres(r, 0, 1u << anim);
	ratings_set_item_genres(r, 3, 1u << anim);
	ratings_set_item_genres(r, 2, 1u << scifi);
	ratings_set_item_genres(r, 4, 1u << scifi);
	ratings_set_item_genres(r, 6, 1u << scifi);
	ratings_add_item_tag(r, 2, "space opera");
	ratings_add_item_tag(r, 4, "space opera");
	ratings_add_item_tag(r, 9, "cult");
	ratings_add_item_tag(r, 9, "b-movie");
	ratings_intern_user(r, "a");
	for (int i = 0; i < 10; i++)
		ratings_add(r, 0, i, 3, 0);
	return r;
}

static void test_small(void)
{
	ratings *r = titles();
	text_opts o;
	text_defaults(&o);
	o.dim = 12; /* lowered to the 10 terms */
	ll_error err = { 0 };
	text_embed *t = text_embed_new(r, &o, &err);
	CHECK(t != NULL);
	if (!t) {
		fprintf(stderr, "%s\n", err.msg);
		ratings_free(&r);
		return;
	}
	CHECK(text_embed_dim(t) == 10);
	CHECK(text_embed_n_items(t) == 10);
	/* toy, story, heat, star, jedi, dust, genre:animation, genre:sci-fi,
	 * space, opera: the words in at least two documents ("cult" and
	 * "movie" are in one, "b" is too short) */
	CHECK(text_embed_n_terms(t) == 10);
	CHECK(ratings_item_tags(r, 9) && !strcmp(ratings_item_tags(r, 9), "cult|b-movie"));
	int nn[3];
	float cs[3];
	CHECK(text_embed_nearest(t, 0, 3, nn, cs) >= 1);
	CHECK(nn[0] == 3); /* Toy Story -> Toy Story 2 */
	CHECK(cs[0] > 0.9f);
	CHECK(text_embed_nearest(t, 1, 1, nn, cs) == 1 && nn[0] == 5); /* Heat -> Heat and Dust */
	CHECK(text_embed_nearest(t, 2, 1, nn, cs) == 1 && nn[0] == 4); /* Star Wars -> Jedi */
	/* Sense and Sensibility has no word that another title has */
	CHECK(text_embed_doc_terms(t, 8) == 0);
	CHECK(text_embed_nearest(t, 8, 3, nn, cs) == 0);
	CHECK(text_embed_energy(t) > 0.99 && text_embed_energy(t) <= 1.0 + 1e-9);
	/* the same seed, the same vectors */
	text_embed *t2 = text_embed_new(r, &o, &err);
	CHECK(t2 && !memcmp(text_embed_vectors(t), text_embed_vectors(t2),
			    10 * 10 * sizeof(float)));
	text_embed_free(&t2);
	text_embed_free(&t);
	CHECK(t == NULL);
	ratings_free(&r);
}

static model *train(const char *algo, const char *opts, const ratings *r, int fit)
{
	params *p = params_new();
	ll_error err = { 0 };
	char buf[256];
	snprintf(buf, sizeof buf, "%s", opts);
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
		params_set_kv(p, w, &err);
	model *m = model_new(algo, p, &err);
	if (m && fit && model_fit(m, r, &err) < 0)
		model_free(&m);
	if (!m)
		fprintf(stderr, "%s %s: %s\n", algo, opts, err.msg);
	params_free(&p);
	return m;
}

static void test_bundled(void)
{
	const char *top = getenv("top_srcdir");
	char *dir = lr_join(top ? top : ".", "data/ml-latest-small");
	ll_error err = { 0 };
	ratings *r = load_path(dir, &err);
	free(dir);
	CHECK(r != NULL);
	if (!r) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	int toy = ratings_lookup_item(r, "Toy Story (1995)");
	CHECK(toy >= 0);
	const char *tags = ratings_item_tags(r, toy);
	CHECK(tags && strstr(tags, "pixar"));
	text_opts o;
	text_defaults(&o);
	text_embed *t = text_embed_new(r, &o, &err);
	CHECK(t != NULL);
	if (t) {
		int nn[10], sequel = 0;
		float cs[10];
		int n = text_embed_nearest(t, toy, 10, nn, cs);
		CHECK(n == 10);
		for (int j = 0; j < n; j++)
			sequel |= strstr(ratings_item_title(r, nn[j]), "Toy Story") != NULL;
		CHECK(sequel);
		printf("text neighbours of Toy Story:");
		for (int j = 0; j < 5; j++)
			printf(" %s (%.2f);", ratings_item_title(r, nn[j]), cs[j]);
		printf("\n%d terms, %.1f%% of the energy in %d components\n", text_embed_n_terms(t),
		       100 * text_embed_energy(t), text_embed_dim(t));
	}
	text_embed_free(&t);

	/* init=random is biased, bit for bit */
	model *a = train("text", "init=random k=8 epochs=3 seed=4", r, 1);
	model *b = train("biased", "k=8 epochs=3 seed=4", r, 1);
	CHECK(a && b);
	if (a && b) {
		int same = 1;
		for (int u = 0; u < 50; u++)
			for (int i = 0; i < ratings_n_items(r); i += 7)
				same &= model_predict(a, u, i) == model_predict(b, u, i);
		CHECK(same);
		CHECK(!strcmp(model_algo(a), "text"));
	}
	/* init=text: the item factors start from the embedding */
	model *c = train("text", "k=8 epochs=0 seed=4", r, 0);
	CHECK(c && mf_init(c, r, &err) == 0);
	if (c) {
		const float *Q = model_item_factors_const(c);
		text_defaults(&o);
		o.dim = 8;
		t = text_embed_new(r, &o, &err);
		const float *V = text_embed_vectors(t);
		/* the same direction, the length of a random start (0.1 sqrt(8)) */
		double dot = 0, qq = 0, vv = 0;
		for (int j = 0; j < 8; j++) {
			dot += (double)Q[toy * 8 + j] * V[toy * 8 + j];
			qq += (double)Q[toy * 8 + j] * Q[toy * 8 + j];
			vv += (double)V[toy * 8 + j] * V[toy * 8 + j];
		}
		CHECK_NEAR(dot / sqrt(qq * vv), 1, 1e-5);
		CHECK_NEAR(sqrt(qq), 0.1 * sqrt(8), 1e-5);
		text_embed_free(&t);
		/* trained: it learns, and differs from the random start */
		model *d = train("text", "k=8 epochs=3 seed=4", r, 1);
		CHECK(d && b && model_predict(d, 3, toy) != model_predict(b, 3, toy));
		CHECK(d && model_train_rmse(d, r) < 1.0);
		model_free(&d);
	}
	model *bad = train("text", "init=banana", r, 0);
	CHECK(bad == NULL);
	model_free(&a), model_free(&b), model_free(&c);
	ratings_free(&r);
}

int main(void)
{
	test_small();
	test_bundled();
	return check_done();
}

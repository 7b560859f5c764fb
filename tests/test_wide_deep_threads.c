/* test_wide_deep_threads.c: Wide & Deep trained on 1, 2, 3 and 4 threads
 * gives the same model bit for bit (threads=N splits each batch over the
 * team, wide_deep_train.c), on ratings and on implicit data, with and
 * without the deep part, on layer widths that are no multiple of 8; the
 * train RMSE it logs (computed in batches over the team) is
 * model_train_rmse's to the bit; and the model did learn the planted genre
 * effect, so equal predictions are no two untrained models. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/data/ratings.h"
#include "engine/data/synth.h"
#include "engine/model/model.h"
#include "engine/nn/wide_deep.h"

/* Synthetic ratings where every genre-0 movie gets a star more (clipped),
 * titles with years and users with ml-100k's kind of info, so every wide
 * block and embedding field is used. Enough ratings for a few hundred team
 * steps an epoch at batch=100: the team measures 128 steps alone, then 128
 * with its helpers, before it chooses. */
static ratings *planted(void)
{
	synth_opts o;
	synth_defaults(&o);
	o.users = 150, o.items = 200, o.ratings = 9000, o.genres = 6, o.seed = 3;
	ll_error err = { 0 };
	ratings *s = synth_generate(&o, &err);
	CHECK(s != NULL);
	if (!s)
		return NULL;
	ratings *r = ratings_clone(s);
	const ll_rating *e = ratings_entries(s);
	for (size_t j = 0; j < ratings_count(s); j++)
		if (ratings_item_genres(s, e[j].item) & 1)
			ratings_set(r, e[j].user, e[j].item, fminf(5, e[j].value + 1), e[j].time);
	ratings_free(&s);
	static const char *const occ[] = { "writer", "student", "other", "engineer" };
	char buf[96];
	for (int u = 0; u < ratings_n_users(r); u++) {
		snprintf(buf, sizeof buf, "age=%d gender=%c occupation=%s", 15 + (u * 7) % 50,
			 u % 3 ? 'M' : 'F', occ[u % 4]);
		ratings_set_user_info(r, u, buf);
	}
	for (int i = 0; i < ratings_n_items(r); i++) {
		snprintf(buf, sizeof buf, "Synthetic movie %d (%d)", i + 1, 1940 + (i * 13) % 80);
		ratings_set_item_title(r, i, buf);
	}
	return r;
}

static model *train(const char *algo, const char *opts, int threads, const ratings *r)
{
	params *p = params_new();
	ll_error err = { 0 };
	char buf[256];
	snprintf(buf, sizeof buf, "%s threads=%d", opts, threads);
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
		params_set_kv(p, w, &err);
	model *m = model_new(algo, p, &err);
	if (m && model_fit(m, r, &err) < 0)
		model_free(&m);
	if (!m)
		fprintf(stderr, "%s %s threads=%d: %s\n", algo, opts, threads, err.msg);
	params_free(&p);
	return m;
}

/* Every user's scores of every item, the unknown user's, a new movie's and
 * the logged history, compared byte for byte. */
static int same_model(const model *a, const model *b)
{
	int n = model_n_items(a), same = model_n_items(b) == n;
	float *sa = malloc((size_t)n * sizeof *sa), *sb = malloc((size_t)n * sizeof *sb);
	for (int u = 0; same && u < model_n_users(a); u++) {
		model_score_items(a, u, sa);
		model_score_items(b, u, sb);
		same = memcmp(sa, sb, (size_t)n * sizeof *sa) == 0;
	}
	free(sa), free(sb);
	double pa = model_predict(a, -1, 3), pb = model_predict(b, -1, 3);
	double na = wd_predict_unseen(a, 2, 1 | 4, "New (2026)");
	double nb = wd_predict_unseen(b, 2, 1 | 4, "New (2026)");
	const double *ha, *hb, *ta, *tb;
	int h = model_history(a, &ha, &ta);
	same = same && memcmp(&pa, &pb, sizeof pa) == 0 && memcmp(&na, &nb, sizeof na) == 0;
	same = same && h > 0 && h == model_history(b, &hb, &tb) &&
	       memcmp(ha, hb, (size_t)h * sizeof *ha) == 0;
	return same;
}

static void threads_agree(const char *algo, const char *opts, int max_threads, const ratings *r)
{
	model *one = train(algo, opts, 1, r);
	CHECK(one != NULL);
	if (!one)
		return;
	for (int t = 2; t <= max_threads; t++) {
		model *m = train(algo, opts, t, r);
		CHECK(m != NULL);
		int same = m && same_model(one, m);
		printf("%s %s: %d threads %s 1 thread\n", algo, opts, t,
		       same ? "equal to" : "DIFFER from");
		CHECK(same);
		model_free(&m);
	}
	/* the logged train RMSE, made over the team, is model.h's definition */
	const double *h, *test;
	int n = model_history(one, &h, &test);
	if (!model_ranking_only(one)) {
		double direct = model_train_rmse(one, r);
		printf("  train RMSE logged %.17g, model_train_rmse %.17g\n", n ? h[n - 1] : NAN,
		       direct);
		CHECK(n > 0 && memcmp(&h[n - 1], &direct, sizeof direct) == 0);
	}
	if (model_ranking_only(one)) {
		/* implicit: nothing planted to find, but the loss falls */
		printf("  loss %.4f after epoch 1, %.4f after epoch %d\n", h[0], h[n - 1], n);
		CHECK(n > 1 && h[n - 1] < h[0]);
	} else {
		/* it learned the planted genre: genre 0 weighs most */
		double g0 = wd_genre_weight(one, -1, 0), best_other = -1e9;
		for (int g = 1; g < 6; g++)
			best_other = fmax(best_other, wd_genre_weight(one, -1, g));
		printf("  genre 0's wide weight %.3f, the largest other %.3f\n", g0, best_other);
		CHECK(g0 > best_other);
	}
	model_free(&one);
}

int main(void)
{
	ratings *r = planted();
	if (!r)
		return check_done();
	threads_agree("wide_deep", "epochs=3 batch=100 lr=0.005 seed=4", 4, r);
	threads_agree("wide_deep", "epochs=2 batch=64 deep=0 lr=0.01 seed=2", 2, r);
	threads_agree("wide_deep", "epochs=2 batch=77 layers=13,5 factors=3 lr=0.005 seed=6", 3, r);
	threads_agree("wide_deep-implicit", "epochs=2 batch=100 neg=2 lr=0.005 seed=5", 3, r);
	ratings_free(&r);
	return check_done();
}

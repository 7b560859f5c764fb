/* test_wide_deep.c: Wide & Deep. Every parameter block's gradient (wide
 * weights and crosses, field embeddings with the genre average, the tower,
 * the penalty) against central differences, for the squared and the
 * logistic loss; the prediction path against the training forward pass;
 * the same seed giving the same weights; and a planted genre effect on
 * items that have no training ratings, which the wide part finds and biased
 * MF cannot. A movie the model never saw (wd_predict_unseen) is a seen one
 * without its id weight and vector; model files give back the same model. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/data/ratings.h"
#include "engine/data/synth.h"
#include "engine/model/model.h"
#include "engine/nn/wide_deep.h"

static int close_enough(double num, double ana)
{
	return fabs(num - ana) <= 2e-3 + 2e-2 * fabs(ana);
}

/* Five users with ml-100k's kind of info, seven items with genres and
 * years in their titles. */
static ratings *tiny(void)
{
	static const char *const titles[] = {
		"Toy Story (1995)", "Heat (1995)", "Alien (1979)", "Casablanca (1942)",
		"Fargo (1996)", "Clerks (1994)", "Untitled",
	};
	static const uint32_t genres[] = { 1 | 2, 4, 4 | 8, 16, 4 | 2, 2, 0 };
	static const char *const info[] = {
		"age=24 gender=M occupation=technician zip=1", "age=53 gender=F occupation=other zip=2",
		"age=33 gender=M occupation=writer zip=3", "age=17 gender=F occupation=student zip=4",
		NULL,
	};
	ratings *r = ratings_new();
	const char *gn[] = { "Animation", "Comedy", "Thriller", "Horror", "Drama" };
	for (int g = 0; g < 5; g++)
		ratings_intern_genre(r, gn[g]);
	char name[16];
	for (int u = 0; u < 5; u++) {
		snprintf(name, sizeof name, "%d", u + 1);
		ratings_intern_user(r, name);
		ratings_set_user_info(r, u, info[u]);
	}
	for (int i = 0; i < 7; i++) {
		snprintf(name, sizeof name, "%d", i + 1);
		ratings_intern_item(r, name);
		ratings_set_item_title(r, i, titles[i]);
		ratings_set_item_genres(r, i, genres[i]);
	}
	for (int u = 0; u < 5; u++)
		for (int i = 0; i < 7; i++)
			if ((u + 2 * i) % 3)
				ratings_add(r, u, i, (float)(1 + (u * 3 + i) % 5), 0);
	ratings_set_scale(r, 1, 5, 1);
	return r;
}

static float uni(gsl_rng *g, float a) { return (float)((2 * gsl_rng_uniform(g) - 1) * a); }

static void test_gradients(const char *algo, gsl_rng *g)
{
	ratings *r = tiny();
	params *p = params_new();
	params_set(p, "factors", "3");
	params_set(p, "layers", "5,4");
	params_set(p, "reg", "0.05");
	ll_error err = { 0 };
	model *m = model_new(algo, p, &err);
	CHECK(m != NULL);
	CHECK(m && wd_init(m, r, &err) == 0);
	if (!m)
		goto done;
	enum { B = 9 };
	int32_t U[B], I[B];
	float Y[B];
	int implicit = strcmp(algo, "wide_deep") != 0;
	for (int b = 0; b < B; b++) {
		U[b] = b % 5, I[b] = (b * 3) % 7;
		Y[b] = implicit ? (float)(b % 2) : (float)(1 + b % 5);
	}
	size_t len;
	const float *grad;
	float *w;
	/* larger weights than the start, so no gradient is tiny */
	for (int blk = 0; (w = wd_param(m, blk, &len, &grad)); blk++)
		for (size_t j = 0; j < len; j++)
			w[j] = uni(g, 0.6f);
	wd_refresh(m);
	wd_loss_grad(m, U, I, Y, B);
	int bad = 0, checked = 0, kinks = 0, nonzero = 0;
	for (int blk = 0; (w = wd_param(m, blk, &len, &grad)); blk++) {
		float *ana = malloc(len * sizeof *ana);
		memcpy(ana, grad, len * sizeof *ana);
		for (size_t j = 0; j < len; j++) {
			const float h = 1e-3f, v = w[j];
			double l0 = wd_loss_grad(m, U, I, Y, B);
			w[j] = v + h;
			wd_refresh(m);
			double lp = wd_loss_grad(m, U, I, Y, B);
			w[j] = v - h;
			wd_refresh(m);
			double lm = wd_loss_grad(m, U, I, Y, B);
			w[j] = v;
			wd_refresh(m);
			double central = (lp - lm) / (2 * h);
			checked++;
			nonzero += ana[j] != 0;
			if (close_enough(central, ana[j]))
				continue;
			if (close_enough((lp - l0) / h, ana[j]) || close_enough((l0 - lm) / h, ana[j])) {
				kinks++; /* a ReLU on its kink */
				continue;
			}
			bad++;
			fprintf(stderr, "%s block %d param %zu: numeric %g, backprop %g\n", algo, blk, j,
				central, ana[j]);
		}
		free(ana);
	}
	printf("%s: %d gradients checked, %d nonzero, %d at a kink, %d off\n", algo, checked,
	       nonzero, kinks, bad);
	CHECK(checked > 200);
	CHECK(nonzero > 100);
	CHECK(kinks * 10 < checked);
	CHECK(bad == 0);
	model_free(&m);
done:
	params_free(&p);
	ratings_free(&r);
}

/* predict() is the training forward pass: with reg 0 the loss of one
 * rating is half its squared error. */
static void test_predict_path(void)
{
	ratings *r = tiny();
	params *p = params_new();
	params_set(p, "reg", "0");
	params_set(p, "epochs", "3");
	ll_error err = { 0 };
	model *m = model_new("wide_deep", p, &err);
	CHECK(m && model_fit(m, r, &err) == 0);
	if (m) {
		int32_t u = 2, i = 4;
		float y = 4;
		double e = model_predict(m, u, i) - y;
		CHECK_NEAR(wd_loss_grad(m, &u, &i, &y, 1), 0.5 * e * e, 1e-5);
		double wide, deep;
		CHECK(wd_parts(m, u, i, &wide, &deep) == 0);
		CHECK_NEAR(ratings_mean(r) + wide + deep, model_predict(m, u, i), 1e-9);
		CHECK(isfinite(model_predict(m, -1, 3))); /* an unknown user */
		CHECK(isnan(model_predict(m, 0, 99)));
		CHECK(!strcmp(wd_year_bucket("Toy Story (1995)"), "1995-99"));
		CHECK(!strcmp(wd_year_bucket("Casablanca (1942)"), "before 1950"));
		CHECK(!strcmp(wd_year_bucket("Untitled"), "unknown"));
	}
	model_free(&m);
	params_free(&p);
	ratings_free(&r);
}

static model *train(const char *algo, const char *opts, const ratings *r)
{
	params *p = params_new();
	ll_error err = { 0 };
	char buf[256];
	snprintf(buf, sizeof buf, "%s", opts);
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
		params_set_kv(p, w, &err);
	model *m = model_new(algo, p, &err);
	if (m && model_fit(m, r, &err) < 0)
		model_free(&m);
	if (!m)
		fprintf(stderr, "%s: %s\n", algo, err.msg);
	params_free(&p);
	return m;
}

/* The same seed, the same weights; another seed, others. */
static void test_determinism(void)
{
	ratings *r = tiny();
	model *a = train("wide_deep", "epochs=4 seed=5", r);
	model *b = train("wide_deep", "epochs=4 seed=5", r);
	model *c = train("wide_deep", "epochs=4 seed=6", r);
	model *d = train("wide_deep-implicit", "epochs=3 seed=5", r);
	model *e = train("wide_deep-implicit", "epochs=3 seed=5", r);
	CHECK(a && b && c && d && e);
	if (a && b && c && d && e) {
		int same = 1, differ = 0, same_i = 1;
		for (int u = 0; u < 5; u++)
			for (int i = 0; i < 7; i++) {
				same &= model_predict(a, u, i) == model_predict(b, u, i);
				differ |= model_predict(a, u, i) != model_predict(c, u, i);
				same_i &= model_predict(d, u, i) == model_predict(e, u, i);
			}
		CHECK(same);
		CHECK(differ);
		CHECK(same_i);
		CHECK(model_ranking_only(d) && !model_ranking_only(a));
	}
	model_free(&a), model_free(&b), model_free(&c), model_free(&d), model_free(&e);
	ratings_free(&r);
}

/* A movie added after training is predicted as a known one whose own id
 * weight and embedding row are zero: zero them (the layout: w0, the users'
 * ids, then the items'; embedding rows users first, then items) and the
 * two agree, for every user and the unknown one. */
static void test_unseen(void)
{
	ratings *r = tiny();
	model *m = train("wide_deep", "epochs=3 factors=4 seed=2", r);
	CHECK(m != NULL);
	if (!m) {
		ratings_free(&r);
		return;
	}
	const int nu = ratings_n_users(r), ni = ratings_n_items(r), d = 4;
	size_t len;
	const float *grad;
	float *w = wd_param(m, 0, &len, &grad), *E = wd_param(m, 1, &len, &grad);
	int agree = 0, checked = 0;
	for (int i = 0; i < ni; i++) {
		w[1 + nu + i] = 0;
		memset(E + (size_t)(nu + i) * d, 0, d * sizeof *E);
		for (int u = -1; u < nu; u++) {
			double a = model_predict(m, u, i);
			double b = wd_predict_unseen(m, u, ratings_item_genres(r, i),
						     ratings_item_title(r, i));
			/* a genre the model never saw has no weight */
			double c = wd_predict_unseen(m, u, ratings_item_genres(r, i) | 1u << 20,
						     ratings_item_title(r, i));
			agree += fabs(a - b) < 1e-6 && b == c;
			checked++;
		}
	}
	CHECK(agree == checked);
	CHECK(isnan(wd_predict_unseen(NULL, 0, 1, "x")));
	/* another genre, another guess */
	CHECK(wd_predict_unseen(m, 0, 1, "New (2026)") != wd_predict_unseen(m, 0, 16, "New (2026)"));
	model_free(&m);
	ratings_free(&r);
}

/* Through a model file and back: the same predictions to the bit, for seen
 * and unseen movies, with the options that change them (deep=0, the
 * implicit loss) kept; training goes on from a loaded model; a file cut
 * short or a forged header is refused with a message. */
static void roundtrip(const char *algo, const char *opts)
{
	ratings *r = tiny();
	model *m = train(algo, opts, r);
	CHECK(m != NULL);
	if (!m) {
		ratings_free(&r);
		return;
	}
	ll_error err = { 0 };
	FILE *f = tmpfile();
	CHECK(f && model_write(m, f, &err) == 0);
	long size = f ? ftell(f) : 0;
	if (f)
		rewind(f);
	model *back = f ? model_read(f, "wd", &err) : NULL;
	if (!back)
		fprintf(stderr, "%s: %s\n", algo, err.msg);
	CHECK(back != NULL);
	if (back) {
		int same = 1;
		for (int u = -1; u < 5; u++) {
			for (int i = 0; i < 7; i++)
				same &= model_predict(m, u, i) == model_predict(back, u, i);
			same &= wd_predict_unseen(m, u, 2 | 4, "New (2026)") ==
				wd_predict_unseen(back, u, 2 | 4, "New (2026)");
			same &= u < 0 || wd_genre_weight(m, u, 1) == wd_genre_weight(back, u, 1);
		}
		CHECK(same);
		CHECK(!strcmp(model_algo(back), algo));
		CHECK(model_epochs_done(back) == model_epochs_done(m));
		CHECK(model_ranking_only(back) == model_ranking_only(m));
		CHECK(model_fit_epoch(back, r, &err) == 0);
		CHECK(model_epochs_done(back) == model_epochs_done(m) + 1);
		CHECK(isfinite(model_predict(back, 1, 1)));
	}
	model_free(&back);
	/* cut short: every length refused, none crashing */
	char *buf = f ? malloc((size_t)size) : NULL;
	if (f && buf) {
		rewind(f);
		CHECK(fread(buf, 1, (size_t)size, f) == (size_t)size);
		int refused = 0, tried = 0;
		for (long cut = size - 1; cut > 0; cut -= 1 + cut / 7, tried++) {
			FILE *g = tmpfile();
			fwrite(buf, 1, (size_t)cut, g);
			rewind(g);
			model *x = model_read(g, "cut", &err);
			refused += x == NULL;
			model_free(&x);
			fclose(g);
		}
		CHECK(refused == tried);
		/* a header that declares far more weights than follow */
		char *nl = memchr(buf, '\n', (size_t)size);
		char *wd = nl ? strstr(nl + 1, "widedeep ") : NULL;
		if (wd) {
			FILE *g = tmpfile();
			fwrite(buf, 1, (size_t)(wd - buf), g);
			fprintf(g, "widedeep 1 %d 20 128 6 1024 1024 1024 1024 1024 1024 0.001 0 256 "
				"4 1 1 1 1 32 64 1 3.5\n", model_ranking_only(m));
			rewind(g);
			model *x = model_read(g, "forged", &err);
			CHECK(x == NULL && strstr(err.msg, "declares") != NULL);
			model_free(&x);
			fclose(g);
		}
		CHECK(wd != NULL);
	}
	free(buf);
	if (f)
		fclose(f);
	model_free(&m);
	ratings_free(&r);
}

/* Synthetic data with a planted genre effect: every rating of a genre-0
 * movie is one star higher (clipped). A fifth of the movies have no
 * training ratings at all: biased MF can only give them mu + b_u, while
 * the wide part learns the genre's weight and places them. */
static void test_planted_genre(void)
{
	synth_opts o;
	synth_defaults(&o);
	o.users = 300, o.items = 400, o.ratings = 30000, o.genres = 6, o.seed = 11;
	ll_error err = { 0 };
	ratings *s = synth_generate(&o, &err);
	CHECK(s != NULL);
	if (!s)
		return;
	size_t n = ratings_count(s);
	const ll_rating *e = ratings_entries(s);
	ratings *r = ratings_clone(s);
	for (size_t j = 0; j < n; j++)
		if (ratings_item_genres(s, e[j].item) & 1)
			ratings_set(r, e[j].user, e[j].item, fminf(5, e[j].value + 1), e[j].time);
	ratings_free(&s);
	e = ratings_entries(r);
	size_t *tr = malloc(n * sizeof *tr), *te = malloc(n * sizeof *te), ntr = 0, nte = 0;
	for (size_t j = 0; j < n; j++) {
		if (e[j].item % 5 == 0)
			te[nte++] = j;
		else
			tr[ntr++] = j;
	}
	ratings *train_r = ratings_subset(r, tr, ntr), *test_r = ratings_subset(r, te, nte);
	model *wd = train("wide_deep", "epochs=10 lr=0.003 seed=1", train_r);
	model *mf = train("biased", "k=20 epochs=20 seed=1", train_r);
	model *wide = train("wide_deep", "deep=0 epochs=10 lr=0.003 seed=1", train_r);
	CHECK(wd && mf && wide);
	if (wd && mf && wide) {
		double se_wd = 0, se_mf = 0, se_w = 0;
		int cnt = 0;
		const ll_rating *t = ratings_entries(test_r);
		for (size_t j = 0; j < nte; j++) {
			if (!(ratings_item_genres(r, t[j].item) & 1))
				continue;
			double a = model_predict_clipped(wd, t[j].user, t[j].item) - t[j].value;
			double b = model_predict_clipped(mf, t[j].user, t[j].item) - t[j].value;
			double c = model_predict_clipped(wide, t[j].user, t[j].item) - t[j].value;
			se_wd += a * a, se_mf += b * b, se_w += c * c, cnt++;
		}
		double rmse_wd = sqrt(se_wd / cnt), rmse_mf = sqrt(se_mf / cnt);
		double rmse_w = sqrt(se_w / cnt);
		double g0 = wd_genre_weight(wide, -1, 0), best_other = -1e9;
		for (int g = 1; g < 6; g++)
			best_other = fmax(best_other, wd_genre_weight(wide, -1, g));
		printf("cold genre-0 movies (%d ratings): RMSE wide_deep %.3f, wide alone %.3f, "
		       "biased %.3f; the wide part's genre-0 weight %.3f, the largest other %.3f\n",
		       cnt, rmse_wd, rmse_w, rmse_mf, g0, best_other);
		CHECK(cnt > 100);
		CHECK(rmse_wd < rmse_mf - 0.15);
		CHECK(rmse_w < rmse_mf - 0.15);
		CHECK(g0 > 0.3 && g0 > best_other + 0.2);
		/* a new movie, not in the store at all, placed by its genre */
		double lift = 0;
		for (int u = 0; u < 300; u++)
			lift += wd_predict_unseen(wide, u, 1, "New (2026)") -
				wd_predict_unseen(wide, u, 2, "New (2026)");
		printf("a new genre-0 movie against a new genre-1 one: %+.3f stars on average\n",
		       lift / 300);
		CHECK(lift / 300 > 0.3);
	}
	model_free(&wd), model_free(&mf), model_free(&wide);
	ratings_free(&train_r), ratings_free(&test_r), ratings_free(&r);
	free(tr), free(te);
}

int main(void)
{
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, 7);
	test_gradients("wide_deep", g);
	test_gradients("wide_deep-implicit", g);
	gsl_rng_free(g);
	test_predict_path();
	test_determinism();
	test_unseen();
	roundtrip("wide_deep", "epochs=3 seed=3");
	roundtrip("wide_deep", "epochs=2 deep=0 layers=6 factors=2 seed=4");
	roundtrip("wide_deep-implicit", "epochs=2 neg=2 seed=5");
	test_planted_genre();
	return check_done();
}

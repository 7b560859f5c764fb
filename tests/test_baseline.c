/* test_baseline.c: the four baselines and the evaluation driver. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/eval/eval.h"
#include "engine/model/model.h"

/* Two users, two items: u0 rated i0 5 and i1 3, u1 rated i0 4. mu = 4. */
static ratings *tiny(void)
{
	ratings *r = ratings_new();
	ratings_intern_user(r, "u0");
	ratings_intern_user(r, "u1");
	ratings_intern_item(r, "i0");
	ratings_intern_item(r, "i1");
	ratings_add(r, 0, 0, 5, 0);
	ratings_add(r, 0, 1, 3, 0);
	ratings_add(r, 1, 0, 4, 0);
	return r;
}

static model *fitted(const char *algo, const char *opt1, const char *opt2, const ratings *r)
{
	params *p = params_new();
	ll_error err;
	if (opt1)
		params_set_kv(p, opt1, &err);
	if (opt2)
		params_set_kv(p, opt2, &err);
	model *m = model_new(algo, p, &err);
	params_free(&p);
	if (m && model_fit(m, r, &err) != 0)
		model_free(&m);
	return m;
}

static void test_bias(void)
{
	ratings *r = tiny();
	/* One epoch with reg_i = 10, reg_u = 15, items first (b_u = 0):
	 *   b_i0 = ((5-4) + (4-4)) / (10 + 2) = 1/12
	 *   b_i1 = (3-4) / (10 + 1) = -1/11
	 * then users:
	 *   b_u0 = ((5-4-1/12) + (3-4+1/11)) / (15 + 2) = (11/12 - 10/11) / 17 = 1/2244
	 *   b_u1 = (4-4-1/12) / (15 + 1) = -1/192
	 * predict(u0, i1) = 4 + 1/2244 - 1/11 = 3.909536542 */
	model *m = fitted("baseline", "epochs=1", NULL, r);
	CHECK(m != NULL);
	CHECK_NEAR(model_predict(m, 0, 1), 4 + 1.0 / 2244 - 1.0 / 11, 1e-12);
	CHECK_NEAR(model_predict(m, 1, 0), 4 - 1.0 / 192 + 1.0 / 12, 1e-12);
	CHECK_NEAR(model_predict(m, 1, 1), 4 - 1.0 / 192 - 1.0 / 11, 1e-12);
	CHECK(model_is_iterative(m) && model_epochs_done(m) == 1);
	const double *hist;
	CHECK(model_history(m, &hist, NULL) == 1);
	model_free(&m);

	/* Second epoch, items again with the new b_u:
	 *   b_i0 = ((5-4-1/2244) + (4-4+1/192)) / 12
	 *   b_i1 = (3-4-1/2244) / 11 */
	m = fitted("baseline", "epochs=2", NULL, r);
	double bi0 = (1 - 1.0 / 2244 + 1.0 / 192) / 12, bi1 = (-1 - 1.0 / 2244) / 11;
	double bu1 = (0 - bi0) / 16;
	CHECK_NEAR(model_predict(m, 1, 1), 4 + bu1 + bi1, 1e-12);
	CHECK(model_history(m, &hist, NULL) == 2);
	/* Training error falls from epoch to epoch here. */
	CHECK(hist[1] <= hist[0]);
	model_free(&m);

	/* No regularization: three ratings, four biases, so ALS converges
	 * (geometrically) to an exact fit; after the 10 default epochs every
	 * training rating is reproduced within 1e-5. */
	m = fitted("baseline", "reg_u=0", "reg_i=0", r);
	CHECK_NEAR(model_predict(m, 0, 0), 5.0, 1e-5);
	CHECK_NEAR(model_predict(m, 0, 1), 3.0, 1e-5);
	CHECK_NEAR(model_predict(m, 1, 0), 4.0, 1e-5);
	model_free(&m);

	/* Options are checked with suggestions. */
	params *p = params_new();
	ll_error err;
	params_set_kv(p, "reg_uu=3", &err);
	CHECK(model_new("baseline", p, &err) == NULL);
	CHECK(strstr(err.msg, "reg_u") != NULL);
	params_free(&p);
	p = params_new();
	params_set_kv(p, "epochs=-1", &err);
	CHECK(model_new("baseline", p, &err) == NULL);
	params_free(&p);
	CHECK(model_new("baselin", NULL, &err) == NULL);
	CHECK(strstr(err.msg, "did you mean 'baseline'") != NULL);
	ratings_free(&r);
}

/* A progress callback that stops after two epochs. */
static int stop_at_two(void *ctx, int epoch, int n, double loss)
{
	(void)ctx, (void)n, (void)loss;
	return epoch >= 2;
}

static void test_bias_stop_and_save(void)
{
	ratings *r = tiny();
	ll_error err;
	model *m = model_new("baseline", NULL, &err);
	model_set_progress(m, stop_at_two, NULL);
	CHECK(model_fit(m, r, &err) == 1);
	CHECK(model_epochs_done(m) == 2);
	/* Save and load keep every prediction exactly. */
	FILE *f = tmpfile();
	CHECK(f != NULL);
	if (f) {
		CHECK(model_write(m, f, &err) == 0);
		rewind(f);
		model *back = model_read(f, "tmp", &err);
		CHECK(back != NULL);
		if (back) {
			CHECK(model_predict(back, 0, 1) == model_predict(m, 0, 1));
			CHECK(model_predict(back, 1, 1) == model_predict(m, 1, 1));
			CHECK_STR(model_algo(back), "baseline");
		}
		model_free(&back);
		fclose(f);
	}
	model_free(&m);
	ratings_free(&r);
}

static void test_mean_and_pop(void)
{
	ratings *r = tiny();
	model *m = fitted("mean", NULL, NULL, r);
	CHECK(m != NULL);
	CHECK_NEAR(model_predict(m, 0, 0), 4.0, 1e-12);
	CHECK_NEAR(model_predict(m, 1, 1), 4.0, 1e-12);
	CHECK(!model_is_iterative(m));
	model_free(&m);

	/* pop: predict is the item's number of training ratings. */
	m = fitted("pop", NULL, NULL, r);
	CHECK(model_predict(m, 1, 0) == 2 && model_predict(m, 1, 1) == 1);
	float s[2];
	model_score_items(m, 0, s);
	CHECK(s[0] == 2 && s[1] == 1);
	CHECK(algo_find("pop")->ranking_only == 1);
	CHECK(algo_find("baseline")->ranking_only == 0);
	model_free(&m);
	ratings_free(&r);
}

static void test_random(void)
{
	/* 200 users rate item 0 with 1..5 in turn: mu = 3, population
	 * deviation sqrt(((-2)^2 + 1 + 0 + 1 + 4) / 5) = sqrt(2). */
	ratings *r = ratings_new();
	char name[16];
	for (int u = 0; u < 200; u++) {
		snprintf(name, sizeof name, "u%d", u);
		ratings_intern_user(r, name);
	}
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof name, "i%d", i);
		ratings_intern_item(r, name);
	}
	for (int u = 0; u < 200; u++)
		ratings_add(r, u, 0, (float)(1 + u % 5), 0);
	model *a = fitted("random", "seed=3", NULL, r);
	model *b = fitted("random", "seed=3", NULL, r);
	model *c = fitted("random", "seed=4", NULL, r);
	CHECK(a && b && c);
	int same = 1, differ = 0;
	double s1 = 0, s2 = 0;
	for (int u = 0; u < 200; u++)
		for (int i = 0; i < 200; i++) {
			double x = model_predict(a, u, i);
			same &= x == model_predict(b, u, i);
			differ += x != model_predict(c, u, i);
			s1 += x, s2 += x * x;
		}
	CHECK(same);
	CHECK(differ > 39000);
	/* Written and read back, it predicts the same, and the reading stops
	 * at the line after it (a session file goes on there). */
	FILE *f = tmpfile();
	ll_error err;
	if (f && a) {
		CHECK(model_write(a, f, &err) == 0);
		fputs("next\n", f);
		rewind(f);
		model *back = model_read(f, "tmp", &err);
		char line[16] = "";
		CHECK(back && fgets(line, sizeof line, f) && !strcmp(line, "next\n"));
		CHECK(back && model_predict(back, 7, 9) == model_predict(a, 7, 9));
		model_free(&back);
	}
	if (f)
		fclose(f);
	/* 40000 draws: the mean is within 0.02 of 3 and the deviation within
	 * 0.02 of sqrt(2) (standard errors 0.007 and 0.005). */
	double mean = s1 / 40000, sd = sqrt(s2 / 40000 - mean * mean);
	CHECK_NEAR(mean, 3.0, 0.02);
	CHECK_NEAR(sd, sqrt(2.0), 0.02);
	/* score_items agrees with predict (the draw depends on the pair only). */
	float row[200];
	model_score_items(a, 7, row);
	CHECK(row[123] == (float)model_predict(a, 7, 123));
	/* Clipped to the 1..5 scale. */
	double lo = 5, hi = 1;
	for (int i = 0; i < 200; i++) {
		double x = model_predict_clipped(a, 0, i);
		lo = x < lo ? x : lo, hi = x > hi ? x : hi;
	}
	CHECK(lo >= 1 && hi <= 5);
	model_free(&a), model_free(&b), model_free(&c);
	ratings_free(&r);
}

/* The driver: 3-fold CV of a 12-user store, with and without cancelling. */
static ratings *grid(void)
{
	ratings *r = ratings_new();
	char name[16];
	for (int u = 0; u < 12; u++) {
		snprintf(name, sizeof name, "u%d", u);
		ratings_intern_user(r, name);
	}
	for (int i = 0; i < 8; i++) {
		snprintf(name, sizeof name, "i%d", i);
		ratings_intern_item(r, name);
	}
	for (int u = 0; u < 12; u++)
		for (int i = 0; i < 8; i++)
			if ((u + i) % 3 != 0)
				ratings_add(r, u, i, (float)(1 + (u * i) % 5), (uint32_t)(u * 8 + i));
	return r;
}

static int folds_seen;
static void count_folds(void *ctx, int fold, int n, const char *name)
{
	(void)ctx, (void)name;
	if (fold < n)
		folds_seen++;
}

static void test_eval(void)
{
	ratings *r = grid();
	ll_error err;
	split *s = split_kfold(r, 3, 1, &err);
	eval_opts o;
	eval_opts_init(&o);
	CHECK(o.k == 10);
	o.progress = count_folds;
	eval_result *res = eval_run("baseline", NULL, s, &o, &err);
	CHECK(res != NULL);
	if (res) {
		CHECK(res->n_folds == 3 && folds_seen == 3);
		CHECK(res->has_rating && !res->has_sampled && !res->has_full && !res->cancelled);
		CHECK_STR(res->split, "cv 3");
		/* The mean is the mean of the folds, and each fold's figure is
		 * what metrics_rating gives for a model fitted on its train part. */
		double m = (res->folds[0].rmse + res->folds[1].rmse + res->folds[2].rmse) / 3;
		CHECK_NEAR(res->mean.rmse, m, 1e-12);
		model *one = fitted("baseline", NULL, NULL, split_get(s, 1)->train);
		double rmse, mae;
		metrics_rating(one, split_get(s, 1)->test, &rmse, &mae, &err);
		CHECK_NEAR(res->folds[1].rmse, rmse, 1e-12);
		CHECK_NEAR(res->folds[1].mae, mae, 1e-12);
		CHECK(isnan(res->mean.rank.hr));
		model_free(&one);
	}
	eval_result_free(&res);
	CHECK(res == NULL);

	/* Ranking only: no RMSE; with full = 1, the top-K figures. */
	o.full = 1;
	res = eval_run("pop", NULL, s, &o, &err);
	CHECK(res && !res->has_rating && res->has_full && isnan(res->mean.rmse));
	CHECK(res && res->mean.rank.coverage > 0);
	eval_result_free(&res);
	o.full = 0;

	/* Leave-one-out adds the sampled HR and NDCG. */
	split *loo = split_loo(r, 3, 1, &err);
	res = eval_run("pop", NULL, loo, &o, &err);
	CHECK(res && res->has_sampled && res->mean.rank.n_sampled == 12);
	CHECK(res && res->mean.rank.hr >= 0 && res->mean.rank.hr <= 1);
	eval_result_free(&res);
	split_free(&loo);

	/* Cancelled before the first fold: nothing fitted, flagged. */
	volatile sig_atomic_t stop = 1;
	o.cancel = &stop;
	res = eval_run("baseline", NULL, s, &o, &err);
	CHECK(res && res->cancelled && res->n_folds == 0);
	eval_result_free(&res);
	o.cancel = NULL;

	/* Unknown algorithm and bad option: NULL with a message. */
	CHECK(eval_run("basline", NULL, s, &o, &err) == NULL);
	CHECK(strstr(err.msg, "baseline") != NULL);
	params *p = params_new();
	params_set_kv(p, "epoch=3", &err);
	CHECK(eval_run("baseline", p, s, &o, &err) == NULL);
	CHECK(strstr(err.msg, "epochs") != NULL);
	/* The caller's options are not consumed. */
	CHECK(params_count(p) == 1);
	params_free(&p);
	split_free(&s);
	ratings_free(&r);
}

int main(void)
{
	test_bias();
	test_bias_stop_and_save();
	test_mean_and_pop();
	test_random();
	test_eval();
	return check_done();
}

/* test_mf_sgd.c: the lecture's plain SGD rule, by hand, on the toy cells;
 * the adaptive rates (adaptive=adagrad|rpcs) on planted synthetic data; the
 * two ways of measuring an epoch's loss (loss=after|during). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/data/synth.h"
#include "engine/mf/mf.h"
#include "engine/model/model.h"

/* Cheolsu: Avengers 5, Iron Man 5, Notebook 1; Younghee: Notebook 5,
 * About Time 5; Minsu: Iron Man 5. Entry 0 is (Cheolsu, Avengers, 5). */
static ratings *toy(void)
{
	ratings *r = ratings_new();
	const char *cells[][3] = {
		{ "Cheolsu", "Avengers", "5" }, { "Cheolsu", "Iron Man", "5" },
		{ "Cheolsu", "Notebook", "1" }, { "Younghee", "Notebook", "5" },
		{ "Younghee", "About Time", "5" }, { "Minsu", "Iron Man", "5" },
	};
	for (size_t j = 0; j < sizeof cells / sizeof *cells; j++)
		ratings_add(r, ratings_intern_user(r, cells[j][0]), ratings_intern_item(r, cells[j][1]),
			    (float)atof(cells[j][2]), 0);
	return r;
}

static model *make(const char *algo, const char *const *kv)
{
	params *p = params_new();
	ll_error err;
	for (; *kv; kv++)
		params_set_kv(p, *kv, &err);
	model *m = model_new(algo, p, &err);
	if (!m)
		fprintf(stderr, "model_new: %s\n", err.msg);
	params_free(&p);
	return m;
}

/* The lecture's numbers: Cheolsu's vector 0.5, Avengers' 0.1, rating 5, lr 0.1. */
static void test_first_update(void)
{
	ratings *r = toy();
	ll_error err;
	const char *kv[] = { "k=1", "lr=0.1", "reg=0", "init=given", NULL };
	model *m = make("sgd", kv);
	CHECK(m && mf_init(m, r, &err) == 0);
	int cheolsu = ratings_find_user(r, "Cheolsu"), av = ratings_find_item(r, "Avengers");
	model_user_factors(m)[cheolsu] = 0.5f;
	model_item_factors(m)[av] = 0.1f;
	mf_update u;
	CHECK(mf_step(m, r, 0, &u, &err) == 0);
	/* The rule, written out: prediction 0.05, error 4.95,
	 * p = 0.5 + 0.1 (4.95 * 0.1) = 0.5495, q = 0.1 + 0.1 (4.95 * 0.5495). */
	float lr = 0.1f, p0 = 0.5f, q0 = 0.1f;
	float pred = p0 * q0, e = 5.0f - pred;
	float p1 = p0 + lr * (e * q0 - 0.0f * p0);
	float q1 = q0 + lr * (e * p1 - 0.0f * q0);
	CHECK(u.user == cheolsu && u.item == av && u.rating == 5.0f);
	CHECK(u.prediction == pred && u.error == e);
	CHECK(u.p_before[0] == p0 && u.q_before[0] == q0);
	CHECK(u.p_after[0] == p1 && u.q_after[0] == q1);
	CHECK(model_user_factors(m)[cheolsu] == p1 && model_item_factors(m)[av] == q1);
	CHECK_NEAR(p1, 0.5495, 1e-6);
	CHECK_NEAR(q1, 0.1 + 0.1 * 4.95 * 0.5495, 1e-6);
	model_free(&m);

	/* k 2 with L2 and the simultaneous variant (the old p in q's update). */
	const char *kv2[] = { "k=2", "lr=0.1", "reg=0.02", "init=given", "update=simultaneous", NULL };
	m = make("sgd", kv2);
	CHECK(m && mf_init(m, r, &err) == 0);
	float *P = model_user_factors(m), *Q = model_item_factors(m);
	P[cheolsu * 2] = 0.5f, P[cheolsu * 2 + 1] = -0.2f;
	Q[av * 2] = 0.1f, Q[av * 2 + 1] = 0.3f;
	CHECK(mf_step(m, r, 0, &u, &err) == 0);
	float pa[2] = { 0.5f, -0.2f }, qa[2] = { 0.1f, 0.3f }, reg = 0.02f;
	float pr = 0;
	for (int f = 0; f < 2; f++)
		pr += pa[f] * qa[f];
	float er = 5.0f - pr;
	for (int f = 0; f < 2; f++) {
		float pn = pa[f] + lr * (er * qa[f] - reg * pa[f]);
		float qn = qa[f] + lr * (er * pa[f] - reg * qa[f]);
		CHECK(P[cheolsu * 2 + f] == pn && Q[av * 2 + f] == qn);
	}
	CHECK(u.prediction == pr && u.error == er);
	model_free(&m);
	ratings_free(&r);
}

static int n_traced;
static int trace_ok = 1;
static void count(void *ctx, const mf_update *u)
{
	(void)ctx;
	n_traced++;
	float pred = 0;
	for (int f = 0; f < u->k; f++)
		pred += u->p_before[f] * u->q_before[f];
	if (pred != u->prediction || u->error != u->rating - u->prediction)
		trace_ok = 0;
}

static void test_trace_and_history(void)
{
	ratings *r = toy();
	ll_error err;
	const char *kv[] = { "epochs=7", "seed=3", NULL };
	model *m = make("sgd", kv), *plain = make("sgd", kv);
	CHECK(mf_set_trace(m, count, NULL, &err) == 0);
	void *ctx = &ctx;
	CHECK(mf_get_trace(m, &ctx) == count && ctx == NULL);
	CHECK(mf_get_trace(plain, NULL) == NULL);
	CHECK(model_fit(m, r, &err) == 0 && model_fit(plain, r, &err) == 0);
	CHECK(n_traced == 7 * 6 && trace_ok);
	/* The traced loop computes exactly what the untraced one does. */
	CHECK(memcmp(model_user_factors(m), model_user_factors(plain), 3 * 2 * sizeof(float)) == 0);
	const double *tr, *te;
	CHECK(model_history(m, &tr, &te) == 7 && te == NULL);
	CHECK(tr[6] < tr[0]);
	CHECK(mf_set_sweep_trace(m, NULL, NULL, &err) < 0);
	model_free(&m);
	model_free(&plain);
	ratings_free(&r);
}

static void test_l1_zeros(void)
{
	ratings *r = toy();
	ll_error err;
	const char *l1[] = { "k=4", "penalty=l1", "reg=0.5", "lr=0.02", "epochs=300", "seed=1", NULL };
	const char *l2[] = { "k=4", "penalty=l2", "reg=0.5", "lr=0.02", "epochs=300", "seed=1", NULL };
	model *a = make("sgd", l1), *b = make("sgd", l2);
	CHECK(model_fit(a, r, &err) == 0 && model_fit(b, r, &err) == 0);
	int za = 0, zb = 0, n = 3 * 4;
	for (int j = 0; j < n; j++) {
		za += model_user_factors(a)[j] == 0.0f;
		zb += model_user_factors(b)[j] == 0.0f;
	}
	CHECK(za >= 3);  /* L1 leaves exact zeros... */
	CHECK(zb == 0);  /* ...L2 only shrinks */
	model_free(&a);
	model_free(&b);
	ratings_free(&r);
}

static void test_determinism_divergence_save(void)
{
	ratings *r = toy();
	ll_error err;
	const char *kv[] = { "k=3", "shuffle=1", "seed=42", "epochs=20", NULL };
	model *a = make("sgd", kv), *b = make("sgd", kv);
	CHECK(model_fit(a, r, &err) == 0 && model_fit(b, r, &err) == 0);
	CHECK(memcmp(model_user_factors(a), model_user_factors(b), 3 * 3 * sizeof(float)) == 0);
	CHECK(memcmp(model_item_factors(a), model_item_factors(b), 4 * 3 * sizeof(float)) == 0);

	const char *path = "test_mf_sgd.model";
	CHECK(model_save(a, path, &err) == 0);
	model *c = model_load(path, &err);
	CHECK(c != NULL);
	for (int u = 0; c && u < 3; u++)
		for (int i = 0; i < 4; i++)
			CHECK(model_predict(c, u, i) == model_predict(a, u, i));
	remove(path);
	model_free(&c);

	const char *bad[] = { "k=2", "lr=3", "epochs=50", "seed=1", NULL };
	model *d = make("sgd", bad);
	CHECK(model_fit(d, r, &err) == -1);
	CHECK(strstr(err.msg, "training diverged at epoch") != NULL);
	CHECK(strstr(err.msg, "lr=3") != NULL && strstr(err.msg, "try lr=0.3") != NULL);
	for (int j = 0; j < 3 * 2; j++)
		CHECK(isfinite(model_user_factors(d)[j]));
	CHECK(model_epochs_done(d) < 50);

	params *p = params_new();
	params_set(p, "lr", "-1");
	CHECK(model_new("sgd", p, &err) == NULL && strstr(err.msg, "lr must be > 0"));
	params_free(&p);
	model_free(&a);
	model_free(&b);
	model_free(&d);
	ratings_free(&r);
}


static int n_steps;
static void count_steps(void *ctx, const mf_update *u)
{
	(void)ctx, (void)u;
	n_steps++;
}

/* Planted data: 300 users, 200 items, 3 hidden factors, little noise. */
static ratings *planted(synth_opts *o)
{
	synth_defaults(o);
	o->users = 300, o->items = 200, o->ratings = 12000, o->k = 3, o->noise = 0.2, o->seed = 5;
	ll_error err;
	ratings *r = synth_generate(o, &err);
	if (!r)
		fprintf(stderr, "synth: %s\n", err.msg);
	return r;
}

/* Fit sgd with the given options on top of k=K epochs=EPOCHS shuffle=1
 * seed=1; NULL when it diverged. *final gets the last epoch's loss. With
 * k 50 the planted rank is spread over many coordinates, as MovieLens's
 * at k 100 (at k 8 AdaGrad's accumulators fill up while the factors grow
 * from zero towards the mean rating, and it learns slower than plain SGD). */
enum { K = 50, EPOCHS = 8 };
static model *fit_planted(const ratings *r, const char *const *kv, double *final)
{
	const char *base[] = { "k=50", "epochs=8", "shuffle=1", "seed=1", NULL };
	params *p = params_new();
	ll_error err;
	for (const char *const *x = base; *x; x++)
		params_set_kv(p, *x, &err);
	for (; *kv; kv++)
		params_set_kv(p, *kv, &err);
	model *m = model_new("sgd", p, &err);
	params_free(&p);
	if (!m || model_fit(m, r, &err) != 0) {
		model_free(&m);
		return NULL;
	}
	const double *tr;
	int n = model_history(m, &tr, NULL);
	*final = n ? tr[n - 1] : NAN;
	return m;
}

/* RMSE of the model's estimates (0 without a model) against the planted
 * taste (before noise and clipping) on the training pairs: what it learnt,
 * not what it memorised. */
static double truth_rmse(const model *m, const ratings *r, const synth_opts *o)
{
	ll_error err;
	synth_truth *t = synth_truth_new(o, &err);
	double s = 0;
	size_t n = ratings_count(r);
	for (size_t j = 0; t && j < n; j++) {
		const ll_rating *e = &ratings_entries(r)[j];
		double est = m ? model_predict(m, e->user, e->item) : 0;
		double d = est - synth_truth_score(t, e->user, e->item);
		s += d * d;
	}
	synth_truth_free(&t);
	return t || !n ? NAN : sqrt(s / (double)n);
}

/* AdaGrad and LibMF's rule converge on planted data (the loss falls every
 * epoch; the estimates approach the planted taste) and, after the same few
 * epochs, each at its default lr, reach a lower training RMSE than plain
 * SGD and a closer fit to the truth. (Plain SGD at lr 0.05 does better
 * still here: printed, not checked; the adaptive rates' gain is on held-out
 * MovieLens ratings, bench_sgd.) Seeded runs give the same bits. Bad
 * combinations are refused. */
static void test_adaptive(void)
{
	synth_opts o;
	ratings *r = planted(&o);
	CHECK(r != NULL);
	if (!r)
		return;
	double plain_def, plain_05 = NAN;
	const char *def[] = { NULL }, *lr05[] = { "lr=0.05", NULL };
	model *a = fit_planted(r, def, &plain_def);
	model *b = fit_planted(r, lr05, &plain_05);
	CHECK(a != NULL);
	double tplain = a ? truth_rmse(a, r, &o) : NAN;
	printf("plain sgd, k %d, %d epochs: train RMSE %.4f, to the truth %.4f (lr 0.01, the "
	       "default); train RMSE %.4f at lr 0.05\n", K, EPOCHS, plain_def, tplain, plain_05);
	model_free(&a), model_free(&b);
	/* Where every model starts: its factors near 0, so estimates near 0. */
	double tstart = truth_rmse(NULL, r, &o);
	printf("estimates of 0: %.4f to the truth\n", tstart);

	const char *modes[] = { "adaptive=adagrad", "adaptive=rpcs" };
	for (int x = 0; x < 2; x++) {
		const char *kv[] = { modes[x], NULL };
		double fin, fin2;
		model *m = fit_planted(r, kv, &fin), *again = fit_planted(r, kv, &fin2);
		CHECK(m != NULL && again != NULL);
		if (!m || !again) {
			model_free(&m), model_free(&again);
			continue;
		}
		const double *tr;
		int n = model_history(m, &tr, NULL);
		CHECK(n == EPOCHS);
		int falls = 1;
		for (int e = 1; e < n; e++)
			falls &= tr[e] < tr[e - 1];
		double tm = truth_rmse(m, r, &o);
		printf("sgd %s, %d epochs: train RMSE %.4f (first epoch %.4f); to the truth %.4f\n",
		       modes[x], EPOCHS, fin, tr[0], tm);
		CHECK(falls);
		CHECK(fin < plain_def);
		CHECK(tm < tplain);
		CHECK(tm < tstart / 4); /* about 3.6 from estimates of 0 */
		size_t np = (size_t)model_n_users(m) * K, nq = (size_t)model_n_items(m) * K;
		CHECK(fin == fin2 &&
		      memcmp(model_user_factors(m), model_user_factors(again), np * sizeof(float)) == 0 &&
		      memcmp(model_item_factors(m), model_item_factors(again), nq * sizeof(float)) == 0);
		model_free(&m), model_free(&again);
	}

	/* Traced steps apply the same adaptive rule as the untraced pass. */
	{
		params *p = params_new();
		ll_error err;
		params_set_kv(p, "k=50", &err), params_set_kv(p, "epochs=2", &err);
		params_set_kv(p, "adaptive=adagrad", &err), params_set_kv(p, "seed=1", &err);
		params_set_kv(p, "shuffle=1", &err);
		model *t = model_new("sgd", p, &err);
		params_free(&p);
		CHECK(t && mf_set_trace(t, count_steps, NULL, &err) == 0);
		n_steps = 0;
		CHECK(t && model_fit(t, r, &err) == 0);
		const char *kv2[] = { "adaptive=adagrad", "epochs=2", NULL };
		double f;
		model *u = fit_planted(r, kv2, &f);
		CHECK(u != NULL && n_steps == 2 * (int)ratings_count(r));
		size_t np = (size_t)ratings_n_users(r) * K;
		CHECK(t && u && memcmp(model_user_factors(t), model_user_factors(u), np * sizeof(float)) == 0);
		model_free(&t), model_free(&u);
	}
	ratings_free(&r);

	ll_error err;
	params *p = params_new();
	params_set(p, "adaptive", "adagrad");
	params_set(p, "penalty", "l1");
	CHECK(model_new("sgd", p, &err) == NULL && strstr(err.msg, "adaptive takes penalty=l2"));
	params_free(&p);
	p = params_new();
	params_set(p, "adaptive", "adam");
	CHECK(model_new("sgd", p, &err) == NULL && strstr(err.msg, "adaptive"));
	params_free(&p);
}

/* bins=N: every rating once an epoch, block by block; the same starting
 * vectors as without bins, the same bits for the same seed, about the same
 * fit; refused without shuffle=1. */
static int *visits;
static void count_visits(void *ctx, const mf_update *u)
{
	(void)ctx;
	visits[u->entry]++;
}

static void test_bins(void)
{
	synth_opts o;
	ratings *r = planted(&o);
	CHECK(r != NULL);
	if (!r)
		return;
	const char *plain[] = { NULL }, *b4[] = { "bins=4", NULL };
	const char *a0kv[] = { "k=50", "shuffle=1", "seed=1", NULL };
	const char *c0kv[] = { "k=50", "shuffle=1", "seed=1", "bins=4", NULL };
	double fp, fb, fb2;
	model *a = fit_planted(r, plain, &fp), *b = fit_planted(r, b4, &fb), *c = fit_planted(r, b4, &fb2);
	model *a0 = make("sgd", a0kv), *c0 = make("sgd", c0kv);
	ll_error e0;
	CHECK(a && b && c && a0 && c0 && mf_init(a0, r, &e0) == 0 && mf_init(c0, r, &e0) == 0);
	if (a && b && c && a0 && c0) {
		size_t np = (size_t)model_n_users(a) * K, nq = (size_t)model_n_items(a) * K;
		CHECK(memcmp(model_user_factors(a0), model_user_factors(c0), np * sizeof(float)) == 0);
		CHECK(fb == fb2 &&
		      memcmp(model_user_factors(b), model_user_factors(c), np * sizeof(float)) == 0 &&
		      memcmp(model_item_factors(b), model_item_factors(c), nq * sizeof(float)) == 0);
		CHECK(memcmp(model_user_factors(a), model_user_factors(b), np * sizeof(float)) != 0);
		CHECK(fabs(fb - fp) < 0.05);
		printf("bins=4: train RMSE %.4f after %d epochs (one shuffled order: %.4f)\n", fb, EPOCHS,
		       fp);
	}
	model_free(&a), model_free(&b), model_free(&c), model_free(&a0), model_free(&c0);

	size_t n = ratings_count(r);
	visits = calloc(n, sizeof *visits);
	params *p = params_new();
	ll_error err;
	const char *kv[] = { "k=4", "epochs=3", "shuffle=1", "bins=5", "seed=2", NULL };
	for (const char *const *x = kv; *x; x++)
		params_set_kv(p, *x, &err);
	model *t = model_new("sgd", p, &err);
	params_free(&p);
	CHECK(visits && t && mf_set_trace(t, count_visits, NULL, &err) == 0 &&
	      model_fit(t, r, &err) == 0);
	int all3 = 1;
	for (size_t j = 0; visits && j < n; j++)
		all3 &= visits[j] == 3;
	CHECK(all3);
	model_free(&t);
	free(visits);
	ratings_free(&r);

	p = params_new();
	params_set(p, "bins", "4");
	CHECK(model_new("sgd", p, &err) == NULL && strstr(err.msg, "bins takes shuffle=1"));
	params_set(p, "shuffle", "1");
	params_set(p, "bins", "257");
	CHECK(model_new("sgd", p, &err) == NULL && strstr(err.msg, "bins"));
	params_free(&p);
}

/* loss=after (the default) is model_train_rmse after each epoch, to the
 * bit; loss=during is the RMSE of the errors met in the pass, which the
 * traced loop sums from the same errors; both leave the factors alone. */
static void test_loss_modes(void)
{
	synth_opts o;
	ratings *r = planted(&o);
	CHECK(r != NULL);
	if (!r)
		return;
	const char *after[] = { NULL }, *during[] = { "loss=during", NULL };
	double fa, fd;
	model *a = fit_planted(r, after, &fa), *d = fit_planted(r, during, &fd);
	CHECK(a && d);
	if (a && d) {
		CHECK(fa == model_train_rmse(a, r));
		size_t np = (size_t)model_n_users(a) * K;
		CHECK(memcmp(model_user_factors(a), model_user_factors(d), np * sizeof(float)) == 0);
		/* the errors met lag the model a little: above, and close */
		CHECK(fd > fa && fd - fa < 0.05);
		printf("loss after the last epoch %.6f, during it %.6f\n", fa, fd);

		/* The same errors, met one traced step at a time. */
		params *p = params_new();
		ll_error err;
		const char *kv[] = { "k=50", "epochs=8", "shuffle=1", "seed=1", "loss=during", NULL };
		for (const char *const *x = kv; *x; x++)
			params_set_kv(p, *x, &err);
		model *t = model_new("sgd", p, &err);
		params_free(&p);
		CHECK(t && mf_set_trace(t, count_steps, NULL, &err) == 0 && model_fit(t, r, &err) == 0);
		const double *tr;
		int n = t ? model_history(t, &tr, NULL) : 0;
		CHECK(n == 8 && tr[n - 1] == fd);
		model_free(&t);
	}
	model_free(&a), model_free(&d);
	ratings_free(&r);
}

int main(void)
{
	test_first_update();
	test_trace_and_history();
	test_l1_zeros();
	test_determinism_divergence_save();
	test_adaptive();
	test_loss_modes();
	test_bins();
	return check_done();
}

/* test_mf_sgd.c: the lecture's plain SGD rule, by hand, on the toy cells. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/algo.h"
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

int main(void)
{
	test_first_update();
	test_trace_and_history();
	test_l1_zeros();
	test_determinism_divergence_save();
	return check_done();
}

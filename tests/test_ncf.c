/* test_ncf.c: the implicit models (gmf, mlp, neumf, logmf, bpr) on a
 * planted dataset: the loss falls and the planted groups are learned; the
 * same seed gives the same weights whatever the thread count; models save
 * and load; and the ranking protocol itself: HR@10 of a scorer that knows
 * the answer is 1 and of a random one about 0.1 (the metrics module's
 * metrics_loo over a leave-one-out split with 99 negatives). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/model/metrics.h"
#include "engine/model/model_impl.h"
#include "engine/nn/ncf.h"
#include "engine/data/split.h"

enum { GROUPS = 4 };

/* n_users users in GROUPS taste groups; group g likes items with
 * item % GROUPS == g, and each user rates per_user of them. */
static ratings *planted(int n_users, int n_items, int per_user, unsigned long seed)
{
	ratings *r = ratings_new();
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, seed);
	char name[32];
	for (int u = 0; u < n_users; u++)
		snprintf(name, sizeof name, "u%d", u), ratings_intern_user(r, name);
	for (int i = 0; i < n_items; i++)
		snprintf(name, sizeof name, "i%d", i), ratings_intern_item(r, name);
	uint32_t t = 1000;
	unsigned char *seen = calloc((size_t)n_items, 1);
	for (int u = 0; u < n_users; u++) {
		int got = 0;
		memset(seen, 0, (size_t)n_items);
		while (got < per_user) {
			int i = (int)gsl_rng_uniform_int(g, (unsigned long)(n_items / GROUPS)) * GROUPS +
				u % GROUPS;
			if (seen[i])
				continue;
			seen[i] = 1;
			ratings_add(r, u, i, 5, t++);
			got++;
		}
	}
	free(seen);
	ratings_set_scale(r, 1, 5, 1);
	gsl_rng_free(g);
	return r;
}

static model *make(const char *algo, const char *opts)
{
	params *p = params_new();
	ll_error err = { "" };
	char buf[256];
	snprintf(buf, sizeof buf, "%s", opts);
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
		params_set_kv(p, w, &err);
	model *m = model_new(algo, p, &err);
	if (!m)
		fprintf(stderr, "%s %s: %s\n", algo, opts, err.msg);
	params_free(&p);
	return m;
}

/* Share of users whose mean score of unrated in-group items beats that of
 * out-of-group items. */
static double group_share(const model *m, const ratings *r)
{
	int n = model_n_items(m), ok = 0;
	float *s = malloc((size_t)n * sizeof *s);
	for (int u = 0; u < model_n_users(m); u++) {
		model_score_items(m, u, s);
		double in = 0, out = 0;
		int nin = 0, nout = 0;
		for (int i = 0; i < n; i++) {
			if (ratings_find(r, u, i) >= 0)
				continue;
			if (i % GROUPS == u % GROUPS)
				in += s[i], nin++;
			else
				out += s[i], nout++;
		}
		ok += nin && in / nin > out / nout;
	}
	free(s);
	return (double)ok / model_n_users(m);
}

static void test_learns(const ratings *r)
{
	const char *algos[] = { "gmf", "mlp", "neumf", "logmf", "bpr" };
	for (size_t a = 0; a < sizeof algos / sizeof *algos; a++) {
		model *m = make(algos[a], "epochs=8 lr=0.01 seed=5");
		ll_error err = { "" };
		CHECK(m && ncf_is_implicit(m));
		if (!m)
			continue;
		int rc = model_fit(m, r, &err);
		CHECK(rc == 0);
		const double *loss, *hr, *ndcg;
		int n = ncf_history(m, &loss, &hr, &ndcg);
		CHECK(n == 8);
		if (n == 8) {
			if (!(loss[7] < 0.8 * loss[0]))
				fprintf(stderr, "%s: loss %g -> %g\n", algos[a], loss[0], loss[7]);
			CHECK(loss[7] < 0.8 * loss[0]);
			CHECK(isnan(hr[7]) && isnan(ndcg[7])); /* no validation set */
		}
		double share = group_share(m, r);
		if (share < 0.9)
			fprintf(stderr, "%s: planted groups learned for %.2f of users\n", algos[a], share);
		CHECK(share >= 0.9);
		model_free(&m);
	}
}

static int same_scores(const model *a, const model *b)
{
	int n = model_n_items(a);
	float *sa = malloc((size_t)n * sizeof *sa), *sb = malloc((size_t)n * sizeof *sb);
	int same = 1;
	for (int u = 0; u < model_n_users(a) && same; u++) {
		model_score_items(a, u, sa);
		model_score_items(b, u, sb);
		same = memcmp(sa, sb, (size_t)n * sizeof *sa) == 0;
	}
	free(sa), free(sb);
	return same;
}

static void test_determinism(const ratings *r)
{
	ll_error err = { "" };
	model *a = make("neumf", "epochs=2 seed=3 batch=100");
	model *b = make("neumf", "epochs=2 seed=3 batch=100 threads=2");
	model *c = make("neumf", "epochs=2 seed=4 batch=100");
	CHECK(a && b && c);
	if (a && b && c) {
		CHECK(model_fit(a, r, &err) == 0);
		CHECK(model_fit(b, r, &err) == 0);
		CHECK(model_fit(c, r, &err) == 0);
		CHECK(same_scores(a, b));
		CHECK(!same_scores(a, c));
	}
	model_free(&a), model_free(&b), model_free(&c);
	a = make("bpr", "epochs=2 seed=3");
	b = make("bpr", "epochs=2 seed=3");
	if (a && b && model_fit(a, r, &err) == 0 && model_fit(b, r, &err) == 0) {
		CHECK(same_scores(a, b));
		/* the weights themselves, bit for bit */
		int k = model_k(a);
		CHECK(k == 32 && model_k(b) == k);
		CHECK(!memcmp(model_user_factors_const(a), model_user_factors_const(b),
			      (size_t)model_n_users(a) * k * sizeof(float)));
		CHECK(!memcmp(model_item_factors_const(a), model_item_factors_const(b),
			      (size_t)model_n_items(a) * k * sizeof(float)));
	} else {
		CHECK(0);
	}
	model_free(&a), model_free(&b);
}

static void test_save_load(const ratings *r)
{
	const char *algos[] = { "neumf", "logmf" };
	const char *opts[] = { "epochs=1 factors=4 layers=16,8,4", "epochs=1 factors=4" };
	char path[] = "/tmp/test_ncf_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	for (size_t a = 0; a < 2; a++) {
		ll_error err = { "" };
		model *m = make(algos[a], opts[a]);
		CHECK(m && model_fit(m, r, &err) == 0);
		CHECK(m && model_save(m, path, &err) == 0);
		model *l = model_load(path, &err);
		if (!l)
			fprintf(stderr, "load: %s\n", err.msg);
		CHECK(l != NULL);
		if (m && l) {
			CHECK(same_scores(m, l));
			/* all items at once agree with one pair at a time */
			float all[200];
			model_score_items(l, 5, all);
			int off = 0;
			for (int i = 0; i < 200; i++)
				off += fabs(all[i] - model_predict(l, 5, i)) > 1e-5;
			CHECK(off == 0);
			CHECK_NEAR(model_predict(l, 3, 7), model_predict(m, 3, 7), 0);
			/* a loaded model goes on training */
			CHECK(model_fit_epoch(l, r, &err) == 0);
			CHECK(model_epochs_done(l) == 2);
		}
		model_free(&m), model_free(&l);
	}
	/* NeuMF from saved GMF and MLP models */
	char gpath[] = "/tmp/test_ncf_gmf_XXXXXX", mpath[] = "/tmp/test_ncf_mlp_XXXXXX";
	int gfd = mkstemp(gpath), mfd = mkstemp(mpath);
	CHECK(gfd >= 0 && mfd >= 0);
	close(gfd), close(mfd);
	ll_error err = { "" };
	model *g = make("gmf", "epochs=2 factors=4 lr=0.01");
	model *m = make("mlp", "epochs=2 layers=16,8,4 lr=0.01");
	CHECK(g && m && model_fit(g, r, &err) == 0 && model_fit(m, r, &err) == 0);
	CHECK(g && m && model_save(g, gpath, &err) == 0 && model_save(m, mpath, &err) == 0);
	char popts[256];
	snprintf(popts, sizeof popts, "epochs=1 factors=4 layers=16,8,4 pretrain=%s,%s", gpath, mpath);
	model *n = make("neumf", popts);
	CHECK(n && model_fit(n, r, &err) == 0);
	model_free(&n);
	/* shapes must match: factors 8 against a factor-4 GMF */
	snprintf(popts, sizeof popts, "epochs=1 factors=8 layers=16,8,4 pretrain=%s,%s", gpath, mpath);
	n = make("neumf", popts);
	CHECK(n && model_fit(n, r, &err) < 0 && strstr(err.msg, "do not match"));
	/* the other way round is refused by kind */
	snprintf(popts, sizeof popts, "epochs=1 factors=4 layers=16,8,4 pretrain=%s,%s", mpath, gpath);
	model_free(&n);
	n = make("neumf", popts);
	CHECK(n && model_fit(n, r, &err) < 0 && strstr(err.msg, "not gmf"));
	model_free(&n), model_free(&g), model_free(&m);
	unlink(gpath), unlink(mpath);
	unlink(path);
}

static void test_options(const ratings *r)
{
	ll_error err = { "" };
	params *p = params_new();
	params_set(p, "layers", "63,8");
	CHECK(model_new("mlp", p, &err) == NULL && strstr(err.msg, "even"));
	params_free(&p);
	p = params_new();
	params_set(p, "pretrain", "maybe");
	CHECK(model_new("neumf", p, &err) == NULL && strstr(err.msg, "pretrain"));
	params_free(&p);
	p = params_new();
	params_set(p, "num_neg", "2");
	params_set(p, "batch_size", "64");
	params_set(p, "k", "4");
	params_set(p, "epochs", "1");
	model *m = model_new("gmf", p, &err);
	CHECK(m != NULL);
	model_free(&m);
	params_free(&p);
	/* in-process pretraining: GMF and MLP first, then NeuMF from them */
	m = make("neumf", "epochs=3 factors=4 layers=16,8,4 pretrain=1 lr=0.01");
	CHECK(m && model_fit(m, r, &err) == 0);
	if (m) {
		const double *loss;
		CHECK(ncf_history(m, &loss, NULL, NULL) == 3);
		CHECK(isfinite(model_predict(m, 0, 0)));
		CHECK(group_share(m, r) >= 0.9);
	}
	model_free(&m);
}

/* --- the protocol: oracle and random scorers through metrics_loo --------- */

typedef struct fixed_model {
	struct model base;
	const ratings *test;
	int random;
} fixed_model;

static double fixed_predict(const model *m, int user, int item)
{
	const fixed_model *f = (const fixed_model *)m;
	if (f->random) { /* a hash: the same pair always gets the same score */
		uint64_t h = (uint64_t)user * 0x9E3779B97F4A7C15u ^ (uint64_t)item * 0xC2B2AE3D27D4EB4Fu;
		h ^= h >> 31, h *= 0xBF58476D1CE4E5B9u, h ^= h >> 29;
		return (double)(h >> 11) / 9007199254740992.0;
	}
	return ratings_find(f->test, user, item) >= 0 ? 1 : 0;
}

static const model_ops fixed_ops = { .algo = "fixed", .predict = fixed_predict };

static void test_protocol(void)
{
	ratings *r = planted(2000, 400, 10, 9);
	ll_error err = { "" };
	split *s = split_loo(r, 99, 1, &err);
	CHECK(s != NULL);
	if (!s) {
		ratings_free(&r);
		return;
	}
	const split_fold *f = split_get(s, 0);
	for (int random = 0; random <= 1; random++) {
		fixed_model fm = { .base = { .ops = &fixed_ops }, .test = f->test, .random = random };
		model_init_shape(&fm.base, r);
		metrics_ranking out;
		CHECK(metrics_loo(&fm.base, f->train, f->test, f->negatives, f->n_neg, 10, 0, &out,
				  &err) == 0);
		CHECK(out.n_sampled == 2000);
		if (!random) {
			CHECK_NEAR(out.hr, 1, 0);
			CHECK_NEAR(out.ndcg, 1, 0);
		} else {
			/* 10 of 100 candidates: 0.1, with sd 0.007 over 2000 users */
			CHECK_NEAR(out.hr, 0.1, 0.025);
		}
	}
	/* a trained model logs HR@10 per epoch on the split's negatives, and
	 * learns the planted groups well past the random 0.1 */
	model *m = make("gmf", "epochs=4 lr=0.01 factors=8");
	CHECK(m != NULL);
	if (m) {
		model_set_validation(m, f->test);
		CHECK(ncf_set_negatives(m, f->negatives, f->n_neg) == 0);
		CHECK(model_fit(m, f->train, &err) == 0);
		const double *hr, *ndcg;
		int n = ncf_history(m, NULL, &hr, &ndcg);
		CHECK(n == 4);
		if (n == 4) {
			CHECK(hr[3] > 0.3 && hr[3] <= 1);
			CHECK(ndcg[3] > 0 && ndcg[3] <= hr[3]);
			metrics_ranking out;
			CHECK(metrics_loo(m, f->train, f->test, f->negatives, f->n_neg, 10, 0, &out,
					  &err) == 0);
			CHECK_NEAR(out.hr, hr[3], 1e-12);
			CHECK_NEAR(out.ndcg, ndcg[3], 1e-12);
		}
	}
	model_free(&m);
	split_free(&s);
	ratings_free(&r);
}

int main(void)
{
	ratings *r = planted(200, 200, 15, 1);
	test_learns(r);
	test_determinism(r);
	test_save_load(r);
	test_options(r);
	test_protocol();
	ratings_free(&r);
	return check_done();
}

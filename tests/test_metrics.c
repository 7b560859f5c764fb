/* test_metrics.c: metrics on small arrays and stores computed by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/model/metrics.h"
#include "engine/model/model.h"

static void test_errors(void)
{
	/* errors -1, 0, 2: RMSE = sqrt((1 + 0 + 4) / 3) = sqrt(5/3), MAE = 3/3 = 1 */
	double pred[] = { 3, 4, 5 };
	float truth[] = { 4, 4, 3 };
	CHECK_NEAR(metrics_rmse(pred, truth, 3), sqrt(5.0 / 3.0), 1e-12);
	CHECK_NEAR(metrics_mae(pred, truth, 3), 1.0, 1e-12);
	CHECK(metrics_rmse(pred, truth, 0) == 0);
}

static void test_rank(void)
{
	/* Target 0.5 against 0.9, 0.5, 0.1, 0.7: two are higher and one ties,
	 * and the tie counts against the target: rank 3 (0-based). */
	float comp[] = { 0.9f, 0.5f, 0.1f, 0.7f };
	int rank = metrics_rank(0.5f, comp, 4);
	CHECK(rank == 3);
	CHECK(metrics_hit(rank, 3) == 0);
	CHECK(metrics_hit(rank, 4) == 1);
	/* NDCG@4 = 1 / log2(3 + 2) = 1 / log2(5) = 0.430677 */
	CHECK_NEAR(metrics_ndcg(rank, 4), 0.4306765581, 1e-9);
	CHECK_NEAR(metrics_ndcg(0, 10), 1.0, 1e-12);
	CHECK_NEAR(metrics_ndcg(1, 10), 1.0 / log2(3.0), 1e-12); /* 0.6309 */
	CHECK(metrics_ndcg(10, 10) == 0);
	/* A NaN competitor counts as -infinity, a NaN target loses to all. */
	float withnan[] = { NAN, 0.2f };
	CHECK(metrics_rank(0.3f, withnan, 2) == 0);
	CHECK(metrics_rank(NAN, withnan, 2) == 2);
	/* Everything equal (the global mean): the target comes last. */
	float flat[] = { 3.5f, 3.5f, 3.5f };
	CHECK(metrics_rank(3.5f, flat, 3) == 3);
}

static void test_top_k(void)
{
	float s[] = { 0.1f, 0.9f, 0.5f, 0.9f, 0.3f };
	int top[5];
	/* Ties go to the lower index: 1 (0.9) before 3 (0.9), then 2 (0.5). */
	CHECK(metrics_top_k(s, 5, NULL, 3, top) == 3);
	CHECK(top[0] == 1 && top[1] == 3 && top[2] == 2);
	unsigned char skip[] = { 0, 0, 0, 1, 0 };
	CHECK(metrics_top_k(s, 5, skip, 3, top) == 3);
	CHECK(top[0] == 1 && top[1] == 2 && top[2] == 4);
	/* Fewer items than K. */
	CHECK(metrics_top_k(s, 5, skip, 10, top) == 4);
	CHECK(top[3] == 0);
	/* top {1, 2, 4} against relevant {0, 2}: one hit;
	 * precision@3 = 1/3, recall = 1/2. */
	unsigned char rel[] = { 1, 0, 1, 0, 0 };
	int t3[] = { 1, 2, 4 };
	CHECK_NEAR(metrics_precision(t3, 3, 3, rel), 1.0 / 3.0, 1e-12);
	CHECK_NEAR(metrics_recall(t3, 3, rel, 2), 0.5, 1e-12);
	/* A heap over many items agrees with sorting. */
	enum { N = 1000 };
	float *big = malloc(N * sizeof *big);
	for (int i = 0; i < N; i++)
		big[i] = (float)((i * 7919) % 1009);
	int t10[10];
	CHECK(metrics_top_k(big, N, NULL, 10, t10) == 10);
	int sorted = 1;
	for (int j = 1; j < 10; j++)
		sorted &= big[t10[j - 1]] > big[t10[j]] ||
			  (big[t10[j - 1]] == big[t10[j]] && t10[j - 1] < t10[j]);
	CHECK(sorted);
	CHECK(big[t10[0]] == 1008);
	free(big);
}

/* Four users, five items. Train counts: item 0 x4, item 1 x2, item 2 x1,
 * items 3 and 4 none. The popularity model scores items by these counts.
 *   u0 rated 0, 1   u1 rated 0, 1   u2 rated 0, 2   u3 rated 0 */
static ratings *store(void)
{
	ratings *r = ratings_new();
	const char *users[] = { "u0", "u1", "u2", "u3" };
	const char *items[] = { "i0", "i1", "i2", "i3", "i4" };
	for (int u = 0; u < 4; u++)
		ratings_intern_user(r, users[u]);
	for (int i = 0; i < 5; i++)
		ratings_intern_item(r, items[i]);
	return r;
}

static ratings *train_store(void)
{
	ratings *r = store();
	int pairs[][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 }, { 2, 0 }, { 2, 2 }, { 3, 0 } };
	for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
		ratings_add(r, pairs[k][0], pairs[k][1], 4, 0);
	return r;
}

static void test_loo(void)
{
	ratings *train = train_store();
	/* Held out: u0 -> i2 (score 1), u1 -> i3 (score 0), u3 -> i1 (score 2);
	 * u2 has none. */
	ratings *test = store();
	ratings_add(test, 0, 2, 5, 0);
	ratings_add(test, 1, 3, 5, 0);
	ratings_add(test, 3, 1, 5, 0);
	/* Negatives, two per user:
	 *   u0: {3, 4} scores 0, 0 -> the target (1) beats both: rank 0
	 *   u1: {2, 4} scores 1, 0 -> one higher, one tie: rank 2
	 *   u3: {2, 3} scores 1, 0 -> rank 0 */
	int32_t neg[] = { 3, 4, 2, 4, -1, -1, 2, 3 };
	ll_error err;
	model *m = model_new("pop", NULL, &err);
	CHECK(m != NULL);
	CHECK(model_fit(m, train, &err) == 0);
	metrics_ranking k2, k3;
	CHECK(metrics_loo(m, train, test, neg, 2, 2, 1, &k2, &err) == 0);
	CHECK(metrics_loo(m, train, test, neg, 2, 3, 0, &k3, &err) == 0);
	/* K = 2: hits for u0 and u3 (rank 0), none for u1 (rank 2). */
	CHECK(k2.n_sampled == 3);
	CHECK_NEAR(k2.hr, 2.0 / 3.0, 1e-12);
	CHECK_NEAR(k2.ndcg, 2.0 / 3.0, 1e-12);
	/* K = 3: u1's rank 2 counts, NDCG 1/log2(4) = 0.5: (1 + 0.5 + 1) / 3. */
	CHECK_NEAR(k3.hr, 1.0, 1e-12);
	CHECK_NEAR(k3.ndcg, 2.5 / 3.0, 1e-12);
	CHECK(isnan(k3.hr_full) && isnan(k3.precision));
	/* Full set, K = 2 (train items excluded):
	 *   u0: i2 (1) vs i3, i4 (0, 0): rank 0
	 *   u1: i3 (0) vs i2 (1), i4 (0): rank 2, a miss
	 *   u3: i1 (2) vs i2, i3, i4: rank 0 */
	CHECK(k2.n_full == 3);
	CHECK_NEAR(k2.hr_full, 2.0 / 3.0, 1e-12);
	CHECK_NEAR(k2.ndcg_full, 2.0 / 3.0, 1e-12);
	/* Top 2: u0 {2, 3} (3 before 4 on the tie), u1 {2, 3}, u3 {1, 2}:
	 * one relevant item each, so precision 1/2 and recall 1; the lists
	 * cover items 1, 2, 3: 3 of 5. */
	CHECK_NEAR(k2.precision, 0.5, 1e-12);
	CHECK_NEAR(k2.recall, 1.0, 1e-12);
	CHECK_NEAR(k2.coverage, 0.6, 1e-12);
	model_free(&m);
	ratings_free(&test);
	ratings_free(&train);
}

static void test_topk(void)
{
	ratings *train = train_store();
	/* Test ratings; relevant (>= 4) marked *:
	 *   u0: i2 5*, i3 2     u1: i3 4*, i4 5*     u3: i1 3 (no relevant item) */
	ratings *test = store();
	ratings_add(test, 0, 2, 5, 0);
	ratings_add(test, 0, 3, 2, 0);
	ratings_add(test, 1, 3, 4, 0);
	ratings_add(test, 1, 4, 5, 0);
	ratings_add(test, 3, 1, 3, 0);
	ll_error err;
	model *m = model_new("pop", NULL, &err);
	CHECK(model_fit(m, train, &err) == 0);
	metrics_ranking x;
	CHECK(metrics_topk(m, train, test, 2, 4.0, &x, &err) == 0);
	/* Users counted: u0 and u1.
	 *   u0: top 2 of {2, 3, 4} = {2, 3}: hits 1 -> P 1/2, R 1/1
	 *   u1: top 2 of {2, 3, 4} = {2, 3}: hits 1 -> P 1/2, R 1/2
	 * Full-set HR, each relevant item against unrated non-relevant items:
	 *   u0 i2 (1) vs {3, 4} (0, 0): rank 0 -> 1
	 *   u1 i3 (0) vs {2} (1): rank 1 -> hit, NDCG 1/log2(3)
	 *   u1 i4 (0) vs {2} (1): rank 1 -> hit, NDCG 1/log2(3)
	 * Coverage: items {2, 3} of 5 = 0.4. */
	CHECK(x.n_topk == 2 && x.n_full == 3);
	CHECK_NEAR(x.precision, 0.5, 1e-12);
	CHECK_NEAR(x.recall, 0.75, 1e-12);
	CHECK_NEAR(x.hr_full, 1.0, 1e-12);
	CHECK_NEAR(x.ndcg_full, (1 + 2 / log2(3.0)) / 3, 1e-12);
	CHECK_NEAR(x.coverage, 0.4, 1e-12);
	CHECK(isnan(x.hr) && isnan(x.ndcg));
	CHECK(metrics_topk(m, train, test, 0, 4.0, &x, &err) == -1);
	model_free(&m);
	ratings_free(&test);
	ratings_free(&train);
}

static void test_rating(void)
{
	ratings *train = train_store(); /* every rating 4: the mean model says 4 */
	ratings *test = store();
	ratings_add(test, 0, 2, 5, 0);
	ratings_add(test, 1, 3, 1, 0);
	ll_error err;
	model *m = model_new("mean", NULL, &err);
	CHECK(model_fit(m, train, &err) == 0);
	double rmse, mae;
	/* errors 1 and -3: RMSE sqrt((1 + 9) / 2) = sqrt(5), MAE 2 */
	CHECK(metrics_rating(m, test, &rmse, &mae, &err) == 0);
	CHECK_NEAR(rmse, sqrt(5.0), 1e-9);
	CHECK_NEAR(mae, 2.0, 1e-9);
	ratings *empty = store();
	CHECK(metrics_rating(m, empty, &rmse, &mae, &err) == -1);
	ratings_free(&empty);
	model_free(&m);
	ratings_free(&test);
	ratings_free(&train);
}

/* The cold part of a test. Train counts per user: u0 2, u1 2, u2 2, u3 1;
 * per item: i0 4, i1 2, i2 1, i3 and i4 none. The mean model says 4. */
static void test_rating_cold(void)
{
	ratings *train = train_store();
	ratings *test = store();
	ratings_add(test, 0, 2, 5, 0); /* error -1 */
	ratings_add(test, 1, 3, 1, 0); /* error 3 */
	ratings_add(test, 3, 1, 2, 0); /* error 2 */
	ratings_add(test, 3, 4, 3, 0); /* error 1 */
	ratings_add(test, 2, 0, 4, 0); /* error 0 */
	ll_error err;
	model *m = model_new("mean", NULL, &err);
	CHECK(model_fit(m, train, &err) == 0);
	double rmse, mae, all_rmse, all_mae;
	size_t n;
	/* users with at most 1 training rating: u3, errors 2 and 1 */
	CHECK(metrics_rating_cold(m, train, test, 0, 1, &rmse, &mae, &n, &err) == 0);
	CHECK(n == 2);
	CHECK_NEAR(rmse, sqrt((4.0 + 1.0) / 2), 1e-9);
	CHECK_NEAR(mae, (2.0 + 1.0) / 2, 1e-9);
	/* items with at most 1: i2, i3, i4, errors -1, 3, 1 */
	CHECK(metrics_rating_cold(m, train, test, 1, 1, &rmse, &mae, &n, &err) == 0);
	CHECK(n == 3);
	CHECK_NEAR(rmse, sqrt((1.0 + 9.0 + 1.0) / 3), 1e-9);
	CHECK_NEAR(mae, (1.0 + 3.0 + 1.0) / 3, 1e-9);
	/* nobody has no training rating: nothing counted, NaN, no error */
	CHECK(metrics_rating_cold(m, train, test, 0, 0, &rmse, &mae, &n, &err) == 0);
	CHECK(n == 0 && isnan(rmse) && isnan(mae));
	/* a bound above every count: the whole test */
	CHECK(metrics_rating(m, test, &all_rmse, &all_mae, &err) == 0);
	CHECK(metrics_rating_cold(m, train, test, 1, 1000, &rmse, &mae, &n, &err) == 0);
	CHECK(n == 5 && rmse == all_rmse && mae == all_mae);
	CHECK(metrics_rating_cold(m, train, test, 0, -1, &rmse, &mae, &n, &err) == -1);
	model_free(&m);
	ratings_free(&test);
	ratings_free(&train);
}

int main(void)
{
	test_errors();
	test_rank();
	test_top_k();
	test_loo();
	test_topk();
	test_rating();
	test_rating_cold();
	return check_done();
}

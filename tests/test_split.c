/* test_split.c: holdout, k-fold, leave-one-out and MovieLens folds. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/data/load.h"
#include "engine/data/split.h"

/* 60 users x 40 items: user u rates items (u*7 + j*3) % 40 for j < 2 + u % 9,
 * so activity varies from 2 to 10 ratings; times are distinct except where
 * a tie is planted. User 0 rates a single item (stays in train under loo). */
static ratings *make_store(void)
{
	ratings *r = ratings_new();
	char name[32];
	for (int u = 0; u < 60; u++) {
		snprintf(name, sizeof name, "u%d", u);
		ratings_intern_user(r, name);
	}
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "i%d", i);
		ratings_intern_item(r, name);
	}
	ratings_add(r, 0, 5, 4, 100);
	for (int u = 1; u < 60; u++) {
		int n = 2 + u % 9;
		for (int j = 0; j < n; j++) {
			int item = (u * 7 + j * 3) % 40;
			/* The newest is j == 1 (time 1000+u), except for user 2 where
			 * j = 0 and j = 1 tie on the newest time. */
			uint32_t t = j == 1 ? 1000u + (uint32_t)u : (uint32_t)(10 + j);
			if (u == 2 && j == 0)
				t = 1002;
			ratings_add(r, u, item, (float)(1 + (u + j) % 5), t);
		}
	}
	return r;
}

/* Every entry of `part` exists in r with the same value. */
static int all_from(const ratings *r, const ratings *part)
{
	const ll_rating *e = ratings_entries(part), *f = ratings_entries(r);
	for (size_t k = 0; k < ratings_count(part); k++) {
		long p = ratings_find(r, e[k].user, e[k].item);
		if (p < 0 || f[p].value != e[k].value)
			return 0;
	}
	return 1;
}

static int disjoint(const ratings *a, const ratings *b)
{
	const ll_rating *e = ratings_entries(b);
	for (size_t k = 0; k < ratings_count(b); k++)
		if (ratings_find(a, e[k].user, e[k].item) >= 0)
			return 0;
	return 1;
}

static int same_entries(const ratings *a, const ratings *b)
{
	if (ratings_count(a) != ratings_count(b))
		return 0;
	return memcmp(ratings_entries(a), ratings_entries(b),
		      ratings_count(a) * sizeof(ll_rating)) == 0;
}

static void test_holdout(void)
{
	ratings *r = make_store();
	size_t n = ratings_count(r);
	ll_error err;
	split *s = split_holdout(r, 0.2, 7, &err);
	CHECK(s != NULL);
	CHECK(split_n_folds(s) == 1);
	CHECK_STR(split_fold_name(s, 0), "holdout");
	const split_fold *f = split_get(s, 0);
	CHECK(ratings_count(f->test) == (size_t)(0.2 * (double)n + 0.5));
	CHECK(ratings_count(f->train) + ratings_count(f->test) == n);
	CHECK(disjoint(f->train, f->test));
	CHECK(all_from(r, f->train) && all_from(r, f->test));
	CHECK(ratings_n_users(f->test) == 60 && ratings_n_items(f->train) == 40);
	CHECK(f->negatives == NULL);

	split *again = split_holdout(r, 0.2, 7, &err);
	split *other = split_holdout(r, 0.2, 8, &err);
	CHECK(same_entries(split_get(again, 0)->test, f->test));
	CHECK(!same_entries(split_get(other, 0)->test, f->test));
	split_free(&again), split_free(&other), split_free(&s);
	CHECK(s == NULL);

	CHECK(split_holdout(r, 0, 1, &err) == NULL);
	CHECK(strstr(err.msg, "between 0 and 1") != NULL);
	CHECK(split_holdout(r, 1.5, 1, &err) == NULL);
	ratings_free(&r);
}

static void test_kfold(void)
{
	ratings *r = make_store();
	size_t n = ratings_count(r);
	ll_error err;
	split *s = split_kfold(r, 5, 3, &err);
	CHECK(s != NULL && split_n_folds(s) == 5);
	CHECK_STR(split_fold_name(s, 2), "fold 3");
	CHECK_STR(split_describe(s), "cv 5");
	/* Every rating is in exactly one test part. */
	int *seen = calloc(n, sizeof *seen);
	size_t lo = n, hi = 0;
	for (int i = 0; i < 5; i++) {
		const split_fold *f = split_get(s, i);
		size_t nt = ratings_count(f->test);
		CHECK(ratings_count(f->train) + nt == n);
		CHECK(disjoint(f->train, f->test));
		CHECK(all_from(r, f->train));
		lo = nt < lo ? nt : lo, hi = nt > hi ? nt : hi;
		const ll_rating *e = ratings_entries(f->test);
		for (size_t k = 0; k < nt; k++)
			seen[ratings_find(r, e[k].user, e[k].item)]++;
	}
	int once = 1;
	for (size_t k = 0; k < n; k++)
		once &= seen[k] == 1;
	CHECK(once);
	CHECK(hi - lo <= 1);
	free(seen);

	split *again = split_kfold(r, 5, 3, &err);
	for (int i = 0; i < 5; i++)
		CHECK(same_entries(split_get(again, i)->test, split_get(s, i)->test));
	split_free(&again), split_free(&s);
	CHECK(split_kfold(r, 1, 0, &err) == NULL);
	ratings_free(&r);
}

static void test_loo(void)
{
	ratings *r = make_store();
	ll_error err;
	/* 99 negatives are more than the 40 items: a row holds every unrated
	 * item, padded with -1. User 1 rated 3 items, so 37 are left. */
	split *s = split_loo(r, 99, 5, &err);
	CHECK(s != NULL);
	if (s) {
		const int32_t *row = split_get(s, 0)->negatives + 99;
		CHECK(row[36] >= 0 && row[37] == -1 && row[98] == -1);
	}
	split_free(&s);
	s = split_loo(r, 10, 5, &err);
	CHECK(s != NULL);
	const split_fold *f = split_get(s, 0);
	CHECK_STR(split_fold_name(s, 0), "loo");
	CHECK(f->n_neg == 10 && f->negatives != NULL);
	const ll_rating *e = ratings_entries(r);
	/* User 0 has one rating: all of it is in train, negatives are -1. */
	const uint32_t *pos;
	CHECK(ratings_user_entries(f->test, 0, &pos) == 0);
	CHECK(ratings_user_entries(f->train, 0, &pos) == 1);
	CHECK(f->negatives[0] == -1 && f->negatives[9] == -1);
	int latest_ok = 1, neg_ok = 1;
	for (int u = 1; u < 60; u++) {
		size_t nt = ratings_user_entries(f->test, u, &pos);
		if (nt != 1) {
			latest_ok = 0;
			continue;
		}
		const ll_rating *t = &ratings_entries(f->test)[pos[0]];
		/* The held-out item is j == 1, the newest; for user 2 the tie
		 * with j == 0 goes to j == 1, which comes later in the store. */
		if (t->item != (u * 7 + 3) % 40)
			latest_ok = 0;
		const int32_t *row = f->negatives + (size_t)u * 10;
		for (int j = 0; j < 10; j++) {
			if (row[j] < 0 || ratings_find(r, u, row[j]) >= 0)
				neg_ok = 0;
			for (int k = 0; k < j; k++)
				if (row[k] == row[j])
					neg_ok = 0;
		}
	}
	CHECK(latest_ok);
	CHECK(neg_ok);
	CHECK(ratings_count(f->test) == 59);
	CHECK(ratings_count(f->train) + 59 == ratings_count(r));
	CHECK(e != NULL);

	split *again = split_loo(r, 10, 5, &err);
	split *other = split_loo(r, 10, 6, &err);
	size_t bytes = 60 * 10 * sizeof(int32_t);
	CHECK(memcmp(split_get(again, 0)->negatives, f->negatives, bytes) == 0);
	CHECK(memcmp(split_get(other, 0)->negatives, f->negatives, bytes) != 0);
	split_free(&again), split_free(&other), split_free(&s);
	ratings_free(&r);
}

/* A user who rated all but 3 items gets those 3 and -1 padding. */
static void test_loo_small_catalogue(void)
{
	ratings *r = ratings_new();
	ratings_intern_user(r, "a");
	char name[8];
	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof name, "%d", i);
		ratings_intern_item(r, name);
	}
	for (int i = 0; i < 7; i++)
		ratings_add(r, 0, i, 3, (uint32_t)i);
	ll_error err;
	split *s = split_loo(r, 5, 1, &err);
	CHECK(s != NULL);
	const int32_t *row = split_get(s, 0)->negatives;
	int mask = 0;
	for (int j = 0; j < 3; j++)
		mask |= row[j] >= 7 ? 1 << row[j] : 0;
	CHECK(mask == (1 << 7 | 1 << 8 | 1 << 9));
	CHECK(row[3] == -1 && row[4] == -1);
	/* The latest (time 6) is item 6. */
	CHECK(ratings_entries(split_get(s, 0)->test)[0].item == 6);
	split_free(&s);
	ratings_free(&r);
}

static void test_movielens_spec(void)
{
	ratings *r = make_store();
	ll_error err;
	CHECK(split_movielens(r, "/nonexistent", "u9", &err) == NULL);
	CHECK(strstr(err.msg, "u9") != NULL);
	CHECK(split_movielens(r, "/nonexistent", "x1", &err) == NULL);
	CHECK(split_movielens(r, "/nonexistent", "u5-u1", &err) == NULL);
	CHECK(!split_has_movielens_folds("/nonexistent"));
	ratings_free(&r);

	const char *data = getenv("LATENTLAB_DATA");
	if (!data || !*data)
		return;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/ml-100k", data);
	if (!split_has_movielens_folds(dir))
		return;
	ratings *ml = load_path(dir, &err);
	CHECK(ml != NULL);
	if (!ml)
		return;
	split *s = split_movielens(ml, dir, "u1,ua", &err);
	CHECK(s != NULL && split_n_folds(s) == 2);
	if (s) {
		CHECK_STR(split_fold_name(s, 0), "u1");
		CHECK_STR(split_fold_name(s, 1), "ua");
		CHECK(ratings_count(split_get(s, 0)->train) == 80000);
		CHECK(ratings_count(split_get(s, 0)->test) == 20000);
		/* ua.test holds exactly 10 ratings per user. */
		CHECK(ratings_count(split_get(s, 1)->test) == 9430);
		CHECK(disjoint(split_get(s, 0)->train, split_get(s, 0)->test));
	}
	split_free(&s);
	ratings_free(&ml);
}

int main(void)
{
	test_holdout();
	test_kfold();
	test_loo();
	test_loo_small_catalogue();
	test_movielens_spec();
	return check_done();
}

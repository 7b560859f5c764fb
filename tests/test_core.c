/* test_core.c: the string map, the ratings store and options. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/core/params.h"
#include "engine/data/ratings.h"
#include "engine/core/strmap.h"

static void test_strmap(void)
{
	strmap *m = strmap_new();
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		CHECK(strmap_intern(m, key) == i);
	}
	CHECK(strmap_intern(m, "k17") == 17);
	CHECK(strmap_get(m, "k4999") == 4999);
	CHECK(strmap_get(m, "nope") == -1);
	CHECK_STR(strmap_key(m, 123), "k123");
	CHECK(strmap_intern(m, "철수") == 5000);
	CHECK(strmap_get(m, "철수") == 5000);
	strmap_free(&m);
	CHECK(m == NULL);
}

static void test_ratings(void)
{
	ratings *r = ratings_new();
	int cheolsu = ratings_intern_user(r, "Cheolsu");
	int minsu = ratings_intern_user(r, "Minsu");
	int av = ratings_intern_item(r, "Avengers");
	int im = ratings_intern_item(r, "Iron Man");
	int nb = ratings_intern_item(r, "Notebook");
	ratings_set_item_title(r, im, "Iron Man (2008)");
	CHECK(ratings_add(r, cheolsu, nb, 1, 0) == 0);
	CHECK(ratings_add(r, cheolsu, av, 5, 0) == 0);
	CHECK(ratings_add(r, minsu, im, 5, 0) == 0);
	CHECK(ratings_add(r, cheolsu, im, 5, 0) == 0);
	CHECK(ratings_count(r) == 4);
	CHECK(ratings_find(r, minsu, av) == -1);
	CHECK(ratings_find(r, cheolsu, nb) == 0);

	const uint32_t *pos;
	const ll_rating *e = ratings_entries(r);
	size_t n = ratings_user_entries(r, cheolsu, &pos);
	CHECK(n == 3);
	/* Sorted by item within the user. */
	CHECK(e[pos[0]].item == av && e[pos[1]].item == im && e[pos[2]].item == nb);
	n = ratings_item_entries(r, im, &pos);
	CHECK(n == 2 && e[pos[0]].user == cheolsu && e[pos[1]].user == minsu);

	CHECK(ratings_set(r, minsu, av, 4, 0) == 0);
	CHECK(ratings_count(r) == 5);
	CHECK(ratings_set(r, minsu, av, 3, 0) == 0);
	CHECK(ratings_count(r) == 5);
	CHECK(ratings_entries(r)[ratings_find(r, minsu, av)].value == 3);
	CHECK(ratings_remove(r, minsu, av) == 0);
	CHECK(ratings_remove(r, minsu, av) == -1);
	CHECK(ratings_count(r) == 4);
	CHECK_NEAR(ratings_mean(r), 4.0, 1e-12);

	CHECK(ratings_lookup_item(r, "Iron Man") == im);
	CHECK(ratings_lookup_item(r, "iron man (2008)") == im);
	CHECK(ratings_lookup_item(r, "Avengers") == av);
	CHECK(ratings_lookup_item(r, "Frozen") == -1);

	int g = ratings_intern_genre(r, "Action");
	ratings_set_item_genres(r, av, 1u << g);
	size_t keep[] = { 1, 3 };
	ratings *s = ratings_subset(r, keep, 2);
	CHECK(ratings_n_users(s) == 2 && ratings_n_items(s) == 3 && ratings_count(s) == 2);
	CHECK(ratings_item_genres(s, av) == 1u << g);
	CHECK_STR(ratings_item_title(s, im), "Iron Man (2008)");
	CHECK_STR(ratings_item_title(s, nb), "Notebook");
	CHECK(ratings_find(s, cheolsu, nb) == -1);
	ratings_free(&s);
	ratings_free(&r);
}

static void test_params(void)
{
	params *p = params_new();
	ll_error err;
	CHECK(params_set_kv(p, "k=32", &err) == 0);
	CHECK(params_set_kv(p, "regParam=0.1", &err) == 0);
	CHECK(params_set_kv(p, "oops", &err) == -1);
	CHECK(params_long(p, "k|rank", 10) == 32);
	CHECK_NEAR(params_double(p, "reg|regParam", 0.02), 0.1, 1e-15);
	CHECK_NEAR(params_double(p, "lr", 0.005), 0.005, 0);
	CHECK(params_finish(p, &err) == 0);

	CHECK(params_set_kv(p, "lrr=0.1", &err) == 0);
	CHECK(params_finish(p, &err) == -1);
	CHECK(strstr(err.msg, "did you mean 'lr'") != NULL);

	params *q = params_new();
	params_set(q, "k", "ten");
	CHECK(params_long(q, "k", 10) == 10);
	CHECK(params_finish(q, &err) == -1);
	CHECK(strstr(err.msg, "bad value for k") != NULL);
	params_set(q, "k", "3");
	params_set(q, "reg", "l3");
	(void)params_long(q, "k", 1);
	params_free(&q);
	params_free(&p);
}

int main(void)
{
	test_strmap();
	test_ratings();
	test_params();
	return check_done();
}

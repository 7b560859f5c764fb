/* test_synth.c: the synthetic generator is deterministic per seed, has the
 * requested shape, a MovieLens-like rating distribution and popularity, and
 * a planted structure that the ratings follow. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/data/synth.h"

static int same_store(const ratings *a, const ratings *b)
{
	if (ratings_count(a) != ratings_count(b) || ratings_n_users(a) != ratings_n_users(b) ||
	    ratings_n_items(a) != ratings_n_items(b))
		return 0;
	for (int i = 0; i < ratings_n_items(a); i++)
		if (ratings_item_genres(a, i) != ratings_item_genres(b, i))
			return 0;
	return memcmp(ratings_entries(a), ratings_entries(b),
		      ratings_count(a) * sizeof(ll_rating)) == 0;
}

static double corr(const double *x, const double *y, size_t n)
{
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
	for (size_t k = 0; k < n; k++)
		mx += x[k], my += y[k];
	mx /= (double)n, my /= (double)n;
	for (size_t k = 0; k < n; k++) {
		sxy += (x[k] - mx) * (y[k] - my);
		sxx += (x[k] - mx) * (x[k] - mx);
		syy += (y[k] - my) * (y[k] - my);
	}
	return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	ll_error err = { "" };
	synth_opts o;
	synth_defaults(&o);
	CHECK(o.users == 943 && o.items == 1682 && o.ratings == 100000);
	ratings *a = synth_generate(&o, &err), *b = synth_generate(&o, &err);
	o.seed = 2;
	ratings *c = synth_generate(&o, &err);
	o.seed = 1;
	CHECK(a && b && c);
	if (!a || !b || !c) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	CHECK(same_store(a, b));
	CHECK(!same_store(a, c));
	CHECK(strstr(ratings_source(a), "synthetic (seed 1") == ratings_source(a));
	CHECK(strstr(ratings_source(c), "seed 2") != NULL);

	/* Shape and names. */
	CHECK(ratings_count(a) == 100000);
	CHECK(ratings_n_users(a) == 943 && ratings_n_items(a) == 1682);
	CHECK_STR(ratings_user_name(a, 16), "u17");
	CHECK_STR(ratings_item_name(a, 16), "S17");
	CHECK_STR(ratings_item_title(a, 16), "Synthetic movie 17");
	CHECK(ratings_n_genres(a) == 18);

	/* Ratings: whole stars 1..5, mean near 3.5, mostly 3 and 4. */
	const ll_rating *e = ratings_entries(a);
	size_t n = ratings_count(a), hist[6] = { 0 };
	int whole = 1;
	for (size_t k = 0; k < n; k++) {
		float v = e[k].value;
		whole &= v == floorf(v) && v >= 1 && v <= 5;
		if (v >= 1 && v <= 5)
			hist[(int)v]++;
	}
	CHECK(whole);
	CHECK_NEAR(ratings_mean(a), 3.5, 0.15);
	CHECK(hist[3] + hist[4] > n / 2);
	CHECK(hist[4] > hist[1] && hist[3] > hist[2] && hist[5] > hist[1]);

	/* No pair twice: each user's items strictly increase in the index. */
	int dup = 0, genreless = 0;
	for (int u = 0; u < ratings_n_users(a); u++) {
		const uint32_t *pos;
		size_t m = ratings_user_entries(a, u, &pos);
		for (size_t k = 1; k < m; k++)
			dup |= e[pos[k]].item <= e[pos[k - 1]].item;
	}
	CHECK(!dup);
	for (int i = 0; i < ratings_n_items(a); i++)
		genreless += ratings_item_genres(a, i) == 0;
	CHECK(genreless < ratings_n_items(a) / 10);

	/* Popularity is heavy-tailed: the most rated item has many times the
	 * median's ratings; so is user activity. */
	size_t *cnt = malloc((size_t)ratings_n_items(a) * sizeof *cnt);
	for (int i = 0; i < ratings_n_items(a); i++) {
		const uint32_t *pos;
		cnt[i] = ratings_item_entries(a, i, &pos);
	}
	qsort(cnt, (size_t)ratings_n_items(a), sizeof *cnt, cmp_size);
	CHECK(cnt[ratings_n_items(a) - 1] > 8 * cnt[ratings_n_items(a) / 2]);
	free(cnt);

	/* The planted structure: ratings follow the planted scores, overall and
	 * within users (where only the item part of the score varies). */
	synth_truth *t = synth_truth_new(&o, &err);
	CHECK(t != NULL);
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	for (size_t k = 0; k < n; k++) {
		x[k] = e[k].value;
		y[k] = synth_truth_score(t, e[k].user, e[k].item);
	}
	double overall = corr(x, y, n);
	CHECK(overall > 0.7);
	double sum = 0;
	int users = 0;
	for (int u = 0; u < ratings_n_users(a); u++) {
		const uint32_t *pos;
		size_t m = ratings_user_entries(a, u, &pos);
		if (m < 20)
			continue;
		for (size_t k = 0; k < m; k++) {
			x[k] = e[pos[k]].value;
			y[k] = synth_truth_score(t, u, e[pos[k]].item);
		}
		sum += corr(x, y, m);
		users++;
	}
	CHECK(users > 900);
	CHECK(sum / users > 0.5);
	printf("correlation with the planted scores: %.3f overall, %.3f within users\n",
	       overall, sum / users);
	free(x);
	free(y);
	synth_truth_free(&t);
	CHECK(t == NULL);

	/* Options. */
	synth_opts p;
	synth_defaults(&p);
	CHECK(synth_parse(&p, "users=3, items=3,ratings=9 seed=7 noise=0", &err) == 0);
	CHECK(p.users == 3 && p.items == 3 && p.ratings == 9 && p.seed == 7 && p.noise == 0);
	ratings *full = synth_generate(&p, &err);
	CHECK(full && ratings_count(full) == 9);
	ratings_free(&full);
	p.ratings = 10;
	CHECK(synth_generate(&p, &err) == NULL && strstr(err.msg, "ratings"));
	CHECK(synth_parse(&p, "users=x", &err) == -1 && strstr(err.msg, "users"));
	CHECK(synth_parse(&p, "size=3", &err) == -1 && strstr(err.msg, "unknown option 'size'"));
	CHECK(synth_parse(&p, "k=2.5", &err) == -1);
	synth_defaults(&p);
	p.k = 0;
	CHECK(synth_generate(&p, &err) == NULL && strstr(err.msg, "k must"));
	/* Dense users take the exact-sampling path. */
	synth_defaults(&p);
	CHECK(synth_parse(&p, "users=50,items=40,ratings=1900,seed=3", &err) == 0);
	ratings *dense = synth_generate(&p, &err);
	CHECK(dense && ratings_count(dense) == 1900);
	ratings_free(&dense);

	ratings_free(&a);
	ratings_free(&b);
	ratings_free(&c);
	CHECK(a == NULL);
	return check_done();
}

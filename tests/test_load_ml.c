/* test_load_ml.c: the loaders on the real MovieLens releases in
 * $LATENTLAB_DATA (exit 77 when absent): counts, the ml-100k folds, and
 * ISO-8859-1 titles converted to valid UTF-8. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "engine/core/lineread.h"
#include "engine/data/load.h"

static char *join(const char *a, const char *b)
{
	return lr_join(a, b);
}

static void all_titles_utf8(const ratings *r)
{
	int bad = 0;
	for (int i = 0; i < ratings_n_items(r); i++) {
		const char *t = ratings_item_title(r, i);
		bad += !lr_utf8_valid(t, strlen(t));
	}
	CHECK(bad == 0);
}

static void ml100k(const char *data)
{
	char *dir = join(data, "ml-100k");
	ll_error err = { "" };
	ratings *r = load_path(dir, &err);
	CHECK(r != NULL);
	if (!r) {
		fprintf(stderr, "%s\n", err.msg);
		free(dir);
		return;
	}
	CHECK(ratings_count(r) == 100000);
	CHECK(ratings_n_users(r) == 943);
	CHECK(ratings_n_items(r) == 1682);
	CHECK(ratings_n_genres(r) == 19);
	CHECK_STR(ratings_source(r), "ml-100k");
	CHECK_STR(ratings_item_title(r, ratings_find_item(r, "543")), "Misérables, Les (1995)");
	CHECK_STR(ratings_item_title(r, ratings_find_item(r, "1633")),
		  "Á köldum klaka (Cold Fever) (1994)");
	all_titles_utf8(r);
	CHECK_STR(ratings_item_title(r, ratings_find_item(r, "1")), "Toy Story (1995)");
	CHECK_STR(ratings_user_info(r, ratings_find_user(r, "1")),
		  "age=24 gender=M occupation=technician zip=85711");
	CHECK_NEAR(ratings_mean(r), 3.52986, 1e-5);
	static const struct { const char *fold; size_t base, test; } folds[] = {
		{ "u1", 80000, 20000 }, { "u5", 80000, 20000 }, { "ua", 90570, 9430 },
		{ "ub", 90570, 9430 },
	};
	for (size_t f = 0; f < sizeof folds / sizeof *folds; f++) {
		size_t *tr = NULL, *te = NULL, ntr = 0, nte = 0;
		CHECK(load_ml100k_fold(r, dir, folds[f].fold, &tr, &ntr, &te, &nte, &err) == 0);
		CHECK(ntr == folds[f].base && nte == folds[f].test);
		/* Base and test are disjoint and together are everything. */
		char *seen = calloc(ratings_count(r), 1);
		int overlap = 0;
		for (size_t k = 0; k < ntr; k++)
			seen[tr[k]] = 1;
		for (size_t k = 0; k < nte; k++)
			overlap += seen[te[k]]++;
		CHECK(overlap == 0);
		free(seen);
		free(tr);
		free(te);
	}
	ratings_free(&r);
	free(dir);
}

static void ml1m_part(const char *data)
{
	char *dir = join(data, "ml-1m-part");
	ll_error err = { "" };
	ratings *r = load_path(dir, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK(ratings_count(r) == 487650);
		CHECK(ratings_n_users(r) == 2999);
		CHECK_STR(ratings_source(r), "ml-1m-part");
		CHECK_STR(ratings_item_title(r, ratings_find_item(r, "73")), "Misérables, Les (1995)");
		all_titles_utf8(r);
		ratings_free(&r);
	} else {
		fprintf(stderr, "%s\n", err.msg);
	}
	free(dir);
}

static void ml_latest_small(const char *data)
{
	char *dir = join(data, "ml-latest-small");
	ll_error err = { "" };
	ratings *r = load_path(dir, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK(ratings_count(r) == 100836);
		CHECK(ratings_n_users(r) == 610);
		CHECK(ratings_n_items(r) == 9724); /* 18 listed movies have no ratings */
		CHECK(ratings_scale_lo(r) == 0.5f && ratings_scale_step(r) == 0.5f);
		all_titles_utf8(r);
		ratings_free(&r);
	} else {
		fprintf(stderr, "%s\n", err.msg);
	}
	free(dir);
}

int main(void)
{
	const char *data = getenv("LATENTLAB_DATA");
	char *probe = data && *data ? lr_join(data, "ml-100k/u.data") : NULL;
	if (!probe || access(probe, R_OK) != 0) {
		printf("LATENTLAB_DATA does not hold ml-100k/: skipped\n");
		free(probe);
		return 77;
	}
	free(probe);
	ml100k(data);
	/* The other releases are checked when they are there too. */
	char *p = lr_join(data, "ml-1m-part/ratings.dat");
	if (p && access(p, R_OK) == 0)
		ml1m_part(data);
	free(p);
	p = lr_join(data, "ml-latest-small/ratings.csv");
	if (p && access(p, R_OK) == 0)
		ml_latest_small(data);
	free(p);
	return check_done();
}

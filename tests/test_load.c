/* test_load.c: the loaders on small files under tests/data and data/toy:
 * every format, the toy dataset's tutorial cells, and one bad file per class
 * of error, whose message must name the file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "engine/core/lineread.h"
#include "engine/data/load.h"

static const char *srcdir;

static char *path(const char *rel)
{
	static char buf[8][4096];
	static int slot;
	char *p = buf[slot++ % 8];
	snprintf(p, sizeof buf[0], "%s/%s", srcdir, rel);
	return p;
}

static float rating_of(const ratings *r, const char *user, const char *item)
{
	long at = ratings_find(r, ratings_find_user(r, user), ratings_find_item(r, item));
	return at < 0 ? -1 : ratings_entries(r)[at].value;
}

static int user_count(const ratings *r, const char *user)
{
	const uint32_t *pos;
	int u = ratings_find_user(r, user);
	return u < 0 ? -1 : (int)ratings_user_entries(r, u, &pos);
}

static int has_genre(const ratings *r, const char *item, const char *genre)
{
	int i = ratings_find_item(r, item);
	for (int g = 0; i >= 0 && g < ratings_n_genres(r); g++)
		if (!strcmp(ratings_genre_name(r, g), genre))
			return (ratings_item_genres(r, i) >> g) & 1;
	return 0;
}

static void test_toy(void)
{
	ll_error err = { "" };
	CHECK(load_detect(path("data/toy"), &err) == LOAD_TOY);
	ratings *r = load_path(path("data/toy"), &err);
	CHECK(r != NULL);
	if (!r) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	CHECK_STR(ratings_source(r), "toy");
	/* The tutorial's cells, exactly. */
	CHECK(rating_of(r, "Cheolsu", "Avengers") == 5);
	CHECK(rating_of(r, "Cheolsu", "Iron Man") == 5);
	CHECK(rating_of(r, "Cheolsu", "Notebook") == 1);
	CHECK(user_count(r, "Cheolsu") == 3);
	CHECK(rating_of(r, "Younghee", "Notebook") == 5);
	CHECK(rating_of(r, "Younghee", "About Time") == 5);
	CHECK(user_count(r, "Younghee") == 2);
	CHECK(rating_of(r, "Minsu", "Iron Man") == 5);
	CHECK(rating_of(r, "Minsu", "Avengers") == -1);
	CHECK(user_count(r, "Minsu") == 1);
	/* Jisu exists, with no ratings. */
	CHECK(ratings_find_user(r, "Jisu") >= 0);
	CHECK(user_count(r, "Jisu") == 0);
	/* The first users and items in story order. */
	CHECK_STR(ratings_user_name(r, 0), "Cheolsu");
	CHECK_STR(ratings_user_name(r, 1), "Younghee");
	CHECK_STR(ratings_user_name(r, 2), "Minsu");
	CHECK_STR(ratings_item_name(r, 0), "Avengers");
	/* Cold-start movies have fans; the documentary fan exists. */
	const uint32_t *pos;
	CHECK(ratings_item_entries(r, ratings_find_item(r, "Frozen"), &pos) >= 2);
	CHECK(ratings_item_entries(r, ratings_find_item(r, "Rapunzel"), &pos) >= 2);
	CHECK(has_genre(r, "Frozen", "Animation"));
	CHECK(has_genre(r, "Rapunzel", "Animation"));
	CHECK(has_genre(r, "Avengers", "Action"));
	CHECK(has_genre(r, "Notebook", "Romance"));
	CHECK(has_genre(r, "Free Solo", "Documentary"));
	for (int i = 0; i < ratings_n_items(r); i++)
		CHECK(ratings_item_genres(r, i) != 0);
	CHECK(ratings_n_users(r) >= 8 && ratings_n_users(r) <= 10);
	CHECK(ratings_n_items(r) >= 8 && ratings_n_items(r) <= 10);
	CHECK(ratings_scale_lo(r) == 1 && ratings_scale_hi(r) == 5 && ratings_scale_step(r) == 1);
	CHECK(ratings_lookup_item(r, "iron man") == ratings_find_item(r, "Iron Man"));
	ratings_free(&r);
}

static void test_ml100k(void)
{
	ll_error err = { "" };
	const char *dir = path("tests/data/ml100k");
	CHECK(load_detect(dir, &err) == LOAD_ML100K);
	ratings *r = load_path(dir, &err);
	CHECK(r != NULL);
	if (!r) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	CHECK(ratings_count(r) == 6);
	CHECK(ratings_n_users(r) == 3);
	CHECK(ratings_n_items(r) == 3); /* item 40 has no ratings */
	CHECK(ratings_find_item(r, "40") == -1);
	/* The folder is not named ml-*, so the label says the format. */
	CHECK(strncmp(ratings_source(r), "ml-100k (", 9) == 0);
	CHECK(ratings_n_genres(r) == 19);
	int cafe = ratings_find_item(r, "10");
	CHECK_STR(ratings_item_title(r, cafe), "Café Lumière (1999)");
	CHECK(has_genre(r, "10", "Action") && has_genre(r, "10", "Drama"));
	CHECK(!has_genre(r, "10", "Comedy"));
	CHECK(has_genre(r, "20", "Comedy"));
	CHECK_STR(ratings_user_info(r, ratings_find_user(r, "2")),
		  "age=45 gender=M occupation=artist zip=20002");
	CHECK(rating_of(r, "3", "30") == 5);
	CHECK(ratings_entries(r)[0].time == 1700000949u);
	CHECK(ratings_scale_step(r) == 1);

	size_t *tr = NULL, *te = NULL, ntr = 0, nte = 0;
	CHECK(load_ml100k_fold(r, dir, "u1", &tr, &ntr, &te, &nte, &err) == 0);
	CHECK(ntr == 4 && nte == 2);
	if (nte == 2) {
		const ll_rating *e = ratings_entries(r);
		CHECK_STR(ratings_user_name(r, e[te[0]].user), "2");
		CHECK_STR(ratings_item_name(r, e[te[0]].item), "30");
		CHECK(e[te[1]].value == 5);
	}
	free(tr);
	free(te);
	tr = te = NULL;
	CHECK(load_ml100k_fold(r, dir, "u9", &tr, &ntr, &te, &nte, &err) == -1);
	CHECK(strstr(err.msg, "u9") != NULL);
	CHECK(load_ml100k_fold(r, dir, "u2", &tr, &ntr, &te, &nte, &err) == -1);
	CHECK(strstr(err.msg, "u2.base") != NULL);
	ratings_free(&r);
}

static void test_ml1m(void)
{
	ll_error err = { "" };
	ratings *r = load_path(path("tests/data/ml1m"), &err);
	CHECK(r != NULL);
	if (!r) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	CHECK(ratings_count(r) == 3 && ratings_n_users(r) == 2 && ratings_n_items(r) == 2);
	CHECK_STR(ratings_item_title(r, ratings_find_item(r, "10")), "Les Misérables (1995)");
	CHECK(has_genre(r, "10", "Musical") && has_genre(r, "10", "Drama"));
	CHECK_STR(ratings_user_info(r, ratings_find_user(r, "1")),
		  "gender=M age=25 occupation=4 zip=11111");
	CHECK(rating_of(r, "2", "10") == 4);
	ratings_free(&r);
}

static void test_mlcsv(void)
{
	ll_error err = { "" };
	CHECK(load_detect(path("tests/data/mlcsv"), &err) == LOAD_MLCSV);
	ratings *r = load_path(path("tests/data/mlcsv"), &err);
	CHECK(r != NULL);
	if (!r) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	CHECK(ratings_count(r) == 4);
	CHECK(rating_of(r, "1", "2") == 3.5f);
	CHECK(rating_of(r, "2", "1") == 0.5f);
	CHECK(ratings_scale_lo(r) == 0.5f && ratings_scale_step(r) == 0.5f);
	CHECK_STR(ratings_item_title(r, ratings_find_item(r, "1")), "Story of a Film, The (1995)");
	CHECK_STR(ratings_item_title(r, ratings_find_item(r, "2")), "Say \"Hello\", Again (2001)");
	CHECK(ratings_item_genres(r, ratings_find_item(r, "3")) == 0);
	CHECK(has_genre(r, "1", "Comedy"));
	CHECK(ratings_entries(r)[3].time == 1700113815u);
	ratings_free(&r);
}

static void test_generic(void)
{
	ll_error err = { "" };
	ratings *r = load_path(path("tests/data/hangul.tsv"), &err);
	CHECK(r != NULL);
	if (!r) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	CHECK(ratings_count(r) == 4 && ratings_n_users(r) == 3 && ratings_n_items(r) == 3);
	CHECK(rating_of(r, "영희", "노트북") == 4.5f);
	CHECK(rating_of(r, "철수", "노트북") == 1);
	CHECK(ratings_scale_lo(r) == 1 && ratings_scale_hi(r) == 5);
	CHECK(ratings_scale_step(r) == 0.5f);
	CHECK(ratings_entries(r)[2].time == 1700000951u);
	ratings_free(&r);

	r = load_path(path("tests/data/quoted.csv"), &err);
	CHECK(r != NULL);
	if (r) {
		CHECK(rating_of(r, "Kim, Cheolsu", "Iron Man") == 4);
		CHECK(rating_of(r, "Lee \"Younghee\"", "Notebook") == 3.5f);
		ratings_free(&r);
	}

	/* A MovieLens ratings file on its own is a generic file. */
	r = load_path(path("tests/data/ml100k/u.data"), &err);
	CHECK(r != NULL);
	if (r) {
		CHECK(ratings_count(r) == 6);
		CHECK(ratings_scale_lo(r) == 1 && ratings_scale_step(r) == 1);
		ratings_free(&r);
	}
}

/* Loading rel must fail with a message holding each of the parts. */
static void bad(const char *rel, const char *part1, const char *part2)
{
	ll_error err = { "" };
	ratings *r = load_path(path(rel), &err);
	CHECK(r == NULL);
	ratings_free(&r);
	int ok = strstr(err.msg, part1) && (!part2 || strstr(err.msg, part2));
	if (!ok)
		fprintf(stderr, "%s: unexpected message: %s\n", rel, err.msg);
	CHECK(ok);
}

static void test_bad_input(void)
{
	bad("tests/data/bad_fields.csv", "bad_fields.csv:3: ", "found 2");
	bad("tests/data/bad_rating.csv", "bad_rating.csv:4: ", "not a number");
	bad("tests/data/bad_nan.csv", "bad_nan.csv:3: ", "not a finite number");
	bad("tests/data/bad_inf.tsv", "bad_inf.tsv:3: ", "not a finite number");
	bad("tests/data/bad_range.csv", "bad_range.csv:2: ", "outside the scale 0..10");
	bad("tests/data/bad_time.csv", "bad_time.csv:3: ", "timestamp");
	bad("tests/data/bad_dup.csv", "bad_dup.csv:5: duplicate", "line 2");
	bad("tests/data/bad_quote.csv", "bad_quote.csv:2: ", "quote");
	bad("tests/data/bad_utf8.csv", "bad_utf8.csv:3: ", "UTF-8");
	bad("tests/data/binary.dat", "binary.dat:3: ", "NUL");
	bad("tests/data/empty.csv", "empty.csv: no ratings", NULL);
	bad("tests/data/header_only.csv", "header_only.csv: no ratings", NULL);
	bad("tests/data/ml100k-badrange", "u.data:2: ", "outside the scale 1..5");
	bad("tests/data/ml100k-badid", "u.data:2: ", "bad user id 'x7'");
	bad("tests/data/mlcsv-half", "ratings.csv:3: ", "not a step of 0.5");
	bad("tests/data/does-not-exist.csv", "does-not-exist.csv: ", "No such file");
	bad("tests/data", "tests/data: no ratings file here", NULL);

	/* An unreadable file (root reads anything, so only as a user). */
	if (geteuid() != 0) {
		char tmp[] = "/tmp/latentlab-unreadable-XXXXXX";
		int fd = mkstemp(tmp);
		CHECK(fd >= 0);
		if (fd >= 0) {
			CHECK(write(fd, "a,b,1\n", 6) == 6);
			close(fd);
			chmod(tmp, 0);
			ll_error err = { "" };
			ratings *r = load_path(tmp, &err);
			CHECK(r == NULL && strstr(err.msg, "Permission denied"));
			ratings_free(&r);
			unlink(tmp);
		}
	}
}

static void test_lineread(void)
{
	char line[] = "a::b::::c", *f[8];
	CHECK(lr_split(line, "::", f, 8) == 4);
	CHECK_STR(f[0], "a");
	CHECK_STR(f[2], "");
	CHECK_STR(f[3], "c");
	char csv[] = "\"x, y\",\"say \"\"hi\"\"\",,z", *g[8];
	CHECK(lr_split_csv(csv, ',', g, 8) == 4);
	CHECK_STR(g[0], "x, y");
	CHECK_STR(g[1], "say \"hi\"");
	CHECK_STR(g[2], "");
	CHECK_STR(g[3], "z");
	double d;
	CHECK(lr_parse_double("4.5", &d) == 0 && d == 4.5);
	CHECK(lr_parse_double("-0.25", &d) == 0 && d == -0.25);
	CHECK(lr_parse_double("1e1", &d) == 0 && d == 10);
	CHECK(lr_parse_double("5.", &d) == 0 && d == 5);
	CHECK(lr_parse_double("nan", &d) == -2);
	CHECK(lr_parse_double("Infinity", &d) == -2);
	CHECK(lr_parse_double("4x", &d) == -1);
	CHECK(lr_parse_double("", &d) == -1);
	CHECK(lr_parse_double(".", &d) == -1);
	uint32_t t;
	CHECK(lr_parse_u32("4294967295", &t) == 0 && t == 4294967295u);
	CHECK(lr_parse_u32("4294967296", &t) == -1);
	CHECK(lr_parse_u32("-1", &t) == -1);
	CHECK(lr_utf8_valid("철수", strlen("철수")));
	CHECK(!lr_utf8_valid("\xc0\xaf", 2)); /* overlong '/' */
	CHECK(!lr_utf8_valid("\xed\xa0\x80", 3)); /* a surrogate */
	CHECK(!lr_utf8_valid("\xe2\x82", 2)); /* cut short */
	char *u = lr_latin1_to_utf8("Mis\xe9rables");
	CHECK_STR(u, "Misérables");
	free(u);
}

int main(void)
{
	srcdir = getenv("top_srcdir");
	if (!srcdir)
		srcdir = ".";
	test_lineread();
	test_toy();
	test_ml100k();
	test_ml1m();
	test_mlcsv();
	test_generic();
	test_bad_input();
	return check_done();
}

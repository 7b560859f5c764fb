/* test_load_split.c: two threads read and index what one reads and indexes
 * (engine/core/halves.h, load_split.c, ratings_index.c). Every file here is
 * loaded with the halves forced on (LL_HALVES_ALWAYS, so even a few lines
 * are cut in two) and off (LL_HALVES_NEVER), and the two stores must be the
 * same: users and items in the same order, entries to the bit, both indexes
 * row by row; or, for a bad file, the same message. The files are written in
 * many lengths, so that the cut lands on every kind of line: blank, CRLF,
 * decimals, leading zeros, a bad rating, a duplicate pair, a NUL byte, a
 * last line without its newline, and a header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "engine/core/halves.h"
#include "engine/data/load.h"

static char dir[] = "/tmp/test_load_split.XXXXXX";

/* 1 when a and b hold the same store. */
static int same_store(const ratings *a, const ratings *b)
{
	if (ratings_n_users(a) != ratings_n_users(b) || ratings_n_items(a) != ratings_n_items(b) ||
	    ratings_count(a) != ratings_count(b) ||
	    ratings_has_duplicates(a) != ratings_has_duplicates(b))
		return 0;
	for (int u = 0; u < ratings_n_users(a); u++)
		if (strcmp(ratings_user_name(a, u), ratings_user_name(b, u)) != 0)
			return 0;
	for (int i = 0; i < ratings_n_items(a); i++)
		if (strcmp(ratings_item_name(a, i), ratings_item_name(b, i)) != 0)
			return 0;
	if (memcmp(ratings_entries(a), ratings_entries(b), ratings_count(a) * sizeof(ll_rating)))
		return 0;
	for (int u = 0; u < ratings_n_users(a); u++) {
		const uint32_t *pa, *pb;
		size_t na = ratings_user_entries(a, u, &pa), nb = ratings_user_entries(b, u, &pb);
		if (na != nb || (na && memcmp(pa, pb, na * sizeof *pa)))
			return 0;
	}
	for (int i = 0; i < ratings_n_items(a); i++) {
		const uint32_t *pa, *pb;
		size_t na = ratings_item_entries(a, i, &pa), nb = ratings_item_entries(b, i, &pb);
		if (na != nb || (na && memcmp(pa, pb, na * sizeof *pa)))
			return 0;
	}
	return 1;
}

/* Load path both ways; 1 when they agree (the same store, or both fail
 * with the same message). *ok: whether it loaded. */
static int both_ways(const char *path, int *ok, char *msg, size_t n)
{
	ll_error e1 = { "" }, e2 = { "" };
	ll_halves_set(LL_HALVES_NEVER);
	ratings *one = load_path(path, &e1);
	ll_halves_set(LL_HALVES_ALWAYS);
	ratings *two = load_path(path, &e2);
	ll_halves_set(LL_HALVES_AUTO);
	int agree = one && two ? same_store(one, two) : !one && !two && !strcmp(e1.msg, e2.msg);
	if (!agree)
		fprintf(stderr, "%s: one thread: %s; two: %s\n", path, one ? "loaded" : e1.msg,
			two ? "loaded" : e2.msg);
	*ok = one != NULL;
	snprintf(msg, n, "%s", one ? "" : e1.msg);
	ratings_free(&one);
	ratings_free(&two);
	return agree;
}

/* A ratings file of `lines` lines in ml-1m's "::" shape (users grouped
 * unless shuffled), one odd line at line `odd` (0: none) of kind k. */
static void write_ml(const char *path, int lines, int shuffled, int odd, int k)
{
	FILE *f = fopen(path, "wb");
	unsigned s = 12345;
	int pu = 1, pi = 1;
	for (int l = 1; l <= lines; l++, s = s * 1103515245u + 12345u) {
		/* Shuffled: the users of each run of 1000 lines in a scrambled
		 * order, and an item per run, so that no pair comes twice. */
		int u = shuffled ? (int)((long)l * 7919 % 1000) + 1 : (l - 1) / 7 + 1;
		int item = shuffled ? l / 1000 + 1 : ((l - 1) % 7) * 13 + u % 5 + 1;
		int r = (int)(s >> 8) % 5 + 1;
		if (l == odd) {
			switch (k) {
			case 0: fputs("\n", f); continue;                       /* blank */
			case 1: fprintf(f, "%d::%d::%d::9\r\n", u, item, r); continue;
			case 2: fprintf(f, "%d::%d::7::9\n", u, item); continue; /* off the scale */
			case 3: fprintf(f, "%d::%d::3::9\n", pu, pi); continue; /* a duplicate */
			case 4: fwrite("1::2\0::3::4\n", 1, 12, f); continue;
			case 5: fprintf(f, "%d::%d::%d", u, item, r); continue;  /* no newline */
			case 6: fprintf(f, "0%d::%d::%d::9\n", u, item, r); continue;
			default: fprintf(f, "%d:%d\n", u, item); continue;      /* a bad line */
			}
		}
		fprintf(f, "%d::%d::%d::%d\n", u, item, r, 978300000 + l);
		pu = u, pi = item;
	}
	fclose(f);
}

/* A generic CSV: a header, numeric ids (the fast path once the header is
 * read), half stars, and names now and then (the general path). */
static void write_csv(const char *path, int lines, int names_every)
{
	FILE *f = fopen(path, "wb");
	fputs("userId,movieId,rating,timestamp\n", f);
	for (int l = 1; l <= lines; l++) {
		int u = l / 9 + 1, item = l % 9 * 3 + 1;
		if (names_every && l % names_every == 0)
			fprintf(f, "user %d,movie %d,%.1f,%d\n", u, item, 0.5 * (l % 10 + 1), l);
		else
			fprintf(f, "%d,%d,%.1f,%d\n", u, item, 0.5 * (l % 10 + 1), l);
	}
	fclose(f);
}

static void test_ml1m(void)
{
	char folder[128], path[160], msg[512];
	snprintf(folder, sizeof folder, "%s/ml1m", dir);
	mkdir(folder, 0700);
	snprintf(path, sizeof path, "%s/ratings.dat", folder);
	int ok, checked = 0, failed = 0;
	for (int lines = 2; lines <= 400; lines += lines < 40 ? 1 : 37)
		for (int shuffled = 0; shuffled < 2; shuffled++) {
			write_ml(path, lines, shuffled, 0, 0);
			CHECK(both_ways(folder, &ok, msg, sizeof msg));
			checked += ok;
			/* The odd line around where the halves meet, and at the ends. */
			for (int k = 0; k < 8; k++)
				for (int at = lines / 2 - 1; at <= lines / 2 + 2; at++) {
					if (at < 2 || at > lines || (k == 5 && at != lines))
						continue;
					write_ml(path, lines, shuffled, at, k);
					CHECK(both_ways(folder, &ok, msg, sizeof msg));
					failed += !ok;
				}
		}
	CHECK(checked > 90);
	CHECK(failed > 100); /* the bad lines were met, on both ways */
	/* A big grouped file: indexed by two threads under AUTO too. */
	write_ml(path, 300000, 0, 0, 0);
	CHECK(both_ways(folder, &ok, msg, sizeof msg) && ok);
	write_ml(path, 300000, 1, 0, 0);
	CHECK(both_ways(folder, &ok, msg, sizeof msg) && ok);
	write_ml(path, 300000, 0, 250000, 2);
	CHECK(both_ways(folder, &ok, msg, sizeof msg) && !ok && strstr(msg, ":250000: "));
	write_ml(path, 300000, 0, 200001, 3);
	CHECK(both_ways(folder, &ok, msg, sizeof msg) && !ok && strstr(msg, ":200001: ") &&
	      strstr(msg, "line 200000)"));
	/* A line over 16 MB early on, while the second thread reads the half
	 * after it: the error of one thread, and the second is stopped. */
	FILE *f = fopen(path, "wb");
	fputs("1::1::5::978300000\n1::", f);
	for (int j = 0; j < (17 << 20) / 16; j++)
		fputs("1111111111111111", f);
	fputs("::5::978300000\n", f);
	for (int l = 0; l < 1000000; l++)
		fprintf(f, "%d::%d::4::978300000\n", l / 100 + 2, l % 100 + 1);
	fclose(f);
	CHECK(both_ways(folder, &ok, msg, sizeof msg) && !ok && strstr(msg, ":2: line longer"));
	unlink(path);
	rmdir(folder);
}

static void test_csv(void)
{
	char path[160], msg[512];
	snprintf(path, sizeof path, "%s/ratings.csv", dir);
	int ok;
	for (int lines = 1; lines <= 120; lines += 7)
		for (int every = 0; every <= 5; every += 5) {
			write_csv(path, lines, every);
			CHECK(both_ways(path, &ok, msg, sizeof msg) && ok);
		}
	unlink(path);
}

/* A store built by hand, out of user order: the same indexes both ways. */
static void test_index(void)
{
	ratings *r[2];
	for (int w = 0; w < 2; w++) {
		ll_halves_set(w ? LL_HALVES_ALWAYS : LL_HALVES_NEVER);
		r[w] = ratings_new();
		char name[16];
		for (int k = 0; k < 5000; k++) {
			snprintf(name, sizeof name, "u%d", (k * 7919) % 211);
			int u = ratings_intern_user(r[w], name);
			snprintf(name, sizeof name, "i%d", (k * 104729) % 331);
			int i = ratings_intern_item(r[w], name);
			CHECK(ratings_add(r[w], u, i, (float)(k % 5 + 1), 0) == 0);
		}
		ratings_build_index(r[w]);
	}
	ll_halves_set(LL_HALVES_AUTO);
	CHECK(same_store(r[0], r[1]));
	ratings_free(&r[0]);
	ratings_free(&r[1]);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 99;
	test_ml1m();
	test_csv();
	test_index();
	rmdir(dir);
	return check_done();
}

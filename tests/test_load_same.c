/* test_load_same.c: the loaders read what they read before they were made
 * fast. Every bundled ratings format (ml-100k's u.data, ml-1m's ratings.dat,
 * the MovieLens CSV releases, generic numeric files, and the real releases
 * in $LATENTLAB_DATA when present) is read a second time here the plain way
 * the loaders used to read it: line by line with strtok-like splitting,
 * strtol and strtod, each new id appended to a list. The store must hold the
 * same users and items in the same order, the same entries in file order,
 * values to the bit, and both indexes must list each row in the order the
 * stable sort defines (user rows by item, item rows by user, ties by file
 * position). Generated files mix the lines the fast path takes with those
 * it leaves to the general one (leading zeros, decimals, blank lines, CRLF,
 * lines without a timestamp, padded fields). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "engine/data/load.h"

/* --- the plain reading ---------------------------------------------------- */

typedef struct names {
	char **v;
	int n, cap;
	int *slot;         /* open addressing: index + 1, 0 empty */
	size_t nslot;
} names;

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The index of name, appending it when new. */
static int intern(names *s, const char *name)
{
	if (2 * (size_t)(s->n + 1) > s->nslot) {
		free(s->slot);
		s->nslot = s->nslot ? 2 * s->nslot : 1024;
		s->slot = calloc(s->nslot, sizeof *s->slot);
		for (int k = 0; k < s->n; k++) {
			size_t h = hash(s->v[k]) & (s->nslot - 1);
			while (s->slot[h])
				h = (h + 1) & (s->nslot - 1);
			s->slot[h] = k + 1;
		}
	}
	size_t h = hash(name) & (s->nslot - 1);
	for (; s->slot[h]; h = (h + 1) & (s->nslot - 1))
		if (strcmp(s->v[s->slot[h] - 1], name) == 0)
			return s->slot[h] - 1;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = realloc(s->v, (size_t)s->cap * sizeof *s->v);
	}
	s->v[s->n] = strdup(name);
	s->slot[h] = s->n + 1;
	return s->n++;
}

typedef struct plain {
	names users, items;
	ll_rating *e;
	size_t n, cap;
} plain;

static void plain_free(plain *p)
{
	for (int k = 0; k < p->users.n; k++)
		free(p->users.v[k]);
	for (int k = 0; k < p->items.n; k++)
		free(p->items.v[k]);
	free(p->users.v), free(p->items.v), free(p->e);
	free(p->users.slot), free(p->items.slot);
	memset(p, 0, sizeof *p);
}

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/* Read path: fields split at sep; header: skip line 1; numeric: ids are
 * numbers, named by their decimal text ("007" is user 7), as the MovieLens
 * loaders name them; otherwise the trimmed text is the name. */
static int read_plain(const char *path, const char *sep, int header, int numeric, plain *p)
{
	memset(p, 0, sizeof *p);
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char line[4096];
	long ln = 0;
	while (fgets(line, sizeof line, f)) {
		ln++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if ((header && ln == 1) || !*trim(line))
			continue;
		char *fld[4];
		int n = 0;
		char *s = line;
		for (;;) {
			char *hit = strstr(s, sep);
			if (n < 4)
				fld[n] = s;
			n++;
			if (!hit)
				break;
			*hit = '\0';
			s = hit + strlen(sep);
		}
		if (n < 3 || n > 4) {
			fclose(f);
			return -1;
		}
		char un[32], in[32];
		const char *u = trim(fld[0]), *i = trim(fld[1]);
		if (numeric) {
			snprintf(un, sizeof un, "%ld", strtol(u, NULL, 10));
			snprintf(in, sizeof in, "%ld", strtol(i, NULL, 10));
			u = un, i = in;
		}
		if (p->n == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 1024;
			p->e = realloc(p->e, p->cap * sizeof *p->e);
		}
		ll_rating *e = &p->e[p->n++];
		e->user = intern(&p->users, u);
		e->item = intern(&p->items, i);
		e->value = (float)strtod(trim(fld[2]), NULL);
		e->time = n == 4 && *trim(fld[3]) ? (uint32_t)strtoul(trim(fld[3]), NULL, 10) : 0;
	}
	fclose(f);
	return 0;
}

/* --- comparing ------------------------------------------------------------ */

static const ll_rating *cmp_e;
static int by_user_item(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (cmp_e[x].user != cmp_e[y].user)
		return cmp_e[x].user < cmp_e[y].user ? -1 : 1;
	if (cmp_e[x].item != cmp_e[y].item)
		return cmp_e[x].item < cmp_e[y].item ? -1 : 1;
	return x < y ? -1 : x > y;
}
static int by_item_user(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (cmp_e[x].item != cmp_e[y].item)
		return cmp_e[x].item < cmp_e[y].item ? -1 : 1;
	if (cmp_e[x].user != cmp_e[y].user)
		return cmp_e[x].user < cmp_e[y].user ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Every row of one index against the positions sorted by qsort. */
static int index_matches(const ratings *r, int by_user)
{
	size_t n = ratings_count(r);
	uint32_t *pos = malloc(n * sizeof *pos);
	for (size_t k = 0; k < n; k++)
		pos[k] = (uint32_t)k;
	cmp_e = ratings_entries(r);
	qsort(pos, n, sizeof *pos, by_user ? by_user_item : by_item_user);
	int rows = by_user ? ratings_n_users(r) : ratings_n_items(r), ok = 1;
	size_t at = 0;
	for (int j = 0; j < rows && ok; j++) {
		const uint32_t *row;
		size_t m = by_user ? ratings_user_entries(r, j, &row) : ratings_item_entries(r, j, &row);
		ok = at + m <= n && memcmp(row, pos + at, m * sizeof *row) == 0;
		at += m;
	}
	free(pos);
	return ok && at == n;
}

static void same(const char *what, const ratings *r, const plain *p)
{
	int ok = r && ratings_n_users(r) == p->users.n && ratings_n_items(r) == p->items.n &&
		 ratings_count(r) == p->n;
	for (int k = 0; ok && k < p->users.n; k++)
		ok = strcmp(ratings_user_name(r, k), p->users.v[k]) == 0;
	for (int k = 0; ok && k < p->items.n; k++)
		ok = strcmp(ratings_item_name(r, k), p->items.v[k]) == 0;
	const ll_rating *e = ok ? ratings_entries(r) : NULL;
	for (size_t k = 0; ok && k < p->n; k++)
		ok = e[k].user == p->e[k].user && e[k].item == p->e[k].item &&
		     memcmp(&e[k].value, &p->e[k].value, sizeof e[k].value) == 0 &&
		     e[k].time == p->e[k].time;
	if (!ok)
		fprintf(stderr, "%s: the store differs from the plain reading\n", what);
	CHECK(ok);
	CHECK(r && index_matches(r, 1));
	CHECK(r && index_matches(r, 0));
}

/* Load `load` (a folder or file) and compare with the plain reading of
 * `file`. */
static int compare(const char *load, const char *file, const char *sep, int header, int numeric)
{
	plain p;
	if (read_plain(file, sep, header, numeric, &p) < 0) {
		fprintf(stderr, "%s: cannot read it plainly\n", file);
		CHECK(0);
		return 0;
	}
	ll_error err = { "" };
	ratings *r = load_path(load, &err);
	if (!r)
		fprintf(stderr, "%s: %s\n", load, err.msg);
	same(load, r, &p);
	size_t n = r ? ratings_count(r) : 0;
	ratings_free(&r);
	plain_free(&p);
	return n > 0;
}

/* --- files ---------------------------------------------------------------- */

/* A generic numeric file: lines the fast path takes, and lines it leaves to
 * the general path, in one file. spaced: every field padded (all general). */
static void write_generic(const char *path, int spaced, unsigned seed)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		exit(99);
	srand(seed);
	fputs(spaced ? "user , item , rating , timestamp\r\n" : "user,item,rating,timestamp\r\n", f);
	static const char *const values[] = { "1", "2", "3.5", "4.0", "5", "0.5", "4.25", "10",
					      "3.", "007" };
	char seen[400][64] = { { 0 } };
	for (int k = 0; k < 20000; k++) {
		int u = rand() % 400, i = rand() % 500;
		if (seen[u][i / 8] & (1 << (i % 8)))
			continue;
		seen[u][i / 8] |= (char)(1 << (i % 8));
		const char *c = spaced ? " , " : ",";
		/* A few names with a leading zero: names, not numbers, here. */
		if (rand() % 50 == 0)
			fprintf(f, "0%d%s%d%s", u, c, i, c);
		else
			fprintf(f, "%d%s%d%s", u, c, i, c);
		fputs(values[rand() % 10], f);
		if (rand() % 20 == 0)
			fputs("\r\n", f); /* no timestamp */
		else
			fprintf(f, "%s%u\r\n", c, (unsigned)rand() * 2u + (unsigned)(rand() & 1));
		if (rand() % 100 == 0)
			fputs("\r\n", f); /* a blank line */
	}
	fclose(f);
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	char a[4096], b[4096];
	if (!top)
		top = ".";
#define AT(buf, ...) (snprintf(buf, sizeof buf, __VA_ARGS__), buf)
	/* The bundled folders and the MovieLens files in them. */
	compare(AT(a, "%s/tests/data/ml100k", top), AT(b, "%s/tests/data/ml100k/u.data", top),
		"\t", 0, 1);
	compare(AT(a, "%s/tests/data/ml1m", top), AT(b, "%s/tests/data/ml1m/ratings.dat", top),
		"::", 0, 1);
	compare(AT(a, "%s/tests/data/mlcsv", top), AT(b, "%s/tests/data/mlcsv/ratings.csv", top),
		",", 1, 1);
	CHECK(compare(AT(a, "%s/data/ml-latest-small", top),
		      AT(b, "%s/data/ml-latest-small/ratings.csv", top), ",", 1, 1));
	/* The same files alone: generic files, whose ids are names. */
	compare(AT(a, "%s/tests/data/ml100k/u.data", top), a, "\t", 0, 0);
	compare(AT(a, "%s/tests/data/ml1m/ratings.dat", top), a, "::", 0, 0);
	compare(AT(a, "%s/tests/data/hangul.tsv", top), a, "\t", 0, 0);

	/* Generated generic files, fast and general lines mixed, or all general. */
	char dir[] = "/tmp/test_load_same.XXXXXX";
	if (!mkdtemp(dir))
		return 99;
	for (int spaced = 0; spaced < 2; spaced++) {
		AT(a, "%s/mixed%d.csv", dir, spaced);
		write_generic(a, spaced, 7);
		CHECK(compare(a, a, ",", 1, 0));
		unlink(a);
	}
	rmdir(dir);

	/* The real releases, when the team's copy is there. */
	const char *data = getenv("LATENTLAB_DATA");
	if (data && *data) {
		static const char *const sets[][4] = {
			{ "ml-100k", "u.data", "\t", "0" },
			{ "ml-1m-part", "ratings.dat", "::", "0" },
			{ "ml-1m", "ratings.dat", "::", "0" },
			{ "ml-latest-small", "ratings.csv", ",", "1" },
		};
		for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
			AT(a, "%s/%s", data, sets[s][0]);
			AT(b, "%s/%s/%s", data, sets[s][0], sets[s][1]);
			if (access(b, R_OK) == 0)
				compare(a, b, sets[s][2], sets[s][3][0] == '1', 1);
		}
	}
	return check_done();
}

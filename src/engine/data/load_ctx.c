/* load_ctx.c: the load context every loader fills (load_impl.h): entries
 * appended as lines are read, user and item ids interned (numeric ids
 * through a cache), the store's room guessed from the file, the duplicate
 * check and the finished store. */
#include "engine/data/load_impl.h"

#include <stdlib.h>
#include <string.h>

int load_ctx_init(load_ctx *c, const char *file, ll_error *err)
{
	memset(c, 0, sizeof *c);
	c->file = file;
	c->last_user = c->last_item = -1;
	c->r = ratings_new();
	if (!c->r)
		return ll_fail(err, "%s: out of memory", file);
	return 0;
}

void load_ctx_abort(load_ctx *c)
{
	ratings_free(&c->r);
	free(c->lines);
	free(c->ucache);
	free(c->icache);
	memset(c, 0, sizeof *c);
}

/* The array of lines is kept only once they stop following the positions. */
int load_ctx_line(load_ctx *c, size_t n, long line, ll_error *err)
{
	if (line > (long)UINT32_MAX)
		return ll_fail(err, "%s:%ld: more than %lu lines", c->file, line,
			       (unsigned long)UINT32_MAX);
	if (!c->lines) {
		if (n == 0)
			c->line_base = line;
		if (line - c->line_base == (long)n)
			return 0;
	}
	if (n >= c->cap_lines) {
		size_t cap = c->cap_lines ? c->cap_lines : 4096;
		while (cap <= n)
			cap *= 2;
		uint32_t *l = realloc(c->lines, cap * sizeof *l);
		if (!l)
			return ll_fail(err, "%s: out of memory", c->file);
		if (!c->lines) /* the lines so far followed the positions */
			for (size_t k = 0; k < n; k++)
				l[k] = (uint32_t)(c->line_base + (long)k);
		c->lines = l;
		c->cap_lines = cap;
	}
	c->lines[n] = (uint32_t)line;
	return 0;
}

static long line_of(const load_ctx *c, size_t pos)
{
	return c->lines ? (long)c->lines[pos] : c->line_base + (long)pos;
}

int load_ctx_add(load_ctx *c, int user, int item, float value, uint32_t time,
		 long line, ll_error *err)
{
	size_t n = ratings_count(c->r);
	if (n >= LOAD_MAX_RATINGS)
		return ll_fail(err, "%s:%ld: more than %zu ratings (the most one load reads)",
			       c->file, line, LOAD_MAX_RATINGS);
	if (load_ctx_line(c, n, line, err) < 0)
		return -1;
	if (ratings_add(c->r, user, item, value, time) < 0)
		return ll_fail(err, "%s: out of memory", c->file);
	return 0;
}

size_t load_expect(size_t size, size_t sample, long lines)
{
	if (!size || !sample || lines <= 0)
		return 0;
	/* A tenth more than the sample's line length predicts, bounded by what
	 * a load may hold; realloc gives back what is not used. */
	double n = (double)size / ((double)sample / (double)lines) * 1.1 + 1024;
	return n > (double)LOAD_MAX_RATINGS ? LOAD_MAX_RATINGS : (size_t)n;
}

void load_ctx_expect(load_ctx *c, size_t size, size_t sample, long lines)
{
	size_t n = load_expect(size, sample, lines);
	if (n)
		ratings_reserve(c->r, n);
}

long load_cut_line(char *s, char **next, const char *file, long line, ll_error *err)
{
	char *nl = memchr(s, '\n', SIZE_MAX >> 1);
	size_t n = (size_t)(nl - s);
	*next = nl + 1;
	if (memchr(s, '\0', n))
		return ll_fail(err, "%s:%ld: NUL byte (binary file?)", file, line);
	if (n > 0 && s[n - 1] == '\r')
		n--;
	s[n] = '\0';
	return (long)n;
}


/* Ids past this are interned through the string map without a cache. */
#define CACHE_MAX (1L << 24)

int load_ctx_number(load_ctx *c, int is_user, long id, int known_only, ll_error *err)
{
	int32_t **cache = is_user ? &c->ucache : &c->icache;
	size_t *cap = is_user ? &c->ucap : &c->icap;
	if (id < CACHE_MAX && (size_t)id < *cap && (*cache)[id] >= 0)
		return (*cache)[id];
	/* The decimal text of id (snprintf would be a tenth of a load's time
	 * for a file of many ids). */
	char name[24], *t = name + sizeof name - 1;
	*t = '\0';
	unsigned long v = (unsigned long)id;
	do
		*--t = (char)('0' + v % 10);
	while (v /= 10);
	memmove(name, t, (size_t)(name + sizeof name - t));
	int x;
	if (known_only) {
		x = is_user ? ratings_find_user(c->r, name) : ratings_find_item(c->r, name);
		if (x < 0)
			return -2;
	} else {
		x = is_user ? ratings_intern_user(c->r, name) : ratings_intern_item(c->r, name);
		if (x < 0)
			return ll_fail(err, "%s: out of memory", c->file);
	}
	if (id < CACHE_MAX) {
		if ((size_t)id >= *cap) {
			size_t nc = *cap ? *cap : 1024;
			while (nc <= (size_t)id)
				nc *= 2;
			int32_t *a = realloc(*cache, nc * sizeof *a);
			if (!a)
				return ll_fail(err, "%s: out of memory", c->file);
			memset(a + *cap, 0xff, (nc - *cap) * sizeof *a);
			*cache = a;
			*cap = nc;
		}
		(*cache)[id] = x;
	}
	return x;
}

static int cached_id(load_ctx *c, int is_user, const char *text, long line,
		     ll_error *err)
{
	long id;
	if (lr_parse_long(text, &id) < 0 || id < 0 || id > 2147483647L) {
		char b[48];
		ll_fail(err, "%s:%ld: bad %s id '%s' (expected a whole number)",
			c->file, line, is_user ? "user" : "item", load_shown_field(text, b));
		return -1;
	}
	return load_ctx_number(c, is_user, id, 0, err);
}

int load_ctx_user(load_ctx *c, const char *text, long line, ll_error *err)
{
	return cached_id(c, 1, text, line, err);
}

int load_ctx_item(load_ctx *c, const char *text, long line, ll_error *err)
{
	return cached_id(c, 0, text, line, err);
}

/* Within a user's index, entries are sorted by item and, for equal items, by
 * position (the index is built by a stable sort), so duplicates are
 * neighbours. Report the pair whose second line comes first in the file. */
static int check_duplicates(load_ctx *c, ll_error *err)
{
	ratings *r = c->r;
	const ll_rating *e = ratings_entries(r);
	long best = -1, first = -1;
	int bu = 0, bi = 0;
	for (int u = 0; u < ratings_n_users(r); u++) {
		const uint32_t *pos;
		size_t n = ratings_user_entries(r, u, &pos);
		for (size_t k = 1; k < n; k++)
			if (e[pos[k]].item == e[pos[k - 1]].item &&
			    (best < 0 || line_of(c, pos[k]) < best)) {
				best = line_of(c, pos[k]);
				first = line_of(c, pos[k - 1]);
				bu = u;
				bi = e[pos[k]].item;
			}
	}
	if (best < 0)
		return 0;
	if (c->implicit)
		return ll_fail(err, "%s:%ld: user '%s' and item '%s' are listed twice (first on "
			       "line %ld); an implicit log lists each pair once (sort -u drops "
			       "repeated lines)", c->file, best, ratings_user_name(r, bu),
			       ratings_item_name(r, bi), first);
	return ll_fail(err, "%s:%ld: duplicate rating of user '%s' for item '%s' "
		       "(first rated on line %ld)", c->file, best,
		       ratings_user_name(r, bu), ratings_item_name(r, bi), first);
}

ratings *load_ctx_finish(load_ctx *c, ll_error *err)
{
	if (ratings_count(c->r) == 0) {
		ll_fail(err, "%s: no ratings", c->file);
		load_ctx_abort(c);
		return NULL;
	}
	ratings_build_index(c->r);
	const uint32_t *pos;
	/* An index that failed to build (out of memory) reads as empty, and
	 * the first entry's user has at least one entry. */
	if (ratings_user_entries(c->r, ratings_entries(c->r)[0].user, &pos) == 0) {
		ll_fail(err, "%s: out of memory", c->file);
		load_ctx_abort(c);
		return NULL;
	}
	if (ratings_has_duplicates(c->r) && check_duplicates(c, err) < 0) {
		load_ctx_abort(c);
		return NULL;
	}
	ratings *r = c->r;
	c->r = NULL;
	load_ctx_abort(c);
	return r;
}

/* load_common.c: what every loader shares (load_impl.h): the load context
 * with its numeric id caches and duplicate check, rating, time, UTF-8 and
 * genre fields, and reading a MovieLens folder from its spec. The loaders
 * call down into this file; it never calls them. */
#include "engine/data/load_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/core/lineread.h"
#include "engine/data/load_scan.h"

/* --- the shared load context ---------------------------------------------- */

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

/* A field for a message: at most 40 bytes, with control characters and
 * non-ASCII bytes (maybe not UTF-8 at all) shown as '?'. */
static const char *shown(const char *text, char buf[48])
{
	size_t n = 0;
	for (; text[n] && n < 40; n++)
		buf[n] = (unsigned char)text[n] < 0x20 || (unsigned char)text[n] >= 0x7f
			 ? '?' : text[n];
	buf[n] = '\0';
	return buf;
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
			c->file, line, is_user ? "user" : "item", shown(text, b));
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

/* --- fields --------------------------------------------------------------- */

int load_rating(const char *text, float lo, float hi, float step,
		const char *file, long line, float *out, ll_error *err)
{
	double v;
	char b[48];
	int rc = lr_parse_double(text, &v);
	if (rc == -2)
		return ll_fail(err, "%s:%ld: rating '%s' is not a finite number",
			       file, line, shown(text, b));
	if (rc < 0)
		return ll_fail(err, "%s:%ld: rating '%s' is not a number", file, line,
			       shown(text, b));
	if (v < lo || v > hi)
		return ll_fail(err, "%s:%ld: rating %g is outside the scale %g..%g",
			       file, line, v, lo, hi);
	if (step > 0) {
		double k = (v - lo) / step;
		if (fabs(k - round(k)) > 1e-6)
			return ll_fail(err, "%s:%ld: rating %g is not a step of %g from %g",
				       file, line, v, step, lo);
	}
	*out = (float)v;
	return 0;
}

int load_time(const char *text, const char *file, long line, uint32_t *out,
	      ll_error *err)
{
	char b[48];
	if (lr_parse_u32(text, out) < 0)
		return ll_fail(err, "%s:%ld: bad timestamp '%s' (expected seconds "
			       "since 1970)", file, line, shown(text, b));
	return 0;
}

int load_utf8(const char *line, size_t len, const char *file, long line_no,
	      ll_error *err)
{
	if (!lr_utf8_valid(line, len))
		return ll_fail(err, "%s:%ld: invalid UTF-8 (binary file, or another "
			       "encoding?)", file, line_no);
	return 0;
}

char *load_source_name(const char *dir, const char *format)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	size_t b = n;
	while (b > 0 && dir[b - 1] != '/')
		b--;
	char *s;
	if (n - b >= 3 && strncmp(dir + b, "ml-", 3) == 0) {
		s = strndup(dir + b, n - b);
	} else {
		size_t len = strlen(format) + n + 4;
		s = malloc(len);
		if (s)
			snprintf(s, len, "%s (%.*s)", format, (int)n, dir);
	}
	return s;
}

char *load_trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/* Genre names separated by '|' into a mask, interning new names. */
int load_genres(ratings *r, char *list, uint32_t *mask, const char *path,
		      long ln, ll_error *err)
{
	*mask = 0;
	char *g[RATINGS_MAX_GENRES + 1];
	if (!*list)
		return 0;
	int n = lr_split(list, "|", g, RATINGS_MAX_GENRES + 1);
	for (int k = 0; k < n && k <= RATINGS_MAX_GENRES; k++) {
		const char *name = load_trim(g[k]);
		if (!*name || strcmp(name, "(no genres listed)") == 0)
			continue;
		int id = ratings_intern_genre(r, name);
		if (id < 0)
			return ll_fail(err, "%s:%ld: more than %d genres", path, ln,
				       RATINGS_MAX_GENRES);
		*mask |= 1u << id;
	}
	return 0;
}

/* What numeric_slow needs besides the line. */
typedef struct numeric_args {
	load_ctx *c;
	const char *sep;
	int header;
	float lo, hi, step;
} numeric_args;

/* The general path of one MovieLens line (blank, the header, or not of the
 * common shape): 0, or -1 with the message. */
static int numeric_slow(void *arg, const char *path, char *line, size_t len, long ln,
			ll_error *err)
{
	numeric_args *a = arg;
	char *f[5];
	if (len == 0 || (a->header && ln == 1))
		return 0;
	int n = lr_split(line, a->sep, f, 5);
	if (n != 4)
		return ll_fail(err, "%s:%ld: expected 4 fields (user, item, rating, "
			       "timestamp), found %d", path, ln, n);
	float v;
	uint32_t t;
	int u = load_ctx_user(a->c, f[0], ln, err);
	int i = u < 0 ? -1 : load_ctx_item(a->c, f[1], ln, err);
	if (i < 0 || load_rating(f[2], a->lo, a->hi, a->step, path, ln, &v, err) < 0 ||
	    load_time(f[3], path, ln, &t, err) < 0 ||
	    load_ctx_add(a->c, u, i, v, t, ln, err) < 0)
		return -1;
	return 0;
}

int load_numeric_ratings(load_ctx *c, const char *path, const char *sep,
			 int header, float lo, float hi, float step, ll_error *err)
{
	numeric_args a = { c, sep, header, lo, hi, step };
	load_fast fast = { 1, sep, lo, hi, step, 0, 0, header ? 1 : 0 };
	return load_lines(c, path, &fast, numeric_slow, &a, err);
}

/* The fast path's entries go straight into the store's room: filled of
 * left slots, the first at position base. */
typedef struct fast_state {
	rating_memo memo;
	ll_rating *room;
	size_t filled, left, base;
} fast_state;

static void fast_flush(load_ctx *c, fast_state *fs)
{
	ratings_commit(c->r, fs->filled);
	fs->filled = fs->left = 0;
}

/* The line at s through the fast path: 1 taken (*next: the next line), 0
 * left to the line function, -1 with a message. */
static inline int fast_line(load_ctx *c, const load_fast *f, fast_state *fs, const char *s,
			    long ln, const char **next, ll_error *err)
{
	numeric_line x;
	float v;
	if (!(*next = load_scan_line(f, &fs->memo, s, &x, &v)))
		return 0;
	int u = x.user < (uint64_t)c->ucap ? c->ucache[x.user] : -1;
	if (u < 0 && (u = load_ctx_number(c, 1, (long)x.user, f->known_only, err)) < 0)
		return u == -2 ? 0 : -1;
	int i = x.item < (uint64_t)c->icap ? c->icache[x.item] : -1;
	if (i < 0 && (i = load_ctx_number(c, 0, (long)x.item, f->known_only, err)) < 0)
		return i == -2 ? 0 : -1;
	if (fs->filled == fs->left) {
		fast_flush(c, fs);
		size_t n = fs->base = ratings_count(c->r);
		size_t left = n < LOAD_MAX_RATINGS ? LOAD_MAX_RATINGS - n : 0;
		if (left == 0)
			return ll_fail(err, "%s:%ld: more than %zu ratings (the most one load "
				       "reads)", c->file, ln, LOAD_MAX_RATINGS);
		fs->left = left < 4096 ? left : 4096;
		if (!(fs->room = ratings_room(c->r, fs->left))) {
			fs->left = 0;
			return ll_fail(err, "%s: out of memory", c->file);
		}
	}
	size_t at = fs->base + fs->filled;
	if ((c->lines || ln - c->line_base != (long)at || at == 0) && load_ctx_line(c, at, ln, err) < 0)
		return -1;
	fs->room[fs->filled++] = (ll_rating){ u, i, v, (uint32_t)x.time };
	return 1;
}

int load_lines(load_ctx *c, const char *path, load_fast *fast, load_line_fn fn, void *arg,
	       ll_error *err)
{
	lineread *lr = load_open(path, err);
	if (!lr)
		return -1;
	fast_state *fs = calloc(1, sizeof *fs);
	if (!fs) {
		lineread_close(&lr);
		return ll_fail(err, "%s: out of memory", c->file);
	}
	rating_memo_init(&fs->memo, fast);
	const char *name = lineread_path(lr);
	load_half *half = NULL; /* the file's second half, on another thread */
	int may_cut = load_half_prepare(lr);
	char *text;
	size_t len;
	long ln = 0;
	int rc, first = 1;
	for (;;) {
		rc = lineread_chunk(lr, &text, &len, err);
		if (rc == 0 && half) {
			/* The first half is read: the second's entries follow it, and
			 * the reader goes on from the first line they do not cover. */
			fast_flush(c, fs);
			if (load_half_join(&half, c, lr, &ln, err) < 0)
				goto fail;
			continue;
		}
		if (rc != 1)
			break;
		char *s = text, *end = text + len;
		long ln0 = ln;
		while (s < end) {
			const char *next;
			int taken = 0;
			ln++;
			if (fast->on && ln != fast->skip_line &&
			    (taken = fast_line(c, fast, fs, s, ln, &next, err)) < 0)
				goto fail;
			if (taken) {
				s = (char *)next;
				continue;
			}
			fast_flush(c, fs); /* the line function may add entries */
			char *line = s;
			long n = load_cut_line(line, &s, name, ln, err);
			if (n < 0 || fn(arg, name, line, (size_t)n, ln, err) < 0)
				goto fail;
		}
		lineread_add_lines(lr, ln - ln0);
		if (first) {
			fast_flush(c, fs);
			load_ctx_expect(c, lineread_size(lr), len, ln);
			/* The fast path's settings are known by now. */
			if (may_cut)
				half = load_half_start(lr, fast, len, ln);
		}
		first = 0;
	}
	load_half_cancel(&half); /* a read error in the first half: nothing to join */
	fast_flush(c, fs);
	free(fs);
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
fail:
	load_half_cancel(&half);
	fast_flush(c, fs);
	free(fs);
	lineread_close(&lr);
	return -1;
}

static int load_side(ratings *r, const char *dir, const load_side_file *side, ll_error *err)
{
	char *p = lr_join(dir, side->name);
	if (!p)
		return ll_fail(err, "%s: out of memory", dir);
	int rc = lr_is_file(p) ? side->read(r, p, err) : 0;
	free(p);
	return rc;
}

ratings *load_movielens(const char *dir, const load_movielens_spec *spec, ll_error *err)
{
	char *data = lr_join(dir, spec->ratings_file);
	char *src = load_source_name(dir, spec->format);
	ratings *r = NULL;
	load_ctx c;
	if (!data || !src) {
		ll_fail(err, "%s: out of memory", dir);
		goto done;
	}
	if (load_ctx_init(&c, data, err) < 0)
		goto done;
	if (load_numeric_ratings(&c, data, spec->sep, spec->header, spec->lo, spec->hi,
				 spec->step, err) < 0) {
		load_ctx_abort(&c);
		goto done;
	}
	r = load_ctx_finish(&c, err);
	for (const load_side_file *side = spec->sides; r && side->name; side++)
		if (load_side(r, dir, side, err) < 0)
			ratings_free(&r);
	if (r) {
		ratings_set_scale(r, spec->lo, spec->hi, spec->step);
		ratings_set_source(r, src);
	}
done:
	free(data);
	free(src);
	return r;
}

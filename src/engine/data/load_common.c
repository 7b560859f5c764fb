/* load_common.c: the line loop every text loader runs (load_lines: the
 * fast path over whole chunks, each other line to the loader's own rule)
 * with MovieLens's numeric ratings files on it, and reading a MovieLens
 * folder from its spec. The loaders call down into this file and into
 * load_ctx.c and load_fields.c; those never call them. */
#include "engine/data/load_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/core/lineread.h"
#include "engine/data/load_scan.h"

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

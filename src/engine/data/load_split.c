/* load_split.c: a big ratings file read by two threads (load_impl.h).
 *
 * Scanning the lines is most of a load's time, and every line is scanned
 * alone, so a second thread takes the file's second half: it scans those
 * lines where the fast path takes them (load_scan.h) and keeps each as it
 * is written, with the ids as numbers. The loading thread reads the first
 * half as it would alone, then turns the second thread's entries into the
 * store's, in file order: ids become dense indexes in the order they first
 * appear, as they would on one thread, and each entry is noted with its
 * line. The second thread stops at the first line the fast path does not
 * take (a blank line, a bad one, a name), and the loading thread reads on
 * from that line itself, with every rule and message of one thread. So the
 * store, its order and every message are the same either way: only the
 * time differs.
 *
 * The split is worth a thread when the file is large (the thread and the
 * merge cost about a millisecond) and a second processor is there
 * (ll_halves_worth, engine/core/halves.h). */
#include "engine/data/load_impl.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/bigmem.h"
#include "engine/core/halves.h"
#include "engine/core/lineread.h"
#include "engine/data/load_scan.h"

/* A file smaller than this is read by one thread. */
#define SPLIT_MIN ((size_t)4 << 20)
/* The first chunk, which decides the fast path's settings (a header, the
 * columns), is about this long: 64 KiB, or 64 bytes under LL_HALVES_ALWAYS
 * (a few lines), so that a test's small file is cut too. */
#define FIRST_PIECE ((size_t)64 << 10)
#define FIRST_PIECE_ALWAYS ((size_t)64)

struct load_half {
	pthread_t thread;
	lineread *lr;          /* the second half, [from, to) */
	load_fast fast;
	size_t from, to;
	ll_rating *e;          /* what it took: ids as written, not yet dense */
	size_t n, cap;
	size_t stop;           /* the offset of the first line it did not take */
	atomic_int cancel;
};

/* Room for one more entry: 0, or -1 (then the thread stops there, and the
 * loading thread reads on from that line and finds what is wrong). */
static int half_grow(load_half *h)
{
	if (h->cap >= LOAD_MAX_RATINGS)
		return -1;
	size_t cap = h->cap ? h->cap * 2 : 4096;
	if (cap > LOAD_MAX_RATINGS)
		cap = LOAD_MAX_RATINGS;
	ll_rating *e = realloc(h->e, cap * sizeof *e);
	if (!e)
		return -1;
	ll_bigmem_hint(e + h->n, (cap - h->n) * sizeof *e);
	h->e = e;
	h->cap = cap;
	return 0;
}

static void *half_run(void *arg)
{
	load_half *h = arg;
	rating_memo *rm = malloc(sizeof *rm);
	ll_error err; /* a read error stops the thread; the loading thread meets it again */
	size_t off = h->from;
	char *text;
	size_t len;
	if (!rm)
		goto done;
	rating_memo_init(rm, &h->fast);
	while (!atomic_load_explicit(&h->cancel, memory_order_relaxed) &&
	       lineread_chunk(h->lr, &text, &len, &err) == 1) {
		const char *s = text, *end = text + len;
		while (s < end) {
			numeric_line x;
			float v;
			const char *next = load_scan_line(&h->fast, rm, s, &x, &v);
			if (!next || (h->n == h->cap && half_grow(h) < 0)) {
				off += (size_t)(s - text);
				goto done;
			}
			h->e[h->n++] = (ll_rating){ (int)x.user, (int)x.item, v, (uint32_t)x.time };
			s = next;
		}
		off += len;
	}
done:
	/* A last line without its '\n' was handed out with one. */
	h->stop = off < h->to ? off : h->to;
	free(rm);
	return NULL;
}

int load_half_prepare(lineread *lr)
{
	size_t size = lineread_size(lr);
	if (size == 0 || !ll_halves_worth(size, SPLIT_MIN))
		return 0;
	size_t piece = ll_halves_mode() == LL_HALVES_ALWAYS ? FIRST_PIECE_ALWAYS : FIRST_PIECE;
	long end = lineread_line_after(lr, piece - 1);
	ll_error err;
	return end > 0 && (size_t)end < size && lineread_window(lr, 0, (size_t)end, &err) == 0;
}

/* No split after all: lr, which load_half_prepare made end after the first
 * piece, reads on to the end from where it is. */
static load_half *alone(lineread *lr)
{
	ll_error err;
	lineread_window(lr, lineread_tell(lr), SIZE_MAX, &err);
	return NULL;
}

load_half *load_half_start(lineread *lr, const load_fast *fast, size_t sample,
			   long sample_lines)
{
	size_t size = lineread_size(lr), at = lineread_tell(lr);
	if (!fast->on || fast->known_only)
		return alone(lr);
	/* The halves by bytes: the loading thread also makes the second half's
	 * entries the store's, but that costs little beside scanning. */
	size_t mid = size / 2 > at ? size / 2 : at;
	long from = mid > 0 ? lineread_line_after(lr, mid - 1) : 0;
	if (from < 0 || (size_t)from < at || (size_t)from >= size)
		return alone(lr);
	load_half *h = calloc(1, sizeof *h);
	if (!h)
		return alone(lr);
	h->fast = *fast;
	h->from = (size_t)from;
	h->to = size;
	ll_error err;
	h->lr = lineread_part(lr, h->from, h->to, &err);
	/* Room for the lines the first chunk's length predicts. */
	size_t want = h->lr ? load_expect(size - h->from, sample, sample_lines) : 0;
	if (want && (h->e = malloc(want * sizeof *h->e))) {
		ll_bigmem_hint(h->e, want * sizeof *h->e);
		h->cap = want;
	}
	if (!h->lr || lineread_window(lr, at, h->from, &err) < 0 ||
	    pthread_create(&h->thread, NULL, half_run, h) != 0) {
		/* Nothing started: read on alone, from where the reader was. */
		lineread_close(&h->lr);
		free(h->e);
		free(h);
		return alone(lr);
	}
	return h;
}

static void half_free(load_half *h)
{
	lineread_close(&h->lr);
	free(h->e);
	free(h);
}

void load_half_cancel(load_half **ph)
{
	load_half *h = *ph;
	if (!h)
		return;
	atomic_store(&h->cancel, 1);
	pthread_join(h->thread, NULL);
	half_free(h);
	*ph = NULL;
}

int load_half_join(load_half **ph, load_ctx *c, lineread *lr, long *ln, ll_error *err)
{
	load_half *h = *ph;
	*ph = NULL;
	pthread_join(h->thread, NULL);
	size_t n0 = ratings_count(c->r), m = h->n;
	int rc = 0;
	if (m > LOAD_MAX_RATINGS - n0) {
		rc = ll_fail(err, "%s:%ld: more than %zu ratings (the most one load reads)",
			     c->file, *ln + (long)(LOAD_MAX_RATINGS - n0) + 1, LOAD_MAX_RATINGS);
		goto out;
	}
	ll_rating *room = m ? ratings_room(c->r, m) : NULL;
	if (m && !room) {
		rc = ll_fail(err, "%s: out of memory", c->file);
		goto out;
	}
	/* In file order, as the loading thread would have met them. */
	size_t j = 0;
	for (; j < m; j++) {
		const ll_rating *x = &h->e[j];
		long line = *ln + 1 + (long)j;
		size_t at = n0 + j;
		int u = (size_t)x->user < c->ucap ? c->ucache[x->user] : -1;
		if (u < 0 && (u = load_ctx_number(c, 1, x->user, 0, err)) < 0)
			break;
		int i = (size_t)x->item < c->icap ? c->icache[x->item] : -1;
		if (i < 0 && (i = load_ctx_number(c, 0, x->item, 0, err)) < 0)
			break;
		if ((c->lines || line - c->line_base != (long)at || at == 0) &&
		    load_ctx_line(c, at, line, err) < 0)
			break;
		room[j] = (ll_rating){ u, i, x->value, x->time };
	}
	ratings_commit(c->r, j);
	*ln += (long)j;
	lineread_add_lines(lr, (long)j);
	if (j < m)
		rc = -1;
	else
		rc = lineread_window(lr, h->stop, SIZE_MAX, err);
out:
	half_free(h);
	return rc;
}

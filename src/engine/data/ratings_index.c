/* ratings_index.c: the store's CSR indexes by stable counting sorts (see
 * ratings_index.h), in passes that read their inputs in order (the keys
 * they need travel with the positions, so no pass reads the entries at
 * random):
 *   1. the rows' sizes, and whether the entries come grouped by user in
 *      index order, as a MovieLens file's do;
 *   2. when they do not, the positions by user, each with its item;
 *   3. those (or 0..n-1) by item, each with its user: so each item's row
 *      is by user, then position;
 *   4. those by user again: each user's row is by item, then position.
 *
 * A big grouped store runs passes 1, 3 and 4 in two halves on two threads
 * (engine/core/halves.h). Each half writes slots no other writes, and
 * starts where the one-thread pass would be when it got there: pass 3's
 * second half, which holds the later users, starts each item's row after
 * the first half's entries of that item; pass 4's second half, which holds
 * the later items, starts each user's row after that user's entries of
 * earlier items. So the arrays are the same bits either way. */
#include "engine/data/ratings_index.h"

#include <stdlib.h>
#include <string.h>

#include "engine/core/bigmem.h"
#include "engine/core/halves.h"

/* Below this many entries one thread is as fast (starting three threads
 * and merging the counts costs about a tenth of a millisecond). */
#define INDEX_SPLIT_MIN ((size_t)1 << 18)

static uint32_t *big_array(size_t n)
{
	uint32_t *a = malloc((n ? n : 1) * sizeof *a);
	if (a)
		ll_bigmem_hint(a, (n ? n : 1) * sizeof *a);
	return a;
}

/* Passes 2 to 4 from the counts of pass 1 (uoff, ioff: prefix sums, of nu +
 * 1 and ni + 1), on one thread. uoff and ioff become the index's. */
static int build_rest(const ll_rating *e, size_t n, int nu, int ni, uint32_t *uoff,
		      uint32_t *ioff, int grouped, ratings_index *out)
{
	uint32_t *ucur = malloc(((size_t)nu + 1) * sizeof *ucur);
	uint32_t *icur = malloc(((size_t)ni + 1) * sizeof *icur);
	int32_t *last = malloc(((size_t)ni + 1) * sizeof *last);
	uint32_t *upos = big_array(n), *ipos = big_array(n), *iuser = big_array(n);
	uint32_t *by_user = NULL, *uitem = NULL;
	if (!ucur || !icur || !last || !upos || !ipos || !iuser)
		goto fail;
	if (!grouped) {
		if (!(by_user = big_array(n)) || !(uitem = big_array(n)))
			goto fail;
		memcpy(ucur, uoff, ((size_t)nu + 1) * sizeof *ucur);
		for (size_t k = 0; k < n; k++) {
			uint32_t at = ucur[e[k].user]++;
			by_user[at] = (uint32_t)k;
			uitem[at] = (uint32_t)e[k].item;
		}
	}
	/* Pass 3 meets each user's entries together: an item met twice in a
	 * row of the same user is a duplicate pair. */
	memcpy(icur, ioff, ((size_t)ni + 1) * sizeof *icur);
	memset(last, 0xff, ((size_t)ni + 1) * sizeof *last);
	int dups = 0;
	for (int u = 0; u < nu; u++)
		for (uint32_t t = uoff[u]; t < uoff[u + 1]; t++) {
			int32_t item = grouped ? e[t].item : (int32_t)uitem[t];
			dups |= last[item] == u;
			last[item] = u;
			uint32_t at = icur[item]++;
			ipos[at] = grouped ? t : by_user[t];
			iuser[at] = (uint32_t)u;
		}
	memcpy(ucur, uoff, ((size_t)nu + 1) * sizeof *ucur);
	for (size_t t = 0; t < n; t++)
		upos[ucur[iuser[t]]++] = ipos[t];
	free(ucur), free(icur), free(last), free(iuser), free(by_user), free(uitem);
	*out = (ratings_index){ uoff, upos, ioff, ipos, dups };
	return 0;
fail:
	free(ucur), free(icur), free(last), free(upos), free(ipos);
	free(iuser), free(by_user), free(uitem);
	return -1;
}

static void prefix(uint32_t *off, int n)
{
	for (int j = 0; j < n; j++)
		off[j + 1] += off[j];
}

static int build_one(const ll_rating *e, size_t n, int nu, int ni, ratings_index *out)
{
	uint32_t *uoff = calloc((size_t)nu + 1, sizeof *uoff);
	uint32_t *ioff = calloc((size_t)ni + 1, sizeof *ioff);
	int grouped = 1;
	if (!uoff || !ioff)
		goto fail;
	for (size_t k = 0; k < n; k++) {
		uoff[e[k].user + 1]++;
		ioff[e[k].item + 1]++;
		grouped &= k == 0 || e[k].user >= e[k - 1].user;
	}
	prefix(uoff, nu);
	prefix(ioff, ni);
	if (build_rest(e, n, nu, ni, uoff, ioff, grouped, out) == 0)
		return 0;
fail:
	free(uoff), free(ioff);
	return -1;
}

/* --- two halves ------------------------------------------------------------ */

/* One thread's half of each pass: entries [lo, hi) in passes 1 and 3,
 * index slots [tlo, thi) in pass 4. */
typedef struct half {
	int pass;
	const ll_rating *e;
	size_t lo, hi, tlo, thi;
	uint32_t *ucount, *icount; /* pass 1: row sizes at [x + 1] */
	int grouped;
	uint32_t *icur;            /* pass 3: each item's next slot, */
	int32_t *last;             /* the user that last met each item, */
	uint32_t *ipos, *iuser;
	uint32_t *early;           /* each user's entries of items below cut */
	int cut, dups;
	uint32_t *ucur, *upos;     /* pass 4: each user's next slot */
} half;

static void run_half(void *arg)
{
	half *h = arg;
	const ll_rating *e = h->e;
	if (h->pass == 1) {
		for (size_t k = h->lo; k < h->hi; k++) {
			h->ucount[e[k].user + 1]++;
			h->icount[e[k].item + 1]++;
			h->grouped &= k == h->lo || e[k].user >= e[k - 1].user;
		}
	} else if (h->pass == 3) {
		int dups = 0;
		for (size_t t = h->lo; t < h->hi; t++) {
			int32_t u = e[t].user, item = e[t].item;
			dups |= h->last[item] == u;
			h->last[item] = u;
			uint32_t at = h->icur[item]++;
			h->ipos[at] = (uint32_t)t;
			h->iuser[at] = (uint32_t)u;
			h->early[u] += item < h->cut;
		}
		h->dups = dups;
	} else {
		for (size_t t = h->tlo; t < h->thi; t++)
			h->upos[h->ucur[h->iuser[t]]++] = h->ipos[t];
	}
}

/* The first position at or after n / 2 whose user differs from the one
 * before: the halves of a grouped store share no user. */
static size_t user_cut(const ll_rating *e, size_t n)
{
	size_t h = n / 2;
	while (h > 0 && h < n && e[h].user == e[h - 1].user)
		h++;
	return h;
}

static int build_two(const ll_rating *e, size_t n, int nu, int ni, ratings_index *out)
{
	size_t nu1 = (size_t)nu + 1, ni1 = (size_t)ni + 1, h = user_cut(e, n);
	half a = { .pass = 1, .e = e, .lo = 0, .hi = h, .grouped = 1 };
	half b = { .pass = 1, .e = e, .lo = h, .hi = n, .grouped = 1 };
	a.ucount = calloc(nu1, sizeof *a.ucount), a.icount = calloc(ni1, sizeof *a.icount);
	b.ucount = calloc(nu1, sizeof *b.ucount), b.icount = calloc(ni1, sizeof *b.icount);
	a.last = malloc(ni1 * sizeof *a.last), b.last = malloc(ni1 * sizeof *b.last);
	a.icur = malloc(ni1 * sizeof *a.icur), b.icur = malloc(ni1 * sizeof *b.icur);
	a.ucur = malloc(nu1 * sizeof *a.ucur), b.ucur = malloc(nu1 * sizeof *b.ucur);
	uint32_t *early = calloc(nu1, sizeof *early);
	uint32_t *upos = big_array(n), *ipos = big_array(n), *iuser = big_array(n);
	uint32_t *uoff = a.ucount, *ioff = b.icount;
	int rc = -1;
	if (!a.ucount || !a.icount || !b.ucount || !b.icount || !a.last || !b.last || !a.icur ||
	    !b.icur || !a.ucur || !b.ucur || !early || !upos || !ipos || !iuser)
		goto done;
	ll_halves_run(run_half, &a, &b);
	int grouped = a.grouped && b.grouped && (h == 0 || h == n || e[h].user > e[h - 1].user);
	/* The rows' sizes: the halves' sums. b's item counts become the
	 * offsets; a's stay, to start b's rows after a's entries. */
	for (size_t j = 1; j < nu1; j++)
		uoff[j] += b.ucount[j];
	for (size_t j = 1; j < ni1; j++)
		ioff[j] += a.icount[j];
	prefix(uoff, nu);
	prefix(ioff, ni);
	if (!grouped) {
		/* Not grouped after all: one thread, from the counts. */
		free(upos), free(ipos), free(iuser);
		upos = ipos = iuser = NULL;
		if (build_rest(e, n, nu, ni, uoff, ioff, 0, out) == 0) {
			uoff = ioff = NULL; /* the index's now */
			rc = 0;
		}
		goto done;
	}
	/* Pass 3: a holds the earlier users, so each item's row holds a's
	 * entries of it first. Pass 4 cuts at an item, about halfway. */
	int cut = 0;
	while (cut < ni && ioff[cut] < n / 2)
		cut++;
	memcpy(a.icur, ioff, ni1 * sizeof *a.icur);
	for (size_t j = 0; j < ni1; j++)
		b.icur[j] = ioff[j] + (j + 1 < ni1 ? a.icount[j + 1] : 0);
	memset(a.last, 0xff, ni1 * sizeof *a.last);
	memset(b.last, 0xff, ni1 * sizeof *b.last);
	a.pass = b.pass = 3;
	a.ipos = b.ipos = ipos, a.iuser = b.iuser = iuser;
	a.early = b.early = early; /* the halves' users are disjoint */
	a.cut = b.cut = cut;
	ll_halves_run(run_half, &a, &b);
	/* Pass 4: b holds the later items, so each user's row holds that
	 * user's entries of earlier items (a's) first. */
	memcpy(a.ucur, uoff, nu1 * sizeof *a.ucur);
	for (size_t j = 0; j < nu1; j++)
		b.ucur[j] = uoff[j] + (j < (size_t)nu ? early[j] : 0);
	a.pass = b.pass = 4;
	a.upos = b.upos = upos;
	a.tlo = 0, a.thi = b.tlo = ioff[cut], b.thi = n;
	ll_halves_run(run_half, &a, &b);
	*out = (ratings_index){ uoff, upos, ioff, ipos, a.dups | b.dups };
	uoff = ioff = upos = ipos = NULL;
	rc = 0;
done:
	free(uoff), free(ioff), free(upos), free(ipos), free(iuser), free(early);
	free(a.icount), free(b.ucount), free(a.last), free(b.last);
	free(a.icur), free(b.icur), free(a.ucur), free(b.ucur);
	return rc;
}

int ratings_index_build(const ll_rating *e, size_t n, int nu, int ni, ratings_index *out)
{
	memset(out, 0, sizeof *out);
	if (n >= 2 && ll_halves_worth(n, INDEX_SPLIT_MIN))
		return build_two(e, n, nu, ni, out);
	return build_one(e, n, nu, ni, out);
}

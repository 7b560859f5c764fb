/* split.c: holdout, k-fold, MovieLens folds and leave-one-out (see split.h). */
#include "engine/data/split.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>


struct split {
	split_fold *folds;
	char (*names)[32];
	int n, cap;
	char desc[64];
};

split *split_new(const char *fmt_desc)
{
	split *s = calloc(1, sizeof *s);
	if (s)
		snprintf(s->desc, sizeof s->desc, "%s", fmt_desc);
	return s;
}

void split_free(split **ps)
{
	if (!ps || !*ps)
		return;
	split *s = *ps;
	for (int i = 0; i < s->n; i++) {
		ratings_free(&s->folds[i].train);
		ratings_free(&s->folds[i].test);
		free(s->folds[i].negatives);
	}
	free(s->folds);
	free(s->names);
	free(s);
	*ps = NULL;
}

int split_n_folds(const split *s) { return s->n; }
const split_fold *split_get(const split *s, int i) { return &s->folds[i]; }
const char *split_fold_name(const split *s, int i) { return s->names[i]; }
const char *split_describe(const split *s) { return s->desc; }

/* Take ownership of train/test (and negatives) as the next fold. */
static int add_fold(split *s, const char *name, ratings *train, ratings *test,
		    int32_t *neg, int n_neg, ll_error *err)
{
	if (!train || !test) {
		ratings_free(&train), ratings_free(&test), free(neg);
		return ll_fail(err, "out of memory while splitting");
	}
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 8;
		split_fold *f = realloc(s->folds, (size_t)cap * sizeof *f);
		if (f)
			s->folds = f;
		char (*nm)[32] = f ? realloc(s->names, (size_t)cap * sizeof *nm) : NULL;
		if (!f || !nm) {
			ratings_free(&train), ratings_free(&test), free(neg);
			return ll_fail(err, "out of memory while splitting");
		}
		s->names = nm;
		s->cap = cap;
	}
	s->folds[s->n] = (split_fold){ train, test, neg, n_neg };
	snprintf(s->names[s->n], sizeof s->names[s->n], "%s", name);
	s->n++;
	return 0;
}

int split_add(split *s, const char *name, ratings *train, ratings *test, ll_error *err)
{
	return add_fold(s, name, train, test, NULL, 0, err);
}

static gsl_rng *seeded(unsigned long seed, ll_error *err)
{
	ll_gsl_quiet();
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!g) {
		ll_fail(err, "out of memory for the random generator");
		return NULL;
	}
	gsl_rng_set(g, seed);
	return g;
}

/* 0..n-1 in an order fixed by the generator (Fisher-Yates). mt19937 draws
 * 32-bit numbers, so gsl_rng_uniform_int covers stores of up to 2^32. */
static size_t *shuffled(size_t n, gsl_rng *g)
{
	size_t *p = malloc((n ? n : 1) * sizeof *p);
	if (!p)
		return NULL;
	for (size_t i = 0; i < n; i++)
		p[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = gsl_rng_uniform_int(g, i);
		size_t t = p[i - 1];
		p[i - 1] = p[j], p[j] = t;
	}
	return p;
}

/* Build train/test from a per-entry flag (1 = test), keeping store order. */
static int add_by_flag(split *s, const char *name, const ratings *r,
		       const unsigned char *is_test, unsigned char want,
		       int32_t *neg, int n_neg, ll_error *err)
{
	size_t n = ratings_count(r), nt = 0;
	for (size_t i = 0; i < n; i++)
		nt += is_test[i] == want;
	size_t *tr = malloc((n - nt + 1) * sizeof *tr), *te = malloc((nt + 1) * sizeof *te);
	if (!tr || !te) {
		free(tr), free(te), free(neg);
		return ll_fail(err, "out of memory while splitting");
	}
	size_t a = 0, b = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_test[i] == want)
			te[b++] = i;
		else
			tr[a++] = i;
	}
	int rc = add_fold(s, name, ratings_subset(r, tr, a), ratings_subset(r, te, b),
			  neg, n_neg, err);
	free(tr), free(te);
	return rc;
}

split *split_holdout(const ratings *r, double test_frac, unsigned long seed, ll_error *err)
{
	size_t n = ratings_count(r);
	if (!(test_frac > 0 && test_frac < 1)) {
		ll_fail(err, "holdout fraction must be between 0 and 1 (got %g)", test_frac);
		return NULL;
	}
	size_t nt = (size_t)(test_frac * (double)n + 0.5);
	if (nt == 0 || nt >= n) {
		ll_fail(err, "holdout %g of %zu ratings leaves an empty train or test part",
			test_frac, n);
		return NULL;
	}
	char desc[64];
	snprintf(desc, sizeof desc, "holdout %g", test_frac);
	split *s = split_new(desc);
	gsl_rng *g = seeded(seed, err);
	size_t *perm = g ? shuffled(n, g) : NULL;
	unsigned char *flag = calloc(n, 1);
	if (!s || !perm || !flag) {
		if (g)
			ll_fail(err, "out of memory while splitting");
		goto fail;
	}
	for (size_t i = 0; i < nt; i++)
		flag[perm[i]] = 1;
	if (add_by_flag(s, "holdout", r, flag, 1, NULL, 0, err) < 0)
		goto fail;
	free(perm), free(flag), gsl_rng_free(g);
	return s;
fail:
	free(perm), free(flag);
	if (g)
		gsl_rng_free(g);
	split_free(&s);
	return NULL;
}

split *split_kfold(const ratings *r, int k, unsigned long seed, ll_error *err)
{
	size_t n = ratings_count(r);
	if (k < 2 || k > 255 || (size_t)k > n) {
		ll_fail(err, "cannot make %d folds of %zu ratings (need 2 <= k <= min(255, ratings))",
			k, n);
		return NULL;
	}
	char desc[64];
	snprintf(desc, sizeof desc, "cv %d", k);
	split *s = split_new(desc);
	gsl_rng *g = seeded(seed, err);
	size_t *perm = g ? shuffled(n, g) : NULL;
	unsigned char *part = malloc(n ? n : 1);
	if (!s || !perm || !part) {
		if (g)
			ll_fail(err, "out of memory while splitting");
		goto fail;
	}
	/* Dealt like cards: part sizes differ by at most one. */
	for (size_t j = 0; j < n; j++)
		part[perm[j]] = (unsigned char)(j % (size_t)k);
	free(perm), perm = NULL;
	for (int f = 0; f < k; f++) {
		char name[32];
		snprintf(name, sizeof name, "fold %d", f + 1);
		if (add_by_flag(s, name, r, part, (unsigned char)f, NULL, 0, err) < 0)
			goto fail;
	}
	free(part), gsl_rng_free(g);
	return s;
fail:
	free(perm), free(part);
	if (g)
		gsl_rng_free(g);
	split_free(&s);
	return NULL;
}

/* --- leave-one-out ------------------------------------------------------- */

/* n_neg distinct items that user u never rated, into row (padded with -1).
 * mark[] holds stamp for items u rated; the stamp changes per user so the
 * array is never cleared (O(ratings of u) per user, not O(items)). */
static void sample_negatives(const ratings *r, int u, int n_neg, gsl_rng *g,
			     int32_t *mark, int32_t *pool, int32_t *row)
{
	int ni = ratings_n_items(r);
	const ll_rating *e = ratings_entries(r);
	const uint32_t *pos;
	size_t nr = ratings_user_entries(r, u, &pos);
	int32_t rated = 2 * u + 1, chosen = 2 * u + 2;
	for (size_t j = 0; j < nr; j++)
		mark[e[pos[j]].item] = rated;
	int free_items = ni - (int)nr;
	for (int j = 0; j < n_neg; j++)
		row[j] = -1;
	if (free_items <= 0)
		return;
	if (free_items < 4 * n_neg) {
		/* Few candidates: list them and draw without replacement. */
		int m = 0;
		for (int i = 0; i < ni; i++)
			if (mark[i] != rated)
				pool[m++] = i;
		int take = m < n_neg ? m : n_neg;
		for (int j = 0; j < take; j++) {
			int t = j + (int)gsl_rng_uniform_int(g, (unsigned long)(m - j));
			int32_t x = pool[t];
			pool[t] = pool[j], pool[j] = x;
			row[j] = x;
		}
		return;
	}
	/* Many candidates: rejection sampling ends quickly (acceptance >= 3/4). */
	for (int j = 0; j < n_neg;) {
		int32_t x = (int32_t)gsl_rng_uniform_int(g, (unsigned long)ni);
		if (mark[x] == rated || mark[x] == chosen)
			continue;
		mark[x] = chosen;
		row[j++] = x;
	}
}

split *split_loo(const ratings *r, int n_neg, unsigned long seed, ll_error *err)
{
	if (n_neg < 0 || n_neg > 100000) {
		ll_fail(err, "number of negatives must be between 0 and 100000 (got %d)", n_neg);
		return NULL;
	}
	size_t n = ratings_count(r);
	int nu = ratings_n_users(r), ni = ratings_n_items(r);
	char desc[64];
	snprintf(desc, sizeof desc, "loo %d", n_neg);
	split *s = split_new(desc);
	gsl_rng *g = seeded(seed, err);
	unsigned char *flag = calloc(n ? n : 1, 1);
	int32_t *neg = malloc(((size_t)nu * (size_t)n_neg + 1) * sizeof *neg);
	int32_t *mark = malloc(((size_t)ni + 1) * sizeof *mark);
	int32_t *pool = malloc(((size_t)ni + 1) * sizeof *pool);
	if (!s || !g || !flag || !neg || !mark || !pool) {
		if (g)
			ll_fail(err, "out of memory while splitting");
		goto fail;
	}
	for (int i = 0; i < ni; i++)
		mark[i] = 0;
	const ll_rating *e = ratings_entries(r);
	int held = 0;
	for (int u = 0; u < nu; u++) {
		int32_t *row = neg + (size_t)u * (size_t)n_neg;
		const uint32_t *pos;
		size_t nr = ratings_user_entries(r, u, &pos);
		if (nr < 2) {
			for (int j = 0; j < n_neg; j++)
				row[j] = -1;
			continue;
		}
		/* Latest rating; on equal times the later position wins. */
		uint32_t best = pos[0];
		for (size_t j = 1; j < nr; j++) {
			uint32_t p = pos[j];
			if (e[p].time > e[best].time || (e[p].time == e[best].time && p > best))
				best = p;
		}
		flag[best] = 1;
		held++;
		sample_negatives(r, u, n_neg, g, mark, pool, row);
	}
	if (held == 0) {
		ll_fail(err, "leave-one-out needs a user with at least 2 ratings");
		goto fail;
	}
	free(mark), free(pool);
	mark = pool = NULL;
	if (add_by_flag(s, "loo", r, flag, 1, neg, n_neg, err) < 0) {
		neg = NULL; /* add_by_flag freed it */
		goto fail;
	}
	free(flag), gsl_rng_free(g);
	return s;
fail:
	free(flag), free(neg), free(mark), free(pool);
	if (g)
		gsl_rng_free(g);
	split_free(&s);
	return NULL;
}

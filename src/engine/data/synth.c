/* synth.c: synthetic ratings with a planted latent structure (see synth.h).
 *
 * The generator first "plants" the truth (factors, biases, popularity,
 * genres) and then samples who rated what; both draw from one seeded
 * mt19937 in a fixed order, so synth_truth_new() can replay the planting. */
#include "engine/data/synth.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* MovieLens-like shape: mean near 3.5, ratings mostly 3 and 4. */
#define MU 3.5
#define SD_USER_BIAS 0.4
#define SD_ITEM_BIAS 0.4
#define DOT_SD 0.75       /* standard deviation of the planted dot product */
/* Item popularity ~ (rank + ZIPF_SHIFT)^-ZIPF_ALPHA: the most rated ml-100k
 * movie has 0.58% of the ratings; this gives about 0.7% at that size. */
#define ZIPF_ALPHA 0.8
#define ZIPF_SHIFT 20.0
#define ACTIVITY_SD 1.0   /* log-normal spread of user activity */

static const char *const genre_names[] = {
	"Action", "Adventure", "Animation", "Children", "Comedy", "Crime",
	"Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
	"Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
};
#define N_NAMED (int)(sizeof genre_names / sizeof *genre_names)

struct synth_truth {
	synth_opts o;
	float *p, *q;        /* users x k, items x k */
	float *bu, *bi;
	double *pop;         /* item popularity weights */
	uint32_t *genres;    /* item genre masks */
};

void synth_defaults(synth_opts *o)
{
	*o = (synth_opts){
		.users = 943, .items = 1682, .ratings = 100000,
		.k = 8, .genres = N_NAMED, .noise = 0.6, .seed = 1,
	};
}

static int check_opts(const synth_opts *o, ll_error *err)
{
	if (o->users < 1 || o->items < 1)
		return ll_fail(err, "synthetic: users and items must be at least 1");
	if (o->ratings < 0 || (double)o->ratings > (double)o->users * o->items)
		return ll_fail(err, "synthetic: ratings must be between 0 and users x items "
			       "(%.0f)", (double)o->users * o->items);
	/* The bounds keep a dataset within seconds and a few hundred MB: the
	 * ratings, their two CSR indexes and the planted factors. */
	if (o->users > SYNTH_MAX_SIDE || o->items > SYNTH_MAX_SIDE || o->ratings > SYNTH_MAX_RATINGS) {
		double bytes = (double)o->ratings * 40 + ((double)o->users + o->items) * (o->k + 8) * 8.0;
		return ll_fail(err, "synthetic: %d users, %d items and %ld ratings would take about "
			       "%.1f GB (at most %d users, %d items and %ld ratings)", o->users, o->items,
			       o->ratings, bytes / 1e9, SYNTH_MAX_SIDE, SYNTH_MAX_SIDE, SYNTH_MAX_RATINGS);
	}
	if (o->k < 1 || o->k > 256)
		return ll_fail(err, "synthetic: k must be between 1 and 256");
	if (o->genres < 0 || o->genres > RATINGS_MAX_GENRES)
		return ll_fail(err, "synthetic: genres must be between 0 and %d",
			       RATINGS_MAX_GENRES);
	if (!(o->noise >= 0) || o->noise > 10)
		return ll_fail(err, "synthetic: noise must be between 0 and 10");
	return 0;
}

void synth_truth_free(synth_truth **pt)
{
	if (!pt || !*pt)
		return;
	synth_truth *t = *pt;
	free(t->p);
	free(t->q);
	free(t->bu);
	free(t->bi);
	free(t->pop);
	free(t->genres);
	free(t);
	*pt = NULL;
}

/* An item's genres come from its dominant factors: genre g belongs to factor
 * g mod k; the strongest factor gives one of its genres, the second one too
 * when it is at least half as strong. */
static uint32_t item_genres(const synth_opts *o, const float *q, gsl_rng *rng)
{
	int k = o->k, f1 = 0, f2 = -1;
	for (int f = 1; f < k; f++)
		if (q[f] > q[f1])
			f1 = f;
	for (int f = 0; f < k; f++)
		if (f != f1 && (f2 < 0 || q[f] > q[f2]))
			f2 = f;
	uint32_t mask = 0;
	int pick[2] = { f1, f2 >= 0 && q[f2] > 0.5f * q[f1] && q[f2] > 0 ? f2 : -1 };
	for (int s = 0; s < 2; s++) {
		if (pick[s] < 0 || pick[s] >= o->genres)
			continue;
		/* Genres of this factor: pick[s], pick[s] + k, ... */
		int n = (o->genres - pick[s] + k - 1) / k;
		int g = pick[s] + k * (int)gsl_rng_uniform_int(rng, (unsigned long)n);
		mask |= 1u << g;
	}
	return mask;
}

/* Plant the truth, drawing from rng in a fixed order. */
static synth_truth *plant(const synth_opts *o, gsl_rng *rng, ll_error *err)
{
	synth_truth *t = calloc(1, sizeof *t);
	size_t nu = (size_t)o->users, ni = (size_t)o->items, k = (size_t)o->k;
	if (t) {
		t->o = *o;
		t->p = malloc(nu * k * sizeof *t->p);
		t->q = malloc(ni * k * sizeof *t->q);
		t->bu = malloc(nu * sizeof *t->bu);
		t->bi = malloc(ni * sizeof *t->bi);
		t->pop = malloc(ni * sizeof *t->pop);
		t->genres = calloc(ni, sizeof *t->genres);
	}
	if (!t || !t->p || !t->q || !t->bu || !t->bi || !t->pop || !t->genres) {
		synth_truth_free(&t);
		ll_fail(err, "synthetic: out of memory");
		return NULL;
	}
	/* Each factor entry has sd s with s*s*sqrt(k) = DOT_SD. */
	double s = sqrt(DOT_SD / sqrt((double)k));
	for (size_t x = 0; x < nu * k; x++)
		t->p[x] = (float)gsl_ran_gaussian_ziggurat(rng, s);
	for (size_t x = 0; x < ni * k; x++)
		t->q[x] = (float)gsl_ran_gaussian_ziggurat(rng, s);
	for (size_t u = 0; u < nu; u++)
		t->bu[u] = (float)gsl_ran_gaussian_ziggurat(rng, SD_USER_BIAS);
	/* Popularity ranks are a random permutation, so "S1" is not special;
	 * popular movies are also a little better liked, as in MovieLens. */
	size_t *rank = malloc(ni * sizeof *rank);
	if (!rank) {
		synth_truth_free(&t);
		ll_fail(err, "synthetic: out of memory");
		return NULL;
	}
	for (size_t i = 0; i < ni; i++)
		rank[i] = i;
	gsl_ran_shuffle(rng, rank, ni, sizeof *rank);
	for (size_t i = 0; i < ni; i++) {
		double r01 = ni > 1 ? (double)rank[i] / (double)(ni - 1) : 0.5;
		t->pop[i] = pow((double)rank[i] + ZIPF_SHIFT, -ZIPF_ALPHA);
		t->bi[i] = (float)(gsl_ran_gaussian_ziggurat(rng, SD_ITEM_BIAS) +
				   0.3 * (0.5 - r01));
	}
	free(rank);
	for (size_t i = 0; i < ni; i++)
		t->genres[i] = o->genres ? item_genres(o, t->q + i * k, rng) : 0;
	return t;
}

double synth_truth_score(const synth_truth *t, int u, int i)
{
	int k = t->o.k;
	const float *p = t->p + (size_t)u * (size_t)k, *q = t->q + (size_t)i * (size_t)k;
	double dot = 0;
	for (int f = 0; f < k; f++)
		dot += (double)p[f] * q[f];
	return MU + t->bu[u] + t->bi[i] + dot;
}

synth_truth *synth_truth_new(const synth_opts *o, ll_error *err)
{
	if (check_opts(o, err) < 0)
		return NULL;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!rng) {
		ll_fail(err, "synthetic: out of memory");
		return NULL;
	}
	gsl_rng_set(rng, o->seed);
	synth_truth *t = plant(o, rng, err);
	gsl_rng_free(rng);
	return t;
}

/* How many ratings each user gives: a floor of up to 20, the rest spread by
 * log-normal activity weights (heavy-tailed, as MovieLens users are), no one
 * above the number of items. Sums to exactly o->ratings. */
static int user_counts(const synth_opts *o, gsl_rng *rng, unsigned *n, ll_error *err)
{
	size_t nu = (size_t)o->users;
	unsigned cap = (unsigned)o->items;
	long floor_n = o->ratings / (2L * o->users);
	if (floor_n > 20)
		floor_n = 20;
	double *w = malloc(nu * sizeof *w);
	if (!w)
		return ll_fail(err, "synthetic: out of memory");
	for (size_t u = 0; u < nu; u++)
		w[u] = exp(gsl_ran_gaussian_ziggurat(rng, ACTIVITY_SD));
	long rest = o->ratings - floor_n * o->users;
	gsl_ran_multinomial(rng, nu, (unsigned)rest, w, n);
	free(w);
	long excess = 0;
	for (size_t u = 0; u < nu; u++) {
		n[u] += (unsigned)floor_n;
		if (n[u] > cap) {
			excess += n[u] - cap;
			n[u] = cap;
		}
	}
	/* Hand what the busiest users could not take to the others, in turn. */
	for (size_t u = gsl_rng_uniform_int(rng, nu); excess > 0; u = (u + 1) % nu)
		if (n[u] < cap) {
			n[u]++;
			excess--;
		}
	return 0;
}

/* Choose cnt distinct items for one user, by popularity. Few picks: draw and
 * reject repeats (seen[] marks picks). Many picks, or too many repeats:
 * weighted sampling without replacement by exponential keys, O(items). */
typedef struct keyed {
	double key;
	uint32_t item;
} keyed;

/* Largest key first; equal keys (both picked already) by item. */
static int cmp_key(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return (x->item > y->item) - (x->item < y->item);
}

static int pick_items(const synth_truth *t, gsl_rng *rng, gsl_ran_discrete_t *dist,
		      unsigned cnt, unsigned char *seen, uint32_t *out, keyed *keys)
{
	size_t ni = (size_t)t->o.items;
	unsigned got = 0;
	if ((size_t)cnt * 4 <= ni) {
		unsigned long tries = 0, budget = 50ul * cnt + 100;
		while (got < cnt && tries++ < budget) {
			size_t i = gsl_ran_discrete(rng, dist);
			if (!seen[i]) {
				seen[i] = 1;
				out[got++] = (uint32_t)i;
			}
		}
		if (got == cnt)
			return 0;
	}
	/* Keys log(u)/w, the order of u^(1/w): the largest cnt - got of them are
	 * a weighted sample without replacement (Efraimidis and Spirakis).
	 * Earlier picks are kept and sort last. */
	for (size_t i = 0; i < ni; i++) {
		keys[i].key = seen[i] ? -INFINITY : log(gsl_rng_uniform_pos(rng)) / t->pop[i];
		keys[i].item = (uint32_t)i;
	}
	qsort(keys, ni, sizeof *keys, cmp_key);
	for (size_t x = 0; got < cnt; x++) {
		seen[keys[x].item] = 1;
		out[got++] = keys[x].item;
	}
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

ratings *synth_generate(const synth_opts *o, ll_error *err)
{
	if (check_opts(o, err) < 0)
		return NULL;
	ll_gsl_quiet();
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!rng) {
		ll_fail(err, "synthetic: out of memory");
		return NULL;
	}
	gsl_rng_set(rng, o->seed);
	synth_truth *t = plant(o, rng, err);
	ratings *r = ratings_new();
	size_t nu = (size_t)o->users, ni = (size_t)o->items;
	unsigned *counts = calloc(nu, sizeof *counts);
	unsigned char *seen = calloc(ni, 1);
	uint32_t *picked = malloc(ni * sizeof *picked);
	keyed *keys = malloc(ni * sizeof *keys);
	gsl_ran_discrete_t *dist = t ? gsl_ran_discrete_preproc(ni, t->pop) : NULL;
	if (!t || !r || !counts || !seen || !picked || !keys || !dist) {
		if (t)
			ll_fail(err, "synthetic: out of memory");
		goto fail;
	}
	char name[48];
	for (int u = 0; u < o->users; u++) {
		snprintf(name, sizeof name, "u%d", u + 1);
		if (ratings_intern_user(r, name) != u)
			goto oom;
	}
	for (int g = 0; g < o->genres; g++) {
		if (g < N_NAMED)
			snprintf(name, sizeof name, "%s", genre_names[g]);
		else
			snprintf(name, sizeof name, "Genre %d", g + 1);
		ratings_intern_genre(r, name);
	}
	for (int i = 0; i < o->items; i++) {
		snprintf(name, sizeof name, "S%d", i + 1);
		if (ratings_intern_item(r, name) != i)
			goto oom;
		snprintf(name, sizeof name, "Synthetic movie %d", i + 1);
		if (ratings_set_item_title(r, i, name) < 0)
			goto oom;
		ratings_set_item_genres(r, i, t->genres[i]);
	}
	if (user_counts(o, rng, counts, err) < 0)
		goto fail;
	for (int u = 0; u < o->users; u++) {
		pick_items(t, rng, dist, counts[u], seen, picked, keys);
		/* Sorted by item, so the store does not depend on draw order
		 * beyond which items were drawn. */
		qsort(picked, counts[u], sizeof *picked, cmp_u32);
		for (unsigned j = 0; j < counts[u]; j++) {
			int i = (int)picked[j];
			seen[i] = 0;
			double v = synth_truth_score(t, u, i) +
				   (o->noise > 0 ? gsl_ran_gaussian_ziggurat(rng, o->noise) : 0);
			v = round(v);
			v = v < 1 ? 1 : v > 5 ? 5 : v;
			/* Spread over about a year from late 1997, like ml-100k. */
			uint32_t time = 874700000u + (uint32_t)gsl_rng_uniform_int(rng, 31536000ul);
			if (ratings_add(r, u, i, (float)v, time) < 0)
				goto oom;
		}
	}
	ratings_set_scale(r, 1, 5, 1);
	char src[160];
	snprintf(src, sizeof src, "synthetic (seed %lu, %d users, %d items, %ld ratings, k=%d)",
		 o->seed, o->users, o->items, o->ratings, o->k);
	ratings_set_source(r, src);
	ratings_build_index(r);
	goto done;
oom:
	ll_fail(err, "synthetic: out of memory");
fail:
	ratings_free(&r);
done:
	if (dist)
		gsl_ran_discrete_free(dist);
	free(keys);
	free(picked);
	free(seen);
	free(counts);
	synth_truth_free(&t);
	gsl_rng_free(rng);
	return r;
}

int synth_parse(synth_opts *o, const char *spec, ll_error *err)
{
	char key[32], val[64];
	const char *s = spec;
	while (*s) {
		while (*s == ',' || *s == ' ' || *s == ':')
			s++;
		if (!*s)
			break;
		size_t n = strcspn(s, ", ");
		const char *eq = memchr(s, '=', n);
		if (!eq || eq == s || (size_t)(eq - s) >= sizeof key ||
		    n - (size_t)(eq - s) - 1 >= sizeof val || eq + 1 == s + n)
			return ll_fail(err, "synthetic: expected key=value, got '%.*s'", (int)n, s);
		snprintf(key, sizeof key, "%.*s", (int)(eq - s), s);
		snprintf(val, sizeof val, "%.*s", (int)(s + n - eq - 1), eq + 1);
		s += n;
		char *end;
		double v = strtod(val, &end);
		if (*end || !isfinite(v))
			return ll_fail(err, "synthetic: bad value for %s: '%s'", key, val);
		int whole = v == floor(v) && fabs(v) < 4e18;
		if (!strcmp(key, "noise")) {
			o->noise = v;
			continue;
		}
		if (!whole)
			return ll_fail(err, "synthetic: %s must be a whole number, not '%s'", key, val);
		if (!strcmp(key, "users") && v <= 2147483647.0)
			o->users = (int)v;
		else if (!strcmp(key, "items") && v <= 2147483647.0)
			o->items = (int)v;
		else if (!strcmp(key, "ratings"))
			o->ratings = (long)v;
		else if (!strcmp(key, "k") && fabs(v) <= 1e6)
			o->k = (int)v;
		else if (!strcmp(key, "genres") && fabs(v) <= 1e6)
			o->genres = (int)v;
		else if (!strcmp(key, "seed") && v >= 0)
			o->seed = (unsigned long)v;
		else if (!strcmp(key, "users") || !strcmp(key, "items") ||
			 !strcmp(key, "k") || !strcmp(key, "genres") || !strcmp(key, "seed"))
			return ll_fail(err, "synthetic: %s out of range: '%s'", key, val);
		else
			return ll_fail(err, "synthetic: unknown option '%s' (expected users, "
				       "items, ratings, k, genres, noise or seed)", key);
	}
	return 0;
}

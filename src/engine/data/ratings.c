/* ratings.c: the ratings store (see ratings.h). */
#include "engine/data/ratings.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/bigmem.h"
#include "engine/core/strmap.h"
#include "engine/data/ratings_index.h"

typedef struct item_meta {
	char *title;
	char *tags;           /* '|'-separated user tags, or NULL */
	uint32_t genres;
} item_meta;

struct ratings {
	ll_rating *e;
	size_t n, cap;

	strmap *users, *items, *genres;
	item_meta *meta;      /* per item, grown with items */
	size_t cap_meta;
	char **user_info;     /* per user, grown with users */
	size_t cap_info;

	/* CSR indexes, valid when !dirty; dups: a pair has two entries. */
	int dirty, dups;
	uint32_t *user_off, *user_pos, *item_off, *item_pos;

	float lo, hi, step;
	int implicit;
	char *source;
};

ratings *ratings_new(void)
{
	ratings *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->users = strmap_new();
	r->items = strmap_new();
	r->genres = strmap_new();
	if (!r->users || !r->items || !r->genres) {
		ratings_free(&r);
		return NULL;
	}
	r->dirty = 1;
	r->lo = 1, r->hi = 5, r->step = 1;
	return r;
}

static void drop_index(ratings *r)
{
	free(r->user_off), r->user_off = NULL;
	free(r->user_pos), r->user_pos = NULL;
	free(r->item_off), r->item_off = NULL;
	free(r->item_pos), r->item_pos = NULL;
	r->dirty = 1;
}

void ratings_free(ratings **pr)
{
	if (!pr || !*pr)
		return;
	ratings *r = *pr;
	int ni = r->items ? (int)strmap_size(r->items) : 0;
	int nu = r->users ? (int)strmap_size(r->users) : 0;
	for (int i = 0; i < ni && r->meta; i++)
		free(r->meta[i].title), free(r->meta[i].tags);
	for (int u = 0; u < nu && r->user_info; u++)
		free(r->user_info[u]);
	free(r->meta);
	free(r->user_info);
	strmap_free(&r->users);
	strmap_free(&r->items);
	strmap_free(&r->genres);
	drop_index(r);
	free(r->e);
	free(r->source);
	free(r);
	*pr = NULL;
}

/* Make the per-item and per-user side arrays as long as the dictionaries. */
static int grow_side(void **arr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *a = realloc(*arr, c * size);
	if (!a)
		return -1;
	memset((char *)a + *cap * size, 0, (c - *cap) * size);
	*arr = a;
	*cap = c;
	return 0;
}

int ratings_intern_user(ratings *r, const char *name)
{
	int u = strmap_intern(r->users, name);
	if (u < 0 || grow_side((void **)&r->user_info, &r->cap_info,
			       strmap_size(r->users), sizeof *r->user_info) < 0)
		return -1;
	if ((size_t)u + 1 == strmap_size(r->users))
		r->dirty = 1;
	return u;
}

int ratings_intern_item(ratings *r, const char *name)
{
	int i = strmap_intern(r->items, name);
	if (i < 0 || grow_side((void **)&r->meta, &r->cap_meta,
			       strmap_size(r->items), sizeof *r->meta) < 0)
		return -1;
	if ((size_t)i + 1 == strmap_size(r->items))
		r->dirty = 1;
	return i;
}

int ratings_find_user(const ratings *r, const char *name)
{
	return strmap_get(r->users, name);
}

int ratings_find_item(const ratings *r, const char *name)
{
	return strmap_get(r->items, name);
}

/* Length of a title without a trailing " (1995)". */
static size_t title_stem(const char *t)
{
	size_t n = strlen(t);
	if (n >= 7 && t[n - 1] == ')' && t[n - 6] == '(' && t[n - 7] == ' ' &&
	    isdigit((unsigned char)t[n - 5]) && isdigit((unsigned char)t[n - 2]))
		return n - 7;
	return n;
}

int ratings_lookup_item(const ratings *r, const char *q)
{
	int i = strmap_get(r->items, q);
	if (i >= 0)
		return i;
	int n = ratings_n_items(r), found = -1, count = 0;
	for (i = 0; i < n; i++) {
		const char *t = r->meta[i].title;
		if (t && strcmp(t, q) == 0)
			return i;
	}
	size_t qn = title_stem(q);
	for (i = 0; i < n; i++) {
		const char *t = r->meta[i].title;
		if (t && title_stem(t) == qn && strncasecmp(t, q, qn) == 0) {
			found = i;
			count++;
		}
	}
	return count == 1 ? found : -1;
}

int ratings_n_users(const ratings *r) { return (int)strmap_size(r->users); }
int ratings_n_items(const ratings *r) { return (int)strmap_size(r->items); }
const char *ratings_user_name(const ratings *r, int u) { return strmap_key(r->users, u); }
const char *ratings_item_name(const ratings *r, int i) { return strmap_key(r->items, i); }

const char *ratings_item_title(const ratings *r, int i)
{
	return r->meta[i].title ? r->meta[i].title : strmap_key(r->items, i);
}

static int set_str(char **slot, const char *s)
{
	char *c = s ? strdup(s) : NULL;
	if (s && !c)
		return -1;
	free(*slot);
	*slot = c;
	return 0;
}

int ratings_set_item_title(ratings *r, int i, const char *title)
{
	return set_str(&r->meta[i].title, title);
}

const char *ratings_item_tags(const ratings *r, int i) { return r->meta[i].tags; }

int ratings_add_item_tag(ratings *r, int i, const char *tag)
{
	const char *old = r->meta[i].tags;
	size_t n = old ? strlen(old) + 1 : 0, t = strlen(tag);
	char *s = realloc(r->meta[i].tags, n + t + 1);
	if (!s)
		return -1;
	if (n)
		s[n - 1] = '|';
	memcpy(s + n, tag, t + 1);
	r->meta[i].tags = s;
	return 0;
}

const char *ratings_user_info(const ratings *r, int u) { return r->user_info[u]; }

int ratings_set_user_info(ratings *r, int u, const char *info)
{
	return set_str(&r->user_info[u], info);
}

int ratings_intern_genre(ratings *r, const char *name)
{
	int g = strmap_get(r->genres, name);
	if (g >= 0)
		return g;
	if (strmap_size(r->genres) >= RATINGS_MAX_GENRES)
		return -1;
	return strmap_intern(r->genres, name);
}

int ratings_n_genres(const ratings *r) { return (int)strmap_size(r->genres); }
const char *ratings_genre_name(const ratings *r, int g) { return strmap_key(r->genres, g); }
uint32_t ratings_item_genres(const ratings *r, int i) { return r->meta[i].genres; }
void ratings_set_item_genres(ratings *r, int i, uint32_t mask) { r->meta[i].genres = mask; }

int ratings_add(ratings *r, int user, int item, float value, uint32_t time)
{
	if (r->n == r->cap && ratings_reserve(r, r->cap ? r->cap * 2 : 1024) < 0)
		return -1;
	r->e[r->n++] = (ll_rating){ user, item, value, time };
	r->dirty = 1;
	return 0;
}

int ratings_reserve(ratings *r, size_t n)
{
	if (n <= r->cap)
		return 0;
	ll_rating *e = realloc(r->e, n * sizeof *e);
	if (!e)
		return -1;
	ll_bigmem_hint(e + r->n, (n - r->n) * sizeof *e); /* the room not yet written */
	r->e = e;
	r->cap = n;
	return 0;
}

ll_rating *ratings_room(ratings *r, size_t n)
{
	if (n > r->cap - r->n) {
		size_t cap = r->cap ? r->cap : 1024;
		while (cap - r->n < n)
			cap *= 2;
		if (ratings_reserve(r, cap) < 0)
			return NULL;
	}
	return r->e + r->n;
}

void ratings_commit(ratings *r, size_t n)
{
	if (n) {
		r->n += n;
		r->dirty = 1;
	}
}

int ratings_set(ratings *r, int user, int item, float value, uint32_t time)
{
	long at = ratings_find(r, user, item);
	if (at >= 0) {
		r->e[at].value = value;
		r->e[at].time = time;
		return 0;
	}
	return ratings_add(r, user, item, value, time);
}

int ratings_remove(ratings *r, int user, int item)
{
	long at = ratings_find(r, user, item);
	if (at < 0)
		return -1;
	/* Keep the order of the other entries: training visits them in order. */
	memmove(r->e + at, r->e + at + 1, (r->n - (size_t)at - 1) * sizeof *r->e);
	r->n--;
	r->dirty = 1;
	return 0;
}

size_t ratings_count(const ratings *r) { return r->n; }
const ll_rating *ratings_entries(const ratings *r) { return r->e; }

static int build_both(ratings *r)
{
	ratings_index x;
	if (ratings_index_build(r->e, r->n, ratings_n_users(r), ratings_n_items(r), &x) < 0)
		return -1;
	r->user_off = x.user_off, r->user_pos = x.user_pos;
	r->item_off = x.item_off, r->item_pos = x.item_pos;
	r->dups = x.dups;
	return 0;
}

void ratings_build_index(ratings *r)
{
	if (!r->dirty)
		return;
	drop_index(r);
	if (build_both(r) == 0)
		r->dirty = 0;
	else
		drop_index(r);
}

/* The indexes are a cache of the entries, so building them from a const
 * accessor does not change what the store holds. */
static ratings *indexed(const ratings *r)
{
	ratings *m = (ratings *)r;
	ratings_build_index(m);
	return m;
}

size_t ratings_user_entries(const ratings *cr, int u, const uint32_t **pos)
{
	ratings *r = indexed(cr);
	if (r->dirty) { /* out of memory */
		*pos = NULL;
		return 0;
	}
	*pos = r->user_pos + r->user_off[u];
	return r->user_off[u + 1] - r->user_off[u];
}

size_t ratings_item_entries(const ratings *cr, int i, const uint32_t **pos)
{
	ratings *r = indexed(cr);
	if (r->dirty) {
		*pos = NULL;
		return 0;
	}
	*pos = r->item_pos + r->item_off[i];
	return r->item_off[i + 1] - r->item_off[i];
}

int ratings_has_duplicates(const ratings *cr)
{
	ratings *r = indexed(cr);
	return !r->dirty && r->dups;
}

long ratings_find(const ratings *r, int user, int item)
{
	if (user < 0 || item < 0 || user >= ratings_n_users(r) || item >= ratings_n_items(r))
		return -1;
	const uint32_t *pos;
	size_t n = ratings_user_entries(r, user, &pos);
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int it = r->e[pos[mid]].item;
		if (it == item)
			return pos[mid];
		if (it < item)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void ratings_set_scale(ratings *r, float lo, float hi, float step)
{
	r->lo = lo, r->hi = hi, r->step = step;
}

float ratings_scale_lo(const ratings *r) { return r->lo; }
float ratings_scale_hi(const ratings *r) { return r->hi; }
float ratings_scale_step(const ratings *r) { return r->step; }

void ratings_set_implicit(ratings *r, int implicit) { r->implicit = implicit != 0; }
int ratings_implicit(const ratings *r) { return r->implicit; }

double ratings_mean(const ratings *r)
{
	if (!r->n)
		return 0;
	double s = 0;
	for (size_t k = 0; k < r->n; k++)
		s += r->e[k].value;
	return s / (double)r->n;
}

const char *ratings_source(const ratings *r) { return r->source ? r->source : ""; }

void ratings_set_source(ratings *r, const char *source)
{
	set_str(&r->source, source);
}

/* Copy dictionaries and metadata; entries are added by the caller. */
static ratings *copy_shape(const ratings *r, size_t cap)
{
	ratings *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->dirty = 1;
	c->users = strmap_clone(r->users);
	c->items = strmap_clone(r->items);
	c->genres = strmap_clone(r->genres);
	int nu = ratings_n_users(r), ni = ratings_n_items(r);
	if (!c->users || !c->items || !c->genres ||
	    grow_side((void **)&c->meta, &c->cap_meta, (size_t)ni, sizeof *c->meta) < 0 ||
	    grow_side((void **)&c->user_info, &c->cap_info, (size_t)nu, sizeof *c->user_info) < 0)
		goto fail;
	for (int i = 0; i < ni; i++) {
		c->meta[i].genres = r->meta[i].genres;
		if (set_str(&c->meta[i].title, r->meta[i].title) < 0 ||
		    set_str(&c->meta[i].tags, r->meta[i].tags) < 0)
			goto fail;
	}
	for (int u = 0; u < nu; u++)
		if (set_str(&c->user_info[u], r->user_info[u]) < 0)
			goto fail;
	c->e = malloc((cap ? cap : 1) * sizeof *c->e);
	if (!c->e)
		goto fail;
	ll_bigmem_hint(c->e, (cap ? cap : 1) * sizeof *c->e);
	c->cap = cap ? cap : 1;
	c->lo = r->lo, c->hi = r->hi, c->step = r->step;
	c->implicit = r->implicit;
	set_str(&c->source, r->source);
	return c;
fail:
	ratings_free(&c);
	return NULL;
}

ratings *ratings_subset(const ratings *r, const size_t *entries, size_t n)
{
	ratings *c = copy_shape(r, n);
	if (!c)
		return NULL;
	for (size_t k = 0; k < n; k++)
		c->e[k] = r->e[entries[k]];
	c->n = n;
	ratings_build_index(c);
	return c;
}

ratings *ratings_clone(const ratings *r)
{
	ratings *c = copy_shape(r, r->n);
	if (!c)
		return NULL;
	memcpy(c->e, r->e, r->n * sizeof *c->e);
	c->n = r->n;
	ratings_build_index(c);
	return c;
}

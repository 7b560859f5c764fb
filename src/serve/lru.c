/* lru.c: the cache of lru.h. */
#include <config.h>

#include "serve/lru.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
	struct entry *next_hash, *prev, *next; /* prev/next: the use list */
	uint64_t hash;
	char *key, *value;
	size_t len;
} entry;

struct lru {
	pthread_mutex_t mu;
	entry **buckets;
	size_t n_buckets, capacity, n, bytes;
	entry *head, *tail; /* most and least recently used */
	unsigned long long hits, misses, evictions;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

lru *lru_new(size_t capacity)
{
	lru *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->capacity = capacity;
	c->n_buckets = 64;
	while (c->n_buckets < capacity * 2)
		c->n_buckets *= 2;
	c->buckets = calloc(c->n_buckets, sizeof *c->buckets);
	if (!c->buckets) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->mu, NULL);
	return c;
}

void lru_free(lru **pc)
{
	lru *c = *pc;
	if (!c)
		return;
	for (entry *e = c->head, *nx; e; e = nx) {
		nx = e->next;
		free(e->key), free(e->value), free(e);
	}
	free(c->buckets);
	pthread_mutex_destroy(&c->mu);
	free(c);
	*pc = NULL;
}

static entry **slot(lru *c, uint64_t h, const char *key)
{
	entry **p = &c->buckets[h & (c->n_buckets - 1)];
	while (*p && ((*p)->hash != h || strcmp((*p)->key, key) != 0))
		p = &(*p)->next_hash;
	return p;
}

static void unlink_use(lru *c, entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		c->tail = e->prev;
	e->prev = e->next = NULL;
}

static void push_front(lru *c, entry *e)
{
	e->prev = NULL;
	e->next = c->head;
	if (c->head)
		c->head->prev = e;
	c->head = e;
	if (!c->tail)
		c->tail = e;
}

char *lru_get(lru *c, const char *key, size_t *len)
{
	uint64_t h = fnv1a(key);
	char *out = NULL;
	pthread_mutex_lock(&c->mu);
	entry *e = *slot(c, h, key);
	if (e) {
		c->hits++;
		unlink_use(c, e);
		push_front(c, e);
		out = malloc(e->len + 1);
		if (out) {
			memcpy(out, e->value, e->len + 1);
			if (len)
				*len = e->len;
		}
	} else
		c->misses++;
	pthread_mutex_unlock(&c->mu);
	return out;
}

int lru_put(lru *c, const char *key, const char *value, size_t len)
{
	if (c->capacity == 0)
		return 0;
	uint64_t h = fnv1a(key);
	char *k = strdup(key), *v = malloc(len + 1);
	if (!k || !v) {
		free(k), free(v);
		return -1;
	}
	memcpy(v, value, len);
	v[len] = '\0';
	pthread_mutex_lock(&c->mu);
	entry **p = slot(c, h, key), *e = *p;
	if (e) {
		/* Another thread answered the same request meanwhile. */
		c->bytes -= e->len;
		free(e->value), free(k);
		e->value = v, e->len = len;
		c->bytes += len;
		unlink_use(c, e);
		push_front(c, e);
		pthread_mutex_unlock(&c->mu);
		return 0;
	}
	e = calloc(1, sizeof *e);
	if (!e) {
		pthread_mutex_unlock(&c->mu);
		free(k), free(v);
		return -1;
	}
	e->hash = h, e->key = k, e->value = v, e->len = len;
	*p = e;
	push_front(c, e);
	c->n++, c->bytes += len;
	while (c->n > c->capacity) {
		entry *old = c->tail;
		unlink_use(c, old);
		entry **q = slot(c, old->hash, old->key);
		*q = old->next_hash;
		c->n--, c->bytes -= old->len, c->evictions++;
		free(old->key), free(old->value), free(old);
	}
	pthread_mutex_unlock(&c->mu);
	return 0;
}

void lru_get_stats(lru *c, lru_stats *s)
{
	pthread_mutex_lock(&c->mu);
	s->hits = c->hits, s->misses = c->misses, s->evictions = c->evictions;
	s->entries = c->n, s->capacity = c->capacity, s->bytes = c->bytes;
	pthread_mutex_unlock(&c->mu);
}

/* cache.c: costly results a session keeps across its commands (see
 * lab_impl.h): ann's synthetic catalogues and their indexes. lab_reset
 * keeps them, since they depend on no dataset, so a lesson replaying its
 * steps from the start builds a million vectors once; lab_free frees them.
 * When more than LAB_CACHE_BYTES are held, the oldest entries go first. */
#include "lab/lab_impl.h"

#include <stdlib.h>
#include <string.h>

#define LAB_CACHE_BYTES (1024.0 * 1024 * 1024)

struct lab_cache {
	struct entry {
		char *key;
		void *data;
		void (*free_fn)(void *);
		double bytes;
		unsigned long used;  /* when last asked for */
	} *e;
	int n;
	unsigned long clock;
};

void *lab_cache_get(lab *l, const char *key)
{
	lab_cache *c = l->cache;
	for (int i = 0; c && i < c->n; i++)
		if (strcmp(c->e[i].key, key) == 0) {
			c->e[i].used = ++c->clock;
			return c->e[i].data;
		}
	return NULL;
}

static void drop(lab_cache *c, int i)
{
	if (c->e[i].free_fn)
		c->e[i].free_fn(c->e[i].data);
	free(c->e[i].key);
	c->e[i] = c->e[--c->n];
}

int lab_cache_put(lab *l, const char *key, void *data, void (*free_fn)(void *), double bytes)
{
	if (!l->cache && !(l->cache = calloc(1, sizeof *l->cache)))
		return -1;
	lab_cache *c = l->cache;
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->e[i].key, key) == 0) {
			drop(c, i);
			break;
		}
	/* Room first: the least recently used go. */
	for (;;) {
		double held = bytes;
		int old = -1;
		for (int i = 0; i < c->n; i++) {
			held += c->e[i].bytes;
			if (old < 0 || c->e[i].used < c->e[old].used)
				old = i;
		}
		if (held <= LAB_CACHE_BYTES || old < 0)
			break;
		drop(c, old);
	}
	struct entry *e = realloc(c->e, ((size_t)c->n + 1) * sizeof *e);
	char *k = strdup(key);
	if (!e || !k) {
		if (e)
			c->e = e;
		free(k);
		return -1;
	}
	c->e = e;
	c->e[c->n++] = (struct entry){ k, data, free_fn, bytes, ++c->clock };
	return 0;
}

void lab_cache_free(lab *l)
{
	lab_cache *c = l->cache;
	if (!c)
		return;
	while (c->n)
		drop(c, c->n - 1);
	free(c->e);
	free(c);
	l->cache = NULL;
}

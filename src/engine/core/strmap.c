/* strmap.c: string -> index map, open addressing with linear probing.
 * Keys are stored once, in insertion order, so index -> key is an array read. */
#include "engine/core/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct strmap {
	char **keys;      /* by index */
	size_t n, cap_keys;
	int32_t *slots;   /* hash table of indexes, -1 empty */
	size_t n_slots;   /* power of two */
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

strmap *strmap_new(void)
{
	strmap *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->n_slots = 64;
	m->slots = malloc(m->n_slots * sizeof *m->slots);
	if (!m->slots) {
		free(m);
		return NULL;
	}
	memset(m->slots, 0xff, m->n_slots * sizeof *m->slots);
	return m;
}

void strmap_free(strmap **pm)
{
	if (!pm || !*pm)
		return;
	strmap *m = *pm;
	for (size_t i = 0; i < m->n; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->slots);
	free(m);
	*pm = NULL;
}

static size_t find_slot(const strmap *m, const char *key)
{
	size_t mask = m->n_slots - 1, s = hash(key) & mask;
	while (m->slots[s] >= 0 && strcmp(m->keys[m->slots[s]], key) != 0)
		s = (s + 1) & mask;
	return s;
}

int strmap_get(const strmap *m, const char *key)
{
	return m->slots[find_slot(m, key)];
}

static int grow(strmap *m)
{
	size_t n_slots = m->n_slots * 2;
	int32_t *slots = malloc(n_slots * sizeof *slots);
	if (!slots)
		return -1;
	memset(slots, 0xff, n_slots * sizeof *slots);
	free(m->slots);
	m->slots = slots;
	m->n_slots = n_slots;
	for (size_t i = 0; i < m->n; i++)
		m->slots[find_slot(m, m->keys[i])] = (int32_t)i;
	return 0;
}

int strmap_intern(strmap *m, const char *key)
{
	size_t s = find_slot(m, key);
	if (m->slots[s] >= 0)
		return m->slots[s];
	if (m->n == m->cap_keys) {
		size_t cap = m->cap_keys ? m->cap_keys * 2 : 64;
		char **keys = realloc(m->keys, cap * sizeof *keys);
		if (!keys)
			return -1;
		m->keys = keys;
		m->cap_keys = cap;
	}
	char *copy = strdup(key);
	if (!copy)
		return -1;
	int idx = (int)m->n;
	m->keys[m->n++] = copy;
	m->slots[s] = idx;
	/* Keep the load factor under one half so probes stay short. */
	if (m->n * 2 > m->n_slots && grow(m) < 0)
		return -1;
	return idx;
}

size_t strmap_size(const strmap *m)
{
	return m->n;
}

const char *strmap_key(const strmap *m, int i)
{
	return m->keys[i];
}

strmap *strmap_clone(const strmap *m)
{
	strmap *c = strmap_new();
	if (!c)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (strmap_intern(c, m->keys[i]) < 0) {
			strmap_free(&c);
			return NULL;
		}
	return c;
}

/* lru.h: a thread-safe least-recently-used cache from request keys to
 * response bodies, with hit and miss counters.
 *
 * A hash table of chained entries, each also on a doubly linked list in
 * order of use; a hit moves the entry to the front, an insert past the
 * capacity drops the back. One mutex guards it all: a lookup is a hash and
 * a few pointer moves, far cheaper than the answer it saves. */
#ifndef LL_LRU_H
#define LL_LRU_H

#include <stddef.h>

typedef struct lru lru;

/* capacity entries (0: a cache that keeps nothing and counts misses). */
lru *lru_new(size_t capacity);
void lru_free(lru **c);

/* A copy of the value for key (the caller frees it), or NULL; counts a hit
 * or a miss. */
char *lru_get(lru *c, const char *key, size_t *len);
/* Keep a copy of value under key (replacing an older one). 0 or -1. */
int lru_put(lru *c, const char *key, const char *value, size_t len);

typedef struct lru_stats {
	unsigned long long hits, misses, evictions;
	size_t entries, capacity, bytes;
} lru_stats;
void lru_get_stats(lru *c, lru_stats *s);

#endif

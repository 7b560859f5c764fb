/* strmap.h: a map from strings to dense indexes (open addressing).
 * Used for user and item names; the map owns copies of its keys. */
#ifndef LL_STRMAP_H
#define LL_STRMAP_H

#include <stddef.h>

typedef struct strmap strmap;

strmap *strmap_new(void);
void strmap_free(strmap **m);
strmap *strmap_clone(const strmap *m);

/* Index of key, or -1. */
int strmap_get(const strmap *m, const char *key);
/* Index of key, adding it as the next index if new; -1 on allocation failure. */
int strmap_intern(strmap *m, const char *key);
size_t strmap_size(const strmap *m);
/* The key of index i (0 <= i < size). */
const char *strmap_key(const strmap *m, int i);

#endif

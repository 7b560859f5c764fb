/* ratings_index.h: the store's two CSR indexes, built from its entries
 * (private to ratings.c; callers read them through ratings.h).
 *
 * user_pos[user_off[u] .. user_off[u + 1]) are the positions of u's entries
 * sorted by item, ties by position; item_pos likewise for item i, by user,
 * then position (stable counting sorts). dups: some pair has two entries. */
#ifndef LL_RATINGS_INDEX_H
#define LL_RATINGS_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "engine/data/ratings.h"

typedef struct ratings_index {
	uint32_t *user_off, *user_pos, *item_off, *item_pos;
	int dups;
} ratings_index;

/* The indexes of e[0..n), users below nu and items below ni: 0, or -1 out
 * of memory (*out is then empty). A big store grouped by user, as a
 * MovieLens file is, is indexed by two threads (engine/core/halves.h): the
 * same arrays, in about half the time. */
int ratings_index_build(const ll_rating *e, size_t n, int nu, int ni, ratings_index *out);

#endif

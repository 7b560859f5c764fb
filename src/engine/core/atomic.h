/* atomic.h: write a file so that it is either the old file or the whole new
 * one, never half of it: write a temporary beside it, flush, fsync, rename.
 * A symlink is written through (its target is replaced, the link stays), an
 * existing target keeps its mode and must be a regular file, and the
 * temporaries a killed save left beside the target are removed. */
#ifndef LL_ATOMIC_H
#define LL_ATOMIC_H

#include <stdio.h>

#include "engine/core/err.h"

typedef struct ll_atomic {
	FILE *f;
	char *path, *tmp;
} ll_atomic;

int ll_atomic_open(ll_atomic *a, const char *path, ll_error *err);
/* Finish: on success the new file replaces path. Returns 0 or -1. */
int ll_atomic_commit(ll_atomic *a, ll_error *err);
/* Give up and remove the temporary file. */
void ll_atomic_abort(ll_atomic *a);

#endif

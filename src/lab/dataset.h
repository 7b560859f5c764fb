/* dataset.h: naming a dataset, the same way everywhere.
 *
 * Every front end (the lab's `load`, and `latentlab eval`, `stats`, `train`,
 * `compare`, `quantize`, `ann`) accepts the same dataset words:
 *   toy          the tutorial's toy data, found through the search folders;
 *   toy-ko       the same ratings under the tutorial's Hangul names;
 *   movielens    ml-100k from $LATENTLAB_DATA when it is there, else the
 *                bundled ml-latest-small (what the MovieLens lessons use);
 *   ml-latest-small  $LATENTLAB_DATA's copy, else the bundled one;
 *   PATH         a folder or ratings file that exists;
 *   NAME         a bare name such as ml-100k, looked up in $LATENTLAB_DATA.
 * MovieLens is never shipped (its licence forbids redistribution), so when a
 * MovieLens name is missing the message says exactly how to get it. */
#ifndef LL_DATASET_H
#define LL_DATASET_H

#include "engine/core/err.h"

/* The path for a dataset word (the caller frees it), or NULL with a message
 * that says what to do. */
char *dataset_resolve(const char *word, ll_error *err);

/* 1 when the word names a MovieLens release (ml-100k, ml-1m, ml-latest...). */
int dataset_is_movielens(const char *word);

#endif

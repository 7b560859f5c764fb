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
 *   - or /dev/stdin  a ratings file on standard input (read once);
 *   NAME         a bare name such as ml-100k, looked up in the data folder
 *                ($LATENTLAB_DATA, else the config file's `data`), then in
 *                data/ of each search folder (paths.h: $LATENTLAB_PATH's
 *                first), the user's folder ($XDG_DATA_HOME/latentlab) also
 *                holding NAME itself, as `latentlab download` unpacks it.
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

/* A MovieLens release that `latentlab download` knows: its zip on GroupLens
 * and, where a published record of it was found, its size and SHA-256. */
typedef struct dataset_release {
	const char *name;    /* "ml-100k": the zip's name and its top folder */
	long long size;      /* bytes of the zip, 0 when not known */
	const char *sha256;  /* 64 lower-case hex digits, or NULL when not known */
} dataset_release;

/* The releases, in order; *n gets how many. */
const dataset_release *dataset_releases(int *n);
/* The release called name, or NULL. */
const dataset_release *dataset_release_find(const char *name);

#endif

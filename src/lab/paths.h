/* paths.h: where latentlab finds its lessons and data.
 *
 * Search order: each folder in $LATENTLAB_PATH (colon-separated); the source
 * tree when the program runs uninstalled from its build tree; then the
 * installed package data folder ($(pkgdatadir)). */
#ifndef LL_PATHS_H
#define LL_PATHS_H

#include <stddef.h>

/* The first existing "<folder>/<rel>" in the search order, or NULL.
 * The caller frees the result. */
char *paths_find(const char *rel);

/* The search folders, in order (for messages and the lesson browser).
 * Returns how many; folders[i] stay valid until the next call. */
int paths_folders(const char ***folders);

/* 1 when this program runs from its build tree (tests, ./latentlab before
 * make install): data, lessons and messages then come from the trees. */
int paths_uninstalled(void);

/* The folder for user state ($XDG_STATE_HOME/latentlab, else
 * ~/.local/state/latentlab), created if needed; NULL if impossible.
 * The caller frees the result. */
char *paths_state_dir(void);

#endif

/* paths.h: where latentlab finds its lessons and data.
 *
 * Search order: each folder in $LATENTLAB_PATH (colon-separated); the user's
 * own folder ($XDG_DATA_HOME/latentlab, else ~/.local/share/latentlab: their
 * lessons/ and data/, and the releases `latentlab download` unpacked); the
 * source tree when the program runs uninstalled from its build tree; then
 * the installed package data folder ($(pkgdatadir)). Each folder may hold
 * lessons/ and data/; an earlier folder hides a later one's file. */
#ifndef LL_PATHS_H
#define LL_PATHS_H

#include <stddef.h>

/* The first existing "<folder>/<rel>" in the search order, or NULL.
 * The caller frees the result. */
char *paths_find(const char *rel);

/* The search folders, in order (for messages and the lesson browser).
 * Returns how many; folders[i] stay valid until the next call. */
int paths_folders(const char ***folders);

/* The user's folder, $XDG_DATA_HOME/latentlab (an absolute XDG_DATA_HOME
 * only, as the XDG base directory spec says), else
 * ~/.local/share/latentlab; NULL without either. Not created here. The
 * caller frees the result. */
char *paths_user_dir(void);

/* The folder of MovieLens releases the user named: $LATENTLAB_DATA when set
 * and not empty, else the `data` line of the config file (main hands it
 * over with paths_set_data_dir), else NULL. *origin (may be NULL) gets
 * where it came from, for messages: "LATENTLAB_DATA" or "FILE:LINE". */
const char *paths_data_dir(const char **origin);
/* Remember the config file's data folder (copied); NULL forgets it. */
void paths_set_data_dir(const char *dir, const char *origin);

/* 1 when this program runs from its build tree (tests, ./latentlab before
 * make install): data, lessons and messages then come from the trees. */
int paths_uninstalled(void);

/* The folder for user state ($XDG_STATE_HOME/latentlab, else
 * ~/.local/state/latentlab), created if needed; NULL if impossible.
 * The caller frees the result. */
char *paths_state_dir(void);

#endif

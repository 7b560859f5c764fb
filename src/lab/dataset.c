/* dataset.c: resolving dataset words (see dataset.h). */
#include "lab/dataset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab/paths.h"

int dataset_is_movielens(const char *word)
{
	const char *base = strrchr(word, '/');
	base = base ? base + 1 : word;
	return strncmp(base, "ml-", 3) == 0 || strstr(word, "movielens") ||
	       strstr(word, "MovieLens");
}

/* A folder of latentlab's own data (data/NAME), found through the search
 * folders (paths.h). */
static char *bundled(const char *name, ll_error *err)
{
	char rel[64];
	snprintf(rel, sizeof rel, "data/%s", name);
	char *p = paths_find(rel);
	if (!p)
		ll_fail(err, "latentlab's %s data (%s) is not installed; set LATENTLAB_PATH "
			"to the folder that holds latentlab's data/ and lessons/", name, rel);
	return p;
}

/* $LATENTLAB_DATA/NAME when that exists, else NULL. */
static char *in_data_dir(const char *word)
{
	const char *env = getenv("LATENTLAB_DATA");
	if (!env || !*env || strchr(word, '/'))
		return NULL;
	size_t len = strlen(env) + strlen(word) + 2;
	char *p = malloc(len);
	if (!p)
		return NULL;
	snprintf(p, len, "%s/%s", env, word);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

char *dataset_resolve(const char *word, ll_error *err)
{
	if (strcmp(word, "toy") == 0 || strcmp(word, "toy-ko") == 0)
		return bundled(word, err);
	if (strcmp(word, "movielens") == 0) {
		/* ml-100k when the user has it (the lecture's dataset), else the
		 * release that ships with latentlab. */
		char *p = in_data_dir("ml-100k");
		return p ? p : bundled("ml-latest-small", err);
	}
	if (strcmp(word, "ml-latest-small") == 0) {
		char *p = in_data_dir(word);
		return p ? p : bundled(word, err);
	}
	if (access(word, R_OK) == 0) {
		char *p = strdup(word);
		if (!p)
			ll_fail(err, "out of memory");
		return p;
	}
	int why = errno;
	const char *env = getenv("LATENTLAB_DATA");
	char *p = in_data_dir(word);
	if (p)
		return p;
	if (!dataset_is_movielens(word)) {
		ll_fail(err, "%s: %s (give a folder or a ratings file, or 'toy' for the "
			"tutorial's toy data)", word, strerror(why));
		return NULL;
	}
	ll_fail(err, "no dataset at '%s' (LATENTLAB_DATA is %s%s%s).\n"
		"MovieLens is not shipped with latentlab: its licence forbids redistribution.\n"
		"Download it from GroupLens, https://grouplens.org/datasets/movielens/\n"
		"(for example https://files.grouplens.org/datasets/movielens/ml-100k.zip),\n"
		"read its README for the terms of use, unzip it into a folder, and set\n"
		"LATENTLAB_DATA to that folder (it should hold ml-100k/, ml-1m/, ...).",
		word, env && *env ? "'" : "", env && *env ? env : "not set", env && *env ? "'" : "");
	return NULL;
}

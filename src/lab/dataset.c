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

char *dataset_resolve(const char *word, ll_error *err)
{
	if (strcmp(word, "toy") == 0) {
		char *p = paths_find("data/toy");
		if (!p)
			ll_fail(err, "the toy data (data/toy) is not installed; set LATENTLAB_PATH "
				"to the folder that holds latentlab's data/ and lessons/");
		return p;
	}
	if (access(word, R_OK) == 0) {
		char *p = strdup(word);
		if (!p)
			ll_fail(err, "out of memory");
		return p;
	}
	int why = errno;
	const char *env = getenv("LATENTLAB_DATA");
	if (env && *env && !strchr(word, '/')) {
		size_t len = strlen(env) + strlen(word) + 2;
		char *p = malloc(len);
		if (!p) {
			ll_fail(err, "out of memory");
			return NULL;
		}
		snprintf(p, len, "%s/%s", env, word);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
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

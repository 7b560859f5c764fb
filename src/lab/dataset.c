/* dataset.c: resolving dataset words (see dataset.h). */
#include "lab/dataset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/core/intl.h"
#include "engine/core/strf.h"
#include "engine/data/load.h"
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

/* "dir/name" when that exists, else NULL. */
static char *existing(const char *dir, const char *sub, const char *name)
{
	char *p = ll_strf("%s/%s%s%s", dir, sub, *sub ? "/" : "", name);
	if (p && access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

/* A bare name in the data folder, then in each search folder's data/ (and,
 * in the user's folder, beside data/, where `latentlab download` unpacks),
 * else NULL. A word with a '/' or a leading '.' is never looked up there. */
static char *in_data_dir(const char *word)
{
	if (strchr(word, '/') || word[0] == '.' || !word[0])
		return NULL;
	const char *dir = paths_data_dir(NULL);
	char *p = dir && *dir ? existing(dir, "", word) : NULL;
	if (p)
		return p;
	char *user = paths_user_dir();
	const char **folders;
	int n = paths_folders(&folders);
	for (int i = 0; i < n && !p; i++) {
		if (user && strcmp(folders[i], user) == 0)
			p = existing(folders[i], "", word);
		if (!p)
			p = existing(folders[i], "data", word);
	}
	free(user);
	return p;
}

/* The releases `latentlab download` fetches. GroupLens publishes an MD5 of
 * each zip beside it (NAME.zip.md5), not a SHA-256; the sizes and SHA-256
 * sums below are those TensorFlow Datasets recorded for the same URLs, in
 * tensorflow/datasets, tensorflow_datasets/url_checksums/movielens.txt.
 * A release GroupLens has since replaced fails the check with both sums
 * shown, and `latentlab download --sha256=HEX` accepts another. */
static const dataset_release releases[] = {
	{ "ml-100k", 4924029, "50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229" },
	{ "ml-1m", 5917549, "a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20" },
	{ "ml-latest-small", 978202, "696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436" },
	{ "ml-25m", 261978986, "8b21cfb7eb1706b4ec0aac894368d90acf26ebdfb6aced3ebd4ad5bd1eb9c6aa" },
};

const dataset_release *dataset_releases(int *n)
{
	*n = (int)(sizeof releases / sizeof *releases);
	return releases;
}

const dataset_release *dataset_release_find(const char *name)
{
	for (size_t i = 0; i < sizeof releases / sizeof *releases; i++)
		if (strcmp(releases[i].name, name) == 0)
			return &releases[i];
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
	/* Standard input ("-", "/dev/stdin") is read once by the loader, even
	 * when a file named "-" happens to be here. */
	if (load_is_stdin(word) || access(word, R_OK) == 0) {
		char *p = strdup(word);
		if (!p)
			ll_fail(err, "out of memory");
		return p;
	}
	int why = errno;
	char *p = in_data_dir(word);
	if (p)
		return p;
	if (!dataset_is_movielens(word)) {
		ll_fail(err, "%s: %s (give a folder or a ratings file, or 'toy' for the "
			"tutorial's toy data)", word, strerror(why));
		return NULL;
	}
	const char *origin;
	const char *dir = paths_data_dir(&origin);
	char where[200];
	if (dir && *dir) {
		/* "FILE:LINE" of a config file keeps its end, where the line is. */
		size_t ol = strlen(origin);
		/* TRANSLATORS: the data folder and where it was set (LATENTLAB_DATA, a config file). */
		snprintf(where, sizeof where, _("'%.60s' from %s%s"), dir, ol > 70 ? "..." : "",
			 ol > 70 ? origin + ol - 67 : origin);
	} else {
		/* TRANSLATORS: the data folder, in "no dataset 'X' in the data folder (%s)". */
		snprintf(where, sizeof where, "%s", _("none: LATENTLAB_DATA is not set"));
	}
	/* The whole message fits ll_error's 512 bytes: names are cut short. */
	if (dataset_release_find(word))
		ll_fail(err, "no dataset '%s' in the data folder (%s) or the search folders' data/.\n"
			"MovieLens is not shipped with latentlab (its licence forbids redistribution):\n"
			"run 'latentlab download %s' to fetch it from GroupLens, or unzip it from\n"
			"https://grouplens.org/datasets/movielens/ and set LATENTLAB_DATA to the\n"
			"folder that holds it (ml-100k/, ml-1m/, ...).", word, where, word);
	else
		ll_fail(err, "no dataset '%.40s' in the data folder (%.100s) or the search folders' data/.\n"
			"MovieLens is not shipped with latentlab (its licence forbids redistribution):\n"
			"'latentlab download' fetches ml-100k, ml-1m, ml-latest-small or ml-25m; other\n"
			"releases: unzip one from https://grouplens.org/datasets/movielens/ and set\n"
			"LATENTLAB_DATA to the folder that holds it (ml-100k/, ml-1m/, ...).", word, where);
	return NULL;
}

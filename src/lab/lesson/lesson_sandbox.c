/* lesson_sandbox.c: lessons are data, so what their commands touch is
 * bounded (see lesson_impl.h).
 *
 * A lesson's `save` writes only into its own scratch folder,
 * $XDG_STATE_HOME/latentlab/scratch/<lesson>/ (a plain file name, never a
 * path), and its reads (open, load) stay within the lesson's folder, the
 * search folders (the bundled data), the data folder ($LATENTLAB_DATA or the
 * config file's), the user's folder (downloads) and the scratch folder.
 * The lab calls lesson_sandbox_path for every file word while a lesson's
 * commands run; the person at the prompt is not limited. */
#include <config.h>

#include "lab/lesson/lesson_impl.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/core/lineread.h"
#include "engine/core/strf.h"
#include "lab/dataset.h"
#include "lab/paths.h"

int lesson_plain_name(const char *word)
{
	size_t n = strlen(word);
	return n > 0 && n <= 255 && word[0] != '.' && !strchr(word, '/');
}

/* The lesson's name as a folder name: its file name without ".lesson",
 * anything but letters, digits, '-' and '_' as '_'. */
static char *scratch_dir(const lesson *l, int create, ll_error *err)
{
	char *state = paths_state_dir();
	if (!state) {
		ll_fail(err, "no folder for the lesson's files (set HOME or XDG_STATE_HOME)");
		return NULL;
	}
	const char *base = strrchr(l->path, '/');
	base = base ? base + 1 : l->path;
	char name[128];
	size_t n = 0;
	for (const char *p = base; *p && n < sizeof name - 1; p++) {
		if (!strcmp(p, ".lesson"))
			break;
		char c = *p;
		name[n++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				    c == '-' || c == '_' ? c : '_';
	}
	name[n] = '\0';
	char *dir = ll_strf("%s/scratch/%s", state, n ? name : "lesson");
	free(state);
	if (!dir) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	if (create) {
		char *parent = strndup(dir, (size_t)(strrchr(dir, '/') - dir));
		int bad = !parent || (mkdir(parent, 0700) < 0 && errno != EEXIST) ||
			  (mkdir(dir, 0700) < 0 && errno != EEXIST);
		free(parent);
		if (bad) {
			ll_fail(err, "%s: %s", dir, strerror(errno));
			free(dir);
			return NULL;
		}
	}
	return dir;
}

/* 1 when real (a resolved path) is root or inside it. */
static int inside(const char *real, const char *root)
{
	char r[PATH_MAX];
	if (!root || !*root || !realpath(root, r))
		return 0;
	size_t n = strlen(r);
	if (n == 1 && r[0] == '/')
		return 1;
	return strncmp(real, r, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

static int allowed(const lesson *l, const char *real)
{
	char *dir = lesson_dir(l);
	int ok = inside(real, dir);
	free(dir);
	if (ok || inside(real, paths_data_dir(NULL)))
		return 1;
	/* The user's folder: its data/ (below) and the releases downloaded
	 * beside it. */
	char *user = paths_user_dir();
	ok = inside(real, user);
	free(user);
	if (ok)
		return 1;
	char *scratch = scratch_dir(l, 0, NULL);
	ok = inside(real, scratch);
	free(scratch);
	const char **folders;
	int n = paths_folders(&folders);
	for (int i = 0; !ok && i < n; i++) {
		char *data = lr_join(folders[i], "data");
		ok = inside(real, data);
		free(data);
	}
	return ok;
}

char *lesson_sandbox_path(void *ctx, const char *cmd, int writes, const char *word, ll_error *err)
{
	const lesson *l = ctx;
	if (writes) {
		if (!lesson_plain_name(word)) {
			ll_fail(err, "%s: a lesson writes only into its scratch folder: give a plain "
				"file name such as 'model.lab', not '%s'", cmd, word);
			return NULL;
		}
		char *dir = scratch_dir(l, 1, err);
		char *p = dir ? lr_join(dir, word) : NULL;
		if (dir && !p)
			ll_fail(err, "out of memory");
		free(dir);
		return p;
	}
	if (lesson_plain_name(word)) {
		/* Beside the lesson, then the lesson's own saved files; else a
		 * dataset word (toy, movielens), never a file of the folder the
		 * lesson happens to be run from. */
		char *dir = lesson_dir(l);
		char *p = dir ? lr_join(dir, word) : NULL;
		free(dir);
		if (p && access(p, F_OK) == 0)
			return p;
		free(p);
		char *scratch = scratch_dir(l, 0, NULL);
		p = scratch ? lr_join(scratch, word) : NULL;
		free(scratch);
		if (p && access(p, F_OK) == 0)
			return p;
		free(p);
		if (!strcmp(cmd, "load") && (!strcmp(word, "toy") || !strcmp(word, "toy-ko") ||
					     !strcmp(word, "movielens") || dataset_is_movielens(word))) {
			p = strdup(word);
			if (!p)
				ll_fail(err, "out of memory");
			return p;
		}
		if (access(word, F_OK) == 0) {
			ll_fail(err, "%s: a lesson reads only from its own folder, the bundled data and "
				"$LATENTLAB_DATA, not '%s' of the current folder", cmd, word);
			return NULL;
		}
		p = strdup(word);
		if (!p)
			ll_fail(err, "out of memory");
		return p;
	}
	char real[PATH_MAX];
	if (!realpath(word, real)) {
		ll_fail(err, "%s: %s: %s", cmd, word, strerror(errno));
		return NULL;
	}
	if (!allowed(l, real)) {
		ll_fail(err, "%s: a lesson reads only from its own folder, the bundled data and "
			"$LATENTLAB_DATA, not '%s'", cmd, word);
		return NULL;
	}
	char *p = strdup(word);
	if (!p)
		ll_fail(err, "out of memory");
	return p;
}

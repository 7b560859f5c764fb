/* lesson_list.c: find the lessons of every search folder (see lesson_list.h). */
#include <config.h>

#include "lab/lesson/lesson_list.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/core/fileio.h"
#include "lab/lang.h"
#include "lab/lesson/lesson.h"
#include "lab/paths.h"

static const char suffix[] = ".lesson";
#define SUFFIX_LEN (sizeof suffix - 1)

static int has_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > SUFFIX_LEN && strcmp(name + n - SUFFIX_LEN, suffix) == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const lesson_entry *)a)->name, ((const lesson_entry *)b)->name);
}

static void entry_clear(lesson_entry *e)
{
	free(e->name);
	free(e->path);
	free(e->title);
	free(e->summary);
	free(e->error);
}

/* Fill e from the file: title and summary, or the parse error. */
static int entry_fill(lesson_entry *e)
{
	ll_error err = { "" };
	lesson *l = lesson_load(e->path, &err);
	if (l) {
		e->title = strdup(lesson_title(l));
		e->summary = strdup(lesson_summary(l));
		lesson_free(&l);
	} else {
		e->title = strdup(e->name);
		e->summary = strdup("");
		e->error = strdup(err.msg);
		if (!e->error)
			return -1;
	}
	return e->title && e->summary ? 0 : -1;
}

/* In Korean, the lesson's twin lessons/ko/NAME.lesson beside it takes its
 * place (its own title, summary and steps; the same name, so progress and
 * `--lesson NAME` stay one lesson); without a twin the English lesson stays,
 * marked untranslated so the browser can say so. */
static void use_twin(lesson_entry *e)
{
	const char *slash = strrchr(e->path, '/');
	size_t dl = slash ? (size_t)(slash - e->path) : 0;
	size_t pl = dl + strlen(e->name) + sizeof "/ko/" + SUFFIX_LEN;
	char *twin = malloc(pl);
	if (!twin)
		return;
	snprintf(twin, pl, "%.*s/ko/%s%s", (int)dl, e->path, e->name, suffix);
	ll_error quiet = { "" };
	int fd = ll_open_regular(twin, &quiet);
	if (fd < 0) {
		free(twin);
		e->untranslated = 1;
		return;
	}
	close(fd);
	lesson_entry k = { .name = e->name, .path = twin };
	if (entry_fill(&k) < 0) {
		free(k.title), free(k.summary), free(k.error), free(twin);
		e->untranslated = 1;
		return;
	}
	free(e->path), free(e->title), free(e->summary), free(e->error);
	e->path = twin, e->title = k.title, e->summary = k.summary, e->error = k.error;
}

int lesson_list(lesson_entry **out)
{
	*out = NULL;
	const char **dirs;
	int n_dirs = paths_folders(&dirs);
	/* Copy the folders: paths_folders() is called again by nobody here,
	 * but lesson_load must not depend on that. */
	char **folders = calloc((size_t)n_dirs + 1, sizeof *folders);
	if (!folders)
		return 0;
	for (int i = 0; i < n_dirs; i++)
		folders[i] = strdup(dirs[i]);

	lesson_entry *v = NULL;
	int n = 0, cap = 0;
	for (int d = 0; d < n_dirs; d++) {
		if (!folders[d])
			continue;
		size_t len = strlen(folders[d]) + sizeof "/lessons";
		char *dir = malloc(len);
		if (!dir)
			continue;
		snprintf(dir, len, "%s/lessons", folders[d]);
		DIR *dp = opendir(dir);
		struct dirent *de;
		while (dp && (de = readdir(dp))) {
			if (de->d_name[0] == '.' || !has_suffix(de->d_name))
				continue;
			size_t nl = strlen(de->d_name) - SUFFIX_LEN;
			int seen = 0;
			for (int i = 0; i < n && !seen; i++)
				seen = strlen(v[i].name) == nl && strncmp(v[i].name, de->d_name, nl) == 0;
			if (seen) /* hidden by an earlier folder */
				continue;
			if (n == cap) {
				int nc = cap ? 2 * cap : 16;
				lesson_entry *nv = realloc(v, (size_t)nc * sizeof *nv);
				if (!nv)
					break;
				v = nv;
				cap = nc;
			}
			lesson_entry *e = &v[n];
			memset(e, 0, sizeof *e);
			e->name = strndup(de->d_name, nl);
			size_t pl = strlen(dir) + strlen(de->d_name) + 2;
			e->path = malloc(pl);
			if (e->path)
				snprintf(e->path, pl, "%s/%s", dir, de->d_name);
			if (!e->name || !e->path || entry_fill(e) < 0) {
				entry_clear(e);
				continue;
			}
			n++;
		}
		if (dp)
			closedir(dp);
		free(dir);
	}
	for (int i = 0; i < n_dirs; i++)
		free(folders[i]);
	free(folders);
	for (int i = 0; i < n && lang_is_korean(); i++)
		use_twin(&v[i]);
	if (n)
		qsort(v, (size_t)n, sizeof *v, by_name);
	else {
		free(v);
		v = NULL;
	}
	*out = v;
	return n;
}

void lesson_list_free(lesson_entry **entries, int n)
{
	if (!entries || !*entries)
		return;
	for (int i = 0; i < n; i++)
		entry_clear(&(*entries)[i]);
	free(*entries);
	*entries = NULL;
}

/* "01-detective" matches "detective": the name after a leading number and '-'. */
static const char *without_number(const char *name)
{
	const char *s = name + strspn(name, "0123456789");
	return s > name && (*s == '-' || *s == '_') ? s + 1 : name;
}

char *lesson_find(const char *name)
{
	size_t len = strlen(name);
	char *want = strdup(name);
	if (!want)
		return NULL;
	if (has_suffix(want))
		want[len - SUFFIX_LEN] = '\0';
	lesson_entry *v;
	int n = lesson_list(&v);
	char *path = NULL;
	for (int pass = 0; pass < 2 && !path; pass++)
		for (int i = 0; i < n && !path; i++) {
			const char *cand = pass ? without_number(v[i].name) : v[i].name;
			if (strcmp(cand, want) == 0)
				path = strdup(v[i].path);
		}
	lesson_list_free(&v, n);
	free(want);
	return path;
}

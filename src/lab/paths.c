/* paths.c: search folders for lessons and data (see paths.h). */
#include <config.h>

#include "lab/paths.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FOLDERS 32

static char *folders[MAX_FOLDERS];
static int n_folders;

static void add(const char *dir, size_t len)
{
	if (len == 0 || n_folders == MAX_FOLDERS)
		return;
	char *d = strndup(dir, len);
	if (d)
		folders[n_folders++] = d;
}

/* Uninstalled: the program lives in the build tree, whose configure recorded
 * where the sources are. Compare our own executable's folder with it. */
int paths_uninstalled(void)
{
	char exe[PATH_MAX], build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	if (!realpath(LATENTLAB_ABS_BUILDDIR, build))
		return 0;
	/* The program, or a test under tests/, in the build tree. */
	size_t bl = strlen(build);
	return strncmp(exe, build, bl) == 0 && (exe[bl] == '\0' || exe[bl] == '/');
}

char *paths_user_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char buf[PATH_MAX];
	int n;
	/* A relative XDG_DATA_HOME is invalid and ignored (the XDG spec). */
	if (xdg && xdg[0] == '/')
		n = snprintf(buf, sizeof buf, "%s/latentlab", xdg);
	else if (home && *home)
		n = snprintf(buf, sizeof buf, "%s/.local/share/latentlab", home);
	else
		return NULL;
	return n > 0 && (size_t)n < sizeof buf ? strdup(buf) : NULL;
}

static char *data_dir, *data_origin;

void paths_set_data_dir(const char *dir, const char *origin)
{
	free(data_dir);
	free(data_origin);
	data_dir = dir ? strdup(dir) : NULL;
	data_origin = dir && origin ? strdup(origin) : NULL;
}

const char *paths_data_dir(const char **origin)
{
	const char *env = getenv("LATENTLAB_DATA");
	const char *dir = env && *env ? env : data_dir;
	if (origin)
		*origin = env && *env ? "LATENTLAB_DATA" : data_origin ? data_origin : "";
	return dir;
}

int paths_folders(const char ***out)
{
	for (int i = 0; i < n_folders; i++)
		free(folders[i]);
	n_folders = 0;
	const char *env = getenv("LATENTLAB_PATH");
	while (env && *env) {
		size_t len = strcspn(env, ":");
		add(env, len);
		env += len + (env[len] == ':');
	}
	char *user = paths_user_dir();
	if (user)
		add(user, strlen(user));
	free(user);
	if (paths_uninstalled())
		add(LATENTLAB_ABS_SRCDIR, strlen(LATENTLAB_ABS_SRCDIR));
	add(LATENTLAB_PKGDATADIR, strlen(LATENTLAB_PKGDATADIR));
	*out = (const char **)folders;
	return n_folders;
}

char *paths_find(const char *rel)
{
	const char **dirs;
	int n = paths_folders(&dirs);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(dirs[i]) + strlen(rel) + 2;
		char *p = malloc(len);
		if (!p)
			return NULL;
		snprintf(p, len, "%s/%s", dirs[i], rel);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

static int mkdir_p(char *path)
{
	for (char *s = path + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			int rc = mkdir(path, 0700);
			*s = '/';
			if (rc < 0 && errno != EEXIST)
				return -1;
		}
	return mkdir(path, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

char *paths_state_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char buf[PATH_MAX];
	if (xdg && xdg[0] == '/')
		snprintf(buf, sizeof buf, "%s/latentlab", xdg);
	else if (home && *home)
		snprintf(buf, sizeof buf, "%s/.local/state/latentlab", home);
	else
		return NULL;
	if (mkdir_p(buf) < 0)
		return NULL;
	return strdup(buf);
}

/* atomic.c: atomic file replacement (see atomic.h).
 *
 * The temporary is "<target>.tmpXXXXXX" beside the target, so rename() never
 * crosses a file system. The target is the file a symlink points to (saving
 * through a link updates what it names, the link stays), it must be a
 * regular file if it exists, and the new file keeps the old one's mode (a
 * new file gets 0666 less the umask, as fopen would give it). */
#include "engine/core/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Temporaries older than this were left by a killed save: ours to remove. */
#define STALE_SECONDS 60

/* Follow symlinks to the file they name (which may not exist yet). */
static char *resolve(const char *path, ll_error *err)
{
	char *cur = strdup(path);
	for (int hops = 0; cur; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		if (hops >= 40) {
			free(cur);
			ll_fail(err, "%s: cannot write: %s", path, strerror(ELOOP));
			return NULL;
		}
		char target[PATH_MAX];
		ssize_t n = readlink(cur, target, sizeof target - 1);
		if (n < 0) {
			int e = errno;
			free(cur);
			ll_fail(err, "%s: cannot write: %s", path, strerror(e));
			return NULL;
		}
		target[n] = '\0';
		char *next;
		const char *slash = strrchr(cur, '/');
		if (target[0] == '/' || !slash) {
			next = strdup(target);
		} else {
			size_t dl = (size_t)(slash - cur) + 1;
			next = malloc(dl + (size_t)n + 1);
			if (next) {
				memcpy(next, cur, dl);
				memcpy(next + dl, target, (size_t)n + 1);
			}
		}
		free(cur);
		cur = next;
	}
	ll_fail(err, "%s: out of memory", path);
	return NULL;
}

/* "XXXXXX" as mkstemp fills it: six letters or digits. */
static int tmp_suffix(const char *s)
{
	if (strlen(s) != 6)
		return 0;
	for (int i = 0; i < 6; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/* Remove "<target>.tmpXXXXXX" files a killed save left (regular files of
 * ours, older than STALE_SECONDS, so a save running beside us is safe). */
static void clean_stale(const char *target)
{
	const char *slash = strrchr(target, '/');
	char *dir = slash ? strndup(target, (size_t)(slash - target) + (slash == target)) : strdup(".");
	const char *base = slash ? slash + 1 : target;
	DIR *d = dir ? opendir(dir) : NULL;
	size_t bl = strlen(base);
	time_t now = time(NULL);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		const char *n = de->d_name;
		if (strncmp(n, base, bl) != 0 || strncmp(n + bl, ".tmp", 4) != 0 || !tmp_suffix(n + bl + 4))
			continue;
		size_t pl = strlen(dir) + strlen(n) + 2;
		char *p = malloc(pl);
		if (!p)
			break;
		snprintf(p, pl, "%s/%s", dir, n);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    now - st.st_mtime > STALE_SECONDS)
			unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	free(dir);
}

int ll_atomic_open(ll_atomic *a, const char *path, ll_error *err)
{
	memset(a, 0, sizeof *a);
	a->path = resolve(path, err);
	if (!a->path)
		return -1;
	struct stat st;
	mode_t mode;
	if (stat(a->path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			ll_atomic_abort(a);
			return ll_fail(err, "%s: cannot write: not a regular file", path);
		}
		mode = st.st_mode & 07777;
	} else {
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	clean_stale(a->path);
	size_t n = strlen(a->path);
	a->tmp = malloc(n + 16);
	if (!a->tmp) {
		ll_atomic_abort(a);
		return ll_fail(err, "out of memory");
	}
	snprintf(a->tmp, n + 16, "%s.tmpXXXXXX", a->path);
	int fd = mkstemp(a->tmp);
	if (fd < 0) {
		int e = errno;
		free(a->tmp), a->tmp = NULL;
		ll_atomic_abort(a);
		return ll_fail(err, "%s: cannot write: %s", path, strerror(e));
	}
	(void)fchmod(fd, mode); /* not fatal: the data matters more than the bits */
	a->f = fdopen(fd, "wb");
	if (!a->f) {
		close(fd);
		ll_atomic_abort(a);
		return ll_fail(err, "%s: cannot write: %s", path, strerror(errno));
	}
	return 0;
}

int ll_atomic_commit(ll_atomic *a, ll_error *err)
{
	int bad = ferror(a->f) || fflush(a->f) != 0 || fsync(fileno(a->f)) != 0;
	int e = errno;
	if (fclose(a->f) != 0 && !bad)
		bad = 1, e = errno;
	a->f = NULL;
	if (bad || rename(a->tmp, a->path) != 0) {
		if (!bad)
			e = errno;
		ll_fail(err, "%s: cannot write: %s", a->path, strerror(e));
		ll_atomic_abort(a);
		return -1;
	}
	free(a->tmp), a->tmp = NULL;
	free(a->path), a->path = NULL;
	return 0;
}

void ll_atomic_abort(ll_atomic *a)
{
	if (a->f)
		fclose(a->f);
	if (a->tmp)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof *a);
}

/* atomic.c: atomic file replacement (see atomic.h). */
#include "engine/core/atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ll_atomic_open(ll_atomic *a, const char *path, ll_error *err)
{
	memset(a, 0, sizeof *a);
	size_t n = strlen(path);
	a->path = strdup(path);
	a->tmp = malloc(n + 16);
	if (!a->path || !a->tmp) {
		ll_atomic_abort(a);
		return ll_fail(err, "out of memory");
	}
	snprintf(a->tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(a->tmp);
	if (fd < 0) {
		int e = errno;
		free(a->tmp), a->tmp = NULL;
		ll_atomic_abort(a);
		return ll_fail(err, "%s: cannot write: %s", path, strerror(e));
	}
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

/* fileio.c: regular files only, with size limits (see fileio.h). */
#include "engine/core/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
	return S_ISDIR(m) ? "a folder" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
	     : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

int ll_open_regular(const char *path, ll_error *err)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return ll_fail(err, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return ll_fail(err, "%s: %s", path, strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		const char *k = kind_of(st.st_mode);
		return ll_fail(err, "%s: %s%s (only regular files are read)", path,
			       strncmp(k, "not ", 4) ? "is " : "", k);
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

static int too_big(const char *path, size_t size, size_t max, ll_error *err)
{
	return ll_fail(err, "%s: too large (%zu bytes; the limit is %zu)", path, size, max);
}

FILE *ll_fopen_regular(const char *path, size_t max, size_t *size, ll_error *err)
{
	int fd = ll_open_regular(path, err);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) == 0 && (uintmax_t)st.st_size > (uintmax_t)max) {
		close(fd);
		too_big(path, (size_t)st.st_size, max, err);
		return NULL;
	}
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		int e = errno;
		close(fd);
		ll_fail(err, "%s: %s", path, strerror(e));
		return NULL;
	}
	if (size)
		*size = (size_t)st.st_size;
	return f;
}

char *ll_read_file(const char *path, size_t max, size_t *len, ll_error *err)
{
	int fd = ll_open_regular(path, err);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0 || (uintmax_t)st.st_size > (uintmax_t)max) {
		close(fd);
		too_big(path, (size_t)st.st_size, max, err);
		return NULL;
	}
	/* The size is a hint (the file may grow while read): read up to max. */
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = malloc(cap);
	if (!buf) {
		close(fd);
		ll_fail(err, "%s: out of memory", path);
		return NULL;
	}
	for (;;) {
		if (n + 1 >= cap) {
			if (n > max) {
				free(buf);
				close(fd);
				too_big(path, n, max, err);
				return NULL;
			}
			size_t nc = cap * 2 > max + 1 ? max + 2 : cap * 2;
			char *nb = realloc(buf, nc);
			if (!nb) {
				free(buf);
				close(fd);
				ll_fail(err, "%s: out of memory", path);
				return NULL;
			}
			buf = nb, cap = nc;
		}
		ssize_t r = read(fd, buf + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			ll_fail(err, "%s: read error: %s", path, strerror(e));
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > max) {
		free(buf);
		too_big(path, n, max, err);
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

size_t ll_stream_left(FILE *f)
{
	long pos = ftell(f);
	if (pos < 0 || fseek(f, 0, SEEK_END) != 0)
		return SIZE_MAX;
	long end = ftell(f);
	if (fseek(f, pos, SEEK_SET) != 0 || end < pos)
		return SIZE_MAX;
	return (size_t)(end - pos);
}

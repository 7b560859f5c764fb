/* lineread.c: block-buffered line reading, whole or in parts (see
 * lineread.h); the field parsing is lr_fields.c. */
#include "engine/core/lineread.h"

#include "engine/core/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK (1u << 20)
/* Zero bytes kept after the text, so that a parser of lineread_chunk's
 * lines may read a word at a time past a line's end (lineread.h). */
#define SLACK 32
/* A line longer than this is not a ratings line: refuse it rather than
 * grow without bound on a binary file with no newlines. */
#define MAX_LINE (16u << 20)

struct lineread {
	int fd;            /* -1 when reading from a source */
	lr_read_fn read;   /* the source, or NULL */
	void *ctx;
	void (*done)(void *ctx);
	char *path;
	char *buf;
	size_t cap;        /* allocated size of buf */
	size_t start, end; /* unread bytes are buf[start..end) */
	size_t size;       /* of the file, 0 when unknown */
	int eof;
	long lineno;
	size_t pos;        /* the file offset buf[end] comes from */
	size_t limit;      /* a file is read up to this offset (SIZE_MAX: its end) */
	int shared;        /* a part (lineread_part): pread on another's fd */
};

static lineread *make(const char *path, ll_error *err)
{
	lineread *lr = calloc(1, sizeof *lr);
	if (lr) {
		lr->fd = -1;
		lr->path = strdup(path);
		lr->cap = BLOCK + 1;
		lr->limit = SIZE_MAX;
		lr->buf = calloc(1, lr->cap + SLACK);
	}
	if (!lr || !lr->path || !lr->buf) {
		if (lr) {
			free(lr->path);
			free(lr->buf);
		}
		free(lr);
		ll_fail(err, "%s: out of memory", path);
		return NULL;
	}
	return lr;
}

lineread *lineread_open(const char *path, ll_error *err)
{
	/* Regular files only: a FIFO would block, /dev/zero never ends. */
	int fd = ll_open_regular(path, err);
	if (fd < 0)
		return NULL;
	lineread *lr = make(path, err);
	if (!lr) {
		close(fd);
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		lr->size = (size_t)st.st_size;
	lr->fd = fd;
	return lr;
}

lineread *lineread_open_source(const char *name, lr_read_fn read, void *ctx,
			       void (*done)(void *ctx), ll_error *err)
{
	lineread *lr = make(name, err);
	if (!lr) {
		if (done)
			done(ctx);
		return NULL;
	}
	lr->read = read;
	lr->ctx = ctx;
	lr->done = done;
	return lr;
}

void lineread_close(lineread **plr)
{
	if (!plr || !*plr)
		return;
	lineread *lr = *plr;
	if (lr->fd >= 0 && !lr->shared)
		close(lr->fd);
	if (lr->done)
		lr->done(lr->ctx);
	free(lr->path);
	free(lr->buf);
	free(lr);
	*plr = NULL;
}

long lineread_lineno(const lineread *lr) { return lr->lineno; }
const char *lineread_path(const lineread *lr) { return lr->path; }
size_t lineread_size(const lineread *lr) { return lr->size; }
void lineread_add_lines(lineread *lr, long n) { lr->lineno += n; }

/* Move the unread tail to the front and read more after it. Returns the
 * number of bytes read, 0 at the end, -1 on error. */
static ssize_t refill(lineread *lr, ll_error *err)
{
	size_t keep = lr->end - lr->start;
	if (lr->start > 0) {
		memmove(lr->buf, lr->buf + lr->start, keep);
		lr->start = 0;
		lr->end = keep;
	}
	if (lr->cap - 1 - lr->end < BLOCK / 2) {
		if (lr->cap > MAX_LINE) {
			ll_fail(err, "%s:%ld: line longer than %u MB (not a ratings file?)",
				lr->path, lr->lineno + 1, MAX_LINE >> 20);
			return -1;
		}
		char *b = realloc(lr->buf, lr->cap * 2 + SLACK);
		if (!b) {
			ll_fail(err, "%s: out of memory", lr->path);
			return -1;
		}
		lr->buf = b;
		lr->cap *= 2;
	}
	ssize_t n;
	if (lr->read) {
		n = lr->read(lr->ctx, lr->buf + lr->end, lr->cap - 1 - lr->end, err);
		if (n < 0)
			return -1;
	} else {
		size_t room = lr->cap - 1 - lr->end;
		if (room > lr->limit - lr->pos)
			room = lr->limit - lr->pos;
		while ((n = lr->shared ? pread(lr->fd, lr->buf + lr->end, room, (off_t)lr->pos)
				       : read(lr->fd, lr->buf + lr->end, room)) < 0 && errno == EINTR)
			;
		if (n < 0) {
			ll_fail(err, "%s: %s", lr->path, strerror(errno));
			return -1;
		}
		lr->pos += (size_t)n;
	}
	lr->end += (size_t)n;
	memset(lr->buf + lr->end, 0, SLACK);
	return n;
}

/* The last '\n' of s[0..n), or NULL (memrchr is a GNU extension; the last
 * newline of a block is a line's length from its end). */
static char *last_newline(char *s, size_t n)
{
	while (n > 0)
		if (s[--n] == '\n')
			return s + n;
	return NULL;
}

int lineread_chunk(lineread *lr, char **text, size_t *len, ll_error *err)
{
	size_t scanned = 0;
	for (;;) {
		char *s = lr->buf + lr->start;
		size_t avail = lr->end - lr->start;
		char *nl = last_newline(s + scanned, avail - scanned);
		if (nl || (lr->eof && avail > 0)) {
			size_t n = nl ? (size_t)(nl - s) + 1 : avail;
			if (!nl)
				s[n++] = '\n'; /* buf keeps a byte spare for it */
			lr->start += nl ? n : avail;
			*text = s;
			*len = n;
			return 1;
		}
		if (lr->eof)
			return 0;
		scanned = avail;
		ssize_t got = refill(lr, err);
		if (got < 0)
			return -1;
		if (got == 0)
			lr->eof = 1;
	}
}

size_t lineread_tell(const lineread *lr)
{
	return lr->fd >= 0 ? lr->pos - (lr->end - lr->start) : 0;
}

int lineread_window(lineread *lr, size_t from, size_t to, ll_error *err)
{
	if (lr->fd < 0 || lr->shared || from > to)
		return ll_fail(err, "%s: not a file that can be read in parts", lr->path);
	if (lseek(lr->fd, (off_t)from, SEEK_SET) == (off_t)-1)
		return ll_fail(err, "%s: %s", lr->path, strerror(errno));
	lr->start = lr->end = 0;
	memset(lr->buf, 0, SLACK);
	lr->eof = 0;
	lr->pos = from;
	lr->limit = to;
	return 0;
}

lineread *lineread_part(const lineread *lr, size_t from, size_t to, ll_error *err)
{
	if (lr->fd < 0) {
		ll_fail(err, "%s: not a file that can be read in parts", lr->path);
		return NULL;
	}
	lineread *p = make(lr->path, err);
	if (!p)
		return NULL;
	p->fd = lr->fd;
	p->shared = 1;
	p->size = lr->size;
	p->pos = from;
	p->limit = to;
	return p;
}

long lineread_line_after(const lineread *lr, size_t at)
{
	if (lr->fd < 0)
		return -1;
	/* A window of 64 KiB: a ratings line is far shorter, and a file with
	 * none in there is not worth reading in parts. */
	enum { WINDOW = 64 << 10 };
	char *b = malloc(WINDOW);
	ssize_t n;
	if (!b)
		return -1;
	while ((n = pread(lr->fd, b, WINDOW, (off_t)at)) < 0 && errno == EINTR)
		;
	char *nl = n > 0 ? memchr(b, '\n', (size_t)n) : NULL;
	long next = nl ? (long)(at + (size_t)(nl - b) + 1) : -1;
	free(b);
	return next;
}

int lineread_next(lineread *lr, char **line, size_t *len, ll_error *err)
{
	size_t scanned = 0;
	for (;;) {
		char *s = lr->buf + lr->start;
		size_t avail = lr->end - lr->start;
		char *nl = memchr(s + scanned, '\n', avail - scanned);
		if (nl || (lr->eof && avail > 0)) {
			size_t n = nl ? (size_t)(nl - s) : avail;
			lr->start += n + (nl != NULL);
			lr->lineno++;
			if (memchr(s, '\0', n)) {
				ll_fail(err, "%s:%ld: NUL byte (binary file?)", lr->path, lr->lineno);
				return -1;
			}
			if (n > 0 && s[n - 1] == '\r')
				n--;
			s[n] = '\0';
			*line = s;
			*len = n;
			return 1;
		}
		if (lr->eof)
			return 0;
		scanned = avail;
		ssize_t got = refill(lr, err);
		if (got < 0)
			return -1;
		if (got == 0)
			lr->eof = 1;
	}
}

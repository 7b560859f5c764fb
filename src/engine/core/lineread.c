/* lineread.c: block-buffered line reading and hand-written field parsing
 * (see lineread.h). */
#include "engine/core/lineread.h"

#include "engine/core/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
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

int lr_split(char *line, const char *sep, char **fields, int max)
{
	size_t sl = strlen(sep);
	int n = 0;
	char *s = line;
	for (;;) {
		if (n < max)
			fields[n] = s;
		n++;
		char *hit = sl == 1 ? strchr(s, sep[0]) : strstr(s, sep);
		if (!hit)
			return n;
		if (n < max)
			*hit = '\0';
		s = hit + sl;
	}
}

int lr_split_csv(char *line, char sep, char **fields, int max)
{
	int n = 0;
	char *r = line, *w;
	for (;;) {
		char *start = r;
		w = r;
		if (*r == '"') {
			r++;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"') {
					if (r[1] == '"') {
						*w++ = '"';
						r += 2;
						continue;
					}
					r++;
					break;
				}
				*w++ = *r++;
			}
			/* Text after the closing quote belongs to the field. */
			while (*r && *r != sep)
				*w++ = *r++;
		} else {
			while (*r && *r != sep)
				r++;
			w = r;
		}
		int last = *r == '\0';
		if (n < max)
			fields[n] = start;
		n++;
		*w = '\0';
		if (last)
			return n;
		r++;
	}
}

int lr_parse_long(const char *s, long *out)
{
	int neg = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (*s < '0' || *s > '9')
		return -1;
	unsigned long v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (unsigned long)(2147483647L * 4096L))
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (*s)
		return -1;
	*out = neg ? -(long)v : (long)v;
	return 0;
}

int lr_parse_u32(const char *s, uint32_t *out)
{
	long v;
	if (lr_parse_long(s, &v) < 0 || v < 0 || v > 4294967295L)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int lower_eq(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if ((*s | 0x20) != *word)
			return 0;
	return *s == '\0';
}

int lr_parse_double(const char *s, double *out)
{
	const char *p = s;
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (lower_eq(p, "nan") || lower_eq(p, "inf") || lower_eq(p, "infinity"))
		return -2;
	/* Mantissa as an integer and a power of ten: exact for the short
	 * decimals ratings are written in ("4.5"). */
	uint64_t m = 0;
	int digits = 0, scale = 0, any = 0;
	for (; *p >= '0' && *p <= '9'; p++, any = 1)
		if (digits < 18) {
			m = m * 10 + (uint64_t)(*p - '0');
			digits += m > 0;
		} else {
			scale++;
		}
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++, any = 1)
			if (digits < 18) {
				m = m * 10 + (uint64_t)(*p - '0');
				digits += m > 0;
				scale--;
			}
	}
	if (!any)
		return -1;
	if (*p == 'e' || *p == 'E') {
		p++;
		long e;
		int eneg = 0;
		if (*p == '-' || *p == '+')
			eneg = *p++ == '-';
		if (*p < '0' || *p > '9')
			return -1;
		for (e = 0; *p >= '0' && *p <= '9'; p++)
			if (e < 10000)
				e = e * 10 + (*p - '0');
		scale += (int)(eneg ? -e : e);
	}
	if (*p)
		return -1;
	/* Powers of ten up to 1e22 are exact doubles, as pow gives them. */
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
				      1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
				      1e20, 1e21, 1e22 };
	double v = (double)m;
	if (scale > 0)
		v *= scale <= 22 ? p10[scale] : pow(10, scale);
	else if (scale < 0)
		v /= -scale <= 22 ? p10[-scale] : pow(10, -scale);
	if (!isfinite(v))
		return -2;
	*out = neg ? -v : v;
	return 0;
}

int lr_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;
	while (s < e) {
		/* ASCII, the common case, eight bytes at a time. */
		uint64_t w;
		if (e - s >= 8 && (memcpy(&w, s, 8), (w & 0x8080808080808080u) == 0)) {
			s += 8;
			continue;
		}
		unsigned c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		int more;
		unsigned cp;
		if (c >= 0xc2 && c <= 0xdf)
			more = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			more = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			more = 3, cp = c & 0x07;
		else
			return 0;
		if (e - s <= more)
			return 0;
		for (int k = 1; k <= more; k++) {
			if ((s[k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[k] & 0x3f);
		}
		/* Overlong forms, surrogates and code points past U+10FFFF. */
		if ((more == 2 && cp < 0x800) || (more == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		s += more + 1;
	}
	return 1;
}

char *lr_latin1_to_utf8(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += *p >= 0x80 ? 2 : 1;
	char *out = malloc(n + 1), *w = out;
	if (!out)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80) {
			*w++ = (char)(0xc0 | *p >> 6);
			*w++ = (char)(0x80 | (*p & 0x3f));
		} else {
			*w++ = (char)*p;
		}
	*w = '\0';
	return out;
}

char *lr_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, a);
	size_t at = a;
	if (a == 0 || dir[a - 1] != '/')
		p[at++] = '/';
	memcpy(p + at, name, b + 1);
	return p;
}

int lr_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int lr_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

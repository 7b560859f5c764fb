/* load_input.c: where a ratings file's bytes come from (load_impl.h): a
 * regular file, standard input ("-", "/dev/stdin"), or either compressed by
 * gzip, recognised by its first two bytes (1f 8b) whatever its name, and
 * inflated through zlib as it is read, so a .gz file never sits in memory
 * whole. Without zlib a gzip file is refused with a message that says how
 * to build with it. */
#include "engine/data/load_impl.h"

#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_ZLIB
#include <zlib.h>
#endif

#include "engine/core/fileio.h"
#include "engine/core/intl.h"
#include "engine/core/lineread.h"

#define INBUF (256u << 10)

typedef struct source {
	int fd, own;            /* own: close fd at the end (not stdin) */
	char *name;
	unsigned char head[2];  /* bytes read to recognise gzip, handed out first */
	size_t n_head, at_head;
	int gz;
#ifdef HAVE_ZLIB
	z_stream z;
	unsigned char *in;
	int in_eof, member_done;
#endif
} source;

int load_is_stdin(const char *path)
{
	return strcmp(path, "-") == 0 || strcmp(path, "/dev/stdin") == 0;
}

const char *load_shown_name(const char *path)
{
	return strcmp(path, "-") == 0 ? _("stdin") : path;
}

/* read(2) that waits when standard input was left non-blocking, and
 * retries when a signal interrupts it. */
static long read_fd(source *s, void *buf, size_t n, ll_error *err)
{
	for (;;) {
		ssize_t got = read(s->fd, buf, n);
		if (got >= 0)
			return (long)got;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			struct pollfd p = { s->fd, POLLIN, 0 };
			poll(&p, 1, -1);
			continue;
		}
		return ll_fail(err, "%s: %s", s->name, strerror(errno));
	}
}

static long plain_read(source *s, char *buf, size_t n, ll_error *err)
{
	if (s->at_head < s->n_head) {
		size_t k = s->n_head - s->at_head;
		k = k < n ? k : n;
		memcpy(buf, s->head + s->at_head, k);
		s->at_head += k;
		return (long)k;
	}
	return read_fd(s, buf, n, err);
}

#ifdef HAVE_ZLIB
/* Inflate into buf; a file of several gzip members (cat a.gz b.gz) reads as
 * their concatenation, as gzip -d reads it. */
static long gz_read(source *s, char *buf, size_t n, ll_error *err)
{
	z_stream *z = &s->z;
	z->next_out = (unsigned char *)buf;
	z->avail_out = n > (1u << 30) ? 1u << 30 : (unsigned)n; /* zlib counts in uInt */
	while (z->avail_out > 0) {
		if (z->avail_in == 0 && !s->in_eof) {
			size_t have = 0;
			if (s->at_head < s->n_head) {
				have = s->n_head - s->at_head;
				memcpy(s->in, s->head + s->at_head, have);
				s->at_head = s->n_head;
			}
			long got = read_fd(s, s->in + have, INBUF - have, err);
			if (got < 0)
				return -1;
			have += (size_t)got;
			if (have == 0)
				s->in_eof = 1;
			z->next_in = s->in;
			z->avail_in = (unsigned)have;
		}
		if (z->avail_in == 0 && s->in_eof) {
			if (!s->member_done)
				return ll_fail(err, _("%s: the gzip data ends too soon (a truncated "
						      "file?)"), s->name);
			break;
		}
		if (s->member_done) {
			/* Another member follows; trailing zeros (tar padding) end it. */
			if (z->next_in[0] == 0) {
				z->avail_in = 0;
				continue;
			}
			if (inflateReset(z) != Z_OK)
				return ll_fail(err, "%s: zlib: %s", s->name, z->msg ? z->msg : "?");
			s->member_done = 0;
		}
		int rc = inflate(z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			s->member_done = 1;
		} else if (rc == Z_MEM_ERROR) {
			return ll_fail(err, "%s: out of memory", s->name);
		} else if (rc != Z_OK && !(rc == Z_BUF_ERROR && z->avail_in == 0)) {
			return ll_fail(err, _("%s: not valid gzip data (zlib: %s)"), s->name,
				       z->msg ? z->msg : "?");
		}
	}
	return (long)(z->next_out - (unsigned char *)buf);
}
#endif

static long source_read(void *ctx, char *buf, size_t n, ll_error *err)
{
	source *s = ctx;
#ifdef HAVE_ZLIB
	if (s->gz)
		return gz_read(s, buf, n, err);
#endif
	return plain_read(s, buf, n, err);
}

static void source_done(void *ctx)
{
	source *s = ctx;
	if (!s)
		return;
#ifdef HAVE_ZLIB
	if (s->gz)
		inflateEnd(&s->z);
	free(s->in);
#endif
	if (s->own && s->fd >= 0)
		close(s->fd);
	free(s->name);
	free(s);
}

lineread *load_open(const char *path, ll_error *err)
{
	if (!load_is_stdin(path)) {
		/* A plain regular file: lineread reads it itself (and knows its
		 * size); only a gzip one needs the source below. */
		int fd = ll_open_regular(path, err);
		if (fd < 0)
			return NULL;
		unsigned char head[2];
		ssize_t got = read(fd, head, 2);
		close(fd);
		if (got != 2 || head[0] != 0x1f || head[1] != 0x8b)
			return lineread_open(path, err);
	}
	const char *name = load_shown_name(path);
	source *s = calloc(1, sizeof *s);
	if (!s || !(s->name = strdup(name))) {
		free(s);
		ll_fail(err, "%s: out of memory", name);
		return NULL;
	}
	s->fd = 0;
	/* Ratings typed at a terminal would never end in a lab whose commands
	 * come from that terminal too. */
	if (load_is_stdin(path) && isatty(0)) {
		ll_fail(err, _("%s: standard input is a terminal; redirect or pipe the ratings "
			       "into latentlab (latentlab stats --data - < ratings.csv)"), name);
		source_done(s);
		return NULL;
	}
	if (!load_is_stdin(path)) {
		s->fd = ll_open_regular(path, err);
		s->own = 1;
		if (s->fd < 0) {
			source_done(s);
			return NULL;
		}
	}
	/* The first two bytes say whether it is gzip; they are kept and
	 * handed out again (a pipe cannot be rewound). */
	while (s->n_head < 2) {
		long got = read_fd(s, s->head + s->n_head, 2 - s->n_head, err);
		if (got < 0) {
			source_done(s);
			return NULL;
		}
		if (got == 0)
			break;
		s->n_head += (size_t)got;
	}
	s->gz = s->n_head == 2 && s->head[0] == 0x1f && s->head[1] == 0x8b;
	if (s->gz) {
#ifdef HAVE_ZLIB
		s->in = malloc(INBUF);
		/* 15 + 16: a gzip header (not raw deflate or zlib's own). */
		if (!s->in || inflateInit2(&s->z, 15 + 16) != Z_OK) {
			s->gz = 0;
			source_done(s);
			ll_fail(err, "%s: out of memory", name);
			return NULL;
		}
#else
		ll_fail(err, _("%s: compressed with gzip, but this latentlab was built without "
			       "zlib: install zlib1g-dev and run configure again, or give the "
			       "file decompressed (gzip -dc FILE | latentlab ... --data -)"), name);
		source_done(s);
		return NULL;
#endif
	}
	return lineread_open_source(name, source_read, s, source_done, err);
}

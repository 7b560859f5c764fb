/* fileio.h: opening and reading input files safely.
 *
 * Every file latentlab reads (datasets, lessons, sessions, scripts) comes in
 * through here, so that a FIFO, a device (/dev/zero), a folder or a socket is
 * refused at once instead of blocking or growing without bound, and a file
 * larger than its kind's limit is refused with a message naming both sizes. */
#ifndef LL_FILEIO_H
#define LL_FILEIO_H

#include <stddef.h>
#include <stdio.h>

#include "engine/core/err.h"

/* Size limits of the text files a person writes. */
#define LL_LESSON_MAX ((size_t)4 << 20)   /* a lesson or command script */
#define LL_LINE_MAX ((size_t)64 << 10)    /* one line of a lesson or script */
#define LL_SESSION_MAX ((size_t)2 << 30)  /* a session file, models included */

/* Open path read-only when it is a regular file (following symlinks), never
 * blocking on a FIFO. Returns the descriptor, or -1 with "path: reason". */
int ll_open_regular(const char *path, ll_error *err);
/* The same as a stdio stream ("rb"); *size (may be NULL) gets its size. */
FILE *ll_fopen_regular(const char *path, size_t max, size_t *size, ll_error *err);

/* Read a whole regular file of at most max bytes into a NUL-terminated
 * buffer (caller frees); *len (may be NULL) gets its length. NULL with
 * "path: reason" otherwise (not a regular file, too large, read error). */
char *ll_read_file(const char *path, size_t max, size_t *len, ll_error *err);

/* Bytes left in a seekable stream from its position (SIZE_MAX when it
 * cannot tell), so readers can refuse sizes the file cannot hold. */
size_t ll_stream_left(FILE *f);

#endif

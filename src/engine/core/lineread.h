/* lineread.h: fast line reading and field parsing for the loaders.
 *
 * Files are read in large blocks (no per-character stdio); each line is
 * handed out NUL-terminated with its "\n" or "\r\n" removed. A NUL byte in a
 * line is reported as a binary file. Numbers are parsed by hand: sscanf per
 * line would dominate the load time. */
#ifndef LL_LINEREAD_H
#define LL_LINEREAD_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/err.h"

typedef struct lineread lineread;

/* Open path for reading; NULL with "path: strerror" when impossible. */
lineread *lineread_open(const char *path, ll_error *err);
void lineread_close(lineread **lr);

/* Read from a source of bytes instead of a file (standard input, a
 * decompressor): read fills up to n bytes of buf and returns how many, 0 at
 * the end, -1 with a message in err; done (may be NULL) frees ctx at close.
 * name is the source's name in messages. NULL when out of memory (done is
 * then called). */
typedef long (*lr_read_fn)(void *ctx, char *buf, size_t n, ll_error *err);
lineread *lineread_open_source(const char *name, lr_read_fn read, void *ctx,
			       void (*done)(void *ctx), ll_error *err);
/* The size in bytes of the file being read, 0 when unknown (a stream). */
size_t lineread_size(const lineread *lr);

/* The next line: 1 with *line (writable, NUL-terminated) and *len set, 0 at
 * the end of the file, -1 on a read error, a NUL byte or an over-long line
 * ("path:line: reason"). The line stays valid until the next call. */
int lineread_next(lineread *lr, char **line, size_t *len, ll_error *err);
/* The number of the line last returned (1-based) and the file's path. */
long lineread_lineno(const lineread *lr);
const char *lineread_path(const lineread *lr);

/* Many lines at once, for loaders that parse the bytes themselves (a
 * ratings file of a million lines is read at memory speed that way): 1 with
 * text[0..*len) holding one or more whole lines, each ending in '\n' (one is
 * put after a last line that has none), 0 at the end, -1 on a read error or
 * an over-long line. The bytes are writable and stay valid until the next
 * call; at least 31 more bytes after them may be read (a word-at-a-time
 * parser reads past a line's end: they are more text, or zero). The lines
 * are given as they are: the caller strips "\r", refuses
 * NUL bytes as lineread_next does, and counts them with lineread_add_lines
 * (messages about over-long lines name the right line then). Calls to
 * lineread_next and lineread_chunk may be mixed. */
int lineread_chunk(lineread *lr, char **text, size_t *len, ll_error *err);
void lineread_add_lines(lineread *lr, long n);
/* Reading a file in parts, for a loader that hands one part to another
 * thread (sources have no parts: these fail on them).
 * lineread_tell: the file offset of the next byte lineread_next or
 * lineread_chunk would hand out. lineread_window: forget what is buffered
 * and read the file from offset `from` on, as if it ended at `to` (SIZE_MAX:
 * at its end); 0, or -1 with a message. lineread_line_after: the offset of
 * the first line that starts after offset `at` (the byte after the first
 * '\n' at or after it), read aside without moving the reader, or -1 when
 * none starts within 64 KiB. lineread_part: see above. */
size_t lineread_tell(const lineread *lr);
/* Another reader of lr's file, of the bytes [from, to) (SIZE_MAX: to its
 * end), sharing its descriptor by pread, so neither moves the other: a
 * thread may use it while another uses lr. Close it before lr. NULL with a
 * message (a source, or out of memory). */
lineread *lineread_part(const lineread *lr, size_t from, size_t to, ll_error *err);
int lineread_window(lineread *lr, size_t from, size_t to, ll_error *err);
long lineread_line_after(const lineread *lr, size_t at);

/* Split line in place at each occurrence of sep (one or more characters,
 * such as "\t" or "::"); stores up to max field pointers and returns the
 * number of fields found (which may exceed max; extra fields are not split). */
int lr_split(char *line, const char *sep, char **fields, int max);

/* Split a CSV line in place (RFC 4180 quotes: "a, b" and "say ""hi"""),
 * unquoting fields. Returns the field count (as lr_split), or -1 for an
 * unterminated quote. */
int lr_split_csv(char *line, char sep, char **fields, int max);

/* Parse a whole field. Each returns 0, or -1 when the text is not (entirely)
 * such a number. lr_parse_double also refuses "nan" and "inf" with -2, so
 * callers can say why. */
int lr_parse_long(const char *s, long *out);
int lr_parse_u32(const char *s, uint32_t *out);
int lr_parse_double(const char *s, double *out);

/* 1 when s (of length n) is valid UTF-8. */
int lr_utf8_valid(const char *s, size_t n);
/* A UTF-8 copy of ISO-8859-1 text (each byte >= 0x80 becomes two bytes).
 * The caller frees it; NULL when out of memory. */
char *lr_latin1_to_utf8(const char *s);

/* "path/name" in a new string (NULL when out of memory). */
char *lr_join(const char *dir, const char *name);
/* 1 when path names a regular file (or a folder, for lr_is_dir). */
int lr_is_file(const char *path);
int lr_is_dir(const char *path);

#endif

/* uwidth.h: UTF-8 text measured in terminal columns.
 *
 * Every front end lays text out by display width: a Hangul syllable takes
 * two columns, a combining mark none. Widths come from wcwidth(3) when the
 * locale knows the character, and from a built-in table of East Asian wide
 * and zero-width ranges otherwise, so layout does not change with LC_CTYPE. */
#ifndef LL_UWIDTH_H
#define LL_UWIDTH_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

/* Decode one character at s (which must not be at its terminating NUL);
 * returns the bytes used (>= 1). Invalid bytes decode as U+FFFD, one byte. */
int uw_decode(const char *s, uint32_t *cp);
/* Columns of one character: 0 (combining, control), 1 or 2. */
int uw_cp_width(uint32_t cp);
/* Columns of a string, or of its first n bytes. */
int uw_width(const char *s);
int uw_width_n(const char *s, size_t n);
/* Bytes of the longest prefix of s that fits in cols columns; *used (may be
 * NULL) gets its width. Never splits a character. */
size_t uw_fit(const char *s, int cols, int *used);
/* s padded with spaces (or cut, ending in "…" / "~") to exactly cols
 * columns; align is 'l' or 'r'. A cut that a wide character leaves a
 * column short is padded on the far side too: right-aligned, the mark
 * ends at the last column. The caller frees the result. */
char *uw_pad(const char *s, int cols, char align, int ascii);

/* Word wrap to cols columns: breaks at spaces, and inside a word only when
 * the word alone is wider than a line. Newlines in s end lines. Fills up to
 * max lines (start byte and byte length each, trailing spaces dropped) and
 * returns how many lines the whole text needs. */
typedef struct uw_line {
	size_t start, len;
} uw_line;
int uw_wrap(const char *s, int cols, uw_line *lines, int max);

/* The column a preformatted line's continuation rows start at, when it is
 * wrapped to width columns: after the first gap of two or more spaces that
 * follows some text (under the description of a "name   description"
 * line), else under the line's own indentation; 0 when either is past half
 * the width. The text renderer and the TUI hang lines alike by it. */
int uw_hang(const char *line, int width);

/* text word-wrapped to width columns and written to out, line by line: its
 * own line breaks are kept, a line's leading spaces stay on its first row,
 * and the rows a long line wraps onto start with cont (NULL: none; dropped
 * when it would leave less than half the width). */
void uw_fwrap(FILE *out, const char *text, int width, const char *cont);

#endif

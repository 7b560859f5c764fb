/* bigtext.h: large digits for the presentation screen, in a 3 x 5 pixel
 * font of our own: digits, the sign, the point, ',' and '%'. Rendered as
 * text rows (half blocks, full blocks or '#'), so no curses: unit-tested. */
#ifndef TUI_BIGTEXT_H
#define TUI_BIGTEXT_H

#include <stddef.h>

/* Rows a line of big text takes: scale 1 is 3 rows of half blocks (▀ ▄ █,
 * square pixels), scale 2 is 5 rows of two-column pixels; ASCII is always
 * 5 rows of '#', one or two columns a pixel. */
int bigtext_rows(int scale, int ascii);
/* Columns s takes at the scale (a column of space between glyphs); -1
 * when s holds a character the font lacks. */
int bigtext_width(const char *s, int scale);
/* Row `row` (0-based) of s in the font, as UTF-8 text of exactly
 * bigtext_width columns, into out. -1 when it does not fit in n bytes or
 * s cannot be drawn. */
int bigtext_row(const char *s, int scale, int ascii, int row, char *out, size_t n);

#endif

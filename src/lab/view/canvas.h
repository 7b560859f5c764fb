/* canvas.h: a braille plotting canvas that knows nothing of any terminal.
 *
 * Three layers: data space (x right, y up) -> pixel space (px right, py
 * down, 2 x 4 pixels a cell) -> cell (U+2800 + a bit mask). One colour role
 * per cell, the last writer wins; text labels replace the dots of the cells
 * they cover. The TUI draws the cells with curses, the text renderer prints
 * them; an ASCII glyph set stands in for braille in non-UTF-8 locales. */
#ifndef LL_CANVAS_H
#define LL_CANVAS_H

typedef struct canvas canvas;

/* A canvas of w x h cells, that is 2w x 4h pixels; ascii != 0 selects the
 * ASCII glyphs. NULL when w or h is below 1 or memory runs out. */
canvas *canvas_new(int w, int h, int ascii);
void canvas_free(canvas **c);

int canvas_cols(const canvas *c);   /* cells across */
int canvas_rows(const canvas *c);   /* cells down */
int canvas_ascii(const canvas *c);  /* 1: the ASCII glyph set */
void canvas_clear(canvas *c);

/* The data rectangle mapped onto the pixels (default: [0,1] x [0,1]).
 * An empty range (lo == hi) is widened so that it maps to the middle. */
void canvas_range(canvas *c, double xlo, double xhi, double ylo, double yhi);
/* Data -> pixel, rounded to the nearest pixel; returns 1 when the pixel is
 * on the canvas. xlo lands on px 0, xhi on the last column; yhi on py 0. */
int canvas_to_px(const canvas *c, double x, double y, int *px, int *py);
/* The data rectangle the canvas maps (after any widening). */
void canvas_data_range(const canvas *c, double *xlo, double *xhi, double *ylo, double *yhi);

/* Dots. Pixels off the canvas are ignored; role is the cell's colour. */
void canvas_set(canvas *c, int px, int py, int role);
void canvas_unset(canvas *c, int px, int py);
int canvas_get(const canvas *c, int px, int py);
void canvas_line_px(canvas *c, int x0, int y0, int x1, int y1, int role);
void canvas_point(canvas *c, double x, double y, int role);
void canvas_line(canvas *c, double x0, double y0, double x1, double y1, int role);

/* Text at cell (col, row), replacing the dots there, clipped at the right
 * edge (a wide character that would not fit is dropped). Returns the number
 * of columns written. */
int canvas_text(canvas *c, int col, int row, const char *utf8, int role);
/* A label beside the data point (x, y): one cell right of the point's cell,
 * else ending left of it, on its row or up to two rows above or below,
 * wherever it first overlaps no earlier label. A label that finds no such
 * place is left out (0 returned); one wider than the canvas is cut at its
 * edge. Returns the columns written. */
int canvas_label(canvas *c, double x, double y, const char *utf8, int role);

/* The dot bits of a cell (standard braille order: 0x01 0x02 0x04 0x40 down
 * the left column, 0x08 0x10 0x20 0x80 down the right). */
unsigned canvas_bits(const canvas *c, int col, int row);
/* What a cell shows, as UTF-8: a label character, a braille (or ASCII)
 * glyph, " " when empty, or "" for the right half of a wide character.
 * *role (may be NULL) gets its colour role. Valid until the canvas changes. */
const char *canvas_cell(const canvas *c, int col, int row, int *role);
/* One whole row as a UTF-8 string (roles dropped); the caller frees it. */
char *canvas_row(const canvas *c, int row);

/* The glyph for a dot mask: braille U+2800 + bits, or in ASCII mode one of
 * ' ' (none), '\'' (top half only), '.' (bottom half only), ':' (both). */
const char *canvas_glyph(unsigned bits, int ascii, char buf[8]);

#endif

/* draw.h: small curses drawing helpers shared by the screens and widgets:
 * text clipped by display width, rules, signed bars and canvas blitting. */
#ifndef TUI_DRAW_H
#define TUI_DRAW_H

#include <curses.h>

#include "lab/view/canvas.h"
#include "tui/draw/layout.h"

/* Text at (y, x), at most maxw columns, in a theme role. In ASCII mode each
 * non-ASCII character becomes '?' per column so widths still line up.
 * Returns the columns written. */
int draw_text(WINDOW *w, int y, int x, int maxw, const char *s, int role, int ascii);
/* Like draw_text with a printf format. */
int draw_fmt(WINDOW *w, int y, int x, int maxw, int role, int ascii, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Blank a rectangle (in a role's background). */
void draw_clear(WINDOW *w, lrect r, int role);
/* Horizontal / vertical rules of n cells (box drawing, or '-' and '|'). */
void draw_hline(WINDOW *w, int y, int x, int n, int role, int ascii);
void draw_vline(WINDOW *w, int y, int x, int n, int role, int ascii);
/* A signed bar in width cells with the zero axis in the middle: value /
 * maxabs of the half width filled right (positive) or left (negative). */
void draw_signed_bar(WINDOW *w, int y, int x, int width, double value, double maxabs, int ascii);
/* A bar from x growing right: frac of width filled, in eighths in UTF-8. */
void draw_bar(WINDOW *w, int y, int x, int width, double frac, int role, int ascii);
/* Every cell of a canvas, at (y, x), in the roles the canvas holds. */
void draw_canvas(WINDOW *w, int y, int x, const canvas *c);

#endif

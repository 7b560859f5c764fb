/* layout.c: where the panes go for a terminal size (see layout.h): pure
 * arithmetic kept apart from curses so that it is unit-tested alone. */
#include "tui/draw/layout.h"

#include <string.h>

static lrect rect(int y, int x, int h, int w)
{
	lrect r = { y, x, h, w };
	return r;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int layout_fits(int rows, int cols)
{
	return rows >= LAYOUT_MIN_ROWS && cols >= LAYOUT_MIN_COLS;
}

/* Title, status and keys rows common to every screen; returns the height of
 * the middle band that starts at row 1. */
static int frame(int rows, int cols, layout *out)
{
	out->title = rect(0, 0, 1, cols);
	out->status = rect(rows - 2, 0, 1, cols);
	out->keys = rect(rows - 1, 0, 1, cols);
	return rows - 3;
}

int layout_player(int rows, int cols, layout *out)
{
	memset(out, 0, sizeof *out);
	if (!layout_fits(rows, cols))
		return -1;
	int h = frame(rows, cols, out);
	if (cols >= LAYOUT_WIDE_COLS) {
		/* Prose at a readable measure (about 40 % of the width, 36..64
		 * columns); the scene gets the rest. */
		int pw = clamp(cols * 2 / 5, 36, 64);
		out->side_by_side = 1;
		out->prose = rect(1, 0, h, pw);
		out->divider = rect(1, pw, h, 1);
		out->scene = rect(1, pw + 1, h, cols - pw - 1);
	} else {
		int ph = clamp(h * 2 / 5, 4, 12);
		out->prose = rect(1, 0, ph, cols);
		out->divider = rect(1 + ph, 0, 1, cols);
		out->scene = rect(2 + ph, 0, h - ph - 1, cols);
	}
	return 0;
}

int layout_browser(int rows, int cols, layout *out)
{
	memset(out, 0, sizeof *out);
	if (!layout_fits(rows, cols))
		return -1;
	int h = frame(rows, cols, out);
	if (cols >= LAYOUT_WIDE_COLS) {
		int lw = clamp(cols / 2, 40, 70);
		out->side_by_side = 1;
		out->prose = rect(1, 0, h, lw);
		out->divider = rect(1, lw, h, 1);
		out->scene = rect(1, lw + 1, h, cols - lw - 1);
	} else {
		int dh = clamp(h / 3, 3, 8);
		out->prose = rect(1, 0, h - dh - 1, cols);
		out->divider = rect(h - dh, 0, 1, cols);
		out->scene = rect(h - dh + 1, 0, dh, cols);
	}
	return 0;
}

int layout_scroll(int top, int sel, int n, int h)
{
	if (h < 1 || n <= h)
		return 0;
	if (sel < top)
		top = sel;
	if (sel >= top + h)
		top = sel - h + 1;
	return clamp(top, 0, n - h);
}

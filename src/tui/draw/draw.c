/* draw.c: the curses drawing helpers every screen and widget uses (see
 * draw.h): text clipped by display width (never bytes), rules, bars and
 * canvas cells, in theme roles, so no caller sets attributes itself. */
#include "tui/draw/draw.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lab/view/uwidth.h"
#include "tui/draw/theme.h"

int draw_text(WINDOW *w, int y, int x, int maxw, const char *s, int role, int ascii)
{
	if (maxw <= 0 || !s)
		return 0;
	wattrset(w, (attr_t)theme_attr(role));
	int used = 0;
	if (!ascii) {
		size_t n = uw_fit(s, maxw, &used);
		mvwaddnstr(w, y, x, s, (int)n);
	} else {
		wmove(w, y, x);
		while (*s) {
			uint32_t cp;
			int n = uw_decode(s, &cp), cw = uw_cp_width(cp);
			if (used + cw > maxw)
				break;
			for (int i = 0; i < cw; i++)
				waddch(w, cp < 0x80 ? (chtype)cp : '?');
			used += cw;
			s += n;
		}
	}
	wattrset(w, A_NORMAL);
	return used;
}

int draw_fmt(WINDOW *w, int y, int x, int maxw, int role, int ascii, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return draw_text(w, y, x, maxw, buf, role, ascii);
}

void draw_clear(WINDOW *w, lrect r, int role)
{
	wattrset(w, (attr_t)theme_attr(role));
	for (int y = r.y; y < r.y + r.h; y++)
		mvwhline(w, y, r.x, ' ', r.w);
	wattrset(w, A_NORMAL);
}

void draw_hline(WINDOW *w, int y, int x, int n, int role, int ascii)
{
	if (n <= 0)
		return;
	/* Box drawing as Unicode text, not the alternate character set, which
	 * some terminals (and tmux's capture) do not translate. */
	wattrset(w, (attr_t)theme_attr(role));
	if (ascii)
		mvwhline(w, y, x, '-', n);
	else
		for (int i = 0; i < n; i++)
			mvwaddstr(w, y, x + i, "─");
	wattrset(w, A_NORMAL);
}

void draw_vline(WINDOW *w, int y, int x, int n, int role, int ascii)
{
	if (n <= 0)
		return;
	wattrset(w, (attr_t)theme_attr(role));
	if (ascii)
		mvwvline(w, y, x, '|', n);
	else
		for (int i = 0; i < n; i++)
			mvwaddstr(w, y + i, x, "│");
	wattrset(w, A_NORMAL);
}

/* Eighth blocks growing from the left, for fractional bar ends. */
static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█" };

void draw_bar(WINDOW *w, int y, int x, int width, double frac, int role, int ascii)
{
	if (width <= 0)
		return;
	if (!(frac > 0))
		frac = 0;
	if (frac > 1)
		frac = 1;
	int units = (int)lround(frac * width * 8);
	wattrset(w, (attr_t)theme_attr(role));
	wmove(w, y, x);
	for (int i = 0; i < width; i++) {
		int u = units - i * 8;
		if (u <= 0)
			break;
		if (ascii)
			waddch(w, u >= 4 ? '#' : ' ');
		else
			waddstr(w, eighths[u > 8 ? 8 : u]);
	}
	wattrset(w, A_NORMAL);
}

void draw_signed_bar(WINDOW *w, int y, int x, int width, double value, double maxabs, int ascii)
{
	if (width < 3)
		return;
	int half = (width - 1) / 2, axis = x + half;
	draw_vline(w, y, axis, 1, ROLE_DIM, ascii);
	if (!(maxabs > 0) || !isfinite(value))
		return;
	double f = fabs(value) / maxabs;
	if (f > 1)
		f = 1;
	int cells = (int)lround(f * half);
	if (cells == 0 && value != 0)
		cells = 1; /* a non-zero value never looks like zero */
	int role = value < 0 ? ROLE_NEGATIVE : ROLE_POSITIVE;
	wattrset(w, (attr_t)theme_attr(role));
	for (int i = 1; i <= cells; i++) {
		int cx = value < 0 ? axis - i : axis + i;
		if (ascii)
			mvwaddch(w, y, cx, value < 0 ? '-' : '+');
		else
			mvwaddstr(w, y, cx, "█");
	}
	wattrset(w, A_NORMAL);
}

void draw_canvas(WINDOW *w, int y, int x, const canvas *c)
{
	int rows = canvas_rows(c), cols = canvas_cols(c);
	for (int r = 0; r < rows; r++) {
		wmove(w, y + r, x);
		int last = -1;
		for (int k = 0; k < cols; k++) {
			int role;
			const char *g = canvas_cell(c, k, r, &role);
			if (!*g)
				continue; /* right half of a wide character */
			if (role != last) {
				wattrset(w, (attr_t)theme_attr(role));
				last = role;
			}
			waddstr(w, g);
		}
	}
	wattrset(w, A_NORMAL);
}

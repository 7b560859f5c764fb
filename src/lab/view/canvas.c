/* canvas.c: braille canvas (see canvas.h). */
#include "lab/view/canvas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"

/* Bit of the dot at (dx, dy) inside a cell: the Unicode braille order, in
 * which dots 7 and 8 (the bottom row) were added after the first six. */
static const unsigned char dot_bit[4][2] = {
	{ 0x01, 0x08 },
	{ 0x02, 0x10 },
	{ 0x04, 0x20 },
	{ 0x40, 0x80 },
};

typedef struct cell {
	unsigned char bits;
	unsigned char text; /* 1: glyph holds a label character (or "") */
	int role;
	char glyph[8];
} cell;

struct canvas {
	int w, h, ascii;
	double xlo, xhi, ylo, yhi;
	cell *cells;
};

canvas *canvas_new(int w, int h, int ascii)
{
	if (w < 1 || h < 1 || w > 10000 || h > 10000)
		return NULL;
	canvas *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->cells = calloc((size_t)w * h, sizeof *c->cells);
	if (!c->cells) {
		free(c);
		return NULL;
	}
	c->w = w, c->h = h, c->ascii = ascii;
	canvas_range(c, 0, 1, 0, 1);
	canvas_clear(c);
	return c;
}

void canvas_free(canvas **c)
{
	if (!c || !*c)
		return;
	free((*c)->cells);
	free(*c);
	*c = NULL;
}

int canvas_cols(const canvas *c) { return c->w; }
int canvas_rows(const canvas *c) { return c->h; }
int canvas_ascii(const canvas *c) { return c->ascii; }

void canvas_clear(canvas *c)
{
	for (int i = 0; i < c->w * c->h; i++) {
		c->cells[i].bits = 0;
		c->cells[i].text = 0;
		c->cells[i].role = 0;
		strcpy(c->cells[i].glyph, " ");
	}
}

void canvas_range(canvas *c, double xlo, double xhi, double ylo, double yhi)
{
	if (!(xhi != xlo))
		xlo -= 0.5, xhi += 0.5;
	if (!(yhi != ylo))
		ylo -= 0.5, yhi += 0.5;
	c->xlo = xlo, c->xhi = xhi, c->ylo = ylo, c->yhi = yhi;
}

void canvas_data_range(const canvas *c, double *xlo, double *xhi, double *ylo, double *yhi)
{
	*xlo = c->xlo, *xhi = c->xhi, *ylo = c->ylo, *yhi = c->yhi;
}

/* Data -> pixel without rounding (for clipping lines). */
static void to_pxf(const canvas *c, double x, double y, double *fx, double *fy)
{
	*fx = (x - c->xlo) / (c->xhi - c->xlo) * (2 * c->w - 1);
	*fy = (c->yhi - y) / (c->yhi - c->ylo) * (4 * c->h - 1);
}

int canvas_to_px(const canvas *c, double x, double y, int *px, int *py)
{
	double fx, fy;
	to_pxf(c, x, y, &fx, &fy);
	if (!isfinite(fx) || !isfinite(fy) || fx < -0.5 || fy < -0.5 ||
	    fx >= 2 * c->w - 0.5 || fy >= 4 * c->h - 0.5)
		return 0;
	*px = (int)lround(fx);
	*py = (int)lround(fy);
	return 1;
}

const char *canvas_glyph(unsigned bits, int ascii, char buf[8])
{
	bits &= 0xff;
	if (ascii) {
		unsigned top = bits & 0x1b, bottom = bits & 0xe4;
		buf[0] = top && bottom ? ':' : top ? '\'' : bottom ? '.' : ' ';
		buf[1] = 0;
	} else if (!bits) {
		strcpy(buf, " ");
	} else {
		unsigned cp = 0x2800 + bits;
		buf[0] = (char)(0xe0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		buf[3] = 0;
	}
	return buf;
}

static int on(const canvas *c, int px, int py)
{
	return px >= 0 && py >= 0 && px < 2 * c->w && py < 4 * c->h;
}

static cell *cell_of(const canvas *c, int px, int py, unsigned *bit)
{
	*bit = dot_bit[py % 4][px % 2];
	return &c->cells[(size_t)(py / 4) * c->w + px / 2];
}

void canvas_set(canvas *c, int px, int py, int role)
{
	if (!on(c, px, py))
		return;
	unsigned bit;
	cell *e = cell_of(c, px, py, &bit);
	e->bits |= bit;
	if (!e->text) {
		e->role = role;
		canvas_glyph(e->bits, c->ascii, e->glyph);
	}
}

void canvas_unset(canvas *c, int px, int py)
{
	if (!on(c, px, py))
		return;
	unsigned bit;
	cell *e = cell_of(c, px, py, &bit);
	e->bits &= ~bit;
	if (!e->text)
		canvas_glyph(e->bits, c->ascii, e->glyph);
}

int canvas_get(const canvas *c, int px, int py)
{
	if (!on(c, px, py))
		return 0;
	unsigned bit;
	const cell *e = cell_of(c, px, py, &bit);
	return (e->bits & bit) != 0;
}

void canvas_line_px(canvas *c, int x0, int y0, int x1, int y1, int role)
{
	/* Bresenham, all octants. */
	int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
	int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
	int e = dx + dy;
	for (;;) {
		canvas_set(c, x0, y0, role);
		if (x0 == x1 && y0 == y1)
			break;
		int e2 = 2 * e;
		if (e2 >= dy)
			e += dy, x0 += sx;
		if (e2 <= dx)
			e += dx, y0 += sy;
	}
}

void canvas_point(canvas *c, double x, double y, int role)
{
	int px, py;
	if (canvas_to_px(c, x, y, &px, &py))
		canvas_set(c, px, py, role);
}

/* Liang-Barsky: clip the segment to the pixel rectangle, so that a far-away
 * end point neither overflows an int nor makes Bresenham walk off-canvas. */
static int clip(double lo_x, double hi_x, double lo_y, double hi_y,
		double *x0, double *y0, double *x1, double *y1)
{
	double t0 = 0, t1 = 1, dx = *x1 - *x0, dy = *y1 - *y0;
	double p[4] = { -dx, dx, -dy, dy };
	double q[4] = { *x0 - lo_x, hi_x - *x0, *y0 - lo_y, hi_y - *y0 };
	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return 0;
			continue;
		}
		double t = q[i] / p[i];
		if (p[i] < 0) {
			if (t > t1)
				return 0;
			if (t > t0)
				t0 = t;
		} else {
			if (t < t0)
				return 0;
			if (t < t1)
				t1 = t;
		}
	}
	double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
	*x1 = *x0 + t1 * dx, *y1 = *y0 + t1 * dy;
	*x0 = ax, *y0 = ay;
	return 1;
}

void canvas_line(canvas *c, double x0, double y0, double x1, double y1, int role)
{
	double fx0, fy0, fx1, fy1;
	to_pxf(c, x0, y0, &fx0, &fy0);
	to_pxf(c, x1, y1, &fx1, &fy1);
	if (!isfinite(fx0) || !isfinite(fy0) || !isfinite(fx1) || !isfinite(fy1))
		return;
	if (!clip(-0.49, 2 * c->w - 0.51, -0.49, 4 * c->h - 0.51, &fx0, &fy0, &fx1, &fy1))
		return;
	canvas_line_px(c, (int)lround(fx0), (int)lround(fy0),
		       (int)lround(fx1), (int)lround(fy1), role);
}

/* Make cell i a text cell showing s. */
static void put_text(canvas *c, int i, const char *s, int role)
{
	cell *e = &c->cells[i];
	e->text = 1;
	e->role = role;
	strcpy(e->glyph, s);
}

int canvas_text(canvas *c, int col, int row, const char *utf8, int role)
{
	if (row < 0 || row >= c->h || !utf8)
		return 0;
	int x = col, base = row * c->w;
	const char *s = utf8;
	while (*s) {
		uint32_t cp;
		int n = uw_decode(s, &cp), wd = uw_cp_width(cp);
		if (wd == 0 || n > 7) { /* combining marks and controls: dropped */
			s += n;
			continue;
		}
		if (x + wd > c->w)
			break;
		if (x >= 0) {
			/* Writing over half of an earlier wide character blanks its other half. */
			if (c->cells[base + x].text && !c->cells[base + x].glyph[0] && x > 0)
				put_text(c, base + x - 1, " ", c->cells[base + x - 1].role);
			int end = x + wd;
			if (end < c->w && c->cells[base + end].text && !c->cells[base + end].glyph[0])
				put_text(c, base + end, " ", c->cells[base + end].role);
			char g[8];
			memcpy(g, s, (size_t)n);
			g[n] = 0;
			if (c->ascii && cp >= 0x80)
				strcpy(g, "?");
			put_text(c, base + x, g, role);
			if (wd == 2)
				put_text(c, base + x + 1, c->ascii ? "?" : "", role);
		}
		x += wd;
		s += n;
	}
	return x - col;
}

/* 1 when cells [col, col+w) of row, and the cell on either side (so that
 * two labels never run together), hold no label text yet. */
static int free_for_text(const canvas *c, int col, int row, int w)
{
	if (row < 0 || row >= c->h || col < 0 || col + w > c->w)
		return 0;
	for (int i = col > 0 ? col - 1 : col; i < col + w + 1 && i < c->w; i++)
		if (c->cells[row * c->w + i].text)
			return 0;
	return 1;
}

int canvas_label(canvas *c, double x, double y, const char *utf8, int role)
{
	int px, py;
	if (!canvas_to_px(c, x, y, &px, &py))
		return 0;
	int col = px / 2, row = py / 4, wd = uw_width(utf8);
	/* Right of the point, else left of it, on its row, then the rows one
	 * and two above and below: the first place no earlier label holds. A
	 * label with no such place is left out (garbled text helps nobody),
	 * unless it is wider than the canvas, when it is cut at the edge. */
	static const int drow[] = { 0, -1, 1, -2, 2 };
	int start = -1, r = row;
	for (int i = 0; i < 5 && start < 0; i++)
		for (int side = 0; side < 2; side++) {
			int s0 = side ? col - wd : col + 1;
			if (free_for_text(c, s0, row + drow[i], wd)) {
				start = s0, r = row + drow[i];
				break;
			}
		}
	if (start < 0) {
		if (wd <= c->w)
			return 0;
		start = 0;
	}
	return canvas_text(c, start, r, utf8, role);
}

unsigned canvas_bits(const canvas *c, int col, int row)
{
	if (col < 0 || row < 0 || col >= c->w || row >= c->h)
		return 0;
	return c->cells[row * c->w + col].bits;
}

const char *canvas_cell(const canvas *c, int col, int row, int *role)
{
	if (col < 0 || row < 0 || col >= c->w || row >= c->h) {
		if (role)
			*role = 0;
		return " ";
	}
	const cell *e = &c->cells[row * c->w + col];
	if (role)
		*role = e->role;
	return e->glyph;
}

char *canvas_row(const canvas *c, int row)
{
	char *out = malloc((size_t)c->w * 4 + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	for (int i = 0; i < c->w; i++) {
		const char *g = canvas_cell(c, i, row, NULL);
		size_t k = strlen(g);
		memcpy(out + n, g, k);
		n += k;
	}
	out[n] = 0;
	return out;
}

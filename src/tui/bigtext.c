/* bigtext.c: the presentation screen's large digits (see bigtext.h). Each
 * glyph is five rows of pixels, three bits a row (the high bit on the
 * left), one or three pixels wide. */
#include "tui/bigtext.h"

#include <string.h>

typedef struct glyph {
	char ch;
	int w;                 /* pixels */
	unsigned char row[5];  /* bit w-1 is the leftmost pixel */
} glyph;

static const glyph font[] = {
	{ '0', 3, { 7, 5, 5, 5, 7 } }, { '1', 3, { 2, 6, 2, 2, 7 } },
	{ '2', 3, { 7, 1, 7, 4, 7 } }, { '3', 3, { 7, 1, 7, 1, 7 } },
	{ '4', 3, { 5, 5, 7, 1, 1 } }, { '5', 3, { 7, 4, 7, 1, 7 } },
	{ '6', 3, { 7, 4, 7, 5, 7 } }, { '7', 3, { 7, 1, 1, 1, 1 } },
	{ '8', 3, { 7, 5, 7, 5, 7 } }, { '9', 3, { 7, 5, 7, 1, 7 } },
	{ '-', 3, { 0, 0, 7, 0, 0 } }, { '+', 3, { 0, 2, 7, 2, 0 } },
	{ '%', 3, { 5, 1, 2, 4, 5 } }, { '.', 1, { 0, 0, 0, 0, 1 } },
	{ ',', 1, { 0, 0, 0, 1, 1 } }, { ' ', 1, { 0, 0, 0, 0, 0 } },
};

static const glyph *find(char c)
{
	for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
		if (font[i].ch == c)
			return &font[i];
	return NULL;
}

int bigtext_rows(int scale, int ascii)
{
	return ascii || scale > 1 ? 5 : 3;
}

int bigtext_width(const char *s, int scale)
{
	int w = 0;
	for (const char *p = s; *p; p++) {
		const glyph *g = find(*p);
		if (!g)
			return -1;
		w += g->w * (scale > 1 ? 2 : 1) + (p[1] ? 1 : 0);
	}
	return w;
}

static int pixel(const glyph *g, int y, int x)
{
	return y >= 0 && y < 5 && (g->row[y] >> (g->w - 1 - x) & 1);
}

/* Append a cell's text; 0, or -1 when out is full. */
static int put(char *out, size_t n, size_t *len, const char *cell)
{
	size_t k = strlen(cell);
	if (*len + k + 1 > n)
		return -1;
	memcpy(out + *len, cell, k + 1);
	*len += k;
	return 0;
}

int bigtext_row(const char *s, int scale, int ascii, int row, char *out, size_t n)
{
	size_t len = 0;
	if (!n || bigtext_width(s, scale) < 0 || row < 0 || row >= bigtext_rows(scale, ascii))
		return -1;
	out[0] = 0;
	int half = !ascii && scale <= 1, wide = scale > 1;
	for (const char *p = s; *p; p++) {
		const glyph *g = find(*p);
		for (int x = 0; x < g->w; x++) {
			const char *cell;
			if (half) {
				int top = pixel(g, 2 * row, x), bottom = pixel(g, 2 * row + 1, x);
				cell = top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " ";
			} else {
				cell = pixel(g, row, x) ? (ascii ? "#" : "█") : " ";
			}
			for (int k = 0; k <= wide; k++)
				if (put(out, n, &len, cell))
					return -1;
		}
		if (p[1] && put(out, n, &len, " "))
			return -1;
	}
	return 0;
}

/* view_heat.c: the heat map view (VIEW_HEAT in view.h), a corner of the
 * ratings matrix with one character cell per matrix cell: a known rating
 * as a block whose height follows the rating, a model's prediction as the
 * paler braille of the same height, a blank as a dark dot. It keeps its
 * cells in u.matrix, like the numbered ratings matrix. The glyphs are here,
 * so the text renderer and the TUI draw the same map. */
#include "lab/view/view.h"

#include <math.h>

view *view_heat(const char *title, int rows, int cols)
{
	view *v = view_matrix(title, rows, cols);
	if (v)
		v->kind = VIEW_HEAT;
	return v;
}

int view_heat_level(const view *v, double value)
{
	double lo = v->u.matrix.lo, hi = v->u.matrix.hi;
	if (!isfinite(value) || !(hi > lo))
		return 0;
	int l = (int)floor((value - lo) / (hi - lo) * 8);
	return l < 0 ? 0 : l > 7 ? 7 : l;
}

const char *view_heat_glyph(const view *v, int row, int col, int ascii)
{
	static const char *const known[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	static const char *const guess[] = { "⡀", "⣀", "⣄", "⣤", "⣦", "⣶", "⣷", "⣿" };
	static const char *const known_a[] = { "1", "1", "2", "2", "3", "4", "4", "5" };
	static const char *const guess_a[] = { ".", ".", ":", ":", "-", "+", "+", "*" };
	size_t at = (size_t)row * v->u.matrix.cols + col;
	int st = v->u.matrix.state[at];
	if (st == CELL_MISSING)
		return ascii ? " " : "·";
	int l = view_heat_level(v, v->u.matrix.values[at]);
	if (st == CELL_PREDICTED)
		return ascii ? guess_a[l] : guess[l];
	return ascii ? known_a[l] : known[l];
}

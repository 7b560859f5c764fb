/* view_text_levels.c: a quantizer's grid as text (VIEW_LEVELS): a line of
 * ticks, one per level, then a row per value: the value as a dot on the
 * same line, the level it is stored as, a rule between, and the numbers. */
#include "lab/view/view_text_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"
#include "lab/view/view_intl.h"

/* The glyphs of one cell. */
enum { C_NONE, C_TICK, C_RULE, C_LEVEL, C_VALUE };

static void put_row(FILE *out, const unsigned char *cells, int cols, int utf8)
{
	static const char *const u[] = { " ", "·", "─", "◆", "●" }, *const a[] = { " ", ".", "-", "#", "o" };
	int end = cols;
	while (end > 0 && cells[end - 1] == C_NONE)
		end--;
	for (int c = 0; c < end; c++)
		fputs(utf8 ? u[cells[c]] : a[cells[c]], out);
	vt_repeat(out, " ", cols - end);
}

void vt_render_levels(const view *v, FILE *out, int width, int utf8)
{
	int nl = v->u.levels.n_levels, n = v->u.levels.n, lw = 6;
	vt_title(v, out, width, utf8);
	for (int i = 0; i < n; i++) {
		int x = uw_width(v->u.levels.labels[i] ? v->u.levels.labels[i] : "");
		if (x > lw)
			lw = x;
	}
	if (lw > 12)
		lw = 12;
	/* Right of the line: "-0.1485 → -0.1902  -0.0417". */
	int cols = width - lw - 1 - 28;
	if (cols < 10)
		cols = 10;
	unsigned char *cells = malloc((size_t)cols);
	if (!cells)
		return;
	memset(cells, C_NONE, (size_t)cols);
	int ticks = nl <= cols / 2;
	for (int i = 0; ticks && i < nl; i++)
		cells[view_levels_col(v, v->u.levels.levels[i], cols)] = C_TICK;
	double lo, hi;
	view_levels_range(v, &lo, &hi);
	char l[32], r[32];
	snprintf(l, sizeof l, "%.4f", lo);
	snprintf(r, sizeof r, "%.4f", hi);
	vt_pad(out, "", lw + 1, 'l', !utf8);
	fputs(l, out);
	vt_repeat(out, " ", cols - (int)strlen(l) - (int)strlen(r) > 1 ? cols - (int)strlen(l) - (int)strlen(r) : 1);
	fprintf(out, "%s\n", r);
	vt_pad(out, _("levels"), lw, 'l', !utf8);
	fputc(' ', out);
	put_row(out, cells, cols, utf8);
	if (ticks)
		fprintf(out, ngettext(" %d level\n", " %d levels\n", (unsigned long)nl), nl);
	else
		fprintf(out, ngettext(" %d level, too close to draw\n", " %d levels, too close to draw\n",
				      (unsigned long)nl),
			nl);
	for (int i = 0; i < n; i++) {
		unsigned char *row = malloc((size_t)cols);
		if (!row)
			break;
		memcpy(row, cells, (size_t)cols);
		int a = view_levels_col(v, v->u.levels.values[i], cols);
		int b = view_levels_col(v, v->u.levels.stored[i], cols);
		for (int c = a < b ? a : b; c <= (a < b ? b : a); c++)
			row[c] = C_RULE;
		row[b] = C_LEVEL;
		row[a] = C_VALUE;
		vt_pad(out, v->u.levels.labels[i], lw, 'l', !utf8);
		fputc(' ', out);
		put_row(out, row, cols, utf8);
		fprintf(out, " %+.4f %s %+.4f %+.4f\n", v->u.levels.values[i], utf8 ? "→" : "->",
			v->u.levels.stored[i], v->u.levels.stored[i] - v->u.levels.values[i]);
		free(row);
	}
	fprintf(out, _("%s a value, %s the level it is stored as; on the right: value %s level, "
		       "error\n"),
		utf8 ? "●" : "o", utf8 ? "◆" : "#", utf8 ? "→" : "->");
	free(cells);
}

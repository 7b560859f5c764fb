/* scene_table.c: rows and columns of strings, widths by display columns. */
#include <stdlib.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

static const char *str(const char *s) { return s ? s : ""; }

void scene_table_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int rows = v->u.table.rows, cols = v->u.table.cols;
	if (cols < 1)
		return;
	int *cw = calloc((size_t)cols, sizeof *cw);
	if (!cw)
		return;
	for (int c = 0; c < cols; c++) {
		cw[c] = uw_width(str(v->u.table.header[c]));
		for (int i = 0; i < rows; i++) {
			int wd = uw_width(str(v->u.table.cells[(size_t)i * cols + c]));
			if (wd > cw[c])
				cw[c] = wd;
		}
	}
	/* Too wide: shrink the widest column until the table fits (2 spaces
	 * between columns), never below 4 columns. */
	int total;
	for (;;) {
		int widest = 0;
		total = 0;
		for (int c = 0; c < cols; c++) {
			total += cw[c] + (c ? 2 : 0);
			if (cw[c] > cw[widest])
				widest = c;
		}
		if (total <= r.w || cw[widest] <= 4)
			break;
		cw[widest]--;
	}
	/* A table whose columns have no names draws no header row. */
	int named = 0;
	for (int c = 0; c < cols; c++)
		named |= v->u.table.header[c] && v->u.table.header[c][0];
	int head = named ? 2 : 0, body = r.h - head, shown = rows <= body ? rows : body - 1;
	if (shown < 0)
		shown = 0;
	for (int line = named ? -1 : 0; line < shown; line++) {
		int x = r.x, y = r.y + (line < 0 ? 0 : line + head);
		for (int c = 0; c < cols && x < r.x + r.w; c++) {
			const char *s = line < 0 ? str(v->u.table.header[c])
						 : str(v->u.table.cells[(size_t)line * cols + c]);
			char *cell = uw_pad(s, cw[c], v->u.table.align[c] == 'r' ? 'r' : 'l', ctx->ascii);
			if (cell)
				draw_text(w, y, x, r.x + r.w - x, cell, line < 0 ? ROLE_TITLE : ROLE_NORMAL,
					  ctx->ascii);
			free(cell);
			x += cw[c] + 2;
		}
	}
	if (named && r.h > 1)
		draw_hline(w, r.y + 1, r.x, total < r.w ? total : r.w, ROLE_DIM, ctx->ascii);
	if (shown < rows && r.h > head)
		draw_fmt(w, r.y + head + shown, r.x, r.w, ROLE_DIM, ctx->ascii, _("... %d more rows"),
			 rows - shown);
	free(cw);
}

/* scene_matrix.c: the ratings matrix: known ratings, '?' for missing cells,
 * predictions in their own colour and the current (user, item) highlighted. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

static const char *str(const char *s) { return s ? s : ""; }

static void format_cell(char *buf, size_t n, int state, double v, int cw)
{
	if (state == CELL_MISSING)
		snprintf(buf, n, "?");
	else if (state == CELL_KNOWN)
		snprintf(buf, n, v == floor(v) ? "%.0f" : "%.1f", v);
	else
		snprintf(buf, n, cw >= 5 ? "%.2f" : "%.1f", v);
}

/* The first of n entries to show in room slots so that cur stays visible. */
static int window_start(int n, int room, int cur)
{
	if (n <= room || cur < 0)
		return 0;
	int s = cur - room / 2;
	if (s < 0)
		s = 0;
	if (s > n - room)
		s = n - room;
	return s;
}

void scene_matrix_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int rows = v->u.matrix.rows, cols = v->u.matrix.cols;
	int cr = v->u.matrix.cur_row, cc = v->u.matrix.cur_col;
	int lw = 0, cw = 4;
	for (int i = 0; i < rows; i++) {
		int wd = uw_width(str(v->u.matrix.row_labels[i]));
		if (wd > lw)
			lw = wd;
	}
	for (int j = 0; j < cols; j++) {
		int wd = uw_width(str(v->u.matrix.col_labels[j]));
		if (wd > cw)
			cw = wd;
	}
	if (lw > 14)
		lw = 14;
	if (lw > r.w / 3)
		lw = r.w / 3;
	if (cw > 10)
		cw = 10;
	/* Narrow the columns before dropping any (never below 4 + a space). */
	while (cw > 4 && lw + 1 + cols * (cw + 1) > r.w)
		cw--;
	int fit_cols = (r.w - lw - 1) / (cw + 1);
	int legend = r.h >= 4;
	/* Item names cut short in one header row go on two staggered rows, each
	 * name then having its own column and its neighbour's. */
	int cut = 0;
	for (int j = 0; j < cols; j++)
		cut |= uw_width(str(v->u.matrix.col_labels[j])) > cw;
	int head = cut && r.h >= rows + 2 + legend ? 2 : 1;
	int fit_rows = r.h - head - legend;
	if (fit_cols < 1 || fit_rows < 1)
		return;
	int c0 = window_start(cols, fit_cols, cc), r0 = window_start(rows, fit_rows, cr);
	int nc = cols - c0 < fit_cols ? cols - c0 : fit_cols;
	int nr = rows - r0 < fit_rows ? rows - r0 : fit_rows;
	for (int j = 0; j < nc; j++) {
		int x = r.x + lw + 1 + j * (cw + 1), role = c0 + j == cc ? ROLE_ITEM : ROLE_TITLE;
		const char *name = str(v->u.matrix.col_labels[c0 + j]);
		if (head == 1) {
			char *h = uw_pad(name, cw, 'r', ctx->ascii);
			if (h)
				draw_text(w, r.y, x, cw, h, role, ctx->ascii);
			free(h);
		} else {
			int room = 2 * cw + 1;
			if (x + room > r.x + r.w)
				room = r.x + r.w - x;
			char *h = uw_width(name) > room ? uw_pad(name, room, 'l', ctx->ascii) : strdup(name);
			if (h)
				draw_text(w, r.y + j % 2, x, room, h, role, ctx->ascii);
			free(h);
		}
	}
	for (int i = 0; i < nr; i++) {
		int row = r0 + i, y = r.y + head + i;
		char *l = uw_pad(str(v->u.matrix.row_labels[row]), lw, 'l', ctx->ascii);
		if (l)
			draw_text(w, y, r.x, lw, l, row == cr ? ROLE_USER : ROLE_TITLE, ctx->ascii);
		free(l);
		for (int j = 0; j < nc; j++) {
			int col = c0 + j;
			size_t k = (size_t)row * cols + col;
			int st = v->u.matrix.state[k];
			char buf[32];
			format_cell(buf, sizeof buf, st, v->u.matrix.values[k], cw);
			int role = st == CELL_KNOWN ? ROLE_KNOWN : st == CELL_PREDICTED ? ROLE_PREDICTED
											: ROLE_MISSING;
			if (row == cr && col == cc)
				role = ROLE_CURRENT;
			char *cell = uw_pad(buf, cw, head == 2 ? 'l' : 'r', ctx->ascii); /* under its name */
			if (cell)
				draw_text(w, y, r.x + lw + 1 + j * (cw + 1), cw, cell, role, ctx->ascii);
			free(cell);
		}
	}
	if (legend) {
		int y = r.y + head + nr, x = r.x;
		/* The legend names each colour in that colour. */
		/* TRANSLATORS: the ratings matrix's legend in the player, a word per colour. */
		x += draw_text(w, y, x, r.x + r.w - x, _("rated"), ROLE_KNOWN, ctx->ascii);
		x += draw_text(w, y, x, r.x + r.w - x, "  ", ROLE_DIM, ctx->ascii);
		x += draw_text(w, y, x, r.x + r.w - x, _("? missing"), ROLE_MISSING, ctx->ascii);
		x += draw_text(w, y, x, r.x + r.w - x, "  ", ROLE_DIM, ctx->ascii);
		x += draw_text(w, y, x, r.x + r.w - x, _("predicted"), ROLE_PREDICTED, ctx->ascii);
		if (cr >= 0 && cc >= 0) {
			x += draw_text(w, y, x, r.x + r.w - x, "  ", ROLE_DIM, ctx->ascii);
			/* TRANSLATORS: the legend's word for the cell the step is about. */
			x += draw_text(w, y, x, r.x + r.w - x, _("now"), ROLE_CURRENT, ctx->ascii);
		}
		if (nc < cols || nr < rows) {
			x += draw_text(w, y, x, r.x + r.w - x, "  ", ROLE_DIM, ctx->ascii);
			draw_fmt(w, y, x, r.x + r.w - x, ROLE_DIM, ctx->ascii,
				 _("(%d of %d users, %d of %d items)"), nr, rows, nc, cols);
		}
	}
}

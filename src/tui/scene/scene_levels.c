/* scene_levels.c: a quantizer's grid (VIEW_LEVELS): the levels as ticks on
 * a line, then a row per value: the value as a dot, the level it is stored
 * as, a rule between them, and the numbers on the right. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/draw/theme.h"
#include "tui/scene/scene.h"

int scene_levels_height(const view *v)
{
	return v->u.levels.n + 2; /* the range, the ticks, a row per value */
}

static void ticks(WINDOW *w, int y, int x, int cols, const view *v, const scene_ctx *ctx)
{
	if (v->u.levels.n_levels > cols / 2)
		return;
	for (int i = 0; i < v->u.levels.n_levels; i++)
		draw_text(w, y, x + view_levels_col(v, v->u.levels.levels[i], cols), 1,
			  ctx->ascii ? "." : "·", ROLE_DIM, ctx->ascii);
}

void scene_levels_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int n = v->u.levels.n, lw = 6;
	if (r.h < 3 || r.w < 40)
		return;
	for (int i = 0; i < n; i++)
		if (uw_width(v->u.levels.labels[i]) > lw)
			lw = uw_width(v->u.levels.labels[i]);
	if (lw > 12)
		lw = 12;
	int x0 = r.x + lw + 1, cols = r.w - lw - 1 - 28;
	if (cols < 10)
		return;
	double lo, hi;
	view_levels_range(v, &lo, &hi);
	char buf[64];
	snprintf(buf, sizeof buf, "%.4f", hi);
	draw_fmt(w, r.y, x0, cols, ROLE_DIM, ctx->ascii, "%.4f", lo);
	draw_text(w, r.y, x0 + cols - uw_width(buf), uw_width(buf), buf, ROLE_DIM, ctx->ascii);
	draw_text(w, r.y + 1, r.x, lw, _("levels"), ROLE_TITLE, ctx->ascii);
	ticks(w, r.y + 1, x0, cols, v, ctx);
	draw_fmt(w, r.y + 1, x0 + cols + 1, r.w - lw - cols - 2, ROLE_DIM, ctx->ascii, _("%d levels"),
		 v->u.levels.n_levels);
	int rows = n < r.h - 2 ? n : r.h - 2;
	for (int i = 0; i < rows; i++) {
		int y = r.y + 2 + i;
		char *l = uw_pad(v->u.levels.labels[i], lw, 'l', ctx->ascii);
		if (l)
			draw_text(w, y, r.x, lw, l, ROLE_DIM, ctx->ascii);
		free(l);
		ticks(w, y, x0, cols, v, ctx);
		int a = view_levels_col(v, v->u.levels.values[i], cols);
		int b = view_levels_col(v, v->u.levels.stored[i], cols);
		for (int c = a < b ? a : b; c <= (a < b ? b : a); c++)
			draw_text(w, y, x0 + c, 1, ctx->ascii ? "-" : "─", ROLE_DIM, ctx->ascii);
		draw_text(w, y, x0 + b, 1, ctx->ascii ? "#" : "◆", ROLE_SERIES2, ctx->ascii);
		draw_text(w, y, x0 + a, 1, ctx->ascii ? "o" : "●", ROLE_ITEM, ctx->ascii);
		double e = v->u.levels.stored[i] - v->u.levels.values[i];
		draw_fmt(w, y, x0 + cols + 1, 28, ROLE_NORMAL, ctx->ascii, "%+.4f %s %+.4f ",
			 v->u.levels.values[i], ctx->ascii ? "->" : "→", v->u.levels.stored[i]);
		draw_fmt(w, y, x0 + cols + 1 + 19 + (ctx->ascii ? 1 : 0), 9, fabs(e) > 0 ? ROLE_ERROR : ROLE_GOOD,
			 ctx->ascii, "%+.4f", e);
	}
}

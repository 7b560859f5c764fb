/* scene_line.c: line chart of one or more series (loss per epoch, train and
 * test) on a braille canvas, with the y range on a left axis. */
#include <math.h>
#include <stdio.h>

#include "lab/view/canvas.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

#define AXIS_W 9

void scene_line_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	if (r.h < 4 || r.w < AXIS_W + 10)
		return;
	double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		for (int i = 0; i < se->n; i++) {
			if (!isfinite(se->x[i]) || !isfinite(se->y[i]))
				continue;
			xlo = fmin(xlo, se->x[i]), xhi = fmax(xhi, se->x[i]);
			ylo = fmin(ylo, se->y[i]), yhi = fmax(yhi, se->y[i]);
		}
	}
	if (!(xlo <= xhi)) {
		draw_text(w, r.y, r.x, r.w, "(no data)", ROLE_DIM, ctx->ascii);
		return;
	}
	lrect pr = { r.y, r.x + AXIS_W + 1, r.h - 2, r.w - AXIS_W - 1 };
	canvas *c = canvas_new(pr.w, pr.h, ctx->ascii);
	if (!c)
		return;
	canvas_range(c, xlo, xhi, ylo, yhi);
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		int role = theme_series(s);
		for (int i = 0; i < se->n; i++) {
			if (se->n == 1 || i == 0)
				canvas_point(c, se->x[i], se->y[i], role);
			else
				canvas_line(c, se->x[i - 1], se->y[i - 1], se->x[i], se->y[i], role);
		}
	}
	draw_canvas(w, pr.y, pr.x, c);
	canvas_free(&c);
	/* The axes: range labels on the left, x at the bottom. */
	draw_vline(w, pr.y, pr.x - 1, pr.h, ROLE_DIM, ctx->ascii);
	draw_fmt(w, pr.y, r.x, AXIS_W, ROLE_DIM, ctx->ascii, "%*.4g", AXIS_W - 1, yhi);
	draw_fmt(w, pr.y + pr.h - 1, r.x, AXIS_W, ROLE_DIM, ctx->ascii, "%*.4g", AXIS_W - 1, ylo);
	if (v->u.line.ylabel && pr.h > 4)
		draw_text(w, pr.y + pr.h / 2, r.x, AXIS_W, v->u.line.ylabel, ROLE_DIM, ctx->ascii);
	int y = pr.y + pr.h;
	draw_hline(w, y, pr.x, pr.w, ROLE_DIM, ctx->ascii);
	char buf[64];
	snprintf(buf, sizeof buf, "%.4g", xhi);
	draw_fmt(w, y, pr.x, pr.w, ROLE_DIM, ctx->ascii, "%.4g", xlo);
	draw_text(w, y, pr.x + pr.w - uw_width(buf), uw_width(buf), buf, ROLE_DIM, ctx->ascii);
	if (v->u.line.xlabel) {
		int xw = uw_width(v->u.line.xlabel);
		draw_text(w, y, pr.x + (pr.w - xw) / 2, xw, v->u.line.xlabel, ROLE_DIM, ctx->ascii);
	}
	/* Legend: each series' name in its colour. */
	int x = pr.x;
	for (int s = 0; s < v->u.line.n_series && x < r.x + r.w; s++) {
		x += draw_text(w, y + 1, x, r.x + r.w - x, ctx->ascii ? "-- " : "━━ ", theme_series(s), ctx->ascii);
		x += draw_text(w, y + 1, x, r.x + r.w - x, v->u.line.series[s].name, theme_series(s), ctx->ascii);
		x += draw_text(w, y + 1, x, r.x + r.w - x, "   ", ROLE_DIM, ctx->ascii);
	}
}

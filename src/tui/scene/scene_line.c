/* scene_line.c: line chart of one or more series (loss per epoch, train and
 * test; one run per value of a sweep) on a braille canvas, with the y range
 * on a left axis, a legend in the series' colours, a cross where a failed
 * run stopped and a marked x as a dotted vertical line with its label. */
#include <math.h>
#include <stdio.h>

#include "lab/view/canvas.h"
#include "engine/core/intl.h"
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
	/* Log axes (view_axis.c) are drawn in log10 of the values. */
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		for (int i = 0; i < se->n; i++) {
			double x = view_line_tx(v, se->x[i]), y = view_line_ty(v, se->y[i]);
			if (!isfinite(x) || !isfinite(y))
				continue;
			xlo = fmin(xlo, x), xhi = fmax(xhi, x);
			ylo = fmin(ylo, y), yhi = fmax(yhi, y);
		}
	}
	for (int m = 0; m < v->u.line.n_marks; m++) {
		double x = view_line_tx(v, v->u.line.marks[m].x), y = view_line_ty(v, v->u.line.marks[m].y);
		if (isfinite(x) && isfinite(y)) {
			xlo = fmin(xlo, x), xhi = fmax(xhi, x);
			ylo = fmin(ylo, y), yhi = fmax(yhi, y);
		}
	}
	for (int s = 0; s < v->u.line.n_series; s++) {
		double x = v->u.line.series[s].failed ? view_line_tx(v, v->u.line.series[s].fail_x) : NAN;
		if (isfinite(x))
			xlo = fmin(xlo, x), xhi = fmax(xhi, x);
	}
	if (v->u.line.has_vline && isfinite(view_line_tx(v, v->u.line.vline_x))) {
		double x = view_line_tx(v, v->u.line.vline_x);
		xlo = fmin(xlo, x), xhi = fmax(xhi, x);
	}
	if (xlo <= xhi && !(ylo <= yhi))
		ylo = 0, yhi = 1; /* only failed runs: no y to show */
	if (!(xlo <= xhi)) {
		draw_text(w, r.y, r.x, r.w, _("(no data)"), ROLE_DIM, ctx->ascii);
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
			double x = view_line_tx(v, se->x[i]), y = view_line_ty(v, se->y[i]);
			double px = i ? view_line_tx(v, se->x[i - 1]) : NAN;
			double py = i ? view_line_ty(v, se->y[i - 1]) : NAN;
			if (!isfinite(x) || !isfinite(y))
				continue;
			if (se->n == 1 || i == 0 || !isfinite(px) || !isfinite(py))
				canvas_point(c, x, y, role);
			else
				canvas_line(c, px, py, x, y, role);
		}
	}
	for (int m = 0; m < v->u.line.n_marks; m++) {
		const view_mark *mk = &v->u.line.marks[m];
		double x = view_line_tx(v, mk->x), y = view_line_ty(v, mk->y);
		if (!isfinite(x) || !isfinite(y))
			continue;
		int role = mk->series >= 0 ? theme_series(mk->series) : ROLE_EMPH;
		canvas_point(c, x, y, role);
		if (mk->label && *mk->label)
			canvas_label(c, x, y, mk->label, role);
	}
	int px, py;
	if (v->u.line.has_vline &&
	    canvas_to_px(c, view_line_tx(v, v->u.line.vline_x), yhi, &px, &py)) {
		for (int yy = 0; yy < 4 * pr.h; yy += 2)
			canvas_set(c, px, yy, ROLE_EMPH);
		const char *lab = v->u.line.vline_label ? v->u.line.vline_label : "";
		int lw = uw_width(lab), col = px / 2 + 1;
		if (col + lw > pr.w)
			col = px / 2 - lw;
		if (*lab && col >= 0)
			canvas_text(c, col, 0, lab, ROLE_EMPH);
	}
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		if (se->failed && canvas_to_px(c, view_line_tx(v, se->fail_x), yhi, &px, &py))
			canvas_text(c, px / 2, 0, ctx->ascii ? "x" : "✗", theme_series(s));
		/* Past three series the colours repeat: names at the curves' ends. */
		for (int i = se->n - 1; v->u.line.n_series > 3 && i >= 0; i--) {
			double lx = view_line_tx(v, se->x[i]), ly = view_line_ty(v, se->y[i]);
			if (isfinite(lx) && isfinite(ly)) {
				canvas_label(c, lx, ly, se->name, theme_series(s));
				break;
			}
		}
	}
	draw_canvas(w, pr.y, pr.x, c);
	/* The axes: range labels on the left, x at the bottom. */
	draw_vline(w, pr.y, pr.x - 1, pr.h, ROLE_DIM, ctx->ascii);
	char buf[64];
	view_axis_num(v->u.line.ylog ? pow(10, yhi) : yhi, buf, sizeof buf);
	draw_fmt(w, pr.y, r.x, AXIS_W, ROLE_DIM, ctx->ascii, "%*s", AXIS_W - 1, buf);
	view_axis_num(v->u.line.ylog ? pow(10, ylo) : ylo, buf, sizeof buf);
	draw_fmt(w, pr.y + pr.h - 1, r.x, AXIS_W, ROLE_DIM, ctx->ascii, "%*s", AXIS_W - 1, buf);
	if (v->u.line.ylabel && pr.h > 4)
		draw_text(w, pr.y + pr.h / 2, r.x, AXIS_W, v->u.line.ylabel, ROLE_DIM, ctx->ascii);
	int y = pr.y + pr.h;
	draw_hline(w, y, pr.x, pr.w, ROLE_DIM, ctx->ascii);
	view_axis_num(v->u.line.xlog ? pow(10, xhi) : xhi, buf, sizeof buf);
	char lbuf[64];
	view_axis_num(v->u.line.xlog ? pow(10, xlo) : xlo, lbuf, sizeof lbuf);
	draw_text(w, y, pr.x, pr.w, lbuf, ROLE_DIM, ctx->ascii);
	draw_text(w, y, pr.x + pr.w - uw_width(buf), uw_width(buf), buf, ROLE_DIM, ctx->ascii);
	/* A log axis: its powers of ten, where they fit between the ends. */
	double tv[16];
	int nt = view_axis_ticks(pow(10, xlo), pow(10, xhi), v->u.line.xlog, tv, 16);
	/* On a log axis the ticks take the axis line; the label goes to the legend. */
	int xw = v->u.line.xlabel && !nt ? uw_width(v->u.line.xlabel) : 0, xl0 = pr.x + (pr.w - xw) / 2;
	for (int i = 0, free_from = pr.x + uw_width(lbuf) + 1; i < nt; i++) {
		int px, py;
		char t[16];
		canvas_to_px(c, log10(tv[i]), ylo, &px, &py);
		view_axis_num(tv[i], t, sizeof t);
		int at = pr.x + px / 2 - uw_width(t) / 2;
		if (at < free_from || at + uw_width(t) >= pr.x + pr.w - uw_width(buf) ||
		    (xw && at + uw_width(t) >= xl0 - 1 && at <= xl0 + xw))
			continue;
		draw_text(w, y, at, uw_width(t), t, ROLE_DIM, ctx->ascii);
		free_from = at + uw_width(t) + 1;
	}
	canvas_free(&c);
	if (xw)
		draw_text(w, y, xl0, xw, v->u.line.xlabel, ROLE_DIM, ctx->ascii);
	/* Legend: each series' name in its colour (a cross for a failed run). */
	int x = pr.x;
	for (int s = 0; s < v->u.line.n_series && x < r.x + r.w; s++) {
		const char *key = v->u.line.series[s].failed ? (ctx->ascii ? "x " : "✗ ")
							     : (ctx->ascii ? "-- " : "━━ ");
		x += draw_text(w, y + 1, x, r.x + r.w - x, key, theme_series(s), ctx->ascii);
		x += draw_text(w, y + 1, x, r.x + r.w - x, v->u.line.series[s].name, theme_series(s), ctx->ascii);
		x += draw_text(w, y + 1, x, r.x + r.w - x, "   ", ROLE_DIM, ctx->ascii);
	}
	if (v->u.line.xlabel && (nt || v->u.line.xlog) && x < r.x + r.w)
		draw_fmt(w, y + 1, x, r.x + r.w - x, ROLE_DIM, ctx->ascii, "x: %s%s", v->u.line.xlabel,
			 v->u.line.xlog ? _(" (log)") : "");
}

/* scene_scatter.c: labelled 2D points on a braille canvas, users and items
 * marked apart, labels over dots. Frames (epochs) share one data range, so
 * the picture does not jump while clusters form. */
#include <math.h>

#include "lab/view/canvas.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

/* Users: a plus; items: a cross, so they differ without colour too. */
static void mark(canvas *c, int px, int py, int side, int role)
{
	canvas_set(c, px, py, role);
	if (side == SIDE_USER) {
		canvas_set(c, px - 1, py, role), canvas_set(c, px + 1, py, role);
		canvas_set(c, px, py - 1, role), canvas_set(c, px, py + 1, role);
	} else {
		canvas_set(c, px - 1, py - 1, role), canvas_set(c, px + 1, py + 1, role);
		canvas_set(c, px - 1, py + 1, role), canvas_set(c, px + 1, py - 1, role);
	}
}

void scene_scatter_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int n = v->u.scatter.n, frames = v->u.scatter.frames;
	int f = ctx->frame < 0 ? 0 : ctx->frame >= frames ? frames - 1 : ctx->frame;
	if (r.h < 4 || r.w < 10 || n < 1)
		return;
	double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
	for (int i = 0; i < n * frames; i++) {
		double x = v->u.scatter.x[i], y = v->u.scatter.y[i];
		if (!isfinite(x) || !isfinite(y))
			continue;
		xlo = fmin(xlo, x), xhi = fmax(xhi, x), ylo = fmin(ylo, y), yhi = fmax(yhi, y);
	}
	if (!(xlo <= xhi))
		xlo = ylo = -1, xhi = yhi = 1;
	lrect pr = { r.y, r.x + 1, r.h - 2, r.w - 2 };
	canvas *c = canvas_new(pr.w, pr.h, ctx->ascii);
	if (!c)
		return;
	/* Same scale on both axes (a braille dot is about square), 8 % margin. */
	double sx = (xhi - xlo) / (2.0 * pr.w), sy = (yhi - ylo) / (4.0 * pr.h);
	double s = fmax(fmax(sx, sy), 1e-12) * 1.08, cx = (xlo + xhi) / 2, cy = (ylo + yhi) / 2;
	canvas_range(c, cx - s * pr.w, cx + s * pr.w, cy - s * 2 * pr.h, cy + s * 2 * pr.h);
	int px, py;
	if (canvas_to_px(c, 0, 0, &px, &py)) { /* the origin, faintly */
		canvas_line_px(c, px, 0, px, 4 * pr.h - 1, ROLE_DIM);
		canvas_line_px(c, 0, py, 2 * pr.w - 1, py, ROLE_DIM);
	}
	const double *x = v->u.scatter.x + (size_t)f * n, *y = v->u.scatter.y + (size_t)f * n;
	for (int i = 0; i < n; i++)
		if (canvas_to_px(c, x[i], y[i], &px, &py))
			mark(c, px, py, v->u.scatter.side[i],
			     v->u.scatter.side[i] == SIDE_USER ? ROLE_USER : ROLE_ITEM);
	/* Labels last, so they win over dots; a crowd of points keeps none. */
	if (n <= 60)
		for (int i = 0; i < n; i++)
			if (v->u.scatter.labels[i])
				canvas_label(c, x[i], y[i], v->u.scatter.labels[i],
					     v->u.scatter.side[i] == SIDE_USER ? ROLE_USER : ROLE_ITEM);
	draw_canvas(w, pr.y, pr.x, c);
	canvas_free(&c);
	int ly = r.y + r.h - 1, lx = r.x;
	lx += draw_text(w, ly, lx, r.x + r.w - lx, ctx->ascii ? "+ users" : "✚ users", ROLE_USER, ctx->ascii);
	lx += draw_text(w, ly, lx, r.x + r.w - lx, "  ", ROLE_DIM, ctx->ascii);
	lx += draw_text(w, ly, lx, r.x + r.w - lx, ctx->ascii ? "x items" : "✖ items", ROLE_ITEM, ctx->ascii);
	if (frames > 1) {
		const char *fl = v->u.scatter.frame_labels ? v->u.scatter.frame_labels[f] : NULL;
		if (fl)
			draw_fmt(w, ly, lx, r.x + r.w - lx, ROLE_TITLE, ctx->ascii, "   %s (%d/%d)", fl, f + 1, frames);
		else
			draw_fmt(w, ly, lx, r.x + r.w - lx, ROLE_TITLE, ctx->ascii, "   frame %d/%d", f + 1, frames);
	}
}

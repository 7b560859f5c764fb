/* scene_hist.c: histogram: a column per bin (eighth blocks in UTF-8), the
 * largest count on top and the bin edges underneath. */
#include <math.h>
#include <stdio.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

static const char *const vblocks[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

void scene_hist_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int bins = v->u.hist.bins;
	if (bins < 1 || r.h < 4 || r.w < 12)
		return;
	double top = 0;
	for (int b = 0; b < bins; b++)
		if (isfinite(v->u.hist.counts[b]) && v->u.hist.counts[b] > top)
			top = v->u.hist.counts[b];
	char buf[64];
	snprintf(buf, sizeof buf, "%.6g", top);
	int aw = uw_width(buf) + 1, h = r.h - 2, avail = r.w - aw - 1;
	int bw = avail / bins, gap = bw >= 3 ? 1 : 0;
	if (bw < 1) {
		draw_fmt(w, r.y, r.x, r.w, ROLE_DIM, ctx->ascii, _("(%d bins: too many for %d columns)"), bins, r.w);
		return;
	}
	draw_text(w, r.y, r.x, aw, buf, ROLE_DIM, ctx->ascii);
	draw_text(w, r.y + h - 1, r.x + aw - 2, 1, "0", ROLE_DIM, ctx->ascii);
	draw_vline(w, r.y, r.x + aw, h, ROLE_DIM, ctx->ascii);
	int x0 = r.x + aw + 1;
	for (int b = 0; b < bins; b++) {
		double f = top > 0 ? v->u.hist.counts[b] / top : 0;
		int units = (int)lround(f * h * 8);
		if (units == 0 && v->u.hist.counts[b] > 0)
			units = 1;
		wattrset(w, (attr_t)theme_attr(theme_series(0)));
		for (int row = 0; row < h; row++) {
			int u = units - row * 8;
			if (u <= 0)
				break;
			for (int k = 0; k < bw - gap; k++) {
				int yy = r.y + h - 1 - row, xx = x0 + b * bw + k;
				if (ctx->ascii)
					mvwaddch(w, yy, xx, u >= 4 ? '#' : '_');
				else
					mvwaddstr(w, yy, xx, vblocks[u > 8 ? 8 : u]);
			}
		}
		wattrset(w, A_NORMAL);
	}
	int y = r.y + h;
	draw_hline(w, y, x0, bins * bw, ROLE_DIM, ctx->ascii);
	/* Every bin's left edge under it when they all fit, else the ends. */
	int widest = 0;
	for (int b = 0; b <= bins; b++) {
		snprintf(buf, sizeof buf, "%.4g", v->u.hist.edges[b]);
		if (uw_width(buf) > widest)
			widest = uw_width(buf);
	}
	if (widest + 1 <= bw) {
		for (int b = 0; b < bins; b++)
			draw_fmt(w, y + 1, x0 + b * bw, bw, ROLE_DIM, ctx->ascii, "%.4g", v->u.hist.edges[b]);
		snprintf(buf, sizeof buf, "%.4g", v->u.hist.edges[bins]);
		int ew = uw_width(buf), ex = x0 + bins * bw - ew;
		if (ex > x0 + (bins - 1) * bw + widest)
			draw_text(w, y + 1, ex, ew, buf, ROLE_DIM, ctx->ascii);
		return;
	}
	snprintf(buf, sizeof buf, "%.4g", v->u.hist.edges[bins]);
	draw_fmt(w, y + 1, x0, r.w - aw - 1, ROLE_DIM, ctx->ascii, "%.4g", v->u.hist.edges[0]);
	int ew = uw_width(buf);
	if (x0 + bins * bw - ew > x0 + 8)
		draw_text(w, y + 1, x0 + bins * bw - ew, ew, buf, ROLE_DIM, ctx->ascii);
}

/* scene_groups.c: grouped bars (VIEW_GROUPS): a heading per measure and a
 * bar per series in the series' colour, each measure on its own scale, the
 * best bar marked, and a legend of the series' colours underneath. When
 * the rows are too few, each measure gets one row of side-by-side bars. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/draw/theme.h"
#include "tui/scene/scene.h"

int scene_groups_height(const view *v)
{
	/* A heading and the bars of each group, the legend. */
	return v->u.groups.n_groups * (v->u.groups.n_series + 1) + 1;
}

/* A measure's heading: its name in the title's colour inside the
 * translated pattern that says which way is better ("%s (lower is
 * better)"), the rest dimmed. The width used. */
static int heading(WINDOW *w, int y, int x, int maxw, const char *name, int b, int ascii)
{
	const char *p = b < 0 ? _("%s (lower is better)") : b > 0 ? _("%s (higher is better)") : "%s";
	const char *at = strstr(p, "%s");
	if (!at)
		return draw_text(w, y, x, maxw, name, ROLE_TITLE, ascii);
	char before[128];
	snprintf(before, sizeof before, "%.*s", (int)(at - p), p);
	int used = draw_text(w, y, x, maxw, before, ROLE_DIM, ascii);
	used += draw_text(w, y, x + used, maxw - used, name, ROLE_TITLE, ascii);
	return used + draw_text(w, y, x + used, maxw - used, at + 2, ROLE_DIM, ascii);
}

static void legend(WINDOW *w, int y, lrect r, const view *v, const scene_ctx *ctx)
{
	int x = r.x;
	for (int s = 0; s < v->u.groups.n_series && x < r.x + r.w; s++) {
		int role = theme_series(s);
		x += draw_text(w, y, x, r.x + r.w - x, ctx->ascii ? "## " : "██ ", role, ctx->ascii);
		x += draw_text(w, y, x, r.x + r.w - x, v->u.groups.series[s], role, ctx->ascii);
		x += draw_text(w, y, x, r.x + r.w - x, "   ", ROLE_DIM, ctx->ascii);
	}
	if (v->u.groups.n_groups > 1 && x < r.x + r.w)
		draw_text(w, y, x, r.x + r.w - x, _("(each measure on its own scale)"), ROLE_DIM, ctx->ascii);
}

/* One row per group: its name, then a short bar per series. */
static void draw_compact(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int ng = v->u.groups.n_groups, ns = v->u.groups.n_series, gw = 1;
	for (int g = 0; g < ng; g++)
		if (uw_width(v->u.groups.groups[g]) > gw)
			gw = uw_width(v->u.groups.groups[g]);
	if (gw > r.w / 4)
		gw = r.w / 4;
	int each = (r.w - gw - 1) / ns - 1;
	if (each < 2)
		return;
	int rows = r.h - 1 < ng ? r.h - 1 : ng;
	for (int g = 0; g < rows; g++) {
		int y = r.y + g;
		char *l = uw_pad(v->u.groups.groups[g], gw, 'l', ctx->ascii);
		if (l)
			draw_text(w, y, r.x, gw, l, ROLE_TITLE, ctx->ascii);
		free(l);
		double m = view_groups_max(v, g);
		for (int s = 0; s < ns; s++) {
			double x = v->u.groups.values[(size_t)g * ns + s];
			draw_bar(w, y, r.x + gw + 1 + s * (each + 1), each,
				 m > 0 && isfinite(x) ? fabs(x) / m : 0, theme_series(s), ctx->ascii);
		}
	}
	legend(w, r.y + rows, r, v, ctx);
}

void scene_groups_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int ng = v->u.groups.n_groups, ns = v->u.groups.n_series;
	if (ng < 1 || ns < 1 || r.h < 2 || r.w < 20)
		return;
	if (scene_groups_height(v) > r.h) {
		draw_compact(w, r, v, ctx);
		return;
	}
	int lw = 1, vw = 1;
	char buf[64];
	for (int s = 0; s < ns; s++)
		if (uw_width(v->u.groups.series[s]) > lw)
			lw = uw_width(v->u.groups.series[s]);
	for (int g = 0; g < ng; g++)
		for (int s = 0; s < ns; s++) {
			view_groups_format(v, g, v->u.groups.values[(size_t)g * ns + s], buf, sizeof buf);
			if (uw_width(buf) > vw)
				vw = uw_width(buf);
		}
	if (lw > r.w / 4)
		lw = r.w / 4;
	const char *mark = ctx->ascii ? " <" : " ◀";
	int bw = r.w - 2 - lw - 1 - vw - 1 - 2;
	if (bw < 3)
		return;
	int y = r.y;
	for (int g = 0; g < ng; g++) {
		heading(w, y, r.x, r.w, v->u.groups.groups[g], v->u.groups.better[g], ctx->ascii);
		y++;
		int best = view_groups_best(v, g);
		double m = view_groups_max(v, g);
		char bestbuf[64] = "";
		if (best >= 0) /* every bar that ties the best as printed is marked */
			view_groups_format(v, g, v->u.groups.values[(size_t)g * ns + best], bestbuf,
					   sizeof bestbuf);
		for (int s = 0; s < ns; s++, y++) {
			int role = theme_series(s);
			double val = v->u.groups.values[(size_t)g * ns + s];
			char *l = uw_pad(v->u.groups.series[s], lw, 'l', ctx->ascii);
			if (l)
				draw_text(w, y, r.x + 2, lw, l, role, ctx->ascii);
			free(l);
			draw_bar(w, y, r.x + 2 + lw + 1, bw, m > 0 && isfinite(val) ? fabs(val) / m : 0,
				 role, ctx->ascii);
			view_groups_format(v, g, val, buf, sizeof buf);
			int vx = r.x + 2 + lw + 1 + bw + 1;
			draw_fmt(w, y, vx, vw, ROLE_NORMAL, ctx->ascii, "%*s", vw, buf);
			if (best >= 0 && !strcmp(buf, bestbuf))
				draw_text(w, y, vx + vw, 2, mark, ROLE_GOOD, ctx->ascii);
		}
	}
	legend(w, y, r, v, ctx);
}

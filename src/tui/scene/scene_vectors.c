/* scene_vectors.c: latent vectors as signed bars with their values, users
 * and items side by side (stacked when the pane is narrow). */
#include <math.h>
#include <stdlib.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

static const char *str(const char *s) { return s ? s : ""; }

#define VAL_W 7 /* "+12.345" */

/* Columns one entity row needs with bars of bw cells. */
static int row_width(int lw, int k, int bw)
{
	return lw + 1 + k * (bw + 1 + VAL_W + 1);
}

/* One panel: the entities of one side, from row y; returns rows used. */
static int panel(WINDOW *w, int y, int x, int h, int width, const view *v, int side,
		 int lw, int bw, double maxabs, const scene_ctx *ctx)
{
	int n = v->u.vectors.n, k = v->u.vectors.k, count = 0, used = 0;
	for (int i = 0; i < n; i++)
		count += v->u.vectors.side[i] == side;
	if (!count || h < 2)
		return 0;
	int role = side == SIDE_USER ? ROLE_USER : ROLE_ITEM;
	draw_text(w, y, x, width, side == SIDE_USER ? _("users") : _("items"), role, ctx->ascii);
	/* The dimensions that fit; the header says how many did not. */
	int shown = 0;
	for (int d = 0; d < k; d++) {
		int cx = x + lw + 1 + d * (bw + 1 + VAL_W + 1);
		if (cx + bw + 1 + VAL_W > x + width)
			break;
		draw_fmt(w, y, cx + (bw - 1) / 2 - 1, bw, ROLE_DIM, ctx->ascii, "d%d", d + 1);
		shown++;
	}
	if (shown < k) {
		int cx = x + lw + 1 + shown * (bw + 1 + VAL_W + 1);
		int room = x + width - cx;
		if (room < 10) /* over the last shown column's value, which is blank here */
			cx = x + width - 10, room = 10;
		draw_fmt(w, y, cx, room, ROLE_DIM, ctx->ascii, _("+%d more"), k - shown);
	}
	used = 1;
	/* Rows for entities; when they do not all fit, the last says how many
	 * were left out. */
	int room = count <= h - 1 ? count : h - 2;
	for (int i = 0; i < n && used - 1 < room; i++) {
		if (v->u.vectors.side[i] != side)
			continue;
		char *l = uw_pad(str(v->u.vectors.labels[i]), lw, 'l', ctx->ascii);
		if (l)
			draw_text(w, y + used, x, lw, l, role, ctx->ascii);
		free(l);
		for (int d = 0; d < k; d++) {
			int cx = x + lw + 1 + d * (bw + 1 + VAL_W + 1);
			if (cx + bw + 1 + VAL_W > x + width)
				break;
			double val = v->u.vectors.values[(size_t)i * k + d];
			draw_signed_bar(w, y + used, cx, bw, val, maxabs, ctx->ascii);
			draw_fmt(w, y + used, cx + bw + 1, VAL_W, ROLE_NORMAL, ctx->ascii, "%+.3f", val);
		}
		used++;
	}
	if (room < count)
		draw_fmt(w, y + used++, x, width, ROLE_DIM, ctx->ascii, _("... %d more"), count - room);
	return used;
}

void scene_vectors_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int n = v->u.vectors.n, k = v->u.vectors.k, lw = 4, users = 0;
	double maxabs = 0;
	for (int i = 0; i < n; i++) {
		int wd = uw_width(str(v->u.vectors.labels[i]));
		if (wd > lw)
			lw = wd;
		users += v->u.vectors.side[i] == SIDE_USER;
		for (int d = 0; d < k; d++) {
			double a = fabs(v->u.vectors.values[(size_t)i * k + d]);
			if (isfinite(a) && a > maxabs)
				maxabs = a;
		}
	}
	if (lw > 12)
		lw = 12;
	int both = users > 0 && users < n;
	/* Side by side when both panels fit with bars of at least 5 cells. */
	int bw = 11, half = (r.w - 2) / 2;
	while (bw > 5 && row_width(lw, k, bw) > half)
		bw -= 2;
	if (both && row_width(lw, k, bw) <= half) {
		panel(w, r.y, r.x, r.h, half, v, SIDE_USER, lw, bw, maxabs, ctx);
		panel(w, r.y, r.x + half + 2, r.h, half, v, SIDE_ITEM, lw, bw, maxabs, ctx);
		return;
	}
	bw = 15;
	while (bw > 5 && row_width(lw, k, bw) > r.w)
		bw -= 2;
	int used = panel(w, r.y, r.x, r.h, r.w, v, SIDE_USER, lw, bw, maxabs, ctx);
	if (used)
		used++; /* a blank row between the panels */
	panel(w, r.y + used, r.x, r.h - used, r.w, v, SIDE_ITEM, lw, bw, maxabs, ctx);
}

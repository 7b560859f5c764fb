/* scene_sgd.c: one SGD update as the engine made it: the prediction p.q,
 * the error, the update rule, then both vectors moving from their old values
 * to their new ones. The frame (0 .. SGD_PHASES-1) says how far along. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

enum { PH_PREDICT, PH_ERROR, PH_RULE, PH_MOVE, PH_DONE = SGD_PHASES - 1 };

static double maxabs4(const view *v)
{
	double m = 0;
	const double *a[] = { v->u.sgd.p_before, v->u.sgd.p_after, v->u.sgd.q_before, v->u.sgd.q_after };
	for (int s = 0; s < 4; s++)
		for (int d = 0; d < v->u.sgd.k; d++)
			if (isfinite(a[s][d]) && fabs(a[s][d]) > m)
				m = fabs(a[s][d]);
	return m;
}

/* Numbers with three decimals, as the text renderer prints them, so the
 * screen and `latentlab run` agree. */

/* "USER rated ITEM RATING" in the words of the catalogue: the translated
 * pattern drawn piece by piece, its first %s as the user, its second as
 * the item and its %g as the rating, each in its colour (msgfmt --check
 * keeps a translation's conversions in this order). The width used. */
static int draw_rated(WINDOW *w, int y, int x, int maxw, const view *v, int a)
{
	/* TRANSLATORS: an SGD step's rating: the user, the item, the stars. */
	const char *p = _("%s rated %s %g");
	int x0 = x, strings = 0;
	char lit[128];
	size_t n = 0;
	for (;; p++) {
		if (*p && *p != '%' && n + 1 < sizeof lit) {
			lit[n++] = *p;
			continue;
		}
		lit[n] = '\0';
		if (n)
			x += draw_text(w, y, x, maxw - (x - x0), lit, ROLE_DIM, a);
		n = 0;
		if (!*p)
			break;
		if (p[0] == '%' && p[1] == 's') {
			const char *s = strings++ ? v->u.sgd.item : v->u.sgd.user;
			x += draw_text(w, y, x, maxw - (x - x0), s, strings == 1 ? ROLE_USER : ROLE_ITEM,
				       a);
			p++;
		} else if (p[0] == '%' && p[1] == 'g') {
			x += draw_fmt(w, y, x, maxw - (x - x0), ROLE_KNOWN, a, "%g", v->u.sgd.rating);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			lit[n++] = '%';
			p++;
		} else if (*p != '%') {
			lit[n++] = *p;
		}
	}
	return x - x0;
}

/* The rows' labels (prediction, error, update), padded to the widest. */
static int label_width(void)
{
	const char *l[] = { _("prediction"), _("error"), _("update") };
	int m = 0;
	for (int j = 0; j < 3; j++)
		if (uw_width(l[j]) > m)
			m = uw_width(l[j]);
	return m + 2;
}

/* One vector: a row per dimension, bar at the current point of the move,
 * the old value, and the new one once the move has ended. */
static int vector_rows(WINDOW *w, int y, int x, int width, int h, const char *name,
		       const char *who, int role, const double *before, const double *after,
		       int k, double t, int done, double maxabs, const scene_ctx *ctx)
{
	if (h < 1)
		return 0;
	int cx = x + draw_text(w, y, x, width, name, role, ctx->ascii);
	draw_fmt(w, y, cx, x + width - cx, ROLE_DIM, ctx->ascii, " (%s)", who);
	int used = 1, bw = width >= 44 ? 17 : 11;
	for (int d = 0; d < k && used < h; d++, used++) {
		double shown = before[d] + (after[d] - before[d]) * t; /* bar position only */
		int yy = y + used;
		draw_fmt(w, yy, x, 4, ROLE_DIM, ctx->ascii, "d%d", d + 1);
		draw_signed_bar(w, yy, x + 4, bw, shown, maxabs, ctx->ascii);
		int vx = x + 4 + bw + 1;
		vx += draw_fmt(w, yy, vx, x + width - vx, ROLE_NORMAL, ctx->ascii, "%+.3f", before[d]);
		if (done)
			draw_fmt(w, yy, vx, x + width - vx, ROLE_GOOD, ctx->ascii, " %s %+.3f",
				 ctx->ascii ? "->" : "→", after[d]);
	}
	return used;
}

void scene_sgd_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int ph = ctx->frame < 0 ? 0 : ctx->frame > PH_DONE ? PH_DONE : ctx->frame;
	int a = ctx->ascii, y = r.y, right = r.x + r.w;
	const char *dot = a ? "." : "·", *arrow = a ? "<-" : "←";
	int x = r.x;
	char where[96];
	view_sgd_where(v, where, sizeof where);
	x += draw_fmt(w, y, x, right - x, ROLE_DIM, a, "%s: ", where);
	draw_rated(w, y, x, right - x, v, a);
	if (++y >= r.y + r.h)
		return;
	int lw = label_width(), fx = r.x + lw; /* where the formulas start */
	draw_text(w, y, r.x, lw, _("prediction"), ROLE_PREDICTED, a);
	draw_fmt(w, y, fx, r.w - lw, ROLE_PREDICTED, a, "p%sq = %.3f", dot, v->u.sgd.prediction);
	if (++y >= r.y + r.h || ph < PH_ERROR)
		return;
	draw_text(w, y, r.x, lw, _("error"), ROLE_ERROR, a);
	draw_fmt(w, y, fx, r.w - lw, ROLE_ERROR, a, "e = r - p%sq = %g - %s%.3f%s = %+.3f", dot,
		 v->u.sgd.rating, v->u.sgd.prediction < 0 ? "(" : "", v->u.sgd.prediction,
		 v->u.sgd.prediction < 0 ? ")" : "", v->u.sgd.error);
	if (++y >= r.y + r.h || ph < PH_RULE)
		return;
	/* The rule on one row when it fits, else p's and q's on a row each. */
	char rp[96], rq[96];
	snprintf(rp, sizeof rp, "p %s p + %g (e q - %g p)", arrow, v->u.sgd.lr, v->u.sgd.reg);
	snprintf(rq, sizeof rq, "q %s q + %g (e p - %g q)", arrow, v->u.sgd.lr, v->u.sgd.reg);
	draw_text(w, y, r.x, lw, _("update"), ROLE_CODE, a);
	if (lw + uw_width(rp) + 3 + uw_width(rq) <= r.w) {
		draw_fmt(w, y, fx, r.w - lw, ROLE_CODE, a, "%s   %s", rp, rq);
	} else {
		draw_fmt(w, y, fx, r.w - lw, ROLE_CODE, a, "%s", rp);
		if (++y >= r.y + r.h)
			return;
		draw_fmt(w, y, fx, r.w - lw, ROLE_CODE, a, "%s", rq);
	}
	y += 2;
	if (y >= r.y + r.h)
		return;
	/* The move: t from 0 to 1 across the PH_MOVE frames. */
	double t = ph < PH_MOVE ? 0 : (double)(ph - PH_MOVE + 1) / (PH_DONE - PH_MOVE);
	if (t > 1)
		t = 1;
	int done = ph == PH_DONE, k = v->u.sgd.k, h = r.y + r.h - y;
	double m = maxabs4(v);
	if (r.w >= 76) {
		int half = (r.w - 2) / 2;
		vector_rows(w, y, r.x, half, h, "p", v->u.sgd.user, ROLE_USER, v->u.sgd.p_before,
			    v->u.sgd.p_after, k, t, done, m, ctx);
		vector_rows(w, y, r.x + half + 2, half, h, "q", v->u.sgd.item, ROLE_ITEM,
			    v->u.sgd.q_before, v->u.sgd.q_after, k, t, done, m, ctx);
	} else {
		int used = vector_rows(w, y, r.x, r.w, h, "p", v->u.sgd.user, ROLE_USER,
				       v->u.sgd.p_before, v->u.sgd.p_after, k, t, done, m, ctx);
		vector_rows(w, y + used, r.x, r.w, h - used, "q", v->u.sgd.item, ROLE_ITEM,
			    v->u.sgd.q_before, v->u.sgd.q_after, k, t, done, m, ctx);
	}
}

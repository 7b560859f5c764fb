/* scene_bar.c: bar chart, one horizontal bar per label, values printed
 * with the view's format. Signed bars when any value is negative. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

/* The view's printf format, when it is one conversion of a double. */
static const char *safe_fmt(const char *f)
{
	if (!f)
		return "%.3g";
	const char *p = strchr(f, '%');
	if (!p || strchr(p + 1, '%') || strlen(f) > 16)
		return "%.3g";
	p++;
	while (*p && strchr("+- #0123456789.", *p))
		p++;
	return *p && strchr("fFgGeE", *p) && !strchr(p + 1, '%') ? f : "%.3g";
}

void scene_bar_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int n = v->u.bar.n, lw = 1, vw = 1, neg = 0;
	double maxabs = 0;
	const char *fmt = safe_fmt(v->u.bar.fmt);
	char buf[64];
	for (int i = 0; i < n; i++) {
		const char *l = v->u.bar.labels[i] ? v->u.bar.labels[i] : "";
		if (uw_width(l) > lw)
			lw = uw_width(l);
		double x = v->u.bar.values[i];
		snprintf(buf, sizeof buf, fmt, x);
		if ((int)strlen(buf) > vw)
			vw = (int)strlen(buf);
		if (isfinite(x) && fabs(x) > maxabs)
			maxabs = fabs(x);
		neg |= x < 0;
	}
	if (lw > r.w / 3)
		lw = r.w / 3;
	int bw = r.w - lw - vw - 2;
	if (bw < 3)
		return;
	int shown = n <= r.h ? n : r.h - 1;
	for (int i = 0; i < shown; i++) {
		int y = r.y + i;
		char *l = uw_pad(v->u.bar.labels[i] ? v->u.bar.labels[i] : "", lw, 'l', ctx->ascii);
		if (l)
			draw_text(w, y, r.x, lw, l, ROLE_TITLE, ctx->ascii);
		free(l);
		double x = v->u.bar.values[i];
		if (neg)
			draw_signed_bar(w, y, r.x + lw + 1, bw | 1, x, maxabs, ctx->ascii);
		else
			draw_bar(w, y, r.x + lw + 1, bw, maxabs > 0 ? x / maxabs : 0, theme_series(0), ctx->ascii);
		snprintf(buf, sizeof buf, fmt, x);
		draw_fmt(w, y, r.x + r.w - vw, vw, ROLE_NORMAL, ctx->ascii, "%*s", vw, buf);
	}
	if (shown < n)
		draw_fmt(w, r.y + shown, r.x, r.w, ROLE_DIM, ctx->ascii, _("... %d more"), n - shown);
}

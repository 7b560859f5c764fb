/* scene_map.c: the 2D maps on screen. chart.h decides everything (range,
 * axes, markers, labels); this file prints the canvas's cells and a legend
 * whose glyphs are the markers drawn, so the player and `latentlab run`
 * show the same map. */
#include "tui/scene/scene_map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/view/chart.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/draw/theme.h"

/* One row of text, cut with an ellipsis when it does not fit. */
static void cut_line(WINDOW *w, int y, int x, int width, const char *s, int role, int ascii)
{
	char *p = uw_width(s) > width ? uw_pad(s, width, 'l', ascii) : NULL;
	draw_text(w, y, x, width, p ? p : s, role, ascii);
	free(p);
}

void scene_map(WINDOW *w, lrect r, const view *v, int f, const scene_ctx *ctx)
{
	int arrows = v->kind == VIEW_ARROWS;
	int n = arrows ? v->u.arrows.n : v->u.scatter.n;
	if (r.h < 4 || r.w < 10 || n < 1)
		return;
	/* Rows under the map: the legend, the note (at most two rows), and a
	 * row for the names left out when the pane has rows to spare. */
	const char *note = arrows ? v->u.arrows.note : NULL;
	int note_rows = note ? uw_wrap(note, r.w, NULL, 0) : 0;
	/* The map keeps six rows before the note gets any (two at most). */
	int room = r.h - 1 - 6;
	if (note_rows > 2)
		note_rows = 2;
	if (note_rows > room)
		note_rows = room > 0 ? room : 0;
	int spare = r.h - 1 - note_rows >= 11 ? 1 : 0, below = 1 + note_rows + spare;
	lrect pr = { r.y, r.x + 1, r.h - below, r.w - 2 };
	canvas *c = canvas_new(pr.w, pr.h, ctx->ascii);
	if (!c)
		return;
	static const chart_roles roles = { ROLE_DIM, ROLE_USER, ROLE_ITEM, ROLE_POSITIVE, ROLE_NEGATIVE };
	chart_layout lay;
	if ((arrows ? chart_arrows(c, v, &roles, &lay) : chart_scatter(c, v, f, &roles, &lay)) < 0) {
		canvas_free(&c);
		return;
	}
	draw_canvas(w, pr.y, pr.x, c);
	canvas_free(&c);

	int y = pr.y + pr.h, x = r.x, right = r.x + r.w;
	int users = 0, items = 0, moved = 0;
	for (int i = 0; i < n; i++) {
		int side = arrows ? v->u.arrows.side[i] : v->u.scatter.side[i];
		if (arrows && !v->u.arrows.head[i])
			continue;
		users += side == SIDE_USER, items += side == SIDE_ITEM;
		moved += arrows && v->u.arrows.start[i + 1] - v->u.arrows.start[i] > 1;
	}
	if (users) {
		x += draw_text(w, y, x, right - x, chart_marker(SIDE_USER, ctx->ascii), ROLE_USER, ctx->ascii);
		x += draw_fmt(w, y, x, right - x, ROLE_USER, ctx->ascii, " %s  ", users == 1 ? _("user") : _("users"));
	}
	if (items) {
		x += draw_text(w, y, x, right - x, chart_marker(SIDE_ITEM, ctx->ascii), ROLE_ITEM, ctx->ascii);
		x += draw_fmt(w, y, x, right - x, ROLE_ITEM, ctx->ascii, " %s  ", items == 1 ? _("item") : _("items"));
	}
	if (moved)
		x += draw_text(w, y, x, right - x, _("a line: from where a vector was  "), ROLE_DIM, ctx->ascii);
	int frames = arrows ? 1 : v->u.scatter.frames;
	if (frames > 1) {
		const char *fl = v->u.scatter.frame_labels ? v->u.scatter.frame_labels[f] : NULL;
		if (fl)
			x += draw_fmt(w, y, x, right - x, ROLE_TITLE, ctx->ascii, "%s (%d/%d)  ", fl, f + 1,
				      frames);
		else
			x += draw_fmt(w, y, x, right - x, ROLE_TITLE, ctx->ascii, _("frame %d/%d  "), f + 1,
				      frames);
	}
	y++;
	if (note_rows) {
		uw_line l[2];
		uw_wrap(note, r.w, l, 2);
		for (int i = 0; i < note_rows; i++) {
			char *line = strndup(note + l[i].start, l[i].len);
			if (line)
				cut_line(w, y + i, r.x, r.w, line, ROLE_DIM, ctx->ascii);
			free(line);
		}
		y += note_rows;
	}
	if (lay.unlabelled) {
		/* On a row of its own when there is one, else after the legend. */
		char *s = chart_left_out(v, &lay, _("not labelled: "), _(" (beside "), _(")"), "");
		if (s && spare)
			cut_line(w, y, r.x, r.w, s, ROLE_DIM, ctx->ascii);
		else if (s && right - x > 12)
			cut_line(w, pr.y + pr.h, x, right - x, s, ROLE_DIM, ctx->ascii);
		free(s);
	}
	chart_layout_free(&lay);
}

/* scene_heat.c: a corner of the ratings matrix as a heat map (VIEW_HEAT):
 * a cell per rating, its glyph from view_heat_glyph (a block as high as the
 * rating), known ratings in their colour, the model's guesses paler (their
 * colour, dimmed), blanks dark; a legend under it. */
#include <stdio.h>
#include <stdlib.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

int scene_heat_height(const view *v)
{
	return v->u.matrix.rows + 1;
}

void scene_heat_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int rows = v->u.matrix.rows, cols = v->u.matrix.cols, lw = 0, pred = 0;
	for (int i = 0; i < rows; i++) {
		const char *s = v->u.matrix.row_labels[i];
		int wd = s ? uw_width(s) : 0;
		if (wd > lw)
			lw = wd;
	}
	if (lw > r.w / 4)
		lw = r.w / 4;
	int shown = cols < r.w - lw - 2 ? cols : r.w - lw - 2, room = rows < r.h - 1 ? rows : r.h - 1;
	for (int i = 0; i < room; i++) {
		const char *s = v->u.matrix.row_labels[i];
		if (s) {
			char *p = uw_pad(s, lw, 'r', ctx->ascii);
			if (p)
				draw_text(w, r.y + i, r.x, lw, p, ROLE_DIM, ctx->ascii);
			free(p);
		}
		draw_text(w, r.y + i, r.x + lw, 2, ctx->ascii ? " |" : " │", ROLE_DIM, ctx->ascii);
		for (int j = 0; j < shown; j++) {
			int st = v->u.matrix.state[(size_t)i * cols + j];
			int role = st == CELL_KNOWN ? ROLE_KNOWN : st == CELL_PREDICTED ? ROLE_PREDICTED
										      : ROLE_MISSING;
			pred |= st == CELL_PREDICTED;
			/* A guess is its colour, dimmed: paler than a rating. */
			wattrset(w, (attr_t)theme_attr(role) | (st == CELL_PREDICTED ? A_DIM : 0));
			mvwaddstr(w, r.y + i, r.x + lw + 2 + j, view_heat_glyph(v, i, j, ctx->ascii));
		}
		wattrset(w, A_NORMAL);
	}
	if (room < 1 || r.h < 2)
		return;
	char line[400];
	int x = r.x, y = r.y + room;
	/* TRANSLATORS: the heat map's legend; each %s is its glyphs ("▁▂▃▄▅▆▇█"). */
	snprintf(line, sizeof line, _("%s %g to %g stars"), ctx->ascii ? "1..5" : "▁▂▃▄▅▆▇█",
		 v->u.matrix.lo, v->u.matrix.hi);
	x += draw_text(w, y, x, r.x + r.w - x, line, ROLE_KNOWN, ctx->ascii);
	x += draw_text(w, y, x, r.x + r.w - x, " ", ROLE_DIM, ctx->ascii);
	if (pred) {
		snprintf(line, sizeof line, _("%s guess"), ctx->ascii ? ".:-+*" : "⡀⣀⣤⣶⣿");
		x += draw_text(w, y, x, r.x + r.w - x, " ", ROLE_DIM, ctx->ascii);
		x += draw_text(w, y, x, r.x + r.w - x, line, ROLE_PREDICTED, ctx->ascii);
		x += draw_text(w, y, x, r.x + r.w - x, " ", ROLE_DIM, ctx->ascii);
	}
	/* TRANSLATORS: the heat map's mark for a cell with no rating, in ASCII. */
	snprintf(line, sizeof line, _("%s no rating"), ctx->ascii ? _("(blank)") : "·");
	x += draw_text(w, y, x, r.x + r.w - x, "  ", ROLE_DIM, ctx->ascii);
	draw_text(w, y, x, r.x + r.w - x, line, ROLE_MISSING, ctx->ascii);
}

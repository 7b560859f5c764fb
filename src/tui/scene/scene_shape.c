/* scene_shape.c: the lecture's picture of MF with the real sizes
 * (VIEW_SHAPE): R (users x items) beside U (users x k) and V (k x items),
 * boxes to scale as view_shape_layout places them, R's filled share as
 * marks, the counts on the borders, and the bytes of each underneath. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

/* The notes under the picture: R's bytes, U's and V's, the ratio. */
#define SHAPE_NOTES 3

static void notes(const view *v, int ascii, char note[SHAPE_NOTES][600])
{
	char users[32], items[32], k[32], dense[32], trip[32], ub[32], vb[32], fb[32];
	const char *vt = ascii ? "V'" : "Vᵀ";
	view_count(v->u.shape.users, users, sizeof users);
	view_count(v->u.shape.items, items, sizeof items);
	view_count(v->u.shape.k, k, sizeof k);
	view_bytes(v->u.shape.dense_bytes, dense, sizeof dense);
	view_bytes(v->u.shape.ratings_bytes, trip, sizeof trip);
	view_bytes(v->u.shape.u_bytes, ub, sizeof ub);
	view_bytes(v->u.shape.v_bytes, vb, sizeof vb);
	view_bytes(v->u.shape.u_bytes + v->u.shape.v_bytes, fb, sizeof fb);
	snprintf(note[0], sizeof note[0], _("R as a dense float32 table: %s (%.2f%% of it rated); its "
					    "ratings as (user, item, rating) triplets: %s"),
		 dense, 100 * v->u.shape.filled, trip);
	snprintf(note[1], sizeof note[1], "U %s x %s: %s   %s %s x %s: %s", users, k, ub, vt, k, items,
		 vb);
	/* TRANSLATORS: %s: the name of the item factors (Vᵀ). */
	snprintf(note[2], sizeof note[2], _("U and %s together: %s; the dense table is %.0f times as "
					    "large"), vt, fb, v->u.shape.ratio);
}

static int notes_rows(const view *v, int width, int ascii)
{
	char note[SHAPE_NOTES][600];
	notes(v, ascii, note);
	int n = 0;
	for (int i = 0; i < SHAPE_NOTES; i++)
		n += uw_wrap(note[i], width > 1 ? width : 1, NULL, 0);
	return n;
}

/* The columns left of R: the users' count and word, then one blank. */
static int left_of(const view *v)
{
	char users[32];
	view_count(v->u.shape.users, users, sizeof users);
	int lw = uw_width(users) > uw_width(_("users")) ? uw_width(users) : uw_width(_("users"));
	return lw > 5 ? lw + 1 : 6;
}

int scene_shape_height(const view *v, int width)
{
	view_shape_lay lay;
	int left = left_of(v);
	return (view_shape_layout(v, width - left, &lay) == 0 ? lay.rows + 1 : 0) +
	       notes_rows(v, width, 0);
}

static void shape_box(WINDOW *w, int y0, int x0, view_box b, const view *v, const char *count,
		const char *name, int role, int pattern, int ascii)
{
	for (int y = 0; y < b.h; y++) {
		for (int x = 0; x < b.w; x++) {
			int top = y == 0, bot = y == b.h - 1, l = x == 0, r = x == b.w - 1;
			const char *s;
			int rl = ROLE_DIM;
			if ((top || bot) && (l || r))
				s = ascii ? "+" : top ? (l ? "┌" : "┐") : (l ? "└" : "┘");
			else if (top || bot)
				s = ascii ? "-" : "─";
			else if (l || r)
				s = ascii ? "|" : "│";
			else if (!pattern)
				s = ascii ? ":" : "░", rl = role;
			else if (view_shape_filled(v, x - 1, y - 1, b.w - 2, b.h - 2))
				s = ascii ? "#" : "█", rl = role;
			else
				s = ascii ? "." : "·", rl = ROLE_MISSING;
			draw_text(w, y0 + b.row + y, x0 + b.col + x, 1, s, rl, ascii);
		}
	}
	int cw = uw_width(count);
	if (cw + 2 <= b.w - 2)
		draw_text(w, y0 + b.row, x0 + b.col + (b.w - cw) / 2, cw, count, ROLE_NORMAL, ascii);
	int nw = uw_width(name);
	if (nw <= b.w - 2 && b.h > 2)
		draw_text(w, y0 + b.row + b.h / 2, x0 + b.col + (b.w - nw) / 2, nw, name, ROLE_TITLE,
			  ascii);
}

void scene_shape_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	char users[32], items[32], k[32], top[64];
	view_count(v->u.shape.users, users, sizeof users);
	view_count(v->u.shape.items, items, sizeof items);
	view_count(v->u.shape.k, k, sizeof k);
	const char *vt = ctx->ascii ? "V'" : "Vᵀ";
	int left = left_of(v), y = r.y;
	view_shape_lay lay;
	if (view_shape_layout(v, r.w - left, &lay) == 0 &&
	    lay.rows < r.h - notes_rows(v, r.w, ctx->ascii)) {
		int x0 = r.x + left;
		snprintf(top, sizeof top, " %s %s ", items, v->u.shape.item_word);
		if (uw_width(top) + 4 > lay.r.w)
			snprintf(top, sizeof top, " %s ", items);
		shape_box(w, y, x0, lay.r, v, top, "R", ROLE_KNOWN, 1, ctx->ascii);
		snprintf(top, sizeof top, " k=%s ", k);
		if (uw_width(top) + 4 > lay.u.w)
			snprintf(top, sizeof top, "%s", k);
		shape_box(w, y, x0, lay.u, v, top, "U", ROLE_USER, 0, ctx->ascii);
		snprintf(top, sizeof top, " %s ", items);
		shape_box(w, y, x0, lay.v, v, top, vt, ROLE_ITEM, 0, ctx->ascii);
		int mid = lay.r.h / 2;
		draw_text(w, y + mid - 1, r.x, left - 1, users, ROLE_NORMAL, ctx->ascii);
		draw_text(w, y + mid, r.x, left - 1, _("users"), ROLE_DIM, ctx->ascii);
		draw_text(w, y + mid, x0 + lay.eq_col, 1, ctx->ascii ? "~" : "≈", ROLE_TITLE, ctx->ascii);
		draw_text(w, y + lay.v.h / 2, x0 + lay.dot_col, 1, ctx->ascii ? "x" : "·", ROLE_TITLE,
			  ctx->ascii);
		y += lay.rows + 1;
	}
	char note[SHAPE_NOTES][600];
	static const int role[SHAPE_NOTES] = { ROLE_KNOWN, ROLE_NORMAL, ROLE_EMPH };
	notes(v, ctx->ascii, note);
	for (int i = 0; i < SHAPE_NOTES; i++) {
		uw_line l[8];
		int n = uw_wrap(note[i], r.w, l, 8);
		for (int j = 0; j < n && j < 8 && y < r.y + r.h; j++, y++) {
			char *s = strndup(note[i] + l[j].start, l[j].len);
			if (s)
				draw_text(w, y, r.x, r.w, s, role[i], ctx->ascii);
			free(s);
		}
	}
}

/* view_text_shape.c: the views of the real matrix as text (lesson 13):
 * the shape of MF (R = U . V, boxes to scale, laid out by view_shape.c)
 * and the heat map of a corner of the ratings matrix (glyphs from
 * view_heat.c). */
#include "lab/view/view_text_impl.h"

#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"
#include "lab/view/view_intl.h"

/* --- shape ---------------------------------------------------------------- */

/* A picture of rows x cols one-column cells, each a UTF-8 string. */
typedef struct grid {
	int rows, cols;
	char (*cell)[8];
} grid;

static void put(grid *g, int row, int col, const char *s)
{
	/* One character per cell; a wide one (a translated label's Hangul)
	 * takes its cell and leaves the next empty, so the columns stay. */
	for (const char *p = s; *p && col < g->cols; col++) {
		uint32_t cp;
		int n = uw_decode(p, &cp), wide = uw_cp_width(cp) == 2 && col + 1 < g->cols;
		if (n < 1 || n > 4)
			n = 1;
		if (row >= 0 && row < g->rows && col >= 0) {
			memcpy(g->cell[(size_t)row * g->cols + col], p, (size_t)n);
			g->cell[(size_t)row * g->cols + col][n] = '\0';
			if (wide)
				g->cell[(size_t)row * g->cols + ++col][0] = '\0';
		}
		p += n;
	}
}

/* A box with its count on the top border, its name in the middle, filled
 * with fill (NULL: R's pattern of filled cells). */
static void box(grid *g, const view *v, view_box b, int left, const char *count,
		const char *name, const char *fill, int utf8)
{
	int x0 = left + b.col, y0 = b.row;
	for (int y = 0; y < b.h; y++)
		for (int x = 0; x < b.w; x++) {
			const char *s;
			int top = y == 0, bot = y == b.h - 1, l = x == 0, r = x == b.w - 1;
			if ((top || bot) && (l || r))
				s = !utf8 ? "+" : top ? (l ? "┌" : "┐") : (l ? "└" : "┘");
			else if (top || bot)
				s = utf8 ? "─" : "-";
			else if (l || r)
				s = utf8 ? "│" : "|";
			else if (fill)
				s = fill;
			else
				s = view_shape_filled(v, x - 1, y - 1, b.w - 2, b.h - 2) ? (utf8 ? "█" : "#")
											    : (utf8 ? "·" : ".");
			put(g, y0 + y, x0 + x, s);
		}
	int cw = uw_width(count);
	if (cw + 2 <= b.w - 2)
		put(g, y0, x0 + (b.w - cw) / 2, count);
	int nw = uw_width(name);
	if (nw <= b.w - 2 && b.h > 2)
		put(g, y0 + b.h / 2, x0 + (b.w - nw) / 2, name);
}

void vt_render_shape(const view *v, FILE *out, int width, int utf8)
{
	vt_title(v, out, width, utf8);
	char users[32], items[32], k[32], cells[40];
	view_count(v->u.shape.users, users, sizeof users);
	view_count(v->u.shape.items, items, sizeof items);
	view_count(v->u.shape.k, k, sizeof k);
	view_count(v->u.shape.users * v->u.shape.items, cells, sizeof cells);
	const char *vt = utf8 ? "Vᵀ" : "V'";
	/* The users' count and word left of R, a column before it. */
	int lw = uw_width(users) > uw_width(_("users")) ? uw_width(users) : uw_width(_("users"));
	int left = lw > 5 ? lw + 1 : 6;
	view_shape_lay lay;
	if (view_shape_layout(v, width - left, &lay) == 0) {
		grid g = { lay.rows, left + lay.v.col + lay.v.w, NULL };
		g.cell = calloc((size_t)g.rows * g.cols, sizeof *g.cell);
		if (g.cell) {
			for (int i = 0; i < g.rows * g.cols; i++)
				strcpy(g.cell[i], " ");
			char top[64];
			snprintf(top, sizeof top, " %s %s ", items, v->u.shape.item_word);
			if (uw_width(top) + 4 > lay.r.w)
				snprintf(top, sizeof top, " %s ", items);
			box(&g, v, lay.r, left, top, "R", NULL, utf8);
			snprintf(top, sizeof top, " k=%s ", k);
			if (uw_width(top) + 4 > lay.u.w)
				snprintf(top, sizeof top, "%s", k);
			box(&g, v, lay.u, left, top, "U", utf8 ? "░" : ":", utf8);
			snprintf(top, sizeof top, " %s ", items);
			box(&g, v, lay.v, left, top, vt, utf8 ? "░" : ":", utf8);
			int mid = lay.r.h / 2;
			put(&g, mid - 1, 0, users);
			put(&g, mid, 0, _("users"));
			put(&g, mid, left + lay.eq_col, utf8 ? "≈" : "~");
			put(&g, lay.v.h / 2, left + lay.dot_col, utf8 ? "·" : "x");
			for (int y = 0; y < g.rows; y++) {
				int end = g.cols;
				while (end > 0 && !strcmp(g.cell[(size_t)y * g.cols + end - 1], " "))
					end--;
				for (int x = 0; x < end; x++)
					fputs(g.cell[(size_t)y * g.cols + x], out);
				fputc('\n', out);
			}
			free(g.cell);
		}
	}
	char b[4][32];
	view_bytes(v->u.shape.dense_bytes, b[0], sizeof b[0]);
	view_bytes(v->u.shape.ratings_bytes, b[1], sizeof b[1]);
	view_bytes(v->u.shape.u_bytes, b[2], sizeof b[2]);
	view_bytes(v->u.shape.v_bytes, b[3], sizeof b[3]);
	char line[400], factors[32];
	view_bytes(v->u.shape.u_bytes + v->u.shape.v_bytes, factors, sizeof factors);
	char filled[40];
	view_count(v->u.shape.ratings, filled, sizeof filled);
	snprintf(line, sizeof line, _("R: %s users x %s %s = %s cells; %s rated (%.2f%%)."), users,
		 items, v->u.shape.item_word, cells, filled, 100 * v->u.shape.filled);
	vt_wrapped(out, line, width, "");
	snprintf(line, sizeof line, _("As a dense float32 table R takes %s; its ratings as (user, "
				      "item, rating) triplets of 4 + 4 + 4 bytes take %s."),
		 b[0], b[1]);
	vt_wrapped(out, line, width, "");
	snprintf(line, sizeof line, _("U: %s x %s float32 = %s; %s: %s x %s float32 = %s; together %s: "
				      "the dense table is %.0f times as large."),
		 users, k, b[2], vt, k, items, b[3], factors,
		 v->u.shape.ratio);
	vt_wrapped(out, line, width, "");
}

/* --- heat map ------------------------------------------------------------- */

void vt_render_heat(const view *v, FILE *out, int width, int utf8)
{
	vt_title(v, out, width, utf8);
	int rows = v->u.matrix.rows, cols = v->u.matrix.cols, lw = 0;
	for (int r = 0; r < rows; r++) {
		const char *s = v->u.matrix.row_labels[r];
		int w = s ? uw_width(s) : 0;
		if (w > lw)
			lw = w;
	}
	if (lw > 12)
		lw = 12;
	int shown = cols;
	if (lw + 2 + shown > width)
		shown = width - lw - 2 > 1 ? width - lw - 2 : 1;
	for (int r = 0; r < rows; r++) {
		vt_pad(out, v->u.matrix.row_labels[r] ? v->u.matrix.row_labels[r] : "", lw, 'r', !utf8);
		fputs(utf8 ? " │" : " |", out);
		for (int c = 0; c < shown; c++)
			fputs(view_heat_glyph(v, r, c, !utf8), out);
		fputc('\n', out);
	}
	int pred = 0;
	for (int i = 0; i < rows * cols; i++)
		pred |= v->u.matrix.state[i] == CELL_PREDICTED;
	char lo[16], hi[16], line[300];
	snprintf(lo, sizeof lo, "%g", v->u.matrix.lo);
	snprintf(hi, sizeof hi, "%g", v->u.matrix.hi);
	const char *fmt =
		utf8 ? (pred ? _("▁▂▃▄▅▆▇█ a rating from %s to %s stars, ⡀⣀⣄⣤⣦⣶⣷⣿ the model's guess; "
				 "· no rating")
			     : _("▁▂▃▄▅▆▇█ a rating from %s to %s stars; · no rating"))
		     : (pred ? _("1..5 a rating from %s to %s stars, .:-+* the model's guess; blank: "
				 "no rating")
			     : _("1..5 a rating from %s to %s stars; blank: no rating"));
	snprintf(line, sizeof line, fmt, lo, hi);
	vt_wrapped(out, line, width, "");
	if (shown < cols) {
		snprintf(line, sizeof line, _("(the first %d of %d columns)"), shown, cols);
		vt_wrapped(out, line, width, "");
	}
}

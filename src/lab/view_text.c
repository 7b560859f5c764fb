/* view_text.c: views as text (see view_text.h). Layout is by display
 * columns (uwidth.h); charts go through a small grid of braille dots with
 * text labels over them. */
#include "lab/view_text.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lab/canvas.h"
#include "lab/uwidth.h"

/* --- helpers ------------------------------------------------------------- */

static void put_pad(FILE *out, const char *s, int cols, char align, int ascii)
{
	char *p = uw_pad(s ? s : "", cols, align, ascii);
	if (p) {
		fputs(p, out);
		free(p);
	}
}

static void repeat(FILE *out, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		fputs(s, out);
}

static void wrapped(FILE *out, const char *s, int width, const char *indent);

static void title(const view *v, FILE *out, int width, int utf8)
{
	if (v->title)
		wrapped(out, v->title, width, "");
}

static void wrapped(FILE *out, const char *s, int width, const char *indent)
{
	int ind = uw_width(indent);
	int cols = width - ind > 10 ? width - ind : 10;
	int n = uw_wrap(s, cols, NULL, 0);
	uw_line *lines = malloc(((size_t)n + 1) * sizeof *lines);
	if (!lines)
		return;
	uw_wrap(s, cols, lines, n);
	for (int i = 0; i < n; i++)
		fprintf(out, "%s%.*s\n", indent, (int)lines[i].len, s + lines[i].start);
	free(lines);
}

/* --- text ---------------------------------------------------------------- */

static void render_text(const view *v, FILE *out, int width, int utf8)
{
	title(v, out, width, utf8);
	const char *body = v->u.text.body ? v->u.text.body : "";
	if (v->u.text.preformatted) {
		fputs(body, out);
		if (*body && body[strlen(body) - 1] != '\n')
			fputc('\n', out);
	} else {
		wrapped(out, body, width, "");
	}
}

/* --- table --------------------------------------------------------------- */

static void render_table(const view *v, FILE *out, int width, int utf8)
{
	int rows = v->u.table.rows, cols = v->u.table.cols;
	title(v, out, width, utf8);
	if (cols == 0)
		return;
	int *w = calloc((size_t)cols, sizeof *w);
	if (!w)
		return;
	int header = 0;
	for (int c = 0; c < cols; c++) {
		const char *h = v->u.table.header[c];
		if (h && *h) {
			header = 1;
			w[c] = uw_width(h);
		}
		for (int r = 0; r < rows; r++) {
			const char *s = v->u.table.cells[(size_t)r * cols + c];
			int x = s ? uw_width(s) : 0;
			if (x > w[c])
				w[c] = x;
		}
	}
	/* Too wide: shrink the widest column, a column at a time, down to 4. */
	int gap = 2;
	for (;;) {
		int total = (cols - 1) * gap;
		for (int c = 0; c < cols; c++)
			total += w[c];
		if (total <= width)
			break;
		int widest = 0;
		for (int c = 1; c < cols; c++)
			if (w[c] > w[widest])
				widest = c;
		if (w[widest] <= 4)
			break;
		w[widest] -= total - width < w[widest] - 4 ? total - width : w[widest] - 4;
	}
	int line_w = (cols - 1) * gap;
	for (int c = 0; c < cols; c++)
		line_w += w[c];
	for (int r = -1; r < rows; r++) {
		if (r < 0 && !header)
			continue;
		/* Trailing blanks are dropped so lines end at their last text. */
		int pending = 0;
		for (int c = 0; c < cols; c++) {
			const char *s = r < 0 ? v->u.table.header[c] : v->u.table.cells[(size_t)r * cols + c];
			char align = v->u.table.align[c];
			char *cell = uw_pad(s ? s : "", w[c], align, !utf8);
			if (!cell)
				continue;
			size_t n = strlen(cell);
			while (n && cell[n - 1] == ' ')
				n--;
			if (n) {
				repeat(out, " ", pending + (c ? gap : 0));
				fwrite(cell, 1, n, out);
				pending = (int)(strlen(cell) - n);
			} else {
				pending += w[c] + (c ? gap : 0);
			}
			free(cell);
		}
		fputc('\n', out);
		if (r < 0) {
			repeat(out, utf8 ? "─" : "-", line_w);
			fputc('\n', out);
		}
	}
	free(w);
}

/* --- ratings matrix ------------------------------------------------------ */

/* Break a label into at most three lines of cols columns at spaces; the
 * last line takes the rest (uw_pad cuts it). Returns the number of lines. */
static int label_lines(const char *s, int cols, char **lines)
{
	int n = 0;
	size_t len = strlen(s);
	char *cur = calloc(len + 1, 1);
	if (!cur)
		return 0;
	const char *p = s;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t wl = strcspn(p, " ");
		int fits = !cur[0] || uw_width(cur) + 1 + uw_width_n(p, wl) <= cols;
		if (!fits && n < 2) {
			lines[n++] = cur;
			if (!(cur = calloc(len + 1, 1)))
				return n;
		}
		if (cur[0])
			strcat(cur, " ");
		strncat(cur, p, wl);
		p += wl;
	}
	if (cur[0] || n == 0)
		lines[n++] = cur;
	else
		free(cur);
	return n;
}

static void render_matrix(const view *v, FILE *out, int width, int utf8)
{
	int rows = v->u.matrix.rows, cols = v->u.matrix.cols;
	title(v, out, width, utf8);
	int lw = 0, cw = 4;
	for (int r = 0; r < rows; r++) {
		int x = uw_width(v->u.matrix.row_labels[r] ? v->u.matrix.row_labels[r] : "");
		if (x > lw)
			lw = x;
	}
	if (lw > 16)
		lw = 16;
	for (int c = 0; c < cols; c++) {
		int x = uw_width(v->u.matrix.col_labels[c] ? v->u.matrix.col_labels[c] : "");
		if (x > cw)
			cw = x;
	}
	if (cw > 10)
		cw = 10;
	/* Fit the columns: narrow them first, then drop the ones that do not fit. */
	while (cw > 5 && lw + cols * (cw + 1) > width)
		cw--;
	int shown = cols;
	while (shown > 1 && lw + shown * (cw + 1) > width)
		shown--;
	/* Column labels on up to three lines, broken between words
	 * ("Iron" over "Man"), so narrow columns still name their items. */
	char *hl[3 * 64] = { 0 };
	int hlines = 1;
	if (shown > 64)
		shown = 64;
	for (int c = 0; c < shown; c++) {
		int k = label_lines(v->u.matrix.col_labels[c] ? v->u.matrix.col_labels[c] : "", cw,
				    &hl[3 * c]);
		if (k > hlines)
			hlines = k;
	}
	for (int line = 0; line < hlines; line++) {
		put_pad(out, "", lw, 'l', !utf8);
		/* Labels sit on the bottom lines, next to the numbers. */
		for (int c = 0; c < shown; c++) {
			int k = 0;
			while (k < 3 && hl[3 * c + k])
				k++;
			int at = line - (hlines - k);
			fputc(' ', out);
			put_pad(out, at >= 0 ? hl[3 * c + at] : "", cw, 'r', !utf8);
		}
		fputc('\n', out);
	}
	for (int i = 0; i < 3 * 64; i++)
		free(hl[i]);
	int any_pred = 0;
	for (int r = 0; r < rows; r++) {
		put_pad(out, v->u.matrix.row_labels[r], lw, 'l', !utf8);
		for (int c = 0; c < shown; c++) {
			size_t at = (size_t)r * cols + c;
			char cell[32];
			double x = v->u.matrix.values[at];
			switch (v->u.matrix.state[at]) {
			case CELL_KNOWN:
				snprintf(cell, sizeof cell, "%g", x);
				break;
			case CELL_PREDICTED:
				snprintf(cell, sizeof cell, "%.1f*", x);
				any_pred = 1;
				break;
			default:
				snprintf(cell, sizeof cell, "?");
				break;
			}
			if (r == v->u.matrix.cur_row && c == v->u.matrix.cur_col) {
				char hl[40];
				snprintf(hl, sizeof hl, "[%s]", cell);
				fputc(' ', out);
				put_pad(out, hl, cw, 'r', !utf8);
			} else {
				/* Right-aligned with room for the '*' of predictions. */
				char al[40];
				snprintf(al, sizeof al, "%s%s", cell,
					 v->u.matrix.state[at] == CELL_PREDICTED ? "" : " ");
				fputc(' ', out);
				put_pad(out, al, cw, 'r', !utf8);
			}
		}
		fputc('\n', out);
	}
	char legend[160];
	snprintf(legend, sizeof legend, "? no rating%s%s", any_pred ? ", * predicted" : "",
		 v->u.matrix.cur_row >= 0 ? ", [ ] the cell in question" : "");
	fputs(legend, out);
	if (shown < cols)
		fprintf(out, " (%d more column%s not shown)", cols - shown, cols - shown == 1 ? "" : "s");
	fputc('\n', out);
}

/* --- signed bars --------------------------------------------------------- */

/* A bar of half width h for value x on scale m: the negative half fills
 * leftward from the centre, the positive half rightward, in eighths. */
static void signed_bar(FILE *out, double x, double m, int h, int utf8)
{
	static const char *eighth[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	double f = m > 0 ? fabs(x) / m : 0;
	if (f > 1)
		f = 1;
	int units = (int)floor(f * h * (utf8 ? 8 : 1) + 0.5);
	int full = utf8 ? units / 8 : units, part = utf8 ? units % 8 : 0;
	if (x < 0) {
		/* Leftward: partial blocks do not exist, so round to whole cells. */
		int cells = utf8 ? (units + 4) / 8 : units;
		repeat(out, " ", h - cells);
		repeat(out, utf8 ? "█" : "#", cells);
	} else {
		repeat(out, " ", h);
	}
	fputs(utf8 ? "│" : "|", out);
	if (x > 0) {
		repeat(out, utf8 ? "█" : "#", full);
		fputs(part ? eighth[part] : "", out);
		repeat(out, " ", h - full - (part ? 1 : 0));
	} else {
		repeat(out, " ", h);
	}
}

static void render_vectors(const view *v, FILE *out, int width, int utf8)
{
	int n = v->u.vectors.n, k = v->u.vectors.k;
	title(v, out, width, utf8);
	int lw = 0;
	double m = 0;
	for (int i = 0; i < n; i++) {
		int x = uw_width(v->u.vectors.labels[i] ? v->u.vectors.labels[i] : "");
		if (x > lw)
			lw = x;
		for (int d = 0; d < k; d++)
			if (fabs(v->u.vectors.values[(size_t)i * k + d]) > m)
				m = fabs(v->u.vectors.values[(size_t)i * k + d]);
	}
	if (lw > 16)
		lw = 16;
	/* Each component: a bar of 2h+1 columns and a value of 7. */
	int h = 5, per = 2 * h + 1 + 8;
	int fit = (width - lw - 1) / per;
	if (fit < 1)
		fit = 1;
	int show = k < fit ? k : fit;
	for (int i = 0; i < n; i++) {
		put_pad(out, v->u.vectors.labels[i], lw, 'l', !utf8);
		for (int d = 0; d < show; d++) {
			double x = v->u.vectors.values[(size_t)i * k + d];
			fprintf(out, " %+6.3f ", x);
			signed_bar(out, x, m, h, utf8);
		}
		if (show < k)
			fprintf(out, " %s(%d more)", utf8 ? "… " : "... ", k - show);
		fputc('\n', out);
	}
}

/* --- SGD step ------------------------------------------------------------ */

static void vec(FILE *out, const double *x, int k)
{
	fputc('(', out);
	for (int d = 0; d < k; d++)
		fprintf(out, "%s%.3f", d ? ", " : "", x[d]);
	fputc(')', out);
}

static void render_sgd(const view *v, FILE *out, int width, int utf8)
{
	const char *arrow = utf8 ? "→" : "->";
	int k = v->u.sgd.k;
	char *u = strdup(v->u.sgd.user), *it = strdup(v->u.sgd.item);
	title(v, out, width, utf8);
	fprintf(out, "SGD step %ld of epoch %d: %s rated %s %g\n", v->u.sgd.index + 1,
		v->u.sgd.epoch, u ? u : "", it ? it : "", v->u.sgd.rating);
	char pred[32];
	snprintf(pred, sizeof pred, v->u.sgd.prediction < 0 ? "(%.3f)" : "%.3f", v->u.sgd.prediction);
	fprintf(out, "  prediction %.3f, error %g - %s = %+.3f (lr %g, reg %g)\n",
		v->u.sgd.prediction, v->u.sgd.rating, pred, v->u.sgd.error, v->u.sgd.lr, v->u.sgd.reg);
	int lw = uw_width(u ? u : "") > uw_width(it ? it : "") ? uw_width(u ? u : "") : uw_width(it ? it : "");
	if (lw > 16)
		lw = 16;
	fputs("  p ", out);
	put_pad(out, u, lw, 'l', !utf8);
	fputc(' ', out);
	vec(out, v->u.sgd.p_before, k);
	fprintf(out, " %s ", arrow);
	vec(out, v->u.sgd.p_after, k);
	fputs("\n  q ", out);
	put_pad(out, it, lw, 'l', !utf8);
	fputc(' ', out);
	vec(out, v->u.sgd.q_before, k);
	fprintf(out, " %s ", arrow);
	vec(out, v->u.sgd.q_after, k);
	fputc('\n', out);
	free(u), free(it);
}

/* --- charts on the braille canvas (canvas.h) ------------------------------ */

typedef struct range {
	double lo, hi;
} range;

static void range_fix(range *r)
{
	if (!isfinite(r->lo) || !isfinite(r->hi)) {
		r->lo = 0, r->hi = 1;
	} else if (r->hi - r->lo < 1e-12) {
		double c = r->lo, d = fabs(c) > 0 ? fabs(c) * 0.1 : 1;
		r->lo = c - d, r->hi = c + d;
	}
}

/* Print the canvas with a y axis on the left (its top and bottom values)
 * and the x range below. */
static void canvas_print(const canvas *c, FILE *out, range xr, range yr, int utf8,
			 const char *xlabel)
{
	char top[16], bot[16];
	snprintf(top, sizeof top, "%.3g", yr.hi);
	snprintf(bot, sizeof bot, "%.3g", yr.lo);
	int lw = (int)strlen(top) > (int)strlen(bot) ? (int)strlen(top) : (int)strlen(bot);
	int rows = canvas_rows(c), cols = canvas_cols(c);
	for (int y = 0; y < rows; y++) {
		const char *l = y == 0 ? top : y == rows - 1 ? bot : "";
		fprintf(out, "%*s %s", lw, l, utf8 ? "│" : "|");
		char *row = canvas_row(c, y);
		if (row) {
			/* Lines end at their last mark. */
			size_t n = strlen(row);
			while (n && row[n - 1] == ' ')
				n--;
			fwrite(row, 1, n, out);
			free(row);
		}
		fputc('\n', out);
	}
	fprintf(out, "%*s %s", lw, "", utf8 ? "└" : "+");
	repeat(out, utf8 ? "─" : "-", cols);
	fputc('\n', out);
	char left[32], right[32];
	snprintf(left, sizeof left, "%.3g", xr.lo);
	snprintf(right, sizeof right, "%.3g", xr.hi);
	int mid_w = cols - (int)strlen(left) - (int)strlen(right);
	fprintf(out, "%*s  %s", lw, "", left);
	if (xlabel && mid_w > (int)strlen(xlabel) + 2) {
		int a = (mid_w - (int)strlen(xlabel)) / 2;
		repeat(out, " ", a);
		fputs(xlabel, out);
		repeat(out, " ", mid_w - a - (int)strlen(xlabel));
	} else {
		repeat(out, " ", mid_w > 1 ? mid_w : 1);
	}
	fprintf(out, "%s\n", right);
}

/* Chart size: the width less the y axis, and a height by content. */
static int chart_cols(int width)
{
	return width - 10 < 20 ? 20 : width - 10;
}

/* --- scatter ------------------------------------------------------------- */

static void render_scatter(const view *v, FILE *out, int width, int utf8)
{
	int n = v->u.scatter.n, f = v->u.scatter.frames - 1;
	title(v, out, width, utf8);
	if (v->u.scatter.frames > 1 && v->u.scatter.frame_labels && v->u.scatter.frame_labels[f])
		fprintf(out, "(%s, the last of %d frames)\n", v->u.scatter.frame_labels[f],
			v->u.scatter.frames);
	const double *x = v->u.scatter.x + (size_t)f * n, *y = v->u.scatter.y + (size_t)f * n;
	range xr = { INFINITY, -INFINITY }, yr = { INFINITY, -INFINITY };
	for (int i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(y[i]))
			continue;
		xr.lo = fmin(xr.lo, x[i]), xr.hi = fmax(xr.hi, x[i]);
		yr.lo = fmin(yr.lo, y[i]), yr.hi = fmax(yr.hi, y[i]);
	}
	range_fix(&xr), range_fix(&yr);
	/* A margin so that points do not sit on the frame. */
	double pad = (xr.hi - xr.lo) * 0.05;
	xr.lo -= pad, xr.hi += pad;
	pad = (yr.hi - yr.lo) * 0.08;
	yr.lo -= pad, yr.hi += pad;
	int cols = chart_cols(width), rows = n > 20 ? 20 : 14;
	canvas *c = canvas_new(cols, rows, !utf8);
	if (!c)
		return;
	canvas_range(c, xr.lo, xr.hi, yr.lo, yr.hi);
	/* Dotted axes through zero, when zero is in range. */
	int px, py;
	if (xr.lo < 0 && xr.hi > 0 && canvas_to_px(c, 0, yr.lo, &px, &py))
		for (int yy = 0; yy < 4 * rows; yy += 2)
			canvas_set(c, px, yy, 0);
	if (yr.lo < 0 && yr.hi > 0 && canvas_to_px(c, xr.lo, 0, &px, &py))
		for (int xx = 0; xx < 2 * cols; xx += 2)
			canvas_set(c, xx, py, 0);
	for (int i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(y[i]) || !canvas_to_px(c, x[i], y[i], &px, &py))
			continue;
		int role = v->u.scatter.side[i] == SIDE_USER ? 1 : 2;
		if (utf8) {
			/* A bold point: the pixel and its right neighbour. */
			canvas_set(c, px, py, role);
			canvas_set(c, px + 1, py, role);
		} else {
			/* ASCII: a mark per point that tells users from items. */
			canvas_text(c, px / 2, py / 4, role == 1 ? "o" : "+", role);
		}
	}
	for (int i = 0; i < n; i++)
		if (isfinite(x[i]) && isfinite(y[i]) && v->u.scatter.labels[i])
			canvas_label(c, x[i], y[i], v->u.scatter.labels[i],
				     v->u.scatter.side[i] == SIDE_USER ? 1 : 2);
	canvas_print(c, out, xr, yr, utf8, NULL);
	canvas_free(&c);
	int users = 0, items = 0;
	for (int i = 0; i < n; i++) {
		users += v->u.scatter.side[i] == SIDE_USER;
		items += v->u.scatter.side[i] == SIDE_ITEM;
	}
	if (utf8)
		fprintf(out, "%d users, %d items\n", users, items);
	else
		fprintf(out, "o user (%d), + item (%d)\n", users, items);
}

/* --- line chart ---------------------------------------------------------- */

static void render_line(const view *v, FILE *out, int width, int utf8)
{
	title(v, out, width, utf8);
	range xr = { INFINITY, -INFINITY }, yr = { INFINITY, -INFINITY };
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		for (int i = 0; i < se->n; i++) {
			if (!isfinite(se->x[i]) || !isfinite(se->y[i]))
				continue;
			xr.lo = fmin(xr.lo, se->x[i]), xr.hi = fmax(xr.hi, se->x[i]);
			yr.lo = fmin(yr.lo, se->y[i]), yr.hi = fmax(yr.hi, se->y[i]);
		}
	}
	range_fix(&xr), range_fix(&yr);
	canvas *c = canvas_new(chart_cols(width), 12, !utf8);
	if (!c)
		return;
	canvas_range(c, xr.lo, xr.hi, yr.lo, yr.hi);
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		int have = 0;
		double lx = 0, ly = 0;
		for (int i = 0; i < se->n; i++) {
			if (!isfinite(se->x[i]) || !isfinite(se->y[i])) {
				have = 0;
				continue;
			}
			/* The first series is a solid line; later ones are dots at
			 * their points, so the two can be told apart without colour. */
			if (have && s == 0)
				canvas_line(c, lx, ly, se->x[i], se->y[i], s + 1);
			else
				canvas_point(c, se->x[i], se->y[i], s + 1);
			have = 1, lx = se->x[i], ly = se->y[i];
		}
	}
	canvas_print(c, out, xr, yr, utf8, v->u.line.xlabel);
	canvas_free(&c);
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		double last = se->n ? se->y[se->n - 1] : NAN;
		fprintf(out, "%s%s (%s), last %.4f", s ? "; " : "", se->name,
			s == 0 ? "line" : "dots", last);
	}
	if (v->u.line.ylabel)
		fprintf(out, "%s%s", v->u.line.n_series ? "; y: " : "y: ", v->u.line.ylabel);
	fputc('\n', out);
}

/* --- bars and histograms ------------------------------------------------- */

static void hbar(FILE *out, double f, int cols, int utf8)
{
	static const char *eighth[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	if (!(f > 0))
		f = 0;
	if (f > 1)
		f = 1;
	int units = (int)floor(f * cols * (utf8 ? 8 : 1) + 0.5);
	int full = utf8 ? units / 8 : units, part = utf8 ? units % 8 : 0;
	repeat(out, utf8 ? "█" : "#", full);
	if (part)
		fputs(eighth[part], out);
	repeat(out, " ", cols - full - (part ? 1 : 0));
}

static void bars(FILE *out, int n, char **labels, const double *values, const char *fmt,
		 int width, int utf8)
{
	int lw = 0;
	double m = 0;
	for (int i = 0; i < n; i++) {
		int x = uw_width(labels[i] ? labels[i] : "");
		if (x > lw)
			lw = x;
		if (isfinite(values[i]) && fabs(values[i]) > m)
			m = fabs(values[i]);
	}
	if (lw > 20)
		lw = 20;
	int bw = width - lw - 12;
	if (bw < 5)
		bw = 5;
	for (int i = 0; i < n; i++) {
		put_pad(out, labels[i], lw, 'l', !utf8);
		fputc(' ', out);
		hbar(out, m > 0 && isfinite(values[i]) ? fabs(values[i]) / m : 0, bw, utf8);
		fputc(' ', out);
		if (isfinite(values[i]))
			fprintf(out, fmt, values[i]);
		else
			fputs("-", out);
		fputc('\n', out);
	}
}

static int fmt_ok(const char *fmt)
{
	/* One floating conversion, nothing else with a '%'. */
	const char *p = fmt ? strchr(fmt, '%') : NULL;
	if (!p || strchr(p + 1, '%'))
		return 0;
	p += 1 + strspn(p + 1, "-+ #0123456789.");
	return *p && strchr("feEgG", *p);
}

static void render_bar(const view *v, FILE *out, int width, int utf8)
{
	title(v, out, width, utf8);
	bars(out, v->u.bar.n, v->u.bar.labels, v->u.bar.values,
	     fmt_ok(v->u.bar.fmt) ? v->u.bar.fmt : "%.3g", width, utf8);
}

static void render_hist(const view *v, FILE *out, int width, int utf8)
{
	title(v, out, width, utf8);
	int n = v->u.hist.bins;
	char **labels = calloc((size_t)n + 1, sizeof *labels);
	if (!labels)
		return;
	for (int b = 0; b < n; b++) {
		char s[64];
		snprintf(s, sizeof s, "%.3g to %.3g", v->u.hist.edges[b], v->u.hist.edges[b + 1]);
		labels[b] = strdup(s);
	}
	bars(out, n, labels, v->u.hist.counts, "%.0f", width, utf8);
	for (int b = 0; b < n; b++)
		free(labels[b]);
	free(labels);
}

int view_render_text(const view *v, FILE *out, int width, int utf8)
{
	if (width < 20)
		width = 20;
	switch (v->kind) {
	case VIEW_TEXT: render_text(v, out, width, utf8); break;
	case VIEW_TABLE: render_table(v, out, width, utf8); break;
	case VIEW_MATRIX: render_matrix(v, out, width, utf8); break;
	case VIEW_VECTORS: render_vectors(v, out, width, utf8); break;
	case VIEW_SGD_STEP: render_sgd(v, out, width, utf8); break;
	case VIEW_SCATTER: render_scatter(v, out, width, utf8); break;
	case VIEW_LINE: render_line(v, out, width, utf8); break;
	case VIEW_BAR: render_bar(v, out, width, utf8); break;
	case VIEW_HIST: render_hist(v, out, width, utf8); break;
	}
	return ferror(out) ? -1 : 0;
}

int view_render_text_all(const view *v, FILE *out, int width, int utf8)
{
	for (const view *x = v; x; x = x->next) {
		if (x != v)
			fputc('\n', out);
		if (view_render_text(x, out, width, utf8) < 0)
			return -1;
	}
	return 0;
}

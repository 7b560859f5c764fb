/* view_text_chart.c: the line charts of the text renderer, drawn on the
 * braille canvas (canvas.h): data space to dots, labels over dots, a y
 * axis on the left and the x range below. (The maps, scatter and arrows,
 * are laid out by chart.h and printed by view_text_map.c.) */
#include "lab/view/view_text_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/canvas.h"
#include "lab/view/uwidth.h"
#include "lab/view/view_intl.h"

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

/* A tick under the x axis: its column and its number. */
typedef struct xtick {
	int col;
	char label[16];
} xtick;

/* Print the canvas with a y axis on the left (its top and bottom values)
 * and the x range below; ticks (may be none) are numbered on a line under
 * the x range. */
static void canvas_print_ticks(const canvas *c, FILE *out, const char *top, const char *bot,
			       const char *left, const char *right, int utf8, const char *xlabel,
			       const xtick *ticks, int n_ticks)
{
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
	vt_repeat(out, utf8 ? "─" : "-", cols);
	fputc('\n', out);
	int mid_w = cols - (int)strlen(left) - (int)strlen(right);
	fprintf(out, "%*s  %s", lw, "", left);
	if (xlabel && mid_w > (int)strlen(xlabel) + 2) {
		int a = (mid_w - (int)strlen(xlabel)) / 2;
		vt_repeat(out, " ", a);
		fputs(xlabel, out);
		vt_repeat(out, " ", mid_w - a - (int)strlen(xlabel));
	} else {
		vt_repeat(out, " ", mid_w > 1 ? mid_w : 1);
	}
	fprintf(out, "%s\n", right);
	/* Ticks between the ends, where they fit. */
	if (n_ticks > 0) {
		char *line = malloc((size_t)cols + 1);
		if (!line)
			return;
		memset(line, ' ', (size_t)cols);
		line[cols] = '\0';
		int any = 0, free_from = 0;
		for (int i = 0; i < n_ticks; i++) {
			int n = (int)strlen(ticks[i].label), at = ticks[i].col - n / 2;
			if (at < free_from || at + n > cols)
				continue;
			memcpy(line + at, ticks[i].label, (size_t)n);
			free_from = at + n + 1, any = 1;
		}
		size_t end = strlen(line);
		while (end && line[end - 1] == ' ')
			end--;
		if (any)
			fprintf(out, "%*s  %.*s\n", lw, "", (int)end, line);
		free(line);
	}
}

/* Chart size: the width less the y axis, and a height by content. */
static int chart_cols(int width)
{
	return width - 10 < 20 ? 20 : width - 10;
}

/* --- line chart ---------------------------------------------------------- */

/* A number at each end of an axis, in the data's own units. */
static void axis_end(const view *v, int log, double t, char *buf, size_t size)
{
	(void)v;
	view_axis_num(log ? pow(10, t) : t, buf, size);
}

void vt_render_line(const view *v, FILE *out, int width, int utf8)
{
	vt_title(v, out, width, utf8);
	range xr = { INFINITY, -INFINITY }, yr = { INFINITY, -INFINITY };
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		for (int i = 0; i < se->n; i++) {
			double x = view_line_tx(v, se->x[i]), y = view_line_ty(v, se->y[i]);
			if (!isfinite(x) || !isfinite(y))
				continue;
			xr.lo = fmin(xr.lo, x), xr.hi = fmax(xr.hi, x);
			yr.lo = fmin(yr.lo, y), yr.hi = fmax(yr.hi, y);
		}
	}
	for (int m = 0; m < v->u.line.n_marks; m++) {
		double x = view_line_tx(v, v->u.line.marks[m].x), y = view_line_ty(v, v->u.line.marks[m].y);
		if (isfinite(x) && isfinite(y)) {
			xr.lo = fmin(xr.lo, x), xr.hi = fmax(xr.hi, x);
			yr.lo = fmin(yr.lo, y), yr.hi = fmax(yr.hi, y);
		}
	}
	/* Where failed runs stopped, and the marked x, are on the x axis. */
	for (int s = 0; s < v->u.line.n_series; s++) {
		double x = v->u.line.series[s].failed ? view_line_tx(v, v->u.line.series[s].fail_x) : NAN;
		if (isfinite(x))
			xr.lo = fmin(xr.lo, x), xr.hi = fmax(xr.hi, x);
	}
	if (v->u.line.has_vline && isfinite(view_line_tx(v, v->u.line.vline_x))) {
		double x = view_line_tx(v, v->u.line.vline_x);
		xr.lo = fmin(xr.lo, x), xr.hi = fmax(xr.hi, x);
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
			double x = view_line_tx(v, se->x[i]), y = view_line_ty(v, se->y[i]);
			if (!isfinite(x) || !isfinite(y)) {
				have = 0;
				continue;
			}
			/* The first series is a solid line; later ones are dots at
			 * their points, so the two can be told apart without colour. */
			if (have && s == 0)
				canvas_line(c, lx, ly, x, y, s + 1);
			else
				canvas_point(c, x, y, s + 1);
			have = 1, lx = x, ly = y;
		}
	}
	/* Marks: a point, then its label beside it where it fits. */
	for (int m = 0; m < v->u.line.n_marks; m++) {
		const view_mark *mk = &v->u.line.marks[m];
		double x = view_line_tx(v, mk->x), y = view_line_ty(v, mk->y);
		if (!isfinite(x) || !isfinite(y))
			continue;
		int role = mk->series >= 0 ? mk->series + 1 : 3;
		canvas_point(c, x, y, role);
		if (mk->label && *mk->label)
			canvas_label(c, x, y, mk->label, role);
	}
	vt_line_extras(v, c, yr.hi, utf8);
	char top[16], bot[16], left[32], right[32];
	axis_end(v, v->u.line.ylog, yr.hi, top, sizeof top);
	axis_end(v, v->u.line.ylog, yr.lo, bot, sizeof bot);
	axis_end(v, v->u.line.xlog, xr.lo, left, sizeof left);
	axis_end(v, v->u.line.xlog, xr.hi, right, sizeof right);
	xtick ticks[16];
	double tv[16];
	int nt = view_axis_ticks(pow(10, xr.lo), pow(10, xr.hi), v->u.line.xlog, tv, 16);
	for (int i = 0; i < nt; i++) {
		int px, py;
		canvas_to_px(c, log10(tv[i]), yr.lo, &px, &py);
		ticks[i].col = px / 2;
		view_axis_num(tv[i], ticks[i].label, sizeof ticks[i].label);
	}
	char xl[64];
	snprintf(xl, sizeof xl, "%s%s", v->u.line.xlabel ? v->u.line.xlabel : "",
		 v->u.line.xlog ? _(" (log)") : "");
	canvas_print_ticks(c, out, top, bot, left, right, utf8, xl[0] ? xl : NULL, ticks, nt);
	canvas_free(&c);
	if (vt_line_legend(v, out, utf8))
		return;
	/* One legend line, wrapped to the width (a Korean legend of two series
	 * and an axis is over 90 columns). */
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return;
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		double last = se->n ? se->y[se->n - 1] : NAN;
		fputs(s ? "; " : "", m);
		fprintf(m, s == 0 ? _("%s (line), last %.4f") : _("%s (dots), last %.4f"), se->name,
			last);
	}
	if (v->u.line.ylabel)
		fprintf(m, "%s%s%s", v->u.line.n_series ? "; y: " : "y: ", v->u.line.ylabel,
			v->u.line.ylog ? _(" (log)") : "");
	if (fclose(m) == 0 && text)
		vt_hanging(out, text, width);
	free(text);
}

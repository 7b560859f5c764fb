/* view_text.c: views as text (see view_text.h). Layout is by display
 * columns (uwidth.h). The charts drawn on a braille canvas (scatter and
 * line) are in view_text_chart.c. */
#include "lab/view/view_text.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"
#include "lab/view/view_text_impl.h"
#include "lab/view/view_intl.h"

/* --- text ---------------------------------------------------------------- */

/* One preformatted line: as it is when it fits, else broken at spaces into
 * rows of at most width columns, the rows after the first hanging. */
static void pre_line(FILE *out, const char *line, size_t len, int width)
{
	char *l = strndup(line, len);
	if (!l)
		return;
	if (width < 20 || uw_width(l) <= width) {
		fprintf(out, "%s\n", l);
		free(l);
		return;
	}
	int hang = uw_hang(l, width), row = 0;
	for (const char *p = l; *p; row++) {
		int indent = row ? hang : 0;
		size_t fit = uw_fit(p, width - indent, NULL), cut = fit;
		if (p[fit]) {
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		if (cut == 0)
			cut = 1;
		size_t end = cut;
		while (end > 0 && p[end - 1] == ' ')
			end--;
		fprintf(out, "%*s%.*s\n", indent, "", (int)end, p);
		p += cut;
		while (*p == ' ')
			p++;
	}
	free(l);
}

static void render_text(const view *v, FILE *out, int width, int utf8)
{
	vt_title(v, out, width, utf8);
	const char *body = v->u.text.body ? v->u.text.body : "";
	if (v->u.text.error) {
		const char *fmt = _("expected error: %s");
		size_t n = strlen(body) + strlen(fmt) + 1;
		char *s = malloc(n);
		if (s) {
			snprintf(s, n, fmt, body);
			vt_wrapped(out, s, width, "");
		}
		free(s);
	} else if (v->u.text.preformatted) {
		/* Lines keep their spacing; one wider than the page wraps with a
		 * hanging indent, as on the TUI's screen, so none runs off it. */
		for (const char *p = body; *p;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			pre_line(out, p, len, width);
			p += len + (nl != NULL);
		}
	} else {
		vt_wrapped(out, body, width, "");
	}
}

/* --- table --------------------------------------------------------------- */

static void render_table(const view *v, FILE *out, int width, int utf8)
{
	int rows = v->u.table.rows, cols = v->u.table.cols;
	vt_title(v, out, width, utf8);
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
				vt_repeat(out, " ", pending + (c ? gap : 0));
				fwrite(cell, 1, n, out);
				pending = (int)(strlen(cell) - n);
			} else {
				pending += w[c] + (c ? gap : 0);
			}
			free(cell);
		}
		fputc('\n', out);
		if (r < 0) {
			vt_repeat(out, utf8 ? "─" : "-", line_w);
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
	vt_title(v, out, width, utf8);
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
		vt_pad(out, "", lw, 'l', !utf8);
		/* Labels sit on the bottom lines, next to the numbers. */
		for (int c = 0; c < shown; c++) {
			int k = 0;
			while (k < 3 && hl[3 * c + k])
				k++;
			int at = line - (hlines - k);
			fputc(' ', out);
			vt_pad(out, at >= 0 ? hl[3 * c + at] : "", cw, 'r', !utf8);
		}
		fputc('\n', out);
	}
	for (int i = 0; i < 3 * 64; i++)
		free(hl[i]);
	int any_pred = 0;
	for (int r = 0; r < rows; r++) {
		vt_pad(out, v->u.matrix.row_labels[r], lw, 'l', !utf8);
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
				vt_pad(out, hl, cw, 'r', !utf8);
			} else {
				/* Right-aligned with room for the '*' of predictions. */
				char al[40];
				snprintf(al, sizeof al, "%s%s", cell,
					 v->u.matrix.state[at] == CELL_PREDICTED ? "" : " ");
				fputc(' ', out);
				vt_pad(out, al, cw, 'r', !utf8);
			}
		}
		fputc('\n', out);
	}
	int cell = v->u.matrix.cur_row >= 0;
	fputs(any_pred && cell ? _("? no rating, * predicted, [ ] the cell in question")
	      : any_pred	 ? _("? no rating, * predicted")
	      : cell		 ? _("? no rating, [ ] the cell in question")
				 : _("? no rating"),
	      out);
	if (shown < cols)
		fprintf(out, ngettext(" (%d more column not shown)", " (%d more columns not shown)",
				      (unsigned long)(cols - shown)),
			cols - shown);
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
		vt_repeat(out, " ", h - cells);
		vt_repeat(out, utf8 ? "█" : "#", cells);
	} else {
		vt_repeat(out, " ", h);
	}
	fputs(utf8 ? "│" : "|", out);
	if (x > 0) {
		vt_repeat(out, utf8 ? "█" : "#", full);
		fputs(part ? eighth[part] : "", out);
		vt_repeat(out, " ", h - full - (part ? 1 : 0));
	} else {
		vt_repeat(out, " ", h);
	}
}

static void render_vectors(const view *v, FILE *out, int width, int utf8)
{
	int n = v->u.vectors.n, k = v->u.vectors.k;
	vt_title(v, out, width, utf8);
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
		vt_pad(out, v->u.vectors.labels[i], lw, 'l', !utf8);
		for (int d = 0; d < show; d++) {
			double x = v->u.vectors.values[(size_t)i * k + d];
			fprintf(out, " %+6.3f ", x);
			signed_bar(out, x, m, h, utf8);
		}
		if (show < k)
			fprintf(out, _(" %s(%d more)"), utf8 ? "… " : "... ", k - show);
		fputc('\n', out);
	}
}

/* --- SGD step ------------------------------------------------------------ */

/* The columns vec_at takes on one line. */
static int vec_cols(const double *x, int k)
{
	char b[32];
	int n = 2;
	for (int d = 0; d < k; d++)
		n += snprintf(b, sizeof b, "%s%.3f", d ? ", " : "", x[d]);
	return n;
}

/* "(x1, x2, ...)" printed from column col; a number that would end past
 * width goes to the next line, under the first one. */
static void vec_at(FILE *out, const double *x, int k, int col, int width)
{
	fputc('(', out);
	int at = col + 1;
	for (int d = 0; d < k; d++) {
		char b[32];
		int n = snprintf(b, sizeof b, "%.3f", x[d]);
		if (d && at + 2 + n + (d == k - 1) > width) {
			fprintf(out, ",\n%*s", col + 1, "");
			at = col + 1;
		} else if (d) {
			fputs(", ", out);
			at += 2;
		}
		fputs(b, out);
		at += n;
	}
	fputc(')', out);
}

/* One side of the step: "  p NAME (before) -> (after)" on one line when it
 * fits in width; else the vector after on a line of its own, under the
 * vector before with the arrow in front of it (at k = 10 the two vectors
 * already take 160 columns). */
static void sgd_side(FILE *out, const char *tag, const char *name, int lw, const double *before,
		     const double *after, int k, int width, int utf8)
{
	const char *arrow = utf8 ? "→" : "->";
	int aw = uw_width(arrow), pw = 2 + uw_width(tag) + 1 + lw + 1;
	fprintf(out, "  %s ", tag);
	vt_pad(out, name, lw, 'l', !utf8);
	fputc(' ', out);
	int wb = vec_cols(before, k), one = pw + wb + 1 + aw + 1 + vec_cols(after, k) <= width;
	vec_at(out, before, k, pw, width);
	if (one) {
		fprintf(out, " %s ", arrow);
		vec_at(out, after, k, pw + wb + aw + 2, width);
	} else {
		fprintf(out, "\n%*s%s ", pw > aw + 1 ? pw - aw - 1 : 0, "", arrow);
		vec_at(out, after, k, pw > aw + 1 ? pw : aw + 1, width);
	}
	fputc('\n', out);
}

static void render_sgd(const view *v, FILE *out, int width, int utf8)
{
	int k = v->u.sgd.k;
	char *u = strdup(v->u.sgd.user), *it = strdup(v->u.sgd.item);
	vt_title(v, out, width, utf8);
	char where[96];
	view_sgd_where(v, where, sizeof where);
	vt_hangingf(out, width, _("SGD %s: %s rated %s %g\n"), where, u ? u : "", it ? it : "",
		    v->u.sgd.rating);
	char pred[32];
	snprintf(pred, sizeof pred, v->u.sgd.prediction < 0 ? "(%.3f)" : "%.3f", v->u.sgd.prediction);
	vt_hangingf(out, width, _("  prediction %.3f, error %g - %s = %+.3f (lr %g, reg %g)\n"),
		    v->u.sgd.prediction, v->u.sgd.rating, pred, v->u.sgd.error, v->u.sgd.lr,
		    v->u.sgd.reg);
	int lw = uw_width(u ? u : "") > uw_width(it ? it : "") ? uw_width(u ? u : "") : uw_width(it ? it : "");
	if (lw > 16)
		lw = 16;
	sgd_side(out, "p", u ? u : "", lw, v->u.sgd.p_before, v->u.sgd.p_after, k, width, utf8);
	sgd_side(out, "q", it ? it : "", lw, v->u.sgd.q_before, v->u.sgd.q_after, k, width, utf8);
	free(u), free(it);
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
	vt_repeat(out, utf8 ? "█" : "#", full);
	if (part)
		fputs(eighth[part], out);
	vt_repeat(out, " ", cols - full - (part ? 1 : 0));
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
		vt_pad(out, labels[i], lw, 'l', !utf8);
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
	vt_title(v, out, width, utf8);
	bars(out, v->u.bar.n, v->u.bar.labels, v->u.bar.values,
	     fmt_ok(v->u.bar.fmt) ? v->u.bar.fmt : "%.3g", width, utf8);
}

static void render_hist(const view *v, FILE *out, int width, int utf8)
{
	vt_title(v, out, width, utf8);
	int n = v->u.hist.bins;
	char **labels = calloc((size_t)n + 1, sizeof *labels);
	if (!labels)
		return;
	for (int b = 0; b < n; b++) {
		char s[64];
		/* TRANSLATORS: a histogram's bin, from one rating to the next. */
		snprintf(s, sizeof s, _("%.3g to %.3g"), v->u.hist.edges[b], v->u.hist.edges[b + 1]);
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
	case VIEW_SCATTER: vt_render_map(v, out, width, utf8); break;
	case VIEW_LINE: vt_render_line(v, out, width, utf8); break;
	case VIEW_BAR: render_bar(v, out, width, utf8); break;
	case VIEW_HIST: render_hist(v, out, width, utf8); break;
	case VIEW_GROUPS: vt_render_groups(v, out, width, utf8); break;
	case VIEW_LEVELS: vt_render_levels(v, out, width, utf8); break;
	case VIEW_ARROWS: vt_render_map(v, out, width, utf8); break;
	case VIEW_SHAPE: vt_render_shape(v, out, width, utf8); break;
	case VIEW_HEAT: vt_render_heat(v, out, width, utf8); break;
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

/* view_text_lines.c: what a line chart of several runs adds in text (see
 * view_text_impl.h): the marked x as a dotted vertical line with its label
 * along the top, a cross where a failed run stopped, each series' name at
 * the end of its curve once there are more than two, and a legend of one
 * line per series. */
#include "lab/view/view_text_impl.h"

#include <math.h>
#include <string.h>

#include "lab/view/canvas.h"
#include "lab/view/uwidth.h"
#include "lab/view/view_intl.h"

void vt_line_extras(const view *v, canvas *c, double ytop, int utf8)
{
	int cols = canvas_cols(c), rows = canvas_rows(c), px, py;
	if (v->u.line.has_vline &&
	    canvas_to_px(c, view_line_tx(v, v->u.line.vline_x), ytop, &px, &py)) {
		for (int y = 0; y < 4 * rows; y += 2)
			canvas_set(c, px, y, 3);
		const char *lab = v->u.line.vline_label ? v->u.line.vline_label : "";
		int w = uw_width(lab), col = px / 2 + 1;
		if (col + w > cols)
			col = px / 2 - w;
		if (*lab && col >= 0)
			canvas_text(c, col, 0, lab, 3);
	}
	int many = v->u.line.n_series > 2;
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		if (se->failed && canvas_to_px(c, view_line_tx(v, se->fail_x), ytop, &px, &py)) {
			canvas_text(c, px / 2, 0, utf8 ? "✗" : "x", s + 1);
			if (many && se->n == 0)
				canvas_label(c, view_line_tx(v, se->fail_x), ytop, se->name, s + 1);
		}
		if (!many)
			continue;
		for (int i = se->n - 1; i >= 0; i--) {
			double x = view_line_tx(v, se->x[i]), y = view_line_ty(v, se->y[i]);
			if (isfinite(x) && isfinite(y)) {
				canvas_label(c, x, y, se->name, s + 1);
				break;
			}
		}
	}
}

int vt_line_legend(const view *v, FILE *out, int utf8)
{
	int failed = 0;
	for (int s = 0; s < v->u.line.n_series; s++)
		failed |= v->u.line.series[s].failed;
	if (v->u.line.n_series <= 2 && !failed && !v->u.line.has_vline)
		return 0;
	const char *xl = v->u.line.xlabel ? v->u.line.xlabel : "x";
	for (int s = 0; s < v->u.line.n_series; s++) {
		const view_series *se = &v->u.line.series[s];
		fprintf(out, s == 0 ? _("%s (line)") : _("%s (dots)"), se->name);
		if (se->n)
			fprintf(out, _(", last %.4f"), se->y[se->n - 1]);
		if (se->failed)
			fprintf(out, _(", %s stopped at %s %g"), utf8 ? "✗" : "x", xl, se->fail_x);
		fputc('\n', out);
	}
	if (v->u.line.has_vline)
		fprintf(out, "%s %s %g: %s\n", utf8 ? "┊" : ":", xl, v->u.line.vline_x,
			v->u.line.vline_label ? v->u.line.vline_label : "");
	if (v->u.line.ylabel)
		fprintf(out, "y: %s%s\n", v->u.line.ylabel, v->u.line.ylog ? _(" (log)") : "");
	return 1;
}

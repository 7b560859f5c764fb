/* view_text_map.c: the 2D maps as text (VIEW_SCATTER's last frame and
 * VIEW_ARROWS): chart.h lays the map out, this file prints its cells in a
 * frame with the data range on the axes, then the legend: the markers as
 * drawn, the names left out for want of room, and the view's note. */
#include "lab/view/view_text_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/canvas.h"
#include "lab/view/chart.h"
#include "lab/view/uwidth.h"
#include "lab/view/view_intl.h"

/* The canvas in a frame: the top and bottom of the y range on the left, the
 * x range under it. */
static void print_frame(const canvas *c, FILE *out, double xlo, double xhi, double ylo,
			double yhi, int utf8)
{
	char top[24], bot[24], left[24], right[24];
	snprintf(top, sizeof top, "%.3g", yhi);
	snprintf(bot, sizeof bot, "%.3g", ylo);
	snprintf(left, sizeof left, "%.3g", xlo);
	snprintf(right, sizeof right, "%.3g", xhi);
	int lw = (int)strlen(top) > (int)strlen(bot) ? (int)strlen(top) : (int)strlen(bot);
	int rows = canvas_rows(c), cols = canvas_cols(c);
	for (int y = 0; y < rows; y++) {
		fprintf(out, "%*s %s", lw, y == 0 ? top : y == rows - 1 ? bot : "", utf8 ? "│" : "|");
		char *row = canvas_row(c, y);
		if (row) {
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
	int gap = cols - (int)strlen(left) - (int)strlen(right);
	fprintf(out, "%*s  %s", lw, "", left);
	vt_repeat(out, " ", gap > 1 ? gap : 1);
	fprintf(out, "%s\n", right);
}

/* The width of the y axis's numbers for a range, so the canvas fills the
 * rest of the line. */
static int axis_width(double lo, double hi)
{
	char a[24], b[24];
	snprintf(a, sizeof a, "%.3g", hi);
	snprintf(b, sizeof b, "%.3g", lo);
	return (int)(strlen(a) > strlen(b) ? strlen(a) : strlen(b));
}

/* The names the map has no room for, each group with the labelled point
 * it is beside, as one wrapped paragraph. */
static void print_left_out(const view *v, const chart_layout *lay, FILE *out, int width)
{
	if (lay->unlabelled == 0)
		return;
	char *s = chart_left_out(v, lay, _("Not labelled, for want of room: "), _(" (beside "), _(")"),
				 _("."));
	if (s)
		vt_wrapped(out, s, width, "");
	free(s);
}

void vt_render_map(const view *v, FILE *out, int width, int utf8)
{
	int arrows = v->kind == VIEW_ARROWS;
	int n = arrows ? v->u.arrows.n : v->u.scatter.n;
	int f = arrows ? 0 : v->u.scatter.frames - 1;
	vt_title(v, out, width, utf8);
	if (!arrows && v->u.scatter.frames > 1 && v->u.scatter.frame_labels &&
	    v->u.scatter.frame_labels[f])
		fprintf(out, _("(%s, the last of %d frames)\n"), v->u.scatter.frame_labels[f],
			v->u.scatter.frames);
	int rows = n > 12 ? 20 : 14;
	/* Lay out once at a guess of the axis width, then again if the range's
	 * numbers turned out wider or narrower. */
	int lw = 5, cols;
	canvas *c = NULL;
	chart_layout lay = { 0 };
	double xlo = 0, xhi = 0, ylo = 0, yhi = 0;
	for (int pass = 0; pass < 2; pass++) {
		cols = width - lw - 2;
		if (cols < 20)
			cols = 20;
		canvas_free(&c);
		chart_layout_free(&lay);
		if (!(c = canvas_new(cols, rows, !utf8)))
			return;
		int rc = arrows ? chart_arrows(c, v, NULL, &lay) : chart_scatter(c, v, f, NULL, &lay);
		if (rc < 0) {
			canvas_free(&c);
			return;
		}
		canvas_data_range(c, &xlo, &xhi, &ylo, &yhi);
		int want = axis_width(ylo, yhi);
		if (want == lw)
			break;
		lw = want;
	}
	print_frame(c, out, xlo, xhi, ylo, yhi, utf8);
	canvas_free(&c);
	int users = 0, items = 0, moved = 0;
	for (int i = 0; i < n; i++) {
		int side = arrows ? v->u.arrows.side[i] : v->u.scatter.side[i];
		int head = arrows ? v->u.arrows.head[i] : 1;
		if (!head)
			continue;
		users += side == SIDE_USER, items += side == SIDE_ITEM;
		moved += arrows && v->u.arrows.start[i + 1] - v->u.arrows.start[i] > 1;
	}
	char legend[200] = "";
	size_t len = 0;
	if (users)
		len += (size_t)snprintf(legend + len, sizeof legend - len,
					ngettext("%s %d user", "%s %d users", (unsigned long)users),
					chart_marker(SIDE_USER, !utf8), users);
	if (items && len < sizeof legend) {
		len += (size_t)snprintf(legend + len, sizeof legend - len, "%s", len ? "  " : "");
		len += (size_t)snprintf(legend + len, sizeof legend - len,
					ngettext("%s %d item", "%s %d items", (unsigned long)items),
					chart_marker(SIDE_ITEM, !utf8), items);
	}
	if (moved && len < sizeof legend)
		snprintf(legend + len, sizeof legend - len, "%s%s", len ? "; " : "",
			 _("a line runs from where a vector was to its marker"));
	if (legend[0])
		fprintf(out, "%s\n", legend);
	print_left_out(v, &lay, out, width);
	if (arrows && v->u.arrows.note)
		vt_wrapped(out, v->u.arrows.note, width, "");
	chart_layout_free(&lay);
}

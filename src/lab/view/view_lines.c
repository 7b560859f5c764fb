/* view_lines.c: line charts of several runs side by side (lesson 14's
 * sweeps and `plot loss best=yes`): a series whose run failed (it diverged
 * at some x, drawn as a cross where it stopped) and a marked x (a vertical
 * line with a label, where the test error was lowest). */
#include "lab/view/view.h"

#include <stdlib.h>
#include <string.h>

int view_line_failed(view *v, int s, double x)
{
	if (!v || v->kind != VIEW_LINE || s < 0 || s >= v->u.line.n_series)
		return -1;
	v->u.line.series[s].failed = 1;
	v->u.line.series[s].fail_x = x;
	return 0;
}

int view_line_vline(view *v, double x, const char *label)
{
	if (!v || v->kind != VIEW_LINE)
		return -1;
	char *s = strdup(label ? label : "");
	if (!s)
		return -1;
	free(v->u.line.vline_label);
	v->u.line.vline_label = s;
	v->u.line.vline_x = x;
	v->u.line.has_vline = 1;
	return 0;
}

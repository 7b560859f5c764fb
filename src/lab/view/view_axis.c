/* view_axis.c: what line charts' renderers share beyond the series: log
 * axes, labelled points (marks), and numbers written for an axis. */
#include "lab/view/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int view_line_mark(view *v, double x, double y, const char *label, int series)
{
	if (!v || v->kind != VIEW_LINE)
		return -1;
	view_mark *m = realloc(v->u.line.marks, ((size_t)v->u.line.n_marks + 1) * sizeof *m);
	if (!m)
		return -1;
	v->u.line.marks = m;
	m += v->u.line.n_marks;
	m->x = x, m->y = y, m->series = series;
	if (!(m->label = strdup(label ? label : "")))
		return -1;
	v->u.line.n_marks++;
	return 0;
}

static double axis_t(int log, double x)
{
	if (!log)
		return x;
	return x > 0 ? log10(x) : NAN;
}

double view_line_tx(const view *v, double x) { return axis_t(v->u.line.xlog, x); }
double view_line_ty(const view *v, double y) { return axis_t(v->u.line.ylog, y); }

void view_axis_num(double x, char *buf, size_t size)
{
	double a = fabs(x);
	if (!isfinite(x))
		snprintf(buf, size, "-");
	else if (a >= 1e6)
		snprintf(buf, size, "%.3gM", x / 1e6);
	else if (a >= 1e4)
		snprintf(buf, size, "%.3gk", x / 1e3);
	else if (a >= 100 || (a >= 1 && x == floor(x)))
		snprintf(buf, size, "%.0f", x);
	else
		snprintf(buf, size, "%.3g", x);
}

int view_axis_ticks(double lo, double hi, int log, double *ticks, int max)
{
	int n = 0;
	if (!log || !(lo > 0) || !(hi > lo))
		return 0;
	for (double p = pow(10, ceil(log10(lo) - 1e-9)); p < hi * (1 - 1e-9) && n < max; p *= 10)
		if (p > lo * (1 + 1e-9))
			ticks[n++] = p;
	return n;
}

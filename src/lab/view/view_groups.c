/* view_groups.c: the grouped bar view (VIEW_GROUPS in view.h): one group
 * per measure, one bar per series, each group on its own scale. Freed by
 * view_free like every view. */
#include "lab/view/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

view *view_groups(const char *title, int n_groups, int n_series)
{
	if (n_groups < 0 || n_series < 0)
		return NULL;
	view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->kind = VIEW_GROUPS;
	v->u.groups.n_groups = n_groups;
	v->u.groups.n_series = n_series;
	v->u.groups.groups = calloc((size_t)n_groups + 1, sizeof(char *));
	v->u.groups.better = calloc((size_t)n_groups + 1, 1);
	v->u.groups.fmts = calloc((size_t)n_groups + 1, sizeof(char *));
	v->u.groups.series = calloc((size_t)n_series + 1, sizeof(char *));
	v->u.groups.values = malloc(((size_t)n_groups * n_series + 1) * sizeof(double));
	if ((title && !(v->title = strdup(title))) || !v->u.groups.groups || !v->u.groups.better ||
	    !v->u.groups.fmts || !v->u.groups.series || !v->u.groups.values) {
		view_free(&v);
		return NULL;
	}
	for (size_t i = 0; i < (size_t)n_groups * n_series; i++)
		v->u.groups.values[i] = NAN;
	return v;
}

static void set_str(char **slot, const char *s)
{
	free(*slot);
	*slot = s ? strdup(s) : NULL;
}

void view_groups_group(view *v, int g, const char *name, const char *fmt, int better)
{
	if (!v || v->kind != VIEW_GROUPS || g < 0 || g >= v->u.groups.n_groups)
		return;
	set_str(&v->u.groups.groups[g], name ? name : "");
	set_str(&v->u.groups.fmts[g], fmt ? fmt : "%.3g");
	v->u.groups.better[g] = (signed char)(better < 0 ? -1 : better > 0);
}

void view_groups_series(view *v, int s, const char *name)
{
	if (!v || v->kind != VIEW_GROUPS || s < 0 || s >= v->u.groups.n_series)
		return;
	set_str(&v->u.groups.series[s], name ? name : "");
}

void view_groups_set(view *v, int g, int s, double value)
{
	if (!v || v->kind != VIEW_GROUPS || g < 0 || g >= v->u.groups.n_groups || s < 0 ||
	    s >= v->u.groups.n_series)
		return;
	v->u.groups.values[(size_t)g * v->u.groups.n_series + s] = value;
}

double view_groups_max(const view *v, int g)
{
	double m = 0;
	for (int s = 0; s < v->u.groups.n_series; s++) {
		double x = v->u.groups.values[(size_t)g * v->u.groups.n_series + s];
		if (isfinite(x) && fabs(x) > m)
			m = fabs(x);
	}
	return m;
}

int view_groups_best(const view *v, int g)
{
	int best = -1, b = v->u.groups.better[g], measured = 0;
	double bx = 0;
	for (int s = 0; s < v->u.groups.n_series; s++) {
		double x = v->u.groups.values[(size_t)g * v->u.groups.n_series + s];
		if (!isfinite(x))
			continue;
		measured++;
		if (best < 0 || (b < 0 ? x < bx : x > bx))
			best = s, bx = x;
	}
	/* No best of one, nor of a group without a direction. */
	return b && measured > 1 ? best : -1;
}

/* One floating conversion and nothing else with a '%'. */
static int fmt_ok(const char *fmt)
{
	const char *p = fmt ? strchr(fmt, '%') : NULL;
	if (!p || strchr(p + 1, '%') || strlen(fmt) > 16)
		return 0;
	p += 1 + strspn(p + 1, "-+ #0123456789.");
	return *p && strchr("feEgG", *p);
}

void view_groups_format(const view *v, int g, double x, char *buf, size_t size)
{
	const char *fmt = v->u.groups.fmts[g];
	if (!isfinite(x)) {
		snprintf(buf, size, "-");
	} else if (fmt && strcmp(fmt, "bytes") == 0) {
		/* Decimal units, as disks and the lecture count them. */
		double a = fabs(x);
		if (a < 1e3)
			snprintf(buf, size, "%.0f B", x);
		else if (a < 1e6)
			snprintf(buf, size, "%.1f kB", x / 1e3);
		else if (a < 1e9)
			snprintf(buf, size, "%.1f MB", x / 1e6);
		else
			snprintf(buf, size, "%.2f GB", x / 1e9);
	} else {
		snprintf(buf, size, fmt_ok(fmt) ? fmt : "%.3g", x);
	}
}

/* view_levels.c: the number-line view of a quantizer's grid (VIEW_LEVELS in
 * view.h): its levels as ticks, each value as a dot with the level it is
 * stored as. Freed by view_free like every view. */
#include "lab/view/view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

view *view_levels(const char *title, int n_levels, int n)
{
	if (n_levels < 0 || n < 0)
		return NULL;
	view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->kind = VIEW_LEVELS;
	v->u.levels.n_levels = n_levels;
	v->u.levels.n = n;
	v->u.levels.levels = calloc((size_t)n_levels + 1, sizeof(double));
	v->u.levels.values = calloc((size_t)n + 1, sizeof(double));
	v->u.levels.stored = calloc((size_t)n + 1, sizeof(double));
	v->u.levels.labels = calloc((size_t)n + 1, sizeof(char *));
	if ((title && !(v->title = strdup(title))) || !v->u.levels.levels || !v->u.levels.values ||
	    !v->u.levels.stored || !v->u.levels.labels)
		view_free(&v);
	return v;
}

void view_levels_range(const view *v, double *lo, double *hi)
{
	*lo = INFINITY, *hi = -INFINITY;
	for (int i = 0; i < v->u.levels.n_levels; i++)
		*lo = fmin(*lo, v->u.levels.levels[i]), *hi = fmax(*hi, v->u.levels.levels[i]);
	for (int i = 0; i < v->u.levels.n; i++) {
		*lo = fmin(*lo, fmin(v->u.levels.values[i], v->u.levels.stored[i]));
		*hi = fmax(*hi, fmax(v->u.levels.values[i], v->u.levels.stored[i]));
	}
	if (!(*lo < *hi)) {
		double c = isfinite(*lo) ? *lo : 0;
		*lo = c - 1, *hi = c + 1;
	}
}

int view_levels_col(const view *v, double x, int cols)
{
	double lo, hi;
	view_levels_range(v, &lo, &hi);
	int c = (int)lround((x - lo) / (hi - lo) * (cols - 1));
	return c < 0 ? 0 : c >= cols ? cols - 1 : c;
}

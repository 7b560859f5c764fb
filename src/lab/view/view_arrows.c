/* view_arrows.c: the arrows view (VIEW_ARROWS in view.h): vectors that
 * moved, as paths in 2D. Freed by view_free like every view; laid out by
 * chart_arrows (chart.h). */
#include "lab/view/view.h"

#include <stdlib.h>
#include <string.h>

view *view_arrows(const char *title)
{
	view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->kind = VIEW_ARROWS;
	v->u.arrows.start = calloc(1, sizeof *v->u.arrows.start);
	if ((title && !(v->title = strdup(title))) || !v->u.arrows.start) {
		view_free(&v);
		return NULL;
	}
	return v;
}

/* Grow *p to n elements of size bytes (a few entries: one realloc each). */
static int grow(void *p, size_t n, size_t size)
{
	void *q = realloc(*(void **)p, n * size);
	if (!q)
		return -1;
	*(void **)p = q;
	return 0;
}

int view_arrows_add(view *v, const char *label, int side, int head, int tone, int n,
		    const double *x, const double *y)
{
	if (!v || v->kind != VIEW_ARROWS || n < 1)
		return -1;
	int i = v->u.arrows.n, np = v->u.arrows.n_pts;
	char *l = strdup(label ? label : "");
	if (!l || grow(&v->u.arrows.labels, (size_t)i + 1, sizeof(char *)) < 0 ||
	    grow(&v->u.arrows.side, (size_t)i + 1, 1) < 0 || grow(&v->u.arrows.head, (size_t)i + 1, 1) < 0 ||
	    grow(&v->u.arrows.tone, (size_t)i + 1, 1) < 0 ||
	    grow(&v->u.arrows.start, (size_t)i + 2, sizeof(int)) < 0 ||
	    grow(&v->u.arrows.x, (size_t)(np + n), sizeof(double)) < 0 ||
	    grow(&v->u.arrows.y, (size_t)(np + n), sizeof(double)) < 0) {
		free(l);
		return -1;
	}
	v->u.arrows.labels[i] = l;
	v->u.arrows.side[i] = (unsigned char)(side == SIDE_USER ? SIDE_USER : SIDE_ITEM);
	v->u.arrows.head[i] = (unsigned char)(head != 0);
	v->u.arrows.tone[i] = (signed char)(tone > 0 ? 1 : tone < 0 ? -1 : 0);
	memcpy(v->u.arrows.x + np, x, (size_t)n * sizeof *x);
	memcpy(v->u.arrows.y + np, y, (size_t)n * sizeof *y);
	v->u.arrows.start[i] = np;
	v->u.arrows.start[i + 1] = np + n;
	v->u.arrows.n = i + 1;
	v->u.arrows.n_pts = np + n;
	return 0;
}

int view_arrows_note(view *v, const char *note)
{
	if (!v || v->kind != VIEW_ARROWS)
		return -1;
	char *s = note ? strdup(note) : NULL;
	if (note && !s)
		return -1;
	free(v->u.arrows.note);
	v->u.arrows.note = s;
	return 0;
}

/* view.c: constructing and freeing views (see view.h). */
#include "lab/view/view.h"
#include "lab/view/view_intl.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static view *view_new(view_kind kind, const char *title)
{
	view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->kind = kind;
	if (title && !(v->title = strdup(title))) {
		free(v);
		return NULL;
	}
	return v;
}

static view *text_view(const char *title, const char *body, int pre)
{
	view *v = view_new(VIEW_TEXT, title);
	if (!v)
		return NULL;
	v->u.text.body = strdup(body ? body : "");
	v->u.text.preformatted = pre;
	if (!v->u.text.body)
		view_free(&v);
	return v;
}

view *view_text(const char *title, const char *body) { return text_view(title, body, 0); }
view *view_pre(const char *title, const char *body) { return text_view(title, body, 1); }

view *view_error(const char *body)
{
	view *v = text_view(NULL, body, 0);
	if (v)
		v->u.text.error = 1;
	return v;
}

view *view_table(const char *title, int rows, int cols)
{
	view *v = view_new(VIEW_TABLE, title);
	if (!v)
		return NULL;
	v->u.table.rows = rows;
	v->u.table.cols = cols;
	v->u.table.header = calloc((size_t)cols + 1, sizeof(char *));
	v->u.table.cells = calloc((size_t)rows * (size_t)cols + 1, sizeof(char *));
	v->u.table.align = calloc((size_t)cols + 1, 1);
	if (!v->u.table.header || !v->u.table.cells || !v->u.table.align) {
		view_free(&v);
		return NULL;
	}
	memset(v->u.table.align, 'l', (size_t)cols);
	return v;
}

void view_table_set(view *v, int row, int col, const char *fmt, ...)
{
	if (!v || v->kind != VIEW_TABLE || row < 0 || row >= v->u.table.rows || col < 0 ||
	    col >= v->u.table.cols)
		return;
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int len = vsnprintf(NULL, 0, fmt, ap);
	char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (s)
		vsnprintf(s, (size_t)len + 1, fmt, aq);
	va_end(aq);
	va_end(ap);
	char **cell = &v->u.table.cells[(size_t)row * v->u.table.cols + col];
	free(*cell);
	*cell = s;
}

void view_table_header(view *v, int col, const char *name, char align)
{
	if (!v || v->kind != VIEW_TABLE || col < 0 || col >= v->u.table.cols)
		return;
	free(v->u.table.header[col]);
	v->u.table.header[col] = strdup(name);
	v->u.table.align[col] = align == 'r' ? 'r' : 'l';
}

static char **labels_new(int n)
{
	return calloc((size_t)n + 1, sizeof(char *));
}

view *view_matrix(const char *title, int rows, int cols)
{
	view *v = view_new(VIEW_MATRIX, title);
	if (!v)
		return NULL;
	v->u.matrix.rows = rows;
	v->u.matrix.cols = cols;
	v->u.matrix.row_labels = labels_new(rows);
	v->u.matrix.col_labels = labels_new(cols);
	v->u.matrix.values = calloc((size_t)rows * cols + 1, sizeof(double));
	v->u.matrix.state = calloc((size_t)rows * cols + 1, 1);
	v->u.matrix.cur_row = v->u.matrix.cur_col = -1;
	v->u.matrix.lo = 1, v->u.matrix.hi = 5;
	if (!v->u.matrix.row_labels || !v->u.matrix.col_labels || !v->u.matrix.values ||
	    !v->u.matrix.state)
		view_free(&v);
	return v;
}

view *view_vectors(const char *title, int n, int k)
{
	view *v = view_new(VIEW_VECTORS, title);
	if (!v)
		return NULL;
	v->u.vectors.n = n;
	v->u.vectors.k = k;
	v->u.vectors.labels = labels_new(n);
	v->u.vectors.side = calloc((size_t)n + 1, 1);
	v->u.vectors.values = calloc((size_t)n * k + 1, sizeof(double));
	if (!v->u.vectors.labels || !v->u.vectors.side || !v->u.vectors.values)
		view_free(&v);
	return v;
}

view *view_sgd(const char *user, const char *item, int k)
{
	view *v = view_new(VIEW_SGD_STEP, NULL);
	if (!v)
		return NULL;
	v->u.sgd.user = strdup(user);
	v->u.sgd.item = strdup(item);
	v->u.sgd.k = k;
	v->u.sgd.p_before = calloc((size_t)k + 1, sizeof(double));
	v->u.sgd.p_after = calloc((size_t)k + 1, sizeof(double));
	v->u.sgd.q_before = calloc((size_t)k + 1, sizeof(double));
	v->u.sgd.q_after = calloc((size_t)k + 1, sizeof(double));
	if (!v->u.sgd.user || !v->u.sgd.item || !v->u.sgd.p_before || !v->u.sgd.p_after ||
	    !v->u.sgd.q_before || !v->u.sgd.q_after)
		view_free(&v);
	return v;
}

void view_sgd_where(const view *v, char *buf, size_t size)
{
	long i = v->u.sgd.index + 1, n = v->u.sgd.count;
	int e = v->u.sgd.epoch;
	if (!v->u.sgd.manual && n > 0)
		snprintf(buf, size, _("update %ld of %ld in epoch %d"), i, n, e);
	else if (!v->u.sgd.manual)
		snprintf(buf, size, _("update %ld in epoch %d"), i, e);
	else if (e > 0 && n > 0)
		snprintf(buf, size, _("update after epoch %d (rating %ld of %ld)"), e, i, n);
	else if (e > 0)
		snprintf(buf, size, _("update after epoch %d (rating %ld)"), e, i);
	else if (n > 0)
		snprintf(buf, size, _("update before any epoch (rating %ld of %ld)"), i, n);
	else
		snprintf(buf, size, _("update before any epoch (rating %ld)"), i);
}

view *view_scatter(const char *title, int n, int frames)
{
	view *v = view_new(VIEW_SCATTER, title);
	if (!v)
		return NULL;
	if (frames < 1)
		frames = 1;
	v->u.scatter.n = n;
	v->u.scatter.frames = frames;
	v->u.scatter.labels = labels_new(n);
	v->u.scatter.side = calloc((size_t)n + 1, 1);
	v->u.scatter.x = calloc((size_t)n * frames + 1, sizeof(double));
	v->u.scatter.y = calloc((size_t)n * frames + 1, sizeof(double));
	if (!v->u.scatter.labels || !v->u.scatter.side || !v->u.scatter.x || !v->u.scatter.y)
		view_free(&v);
	return v;
}

view *view_line(const char *title, int n_series)
{
	view *v = view_new(VIEW_LINE, title);
	if (!v)
		return NULL;
	v->u.line.n_series = n_series;
	v->u.line.series = calloc((size_t)n_series + 1, sizeof(view_series));
	if (!v->u.line.series)
		view_free(&v);
	return v;
}

int view_line_series(view *v, int s, const char *name, int n, const double *x, const double *y)
{
	if (!v || v->kind != VIEW_LINE || s < 0 || s >= v->u.line.n_series || n < 0)
		return -1;
	view_series *se = &v->u.line.series[s];
	free(se->name), free(se->x), free(se->y);
	se->name = strdup(name ? name : "");
	se->n = n;
	se->x = malloc(((size_t)n + 1) * sizeof(double));
	se->y = malloc(((size_t)n + 1) * sizeof(double));
	if (!se->name || !se->x || !se->y)
		return -1;
	for (int i = 0; i < n; i++) {
		se->x[i] = x ? x[i] : i + 1;
		se->y[i] = y[i];
	}
	return 0;
}

view *view_bar(const char *title, int n, const char *fmt)
{
	view *v = view_new(VIEW_BAR, title);
	if (!v)
		return NULL;
	v->u.bar.n = n;
	v->u.bar.labels = labels_new(n);
	v->u.bar.values = calloc((size_t)n + 1, sizeof(double));
	v->u.bar.fmt = strdup(fmt ? fmt : "%.3g");
	if (!v->u.bar.labels || !v->u.bar.values || !v->u.bar.fmt)
		view_free(&v);
	return v;
}

view *view_hist(const char *title, int bins)
{
	view *v = view_new(VIEW_HIST, title);
	if (!v)
		return NULL;
	v->u.hist.bins = bins;
	v->u.hist.edges = calloc((size_t)bins + 2, sizeof(double));
	v->u.hist.counts = calloc((size_t)bins + 1, sizeof(double));
	if (!v->u.hist.edges || !v->u.hist.counts)
		view_free(&v);
	return v;
}

void view_append(view **a, view *b)
{
	if (!a || !b)
		return;
	while (*a)
		a = &(*a)->next;
	*a = b;
}

static void free_labels(char **l, int n)
{
	if (!l)
		return;
	for (int i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

static void free_one(view *v)
{
	switch (v->kind) {
	case VIEW_TEXT:
		free(v->u.text.body);
		break;
	case VIEW_TABLE:
		free_labels(v->u.table.header, v->u.table.cols);
		free_labels(v->u.table.cells, v->u.table.rows * v->u.table.cols);
		free(v->u.table.align);
		break;
	case VIEW_MATRIX:
	case VIEW_HEAT: /* a heat map over u.matrix (view_heat.c) */
		free_labels(v->u.matrix.row_labels, v->u.matrix.rows);
		free_labels(v->u.matrix.col_labels, v->u.matrix.cols);
		free(v->u.matrix.values);
		free(v->u.matrix.state);
		break;
	case VIEW_VECTORS:
		free_labels(v->u.vectors.labels, v->u.vectors.n);
		free(v->u.vectors.side);
		free(v->u.vectors.values);
		break;
	case VIEW_SGD_STEP:
		free(v->u.sgd.user), free(v->u.sgd.item);
		free(v->u.sgd.p_before), free(v->u.sgd.p_after);
		free(v->u.sgd.q_before), free(v->u.sgd.q_after);
		break;
	case VIEW_SCATTER:
		free_labels(v->u.scatter.labels, v->u.scatter.n);
		free_labels(v->u.scatter.frame_labels, v->u.scatter.frames);
		free(v->u.scatter.side);
		free(v->u.scatter.x), free(v->u.scatter.y);
		break;
	case VIEW_LINE:
		for (int s = 0; v->u.line.series && s < v->u.line.n_series; s++) {
			free(v->u.line.series[s].name);
			free(v->u.line.series[s].x), free(v->u.line.series[s].y);
		}
		free(v->u.line.series);
		free(v->u.line.xlabel), free(v->u.line.ylabel);
		for (int m = 0; m < v->u.line.n_marks; m++)
			free(v->u.line.marks[m].label);
		free(v->u.line.marks);
		free(v->u.line.vline_label);
		break;
	case VIEW_BAR:
		free_labels(v->u.bar.labels, v->u.bar.n);
		free(v->u.bar.values), free(v->u.bar.fmt);
		break;
	case VIEW_HIST:
		free(v->u.hist.edges), free(v->u.hist.counts);
		break;
	case VIEW_GROUPS: /* made in view_groups.c */
		free_labels(v->u.groups.groups, v->u.groups.n_groups);
		free(v->u.groups.better);
		free_labels(v->u.groups.fmts, v->u.groups.n_groups);
		free_labels(v->u.groups.series, v->u.groups.n_series);
		free(v->u.groups.values);
		break;
	case VIEW_LEVELS: /* made in view_levels.c */
		free(v->u.levels.levels), free(v->u.levels.values), free(v->u.levels.stored);
		free_labels(v->u.levels.labels, v->u.levels.n);
		break;
	case VIEW_ARROWS: /* made in view_arrows.c */
		free_labels(v->u.arrows.labels, v->u.arrows.n);
		free(v->u.arrows.side), free(v->u.arrows.head), free(v->u.arrows.tone);
		free(v->u.arrows.start), free(v->u.arrows.x), free(v->u.arrows.y);
		free(v->u.arrows.note);
		break;
	case VIEW_SHAPE: /* made in view_shape.c */
		free(v->u.shape.item_word);
		break;
	}
	free(v->title);
	free(v);
}

void view_free(view **pv)
{
	if (!pv)
		return;
	view *v = *pv;
	while (v) {
		view *next = v->next;
		free_one(v);
		v = next;
	}
	*pv = NULL;
}

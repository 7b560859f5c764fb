/* chart.c: the 2D maps' layout on a canvas (see chart.h). */
#include "lab/view/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"

/* What a cell holds, for placing labels. */
enum { OCC_AXIS = 1, OCC_MARK = 2, OCC_LABEL = 4, OCC_INK = 8 };

/* One thing on the map: a path whose last point carries a marker (head 1)
 * or a tip (head 0), and a name. */
typedef struct item {
	const char *label;
	int side, head, role;
	int n;              /* path points */
	const double *x, *y;
} item;

typedef struct map {
	canvas *c;
	int w, h, ascii;
	double xlo, xhi, ylo, yhi;
	unsigned char *occ; /* w x h, OCC_* */
	int *owner;         /* w x h: the item whose marker is in the cell, or -1 */
	int *marks;         /* cells holding a marker, n_marks of them */
	int n_marks;
} map;

const char *chart_marker(int side, int ascii)
{
	/* Dingbats (neutral width: one column in every locale), not the
	 * geometric shapes, which East Asian terminals may draw two wide. */
	if (ascii)
		return side == SIDE_USER ? "o" : "x";
	return side == SIDE_USER ? "\xe2\x9c\x9a" : "\xe2\x9c\x96"; /* ✚ ✖ */
}

int chart_labelled(const chart_layout *lay, int i)
{
	if (!lay || i < 0 || i >= lay->n)
		return 0;
	int o = lay->spot[i].with >= 0 ? lay->spot[i].with : i;
	return lay->spot[o].lcol >= 0;
}

char *chart_left_out(const view *v, const chart_layout *lay, const char *head,
		     const char *beside, const char *close, const char *tail)
{
	char **labels = v->kind == VIEW_SCATTER ? v->u.scatter.labels : v->u.arrows.labels;
	size_t len = strlen(head) + strlen(tail) + 64, more = strlen(beside) + strlen(close) + 8;
	for (int i = 0; i < lay->n; i++)
		if (labels[i])
			len += 2 * strlen(labels[i]) + more;
	char *s = malloc(len), *done = calloc((size_t)lay->n + 1, 1);
	if (!s || !done) {
		free(s), free(done);
		return NULL;
	}
	strcpy(s, head);
	int groups = 0;
	for (int i = 0; i < lay->n; i++) {
		if (done[i] || lay->spot[i].col < 0 || !labels[i] || !*labels[i] || chart_labelled(lay, i))
			continue;
		int near = lay->spot[i].near, first = 1;
		if (groups++)
			strcat(s, "; ");
		for (int j = i; j < lay->n; j++)
			if (!done[j] && lay->spot[j].col >= 0 && labels[j] && *labels[j] &&
			    !chart_labelled(lay, j) && lay->spot[j].near == near) {
				if (!first)
					strcat(s, ", ");
				strcat(s, labels[j]);
				done[j] = 1, first = 0;
			}
		if (near >= 0 && labels[near]) {
			strcat(s, beside);
			strcat(s, labels[near]);
			strcat(s, close);
		}
	}
	strcat(s, tail);
	free(done);
	return s;
}

void chart_layout_free(chart_layout *lay)
{
	if (!lay)
		return;
	free(lay->spot);
	memset(lay, 0, sizeof *lay);
}

/* --- the data range ------------------------------------------------------ */

typedef struct bounds {
	double xlo, xhi, ylo, yhi;
} bounds;

static void grow(bounds *b, double x, double y)
{
	if (!isfinite(x) || !isfinite(y))
		return;
	b->xlo = fmin(b->xlo, x), b->xhi = fmax(b->xhi, x);
	b->ylo = fmin(b->ylo, y), b->yhi = fmax(b->yhi, y);
}

/* Map b onto the canvas: the same data per dot on both axes (a braille
 * dot is about square, so angles and distances look true), except that
 * the axis with the smaller spread may be stretched up to twice so that a
 * flat cloud still fills the map; a margin keeps points off the frame. */
static void fit_range(map *m, bounds b, double margin)
{
	if (!(b.xlo <= b.xhi))
		b.xlo = b.ylo = -1, b.xhi = b.yhi = 1;
	double w = 2.0 * m->w, h = 4.0 * m->h;
	double sx = (b.xhi - b.xlo) / w, sy = (b.yhi - b.ylo) / h, s = fmax(sx, sy);
	if (!(s > 0))
		s = 1.0 / w;
	sx = fmax(sx, s / 2) * margin;
	sy = fmax(sy, s / 2) * (margin + 0.06);
	double cx = (b.xlo + b.xhi) / 2, cy = (b.ylo + b.yhi) / 2;
	m->xlo = cx - sx * w / 2, m->xhi = cx + sx * w / 2;
	m->ylo = cy - sy * h / 2, m->yhi = cy + sy * h / 2;
	canvas_range(m->c, m->xlo, m->xhi, m->ylo, m->yhi);
}

/* --- drawing ------------------------------------------------------------- */

static void axes(map *m, const chart_roles *ro, chart_layout *lay)
{
	int px, py;
	double cx = (m->xlo + m->xhi) / 2, cy = (m->ylo + m->yhi) / 2;
	lay->axis_col = lay->axis_row = -1;
	/* Dotted lines through zero, on the axes that have zero inside. */
	if (m->xlo < 0 && m->xhi > 0 && canvas_to_px(m->c, 0, cy, &px, &py)) {
		for (int y = 0; y < 4 * m->h; y += 2)
			canvas_set(m->c, px, y, ro->axis);
		lay->axis_col = px / 2;
		for (int r = 0; r < m->h; r++)
			m->occ[r * m->w + px / 2] |= OCC_AXIS;
	}
	if (m->ylo < 0 && m->yhi > 0 && canvas_to_px(m->c, cx, 0, &px, &py)) {
		for (int x = 0; x < 2 * m->w; x += 2)
			canvas_set(m->c, x, py, ro->axis);
		lay->axis_row = py / 4;
		for (int col = 0; col < m->w; col++)
			m->occ[(py / 4) * m->w + col] |= OCC_AXIS;
	}
}

/* The paths of arrows; the cells whose dots they set become ink. */
static void paths(map *m, const item *it, int n)
{
	unsigned *before = malloc((size_t)m->w * m->h * sizeof *before);
	if (before)
		for (int i = 0; i < m->w * m->h; i++)
			before[i] = canvas_bits(m->c, i % m->w, i / m->w);
	for (int i = 0; i < n; i++)
		for (int p = 1; p < it[i].n; p++)
			canvas_line(m->c, it[i].x[p - 1], it[i].y[p - 1], it[i].x[p], it[i].y[p],
				    it[i].role);
	for (int i = 0; before && i < m->w * m->h; i++)
		if (canvas_bits(m->c, i % m->w, i / m->w) != before[i])
			m->occ[i] |= OCC_INK;
	free(before);
}

/* The marker (or the tip) of each item at its path's end; an item whose
 * cell already holds one shares it. */
static void markers(map *m, const item *it, int n, chart_layout *lay)
{
	for (int i = 0; i < n; i++) {
		chart_spot *s = &lay->spot[i];
		s->col = s->row = s->lcol = s->lrow = -1;
		s->with = -1;
		int px, py;
		if (it[i].n < 1 ||
		    !canvas_to_px(m->c, it[i].x[it[i].n - 1], it[i].y[it[i].n - 1], &px, &py))
			continue;
		s->col = px / 2, s->row = py / 4;
		int cell = s->row * m->w + s->col;
		if (m->owner[cell] >= 0) {
			s->with = m->owner[cell];
			continue;
		}
		m->owner[cell] = i;
		m->occ[cell] |= OCC_MARK;
		m->marks[m->n_marks++] = cell;
		if (it[i].head) {
			canvas_text(m->c, s->col, s->row, chart_marker(it[i].side, m->ascii), it[i].role);
		} else {
			/* A tip: the dots around the path's end, heavier than the path. */
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++)
					canvas_set(m->c, px + dx, py + dy, it[i].role);
		}
	}
}

/* --- labels -------------------------------------------------------------- */

/* A label names the markers in cells c0 .. c1 of one row: one marker, or a
 * run of markers side by side whose names, in the order of their columns,
 * share one label ("Younghee/Sora/Notebook" over ✚✚✖) when no single
 * label fits. */
typedef struct run {
	int row, c0, c1;
} run;

static int in_run(const map *m, const run *u, int cell)
{
	int col = cell % m->w, row = cell / m->w;
	return row == u->row && col >= u->c0 && col <= u->c1;
}

/* How far the marker in cell is from the label [s, s + lw) on row r: in
 * columns, a row counting as two (a cell is about twice as tall as wide). */
static int dist(const map *m, int cell, int s, int r, int lw)
{
	int col = cell % m->w, row = cell / m->w;
	int dx = col < s ? s - col : col > s + lw - 1 ? col - (s + lw - 1) : 0;
	int dy = 2 * abs(row - r);
	return dx > dy ? dx : dy;
}

/* The ink under a label at [s, s + lw) on row r, or -1 where it may not
 * go (see chart.h). */
static int place_cost(const map *m, const run *u, int s, int r, int lw)
{
	if (r < 0 || r >= m->h || s < 0 || s + lw > m->w)
		return -1;
	const unsigned char *row = m->occ + (size_t)r * m->w;
	int ink = 0;
	for (int x = s; x < s + lw; x++) {
		if (row[x] & (OCC_AXIS | OCC_MARK | OCC_LABEL))
			return -1;
		ink += (row[x] & OCC_INK) != 0;
	}
	/* A blank cell to either side, unless it holds one of its own markers. */
	for (int k = 0; k < 2; k++) {
		int x = k ? s + lw : s - 1;
		if (x < 0 || x >= m->w)
			continue;
		if (row[x] & OCC_LABEL)
			return -1;
		if ((row[x] & OCC_MARK) && !in_run(m, u, r * m->w + x))
			return -1;
	}
	/* No other marker as close to the label as its own nearest. */
	int mine = 1 << 30;
	for (int col = u->c0; col <= u->c1; col++) {
		int d = dist(m, u->row * m->w + col, s, r, lw);
		if (d < mine)
			mine = d;
	}
	for (int j = 0; j < m->n_marks; j++)
		if (!in_run(m, u, m->marks[j]) && dist(m, m->marks[j], s, r, lw) <= mine)
			return -1;
	return ink;
}

/* The best free place among the label's candidates beside its markers,
 * preferring one that covers no path: right, left, then centred over or
 * under the markers, then flush with them over or under. */
static int place(const map *m, const run *u, int lw, int *ps, int *pr)
{
	int row = u->row, best = -1, best_ink = 0;
	int mid = (u->c0 + u->c1) / 2 - (lw - 1) / 2;
	const int cand[][2] = {
		{ u->c1 + 1, row }, { u->c0 - lw, row },
		{ mid, row - 1 }, { mid, row + 1 },
		{ u->c0, row - 1 }, { u->c1 - lw + 1, row - 1 },
		{ u->c0, row + 1 }, { u->c1 - lw + 1, row + 1 },
	};
	for (int k = 0; k < (int)(sizeof cand / sizeof *cand); k++) {
		int ink = place_cost(m, u, cand[k][0], cand[k][1], lw);
		if (ink < 0)
			continue;
		if (best < 0 || ink < best_ink) {
			best = k, best_ink = ink;
			*ps = cand[k][0], *pr = cand[k][1];
		}
		if (ink == 0)
			break;
	}
	return best >= 0;
}

/* How many other markers are near cell: the crowded are labelled first,
 * while they still have room. */
static int crowd(const map *m, int cell)
{
	int n = 0;
	for (int j = 0; j < m->n_marks; j++)
		if (m->marks[j] != cell && dist(m, m->marks[j], cell % m->w, cell / m->w, 1) <= 8)
			n++;
	return n;
}

typedef struct ranked {
	int crowd, i;
} ranked;

static int by_crowd(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	return x->crowd != y->crowd ? y->crowd - x->crowd : x->i - y->i;
}

/* The names of the markers of run u, in the order of their columns (a
 * marker's own, then those of the points sharing its cell), joined by '/'.
 * Caller frees. */
static char *run_text(const map *m, const item *it, int n, const chart_layout *lay, const run *u)
{
	size_t len = 1;
	for (int j = 0; j < n; j++)
		if (it[j].label)
			len += strlen(it[j].label) + 1;
	char *s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (int col = u->c0; col <= u->c1; col++) {
		int o = m->owner[u->row * m->w + col];
		for (int j = 0; o >= 0 && j < n; j++)
			if ((j == o || lay->spot[j].with == o) && it[j].label && *it[j].label) {
				if (s[0])
					strcat(s, "/");
				strcat(s, it[j].label);
			}
	}
	return s;
}

/* Label run u if there is room (its text cut to ten columns if need be, for
 * a single name only: a cut run or shared cell would lose names). Returns
 * 1 when labelled, 0 when not, -1 when out of memory. */
static int label_run(map *m, const item *it, int n, chart_layout *lay, const run *u)
{
	char *text = run_text(m, it, n, lay, u);
	if (!text)
		return -1;
	int lw = uw_width(text), at = 0, r = 0, ok = lw > 0 && place(m, u, lw, &at, &r);
	int shared = 0;
	for (int j = 0; j < n; j++)
		shared |= lay->spot[j].with == m->owner[u->row * m->w + u->c0];
	if (!ok && lw > 10 && u->c0 == u->c1 && !shared) {
		char *cut = uw_pad(text, 10, 'l', m->ascii);
		free(text);
		if (!(text = cut))
			return -1;
		lw = 10;
		ok = place(m, u, lw, &at, &r);
	}
	if (ok) {
		for (int x = at; x < at + lw; x++)
			m->occ[r * m->w + x] |= OCC_LABEL;
		int o = m->owner[u->row * m->w + u->c0];
		canvas_text(m->c, at, r, text, it[o].role);
		for (int col = u->c0; col <= u->c1; col++) {
			int o2 = m->owner[u->row * m->w + col];
			if (o2 >= 0)
				lay->spot[o2].lcol = at, lay->spot[o2].lrow = r, lay->spot[o2].lw = lw;
		}
	}
	free(text);
	return ok;
}

/* An unlabelled marker's owner in cell (row, col), or -1. */
static int unlabelled_at(const map *m, const chart_layout *lay, int row, int col)
{
	if (col < 0 || col >= m->w)
		return -1;
	int o = m->owner[row * m->w + col];
	return o >= 0 && lay->spot[o].lcol < 0 ? o : -1;
}

/* Place the labels: the items of prio first (in that order), then the rest,
 * the crowded first; then what is left as runs. */
static int labels(map *m, const item *it, int n, chart_layout *lay, const int *prio, int n_prio)
{
	ranked *order = malloc(((size_t)n + 1) * sizeof *order);
	int k = 0;
	if (!order)
		return -1;
	for (int i = 0; i < n; i++)
		if (lay->spot[i].col >= 0 && lay->spot[i].with < 0) {
			int first = 0;
			for (int p = 0; p < n_prio; p++)
				if (prio[p] == i)
					first = n + (n_prio - p);
			order[k++] = (ranked){ first ? first : crowd(m, lay->spot[i].row * m->w + lay->spot[i].col), i };
		}
	qsort(order, (size_t)k, sizeof *order, by_crowd);
	/* Each marker on its own. */
	for (int o = 0; o < k; o++) {
		const chart_spot *s = &lay->spot[order[o].i];
		run u = { s->row, s->col, s->col };
		if (label_run(m, it, n, lay, &u) < 0) {
			free(order);
			return -1;
		}
	}
	/* Then the markers left, side by side on a row (or one blank apart),
	 * as one label a run; a run stops at a marker that has its label. */
	for (int o = 0; o < k; o++) {
		const chart_spot *s = &lay->spot[order[o].i];
		if (s->lcol >= 0)
			continue;
		run u = { s->row, s->col, s->col };
		for (;;) {
			if (unlabelled_at(m, lay, u.row, u.c0 - 1) >= 0)
				u.c0--;
			else if (!m->occ[u.row * m->w + (u.c0 > 0 ? u.c0 - 1 : 0)] &&
				 unlabelled_at(m, lay, u.row, u.c0 - 2) >= 0)
				u.c0 -= 2;
			else
				break;
		}
		for (;;) {
			if (unlabelled_at(m, lay, u.row, u.c1 + 1) >= 0)
				u.c1++;
			else if (u.c1 + 1 < m->w && !m->occ[u.row * m->w + u.c1 + 1] &&
				 unlabelled_at(m, lay, u.row, u.c1 + 2) >= 0)
				u.c1 += 2;
			else
				break;
		}
		if (u.c0 < u.c1 && label_run(m, it, n, lay, &u) < 0) {
			free(order);
			return -1;
		}
	}
	free(order);
	/* Those left out are said to be beside the closest labelled marker. */
	lay->unlabelled = 0;
	for (int i = 0; i < n; i++) {
		chart_spot *s = &lay->spot[i];
		s->near = -1;
		if (s->col < 0 || !it[i].label || !*it[i].label || chart_labelled(lay, i))
			continue;
		lay->unlabelled++;
		int best = 1 << 30;
		for (int j = 0; j < n; j++) {
			const chart_spot *t = &lay->spot[j];
			if (t->col < 0 || t->with >= 0 || t->lcol < 0)
				continue;
			int d = dist(m, t->row * m->w + t->col, s->col, s->row, 1);
			if (d < best)
				best = d, s->near = j;
		}
	}
	return 0;
}

/* --- the two maps -------------------------------------------------------- */

/* One layout of the map on c: the range with a margin, axes, paths,
 * markers, labels (prio first). */
static int draw_once(map *m, bounds b, double margin, const item *it, int n,
		     const chart_roles *ro, chart_layout *lay, const int *prio, int n_prio)
{
	size_t cells = (size_t)m->w * m->h;
	memset(m->occ, 0, cells);
	for (size_t i = 0; i < cells; i++)
		m->owner[i] = -1;
	m->n_marks = 0;
	memset(lay->spot, 0, ((size_t)n + 1) * sizeof *lay->spot);
	lay->n = n;
	canvas_clear(m->c);
	fit_range(m, b, margin);
	axes(m, ro, lay);
	paths(m, it, n);
	markers(m, it, n, lay);
	return labels(m, it, n, lay, prio, n_prio);
}

static const double margins[] = { 1.10, 1.30 };

/* The map with the most names on it: a few orders of labelling (those left
 * out last time first), and two margins (the wider leaves room for labels
 * at the edges) unless *margin is 0 or 1 already; *margin gets the one
 * used. */
static int draw(canvas *c, bounds b, const item *it, int n, const chart_roles *roles,
		chart_layout *lay, int *margin)
{
	static const chart_roles none = { 0, 0, 0, 0, 0 };
	const chart_roles *ro = roles ? roles : &none;
	map m = { .c = c, .w = canvas_cols(c), .h = canvas_rows(c), .ascii = canvas_ascii(c) };
	memset(lay, 0, sizeof *lay);
	size_t cells = (size_t)m.w * m.h;
	m.occ = calloc(cells, 1);
	m.owner = malloc(cells * sizeof *m.owner);
	m.marks = malloc(((size_t)n + 1) * sizeof *m.marks);
	lay->spot = calloc((size_t)n + 1, sizeof *lay->spot);
	int *prio = malloc(((size_t)n + 1) * sizeof *prio), *best_prio = malloc(((size_t)n + 1) * sizeof *prio);
	int rc = -1;
	if (!m.occ || !m.owner || !m.marks || !lay->spot || !prio || !best_prio)
		goto out;
	int n_prio = 0, best = -1, best_n_prio = 0, best_margin = 0, tries = 0;
	int m0 = *margin >= 0 ? *margin : 0, m1 = *margin >= 0 ? *margin + 1 : 2;
	for (int mi = m0; mi < m1; mi++) {
		n_prio = 0;
		for (int attempt = 0; attempt < 3; attempt++) {
			if (draw_once(&m, b, margins[mi], it, n, ro, lay, prio, n_prio) < 0)
				goto out;
			tries++;
			if (best < 0 || lay->unlabelled < best) {
				best = lay->unlabelled, best_margin = mi, best_n_prio = n_prio;
				memcpy(best_prio, prio, (size_t)n_prio * sizeof *prio);
				tries = 0;
			}
			if (lay->unlabelled == 0)
				break;
			/* Next time, those left out go first (after the earlier ones). */
			for (int i = 0; i < n && n_prio < n; i++)
				if (lay->spot[i].col >= 0 && lay->spot[i].with < 0 && lay->spot[i].lcol < 0) {
					int dup = 0;
					for (int p = 0; p < n_prio; p++)
						dup |= prio[p] == i;
					if (!dup)
						prio[n_prio++] = i;
				}
		}
		if (best == 0)
			break;
	}
	/* Draw the best again unless it was the last drawn. */
	rc = tries ? draw_once(&m, b, margins[best_margin], it, n, ro, lay, best_prio, best_n_prio) : 0;
	*margin = best_margin;
out:
	free(m.occ), free(m.owner), free(m.marks), free(prio), free(best_prio);
	if (rc < 0)
		chart_layout_free(lay);
	return rc;
}

/* The items of frame f of a scatter view. */
static void scatter_items(const view *v, int f, const chart_roles *ro, item *it)
{
	int n = v->u.scatter.n;
	for (int i = 0; i < n; i++) {
		int side = v->u.scatter.side[i];
		it[i] = (item){ v->u.scatter.labels[i], side, 1,
				side == SIDE_USER ? ro->user : ro->item, 1,
				v->u.scatter.x + (size_t)f * n + i, v->u.scatter.y + (size_t)f * n + i };
	}
}

int chart_scatter(canvas *c, const view *v, int frame, const chart_roles *roles,
		  chart_layout *lay)
{
	int n = v->u.scatter.n, frames = v->u.scatter.frames > 0 ? v->u.scatter.frames : 1;
	int f = frame < 0 ? 0 : frame >= frames ? frames - 1 : frame;
	static const chart_roles none = { 0, 0, 0, 0, 0 };
	const chart_roles *ro = roles ? roles : &none;
	/* One range for all frames, so that the points glide. */
	bounds b = { INFINITY, -INFINITY, INFINITY, -INFINITY };
	for (int i = 0; i < n * frames; i++)
		grow(&b, v->u.scatter.x[i], v->u.scatter.y[i]);
	item *it = calloc((size_t)n + 1, sizeof *it);
	if (!it)
		return -1;
	/* And one margin: the one that names most points of the last frame. */
	int margin = -1, rc = 0;
	if (frames > 1) {
		scatter_items(v, frames - 1, ro, it);
		rc = draw(c, b, it, n, roles, lay, &margin);
		chart_layout_free(lay);
	}
	scatter_items(v, f, ro, it);
	if (rc == 0)
		rc = draw(c, b, it, n, roles, lay, &margin);
	free(it);
	return rc;
}

int chart_arrows(canvas *c, const view *v, const chart_roles *roles, chart_layout *lay)
{
	int n = v->u.arrows.n;
	static const chart_roles none = { 0, 0, 0, 0, 0 };
	const chart_roles *ro = roles ? roles : &none;
	/* The origin too (these are vectors, and the axes say where zero is),
	 * unless it would shrink the moves to less than half the map. */
	bounds b = { INFINITY, -INFINITY, INFINITY, -INFINITY };
	for (int p = 0; p < v->u.arrows.n_pts; p++)
		grow(&b, v->u.arrows.x[p], v->u.arrows.y[p]);
	bounds o = b;
	grow(&o, 0, 0);
	if (o.xhi - o.xlo <= 2 * (b.xhi - b.xlo) && o.yhi - o.ylo <= 2 * (b.yhi - b.ylo))
		b = o;
	item *it = calloc((size_t)n + 1, sizeof *it);
	if (!it)
		return -1;
	for (int i = 0; i < n; i++) {
		int s0 = v->u.arrows.start[i], side = v->u.arrows.side[i], tone = v->u.arrows.tone[i];
		int role = tone > 0 ? ro->toward : tone < 0 ? ro->away
			   : side == SIDE_USER ? ro->user : ro->item;
		it[i] = (item){ v->u.arrows.labels[i], side, v->u.arrows.head[i], role,
				v->u.arrows.start[i + 1] - s0, v->u.arrows.x + s0, v->u.arrows.y + s0 };
	}
	int margin = -1, rc = draw(c, b, it, n, roles, lay, &margin);
	free(it);
	return rc;
}

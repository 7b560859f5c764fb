/* view_shape.c: the shape view (VIEW_SHAPE in view.h), the lecture's
 * picture of matrix factorization with the real sizes: the ratings matrix
 * R (users x items) next to the user matrix U (users x k) and the item
 * matrix V (k x items), each side as long as the logarithm of its count
 * (every power of ten the same length), so that 610 users, 9,724 movies
 * and k = 10 can share one screen. The layout is here, so the text renderer
 * and the TUI draw the same boxes. */
#include "lab/view/view.h"
#include "lab/view/view_intl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

view *view_shape(const char *title, double users, double items, int k, double ratings,
		 const char *item_word)
{
	view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->kind = VIEW_SHAPE;
	v->u.shape.users = users, v->u.shape.items = items, v->u.shape.k = k;
	v->u.shape.ratings = ratings;
	/* float32 cells; a triplet is a 4-byte user, item and rating */
	v->u.shape.dense_bytes = users * items * 4;
	v->u.shape.u_bytes = users * k * 4;
	v->u.shape.v_bytes = (double)k * items * 4;
	v->u.shape.ratings_bytes = ratings * 12;
	double cells = users * items, factors = v->u.shape.u_bytes + v->u.shape.v_bytes;
	v->u.shape.filled = cells > 0 ? ratings / cells : 0;
	v->u.shape.ratio = factors > 0 ? v->u.shape.dense_bytes / factors : 0;
	v->u.shape.item_word = strdup(item_word ? item_word : _("items"));
	if ((title && !(v->title = strdup(title))) || !v->u.shape.item_word)
		view_free(&v);
	return v;
}

/* A side's length in units: log10 of the count, at least a half. */
static double side(double n)
{
	double l = n > 1 ? log10(n) : 0;
	return l < 0.5 ? 0.5 : l;
}

#define GAP 3      /* " = " and " . " between the boxes */
#define MAX_UNIT 8 /* columns per power of ten, at most */

int view_shape_layout(const view *v, int cols, view_shape_lay *lay)
{
	memset(lay, 0, sizeof *lay);
	double lu = side(v->u.shape.users), li = side(v->u.shape.items), lk = side(v->u.shape.k);
	/* R and V are as wide as the items, U as k; a cell is about twice
	 * as tall as it is wide, so a unit down is half as many rows. */
	int unit = (int)floor((cols - 2 * GAP) / (2 * li + lk));
	if (unit > MAX_UNIT)
		unit = MAX_UNIT;
	if (unit < 2)
		return -1;
	int wr = (int)lround(unit * li), wu = (int)lround(unit * lk);
	int hr = (int)lround(unit * lu / 2), hv = (int)lround(unit * lk / 2);
	if (wr < 3)
		wr = 3;
	if (wu < 4)
		wu = 4; /* room for k on its top border */
	if (hr < 3)
		hr = 3;
	if (hv < 3)
		hv = 3;
	if (hv > hr)
		hv = hr;
	if (wr + wu + wr + 2 * GAP > cols)
		return -1;
	lay->r = (view_box){ 0, 0, wr, hr };
	lay->eq_col = wr + 1;
	lay->u = (view_box){ wr + GAP, 0, wu, hr };
	lay->dot_col = wr + GAP + wu + 1;
	lay->v = (view_box){ wr + GAP + wu + GAP, 0, wr, hv };
	lay->rows = hr;
	return 0;
}

int view_shape_filled(const view *v, int x, int y, int w, int h)
{
	double share = v->u.shape.filled;
	if (x < 0 || y < 0 || x >= w || y >= h || !(share > 0))
		return 0;
	/* Exactly round(share * w * h) of the cells, evenly spaced. */
	long i = (long)y * w + x;
	return (long)floor((double)(i + 1) * share + 0.5) > (long)floor((double)i * share + 0.5);
}

void view_bytes(double b, char *buf, size_t size)
{
	if (!isfinite(b))
		snprintf(buf, size, "-");
	else if (b < 1000)
		snprintf(buf, size, "%.0f B", b);
	else if (b < 1e6)
		snprintf(buf, size, "%.1f kB", b / 1e3);
	else if (b < 1e9)
		snprintf(buf, size, "%.1f MB", b / 1e6);
	else
		snprintf(buf, size, "%.1f GB", b / 1e9);
}

void view_count(double n, char *buf, size_t size)
{
	char digits[64];
	if (!isfinite(n) || fabs(n) >= 1e18) {
		snprintf(buf, size, "%g", n);
		return;
	}
	int len = snprintf(digits, sizeof digits, "%.0f", fabs(n));
	size_t o = 0;
	if (n <= -0.5 && o + 1 < size)
		buf[o++] = '-';
	for (int i = 0; i < len && o + 1 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 2 < size)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	if (size)
		buf[o < size ? o : size - 1] = '\0';
}

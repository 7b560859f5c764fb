/* because.c: the reason shown beside a recommendation (lab_impl.h). Item
 * vectors that point the same way are movies the same people liked, so the
 * liked movie closest to a recommendation is the item-neighbour behind it,
 * the explanation streaming services print as "because you liked X". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine/core/intl.h"
#include "lab/lab_impl.h"
#include "lab/view/uwidth.h"

int lab_because(lab *l, const model *m, int u, const float *p, int item, int cols, char *buf,
		size_t size, double *cos)
{
	const ratings *r = l->data;
	int k = model_k(m), ni = model_n_items(m);
	const float *Q = model_item_factors_const(m);
	*cos = NAN;
	buf[0] = 0;
	if (!Q || k < 1 || item < 0 || item >= ni)
		return -1;
	const float *qi = Q + (size_t)item * k;
	double ni2 = 0;
	for (int d = 0; d < k; d++)
		ni2 += (double)qi[d] * qi[d];
	const uint32_t *pos;
	size_t n = u >= 0 && u < ratings_n_users(r) ? ratings_user_entries(r, u, &pos) : 0;
	double mean = 0;
	for (size_t j = 0; j < n; j++)
		mean += ratings_entries(r)[pos[j]].value;
	mean = n ? mean / (double)n : 0;
	double mid = (ratings_scale_lo(r) + ratings_scale_hi(r)) / 2;
	int best = -1;
	double bc = -2;
	for (size_t j = 0; j < n; j++) {
		const ll_rating *e = &ratings_entries(r)[pos[j]];
		if (e->item >= ni || e->item == item || e->value < mean || e->value < mid)
			continue;
		const float *qj = Q + (size_t)e->item * k;
		double dot = 0, nj2 = 0;
		for (int d = 0; d < k; d++)
			dot += (double)qi[d] * qj[d], nj2 += (double)qj[d] * qj[d];
		double c = ni2 > 0 && nj2 > 0 ? dot / sqrt(ni2 * nj2) : 0;
		if (c > bc)
			bc = c, best = e->item;
	}
	if (best >= 0) {
		*cos = bc;
		const char *t = ratings_item_title(r, best);
		char *c = uw_width(t) > cols ? uw_pad(t, cols, 'l', 0) : NULL;
		snprintf(buf, size, "%s (%.2f)", c ? c : t, bc);
		free(c);
		return best;
	}
	if (!p || lab_vec_norm(p, k) == 0) {
		snprintf(buf, size, "%s", _("(nothing liked yet)"));
		return -1;
	}
	int bd = 0;
	double bv = -INFINITY;
	for (int d = 0; d < k; d++) {
		double v = (double)p[d] * qi[d];
		if (v > bv)
			bv = v, bd = d;
	}
	snprintf(buf, size, _("(no liked movie) factor %d: %+.2f"), bd, bv);
	return -1;
}

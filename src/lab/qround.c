/* qround.c: factor tables rounded to fewer bits (see qround.h). */
#include "lab/qround.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/model/metrics.h"

const char *qr_name(int p) { return p == QR_1BIT ? "1bit" : quant_name((quant_prec)p); }
int qr_bits(int p) { return p == QR_1BIT ? 1 : quant_bits((quant_prec)p); }

int qr_from_name(const char *s)
{
	if (!strcasecmp(s, "1bit") || !strcmp(s, "1") || !strcasecmp(s, "binary"))
		return QR_1BIT;
	return quant_from_name(s);
}

/* The grid of rows [r0, r1): value = offset + scale * code. */
typedef struct grid {
	float scale, offset;
	unsigned L;
} grid;

static grid grid_of(const float *x, int d, int r0, int r1, int p, int sym)
{
	grid g = { 0, 0, 0 };
	size_t a = (size_t)r0 * d, b = (size_t)r1 * d;
	if (p == QR_1BIT) {
		double s = 0;
		for (size_t j = a; j < b; j++)
			s += fabsf(x[j]);
		g.scale = b > a ? (float)(s / (double)(b - a)) : 0;
		g.L = 2;
		return g;
	}
	g.L = 1u << qr_bits(p);
	if (sym) {
		/* As quant.c: [-m, m] with zero a level, one code fewer. */
		float m = 0;
		for (size_t j = a; j < b; j++)
			m = fmaxf(m, fabsf(x[j]));
		unsigned half = g.L / 2;
		g.scale = m / (float)(half - 1);
		g.offset = -g.scale * (float)half;
	} else {
		float lo = x[a], hi = x[a];
		for (size_t j = a + 1; j < b; j++)
			lo = fminf(lo, x[j]), hi = fmaxf(hi, x[j]);
		g.scale = (hi - lo) / (float)(g.L - 1);
		g.offset = lo;
	}
	return g;
}

/* One value on a grid: its code and what is stored (quant.c's rounding). */
static float on_grid(const grid *g, int p, int sym, float x, int *code)
{
	if (p == QR_1BIT) {
		*code = x >= 0;
		return x >= 0 ? g->scale : -g->scale;
	}
	float v = g->scale > 0 ? (x - g->offset) / g->scale : 0;
	long c = (long)floorf(v + 0.5f);
	long lo = sym ? 1 : 0, hi = (long)g->L - 1;
	if (g->scale == 0 && sym)
		c = g->L / 2;
	c = c < lo ? lo : c > hi ? hi : c;
	*code = sym ? (int)c - (int)(g->L / 2) : (int)c;
	return g->offset + g->scale * (float)c;
}

static int is_int(int p) { return p >= QUANT_INT8; } /* int8, int4, int2, 1bit */

void qr_round(float *x, int n, int d, int p, int sym, int table, qr_bytes *bytes, double *maxerr)
{
	sym = sym && p >= QUANT_INT8 && p != QR_1BIT;
	double err = 0;
	grid g = { 0, 0, 0 };
	if (is_int(p) && table)
		g = grid_of(x, d, 0, n, p, sym);
	for (int i = 0; i < n; i++) {
		float *r = x + (size_t)i * d;
		if (is_int(p) && !table)
			g = grid_of(x, d, i, i + 1, p, sym);
		for (int j = 0; j < d; j++) {
			float s = r[j];
			int c;
			if (p == QUANT_F16)
				s = quant_f16_to_f32(quant_f32_to_f16(r[j]));
			else if (is_int(p))
				s = on_grid(&g, p, sym, r[j], &c);
			err = fmax(err, fabs((double)s - r[j]));
			r[j] = s;
		}
	}
	if (maxerr)
		*maxerr = fmax(*maxerr, err);
	if (bytes) {
		double per_row = ((double)d * qr_bits(p) + 7) / 8;
		per_row = floor(per_row);
		bytes->codes += (double)n * per_row;
		double g1 = !is_int(p) ? 0 : (sym || p == QR_1BIT) ? sizeof(float) : 2 * sizeof(float);
		bytes->grids += table ? g1 : n * g1;
	}
}

int qr_row(const float *x, int n, int d, int row, int p, int sym, int table, float *levels,
	   int *codes, float *stored)
{
	sym = sym && p >= QUANT_INT8 && p != QR_1BIT;
	const float *r = x + (size_t)row * d;
	if (!is_int(p)) {
		for (int j = 0; j < d; j++) {
			stored[j] = p == QUANT_F16 ? quant_f16_to_f32(quant_f32_to_f16(r[j])) : r[j];
			if (codes)
				codes[j] = 0;
		}
		return 0;
	}
	grid g = table ? grid_of(x, d, 0, n, p, sym) : grid_of(x, d, row, row + 1, p, sym);
	for (int j = 0; j < d; j++) {
		int c;
		stored[j] = on_grid(&g, p, sym, r[j], &c);
		if (codes)
			codes[j] = c;
	}
	if (p == QR_1BIT) {
		levels[0] = -g.scale, levels[1] = g.scale;
		return 2;
	}
	int nl = 0;
	for (unsigned c = sym ? 1 : 0; c < g.L && nl < 256; c++)
		levels[nl++] = g.offset + g.scale * (float)c;
	return nl;
}

int *qr_topk(const model *m, const ratings *train, const int *users, int n, int k, ll_error *err)
{
	int ni = model_n_items(m);
	int *out = malloc(((size_t)n * k + 1) * sizeof *out);
	float *s = malloc(((size_t)ni + 1) * sizeof *s);
	unsigned char *skip = calloc((size_t)ni + 1, 1);
	if (!out || !s || !skip) {
		free(out), free(s), free(skip);
		ll_fail(err, "out of memory for top-%d lists", k);
		return NULL;
	}
	const ll_rating *e = ratings_entries(train);
	for (int j = 0; j < n; j++) {
		const uint32_t *pos;
		size_t c = ratings_user_entries(train, users[j], &pos);
		for (size_t i = 0; i < c; i++)
			skip[e[pos[i]].item] = 1;
		model_score_items(m, users[j], s);
		int got = metrics_top_k(s, ni, skip, k, out + (size_t)j * k);
		for (int i = got; i < k; i++)
			out[(size_t)j * k + i] = -1;
		for (size_t i = 0; i < c; i++)
			skip[e[pos[i]].item] = 0;
	}
	free(s), free(skip);
	return out;
}

int qr_measure(model *m, const ratings *train, const ratings *test, const ratings *rank_test,
	       const int *users, int n_users, const int *ref, int p, int sym, int table, int k,
	       double threshold, qr_effect *out, ll_error *err)
{
	memset(out, 0, sizeof *out);
	int nu = model_n_users(m), ni = model_n_items(m), d = model_k(m);
	float *P = model_user_factors(m), *Q = model_item_factors(m);
	if (!P || !Q || d < 1)
		return ll_fail(err, "%s has no factors to quantize", model_algo(m));
	size_t np = (size_t)nu * d, nq = (size_t)ni * d;
	float *keep = malloc((np + nq) * sizeof *keep);
	if (!keep)
		return ll_fail(err, "out of memory");
	memcpy(keep, P, np * sizeof *P);
	memcpy(keep + np, Q, nq * sizeof *Q);
	out->f32_bytes = (double)(np + nq) * sizeof(float);
	qr_round(P, nu, d, p, sym, table, &out->bytes, &out->max_error);
	qr_round(Q, ni, d, p, sym, table, &out->bytes, &out->max_error);
	int rc = 0;
	metrics_ranking rk;
	if (metrics_rating(m, test, &out->rmse, &out->mae, err) < 0 ||
	    metrics_topk(m, train, rank_test, k, threshold, &rk, err) < 0)
		rc = -1;
	int *top = rc == 0 ? qr_topk(m, train, users, n_users, k, err) : NULL;
	if (rc == 0 && !top)
		rc = -1;
	if (rc == 0) {
		out->hr = rk.hr_full, out->ndcg = rk.ndcg_full;
		double sum = 0;
		int counted = 0;
		for (int u = 0; u < n_users; u++) {
			const int *a = ref + (size_t)u * k, *b = top + (size_t)u * k;
			int na = 0, same = 0;
			for (int i = 0; i < k; i++) {
				if (a[i] < 0)
					continue;
				na++;
				for (int j = 0; j < k; j++)
					if (b[j] == a[i]) {
						same++;
						break;
					}
			}
			if (na)
				sum += (double)same / na, counted++;
		}
		out->kept = counted ? sum / counted : NAN;
	}
	memcpy(P, keep, np * sizeof *P);
	memcpy(Q, keep + np, nq * sizeof *Q);
	free(keep), free(top);
	return rc;
}

int qr_scores(model *m, int user, int p, int sym, int table, float *out, ll_error *err)
{
	int nu = model_n_users(m), ni = model_n_items(m), d = model_k(m);
	float *P = model_user_factors(m), *Q = model_item_factors(m);
	if (!P || !Q || d < 1)
		return ll_fail(err, "%s has no factors to quantize", model_algo(m));
	size_t np = (size_t)nu * d, nq = (size_t)ni * d;
	float *keep = malloc((np + nq) * sizeof *keep);
	if (!keep)
		return ll_fail(err, "out of memory");
	memcpy(keep, P, np * sizeof *P);
	memcpy(keep + np, Q, nq * sizeof *Q);
	qr_round(P, nu, d, p, sym, table, NULL, NULL);
	qr_round(Q, ni, d, p, sym, table, NULL, NULL);
	model_score_items(m, user, out);
	memcpy(P, keep, np * sizeof *P);
	memcpy(Q, keep + np, nq * sizeof *Q);
	free(keep);
	return 0;
}

/* sim.c: similarity measures over co-rated entries (see sim.h). */
#include "engine/neighbours/sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {
	"cosine", "pearson", "pearson_baseline", "msd", "euclidean",
};

const char *sim_name(sim_kind k)
{
	return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

int sim_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

/* --- compact CSR ---------------------------------------------------------- */

int sim_csr_build(sim_csr *c, const ratings *r, int by_user)
{
	memset(c, 0, sizeof *c);
	int n = by_user ? ratings_n_users(r) : ratings_n_items(r);
	size_t nnz = ratings_count(r);
	const ll_rating *e = ratings_entries(r);
	c->n_rows = n;
	c->off = malloc(((size_t)n + 1) * sizeof *c->off);
	c->col = malloc((nnz ? nnz : 1) * sizeof *c->col);
	c->val = malloc((nnz ? nnz : 1) * sizeof *c->val);
	if (!c->off || !c->col || !c->val) {
		sim_csr_clear(c);
		return -1;
	}
	size_t k = 0;
	c->off[0] = 0;
	for (int x = 0; x < n; x++) {
		const uint32_t *pos;
		size_t m = by_user ? ratings_user_entries(r, x, &pos) : ratings_item_entries(r, x, &pos);
		if (m && !pos) {
			sim_csr_clear(c);
			return -1;
		}
		for (size_t j = 0; j < m; j++, k++) {
			const ll_rating *t = &e[pos[j]];
			c->col[k] = by_user ? t->item : t->user;
			c->val[k] = t->value;
		}
		c->off[x + 1] = (uint32_t)k;
	}
	return 0;
}

void sim_csr_clear(sim_csr *c)
{
	free(c->off), free(c->col), free(c->val);
	memset(c, 0, sizeof *c);
}

size_t sim_csr_bytes(const sim_csr *c)
{
	if (!c->off)
		return 0;
	size_t nnz = c->off[c->n_rows];
	return ((size_t)c->n_rows + 1) * sizeof *c->off + nnz * (sizeof *c->col + sizeof *c->val);
}

float sim_csr_get(const sim_csr *c, int row, int col)
{
	uint32_t lo = c->off[row], hi = c->off[row + 1];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (c->col[mid] < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->off[row + 1] && c->col[lo] == col ? c->val[lo] : NAN;
}

/* --- baselines ------------------------------------------------------------ */

/* --- rows ----------------------------------------------------------------- */

/* Per-pair sums over co-rated entries; which ones a measure uses varies. */
typedef struct acc {
	double n, xy, xx, yy, x, y;
} acc;

struct sim_work {
	sim_cfg cfg;
	int owner;          /* frees the shared CSR copies */
	sim_csr *rows, *cols;
	const double *brow, *bcol; /* baselines of the row and column sides */
	acc *a;             /* n_rows scratch */
};

static sim_work *work_alloc(void)
{
	return calloc(1, sizeof(sim_work));
}

sim_work *sim_work_new(const ratings *r, const sim_cfg *cfg, ll_error *err)
{
	if (cfg->kind == SIM_PEARSON_BASELINE && (!cfg->bu || !cfg->bi)) {
		ll_fail(err, "pearson_baseline needs baselines");
		return NULL;
	}
	sim_work *w = work_alloc();
	if (!w) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	w->cfg = *cfg;
	w->owner = 1;
	w->rows = calloc(1, sizeof *w->rows);
	w->cols = calloc(1, sizeof *w->cols);
	if (!w->rows || !w->cols || sim_csr_build(w->rows, r, cfg->user_based) < 0 ||
	    sim_csr_build(w->cols, r, !cfg->user_based) < 0) {
		sim_work_free(&w);
		ll_fail(err, "out of memory for the rating index");
		return NULL;
	}
	w->brow = cfg->user_based ? cfg->bu : cfg->bi;
	w->bcol = cfg->user_based ? cfg->bi : cfg->bu;
	w->a = calloc((size_t)w->rows->n_rows + 1, sizeof *w->a);
	if (!w->a) {
		sim_work_free(&w);
		ll_fail(err, "out of memory");
		return NULL;
	}
	return w;
}

sim_work *sim_work_clone(const sim_work *src)
{
	sim_work *w = work_alloc();
	if (!w)
		return NULL;
	*w = *src;
	w->owner = 0;
	w->a = calloc((size_t)w->rows->n_rows + 1, sizeof *w->a);
	if (!w->a) {
		free(w);
		return NULL;
	}
	return w;
}

void sim_work_free(sim_work **pw)
{
	if (!pw || !*pw)
		return;
	sim_work *w = *pw;
	if (w->owner) {
		if (w->rows)
			sim_csr_clear(w->rows);
		if (w->cols)
			sim_csr_clear(w->cols);
		free(w->rows), free(w->cols);
	}
	free(w->a);
	free(w);
	*pw = NULL;
}

int sim_work_rows(const sim_work *w) { return w->rows->n_rows; }

/* The similarity from the sums of one pair. */
static double finish(const sim_cfg *cfg, const acc *s)
{
	if (s->n < (cfg->min_support > 1 ? cfg->min_support : 1))
		return 0;
	double d;
	switch (cfg->kind) {
	case SIM_COSINE:
		d = sqrt(s->xx * s->yy);
		return d > 0 ? s->xy / d : 0;
	case SIM_PEARSON:
		/* Means over the co-rated entries only, as Surprise. */
		d = (s->n * s->xx - s->x * s->x) * (s->n * s->yy - s->y * s->y);
		return d > 0 ? (s->n * s->xy - s->x * s->y) / sqrt(d) : 0;
	case SIM_PEARSON_BASELINE:
		d = sqrt(s->xx * s->yy);
		if (!(d > 0))
			return 0;
		return s->xy / d * (s->n - 1) / (s->n - 1 + cfg->shrinkage);
	case SIM_MSD:
		/* xx holds the sum of squared differences here. */
		return 1.0 / (s->xx / s->n + 1.0);
	case SIM_EUCLIDEAN:
		return 1.0 / (1.0 + sqrt(s->xx));
	}
	return 0;
}

static void add(const sim_work *w, acc *s, int x, int x2, int y, double rx, double r2)
{
	switch (w->cfg.kind) {
	case SIM_COSINE:
		s->n += 1, s->xy += rx * r2, s->xx += rx * rx, s->yy += r2 * r2;
		break;
	case SIM_PEARSON:
		s->n += 1, s->xy += rx * r2, s->xx += rx * rx, s->yy += r2 * r2;
		s->x += rx, s->y += r2;
		break;
	case SIM_PEARSON_BASELINE: {
		double part = w->cfg.mu + w->bcol[y];
		double dx = rx - (part + w->brow[x]), d2 = r2 - (part + w->brow[x2]);
		s->n += 1, s->xy += dx * d2, s->xx += dx * dx, s->yy += d2 * d2;
		break;
	}
	case SIM_MSD:
	case SIM_EUCLIDEAN:
		s->n += 1, s->xx += (rx - r2) * (rx - r2);
		break;
	}
}

void sim_row(sim_work *w, int x, float *out, int *support)
{
	const sim_csr *R = w->rows, *C = w->cols;
	int n = R->n_rows;
	memset(w->a, 0, (size_t)n * sizeof *w->a);
	for (uint32_t p = R->off[x]; p < R->off[x + 1]; p++) {
		int y = R->col[p];
		double rx = R->val[p];
		for (uint32_t q = C->off[y]; q < C->off[y + 1]; q++)
			add(w, &w->a[C->col[q]], x, C->col[q], y, rx, C->val[q]);
	}
	for (int x2 = 0; x2 < n; x2++) {
		out[x2] = (float)finish(&w->cfg, &w->a[x2]);
		if (support)
			support[x2] = (int)w->a[x2].n;
	}
	/* Surprise sets the diagonal to 1 for every measure that has one. */
	if (w->a[x].n > 0)
		out[x] = 1;
}

float *sim_matrix(const ratings *r, const sim_cfg *cfg, ll_error *err)
{
	sim_work *w = sim_work_new(r, cfg, err);
	if (!w)
		return NULL;
	size_t n = (size_t)sim_work_rows(w);
	float *S = malloc((n ? n * n : 1) * sizeof *S);
	if (!S) {
		sim_work_free(&w);
		ll_fail(err, "out of memory for a %zu x %zu similarity matrix", n, n);
		return NULL;
	}
	int failed = 0;
#pragma omp parallel reduction(|:failed)
	{
		sim_work *t = sim_work_clone(w);
		if (!t)
			failed = 1;
#pragma omp for schedule(dynamic, 16)
		for (long x = 0; x < (long)n; x++)
			if (t)
				sim_row(t, (int)x, S + (size_t)x * n, NULL);
		sim_work_free(&t);
	}
	sim_work_free(&w);
	if (failed) {
		free(S);
		ll_fail(err, "out of memory for similarity scratch space");
		return NULL;
	}
	return S;
}

/* --- one pair, by merging two sorted rows ---------------------------------- */

double sim_pair(const ratings *r, const sim_cfg *cfg, int a, int b, int *support)
{
	const ll_rating *e = ratings_entries(r);
	const uint32_t *pa, *pb;
	size_t na, nb;
	if (cfg->user_based) {
		na = ratings_user_entries(r, a, &pa);
		nb = ratings_user_entries(r, b, &pb);
	} else {
		na = ratings_item_entries(r, a, &pa);
		nb = ratings_item_entries(r, b, &pb);
	}
	sim_work w = { .cfg = *cfg };
	w.brow = cfg->user_based ? cfg->bu : cfg->bi;
	w.bcol = cfg->user_based ? cfg->bi : cfg->bu;
	acc s = { 0 };
	size_t i = 0, j = 0;
	while (i < na && j < nb) {
		const ll_rating *ea = &e[pa[i]], *eb = &e[pb[j]];
		int ca = cfg->user_based ? ea->item : ea->user;
		int cb = cfg->user_based ? eb->item : eb->user;
		if (ca < cb)
			i++;
		else if (cb < ca)
			j++;
		else {
			add(&w, &s, a, b, ca, ea->value, eb->value);
			i++, j++;
		}
	}
	if (support)
		*support = (int)s.n;
	if (a == b && s.n > 0)
		return 1;
	return finish(cfg, &s);
}

/* knn.c: KNNBasic, KNNWithMeans and KNNBaseline, user- or item-based (see knn.h):
 * fitting, prediction and the lab's views of the lists. Model files are
 * knn_file.c. */
#include "engine/neighbours/knn_impl.h"

#include "engine/core/intl.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/model/baseline.h"

static const model_ops knn_ops;

int knn_is(const model *m) { return m && m->ops == &knn_ops; }
int knn_user_based(const model *m) { return ((const knn *)m)->user_based; }

/* --- top-k selection -------------------------------------------------------
 * A min-heap of the best candidates so far: the root is the worst kept. Ties
 * keep the lower index, as Python's stable heapq.nlargest in Surprise. */
typedef struct cand {
	float sim;
	int32_t x;
	float r;
} cand;

static int worse(const cand *a, const cand *b)
{
	return a->sim < b->sim || (a->sim == b->sim && a->x > b->x);
}

static void sift_down(cand *h, int n, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, w = i;
		if (l < n && worse(&h[l], &h[w]))
			w = l;
		if (r < n && worse(&h[r], &h[w]))
			w = r;
		if (w == i)
			return;
		cand t = h[i];
		h[i] = h[w], h[w] = t;
		i = w;
	}
}

static void sift_up(cand *h, int i)
{
	while (i > 0) {
		int p = (i - 1) / 2;
		if (!worse(&h[i], &h[p]))
			return;
		cand t = h[i];
		h[i] = h[p], h[p] = t;
		i = p;
	}
}

/* Offer c to a heap of capacity cap holding *n. */
static void heap_offer(cand *h, int *n, int cap, cand c)
{
	if (*n < cap) {
		h[*n] = c;
		sift_up(h, (*n)++);
	} else if (cap > 0 && worse(&h[0], &c)) {
		h[0] = c;
		sift_down(h, *n, 0);
	}
}

static int by_best(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	return worse(y, x) ? -1 : worse(x, y) ? 1 : 0;
}

/* --- prediction ------------------------------------------------------------ */

static double baseline_of(const knn *m, int u, int i)
{
	return m->mu + (m->bu ? m->bu[u] : 0) + (m->bi ? m->bi[i] : 0);
}

/* The voters for (x, y): positive similarities among the k best rows that
 * rated y. Negative and zero similarities never vote, so dropping them before
 * the selection leaves the same voters as Surprise's top-k-then-filter. */
static int voters(const knn *m, int x, int y, cand *h, int *candidates)
{
	int n = 0;
	*candidates = 0;
	if (m->dense) {
		const float *row = m->dense + (size_t)x * m->n_rows;
		for (uint32_t q = m->cols.off[y]; q < m->cols.off[y + 1]; q++) {
			int x2 = m->cols.col[q];
			if (x2 == x)
				continue;
			++*candidates;
			if (row[x2] > 0)
				heap_offer(h, &n, m->k, (cand){ row[x2], x2, m->cols.val[q] });
		}
		return n;
	}
	*candidates = (int)(m->cols.off[y + 1] - m->cols.off[y]) -
		(isnan(sim_csr_get(&m->rows, x, y)) ? 0 : 1);
	const int32_t *idx = m->nb_idx + (size_t)x * m->n_keep;
	const float *s = m->nb_sim + (size_t)x * m->n_keep;
	for (int j = 0; j < m->nb_cnt[x] && n < m->k; j++) {
		float r = sim_csr_get(&m->rows, idx[j], y);
		if (!isnan(r))
			h[n++] = (cand){ s[j], idx[j], r };
	}
	return n;
}

double knn_predict_detail(const model *mm, int u, int i, knn_detail *d)
{
	const knn *m = (const knn *)mm;
	knn_detail tmp;
	if (!d)
		d = &tmp;
	memset(d, 0, sizeof *d);
	d->impossible = 1;
	if (!m->fitted || u < 0 || i < 0 || u >= mm->n_users || i >= mm->n_items) {
		d->estimate = m->fitted ? m->mu : NAN;
		return d->estimate;
	}
	int x = m->user_based ? u : i, y = m->user_based ? i : u;
	/* Surprise: an unknown user or item (no training ratings) gets the
	 * global mean, or the baseline for KNNBaseline. */
	int known_x = m->rows.off[x + 1] > m->rows.off[x];
	int known_y = m->cols.off[y + 1] > m->cols.off[y];
	double fallback = m->variant == KNN_BASELINE ? baseline_of(m, u, i) : m->mu;
	if (!known_x || !known_y) {
		d->estimate = fallback;
		return fallback;
	}
	cand stack[128], *h = m->k <= 128 ? stack : malloc((size_t)m->k * sizeof *h);
	if (!h) {
		d->estimate = fallback;
		return fallback;
	}
	int n = voters(m, x, y, h, &d->candidates);
	double sum_sim = 0, sum = 0;
	for (int j = 0; j < n; j++) {
		double s = h[j].sim, r = h[j].r;
		sum_sim += s;
		if (m->variant == KNN_BASIC)
			sum += s * r;
		else if (m->variant == KNN_MEANS)
			sum += s * (r - m->means[h[j].x]);
		else {
			int nu = m->user_based ? h[j].x : u, ni = m->user_based ? i : h[j].x;
			sum += s * (r - baseline_of(m, nu, ni));
		}
	}
	if (h != stack)
		free(h);
	d->used = n;
	d->impossible = n < m->min_k || !(sum_sim > 0);
	double est;
	if (m->variant == KNN_BASIC)
		est = d->impossible ? m->mu : sum / sum_sim;
	else {
		est = m->variant == KNN_MEANS ? m->means[x] : baseline_of(m, u, i);
		if (!d->impossible)
			est += sum / sum_sim;
	}
	d->estimate = est;
	return est;
}

static double knn_predict(const model *m, int u, int i)
{
	return knn_predict_detail(m, u, i, NULL);
}

/* --- fitting --------------------------------------------------------------- */

void knn_clear_fit(knn *m)
{
	free(m->bu), m->bu = NULL;
	free(m->bi), m->bi = NULL;
	free(m->means), m->means = NULL;
	sim_csr_clear(&m->rows);
	sim_csr_clear(&m->cols);
	free(m->dense), m->dense = NULL;
	free(m->nb_idx), m->nb_idx = NULL;
	free(m->nb_sim), m->nb_sim = NULL;
	free(m->nb_cnt), m->nb_cnt = NULL;
	m->fitted = 0;
}

/* Top n_keep positive neighbours of every row, rows in parallel. */
static int fit_lists(knn *m, const ratings *train, const sim_cfg *cfg, ll_error *err)
{
	sim_work *w = sim_work_new(train, cfg, err);
	if (!w)
		return -1;
	int n = m->n_rows, L = m->n_keep;
	m->nb_idx = malloc(((size_t)n * L + 1) * sizeof *m->nb_idx);
	m->nb_sim = malloc(((size_t)n * L + 1) * sizeof *m->nb_sim);
	m->nb_cnt = calloc((size_t)n + 1, sizeof *m->nb_cnt);
	if (!m->nb_idx || !m->nb_sim || !m->nb_cnt) {
		sim_work_free(&w);
		return ll_fail(err, "out of memory for %d x %d neighbour lists", n, L);
	}
	int failed = 0;
#pragma omp parallel reduction(|:failed)
	{
		sim_work *t = sim_work_clone(w);
		float *row = malloc(((size_t)n + 1) * sizeof *row);
		cand *h = malloc(((size_t)L + 1) * sizeof *h);
		if (!t || !row || !h)
			failed = 1;
#pragma omp for schedule(dynamic, 16)
		for (int x = 0; x < n; x++) {
			if (!t || !row || !h)
				continue;
			sim_row(t, x, row, NULL);
			int c = 0;
			for (int x2 = 0; x2 < n; x2++)
				if (x2 != x && row[x2] > 0)
					heap_offer(h, &c, L, (cand){ row[x2], x2, 0 });
			qsort(h, (size_t)c, sizeof *h, by_best);
			for (int j = 0; j < c; j++) {
				m->nb_idx[(size_t)x * L + j] = h[j].x;
				m->nb_sim[(size_t)x * L + j] = h[j].sim;
			}
			m->nb_cnt[x] = c;
		}
		free(h);
		free(row);
		sim_work_free(&t);
	}
	sim_work_free(&w);
	if (failed)
		return ll_fail(err, "out of memory for similarity scratch space");
	snprintf(m->storage, sizeof m->storage, _("top %d of %d"), L, n);
	return 0;
}

static int knn_fit(model *mm, const ratings *train, ll_error *err)
{
	knn *m = (knn *)mm;
	knn_clear_fit(m);
	model_init_shape(mm, train);
	/* Build the indexes once here: rows are read from several threads. */
	ratings_build_index((ratings *)train);
	int nu = mm->n_users, ni = mm->n_items;
	m->n_rows = m->user_based ? nu : ni;
	if (sim_csr_build(&m->rows, train, m->user_based) < 0 ||
	    sim_csr_build(&m->cols, train, !m->user_based) < 0)
		return ll_fail(err, "out of memory for the rating index");
	m->mu = ratings_count(train) ? ratings_mean(train) : 0;
	if (m->variant == KNN_BASELINE || m->sim == SIM_PEARSON_BASELINE) {
		m->bu = calloc((size_t)nu + 1, sizeof *m->bu);
		m->bi = calloc((size_t)ni + 1, sizeof *m->bi);
		if (!m->bu || !m->bi)
			return ll_fail(err, "out of memory");
		m->mu = baseline_als(train, m->bsl_epochs, m->reg_u, m->reg_i, m->bu, m->bi);
	}
	if (m->variant == KNN_MEANS) {
		m->means = calloc((size_t)m->n_rows + 1, sizeof *m->means);
		if (!m->means)
			return ll_fail(err, "out of memory");
		for (int x = 0; x < m->n_rows; x++) {
			double s = 0;
			uint32_t a = m->rows.off[x], b = m->rows.off[x + 1];
			for (uint32_t p = a; p < b; p++)
				s += m->rows.val[p];
			m->means[x] = b > a ? s / (b - a) : m->mu;
		}
	}
	sim_cfg cfg = {
		.kind = m->sim, .user_based = m->user_based, .min_support = m->min_support,
		.shrinkage = m->shrinkage, .mu = m->mu, .bu = m->bu, .bi = m->bi,
	};
	double dense_bytes = (double)m->n_rows * m->n_rows * sizeof(float);
	if (m->keep == 0 && dense_bytes <= m->dense_mb * 1048576.0) {
		m->dense = sim_matrix(train, &cfg, err);
		if (!m->dense)
			return -1;
		snprintf(m->storage, sizeof m->storage, _("dense %d x %d"), m->n_rows, m->n_rows);
	} else {
		/* At least the k a prediction averages over, and no more than
		 * there are rows (a row has at most n_rows - 1 neighbours). */
		m->n_keep = m->keep > 0 ? m->keep : 200;
		if (m->n_keep < m->k)
			m->n_keep = m->k;
		if (m->n_keep > m->n_rows)
			m->n_keep = m->n_rows > 0 ? m->n_rows : 1;
		if (fit_lists(m, train, &cfg, err) < 0)
			return -1;
	}
	m->fitted = 1;
	mm->epochs_done = 1;
	return 0;
}

/* --- lab extras ------------------------------------------------------------ */

int knn_neighbours(const model *mm, int x, int n, int *idx, float *sim)
{
	const knn *m = (const knn *)mm;
	if (!m->fitted || x < 0 || x >= m->n_rows || n <= 0)
		return 0;
	if (!m->dense) {
		int c = m->nb_cnt[x] < n ? m->nb_cnt[x] : n;
		for (int j = 0; j < c; j++) {
			idx[j] = m->nb_idx[(size_t)x * m->n_keep + j];
			sim[j] = m->nb_sim[(size_t)x * m->n_keep + j];
		}
		return c;
	}
	cand *h = malloc((size_t)n * sizeof *h);
	if (!h)
		return 0;
	int c = 0;
	const float *row = m->dense + (size_t)x * m->n_rows;
	for (int x2 = 0; x2 < m->n_rows; x2++)
		if (x2 != x && row[x2] != 0)
			heap_offer(h, &c, n, (cand){ row[x2], x2, 0 });
	qsort(h, (size_t)c, sizeof *h, by_best);
	for (int j = 0; j < c; j++)
		idx[j] = h[j].x, sim[j] = h[j].sim;
	free(h);
	return c;
}

size_t knn_sim_bytes(const model *mm)
{
	const knn *m = (const knn *)mm;
	if (m->dense)
		return (size_t)m->n_rows * m->n_rows * sizeof *m->dense;
	if (m->nb_idx)
		return (size_t)m->n_rows * m->n_keep * (sizeof *m->nb_idx + sizeof *m->nb_sim) +
			(size_t)m->n_rows * sizeof *m->nb_cnt;
	return 0;
}

size_t knn_total_bytes(const model *mm)
{
	const knn *m = (const knn *)mm;
	size_t b = knn_sim_bytes(mm) + sim_csr_bytes(&m->rows) + sim_csr_bytes(&m->cols);
	if (m->bu)
		b += (size_t)(mm->n_users + mm->n_items) * sizeof(double);
	if (m->means)
		b += (size_t)m->n_rows * sizeof(double);
	return b;
}

const char *knn_storage(const model *mm)
{
	const knn *m = (const knn *)mm;
	return m->fitted ? m->storage : _("not fitted");
}

int knn_sparsity_stats(const ratings *r, int by_user, knn_sparsity *out, ll_error *err)
{
	memset(out, 0, sizeof *out);
	sim_csr R, C;
	if (sim_csr_build(&R, r, by_user) < 0 || sim_csr_build(&C, r, !by_user) < 0)
		return ll_fail(err, "out of memory for the rating index");
	int n = R.n_rows;
	long long sharing = 0, common = 0;
	int *cnt = calloc((size_t)n + 1, sizeof *cnt);
	int *touched = malloc(((size_t)n + 1) * sizeof *touched);
	if (!cnt || !touched) {
		free(cnt), free(touched);
		sim_csr_clear(&R), sim_csr_clear(&C);
		return ll_fail(err, "out of memory");
	}
	for (int x = 0; x < n; x++) {
		if (R.off[x + 1] == R.off[x])
			out->rows_without_ratings++;
		int nt = 0;
		for (uint32_t p = R.off[x]; p < R.off[x + 1]; p++) {
			int y = R.col[p];
			for (uint32_t q = C.off[y]; q < C.off[y + 1]; q++) {
				int x2 = C.col[q];
				if (x2 <= x)
					continue; /* each unordered pair once */
				if (cnt[x2]++ == 0)
					touched[nt++] = x2;
			}
		}
		for (int t = 0; t < nt; t++) {
			common += cnt[touched[t]];
			cnt[touched[t]] = 0;
		}
		sharing += nt;
	}
	free(cnt), free(touched);
	sim_csr_clear(&R), sim_csr_clear(&C);
	out->pairs = (long long)n * (n - 1) / 2;
	out->disjoint = out->pairs - sharing;
	out->mean_common = out->pairs ? (double)common / (double)out->pairs : 0;
	return 0;
}

static void knn_destroy(model *mm)
{
	knn_clear_fit((knn *)mm);
}

static const model_ops knn_ops = {
	.algo = "knn",
	.fit = knn_fit,
	.predict = knn_predict,
	.save = knn_save,
	.load = knn_load,
	.validate = knn_validate,
	.destroy = knn_destroy,
};

/* --- construction ---------------------------------------------------------- */

static model *make(params *p, int user_based, ll_error *err)
{
	knn *m = calloc(1, sizeof *m);
	if (!m) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	m->base.ops = &knn_ops;
	m->base.n_epochs = 1;
	m->user_based = user_based;
	/* Surprise's defaults. */
	m->sim = (sim_kind)params_choice(p, "sim|similarity|metric", SIM_NAMES, SIM_MSD);
	m->variant = params_choice(p, "variant", "basic|means|baseline", KNN_BASIC);
	m->k = (int)params_long(p, "k", 40);
	m->min_k = (int)params_long(p, "min_k", 1);
	m->min_support = (int)params_long(p, "min_support", 1);
	m->shrinkage = params_double(p, "shrinkage", 100);
	m->reg_u = params_double(p, "reg_u", 15);
	m->reg_i = params_double(p, "reg_i", 10);
	m->bsl_epochs = (int)params_long(p, "bsl_epochs", 10);
	m->keep = (int)params_long(p, "keep", 0);
	m->dense_mb = params_double(p, "dense_mb", 64);
	if (m->k < 1 || m->k > 100000)
		params_invalid(p, "k must be between 1 and 100000");
	if (m->min_k < 0)
		params_invalid(p, "min_k must be >= 0");
	if (m->shrinkage < 0)
		params_invalid(p, "shrinkage must be >= 0");
	if (m->keep < 0)
		params_invalid(p, "keep must be >= 0 (0: dense when it fits)");
	if (m->bsl_epochs < 0 || m->reg_u < 0 || m->reg_i < 0 || m->dense_mb < 0)
		params_invalid(p, "baseline options and dense_mb must be >= 0");
	(void)err;
	return &m->base;
}

model *knn_user_create(params *opts, ll_error *err) { return make(opts, 1, err); }
model *knn_item_create(params *opts, ll_error *err) { return make(opts, 0, err); }

model *knn_create(params *opts, ll_error *err)
{
	return make(opts, params_bool(opts, "user_based", true), err);
}

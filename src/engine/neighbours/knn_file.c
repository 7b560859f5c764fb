/* knn_file.c: a KNN model in a model file (after model.c's header and
 * factors): options, baselines, means, the ratings CSR and the neighbour
 * lists or dense matrix. */
#include "engine/neighbours/knn_impl.h"

#include "engine/core/intl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int put(FILE *f, const void *p, size_t size, size_t n, ll_error *err)
{
	if (n && fwrite(p, size, n, f) != n)
		return ll_fail(err, "write failed");
	return 0;
}

static int get(FILE *f, void *p, size_t size, size_t n, ll_error *err)
{
	if (n && fread(p, size, n, f) != n)
		return ll_fail(err, "model file is truncated");
	return 0;
}

/* n items of `size` bytes must still be in the file before anything is
 * allocated for them, so a forged count cannot ask for gigabytes. (A stream
 * whose size is unknown, such as a pipe, is read as it comes.) */
static int fits(FILE *f, size_t size, double n, ll_error *err)
{
	struct stat st;
	long here = ftell(f);
	if (here < 0 || fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode))
		return n < 1e12 ? 0 : ll_fail(err, "corrupt KNN model (%.0f entries)", n);
	if (n * (double)size > (double)st.st_size - (double)here)
		return ll_fail(err, "corrupt KNN model: it declares %.0f bytes but %ld follow",
			       n * (double)size, (long)st.st_size - here);
	return 0;
}

static int put_csr(FILE *f, const sim_csr *c, ll_error *err)
{
	size_t nnz = c->off[c->n_rows];
	return put(f, c->off, sizeof *c->off, (size_t)c->n_rows + 1, err) < 0 ||
		put(f, c->col, sizeof *c->col, nnz, err) < 0 ||
		put(f, c->val, sizeof *c->val, nnz, err) < 0 ? -1 : 0;
}

static int get_csr(FILE *f, sim_csr *c, int n_rows, ll_error *err)
{
	c->n_rows = n_rows;
	if (fits(f, sizeof *c->off, (double)n_rows + 1, err) < 0)
		return -1;
	c->off = malloc(((size_t)n_rows + 1) * sizeof *c->off);
	if (!c->off || get(f, c->off, sizeof *c->off, (size_t)n_rows + 1, err) < 0)
		return ll_fail(err, "bad neighbour index");
	size_t nnz = c->off[n_rows];
	if (fits(f, sizeof *c->col + sizeof *c->val, (double)nnz, err) < 0)
		return -1;
	c->col = malloc((nnz + 1) * sizeof *c->col);
	c->val = malloc((nnz + 1) * sizeof *c->val);
	if (!c->col || !c->val || get(f, c->col, sizeof *c->col, nnz, err) < 0 ||
	    get(f, c->val, sizeof *c->val, nnz, err) < 0)
		return ll_fail(err, "bad neighbour index");
	return 0;
}

int knn_save(const model *mm, FILE *f, ll_error *err)
{
	const knn *m = (const knn *)mm;
	if (!m->fitted)
		return ll_fail(err, "an unfitted KNN model cannot be saved");
	fprintf(f, "knn %d %d %d %d %d %d %d %.17g %.17g %.17g %.17g %.17g %d %d %d %d\n",
		m->user_based, m->variant, m->k, m->min_k, m->min_support, m->keep,
		(int)m->sim, m->shrinkage, m->reg_u, m->reg_i, m->dense_mb, m->mu,
		m->bsl_epochs, m->n_keep, m->dense != NULL, m->bu != NULL);
	if (put_csr(f, &m->rows, err) < 0 || put_csr(f, &m->cols, err) < 0)
		return -1;
	if (m->bu && (put(f, m->bu, sizeof *m->bu, (size_t)mm->n_users, err) < 0 ||
		      put(f, m->bi, sizeof *m->bi, (size_t)mm->n_items, err) < 0))
		return -1;
	if (m->means && put(f, m->means, sizeof *m->means, (size_t)m->n_rows, err) < 0)
		return -1;
	size_t n = (size_t)m->n_rows;
	if (m->dense)
		return put(f, m->dense, sizeof *m->dense, n * n, err);
	return put(f, m->nb_cnt, sizeof *m->nb_cnt, n, err) < 0 ||
		put(f, m->nb_idx, sizeof *m->nb_idx, n * m->n_keep, err) < 0 ||
		put(f, m->nb_sim, sizeof *m->nb_sim, n * m->n_keep, err) < 0 ? -1 : 0;
}

int knn_load(model *mm, FILE *f, ll_error *err)
{
	knn *m = (knn *)mm;
	knn_clear_fit(m);
	int sim, dense, has_bsl;
	if (fscanf(f, " knn %d %d %d %d %d %d %d %lg %lg %lg %lg %lg %d %d %d %d",
		   &m->user_based, &m->variant, &m->k, &m->min_k, &m->min_support, &m->keep,
		   &sim, &m->shrinkage, &m->reg_u, &m->reg_i, &m->dense_mb, &m->mu,
		   &m->bsl_epochs, &m->n_keep, &dense, &has_bsl) != 16 || fgetc(f) != '\n' ||
	    sim < 0 || sim > SIM_EUCLIDEAN || m->variant < 0 || m->variant > KNN_BASELINE ||
	    m->k < 1 || m->n_keep < 0)
		return ll_fail(err, "corrupt KNN model");
	m->sim = (sim_kind)sim;
	m->n_rows = m->user_based ? mm->n_users : mm->n_items;
	int n_cols = m->user_based ? mm->n_items : mm->n_users;
	if (get_csr(f, &m->rows, m->n_rows, err) < 0 || get_csr(f, &m->cols, n_cols, err) < 0)
		return -1;
	if (has_bsl) {
		m->bu = malloc(((size_t)mm->n_users + 1) * sizeof *m->bu);
		m->bi = malloc(((size_t)mm->n_items + 1) * sizeof *m->bi);
		if (!m->bu || !m->bi || get(f, m->bu, sizeof *m->bu, (size_t)mm->n_users, err) < 0 ||
		    get(f, m->bi, sizeof *m->bi, (size_t)mm->n_items, err) < 0)
			return ll_fail(err, "corrupt KNN model baselines");
	}
	if (m->variant == KNN_MEANS) {
		m->means = malloc(((size_t)m->n_rows + 1) * sizeof *m->means);
		if (!m->means || get(f, m->means, sizeof *m->means, (size_t)m->n_rows, err) < 0)
			return ll_fail(err, "corrupt KNN model means");
	}
	size_t n = (size_t)m->n_rows;
	if (fits(f, dense ? sizeof *m->dense : sizeof *m->nb_idx + sizeof *m->nb_sim,
		 dense ? (double)n * n : (double)n * m->n_keep, err) < 0)
		return -1;
	if (dense) {
		m->dense = malloc((n * n + 1) * sizeof *m->dense);
		if (!m->dense || get(f, m->dense, sizeof *m->dense, n * n, err) < 0)
			return ll_fail(err, "corrupt KNN similarities");
		snprintf(m->storage, sizeof m->storage, _("dense %d x %d"), m->n_rows, m->n_rows);
	} else {
		m->nb_cnt = malloc((n + 1) * sizeof *m->nb_cnt);
		m->nb_idx = malloc((n * m->n_keep + 1) * sizeof *m->nb_idx);
		m->nb_sim = malloc((n * m->n_keep + 1) * sizeof *m->nb_sim);
		if (!m->nb_cnt || !m->nb_idx || !m->nb_sim ||
		    get(f, m->nb_cnt, sizeof *m->nb_cnt, n, err) < 0 ||
		    get(f, m->nb_idx, sizeof *m->nb_idx, n * m->n_keep, err) < 0 ||
		    get(f, m->nb_sim, sizeof *m->nb_sim, n * m->n_keep, err) < 0)
			return ll_fail(err, "corrupt KNN neighbour lists");
		snprintf(m->storage, sizeof m->storage, _("top %d of %d"), m->n_keep, m->n_rows);
	}
	m->fitted = 1;
	return 0;
}

/* Every index a KNN model follows, checked against the sizes it declares,
 * and every number finite: a session or model file that lies cannot make
 * predict or recommend read out of bounds (model_ops.validate). */
static int csr_ok(const sim_csr *c, int n_cols)
{
	if (c->off[0] != 0)
		return 0;
	for (int r = 0; r < c->n_rows; r++)
		if (c->off[r + 1] < c->off[r])
			return 0;
	for (uint32_t j = 0; j < c->off[c->n_rows]; j++)
		if (c->col[j] < 0 || c->col[j] >= n_cols || !isfinite(c->val[j]))
			return 0;
	return 1;
}

static int finite_all(const double *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (!isfinite(v[i]))
			return 0;
	return 1;
}

int knn_validate(const model *mm, ll_error *err)
{
	const knn *m = (const knn *)mm;
	if (!m->fitted)
		return 0;
	int n_cols = m->user_based ? mm->n_items : mm->n_users;
	if (!csr_ok(&m->rows, n_cols) || !csr_ok(&m->cols, m->n_rows))
		return ll_fail(err, "corrupt KNN model: a ratings index points outside the data");
	if (!finite_all(m->bu, (size_t)mm->n_users) || !finite_all(m->bi, (size_t)mm->n_items) ||
	    !finite_all(m->means, (size_t)m->n_rows) || !isfinite(m->mu))
		return ll_fail(err, "corrupt KNN model: NaN or infinite baselines or means");
	size_t n = (size_t)m->n_rows;
	if (m->dense) {
		for (size_t i = 0; i < n * n; i++)
			if (!isfinite(m->dense[i]))
				return ll_fail(err, "corrupt KNN model: NaN or infinite similarity");
		return 0;
	}
	if (m->n_keep > m->n_rows && m->n_rows > 0)
		return ll_fail(err, "corrupt KNN model: %d neighbours kept of %d", m->n_keep, m->n_rows);
	for (size_t x = 0; x < n; x++) {
		if (m->nb_cnt[x] < 0 || m->nb_cnt[x] > m->n_keep)
			return ll_fail(err, "corrupt KNN model: row %zu lists %d neighbours (at most %d)",
				       x, m->nb_cnt[x], m->n_keep);
		for (int j = 0; j < m->nb_cnt[x]; j++) {
			size_t at = x * (size_t)m->n_keep + (size_t)j;
			if (m->nb_idx[at] < 0 || m->nb_idx[at] >= m->n_rows || !isfinite(m->nb_sim[at]))
				return ll_fail(err, "corrupt KNN model: neighbour %d of row %zu is %d, "
					       "outside 0..%d", j, x, m->nb_idx[at], m->n_rows - 1);
		}
	}
	return 0;
}

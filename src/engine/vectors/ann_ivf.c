/* ann_ivf.c: IVF index with seeded k-means (see ann_ivf.h). */
#include "engine/vectors/ann_ivf.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "engine/vectors/vs_kernels.h"

struct ivf {
	int n, d, nlist;
	int dq;           /* query dimensions: d, or d - 1 with the MIPS column */
	int aug;          /* dot product searched as nearest neighbour (see ivf_opts) */
	vs_metric metric;
	float *cent;      /* nlist x d */
	float *cpack;     /* the centroids packed for vs_ip_block */
	float *cnorm2;    /* nlist: squared centroid norms */
	uint32_t *off;    /* nlist + 1 */
	uint32_t *poff;   /* nlist + 1: where each cell's panels start, in rows */
	int32_t *ids;     /* n, in cell order */
	/* The vectors (with the MIPS column for aug) cell by cell, each cell
	 * packed in the kernel's panels of 16 rows (its last panel padded with
	 * zeros): a query streams past a cell as past one packed table. */
	float *data;
	float *aux;       /* n, in cell order: 1 / |x| (cosine), |x|^2 (Euclidean) */
	double inertia;
};

void ivf_opts_init(ivf_opts *o)
{
	memset(o, 0, sizeof *o);
	o->iters = 10;
	o->metric = VS_DOT;
}

static float dot(const float *a, const float *b, int d)
{
	return vs_dot(a, b, d);
}

static void norms2(const float *cent, int nlist, int d, float *cn2)
{
	for (int c = 0; c < nlist; c++)
		cn2[c] = dot(cent + (size_t)c * d, cent + (size_t)c * d, d);
}

enum { BLOCK = 48 }; /* rows per assignment block (a multiple of the kernel's 6) */

/* The cell of each of the n rows of x: the centroid with the largest inner
 * product (by_ip: a dot-product index, which probes cells that way) or the
 * nearest one, argmin |c|^2 - 2 x.c; ties go to the lower index. The
 * products come a block of rows at a time from the GEMM-shaped kernel.
 * dist (may be NULL) gets |c|^2 - 2 x.c of the cell. */
static int assign_rows(const float *x, int d, int n, const float *cpack, const float *cn2,
		       int nlist, int by_ip, int *cell, float *dist)
{
	int ldo = vs_pad16(nlist), nblocks = (n + BLOCK - 1) / BLOCK, fail = 0;
#pragma omp parallel
	{
		float *sc = malloc((size_t)BLOCK * ldo * sizeof *sc);
		if (!sc) {
#pragma omp atomic write
			fail = 1;
		}
#pragma omp for schedule(static)
		for (int blk = 0; blk < nblocks; blk++) {
			if (!sc)
				continue;
			int lo = blk * BLOCK, nb = n - lo < BLOCK ? n - lo : BLOCK;
			vs_ip_block(cpack, nlist, d, x + (size_t)lo * d, nb, sc, ldo);
			for (int i = 0; i < nb; i++) {
				const float *si = sc + (size_t)i * ldo;
				float bv;
				int best = vs_argmin(si, cn2, nlist, by_ip, &bv);
				cell[lo + i] = best;
				if (dist)
					dist[lo + i] = cn2[best] - 2 * si[best];
			}
		}
		free(sc);
	}
	return fail ? -1 : 0;
}

/* Lloyd's k-means on the sample rows (indexes into x), points assigned by
 * assign_rows's rule. The sample is copied together first: every pass then
 * streams it instead of jumping about the table (a 64,000-row sample of a
 * million rows spent more time in cache misses than in adding). Sums run
 * in sample order: deterministic. */
/* Spherical k-means keeps the centroids at unit length. */
static void unit_rows(float *c, int n, int d)
{
	for (int i = 0; i < n; i++) {
		float nr = vs_norm(c + (size_t)i * d, d);
		for (int j = 0; nr > 0 && j < d; j++)
			c[(size_t)i * d + j] /= nr;
	}
}

static int kmeans(const float *x0, int d, const int *sample, int ns, int nlist, int iters,
	int by_ip, int spherical, gsl_rng *g, float *cent, float *cn2)
{
	int *assign = malloc((size_t)ns * sizeof *assign);
	int *count = malloc((size_t)nlist * sizeof *count);
	double *sum = malloc((size_t)nlist * d * sizeof *sum);
	float *x = malloc((size_t)ns * d * sizeof *x);
	if (!assign || !count || !sum || !x) {
		free(assign), free(count), free(sum), free(x);
		return -1;
	}
	for (int s = 0; s < ns; s++)
		memcpy(x + (size_t)s * d, x0 + (size_t)sample[s] * d, (size_t)d * sizeof *x);
	memcpy(cent, x, (size_t)nlist * d * sizeof *cent);
	if (spherical)
		unit_rows(cent, nlist, d);
	for (int it = 0; it < iters; it++) {
		norms2(cent, nlist, d, cn2);
		float *cpack = vs_pack(cent, nlist, d);
		if (!cpack || assign_rows(x, d, ns, cpack, cn2, nlist, by_ip, assign, NULL) < 0) {
			free(cpack), free(assign), free(count), free(sum), free(x);
			return -1;
		}
		free(cpack);
		memset(count, 0, (size_t)nlist * sizeof *count);
		memset(sum, 0, (size_t)nlist * d * sizeof *sum);
		for (int s = 0; s < ns; s++) {
			const float *p = x + (size_t)s * d;
			count[assign[s]]++;
			for (int j = 0; j < d; j++)
				sum[(size_t)assign[s] * d + j] += p[j];
		}
		for (int c = 0; c < nlist; c++) {
			if (count[c] == 0) {
				/* An empty cell restarts at a random sample point. */
				int s = (int)gsl_rng_uniform_int(g, (unsigned long)ns);
				memcpy(cent + (size_t)c * d, x + (size_t)s * d, (size_t)d * sizeof *cent);
				continue;
			}
			for (int j = 0; j < d; j++)
				cent[(size_t)c * d + j] = (float)(sum[(size_t)c * d + j] / count[c]);
		}
		if (spherical)
			unit_rows(cent, nlist, d);
	}
	norms2(cent, nlist, d, cn2);
	free(assign), free(count), free(sum), free(x);
	return 0;
}

ivf *ivf_build(const float *x0, int n, int d, const ivf_opts *o, ll_error *err)
{
	if (n < 1 || d < 1) {
		ll_fail(err, "an index needs at least one vector");
		return NULL;
	}
	int nlist = o->nlist > 0 ? o->nlist : (int)ceil(sqrt((double)n));
	if (nlist > n)
		nlist = n;
	int ns = o->train_size > 0 ? o->train_size : 64 * nlist;
	if (ns > n)
		ns = n;
	if (ns < nlist)
		ns = nlist;
	int aug = o->metric == VS_DOT && o->mips, D = d + aug;
	ivf *ix = calloc(1, sizeof *ix);
	float *xn = NULL;
	int *sample = malloc((size_t)n * sizeof *sample);
	int *cell = malloc((size_t)n * sizeof *cell);
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (ix) {
		ix->cent = malloc((size_t)nlist * D * sizeof *ix->cent);
		ix->cnorm2 = malloc((size_t)nlist * sizeof *ix->cnorm2);
		ix->off = calloc((size_t)nlist + 1, sizeof *ix->off);
		ix->ids = malloc((size_t)n * sizeof *ix->ids);
	}
	const float *x = x0;
	if (ix && (o->metric == VS_COSINE || aug))
		xn = malloc((size_t)n * D * sizeof *xn);
	if (ix && o->metric != VS_DOT)
		ix->aux = malloc((size_t)n * sizeof *ix->aux);
	if (xn && o->metric == VS_COSINE) {
		/* Cosine is the dot product of unit vectors: k-means and the
		 * cells on those; the cells keep the vectors as given, scored as
		 * exact search scores them. */
		for (int i = 0; i < n; i++) {
			float nr = vs_norm(x0 + (size_t)i * d, d);
			for (int j = 0; j < d; j++)
				xn[(size_t)i * d + j] = nr > 0 ? x0[(size_t)i * d + j] / nr : 0;
		}
		x = xn;
	} else if (xn) {
		/* Maximum inner product as nearest neighbour (Bachrach et al.,
		 * 2014): append sqrt(M^2 - |x|^2), M the largest norm, so every
		 * vector has length M and |q' - x'|^2 = |q|^2 + M^2 - 2 q.x for
		 * q' = (q, 0). k-means cells then suit the dot product too. */
		double m2 = 0;
		for (int i = 0; i < n; i++)
			m2 = fmax(m2, vs_dot(x0 + (size_t)i * d, x0 + (size_t)i * d, d));
		for (int i = 0; i < n; i++) {
			const float *src = x0 + (size_t)i * d;
			float *dst = xn + (size_t)i * D;
			memcpy(dst, src, (size_t)d * sizeof *dst);
			double rest = m2 - vs_dot(src, src, d);
			dst[d] = (float)sqrt(rest > 0 ? rest : 0);
		}
		x = xn;
	}
	if (!ix || !sample || !cell || !g || !ix->cent || !ix->cnorm2 || !ix->off || !ix->ids ||
	    (x == x0 && xn == NULL && (o->metric == VS_COSINE || aug)) ||
	    (o->metric != VS_DOT && !ix->aux)) {
		free(sample), free(cell), free(xn);
		if (g)
			gsl_rng_free(g);
		ivf_free(&ix);
		ll_fail(err, "out of memory for an index of %d x %d", n, d);
		return NULL;
	}
	ix->dq = d, ix->aug = aug;
	d = D;
	ix->n = n, ix->d = d, ix->nlist = nlist, ix->metric = o->metric;
	gsl_rng_set(g, o->seed);
	for (int i = 0; i < n; i++)
		sample[i] = i;
	/* A seeded shuffle; its first ns points train, its first nlist seed. */
	gsl_ran_shuffle(g, sample, (size_t)n, sizeof *sample);
	/* Cells by the rule the search probes them by (FAISS's IndexIVFFlat
	 * with METRIC_INNER_PRODUCT does the same), unless asked for the
	 * Euclidean rule. */
	int by_ip = o->metric == VS_DOT && !aug && !o->assign_l2;
	int rc = kmeans(x, d, sample, ns, nlist, o->iters > 0 ? o->iters : 1, by_ip,
			by_ip && o->spherical, g, ix->cent, ix->cnorm2);
	float *dist = rc < 0 ? NULL : malloc((size_t)n * sizeof *dist);
	ix->cpack = rc < 0 ? NULL : vs_pack(ix->cent, nlist, d);
	if (!dist || !ix->cpack ||
	    assign_rows(x, d, n, ix->cpack, ix->cnorm2, nlist, by_ip, cell, dist) < 0)
		rc = -1;
	gsl_rng_free(g);
	free(sample);
	if (rc < 0) {
		free(cell), free(xn), free(dist);
		ivf_free(&ix);
		ll_fail(err, "out of memory for k-means");
		return NULL;
	}
	double inertia = 0; /* in row order: the same sum on any thread count */
	for (int i = 0; i < n; i++)
		inertia += dist[i] + dot(x + (size_t)i * d, x + (size_t)i * d, d);
	free(dist);
	ix->inertia = inertia / n;
	for (int i = 0; i < n; i++)
		ix->off[cell[i] + 1]++;
	for (int c = 0; c < nlist; c++)
		ix->off[c + 1] += ix->off[c];
	uint32_t *cur = malloc(((size_t)nlist + 1) * sizeof *cur);
	ix->poff = malloc(((size_t)nlist + 1) * sizeof *ix->poff);
	if (ix->poff) {
		ix->poff[0] = 0;
		for (int c = 0; c < nlist; c++)
			ix->poff[c + 1] = ix->poff[c] + (uint32_t)vs_pad16((int)(ix->off[c + 1] - ix->off[c]));
		ix->data = calloc((size_t)ix->poff[nlist] * d + 1, sizeof *ix->data);
	}
	float *sq = ix->aux ? malloc((size_t)n * sizeof *sq) : NULL;
	if (!cur || !ix->data || (ix->aux && !sq)) {
		free(cur), free(cell), free(xn), free(sq);
		ivf_free(&ix);
		ll_fail(err, "out of memory");
		return NULL;
	}
	memcpy(cur, ix->off, ((size_t)nlist + 1) * sizeof *cur);
	/* Cosine's cells hold the rows as given (x0), the others what was
	 * clustered (x0, or the rows with the MIPS column). */
	const float *keep = o->metric == VS_COSINE ? x0 : x;
	/* vs_table's squared norms and inverse norms, to the bit. */
	if (sq)
		vs_ip_rows(NULL, keep, n, d, sq);
	for (int i = 0; i < n; i++)
		ix->ids[cur[cell[i]]++] = i;
	/* Cell by cell, so the panels are written in order and only the rows
	 * they come from are read about the table. */
	for (int c = 0; c < nlist; c++)
		for (uint32_t p = ix->off[c]; p < ix->off[c + 1]; p++) {
			uint32_t r = p - ix->off[c];
			int i = ix->ids[p];
			float *panel = ix->data + ((size_t)ix->poff[c] + r / VS_PANEL * VS_PANEL) * d;
			for (int f = 0; f < d; f++)
				panel[(size_t)f * VS_PANEL + r % VS_PANEL] = keep[(size_t)i * d + f];
			if (sq) {
				float nr = sqrtf(sq[i]);
				ix->aux[p] = o->metric == VS_COSINE ? (nr > 0 ? 1 / nr : 0) : sq[i];
			}
		}
	free(cur), free(cell), free(xn), free(sq);
	return ix;
}

void ivf_free(ivf **pix)
{
	if (!pix || !*pix)
		return;
	ivf *ix = *pix;
	free(ix->cent), free(ix->cpack), free(ix->cnorm2), free(ix->off), free(ix->ids), free(ix->data);
	free(ix->poff);
	free(ix->aux);
	free(ix);
	*pix = NULL;
}

enum { SCAN_ROWS = 16 * VS_PANEL }; /* rows of a cell scored at a time */

int ivf_search(const ivf *ix, const float *q0, int k, int nprobe, vs_hit *out)
{
	int d = ix->d, dq = ix->dq;
	if (k < 1)
		return 0;
	if (nprobe < 1)
		nprobe = 1;
	if (nprobe > ix->nlist)
		nprobe = ix->nlist;
	float qbuf[256], *qn = d <= 256 ? qbuf : malloc((size_t)d * sizeof *qn);
	vs_hit cbuf[256], *cells = nprobe <= 256 ? cbuf : malloc((size_t)nprobe * sizeof *cells);
	int nc = 0, ldo = vs_pad16(ix->nlist);
	float sbuf[1024], *ips = ldo <= 1024 ? sbuf : malloc((size_t)ldo * sizeof *ips);
	if (!qn || !cells || !ips) {
		if (qn != qbuf)
			free(qn);
		if (cells != cbuf)
			free(cells);
		if (ips != sbuf)
			free(ips);
		return 0;
	}
	/* The query the cells are ranked by: unit length for cosine, with a
	 * 0 for the MIPS column. The cells' vectors are scored against q
	 * itself (with that 0), as exact search scores them. */
	const float *q = q0, *probe = q0;
	if (ix->metric == VS_COSINE) {
		float qnorm = vs_norm(q0, dq);
		for (int j = 0; j < d; j++)
			qn[j] = qnorm > 0 ? q0[j] / qnorm : 0;
		probe = qn;
	} else if (ix->aug) {
		memcpy(qn, q0, (size_t)dq * sizeof *qn);
		qn[dq] = 0;
		q = probe = qn;
	}
	/* Rank the cells by distance to the centroid; a plain dot-product
	 * index ranks them by the dot product with it. */
	vs_ip_block(ix->cpack, ix->nlist, d, probe, 1, ips, ldo);
	for (int c = 0; c < ix->nlist; c++) {
		float ip = ips[c];
		float s = ix->metric == VS_DOT && !ix->aug ? ip : 2 * ip - ix->cnorm2[c];
		if (nc < nprobe || s > cells[0].score) /* cells come in id order */
			vs_heap_push(cells, &nc, nprobe, c, s);
	}
	float q2, sc[SCAN_ROWS];
	vs_ip_rows(NULL, q, 1, d, &q2);
	/* The keys of exact search (vs_rank_key); cells come in probe order,
	 * not id order, so a key equal to the worst kept goes to the heap,
	 * which breaks the tie by id. */
	int n = 0;
	for (int t = 0; t < nc; t++) {
		int c = cells[t].id;
		const float *cp = ix->data + (size_t)ix->poff[c] * d;
		for (uint32_t lo = ix->off[c]; lo < ix->off[c + 1]; lo += SCAN_ROWS) {
			int nb = (int)(ix->off[c + 1] - lo < SCAN_ROWS ? ix->off[c + 1] - lo : SCAN_ROWS);
			vs_ip_block(cp + (size_t)(lo - ix->off[c]) * d, nb, d, q, 1, sc, SCAN_ROWS);
			for (int r = 0; r < nb; r++) {
				/* aux is |x|^2 for Euclidean, 1 / |x| for cosine. */
				float a = ix->aux ? ix->aux[lo + r] : 0;
				float key = vs_rank_key(ix->metric, sc[r], a, a);
				if (n == k && key < out[0].score)
					continue;
				vs_heap_push(out, &n, k, ix->ids[lo + r], key);
			}
		}
	}
	if (qn != qbuf)
		free(qn);
	if (cells != cbuf)
		free(cells);
	if (ips != sbuf)
		free(ips);
	vs_heap_sort(out, n);
	for (int j = 0; j < n; j++)
		out[j].score = vs_key_score(ix->metric, out[j].score, q2);
	return n;
}

int ivf_nlist(const ivf *ix) { return ix->nlist; }
int ivf_cell_size(const ivf *ix, int c) { return (int)(ix->off[c + 1] - ix->off[c]); }
double ivf_inertia(const ivf *ix) { return ix->inertia; }

size_t ivf_bytes(const ivf *ix)
{
	return (size_t)ix->poff[ix->nlist] * ix->d * sizeof *ix->data +
		((size_t)ix->nlist + 1) * sizeof *ix->poff + (size_t)ix->n * sizeof *ix->ids +
		(size_t)ix->nlist * ix->d * sizeof *ix->cent + ((size_t)ix->nlist + 1) * sizeof *ix->off +
		(size_t)vs_pad16(ix->nlist) * ix->d * sizeof *ix->cpack +
		(size_t)ix->nlist * sizeof *ix->cnorm2 + (ix->aux ? (size_t)ix->n * sizeof *ix->aux : 0);
}

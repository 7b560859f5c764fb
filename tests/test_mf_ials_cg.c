/* test_mf_ials_cg.c: implicit ALS's conjugate-gradient solver against the
 * exact Cholesky one: one row's system, the toy data and a planted dataset;
 * its kernels (AVX2 and portable C) agree; threads change no bit; the same
 * seed gives the same factors; a bad solver name is refused. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/data/synth.h"
#include "engine/mf/mf_cg.h"
#include "engine/mf/mf_impl.h"
#include "engine/mf/mf_kernels.h"
#include "engine/model/model.h"

static model *fit(const char *solver, const char *extra, const ratings *r, int k, int epochs)
{
	params *p = params_new();
	ll_error err;
	char buf[64];
	snprintf(buf, sizeof buf, "solver=%s", solver);
	params_set_kv(p, buf, &err);
	snprintf(buf, sizeof buf, "k=%d", k);
	params_set_kv(p, buf, &err);
	snprintf(buf, sizeof buf, "epochs=%d", epochs);
	params_set_kv(p, buf, &err);
	params_set_kv(p, "seed=7", &err);
	if (extra)
		params_set_kv(p, extra, &err);
	model *m = model_new("ials", p, &err);
	params_free(&p);
	if (!m || model_fit(m, r, &err) != 0) {
		fprintf(stderr, "ials %s: %s\n", solver, m ? err.msg : "no model");
		model_free(&m);
	}
	return m;
}

static double final_loss(const model *m)
{
	const double *train, *test;
	int n = model_history(m, &train, &test);
	return n > 0 ? train[n - 1] : NAN;
}

/* Largest score difference over all cells, relative to the largest score. */
static double score_gap(const model *a, const model *b)
{
	double gap = 0, top = 0;
	for (int u = 0; u < model_n_users(a); u++)
		for (int i = 0; i < model_n_items(a); i++) {
			double sa = model_predict(a, u, i), sb = model_predict(b, u, i);
			gap = fmax(gap, fabs(sa - sb));
			top = fmax(top, fabs(sa));
		}
	return top > 0 ? gap / top : gap;
}

/* Share of each user's top 5 that both models put in their top 5. */
static double top5_overlap(const model *a, const model *b)
{
	int n_items = model_n_items(a), same = 0, total = 0;
	int *ta = malloc(5 * sizeof *ta), *tb = malloc(5 * sizeof *tb);
	for (int u = 0; u < model_n_users(a); u++) {
		const model *mm[2] = { a, b };
		int *tops[2] = { ta, tb };
		for (int s = 0; s < 2; s++) {
			double best[5];
			for (int j = 0; j < 5; j++)
				best[j] = -INFINITY, tops[s][j] = -1;
			for (int i = 0; i < n_items; i++) {
				double v = model_predict(mm[s], u, i);
				int j = 5;
				while (j > 0 && v > best[j - 1]) {
					if (j < 5)
						best[j] = best[j - 1], tops[s][j] = tops[s][j - 1];
					j--;
				}
				if (j < 5)
					best[j] = v, tops[s][j] = i;
			}
		}
		for (int x = 0; x < 5; x++)
			for (int y = 0; y < 5; y++)
				same += ta[x] >= 0 && ta[x] == tb[y];
		total += 5;
	}
	free(ta), free(tb);
	return total ? (double)same / total : 1;
}

/* One row: k CG steps from zero reach the exact solution of a random
 * well-conditioned system (up to float rounding). */
static void one_row(int k, int n)
{
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, (unsigned long)(k * 100 + n));
	int n_other = 60, kp = mf_cg_stride(k);
	float *Y = malloc((size_t)n_other * k * sizeof *Y), *w = malloc((size_t)n * sizeof *w);
	float *t = malloc((size_t)n * sizeof *t), *x = calloc((size_t)k, sizeof *x);
	float *Gf = calloc((size_t)kp * kp, sizeof *Gf), *ws = malloc(mf_cg_ws(k) * sizeof *ws);
	float *dots = malloc(2 * (size_t)n * sizeof *dots);
	double *G = calloc((size_t)k * k, sizeof *G), *dws = malloc(mf_ls_ws(k) * sizeof *dws);
	double *xe = malloc((size_t)k * sizeof *xe);
	int *rows = malloc((size_t)n * sizeof *rows);
	for (int j = 0; j < n_other * k; j++)
		Y[j] = (float)gsl_ran_gaussian(g, 0.3);
	for (int o = 0; o < n_other; o++)
		for (int f = 0; f < k; f++)
			for (int h = 0; h < k; h++)
				G[f * k + h] += (double)Y[o * k + f] * Y[o * k + h];
	for (int f = 0; f < k; f++)
		for (int h = 0; h < k; h++)
			Gf[f * kp + h] = (float)G[f * k + h];
	for (int j = 0; j < n; j++) {
		rows[j] = (int)gsl_rng_uniform_int(g, (unsigned long)n_other);
		w[j] = (float)(2 * (1 + gsl_rng_uniform_int(g, 5)));
		t[j] = 1 + w[j];
	}
	double lambda = 0.5;
	CHECK(mf_ls_solve(Y, k, 0, G, rows, w, t, n, lambda, dws, xe) == 0);
	double loss = mf_cg_solve(Gf, Y, k, rows, w, n, (float)lambda, 2 * k, x, ws, dots);
	double direct = mf_cg_row_loss(Y, k, rows, w, n, x);
	CHECK(fabs(loss - direct) <= 1e-4 * (1 + fabs(direct)));
	double gap = 0, norm = 0;
	for (int f = 0; f < k; f++)
		gap = fmax(gap, fabs(x[f] - xe[f])), norm = fmax(norm, fabs(xe[f]));
	printf("row k %d n %d: CG %d steps vs Cholesky, largest difference %.2e of %.2e\n", k, n,
	       2 * k, gap, norm);
	CHECK(gap < 1e-3 * norm);
	/* Four rows solved together give each row's bits of a lone solve. */
	float *xs = calloc(4 * (size_t)k, sizeof *xs), *ws4 = malloc(4 * mf_cg_ws(k) * sizeof *ws4);
	float *d4 = malloc(8 * (size_t)n * sizeof *d4);
	double l4[4];
	mf_cg_row desc[4];
	for (int q = 0; q < 4; q++) {
		for (int f = 0; f < k; f++)
			xs[q * k + f] = 0.1f * (float)(q * f % 3);
		desc[q] = (mf_cg_row){ rows, w, n - q % 2, (float)lambda, xs + q * k, d4 + 2 * q * n,
				       &l4[q] };
	}
	mf_cg_solve_rows(Gf, Y, k, 4, desc, 3, ws4);
	int same = 1;
	for (int q = 0; q < 4; q++) {
		float *x1 = calloc((size_t)k, sizeof *x1);
		for (int f = 0; f < k; f++)
			x1[f] = 0.1f * (float)(q * f % 3);
		double l1 = mf_cg_solve(Gf, Y, k, rows, w, n - q % 2, (float)lambda, 3, x1, ws, dots);
		same &= memcmp(x1, xs + q * k, (size_t)k * sizeof *x1) == 0 && l1 == l4[q];
		free(x1);
	}
	CHECK(same);
	free(xs), free(ws4), free(d4);
	/* A warm start at the solution stays there. */
	for (int f = 0; f < k; f++)
		x[f] = (float)xe[f];
	mf_cg_solve(Gf, Y, k, rows, w, n, (float)lambda, 3, x, ws, dots);
	gap = 0;
	for (int f = 0; f < k; f++)
		gap = fmax(gap, fabs(x[f] - xe[f]));
	CHECK(gap < 1e-3 * norm);
	free(Y), free(w), free(t), free(x), free(Gf), free(ws), free(G), free(dws), free(xe), free(dots);
	free(rows);
	gsl_rng_free(g);
}

static void compare(const char *what, const ratings *r, int k, int epochs, double loss_tol,
		    double overlap_min)
{
	model *c = fit("cholesky", NULL, r, k, epochs), *g = fit("cg", NULL, r, k, epochs);
	model *g20 = fit("cg", "cg_steps=40", r, k, epochs);
	CHECK(c && g && g20);
	if (c && g && g20) {
		double lc = final_loss(c), lg = final_loss(g), l20 = final_loss(g20);
		double ov = top5_overlap(c, g), gap20 = score_gap(c, g20);
		printf("%s: loss cholesky %.6f, cg (3 steps) %.6f, cg (40 steps) %.6f; top-5 overlap "
		       "%.3f; 40-step scores within %.2e\n", what, lc, lg, l20, ov, gap20);
		CHECK(fabs(lg - lc) <= loss_tol * lc);
		CHECK(fabs(l20 - lc) <= 1e-4 * lc);
		CHECK(gap20 < 1e-3);
		CHECK(ov >= overlap_min);
	}
	model_free(&c), model_free(&g), model_free(&g20);
}

/* threads=2 gives the same bits as one thread, and a second run the same. */
static void determinism(const ratings *r)
{
	model *a = fit("cg", NULL, r, 16, 5), *b = fit("cg", "threads=2", r, 16, 5);
	model *c = fit("cg", NULL, r, 16, 5);
	CHECK(a && b && c);
	if (a && b && c) {
		size_t np = (size_t)model_n_users(a) * 16, nq = (size_t)model_n_items(a) * 16;
		CHECK(memcmp(model_user_factors(a), model_user_factors(b), np * sizeof(float)) == 0);
		CHECK(memcmp(model_item_factors(a), model_item_factors(b), nq * sizeof(float)) == 0);
		CHECK(memcmp(model_user_factors(a), model_user_factors(c), np * sizeof(float)) == 0);
		CHECK(final_loss(a) == final_loss(b));
	}
	model_free(&a), model_free(&b), model_free(&c);
}

int main(void)
{
	for (int pass = 0; pass < 2; pass++) {
		/* Both kernel variants (the AVX2 one only where the CPU has it). */
		printf("kernels: %s\n", pass ? (mf_kernels_select(MF_KERNEL_SCALAR), mf_kernels_name())
					     : mf_kernels_name());
		one_row(4, 3);
		one_row(13, 40);
		one_row(32, 25);
	}
	mf_kernels_select(MF_KERNEL_AUTO);

	ll_error err;
	ratings *toy = load_toy(LATENTLAB_ABS_SRCDIR "/data/toy", &err);
	CHECK(toy != NULL);
	if (toy)
		compare("toy", toy, 3, 10, 0.02, 0.8);

	synth_opts o;
	synth_defaults(&o);
	o.users = 300, o.items = 200, o.ratings = 9000, o.k = 6, o.seed = 5;
	ratings *planted = synth_generate(&o, &err);
	CHECK(planted != NULL);
	if (planted) {
		compare("planted", planted, 12, 10, 0.02, 0.8);
		determinism(planted);
	}

	params *p = params_new();
	params_set(p, "solver", "lu");
	CHECK(model_new("ials", p, &err) == NULL && strstr(err.msg, "solver"));
	params_free(&p);
	ratings_free(&toy), ratings_free(&planted);
	return check_done();
}

/* test_mf_plain_simd.c: plain SGD through the SIMD kernels: below k = 8 the
 * AVX2 and portable variants give the same bits (the lessons' numbers do not
 * depend on the CPU); from k = 8 they agree within rounding; the reported
 * training RMSE is the model's RMSE after the epoch, as model_predict sees it.
 * The same for the adaptive rates (adaptive=adagrad|rpcs). The pass gives
 * the same bits whether it interleaves ratings in pairs or not. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/data/synth.h"
#include "engine/mf/mf_kernels.h"
#include "engine/model/model.h"

static model *fit(const ratings *r, int k, const char *update, const char *adaptive)
{
	params *p = params_new();
	ll_error err;
	char buf[32];
	snprintf(buf, sizeof buf, "k=%d", k);
	params_set_kv(p, buf, &err);
	params_set_kv(p, "epochs=6", &err);
	if (!strcmp(adaptive, "none")) /* the adaptive rates keep their own default */
		params_set_kv(p, "lr=0.01", &err);
	params_set_kv(p, "seed=3", &err);
	snprintf(buf, sizeof buf, "update=%s", update);
	params_set_kv(p, buf, &err);
	snprintf(buf, sizeof buf, "adaptive=%s", adaptive);
	params_set_kv(p, buf, &err);
	model *m = model_new("sgd", p, &err);
	params_free(&p);
	if (!m || model_fit(m, r, &err) != 0) {
		fprintf(stderr, "sgd: %s\n", m ? err.msg : "no model");
		model_free(&m);
	}
	return m;
}

static double rmse_by_predict(const model *m, const ratings *r)
{
	double s = 0;
	for (size_t j = 0; j < ratings_count(r); j++) {
		const ll_rating *e = &ratings_entries(r)[j];
		double d = e->value - model_predict(m, e->user, e->item);
		s += d * d;
	}
	return sqrt(s / (double)ratings_count(r));
}

/* The kernel's pass over the same rows, in pairs and one at a time. */
static void pairs_same(const ratings *r, int k, int adapt, int simultaneous)
{
	int nu = ratings_n_users(r), ni = ratings_n_items(r);
	size_t np = (size_t)nu * k, nq = (size_t)ni * k, n = ratings_count(r);
	int per_number = adapt == MF_ADAPT_ADAGRAD;
	size_t gp = per_number ? np : (size_t)nu, gq = per_number ? nq : (size_t)ni;
	float *P[2], *Q[2], *GP[2], *GQ[2];
	uint32_t *order = malloc(n * sizeof *order);
	double sse[2];
	for (int v = 0; v < 2; v++) {
		P[v] = malloc(np * sizeof(float)), Q[v] = malloc(nq * sizeof(float));
		GP[v] = malloc(gp * sizeof(float)), GQ[v] = malloc(gq * sizeof(float));
	}
	unsigned x = 12345;
	for (size_t j = 0; j < np; j++)
		x = x * 1103515245u + 12345u, P[0][j] = P[1][j] = (float)((x >> 9) % 2000) / 10000 - 0.1f;
	for (size_t j = 0; j < nq; j++)
		x = x * 1103515245u + 12345u, Q[0][j] = Q[1][j] = (float)((x >> 9) % 2000) / 10000 - 0.1f;
	for (size_t j = 0; j < gp; j++)
		GP[0][j] = GP[1][j] = 1;
	for (size_t j = 0; j < gq; j++)
		GQ[0][j] = GQ[1][j] = 1;
	for (size_t j = 0; j < n; j++)
		order[j] = (uint32_t)((j * 7919) % n); /* n is no multiple of 7919 */
	for (int v = 0; v < 2; v++) {
		mf_plain a = {
			.ent = ratings_entries(r), .order = order, .n = (long)n, .P = P[v], .Q = Q[v],
			.GP = GP[v], .GQ = GQ[v], .k = k, .simultaneous = simultaneous, .adapt = adapt,
			.pairs = v, .lr = 0.02f, .reg = 0.05f,
		};
		sse[v] = mf_plain_pass(&a);
	}
	CHECK(sse[0] == sse[1]);
	CHECK(memcmp(P[0], P[1], np * sizeof(float)) == 0 && memcmp(Q[0], Q[1], nq * sizeof(float)) == 0);
	CHECK(memcmp(GP[0], GP[1], gp * sizeof(float)) == 0 &&
	      memcmp(GQ[0], GQ[1], gq * sizeof(float)) == 0);
	for (int v = 0; v < 2; v++)
		free(P[v]), free(Q[v]), free(GP[v]), free(GQ[v]);
	free(order);
}

int main(void)
{
	synth_opts o;
	synth_defaults(&o);
	o.users = 200, o.items = 150, o.ratings = 6000, o.seed = 9;
	ll_error err;
	ratings *r = synth_generate(&o, &err);
	CHECK(r != NULL);
	const int ks[] = { 2, 5, 8, 13, 32 };
	const char *updates[] = { "sequential", "simultaneous" };
	const char *adaptive[] = { "none", "adagrad", "rpcs" };
	for (size_t x = 0; r && x < 3; x++)
	for (size_t u = 0; r && u < 2; u++)
		for (size_t j = 0; j < sizeof ks / sizeof *ks; j++) {
			int k = ks[j];
			mf_kernels_select(MF_KERNEL_AUTO);
			model *a = fit(r, k, updates[u], adaptive[x]);
			mf_kernels_select(MF_KERNEL_SCALAR);
			model *b = fit(r, k, updates[u], adaptive[x]);
			mf_kernels_select(MF_KERNEL_AUTO);
			CHECK(a && b);
			if (!a || !b)
				continue;
			size_t np = (size_t)model_n_users(a) * k;
			double gap = 0;
			for (size_t f = 0; f < np; f++)
				gap = fmax(gap, fabs(model_user_factors(a)[f] - model_user_factors(b)[f]));
			const double *la, *lb, *ta, *tb;
			int n = model_history(a, &la, &ta);
			CHECK(model_history(b, &lb, &tb) == n && n == 6);
			printf("k %2d %s, adaptive=%s: largest factor difference %.2e, RMSE %.6f and "
			       "%.6f\n", k, updates[u], adaptive[x], gap, la[n - 1], lb[n - 1]);
			if (k < 8)
				CHECK(gap == 0 && la[n - 1] == lb[n - 1]);
			else
				CHECK(gap < 1e-4 && fabs(la[n - 1] - lb[n - 1]) < 1e-5);
			/* loss=after is the predictions' RMSE to the bit (mf_sgd.c). */
			CHECK(la[n - 1] == rmse_by_predict(a, r));
			model_free(&a), model_free(&b);
		}
	for (int kern = 0; r && kern < 2; kern++) {
		mf_kernels_select(kern ? MF_KERNEL_AUTO : MF_KERNEL_SCALAR);
		const int pk[] = { 5, 13, 100 };
		for (size_t j = 0; j < 3; j++)
			for (int adapt = 0; adapt < 3; adapt++)
				for (int sim = 0; sim < 2; sim++)
					pairs_same(r, pk[j], adapt, sim);
	}
	mf_kernels_select(MF_KERNEL_AUTO);
	ratings_free(&r);
	return check_done();
}

/* test_mf_plain_simd.c: plain SGD through the SIMD kernels: below k = 8 the
 * AVX2 and portable variants give the same bits (the lessons' numbers do not
 * depend on the CPU); from k = 8 they agree within rounding; the reported
 * training RMSE is the model's RMSE after the epoch, as model_predict sees it.
 * The same for the adaptive rates (adaptive=adagrad|rpcs). */
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
			CHECK_NEAR(la[n - 1], rmse_by_predict(a, r), 1e-12);
			model_free(&a), model_free(&b);
		}
	ratings_free(&r);
	return check_done();
}

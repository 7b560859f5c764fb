/* vec.c: the latent vectors of the session's models, as commands read and
 * write them (lab_impl.h). */
#include <math.h>

#include "lab/lab_impl.h"

double lab_vec_dot(const float *a, const float *b, int k)
{
	double s = 0;
	for (int d = 0; d < k; d++)
		s += (double)a[d] * b[d];
	return s;
}

double lab_vec_norm(const float *v, int k)
{
	return sqrt(lab_vec_dot(v, v, k));
}

float *lab_vec_of(lab *l, lab_model *lm, const char *name, int *side, int *x, ll_error *err)
{
	int k = model_k(lm->m);
	if (k < 1) {
		ll_fail(err, "model '%s' (%s) has no latent vectors", lm->name, lm->algo);
		return NULL;
	}
	if ((*x = lab_user_or_item(l, name, side, err)) < 0)
		return NULL;
	int have = *side == SIDE_USER ? model_n_users(lm->m) : model_n_items(lm->m);
	float *base = *side == SIDE_USER ? model_user_factors(lm->m) : model_item_factors(lm->m);
	if (*x >= have || !base) {
		ll_fail(err, "%s is new since model '%s' was trained: train again", name, lm->name);
		return NULL;
	}
	return base + (size_t)*x * k;
}

lab_model *lab_factor_model(lab_call *c, const char *cmd, ll_error *err)
{
	lab_model *lm = lab_model_pick(c->l, c, err);
	if (!lm)
		return NULL;
	if (model_k(lm->m) < 1) {
		ll_fail(err, "%s: model '%s' (%s) has no latent vectors (train sgd, biased, als or svd)",
			cmd, lm->name, lm->algo);
		return NULL;
	}
	return lm;
}

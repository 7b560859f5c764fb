/* algo.c: the algorithm table, and making models by name from it. One row
 * per model; keep them grouped. This is the one engine file that names every
 * family, so the families and model.c never call back up into it. */
#include "engine/algo.h"

#include <errno.h>
#include <string.h>

#include "engine/model/model_impl.h"

/* Constructors, one per model file. */
model *knn_user_create(params *opts, ll_error *err);
model *knn_item_create(params *opts, ll_error *err);
model *knn_create(params *opts, ll_error *err);
model *baseline_random_new(params *opts, ll_error *err);
model *baseline_mean_new(params *opts, ll_error *err);
model *baseline_bias_new(params *opts, ll_error *err);
model *baseline_pop_new(params *opts, ll_error *err);
model *mf_sgd_create(params *opts, ll_error *err);
model *mf_biased_create(params *opts, ll_error *err);
model *mf_als_create(params *opts, ll_error *err);
model *mf_ials_create(params *opts, ll_error *err);
model *mf_svd_create(params *opts, ll_error *err);
model *ncf_gmf_create(params *opts, ll_error *err);
model *ncf_mlp_create(params *opts, ll_error *err);
model *ncf_neumf_create(params *opts, ll_error *err);
model *mf_logmf_create(params *opts, ll_error *err);
model *mf_bpr_create(params *opts, ll_error *err);

static const algo table[] = {
	/* baselines (baseline.c) */
	{ "random", "a normal draw with the training mean and deviation (seed)", baseline_random_new, 0 },
	{ "mean", "the global mean rating", baseline_mean_new, 0 },
	{ "baseline", "user and item biases by ALS (reg_u, reg_i, epochs)", baseline_bias_new, 0 },
	{ "pop", "popularity: ranks items by their number of ratings", baseline_pop_new, 1 },
	/* matrix factorization (mf_*.c) */
	{ "sgd", "MF by plain SGD, the lecture's rule (k, lr, reg, epochs, penalty=l2|l1, update)", mf_sgd_create, 0 },
	{ "biased", "biased MF by SGD, Surprise's SVD (k, lr, reg, epochs, decay, init_std, seed)", mf_biased_create, 0 },
	{ "funk", "the same as 'biased' (Funk's model)", mf_biased_create, 0 },
	{ "als", "MF by alternating least squares (rank, maxIter, regParam, weighted, bias)", mf_als_create, 0 },
	{ "ials", "implicit ALS, Hu-Koren-Volinsky (rank, maxIter, regParam, alpha)", mf_ials_create, 1 },
	{ "svd", "truncated SVD of the baseline-centred matrix (k, power, oversample)", mf_svd_create, 0 },
	/* neighbours (knn_*.c) */
	{ "knn-user", "user-based neighbours (sim, k, min_k, variant=basic|means|baseline)", knn_user_create, 0 },
	{ "knn-item", "item-based neighbours (sim, k, min_k, variant=basic|means|baseline)", knn_item_create, 0 },
	{ "knn", "neighbours as Surprise names them (user_based=true|false, sim, k, ...)", knn_create, 0 },
	/* neural (ncf_*.c) and dot products on the same implicit data (mf_bpr.c) */
	{ "gmf", "NCF's generalized MF on implicit data (factors, neg, lr, batch, epochs, reg, seed)", ncf_gmf_create, 1 },
	{ "mlp", "NCF's MLP tower on implicit data (layers=64,32,16,8, neg, lr, batch, epochs)", ncf_mlp_create, 1 },
	{ "neumf", "NCF's NeuMF: GMF and MLP fused (factors, layers, pretrain=1|gmf,mlp, threads)", ncf_neumf_create, 1 },
	{ "logmf", "dot-product MF by BCE on sampled negatives, as NCF trains (factors, neg, lr, reg)", mf_logmf_create, 1 },
	{ "bpr", "dot-product MF by BPR, pairwise on sampled negatives (factors, neg, lr, reg)", mf_bpr_create, 1 },
};

const algo *algo_find(const char *name)
{
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (table[i].name && strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

const algo *algo_table(int *n)
{
	*n = (int)(sizeof table / sizeof *table);
	return table;
}

model *model_new(const char *name, params *opts, ll_error *err)
{
	const algo *a = algo_find(name);
	if (a)
		return model_create(a->create, a->name, a->ranking_only, opts, err);
	const char *best = NULL;
	int bd = 3;
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		int d = ll_edit_distance(name, table[i].name);
		if (d < bd)
			bd = d, best = table[i].name;
	}
	if (best)
		ll_fail(err, "unknown algorithm '%s' (did you mean '%s'?)", name, best);
	else
		ll_fail(err, "unknown algorithm '%s' (see 'latentlab --help')", name);
	return NULL;
}

static model *empty_model(const char *name, ll_error *err)
{
	return model_new(name, NULL, err);
}

model *model_read(FILE *f, const char *name, ll_error *err)
{
	return model_read_with(f, name, empty_model, err);
}

model *model_load(const char *path, ll_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		ll_fail(err, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	model *m = model_read(f, path, err);
	fclose(f);
	return m;
}

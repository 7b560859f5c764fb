/* algo.c: the algorithm table. One row per model; keep them grouped. */
#include "engine/algo.h"

#include <string.h>

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
	/* neural (ncf_*.c) */
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

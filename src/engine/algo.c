/* algo.c: the algorithm table, and making models by name from it. One row
 * per model; keep them grouped. This is the one engine file that names every
 * family, so the families and model.c never call back up into it. */
#include "engine/algo.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "engine/core/fileio.h"
#include "engine/core/intl.h"
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
model *wd_rating_create(params *opts, ll_error *err);
model *wd_implicit_create(params *opts, ll_error *err);
model *text_mf_create(params *opts, ll_error *err);

static const algo table[] = {
	/* baselines (baseline.c) */
	{ "random", N_("a normal draw with the training mean and deviation (seed)"), baseline_random_new, 0, "seed" },
	{ "mean", N_("the global mean rating"), baseline_mean_new, 0, "" },
	{ "baseline", N_("user and item biases by ALS (reg_u, reg_i, epochs)"), baseline_bias_new, 0, "reg_u|reg_i|epochs" },
	{ "pop", N_("popularity: ranks items by their number of ratings"), baseline_pop_new, 1, "" },
	/* matrix factorization (mf_*.c) */
	{ "sgd", N_("MF by plain SGD, the lecture's rule (k, lr, reg, epochs, penalty=l2|l1, update)"), mf_sgd_create, 0, "k|lr|reg|epochs|decay|shuffle|bins|update|penalty|adaptive|loss|init_std|seed" },
	{ "biased", N_("biased MF by SGD: what Surprise calls SVD (k, lr, reg, epochs, decay, seed)"), mf_biased_create, 0, "k|lr|reg|epochs|lr_bias|reg_bias|decay|shuffle|threads|init_std|seed" },
	{ "funk", N_("the same as 'biased' (Funk's model)"), mf_biased_create, 0, "k|lr|reg|epochs|lr_bias|reg_bias|decay|shuffle|threads|init_std|seed" },
	{ "als", N_("MF by alternating least squares (rank, maxIter, regParam, weighted, bias)"), mf_als_create, 0, "k|epochs|reg|weighted|bias|nonnegative|threads|init_std|seed|implicitPrefs|alpha" },
	{ "ials", N_("implicit ALS, Hu-Koren-Volinsky (rank, maxIter, regParam, alpha, solver=cg|cholesky)"), mf_ials_create, 1, "k|epochs|reg|alpha|weighted|nonnegative|solver|cg_steps|threads|init_std|seed" },
	{ "svd", N_("a true truncated SVD of the baseline-centred matrix (k, power); not Surprise's SVD"), mf_svd_create, 0, "k|oversample|power|baseline_epochs|reg_u|reg_i|seed" },
	/* neighbours (knn_*.c) */
	{ "knn-user", N_("user-based neighbours (sim, k, min_k, variant=basic|means|baseline)"), knn_user_create, 0, "sim|k|min_k|variant|shrinkage|min_support|bsl_epochs|reg_u|reg_i|dense_mb|keep" },
	{ "knn-item", N_("item-based neighbours (sim, k, min_k, variant=basic|means|baseline)"), knn_item_create, 0, "sim|k|min_k|variant|shrinkage|min_support|bsl_epochs|reg_u|reg_i|dense_mb|keep" },
	{ "knn", N_("neighbours as Surprise names them (user_based=true|false, sim, k, min_k, variant)"), knn_create, 0, "user_based|sim|k|min_k|variant|shrinkage|min_support|bsl_epochs|reg_u|reg_i|dense_mb|keep" },
	/* neural (ncf_*.c) and dot products on the same implicit data (mf_bpr.c) */
	{ "gmf", N_("NCF's generalized MF on implicit data (factors, neg, lr, batch, epochs, reg, seed)"), ncf_gmf_create, 1, "factors|neg|lr|reg|batch|epochs|learner|threads|seed" },
	{ "mlp", N_("NCF's MLP tower on implicit data (layers=64,32,16,8, neg, lr, batch, epochs)"), ncf_mlp_create, 1, "factors|neg|lr|reg|batch|epochs|learner|threads|seed|layers" },
	{ "neumf", N_("NCF's NeuMF: GMF and MLP fused (factors, layers, pretrain=1|gmf,mlp, threads)"), ncf_neumf_create, 1, "factors|neg|lr|reg|batch|epochs|learner|threads|seed|layers|pretrain" },
	{ "logmf", N_("dot-product MF by BCE on sampled negatives, as NCF trains (factors, neg, lr, reg)"), mf_logmf_create, 1, "factors|neg|lr|reg|batch|epochs|learner|threads|seed" },
	{ "bpr", N_("dot-product MF by BPR, pairwise on sampled negatives (factors, neg, lr, reg)"), mf_bpr_create, 1, "factors|neg|lr|reg|batch|epochs|learner|threads|seed" },
	/* beyond pure CF: features (nn/wide_deep.c) and text (finetune.c, content/) */
	{ "wide_deep", N_("Wide & Deep: genre, year, user crosses + MLP, on ratings"), wd_rating_create, 0, "factors|layers|lr|reg|batch|epochs|wide|deep|demographics|threads|seed" },
	{ "wide_deep-implicit", N_("Wide & Deep on implicit data (logistic loss, neg)"), wd_implicit_create, 1, "factors|layers|neg|lr|reg|batch|epochs|wide|deep|demographics|threads|seed" },
	{ "text", N_("biased MF whose items start from their text (init=text)"), text_mf_create, 0, "init|tags|genres|min_df|power|k|lr|reg|epochs|lr_bias|reg_bias|decay|shuffle|threads|init_std|seed" },
};

/* Other libraries' names. Surprise's class names are case-sensitive: its
 * SVD is our biased MF, while our lower-case svd is a true truncated SVD. */
static const algo_alias aliases[] = {
	{ "SVD", "biased", "", "Surprise", N_("biased MF by SGD (Funk); not a truncated SVD") },
	{ "KNNBasic", "knn", "variant=basic", "Surprise", N_("neighbours, weighted mean of ratings") },
	{ "KNNWithMeans", "knn", "variant=means", "Surprise", N_("neighbours on mean-centred ratings") },
	{ "KNNBaseline", "knn", "variant=baseline", "Surprise", N_("neighbours on baseline residuals") },
	{ "BaselineOnly", "baseline", "", "Surprise", N_("user and item biases by ALS") },
	{ "NormalPredictor", "random", "", "Surprise", N_("a normal draw from the training ratings") },
	{ "ALS", "als", "", "Spark MLlib", N_("ALS; with implicitPrefs=true the implicit ials") },
};

/* Known to users of those libraries but not built here: say what is. */
static const struct { const char *name, *instead; } missing[] = {
	{ "SVDpp", N_("SVD++ is not built; the nearest is 'SVD' (biased MF)") },
	{ "NMF", N_("NMF is not built; try 'als' or 'SVD'") },
	{ "SlopeOne", N_("SlopeOne is not built; try 'KNNBaseline' or 'baseline'") },
	{ "CoClustering", N_("CoClustering is not built; try 'SVD' or 'KNNBaseline'") },
	{ "KNNWithZScore", N_("KNNWithZScore is not built; try 'KNNWithMeans'") },
};

const algo *algo_find(const char *name)
{
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (table[i].name && strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

const algo *algo_resolve(const char *name, const algo_alias **alias)
{
	*alias = NULL;
	const algo *a = algo_find(name);
	if (a)
		return a;
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(aliases[i].name, name) == 0) {
			*alias = &aliases[i];
			return algo_find(aliases[i].algo);
		}
	return NULL;
}

const algo *algo_table(int *n)
{
	*n = (int)(sizeof table / sizeof *table);
	return table;
}

const algo_alias *algo_aliases(int *n)
{
	*n = (int)(sizeof aliases / sizeof *aliases);
	return aliases;
}

static int truthy(const char *v)
{
	return v && (!strcmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes") ||
		     !strcasecmp(v, "on"));
}

/* The options a model reads, from what was typed: Surprise's sim_options.*
 * keys become ours, an alias's preset fills what is not given, and Spark's
 * implicitPrefs=true (which our explicit ALS refuses) turns als into ials. */
static params *translate(const algo **a, const algo_alias *alias, params *opts, ll_error *err)
{
	params *p = params_new();
	if (!p) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	int implicit = 0;
	for (int i = 0; opts && i < params_count(opts); i++) {
		const char *k = params_key(opts, i), *v = params_value(opts, i);
		if (!strncmp(k, "sim_options.", 12)) {
			k += 12;
			if (!strcmp(k, "name"))
				k = "sim";
		}
		if (!strcmp((*a)->name, "als") && !strcasecmp(k, "implicitPrefs")) {
			implicit = truthy(v);
			if (implicit)
				continue;
		}
		if (params_set(p, k, v) < 0) {
			params_free(&p);
			ll_fail(err, "out of memory");
			return NULL;
		}
	}
	if (alias && alias->preset[0]) {
		char kv[128];
		snprintf(kv, sizeof kv, "%s", alias->preset);
		for (char *w = strtok(kv, " "); w; w = strtok(NULL, " ")) {
			char *eq = strchr(w, '=');
			*eq = '\0';
			if (!params_str(p, w, NULL))
				params_set(p, w, eq + 1);
		}
	}
	if (implicit)
		*a = algo_find("ials");
	return p;
}

model *model_new(const char *name, params *opts, ll_error *err)
{
	const algo_alias *alias;
	const algo *a = algo_resolve(name, &alias);
	if (a) {
		params *p = translate(&a, alias, opts, err);
		if (!p)
			return NULL;
		model *m = model_create(a->create, a->name, a->ranking_only, p, err);
		params_free(&p);
		return m;
	}
	for (size_t i = 0; i < sizeof missing / sizeof *missing; i++)
		if (strcmp(missing[i].name, name) == 0) {
			ll_fail(err, "unknown algorithm '%s': %s (see 'latentlab algorithms')", name,
				_(missing[i].instead));
			return NULL;
		}
	const char *best = NULL;
	int bd = 3;
	for (size_t i = 0; i < sizeof table / sizeof *table + sizeof aliases / sizeof *aliases; i++) {
		const char *cand = i < sizeof table / sizeof *table
					   ? table[i].name
					   : aliases[i - sizeof table / sizeof *table].name;
		int d = ll_edit_distance(name, cand);
		if (d < bd)
			bd = d, best = cand;
	}
	if (best)
		ll_fail(err, "unknown algorithm '%s' (did you mean '%s'? see 'latentlab algorithms')",
			name, best);
	else
		ll_fail(err, "unknown algorithm '%s' (see 'latentlab algorithms')", name);
	return NULL;
}

static model *empty_model(const char *name, ll_error *err)
{
	return model_new(name, NULL, err);
}

model *model_read_ids(FILE *f, const char *name, ratings **ids, ll_error *err)
{
	return model_read_with(f, name, empty_model, ids, err);
}

model *model_read(FILE *f, const char *name, ll_error *err)
{
	return model_read_ids(f, name, NULL, err);
}

model *model_load_ids(const char *path, ratings **ids, ll_error *err)
{
	if (ids)
		*ids = NULL;
	/* A FIFO or a device would block or never end: regular files only. */
	FILE *f = ll_fopen_regular(path, SIZE_MAX, NULL, err);
	if (!f)
		return NULL;
	model *m = model_read_ids(f, path, ids, err);
	fclose(f);
	return m;
}

model *model_load(const char *path, ll_error *err)
{
	return model_load_ids(path, NULL, err);
}

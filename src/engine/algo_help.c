/* algo_help.c: what each algorithm's options mean, for `help ALGO`.
 *
 * The options and their defaults are not written here: the algorithm's own
 * constructor is run on an empty, recording option list (params_record), so
 * the names, defaults and accepted values shown are the ones the code uses.
 * This file adds only the words: one meaning per option name, with rows for
 * the algorithms where a name means something else (k is the number of
 * neighbours in knn, of factors elsewhere). */
#include "engine/algo.h"

#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "engine/model/model_impl.h"

/* Options an algorithm takes from another one it is built on. */
static const struct { const char *algo, *from; } inherits[] = {
	{ "text", "biased" }, /* finetune.c hands the rest to biased MF */
};

/* algos: "" for any algorithm, else the names it holds for, '|'-separated.
 * The first row that fits wins, so specific rows come first. */
static const struct meaning {
	const char *algos, *option, *text;
} meanings[] = {
	/* neighbours */
	{ "knn|knn-user|knn-item", "k", N_("the most neighbours a prediction averages over") },
	{ "", "user_based", N_("true: neighbours are users (knn-user); false: items (knn-item)") },
	{ "", "sim", N_("the similarity of two users (or items); msd is the mean squared "
			"difference, pearson_baseline is shrunk (shrinkage)") },
	{ "", "variant", N_("basic: a weighted mean of the neighbours' ratings; means: of their "
			    "deviations from their means; baseline: from their baselines") },
	{ "", "min_k", N_("fewer neighbours than this: the prediction falls back to the mean "
			  "(or the baseline)") },
	{ "", "min_support", N_("fewest ratings in common for a similarity to count") },
	{ "", "shrinkage", N_("pearson_baseline's shrinkage towards 0 of similarities with little "
			      "support") },
	{ "", "bsl_epochs", N_("ALS sweeps of the baseline (variant=baseline, pearson_baseline)") },
	{ "", "keep", N_("neighbours kept per row when the similarity matrix is sparse (0: a "
			 "dense matrix when it fits dense_mb)") },
	{ "", "dense_mb", N_("the most MiB a dense similarity matrix may take") },
	/* baselines and the truncated SVD */
	{ "", "reg_u", N_("regularization of the user biases (Surprise's bsl_options)") },
	{ "", "reg_i", N_("regularization of the item biases") },
	{ "baseline", "epochs", N_("ALS sweeps of the biases") },
	{ "svd", "k", N_("the rank kept: singular values and vectors of the centred matrix") },
	{ "svd", "power", N_("power iterations of the randomized SVD (more: closer to the exact "
			     "SVD; fewer by default when k > 50)") },
	{ "", "oversample", N_("extra columns of the randomized SVD's sketch (fewer by default "
			       "when k > 50)") },
	{ "", "baseline_epochs", N_("ALS sweeps of the baseline subtracted before the SVD") },
	/* matrix factorization */
	{ "", "k", N_("the number of latent factors: the length of every user and item vector") },
	{ "", "epochs", N_("passes over the training ratings") },
	{ "", "lr", N_("the learning rate: the size of each gradient step") },
	{ "als|ials", "reg", N_("the L2 penalty lambda (Spark's regParam)") },
	{ "sgd", "reg", N_("the penalty on the vectors: L2, or L1 with penalty=l1") },
	{ "", "reg", N_("the L2 penalty on the vectors") },
	{ "", "decay", N_("the learning rate is multiplied by this after every epoch") },
	{ "", "shuffle", N_("visit the ratings in a fresh seeded order every epoch") },
	{ "", "update", N_("sequential: q_i is updated with the p_u just updated (the lecture's "
			   "rule); simultaneous: with the old p_u") },
	{ "", "penalty", N_("l2 shrinks weights in proportion; l1 by a constant, to exact zeros") },
	{ "", "bins", N_("with shuffle=1: users and items cut into this many groups each, and "
			 "the ratings visited block by block (LibMF's grid, one thread), so the "
			 "vectors a block touches stay in cache; 0: one shuffled order") },
	{ "", "adaptive", N_("none: every step is lr; adagrad: lr / sqrt(G) for each number, G "
			     "the sum of its squared gradients from 1 (AdaGrad); rpcs: one G per "
			     "vector, as LibMF keeps it; with either, lr defaults to 0.05") },
	{ "", "loss", N_("the loss of each epoch: after, the training RMSE of the model after "
			 "it (one more pass over the ratings); during, of the errors met in it, "
			 "each before its update (free, and a little higher)") },
	{ "", "init_std", N_("the standard deviation of the random initial vectors, or 'given' "
			     "to keep vectors written by hand (setvec)") },
	{ "", "lr_bias", N_("the learning rate of the biases") },
	{ "", "reg_bias", N_("the L2 penalty on the biases") },
	{ "wide_deep|wide_deep-implicit", "threads",
	  N_("threads that share each mini-batch's examples; the weights are the same, bit "
	     "for bit, for any number") },
	{ "", "threads", N_("threads to train with (biased MF above 1: lock-free updates, fast "
			    "but not reproducible)") },
	{ "", "weighted", N_("scale lambda by each row's number of ratings (Spark's rule)") },
	{ "", "bias", N_("also solve a user and an item bias, with the global mean") },
	{ "", "nonnegative", N_("Spark's option: every factor >= 0 (each row's least squares "
				"under x >= 0, the bias free; iALS: with solver=cholesky). "
				"Fold-in keeps it for a model trained in this session, not "
				"for one read from a file") },
	{ "als", "implicitPrefs", N_("Spark's switch: true trains implicit ALS ('ials') instead") },
	{ "", "implicitPrefs", N_("Spark's switch; implicit ALS always treats ratings as implicit") },
	{ "als", "alpha", N_("with implicitPrefs=true: the confidence of an observed rating, "
			     "1 + alpha r (not read otherwise)") },
	{ "", "alpha", N_("the confidence of an observed rating: 1 + alpha r") },
	{ "", "solver", N_("cg: a few conjugate gradient steps per row (fast); cholesky: the exact "
			   "solve") },
	{ "", "cg_steps", N_("conjugate gradient steps per row and sweep (solver=cg)") },
	/* neural models and the dot products trained like them */
	{ "", "factors", N_("the length of each embedding (latent vector)") },
	{ "", "neg", N_("negative items sampled for each positive") },
	{ "", "batch", N_("examples per gradient step") },
	{ "", "learner", N_("adam, or plain sgd") },
	{ "wide_deep|wide_deep-implicit", "layers", N_("the widths of the deep part's hidden layers") },
	{ "", "layers", N_("the widths of the MLP tower's layers (none: 8, 4, 2 and 1 times "
			   "factors)") },
	{ "", "pretrain", N_("1: train GMF and MLP first and start from them; 0: from random; or "
			     "two saved files, path.gmf,path.mlp") },
	{ "", "wide", N_("use the wide part: linear weights on ids, genres, crosses, years") },
	{ "", "deep", N_("use the deep part: embeddings of the fields through the MLP") },
	{ "", "demographics", N_("cross age, gender and occupation with genres, where the dataset "
				 "has them (u.user)") },
	/* text */
	{ "", "init", N_("text: the item vectors start from the text embedding; random: biased "
			 "MF exactly") },
	{ "", "tags", N_("use the movies' tags in the text") },
	{ "", "genres", N_("use the movies' genres in the text") },
	{ "", "min_df", N_("a word counts when this many movies hold it") },
	{ "text", "power", N_("power iterations of the text embedding's randomized SVD") },
	/* everywhere */
	{ "", "seed", N_("the random seed (the lab's train gives the session seed unless seed= "
			 "is given)") },
};

static int holds(const char *list, const char *name)
{
	if (!*list)
		return 1;
	for (const char *s = list; *s;) {
		size_t n = strcspn(s, "|");
		if (strlen(name) == n && !strncmp(s, name, n))
			return 1;
		s += n + (s[n] == '|');
	}
	return 0;
}

const char *algo_option_meaning(const char *algo, const char *option)
{
	for (size_t i = 0; i < sizeof meanings / sizeof *meanings; i++)
		if (!strcmp(meanings[i].option, option) && holds(meanings[i].algos, algo))
			return meanings[i].text;
	return NULL;
}

void algo_options_free(algo_option **opts, int n)
{
	if (!opts || !*opts)
		return;
	for (int i = 0; i < n; i++)
		free((*opts)[i].name), free((*opts)[i].aliases), free((*opts)[i].def),
			free((*opts)[i].takes);
	free(*opts);
	*opts = NULL;
}

static int find(const algo_option *v, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return i;
	return -1;
}

/* Add the options a's constructor reads to v (those not there yet). */
static int add_read(const algo *a, algo_option **v, int *n, int *cap, ll_error *err)
{
	params *p = params_new();
	if (!p)
		return ll_fail(err, "out of memory");
	params_record(p);
	ll_gsl_quiet();
	model *m = a->create(p, err);
	if (!m) {
		params_free(&p);
		return ll_prefix(err, "%s: ", a->name);
	}
	model_free(&m);
	int rc = 0;
	for (int i = 0; i < params_recorded(p) && rc == 0; i++) {
		const params_use *u = params_recorded_at(p, i);
		size_t nl = strcspn(u->names, "|");
		char *name = strndup(u->names, nl);
		if (!name || find(*v, *n, name) >= 0) {
			rc = name ? 0 : ll_fail(err, "out of memory");
			free(name);
			continue;
		}
		if (*n == *cap) {
			int c = *cap ? 2 * *cap : 16;
			algo_option *nv = realloc(*v, (size_t)c * sizeof *nv);
			if (!nv) {
				free(name);
				rc = ll_fail(err, "out of memory");
				break;
			}
			*v = nv;
			*cap = c;
		}
		algo_option *o = &(*v)[(*n)++];
		o->name = name;
		o->aliases = strdup(u->names[nl] ? u->names + nl + 1 : "");
		o->def = strdup(u->def);
		o->takes = strdup(u->takes);
		o->meaning = NULL;
		o->read = 1;
		if (!o->aliases || !o->def || !o->takes)
			rc = ll_fail(err, "out of memory");
	}
	params_free(&p);
	return rc;
}

/* Drop from each option's aliases a name that is another option's own
 * ("init" is text's option, and an alias of biased MF's init_std). */
static void drop_shadowed(algo_option *v, int n)
{
	for (int i = 0; i < n; i++) {
		char *out = v[i].aliases, *s = v[i].aliases;
		while (*s) {
			size_t l = strcspn(s, "|");
			char word[64];
			snprintf(word, sizeof word, "%.*s", (int)l, s);
			int keep = find(v, n, word) < 0;
			if (keep) {
				if (out != v[i].aliases)
					*out++ = '|';
				memmove(out, s, l);
				out += l;
			}
			s += l + (s[l] == '|');
		}
		*out = '\0';
	}
}

algo_option *algo_options(const algo *a, int *n_out, ll_error *err)
{
	algo_option *v = NULL;
	int n = 0, cap = 0;
	*n_out = 0;
	int rc = add_read(a, &v, &n, &cap, err);
	for (size_t i = 0; rc == 0 && i < sizeof inherits / sizeof *inherits; i++)
		if (!strcmp(inherits[i].algo, a->name)) {
			const algo *from = algo_find(inherits[i].from);
			rc = from ? add_read(from, &v, &n, &cap, err) : 0;
		}
	/* Names the table offers (completion) that the constructor does not
	 * read itself: als's alpha, for implicitPrefs=true. */
	for (const char *s = a->params; rc == 0 && *s;) {
		size_t l = strcspn(s, "|");
		char *name = strndup(s, l);
		s += l + (s[l] == '|');
		if (!name || find(v, n, name) >= 0) {
			rc = name ? 0 : ll_fail(err, "out of memory");
			free(name);
			continue;
		}
		if (n == cap) {
			int c = cap ? 2 * cap : 16;
			algo_option *nv = realloc(v, (size_t)c * sizeof *nv);
			if (!nv) {
				free(name);
				rc = ll_fail(err, "out of memory");
				break;
			}
			v = nv;
			cap = c;
		}
		v[n++] = (algo_option){ name, strdup(""), strdup(""), strdup(""), NULL, 0 };
		if (!v[n - 1].aliases || !v[n - 1].def || !v[n - 1].takes)
			rc = ll_fail(err, "out of memory");
	}
	if (rc < 0) {
		algo_options_free(&v, n);
		return NULL;
	}
	if (!v && !(v = calloc(1, sizeof *v))) /* mean and pop take no option */
		return ll_fail(err, "out of memory"), NULL;
	drop_shadowed(v, n);
	for (int i = 0; i < n; i++)
		v[i].meaning = algo_option_meaning(a->name, v[i].name);
	*n_out = n;
	return v;
}

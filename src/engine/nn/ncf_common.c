/* ncf_common.c: options, implicit data, negative sampling, validation and
 * history shared by the implicit-feedback models (see ncf_common.h). */
#include "engine/nn/ncf_common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "engine/model/metrics.h"
#include "engine/nn/ncf.h"

#define NCF_VAL_NEG 99
#define NCF_VAL_K 10

/* --- options ------------------------------------------------------------ */

static int parse_layers(ncf_cfg *c, const char *s, ll_error *err)
{
	c->n_layers = 0;
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < 1 || v > 1024)
			return ll_fail(err, "layers: expected sizes 1..1024 separated by commas, "
				       "got '%s'", s);
		if (c->n_layers == NCF_MAX_LAYERS + 1)
			return ll_fail(err, "layers: at most %d sizes", NCF_MAX_LAYERS + 1);
		c->layers[c->n_layers++] = (int)v;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			return ll_fail(err, "layers: unexpected '%s'", s);
	}
	if (c->n_layers < 2)
		return ll_fail(err, "layers: need the embedding size and at least one layer "
			       "(\"64,32,16,8\")");
	if (c->layers[0] % 2)
		return ll_fail(err, "layers: the first size (user and item embeddings "
			       "side by side) must be even, got %d", c->layers[0]);
	return 0;
}

int ncf_cfg_read(ncf_cfg *c, ncf_kind kind, params *p, ll_error *err)
{
	memset(c, 0, sizeof *c);
	int dot = kind == NCF_LOGMF || kind == NCF_BPR;
	c->factors = (int)params_long(p, "factors|k", dot ? 32 : 8);
	c->neg = (int)params_long(p, "neg|num_neg", 4);
	c->lr = params_double(p, "lr", 0.001);
	c->batch = (int)params_long(p, "batch|batch_size", 256);
	c->epochs = (int)params_long(p, "epochs", 20);
	c->reg = params_double(p, "reg", 0);
	c->seed = (unsigned long)params_long(p, "seed", 1);
	c->threads = (int)params_long(p, "threads", 1);
	if (c->factors < 1 || c->factors > 1024)
		params_invalid(p, "factors must be 1..1024");
	if (c->neg < 1 || c->neg > 1000)
		params_invalid(p, "neg must be 1..1000");
	if (!(c->lr > 0))
		params_invalid(p, "lr must be > 0");
	if (c->batch < 1 || c->batch > 1 << 20)
		params_invalid(p, "batch must be 1..1048576");
	if (c->epochs < 0 || c->epochs > 100000)
		params_invalid(p, "epochs must be 0..100000");
	if (!(c->reg >= 0))
		params_invalid(p, "reg must be >= 0");
	if (c->threads < 1 || c->threads > 256)
		params_invalid(p, "threads must be 1..256");
	if (kind == NCF_MLP || kind == NCF_NEUMF) {
		const char *layers = params_str(p, "layers", NULL);
		if (layers) {
			if (parse_layers(c, layers, err) < 0)
				return -1;
		} else {
			int k = c->factors;
			c->n_layers = 4;
			c->layers[0] = 8 * k, c->layers[1] = 4 * k;
			c->layers[2] = 2 * k, c->layers[3] = k;
			if (8 * k > 1024)
				params_invalid(p, "factors %d makes an MLP wider than 1024; give layers", k);
		}
	}
	c->sgd = 0;
	if (kind == NCF_NEUMF) {
		const char *pre = params_str(p, "pretrain", "0");
		const char *comma = strchr(pre, ',');
		if (comma) {
			size_t n = (size_t)(comma - pre);
			if (n == 0 || n >= sizeof c->pretrain_gmf ||
			    strlen(comma + 1) >= sizeof c->pretrain_mlp || !comma[1])
				return ll_fail(err, "pretrain: expected 1, 0 or path.gmf,path.mlp");
			memcpy(c->pretrain_gmf, pre, n);
			c->pretrain_gmf[n] = '\0';
			strcpy(c->pretrain_mlp, comma + 1);
		} else if (!strcmp(pre, "1") || !strcmp(pre, "yes") || !strcmp(pre, "true")) {
			c->pretrain = 1;
		} else if (strcmp(pre, "0") && strcmp(pre, "no") && strcmp(pre, "false")) {
			return ll_fail(err, "pretrain: expected 1, 0 or path.gmf,path.mlp, got '%s'",
				       pre);
		}
	}
	/* The paper fine-tunes a pretrained NeuMF by plain SGD: Adam would
	 * start without the moments that trained GMF and MLP, and it overfits
	 * (ml-1m-part: HR@10 0.653 against 0.680 by SGD). */
	int pre = c->pretrain || c->pretrain_gmf[0];
	c->sgd = params_choice(p, "learner", "adam|sgd", pre ? 1 : 0);
	return 0;
}

/* --- implicit data -------------------------------------------------------- */

void ncf_data_free(ncf_data **pd)
{
	if (!pd || !*pd)
		return;
	ncf_data *d = *pd;
	free(d->pos_user), free(d->pos_item), free(d->uoff), free(d->uitems), free(d->ex);
	free(d);
	*pd = NULL;
}

ncf_data *ncf_data_new(const ratings *train, ll_error *err)
{
	ncf_data *d = calloc(1, sizeof *d);
	if (!d)
		goto oom;
	d->n_users = ratings_n_users(train);
	d->n_items = ratings_n_items(train);
	d->n_pos = ratings_count(train);
	if (d->n_pos == 0 || d->n_items < 2) {
		ll_fail(err, "implicit models need ratings over at least 2 items");
		ncf_data_free(&d);
		return NULL;
	}
	const ll_rating *e = ratings_entries(train);
	d->pos_user = malloc(d->n_pos * sizeof *d->pos_user);
	d->pos_item = malloc(d->n_pos * sizeof *d->pos_item);
	d->uoff = malloc(((size_t)d->n_users + 1) * sizeof *d->uoff);
	d->uitems = malloc(d->n_pos * sizeof *d->uitems);
	if (!d->pos_user || !d->pos_item || !d->uoff || !d->uitems)
		goto oom;
	for (size_t p = 0; p < d->n_pos; p++)
		d->pos_user[p] = e[p].user, d->pos_item[p] = e[p].item;
	size_t o = 0;
	for (int u = 0; u < d->n_users; u++) {
		const uint32_t *pos;
		size_t n = ratings_user_entries(train, u, &pos);
		d->uoff[u] = o;
		for (size_t j = 0; j < n; j++)
			d->uitems[o++] = e[pos[j]].item; /* sorted by item */
	}
	d->uoff[d->n_users] = o;
	return d;
oom:
	ll_fail(err, "out of memory for implicit data");
	ncf_data_free(&d);
	return NULL;
}

int ncf_data_has(const ncf_data *d, int user, int item)
{
	size_t lo = d->uoff[user], hi = d->uoff[user + 1];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->uitems[mid] < item)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->uoff[user + 1] && d->uitems[lo] == item;
}

int ncf_sample_negative(const ncf_data *d, gsl_rng *rng, int user)
{
	if (d->uoff[user + 1] - d->uoff[user] >= (size_t)d->n_items)
		return -1;
	for (;;) {
		int j = (int)gsl_rng_uniform_int(rng, (unsigned long)d->n_items);
		if (!ncf_data_has(d, user, j))
			return j;
	}
}

int ncf_data_epoch(ncf_data *d, gsl_rng *rng, int neg, int pairwise, ll_error *err)
{
	size_t cap = d->n_pos * (size_t)(pairwise ? neg : neg + 1);
	free(d->ex);
	d->ex = malloc(cap * sizeof *d->ex);
	if (!d->ex)
		return ll_fail(err, "out of memory for %zu training examples", cap);
	size_t n = 0;
	for (size_t p = 0; p < d->n_pos; p++) {
		int u = d->pos_user[p], i = d->pos_item[p];
		if (!pairwise)
			d->ex[n++] = (ncf_example){ u, i, -1, 1.0f };
		for (int t = 0; t < neg; t++) {
			int j = ncf_sample_negative(d, rng, u);
			if (j < 0)
				break;
			d->ex[n++] = pairwise ? (ncf_example){ u, i, j, 1.0f }
					      : (ncf_example){ u, j, -1, 0.0f };
		}
	}
	d->n_ex = n;
	for (size_t a = n; a > 1; a--) { /* Fisher-Yates */
		size_t b = gsl_rng_uniform_int(rng, a);
		ncf_example t = d->ex[a - 1];
		d->ex[a - 1] = d->ex[b];
		d->ex[b] = t;
	}
	return 0;
}

/* --- validation ----------------------------------------------------------- */

static void val_release(ncf_val *v)
{
	free(v->user), free(v->target), free(v->cand);
	memset(v, 0, sizeof *v);
}

/* One target per validation user (its latest test entry) and its
 * candidates: the split's negatives when given, else NCF_VAL_NEG items the
 * user rated neither in train nor in test, drawn from a generator of its own
 * so that validating does not change training. */
static int val_build(ncf_model *nm, const ratings *test, ll_error *err)
{
	ncf_val *v = &nm->val;
	val_release(v);
	const ncf_data *d = nm->data;
	int nu = ratings_n_users(test) < d->n_users ? ratings_n_users(test) : d->n_users;
	v->n_neg = nm->ext_neg ? nm->ext_n_neg : NCF_VAL_NEG;
	v->user = malloc((size_t)nu * sizeof *v->user);
	v->target = malloc((size_t)nu * sizeof *v->target);
	v->cand = malloc((size_t)nu * v->n_neg * sizeof *v->cand);
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!v->user || !v->target || !v->cand || !g) {
		gsl_rng_free(g);
		val_release(v);
		return ll_fail(err, "out of memory for validation");
	}
	gsl_rng_set(g, nm->cfg.seed + 7919);
	const ll_rating *e = ratings_entries(test);
	for (int u = 0; u < nu; u++) {
		const uint32_t *pos;
		size_t n = ratings_user_entries(test, u, &pos);
		if (n == 0)
			continue;
		size_t best = pos[0];
		for (size_t j = 1; j < n; j++)
			if (e[pos[j]].time >= e[best].time)
				best = pos[j];
		if (e[best].item >= d->n_items)
			continue;
		int32_t *c = v->cand + (size_t)v->n * v->n_neg;
		if (nm->ext_neg) {
			memcpy(c, nm->ext_neg + (size_t)u * v->n_neg, (size_t)v->n_neg * sizeof *c);
		} else {
			size_t free_items = (size_t)d->n_items - (d->uoff[u + 1] - d->uoff[u]) - n;
			int want = free_items < (size_t)v->n_neg ? (int)free_items : v->n_neg;
			int got = 0;
			while (got < want) {
				int j = ncf_sample_negative(d, g, u);
				int dup = ratings_find(test, u, j) >= 0;
				for (int t = 0; t < got && !dup; t++)
					dup = c[t] == j;
				if (!dup)
					c[got++] = j;
			}
			for (; got < v->n_neg; got++)
				c[got] = -1;
		}
		v->user[v->n] = u;
		v->target[v->n] = e[best].item;
		v->n++;
	}
	gsl_rng_free(g);
	nm->val_for = test;
	return 0;
}

static void val_measure(ncf_model *nm, double *hr, double *ndcg)
{
	const ncf_val *v = &nm->val;
	const model *m = &nm->base;
	float *comp = malloc((size_t)(v->n_neg ? v->n_neg : 1) * sizeof *comp);
	double h = 0, g = 0;
	for (int t = 0; comp && t < v->n; t++) {
		int u = v->user[t], nc = 0;
		const int32_t *c = v->cand + (size_t)t * v->n_neg;
		for (int j = 0; j < v->n_neg; j++)
			if (c[j] >= 0 && c[j] < m->n_items)
				comp[nc++] = (float)m->ops->predict(m, u, c[j]);
		int rank = metrics_rank((float)m->ops->predict(m, u, v->target[t]), comp, (size_t)nc);
		h += metrics_hit(rank, NCF_VAL_K);
		g += metrics_ndcg(rank, NCF_VAL_K);
	}
	*hr = comp && v->n ? h / v->n : NAN;
	*ndcg = comp && v->n ? g / v->n : NAN;
	free(comp);
}

/* --- the shared model state ----------------------------------------------- */

static const char *const implicit_algos[] = { "gmf", "mlp", "neumf", "logmf", "bpr" };

int ncf_model_check(const model *m)
{
	for (size_t i = 0; m && i < sizeof implicit_algos / sizeof *implicit_algos; i++)
		if (!strcmp(m->ops->algo, implicit_algos[i]))
			return 1;
	return 0;
}

int ncf_is_implicit(const model *m) { return ncf_model_check(m); }

int ncf_history(const model *m, const double **loss, const double **hr10, const double **ndcg10)
{
	if (!ncf_model_check(m))
		return 0;
	const ncf_model *nm = (const ncf_model *)m;
	if (loss)
		*loss = nm->h_loss;
	if (hr10)
		*hr10 = nm->h_hr;
	if (ndcg10)
		*ndcg10 = nm->h_ndcg;
	return nm->n_hist;
}

const char *ncf_loss_name(const model *m)
{
	if (!ncf_model_check(m))
		return NULL;
	return ((const ncf_model *)m)->kind == NCF_BPR ? N_("BPR loss") : N_("log loss");
}

_Static_assert(NCF_SHAPE_MAX == NCF_MAX_LAYERS + 1, "ncf.h's shape holds every tower level");

int ncf_shape(const model *m, ncf_shape_info *s)
{
	memset(s, 0, sizeof *s);
	if (!ncf_model_check(m))
		return -1;
	const ncf_model *nm = (const ncf_model *)m;
	if (nm->net) {
		s->n_tower = ncf_net_shape(nm->net, &s->factors, s->widths);
		return 0;
	}
	const ncf_cfg *c = &nm->cfg;
	s->factors = nm->kind == NCF_MLP ? 0 : c->factors;
	if (nm->kind == NCF_MLP || nm->kind == NCF_NEUMF) {
		s->n_tower = c->n_layers;
		memcpy(s->widths, c->layers, (size_t)c->n_layers * sizeof *s->widths);
	}
	return 0;
}

int ncf_set_negatives(model *m, const int32_t *negatives, int n_neg)
{
	if (!ncf_model_check(m))
		return -1;
	ncf_model *nm = (ncf_model *)m;
	nm->ext_neg = n_neg > 0 ? negatives : NULL;
	nm->ext_n_neg = n_neg > 0 ? n_neg : 0;
	nm->val_for = NULL; /* rebuild */
	return 0;
}

int ncf_model_setup(ncf_model *nm, const ratings *train, ll_error *err)
{
	model *m = &nm->base;
	model_init_shape(m, train);
	ncf_data_free(&nm->data);
	nm->data = ncf_data_new(train, err);
	if (!nm->data)
		return -1;
	if (m->epochs_done == 0) {
		gsl_rng_free(nm->rng);
		nm->rng = gsl_rng_alloc(gsl_rng_mt19937);
		if (!nm->rng)
			return ll_fail(err, "out of memory");
		gsl_rng_set(nm->rng, nm->cfg.seed);
		nm->n_hist = 0;
	} else if (!nm->rng) {
		/* continuing a loaded model: a stream of its own, still seeded */
		nm->rng = gsl_rng_alloc(gsl_rng_mt19937);
		if (!nm->rng)
			return ll_fail(err, "out of memory");
		gsl_rng_set(nm->rng, nm->cfg.seed + (unsigned long)m->epochs_done);
	}
	nm->val_for = NULL;
	return 0;
}

void ncf_model_release(ncf_model *nm)
{
	ncf_data_free(&nm->data);
	gsl_rng_free(nm->rng);
	nm->rng = NULL;
	free(nm->h_loss), free(nm->h_hr), free(nm->h_ndcg);
	val_release(&nm->val);
	ncf_net_free(&nm->net);
}

int ncf_model_end_epoch(ncf_model *nm, double loss, ll_error *err)
{
	model *m = &nm->base;
	if (!isfinite(loss))
		return ll_fail(err, "%s diverged (loss %g) at epoch %d: lower lr (now %g)",
			       m->ops->algo, loss, m->epochs_done, nm->cfg.lr);
	double hr = NAN, ndcg = NAN;
	if (m->validation) {
		if (nm->val_for != m->validation && val_build(nm, m->validation, err) < 0)
			return -1;
		val_measure(nm, &hr, &ndcg);
	}
	if (nm->n_hist == nm->cap_hist) {
		int cap = nm->cap_hist ? 2 * nm->cap_hist : 32;
		double *a = realloc(nm->h_loss, (size_t)cap * sizeof *a);
		if (a)
			nm->h_loss = a;
		double *b = a ? realloc(nm->h_hr, (size_t)cap * sizeof *b) : NULL;
		if (b)
			nm->h_hr = b;
		double *c = b ? realloc(nm->h_ndcg, (size_t)cap * sizeof *c) : NULL;
		if (c)
			nm->h_ndcg = c, nm->cap_hist = cap;
	}
	if (nm->n_hist < nm->cap_hist) {
		nm->h_loss[nm->n_hist] = loss;
		nm->h_hr[nm->n_hist] = hr;
		nm->h_ndcg[nm->n_hist] = ndcg;
		nm->n_hist++;
	}
	model_log_epoch(m, loss);
	return 0;
}

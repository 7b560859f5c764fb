/* ncf_train.c: the model operations shared by gmf, mlp and neumf: an epoch
 * of training, scores, saving and loading, and NeuMF's pretraining. */
#include "engine/nn/ncf_common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

model *ncf_gmf_create(params *opts, ll_error *err);
model *ncf_mlp_create(params *opts, ll_error *err);

/* NeuMF's two halves, made here rather than through algo.c's table so that
 * the family does not call back up into the factory. */
static model *make_part(const char *algo, params *p, ll_error *err)
{
	if (!strcmp(algo, "gmf"))
		return model_create(ncf_gmf_create, "gmf", 1, p, err);
	if (!strcmp(algo, "mlp"))
		return model_create(ncf_mlp_create, "mlp", 1, p, err);
	ll_fail(err, "holds a %s model, not gmf or mlp", algo);
	return NULL;
}

static model *empty_part(const char *algo, ll_error *err)
{
	return make_part(algo, NULL, err);
}

const ncf_net *ncf_model_net(const model *m)
{
	if (!ncf_model_check(m))
		return NULL;
	return ((const ncf_model *)m)->net;
}

/* Train a GMF or MLP model with NeuMF's options, in-process. */
static model *pretrain_part(const char *algo, const ncf_cfg *c, const ratings *train,
			    ll_error *err)
{
	params *p = params_new();
	char v[64];
	if (!p) {
		ll_fail(err, "out of memory");
		return NULL;
	}
#define SET(key, fmt, val) (snprintf(v, sizeof v, fmt, val), params_set(p, key, v))
	SET("factors", "%d", c->factors);
	if (!strcmp(algo, "mlp")) {
		char layers[128];
		size_t o = 0;
		for (int l = 0; l < c->n_layers; l++)
			o += (size_t)snprintf(layers + o, sizeof layers - o, "%s%d", l ? "," : "",
					      c->layers[l]);
		params_set(p, "layers", layers);
	}
	SET("neg", "%d", c->neg);
	SET("lr", "%.17g", c->lr);
	SET("batch", "%d", c->batch);
	SET("epochs", "%d", c->epochs);
	SET("reg", "%.17g", c->reg);
	SET("seed", "%lu", c->seed);
	SET("threads", "%d", c->threads);
#undef SET
	model *m = make_part(algo, p, err);
	params_free(&p);
	if (m && model_fit(m, train, err) < 0) {
		ll_prefix(err, "pretraining %s: ", algo);
		model_free(&m);
	}
	return m;
}

static model *pretrained_file(const char *path, const char *algo, ll_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		ll_fail(err, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	model *m = model_read_with(f, path, empty_part, NULL, err);
	fclose(f);
	if (!m)
		ll_prefix(err, "pretrain: ");
	if (m && strcmp(m->ops->algo, algo) != 0) {
		ll_fail(err, "pretrain: %s holds a %s model, not %s", path, m->ops->algo, algo);
		model_free(&m);
	}
	return m;
}

static int pretrain(ncf_model *nm, const ratings *train, ll_error *err)
{
	model *g, *m;
	if (nm->cfg.pretrain) {
		g = pretrain_part("gmf", &nm->cfg, train, err);
		m = g ? pretrain_part("mlp", &nm->cfg, train, err) : NULL;
	} else {
		g = pretrained_file(nm->cfg.pretrain_gmf, "gmf", err);
		m = g ? pretrained_file(nm->cfg.pretrain_mlp, "mlp", err) : NULL;
	}
	int rc = -1;
	if (g && m)
		rc = ncf_net_from_pretrained(nm->net, ncf_model_net(g), ncf_model_net(m), err);
	model_free(&g);
	model_free(&m);
	return rc;
}

int ncf_net_fit_epoch(model *m, const ratings *train, ll_error *err)
{
	ncf_model *nm = (ncf_model *)m;
	if (m->epochs_done == 0 || !nm->data) {
		if (m->epochs_done == 0)
			ncf_net_free(&nm->net);
		if (ncf_model_setup(nm, train, err) < 0)
			return -1;
	}
	if (!nm->net) {
		nm->net = ncf_net_new(nm->kind, &nm->cfg, m->n_users, m->n_items, nm->rng, err);
		if (!nm->net)
			return -1;
		if (nm->kind == NCF_NEUMF && (nm->cfg.pretrain || nm->cfg.pretrain_gmf[0]) &&
		    pretrain(nm, train, err) < 0)
			return -1;
	}
	if (ratings_n_users(train) != m->n_users || ratings_n_items(train) != m->n_items)
		return ll_fail(err, "%s was trained on %d users and %d items; this store has "
			       "%d and %d", m->ops->algo, m->n_users, m->n_items,
			       ratings_n_users(train), ratings_n_items(train));
	if (ncf_data_epoch(nm->data, nm->rng, nm->cfg.neg, 0, err) < 0)
		return -1;
	double loss;
	if (ncf_net_train(nm->net, nm->data->ex, nm->data->n_ex, &loss, err) < 0)
		return -1;
	m->epochs_done++;
	return ncf_model_end_epoch(nm, loss, err);
}

double ncf_net_predict(const model *m, int user, int item)
{
	const ncf_model *nm = (const ncf_model *)m;
	if (!nm->net || user < 0 || user >= m->n_users || item < 0 || item >= m->n_items)
		return 0;
	return ncf_net_score(nm->net, user, item);
}

void ncf_net_model_score_items(const model *m, int user, float *out)
{
	const ncf_model *nm = (const ncf_model *)m;
	if (!nm->net || user < 0 || user >= m->n_users) {
		memset(out, 0, (size_t)m->n_items * sizeof *out);
		return;
	}
	ncf_net_score_items(nm->net, user, out);
}

int ncf_net_save(const model *m, FILE *f, ll_error *err)
{
	const ncf_model *nm = (const ncf_model *)m;
	if (!nm->net)
		return ll_fail(err, "%s is not trained yet", m->ops->algo);
	return ncf_net_write(nm->net, f, err);
}

int ncf_net_load(model *m, FILE *f, ll_error *err)
{
	ncf_model *nm = (ncf_model *)m;
	ncf_net_free(&nm->net);
	nm->net = ncf_net_read(f, err);
	if (!nm->net)
		return -1;
	ncf_net_set_training(nm->net, &nm->cfg);
	return 0;
}

void ncf_net_destroy(model *m)
{
	ncf_model_release((ncf_model *)m);
}

model *ncf_net_model_new(const model_ops *ops, ncf_kind kind, params *p, ll_error *err)
{
	ncf_model *nm = calloc(1, sizeof *nm);
	if (!nm) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	nm->base.ops = ops;
	nm->kind = kind;
	if (ncf_cfg_read(&nm->cfg, kind, p, err) < 0) {
		free(nm);
		return NULL;
	}
	nm->base.n_epochs = nm->cfg.epochs;
	return &nm->base;
}

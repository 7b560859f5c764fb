/* ncf_mlp.c: NCF's multi-layer perceptron (He et al., WWW 2017): user and
 * item embeddings side by side, up a tower of ReLU layers, to one output.
 * Implicit feedback, ranking only; the network lives in ncf_net.c. */
#include "engine/nn/ncf_common.h"

static const model_ops mlp_ops = {
	.algo = "mlp",
	.fit_epoch = ncf_net_fit_epoch,
	.predict = ncf_net_predict,
	.score_items = ncf_net_model_score_items,
	.save = ncf_net_save,
	.load = ncf_net_load,
	.destroy = ncf_net_destroy,
};

model *ncf_mlp_create(params *p, ll_error *err)
{
	return ncf_net_model_new(&mlp_ops, NCF_MLP, p, err);
}

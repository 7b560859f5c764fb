/* ncf_mlp.c: multi-layer perceptron over concatenated user and item embeddings (He et al. 2017).
 * Implicit feedback, ranking only; the network lives in ncf_net.c. */
#include "engine/ncf_common.h"

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

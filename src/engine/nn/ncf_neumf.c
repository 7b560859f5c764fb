/* ncf_neumf.c: neural matrix factorization (He et al., WWW 2017): GMF and
 * the MLP side by side into one output layer, trained from scratch or from
 * pretrained GMF and MLP models (option pretrain). Implicit feedback,
 * ranking only; the network lives in ncf_net.c. */
#include "engine/nn/ncf_common.h"

static const model_ops neumf_ops = {
	.algo = "neumf",
	.fit_epoch = ncf_net_fit_epoch,
	.predict = ncf_net_predict,
	.score_items = ncf_net_model_score_items,
	.save = ncf_net_save,
	.load = ncf_net_load,
	.destroy = ncf_net_destroy,
};

model *ncf_neumf_create(params *p, ll_error *err)
{
	return ncf_net_model_new(&neumf_ops, NCF_NEUMF, p, err);
}

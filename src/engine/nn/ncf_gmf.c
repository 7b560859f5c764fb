/* ncf_gmf.c: generalized matrix factorization (He et al., WWW 2017): the
 * elementwise product of user and item embeddings, weighted by one output
 * layer. Implicit feedback, ranking only; the network lives in ncf_net.c. */
#include "engine/nn/ncf_common.h"

static const model_ops gmf_ops = {
	.algo = "gmf",
	.fit_epoch = ncf_net_fit_epoch,
	.predict = ncf_net_predict,
	.score_items = ncf_net_model_score_items,
	.save = ncf_net_save,
	.load = ncf_net_load,
	.destroy = ncf_net_destroy,
};

model *ncf_gmf_create(params *p, ll_error *err)
{
	return ncf_net_model_new(&gmf_ops, NCF_GMF, p, err);
}

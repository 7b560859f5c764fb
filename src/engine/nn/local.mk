## engine/nn: dense layers and Adam, the NCF models (GMF, MLP, NeuMF) and the
## dot-product models trained by the same implicit loop (logmf, bpr), and
## Wide & Deep (wide_deep*.c).
## Depends on model.
libengine_a_SOURCES += \
	src/engine/nn/nn.c src/engine/nn/nn.h src/engine/nn/nn_kernels.c \
	src/engine/nn/nn_team.c src/engine/nn/nn_team.h \
	src/engine/nn/ncf.h src/engine/nn/ncf_common.c src/engine/nn/ncf_common.h \
	src/engine/nn/ncf_net.c src/engine/nn/ncf_net_impl.h src/engine/nn/ncf_net_train.c \
	src/engine/nn/ncf_train.c \
	src/engine/nn/ncf_gmf.c src/engine/nn/ncf_mlp.c src/engine/nn/ncf_neumf.c \
	src/engine/nn/mf_bpr.c \
	src/engine/nn/wide_deep.c src/engine/nn/wide_deep.h src/engine/nn/wide_deep_impl.h \
	src/engine/nn/wide_deep_features.c src/engine/nn/wide_deep_train.c \
	src/engine/nn/wide_deep_file.c

## engine: pure numerics and data, no terminal code. One folder per module,
## each with its own local.mk; src/README draws the map. algo.c, the factory
## that names every model family, sits above the families and below eval.
include src/engine/core/local.mk
include src/engine/data/local.mk
include src/engine/model/local.mk
include src/engine/mf/local.mk
include src/engine/neighbours/local.mk
include src/engine/nn/local.mk
include src/engine/vectors/local.mk
include src/engine/content/local.mk
libengine_a_SOURCES += src/engine/algo.c src/engine/algo.h src/engine/algo_help.c \
	src/engine/finetune.c
include src/engine/eval/local.mk

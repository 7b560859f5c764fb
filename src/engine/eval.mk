## evaluation: splits, metrics, baselines, the driver, and `latentlab eval`.
libengine_a_SOURCES += \
	src/engine/split.c src/engine/split.h \
	src/engine/metrics.c src/engine/metrics.h \
	src/engine/baseline.c \
	src/engine/eval.c src/engine/eval.h

latentlab_SOURCES += \
	src/cli/cmd_eval.c \
	src/cli/format.c src/cli/format.h


## engine/vectors: what is done with trained vectors: exact search, the IVF
## index, quantization and its measurement, 2D projections. Depends on model.
libengine_a_SOURCES += \
	src/engine/vectors/vsearch.c src/engine/vectors/vsearch.h \
	src/engine/vectors/ann_ivf.c src/engine/vectors/ann_ivf.h \
	src/engine/vectors/vs_kernels.c src/engine/vectors/vs_kernels.h \
	src/engine/vectors/quant.c src/engine/vectors/quant.h \
	src/engine/vectors/quant_eval.c src/engine/vectors/quant_eval.h \
	src/engine/vectors/project.c src/engine/vectors/project.h \
	src/engine/vectors/survey.c src/engine/vectors/survey.h

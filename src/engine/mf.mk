## src/engine module: file lists (included from the top Makefile.am).
## matrix factorization: plain and biased SGD, ALS (explicit, implicit),
## truncated SVD, fold-in, trace hooks and SIMD kernels.
libengine_a_SOURCES += \
	src/engine/mf.c src/engine/mf.h src/engine/mf_impl.h src/engine/mf_trace.h \
	src/engine/mf_kernels.c src/engine/mf_kernels.h \
	src/engine/mf_sgd.c src/engine/mf_biased.c \
	src/engine/mf_als.c src/engine/mf_ials.c src/engine/mf_svd.c \
	src/engine/mf_foldin.c src/engine/mf_foldin.h

## engine/mf: matrix factorization (plain and biased SGD, ALS, implicit ALS,
## truncated SVD), fold-in, trace hooks and SIMD kernels. Depends on model.
libengine_a_SOURCES += \
	src/engine/mf/mf.c src/engine/mf/mf.h src/engine/mf/mf_impl.h src/engine/mf/mf_trace.h \
	src/engine/mf/mf_kernels.c src/engine/mf/mf_kernels.h \
	src/engine/mf/mf_cg.c src/engine/mf/mf_cg.h \
	src/engine/mf/mf_sgd.c src/engine/mf/mf_biased.c \
	src/engine/mf/mf_als.c src/engine/mf/mf_ials.c src/engine/mf/mf_svd.c \
	src/engine/mf/mf_foldin.c src/engine/mf/mf_foldin.h

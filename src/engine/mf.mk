## src/engine module: file lists (included from the top Makefile.am).
## matrix factorization: plain and biased SGD, ALS (explicit, implicit),
## truncated SVD, fold-in, trace hooks and SIMD kernels.
libengine_a_SOURCES += \
	src/engine/mf.c src/engine/mf.h src/engine/mf_impl.h src/engine/mf_trace.h \
	src/engine/mf_kernels.c src/engine/mf_kernels.h \
	src/engine/mf_sgd.c src/engine/mf_biased.c \
	src/engine/mf_als.c src/engine/mf_ials.c src/engine/mf_svd.c \
	src/engine/mf_foldin.c src/engine/mf_foldin.h

check_PROGRAMS += tests/test_mf_sgd
TESTS += tests/test_mf_sgd
tests_test_mf_sgd_SOURCES = tests/test_mf_sgd.c tests/check.h
tests_test_mf_sgd_LDADD = $(ENGINE_LIBS)

check_PROGRAMS += tests/test_mf_biased
TESTS += tests/test_mf_biased
tests_test_mf_biased_SOURCES = tests/test_mf_biased.c tests/check.h
tests_test_mf_biased_LDADD = $(ENGINE_LIBS)

BENCHES += bench/bench_mf
bench_bench_mf_SOURCES = bench/bench_mf.c
bench_bench_mf_LDADD = $(ENGINE_LIBS)

check_PROGRAMS += tests/test_mf_als
TESTS += tests/test_mf_als
tests_test_mf_als_SOURCES = tests/test_mf_als.c tests/check.h
tests_test_mf_als_LDADD = $(ENGINE_LIBS)

check_PROGRAMS += tests/test_mf_svd
TESTS += tests/test_mf_svd
tests_test_mf_svd_SOURCES = tests/test_mf_svd.c tests/check.h
tests_test_mf_svd_LDADD = $(ENGINE_LIBS)

latentlab_SOURCES += src/cli/cmd_train.c

BENCHES += bench/bench_als
bench_bench_als_SOURCES = bench/bench_als.c
bench_bench_als_LDADD = $(ENGINE_LIBS)

TESTS += tests/train_cli.sh
EXTRA_DIST += tests/train_cli.sh

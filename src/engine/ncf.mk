## src/engine module: file lists (included from the top Makefile.am).
## neural collaborative filtering (GMF, MLP, NeuMF), dot-product MF on
## implicit feedback (logmf, bpr), and `latentlab compare`.
libengine_a_SOURCES += \
	src/engine/nn.c src/engine/nn.h src/engine/nn_kernels.c \
	src/engine/ncf.h src/engine/ncf_common.c src/engine/ncf_common.h \
	src/engine/ncf_net.c src/engine/ncf_train.c \
	src/engine/ncf_gmf.c src/engine/ncf_mlp.c src/engine/ncf_neumf.c \
	src/engine/mf_bpr.c

check_PROGRAMS += tests/test_nn tests/test_ncf
TESTS += tests/test_nn tests/test_ncf
tests_test_nn_SOURCES = tests/test_nn.c tests/check.h
tests_test_nn_LDADD = $(ENGINE_LIBS)
tests_test_ncf_SOURCES = tests/test_ncf.c tests/check.h
tests_test_ncf_LDADD = $(ENGINE_LIBS)

BENCHES += bench/bench_ncf
bench_bench_ncf_SOURCES = bench/bench_ncf.c
bench_bench_ncf_LDADD = $(ENGINE_LIBS)

latentlab_SOURCES += src/cli/cmd_compare.c
TESTS += tests/compare_cli.sh
EXTRA_DIST += tests/compare_cli.sh

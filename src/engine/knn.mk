## src/engine module: file lists (included from the top Makefile.am).
## neighbours: similarities, KNN models, vector search, ANN, quantization,
## 2D projections.
libengine_a_SOURCES += \
	src/engine/sim.c src/engine/sim.h \
	src/engine/knn.c src/engine/knn.h \
	src/engine/vsearch.c src/engine/vsearch.h \
	src/engine/ann_ivf.c src/engine/ann_ivf.h \
	src/engine/quant.c src/engine/quant.h \
	src/engine/quant_eval.c src/engine/quant_eval.h \
	src/engine/project.c src/engine/project.h

check_PROGRAMS += tests/test_sim tests/test_knn tests/test_ann tests/test_quant \
	tests/test_project
TESTS += tests/test_sim tests/test_knn tests/test_ann tests/test_quant tests/test_project
tests_test_sim_SOURCES = tests/test_sim.c tests/check.h
tests_test_sim_LDADD = $(ENGINE_LIBS)
tests_test_knn_SOURCES = tests/test_knn.c tests/check.h
tests_test_knn_LDADD = $(ENGINE_LIBS)
tests_test_ann_SOURCES = tests/test_ann.c tests/check.h
tests_test_ann_LDADD = $(ENGINE_LIBS)
tests_test_quant_SOURCES = tests/test_quant.c tests/check.h
tests_test_quant_LDADD = $(ENGINE_LIBS)
tests_test_project_SOURCES = tests/test_project.c tests/check.h
tests_test_project_LDADD = $(ENGINE_LIBS)

BENCHES += bench/bench_knn bench/bench_ann bench/bench_quant
bench_bench_knn_SOURCES = bench/bench_knn.c
bench_bench_knn_LDADD = $(ENGINE_LIBS)
bench_bench_ann_SOURCES = bench/bench_ann.c
bench_bench_ann_LDADD = $(ENGINE_LIBS)
bench_bench_quant_SOURCES = bench/bench_quant.c
bench_bench_quant_LDADD = $(ENGINE_LIBS)

## batch commands: `latentlab quantize` and `latentlab ann`.
latentlab_SOURCES += \
	src/cli/cmd_quantize.c src/cli/cmd_ann.c \
	src/cli/nbcli.c src/cli/nbcli.h

## lab commands: search, ann, quantize, project.
liblab_a_SOURCES += src/lab/cmd_neighbours.c
TESTS += tests/neighbours_cli.sh
EXTRA_DIST += tests/neighbours_cli.sh

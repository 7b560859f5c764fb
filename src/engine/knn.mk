## src/engine module: file lists (included from the top Makefile.am).
## neighbours: similarities, KNN models, vector search, ANN, quantization,
## 2D projections.
libengine_a_SOURCES += \
	src/engine/sim.c src/engine/sim.h \
	src/engine/knn.c src/engine/knn.h \
	src/engine/vsearch.c src/engine/vsearch.h \
	src/engine/ann_ivf.c src/engine/ann_ivf.h

check_PROGRAMS += tests/test_sim tests/test_knn tests/test_ann
TESTS += tests/test_sim tests/test_knn tests/test_ann
tests_test_sim_SOURCES = tests/test_sim.c tests/check.h
tests_test_sim_LDADD = $(ENGINE_LIBS)
tests_test_knn_SOURCES = tests/test_knn.c tests/check.h
tests_test_knn_LDADD = $(ENGINE_LIBS)
tests_test_ann_SOURCES = tests/test_ann.c tests/check.h
tests_test_ann_LDADD = $(ENGINE_LIBS)

## evaluation: splits, metrics, baselines, the driver, and `latentlab eval`.
libengine_a_SOURCES += \
	src/engine/split.c src/engine/split.h \
	src/engine/metrics.c src/engine/metrics.h \
	src/engine/baseline.c src/engine/baseline.h \
	src/engine/eval.c src/engine/eval.h

latentlab_SOURCES += \
	src/cli/cmd_eval.c \
	src/cli/format.c src/cli/format.h

check_PROGRAMS += tests/test_split tests/test_metrics tests/test_baseline
TESTS += tests/test_split tests/test_metrics tests/test_baseline \
	tests/eval_cli.sh tests/eval_movielens.sh
EXTRA_DIST += tests/eval_cli.sh tests/eval_movielens.sh
tests_test_split_SOURCES = tests/test_split.c tests/check.h
tests_test_split_LDADD = $(ENGINE_LIBS)
tests_test_metrics_SOURCES = tests/test_metrics.c tests/check.h
tests_test_metrics_LDADD = $(ENGINE_LIBS)
tests_test_baseline_SOURCES = tests/test_baseline.c tests/check.h
tests_test_baseline_LDADD = $(ENGINE_LIBS)

# The output helpers live with the program; their test links them directly.
check_PROGRAMS += tests/test_format
TESTS += tests/test_format
tests_test_format_SOURCES = tests/test_format.c tests/check.h src/cli/format.c src/cli/format.h
tests_test_format_LDADD = $(LAB_LIBS)

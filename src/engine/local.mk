## engine core: errors, the ratings store, options, the model interface.
libengine_a_SOURCES += \
	src/engine/err.c src/engine/err.h \
	src/engine/strmap.c src/engine/strmap.h \
	src/engine/ratings.c src/engine/ratings.h \
	src/engine/params.c src/engine/params.h \
	src/engine/atomic.c src/engine/atomic.h \
	src/engine/model.c src/engine/model.h src/engine/model_impl.h \
	src/engine/algo.c src/engine/algo.h

check_PROGRAMS += tests/test_core
TESTS += tests/test_core
tests_test_core_SOURCES = tests/test_core.c tests/check.h
tests_test_core_LDADD = $(ENGINE_LIBS)

## lab: the command language, sessions, views and lessons.
liblab_a_SOURCES += \
	src/lab/paths.c src/lab/paths.h \
	src/lab/view.h src/lab/lab.h src/lab/lesson.h
liblab_a_SOURCES += src/lab/uwidth.c src/lab/uwidth.h
check_PROGRAMS += tests/test_uwidth
TESTS += tests/test_uwidth
tests_test_uwidth_SOURCES = tests/test_uwidth.c tests/check.h
tests_test_uwidth_LDADD = $(LAB_LIBS)

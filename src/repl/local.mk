## src/repl module: lessons (parsing, playing, listing), `latentlab run`,
## `latentlab check`, the Readline REPL, and the lesson format's man page.
## (Included from the top Makefile.am.)
liblab_a_SOURCES += \
	src/lab/lesson.c src/lab/lesson_impl.h \
	src/lab/lesson_list.c src/lab/lesson_list.h

check_PROGRAMS += tests/test_lesson
TESTS += tests/test_lesson
tests_test_lesson_SOURCES = tests/test_lesson.c tests/check.h
tests_test_lesson_LDADD = $(LAB_LIBS)
EXTRA_DIST += tests/lessons/detective.lesson tests/lessons/minimal.lesson

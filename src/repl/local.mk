## src/repl module: lessons (parsing, playing, listing), `latentlab run`,
## `latentlab check`, the Readline REPL, and the lesson format's man page.
## (Included from the top Makefile.am.)
liblab_a_SOURCES += \
	src/lab/lesson.c src/lab/lesson_parse.c src/lab/lesson_impl.h \
	src/lab/lesson_play.c src/lab/lesson_check.c \
	src/lab/lesson_list.c src/lab/lesson_list.h
latentlab_SOURCES += \
	src/repl/repl.c src/repl/repl.h src/repl/repl_rl.c src/repl/cmd_repl.c \
	src/cli/cmd_run.c src/cli/cmd_check.c

dist_man_MANS += man/latentlab-lesson.5

check_PROGRAMS += tests/test_lesson tests/test_completion
TESTS += tests/test_lesson tests/test_completion \
	tests/repl_toy.sh tests/repl_errors.sh tests/repl_tty.sh tests/run_errors.sh \
	tests/lessons_run.sh
tests_test_lesson_SOURCES = tests/test_lesson.c tests/check.h
tests_test_lesson_LDADD = $(LAB_LIBS)
# The Readline glue is compiled into the test: it needs no terminal.
tests_test_completion_SOURCES = tests/test_completion.c tests/check.h src/repl/repl_rl.c src/repl/repl.h
tests_test_completion_CFLAGS = $(AM_CFLAGS) $(READLINE_CFLAGS)
tests_test_completion_LDADD = $(LAB_LIBS) $(READLINE_LIBS)
EXTRA_DIST += tests/repl_toy.sh tests/repl_toy.expected tests/repl_errors.sh tests/repl_tty.sh \
	tests/run_errors.sh \
	tests/lessons_run.sh tests/lessons/detective.lesson tests/lessons/minimal.lesson

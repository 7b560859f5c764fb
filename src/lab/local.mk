## lab: the command language, sessions, views and lessons.
liblab_a_SOURCES += \
	src/lab/paths.c src/lab/paths.h \
	src/lab/view.h src/lab/lab.h src/lab/lesson.h
liblab_a_SOURCES += src/lab/uwidth.c src/lab/uwidth.h
check_PROGRAMS += tests/test_uwidth
TESTS += tests/test_uwidth
tests_test_uwidth_SOURCES = tests/test_uwidth.c tests/check.h
tests_test_uwidth_LDADD = $(LAB_LIBS)
# the lab core: session, parser, command registry and groups, expressions,
# views and their text rendering, session files, completion.
liblab_a_SOURCES += \
	src/lab/lab.c src/lab/lab_impl.h \
	src/lab/parse.c src/lab/parse.h \
	src/lab/registry.c src/lab/registry.h \
	src/lab/cmd_data.c src/lab/cmd_train.c src/lab/cmd_predict.c \
	src/lab/cmd_eval.c src/lab/cmd_plot.c src/lab/cmd_session.c \
	src/lab/expr.c src/lab/view.c \
	src/lab/view_text.c src/lab/view_text.h src/lab/view_text_chart.c src/lab/view_text_impl.h \
	src/lab/session_file.c src/lab/complete.c
check_PROGRAMS += tests/test_parse tests/test_lab tests/test_view_text
TESTS += tests/test_parse tests/test_lab tests/test_view_text
tests_test_parse_SOURCES = tests/test_parse.c tests/check.h
tests_test_parse_LDADD = $(LAB_LIBS)
tests_test_lab_SOURCES = tests/test_lab.c tests/check.h tests/labcheck.h
tests_test_lab_LDADD = $(LAB_LIBS)
tests_test_view_text_SOURCES = tests/test_view_text.c tests/check.h
tests_test_view_text_LDADD = $(LAB_LIBS)
# the toy lessons' story commands (setvec, foldin, coldstart, tug, map,
# weights, content, neighbours) and their test.
liblab_a_SOURCES += src/lab/cmd_story.c
check_PROGRAMS += tests/test_story
TESTS += tests/test_story
tests_test_story_SOURCES = tests/test_story.c tests/check.h tests/labcheck.h
tests_test_story_LDADD = $(LAB_LIBS)
liblab_a_SOURCES += src/lab/dataset.c src/lab/dataset.h

## src/tui module: file lists (included from the top Makefile.am).

# The braille canvas is front-end neutral: the lab's text renderer uses it too.
liblab_a_SOURCES += src/lab/canvas.c src/lab/canvas.h
check_PROGRAMS += tests/test_canvas
TESTS += tests/test_canvas
tests_test_canvas_SOURCES = tests/test_canvas.c tests/check.h
tests_test_canvas_LDADD = $(LAB_LIBS)

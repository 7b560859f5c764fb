## src/tui module: file lists (included from the top Makefile.am).

# The braille canvas is front-end neutral: the lab's text renderer uses it too.
liblab_a_SOURCES += src/lab/canvas.c src/lab/canvas.h
check_PROGRAMS += tests/test_canvas
TESTS += tests/test_canvas
tests_test_canvas_SOURCES = tests/test_canvas.c tests/check.h
tests_test_canvas_LDADD = $(LAB_LIBS)

# Pure parts of the TUI (no curses), unit-tested on their own.
noinst_LIBRARIES += libtui.a
libtui_a_SOURCES = src/tui/layout.c src/tui/layout.h src/tui/prose.c src/tui/prose.h
check_PROGRAMS += tests/test_layout tests/test_prose
TESTS += tests/test_layout tests/test_prose
tests_test_layout_SOURCES = tests/test_layout.c tests/check.h
tests_test_layout_LDADD = libtui.a
tests_test_prose_SOURCES = tests/test_prose.c tests/check.h
tests_test_prose_LDADD = libtui.a $(LAB_LIBS)

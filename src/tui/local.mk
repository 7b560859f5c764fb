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

# The curses front end: screens, widgets, prompt, signals.
libtui_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS) $(READLINE_CFLAGS)
libtui_a_SOURCES += \
	src/tui/tui.h src/tui/tui_main.c src/tui/bars.c src/tui/draw.c src/tui/draw.h \
	src/tui/theme.c src/tui/theme.h src/tui/signals.c src/tui/progress.c \
	src/tui/progress_store.c src/tui/prompt.c \
	src/tui/screen_browser.c src/tui/screen_player.c src/tui/screen_help.c \
	src/tui/screen_small.c \
	src/tui/scene.c src/tui/scene.h src/tui/scene_text.c src/tui/scene_table.c \
	src/tui/scene_matrix.c src/tui/scene_vectors.c src/tui/scene_sgd.c \
	src/tui/scene_scatter.c src/tui/scene_line.c src/tui/scene_bar.c src/tui/scene_hist.c
# libtui.a comes first: it uses the lab, the engine, curses and Readline.
latentlab_LDADD += libtui.a $(LAB_LIBS) $(NCURSESW_LIBS) $(READLINE_LIBS)

# End-to-end tests: the real program inside tmux (tests/tui_lib.sh).
TESTS += tests/tui_player.sh tests/tui_prompt.sh tests/tui_resize.sh tests/tui_theme.sh \
	tests/tui_progress.sh tests/tui_lessons.sh
EXTRA_DIST += tests/tui_lessons.sh tests/tui_lib.sh tests/tui_player.sh tests/tui_prompt.sh tests/tui_resize.sh \
	tests/tui_theme.sh tests/tui_progress.sh \
	tests/lessons/tui-sgd.lesson

BENCHES += bench/bench_tui
bench_bench_tui_SOURCES = bench/bench_tui.c
bench_bench_tui_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
bench_bench_tui_LDADD = libtui.a $(LAB_LIBS) $(NCURSESW_LIBS)

check_PROGRAMS += tests/test_progress_store
TESTS += tests/test_progress_store
tests_test_progress_store_SOURCES = tests/test_progress_store.c tests/check.h
tests_test_progress_store_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
tests_test_progress_store_LDADD = libtui.a $(LAB_LIBS)

## tui: the curses front end (the lesson browser and player): one main loop
## (tui_main.c) over screens that return what to do next, a leaf of terminal
## helpers (term.c), the state in app.h. Its pure parts (layout, prose) need
## no curses and are unit-tested alone; scenes, one per view kind, live in
## scene/.
noinst_LIBRARIES += libtui.a
libtui_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS) $(READLINE_CFLAGS)
libtui_a_SOURCES = \
	src/tui/layout.c src/tui/layout.h src/tui/prose.c src/tui/prose.h \
	src/tui/app.h src/tui/tui.h src/tui/tui_main.c \
	src/tui/term.c src/tui/term.h src/tui/signals.c \
	src/tui/draw.c src/tui/draw.h src/tui/theme.c src/tui/theme.h \
	src/tui/progress.c src/tui/progress_store.c src/tui/progress_store.h \
	src/tui/prompt.c \
	src/tui/screen_browser.c src/tui/player.c src/tui/player_keys.c \
	src/tui/screen_player.c src/tui/screen_help.c \
	src/tui/screen_small.c \
	src/tui/scene/scene.c src/tui/scene/scene.h src/tui/scene/scene_text.c \
	src/tui/scene/scene_table.c src/tui/scene/scene_matrix.c \
	src/tui/scene/scene_vectors.c src/tui/scene/scene_sgd.c \
	src/tui/scene/scene_scatter.c src/tui/scene/scene_line.c \
	src/tui/scene/scene_bar.c src/tui/scene/scene_hist.c
# libtui.a comes first: it uses the lab, the engine, curses and Readline.
latentlab_LDADD += libtui.a $(LAB_LIBS) $(NCURSESW_LIBS) $(READLINE_LIBS)

## tui: the curses front end (the lesson browser and player): one main loop
## (tui_main.c) over screens that return what to do next, a leaf of terminal
## helpers (term.c), the state in app.h. draw/ is the bottom layer the
## scenes and screens share (pane layout and prose wrapping, pure and
## unit-tested; curses drawing helpers and colour themes); scene/ holds one
## widget per view kind and sees only draw/; the rest of tui/ sees both.
noinst_LIBRARIES += libtui.a
libtui_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS) $(READLINE_CFLAGS)
libtui_a_SOURCES = \
	src/tui/draw/layout.c src/tui/draw/layout.h \
	src/tui/draw/prose.c src/tui/draw/prose.h \
	src/tui/draw/draw.c src/tui/draw/draw.h \
	src/tui/draw/theme.c src/tui/draw/theme.h \
	src/tui/layout.h src/tui/prose.h \
	src/tui/app.h src/tui/tui.h src/tui/tui_main.c \
	src/tui/term.c src/tui/term.h src/tui/signals.c \
	src/tui/progress.c src/tui/progress_store.c src/tui/progress_store.h \
	src/tui/prompt.c \
	src/tui/screen_browser.c src/tui/player.c src/tui/player_keys.c \
	src/tui/screen_player.c src/tui/screen_present.c src/tui/screen_help.c \
	src/tui/screen_small.c src/tui/headline.c src/tui/headline.h \
	src/tui/bigtext.c src/tui/bigtext.h \
	src/tui/scene/scene.c src/tui/scene/scene.h src/tui/scene/scene_text.c \
	src/tui/scene/scene_table.c src/tui/scene/scene_matrix.c \
	src/tui/scene/scene_vectors.c src/tui/scene/scene_sgd.c \
	src/tui/scene/scene_scatter.c src/tui/scene/scene_line.c \
	src/tui/scene/scene_map.c src/tui/scene/scene_map.h src/tui/scene/scene_arrows.c \
	src/tui/scene/scene_bar.c src/tui/scene/scene_hist.c \
	src/tui/scene/scene_groups.c src/tui/scene/scene_levels.c \
	src/tui/scene/scene_shape.c src/tui/scene/scene_heat.c
# libtui.a comes first: it uses the lab, the engine, curses and Readline.
latentlab_LDADD += libtui.a $(LAB_LIBS) $(NCURSESW_LIBS) $(READLINE_LIBS)

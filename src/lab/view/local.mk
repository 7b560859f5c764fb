## lab/view: the typed views commands return, their plain-text rendering,
## the braille canvas and display widths. Front-end neutral: the TUI, the
## REPL and `latentlab run` all draw from here. Depends on libc only (its
## words go through gettext: view_intl.h).
liblab_a_SOURCES += \
	src/lab/view/uwidth.c src/lab/view/uwidth.h \
	src/lab/view/canvas.c src/lab/view/canvas.h \
	src/lab/view/view.c src/lab/view/view.h src/lab/view/view_intl.h \
	src/lab/view/view_text.c src/lab/view/view_text.h src/lab/view/view_text_impl.h \
	src/lab/view/view_text_chart.c src/lab/view/view_text_util.c \
	src/lab/view/view_groups.c src/lab/view/view_text_bars.c \
	src/lab/view/view_levels.c src/lab/view/view_text_levels.c src/lab/view/view_axis.c \
	src/lab/view/chart.c src/lab/view/chart.h src/lab/view/view_arrows.c \
	src/lab/view/view_text_map.c \
	src/lab/view/view_shape.c src/lab/view/view_heat.c src/lab/view/view_text_shape.c \
	src/lab/view/view_lines.c src/lab/view/view_text_lines.c

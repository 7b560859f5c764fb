/* layout.h: where the panes go for a terminal of a given size. Pure
 * arithmetic, no curses, so it is unit-tested. */
#ifndef TUI_LAYOUT_H
#define TUI_LAYOUT_H

/* The smallest terminal the screens are designed for. */
#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_ROWS 16
/* From this width on, prose and scene sit side by side. */
#define LAYOUT_WIDE_COLS 100

typedef struct lrect {
	int y, x, h, w;
} lrect;

typedef struct layout {
	int side_by_side;  /* 1: prose left of the scene; 0: prose above it */
	lrect title;       /* top row */
	lrect prose;
	lrect divider;     /* a column (side by side) or a row between the panes */
	lrect scene;
	lrect status;      /* messages and the ':' prompt, second row from the bottom */
	lrect keys;        /* key bar, bottom row */
} layout;

/* 1 when rows x cols is at least the minimum. */
int layout_fits(int rows, int cols);
/* The player's panes; -1 (and *out zeroed) when the terminal is too small. */
int layout_player(int rows, int cols, layout *out);
/* The browser: title, a list (prose rect), details (scene rect), status and
 * keys; prose and scene stand for list and details. -1 when too small. */
int layout_browser(int rows, int cols, layout *out);
/* The first of n items to show so that sel is visible in a list of h rows
 * that showed items from top before (keeps scrolling steady). */
int layout_scroll(int top, int sel, int n, int h);

#endif

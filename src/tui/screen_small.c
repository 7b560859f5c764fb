/* screen_small.c: below the minimum size, say so plainly; everything comes
 * back when the terminal grows (the state is untouched meanwhile). */
#include <stdio.h>

#include "lab/view/uwidth.h"
#include "engine/core/intl.h"
#include "tui/draw/draw.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

void small_draw(tui *t)
{
	char need[128], now[128];
	snprintf(need, sizeof need, _("terminal too small: need %d x %d"), LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
	/* TRANSLATORS: the terminal's size now, under "terminal too small". */
	snprintf(now, sizeof now, _("(now %d x %d)"), t->cols, t->rows);
	erase();
	int y = t->rows / 2 - 1;
	if (y < 0)
		y = 0;
	/* Centred when it fits, else from the left edge, cut at the right. */
	int w1 = uw_width(need), w2 = uw_width(now);
	draw_text(stdscr, y, w1 < t->cols ? (t->cols - w1) / 2 : 0, t->cols, need, ROLE_ERROR, t->ascii);
	if (y + 1 < t->rows)
		draw_text(stdscr, y + 1, w2 < t->cols ? (t->cols - w2) / 2 : 0, t->cols, now, ROLE_DIM, t->ascii);
}

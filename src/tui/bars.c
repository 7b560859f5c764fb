/* bars.c: the title bar and the key bar shared by the screens. */
#include "lab/view/uwidth.h"
#include "tui/draw.h"
#include "tui/theme.h"
#include "tui/tui.h"

void tui_title(tui *t, const layout *l, const char *left, const char *right)
{
	lrect r = l->title;
	draw_clear(stdscr, r, ROLE_BAR);
	int rw = right ? uw_width(right) : 0;
	if (rw > r.w / 2)
		rw = r.w / 2;
	draw_text(stdscr, r.y, r.x + 1, r.w - rw - 3, left, ROLE_BAR, t->ascii);
	if (right)
		draw_text(stdscr, r.y, r.x + r.w - rw - 1, rw, right, ROLE_BAR, t->ascii);
}

void tui_keybar(tui *t, const layout *l, const char *const *pairs)
{
	lrect r = l->keys;
	draw_clear(stdscr, r, ROLE_BAR);
	int x = r.x + 1, end = r.x + r.w;
	for (int i = 0; pairs[i] && pairs[i + 1]; i += 2) {
		int need = uw_width(pairs[i]) + 1 + uw_width(pairs[i + 1]) + 2;
		if (x + need > end)
			break; /* whole pairs only */
		x += draw_text(stdscr, r.y, x, end - x, pairs[i], ROLE_KEY, t->ascii);
		x += draw_text(stdscr, r.y, x, end - x, " ", ROLE_BAR, t->ascii);
		x += draw_text(stdscr, r.y, x, end - x, pairs[i + 1], ROLE_BAR, t->ascii);
		x += draw_text(stdscr, r.y, x, end - x, "  ", ROLE_BAR, t->ascii);
	}
}

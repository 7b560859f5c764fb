/* screen_help.c: the help screen: the player's keys (read from
 * player_keys.c's table, so they are declared once) and the lab's commands
 * (from the lab's own table); any key goes back. */
#include "tui/draw/draw.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

void help_draw(tui *t)
{
	layout l;
	if (layout_player(t->rows, t->cols, &l))
		return;
	tui_title(t, &l, "latentlab: help", "any key goes back");
	int y = 2, x = 2, w = t->cols - 4;
	draw_text(stdscr, y++, x, w, "Keys", ROLE_TITLE, t->ascii);
	/* The player's key table, the rows that have a name. */
	for (int i = 0; i < player_n_keys && y < t->rows - 2; i++) {
		const tui_key *k = &player_keys[i];
		if (!k->name)
			continue;
		draw_text(stdscr, y, x + 2, 18, k->name, ROLE_EMPH, t->ascii);
		draw_text(stdscr, y, x + 21, w - 21, k->help, ROLE_NORMAL, t->ascii);
		y++;
	}
	if (y + 2 >= t->rows - 2)
		return;
	y++;
	draw_text(stdscr, y++, x, w, "Commands at the : prompt", ROLE_TITLE, t->ascii);
	/* Two columns of commands when there is room. */
	int nc = lab_command_count(), rows_left = t->rows - 2 - y;
	int cols = rows_left > 0 && nc > rows_left && w >= 100 ? 2 : 1, cw = w / cols;
	int per_col = rows_left > 1 ? rows_left : 1;
	for (int i = 0; i < nc; i++) {
		int r = i % per_col, c = i / per_col;
		if (c >= cols || (c == cols - 1 && r == per_col - 1 && i + 1 < nc)) {
			draw_fmt(stdscr, y + r, x + 2 + c * cw, cw - 2, ROLE_DIM, t->ascii,
				 "... %d more: ':help' lists them all", nc - i);
			break;
		}
		draw_text(stdscr, y + r, x + 2 + c * cw, 12, lab_command_name(i), ROLE_CODE, t->ascii);
		draw_text(stdscr, y + r, x + 15 + c * cw, cw - 15, lab_command_summary(i), ROLE_NORMAL, t->ascii);
	}
	static const char *const k[] = { "any key", "back", NULL };
	tui_keybar(t, &l, k);
}

tui_result help_key(tui *t, int key)
{
	(void)t, (void)key;
	return TUI_DO(ACT_BACK);
}

/* term.c: the leaf every screen, the prompt and the progress box call into
 * (htop's CRT.c): the monotonic clock, a key read as a character or an
 * offset curses key, the status message, and the title and key bars. It
 * knows the state struct (app.h) and the drawing helpers, and no screen. */
#define _XOPEN_SOURCE_EXTENDED 1
#define _POSIX_C_SOURCE 200809L
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lab/view/uwidth.h"
#include "engine/core/intl.h"
#include "tui/draw/draw.h"
#include "tui/term.h"
#include "tui/draw/theme.h"

double tui_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One key as the screens see it (ERR: none). */
static int read_key(void)
{
	wint_t ch;
	int rc = wget_wch(stdscr, &ch);
	if (rc == ERR)
		return ERR;
	if (rc == KEY_CODE_YES)
		return TUI_KEY((int)ch);
	if (ch == '\r')
		return '\n';
	return (int)ch;
}

/* After an Esc that curses did not turn into a key: the rest of the
 * sequence is already waiting (curses waited ESCDELAY for it). A CSI
 * (\e[ params final) or SS3 (\eO x) sequence is swallowed whole as
 * TUI_UNKNOWN, so that its '9' or '~' never reach a screen; \e and a
 * character is Alt; \e alone is Esc. */
static int after_esc(void)
{
	int delay = wgetdelay(stdscr);
	wtimeout(stdscr, 5);
	int key = read_key(), out;
	if (key == ERR) {
		out = TUI_ESC;
	} else if (key == '[') {
		/* Parameter and intermediate bytes 0x20-0x3f, then a final byte. */
		int c, n = 0;
		while ((c = read_key()) != ERR && c >= 0x20 && c <= 0x3f && n++ < 32)
			;
		out = TUI_UNKNOWN;
	} else if (key == 'O') {
		read_key();
		out = TUI_UNKNOWN;
	} else if (key == TUI_ESC) {
		out = TUI_ESC; /* Esc pressed twice: one of them */
	} else if (key < TUI_FN) {
		out = TUI_ALT(key);
	} else {
		out = TUI_UNKNOWN; /* Esc before a function key (Alt-Up) */
	}
	wtimeout(stdscr, delay);
	return out;
}

int tui_getkey(void)
{
	int key = read_key();
	return key == TUI_ESC ? after_esc() : key;
}

void tui_status(tui *t, int role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, _(fmt), ap);
	va_end(ap);
	/* One line: the first line of a multi-line message. */
	char *nl = strchr(t->status, '\n');
	if (nl)
		*nl = 0;
	t->status_role = role;
}

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
		const char *label = _(pairs[i + 1]);
		int need = uw_width(pairs[i]) + 1 + uw_width(label) + 2;
		if (x + need > end)
			break; /* whole pairs only */
		x += draw_text(stdscr, r.y, x, end - x, pairs[i], ROLE_KEY, t->ascii);
		x += draw_text(stdscr, r.y, x, end - x, " ", ROLE_BAR, t->ascii);
		x += draw_text(stdscr, r.y, x, end - x, label, ROLE_BAR, t->ascii);
		x += draw_text(stdscr, r.y, x, end - x, "  ", ROLE_BAR, t->ascii);
	}
}

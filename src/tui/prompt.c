/* prompt.c: the ':' command prompt: the REPL's Readline (history and
 * completion from repl_readline_init) run through Readline's callback
 * interface inside curses. Curses reads the keys; they reach Readline
 * through rl_getc_function; Readline's line is drawn by our redisplay
 * function in the status row, the cursor at the display width of the text
 * before rl_point. Readline installs no signal handlers here. A finished
 * line runs on the lab; its views go back to the loop as ACT_SHOW_VIEWS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "lab/view/uwidth.h"
#include "repl/repl.h"
#include "engine/core/intl.h"
#include "tui/draw/draw.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

static tui *the_tui;
static int active;
static char *finished;      /* a line Readline handed back, to run */
static int finished_eof;
static unsigned char queue[64];
static int q_head, q_tail;
static FILE *devnull;
static char hint[1024];     /* completion candidates, shown in the key bar */

static int rl_getc_queue(FILE *f)
{
	(void)f;
	if (q_head == q_tail)
		return '\n'; /* never reached: we only call Readline with input queued */
	return queue[q_head++];
}

static int rl_input_ready(void)
{
	return q_head < q_tail;
}

static void push(const char *bytes, size_t n)
{
	if (q_head == q_tail)
		q_head = q_tail = 0;
	for (size_t i = 0; i < n && q_tail < (int)sizeof queue; i++)
		queue[q_tail++] = (unsigned char)bytes[i];
}

static void redisplay(void)
{
	if (the_tui)
		the_tui->status[0] = 0;
	/* Drawn by prompt_draw from the main loop's redraw. */
}

static void on_line(char *line)
{
	if (line)
		finished = line;
	else
		finished_eof = 1;
	rl_callback_handler_remove();
	active = 0;
}

static void show_matches(char **matches, int n, int max)
{
	(void)max;
	size_t len = 0;
	hint[0] = 0;
	for (int i = 1; i <= n && len + 2 < sizeof hint; i++) {
		int k = snprintf(hint + len, sizeof hint - len, "%s%s", i > 1 ? "  " : "", matches[i]);
		if (k < 0)
			break;
		len += (size_t)k;
		if (len >= sizeof hint)
			len = sizeof hint - 1;
	}
}

static void no_prep(int meta)
{
	(void)meta;
}

static void no_deprep(void)
{
}

int prompt_init(tui *t)
{
	the_tui = t;
	/* Readline must neither catch signals nor touch the terminal. */
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = no_prep;
	rl_deprep_term_function = no_deprep;
	devnull = fopen("/dev/null", "w");
	if (devnull)
		rl_outstream = devnull;
	rl_getc_function = rl_getc_queue;
	rl_input_available_hook = rl_input_ready;
	rl_redisplay_function = redisplay;
	rl_completion_display_matches_hook = show_matches;
	int rc = repl_readline_init(t->lab);
	rl_variable_bind("show-all-if-ambiguous", "on");
	rl_variable_bind("bell-style", "none");
	return rc;
}

void prompt_done(void)
{
	if (active)
		rl_callback_handler_remove();
	active = 0;
	repl_readline_done();
	if (devnull) {
		rl_outstream = NULL;
		fclose(devnull);
		devnull = NULL;
	}
}

int prompt_active(void)
{
	return active;
}

void prompt_open(tui *t)
{
	active = 1;
	hint[0] = 0;
	t->status[0] = 0;
	rl_callback_handler_install(":", on_line);
}

/* Curses keys as the bytes a terminal would have sent Readline. */
static void feed(int key)
{
	char buf[8];
	switch (key) {
	case TUI_KEY(KEY_LEFT): push("\033[D", 3); return;
	case TUI_KEY(KEY_RIGHT): push("\033[C", 3); return;
	case TUI_KEY(KEY_UP): push("\033[A", 3); return;
	case TUI_KEY(KEY_DOWN): push("\033[B", 3); return;
	case TUI_KEY(KEY_HOME): push("\001", 1); return;
	case TUI_KEY(KEY_END): push("\005", 1); return;
	case TUI_KEY(KEY_BACKSPACE): push("\177", 1); return;
	case TUI_KEY(KEY_DC):
		if (rl_point < rl_end)
			push("\033[3~", 4);
		return;
	case TUI_KEY(KEY_ENTER): case '\n': push("\r", 1); return;
	}
	/* Alt-b, Alt-f, ...: Readline's Meta keys, sent as Esc and the key. */
	if (key > TUI_ALT(0) && key < TUI_ALT(0x80)) {
		buf[0] = '\033', buf[1] = (char)(key - TUI_ALT(0));
		push(buf, 2);
		return;
	}
	if (key >= TUI_FN)
		return;
	/* A character: its UTF-8 bytes. */
	unsigned c = (unsigned)key;
	int n;
	if (c < 0x80)
		buf[0] = (char)c, n = 1;
	else if (c < 0x800)
		buf[0] = (char)(0xc0 | c >> 6), buf[1] = (char)(0x80 | (c & 0x3f)), n = 2;
	else if (c < 0x10000)
		buf[0] = (char)(0xe0 | c >> 12), buf[1] = (char)(0x80 | ((c >> 6) & 0x3f)),
		buf[2] = (char)(0x80 | (c & 0x3f)), n = 3;
	else
		buf[0] = (char)(0xf0 | c >> 18), buf[1] = (char)(0x80 | ((c >> 12) & 0x3f)),
		buf[2] = (char)(0x80 | ((c >> 6) & 0x3f)), buf[3] = (char)(0x80 | (c & 0x3f)), n = 4;
	push(buf, (size_t)n);
}

/* Run a finished line; its views go to the player through the loop. */
static tui_result run_line(tui *t, char *line)
{
	const char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return TUI_DO(ACT_REDRAW);
	repl_history_add(line);
	view *out = NULL;
	ll_error err = { { 0 } };
	progress_begin(t);
	int rc = lab_exec(t->lab, line, &out, &err);
	progress_end(t);
	if (rc) {
		view_free(&out);
		tui_status(t, ROLE_ERROR, "%s", err.msg[0] ? err.msg : _("command failed"));
		return TUI_DO(ACT_REDRAW);
	}
	t->dirty = 1;
	t->in_sync = 0;
	if (!out) {
		tui_status(t, ROLE_GOOD, "ok: %s", line);
		return TUI_DO(ACT_REDRAW);
	}
	/* Showing the views leaves the status row alone: set it now. */
	if (!t->status[0])
		tui_status(t, ROLE_DIM, ":%s", line);
	return (tui_result){ .act = ACT_SHOW_VIEWS, .arg.views = out };
}

tui_result prompt_key(tui *t, int key)
{
	if (key == TUI_ESC || key == 7 /* Ctrl-G */) {
		rl_callback_handler_remove();
		active = 0;
		hint[0] = 0;
		return TUI_DO(ACT_REDRAW);
	}
	tui_result r = TUI_DO(ACT_REDRAW);
	feed(key);
	while (active && q_head < q_tail)
		rl_callback_read_char();
	q_head = q_tail = 0;
	if (finished) {
		char *line = finished;
		finished = NULL;
		hint[0] = 0;
		r = run_line(t, line);
		free(line);
	}
	finished_eof = 0;
	return r;
}

void prompt_draw(tui *t, const layout *l)
{
	if (!active)
		return;
	lrect s = l->status;
	draw_clear(stdscr, s, ROLE_NORMAL);
	const char *buf = rl_line_buffer ? rl_line_buffer : "";
	int room = s.w - 2;
	int before = uw_width_n(buf, (size_t)(rl_point > 0 ? rl_point : 0));
	/* Scroll horizontally so the cursor stays on screen. */
	const char *vis = buf;
	int skipped = 0;
	while (before - skipped >= room && *vis) {
		uint32_t cp;
		int n = uw_decode(vis, &cp);
		skipped += uw_cp_width(cp);
		vis += n;
	}
	draw_text(stdscr, s.y, s.x, 1, ":", ROLE_KEY, t->ascii);
	draw_text(stdscr, s.y, s.x + 1, room, vis, ROLE_NORMAL, t->ascii);
	if (hint[0]) {
		draw_clear(stdscr, l->keys, ROLE_BAR);
		draw_text(stdscr, l->keys.y, l->keys.x + 1, l->keys.w - 1, hint, ROLE_BAR, t->ascii);
	}
	wmove(stdscr, s.y, s.x + 1 + before - skipped);
}

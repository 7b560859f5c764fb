/* tui_main.c: `latentlab` with no command (its options: cli/cmd_tui.c):
 * curses set-up, and the
 * one main loop that reads keys, runs animation frames and redraws. Keys go
 * to the prompt when it is open, else to the current screen; what the
 * screen returns (a tui_result) is carried out here, in perform(), so the
 * screens never call one another. */
#define _XOPEN_SOURCE_EXTENDED 1
#define _POSIX_C_SOURCE 200809L
#include <config.h>

#include <curses.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/core/intl.h"
#include "tui/draw/theme.h"
#include "lab/me.h"
#include "tui/tui.h"

/* The "Keys:" paragraph, from the player's key table, wrapped at 72. */
void tui_print_keys(FILE *out)
{
	char line[256];
	snprintf(line, sizeof line, "%s", _("Keys:"));
	int first = 1;
	for (int i = 0; i < player_n_keys; i++) {
		const tui_key *k = &player_keys[i];
		if (!k->usage_label)
			continue;
		char key[32], item[96];
		if (k->usage_key) {
			snprintf(key, sizeof key, "%s", k->usage_key);
		} else { /* "Right, Space, n" -> "Right/Space/n" */
			size_t n = 0;
			for (const char *p = k->name; *p && n + 1 < sizeof key; p++) {
				if (p[0] == ',' && p[1] == ' ')
					key[n++] = '/', p++;
				else
					key[n++] = *p;
			}
			key[n] = 0;
		}
		snprintf(item, sizeof item, "%s %s", key, _(k->usage_label));
		if (!first && strlen(line) + 2 + strlen(item) > 72) {
			fprintf(out, "%s,\n", line);
			line[0] = 0;
		} else if (!first) {
			strcat(line, ",");
		}
		if (line[0])
			strcat(line, " ");
		strncat(line, item, sizeof line - strlen(line) - 1);
		first = 0;
	}
	fprintf(out, "%s.\n", line);
}

/* The longest wait for a key: how soon a signal's flag is seen. */
#define WAKE_MS 40

static void resize(tui *t)
{
	int rows, cols;
	tui_sig_winch = 0;
	if (signals_term_size(&rows, &cols) == 0 && (rows != LINES || cols != COLS))
		resizeterm(rows, cols);
	t->rows = LINES, t->cols = COLS;
	clearok(curscr, TRUE);
}

/* The player, and over its status row the ':' prompt when it is open
 * (presenting: over the bottom row, its hints on the row above). */
static void draw_player(tui *t)
{
	if (t->present)
		present_draw(t);
	else
		player_draw(t);
	layout l;
	if (layout_player(t->rows, t->cols, &l))
		return;
	if (t->present) {
		l.status = (lrect){ t->rows - 1, 0, 1, t->cols };
		l.keys = (lrect){ t->rows - 2, 0, 1, t->cols };
	}
	prompt_draw(t, &l);
}

static void draw(tui *t)
{
	erase();
	if (!layout_fits(t->rows, t->cols))
		small_draw(t);
	else if (t->screen == SCR_HELP)
		help_draw(t);
	else if (t->screen == SCR_PLAYER)
		draw_player(t);
	else
		browser_draw(t);
	/* The cursor shows only in the prompt (placed there by prompt_draw). */
	curs_set(prompt_active() && layout_fits(t->rows, t->cols) ? 1 : 0);
	wnoutrefresh(stdscr);
	doupdate();
}

static tui_result handle_key(tui *t, int key)
{
	if (key == TUI_KEY(KEY_RESIZE)) {
		resize(t);
		return TUI_DO(ACT_REDRAW);
	}
	if (key == 12) { /* Ctrl-L: repaint everything */
		clearok(curscr, TRUE);
		return TUI_DO(ACT_REDRAW);
	}
	if (prompt_active())
		return prompt_key(t, key);
	/* Too small: only q works, and only when nothing would be lost. */
	if (!layout_fits(t->rows, t->cols))
		return TUI_DO(key == 'q' && !t->dirty ? ACT_QUIT : ACT_NONE);
	switch (t->screen) {
	case SCR_HELP: return help_key(t, key);
	case SCR_PLAYER: return player_key(t, key);
	default: return browser_key(t, key);
	}
}

/* Carry out what a screen asked for; 1 when the program should end. */
static int perform(tui *t, tui_result r)
{
	switch (r.act) {
	case ACT_NONE:
	case ACT_REDRAW:
		break;
	case ACT_OPEN_LESSON: {
		/* From one lesson to the next, autoplay goes on. */
		int autoplay = t->screen == SCR_PLAYER && t->autoplay;
		if (player_open(t, r.arg.lesson->path, r.arg.lesson->name)) {
			t->autoplay = 0; /* the lesson did not open: said on the status row */
		} else if (autoplay) {
			t->autoplay = 1;
			player_restart(t);
		}
		break;
	}
	case ACT_SHOW_VIEWS:
		player_show_command(t, r.arg.views);
		break;
	case ACT_PROMPT:
		prompt_open(t);
		break;
	case ACT_HELP:
		t->help_back = t->screen;
		t->screen = SCR_HELP;
		break;
	case ACT_BACK:
		if (t->screen == SCR_HELP) {
			t->screen = t->help_back;
		} else {
			player_close(t);
			t->screen = SCR_BROWSER;
		}
		break;
	case ACT_QUIT:
		return 1;
	}
	return 0;
}

/* The lesson asked for: a file, as `latentlab run` takes it, or a
 * lesson's name; NULL (said on stderr) when there is none. */
static char *find_lesson(const char *name)
{
	char *path = NULL;
	if (access(name, R_OK) == 0)
		path = strdup(name);
	else if (!strchr(name, '/'))
		path = lesson_find(name);
	if (!path)
		fprintf(stderr, _("latentlab: %s: no such file or lesson\n"), name);
	return path;
}

static int run(tui *t, const char *path, const char *lesson_name)
{
	if (path) {
		t->standalone = 1;
		int rc = player_open(t, path, lesson_name);
		if (rc) {
			signals_restore_terminal();
			fprintf(stderr, "latentlab: %s\n", t->status);
			return 1;
		}
	}
	/* Draw only when something changed; wake often enough that a resize
	 * (SIGWINCH, which does not end curses' wait for a key) is seen at
	 * once. */
	int changed = 1;
	for (;;) {
		if (tui_sig_quit)
			break;
		if (tui_sig_winch) {
			resize(t);
			changed = 1;
		}
		if (changed)
			draw(t);
		changed = 0;
		double wait = t->screen == SCR_PLAYER ? player_wait(t) : -1;
		int ms = wait < 0 ? WAKE_MS : (int)(wait * 1000);
		if (ms > WAKE_MS)
			ms = WAKE_MS;
		timeout(ms);
		int key = tui_getkey();
		if (key != ERR) {
			changed = 1;
			if (perform(t, handle_key(t, key)))
				break;
		}
		if (t->screen == SCR_PLAYER) {
			tui_result r = player_tick(t);
			changed |= r.act != ACT_NONE;
			if (perform(t, r))
				break;
		}
	}
	return 0;
}

int tui_main(int theme, const char *lesson_name, int present)
{
	int rc;
	if (!isatty(0) || !isatty(1)) {
		fputs(_("latentlab: the lesson browser needs a terminal (try 'latentlab run FILE' or "
			"'latentlab repl')\n"), stderr);
		return 1;
	}
	tui t;
	memset(&t, 0, sizeof t);
	t.quiz_answer = -1;
	t.speed = 2;
	t.present = present;
	char *path = lesson_name ? find_lesson(lesson_name) : NULL;
	if (lesson_name && !path)
		return 1;
	const char *cs = nl_langinfo(CODESET);
	t.ascii = !(cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")));
	t.lab = lab_new();
	if (!t.lab) {
		fputs(_("latentlab: out of memory\n"), stderr);
		free(path);
		return 1;
	}
	/* The answers of rating steps are the learner's: saved as they come. */
	lab_me_keep(t.lab, 1);
	t.progress = pstore_load();
	browser_load(&t);

	/* Our SIGWINCH handler is in place before initscr, so curses keeps
	 * out of it and resizes only when the loop says so. */
	signals_install();
	set_escdelay(25);
	if (!initscr()) {
		fputs(_("latentlab: cannot set up the terminal\n"), stderr);
		lab_free(&t.lab);
		free(path);
		return 1;
	}
	atexit(signals_restore_terminal);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	theme_init(theme);
	t.rows = LINES, t.cols = COLS;
	prompt_init(&t);
	progress_attach(&t);

	rc = run(&t, path, lesson_name);
	free(path);

	prompt_done();
	signals_restore_terminal();
	player_close(&t);
	free(t.next.name);
	free(t.next.path);
	lesson_list_free(&t.lessons, t.n_lessons);
	pstore_free(&t.progress);
	lab_free(&t.lab);
	return rc;
}

/* player_keys.c: what each key does in the lesson player, declared once.
 * Each key is a named function in one {keys, handler, texts} table
 * (htop's Action.c, without its separate help lists): player_key()
 * dispatches through it, and the key bar (screen_player.c), the help
 * screen (screen_help.c) and `latentlab --help` (tui_main.c) print their
 * lines from the same rows. Two modes come before the table: typing a step
 * number after g, and the y/n question before work at the prompt is lost. */
#include <stdlib.h>
#include <string.h>

#include "tui/scene/scene.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

/* Back to the browser (the loop closes the lesson), or out. */
static tui_result leave(tui *t, int quit)
{
	return TUI_DO(quit || t->standalone ? ACT_QUIT : ACT_BACK);
}

/* After g: digits, Backspace, Enter goes, Esc gives up. */
static tui_result goto_key(tui *t, int key)
{
	size_t n = strlen(t->goto_buf);
	if (key >= '0' && key <= '9' && n + 1 < sizeof t->goto_buf) {
		t->goto_buf[n] = (char)key;
		t->goto_buf[n + 1] = 0;
	} else if ((key == TUI_KEY(KEY_BACKSPACE) || key == 127 || key == 8) && n) {
		t->goto_buf[n - 1] = 0;
	} else if (key == '\n' || key == TUI_KEY(KEY_ENTER)) {
		t->goto_active = 0;
		int s = atoi(t->goto_buf);
		if (s < 1 || s > t->n_steps)
			tui_status(t, ROLE_ERROR, "no step %s: the lesson has steps 1 to %d", t->goto_buf, t->n_steps);
		else
			player_go(t, s - 1);
	} else if (key == TUI_ESC) {
		t->goto_active = 0;
	}
	return TUI_DO(ACT_REDRAW);
}

static tui_result answer(tui *t, int choice)
{
	const lesson_quiz *q = lesson_step_quiz(t->les, t->step);
	if (!q || choice < 0 || choice >= q->n_choices)
		return TUI_DO(ACT_NONE);
	t->quiz_answer = choice;
	free(t->quiz_text);
	t->quiz_text = NULL;
	if (q->explanation) {
		ll_error err = { { 0 } };
		if (lesson_expand(t->lab, t->les, q->explanation, q->explanation_line, &t->quiz_text, &err))
			tui_status(t, ROLE_ERROR, "%s", err.msg);
	}
	return TUI_DO(ACT_REDRAW);
}

/* ---- one function per key ---- */

static tui_result key_next(tui *t, int key)
{
	if (t->cmd_views) { /* first back to the lesson's own scene */
		view_free(&t->cmd_views);
		player_restart(t);
		t->frame = t->total_frames - 1;
	} else if (player_quiz_pending(t)) {
		tui_status(t, ROLE_EMPH, "answer the quiz first: press 1..%d", player_quiz(t)->n_choices);
	} else if (t->step + 1 < t->n_steps) {
		player_go(t, t->step + 1);
	} else {
		tui_status(t, ROLE_GOOD, "that was the last step (b: back to the lessons)");
	}
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_prev(tui *t, int key)
{
	if (t->step > 0)
		player_go(t, t->step - 1);
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_replay(tui *t, int key)
{
	t->frame = 0;
	t->paused = 0;
	t->next_tick = tui_now() + player_frame_delay(t);
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_end(tui *t, int key)
{
	t->frame = t->total_frames - 1;
	return TUI_DO(ACT_REDRAW);
}

/* '.': the next SGD update (or the next frame), then pause; ',': the
 * previous one. */
static tui_result key_update(tui *t, int key)
{
	if (t->total_frames > 1) {
		int per = 1;
		for (int i = 0; i < t->n_items; i++)
			if (t->items[i].first->kind == VIEW_SGD_STEP)
				per = SGD_PHASES;
		/* '.' first finishes the update on screen, then shows the next. */
		int idx = t->frame / per, done = t->frame % per == per - 1;
		idx += key == '.' ? done : -1;
		if (idx < 0)
			idx = 0;
		t->frame = per > 1 ? idx * per + per - 1 : idx;
		if (t->frame > t->total_frames - 1)
			t->frame = t->total_frames - 1;
		t->paused = 1;
	}
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_pause(tui *t, int key)
{
	t->paused = !t->paused;
	t->next_tick = tui_now() + player_frame_delay(t);
	tui_status(t, ROLE_DIM, t->paused ? "animation paused (s goes on, . and , step)" : "animation goes on");
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_autoplay(tui *t, int key)
{
	t->autoplay = !t->autoplay;
	t->next_tick = tui_now() + player_frame_delay(t);
	tui_status(t, ROLE_DIM, t->autoplay ? "autoplay on (a stops, +/- speed)" : "autoplay off");
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_speed(tui *t, int key)
{
	if (key == '-') {
		if (t->speed > 0)
			t->speed--;
	} else if (t->speed + 1 < PLAYER_SPEEDS) {
		t->speed++;
	}
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_goto(tui *t, int key)
{
	t->goto_active = 1;
	t->goto_buf[0] = 0;
	return TUI_DO(ACT_REDRAW);
}

/* Answers by number, or by capital letter (lower case keys are taken). */
static tui_result key_answer(tui *t, int key)
{
	if (!player_quiz(t))
		return TUI_DO(ACT_NONE);
	return answer(t, key >= 'A' ? key - 'A' : key - '1');
}

static tui_result key_scroll_prose(tui *t, int key)
{
	if (key == TUI_KEY(KEY_DOWN) || key == 'j')
		t->prose_top++;
	else if (t->prose_top > 0)
		t->prose_top--;
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_scroll_scene(tui *t, int key)
{
	if (key == TUI_KEY(KEY_NPAGE)) {
		if (t->scene_top + 1 < t->n_items)
			t->scene_top++;
	} else if (t->scene_top > 0) {
		t->scene_top--;
	}
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_prompt(tui *t, int key)
{
	return TUI_DO(ACT_PROMPT);
}

static tui_result key_lessons(tui *t, int key)
{
	if (!t->dirty)
		return leave(t, 0);
	t->quit_asked = t->standalone ? 2 : 1;
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_help(tui *t, int key)
{
	return TUI_DO(ACT_HELP);
}

static tui_result key_quit(tui *t, int key)
{
	if (!t->dirty)
		return TUI_DO(ACT_QUIT);
	t->quit_asked = 2;
	return TUI_DO(ACT_REDRAW);
}

/* ---- the table ---- */

#define KEYS(...) ((const int[]){ __VA_ARGS__, 0 })

/* In the help screen's order. Rows without keys are handled elsewhere (by
 * the main loop or the progress box) and are listed for the help only. */
const tui_key player_keys[] = {
	{ .keys = KEYS(TUI_KEY(KEY_RIGHT), ' ', 'n'), .run = key_next,
	  .name = "Right, Space, n", .help = "next step",
	  .bar = 1, .bar_key = "→/n", .bar_key_ascii = "->/n", .bar_label = "next", .usage_label = "next step" },
	{ .keys = KEYS(TUI_KEY(KEY_LEFT), 'p'), .run = key_prev,
	  .name = "Left, p", .help = "previous step (replayed exactly from the lesson's seed)",
	  .bar = 2, .bar_key = "←/p", .bar_key_ascii = "<-/p", .bar_label = "back", .usage_label = "previous" },
	{ .keys = KEYS('r'), .run = key_replay,
	  .name = "r", .help = "replay the scene's animation",
	  .bar = 6, .bar_key = "r", .bar_label = "replay", .usage_label = "replay" },
	{ .keys = KEYS('e'), .run = key_end,
	  .name = "e", .help = "jump to the end of the animation" },
	{ .keys = KEYS('.', ','), .run = key_update,
	  .name = ". ,", .help = "next / previous SGD update (pauses the animation)" },
	{ .keys = KEYS('s'), .run = key_pause,
	  .name = "s", .help = "pause or resume the animation" },
	{ .keys = KEYS('a'), .run = key_autoplay,
	  .name = "a", .help = "autoplay on/off",
	  .bar = 7, .bar_key = "a", .bar_label = "autoplay", .usage_label = "autoplay" },
	{ .keys = KEYS('+', '=', '-'), .run = key_speed,
	  .name = "+, -", .help = "faster, slower",
	  .bar = 8, .bar_key = "+/-", .bar_label = "speed", .usage_label = "speed" },
	{ .keys = KEYS('g'), .run = key_goto,
	  .name = "g", .help = "go to a step by number",
	  .bar = 9, .bar_key = "g", .bar_label = "go to", .usage_label = "go to step" },
	{ .keys = KEYS('1', '2', '3', '4', '5', '6', '7', '8', '9',
		       'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'), .run = key_answer,
	  .name = "1..9, A..I", .help = "answer a quiz (first choice 1 or A)" },
	{ .keys = KEYS(TUI_KEY(KEY_UP), 'k', TUI_KEY(KEY_DOWN), 'j'), .run = key_scroll_prose,
	  .name = "Up, Down", .help = "scroll the prose" },
	{ .keys = KEYS(TUI_KEY(KEY_PPAGE), TUI_KEY(KEY_NPAGE)), .run = key_scroll_scene,
	  .name = "PgUp, PgDn", .help = "scroll the scene when it holds several views" },
	{ .keys = KEYS(':'), .run = key_prompt,
	  .name = ":", .help = "command prompt (Tab completes, Up/Down history, Esc leaves)",
	  .bar = 5, .bar_key = ":", .bar_label = "command", .usage_label = "command prompt" },
	{ .name = "Esc", .help = "cancel long work (the model keeps what it learned)" }, /* progress.c */
	{ .keys = KEYS('b', TUI_ESC), .run = key_lessons,
	  .name = "b", .help = "back to the lessons",
	  .bar = 10, .bar_key = "b", .bar_label = "lessons" },
	{ .name = "Ctrl-L", .help = "repaint the screen" }, /* tui_main.c */
	{ .keys = KEYS('?'), .run = key_help,
	  .bar = 3, .bar_key = "?", .bar_label = "help", .usage_key = "?", .usage_label = "help" },
	{ .keys = KEYS('q'), .run = key_quit,
	  .name = "q, Ctrl-C", .help = "quit",
	  .bar = 4, .bar_key = "q", .bar_label = "quit", .usage_key = "q", .usage_label = "quit" },
};
const int player_n_keys = (int)(sizeof player_keys / sizeof player_keys[0]);

tui_result player_key(tui *t, int key)
{
	if (t->goto_active)
		return goto_key(t, key);
	if (t->quit_asked) {
		int quit = t->quit_asked == 2;
		t->quit_asked = 0;
		return key == 'y' || key == 'Y' ? leave(t, quit) : TUI_DO(ACT_REDRAW);
	}
	for (int i = 0; i < player_n_keys; i++)
		for (const int *k = player_keys[i].keys; k && *k; k++)
			if (*k == key && player_keys[i].run)
				return player_keys[i].run(t, key);
	return TUI_DO(ACT_NONE);
}

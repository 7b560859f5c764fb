/* player_keys.c: what each key does in the lesson player, declared once.
 * Each key is a named function in one {keys, handler, texts} table
 * (htop's Action.c, without its separate help lists): player_key()
 * dispatches through it, and the key bar (screen_player.c), the help
 * screen (screen_help.c) and `latentlab --help` (tui_main.c) print their
 * lines from the same rows. Two modes come before the table: typing a step
 * number after g, and the y/n question before work at the prompt is lost. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/me.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

/* What the y/n question leads to: leaving (and losing the prompt's work),
 * or clearing the learner's answers in a rating step. */
enum { ASK_NONE, ASK_LESSONS, ASK_QUIT, ASK_NEXT, ASK_CLEAR };

/* Back to the browser (the loop closes the lesson), out, or on to the
 * next lesson. */
static tui_result leave(tui *t, int to)
{
	if (to == ASK_NEXT) {
		const lesson_entry *e = player_next_lesson(t);
		if (e)
			return (tui_result){ .act = ACT_OPEN_LESSON, .arg.lesson = e };
		tui_status(t, ROLE_GOOD, "that was the last lesson (b: back to the lessons)");
		return TUI_DO(ACT_REDRAW);
	}
	return TUI_DO(to == ASK_QUIT || t->standalone ? ACT_QUIT : ACT_BACK);
}

/* Leave for `to`, asking first when commands run at the prompt would be
 * lost. */
static tui_result leave_asking(tui *t, int to)
{
	if (!t->dirty)
		return leave(t, to);
	t->quit_asked = to == ASK_LESSONS && t->standalone ? ASK_QUIT : to;
	return TUI_DO(ACT_REDRAW);
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

/* ---- the rating step (`@ rate`): its keys come before the table ---- */

/* After the answers changed: the step plays again, and says what happened. */
static tui_result rated(tui *t, int rc, const ll_error *err, const char *done)
{
	if (rc < 0) {
		tui_status(t, ROLE_ERROR, "%s", err->msg);
		return TUI_DO(ACT_REDRAW);
	}
	int top = t->scene_top;
	if (player_go(t, t->step) == 0) {
		t->scene_top = top < t->n_items ? top : 0; /* stay on the view being watched */
		t->frame = t->total_frames - 1;
		tui_status(t, ROLE_DIM, "%s", done);
	}
	return TUI_DO(ACT_REDRAW);
}

/* 1 when the key was the rating step's; *res is then what to do. */
static int rating_key(tui *t, int key, tui_result *res)
{
	if (!t->rate_question || t->cmd_views)
		return 0;
	ll_error err = { { 0 } };
	lab_me_question q;
	int open = lab_me_next(t->lab, &q);
	char done[300];
	if (open && key >= '0' && key <= '9' && key - '0' >= q.lo - 1e-9 && key - '0' <= q.hi + 1e-9) {
		double v = key - '0';
		snprintf(done, sizeof done, _("you rated %s: %g"), q.title, v);
		int rc = lab_me_answer(t->lab, v, &err);
		t->rate_last = rc == 0 && q.step > 0 && q.step < 1 && v - q.step >= q.lo ? v : 0;
		*res = rated(t, rc, &err, done);
		return 1;
	}
	if (key == '-' && t->rate_last > 0) {
		/* Half a star off the answer just given: take it back, give it again. */
		double v = t->rate_last - 0.5;
		t->rate_last = 0;
		int rc = lab_me_undo(t->lab, &err);
		if (rc == 0 && (rc = player_go(t, t->step)) == 0 && lab_me_next(t->lab, &q)) {
			snprintf(done, sizeof done, _("you rated %s: %g"), q.title, v);
			rc = lab_me_answer(t->lab, v, &err);
		} else if (rc == 0) {
			rc = ll_fail(&err, "%s", _("the question went missing"));
		}
		*res = rated(t, rc, &err, done);
		return 1;
	}
	t->rate_last = 0;
	if (open && key == 's') {
		snprintf(done, sizeof done, _("not seen: %s (it will not be asked again)"), q.title);
		*res = rated(t, lab_me_answer(t->lab, NAN, &err), &err, done);
		return 1;
	}
	if (key == TUI_KEY(KEY_BACKSPACE) || key == 127 || key == 8) {
		*res = rated(t, lab_me_undo(t->lab, &err), &err, _("the last answer is taken back"));
		return 1;
	}
	if (key == 'X') {
		int n = lab_me_count(t->lab, NULL);
		if (n == 0) {
			tui_status(t, ROLE_DIM, "%s", _("you have no answers to clear"));
		} else {
			t->quit_asked = ASK_CLEAR;
		}
		*res = TUI_DO(ACT_REDRAW);
		return 1;
	}
	return 0;
}

/* Back from a command's result to the lesson's own scene. */
static void close_command(tui *t)
{
	view_free(&t->cmd_views);
	player_restart(t);
	t->frame = t->total_frames - 1;
}

/* ---- one function per key ---- */

/* Presenting, the next keys first show the scene's views that did not fit
 * (as a slide's pauses), then the next step; the back keys the reverse. */
static tui_result key_next(tui *t, int key)
{
	if (t->present && t->scene_more > 0) {
		t->scene_top++;
	} else if (t->cmd_views) { /* first back to the lesson's own scene */
		close_command(t);
	} else if (player_quiz_pending(t)) {
		tui_status(t, ROLE_EMPH, "answer the quiz first: press 1..%d", player_quiz(t)->n_choices);
	} else if (t->step + 1 < t->n_steps) {
		player_go(t, t->step + 1);
	} else if (!t->end_shown) {
		/* The end: say what comes; the same key again goes there. */
		const lesson_entry *e = player_next_lesson(t);
		t->end_shown = 1;
		if (e)
			tui_status(t, ROLE_GOOD, "the end of the lesson: %s again (or N) opens the next, %s",
				   key == ' ' ? "Space" : key == 'n' ? "n" : key == TUI_KEY(KEY_NPAGE) ? "PgDn" : "Right",
				   e->name);
		else
			tui_status(t, ROLE_GOOD, "the end of the last lesson (b: back to the lessons)");
	} else {
		return leave_asking(t, ASK_NEXT);
	}
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_prev(tui *t, int key)
{
	if (t->present && t->scene_top > 0)
		t->scene_top--;
	else if (t->cmd_views)
		close_command(t);
	else if (t->step > 0)
		player_go(t, t->step - 1);
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_next_lesson(tui *t, int key)
{
	return leave_asking(t, ASK_NEXT);
}

static tui_result key_present(tui *t, int key)
{
	t->present = !t->present;
	t->prose_top = 0;
	t->scene_top = 0;
	t->status[0] = 0; /* presenting, the bottom row shows the keys */
	return TUI_DO(ACT_REDRAW);
}

/* Esc never leaves: it closes what is open over the lesson (a command's
 * result, presentation mode) and clears the message. */
static tui_result key_escape(tui *t, int key)
{
	if (t->cmd_views)
		close_command(t);
	else if (t->present)
		t->present = 0;
	t->status[0] = 0;
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
	tui_status(t, ROLE_DIM, t->paused ? N_("animation paused (s goes on, . and , step)") : N_("animation goes on"));
	return TUI_DO(ACT_REDRAW);
}

static tui_result key_autoplay(tui *t, int key)
{
	t->autoplay = !t->autoplay;
	t->next_tick = tui_now() + player_frame_delay(t);
	tui_status(t, ROLE_DIM, t->autoplay ? N_("autoplay on (a stops, +/- speed)") : N_("autoplay off"));
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
	const lesson_quiz *q = player_quiz(t);
	int choice = key >= 'A' ? key - 'A' : key - '1';
	if (!q || choice >= q->n_choices)
		return TUI_DO(ACT_NONE);
	player_answer(t, choice);
	return TUI_DO(ACT_REDRAW);
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
	/* The clicker's keys when presenting: on and back. */
	if (t->present)
		return key == TUI_KEY(KEY_NPAGE) ? key_next(t, key) : key_prev(t, key);
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
	return leave_asking(t, ASK_LESSONS);
}

static tui_result key_help(tui *t, int key)
{
	return TUI_DO(ACT_HELP);
}

static tui_result key_quit(tui *t, int key)
{
	return leave_asking(t, ASK_QUIT);
}

/* ---- the table ---- */

#define KEYS(...) ((const int[]){ __VA_ARGS__, 0 })

/* In the help screen's order. Rows without keys are handled elsewhere (by
 * the main loop or the progress box) and are listed for the help only. */
const tui_key player_keys[] = {
	{ .keys = KEYS(TUI_KEY(KEY_RIGHT), ' ', 'n'), .run = key_next,
	  .name = "Right, Space, n", .help = N_("next step (on the last step: again for the next lesson)"), .brief = N_("next step"),
	  .bar = 1, .bar_key = "→/n", .bar_key_ascii = "->/n", .bar_label = N_("next"), .usage_label = N_("next step") },
	{ .keys = KEYS(TUI_KEY(KEY_LEFT), 'p'), .run = key_prev,
	  .name = "Left, p", .help = N_("previous step (replayed exactly from the lesson's seed)"), .brief = N_("previous step"),
	  .bar = 2, .bar_key = "←/p", .bar_key_ascii = "<-/p", .bar_label = N_("back"), .usage_label = N_("previous") },
	{ .keys = KEYS('N'), .run = key_next_lesson,
	  .name = "N", .help = N_("the next lesson"), .brief = N_("next lesson"),
	  .usage_label = N_("next lesson") },
	{ .keys = KEYS('f'), .run = key_present,
	  .name = "f", .help = N_("presentation: the scene fills the screen, big numbers, prose as caption"), .brief = N_("presentation mode"),
	  .bar = 6, .bar_key = "f", .bar_label = N_("present"), .usage_label = N_("presentation mode") },
	{ .keys = KEYS('r'), .run = key_replay,
	  .name = "r", .help = N_("replay the scene's animation"), .brief = N_("replay the animation"),
	  .bar = 7, .bar_key = "r", .bar_label = N_("replay"), .usage_label = N_("replay") },
	{ .keys = KEYS('e'), .run = key_end,
	  .name = "e", .help = N_("jump to the end of the animation"), .brief = N_("end of the animation") },
	{ .keys = KEYS('.', ','), .run = key_update,
	  .name = ". ,", .help = N_("next / previous SGD update (pauses the animation)"), .brief = N_("next/previous update") },
	{ .keys = KEYS('s'), .run = key_pause,
	  .name = "s", .help = N_("pause or resume the animation"), .brief = N_("pause, resume") },
	{ .keys = KEYS('a'), .run = key_autoplay,
	  .name = "a", .help = N_("autoplay on/off (waits for quiz answers, goes on to the next lesson)"), .brief = N_("autoplay on/off"),
	  .bar = 8, .bar_key = "a", .bar_label = N_("autoplay"), .usage_label = N_("autoplay") },
	{ .keys = KEYS('+', '=', '-'), .run = key_speed,
	  .name = "+, -", .help = N_("faster, slower"), .brief = N_("faster, slower"),
	  .bar = 9, .bar_key = "+/-", .bar_label = N_("speed"), .usage_label = N_("speed") },
	{ .keys = KEYS('g'), .run = key_goto,
	  .name = "g", .help = N_("go to a step by number"), .brief = N_("go to a step"),
	  .bar = 10, .bar_key = "g", .bar_label = N_("go to"), .usage_label = N_("go to step") },
	{ .keys = KEYS('1', '2', '3', '4', '5', '6', '7', '8', '9',
		       'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'), .run = key_answer,
	  .name = "1..9, A..I", .help = N_("answer a quiz (first choice 1 or A)"), .brief = N_("answer the quiz") },
	/* The rating step's keys (rating_key, before the table). */
	{ .name = "1..5 - s Bksp X", .help = N_("rating step: rate the movie (- then takes off half a star), "
						 "s not seen, Backspace takes back, X clears all"),
	  .brief = N_("rate; not seen; undo; clear") },
	{ .keys = KEYS(TUI_KEY(KEY_UP), 'k', TUI_KEY(KEY_DOWN), 'j'), .run = key_scroll_prose,
	  .name = "Up, Down", .help = N_("scroll the prose (a quiz's choices stay in view)"), .brief = N_("scroll the prose") },
	{ .keys = KEYS(TUI_KEY(KEY_PPAGE), TUI_KEY(KEY_NPAGE)), .run = key_scroll_scene,
	  .name = "PgUp, PgDn", .help = N_("scroll the scene's views; presenting: back, next"), .brief = N_("scroll the scene") },
	{ .keys = KEYS(':'), .run = key_prompt,
	  .name = ":", .help = N_("command prompt (Tab completes, Up/Down history, Esc leaves)"), .brief = N_("command prompt"),
	  .bar = 5, .bar_key = ":", .bar_label = N_("command"), .usage_label = N_("command prompt") },
	{ .keys = KEYS(TUI_ESC), .run = key_escape,
	  .name = "Esc", .help = N_("close a command's result or presentation; cancel long work (never quits)"), .brief = N_("close; cancel work") },
	{ .keys = KEYS('b'), .run = key_lessons,
	  .name = "b", .help = N_("back to the lessons"), .brief = N_("back to the lessons"),
	  .bar = 11, .bar_key = "b", .bar_label = N_("lessons") },
	{ .name = "Ctrl-L", .help = N_("repaint the screen"), .brief = N_("repaint the screen") }, /* tui_main.c */
	{ .keys = KEYS('?'), .run = key_help,
	  .name = "?", .help = N_("this help: the keys and the lab's commands"), .brief = N_("this help"),
	  .bar = 3, .bar_key = "?", .bar_label = N_("help"), .usage_key = "?", .usage_label = N_("help") },
	{ .keys = KEYS('q'), .run = key_quit,
	  .name = "q, Ctrl-C", .help = N_("quit"), .brief = N_("quit"),
	  .bar = 4, .bar_key = "q", .bar_label = N_("quit"), .usage_key = "q", .usage_label = N_("quit") },
};
const int player_n_keys = (int)(sizeof player_keys / sizeof player_keys[0]);

const char *player_question(const tui *t)
{
	if (t->quit_asked == ASK_CLEAR)
		return _("Clear all your answers on this dataset? They cannot be taken back. (y/n)");
	return _("Leave? The commands you ran at the prompt will be lost. (y/n)");
}

tui_result player_key(tui *t, int key)
{
	if (t->goto_active)
		return goto_key(t, key);
	if (t->quit_asked) {
		int to = t->quit_asked;
		t->quit_asked = ASK_NONE;
		if (to == ASK_CLEAR) {
			ll_error err = { { 0 } };
			if (key != 'y' && key != 'Y')
				return TUI_DO(ACT_REDRAW);
			return rated(t, lab_me_clear(t->lab, &err), &err, _("your answers are cleared"));
		}
		return key == 'y' || key == 'Y' ? leave(t, to) : TUI_DO(ACT_REDRAW);
	}
	tui_result res;
	if (rating_key(t, key, &res))
		return res;
	for (int i = 0; i < player_n_keys; i++)
		for (const int *k = player_keys[i].keys; k && *k; k++)
			if (*k == key && player_keys[i].run)
				return player_keys[i].run(t, key);
	return TUI_DO(ACT_NONE);
}

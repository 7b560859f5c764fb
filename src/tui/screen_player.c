/* screen_player.c: the lesson player: the step's prose (and quiz) on one
 * side, its scene drawn live on the other, animation at the viewer's pace.
 * Every step is played by the lab from the lesson's seed (lesson_play), so
 * going back shows exactly what was shown before. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"
#include "tui/draw.h"
#include "tui/scene/scene.h"
#include "tui/theme.h"
#include "tui/tui.h"

/* Milliseconds per animation frame, slowest first. */
static const int frame_ms[] = { 600, 350, 200, 120, 60, 25, 8 };
#define N_SPEEDS ((int)(sizeof frame_ms / sizeof frame_ms[0]))
/* Autoplay waits this many frames' time after the animation ends. */
#define AUTOPLAY_PAUSE_FRAMES 12

static double frame_delay(const tui *t)
{
	return frame_ms[t->speed] / 1000.0;
}

static const view *shown_views(const tui *t)
{
	return t->cmd_views ? t->cmd_views : t->views;
}

/* Group the views into scene items (a run of SGD updates is one item) and
 * restart the animation. */
static void build_items(tui *t)
{
	t->n_items = 0;
	t->total_frames = 1;
	t->scene_top = 0;
	int max = (int)(sizeof t->items / sizeof t->items[0]);
	for (const view *v = shown_views(t); v && t->n_items < max; v = v->next) {
		scene_item *it = &t->items[t->n_items++];
		it->first = v;
		it->count = 1;
		if (v->kind == VIEW_SGD_STEP)
			while (v->next && v->next->kind == VIEW_SGD_STEP)
				it->count++, v = v->next;
		it->frames = v->kind == VIEW_SGD_STEP ? it->count * SGD_PHASES : scene_frames(v);
		if (it->frames > t->total_frames)
			t->total_frames = it->frames;
	}
	t->frame = 0;
	t->paused = 0;
	t->next_tick = tui_now() + frame_delay(t);
}

static void clear_step(tui *t)
{
	free(t->prose);
	t->prose = NULL;
	view_free(&t->views);
	view_free(&t->cmd_views);
	free(t->quiz_text);
	t->quiz_text = NULL;
	t->quiz_answer = -1;
	t->prose_top = 0;
	t->n_items = 0;
}

/* Play step (replaying from the seed unless it directly follows the state
 * the lab is in). On failure the current step stays on screen. */
static int go_step(tui *t, int step)
{
	if (!t->les || step < 0 || step >= t->n_steps)
		return -1;
	char *prose = NULL;
	view *views = NULL;
	ll_error err = { { 0 } };
	t->status[0] = 0;
	progress_begin(t);
	int rc = t->in_sync && step == t->step + 1
			 ? lesson_play_next(t->lab, t->les, step, &prose, &views, &err)
			 : lesson_play(t->lab, t->les, step, &prose, &views, &err);
	progress_end(t);
	if (rc) {
		free(prose);
		view_free(&views);
		t->in_sync = 0;
		tui_status(t, ROLE_ERROR, "%s", err.msg[0] ? err.msg : "this step failed");
		return -1;
	}
	int was_dirty = t->dirty;
	clear_step(t);
	t->prose = prose;
	t->views = views;
	t->step = step;
	t->in_sync = 1;
	t->dirty = 0;
	if (was_dirty)
		tui_status(t, ROLE_DIM, "the lab was replayed from the lesson's seed for this step");
	build_items(t);
	pstore_set(t->progress, t->les_name, step, t->n_steps);
	return 0;
}

int player_open(tui *t, const char *path, const char *name)
{
	ll_error err = { { 0 } };
	lesson *les = lesson_load(path, &err);
	if (!les) {
		tui_status(t, ROLE_ERROR, "%s", err.msg);
		return -1;
	}
	player_close(t);
	t->les = les;
	/* Progress is kept under the file's name, however the lesson was
	 * asked for ("detective" and "01-detective" are one lesson). */
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 7 && !strcmp(base + n - 7, ".lesson"))
		n -= 7;
	t->les_name = n ? strndup(base, n) : strdup(name);
	t->n_steps = lesson_n_steps(les);
	t->step = -1;
	t->in_sync = 0;
	t->dirty = 0;
	t->autoplay = 0;
	t->screen = SCR_PLAYER;
	if (t->n_steps < 1) {
		tui_status(t, ROLE_ERROR, "%s: the lesson has no steps", path);
		return 0;
	}
	/* Resume where the student left off, unless the lesson was finished. */
	int reached, steps, start = 0;
	if (!pstore_get(t->progress, name, &reached, &steps) && steps == t->n_steps &&
	    reached > 0 && reached + 1 < steps)
		start = reached;
	if (go_step(t, start) && start > 0)
		go_step(t, 0);
	return t->step >= 0 ? 0 : -1;
}

void player_close(tui *t)
{
	clear_step(t);
	lesson_free(&t->les);
	free(t->les_name);
	t->les_name = NULL;
	t->n_steps = 0;
	t->quit_asked = 0;
	t->goto_active = 0;
}

void player_show_command(tui *t, view *views)
{
	view_free(&t->cmd_views);
	t->cmd_views = views;
	build_items(t);
}

/* ---- animation ---- */

double player_wait(tui *t)
{
	if (!t->n_items || t->quit_asked)
		return -1;
	int moving = t->frame < t->total_frames - 1 && !t->paused;
	if (!moving && !t->autoplay)
		return -1;
	double w = t->next_tick - tui_now();
	return w > 0 ? w : 0;
}

static int quiz_pending(const tui *t)
{
	return t->les && t->step >= 0 && lesson_step_quiz(t->les, t->step) && t->quiz_answer < 0;
}

void player_tick(tui *t)
{
	double now = tui_now();
	if (now < t->next_tick || !t->les)
		return;
	if (t->paused)
		return;
	if (t->frame < t->total_frames - 1) {
		t->frame++;
		/* Keep the pace steady, but never try to catch up a backlog. */
		t->next_tick += frame_delay(t);
		if (t->next_tick < now)
			t->next_tick = now + frame_delay(t);
		if (t->frame == t->total_frames - 1 && t->autoplay)
			t->next_tick = now + AUTOPLAY_PAUSE_FRAMES * frame_delay(t);
		return;
	}
	if (!t->autoplay)
		return;
	if (quiz_pending(t)) {
		t->autoplay = 0;
		tui_status(t, ROLE_EMPH, "autoplay paused: answer the quiz (1..%d)",
			   lesson_step_quiz(t->les, t->step)->n_choices);
	} else if (t->step + 1 >= t->n_steps) {
		t->autoplay = 0;
		tui_status(t, ROLE_GOOD, "the end of the lesson");
	} else if (go_step(t, t->step + 1)) {
		t->autoplay = 0;
	}
}

/* ---- drawing ---- */

/* The prose pane's text: the step's prose, then its quiz (with the answer
 * and explanation once chosen), in the prose markup. */
static char *compose_prose(const tui *t)
{
	const lesson_quiz *q = lesson_step_quiz(t->les, t->step);
	size_t n = strlen(t->prose ? t->prose : "") + 64;
	if (q) {
		n += strlen(q->question) + 64;
		for (int i = 0; i < q->n_choices; i++)
			n += strlen(q->choices[i]) + 64;
		n += t->quiz_text ? strlen(t->quiz_text) + 64 : 0;
	}
	char *s = malloc(n);
	if (!s)
		return NULL;
	size_t len = (size_t)snprintf(s, n, "%s", t->prose ? t->prose : "");
	if (!q)
		return s;
	len += (size_t)snprintf(s + len, n - len, "\n\n*Quiz:* %s\n", q->question);
	for (int i = 0; i < q->n_choices; i++) {
		const char *mark = "";
		if (t->quiz_answer >= 0 && i == q->correct)
			mark = i == t->quiz_answer ? "   <- your answer: right" : "   <- the answer";
		else if (i == t->quiz_answer)
			mark = "   <- your answer";
		len += (size_t)snprintf(s + len, n - len, "%d. %s%s\n", i + 1, q->choices[i], mark);
	}
	if (t->quiz_answer < 0)
		snprintf(s + len, n - len, "\nPress 1..%d to answer.", q->n_choices);
	else
		snprintf(s + len, n - len, "\n%s %s", t->quiz_answer == q->correct ? "*Right.*" : "*Not quite.*",
			 t->quiz_text ? t->quiz_text : "");
	return s;
}

static void draw_prose(tui *t, lrect r)
{
	if (r.h < 2)
		return;
	lrect in = { r.y, r.x + 1, r.h, r.w - 2 };
	const char *heading = lesson_step_heading(t->les, t->step);
	draw_text(stdscr, in.y, in.x, in.w, heading ? heading : "", ROLE_TITLE, t->ascii);
	lrect body = { in.y + 2, in.x, in.h - 2, in.w };
	char *text = compose_prose(t);
	if (!text || body.h < 1) {
		free(text);
		return;
	}
	int need = scene_prose(stdscr, body, text, t->prose_top, t->ascii);
	if (t->prose_top > 0 && t->prose_top >= need)
		t->prose_top = need > 0 ? need - 1 : 0;
	if (need - t->prose_top > body.h) {
		lrect last = { body.y + body.h - 1, body.x, 1, body.w };
		draw_clear(stdscr, last, ROLE_NORMAL);
		draw_text(stdscr, last.y, last.x, last.w, t->ascii ? "v more: Down scrolls" : "↓ more: Down scrolls",
			  ROLE_DIM, t->ascii);
	}
	free(text);
}

/* Rows an item would like at width w. */
static int item_height(const scene_item *it, int w)
{
	int h = scene_height(it->first, w);
	return it->count > 1 ? h + 1 : h;
}

static void draw_item(tui *t, const scene_item *it, lrect r)
{
	scene_ctx ctx = { t->ascii, t->frame };
	const view *v = it->first;
	if (it->count > 1 || v->kind == VIEW_SGD_STEP) {
		int idx = t->frame / SGD_PHASES;
		if (idx >= it->count)
			idx = it->count - 1;
		ctx.frame = t->frame >= it->frames ? SGD_PHASES - 1 : t->frame - idx * SGD_PHASES;
		for (int i = 0; i < idx; i++)
			v = v->next;
		if (it->count > 1) {
			draw_fmt(stdscr, r.y, r.x, r.w, ROLE_TITLE, t->ascii, "SGD update %d of %d", idx + 1,
				 it->count);
			r.y++, r.h--;
		}
	}
	scene_draw(stdscr, r, v, &ctx);
}

static void draw_scene(tui *t, lrect r)
{
	lrect in = { r.y, r.x + 1, r.h, r.w - 2 };
	if (t->cmd_views)
		draw_text(stdscr, in.y++, in.x, in.w, "result of your command (n: back to the lesson)", ROLE_DIM, t->ascii), in.h--;
	if (!t->n_items) {
		draw_text(stdscr, in.y + 1, in.x, in.w, "(nothing to draw in this step)", ROLE_DIM, t->ascii);
		return;
	}
	/* Fixed-size items get their rows; plots share what is left. */
	int fixed = 0, flex = 0, first = t->scene_top < t->n_items ? t->scene_top : 0;
	for (int i = first; i < t->n_items; i++) {
		int h = item_height(&t->items[i], in.w);
		if (h >= 1000)
			flex++;
		else
			fixed += h + 1;
	}
	int spare = in.h - fixed, per_flex = flex ? spare / flex : 0;
	if (per_flex < 8)
		per_flex = 8;
	int y = in.y, end = in.y + in.h;
	for (int i = first; i < t->n_items; i++) {
		int h = item_height(&t->items[i], in.w);
		if (h >= 1000)
			h = per_flex;
		if (y + h > end) {
			if (y >= end || (i > first && end - y < 4)) {
				draw_fmt(stdscr, end - 1, in.x, in.w, ROLE_DIM, t->ascii,
					 "%d more view%s below: PgDn", t->n_items - i, t->n_items - i > 1 ? "s" : "");
				break;
			}
			h = end - y;
		}
		draw_item(t, &t->items[i], (lrect){ y, in.x, h, in.w });
		y += h + 1;
	}
}

static void draw_keys(tui *t, const layout *l)
{
	/* Most needed first: a narrow key bar drops the pairs at the end. */
	static const char *const ukeys[] = { "→/n", "next", "←/p", "back", "?", "help", "q", "quit",
					     ":", "command", "r", "replay", "a", "autoplay", "+/-", "speed",
					     "g", "go to", "b", "lessons", NULL };
	static const char *const akeys[] = { "->/n", "next", "<-/p", "back", "?", "help", "q", "quit",
					     ":", "command", "r", "replay", "a", "autoplay", "+/-", "speed",
					     "g", "go to", "b", "lessons", NULL };
	tui_keybar(t, l, t->ascii ? akeys : ukeys);
}

void player_draw(tui *t)
{
	layout l;
	if (layout_player(t->rows, t->cols, &l))
		return;
	char right[64];
	if (t->autoplay)
		snprintf(right, sizeof right, "autoplay %d/%d  step %d/%d", t->speed + 1, N_SPEEDS,
			 t->step + 1, t->n_steps);
	else
		snprintf(right, sizeof right, "speed %d/%d  step %d/%d", t->speed + 1, N_SPEEDS,
			 t->step + 1, t->n_steps);
	tui_title(t, &l, t->les ? lesson_title(t->les) : "latentlab", right);
	if (t->les && t->step >= 0) {
		draw_prose(t, l.prose);
		draw_scene(t, l.scene);
	}
	if (l.side_by_side)
		draw_vline(stdscr, l.divider.y, l.divider.x, l.divider.h, ROLE_DIM, t->ascii);
	else
		draw_hline(stdscr, l.divider.y, l.divider.x, l.divider.w, ROLE_DIM, t->ascii);
	draw_keys(t, &l);
	if (t->goto_active)
		draw_fmt(stdscr, l.status.y, 1, l.status.w - 1, ROLE_EMPH, t->ascii, "go to step (1-%d): %s",
			 t->n_steps, t->goto_buf);
	else if (t->quit_asked)
		draw_text(stdscr, l.status.y, 1, l.status.w - 1,
			  "Leave? The commands you ran at the prompt will be lost. (y/n)", ROLE_ERROR, t->ascii);
	else if (t->status[0])
		draw_text(stdscr, l.status.y, 1, l.status.w - 1, t->status, t->status_role, t->ascii);
	/* The prompt, when open, is drawn over the status row by the loop. */
}

/* ---- keys ---- */

/* Back to the browser (the loop closes the lesson), or out. */
static tui_result leave(tui *t, int quit)
{
	return TUI_DO(quit || t->standalone ? ACT_QUIT : ACT_BACK);
}

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
			go_step(t, s - 1);
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

tui_result player_key(tui *t, int key)
{
	if (t->goto_active)
		return goto_key(t, key);
	if (t->quit_asked) {
		int quit = t->quit_asked == 2;
		t->quit_asked = 0;
		return key == 'y' || key == 'Y' ? leave(t, quit) : TUI_DO(ACT_REDRAW);
	}
	const lesson_quiz *q = t->les && t->step >= 0 ? lesson_step_quiz(t->les, t->step) : NULL;
	/* Answers by number, or by capital letter (lower case keys are taken). */
	if (q && key >= '1' && key <= '9')
		return answer(t, key - '1');
	if (q && key >= 'A' && key <= 'I')
		return answer(t, key - 'A');
	switch (key) {
	case TUI_KEY(KEY_RIGHT):
	case ' ':
	case 'n':
		if (t->cmd_views) { /* first back to the lesson's own scene */
			view_free(&t->cmd_views);
			build_items(t);
			t->frame = t->total_frames - 1;
		} else if (quiz_pending(t)) {
			tui_status(t, ROLE_EMPH, "answer the quiz first: press 1..%d", q->n_choices);
		} else if (t->step + 1 < t->n_steps) {
			go_step(t, t->step + 1);
		} else {
			tui_status(t, ROLE_GOOD, "that was the last step (b: back to the lessons)");
		}
		break;
	case TUI_KEY(KEY_LEFT):
	case 'p':
		if (t->step > 0)
			go_step(t, t->step - 1);
		break;
	case 'r':
		t->frame = 0;
		t->paused = 0;
		t->next_tick = tui_now() + frame_delay(t);
		break;
	case 'e': /* skip to the end of the animation */
		t->frame = t->total_frames - 1;
		break;
	case '.': /* the next SGD update (or the next frame), then pause */
	case ',': /* the previous one */
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
		break;
	case 's':
		t->paused = !t->paused;
		t->next_tick = tui_now() + frame_delay(t);
		tui_status(t, ROLE_DIM, t->paused ? "animation paused (s goes on, . and , step)" : "animation goes on");
		break;
	case 'a':
		t->autoplay = !t->autoplay;
		t->next_tick = tui_now() + frame_delay(t);
		tui_status(t, ROLE_DIM, t->autoplay ? "autoplay on (a stops, +/- speed)" : "autoplay off");
		break;
	case '+':
	case '=':
		if (t->speed + 1 < N_SPEEDS)
			t->speed++;
		break;
	case '-':
		if (t->speed > 0)
			t->speed--;
		break;
	case 'g':
		t->goto_active = 1;
		t->goto_buf[0] = 0;
		break;
	case TUI_KEY(KEY_UP):
	case 'k':
		if (t->prose_top > 0)
			t->prose_top--;
		break;
	case TUI_KEY(KEY_DOWN):
	case 'j':
		t->prose_top++;
		break;
	case TUI_KEY(KEY_NPAGE):
		if (t->scene_top + 1 < t->n_items)
			t->scene_top++;
		break;
	case TUI_KEY(KEY_PPAGE):
		if (t->scene_top > 0)
			t->scene_top--;
		break;
	case ':':
		return TUI_DO(ACT_PROMPT);
	case '?':
		return TUI_DO(ACT_HELP);
	case 'b':
	case TUI_ESC:
		if (t->dirty)
			t->quit_asked = t->standalone ? 2 : 1;
		else
			return leave(t, 0);
		break;
	case 'q':
		if (t->dirty)
			t->quit_asked = 2;
		else
			return TUI_DO(ACT_QUIT);
		break;
	default:
		return TUI_DO(ACT_NONE);
	}
	return TUI_DO(ACT_REDRAW);
}

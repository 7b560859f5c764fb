/* player.c: the lesson being played, apart from how it looks and which key
 * does what: opening and closing a lesson (resuming where the student left
 * off), playing a step, what a ':' command returned, and the animation
 * clock (frames at the viewer's speed, autoplay). Every step is played by
 * the lab from the lesson's seed (lesson_play), so going back shows exactly
 * what was shown before. screen_player.c draws this state and
 * player_keys.c changes it. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/scene/scene.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

/* Milliseconds per animation frame, slowest first. */
static const int frame_ms[PLAYER_SPEEDS] = { 600, 350, 200, 120, 60, 25, 8 };
/* Autoplay waits this many frames' time after the animation ends. */
#define AUTOPLAY_PAUSE_FRAMES 12

double player_frame_delay(const tui *t)
{
	return frame_ms[t->speed] / 1000.0;
}

static const view *shown_views(const tui *t)
{
	return t->cmd_views ? t->cmd_views : t->views;
}

/* Group the views into scene items (a run of SGD updates is one item) and
 * restart the animation. */
void player_restart(tui *t)
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
	t->next_tick = tui_now() + player_frame_delay(t);
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
int player_go(tui *t, int step)
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
	player_restart(t);
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
	if (player_go(t, start) && start > 0)
		player_go(t, 0);
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
	player_restart(t);
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

const lesson_quiz *player_quiz(const tui *t)
{
	return t->les && t->step >= 0 ? lesson_step_quiz(t->les, t->step) : NULL;
}

int player_quiz_pending(const tui *t)
{
	return player_quiz(t) && t->quiz_answer < 0;
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
		t->next_tick += player_frame_delay(t);
		if (t->next_tick < now)
			t->next_tick = now + player_frame_delay(t);
		if (t->frame == t->total_frames - 1 && t->autoplay)
			t->next_tick = now + AUTOPLAY_PAUSE_FRAMES * player_frame_delay(t);
		return;
	}
	if (!t->autoplay)
		return;
	if (player_quiz_pending(t)) {
		t->autoplay = 0;
		tui_status(t, ROLE_EMPH, "autoplay paused: answer the quiz (1..%d)",
			   lesson_step_quiz(t->les, t->step)->n_choices);
	} else if (t->step + 1 >= t->n_steps) {
		t->autoplay = 0;
		tui_status(t, ROLE_GOOD, "the end of the lesson");
	} else if (player_go(t, t->step + 1)) {
		t->autoplay = 0;
	}
}

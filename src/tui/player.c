/* player.c: the lesson being played, apart from how it looks and which key
 * does what: opening and closing a lesson (resuming where the student left
 * off), playing a step, what a ':' command returned, and the animation
 * clock (frames at the viewer's speed, autoplay). Every step is played by
 * the lab from the lesson's seed (lesson_play), so going back shows exactly
 * what was shown before. screen_player.c draws this state and
 * player_keys.c changes it. */
#define _DEFAULT_SOURCE 1 /* scandir, alphasort, realpath */
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/me.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

/* Milliseconds per animation frame, slowest first. */
static const int frame_ms[PLAYER_SPEEDS] = { 600, 350, 200, 120, 60, 25, 8 };
/* Autoplay waits this many frames' time after the animation ends, or the
 * time it takes to read the text (at 4 words a second at speed 3, scaled
 * with the speed), whichever is longer. */
#define AUTOPLAY_PAUSE_FRAMES 12
#define READ_WORDS_PER_S 4.0

double player_frame_delay(const tui *t)
{
	return frame_ms[t->speed] / 1000.0;
}

/* How long autoplay lets text stand before it moves on. */
static double reading_pause(const tui *t, const char *text)
{
	int words = 0;
	for (const char *p = text ? text : ""; *p; p++)
		if (*p != ' ' && *p != '\n' && (p[1] == ' ' || p[1] == '\n' || !p[1]))
			words++;
	double scale = player_frame_delay(t) / (frame_ms[2] / 1000.0);
	double read = words / READ_WORDS_PER_S * scale, least = AUTOPLAY_PAUSE_FRAMES * player_frame_delay(t);
	return read > least ? read : least;
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
	/* Nothing moves: autoplay lets the prose stand for its reading time. */
	if (t->autoplay && t->total_frames <= 1)
		t->next_tick = tui_now() + reading_pause(t, t->prose);
}

static void clear_step(tui *t)
{
	free(t->prose);
	t->prose = NULL;
	view_free(&t->views);
	view_free(&t->cmd_views);
	free(t->quiz_question);
	t->quiz_question = NULL;
	free(t->quiz_text);
	t->quiz_text = NULL;
	t->quiz_answer = -1;
	free(t->rate_question);
	t->rate_question = NULL;
	free(t->rate_keys);
	t->rate_keys = NULL;
	t->end_shown = 0;
	t->prose_top = 0;
	t->n_items = 0;
}

/* The step's quiz with its expressions evaluated exactly as `latentlab run`
 * does (cli/cmd_run.c): the question, then the explanation, right after
 * the step's commands, so that {{last.*}} in the explanation sees what
 * the question computed, and the lab goes on to the next step in the state
 * the headless run leaves. */
static void expand_quiz(tui *t)
{
	const lesson_quiz *q = lesson_step_quiz(t->les, t->step);
	if (!q)
		return;
	ll_error err = { { 0 } };
	if (lesson_expand(t->lab, t->les, q->question, q->line, &t->quiz_question, &err) ||
	    (q->explanation &&
	     lesson_expand(t->lab, t->les, q->explanation, q->explanation_line, &t->quiz_text, &err))) {
		free(t->quiz_question);
		t->quiz_question = NULL;
		tui_status(t, ROLE_ERROR, "%s", err.msg[0] ? err.msg : _("the quiz could not be computed"));
		size_t n = strlen(t->status) + strlen(_("(this question could not be computed: %s)")) + 1;
		t->quiz_question = malloc(n);
		if (t->quiz_question)
			snprintf(t->quiz_question, n, _("(this question could not be computed: %s)"),
				 t->status);
	}
}

/* A rating step's open question, in the words the quiz's place shows:
 * the movie (title, genres, how many rated it, why it is asked) and the
 * keys, or that every question is answered. */
static void expand_rating(tui *t)
{
	if (!lesson_step_rates(t->les, t->step))
		return;
	lab_me_question q;
	int rated, answered = lab_me_count(t->lab, &rated);
	char s[1200], k[400];
	if (lab_me_next(t->lab, &q)) {
		snprintf(s, sizeof s, _("*Rate %d of %d:* *%s*%s%s. Rated by %d people; your answer "
			 "narrows your vector down by %.0f%%."), q.number, q.total, q.title,
			 *q.genres ? " · " : "", q.genres, q.ratings, 100 * q.shrink);
		if (q.step > 0 && q.step < 1)
			snprintf(k, sizeof k, _("Press %.0f..%.0f to rate (then - takes off half a star), "
				 "s: not seen, Backspace: take back, X: clear all."), ceil(q.lo), q.hi);
		else
			snprintf(k, sizeof k, _("Press %.0f..%.0f to rate, s: not seen, Backspace: take "
				 "back, X: clear all."), q.lo, q.hi);
	} else {
		snprintf(s, sizeof s, _("*Every question is answered:* %d ratings, %d not seen."), rated,
			 answered - rated);
		snprintf(k, sizeof k, "%s", _("Backspace takes back the last answer, X clears them all."));
	}
	t->rate_question = strdup(s);
	t->rate_keys = strdup(k);
}

/* Play step (replaying from the seed unless it directly follows the state
 * the lab is in; a rating step plays again on the lab it left, its answers
 * changed). On failure the current step stays on screen. */
int player_go(tui *t, int step)
{
	if (!t->les || step < 0 || step >= t->n_steps)
		return -1;
	char *prose = NULL;
	view *views = NULL;
	ll_error err = { { 0 } };
	t->status[0] = 0;
	progress_begin(t);
	int again = step == t->step && lesson_step_rates(t->les, step);
	int rc = t->in_sync && (step == t->step + 1 || again)
			 ? lesson_play_next(t->lab, t->les, step, &prose, &views, &err)
			 : lesson_play(t->lab, t->les, step, &prose, &views, &err);
	progress_end(t);
	if (rc) {
		free(prose);
		view_free(&views);
		t->in_sync = 0;
		tui_status(t, ROLE_ERROR, "%s", err.msg[0] ? err.msg : _("this step failed"));
		return -1;
	}
	int was_dirty = t->dirty;
	clear_step(t);
	t->prose = prose;
	t->views = views;
	t->step = step;
	t->in_sync = 1;
	t->dirty = 0;
	expand_quiz(t);
	expand_rating(t);
	if (was_dirty)
		tui_status(t, ROLE_DIM, "the lab was replayed from the lesson's seed for this step");
	player_restart(t);
	pstore_set(t->progress, t->les_name, step, t->n_steps);
	return 0;
}

/* The canonical form of a path, for comparing two spellings of one file. */
static int same_file(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];
	if (!realpath(a, ra) || !realpath(b, rb))
		return !strcmp(a, b);
	return !strcmp(ra, rb);
}

static int is_lesson_file(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 7 && !strcmp(d->d_name + n - 7, ".lesson") && d->d_name[0] != '.';
}

static const lesson_entry *set_next(tui *t, const char *name, const char *path, size_t name_len)
{
	free(t->next.name);
	free(t->next.path);
	t->next.name = strndup(name, name_len);
	t->next.path = strdup(path);
	if (!t->next.name || !t->next.path)
		return NULL;
	return &t->next;
}

const lesson_entry *player_next_lesson(tui *t)
{
	if (!t->les)
		return NULL;
	const char *path = lesson_path(t->les);
	/* A lesson of the browser's list: the one after it there. */
	for (int i = 0; i < t->n_lessons; i++)
		if (same_file(t->lessons[i].path, path))
			return i + 1 < t->n_lessons
				       ? set_next(t, t->lessons[i + 1].name, t->lessons[i + 1].path,
						  strlen(t->lessons[i + 1].name))
				       : NULL;
	/* Else (a file given by its path, lessons/ko/...): the next lesson
	 * file of its folder, in file-name order. */
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
	const char *base = slash ? slash + 1 : path;
	if (!dir)
		return NULL;
	struct dirent **names;
	int n = scandir(*dir ? dir : "/", &names, is_lesson_file, alphasort);
	const lesson_entry *out = NULL;
	for (int i = 0; i < n; i++) {
		if (!out && strcmp(names[i]->d_name, base) > 0) {
			size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
			char *p = malloc(len);
			if (p) {
				snprintf(p, len, "%s/%s", dir, names[i]->d_name);
				out = set_next(t, names[i]->d_name, p, strlen(names[i]->d_name) - 7);
				free(p);
			}
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	free(dir);
	return out;
}

void player_answer(tui *t, int choice)
{
	const lesson_quiz *q = player_quiz(t);
	if (!q || choice < 0 || choice >= q->n_choices)
		return;
	t->quiz_answer = choice;
	/* The answer shows on its own; a message about the quiz is done with. */
	if (t->status_role != ROLE_ERROR)
		t->status[0] = 0;
	pstore_quiz(t->progress, t->les_name, t->step, t->n_steps, choice == q->correct);
	/* Autoplay goes on after the explanation has been read. */
	if (t->autoplay)
		t->next_tick = tui_now() + reading_pause(t, t->quiz_text);
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
	for (int i = 0; i < t->n_lessons; i++) /* the browser follows */
		if (!strcmp(t->lessons[i].name, t->les_name ? t->les_name : ""))
			t->sel = i;
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
	if (!moving && (!t->autoplay || player_quiz_pending(t)))
		return -1; /* a key will come (autoplay waits for the answer) */
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

/* Autoplay's wait once the animation has ended. */
static void autoplay_pause(tui *t, double now)
{
	t->next_tick = now + reading_pause(t, t->prose);
}

tui_result player_tick(tui *t)
{
	double now = tui_now();
	if (now < t->next_tick || !t->les || t->paused || t->quit_asked)
		return TUI_DO(ACT_NONE);
	if (t->frame < t->total_frames - 1) {
		t->frame++;
		/* Keep the pace steady, but never try to catch up a backlog. */
		t->next_tick += player_frame_delay(t);
		if (t->next_tick < now)
			t->next_tick = now + player_frame_delay(t);
		if (t->frame == t->total_frames - 1 && t->autoplay)
			autoplay_pause(t, now);
		return TUI_DO(ACT_REDRAW);
	}
	if (!t->autoplay)
		return TUI_DO(ACT_NONE);
	if (player_quiz_pending(t)) {
		/* Autoplay stays on and goes on once the quiz is answered. */
		if (!t->status[0])
			tui_status(t, ROLE_EMPH, "autoplay waits for your answer: press 1..%d",
				   player_quiz(t)->n_choices);
		t->next_tick = now + 1e9;
		return TUI_DO(ACT_REDRAW);
	}
	if (t->step + 1 < t->n_steps) {
		if (player_go(t, t->step + 1))
			t->autoplay = 0;
		return TUI_DO(ACT_REDRAW);
	}
	/* The end of the lesson: on to the next one, autoplay still on. */
	const lesson_entry *next = player_next_lesson(t);
	if (next && !t->dirty)
		return (tui_result){ .act = ACT_OPEN_LESSON, .arg.lesson = next };
	t->autoplay = 0;
	tui_status(t, ROLE_GOOD, next ? N_("the end of the lesson (autoplay stops: the commands you ran would be lost)")
				      : N_("the end of the last lesson"));
	return TUI_DO(ACT_REDRAW);
}

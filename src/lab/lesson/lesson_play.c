/* lesson_play.c: play a lesson's steps on a lab (see lesson.h).
 *
 * Playing step i always starts from a reset lab, the lesson's seed and its
 * dataset, then replays the commands of steps 0..i-1 silently: the same seed
 * gives the same numbers, so stepping back shows exactly what was shown. */
#include <config.h>

#include "lab/lesson/lesson_impl.h"
#include "lab/lab_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab/parse.h"

/* ---- a growing string ---- */

typedef struct sbuf {
	char *s;
	size_t len, cap;
	int oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *t = realloc(b->s, cap);
		if (!t) {
			b->oom = 1;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* ---- expressions ---- */

static int expand(lab *lb, const lesson *l, const char *text, int line, char **out, ll_error *err)
{
	sbuf b = { 0 };
	sb_str(&b, "");
	const char *s = text, *o, *c;
	int rc;
	while ((rc = lesson_next_expr(s, &o, &c)) == 1) {
		sb_add(&b, s, (size_t)(o - s));
		char *e = lesson_expr_text(o, c);
		char val[256];
		ll_error ee = { "" };
		if (!e || lab_expr(lb, e, val, sizeof val, &ee) < 0) {
			free(e);
			free(b.s);
			if (!ee.msg[0])
				return lesson_fail(l, line, err, "out of memory");
			/* Name the expression unless the lab's message does. */
			if (strncmp(ee.msg, "{{", 2) == 0)
				return lesson_fail(l, line, err, "%s", ee.msg);
			return lesson_fail(l, line, err, "{{%.*s}}: %s", (int)(c - o - 2), o + 2, ee.msg);
		}
		free(e);
		sb_str(&b, val);
		s = c + 2;
	}
	if (rc < 0) {
		free(b.s);
		return lesson_fail(l, line, err, "unclosed '{{'");
	}
	sb_str(&b, s);
	if (b.oom) {
		free(b.s);
		return lesson_fail(l, line, err, "out of memory");
	}
	*out = b.s;
	return 0;
}

/* A step's prose: lines of a paragraph joined by spaces, paragraphs by a
 * blank line, and a bullet ("- ", "* ") on a line of its own. */
static int step_prose(lab *lb, const lesson *l, const lesson_step *st, char **out, ll_error *err)
{
	sbuf b = { 0 };
	sb_str(&b, "");
	int prev = -1; /* kind of the previous prose-or-break item */
	for (int i = 0; i < st->n_items; i++) {
		const lesson_item *it = &st->items[i];
		if (it->kind == LESSON_BREAK) {
			if (prev == LESSON_PROSE)
				prev = LESSON_BREAK;
			continue;
		}
		if (it->kind != LESSON_PROSE)
			continue;
		char *x;
		if (expand(lb, l, it->text, it->line, &x, err) < 0) {
			free(b.s);
			return -1;
		}
		int bullet = (x[0] == '-' || x[0] == '*') && x[1] == ' ';
		if (prev == LESSON_BREAK)
			sb_str(&b, "\n\n");
		else if (prev == LESSON_PROSE)
			sb_str(&b, bullet ? "\n" : " ");
		sb_str(&b, x);
		free(x);
		prev = LESSON_PROSE;
	}
	if (b.oom) {
		free(b.s);
		return lesson_fail(l, st->line, err, "out of memory");
	}
	*out = b.s;
	return 0;
}

/* ---- running ---- */

static int run_command(lab *lb, const lesson *l, const lesson_item *it, view **views, ll_error *err)
{
	view *v = NULL;
	ll_error e = { "" };
	if (it->kind == LESSON_FAILS) {
		/* `$!`: the command must fail; its message is the scene. */
		if (lab_exec(lb, it->text, &v, &e) == 0) {
			view_free(&v);
			return lesson_fail(l, it->line, err,
					   "'$!' expects this command to fail, and it succeeded");
		}
		if (views && !(v = view_error(e.msg)))
			return lesson_fail(l, it->line, err, "out of memory");
		view_append(views, v);
		return 0;
	}
	if (lab_exec(lb, it->text, &v, &e) < 0) {
		view_free(&v);
		return lesson_fail(l, it->line, err, "%s", e.msg);
	}
	if (views && (it->kind == LESSON_COMMAND || it->kind == LESSON_RATE))
		view_append(views, v);
	else
		view_free(&v);
	return 0;
}

static int run_step(lab *lb, const lesson *l, int step, view **views, ll_error *err)
{
	const lesson_step *st = &l->steps[step];
	/* A rating step's questions come last in the scene: what the answers
	 * did (the map, the list) is what the learner watches. */
	view *asked = NULL;
	for (int i = 0; i < st->n_items; i++) {
		const lesson_item *it = &st->items[i];
		if (it->kind != LESSON_COMMAND && it->kind != LESSON_QUIET && it->kind != LESSON_FAILS &&
		    it->kind != LESSON_RATE)
			continue;
		if (run_command(lb, l, it, it->kind == LESSON_RATE && views ? &asked : views, err) < 0) {
			view_free(&asked);
			return -1;
		}
	}
	if (views)
		view_append(views, asked);
	return 0;
}

static int start(lab *lb, const lesson *l, ll_error *err)
{
	lab_reset(lb);
	ll_error e = { "" };
	view *v = NULL;
	if (l->has_seed) {
		char cmd[64];
		snprintf(cmd, sizeof cmd, "seed %ld", l->seed);
		if (lab_exec(lb, cmd, &v, &e) < 0) {
			view_free(&v);
			return lesson_fail(l, l->seed_line, err, "%s", e.msg);
		}
		view_free(&v);
	}
	if (strcmp(l->dataset, "none") == 0)
		return 0;
	char *beside = lesson_dataset_beside(l);
	char *q = lab_quote(beside ? beside : l->dataset);
	free(beside);
	if (!q)
		return lesson_fail(l, l->dataset_line, err, "out of memory");
	size_t n = strlen(q) + sizeof "load ";
	char *cmd = malloc(n);
	if (!cmd) {
		free(q);
		return lesson_fail(l, l->dataset_line, err, "out of memory");
	}
	snprintf(cmd, n, "load %s", q);
	free(q);
	int rc = lab_exec(lb, cmd, &v, &e);
	free(cmd);
	view_free(&v);
	if (rc < 0)
		return lesson_fail(l, l->dataset_line, err, "%s", e.msg);
	return 0;
}

static int play_next(lab *lb, const lesson *l, int step, char **prose, view **views, ll_error *err)
{
	*prose = NULL;
	*views = NULL;
	if (step < 0 || step >= l->n_steps)
		return ll_fail(err, "%s: no step %d (the lesson has %d)", l->path, step + 1, l->n_steps);
	view *v = NULL;
	if (run_step(lb, l, step, &v, err) < 0) {
		view_free(&v);
		return -1;
	}
	if (step_prose(lb, l, &l->steps[step], prose, err) < 0) {
		view_free(&v);
		return -1;
	}
	*views = v;
	return 0;
}

static int play(lab *lb, const lesson *l, int step, char **prose, view **views, ll_error *err)
{
	*prose = NULL;
	*views = NULL;
	if (step < 0 || step >= l->n_steps)
		return ll_fail(err, "%s: no step %d (the lesson has %d)", l->path, step + 1, l->n_steps);
	if (start(lb, l, err) < 0)
		return -1;
	for (int i = 0; i < step; i++)
		if (run_step(lb, l, i, NULL, err) < 0)
			return -1;
	return play_next(lb, l, step, prose, views, err);
}

/* The public entry points run the lesson's commands in its sandbox. */
#define SANDBOXED(call) do { \
	lab_path_filter pf = lb->path_filter; \
	void *pc = lb->path_ctx; \
	lb->path_filter = lesson_sandbox_path; \
	lb->path_ctx = (void *)l; \
	int rc_ = (call); \
	lb->path_filter = pf; \
	lb->path_ctx = pc; \
	return rc_; \
} while (0)

int lesson_play(lab *lb, const lesson *l, int step, char **prose, view **views, ll_error *err)
{
	SANDBOXED(play(lb, l, step, prose, views, err));
}

int lesson_play_next(lab *lb, const lesson *l, int step, char **prose, view **views, ll_error *err)
{
	SANDBOXED(play_next(lb, l, step, prose, views, err));
}

int lesson_expand(lab *lb, const lesson *l, const char *text, int line, char **out, ll_error *err)
{
	SANDBOXED(expand(lb, l, text, line, out, err));
}

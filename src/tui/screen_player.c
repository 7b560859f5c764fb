/* screen_player.c: how the lesson player looks: the step's prose (and
 * quiz) on one side, its scene drawn live on the other, the title with the
 * speed and step, the key bar (from player_keys.c's table) and the status
 * row. It draws the state player.c keeps and changes none of it, except
 * clamping the prose's scroll to the text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

/* The quiz in three parts, each wrapped on its own so the choices can be
 * kept in view: the question, the choices (marked once answered), and a
 * last line: how to answer, or the verdict and the explanation. */
enum { QUIZ_QUESTION, QUIZ_CHOICES, QUIZ_TAIL, QUIZ_PARTS };

static int quiz_parts(const tui *t, char *part[QUIZ_PARTS])
{
	const lesson_quiz *q = player_quiz(t);
	for (int i = 0; i < QUIZ_PARTS; i++)
		part[i] = NULL;
	if (!q && t->rate_question) {
		/* A rating step asks in the quiz's place: the movie, then the keys. */
		part[QUIZ_QUESTION] = strdup(t->rate_question);
		part[QUIZ_TAIL] = t->rate_keys ? strdup(t->rate_keys) : NULL;
		return 1;
	}
	if (!q)
		return 0;
	const char *question = t->quiz_question ? t->quiz_question : "";
	/* TRANSLATORS: the quiz's heading in prose markup (*bold*). */
	size_t n = strlen(question) + strlen(_("*Quiz:* %s")) + 1;
	if ((part[QUIZ_QUESTION] = malloc(n)))
		snprintf(part[QUIZ_QUESTION], n, _("*Quiz:* %s"), question);
	/* TRANSLATORS: the marks after the quiz's choices. */
	const char *right = _("   <- your answer: right"), *answer = _("   <- the answer");
	const char *yours = _("   <- your answer");
	n = 1;
	for (int i = 0; i < q->n_choices; i++)
		n += strlen(q->choices[i]) + strlen(right) + strlen(answer) + strlen(yours) + 16;
	char *c = part[QUIZ_CHOICES] = malloc(n);
	size_t len = 0;
	for (int i = 0; c && i < q->n_choices && len < n; i++) {
		const char *mark = "";
		if (t->quiz_answer >= 0 && i == q->correct)
			mark = i == t->quiz_answer ? right : answer;
		else if (i == t->quiz_answer)
			mark = yours;
		len += (size_t)snprintf(c + len, n - len, "%s%d. %s%s", i ? "\n" : "", i + 1, q->choices[i], mark);
	}
	const char *why = t->quiz_text ? t->quiz_text : "";
	/* TRANSLATORS: after an answer, in prose markup; %s is the quiz's explanation. */
	int ok = t->quiz_answer == q->correct;
	n = strlen(why) + strlen(_("Press 1..%d to answer.")) + strlen(_("*Right.* %s")) +
	    strlen(_("*Not quite.* %s")) + 32;
	if ((part[QUIZ_TAIL] = malloc(n))) {
		if (t->quiz_answer < 0)
			snprintf(part[QUIZ_TAIL], n, _("Press 1..%d to answer."), q->n_choices);
		else if (ok)
			snprintf(part[QUIZ_TAIL], n, _("*Right.* %s"), why);
		else
			snprintf(part[QUIZ_TAIL], n, _("*Not quite.* %s"), why);
	}
	return 1;
}

static void free_parts(char *part[QUIZ_PARTS])
{
	for (int i = 0; i < QUIZ_PARTS; i++)
		free(part[i]);
}

/* Rows a text takes at width w. */
static int text_rows(const char *text, int w)
{
	return text && *text ? scene_prose(stdscr, (lrect){ 0, 0, 0, w }, text, 0, 1) : 0;
}

/* Rows of each part, a blank row before the last; the sum. */
static int part_rows(char *part[QUIZ_PARTS], int w, int rows[QUIZ_PARTS])
{
	int sum = 0;
	for (int i = 0; i < QUIZ_PARTS; i++)
		sum += rows[i] = text_rows(part[i], w) + (i == QUIZ_TAIL);
	return sum;
}

int player_quiz_rows(const tui *t, int w)
{
	char *part[QUIZ_PARTS];
	int rows[QUIZ_PARTS], n = 0;
	if (quiz_parts(t, part))
		n = part_rows(part, w, rows);
	free_parts(part);
	return n;
}

/* Rows [off, off + r.h) of the quiz's parts stacked, into r. */
static void draw_quiz(tui *t, lrect r, char *part[QUIZ_PARTS], const int rows[QUIZ_PARTS], int off)
{
	int top = 0; /* the part's first row in the stack */
	for (int i = 0; i < QUIZ_PARTS; i++) {
		int from = top + (i == QUIZ_TAIL), end = top + rows[i];
		top = end;
		int a = from > off ? from : off, b = end < off + r.h ? end : off + r.h;
		if (a >= b || !part[i])
			continue;
		scene_prose(stdscr, (lrect){ r.y + a - off, r.x, b - a, r.w }, part[i], a - from, t->ascii);
	}
}

/* fmt (translated) has one %s: the arrow. */
static void more_hint(tui *t, int y, int x, int w, const char *fmt)
{
	draw_clear(stdscr, (lrect){ y, x, 1, w }, ROLE_NORMAL);
	draw_fmt(stdscr, y, x, w, ROLE_DIM, t->ascii, fmt, t->ascii ? "v" : "↓");
}

/* The prose, and under it the quiz. When both do not fit, the quiz keeps
 * the bottom rows (its choices always among them) and the prose above
 * scrolls; scrolling past the prose's end reads on into the quiz. */
void player_draw_text(tui *t, lrect r)
{
	if (r.h < 1 || r.w < 1)
		return;
	char *part[QUIZ_PARTS];
	int rows[QUIZ_PARTS] = { 0 };
	int q = quiz_parts(t, part) ? part_rows(part, r.w, rows) : 0;
	int p = text_rows(t->prose, r.w);
	if (!q || p + 1 + q <= r.h) {
		/* Everything in one column, scrolled as one. */
		int need = p + (q ? 1 + q : 0);
		if (t->prose_top > 0 && t->prose_top >= need)
			t->prose_top = need > 0 ? need - 1 : 0;
		if (need <= r.h)
			t->prose_top = 0;
		int top = t->prose_top;
		if (top < p)
			scene_prose(stdscr, r, t->prose ? t->prose : "", top, t->ascii);
		if (q && p + 1 - top < r.h) {
			int y = p + 1 - top, off = y < 0 ? -y : 0;
			y = y < 0 ? 0 : y;
			draw_quiz(t, (lrect){ r.y + y, r.x, r.h - y, r.w }, part, rows, off);
		}
		if (need - top > r.h)
			more_hint(t, r.y + r.h - 1, r.x, r.w, _("%s more: Down scrolls"));
		free_parts(part);
		return;
	}
	/* The quiz at the bottom, at most all rows but two. */
	int qr = q < r.h - 2 ? q : r.h - 2;
	if (qr < rows[QUIZ_CHOICES])
		qr = rows[QUIZ_CHOICES] < r.h ? rows[QUIZ_CHOICES] : r.h;
	int pr = r.h - qr;
	/* Where the quiz is shown from: its top when the choices fit, else
	 * as much of the question as leaves the choices in view. */
	int choices_end = rows[QUIZ_QUESTION] + rows[QUIZ_CHOICES];
	int base = choices_end > qr ? choices_end - qr : 0;
	int prose_max = pr > 0 && p > pr - 1 ? p - (pr - 1) : 0, quiz_max = q - qr - base;
	if (quiz_max < 0)
		quiz_max = 0;
	if (t->prose_top > prose_max + quiz_max)
		t->prose_top = prose_max + quiz_max;
	int ptop = t->prose_top < prose_max ? t->prose_top : prose_max;
	int qoff = base + (t->prose_top - ptop);
	if (pr > 0) {
		scene_prose(stdscr, (lrect){ r.y, r.x, pr, r.w }, t->prose ? t->prose : "", ptop, t->ascii);
		if (p - ptop > pr - 1 || (pr == 1 && p))
			more_hint(t, r.y + pr - 1, r.x, r.w, _("%s more: Down scrolls the prose"));
	}
	draw_quiz(t, (lrect){ r.y + pr, r.x, qr, r.w }, part, rows, qoff);
	if (qoff + qr < q)
		more_hint(t, r.y + r.h - 1, r.x, r.w, _("%s more: Down scrolls the explanation"));
	free_parts(part);
}

static void draw_prose(tui *t, lrect r)
{
	if (r.h < 2)
		return;
	lrect in = { r.y, r.x + 1, r.h, r.w - 2 };
	const char *heading = lesson_step_heading(t->les, t->step);
	draw_text(stdscr, in.y, in.x, in.w, heading ? heading : "", ROLE_TITLE, t->ascii);
	player_draw_text(t, (lrect){ in.y + 2, in.x, in.h - 2, in.w });
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
			draw_fmt(stdscr, r.y, r.x, r.w, ROLE_TITLE, t->ascii, _("SGD update %d of %d"), idx + 1,
				 it->count);
			r.y++, r.h--;
		}
	}
	scene_draw(stdscr, r, v, &ctx);
}

void player_draw_scene(tui *t, lrect r)
{
	lrect in = r;
	t->scene_more = 0;
	if (t->cmd_views)
		draw_text(stdscr, in.y++, in.x, in.w, _("result of your command (n: back to the lesson)"), ROLE_DIM, t->ascii), in.h--;
	if (!t->n_items) {
		draw_text(stdscr, in.y + 1, in.x, in.w, _("(nothing to draw in this step)"), ROLE_DIM, t->ascii);
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
				t->scene_more = t->n_items - i;
				draw_clear(stdscr, (lrect){ end - 1, in.x, 1, in.w }, ROLE_NORMAL);
				draw_fmt(stdscr, end - 1, in.x, in.w, ROLE_DIM, t->ascii,
					 ngettext("%d more view below: %s", "%d more views below: %s",
						  (unsigned long)t->scene_more),
					 t->scene_more, t->present ? "Right" : "PgDn");
				break;
			}
			h = end - y;
		}
		draw_item(t, &t->items[i], (lrect){ y, in.x, h, in.w });
		y += h + 1;
	}
}

/* Rows the scene would like at width w: the fixed views' own heights, 12
 * for each plot (which takes what it is given). */
static int scene_rows(const tui *t, int w)
{
	int n = t->cmd_views ? 1 : 0;
	for (int i = t->scene_top < t->n_items ? t->scene_top : 0; i < t->n_items; i++) {
		int h = item_height(&t->items[i], w);
		n += (h >= 1000 ? 12 : h) + 1;
	}
	return n;
}

/* Prose above the scene (a narrow terminal): the split follows what each
 * needs. The prose gets the rows the scene does not use, and a quiz gets
 * its rows and two of prose while the scene keeps six. */
static void split_stacked(tui *t, layout *l)
{
	if (l->side_by_side)
		return;
	int band = l->prose.h + 1 + l->scene.h, w = l->prose.w - 2;
	int p = text_rows(t->prose, w), q = player_quiz_rows(t, w);
	int want = 2 + p + (q ? 1 + q : 0), scene = scene_rows(t, l->scene.w - 2);
	int least_scene = scene < 6 ? scene : 6;
	int pane = l->prose.h;
	if (band - 1 - scene > pane)
		pane = band - 1 - scene;       /* the scene is small: the prose grows */
	if (q && pane < 2 + q + 3)
		pane = 2 + q + 3;              /* the quiz and two rows of prose */
	if (pane > want)
		pane = want;                   /* never more than the text needs */
	if (pane > band - 1 - least_scene)
		pane = band - 1 - least_scene;
	if (pane < 4)
		pane = 4;
	l->prose.h = pane;
	l->divider.y = l->prose.y + pane;
	l->scene.y = l->divider.y + 1;
	l->scene.h = band - pane - 1;
}

/* The key bar from player_keys.c's table, most needed first: a narrow bar
 * drops the pairs at the end. */
static void draw_keys(tui *t, const layout *l)
{
	const char *pairs[2 * 32 + 1];
	int n = 0;
	for (int rank = 1; rank <= player_n_keys; rank++)
		for (int i = 0; i < player_n_keys && n + 2 < (int)(sizeof pairs / sizeof pairs[0]); i++) {
			const tui_key *k = &player_keys[i];
			if (k->bar != rank)
				continue;
			pairs[n++] = t->ascii && k->bar_key_ascii ? k->bar_key_ascii : k->bar_key;
			pairs[n++] = k->bar_label;
		}
	pairs[n] = NULL;
	tui_keybar(t, l, pairs);
}

void player_draw(tui *t)
{
	layout l;
	if (layout_player(t->rows, t->cols, &l))
		return;
	char right[64];
	if (t->autoplay)
		snprintf(right, sizeof right, _("autoplay %d/%d  step %d/%d"), t->speed + 1, PLAYER_SPEEDS,
			 t->step + 1, t->n_steps);
	else
		snprintf(right, sizeof right, _("speed %d/%d  step %d/%d"), t->speed + 1, PLAYER_SPEEDS,
			 t->step + 1, t->n_steps);
	tui_title(t, &l, t->les ? lesson_title(t->les) : "latentlab", right);
	if (t->les && t->step >= 0) {
		split_stacked(t, &l);
		draw_prose(t, l.prose);
		player_draw_scene(t, (lrect){ l.scene.y, l.scene.x + 1, l.scene.h, l.scene.w - 2 });
	}
	if (l.side_by_side)
		draw_vline(stdscr, l.divider.y, l.divider.x, l.divider.h, ROLE_DIM, t->ascii);
	else
		draw_hline(stdscr, l.divider.y, l.divider.x, l.divider.w, ROLE_DIM, t->ascii);
	draw_keys(t, &l);
	if (t->goto_active)
		draw_fmt(stdscr, l.status.y, 1, l.status.w - 1, ROLE_EMPH, t->ascii, _("go to step (1-%d): %s"),
			 t->n_steps, t->goto_buf);
	else if (t->quit_asked)
		draw_text(stdscr, l.status.y, 1, l.status.w - 1, player_question(t), ROLE_ERROR, t->ascii);
	else if (t->status[0])
		draw_text(stdscr, l.status.y, 1, l.status.w - 1, t->status, t->status_role, t->ascii);
	/* The prompt, when open, is drawn over the status row by the loop. */
}

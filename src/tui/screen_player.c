/* screen_player.c: how the lesson player looks: the step's prose (and
 * quiz) on one side, its scene drawn live on the other, the title with the
 * speed and step, the key bar (from player_keys.c's table) and the status
 * row. It draws the state player.c keeps and changes none of it, except
 * clamping the prose's scroll to the text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

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
		snprintf(right, sizeof right, "autoplay %d/%d  step %d/%d", t->speed + 1, PLAYER_SPEEDS,
			 t->step + 1, t->n_steps);
	else
		snprintf(right, sizeof right, "speed %d/%d  step %d/%d", t->speed + 1, PLAYER_SPEEDS,
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

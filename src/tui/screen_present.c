/* screen_present.c: presentation mode (f, or --present), for an instructor
 * at a projector (patat's and presenterm's one idea per screen): the step's
 * heading in the title row, its headline numbers in large digits, the scene
 * filling the screen, and the prose under it as a caption (a quiz's choices
 * always in view). The state is the player's: the same step, animation and
 * quiz; only the drawing differs, and the clicker's keys (Right, Left,
 * PgDn, PgUp, Space) move on and back (player_keys.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"
#include "engine/core/intl.h"
#include "tui/bigtext.h"
#include "tui/draw/draw.h"
#include "tui/draw/theme.h"
#include "tui/headline.h"
#include "tui/scene/scene.h"
#include "tui/tui.h"

#define MAX_HEADLINES 3
#define HEADLINE_GAP 4
/* The scene keeps at least this many rows; headlines give way first. */
#define MIN_SCENE_ROWS 8

/* The step's headline numbers: its prose lines as written against the
 * evaluated prose (headline.h). */
static int find_headlines(const tui *t, headline *h)
{
	const char *raw[64];
	int n = 0;
	for (int i = 0; i < lesson_step_n_items(t->les, t->step) && n < 64; i++) {
		const lesson_item *it = lesson_step_item(t->les, t->step, i);
		if (it->kind == LESSON_PROSE)
			raw[n++] = it->text;
	}
	return t->prose ? headline_find(raw, n, t->prose, h, MAX_HEADLINES) : 0;
}

/* Columns a headline takes: its digits, or its label up to 28 columns. */
static int headline_width(const headline *h, int scale)
{
	int w = bigtext_width(h->value, scale), lw = uw_width(h->label);
	if (lw > 28)
		lw = 28;
	return w > lw ? w : lw;
}

/* How many of the n headlines fit across w at the scale, and their width. */
static int fit_headlines(const headline *h, int n, int scale, int w, int *total)
{
	int k = 0, sum = 0;
	for (; k < n; k++) {
		int hw = headline_width(&h[k], scale) + (k ? HEADLINE_GAP : 0);
		if (bigtext_width(h[k].value, scale) < 0 || sum + hw > w)
			break;
		sum += hw;
	}
	*total = sum;
	return k;
}

static void draw_headlines(tui *t, const headline *h, int n, int scale, int y, int x, int w)
{
	int total, k = fit_headlines(h, n, scale, w, &total);
	int rows = bigtext_rows(scale, t->ascii), cx = x + (w - total) / 2;
	char line[512];
	for (int i = 0; i < k; i++) {
		int hw = headline_width(&h[i], scale), bw = bigtext_width(h[i].value, scale);
		for (int r = 0; r < rows; r++)
			if (!bigtext_row(h[i].value, scale, t->ascii, r, line, sizeof line))
				draw_text(stdscr, y + r, cx + (hw - bw) / 2, bw, line, ROLE_EMPH, t->ascii);
		int lw = uw_width(h[i].label);
		lw = lw < hw ? lw : hw;
		draw_text(stdscr, y + rows, cx + (hw - lw) / 2, hw, h[i].label, ROLE_DIM, t->ascii);
		cx += hw + HEADLINE_GAP;
	}
}

static int text_rows(const char *text, int w)
{
	return text && *text ? scene_prose(stdscr, (lrect){ 0, 0, 0, w }, text, 0, 1) : 0;
}

void present_draw(tui *t)
{
	int rows = t->rows, cols = t->cols;
	layout l; /* only for the title bar's row */
	layout_player(rows, cols, &l);
	char left[256], right[64];
	const char *heading = t->les && t->step >= 0 ? lesson_step_heading(t->les, t->step) : NULL;
	snprintf(left, sizeof left, "%s%s%s", t->les ? lesson_title(t->les) : "latentlab", heading ? ": " : "",
		 heading ? heading : "");
	snprintf(right, sizeof right, _("%sstep %d/%d"), t->autoplay ? _("autoplay  ") : "", t->step + 1, t->n_steps);
	tui_title(t, &l, left, right);
	if (!t->les || t->step < 0)
		return;

	/* The caption: the prose (and quiz) under the scene, at most a third
	 * of the screen, more when a quiz needs it. */
	int x = 2, w = cols - 4;
	int p = text_rows(t->prose, w), q = player_quiz_rows(t, w);
	int need = p + (q ? 1 + q : 0), cap = rows / 3;
	if (q && cap < q + 2)
		cap = q + 2;
	if (cap > rows - 2 - MIN_SCENE_ROWS)
		cap = rows - 2 - MIN_SCENE_ROWS;
	if (cap > need)
		cap = need;
	if (cap < 1)
		cap = 1;
	int cap_y = rows - 1 - cap;
	draw_hline(stdscr, cap_y - 1, 0, cols, ROLE_DIM, t->ascii);
	player_draw_text(t, (lrect){ cap_y, x, cap, w });

	/* The headline numbers, large, when the scene keeps its rows. */
	int top = 2, scene_h = cap_y - 1 - top;
	headline h[MAX_HEADLINES];
	int nh = find_headlines(t, h);
	for (int scale = 2; nh > 0 && scale >= 1; scale--) {
		int total, band = bigtext_rows(scale, t->ascii) + 1;
		if (scale == 2 && rows < 34)
			continue;
		if (fit_headlines(h, nh, scale, w, &total) < 1 || scene_h - band - 1 < MIN_SCENE_ROWS)
			continue;
		draw_headlines(t, h, nh, scale, top, x, w);
		top += band + 1;
		scene_h -= band + 1;
		break;
	}
	player_draw_scene(t, (lrect){ top, x, scene_h, w });

	/* The bottom row: the message, a question, or the keys. */
	int by = rows - 1;
	draw_clear(stdscr, (lrect){ by, 0, 1, cols }, ROLE_NORMAL);
	if (t->goto_active)
		draw_fmt(stdscr, by, 1, cols - 1, ROLE_EMPH, t->ascii, _("go to step (1-%d): %s"), t->n_steps,
			 t->goto_buf);
	else if (t->quit_asked)
		draw_text(stdscr, by, 1, cols - 1, player_question(t), ROLE_ERROR, t->ascii);
	else if (t->status[0])
		draw_text(stdscr, by, 1, cols - 1, t->status, t->status_role, t->ascii);
	else
		/* TRANSLATORS: the presentation's key bar; keep the key names. */
		draw_text(stdscr, by, 1, cols - 1,
			  t->ascii ? _("->/PgDn next   <-/PgUp back   f or Esc: leave presentation   ? help")
				   : _("→/PgDn next   ←/PgUp back   f or Esc: leave presentation   ? help"),
			  ROLE_DIM, t->ascii);
}

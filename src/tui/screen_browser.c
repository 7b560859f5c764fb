/* screen_browser.c: the lesson browser: every lesson with its summary and
 * how far it was followed (kept between runs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab/paths.h"
#include "lab/view/uwidth.h"
#include "engine/core/intl.h"
#include "tui/draw/draw.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

int browser_load(tui *t)
{
	lesson_list_free(&t->lessons, t->n_lessons);
	t->n_lessons = lesson_list(&t->lessons);
	if (t->n_lessons < 0)
		t->n_lessons = 0;
	if (t->sel >= t->n_lessons)
		t->sel = t->n_lessons ? t->n_lessons - 1 : 0;
	return t->n_lessons;
}

/* The quiz score, "quiz 2/3" ("" when no quiz was answered). */
static void score_label(const tui *t, const lesson_entry *e, char *buf, size_t n)
{
	int right, asked;
	pstore_score(t->progress, e->name, &right, &asked);
	if (asked)
		snprintf(buf, n, _("quiz %d/%d"), right, asked);
	else
		buf[0] = 0;
}

/* "3/7", "done" or "new" for a lesson. */
static void progress_label(const tui *t, const lesson_entry *e, char *buf, size_t n, int *role)
{
	int reached, steps;
	if (pstore_get(t->progress, e->name, &reached, &steps) || reached < 0) {
		snprintf(buf, n, "%s", _("new"));
		*role = ROLE_DIM;
	} else if (reached + 1 >= steps) {
		snprintf(buf, n, "%s", t->ascii ? _("done") : _("done ✓"));
		*role = ROLE_GOOD;
	} else {
		snprintf(buf, n, "%d/%d", reached + 1, steps);
		*role = ROLE_EMPH;
	}
}

void browser_draw(tui *t)
{
	layout l;
	if (layout_browser(t->rows, t->cols, &l))
		return;
	char count[64];
	snprintf(count, sizeof count, ngettext("%d lesson", "%d lessons", (unsigned long)t->n_lessons),
		 t->n_lessons);
	tui_title(t, &l, _("latentlab: lessons"), count);
	lrect r = l.prose;
	if (!t->n_lessons) {
		const char **folders;
		int nf = paths_folders(&folders);
		draw_text(stdscr, r.y + 1, r.x + 1, r.w - 2, _("No lessons found. Searched:"), ROLE_ERROR, t->ascii);
		for (int i = 0; i < nf && i + 2 < r.h; i++)
			draw_fmt(stdscr, r.y + 2 + i, r.x + 3, r.w - 4, ROLE_DIM, t->ascii, "%s/lessons", folders[i]);
	}
	t->top = layout_scroll(t->top, t->sel, t->n_lessons, r.h);
	for (int i = 0; i < r.h && t->top + i < t->n_lessons; i++) {
		int k = t->top + i, y = r.y + i, sel = k == t->sel;
		const lesson_entry *e = &t->lessons[k];
		char prog[32], score[32];
		int prole;
		progress_label(t, e, prog, sizeof prog, &prole);
		score_label(t, e, score, sizeof score);
		/* Columns from the right: the progress (8), the score (10). */
		int pw = 8, sw = 10;
		if (sel)
			draw_clear(stdscr, (lrect){ y, r.x, 1, r.w }, ROLE_SELECT);
		int role = sel ? ROLE_SELECT : e->error ? ROLE_ERROR : ROLE_NORMAL;
		draw_text(stdscr, y, r.x + 1, r.w - pw - sw - 2, e->title, role, t->ascii);
		draw_text(stdscr, y, r.x + r.w - pw - sw, sw, score, sel ? ROLE_SELECT : ROLE_DIM, t->ascii);
		draw_text(stdscr, y, r.x + r.w - pw, pw, prog, sel ? ROLE_SELECT : prole, t->ascii);
	}
	if (l.side_by_side)
		draw_vline(stdscr, l.divider.y, l.divider.x, l.divider.h, ROLE_DIM, t->ascii);
	else
		draw_hline(stdscr, l.divider.y, l.divider.x, l.divider.w, ROLE_DIM, t->ascii);
	if (t->n_lessons) {
		const lesson_entry *e = &t->lessons[t->sel];
		lrect d = { l.scene.y, l.scene.x + 1, l.scene.h, l.scene.w - 2 };
		draw_text(stdscr, d.y, d.x, d.w, e->title, ROLE_TITLE, t->ascii);
		draw_fmt(stdscr, d.y + 1, d.x, d.w, ROLE_DIM, t->ascii, "%s", e->name);
		int right, asked;
		pstore_score(t->progress, e->name, &right, &asked);
		if (asked && d.h > 2)
			draw_fmt(stdscr, d.y + 2, d.x, d.w, ROLE_EMPH, t->ascii, _("quiz: %d of %d answered right"),
				 right, asked);
		if (e->untranslated && d.h > 2 && !asked)
			draw_text(stdscr, d.y + 2, d.x, d.w,
				  _("no Korean translation yet: shown in English"), ROLE_DIM, t->ascii);
		lrect body = { d.y + 3, d.x, d.h - 3, d.w };
		if (body.h > 0)
			scene_prose(stdscr, body, e->error ? e->error : e->summary, 0, t->ascii);
	}
	if (t->status[0])
		draw_text(stdscr, l.status.y, 1, l.status.w - 1, t->status, t->status_role, t->ascii);
	static const char *const keys[] = { "Enter", N_("open"), "Up/Down", N_("choose"), "?", N_("help"),
					    "q", N_("quit"), NULL };
	static const char *const ukeys[] = { "Enter", N_("open"), "↑/↓", N_("choose"), "?", N_("help"),
					     "q", N_("quit"), NULL };
	tui_keybar(t, &l, t->ascii ? keys : ukeys);
}

tui_result browser_key(tui *t, int key)
{
	switch (key) {
	case 'q':
		return TUI_DO(ACT_QUIT);
	case TUI_ESC: /* never quits: clears the message */
		t->status[0] = 0;
		break;
	case TUI_KEY(KEY_UP):
	case 'k':
		if (t->sel > 0)
			t->sel--;
		break;
	case TUI_KEY(KEY_DOWN):
	case 'j':
		if (t->sel + 1 < t->n_lessons)
			t->sel++;
		break;
	case TUI_KEY(KEY_HOME):
	case 'g':
		t->sel = 0;
		break;
	case TUI_KEY(KEY_END):
	case 'G':
		t->sel = t->n_lessons ? t->n_lessons - 1 : 0;
		break;
	case TUI_KEY(KEY_PPAGE):
		t->sel = t->sel > 10 ? t->sel - 10 : 0;
		break;
	case TUI_KEY(KEY_NPAGE):
		t->sel = t->sel + 10 < t->n_lessons ? t->sel + 10 : (t->n_lessons ? t->n_lessons - 1 : 0);
		break;
	case '?':
		return TUI_DO(ACT_HELP);
	case '\n':
	case TUI_KEY(KEY_ENTER):
	case TUI_KEY(KEY_RIGHT):
	case ' ':
		if (t->n_lessons) {
			const lesson_entry *e = &t->lessons[t->sel];
			if (e->error) {
				tui_status(t, ROLE_ERROR, "%s", e->error);
				break;
			}
			t->status[0] = 0;
			return (tui_result){ .act = ACT_OPEN_LESSON, .arg.lesson = e };
		}
		break;
	default:
		return TUI_DO(ACT_NONE);
	}
	return TUI_DO(ACT_REDRAW);
}

/* progress.c: long work (training on MovieLens) drawn from the lab's
 * progress callback: a bar, the live loss and the time left. The callback
 * also keeps the screen responsive: it polls the keyboard without waiting,
 * so Esc cancels (the lab keeps what it has trained) and a resize relays
 * out the box. */
#include <math.h>
#include <stdio.h>

#include "engine/core/intl.h"
#include "tui/draw/draw.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

static void relayout(tui *t)
{
	int rows, cols;
	if (signals_term_size(&rows, &cols) == 0) {
		resizeterm(rows, cols);
		t->rows = rows, t->cols = cols;
	}
	tui_sig_winch = 0;
	/* The screen under the box is redrawn by the loop after the work. */
	erase();
}

static void on_progress(void *ctx, double fraction, double loss, const char *what)
{
	tui *t = ctx;
	/* Poll, never wait: Esc (or q, or Ctrl-C through the flag) cancels. */
	nodelay(stdscr, TRUE);
	int key;
	while ((key = tui_getkey()) != ERR) {
		if (key == TUI_ESC || key == 'q')
			tui_cancel = 1;
		else if (key == TUI_KEY(KEY_RESIZE))
			tui_sig_winch = 1;
	}
	nodelay(stdscr, FALSE);
	if (tui_sig_quit)
		tui_cancel = 1;
	if (tui_sig_winch)
		relayout(t);
	if (!layout_fits(t->rows, t->cols)) {
		small_draw(t);
		doupdate();
		return;
	}
	if (!(fraction >= 0))
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	int w = t->cols - 8 > 70 ? 70 : t->cols - 8, h = 7;
	lrect box = { (t->rows - h) / 2, (t->cols - w) / 2, h, w };
	draw_clear(stdscr, box, ROLE_NORMAL);
	draw_hline(stdscr, box.y, box.x, box.w, ROLE_TITLE, t->ascii);
	draw_hline(stdscr, box.y + box.h - 1, box.x, box.w, ROLE_TITLE, t->ascii);
	int x = box.x + 2, iw = box.w - 4;
	draw_fmt(stdscr, box.y + 1, x, iw, ROLE_TITLE, t->ascii, "%s", what && *what ? what : _("working"));
	char pct[16];
	snprintf(pct, sizeof pct, " %3.0f%%", fraction * 100);
	draw_vline(stdscr, box.y + 2, x - 1, 1, ROLE_DIM, t->ascii);
	draw_bar(stdscr, box.y + 2, x, iw - 6, fraction, ROLE_PROGRESS, t->ascii);
	draw_text(stdscr, box.y + 2, x + iw - 5, 5, pct, ROLE_NORMAL, t->ascii);
	double el = tui_now() - t->work_start;
	char left[64] = "";
	if (fraction > 0.01 && fraction < 1) {
		double rest = el * (1 - fraction) / fraction;
		if (rest >= 60)
			snprintf(left, sizeof left, _("about %.0f min %02.0f s left"), floor(rest / 60), fmod(rest, 60));
		else
			snprintf(left, sizeof left, _("about %.0f s left"), ceil(rest));
	}
	draw_fmt(stdscr, box.y + 3, x, iw, ROLE_NORMAL, t->ascii, _("loss %.4f   %.1f s elapsed   %s"),
		 loss, el, left);
	draw_text(stdscr, box.y + 5, x, iw,
		  tui_cancel ? _("cancelling: keeping the model trained so far...") : _("Esc cancels and keeps the model trained so far"),
		  tui_cancel ? ROLE_ERROR : ROLE_DIM, t->ascii);
	wnoutrefresh(stdscr);
	doupdate();
}

void progress_attach(tui *t)
{
	lab_set_cancel_flag(t->lab, &tui_cancel);
	lab_set_progress(t->lab, on_progress, t);
}

void progress_begin(tui *t)
{
	t->work_start = tui_now();
	t->working = 1;
	tui_cancel = 0;
}

void progress_end(tui *t)
{
	t->working = 0;
	if (tui_cancel && !tui_sig_quit)
		tui_status(t, ROLE_ERROR, "cancelled: the model keeps what it learned so far");
	tui_cancel = 0;
}

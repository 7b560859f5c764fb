/* screen_help.c: the help screen: the player's keys (read from
 * player_keys.c's table, so they are declared once) and the lab's commands
 * (from the lab's own table). It is laid out to fit the screen: of a few
 * layouts, from the fullest (every key's whole text, every command with its
 * summary) to the barest (two columns of short texts, the commands by name),
 * the first that fits is drawn; a screen too small for any scrolls (Up,
 * Down). Any other key goes back. */
#include <stdio.h>
#include <string.h>

#include "lab/view/uwidth.h"
#include "engine/core/intl.h"
#include "tui/draw/draw.h"
#include "tui/draw/theme.h"
#include "tui/scene/scene.h"
#include "tui/tui.h"

enum { CMD_SUMMARIES, CMD_NAMES, CMD_POINTER };

typedef struct help_plan {
	int key_cols;   /* 1 or 2 columns of keys */
	int brief;      /* the keys' short texts */
	int cmds;       /* CMD_*: how the commands are shown */
	int cmd_cols;   /* columns of commands with summaries */
} help_plan;

#define NAME_W 17 /* the key names' column */
#define GAP 2
#define CMD_NAME_W 13
#define CMD_COL_MIN 40

static int text_rows(const char *s, int w)
{
	return w > 0 && s && *s ? scene_prose(stdscr, (lrect){ 0, 0, 0, w }, s, 0, 1) : 1;
}

static const char *key_text(const tui_key *k, int brief)
{
	return _(brief && k->brief ? k->brief : k->help);
}

static int n_named(void)
{
	int n = 0;
	for (int i = 0; i < player_n_keys; i++)
		n += player_keys[i].name != NULL;
	return n;
}

/* The i-th key row that has a name. */
static const tui_key *named(int i)
{
	for (int k = 0; k < player_n_keys; k++)
		if (player_keys[k].name && i-- == 0)
			return &player_keys[k];
	return NULL;
}

/* The commands' names as one paragraph. */
static void command_names(char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = 0;
	for (int i = 0; i < lab_command_count() && len + 1 < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "", lab_command_name(i));
}

/* Rows of the keys in plan p at width w, and where the second column
 * starts (the key index). */
static int key_rows(const help_plan *p, int w, int *split)
{
	int n = n_named(), cw = p->key_cols > 1 ? (w - GAP) / 2 : w, tw = cw - NAME_W;
	int rows[64], total = 0;
	for (int i = 0; i < n && i < 64; i++)
		total += rows[i] = text_rows(key_text(named(i), p->brief), tw);
	*split = n;
	if (p->key_cols == 1)
		return total;
	/* Two columns: the first takes keys until it holds half the rows. */
	int first = 0, i = 0;
	while (i < n && first + rows[i] <= (total + 1) / 2)
		first += rows[i++];
	*split = i;
	return first > total - first ? first : total - first;
}

static int cmd_rows(const help_plan *p, int w)
{
	char names[2048];
	switch (p->cmds) {
	case CMD_SUMMARIES:
		return (lab_command_count() + p->cmd_cols - 1) / p->cmd_cols;
	case CMD_NAMES:
		command_names(names, sizeof names);
		return text_rows(names, w) + 1;
	default:
		return 1;
	}
}

/* Rows the plan needs: a heading, the keys, a blank row, a heading and
 * the commands. */
static int plan_rows(const help_plan *p, int w)
{
	int split;
	return 1 + key_rows(p, w, &split) + 2 + cmd_rows(p, w);
}

static help_plan choose(int w, int h, int *fits)
{
	int cc = w / CMD_COL_MIN;
	if (cc < 1)
		cc = 1;
	const help_plan plans[] = {
		{ 1, 0, CMD_SUMMARIES, cc }, { 2, 0, CMD_SUMMARIES, cc }, { 1, 0, CMD_NAMES, 0 },
		{ 2, 0, CMD_NAMES, 0 },      { 2, 1, CMD_SUMMARIES, cc }, { 2, 1, CMD_NAMES, 0 },
		{ 1, 0, CMD_POINTER, 0 },    { 2, 1, CMD_POINTER, 0 },
	};
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		/* Two columns only when each keeps room for its text. */
		if (plans[i].key_cols == 2 && (w - GAP) / 2 - NAME_W < (plans[i].brief ? 20 : 30))
			continue;
		if (plan_rows(&plans[i], w) <= h) {
			*fits = 1;
			return plans[i];
		}
	}
	*fits = 0;
	return (help_plan){ 1, 1, CMD_NAMES, 0 };
}

/* Drawing with a vertical offset: rows outside [y0, y1) are skipped. */
typedef struct clip {
	int y0, y1, off;
} clip;

static void put(tui *t, const clip *c, int y, int x, int w, const char *s, int role)
{
	y -= c->off;
	if (y >= c->y0 && y < c->y1)
		draw_text(stdscr, y, x, w, s, role, t->ascii);
}

/* Wrapped text at virtual row y; returns its rows. */
static int put_wrapped(tui *t, const clip *c, int y, int x, int w, const char *s)
{
	int n = text_rows(s, w);
	for (int i = 0; i < n; i++) {
		int yy = y + i - c->off;
		if (yy >= c->y0 && yy < c->y1)
			scene_prose(stdscr, (lrect){ yy, x, 1, w }, s, i, t->ascii);
	}
	return n;
}

/* A command's summary cut to w columns, with "…" when cut. */
static void put_summary(tui *t, const clip *c, int y, int x, int w, const char *s)
{
	if (uw_width(s) <= w) {
		put(t, c, y, x, w, s, ROLE_NORMAL);
		return;
	}
	char buf[256];
	int used;
	size_t n = uw_fit(s, w - 1, &used);
	snprintf(buf, sizeof buf, "%.*s%s", (int)n, s, t->ascii ? "~" : "…");
	put(t, c, y, x, w, buf, ROLE_NORMAL);
}

void help_draw(tui *t)
{
	layout l;
	if (layout_player(t->rows, t->cols, &l))
		return;
	int x = 2, w = t->cols - 3, y0 = 2, h = t->rows - 1 - y0;
	int fits;
	help_plan p = choose(w, h, &fits);
	int need = plan_rows(&p, w);
	t->help_scrolls = !fits;
	if (fits || t->help_top < 0)
		t->help_top = 0;
	if (!fits && t->help_top > need - h)
		t->help_top = need - h;
	clip c = { y0, y0 + h, t->help_top };
	tui_title(t, &l, _("latentlab: help"), fits ? _("any key goes back") : _("Up/Down scroll"));

	int y = y0;
	put(t, &c, y++, x, w, _("Keys"), ROLE_TITLE);
	int split, krows = key_rows(&p, w, &split), n = n_named();
	int cw = p.key_cols > 1 ? (w - GAP) / 2 : w;
	for (int col = 0, yy = y, i = 0; i < n; i++) {
		if (i == split)
			col = 1, yy = y;
		const tui_key *k = named(i);
		int cx = x + col * (cw + GAP);
		put(t, &c, yy, cx, NAME_W - 1, k->name, ROLE_EMPH);
		yy += put_wrapped(t, &c, yy, cx + NAME_W, cw - NAME_W, key_text(k, p.brief));
	}
	y += krows + 1;
	put(t, &c, y++, x, w, _("Commands at the : prompt"), ROLE_TITLE);
	int nc = lab_command_count();
	if (p.cmds == CMD_SUMMARIES) {
		int per = (nc + p.cmd_cols - 1) / p.cmd_cols, ccw = w / p.cmd_cols;
		for (int i = 0; i < nc; i++) {
			int cx = x + (i / per) * ccw;
			put(t, &c, y + i % per, cx, CMD_NAME_W - 1, lab_command_name(i), ROLE_CODE);
			put_summary(t, &c, y + i % per, cx + CMD_NAME_W, ccw - CMD_NAME_W - 2, lab_command_summary(i));
		}
	} else if (p.cmds == CMD_NAMES) {
		char names[2048];
		command_names(names, sizeof names);
		y += put_wrapped(t, &c, y, x, w, names);
		put(t, &c, y, x, w, _("':help NAME' at the prompt explains one."), ROLE_DIM);
	} else {
		put(t, &c, y, x, w, _("':help' at the prompt lists them; ':help NAME' explains one."),
		    ROLE_DIM);
	}
	if (!fits && need - t->help_top > h) {
		draw_clear(stdscr, (lrect){ y0 + h - 1, 0, 1, t->cols }, ROLE_NORMAL);
		draw_text(stdscr, y0 + h - 1, x, w, t->ascii ? _("v more: Down") : _("↓ more: Down"), ROLE_DIM, t->ascii);
	}
	static const char *const k[] = { N_("any key"), N_("back"), NULL };
	static const char *const ks[] = { "Up/Down", N_("scroll"), N_("any other key"), N_("back"), NULL };
	tui_keybar(t, &l, fits ? k : ks);
}

tui_result help_key(tui *t, int key)
{
	/* Scrolling, when the help does not fit; any other key goes back. */
	if (t->help_scrolls && (key == TUI_KEY(KEY_DOWN) || key == 'j')) {
		t->help_top++;
		return TUI_DO(ACT_REDRAW);
	}
	if (t->help_scrolls && (key == TUI_KEY(KEY_UP) || key == 'k')) {
		if (t->help_top > 0)
			t->help_top--;
		return TUI_DO(ACT_REDRAW);
	}
	if (key == TUI_UNKNOWN)
		return TUI_DO(ACT_NONE);
	t->help_top = 0;
	return TUI_DO(ACT_BACK);
}

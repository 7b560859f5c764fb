/* theme.c: a colour table per theme, indexed by role (see theme.h), so a
 * widget names what a cell means and the theme alone decides its look. */
#include "tui/draw/theme.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

typedef struct style {
	short fg, bg;     /* -1: the terminal's default */
	attr_t attr;
} style;

static const style default_theme[ROLE_COUNT] = {
	[ROLE_NORMAL]    = { -1, -1, A_NORMAL },
	[ROLE_DIM]       = { COLOR_BLUE, -1, A_NORMAL },
	[ROLE_TITLE]     = { COLOR_CYAN, -1, A_BOLD },
	[ROLE_EMPH]      = { COLOR_YELLOW, -1, A_BOLD },
	[ROLE_CODE]      = { COLOR_GREEN, -1, A_NORMAL },
	[ROLE_KNOWN]     = { -1, -1, A_BOLD },
	[ROLE_MISSING]   = { COLOR_BLUE, -1, A_NORMAL },
	[ROLE_PREDICTED] = { COLOR_MAGENTA, -1, A_BOLD },
	[ROLE_CURRENT]   = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	[ROLE_USER]      = { COLOR_CYAN, -1, A_BOLD },
	[ROLE_ITEM]      = { COLOR_YELLOW, -1, A_BOLD },
	[ROLE_POSITIVE]  = { COLOR_GREEN, -1, A_NORMAL },
	[ROLE_NEGATIVE]  = { COLOR_RED, -1, A_NORMAL },
	[ROLE_ERROR]     = { COLOR_RED, -1, A_BOLD },
	[ROLE_GOOD]      = { COLOR_GREEN, -1, A_BOLD },
	[ROLE_SELECT]    = { COLOR_BLACK, COLOR_CYAN, A_NORMAL },
	[ROLE_BAR]       = { COLOR_BLACK, COLOR_WHITE, A_NORMAL },
	[ROLE_KEY]       = { COLOR_BLUE, COLOR_WHITE, A_BOLD },
	[ROLE_SERIES1]   = { COLOR_CYAN, -1, A_NORMAL },
	[ROLE_SERIES2]   = { COLOR_MAGENTA, -1, A_NORMAL },
	[ROLE_SERIES3]   = { COLOR_GREEN, -1, A_NORMAL },
	[ROLE_PROGRESS]  = { COLOR_GREEN, -1, A_BOLD },
};

/* For projectors: saturated colours, bold everywhere, black background. */
static const style contrast_theme[ROLE_COUNT] = {
	[ROLE_NORMAL]    = { COLOR_WHITE, COLOR_BLACK, A_BOLD },
	[ROLE_DIM]       = { COLOR_WHITE, COLOR_BLACK, A_NORMAL },
	[ROLE_TITLE]     = { COLOR_YELLOW, COLOR_BLACK, A_BOLD | A_UNDERLINE },
	[ROLE_EMPH]      = { COLOR_YELLOW, COLOR_BLACK, A_BOLD },
	[ROLE_CODE]      = { COLOR_GREEN, COLOR_BLACK, A_BOLD },
	[ROLE_KNOWN]     = { COLOR_WHITE, COLOR_BLACK, A_BOLD },
	[ROLE_MISSING]   = { COLOR_WHITE, COLOR_BLACK, A_NORMAL },
	[ROLE_PREDICTED] = { COLOR_MAGENTA, COLOR_BLACK, A_BOLD },
	[ROLE_CURRENT]   = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	[ROLE_USER]      = { COLOR_CYAN, COLOR_BLACK, A_BOLD },
	[ROLE_ITEM]      = { COLOR_YELLOW, COLOR_BLACK, A_BOLD },
	[ROLE_POSITIVE]  = { COLOR_GREEN, COLOR_BLACK, A_BOLD },
	[ROLE_NEGATIVE]  = { COLOR_RED, COLOR_BLACK, A_BOLD },
	[ROLE_ERROR]     = { COLOR_WHITE, COLOR_RED, A_BOLD },
	[ROLE_GOOD]      = { COLOR_BLACK, COLOR_GREEN, A_BOLD },
	[ROLE_SELECT]    = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	[ROLE_BAR]       = { COLOR_BLACK, COLOR_WHITE, A_BOLD },
	[ROLE_KEY]       = { COLOR_RED, COLOR_WHITE, A_BOLD },
	[ROLE_SERIES1]   = { COLOR_CYAN, COLOR_BLACK, A_BOLD },
	[ROLE_SERIES2]   = { COLOR_MAGENTA, COLOR_BLACK, A_BOLD },
	[ROLE_SERIES3]   = { COLOR_GREEN, COLOR_BLACK, A_BOLD },
	[ROLE_PROGRESS]  = { COLOR_GREEN, COLOR_BLACK, A_BOLD },
};

/* No colours: meaning carried by attributes alone. */
static const attr_t mono_theme[ROLE_COUNT] = {
	[ROLE_NORMAL] = A_NORMAL, [ROLE_DIM] = A_DIM, [ROLE_TITLE] = A_BOLD,
	[ROLE_EMPH] = A_BOLD, [ROLE_CODE] = A_UNDERLINE, [ROLE_KNOWN] = A_BOLD,
	[ROLE_MISSING] = A_DIM, [ROLE_PREDICTED] = A_UNDERLINE,
	[ROLE_CURRENT] = A_REVERSE, [ROLE_USER] = A_BOLD, [ROLE_ITEM] = A_UNDERLINE,
	[ROLE_POSITIVE] = A_NORMAL, [ROLE_NEGATIVE] = A_NORMAL,
	[ROLE_ERROR] = A_BOLD, [ROLE_GOOD] = A_BOLD, [ROLE_SELECT] = A_REVERSE,
	[ROLE_BAR] = A_REVERSE, [ROLE_KEY] = A_REVERSE | A_BOLD,
	[ROLE_SERIES1] = A_BOLD, [ROLE_SERIES2] = A_NORMAL, [ROLE_SERIES3] = A_DIM,
	[ROLE_PROGRESS] = A_REVERSE,
};

static attr_t attrs[ROLE_COUNT];

int theme_parse(const char *name)
{
	if (!strcmp(name, "default"))
		return THEME_DEFAULT;
	if (!strcmp(name, "contrast"))
		return THEME_CONTRAST;
	if (!strcmp(name, "mono"))
		return THEME_MONO;
	return -1;
}

int theme_init(int kind)
{
	const char *nc = getenv("NO_COLOR");
	if ((nc && *nc) || !has_colors())
		kind = THEME_MONO;
	if (kind != THEME_MONO && start_color() == ERR)
		kind = THEME_MONO;
	if (kind == THEME_MONO) {
		memcpy(attrs, mono_theme, sizeof attrs);
		return kind;
	}
	use_default_colors();
	const style *t = kind == THEME_CONTRAST ? contrast_theme : default_theme;
	for (int r = 0; r < ROLE_COUNT; r++) {
		short pair = (short)(r + 1);
		if (pair >= COLOR_PAIRS) {
			attrs[r] = mono_theme[r];
			continue;
		}
		init_pair(pair, t[r].fg, t[r].bg);
		attrs[r] = COLOR_PAIR(pair) | t[r].attr;
	}
	if (kind == THEME_CONTRAST)
		bkgd(attrs[ROLE_NORMAL] | ' ');
	return kind;
}

unsigned long theme_attr(int role)
{
	if (role < 0 || role >= ROLE_COUNT)
		role = ROLE_NORMAL;
	return attrs[role];
}

int theme_series(int i)
{
	static const int s[] = { ROLE_SERIES1, ROLE_SERIES2, ROLE_SERIES3 };
	return s[(i < 0 ? 0 : i) % 3];
}

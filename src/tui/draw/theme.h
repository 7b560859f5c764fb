/* theme.h: colours by meaning. Widgets ask for a role; the theme decides how
 * it looks (a default theme, a high-contrast one for projectors, and a
 * monochrome one of attributes only when the terminal has no colours or
 * NO_COLOR is set). */
#ifndef TUI_THEME_H
#define TUI_THEME_H

typedef enum theme_role {
	ROLE_NORMAL = 0,
	ROLE_DIM,         /* axes, hints, secondary text */
	ROLE_TITLE,       /* pane titles and headings */
	ROLE_EMPH,        /* *emphasis* in prose */
	ROLE_CODE,        /* `code` in prose */
	ROLE_KNOWN,       /* a rating the user gave */
	ROLE_MISSING,     /* '?' in the ratings matrix */
	ROLE_PREDICTED,   /* a model's prediction */
	ROLE_CURRENT,     /* the (user, item) being updated */
	ROLE_USER,        /* users in vectors and plots */
	ROLE_ITEM,        /* items in vectors and plots */
	ROLE_POSITIVE,    /* signed bars */
	ROLE_NEGATIVE,
	ROLE_ERROR,       /* error messages, a prediction's error */
	ROLE_GOOD,        /* a right quiz answer, "done" */
	ROLE_SELECT,      /* the selected row of a list */
	ROLE_BAR,         /* title bar and key bar */
	ROLE_KEY,         /* key names in the key bar */
	ROLE_SERIES1,     /* chart series, in order */
	ROLE_SERIES2,
	ROLE_SERIES3,
	ROLE_PROGRESS,    /* progress bar fill */
	ROLE_COUNT
} theme_role;

typedef enum theme_kind { THEME_DEFAULT, THEME_CONTRAST, THEME_MONO } theme_kind;

/* Parse a --theme name; -1 when unknown. */
int theme_parse(const char *name);
/* Set up colour pairs after initscr(); falls back to THEME_MONO when the
 * terminal has no colours or NO_COLOR is set (non-empty). Returns the theme
 * in use. */
int theme_init(int kind);
/* The curses attributes for a role (an attr_t, as unsigned long so that this
 * header needs no curses). */
unsigned long theme_attr(int role);
/* The role of chart series i. */
int theme_series(int i);

#endif

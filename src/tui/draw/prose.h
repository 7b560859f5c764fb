/* prose.h: lesson prose wrapped by display width, with *emphasis* and
 * `code` markup turned into styled runs. No curses: unit-tested.
 *
 * Single newlines join lines into paragraphs; a blank line ends one; a line
 * starting with "- ", "* ", a digit and ". ", or a space keeps its break
 * (lists, indented text). The markers themselves are not shown. */
#ifndef TUI_PROSE_H
#define TUI_PROSE_H

enum prose_style { PROSE_PLAIN = 0, PROSE_EMPH = 1, PROSE_CODE = 2 };

typedef struct prose_run {
	int style;
	int start, len;   /* bytes into prose_line.text */
} prose_run;

typedef struct prose_line {
	char *text;       /* the visible text of the line, UTF-8 */
	int width;        /* in columns */
	int n_runs;
	prose_run *runs;
} prose_line;

typedef struct prose {
	int n;
	prose_line *lines;
} prose;

/* Wrap text to cols columns (cols >= 1). NULL when out of memory. */
prose *prose_wrap(const char *text, int cols);
void prose_free(prose **p);

#endif

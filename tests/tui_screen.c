/* tui_screen.c: a helper of tests/tui_walk.sh and tests/tui_keys.sh (not a
 * test itself). It reads a screen captured by `tmux capture-pane -p` and
 * checks its frame by display columns (a Hangul syllable takes two):
 *
 *   tui_screen player|present|help COLS ROWS STATUS < capture > prose
 *
 * The screen must be drawn for COLS columns (the title bar's right end one
 * column from the edge; else exit 3: not drawn yet). Nothing anywhere may
 * read "{{" or "}}". Every pane keeps its margins blank (text that
 * overflows its pane would stand in them), the divider between prose and
 * scene is whole, the title and key bars are there. On success it writes
 * the status row to the file STATUS and prints the rows of the prose pane
 * (player) or caption (present), for the numbers to be compared; on
 * failure it names the row and exits 1. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"

#define MAX_ROWS 200
#define MAX_COLS 400
#define WIDE_REST 0xffffffffu /* the second column of a wide character */

static uint32_t cell[MAX_ROWS][MAX_COLS];
static int cols, rows, failed;
static FILE *status;

static void fail(int row, const char *what)
{
	fprintf(stderr, "tui_screen: row %d: %s\n", row + 1, what);
	failed = 1;
}

static int blank(int r, int c)
{
	return cell[r][c] == ' ';
}

static int is_hline(int r)
{
	for (int c = 0; c < cols; c++)
		if (cell[r][c] != 0x2500 && cell[r][c] != '-')
			return 0;
	return 1;
}

static int row_blank(int r)
{
	for (int c = 0; c < cols; c++)
		if (!blank(r, c))
			return 0;
	return 1;
}

/* Columns [from, to) of row r as UTF-8, trailing blanks dropped. */
static void print_cells(FILE *out, int r, int from, int to)
{
	char buf[4 * MAX_COLS + 1];
	size_t n = 0, keep = 0;
	for (int c = from; c < to; c++) {
		uint32_t cp = cell[r][c];
		if (cp == WIDE_REST)
			continue;
		if (cp < 0x80) {
			buf[n++] = (char)cp;
		} else if (cp < 0x800) {
			buf[n++] = (char)(0xc0 | cp >> 6), buf[n++] = (char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			buf[n++] = (char)(0xe0 | cp >> 12), buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
			buf[n++] = (char)(0x80 | (cp & 0x3f));
		} else {
			buf[n++] = (char)(0xf0 | cp >> 18), buf[n++] = (char)(0x80 | ((cp >> 12) & 0x3f));
			buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3f)), buf[n++] = (char)(0x80 | (cp & 0x3f));
		}
		if (cp != ' ')
			keep = n;
	}
	fprintf(out, "%.*s\n", (int)keep, buf);
}

static int read_screen(void)
{
	char line[8192];
	for (int r = 0; r < MAX_ROWS; r++)
		for (int c = 0; c < MAX_COLS; c++)
			cell[r][c] = ' ';
	int r = 0;
	while (r < rows && fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = 0;
		if (strstr(line, "{{") || strstr(line, "}}"))
			fail(r, "an expression was not evaluated ({{ or }} on the screen)");
		int c = 0;
		for (const char *p = line; *p;) {
			uint32_t cp;
			p += uw_decode(p, &cp);
			int w = uw_cp_width(cp);
			if (w == 0)
				continue;
			if (c + w > cols) {
				fail(r, "wider than the terminal");
				break;
			}
			cell[r][c++] = cp;
			if (w == 2)
				cell[r][c++] = WIDE_REST;
		}
		r++;
	}
	return r;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void check_player(void)
{
	int side = cols >= 100, pw = clamp(cols * 2 / 5, 36, 64), div = -1;
	if (row_blank(0))
		fail(0, "no title bar");
	if (row_blank(rows - 1))
		fail(rows - 1, "no key bar");
	for (int r = 1; r <= rows - 3; r++) {
		if (!side && is_hline(r)) {
			if (div >= 0)
				fail(r, "a second divider");
			div = r;
			continue;
		}
		if (!blank(r, 0))
			fail(r, "text in the left margin (it overflows its pane)");
		if (!blank(r, cols - 1))
			fail(r, "text in the right margin (it overflows its pane)");
		if (side && cell[r][pw] != 0x2502 && cell[r][pw] != '|')
			fail(r, "the divider is broken (text overflows the prose pane)");
		if (side && !blank(r, pw - 1))
			fail(r, "text in the prose pane's right margin (it overflows)");
	}
	if (!side && div < 0)
		fail(1, "no divider between prose and scene");
	if (failed)
		return;
	print_cells(status, rows - 2, 1, cols);
	int last = side ? rows - 3 : div - 1;
	for (int r = 1; r <= last; r++)
		print_cells(stdout, r, 1, side ? pw - 1 : cols - 1);
}

static void check_present(void)
{
	int hl = -1;
	if (row_blank(0))
		fail(0, "no title bar");
	for (int r = 1; r <= rows - 2; r++) {
		if (is_hline(r)) {
			if (hl >= 0)
				fail(r, "a second caption rule");
			hl = r;
			continue;
		}
		if (!blank(r, 0) || !blank(r, 1))
			fail(r, "text in the left margin (it overflows its pane)");
		if (!blank(r, cols - 1) || !blank(r, cols - 2))
			fail(r, "text in the right margin (it overflows its pane)");
	}
	if (hl < 0)
		fail(1, "no rule above the caption");
	if (failed)
		return;
	/* The bottom row holds the message, or the keys when there is none. */
	char hint[16] = "";
	for (int c = 1, n = 0; c < cols && n < 6; c++, n++)
		hint[n] = cell[rows - 1][c] < 0x80 ? (char)cell[rows - 1][c] : '>';
	if (strncmp(hint, ">/PgD", 5) && strncmp(hint, "->/PgD", 6))
		print_cells(status, rows - 1, 1, cols);
	else
		fprintf(status, "\n");
	for (int r = hl + 1; r <= rows - 2; r++)
		print_cells(stdout, r, 2, cols - 2);
}

static void check_help(void)
{
	if (row_blank(0))
		fail(0, "no title bar");
	if (row_blank(rows - 1))
		fail(rows - 1, "no key bar");
	for (int r = 1; r <= rows - 2; r++) {
		if (!blank(r, 0) || !blank(r, 1))
			fail(r, "text in the left margin");
		if (!blank(r, cols - 1))
			fail(r, "text in the right margin (it overflows)");
	}
	if (!failed)
		fprintf(status, "\n");
}

/* The title bar's last column with text: where its right part ends. */
static int title_end(void)
{
	int last = -1;
	for (int c = 0; c < cols; c++)
		if (!blank(0, c) && cell[0][c] != WIDE_REST)
			last = c;
	return last;
}

int main(int argc, char **argv)
{
	if (argc != 5 || (cols = atoi(argv[2])) < 20 || cols > MAX_COLS || (rows = atoi(argv[3])) < 5 ||
	    rows > MAX_ROWS) {
		fprintf(stderr, "usage: tui_screen player|present|help COLS ROWS STATUS < capture > prose\n");
		return 2;
	}
	int got = read_screen();
	if (title_end() != cols - 2) {
		fprintf(stderr, "tui_screen: not drawn for %d columns yet (the title ends in column %d)\n", cols,
			title_end() + 1);
		return 3;
	}
	if (!(status = fopen(argv[4], "w"))) {
		perror(argv[4]);
		return 2;
	}
	if (got < rows - 1) /* capture-pane may leave the last rows out when blank */
		fail(got, "the screen has fewer rows than the terminal");
	if (!strcmp(argv[1], "player"))
		check_player();
	else if (!strcmp(argv[1], "present"))
		check_present();
	else if (!strcmp(argv[1], "help"))
		check_help();
	else
		return 2;
	fclose(status);
	return failed;
}

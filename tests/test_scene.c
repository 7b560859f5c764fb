/* test_scene.c: scenes drawn by curses into a window and read back cell by
 * cell (no terminal needed: the screen goes to /dev/null). The matrix
 * header cut after a Hangul syllable ends over its numbers; the map scenes
 * print exactly the cells chart.h laid out, with a legend whose glyphs are
 * the markers on the map. Skips (77) when curses cannot start. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "check.h"
#include "lab/view/canvas.h"
#include "lab/view/chart.h"
#include "lab/view/view.h"
#include "tui/draw/theme.h"
#include "tui/scene/scene.h"

/* What the window shows at (y, x), as UTF-8 ("" for the second column of a
 * wide character). */
static const char *cell_at(WINDOW *w, int y, int x)
{
	static char buf[32];
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1] = { 0 };
	attr_t a;
	short pair;
	buf[0] = '\0';
	if (mvwin_wch(w, y, x, &cc) == ERR || getcchar(&cc, wc, &a, &pair, NULL) == ERR)
		return buf;
	mbstate_t st = { 0 };
	size_t n = wcrtomb(buf, wc[0], &st);
	buf[n == (size_t)-1 ? 0 : n] = '\0';
	return buf;
}

/* Columns [x, x + n) of row y as UTF-8; a wide character counts once. */
static char *row_at(WINDOW *w, int y, int x, int n)
{
	char *s = malloc((size_t)n * 8 + 1);
	s[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *c = cell_at(w, y, x + i);
		wchar_t wc;
		mbstate_t st = { 0 };
		strcat(s, c);
		if (mbrtowc(&wc, c, strlen(c), &st) > 0 && wcwidth(wc) == 2)
			i++;
	}
	return s;
}

/* The matrix: "어벤져스" cut to "어벤…" (5 columns) in a 6-column cell
 * ended a column left of the ratings under it. */
static void test_matrix_header(WINDOW *w)
{
	view *v = view_matrix(NULL, 2, 3);
	const char *users[] = { "철수", "영희" }, *items[] = { "어벤져스", "아이언맨", "노트북" };
	for (int u = 0; u < 2; u++)
		v->u.matrix.row_labels[u] = strdup(users[u]);
	for (int i = 0; i < 3; i++)
		v->u.matrix.col_labels[i] = strdup(items[i]);
	for (int k = 0; k < 6; k++)
		v->u.matrix.values[k] = 5, v->u.matrix.state[k] = CELL_KNOWN;
	v->u.matrix.values[1] = 4.26, v->u.matrix.state[1] = CELL_PREDICTED;
	v->u.matrix.cur_row = v->u.matrix.cur_col = -1;
	werase(w);
	/* 26 columns: labels of 4, then three cells of 6 and a gap; 4 rows keep
	 * the headers on one row. */
	lrect r = { 0, 0, 4, 26 };
	scene_ctx ctx = { 0, 0 };
	scene_draw(w, r, v, &ctx);
	for (int j = 0; j < 3; j++) {
		int x = 4 + 1 + j * 7, last = x + 5;
		char *head = row_at(w, 0, x, 6), *num = row_at(w, 1, x, 6);
		/* The header's last column is its mark (or letter), right over the
		 * last column of the number under it. */
		if (j < 2)
			CHECK_STR(cell_at(w, 0, last), "\xe2\x80\xa6");
		else
			CHECK_STR(head, "노트북");
		CHECK(strcmp(cell_at(w, 1, last), " ") != 0);
		CHECK(strcmp(cell_at(w, 0, x), " ") == 0 || j == 2);
		free(head), free(num);
	}
	view_free(&v);
}

static view *toy_map(void)
{
	static const char *l[] = { "Cheolsu", "Minsu", "Younghee", "Avengers", "Iron Man", "Notebook",
				   "Titanic" };
	static const double x[] = { 0.8, 0.7, -0.6, 0.9, 0.6, -0.7, -0.2 };
	static const double y[] = { 0.5, 0.3, 0.4, 0.6, 0.1, 0.2, 0.0 };
	view *v = view_scatter("map", 7, 1);
	for (int i = 0; i < 7; i++) {
		v->u.scatter.labels[i] = strdup(l[i]);
		v->u.scatter.side[i] = i < 3 ? SIDE_USER : SIDE_ITEM;
		v->u.scatter.x[i] = x[i], v->u.scatter.y[i] = y[i];
	}
	return v;
}

/* The map on screen is the map chart.h laid out: the same cells. */
static void test_map_cells(WINDOW *w)
{
	view *v = toy_map();
	for (int ascii = 0; ascii < 2; ascii++) {
		werase(w);
		lrect r = { 0, 0, 10, 78 }; /* the scene of an 80x24 screen */
		scene_ctx ctx = { ascii, 0 };
		scene_scatter_draw(w, r, v, &ctx);
		/* The map is r less a column each side and the legend row. */
		canvas *c = canvas_new(76, 9, ascii);
		chart_layout lay;
		CHECK(chart_scatter(c, v, 0, NULL, &lay) == 0);
		int same = 1;
		for (int y = 0; y < 9; y++)
			for (int x = 0; x < 76; x++) {
				const char *want = canvas_cell(c, x, y, NULL), *got = cell_at(w, y, 1 + x);
				if (*want && strcmp(want, got) != 0) {
					if (same)
						fprintf(stderr, "map cell %d,%d: screen '%s', chart '%s'\n", x, y, got,
							want);
					same = 0;
				}
			}
		CHECK(same);
		/* The legend's glyphs are on the map, and they are its markers. */
		char *legend = row_at(w, 9, 0, 40);
		const char *mu = chart_marker(SIDE_USER, ascii), *mi = chart_marker(SIDE_ITEM, ascii);
		CHECK(strncmp(legend, mu, strlen(mu)) == 0);
		CHECK(strstr(legend, mi) != NULL);
		int users = 0, items = 0;
		for (int y = 0; y < 9; y++) {
			char *row = row_at(w, y, 1, 76);
			users += strstr(row, mu) != NULL;
			items += strstr(row, mi) != NULL;
			free(row);
		}
		CHECK(users > 0 && items > 0);
		/* No label on the axis row. */
		CHECK(lay.axis_row >= 0);
		for (int i = 0; i < lay.n; i++)
			CHECK(lay.spot[i].lcol < 0 || lay.spot[i].lrow != lay.axis_row);
		free(legend);
		chart_layout_free(&lay);
		canvas_free(&c);
	}
	view_free(&v);
}

/* Arrows: the scene shows the chart's cells and the view's note. */
static void test_arrows(WINDOW *w)
{
	view *v = view_arrows("moves");
	double px[] = { 0.3, 0.325 }, py[] = { 0.1, 0.174 }, qx[] = { 0.1, 0.108 }, qy[] = { 0.3, 0.325 };
	view_arrows_add(v, "Cheolsu", SIDE_USER, 1, 0, 2, px, py);
	view_arrows_add(v, "Avengers", SIDE_ITEM, 1, 0, 2, qx, qy);
	view_arrows_note(v, "Cheolsu rated Avengers 5");
	werase(w);
	lrect r = { 0, 0, 12, 78 };
	scene_ctx ctx = { 0, 0 };
	scene_draw(w, r, v, &ctx);
	int found = 0;
	for (int y = 0; y < 12; y++) {
		char *row = row_at(w, y, 0, 78);
		found |= strstr(row, "Cheolsu rated Avengers 5") != NULL;
		found |= (strstr(row, "\xe2\x9c\x9a" "Cheolsu") || strstr(row, "Cheolsu\xe2\x9c\x9a")) ? 2 : 0;
		free(row);
	}
	CHECK(found == 3);
	view_free(&v);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *s = out && in ? newterm("xterm-256color", out, in) : NULL;
	if (!s) {
		printf("curses cannot start here: skipped\n");
		return 77;
	}
	theme_init(0);
	WINDOW *w = newwin(24, 80, 0, 0);
	test_matrix_header(w);
	test_map_cells(w);
	test_arrows(w);
	delwin(w);
	endwin();
	delscreen(s);
	fclose(out), fclose(in);
	return check_done();
}

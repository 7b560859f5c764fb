/* test_view_text.c: views as text: tables and the ratings matrix line up by
 * display width with Hangul labels, charts stay inside the width, and the
 * ASCII fallback writes no byte outside ASCII. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lab/view/uwidth.h"
#include "lab/view/view.h"
#include "lab/view/view_text.h"

/* Render into a string. */
static char *render(const view *v, int width, int utf8)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	CHECK(view_render_text(v, f, width, utf8) == 0);
	fclose(f);
	return buf;
}

/* The display widths of the lines of s (up to max), returns how many. */
static int widths(const char *s, int *w, int max)
{
	int n = 0;
	while (*s && n < max) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		w[n++] = uw_width_n(s, len);
		s += len + (e ? 1 : 0);
	}
	return n;
}

static int all_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static void test_table_hangul(void)
{
	view *v = view_table(NULL, 3, 2);
	view_table_header(v, 0, "user", 'l');
	view_table_header(v, 1, "ratings", 'r');
	view_table_set(v, 0, 0, "민수");
	view_table_set(v, 0, 1, "%d", 12);
	view_table_set(v, 1, 0, "Cheolsu");
	view_table_set(v, 1, 1, "%d", 3);
	view_table_set(v, 2, 0, "김영희");
	view_table_set(v, 2, 1, "%d", 140);
	char *s = render(v, 80, 1);
	int w[8];
	int n = widths(s, w, 8);
	CHECK(n == 5); /* header, rule, three rows */
	/* The last column is right-aligned, so every row ends at the same column. */
	CHECK(w[0] == w[2] && w[2] == w[3] && w[3] == w[4]);
	CHECK(w[1] == w[0]);          /* the rule is as wide as the table */
	CHECK(strstr(s, "민수     ") != NULL); /* 4 columns + 5 spaces pad to "Cheolsu" + gap */
	free(s);
	s = render(v, 80, 0);
	CHECK(strstr(s, "----") != NULL && !strstr(s, "─"));
	free(s);
	view_free(&v);
	CHECK(v == NULL);
}

static void test_matrix_hangul(void)
{
	view *v = view_matrix("평점", 2, 3);
	const char *users[] = { "철수", "Minsu" }, *items[] = { "어벤져스", "Iron Man", "노트북" };
	for (int u = 0; u < 2; u++)
		v->u.matrix.row_labels[u] = strdup(users[u]);
	for (int i = 0; i < 3; i++)
		v->u.matrix.col_labels[i] = strdup(items[i]);
	v->u.matrix.values[0] = 5, v->u.matrix.state[0] = CELL_KNOWN;
	v->u.matrix.values[1] = 4.26, v->u.matrix.state[1] = CELL_PREDICTED;
	v->u.matrix.values[4] = 1, v->u.matrix.state[4] = CELL_KNOWN;
	char *s = render(v, 80, 1);
	int w[8];
	int n = widths(s, w, 8);
	CHECK(n == 5); /* title, header, two rows, legend */
	CHECK(w[1] == w[2] && w[2] == w[3]);
	CHECK(strstr(s, "4.3*") != NULL && strstr(s, "?") != NULL);
	free(s);
	view_free(&v);
}

static view *charts(void)
{
	view *all = NULL;
	view *sc = view_scatter("scatter", 3, 1);
	const char *names[] = { "Minsu", "Avengers", "Notebook" };
	double x[] = { -1, 0.5, 1 }, y[] = { 0.2, -0.7, 1 };
	for (int i = 0; i < 3; i++) {
		sc->u.scatter.labels[i] = strdup(names[i]);
		sc->u.scatter.side[i] = i ? SIDE_ITEM : SIDE_USER;
		sc->u.scatter.x[i] = x[i], sc->u.scatter.y[i] = y[i];
	}
	view_append(&all, sc);
	view *ln = view_line("loss", 2);
	double ex[] = { 1, 2, 3, 4 }, tr[] = { 1.2, 0.9, 0.8, 0.75 }, te[] = { 1.3, 1.1, 1.05, 1.06 };
	view_line_series(ln, 0, "train", 4, ex, tr);
	view_line_series(ln, 1, "test", 4, ex, te);
	view_append(&all, ln);
	view *b = view_bar("bars", 2, "%.3f");
	b->u.bar.labels[0] = strdup("sgd"), b->u.bar.values[0] = 0.93;
	b->u.bar.labels[1] = strdup("als"), b->u.bar.values[1] = 0.91;
	view_append(&all, b);
	view *h = view_hist("hist", 2);
	h->u.hist.edges[0] = 0.5, h->u.hist.edges[1] = 1.5, h->u.hist.edges[2] = 2.5;
	h->u.hist.counts[0] = 3, h->u.hist.counts[1] = 7;
	view_append(&all, h);
	view *vec = view_vectors("vectors", 2, 2);
	vec->u.vectors.labels[0] = strdup("Minsu");
	vec->u.vectors.labels[1] = strdup("Avengers");
	vec->u.vectors.values[0] = 0.8, vec->u.vectors.values[1] = -0.3;
	vec->u.vectors.values[2] = -1.1, vec->u.vectors.values[3] = 0.05;
	view_append(&all, vec);
	view *st = view_sgd("Minsu", "Avengers", 2);
	st->u.sgd.rating = 5, st->u.sgd.prediction = 1.5, st->u.sgd.error = 3.5;
	st->u.sgd.lr = 0.1;
	view_append(&all, st);
	return all;
}

static void test_charts(void)
{
	view *all = charts();
	for (view *v = all; v; v = v->next) {
		char *a = render(v, 60, 0), *u = render(v, 60, 1);
		CHECK(all_ascii(a));
		int w[64];
		int n = widths(u, w, 64);
		CHECK(n > 1);
		for (int i = 0; i < n; i++)
			CHECK(w[i] <= 60);
		n = widths(a, w, 64);
		for (int i = 0; i < n; i++)
			CHECK(w[i] <= 60);
		if (v->kind == VIEW_SCATTER) {
			CHECK(strstr(u, "\xe2\xa0") || strstr(u, "\xe2\xa1") || strstr(u, "\xe2\xa2") ||
			      strstr(u, "\xe2\xa3")); /* braille U+2800..U+28FF */
			CHECK(strstr(u, "Avengers") && strstr(a, "Avengers"));
			CHECK(strchr(a, 'o') && strchr(a, '+'));
		}
		if (v->kind == VIEW_BAR)
			CHECK(strstr(u, "█") && strstr(a, "#") && strstr(a, "0.930"));
		if (v->kind == VIEW_SGD_STEP)
			CHECK(strstr(u, "→") && strstr(a, "->") && strstr(a, "+3.500"));
		free(a), free(u);
	}
	/* A whole list: views separated by one blank line. */
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	CHECK(view_render_text_all(all, f, 72, 1) == 0);
	fclose(f);
	CHECK(strstr(buf, "\n\nloss\n") != NULL);
	free(buf);
	view_free(&all);
}

static void test_text_wrap(void)
{
	view *v = view_text(NULL, "민수는 어벤져스를 좋아할까요? The model thinks so, with a prediction of 4.3.");
	char *s = render(v, 24, 1);
	int w[16];
	int n = widths(s, w, 16);
	CHECK(n >= 3);
	for (int i = 0; i < n; i++)
		CHECK(w[i] <= 24);
	free(s);
	view_free(&v);
}

int main(void)
{
	test_table_hangul();
	test_matrix_hangul();
	test_charts();
	test_text_wrap();
	return check_done();
}

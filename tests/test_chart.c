/* test_chart.c: the 2D maps' layout (chart.h) on many random maps and
 * sizes, 80x24's scene among them: labels never overlap one another or a
 * marker, never lie on an axis, keep a blank cell from other labels, sit
 * beside their own marker with no other marker as close, and spell their
 * names; the markers are the legend's glyphs; what is not labelled is
 * counted. Then the cases the issue named (a label over the x axis, names
 * running together at 80x24), the arrows, and the text renderer's legend. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lab/view/canvas.h"
#include "lab/view/chart.h"
#include "lab/view/uwidth.h"
#include "lab/view/view.h"
#include "lab/view/view_text.h"

static unsigned long rng = 12345;

static double uniform(void)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (double)(rng >> 11) / 9007199254740992.0;
}

static const char *names[] = {
	"Cheolsu", "Younghee", "Minsu", "Jisu", "Sora", "Dohyun", "Hana", "Jiho", "Taeyang",
	"Eunji", "Avengers", "Iron Man", "Notebook", "About Time", "Frozen", "Rapunzel",
	"Titanic", "Thor", "Free Solo", "March of the Penguins", "철수", "영희", "어벤져스",
	"아이언맨", "Star Wars (1977)", "Fargo (1996)", "x",
};

/* The text of cells [col, col + w) of a row. */
static char *cells(const canvas *c, int col, int row, int w)
{
	char *s = malloc((size_t)w * 8 + 1);
	s[0] = '\0';
	for (int x = col; x < col + w; x++)
		strcat(s, canvas_cell(c, x, row, NULL));
	return s;
}

/* A marker cell of the layout other than owner's (shared cells count as
 * the owner's), within distance d of the span; distances as chart.c's. */
static int dist(int col, int row, int s, int r, int lw)
{
	int dx = col < s ? s - col : col > s + lw - 1 ? col - (s + lw - 1) : 0;
	int dy = 2 * abs(row - r);
	return dx > dy ? dx : dy;
}

/* Every rule of chart.h, for one drawn map. Returns the failures. */
static int check_layout(const canvas *c, const chart_layout *lay, char **labels,
			const unsigned char *side, int ascii)
{
	int bad = 0, w = canvas_cols(c), h = canvas_rows(c);
	unsigned char *lab = calloc((size_t)w * h, 1);
	for (int i = 0; i < lay->n; i++) {
		const chart_spot *s = &lay->spot[i];
		if (s->col < 0)
			continue;
		/* The marker is the legend's glyph (owner's side when shared). */
		int o = s->with >= 0 ? s->with : i;
		if (strcmp(canvas_cell(c, s->col, s->row, NULL), chart_marker(side[o], ascii)) != 0) {
			fprintf(stderr, "point %d: cell shows '%s', not its marker\n", i,
				canvas_cell(c, s->col, s->row, NULL));
			bad++;
		}
		if (s->with >= 0 || s->lcol < 0)
			continue;
		/* Labels shared by a run are checked once, by the run's first point. */
		int first = 1;
		for (int j = 0; j < i; j++)
			if (lay->spot[j].with < 0 && lay->spot[j].lcol == s->lcol && lay->spot[j].lrow == s->lrow)
				first = 0;
		if (!first)
			continue;
		int r = s->lrow, a = s->lcol, lw = s->lw;
		if (a < 0 || a + lw > w || r < 0 || r >= h) {
			fprintf(stderr, "point %d: label off the canvas\n", i);
			bad++;
			continue;
		}
		if (r == lay->axis_row || (lay->axis_col >= a && lay->axis_col < a + lw)) {
			fprintf(stderr, "point %d (%s): label on an axis\n", i, labels[i]);
			bad++;
		}
		for (int x = a; x < a + lw; x++) {
			if (lab[r * w + x]) {
				fprintf(stderr, "point %d: labels overlap\n", i);
				bad++;
			}
			lab[r * w + x] = 1;
		}
		/* The run of markers this label names: those that share it. */
		int c0 = w, c1 = -1, mrow = -1;
		for (int j = 0; j < lay->n; j++)
			if (lay->spot[j].with < 0 && lay->spot[j].lcol == a && lay->spot[j].lrow == r) {
				mrow = lay->spot[j].row;
				c0 = lay->spot[j].col < c0 ? lay->spot[j].col : c0;
				c1 = lay->spot[j].col > c1 ? lay->spot[j].col : c1;
			}
		int beside = (mrow == r && (a == c1 + 1 || a + lw == c0)) ||
			     (abs(mrow - r) == 1 && a <= c1 && a + lw - 1 >= c0);
		if (!beside) {
			fprintf(stderr, "point %d (%s): label not beside its marker\n", i, labels[i]);
			bad++;
		}
		int mine = 1 << 30;
		for (int col = c0; col <= c1; col++)
			mine = dist(col, mrow, a, r, lw) < mine ? dist(col, mrow, a, r, lw) : mine;
		for (int j = 0; j < lay->n; j++) {
			const chart_spot *t = &lay->spot[j];
			if (t->col < 0 || t->with >= 0 || (t->row == mrow && t->col >= c0 && t->col <= c1))
				continue;
			if (dist(t->col, t->row, a, r, lw) <= mine) {
				fprintf(stderr, "point %d (%s): %s's marker is as close to its label\n", i,
					labels[i], labels[j]);
				bad++;
			}
			if (t->row == r && t->col >= a - 1 && t->col <= a + lw) {
				fprintf(stderr, "point %d: label touches another marker\n", i);
				bad++;
			}
		}
		/* The cells spell the label: the names of the run (maybe cut). */
		char *got = cells(c, a, r, lw), *want = strdup(labels[i]);
		if (ascii) /* the ASCII glyphs: '?' a column */
			for (char *p = want, *q = want; *p || (*q = '\0'); q++) {
				uint32_t cp;
				int nb = uw_decode(p, &cp), cw = uw_cp_width(cp);
				if (cp < 0x80)
					*q = *p;
				else
					memset(q, '?', (size_t)cw), q += cw - 1;
				p += nb;
			}
		int spelt = strstr(got, want) != NULL;
		free(want);
		if (uw_width(got) != lw || (!strstr(got, "/") && !strstr(got, "\xe2\x80\xa6") &&
					    !strstr(got, "~") && !spelt)) {
			fprintf(stderr, "point %d: label cells say '%s', not '%s'\n", i, got, labels[i]);
			bad++;
		}
		free(got);
	}
	/* A blank cell between labels on a row. */
	for (int r = 0; r < h; r++)
		for (int x = 1; x < w; x++)
			if (lab[r * w + x] && lab[r * w + x - 1]) {
				/* Same label: fine; two labels: the spans would share an edge. */
				int same = 0;
				for (int i = 0; i < lay->n; i++) {
					const chart_spot *s = &lay->spot[i];
					if (s->lrow == r && s->lcol >= 0 && s->lcol <= x - 1 && x < s->lcol + s->lw)
						same = 1;
				}
				if (!same) {
					fprintf(stderr, "row %d: two labels run together at %d\n", r, x);
					bad++;
				}
			}
	int left = 0;
	for (int i = 0; i < lay->n; i++)
		left += lay->spot[i].col >= 0 && labels[i] && *labels[i] && !chart_labelled(lay, i);
	if (left != lay->unlabelled) {
		fprintf(stderr, "unlabelled %d, counted %d\n", left, lay->unlabelled);
		bad++;
	}
	free(lab);
	return bad;
}

static view *random_scatter(int n, double spread_y, int clusters)
{
	view *v = view_scatter("map", n, 1);
	double cx[4], cy[4];
	for (int k = 0; k < 4; k++)
		cx[k] = uniform() * 2 - 1, cy[k] = (uniform() * 2 - 1) * spread_y;
	for (int i = 0; i < n; i++) {
		v->u.scatter.labels[i] = strdup(names[i % (sizeof names / sizeof *names)]);
		v->u.scatter.side[i] = i % 2 ? SIDE_ITEM : SIDE_USER;
		int k = clusters ? i % clusters : 0;
		double s = clusters ? 0.25 : 1;
		v->u.scatter.x[i] = (clusters ? cx[k] : 0) + s * (uniform() * 2 - 1);
		v->u.scatter.y[i] = (clusters ? cy[k] : 0) + s * spread_y * (uniform() * 2 - 1);
	}
	return v;
}

static void test_random_maps(void)
{
	/* 78 x 8: the map of the lesson player's scene at 80x24; 73 x 20 the
	 * text of `latentlab run` at 80 columns; and a few others. */
	static const int sizes[][2] = { { 78, 8 }, { 73, 20 }, { 73, 14 }, { 38, 10 }, { 120, 30 } };
	int total = 0, labelled = 0, bad = 0;
	for (int round = 0; round < 60; round++)
		for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
			for (int ascii = 0; ascii < 2; ascii++) {
				view *v = random_scatter(4 + round % 37, 0.3 + uniform(), round % 5);
				canvas *c = canvas_new(sizes[z][0], sizes[z][1], ascii);
				chart_layout lay;
				CHECK(chart_scatter(c, v, 0, NULL, &lay) == 0);
				int b = check_layout(c, &lay, v->u.scatter.labels, v->u.scatter.side, ascii);
				if (b)
					for (int r = 0; r < canvas_rows(c); r++) {
						char *s = canvas_row(c, r);
						fprintf(stderr, "|%s|\n", s);
						free(s);
					}
				bad += b;
				total += lay.n;
				labelled += lay.n - lay.unlabelled;
				chart_layout_free(&lay);
				canvas_free(&c);
				view_free(&v);
			}
	CHECK(bad == 0);
	/* Most names find a place (the rest are listed by the renderers). */
	fprintf(stderr, "%d of %d points labelled\n", labelled, total);
	CHECK(labelled > total * 6 / 10);
}

/* A point on y = 0 sat on the x axis, and its label overwrote the axis
 * ("⠒⠒⠒Titanic⠒⠒"). */
static void test_label_off_axis(void)
{
	view *v = view_scatter("map", 3, 1);
	const char *l[] = { "Titanic", "Thor", "Minsu" };
	double x[] = { -0.5, 0.6, 0.2 }, y[] = { 0.0, 0.7, -0.8 };
	for (int i = 0; i < 3; i++) {
		v->u.scatter.labels[i] = strdup(l[i]);
		v->u.scatter.side[i] = i == 2 ? SIDE_USER : SIDE_ITEM;
		v->u.scatter.x[i] = x[i], v->u.scatter.y[i] = y[i];
	}
	canvas *c = canvas_new(60, 12, 0);
	chart_layout lay;
	CHECK(chart_scatter(c, v, 0, NULL, &lay) == 0);
	CHECK(lay.axis_row >= 0 && lay.axis_col >= 0);
	CHECK(lay.spot[0].row == lay.axis_row);      /* the marker is on the axis */
	CHECK(lay.spot[0].lcol >= 0 && lay.spot[0].lrow != lay.axis_row);
	CHECK(lay.unlabelled == 0);
	CHECK(check_layout(c, &lay, v->u.scatter.labels, v->u.scatter.side, 0) == 0);
	/* The axis row still has its dots either side of the marker. */
	CHECK(canvas_bits(c, lay.spot[0].col - 2, lay.axis_row) != 0);
	CHECK(canvas_bits(c, lay.spot[0].col + 2, lay.axis_row) != 0);
	chart_layout_free(&lay);
	canvas_free(&c);
	view_free(&v);
}

/* At 80x24 Minsu's label landed beside Younghee: two points a few cells
 * apart on a row, names that do not fit between them. */
static void test_no_wrong_neighbour(void)
{
	view *v = view_scatter("map", 4, 1);
	const char *l[] = { "Minsu", "Younghee", "Cheolsu", "Notebook" };
	double x[] = { 0.50, 0.56, -0.7, 0.53 }, y[] = { 0.4, 0.4, -0.6, 0.1 };
	for (int i = 0; i < 4; i++) {
		v->u.scatter.labels[i] = strdup(l[i]);
		v->u.scatter.side[i] = i == 3 ? SIDE_ITEM : SIDE_USER;
		v->u.scatter.x[i] = x[i], v->u.scatter.y[i] = y[i];
	}
	canvas *c = canvas_new(78, 8, 0);
	chart_layout lay;
	CHECK(chart_scatter(c, v, 0, NULL, &lay) == 0);
	CHECK(check_layout(c, &lay, v->u.scatter.labels, v->u.scatter.side, 0) == 0);
	/* Minsu and Younghee: each label on the far side of its own marker, or
	 * one label for both ("Minsu/Younghee" beside the pair). */
	const chart_spot *m = &lay.spot[0], *y2 = &lay.spot[1];
	CHECK(m->row == y2->row && m->col < y2->col);
	if (m->lcol >= 0 && m->lrow == m->row && !(m->lcol == y2->lcol && m->lrow == y2->lrow))
		CHECK(m->lcol + m->lw == m->col);
	CHECK(chart_labelled(&lay, 0) && chart_labelled(&lay, 1));
	chart_layout_free(&lay);
	canvas_free(&c);
	view_free(&v);
}

/* Points in one cell share its marker and one label. */
static void test_shared_cell(void)
{
	view *v = view_scatter("map", 3, 1);
	const char *l[] = { "Sora", "Notebook", "Thor" };
	double x[] = { 0.3, 0.3000001, -0.8 }, y[] = { 0.2, 0.2, -0.5 };
	for (int i = 0; i < 3; i++) {
		v->u.scatter.labels[i] = strdup(l[i]);
		v->u.scatter.side[i] = i == 0 ? SIDE_USER : SIDE_ITEM;
		v->u.scatter.x[i] = x[i], v->u.scatter.y[i] = y[i];
	}
	canvas *c = canvas_new(60, 12, 0);
	chart_layout lay;
	CHECK(chart_scatter(c, v, 0, NULL, &lay) == 0);
	CHECK(lay.spot[1].with == 0 && lay.spot[0].with == -1);
	char *got = cells(c, lay.spot[0].lcol, lay.spot[0].lrow, lay.spot[0].lw);
	CHECK_STR(got, "Sora/Notebook");
	free(got);
	CHECK(chart_labelled(&lay, 1));
	chart_layout_free(&lay);
	canvas_free(&c);
	view_free(&v);
}

/* Arrows: a vector's path ends in its marker, a pull's in a tip; the
 * range holds the origin; labels obey the same rules. */
static void test_arrows(void)
{
	view *v = view_arrows("moves");
	double px[] = { 0.3, 0.325 }, py[] = { 0.1, 0.174 };
	double qx[] = { 0.1, 0.108 }, qy[] = { 0.3, 0.325 };
	double fx[] = { 0.9, 0.6 }, fy[] = { 0.9, 0.2 };
	CHECK(view_arrows_add(v, "Cheolsu", SIDE_USER, 1, 0, 2, px, py) == 0);
	CHECK(view_arrows_add(v, "Avengers", SIDE_ITEM, 1, 0, 2, qx, qy) == 0);
	CHECK(view_arrows_add(v, "Sora pulls", SIDE_USER, 0, 1, 2, fx, fy) == 0);
	CHECK(view_arrows_note(v, "what the lines mean") == 0);
	CHECK(v->u.arrows.n == 3 && v->u.arrows.n_pts == 6 && v->u.arrows.start[3] == 6);
	canvas *c = canvas_new(60, 14, 0);
	chart_layout lay;
	CHECK(chart_arrows(c, v, NULL, &lay) == 0);
	CHECK(lay.axis_col >= 0 && lay.axis_row >= 0);
	unsigned char side[] = { SIDE_USER, SIDE_ITEM, SIDE_USER };
	/* The pull's tip is dots, not a marker: check the two vectors only. */
	chart_layout two = lay;
	two.n = 2;
	CHECK(check_layout(c, &two, v->u.arrows.labels, side, 0) == 0);
	CHECK(canvas_bits(c, lay.spot[2].col, lay.spot[2].row) != 0);
	CHECK(chart_labelled(&lay, 0) && chart_labelled(&lay, 1) && chart_labelled(&lay, 2));
	/* The line from Sora's pull start to its tip has dots on the way. */
	int px0, py0;
	canvas_to_px(c, 0.75, 0.55, &px0, &py0);
	CHECK(canvas_bits(c, px0 / 2, py0 / 4) != 0);
	chart_layout_free(&lay);
	canvas_free(&c);
	view_free(&v);
	CHECK(v == NULL);
}

/* The text map's legend shows the markers the map shows, and nothing the
 * map does not. */
static void test_text_legend(void)
{
	view *v = view_scatter("map", 2, 1);
	v->u.scatter.labels[0] = strdup("Minsu");
	v->u.scatter.labels[1] = strdup("Thor");
	v->u.scatter.side[0] = SIDE_USER, v->u.scatter.side[1] = SIDE_ITEM;
	v->u.scatter.x[0] = -1, v->u.scatter.y[0] = 1, v->u.scatter.x[1] = 1, v->u.scatter.y[1] = -1;
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	CHECK(view_render_text(v, f, 80, 1) == 0);
	fclose(f);
	char *legend = strstr(buf, "\n\xe2\x9c\x9a 1 user");
	CHECK(legend != NULL);
	if (legend) {
		*legend = '\0'; /* the map above the legend */
		CHECK(strstr(buf, "\xe2\x9c\x9aMinsu") || strstr(buf, "Minsu\xe2\x9c\x9a"));
		CHECK(strstr(buf, "\xe2\x9c\x96Thor") || strstr(buf, "Thor\xe2\x9c\x96"));
	}
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &size);
	CHECK(view_render_text(v, f, 80, 0) == 0);
	fclose(f);
	CHECK(strstr(buf, "o 1 user  x 1 item") != NULL);
	CHECK(strstr(buf, "oMinsu") || strstr(buf, "Minsuo"));
	for (const char *p = buf; *p; p++)
		CHECK((unsigned char)*p < 0x80);
	free(buf);
	view_free(&v);
}

int main(void)
{
	test_random_maps();
	test_label_off_axis();
	test_no_wrong_neighbour();
	test_shared_cell();
	test_arrows();
	test_text_legend();
	return check_done();
}

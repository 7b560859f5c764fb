/* test_canvas.c: pixel -> cell -> bit mapping, lines, labels over dots and
 * the ASCII fallback of the braille canvas. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lab/view/canvas.h"

/* Every pixel of a cell sets exactly its own bit, in braille order. */
static void test_bits(void)
{
	static const unsigned want[4][2] = {
		{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
	};
	canvas *c = canvas_new(3, 2, 0);
	CHECK(c && canvas_cols(c) == 3 && canvas_rows(c) == 2);
	for (int cy = 0; cy < 2; cy++)
		for (int cx = 0; cx < 3; cx++)
			for (int dy = 0; dy < 4; dy++)
				for (int dx = 0; dx < 2; dx++) {
					canvas_clear(c);
					canvas_set(c, cx * 2 + dx, cy * 4 + dy, 1);
					CHECK(canvas_bits(c, cx, cy) == want[dy][dx]);
					/* No other cell is touched (the y*x + x bug would). */
					int others = 0;
					for (int r = 0; r < 2; r++)
						for (int k = 0; k < 3; k++)
							if ((r != cy || k != cx) && canvas_bits(c, k, r))
								others++;
					CHECK(others == 0);
					CHECK(canvas_get(c, cx * 2 + dx, cy * 4 + dy) == 1);
				}
	/* All eight dots: U+28FF; none: a space. */
	canvas_clear(c);
	for (int dy = 0; dy < 4; dy++)
		for (int dx = 0; dx < 2; dx++)
			canvas_set(c, 2 + dx, 4 + dy, 3);
	int role = -1;
	CHECK_STR(canvas_cell(c, 1, 1, &role), "\xe2\xa3\xbf");
	CHECK(role == 3);
	CHECK_STR(canvas_cell(c, 0, 0, NULL), " ");
	canvas_set(c, 0, 0, 1);
	CHECK_STR(canvas_cell(c, 0, 0, NULL), "\xe2\xa0\x81"); /* U+2801 */
	canvas_unset(c, 0, 0);
	CHECK_STR(canvas_cell(c, 0, 0, NULL), " ");
	/* Off the canvas: ignored. */
	canvas_set(c, -1, 0, 1);
	canvas_set(c, 6, 0, 1);
	canvas_set(c, 0, 8, 1);
	CHECK(canvas_bits(c, 0, 0) == 0 && canvas_bits(c, 2, 1) == 0);
	canvas_free(&c);
	CHECK(c == NULL);
}

/* Data space: the corners of the range land on the corner pixels. */
static void test_corners(void)
{
	canvas *c = canvas_new(10, 5, 0); /* 20 x 20 pixels */
	canvas_range(c, -1, 1, 0, 4);
	int px, py;
	CHECK(canvas_to_px(c, -1, 4, &px, &py) && px == 0 && py == 0);      /* top left */
	CHECK(canvas_to_px(c, 1, 4, &px, &py) && px == 19 && py == 0);      /* top right */
	CHECK(canvas_to_px(c, -1, 0, &px, &py) && px == 0 && py == 19);     /* bottom left */
	CHECK(canvas_to_px(c, 1, 0, &px, &py) && px == 19 && py == 19);     /* bottom right */
	CHECK(!canvas_to_px(c, 1.2, 0, &px, &py));
	CHECK(!canvas_to_px(c, 0, -0.5, &px, &py));
	canvas_point(c, -1, 4, 1);
	canvas_point(c, 1, 0, 2);
	CHECK(canvas_bits(c, 0, 0) == 0x01);   /* top-left dot */
	CHECK(canvas_bits(c, 9, 4) == 0x80);   /* bottom-right dot */
	/* A degenerate range maps to the middle instead of dividing by zero. */
	canvas_range(c, 3, 3, 3, 3);
	CHECK(canvas_to_px(c, 3, 3, &px, &py) && px == 10 && py == 10);
	canvas_free(&c);
}

static void test_lines(void)
{
	canvas *c = canvas_new(4, 1, 0); /* 8 x 4 pixels */
	canvas_line_px(c, 0, 0, 7, 0, 1);
	for (int x = 0; x < 8; x++)
		CHECK(canvas_get(c, x, 0));
	CHECK(!canvas_get(c, 0, 1));
	canvas_clear(c);
	canvas_line_px(c, 0, 3, 3, 0, 1); /* a 45-degree diagonal, upward */
	for (int i = 0; i < 4; i++)
		CHECK(canvas_get(c, i, 3 - i));
	/* A line with a far-away end is clipped, not walked pixel by pixel. */
	canvas_clear(c);
	canvas_range(c, 0, 7, 0, 3);
	canvas_line(c, 0, 3, 1e12, 3, 2);
	for (int x = 0; x < 8; x++)
		CHECK(canvas_get(c, x, 0));
	canvas_free(&c);
}

static void test_labels(void)
{
	canvas *c = canvas_new(8, 2, 0);
	canvas_line_px(c, 0, 0, 15, 0, 1);
	CHECK(canvas_text(c, 2, 0, "Mi", 5) == 2);
	int role;
	CHECK_STR(canvas_cell(c, 2, 0, &role), "M");
	CHECK(role == 5);
	CHECK_STR(canvas_cell(c, 3, 0, NULL), "i");
	CHECK_STR(canvas_cell(c, 1, 0, &role), "\xe2\xa0\x89"); /* dots 1 and 4 */
	CHECK(role == 1);
	/* Dots drawn later under a label stay hidden, and keep the label colour. */
	canvas_set(c, 4, 3, 7);
	CHECK_STR(canvas_cell(c, 2, 0, &role), "M");
	CHECK(role == 5);
	/* Hangul: two cells, the right one empty; clipped at the edge. */
	CHECK(canvas_text(c, 5, 1, "민수", 2) == 2);
	CHECK_STR(canvas_cell(c, 5, 1, NULL), "민");
	CHECK_STR(canvas_cell(c, 6, 1, NULL), "");
	CHECK_STR(canvas_cell(c, 7, 1, NULL), " ");
	char *row = canvas_row(c, 1);
	CHECK_STR(row, "     민 ");
	free(row);
	/* Overwriting the right half of a wide character blanks its left half. */
	canvas_text(c, 6, 1, "x", 1);
	CHECK_STR(canvas_cell(c, 5, 1, NULL), " ");
	CHECK_STR(canvas_cell(c, 6, 1, NULL), "x");
	/* A label beside a point: right of it, or left at the right edge. */
	canvas_clear(c);
	canvas_range(c, 0, 15, 0, 7);
	canvas_point(c, 0, 7, 1);
	CHECK(canvas_label(c, 0, 7, "ab", 4) == 2);
	CHECK_STR(canvas_cell(c, 1, 0, NULL), "a");
	CHECK(canvas_bits(c, 0, 0) == 0x01);
	canvas_label(c, 15, 0, "zz", 4);
	CHECK_STR(canvas_cell(c, 5, 1, NULL), "z");
	CHECK_STR(canvas_cell(c, 6, 1, NULL), "z");
	/* A second label at the same point does not cover the first: it moves
	 * to the other side. */
	canvas_clear(c);
	canvas_label(c, 7, 7, "ab", 1);    /* point in cell (3, 0): cells 4-5 */
	canvas_label(c, 7, 7, "cd", 2);    /* then cells 1-2 */
	CHECK_STR(canvas_cell(c, 4, 0, NULL), "a");
	CHECK_STR(canvas_cell(c, 1, 0, NULL), "c");
	CHECK_STR(canvas_cell(c, 2, 0, NULL), "d");
	canvas_label(c, 7, 7, "ef", 3);    /* both sides taken: the row below */
	CHECK_STR(canvas_cell(c, 4, 1, NULL), "e");
	canvas_label(c, 7, 7, "gh", 3);    /* and then left on the row below */
	CHECK_STR(canvas_cell(c, 1, 1, NULL), "g");
	CHECK(canvas_label(c, 7, 7, "ij", 3) == 0); /* nowhere left: left out */
	CHECK_STR(canvas_cell(c, 4, 0, NULL), "a");  /* the first label intact */
	CHECK(canvas_label(c, 7, 7, "much too long", 3) == 8); /* wider: cut */
	canvas_free(&c);
}

static void test_ascii(void)
{
	char buf[8];
	CHECK_STR(canvas_glyph(0x00, 1, buf), " ");
	CHECK_STR(canvas_glyph(0x01, 1, buf), "'");
	CHECK_STR(canvas_glyph(0x10, 1, buf), "'");
	CHECK_STR(canvas_glyph(0x40, 1, buf), ".");
	CHECK_STR(canvas_glyph(0x24, 1, buf), ".");
	CHECK_STR(canvas_glyph(0x81, 1, buf), ":");
	CHECK_STR(canvas_glyph(0xff, 1, buf), ":");
	CHECK_STR(canvas_glyph(0xff, 0, buf), "\xe2\xa3\xbf");
	canvas *c = canvas_new(3, 1, 1);
	canvas_set(c, 0, 3, 1);
	canvas_text(c, 1, 0, "민", 1);
	char *row = canvas_row(c, 0);
	CHECK_STR(row, ".??");
	free(row);
	canvas_free(&c);
	CHECK(canvas_new(0, 3, 0) == NULL);
}

int main(void)
{
	test_bits();
	test_corners();
	test_lines();
	test_labels();
	test_ascii();
	return check_done();
}

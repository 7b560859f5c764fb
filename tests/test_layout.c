/* test_layout.c: pane arithmetic of the TUI: panes tile the screen without
 * overlap at every size from the minimum up, and the minimum is enforced. */
#include <string.h>

#include "check.h"
#include "tui/layout.h"

static int inside(lrect r, int rows, int cols)
{
	return r.y >= 0 && r.x >= 0 && r.h >= 1 && r.w >= 1 &&
	       r.y + r.h <= rows && r.x + r.w <= cols;
}

/* Every cell of the screen belongs to exactly one pane. */
static int tiles(const layout *l, int rows, int cols)
{
	static unsigned char seen[300][400];
	memset(seen, 0, sizeof seen);
	const lrect *rs[] = { &l->title, &l->prose, &l->divider, &l->scene, &l->status, &l->keys };
	for (int i = 0; i < 6; i++) {
		if (!inside(*rs[i], rows, cols))
			return 0;
		for (int y = rs[i]->y; y < rs[i]->y + rs[i]->h; y++)
			for (int x = rs[i]->x; x < rs[i]->x + rs[i]->w; x++)
				if (seen[y][x]++)
					return 0;
	}
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++)
			if (seen[y][x] != 1)
				return 0;
	return 1;
}

static void test_player(void)
{
	layout l;
	CHECK(layout_player(LAYOUT_MIN_ROWS - 1, 120, &l) == -1);
	CHECK(layout_player(40, LAYOUT_MIN_COLS - 1, &l) == -1);
	CHECK(l.scene.w == 0);
	int bad = 0;
	for (int rows = LAYOUT_MIN_ROWS; rows <= 120; rows += 7)
		for (int cols = LAYOUT_MIN_COLS; cols <= 300; cols += 3) {
			if (layout_player(rows, cols, &l) != 0 || !tiles(&l, rows, cols))
				bad++;
			if (l.scene.h < 5 || l.scene.w < 30 || l.prose.w < 30)
				bad++;
		}
	CHECK(bad == 0);
	/* 120 x 40: prose on the left at 48 columns, scene to its right. */
	CHECK(layout_player(40, 120, &l) == 0);
	CHECK(l.side_by_side == 1);
	CHECK(l.prose.x == 0 && l.prose.w == 48 && l.prose.y == 1 && l.prose.h == 37);
	CHECK(l.scene.x == 49 && l.scene.w == 71);
	CHECK(l.status.y == 38 && l.keys.y == 39);
	/* 80 x 24: stacked, prose above. */
	CHECK(layout_player(24, 80, &l) == 0);
	CHECK(l.side_by_side == 0 && l.prose.h == 8 && l.scene.y == 10 && l.scene.h == 12);
	CHECK(layout_fits(LAYOUT_MIN_ROWS, LAYOUT_MIN_COLS));
}

static void test_browser(void)
{
	layout l;
	int bad = 0;
	for (int rows = LAYOUT_MIN_ROWS; rows <= 100; rows += 5)
		for (int cols = LAYOUT_MIN_COLS; cols <= 250; cols += 7)
			if (layout_browser(rows, cols, &l) != 0 || !tiles(&l, rows, cols))
				bad++;
	CHECK(bad == 0);
	CHECK(layout_browser(10, 30, &l) == -1);
}

static void test_scroll(void)
{
	CHECK(layout_scroll(0, 5, 3, 10) == 0);   /* everything fits */
	CHECK(layout_scroll(0, 9, 20, 10) == 0);
	CHECK(layout_scroll(0, 10, 20, 10) == 1); /* one past the bottom */
	CHECK(layout_scroll(5, 3, 20, 10) == 3);  /* above the top */
	CHECK(layout_scroll(15, 19, 20, 10) == 10);
	CHECK(layout_scroll(0, 19, 20, 0) == 0);
}

int main(void)
{
	test_player();
	test_browser();
	test_scroll();
	return check_done();
}

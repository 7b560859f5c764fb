/* test_present.c: the presentation screen's pure parts: the large digits
 * (widths, rows, pixels of the font) and the headline numbers found by
 * lining the prose as written up with the prose as evaluated. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "tui/bigtext.h"
#include "tui/headline.h"

int main(void)
{
	char row[256];

	/* Glyphs three pixels wide, the point one, a column between. */
	CHECK(bigtext_width("3.15", 1) == 3 + 1 + 1 + 1 + 3 + 1 + 3);
	CHECK(bigtext_width("3.15", 2) == 6 + 1 + 2 + 1 + 6 + 1 + 6);
	CHECK(bigtext_width("3x", 1) == -1);
	CHECK(bigtext_rows(1, 0) == 3 && bigtext_rows(2, 0) == 5 && bigtext_rows(1, 1) == 5);
	/* "1" in half blocks: top " ▄█▀"... row by row, square pixels. */
	CHECK(bigtext_row("1", 1, 0, 0, row, sizeof row) == 0);
	CHECK_STR(row, "▄█ ");
	CHECK(bigtext_row("1", 1, 0, 1, row, sizeof row) == 0);
	CHECK_STR(row, " █ ");
	CHECK(bigtext_row("1", 1, 0, 2, row, sizeof row) == 0);
	CHECK_STR(row, "▀▀▀");
	CHECK(bigtext_row("-0", 1, 1, 2, row, sizeof row) == 0);
	CHECK_STR(row, "### # #");
	CHECK(bigtext_row("-0", 2, 0, 4, row, sizeof row) == 0);
	CHECK_STR(row, "       ██████");
	CHECK(bigtext_row("7", 1, 0, 3, row, sizeof row) == -1); /* no such row */
	CHECK(bigtext_row("77777777", 2, 0, 0, row, 8) == -1);  /* does not fit */

	/* Headlines: the values of the expressions, not the numbers typed. */
	headline h[3];
	const char *raw1[] = {
		"After ten epochs {{last.n | %.0f}} people pull and",
		"{{last.m | %.0f}} push; k=2 throughout.",
		"The guess is {{predict A B | %.2f}}.",
	};
	const char *text1 = "After ten epochs 3 people pull and 2 push; k=2 throughout. The guess is 3.15.";
	int n = headline_find(raw1, 3, text1, h, 3);
	CHECK(n == 3);
	CHECK_STR(h[0].value, "3");
	CHECK_STR(h[0].label, "After ten epochs ... people pull");
	CHECK_STR(h[1].value, "2");
	CHECK_STR(h[2].value, "3.15");
	CHECK_STR(h[2].label, "The guess is");
	CHECK(headline_find(raw1, 3, text1, h, 1) == 1);

	/* A name between numbers is skipped; markup is dropped from labels. */
	const char *raw2[] = { "From {{last.who}}, *the strongest* pull: {{last.s | %+.2f}} (of {{last.n}})." };
	const char *text2 = "From Iron Man, *the strongest* pull: -2.15 (of 5).";
	n = headline_find(raw2, 1, text2, h, 3);
	CHECK(n == 2);
	CHECK_STR(h[0].value, "-2.15");
	CHECK_STR(h[0].label, "the strongest pull");
	CHECK_STR(h[1].value, "5");

	/* Paragraphs joined by blank lines; a text that does not line up stops
	 * the walk with what was found. */
	const char *raw3[] = { "First {{a}} here.", "Second {{b}} there." };
	n = headline_find(raw3, 2, "First 0.5 here.\n\nSecond 7% there.", h, 3);
	CHECK(n == 2);
	CHECK_STR(h[1].value, "7%");
	CHECK(headline_find(raw3, 2, "Other 0.5 here.", h, 3) == 0);
	CHECK(headline_find(raw3, 0, "", h, 3) == 0);
	return check_done();
}

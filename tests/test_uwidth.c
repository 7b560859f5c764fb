/* test_uwidth.c: display widths, fitting, padding and wrapping (with Hangul). */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lab/view/uwidth.h"

static void test_width(void)
{
	CHECK(uw_width("Minsu") == 5);
	CHECK(uw_width("민수") == 4);
	CHECK(uw_width("Iron Man 아이언맨") == 9 + 8);
	CHECK(uw_width("e\xcc\x81") == 1);          /* e + combining acute */
	CHECK(uw_width("\xff") == 1);               /* invalid byte: U+FFFD */
	uint32_t c;
	CHECK(uw_decode("\xc0\xaf", &c) == 1 && c == 0xfffd); /* overlong */
	CHECK(uw_decode("가", &c) == 3 && c == 0xac00);
}

static void test_fit_pad(void)
{
	int used;
	CHECK(uw_fit("철수와 영희", 5, &used) == 6 && used == 4); /* never half a syllable */
	char *p = uw_pad("영희", 6, 'l', 0);
	CHECK_STR(p, "영희  ");
	free(p);
	p = uw_pad("영희", 6, 'r', 0);
	CHECK_STR(p, "  영희");
	free(p);
	p = uw_pad("Avengers", 5, 'l', 1);
	CHECK_STR(p, "Aven~");
	free(p);
	p = uw_pad("어벤져스", 4, 'l', 1); /* 3 columns left: one syllable + gap */
	CHECK(uw_width(p) == 4);
	free(p);
	/* A cut a column short of the cell (two syllables and the mark are 5
	 * of 6 columns): right-aligned, the gap goes first, so the header ends
	 * over the last column of the numbers under it (the matrix scene). */
	p = uw_pad("어벤져스", 6, 'r', 0);
	CHECK_STR(p, " 어벤…");
	free(p);
	p = uw_pad("어벤져스", 6, 'l', 0);
	CHECK_STR(p, "어벤… ");
	free(p);
	p = uw_pad("어벤져스", 6, 'r', 1);
	CHECK_STR(p, " 어벤~");
	free(p);
	p = uw_pad("Avengers", 6, 'r', 0); /* no gap: nothing changes */
	CHECK_STR(p, "Aveng…");
	free(p);
}

static void test_wrap(void)
{
	uw_line l[8];
	const char *s = "the quick brown fox";
	int n = uw_wrap(s, 10, l, 8);
	CHECK(n == 2);
	CHECK(l[0].len == 9 && strncmp(s + l[0].start, "the quick", 9) == 0);
	CHECK(strncmp(s + l[1].start, "brown fox", 9) == 0);

	const char *k = "민수는 어벤져스를 좋아할까요";
	n = uw_wrap(k, 10, l, 8);
	CHECK(n == 3); /* 민수는 / 어벤져스를 / 좋아할까요 */
	for (int i = 0; i < n; i++)
		CHECK(uw_width_n(k + l[i].start, l[i].len) <= 10);

	n = uw_wrap("abcdefghij", 4, l, 8);
	CHECK(n == 3 && l[2].len == 2);
	n = uw_wrap("one\ntwo", 20, l, 8);
	CHECK(n == 2 && l[1].len == 3);
	n = uw_wrap("", 20, l, 8);
	CHECK(n == 1 && l[0].len == 0);
}

int main(void)
{
	setlocale(LC_ALL, "");
	test_width();
	test_fit_pad();
	test_wrap();
	return check_done();
}

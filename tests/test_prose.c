/* test_prose.c: lesson prose wrapped by display width, with Hangul and with
 * *emphasis* and `code` markup. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lab/view/uwidth.h"
#include "tui/prose.h"

static void test_plain(void)
{
	prose *p = prose_wrap("Cheolsu rated Avengers\nand Iron Man five stars.", 20);
	CHECK(p && p->n == 3);
	CHECK_STR(p->lines[0].text, "Cheolsu rated");
	CHECK_STR(p->lines[1].text, "Avengers and Iron");   /* lines joined */
	CHECK_STR(p->lines[2].text, "Man five stars.");
	for (int i = 0; i < p->n; i++)
		CHECK(p->lines[i].width <= 20);
	prose_free(&p);
	CHECK(p == NULL);
}

static void test_hangul(void)
{
	/* Each syllable is two columns: 10 columns hold five, never half of one. */
	prose *p = prose_wrap("민수는 어벤져스를 아직 못 봤어요", 10);
	CHECK(p != NULL);
	CHECK(p->n == 4);
	CHECK_STR(p->lines[0].text, "민수는");
	CHECK_STR(p->lines[1].text, "어벤져스를");
	CHECK(p->lines[1].width == 10);
	CHECK_STR(p->lines[2].text, "아직 못");
	CHECK_STR(p->lines[3].text, "봤어요");
	for (int i = 0; i < p->n; i++)
		CHECK(uw_width(p->lines[i].text) == p->lines[i].width && p->lines[i].width <= 10);
	prose_free(&p);
	/* A word wider than the line breaks between syllables. */
	p = prose_wrap("가나다라마바사", 5);
	CHECK(p && p->n == 4);
	CHECK_STR(p->lines[0].text, "가나");
	CHECK(p->lines[0].width == 4);
	prose_free(&p);
}

static void test_markup(void)
{
	prose *p = prose_wrap("The *error* is `r - p.q` for 영희.", 80);
	CHECK(p && p->n == 1);
	prose_line *l = &p->lines[0];
	CHECK_STR(l->text, "The error is r - p.q for 영희.");
	CHECK(l->width == uw_width("The error is r - p.q for ") + 5);
	CHECK(l->n_runs == 5);
	CHECK(l->runs[0].style == PROSE_PLAIN && l->runs[0].len == 4);
	CHECK(l->runs[1].style == PROSE_EMPH && l->runs[1].start == 4 && l->runs[1].len == 5);
	CHECK(l->runs[3].style == PROSE_CODE && !strncmp(l->text + l->runs[3].start, "r - p.q", 7));
	CHECK(l->runs[4].style == PROSE_PLAIN);
	prose_free(&p);
	/* Lone markers stay literal; ** counts as one marker. */
	p = prose_wrap("2 * 3 = 6, a ` tick, **bold** text", 80);
	CHECK_STR(p->lines[0].text, "2 * 3 = 6, a ` tick, bold text");
	CHECK(p->lines[0].n_runs == 3 && p->lines[0].runs[1].style == PROSE_EMPH);
	prose_free(&p);
	/* Emphasis carried across a wrap keeps its style on the next line. */
	p = prose_wrap("*one two three*", 8);
	CHECK(p->n == 2);
	CHECK(p->lines[1].n_runs == 1 && p->lines[1].runs[0].style == PROSE_EMPH);
	CHECK_STR(p->lines[1].text, "three");
	prose_free(&p);
}

static void test_paragraphs(void)
{
	prose *p = prose_wrap("First paragraph.\n\n\nSecond one:\n- a list item\n- another\n", 40);
	CHECK(p && p->n == 5);
	CHECK_STR(p->lines[0].text, "First paragraph.");
	CHECK_STR(p->lines[1].text, "");          /* blank lines collapse to one */
	CHECK_STR(p->lines[2].text, "Second one:");
	CHECK_STR(p->lines[3].text, "- a list item");
	CHECK_STR(p->lines[4].text, "- another");
	prose_free(&p);
	p = prose_wrap("", 10);
	CHECK(p && p->n == 0);
	prose_free(&p);
}

int main(void)
{
	test_plain();
	test_hangul();
	test_markup();
	test_paragraphs();
	return check_done();
}

/* test_format.c: text tables aligned by display width, CSV quoting and JSON
 * escapes, text wrapped by display width, checked against strings written
 * out by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli/format.h"
#include "lab/view/uwidth.h"

/* Everything printed to a memory stream, as one string. */
static char *capture(const fmt_table *t, fmt_kind kind)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	fmt_table_print(t, kind, f);
	fclose(f);
	return buf;
}

static fmt_table *sample(void)
{
	fmt_table *t = fmt_table_new();
	fmt_table_column(t, "name", 'l');
	fmt_table_column(t, "rmse", 'r');
	fmt_table_row(t);
	fmt_table_text(t, "철수");      /* two Hangul syllables: 4 columns, 6 bytes */
	fmt_table_num(t, 0.94573, 4);
	fmt_table_row(t);
	fmt_table_text(t, "Minsu, \"M\"");
	fmt_table_num(t, NAN, 4);
	return t;
}

static void test_text(void)
{
	fmt_table *t = sample();
	char *s = capture(t, FMT_TEXT);
	/* Column 1 is 10 wide ("Minsu, \"M\""); 철수 takes 4 columns, so 6
	 * spaces pad it, not 4 as a byte count would give. NaN shows as "-". */
	CHECK_STR(s,
		  "name          rmse\n"
		  "철수        0.9457\n"
		  "Minsu, \"M\"       -\n");
	free(s);
	fmt_table_free(&t);
	CHECK(t == NULL);
}

static void test_csv(void)
{
	fmt_table *t = sample();
	char *s = capture(t, FMT_CSV);
	/* A comma or quote forces quoting, quotes double, NaN is empty; numbers
	 * keep JSON's 10 significant digits, not the text's 4 decimals. */
	CHECK_STR(s, "name,rmse\n철수,0.94573\n\"Minsu, \"\"M\"\"\",\n");
	free(s);
	fmt_table_free(&t);
}

static void test_json(void)
{
	fmt_table *t = sample();
	char *s = capture(t, FMT_JSON);
	CHECK_STR(s,
		  "[\n"
		  "  {\n"
		  "    \"name\": \"철수\",\n"
		  "    \"rmse\": 0.94573\n"
		  "  },\n"
		  "  {\n"
		  "    \"name\": \"Minsu, \\\"M\\\"\",\n"
		  "    \"rmse\": null\n"
		  "  }\n"
		  "]\n");
	free(s);
	fmt_table_free(&t);

	/* Escapes: quote, backslash, newline, tab, a control byte, an invalid
	 * UTF-8 byte (0xff becomes \ufffd) and a real U+FFFD kept as it is. */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	fmt_json_escape(f, "a\"b\\c\nd\te\x01" "f\xff" "g\xef\xbf\xbd");
	fclose(f);
	CHECK_STR(buf, "\"a\\\"b\\\\c\\nd\\te\\u0001f\\ufffdg\xef\xbf\xbd\"");
	free(buf);

	/* A document: commas, nesting, empty containers, non-finite numbers. */
	f = open_memstream(&buf, &len);
	fmt_json j;
	fmt_json_init(&j, f);
	fmt_json_begin_object(&j, NULL);
	fmt_json_string(&j, "algo", "baseline");
	fmt_json_number(&j, "rmse", INFINITY);
	fmt_json_begin_object(&j, "params");
	fmt_json_end_object(&j);
	fmt_json_begin_array(&j, "folds");
	fmt_json_int(&j, NULL, 3);
	fmt_json_bool(&j, NULL, 1);
	fmt_json_end_array(&j);
	fmt_json_end_object(&j);
	fmt_json_finish(&j);
	fclose(f);
	CHECK_STR(buf,
		  "{\n"
		  "  \"algo\": \"baseline\",\n"
		  "  \"rmse\": null,\n"
		  "  \"params\": {},\n"
		  "  \"folds\": [\n"
		  "    3,\n"
		  "    true\n"
		  "  ]\n"
		  "}\n");
	free(buf);
}

/* What a prose function printed, as one string: out = begin(), print to
 * it, then end(out). */
static char *printed;
static size_t printed_len;

static FILE *begin(void)
{
	return open_memstream(&printed, &printed_len);
}

static char *end(FILE *out)
{
	fclose(out);
	return printed;
}

static void test_wrap(void)
{
	FILE *out;
	/* A settings line under compare's table: the first row at the width,
	 * the rest after the hanging indent, in what is left of it. */
	out = begin();
	uw_fwrap(out, "  sgd   k=10 lr=0.01 reg=0.05", 16, "        ");
	char *s = end(out);
	CHECK_STR(s, "  sgd   k=10\n        lr=0.01\n        reg=0.05\n");
	free(s);
	/* Hangul by columns: 가나다 is 6 of them, not 9 bytes; "# " continues
	 * a comment. Own line breaks are kept, an empty line stays. */
	out = begin();
	uw_fwrap(out, "가나다 라마바 사아\n\nab", 10, "# ");
	s = end(out);
	CHECK_STR(s, "가나다\n# 라마바\n# 사아\n\nab\n");
	free(s);
	/* A line's own indentation is not a place to break it. */
	out = begin();
	uw_fwrap(out, "      abcdefghij", 10, NULL);
	s = end(out);
	CHECK_STR(s, "      abcd\nefghij\n");
	free(s);
	/* An indent that would leave less than half the width is not used. */
	out = begin();
	uw_fwrap(out, "aaa bbb ccc", 8, "       ");
	s = end(out);
	CHECK_STR(s, "aaa bbb\nccc\n");
	free(s);
}

static void test_reflow(void)
{
	FILE *out;
	/* Leading newlines kept, a line break inside a paragraph is a space,
	 * a blank line separates paragraphs. */
	out = begin();
	fmt_reflow(out, "\nab cd\nef\n\ngh ij kl\n", 5);
	char *s = end(out);
	CHECK_STR(s, "\nab cd\nef\n\ngh ij\nkl\n");
	free(s);
	/* A translator's break that the words no longer fit is moved. */
	out = begin();
	fmt_reflow(out, "철수 영희\n민수", 20);
	s = end(out);
	CHECK_STR(s, "철수 영희 민수\n");
	free(s);
	/* Ending in a blank line (a table follows) keeps it. */
	out = begin();
	fmt_reflow(out, "ab\n\n", 5);
	s = end(out);
	CHECK_STR(s, "ab\n\n");
	free(s);
}

static void test_wrap_hang(void)
{
	FILE *out;
	/* An option's words continue under its description... */
	out = begin();
	fmt_wrap_hang(out, "  --algos LIST  comma-separated algorithms (default a,b,c)\n"
				    "short line\n", 40);
	char *s = end(out);
	CHECK_STR(s, "  --algos LIST  comma-separated\n"
		     "                algorithms (default\n"
		     "                a,b,c)\n"
		     "short line\n");
	free(s);
	/* A long line takes the rows that continue its description along;
	 * a row of its own that fits is left alone. */
	out = begin();
	fmt_wrap_hang(out, "  -u URL  fetch from URL instead of\n"
			   "          https://example.org/a/b/NAME.zip (a mirror, or\n"
			   "          file:///PATH)\n"
			   "  -q      quiet\n", 44);
	s = end(out);
	CHECK_STR(s, "  -u URL  fetch from URL instead of\n"
		     "          https://example.org/a/b/NAME.zip\n"
		     "          (a mirror, or file:///PATH)\n"
		     "  -q      quiet\n");
	free(s);
	/* ...and a usage line under its arguments. */
	out = begin();
	fmt_wrap_hang(out, "Usage: latentlab cmd --data PATH [OPTION]... [KEY=VALUE]...\n", 50);
	s = end(out);
	CHECK_STR(s, "Usage: latentlab cmd --data PATH [OPTION]...\n"
		     "                     [KEY=VALUE]...\n");
	free(s);
}

static void test_text_fit(void)
{
	FILE *out;
	fmt_table *t = fmt_table_new();
	fmt_table_column(t, "fold", 'l');
	fmt_table_column(t, "long_measure_one", 'r');
	fmt_table_column(t, "long_measure_two", 'r');
	fmt_table_row(t);
	fmt_table_text(t, "loo");
	fmt_table_num(t, 1.5, 2);
	fmt_table_num(t, NAN, 2);
	/* 40 columns fit in 60: as is; not in 30: a row per measure. */
	out = begin();
	fmt_table_print_text_fit(t, 60, out);
	char *s = end(out);
	CHECK_STR(s, "fold  long_measure_one  long_measure_two\n"
		     "loo               1.50                 -\n");
	free(s);
	out = begin();
	fmt_table_print_text_fit(t, 30, out);
	s = end(out);
	CHECK_STR(s, "fold               loo\n"
		     "long_measure_one  1.50\n"
		     "long_measure_two     -\n");
	free(s);
	/* The first columns alone, and a cell's text as shown. */
	out = begin();
	fmt_table_print_text_cols(t, 2, out);
	s = end(out);
	CHECK_STR(s, "fold  long_measure_one\nloo               1.50\n");
	free(s);
	CHECK(fmt_table_n_rows(t) == 1);
	CHECK_STR(fmt_table_cell_text(t, 0, 1), "1.50");
	CHECK_STR(fmt_table_cell_text(t, 0, 2), "-");
	CHECK_STR(fmt_table_cell_text(t, 5, 0), "-");
	fmt_table_free(&t);
}

static void test_kind(void)
{
	fmt_kind k;
	CHECK(fmt_parse_kind("json", &k) == 0 && k == FMT_JSON);
	CHECK(fmt_parse_kind("csv", &k) == 0 && k == FMT_CSV);
	CHECK(fmt_parse_kind("text", &k) == 0 && k == FMT_TEXT);
	CHECK(fmt_parse_kind("xml", &k) == -1);
}

int main(void)
{
	test_text();
	test_csv();
	test_json();
	test_kind();
	test_wrap();
	test_reflow();
	test_wrap_hang();
	test_text_fit();
	return check_done();
}

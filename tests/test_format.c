/* test_format.c: text tables aligned by display width, CSV quoting and JSON
 * escapes, checked against strings written out by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli/format.h"

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
	return check_done();
}

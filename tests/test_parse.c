/* test_parse.c: the command-line parser: words, quotes, escapes, Hangul,
 * key=value options, comments, and a table of bad inputs with the message
 * and the column each error points at. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lab/parse.h"

static void test_words(void)
{
	lab_words w;
	CHECK(lab_parse("rate Minsu \"Iron Man\" 5", &w, NULL, NULL) == 0);
	CHECK(w.n == 4);
	CHECK_STR(w.w[0].text, "rate");
	CHECK_STR(w.w[2].text, "Iron Man");
	CHECK(w.w[2].quoted && !w.w[2].key);
	CHECK(w.w[2].col == 12 && w.w[3].col == 23);
	lab_words_clear(&w);

	/* Hangul names count two columns each for later words' columns. */
	CHECK(lab_parse("rate 민수 '아이언 맨' 5", &w, NULL, NULL) == 0);
	CHECK(w.n == 4);
	CHECK_STR(w.w[1].text, "민수");
	CHECK_STR(w.w[2].text, "아이언 맨");
	CHECK(w.w[2].col == 11);            /* "rate " 5 + "민수 " 5 + 1 */
	CHECK(w.w[3].col == 11 + 11 + 1);   /* the quoted word is 11 columns wide */
	lab_words_clear(&w);

	/* Options: key=value, a quoted value, and '=' inside quotes is no option. */
	CHECK(lab_parse("train sgd k=2 lr=0.05 name=\"my model\" \"a=b\" x\\=y", &w, NULL, NULL) == 0);
	CHECK(w.n == 7);
	CHECK_STR(w.w[2].key, "k");
	CHECK_STR(w.w[2].value, "2");
	CHECK_STR(w.w[4].key, "name");
	CHECK_STR(w.w[4].value, "my model");
	CHECK(w.w[5].key == NULL);
	CHECK_STR(w.w[5].text, "a=b");
	CHECK(w.w[6].key == NULL);          /* an escaped '=' is text */
	CHECK_STR(w.w[6].text, "x=y");
	lab_words_clear(&w);

	/* Metric words with '@' are positional; options may contain '@' and '.'. */
	CHECK(lab_parse("eval hr@10 sgd.k=3", &w, NULL, NULL) == 0);
	CHECK(w.n == 3 && !w.w[1].key);
	CHECK_STR(w.w[2].key, "sgd.k");
	lab_words_clear(&w);

	/* Escapes and comments. */
	CHECK(lab_parse("rate \"Say \\\"hi\\\"\" It\\'s  # a comment \"", &w, NULL, NULL) == 0);
	CHECK(w.n == 3);
	CHECK_STR(w.w[1].text, "Say \"hi\"");
	CHECK_STR(w.w[2].text, "It's");
	lab_words_clear(&w);
	CHECK(lab_parse("   # only a comment", &w, NULL, NULL) == 0 && w.n == 0);
	lab_words_clear(&w);
	CHECK(lab_parse("", &w, NULL, NULL) == 0 && w.n == 0);
	lab_words_clear(&w);
	CHECK(lab_parse("a#b", &w, NULL, NULL) == 0 && w.n == 1);
	CHECK_STR(w.w[0].text, "a#b");
	lab_words_clear(&w);
	CHECK(lab_parse("x ''", &w, NULL, NULL) == 0 && w.n == 2);
	CHECK_STR(w.w[1].text, "");
	lab_words_clear(&w);
}

static const struct bad {
	const char *line;
	const char *message;
	int col;
} bad[] = {
	{ "rate Minsu \"Iron Man 5", "column 12: unterminated double quote", 12 },
	{ "rate Minsu 'Iron Man 5", "column 12: unterminated single quote", 12 },
	{ "rate 민수 \"아이언", "column 11: unterminated double quote", 11 },
	{ "load data\\", "column 10: backslash at the end of the line", 10 },
	{ "rate Min\xffsu x 5", "column 6: invalid UTF-8 in 'Min", 6 },
	{ "show \"ok\" 'no", "column 11: unterminated single quote", 11 },
};

static void test_bad(void)
{
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		lab_words w;
		ll_error e;
		int col = -1;
		int rc = lab_parse(bad[i].line, &w, &col, &e);
		CHECK(rc == -1);
		if (rc == -1) {
			if (strncmp(e.msg, bad[i].message, strlen(bad[i].message)) != 0)
				fprintf(stderr, "line %zu: got \"%s\"\n", i, e.msg);
			CHECK(strncmp(e.msg, bad[i].message, strlen(bad[i].message)) == 0);
			CHECK(col == bad[i].col);
			CHECK(w.n == 0 && w.w == NULL);
		} else {
			lab_words_clear(&w);
		}
	}
}

static void test_partial_and_quote(void)
{
	lab_words w;
	char open;
	CHECK(lab_parse_partial("rate Minsu \"Iron M", &w, &open) == 0);
	CHECK(open == '"' && w.n == 3);
	CHECK_STR(w.w[2].text, "Iron M");
	lab_words_clear(&w);

	const char *words[] = { "Minsu", "Iron Man", "a=b", "say \"hi\"", "", "back\\slash", "민수" };
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		char *q = lab_quote(words[i]);
		CHECK(q != NULL);
		CHECK(lab_parse(q, &w, NULL, NULL) == 0);
		CHECK(w.n == 1 && strcmp(w.w[0].text, words[i]) == 0 && !w.w[0].key);
		lab_words_clear(&w);
		free(q);
	}
	char *q = lab_quote("Minsu");
	CHECK_STR(q, "Minsu");
	free(q);
	q = lab_quote("Iron Man");
	CHECK_STR(q, "\"Iron Man\"");
	free(q);
}

int main(void)
{
	test_words();
	test_bad();
	test_partial_and_quote();
	return check_done();
}

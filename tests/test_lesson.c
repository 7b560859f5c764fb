/* test_lesson.c: the lesson parser on good lessons and a table of bad ones,
 * each with the exact "file:line: message" it must report. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "lab/lesson/lesson.h"
#include "lab/lesson/lesson_list.h"

static void good_file(void)
{
	ll_error err = { "" };
	lesson *l = lesson_load(LATENTLAB_ABS_SRCDIR "/tests/lessons/detective.lesson", &err);
	CHECK(l != NULL);
	if (!l) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	CHECK_STR(lesson_title(l), "The detective");
	CHECK_STR(lesson_summary(l), "Will Minsu like Avengers? What a model can learn from ratings alone.");
	CHECK_STR(lesson_dataset(l), "toy");
	long seed = 0;
	CHECK(lesson_seed(l, &seed) == 1 && seed == 7);
	CHECK(lesson_n_steps(l) == 2);
	CHECK_STR(lesson_step_heading(l, 0), "The clues");
	CHECK_STR(lesson_step_heading(l, 1), "One step of SGD");
	CHECK(lesson_step_heading(l, 2) == NULL);
	CHECK(lesson_step_line(l, 0) == 9);
	CHECK(lesson_step_quiz(l, 0) == NULL);

	/* Step 0: two prose lines, a break, a command; the trailing blank is dropped. */
	CHECK(lesson_step_n_items(l, 0) == 4);
	const lesson_item *it = lesson_step_item(l, 0, 0);
	CHECK(it && it->kind == LESSON_PROSE && it->line == 10);
	CHECK_STR(it->text, "Cheolsu rated *Avengers* and `Iron Man` five stars each.");
	it = lesson_step_item(l, 0, 2);
	CHECK(it && it->kind == LESSON_BREAK);
	it = lesson_step_item(l, 0, 3);
	CHECK(it && it->kind == LESSON_COMMAND && it->line == 13);
	CHECK_STR(it->text, "show ratings");
	CHECK(lesson_step_item(l, 0, 4) == NULL);

	/* Step 1: quiet command, command, prose, break, bullet prose. */
	CHECK(lesson_step_n_items(l, 1) == 5);
	it = lesson_step_item(l, 1, 0);
	CHECK(it && it->kind == LESSON_QUIET);
	CHECK_STR(it->text, "train sgd k=1 lr=0.1 reg=0 epochs=0 seed=7");
	it = lesson_step_item(l, 1, 4);
	CHECK(it && it->kind == LESSON_PROSE);
	CHECK_STR(it->text, "- a bullet, not a choice");

	const lesson_quiz *q = lesson_step_quiz(l, 1);
	CHECK(q != NULL);
	if (q) {
		CHECK_STR(q->question, "Whose taste is closest to Minsu's?");
		CHECK(q->n_choices == 2);
		CHECK_STR(q->choices[0], "Younghee");
		CHECK_STR(q->choices[1], "Cheolsu");
		CHECK(q->correct == 1);
		CHECK_STR(q->explanation, "Explanation shown after the answer, may use {{cos Cheolsu Minsu}}.");
		CHECK(q->line == 22);
		CHECK(q->explanation_line == 26);
	}
	lesson_free(&l);
	CHECK(l == NULL);
	lesson_free(&l); /* harmless twice */
}

static void good_text(void)
{
	ll_error err = { "" };
	/* CRLF line ends, a BOM, indented markers, Hangul, comments anywhere,
	 * '$$', a quiz followed by more commands, no seed. */
	const char *text =
		"\xEF\xBB\xBFtitle: 탐정\r\n"
		"% a comment in the header\r\n"
		"dataset: toy\r\n"
		"\r\n"
		"##   첫 단계  \r\n"
		"  민수는 {{ predict 민수 \"Iron Man\" | %.1f }} 점을 줄까요?\r\n"
		"% never shown\r\n"
		"? 누구?\r\n"
		"+ 철수\r\n"
		"\r\n"
		"- 영희\r\n"
		"$ users\r\n";
	lesson *l = lesson_parse("mem.lesson", text, &err);
	CHECK(l != NULL);
	if (!l) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	CHECK_STR(lesson_title(l), "탐정");
	CHECK_STR(lesson_summary(l), "");
	CHECK_STR(lesson_path(l), "mem.lesson");
	CHECK(lesson_seed(l, NULL) == 0);
	CHECK_STR(lesson_step_heading(l, 0), "첫 단계");
	CHECK(lesson_step_n_items(l, 0) == 2);
	const lesson_item *it = lesson_step_item(l, 0, 0);
	CHECK_STR(it ? it->text : NULL, "민수는 {{ predict 민수 \"Iron Man\" | %.1f }} 점을 줄까요?");
	it = lesson_step_item(l, 0, 1);
	CHECK(it && it->kind == LESSON_COMMAND && it->line == 12);
	const lesson_quiz *q = lesson_step_quiz(l, 0);
	CHECK(q && q->n_choices == 2 && q->correct == 0 && !q->explanation && q->explanation_line == 0);
	lesson_free(&l);
}

static void plain(void)
{
	static const struct { const char *in, *out; } t[] = {
		{ "a *word* and `code`", "a word and code" },
		{ "5 * 3 * 2", "5 * 3 * 2" },
		{ "x*y*z", "x*y*z" },
		{ "(*really*)", "(really)" },
		{ "an *unclosed star", "an *unclosed star" },
		{ "``", "``" },
		{ "*two words*!", "two words!" },
		{ "철수 `k=2` *민수*", "철수 k=2 민수" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *s = lesson_plain(t[i].in);
		CHECK_STR(s, t[i].out);
		free(s);
	}
}

/* Bad lessons and the first line of the message each must give. */
static const struct {
	const char *text;
	const char *msg;
} bad[] = {
	{ "titel: x\ndataset: toy\n## a\n",
	  "bad.lesson:1: unknown header key 'titel' (did you mean 'title'?)" },
	{ "title: x\nlevel: 3\n## a\n",
	  "bad.lesson:2: unknown header key 'level' (known: title, summary, dataset, seed, author)" },
	{ "title: x\ntitle: y\ndataset: toy\n## a\n",
	  "bad.lesson:2: duplicate header key 'title'" },
	{ "title:\ndataset: toy\n## a\n", "bad.lesson:1: empty value for 'title'" },
	{ "title: x\ndataset: toy\nseed: seven\n## a\n",
	  "bad.lesson:3: seed must be a whole number from 0 to 2147483647, not 'seven'" },
	{ "title: x\ndataset: toy\n$ show ratings\n## a\n",
	  "bad.lesson:3: step without heading: a step starts with '## Heading'" },
	{ "title: x\ndataset: toy\n\nSome prose.\n## a\n",
	  "bad.lesson:4: step without heading: expected 'key: value' or '## Heading'" },
	{ "dataset: toy\n## a\n", "bad.lesson:1: missing 'title:' header" },
	{ "title: x\n\n## a\ntext\n",
	  "bad.lesson:3: missing 'dataset:' header (a dataset name such as 'toy', or 'none')" },
	{ "title: x\ndataset: toy\n", "bad.lesson:2: a lesson without steps (a step starts with '## Heading')" },
	{ "title: x\ndataset: toy\n##\n", "bad.lesson:3: a step heading without a title ('## Title')" },
	{ "title: x\ndataset: toy\n## a\n? Who?\n- A\n- B\n",
	  "bad.lesson:4: a quiz without a '+' answer" },
	{ "title: x\ndataset: toy\n## a\n? Who?\n- A\n- B\n## b\n",
	  "bad.lesson:4: a quiz without a '+' answer" },
	{ "title: x\ndataset: toy\n## a\n? Who?\n+ A\n+ B\n",
	  "bad.lesson:6: a second '+' answer (a quiz has exactly one)" },
	{ "title: x\ndataset: toy\n## a\n? Who?\n+ A\nprose\n",
	  "bad.lesson:4: a quiz needs at least two choices ('+ right' and '- wrong' lines)" },
	{ "title: x\ndataset: toy\n## a\n?\n+ A\n- B\n", "bad.lesson:4: a quiz without a question" },
	{ "title: x\ndataset: toy\n## a\n? Q\n+ A\n- B\n? R\n+ A\n- B\n",
	  "bad.lesson:7: a second quiz in one step (a step has at most one)" },
	{ "title: x\ndataset: toy\n## a\n? Q\n+ A\n> why\n- B\n",
	  "bad.lesson:7: a choice after the explanation (put '>' lines last)" },
	{ "title: x\ndataset: toy\n## a\n? Q\n+\n- B\n", "bad.lesson:5: an empty choice" },
	{ "title: x\ndataset: toy\n## a\n> because\n",
	  "bad.lesson:4: '>' explanation outside a quiz (start one with '? question')" },
	{ "title: x\ndataset: toy\n## a\nThe error was {{last.error.\n",
	  "bad.lesson:4: unclosed '{{' (an expression ends with '}}' on the same line)" },
	{ "title: x\ndataset: toy\n## a\nok {{a}} then {{b\n",
	  "bad.lesson:4: unclosed '{{' (an expression ends with '}}' on the same line)" },
	{ "title: x\ndataset: toy\n## a\n{{ a {{ b }} }}\n",
	  "bad.lesson:4: '{{' inside an expression (close the first with '}}')" },
	{ "title: x\ndataset: toy\n## a\nempty {{  }} here\n", "bad.lesson:4: empty expression '{{ }}'" },
	{ "title: x\ndataset: toy\n## a\nonly a format {{ | %.2f }}\n",
	  "bad.lesson:4: empty expression '{{ }}'" },
	{ "title: x\ndataset: toy\n## a\n? Q {{cos A B\n+ A\n- B\n",
	  "bad.lesson:4: unclosed '{{' (an expression ends with '}}' on the same line)" },
	{ "title: x\ndataset: toy\n## a\n? Q\n+ A\n- B\n> see {{x\n",
	  "bad.lesson:7: unclosed '{{' (an expression ends with '}}' on the same line)" },
	{ "title: x {{mean}}\ndataset: toy\n## a\n",
	  "bad.lesson:1: no {{ }} in the header: it is read before anything runs" },
	{ "title: x\ndataset: toy\n## a {{mean}}\n",
	  "bad.lesson:3: no {{ }} in a heading (put numbers in the prose)" },
	{ "title: x\ndataset: toy\n## a\n? Q\n+ {{mean}}\n- B\n",
	  "bad.lesson:5: no {{ }} in a choice (put numbers in the explanation)" },
	{ "title: x\ndataset: toy\n## a\n$\n", "bad.lesson:4: an empty command after '$'" },
	{ "title: x\ndataset: toy\n## a\n$$   \n", "bad.lesson:4: an empty command after '$$'" },
	{ "title: x\ndataset: toy\n## a\n$show ratings\n",
	  "bad.lesson:4: a command line is '$ command' or '$$ command'" },
	{ "title: x\ndataset: toy\n## a\n# b\n", "bad.lesson:4: a heading is '## Heading' (comments start with '%')" },
	{ "title: x\ndataset: toy\n## a\nbad \xC3( byte\n", "bad.lesson:4: invalid UTF-8 at byte 5" },
	{ "title: x\ndataset: toy\n## a\n\xED\xA0\x80\n", "bad.lesson:4: invalid UTF-8 at byte 1" },
};

static void bad_lessons(void)
{
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ll_error err = { "" };
		lesson *l = lesson_parse("bad.lesson", bad[i].text, &err);
		CHECK(l == NULL);
		lesson_free(&l);
		char first[sizeof err.msg];
		snprintf(first, sizeof first, "%s", err.msg);
		char *nl = strchr(first, '\n');
		if (nl)
			*nl = '\0';
		if (strcmp(first, bad[i].msg) != 0)
			fprintf(stderr, "bad[%zu]: got \"%s\"\n", i, err.msg);
		CHECK_STR(first, bad[i].msg);
	}
	/* The offending line is quoted on the second line. */
	ll_error err = { "" };
	lesson *l = lesson_parse("bad.lesson", "titel: The detective\n", &err);
	CHECK(l == NULL);
	CHECK(strstr(err.msg, "\n  titel: The detective") != NULL);
	/* Broken bytes are not echoed. */
	l = lesson_parse("bad.lesson", "title: x\xFF\n", &err);
	CHECK(l == NULL && strchr(err.msg, '\n') == NULL);
}

static void missing_file(void)
{
	ll_error err = { "" };
	lesson *l = lesson_load("/nonexistent/x.lesson", &err);
	CHECK(l == NULL);
	CHECK_STR(err.msg, "/nonexistent/x.lesson: No such file or directory");
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Lessons of two search folders: sorted by file name, the first folder
 * hides a lesson of the same name in the second, a broken one is listed
 * with its error, and short names find them. */
static void listing(void)
{
	char a[] = "/tmp/latentlab-lessonsA-XXXXXX", b[] = "/tmp/latentlab-lessonsB-XXXXXX";
	CHECK(mkdtemp(a) && mkdtemp(b));
	char la[600], lb[600];
	snprintf(la, sizeof la, "%s/lessons", a);
	snprintf(lb, sizeof lb, "%s/lessons", b);
	CHECK(mkdir(la, 0700) == 0 && mkdir(lb, 0700) == 0);
	write_file(la, "02-b.lesson", "title: Bee\nsummary: The second.\ndataset: toy\n## s\n");
	write_file(la, "01-a.lesson", "title: Ay\ndataset: toy\n## s\n");
	write_file(la, "03-bad.lesson", "title: Bad\n## s\n");
	write_file(la, "notes.txt", "not a lesson\n");
	write_file(lb, "01-a.lesson", "title: Hidden\ndataset: toy\n## s\n");
	write_file(lb, "04-c.lesson", "title: Sea\ndataset: toy\n## s\n");
	char env[1300];
	snprintf(env, sizeof env, "%s:%s", a, b);
	setenv("LATENTLAB_PATH", env, 1);

	lesson_entry *v;
	int n = lesson_list(&v);
	const char *want[] = { "01-a", "02-b", "03-bad", "04-c" };
	int k = 0;
	for (int i = 0; i < n; i++) {
		/* Other folders (the source tree's lessons/) may add lessons. */
		if (strncmp(v[i].path, a, strlen(a)) && strncmp(v[i].path, b, strlen(b)))
			continue;
		CHECK(k < 4);
		if (k >= 4)
			break;
		CHECK_STR(v[i].name, want[k]);
		if (k == 0) {
			CHECK_STR(v[i].title, "Ay");
			CHECK(strncmp(v[i].path, a, strlen(a)) == 0);
			CHECK_STR(v[i].summary, "");
			CHECK(v[i].error == NULL);
		}
		if (k == 1)
			CHECK_STR(v[i].summary, "The second.");
		if (k == 2) {
			CHECK_STR(v[i].title, "03-bad");
			CHECK(v[i].error && strstr(v[i].error, "03-bad.lesson:2: missing 'dataset:' header"));
		}
		if (k == 3)
			CHECK_STR(v[i].title, "Sea");
		k++;
	}
	CHECK(k == 4);
	for (int i = 1; i < n; i++)
		CHECK(strcmp(v[i - 1].name, v[i].name) < 0);
	lesson_list_free(&v, n);
	CHECK(v == NULL);

	char want_a[700], want_c[700];
	snprintf(want_a, sizeof want_a, "%s/01-a.lesson", la);
	snprintf(want_c, sizeof want_c, "%s/04-c.lesson", lb);
	const char *names_a[] = { "a", "01-a", "01-a.lesson" };
	for (int i = 0; i < 3; i++) {
		char *p = lesson_find(names_a[i]);
		CHECK_STR(p, want_a);
		free(p);
	}
	char *p = lesson_find("c");
	CHECK_STR(p, want_c);
	free(p);
	CHECK(lesson_find("no-such-lesson") == NULL);

	const char *files[] = { "02-b.lesson", "01-a.lesson", "03-bad.lesson", "notes.txt" };
	for (int i = 0; i < 4; i++) {
		char f[700];
		snprintf(f, sizeof f, "%s/%s", la, files[i]);
		unlink(f);
	}
	snprintf(want_a, sizeof want_a, "%s/01-a.lesson", lb);
	unlink(want_a);
	unlink(want_c);
	rmdir(la);
	rmdir(lb);
	rmdir(a);
	rmdir(b);
	unsetenv("LATENTLAB_PATH");
}

/* A rating step: '@ rate' becomes the lab command ask with its options,
 * and the step says it asks for ratings. */
static void rating_step(void)
{
	ll_error err = { "" };
	lesson *l = lesson_parse("rate.lesson",
				 "title: R\ndataset: movielens\n\n## Train\n$$ train biased k=4\n\n"
				 "## Rate\nRate these.\n@ rate n=3 pool=50\n$ place\n", &err);
	CHECK(l != NULL);
	if (!l) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	CHECK(lesson_step_rates(l, 0) == 0);
	CHECK(lesson_step_rates(l, 1) == 1);
	CHECK(lesson_step_rates(l, 2) == 0);
	const lesson_item *it = lesson_step_item(l, 1, 1);
	CHECK(it && it->kind == LESSON_RATE && it->line == 9);
	CHECK_STR(it ? it->text : NULL, "ask n=3 pool=50");
	it = lesson_step_item(l, 1, 2);
	CHECK(it && it->kind == LESSON_COMMAND);
	CHECK(lesson_check(l, &err) == 0);
	lesson_free(&l);
	/* "@ rate" alone asks with the defaults. */
	l = lesson_parse("r2.lesson", "title: R\ndataset: none\n\n## Rate\n@ rate\n", &err);
	CHECK(l && lesson_step_item(l, 0, 0) && !strcmp(lesson_step_item(l, 0, 0)->text, "ask"));
	lesson_free(&l);
}

int main(void)
{
	rating_step();
	good_file();
	good_text();
	plain();
	bad_lessons();
	missing_file();
	listing();
	return check_done();
}

/* test_completion.c: the Readline glue on the toy data, without a terminal:
 * what Tab puts in place of the word (repl_matches), quoting of names with
 * spaces, Hangul names, and the history file. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "check.h"
#include "lab/lab.h"
#include "repl/repl.h"

/* Readline's word start for line[0..end): after the last blank, or after
 * an open quote (what rl_completer_quote_characters makes it do). */
static int rl_start(const char *line, int end, int *quote)
{
	int start = 0;
	char q = 0;
	for (int i = 0; i < end; i++) {
		if (q) {
			if (line[i] == q)
				q = 0;
		} else if (line[i] == '"' || line[i] == '\'') {
			q = line[i];
			start = i + 1;
		} else if (line[i] == ' ') {
			start = i + 1;
		}
	}
	*quote = q;
	return start;
}

static int n_matches(char **m)
{
	int n = 0;
	while (m && m[n + 1])
		n++;
	return n;
}

/* The text Tab would put in place of Readline's word, or NULL. */
static char *tab(lab *lb, const char *line, int *count)
{
	int quote;
	int end = (int)strlen(line);
	int start = rl_start(line, end, &quote);
	char **m = repl_matches(lb, line, start, end, quote);
	*count = n_matches(m);
	char *r = m ? strdup(m[0]) : NULL;
	repl_matches_free(m);
	return r;
}

static void expect(lab *lb, const char *line, const char *want, int min_count, int max_count)
{
	int n = 0;
	char *got = tab(lb, line, &n);
	if (!want)
		CHECK(got == NULL);
	else
		CHECK_STR(got, want);
	if (n < min_count || n > max_count)
		fprintf(stderr, "'%s': %d candidates\n", line, n);
	CHECK(n >= min_count && n <= max_count);
	free(got);
}

static void completion(lab *lb)
{
	/* Commands. */
	expect(lb, "recomm", "recommend", 1, 1);
	expect(lb, "zzz", NULL, 0, 0);
	/* A user, then an item whose name has a space: quoted. */
	expect(lb, "predict Min", "Minsu", 1, 1);
	expect(lb, "predict Minsu Iro", "\"Iron Man\"", 1, 1);
	expect(lb, "predict Minsu March", "\"March of the Penguins\"", 1, 1);
	/* Inside an open quote Readline's word starts after the quote and it
	 * closes the quote itself: no quotes in the replacement. */
	expect(lb, "predict Minsu \"Iron", "Iron Man", 1, 1);
	expect(lb, "predict Minsu 'Free", "Free Solo", 1, 1);
	/* Several candidates: never shorter than what was typed. */
	expect(lb, "predict Minsu A", "A", 2, 2);
	expect(lb, "predict Minsu Fr", "Fr", 2, 2);
	expect(lb, "predict Minsu Av", "Avengers", 1, 1);
	/* Option names and word values. */
	expect(lb, "similar Minsu metric=cos", "metric=cosine", 1, 1);
	/* Hangul: a user added by hand. */
	view *v = NULL;
	ll_error err = { "" };
	CHECK(lab_exec(lb, "rate 민수 Avengers 4", &v, &err) == 0);
	view_free(&v);
	CHECK(lab_exec(lb, "rate 민지 Avengers 2", &v, &err) == 0);
	view_free(&v);
	expect(lb, "recommend 민수", "민수", 1, 1);
	expect(lb, "recommend 민", "민", 2, 2);
}

static int file_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int n = 0, c;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static void history(lab *lb)
{
	char dir[] = "/tmp/latentlab-histXXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	setenv("XDG_STATE_HOME", dir, 1);
	CHECK(repl_readline_init(lb) == 0);
	CHECK_STR(rl_readline_name, "latentlab");
	CHECK(rl_attempted_completion_function != NULL);
	const char *file = repl_history_file();
	char want[256];
	snprintf(want, sizeof want, "%s/latentlab/history", dir);
	CHECK_STR(file, want);
	/* Appended at once: on disk before any exit. */
	repl_history_add("load toy");
	repl_history_add("load toy"); /* a repeat is not added */
	repl_history_add("   ");
	repl_history_add("predict Minsu \"Iron Man\"");
	CHECK(file_lines(want) == 2);
	for (int i = 0; i < REPL_HISTORY_MAX + 5; i++) {
		char line[32];
		snprintf(line, sizeof line, "seed %d", i);
		repl_history_add(line);
	}
	CHECK(file_lines(want) == REPL_HISTORY_MAX + 7);
	/* Written stifled at exit, and read back at the next start. */
	repl_readline_done();
	CHECK(file_lines(want) == REPL_HISTORY_MAX);
	clear_history();
	CHECK(repl_readline_init(lb) == 0);
	CHECK(history_length == REPL_HISTORY_MAX);
	HIST_ENTRY *last = history_get(history_base + history_length - 1);
	CHECK(last && strcmp(last->line, "seed 1004") == 0);
	repl_readline_done();
	unlink(want);
	snprintf(want, sizeof want, "%s/latentlab", dir);
	rmdir(want);
	rmdir(dir);
}

int main(void)
{
	lab *lb = lab_new();
	view *v = NULL;
	ll_error err = { "" };
	if (lab_exec(lb, "load toy", &v, &err) < 0) {
		fprintf(stderr, "load toy: %s\n", err.msg);
		return 1;
	}
	view_free(&v);
	completion(lb);
	history(lb);
	lab_free(&lb);
	return check_done();
}

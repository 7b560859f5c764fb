/* repl_rl.c: GNU Readline glue for the lab's command language (repl.h):
 * completion and history. Shared by the REPL and the TUI's prompt, so it
 * prints nothing and touches no terminal. */
#include <config.h>

#include "repl/repl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "lab/paths.h"

static lab *glue_lab;
static char *history_file;

const char *repl_history_file(void)
{
	return history_file;
}

void repl_matches_free(char **m)
{
	if (!m)
		return;
	for (char **p = m; *p; p++)
		free(*p);
	free(m);
}

/* Length of the longest common prefix of a and b, cut back to a UTF-8
 * character boundary. */
static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	while (n > 0 && ((unsigned char)a[n] & 0xC0) == 0x80)
		n--;
	return n;
}

char **repl_matches(lab *lb, const char *line, int start, int end, int quote)
{
	char **cand = lab_complete(lb, line, end);
	if (!cand)
		return NULL;
	int n = 0;
	while (cand[n])
		n++;
	if (n == 0) {
		lab_completions_free(cand);
		return NULL;
	}
	/* The lab's candidates replace line[ls..end); Readline replaces
	 * line[start..end). Move the difference from one side to the other. */
	int ls = lab_complete_start(line, end);
	char **m = calloc((size_t)n + 2, sizeof *m);
	int k = 1;
	for (int i = 0; m && i < n; i++) {
		const char *c = cand[i];
		char *s;
		if (start > ls) {
			size_t skip = (size_t)(start - ls);
			if (strncmp(c, line + ls, skip) != 0)
				continue; /* cannot be put in Readline's word */
			s = strdup(c + skip);
		} else {
			size_t pre = (size_t)(ls - start);
			s = malloc(pre + strlen(c) + 1);
			if (s) {
				memcpy(s, line + start, pre);
				strcpy(s + pre, c);
			}
		}
		if (!s)
			continue;
		/* Inside an open quote Readline adds the closing one itself. */
		size_t len = strlen(s);
		if (quote && len && s[len - 1] == quote && !(len >= 2 && s[len - 2] == '\\'))
			s[len - 1] = '\0';
		m[k++] = s;
	}
	lab_completions_free(cand);
	if (!m || k == 1) {
		free(m);
		return NULL;
	}
	/* [0]: what the word becomes: the one match, or the candidates'
	 * common prefix, but never less than what was typed. */
	size_t pre = strlen(m[1]);
	for (int i = 2; i < k; i++) {
		size_t p = common_prefix(m[1], m[i]);
		if (p < pre)
			pre = p;
	}
	size_t typed = (size_t)(end - start);
	if (k > 2 && pre < typed)
		m[0] = strndup(line + start, typed);
	else
		m[0] = strndup(m[1], k == 2 ? strlen(m[1]) : pre);
	if (!m[0]) {
		m[0] = strdup("");
		if (!m[0]) {
			for (int i = 1; i < k; i++)
				free(m[i]);
			free(m);
			return NULL;
		}
	}
	return m;
}

static char **attempt(const char *text, int start, int end)
{
	(void)text;
	rl_attempted_completion_over = 1; /* never fall back to file names */
	char **m = repl_matches(glue_lab, rl_line_buffer, start, end, rl_completion_quote_character);
	/* An option name ("lr=") wants its value next, not a space. */
	if (m && m[1] && !m[2]) {
		size_t n = strlen(m[0]);
		if (n && m[0][n - 1] == '=')
			rl_completion_suppress_append = 1;
	}
	return m;
}

int repl_readline_init(lab *lb)
{
	glue_lab = lb;
	rl_readline_name = "latentlab";
	rl_attempted_completion_function = attempt;
	/* Words end at blanks only: "lr=0.1" and "hr@10" are one word, and
	 * quoted names ("Iron Man") are found by their quotes. */
	rl_basic_word_break_characters = " \t\n";
	rl_completer_word_break_characters = " \t\n";
	rl_completer_quote_characters = "\"'";
	rl_completion_append_character = ' ';
	using_history();
	stifle_history(REPL_HISTORY_MAX);

	free(history_file);
	history_file = NULL;
	char *dir = paths_state_dir();
	if (!dir)
		return -1;
	size_t n = strlen(dir) + sizeof "/history";
	history_file = malloc(n);
	if (history_file)
		snprintf(history_file, n, "%s/history", dir);
	free(dir);
	if (!history_file)
		return -1;
	int rc = read_history(history_file);
	if (rc == ENOENT)
		rc = write_history(history_file); /* append_history needs the file */
	if (rc != 0) {
		free(history_file);
		history_file = NULL;
		return -1;
	}
	return 0;
}

void repl_history_add(const char *line)
{
	if (!line || !line[strspn(line, " \t")])
		return;
	HIST_ENTRY *prev = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
	if (prev && prev->line && strcmp(prev->line, line) == 0)
		return;
	add_history(line);
	if (history_file)
		append_history(1, history_file);
}

void repl_readline_done(void)
{
	if (history_file) {
		write_history(history_file);
		history_truncate_file(history_file, REPL_HISTORY_MAX);
	}
	free(history_file);
	history_file = NULL;
	glue_lab = NULL;
}

/* lesson_check.c: check a lesson or a command script without running it:
 * the format (already parsed), commands and their options and words as the
 * registry declares them, {{ }} expressions and their formats, and that the
 * dataset can be found. Nothing here touches a lab. */
#include <config.h>

#include "lab/lesson/lesson_impl.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/algo.h"
#include "engine/core/fileio.h"
#include "engine/core/lineread.h"
#include "engine/core/params.h"
#include "lab/dataset.h"
#include "lab/lab_impl.h"
#include "lab/parse.h"
#include "lab/paths.h"
#include "lab/registry.h"

/* MovieLens releases and generated data are not files of ours: they are
 * checked when the lesson runs (which says how to get MovieLens). */
static int external_dataset(const char *d)
{
	return strncmp(d, "ml-", 3) == 0 || strncmp(d, "synthetic", 9) == 0;
}

static int check_dataset(const lesson *l, ll_error *err)
{
	const char *d = l->dataset;
	if (strcmp(d, "none") == 0 || external_dataset(d))
		return 0;
	char *beside = lesson_dataset_beside(l);
	if (beside) {
		free(beside);
		return 0;
	}
	/* The words `load` knows (toy, toy-ko, movielens, ...) resolve the
	 * same way here. */
	ll_error quiet = { 0 };
	char *found = dataset_resolve(d, &quiet);
	if (found) {
		free(found);
		return 0;
	}
	return lesson_fail(l, l->dataset_line, err,
			   "dataset '%s' not found (not beside the lesson, nor in data/ of the search folders)", d);
}

/* The closest declared option of c within edit distance 2, or NULL. */
static const char *suggest_opt(const lab_cmd *c, const char *key)
{
	const char *best = NULL;
	int bd = 3;
	for (const lab_opt *o = c->opts; o && o->name; o++) {
		int d = ll_edit_distance(key, o->name);
		if (d < bd)
			bd = d, best = o->name;
	}
	return best;
}

/* A fixed word (show ratings|matrix) or an algorithm name: known? */
static int check_word(const lesson *l, int line, const lab_cmd *c, int kind, const char *word,
		      ll_error *err)
{
	const char *best = NULL;
	int bd = 3;
	if (kind == ARG_ALGO) {
		/* compare's variants name an algorithm before the colon (sgd:l1). */
		char head[64];
		const algo_alias *al;
		snprintf(head, sizeof head, "%.*s", (int)strcspn(word, ":"), word);
		if (algo_resolve(head, &al))
			return 0;
		int n;
		const algo *t = algo_table(&n);
		for (int i = 0; i < n; i++) {
			int d = ll_edit_distance(word, t[i].name);
			if (d < bd)
				bd = d, best = t[i].name;
		}
		return best ? lesson_fail(l, line, err, "%s: unknown algorithm '%s' (did you mean '%s'?)",
					  c->name, word, best)
			    : lesson_fail(l, line, err, "%s: unknown algorithm '%s'", c->name, word);
	}
	char cand[64];
	for (const char *p = c->words; p && *p;) {
		size_t n = strcspn(p, "|");
		if (n < sizeof cand) {
			memcpy(cand, p, n);
			cand[n] = '\0';
			if (strcmp(cand, word) == 0)
				return 0;
			int d = ll_edit_distance(word, cand);
			if (d < bd) {
				bd = d;
				best = c->words + (p - c->words);
			}
		}
		p += n + (p[n] == '|');
	}
	if (best)
		return lesson_fail(l, line, err, "%s: unknown word '%s' (did you mean '%.*s'?)", c->name,
				   word, (int)strcspn(best, "|"), best);
	return lesson_fail(l, line, err, "%s: unknown word '%s' (one of %s)", c->name, word, c->words);
}

/* A command line: it parses, the command exists, its options are declared
 * and it has as many words as it takes. Nothing runs. */
static int check_command(const lesson *l, const lesson_item *it, ll_error *err)
{
	lab_words w = { 0 };
	ll_error e = { "" };
	int col = 0;
	if (lab_parse(it->text, &w, &col, &e) < 0)
		return lesson_fail(l, it->line, err, "%s", e.msg);
	int rc = 0;
	if (w.n == 0) {
		rc = lesson_fail(l, it->line, err, "a command line holding only a comment");
		goto done;
	}
	const char *name = w.w[0].text;
	const lab_cmd *c = w.w[0].key ? NULL : lab_cmd_find(name);
	if (!c) {
		const char *s = lab_cmd_suggest(name);
		rc = s ? lesson_fail(l, it->line, err, "unknown command '%s' (did you mean '%s'?)", name, s)
		       : lesson_fail(l, it->line, err, "unknown command '%s' (see 'latentlab repl' and 'help')", name);
		goto done;
	}
	int npos = 0;
	for (int i = 1; i < w.n; i++) {
		if (!w.w[i].key) {
			int kind = c->args[npos < 4 ? npos : 3];
			npos++;
			if (((kind == ARG_FILE && lab_cmd_writes(c)) || kind == ARG_OUTFILE) &&
			    !lesson_plain_name(w.w[i].text)) {
				rc = lesson_fail(l, it->line, err, "%s: a lesson writes only into its scratch "
						 "folder: give a plain file name such as 'model.lab', not '%s'",
						 c->name, w.w[i].text);
				goto done;
			}
			if ((kind == ARG_ALGO || (kind == ARG_WORD && c->words)) &&
			    (c->max_args < 0 || npos <= c->max_args) &&
			    (rc = check_word(l, it->line, c, kind, w.w[i].text, err)) < 0)
				goto done;
			continue;
		}
		if (c->open_opts || lab_cmd_opt(c, w.w[i].key))
			continue;
		const char *s = suggest_opt(c, w.w[i].key);
		rc = s ? lesson_fail(l, it->line, err, "%s: unknown option '%s' (did you mean '%s'?)",
				     c->name, w.w[i].key, s)
		       : lesson_fail(l, it->line, err, "%s: unknown option '%s'", c->name, w.w[i].key);
		goto done;
	}
	if (npos < c->min_args)
		rc = lesson_fail(l, it->line, err, "%s: too few arguments (usage: %s %s)", c->name, c->name,
				 c->usage ? c->usage : "");
	else if (c->max_args >= 0 && npos > c->max_args)
		rc = lesson_fail(l, it->line, err, "%s: too many arguments (usage: %s %s)", c->name, c->name,
				 c->usage ? c->usage : "");
done:
	lab_words_clear(&w);
	return rc;
}

/* The '|' that starts a format: the last one outside quotes. */
static const char *format_bar(const char *e)
{
	const char *bar = NULL;
	char q = 0;
	for (const char *p = e; *p; p++) {
		if (q) {
			if (*p == '\\' && q == '"' && p[1])
				p++;
			else if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '|') {
			bar = p;
		}
	}
	return bar;
}

/* Each {{ }} of text: a well-formed format after '|', and an expression
 * the lab can evaluate: last.KEY, mean, or a known command with known
 * options (checked as a command line, without running it). */
static int check_expr_text(const lesson *l, int line, const char *text, ll_error *err)
{
	const char *s = text, *o, *c;
	int rc;
	while ((rc = lesson_next_expr(s, &o, &c)) == 1) {
		char *e = lesson_expr_text(o, c);
		if (!e)
			return lesson_fail(l, line, err, "out of memory");
		const char *bar = format_bar(e);
		if (bar) {
			const char *f = bar + 1;
			f += strspn(f, " \t");
			char probe[64];
			if (lab_format_num(probe, sizeof probe, f, 1.0) < 0) {
				lesson_fail(l, line, err,
					    "{{%s}}: bad format '%s' (one number conversion such as %%.2f or %%d, width and precision at most 20)",
					    e, f);
				free(e);
				return -1;
			}
			e[bar - e] = '\0';
			size_t n = strlen(e);
			while (n && isspace((unsigned char)e[n - 1]))
				e[--n] = '\0';
		}
		int bad = 0;
		if (!*e) {
			bad = lesson_fail(l, line, err, "empty expression '{{ }}'");
		} else if (strncmp(e, "last.", 5) != 0 && strcmp(e, "mean") != 0) {
			lesson_item it = { LESSON_COMMAND, line, e };
			ll_error ce = { "" };
			if (check_command(l, &it, &ce) < 0) {
				/* Keep the first line of the message: the source line
				 * follows it once, from this call. */
				char *nl = strchr(ce.msg, '\n');
				if (nl)
					*nl = '\0';
				const char *m = ce.msg;
				/* Drop check_command's "file:line: " prefix. */
				size_t pl = strlen(l->path);
				if (strncmp(m, l->path, pl) == 0 && m[pl] == ':') {
					m = strchr(m + pl + 1, ':');
					m = m ? m + 2 : ce.msg;
				}
				bad = lesson_fail(l, line, err, "{{%s}}: %s", e, m);
			}
		}
		free(e);
		if (bad < 0)
			return -1;
		s = c + 2;
	}
	if (rc < 0)
		return lesson_fail(l, line, err, "unclosed '{{'");
	return 0;
}

int lesson_check(const lesson *l, ll_error *err)
{
	if (check_dataset(l, err) < 0)
		return -1;
	for (int i = 0; i < l->n_steps; i++) {
		const lesson_step *st = &l->steps[i];
		for (int j = 0; j < st->n_items; j++) {
			const lesson_item *it = &st->items[j];
			if (it->kind == LESSON_PROSE && check_expr_text(l, it->line, it->text, err) < 0)
				return -1;
			if ((it->kind == LESSON_COMMAND || it->kind == LESSON_QUIET ||
			     it->kind == LESSON_FAILS || it->kind == LESSON_RATE) &&
			    check_command(l, it, err) < 0)
				return -1;
		}
		const lesson_quiz *q = st->quiz;
		if (!q)
			continue;
		if (check_expr_text(l, q->line, q->question, err) < 0)
			return -1;
		if (q->explanation && check_expr_text(l, q->explanation_line, q->explanation, err) < 0)
			return -1;
	}
	return 0;
}

int lesson_check_script(const char *path, ll_error *err)
{
	/* A regular file of bounded size: `check /dev/zero` is an error. */
	size_t len;
	char *text = ll_read_file(path, LL_LESSON_MAX, &len, err);
	if (!text)
		return -1;
	if (memchr(text, '\0', len)) {
		free(text);
		return ll_fail(err, "%s: not a text file (it holds NUL bytes)", path);
	}
	lesson l = { 0 };
	l.path = (char *)path;
	int cap = 0, rc = 0;
	for (char *s = text; *s && rc == 0;) {
		size_t n = strcspn(s, "\n");
		char *next = s + n + (s[n] == '\n');
		s[n] = '\0';
		while (n > 0 && s[n - 1] == '\r')
			s[--n] = '\0';
		if (l.n_lines == cap) {
			cap = cap ? 2 * cap : 64;
			char **nl = realloc(l.lines, (size_t)cap * sizeof *nl);
			if (!nl) {
				rc = ll_fail(err, "%s: out of memory", path);
				break;
			}
			l.lines = nl;
		}
		l.lines[l.n_lines++] = s;
		if (n > LL_LINE_MAX)
			rc = lesson_fail(&l, l.n_lines, err, "a line of %zu bytes (the limit is %zu)", n,
					 LL_LINE_MAX);
		s = next;
	}
	for (int i = 0; rc == 0 && i < l.n_lines; i++) {
		const char *s = l.lines[i] + strspn(l.lines[i], " \t");
		if (!*s || *s == '#')
			continue;
		lesson_item it = { LESSON_COMMAND, i + 1, s };
		rc = check_command(&l, &it, err);
	}
	free(l.lines);
	free(text);
	return rc;
}

/* lesson_play.c: play a lesson's steps on a lab, and check a lesson without
 * running it (see lesson.h).
 *
 * Playing step i always starts from a reset lab, the lesson's seed and its
 * dataset, then replays the commands of steps 0..i-1 silently: the same seed
 * gives the same numbers, so stepping back shows exactly what was shown. */
#include <config.h>

#include "lab/lesson_impl.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/algo.h"
#include "engine/params.h"
#include "lab/lab_impl.h"
#include "lab/parse.h"
#include "lab/paths.h"
#include "lab/registry.h"

/* ---- a growing string ---- */

typedef struct sbuf {
	char *s;
	size_t len, cap;
	int oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *t = realloc(b->s, cap);
		if (!t) {
			b->oom = 1;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* ---- expressions ---- */

/* Copy the inside of {{ }} without the blanks around it. */
static char *expr_text(const char *open, const char *close)
{
	const char *a = open + 2, *b = close;
	while (a < b && isspace((unsigned char)*a))
		a++;
	while (b > a && isspace((unsigned char)b[-1]))
		b--;
	return strndup(a, (size_t)(b - a));
}

int lesson_expand(lab *lb, const lesson *l, const char *text, int line, char **out, ll_error *err)
{
	sbuf b = { 0 };
	sb_str(&b, "");
	const char *s = text, *o, *c;
	int rc;
	while ((rc = lesson_next_expr(s, &o, &c)) == 1) {
		sb_add(&b, s, (size_t)(o - s));
		char *e = expr_text(o, c);
		char val[256];
		ll_error ee = { "" };
		if (!e || lab_expr(lb, e, val, sizeof val, &ee) < 0) {
			free(e);
			free(b.s);
			if (!ee.msg[0])
				return lesson_fail(l, line, err, "out of memory");
			/* Name the expression unless the lab's message does. */
			if (strncmp(ee.msg, "{{", 2) == 0)
				return lesson_fail(l, line, err, "%s", ee.msg);
			return lesson_fail(l, line, err, "{{%.*s}}: %s", (int)(c - o - 2), o + 2, ee.msg);
		}
		free(e);
		sb_str(&b, val);
		s = c + 2;
	}
	if (rc < 0) {
		free(b.s);
		return lesson_fail(l, line, err, "unclosed '{{'");
	}
	sb_str(&b, s);
	if (b.oom) {
		free(b.s);
		return lesson_fail(l, line, err, "out of memory");
	}
	*out = b.s;
	return 0;
}

/* A step's prose: lines of a paragraph joined by spaces, paragraphs by a
 * blank line, and a bullet ("- ", "* ") on a line of its own. */
static int step_prose(lab *lb, const lesson *l, const lesson_step *st, char **out, ll_error *err)
{
	sbuf b = { 0 };
	sb_str(&b, "");
	int prev = -1; /* kind of the previous prose-or-break item */
	for (int i = 0; i < st->n_items; i++) {
		const lesson_item *it = &st->items[i];
		if (it->kind == LESSON_BREAK) {
			if (prev == LESSON_PROSE)
				prev = LESSON_BREAK;
			continue;
		}
		if (it->kind != LESSON_PROSE)
			continue;
		char *x;
		if (lesson_expand(lb, l, it->text, it->line, &x, err) < 0) {
			free(b.s);
			return -1;
		}
		int bullet = (x[0] == '-' || x[0] == '*') && x[1] == ' ';
		if (prev == LESSON_BREAK)
			sb_str(&b, "\n\n");
		else if (prev == LESSON_PROSE)
			sb_str(&b, bullet ? "\n" : " ");
		sb_str(&b, x);
		free(x);
		prev = LESSON_PROSE;
	}
	if (b.oom) {
		free(b.s);
		return lesson_fail(l, st->line, err, "out of memory");
	}
	*out = b.s;
	return 0;
}

/* ---- running ---- */

static int run_command(lab *lb, const lesson *l, const lesson_item *it, view **views, ll_error *err)
{
	view *v = NULL;
	ll_error e = { "" };
	if (lab_exec(lb, it->text, &v, &e) < 0) {
		view_free(&v);
		return lesson_fail(l, it->line, err, "%s", e.msg);
	}
	if (views && it->kind == LESSON_COMMAND)
		view_append(views, v);
	else
		view_free(&v);
	return 0;
}

static int run_step(lab *lb, const lesson *l, int step, view **views, ll_error *err)
{
	const lesson_step *st = &l->steps[step];
	for (int i = 0; i < st->n_items; i++) {
		const lesson_item *it = &st->items[i];
		if (it->kind != LESSON_COMMAND && it->kind != LESSON_QUIET)
			continue;
		if (run_command(lb, l, it, views, err) < 0)
			return -1;
	}
	return 0;
}

/* The folder of the lesson file, for datasets named by a relative path. */
static char *lesson_dir(const lesson *l)
{
	const char *slash = strrchr(l->path, '/');
	return slash ? strndup(l->path, (size_t)(slash - l->path)) : strdup(".");
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* A dataset that is a path relative to the lesson: the path from here. */
static char *dataset_beside(const lesson *l)
{
	const char *d = l->dataset;
	if (d[0] == '/')
		return NULL;
	char *dir = lesson_dir(l);
	if (!dir)
		return NULL;
	size_t n = strlen(dir) + strlen(d) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, d);
	free(dir);
	if (p && !exists(p)) {
		free(p);
		return NULL;
	}
	return p;
}

static int start(lab *lb, const lesson *l, ll_error *err)
{
	lab_reset(lb);
	ll_error e = { "" };
	view *v = NULL;
	if (l->has_seed) {
		char cmd[64];
		snprintf(cmd, sizeof cmd, "seed %ld", l->seed);
		if (lab_exec(lb, cmd, &v, &e) < 0) {
			view_free(&v);
			return lesson_fail(l, l->seed_line, err, "%s", e.msg);
		}
		view_free(&v);
	}
	if (strcmp(l->dataset, "none") == 0)
		return 0;
	char *beside = dataset_beside(l);
	char *q = lab_quote(beside ? beside : l->dataset);
	free(beside);
	if (!q)
		return lesson_fail(l, l->dataset_line, err, "out of memory");
	size_t n = strlen(q) + sizeof "load ";
	char cmd[n];
	snprintf(cmd, n, "load %s", q);
	free(q);
	int rc = lab_exec(lb, cmd, &v, &e);
	view_free(&v);
	if (rc < 0)
		return lesson_fail(l, l->dataset_line, err, "%s", e.msg);
	return 0;
}

int lesson_play_next(lab *lb, const lesson *l, int step, char **prose, view **views, ll_error *err)
{
	*prose = NULL;
	*views = NULL;
	if (step < 0 || step >= l->n_steps)
		return ll_fail(err, "%s: no step %d (the lesson has %d)", l->path, step + 1, l->n_steps);
	view *v = NULL;
	if (run_step(lb, l, step, &v, err) < 0) {
		view_free(&v);
		return -1;
	}
	if (step_prose(lb, l, &l->steps[step], prose, err) < 0) {
		view_free(&v);
		return -1;
	}
	*views = v;
	return 0;
}

int lesson_play(lab *lb, const lesson *l, int step, char **prose, view **views, ll_error *err)
{
	*prose = NULL;
	*views = NULL;
	if (step < 0 || step >= l->n_steps)
		return ll_fail(err, "%s: no step %d (the lesson has %d)", l->path, step + 1, l->n_steps);
	if (start(lb, l, err) < 0)
		return -1;
	for (int i = 0; i < step; i++)
		if (run_step(lb, l, i, NULL, err) < 0)
			return -1;
	return lesson_play_next(lb, l, step, prose, views, err);
}

/* ---- checking ---- */

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
	char *beside = dataset_beside(l);
	if (beside) {
		free(beside);
		return 0;
	}
	if (d[0] == '/' && exists(d))
		return 0;
	size_t n = strlen(d) + sizeof "data/";
	char rel[n];
	snprintf(rel, n, "data/%s", d);
	char *found = paths_find(rel);
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
		if (algo_find(word))
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
		char *e = expr_text(o, c);
		if (!e)
			return lesson_fail(l, line, err, "out of memory");
		const char *bar = format_bar(e);
		if (bar) {
			const char *f = bar + 1;
			f += strspn(f, " \t");
			char probe[64];
			if (lab_format_num(probe, sizeof probe, f, 1.0) < 0) {
				lesson_fail(l, line, err,
					    "{{%s}}: bad format '%s' (one number conversion such as %%.2f or %%d)",
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
			if ((it->kind == LESSON_COMMAND || it->kind == LESSON_QUIET) && check_command(l, it, err) < 0)
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
	FILE *f = fopen(path, "r");
	if (!f)
		return ll_fail(err, "%s: %s", path, strerror(errno));
	lesson l = { 0 };
	l.path = (char *)path;
	int cap = 0, rc = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t n;
	while ((n = getline(&line, &lcap, f)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (l.n_lines == cap) {
			cap = cap ? 2 * cap : 64;
			char **nl = realloc(l.lines, (size_t)cap * sizeof *nl);
			if (!nl) {
				rc = ll_fail(err, "%s: out of memory", path);
				break;
			}
			l.lines = nl;
		}
		if (!(l.lines[l.n_lines] = strdup(line))) {
			rc = ll_fail(err, "%s: out of memory", path);
			break;
		}
		l.n_lines++;
	}
	free(line);
	fclose(f);
	for (int i = 0; rc == 0 && i < l.n_lines; i++) {
		const char *s = l.lines[i] + strspn(l.lines[i], " \t");
		if (!*s || *s == '#')
			continue;
		lesson_item it = { LESSON_COMMAND, i + 1, s };
		rc = check_command(&l, &it, err);
	}
	for (int i = 0; i < l.n_lines; i++)
		free(l.lines[i]);
	free(l.lines);
	return rc;
}

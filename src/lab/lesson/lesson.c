/* lesson.c: lessons once parsed: errors with the offending line,
 * expressions in text, accessors, and markup for plain-text output. Reading
 * and parsing a file is lesson_parse.c; both it, lesson_play.c and
 * lesson_check.c call down into this file. */
#include <config.h>

#include "lab/lesson/lesson_impl.h"

#include "engine/core/intl.h"
#include <errno.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lab/view/uwidth.h"

int lesson_fail(const lesson *l, int line, ll_error *err, const char *fmt, ...)
{
	if (!err)
		return -1;
	char msg[384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	const char *src = l && line >= 1 && line <= l->n_lines ? l->lines[line - 1] : NULL;
	const char *name = l && l->path ? l->path : "<lesson>";
	if (src && *src) {
		/* Quote at most ~100 columns of the line, never half a character. */
		size_t n = uw_fit(src, 100, NULL);
		snprintf(err->msg, sizeof err->msg, "%s:%d: %s\n  %.*s%s", name, line, msg,
			 (int)n, src, src[n] ? "..." : "");
	} else {
		snprintf(err->msg, sizeof err->msg, "%s:%d: %s", name, line, msg);
	}
	return -1;
}

int lesson_next_expr(const char *s, const char **open, const char **close)
{
	const char *o = strstr(s, "{{");
	if (!o)
		return 0;
	const char *c = strstr(o + 2, "}}");
	const char *o2 = strstr(o + 2, "{{");
	*open = o;
	*close = c;
	if (!c)
		return -1;
	if (o2 && o2 < c)
		return -1;
	return 1;
}

/* Copy the inside of {{ }} without the blanks around it. */
char *lesson_expr_text(const char *open, const char *close)
{
	const char *a = open + 2, *b = close;
	while (a < b && isspace((unsigned char)*a))
		a++;
	while (b > a && isspace((unsigned char)b[-1]))
		b--;
	return strndup(a, (size_t)(b - a));
}

/* The folder of the lesson file, for datasets named by a relative path. */
char *lesson_dir(const lesson *l)
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
char *lesson_dataset_beside(const lesson *l)
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

static void quiz_free(lesson_quiz *q)
{
	if (!q)
		return;
	free(q->question);
	for (int i = 0; i < q->n_choices; i++)
		free(q->choices[i]);
	free(q->choices);
	free(q->explanation);
	free(q);
}

void lesson_free(lesson **lp)
{
	if (!lp || !*lp)
		return;
	lesson *l = *lp;
	for (int i = 0; i < l->n_steps; i++) {
		lesson_step *s = &l->steps[i];
		free(s->heading);
		for (int j = 0; j < s->n_items; j++)
			free((char *)s->items[j].text);
		free(s->items);
		quiz_free(s->quiz);
	}
	free(l->steps);
	for (int i = 0; i < l->n_lines; i++)
		free(l->lines[i]);
	free(l->lines);
	free(l->path);
	free(l->title);
	free(l->summary);
	free(l->dataset);
	free(l->author);
	free(l);
	*lp = NULL;
}

/* ---- accessors ---- */

const char *lesson_title(const lesson *l) { return l->title; }
const char *lesson_summary(const lesson *l) { return l->summary ? l->summary : ""; }
const char *lesson_dataset(const lesson *l) { return l->dataset; }
const char *lesson_path(const lesson *l) { return l->path; }
int lesson_n_steps(const lesson *l) { return l->n_steps; }

static const lesson_step *step_at(const lesson *l, int step)
{
	return step >= 0 && step < l->n_steps ? &l->steps[step] : NULL;
}

const char *lesson_step_heading(const lesson *l, int step)
{
	const lesson_step *s = step_at(l, step);
	return s ? s->heading : NULL;
}

const lesson_quiz *lesson_step_quiz(const lesson *l, int step)
{
	const lesson_step *s = step_at(l, step);
	return s ? s->quiz : NULL;
}

int lesson_step_line(const lesson *l, int step)
{
	const lesson_step *s = step_at(l, step);
	return s ? s->line : 0;
}

int lesson_step_rates(const lesson *l, int step)
{
	const lesson_step *s = step_at(l, step);
	for (int i = 0; s && i < s->n_items; i++)
		if (s->items[i].kind == LESSON_RATE)
			return 1;
	return 0;
}

int lesson_step_n_items(const lesson *l, int step)
{
	const lesson_step *s = step_at(l, step);
	return s ? s->n_items : 0;
}

const lesson_item *lesson_step_item(const lesson *l, int step, int i)
{
	const lesson_step *s = step_at(l, step);
	return s && i >= 0 && i < s->n_items ? &s->items[i] : NULL;
}

int lesson_seed(const lesson *l, long *seed)
{
	if (l->has_seed && seed)
		*seed = l->seed;
	return l->has_seed;
}

/* ---- markup ---- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\0';
}

/* The closing marker of a span that opens at s[i]: `code` anywhere, *emph*
 * only around words ("5 * 3" stays as it is). Returns its index or -1. */
static long span_end(const char *s, size_t i)
{
	char m = s[i];
	if (m == '`') {
		const char *e = strchr(s + i + 1, '`');
		return e && e > s + i + 1 ? e - s : -1;
	}
	if (is_space(s[i + 1]) || s[i + 1] == '*' || (i > 0 && !is_space(s[i - 1]) && s[i - 1] != '(' &&
						   s[i - 1] != '"'))
		return -1;
	for (size_t j = i + 2; s[j] && s[j] != '\n'; j++)
		if (s[j] == '*' && !is_space(s[j - 1]))
			return (long)j;
	return -1;
}

char *lesson_plain(const char *text)
{
	size_t n = strlen(text);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n;) {
		if (text[i] == '`' || text[i] == '*') {
			long e = span_end(text, i);
			if (e > 0) {
				memcpy(o, text + i + 1, (size_t)e - i - 1);
				o += (size_t)e - i - 1;
				i = (size_t)e + 1;
				continue;
			}
		}
		*o++ = text[i++];
	}
	*o = '\0';
	return out;
}

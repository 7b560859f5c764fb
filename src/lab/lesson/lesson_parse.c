/* lesson_parse.c: parse lesson text (the format of latentlab-lesson(5)).
 *
 * A lesson is read line by line: `key: value` headers, then steps that start
 * at `## Heading`. Inside a step a line is a command (`$`, `$$`), a quiz
 * (`?` question, `+`/`-` choices, `>` explanation), a comment (`%`), a blank
 * line or prose. Every error names the file, the line and shows the line. */
#include <config.h>

#include "lab/lesson/lesson_impl.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/fileio.h"
#include "engine/core/params.h"

static const char *header_keys[] = { "title", "summary", "dataset", "seed", "author" };
#define N_HEADER_KEYS (int)(sizeof header_keys / sizeof header_keys[0])

/* ---- building the lesson ---- */

static lesson_step *cur_step(lesson *l)
{
	return l->n_steps ? &l->steps[l->n_steps - 1] : NULL;
}

static int add_step(lesson *l, const char *heading, int line)
{
	if (l->n_steps == l->cap_steps) {
		int cap = l->cap_steps ? 2 * l->cap_steps : 8;
		lesson_step *s = realloc(l->steps, (size_t)cap * sizeof *s);
		if (!s)
			return -1;
		l->steps = s;
		l->cap_steps = cap;
	}
	lesson_step *s = &l->steps[l->n_steps];
	memset(s, 0, sizeof *s);
	s->heading = strdup(heading);
	s->line = line;
	if (!s->heading)
		return -1;
	l->n_steps++;
	return 0;
}

static int add_item(lesson_step *s, lesson_item_kind kind, int line, const char *text)
{
	if (s->n_items == s->cap_items) {
		int cap = s->cap_items ? 2 * s->cap_items : 8;
		lesson_item *it = realloc(s->items, (size_t)cap * sizeof *it);
		if (!it)
			return -1;
		s->items = it;
		s->cap_items = cap;
	}
	char *t = strdup(text);
	if (!t)
		return -1;
	s->items[s->n_items++] = (lesson_item){ kind, line, t };
	return 0;
}

/* ---- line checks ---- */

/* 0 when s is valid UTF-8, else the byte offset + 1 of the first bad byte. */
static size_t bad_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; p[i];) {
		unsigned c = p[i];
		int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (!n || (n == 2 && c < 0xC2) || (c == 0xF4 && p[i + 1] > 0x8F) || c > 0xF4)
			return i + 1;
		for (int k = 1; k < n; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				return i + 1;
		if ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xF0 && p[i + 1] < 0x90) ||
		    (c == 0xED && p[i + 1] >= 0xA0))
			return i + 1; /* overlong or surrogate */
		i += (size_t)n;
	}
	return 0;
}

/* Check the {{ }} in one line of text: closed, not nested, not empty. */
static int check_exprs(const lesson *l, int line, const char *s, ll_error *err)
{
	const char *o, *c;
	int rc;
	while ((rc = lesson_next_expr(s, &o, &c)) != 0) {
		if (rc < 0)
			return c ? lesson_fail(l, line, err, "'{{' inside an expression (close the first with '}}')")
				 : lesson_fail(l, line, err, "unclosed '{{' (an expression ends with '}}' on the same line)");
		const char *p = o + 2;
		while (p < c && (*p == ' ' || *p == '\t'))
			p++;
		if (p == c || *p == '|')
			return lesson_fail(l, line, err, "empty expression '{{ }}'");
		s = c + 2;
	}
	return 0;
}

static int is_blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* A marker followed by a space or the end of the line: "$ x", "+ x", "?". */
static int marker(const char *s, const char *m)
{
	size_t n = strlen(m);
	return strncmp(s, m, n) == 0 && (s[n] == ' ' || s[n] == '\t' || s[n] == '\0');
}

static const char *after_marker(const char *s, size_t n)
{
	s += n;
	return s + strspn(s, " \t");
}

/* ---- the parser ---- */

typedef struct parser {
	lesson *l;
	ll_error *err;
	lesson_quiz *quiz;     /* the open quiz of the current step, or NULL */
	int quiz_answers;      /* '+' choices seen */
	int quiz_done;         /* explanation started: no more choices */
} parser;

static int close_quiz(parser *p)
{
	lesson_quiz *q = p->quiz;
	if (!q)
		return 0;
	p->quiz = NULL;
	if (q->n_choices < 2)
		return lesson_fail(p->l, q->line, p->err,
				   "a quiz needs at least two choices ('+ right' and '- wrong' lines)");
	if (p->quiz_answers == 0)
		return lesson_fail(p->l, q->line, p->err, "a quiz without a '+' answer");
	return 0;
}

static int append_text(char **dst, const char *text)
{
	size_t a = *dst ? strlen(*dst) : 0, b = strlen(text);
	char *s = realloc(*dst, a + b + 2);
	if (!s)
		return -1;
	if (a)
		s[a++] = ' ';
	memcpy(s + a, text, b + 1);
	*dst = s;
	return 0;
}

static int header_line(parser *p, int line, const char *s)
{
	lesson *l = p->l;
	size_t klen = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-");
	if (klen == 0 || s[klen] != ':') {
		if (s[0] == '$' || s[0] == '?' || s[0] == '+' || s[0] == '>')
			return lesson_fail(l, line, p->err,
					   "step without heading: a step starts with '## Heading'");
		return lesson_fail(l, line, p->err,
				   "step without heading: expected 'key: value' or '## Heading'");
	}
	char key[32];
	if (klen >= sizeof key)
		klen = sizeof key - 1;
	memcpy(key, s, klen);
	key[klen] = '\0';
	const char *value = s + klen + 1;
	value += strspn(value, " \t");
	int which = -1, best = -1, bd = 3;
	for (int i = 0; i < N_HEADER_KEYS; i++) {
		if (strcmp(key, header_keys[i]) == 0)
			which = i;
		int d = ll_edit_distance(key, header_keys[i]);
		if (d < bd)
			bd = d, best = i;
	}
	if (which < 0) {
		if (best >= 0)
			return lesson_fail(l, line, p->err, "unknown header key '%s' (did you mean '%s'?)",
					   key, header_keys[best]);
		return lesson_fail(l, line, p->err,
				   "unknown header key '%s' (known: title, summary, dataset, seed, author)", key);
	}
	if (*value == '\0')
		return lesson_fail(l, line, p->err, "empty value for '%s'", key);
	char **slot = NULL;
	switch (which) {
	case 0: slot = &l->title; l->title_line = line; break;
	case 1: slot = &l->summary; break;
	case 2: slot = &l->dataset; l->dataset_line = line; break;
	case 4: slot = &l->author; break;
	case 3: {
		if (l->has_seed)
			return lesson_fail(l, line, p->err, "duplicate header key 'seed'");
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < 0 || v > INT_MAX)
			return lesson_fail(l, line, p->err, "seed must be a whole number from 0 to %d, not '%s'",
					   INT_MAX, value);
		l->seed = v;
		l->has_seed = 1;
		l->seed_line = line;
		return 0;
	}
	}
	if (*slot)
		return lesson_fail(l, line, p->err, "duplicate header key '%s'", key);
	if (strstr(value, "{{"))
		return lesson_fail(l, line, p->err, "no {{ }} in the header: it is read before anything runs");
	*slot = strdup(value);
	return *slot ? 0 : -1;
}

static int quiz_line(parser *p, int line, const char *s)
{
	lesson *l = p->l;
	lesson_step *st = cur_step(l);
	if (s[0] == '?') {
		if (close_quiz(p) < 0)
			return -1;
		if (st->quiz)
			return lesson_fail(l, line, p->err, "a second quiz in one step (a step has at most one)");
		for (int i = 0; i < st->n_items; i++)
			if (st->items[i].kind == LESSON_RATE)
				return lesson_fail(l, line, p->err,
						   "a step that asks for ratings cannot also have a quiz");
		const char *q = after_marker(s, 1);
		if (!*q)
			return lesson_fail(l, line, p->err, "a quiz without a question");
		if (check_exprs(l, line, q, p->err) < 0)
			return -1;
		lesson_quiz *qz = calloc(1, sizeof *qz);
		if (!qz || !(qz->question = strdup(q))) {
			free(qz);
			return lesson_fail(l, line, p->err, "out of memory");
		}
		qz->line = line;
		qz->correct = -1;
		st->quiz = qz;
		p->quiz = qz;
		p->quiz_answers = 0;
		p->quiz_done = 0;
		return 0;
	}
	lesson_quiz *q = p->quiz;
	const char *text = after_marker(s, 1);
	if (s[0] == '>') {
		if (*text && check_exprs(l, line, text, p->err) < 0)
			return -1;
		if (!q->explanation_line)
			q->explanation_line = line;
		p->quiz_done = 1;
		if (!*text)
			return 0;
		return append_text(&q->explanation, text) < 0 ? lesson_fail(l, line, p->err, "out of memory") : 0;
	}
	/* '+' or '-' */
	if (p->quiz_done)
		return lesson_fail(l, line, p->err, "a choice after the explanation (put '>' lines last)");
	if (!*text)
		return lesson_fail(l, line, p->err, "an empty choice");
	if (strstr(text, "{{"))
		return lesson_fail(l, line, p->err, "no {{ }} in a choice (put numbers in the explanation)");
	if (s[0] == '+') {
		if (p->quiz_answers)
			return lesson_fail(l, line, p->err, "a second '+' answer (a quiz has exactly one)");
		p->quiz_answers++;
		q->correct = q->n_choices;
	}
	char **c = realloc(q->choices, (size_t)(q->n_choices + 1) * sizeof *c);
	if (!c)
		return lesson_fail(l, line, p->err, "out of memory");
	q->choices = c;
	if (!(c[q->n_choices] = strdup(text)))
		return lesson_fail(l, line, p->err, "out of memory");
	q->n_choices++;
	return 0;
}

/* "@ rate [n=N] [pool=N] [model=NAME]": the learner rates the movies the
 * engine picks (the lab's `ask` command runs with the options); the step's
 * commands come after it and play again after every answer, so they must
 * all follow it, and the keys a quiz would take are the rating's. */
static int rate_line(parser *p, int line, const char *rest)
{
	lesson *l = p->l;
	lesson_step *st = cur_step(l);
	if (strncmp(rest, "rate", 4) != 0 || (rest[4] && rest[4] != ' ' && rest[4] != '\t'))
		return lesson_fail(l, line, p->err, "'@' starts a rating step: '@ rate [n=N] [pool=N]'");
	for (int i = 0; i < st->n_items; i++) {
		lesson_item_kind k = st->items[i].kind;
		if (k == LESSON_RATE)
			return lesson_fail(l, line, p->err, "a second rating step in one step");
		if (k == LESSON_COMMAND || k == LESSON_QUIET || k == LESSON_FAILS)
			return lesson_fail(l, line, p->err, "'@ rate' comes before the step's commands "
					   "(they play again after every answer)");
	}
	if (st->quiz)
		return lesson_fail(l, line, p->err, "a step with a quiz cannot also ask for ratings");
	char cmd[512];
	if (snprintf(cmd, sizeof cmd, "ask%s", rest + 4) >= (int)sizeof cmd)
		return lesson_fail(l, line, p->err, "the '@ rate' line is too long");
	return add_item(st, LESSON_RATE, line, cmd);
}

static int step_line(parser *p, int line, const char *s)
{
	lesson *l = p->l;
	lesson_step *st = cur_step(l);
	if (is_blank(s)) {
		/* A blank line inside a quiz keeps it open; elsewhere it ends a
		 * paragraph (one break is enough, none at the start). */
		if (p->quiz)
			return 0;
		if (st->n_items && st->items[st->n_items - 1].kind != LESSON_BREAK)
			return add_item(st, LESSON_BREAK, line, "");
		return 0;
	}
	if (s[0] == '?' || (p->quiz && (marker(s, "+") || marker(s, "-") || marker(s, ">"))))
		return quiz_line(p, line, s);
	if (marker(s, ">"))
		return lesson_fail(l, line, p->err, "'>' explanation outside a quiz (start one with '? question')");
	if (close_quiz(p) < 0)
		return -1;
	if (marker(s, "$") || marker(s, "$$") || marker(s, "$!")) {
		/* "$!": a command expected to fail (its error is the scene). */
		int two = s[1] == '$' || s[1] == '!';
		lesson_item_kind kind = s[1] == '$' ? LESSON_QUIET : s[1] == '!' ? LESSON_FAILS
										 : LESSON_COMMAND;
		const char *cmd = after_marker(s, two ? 2 : 1);
		if (!*cmd)
			return lesson_fail(l, line, p->err, "an empty command after '%.*s'", two ? 2 : 1, s);
		return add_item(st, kind, line, cmd);
	}
	if (marker(s, "@"))
		return rate_line(p, line, after_marker(s, 1));
	if (s[0] == '@')
		return lesson_fail(l, line, p->err, "a rating step is '@ rate [n=N] [pool=N]'");
	if (s[0] == '$' && s[1] == '!')
		return lesson_fail(l, line, p->err, "a command expected to fail is '$! command'");
	if (s[0] == '$')
		return lesson_fail(l, line, p->err, "a command line is '$ command' or '$$ command'");
	if (s[0] == '#')
		return lesson_fail(l, line, p->err,
				   "a heading is '## Heading' (comments start with '%%')");
	if (check_exprs(l, line, s, p->err) < 0)
		return -1;
	return add_item(st, LESSON_PROSE, line, s);
}

/* Split text into lines (without '\n' or a trailing '\r'). */
static int split_lines(lesson *l, const char *text)
{
	int cap = 64;
	l->lines = malloc((size_t)cap * sizeof *l->lines);
	if (!l->lines)
		return -1;
	const char *s = text;
	while (*s) {
		size_t n = strcspn(s, "\n");
		size_t m = n;
		if (m && s[m - 1] == '\r')
			m--;
		if (l->n_lines == cap) {
			cap *= 2;
			char **nl = realloc(l->lines, (size_t)cap * sizeof *nl);
			if (!nl)
				return -1;
			l->lines = nl;
		}
		if (!(l->lines[l->n_lines] = strndup(s, m)))
			return -1;
		l->n_lines++;
		s += n + (s[n] == '\n');
	}
	return 0;
}

static int parse_lines(parser *p)
{
	lesson *l = p->l;
	for (int i = 0; i < l->n_lines; i++) {
		int line = i + 1;
		char *raw = l->lines[i];
		size_t bad = bad_utf8(raw);
		if (bad) {
			/* Do not echo the broken bytes. */
			snprintf(p->err->msg, sizeof p->err->msg, "%s:%d: invalid UTF-8 at byte %zu",
				 l->path, line, bad);
			return -1;
		}
		for (size_t k = 0; raw[k]; k++) {
			unsigned char ch = (unsigned char)raw[k];
			if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
				/* An escape sequence in prose would reach the terminal. */
				snprintf(p->err->msg, sizeof p->err->msg,
					 "%s:%d: a control character (byte 0x%02x) at byte %zu", l->path, line,
					 ch, k + 1);
				return -1;
			}
		}
		if (line == 1 && (unsigned char)raw[0] == 0xEF && (unsigned char)raw[1] == 0xBB &&
		    (unsigned char)raw[2] == 0xBF)
			memmove(raw, raw + 3, strlen(raw + 3) + 1); /* a BOM */
		/* Trim both ends, in place (the line is ours): markers may be
		 * indented, prose is re-wrapped. */
		char *buf = raw + strspn(raw, " \t");
		size_t n = strlen(buf);
		if (n > LL_LINE_MAX)
			return lesson_fail(l, line, p->err, "a line of %zu bytes (the limit is %zu)", n,
					   LL_LINE_MAX);
		while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
			n--;
		buf[n] = '\0';
		if (buf[0] == '%')
			continue;
		if (strncmp(buf, "##", 2) == 0 && buf[2] != '#') {
			if (l->n_steps && close_quiz(p) < 0)
				return -1;
			const char *h = buf + 2;
			h += strspn(h, " \t");
			if (!*h)
				return lesson_fail(l, line, p->err, "a step heading without a title ('## Title')");
			if (strstr(h, "{{"))
				return lesson_fail(l, line, p->err, "no {{ }} in a heading (put numbers in the prose)");
			if (add_step(l, h, line) < 0)
				return lesson_fail(l, line, p->err, "out of memory");
			continue;
		}
		int rc;
		if (!l->n_steps)
			rc = is_blank(buf) ? 0 : header_line(p, line, buf);
		else
			rc = step_line(p, line, buf);
		if (rc < 0)
			return -1;
	}
	if (l->n_steps && close_quiz(p) < 0)
		return -1;
	/* Drop a trailing paragraph break in each step. */
	for (int i = 0; i < l->n_steps; i++) {
		lesson_step *s = &l->steps[i];
		while (s->n_items && s->items[s->n_items - 1].kind == LESSON_BREAK)
			free((char *)s->items[--s->n_items].text);
	}
	if (!l->title)
		return lesson_fail(l, 1, p->err, "missing 'title:' header");
	if (!l->dataset)
		return lesson_fail(l, l->n_steps ? l->steps[0].line : 1, p->err,
				   "missing 'dataset:' header (a dataset name such as 'toy', or 'none')");
	if (!l->n_steps)
		return lesson_fail(l, l->n_lines ? l->n_lines : 1, p->err,
				   "a lesson without steps (a step starts with '## Heading')");
	return 0;
}

lesson *lesson_parse(const char *name, const char *text, ll_error *err)
{
	ll_error dummy;
	if (!err)
		err = &dummy;
	lesson *l = calloc(1, sizeof *l);
	if (!l || !(l->path = strdup(name ? name : "<lesson>")) || split_lines(l, text) < 0) {
		lesson_free(&l);
		ll_fail(err, "%s: out of memory", name ? name : "<lesson>");
		return NULL;
	}
	parser p = { .l = l, .err = err };
	if (parse_lines(&p) < 0) {
		lesson_free(&l);
		return NULL;
	}
	return l;
}

/* Read a lesson file whole (a regular file of at most LL_LESSON_MAX bytes),
 * then parse it. */
lesson *lesson_load(const char *path, ll_error *err)
{
	size_t len;
	char *text = ll_read_file(path, LL_LESSON_MAX, &len, err);
	if (!text)
		return NULL;
	if (memchr(text, '\0', len)) {
		free(text);
		ll_fail(err, "%s: not a text file (it holds NUL bytes)", path);
		return NULL;
	}
	lesson *l = lesson_parse(path, text, err);
	free(text);
	return l;
}

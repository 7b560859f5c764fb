/* prose.c: markup and wrapping of lesson prose (see prose.h), with no
 * curses, so the rules (*emphasis*, `code`, widths by display columns) are
 * unit-tested; scene_text.c draws the lines it makes. */
#include "tui/draw/prose.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"

/* A growing byte buffer with a style per byte. */
typedef struct sbuf {
	char *s;
	unsigned char *st;
	size_t n, cap;
} sbuf;

static int sb_put(sbuf *b, const char *s, size_t n, int style)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *s2 = realloc(b->s, cap);
		if (!s2)
			return -1;
		b->s = s2;
		unsigned char *t2 = realloc(b->st, cap);
		if (!t2)
			return -1;
		b->st = t2;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	memset(b->st + b->n, style, n);
	b->n += n;
	b->s[b->n] = 0;
	return 0;
}

static int keeps_break(const char *line)
{
	if (line[0] == ' ' || line[0] == '\t')
		return 1;
	if ((line[0] == '-' || line[0] == '*') && line[1] == ' ')
		return 1;
	const char *p = line;
	while (isdigit((unsigned char)*p))
		p++;
	return p > line && p[0] == '.' && p[1] == ' ';
}

static int opens_after(char c)
{
	return c == 0 || c == ' ' || c == '(' || c == '[' || c == '"' || c == '\'' || c == '\t';
}

/* Strip the markup of one paragraph into b. A marker only counts when its
 * partner follows, so "2 * 3" and a lone backtick stay literal. */
static int parse_markup(const char *p, size_t n, sbuf *b)
{
	int emph = 0;
	for (size_t i = 0; i < n;) {
		char c = p[i];
		if (c == '`') {
			const char *end = memchr(p + i + 1, '`', n - i - 1);
			if (end) {
				size_t len = (size_t)(end - (p + i + 1));
				if (sb_put(b, p + i + 1, len, PROSE_CODE))
					return -1;
				i += len + 2;
				continue;
			}
		} else if (c == '*') {
			size_t run = 1;
			while (i + run < n && p[i + run] == '*')
				run++;
			char prev = i ? p[i - 1] : 0, next = i + run < n ? p[i + run] : 0;
			if (emph && prev != ' ') {
				emph = 0;
				i += run;
				continue;
			}
			if (!emph && next && next != ' ' && opens_after(prev)) {
				/* a closing marker: a '*' after a non-space, later on */
				for (size_t j = i + run + 1; j < n; j++)
					if (p[j] == '*' && p[j - 1] != ' ') {
						emph = 1;
						break;
					}
				if (emph) {
					i += run;
					continue;
				}
			}
		}
		int st = emph ? PROSE_EMPH : PROSE_PLAIN;
		if (sb_put(b, p + i, 1, st))
			return -1;
		i++;
	}
	return 0;
}

static int add_line(prose *pr, const sbuf *b, size_t start, size_t len)
{
	prose_line *ls = realloc(pr->lines, (pr->n + 1) * sizeof *ls);
	if (!ls)
		return -1;
	pr->lines = ls;
	prose_line *l = &ls[pr->n];
	memset(l, 0, sizeof *l);
	l->text = malloc(len + 1);
	if (!l->text)
		return -1;
	pr->n++;
	memcpy(l->text, b->s + start, len);
	l->text[len] = 0;
	l->width = uw_width(l->text);
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && b->st[start + j] == b->st[start + i])
			j++;
		prose_run *r = realloc(l->runs, (l->n_runs + 1) * sizeof *r);
		if (!r)
			return -1;
		l->runs = r;
		r[l->n_runs++] = (prose_run){ b->st[start + i], (int)i, (int)(j - i) };
		i = j;
	}
	return 0;
}

/* Wrap one paragraph (markup still in) into lines. */
static int paragraph(prose *pr, const char *p, size_t n, int cols)
{
	sbuf b = { 0 };
	int rc = -1;
	if (sb_put(&b, "", 0, 0) || parse_markup(p, n, &b))
		goto out;
	int need = uw_wrap(b.s, cols, NULL, 0);
	uw_line *ls = calloc(need > 0 ? need : 1, sizeof *ls);
	if (!ls)
		goto out;
	uw_wrap(b.s, cols, ls, need);
	rc = 0;
	for (int i = 0; i < need && !rc; i++)
		rc = add_line(pr, &b, ls[i].start, ls[i].len);
	if (need == 0)
		rc = add_line(pr, &b, 0, 0);
	free(ls);
out:
	free(b.s);
	free(b.st);
	return rc;
}

prose *prose_wrap(const char *text, int cols)
{
	prose *pr = calloc(1, sizeof *pr);
	if (!pr)
		return NULL;
	if (cols < 1)
		cols = 1;
	/* Join source lines into paragraphs, then wrap each. */
	sbuf para = { 0 };
	int blank_pending = 0, rc = 0;
	const char *s = text ? text : "";
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
			len--;
		char *line = strndup(s, len);
		if (!line) {
			rc = -1;
			break;
		}
		int blank = len == 0;
		if ((blank || keeps_break(line)) && para.n) {
			rc = paragraph(pr, para.s, para.n, cols);
			para.n = 0;
		}
		if (!rc && !blank) {
			if (blank_pending && pr->n)
				rc = paragraph(pr, "", 0, cols);
			blank_pending = 0;
			const char *t = line;
			if (para.n) {
				while (*t == ' ' || *t == '\t')
					t++;
				rc = sb_put(&para, " ", 1, 0);
			}
			if (!rc)
				rc = sb_put(&para, t, strlen(t), 0);
		} else if (blank) {
			blank_pending = 1;
		}
		free(line);
		if (rc || !nl)
			break;
		s = nl + 1;
	}
	if (!rc && para.n)
		rc = paragraph(pr, para.s, para.n, cols);
	free(para.s);
	free(para.st);
	if (rc) {
		prose_free(&pr);
		return NULL;
	}
	return pr;
}

void prose_free(prose **p)
{
	if (!p || !*p)
		return;
	for (int i = 0; i < (*p)->n; i++) {
		free((*p)->lines[i].text);
		free((*p)->lines[i].runs);
	}
	free((*p)->lines);
	free(*p);
	*p = NULL;
}

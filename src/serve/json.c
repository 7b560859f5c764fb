/* json.c: the JSON writer and parser of json.h. */
#include <config.h>

#include "serve/json.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void js_buf_init(js_buf *b)
{
	b->s = NULL, b->len = b->cap = 0, b->oom = 0;
}

void js_buf_free(js_buf *b)
{
	free(b->s);
	js_buf_init(b);
}

static int grow(js_buf *b, size_t more)
{
	if (b->oom)
		return -1;
	if (b->len + more + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		b->oom = 1;
		return -1;
	}
	b->s = s, b->cap = cap;
	return 0;
}

void js_printf(js_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, (size_t)n) < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void js_str(js_buf *b, const char *s)
{
	if (grow(b, strlen(s) * 6 + 2) < 0)
		return;
	char *o = b->s + b->len;
	*o++ = '"';
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			*o++ = '\\', *o++ = (char)*p;
		else if (*p == '\n')
			*o++ = '\\', *o++ = 'n';
		else if (*p < 0x20)
			o += sprintf(o, "\\u%04x", *p);
		else
			*o++ = (char)*p;
	}
	*o++ = '"';
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

void js_num(js_buf *b, double x)
{
	if (!isfinite(x))
		js_printf(b, "null");
	else
		js_printf(b, "%.17g", x);
}

/* --- parsing -------------------------------------------------------------- */

typedef struct parser {
	const char *s, *end, *p;
	char *msg;
	size_t msg_size;
	int failed;
} parser;

static js_node *fail(parser *ps, const char *what)
{
	if (!ps->failed)
		snprintf(ps->msg, ps->msg_size, "%s at byte %ld", what, (long)(ps->p - ps->s));
	ps->failed = 1;
	return NULL;
}

static void ws(parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A string at ps->p (the opening quote), unescaped, UTF-8 out. */
static char *string(parser *ps)
{
	ps->p++;
	size_t cap = (size_t)(ps->end - ps->p) + 1;
	char *out = malloc(cap), *o = out;
	if (!out) {
		fail(ps, "out of memory");
		return NULL;
	}
	while (ps->p < ps->end && *ps->p != '"') {
		unsigned char c = (unsigned char)*ps->p++;
		if (c < 0x20) {
			free(out);
			fail(ps, "control character in a string");
			return NULL;
		}
		if (c != '\\') {
			*o++ = (char)c;
			continue;
		}
		if (ps->p >= ps->end)
			break;
		c = (unsigned char)*ps->p++;
		switch (c) {
		case '"': case '\\': case '/': *o++ = (char)c; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned cp = 0;
			for (int j = 0; j < 4; j++) {
				int h = ps->p < ps->end ? hexval(*ps->p++) : -1;
				if (h < 0) {
					free(out);
					fail(ps, "bad \\u escape");
					return NULL;
				}
				cp = cp * 16 + (unsigned)h;
			}
			if (cp >= 0xD800 && cp <= 0xDFFF)
				cp = 0xFFFD; /* surrogates: names here are not astral */
			if (cp == 0) {
				free(out);
				fail(ps, "\\u0000 in a string");
				return NULL;
			}
			if (cp < 0x80)
				*o++ = (char)cp;
			else if (cp < 0x800)
				*o++ = (char)(0xC0 | cp >> 6), *o++ = (char)(0x80 | (cp & 63));
			else
				*o++ = (char)(0xE0 | cp >> 12), *o++ = (char)(0x80 | ((cp >> 6) & 63)),
				*o++ = (char)(0x80 | (cp & 63));
			break;
		}
		default:
			free(out);
			fail(ps, "bad escape");
			return NULL;
		}
	}
	if (ps->p >= ps->end) {
		free(out);
		fail(ps, "unterminated string");
		return NULL;
	}
	ps->p++;
	*o = '\0';
	return out;
}

static js_node *value(parser *ps, int depth);

static js_node *node(parser *ps, js_type t)
{
	js_node *n = calloc(1, sizeof *n);
	if (!n)
		return fail(ps, "out of memory");
	n->type = t;
	return n;
}

static js_node *container(parser *ps, int depth, int obj)
{
	js_node *n = node(ps, obj ? JS_OBJ : JS_ARR), **tail;
	if (!n)
		return NULL;
	tail = &n->child;
	ps->p++;
	ws(ps);
	if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) {
		ps->p++;
		return n;
	}
	for (;;) {
		char *key = NULL;
		ws(ps);
		if (obj) {
			if (ps->p >= ps->end || *ps->p != '"')
				goto bad;
			if (!(key = string(ps)))
				goto bad;
			ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				free(key);
				goto bad;
			}
			ps->p++;
		}
		js_node *v = value(ps, depth + 1);
		if (!v) {
			free(key);
			goto bad;
		}
		v->key = key;
		*tail = v, tail = &v->next;
		n->n++;
		ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) {
			ps->p++;
			return n;
		}
		goto bad;
	}
bad:
	fail(ps, obj ? "bad object" : "bad array");
	js_free(&n);
	return NULL;
}

static js_node *value(parser *ps, int depth)
{
	if (depth > 32)
		return fail(ps, "nested too deep");
	ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end");
	char c = *ps->p;
	if (c == '{' || c == '[')
		return container(ps, depth, c == '{');
	if (c == '"') {
		js_node *n = node(ps, JS_STR);
		if (n && !(n->str = string(ps)))
			js_free(&n);
		return n;
	}
	static const struct { const char *w; js_type t; double v; } words[] = {
		{ "true", JS_BOOL, 1 }, { "false", JS_BOOL, 0 }, { "null", JS_NULL, 0 },
	};
	for (int j = 0; j < 3; j++) {
		size_t l = strlen(words[j].w);
		if ((size_t)(ps->end - ps->p) >= l && !memcmp(ps->p, words[j].w, l)) {
			ps->p += l;
			js_node *n = node(ps, words[j].t);
			if (n)
				n->num = words[j].v;
			return n;
		}
	}
	/* A number by the grammar: -? int frac? exp? */
	const char *q = ps->p;
	if (q < ps->end && *q == '-')
		q++;
	if (q >= ps->end || *q < '0' || *q > '9')
		return fail(ps, "unexpected character");
	if (*q == '0')
		q++;
	else
		while (q < ps->end && *q >= '0' && *q <= '9')
			q++;
	if (q < ps->end && *q == '.') {
		q++;
		if (q >= ps->end || *q < '0' || *q > '9')
			return fail(ps, "bad number");
		while (q < ps->end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < ps->end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < ps->end && (*q == '+' || *q == '-'))
			q++;
		if (q >= ps->end || *q < '0' || *q > '9')
			return fail(ps, "bad number");
		while (q < ps->end && *q >= '0' && *q <= '9')
			q++;
	}
	char tmp[64];
	size_t l = (size_t)(q - ps->p);
	if (l >= sizeof tmp)
		return fail(ps, "number too long");
	memcpy(tmp, ps->p, l);
	tmp[l] = '\0';
	js_node *n = node(ps, JS_NUM);
	if (n)
		n->num = strtod(tmp, NULL);
	ps->p = q;
	return n;
}

js_node *js_parse(const char *text, size_t len, char *msg, size_t msg_size)
{
	parser ps = { text, text + len, text, msg, msg_size, 0 };
	js_node *n = value(&ps, 0);
	if (!n)
		return NULL;
	ws(&ps);
	if (ps.p != ps.end) {
		fail(&ps, "text after the value");
		js_free(&n);
	}
	return n;
}

void js_free(js_node **pn)
{
	js_node *n = *pn;
	while (n) {
		js_node *next = n->next;
		js_free(&n->child);
		free(n->str), free(n->key);
		free(n);
		n = next;
	}
	*pn = NULL;
}

const js_node *js_get(const js_node *obj, const char *key)
{
	if (!obj || obj->type != JS_OBJ)
		return NULL;
	for (const js_node *c = obj->child; c; c = c->next)
		if (c->key && !strcmp(c->key, key))
			return c;
	return NULL;
}

/* cmd_print.c: print TEXT, its {{ }} expressions evaluated: what a lesson's
 * prose does, for scripts, batch runs and the REPL ("print the fold-in
 * gives {{foldin me | %.3f}}"). */
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/lab_impl.h"

/* The words joined by single spaces (the parser split the expressions'
 * words too: "{{predict", "Minsu", ...), or NULL. */
static char *joined(const lab_call *c)
{
	size_t n = 1;
	for (int i = 0; i < c->argc; i++)
		n += strlen(c->argv[i].text) + 1;
	char *s = malloc(n), *p = s;
	for (int i = 0; s && i < c->argc; i++) {
		size_t m = strlen(c->argv[i].text);
		if (i)
			*p++ = ' ';
		memcpy(p, c->argv[i].text, m);
		p += m;
	}
	if (s)
		*p = 0;
	return s;
}

static int run_print(lab_call *c, view **out, ll_error *err)
{
	char *text = joined(c);
	size_t cap = text ? strlen(text) + 256 : 0, len = 0;
	char *s = text ? malloc(cap) : NULL;
	if (!s) {
		free(text);
		return ll_fail(err, "out of memory");
	}
	int rc = 0;
	for (const char *p = text; rc == 0 && *p;) {
		const char *o = strstr(p, "{{"), *e = o ? strstr(o + 2, "}}") : NULL;
		size_t lit = o ? (size_t)(o - p) : strlen(p);
		char val[256] = "";
		char *expr = e ? strndup(o + 2, (size_t)(e - o - 2)) : NULL;
		if (o && !e)
			rc = ll_fail(err, "print: '{{' without '}}'");
		else if (o && !expr)
			rc = ll_fail(err, "out of memory");
		else if (o)
			rc = lab_expr(c->l, expr, val, sizeof val, err);
		free(expr);
		size_t need = len + lit + strlen(val) + 1;
		if (rc == 0 && need > cap) {
			char *t = realloc(s, cap = 2 * need);
			if (!t)
				rc = ll_fail(err, "out of memory");
			else
				s = t;
		}
		if (rc < 0)
			break;
		memcpy(s + len, p, lit);
		len += lit;
		memcpy(s + len, val, strlen(val));
		len += strlen(val);
		s[len] = 0;
		p = o ? e + 2 : p + lit;
	}
	free(text);
	if (rc == 0 && !(*out = view_pre(NULL, s)))
		rc = ll_fail(err, "out of memory");
	free(s);
	return rc;
}

const lab_cmd lab_cmds_print[] = {
	{ "print", "TEXT...", 1, -1, { 0 }, NULL, NULL, 0,
	  N_("print text with its {{ }} expressions evaluated"),
	  N_("print \"Minsu would give Avengers {{predict Minsu Avengers | %.2f}}\"\n"
	  "The words, joined by spaces, with every {{ }} evaluated as in a lesson's\n"
	  "prose: for scripts, batch runs and checking a number at the prompt."),
	  run_print },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

/* expr.c: {{ }} expressions of lesson prose: last.KEY, mean, or any command
 * whose result is a number, with an optional "| %.2f" format. Every number
 * comes from a command the engine ran; nothing here computes one. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab/lab_impl.h"

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* The last '|' outside quotes, or NULL. */
static char *format_bar(char *s)
{
	char q = 0, *bar = NULL;
	for (char *p = s; *p; p++) {
		if (q) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '|') {
			bar = p;
		}
	}
	return bar;
}

static int put_num(lab *l, const char *fmt, double v, char *buf, size_t size, const char *what,
		   ll_error *err)
{
	if (!isfinite(v))
		return ll_fail(err, "{{%s}} is not a finite number", what);
	if (lab_format_num(buf, size, fmt ? fmt : l->fmt, v) < 0)
		return ll_fail(err, "{{%s}}: bad format '%s' (one number conversion such as %%.2f, "
			       "%%g or %%d)", what, fmt ? fmt : l->fmt);
	return 0;
}

int lab_expr(lab *l, const char *expr, char *buf, size_t size, ll_error *err)
{
	if (size)
		buf[0] = '\0';
	char *copy = strdup(expr ? expr : "");
	if (!copy)
		return ll_fail(err, "out of memory");
	char *e = copy, *fmt = NULL, *bar = format_bar(e);
	if (bar) {
		*bar = '\0';
		fmt = trim(bar + 1);
		char probe[64];
		if (lab_format_num(probe, sizeof probe, fmt, 1.0) < 0) {
			ll_fail(err, "{{%s}}: after '|' comes a format with one number conversion "
				"such as %%.2f (width and precision at most 20), not '%s'", expr, fmt);
			free(copy);
			return -1;
		}
	}
	e = trim(e);
	int rc = 0;
	if (!*e) {
		rc = ll_fail(err, "empty {{ }} expression");
	} else if (strncmp(e, "last.", 5) == 0) {
		const lab_last *v = lab_last_get(l, e + 5);
		if (!v) {
			char keys[300] = "";
			size_t len = 0;
			for (int i = 0; i < l->n_last && len < sizeof keys; i++)
				len += (size_t)snprintf(keys + len, sizeof keys - len, "%s%s",
							i ? ", " : "", l->last[i].key);
			rc = len ? ll_fail(err, "{{%s}}: nothing has set %s yet (set so far: %s)", e, e, keys)
				 : ll_fail(err, "{{%s}}: nothing has set %s yet", e, e);
		} else if (v->str) {
			if (fmt)
				rc = ll_fail(err, "{{%s}} is a name, not a number: drop the format", e);
			else
				snprintf(buf, size, "%s", v->str);
		} else {
			rc = put_num(l, fmt, v->num, buf, size, e, err);
		}
	} else if (strcmp(e, "mean") == 0) {
		ratings *r = lab_data(l, err);
		rc = r ? put_num(l, fmt, ratings_mean(r), buf, size, e, err) : -1;
	} else {
		view *v = NULL;
		rc = lab_exec(l, e, &v, err);
		view_free(&v);
		if (rc == 0 && !l->has_result)
			rc = ll_fail(err, "{{%s}}: the command gives no number", e);
		if (rc == 0)
			rc = put_num(l, fmt, l->result, buf, size, e, err);
	}
	free(copy);
	return rc;
}

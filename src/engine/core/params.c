/* params.c: named options with aliases, typed getters and deferred errors. */
#include "engine/core/params.h"

#include "engine/core/intl.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct param {
	char *key, *value;
	bool used;
} param;

struct params {
	param *v;
	int n, cap;
	char *error;           /* first bad value, reported by params_finish */
	char **known;          /* every name a getter asked for, for suggestions */
	int n_known, cap_known;
	bool recording;        /* params_record: keep uses[] */
	params_use *uses;
	int n_uses, cap_uses;
};

params *params_new(void)
{
	return calloc(1, sizeof(params));
}

void params_free(params **pp)
{
	if (!pp || !*pp)
		return;
	params *p = *pp;
	for (int i = 0; i < p->n; i++)
		free(p->v[i].key), free(p->v[i].value);
	for (int i = 0; i < p->n_known; i++)
		free(p->known[i]);
	free(p->known);
	for (int i = 0; i < p->n_uses; i++)
		free((char *)p->uses[i].names), free((char *)p->uses[i].def),
			free((char *)p->uses[i].takes);
	free(p->uses);
	free(p->v);
	free(p->error);
	free(p);
	*pp = NULL;
}

params *params_clone(const params *p)
{
	params *c = params_new();
	for (int i = 0; c && i < p->n; i++)
		if (params_set(c, p->v[i].key, p->v[i].value) < 0)
			params_free(&c);
	return c;
}

int params_set(params *p, const char *key, const char *value)
{
	for (int i = 0; i < p->n; i++)
		if (strcmp(p->v[i].key, key) == 0) {
			char *v = strdup(value);
			if (!v)
				return -1;
			free(p->v[i].value);
			p->v[i].value = v;
			p->v[i].used = false;
			return 0;
		}
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 8;
		param *v = realloc(p->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n].key = strdup(key);
	p->v[p->n].value = strdup(value);
	p->v[p->n].used = false;
	if (!p->v[p->n].key || !p->v[p->n].value)
		return -1;
	p->n++;
	return 0;
}

int params_set_kv(params *p, const char *word, ll_error *err)
{
	const char *eq = strchr(word, '=');
	if (!eq || eq == word)
		return ll_fail(err, "expected key=value, got '%s'", word);
	char key[128];
	size_t n = (size_t)(eq - word);
	if (p->n >= PARAMS_MAX)
		return ll_fail(err, "more than %d options", PARAMS_MAX);
	if (n >= sizeof key)
		return ll_fail(err, "option name too long in '%s'", word);
	memcpy(key, word, n);
	key[n] = '\0';
	if (params_set(p, key, eq + 1) < 0)
		return ll_fail(err, "out of memory");
	return 0;
}

static void remember_names(params *p, const char *names)
{
	const char *s = names;
	while (*s) {
		size_t n = strcspn(s, "|");
		char *name = strndup(s, n);
		bool seen = false;
		for (int i = 0; name && i < p->n_known; i++)
			seen |= strcmp(p->known[i], name) == 0;
		if (name && !seen && p->n_known < 256) {
			if (p->n_known == p->cap_known) {
				int cap = p->cap_known ? p->cap_known * 2 : 16;
				char **k = realloc(p->known, (size_t)cap * sizeof *k);
				if (!k) {
					free(name);
					return;
				}
				p->known = k;
				p->cap_known = cap;
			}
			p->known[p->n_known++] = name;
		} else {
			free(name);
		}
		s += n;
		if (*s == '|')
			s++;
	}
}

void params_record(params *p) { p->recording = true; }
int params_recorded(const params *p) { return p->n_uses; }
const params_use *params_recorded_at(const params *p, int i) { return &p->uses[i]; }

/* Note an option read while recording (the first read of its names). A
 * failed allocation only leaves the option out of help. */
static void record(params *p, const char *names, const char *def, const char *takes)
{
	if (!p->recording)
		return;
	for (int i = 0; i < p->n_uses; i++)
		if (strcmp(p->uses[i].names, names) == 0)
			return;
	if (p->n_uses == p->cap_uses) {
		int cap = p->cap_uses ? 2 * p->cap_uses : 16;
		params_use *u = realloc(p->uses, (size_t)cap * sizeof *u);
		if (!u)
			return;
		p->uses = u;
		p->cap_uses = cap;
	}
	params_use u = { strdup(names), strdup(def), strdup(takes) };
	if (!u.names || !u.def || !u.takes) {
		free((char *)u.names), free((char *)u.def), free((char *)u.takes);
		return;
	}
	p->uses[p->n_uses++] = u;
}

/* The value for any of the names, marking it read. */
static const char *lookup(params *p, const char *names)
{
	remember_names(p, names);
	const char *found = NULL;
	for (int i = 0; i < p->n; i++) {
		const char *s = names;
		while (*s) {
			size_t n = strcspn(s, "|");
			if (strlen(p->v[i].key) == n && strncmp(p->v[i].key, s, n) == 0) {
				p->v[i].used = true;
				found = p->v[i].value; /* the last one set wins */
			}
			s += n;
			if (*s == '|')
				s++;
		}
	}
	return found;
}

static void bad_value(params *p, const char *names, const char *value, const char *want)
{
	if (p->error)
		return;
	char buf[256];
	/* TRANSLATORS: an option's name, the value given, what it takes ("a whole number"). */
	snprintf(buf, sizeof buf, _("bad value for %.*s: '%s' (expected %s)"),
		 (int)strcspn(names, "|"), names, value, want);
	p->error = strdup(buf);
}

void params_invalid(params *p, const char *fmt, ...)
{
	if (p->error)
		return;
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, _(fmt), ap);
	va_end(ap);
	p->error = strdup(buf);
}

double params_double(params *p, const char *names, double def)
{
	if (p->recording) {
		char d[32];
		snprintf(d, sizeof d, "%g", def);
		record(p, names, d, _("a number"));
	}
	const char *v = lookup(p, names);
	if (!v)
		return def;
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	if (end == v || *end || errno || !isfinite(d)) {
		bad_value(p, names, v, _("a number"));
		return def;
	}
	return d;
}

long params_long(params *p, const char *names, long def)
{
	return params_long_in(p, names, def, INT_MIN, INT_MAX);
}

long params_long_in(params *p, const char *names, long def, long lo, long hi)
{
	if (p->recording) {
		char d[32], t[96];
		snprintf(d, sizeof d, "%ld", def);
		if (lo == INT_MIN && hi == INT_MAX)
			snprintf(t, sizeof t, "%s", _("a whole number"));
		else
			snprintf(t, sizeof t, _("a whole number from %ld to %ld"), lo, hi);
		record(p, names, d, t);
	}
	const char *v = lookup(p, names);
	if (!v)
		return def;
	char *end;
	errno = 0;
	long l = strtol(v, &end, 10);
	if (end == v || *end) {
		bad_value(p, names, v, _("a whole number"));
		return def;
	}
	if (errno == ERANGE || l < lo || l > hi) {
		char want[96];
		snprintf(want, sizeof want, _("a whole number from %ld to %ld"), lo, hi);
		bad_value(p, names, v, want);
		return def;
	}
	return l;
}

bool params_bool(params *p, const char *names, bool def)
{
	record(p, names, def ? "true" : "false", _("true or false"));
	const char *v = lookup(p, names);
	if (!v)
		return def;
	if (!strcmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcasecmp(v, "on"))
		return true;
	if (!strcmp(v, "0") || !strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcasecmp(v, "off"))
		return false;
	bad_value(p, names, v, _("true or false"));
	return def;
}

const char *params_str(params *p, const char *names, const char *def)
{
	record(p, names, def ? def : "", "text");
	const char *v = lookup(p, names);
	return v ? v : def;
}

int params_choice(params *p, const char *names, const char *choices, int def)
{
	if (p->recording) {
		/* The default's word: the def-th of choices. */
		const char *s = choices;
		for (int i = 0; i < def && *s; i++)
			s += strcspn(s, "|") + (s[strcspn(s, "|")] == '|');
		char d[64];
		snprintf(d, sizeof d, "%.*s", def < 0 ? 0 : (int)strcspn(s, "|"), s);
		record(p, names, d, choices);
	}
	const char *v = lookup(p, names);
	if (!v)
		return def;
	int idx = 0;
	for (const char *s = choices; *s; idx++) {
		size_t n = strcspn(s, "|");
		if (strlen(v) == n && strncmp(v, s, n) == 0)
			return idx;
		s += n;
		if (*s == '|')
			s++;
	}
	char want[160];
	snprintf(want, sizeof want, "one of %s", choices);
	bad_value(p, names, v, want);
	return def;
}

int ll_edit_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > 64 || nb > 64)
		return 99;
	int d[65][65];
	for (size_t i = 0; i <= na; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			d[i][j] = c;
		}
	return d[na][nb];
}

int params_finish(const params *p, ll_error *err)
{
	if (p->error)
		return ll_fail(err, "%s", p->error);
	for (int i = 0; i < p->n; i++) {
		if (p->v[i].used)
			continue;
		const char *best = NULL;
		int bd = 3;
		for (int j = 0; j < p->n_known; j++) {
			int d = ll_edit_distance(p->v[i].key, p->known[j]);
			if (d < bd)
				bd = d, best = p->known[j];
		}
		if (best)
			return ll_fail(err, "unknown option '%s' (did you mean '%s'?)", p->v[i].key, best);
		return ll_fail(err, "unknown option '%s'", p->v[i].key);
	}
	return 0;
}

int params_count(const params *p) { return p->n; }
const char *params_key(const params *p, int i) { return p->v[i].key; }
const char *params_value(const params *p, int i) { return p->v[i].value; }

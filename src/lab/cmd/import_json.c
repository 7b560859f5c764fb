/* import_json.c: an array of flat objects, as `export -f json` writes
 * factors, biases and ids: strings, numbers and null, errors by line. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/fileio.h"
#include "engine/core/intl.h"
#include "lab/cmd/import_impl.h"

/* A JSON file is read whole: at most this many bytes. */
#define IMPORT_MAX_TEXT ((size_t)1 << 31)

typedef struct jcur {
	const char *p, *end, *path;
	long line;
	ll_error *err;
} jcur;

static void jws(jcur *c)
{
	for (; c->p < c->end; c->p++) {
		if (*c->p == '\n')
			c->line++;
		else if (*c->p != ' ' && *c->p != '\t' && *c->p != '\r')
			break;
	}
}

/* what: what was expected, marked N_() by the caller and translated here. */
static int jfail(jcur *c, const char *what)
{
	what = _(what);
	if (c->p >= c->end)
		return ll_fail(c->err, "%s:%ld: the file ends where %s was expected", c->path, c->line,
			       what);
	return ll_fail(c->err, "%s:%ld: '%c' where %s was expected", c->path, c->line, *c->p, what);
}

static int jhex(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char ch = p[i];
		v <<= 4;
		if (ch >= '0' && ch <= '9')
			v |= (unsigned)(ch - '0');
		else if ((ch | 32) >= 'a' && (ch | 32) <= 'f')
			v |= (unsigned)((ch | 32) - 'a' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* A string (c->p at its quote) into a new buffer, escapes decoded. */
static char *jstring(jcur *c)
{
	const char *p = c->p + 1;
	/* The decoded text is never longer than the quoted one. */
	const char *q = p;
	while (q < c->end && *q != '"')
		q += *q == '\\' && q + 1 < c->end ? 2 : 1;
	if (q >= c->end) {
		ll_fail(c->err, "%s:%ld: a string that does not end", c->path, c->line);
		return NULL;
	}
	char *s = malloc((size_t)(q - p) + 1), *o = s;
	if (!s) {
		ll_fail(c->err, "out of memory");
		return NULL;
	}
	while (p < q) {
		unsigned char ch = (unsigned char)*p;
		if (ch < 0x20) {
			ll_fail(c->err, "%s:%ld: a control character in a string", c->path, c->line);
			free(s);
			return NULL;
		}
		if (ch != '\\') {
			*o++ = *p++;
			continue;
		}
		char e = p[1];
		p += 2;
		const char *simple = strchr("\"\\/bfnrt", e);
		if (e && simple) {
			*o++ = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
			continue;
		}
		unsigned u, lo;
		if (e != 'u' || q - p < 4 || jhex(p, &u) < 0) {
			ll_fail(c->err, "%s:%ld: a bad escape in a string", c->path, c->line);
			free(s);
			return NULL;
		}
		p += 4;
		if (u >= 0xd800 && u < 0xdc00 && q - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
		    jhex(p + 2, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000) {
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			p += 6;
		} else if (u >= 0xd800 && u < 0xe000) {
			ll_fail(c->err, "%s:%ld: half a surrogate pair in a string", c->path, c->line);
			free(s);
			return NULL;
		}
		/* UTF-8; at most 4 bytes for the 6 or 12 of the escape. */
		if (u < 0x80) {
			*o++ = (char)u;
		} else if (u < 0x800) {
			*o++ = (char)(0xc0 | (u >> 6));
			*o++ = (char)(0x80 | (u & 0x3f));
		} else if (u < 0x10000) {
			*o++ = (char)(0xe0 | (u >> 12));
			*o++ = (char)(0x80 | ((u >> 6) & 0x3f));
			*o++ = (char)(0x80 | (u & 0x3f));
		} else {
			*o++ = (char)(0xf0 | (u >> 18));
			*o++ = (char)(0x80 | ((u >> 12) & 0x3f));
			*o++ = (char)(0x80 | ((u >> 6) & 0x3f));
			*o++ = (char)(0x80 | (u & 0x3f));
		}
	}
	*o = '\0';
	if ((size_t)(o - s) != strlen(s)) {
		ll_fail(c->err, "%s:%ld: a NUL character (\\u0000) in a string", c->path, c->line);
		free(s);
		return NULL;
	}
	c->p = q + 1;
	return s;
}

/* A value: a string (*str), a number (*num, *str its text), or null (both
 * NULL and *is_null). */
static int jvalue(jcur *c, char **str, double *num, int *is_number, int *is_null)
{
	*str = NULL, *is_number = 0, *is_null = 0;
	if (c->p < c->end && *c->p == '"') {
		*str = jstring(c);
		return *str ? 0 : -1;
	}
	if (c->end - c->p >= 4 && !memcmp(c->p, "null", 4)) {
		c->p += 4;
		*is_null = 1;
		return 0;
	}
	const char *s = c->p;
	while (c->p < c->end && strchr("+-.0123456789eE", *c->p))
		c->p++;
	if (c->p == s) {
		if (c->p < c->end && *c->p == '[')
			return ll_fail(c->err, "%s:%ld: a nested array (each row is one flat object)",
				       c->path, c->line);
		if (c->p < c->end && *c->p == '{')
			return ll_fail(c->err, "%s:%ld: a nested object (each row is one flat object)",
				       c->path, c->line);
		return jfail(c, N_("a string, a number or null"));
	}
	if (c->p - s > 64)
		return ll_fail(c->err, "%s:%ld: a number of more than 64 characters", c->path, c->line);
	*str = strndup(s, (size_t)(c->p - s));
	if (!*str)
		return ll_fail(c->err, "out of memory");
	int rc = import_parse_number(*str, num);
	if (rc < 0) {
		if (rc == -2)
			ll_fail(c->err, "%s:%ld: '%s' is not a finite number", c->path, c->line, *str);
		else
			ll_fail(c->err, "%s:%ld: '%s' is not a number", c->path, c->line, *str);
		free(*str);
		*str = NULL;
		return -1;
	}
	*is_number = 1;
	return 0;
}

/* One row of the array: an object's keys, by role. fv and seen (which f
 * numbers were given) are kept from row to row, grown as needed. */
typedef struct jrow {
	char *id, *title;
	long line;
	int nf, has_bias, has_index, fmax;
	double bias, index, *fv;
	unsigned char *seen;
} jrow;

/* Room for factor f (below IMPORT_MAX_K: import_role_of says so). */
static int jrow_room(jrow *r, int f, ll_error *err)
{
	while (f >= r->fmax) {
		int nm = r->fmax ? r->fmax * 2 : 64;
		nm = nm > IMPORT_MAX_K ? IMPORT_MAX_K : nm;
		double *nv = realloc(r->fv, (size_t)nm * sizeof *nv);
		if (nv)
			r->fv = nv;
		unsigned char *ns = nv ? realloc(r->seen, (size_t)nm) : NULL;
		if (!ns)
			return ll_fail(err, "out of memory");
		memset(ns + r->fmax, 0, (size_t)(nm - r->fmax));
		r->seen = ns, r->fmax = nm;
	}
	return 0;
}

/* "key": value, stored in r by the key's role. */
static int jrow_pair(jcur *c, import_kind kind, jrow *r)
{
	if (c->p >= c->end || *c->p != '"')
		return jfail(c, N_("a key in quotes"));
	char *key = jstring(c), *str = NULL;
	if (!key)
		return -1;
	jws(c);
	if (c->p >= c->end || *c->p != ':') {
		free(key);
		return jfail(c, "':'");
	}
	c->p++;
	jws(c);
	double num = 0;
	int is_num, is_null, f = 0, rc = 0;
	if (jvalue(c, &str, &num, &is_num, &is_null) < 0) {
		free(key);
		return -1;
	}
	const char *path = c->path;
	long ln = c->line;
	enum import_role role = import_role_of(key, kind, &f);
	if (role == R_UNKNOWN)
		rc = ll_fail(c->err, "%s:%ld: unknown key '%.40s' (the keys are %s)", path, ln, key,
			     import_expected(kind));
	else if (role == R_ID && (is_null || !*str))
		rc = ll_fail(c->err, "%s:%ld: no id (a row export wrote for an index the data "
			     "lacked?)", path, ln);
	else if (role == R_ID && r->id)
		rc = ll_fail(c->err, "%s:%ld: two ids in one row", path, ln);
	else if (role == R_ID)
		r->id = str, str = NULL;
	else if (role == R_TITLE && (is_num || r->title))
		rc = ll_fail(c->err, "%s:%ld: a title is one string", path, ln);
	else if (role == R_TITLE)
		r->title = str, str = NULL; /* NULL for null */
	else if (!is_num && is_null)
		rc = ll_fail(c->err, "%s:%ld: %s is null, not a number", path, ln, key);
	else if (!is_num)
		rc = ll_fail(c->err, "%s:%ld: %s is a string, not a number", path, ln, key);
	else if (role == R_INDEX)
		r->index = num, r->has_index = 1;
	else if (kind == IMPORT_BIASES)
		r->bias = num, r->has_bias = 1;
	else if (fabs(num) > FLT_MAX)
		rc = ll_fail(c->err, "%s:%ld: %s is %s, too large for a 32-bit float", path, ln, key,
			     str);
	else if (jrow_room(r, f, c->err) < 0)
		rc = -1;
	else if (r->seen[f]++)
		rc = ll_fail(c->err, "%s:%ld: two values of %s in one row", path, ln, key);
	else
		r->fv[f] = num, r->nf++;
	free(key);
	free(str);
	return rc;
}

/* An object, c->p at its '{'. */
static int jrow_read(jcur *c, import_kind kind, jrow *r)
{
	free(r->id), free(r->title);
	r->id = r->title = NULL;
	r->nf = r->has_bias = r->has_index = 0;
	if (r->fmax)
		memset(r->seen, 0, (size_t)r->fmax);
	r->line = c->line;
	c->p++;
	jws(c);
	for (int first = 1; c->p < c->end && *c->p != '}'; first = 0) {
		if (!first) {
			if (*c->p != ',')
				return jfail(c, N_("',' or '}'"));
			c->p++;
			jws(c);
		}
		if (jrow_pair(c, kind, r) < 0)
			return -1;
		jws(c);
	}
	if (c->p >= c->end)
		return jfail(c, "'}'");
	c->p++;
	jws(c);
	if (!r->id)
		return ll_fail(c->err, "%s:%ld: a row without an id", c->path, r->line);
	return 0;
}

/* The row into t: the global mean of biases aside; factors f0..f(k-1),
 * as many as the first row has (*k, -1 before it). */
static int jrow_keep(jcur *c, import_kind kind, jrow *r, import_table *t, int *k, int *cap)
{
	const char *path = c->path;
	long ln = r->line;
	if (kind == IMPORT_BIASES && !strcmp(r->id, "(global mean)")) {
		if (!r->has_bias)
			return ll_fail(c->err, "%s:%ld: the global mean has no bias", path, ln);
		if (t->has_mean++)
			return ll_fail(c->err, "%s:%ld: a second global mean", path, ln);
		t->mean = r->bias;
		return 0;
	}
	if (r->has_index && r->index != t->n)
		return ll_fail(c->err, "%s:%ld: index %g where %d was expected (rows in index order)",
			       path, ln, r->index, t->n);
	if (kind == IMPORT_BIASES && !r->has_bias)
		return ll_fail(c->err, "%s:%ld: no bias", path, ln);
	if (kind == IMPORT_FACTORS && *k < 0) {
		if (r->nf == 0)
			return ll_fail(c->err, "%s:%ld: no factors (keys f0, f1, ...)", path, ln);
		for (int f = 0; f < r->nf; f++)
			if (!r->seen[f])
				return ll_fail(c->err, "%s:%ld: f%d is missing (the keys are f0 to f%d)",
					       path, ln, f, r->nf - 1);
		*k = r->nf;
	}
	int n = kind == IMPORT_FACTORS ? *k : kind == IMPORT_BIASES ? 1 : 0;
	int same = kind != IMPORT_FACTORS || r->nf == n;
	for (int f = 0; same && kind == IMPORT_FACTORS && f < n; f++)
		same = r->seen[f]; /* f0..f(k-1), and no other */
	if (!same)
		return ll_fail(c->err, "%s:%ld: other factors where the first row has %d (f0 to f%d)",
			       path, ln, n, n - 1);
	t->k = n;
	if (import_grow(t, cap, n, path, c->err) < 0)
		return -1;
	for (int f = 0; f < n; f++)
		t->v[(size_t)t->n * (size_t)n + (size_t)f] =
			(float)(kind == IMPORT_BIASES ? r->bias : r->fv[f]);
	t->ids[t->n] = r->id;
	t->titles[t->n] = r->title && *r->title ? r->title : NULL;
	if (r->title && !*r->title)
		free(r->title);
	t->lines[t->n] = ln;
	r->id = r->title = NULL;
	t->n++;
	return 0;
}

int import_read_json(const char *path, import_kind kind, import_table *t, ll_error *err)
{
	size_t size;
	char *text = ll_read_file(path, IMPORT_MAX_TEXT, &size, err);
	if (!text)
		return -1;
	jcur c = { text, text + size, path, 1, err };
	jrow r;
	memset(&r, 0, sizeof r);
	int rc = 0, cap = 0, k = -1;
	jws(&c);
	if (c.p >= c.end || *c.p != '[')
		rc = jfail(&c, N_("'[' (an array of objects, as export writes)"));
	else
		c.p++, jws(&c);
	for (int first = 1; rc == 0 && c.p < c.end && *c.p != ']'; first = 0) {
		if (!first) {
			if (*c.p != ',') {
				rc = jfail(&c, N_("',' or ']'"));
				break;
			}
			c.p++;
			jws(&c);
		}
		if (c.p >= c.end || *c.p != '{')
			rc = jfail(&c, N_("'{' (a row)"));
		else
			rc = jrow_read(&c, kind, &r) < 0 || jrow_keep(&c, kind, &r, t, &k, &cap) < 0 ? -1 : 0;
	}
	if (rc == 0 && c.p >= c.end)
		rc = jfail(&c, "']'");
	if (rc == 0) {
		c.p++;
		jws(&c);
		if (c.p < c.end)
			rc = ll_fail(err, "%s:%ld: text after the array", path, c.line);
	}
	if (rc == 0 && kind == IMPORT_FACTORS && k < 0)
		rc = ll_fail(err, "%s: an empty array (no factors)", path);
	free(r.id), free(r.title), free(r.fv), free(r.seen);
	free(text);
	return rc;
}

/* import_read.c: one file of factors, biases or ids, as `export` writes it
 * (CSV, JSON, NumPy .npy), into a table (see cmd_import.h). Every size is
 * bounded before memory is taken for it, and every error names the file
 * and line. */
#include "lab/cmd/cmd_import.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/core/fileio.h"
#include "engine/core/lineread.h"

/* A JSON file is read whole: at most this many bytes. */
#define IMPORT_MAX_TEXT ((size_t)1 << 31)

void import_table_free(import_table *t)
{
	for (int i = 0; t->ids && i < t->n; i++)
		free(t->ids[i]);
	for (int i = 0; t->titles && i < t->n; i++)
		free(t->titles[i]);
	free(t->ids), free(t->titles), free(t->lines), free(t->v);
	memset(t, 0, sizeof *t);
}

/* --- numbers and rows ------------------------------------------------------------ */

/* A decimal number, the same in every locale and correctly rounded (the
 * global mean must come back as the bits it was written from): the syntax
 * checked by the loaders' parser, the value by strtod in the C locale.
 * 0, -1 not a number, -2 NaN or infinite. */
static int parse_number(const char *s, double *out)
{
	double quick;
	int rc = lr_parse_double(s, &quick);
	if (rc < 0)
		return rc;
	static locale_t c_locale;
	if (!c_locale)
		c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (!c_locale) {
		*out = quick;
		return 0;
	}
	locale_t old = uselocale(c_locale);
	*out = strtod(s, NULL);
	uselocale(old);
	return isfinite(*out) ? 0 : -2;
}

static int number_error(const char *path, long line, const char *col, const char *s, int rc,
			ll_error *err)
{
	if (!*s)
		return ll_fail(err, "%s:%ld: no value in column %s", path, line, col);
	if (rc == -2)
		return ll_fail(err, "%s:%ld: %s is '%.40s', not a finite number", path, line, col, s);
	return ll_fail(err, "%s:%ld: %s is '%.40s', not a number", path, line, col, s);
}

/* Room for one more row of k numbers. */
static int grow(import_table *t, int *cap, int k, const char *path, ll_error *err)
{
	if (t->n < *cap)
		return 0;
	if (t->n >= IMPORT_MAX_ROWS || ((double)t->n + 1) * (k ? k : 1) * sizeof(float) > IMPORT_MAX_BYTES)
		return ll_fail(err, "%s: more than %d rows or %.0f GB of numbers", path,
			       IMPORT_MAX_ROWS, IMPORT_MAX_BYTES / 1e9);
	int nc = *cap ? (*cap > IMPORT_MAX_ROWS / 2 ? IMPORT_MAX_ROWS : *cap * 2) : 256;
	char **ids = realloc(t->ids, (size_t)nc * sizeof *ids);
	if (ids)
		t->ids = ids;
	char **titles = ids ? realloc(t->titles, (size_t)nc * sizeof *titles) : NULL;
	if (titles)
		t->titles = titles;
	long *lines = titles ? realloc(t->lines, (size_t)nc * sizeof *lines) : NULL;
	if (lines)
		t->lines = lines;
	float *v = lines ? realloc(t->v, (size_t)nc * (size_t)(k ? k : 1) * sizeof *v) : NULL;
	if (!v)
		return ll_fail(err, "out of memory reading %s", path);
	t->v = v;
	*cap = nc;
	return 0;
}

/* What a column (a CSV header's name, a JSON key) is. */
enum role { R_UNKNOWN, R_INDEX, R_ID, R_TITLE, R_NUMBER };

static enum role role_of(const char *name, import_kind kind, int *num)
{
	static const char *const id_names[] = { "id", "user", "item", "user_id", "item_id",
						"userId", "movieId" };
	for (size_t i = 0; i < sizeof id_names / sizeof *id_names; i++)
		if (!strcasecmp(name, id_names[i]))
			return R_ID;
	if (!strcmp(name, "index"))
		return R_INDEX;
	if (!strcmp(name, "title"))
		return R_TITLE;
	if (kind == IMPORT_BIASES && !strcmp(name, "bias")) {
		*num = 0;
		return R_NUMBER;
	}
	if (kind == IMPORT_FACTORS && name[0] == 'f' && name[1] >= '0' && name[1] <= '9' &&
	    (name[1] != '0' || !name[2]) && strlen(name) <= 6) {
		char *end;
		long f = strtol(name + 1, &end, 10);
		if (!*end && f < IMPORT_MAX_K) {
			*num = (int)f;
			return R_NUMBER;
		}
	}
	return R_UNKNOWN;
}

static const char *expected(import_kind kind)
{
	return kind == IMPORT_FACTORS ? "id, title and f0, f1, ..."
	     : kind == IMPORT_BIASES ? "id and bias" : "index, id and title";
}

/* The text fields of a row. */
typedef struct row {
	const char *id, *title, *index_text;
	int has_index; /* 1, or -1 when the index is not a number */
	long index;
} row;

/* --- CSV ----------------------------------------------------------------------------- */

static int read_csv(const char *path, import_kind kind, import_table *t, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	int maxf = IMPORT_MAX_K + 8, nc = 0, cap = 0, rc = 0, k = 0;
	char **f = malloc((size_t)maxf * sizeof *f);
	int *role = malloc((size_t)maxf * sizeof *role), *num = malloc((size_t)maxf * sizeof *num);
	if (!f || !role || !num) {
		rc = ll_fail(err, "out of memory");
		goto done;
	}
	char *line;
	size_t len;
	int got, header = 1;
	while (rc == 0 && (got = lineread_next(lr, &line, &len, err)) > 0) {
		long ln = lineread_lineno(lr);
		if (header && !strncmp(line, "\xef\xbb\xbf", 3))
			line += 3; /* a spreadsheet's byte order mark */
		if (!line[strspn(line, " \t")])
			continue;
		int n = lr_split_csv(line, ',', f, maxf);
		if (n < 0) {
			rc = ll_fail(err, "%s:%ld: a quote that does not end", path, ln);
			break;
		}
		if (n > maxf) {
			rc = ll_fail(err, "%s:%ld: more than %d columns", path, ln, maxf);
			break;
		}
		if (header) {
			/* The header's names say what each column is. */
			int has_id = 0, has_title = 0, has_index = 0;
			for (int c = 0; c < n && rc == 0; c++) {
				role[c] = role_of(f[c], kind, &num[c]);
				if (role[c] == R_UNKNOWN)
					rc = ll_fail(err, "%s:%ld: unknown column '%.40s' (the columns are %s, "
						     "with a header as export writes them)", path, ln, f[c],
						     expected(kind));
				else if (role[c] == R_NUMBER && num[c] != k)
					rc = ll_fail(err, "%s:%ld: column '%s' where f%d was expected", path,
						     ln, f[c], k);
				else if ((role[c] == R_ID && has_id++) ||
					 (role[c] == R_TITLE && has_title++) ||
					 (role[c] == R_INDEX && has_index++))
					rc = ll_fail(err, "%s:%ld: two columns named '%s'", path, ln, f[c]);
				k += role[c] == R_NUMBER;
			}
			if (rc == 0 && !has_id)
				rc = ll_fail(err, "%s:%ld: no id column (the columns are %s)", path, ln,
					     expected(kind));
			else if (rc == 0 && kind != IMPORT_IDS && k == 0)
				rc = ll_fail(err, "%s:%ld: no %s column (the columns are %s)", path, ln,
					     kind == IMPORT_BIASES ? "bias" : "f0", expected(kind));
			nc = n, header = 0;
			t->k = k;
			continue;
		}
		if (n != nc) {
			rc = ll_fail(err, "%s:%ld: %d fields where the header has %d", path, ln, n, nc);
			break;
		}
		row r = { NULL, NULL, NULL, 0, 0 };
		for (int c = 0; c < n; c++) {
			if (role[c] == R_ID)
				r.id = f[c];
			else if (role[c] == R_TITLE)
				r.title = f[c];
			else if (role[c] == R_INDEX)
				r.index_text = f[c],
				r.has_index = lr_parse_long(f[c], &r.index) == 0 ? 1 : -1;
		}
		if (!*r.id) {
			rc = ll_fail(err, "%s:%ld: no id (a row export wrote for an index the data "
				     "lacked?)", path, ln);
			break;
		}
		if (kind == IMPORT_BIASES && !strcmp(r.id, "(global mean)")) {
			int c = 0;
			while (role[c] != R_NUMBER)
				c++;
			int prc = parse_number(f[c], &t->mean);
			if (prc < 0)
				rc = number_error(path, ln, "bias", f[c], prc, err);
			else if (t->has_mean++)
				rc = ll_fail(err, "%s:%ld: a second global mean", path, ln);
			continue;
		}
		if (r.has_index && (r.has_index < 0 || r.index != t->n)) {
			rc = ll_fail(err, "%s:%ld: index '%.20s' where %d was expected (rows in index "
				     "order)", path, ln, r.index_text, t->n);
			break;
		}
		if ((rc = grow(t, &cap, k, path, err)) < 0)
			break;
		float *v = t->v + (size_t)t->n * (size_t)k;
		for (int c = 0; c < n && rc == 0; c++) {
			if (role[c] != R_NUMBER)
				continue;
			double d;
			int prc = parse_number(f[c], &d);
			char col[16];
			snprintf(col, sizeof col, kind == IMPORT_BIASES ? "bias" : "f%d", num[c]);
			if (prc < 0)
				rc = number_error(path, ln, col, f[c], prc, err);
			else if (fabs(d) > FLT_MAX)
				rc = ll_fail(err, "%s:%ld: %s is %.40s, too large for a 32-bit float", path,
					     ln, col, f[c]);
			else
				v[num[c]] = (float)d;
		}
		if (rc < 0)
			break;
		t->ids[t->n] = strdup(r.id);
		t->titles[t->n] = r.title && *r.title ? strdup(r.title) : NULL;
		t->lines[t->n] = ln;
		if (!t->ids[t->n] || (r.title && *r.title && !t->titles[t->n])) {
			free(t->ids[t->n]), free(t->titles[t->n]);
			rc = ll_fail(err, "out of memory");
			break;
		}
		t->n++;
	}
	if (rc == 0 && got < 0)
		rc = -1; /* lineread's message: path:line: reason */
	if (rc == 0 && header)
		rc = ll_fail(err, "%s: empty (a header naming the columns, %s, then a row per id)",
			     path, expected(kind));
done:
	free(f), free(role), free(num);
	lineread_close(&lr);
	return rc;
}

/* --- JSON ------------------------------------------------------------------------------ */

/* An array of flat objects, as export writes: strings, numbers and null. */
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

static int jfail(jcur *c, const char *what)
{
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
		if (c->p < c->end && (*c->p == '[' || *c->p == '{'))
			return ll_fail(c->err, "%s:%ld: a nested %s (each row is one flat object)",
				       c->path, c->line, *c->p == '[' ? "array" : "object");
		return jfail(c, "a string, a number or null");
	}
	if (c->p - s > 64)
		return ll_fail(c->err, "%s:%ld: a number of more than 64 characters", c->path, c->line);
	*str = strndup(s, (size_t)(c->p - s));
	if (!*str)
		return ll_fail(c->err, "out of memory");
	int rc = parse_number(*str, num);
	if (rc < 0) {
		ll_fail(c->err, "%s:%ld: '%s' is %s", c->path, c->line, *str,
			rc == -2 ? "not a finite number" : "not a number");
		free(*str);
		*str = NULL;
		return -1;
	}
	*is_number = 1;
	return 0;
}

static int read_json(const char *path, import_kind kind, import_table *t, ll_error *err)
{
	size_t size;
	char *text = ll_read_file(path, IMPORT_MAX_TEXT, &size, err);
	if (!text)
		return -1;
	jcur c = { text, text + size, path, 1, err };
	int rc = 0, cap = 0, k = -1, fmax = 64;
	double *fv = malloc((size_t)fmax * sizeof *fv);
	unsigned char *seen = calloc((size_t)fmax, 1);
	char *id = NULL, *title = NULL;
	if (!fv || !seen) {
		rc = ll_fail(err, "out of memory");
		goto done;
	}
	jws(&c);
	if (c.p >= c.end || *c.p != '[') {
		rc = jfail(&c, "'[' (an array of objects, as export writes)");
		goto done;
	}
	c.p++;
	jws(&c);
	int first = 1;
	while (rc == 0 && c.p < c.end && *c.p != ']') {
		if (!first) {
			if (*c.p != ',') {
				rc = jfail(&c, "',' or ']'");
				break;
			}
			c.p++;
			jws(&c);
		}
		first = 0;
		if (c.p >= c.end || *c.p != '{') {
			rc = jfail(&c, "'{' (a row)");
			break;
		}
		long ln = c.line;
		c.p++;
		jws(&c);
		memset(seen, 0, (size_t)fmax);
		int nf = 0, has_bias = 0, has_index = 0;
		double bias = 0, index = 0;
		free(id), free(title);
		id = title = NULL;
		int kfirst = 1;
		while (rc == 0 && c.p < c.end && *c.p != '}') {
			if (!kfirst) {
				if (*c.p != ',') {
					rc = jfail(&c, "',' or '}'");
					break;
				}
				c.p++;
				jws(&c);
			}
			kfirst = 0;
			if (c.p >= c.end || *c.p != '"') {
				rc = jfail(&c, "a key in quotes");
				break;
			}
			char *key = jstring(&c);
			if (!key) {
				rc = -1;
				break;
			}
			jws(&c);
			if (c.p >= c.end || *c.p != ':') {
				free(key);
				rc = jfail(&c, "':'");
				break;
			}
			c.p++;
			jws(&c);
			char *str;
			double num = 0;
			int is_num, is_null, fnum = 0;
			if (jvalue(&c, &str, &num, &is_num, &is_null) < 0) {
				free(key);
				rc = -1;
				break;
			}
			enum role r = role_of(key, kind, &fnum);
			if (r == R_UNKNOWN)
				rc = ll_fail(err, "%s:%ld: unknown key '%.40s' (the keys are %s)", path,
					     c.line, key, expected(kind));
			else if (r == R_ID && (is_null || !str || !*str))
				rc = ll_fail(err, "%s:%ld: no id (a row export wrote for an index the "
					     "data lacked?)", path, c.line);
			else if (r == R_ID && id)
				rc = ll_fail(err, "%s:%ld: two ids in one row", path, c.line);
			else if (r == R_ID)
				id = str, str = NULL;
			else if (r == R_TITLE && !is_null && !is_num && str && !title)
				title = str, str = NULL;
			else if (r == R_TITLE && !is_null)
				rc = ll_fail(err, "%s:%ld: a title is a string", path, c.line);
			else if ((r == R_NUMBER || r == R_INDEX) && !is_num)
				rc = ll_fail(err, "%s:%ld: %s is %s, not a number", path, c.line, key,
					     is_null ? "null" : "a string");
			else if (r == R_INDEX)
				index = num, has_index = 1;
			else if (r == R_NUMBER && kind == IMPORT_BIASES)
				bias = num, has_bias = 1;
			else if (r == R_NUMBER) {
				if (fabs(num) > FLT_MAX)
					rc = ll_fail(err, "%s:%ld: %s is %s, too large for a 32-bit float",
						     path, c.line, key, str);
				while (rc == 0 && fnum >= fmax) {
					int nm = fmax * 2 > IMPORT_MAX_K ? IMPORT_MAX_K : fmax * 2;
					double *nv = realloc(fv, (size_t)nm * sizeof *nv);
					unsigned char *ns = nv ? realloc(seen, (size_t)nm) : NULL;
					if (nv)
						fv = nv;
					if (!ns) {
						rc = ll_fail(err, "out of memory");
						break;
					}
					memset(ns + fmax, 0, (size_t)(nm - fmax));
					seen = ns, fmax = nm;
				}
				if (rc == 0 && seen[fnum]++)
					rc = ll_fail(err, "%s:%ld: two values of %s in one row", path,
						     c.line, key);
				else if (rc == 0)
					fv[fnum] = num, nf++;
			}
			free(key);
			free(str);
			if (rc == 0)
				jws(&c);
		}
		if (rc < 0)
			break;
		if (c.p >= c.end) {
			rc = jfail(&c, "'}'");
			break;
		}
		c.p++;
		jws(&c);
		if (!id) {
			rc = ll_fail(err, "%s:%ld: a row without an id", path, ln);
			break;
		}
		if (kind == IMPORT_BIASES && !strcmp(id, "(global mean)")) {
			if (!has_bias)
				rc = ll_fail(err, "%s:%ld: the global mean has no bias", path, ln);
			else if (t->has_mean++)
				rc = ll_fail(err, "%s:%ld: a second global mean", path, ln);
			t->mean = bias;
			continue;
		}
		if (has_index && index != t->n) {
			rc = ll_fail(err, "%s:%ld: index %g where %d was expected (rows in index order)",
				     path, ln, index, t->n);
			break;
		}
		/* The first row says how many factors; every other has as many. */
		int want = kind == IMPORT_FACTORS ? k : kind == IMPORT_BIASES ? 1 : 0;
		int have = kind == IMPORT_BIASES ? has_bias : nf;
		if (kind == IMPORT_FACTORS && k < 0) {
			k = want = nf;
			for (int f = 0; f < nf && rc == 0; f++)
				if (!seen[f])
					rc = ll_fail(err, "%s:%ld: f%d is missing (the keys are f0 to f%d)",
						     path, ln, f, nf - 1);
			if (rc == 0 && nf == 0)
				rc = ll_fail(err, "%s:%ld: no factors (keys f0, f1, ...)", path, ln);
			if (rc < 0)
				break;
		}
		for (int f = 0; f < want && kind == IMPORT_FACTORS && have == want; f++)
			if (!seen[f])
				have = -1; /* f0..f(k-1), no other */
		if (have != want) {
			rc = ll_fail(err, "%s:%ld: %s where the first row has %d (f0 to f%d)", path,
				     ln, kind == IMPORT_BIASES ? "no bias" : "other factors", want,
				     want - 1);
			break;
		}
		t->k = want;
		if ((rc = grow(t, &cap, want, path, err)) < 0)
			break;
		for (int f = 0; f < want; f++)
			t->v[(size_t)t->n * (size_t)want + (size_t)f] = (float)(kind == IMPORT_BIASES ? bias : fv[f]);
		t->ids[t->n] = id;
		t->titles[t->n] = title && *title ? title : NULL;
		if (title && !*title)
			free(title);
		t->lines[t->n] = ln;
		id = title = NULL;
		t->n++;
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
done:
	free(id), free(title);
	free(fv), free(seen);
	free(text);
	return rc;
}

/* --- NumPy .npy -------------------------------------------------------------------------- */

/* The header's dict: {'descr': '<f4', 'fortran_order': False, 'shape': (n, k), }
 * (keys in any order, either quote). */
typedef struct npy_head {
	char descr[8];
	int fortran, dims;
	long long shape[2];
} npy_head;

static int npy_dict(const char *s, npy_head *h)
{
	int got = 0;
	h->dims = -1;
	while (*s == ' ')
		s++;
	if (*s++ != '{')
		return -1;
	for (;;) {
		while (*s == ' ' || *s == ',')
			s++;
		if (*s == '}')
			break;
		char q = *s++, key[32];
		size_t n = 0;
		if (q != '\'' && q != '"')
			return -1;
		while (*s && *s != q && n + 1 < sizeof key)
			key[n++] = *s++;
		key[n] = '\0';
		if (*s++ != q)
			return -1;
		while (*s == ' ')
			s++;
		if (*s++ != ':')
			return -1;
		while (*s == ' ')
			s++;
		if (!strcmp(key, "descr")) {
			char dq = *s++;
			n = 0;
			if (dq != '\'' && dq != '"')
				return -1;
			while (*s && *s != dq && n + 1 < sizeof h->descr)
				h->descr[n++] = *s++;
			h->descr[n] = '\0';
			if (*s++ != dq)
				return -1;
			got |= 1;
		} else if (!strcmp(key, "fortran_order")) {
			if (!strncmp(s, "False", 5))
				h->fortran = 0, s += 5;
			else if (!strncmp(s, "True", 4))
				h->fortran = 1, s += 4;
			else
				return -1;
			got |= 2;
		} else if (!strcmp(key, "shape")) {
			if (*s++ != '(')
				return -1;
			h->dims = 0;
			for (;;) {
				while (*s == ' ' || *s == ',')
					s++;
				if (*s == ')')
					break;
				char *end;
				long long v = strtoll(s, &end, 10);
				if (end == s || v < 0 || h->dims == 2)
					return -2; /* not a shape we read: more than 2-D */
				h->shape[h->dims++] = v;
				s = end;
				while (*s == 'L')
					s++; /* Python 2's long */
			}
			s++;
			got |= 4;
		} else {
			return -1;
		}
	}
	return got == 7 ? 0 : -1;
}

static int read_npy(const char *path, import_kind kind, import_table *t, ll_error *err)
{
	if (kind == IMPORT_IDS)
		return ll_fail(err, "%s: a .npy holds numbers, not ids (give what export users or "
			       "export items writes, as csv or json)", path);
	size_t size;
	FILE *f = ll_fopen_regular(path, SIZE_MAX, &size, err);
	if (!f)
		return -1;
	unsigned char pre[12];
	int rc = 0;
	char *head = NULL;
	void *raw = NULL;
	if (fread(pre, 1, 8, f) != 8 || memcmp(pre, "\x93NUMPY", 6) != 0 || pre[6] < 1 || pre[6] > 3) {
		rc = ll_fail(err, "%s: not a NumPy .npy file of format 1, 2 or 3", path);
		goto done;
	}
	int wide = pre[6] >= 2;
	if (fread(pre + 8, 1, wide ? 4 : 2, f) != (size_t)(wide ? 4 : 2)) {
		rc = ll_fail(err, "%s: truncated in its header", path);
		goto done;
	}
	size_t hlen = (size_t)pre[8] | (size_t)pre[9] << 8 |
		      (wide ? (size_t)pre[10] << 16 | (size_t)pre[11] << 24 : 0);
	size_t start = (wide ? 12 : 10) + hlen;
	if (hlen > ((size_t)1 << 20) || start > size) {
		rc = ll_fail(err, "%s: a header of %zu bytes in a file of %zu", path, hlen, size);
		goto done;
	}
	head = malloc(hlen + 1);
	if (!head || fread(head, 1, hlen, f) != hlen) {
		rc = ll_fail(err, "%s: %s", path, head ? "truncated in its header" : "out of memory");
		goto done;
	}
	head[hlen] = '\0';
	npy_head h = { "", 0, 0, { 0, 0 } };
	int drc = npy_dict(head, &h);
	if (drc < 0) {
		rc = ll_fail(err, drc == -2 ? "%s: an array of more than 2 dimensions"
					    : "%s: a header that is not NumPy's dict of descr, "
					      "fortran_order and shape", path);
		goto done;
	}
	/* float32 or float64, little or big endian ('=' and '|' as this machine). */
	const uint32_t probe = 1;
	char here = *(const unsigned char *)&probe ? '<' : '>';
	char order = h.descr[0] == '=' || h.descr[0] == '|' ? here : h.descr[0];
	int item = !strcmp(h.descr + 1, "f4") ? 4 : !strcmp(h.descr + 1, "f8") ? 8 : 0;
	if ((order != '<' && order != '>') || !item) {
		rc = ll_fail(err, "%s: the numbers are '%s'; float32 or float64 ('<f4', '<f8') are read",
			     path, h.descr);
		goto done;
	}
	long long n = h.dims >= 1 ? h.shape[0] : 0, k = h.dims == 2 ? h.shape[1] : 1;
	if (kind == IMPORT_FACTORS ? h.dims != 2 : (h.dims != 1 && !(h.dims == 2 && k == 1))) {
		rc = ll_fail(err, "%s: %d dimensions; %s", path, h.dims,
			     kind == IMPORT_FACTORS ? "factors are rows x k (2-D)" : "biases are 1-D");
		goto done;
	}
	if (n > IMPORT_MAX_ROWS || k < 1 || k > IMPORT_MAX_K ||
	    (double)n * (double)k * sizeof(float) > IMPORT_MAX_BYTES) {
		rc = ll_fail(err, "%s: shape (%lld, %lld): at most %d rows, k from 1 to %d and %.0f GB",
			     path, n, k, IMPORT_MAX_ROWS, IMPORT_MAX_K, IMPORT_MAX_BYTES / 1e9);
		goto done;
	}
	size_t cells = (size_t)n * (size_t)k;
	if (size - start != cells * (size_t)item) {
		rc = ll_fail(err, "%s: shape (%lld, %lld) needs %zu bytes of numbers, the file has %zu "
			     "after its header", path, n, k, cells * (size_t)item, size - start);
		goto done;
	}
	raw = malloc(cells * (size_t)item + 1);
	t->v = malloc((cells ? cells : 1) * sizeof *t->v);
	if (!raw || !t->v || fread(raw, (size_t)item, cells, f) != cells) {
		rc = ll_fail(err, "%s: %s", path, raw && t->v ? "read error" : "out of memory");
		goto done;
	}
	int swap = order != here;
	for (size_t x = 0; x < cells; x++) {
		unsigned char *b = (unsigned char *)raw + x * (size_t)item;
		if (swap)
			for (int i = 0; i < item / 2; i++) {
				unsigned char tmp = b[i];
				b[i] = b[item - 1 - i];
				b[item - 1 - i] = tmp;
			}
		double d;
		if (item == 4) {
			float fl;
			memcpy(&fl, b, 4);
			d = fl;
		} else {
			memcpy(&d, b, 8);
		}
		/* Fortran order holds column after column. */
		size_t r = h.fortran ? x % (size_t)n : x / (size_t)k;
		size_t col = h.fortran ? x / (size_t)n : x % (size_t)k;
		if (!isfinite(d) || fabs(d) > FLT_MAX) {
			rc = ll_fail(err, "%s: row %zu, column %zu is %s", path, r, col,
				     isfinite(d) ? "too large for a 32-bit float" : "not a finite number");
			goto done;
		}
		t->v[r * (size_t)k + col] = (float)d;
	}
	t->n = (int)n, t->k = (int)k;
done:
	free(head), free(raw);
	fclose(f);
	return rc;
}

/* --- which ------------------------------------------------------------------------------- */

int import_read(const char *path, import_kind kind, import_table *t, ll_error *err)
{
	memset(t, 0, sizeof *t);
	/* The first bytes say the format: NumPy's magic, a JSON array (after
	 * blanks), or else CSV. */
	char head[256];
	FILE *f = ll_fopen_regular(path, SIZE_MAX, NULL, err);
	if (!f)
		return -1;
	size_t got = fread(head, 1, sizeof head, f), i = 0;
	fclose(f);
	while (i < got && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
		i++;
	int rc = got >= 6 && !memcmp(head, "\x93NUMPY", 6) ? read_npy(path, kind, t, err)
	       : i < got && head[i] == '[' ? read_json(path, kind, t, err)
					   : read_csv(path, kind, t, err);
	if (rc < 0)
		import_table_free(t);
	return rc;
}

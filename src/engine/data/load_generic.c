/* load_generic.c: user,item,rating[,timestamp] files with names or numbers,
 * comma, tab or "::" separated, with or without a header (see load.h). */
#include "engine/data/load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/lineread.h"
#include "engine/data/load_impl.h"

/* The separator of a file, from its first line. */
static const char *detect_sep(const char *line)
{
	if (strchr(line, '\t'))
		return "\t";
	if (strstr(line, "::"))
		return "::";
	if (strchr(line, ','))
		return ",";
	if (strchr(line, ';'))
		return ";";
	return NULL;
}

static int split_line(char *line, const char *sep, char **f, int max)
{
	if (sep[0] == ',' || sep[0] == ';')
		return lr_split_csv(line, sep[0], f, max);
	return lr_split(line, sep, f, max);
}

/* A header is a first row of names only ("user,item,rating"): no field
 * empty, none a number. "1,2,abc" is data, whose bad rating is an error. */
static int is_header(char **f, int n)
{
	for (int k = 0; k < n; k++) {
		double probe;
		if (!*f[k] || lr_parse_double(f[k], &probe) != -1)
			return 0;
	}
	return 1;
}

static int name_index(load_ctx *c, int is_user, const char *name, int known_only,
		      long line, ll_error *err)
{
	const char *what = is_user ? "user" : "item";
	if (!*name)
		return ll_fail(err, "%s:%ld: empty %s name", c->file, line, what);
	int x = is_user ? ratings_find_user(c->r, name) : ratings_find_item(c->r, name);
	if (x >= 0)
		return x;
	if (known_only)
		return ll_fail(err, "%s:%ld: unknown %s '%.60s' (not listed in %s)",
			       c->file, line, what, name,
			       is_user ? "users.csv" : "movies.csv");
	x = is_user ? ratings_intern_user(c->r, name) : ratings_intern_item(c->r, name);
	if (x < 0)
		return ll_fail(err, "%s: out of memory", c->file);
	return x;
}

int load_delimited(load_ctx *c, const char *path, float lo, float hi, float step,
		   int known_only, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	const char *sep = NULL;
	char *line, *f[5];
	size_t len;
	int rc, first = 1;
	while ((rc = lineread_next(lr, &line, &len, err)) == 1) {
		long ln = lineread_lineno(lr);
		if (ln == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
			line += 3, len -= 3; /* a UTF-8 byte order mark */
		if (load_utf8(line, len, path, ln, err) < 0)
			goto fail;
		line = load_trim(line);
		if (!*line)
			continue;
		if (!sep && !(sep = detect_sep(line))) {
			ll_fail(err, "%s:%ld: expected user, item and rating separated by "
				"commas, tabs or '::'", path, ln);
			goto fail;
		}
		int n = split_line(line, sep, f, 5);
		if (n < 0) {
			ll_fail(err, "%s:%ld: unterminated quote", path, ln);
			goto fail;
		}
		if (n != 3 && n != 4) {
			ll_fail(err, "%s:%ld: expected 3 or 4 fields (user, item, rating"
				"[, timestamp]), found %d", path, ln, n);
			goto fail;
		}
		for (int k = 0; k < n; k++)
			f[k] = load_trim(f[k]);
		if (first && is_header(f, n)) {
			first = 0;
			continue;
		}
		first = 0;
		float v;
		uint32_t t = 0;
		if (load_rating(f[2], lo, hi, step, path, ln, &v, err) < 0 ||
		    (n == 4 && *f[3] && load_time(f[3], path, ln, &t, err) < 0))
			goto fail;
		int u = name_index(c, 1, f[0], known_only, ln, err);
		int i = u < 0 ? -1 : name_index(c, 0, f[1], known_only, ln, err);
		if (i < 0 || load_ctx_add(c, u, i, v, t, ln, err) < 0)
			goto fail;
	}
	lineread_close(&lr);
	return rc;
fail:
	lineread_close(&lr);
	return -1;
}

/* The coarsest grid every value sits on: 1, 0.5, 0.1 or 0.01. */
static float value_step(const ratings *r)
{
	static const float steps[] = { 1, 0.5f, 0.1f };
	const ll_rating *e = ratings_entries(r);
	size_t n = ratings_count(r);
	for (size_t s = 0; s < sizeof steps / sizeof *steps; s++) {
		size_t k = 0;
		for (; k < n; k++) {
			double q = e[k].value / steps[s];
			if (fabs(q - round(q)) > 1e-4)
				break;
		}
		if (k == n)
			return steps[s];
	}
	return 0.01f;
}

ratings *load_generic(const char *file, ll_error *err)
{
	load_ctx c;
	if (load_ctx_init(&c, file, err) < 0)
		return NULL;
	if (load_delimited(&c, file, 0, 10, 0, 0, err) < 0) {
		load_ctx_abort(&c);
		return NULL;
	}
	ratings *r = load_ctx_finish(&c, err);
	if (!r)
		return NULL;
	const ll_rating *e = ratings_entries(r);
	float lo = e[0].value, hi = e[0].value;
	for (size_t k = 1; k < ratings_count(r); k++) {
		lo = e[k].value < lo ? e[k].value : lo;
		hi = e[k].value > hi ? e[k].value : hi;
	}
	ratings_set_scale(r, lo, hi, value_step(r));
	ratings_set_source(r, file);
	return r;
}

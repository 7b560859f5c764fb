/* import_read.c: one file of factors, biases or ids, as `export` writes it,
 * into a table (see cmd_import.h): which format (from the first bytes), the
 * parts the formats share (numbers, columns, growing the table) and CSV;
 * JSON is import_json.c, NumPy's .npy import_npy.c. Every size is bounded
 * before memory is taken for it, and every error names the file and line. */
#include "lab/cmd/import_impl.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/core/fileio.h"
#include "engine/core/intl.h"
#include "engine/core/lineread.h"

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
int import_parse_number(const char *s, double *out)
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
int import_grow(import_table *t, int *cap, int k, const char *path, ll_error *err)
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

enum import_role import_role_of(const char *name, import_kind kind, int *num)
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

const char *import_expected(import_kind kind)
{
	/* TRANSLATORS: the columns an import file has (their names stay as they are). */
	return kind == IMPORT_FACTORS ? _("id, title and f0, f1, ...")
	     : kind == IMPORT_BIASES ? _("id and bias") : _("index, id and title");
}

/* The text fields of a row. */
typedef struct row {
	const char *id, *title, *index_text;
	int has_index; /* 1, or -1 when the index is not a number */
	long index;
} row;

/* --- CSV ----------------------------------------------------------------------------- */

int import_read_csv(const char *path, import_kind kind, import_table *t, ll_error *err)
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
				role[c] = import_role_of(f[c], kind, &num[c]);
				if (role[c] == R_UNKNOWN)
					rc = ll_fail(err, "%s:%ld: unknown column '%.40s' (the columns are %s, "
						     "with a header as export writes them)", path, ln, f[c],
						     import_expected(kind));
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
					     import_expected(kind));
			else if (rc == 0 && kind != IMPORT_IDS && k == 0)
				rc = ll_fail(err, "%s:%ld: no %s column (the columns are %s)", path, ln,
					     kind == IMPORT_BIASES ? "bias" : "f0", import_expected(kind));
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
			int prc = import_parse_number(f[c], &t->mean);
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
		if ((rc = import_grow(t, &cap, k, path, err)) < 0)
			break;
		float *v = t->v + (size_t)t->n * (size_t)k;
		for (int c = 0; c < n && rc == 0; c++) {
			if (role[c] != R_NUMBER)
				continue;
			double d;
			int prc = import_parse_number(f[c], &d);
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
			     path, import_expected(kind));
done:
	free(f), free(role), free(num);
	lineread_close(&lr);
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
	int rc = got >= 6 && !memcmp(head, "\x93NUMPY", 6) ? import_read_npy(path, kind, t, err)
	       : i < got && head[i] == '[' ? import_read_json(path, kind, t, err)
					   : import_read_csv(path, kind, t, err);
	if (rc < 0)
		import_table_free(t);
	return rc;
}

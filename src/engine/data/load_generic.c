/* load_generic.c: user,item[,rating[,timestamp]] files with names or
 * numbers, comma, tab, "::", ';' or blank separated, with or without a
 * header whose names choose the columns (see load.h). */
#include "engine/data/load.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/lineread.h"
#include "engine/data/load_impl.h"

/* A tab with something other than blanks on both sides: a TSV's. */
static int has_single_tab(const char *line)
{
	for (const char *p = line; *p; p++)
		if (*p == '\t' && p > line && p[-1] != '\t' && p[-1] != ' ' && p[1] &&
		    p[1] != '\t' && p[1] != ' ')
			return 1;
	return 0;
}

/* The separator of a file, from its first line: " " stands for runs of
 * blanks (spaces and tabs), as in "196  242  3" or a file whose columns
 * were lined up with tabs ("1\t\t2\t\t5": every tab in a run). A tab
 * alone between fields makes it a TSV file, whose names may hold spaces
 * and where two tabs in a row are an empty field (an error, said so). */
static const char *detect_sep(const char *line)
{
	if (strchr(line, '\t'))
		return strstr(line, "\t\t") && !has_single_tab(line) ? " " : "\t";
	if (strstr(line, "::"))
		return "::";
	if (strchr(line, ','))
		return ",";
	if (strchr(line, ';'))
		return ";";
	if (strchr(line, ' '))
		return " ";
	return NULL;
}

/* Split at runs of blanks, ignoring those at either end; counts as
 * lr_split does. */
static int split_blanks(char *line, char **f, int max)
{
	int n = 0;
	char *s = line;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			return n;
		if (n < max)
			f[n] = s;
		n++;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if (!*s)
			return n;
		if (n <= max)
			*s = '\0';
		s++;
	}
}

static int split_line(char *line, const char *sep, char **f, int max)
{
	if (sep[0] == ',' || sep[0] == ';')
		return lr_split_csv(line, sep[0], f, max);
	if (sep[0] == ' ')
		return split_blanks(line, f, max);
	return lr_split(line, sep, f, max);
}

/* --- columns -------------------------------------------------------------- */

enum { COL_USER, COL_ITEM, COL_RATING, COL_TIME, N_COLS };

static const char *const col_word[N_COLS] = { "user", "item", "rating", "timestamp" };

/* The names a header may give each column, compared without case and
 * without '_', '-', '.' or spaces (userId, user_id and "User ID" alike). */
static const char *const col_names[N_COLS][6] = {
	{ "user", "userid", "uid", NULL },
	{ "item", "itemid", "iid", "movie", "movieid", NULL },
	{ "rating", "score", "value", NULL },
	{ "timestamp", "time", NULL },
};

static int col_of(const char *name)
{
	char norm[24];
	size_t n = 0;
	for (const char *p = name; *p; p++) {
		if (*p == '_' || *p == '-' || *p == '.' || *p == ' ')
			continue;
		if (n + 1 == sizeof norm)
			return -1;
		norm[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	}
	norm[n] = '\0';
	for (int c = 0; c < N_COLS; c++)
		for (int k = 0; col_names[c][k]; k++)
			if (strcmp(norm, col_names[c][k]) == 0)
				return c;
	return -1;
}

/* What the first line said about the columns. */
typedef struct layout {
	const char *sep;
	int n;             /* fields of a line (a timestamp last may be left out) */
	int col[N_COLS];   /* the field of each column, -1 when there is none */
	long header_line;  /* 0 without a header */
} layout;

#define COL_HELP "user|userId|user_id|uid, item|itemId|movieId|movie_id|iid, " \
	"rating|score|value and timestamp|time"

/* The first line's fields, if they are a header: 1 (columns set), 0 (the
 * line is data), -1 with the message. A header is a line of names that
 * are all columns' names; a line of names none of which is a number is a
 * header with an unknown name, except two names alone (a user,item log of
 * names with no header). "1,2,abc" is data, whose bad rating is an error. */
static int read_header(layout *lay, char **f, int n, const char *file, long ln,
		       ll_error *err)
{
	int known = 0, numbers = 0, unknown = -1;
	for (int k = 0; k < n; k++) {
		double probe;
		if (col_of(f[k]) >= 0)
			known++;
		else if (!*f[k] || lr_parse_double(f[k], &probe) != -1)
			numbers++;
		else if (unknown < 0)
			unknown = k;
	}
	if (known < n && (numbers > 0 || (known == 0 && n == 2)))
		return 0;
	if (known < n)
		return ll_fail(err, "%s:%ld: unknown column '%.40s' in the header (the columns "
			       "are named " COL_HELP ")", file, ln, f[unknown]);
	for (int c = 0; c < N_COLS; c++)
		lay->col[c] = -1;
	for (int k = 0; k < n; k++) {
		int c = col_of(f[k]);
		if (lay->col[c] >= 0)
			return ll_fail(err, "%s:%ld: the header names the %s column twice ('%s' "
				       "and '%s')", file, ln, col_word[c], f[lay->col[c]], f[k]);
		lay->col[c] = k;
	}
	for (int c = 0; c < COL_RATING; c++)
		if (lay->col[c] < 0)
			return ll_fail(err, "%s:%ld: the header has no %s column (the columns are "
				       "named " COL_HELP ")", file, ln, col_word[c]);
	lay->n = n;
	lay->header_line = ln;
	return 1;
}

/* A line's field count against the layout: 0, or -1 with the message. The
 * first data line of a file without a header sets the layout: user, item,
 * then rating and timestamp when there are 3 or 4 fields (a line may leave
 * the timestamp out), an implicit user,item log when there are 2. */
static int check_count(layout *lay, int n, const char *file, long ln, ll_error *err)
{
	if (lay->n == 0) {
		if (n < 2 || n > 4)
			return ll_fail(err, "%s:%ld: expected 2, 3 or 4 fields (user, item"
				       "[, rating[, timestamp]]), found %d", file, ln, n);
		lay->n = n == 2 ? 2 : 4;
		lay->col[COL_USER] = 0, lay->col[COL_ITEM] = 1;
		lay->col[COL_RATING] = n == 2 ? -1 : 2;
		lay->col[COL_TIME] = n == 2 ? -1 : 3;
	}
	int optional_time = lay->col[COL_TIME] == lay->n - 1;
	if (n == lay->n || (optional_time && n == lay->n - 1))
		return 0;
	if (lay->header_line)
		return ll_fail(err, "%s:%ld: expected %d fields, as the header on line %ld names "
			       "them, found %d", file, ln, lay->n, lay->header_line, n);
	if (lay->n == 2)
		return ll_fail(err, "%s:%ld: expected 2 fields (user, item), as in the first "
			       "line, found %d", file, ln, n);
	return ll_fail(err, "%s:%ld: expected 3 or 4 fields (user, item, rating"
		       "[, timestamp]), found %d", file, ln, n);
}

/* A name made of digits only, with no leading zero, is the text of its
 * number: the numeric id cache finds it without hashing. */
static long canonical_number(const char *s)
{
	long v = 0;
	int k = 0;
	for (; s[k] >= '0' && s[k] <= '9'; k++) {
		if (k == 9)
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	if (k == 0 || s[k] || (s[0] == '0' && k > 1))
		return -1;
	return v;
}

static int name_index(load_ctx *c, int is_user, const char *name, int known_only,
		      long line, ll_error *err)
{
	const char *what = is_user ? "user" : "item";
	if (!*name)
		return ll_fail(err, "%s:%ld: empty %s name", c->file, line, what);
	/* A file's lines come grouped by user, often: the last name first. */
	int *last = is_user ? &c->last_user : &c->last_item;
	if (*last >= 0 && strcmp(name, is_user ? ratings_user_name(c->r, *last)
					      : ratings_item_name(c->r, *last)) == 0)
		return *last;
	long id = canonical_number(name);
	int x;
	if (id >= 0) {
		x = load_ctx_number(c, is_user, id, known_only, err);
		if (x == -1)
			return -1; /* out of memory */
	} else {
		x = is_user ? ratings_find_user(c->r, name) : ratings_find_item(c->r, name);
		if (x < 0 && !known_only &&
		    (x = is_user ? ratings_intern_user(c->r, name) : ratings_intern_item(c->r, name)) < 0)
			return ll_fail(err, "%s: out of memory", c->file);
	}
	if (x < 0)
		return ll_fail(err, "%s:%ld: unknown %s '%.60s' (not listed in %s)",
			       c->file, line, what, name,
			       is_user ? "users.csv" : "movies.csv");
	return *last = x;
}

/* What load_delimited keeps from line to line. */
typedef struct delimited {
	load_ctx *c;
	float lo, hi, step;
	int known_only;
	layout lay;
	int started;       /* a non-blank line was seen */
	load_fast fast;
} delimited;

/* Once the columns are user, item, rating, timestamp in that order, split
 * by one character or "::", a line of plain numbers in all four takes the
 * fast path (load_lines); names and every other line come here. */
static void maybe_fast(delimited *d)
{
	const layout *lay = &d->lay;
	if (lay->n == 4 && lay->col[COL_USER] == 0 && lay->col[COL_ITEM] == 1 &&
	    lay->col[COL_RATING] == 2 && lay->col[COL_TIME] == 3 && lay->sep[0] != ' ') {
		d->fast.sep = lay->sep;
		d->fast.on = 1;
	}
}

/* One line, cut out of its chunk: 0, or -1 with the message. */
static int delimited_line(void *arg, const char *file, char *line, size_t len, long ln,
			  ll_error *err)
{
	delimited *d = arg;
	char *f[5];
	if (ln == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3, len -= 3; /* a UTF-8 byte order mark */
	if (load_utf8(line, len, file, ln, err) < 0)
		return -1;
	line = load_trim(line);
	if (!*line)
		return 0;
	layout *lay = &d->lay;
	if (!lay->sep && !(lay->sep = detect_sep(line)))
		return ll_fail(err, "%s:%ld: expected user, item and rating separated by "
			       "commas, tabs, spaces or '::'", file, ln);
	int n = split_line(line, lay->sep, f, 5);
	if (n < 0)
		return ll_fail(err, "%s:%ld: unterminated quote", file, ln);
	for (int k = 0; k < n && k < 5; k++)
		f[k] = load_trim(f[k]);
	if (!d->started) {
		d->started = 1;
		int h = n <= 5 ? read_header(lay, f, n, file, ln, err) : 0;
		if (h != 0)
			return h < 0 ? -1 : 0;
	}
	if (check_count(lay, n, file, ln, err) < 0)
		return -1;
	if (!d->fast.on)
		maybe_fast(d);
	float v = 1;
	uint32_t t = 0;
	int cr = lay->col[COL_RATING], ct = lay->col[COL_TIME];
	if ((cr >= 0 && load_rating(f[cr], d->lo, d->hi, d->step, file, ln, &v, err) < 0) ||
	    (ct >= 0 && ct < n && *f[ct] && load_time(f[ct], file, ln, &t, err) < 0))
		return -1;
	int u = name_index(d->c, 1, f[lay->col[COL_USER]], d->known_only, ln, err);
	int i = u < 0 ? -1 : name_index(d->c, 0, f[lay->col[COL_ITEM]], d->known_only, ln, err);
	if (i < 0 || load_ctx_add(d->c, u, i, v, t, ln, err) < 0)
		return -1;
	return 0;
}

int load_delimited(load_ctx *c, const char *path, float lo, float hi, float step,
		   int known_only, int *implicit, ll_error *err)
{
	delimited d = { c, lo, hi, step, known_only, { 0 }, 0,
			{ 0, NULL, lo, hi, step, 1, known_only, 0 } };
	int rc = load_lines(c, path, &d.fast, delimited_line, &d, err);
	c->implicit = d.lay.n > 0 && d.lay.col[COL_RATING] < 0;
	if (implicit)
		*implicit = c->implicit;
	return rc;
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
	int implicit = 0;
	if (load_ctx_init(&c, load_shown_name(file), err) < 0)
		return NULL;
	if (load_delimited(&c, file, 0, 10, 0, 0, &implicit, err) < 0) {
		load_ctx_abort(&c);
		return NULL;
	}
	ratings *r = load_ctx_finish(&c, err);
	if (!r)
		return NULL;
	if (implicit) {
		ratings_set_implicit(r, 1);
		ratings_set_scale(r, 0, 1, 1);
	} else {
		const ll_rating *e = ratings_entries(r);
		float lo = e[0].value, hi = e[0].value;
		for (size_t k = 1; k < ratings_count(r); k++) {
			lo = e[k].value < lo ? e[k].value : lo;
			hi = e[k].value > hi ? e[k].value : hi;
		}
		ratings_set_scale(r, lo, hi, value_step(r));
	}
	ratings_set_source(r, load_shown_name(file));
	return r;
}

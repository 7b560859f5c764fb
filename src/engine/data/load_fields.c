/* load_fields.c: the fields loaders share (load_impl.h): a rating on its
 * scale, a timestamp, UTF-8 checks, genre lists, trimming, a source's name
 * and a field shown in a message. */
#include "engine/data/load_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A field for a message (load_impl.h): a field can be anything a file
 * holds, and the message must stay one short printable line. */
const char *load_shown_field(const char *text, char buf[48])
{
	size_t n = 0;
	for (; text[n] && n < 40; n++)
		buf[n] = (unsigned char)text[n] < 0x20 || (unsigned char)text[n] >= 0x7f
			 ? '?' : text[n];
	buf[n] = '\0';
	return buf;
}

int load_rating(const char *text, float lo, float hi, float step,
		const char *file, long line, float *out, ll_error *err)
{
	double v;
	char b[48];
	int rc = lr_parse_double(text, &v);
	if (rc == -2)
		return ll_fail(err, "%s:%ld: rating '%s' is not a finite number",
			       file, line, load_shown_field(text, b));
	if (rc < 0)
		return ll_fail(err, "%s:%ld: rating '%s' is not a number", file, line,
			       load_shown_field(text, b));
	if (v < lo || v > hi)
		return ll_fail(err, "%s:%ld: rating %g is outside the scale %g..%g",
			       file, line, v, lo, hi);
	if (step > 0) {
		double k = (v - lo) / step;
		if (fabs(k - round(k)) > 1e-6)
			return ll_fail(err, "%s:%ld: rating %g is not a step of %g from %g",
				       file, line, v, step, lo);
	}
	*out = (float)v;
	return 0;
}

int load_time(const char *text, const char *file, long line, uint32_t *out,
	      ll_error *err)
{
	char b[48];
	if (lr_parse_u32(text, out) < 0)
		return ll_fail(err, "%s:%ld: bad timestamp '%s' (expected seconds "
			       "since 1970)", file, line, load_shown_field(text, b));
	return 0;
}

int load_utf8(const char *line, size_t len, const char *file, long line_no,
	      ll_error *err)
{
	if (!lr_utf8_valid(line, len))
		return ll_fail(err, "%s:%ld: invalid UTF-8 (binary file, or another "
			       "encoding?)", file, line_no);
	return 0;
}

char *load_source_name(const char *dir, const char *format)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	size_t b = n;
	while (b > 0 && dir[b - 1] != '/')
		b--;
	char *s;
	if (n - b >= 3 && strncmp(dir + b, "ml-", 3) == 0) {
		s = strndup(dir + b, n - b);
	} else {
		size_t len = strlen(format) + n + 4;
		s = malloc(len);
		if (s)
			snprintf(s, len, "%s (%.*s)", format, (int)n, dir);
	}
	return s;
}

char *load_trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/* Genre names separated by '|' into a mask, interning new names. */
int load_genres(ratings *r, char *list, uint32_t *mask, const char *path,
		      long ln, ll_error *err)
{
	*mask = 0;
	char *g[RATINGS_MAX_GENRES + 1];
	if (!*list)
		return 0;
	int n = lr_split(list, "|", g, RATINGS_MAX_GENRES + 1);
	for (int k = 0; k < n && k <= RATINGS_MAX_GENRES; k++) {
		const char *name = load_trim(g[k]);
		if (!*name || strcmp(name, "(no genres listed)") == 0)
			continue;
		int id = ratings_intern_genre(r, name);
		if (id < 0)
			return ll_fail(err, "%s:%ld: more than %d genres", path, ln,
				       RATINGS_MAX_GENRES);
		*mask |= 1u << id;
	}
	return 0;
}

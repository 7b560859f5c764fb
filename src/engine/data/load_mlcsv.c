/* load_mlcsv.c: MovieLens CSV releases (ml-latest-small, ml-25m): a header
 * line, half-star ratings, movies.csv with quoted titles, CRLF line ends. */
#include "engine/data/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/lineread.h"
#include "engine/data/load_impl.h"

/* movies.csv: movieId,title,genres; titles quoted when they hold commas. */
static int read_movies(ratings *r, const char *path, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	char *line, *f[4];
	size_t len;
	int rc;
	while ((rc = lineread_next(lr, &line, &len, err)) == 1) {
		long ln = lineread_lineno(lr), id;
		if (len == 0 || ln == 1)
			continue;
		if (load_utf8(line, len, path, ln, err) < 0) {
			rc = -1;
			break;
		}
		int n = lr_split_csv(line, ',', f, 4);
		if (n != 3 || lr_parse_long(f[0], &id) < 0) {
			rc = ll_fail(err, n < 0 ? "%s:%ld: unterminated quote"
					       : "%s:%ld: expected movieId,title,genres", path, ln);
			break;
		}
		char name[24];
		snprintf(name, sizeof name, "%ld", id);
		int i = ratings_find_item(r, name);
		if (i < 0)
			continue; /* a movie nobody rated */
		uint32_t mask;
		if (ratings_set_item_title(r, i, f[1]) < 0) {
			rc = ll_fail(err, "%s: out of memory", path);
			break;
		}
		if (load_genres(r, f[2], &mask, path, ln, err) < 0) {
			rc = -1;
			break;
		}
		ratings_set_item_genres(r, i, mask);
	}
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
}

/* tags.csv: userId,movieId,tag,timestamp; each tag appended to its movie's
 * (the text embedding of content/ reads them). '|' inside a tag becomes a
 * space, since the store separates tags with it. */
static int read_tags(ratings *r, const char *path, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	char *line, *f[5];
	size_t len;
	int rc;
	while ((rc = lineread_next(lr, &line, &len, err)) == 1) {
		long ln = lineread_lineno(lr), id;
		if (len == 0 || ln == 1)
			continue;
		if (load_utf8(line, len, path, ln, err) < 0) {
			rc = -1;
			break;
		}
		int n = lr_split_csv(line, ',', f, 5);
		if (n != 4 || lr_parse_long(f[1], &id) < 0) {
			rc = ll_fail(err, n < 0 ? "%s:%ld: unterminated quote"
					       : "%s:%ld: expected userId,movieId,tag,timestamp",
				     path, ln);
			break;
		}
		char name[24];
		snprintf(name, sizeof name, "%ld", id);
		int i = ratings_find_item(r, name);
		if (i < 0 || !*f[2])
			continue; /* a movie nobody rated, or an empty tag */
		for (char *c = f[2]; *c; c++)
			if (*c == '|')
				*c = ' ';
		if (ratings_add_item_tag(r, i, f[2]) < 0) {
			rc = ll_fail(err, "%s: out of memory", path);
			break;
		}
	}
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
}

ratings *load_mlcsv(const char *dir, ll_error *err)
{
	static const load_side_file sides[] = {
		{ "movies.csv", read_movies },
		{ "tags.csv", read_tags },
		{ NULL, NULL },
	};
	static const load_movielens_spec spec = { "ratings.csv", ",", 1, "ml-csv", 0.5f, 5, 0.5f,
						  sides };
	return load_movielens(dir, &spec, err);
}

/* load_ml1m.c: the MovieLens 1M release: ratings.dat, movies.dat (ISO-8859-1)
 * and users.dat, "::"-separated. */
#include "engine/data/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/lineread.h"
#include "engine/data/load_impl.h"

/* movies.dat: MovieID::Title::Genre|Genre. */
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
		if (len == 0)
			continue;
		if (lr_split(line, "::", f, 4) != 3 || lr_parse_long(f[0], &id) < 0) {
			rc = ll_fail(err, "%s:%ld: expected MovieID::Title::Genres", path, ln);
			break;
		}
		char name[24];
		snprintf(name, sizeof name, "%ld", id);
		int i = ratings_find_item(r, name);
		if (i < 0)
			continue; /* a movie nobody rated */
		uint32_t mask;
		char *title = lr_latin1_to_utf8(f[1]), *genres = lr_latin1_to_utf8(f[2]);
		int bad = !title || !genres || ratings_set_item_title(r, i, title) < 0;
		if (bad)
			rc = ll_fail(err, "%s: out of memory", path);
		else if (load_genres(r, genres, &mask, path, ln, err) < 0)
			rc = -1, bad = 1;
		else
			ratings_set_item_genres(r, i, mask);
		free(title);
		free(genres);
		if (bad)
			break;
	}
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
}

/* users.dat: UserID::Gender::Age::Occupation::Zip-code (age and occupation
 * are the codes listed in the release's README). */
static int read_users(ratings *r, const char *path, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	char *line, *f[6];
	size_t len;
	int rc;
	while ((rc = lineread_next(lr, &line, &len, err)) == 1) {
		long ln = lineread_lineno(lr), id;
		if (len == 0)
			continue;
		if (lr_split(line, "::", f, 6) != 5 || lr_parse_long(f[0], &id) < 0) {
			rc = ll_fail(err, "%s:%ld: expected UserID::Gender::Age::Occupation::Zip",
				     path, ln);
			break;
		}
		char name[24], info[256];
		snprintf(name, sizeof name, "%ld", id);
		int u = ratings_find_user(r, name);
		if (u < 0)
			continue;
		char *zip = lr_latin1_to_utf8(f[4]);
		if (zip)
			snprintf(info, sizeof info, "gender=%s age=%s occupation=%s zip=%s",
				 f[1], f[2], f[3], zip);
		int bad = !zip || ratings_set_user_info(r, u, info) < 0;
		free(zip);
		if (bad) {
			rc = ll_fail(err, "%s: out of memory", path);
			break;
		}
	}
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
}

ratings *load_ml1m(const char *dir, ll_error *err)
{
	static const load_side_file sides[] = {
		{ "movies.dat", read_movies },
		{ "users.dat", read_users },
		{ NULL, NULL },
	};
	static const load_movielens_spec spec = { "ratings.dat", "::", 0, "ml-1m", 1, 5, 1, sides };
	return load_movielens(dir, &spec, err);
}

/* load_toy.c: the project's own small datasets (data/toy): users.csv lists
 * every user (so a newcomer without ratings exists), movies.csv every item
 * with its title and genres, ratings.csv (or .tsv) the ratings, 1..5. */
#include "engine/data/load.h"

#include <stdlib.h>
#include <string.h>

#include "engine/core/lineread.h"
#include "engine/data/load_impl.h"

/* users.csv: "user[,info]" with a header line starting "user". */
static int read_users(ratings *r, const char *path, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	char *line, *f[3];
	size_t len;
	int rc;
	while ((rc = lineread_next(lr, &line, &len, err)) == 1) {
		long ln = lineread_lineno(lr);
		if (load_utf8(line, len, path, ln, err) < 0) {
			rc = -1;
			break;
		}
		line = load_trim(line);
		if (!*line)
			continue;
		int n = lr_split_csv(line, ',', f, 3);
		if (n < 1 || n > 2) {
			rc = ll_fail(err, "%s:%ld: expected user[,info]", path, ln);
			break;
		}
		const char *name = load_trim(f[0]);
		if (ln == 1 && strcmp(name, "user") == 0)
			continue;
		if (!*name) {
			rc = ll_fail(err, "%s:%ld: empty user name", path, ln);
			break;
		}
		if (ratings_find_user(r, name) >= 0) {
			rc = ll_fail(err, "%s:%ld: user '%s' listed twice", path, ln, name);
			break;
		}
		int u = ratings_intern_user(r, name);
		if (u < 0 || (n == 2 && *f[1] && ratings_set_user_info(r, u, load_trim(f[1])) < 0)) {
			rc = ll_fail(err, "%s: out of memory", path);
			break;
		}
	}
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
}

/* movies.csv: "item,title,genres" with a header line starting "item". */
static int read_movies(ratings *r, const char *path, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	char *line, *f[4];
	size_t len;
	int rc;
	while ((rc = lineread_next(lr, &line, &len, err)) == 1) {
		long ln = lineread_lineno(lr);
		if (load_utf8(line, len, path, ln, err) < 0) {
			rc = -1;
			break;
		}
		line = load_trim(line);
		if (!*line)
			continue;
		int n = lr_split_csv(line, ',', f, 4);
		if (n != 3) {
			rc = ll_fail(err, "%s:%ld: expected item,title,genres", path, ln);
			break;
		}
		const char *name = load_trim(f[0]);
		if (ln == 1 && strcmp(name, "item") == 0)
			continue;
		if (!*name) {
			rc = ll_fail(err, "%s:%ld: empty item name", path, ln);
			break;
		}
		if (ratings_find_item(r, name) >= 0) {
			rc = ll_fail(err, "%s:%ld: item '%s' listed twice", path, ln, name);
			break;
		}
		uint32_t mask;
		int i = ratings_intern_item(r, name);
		if (i < 0 || ratings_set_item_title(r, i, *f[1] ? load_trim(f[1]) : name) < 0) {
			rc = ll_fail(err, "%s: out of memory", path);
			break;
		}
		if ((rc = load_genres(r, f[2], &mask, path, ln, err)) < 0)
			break;
		ratings_set_item_genres(r, i, mask);
	}
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
}

ratings *load_toy(const char *dir, ll_error *err)
{
	char *users = lr_join(dir, "users.csv");
	char *movies = lr_join(dir, "movies.csv");
	char *rfile = lr_join(dir, "ratings.csv");
	ratings *r = NULL;
	load_ctx c;
	if (!users || !movies || !rfile) {
		ll_fail(err, "%s: out of memory", dir);
		goto done;
	}
	if (!lr_is_file(rfile)) {
		free(rfile);
		rfile = lr_join(dir, "ratings.tsv");
		if (!rfile) {
			ll_fail(err, "%s: out of memory", dir);
			goto done;
		}
	}
	if (load_ctx_init(&c, rfile, err) < 0)
		goto done;
	int have_users = lr_is_file(users), have_movies = lr_is_file(movies), implicit = 0;
	if ((have_users && read_users(c.r, users, err) < 0) ||
	    (have_movies && read_movies(c.r, movies, err) < 0) ||
	    load_delimited(&c, rfile, 1, 5, 1, have_users && have_movies, &implicit, err) < 0) {
		load_ctx_abort(&c);
		goto done;
	}
	r = load_ctx_finish(&c, err);
	if (r) {
		ratings_set_scale(r, implicit ? 0 : 1, implicit ? 1 : 5, 1);
		ratings_set_implicit(r, implicit);
		/* data/toy is "toy" and data/toy-ko "toy-ko" (the words that load
		 * them); another folder in this layout goes by its path. */
		size_t n = strlen(dir);
		while (n > 1 && dir[n - 1] == '/')
			n--;
		const char *word = NULL;
		static const char *const words[] = { "toy", "toy-ko" };
		for (size_t w = 0; w < 2; w++) {
			size_t wl = strlen(words[w]);
			if (n >= wl && strncmp(dir + n - wl, words[w], wl) == 0 &&
			    (n == wl || dir[n - wl - 1] == '/'))
				word = words[w];
		}
		ratings_set_source(r, word ? word : dir);
	}
done:
	free(users);
	free(movies);
	free(rfile);
	return r;
}

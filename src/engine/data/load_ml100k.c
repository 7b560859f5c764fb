/* load_ml100k.c: the MovieLens 100K release (u.data, u.item, u.genre,
 * u.user) and its u1..u5, ua, ub folds. */
#include "engine/data/load.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/core/lineread.h"
#include "engine/data/load_impl.h"

#define ML100K_GENRES 19

/* u.genre: "name|id", ids 0..18 in order; blank lines at the end. */
static int read_genres(ratings *r, const char *path, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	char *line, *f[3];
	size_t len;
	int rc;
	while ((rc = lineread_next(lr, &line, &len, err)) == 1) {
		long ln = lineread_lineno(lr), id;
		if (len == 0)
			continue;
		if (lr_split(line, "|", f, 3) != 2 || lr_parse_long(f[1], &id) < 0 ||
		    id != ratings_n_genres(r) || !*f[0]) {
			rc = ll_fail(err, "%s:%ld: expected genre|%d", path, ln,
				     ratings_n_genres(r));
			break;
		}
		if (ratings_intern_genre(r, f[0]) < 0) {
			rc = ll_fail(err, "%s:%ld: too many genres", path, ln);
			break;
		}
	}
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
}

/* u.item: id|title|release|video release|url|19 genre flags, ISO-8859-1. */
static int read_items(ratings *r, const char *path, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	char *line, *f[6 + ML100K_GENRES];
	size_t len;
	int rc;
	while ((rc = lineread_next(lr, &line, &len, err)) == 1) {
		long ln = lineread_lineno(lr), id;
		if (len == 0)
			continue;
		int n = lr_split(line, "|", f, 6 + ML100K_GENRES);
		if (n != 5 + ML100K_GENRES) {
			rc = ll_fail(err, "%s:%ld: expected %d '|'-separated fields, found %d",
				     path, ln, 5 + ML100K_GENRES, n);
			break;
		}
		if (lr_parse_long(f[0], &id) < 0 || id < 0) {
			rc = ll_fail(err, "%s:%ld: bad item id '%.40s'", path, ln, f[0]);
			break;
		}
		char name[24];
		snprintf(name, sizeof name, "%ld", id);
		int i = ratings_find_item(r, name);
		if (i < 0)
			continue; /* a movie nobody rated */
		uint32_t mask = 0;
		for (int g = 0; g < ML100K_GENRES; g++) {
			const char *flag = f[5 + g];
			if ((flag[0] != '0' && flag[0] != '1') || flag[1]) {
				rc = ll_fail(err, "%s:%ld: genre flag %d is '%.10s', not 0 or 1",
					     path, ln, g + 1, flag);
				goto out;
			}
			if (flag[0] == '1' && g < ratings_n_genres(r))
				mask |= 1u << g;
		}
		char *title = lr_latin1_to_utf8(f[1]);
		if (!title || ratings_set_item_title(r, i, title) < 0) {
			free(title);
			rc = ll_fail(err, "%s: out of memory", path);
			break;
		}
		free(title);
		ratings_set_item_genres(r, i, mask);
	}
out:
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
}

/* u.user: id|age|gender|occupation|zip. */
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
		if (lr_split(line, "|", f, 6) != 5 || lr_parse_long(f[0], &id) < 0) {
			rc = ll_fail(err, "%s:%ld: expected id|age|gender|occupation|zip",
				     path, ln);
			break;
		}
		char name[24], info[256];
		snprintf(name, sizeof name, "%ld", id);
		int u = ratings_find_user(r, name);
		if (u < 0)
			continue;
		char *zip = lr_latin1_to_utf8(f[4]), *occ = lr_latin1_to_utf8(f[3]);
		if (zip && occ)
			snprintf(info, sizeof info, "age=%s gender=%s occupation=%s zip=%s",
				 f[1], f[2], occ, zip);
		int bad = !zip || !occ || ratings_set_user_info(r, u, info) < 0;
		free(zip);
		free(occ);
		if (bad) {
			rc = ll_fail(err, "%s: out of memory", path);
			break;
		}
	}
	lineread_close(&lr);
	return rc == 0 ? 0 : -1;
}

ratings *load_ml100k(const char *dir, ll_error *err)
{
	static const load_side_file sides[] = {
		{ "u.genre", read_genres }, /* first: u.item's flags refer to it */
		{ "u.item", read_items },
		{ "u.user", read_users },
		{ NULL, NULL },
	};
	static const load_movielens_spec spec = { "u.data", "\t", 0, "ml-100k", 1, 5, 1, sides };
	return load_movielens(dir, &spec, err);
}

/* --- folds ---------------------------------------------------------------- */

static int valid_fold(const char *fold)
{
	static const char *const folds[] = { "u1", "u2", "u3", "u4", "u5", "ua", "ub" };
	for (size_t k = 0; k < sizeof folds / sizeof *folds; k++)
		if (strcmp(fold, folds[k]) == 0)
			return 1;
	return 0;
}

/* Positions in full of the entries listed in path. */
static int fold_part(const ratings *full, const char *path, size_t **out,
		     size_t *n_out, ll_error *err)
{
	lineread *lr = lineread_open(path, err);
	if (!lr)
		return -1;
	size_t n = 0, cap = 1 << 14;
	size_t *pos = malloc(cap * sizeof *pos);
	char *line, *f[5];
	size_t len;
	int rc = pos ? 0 : ll_fail(err, "%s: out of memory", path);
	while (pos && (rc = lineread_next(lr, &line, &len, err)) == 1) {
		long ln = lineread_lineno(lr), uid, iid;
		if (len == 0)
			continue;
		if (lr_split(line, "\t", f, 5) != 4 || lr_parse_long(f[0], &uid) < 0 ||
		    lr_parse_long(f[1], &iid) < 0) {
			rc = ll_fail(err, "%s:%ld: expected user<TAB>item<TAB>rating<TAB>time",
				     path, ln);
			break;
		}
		char un[24], in[24];
		snprintf(un, sizeof un, "%ld", uid);
		snprintf(in, sizeof in, "%ld", iid);
		long at = ratings_find(full, ratings_find_user(full, un),
				       ratings_find_item(full, in));
		if (at < 0) {
			rc = ll_fail(err, "%s:%ld: user %s's rating of item %s is not in the "
				     "loaded data (a fold of another release?)", path, ln, un, in);
			break;
		}
		if (n == cap) {
			size_t *p = realloc(pos, 2 * cap * sizeof *p);
			if (!p) {
				rc = ll_fail(err, "%s: out of memory", path);
				break;
			}
			pos = p;
			cap *= 2;
		}
		pos[n++] = (size_t)at;
	}
	lineread_close(&lr);
	if (rc != 0) {
		free(pos);
		return -1;
	}
	*out = pos;
	*n_out = n;
	return 0;
}

int load_ml100k_fold(const ratings *full, const char *dir, const char *fold,
		     size_t **train, size_t *n_train, size_t **test, size_t *n_test,
		     ll_error *err)
{
	if (!valid_fold(fold))
		return ll_fail(err, "unknown ml-100k fold '%s' (expected u1..u5, ua or ub)",
			       fold);
	char base[16], tst[16];
	snprintf(base, sizeof base, "%s.base", fold);
	snprintf(tst, sizeof tst, "%s.test", fold);
	char *pb = lr_join(dir, base), *pt = lr_join(dir, tst);
	int rc = -1;
	if (!pb || !pt) {
		ll_fail(err, "%s: out of memory", dir);
	} else if (fold_part(full, pb, train, n_train, err) == 0) {
		if (fold_part(full, pt, test, n_test, err) == 0)
			rc = 0;
		else
			free(*train), *train = NULL;
	}
	free(pb);
	free(pt);
	return rc;
}

/* --- the folds as a split (split.h builds it) ----------------------------- */

int split_has_movielens_folds(const char *dir)
{
	char path[4096];
	for (int i = 1; i <= 5; i++) {
		snprintf(path, sizeof path, "%s/u%d.base", dir, i);
		if (access(path, R_OK) != 0)
			return 0;
		snprintf(path, sizeof path, "%s/u%d.test", dir, i);
		if (access(path, R_OK) != 0)
			return 0;
	}
	return 1;
}

/* One comma-separated word of a spec: "u3", "ua", "u1-u5" (or "u1-5"). */
static int add_spec_word(split *s, const ratings *full, const char *dir, const char *w,
			 ll_error *err)
{
	int a, b;
	char tail[8];
	if (strcmp(w, "ua") == 0 || strcmp(w, "ub") == 0) {
		a = b = 0;
	} else if (sscanf(w, "u%d-u%d%1s", &a, &b, tail) == 2 ||
		   sscanf(w, "u%d-%d%1s", &a, &b, tail) == 2) {
		if (a < 1 || b > 5 || a > b)
			return ll_fail(err, "bad MovieLens fold range '%s' (folds are u1..u5)", w);
	} else if (sscanf(w, "u%d%1s", &a, tail) == 1 && a >= 1 && a <= 5) {
		b = a;
	} else {
		return ll_fail(err, "unknown MovieLens fold '%s' (try u1-u5, u1, ua, ub)", w);
	}
	for (int i = a; i <= b; i++) {
		char name[32];
		if (a == 0)
			snprintf(name, sizeof name, "%s", w);
		else
			snprintf(name, sizeof name, "u%d", i);
		size_t *tr = NULL, *te = NULL, ntr = 0, nte = 0;
		if (load_ml100k_fold(full, dir, name, &tr, &ntr, &te, &nte, err) < 0)
			return -1;
		int rc = split_add(s, name, ratings_subset(full, tr, ntr),
				   ratings_subset(full, te, nte), err);
		free(tr), free(te);
		if (rc < 0)
			return -1;
	}
	return 0;
}

split *split_movielens(const ratings *full, const char *dir, const char *spec, ll_error *err)
{
	split *s = split_new(spec);
	char *copy = strdup(spec);
	if (!s || !copy) {
		ll_fail(err, "out of memory while splitting");
		goto fail;
	}
	char *save = NULL;
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*w))
			w++;
		if (add_spec_word(s, full, dir, w, err) < 0)
			goto fail;
	}
	if (split_n_folds(s) == 0) {
		ll_fail(err, "empty MovieLens fold list '%s'", spec);
		goto fail;
	}
	free(copy);
	return s;
fail:
	free(copy);
	split_free(&s);
	return NULL;
}

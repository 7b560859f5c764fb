/* load.h: reading ratings from files, with the format detected from the
 * folder or file.
 *
 * Formats:
 *   toy      a folder with ratings.csv (user,item,rating header), and
 *            optionally movies.csv (item,title,genres) and users.csv (user):
 *            the project's own data/toy. Users listed in users.csv exist even
 *            without ratings.
 *   ml-100k  a folder with u.data (user<TAB>item<TAB>rating<TAB>time), u.item
 *            (ISO-8859-1, '|'-separated, 19 genre flags), u.genre, u.user.
 *   ml-1m    a folder with ratings.dat (user::item::rating::time), movies.dat
 *            (ISO-8859-1, item::title::A|B), users.dat.
 *   ml-csv   a folder with a MovieLens CSV release's ratings.csv (header
 *            userId,movieId,rating,timestamp; half stars), movies.csv
 *            (quoted titles) and, when present, tags.csv (each movie's user
 *            tags, ratings_item_tags); CRLF line ends are accepted everywhere.
 *   generic  one .csv/.tsv/.dat/.data file of user,item,rating[,timestamp]
 *            (comma or tab, detected from the first line), names or numbers,
 *            with or without a header (a first line whose rating field is not
 *            a number is a header). Ratings must lie in 0..10. Fields may be
 *            quoted ("Kim, Cheolsu"); spaces around fields are dropped.
 *
 * In every format blank lines are skipped and CRLF line ends accepted. In
 * the toy layout, when users.csv and movies.csv both exist, a rating of a
 * user or item they do not list is an error (it catches typos in names).
 *
 * Users and items are named by their external ids as strings ("196", or
 * "Cheolsu"); MovieLens items get titles and genres, users an info string
 * ("age=24 gender=M occupation=technician zip=85711"). Dense indexes follow
 * the order of first appearance in the ratings file (toy: the order of
 * users.csv and movies.csv). Only MovieLens users and items that have ratings
 * are kept.
 *
 * Scale: 1..5 step 1 for ml-100k, ml-1m and the toy data; 0.5..5 step 0.5
 * for the CSV releases; generic: the data's min..max, step 1 when every
 * value is whole, 0.5 when every value is a multiple of 0.5, else 0.1 or 0.01.
 *
 * Errors: a malformed line fails the whole load with "file:line: reason"
 * (wrong field count, a rating that is not a number, NaN or infinite, a rating
 * off the scale, a bad user or item id, invalid UTF-8, a NUL byte), as do an
 * empty file ("no ratings") and a missing or unreadable file ("file: strerror").
 *
 * Duplicate policy: a (user, item) pair rated twice is an error in every
 * format, naming both lines ("file:12: duplicate rating of user 3 for item 7
 * (first rated on line 5)"). MovieLens files never contain duplicates, and
 * silently keeping one of two conflicting ratings would hide a broken file. */
#ifndef LL_LOAD_H
#define LL_LOAD_H

#include <stddef.h>

#include "engine/core/err.h"
#include "engine/data/ratings.h"
#include "engine/data/split.h"

typedef enum load_format {
	LOAD_UNKNOWN = 0,
	LOAD_TOY,
	LOAD_ML100K,
	LOAD_ML1M,
	LOAD_MLCSV,
	LOAD_GENERIC,
} load_format;

/* Load a dataset from a folder or file, detecting the format:
 * a folder with u.data (ml-100k), ratings.dat (ml-1m), ratings.csv (MovieLens CSV),
 * ratings.tsv/csv in data/toy style; a single .csv/.tsv/.dat/.data file (generic). */
ratings *load_path(const char *path, ll_error *err);

/* The format of a folder or file, or LOAD_UNKNOWN with a message in err. */
load_format load_detect(const char *path, ll_error *err);
/* "toy", "ml-100k", "ml-1m", "ml-csv", "generic", "unknown". */
const char *load_format_name(load_format f);

/* One format each, without detection. dir is a folder, file a file. */
ratings *load_toy(const char *dir, ll_error *err);
ratings *load_ml100k(const char *dir, ll_error *err);
ratings *load_ml1m(const char *dir, ll_error *err);
ratings *load_mlcsv(const char *dir, ll_error *err);
ratings *load_generic(const char *file, ll_error *err);

/* The MovieLens ml-100k folds (u1..u5, ua, ub): positions in `full` (loaded from the
 * same folder by load_path) of the entries of <dir>/<fold>.base and <dir>/<fold>.test.
 * The caller frees *train and *test. */
int load_ml100k_fold(const ratings *full, const char *dir, const char *fold,
		     size_t **train, size_t *n_train, size_t **test, size_t *n_test,
		     ll_error *err);

/* A split of MovieLens's own folds, read from <dir>/<name>.base and <name>.test
 * (ml-100k). spec: "u1-u5", "u1", "ua", "ub", or a comma list "ua,ub";
 * "u2-u4" is also accepted. full must be the store loaded from dir. */
split *split_movielens(const ratings *full, const char *dir, const char *spec, ll_error *err);

/* True when dir holds ml-100k's u1..u5 folds (u1.base ... u5.test). */
int split_has_movielens_folds(const char *dir);

#endif

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
 *   generic  one file of user,item[,rating[,timestamp]] lines, names or
 *            numbers, separated by commas, tabs, "::", ';' or runs of blanks
 *            (spaces, or tabs lined up as "1\t\t2" with no tab alone between
 *            two fields, which makes a TSV file), detected from the first
 *            line. Ratings must lie in 0..10. Fields may be quoted ("Kim,
 *            Cheolsu") in comma and ';' files; spaces around fields are
 *            dropped. "-" and "/dev/stdin" read standard input (once;
 *            not a terminal, which the lab reads its commands from).
 *
 * Headers (generic files and the toy layout's ratings file): a first line
 * of column names chooses the columns by name, in any order and without
 * regard to case, '_' or '-': user (userId, user_id, uid), item (itemId,
 * movieId, movie_id, movie, iid), rating (score, value), timestamp (time).
 * So "item,user,rating" and "rating,user,item" are read right. A header with
 * a name that is none of these is an error ("file:1: unknown column"), as
 * is one that names a column twice or has no user or item column. A line of
 * names none of which is a number is such a header too, except two names
 * alone (a user,item log of names). Without a header the fields are user,
 * item, rating and an optional timestamp, in that order; a file whose first
 * line has two fields is a user,item log. With a header the timestamp, when
 * it is the last column, may be left out of a line; every other column
 * must be in every line.
 *
 * Implicit feedback: a file without a rating column (a log of user,item
 * clicks or views, with or without a header, perhaps with a timestamp) is
 * implicit data: each line is an entry of value 1 and the store is marked
 * implicit (ratings_implicit), scale 0..1 step 1, for ials, bpr, logmf and
 * the NCF models. A pair listed twice is still an error (see below).
 *
 * Compression: a file (or standard input) whose first bytes are gzip's is
 * inflated as it is read (ratings.csv.gz, zcat-free); this needs latentlab
 * built with zlib, and says so otherwise. Only the ratings file of a folder
 * may be compressed, and a single compressed file is a generic file.
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
 * off the scale, a bad user or item id, invalid UTF-8, a NUL byte, an unknown
 * header), as do an empty file ("no ratings"), a missing or unreadable file
 * ("file: strerror") and a damaged gzip stream. Standard input is "stdin" in
 * messages. Sizes are bounded: a line at most 16 MB, a load at most 2^28
 * entries (LOAD_MAX_RATINGS) and 2^32 lines, whatever a stream holds.
 *
 * Speed: the MovieLens ratings files (and generic files of numeric ids) are
 * read in blocks of whole lines and parsed where they lie, numbers by hand,
 * with array maps for ids below 2^24; the store is sized from the file's
 * size. A regular file of 4 MB or more is read by two threads where a second
 * processor is there (load_split.c: the second half scanned aside), and a
 * big store grouped by user is indexed by two (ratings_index.c): the store
 * and every message are the same as with one (engine/core/halves.h sets it
 * for the process). bench/bench_load times it against `wc -l` on the same
 * file.
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

/* 1 for the names of standard input: "-" and "/dev/stdin". */
int load_is_stdin(const char *path);

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

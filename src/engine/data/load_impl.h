/* load_impl.h: what the per-format loaders (load_*.c) share. Private to
 * the loaders; callers use load.h. */
#ifndef LL_LOAD_IMPL_H
#define LL_LOAD_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/err.h"
#include "engine/core/lineread.h"
#include "engine/data/ratings.h"

/* A load in progress: the store, and the file line of every entry so that a
 * duplicate pair can name both lines. Numeric ids are cached in arrays
 * because hashing their text for every line would dominate the load. The
 * lines are kept as an array only once an entry's line is not its position
 * plus that of the first (a blank line, a comment, a header in between):
 * in a MovieLens file it never is, and 4 bytes an entry are saved. */
typedef struct load_ctx {
	ratings *r;
	const char *file;   /* the ratings file, for messages */
	uint32_t *lines;    /* NULL while line = line_base + position */
	size_t cap_lines;
	long line_base;
	int32_t *ucache, *icache;
	size_t ucap, icap;
	int implicit;       /* a user,item log: its messages say so */
	int last_user, last_item; /* the names met last (load_generic.c), or -1 */
} load_ctx;

/* The most entries a load makes (a file, or a stream on standard input,
 * which has no size to check first): 2^28, 4 GB of entries. MovieLens 32M
 * has 32 million. */
#define LOAD_MAX_RATINGS ((size_t)1 << 28)

/* 0, or -1 (out of memory). file must outlive the context. */
int load_ctx_init(load_ctx *c, const char *file, ll_error *err);
/* Give up: frees the store and everything else. */
void load_ctx_abort(load_ctx *c);
/* Append an entry read from line `line`. */
int load_ctx_add(load_ctx *c, int user, int item, float value, uint32_t time,
		 long line, ll_error *err);
/* Note that entry n comes from `line` (once the lines stop following the
 * positions, they are kept in an array). 0, or -1 past 2^32 lines. */
int load_ctx_line(load_ctx *c, size_t n, long line, ll_error *err);
/* Dense index of a numeric MovieLens id written as text; -1 with
 * "file:line: bad user id 'x'" when it is not a positive integer. */
int load_ctx_user(load_ctx *c, const char *text, long line, ll_error *err);
int load_ctx_item(load_ctx *c, const char *text, long line, ll_error *err);
/* Dense index of a user or item named by a canonical decimal number (no
 * sign, no leading zero: the name is the number's text), through the
 * cache; known_only: -2 when it is not in the store yet. -1: out of memory. */
int load_ctx_number(load_ctx *c, int is_user, long id, int known_only, ll_error *err);
/* Reserve room for the entries of a file of `size` bytes (0: unknown)
 * whose first `sample` bytes held `lines` lines. Only a hint. */
void load_ctx_expect(load_ctx *c, size_t size, size_t sample, long lines);
/* That hint's count: the entries `size` bytes hold at the sample's line
 * length, and a tenth (at most LOAD_MAX_RATINGS; 0 when unknown). */
size_t load_expect(size_t size, size_t sample, long lines);
/* Finish: "no ratings" when empty, duplicate pairs, then the indexes.
 * Returns the store (owned by the caller) or NULL, freeing everything. */
ratings *load_ctx_finish(load_ctx *c, ll_error *err);

/* Reading a ratings file line by line, with a fast path for the common
 * line: "U<sep>I<sep>R<sep>T" of plain digits (R perhaps with a decimal
 * point) is parsed where it lies in the buffer, by hand, and added at once
 * (ids through the numeric cache, the rating checked against lo..hi on the
 * step grid as load_rating does). Every other line (and every line while
 * `on` is 0) is cut out as lineread_next hands a line and given to fn with
 * the file's name for messages: fn says what is wrong with it, or adds it
 * itself, or skips it; it may turn the fast path on once it knows the
 * columns. Both paths give the same entries for the lines both take. */
typedef struct load_fast {
	int on;
	const char *sep;      /* "\t", "::", "," or ";" */
	float lo, hi, step;
	int names;            /* ids are names: "007" is not the number 7 */
	int known_only;       /* users and items must be in the store already */
	long skip_line;       /* a line left to fn (the header, 1), or 0 */
} load_fast;
typedef int (*load_line_fn)(void *arg, const char *file, char *line, size_t len, long ln,
			    ll_error *err);
int load_lines(load_ctx *c, const char *path, load_fast *fast, load_line_fn fn, void *arg,
	       ll_error *err);

/* A big file's second half, scanned on a second thread while the loading
 * thread reads the first (load_split.c). load_half_prepare, before the first
 * chunk: when the file may be cut (a regular file, ll_halves_worth), makes
 * the first chunk short and returns 1, else 0. load_half_start, only after
 * it returned 1, after that chunk (of sample bytes and sample_lines lines):
 * when the fast path is on and not known_only, starts the thread on the
 * lines from about the middle on and makes lr end before them; else NULL,
 * and lr reads on to the end. load_half_join, when lr has
 * ended: adds the entries the thread took, as lines *ln + 1 on (*ln grows by
 * their count), and sets lr to read on from the first line it did not take;
 * *h is freed. 0, or -1 with a message. load_half_cancel stops and frees a
 * split whose load failed (nothing when *h is NULL). */
typedef struct load_half load_half;
int load_half_prepare(lineread *lr);
load_half *load_half_start(lineread *lr, const load_fast *fast, size_t sample,
			   long sample_lines);
int load_half_join(load_half **h, load_ctx *c, lineread *lr, long *ln, ll_error *err);
void load_half_cancel(load_half **h);

/* Open a ratings file for reading: a regular file, standard input for "-"
 * and "/dev/stdin", either of them gzip-compressed (load_input.c). Messages
 * name it by load_shown_name. */
lineread *load_open(const char *path, ll_error *err);
/* How messages name a source: "stdin" for "-", else the path. */
const char *load_shown_name(const char *path);

/* One line of a chunk (lineread_chunk) cut out as lineread_next hands a
 * line: s starts it, *next gets the start of the following one; NUL bytes
 * refused ("file:line: NUL byte"), a "\r" before the "\n" dropped, the line
 * NUL-terminated. Returns its length, or -1. */
long load_cut_line(char *s, char **next, const char *file, long line, ll_error *err);

/* Parse a rating field: a finite number in lo..hi on the step grid from lo
 * (step 0: any value). Messages are "file:line: reason". */
int load_rating(const char *text, float lo, float hi, float step,
		const char *file, long line, float *out, ll_error *err);
/* Parse a timestamp field (seconds since the epoch). */
int load_time(const char *text, const char *file, long line, uint32_t *out,
	      ll_error *err);
/* Check a line is UTF-8; "file:line: invalid UTF-8" otherwise. */
int load_utf8(const char *line, size_t len, const char *file, long line_no,
	      ll_error *err);

/* Read delimited user,item[,rating[,timestamp]] lines (the generic format of
 * load.h: comma, tab, "::", ';' or blank separated, detected from the first
 * line; a header whose names choose the columns; blank lines skipped) from
 * path into c, with ratings in lo..hi on the step grid (step 0: any).
 * known_only: every user and item must already be in the store (the toy
 * data lists them first). *implicit gets 1 when the file has no rating
 * column (every entry then has the value 1). */
int load_delimited(load_ctx *c, const char *path, float lo, float hi, float step,
		   int known_only, int *implicit, ll_error *err);

/* Read a MovieLens ratings file: user, item, rating, timestamp separated by
 * sep ("\t", "::" or ","), numeric ids, ratings on lo..hi by step; header: skip
 * line 1. Blank lines are skipped. */
int load_numeric_ratings(load_ctx *c, const char *path, const char *sep,
			 int header, float lo, float hi, float step, ll_error *err);

/* Genre names separated by '|' ("Action|Comedy") into a mask over r's genre
 * dictionary, adding new names; "(no genres listed)" is no genre. */
int load_genres(ratings *r, char *list, uint32_t *mask, const char *path,
		long line, ll_error *err);

/* An optional file beside the ratings (titles, genres, user info) and the
 * function that reads it into the store; a missing file is fine, a
 * malformed one fails. */
typedef struct load_side_file {
	const char *name;
	int (*read)(ratings *r, const char *path, ll_error *err);
} load_side_file;

/* What tells the MovieLens releases apart: the ratings file and its format,
 * the scale, and the side files (terminated by a { NULL, NULL } row). */
typedef struct load_movielens_spec {
	const char *ratings_file; /* "u.data" */
	const char *sep;          /* "\t", "::" or "," */
	int header;               /* skip line 1 */
	const char *format;       /* for the source label: "ml-100k" */
	float lo, hi, step;
	const load_side_file *sides;
} load_movielens_spec;

/* Load a MovieLens folder as the spec describes. */
ratings *load_movielens(const char *dir, const load_movielens_spec *spec, ll_error *err);

/* Trim ASCII spaces from both ends of s in place; returns s. */
char *load_trim(char *s);

/* A field for a message, in buf: at most 40 bytes, control characters and
 * non-ASCII bytes (maybe not UTF-8 at all) shown as '?'. Returns buf. */
const char *load_shown_field(const char *text, char buf[48]);

/* The source label for a MovieLens folder: its base name when it starts
 * with "ml-" ("ml-100k"), else "<format> (<dir>)". The caller frees it. */
char *load_source_name(const char *dir, const char *format);

#endif

/* cmd_export.h: data out of a trained model, for the lab's `export` command
 * and the batch subcommands `latentlab export`, `predict` and `recommend`.
 *
 * What: users, items (index, id, title), user-factors, item-factors (id,
 * title, f0..fk-1), user-biases, item-biases (global mean first in CSV and
 * JSON), predictions for pairs, top-n recommendations. As CSV (numbers with
 * 10 significant digits, as in JSON: a float's exact value; the global mean,
 * a double, with 17), JSON (an array of objects) or NumPy
 * .npy (float32, C order, little or big endian as this machine is: factors
 * are n x k, biases and predictions 1-D; row i is index i of `users` or
 * `items`). */
#ifndef LL_CMD_EXPORT_H
#define LL_CMD_EXPORT_H

#include <stdio.h>

#include "engine/core/err.h"
#include "engine/data/ratings.h"
#include "engine/model/model.h"

typedef enum export_format { EXPORT_CSV, EXPORT_JSON, EXPORT_NPY } export_format;

/* A pair to predict; user or item -1 when unknown to the data or model. */
typedef struct export_pair {
	char *user_id, *item_id;
	int user, item;
} export_pair;

typedef struct export_req {
	const char *what;        /* one of export_whats */
	export_format fmt;
	int n;                   /* recommendations per user */
	const int *users;        /* recommendations for these (NULL: all) */
	int n_users;
	const export_pair *pairs;/* predictions */
	size_t n_pairs;
	int drop_unknown;        /* Spark's coldStartStrategy=drop (else nan) */
	int include_rated;       /* recommendations may repeat rated items */
} export_req;

extern const char *const export_whats; /* "users|items|user-factors|..." */

int export_parse_format(const char *s, export_format *out);
/* Write what q asks for; 0, or -1 with a message. */
int export_write(const ratings *r, const model *m, const export_req *q, FILE *out, ll_error *err);

/* Read "user,item" lines (comma, tab or blanks; a header line naming user
 * and item columns is skipped, and chooses their order). */
int export_read_pairs(const ratings *r, const model *m, FILE *f, const char *name,
		      export_pair **out, size_t *n, ll_error *err);
void export_pairs_free(export_pair *p, size_t n);

#endif

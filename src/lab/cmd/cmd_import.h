/* cmd_import.h: factors back into a model, from the files `export` writes
 * (cmd_export.h), for the lab's `import` command and `latentlab import`.
 *
 * A side (users or items) comes from CSV with a header (id, [title,]
 * f0..f(k-1), as export user-factors and item-factors write it), JSON (an
 * array of objects with those keys) or NumPy .npy (float32 or float64,
 * n x k), whose rows are named by an ids file (what export users or items
 * writes, CSV or JSON) or else are the data's users or items in index
 * order. Biases, for the models that add them: id,bias with the global mean
 * first (export user-biases, item-biases), or a 1-D .npy with the mean
 * given. The format of each file is found from its first bytes. */
#ifndef LL_CMD_IMPORT_H
#define LL_CMD_IMPORT_H

#include "engine/core/err.h"
#include "engine/core/params.h"
#include "engine/data/ratings.h"
#include "engine/model/model.h"

/* Bounds of what is read, as the model file's (model_impl.h). */
#define IMPORT_MAX_K 10000
#define IMPORT_MAX_ROWS (1 << 27)
#define IMPORT_MAX_BYTES (8.0 * (1u << 30)) /* the numbers of one file */

typedef enum import_kind { IMPORT_FACTORS, IMPORT_BIASES, IMPORT_IDS } import_kind;

/* What one file holds. */
typedef struct import_table {
	int n, k;          /* rows, and numbers per row (biases 1, ids 0) */
	char **ids;        /* n ids; NULL for a .npy, whose rows have none */
	char **titles;     /* n titles (an entry NULL: none), or NULL */
	long *lines;       /* the line of each row, for messages (NULL: .npy) */
	float *v;          /* n x k, row-major */
	double mean;       /* biases: the "(global mean)" row, when has_mean */
	int has_mean;
} import_table;

/* Read path as kind into t (zeroed first). 0, or -1 with "path:line: what
 * is wrong" (a .npy: "path: ..."). */
int import_read(const char *path, import_kind kind, import_table *t, ll_error *err);
void import_table_free(import_table *t);

typedef struct import_req {
	const char *user_factors, *item_factors;  /* required */
	const char *user_ids, *item_ids;          /* names of .npy rows, or NULL */
	const char *user_biases, *item_biases;    /* both or neither */
	const char *algo;      /* NULL: biased when biases are given, else als */
	const params *opts;    /* the algorithm's options, or NULL */
	double mean;           /* the global mean of .npy biases */
	int has_mean;
	float lo, hi;          /* the rating scale, else the data's */
	int has_scale;
} import_req;

/* A model of q->algo holding the factors and biases of q's files. With data
 * r, each row goes to the index of its id in r, and the files must hold the
 * data's first users and items (all of those, once each); without (r NULL),
 * rows keep the files' order and *ids gets a store of their names (titles
 * from the item file) to save with the model. NULL with a message. */
model *import_model(const import_req *q, const ratings *r, ratings **ids, ll_error *err);

#endif

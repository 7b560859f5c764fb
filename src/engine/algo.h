/* algo.h: the table of algorithms, by name, that model_new() makes.
 * Adding a model: write its file, then add one row to the table in algo.c. */
#ifndef LL_ALGO_H
#define LL_ALGO_H

#include <stdio.h>

#include "engine/model/model.h"

typedef struct algo {
	const char *name;     /* "biased" */
	const char *summary;  /* one line for --help and `help train` */
	/* Make an unfitted model, reading its options from opts. */
	model *(*create)(params *opts, ll_error *err);
	int ranking_only;     /* 1 for models that rank but do not predict ratings */
} algo;

const algo *algo_find(const char *name);

/* Make a model of the named algorithm; reads and checks its options (NULL:
 * defaults). An unknown name gets a "did you mean". */
model *model_new(const char *name, params *opts, ll_error *err);

/* Read back what model_save/model_write wrote; `name` is for messages. */
model *model_load(const char *path, ll_error *err);
model *model_read(FILE *f, const char *name, ll_error *err);
/* The whole table, for help and completion. */
const algo *algo_table(int *n);

#endif

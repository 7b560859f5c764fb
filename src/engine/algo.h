/* algo.h: the table of algorithms, by name, that model_new() makes.
 * Adding a model: write its file, then add one row to the table in algo.c. */
#ifndef LL_ALGO_H
#define LL_ALGO_H

#include "engine/model/model.h"

typedef struct algo {
	const char *name;     /* "biased" */
	const char *summary;  /* one line for --help and `help train` */
	/* Make an unfitted model, reading its options from opts. */
	model *(*create)(params *opts, ll_error *err);
	int ranking_only;     /* 1 for models that rank but do not predict ratings */
} algo;

const algo *algo_find(const char *name);
/* The whole table, for help and completion. */
const algo *algo_table(int *n);

#endif

/* algo.c: the algorithm table. One row per model; keep them grouped. */
#include "engine/algo.h"

#include <string.h>

/* Constructors, one per model file. */

static const algo table[] = {
	{ NULL, NULL, NULL, 0 }, /* placeholder until the first model lands; remove then */
	/* baselines (baseline.c) */
	/* matrix factorization (mf_*.c) */
	/* neighbours (knn_*.c) */
	/* neural (ncf_*.c) */
};

const algo *algo_find(const char *name)
{
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (table[i].name && strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

const algo *algo_table(int *n)
{
	*n = (int)(sizeof table / sizeof *table);
	return table;
}

/* nbcli.h: small helpers shared by the `quantize` and `ann` subcommands:
 * finding and loading a dataset, number lists, fitting a model. */
#ifndef LL_NBCLI_H
#define LL_NBCLI_H

#include "engine/core/err.h"
#include "engine/model/model.h"
#include "engine/data/ratings.h"

/* 'toy', a path, or a bare name under $LATENTLAB_DATA; NULL (with a hint on
 * stderr naming cmd) when missing. The caller frees the path. */
char *nbcli_resolve(const char *cmd, const char *arg);
ratings *nbcli_load(const char *cmd, const char *arg, char **path_out);

/* A comma list of whole numbers ("1,2,4,8") into out[max]; count or -1. */
int nbcli_int_list(const char *s, int *out, int max);

/* Fit algo with options (not modified), giving it seed unless the options
 * set one or the model takes none; NULL with a message. */
model *nbcli_fit(const char *algo, const params *opts, unsigned long seed, const ratings *train,
	ll_error *err);


#endif

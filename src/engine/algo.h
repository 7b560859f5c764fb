/* algo.h: the table of algorithms, by name, that model_new() makes, and the
 * names other libraries give them (Surprise's classes, Spark's ALS).
 * Adding a model: write its file, then add one row to the table in algo.c. */
#ifndef LL_ALGO_H
#define LL_ALGO_H

#include <stdio.h>

#include "engine/model/model.h"

typedef struct algo {
	const char *name;     /* "biased" */
	const char *summary;  /* one line for --help and `help train`; N_() text, _() where shown */
	/* Make an unfitted model, reading its options from opts. */
	model *(*create)(params *opts, ll_error *err);
	int ranking_only;     /* 1 for models that rank but do not predict ratings */
	const char *params;   /* the options it reads, "k|lr|reg|epochs", for completion */
} algo;

/* Another library's name for one of ours, with that library's defaults
 * where they differ from ours (applied unless the option is given). */
typedef struct algo_alias {
	const char *name;     /* "SVD" */
	const char *algo;     /* "biased" */
	const char *preset;   /* "variant=means" or "" */
	const char *library;  /* "Surprise" */
	const char *note;     /* one line for help; N_() text, _() where shown */
} algo_alias;

const algo *algo_find(const char *name);
/* The table row for a name or an alias; *alias is set to the alias row or
 * NULL. NULL for an unknown name. */
const algo *algo_resolve(const char *name, const algo_alias **alias);

/* Make a model of the named algorithm; reads and checks its options (NULL:
 * defaults). Accepts the aliases (SVD, KNNBaseline, ALS, ...), Spark's
 * implicitPrefs=true (als becomes ials) and Surprise's sim_options.* keys.
 * An unknown name gets a "did you mean" and a pointer to
 * `latentlab algorithms`. */
model *model_new(const char *name, params *opts, ll_error *err);

/* Read back what model_save/model_write wrote; `name` is for messages.
 * model_load reads regular files only (a FIFO or a device is refused). The
 * _ids forms also give the ids the file carries (model_save_ids), as a
 * store of names without ratings (the caller frees it), or NULL when the
 * file has none; model_ids_match checks data against them. */
model *model_load(const char *path, ll_error *err);
model *model_read(FILE *f, const char *name, ll_error *err);
model *model_load_ids(const char *path, ratings **ids, ll_error *err);
model *model_read_ids(FILE *f, const char *name, ratings **ids, ll_error *err);
/* The whole table, for help and completion. */
const algo *algo_table(int *n);
const algo_alias *algo_aliases(int *n);

/* One option of an algorithm, for `help ALGO` (algo_help.c). */
typedef struct algo_option {
	char *name;           /* "k" */
	char *aliases;        /* "rank|factors|n_factors", or "" */
	char *def;            /* the default its constructor uses, as text; "" for none */
	char *takes;          /* "a number", "a whole number from 1 to 128", "l2|l1" */
	const char *meaning;  /* N_() text (translate where shown), NULL if none */
	int read;             /* 0: not read by the constructor itself (als's alpha,
			       * which only implicitPrefs=true, that is ials, reads) */
} algo_option;

/* The options of a: those its constructor reads, in that order, with their
 * defaults (found by running it on a recording option list, so they are
 * the code's own), then those the table's params name besides. NULL with
 * err when the constructor fails; *n gets the count. */
algo_option *algo_options(const algo *a, int *n, ll_error *err);
void algo_options_free(algo_option **opts, int n);
/* The meaning of an option of the algorithm, or NULL. */
const char *algo_option_meaning(const char *algo, const char *option);

#endif

/* params.h: named options for models and tools ("k=32", "lr=0.01").
 *
 * Callers fill a params list from key=value words; a model reads what it
 * understands with the getters, giving each option its accepted names
 * separated by '|' ("k|rank|factors") and a default. Getters never fail:
 * a value that does not parse is recorded, and params_finish() then reports
 * it, or any option that nobody read, with the closest known name. */
#ifndef LL_PARAMS_H
#define LL_PARAMS_H

#include <stdbool.h>

#include "engine/core/err.h"

typedef struct params params;

/* The most options one list holds (a line of 80k options is refused, not
 * searched quadratically). */
#define PARAMS_MAX 256

params *params_new(void);
void params_free(params **p);
params *params_clone(const params *p);

/* Set key to value (replacing). */
int params_set(params *p, const char *key, const char *value);
/* Parse one "key=value" word. */
int params_set_kv(params *p, const char *word, ll_error *err);

/* Getters: names is "name|alias|alias"; the first name is the canonical one. */
double params_double(params *p, const char *names, double def);
/* A whole number that fits an int (every caller stores one): 4294967298 is
 * a bad value, never 2. */
long params_long(params *p, const char *names, long def);
/* A whole number from lo to hi, else a bad value naming the range. */
long params_long_in(params *p, const char *names, long def, long lo, long hi);
bool params_bool(params *p, const char *names, bool def);
/* The raw string, or def. */
const char *params_str(params *p, const char *names, const char *def);
/* One of a fixed set of words ("l2|l1"); returns its position in choices. */
int params_choice(params *p, const char *names, const char *choices, int def);

/* Record a range error for an option already read ("lr must be > 0"). */
void params_invalid(params *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* 0 when every value parsed and every option was read; otherwise -1 with
 * "unknown option 'lrr' (did you mean 'lr'?)" or "bad value for k: 'x'". */
int params_finish(const params *p, ll_error *err);

/* What a model reads, for `help ALGO`: after params_record(p), every getter
 * also notes the option it was asked for (once, in the order asked), with
 * its default as text and what it takes, so help shows the defaults the
 * code uses and cannot drift from them. */
typedef struct params_use {
	const char *names;  /* "k|rank|factors": the first is the canonical name */
	const char *def;    /* "2", "0.01", "false", "l2", "" */
	const char *takes;  /* "a number", "a whole number from 1 to 50" (in the
			     * session's language), "l2|l1", "text" (never translated) */
} params_use;
void params_record(params *p);
int params_recorded(const params *p);
const params_use *params_recorded_at(const params *p, int i);

/* Number of options and their keys/values, in the order they were set. */
int params_count(const params *p);
const char *params_key(const params *p, int i);
const char *params_value(const params *p, int i);

/* Edit distance, for "did you mean" suggestions everywhere. */
int ll_edit_distance(const char *a, const char *b);

#endif

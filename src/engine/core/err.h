/* err.h: error reporting for the engine.
 *
 * The engine never prints, aborts or exits: a function that can fail returns -1
 * (or NULL) and writes a one-line message into the caller's ll_error. Messages
 * about input files start with "file:line: ". */
#ifndef LL_ERR_H
#define LL_ERR_H

#include <stddef.h>

typedef struct ll_error {
	char msg[512];
} ll_error;

/* Format a message into err (which may be NULL) and return -1, so that
 * failures read `return ll_fail(err, "...", ...);`. */
int ll_fail(ll_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefix an existing message ("while loading X: ..."). Returns -1. */
int ll_prefix(ll_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Turn GSL's abort-on-error handler off once per process: an abort would
 * leave the terminal in raw mode. Safe to call many times. */
void ll_gsl_quiet(void);

#endif

/* err.c: error messages for the engine. */
#include "engine/core/err.h"

#include "engine/core/intl.h"
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int ll_fail(ll_error *err, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		/* Translated here, so every message of the engine and the lab
		 * reaches the user in the chosen language (po/, keyword ll_fail). */
		vsnprintf(err->msg, sizeof err->msg, _(fmt), ap);
		va_end(ap);
	}
	return -1;
}

int ll_prefix(ll_error *err, const char *fmt, ...)
{
	if (!err)
		return -1;
	char head[256], old[sizeof err->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, _(fmt), ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	char joined[sizeof head + sizeof old];
	snprintf(joined, sizeof joined, "%s%s", head, old);
	snprintf(err->msg, sizeof err->msg, "%.*s", (int)sizeof err->msg - 1, joined);
	return -1;
}

void ll_gsl_quiet(void)
{
	static int done;
	if (!done) {
		gsl_set_error_handler_off();
		done = 1;
	}
}

/* labcheck.h: running lab commands in unit tests (with check.h).
 * The test sets L to its session; ok() runs a line that must succeed and
 * returns its views, run() drops them, num() evaluates an expression, and
 * fails() expects an error whose message contains part. */
#ifndef LL_LABCHECK_H
#define LL_LABCHECK_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lab/lab.h"

static lab *L;

static inline view *ok(const char *line)
{
	view *v = NULL;
	ll_error e;
	int rc = lab_exec(L, line, &v, &e);
	if (rc != 0)
		fprintf(stderr, "'%s' failed: %s\n", line, e.msg);
	CHECK(rc == 0);
	return v;
}

static inline void run(const char *line)
{
	view *v = ok(line);
	view_free(&v);
}

static inline double num(const char *expr)
{
	char buf[64];
	ll_error e;
	if (lab_expr(L, expr, buf, sizeof buf, &e) != 0) {
		fprintf(stderr, "{{%s}} failed: %s\n", expr, e.msg);
		CHECK(0);
		return NAN;
	}
	return atof(buf);
}

static inline void fails(const char *line, const char *part)
{
	view *v = NULL;
	ll_error e;
	CHECK(lab_exec(L, line, &v, &e) == -1);
	CHECK(v == NULL);
	if (!strstr(e.msg, part))
		fprintf(stderr, "'%s': got \"%s\"\n", line, e.msg);
	CHECK(strstr(e.msg, part) != NULL);
}

#endif

/* check.h: a tiny unit-test harness for Automake's test driver.
 * CHECK(cond) records a failure with file:line and goes on; a test program
 * ends with `return check_done();` (exit 0 when all passed, 1 otherwise). */
#ifndef LL_CHECK_H
#define LL_CHECK_H

#include <math.h>
#include <stdio.h>

static int check_failed, check_count;

#define CHECK(cond) do { \
	check_count++; \
	if (!(cond)) { \
		check_failed++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_NEAR(a, b, tol) do { \
	double check_a_ = (a), check_b_ = (b); \
	check_count++; \
	if (!(fabs(check_a_ - check_b_) <= (tol))) { \
		check_failed++; \
		fprintf(stderr, "%s:%d: check failed: %s = %.9g, expected %.9g (tol %g)\n", \
			__FILE__, __LINE__, #a, check_a_, check_b_, (double)(tol)); \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a_ = (a), *check_b_ = (b); \
	check_count++; \
	if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) { \
		check_failed++; \
		fprintf(stderr, "%s:%d: check failed: %s = \"%s\", expected \"%s\"\n", \
			__FILE__, __LINE__, #a, check_a_ ? check_a_ : "(null)", \
			check_b_ ? check_b_ : "(null)"); \
	} \
} while (0)

static inline int check_done(void)
{
	printf("%d checks, %d failed\n", check_count, check_failed);
	return check_failed ? 1 : 0;
}

#endif

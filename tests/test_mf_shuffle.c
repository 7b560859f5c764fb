/* test_mf_shuffle.c: mf_shuffle, which draws its swaps ahead of time so that
 * their slots can be fetched early, makes the very permutation of the plain
 * Fisher-Yates loop (one PCG32 draw, then its swap), for lengths around the
 * look-ahead and for a large order; the result is a permutation, and the
 * same generator state gives the same order. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/mf/mf_impl.h"

/* The loop as it stood before the look-ahead: the reference. */
static void shuffle_plain(gsl_rng *g, uint32_t *v, size_t n)
{
	uint64_t state = ((uint64_t)gsl_rng_get(g) << 32) ^ gsl_rng_get(g);
	const uint64_t inc = ((uint64_t)gsl_rng_get(g) << 1) | 1u;
	for (size_t i = n; i > 1; i--) {
		uint64_t old = state;
		state = old * 6364136223846793005ULL + inc;
		uint32_t x = (uint32_t)(((old >> 18) ^ old) >> 27), rot = (uint32_t)(old >> 59);
		x = (x >> rot) | (x << ((-rot) & 31));
		size_t j = (size_t)(((uint64_t)x * (uint64_t)i) >> 32);
		uint32_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static void check_length(size_t n, unsigned long seed)
{
	uint32_t *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
	unsigned char *seen = calloc(n + 1, 1);
	gsl_rng *ga = gsl_rng_alloc(gsl_rng_mt19937), *gb = gsl_rng_alloc(gsl_rng_mt19937);
	CHECK(a && b && seen && ga && gb);
	if (!a || !b || !seen || !ga || !gb)
		goto out;
	gsl_rng_set(ga, seed);
	gsl_rng_set(gb, seed);
	for (size_t j = 0; j < n; j++)
		a[j] = b[j] = (uint32_t)j;
	/* Twice from the same generator: the second order starts from the first. */
	for (int round = 0; round < 2; round++) {
		mf_shuffle(ga, a, n);
		shuffle_plain(gb, b, n);
		CHECK(memcmp(a, b, n * sizeof *a) == 0);
		CHECK(gsl_rng_get(ga) == gsl_rng_get(gb)); /* the same draws consumed */
	}
	int perm = 1;
	for (size_t j = 0; j < n; j++) {
		if (a[j] >= n || seen[a[j]])
			perm = 0;
		else
			seen[a[j]] = 1;
	}
	CHECK(perm);
	if (n >= 1000) { /* a large order is moved: few fixed points */
		size_t fixed = 0;
		for (size_t j = 0; j < n; j++)
			fixed += a[j] == j;
		CHECK(fixed < 20);
	}
out:
	free(a), free(b), free(seen);
	if (ga)
		gsl_rng_free(ga);
	if (gb)
		gsl_rng_free(gb);
}

int main(void)
{
	static const size_t lengths[] = { 0, 1, 2, 3, 15, 16, 17, 18, 31, 32, 33, 100, 1000, 390120 };
	for (size_t x = 0; x < sizeof lengths / sizeof *lengths; x++)
		for (unsigned long seed = 1; seed <= 3; seed++)
			check_length(lengths[x], seed);
	return check_done();
}

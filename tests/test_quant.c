/* test_quant.c: half precision, the int grids, round trips within half a
 * level, sizes, and scoring on codes. */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/vectors/quant.h"

static void test_f16(void)
{
	CHECK(quant_f32_to_f16(1.0f) == 0x3c00);
	CHECK(quant_f32_to_f16(-2.0f) == 0xc000);
	CHECK(quant_f32_to_f16(65504.0f) == 0x7bff);
	CHECK(quant_f32_to_f16(1e6f) == 0x7c00);       /* overflow: infinity */
	CHECK(quant_f32_to_f16(0.0f) == 0x0000);
	CHECK(quant_f32_to_f16(5.9604645e-8f) == 0x0001); /* smallest subnormal */
	/* 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1). */
	CHECK(quant_f32_to_f16(1.0f + 1.0f / 2048) == 0x3c00);
	CHECK(quant_f32_to_f16(1.0f + 3.0f / 2048) == 0x3c02);
	CHECK_NEAR(quant_f16_to_f32(0x3555), 0.333251953125, 0);
	CHECK_NEAR(quant_f16_to_f32(0x0001), 5.9604645e-8, 1e-15);
	/* Relative error of normal values at most 2^-11. */
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, 1);
	double worst = 0;
	for (int i = 0; i < 10000; i++) {
		float f = (float)gsl_ran_gaussian(g, 3.0);
		double back = quant_f16_to_f32(quant_f32_to_f16(f));
		if (fabs(f) > 1e-4)
			worst = fmax(worst, fabs(back - f) / fabs(f));
	}
	CHECK(worst <= 1.0 / 2048 + 1e-9);
	gsl_rng_free(g);
}

static void test_int4_grid(void)
{
	/* One row from -1 to 2: asymmetric int4 has 16 levels 0.2 apart. */
	float x[] = { -1.0f, 2.0f, 0.05f, 0.5f, 1.13f, -0.91f };
	ll_error err;
	qtable *t = quant_encode(x, 1, 6, QUANT_INT4, 0, &err);
	float lv[256], back[6];
	CHECK(quant_levels(t, 0, lv) == 16);
	CHECK_NEAR(lv[0], -1.0, 1e-6);
	CHECK_NEAR(lv[15], 2.0, 1e-6);
	CHECK_NEAR(quant_step(t, 0), 0.2, 1e-6);
	quant_decode_row(t, 0, back);
	/* 0.05 -> code 5 (0.0), 0.5 -> 7.5 rounds up to 8 (0.6), 1.13 -> 10.65 -> 11 (1.2) */
	CHECK(quant_code(t, 0, 2) == 5);
	CHECK_NEAR(back[2], 0.0, 1e-6);
	CHECK(quant_code(t, 0, 4) == 11);
	CHECK_NEAR(back[4], 1.2, 1e-6);
	for (int j = 0; j < 6; j++)
		CHECK(fabs(back[j] - x[j]) <= quant_step(t, 0) / 2 + 1e-6);
	/* 3 bytes of codes + scale + offset. */
	CHECK(quant_bytes(t) == 3 + 8);
	quant_free(&t);
	CHECK(t == NULL);

	/* Symmetric int4: 15 levels, zero exact, scale max|x| / 7. */
	t = quant_encode(x, 1, 6, QUANT_INT4, 1, &err);
	CHECK(quant_levels(t, 0, lv) == 15);
	CHECK_NEAR(lv[7], 0.0, 1e-7);
	CHECK_NEAR(quant_step(t, 0), 2.0 / 7, 1e-6);
	/* 2 is the top level; -1 is -3.5 levels, and halves round up: -3. */
	CHECK(quant_code(t, 0, 1) == 7 && quant_code(t, 0, 0) == -3);
	/* Symmetric rows keep only a scale: 3 bytes + 4. */
	CHECK(quant_bytes(t) == 3 + 4);
	quant_free(&t);
}

/* Round trips of random tables stay within half a level (int) for every
 * precision and mode; sizes shrink as bits do; scoring on codes equals the
 * dot product with the decoded table. */
static void test_round_trips(void)
{
	enum { N = 300, D = 13 };
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, 2);
	float *x = malloc(N * D * sizeof *x), *back = malloc(N * D * sizeof *back);
	float q[D], s1[N];
	for (int i = 0; i < N * D; i++)
		x[i] = (float)gsl_ran_gaussian(g, 0.4) + (i % D == 0 ? 1.0f : 0.0f);
	for (int j = 0; j < D; j++)
		q[j] = (float)gsl_ran_gaussian(g, 1.0);
	ll_error err;
	size_t prev = (size_t)-1;
	for (int p = QUANT_F32; p <= QUANT_INT2; p++)
		for (int sym = 0; sym < 2; sym++) {
			qtable *t = quant_encode(x, N, D, p, sym, &err);
			CHECK(t != NULL);
			quant_decode(t, back);
			int outside = 0;
			for (int i = 0; i < N; i++)
				for (int j = 0; j < D; j++) {
					double e = fabs(back[i * D + j] - x[i * D + j]);
					double tol = p == QUANT_F32 ? 0 : p == QUANT_F16 ? fabs(x[i * D + j]) / 2048 + 1e-7
						: quant_step(t, i) / 2 + 1e-6;
					outside += e > tol;
				}
			CHECK(outside == 0);
			if (!sym) {
				CHECK(quant_bytes(t) < prev);
				prev = quant_bytes(t);
			}
			quant_scores(t, q, s1);
			int off = 0;
			for (int i = 0; i < N; i++) {
				double ref = 0;
				for (int j = 0; j < D; j++)
					ref += q[j] * back[i * D + j];
				off += fabs(ref - s1[i]) > 1e-4 * (1 + fabs(ref));
			}
			CHECK(off == 0);
			/* With the query in int8 too, each product moves by at most
			 * the stored value's distance from the row's offset (below
			 * 2^bits steps) times half the query's step. */
			float qmax = 0;
			for (int j = 0; j < D; j++)
				qmax = fmaxf(qmax, fabsf(q[j]));
			quant_scores_q8(t, q, s1);
			int off8 = 0;
			for (int i = 0; i < N; i++) {
				double ref = 0, bound = 1e-4;
				for (int j = 0; j < D; j++) {
					ref += q[j] * back[i * D + j];
					bound += (p >= QUANT_INT8 ? quant_step(t, i) * (1 << quant_bits(p))
						  : fabs(back[i * D + j])) * qmax / 127 / 2;
				}
				off8 += fabs(ref - s1[i]) > bound;
			}
			CHECK(off8 == 0);
			quant_free(&t);
		}
	CHECK(quant_from_name("int4") == QUANT_INT4 && quant_from_name("fp16") == QUANT_F16);
	CHECK(quant_from_name("int3") == -1);
	free(x), free(back);
	gsl_rng_free(g);
}

int main(void)
{
	test_f16();
	test_int4_grid();
	test_round_trips();
	return check_done();
}

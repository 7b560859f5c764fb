/* test_sim.c: similarity measures against values computed by hand. */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "check.h"
#include "engine/model/baseline.h"
#include "engine/neighbours/sim.h"

/* A:  i1=5 i2=3 i3=4
 * B:  i1=3 i2=1 i3=2 i4=5
 * C:        i2=4      i4=1 */
static ratings *hand_store(void)
{
	ratings *r = ratings_new();
	const char *users[] = { "A", "B", "C" }, *items[] = { "i1", "i2", "i3", "i4" };
	for (int u = 0; u < 3; u++)
		ratings_intern_user(r, users[u]);
	for (int i = 0; i < 4; i++)
		ratings_intern_item(r, items[i]);
	ratings_add(r, 0, 0, 5, 0), ratings_add(r, 0, 1, 3, 0), ratings_add(r, 0, 2, 4, 0);
	ratings_add(r, 1, 0, 3, 0), ratings_add(r, 1, 1, 1, 0), ratings_add(r, 1, 2, 2, 0);
	ratings_add(r, 1, 3, 5, 0);
	ratings_add(r, 2, 1, 4, 0), ratings_add(r, 2, 3, 1, 0);
	return r;
}

static void test_hand_values(void)
{
	ratings *r = hand_store();
	sim_cfg c = { .user_based = 1, .min_support = 1 };
	int sup;

	/* A-B share i1..i3: A=(5,3,4), B=(3,1,2). */
	c.kind = SIM_COSINE;
	CHECK_NEAR(sim_pair(r, &c, 0, 1, &sup), 26 / sqrt(50.0 * 14.0), 1e-12); /* 0.98271 */
	CHECK(sup == 3);
	c.kind = SIM_PEARSON; /* both centred to (1,-1,0) */
	CHECK_NEAR(sim_pair(r, &c, 0, 1, NULL), 1.0, 1e-12);
	c.kind = SIM_MSD; /* differences 2,2,2: msd 4 */
	CHECK_NEAR(sim_pair(r, &c, 0, 1, NULL), 0.2, 1e-12);
	c.kind = SIM_EUCLIDEAN; /* distance sqrt(12) */
	CHECK_NEAR(sim_pair(r, &c, 0, 1, NULL), 0.2240092377, 1e-9);

	/* A-C share only i2 (3 vs 4). */
	c.kind = SIM_COSINE;
	CHECK_NEAR(sim_pair(r, &c, 0, 2, NULL), 1.0, 1e-12);
	c.kind = SIM_PEARSON; /* one common rating: no variance, 0 */
	CHECK_NEAR(sim_pair(r, &c, 0, 2, NULL), 0.0, 1e-12);
	c.kind = SIM_MSD;
	CHECK_NEAR(sim_pair(r, &c, 0, 2, NULL), 0.5, 1e-12);

	/* B-C share i2, i4: B=(1,5), C=(4,1). */
	c.kind = SIM_COSINE;
	CHECK_NEAR(sim_pair(r, &c, 1, 2, NULL), 0.4280863447, 1e-9);
	c.kind = SIM_PEARSON;
	CHECK_NEAR(sim_pair(r, &c, 1, 2, NULL), -1.0, 1e-12);
	c.kind = SIM_MSD; /* (9 + 16) / 2 = 12.5 */
	CHECK_NEAR(sim_pair(r, &c, 1, 2, NULL), 1 / 13.5, 1e-12);
	c.kind = SIM_EUCLIDEAN;
	CHECK_NEAR(sim_pair(r, &c, 1, 2, NULL), 1 / 6.0, 1e-12);

	/* min_support: A-C share one rating, so 2 makes it 0. */
	c.kind = SIM_MSD, c.min_support = 2;
	CHECK_NEAR(sim_pair(r, &c, 0, 2, NULL), 0.0, 1e-12);
	c.min_support = 1;

	/* Items i1, i2 share A and B: i1=(5,3), i2=(3,1). */
	c.user_based = 0, c.kind = SIM_COSINE;
	CHECK_NEAR(sim_pair(r, &c, 0, 1, &sup), 18 / sqrt(340.0), 1e-12);
	CHECK(sup == 2);

	/* pearson_baseline with fixed baselines mu=3, bu=(.5,-.5,0),
	 * bi=(.2,-.4,.1,.3): A's residuals (1.3,-0.1,0.4), B's (0.3,-1.1,-0.6);
	 * 0.26 / sqrt(1.86 * 1.66) = 0.147966, shrunk by (3-1)/(3-1+100). */
	double bu[] = { 0.5, -0.5, 0 }, bi[] = { 0.2, -0.4, 0.1, 0.3 };
	c = (sim_cfg){ .kind = SIM_PEARSON_BASELINE, .user_based = 1, .min_support = 1,
		       .shrinkage = 0, .mu = 3, .bu = bu, .bi = bi };
	CHECK_NEAR(sim_pair(r, &c, 0, 1, NULL), 0.1479663060, 1e-9);
	c.shrinkage = 100;
	CHECK_NEAR(sim_pair(r, &c, 0, 1, NULL), 0.1479663060 * 2 / 102, 1e-9);
	ratings_free(&r);
}

static void test_baselines(void)
{
	ratings *r = hand_store();
	double bu[3], bi[4];
	/* One epoch: items first with bu = 0, so bi = sum(r - mu) / (reg_i + n). */
	double mu = baseline_als(r, 1, 15, 10, bu, bi);
	CHECK_NEAR(mu, 28 / 9.0, 1e-12);
	CHECK_NEAR(bi[0], (5 - mu + 3 - mu) / 12, 1e-12);
	CHECK_NEAR(bi[3], (5 - mu + 1 - mu) / 12, 1e-12);
	/* Then users against those item biases. */
	CHECK_NEAR(bu[2], (4 - mu - bi[1] + 1 - mu - bi[3]) / 17, 1e-12);
	ratings_free(&r);
}

/* Every row of the fast path equals the pair-by-pair definition, for every
 * measure and side, on a random store; the matrix is symmetric. */
static void test_rows_match_pairs(void)
{
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, 11);
	ratings *r = ratings_new();
	char name[16];
	for (int u = 0; u < 9; u++)
		snprintf(name, sizeof name, "u%d", u), ratings_intern_user(r, name);
	for (int i = 0; i < 12; i++)
		snprintf(name, sizeof name, "i%d", i), ratings_intern_item(r, name);
	for (int u = 0; u < 9; u++)
		for (int i = 0; i < 12; i++)
			if (gsl_rng_uniform(g) < 0.5)
				ratings_add(r, u, i, (float)(1 + gsl_rng_uniform_int(g, 5)), 0);
	double bu[9], bi[12];
	double mu = baseline_als(r, 10, 15, 10, bu, bi);
	for (int side = 0; side < 2; side++)
		for (int kind = SIM_COSINE; kind <= SIM_EUCLIDEAN; kind++) {
			sim_cfg c = { .kind = kind, .user_based = side, .min_support = 1,
				      .shrinkage = 100, .mu = mu, .bu = bu, .bi = bi };
			ll_error err;
			float *S = sim_matrix(r, &c, &err);
			CHECK(S != NULL);
			if (!S)
				continue;
			int n = side ? 9 : 12, bad = 0, asym = 0;
			for (int a = 0; a < n; a++)
				for (int b = 0; b < n; b++) {
					if (fabs(S[a * n + b] - sim_pair(r, &c, a, b, NULL)) > 1e-5)
						bad++;
					if (fabs(S[a * n + b] - S[b * n + a]) > 1e-6)
						asym++;
				}
			CHECK(bad == 0);
			CHECK(asym == 0);
			free(S);
		}
	CHECK(sim_from_name("pearson_baseline") == SIM_PEARSON_BASELINE);
	CHECK(sim_from_name("nope") == -1);
	CHECK_STR(sim_name(SIM_MSD), "msd");
	ratings_free(&r);
	gsl_rng_free(g);
}

/* Rows are computed one by one, so thread counts do not change a bit. */
static void test_threads(void)
{
#ifdef _OPENMP
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, 12);
	ratings *r = ratings_new();
	char name[16];
	for (int u = 0; u < 60; u++)
		snprintf(name, sizeof name, "u%d", u), ratings_intern_user(r, name);
	for (int i = 0; i < 80; i++)
		snprintf(name, sizeof name, "i%d", i), ratings_intern_item(r, name);
	for (int u = 0; u < 60; u++)
		for (int i = 0; i < 80; i++)
			if (gsl_rng_uniform(g) < 0.3)
				ratings_add(r, u, i, (float)(1 + gsl_rng_uniform_int(g, 5)), 0);
	sim_cfg c = { .kind = SIM_PEARSON, .user_based = 0, .min_support = 1 };
	ll_error err;
	int saved = omp_get_max_threads();
	omp_set_num_threads(1);
	float *a = sim_matrix(r, &c, &err);
	omp_set_num_threads(3);
	float *b = sim_matrix(r, &c, &err);
	omp_set_num_threads(saved);
	CHECK(a && b && memcmp(a, b, 80 * 80 * sizeof *a) == 0);
	free(a), free(b);
	ratings_free(&r);
	gsl_rng_free(g);
#endif
}

int main(void)
{
	test_threads();
	test_hand_values();
	test_baselines();
	test_rows_match_pairs();
	return check_done();
}

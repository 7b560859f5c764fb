/* test_story.c: the story commands of cmd_story.c on the toy data, against
 * values worked out by hand: setvec and one SGD step from the tutorial's
 * starting values, fold-in, coldstart, tug, map, weights (L1 zeros),
 * content (genre Jaccard) and neighbours (MSD-weighted average). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "labcheck.h"

/* The tutorial's first step: p = 0.5, q = 0.1, r = 5, lr = 0.1, reg = 0. */
static void test_setvec_step(void)
{
	run("train sgd k=1 init=given epochs=0 lr=0.1 reg=0");
	view *v = ok("setvec Avengers 0.1");
	CHECK(v && v->kind == VIEW_VECTORS && v->u.vectors.k == 1);
	CHECK(v && fabs(v->u.vectors.values[0] - 0.1) < 1e-6);
	view_free(&v);
	run("setvec Notebook 0.9");
	run("setvec Cheolsu 0.5");
	CHECK_NEAR(num("vector Cheolsu | %.6f"), 0.5, 1e-6);
	run("step Cheolsu Avengers");
	CHECK_NEAR(num("last.prediction | %.6f"), 0.05, 1e-6);
	CHECK_NEAR(num("last.error | %.6f"), 4.95, 1e-6);
	/* p += 0.1 * 4.95 * 0.1; then q += 0.1 * 4.95 * p_new. */
	double p = 0.5 + 0.1 * 4.95 * 0.1, q = 0.1 + 0.1 * 4.95 * p;
	CHECK_NEAR(num("vector Cheolsu | %.6f"), p, 1e-5);
	CHECK_NEAR(num("vector Avengers | %.6f"), q, 1e-5);
	/* Cheolsu rated Notebook 1, but p * 0.9 is still below 1: Notebook goes up. */
	run("step Cheolsu Notebook");
	double e = 1 - p * 0.9, p2 = p + 0.1 * e * 0.9;
	CHECK_NEAR(num("last.error | %.6f"), e, 1e-5);
	CHECK_NEAR(num("vector Notebook | %.6f"), 0.9 + 0.1 * e * p2, 1e-5);
	fails("setvec Avengers 0.1 0.2", "give 1 value");
	fails("setvec Avengers x", "'x' is not a number");
}

static void test_foldin(void)
{
	run("train sgd k=2 epochs=50");
	double before = num("vector Jisu 0 | %.6f");
	fails("foldin Jisu", "has no ratings yet");
	run("rate Jisu Frozen 5");
	view *v = ok("foldin Jisu");
	CHECK(v && v->kind == VIEW_VECTORS && v->u.vectors.n == 2);
	CHECK(v && fabs(v->u.vectors.values[0] - before) < 1e-5);
	view_free(&v);
	CHECK(num("last.ratings") == 1);
	CHECK(num("last.moved | %.6f") > 0);
	/* The stored vector makes Frozen's prediction high. */
	CHECK(num("predict Jisu Frozen") > 3);
	/* coldstart: rates, folds in and recommends. */
	v = ok("coldstart Jisu likes Rapunzel Titanic n=3");
	int tables = 0;
	for (view *x = v; x; x = x->next)
		tables += x->kind == VIEW_TABLE;
	CHECK(tables == 1);
	view_free(&v);
	CHECK(num("rating Jisu Titanic") == 5);
	fails("coldstart Jisu loves Frozen", "no 'loves'");
}

static void test_tug_map_weights(void)
{
	run("train sgd k=2 epochs=5");
	view *v = ok("tug Notebook");
	/* Notebook's raters: Cheolsu, Younghee, Sora, Taeyang, Eunji. */
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 5);
	view_free(&v);
	CHECK(num("last.n_toward") + num("last.n_away") == 5);
	fails("tug Minsu", "is a user");
	run("train sgd k=3 epochs=0");
	v = ok("plot embeddings epochs=10 every=5");
	CHECK(v && v->kind == VIEW_SCATTER && v->u.scatter.frames == 3);
	CHECK(v && v->u.scatter.n == 20); /* 10 users (Jisu too) and 10 movies */
	view_free(&v);
	CHECK(num("models") == 1);
	CHECK_NEAR(num("last.frames"), 3, 0);
	/* L2 leaves no exact zero; L1 with a strong penalty makes many. */
	run("train sgd k=4 epochs=100 reg=0.02");
	CHECK(num("weights") == 0);
	run("train sgd k=4 epochs=100 penalty=l1 reg=0.5");
	CHECK(num("weights") > 0);
	CHECK(num("last.zero_share | %.4f") > 0 && num("last.zero_share | %.4f") <= 1);
}

static void test_content_neighbours(void)
{
	/* Taeyang: Avengers 5, Iron Man 4, Thor 5, Notebook 2, Free Solo 3.
	 * Jaccard with Avengers (Action|Sci-Fi): Iron Man 1, Thor 1/3, others 0. */
	CHECK_NEAR(num("content Taeyang Avengers | %.6f"), (4 * 1.0 + 5 / 3.0) / (1 + 1 / 3.0), 1e-5);
	fails("content Minsu \"Free Solo\"", "shares a genre");
	/* Minsu rated only Iron Man 5. MSD similarity 1/(msd+1): Cheolsu (5) 1,
	 * Taeyang (4) 1/2; both gave Avengers 5, so the average is 5. */
	CHECK_NEAR(num("neighbours Minsu Avengers | %.6f"), 5, 1e-6);
	CHECK_NEAR(num("last.plain | %.6f"), 3.5, 1e-6); /* 5, 2, 2, 5 */
	CHECK(num("last.neighbours") == 2);
}

int main(void)
{
	setenv("LATENTLAB_PATH", LATENTLAB_ABS_SRCDIR, 1);
	L = lab_new();
	if (!L)
		return 99;
	run("seed 7");
	run("load toy");
	test_setvec_step();
	test_foldin();
	test_tug_map_weights();
	test_content_neighbours();
	lab_free(&L);
	return check_done();
}

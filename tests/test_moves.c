/* test_moves.c: the lab side of the toy lessons' pictures. A `step` is
 * labelled by where it stands (after the epochs done, not in an epoch that
 * never ran); step pairs and show=arrows draw the vectors the updates moved;
 * tug show=arrows draws the pulls on a movie; bars draws expressions; and
 * weights A B C sets the models side by side with their train and test
 * errors. */
#include <string.h>

#include "labcheck.h"

static char where[128];

static const char *label(const view *v)
{
	view_sgd_where(v, where, sizeof where);
	return where;
}

static void test_step_labels(void)
{
	run("load toy");
	run("train sgd k=2 lr=0.05 epochs=10 seed=7");
	/* Ten epochs ran: a step is after the tenth, not "of epoch 11". */
	view *v = ok("step");
	CHECK(v && v->kind == VIEW_SGD_STEP && v->u.sgd.manual == 1 && v->u.sgd.epoch == 10);
	if (v)
		CHECK_STR(label(v), "update after epoch 10 (rating 1 of 33)");
	view_free(&v);
	v = ok("step Cheolsu Notebook");
	if (v)
		CHECK_STR(label(v), "update after epoch 10 (rating 3 of 33)");
	view_free(&v);
	/* Steps do not count as epochs: the next one still stands after ten. */
	v = ok("step 2");
	CHECK(v && v->next && !v->next->next);
	if (v && v->next)
		CHECK_STR(label(v->next), "update after epoch 10 (rating 3 of 33)");
	view_free(&v);
	/* Inside an epoch (trace), the epoch that runs. */
	v = ok("epoch trace=yes");
	CHECK(v && v->kind == VIEW_SGD_STEP && v->u.sgd.manual == 0);
	if (v)
		CHECK_STR(label(v), "update 1 of 33 in epoch 11");
	view_free(&v);
	/* Before any epoch. */
	run("train sgd k=2 lr=0.05 epochs=0 seed=7");
	v = ok("step Minsu \"Iron Man\"");
	if (v)
		CHECK_STR(label(v), "update before any epoch (rating 6 of 33)");
	view_free(&v);
}

static void test_step_pairs_arrows(void)
{
	run("load toy");
	run("train sgd k=2 lr=0.05 init=given epochs=0 seed=7");
	run("setvec Cheolsu 0.3 0.1");
	run("setvec Avengers 0.1 0.3");
	view *v = ok("step Cheolsu Avengers show=arrows");
	CHECK(v && v->kind == VIEW_ARROWS && !v->next);
	if (v && v->kind == VIEW_ARROWS) {
		CHECK(v->u.arrows.n == 2 && v->u.arrows.n_pts == 4);
		CHECK_STR(v->u.arrows.labels[0], "Cheolsu");
		CHECK_STR(v->u.arrows.labels[1], "Avengers");
		CHECK(v->u.arrows.side[0] == SIDE_USER && v->u.arrows.side[1] == SIDE_ITEM);
		/* From where it was to where the engine put it. */
		CHECK_NEAR(v->u.arrows.x[0], 0.3, 1e-6);
		CHECK_NEAR(v->u.arrows.y[0], 0.1, 1e-6);
		CHECK_NEAR(v->u.arrows.x[1], num("vector Cheolsu 0 | %.9f"), 1e-6);
		CHECK_NEAR(v->u.arrows.y[3], num("vector Avengers 1 | %.9f"), 1e-6);
		CHECK(v->u.arrows.note && strstr(v->u.arrows.note, "Cheolsu rated Avengers 5"));
	}
	view_free(&v);
	/* Several pairs, in turn: one path per vector, through each step. */
	run("train sgd k=2 lr=0.05 epochs=10 seed=7");
	v = ok("step Sora Notebook Younghee Notebook Eunji Notebook show=arrows");
	CHECK(v && v->kind == VIEW_ARROWS && v->u.arrows.n == 4);
	if (v && v->kind == VIEW_ARROWS) {
		int nb = -1;
		for (int i = 0; i < v->u.arrows.n; i++)
			if (!strcmp(v->u.arrows.labels[i], "Notebook"))
				nb = i;
		CHECK(nb >= 0 && v->u.arrows.start[nb + 1] - v->u.arrows.start[nb] == 4);
	}
	view_free(&v);
	char who[64];
	ll_error e;
	CHECK(lab_expr(L, "last.user", who, sizeof who, &e) == 0);
	CHECK_STR(who, "Eunji"); /* the last pair's */
	v = ok("step Sora Notebook Younghee Notebook");
	CHECK(v && v->kind == VIEW_SGD_STEP && v->next && v->next->kind == VIEW_SGD_STEP);
	view_free(&v);
	fails("step Sora Notebook Younghee", "step: 'Younghee' has no item");
	fails("step Minsu Avengers", "Minsu has no rating of Avengers");
	run("train sgd k=3 lr=0.05 epochs=1 seed=7");
	fails("step show=arrows", "show=arrows draws the two numbers of a k=2 model");
}

static void test_tug_arrows(void)
{
	run("load toy");
	run("train sgd k=2 lr=0.05 epochs=10 seed=7");
	view *v = ok("tug Notebook show=arrows");
	CHECK(v && v->kind == VIEW_ARROWS);
	if (v && v->kind == VIEW_ARROWS) {
		/* Notebook, its five raters' pulls, and their sum. */
		CHECK(v->u.arrows.n == 7);
		CHECK_STR(v->u.arrows.labels[0], "Notebook");
		CHECK(v->u.arrows.head[0] == 1 && v->u.arrows.head[1] == 0);
		/* The strongest first (as the table), a critic: pushed away. */
		CHECK_STR(v->u.arrows.labels[1], "Cheolsu");
		CHECK(v->u.arrows.tone[1] == -1);
		double qx = v->u.arrows.x[0], qy = v->u.arrows.y[0];
		int s = v->u.arrows.start[1];
		double dx = v->u.arrows.x[s + 1] - qx, dy = v->u.arrows.y[s + 1] - qy;
		/* The line is error x p: its length the pull of the table. */
		CHECK_NEAR(sqrt(dx * dx + dy * dy), num("last.strength | %.9f"), 1e-4);
		CHECK(v->u.arrows.x[s] == qx && v->u.arrows.y[s] == qy);
		CHECK_STR(v->u.arrows.labels[6], "all together");
	}
	view_free(&v);
	CHECK(num("last.n_toward") == 3 && num("last.n_away") == 2);
	run("train sgd k=3 lr=0.05 epochs=10 seed=7");
	fails("tug Notebook show=arrows", "k=2");
}

static void test_bars(void)
{
	run("load toy");
	run("train sgd k=2 lr=0.05 epochs=50 seed=7");
	view *v = ok("bars \"Two guesses\" \"global mean\" mean MF 'predict Minsu \"Iron Man\"' fmt=%.3f");
	CHECK(v && v->kind == VIEW_BAR && v->u.bar.n == 2);
	if (v && v->kind == VIEW_BAR) {
		CHECK_STR(v->title, "Two guesses");
		CHECK_STR(v->u.bar.labels[1], "MF");
		CHECK_NEAR(v->u.bar.values[0], num("mean | %.12f"), 1e-9);
		CHECK_NEAR(v->u.bar.values[1], num("predict Minsu \"Iron Man\" | %.12f"), 1e-9);
		CHECK_STR(v->u.bar.fmt, "%.3f");
	}
	view_free(&v);
	fails("bars T a mean b", "bars: 'b' has no expression");
	fails("bars T a 'mean | %.2f'", "the format goes in fmt=");
	fails("bars T a 'predict Nobody Avengers'", "no user 'Nobody'");
	fails("bars T a mean fmt=x", "fmt must hold one number conversion");
}

static void test_weights_side_by_side(void)
{
	run("load toy");
	run("seed 7");
	run("train sgd k=3 lr=0.05 epochs=300 reg=0 name=all");
	run("split holdout frac=0.2");
	run("train sgd k=3 lr=0.05 epochs=300 reg=0 name=plain");
	run("train sgd k=3 lr=0.05 epochs=300 reg=0.3 name=l2");
	view *v = ok("weights plain l2 all");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 3 && v->u.table.cols == 6);
	if (v && v->kind == VIEW_TABLE) {
		CHECK_STR(v->u.table.header[5], "test RMSE");
		/* A model trained before the split has seen its test part: no test error. */
		CHECK_STR(v->u.table.cells[2 * 6 + 5], "-");
	}
	view_free(&v);
	/* The same numbers as train's summary and eval. */
	double te = num("last.test_rmse.plain | %.9f");
	CHECK_NEAR(te, num("eval rmse model=plain | %.9f"), 1e-9);
	CHECK_NEAR(num("last.train_rmse.l2 | %.9f"), num("plot loss model=l2 | %.9f"), 1e-9);
	CHECK_NEAR(num("last.zeros.l2"), num("weights model=l2"), 0);
	fails("weights plain nosuch", "weights: no model 'nosuch'");
}

int main(void)
{
	L = lab_new();
	test_step_labels();
	test_step_pairs_arrows();
	test_tug_arrows();
	test_bars();
	test_weights_side_by_side();
	lab_free(&L);
	return check_done();
}

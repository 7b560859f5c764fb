/* test_lab_matrix.c: what lessons 13, 14 and 16 show, on the toy data: a
 * lesson's `$!` line (the error as the scene, a success refused), what a
 * divergence leaves in last.*, the shuffled walk of `step`, the shape of MF
 * (show shape: sizes, bytes, boxes to scale), the long tail (plot
 * popularity), the heat map of a corner (plot matrix), vector length
 * against ratings (plot norms), search normalize=yes, sweeps (a curve per
 * value, a diverged run marked, progress and a stop), the pct format and
 * the scale keys of stats. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labcheck.h"
#include "lab/lesson/lesson.h"
#include "lab/view/view_text.h"

static char *render(const view *v, int width, int utf8)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	view_render_text_all(v, f, width, utf8);
	fclose(f);
	return buf;
}

static void str_of(const char *expr, char *buf, size_t size)
{
	ll_error e;
	if (lab_expr(L, expr, buf, size, &e) != 0) {
		fprintf(stderr, "{{%s}} failed: %s\n", expr, e.msg);
		CHECK(0);
		buf[0] = '\0';
	}
}

/* --- $! -------------------------------------------------------------------- */

static void expected_errors(void)
{
	const char *text = "title: t\ndataset: toy\nseed: 7\n"
			   "## Too large\n"
			   "Diverged at epoch {{last.diverged_epoch | %.0f}}, lr {{last.lr | %g}}, "
			   "try {{last.suggested_lr | %g}} ({{last.diverged | %.0f}}).\n"
			   "$! train sgd k=2 lr=50 reg=0 epochs=20 name=big\n"
			   "## Fine\n"
			   "Learned: {{last.diverged | %.0f}}.\n"
			   "$ train sgd k=2 lr=0.05 epochs=5\n";
	ll_error err = { "" };
	lesson *les = lesson_parse("t.lesson", text, &err);
	CHECK(les != NULL);
	if (!les)
		return;
	CHECK(lesson_check(les, &err) == 0);
	CHECK(lesson_step_item(les, 0, 1)->kind == LESSON_FAILS);
	char *prose = NULL;
	view *v = NULL;
	CHECK(lesson_play(L, les, 0, &prose, &v, &err) == 0);
	CHECK(v && v->kind == VIEW_TEXT && v->u.text.error == 1 && !v->next);
	CHECK(v && strstr(v->u.text.body, "diverged at epoch 1"));
	CHECK(prose && !strcmp(prose, "Diverged at epoch 1, lr 50, try 5 (1)."));
	char *t = render(v, 200, 1);
	CHECK(t && !strncmp(t, "expected error: train sgd: training diverged", 44));
	free(t);
	free(prose);
	view_free(&v);
	/* The failed model was not kept. */
	fails("use big", "no model 'big'");
	CHECK(lesson_play(L, les, 1, &prose, &v, &err) == 0);
	CHECK(prose && !strcmp(prose, "Learned: 0."));
	free(prose);
	view_free(&v);
	lesson_free(&les);

	/* A `$!` whose command succeeds fails the lesson at its line. */
	les = lesson_parse("t.lesson", "title: t\ndataset: toy\n## a\n$! stats\n", &err);
	CHECK(les != NULL);
	if (les) {
		CHECK(lesson_play(L, les, 0, &prose, &v, &err) == -1);
		CHECK(strstr(err.msg, "t.lesson:4: '$!' expects this command to fail") != NULL);
		lesson_free(&les);
	}
	les = lesson_parse("t.lesson", "title: t\ndataset: toy\n## a\n$!\n", &err);
	CHECK(les == NULL && strstr(err.msg, "an empty command after '$!'"));
	les = lesson_parse("t.lesson", "title: t\ndataset: toy\n## a\n$!stats\n", &err);
	CHECK(les == NULL && strstr(err.msg, "a command expected to fail is '$! command'"));
	/* check still checks the command of a `$!` line. */
	les = lesson_parse("t.lesson", "title: t\ndataset: toy\n## a\n$! trian sgd\n", &err);
	CHECK(les != NULL);
	if (les) {
		CHECK(lesson_check(les, &err) == -1 && strstr(err.msg, "did you mean 'train'"));
		lesson_free(&les);
	}
}

/* --- step's walk ------------------------------------------------------------ */

static void shuffled_walk(void)
{
	run("load toy");
	run("train sgd k=2 lr=0.05 epochs=0 seed=3");
	char a[8][64], b[8][64], c2[8][64];
	for (int i = 0; i < 8; i++) {
		run("step");
		char u[32], it[32];
		str_of("last.user", u, sizeof u);
		str_of("last.item", it, sizeof it);
		snprintf(a[i], sizeof a[i], "%s%s", u, it);
	}
	/* In store order, the first steps are Cheolsu's ratings. */
	CHECK(!strncmp(a[0], "Cheolsu", 7) && !strncmp(a[1], "Cheolsu", 7));
	for (int pass = 0; pass < 2; pass++) {
		run("train sgd k=2 lr=0.05 epochs=0 seed=3 shuffle=yes");
		for (int i = 0; i < 8; i++) {
			run("step");
			char *dst = pass ? c2[i] : b[i], it[64];
			str_of("last.user", dst, 64);
			str_of("last.item", it, sizeof it);
			strncat(dst, it, 63 - strlen(dst));
		}
	}
	int same_as_store = 1, replayed = 1;
	for (int i = 0; i < 8; i++) {
		same_as_store &= !strcmp(a[i], b[i]);
		replayed &= !strcmp(b[i], c2[i]);
	}
	CHECK(!same_as_store); /* shuffle=yes: another order */
	CHECK(replayed);       /* and the same one from the same seed */
}

/* --- show shape -------------------------------------------------------------- */

static void shape(void)
{
	run("load toy");
	view *v = ok("show shape k=3");
	CHECK(v && v->kind == VIEW_SHAPE);
	CHECK_NEAR(num("last.shape.dense_bytes"), 10 * 10 * 4, 0);
	CHECK_NEAR(num("last.shape.factor_bytes"), (10 * 3 + 3 * 10) * 4, 0);
	CHECK_NEAR(num("last.shape.ratings_bytes"), 33 * 12, 0);
	CHECK_NEAR(num("last.shape.ratio | %.4f"), 400.0 / 240, 1e-4);
	CHECK_NEAR(num("last.k"), 3, 0);
	CHECK_NEAR(num("last.users"), 10, 0);
	char *t = render(v, 80, 1);
	CHECK(t && strstr(t, "≈") && strstr(t, "R: 10 users x 10 items = 100 cells; 33 rated (33.00%)"));
	free(t);
	t = render(v, 80, 0);
	CHECK(t && !strstr(t, "\xe2") && strstr(t, "+--"));
	free(t);
	view_free(&v);
	/* The current model's k when none is given. */
	run("train sgd k=4 lr=0.05 epochs=2");
	run("show shape");
	CHECK_NEAR(num("last.k"), 4, 0);
	fails("show shape model=nosuch", "nosuch");

	/* The layout: to scale, within the width, R's filled share exact. */
	view *s = view_shape(NULL, 610, 9724, 10, 100836, "movies");
	view_shape_lay lay;
	CHECK(s && view_shape_layout(s, 80, &lay) == 0);
	CHECK(lay.v.col + lay.v.w <= 80);
	CHECK(lay.u.w < lay.r.w && lay.r.w == lay.v.w && lay.v.h < lay.r.h && lay.u.h == lay.r.h);
	CHECK(lay.eq_col > lay.r.col + lay.r.w - 1 && lay.eq_col < lay.u.col);
	int filled = 0, w = lay.r.w - 2, h = lay.r.h - 2;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			filled += view_shape_filled(s, x, y, w, h);
	CHECK(filled == (int)floor(100836.0 / (610.0 * 9724) * w * h + 0.5));
	CHECK(view_shape_layout(s, 12, &lay) == -1); /* too narrow: no boxes */
	view_free(&s);
	char b[32];
	view_count(5931640, b, sizeof b);
	CHECK_STR(b, "5,931,640");
	view_count(610, b, sizeof b);
	CHECK_STR(b, "610");
	view_bytes(23726560, b, sizeof b);
	CHECK_STR(b, "23.7 MB");
	view_bytes(950, b, sizeof b);
	CHECK_STR(b, "950 B");
}

/* --- plot popularity, plot matrix ------------------------------------------ */

static void popularity(void)
{
	run("load toy");
	view *v = ok("plot popularity");
	CHECK(v && v->kind == VIEW_BAR && v->next && v->next->kind == VIEW_TEXT);
	double sum = 0;
	for (int b = 0; v && b < v->u.bar.n; b++)
		sum += v->u.bar.values[b];
	CHECK_NEAR(sum, 10, 0); /* every item in one bin */
	CHECK(v && !strcmp(v->u.bar.labels[0], "1") && !strcmp(v->u.bar.labels[1], "2-3"));
	/* Toy: Iron Man, Notebook, Frozen, ... are rated 5 times at most;
	 * Thor and Solo and Penguins twice; the counts are the engine's. */
	CHECK_NEAR(num("last.popularity.max"), 5, 0);
	CHECK(num("last.popularity.top_share") > 0.1 && num("last.popularity.top_share") < 1);
	view_free(&v);
	/* Jisu rated nothing: users get a bin of their own for 0. */
	v = ok("plot popularity of=users");
	CHECK(v && !strcmp(v->u.bar.labels[0], "0") && v->u.bar.values[0] == 1);
	view_free(&v);
	v = ok("plot popularity scale=linear bins=5");
	CHECK(v && v->u.bar.n == 5);
	view_free(&v);
}

static void heat(void)
{
	run("load toy");
	view *v = ok("plot matrix users=4 items=3");
	CHECK(v && v->kind == VIEW_HEAT && v->u.matrix.rows == 4 && v->u.matrix.cols == 3);
	int known = 0;
	for (int i = 0; v && i < 12; i++)
		known += v->u.matrix.state[i] == CELL_KNOWN;
	CHECK_NEAR(num("last.filled | %.6f"), known / 12.0, 1e-6);
	/* The most active user first (Sora, Taeyang and Eunji have five ratings). */
	CHECK(v && !strcmp(v->u.matrix.row_labels[0], "Sora"));
	/* A blank is a dot, a 5 the full block, a 1 the lowest. */
	CHECK(v && view_heat_level(v, 5) == 7 && view_heat_level(v, 1) == 0);
	char *t = render(v, 80, 1);
	CHECK(t && strstr(t, "Sora │") && strstr(t, "· no rating"));
	free(t);
	view_free(&v);
	run("train sgd k=2 lr=0.05 epochs=50");
	v = ok("plot matrix users=10 items=10 model=sgd order=id");
	int pred = 0, missing = 0;
	for (int i = 0; v && i < 100; i++) {
		pred += v->u.matrix.state[i] == CELL_PREDICTED;
		missing += v->u.matrix.state[i] == CELL_MISSING;
	}
	CHECK(pred == 100 - 33 && missing == 0);
	CHECK(v && !strcmp(v->u.matrix.row_labels[0], "Cheolsu"));
	CHECK(v && strcmp(view_heat_glyph(v, 0, 3, 0), " ") != 0); /* a guess, not a blank */
	view_free(&v);
	v = ok("plot matrix users=5 items=5 order=random");
	view *w = ok("plot matrix users=5 items=5 order=random");
	int same = 1;
	for (int i = 0; v && w && i < 5; i++)
		same &= !strcmp(v->u.matrix.row_labels[i], w->u.matrix.row_labels[i]);
	CHECK(same); /* seeded */
	view_free(&v);
	view_free(&w);
	fails("plot matrix order=fullest", "order must be one of activity|id|random");
}

/* --- plot norms, search normalize=yes ---------------------------------------- */

static void norms_and_unit(void)
{
	run("load toy");
	run("train sgd k=3 lr=0.05 epochs=100 reg=0.02 seed=1");
	view *v = ok("plot norms n=2");
	CHECK(v && v->kind == VIEW_SCATTER && v->u.scatter.n == 10);
	int named = 0;
	for (int i = 0; v && i < v->u.scatter.n; i++)
		named += v->u.scatter.labels[i] != NULL;
	CHECK(named == 2);
	double cc = num("last.norms.corr_count"), cm = num("last.norms.corr_mean");
	CHECK(cc >= -1 && cc <= 1 && cm >= -1 && cm <= 1);
	view_free(&v);
	run("search Avengers metric=cosine n=5 normalize=yes");
	CHECK_NEAR(num("last.search.cosine_euclidean"), 1, 0);
	CHECK_NEAR(num("last.search.dot_cosine"), 1, 0);
	v = ok("search Avengers metric=cosine n=5");
	/* The ranks under the metric searched are 1, 2, 3, ... (the other
	 * metrics' columns may skip: a '-' is outside their top n). */
	for (int j = 0; v && j < v->u.table.rows; j++) {
		char want[16];
		snprintf(want, sizeof want, "%d", j + 1);
		CHECK_STR(v->u.table.cells[(size_t)j * v->u.table.cols + 4], want);
	}
	view_free(&v);
}

/* --- sweep -------------------------------------------------------------------- */

static volatile sig_atomic_t stop_flag;
static int progress_calls;
static char last_what[128];

/* A front end's progress hook that asks to stop once the second run starts. */
static void on_progress(void *ctx, double fraction, double loss, const char *what)
{
	(void)ctx, (void)loss;
	progress_calls++;
	snprintf(last_what, sizeof last_what, "%s", what);
	if (fraction > 0.5)
		stop_flag = 1;
}

static void sweeps(void)
{
	run("load toy");
	run("split holdout frac=0.2 seed=1");
	view *v = ok("sweep sgd lr=0.01,0.05,50 k=2 reg=0.02 epochs=30");
	CHECK(v && v->kind == VIEW_LINE && v->u.line.n_series == 3 && !v->u.line.xlog);
	CHECK(v && v->u.line.series[2].failed && v->u.line.series[2].fail_x == 1);
	CHECK(v && strstr(v->u.line.series[2].name, "lr=50 diverged at epoch 1"));
	CHECK(v && v->u.line.series[0].n == 30 && !v->u.line.series[0].failed);
	CHECK(v && v->next && v->next->kind == VIEW_TABLE && v->next->u.table.rows == 3);
	char *t = render(v, 80, 1);
	CHECK(t && strstr(t, "✗") && strstr(t, "lr=50 diverged at epoch 1 (dots), ✗ stopped at epoch 1"));
	free(t);
	view_free(&v);
	CHECK_NEAR(num("last.sweep.diverged"), 1, 0);
	CHECK_NEAR(num("last.sweep.diverged.50"), 1, 0);
	CHECK_NEAR(num("last.sweep.n"), 2, 0);
	double a = num("last.sweep.test_rmse.0.01 | %.6f"), b = num("last.sweep.test_rmse.0.05 | %.6f");
	CHECK_NEAR(num("last.sweep.best_test_rmse | %.6f"), fmin(a, b), 1e-6);
	CHECK_NEAR(num("last.sweep.best"), a < b ? 0.01 : 0.05, 1e-12);
	/* The runs are kept as models, the diverged one is not; each is the
	 * same model `train` makes from the same options. */
	run("use lr-0.05");
	fails("use lr-50", "no model 'lr-50'");
	run("train sgd k=2 lr=0.05 reg=0.02 epochs=30 name=again");
	CHECK_NEAR(num("eval rmse model=again | %.6f"), b, 1e-6);

	/* plot loss best=yes: the lowest test error marked. */
	run("train sgd k=8 lr=0.05 reg=0 epochs=300 name=over");
	v = ok("plot loss best=yes");
	int be = (int)num("last.best_epoch");
	CHECK(be >= 1 && be < 300 && v && v->u.line.has_vline && v->u.line.vline_x == be);
	CHECK(num("last.best_test_rmse | %.6f") <= num("last.final_test_rmse | %.6f"));
	CHECK_NEAR(num("last.final_test_rmse | %.6f"), num("eval rmse model=over | %.6f"), 1e-6);
	t = render(v, 80, 1);
	char want[80];
	snprintf(want, sizeof want, "┊ epoch %d: overfitting starts here", be);
	CHECK(t && strstr(t, want));
	free(t);
	view_free(&v);
	run("split none");
	run("train sgd k=2 lr=0.05 epochs=5 name=nosplit");
	fails("plot loss best=yes", "no test error per epoch");
	run("split holdout frac=0.2 seed=1");

	/* x=k: final train and test against k, a log axis for a decade. */
	v = ok("sweep sgd k=1,3,10 lr=0.05 epochs=20 x=k name=kk");
	CHECK(v && v->u.line.n_series == 2 && v->u.line.xlog && v->u.line.n_marks == 3);
	CHECK(v && v->u.line.series[0].n == 3 && v->u.line.series[0].x[2] == 10);
	view_free(&v);
	run("use kk-10");
	fails("sweep sgd k=1,3 lr=0.01,0.05", "one option at a time");
	fails("sweep sgd k=2 epochs=3", "give one option a list");
	fails("sweep sgd k=2,3 x=lr", "x is epoch or the swept option 'k'");
	fails("sweep sgd penalty=l1,l2 x=penalty", "needs numbers");

	/* Progress over the whole sweep; a stop keeps what was done. */
	lab_set_progress(L, on_progress, NULL);
	lab_set_cancel_flag(L, &stop_flag);
	stop_flag = 0;
	v = ok("sweep sgd reg=0,0.02,0.1 k=2 lr=0.05 epochs=200 name=st");
	CHECK(progress_calls > 0 && strstr(last_what, "reg=") && strstr(last_what, "of 3"));
	CHECK(v && v->next && strstr(v->next->next->u.text.body, "Stopped"));
	run("use st-0");
	fails("use st-0.1", "no model 'st-0.1'");
	view_free(&v);
	lab_set_progress(L, NULL, NULL);
	lab_set_cancel_flag(L, NULL);
}

/* --- expressions ------------------------------------------------------------- */

static void formats(void)
{
	char buf[64];
	run("load toy");
	run("stats");
	str_of("last.density | pct %.2f", buf, sizeof buf);
	CHECK_STR(buf, "33.00%");
	str_of("last.density | pct", buf, sizeof buf);
	CHECK_STR(buf, "33.0%");
	CHECK_NEAR(num("last.scale_lo"), 1, 0);
	CHECK_NEAR(num("last.scale_hi"), 5, 0);
	CHECK_NEAR(num("last.step"), 1, 0);
	CHECK_NEAR(num("last.items"), 10, 0);
	CHECK_NEAR(num("last.ratings"), 33, 0);
	ll_error e;
	run("show shape k=3");
	str_of("last.shape.dense_bytes | bytes", buf, sizeof buf);
	CHECK_STR(buf, "400 B");
	CHECK(lab_expr(L, "last.density | pct pct %.1f", buf, sizeof buf, &e) == -1);
	CHECK(lab_expr(L, "last.density | pct %s", buf, sizeof buf, &e) == -1);
}

int main(void)
{
	L = lab_new();
	expected_errors();
	shuffled_walk();
	shape();
	popularity();
	heat();
	norms_and_unit();
	sweeps();
	formats();
	lab_free(&L);
	return check_done();
}

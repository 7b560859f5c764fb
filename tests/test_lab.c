/* test_lab.c: a session on the toy data: load, rate, train, step, predict,
 * recommend, similar, vector, cos, eval, save, open, expressions, completion,
 * and errors with the word they point at and a suggestion. */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "labcheck.h"

static const struct bad {
	const char *line;
	const char *message;   /* a part of the message */
	int col;               /* the column it points at; 0: none */
} bad[] = {
	{ "trian sgd", "unknown command 'trian' (did you mean 'train'?)", 1 },
	{ "recom Minsu", "unknown command 'recom' (did you mean 'recommend'?)", 1 },
	{ "train sgd lrr=0.1", "train: unknown option 'lrr' (did you mean 'lr'?)", 11 },
	{ "recommend Minsu nn=3", "recommend: unknown option 'nn' (did you mean 'n'?)", 17 },
	{ "recommend Minsu n=three", "recommend: n must be a whole number, not 'three'", 17 },
	{ "similar Minsu metric=cosin", "(did you mean 'cosine'?)", 15 },
	{ "predict Minsoo Avengers", "no user 'Minsoo' (did you mean 'Minsu'", 9 },
	{ "predict Minsu Avengrs", "no item 'Avengrs' (did you mean 'Avengers'?)", 15 },
	{ "rate Minsu \"Iron Man\" 6", "rate: 6 is off the scale (1 to 5)", 23 },
	{ "rate Minsu Iron Man 5", "rate: unexpected '5' (usage: rate USER ITEM RATING)", 21 },
	{ "rate Minsu", "rate: too few arguments", 6 },
	{ "show ratngs", "show: no 'ratngs' (did you mean 'ratings'?)", 6 },
	{ "split holdot", "split: no 'holdot' (did you mean 'holdout'?)", 7 },
	{ "rate Minsu \"Iron Man 5", "column 12: unterminated double quote", 12 },
	{ "use bb", "use: no model 'bb' (did you mean 'b'?)", 5 },
	{ "eval rmse", "no test ratings: split first", 0 },
	{ "train nosuch", "unknown algorithm 'nosuch'", 7 },
	{ "help tran", "help: no command or algorithm 'tran' (did you mean 'train'?)", 6 },
};

static void test_errors(void)
{
	run("split none");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		view *v = NULL;
		ll_error e;
		CHECK(lab_exec(L, bad[i].line, &v, &e) == -1);
		CHECK(v == NULL);
		if (!strstr(e.msg, bad[i].message) || lab_error_column(L) != bad[i].col)
			fprintf(stderr, "'%s': got \"%s\" at column %d\n", bad[i].line, e.msg,
				lab_error_column(L));
		CHECK(strstr(e.msg, bad[i].message) != NULL);
		CHECK(lab_error_column(L) == bad[i].col);
	}
}

static void test_session(void)
{
	view *v = ok("load toy");
	CHECK(v && v->kind == VIEW_TEXT && strstr(v->u.text.body, "10 users"));
	view_free(&v);
	CHECK(num("mean") > 3.5 && num("mean") < 4.5);
	CHECK(num("rating Cheolsu Avengers") == 5);

	v = ok("show ratings");
	CHECK(v && v->kind == VIEW_MATRIX && v->u.matrix.rows == 10 && v->u.matrix.cols == 10);
	/* Cheolsu rated Avengers 5; Minsu has not seen Avengers. */
	CHECK(v->u.matrix.state[0] == CELL_KNOWN && v->u.matrix.values[0] == 5);
	CHECK(v->u.matrix.state[2 * 10 + 0] == CELL_MISSING);
	view_free(&v);

	/* A new user is created by rate; the empty line and comments do nothing. */
	run("rate Mina \"Iron Man\" 5   # a new user");
	run("");
	run("# nothing");
	CHECK(num("rating Mina \"Iron Man\"") == 5);
	run("unrate Mina \"Iron Man\"");
	run("rate Mina Avengers 4");

	/* A plain SGD model from a known seed: every number is the engine's. */
	run("train sgd k=2 lr=0.05 reg=0.02 epochs=100 seed=7 name=m1");
	double p = num("predict Minsu Avengers | %.6f");
	CHECK(p >= 1 && p <= 5);
	CHECK_NEAR(num("last.prediction | %.6f"), p, 1e-6);
	v = ok("predict Cheolsu Avengers");
	CHECK(v && strstr(v->u.text.body, "rated 5"));
	view_free(&v);
	CHECK_NEAR(num("last.error | %.6f"), 5 - num("last.prediction | %.6f"), 2e-6);

	/* The same seed gives the same model. */
	run("train sgd k=2 lr=0.05 reg=0.02 epochs=100 seed=7 name=m2");
	CHECK_NEAR(num("predict Minsu Avengers | %.6f"), p, 1e-9);
	run("use m1");

	v = ok("recommend Minsu n=3");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 3);
	for (int r = 0; v && r < 3; r++) /* never an item Minsu rated */
		CHECK(strcmp(v->u.table.cells[r * 3 + 1], "Iron Man") != 0);
	view_free(&v);

	v = ok("similar Minsu metric=cosine n=3");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 3);
	view_free(&v);

	v = ok("vector Avengers Minsu");
	CHECK(v && v->kind == VIEW_VECTORS && v->u.vectors.n == 2 && v->u.vectors.k == 2);
	double a0 = v ? v->u.vectors.values[0] : NAN;
	view_free(&v);
	CHECK_NEAR(num("vector Avengers 0 | %.6f"), a0, 1e-6);

	double c = num("cos Cheolsu Minsu | %.6f");
	CHECK(c >= -1 && c <= 1);
	CHECK_NEAR(num("last.cos | %.6f"), c, 1e-9);

	/* Steps: the first walks the ratings in store order. */
	run("train sgd k=1 lr=0.1 reg=0 epochs=0 seed=7 name=s");
	v = ok("step");
	CHECK(v && v->kind == VIEW_SGD_STEP);
	if (v) {
		CHECK_STR(v->u.sgd.user, "Cheolsu");
		CHECK_STR(v->u.sgd.item, "Avengers");
		CHECK_NEAR(v->u.sgd.error, v->u.sgd.rating - v->u.sgd.prediction, 1e-5);
		/* The plain rule: p += lr * (e q - reg p). */
		CHECK_NEAR(v->u.sgd.p_after[0],
			   v->u.sgd.p_before[0] + 0.1 * v->u.sgd.error * v->u.sgd.q_before[0], 1e-5);
	}
	view_free(&v);
	CHECK(num("last.rating") == 5);
	v = ok("step Minsu \"Iron Man\"");
	CHECK(v && v->kind == VIEW_SGD_STEP && strcmp(v->u.sgd.user, "Minsu") == 0);
	view_free(&v);
	v = ok("epoch 2");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 2);
	view_free(&v);

	/* Split, train on the train part, evaluate. */
	run("split holdout frac=0.25 seed=1");
	run("train biased k=2 epochs=20 name=b");
	v = ok("eval rmse mae hr@5");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 3);
	view_free(&v);
	double rmse = num("last.rmse | %.6f");
	CHECK(rmse > 0 && rmse < 5);
	v = ok("compare mean biased epochs=10");
	CHECK(v != NULL);
	view_free(&v);

	v = ok("plot loss");
	CHECK(v && v->kind == VIEW_LINE && v->u.line.n_series == 2 && v->u.line.series[0].n == 20);
	view_free(&v);
	v = ok("plot embeddings");
	CHECK(v && v->kind == VIEW_SCATTER && v->u.scatter.n == 21);
	view_free(&v);
	v = ok("plot ratings");
	CHECK(v && v->kind == VIEW_HIST && v->u.hist.bins == 5);
	view_free(&v);
}

static void test_save_open(void)
{
	char path[] = "/tmp/test_lab_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	run("use m1");
	double p = num("predict Minsu Avengers | %.6f");
	char line[300];
	snprintf(line, sizeof line, "save %s", path);
	run(line);
	run("reset");
	view *v = NULL;
	ll_error e;
	CHECK(lab_exec(L, "predict Minsu Avengers", &v, &e) == -1);
	snprintf(line, sizeof line, "open %s", path);
	run(line);
	CHECK_NEAR(num("predict Minsu Avengers | %.6f"), p, 1e-9);
	CHECK(num("rating Mina Avengers") == 4);   /* the hand-made rating came back */
	v = ok("models");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 4);
	view_free(&v);

	/* A foreign file and a truncated one are refused, the session kept. */
	FILE *f = fopen(path, "w");
	fputs("user,item,rating\nA,B,5\n", f);
	fclose(f);
	snprintf(line, sizeof line, "open %s", path);
	CHECK(lab_exec(L, line, &v, &e) == -1);
	CHECK(strstr(e.msg, "not a latentlab session file") != NULL);
	f = fopen(path, "w");
	fputs("latentlab-session 1\nseed 3\ndata load toy\n", f);
	fclose(f);
	CHECK(lab_exec(L, line, &v, &e) == -1);
	CHECK(strstr(e.msg, "truncated") != NULL);
	f = fopen(path, "w");
	fputs("latentlab-session 9\n", f);
	fclose(f);
	CHECK(lab_exec(L, line, &v, &e) == -1);
	CHECK(strstr(e.msg, "format 9") != NULL);
	CHECK_NEAR(num("predict Minsu Avengers | %.6f"), p, 1e-9);
	unlink(path);
}

static void test_expr(void)
{
	char buf[64];
	ll_error e;
	CHECK(lab_expr(L, "predict Minsu Avengers | %.1f", buf, sizeof buf, &e) == 0);
	CHECK(strlen(buf) == 3 && buf[1] == '.');
	CHECK(lab_expr(L, "last.user", buf, sizeof buf, &e) == 0);
	CHECK_STR(buf, "Minsu");
	CHECK(lab_expr(L, "last.nothing", buf, sizeof buf, &e) == -1);
	CHECK(lab_expr(L, "predict Minsu Avengers | %s", buf, sizeof buf, &e) == -1);
	CHECK(lab_expr(L, "users", buf, sizeof buf, &e) == 0); /* the number of users */
	CHECK(lab_expr(L, "help", buf, sizeof buf, &e) == -1);
	CHECK(strstr(e.msg, "gives no number") != NULL);
	CHECK(lab_expr(L, "seed | %d", buf, sizeof buf, &e) == 0);
	CHECK_STR(buf, "42");
}

static int has(char **c, const char *s)
{
	for (; c && *c; c++)
		if (strcmp(*c, s) == 0)
			return 1;
	return 0;
}

static void test_complete(void)
{
	char **c = lab_complete(L, "rec", 3);
	CHECK(has(c, "recommend") && !has(c, "rate"));
	lab_completions_free(c);
	const char *line = "rate Minsu Iro";
	c = lab_complete(L, line, (int)strlen(line));
	CHECK(has(c, "\"Iron Man\""));
	lab_completions_free(c);
	CHECK(lab_complete_start(line, (int)strlen(line)) == 11);
	line = "rate Minsu \"Iron";
	c = lab_complete(L, line, (int)strlen(line));
	CHECK(has(c, "\"Iron Man\""));
	lab_completions_free(c);
	line = "similar Minsu metric=pe";
	c = lab_complete(L, line, (int)strlen(line));
	CHECK(has(c, "metric=pearson") && has(c, "metric=pearson_baseline"));
	lab_completions_free(c);
	line = "recommend Minsu ";
	c = lab_complete(L, line, (int)strlen(line));
	CHECK(has(c, "n=") && has(c, "model="));
	lab_completions_free(c);
	line = "train s";
	c = lab_complete(L, line, (int)strlen(line));
	CHECK(has(c, "sgd") && has(c, "svd"));
	lab_completions_free(c);
}

static void test_data_sources(void)
{
	/* The same seed gives the same synthetic data. */
	run("generate users=30 items=20 ratings=200 seed=3");
	double m1 = num("mean | %.9f");
	CHECK(num("users") == 30);
	run("generate users=30 items=20 ratings=200 seed=3");
	CHECK_NEAR(num("mean | %.9f"), m1, 1e-12);

	/* A file of the user's own. */
	char path[] = "/tmp/test_lab_csv_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	const char *csv = "user,item,rating\nA,X,5\nB,X,3\nA,Y,1\n";
	CHECK(write(fd, csv, strlen(csv)) == (ssize_t)strlen(csv));
	close(fd);
	char line[300];
	snprintf(line, sizeof line, "load %s", path);
	run(line);
	CHECK(num("users") == 2 && num("items") == 2);
	CHECK(num("rating A Y") == 1);
	unlink(path);

	/* Every SGD update of an epoch, and frames of the embeddings. */
	run("load toy");
	run("train sgd k=1 epochs=0 seed=7");
	view *v = ok("epoch trace=yes");
	int steps = 0, tables = 0;
	for (view *x = v; x; x = x->next)
		steps += x->kind == VIEW_SGD_STEP, tables += x->kind == VIEW_TABLE;
	CHECK(steps == 33 && tables == 1);
	view_free(&v);
	v = ok("plot embeddings epochs=2");
	CHECK(v && v->kind == VIEW_SCATTER && v->u.scatter.frames == 3);
	if (v)
		CHECK_STR(v->u.scatter.frame_labels[2], "epoch 3");
	view_free(&v);

	/* Changing the ratings drops the split (its parts no longer match). */
	run("split holdout frac=0.2 seed=1");
	v = ok("rate Minsu Avengers 2");
	CHECK(v && v->next && strstr(v->next->u.text.body, "split was dropped"));
	view_free(&v);
}

static volatile sig_atomic_t stop_flag;
static int progress_calls;

/* A front end's progress hook that asks to stop, as Ctrl-C would. */
static void progress(void *ctx, double fraction, double loss, const char *what)
{
	progress_calls++;
	CHECK(fraction >= 0 && fraction <= 1 && what != NULL);
	stop_flag = 1;
}

static void test_cancel(void)
{
	run("load toy");
	lab_set_cancel_flag(L, &stop_flag);
	lab_set_progress(L, progress, NULL);
	view *v = ok("train sgd k=2 epochs=500 seed=1 name=c");
	CHECK(v && strstr(v->u.text.body, "Stopped early"));
	view_free(&v);
	CHECK(progress_calls >= 1);
	double done = num("last.epochs | %d");
	CHECK(done >= 1 && done < 500);
	/* The model keeps what it learned and answers. */
	double p = num("predict Minsu Avengers");
	CHECK(p >= 1 && p <= 5);
	lab_set_progress(L, NULL, NULL);
	lab_set_cancel_flag(L, NULL);
}

/* A ranking model's curve is its own loss with HR@10 and NDCG@10 on the
 * leave-one-out split, never an RMSE of scores that are not ratings. */
static void test_ranking_curves(void)
{
	run("load toy");
	run("split loo neg=5");
	run("train neumf epochs=3");
	view *v = ok("plot loss");
	CHECK(v && v->kind == VIEW_LINE && v->u.line.n_series == 3);
	if (v && v->kind == VIEW_LINE && v->u.line.n_series == 3) {
		CHECK_STR(v->u.line.series[1].name, "HR@10");
		CHECK(v->u.line.series[0].n == 3);
	}
	view_free(&v);
	double hr = num("last.hr");
	CHECK(hr >= 0 && hr <= 1);
	run("train sgd epochs=3");
	v = ok("plot loss");
	CHECK(v && v->kind == VIEW_LINE && v->u.line.n_series == 2);
	view_free(&v);
	run("split none");
}

int main(void)
{
	/* Find data/toy in the source tree. */
	setenv("LATENTLAB_PATH", LATENTLAB_ABS_SRCDIR, 1);
	L = lab_new();
	test_session();
	test_errors();
	test_save_open();
	test_expr();
	test_complete();
	test_data_sources();
	test_cancel();
	test_ranking_curves();
	lab_free(&L);
	return check_done();
}

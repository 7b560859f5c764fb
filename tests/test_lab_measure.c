/* test_lab_measure.c: the side-by-side measurements of lessons 15 to 18 on
 * the toy data: grouped bars as text, compare with named variants and its
 * measures (bytes, fit and recommendation time, a sample of users), models
 * bytes=yes, eval users=N, knn-gaps and predict explain=yes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labcheck.h"
#include "lab/view/view_text.h"

static char *render(const view *v, int utf8)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	view_render_text_all(v, f, 60, utf8);
	fclose(f);
	return buf;
}

static void str_expr(const char *expr, char *buf, size_t size)
{
	ll_error e;
	if (lab_expr(L, expr, buf, size, &e) != 0) {
		fprintf(stderr, "{{%s}} failed: %s\n", expr, e.msg);
		CHECK(0);
		buf[0] = '\0';
	}
}

static void test_groups_text(void)
{
	view *v = view_groups("Two models", 2, 2);
	CHECK(v && v->kind == VIEW_GROUPS);
	view_groups_group(v, 0, "RMSE", "%.2f", -1);
	view_groups_group(v, 1, "bytes held", "bytes", -1);
	view_groups_series(v, 0, "knn");
	view_groups_series(v, 1, "mf");
	view_groups_set(v, 0, 0, 0.95);
	view_groups_set(v, 0, 1, 0.86);
	view_groups_set(v, 1, 0, 2820448);
	/* bytes of mf left unmeasured: drawn as "-", never the best */
	CHECK(view_groups_best(v, 0) == 1);
	CHECK(view_groups_best(v, 1) == -1);
	CHECK_NEAR(view_groups_max(v, 1), 2820448, 0);
	char *t = render(v, 1);
	CHECK(t && strstr(t, "RMSE (lower is better)\n"));
	CHECK(t && strstr(t, "0.86 ◀ best\n"));
	CHECK(t && strstr(t, "2.8 MB\n"));
	CHECK(t && strstr(t, "   -\n"));
	CHECK(t && strstr(t, "its own scale"));
	free(t);
	t = render(v, 0);
	CHECK(t && strstr(t, "0.86 <- best\n") && !strstr(t, "\xe2"));
	/* The longest bar is the largest value of its group: 0.95 fills it. */
	CHECK(t && strstr(t, "  knn #"));
	free(t);
	view_free(&v);
	CHECK(v == NULL);
}

static void test_compare(void)
{
	run("load toy");
	run("split holdout frac=0.3 seed=1");
	view *v = ok("compare knn-user sgd:a sgd:b b.k=3 k=2 epochs=30 "
		     "measure=rmse,hr@3,fit_s,rec_ms,bytes models=yes");
	/* The table, then the bars: a group per measure, a bar per model. */
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 3 && v->u.table.cols == 7);
	CHECK(v && v->next && v->next->kind == VIEW_GROUPS);
	if (v && v->next) {
		const view *g = v->next;
		CHECK(g->u.groups.n_groups == 5 && g->u.groups.n_series == 3);
		CHECK_STR(g->u.groups.series[1], "a");
		CHECK_STR(g->u.groups.groups[1], "HR@3");
		CHECK(g->u.groups.better[0] == -1 && g->u.groups.better[1] == 1);
	}
	view_free(&v);
	/* Factors of 10 users and 10 items, float32: k=2 and (b.k) k=3. */
	CHECK_NEAR(num("last.bytes.a"), 20 * 2 * 4, 0);
	CHECK_NEAR(num("last.bytes.b"), 20 * 3 * 4, 0);
	CHECK(num("last.bytes.knn-user") > 20 * 3 * 4);
	CHECK(num("last.fit_s.a") >= 0 && num("last.rec_ms.knn-user") >= 0);
	CHECK(num("last.rmse.a") > 0 && num("last.hr@3.b") >= 0);
	/* models=yes kept them, each equal to what it was measured as. */
	CHECK_NEAR(num("eval rmse model=b | %.6f"), num("last.rmse.b | %.6f"), 1e-6);
	/* {{compare ...}}: the first model's RMSE. */
	CHECK_NEAR(num("compare mean knn-user | %.6f"), num("last.rmse.mean | %.6f"), 1e-6);
	/* Options for all that an algorithm does not take are dropped for it. */
	run("compare mean sgd:x k=2 epochs=5");
	fails("compare sgd:a sgd:a", "two models named 'a'");
	fails("compare sgd sgd", "two models named 'sgd'");
	fails("compare sgd:a.b", "has no '.'");
	fails("compare sgd measure=rmse,speed", "unknown measure 'speed'");
	fails("compare sgd:a a.kk=3", "unknown option 'kk'");
	fails("compare sgdd", "did you mean 'sgd'");
}

static void test_models_bytes(void)
{
	run("load toy");
	run("split holdout frac=0.3 seed=1");
	run("train knn-user name=knn");
	run("train biased k=2 epochs=20 name=mf");
	view *v = ok("models bytes=yes");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.cols == 7);
	if (v && v->kind == VIEW_TABLE) {
		/* KNN has no k and no epochs. */
		CHECK_STR(v->u.table.cells[0 * 7 + 3], "-");
		CHECK_STR(v->u.table.cells[0 * 7 + 4], "-");
		CHECK(strstr(v->u.table.cells[0 * 7 + 6], "dense 10 x 10") != NULL);
		CHECK(strstr(v->u.table.cells[1 * 7 + 6], "biases") != NULL);
	}
	view_free(&v);
	/* Biased MF: both factor tables, a bias per user and item, the mean. */
	CHECK_NEAR(num("last.bytes.mf"), 20 * 2 * 4 + 20 * 4 + 8, 0);
	CHECK_NEAR(num("last.bytes"), num("last.bytes.mf"), 0);
}

static void test_eval_users(void)
{
	/* A sample as large as the test users is all of them. */
	double all = num("eval hr@3 model=mf | %.6f");
	CHECK_NEAR(num("eval hr@3 model=mf users=1000 | %.6f"), all, 1e-9);
	view *v = ok("eval hr@3 model=mf users=2");
	CHECK(v && v->next && v->next->kind == VIEW_TEXT &&
	      strstr(v->next->u.text.body, "2 test users"));
	view_free(&v);
	/* Seeded: the same sample twice. */
	CHECK_NEAR(num("eval hr@3 model=mf users=2 | %.6f"), num("eval hr@3 model=mf users=2 | %.6f"),
		   0);
}

static void test_gaps(void)
{
	view *v = ok("knn-gaps model=knn mf=mf n=2");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.cols == 7 && v->u.table.rows <= 2);
	view_free(&v);
	double n = num("last.gaps.count");
	CHECK(n >= 1);
	CHECK_NEAR(num("last.gaps.share | %.6f"), n / 10, 1e-6);
	/* The first row is a rating KNN could not serve: predict says so. */
	char user[64], item[128], line[300];
	str_expr("last.gaps.user", user, sizeof user);
	str_expr("last.gaps.item", item, sizeof item);
	double knn = num("last.gaps.knn | %.4f"), mf = num("last.gaps.mf | %.4f");
	snprintf(line, sizeof line, "predict %s \"%s\" model=knn explain=yes", user, item);
	run(line);
	CHECK(num("last.impossible") == 1);
	CHECK_NEAR(num("last.prediction | %.4f"), knn, 1e-4);
	snprintf(line, sizeof line, "predict %s \"%s\" model=mf explain=yes", user, item);
	run(line);
	CHECK(num("last.impossible") == 0);
	CHECK_NEAR(num("last.prediction | %.4f"), mf, 1e-4);
	/* A guess KNN can make names its voters. */
	run("predict Cheolsu Avengers model=knn explain=yes");
	if (num("last.impossible") == 0)
		CHECK(num("last.neighbours") >= 1);
	fails("knn-gaps model=mf", "not a KNN model");
	fails("knn-gaps mf=knn", "other than KNN");
	run("split none");
	fails("knn-gaps", "no test ratings");
}

int main(void)
{
	setenv("LATENTLAB_PATH", LATENTLAB_ABS_SRCDIR, 1);
	L = lab_new();
	test_groups_text();
	test_compare();
	test_models_bytes();
	test_eval_users();
	test_gaps();
	lab_free(&L);
	return check_done();
}

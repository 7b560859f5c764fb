/* test_lab_measure.c: the side-by-side measurements of lessons 15 to 18 on
 * the toy data: grouped bars as text, compare with named variants and its
 * measures (bytes, fit and recommendation time, a sample of users), models
 * bytes=yes, eval users=N, knn-gaps and predict explain=yes; quantize's
 * grids (qround.c against the engine's, one for the table, 1 bit, every
 * cell a last. key, budget=yes), plot quantize, recommend precision=;
 * ann's trade-off, sizes and session cache; log axes and marks as text. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labcheck.h"
#include "engine/vectors/quant.h"
#include "lab/lab_impl.h"
#include "lab/qround.h"
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
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 3 && v->u.table.cols >= 7);
	if (v && v->kind == VIEW_TABLE) {
		CHECK_STR(v->u.table.header[5], "bytes held");
		CHECK_STR(v->u.table.header[6], "what it holds");
	}
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

static void test_qround(void)
{
	enum { N = 37, D = 10 };
	float x[N * D], y[N * D], z[N * D];
	unsigned s = 12345;
	for (int i = 0; i < N * D; i++) {
		s = s * 1103515245u + 12345u;
		x[i] = (float)((s >> 8) % 20000) / 10000.0f - 1.0f;
	}
	/* A row grid rounds exactly as the engine's quantizer does. */
	for (int p = QUANT_F16; p <= QUANT_INT2; p++)
		for (int sym = 0; sym < 2; sym++) {
			ll_error e;
			qtable *t = quant_encode(x, N, D, (quant_prec)p, sym, &e);
			CHECK(t != NULL);
			if (!t)
				continue;
			quant_decode(t, y);
			memcpy(z, x, sizeof x);
			qr_bytes b = { 0, 0 };
			qr_round(z, N, D, p, sym, 0, &b, NULL);
			CHECK(memcmp(y, z, sizeof y) == 0);
			CHECK_NEAR(b.codes + b.grids, (double)quant_bytes(t), 0);
			quant_free(&t);
		}
	/* One grid for the table: its bytes once, its levels shared. */
	memcpy(z, x, sizeof x);
	qr_bytes b = { 0, 0 };
	double err = 0;
	qr_round(z, N, D, QUANT_INT4, 0, 1, &b, &err);
	CHECK_NEAR(b.grids, 8, 0);
	CHECK_NEAR(b.codes, N * 5, 0);
	float lv[256], st[D];
	int nl = qr_row(x, N, D, 3, QUANT_INT4, 0, 1, lv, NULL, st);
	CHECK(nl == 16);
	CHECK(err <= (lv[1] - lv[0]) / 2 + 1e-6);
	for (int j = 0; j < D; j++)
		CHECK_NEAR(st[j], z[3 * D + j], 0);
	/* 1 bit: the sign times the row's mean size. */
	memcpy(z, x, sizeof x);
	b = (qr_bytes){ 0, 0 };
	qr_round(z, N, D, QR_1BIT, 0, 0, &b, NULL);
	double mean = 0;
	for (int j = 0; j < D; j++)
		mean += fabsf(x[j]);
	mean /= D;
	for (int j = 0; j < D; j++)
		CHECK_NEAR(z[j], x[j] >= 0 ? mean : -mean, 1e-6);
	CHECK_NEAR(b.codes, N * 2, 0); /* ten bits: two bytes a row */
	CHECK_NEAR(b.grids, N * 4, 0);
	CHECK(qr_from_name("1bit") == QR_1BIT && qr_from_name("int4") == QUANT_INT4);
}

static void test_quantize(void)
{
	run("load toy");
	run("split holdout frac=0.3 seed=1");
	run("train sgd k=3 epochs=50 name=q");
	run("quantize precision=int4");
	/* A key for every cell of the effects table. */
	CHECK_NEAR(num("last.quantize.f32_bytes"), 20 * 3 * 4, 0);
	CHECK_NEAR(num("last.quantize.f32_kept"), 1, 0);
	CHECK_NEAR(num("last.quantize.int4_grid_bytes"), 20 * 8, 0);
	CHECK_NEAR(num("last.quantize.int4_bytes"), 20 * (2 + 8), 0);
	CHECK(num("last.quantize.1bit_rmse") > 0 && num("last.quantize.int2_hr") >= 0);
	CHECK(num("last.quantize.int8_kept") >= 0 && num("last.quantize.int8_kept") <= 1);
	/* Its RMSE is the model's, rounded: f32 changes nothing. */
	CHECK_NEAR(num("last.quantize.f32_rmse | %.6f"), num("eval rmse | %.6f"), 1e-6);
	view *v = ok("quantize precision=int4 grid=both users=3");
	int kinds = 0;
	for (view *x = v; x; x = x->next)
		kinds += x->kind == VIEW_TABLE;
	CHECK(kinds == 2); /* the vector, then row against table */
	view_free(&v);
	CHECK_NEAR(num("last.quantize.table_int4_bytes"), 20 * 2 + 2 * 8, 0); /* a grid per table */
	CHECK(num("last.quantize.table_int4_bytes") < num("last.quantize.int4_bytes"));
	v = ok("quantize precision=1bit effects=no");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 3);
	view_free(&v);
	fails("quantize lr=0.1", "unknown option 'lr'");
	fails("quantize precision=int3", "did you mean");
	/* Fewer dimensions against fewer bits: a model per k. */
	v = ok("quantize budget=yes ks=2,3 epochs=20 lr=0.05");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 2 * QR_N);
	CHECK(v && v->next && v->next->kind == VIEW_LINE && v->next->u.line.n_series == QR_N - 1);
	view_free(&v);
	CHECK_NEAR(num("last.quantize.k2.f32_bytes"), 20 * 2 * 4, 0);
	CHECK_NEAR(num("last.quantize.k3.int4_bytes"), 20 * (2 + 8), 0);
	fails("quantize budget=yes ks=2,x", "ks=");

	/* plot quantize: every value beside the level it is stored as. */
	v = ok("plot quantize precision=int4 item=Avengers");
	CHECK(v && v->kind == VIEW_LEVELS && v->u.levels.n == 3 && v->u.levels.n_levels == 16);
	if (v && v->kind == VIEW_LEVELS) {
		double step = v->u.levels.levels[1] - v->u.levels.levels[0];
		for (int j = 0; j < 3; j++) {
			int on = 0;
			for (int i = 0; i < 16; i++)
				on |= v->u.levels.stored[j] == v->u.levels.levels[i];
			CHECK(on);
			CHECK(fabs(v->u.levels.stored[j] - v->u.levels.values[j]) <= step / 2 + 1e-6);
		}
		char *t = render(v, 1);
		CHECK(t && strstr(t, "levels") && strstr(t, "●") && strstr(t, "dim 2"));
		free(t);
	}
	view_free(&v);
	CHECK(num("last.quantize.levels") == 16);
	fails("plot quantize precision=f16", "no grid of levels");

	/* recommend precision=: against itself nothing moves. */
	run("recommend Minsu n=3 precision=f32 compare=f32");
	CHECK_NEAR(num("last.kept"), 1, 0);
	v = ok("recommend Minsu n=3 precision=int2 compare=f32");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.cols == 5);
	view_free(&v);
	CHECK(num("last.kept") >= 0 && num("last.kept") <= 1);
	CHECK(num("last.gap10") >= 0 && num("last.score_shift") >= 0);
	fails("recommend Minsu compare=f32", "goes with precision=");
}

static void test_ann(void)
{
	run("load toy");
	run("train sgd k=3 epochs=30 name=a");
	view *v = ok("ann k=2 nlist=3 plot=tradeoff");
	CHECK(v && v->kind == VIEW_TABLE && v->next && v->next->kind == VIEW_LINE);
	if (v && v->next && v->next->kind == VIEW_LINE) {
		const view *l = v->next;
		CHECK(l->u.line.xlog == 1);
		int exact = 0;
		for (int m = 0; m < l->u.line.n_marks; m++)
			exact |= strcmp(l->u.line.marks[m].label, "exact") == 0;
		CHECK(exact);
		CHECK(l->u.line.n_marks == l->u.line.series[0].n + 1);
	}
	view_free(&v);
	/* Probing every cell is exact search. */
	CHECK_NEAR(num("last.ann.recall.3"), 1, 0);
	CHECK(num("last.ann.nlist") == 3 && num("last.ann.qps.1") > 0);
	v = ok("ann sizes=200,2000 dim=8 queries=20 k=5");
	CHECK(v && v->kind == VIEW_TABLE && v->u.table.rows == 2);
	CHECK(v && v->next && v->next->kind == VIEW_LINE && v->next->u.line.ylog == 1);
	view_free(&v);
	double r1 = num("last.ann.size.2000.nprobe");
	CHECK(num("last.ann.size.200.exact_qps") > 0 && r1 >= 1);
	/* The catalogue and its index stay for the session, reset or not. */
	char key[96];
	snprintf(key, sizeof key, "ann synthetic %d x %d seed %lu", 2020, 8, 42ul);
	run("reset");
	CHECK(lab_cache_get(L, key) != NULL);
	run("ann sizes=200,2000 dim=8 queries=20 k=5");
	CHECK_NEAR(num("last.ann.size.2000.nprobe"), r1, 0);
	fails("ann sizes=2000,200", "must rise");
	fails("ann plot=exact", "goes with sizes=");
	/* The road from here, as a diagram in plain ASCII. */
	v = ok("diagram retrieval");
	CHECK(v && v->kind == VIEW_TEXT && v->u.text.preformatted &&
	      strstr(v->u.text.body, "nprobe") && strstr(v->u.text.body, "LLM"));
	for (const char *p = v ? v->u.text.body : ""; *p; p++)
		CHECK((unsigned char)*p < 0x80);
	view_free(&v);
	fails("diagram retrievl", "did you mean 'retrieval'");
}

static void test_axes_text(void)
{
	char b[32];
	view_axis_num(1000000, b, sizeof b);
	CHECK_STR(b, "1M");
	view_axis_num(100000, b, sizeof b);
	CHECK_STR(b, "100k");
	view_axis_num(99, b, sizeof b);
	CHECK_STR(b, "99");
	view_axis_num(5101.7, b, sizeof b);
	CHECK_STR(b, "5102");
	view_axis_num(0.262, b, sizeof b);
	CHECK_STR(b, "0.262");
	double t[8];
	CHECK(view_axis_ticks(1, 99, 1, t, 8) == 1 && t[0] == 10);
	CHECK(view_axis_ticks(1000, 1e6, 1, t, 8) == 2 && t[0] == 1e4 && t[1] == 1e5);
	CHECK(view_axis_ticks(1, 99, 0, t, 8) == 0);
	view *v = view_line("x", 1);
	double x[] = { 1, 2, 4, 8, 16, 99 }, y[] = { 0.3, 0.5, 0.7, 0.9, 0.99, 1 };
	view_line_series(v, 0, "recall", 6, x, y);
	v->u.line.xlog = 1;
	v->u.line.xlabel = strdup("nprobe");
	view_line_mark(v, 99, 1, "exact", -1);
	char *s = render(v, 1);
	/* Whole numbers at the ends, a tick at ten, never "1e+03". */
	CHECK(s && strstr(s, " 1 ") && strstr(s, "99\n") && strstr(s, "10\n"));
	CHECK(s && strstr(s, "nprobe (log)") && strstr(s, "exact") && !strstr(s, "e+"));
	free(s);
	view_free(&v);
}

/* Issue 14: compare's objective and the lecture's figures, the lecture
 * table from the session, several models on one loss chart, the spectrum's
 * sigma_j and exactness. */
static void test_part3(void)
{
	run("load toy");
	run("split loo neg=3");
	view *v = ok("compare random pop sgd:s lecture=yes");
	CHECK(v && v->kind == VIEW_TABLE);
	int obj = -1;
	for (int j = 0; v && j < v->u.table.cols; j++)
		if (!strcmp(v->u.table.header[j], "trained on"))
			obj = j;
	CHECK(obj >= 0);
	if (obj >= 0)
		CHECK(strstr(v->u.table.cells[2 * v->u.table.cols + obj], "stars") != NULL);
	int bars = 0;
	for (view *w = v; w; w = w->next)
		bars += w->kind == VIEW_GROUPS && w->u.groups.n_series == 6;
	CHECK(bars == 1);
	view_free(&v);
	CHECK_NEAR(num("last.lecture.random"), 0.20, 1e-12);
	CHECK_NEAR(num("last.lecture.s"), 0.55, 1e-12);
	char buf[64];
	ll_error e;
	CHECK(lab_expr(L, "last.lecture.pop", buf, sizeof buf, &e) != 0); /* not quoted */
	CHECK(lab_expr(L, "last.objective.s", buf, sizeof buf, &e) == 0 && !strcmp(buf, "stars"));
	double hr = num("last.hr.pop");
	CHECK_NEAR(num("lecture pop random"), hr, 1e-12);
	fails("lecture pop nosuch", "no HR@10 of 'nosuch'");

	run("split holdout frac=0.2");
	run("train als rank=2 maxIter=3 name=a");
	run("train sgd k=2 epochs=4 name=b");
	v = ok("plot loss model=a,b");
	CHECK(v && v->kind == VIEW_LINE && v->u.line.n_series == 4);
	view_free(&v);
	CHECK(num("last.passes.a") == 3 && num("last.passes.b") == 4);
	v = ok("plot loss model=a,b series=test");
	CHECK(v && v->u.line.n_series == 2);
	view_free(&v);
	fails("plot loss model=a,b series=hr", "names no curve");

	run("train svd k=2");
	run("plot spectrum");
	CHECK(num("last.sigma.1") >= num("last.sigma.2") && num("last.sigma.2") > 0);
	CHECK(num("last.exact") == 1);
	CHECK_NEAR(num("last.energy.2"), num("last.energy"), 1e-12);
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
	test_qround();
	test_quantize();
	test_ann();
	test_axes_text();
	test_part3();
	lab_free(&L);
	return check_done();
}

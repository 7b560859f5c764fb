/* test_quiz_ml.c: the quiz answers of lessons 15, 17 and 18 hold on the
 * data they run on. Each lesson is played step by step as `latentlab run`
 * plays it, and after each quiz the fact its right answer rests on is
 * checked with the lab's own expressions: on the bundled ml-latest-small
 * always, and on ml-100k too when $LATENTLAB_DATA holds it (a lesson's
 * `dataset: movielens` takes it from there). Times are measured, so the
 * one fact about speed is checked with a wide margin. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "labcheck.h"
#include "lab/lesson/lesson.h"

static const char *data_name;

/* Play lesson `name` forward; fact(step) checks what the quiz of that step
 * (0-based) rests on, in the lab as the step left it. */
static void play(const char *name, void (*fact)(int step))
{
	char path[512];
	snprintf(path, sizeof path, "%s/lessons/%s", LATENTLAB_ABS_SRCDIR, name);
	ll_error err = { "" };
	lesson *l = lesson_load(path, &err);
	CHECK(l != NULL);
	if (!l) {
		fprintf(stderr, "%s\n", err.msg);
		return;
	}
	for (int s = 0; s < lesson_n_steps(l); s++) {
		char *prose = NULL;
		view *v = NULL;
		int rc = s == 0 ? lesson_play(L, l, s, &prose, &v, &err)
				: lesson_play_next(L, l, s, &prose, &v, &err);
		if (rc < 0)
			fprintf(stderr, "%s (%s): %s\n", name, data_name, err.msg);
		CHECK(rc == 0);
		free(prose);
		view_free(&v);
		if (rc < 0)
			break;
		fact(s);
	}
	lesson_free(&l);
}

/* A check that names the lesson, the step and the data when it fails. */
#define FACT(cond) do { \
	if (!(cond)) \
		fprintf(stderr, "%s, step %d, on %s: %s\n", lesson_now, step + 1, data_name, #cond); \
	CHECK(cond); \
} while (0)

static const char *lesson_now;

static void knn_vs_mf(int step)
{
	switch (step) {
	case 1: /* HR@10: biased MF above user KNN */
		FACT(num("eval hr@10 model=mf users=100 | %.6f") >
		     num("eval hr@10 model=knn users=100 | %.6f"));
		break;
	case 2: /* user KNN's table of similarities is the larger memory */
		FACT(num("last.bytes.knn-user") > num("last.bytes.biased"));
		break;
	case 3: /* pairs that share no movie exist */
		FACT(num("last.sparsity.disjoint") > 0);
		break;
	case 4: /* KNN falls back on the mean where it cannot serve; MF does better */
		FACT(num("last.gaps.count") > 0);
		FACT(fabs(num("last.gaps.knn | %.4f") - num("mean | %.4f")) < 0.1);
		FACT(num("last.gaps.mf_rmse | %.6f") < num("last.gaps.knn_rmse | %.6f"));
		FACT(num("last.impossible") == 0 && num("last.neighbours") >= 1);
		break;
	}
}

static void knn_to_ann(int step)
{
	switch (step) {
	case 1: { /* the index at 0.95 recall misses a few of the true best */
		char e[64];
		snprintf(e, sizeof e, "last.ann.recall.%.0f | %%.6f", num("last.ann.nprobe95"));
		FACT(num(e) >= 0.95 && num(e) < 1);
		break;
	}
	case 2: /* a thousand times the vectors: exact search far slower */
		FACT(num("last.ann.size.1000.exact_qps") > 100 * num("last.ann.size.1000000.exact_qps"));
		FACT(num("last.ann.size.1000000.ivf_qps") > num("last.ann.size.1000000.exact_qps"));
		break;
	}
}

static void int4(int step)
{
	switch (step) {
	case 1: /* RMSE barely moves, the top ten changes noticeably */
		FACT(fabs(num("last.quantize.int4_rmse | %.6f") - num("last.quantize.f32_rmse | %.6f")) <
		     0.01);
		FACT(num("last.quantize.int4_kept | %.4f") < 0.9);
		FACT(num("last.quantize.int4_kept | %.4f") > 0.5);
		break;
	case 2: /* the gap at the cut is smaller than the rounding */
		FACT(num("last.gap10 | %.6f") < num("last.score_shift | %.6f"));
		FACT(num("last.kept") < 1);
		break;
	case 3: /* an int4 row's grid outweighs its codes */
		FACT(2 * num("last.quantize.int4_grid_bytes") > num("last.quantize.int4_bytes"));
		FACT(num("last.quantize.table_int4_rmse | %.6f") > num("last.quantize.int4_rmse | %.6f"));
		break;
	case 4: /* fewer dimensions in more bits: fewer bytes and a lower RMSE */
		FACT(num("last.quantize.k4.f16_bytes") < num("last.quantize.k10.int4_bytes"));
		FACT(num("last.quantize.k4.f16_rmse | %.6f") < num("last.quantize.k10.int4_rmse | %.6f"));
		FACT(num("last.quantize.k4.f32_rmse | %.6f") <= num("last.quantize.k40.f32_rmse | %.6f"));
		break;
	}
}

static void all(void)
{
	lesson_now = "15-knn-vs-mf";
	play("15-knn-vs-mf.lesson", knn_vs_mf);
	lesson_now = "17-knn-to-ann";
	play("17-knn-to-ann.lesson", knn_to_ann);
	lesson_now = "18-float32-vs-int4";
	play("18-float32-vs-int4.lesson", int4);
}

int main(void)
{
	setenv("LATENTLAB_PATH", LATENTLAB_ABS_SRCDIR, 1);
	struct stat st;
	if (stat(LATENTLAB_ABS_SRCDIR "/data/ml-latest-small", &st) != 0) {
		printf("SKIP: the bundled data/ml-latest-small is missing\n");
		return 77;
	}
	const char *ml = getenv("LATENTLAB_DATA");
	char *keep = ml ? strdup(ml) : NULL;
	L = lab_new();
	unsetenv("LATENTLAB_DATA");
	data_name = "ml-latest-small";
	all();
	char p[600];
	snprintf(p, sizeof p, "%s/ml-100k", keep ? keep : "");
	if (keep && stat(p, &st) == 0) {
		setenv("LATENTLAB_DATA", keep, 1);
		data_name = "ml-100k";
		all();
	} else {
		printf("ml-100k not in $LATENTLAB_DATA: checked on the bundled data only\n");
	}
	free(keep);
	lab_free(&L);
	return check_done();
}

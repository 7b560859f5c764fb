/* bench_content.c: beyond pure collaborative filtering, measured (issue 19).
 *
 *   1. Ratings, on a seeded 80/20 holdout: test RMSE of biased MF, Wide &
 *      Deep, its wide part alone, and biased MF fine-tuned from the text
 *      embedding (`text`) against the same with a random start (`text
 *      init=random`, which is `biased`), overall and on test ratings of
 *      movies with 1-5 and 6-20 training ratings and with none; fit time.
 *   2. Implicit data, leave-one-out with 99 sampled negatives: HR@10 and
 *      NDCG@10 of NeuMF and wide_deep-implicit.
 *   3. Toy Story's nearest movies by the text embedding and by biased MF's
 *      item factors (cosine), side by side.
 *
 * Data: ml-100k from $LATENTLAB_DATA when it is there, else the bundled
 * ml-latest-small (top_srcdir or "."). Usage: bench_content [quick]
 * (quick: fewer epochs). Everything is seeded: the figures repeat. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/algo.h"
#include "engine/content/text.h"
#include "engine/core/lineread.h"
#include "engine/data/load.h"
#include "engine/data/split.h"
#include "engine/model/metrics.h"
#include "engine/model/model.h"
#include "engine/nn/ncf.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static model *fit(const char *algo, const char *opts, const ratings *train, double *secs)
{
	params *p = params_new();
	ll_error err = { "" };
	char buf[256];
	snprintf(buf, sizeof buf, "%s", opts);
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " "))
		params_set_kv(p, w, &err);
	double t0 = now();
	model *m = model_new(algo, p, &err);
	if (m && model_fit(m, train, &err) < 0)
		model_free(&m);
	*secs = now() - t0;
	params_free(&p);
	if (!m)
		fprintf(stderr, "bench_content: %s %s: %s\n", algo, opts, err.msg);
	return m;
}

/* RMSE over test ratings whose item has lo..hi training ratings. */
static double rmse_band(const model *m, const ratings *train, const ratings *test, int lo,
			int hi, size_t *count)
{
	const ll_rating *e = ratings_entries(test);
	double se = 0;
	size_t n = 0;
	for (size_t j = 0; j < ratings_count(test); j++) {
		const uint32_t *pos;
		int c = (int)ratings_item_entries(train, e[j].item, &pos);
		if (c < lo || c > hi)
			continue;
		double d = model_predict_clipped(m, e[j].user, e[j].item) - e[j].value;
		se += d * d, n++;
	}
	*count = n;
	return n ? sqrt(se / (double)n) : NAN;
}

static void ratings_part(const ratings *r, int quick)
{
	ll_error err = { "" };
	split *s = split_holdout(r, 0.2, 1, &err);
	if (!s) {
		fprintf(stderr, "bench_content: %s\n", err.msg);
		return;
	}
	const split_fold *f = split_get(s, 0);
	static const struct { const char *algo, *opts, *label; } rows[] = {
		{ "biased", "k=50 epochs=20 seed=1", "biased MF k=50" },
		{ "wide_deep", "epochs=20 seed=1", "Wide & Deep" },
		{ "wide_deep", "deep=0 epochs=20 seed=1", "  its wide part alone" },
		{ "wide_deep", "wide=0 epochs=20 seed=1", "  its deep part alone" },
		{ "text", "init=random k=50 epochs=20 seed=1", "MF, random start (= biased)" },
		{ "text", "k=50 epochs=20 seed=1", "MF, text start (text)" },
	};
	static const int band[][2] = { { 0, 1 << 30 }, { 0, 0 }, { 1, 5 }, { 6, 20 } };
	printf("\nTest RMSE, holdout 20%% seed 1 (%zu train, %zu test ratings)\n",
	       ratings_count(f->train), ratings_count(f->test));
	size_t cnt[4];
	for (int b = 0; b < 4; b++) {
		const ll_rating *e = ratings_entries(f->test);
		cnt[b] = 0;
		for (size_t j = 0; j < ratings_count(f->test); j++) {
			const uint32_t *pos;
			int c = (int)ratings_item_entries(f->train, e[j].item, &pos);
			cnt[b] += c >= band[b][0] && c <= band[b][1];
		}
	}
	printf("%-30s %8s %8s %8s %8s %7s\n", "model", "all", "0 train", "1-5", "6-20", "fit s");
	printf("%-30s %8zu %8zu %8zu %8zu\n", "  (test ratings)", cnt[0], cnt[1], cnt[2], cnt[3]);
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		char opts[160];
		snprintf(opts, sizeof opts, "%s%s", rows[i].opts, quick ? " epochs=5" : "");
		double secs;
		model *m = fit(rows[i].algo, opts, f->train, &secs);
		if (!m)
			continue;
		printf("%-30s", rows[i].label);
		for (int b = 0; b < 4; b++) {
			size_t n;
			printf(" %8.4f", rmse_band(m, f->train, f->test, band[b][0], band[b][1], &n));
		}
		printf(" %7.1f\n", secs);
		fflush(stdout);
		model_free(&m);
	}
	split_free(&s);
}

static void ranking_part(const ratings *r, int quick)
{
	ll_error err = { "" };
	split *s = split_loo(r, 99, 1, &err);
	if (!s) {
		fprintf(stderr, "bench_content: %s\n", err.msg);
		return;
	}
	const split_fold *f = split_get(s, 0);
	static const struct { const char *algo, *opts; } rows[] = {
		{ "neumf", "epochs=10 seed=1" },
		{ "wide_deep-implicit", "epochs=10 seed=1" },
		{ "wide_deep-implicit", "deep=0 epochs=10 seed=1" },
	};
	printf("\nLeave-one-out, 99 sampled negatives per user (seed 1)\n");
	printf("%-40s %8s %8s %7s\n", "model", "HR@10", "NDCG@10", "fit s");
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		char opts[160];
		snprintf(opts, sizeof opts, "%s%s", rows[i].opts, quick ? " epochs=3" : "");
		double secs;
		model *m = fit(rows[i].algo, opts, f->train, &secs);
		if (!m)
			continue;
		metrics_ranking mr;
		if (metrics_loo(m, f->train, f->test, f->negatives, f->n_neg, 10, 0, &mr, &err) == 0) {
			char label[80];
			snprintf(label, sizeof label, "%s %s", rows[i].algo, rows[i].opts);
			printf("%-40s %8.4f %8.4f %7.1f\n", label, mr.hr, mr.ndcg, secs);
		}
		fflush(stdout);
		model_free(&m);
	}
	split_free(&s);
}

static void neighbours_part(const ratings *r)
{
	int toy = ratings_lookup_item(r, "Toy Story (1995)");
	if (toy < 0)
		return;
	ll_error err = { "" };
	text_opts o;
	text_defaults(&o);
	text_embed *t = text_embed_new(r, &o, &err);
	double secs;
	model *m = fit("biased", "k=50 epochs=20 seed=1", r, &secs);
	if (!t || !m) {
		text_embed_free(&t);
		model_free(&m);
		return;
	}
	enum { N = 10 };
	int a[N], b[N];
	float ca[N], cb[N];
	int na = text_embed_nearest(t, toy, N, a, ca);
	int nb = text_nearest_rows(model_item_factors_const(m), model_n_items(m), model_k(m), toy,
				   N, b, cb);
	printf("\nToy Story's nearest movies (cosine): by text (%d terms, %d dims), by biased MF k=50\n",
	       text_embed_n_terms(t), text_embed_dim(t));
	for (int j = 0; j < N; j++) {
		const uint32_t *pos;
		printf("%2d  %-40.40s %5.2f   %-40.40s %5.2f (%zu ratings)\n", j + 1,
		       j < na ? ratings_item_title(r, a[j]) : "", j < na ? ca[j] : 0,
		       j < nb ? ratings_item_title(r, b[j]) : "", j < nb ? cb[j] : 0,
		       j < nb ? ratings_item_entries(r, b[j], &pos) : 0);
	}
	text_embed_free(&t);
	model_free(&m);
}

int main(int argc, char **argv)
{
	int quick = argc > 1 && !strcmp(argv[1], "quick");
	const char *data = getenv("LATENTLAB_DATA"), *top = getenv("top_srcdir");
	char *dir = data ? lr_join(data, "ml-100k") : NULL;
	ll_error err = { "" };
	ratings *r = dir ? load_path(dir, &err) : NULL;
	if (!r) {
		free(dir);
		dir = lr_join(top ? top : ".", "data/ml-latest-small");
		r = load_path(dir, &err);
	}
	if (!r) {
		fprintf(stderr, "bench_content: %s\n", err.msg);
		free(dir);
		return 77;
	}
	printf("bench_content: %s (%d users, %d movies, %zu ratings)\n", ratings_source(r),
	       ratings_n_users(r), ratings_n_items(r), ratings_count(r));
	ratings_part(r, quick);
	ranking_part(r, quick);
	neighbours_part(r);
	ratings_free(&r);
	free(dir);
	return 0;
}

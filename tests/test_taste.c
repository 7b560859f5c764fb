/* test_taste.c: the lab's commands for unusual taste and new movies (issue
 * 19): unusual on planted ratings where the unusual user is known, its z
 * against a computation of its own; additem, then predict under MF (no
 * vector) and Wide & Deep (a number from the features), kept by save and
 * open; eval max_ratings=N against a hand computation on the toy data. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/model/model.h"
#include "engine/nn/wide_deep.h"
#include "lab/lab_impl.h"
#include "lab/view/view_text.h"
#include "labcheck.h"

static char dir[64];

/* --- planted ratings -------------------------------------------------------- */

enum { NU = 60, NI = 80, ODD = 7, HARSH = 8 };
static const char *const genre_names[] = { "Comedy", "Horror", "Drama", "Romance" };

static uint64_t rng_state = 88172645463325252ull;
static double uniform(void)
{
	rng_state ^= rng_state << 13, rng_state ^= rng_state >> 7, rng_state ^= rng_state << 17;
	return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* Movie i's genres: one of the first three by i % 3, and Romance too for
 * every fifth. */
static unsigned genres_of(int i) { return 1u << (i % 3) | (i % 5 == 0 ? 8u : 0u); }

/* The ratings as written, for the test's own computation. */
static int n_rat, r_user[NU * NI], r_item[NU * NI];
static double r_val[NU * NI];

/* Movies of quality 2.5 to 4.5, users of bias -0.5 to 0.5, noise, half
 * stars. User 7 rates horror two stars below that; user 8 rates
 * everything 1.5 below (harsh, not unusual). Each user rates about half
 * the movies. */
static void write_planted(void)
{
	char path[128];
	snprintf(path, sizeof path, "%s/movies.csv", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	fprintf(f, "movieId,title,genres\n");
	double q[NI + 1];
	for (int i = 1; i <= NI; i++) {
		q[i] = 2.5 + 2 * uniform();
		fprintf(f, "%d,Movie %d (%d),", i, i, 1950 + i);
		int first = 1;
		for (int g = 0; g < 4; g++)
			if (genres_of(i) >> g & 1)
				fprintf(f, "%s%s", first ? "" : "|", genre_names[g]), first = 0;
		fputc('\n', f);
	}
	fclose(f);
	snprintf(path, sizeof path, "%s/ratings.csv", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	fprintf(f, "userId,movieId,rating,timestamp\n");
	for (int u = 1; u <= NU; u++) {
		double b = uniform() - 0.5;
		for (int i = 1; i <= NI; i++) {
			if (uniform() < 0.5)
				continue;
			double v = q[i] + b + (uniform() - 0.5);
			if (u == ODD && (genres_of(i) & 2))
				v -= 2;
			if (u == HARSH)
				v -= 1.5;
			v = round(v * 2) / 2;
			v = v < 0.5 ? 0.5 : v > 5 ? 5 : v;
			fprintf(f, "%d,%d,%.1f,%d\n", u, i, v, 1000000 + n_rat);
			r_user[n_rat] = u, r_item[n_rat] = i, r_val[n_rat++] = v;
		}
	}
	fclose(f);
}

/* The z of user u and genre g as unusual's help defines it, computed here
 * from the ratings as written: gaps to the others' mean of the same movie,
 * the genre's mean gap against the rest's, over the pooled standard error. */
static double z_of(int u, int g)
{
	double sum[NI + 1] = { 0 }, cnt[NI + 1] = { 0 };
	for (int j = 0; j < n_rat; j++)
		sum[r_item[j]] += r_val[j], cnt[r_item[j]]++;
	double in[NI], out[NI];
	int na = 0, nb = 0;
	for (int j = 0; j < n_rat; j++) {
		if (r_user[j] != u || cnt[r_item[j]] < 2)
			continue;
		double gap = r_val[j] - (sum[r_item[j]] - r_val[j]) / (cnt[r_item[j]] - 1);
		if (genres_of(r_item[j]) >> g & 1)
			in[na++] = gap;
		else
			out[nb++] = gap;
	}
	double a = 0, b = 0, ss = 0;
	for (int j = 0; j < na; j++)
		a += in[j] / na;
	for (int j = 0; j < nb; j++)
		b += out[j] / nb;
	for (int j = 0; j < na; j++)
		ss += (in[j] - a) * (in[j] - a);
	for (int j = 0; j < nb; j++)
		ss += (out[j] - b) * (out[j] - b);
	return (a - b) / sqrt(ss / (na + nb - 2) * (1.0 / na + 1.0 / nb));
}

static const char *last_str(const char *key)
{
	const lab_last *v = lab_last_get(L, key);
	return v && v->str ? v->str : "";
}

static double last_num(const char *key)
{
	const lab_last *v = lab_last_get(L, key);
	return v && !v->str ? v->num : NAN;
}

/* The text of what a command showed. */
static char *shown(const char *line)
{
	view *v = ok(line);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (v && f)
		view_render_text_all(v, f, 1000, 1);
	if (f)
		fclose(f);
	view_free(&v);
	return buf ? buf : strdup("");
}

static void test_unusual(void)
{
	char line[200];
	snprintf(line, sizeof line, "load %s", dir);
	run(line);
	run("unusual n=5");
	CHECK_STR(last_str("user"), "7");
	CHECK_STR(last_str("genre"), "Horror");
	CHECK_NEAR(last_num("z"), z_of(ODD, 1), 1e-9);
	CHECK(last_num("gap") < -1.5);
	CHECK(fabs(last_num("elsewhere")) < 0.5);
	CHECK(last_num("z") < -8);
	CHECK(last_num("candidates") == NU);
	printf("planted: user %s, %s, gap %+.2f, elsewhere %+.2f, z %+.1f\n", last_str("user"),
	       last_str("genre"), last_num("gap"), last_num("elsewhere"), last_num("z"));
	/* its value is the first row's z */
	CHECK_NEAR(num("unusual n=1 | %.9f"), z_of(ODD, 1), 1e-8);
	/* one user's genres: the harsh user is harsh everywhere, not unusual */
	run("unusual 8 min=5");
	CHECK(fabs(last_num("z")) < 3);
	for (int g = 0; g < 4; g++) {
		snprintf(line, sizeof line, "unusual 8 genre=%s min=1", genre_names[g]);
		run(line);
		CHECK_NEAR(last_num("z"), z_of(HARSH, g), 1e-9);
	}
	run("unusual 7");
	CHECK_STR(last_str("genre"), "Horror");
	/* genre= ranks everyone on that genre; lower case is the same genre */
	run("unusual genre=horror n=3");
	CHECK_STR(last_str("user"), "7");
	/* against horror-heavy elsewhere, user 7's comedy stands out upwards */
	run("unusual 7 genre=Comedy min=1");
	CHECK_NEAR(last_num("z"), z_of(ODD, 0), 1e-9);
	CHECK(last_num("z") > 0);
	/* min= above every count: nothing, said so */
	char *s = shown("unusual min=100000");
	CHECK(strstr(s, "No user has 100000 ratings") != NULL);
	free(s);
	CHECK(last_num("candidates") == 0);
	fails("unusual genre=Horor", "no genre 'Horor' (did you mean 'Horror'?)");
	fails("unusual min=0", "min must be 1..100000");
	fails("unusual nobody", "no user 'nobody'");
	run("split holdout frac=0.2 seed=1");
	s = shown("unusual n=2");
	CHECK(strstr(s, "the training part of the split") != NULL);
	free(s);
}

/* --- a new movie ------------------------------------------------------------ */

/* The mask bit of a genre in the loaded store (its loader numbers genres
 * as it meets them). */
static uint32_t bit(const char *name)
{
	for (int g = 0; g < ratings_n_genres(L->data); g++)
		if (!strcmp(ratings_genre_name(L->data, g), name))
			return 1u << g;
	CHECK(!"a genre of the planted data");
	return 0;
}

static void test_additem(void)
{
	char line[300];
	snprintf(line, sizeof line, "load %s", dir);
	run(line);
	run("train biased k=5 epochs=30 seed=1 name=mf");
	run("train wide_deep epochs=15 lr=0.01 seed=1 name=wd");
	int ni = ratings_n_items(L->data);
	run("additem \"A New Film (2026)\" genres=Horror tags=scary|dark");
	CHECK(ratings_n_items(L->data) == ni + 1);
	int item = ratings_lookup_item(L->data, "A New Film (2026)");
	CHECK(item == ni);
	/* MovieLens ids are numbers: the next one */
	snprintf(line, sizeof line, "%d", NI + 1);
	CHECK_STR(ratings_item_name(L->data, item), line);
	CHECK(ratings_item_genres(L->data, item) == bit("Horror"));
	CHECK_STR(ratings_item_tags(L->data, item), "scary|dark");
	/* MF has no vector for it; Wide & Deep places it by its genre */
	fails("predict 7 \"A New Film (2026)\" model=mf", "has no vector for A New Film (2026)");
	fails("predict 7 \"A New Film\" model=mf", "train wide_deep");
	double odd = num("predict 7 \"A New Film\" model=wd | %.9f");
	CHECK(last_num("unseen") == 1);
	const lab_model *wd = lab_model_find(L, "wd");
	double lo = ratings_scale_lo(L->data), hi = ratings_scale_hi(L->data);
	double raw = wd ? wd_predict_unseen(wd->m, ratings_find_user(L->data, "7"), bit("Horror"),
					    "A New Film (2026)")
			: NAN;
	CHECK_NEAR(odd, raw < lo ? lo : raw > hi ? hi : raw, 1e-8);
	/* the planted user's horror cross shows on the new horror film */
	double avg = 0;
	for (int u = 1; u <= 20; u++) {
		snprintf(line, sizeof line, "predict %d \"A New Film\" model=wd", u);
		run(line);
		avg += last_num("prediction") / 20;
	}
	printf("a new horror film: %.2f stars for user 7, %.2f on average for users 1-20\n", odd,
	       avg);
	CHECK(odd < avg - 0.5);
	char *s = shown("predict 7 \"A New Film\" model=wd");
	CHECK(strstr(s, "only its features place it: Horror, 2015-") != NULL);
	free(s);
	/* models trained with the film in the data: MF's vector learned nothing */
	run("train biased k=5 epochs=5 seed=1 name=mf2");
	s = shown("predict 7 \"A New Film\" model=mf2");
	CHECK(strstr(s, "random start") != NULL);
	free(s);
	run("train text k=5 epochs=5 seed=1 name=ft");
	s = shown("predict 7 \"A New Film\" model=ft");
	CHECK(strstr(s, "its text's") != NULL);
	free(s);
	/* what additem refuses */
	fails("additem \"Movie 3 (1953)\"", "would be taken for Movie 3 (1953)");
	fails("additem \"Movie 3\"", "would be taken for Movie 3 (1953)");
	fails("additem Other genres=Horor", "no genre 'Horor' (did you mean 'Horror'?)");
	fails("additem \"Bad\\x01Title\"", "control character");
	fails("additem Other name=5", "an item named '5' exists");
	fails("additem Other tags=a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u", "at most 20 tags");
	CHECK(ratings_n_items(L->data) == ni + 1);
	/* a title given as its name on data without numeric ids */
	run("additem \"Second Film\" genres=Comedy,Romance name=extra-1");
	CHECK(ratings_item_genres(L->data, ratings_lookup_item(L->data, "Second Film")) ==
	      (bit("Comedy") | bit("Romance")));

	/* a session replays it, and the Wide & Deep model comes back whole */
	snprintf(line, sizeof line, "save %s/s.session", dir);
	run(line);
	run("load toy");
	snprintf(line, sizeof line, "open %s/s.session", dir);
	run(line);
	item = ratings_lookup_item(L->data, "A New Film (2026)");
	CHECK(item == ni);
	CHECK(item >= 0 && ratings_item_genres(L->data, item) == bit("Horror"));
	CHECK_STR(item >= 0 ? ratings_item_tags(L->data, item) : "", "scary|dark");
	CHECK(ratings_find_item(L->data, "extra-1") == ni + 1);
	CHECK(num("predict 7 \"A New Film\" model=wd | %.9f") == odd);
	fails("predict 7 \"A New Film\" model=mf", "has no vector");

	/* the split goes, as after rate */
	run("split holdout frac=0.2 seed=1");
	run("additem \"Third Film (1999)\" genres=Drama");
	fails("eval rmse model=wd", "no test ratings");
}

/* --- the cold part of eval --------------------------------------------------- */

/* RMSE by hand over the test ratings whose user (or item) has at most max
 * training ratings: the mean model predicts the training mean. */
static double cold_rmse(int by_item, long max, const model *m, int *count)
{
	const ratings *train = lab_train_set(L), *test = lab_test_set(L);
	const ll_rating *e = ratings_entries(test);
	double s = 0;
	*count = 0;
	for (size_t j = 0; j < ratings_count(test); j++) {
		const uint32_t *pos;
		size_t had = by_item ? ratings_item_entries(train, e[j].item, &pos)
				     : ratings_user_entries(train, e[j].user, &pos);
		if ((long)had > max)
			continue;
		double p = m ? model_predict_clipped(m, e[j].user, e[j].item) : ratings_mean(train);
		s += (p - e[j].value) * (p - e[j].value);
		(*count)++;
	}
	return *count ? sqrt(s / *count) : NAN;
}

static void test_eval_cold(void)
{
	run("load toy");
	run("split holdout frac=0.3 seed=1");
	run("train mean name=m");
	int cnt, seen_some = 0, seen_fewer = 0;
	for (long max = 0; max <= 6; max++) {
		char line[100];
		snprintf(line, sizeof line, "eval rmse max_ratings=%ld", max);
		run(line);
		double want = cold_rmse(0, max, NULL, &cnt);
		CHECK(last_num("cold_ratings") == cnt);
		CHECK(cnt ? fabs(last_num("rmse") - want) < 1e-12 : isnan(last_num("rmse")));
		seen_some |= cnt > 0;
		seen_fewer |= cnt > 0 && cnt < (int)ratings_count(lab_test_set(L));
	}
	CHECK(seen_some && seen_fewer);
	run("train baseline name=b");
	const lab_model *b = lab_model_find(L, "b");
	for (long max = 0; max <= 6; max++) {
		char line[100];
		snprintf(line, sizeof line, "eval rmse mae max_ratings=%ld cold=items", max);
		run(line);
		double want = cold_rmse(1, max, b ? b->m : NULL, &cnt);
		CHECK(last_num("cold_ratings") == cnt);
		CHECK(cnt ? fabs(last_num("rmse") - want) < 1e-12 : isnan(last_num("rmse")));
	}
	/* a bound above every count is the plain eval */
	double all = num("eval rmse | %.12f");
	CHECK_NEAR(num("eval rmse max_ratings=1000 | %.12f"), all, 1e-12);
	fails("eval hr@10 max_ratings=3", "max_ratings= measures rmse and mae only");
	fails("eval rmse cold=items", "cold= goes with max_ratings=N");
	fails("eval rmse max_ratings=-2", "max_ratings must be 0 or more");
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/test_taste.XXXXXX");
	if (!mkdtemp(dir))
		return 99;
	write_planted();
	L = lab_new();
	test_unusual();
	test_additem();
	test_eval_cold();
	lab_free(&L);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 99;
	return check_done();
}

/* test_nn_team.c: the NCF helper team: every task of every step runs
 * exactly once, on any team size; NeuMF and GMF trained on 1, 2 and 3
 * threads give the same scores bit for bit, and so does a second run. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/data/synth.h"
#include "engine/model/model.h"
#include "engine/nn/nn_team.h"

typedef struct tally {
	_Atomic int runs[64];
} tally;

static void count_task(void *ctx, int task)
{
	tally *t = ctx;
	atomic_fetch_add(&t->runs[task], 1);
}

static void team_steps(int threads)
{
	nn_team *team = nn_team_new(threads);
	CHECK((team != NULL) == (threads > 1));
	int bad = 0;
	for (int step = 0; step < 5000; step++) {
		tally t;
		int n = 1 + step % 40;
		for (int j = 0; j < 64; j++)
			atomic_init(&t.runs[j], 0);
		nn_team_run(team, n, count_task, &t);
		for (int j = 0; j < 64; j++)
			bad += atomic_load(&t.runs[j]) != (j < n);
	}
	printf("team of %d: 5000 steps, %d tasks run other than once\n", threads, bad);
	CHECK(bad == 0);
	nn_team_free(&team);
	CHECK(team == NULL);
}

static model *fit(const char *algo, const ratings *r, int threads)
{
	params *p = params_new();
	ll_error err = { "" };
	char buf[32];
	params_set(p, "epochs", "2");
	params_set(p, "seed", "5");
	params_set(p, "batch", "100");
	snprintf(buf, sizeof buf, "%d", threads);
	params_set(p, "threads", buf);
	model *m = model_new(algo, p, &err);
	params_free(&p);
	if (!m || model_fit(m, r, &err) != 0) {
		fprintf(stderr, "%s: %s\n", algo, err.msg);
		model_free(&m);
	}
	return m;
}

static int same_scores(const model *a, const model *b)
{
	int n = model_n_items(a), same = 1;
	float *sa = malloc((size_t)n * sizeof *sa), *sb = malloc((size_t)n * sizeof *sb);
	for (int u = 0; same && u < model_n_users(a); u++) {
		model_score_items(a, u, sa);
		model_score_items(b, u, sb);
		same = memcmp(sa, sb, (size_t)n * sizeof *sa) == 0;
	}
	free(sa), free(sb);
	return same;
}

int main(void)
{
	team_steps(1);
	team_steps(2);
	team_steps(3);

	synth_opts o;
	synth_defaults(&o);
	o.users = 120, o.items = 90, o.ratings = 3000, o.seed = 2;
	ll_error err;
	ratings *r = synth_generate(&o, &err);
	CHECK(r != NULL);
	const char *algos[] = { "neumf", "gmf" };
	for (int a = 0; r && a < 2; a++) {
		model *one = fit(algos[a], r, 1), *again = fit(algos[a], r, 1);
		model *two = fit(algos[a], r, 2), *three = fit(algos[a], r, 3);
		CHECK(one && again && two && three);
		if (one && again && two && three) {
			int s2 = same_scores(one, two), s3 = same_scores(one, three);
			printf("%s: 2 threads %s, 3 threads %s 1 thread\n", algos[a],
			       s2 ? "equal" : "differ from", s3 ? "equal" : "differ from");
			CHECK(same_scores(one, again));
			CHECK(s2 && s3);
		}
		model_free(&one), model_free(&again), model_free(&two), model_free(&three);
	}
	ratings_free(&r);
	return check_done();
}

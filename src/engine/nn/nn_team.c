/* nn_team.c: the helper team (nn_team.h), C11 atomics and POSIX threads.
 *
 * One 64-bit ticket holds the step's number, its task count and the next
 * unclaimed task; a claim is a compare-and-swap on it, so a helper late
 * from the previous step can only claim tasks of the step the ticket names,
 * whose fn and ctx were written before the ticket was published.
 *
 * On a busy machine the helpers lose their cores often, and the caller then
 * waits for the task a descheduled helper holds. So the caller measures:
 * PROBE steps alone, PROBE steps with the team, then a run of steps the
 * faster way (helpers asleep when alone), and again. A team probe that is
 * already losing clearly after an eighth of its steps, or one slip of a
 * helper (SLIP) behind, stops there; so does a run with the team at its
 * first step that slow. Each time the caller alone wins again its next
 * run is twice as long (RUN to RUN_MAX steps): on a machine that stays
 * busy the probes' cost fades, and
 * a second core that comes free is found within RUN_MAX steps. Two threads
 * then cost about what one does when the second core is taken, and gain
 * when it is free; the results are the same bits either way. */
#include "engine/nn/nn_team.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#else
#define CPU_RELAX() ((void)0)
#endif

enum { HELPER_SPINS = 1000 };
enum { PROBE = 128, RUN = 2048, RUN_MAX = 64 * RUN };
enum { PROBE_ALONE, PROBE_TEAM, RUNNING };
#define SLIP 1e-3 /* s: far less than a time slice, far more than a step */

struct nn_team {
	_Atomic uint64_t ticket;   /* step << 48 | n_tasks << 32 | next */
	_Atomic int done;          /* tasks finished in this step */
	_Atomic int sleepers, stop;
	nn_task_fn fn;
	void *ctx;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n_helpers;
	pthread_t *helpers;
	/* the caller's measurements */
	int mode, count, use_team, run_len;
	double t_alone, t_team;
	double step_team;          /* the last team probe's mean step */
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static inline uint32_t next_of(uint64_t tk) { return (uint32_t)tk; }
static inline uint32_t count_of(uint64_t tk) { return (uint32_t)(tk >> 32) & 0xffff; }

/* Claim and run tasks of the published step until none is left. */
static void work(nn_team *t)
{
	uint64_t tk = atomic_load(&t->ticket);
	while (next_of(tk) < count_of(tk)) {
		if (!atomic_compare_exchange_weak(&t->ticket, &tk, tk + 1))
			continue;
		t->fn(t->ctx, (int)next_of(tk));
		atomic_fetch_add(&t->done, 1);
		tk = atomic_load(&t->ticket);
	}
}

static void *helper(void *arg)
{
	nn_team *t = arg;
	for (;;) {
		if (atomic_load(&t->stop))
			return NULL;
		uint64_t seen = atomic_load(&t->ticket);
		if (next_of(seen) < count_of(seen)) {
			work(t);
			continue;
		}
		for (int spins = 0; atomic_load(&t->ticket) == seen && !atomic_load(&t->stop) &&
		     spins < HELPER_SPINS; spins++)
			CPU_RELAX();
		if (atomic_load(&t->ticket) != seen || atomic_load(&t->stop))
			continue;
		pthread_mutex_lock(&t->mu);
		atomic_fetch_add(&t->sleepers, 1);
		while (atomic_load(&t->ticket) == seen && !atomic_load(&t->stop))
			pthread_cond_wait(&t->cv, &t->mu);
		atomic_fetch_sub(&t->sleepers, 1);
		pthread_mutex_unlock(&t->mu);
	}
}

static void wake(nn_team *t)
{
	if (atomic_load(&t->sleepers) > 0) {
		pthread_mutex_lock(&t->mu);
		pthread_cond_broadcast(&t->cv);
		pthread_mutex_unlock(&t->mu);
	}
}

nn_team *nn_team_new(int threads)
{
	if (threads <= 1)
		return NULL;
	nn_team *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->helpers = calloc((size_t)threads - 1, sizeof *t->helpers);
	if (!t->helpers || pthread_mutex_init(&t->mu, NULL) != 0) {
		free(t->helpers), free(t);
		return NULL;
	}
	pthread_cond_init(&t->cv, NULL);
	for (int h = 0; h < threads - 1; h++) {
		if (pthread_create(&t->helpers[h], NULL, helper, t) != 0)
			break;
		t->n_helpers++;
	}
	if (t->n_helpers == 0) {
		nn_team_free(&t);
		return NULL;
	}
	t->run_len = RUN;
	return t;
}

static void run_team(nn_team *t, int n_tasks, nn_task_fn fn, void *ctx)
{
	t->fn = fn, t->ctx = ctx;
	atomic_store(&t->done, 0);
	uint64_t step = (atomic_load(&t->ticket) >> 48) + 1;
	atomic_store(&t->ticket, step << 48 | (uint64_t)(n_tasks & 0xffff) << 32);
	wake(t);
	work(t);
	/* Only tasks a helper has claimed and is running are left: spin (a
	 * yield could give the core away for a whole time slice). */
	while (atomic_load(&t->done) < n_tasks)
		CPU_RELAX();
}

void nn_team_run(nn_team *t, int n_tasks, nn_task_fn fn, void *ctx)
{
	if (!t || n_tasks <= 1) {
		for (int j = 0; j < n_tasks; j++)
			fn(ctx, j);
		return;
	}
	int team = t->mode == PROBE_TEAM || (t->mode == RUNNING && t->use_team);
	int timed = t->mode != RUNNING || team;
	double t0 = timed ? now() : 0;
	if (team) {
		run_team(t, n_tasks, fn, ctx);
	} else {
		for (int j = 0; j < n_tasks; j++)
			fn(ctx, j);
	}
	double dt = timed ? now() - t0 : 0;
	if (t->mode == PROBE_ALONE)
		t->t_alone += dt;
	else if (t->mode == PROBE_TEAM)
		t->t_team += dt;
	++t->count;
	/* A run with the team ends at the first step that took SLIP more than
	 * twice the probe's team step: a probe can fall in a moment when both
	 * threads have a core, and the machine is busy again a few
	 * milliseconds later. Probing afresh costs little where the core is
	 * free (a step that slow is rare there). */
	if (t->mode == RUNNING && team && dt > 2 * t->step_team + SLIP)
		t->count = t->run_len;
	/* A team step a quarter slower than a step alone, over an eighth of the
	 * probe, will not win it; nor will a probe that is already SLIP behind
	 * as many steps alone: a helper that loses its core in a task makes the
	 * caller wait a time slice (milliseconds, against tens of microseconds
	 * a step), and one such wait is enough to tell a busy machine. */
	double alone = t->count * t->t_alone / PROBE;
	int losing = t->mode == PROBE_TEAM &&
		     ((t->count >= PROBE / 8 && t->t_team > 1.25 * alone) ||
		      t->t_team > 1.25 * alone + SLIP);
	if (t->count < (t->mode == RUNNING ? t->run_len : PROBE) && !losing)
		return;
	if (t->mode == PROBE_TEAM) {
		t->use_team = !losing && t->t_team * PROBE < t->t_alone * t->count;
		t->step_team = t->t_team / t->count;
		t->run_len = t->use_team ? RUN : t->run_len < RUN_MAX ? 2 * t->run_len : RUN_MAX;
	}
	if (t->mode == RUNNING)
		t->t_alone = t->t_team = 0;
	t->count = 0;
	t->mode = t->mode == PROBE_ALONE ? PROBE_TEAM : t->mode == PROBE_TEAM ? RUNNING : PROBE_ALONE;
}

void nn_team_free(nn_team **pt)
{
	nn_team *t = *pt;
	if (!t)
		return;
	atomic_store(&t->stop, 1);
	pthread_mutex_lock(&t->mu);
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
	for (int h = 0; h < t->n_helpers; h++)
		pthread_join(t->helpers[h], NULL);
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
	free(t->helpers);
	free(t);
	*pt = NULL;
}

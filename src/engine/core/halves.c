/* halves.c: work cut in two halves (see halves.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* sched_getaffinity */
#endif
#include "engine/core/halves.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static _Atomic int mode = LL_HALVES_AUTO;

void ll_halves_set(int m)
{
	atomic_store(&mode, m);
}

int ll_halves_mode(void)
{
	return atomic_load(&mode);
}

/* The processors this process may run on (taskset, a container's share). */
static int processors(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 1;
	return CPU_COUNT(&set);
}

int ll_halves_worth(size_t size, size_t min)
{
	switch (atomic_load(&mode)) {
	case LL_HALVES_NEVER:
		return 0;
	case LL_HALVES_ALWAYS:
		return 1;
	default:
		return size >= min && processors() >= 2;
	}
}

typedef struct job {
	void (*fn)(void *);
	void *arg;
} job;

static void *run_job(void *p)
{
	job *j = p;
	j->fn(j->arg);
	return NULL;
}

void ll_halves_run(void (*fn)(void *), void *a, void *b)
{
	job j = { fn, b };
	pthread_t t;
	int started = pthread_create(&t, NULL, run_job, &j) == 0;
	fn(a);
	if (started)
		pthread_join(t, NULL);
	else
		fn(b);
}

/* nn_team.h: a persistent team of helper threads for many small parallel
 * steps (NCF trains in ~10,000 steps of ~90 us an epoch, where an OpenMP
 * region or barrier per step costs more than the step on a busy machine).
 *
 * nn_team_run hands out tasks 0..n-1 of one step; the caller takes tasks
 * too and returns once all are done. Tasks are claimed one by one, so a
 * helper that the kernel has descheduled holds up at most the task it is
 * in, and the caller never waits at a barrier for a helper that has not
 * started. Helpers spin briefly between steps, then sleep (passive
 * waiting). Which thread runs a task must not change its result: that is
 * how the callers stay bit-identical for any thread count. */
#ifndef LL_NN_TEAM_H
#define LL_NN_TEAM_H

typedef void (*nn_task_fn)(void *ctx, int task);
typedef struct nn_team nn_team;

/* A team of threads - 1 helpers; NULL (run everything in the caller) when
 * threads <= 1 or a thread cannot be made. */
nn_team *nn_team_new(int threads);
/* Run fn(ctx, 0..n_tasks-1), in the caller alone when t is NULL. */
void nn_team_run(nn_team *t, int n_tasks, nn_task_fn fn, void *ctx);
void nn_team_free(nn_team **t);

#endif

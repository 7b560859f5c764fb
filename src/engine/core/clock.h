/* clock.h: seconds on the monotonic clock, for timings that a change of
 * the wall clock must not bend (fit time, queries per second, ETA). */
#ifndef LL_CLOCK_H
#define LL_CLOCK_H

double ll_now(void);

#endif

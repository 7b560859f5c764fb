/* halves.h: work cut in two halves, the second on another thread, for the
 * data module's big passes (a ratings file read by two threads, the
 * indexes of a big store built by two).
 *
 * Each caller cuts its work so that the result is the same bits however it
 * runs: the halves only decide how fast. Whether to cut is one setting for
 * the process: AUTO (the default) cuts work of at least the caller's
 * minimum on a machine where this process may use a second processor,
 * NEVER runs everything on one thread, ALWAYS cuts whatever the size and
 * the processors (tests use it to check that both ways agree). */
#ifndef LL_HALVES_H
#define LL_HALVES_H

#include <stddef.h>

enum { LL_HALVES_AUTO = 0, LL_HALVES_NEVER = 1, LL_HALVES_ALWAYS = 2 };

void ll_halves_set(int mode);
int ll_halves_mode(void);
/* 1 when work of `size` units (a minimum of `min` under AUTO) is worth
 * cutting in two, else 0. */
int ll_halves_worth(size_t size, size_t min);
/* fn(b) on a second thread while fn(a) runs on this one; both done on
 * return. When no thread can be started, fn(b) runs here after fn(a). */
void ll_halves_run(void (*fn)(void *), void *a, void *b);

#endif

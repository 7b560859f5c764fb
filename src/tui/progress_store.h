/* progress_store.h: lesson progress kept between runs (progress_store.c).
 * No curses: the browser and the player read and write it, and a unit test
 * runs it alone. */
#ifndef TUI_PROGRESS_STORE_H
#define TUI_PROGRESS_STORE_H

typedef struct pstore pstore;

pstore *pstore_load(void);
void pstore_free(pstore **p);
/* The furthest step reached (-1 if never opened) and whether it was done. */
int pstore_get(const pstore *p, const char *lesson, int *reached, int *steps);
/* Record that step of steps was shown; writes the file atomically. */
int pstore_set(pstore *p, const char *lesson, int step, int steps);

#endif

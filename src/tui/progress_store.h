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
/* Record the answer to the quiz of step (0-based, below PSTORE_MAX_STEPS):
 * the first answer to each quiz counts, later ones are ignored; written
 * atomically. A lesson whose number of steps changed starts afresh. */
#define PSTORE_MAX_STEPS 64
int pstore_quiz(pstore *p, const char *lesson, int step, int steps, int right);
/* The quiz score: quizzes answered and answered right (0 and 0 if none). */
void pstore_score(const pstore *p, const char *lesson, int *right, int *asked);

#endif

/* lab.h: a lab session and its command language.
 *
 * One session holds the loaded dataset, named models, the current split, the
 * seed and the last result. lab_exec() runs one command line (the same words
 * in the REPL, in a lesson's `$` lines and in batch scripts) and returns views
 * to draw. The lab never touches the terminal: front ends draw the views. */
#ifndef LL_LAB_H
#define LL_LAB_H

#include <signal.h>

#include "engine/core/err.h"
#include "lab/view/view.h"

typedef struct lab lab;

lab *lab_new(void);
void lab_free(lab **l);

/* Forget everything (dataset, models, split, history) and reseed. */
void lab_reset(lab *l);

/* Run one command line. On success returns 0 and sets *out to the views to
 * show (possibly NULL); on error returns -1 with a message that points at the
 * word that is wrong ("train: unknown option 'lrr' (did you mean 'lr'?)").
 * Blank lines and '#' comments return 0 with no views. */
int lab_exec(lab *l, const char *line, view **out, ll_error *err);

/* The 1-based display column of the word the last failed lab_exec points
 * at (for a caret under the line), or 0 when the error is not about a word. */
int lab_error_column(const lab *l);

/* Evaluate a prose expression (the inside of {{ }}), such as
 * "predict Minsu Avengers | %.2f" or "last.error", into buf. */
int lab_expr(lab *l, const char *expr, char *buf, size_t size, ll_error *err);

/* Cancelling long work: the front end's signal handler sets *flag (for
 * example on Ctrl-C or Esc); the running command stops at the next epoch and
 * keeps what it has done. The lab clears the flag when a command starts. */
void lab_set_cancel_flag(lab *l, volatile sig_atomic_t *flag);

/* Progress of long work (training): called about every 100 ms with a
 * fraction done, the live loss and a short label; a front end redraws. */
typedef void (*lab_progress_fn)(void *ctx, double fraction, double loss, const char *what);
void lab_set_progress(lab *l, lab_progress_fn fn, void *ctx);

/* Completion for a line being edited: the candidates for the word that ends
 * at `cursor` (commands, option names, user and item names of the loaded
 * dataset, quoted when they contain spaces). Returns a NULL-terminated array
 * the caller frees with lab_completions_free. */
char **lab_complete(lab *l, const char *line, int cursor);
/* The byte offset where the word being completed starts: candidates replace
 * line[start .. cursor) (an opening quote included). */
int lab_complete_start(const char *line, int cursor);
void lab_completions_free(char **c);

/* Command names and one-line summaries, for help screens. */
int lab_command_count(void);
const char *lab_command_name(int i);
const char *lab_command_summary(int i);

#endif

/* repl.h: the REPL of `latentlab repl`, and the Readline glue it shares with
 * the TUI.
 *
 * The glue (repl_readline_*, repl_history_*) configures GNU Readline for the
 * lab's command language: completion from lab_complete, names quoted when
 * they contain spaces, history kept in paths_state_dir()/history. It never
 * writes to stdout and never assumes a terminal, so the TUI can run the same
 * prompt inside curses with Readline's callback interface. */
#ifndef LL_REPL_H
#define LL_REPL_H

#include <signal.h>
#include <stdio.h>

#include "lab/lab.h"
#include "lab/view/view.h"

/* ---- Readline glue ---- */

/* Set rl_readline_name ("latentlab"), the completion function and its word
 * and quote characters, and read the history file (stifled to
 * REPL_HISTORY_MAX). Completion asks lb, which must outlive the glue.
 * Returns 0, or -1 when there is no state folder (history is then kept in
 * memory only; completion still works). */
#define REPL_HISTORY_MAX 1000
int repl_readline_init(lab *lb);
/* Add a command to the history and append it to the history file at once,
 * so it survives a crash of the command. Blank lines and a repeat of the
 * previous line are not added. */
void repl_history_add(const char *line);
/* Write the history file (at most REPL_HISTORY_MAX lines), at exit. */
void repl_readline_done(void);
/* The history file, or NULL when there is none. */
const char *repl_history_file(void);

/* What completion would do with line[0..end) when Readline's word starts
 * at start (and quote is the quote it found open there, or 0): a
 * Readline-style array, [0] the text to put in place of line[start..end)
 * and then the candidates, NULL-terminated; NULL when nothing completes.
 * Free it with repl_matches_free. (Exposed for tests.) */
char **repl_matches(lab *lb, const char *line, int start, int end, int quote);
void repl_matches_free(char **m);

/* ---- text output ---- */

typedef struct repl_out {
	FILE *out, *err;
	int width;      /* columns */
	int utf8;       /* draw with Unicode (else ASCII) */
	int color;      /* ANSI colours for the prompt and errors */
} repl_out;

/* Fill o for the streams: width from the terminal of out, else $COLUMNS,
 * else 80; UTF-8 from the locale; colour when out is a terminal and
 * NO_COLOR is unset or empty. */
void repl_out_detect(repl_out *o, FILE *out, FILE *err);
/* Write n bytes of s with control bytes (but newline and tab) shown as
 * \x1b and C1 controls as \u009b: names from data files and users never
 * reach the terminal as escape sequences. */
void repl_write_safe(FILE *out, const char *s, size_t n);
/* Print a list of views as text, separated by blank lines (safely). */
void repl_print_views(const repl_out *o, const view *v);
/* Print text word-wrapped to o->width by display width. */
void repl_print_wrapped(const repl_out *o, const char *text, const char *indent);

/* ---- the loop ---- */

/* Run one line on the lab and print its views to o->out, or its error to
 * o->err as "src:lineno: message" (with a caret under the word at fault
 * when caret_col > 0: the column where the line was shown). 0 or -1. */
int repl_exec_line(lab *lb, const repl_out *o, const char *line, const char *src, long lineno,
		   int caret_col);

/* Read commands until the end of input or `quit`. interactive: Readline
 * on the terminal with a prompt, completion, history, a progress line for
 * long training, and Ctrl-C (SIGINT's handler only sets repl_interrupted,
 * the lab's cancel flag) stopping the running command or clearing the line;
 * else lines of in, one by one, errors as "<src>:LINE: message". Returns
 * the exit status: 0, or 1 when a command failed (non-interactive). */
int repl_loop(lab *lb, const repl_out *o, FILE *in, const char *src, int interactive);

/* The flag Ctrl-C sets (the lab's cancel flag in the REPL). */
extern volatile sig_atomic_t repl_interrupted;

#endif

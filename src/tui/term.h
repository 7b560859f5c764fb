/* term.h: the terminal helpers every screen, the prompt and the progress box
 * use, and which use nothing of theirs: the clock, reading a key, the status
 * message, the title and key bars (term.c), and the signal flags and the
 * terminal's restoration (signals.c). Dependencies point down to here. */
#ifndef TUI_TERM_H
#define TUI_TERM_H

#include <signal.h>

#include "tui/app.h"

/* term.c */
/* Monotonic seconds. */
double tui_now(void);
/* Read a key (ERR when none arrived within the current timeout). */
int tui_getkey(void);
/* Status message (printf-like) in a theme role. */
void tui_status(tui *t, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The title bar and the key bar (pairs of key, meaning; NULL-terminated). */
void tui_title(tui *t, const layout *l, const char *left, const char *right);
void tui_keybar(tui *t, const layout *l, const char *const *pairs);

/* signals.c: handlers only set these flags. */
extern volatile sig_atomic_t tui_sig_quit;   /* SIGINT, SIGTERM */
extern volatile sig_atomic_t tui_sig_winch;  /* SIGWINCH */
extern volatile sig_atomic_t tui_cancel;     /* the lab's cancel flag (Esc, Ctrl-C) */
void signals_install(void);
/* Restore the terminal once (endwin); registered with atexit. */
void signals_restore_terminal(void);
/* The terminal's size now (after a SIGWINCH); 0 or -1. */
int signals_term_size(int *rows, int *cols);

#endif

/* tui.h: the curses front end: one application state, one main loop
 * (tui_main.c), a file per screen (screen_*.c) with a draw function and a
 * key function that says what to do next. */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include <curses.h>
#include <signal.h>

#include "lab/lab.h"
#include "lab/lesson/lesson.h"
#include "lab/lesson/lesson_list.h"
#include "tui/layout.h"

/* Keys: characters as themselves, curses function keys offset by TUI_FN so
 * that they never collide with a Unicode character. */
#define TUI_FN 0x1000000
#define TUI_KEY(k) ((k) + TUI_FN)
#define TUI_ESC 27

/* What a key handler asks the loop to do. */
enum tui_action { ACT_NONE, ACT_REDRAW, ACT_QUIT };

enum tui_screen { SCR_BROWSER, SCR_PLAYER, SCR_HELP };

typedef struct pstore pstore;

/* A run of views drawn as one animated scene item: a single view, or a run
 * of SGD updates played one after another. */
typedef struct scene_item {
	const view *first;
	int count;   /* views in the run */
	int frames;  /* frames of the whole run */
} scene_item;

typedef struct tui {
	lab *lab;
	int ascii;          /* not a UTF-8 locale: ASCII glyphs */
	int rows, cols;
	int screen, help_back;
	int quit_asked;     /* waiting for y/n */
	char status[512];   /* message on the status row */
	int status_role;

	/* browser */
	lesson_entry *lessons;
	int n_lessons, sel, top;
	pstore *progress;
	int standalone;     /* opened with --lesson: q leaves the program */

	/* player */
	lesson *les;
	char *les_name;
	int step, n_steps;
	int in_sync;        /* the lab holds exactly steps 0..step (no prompt commands since) */
	char *prose;        /* the step's prose, expressions evaluated */
	view *views;        /* what the step's commands returned */
	view *cmd_views;    /* what the last ':' command returned (shown instead) */
	int prose_top, scene_top;
	int quiz_answer;    /* -1, or the chosen index */
	char *quiz_text;    /* the evaluated explanation */
	scene_item items[32];
	int n_items;
	int frame, total_frames;
	int autoplay, speed;
	int paused;         /* the animation waits for '.', ',' or 's' */
	double next_tick;   /* monotonic seconds of the next animation frame */
	int dirty;          /* commands run at the prompt: their state would be lost */
	int goto_active;
	char goto_buf[8];

	/* long work */
	double work_start;
	int working;
} tui;

/* signals.c: handlers only set these flags. */
extern volatile sig_atomic_t tui_sig_quit;   /* SIGINT, SIGTERM */
extern volatile sig_atomic_t tui_sig_winch;  /* SIGWINCH */
extern volatile sig_atomic_t tui_cancel;     /* the lab's cancel flag (Esc, Ctrl-C) */
void signals_install(void);
/* Restore the terminal once (endwin); registered with atexit. */
void signals_restore_terminal(void);
/* The terminal's size now (after a SIGWINCH); 0 or -1. */
int signals_term_size(int *rows, int *cols);

/* tui_main.c */
int cli_tui(int argc, char **argv);
double tui_now(void);
/* Read a key (ERR when none arrived within the current timeout). */
int tui_getkey(void);
/* Status message (printf-like) in a theme role. */
void tui_status(tui *t, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The title bar and the key bar (pairs of key, meaning; NULL-terminated). */
void tui_title(tui *t, const layout *l, const char *left, const char *right);
void tui_keybar(tui *t, const layout *l, const char *const *pairs);

/* screen_browser.c */
int browser_load(tui *t);
void browser_draw(tui *t);
int browser_key(tui *t, int key);

/* screen_player.c */
int player_open(tui *t, const char *path, const char *name);
void player_close(tui *t);
void player_draw(tui *t);
int player_key(tui *t, int key);
/* Animation: seconds until the next frame, or -1 when nothing moves. */
double player_wait(tui *t);
void player_tick(tui *t);
/* Show what a ':' command returned (takes the views). */
void player_show_command(tui *t, view *views);

/* screen_help.c */
void help_draw(tui *t);
int help_key(tui *t, int key);

/* screen_small.c */
void small_draw(tui *t);

/* prompt.c: the ':' prompt, GNU Readline inside curses. */
int prompt_init(tui *t);
void prompt_done(void);
int prompt_active(void);
void prompt_open(tui *t);
/* Feed a key; returns ACT_REDRAW, or ACT_NONE. When a line is finished it
 * is run on the lab and its views are shown. */
int prompt_key(tui *t, int key);
void prompt_draw(tui *t, const layout *l);

/* progress.c: long work with a progress bar; Esc cancels. */
void progress_attach(tui *t);
void progress_begin(tui *t);
void progress_end(tui *t);

/* progress_store.c: lesson progress kept between runs. */
pstore *pstore_load(void);
void pstore_free(pstore **p);
/* The furthest step reached (-1 if never opened) and whether it was done. */
int pstore_get(const pstore *p, const char *lesson, int *reached, int *steps);
/* Record that step of steps was shown; writes the file atomically. */
int pstore_set(pstore *p, const char *lesson, int step, int steps);

#endif

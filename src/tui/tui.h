/* tui.h: the parts of the curses front end that tui_main.c's one main loop
 * puts together: a file per screen (screen_*.c) with a draw function and a
 * key function that returns what to do next (app.h's tui_result), the
 * player's state and keys, the ':' prompt and the progress box. Every part
 * reads the state in app.h and the helpers in term.h; none calls another
 * screen (the loop performs the transitions), so calls point down:
 * tui_main -> screen_* -> player_keys -> player -> progress -> term -> draw
 * (the prompt, too, calls only down into progress and term). */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include <stdio.h>

#include "tui/app.h"
#include "tui/progress_store.h"
#include "tui/term.h"

/* tui_main.c: open the browser (or the lesson named, a name or a path) with
 * a theme of draw/theme.h, in presentation mode when present is set; 0
 * when the user quit, 1 on an error (said on stderr, the terminal
 * restored). tui_print_keys: the "Keys:" paragraph for --help, from the
 * player's key table. */
int tui_main(int theme, const char *lesson, int present);
void tui_print_keys(FILE *out);

/* screen_browser.c */
int browser_load(tui *t);
void browser_draw(tui *t);
tui_result browser_key(tui *t, int key);

/* player.c: the lesson being played and its animation clock. */
#define PLAYER_SPEEDS 7   /* animation speeds, slowest first */
int player_open(tui *t, const char *path, const char *name);
void player_close(tui *t);
/* Play a step (0-based); on failure the current step stays, -1. */
int player_go(tui *t, int step);
/* Regroup the shown views into scene items; the animation starts over. */
void player_restart(tui *t);
/* Show what a ':' command returned (takes the views). */
void player_show_command(tui *t, view *views);
/* The y/n question waiting on the status row (player_keys.c). */
const char *player_question(const tui *t);
/* The step's quiz (NULL: none), and whether it still waits for an answer. */
const lesson_quiz *player_quiz(const tui *t);
int player_quiz_pending(const tui *t);
/* Answer the step's quiz (the first answer is kept in the progress). */
void player_answer(tui *t, int choice);
/* The lesson after the one playing (in the browser's list, else the next
 * file of its folder), kept in t->next; NULL when it was the last. */
const lesson_entry *player_next_lesson(tui *t);
/* Seconds per animation frame at the current speed. */
double player_frame_delay(const tui *t);
/* Animation: seconds until the next frame, or -1 when nothing moves. */
double player_wait(tui *t);
/* A frame, or autoplay's next move (which may open the next lesson). */
tui_result player_tick(tui *t);

/* screen_player.c: how the player looks. player_draw_scene and
 * player_draw_text draw the scene and the prose-with-quiz pane into a
 * rectangle, for the presentation screen too (the quiz's choices stay in
 * view; the prose above them scrolls). player_quiz_rows: rows the quiz
 * needs at width w (0: no quiz). */
void player_draw(tui *t);
void player_draw_scene(tui *t, lrect r);
void player_draw_text(tui *t, lrect r);
int player_quiz_rows(const tui *t, int w);

/* screen_present.c: presentation mode: the scene fills the screen, the
 * prose is its caption, the step's headline numbers are drawn large. */
void present_draw(tui *t);

/* player_keys.c: the player's keys, one row each, declared once for the
 * handler, the key bar, the help screen and --help. */
typedef struct tui_key {
	const int *keys;        /* codes it answers to, 0-terminated; NULL: handled elsewhere */
	tui_result (*run)(tui *t, int key);
	const char *name;       /* the help screen's row (NULL: not listed) */
	const char *help;
	const char *brief;      /* help in at most 20 columns, for a narrow help screen */
	int bar;                /* place in the key bar, most needed first; 0: not there */
	const char *bar_key, *bar_key_ascii, *bar_label; /* bar_key_ascii NULL: bar_key */
	const char *usage_key;  /* --help's "Keys:" line; NULL: name with ", " as "/" */
	const char *usage_label;/* NULL: not in --help */
} tui_key;
extern const tui_key player_keys[];
extern const int player_n_keys;
tui_result player_key(tui *t, int key);

/* screen_help.c */
void help_draw(tui *t);
tui_result help_key(tui *t, int key);

/* screen_small.c */
void small_draw(tui *t);

/* prompt.c: the ':' prompt, GNU Readline inside curses. */
int prompt_init(tui *t);
void prompt_done(void);
int prompt_active(void);
void prompt_open(tui *t);
/* Feed a key. When a line is finished it is run on the lab; views it
 * returned come back as ACT_SHOW_VIEWS, else ACT_REDRAW. */
tui_result prompt_key(tui *t, int key);
void prompt_draw(tui *t, const layout *l);

/* progress.c: long work with a progress bar; Esc cancels. */
void progress_attach(tui *t);
void progress_begin(tui *t);
void progress_end(tui *t);

#endif

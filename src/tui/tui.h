/* tui.h: the curses front end: one application state, one main loop
 * (tui_main.c), a file per screen (screen_*.c) with a draw function and a
 * key function that says what to do next. */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include "tui/app.h"
#include "tui/progress_store.h"
#include "tui/term.h"

/* tui_main.c */
int cli_tui(int argc, char **argv);

/* screen_browser.c */
int browser_load(tui *t);
void browser_draw(tui *t);
tui_result browser_key(tui *t, int key);

/* screen_player.c */
int player_open(tui *t, const char *path, const char *name);
void player_close(tui *t);
void player_draw(tui *t);
tui_result player_key(tui *t, int key);
/* Animation: seconds until the next frame, or -1 when nothing moves. */
double player_wait(tui *t);
void player_tick(tui *t);
/* Show what a ':' command returned (takes the views). */
void player_show_command(tui *t, view *views);

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

/* app.h: the application state every part of the TUI reads and writes: one
 * `tui` struct (which screen, the lesson being played, the animation, the
 * status row), the key codes, and what a screen hands back to the main loop.
 * Screens, the prompt and the progress box get what they need from here and
 * never from each other: a screen that wants another screen returns an
 * action (tui_result) and tui_main.c's loop performs it (htop's
 * HandlerResult). Only declarations of state live here, no functions. */
#ifndef TUI_APP_H
#define TUI_APP_H

#include <curses.h>

#include "lab/lab.h"
#include "lab/lesson/lesson.h"
#include "lab/lesson/lesson_list.h"
#include "lab/view/view.h"
#include "tui/draw/layout.h"

/* Keys: characters as themselves, curses function keys offset by TUI_FN so
 * that they never collide with a Unicode character. */
#define TUI_FN 0x1000000
#define TUI_KEY(k) ((k) + TUI_FN)
#define TUI_ESC 27
/* Alt (or Esc then a key at once) with a character, and an escape sequence
 * the terminal description does not know (\e[99~): neither means Esc. */
#define TUI_ALT(c) (TUI_FN + 0x200000 + (c))
#define TUI_UNKNOWN (TUI_FN + 0x1fffff)

/* What a screen's key handler (or the prompt) asks the main loop to do
 * next; the loop performs the transitions, so no screen calls another. */
enum tui_action {
	ACT_NONE,        /* the key meant nothing here */
	ACT_REDRAW,      /* the state changed: draw again */
	ACT_OPEN_LESSON, /* open arg.lesson in the player (autoplay goes on if on) */
	ACT_SHOW_VIEWS,  /* show arg.views (ownership passes) in the player */
	ACT_PROMPT,      /* open the ':' prompt */
	ACT_HELP,        /* the help screen, coming back to this screen */
	ACT_BACK,        /* leave: help to where it came from, the player to the browser */
	ACT_QUIT,
};

typedef struct tui_result {
	enum tui_action act;
	union {                         /* the payload, by act */
		const lesson_entry *lesson; /* ACT_OPEN_LESSON */
		view *views;                /* ACT_SHOW_VIEWS */
	} arg;
} tui_result;

/* A result without payload. */
#define TUI_DO(a) ((tui_result){ .act = (a) })

enum tui_screen { SCR_BROWSER, SCR_PLAYER, SCR_HELP };

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
	int help_top, help_scrolls; /* the help's scroll, and whether it needs one */
	int quit_asked;     /* waiting for y/n */
	char status[512];   /* message on the status row */
	int status_role;

	/* browser */
	lesson_entry *lessons;
	int n_lessons, sel, top;
	struct pstore *progress; /* progress_store.h */
	int standalone;     /* opened with --lesson: q leaves the program */
	lesson_entry next;  /* the lesson after this one (player_next_lesson) */

	/* player */
	lesson *les;
	char *les_name;
	int step, n_steps;
	int in_sync;        /* the lab holds exactly steps 0..step (no prompt commands since) */
	char *prose;        /* the step's prose, expressions evaluated */
	view *views;        /* what the step's commands returned */
	view *cmd_views;    /* what the last ':' command returned (shown instead) */
	int prose_top, scene_top;
	int scene_more;     /* views of the scene that did not fit (set when drawn) */
	int quiz_answer;    /* -1, or the chosen index */
	char *quiz_question;/* the question, expressions evaluated as `latentlab run` does */
	char *quiz_text;    /* the evaluated explanation (shown once answered) */
	scene_item items[32];
	int n_items;
	int frame, total_frames;
	int autoplay, speed;
	int paused;         /* the animation waits for '.', ',' or 's' */
	double next_tick;   /* monotonic seconds of the next animation frame */
	int dirty;          /* commands run at the prompt: their state would be lost */
	int present;        /* presentation mode: the scene fills the screen */
	int end_shown;      /* next was pressed on the last step: again opens the next lesson */
	int goto_active;
	char goto_buf[8];
	/* A rating step (`@ rate`): the question the lab left open, drawn where
	 * a quiz goes (player.c fills it after each play; NULL: not a rating
	 * step), and the last whole-star answer, which '-' may take half a
	 * star off. */
	char *rate_question;
	char *rate_keys;
	double rate_last;

	/* long work */
	double work_start;
	int working;
} tui;

#endif

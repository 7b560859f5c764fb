/* lesson.h: lessons, parsed and played.
 *
 * A lesson file is UTF-8 text an instructor writes without reading C (the
 * format is documented in latentlab-lesson(5)). It has a title, a dataset and
 * steps; each step has prose with {{ expressions }}, `$` commands that set up
 * its scene, and optionally a quiz. Playing step i resets the lab and replays
 * the setup of steps 0..i from the lesson's seed, so stepping back shows
 * exactly what was shown before. */
#ifndef LL_LESSON_H
#define LL_LESSON_H

#include "engine/core/err.h"
#include "lab/lab.h"
#include "lab/view/view.h"

typedef struct lesson lesson;

typedef struct lesson_quiz {
	char *question;
	int n_choices;
	char **choices;
	int correct;        /* index into choices */
	char *explanation;  /* shown after an answer; may contain {{ }} */
	int line;           /* of the '?' line */
	int explanation_line; /* of the first '>' line, 0 if none */
} lesson_quiz;

/* The lines of a step in file order, for front ends that interleave prose
 * and scenes. Prose keeps its markup (*emphasis*, `code`) and {{ }}. */
typedef enum lesson_item_kind {
	LESSON_PROSE,    /* a line of prose */
	LESSON_BREAK,    /* a blank line: ends a paragraph */
	LESSON_COMMAND,  /* `$ command`: run, its views shown */
	LESSON_QUIET,    /* `$$ command`: run for its effect, views dropped */
	LESSON_FAILS,    /* `$! command`: expected to fail; its error is the scene */
	LESSON_RATE,     /* `@ rate ...`: the learner rates movies; text is the
			  * lab command that applies the answers (`ask ...`) */
} lesson_item_kind;

typedef struct lesson_item {
	lesson_item_kind kind;
	int line;           /* line number in the lesson file */
	const char *text;   /* the prose, or the command without its '$' */
} lesson_item;

/* Parse a lesson file; on error NULL with "file:line: message". */
lesson *lesson_load(const char *path, ll_error *err);
/* Parse from memory (name is used in messages). */
lesson *lesson_parse(const char *name, const char *text, ll_error *err);
void lesson_free(lesson **l);

const char *lesson_title(const lesson *l);
const char *lesson_summary(const lesson *l);  /* one line for the browser */
const char *lesson_dataset(const lesson *l);
const char *lesson_path(const lesson *l);
int lesson_n_steps(const lesson *l);
const char *lesson_step_heading(const lesson *l, int step);
const lesson_quiz *lesson_step_quiz(const lesson *l, int step); /* or NULL */
int lesson_step_line(const lesson *l, int step);    /* of its '## ' heading */
/* 1 when the step asks the learner to rate movies (`@ rate`): front ends
 * then take answers (lab/me.h) and play the step again after each. */
int lesson_step_rates(const lesson *l, int step);
int lesson_step_n_items(const lesson *l, int step);
const lesson_item *lesson_step_item(const lesson *l, int step, int i);
/* The seed: 1 and *seed when the lesson sets one, else 0. */
int lesson_seed(const lesson *l, long *seed);

/* Prose for display: `text` with *emphasis* and `code` markers removed
 * (for plain-text front ends). The caller frees the result. */
char *lesson_plain(const char *text);

/* Run the lesson up to and including step: reset the lab, load the dataset,
 * run every earlier step's commands silently, then this step's. On success
 * *prose is the step's text with every {{ }} evaluated (caller frees) and
 * *views what its commands returned. Errors carry the lesson file and line. */
int lesson_play(lab *lb, const lesson *l, int step, char **prose, view **views, ll_error *err);
/* The same for step when steps 0..step-1 were just played on lb (the
 * headless runner goes forward without replaying from the start). */
int lesson_play_next(lab *lb, const lesson *l, int step, char **prose, view **views, ll_error *err);
/* Evaluate every {{ }} in text (a quiz's explanation, say) in the lab's
 * current state; line is where text starts, for messages. */
int lesson_expand(lab *lb, const lesson *l, const char *text, int line, char **out, ll_error *err);

/* Validate a lesson without heavy work: syntax, known commands and options,
 * expression syntax. Returns 0, or -1 with "file:line: message". */
int lesson_check(const lesson *l, ll_error *err);
/* The same for a command script (one command per line, '#' comments):
 * every line parses and names a known command with known options. */
int lesson_check_script(const char *path, ll_error *err);

#endif

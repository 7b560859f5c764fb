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

#include "engine/err.h"
#include "lab/lab.h"
#include "lab/view.h"

typedef struct lesson lesson;

typedef struct lesson_quiz {
	char *question;
	int n_choices;
	char **choices;
	int correct;        /* index into choices */
	char *explanation;  /* shown after an answer; may contain {{ }} */
} lesson_quiz;

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

/* Run the lesson up to and including step: reset the lab, load the dataset,
 * run every earlier step's commands silently, then this step's. On success
 * *prose is the step's text with every {{ }} evaluated (caller frees) and
 * *views what its commands returned. Errors carry the lesson file and line. */
int lesson_play(lab *lb, const lesson *l, int step, char **prose, view **views, ll_error *err);

/* Validate a lesson without heavy work: syntax, known commands and options,
 * expression syntax. Returns 0, or -1 with "file:line: message". */
int lesson_check(const lesson *l, ll_error *err);

#endif

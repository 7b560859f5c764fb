/* me.h: the learner's own ratings ("you on the map", the rating step).
 *
 * A lesson's `@ rate` step asks the learner to rate movies the engine picks
 * (the survey command); the answers are the user `me` of the dataset, in
 * the order given. They belong to the learner, not to the session: a
 * lab_reset (every lesson replay) keeps them, and with lab_me_keep they are
 * saved after every change, atomically, in
 * $XDG_STATE_HOME/latentlab/me/DATASET.tsv, and read back the next time the
 * same dataset is loaded (one file per dataset, since item ids differ).
 * Headless runs give the answers instead (lab_me_script): in the order
 * asked, a rating or "s" for "not seen", each resolved against the engine's
 * next question when the rating step plays. Front ends read the question
 * and answer through these functions only. */
#ifndef LL_ME_H
#define LL_ME_H

#include <stddef.h>

#include "engine/core/err.h"
#include "lab/lab.h"

/* The most answers kept per dataset (and read from a file). */
#define LAB_ME_MAX 2000

/* Save the learner's answers (1) or keep them in memory only (0, the
 * default: tests and batch runs never touch the learner's files). */
void lab_me_keep(lab *l, int keep);

/* Answers for the next rating step, in asking order: "5,4.5,s,3" (commas
 * or blanks between them), or a file of one answer per line ('#'
 * comments). They replace the learner's answers when the step plays.
 * Returns 0, or -1 with "file:line: ..." for a bad answer. */
int lab_me_script(lab *l, const char *answers, ll_error *err);
int lab_me_script_file(lab *l, const char *path, ll_error *err);

/* The question the last survey left open: the movie to rate next, with
 * what the screen shows about it. Returns 1 and fills q, or 0 when there
 * is none (no rating step, or every pick answered). Strings stay valid
 * until the next lab call. */
typedef struct lab_me_question {
	const char *title;   /* "Toy Story (1995)" */
	const char *genres;  /* "Adventure, Animation", or "" */
	int ratings;         /* how many people rated it */
	double shrink;       /* the share of the uncertainty about you it removes */
	int number, total;   /* question number (1-based) of the survey's total */
	double lo, hi, step; /* the rating scale */
} lab_me_question;
int lab_me_next(lab *l, lab_me_question *q);

/* Answer the open question (value on the scale, or NAN for "not seen"),
 * take back the last answer, or forget them all; each saves when kept and
 * the rating step must be played again to show the change. Return 0, or
 * -1 with a message. */
int lab_me_answer(lab *l, double value, ll_error *err);
int lab_me_undo(lab *l, ll_error *err);
int lab_me_clear(lab *l, ll_error *err);
/* Answers given (ratings and skips) and ratings among them. */
int lab_me_count(const lab *l, int *rated);

#endif

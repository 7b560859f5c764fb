/* lesson_impl.h: the parsed lesson, shared by lesson_parse.c (reading and
 * parsing), lesson.c (accessors and helpers), lesson_play.c (playing) and
 * lesson_check.c (checking). Not for front ends: they use the accessors in
 * lesson.h. */
#ifndef LL_LESSON_IMPL_H
#define LL_LESSON_IMPL_H

#include "lab/lesson/lesson.h"

typedef struct lesson_step {
	char *heading;
	int line;
	int n_items, cap_items;
	lesson_item *items;   /* texts owned by the step */
	lesson_quiz *quiz;    /* or NULL */
} lesson_step;

struct lesson {
	char *path;          /* the name used in messages */
	char *title, *summary, *dataset, *author;
	int title_line, dataset_line, seed_line;
	int has_seed;
	long seed;
	int n_steps, cap_steps;
	lesson_step *steps;
	char **lines;        /* the source lines, for messages */
	int n_lines;
};

/* err gets "path:line: <message>" followed by the offending source line
 * on a second line. Returns -1. */
int lesson_fail(const lesson *l, int line, ll_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Find the next "{{ ... }}" in s: sets *open to the "{{" and *close to the
 * "}}". Returns 1 found, 0 none, -1 unclosed or nested. */
int lesson_next_expr(const char *s, const char **open, const char **close);

/* The inside of {{ }} (open at "{{", close at "}}") without the blanks
 * around it; the caller frees. */
char *lesson_expr_text(const char *open, const char *close);

/* The lesson's dataset as a path from here when it names a file beside the
 * lesson (dataset: ratings.csv), else NULL; the caller frees. */
char *lesson_dataset_beside(const lesson *l);
/* The folder the lesson file is in; the caller frees. */
char *lesson_dir(const lesson *l);

/* The sandbox of a lesson's commands (lesson_sandbox.c), a lab_path_filter
 * with the lesson as ctx: a write goes to the lesson's scratch folder (a
 * plain file name only), a read must stay within the lesson's folder, the
 * bundled data, $LATENTLAB_DATA or the scratch folder. */
char *lesson_sandbox_path(void *ctx, const char *cmd, int writes, const char *word, ll_error *err);
/* A file name without a folder: what a lesson may `save` to. */
int lesson_plain_name(const char *word);

#endif

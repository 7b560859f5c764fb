/* registry.h: the table of lab commands.
 *
 * Each command group (cmd_data.c, cmd_train.c, ...) defines one table of
 * lab_cmd rows ending with an all-zero row; registry.c lists the groups.
 *
 * Adding a command (for a new model or tool):
 *   1. In your group file (say cmd_neighbours.c), write
 *        static int run_neighbours(lab_call *c, view **out, ll_error *err);
 *      It reads its positional words from c->argv, its options with
 *      lab_opt_long/lab_opt_num/lab_opt_str (declared options are already
 *      checked and defaulted), resolves names with lab_user/lab_item
 *      (lab_impl.h), returns views through *out, records what it computed
 *      with lab_last_num ("last.neighbour") and lab_result (the number an
 *      expression {{neighbours ...}} shows), and returns 0 or ll_fail(err, ...).
 *   2. Add its row to the group's table:
 *        { "neighbours", "NAME", 1, 1, { ARG_NAME }, NULL, neighbours_opts, 0,
 *          "nearest neighbours of a user or item", "Long help...", run_neighbours },
 *   3. A new group file also needs its table declared below and listed in
 *      registry.c's groups[], and the file added to src/lab/local.mk.
 * A layer above the lab (serve/) cannot be listed there, since the lab never
 * includes it: it hands its table to lab_register_cmds at start-up instead.
 * help, completion, option checking and "did you mean" come from the row. */
#ifndef LL_REGISTRY_H
#define LL_REGISTRY_H

#include "engine/core/err.h"
#include "engine/core/params.h"
#include "lab/lab.h"
#include "lab/parse.h"
#include "lab/view/view.h"

/* What a positional word is, for checking and completion. */
enum lab_arg {
	ARG_NONE = 0,
	ARG_USER,     /* a user of the dataset, or a new one (rate) */
	ARG_ITEM,     /* an item, by name or title */
	ARG_NAME,     /* a user or an item */
	ARG_ALGO,     /* an algorithm of algo.c */
	ARG_MODEL,    /* a trained model of the session */
	ARG_FILE,     /* a file name */
	ARG_WORD,     /* one of the command's `words` */
	ARG_NUMBER,
	ARG_COMMAND,  /* a command name (help) */
	ARG_METRIC,   /* rmse, mae, hr@10, ndcg@10, ... */
	ARG_DATASET,  /* toy, ml-100k, or a path */
	ARG_OUTFILE,  /* a file the command writes (in a lesson: a plain name,
		       * into its scratch folder, as for save) */
};

typedef enum lab_opt_type { OPT_INT, OPT_NUM, OPT_STR, OPT_BOOL, OPT_WORD } lab_opt_type;

typedef struct lab_opt {
	const char *name;
	lab_opt_type type;
	const char *def;   /* default as text; NULL: absent unless given */
	const char *help;
	const char *words; /* OPT_WORD: the choices, "cosine|pearson" */
} lab_opt;

/* The accepted range of an OPT_INT option (registry.c keeps one table of
 * them); an option without one takes any value that fits an int, so
 * k=4294967298 is refused rather than read as 2. */
void lab_opt_range(const char *cmd, const char *opt, long *min, long *max);

struct lab_cmd;

/* One call of a command: the session, its positional words and options. */
typedef struct lab_call {
	lab *l;
	const struct lab_cmd *cmd;
	int argc;
	const lab_word *argv;  /* positional words after the command name */
	params *opts;          /* options given, plus declared defaults */
	const lab_words *words;/* the whole line, parsed */
} lab_call;

typedef struct lab_cmd {
	const char *name;
	const char *usage;     /* the arguments: "USER ITEM RATING" */
	int min_args, max_args;/* max -1: any number */
	unsigned char args[4]; /* enum lab_arg of words 1..4; the last one repeats */
	const char *words;     /* ARG_WORD choices, "ratings|matrix" */
	const lab_opt *opts;   /* ends with a row whose name is NULL; may be NULL */
	int open_opts;         /* undeclared key=value options pass through (train) */
	const char *summary;   /* one line */
	const char *help;      /* the full help, several lines */
	int (*run)(lab_call *c, view **out, ll_error *err);
} lab_cmd;

/* The group tables. */
extern const lab_cmd lab_cmds_data[], lab_cmds_train[], lab_cmds_predict[],
	lab_cmds_eval[], lab_cmds_plot[], lab_cmds_session[];
extern const lab_cmd lab_cmds_search[], lab_cmds_quantize[], lab_cmds_vector[],
	lab_cmds_foldin[], lab_cmds_explain[], lab_cmds_neighbours[];
extern const lab_cmd lab_cmds_export[], lab_cmds_import[];
extern const lab_cmd lab_cmds_compare[];
extern const lab_cmd lab_cmds_diagram[];
extern const lab_cmd lab_cmds_content[];
extern const lab_cmd lab_cmds_sweep[];
extern const lab_cmd lab_cmds_onboard[], lab_cmds_print[];

/* Add a group of commands from a layer above the lab (serve/'s), once at
 * start-up before any command runs; afterwards help, completion, "did you
 * mean", dispatch and `latentlab check` know its rows as built-in ones.
 * The table ends with an all-zero row and outlives every session. At most
 * LAB_ADDED_MAX groups of LAB_ADDED_ROWS rows; -1 when full, or when a row
 * has no run function or a name the lab already has. Registering the same
 * table again does nothing. Not thread-safe: call it from main. */
#define LAB_ADDED_MAX 4
#define LAB_ADDED_ROWS 64
int lab_register_cmds(const lab_cmd *table);

int lab_cmd_count(void);
const lab_cmd *lab_cmd_at(int i);
const lab_cmd *lab_cmd_find(const char *name);
/* The closest command name within edit distance 2, or NULL. */
const char *lab_cmd_suggest(const char *name);
const lab_opt *lab_cmd_opt(const lab_cmd *c, const char *name);
/* 1 for the commands that write their ARG_FILE (save, export). */
int lab_cmd_writes(const lab_cmd *c);

/* Check the words against the command's spec and run it: argument counts,
 * declared options (type, choices, "did you mean"), defaults. */
int lab_cmd_dispatch(lab *l, const lab_cmd *c, const lab_words *w, view **out, ll_error *err);

/* Options of a call (declared ones always have a value when they have a default). */
int lab_opt_given(const lab_call *c, const char *name);
long lab_opt_long(const lab_call *c, const char *name, long def);
double lab_opt_num(const lab_call *c, const char *name, double def);
const char *lab_opt_str(const lab_call *c, const char *name, const char *def);

#endif

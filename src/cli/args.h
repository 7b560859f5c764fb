/* args.h: what the batch subcommands share: one option parser (getopt_long)
 * with GNU messages, usage errors, write errors, Ctrl-C that stops long work
 * cleanly, and the version text. */
#ifndef LL_CLI_ARGS_H
#define LL_CLI_ARGS_H

#include <signal.h>
#include <stdio.h>

/* One option of a subcommand: --name (and -key when key is a letter). */
typedef struct cli_opt {
	const char *name;  /* "data" for --data */
	int key;           /* a short letter ('n' for -n), or 0 */
	const char *arg;   /* "PATH": takes a value; NULL: a flag */
} cli_opt;

typedef struct cli_spec {
	const char *cmd;           /* "train": messages read "latentlab train: ..." */
	const cli_opt *opts;       /* ends with a row whose name is NULL */
	void (*usage)(FILE *out);  /* --help */
	/* Each option in command-line order: its long name and value (NULL for
	 * a flag). Returns 0, or an exit status after printing a message. */
	int (*on_opt)(void *ctx, const char *name, const char *value);
	void *ctx;
} cli_spec;

/* Exit status meaning "go on": cli_parse read the options. */
#define CLI_GO (-1)

/* Read the options of argv[1..] (argv[0] is the subcommand) with getopt_long:
 * --opt=value and --opt value, unambiguous abbreviations (--da for --data),
 * short options, and "--" ending the options. --help (-h) and --version
 * (-V) are added to every subcommand. Operands (KEY=VALUE words, files) are
 * moved after the options: they are argv[*first..argc-1].
 * Returns CLI_GO, or the status the subcommand returns at once: 0 after
 * --help or --version, CLI_USAGE after a message such as
 * "latentlab train: unrecognized option '--dat'". */
int cli_parse(const cli_spec *s, int argc, char **argv, int *first);

/* The value of "--name VALUE" or "--name=VALUE" at argv[*i], advancing *i
 * past a separate value; NULL when argv[*i] is not --name, "" when the
 * value is missing. (For the lab-like words of `run`; options go through
 * cli_parse.) */
const char *cli_take(int argc, char **argv, int *i, const char *name);

/* "latentlab CMD: <fmt with arg>" and a pointer to --help on stderr;
 * returns CLI_USAGE. fmt takes at most one %s. */
int cli_usage_error(const char *cmd, const char *fmt, const char *arg);

/* --version's text on stdout. */
void cli_version(void);

/* The subcommand running, for messages ("latentlab" before one is chosen). */
extern const char *cli_program;

/* gnulib's close_stdout idea, registered with atexit by main: flush and close
 * stdout; if that fails, print "latentlab CMD: write error: REASON" and exit
 * with status 1, so `latentlab stats --data toy >/dev/full` is no success. */
void cli_close_stdout(void);

/* Set by Ctrl-C between cli_catch_sigint() and cli_release_sigint(): long
 * work checks it (or hands it to the engine as a cancel flag), stops, and
 * keeps what it has done. The handler does nothing else. */
extern volatile sig_atomic_t cli_interrupted;
void cli_catch_sigint(void);
void cli_release_sigint(void);

int cli_is_dir(const char *path);

/* The algorithms of algo.c with their summaries (and Surprise's and Spark's
 * names for them), wrapped to 79 columns, for --help and `algorithms`. */
void cli_print_algorithms(FILE *out);
/* s wrapped to `width` columns, every line but the first indented by `indent`
 * spaces; the first starts at column `col`. */
void cli_wrap(FILE *out, const char *s, int col, int indent, int width);

#endif

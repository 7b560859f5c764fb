/* cli.h: the subcommands of the latentlab program, one function each.
 * Each takes the arguments after the subcommand name (argv[0] is the name)
 * and returns the process exit status. */
#ifndef LL_CLI_H
#define LL_CLI_H

typedef struct cli_command {
	const char *name;
	const char *usage;    /* "eval --data PATH --algo NAME [...]" */
	const char *summary;  /* one line for --help */
	int (*run)(int argc, char **argv);
} cli_command;

/* Add the lab commands of the layers above the lab (serve's) to its
 * registry: main calls it once, before any command runs (lab_cmds.c). */
void cli_add_lab_cmds(void);

/* Exit statuses shared by the subcommands. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2, CLI_INTERRUPTED = 130 };

#endif

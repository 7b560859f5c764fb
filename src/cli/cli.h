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

/* Exit statuses shared by the subcommands. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2, CLI_INTERRUPTED = 130 };

#endif

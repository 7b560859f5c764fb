/* cli_repl.c: `latentlab repl [--data PATH] [FILE]`, the command prompt. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "engine/core/intl.h"
#include "lab/lab.h"
#include "lab/me.h"
#include "lab/parse.h"
#include "repl/repl.h"

int cli_repl(int argc, char **argv);

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab repl [--data PATH] [FILE]\n"
		"Type lab commands at a prompt: load, rate, train, predict, recommend, ...\n"
		"('help' lists them all, 'quit' or Ctrl-D leaves).\n"
		"\n"
		"  -d, --data PATH   load a dataset first (toy, ml-100k, or a ratings file)\n"
		"  -h, --help        display this help and exit\n"
		"  -V, --version     output version information and exit\n"
		"\n"
		"FILE is a session written by the 'save' command; it is opened first.\n"
		"\n"
		"On a terminal: line editing, completion of commands, options and names\n"
		"(Tab), history in $XDG_STATE_HOME/latentlab/history, and Ctrl-C cancels\n"
		"the running command. Otherwise commands are read line by line from\n"
		"standard input, with no prompt; errors go to standard error as\n"
		"'<stdin>:LINE: message' and the exit status is 1 when any command failed.\n"), out);
}

/* Run "verb ARG" quietly at start-up, the argument quoted for the parser. */
static int start_with(lab *lb, const repl_out *o, const char *verb, const char *arg)
{
	char *q = lab_quote(arg);
	if (!q)
		return -1;
	size_t n = strlen(verb) + strlen(q) + 2;
	char *line = malloc(n);
	if (!line) {
		free(q);
		return -1;
	}
	snprintf(line, n, "%s %s", verb, q);
	free(q);
	int rc = repl_exec_line(lb, o, line, "latentlab repl", 0, 0);
	free(line);
	return rc;
}

static int on_opt(void *ctx, const char *name, const char *v)
{
	(void)name;
	*(const char **)ctx = v; /* --data */
	return 0;
}

static const cli_opt repl_opts[] = { { "data", 'd', "PATH" }, { NULL, 0, NULL } };

int cli_repl(int argc, char **argv)
{
	const char *data = NULL;
	int optind_;
	const cli_spec spec = { "repl", repl_opts, usage, on_opt, &data };
	int prc = cli_parse(&spec, argc, argv, &optind_);
	if (prc != CLI_GO)
		return prc;
	if (argc - optind_ > 1)
		return cli_usage_error("repl", "%s", "one session FILE at most");
	lab *lb = lab_new();
	if (!lb) {
		fprintf(stderr, "latentlab repl: out of memory\n");
		return CLI_FAIL;
	}
	/* `me` reads and clears the learner's saved answers (the rating lessons'). */
	lab_me_keep(lb, 1);
	repl_out o;
	repl_out_detect(&o, stdout, stderr);
	int interactive = isatty(STDIN_FILENO);
	int status = CLI_OK;
	if (data && start_with(lb, &o, "load", data) < 0)
		status = CLI_FAIL;
	else if (optind_ < argc && start_with(lb, &o, "open", argv[optind_]) < 0)
		status = CLI_FAIL;
	if (status == CLI_OK)
		status = repl_loop(lb, &o, stdin, "<stdin>", interactive) ? CLI_FAIL : CLI_OK;
	lab_free(&lb);
	return status;
}

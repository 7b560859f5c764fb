/* args.c: helpers shared by the batch subcommands (see args.h). */
#include <config.h>

#include "cli/args.h"
#include "engine/core/clock.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"

volatile sig_atomic_t cli_interrupted;
static struct sigaction previous;

const char *cli_take(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

int cli_usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "latentlab %s: ", cmd);
	fprintf(stderr, fmt, arg ? arg : "");
	fprintf(stderr, "\nTry 'latentlab %s --help' for more information.\n", cmd);
	return CLI_USAGE;
}

static void on_sigint(int sig)
{
	(void)sig;
	cli_interrupted = 1;
}

void cli_catch_sigint(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	cli_interrupted = 0;
	sigaction(SIGINT, &sa, &previous);
}

void cli_release_sigint(void)
{
	sigaction(SIGINT, &previous, NULL);
}

int cli_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

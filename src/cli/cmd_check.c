/* cli_check.c: `latentlab check FILE...`: validate lessons and command
 * scripts without running the engine's heavy work: syntax, known commands
 * and options, expression syntax, datasets that exist. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "engine/core/intl.h"
#include "lab/lesson/lesson.h"
#include "lab/lesson/lesson_list.h"

int cli_check(int argc, char **argv);

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab check [-q] FILE...\n"
		"Check lessons (*.lesson) and command scripts without running them:\n"
		"the format, known commands and options, {{ }} expressions, datasets.\n"
		"\n"
		"  -q, --quiet     print only errors\n"
		"  -h, --help      display this help and exit\n"
		"  -V, --version   output version information and exit\n"
		"\n"
		"A FILE that does not exist is looked up as a lesson NAME. Errors are\n"
		"reported as 'file:line: message'; the exit status is 1 when any FILE\n"
		"has one.\n"), out);
}

static int check_one(const char *arg, int quiet)
{
	char *path = NULL;
	if (access(arg, R_OK) == 0)
		path = strdup(arg);
	else if (!strchr(arg, '/'))
		path = lesson_find(arg);
	if (!path) {
		fprintf(stderr, _("%s: no such file or lesson\n"), arg);
		return -1;
	}
	ll_error err = { "" };
	size_t n = strlen(path);
	int rc, steps = -1;
	if (n > 7 && strcmp(path + n - 7, ".lesson") == 0) {
		lesson *l = lesson_load(path, &err);
		rc = l ? lesson_check(l, &err) : -1;
		if (l)
			steps = lesson_n_steps(l);
		lesson_free(&l);
	} else {
		rc = lesson_check_script(path, &err);
	}
	if (rc < 0)
		fprintf(stderr, "%s\n", err.msg);
	else if (!quiet && steps >= 0)
		printf(ngettext("%s: ok (%d step)\n", "%s: ok (%d steps)\n", (unsigned long)steps),
		       path, steps);
	else if (!quiet)
		printf(_("%s: ok\n"), path);
	free(path);
	return rc;
}

static int on_opt(void *ctx, const char *name, const char *v)
{
	(void)name, (void)v;
	*(int *)ctx = 1; /* --quiet */
	return 0;
}

static const cli_opt check_opts[] = { { "quiet", 'q', NULL }, { NULL, 0, NULL } };

int cli_check(int argc, char **argv)
{
	int quiet = 0, optind_;
	const cli_spec spec = { "check", check_opts, usage, on_opt, &quiet };
	int prc = cli_parse(&spec, argc, argv, &optind_);
	if (prc != CLI_GO)
		return prc;
	if (optind_ == argc)
		return cli_usage_error("check", "%s", "expected FILE...");
	int status = CLI_OK;
	for (int i = optind_; i < argc; i++)
		if (check_one(argv[i], quiet) < 0)
			status = CLI_FAIL;
	fflush(stdout);
	return status;
}

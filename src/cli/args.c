/* args.c: helpers shared by the batch subcommands (see args.h). */
#include <config.h>

#include "cli/args.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "engine/algo.h"
#include "engine/core/intl.h"
#include "engine/core/params.h"
#include "lab/view/uwidth.h"

volatile sig_atomic_t cli_interrupted;
static struct sigaction previous;
const char *cli_program;

#define MAX_OPTS 48

/* The options whose names start with the typed prefix of `arg` ("--da=x"). */
static int matches(const cli_opt *o, const char *arg, const char **first, const char **second)
{
	const char *name = arg + 2;
	size_t n = strcspn(name, "=");
	int count = 0;
	*first = *second = NULL;
	for (; o->name; o++)
		if (strncmp(o->name, name, n) == 0) {
			if (strlen(o->name) == n)
				return *first = o->name, *second = NULL, 1;
			if (count++ == 0)
				*first = o->name;
			else if (!*second)
				*second = o->name;
		}
	return count;
}

/* The closest option name, for "did you mean". */
static const char *closest(const cli_opt *o, const char *arg)
{
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
	const char *best = NULL;
	int bd = 3;
	for (; o->name; o++) {
		int d = ll_edit_distance(name, o->name);
		if (d < bd)
			bd = d, best = o->name;
	}
	return best;
}

static int bad_option(const cli_spec *s, const cli_opt *all, const char *arg, int optopt_)
{
	fprintf(stderr, "latentlab %s: ", s->cmd);
	if (strncmp(arg, "--", 2) != 0) {
		fprintf(stderr, _("invalid option -- '%c'\n"), optopt_);
	} else {
		const char *a, *b;
		int n = matches(all, arg, &a, &b);
		size_t len = strcspn(arg, "=");
		if (n > 1) {
			fprintf(stderr, _("option '%.*s' is ambiguous; possibilities:"), (int)len, arg);
			size_t typed = len - 2;
			for (const cli_opt *o = all; o->name; o++)
				if (strncmp(o->name, arg + 2, typed) == 0)
					fprintf(stderr, " '--%s'", o->name);
			fputc('\n', stderr);
		} else if (n == 1 && arg[len] == '=') {
			fprintf(stderr, _("option '--%s' doesn't allow an argument\n"), a);
		} else {
			const char *best = closest(all, arg);
			fprintf(stderr, _("unrecognized option '%.*s'"), (int)len, arg);
			if (best)
				fprintf(stderr, _(" (did you mean '--%s'?)"), best);
			fputc('\n', stderr);
		}
	}
	fprintf(stderr, _("Try 'latentlab %s --help' for more information.\n"), s->cmd);
	return CLI_USAGE;
}

int cli_parse(const cli_spec *s, int argc, char **argv, int *first)
{
	cli_opt all[MAX_OPTS + 3];
	struct option lo[MAX_OPTS + 3];
	char shorts[3 * MAX_OPTS + 8] = ":"; /* ':' first: a missing value returns ':' */
	size_t ns = 1;
	int n = 0;
	for (const cli_opt *o = s->opts; o && o->name && n < MAX_OPTS; o++)
		all[n++] = *o;
	all[n++] = (cli_opt){ "help", 'h', NULL };
	all[n++] = (cli_opt){ "version", 'V', NULL };
	all[n] = (cli_opt){ NULL, 0, NULL };
	for (int i = 0; i < n; i++) {
		/* A long option returns its index + 256; a short one its letter. */
		lo[i] = (struct option){ all[i].name, all[i].arg ? required_argument : no_argument,
					 NULL, 256 + i };
		if (all[i].key > 0 && all[i].key < 128) {
			shorts[ns++] = (char)all[i].key;
			if (all[i].arg)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	cli_program = s->cmd;
	opterr = 0;
	optind = 0; /* glibc: start afresh (a test may parse twice) */
	int c;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		int idx = -1;
		if (c >= 256)
			idx = c - 256;
		else if (c != '?' && c != ':')
			for (int i = 0; i < n; i++)
				if (all[i].key == c)
					idx = i;
		if (c == ':') {
			const char *arg = argv[optind - 1];
			if (strncmp(arg, "--", 2) == 0)
				fprintf(stderr, _("latentlab %s: option '%s' requires an argument\n"), s->cmd, arg);
			else
				fprintf(stderr, _("latentlab %s: option requires an argument -- '%c'\n"), s->cmd,
					optopt);
			fprintf(stderr, _("Try 'latentlab %s --help' for more information.\n"), s->cmd);
			return CLI_USAGE;
		}
		if (idx < 0)
			return bad_option(s, all, argv[optind - 1], optopt);
		if (!strcmp(all[idx].name, "help")) {
			s->usage(stdout);
			return CLI_OK;
		}
		if (!strcmp(all[idx].name, "version")) {
			cli_version();
			return CLI_OK;
		}
		int rc = s->on_opt ? s->on_opt(s->ctx, all[idx].name, all[idx].arg ? optarg : NULL) : 0;
		if (rc)
			return rc;
	}
	*first = optind;
	return CLI_GO;
}

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
	fprintf(stderr, _(fmt), arg ? arg : "");
	fprintf(stderr, _("\nTry 'latentlab %s --help' for more information.\n"), cmd);
	return CLI_USAGE;
}

void cli_version(void)
{
	printf("%s %s\n"
	       "Copyright (C) 2026 the latentlab developers.\n"
	       "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n",
	       PACKAGE_NAME, PACKAGE_VERSION);
}

/* A stream that fails to flush or close lost output: a write error, as
 * gnulib's close_stream judges it (an error already pending counts too). */
static int close_stream(FILE *f)
{
	int pending = ferror(f) != 0;
	int failed = fclose(f) != 0;
	if (pending && !failed)
		errno = 0;
	return pending || failed ? -1 : 0;
}

void cli_close_stdout(void)
{
	if (close_stream(stdout) < 0) {
		int e = errno;
		fprintf(stderr, _("latentlab%s%s: write error%s%s\n"), cli_program ? " " : "",
			cli_program ? cli_program : "", e ? ": " : "", e ? strerror(e) : "");
		_exit(CLI_FAIL);
	}
	if (close_stream(stderr) < 0)
		_exit(CLI_FAIL);
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

void cli_wrap(FILE *out, const char *s, int col, int indent, int width)
{
	while (*s) {
		/* The longest run of words that fits from col to width. */
		const char *end = s, *p = s;
		int w = col;
		while (*p) {
			const char *q = p;
			while (*q && *q != ' ')
				q++;
			char word[256];
			snprintf(word, sizeof word, "%.*s", (int)(q - p), p);
			int ww = uw_width(word) + (p > s ? 1 : 0);
			if (w + ww > width && end > s)
				break;
			w += ww;
			end = q;
			p = *q ? q + 1 : q;
		}
		fprintf(out, "%.*s\n", (int)(end - s), s);
		s = end;
		while (*s == ' ')
			s++;
		if (*s)
			fprintf(out, "%*s", indent, "");
		col = indent;
	}
}

void cli_print_algorithms(FILE *out)
{
	int n, na;
	const algo *t = algo_table(&n);
	const algo_alias *al = algo_aliases(&na);
	for (int i = 0; i < n; i++) {
		fprintf(out, "  %-12s ", t[i].name);
		cli_wrap(out, _(t[i].summary), 15, 15, 79);
	}
	fprintf(out, "%s", _("Names from other libraries (case matters: SVD is not svd):\n"));
	for (int i = 0; i < na; i++) {
		char line[256];
		/* TRANSLATORS: a library, what its name means, our algorithm (and its preset options). */
		if (al[i].preset[0])
			snprintf(line, sizeof line, _("%s's %s: '%s' %s"), al[i].library, _(al[i].note),
				 al[i].algo, al[i].preset);
		else
			snprintf(line, sizeof line, _("%s's %s: '%s'"), al[i].library, _(al[i].note),
				 al[i].algo);
		fprintf(out, "  %-15s ", al[i].name);
		cli_wrap(out, line, 18, 18, 79);
	}
}

/* main.c: the latentlab program. Dispatches the command line to a subcommand;
 * with no subcommand it opens the lesson browser (the TUI). */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "cli/format.h"
#include "lab/lang.h"
#include "lab/paths.h"
#include "engine/core/intl.h"
#include "engine/core/params.h"

/* Subcommands, one per file under src/cli, src/repl and src/tui. */
int cli_eval(int argc, char **argv);
int cli_compare(int argc, char **argv);
int cli_stats(int argc, char **argv);
int cli_train(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_repl(int argc, char **argv);
int cli_tui(int argc, char **argv);
int cli_quantize(int argc, char **argv);
int cli_ann(int argc, char **argv);
int cli_algorithms(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_export_db(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_loadtest(int argc, char **argv);
int cli_predict(int argc, char **argv);
int cli_recommend(int argc, char **argv);
int cli_download(int argc, char **argv);

static const cli_command commands[] = {
	/* learning */
	{ "tui", "(no command)", N_("open the lesson browser"), cli_tui },
	{ "run", "run FILE|NAME [--step N]", N_("play a lesson or run a command script as text"), cli_run },
	{ "check", "check FILE...", N_("check lessons and scripts without running them"), cli_check },
	{ "repl", "repl [--data PATH] [FILE]", N_("type lab commands at a prompt"), cli_repl },
	/* measuring */
	{ "stats", "stats --data PATH", N_("summarize a dataset"), cli_stats },
	{ "eval", "eval --data PATH --algo NAME", N_("evaluate an algorithm (RMSE, MAE, HR@K, NDCG@K)"), cli_eval },
	{ "train", "train --data PATH --algo NAME", N_("train a model, printing the loss per epoch"), cli_train },
	{ "compare", "compare --data PATH [--algos LIST]", N_("the lecture's comparison: HR@10 (and RMSE) per algorithm"), cli_compare },
	{ "quantize", "quantize --data PATH", N_("factors in fp16/int8/int4/int2: accuracy, size, bits vs dims"), cli_quantize },
	{ "ann", "ann --data PATH | --synthetic N", N_("IVF approximate search: recall@k and queries/s per nprobe"), cli_ann },
	/* models in and out */
	{ "algorithms", "algorithms", N_("list the algorithms (and Surprise's and Spark's names)"), cli_algorithms },
	{ "predict", "predict --data PATH --model FILE [PAIRS]", N_("predict ratings for user,item pairs (CSV, JSON)"), cli_predict },
	{ "recommend", "recommend --data PATH --model FILE -n N", N_("top-N items for all or some users"), cli_recommend },
	{ "export", "export --data PATH --model FILE WHAT", N_("factors, biases, predictions, top-N as CSV, JSON or .npy"), cli_export },
	{ "import", "import -U FILE -I FILE -o MODEL", N_("factors (CSV, JSON, .npy) back into a model file"), cli_import },
	/* data */
	{ "download", "download NAME", N_("fetch a MovieLens release from GroupLens"), cli_download },
	/* serving */
	{ "export-db", "export-db --db FILE --data PATH --model FILE", N_("the vectors into a SQLite store for serve"), cli_export_db },
	{ "serve", "serve --db FILE [--port N] [--threads N]", N_("an HTTP JSON API over the store, on loopback"), cli_serve },
	{ "loadtest", "loadtest URL [-c N] [-n N] [-s S]", N_("Zipf traffic to serve: throughput, p50/p95/p99, cache hits"), cli_loadtest },
	{ NULL, NULL, NULL, NULL },
};

static void usage(FILE *out)
{
	/* Wrapped at 80 columns line by line, each line's continued rows under
	 * its description (a summary, an option's or a variable's words). */
	char *text = NULL;
	size_t text_n = 0;
	FILE *mem = open_memstream(&text, &text_n);
	if (!mem)
		return;
	fputs(_("Usage: latentlab [OPTION]... [COMMAND [ARG]...]\n"
		"A terminal lab for learning how recommender systems find hidden taste.\n"
		"\n"
		"With no COMMAND, open the lesson browser. Commands:\n"), mem);
	for (const cli_command *c = commands; c->name; c++) {
		/* A long usage line puts its summary on the next line. */
		if (strlen(c->usage) >= 28)
			fprintf(mem, "  %s\n  %-28s %s\n", c->usage, "", _(c->summary));
		else
			fprintf(mem, "  %-28s %s\n", c->usage, _(c->summary));
	}
	fprintf(mem, _("\n"
		"Options:\n"
		"  -h, --help                   display this help and exit\n"
		"  -V, --version                output version information and exit\n"
		"  --lang ko|en                 the language of messages and lessons\n"
		"\n"
		"Run 'latentlab COMMAND --help' for the options of a command, and\n"
		"'latentlab algorithms' for the algorithms that --algo accepts.\n"
		"\n"
		"Environment:\n"
		"  LATENTLAB_PATH   extra folders (colon-separated) searched for lessons/ and data/\n"
		"  LATENTLAB_DATA   folder holding MovieLens releases (ml-100k/, ml-1m/, ...)\n"
		"  XDG_DATA_HOME    $XDG_DATA_HOME/latentlab (default ~/.local/share/latentlab)\n"
		"                   holds your lessons/ and data/ and what 'download' unpacks\n"
		"  XDG_CONFIG_HOME  $XDG_CONFIG_HOME/latentlab/config (default\n"
		"                   ~/.config/latentlab/config): theme, language, data lines\n"
		"  LANGUAGE, LC_ALL, LC_MESSAGES, LANG   the language (ko or en), unless --lang\n"
		"                   or the config file's language\n"
		"  NO_COLOR         draw without colours\n"
		"\n"
		"Report bugs to: %s\n"
		"%s home page: <https://github.com/latentlab/latentlab>\n"),
		PACKAGE_BUGREPORT, PACKAGE_NAME);
	fclose(mem);
	fmt_wrap_hang(out, text, FMT_WIDTH);
	free(text);
}

/* The command closest to a mistyped one ("stat" -> "stats"), or NULL. */
static const char *suggest(const char *cmd)
{
	const char *best = NULL;
	int bd = 3;
	for (const cli_command *c = commands; c->name; c++) {
		int d = ll_edit_distance(cmd, c->name);
		if (strlen(cmd) >= 3 && strncmp(c->name, cmd, strlen(cmd)) == 0)
			d = 1;
		if (d < bd)
			bd = d, best = c->name;
	}
	return best;
}

/* The config file: read before the language is chosen (it may choose it),
 * reported after (in that language). An error in it stops every command
 * but --help and --version, which still say how to use the program. */
static int use_config(int argc, char **argv)
{
	int asks_help = argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
				      !strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"));
	if (cli_config_report(stderr) < 0 && !asks_help)
		return -1;
	int line;
	const char *data = cli_config_get("data", &line);
	char *path = data ? cli_config_path() : NULL;
	if (path) {
		char origin[4200];
		snprintf(origin, sizeof origin, "%s:%d", path, line);
		paths_set_data_dir(data, origin);
	}
	free(path);
	return 0;
}

int main(int argc, char **argv)
{
	cli_config_read();
	if (lang_init(&argc, argv, cli_config_get("language", NULL)) < 0)
		return CLI_USAGE;
	if (use_config(argc, argv) < 0)
		return CLI_USAGE;
	atexit(cli_close_stdout);
	cli_add_lab_cmds();
	if (argc < 2) {
		for (const cli_command *c = commands; c->name; c++)
			if (strcmp(c->name, "tui") == 0)
				return c->run(argc, argv);
		usage(stdout);
		return CLI_OK;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		usage(stdout);
		return CLI_OK;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		cli_version();
		return CLI_OK;
	}
	for (const cli_command *c = commands; c->name; c++)
		if (strcmp(c->name, cmd) == 0) {
			cli_program = c->name;
			return c->run(argc - 1, argv + 1);
		}
	/* Options for the TUI (such as --theme) go to it. */
	if (cmd[0] == '-')
		for (const cli_command *c = commands; c->name; c++)
			if (strcmp(c->name, "tui") == 0)
				return c->run(argc, argv);
	const char *best = suggest(cmd);
	if (best)
		fprintf(stderr, _("latentlab: unknown command '%s' (did you mean '%s'?)\n"), cmd, best);
	else
		fprintf(stderr, _("latentlab: unknown command '%s'\n"), cmd);
	fputs(_("Try 'latentlab --help' for more information.\n"), stderr);
	return CLI_USAGE;
}

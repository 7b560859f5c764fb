/* cmd_algorithms.c: `latentlab algorithms`: the table of algorithms that
 * --algo, train and the lab accept, with other libraries' names for them. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/format.h"
#include "engine/algo.h"

int cli_algorithms(int argc, char **argv);

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: latentlab algorithms [--format text|csv|json]\n"
		"List the algorithms that --algo and the lab's train accept: latentlab's own\n"
		"names, and the names Surprise and Spark MLlib users know them by.\n"
		"\n"
		"  -f, --format FMT    text (default), csv or json: one row per name with\n"
		"                      name, algorithm, kind (rating|ranking), library,\n"
		"                      preset, options and summary\n"
		"  -h, --help          display this help and exit\n"
		"  -V, --version       output version information and exit\n"
		"\n"
		"Note: 'svd' is a true truncated SVD; Surprise's 'SVD' is biased MF by SGD\n"
		"(our 'biased'). Spark's ALS with implicitPrefs=true is our 'ials'.\n");
}

static int on_opt(void *ctx, const char *name, const char *v)
{
	(void)name;
	*(const char **)ctx = v;
	return 0;
}

static const cli_opt opts[] = { { "format", 'f', "FMT" }, { NULL, 0, NULL } };

int cli_algorithms(int argc, char **argv)
{
	const char *format = "text";
	int first;
	const cli_spec spec = { "algorithms", opts, usage, on_opt, &format };
	int rc = cli_parse(&spec, argc, argv, &first);
	if (rc != CLI_GO)
		return rc;
	if (first < argc)
		return cli_usage_error("algorithms", "unexpected argument '%s'", argv[first]);
	fmt_kind kind;
	if (fmt_parse_kind(format, &kind) < 0)
		return cli_usage_error("algorithms", "--format is text, csv or json, not '%s'", format);
	if (kind == FMT_TEXT) {
		cli_print_algorithms(stdout);
		return CLI_OK;
	}
	fmt_table *t = fmt_table_new();
	if (!t)
		return CLI_FAIL;
	const char *cols[] = { "name", "algorithm", "kind", "library", "preset", "options", "summary" };
	for (size_t c = 0; c < sizeof cols / sizeof *cols; c++)
		fmt_table_column(t, cols[c], 'l');
	int n, na;
	const algo *a = algo_table(&n);
	const algo_alias *al = algo_aliases(&na);
	for (int i = 0; i < n + na; i++) {
		const algo *x = i < n ? &a[i] : algo_find(al[i - n].algo);
		fmt_table_row(t);
		fmt_table_text(t, i < n ? x->name : al[i - n].name);
		fmt_table_text(t, x->name);
		fmt_table_text(t, x->ranking_only ? "ranking" : "rating");
		fmt_table_text(t, i < n ? "latentlab" : al[i - n].library);
		fmt_table_text(t, i < n ? "" : al[i - n].preset);
		fmt_table_text(t, x->params);
		fmt_table_text(t, i < n ? x->summary : al[i - n].note);
	}
	fmt_table_print(t, kind, stdout);
	fmt_table_free(&t);
	return CLI_OK;
}

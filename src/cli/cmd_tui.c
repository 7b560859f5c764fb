/* cmd_tui.c: `latentlab` with no command, or `latentlab tui`: the lesson
 * browser and player. This file reads the options; src/tui runs the
 * screens. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "engine/core/intl.h"
#include "cli/config.h"
#include "tui/draw/theme.h"
#include "tui/tui.h"

typedef struct topts {
	int theme;
	const char *lesson;
	int present;
} topts;

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab [--theme default|contrast|mono] [--lesson NAME|FILE] [--present]\n"
		"Open the lesson browser (or the lesson NAME) in the terminal.\n"
		"\n"
		"  --theme NAME    colours: default, contrast (for projectors) or mono\n"
		"  --lesson NAME   open this lesson at once (a name such as 'detective',\n"
		"                  or the path of a .lesson file)\n"
		"  --present       presentation mode: the scene fills the screen, the\n"
		"                  step's numbers large, Right/PgDn and Left/PgUp step\n"
		"  --lang ko|en    the language of the interface and the lessons\n"
		"  -h, --help      display this help and exit\n"
		"  -V, --version   output version information and exit\n"
		"\n"), out);
	tui_print_keys(out);
}

static int on_opt(void *ctx, const char *name, const char *v)
{
	topts *o = ctx;
	if (!strcmp(name, "lesson")) {
		o->lesson = v;
		return 0;
	}
	if (!strcmp(name, "present")) {
		o->present = 1;
		return 0;
	}
	o->theme = theme_parse(v);
	if (o->theme < 0)
		return cli_usage_error("tui", "unknown theme '%s' (default, contrast or mono)", v);
	return 0;
}

static const cli_opt tui_opts[] = {
	{ "theme", 't', "NAME" }, { "lesson", 'l', "NAME" }, { "present", 'p', NULL },
	{ NULL, 0, NULL },
};

int cli_tui(int argc, char **argv)
{
	/* --theme beats the config file's theme; NO_COLOR beats both
	 * (theme_init). */
	const char *configured = cli_config_get("theme", NULL);
	int theme = configured ? theme_parse(configured) : THEME_DEFAULT;
	topts o = { theme >= 0 ? theme : THEME_DEFAULT, NULL, 0 };
	cli_spec spec = { "tui", tui_opts, usage, on_opt, &o };
	int first, rc = cli_parse(&spec, argc, argv, &first);
	if (rc != CLI_GO)
		return rc;
	if (first < argc)
		return cli_usage_error("tui", "unexpected argument '%s'", argv[first]);
	return tui_main(o.theme, o.lesson, o.present) == 0 ? CLI_OK : CLI_FAIL;
}

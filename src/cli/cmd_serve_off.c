/* cmd_serve_off.c: `export-db`, `serve` and `loadtest` in a latentlab
 * configured --without-serve: they say so. */
#include <config.h>

#include <stdio.h>

#include "cli/cli.h"

int cli_export_db(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_loadtest(int argc, char **argv);

static int off(const char *cmd)
{
	fprintf(stderr, "latentlab %s: this latentlab was built without serving (configure "
		"--without-serve, or SQLite, libmicrohttpd and libcurl were missing: install the "
		"Debian packages libsqlite3-dev libmicrohttpd-dev libcurl4-openssl-dev and "
		"configure again)\n", cmd);
	return CLI_FAIL;
}

int cli_export_db(int argc, char **argv) { return off("export-db"); }
int cli_serve(int argc, char **argv) { return off("serve"); }
int cli_loadtest(int argc, char **argv) { return off("loadtest"); }

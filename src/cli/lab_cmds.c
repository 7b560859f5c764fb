/* lab_cmds.c: the lab commands of the layers above the lab, added to its
 * registry once at start-up (the lab never includes them: see
 * lab_register_cmds in lab/registry.h). */
#include <config.h>

#include <stdio.h>

#include "cli/cli.h"
#ifdef HAVE_SERVE
#include "serve/serve_cmds.h"
#endif

void cli_add_lab_cmds(void)
{
#ifdef HAVE_SERVE
	/* store, serve, request, traffic, overlap (lesson 25). */
	if (serve_cmds_register() < 0)
		fputs("latentlab: the serving commands could not be added to the lab\n", stderr);
#endif
}

#include "engine/core/clock.h"
/* args.h: what the batch subcommands share: reading "--name VALUE", usage
#include "engine/core/clock.h"
 * errors in the GNU style, Ctrl-C that stops long work cleanly, a clock. */
#include "engine/core/clock.h"
#ifndef LL_CLI_ARGS_H
#include "engine/core/clock.h"
#define LL_CLI_ARGS_H
#include "engine/core/clock.h"

#include "engine/core/clock.h"
#include <signal.h>
#include "engine/core/clock.h"

#include "engine/core/clock.h"
/* The value of "--name VALUE" or "--name=VALUE" at argv[*i], advancing *i
#include "engine/core/clock.h"
 * past a separate value; NULL when argv[*i] is not --name, "" when the
#include "engine/core/clock.h"
 * value is missing. */
#include "engine/core/clock.h"
const char *cli_take(int argc, char **argv, int *i, const char *name);
#include "engine/core/clock.h"

#include "engine/core/clock.h"
/* "latentlab CMD: <fmt with arg>" and a pointer to --help on stderr;
#include "engine/core/clock.h"
 * returns CLI_USAGE. fmt takes at most one %s. */
#include "engine/core/clock.h"
int cli_usage_error(const char *cmd, const char *fmt, const char *arg);
#include "engine/core/clock.h"

#include "engine/core/clock.h"
/* Set by Ctrl-C between cli_catch_sigint() and cli_release_sigint(): long
#include "engine/core/clock.h"
 * work checks it (or hands it to the engine as a cancel flag), stops, and
#include "engine/core/clock.h"
 * keeps what it has done. The handler does nothing else. */
#include "engine/core/clock.h"
extern volatile sig_atomic_t cli_interrupted;
#include "engine/core/clock.h"
void cli_catch_sigint(void);
#include "engine/core/clock.h"
void cli_release_sigint(void);
#include "engine/core/clock.h"

#include "engine/core/clock.h"
#include "engine/core/clock.h"
int cli_is_dir(const char *path);
#include "engine/core/clock.h"

#include "engine/core/clock.h"
#endif

/* args.h: what the batch subcommands share: reading "--name VALUE", usage
 * errors in the GNU style, Ctrl-C that stops long work cleanly, a clock. */
#ifndef LL_CLI_ARGS_H
#define LL_CLI_ARGS_H

#include <signal.h>

/* The value of "--name VALUE" or "--name=VALUE" at argv[*i], advancing *i
 * past a separate value; NULL when argv[*i] is not --name, "" when the
 * value is missing. */
const char *cli_take(int argc, char **argv, int *i, const char *name);

/* "latentlab CMD: <fmt with arg>" and a pointer to --help on stderr;
 * returns CLI_USAGE. fmt takes at most one %s. */
int cli_usage_error(const char *cmd, const char *fmt, const char *arg);

/* Set by Ctrl-C between cli_catch_sigint() and cli_release_sigint(): long
 * work checks it (or hands it to the engine as a cancel flag), stops, and
 * keeps what it has done. The handler does nothing else. */
extern volatile sig_atomic_t cli_interrupted;
void cli_catch_sigint(void);
void cli_release_sigint(void);

double cli_now(void);       /* seconds on a monotonic clock */
int cli_is_dir(const char *path);

#endif

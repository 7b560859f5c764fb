/* config.h: the user's config file, $XDG_CONFIG_HOME/latentlab/config (else
 * ~/.config/latentlab/config).
 *
 * Lines of `key = value`; blank lines and lines whose first non-blank
 * character is '#' are skipped. The keys:
 *   theme = default|contrast|mono    the lesson browser's colours
 *   language = ko|en                 messages and lessons
 *   data = FOLDER                    where MovieLens releases are (as
 *                                    LATENTLAB_DATA), absolute or ~/...
 * A command-line option beats an environment variable, which beats the
 * file: --theme beats `theme` (and NO_COLOR, which means mono, beats both,
 * as it does today); LATENTLAB_DATA beats `data`. The language is the one
 * exception, as git's core.pager is to PAGER: the locale variables speak
 * for every program of the session, the file for latentlab alone, so
 * `--lang` beats `language`, which beats LANGUAGE, LC_ALL and LANG. */
#ifndef LL_CLI_CONFIG_H
#define LL_CLI_CONFIG_H

#include <stdio.h>

/* The longest line and the largest file read; longer is an error. */
#define CLI_CONFIG_LINE_MAX 4096
#define CLI_CONFIG_FILE_MAX ((size_t)64 << 10)

/* The file's path (the caller frees), or NULL without HOME and an absolute
 * XDG_CONFIG_HOME. */
char *cli_config_path(void);

/* Read the file once, before the language is chosen: it prints nothing and
 * keeps what was wrong for cli_config_report. A missing file is no config. */
void cli_config_read(void);

/* Print what was wrong, as "FILE:LINE: message" on err, in the chosen
 * language. Returns -1 when something was an error (a line that is not
 * `key = value`, a bad value, a file that cannot be read), 0 when all was
 * well or only warned about (an unknown key). */
int cli_config_report(FILE *err);

/* The values read ("contrast", "ko", "/home/me/movielens"), or NULL when the
 * file does not set them (or sets them wrongly). *line (may be NULL) gets
 * the line number. */
const char *cli_config_get(const char *key, int *line);

/* Forget what was read (tests read several files). */
void cli_config_clear(void);

#endif

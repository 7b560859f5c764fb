/* lang.h: the language latentlab speaks, chosen once at start-up.
 *
 * Messages go through GNU gettext (engine/core/intl.h's _()); lessons come
 * in a folder per language (lessons/ko/ beside the English lessons/). The
 * language is `--lang ko|en` when given, else the config file's `language`
 * (cli/config.h says why it beats the locale), else the usual locale
 * variables: LANGUAGE, then LC_ALL, LC_MESSAGES and LANG. */
#ifndef LL_LANG_H
#define LL_LANG_H

/* Set the locale, read and remove `--lang X` / `--lang=X` from argv (up to a
 * `--`), and bind the message catalogue (the build tree's when running
 * uninstalled). configured is the config file's "ko" or "en", or NULL.
 * Returns 0, or -1 with a message on stderr for a bad --lang. */
int lang_init(int *argc, char **argv, const char *configured);

/* "ko" or "en". */
const char *lang_code(void);

/* 1 when the language is Korean. */
int lang_is_korean(void);

#endif

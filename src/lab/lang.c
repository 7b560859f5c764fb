/* lang.c: choosing the language (see lang.h). */
#include <config.h>

#include "lab/lang.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab/paths.h"

static char code[3] = "en";

const char *lang_code(void) { return code; }
int lang_is_korean(void) { return strcmp(code, "ko") == 0; }

/* The language a locale name or LANGUAGE list asks for: "ko" or "en". */
static const char *from_name(const char *name)
{
	return name && strncmp(name, "ko", 2) == 0 ? "ko" : "en";
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* The locale variables in the order gettext reads them. */
static const char *asked_by_environment(void)
{
	const char *l = env("LC_ALL");
	if (!l)
		l = env("LC_MESSAGES");
	if (!l)
		l = env("LANG");
	/* LANGUAGE counts only when the locale is not plain C (as in gettext). */
	const char *list = env("LANGUAGE");
	if (list && l && strcmp(l, "C") != 0 && strcmp(l, "POSIX") != 0)
		return from_name(list);
	return from_name(l);
}

/* Remove argv[i] (and argv[i + 1] when two) from the vector. */
static void drop(int *argc, char **argv, int i, int n)
{
	memmove(argv + i, argv + i + n, (size_t)(*argc - i - n + 1) * sizeof *argv);
	*argc -= n;
}

int lang_init(int *argc, char **argv, const char *configured)
{
	const char *want = NULL;
	for (int i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--lang") || !strncmp(argv[i], "--lang=", 7)) {
			int two = argv[i][6] == '\0';
			const char *v = two ? (i + 1 < *argc ? argv[i + 1] : "") : argv[i] + 7;
			if (strcmp(v, "ko") != 0 && strcmp(v, "en") != 0) {
				fprintf(stderr, "latentlab: --lang takes ko or en, not '%s'\n", v);
				return -1;
			}
			want = strcmp(v, "ko") == 0 ? "ko" : "en";
			drop(argc, argv, i, two ? 2 : 1);
			i--;
		}
	}
	if (!want && configured)
		want = strcmp(configured, "ko") == 0 ? "ko" : "en";
	const char *lang = want ? want : asked_by_environment();
	snprintf(code, sizeof code, "%s", lang);

	setlocale(LC_ALL, "");
	if (lang_is_korean()) {
		/* A Korean locale that is not installed (ko_KR.UTF-8 on a fresh
		 * machine) leaves plain C: ASCII and no translations. The
		 * built-in C.UTF-8 with LANGUAGE=ko gives both. */
		const char *now = setlocale(LC_ALL, NULL);
		if (!now || !strcmp(now, "C") || !strcmp(now, "POSIX"))
			setlocale(LC_ALL, "C.UTF-8");
		setenv("LANGUAGE", "ko", 1);
	} else if (want) {
		setenv("LANGUAGE", "en", 1);
	}

	const char *dir = LOCALEDIR;
	if (paths_uninstalled())
		dir = LATENTLAB_ABS_BUILDDIR "/po/locale";
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	return 0;
}

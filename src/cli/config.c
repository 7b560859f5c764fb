/* config.c: reading the user's config file (see config.h).
 *
 * What is wrong is judged as git judges its config: a line that does not
 * parse, or a value the key cannot take, is an error that stops the program
 * (a setting the user asked for is never silently replaced by a default);
 * an unknown key is only a warning, so that a file written for a newer
 * latentlab, which knows more keys, still works with this one. */
#include <config.h>

#include "cli/config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/core/fileio.h"
#include "engine/core/intl.h"
#include "engine/core/params.h"
#include "engine/core/strf.h"

/* The keys, and the values each takes ("" for a folder, checked below). */
static const struct key {
	const char *name;
	const char *values;
} keys[] = {
	{ "theme", "default|contrast|mono" },
	{ "language", "ko|en" },
	{ "data", "" },
};
#define N_KEYS (sizeof keys / sizeof *keys)

/* At most this many problems are kept; the rest are counted. */
#define MAX_PROBLEMS 8

typedef struct problem {
	long line;          /* 0: the file as a whole */
	int fatal;
	const char *fmt;    /* N_() text with up to three %s */
	char a[96], b[96], c[96];
} problem;

static struct {
	char *path;
	char *value[N_KEYS];
	int line[N_KEYS];
	problem p[MAX_PROBLEMS];
	int n, more, fatal;
} cfg;

void cli_config_clear(void)
{
	free(cfg.path);
	for (size_t i = 0; i < N_KEYS; i++)
		free(cfg.value[i]);
	memset(&cfg, 0, sizeof cfg);
}

/* Remember a problem; the words are cut to fit (a long line is shown by
 * its start). */
static void note(long line, int fatal, const char *fmt, const char *a, const char *b,
		 const char *c)
{
	cfg.fatal |= fatal;
	if (cfg.n == MAX_PROBLEMS) {
		cfg.more++;
		return;
	}
	problem *p = &cfg.p[cfg.n++];
	p->line = line;
	p->fatal = fatal;
	p->fmt = fmt;
	snprintf(p->a, sizeof p->a, "%s", a ? a : "");
	snprintf(p->b, sizeof p->b, "%s", b ? b : "");
	snprintf(p->c, sizeof p->c, "%s", c ? c : "");
}

char *cli_config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	/* A relative XDG_CONFIG_HOME is invalid and ignored (the XDG spec). */
	if (xdg && xdg[0] == '/')
		return ll_strf("%s/latentlab/config", xdg);
	if (home && *home)
		return ll_strf("%s/.config/latentlab/config", home);
	return NULL;
}

static int one_of(const char *v, const char *choices)
{
	for (const char *s = choices; *s;) {
		size_t n = strcspn(s, "|");
		if (strlen(v) == n && strncmp(v, s, n) == 0)
			return 1;
		s += n + (s[n] == '|');
	}
	return 0;
}

/* The value to keep for key k, or NULL after noting why it is bad. */
static char *check_value(size_t k, const char *v, long line)
{
	if (keys[k].values[0]) {
		if (one_of(v, keys[k].values))
			return strdup(v);
		note(line, 1, N_("%s is one of %s, not '%s'"), keys[k].name, keys[k].values, v);
		return NULL;
	}
	/* data: an absolute folder, or one under the home folder. */
	const char *home = getenv("HOME");
	if (v[0] == '~' && v[1] == '/' && home && *home)
		return ll_strf("%s%s", home, v + 1);
	if (v[0] == '/')
		return strdup(v);
	note(line, 1, N_("%s wants an absolute folder (or one under ~/), not '%s'"), keys[k].name, v,
	     NULL);
	return NULL;
}

static void trim(char **s, char **end)
{
	while (*s < *end && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*end > *s && ((*end)[-1] == ' ' || (*end)[-1] == '\t' || (*end)[-1] == '\r'))
		(*end)--;
}

static void parse_line(char *s, char *end, long line)
{
	trim(&s, &end);
	if (s == end || *s == '#')
		return;
	char *eq = memchr(s, '=', (size_t)(end - s));
	if (!eq) {
		*end = '\0';
		note(line, 1, N_("expected 'key = value', not '%s'"), s, NULL, NULL);
		return;
	}
	char *ks = s, *ke = eq, *vs = eq + 1, *ve = end;
	trim(&ks, &ke);
	trim(&vs, &ve);
	*ke = '\0';
	*ve = '\0';
	if (!*ks) {
		note(line, 1, N_("no key before '='"), NULL, NULL, NULL);
		return;
	}
	size_t k = 0;
	while (k < N_KEYS && strcmp(keys[k].name, ks) != 0)
		k++;
	if (k == N_KEYS) {
		const char *best = NULL;
		int bd = 3;
		for (size_t i = 0; i < N_KEYS; i++) {
			/* "lang" is short for "language": a prefix counts as close. */
			size_t n = strlen(ks);
			int d = n >= 3 && !strncmp(keys[i].name, ks, n) ? 1 : ll_edit_distance(ks, keys[i].name);
			if (d < bd)
				bd = d, best = keys[i].name;
		}
		if (best)
			note(line, 0, N_("warning: unknown key '%s' (did you mean '%s'?), ignored"), ks, best,
			     NULL);
		else
			note(line, 0, N_("warning: unknown key '%s' (theme, language and data are known), "
					 "ignored"), ks, NULL, NULL);
		return;
	}
	if (!*vs) {
		note(line, 1, N_("no value for %s"), ks, NULL, NULL);
		return;
	}
	char *v = check_value(k, vs, line);
	if (!v)
		return;
	/* The last line that sets a key wins, as in git. */
	free(cfg.value[k]);
	cfg.value[k] = v;
	cfg.line[k] = (int)(line < INT_MAX ? line : INT_MAX);
}

void cli_config_read(void)
{
	cli_config_clear();
	cfg.path = cli_config_path();
	if (!cfg.path)
		return;
	struct stat st;
	if (stat(cfg.path, &st) < 0) {
		if (errno != ENOENT && errno != ENOTDIR)
			note(0, 1, N_("cannot read it: %s"), strerror(errno), NULL, NULL);
		return;
	}
	ll_error err = { "" };
	size_t len;
	char *text = ll_read_file(cfg.path, CLI_CONFIG_FILE_MAX, &len, &err);
	if (!text) {
		/* err reads "PATH: reason"; the report names the path itself. */
		size_t pl = strlen(cfg.path);
		const char *why = strncmp(err.msg, cfg.path, pl) == 0 && err.msg[pl] == ':'
					  ? err.msg + pl + 2 : err.msg;
		note(0, 1, N_("cannot read it: %s"), why, NULL, NULL);
		return;
	}
	long line = 0;
	char *s = text;
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) /* a UTF-8 byte order mark */
		s += 3;
	while (s < text + len) {
		char *nl = memchr(s, '\n', (size_t)(text + len - s));
		char *end = nl ? nl : text + len;
		line++;
		if ((size_t)(end - s) > CLI_CONFIG_LINE_MAX) {
			char max[32];
			snprintf(max, sizeof max, "%d", CLI_CONFIG_LINE_MAX);
			note(line, 1, N_("line longer than %s bytes"), max, NULL, NULL);
		} else if (memchr(s, '\0', (size_t)(end - s))) {
			note(line, 1, N_("a NUL byte: this is not a text file"), NULL, NULL, NULL);
			break;
		} else {
			parse_line(s, end, line);
		}
		s = end + 1;
	}
	free(text);
}

int cli_config_report(FILE *err)
{
	for (int i = 0; i < cfg.n; i++) {
		const problem *p = &cfg.p[i];
		if (p->line)
			fprintf(err, "%s:%ld: ", cfg.path, p->line);
		else
			fprintf(err, "%s: ", cfg.path);
		fprintf(err, _(p->fmt), p->a, p->b, p->c);
		fputc('\n', err);
	}
	if (cfg.more)
		fprintf(err, ngettext("%s: %d more problem\n", "%s: %d more problems\n",
				      (unsigned long)cfg.more), cfg.path, cfg.more);
	return cfg.fatal ? -1 : 0;
}

const char *cli_config_get(const char *name, int *line)
{
	for (size_t k = 0; k < N_KEYS; k++)
		if (strcmp(keys[k].name, name) == 0) {
			if (line)
				*line = cfg.line[k];
			return cfg.value[k];
		}
	if (line)
		*line = 0;
	return NULL;
}

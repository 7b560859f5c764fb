/* complete.c: candidates for the word being typed (see lab_complete in lab.h).
 * Candidates are whole replacements for line[start .. cursor), quoted the
 * way lab_parse reads them back. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "engine/algo.h"
#include "engine/core/strf.h"
#include "lab/lab_impl.h"
#include "lab/parse.h"

#define MAX_CANDIDATES 2000

typedef struct cands {
	char **v;
	int n, cap;
	const char *prefix; /* what the user typed, unquoted */
	char quote;         /* the quote the user opened, or 0 */
	const char *key;    /* "metric=" when completing an option's value */
} cands;

static void add(cands *c, const char *word)
{
	if (!word || c->n >= MAX_CANDIDATES)
		return;
	if (strncasecmp(word, c->prefix, strlen(c->prefix)) != 0)
		return;
	char *q;
	if (c->quote) {
		/* Keep the user's opening quote and close it. */
		size_t n = strlen(word);
		q = malloc(n + 3);
		if (!q)
			return;
		q[0] = c->quote;
		memcpy(q + 1, word, n);
		q[n + 1] = c->quote;
		q[n + 2] = '\0';
	} else {
		q = lab_quote(word);
	}
	if (!q)
		return;
	if (c->key) {
		size_t kl = strlen(c->key), ql = strlen(q);
		char *kq = malloc(kl + ql + 1);
		if (!kq) {
			free(q);
			return;
		}
		memcpy(kq, c->key, kl);
		memcpy(kq + kl, q, ql + 1);
		free(q);
		q = kq;
	}
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->v[i], q) == 0) {
			free(q);
			return;
		}
	if (c->n + 1 >= c->cap) {
		int cap = c->cap ? c->cap * 2 : 16;
		char **v = realloc(c->v, (size_t)cap * sizeof *v);
		if (!v) {
			free(q);
			return;
		}
		c->v = v, c->cap = cap;
	}
	c->v[c->n++] = q;
}

static void add_choices(cands *c, const char *choices)
{
	const char *p = choices;
	while (p && *p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char w[64];
		if (len < sizeof w) {
			memcpy(w, p, len);
			w[len] = '\0';
			add(c, w);
		}
		p = e ? e + 1 : NULL;
	}
}

/* File names beginning with what was typed; folders end in '/'. Dot files
 * only when a dot was typed. */
static void add_files(cands *c)
{
	const char *slash = strrchr(c->prefix, '/');
	size_t dlen = slash ? (size_t)(slash - c->prefix) + 1 : 0;
	char dir[1024];
	snprintf(dir, sizeof dir, "%.*s", (int)dlen, c->prefix);
	const char *base = c->prefix + dlen;
	DIR *d = opendir(dlen ? dir : ".");
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) && c->n < MAX_CANDIDATES) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (e->d_name[0] == '.' && base[0] != '.')
			continue;
		if (strncmp(e->d_name, base, strlen(base)) != 0)
			continue;
		char path[2048];
		struct stat st;
		snprintf(path, sizeof path, "%s%s", dir, e->d_name);
		int is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		if (is_dir)
			strncat(path, "/", sizeof path - strlen(path) - 1);
		add(c, path);
	}
	closedir(d);
}

/* "k=", "lr=", ... for the algorithm named on the line (train sgd k<Tab>). */
static void add_algo_params(cands *c, const char *algo_name)
{
	const algo_alias *alias;
	const algo *a = algo_resolve(algo_name, &alias);
	const char *p = a ? a->params : NULL;
	while (p && *p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char opt[80];
		snprintf(opt, sizeof opt, "%.*s=", (int)len, p);
		if (strncmp(opt, c->prefix, strlen(c->prefix)) == 0 && c->n + 1 < MAX_CANDIDATES) {
			if (c->n + 1 >= c->cap) {
				int cap = c->cap ? c->cap * 2 : 16;
				char **v = realloc(c->v, (size_t)cap * sizeof *v);
				if (!v)
					return;
				c->v = v, c->cap = cap;
			}
			char *dup = strdup(opt);
			if (dup)
				c->v[c->n++] = dup;
		}
		p = e ? e + 1 : NULL;
	}
}

/* side ":" name, as a candidate ("user:50"). */
static void add_sided(cands *c, const char *side, const char *name)
{
	char *w = name ? ll_strf("%s:%s", side, name) : NULL;
	add(c, w);
	free(w);
}

/* Users and items by name, and with their side ("user:50", "item:50")
 * when typed so, or when a name is both (MovieLens ids): lab_user_or_item
 * refuses such a bare name, so both readings are offered. */
static void add_names(const ratings *r, int users, int items, cands *c)
{
	int pu = strncmp(c->prefix, "user:", 5) == 0, pi = strncmp(c->prefix, "item:", 5) == 0;
	for (int u = 0; r && users && u < ratings_n_users(r); u++) {
		const char *name = ratings_user_name(r, u);
		if (pu) {
			add_sided(c, "user", name);
			continue;
		}
		add(c, name);
		if (items && strncasecmp(name, c->prefix, strlen(c->prefix)) == 0 &&
		    ratings_lookup_item(r, name) >= 0) {
			add_sided(c, "user", name);
			add_sided(c, "item", name);
		}
	}
	for (int i = 0; r && items && i < ratings_n_items(r); i++)
		if (pi)
			add_sided(c, "item", ratings_item_title(r, i));
		else
			add(c, ratings_item_title(r, i));
}

static void add_kind(lab *l, const lab_cmd *cmd, int kind, cands *c)
{
	const ratings *r = l->data;
	switch (kind) {
	case ARG_USER:
		add_names(r, 1, 0, c);
		break;
	case ARG_NAME:
		add_names(r, 1, 1, c);
		break;
	case ARG_ITEM:
		add_names(r, 0, 1, c);
		break;
	case ARG_ALGO: {
		int n;
		const algo *t = algo_table(&n);
		for (int i = 0; i < n; i++)
			add(c, t[i].name);
		int na;
		const algo_alias *al = algo_aliases(&na);
		for (int i = 0; i < na; i++)
			add(c, al[i].name);
		break;
	}
	case ARG_MODEL:
		for (int i = 0; i < l->n_models; i++)
			add(c, l->models[i].name);
		break;
	case ARG_COMMAND:
		for (int i = 0; i < lab_cmd_count(); i++)
			add(c, lab_cmd_at(i)->name);
		/* `help ALGO` explains an algorithm too. */
		if (cmd && !strcmp(cmd->name, "help"))
			add_kind(l, cmd, ARG_ALGO, c);
		break;
	case ARG_METRIC:
		add_choices(c, "rmse|mae|hr@10|ndcg@10|precision@10|recall@10|coverage@10");
		break;
	case ARG_DATASET:
		add_choices(c, "toy|ml-100k|ml-1m|ml-latest-small");
		if (strchr(c->prefix, '/') || c->prefix[0] == '.')
			add_files(c);
		break;
	case ARG_FILE:
	case ARG_OUTFILE:
		add_files(c);
		break;
	case ARG_WORD:
		add_choices(c, cmd->words);
		break;
	default:
		break;
	}
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

int lab_complete_start(const char *line, int cursor)
{
	char *prefix = strndup(line, (size_t)cursor);
	if (!prefix)
		return cursor;
	lab_words w;
	char open;
	int start = cursor;
	if (lab_parse_partial(prefix, &w, &open) == 0) {
		if (w.n > 0 && (open || (cursor > 0 && !is_blank(prefix[cursor - 1]))))
			start = w.w[w.n - 1].byte;
		lab_words_clear(&w);
	}
	free(prefix);
	return start;
}

char **lab_complete(lab *l, const char *line, int cursor)
{
	int len = (int)strlen(line);
	if (cursor < 0 || cursor > len)
		cursor = len;
	char *prefix = strndup(line, (size_t)cursor);
	cands c = { 0 };
	lab_words w = { 0 };
	char open = 0;
	if (!prefix || lab_parse_partial(prefix, &w, &open) < 0)
		goto done;
	int fresh = !(w.n > 0 && (open || (cursor > 0 && !is_blank(prefix[cursor - 1]))));
	int index = fresh ? w.n : w.n - 1;
	const lab_word *cur = fresh ? NULL : &w.w[w.n - 1];
	c.prefix = cur ? cur->text : "";
	c.quote = open;
	if (index == 0) {
		add_kind(l, NULL, ARG_COMMAND, &c);
		goto done;
	}
	const lab_cmd *cmd = lab_cmd_find(w.w[0].text);
	if (!cmd)
		goto done;
	if (cur && cur->key) {
		/* An option's value: "metric=co" -> "metric=cosine". */
		const lab_opt *o = lab_cmd_opt(cmd, cur->key);
		char key[80];
		snprintf(key, sizeof key, "%s=", cur->key);
		c.key = key;
		c.prefix = cur->value;
		c.quote = 0;
		if (o && o->type == OPT_WORD)
			add_choices(&c, o->words);
		else if (o && o->type == OPT_BOOL)
			add_choices(&c, "yes|no");
		else if (!strcmp(cur->key, "model"))
			add_kind(l, cmd, ARG_MODEL, &c);
		c.key = NULL;
		goto done;
	}
	int npos = 0;
	for (int i = 1; i < index; i++)
		if (!w.w[i].key)
			npos++;
	if (cmd->max_args < 0 || npos < cmd->max_args)
		add_kind(l, cmd, cmd->args[npos < 4 ? npos : 3], &c);
	/* Past the algorithm: its own options (train sgd k<Tab> -> k=). */
	if (!c.quote && cmd->open_opts && npos >= 1 && cmd->args[0] == ARG_ALGO && w.n > 1 &&
	    !w.w[1].key)
		add_algo_params(&c, w.w[1].text);
	if (!c.quote)
		for (const lab_opt *o = cmd->opts; o && o->name; o++) {
			char opt[80];
			snprintf(opt, sizeof opt, "%s=", o->name);
			if (strncmp(opt, c.prefix, strlen(c.prefix)) == 0 && c.n < MAX_CANDIDATES) {
				char *s = strdup(opt);
				if (s && c.n + 1 >= c.cap) {
					int cap = c.cap ? c.cap * 2 : 16;
					char **v = realloc(c.v, (size_t)cap * sizeof *v);
					if (v)
						c.v = v, c.cap = cap;
				}
				if (s && c.n + 1 < c.cap)
					c.v[c.n++] = s;
				else
					free(s);
			}
		}
done:
	lab_words_clear(&w);
	free(prefix);
	char **out = realloc(c.v, ((size_t)c.n + 1) * sizeof *out);
	if (!out) {
		for (int i = 0; i < c.n; i++)
			free(c.v[i]);
		free(c.v);
		return calloc(1, sizeof(char *));
	}
	out[c.n] = NULL;
	return out;
}

void lab_completions_free(char **c)
{
	if (!c)
		return;
	for (char **p = c; *p; p++)
		free(*p);
	free(c);
}

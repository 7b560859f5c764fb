/* registry.c: the command table, assembled from the groups, and dispatch
 * (argument counts, option checks, defaults, suggestions). */
#include "lab/registry.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/lab_impl.h"

/* The groups, in the order help lists them. A new group adds a line here. */
static const lab_cmd *const groups[] = {
	lab_cmds_data, lab_cmds_train, lab_cmds_predict,
	lab_cmds_eval, lab_cmds_compare, lab_cmds_sweep, lab_cmds_plot, lab_cmds_session,
	lab_cmds_diagram,
	lab_cmds_search, lab_cmds_quantize,
	lab_cmds_vector, lab_cmds_foldin, lab_cmds_explain, lab_cmds_neighbours,
	lab_cmds_export, lab_cmds_import, lab_cmds_content, lab_cmds_onboard, lab_cmds_print,
};

/* Groups added at start-up by a layer above the lab (lab_register_cmds). */
static const lab_cmd *added[LAB_ADDED_MAX];
static int n_added;

#define N_BUILTIN (sizeof groups / sizeof *groups)

/* Group g: the built-in ones first, then the added ones. */
static const lab_cmd *group(size_t g)
{
	return g < N_BUILTIN ? groups[g] : g < N_BUILTIN + (size_t)n_added ? added[g - N_BUILTIN]
									: NULL;
}

int lab_cmd_count(void)
{
	int n = 0;
	for (size_t g = 0; group(g); g++)
		for (const lab_cmd *c = group(g); c->name; c++)
			n++;
	return n;
}

const lab_cmd *lab_cmd_at(int i)
{
	for (size_t g = 0; group(g); g++)
		for (const lab_cmd *c = group(g); c->name; c++)
			if (i-- == 0)
				return c;
	return NULL;
}

const lab_cmd *lab_cmd_find(const char *name)
{
	for (size_t g = 0; group(g); g++)
		for (const lab_cmd *c = group(g); c->name; c++)
			if (strcmp(c->name, name) == 0)
				return c;
	return NULL;
}

int lab_register_cmds(const lab_cmd *table)
{
	if (!table)
		return -1;
	for (int i = 0; i < n_added; i++)
		if (added[i] == table)
			return 0;
	if (n_added == LAB_ADDED_MAX)
		return -1;
	int n = 0;
	for (const lab_cmd *c = table; c->name; c++, n++) {
		/* A name the lab has already (or twice in the table) would hide one. */
		if (lab_cmd_find(c->name) || !c->run || n >= LAB_ADDED_ROWS)
			return -1;
		for (const lab_cmd *d = table; d < c; d++)
			if (!strcmp(d->name, c->name))
				return -1;
	}
	added[n_added++] = table;
	return 0;
}

const char *lab_cmd_suggest(const char *name)
{
	const char *best = NULL;
	int bd = 3;
	for (int i = 0, n = lab_cmd_count(); i < n; i++) {
		const lab_cmd *c = lab_cmd_at(i);
		int d = ll_edit_distance(name, c->name);
		/* A prefix is a good guess too ("recom" -> "recommend"). */
		if (strlen(name) >= 3 && strncmp(c->name, name, strlen(name)) == 0)
			d = 1;
		if (d < bd)
			bd = d, best = c->name;
	}
	return best;
}

const lab_opt *lab_cmd_opt(const lab_cmd *c, const char *name)
{
	for (const lab_opt *o = c->opts; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

int lab_command_count(void) { return lab_cmd_count(); }
const char *lab_command_name(int i) { return lab_cmd_at(i) ? lab_cmd_at(i)->name : NULL; }
const char *lab_command_summary(int i) { return lab_cmd_at(i) ? _(lab_cmd_at(i)->summary) : NULL; }

/* Is word one of the '|'-separated choices? Else suggest the closest. */
static int in_words(const char *word, const char *choices, const char **best)
{
	*best = NULL;
	int bd = 3;
	const char *p = choices;
	while (p && *p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char w[64];
		if (len >= sizeof w)
			len = sizeof w - 1;
		memcpy(w, p, len);
		w[len] = '\0';
		if (strcmp(w, word) == 0)
			return 1;
		int d = ll_edit_distance(word, w);
		if (d < bd) {
			bd = d;
			/* Point at the static choices string: copy into a static buffer. */
			static char sugg[64];
			memcpy(sugg, w, len + 1);
			*best = sugg;
		}
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* Every size a command takes from its words has a stated bound: the work
 * and memory it implies stay within what a laptop does in seconds. */
static const struct opt_range {
	const char *cmd, *opt;
	long min, max;
} ranges[] = {
	/* generate's sizes: synth_generate names the memory a shape needs. */
	{ "users", "n", 1, 100000 }, { "items", "n", 1, 100000 },
	{ "show", "users", 1, 10000 }, { "show", "items", 1, 10000 },
	{ "coldstart", "n", 1, 100000 }, { "recommend", "n", 1, 100000 },
	{ "similar", "n", 1, 100000 }, { "neighbours", "n", 0, 1000000 },
	{ "plot", "n", 1, 10000 }, { "plot", "epochs", 0, 10000 }, { "plot", "every", 1, 10000 },
	{ "project", "n", 1, 10000 }, { "quantize", "n", 1, 100000 }, { "search", "n", 1, 100000 },
	{ "ann", "nlist", 1, 100000 }, { "ann", "k", 1, 10000 }, { "ann", "synthetic", 1, 1000000 },
	{ "ann", "dim", 1, 1024 }, { "ann", "queries", 1, 100000 }, { "ann", "seed", 0, INT_MAX },
	{ "set", "seed", 0, INT_MAX }, { "set", "rows", 1, 100000 },
	{ "split", "k", 2, 1000 }, { "split", "neg", 1, 10000 }, { "split", "seed", 0, INT_MAX },
	{ "eval", "cutoff", 1, 100000 }, { "epoch", "n", 1, 100000 },
	{ "survey", "n", 1, 1000 }, { "survey", "pool", 1, 100000 }, { "ask", "n", 1, 1000 },
	{ "ask", "pool", 1, 100000 }, { "place", "users", 0, 1000 }, { "place", "items", 0, 100 },
	{ "settle", "n", 1, 1000 }, { "settle", "within", 0, 1000 },
};

void lab_opt_range(const char *cmd, const char *opt, long *min, long *max)
{
	*min = INT_MIN, *max = INT_MAX;
	for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
		if (!strcmp(ranges[i].cmd, cmd) && !strcmp(ranges[i].opt, opt)) {
			*min = ranges[i].min, *max = ranges[i].max;
			return;
		}
	if (!strcmp(opt, "seed"))
		*min = 0, *max = INT_MAX;
	else if (!strcmp(opt, "n"))
		*min = 1, *max = 1000000;
}

static int check_value(const lab_cmd *c, const lab_opt *o, const char *v, lab *l, int col,
		       ll_error *err)
{
	char *end;
	l->err_col = col;
	switch (o->type) {
	case OPT_INT: {
		errno = 0;
		long x = strtol(v, &end, 10);
		if (!*v || *end)
			return ll_fail(err, "%s: %s must be a whole number, not '%s'", c->name, o->name, v);
		long lo, hi;
		lab_opt_range(c->name, o->name, &lo, &hi);
		if (errno == ERANGE || x < lo || x > hi)
			return ll_fail(err, "%s: %s must be from %ld to %ld, not '%s'", c->name, o->name,
				       lo, hi, v);
		break;
	}
	case OPT_NUM: {
		double d = strtod(v, &end);
		if (!*v || *end || !isfinite(d))
			return ll_fail(err, "%s: %s must be a number, not '%s'", c->name, o->name, v);
		break;
	}
	case OPT_BOOL:
		if (strcmp(v, "0") && strcmp(v, "1") && strcmp(v, "yes") && strcmp(v, "no") &&
		    strcmp(v, "true") && strcmp(v, "false") && strcmp(v, "on") && strcmp(v, "off"))
			return ll_fail(err, "%s: %s must be yes or no, not '%s'", c->name, o->name, v);
		break;
	case OPT_WORD: {
		const char *best;
		if (!in_words(v, o->words, &best)) {
			if (best)
				return ll_fail(err, "%s: %s cannot be '%s' (did you mean '%s'?)", c->name,
					       o->name, v, best);
			return ll_fail(err, "%s: %s must be one of %s, not '%s'", c->name, o->name,
				       o->words, v);
		}
		break;
	}
	case OPT_STR:
		break;
	}
	l->err_col = 0;
	return 0;
}

int lab_cmd_writes(const lab_cmd *c)
{
	return !strcmp(c->name, "save") || !strcmp(c->name, "export");
}

/* --- per-session state of added groups ------------------------------------ */

void *lab_ext_get(lab *l, const void *key)
{
	for (int i = 0; i < LAB_ADDED_MAX; i++)
		if (l->ext[i].key == key)
			return l->ext[i].data;
	return NULL;
}

int lab_ext_put(lab *l, const void *key, void *data, void (*free_fn)(void *))
{
	int slot = -1;
	for (int i = 0; i < LAB_ADDED_MAX && slot < 0; i++)
		if (l->ext[i].key == key)
			slot = i;
	for (int i = 0; i < LAB_ADDED_MAX && slot < 0; i++)
		if (!l->ext[i].key)
			slot = i;
	if (slot < 0 || !key)
		return -1;
	struct lab_ext old = l->ext[slot];
	l->ext[slot] = (struct lab_ext){ key, data, free_fn };
	if (old.key && old.data != data && old.free_fn)
		old.free_fn(old.data);
	return 0;
}

void lab_ext_clear(lab *l)
{
	for (int i = 0; i < LAB_ADDED_MAX; i++) {
		struct lab_ext e = l->ext[i];
		l->ext[i] = (struct lab_ext){ 0 };
		if (e.key && e.free_fn)
			e.free_fn(e.data);
	}
}

int lab_cmd_dispatch(lab *l, const lab_cmd *c, const lab_words *w, view **out, ll_error *err)
{
	lab_call call = { .l = l, .cmd = c, .words = w };
	lab_word *pos = calloc((size_t)w->n + 1, sizeof *pos);
	call.opts = params_new();
	if (!pos || !call.opts) {
		free(pos);
		params_free(&call.opts);
		return ll_fail(err, "out of memory");
	}
	int rc = 0, n_opts = 0;
	for (int i = 1; i < w->n && rc == 0; i++) {
		const lab_word *x = &w->w[i];
		if (x->key && ++n_opts > PARAMS_MAX) {
			l->err_col = x->col;
			rc = ll_fail(err, "%s: more than %d options", c->name, PARAMS_MAX);
			break;
		}
		if (!x->key) {
			pos[call.argc++] = *x;
			continue;
		}
		const lab_opt *o = lab_cmd_opt(c, x->key);
		if (!o && !c->open_opts) {
			const char *best = NULL;
			int bd = 3;
			for (const lab_opt *p = c->opts; p && p->name; p++) {
				int d = ll_edit_distance(x->key, p->name);
				if (d < bd)
					bd = d, best = p->name;
			}
			l->err_col = x->col;
			if (best)
				rc = ll_fail(err, "%s: unknown option '%s' (did you mean '%s'?)", c->name,
					     x->key, best);
			else if (c->opts && c->opts->name)
				rc = ll_fail(err, "%s: unknown option '%s' (see 'help %s')", c->name, x->key,
					     c->name);
			else
				rc = ll_fail(err, "%s: takes no options, not '%s'", c->name, x->key);
			break;
		}
		if (o)
			rc = check_value(c, o, x->value, l, x->col, err);
		if (rc == 0 && params_set(call.opts, x->key, x->value) < 0)
			rc = ll_fail(err, "out of memory");
	}
	if (rc == 0 && call.argc < c->min_args) {
		l->err_col = w->n ? w->w[w->n - 1].col : 0;
		rc = ll_fail(err, "%s: too few arguments (usage: %s %s)", c->name, c->name, c->usage);
	}
	if (rc == 0 && c->max_args >= 0 && call.argc > c->max_args) {
		l->err_col = pos[c->max_args].col;
		rc = ll_fail(err, "%s: unexpected '%s' (usage: %s %s)", c->name,
			     pos[c->max_args].text, c->name, c->usage);
	}
	for (int i = 0; rc == 0 && i < call.argc && c->words; i++) {
		int kind = c->args[i < 4 ? i : 3];
		const char *best;
		if (kind != ARG_WORD || in_words(pos[i].text, c->words, &best))
			continue;
		l->err_col = pos[i].col;
		if (best)
			rc = ll_fail(err, "%s: no '%s' (did you mean '%s'?)", c->name, pos[i].text, best);
		else
			rc = ll_fail(err, "%s: no '%s' (one of %s)", c->name, pos[i].text, c->words);
	}
	for (const lab_opt *o = c->opts; rc == 0 && o && o->name; o++)
		if (o->def && !params_str(call.opts, o->name, NULL))
			params_set(call.opts, o->name, o->def);
	/* Lessons are data: their file words go through the sandbox. */
	char *owned[4] = { 0 };
	int n_owned = 0;
	for (int i = 0; rc == 0 && l->path_filter && i < call.argc; i++) {
		int kind = c->args[i < 4 ? i : 3];
		if (kind != ARG_FILE && kind != ARG_DATASET && kind != ARG_OUTFILE)
			continue;
		int writes = kind == ARG_OUTFILE || lab_cmd_writes(c);
		char *p = n_owned < 4 ? l->path_filter(l->path_ctx, c->name, writes, pos[i].text, err)
				      : NULL;
		if (!p) {
			l->err_col = pos[i].col;
			rc = n_owned < 4 ? -1 : ll_fail(err, "%s: too many file names", c->name);
			break;
		}
		owned[n_owned++] = p;
		pos[i].text = p;
	}
	if (rc == 0) {
		call.argv = pos;
		l->err_col = 0;
		rc = c->run(&call, out, err);
		if (rc < 0 && !l->err_col) {
			/* Point at the word the message quotes, if any. */
			for (int i = 1; i < w->n; i++) {
				char q[600];
				snprintf(q, sizeof q, "'%s'", w->w[i].key ? w->w[i].key : w->w[i].text);
				if (strstr(err ? err->msg : "", q)) {
					l->err_col = w->w[i].col;
					break;
				}
			}
		}
	}
	for (int i = 0; i < n_owned; i++)
		free(owned[i]);
	free(pos);
	params_free(&call.opts);
	return rc;
}

int lab_opt_given(const lab_call *c, const char *name)
{
	for (int i = 1; i < c->words->n; i++)
		if (c->words->w[i].key && strcmp(c->words->w[i].key, name) == 0)
			return 1;
	return 0;
}

long lab_opt_long(const lab_call *c, const char *name, long def)
{
	return params_long(c->opts, name, def);
}

double lab_opt_num(const lab_call *c, const char *name, double def)
{
	return params_double(c->opts, name, def);
}

const char *lab_opt_str(const lab_call *c, const char *name, const char *def)
{
	return params_str(c->opts, name, def);
}

/* cmd_session.c: set, seed, reset, save, open (a session or a model file), help. */
#include <limits.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/algo.h"
#include "engine/core/fileio.h"
#include "engine/core/intl.h"
#include "engine/core/strf.h"
#include "lab/lab_impl.h"
#include "lab/view/uwidth.h"

static const lab_opt set_opts[] = {
	{ "seed", OPT_INT, NULL, N_("the session seed, used by every command with randomness"), NULL },
	{ "format", OPT_STR, NULL, N_("default number format of {{ }} expressions (%.2f)"), NULL },
	{ "rows", OPT_INT, NULL, N_("rows shown by users, items and show (20)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static const lab_opt open_opts[] = {
	{ "name", OPT_STR, NULL, N_("a model file: the model's name (default: the file's name)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static view *settings_view(const lab *l)
{
	view *v = view_table(_("Settings"), 3, 2);
	view_table_header(v, 0, _("setting"), 'l');
	view_table_header(v, 1, _("value"), 'l');
	view_table_set(v, 0, 0, "seed");
	view_table_set(v, 0, 1, "%lu", l->seed);
	view_table_set(v, 1, 0, "format");
	view_table_set(v, 1, 1, "%s", l->fmt);
	view_table_set(v, 2, 0, "rows");
	view_table_set(v, 2, 1, "%d", l->rows);
	return v;
}

static int run_set(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	if (lab_opt_given(c, "format")) {
		const char *f = lab_opt_str(c, "format", "%.2f");
		char probe[64];
		if (strlen(f) >= sizeof l->fmt || lab_format_num(probe, sizeof probe, f, 1.0) < 0)
			return ll_fail(err, "set: format must be one number conversion such as "
				       "%%.2f, %%.3g or %%d, not '%s'", f);
		strcpy(l->fmt, f);
	}
	if (lab_opt_given(c, "rows")) {
		long r = lab_opt_long(c, "rows", 20);
		if (r < 1 || r > 100000)
			return ll_fail(err, "set: rows must be between 1 and 100000");
		l->rows = (int)r;
	}
	if (lab_opt_given(c, "seed")) {
		long s = lab_opt_long(c, "seed", 0);
		if (s < 0)
			return ll_fail(err, "set: seed must not be negative");
		l->seed = (unsigned long)s;
	}
	*out = settings_view(l);
	return 0;
}

static int run_seed(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	if (c->argc == 0) {
		char s[128];
		snprintf(s, sizeof s, _("The seed is %lu."), l->seed);
		*out = view_text(NULL, s);
		lab_result(l, (double)l->seed);
		return 0;
	}
	char *end;
	const char *w = c->argv[0].text;
	errno = 0;
	unsigned long s = strtoul(w, &end, 10);
	if (!*w || *end || *w == '-' || *w == '+' || *w == ' ')
		return ll_fail(err, "seed: '%s' is not a whole number", w);
	if (errno == ERANGE || s > INT_MAX)
		return ll_fail(err, "seed: %s is too large (seeds are from 0 to %d)", w, INT_MAX);
	l->seed = s;
	char msg[128];
	snprintf(msg, sizeof msg, _("Seed set to %lu."), s);
	*out = view_text(NULL, msg);
	lab_result(l, (double)s);
	return 0;
}

static int run_reset(lab_call *c, view **out, ll_error *err)
{
	lab_reset(c->l);
	*out = view_text(NULL, _("Session reset: no data, no models, seed 42."));
	return 0;
}

static int run_save(lab_call *c, view **out, ll_error *err)
{
	const char *path = c->argv[0].text;
	char skipped[300];
	if (lab_session_save(c->l, path, skipped, sizeof skipped, err) < 0)
		return ll_prefix(err, "save: ");
	char msg[1000];
	int n = c->l->n_models;
	if (skipped[0])
		snprintf(msg, sizeof msg, ngettext("Saved the session to %s (%d model); left out, as "
						   "their kind has no file format: %s.",
						   "Saved the session to %s (%d models); left out, as "
						   "their kind has no file format: %s.", n),
			 path, n, skipped);
	else
		snprintf(msg, sizeof msg, ngettext("Saved the session to %s (%d model).",
						   "Saved the session to %s (%d models).", n), path, n);
	*out = view_text(NULL, msg);
	return 0;
}

/* 1 when path starts as a model file does (train --save, import). */
static int is_model_file(const char *path)
{
	char head[16];
	FILE *f = ll_fopen_regular(path, SIZE_MAX, NULL, NULL);
	int yes = f && fread(head, 1, sizeof head, f) == sizeof head &&
		  memcmp(head, "latentlab-model ", sizeof head) == 0;
	if (f)
		fclose(f);
	return yes;
}

/* open MODEL: a model file joins the session's models, once its ids (when
 * it carries them) are the data's, index by index. */
static int open_model(lab_call *c, const char *path, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *ids = NULL;
	model *m = model_load_ids(path, &ids, err);
	if (!m)
		return ll_prefix(err, "open: ");
	ll_error e;
	int rc = 0;
	if (!l->data && ids)
		rc = ll_fail(err, _("open: %s holds a model trained on '%s': load that data first"),
			     path, ratings_source(ids));
	else if (!l->data)
		rc = ll_fail(err, _("open: %s holds a model: load the data it was trained on first"),
			     path);
	else if (ids && model_ids_match(ids, l->data, &e) < 0)
		rc = ll_fail(err, _("open: %s: %s: load the data it was trained on ('%s')"), path,
			     e.msg, ratings_source(ids));
	else if (!ids && (model_n_users(m) > ratings_n_users(l->data) ||
			  model_n_items(m) > ratings_n_items(l->data)))
		rc = ll_fail(err, _("open: %s: the model has %d users and %d items, the data %d and "
				    "%d: load the data it was trained on"), path, model_n_users(m),
			     model_n_items(m), ratings_n_users(l->data), ratings_n_items(l->data));
	if (rc < 0) {
		model_free(&m);
		ratings_free(&ids);
		return -1;
	}
	/* The model's name: name=, else the file's name without its folder and
	 * extension ("runs/toy.model" is toy). */
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *stem = strdup(base);
	char *dot = stem ? strrchr(stem, '.') : NULL;
	if (dot && dot != stem)
		*dot = '\0';
	const char *name = lab_opt_str(c, "name", stem && *stem ? stem : "model");
	char msg[800];
	snprintf(msg, sizeof msg,
		 ids ? _("Opened the model %s as '%s': %s, k=%d, %d users and %d items, the same ids "
			 "as the data.")
		     : _("Opened the model %s as '%s': %s, k=%d, %d users and %d items (format 1: no "
			 "ids to check, only that the data is large enough)."),
		 path, name, model_algo(m), model_k(m), model_n_users(m), model_n_items(m));
	rc = lab_model_add(l, name, m, 0, err);
	free(stem);
	ratings_free(&ids);
	if (rc < 0)
		return -1;
	*out = view_text(NULL, msg);
	return 0;
}

static int run_open(lab_call *c, view **out, ll_error *err)
{
	const char *path = c->argv[0].text;
	if (is_model_file(path))
		return open_model(c, path, out, err);
	if (lab_opt_given(c, "name"))
		return ll_fail(err, _("open: name= names a model opened from a model file; %s is a "
				      "session"), path);
	if (lab_session_open(c->l, path, err) < 0)
		return ll_prefix(err, "open: ");
	lab *l = c->l;
	char msg[800];
	size_t nr = l->data ? ratings_count(l->data) : (size_t)0;
	int nm = l->n_models;
	/* TRANSLATORS: the second %s is the command that made the data ("load toy"). */
	if (l->data_cmd && l->cur >= 0)
		snprintf(msg, sizeof msg, ngettext("Opened %s: %s, %zu ratings, %d model, current %s, seed %lu.",
						   "Opened %s: %s, %zu ratings, %d models, current %s, seed %lu.",
						   nm), path, l->data_cmd, nr, nm, l->models[l->cur].name, l->seed);
	else if (l->data_cmd)
		snprintf(msg, sizeof msg, ngettext("Opened %s: %s, %zu ratings, %d model, seed %lu.",
						   "Opened %s: %s, %zu ratings, %d models, seed %lu.", nm),
			 path, l->data_cmd, nr, nm, l->seed);
	else if (l->cur >= 0)
		snprintf(msg, sizeof msg, ngettext("Opened %s: %zu ratings, %d model, current %s, seed %lu.",
						   "Opened %s: %zu ratings, %d models, current %s, seed %lu.",
						   nm), path, nr, nm, l->models[l->cur].name, l->seed);
	else
		snprintf(msg, sizeof msg, ngettext("Opened %s: %zu ratings, %d model, seed %lu.",
						   "Opened %s: %zu ratings, %d models, seed %lu.", nm),
			 path, nr, nm, l->seed);
	*out = view_text(NULL, msg);
	return 0;
}

static int help_command(lab *l, const lab_cmd *c, view **out)
{
	size_t cap = 16384, len = 0;
	char *s = malloc(cap);
	if (!s)
		return -1;
	len += (size_t)snprintf(s + len, cap - len, "%s %s\n  %s\n\n%s\n", c->name, c->usage,
				_(c->summary), _(c->help));
	if (c->opts && c->opts->name) {
		len += (size_t)snprintf(s + len, cap - len, "%s", _("\nOptions:\n"));
		for (const lab_opt *o = c->opts; o->name && len < cap; o++) {
			char left[80];
			snprintf(left, sizeof left, "%s=%s", o->name,
				 o->type == OPT_INT ? "N" : o->type == OPT_NUM ? "X" :
				 o->type == OPT_WORD ? "WORD" : o->type == OPT_BOOL ? "yes|no" : "TEXT");
			char what[1200];
			if (o->def && o->words)
				snprintf(what, sizeof what, _("%s (default %s); one of %s"), _(o->help),
					 o->def, o->words);
			else if (o->def)
				snprintf(what, sizeof what, _("%s (default %s)"), _(o->help), o->def);
			else if (o->words)
				snprintf(what, sizeof what, _("%s; one of %s"), _(o->help), o->words);
			else
				snprintf(what, sizeof what, "%s", _(o->help));
			len += (size_t)snprintf(s + len, cap - len, "  %-18s %s", left, what);
			if (len < cap)
				len += (size_t)snprintf(s + len, cap - len, "\n");
		}
	}
	view *v = view_pre(NULL, s);
	free(s);
	*out = v;
	if (c->args[0] == ARG_ALGO) {
		int n;
		const algo *t = algo_table(&n);
		/* A line each, name then summary: preformatted lines wider than
		 * the page wrap under the summary in both renderers, so no
		 * option list is cut (a table cell would be). */
		char *list = strdup("");
		for (int i = 0; list && i < n; i++) {
			/* TRANSLATORS: an algorithm's summary; [ranking]: it ranks items, predicting no ratings. */
			char *what = t[i].ranking_only ? ll_strf(_("%s [ranking]"), _(t[i].summary))
						       : ll_strf("%s", _(t[i].summary));
			char *more = what ? ll_strf("%s%-19s %s\n", list, t[i].name, what) : NULL;
			free(what);
			free(list);
			list = more;
		}
		view_append(out, list ? view_pre(_("Algorithms"), list) : NULL);
		free(list);
		view_append(out, view_text(NULL, _("'help ALGO' shows an algorithm's options, each "
						   "with its default and meaning.")));
	}
	return 0;
}

/* Append text to the growing help: s (NULL after a failed allocation). */
static void put(char **s, const char *fmt, const char *a, const char *b)
{
	if (!*s)
		return;
	char *more = ll_strf(fmt, a, b);
	char *all = more ? ll_strf("%s%s", *s, more) : NULL;
	free(more);
	free(*s);
	*s = all;
}

/* "rank|factors" as "rank, factors" (the caller frees; NULL: no memory). */
static char *commas(const char *names)
{
	size_t n = 0;
	for (const char *p = names; *p; p++)
		n += *p == '|';
	char *out = malloc(strlen(names) + n + 1), *w = out;
	for (const char *p = names; w && *p; p++)
		if (*p == '|')
			*w++ = ',', *w++ = ' ';
		else
			*w++ = *p;
	if (w)
		*w = '\0';
	return out;
}

/* One option of `help ALGO`, on one line: "  name=default", padded to a
 * column of 20, then its meaning, what it takes and its other names. The
 * REPL's text and the TUI wrap a long line under the meaning, each to its
 * own width. */
static void put_option(char **s, const algo_option *o, const char *def)
{
	enum { COL = 20 };
	char *left = def[0] ? ll_strf("  %s=%s", o->name, def) : ll_strf("  %s", o->name);
	char *takes = commas(o->takes), *aliases = commas(o->aliases);
	char *body = NULL;
	if (left && takes && aliases) {
		const char *meaning = o->meaning ? _(o->meaning) : _("(not described)");
		/* "takes text" says nothing: the meaning tells what the text is. */
		int say_takes = takes[0] && strcmp(o->takes, "text") != 0;
		int choice = strchr(o->takes, '|') != NULL;
		char *t = !say_takes ? ll_strf("%s", meaning)
			  : choice   ? ll_strf(_("%s; one of %s"), meaning, takes)
				     : ll_strf(_("%s; takes %s"), meaning, takes);
		body = t && aliases[0] ? ll_strf(_("%s; also %s"), t, aliases) : t;
		if (body != t)
			free(t);
	}
	if (!body) {
		free(left), free(takes), free(aliases), free(*s);
		*s = NULL;
		return;
	}
	/* A name=default too long for the column gets the meaning below it. */
	int lw = uw_width(left);
	char *line = lw + 2 <= COL ? ll_strf("%s%*s%s\n", left, COL - lw, "", body)
				   : ll_strf("%s\n%*s%s\n", left, COL, "", body);
	put(s, "%s", line ? line : "", NULL);
	if (!line) {
		free(*s);
		*s = NULL;
	}
	free(line), free(left), free(takes), free(aliases), free(body);
}

/* A paragraph as one line (the renderers wrap it). */
static void put_par(char **s, const char *text)
{
	put(s, "%s\n", text, NULL);
}

/* `help ALGO`: the algorithm's summary and every option it takes, with the
 * default its code uses (algo_options runs its constructor to learn them). */
static int help_algo(const char *name, view **out, ll_error *err)
{
	const algo_alias *alias;
	const algo *a = algo_resolve(name, &alias);
	int n;
	algo_option *opts = algo_options(a, &n, err);
	if (!opts)
		return ll_prefix(err, "help: ");
	char *s = ll_strf("%s", "");
	char *par = ll_strf("%s: %s", name, _(alias ? alias->note : a->summary));
	put_par(&s, par ? par : "");
	free(par);
	if (alias) {
		par = alias->preset[0]
			      ? ll_strf(_("%s's name for latentlab's '%s', with %s unless given."),
					alias->library, a->name, alias->preset)
			      : ll_strf(_("%s's name for latentlab's '%s'."), alias->library, a->name);
		put_par(&s, par ? par : "");
		free(par);
	}
	if (a->ranking_only)
		put_par(&s, _("It ranks items (implicit feedback): it predicts no ratings, so RMSE "
			      "does not apply; HR@K and NDCG@K do."));
	char *head = n ? ll_strf(_("\nOptions, with their defaults (train %s OPTION=VALUE ...):\n"), name)
		       : ll_strf("%s", _("\nIt takes no options.\n"));
	put(&s, "%s", head ? head : "", NULL);
	free(head);
	for (int i = 0; i < n; i++) {
		/* An alias's preset is its default ("variant=baseline"). */
		char def[64];
		snprintf(def, sizeof def, "%s", opts[i].def);
		for (const char *p = alias ? alias->preset : ""; *p;) {
			size_t l = strcspn(p, " "), nl = strlen(opts[i].name);
			if (l > nl && !strncmp(p, opts[i].name, nl) && p[nl] == '=')
				snprintf(def, sizeof def, "%.*s", (int)(l - nl - 1), p + nl + 1);
			p += l + (p[l] == ' ');
		}
		put_option(&s, &opts[i], def);
	}
	algo_options_free(&opts, n);
	if (!s)
		return ll_fail(err, "out of memory");
	*out = view_pre(NULL, s);
	free(s);
	return 0;
}

static int run_help(lab_call *c, view **out, ll_error *err)
{
	if (c->argc == 1) {
		const char *name = c->argv[0].text;
		const lab_cmd *cmd = lab_cmd_find(name);
		const algo_alias *alias;
		if (!cmd && algo_resolve(name, &alias))
			return help_algo(name, out, err);
		if (!cmd) {
			const char *best = lab_cmd_suggest(name);
			if (best)
				return ll_fail(err, "help: no command or algorithm '%s' (did you mean '%s'?)",
					       name, best);
			return ll_fail(err, "help: no command or algorithm '%s' ('help' lists the "
				       "commands, 'help train' the algorithms)", name);
		}
		if (help_command(c->l, cmd, out) < 0)
			return ll_fail(err, "out of memory");
		return 0;
	}
	int n = lab_cmd_count();
	view *v = view_table(_("Commands"), n, 2);
	view_table_header(v, 0, _("command"), 'l');
	view_table_header(v, 1, "", 'l');
	for (int i = 0; i < n; i++) {
		const lab_cmd *cmd = lab_cmd_at(i);
		view_table_set(v, i, 0, "%s", cmd->name);
		view_table_set(v, i, 1, "%s", _(cmd->summary));
	}
	*out = v;
	view_append(out, view_text(NULL, _("'help COMMAND' shows a command's arguments and options, "
				   "'help ALGO' an algorithm's. Quote names with spaces: rate Minsu "
				   "\"Iron Man\" 5.")));
	return 0;
}

const lab_cmd lab_cmds_session[] = {
	{ "set", "[seed=N] [format=%.2f] [rows=N]", 0, 0, { 0 }, NULL, set_opts, 0,
	  N_("change or show session settings"),
	  N_("set format=%.3f\nWithout options, shows the settings."), run_set },
	{ "seed", "[N]", 0, 1, { ARG_NUMBER }, NULL, NULL, 0, N_("set or show the session seed"),
	  N_("seed 7\nThe session seed feeds every command with randomness (generate,\n"
	  "split, train) unless the command is given its own seed=."),
	  run_seed },
	{ "reset", "", 0, 0, { 0 }, NULL, NULL, 0, N_("forget the data, models and split"),
	  N_("reset\nStarts over: no data, no models, no split, seed 42."), run_reset },
	{ "save", "FILE", 1, 1, { ARG_FILE }, NULL, NULL, 0, N_("save the session to a file"),
	  N_("save FILE\nThe dataset reference, the ratings added by hand, the split, the\n"
	  "models and the seed, in a versioned file written atomically."),
	  run_save },
	{ "open", "FILE", 1, 1, { ARG_FILE }, NULL, open_opts, 0,
	  N_("open a saved session, or a model file"),
	  N_("open FILE [name=NAME]\nA session file replaces the current session with the saved\n"
	  "one. A model file (latentlab train --save, latentlab import) joins the\n"
	  "session's models as NAME (default: the file's name without its\n"
	  "extension) and becomes the current one; the data must be loaded first,\n"
	  "and must have the ids the file carries, index by index."), run_open },
	{ "help", "[COMMAND|ALGO]", 0, 1, { ARG_COMMAND }, NULL, NULL, 0,
	  N_("list commands or explain one, or an algorithm"),
	  N_("help\nhelp COMMAND\nhelp ALGO     an algorithm's options, each with its default"), run_help },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

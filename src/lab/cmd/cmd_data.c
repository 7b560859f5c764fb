/* cmd_data.c: commands on the dataset: load, generate, rate, unrate,
 * additem, users, items, show, stats. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/algo.h"
#include "engine/core/strf.h"
#include "engine/data/load.h"
#include "engine/data/synth.h"
#include "lab/lab_impl.h"
#include "engine/neighbours/knn.h"
#include "lab/dataset.h"
#include "engine/core/intl.h"
#include "lab/cmd/cmd_matrix.h"
#include "lab/split_words.h"

/* what: the dataset's name, or NULL for the ratings `generate` made. */
static int loaded(lab *l, ratings *r, const char *cmd, const char *what, view **out)
{
	lab_set_data(l, r, cmd);
	char s[400];
	int nu = ratings_n_users(r), ni = ratings_n_items(r);
	double lo = ratings_scale_lo(r), hi = ratings_scale_hi(r);
	if (what)
		snprintf(s, sizeof s, _("Loaded %s: %d users, %d items, %zu ratings (scale %g to %g)."),
			 what, nu, ni, ratings_count(r), lo, hi);
	else
		snprintf(s, sizeof s, _("Loaded synthetic ratings: %d users, %d items, %zu ratings "
					"(scale %g to %g)."), nu, ni, ratings_count(r), lo, hi);
	lab_result(l, (double)ratings_count(r));
	lab_last_num(l, "count", (double)ratings_count(r));
	*out = view_text(NULL, s);
	return 0;
}

static int run_load(lab_call *c, view **out, ll_error *err)
{
	const char *what = c->argv[0].text;
	char *path = dataset_resolve(what, err);
	if (!path)
		return ll_prefix(err, "load: ");
	/* A session file replays this command: keep short names short (toy,
	 * ml-100k) so the file works on another machine; pin paths down. */
	char *cmd;
	if (strcmp(what, "toy") == 0 || load_is_stdin(what) ||
	    (!strchr(what, '/') && access(what, R_OK) != 0)) {
		char *q = lab_quote(what);
		cmd = q ? ll_strf("load %s", q) : NULL;
		free(q);
	} else {
		char abs[PATH_MAX];
		if (!realpath(path, abs)) {
			ll_fail(err, "load: %s: %s", what, strerror(errno));
			free(path);
			return -1;
		}
		char *q = lab_quote(abs);
		cmd = q ? ll_strf("load %s", q) : NULL;
		free(q);
	}
	if (!cmd) {
		free(path);
		return ll_fail(err, "load: out of memory");
	}
	ratings *r = load_path(path, err);
	free(path);
	int rc = r ? loaded(c->l, r, cmd, what, out) : ll_prefix(err, "load: ");
	free(cmd);
	return rc;
}

static const lab_opt generate_opts[] = {
	{ "users", OPT_INT, NULL, N_("number of users"), NULL },
	{ "items", OPT_INT, NULL, N_("number of items"), NULL },
	{ "ratings", OPT_INT, NULL, N_("number of ratings"), NULL },
	{ "k", OPT_INT, NULL, N_("planted latent factors"), NULL },
	{ "genres", OPT_INT, NULL, N_("genre names"), NULL },
	{ "noise", OPT_NUM, NULL, N_("rating noise (stars)"), NULL },
	{ "seed", OPT_INT, NULL, N_("random seed (default: the session seed)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_generate(lab_call *c, view **out, ll_error *err)
{
	synth_opts o;
	synth_defaults(&o);
	o.seed = c->l->seed;
	o.users = (int)lab_opt_long(c, "users", o.users);
	o.items = (int)lab_opt_long(c, "items", o.items);
	o.ratings = lab_opt_long(c, "ratings", o.ratings);
	o.k = (int)lab_opt_long(c, "k", o.k);
	o.genres = (int)lab_opt_long(c, "genres", o.genres);
	o.noise = lab_opt_num(c, "noise", o.noise);
	o.seed = (unsigned long)lab_opt_long(c, "seed", (long)o.seed);
	ratings *r = synth_generate(&o, err);
	if (!r)
		return ll_prefix(err, "generate: ");
	char cmd[256];
	snprintf(cmd, sizeof cmd, "generate users=%d items=%d ratings=%ld k=%d genres=%d noise=%.17g seed=%lu",
		 o.users, o.items, o.ratings, o.k, o.genres, o.noise, o.seed);
	return loaded(c->l, r, cmd, NULL, out);
}

static void split_note(lab *l, view **out)
{
	if (l->split) {
		lab_data_changed(l);
		view_append(out, view_text(NULL, _("The ratings changed, so the split was dropped "
					   "(run split again).")));
	}
}

static int run_rate(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	const char *uname = c->argv[0].text, *iname = c->argv[1].text, *vs = c->argv[2].text;
	/* "user:50" names user 50 (lab_user), new or not. */
	if (ratings_find_user(r, uname) < 0 && strncmp(uname, "user:", 5) == 0 && uname[5])
		uname += 5;
	char *end;
	double v = strtod(vs, &end);
	float lo = ratings_scale_lo(r), hi = ratings_scale_hi(r);
	if (!*vs || *end || !isfinite(v)) {
		l->err_col = c->argv[2].col;
		return ll_fail(err, "rate: the rating must be a number, not '%s'", vs);
	}
	if (v < lo || v > hi) {
		l->err_col = c->argv[2].col;
		return ll_fail(err, "rate: %s is off the scale (%g to %g)", vs, (double)lo, (double)hi);
	}
	int item = lab_item(l, iname, err);
	if (item < 0) {
		l->err_col = c->argv[1].col;
		return -1;
	}
	int user = ratings_find_user(r, uname), is_new = user < 0;
	if (is_new && (user = ratings_intern_user(r, uname)) < 0)
		return ll_fail(err, "rate: cannot add user '%s'", uname);
	long pos = ratings_find(r, user, item);
	double old = pos >= 0 ? ratings_entries(r)[pos].value : NAN;
	if (ratings_set(r, user, item, (float)v, 0) < 0)
		return ll_fail(err, "rate: cannot store the rating");
	/* The edit a session replays: names of any length, the rating exact
	 * (%.9g gives back the float ratings_set stored). */
	char *qu = lab_quote(uname), *qi = lab_quote(ratings_item_name(r, item));
	char *cmd = qu && qi ? ll_strf("rate %s %s %.9g", qu, qi, (double)(float)v) : NULL;
	free(qu), free(qi);
	if (!cmd || lab_add_edit(l, cmd) < 0) {
		free(cmd);
		return ll_fail(err, "rate: out of memory (the rating is stored, but a save would miss it)");
	}
	free(cmd);
	char s[600];
	if (pos >= 0)
		snprintf(s, sizeof s, _("%s rated %s %g (was %g)."), uname, ratings_item_title(r, item), v, old);
	else if (is_new)
		snprintf(s, sizeof s, _("%s rated %s %g. (new user)"), uname, ratings_item_title(r, item), v);
	else
		snprintf(s, sizeof s, _("%s rated %s %g."), uname, ratings_item_title(r, item), v);
	*out = view_text(NULL, s);
	split_note(l, out);
	lab_last_str(l, "user", uname);
	lab_last_str(l, "item", ratings_item_title(r, item));
	lab_last_num(l, "rating", v);
	lab_result(l, v);
	return 0;
}

static int run_unrate(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	int user = lab_user(l, c->argv[0].text, err);
	if (user < 0)
		return -1;
	int item = lab_item(l, c->argv[1].text, err);
	if (item < 0)
		return -1;
	if (ratings_remove(r, user, item) < 0)
		return ll_fail(err, "unrate: %s has not rated %s", ratings_user_name(r, user),
			       ratings_item_title(r, item));
	char *qu = lab_quote(ratings_user_name(r, user)), *qi = lab_quote(ratings_item_name(r, item));
	char *cmd = qu && qi ? ll_strf("unrate %s %s", qu, qi) : NULL;
	free(qu), free(qi);
	if (!cmd || lab_add_edit(l, cmd) < 0) {
		free(cmd);
		return ll_fail(err, "unrate: out of memory (a save would miss this change)");
	}
	free(cmd);
	char s[600];
	snprintf(s, sizeof s, _("Removed %s's rating of %s."), ratings_user_name(r, user),
		 ratings_item_title(r, item));
	*out = view_text(NULL, s);
	split_note(l, out);
	return 0;
}

/* --- additem -------------------------------------------------------------- */

static const lab_opt additem_opts[] = {
	{ "genres", OPT_STR, NULL, N_("its genres, of the dataset's, separated by | or ,"), NULL },
	{ "tags", OPT_STR, NULL, N_("tags (as users' tags in ml-latest-small), separated by |"), NULL },
	{ "name", OPT_STR, NULL, N_("its id (default: the next number, as MovieLens's ids)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

#define ADDITEM_MAX_LEN 200
#define ADDITEM_MAX_TAGS 20

/* A title, name or tag: 1..ADDITEM_MAX_LEN bytes without control bytes or
 * (sep, for a list's parts) the separator. */
static int plain_text(const char *what, const char *s, int sep, ll_error *err)
{
	size_t len = strlen(s);
	if (len == 0 || len > ADDITEM_MAX_LEN)
		return ll_fail(err, "additem: %s must be 1 to %d bytes long", what, ADDITEM_MAX_LEN);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (sep && *p == sep))
			return ll_fail(err, "additem: %s '%s' holds a control character", what, s);
	return 0;
}

/* genres=Comedy|Romance (or Comedy,Romance) as a mask of the dataset's genres. */
static int genre_mask(const ratings *r, const char *list, uint32_t *mask, ll_error *err)
{
	*mask = 0;
	char *copy = strdup(list);
	if (!copy)
		return ll_fail(err, "out of memory");
	int rc = 0;
	for (char *save = NULL, *g = strtok_r(copy, "|,", &save); g && rc == 0;
	     g = strtok_r(NULL, "|,", &save)) {
		int found = -1, best = -1, bd = 4;
		for (int j = 0; j < ratings_n_genres(r) && found < 0; j++) {
			if (!strcasecmp(ratings_genre_name(r, j), g))
				found = j;
			int d = ll_edit_distance(g, ratings_genre_name(r, j));
			if (d < bd)
				bd = d, best = j;
		}
		if (found >= 0)
			*mask |= 1u << found;
		else if (ratings_n_genres(r) == 0)
			rc = ll_fail(err, "additem: the dataset has no genres, so not '%s'", g);
		else if (best >= 0)
			rc = ll_fail(err, "additem: no genre '%s' (did you mean '%s'?)", g,
				     ratings_genre_name(r, best));
		else
			rc = ll_fail(err, "additem: no genre '%s' (see 'items' for the genres)", g);
	}
	free(copy);
	return rc;
}

/* The next id when every item's name is a number (MovieLens), else NULL:
 * then the title is the name, as in the toy data. Caller frees. */
static char *next_id(const ratings *r)
{
	long max = 0;
	for (int i = 0; i < ratings_n_items(r); i++) {
		const char *nm = ratings_item_name(r, i);
		char *end;
		errno = 0;
		long v = strtol(nm, &end, 10);
		if (!*nm || *end || errno || v < 0)
			return NULL;
		if (v > max)
			max = v;
	}
	return ratings_n_items(r) && max < LONG_MAX ? ll_strf("%ld", max + 1) : NULL;
}

static int run_additem(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	const char *title = c->argv[0].text;
	if (plain_text("a title", title, 0, err) < 0)
		return -1;
	int clash = ratings_lookup_item(r, title);
	if (clash >= 0)
		return ll_fail(err, "additem: '%s' would be taken for %s, which exists: choose "
			       "another title", title, ratings_item_title(r, clash));
	uint32_t mask = 0;
	const char *glist = lab_opt_str(c, "genres", NULL);
	if (glist && genre_mask(r, glist, &mask, err) < 0)
		return -1;
	/* tags: checked whole before anything is added */
	const char *tlist = lab_opt_str(c, "tags", NULL);
	char *tags = tlist ? strdup(tlist) : NULL;
	char *tag[ADDITEM_MAX_TAGS];
	int nt = 0;
	if (tlist && !tags)
		return ll_fail(err, "out of memory");
	for (char *save = NULL, *t = tags ? strtok_r(tags, "|", &save) : NULL; t;
	     t = strtok_r(NULL, "|", &save)) {
		if (nt == ADDITEM_MAX_TAGS || plain_text("a tag", t, 0, err) < 0) {
			free(tags);
			return nt == ADDITEM_MAX_TAGS
				       ? ll_fail(err, "additem: at most %d tags", ADDITEM_MAX_TAGS)
				       : -1;
		}
		tag[nt++] = t;
	}
	const char *given = lab_opt_str(c, "name", NULL);
	char *name = given ? strdup(given) : next_id(r);
	if (!name && !given)
		name = strdup(title);
	if (!name) {
		free(tags);
		return ll_fail(err, "out of memory");
	}
	/* A name that finds another movie (by its title) would hide it. */
	int bad = plain_text("a name", name, 0, err);
	if (!bad && (ratings_find_item(r, name) >= 0 ||
		     (strcmp(name, title) && ratings_lookup_item(r, name) >= 0)))
		bad = ll_fail(err, "additem: an item named '%s' exists", name);
	if (bad < 0) {
		free(name), free(tags);
		return -1;
	}
	int i = ratings_intern_item(r, name);
	if (i < 0 || ratings_set_item_title(r, i, title) < 0) {
		free(name), free(tags);
		return ll_fail(err, "additem: cannot add '%s' (out of memory)", title);
	}
	ratings_set_item_genres(r, i, mask);
	for (int t = 0; t < nt; t++)
		if (ratings_add_item_tag(r, i, tag[t]) < 0) {
			free(name), free(tags);
			return ll_fail(err, "additem: out of memory (the item is added without all "
				       "its tags)");
		}
	/* The edit a session replays, with everything spelled out. */
	char g[600];
	size_t gl = 0;
	g[0] = '\0';
	for (int j = 0; j < ratings_n_genres(r) && gl < sizeof g; j++)
		if (mask >> j & 1)
			gl += (size_t)snprintf(g + gl, sizeof g - gl, "%s%s", gl ? "|" : "",
					       ratings_genre_name(r, j));
	const char *tg = ratings_item_tags(r, i);
	char *qt = lab_quote(title), *qn = lab_quote(name), *qg = lab_quote(g);
	char *qtags = tg ? lab_quote(tg) : NULL;
	char *cmd = qt && qn && qg && (!tg || qtags)
			    ? ll_strf("additem %s name=%s%s%s%s%s", qt, qn, mask ? " genres=" : "",
				      mask ? qg : "", tg ? " tags=" : "", tg ? qtags : "")
			    : NULL;
	free(qt), free(qn), free(qg), free(qtags), free(tags);
	if (!cmd || lab_add_edit(l, cmd) < 0) {
		free(cmd), free(name);
		return ll_fail(err, "additem: out of memory (the item is added, but a save would "
			       "miss it)");
	}
	free(cmd);
	char s[1200];
	int named = strcmp(name, title) != 0;
	if (named && mask)
		snprintf(s, sizeof s, _("Added %s (item %s): %s, with no ratings."), title, name, g);
	else if (named)
		snprintf(s, sizeof s, _("Added %s (item %s), with no ratings."), title, name);
	else if (mask)
		snprintf(s, sizeof s, _("Added %s: %s, with no ratings."), title, g);
	else
		snprintf(s, sizeof s, _("Added %s, with no ratings."), title);
	*out = view_text(NULL, s);
	free(name);
	split_note(l, out);
	lab_last_str(l, "item", title);
	lab_last_num(l, "items", ratings_n_items(r));
	lab_result(l, ratings_n_items(r));
	return 0;
}

static const lab_opt list_opts[] = {
	{ "n", OPT_INT, NULL, N_("how many to list (default: the session's rows setting)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* by_user: the list is of users, else of items. */
static void more_note(view **out, int shown, int total, int by_user)
{
	if (shown < total) {
		char s[160];
		snprintf(s, sizeof s, by_user ? _("(%d of %d users; n=%d shows more)")
					      : _("(%d of %d items; n=%d shows more)"),
			 shown, total, total < 1000 ? total : 1000);
		view_append(out, view_text(NULL, s));
	}
}

static int run_users(lab_call *c, view **out, ll_error *err)
{
	ratings *r = lab_data(c->l, err);
	if (!r)
		return -1;
	int n = ratings_n_users(r), show = (int)lab_opt_long(c, "n", c->l->rows);
	if (show > n || show <= 0)
		show = n;
	view *v = view_table(_("Users"), show, 3);
	view_table_header(v, 0, _("user"), 'l');
	view_table_header(v, 1, _("ratings"), 'r');
	view_table_header(v, 2, _("mean"), 'r');
	for (int u = 0; u < show; u++) {
		const uint32_t *pos;
		size_t k = ratings_user_entries(r, u, &pos);
		double s = 0;
		for (size_t j = 0; j < k; j++)
			s += ratings_entries(r)[pos[j]].value;
		view_table_set(v, u, 0, "%s", ratings_user_name(r, u));
		view_table_set(v, u, 1, "%zu", k);
		if (k)
			view_table_set(v, u, 2, "%.2f", s / (double)k);
		else
			view_table_set(v, u, 2, "-");
	}
	*out = v;
	more_note(out, show, n, 1);
	lab_result(c->l, n);
	return 0;
}

static void genre_list(const ratings *r, int item, char *buf, size_t size)
{
	uint32_t g = ratings_item_genres(r, item);
	size_t len = 0;
	buf[0] = '\0';
	for (int j = 0; j < ratings_n_genres(r) && len < size; j++)
		if (g & (1u << j))
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
						ratings_genre_name(r, j));
}

static int run_items(lab_call *c, view **out, ll_error *err)
{
	ratings *r = lab_data(c->l, err);
	if (!r)
		return -1;
	int n = ratings_n_items(r), show = (int)lab_opt_long(c, "n", c->l->rows);
	if (show > n || show <= 0)
		show = n;
	int genres = ratings_n_genres(r) > 0;
	view *v = view_table(_("Items"), show, 3 + genres);
	view_table_header(v, 0, _("item"), 'l');
	view_table_header(v, 1, _("ratings"), 'r');
	view_table_header(v, 2, _("mean"), 'r');
	if (genres)
		view_table_header(v, 3, _("genres"), 'l');
	for (int i = 0; i < show; i++) {
		const uint32_t *pos;
		size_t k = ratings_item_entries(r, i, &pos);
		double s = 0;
		for (size_t j = 0; j < k; j++)
			s += ratings_entries(r)[pos[j]].value;
		view_table_set(v, i, 0, "%s", ratings_item_title(r, i));
		view_table_set(v, i, 1, "%zu", k);
		if (k)
			view_table_set(v, i, 2, "%.2f", s / (double)k);
		else
			view_table_set(v, i, 2, "-");
		if (genres) {
			char g[256];
			genre_list(r, i, g, sizeof g);
			view_table_set(v, i, 3, "%s", g);
		}
	}
	*out = v;
	more_note(out, show, n, 0);
	lab_result(c->l, n);
	return 0;
}

static const lab_opt show_opts[] = {
	{ "users", OPT_INT, NULL, N_("rows to show (default 20)"), NULL },
	{ "items", OPT_INT, NULL, N_("columns to show (default 12)"), NULL },
	{ "model", OPT_STR, NULL, N_("model whose predictions fill the matrix"), NULL },
	{ "k", OPT_INT, NULL, N_("shape: factors per user and item (default: the model's, else 10)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_show(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	const char *what = c->argc ? c->argv[0].text : "ratings";
	if (!strcmp(what, "shape"))
		return lab_show_shape(c, out, err);
	int predicted = strcmp(what, "matrix") == 0;
	lab_model *lm = NULL;
	if (predicted && !(lm = lab_model_pick(l, c, err)))
		return -1;
	if (lm && algo_find(lm->algo) && algo_find(lm->algo)->ranking_only)
		return ll_fail(err, "show matrix: %s ranks items but predicts no ratings "
			       "(try recommend)", lm->algo);
	int nu = ratings_n_users(r), ni = ratings_n_items(r);
	int ru = (int)lab_opt_long(c, "users", l->rows), ci = (int)lab_opt_long(c, "items", 12);
	if (ru <= 0 || ru > nu)
		ru = nu;
	if (ci <= 0 || ci > ni)
		ci = ni;
	char title[300];
	if (ru < nu || ci < ni) {
		if (predicted)
			snprintf(title, sizeof title, _("Ratings and %s's predictions (the %d most active "
							"of %d users, the %d most rated of %d items)"),
				 lm->name, ru, nu, ci, ni);
		else
			snprintf(title, sizeof title, _("Ratings (the %d most active of %d users, the %d "
							"most rated of %d items)"), ru, nu, ci, ni);
	} else if (predicted) {
		snprintf(title, sizeof title, _("Ratings and %s's predictions"), lm->name);
	} else {
		snprintf(title, sizeof title, "%s", _("Ratings"));
	}
	/* A big dataset shows its densest corner: the most active users and
	 * the most rated items. */
	int *pu = malloc(((size_t)nu + 1) * sizeof *pu), *pi = malloc(((size_t)ni + 1) * sizeof *pi);
	view *v = pu && pi ? view_matrix(title, ru, ci) : NULL;
	if (!v || lab_most_rated(r, SIDE_USER, nu, ru, pu) < 0 ||
	    lab_most_rated(r, SIDE_ITEM, ni, ci, pi) < 0) {
		free(pu), free(pi);
		view_free(&v);
		return ll_fail(err, "out of memory");
	}
	v->u.matrix.lo = ratings_scale_lo(r);
	v->u.matrix.hi = ratings_scale_hi(r);
	for (int a = 0; a < ru; a++)
		v->u.matrix.row_labels[a] = strdup(ratings_user_name(r, pu[a]));
	for (int b = 0; b < ci; b++)
		v->u.matrix.col_labels[b] = strdup(ratings_item_title(r, pi[b]));
	for (int a = 0; a < ru; a++)
		for (int b = 0; b < ci; b++) {
			int u = pu[a], i = pi[b];
			long p = ratings_find(r, u, i);
			size_t at = (size_t)a * ci + b;
			if (p >= 0) {
				v->u.matrix.values[at] = ratings_entries(r)[p].value;
				v->u.matrix.state[at] = CELL_KNOWN;
			} else if (predicted && u < model_n_users(lm->m) && i < model_n_items(lm->m)) {
				v->u.matrix.values[at] = model_predict_clipped(lm->m, u, i);
				v->u.matrix.state[at] = CELL_PREDICTED;
			}
		}
	/* Highlight the cell the last command was about. */
	const lab_last *lu = lab_last_get(l, "user"), *li = lab_last_get(l, "item");
	if (lu && li && lu->str && li->str) {
		int u = ratings_find_user(r, lu->str), i = ratings_lookup_item(r, li->str);
		for (int a = 0; a < ru; a++)
			for (int b = 0; b < ci; b++)
				if (pu[a] == u && pi[b] == i)
					v->u.matrix.cur_row = a, v->u.matrix.cur_col = b;
	}
	free(pu), free(pi);
	*out = v;
	lab_result(l, (double)ratings_count(r));
	return 0;
}

static int run_stats(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	view *v = view_table(_("Dataset"), 8, 2);
	view_table_header(v, 0, "", 'l');
	view_table_header(v, 1, "", 'r');
	double nu = ratings_n_users(r), ni = ratings_n_items(r), n = (double)ratings_count(r);
	double density = nu * ni > 0 ? n / (nu * ni) : 0, mean = ratings_mean(r);
	int row = 0;
	/* TRANSLATORS: the rows of 'stats', a dataset's summary. */
	view_table_set(v, row, 0, "%s", _("source"));
	view_table_set(v, row++, 1, "%s", ratings_source(r) ? ratings_source(r) : "-");
	view_table_set(v, row, 0, "%s", _("users"));
	view_table_set(v, row++, 1, "%d", ratings_n_users(r));
	view_table_set(v, row, 0, "%s", _("items"));
	view_table_set(v, row++, 1, "%d", ratings_n_items(r));
	view_table_set(v, row, 0, "%s", _("ratings"));
	view_table_set(v, row++, 1, "%zu", ratings_count(r));
	view_table_set(v, row, 0, "%s", _("density"));
	view_table_set(v, row++, 1, "%.2f%%", 100 * density);
	view_table_set(v, row, 0, "%s", _("mean rating"));
	view_table_set(v, row++, 1, "%.3f", mean);
	view_table_set(v, row, 0, "%s", _("scale"));
	view_table_set(v, row++, 1, _("%g to %g step %g"), (double)ratings_scale_lo(r),
		       (double)ratings_scale_hi(r), (double)ratings_scale_step(r));
	view_table_set(v, row, 0, "%s", _("split"));
	/* TRANSLATORS: 'stats' with no split. */
	char words[80];
	view_table_set(v, row++, 1, "%s", l->split ? lab_split_words(l->split, words, sizeof words) : _("none"));
	*out = v;
	lab_last_num(l, "mean", mean);
	lab_last_num(l, "density", density);
	lab_last_num(l, "users", nu);
	lab_last_num(l, "items", ni);
	lab_last_num(l, "ratings", n);
	lab_last_num(l, "scale_lo", ratings_scale_lo(r));
	lab_last_num(l, "scale_hi", ratings_scale_hi(r));
	lab_last_num(l, "step", ratings_scale_step(r));
	lab_result(l, n);
	return 0;
}

/* --- sparsity ----------------------------------------------------------------- */

static int run_sparsity(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const ratings *r = lab_train_set(l);
	if (!r)
		return ll_fail(err, "sparsity: load a dataset first (load toy)");
	int by_user = c->argc == 0 || strcmp(c->argv[0].text, "items") != 0;
	knn_sparsity sp;
	if (knn_sparsity_stats(r, by_user, &sp, err) < 0)
		return -1;
	int n = by_user ? ratings_n_users(r) : ratings_n_items(r);
	double cells = (double)ratings_n_users(r) * ratings_n_items(r);
	int part = lab_test_set(l) != NULL;
	const char *title = by_user ? (part ? _("How much do users overlap? (the training part of the split)")
					    : _("How much do users overlap? (all ratings)"))
				    : (part ? _("How much do items overlap? (the training part of the split)")
					    : _("How much do items overlap? (all ratings)"));
	view *v = view_table(title, 5, 2);
	view_table_header(v, 0, "", 'l');
	view_table_header(v, 1, "", 'r');
	view_table_set(v, 0, 0, "%s", by_user ? _("users") : _("items"));
	view_table_set(v, 0, 1, "%d", n);
	view_table_set(v, 1, 0, "%s", _("ratings matrix filled"));
	view_table_set(v, 1, 1, "%.2f%%", cells > 0 ? 100.0 * ratings_count(r) / cells : 0);
	view_table_set(v, 2, 0, "%s", by_user ? _("pairs of users") : _("pairs of items"));
	view_table_set(v, 2, 1, "%lld", sp.pairs);
	view_table_set(v, 3, 0, "%s", by_user ? _("pairs sharing no rated item")
					       : _("pairs no user rated both"));
	view_table_set(v, 3, 1, "%lld (%.1f%%)", sp.disjoint, sp.pairs ? 100.0 * sp.disjoint / sp.pairs : 0);
	view_table_set(v, 4, 0, "%s", by_user ? _("co-rated items per pair (mean)")
					       : _("users who rated both, per pair (mean)"));
	view_table_set(v, 4, 1, "%.2f", sp.mean_common);
	view_append(&v, view_text(NULL, by_user ? _("A pair with no rated item in common has no "
						    "similarity at all: neighbourhood methods cannot "
						    "use it, while a factor model still places both "
						    "in the same latent space.")
						 : _("A pair with no rater in common has no similarity "
						     "at all: neighbourhood methods cannot use it, while "
						     "a factor model still places both in the same "
						     "latent space.")));
	*out = v;
	lab_last_num(l, "sparsity.disjoint", (double)sp.disjoint);
	lab_last_num(l, "sparsity.pairs", (double)sp.pairs);
	lab_result(l, sp.pairs ? (double)sp.disjoint / sp.pairs : 0);
	return 0;
}

const lab_cmd lab_cmds_data[] = {
	{ "load", "toy|ml-100k|ml-1m|PATH", 1, 1, { ARG_DATASET }, NULL, NULL, 0,
	  N_("load a dataset"),
	  N_("load toy          the tutorial's ratings (Cheolsu, Younghee, Minsu, ...)\n"
	  "load ml-100k      MovieLens 100K from $LATENTLAB_DATA/ml-100k (also ml-1m,\n"
	  "                  ml-latest-small)\n"
	  "load PATH         a folder in one of those formats, or a user,item,rating file\n"
	  "Loading replaces the dataset and forgets the models and the split."),
	  run_load },
	{ "generate", "[users=N] [items=N] [ratings=N] [k=N] [seed=N]", 0, 0, { 0 }, NULL,
	  generate_opts, 0, N_("make synthetic ratings with a planted latent structure"),
	  N_("generate users=200 items=100 ratings=5000 k=3 noise=0.5 seed=1\n"
	  "Users get hidden tastes, items hidden traits; ratings are their noisy dot\n"
	  "products. Options not given keep MovieLens-100K-like defaults; the seed\n"
	  "defaults to the session seed. Like load, it forgets the models."),
	  run_generate },
	{ "rate", "USER ITEM RATING", 3, 3, { ARG_USER, ARG_ITEM, ARG_NUMBER }, NULL, NULL, 0,
	  N_("add or change a rating"),
	  N_("rate Minsu \"Iron Man\" 5\n"
	  "A new user name creates the user. Quote names with spaces. The rating must\n"
	  "lie on the dataset's scale. Changing the ratings drops the current split."),
	  run_rate },
	{ "unrate", "USER ITEM", 2, 2, { ARG_USER, ARG_ITEM }, NULL, NULL, 0,
	  N_("remove a rating"), N_("unrate Minsu \"Iron Man\""), run_unrate },
	{ "additem", "TITLE [genres=G|G] [tags=T|T] [name=ID]", 1, 1, { ARG_NONE }, NULL,
	  additem_opts, 0, N_("add a movie with genres and no ratings"),
	  N_("additem \"My Film (2026)\" genres=Comedy|Romance [tags=funny|london] [name=ID]\n"
	  "A new movie nobody has rated: its title (a year in brackets gives Wide & Deep\n"
	  "its year bucket), its genres (of the dataset's: see 'items') and tags (read\n"
	  "by the text embedding). Its id is the next number on MovieLens, else the\n"
	  "title. A model trained before knows nothing of it: MF has no vector for it,\n"
	  "while Wide & Deep places it by its features ('predict USER \"My Film\"').\n"
	  "Like rate, it drops the split, and a saved session replays it."),
	  run_additem },
	{ "users", "[n=N]", 0, 0, { 0 }, NULL, list_opts, 0, N_("list users with their ratings"),
	  N_("users [n=N]\nEach user's number of ratings and mean rating."), run_users },
	{ "items", "[n=N]", 0, 0, { 0 }, NULL, list_opts, 0, N_("list items with their ratings"),
	  N_("items [n=N]\nEach item's number of ratings, mean rating and genres."), run_items },
	{ "show", "[ratings|matrix|shape] [users=N] [items=N] [model=NAME] [k=N]", 0, 1, { ARG_WORD },
	  "ratings|matrix|shape", show_opts, 0, N_("show the ratings matrix"),
	  N_("show ratings      the users x items matrix, '?' where no rating is known\n"
	  "show matrix       the same with the current model's predictions filled in\n"
	  "                  (marked with '*')\n"
	  "show shape        the lecture's picture of MF with the real sizes: R (users x\n"
	  "                  items) beside U (users x k) and V (k x items), boxes to scale\n"
	  "                  on a log scale, with their bytes as float32 and the ratings'\n"
	  "                  as (user, item, rating) triplets. k=N, or the model's k.\n"
	  "                  Sets last.shape.dense_bytes, .factor_bytes, .ratings_bytes,\n"
	  "                  .ratio (dense / factors), last.users, last.items, last.k."),
	  run_show },
	{ "stats", "", 0, 0, { 0 }, NULL, NULL, 0, N_("summary of the dataset"),
	  N_("stats\nUsers, items, ratings, density, mean rating, scale and split. Sets\n"
	  "last.users, last.items, last.ratings, last.density (a share), last.mean,\n"
	  "last.scale_lo, last.scale_hi and last.step (of the scale: 1, or 0.5)."), run_stats },
	{ "sparsity", "[users|items]", 0, 1, { ARG_WORD }, "users|items", NULL, 0,
	  N_("how many pairs of users (or items) share no rating"),
	  N_("sparsity users\n"
	  "Pairs of users who rated no item in common (or items no user rated both),\n"
	  "the mean number of co-rated entries, and how full the ratings matrix is.\n"
	  "Sets last.sparsity.disjoint and last.sparsity.pairs; its value is the share\n"
	  "of pairs sharing nothing."),
	  run_sparsity },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

/* lab.c: the session (dataset, models, split, seed, last results) and
 * lab_exec, which parses a line and dispatches it to the command table. */
#include "lab/lab_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "engine/core/intl.h"
#include "engine/core/strf.h"
#include "lab/parse.h"

#define LAB_DEFAULT_SEED 42

lab *lab_new(void)
{
	lab *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->cur = -1;
	l->seed = LAB_DEFAULT_SEED;
	strcpy(l->fmt, "%.2f");
	l->rows = 20;
	ll_gsl_quiet();
	return l;
}

static void clear_last(lab *l)
{
	for (int i = 0; i < l->n_last; i++)
		free(l->last[i].key), free(l->last[i].str);
	free(l->last);
	l->last = NULL;
	l->n_last = 0;
}

static void clear_edits(lab *l)
{
	for (int i = 0; i < l->n_edits; i++)
		free(l->edits[i]);
	free(l->edits);
	l->edits = NULL;
	l->n_edits = 0;
}

void lab_models_clear(lab *l)
{
	for (int i = 0; i < l->n_models; i++) {
		free(l->models[i].name);
		free(l->models[i].algo);
		model_free(&l->models[i].m);
	}
	free(l->models);
	l->models = NULL;
	l->n_models = 0;
	l->cur = -1;
}

static void clear_all(lab *l)
{
	lab_models_clear(l);
	split_free(&l->split);
	free(l->split_cmd);
	l->split_cmd = NULL;
	ratings_free(&l->data);
	free(l->data_cmd);
	l->data_cmd = NULL;
	clear_edits(l);
	clear_last(l);
	l->has_result = 0;
	l->step_pos = 0;
	lab_ext_clear(l);
}

void lab_free(lab **pl)
{
	if (!pl || !*pl)
		return;
	clear_all(*pl);
	lab_cache_free(*pl);
	lab_me_free(*pl);
	free(*pl);
	*pl = NULL;
}

void lab_reset(lab *l)
{
	clear_all(l);
	l->seed = LAB_DEFAULT_SEED;
	strcpy(l->fmt, "%.2f");
	l->rows = 20;
}

void lab_take(lab *dst, lab *src)
{
	clear_all(dst);
	volatile sig_atomic_t *cancel = dst->cancel;
	lab_progress_fn progress = dst->progress;
	void *ctx = dst->progress_ctx;
	lab_cache *cache = dst->cache; /* the session's, whatever src held */
	struct lab_me *me = dst->me;   /* the learner's, likewise */
	lab_cache_free(src);
	lab_me_free(src);
	*dst = *src;
	dst->me = me;
	dst->cancel = cancel;
	dst->progress = progress;
	dst->progress_ctx = ctx;
	dst->cache = cache;
	memset(src, 0, sizeof *src);
	src->cur = -1;
}

void lab_set_cancel_flag(lab *l, volatile sig_atomic_t *flag) { l->cancel = flag; }

void lab_set_progress(lab *l, lab_progress_fn fn, void *ctx)
{
	l->progress = fn;
	l->progress_ctx = ctx;
}

int lab_error_column(const lab *l) { return l->err_col; }

int lab_cancelled(const lab *l) { return l->cancel && *l->cancel; }

int lab_model_progress(void *ctx, int epoch, int n_epochs, double loss)
{
	lab *l = ctx;
	if (l->progress) {
		/* About every 100 ms, and at the end. */
		static struct timespec last;
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double dt = (double)(now.tv_sec - last.tv_sec) + (now.tv_nsec - last.tv_nsec) * 1e-9;
		if (dt >= 0.1 || epoch >= n_epochs) {
			last = now;
			char what[128];
			/* TRANSLATORS: training's progress. */
			snprintf(what, sizeof what, _("epoch %d/%d"), epoch, n_epochs);
			l->progress(l->progress_ctx, n_epochs > 0 ? (double)epoch / n_epochs : 1, loss,
				    what);
		}
	}
	return lab_cancelled(l);
}

/* --- last results -------------------------------------------------------- */

static lab_last *last_slot(lab *l, const char *key)
{
	for (int i = 0; i < l->n_last; i++)
		if (strcmp(l->last[i].key, key) == 0)
			return &l->last[i];
	lab_last *v = realloc(l->last, (size_t)(l->n_last + 1) * sizeof *v);
	if (!v)
		return NULL;
	l->last = v;
	lab_last *s = &v[l->n_last];
	memset(s, 0, sizeof *s);
	if (!(s->key = strdup(key)))
		return NULL;
	l->n_last++;
	return s;
}

void lab_last_num(lab *l, const char *key, double v)
{
	lab_last *s = last_slot(l, key);
	if (!s)
		return;
	free(s->str);
	s->str = NULL;
	s->num = v;
}

void lab_last_str(lab *l, const char *key, const char *str)
{
	lab_last *s = last_slot(l, key);
	if (!s)
		return;
	free(s->str);
	s->str = strdup(str);
	s->num = 0;
}

const lab_last *lab_last_get(const lab *l, const char *key)
{
	for (int i = 0; i < l->n_last; i++)
		if (strcmp(l->last[i].key, key) == 0)
			return &l->last[i];
	return NULL;
}

void lab_result(lab *l, double v)
{
	l->result = v;
	l->has_result = 1;
}

/* --- data ---------------------------------------------------------------- */

ratings *lab_data(lab *l, ll_error *err)
{
	if (!l->data)
		ll_fail(err, "no data loaded (try 'load toy')");
	return l->data;
}

const ratings *lab_train_set(const lab *l)
{
	if (l->split && split_n_folds(l->split) > 0)
		return split_get(l->split, 0)->train;
	return l->data;
}

const ratings *lab_test_set(const lab *l)
{
	if (l->split && split_n_folds(l->split) > 0)
		return split_get(l->split, 0)->test;
	return NULL;
}

void lab_set_data(lab *l, ratings *r, const char *cmd)
{
	/* Models index users and items of the data they learned from. */
	lab_models_clear(l);
	clear_last(l);
	split_free(&l->split);
	free(l->split_cmd);
	l->split_cmd = NULL;
	ratings_free(&l->data);
	l->data = r;
	free(l->data_cmd);
	l->data_cmd = cmd ? strdup(cmd) : NULL;
	clear_edits(l);
	l->step_pos = 0;
}

void lab_data_changed(lab *l)
{
	for (int i = 0; i < l->n_models; i++)
		l->models[i].on_split = 0;
	split_free(&l->split);
	free(l->split_cmd);
	l->split_cmd = NULL;
}

int lab_add_edit(lab *l, const char *cmd)
{
	char **e = realloc(l->edits, (size_t)(l->n_edits + 1) * sizeof *e);
	if (!e)
		return -1;
	l->edits = e;
	if (!(e[l->n_edits] = strdup(cmd)))
		return -1;
	l->n_edits++;
	return 0;
}

void lab_set_split(lab *l, split *s, const char *cmd)
{
	/* Models trained on an earlier split have seen this one's test part. */
	for (int i = 0; i < l->n_models; i++)
		l->models[i].on_split = 0;
	split_free(&l->split);
	free(l->split_cmd);
	l->split = s;
	l->split_cmd = s && cmd ? strdup(cmd) : NULL;
	l->step_pos = 0;
}

/* Up to three names within edit distance 3 (or sharing a prefix), for
 * "did you mean", into best; returns how many. */
static int suggest(const char *name, int n, const char *(*get)(const ratings *, int),
		   const ratings *r, const char *best[3])
{
	int bd[3] = { 4, 4, 4 };
	size_t nl = strlen(name);
	best[0] = best[1] = best[2] = NULL;
	for (int i = 0; i < n; i++) {
		const char *c = get(r, i);
		int d = ll_edit_distance(name, c);
		if (nl >= 3 && strncasecmp(c, name, nl) == 0)
			d = 1;
		for (int j = 0; j < 3; j++)
			if (d < bd[j]) {
				for (int m = 2; m > j; m--)
					bd[m] = bd[m - 1], best[m] = best[m - 1];
				bd[j] = d, best[j] = c;
				break;
			}
	}
	return best[0] ? best[1] ? best[2] ? 3 : 2 : 1 : 0;
}

enum { NO_USER, NO_ITEM, NO_EITHER };

/* "no user 'X' (did you mean 'Y'?)": one whole message for each number of
 * suggestions (nb), or, with none, that the word typed names one of the
 * other side (other). */
static int no_such(ll_error *err, int what, const char *name, const char *word,
		   const char *const b[3], int nb, int other)
{
	switch (what * 10 + (nb ? nb : other ? 4 : 0)) {
	case NO_USER * 10 + 1:
		return ll_fail(err, "no user '%s' (did you mean '%s'?)", name, b[0]);
	case NO_USER * 10 + 2:
		return ll_fail(err, "no user '%s' (did you mean '%s' or '%s'?)", name, b[0], b[1]);
	case NO_USER * 10 + 3:
		return ll_fail(err, "no user '%s' (did you mean '%s' or '%s' or '%s'?)", name, b[0], b[1],
			       b[2]);
	case NO_USER * 10 + 4:
		return ll_fail(err, "no user '%s' ('%s' is an item)", name, word);
	case NO_USER * 10:
		return ll_fail(err, "no user '%s'", name);
	case NO_ITEM * 10 + 1:
		return ll_fail(err, "no item '%s' (did you mean '%s'?)", name, b[0]);
	case NO_ITEM * 10 + 2:
		return ll_fail(err, "no item '%s' (did you mean '%s' or '%s'?)", name, b[0], b[1]);
	case NO_ITEM * 10 + 3:
		return ll_fail(err, "no item '%s' (did you mean '%s' or '%s' or '%s'?)", name, b[0], b[1],
			       b[2]);
	case NO_ITEM * 10 + 4:
		return ll_fail(err, "no item '%s' ('%s' is a user)", name, word);
	case NO_ITEM * 10:
		return ll_fail(err, "no item '%s'", name);
	case NO_EITHER * 10 + 1:
		return ll_fail(err, "no user or item '%s' (did you mean '%s'?)", name, b[0]);
	case NO_EITHER * 10 + 2:
		return ll_fail(err, "no user or item '%s' (did you mean '%s' or '%s'?)", name, b[0], b[1]);
	case NO_EITHER * 10 + 3:
		return ll_fail(err, "no user or item '%s' (did you mean '%s' or '%s' or '%s'?)", name,
			       b[0], b[1], b[2]);
	default:
		return ll_fail(err, "no user or item '%s'", name);
	}
}

/* "user:50" and "item:50" say which side a name is on, for data (as
 * MovieLens) where user 50 and item 50 both exist. The rest of the word
 * after the prefix, or NULL when name has no such prefix. */
static const char *side_prefix(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(name, prefix, n) == 0 && name[n] ? name + n : NULL;
}

/* A user by name, "user:NAME" too; -1 without an error when there is none. */
static int find_user(const ratings *r, const char *name)
{
	int u = ratings_find_user(r, name);
	const char *rest = u < 0 ? side_prefix(name, "user:") : NULL;
	return rest ? ratings_find_user(r, rest) : u;
}

static int find_item(const ratings *r, const char *name)
{
	int i = ratings_lookup_item(r, name);
	const char *rest = i < 0 ? side_prefix(name, "item:") : NULL;
	return rest ? ratings_lookup_item(r, rest) : i;
}

int lab_user(lab *l, const char *name, ll_error *err)
{
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	int u = find_user(r, name);
	if (u >= 0)
		return u;
	const char *rest = side_prefix(name, "user:"), *b[3];
	int nb = suggest(rest ? rest : name, ratings_n_users(r), ratings_user_name, r, b);
	return no_such(err, NO_USER, rest ? rest : name, name, b, nb, !nb && find_item(r, name) >= 0);
}

int lab_item(lab *l, const char *name, ll_error *err)
{
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	int i = find_item(r, name);
	if (i >= 0)
		return i;
	const char *rest = side_prefix(name, "item:"), *b[3];
	int nb = suggest(rest ? rest : name, ratings_n_items(r), ratings_item_title, r, b);
	return no_such(err, NO_ITEM, rest ? rest : name, name, b, nb, !nb && find_user(r, name) >= 0);
}

int lab_user_or_item(lab *l, const char *name, int *side, ll_error *err)
{
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	int u = ratings_find_user(r, name), i = ratings_lookup_item(r, name);
	/* A bare name that is both (user 50 and movie 50 in MovieLens) is not
	 * guessed: the learner says which. */
	if (u >= 0 && i >= 0)
		return ll_fail(err, "'%s' is both a user and an item (did you mean user:%s or item:%s?)",
			       name, name, name);
	if (u < 0 && i < 0 && side_prefix(name, "user:")) {
		*side = SIDE_USER;
		return lab_user(l, name, err);
	}
	if (u < 0 && i < 0 && side_prefix(name, "item:")) {
		*side = SIDE_ITEM;
		return lab_item(l, name, err);
	}
	if (u >= 0) {
		*side = SIDE_USER;
		return u;
	}
	if (i >= 0) {
		*side = SIDE_ITEM;
		return i;
	}
	const char *bu[3], *bi[3];
	int nu = suggest(name, ratings_n_users(r), ratings_user_name, r, bu);
	int ni = suggest(name, ratings_n_items(r), ratings_item_title, r, bi);
	return nu ? no_such(err, NO_EITHER, name, name, bu, nu, 0)
		  : no_such(err, NO_EITHER, name, name, bi, ni, 0);
}

int lab_most_rated(const ratings *r, int side, int total, int n, int *pick)
{
	if (n >= total) {
		for (int i = 0; i < total; i++)
			pick[i] = i;
		return total;
	}
	size_t *cnt = malloc(((size_t)total + 1) * sizeof *cnt);
	if (!cnt)
		return -1;
	for (int i = 0; i < total; i++) {
		const uint32_t *pos;
		cnt[i] = side == SIDE_USER ? ratings_user_entries(r, i, &pos)
					   : ratings_item_entries(r, i, &pos);
	}
	/* n is small (what fits on a screen): n passes of selection. */
	for (int j = 0; j < n; j++) {
		int best = -1;
		for (int i = 0; i < total; i++)
			if (cnt[i] != (size_t)-1 && (best < 0 || cnt[i] > cnt[best]))
				best = i;
		pick[j] = best;
		cnt[best] = (size_t)-1;
	}
	free(cnt);
	/* Back in index order, so the picture keeps the dataset's order. */
	for (int a = 1; a < n; a++)
		for (int b = a; b > 0 && pick[b - 1] > pick[b]; b--) {
			int t = pick[b];
			pick[b] = pick[b - 1];
			pick[b - 1] = t;
		}
	return n;
}

/* --- models -------------------------------------------------------------- */

lab_model *lab_model_find(lab *l, const char *name)
{
	for (int i = 0; i < l->n_models; i++)
		if (strcmp(l->models[i].name, name) == 0)
			return &l->models[i];
	return NULL;
}

lab_model *lab_model_pick(lab *l, const lab_call *c, ll_error *err)
{
	const char *name = c ? lab_opt_str(c, "model", NULL) : NULL;
	if (name) {
		lab_model *m = lab_model_find(l, name);
		if (!m) {
			const char *best = NULL;
			int bd = 3;
			for (int i = 0; i < l->n_models; i++) {
				int d = ll_edit_distance(name, l->models[i].name);
				if (d < bd)
					bd = d, best = l->models[i].name;
			}
			if (best)
				ll_fail(err, "no model '%s' (did you mean '%s'?)", name, best);
			else
				ll_fail(err, "no model '%s' (see 'models')", name);
		}
		return m;
	}
	if (l->cur < 0) {
		ll_fail(err, "no model trained yet (try 'train sgd k=2')");
		return NULL;
	}
	return &l->models[l->cur];
}

int lab_model_add(lab *l, const char *name, model *m, int on_split, ll_error *err)
{
	lab_model *old = lab_model_find(l, name);
	if (old) {
		model_free(&old->m);
		free(old->algo);
		old->m = m;
		old->algo = strdup(model_algo(m));
		old->on_split = on_split;
		l->cur = (int)(old - l->models);
		return 0;
	}
	lab_model *v = realloc(l->models, (size_t)(l->n_models + 1) * sizeof *v);
	if (!v) {
		model_free(&m);
		return ll_fail(err, "out of memory");
	}
	l->models = v;
	v[l->n_models] = (lab_model){ strdup(name), m, strdup(model_algo(m)), on_split };
	l->cur = l->n_models++;
	return 0;
}

int lab_model_covers(const lab *l, const lab_model *lm, int user, int item, ll_error *err)
{
	const ratings *r = l->data;
	if (user >= model_n_users(lm->m))
		return ll_fail(err, "%s is new since model '%s' was trained: train again",
			       ratings_user_name(r, user), lm->name);
	if (item >= model_n_items(lm->m))
		return ll_fail(err, "%s is new since model '%s' was trained: train again",
			       ratings_item_title(r, item), lm->name);
	return 0;
}

/* --- formats ------------------------------------------------------------- */

int lab_format_num(char *buf, size_t size, const char *fmt, double v)
{
	/* "pct" and a format (%.1f without one): a share as a percentage,
	 * times 100 and followed by a percent sign (0.0170 -> "1.70%"). */
	if (!strncmp(fmt, "pct", 3) && (fmt[3] == '\0' || fmt[3] == ' ')) {
		const char *f = fmt + 3 + strspn(fmt + 3, " ");
		char tmp[160];
		if (!strncmp(f, "pct", 3) ||
		    lab_format_num(tmp, sizeof tmp, *f ? f : "%.1f", 100 * v) < 0)
			return -1;
		snprintf(buf, size, "%s%%", tmp);
		return 0;
	}
	/* "bytes": a size for people, "23.7 MB" (view_bytes). */
	if (!strcmp(fmt, "bytes")) {
		view_bytes(v, buf, size);
		return 0;
	}
	/* Literal text, "%%", and exactly one number conversion:
	 * %[flags][width][.precision](f|F|e|E|g|G|d|i), width and precision
	 * at most LAB_FORMAT_MAX (%.2147483646f would take gigabytes). */
	const char *conv = NULL, *end = NULL;
	char type = 0;
	for (const char *p = fmt; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return -1; /* a session file keeps the format on one line */
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		if (conv)
			return -1;
		const char *q = p + 1;
		q += strspn(q, "-+ 0#");
		size_t wd = strspn(q, "0123456789");
		if (wd > 2 || (wd && atoi(q) > LAB_FORMAT_MAX))
			return -1;
		q += wd;
		if (*q == '.') {
			q++;
			size_t pd = strspn(q, "0123456789");
			if (pd > 2 || (pd && atoi(q) > LAB_FORMAT_MAX))
				return -1;
			q += pd;
		}
		if (!*q || !strchr("fFeEgGdi", *q))
			return -1;
		conv = p, type = *q, end = q, p = q;
	}
	if (!conv || strlen(fmt) > 120)
		return -1;
	if (type == 'd' || type == 'i') {
		/* Whole numbers: rounded, printed as a long ("%d" -> "%ld"); a
		 * value no long holds (or NaN) as "%.0f" with the same flags. */
		char f[160];
		double r = v < 0 ? v - 0.5 : v + 0.5;
		if (r > -9.2e18 && r < 9.2e18) {
			snprintf(f, sizeof f, "%.*sl%s", (int)(end - fmt), fmt, end);
			snprintf(buf, size, f, (long)r);
		} else {
			const char *dot = memchr(conv, '.', (size_t)(end - conv));
			int upto = (int)((dot ? dot : end) - fmt);
			snprintf(f, sizeof f, "%.*s.0f%s", upto, fmt, end + 1);
			snprintf(buf, size, f, v);
		}
		return 0;
	}
	snprintf(buf, size, fmt, v);
	return 0;
}

/* --- exec ---------------------------------------------------------------- */

int lab_exec(lab *l, const char *line, view **out, ll_error *err)
{
	if (out)
		*out = NULL;
	view *dummy = NULL;
	if (!out)
		out = &dummy;
	l->err_col = 0;
	if (l->cancel)
		*l->cancel = 0;
	lab_words w;
	int col;
	if (lab_parse(line, &w, &col, err) < 0) {
		l->err_col = col;
		return -1;
	}
	if (w.n == 0)
		return 0;
	const char *name = w.w[0].text;
	const lab_cmd *c = w.w[0].key ? NULL : lab_cmd_find(name);
	int rc;
	if (!c) {
		const char *best = lab_cmd_suggest(name);
		l->err_col = w.w[0].col;
		if (best)
			rc = ll_fail(err, "unknown command '%s' (did you mean '%s'?)", name, best);
		else
			rc = ll_fail(err, "unknown command '%s' (try 'help')", name);
	} else {
		l->has_result = 0;
		rc = lab_cmd_dispatch(l, c, &w, out, err);
		if (rc < 0)
			view_free(out);
	}
	lab_words_clear(&w);
	view_free(&dummy);
	return rc;
}

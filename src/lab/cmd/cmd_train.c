/* cmd_train.c: split, train, step, epoch, models, use. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdint.h>

#include "engine/algo.h"
#include "engine/core/clock.h"
#include "engine/model/metrics.h"
#include "engine/mf/mf.h"
#include "engine/nn/ncf.h"
#include "engine/core/intl.h"
#include "lab/lab_impl.h"
#include "lab/split_words.h"

/* --- split --------------------------------------------------------------- */

static const lab_opt split_opts[] = {
	{ "frac", OPT_NUM, "0.2", N_("holdout: share of ratings held out for testing"), NULL },
	{ "k", OPT_INT, "5", N_("kfold: number of folds"), NULL },
	{ "neg", OPT_INT, "99", N_("loo: sampled negative items per user"), NULL },
	{ "seed", OPT_INT, NULL, N_("random seed (default: the session seed)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_split(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	const char *how = c->argv[0].text;
	unsigned long seed = (unsigned long)lab_opt_long(c, "seed", (long)l->seed);
	char cmd[200];
	split *s = NULL;
	if (strcmp(how, "none") == 0) {
		lab_set_split(l, NULL, NULL);
		*out = view_text(NULL, _("No split: models train on all the ratings."));
		return 0;
	} else if (strcmp(how, "holdout") == 0) {
		double frac = lab_opt_num(c, "frac", 0.2);
		s = split_holdout(r, frac, seed, err);
		snprintf(cmd, sizeof cmd, "split holdout frac=%.17g seed=%lu", frac, seed);
	} else if (strcmp(how, "kfold") == 0) {
		long k = lab_opt_long(c, "k", 5);
		s = split_kfold(r, (int)k, seed, err);
		snprintf(cmd, sizeof cmd, "split kfold k=%ld seed=%lu", k, seed);
	} else {
		long neg = lab_opt_long(c, "neg", 99);
		s = split_loo(r, (int)neg, seed, err);
		snprintf(cmd, sizeof cmd, "split loo neg=%ld seed=%lu", neg, seed);
	}
	if (!s)
		return ll_prefix(err, "split: ");
	lab_set_split(l, s, cmd);
	const split_fold *f = split_get(s, 0);
	char msg[600], words[80];
	/* TRANSLATORS: the first %s is the split as 'holdout 0.2', 'cv 5' or 'loo 99'. */
	snprintf(msg, sizeof msg, split_n_folds(s) > 1
		 ? _("Split %s (seed %lu): %zu ratings to train, %zu to test in the first fold (train "
		     "and eval use that fold; compare averages over all).")
		 : _("Split %s (seed %lu): %zu ratings to train, %zu to test."),
		 lab_split_words(s, words, sizeof words), seed, ratings_count(f->train),
		 ratings_count(f->test));
	*out = view_text(NULL, msg);
	lab_result(l, (double)ratings_count(f->test));
	return 0;
}

/* --- train --------------------------------------------------------------- */

static const lab_opt train_opts[] = {
	{ "name", OPT_STR, NULL, N_("name of the model in the session (default: the algorithm)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static model *make_model(lab_call *c, const char *algo, int *seeded, ll_error *err)
{
	params *p = params_new();
	if (!p) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	for (int i = 1; i < c->words->n; i++) {
		const lab_word *w = &c->words->w[i];
		if (w->key && !lab_cmd_opt(c->cmd, w->key))
			params_set(p, w->key, w->value);
	}
	/* Each epoch keeps a row of history and takes time: bounded, so
	 * epochs=1000000000 is refused instead of growing for hours. */
	for (int i = 1; i < c->words->n; i++) {
		const lab_word *w = &c->words->w[i];
		if (!w->key || (strcmp(w->key, "epochs") && strcmp(w->key, "n_epochs") &&
				strcmp(w->key, "maxIter") && strcmp(w->key, "iter")))
			continue;
		char *end;
		errno = 0;
		long ep = strtol(w->value, &end, 10);
		if (*w->value && !*end && (errno == ERANGE || ep > LAB_MAX_EPOCHS)) {
			c->l->err_col = w->col;
			ll_fail(err, "%s must be from 0 to %d, not '%s'", w->key, LAB_MAX_EPOCHS, w->value);
			params_free(&p);
			return NULL;
		}
	}
	*seeded = 0;
	model *m = NULL;
	if (!params_str(p, "seed", NULL)) {
		/* The session seed feeds every model that has randomness. */
		params *ps = params_clone(p);
		char seed[32];
		snprintf(seed, sizeof seed, "%lu", c->l->seed);
		params_set(ps, "seed", seed);
		ll_error e2;
		m = model_new(algo, ps, &e2);
		params_free(&ps);
		if (m)
			*seeded = 1;
		else if (!strstr(e2.msg, "'seed'")) {
			if (err)
				*err = e2;
			params_free(&p);
			return NULL;
		}
	}
	if (!m)
		m = model_new(algo, p, err);
	params_free(&p);
	return m;
}

/* Score each epoch on the split's test part: RMSE for rating models; for
 * the implicit models, HR@10 and NDCG@10 against the leave-one-out split's
 * own sampled negatives, so the curve matches what `eval` reports. */
static void set_validation(lab *l, model *m)
{
	const ratings *test = lab_test_set(l);
	if (!test)
		return;
	model_set_validation(m, test);
	const split_fold *f = split_get(l->split, 0);
	if (ncf_is_implicit(m) && f->negatives)
		ncf_set_negatives(m, f->negatives, f->n_neg);
}

/* "Trained sgd on 33 ratings, k=2, 3 epochs in 0.00 s (seed 42).": one
 * whole sentence per combination of what applies (k 0: no factors; epochs
 * -1: not iterative; seeded 0: no seed), so each translates as a unit;
 * "sgd as 'fast'" when the model has a name of its own. Returns the
 * length written. */
static size_t trained_sentence(char *buf, size_t size, const char *aname, const char *name,
			       size_t n, int k, int epochs, double secs, int seeded,
			       unsigned long seed)
{
	char who[300];
	if (strcmp(name, aname))
		/* TRANSLATORS: a model in "Trained %s on ...": its algorithm and its name. */
		snprintf(who, sizeof who, _("%s as '%s'"), aname, name);
	else
		snprintf(who, sizeof who, "%s", aname);
	int w;
	if (k && epochs >= 0 && seeded)
		w = snprintf(buf, size, _("Trained %s on %zu ratings, k=%d, %d epochs in %.2f s (seed %lu)."),
			     who, n, k, epochs, secs, seed);
	else if (k && epochs >= 0)
		w = snprintf(buf, size, _("Trained %s on %zu ratings, k=%d, %d epochs in %.2f s."), who, n,
			     k, epochs, secs);
	else if (k && seeded)
		w = snprintf(buf, size, _("Trained %s on %zu ratings, k=%d in %.2f s (seed %lu)."), who, n,
			     k, secs, seed);
	else if (k)
		w = snprintf(buf, size, _("Trained %s on %zu ratings, k=%d in %.2f s."), who, n, k, secs);
	else if (epochs >= 0 && seeded)
		w = snprintf(buf, size, _("Trained %s on %zu ratings, %d epochs in %.2f s (seed %lu)."), who,
			     n, epochs, secs, seed);
	else if (epochs >= 0)
		w = snprintf(buf, size, _("Trained %s on %zu ratings, %d epochs in %.2f s."), who, n, epochs,
			     secs);
	else if (seeded)
		w = snprintf(buf, size, _("Trained %s on %zu ratings in %.2f s (seed %lu)."), who, n, secs,
			     seed);
	else
		w = snprintf(buf, size, _("Trained %s on %zu ratings in %.2f s."), who, n, secs);
	return w < 0 ? 0 : (size_t)w < size ? (size_t)w : size - 1;
}

static int run_train(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	if (!lab_data(l, err))
		return -1;
	const char *aname = c->argv[0].text;
	const char *name = lab_opt_str(c, "name", aname);
	int seeded;
	model *m = make_model(c, aname, &seeded, err);
	if (!m)
		return ll_prefix(err, "train: ");
	const ratings *train = lab_train_set(l), *test = lab_test_set(l);
	set_validation(l, m);
	model_set_progress(m, lab_model_progress, l);
	double t0 = ll_now();
	int rc = model_fit(m, train, err);
	double secs = ll_now() - t0;
	if (rc < 0) {
		lab_note_divergence(l, m, err->msg);
		model_free(&m);
		return ll_prefix(err, "train %s: ", aname);
	}
	/* epochs=0: initialise so that `step` and `vector` have factors. */
	if (rc == 0 && mf_is_mf(m) && model_is_iterative(m) && model_epochs_done(m) == 0 &&
	    mf_init(m, train, err) < 0) {
		model_free(&m);
		return ll_prefix(err, "train %s: ", aname);
	}
	int rank_only = model_ranking_only(m);
	double tr = NAN, te = NAN;
	if (!rank_only) {
		tr = model_train_rmse(m, train);
		if (test)
			metrics_rating(m, test, &te, NULL, NULL);
	}
	int epochs = model_epochs_done(m), k = model_k(m);
	if (lab_model_add(l, name, m, test != NULL, err) < 0)
		return -1;
	l->step_pos = 0;
	l->step_shuffle = params_bool(c->opts, "shuffle", false);
	l->step_seed = (unsigned long)lab_opt_long(c, "seed", (long)l->seed);
	char msg[800];
	size_t len = trained_sentence(msg, sizeof msg, aname, name, ratings_count(train), k,
				      model_is_iterative(l->models[l->cur].m) ? epochs : -1, secs,
				      seeded, l->seed);
	if (!rank_only && isfinite(tr) && len < sizeof msg)
		len += (size_t)snprintf(msg + len, sizeof msg - len, " ");
	if (!rank_only && isfinite(tr) && len < sizeof msg && isfinite(te))
		len += (size_t)snprintf(msg + len, sizeof msg - len, _("Train RMSE %.4f (unclipped), "
								 "test RMSE %.4f (clipped to the scale)."),
					tr, te);
	else if (!rank_only && isfinite(tr) && len < sizeof msg)
		len += (size_t)snprintf(msg + len, sizeof msg - len, _("Train RMSE %.4f (unclipped)."), tr);
	if (rc == 1 && len < sizeof msg)
		snprintf(msg + len, sizeof msg - len, " %s",
			 _("Stopped early: the model keeps what it learned."));
	*out = view_text(NULL, msg);
	if (isfinite(tr)) {
		lab_last_num(l, "loss", tr);
		lab_last_num(l, "train_rmse", tr);
		lab_result(l, tr);
	}
	if (isfinite(te))
		lab_last_num(l, "test_rmse", te);
	lab_last_num(l, "seconds", secs);
	lab_last_num(l, "epochs", epochs);
	lab_last_num(l, "diverged", 0);
	return 0;
}

/* --- step ---------------------------------------------------------------- */

/* An SGD step view: in an epoch (manual 0: update index of count in epoch
 * `epoch`), or a `step` (manual 1: on rating index of count, after `epoch`
 * epochs). */
static view *step_view(const lab *l, const mf_update *u, long index, long count, int epoch,
		       int manual)
{
	const ratings *r = l->data;
	view *v = view_sgd(ratings_user_name(r, u->user), ratings_item_title(r, u->item), u->k);
	if (!v)
		return NULL;
	v->u.sgd.index = index;
	v->u.sgd.count = count;
	v->u.sgd.epoch = epoch;
	v->u.sgd.manual = manual;
	v->u.sgd.rating = u->rating;
	v->u.sgd.prediction = u->prediction;
	v->u.sgd.error = u->error;
	v->u.sgd.lr = u->lr;
	v->u.sgd.reg = u->reg;
	for (int j = 0; j < u->k; j++) {
		v->u.sgd.p_before[j] = u->p_before[j];
		v->u.sgd.p_after[j] = u->p_after[j];
		v->u.sgd.q_before[j] = u->q_before[j];
		v->u.sgd.q_after[j] = u->q_after[j];
	}
	return v;
}

/* Pass `pass` of a shuffled walk over n ratings: a seeded permutation. */
static uint32_t *step_order(size_t n, unsigned long seed, long pass)
{
	uint32_t *o = malloc(n * sizeof *o);
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!o || !g) {
		free(o);
		if (g)
			gsl_rng_free(g);
		return NULL;
	}
	gsl_rng_set(g, seed * 1000003UL + (unsigned long)pass);
	for (size_t j = 0; j < n; j++)
		o[j] = (uint32_t)j;
	gsl_ran_shuffle(g, o, n, sizeof *o);
	gsl_rng_free(g);
	return o;
}

/* show=arrows: the vectors the steps moved, each a path from where it was
 * to where it is, on the map of a k = 2 model. */
typedef struct moved {
	int side, x;        /* SIDE_USER or SIDE_ITEM, and its index */
	int n;
	double *px, *py;    /* n positions, oldest first */
} moved;

static int moved_add(moved **m, int *n, int side, int x, const float *before, const float *after)
{
	int j = 0;
	while (j < *n && ((*m)[j].side != side || (*m)[j].x != x))
		j++;
	if (j == *n) {
		moved *g = realloc(*m, (size_t)(*n + 1) * sizeof *g);
		if (!g)
			return -1;
		*m = g;
		g[j] = (moved){ side, x, 1, malloc(sizeof(double)), malloc(sizeof(double)) };
		(*n)++;
		if (!g[j].px || !g[j].py)
			return -1;
		g[j].px[0] = before[0], g[j].py[0] = before[1];
	}
	moved *e = &(*m)[j];
	double *px = realloc(e->px, (size_t)(e->n + 1) * sizeof *px);
	if (px)
		e->px = px;
	double *py = px ? realloc(e->py, (size_t)(e->n + 1) * sizeof *py) : NULL;
	if (!py)
		return -1;
	e->py = py;
	e->px[e->n] = after[0], e->py[e->n] = after[1];
	e->n++;
	return 0;
}

static view *moved_view(const lab *l, const lab_model *lm, moved *m, int n, const char *note)
{
	const ratings *r = l->data;
	char title[300];
	snprintf(title, sizeof title, note && strchr(note, ';')
		 ? _("The vectors the updates moved (model %s, k=2)")
		 : _("The vectors the update moved (model %s, k=2)"), lm->name);
	view *v = view_arrows(title);
	for (int j = 0; v && j < n; j++) {
		const char *name = m[j].side == SIDE_USER ? ratings_user_name(r, m[j].x)
							  : ratings_item_title(r, m[j].x);
		if (view_arrows_add(v, name, m[j].side, 1, 0, m[j].n, m[j].px, m[j].py) < 0)
			view_free(&v);
	}
	if (v && view_arrows_note(v, note) < 0)
		view_free(&v);
	return v;
}

static const lab_opt step_opts[] = {
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ "show", OPT_WORD, "update", N_("update: each update's numbers; arrows: the vectors moving "
	  "(k=2)"), "update|arrows" },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_step(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	const ratings *train = lab_train_set(l);
	size_t count = ratings_count(train);
	if (count == 0)
		return ll_fail(err, "step: no ratings to learn from");
	int arrows = strcmp(lab_opt_str(c, "show", "update"), "arrows") == 0;
	if (arrows && model_k(lm->m) != 2)
		return ll_fail(err, "step: show=arrows draws the two numbers of a k=2 model; "
			       "model '%s' has k=%d", lm->name, model_k(lm->m));
	long n = 1;
	/* step USER ITEM [USER ITEM]...: those ratings, in order. */
	long *entries = NULL;
	int pairs = 0;
	if (c->argc >= 2) {
		if (c->argc % 2) {
			l->err_col = c->argv[c->argc - 1].col;
			return ll_fail(err, "step: '%s' has no item (step USER ITEM [USER ITEM]...)",
				       c->argv[c->argc - 1].text);
		}
		pairs = c->argc / 2;
		if (!(entries = malloc((size_t)pairs * sizeof *entries)))
			return ll_fail(err, "out of memory");
		for (int p = 0; p < pairs; p++) {
			int u = lab_user(l, c->argv[2 * p].text, err), i = -1;
			if (u < 0)
				l->err_col = c->argv[2 * p].col;
			else if ((i = lab_item(l, c->argv[2 * p + 1].text, err)) < 0)
				l->err_col = c->argv[2 * p + 1].col;
			else if ((entries[p] = ratings_find(train, u, i)) < 0 && l->split)
				ll_fail(err, "step: %s has no rating of %s to learn from in the "
					"training part", ratings_user_name(l->data, u),
					ratings_item_title(l->data, i));
			else if (entries[p] < 0)
				ll_fail(err, "step: %s has no rating of %s to learn from",
					ratings_user_name(l->data, u), ratings_item_title(l->data, i));
			if (u < 0 || i < 0 || entries[p] < 0) {
				free(entries);
				return -1;
			}
		}
		n = pairs;
	} else if (c->argc == 1) {
		char *end;
		n = strtol(c->argv[0].text, &end, 10);
		if (*end || n < 1)
			return ll_fail(err, "step: '%s' is not a number of steps (step [N] or step USER ITEM)",
				       c->argv[0].text);
	}
	view *views = NULL;
	mf_update u;
	moved *mv = NULL;
	int n_mv = 0, oom = 0;
	char note[1600] = "";
	size_t note_len = 0;
	/* The walk goes through the ratings in store order, pass after pass;
	 * a model trained with shuffle=yes walks a seeded shuffle of them, a
	 * fresh one each pass, as its epochs do. */
	uint32_t *order = NULL;
	long order_pass = -1;
	/* A step is no part of any epoch: it stands after the epochs done. */
	int done = model_epochs_done(lm->m);
	for (long s = 0; s < n; s++) {
		long at = entries ? entries[s] : l->step_pos++;
		size_t e = (size_t)(at % (long)count);
		if (!entries && l->step_shuffle) {
			if (at / (long)count != order_pass) {
				order_pass = at / (long)count;
				free(order);
				if (!(order = step_order(count, l->step_seed, order_pass))) {
					view_free(&views);
					free(entries);
					return ll_fail(err, "out of memory");
				}
			}
			e = order[e];
		}
		if (mf_step(lm->m, train, e, &u, err) < 0) {
			view_free(&views);
			free(order), free(entries);
			return ll_prefix(err, "step: ");
		}
		if (arrows) {
			float pb[2], pa[2], qb[2], qa[2];
			memcpy(pb, u.p_before, sizeof pb), memcpy(pa, u.p_after, sizeof pa);
			memcpy(qb, u.q_before, sizeof qb), memcpy(qa, u.q_after, sizeof qa);
			oom |= moved_add(&mv, &n_mv, SIDE_USER, u.user, pb, pa) < 0;
			oom |= moved_add(&mv, &n_mv, SIDE_ITEM, u.item, qb, qa) < 0;
			/* TRANSLATORS: one update of 'step show=arrows'; several are joined by "; ". */
			if (note_len < sizeof note)
				note_len += (size_t)snprintf(note + note_len, sizeof note - note_len,
							     "%s", s ? "; " : "");
			if (note_len < sizeof note)
				note_len += (size_t)snprintf(note + note_len, sizeof note - note_len,
							     _("%s rated %s %g: guess %.2f, error %+.2f"),
							     ratings_user_name(l->data, u.user),
							     ratings_item_title(l->data, u.item), (double)u.rating,
							     (double)u.prediction, (double)u.error);
		} else if (n <= 10 || s == n - 1) {
			/* Show every step of a short run; a long run shows its last. */
			view_append(&views, step_view(l, &u, (long)e, (long)count, done, 1));
		}
		if (lab_cancelled(l))
			break;
	}
	free(order), free(entries);
	if (arrows) {
		if (note_len < sizeof note)
			snprintf(note + note_len, sizeof note - note_len, ". ");
		if (note_len + 2 < sizeof note)
			snprintf(note + note_len + 2, sizeof note - note_len - 2,
				 _("Each step moves p by lr x (error x q - reg x p) and q by lr x (error x p "
				   "- reg x q), lr %g."), (double)u.lr);
		view *v = oom ? NULL : moved_view(l, lm, mv, n_mv, note);
		for (int j = 0; j < n_mv; j++)
			free(mv[j].px), free(mv[j].py);
		free(mv);
		if (!v)
			return ll_fail(err, "out of memory");
		views = v;
	}
	const ratings *r = l->data;
	lab_last_str(l, "user", ratings_user_name(r, u.user));
	lab_last_str(l, "item", ratings_item_title(r, u.item));
	lab_last_num(l, "rating", u.rating);
	lab_last_num(l, "prediction", u.prediction);
	lab_last_num(l, "error", u.error);
	lab_last_num(l, "lr", u.lr);
	lab_last_num(l, "reg", u.reg);
	lab_last_num(l, "after", model_predict(lm->m, u.user, u.item));
	lab_result(l, u.error);
	*out = views;
	return 0;
}

/* --- epoch --------------------------------------------------------------- */

/* trace=yes: every update of the epoch becomes an SGD step view, so a front
 * end can animate the real epoch. Capped, as an epoch of MovieLens is 10^5. */
#define TRACE_MAX 2000

typedef struct trace_ctx {
	lab *l;
	view *views;
	long n, count; /* updates traced; ratings an epoch visits */
} trace_ctx;

static void trace_update(void *ctx, const mf_update *u)
{
	trace_ctx *t = ctx;
	if (t->n++ < TRACE_MAX)
		view_append(&t->views, step_view(t->l, u, u->index, t->count, u->epoch, 0));
}

static int run_epoch(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	long n = 1;
	if (c->argc) {
		char *end;
		errno = 0;
		n = strtol(c->argv[0].text, &end, 10);
		if (!*c->argv[0].text || *end || n < 1)
			return ll_fail(err, "epoch: '%s' is not a number of epochs", c->argv[0].text);
		if (errno == ERANGE || n > LAB_MAX_EPOCHS)
			return ll_fail(err, "epoch: at most %d epochs at a time, not %s", LAB_MAX_EPOCHS,
				       c->argv[0].text);
	}
	const ratings *train = lab_train_set(l);
	set_validation(l, lm->m);
	int first = model_epochs_done(lm->m);
	int trace = params_bool(c->opts, "trace", false);
	trace_ctx tc = { l, NULL, 0, (long)ratings_count(lab_train_set(l)) };
	if (trace && mf_set_trace(lm->m, trace_update, &tc, err) < 0)
		return ll_prefix(err, "epoch: trace: ");
	int rc = 0;
	for (long e = 0; e < n; e++) {
		if ((rc = model_fit_epoch(lm->m, train, err)) < 0)
			break;
		if (lab_cancelled(l))
			break;
	}
	if (trace)
		mf_set_trace(lm->m, NULL, NULL, NULL);
	if (rc < 0) {
		view_free(&tc.views);
		lab_note_divergence(l, lm->m, err->msg);
		return ll_prefix(err, "epoch: ");
	}
	const double *tr, *te;
	int h = model_history(lm->m, &tr, &te);
	int done = model_epochs_done(lm->m), rows = done - first, ran = rows;
	if (rows > h)
		rows = h;
	/* The last `rows` epochs (the session's display limit), not 100k rows. */
	if (rows > l->rows)
		rows = l->rows;
	/* An implicit model's first series is its own loss (log loss, BPR
	 * loss), and its test measures are HR@10 and NDCG@10, not RMSE. */
	const double *loss, *hr, *ndcg;
	int implicit = ncf_history(lm->m, &loss, &hr, &ndcg) == h && h > 0;
	int ranked = implicit && lab_test_set(l) && !isnan(hr[h - 1]);
	if (implicit)
		te = NULL;
	view *v = view_table(_("Training"), rows, ranked ? 4 : te ? 3 : 2);
	view_table_header(v, 0, _("epoch"), 'r');
	view_table_header(v, 1, implicit ? _(ncf_loss_name(lm->m)) : _("train RMSE (unclipped)"), 'r');
	if (te)
		view_table_header(v, 2, _("test RMSE (clipped)"), 'r');
	if (ranked) {
		view_table_header(v, 2, "HR@10", 'r');
		view_table_header(v, 3, "NDCG@10", 'r');
	}
	for (int i = 0; i < rows; i++) {
		int j = h - rows + i;
		view_table_set(v, i, 0, "%d", j + 1);
		view_table_set(v, i, 1, "%.4f", tr[j]);
		if (te)
			view_table_set(v, i, 2, "%.4f", te[j]);
		if (ranked) {
			view_table_set(v, i, 2, "%.3f", hr[j]);
			view_table_set(v, i, 3, "%.3f", ndcg[j]);
		}
	}
	*out = tc.views;
	if (tc.n > TRACE_MAX) {
		char s[240];
		snprintf(s, sizeof s, _("(the first %d of %ld updates are shown)"), TRACE_MAX, tc.n);
		view_append(out, view_text(NULL, s));
	}
	view_append(out, v);
	if (rows < ran) {
		char s[320];
		snprintf(s, sizeof s, _("(the last %d of %d epochs; set rows=N shows more)"), rows, ran);
		view_append(out, view_text(NULL, s));
	}
	if (h > 0) {
		lab_last_num(l, "loss", tr[h - 1]);
		if (!implicit)
			lab_last_num(l, "train_rmse", tr[h - 1]);
		if (te)
			lab_last_num(l, "test_rmse", te[h - 1]);
		if (ranked) {
			lab_last_num(l, "hr", hr[h - 1]);
			lab_last_num(l, "ndcg", ndcg[h - 1]);
		}
		lab_result(l, tr[h - 1]);
	}
	lab_last_num(l, "epochs", done);
	return 0;
}

/* --- models, use --------------------------------------------------------- */

static const lab_opt models_opts[] = {
	{ "bytes", OPT_BOOL, "no", N_("also what each model holds, and its bytes"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_models(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	int bytes = params_bool(c->opts, "bytes", false);
	view *v = view_table(_("Models"), l->n_models, bytes ? 7 : 5);
	view_table_header(v, 0, "", 'l');
	view_table_header(v, 1, _("name"), 'l');
	view_table_header(v, 2, _("algorithm"), 'l');
	view_table_header(v, 3, _("k"), 'r');
	view_table_header(v, 4, _("epochs"), 'r');
	if (bytes) {
		view_table_header(v, 5, _("bytes"), 'r');
		view_table_header(v, 6, _("what it holds"), 'l');
	}
	for (int i = 0; i < l->n_models; i++) {
		const lab_model *m = &l->models[i];
		view_table_set(v, i, 0, "%s", i == l->cur ? "*" : "");
		view_table_set(v, i, 1, "%s", m->name);
		view_table_set(v, i, 2, "%s", m->algo);
		/* Models without factors or epochs (KNN, baselines) show none. */
		if (model_k(m->m) > 0)
			view_table_set(v, i, 3, "%d", model_k(m->m));
		else
			view_table_set(v, i, 3, "-");
		if (model_is_iterative(m->m))
			view_table_set(v, i, 4, "%d", model_epochs_done(m->m));
		else
			view_table_set(v, i, 4, "-");
		if (bytes) {
			char what[160], key[96];
			double b = lab_model_bytes(m->m, what, sizeof what);
			if (isnan(b))
				view_table_set(v, i, 5, "-");
			else
				view_table_set(v, i, 5, "%.0f", b);
			view_table_set(v, i, 6, "%s", what);
			snprintf(key, sizeof key, "bytes.%s", m->name);
			lab_last_num(l, key, b);
			if (i == l->cur)
				lab_last_num(l, "bytes", b);
		}
	}
	*out = v;
	if (l->n_models == 0)
		view_append(out, view_text(NULL, _("No models yet (try 'train sgd k=2').")));
	lab_result(l, l->n_models);
	return 0;
}

static int run_use(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const char *name = c->argv[0].text;
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
			return ll_fail(err, "use: no model '%s' (did you mean '%s'?)", name, best);
		return ll_fail(err, "use: no model '%s' (see 'models')", name);
	}
	l->cur = (int)(m - l->models);
	char s[400];
	snprintf(s, sizeof s, _("Using model '%s' (%s)."), m->name, m->algo);
	*out = view_text(NULL, s);
	return 0;
}

static const lab_opt epoch_opts[] = {
	{ "model", OPT_STR, NULL, N_("the model to use (default: the current one)"), NULL },
	{ "trace", OPT_BOOL, "no", N_("show every SGD update of the epochs"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

const lab_cmd lab_cmds_train[] = {
	{ "split", "holdout|kfold|loo|none [frac=F] [k=N] [neg=N] [seed=N]", 1, 1, { ARG_WORD },
	  "holdout|kfold|loo|none", split_opts, 0, N_("split the ratings into train and test"),
	  N_("split holdout frac=0.2    a random share of the ratings is held out\n"
	  "split kfold k=5           k folds: train and eval use the first, compare\n"
	  "                          averages over all of them\n"
	  "split loo neg=99          each user's latest rating is held out, with 99\n"
	  "                          unrated items as negatives (for hr@10, ndcg@10)\n"
	  "split none                train on everything\n"
	  "After a split, train uses the (first) train part and reports test RMSE."),
	  run_split },
	{ "train", "ALGO [name=NAME] [OPTION=VALUE]...", 1, 1, { ARG_ALGO }, NULL, train_opts, 1,
	  N_("train a model"),
	  N_("train sgd k=2 lr=0.05 reg=0.02 epochs=100 seed=7 name=m1\n"
	  "Any algorithm of the engine (listed below); its options go to it,\n"
	  "and a mistyped one is reported with the closest name. The seed defaults to\n"
	  "the session seed. With a split, trains on the train part and logs test RMSE\n"
	  "per epoch. epochs=0 only initialises the factors (for 'step')."),
	  run_train },
	{ "step", "[N] | USER ITEM [USER ITEM]... [show=update|arrows]", 0, -1,
	  { ARG_USER, ARG_ITEM, ARG_USER, ARG_ITEM }, NULL, step_opts, 0,
	  N_("one SGD update on one rating"),
	  N_("step            the next rating in order: prediction, error, vectors before\n"
	  "                and after (in the store's order; after train ... shuffle=yes\n"
	  "                in a seeded shuffle, a fresh one each pass)\n"
	  "step 5          five updates\n"
	  "step Minsu \"Iron Man\"   the update on that rating (several pairs: in turn)\n"
	  "show=arrows     a k=2 model's vectors that the updates moved, each drawn\n"
	  "                from where it was to where it is\n"
	  "A step is no part of an epoch: it is labelled 'update after epoch E'.\n"
	  "Sets last.prediction, last.error, last.rating, last.user, last.item."),
	  run_step },
	{ "epoch", "[N] [trace=yes]", 0, 1, { ARG_NUMBER }, NULL, epoch_opts, 0, N_("train N more epochs"),
	  N_("epoch [N]\nOne (or N) more passes over the training ratings; shows the losses.\n"
	  "trace=yes also shows every SGD update (sgd, biased), for animations."),
	  run_epoch },
	{ "models", "[bytes=yes]", 0, 0, { 0 }, NULL, models_opts, 0, N_("list the trained models"),
	  N_("models\nThe current model is marked with '*'. bytes=yes adds what each one\n"
	  "holds (KNN: the ratings and similarities; MF: the factors and biases) and\n"
	  "its bytes; sets last.bytes (the current model) and last.bytes.NAME."), run_models },
	{ "use", "NAME", 1, 1, { ARG_MODEL }, NULL, NULL, 0, N_("make a model the current one"),
	  N_("use NAME\npredict, recommend, vector, ... then use this model."), run_use },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

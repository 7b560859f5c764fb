/* cmd_sweep.c: sweep, one training option over several values, as curves;
 * speedup, the number of threads over several values, as seconds.
 *
 *   sweep sgd lr=0.005,0.01,0.02,0.05 k=10 reg=0.05 epochs=20 shuffle=yes
 *   sweep sgd k=2,10,50,200 lr=0.01 reg=0.05 epochs=20 shuffle=yes x=k
 *   speedup als rank=50 maxIter=5 threads=1,2
 *
 * Each value trains a model of its own (kept as PREFIX-VALUE, "k-200"), on
 * the split's train part when there is one. x=epoch draws one curve per
 * value (the test RMSE per epoch, else the training RMSE); x=OPTION draws
 * the final train and test RMSE against the values, the best one marked.
 * A run that diverges is marked as such and the sweep goes on; Esc or
 * Ctrl-C stops it, keeping the runs done so far (and the part of the one
 * under way). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/algo.h"
#include "engine/core/clock.h"
#include "engine/core/intl.h"
#include "engine/model/metrics.h"
#include "lab/lab_impl.h"

#define SWEEP_MAX 12

static const lab_opt sweep_opts[] = {
	{ "x", OPT_STR, "epoch", N_("across: epoch (a curve per value) or the swept option"), NULL },
	{ "name", OPT_STR, NULL, N_("models are kept as NAME-VALUE (default: the option's name)"), NULL },
	{ "metric", OPT_WORD, "rmse", N_("what the curves measure"), "rmse" },
	{ NULL, 0, NULL, NULL, NULL },
};

/* Progress over the whole sweep: run i of n, at its own epoch. */
typedef struct sweep_progress {
	lab *l;
	int i, n;
	const char *what;
	double last;  /* when it last reported */
} sweep_progress;

static int on_epoch(void *ctx, int epoch, int n_epochs, double loss)
{
	sweep_progress *p = ctx;
	lab *l = p->l;
	/* About every 100 ms, and at the end of each run. */
	double now = ll_now();
	if (l->progress && (now - p->last >= 0.1 || epoch >= n_epochs)) {
		p->last = now;
		char what[256];
		/* TRANSLATORS: sweep's progress: "k=2 (1 of 3): epoch 4/10". */
		snprintf(what, sizeof what, _("%s (%d of %d): epoch %d/%d"), p->what, p->i + 1, p->n, epoch,
			 n_epochs);
		double f = n_epochs > 0 ? (double)epoch / n_epochs : 1;
		l->progress(l->progress_ctx, (p->i + f) / p->n, loss, what);
	}
	return lab_cancelled(l);
}

typedef struct run {
	char value[64];
	double x;            /* the value as a number (x=OPTION) */
	int status;          /* 0 trained, 1 diverged, 2 stopped, 3 not run */
	int epochs, diverged_at, best_epoch;
	double train, test, best_test;
	const double *tr, *te; /* the model's history (valid while kept) */
	char model[128];
} run;

/* The options of one run: every option of the line but the sweep's own,
 * the swept one set to value, the session seed unless one is given. */
static params *run_params(lab_call *c, const char *key, const char *value)
{
	params *p = params_new();
	for (int i = 1; p && i < c->words->n; i++) {
		const lab_word *w = &c->words->w[i];
		if (w->key && !lab_cmd_opt(c->cmd, w->key))
			params_set(p, w->key, strcmp(w->key, key) ? w->value : value);
	}
	if (p && !params_str(p, "seed", NULL)) {
		char s[32];
		snprintf(s, sizeof s, "%lu", c->l->seed);
		params_set(p, "seed", s);
	}
	return p;
}

/* The swept option: the one whose value is a list; its values into runs. */
static int swept(lab_call *c, const char **key, run *runs, int *n, ll_error *err)
{
	*key = NULL, *n = 0;
	for (int i = 1; i < c->words->n; i++) {
		const lab_word *w = &c->words->w[i];
		if (!w->key || lab_cmd_opt(c->cmd, w->key) || !strchr(w->value, ','))
			continue;
		if (*key)
			return ll_fail(err, "sweep: one option at a time ('%s' and '%s' both have lists)",
				       *key, w->key);
		*key = w->key;
		for (const char *p = w->value; *p;) {
			size_t len = strcspn(p, ",");
			if (len == 0 || len >= sizeof runs->value)
				return ll_fail(err, "sweep: an empty or too long value in '%s'", w->value);
			if (*n == SWEEP_MAX)
				return ll_fail(err, "sweep: at most %d values", SWEEP_MAX);
			run *r = &runs[(*n)++];
			memset(r, 0, sizeof *r);
			memcpy(r->value, p, len);
			r->value[len] = '\0';
			char *end;
			errno = 0;
			r->x = strtod(r->value, &end);
			if (*end || errno)
				r->x = NAN;
			r->status = 3;
			p += len + (p[len] == ',');
		}
	}
	if (!*key)
		return ll_fail(err, "sweep: give one option a list of values (lr=0.005,0.01,0.02)");
	if (*n < 2)
		return ll_fail(err, "sweep: '%s' needs at least two values", *key);
	return 0;
}

/* Train one run; a divergence is a result, not an error. Returns 1 when
 * the sweep was cancelled during it, -1 on another error. */
static int train_one(lab_call *c, const char *algo, const char *key, const char *prefix, run *r,
		     sweep_progress *sp, ll_error *err)
{
	lab *l = c->l;
	params *p = run_params(c, key, r->value);
	if (!p)
		return ll_fail(err, "out of memory");
	model *m = model_new(algo, p, err);
	params_free(&p);
	if (!m)
		return ll_prefix(err, "sweep %s=%s: ", key, r->value);
	const ratings *train = lab_train_set(l), *test = lab_test_set(l);
	if (test)
		model_set_validation(m, test);
	model_set_progress(m, on_epoch, sp);
	ll_error e = { "" };
	int rc = model_fit(m, train, &e);
	const double *tr, *te;
	int h = model_history(m, &tr, &te);
	if (rc < 0 && h == 0 && model_epochs_done(m) == 0 && !strstr(e.msg, "=")) {
		/* Not a divergence: an error of the options or the data. */
		model_free(&m);
		*err = e;
		return ll_prefix(err, "sweep %s=%s: ", key, r->value);
	}
	r->epochs = h;
	r->status = rc < 0 ? 1 : rc == 1 ? 2 : 0;
	if (rc < 0) {
		r->diverged_at = model_epochs_done(m) + 1;
		model_free(&m);
		return 0;
	}
	snprintf(r->model, sizeof r->model, "%s-%s", prefix, r->value);
	if (lab_model_add(l, r->model, m, test != NULL, err) < 0)
		return -1;
	/* The kept model's history stays valid while the session holds it. */
	lab_model *lm = lab_model_find(l, r->model);
	h = model_history(lm->m, &r->tr, &r->te);
	r->epochs = h;
	if (h > 0) {
		r->train = r->tr[h - 1];
		r->test = r->te ? r->te[h - 1] : NAN;
		r->best_epoch = 1, r->best_test = r->te ? r->te[0] : NAN;
		for (int i = 1; r->te && i < h; i++)
			if (r->te[i] < r->best_test)
				r->best_test = r->te[i], r->best_epoch = i + 1;
	}
	return rc == 1;
}

static void set_run_keys(lab *l, const run *r)
{
	char k[128];
	snprintf(k, sizeof k, "sweep.train_rmse.%.63s", r->value);
	lab_last_num(l, k, r->status == 1 ? NAN : r->train);
	snprintf(k, sizeof k, "sweep.test_rmse.%.63s", r->value);
	lab_last_num(l, k, r->status == 1 ? NAN : r->test);
	snprintf(k, sizeof k, "sweep.best_epoch.%.63s", r->value);
	lab_last_num(l, k, r->status == 1 ? NAN : r->best_epoch);
	snprintf(k, sizeof k, "sweep.diverged.%.63s", r->value);
	lab_last_num(l, k, r->status == 1 ? r->diverged_at : 0);
}

/* x=epoch: a curve per value. Points of a diverging run above the others'
 * highest are left out, so they do not flatten the healthy curves. */
static view *curves(const char *key, run *runs, int n, int have_test)
{
	char title[400];
	/* TRANSLATORS: %s is the swept option (lr, k). */
	snprintf(title, sizeof title, have_test ? _("Test RMSE per epoch, one curve per %s")
						: _("Training RMSE per epoch, one curve per %s"), key);
	view *v = view_line(title, n);
	if (!v)
		return NULL;
	double top = -INFINITY;
	for (int i = 0; i < n; i++)
		for (int e = 0; runs[i].status != 1 && e < runs[i].epochs; e++)
			top = fmax(top, have_test ? runs[i].te[e] : runs[i].tr[e]);
	for (int i = 0; i < n; i++) {
		run *r = &runs[i];
		char name[320];
		double *x = NULL, *y = NULL;
		int m = 0;
		if (r->status == 0 || r->status == 2) {
			x = malloc(((size_t)r->epochs + 1) * sizeof *x);
			y = malloc(((size_t)r->epochs + 1) * sizeof *y);
		}
		for (int e = 0; x && y && e < r->epochs; e++) {
			double val = have_test ? r->te[e] : r->tr[e];
			if (isfinite(top) && val > top)
				break;
			x[m] = e + 1, y[m++] = val;
		}
		/* TRANSLATORS: a curve of sweep: "lr=0.5 diverged at epoch 3". */
		if (r->status == 1)
			snprintf(name, sizeof name, _("%.40s=%.63s diverged at epoch %d"), key, r->value,
				 r->diverged_at);
		else if (r->status == 2)
			snprintf(name, sizeof name, _("%.40s=%.63s (stopped)"), key, r->value);
		else if (r->status == 3)
			snprintf(name, sizeof name, _("%.40s=%.63s (not run)"), key, r->value);
		else
			snprintf(name, sizeof name, "%.40s=%.63s", key, r->value);
		double none = 0;
		if (view_line_series(v, i, name, m, x ? x : &none, y ? y : &none) < 0 ||
		    (r->status == 1 && view_line_failed(v, i, r->diverged_at) < 0)) {
			free(x), free(y);
			view_free(&v);
			return NULL;
		}
		free(x), free(y);
	}
	v->u.line.xlabel = strdup(_("epoch"));
	v->u.line.ylabel = strdup(have_test ? _("test RMSE (clipped)") : _("train RMSE (unclipped)"));
	return v;
}

/* x=OPTION: the final train and test RMSE against the values. */
static view *against(const char *key, run *runs, int n, int have_test, int best)
{
	char title[400];
	snprintf(title, sizeof title, _("Final RMSE against %s"), key);
	view *v = view_line(title, have_test ? 2 : 1);
	double xs[SWEEP_MAX], tr[SWEEP_MAX], te[SWEEP_MAX], lo = INFINITY, hi = -INFINITY;
	int m = 0;
	for (int i = 0; i < n; i++) {
		if (runs[i].status == 1 || runs[i].status == 3 || !isfinite(runs[i].x))
			continue;
		xs[m] = runs[i].x, tr[m] = runs[i].train, te[m] = runs[i].test, m++;
		lo = fmin(lo, runs[i].x), hi = fmax(hi, runs[i].x);
	}
	if (!v || view_line_series(v, 0, _("train"), m, xs, tr) < 0 ||
	    (have_test && view_line_series(v, 1, _("test"), m, xs, te) < 0)) {
		view_free(&v);
		return NULL;
	}
	/* Values a decade or more apart read best on a log axis. */
	v->u.line.xlog = lo > 0 && hi / lo >= 10;
	/* Each value's point of the measured curve labelled, the best named. */
	for (int i = 0; i < n; i++) {
		if (runs[i].status == 1 || runs[i].status == 3 || !isfinite(runs[i].x))
			continue;
		char lab_[256];
		double y = have_test ? runs[i].test : runs[i].train;
		if (i == best)
			snprintf(lab_, sizeof lab_, _("best %.40s=%.40s: %.3f"), key, runs[i].value, y);
		else
			snprintf(lab_, sizeof lab_, "%.3f", y);
		view_line_mark(v, runs[i].x, y, lab_, have_test ? 1 : 0);
	}
	v->u.line.xlabel = strdup(key);
	v->u.line.ylabel = strdup(_("RMSE (train unclipped, test clipped)"));
	return v;
}

static view *runs_table(const char *key, const run *runs, int n, int have_test)
{
	view *t = view_table(NULL, n, 6);
	if (!t)
		return NULL;
	view_table_header(t, 0, key, 'r');
	view_table_header(t, 1, _("train RMSE"), 'r');
	view_table_header(t, 2, _("test RMSE"), 'r');
	view_table_header(t, 3, _("best epoch"), 'r');
	view_table_header(t, 4, _("model"), 'l');
	view_table_header(t, 5, "", 'l');
	for (int i = 0; i < n; i++) {
		const run *r = &runs[i];
		view_table_set(t, i, 0, "%s", r->value);
		if (r->status == 0 || r->status == 2) {
			view_table_set(t, i, 1, "%.4f", r->train);
			if (have_test) {
				view_table_set(t, i, 2, "%.4f", r->test);
				view_table_set(t, i, 3, "%d (%.4f)", r->best_epoch, r->best_test);
			} else {
				view_table_set(t, i, 2, "-");
				view_table_set(t, i, 3, "-");
			}
			view_table_set(t, i, 4, "%s", r->model);
		} else {
			for (int col = 1; col < 5; col++)
				view_table_set(t, i, col, "-");
		}
		if (r->status == 1)
			view_table_set(t, i, 5, _("diverged at epoch %d"), r->diverged_at);
		else if (r->status == 2)
			view_table_set(t, i, 5, _("stopped after %d epochs"), r->epochs);
		else if (r->status == 3)
			view_table_set(t, i, 5, "%s", _("not run"));
	}
	return t;
}

static int run_sweep(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	if (!lab_data(l, err))
		return -1;
	const char *algo = c->argv[0].text, *key;
	run runs[SWEEP_MAX];
	int n;
	if (swept(c, &key, runs, &n, err) < 0)
		return -1;
	const char *x = lab_opt_str(c, "x", "epoch");
	int by_value = strcmp(x, "epoch") != 0;
	if (by_value && strcmp(x, key))
		return ll_fail(err, "sweep: x is epoch or the swept option '%s', not '%s'", key, x);
	for (int i = 0; by_value && i < n; i++)
		if (!isfinite(runs[i].x))
			return ll_fail(err, "sweep: x=%s needs numbers, not '%s'", key, runs[i].value);
	const char *prefix = lab_opt_str(c, "name", key);
	int have_test = lab_test_set(l) != NULL, stopped = 0;
	sweep_progress sp = { l, 0, n, key, 0 };
	char what[96];
	for (int i = 0; i < n && !stopped; i++) {
		snprintf(what, sizeof what, "%s=%s", key, runs[i].value);
		sp.i = i, sp.what = what;
		int rc = train_one(c, algo, key, prefix, &runs[i], &sp, err);
		if (rc < 0)
			return -1;
		stopped = rc == 1 || lab_cancelled(l);
	}
	/* The best value: the lowest final test RMSE (training RMSE without a
	 * split) among the runs that trained. */
	int best = -1, diverged = 0, done = 0;
	for (int i = 0; i < n; i++) {
		diverged += runs[i].status == 1;
		if (runs[i].status != 0 && runs[i].status != 2)
			continue;
		done++;
		double s = have_test ? runs[i].test : runs[i].train;
		if (isfinite(s) && (best < 0 || s < (have_test ? runs[best].test : runs[best].train)))
			best = i;
	}
	view *v = by_value ? against(key, runs, n, have_test, best) : curves(key, runs, n, have_test);
	view *t = runs_table(key, runs, n, have_test);
	if (!v || !t) {
		view_free(&v);
		view_free(&t);
		return ll_fail(err, "out of memory");
	}
	*out = v;
	view_append(out, t);
	char body[1200];
	size_t bl;
	if (best >= 0 && have_test)
		bl = (size_t)snprintf(body, sizeof body, _("The lowest test RMSE: %s=%s (%.4f)."), key,
				      runs[best].value, runs[best].test);
	else if (best >= 0)
		bl = (size_t)snprintf(body, sizeof body, _("The lowest training RMSE: %s=%s (%.4f)."), key,
				      runs[best].value, runs[best].train);
	else
		bl = (size_t)snprintf(body, sizeof body, "%s", _("No run trained to the end."));
	if (best >= 0 && diverged && bl < sizeof body)
		bl += (size_t)snprintf(body + bl, sizeof body - bl, " %s",
				       _("A run that diverged has no curve past its cross."));
	if (stopped && bl < sizeof body)
		snprintf(body + bl, sizeof body - bl, " %s", _("Stopped: the runs done so far are kept."));
	view_append(out, view_text(NULL, body));
	for (int i = 0; i < n; i++)
		set_run_keys(l, &runs[i]);
	lab_last_num(l, "sweep.n", done);
	lab_last_num(l, "sweep.diverged", diverged);
	if (best >= 0) {
		if (isfinite(runs[best].x))
			lab_last_num(l, "sweep.best", runs[best].x);
		else
			lab_last_str(l, "sweep.best", runs[best].value);
		lab_last_num(l, "sweep.best_test_rmse", have_test ? runs[best].test : NAN);
		lab_last_num(l, "sweep.best_train_rmse", runs[best].train);
		lab_result(l, have_test ? runs[best].test : runs[best].train);
	}
	return 0;
}

/* --- speedup -------------------------------------------------------------- */

/* speedup ALGO threads=1,2,...: the same training once per thread count,
 * `repeat` times each in turn (so a burst of other work on the machine
 * falls on every count alike), timed on the monotonic clock; the fastest of
 * each count's runs is its time (the one least disturbed by other jobs),
 * the median beside it. Each count's model is compared with the first
 * count's, bit by bit: threads must change the time, never the answer. */
#define SPEEDUP_MAX 8
#define SPEEDUP_REPEAT_MAX 20

static const lab_opt speedup_opts[] = {
	{ "threads", OPT_STR, "1,2", N_("the thread counts, comma-separated"), NULL },
	{ "repeat", OPT_INT, "3", N_("runs of each count (the fastest is its time)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

typedef struct speed {
	int threads;
	double best, median, rmse;
	double t[SPEEDUP_REPEAT_MAX];
	int same;            /* the same bits as the first count's model */
} speed;

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int thread_counts(const char *list, speed *sp, int *n, ll_error *err)
{
	*n = 0;
	for (const char *p = list; *p;) {
		char *end;
		errno = 0;
		long t = strtol(p, &end, 10);
		if (end == p || (*end && *end != ',') || errno || t < 1 || t > 256)
			return ll_fail(err, "speedup: threads=%s: each count is a whole number from 1 "
				       "to 256", list);
		if (*n == SPEEDUP_MAX)
			return ll_fail(err, "speedup: at most %d thread counts", SPEEDUP_MAX);
		memset(&sp[*n], 0, sizeof *sp);
		sp[(*n)++].threads = (int)t;
		p = *end ? end + 1 : end;
	}
	if (*n < 2)
		return ll_fail(err, "speedup: give two thread counts or more (threads=1,2)");
	return 0;
}

/* The model's answer: its factors when it has them, else its predictions
 * of the training ratings. 1 when a and b give the same bits. */
static int same_answer(const model *a, const model *b, const ratings *train)
{
	int k = model_k(a);
	if (k != model_k(b) || model_n_users(a) != model_n_users(b) ||
	    model_n_items(a) != model_n_items(b))
		return 0;
	const float *pa = model_user_factors_const(a), *pb = model_user_factors_const(b);
	const float *qa = model_item_factors_const(a), *qb = model_item_factors_const(b);
	if (k > 0 && pa && pb && qa && qb)
		return !memcmp(pa, pb, (size_t)model_n_users(a) * k * sizeof *pa) &&
		       !memcmp(qa, qb, (size_t)model_n_items(a) * k * sizeof *qa);
	const ll_rating *e = ratings_entries(train);
	for (size_t j = 0, n = ratings_count(train); j < n; j++) {
		double x = model_predict(a, e[j].user, e[j].item), y = model_predict(b, e[j].user, e[j].item);
		if (memcmp(&x, &y, sizeof x))
			return 0;
	}
	return 1;
}

static view *speedup_views(const char *algo, const speed *sp, int n, int cores, double load,
			   int all_same)
{
	char title[200];
	snprintf(title, sizeof title, _("Seconds to train %s, the fastest of each thread count's runs"),
		 algo);
	view *bars = view_bar(title, n, "%.3f s");
	view *t = view_table(NULL, n, 5);
	if (!bars || !t) {
		view_free(&bars);
		view_free(&t);
		return NULL;
	}
	view_table_header(t, 0, _("threads"), 'r');
	view_table_header(t, 1, _("fastest s"), 'r');
	view_table_header(t, 2, _("median s"), 'r');
	view_table_header(t, 3, _("speed-up"), 'r');
	view_table_header(t, 4, _("same answer"), 'l');
	for (int i = 0; i < n; i++) {
		char lab_[48];
		snprintf(lab_, sizeof lab_, ngettext("%d thread", "%d threads", sp[i].threads),
			 sp[i].threads);
		bars->u.bar.labels[i] = strdup(lab_);
		bars->u.bar.values[i] = sp[i].best;
		view_table_set(t, i, 0, "%d", sp[i].threads);
		view_table_set(t, i, 1, "%.3f", sp[i].best);
		view_table_set(t, i, 2, "%.3f", sp[i].median);
		view_table_set(t, i, 3, "%.2fx", sp[0].best / sp[i].best);
		view_table_set(t, i, 4, "%s", i == 0 ? _("(the reference)")
					       : sp[i].same ? _("yes, to the bit") : _("NO"));
	}
	view *v = bars;
	view_append(&v, t);
	/* What was measured, said plainly: the ratio, the ideal, and what the
	 * machine was doing. */
	const speed *last = &sp[n - 1];
	/* More threads than cores cannot run at once. */
	int lo = sp[0].threads < cores ? sp[0].threads : cores;
	int hi = last->threads < cores ? last->threads : cores;
	double x = sp[0].best / last->best, ideal = lo > 0 ? (double)hi / lo : 1;
	char body[600];
	int len;
	if (x >= 1.05)
		len = snprintf(body, sizeof body, _("Measured here: %d threads took %.3f s and %d took "
			       "%.3f s, %.2f times as fast (%.0f would be perfect on these cores)."),
			       last->threads, last->best, sp[0].threads, sp[0].best, x, ideal);
	else if (x > 0.95)
		len = snprintf(body, sizeof body, _("Measured here: %d threads took %.3f s and %d took "
			       "%.3f s, no faster (%.2f times the speed; %.0f would be perfect on "
			       "these cores)."), last->threads, last->best, sp[0].threads, sp[0].best,
			       x, ideal);
	else
		len = snprintf(body, sizeof body, _("Measured here: %d threads took %.3f s and %d took "
			       "%.3f s, slower (%.2f times the speed; %.0f would be perfect on these "
			       "cores)."), last->threads, last->best, sp[0].threads, sp[0].best, x,
			       ideal);
	if (len > 0 && (size_t)len < sizeof body && !isnan(load))
		len += snprintf(body + len, sizeof body - (size_t)len,
				_(" This machine has %d cores; their load average was %.1f when the "
				  "runs began."), cores, load);
	if (len > 0 && (size_t)len < sizeof body) {
		const char *why;
		if (last->threads > cores)
			why = _(" More threads than cores can only take turns.");
		else if (!isnan(load) && load > cores - 0.5)
			why = _(" Other jobs were using the cores, so the threads had to share them: "
				"on idle cores the gain is larger.");
		else if (x < 1.1)
			why = _(" There was too little work in each parallel step for the threads "
				"to pay for starting and waiting.");
		else
			why = "";
		snprintf(body + len, sizeof body - (size_t)len, "%s%s", why,
			 all_same ? _(" Every thread count gave the same answer, to the bit.")
				  : _(" The answers differ between thread counts."));
	}
	view_append(&v, view_text(NULL, body));
	return v;
}

static int run_speedup(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	if (!lab_data(l, err))
		return -1;
	const char *algo = c->argv[0].text;
	speed sp[SPEEDUP_MAX];
	int n;
	if (thread_counts(lab_opt_str(c, "threads", "1,2"), sp, &n, err) < 0)
		return -1;
	long repeat = lab_opt_long(c, "repeat", 3);
	if (repeat < 1 || repeat > SPEEDUP_REPEAT_MAX)
		return ll_fail(err, "speedup: repeat must be between 1 and %d", SPEEDUP_REPEAT_MAX);
	const ratings *train = lab_train_set(l), *test = lab_test_set(l);
	int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
	double loads[1] = { NAN };
	if (getloadavg(loads, 1) < 1)
		loads[0] = NAN;
	model *ref = NULL;
	int rc = 0, total = (int)repeat * n;
	for (int r = 0; r < repeat && rc == 0; r++) {
		for (int i = 0; i < n && rc == 0; i++) {
			if (lab_cancelled(l)) {
				rc = ll_fail(err, "speedup: stopped");
				break;
			}
			if (l->progress) {
				char what[256];
				snprintf(what, sizeof what, _("speedup %s: threads=%d (run %d of %d)"), algo,
					 sp[i].threads, r * n + i + 1, total);
				l->progress(l->progress_ctx, (double)(r * n + i) / total, NAN, what);
			}
			char tv[16];
			snprintf(tv, sizeof tv, "%d", sp[i].threads);
			params *p = run_params(c, "threads", tv);
			if (p && !params_str(p, "threads", NULL))
				params_set(p, "threads", tv);
			model *m = p ? model_new(algo, p, err) : NULL;
			params_free(&p);
			if (!m) {
				rc = ll_prefix(err, "speedup %s: ", algo);
				break;
			}
			double t0 = ll_now();
			int f = model_fit(m, train, err);
			sp[i].t[r] = ll_now() - t0;
			if (f < 0) {
				model_free(&m);
				rc = ll_prefix(err, "speedup %s threads=%d: ", algo, sp[i].threads);
				break;
			}
			if (r == 0) {
				if (test && !model_ranking_only(m) &&
				    metrics_rating(m, test, &sp[i].rmse, NULL, NULL) < 0)
					sp[i].rmse = NAN;
				else if (!test || model_ranking_only(m))
					sp[i].rmse = NAN;
			}
			if (!ref) {
				ref = m;
				sp[i].same = 1;
				continue;
			}
			if (r == 0)
				sp[i].same = same_answer(ref, m, train);
			else
				sp[i].same &= same_answer(ref, m, train);
			model_free(&m);
		}
	}
	model_free(&ref);
	if (rc < 0)
		return -1;
	int all_same = 1;
	for (int i = 0; i < n; i++) {
		double t[SPEEDUP_REPEAT_MAX];
		memcpy(t, sp[i].t, (size_t)repeat * sizeof *t);
		qsort(t, (size_t)repeat, sizeof *t, by_double);
		sp[i].best = t[0], sp[i].median = t[repeat / 2];
		all_same &= sp[i].same;
	}
	view *v = speedup_views(algo, sp, n, cores, loads[0], all_same);
	if (!v)
		return ll_fail(err, "out of memory");
	*out = v;
	for (int i = 0; i < n; i++) {
		char k[64];
		snprintf(k, sizeof k, "seconds.%d", sp[i].threads);
		lab_last_num(l, k, sp[i].best);
		snprintf(k, sizeof k, "median.%d", sp[i].threads);
		lab_last_num(l, k, sp[i].median);
		snprintf(k, sizeof k, "speedup.%d", sp[i].threads);
		lab_last_num(l, k, sp[0].best / sp[i].best);
		snprintf(k, sizeof k, "rmse.%d", sp[i].threads);
		lab_last_num(l, k, sp[i].rmse);
	}
	lab_last_num(l, "speedup", sp[0].best / sp[n - 1].best);
	lab_last_num(l, "identical", all_same);
	lab_last_num(l, "cores", cores);
	lab_last_num(l, "load", loads[0]);
	lab_result(l, sp[0].best / sp[n - 1].best);
	return 0;
}

const lab_cmd lab_cmds_sweep[] = {
	{ "sweep", "ALGO OPTION=V1,V2,... [OPTION=VALUE]... [x=epoch|OPTION] [name=PREFIX]", 1, 1,
	  { ARG_ALGO }, NULL, sweep_opts, 1, N_("train with one option at several values, as curves"),
	  N_("sweep sgd lr=0.005,0.01,0.02,0.05 k=10 reg=0.05 epochs=20 shuffle=yes\n"
	  "sweep sgd k=2,10,50,200 lr=0.01 reg=0.05 epochs=20 shuffle=yes x=k\n"
	  "One model per value, kept as PREFIX-VALUE (lr-0.01, k-200; name=PREFIX), on the\n"
	  "split's train part. x=epoch (the default): one curve per value, the test RMSE\n"
	  "per epoch (the training RMSE without a split); x=OPTION: the final train and\n"
	  "test RMSE against the values (a log axis when they span a decade), the best\n"
	  "marked. A run that diverges ends in a cross and the sweep goes on; Esc or\n"
	  "Ctrl-C stops it and keeps what was done. A table lists every run. Sets\n"
	  "last.sweep.best (the value), last.sweep.best_test_rmse, last.sweep.diverged\n"
	  "(how many), last.sweep.n, and per value last.sweep.test_rmse.V,\n"
	  "last.sweep.train_rmse.V, last.sweep.best_epoch.V, last.sweep.diverged.V (its\n"
	  "epoch, or 0)."),
	  run_sweep },
	{ "speedup", "ALGO [threads=1,2,...] [repeat=N] [OPTION=VALUE]...", 1, 1, { ARG_ALGO }, NULL,
	  speedup_opts, 1, N_("time the same training on 1, 2, ... threads"),
	  N_("speedup als rank=50 maxIter=5 threads=1,2\n"
	  "Trains ALGO on the split's train part once per thread count, repeat=3 times\n"
	  "each in turn, and keeps the fastest run of each count as its time (the one\n"
	  "other jobs on the machine disturbed least). Shows the seconds as bars and a\n"
	  "table (fastest, median, speed-up over the first count, whether the model is\n"
	  "the same to the bit), then what was measured in words: the cores, their load\n"
	  "average, and why the gain may be small. The models are not kept. Sets\n"
	  "last.seconds.T, last.median.T, last.speedup.T and last.rmse.T (test RMSE)\n"
	  "per count T, last.speedup (the last count over the first), last.identical\n"
	  "(1: every count gave the same bits), last.cores and last.load."),
	  run_speedup },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

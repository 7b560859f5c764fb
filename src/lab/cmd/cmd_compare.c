/* cmd_compare.c: compare: several algorithms, or named variants of one
 * (sgd:l1 sgd:l2), each trained on every fold of the split and measured
 * side by side: errors, ranking (on a seeded sample of the test users with
 * users=N), fit time, time per recommendation and the bytes the fitted
 * model holds. A table, then grouped bars (one group per measure). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/algo.h"
#include "engine/core/clock.h"
#include "engine/model/metrics.h"
#include "lab/lab_impl.h"
#include "engine/core/intl.h"
#include "lab/lecture.h"
#include "lab/split_words.h"

#define MAX_VARIANTS 32
#define MAX_MEASURES 12

/* --- measures ---------------------------------------------------------------- */

enum m_kind { M_RMSE, M_MAE, M_HR, M_NDCG, M_PREC, M_RECALL, M_COVER, M_FIT, M_REC, M_BYTES };

static const struct m_info {
	const char *word;    /* as in measure=, without @K */
	const char *head;    /* column and group name; %d for K (translated when shown) */
	const char *key;     /* last.KEY.NAME */
	int at_k, better;    /* takes @K; -1 lower is better, 1 higher */
	const char *fmt;
} m_info[] = {
	[M_RMSE] = { "rmse", "RMSE", "rmse", 0, -1, "%.4f" },
	[M_MAE] = { "mae", "MAE", "mae", 0, -1, "%.4f" },
	[M_HR] = { "hr", "HR@%d", "hr", 1, 1, "%.4f" },
	[M_NDCG] = { "ndcg", "NDCG@%d", "ndcg", 1, 1, "%.4f" },
	[M_PREC] = { "precision", "precision@%d", "precision", 1, 1, "%.4f" },
	[M_RECALL] = { "recall", "recall@%d", "recall", 1, 1, "%.4f" },
	[M_COVER] = { "coverage", "coverage@%d", "coverage", 1, 1, "%.4f" },
	/* TRANSLATORS: compare's column of seconds to fit a model. */
	[M_FIT] = { "fit_s", N_("fit s"), "fit_s", 0, -1, "%.2f" },
	[M_REC] = { "rec_ms", N_("ms per top %d"), "rec_ms", 0, -1, "%.3f" },
	[M_BYTES] = { "bytes", N_("bytes held"), "bytes", 0, -1, "bytes" },
};
#define M_WORDS "rmse, mae, hr@K, ndcg@K, precision@K, recall@K, coverage@K, fit_s, rec_ms, bytes"

typedef struct measure {
	int kind, k;
	char head[96];
} measure;

static int parse_measures(const char *list, int cutoff, measure *ms, ll_error *err)
{
	int n = 0;
	const char *p = list;
	while (*p) {
		size_t len = strcspn(p, ",");
		char w[40];
		if (len == 0 || len >= sizeof w)
			return ll_fail(err, "compare: measure= takes a list of %s", M_WORDS);
		memcpy(w, p, len);
		w[len] = '\0';
		p += len + (p[len] == ',');
		char *at = strchr(w, '@');
		long k = cutoff;
		if (at) {
			char *end;
			k = strtol(at + 1, &end, 10);
			*at = '\0';
			if (*end || k < 1 || k > 100000)
				return ll_fail(err, "compare: bad cutoff in measure '%s@%s'", w, at + 1);
		}
		int kind = -1;
		for (int i = 0; i < (int)(sizeof m_info / sizeof *m_info); i++)
			if (strcmp(w, m_info[i].word) == 0 && (!at || m_info[i].at_k))
				kind = i;
		if (kind == M_REC && !at)
			k = 10;
		if (kind < 0)
			return ll_fail(err, "compare: unknown measure '%s%s%s' (%s)", w, at ? "@" : "",
				       at ? at + 1 : "", M_WORDS);
		if (n == MAX_MEASURES)
			return ll_fail(err, "compare: at most %d measures", MAX_MEASURES);
		ms[n] = (measure){ kind, (int)k, "" };
		snprintf(ms[n].head, sizeof ms[n].head, _(m_info[kind].head), (int)k);
		n++;
	}
	return n;
}

/* --- variants ---------------------------------------------------------------- */

typedef struct variant {
	const algo *a;
	char word[64];       /* the algorithm as typed ("sgd", "SVD") */
	char name[64];       /* "l1", or the algorithm's name */
	params *p;           /* its options, checked */
	double sum[MAX_MEASURES];
	int folds, stopped;
	char held[160];      /* what its first fitted model holds */
} variant;

/* Options of one variant: plain key=value words apply to all, ALGO.key to
 * every variant of that algorithm, NAME.key (after them) to one. A dotted
 * key whose prefix names neither is passed on whole (sim_options.name). */
static params *variant_params(const lab_call *c, const variant *v, variant *all, int nv,
			      char **drop, int n_drop, int seeded)
{
	params *p = params_new();
	for (int pass = 0; p && pass < 3; pass++)
		for (int i = 1; i < c->words->n; i++) {
			const lab_word *w = &c->words->w[i];
			if (!w->key || lab_cmd_opt(c->cmd, w->key))
				continue;
			const char *dot = strchr(w->key, '.');
			size_t pre = dot ? (size_t)(dot - w->key) : 0;
			int to_algo = 0, to_name = 0, to_any = 0;
			for (int j = 0; dot && j < nv; j++) {
				int a = (strlen(all[j].word) == pre && !strncmp(w->key, all[j].word, pre)) ||
					(strlen(all[j].a->name) == pre && !strncmp(w->key, all[j].a->name, pre));
				int nm = strlen(all[j].name) == pre && !strncmp(w->key, all[j].name, pre);
				to_any |= a || nm;
				if (&all[j] == v)
					to_algo = a, to_name = nm;
			}
			if (pass == 0 && (!dot || !to_any)) {
				int dropped = 0;
				for (int j = 0; j < n_drop; j++)
					dropped |= strcmp(drop[j], w->key) == 0;
				if (!dropped)
					params_set(p, w->key, w->value);
			} else if ((pass == 1 && to_algo && !to_name) || (pass == 2 && to_name)) {
				params_set(p, dot + 1, w->value);
			}
		}
	if (p && seeded && !params_str(p, "seed", NULL)) {
		char s[32];
		snprintf(s, sizeof s, "%lu", c->l->seed);
		params_set(p, "seed", s);
	}
	return p;
}

/* The option that params_finish's "unknown option 'KEY'" names in msg, into
 * key (n bytes); 0 when msg is another error. ll_fail translated the
 * message, so it is read through the same catalogue entry: the text
 * before the %s, then the key up to the character after it. */
static int unknown_key(const char *msg, char *key, size_t n)
{
	const char *fmt = _("unknown option '%s'"), *at = strstr(fmt, "%s");
	char head[128];
	if (!at || !at[2] || (size_t)(at - fmt) >= sizeof head || at == fmt)
		return 0;
	snprintf(head, sizeof head, "%.*s", (int)(at - fmt), fmt);
	const char *u = strstr(msg, head);
	if (!u)
		return 0;
	u += strlen(head);
	const char *end = strchr(u, at[2]);
	if (!end || end == u || (size_t)(end - u) >= n)
		return 0;
	snprintf(key, n, "%.*s", (int)(end - u), u);
	return 1;
}

/* Settle a variant's options by making (not fitting) its model: an option
 * for all that this algorithm does not take is dropped for it, and so is
 * the session seed; a mistyped NAME.option stays an error. */
static int settle(const lab_call *c, variant *v, variant *all, int nv, ll_error *err)
{
	char *drop[16];
	int n_drop = 0, seeded = !lab_opt_given(c, "seed"), rc = -1;
	for (;;) {
		params *p = variant_params(c, v, all, nv, drop, n_drop, seeded);
		params *q = p ? params_clone(p) : NULL;
		ll_error e2 = { "" };
		model *m = q ? model_new(v->word, q, &e2) : NULL;
		params_free(&q);
		if (m) {
			model_free(&m);
			v->p = p;
			rc = 0;
			break;
		}
		params_free(&p);
		char key[64];
		if (!unknown_key(e2.msg, key, sizeof key)) {
			ll_fail(err, "compare: %s: %s", v->name, e2.msg[0] ? e2.msg : "out of memory");
			break;
		}
		if (!strcmp(key, "seed") && seeded) {
			seeded = 0;
			continue;
		}
		int shared = 0;
		for (int j = 1; j < c->words->n; j++)
			shared |= c->words->w[j].key && !strcmp(c->words->w[j].key, key);
		if (!shared || n_drop == 16) {
			ll_fail(err, "compare: %s: %s", v->name, e2.msg);
			break;
		}
		drop[n_drop++] = strdup(key);
	}
	for (int j = 0; j < n_drop; j++)
		free(drop[j]);
	return rc;
}

static int parse_variants(lab_call *c, variant *vs, ll_error *err)
{
	lab *l = c->l;
	if (c->argc > MAX_VARIANTS)
		return ll_fail(err, "compare: at most %d models at a time", MAX_VARIANTS);
	for (int i = 0; i < c->argc; i++) {
		const char *w = c->argv[i].text, *colon = strchr(w, ':');
		size_t an = colon ? (size_t)(colon - w) : strlen(w);
		variant *v = &vs[i];
		l->err_col = c->argv[i].col;
		if (an >= sizeof v->word || (colon && strlen(colon + 1) >= sizeof v->name))
			return ll_fail(err, "compare: '%s' is too long", w);
		memcpy(v->word, w, an);
		v->word[an] = '\0';
		const algo_alias *al;
		v->a = algo_resolve(v->word, &al);
		if (!v->a) {
			int n;
			const algo *t = algo_table(&n);
			const char *best = NULL;
			int bd = 3;
			for (int j = 0; j < n; j++) {
				int d = ll_edit_distance(v->word, t[j].name);
				if (d < bd)
					bd = d, best = t[j].name;
			}
			if (best)
				return ll_fail(err, "compare: unknown algorithm '%s' (did you mean '%s'?)",
					       v->word, best);
			return ll_fail(err, "compare: unknown algorithm '%s' (see 'help train')", v->word);
		}
		const char *name = colon ? colon + 1 : v->a->name;
		if (!*name || strpbrk(name, ".=:"))
			return ll_fail(err, "compare: '%s': a variant's name follows ':' and has no '.', "
				       "'=' or ':' (sgd:l1)", w);
		snprintf(v->name, sizeof v->name, "%s", name);
		for (int j = 0; j < i; j++)
			if (!strcmp(vs[j].name, v->name))
				return ll_fail(err, "compare: two models named '%s': name them apart "
					       "(%s:a %s:b)", v->name, v->word, v->word);
	}
	l->err_col = 0;
	return 0;
}

/* --- one fold of one variant ------------------------------------------------- */

static void progress(lab *l, int step, int steps, const char *name, const char *fold)
{
	if (!l->progress)
		return;
	char what[128];
	snprintf(what, sizeof what, "%s%s%s", name, fold[0] ? ", " : "", fold);
	l->progress(l->progress_ctx, (double)step / steps, NAN, what);
}

/* Fit a fresh model on the fold and add every measure into v->sum; the
 * fitted model is returned in *keep when keep is not NULL. 1: stopped. */
static int run_fold(lab_call *c, variant *v, const split_fold *f, const measure *ms, int nm,
		    int users, double threshold, model **keep, ll_error *err)
{
	lab *l = c->l;
	params *q = params_clone(v->p);
	model *m = q ? model_new(v->word, q, err) : NULL;
	params_free(&q);
	if (!m)
		return -1;
	model_set_progress(m, lab_model_progress, l);
	double t0 = ll_now();
	int rc = model_fit(m, f->train, err);
	double fit_s = ll_now() - t0;
	if (rc != 0 || lab_cancelled(l)) {
		model_free(&m);
		return rc < 0 ? -1 : 1;
	}
	int *sample = NULL, ns = lab_sample_users(f->test, users, l->seed, &sample);
	ratings *sub = ns >= 0 && users > 0 ? lab_test_sample(f->test, sample, ns, err) : NULL;
	const ratings *rank_test = sub ? sub : f->test;
	double rmse = NAN, mae = NAN, got[MAX_MEASURES];
	int rated = !model_ranking_only(m);
	if (ns < 0 || (users > 0 && !sub))
		rc = ll_fail(err, "out of memory");
	if (rc == 0 && rated && metrics_rating(m, f->test, &rmse, &mae, err) < 0)
		rc = -1;
	/* Ranking metrics once per cutoff. */
	int done_k[MAX_MEASURES], n_k = 0;
	metrics_ranking mr[MAX_MEASURES];
	for (int i = 0; rc == 0 && i < nm; i++) {
		int kind = ms[i].kind;
		if (kind < M_HR || kind > M_COVER)
			continue;
		int j = 0;
		while (j < n_k && done_k[j] != ms[i].k)
			j++;
		if (j == n_k) {
			done_k[n_k++] = ms[i].k;
			if (f->negatives)
				rc = metrics_loo(m, f->train, rank_test, f->negatives, f->n_neg, ms[i].k, 1,
						 &mr[j], err);
			else
				rc = metrics_topk(m, f->train, rank_test, ms[i].k, threshold, &mr[j], err);
		}
		if (rc < 0)
			break;
		const metrics_ranking *r = &mr[j];
		got[i] = kind == M_HR ? (f->negatives ? r->hr : r->hr_full)
			 : kind == M_NDCG ? (f->negatives ? r->ndcg : r->ndcg_full)
			 : kind == M_PREC ? r->precision : kind == M_RECALL ? r->recall : r->coverage;
	}
	for (int i = 0; rc == 0 && i < nm; i++) {
		switch (ms[i].kind) {
		case M_RMSE: got[i] = rmse; break;
		case M_MAE: got[i] = mae; break;
		case M_FIT: got[i] = fit_s; break;
		case M_BYTES: got[i] = lab_model_bytes(m, v->held, sizeof v->held); break;
		case M_REC: {
			/* Without users=N, timed over a hundred of the test users. */
			int *few = NULL, nf = users > 0 ? ns : lab_sample_users(f->test, 100, l->seed, &few);
			got[i] = nf > 0 ? lab_rec_ms(m, f->train, users > 0 ? sample : few, nf, ms[i].k)
					: NAN;
			free(few);
			break;
		}
		default: break;
		}
	}
	if (rc == 0) {
		for (int i = 0; i < nm; i++)
			v->sum[i] += got[i];
		v->folds++;
	}
	ratings_free(&sub);
	free(sample);
	if (rc == 0 && keep)
		*keep = m;
	else
		model_free(&m);
	return rc;
}

/* --- compare ---------------------------------------------------------------- */

/* Why ours differ from the lecture's, under its figures. */
#define LECTURE_NOTE \
	/* xgettext:no-c-format */ \
	N_("The lecture's figures are quoted, not measured, and it does not state its " \
	"protocol. Ours differ by protocol (with 99 sampled negatives chance is about " \
	"10% and a tie never hits), by objective (models trained on stars answer " \
	"\"how much\", the test asks \"which\", and popularity beats them; trained " \
	"on clicks, a dot product ties NeuMF) and by data (this dataset, this split).")

static const lab_opt compare_opts[] = {
	{ "cutoff", OPT_INT, NULL, N_("K of hr@K and ndcg@K (default 10); other key=value "
	  "options go to every algorithm, ALGO.key=value to one algorithm, NAME.key=value "
	  "to the variant ALGO:NAME"), NULL },
	{ "measure", OPT_STR, NULL, N_("the measures, comma-separated: rmse, mae, hr@K, ndcg@K, "
	  "precision@K, recall@K, coverage@K, fit_s, rec_ms, bytes (default: rmse, mae and fit_s; "
	  "hr@K and ndcg@K too on 'split loo' or for ranking models)"), NULL },
	{ "users", OPT_INT, NULL, N_("rank only this many test users, drawn by the session seed "
	  "(faster ranking metrics and rec_ms)"), NULL },
	{ "threshold", OPT_NUM, "4", N_("test ratings at least this count as relevant"), NULL },
	{ "models", OPT_BOOL, "no", N_("keep each fitted model (of the first fold) under its name"), NULL },
	{ "lecture", OPT_BOOL, "no", N_("add the lecture's figure for each model's family: a "
	  "column, and HR bars with the lecture's beside ours"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static void default_measures(const variant *vs, int nv, int loo, char *buf, size_t n)
{
	int rating = 0, rank = loo;
	for (int i = 0; i < nv; i++)
		rating |= !vs[i].a->ranking_only, rank |= vs[i].a->ranking_only;
	snprintf(buf, n, "%s%s%s", rating ? "rmse,mae," : "", rank ? "hr,ndcg," : "", "fit_s");
}

/* HR bars of the models beside the lecture's figure for each one's family
 * (its low end; "70%+" is open above), on one scale; no bar is marked best,
 * since the lecture's are quoted, not measured. hr[i] NaN: not measured. */
view *lab_lecture_bars(const char *head, char **names, char **algos, const double *hr, int n)
{
	char title[400];
	snprintf(title, sizeof title, _("%s: ours, and beside it the lecture's figure for the family"), head);
	view *g = view_groups(title, 1, 2 * n);
	if (!g)
		return NULL;
	view_groups_group(g, 0, head, "%.3f", 0);
	for (int i = 0; i < n; i++) {
		lecture_row f = lecture_figure(algos[i]);
		char s[160];
		view_groups_series(g, 2 * i, names[i]);
		/* TRANSLATORS: a bar of the lecture's figure ("55-65%"), beside ours. */
		snprintf(s, sizeof s, _("  lecture %s"), f.text);
		view_groups_series(g, 2 * i + 1, s);
		view_groups_set(g, 0, 2 * i, hr[i]);
		view_groups_set(g, 0, 2 * i + 1, f.lo);
	}
	return g;
}

static view *result_views(lab *l, variant *vs, int nv, const measure *ms, int nm, int lecture)
{
	int has_bytes = 0, hr_at = -1;
	for (int i = 0; i < nm; i++) {
		has_bytes |= ms[i].kind == M_BYTES;
		if (ms[i].kind == M_HR && hr_at < 0)
			hr_at = i;
	}
	char title[400], words[80];
	snprintf(title, sizeof title, _("Compared on %s"), lab_split_words(l->split, words, sizeof words));
	int c_obj = 1 + nm + has_bytes, c_lect = c_obj + 1;
	view *t = view_table(title, nv, c_obj + 1 + lecture);
	view_table_header(t, 0, _("model"), 'l');
	for (int i = 0; i < nm; i++)
		view_table_header(t, 1 + i, ms[i].head, 'r');
	if (has_bytes)
		view_table_header(t, 1 + nm, _("what it holds"), 'l');
	view_table_header(t, c_obj, _("trained on"), 'l');
	if (lecture)
		view_table_header(t, c_lect, _("lecture"), 'r');
	snprintf(title, sizeof title, _("Side by side on %s"), lab_split_words(l->split, words, sizeof words));
	view *g = view_groups(title, nm, nv);
	for (int i = 0; i < nm; i++)
		view_groups_group(g, i, ms[i].head, m_info[ms[i].kind].fmt, m_info[ms[i].kind].better);
	for (int s = 0; s < nv; s++) {
		variant *v = &vs[s];
		view_groups_series(g, s, v->name);
		if (v->stopped)
			view_table_set(t, s, 0, _("%s (stopped)"), v->name);
		else
			view_table_set(t, s, 0, "%s", v->name);
		if (has_bytes)
			view_table_set(t, s, 1 + nm, "%s", v->held);
		view_table_set(t, s, c_obj, "%s", lecture_objective(v->a->name));
		lecture_row f = lecture_figure(v->a->name);
		if (lecture)
			view_table_set(t, s, c_lect, "%s", f.text);
		char key[128];
		snprintf(key, sizeof key, "objective.%s", v->name);
		lab_last_str(l, key, lecture_objective_class(v->a->name));
		snprintf(key, sizeof key, "algo.%s", v->name);
		lab_last_str(l, key, v->a->name);
		snprintf(key, sizeof key, "lecture.%s", v->name);
		lab_last_num(l, key, f.lo);
		for (int i = 0; i < nm; i++) {
			double x = v->folds ? v->sum[i] / v->folds : NAN;
			view_groups_set(g, i, s, x);
			char cell[64];
			view_groups_format(g, i, x, cell, sizeof cell);
			view_table_set(t, s, 1 + i, "%s", cell);
			snprintf(key, sizeof key, "%s.%s", m_info[ms[i].kind].key, v->name);
			lab_last_num(l, key, x);
			if (m_info[ms[i].kind].at_k) {
				snprintf(key, sizeof key, "%s@%d.%s", m_info[ms[i].kind].key, ms[i].k, v->name);
				lab_last_num(l, key, x);
			}
		}
	}
	view_append(&t, g);
	if (lecture && hr_at >= 0) {
		char **names = calloc((size_t)nv + 1, sizeof *names), **algos = calloc((size_t)nv + 1, sizeof *algos);
		double *hr = calloc((size_t)nv + 1, sizeof *hr);
		for (int s = 0; names && algos && hr && s < nv; s++) {
			names[s] = vs[s].name;
			algos[s] = (char *)vs[s].a->name;
			hr[s] = vs[s].folds ? vs[s].sum[hr_at] / vs[s].folds : NAN;
		}
		view *b = names && algos && hr ? lab_lecture_bars(ms[hr_at].head, names, algos, hr, nv) : NULL;
		if (b)
			view_append(&t, b);
		free(names), free(algos), free(hr);
	}
	return t;
}

static int run_compare(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	ratings *r = lab_data(l, err);
	if (!r)
		return -1;
	variant vs[MAX_VARIANTS];
	memset(vs, 0, sizeof vs);
	if (parse_variants(c, vs, err) < 0)
		return -1;
	int nv = c->argc, cutoff = (int)lab_opt_long(c, "cutoff", 10);
	long users = lab_opt_long(c, "users", 0);
	if (cutoff < 1 || users < 0)
		return ll_fail(err, "compare: cutoff must be at least 1 and users at least 0");
	view *views = NULL;
	if (!l->split) {
		split *s = split_holdout(r, 0.2, l->seed, err);
		if (!s)
			return ll_prefix(err, "compare: ");
		char cmd[100];
		snprintf(cmd, sizeof cmd, "split holdout frac=0.2 seed=%lu", l->seed);
		lab_set_split(l, s, cmd);
		char msg[400];
		snprintf(msg, sizeof msg, _("No split yet, so: %s."), cmd);
		views = view_text(NULL, msg);
	}
	char dflt[64];
	default_measures(vs, nv, split_get(l->split, 0)->negatives != NULL, dflt, sizeof dflt);
	measure ms[MAX_MEASURES];
	int nm = parse_measures(lab_opt_str(c, "measure", dflt), cutoff, ms, err);
	int rc = nm < 0 ? -1 : 0;
	for (int i = 0; rc == 0 && i < nv; i++)
		if (settle(c, &vs[i], vs, nv, err) < 0) {
			l->err_col = c->argv[i].col;
			rc = -1;
		}
	int keep = params_bool(c->opts, "models", false), nf = split_n_folds(l->split), done = 0;
	double threshold = lab_opt_num(c, "threshold", 4);
	for (int i = 0; rc == 0 && i < nv; i++) {
		for (int f = 0; rc == 0 && f < nf; f++) {
			progress(l, i * nf + f, nv * nf, vs[i].name, nf > 1 ? split_fold_name(l->split, f) : "");
			model *m = NULL;
			rc = run_fold(c, &vs[i], split_get(l->split, f), ms, nm, (int)users, threshold,
				      keep && f == 0 ? &m : NULL, err);
			if (rc < 0) {
				l->err_col = c->argv[i].col;
				ll_prefix(err, "compare: %s: ", vs[i].name);
			} else if (rc == 1) {
				vs[i].stopped = 1;
			} else if (m && lab_model_add(l, vs[i].name, m, 1, err) < 0) {
				rc = -1;
			}
		}
		done = i + 1;
		if (rc == 1 || lab_cancelled(l)) {
			vs[i].stopped = 1;
			rc = 0;
			break;
		}
	}
	if (rc == 0) {
		progress(l, 1, 1, "", "");
		int lecture = params_bool(c->opts, "lecture", false);
		view_append(&views, result_views(l, vs, done, ms, nm, lecture));
		if (lecture)
			view_append(&views, view_text(NULL, _(LECTURE_NOTE)));
		/* {{compare ...}} is the first model's RMSE, else its first measure. */
		int first = 0;
		for (int i = nm - 1; i >= 0; i--)
			if (ms[i].kind == M_RMSE)
				first = i;
		if (done > 0 && nm > 0)
			lab_result(l, vs[0].folds ? vs[0].sum[first] / vs[0].folds : NAN);
		if (users > 0) {
			char s[400];
			snprintf(s, sizeof s, _("Ranking measured on %ld test users drawn by seed %lu."),
				 users, l->seed);
			view_append(&views, view_text(NULL, s));
		}
		*out = views;
		views = NULL;
	}
	for (int i = 0; i < nv; i++)
		params_free(&vs[i].p);
	view_free(&views);
	return rc;
}

/* --- lecture: the table from the compares already run -------------------- */

static double last_num(lab *l, const char *what, const char *name)
{
	char key[160];
	snprintf(key, sizeof key, "%s.%s", what, name);
	const lab_last *x = lab_last_get(l, key);
	return x && !x->str ? x->num : NAN;
}

static int run_lecture(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	int n = c->argc;
	char **names = calloc((size_t)n + 1, sizeof *names), **algos = calloc((size_t)n + 1, sizeof *algos);
	double *hr = calloc((size_t)n + 1, sizeof *hr);
	view *t = view_table(_("The lecture's table, from this session's compares"), n, 6);
	int rc = -1;
	if (!names || !algos || !hr || !t) {
		ll_fail(err, "out of memory");
		goto out;
	}
	const char *head[] = { _("model"), "HR@10", "NDCG@10", "RMSE", _("trained on"), _("lecture") };
	for (int j = 0; j < 6; j++)
		view_table_header(t, j, head[j], j == 0 || j == 4 ? 'l' : 'r');
	for (int i = 0; i < n; i++) {
		const char *nm = c->argv[i].text;
		char key[160];
		snprintf(key, sizeof key, "algo.%s", nm);
		const lab_last *a = lab_last_get(l, key);
		hr[i] = last_num(l, "hr", nm);
		if (!a || !a->str || isnan(hr[i])) {
			l->err_col = c->argv[i].col;
			ll_fail(err, "lecture: no HR@10 of '%s' in this session yet (compare %s on a "
				"loo split first)", nm, nm);
			goto out;
		}
		names[i] = (char *)nm;
		algos[i] = a->str;
		double nd = last_num(l, "ndcg", nm), rm = last_num(l, "rmse", nm);
		view_table_set(t, i, 0, "%s", nm);
		view_table_set(t, i, 1, "%.4f", hr[i]);
		if (isnan(nd))
			view_table_set(t, i, 2, "-");
		else
			view_table_set(t, i, 2, "%.4f", nd);
		if (isnan(rm))
			view_table_set(t, i, 3, "-");
		else
			view_table_set(t, i, 3, "%.4f", rm);
		view_table_set(t, i, 4, "%s", lecture_objective(a->str));
		view_table_set(t, i, 5, "%s", lecture_figure(a->str).text);
	}
	view *b = lab_lecture_bars("HR@10", names, algos, hr, n);
	if (!b) {
		ll_fail(err, "out of memory");
		goto out;
	}
	view_append(&t, b);
	view_append(&t, view_text(NULL, _(LECTURE_NOTE)));
	*out = t;
	t = NULL;
	lab_result(l, hr[0]);
	rc = 0;
out:
	view_free(&t);
	free(names), free(algos), free(hr);
	return rc;
}

const lab_cmd lab_cmds_compare[] = {
	{ "compare", "ALGO[:NAME]... [measure=M,...] [users=N] [OPTION=VALUE] [NAME.OPTION=VALUE]",
	  1, -1, { ARG_ALGO }, NULL, compare_opts, 1,
	  N_("train and measure several algorithms, or variants of one, side by side"),
	  N_("compare pop baseline sgd als sgd.k=8 epochs=20\n"
	  "compare sgd:l2 sgd:l1 l1.penalty=l1 reg=0.05     one algorithm, two names\n"
	  "compare knn-user biased measure=rmse,hr@10,fit_s,rec_ms,bytes users=100\n"
	  "Each model is trained on every fold of the split (a holdout of 20% when\n"
	  "there is none) and measured; the table shows the means over folds, and\n"
	  "the bars put each measure on its own scale. rec_ms is the time of one\n"
	  "user's top 10; bytes what the fitted model holds (KNN: the ratings and\n"
	  "similarities; MF: the factors and biases). models=yes keeps each model.\n"
	  "Every row says what its model was trained on (none, stars or clicks);\n"
	  "lecture=yes adds the lecture's figure for its family, as a column and as\n"
	  "a bar beside ours.\n"
	  "Sets last.rmse.NAME, last.hr.NAME, last.fit_s.NAME, last.rec_ms.NAME,\n"
	  "last.bytes.NAME (one key per measure and model), last.objective.NAME\n"
	  "(none, stars or clicks), last.lecture.NAME (the lecture's figure, its low\n"
	  "end as a fraction) and last.algo.NAME."),
	  run_compare },
	{ "lecture", "NAME...", 1, -1, { ARG_WORD }, NULL, NULL, 0,
	  N_("the lecture's table from the models this session has compared"),
	  N_("compare random mean pop\n"
	  "compare ials bpr\n"
	  "lecture random mean pop ials bpr\n"
	  "Trains nothing: HR@10, NDCG@10 and RMSE as the last compare of each NAME\n"
	  "measured them, what each was trained on, and the lecture's figure for its\n"
	  "family, as a table and as bars with the lecture's beside ours."),
	  run_lecture },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

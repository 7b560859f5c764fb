/* serve_cmds.c: serving as lab commands (see serve_cmds.h): a store, a
 * server in the background, one request, a stream of traffic, two stores
 * compared. Everything is bounded: the server listens on 127.0.0.1 only and
 * stops after its lifetime, a request waits at most five seconds, traffic
 * at most ten. */
#include <config.h>

#include "serve/serve_cmds.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "engine/core/clock.h"
#include "lab/lab_impl.h"
#include "serve/json.h"
#include "serve/lt.h"
#include "serve/srv.h"
#include "engine/core/intl.h"
#include "serve/vstore.h"

/* --- the session's server --------------------------------------------------- */

typedef struct served {
	char *store;            /* the file the last `store` wrote */
	char *serving;          /* the file the server answers from */
	vstore *vs;
	srv *s;                 /* NULL when stopped (or expired) */
	char url[64];
	int ivf;
	pthread_mutex_t mu;     /* held while a command uses the server */
	pthread_cond_t cv;
	pthread_t dog;          /* stops the server after its lifetime */
	int has_dog, quit, expired;
	double deadline;        /* CLOCK_REALTIME seconds */
} served;

static void *watchdog(void *arg)
{
	served *st = arg;
	struct timespec ts = { (time_t)st->deadline,
			       (long)((st->deadline - floor(st->deadline)) * 1e9) };
	pthread_mutex_lock(&st->mu);
	while (!st->quit) {
		if (pthread_cond_timedwait(&st->cv, &st->mu, &ts) == ETIMEDOUT) {
			if (!st->quit && st->s) {
				srv_stop(&st->s);
				st->expired = 1;
			}
			break;
		}
	}
	pthread_mutex_unlock(&st->mu);
	return NULL;
}

static void stop_server(served *st)
{
	if (st->has_dog) {
		pthread_mutex_lock(&st->mu);
		st->quit = 1;
		pthread_cond_signal(&st->cv);
		pthread_mutex_unlock(&st->mu);
		pthread_join(st->dog, NULL);
		st->has_dog = 0;
	}
	srv_stop(&st->s);
	vstore_free(&st->vs);
	free(st->serving);
	st->serving = NULL;
	st->url[0] = '\0';
	st->quit = st->expired = 0;
}

static void served_free(void *p)
{
	served *st = p;
	if (!st)
		return;
	stop_server(st);
	pthread_cond_destroy(&st->cv);
	pthread_mutex_destroy(&st->mu);
	free(st->store);
	free(st);
}

static served *state(lab *l, ll_error *err)
{
	served *st = lab_ext_get(l, serve_lab_cmds);
	if (st)
		return st;
	st = calloc(1, sizeof *st);
	if (!st) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&st->mu, NULL);
	pthread_cond_init(&st->cv, NULL);
	if (lab_ext_put(l, serve_lab_cmds, st, served_free) < 0) {
		served_free(st);
		ll_fail(err, "no room for the server's state");
		return NULL;
	}
	return st;
}

/* The running server, locked (unlock with pthread_mutex_unlock), or NULL
 * with a message. */
static served *running(lab_call *c, const char *cmd, ll_error *err)
{
	served *st = state(c->l, err);
	if (!st)
		return NULL;
	pthread_mutex_lock(&st->mu);
	if (st->s)
		return st;
	int expired = st->expired;
	pthread_mutex_unlock(&st->mu);
	ll_fail(err, expired ? "%s: the server stopped at the end of its lifetime: 'serve start' again"
			     : "%s: no server is running: 'serve start' first", cmd);
	return NULL;
}

/* A whole-number option within [lo, hi]. */
static int bounded(lab_call *c, const char *name, long def, long lo, long hi, long *out,
		   ll_error *err)
{
	*out = lab_opt_long(c, name, def);
	if (*out < lo || *out > hi)
		return ll_fail(err, "%s: %s must be from %ld to %ld, not %ld", c->cmd->name, name, lo, hi,
			       *out);
	return 0;
}

static int bounded_num(lab_call *c, const char *name, double def, double lo, double hi,
		       double *out, ll_error *err)
{
	*out = lab_opt_num(c, name, def);
	if (!(*out >= lo && *out <= hi))
		return ll_fail(err, "%s: %s must be from %g to %g, not %g", c->cmd->name, name, lo, hi,
			       *out);
	return 0;
}

static int yes(lab_call *c, const char *name, int def)
{
	const char *v = lab_opt_str(c, name, NULL);
	if (!v)
		return def;
	return !strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on");
}

static double file_bytes(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (double)sb.st_size : NAN;
}

/* --- store FILE ------------------------------------------------------------- */

static const lab_opt store_opts[] = {
	{ "precision", OPT_WORD, "f32", N_("how each factor is stored"), "f32|int8|int4" },
	{ "model", OPT_STR, NULL, N_("the model to export (default: the current one)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* One number of a query on db, or NAN. */
static double sql_num(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	double x = NAN;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		x = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return x;
}

/* The schema as text, and the first rows of items as a table. */
static int store_views(const char *path, view **out, double *vec_bytes, double *rows,
		       ll_error *err)
{
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		int rc = ll_fail(err, "store: %s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return rc;
	}
	*vec_bytes = sql_num(db, "SELECT (SELECT total(length(vec)) FROM users) + "
				 "(SELECT total(length(vec)) FROM items)");
	*rows = sql_num(db, "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM items)");
	double n_ratings = sql_num(db, "SELECT count(*) FROM ratings");
	size_t cap = 4096, len = 0;
	char *schema = malloc(cap);
	sqlite3_stmt *st = NULL;
	if (!schema || sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'table' "
					  "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK) {
		free(schema);
		sqlite3_finalize(st);
		sqlite3_close(db);
		return ll_fail(err, "store: %s: cannot read the schema", path);
	}
	schema[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		if (s && len + strlen(s) + 3 < cap)
			len += (size_t)snprintf(schema + len, cap - len, "%s;\n", s);
	}
	sqlite3_finalize(st);
	view_append(out, view_pre(_("The schema (sqlite_master)"), schema));
	free(schema);

	double n_items = sql_num(db, "SELECT count(*) FROM items");
	int ROWS = n_items < 5 ? (int)n_items : 5;
	view *t = view_table(NULL, ROWS, 7);
	char title[160];
	snprintf(title, sizeof title, _("The first rows of items (and %.0f ratings in ratings)"),
		 n_ratings);
	if (t)
		t->title = strdup(title);
	/* bias, scale, offset and vec are the schema's columns: they keep their names. */
	const char *h[] = { N_("id"), N_("name"), N_("title"), "bias", "scale", "offset", "vec" };
	for (int col = 0; t && col < 7; col++)
		view_table_header(t, col, col < 3 ? _(h[col]) : h[col], col == 1 || col == 2 ? 'l' : 'r');
	if (t && sqlite3_prepare_v2(db, "SELECT id, name, title, bias, scale, offset, length(vec) "
				    "FROM items ORDER BY id LIMIT 5", -1, &st, NULL) == SQLITE_OK) {
		int r = 0;
		while (r < ROWS && sqlite3_step(st) == SQLITE_ROW) {
			view_table_set(t, r, 0, "%d", sqlite3_column_int(st, 0));
			view_table_set(t, r, 1, "%s", (const char *)sqlite3_column_text(st, 1));
			char cut[40];
			snprintf(cut, sizeof cut, "%s", (const char *)sqlite3_column_text(st, 2));
			view_table_set(t, r, 2, "%s", cut);
			view_table_set(t, r, 3, "%.3f", sqlite3_column_double(st, 3));
			view_table_set(t, r, 4, "%.4f", sqlite3_column_double(st, 4));
			view_table_set(t, r, 5, "%.3f", sqlite3_column_double(st, 5));
			view_table_set(t, r, 6, "%d B", sqlite3_column_int(st, 6));
			r++;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	view_append(out, t);
	return 0;
}

static int run_store(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	served *st = state(l, err);
	if (!st)
		return -1;
	lab_model *lm = lab_model_pick(l, c, err);
	if (!lm)
		return -1;
	const ratings *r = lm->on_split ? lab_train_set(l) : lab_data(l, err);
	if (!r)
		return -1;
	vstore_export_opts o;
	vstore_export_opts_init(&o);
	const char *p = lab_opt_str(c, "precision", "f32");
	o.precision = !strcmp(p, "int8") ? QUANT_INT8 : !strcmp(p, "int4") ? QUANT_INT4 : QUANT_F32;
	o.cancel = l->cancel;
	const char *path = c->argv[0].text;
	size_t bytes = 0;
	double t0 = ll_now();
	if (vstore_export(lm->m, r, path, &o, &bytes, err) < 0)
		return ll_prefix(err, "store");
	double secs = ll_now() - t0;
	char *copy = strdup(path);
	if (!copy)
		return ll_fail(err, "out of memory");
	free(st->store);
	st->store = copy;
	double vec_bytes = NAN, rows = NAN;
	view *v = NULL;
	char line[400], b[32], vb[32];
	view_bytes((double)bytes, b, sizeof b);
	if (store_views(path, &v, &vec_bytes, &rows, err) < 0)
		return -1;
	view_bytes(vec_bytes, vb, sizeof vb);
	const char *base = strrchr(path, '/');
	snprintf(line, sizeof line, _("Model %s (%s) into %s at %s: %.0f rows of vectors (%s of "
		 "them), %s in all, in %.3f s."), lm->name, lm->algo, base ? base + 1 : path, p, rows,
		 vb, b, secs);
	view_append(out, view_text("store", line));
	view_append(out, v);
	lab_last_num(l, "store.bytes", (double)bytes);
	lab_last_num(l, "store.rows", rows);
	lab_last_num(l, "store.vector_bytes", vec_bytes);
	lab_last_num(l, "store.seconds", secs);
	lab_result(l, (double)bytes);
	return 0;
}

/* --- serve start|stop [FILE] -------------------------------------------------- */

static const lab_opt serve_opts[] = {
	{ "cache", OPT_INT, "10000", N_("answers the LRU cache keeps (0: none)"), NULL },
	{ "threads", OPT_INT, "1", N_("threads answering"), NULL },
	{ "ivf", OPT_BOOL, "no", N_("also build an IVF index (request ... ivf=yes)"), NULL },
	{ "nlist", OPT_INT, "0", N_("the IVF index's cells (0: about sqrt(items))"), NULL },
	{ "lifetime", OPT_NUM, "600", N_("seconds before the server stops by itself"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_serve(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	served *st = state(l, err);
	if (!st)
		return -1;
	if (!strcmp(c->argv[0].text, "stop")) {
		if (c->argc > 1)
			return ll_fail(err, "serve stop: takes no file, not '%s'", c->argv[1].text);
		pthread_mutex_lock(&st->mu);
		unsigned long long n = st->s ? srv_requests(st->s) : 0;
		int was = st->s != NULL || st->vs != NULL;
		pthread_mutex_unlock(&st->mu);
		stop_server(st);
		char line[160];
		if (was)
			snprintf(line, sizeof line, _("The server stopped after %llu requests."), n);
		else
			snprintf(line, sizeof line, "%s", _("No server was running."));
		view_append(out, view_text("serve stop", line));
		lab_last_num(l, "serve.requests", (double)n);
		return 0;
	}
	long cache, threads, nlist;
	double lifetime;
	if (bounded(c, "cache", 10000, 0, 1000000, &cache, err) < 0 ||
	    bounded(c, "threads", 1, 1, 16, &threads, err) < 0 ||
	    bounded(c, "nlist", 0, 0, 100000, &nlist, err) < 0 ||
	    bounded_num(c, "lifetime", 600, 1, 3600, &lifetime, err) < 0)
		return -1;
	const char *path = c->argc > 1 ? c->argv[1].text : st->store;
	if (!path)
		return ll_fail(err, "serve start: no store yet: write one with 'store FILE' or name one");
	char *copy = strdup(path);
	if (!copy)
		return ll_fail(err, "out of memory");
	stop_server(st); /* a new start is a fresh server, with a cold cache */
	st->serving = copy;
	double t0 = ll_now();
	st->vs = vstore_open(copy, err);
	if (!st->vs) {
		stop_server(st);
		return ll_prefix(err, "serve start");
	}
	st->ivf = yes(c, "ivf", 0);
	if (st->ivf && vstore_build_ivf(st->vs, (int)nlist, l->seed, err) < 0) {
		stop_server(st);
		return ll_prefix(err, "serve start");
	}
	srv_opts so;
	srv_opts_init(&so);
	so.host = "127.0.0.1";
	so.port = 0;
	so.threads = (int)threads;
	so.cache_entries = (size_t)cache;
	so.max_connections = 128;
	so.timeout = 10;
	signal(SIGPIPE, SIG_IGN);
	st->s = srv_start(st->vs, &so, err);
	if (!st->s) {
		stop_server(st);
		return ll_prefix(err, "serve start");
	}
	snprintf(st->url, sizeof st->url, "http://127.0.0.1:%d", srv_port(st->s));
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	st->deadline = (double)now.tv_sec + now.tv_nsec * 1e-9 + lifetime;
	if (pthread_create(&st->dog, NULL, watchdog, st) != 0) {
		stop_server(st);
		return ll_fail(err, "serve start: cannot start the server's watchdog");
	}
	st->has_dog = 1;
	double secs = ll_now() - t0;
	char line[600];
	const char *base = strrchr(copy, '/');
	/* One sentence per case, with and without the index, for the translators. */
	if (st->ivf)
		snprintf(line, sizeof line,
			 ngettext("Serving %s (%s k=%d, %s, %d users, %d items, an IVF index of %d "
				  "cells) on %s/ with %ld thread and a cache of %ld answers, ready in "
				  "%.3f s; it stops at 'serve stop', when the lab ends, or after %.0f s.",
				  "Serving %s (%s k=%d, %s, %d users, %d items, an IVF index of %d "
				  "cells) on %s/ with %ld threads and a cache of %ld answers, ready in "
				  "%.3f s; it stops at 'serve stop', when the lab ends, or after %.0f s.",
				  (unsigned long)threads),
			 base ? base + 1 : copy, vstore_algo(st->vs), vstore_k(st->vs),
			 vstore_precision(st->vs), vstore_n_users(st->vs), vstore_n_items(st->vs),
			 vstore_ivf_nlist(st->vs), st->url, threads, cache, secs, lifetime);
	else
		snprintf(line, sizeof line,
			 ngettext("Serving %s (%s k=%d, %s, %d users, %d items) on %s/ with %ld thread "
				  "and a cache of %ld answers, ready in %.3f s; it stops at 'serve stop', "
				  "when the lab ends, or after %.0f s.",
				  "Serving %s (%s k=%d, %s, %d users, %d items) on %s/ with %ld threads "
				  "and a cache of %ld answers, ready in %.3f s; it stops at 'serve stop', "
				  "when the lab ends, or after %.0f s.",
				  (unsigned long)threads),
			 base ? base + 1 : copy, vstore_algo(st->vs), vstore_k(st->vs),
			 vstore_precision(st->vs), vstore_n_users(st->vs), vstore_n_items(st->vs),
			 st->url, threads, cache, secs, lifetime);
	view_append(out, view_text("serve start", line));
	lab_last_num(l, "serve.port", srv_port(st->s));
	lab_last_num(l, "serve.threads", (double)threads);
	lab_last_num(l, "serve.cache", (double)cache);
	lab_last_num(l, "serve.nlist", st->ivf ? vstore_ivf_nlist(st->vs) : 0);
	lab_last_num(l, "serve.seconds", secs);
	return 0;
}

/* --- request recommend|similar|predict NAME [ITEM] ------------------------------ */

static const lab_opt request_opts[] = {
	{ "n", OPT_INT, "10", N_("items to answer (recommend, similar)"), NULL },
	{ "ivf", OPT_BOOL, "no", N_("search the IVF index instead of every item"), NULL },
	{ "nprobe", OPT_INT, "0", N_("IVF cells scanned (0: the server's default)"), NULL },
	{ "cache", OPT_BOOL, "yes", N_("let the server answer from its cache"), NULL },
	{ "repeat", OPT_INT, "1", N_("send the same request this many times (the median is timed)"),
	  NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

typedef struct answer {
	char *s;
	size_t len, cap;
	int hit;
} answer;

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
	answer *a = ctx;
	size_t k = size * n;
	if (a->len + k + 1 > (1u << 20))
		return 0; /* an answer over a megabyte: refuse */
	if (a->len + k + 1 > a->cap) {
		size_t cap = (a->len + k + 1) * 2;
		char *s = realloc(a->s, cap);
		if (!s)
			return 0;
		a->s = s, a->cap = cap;
	}
	memcpy(a->s + a->len, p, k);
	a->len += k;
	a->s[a->len] = '\0';
	return k;
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	answer *a = ctx;
	size_t k = size * n;
	if (k >= 12 && !strncasecmp(p, "X-Cache:", 8))
		a->hit = strstr(p + 8, "hit") != NULL;
	return k;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The answer as a table: items with their scores, or one prediction. */
static view *answer_view(const js_node *root, const char *what, char *title)
{
	const js_node *items = js_get(root, "items");
	if (!items || items->type != JS_ARR) {
		const js_node *sc = js_get(root, "score"), *pr = js_get(root, "prediction");
		view *t = view_table(title, 1, 2);
		if (!t)
			return NULL;
		view_table_header(t, 0, _("score"), 'r');
		view_table_header(t, 1, _("prediction"), 'r');
		view_table_set(t, 0, 0, "%.4f", sc && sc->type == JS_NUM ? sc->num : NAN);
		view_table_set(t, 0, 1, "%.2f", pr && pr->type == JS_NUM ? pr->num : NAN);
		return t;
	}
	int sim = !strcmp(what, "similar");
	view *t = view_table(title, items->n, sim ? 4 : 5);
	if (!t)
		return NULL;
	const char *h[] = { "#", _("item"), _("title"), sim ? _("cosine") : _("score"),
			    _("prediction") };
	for (int col = 0; col < (sim ? 4 : 5); col++)
		view_table_header(t, col, h[col], col == 1 || col == 2 ? 'l' : 'r');
	int r = 0;
	for (const js_node *e = items->child; e && r < items->n; e = e->next, r++) {
		const js_node *it = js_get(e, "item"), *ti = js_get(e, "title");
		const js_node *sc = js_get(e, "score"), *pr = js_get(e, "prediction");
		view_table_set(t, r, 0, "%d", r + 1);
		view_table_set(t, r, 1, "%s", it && it->type == JS_STR ? it->str : "?");
		char cut[40];
		snprintf(cut, sizeof cut, "%s", ti && ti->type == JS_STR ? ti->str : "");
		view_table_set(t, r, 2, "%s", cut);
		view_table_set(t, r, 3, "%.4f", sc && sc->type == JS_NUM ? sc->num : NAN);
		if (!sim)
			view_table_set(t, r, 4, "%.2f", pr && pr->type == JS_NUM ? pr->num : NAN);
	}
	return t;
}

static int run_request(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	const char *what = c->argv[0].text;
	int pair = !strcmp(what, "predict");
	if (pair != (c->argc == 3))
		return ll_fail(err, pair ? "request predict: give a user and an item"
					 : "request %s: give one name, not '%s'", what,
			       c->argc > 2 ? c->argv[2].text : "");
	long n, nprobe, repeat;
	if (bounded(c, "n", 10, 1, 100, &n, err) < 0 ||
	    bounded(c, "nprobe", 0, 0, 100000, &nprobe, err) < 0 ||
	    bounded(c, "repeat", 1, 1, 1000, &repeat, err) < 0)
		return -1;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return ll_fail(err, "request: curl_global_init failed");
	CURL *h = curl_easy_init();
	if (!h)
		return ll_fail(err, "request: out of memory");
	char *a1 = curl_easy_escape(h, c->argv[1].text, 0);
	char *a2 = pair ? curl_easy_escape(h, c->argv[2].text, 0) : NULL;
	served *st = a1 && (!pair || a2) ? running(c, "request", err) : NULL;
	if (!st) {
		curl_free(a1);
		curl_free(a2);
		curl_easy_cleanup(h);
		return a1 && (!pair || a2) ? -1 : ll_fail(err, "request: out of memory");
	}
	int ivf = yes(c, "ivf", 0), cache = yes(c, "cache", 1), rc = 0;
	char url[1024], path[900];
	if (pair)
		snprintf(path, sizeof path, "predict?user=%s&item=%s", a1, a2);
	else
		snprintf(path, sizeof path, "%s?%s=%s&n=%ld&search=%s&nprobe=%ld%s", what,
			 !strcmp(what, "similar") ? "item" : "user", a1, n, ivf ? "ivf" : "exact",
			 nprobe, cache ? "" : "&cache=0");
	snprintf(url, sizeof url, "%s/%s", st->url, path);
	curl_free(a1);
	curl_free(a2);
	answer a = { 0 }, first = { 0 };
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &a);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &a);
	/* Connect once, so the times are of requests, not of a TCP handshake. */
	char health[128];
	snprintf(health, sizeof health, "%s/health", st->url);
	curl_easy_setopt(h, CURLOPT_URL, health);
	CURLcode cc = curl_easy_perform(h);
	curl_easy_setopt(h, CURLOPT_URL, url);
	double *ms = malloc((size_t)repeat * sizeof *ms);
	long status = 0;
	int hits = 0;
	if (!ms)
		rc = ll_fail(err, "out of memory");
	for (long i = 0; rc == 0 && i < repeat && cc == CURLE_OK; i++) {
		a.len = 0, a.hit = 0;
		double t0 = ll_now();
		cc = curl_easy_perform(h);
		ms[i] = (ll_now() - t0) * 1e3;
		hits += a.hit;
		if (i == 0) {
			curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
			first.s = a.s ? strndup(a.s, a.len) : NULL;
			first.len = a.len, first.hit = a.hit;
		}
		if (lab_cancelled(l))
			repeat = i + 1;
	}
	pthread_mutex_unlock(&st->mu);
	curl_easy_cleanup(h);
	free(a.s);
	if (rc == 0 && cc != CURLE_OK)
		rc = ll_fail(err, "request: %s: %s", url, curl_easy_strerror(cc));
	js_node *root = NULL;
	char msg[200] = "";
	if (rc == 0 && !(root = js_parse(first.s ? first.s : "", first.len, msg, sizeof msg)))
		rc = ll_fail(err, "request: the server's answer is not JSON (%s)", msg);
	if (rc == 0 && status != 200) {
		const js_node *e = js_get(root, "error");
		rc = ll_fail(err, "request: the server answered %ld: %s", status,
			     e && e->type == JS_STR ? e->str : "?");
	}
	if (rc == 0) {
		double first_ms = ms[0];
		qsort(ms, (size_t)repeat, sizeof *ms, cmp_double);
		double med = repeat % 2 ? ms[repeat / 2] : (ms[repeat / 2 - 1] + ms[repeat / 2]) / 2;
		char title[1200];
		/* One sentence per source of the first answer, for the translators. */
		if (repeat > 1 && first.hit)
			snprintf(title, sizeof title, _("GET /%s: %ld requests, median %.3f ms (the first "
				 "%.3f ms, from the cache), %d answered from the cache"), path, repeat, med,
				 first_ms, hits);
		else if (repeat > 1)
			snprintf(title, sizeof title, _("GET /%s: %ld requests, median %.3f ms (the first "
				 "%.3f ms, from the store), %d answered from the cache"), path, repeat, med,
				 first_ms, hits);
		else if (first.hit)
			snprintf(title, sizeof title, _("GET /%s answered in %.3f ms (from the cache)"),
				 path, first_ms);
		else
			snprintf(title, sizeof title, _("GET /%s answered in %.3f ms (from the store)"),
				 path, first_ms);
		view_append(out, answer_view(root, what, title));
		lab_last_num(l, "request.ms", first_ms);
		lab_last_num(l, "request.median_ms", med);
		lab_last_num(l, "request.min_ms", ms[0]);
		lab_last_num(l, "request.hit", first.hit);
		lab_last_num(l, "request.hits", hits);
		lab_last_num(l, "request.bytes", (double)first.len);
		const js_node *items = js_get(root, "items");
		lab_last_num(l, "request.items", items && items->type == JS_ARR ? items->n : 0);
		lab_result(l, med);
	}
	js_free(&root);
	free(first.s);
	free(ms);
	return rc;
}

/* --- traffic ------------------------------------------------------------------- */

static const lab_opt traffic_opts[] = {
	{ "n", OPT_INT, "2000", N_("requests at most"), NULL },
	{ "connections", OPT_INT, "4", N_("keep-alive connections, one request at a time each"), NULL },
	{ "zipf", OPT_NUM, "1", N_("the exponent of the users' Zipf law (0: uniform)"), NULL },
	{ "seconds", OPT_NUM, "2", N_("seconds at most"), NULL },
	{ "slices", OPT_INT, "10", N_("summaries of consecutive slices of the run"), NULL },
	{ "endpoint", OPT_WORD, "recommend", N_("what is asked"), "recommend|similar|predict" },
	{ "ivf", OPT_BOOL, "no", N_("search the IVF index"), NULL },
	{ "cache", OPT_BOOL, "yes", N_("let the server answer from its cache"), NULL },
	{ "seed", OPT_INT, NULL, N_("the seed of the draws (default: the session's)"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_traffic(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	long n, conns, slices, seed;
	double zipf, seconds;
	if (bounded(c, "n", 2000, 1, 200000, &n, err) < 0 ||
	    bounded(c, "connections", 4, 1, 64, &conns, err) < 0 ||
	    bounded(c, "slices", 10, 0, 50, &slices, err) < 0 ||
	    bounded(c, "seed", (long)(l->seed & 0x7fffffff), 0, 0x7fffffff, &seed, err) < 0 ||
	    bounded_num(c, "zipf", 1, 0, 5, &zipf, err) < 0 ||
	    bounded_num(c, "seconds", 2, 0.1, 10, &seconds, err) < 0)
		return -1;
	const char *endpoint = lab_opt_str(c, "endpoint", "recommend");
	int ivf = yes(c, "ivf", 0), cache = yes(c, "cache", 1);
	served *st = running(c, "traffic", err);
	if (!st)
		return -1;
	char query[64];
	snprintf(query, sizeof query, "n=10&search=%s%s", ivf ? "ivf" : "exact",
		 cache ? "" : "&cache=0");
	lt_opts o;
	lt_opts_init(&o);
	o.url = st->url;
	o.endpoint = endpoint;
	o.query = strcmp(endpoint, "predict") ? query : NULL;
	o.connections = (int)conns;
	o.requests = n;
	o.seconds = seconds;
	o.zipf_s = zipf;
	o.seed = (unsigned long)seed;
	o.windows = (int)slices;
	o.cancel = l->cancel;
	lt_report *r = calloc(1, sizeof *r);
	int rc = r ? lt_run(&o, r, err) : ll_fail(err, "out of memory");
	pthread_mutex_unlock(&st->mu);
	if (rc < 0) {
		free(r);
		return ll_prefix(err, "traffic");
	}
	double looked = (double)(r->hits + r->misses);
	double hit_rate = looked > 0 ? r->hits / looked : 0;
	long errors = r->client_errors + r->server_errors + r->failed;

	view *t = view_table(NULL, 1, 8);
	char title[300];
	/* One sentence per case (stopped by the clock or not), plural by connections. */
	if (r->stopped_by == 1)
		snprintf(title, sizeof title,
			 ngettext("%ld requests to /%s over %ld connection, Zipf s=%g, in %.2f s "
				  "(stopped by the clock)",
				  "%ld requests to /%s over %ld connections, Zipf s=%g, in %.2f s "
				  "(stopped by the clock)", (unsigned long)conns),
			 r->sent, endpoint, conns, zipf, r->seconds);
	else
		snprintf(title, sizeof title,
			 ngettext("%ld requests to /%s over %ld connection, Zipf s=%g, in %.2f s",
				  "%ld requests to /%s over %ld connections, Zipf s=%g, in %.2f s",
				  (unsigned long)conns),
			 r->sent, endpoint, conns, zipf, r->seconds);
	if (t) {
		t->title = strdup(title);
		/* Units in the cells: these are measurements, not results. */
		/* The percentiles (columns 1 to 3) keep their names in every language. */
		const char *h[] = { N_("throughput"), "p50", "p95", "p99", N_("max"),
				    N_("cache hits"), N_("answered"), N_("errors") };
		for (int col = 0; col < 8; col++)
			view_table_header(t, col, col >= 1 && col <= 3 ? h[col] : _(h[col]), 'r');
		view_table_set(t, 0, 0, "%.0f/s", r->throughput);
		view_table_set(t, 0, 1, "%.3f ms", r->p50_ms);
		view_table_set(t, 0, 2, "%.3f ms", r->p95_ms);
		view_table_set(t, 0, 3, "%.3f ms", r->p99_ms);
		view_table_set(t, 0, 4, "%.3f ms", r->max_ms);
		view_table_set(t, 0, 5, "%.1f%%", 100 * hit_rate);
		view_table_set(t, 0, 6, "%ld", r->ok);
		view_table_set(t, 0, 7, "%ld", errors);
	}
	view_append(out, t);
	int w = r->n_windows;
	if (w >= 2) {
		double *x = malloc((size_t)w * sizeof *x), *hr = malloc((size_t)w * sizeof *hr);
		double *p50 = malloc((size_t)w * sizeof *p50), *p99 = malloc((size_t)w * sizeof *p99);
		if (x && hr && p50 && p99) {
			for (int i = 0; i < w; i++) {
				x[i] = i + 1;
				hr[i] = r->window[i].hit_rate;
				p50[i] = r->window[i].p50_ms;
				p99[i] = r->window[i].p99_ms;
			}
			view *a = view_line(_("Cache hit rate per slice of the run"), 1);
			if (a)
				view_line_series(a, 0, _("hit rate"), w, x, hr);
			view *b = view_line(_("Latency per slice of the run, ms"), 2);
			if (b) {
				view_line_series(b, 0, "p50", w, x, p50);
				view_line_series(b, 1, "p99", w, x, p99);
			}
			view_append(out, a);
			view_append(out, b);
		}
		free(x), free(hr), free(p50), free(p99);
	}
	lab_last_num(l, "traffic.requests", (double)r->sent);
	lab_last_num(l, "traffic.ok", (double)r->ok);
	lab_last_num(l, "traffic.errors", (double)errors);
	lab_last_num(l, "traffic.seconds", r->seconds);
	lab_last_num(l, "traffic.throughput", r->throughput);
	lab_last_num(l, "traffic.mean_ms", r->mean_ms);
	lab_last_num(l, "traffic.p50_ms", r->p50_ms);
	lab_last_num(l, "traffic.p95_ms", r->p95_ms);
	lab_last_num(l, "traffic.p99_ms", r->p99_ms);
	lab_last_num(l, "traffic.max_ms", r->max_ms);
	lab_last_num(l, "traffic.hit_rate", hit_rate);
	lab_last_num(l, "traffic.hit_pct", 100 * hit_rate);
	lab_last_num(l, "traffic.connections", (double)conns);
	lab_last_num(l, "traffic.slices", w);
	if (w >= 1) {
		lab_last_num(l, "traffic.first_hit_rate", r->window[0].hit_rate);
		lab_last_num(l, "traffic.last_hit_rate", r->window[w - 1].hit_rate);
		lab_last_num(l, "traffic.first_hit_pct", 100 * r->window[0].hit_rate);
		lab_last_num(l, "traffic.last_hit_pct", 100 * r->window[w - 1].hit_rate);
		lab_last_num(l, "traffic.first_p99_ms", r->window[0].p99_ms);
		lab_last_num(l, "traffic.last_p99_ms", r->window[w - 1].p99_ms);
	}
	lab_result(l, r->throughput);
	free(r);
	return 0;
}

/* --- overlap A B ---------------------------------------------------------------- */

static const lab_opt overlap_opts[] = {
	{ "n", OPT_INT, "10", N_("the top n compared"), NULL },
	{ "users", OPT_INT, "200", N_("users compared, evenly spread over the store"), NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

static int run_overlap(lab_call *c, view **out, ll_error *err)
{
	lab *l = c->l;
	long n, users;
	if (bounded(c, "n", 10, 1, 100, &n, err) < 0 ||
	    bounded(c, "users", 200, 1, 10000, &users, err) < 0)
		return -1;
	vstore *vs[2] = { 0 };
	int rc = 0;
	for (int s = 0; s < 2 && rc == 0; s++)
		if (!(vs[s] = vstore_open(c->argv[s].text, err)))
			rc = ll_prefix(err, "overlap");
	if (rc == 0 && (vstore_n_users(vs[0]) != vstore_n_users(vs[1]) ||
			vstore_n_items(vs[0]) != vstore_n_items(vs[1])))
		rc = ll_fail(err, "overlap: the stores hold different users or items");
	int nu = rc == 0 ? vstore_n_users(vs[0]) : 0;
	if (users > nu)
		users = nu;
	int *top = malloc(2 * (size_t)n * sizeof *top);
	float *sc = malloc((size_t)n * sizeof *sc);
	if (rc == 0 && (!top || !sc))
		rc = ll_fail(err, "out of memory");
	double sum = 0, worst = 1, same = 0, first = 0;
	int counted = 0;
	vstore_search exact = { 0, 0 };
	for (long i = 0; rc == 0 && i < users; i++) {
		int u = (int)(i * nu / users), got[2];
		for (int s = 0; s < 2 && rc == 0; s++)
			if ((got[s] = vstore_recommend(vs[s], u, (int)n, &exact, top + s * n, sc, err)) < 0)
				rc = ll_prefix(err, "overlap");
		if (rc < 0 || got[0] == 0)
			continue;
		int shared = 0;
		for (int a = 0; a < got[0]; a++)
			for (int b = 0; b < got[1]; b++)
				if (top[a] == top[n + b]) {
					shared++;
					break;
				}
		double share = (double)shared / got[0];
		sum += share;
		worst = share < worst ? share : worst;
		same += shared == got[0] && got[0] == got[1];
		first += top[0] == top[n];
		counted++;
	}
	if (rc == 0 && counted == 0)
		rc = ll_fail(err, "overlap: no user has anything left to recommend");
	if (rc == 0) {
		double mean = sum / counted;
		double bytes[2], vec[2];
		view *t = view_table(NULL, 2, 5);
		char title[300];
		snprintf(title, sizeof title, _("Top %ld of %d users from both stores: %.1f%% of the "
			 "items shared on average, the same %ld items for %.0f%% of them"), n, counted,
			 100 * mean, n, 100 * same / counted);
		const char *h[] = { N_("store"), N_("precision"), N_("file"), N_("vectors on disk"),
				    N_("in memory") };
		if (t) {
			t->title = strdup(title);
			for (int col = 0; col < 5; col++)
				view_table_header(t, col, _(h[col]), col < 2 ? 'l' : 'r');
		}
		for (int s = 0; s < 2; s++) {
			int k = vstore_k(vs[s]), rows = vstore_n_users(vs[s]) + vstore_n_items(vs[s]);
			const char *p = vstore_precision(vs[s]);
			int per = !strcmp(p, "int8") ? k : !strcmp(p, "int4") ? (k + 1) / 2 : 4 * k;
			bytes[s] = file_bytes(c->argv[s].text);
			vec[s] = (double)rows * per;
			/* The server decodes every vector to floats when it opens a store. */
			double mem = (double)rows * k * sizeof(float);
			char fb[32], vb[32], mb[32];
			view_bytes(bytes[s], fb, sizeof fb);
			view_bytes(vec[s], vb, sizeof vb);
			view_bytes(mem, mb, sizeof mb);
			const char *base = strrchr(c->argv[s].text, '/');
			if (t) {
				view_table_set(t, s, 0, "%s", base ? base + 1 : c->argv[s].text);
				view_table_set(t, s, 1, "%s", p);
				view_table_set(t, s, 2, "%s", fb);
				view_table_set(t, s, 3, "%s", vb);
				view_table_set(t, s, 4, "%s", mb);
			}
			lab_last_num(l, "overlap.memory_bytes", mem);
		}
		view_append(out, t);
		lab_last_num(l, "overlap.share", mean);
		lab_last_num(l, "overlap.worst", worst);
		lab_last_num(l, "overlap.same", same / counted);
		lab_last_num(l, "overlap.first", first / counted);
		lab_last_num(l, "overlap.users", counted);
		lab_last_num(l, "overlap.bytes_a", bytes[0]);
		lab_last_num(l, "overlap.bytes_b", bytes[1]);
		lab_last_num(l, "overlap.vector_bytes_a", vec[0]);
		lab_last_num(l, "overlap.vector_bytes_b", vec[1]);
		lab_result(l, mean);
	}
	free(top);
	free(sc);
	vstore_free(&vs[0]);
	vstore_free(&vs[1]);
	return rc;
}

/* --- the table ------------------------------------------------------------------ */

const lab_cmd serve_lab_cmds[] = {
	{ "store", "FILE", 1, 1, { ARG_OUTFILE }, NULL, store_opts, 0,
	  N_("write the model's vectors into a SQLite store, and show its rows"),
	  N_("store FILE [precision=f32|int8|int4] [model=NAME]\n"
	  "Write the current model's user and item vectors, biases, titles and the\n"
	  "ratings it was trained on into a SQLite database (the schema of\n"
	  "'latentlab export-db'), atomically: a reader sees the old file or the\n"
	  "whole new one. precision=int8 or int4 stores each vector's factors as\n"
	  "codes on a grid of its own (scale and offset per row). In a lesson FILE\n"
	  "is a plain name, kept in the lesson's scratch folder.\n"
	  "Shows the schema and the first rows of items; sets last.store.bytes (the\n"
	  "file), last.store.rows (user and item vectors), last.store.vector_bytes\n"
	  "and last.store.seconds. Example: store movies.db precision=int8"),
	  run_store },
	{ "serve", "start|stop [FILE]", 1, 2, { ARG_WORD, ARG_FILE }, "start|stop", serve_opts, 0,
	  N_("start or stop the inference API in the background, on 127.0.0.1"),
	  N_("serve start [FILE] [cache=N] [threads=N] [ivf=yes] [nlist=N] [lifetime=S]\n"
	  "serve stop\n"
	  "Start the HTTP JSON API (the one of 'latentlab serve') on a free port of\n"
	  "127.0.0.1, answering from FILE or else the store the last 'store' wrote:\n"
	  "an LRU cache of cache=N answers (0: none), threads=N threads, and with\n"
	  "ivf=yes an IVF index over the items. A new start replaces the running\n"
	  "server (so its cache starts cold). The server stops at 'serve stop', when\n"
	  "the session is reset or ends, or after lifetime=S seconds (600).\n"
	  "Sets last.serve.port, .threads, .cache, .nlist, .seconds; stop sets\n"
	  "last.serve.requests. Example: serve start cache=0 ivf=yes"),
	  run_serve },
	{ "request", "recommend|similar|predict NAME [ITEM]", 2, 3, { ARG_WORD, ARG_NAME, ARG_ITEM },
	  "recommend|similar|predict", request_opts, 0,
	  N_("send one request to the running server and time it"),
	  N_("request recommend USER [n=10] [ivf=yes] [nprobe=N] [cache=no] [repeat=N]\n"
	  "request similar ITEM [n=10] ...\n"
	  "request predict USER ITEM\n"
	  "Ask the server started by 'serve start' over HTTP, as any client would,\n"
	  "and show its JSON answer as a table, with the time it took (connection\n"
	  "made beforehand). repeat=N sends it N times and times the median;\n"
	  "cache=no asks the server not to answer from its cache.\n"
	  "Sets last.request.ms (the first), .median_ms, .min_ms, .hit (1: the first\n"
	  "came from the cache), .hits, .items, .bytes. Example: request recommend 1"),
	  run_request },
	{ "traffic", "", 0, 0, { 0 }, NULL, traffic_opts, 0,
	  N_("a bounded Zipf stream of requests to the running server"),
	  N_("traffic [n=2000] [connections=4] [zipf=1] [seconds=2] [slices=10]\n"
	  "        [endpoint=recommend|similar|predict] [ivf=yes] [cache=no] [seed=N]\n"
	  "Send requests to the server of 'serve start' over keep-alive connections\n"
	  "(each sends its next request when its answer has come), users drawn from\n"
	  "a Zipf law (a few users ask often, most rarely), until n requests or\n"
	  "seconds have passed (at most 200000 and 10). Shows throughput, latency\n"
	  "percentiles and the cache's hit rate, then per slice of the run the hit\n"
	  "rate and p50/p99 as charts (the cache warming up).\n"
	  "Sets last.traffic.requests, .throughput, .p50_ms, .p95_ms, .p99_ms,\n"
	  ".max_ms, .mean_ms, .hit_rate (and .hit_pct), .errors, .seconds,\n"
	  ".first_hit_rate, .last_hit_rate (.first_hit_pct, .last_hit_pct),\n"
	  ".first_p99_ms, .last_p99_ms. Example: traffic n=4000 slices=8"),
	  run_traffic },
	{ "overlap", "FILE FILE", 2, 2, { ARG_FILE, ARG_FILE }, NULL, overlap_opts, 0,
	  N_("compare two stores' top n (f32 against int8) and their sizes"),
	  N_("overlap FILE FILE [n=10] [users=200]\n"
	  "Recommend from both stores (exact search, what each user has not rated)\n"
	  "for users spread evenly over them, and measure how many of the first\n"
	  "store's top n the second finds; show each store's file size, its vectors'\n"
	  "bytes on disk and in memory (the server decodes them to floats).\n"
	  "Sets last.overlap.share (the mean share), .worst, .same (users whose top\n"
	  "n is the same set), .first (the same first item), .users, .bytes_a,\n"
	  ".bytes_b, .vector_bytes_a, .vector_bytes_b, .memory_bytes.\n"
	  "Example: overlap f32.db int8.db n=10"),
	  run_overlap },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

int serve_cmds_register(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return lab_register_cmds(serve_lab_cmds);
}

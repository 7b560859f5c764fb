/* srv_api.c: the answers of the inference API (srv.h), as a status and a
 * JSON body; no HTTP here. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/srv.h"
#include "serve/srv_impl.h"

const char *const srv_endpoint_names[EP_N] = {
	"recommend", "similar", "predict", "foldin", "health", "metrics", "other",
};

enum { MAX_N = 1000 };

static int error(srv_reply *out, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int error(srv_reply *out, int status, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	js_buf_free(&out->body);
	out->status = status;
	js_printf(&out->body, "{\"error\":");
	js_str(&out->body, msg);
	js_printf(&out->body, ",\"status\":%d}\n", status);
	return status;
}

/* A whole number in [lo, hi] from text; -1 (with a reply) when bad. */
static int int_arg(const srv_req *rq, const char *key, int dflt, int lo, int hi, int *v,
		   srv_reply *out)
{
	const char *s = rq->arg(rq->arg_ctx, key);
	if (!s) {
		*v = dflt;
		return 0;
	}
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (!*s || *end || errno || x < lo || x > hi) {
		error(out, 400, "%s must be a whole number from %d to %d, not '%.40s'", key, lo, hi, s);
		return -1;
	}
	*v = (int)x;
	return 0;
}

static int search_arg(const srv_req *rq, const vstore *vs, vstore_search *se, srv_reply *out)
{
	const char *s = rq->arg(rq->arg_ctx, "search");
	se->ivf = 0, se->nprobe = 0;
	if (s && !strcmp(s, "ivf"))
		se->ivf = 1;
	else if (s && strcmp(s, "exact") != 0) {
		error(out, 400, "search is exact or ivf, not '%.40s'", s);
		return -1;
	}
	if (se->ivf && !vstore_has_ivf(vs)) {
		error(out, 400, "search=ivf: this server has no IVF index (serve --ivf)");
		return -1;
	}
	int nl = vstore_ivf_nlist(vs);
	if (int_arg(rq, "nprobe", 0, 0, nl > 0 ? nl : 1, &se->nprobe, out) < 0)
		return -1;
	if (se->ivf && se->nprobe == 0)
		se->nprobe = vstore_ivf_nprobe(vs);
	return 0;
}

static int cache_arg(const srv_req *rq, int *use, srv_reply *out)
{
	const char *s = rq->arg(rq->arg_ctx, "cache");
	*use = !s || !strcmp(s, "1") || !strcmp(s, "yes");
	if (s && !*use && strcmp(s, "0") != 0 && strcmp(s, "no") != 0) {
		error(out, 400, "cache is 1 or 0, not '%.40s'", s);
		return -1;
	}
	return 0;
}

/* The user (side 0) or item (side 1) of a request: NAME=... by name (an
 * item also by title), or NAME_index=N by the store's dense index (what the
 * load generator sends). -1 after an error reply. */
static int who(const srv_req *rq, const vstore *vs, int side, srv_reply *out)
{
	const char *key = side ? "item" : "user";
	char ikey[16];
	snprintf(ikey, sizeof ikey, "%s_index", key);
	const char *name = rq->arg(rq->arg_ctx, key);
	int n = side ? vstore_n_items(vs) : vstore_n_users(vs), x;
	if (!name && rq->arg(rq->arg_ctx, ikey))
		return int_arg(rq, ikey, 0, 0, n - 1, &x, out) < 0 ? -1 : x;
	if (!name) {
		error(out, 400, "%s=NAME is missing", key);
		return -1;
	}
	x = side ? vstore_item(vs, name) : vstore_user(vs, name);
	if (x < 0)
		error(out, 404, "no %s '%.100s'", key, name);
	return x;
}

static void items_json(js_buf *b, const vstore *vs, const int *items, const float *scores, int n,
		       int clip)
{
	js_printf(b, "\"items\":[");
	for (int j = 0; j < n; j++) {
		js_printf(b, "%s{\"item\":", j ? "," : "");
		js_str(b, vstore_item_name(vs, items[j]));
		js_printf(b, ",\"title\":");
		js_str(b, vstore_item_title(vs, items[j]));
		js_printf(b, ",\"score\":");
		js_num(b, scores[j]);
		if (clip) {
			js_printf(b, ",\"prediction\":");
			js_num(b, vstore_clip(vs, scores[j]));
		}
		js_printf(b, "}");
	}
	js_printf(b, "]");
}

/* Look in the cache, or compute and keep. */
static int cached(lru *cache, int use, const char *key, srv_reply *out)
{
	if (!cache || !use)
		return 0;
	size_t len;
	char *v = lru_get(cache, key, &len);
	if (!v) {
		out->cache = "miss";
		return 0;
	}
	js_buf_free(&out->body);
	out->body.s = v, out->body.len = len, out->body.cap = len + 1;
	out->cache = "hit";
	out->status = 200;
	return 1;
}

static void keep(lru *cache, int use, const char *key, srv_reply *out)
{
	if (cache && use && out->status == 200 && !out->body.oom)
		lru_put(cache, key, out->body.s, out->body.len);
}

static int recommend(const vstore *vs, lru *cache, const srv_req *rq, srv_reply *out)
{
	int n, use;
	vstore_search se;
	if (int_arg(rq, "n", 10, 1, MAX_N, &n, out) < 0 || search_arg(rq, vs, &se, out) < 0 ||
	    cache_arg(rq, &use, out) < 0)
		return out->status;
	int u = who(rq, vs, 0, out);
	if (u < 0)
		return out->status;
	char key[96];
	snprintf(key, sizeof key, "r|%d|%d|%d|%d", u, n, se.ivf, se.nprobe);
	if (cached(cache, use, key, out))
		return 200;
	int items[MAX_N];
	float scores[MAX_N];
	ll_error err;
	int got = vstore_recommend(vs, u, n, &se, items, scores, &err);
	if (got < 0)
		return error(out, 500, "%s", err.msg);
	js_printf(&out->body, "{\"user\":");
	js_str(&out->body, vstore_user_name(vs, u));
	js_printf(&out->body, ",\"n\":%d,\"search\":\"%s\",", n, se.ivf ? "ivf" : "exact");
	if (se.ivf)
		js_printf(&out->body, "\"nprobe\":%d,", se.nprobe);
	items_json(&out->body, vs, items, scores, got, vstore_rates(vs));
	js_printf(&out->body, "}\n");
	out->status = 200;
	keep(cache, use, key, out);
	return 200;
}

static int similar(const vstore *vs, lru *cache, const srv_req *rq, srv_reply *out)
{
	int n, use;
	vstore_search se;
	if (int_arg(rq, "n", 10, 1, MAX_N, &n, out) < 0 || search_arg(rq, vs, &se, out) < 0 ||
	    cache_arg(rq, &use, out) < 0)
		return out->status;
	int i = who(rq, vs, 1, out);
	if (i < 0)
		return out->status;
	char key[96];
	snprintf(key, sizeof key, "s|%d|%d|%d|%d", i, n, se.ivf, se.nprobe);
	if (cached(cache, use, key, out))
		return 200;
	int items[MAX_N];
	float scores[MAX_N];
	ll_error err;
	int got = vstore_similar(vs, i, n, &se, items, scores, &err);
	if (got < 0)
		return error(out, 500, "%s", err.msg);
	js_printf(&out->body, "{\"item\":");
	js_str(&out->body, vstore_item_name(vs, i));
	js_printf(&out->body, ",\"title\":");
	js_str(&out->body, vstore_item_title(vs, i));
	js_printf(&out->body, ",\"n\":%d,\"search\":\"%s\",\"metric\":\"cosine\",", n,
		  se.ivf ? "ivf" : "exact");
	items_json(&out->body, vs, items, scores, got, 0);
	js_printf(&out->body, "}\n");
	out->status = 200;
	keep(cache, use, key, out);
	return 200;
}

static int predict(const vstore *vs, const srv_req *rq, srv_reply *out)
{
	int u = who(rq, vs, 0, out), i = u < 0 ? -1 : who(rq, vs, 1, out);
	if (u < 0 || i < 0)
		return out->status;
	double raw = vstore_predict(vs, u, i);
	js_printf(&out->body, "{\"user\":");
	js_str(&out->body, vstore_user_name(vs, u));
	js_printf(&out->body, ",\"item\":");
	js_str(&out->body, vstore_item_name(vs, i));
	js_printf(&out->body, ",\"title\":");
	js_str(&out->body, vstore_item_title(vs, i));
	js_printf(&out->body, ",\"score\":");
	js_num(&out->body, raw);
	if (vstore_rates(vs)) {
		js_printf(&out->body, ",\"prediction\":");
		js_num(&out->body, vstore_clip(vs, raw));
	}
	js_printf(&out->body, "}\n");
	out->status = 200;
	return 200;
}

static int foldin(const vstore *vs, const srv_req *rq, srv_reply *out)
{
	char msg[200];
	js_node *root = js_parse(rq->body ? rq->body : "", rq->body_len, msg, sizeof msg);
	if (!root)
		return error(out, 400, "the body is not JSON: %s", msg);
	const js_node *r = js_get(root, "ratings"), *jn = js_get(root, "n"), *js = js_get(root, "search");
	const js_node *jp = js_get(root, "nprobe");
	int n = 10, rc;
	vstore_search se = { 0, 0 };
	if (root->type != JS_OBJ || !r || r->type != JS_OBJ || r->n < 1) {
		rc = error(out, 400, "the body must be {\"ratings\": {\"ITEM\": RATING, ...}}");
		goto out;
	}
	if (jn && (jn->type != JS_NUM || jn->num < 1 || jn->num > MAX_N || jn->num != (int)jn->num)) {
		rc = error(out, 400, "n must be a whole number from 1 to %d", MAX_N);
		goto out;
	}
	if (jn)
		n = (int)jn->num;
	if (js && (js->type != JS_STR || (strcmp(js->str, "exact") && strcmp(js->str, "ivf")))) {
		rc = error(out, 400, "search is \"exact\" or \"ivf\"");
		goto out;
	}
	se.ivf = js && !strcmp(js->str, "ivf");
	if (se.ivf && !vstore_has_ivf(vs)) {
		rc = error(out, 400, "search=ivf: this server has no IVF index (serve --ivf)");
		goto out;
	}
	if (jp && (jp->type != JS_NUM || jp->num < 0 || jp->num > vstore_ivf_nlist(vs))) {
		rc = error(out, 400, "nprobe must be from 0 to %d", vstore_ivf_nlist(vs));
		goto out;
	}
	se.nprobe = jp && jp->num >= 1 ? (int)jp->num : vstore_ivf_nprobe(vs);
	int m = r->n, k = vstore_k(vs);
	int *items = malloc((size_t)m * sizeof *items), got = 0;
	float *vals = malloc((size_t)m * sizeof *vals), *p = malloc((size_t)k * sizeof *p), bias = 0;
	int top[MAX_N];
	float scores[MAX_N];
	if (!items || !vals || !p) {
		rc = error(out, 500, "out of memory");
		goto out2;
	}
	int j = 0;
	for (const js_node *c = r->child; c; c = c->next, j++) {
		int i = vstore_item(vs, c->key);
		if (i < 0) {
			rc = error(out, 404, "no item '%.100s'", c->key);
			goto out2;
		}
		if (c->type != JS_NUM || !(c->num >= -1e6 && c->num <= 1e6)) {
			rc = error(out, 400, "the rating of '%.100s' must be a number", c->key);
			goto out2;
		}
		items[j] = i, vals[j] = (float)c->num;
	}
	ll_error err;
	if (vstore_foldin(vs, m, items, vals, p, &bias, &err) < 0 ||
	    (got = vstore_recommend_vec(vs, p, bias, items, m, n, &se, top, scores, &err)) < 0) {
		rc = error(out, 422, "%s", err.msg);
		goto out2;
	}
	js_printf(&out->body, "{\"ratings\":%d,\"n\":%d,\"search\":\"%s\",\"bias\":", m, n,
		  se.ivf ? "ivf" : "exact");
	js_num(&out->body, bias);
	js_printf(&out->body, ",\"vector\":[");
	for (int f = 0; f < k; f++) {
		js_printf(&out->body, f ? "," : "");
		js_num(&out->body, p[f]);
	}
	js_printf(&out->body, "],");
	items_json(&out->body, vs, top, scores, got, vstore_rates(vs));
	js_printf(&out->body, "}\n");
	out->status = rc = 200;
out2:
	free(items), free(vals), free(p);
out:
	js_free(&root);
	return rc;
}

static int health(const vstore *vs, srv_reply *out)
{
	js_printf(&out->body, "{\"status\":\"ok\",\"algo\":");
	js_str(&out->body, vstore_algo(vs));
	js_printf(&out->body, ",\"precision\":\"%s\",\"users\":%d,\"items\":%d,\"k\":%d,\"ivf_nlist\":%d,\"ivf_nprobe\":%d}\n",
		  vstore_precision(vs), vstore_n_users(vs), vstore_n_items(vs), vstore_k(vs),
		  vstore_ivf_nlist(vs), vstore_ivf_nprobe(vs));
	out->status = 200;
	return 200;
}

int srv_api_answer(srv *s, const vstore *vs, lru *cache, const srv_req *rq, srv_reply *out)
{
	static const struct { const char *path; int ep; int post; } routes[] = {
		{ "/recommend", EP_RECOMMEND, 0 }, { "/similar", EP_SIMILAR, 0 },
		{ "/predict", EP_PREDICT, 0 }, { "/foldin", EP_FOLDIN, 1 },
		{ "/health", EP_HEALTH, 0 }, { "/metrics", EP_METRICS, 0 },
	};
	out->status = 500, out->cache = NULL;
	js_buf_init(&out->body);
	int ep = EP_OTHER;
	for (size_t j = 0; j < sizeof routes / sizeof *routes; j++)
		if (!strcmp(rq->path, routes[j].path))
			ep = routes[j].ep;
	if (ep == EP_OTHER) {
		error(out, 404, "no such path '%.100s' (try /health)", rq->path);
		return ep;
	}
	int post = ep == EP_FOLDIN;
	if (strcmp(rq->method, post ? "POST" : "GET") != 0 && !(!post && !strcmp(rq->method, "HEAD"))) {
		error(out, 405, "%s takes %s, not %.20s", rq->path, post ? "POST" : "GET", rq->method);
		return ep;
	}
	switch (ep) {
	case EP_RECOMMEND: recommend(vs, cache, rq, out); break;
	case EP_SIMILAR: similar(vs, cache, rq, out); break;
	case EP_PREDICT: predict(vs, rq, out); break;
	case EP_FOLDIN: foldin(vs, rq, out); break;
	case EP_HEALTH: health(vs, out); break;
	case EP_METRICS:
		srv_metrics(s, &out->body);
		out->status = 200;
		break;
	}
	if (out->body.oom)
		error(out, 503, "out of memory");
	return ep;
}

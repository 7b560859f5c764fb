/* lt.c: the load generator of lt.h. */
#include <config.h>

#include "serve/lt.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "engine/core/clock.h"

void lt_opts_init(lt_opts *o)
{
	o->url = NULL;
	o->endpoint = "recommend";
	o->query = NULL;
	o->connections = 8;
	o->requests = 2000;
	o->seconds = 10;
	o->zipf_s = 1.0;
	o->seed = 0;
	o->windows = 0;
	o->cancel = NULL;
}

int lt_url_is_loopback(const char *url)
{
	CURLU *h = curl_url();
	char *scheme = NULL, *host = NULL;
	int rc = -1;
	if (h && curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK && !strcasecmp(scheme, "http")) {
		struct in_addr a4;
		struct in6_addr a6, lo6 = IN6ADDR_LOOPBACK_INIT;
		size_t n = strlen(host);
		char bare[64] = "";
		if (n >= 2 && host[0] == '[' && n - 2 < sizeof bare)
			memcpy(bare, host + 1, n - 2), bare[n - 2] = '\0';
		rc = (inet_pton(AF_INET, host, &a4) == 1 && (ntohl(a4.s_addr) >> 24) == 127) ||
		     (inet_pton(AF_INET6, bare, &a6) == 1 && !memcmp(&a6, &lo6, sizeof a6)) ||
		     !strcasecmp(host, "localhost");
	}
	curl_free(scheme), curl_free(host);
	curl_url_cleanup(h);
	return rc;
}

/* splitmix64: small, seeded, good enough to draw users. */
static uint64_t next_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double uniform(uint64_t *s)
{
	return (double)(next_rand(s) >> 11) * (1.0 / 9007199254740992.0);
}

typedef struct buf {
	char *s;
	size_t len;
} buf;

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	buf *b = ctx;
	size_t add = size * n;
	if (!b)
		return add;
	char *s = realloc(b->s, b->len + add + 1);
	if (!s)
		return 0;
	memcpy(s + b->len, p, add);
	b->s = s, b->len += add, s[b->len] = '\0';
	return add;
}

typedef struct slot {
	CURL *h;
	double t0;
	int cache;  /* 1 hit, 0 miss, -1 no header */
	char url[512];
} slot;

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	slot *s = ctx;
	size_t len = size * n;
	if (len >= 8 && !strncasecmp(p, "X-Cache:", 8)) {
		const char *v = p + 8;
		while (*v == ' ')
			v++;
		s->cache = !strncasecmp(v, "hit", 3) ? 1 : 0;
	}
	return len;
}

static void common(CURL *h)
{
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
}

/* The store's number of users (or items), from /health. */
static int health(const char *url, const char *field, ll_error *err)
{
	CURL *h = curl_easy_init();
	if (!h)
		return ll_fail(err, "curl_easy_init failed");
	char u[600];
	snprintf(u, sizeof u, "%s/health", url);
	buf b = { NULL, 0 };
	common(h);
	curl_easy_setopt(h, CURLOPT_URL, u);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	CURLcode c = curl_easy_perform(h);
	long code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(h);
	int n = -1;
	char key[32];
	snprintf(key, sizeof key, "\"%s\":", field);
	const char *at = b.s ? strstr(b.s, key) : NULL;
	if (c != CURLE_OK)
		ll_fail(err, "%s: %s", u, curl_easy_strerror(c));
	else if (code != 200 || !at)
		ll_fail(err, "%s: answered %ld, not a latentlab server", u, code);
	else
		n = atoi(at + strlen(key));
	if (n == 0)
		n = ll_fail(err, "%s: the store has no %s", u, field);
	free(b.s);
	return n;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double quantile(const double *sorted, long n, double q)
{
	if (n <= 0)
		return NAN;
	long i = (long)ceil(q * (double)n) - 1;
	return sorted[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* One run's state: what launch() needs to start a request. */
typedef struct run {
	CURLM *m;
	const char *ep, *base, *extra;
	const double *cdf;
	double acc;
	const int *perm;
	int n, n_items, items_side;
	uint64_t rs;
	lt_report *r;
	int active;
} run;

/* Start the next request on slot s: a Zipf-drawn user (or item). */
static void launch(run *x, slot *s)
{
	double u = uniform(&x->rs) * x->acc;
	int lo = 0, hi = x->n - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (x->cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	int who = x->perm[lo];
	const char *amp = x->extra ? "&" : "", *extra = x->extra ? x->extra : "";
	if (!strcmp(x->ep, "predict"))
		snprintf(s->url, sizeof s->url, "%s/predict?user_index=%d&item_index=%d%s%s", x->base,
			 who, (int)(next_rand(&x->rs) % (uint64_t)x->n_items), amp, extra);
	else
		snprintf(s->url, sizeof s->url, "%s/%s?%s_index=%d%s%s", x->base, x->ep,
			 x->items_side ? "item" : "user", who, amp, extra);
	curl_easy_setopt(s->h, CURLOPT_URL, s->url);
	s->cache = -1;
	s->t0 = ll_now();
	curl_multi_add_handle(x->m, s->h);
	x->r->sent++, x->active++;
}

int lt_run(const lt_opts *o, lt_report *r, ll_error *err)
{
	memset(r, 0, sizeof *r);
	if (!o->url)
		return ll_fail(err, "no URL");
	int lb = lt_url_is_loopback(o->url);
	if (lb < 0)
		return ll_fail(err, "'%s' is not an http:// URL", o->url);
	if (!lb)
		return ll_fail(err, "'%s' is not on this machine: loadtest sends to loopback "
			       "addresses only (127.0.0.1, ::1, localhost)", o->url);
	if (o->connections < 1 || o->connections > 256 || o->requests < 1 ||
	    o->requests > 10000000 || !(o->seconds >= 0.1 && o->seconds <= 600) ||
	    !(o->zipf_s >= 0 && o->zipf_s <= 10) || o->windows < 0 || o->windows > 100)
		return ll_fail(err, "out of bounds: 1..256 connections, 1..10000000 requests, "
			       "0.1..600 seconds, zipf 0..10, 0..100 windows");
	const char *ep = o->endpoint;
	int items_side = !strcmp(ep, "similar");
	if (strcmp(ep, "recommend") && strcmp(ep, "predict") && strcmp(ep, "similar"))
		return ll_fail(err, "the endpoint is recommend, predict or similar, not '%s'", ep);
	size_t ul = strlen(o->url);
	char base[400];
	if (ul >= sizeof base - 1)
		return ll_fail(err, "the URL is too long");
	memcpy(base, o->url, ul + 1);
	while (ul > 0 && base[ul - 1] == '/')
		base[--ul] = '\0';
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return ll_fail(err, "curl_global_init failed");
	int rc = -1;
	int n_items = 0;
	int n = health(base, items_side ? "items" : "users", err);
	if (n > 0 && !strcmp(ep, "predict"))
		n_items = health(base, "items", err);
	double *cdf = NULL, *lat = NULL;
	int *perm = NULL;
	signed char *hit = NULL;
	slot *slots = NULL;
	CURLM *m = NULL;
	if (n <= 0 || (!strcmp(ep, "predict") && n_items <= 0))
		goto out;
	r->users = n;
	cdf = malloc((size_t)n * sizeof *cdf);
	perm = malloc((size_t)n * sizeof *perm);
	lat = malloc((size_t)o->requests * sizeof *lat);
	hit = malloc((size_t)o->requests);
	slots = calloc((size_t)o->connections, sizeof *slots);
	m = curl_multi_init();
	if (!cdf || !perm || !lat || !hit || !slots || !m) {
		ll_fail(err, "out of memory");
		goto out;
	}
	/* Zipf ranks over a seeded shuffle of the indexes. */
	uint64_t rs = o->seed * 0x2545F4914F6CDD1DULL + 1;
	double acc = 0;
	for (int i = 0; i < n; i++) {
		acc += pow((double)(i + 1), -o->zipf_s);
		cdf[i] = acc;
		perm[i] = i;
	}
	for (int i = n - 1; i > 0; i--) {
		int j = (int)(next_rand(&rs) % (uint64_t)(i + 1)), t = perm[i];
		perm[i] = perm[j], perm[j] = t;
	}
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)o->connections);
	curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, (long)o->connections);
	for (int c = 0; c < o->connections; c++) {
		if (!(slots[c].h = curl_easy_init())) {
			ll_fail(err, "curl_easy_init failed");
			goto out;
		}
		common(slots[c].h);
		curl_easy_setopt(slots[c].h, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(slots[c].h, CURLOPT_WRITEDATA, NULL);
		curl_easy_setopt(slots[c].h, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(slots[c].h, CURLOPT_HEADERDATA, &slots[c]);
		curl_easy_setopt(slots[c].h, CURLOPT_PRIVATE, &slots[c]);
	}
	double t0 = ll_now(), deadline = t0 + o->seconds;
	long done = 0;
	const char *extra = o->query && *o->query ? o->query : NULL;
	run x = { m, ep, base, extra, cdf, acc, perm, n, n_items, items_side, rs, r, 0 };
	for (int c = 0; c < o->connections && r->sent < o->requests; c++)
		launch(&x, &slots[c]);
	while (x.active > 0) {
		int running, fds;
		curl_multi_perform(m, &running);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			slot *s;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
			double t = ll_now();
			long code = 0;
			curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &code);
			curl_multi_remove_handle(m, s->h);
			x.active--;
			if (msg->data.result != CURLE_OK || code == 0)
				r->failed++;
			else if (code < 400)
				r->ok++;
			else if (code < 500)
				r->client_errors++;
			else
				r->server_errors++;
			if (msg->data.result == CURLE_OK && code > 0) {
				lat[done] = (t - s->t0) * 1e3;
				hit[done] = (signed char)s->cache;
				r->hits += s->cache == 1, r->misses += s->cache == 0;
				done++;
			}
			int stop = o->cancel && *o->cancel;
			if (!stop && t >= deadline)
				r->stopped_by = 1, stop = 1;
			if (o->cancel && *o->cancel)
				r->stopped_by = 2;
			/* A refused or cut connection: the server is gone; stop. */
			if (msg->data.result == CURLE_COULDNT_CONNECT || msg->data.result == CURLE_GOT_NOTHING ||
			    msg->data.result == CURLE_RECV_ERROR || msg->data.result == CURLE_SEND_ERROR)
				stop = 1, r->stopped_by = 3;
			if (!stop && r->sent < o->requests)
				launch(&x, s);
		}
		if (x.active > 0)
			curl_multi_poll(m, NULL, 0, 50, &fds);
	}
	r->seconds = ll_now() - t0;
	r->throughput = r->seconds > 0 ? (double)done / r->seconds : 0;
	/* Windows over the answers in order, before sorting the latencies. */
	if (o->windows > 0 && done > 0) {
		int nw = o->windows < done ? o->windows : (int)done;
		double *tmp = malloc((size_t)done * sizeof *tmp);
		for (int w = 0; tmp && w < nw; w++) {
			long a = done * w / nw, b = done * (w + 1) / nw, h = 0, cnt = 0;
			for (long j = a; j < b; j++) {
				tmp[j - a] = lat[j];
				h += hit[j] == 1, cnt += hit[j] >= 0;
			}
			qsort(tmp, (size_t)(b - a), sizeof *tmp, by_double);
			r->window[w] = (lt_window){ b - a, cnt ? (double)h / (double)cnt : 0,
						    quantile(tmp, b - a, 0.5), quantile(tmp, b - a, 0.99), 0 };
		}
		free(tmp);
		r->n_windows = nw;
	}
	qsort(lat, (size_t)done, sizeof *lat, by_double);
	double sum = 0;
	for (long j = 0; j < done; j++)
		sum += lat[j];
	r->mean_ms = done ? sum / (double)done : NAN;
	r->p50_ms = quantile(lat, done, 0.50);
	r->p95_ms = quantile(lat, done, 0.95);
	r->p99_ms = quantile(lat, done, 0.99);
	r->max_ms = done ? lat[done - 1] : NAN;
	if (r->ok == 0 && r->failed > 0)
		ll_fail(err, "no answers: the server went away or never answered");
	else
		rc = 0;
out:
	for (int c = 0; slots && c < o->connections; c++)
		if (slots[c].h)
			curl_easy_cleanup(slots[c].h);
	if (m)
		curl_multi_cleanup(m);
	free(cdf), free(perm), free(lat), free(hit), free(slots);
	curl_global_cleanup();
	return rc;
}

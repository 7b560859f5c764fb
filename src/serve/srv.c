/* srv.c: the HTTP side of the inference API: libmicrohttpd on a loopback
 * address, request bodies bounded, and the metrics (counts by endpoint and
 * status class, a latency histogram, the cache's counters). */
#include <config.h>

#include "serve/srv.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "engine/core/clock.h"
#include "serve/srv_impl.h"

/* Latency buckets: upper bounds in microseconds (the last is +Inf). */
static const double bounds_us[] = { 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000,
				    50000, 100000, 250000, 1000000 };
#define N_BUCKETS (sizeof bounds_us / sizeof *bounds_us + 1)

struct srv {
	struct MHD_Daemon *d;
	const vstore *vs;
	lru *cache;
	srv_opts o;
	int port;
	double t0;
	unsigned long long count[EP_N], status[6], bucket[N_BUCKETS];
	unsigned long long ep_us[EP_N]; /* total microseconds per endpoint */
};

void srv_opts_init(srv_opts *o)
{
	o->host = "127.0.0.1";
	o->port = 8080;
	o->threads = 1;
	o->cache_entries = 10000;
	o->max_connections = 256;
	o->max_body = 64 * 1024;
	o->conn_memory = 32 * 1024;
	o->timeout = 30;
}

#define ADD(x, v) __atomic_fetch_add(&(x), (v), __ATOMIC_RELAXED)
#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)

/* One request's state between the calls of the access handler. */
typedef struct conn_req {
	double t0;
	char *body;
	size_t len, cap;
	int too_large;
} conn_req;

static const char *arg(void *ctx, const char *key)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

static void record(srv *s, int ep, int status, double seconds)
{
	double us = seconds * 1e6;
	size_t b = 0;
	while (b < N_BUCKETS - 1 && us > bounds_us[b])
		b++;
	ADD(s->count[ep], 1);
	ADD(s->status[status / 100 <= 5 ? status / 100 : 5], 1);
	ADD(s->bucket[b], 1);
	ADD(s->ep_us[ep], (unsigned long long)us);
}

static enum MHD_Result reply_send(struct MHD_Connection *c, srv_reply *r)
{
	size_t len = r->body.len;
	char *body = r->body.s;
	if (!body) {
		body = strdup("{}\n");
		len = body ? 3 : 0;
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	r->body.s = NULL;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	if (r->cache)
		MHD_add_response_header(resp, "X-Cache", r->cache);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	srv *s = cls;
	conn_req *q = *con_cls;
	if (!q) {
		q = calloc(1, sizeof *q);
		if (!q)
			return MHD_NO;
		q->t0 = ll_now();
		*con_cls = q;
		return MHD_YES;
	}
	if (*upload_size) {
		/* Keep reading a body over the limit, but only to answer 413. */
		if (!q->too_large && q->len + *upload_size > s->o.max_body)
			q->too_large = 1, free(q->body), q->body = NULL, q->len = q->cap = 0;
		if (!q->too_large) {
			if (q->len + *upload_size + 1 > q->cap) {
				size_t cap = (q->len + *upload_size + 1) * 2;
				char *b = realloc(q->body, cap);
				if (!b)
					return MHD_NO;
				q->body = b, q->cap = cap;
			}
			memcpy(q->body + q->len, upload, *upload_size);
			q->len += *upload_size;
			q->body[q->len] = '\0';
		}
		*upload_size = 0;
		return MHD_YES;
	}
	srv_reply r;
	int ep;
	if (q->too_large) {
		js_buf_init(&r.body);
		r.cache = NULL;
		r.status = 413;
		js_printf(&r.body, "{\"error\":\"the body is over %zu bytes\",\"status\":413}\n",
			  s->o.max_body);
		ep = EP_OTHER;
	} else {
		srv_req rq = { url, method, arg, c, q->body, q->len };
		ep = srv_api_answer(s, s->vs, s->cache, &rq, &r);
	}
	int status = r.status;
	enum MHD_Result ok = reply_send(c, &r);
	js_buf_free(&r.body);
	record(s, ep, status, ll_now() - q->t0);
	return ok;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	conn_req *q = *con_cls;
	if (q)
		free(q->body), free(q);
	*con_cls = NULL;
}

static int loopback(const char *host, struct in_addr *a)
{
	return inet_pton(AF_INET, host, a) == 1 && (ntohl(a->s_addr) >> 24) == 127;
}

srv *srv_start(const vstore *vs, const srv_opts *o, ll_error *err)
{
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o->port);
	if (!loopback(o->host, &sa.sin_addr)) {
		ll_fail(err, "'%s' is not a loopback address (127.0.0.0/8): the lab serves "
			"this machine only", o->host);
		return NULL;
	}
	if (o->port < 0 || o->port > 65535 || o->threads < 1 || o->threads > 64) {
		ll_fail(err, "port 0..65535 and 1..64 threads");
		return NULL;
	}
	srv *s = calloc(1, sizeof *s);
	if (!s || !(s->cache = lru_new(o->cache_entries))) {
		free(s);
		ll_fail(err, "out of memory");
		return NULL;
	}
	s->vs = vs, s->o = *o, s->t0 = ll_now();
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
	if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) != MHD_YES)
		flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
	struct MHD_OptionItem pool[] = {
		{ o->threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END,
		  (intptr_t)o->threads, NULL },
		{ MHD_OPTION_END, 0, NULL },
	};
	s->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handle, s,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->max_connections,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, o->conn_memory,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout,
				MHD_OPTION_NOTIFY_COMPLETED, completed, s,
				MHD_OPTION_ARRAY, pool,
				MHD_OPTION_END);
	if (!s->d) {
		ll_fail(err, "cannot listen on %s:%d (in use, or not allowed)", o->host, o->port);
		lru_free(&s->cache);
		free(s);
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : o->port;
	return s;
}

int srv_port(const srv *s)
{
	return s->port;
}

void srv_stop(srv **ps)
{
	srv *s = *ps;
	if (!s)
		return;
	MHD_socket fd = MHD_quiesce_daemon(s->d);
	/* Requests under way finish; idle keep-alive connections are closed. */
	for (int j = 0; j < 100; j++) {
		const union MHD_DaemonInfo *i =
			MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!i || i->num_connections == 0)
			break;
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(s->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	lru_free(&s->cache);
	free(s);
	*ps = NULL;
}

unsigned long long srv_requests(srv *s)
{
	unsigned long long n = 0;
	for (int e = 0; e < EP_N; e++)
		n += LOAD(s->count[e]);
	return n;
}

void srv_metrics(srv *s, js_buf *b)
{
	lru_stats cs;
	lru_get_stats(s->cache, &cs);
	js_printf(b, "{\"uptime_s\":%.3f,\"requests\":%llu,\"threads\":%d,\"endpoints\":{",
		  ll_now() - s->t0, srv_requests(s), s->o.threads);
	for (int e = 0; e < EP_N; e++) {
		unsigned long long n = LOAD(s->count[e]);
		js_printf(b, "%s\"%s\":{\"count\":%llu,\"mean_us\":%.1f}", e ? "," : "",
			  srv_endpoint_names[e], n, n ? (double)LOAD(s->ep_us[e]) / (double)n : 0.0);
	}
	js_printf(b, "},\"status\":{\"2xx\":%llu,\"3xx\":%llu,\"4xx\":%llu,\"5xx\":%llu},",
		  LOAD(s->status[2]), LOAD(s->status[3]), LOAD(s->status[4]), LOAD(s->status[5]));
	js_printf(b, "\"latency_us\":{\"le\":[");
	for (size_t j = 0; j < N_BUCKETS; j++) {
		if (j)
			js_printf(b, ",");
		if (j < N_BUCKETS - 1)
			js_printf(b, "%g", bounds_us[j]);
		else
			js_printf(b, "\"+Inf\"");
	}
	js_printf(b, "],\"count\":[");
	for (size_t j = 0; j < N_BUCKETS; j++)
		js_printf(b, "%s%llu", j ? "," : "", LOAD(s->bucket[j]));
	unsigned long long lookups = cs.hits + cs.misses;
	js_printf(b, "]},\"cache\":{\"capacity\":%zu,\"entries\":%zu,\"bytes\":%zu,\"hits\":%llu,"
		  "\"misses\":%llu,\"evictions\":%llu,\"hit_rate\":%.4f}}\n",
		  cs.capacity, cs.entries, cs.bytes, cs.hits, cs.misses, cs.evictions,
		  lookups ? (double)cs.hits / (double)lookups : 0.0);
}

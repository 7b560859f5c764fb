/* srv.h: the HTTP/1.1 JSON inference API over a vector store, on
 * libmicrohttpd, bound to a loopback address.
 *
 *   GET  /recommend?user=U[&n=10][&search=exact|ivf][&nprobe=N][&cache=0]
 *        the n best items U has not rated: {"user","n","search","items":
 *        [{"item","title","score","prediction"}...]}
 *   GET  /similar?item=I[&n=10][&search=exact|ivf][&nprobe=N][&cache=0]
 *        the n items nearest I by the cosine of their vectors
 *   GET  /predict?user=U&item=I     {"score": raw estimate, "prediction"}
 *   POST /foldin  {"ratings": {"ITEM": 5, ...}, "n": 10, "search": "exact"}
 *        a new user's vector solved from the ratings, and what to recommend
 *   GET  /health                    {"status":"ok", the store's shape}
 *   GET  /metrics                   request counts by endpoint and status,
 *        a latency histogram, the cache's hits, misses and hit rate
 *
 * user_index=N and item_index=N name a row by the store's index instead
 * of by name (the load generator sends those).
 *
 * Answers to recommend and similar are kept in an LRU cache keyed by the
 * request (X-Cache: hit|miss says which); cache=0 bypasses it. A bad
 * request gets a 4xx with {"error": "..."}: 400 for a malformed parameter
 * or body, 404 for an unknown path, user or item, 405 for a wrong method,
 * 413 for a body over the limit, 414/431 (from libmicrohttpd) for a request
 * line or headers over the connection's memory limit. */
#ifndef LL_SRV_H
#define LL_SRV_H

#include <stddef.h>

#include "engine/core/err.h"
#include "serve/json.h"
#include "serve/vstore.h"

typedef struct srv_opts {
	const char *host;       /* a loopback IPv4 address (default 127.0.0.1) */
	int port;               /* 0: any free port (srv_port says which) */
	int threads;            /* 1: one thread polls and answers; N: a pool */
	size_t cache_entries;   /* 0: no cache */
	int max_connections;    /* more are refused at accept */
	size_t max_body;        /* bytes of a POST body */
	size_t conn_memory;     /* bytes per connection for the request line and headers */
	int timeout;            /* seconds an idle connection is kept */
} srv_opts;

void srv_opts_init(srv_opts *o);

typedef struct srv srv;

/* Start answering (vs is borrowed and must outlive the server). */
srv *srv_start(const vstore *vs, const srv_opts *o, ll_error *err);
int srv_port(const srv *s);
/* Stop accepting, let open requests finish (up to a second), stop. */
void srv_stop(srv **s);

/* /metrics's body. */
void srv_metrics(srv *s, js_buf *b);
/* Requests answered so far. */
unsigned long long srv_requests(srv *s);

#endif

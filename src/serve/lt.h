/* lt.h: a bounded load generator for the inference API (srv.h), on
 * libcurl's multi interface.
 *
 * Several keep-alive connections each send one request at a time (a closed
 * loop: a connection sends its next request when its answer has come), so
 * "more traffic" is more connections. Users are drawn from a Zipf law over
 * the store's users (rank r with weight 1 / r^s; the ranks shuffled over
 * user indexes by the seed), which is what makes a cache of answers pay.
 * Only loopback hosts are accepted (127.0.0.0/8, ::1, localhost), proxies
 * are never used, and the run stops by itself: after `requests` requests
 * or `seconds` seconds, whichever comes first. */
#ifndef LL_LT_H
#define LL_LT_H

#include <signal.h>
#include <stddef.h>

#include "engine/core/err.h"

typedef struct lt_opts {
	const char *url;        /* the server: "http://127.0.0.1:8080" */
	const char *endpoint;   /* recommend (default), predict or similar */
	const char *query;      /* more parameters, "n=10&search=ivf" (may be NULL) */
	int connections;        /* 1..256 (default 8) */
	long requests;          /* 1..10000000 (default 2000) */
	double seconds;         /* 0.1..600 (default 10) */
	double zipf_s;          /* exponent >= 0 (default 1; 0 is uniform) */
	unsigned long seed;
	int windows;            /* summaries of consecutive slices of the run (0..100) */
	volatile sig_atomic_t *cancel;
} lt_opts;

void lt_opts_init(lt_opts *o);

typedef struct lt_window {
	long requests;
	double hit_rate, p50_ms, p99_ms, seconds;
} lt_window;

typedef struct lt_report {
	long sent, ok, client_errors, server_errors, failed; /* failed: no answer */
	long hits, misses;      /* from the X-Cache header */
	int users;              /* the store's users, from /health */
	double seconds, throughput;
	double mean_ms, p50_ms, p95_ms, p99_ms, max_ms;
	lt_window window[100];
	int n_windows;
	int stopped_by;         /* 0 count, 1 time, 2 cancel */
} lt_report;

/* 1 when url's host is a loopback address, 0 otherwise, -1 when url is not
 * an http URL. */
int lt_url_is_loopback(const char *url);

/* Run the load; 0 or -1 with a message (no server, not loopback, ...). */
int lt_run(const lt_opts *o, lt_report *r, ll_error *err);

#endif

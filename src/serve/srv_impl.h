/* srv_impl.h: what srv.c (HTTP, metrics) and srv_api.c (the answers)
 * share. */
#ifndef LL_SRV_IMPL_H
#define LL_SRV_IMPL_H

#include "serve/json.h"
#include "serve/lru.h"
#include "serve/vstore.h"

enum { EP_RECOMMEND, EP_SIMILAR, EP_PREDICT, EP_FOLDIN, EP_HEALTH, EP_METRICS, EP_OTHER, EP_N };
extern const char *const srv_endpoint_names[EP_N];

typedef struct srv_req {
	const char *path, *method;
	/* The query parameter key, or NULL. */
	const char *(*arg)(void *ctx, const char *key);
	void *arg_ctx;
	const char *body;
	size_t body_len;
} srv_req;

typedef struct srv_reply {
	int status;
	js_buf body;
	const char *cache;   /* "hit", "miss", or NULL (not cacheable) */
} srv_reply;

typedef struct srv srv;

/* Answer one request into out (status, body); returns its endpoint. */
int srv_api_answer(srv *s, const vstore *vs, lru *cache, const srv_req *rq, srv_reply *out);

#endif

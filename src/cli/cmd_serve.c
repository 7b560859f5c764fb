/* cmd_serve.c: `latentlab serve`: the inference API (src/serve/srv.h) over
 * a vector store, on a loopback address, until SIGINT or SIGTERM. */
#include <config.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "engine/core/clock.h"
#include "engine/core/intl.h"
#include "serve/srv.h"
#include "serve/vstore.h"

int cli_serve(int argc, char **argv);

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab serve --db FILE [OPTION]...\n"
		"Answer HTTP/1.1 JSON requests from a vector store written by 'export-db',\n"
		"on a loopback address, until SIGINT (Ctrl-C) or SIGTERM; then finish the\n"
		"requests under way and exit 0.\n"
		"\n"
		"  --db FILE             the store\n"
		"  -p, --port N          the port (default 8080; 0: any free one)\n"
		"      --host ADDR       a loopback address (default 127.0.0.1)\n"
		"  -t, --threads N       threads answering (default 1)\n"
		"      --cache N         answers kept in the LRU cache (default 10000; 0: none)\n"
		"      --ivf             also build an IVF index (search=ivf in requests)\n"
		"      --nlist N         its cells (default about sqrt(items))\n"
		"      --max-connections N  open connections at most (default 256)\n"
		"      --max-body BYTES  the largest POST body (default 65536)\n"
		"  -h, --help            display this help and exit\n"
		"  -V, --version         output version information and exit\n"
		"\n"
		"Endpoints (GET unless said):\n"
		"  /recommend?user=U&n=10&search=exact|ivf&nprobe=N&cache=0|1\n"
		"  /similar?item=I&n=10&search=exact|ivf      (cosine of item vectors)\n"
		"  /predict?user=U&item=I\n"
		"  POST /foldin  {\"ratings\": {\"ITEM\": 5, ...}, \"n\": 10}\n"
		"  /health, /metrics  (counts, latency histogram, cache hit rate)\n"
		"user_index=N and item_index=N name rows by index instead.\n"
		"\n"
		"Example: latentlab serve --db ml.db --port 8080 --ivf &\n"
		"         curl 'http://127.0.0.1:8080/recommend?user=196&n=5'\n"), out);
}

typedef struct sopts {
	const char *db, *port, *host, *threads, *cache, *nlist, *maxconn, *maxbody;
	int ivf;
} sopts;

static int on_opt(void *ctx, const char *name, const char *v)
{
	sopts *o = ctx;
	if (!strcmp(name, "ivf")) {
		o->ivf = 1;
		return 0;
	}
	const char **slot = !strcmp(name, "db") ? &o->db : !strcmp(name, "port") ? &o->port
			  : !strcmp(name, "host") ? &o->host : !strcmp(name, "threads") ? &o->threads
			  : !strcmp(name, "cache") ? &o->cache : !strcmp(name, "nlist") ? &o->nlist
			  : !strcmp(name, "max-connections") ? &o->maxconn : &o->maxbody;
	*slot = v;
	return 0;
}

static const cli_opt serve_opts[] = {
	{ "db", 0, "FILE" }, { "port", 'p', "N" }, { "host", 0, "ADDR" }, { "threads", 't', "N" },
	{ "cache", 0, "N" }, { "ivf", 0, NULL }, { "nlist", 0, "N" },
	{ "max-connections", 0, "N" }, { "max-body", 0, "BYTES" }, { NULL, 0, NULL },
};

/* A whole number in [lo, hi], or -1 after a usage message. */
static long number(const char *opt, const char *v, long lo, long hi)
{
	char *end;
	long x = v ? strtol(v, &end, 10) : lo;
	if (v && (end == v || *end || x < lo || x > hi)) {
		char msg[80];
		snprintf(msg, sizeof msg, "--%s needs a whole number from %ld to %ld, not '%%s'", opt, lo, hi);
		cli_usage_error("serve", msg, v);
		return -1;
	}
	return x;
}

int cli_serve(int argc, char **argv)
{
	sopts o = { 0 };
	int first;
	const cli_spec spec = { "serve", serve_opts, usage, on_opt, &o };
	int rc = cli_parse(&spec, argc, argv, &first);
	if (rc != CLI_GO)
		return rc;
	if (first < argc)
		return cli_usage_error("serve", "unexpected argument '%s'", argv[first]);
	if (!o.db)
		return cli_usage_error("serve", "%s", "missing --db FILE (write one with 'latentlab export-db')");
	srv_opts so;
	srv_opts_init(&so);
	long port = o.port ? number("port", o.port, 0, 65535) : so.port;
	long threads = number("threads", o.threads, 1, 64);
	long cache = o.cache ? number("cache", o.cache, 0, 10000000) : (long)so.cache_entries;
	long nlist = number("nlist", o.nlist, 0, 1000000);
	long maxc = o.maxconn ? number("max-connections", o.maxconn, 1, 10000) : so.max_connections;
	long maxb = o.maxbody ? number("max-body", o.maxbody, 16, 64L << 20) : (long)so.max_body;
	if (port < 0 || threads < 0 || cache < 0 || nlist < 0 || maxc < 0 || maxb < 0)
		return CLI_USAGE;
	so.port = (int)port, so.threads = (int)threads, so.cache_entries = (size_t)cache;
	so.max_connections = (int)maxc, so.max_body = (size_t)maxb;
	if (o.host)
		so.host = o.host;
	ll_error err;
	double t0 = ll_now();
	vstore *vs = vstore_open(o.db, &err);
	if (!vs) {
		fprintf(stderr, "latentlab serve: %s\n", err.msg);
		return CLI_FAIL;
	}
	if (o.ivf && vstore_build_ivf(vs, (int)nlist, 0, &err) < 0) {
		fprintf(stderr, "latentlab serve: %s\n", err.msg);
		vstore_free(&vs);
		return CLI_FAIL;
	}
	/* The signals wait for sigwait here; the server's threads, made after
	 * this, inherit the mask and never see them. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	srv *s = srv_start(vs, &so, &err);
	if (!s) {
		fprintf(stderr, "latentlab serve: %s\n", err.msg);
		vstore_free(&vs);
		return CLI_FAIL;
	}
	printf("serving %s (%s k=%d, %d users, %d items, %s%s) on http://%s:%d/ "
	       "with %d thread%s, cache %ld (ready in %.3f s)\n",
	       o.db, vstore_algo(vs), vstore_k(vs), vstore_n_users(vs), vstore_n_items(vs),
	       vstore_precision(vs), vstore_has_ivf(vs) ? ", IVF" : "", so.host, srv_port(s),
	       so.threads, so.threads == 1 ? "" : "s", cache, ll_now() - t0);
	fflush(stdout);
	int sig = 0;
	sigwait(&set, &sig);
	unsigned long long n = srv_requests(s);
	srv_stop(&s);
	vstore_free(&vs);
	fprintf(stderr, _("latentlab serve: %s: stopped after %llu requests\n"),
		sig == SIGTERM ? "SIGTERM" : "SIGINT", n);
	return CLI_OK;
}

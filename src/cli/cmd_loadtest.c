/* cmd_loadtest.c: `latentlab loadtest`: a bounded stream of requests to a
 * `latentlab serve` on this machine (src/serve/lt.h), and what it cost. */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/cli.h"
#include "cli/format.h"
#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "serve/lt.h"

int cli_loadtest(int argc, char **argv);

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab loadtest URL [OPTION]...\n"
		"Send requests to a 'latentlab serve' at URL (a loopback address only:\n"
		"127.0.0.1, ::1 or localhost) over several keep-alive connections, users\n"
		"drawn from a Zipf law, and report throughput, latency percentiles and the\n"
		"cache hit rate. Stops after --requests requests or --seconds seconds.\n"
		"\n"
		"  -c, --connections N   connections, each one request at a time (default 8)\n"
		"  -n, --requests N      requests at most (default 2000; up to 10000000)\n"
		"  -s, --seconds S       seconds at most (default 10; up to 600)\n"
		"  -e, --endpoint E      recommend (default), similar or predict\n"
		"  -q, --query Q         more parameters, such as 'n=10&search=ivf&nprobe=4'\n"
		"      --zipf S          the exponent (default 1; 0 draws users uniformly)\n"
		"      --seed N          the seed of the draws (default 0)\n"
		"  -w, --windows N       also summarize N consecutive slices of the run (the\n"
		"                        cache warming up)\n"
		"  -f, --format FMT      text (default), csv or json\n"
		"  -h, --help            display this help and exit\n"
		"  -V, --version         output version information and exit\n"
		"\n"
		"Example: latentlab loadtest http://127.0.0.1:8080 -c 4 -n 5000 -w 10\n"), out);
}

typedef struct lopts {
	const char *conns, *requests, *seconds, *endpoint, *query, *zipf, *seed, *windows, *format;
} lopts;

static int on_opt(void *ctx, const char *name, const char *v)
{
	lopts *o = ctx;
	const char **slot = !strcmp(name, "connections") ? &o->conns
			  : !strcmp(name, "requests") ? &o->requests
			  : !strcmp(name, "seconds") ? &o->seconds
			  : !strcmp(name, "endpoint") ? &o->endpoint
			  : !strcmp(name, "query") ? &o->query : !strcmp(name, "zipf") ? &o->zipf
			  : !strcmp(name, "seed") ? &o->seed : !strcmp(name, "windows") ? &o->windows
			  : &o->format;
	*slot = v;
	return 0;
}

static const cli_opt lt_cli_opts[] = {
	{ "connections", 'c', "N" }, { "requests", 'n', "N" }, { "seconds", 's', "S" },
	{ "endpoint", 'e', "E" }, { "query", 'q', "Q" }, { "zipf", 0, "S" }, { "seed", 0, "N" },
	{ "windows", 'w', "N" }, { "format", 'f', "FMT" }, { NULL, 0, NULL },
};

static int num(const char *opt, const char *v, double lo, double hi, double *out)
{
	if (!v)
		return 0;
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end || !(x >= lo && x <= hi)) {
		char msg[80];
		snprintf(msg, sizeof msg, "--%s needs a number from %g to %g, not '%%s'", opt, lo, hi);
		return cli_usage_error("loadtest", msg, v);
	}
	*out = x;
	return 0;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

int cli_loadtest(int argc, char **argv)
{
	lopts o = { .format = "text" };
	int first;
	const cli_spec spec = { "loadtest", lt_cli_opts, usage, on_opt, &o };
	int rc = cli_parse(&spec, argc, argv, &first);
	if (rc != CLI_GO)
		return rc;
	if (first >= argc)
		return cli_usage_error("loadtest", "%s", "missing URL (such as http://127.0.0.1:8080)");
	if (first + 1 < argc)
		return cli_usage_error("loadtest", "unexpected argument '%s'", argv[first + 1]);
	lt_opts lo;
	lt_opts_init(&lo);
	lo.url = argv[first];
	double c = lo.connections, n = (double)lo.requests, w = 0, seed = 0;
	fmt_kind kind;
	if (num("connections", o.conns, 1, 256, &c) || num("requests", o.requests, 1, 1e7, &n) ||
	    num("seconds", o.seconds, 0.1, 600, &lo.seconds) || num("zipf", o.zipf, 0, 10, &lo.zipf_s) ||
	    num("seed", o.seed, 0, 4e9, &seed) || num("windows", o.windows, 0, 100, &w))
		return CLI_USAGE;
	if (fmt_parse_kind(o.format, &kind) < 0)
		return cli_usage_error("loadtest", "--format is text, csv or json, not '%s'", o.format);
	int lb = lt_url_is_loopback(lo.url);
	if (lb <= 0) {
		fprintf(stderr, "latentlab loadtest: %s: %s\n", lo.url,
			lb < 0 ? "not an http:// URL"
			       : "not on this machine: loadtest sends to loopback addresses only "
				 "(127.0.0.1, ::1, localhost)");
		return CLI_USAGE;
	}
	lo.connections = (int)c, lo.requests = (long)n, lo.seed = (unsigned long)seed;
	lo.windows = (int)w;
	if (o.endpoint)
		lo.endpoint = o.endpoint;
	lo.query = o.query;
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	lo.cancel = &stop;
	lt_report r;
	ll_error err;
	rc = lt_run(&lo, &r, &err);
	sigaction(SIGINT, &old, NULL);
	if (rc < 0) {
		fprintf(stderr, "latentlab loadtest: %s\n", err.msg);
		return CLI_FAIL;
	}
	long cached = r.hits + r.misses;
	double hit_rate = cached ? (double)r.hits / (double)cached : 0;
	static const char *const why[] = { "count", "time", "interrupted", "server gone" };
	fmt_table *t = fmt_table_new(), *tw = fmt_table_new();
	const char *cols[] = { "requests", "ok", "4xx", "5xx", "failed", "seconds", "req_per_s",
			       "mean_ms", "p50_ms", "p95_ms", "p99_ms", "max_ms", "hit_rate" };
	for (size_t j = 0; j < sizeof cols / sizeof *cols; j++)
		fmt_table_column(t, cols[j], 'r');
	fmt_table_row(t);
	fmt_table_int(t, r.sent), fmt_table_int(t, r.ok), fmt_table_int(t, r.client_errors);
	fmt_table_int(t, r.server_errors), fmt_table_int(t, r.failed);
	fmt_table_num(t, r.seconds, 3), fmt_table_num(t, r.throughput, 1);
	fmt_table_num(t, r.mean_ms, 3), fmt_table_num(t, r.p50_ms, 3), fmt_table_num(t, r.p95_ms, 3);
	fmt_table_num(t, r.p99_ms, 3), fmt_table_num(t, r.max_ms, 3), fmt_table_num(t, hit_rate, 4);
	fmt_table_column(tw, "window", 'r'), fmt_table_column(tw, "requests", 'r');
	fmt_table_column(tw, "hit_rate", 'r'), fmt_table_column(tw, "p50_ms", 'r');
	fmt_table_column(tw, "p99_ms", 'r');
	for (int j = 0; j < r.n_windows; j++) {
		fmt_table_row(tw);
		fmt_table_int(tw, j + 1), fmt_table_int(tw, r.window[j].requests);
		fmt_table_num(tw, r.window[j].hit_rate, 4), fmt_table_num(tw, r.window[j].p50_ms, 3);
		fmt_table_num(tw, r.window[j].p99_ms, 3);
	}
	if (kind == FMT_JSON) {
		fmt_json j;
		fmt_json_init(&j, stdout);
		fmt_json_begin_object(&j, NULL);
		fmt_json_string(&j, "url", lo.url);
		fmt_json_string(&j, "endpoint", lo.endpoint);
		fmt_json_int(&j, "connections", lo.connections);
		fmt_json_number(&j, "zipf", lo.zipf_s);
		fmt_json_int(&j, "users", r.users);
		fmt_json_string(&j, "stopped_by", why[r.stopped_by]);
		fmt_json_table(&j, "summary", t);
		if (r.n_windows)
			fmt_json_table(&j, "windows", tw);
		fmt_json_end_object(&j);
		fmt_json_finish(&j);
	} else {
		if (kind == FMT_TEXT) {
			/* One sentence per side drawn; why[] stays the JSON's word.
			 * Wrapped at the width, as the URL is as long as it is. */
			char line[2048];
			snprintf(line, sizeof line, strcmp(lo.endpoint, "similar")
				 ? _("%s %s: %d connections, Zipf s=%g over %d users, stopped by %s\n\n")
				 : _("%s %s: %d connections, Zipf s=%g over %d items, stopped by %s\n\n"),
				 lo.url, lo.endpoint, lo.connections, lo.zipf_s, r.users,
				 why[r.stopped_by]);
			uw_fwrap(stdout, line, FMT_WIDTH, "  ");
			/* Thirteen measures side by side are wider than 80: one a row. */
			fmt_table_print_text_fit(t, FMT_WIDTH, stdout);
		} else {
			fmt_table_print(t, kind, stdout);
		}
		if (r.n_windows) {
			if (kind == FMT_TEXT)
				printf(_("\nThe run in %d slices, in order:\n\n"), r.n_windows);
			fmt_table_print(tw, kind, stdout);
		}
	}
	fmt_table_free(&t), fmt_table_free(&tw);
	return r.ok > 0 ? CLI_OK : CLI_FAIL;
}

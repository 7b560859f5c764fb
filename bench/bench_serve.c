/* bench_serve.c: serving ml-100k's factors: export time and file size at
 * f32, int8 and int4; then requests per second and p99 latency of
 * /recommend over loopback (the load generator in this process, 8 keep-alive
 * connections, Zipf users), exact and IVF search, with and without the
 * cache, one and two server threads; each against the first (exact, no
 * cache, one thread). Needs $LATENTLAB_DATA/ml-100k. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/algo.h"
#include "engine/core/clock.h"
#include "engine/data/load.h"
#include "serve/lt.h"
#include "serve/srv.h"
#include "serve/vstore.h"

int main(int argc, char **argv)
{
	const char *data = getenv("LATENTLAB_DATA");
	char dir[1024], db[64], tmpl[] = "/tmp/bench_serve.XXXXXX";
	if (!data || !*data) {
		printf("bench_serve: LATENTLAB_DATA is not set: nothing to measure\n");
		return 0;
	}
	snprintf(dir, sizeof dir, "%s/ml-100k", data);
	ll_error err;
	ratings *r = load_path(dir, &err);
	if (!r) {
		printf("bench_serve: %s\n", err.msg);
		return 0;
	}
	long n_req = argc > 1 ? atol(argv[1]) : 20000;
	params *p = params_new();
	params_set(p, "k", "64");
	params_set(p, "epochs", "20");
	params_set(p, "seed", "1");
	model *m = model_new("biased", p, &err);
	params_free(&p);
	if (!m || model_fit(m, r, &err) < 0) {
		printf("bench_serve: %s\n", err.msg);
		return 1;
	}
	if (!mkdtemp(tmpl))
		return 1;
	printf("ml-100k: %d users, %d items, %zu ratings; biased k=%d\n\n", ratings_n_users(r),
	       ratings_n_items(r), ratings_count(r), model_k(m));
	printf("%-9s %10s %12s %10s\n", "precision", "export_s", "bytes", "of_f32");
	size_t f32_bytes = 0;
	quant_prec ps[] = { QUANT_F32, QUANT_INT8, QUANT_INT4 };
	for (int j = 0; j < 3; j++) {
		vstore_export_opts o;
		vstore_export_opts_init(&o);
		o.precision = ps[j];
		snprintf(db, sizeof db, "%s/%s.db", tmpl, quant_name(ps[j]));
		size_t bytes = 0;
		double t0 = ll_now();
		if (vstore_export(m, r, db, &o, &bytes, &err) < 0) {
			printf("bench_serve: %s\n", err.msg);
			return 1;
		}
		double t = ll_now() - t0;
		if (j == 0)
			f32_bytes = bytes;
		printf("%-9s %10.3f %12zu %10.3f\n", quant_name(ps[j]), t, bytes,
		       (double)bytes / (double)f32_bytes);
	}
	snprintf(db, sizeof db, "%s/f32.db", tmpl);
	vstore *vs = vstore_open(db, &err);
	if (!vs || vstore_build_ivf(vs, 0, 0, &err) < 0) {
		printf("bench_serve: %s\n", err.msg);
		return 1;
	}
	printf("\n/recommend?n=10, %ld requests (or 10 s) per row, 8 connections, Zipf s=1;\n"
	       "IVF: %d cells, %d probed\n\n", n_req, vstore_ivf_nlist(vs), vstore_ivf_nprobe(vs));
	printf("%-6s %-6s %7s %10s %8s %8s %8s %9s\n", "search", "cache", "threads", "req_per_s",
	       "p50_ms", "p99_ms", "hit_rate", "x_ref");
	double ref = 0;
	for (int ivf = 0; ivf < 2; ivf++)
		for (int cache = 0; cache < 2; cache++)
			for (int th = 1; th <= 2; th++) {
				srv_opts so;
				srv_opts_init(&so);
				so.port = 0, so.threads = th, so.cache_entries = cache ? 10000 : 0;
				srv *s = srv_start(vs, &so, &err);
				if (!s) {
					printf("bench_serve: %s\n", err.msg);
					return 1;
				}
				char url[64];
				snprintf(url, sizeof url, "http://127.0.0.1:%d", srv_port(s));
				lt_opts lo;
				lt_opts_init(&lo);
				lo.url = url, lo.requests = n_req, lo.seconds = 10, lo.connections = 8;
				lo.query = ivf ? "n=10&search=ivf" : "n=10";
				lt_report rep;
				int rc = lt_run(&lo, &rep, &err);
				srv_stop(&s);
				if (rc < 0) {
					printf("bench_serve: %s\n", err.msg);
					return 1;
				}
				long looked = rep.hits + rep.misses;
				if (ref == 0)
					ref = rep.throughput;
				printf("%-6s %-6s %7d %10.0f %8.3f %8.3f %8.3f %9.2f\n",
				       ivf ? "ivf" : "exact", cache ? "10000" : "none", th, rep.throughput,
				       rep.p50_ms, rep.p99_ms,
				       looked ? (double)rep.hits / (double)looked : 0.0, rep.throughput / ref);
			}
	vstore_free(&vs);
	model_free(&m);
	ratings_free(&r);
	for (int j = 0; j < 3; j++) {
		snprintf(db, sizeof db, "%s/%s.db", tmpl, quant_name(ps[j]));
		unlink(db);
	}
	rmdir(tmpl);
	return 0;
}

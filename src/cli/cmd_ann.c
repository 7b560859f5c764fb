/* cmd_ann.c: `latentlab ann`: exact against approximate (IVF) top-k search
 * over item factors or a synthetic catalogue: recall@k and queries per second
 * at each nprobe, and how often dot, cosine and Euclidean rankings agree. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/clock.h"
#include "engine/core/intl.h"
#include "cli/args.h"
#include "cli/cli.h"
#include "cli/format.h"
#include "cli/nbcli.h"
#include "engine/vectors/ann_ivf.h"
#include "engine/core/params.h"
#include "engine/vectors/vsearch.h"
#include "lab/view/uwidth.h"

int cli_ann(int argc, char **argv);

static void usage(FILE *out)
{
	fputs(_("Usage: latentlab ann (--data PATH | --synthetic N) [OPTION]... [KEY=VALUE]...\n"
		"Build an IVF index (seeded k-means) over item vectors and measure it against\n"
		"exact search: recall@K and queries per second (one thread) at each nprobe,\n"
		"the smallest nprobe reaching the target recall, and how often the exact top K\n"
		"by dot product, cosine and Euclidean distance agree.\n"
		"\n"
		"  --data PATH       train a model (default biased k=32) and index its item\n"
		"                    factors; its user factors are the queries\n"
		"  --synthetic N     index N clustered random vectors instead\n"
		"  --dim D           dimensions of synthetic vectors (default 32)\n"
		"  --clusters C      clusters of synthetic vectors (default 1000)\n"
		"  --algo NAME       the model for --data (default biased)\n"
		"  --metric M        dot (default), cosine or euclidean\n"
		"  --mips            dot: search as nearest neighbour after adding a column\n"
		"                    sqrt(M^2 - |x|^2) (Bachrach et al. 2014)\n"
		"  --nlist L         cells of the index (default about sqrt(N))\n"
		"  --nprobe LIST     cells probed, e.g. 1,2,4,8 (default powers of 2 up to nlist)\n"
		"  --queries Q       queries measured (default: 1000 users for --data, 200\n"
		"                    for --synthetic); metric agreement uses the first 100\n"
		"  --k K             neighbours per query (default 10)\n"
		"  --target R        recall to reach (default 0.95)\n"
		"  --seed N          seed of the model, the catalogue and k-means (default 0)\n"
		"  --format FMT      text (default), csv or json\n"
		"  -h, --help        display this help and exit\n"
		"  -V, --version     output version information and exit\n"
		"\n"
		"Examples: latentlab ann --data ml-100k\n"
		"          latentlab ann --synthetic 1000000 --nprobe 1,2,4,8,16,32\n"), out);
}

typedef struct aopts {
	const char *data, *algo;
	long synthetic;
	int dim, clusters, nlist, queries, k, n_probe, probes[32], mips;
	vs_metric metric;
	double target;
	unsigned long seed;
	fmt_kind fmt;
	params *p;
} aopts;

static int num(const char *v, long lo, long hi, long *out)
{
	char *end;
	long x = strtol(v, &end, 10);
	if (end == v || *end || x < lo || x > hi)
		return -1;
	*out = x;
	return 0;
}

static int on_opt(void *ctx, const char *name, const char *v)
{
	aopts *o = ctx;
	long l;
	if (!strcmp(name, "data")) {
		o->data = v;
	} else if (!strcmp(name, "algo")) {
		o->algo = v;
	} else if (!strcmp(name, "synthetic")) {
		if (num(v, 1, 100000000, &o->synthetic) < 0)
			return cli_usage_error("ann", "--synthetic needs a number of vectors, not '%s'", v);
	} else if (!strcmp(name, "dim")) {
		if (num(v, 1, 4096, &l) < 0)
			return cli_usage_error("ann", "--dim needs 1 to 4096, not '%s'", v);
		o->dim = (int)l;
	} else if (!strcmp(name, "clusters")) {
		if (num(v, 1, 10000000, &l) < 0)
			return cli_usage_error("ann", "--clusters needs a positive number, not '%s'", v);
		o->clusters = (int)l;
	} else if (!strcmp(name, "nlist")) {
		if (num(v, 1, 1000000, &l) < 0)
			return cli_usage_error("ann", "--nlist needs a positive number, not '%s'", v);
		o->nlist = (int)l;
	} else if (!strcmp(name, "nprobe")) {
		o->n_probe = nbcli_int_list(v, o->probes, 32);
		if (o->n_probe < 1)
			return cli_usage_error("ann", "--nprobe needs a list such as 1,2,4,8, not '%s'", v);
	} else if (!strcmp(name, "queries")) {
		if (num(v, 1, 1000000, &l) < 0)
			return cli_usage_error("ann", "--queries needs a positive number, not '%s'", v);
		o->queries = (int)l;
	} else if (!strcmp(name, "k")) {
		if (num(v, 1, 10000, &l) < 0)
			return cli_usage_error("ann", "--k needs 1 to 10000, not '%s'", v);
		o->k = (int)l;
	} else if (!strcmp(name, "target")) {
		char *end;
		o->target = strtod(v, &end);
		if (end == v || *end || !(o->target > 0 && o->target <= 1))
			return cli_usage_error("ann", "--target needs a recall in (0, 1], not '%s'", v);
	} else if (!strcmp(name, "mips")) {
		o->mips = 1;
	} else if (!strcmp(name, "metric")) {
		if (!strcmp(v, "dot"))
			o->metric = VS_DOT;
		else if (!strcmp(v, "cosine"))
			o->metric = VS_COSINE;
		else if (!strcmp(v, "euclidean"))
			o->metric = VS_EUCLIDEAN;
		else if (*v)
			return cli_usage_error("ann", "--metric is dot, cosine or euclidean, not '%s'", v);
	} else if (!strcmp(name, "seed")) {
		if (num(v, 0, 2147483647L, &l) < 0)
			return cli_usage_error("ann", "--seed needs a whole number >= 0, not '%s'", v);
		o->seed = (unsigned long)l;
	} else if (!strcmp(name, "format")) {
		if (fmt_parse_kind(v, &o->fmt) < 0)
			return cli_usage_error("ann", "--format is text, csv or json, not '%s'", v);
	}
	return 0;
}

static const cli_opt ann_opts[] = {
	{ "data", 'd', "DATA" },
	{ "algo", 'a', "ALGO" },
	{ "synthetic", 0, "SYNTHETIC" },
	{ "dim", 0, "DIM" },
	{ "clusters", 0, "CLUSTERS" },
	{ "nlist", 0, "NLIST" },
	{ "nprobe", 0, "NPROBE" },
	{ "queries", 0, "QUERIES" },
	{ "k", 0, "K" },
	{ "target", 0, "TARGET" },
	{ "mips", 0, NULL },
	{ "metric", 0, "METRIC" },
	{ "seed", 0, "SEED" },
	{ "format", 'f', "FORMAT" },
	{ NULL, 0, NULL },
};

static int parse(int argc, char **argv, aopts *o)
{
	int first;
	const cli_spec spec = { "ann", ann_opts, usage, on_opt, o };
	int prc = cli_parse(&spec, argc, argv, &first);
	if (prc != CLI_GO)
		return prc == CLI_OK ? -1 : prc;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (strchr(a, '=')) {
			ll_error err;
			if (params_set_kv(o->p, a, &err) < 0)
				return cli_usage_error("ann", "%s", err.msg);
		} else
			return cli_usage_error("ann", "unexpected argument '%s'", a);
	}
	if (!o->data == !o->synthetic)
		return cli_usage_error("ann", "%s", "give --data PATH or --synthetic N");
	return 0;
}

/* The vectors: a model's item factors (queries: its user factors), or a
 * synthetic catalogue (queries: fresh draws from the same clusters). */
static int vectors(aopts *o, float **x, int *n, int *d, float **q, int *nq, char *what, size_t wsize)
{
	ll_error err;
	if (o->synthetic) {
		*n = (int)o->synthetic, *d = o->dim;
		*x = vs_synthetic(*n, *d, o->clusters, 0.5, o->seed, &err);
		/* The same centres (same seed), new points: queries from a copy
		 * drawn with the catalogue's generator would repeat it, so take
		 * the points of a catalogue one longer and use the tail. */
		*nq = o->queries;
		float *qq = *x ? vs_synthetic(*n + *nq, *d, o->clusters, 0.5, o->seed, &err) : NULL;
		if (!*x || !qq) {
			fprintf(stderr, "latentlab ann: %s\n", err.msg);
			free(*x), free(qq);
			return -1;
		}
		*q = malloc((size_t)*nq * *d * sizeof **q);
		memcpy(*q, qq + (size_t)*n * *d, (size_t)*nq * *d * sizeof **q);
		free(qq);
		snprintf(what, wsize, "synthetic catalogue: %d vectors of %d dims in %d clusters (seed %lu)",
			*n, *d, o->clusters, o->seed);
		return 0;
	}
	ratings *r = nbcli_load("ann", o->data, NULL);
	if (!r)
		return -1;
	if (!params_str(o->p, "k|rank|factors|n_factors", NULL))
		params_set(o->p, "k", "32");
	model *m = nbcli_fit(o->algo, o->p, o->seed, r, &err);
	if (!m || model_k(m) < 1) {
		fprintf(stderr, "latentlab ann: %s\n", m ? "the model has no factors" : err.msg);
		model_free(&m);
		ratings_free(&r);
		return -1;
	}
	*n = model_n_items(m), *d = model_k(m);
	int nu = model_n_users(m);
	*nq = o->queries < nu ? o->queries : nu;
	*x = malloc((size_t)*n * *d * sizeof **x);
	*q = malloc((size_t)*nq * *d * sizeof **q);
	memcpy(*x, model_item_factors_const(m), (size_t)*n * *d * sizeof **x);
	memcpy(*q, model_user_factors_const(m), (size_t)*nq * *d * sizeof **q);
	snprintf(what, wsize, "item factors of %s (k=%d) on %s: %d items; queries: %d users",
		o->algo, *d, ratings_source(r), *n, *nq);
	model_free(&m);
	ratings_free(&r);
	return 0;
}

int cli_ann(int argc, char **argv)
{
	aopts o = { .algo = "biased", .dim = 32, .clusters = 1000, .queries = 0, .k = 10,
		    .metric = VS_DOT, .target = 0.95, .fmt = FMT_TEXT };
	o.p = params_new();
	int rc = parse(argc, argv, &o);
	if (rc != 0) {
		params_free(&o.p);
		return rc < 0 ? CLI_OK : rc;
	}
	if (o.queries == 0)
		o.queries = o.synthetic ? 200 : 1000;
	float *x = NULL, *q = NULL;
	int n, d, nq, k = o.k;
	char what[256];
	if (vectors(&o, &x, &n, &d, &q, &nq, what, sizeof what) < 0) {
		params_free(&o.p);
		return CLI_FAIL;
	}
	ll_error err;
	vs_table *t = vs_table_new(x, n, d, &err);
	vs_hit *exact = malloc((size_t)nq * k * sizeof *exact);
	vs_hit *hits = malloc((size_t)k * sizeof *hits);
	/* Rates: the query set is repeated until 0.2 s have passed, so short
	 * runs are not all noise. */
	double t0 = ll_now(), el;
	long done = 0;
	do {
		for (int j = 0; j < nq; j++)
			vs_topk(t, o.metric, q + (size_t)j * d, k, NULL, NULL, exact + (size_t)j * k);
		done += nq;
	} while ((el = ll_now() - t0) < 0.2);
	double exact_qps = done / el;

	/* The lecture's contrast: exact top K under the other metrics. */
	double agree[3] = { 0 };
	int na = nq < 100 ? nq : 100; /* three exact searches each: keep it short */
	vs_hit *other = malloc((size_t)k * 2 * sizeof *other);
	for (int j = 0; j < na; j++) {
		vs_hit *a = other, *b = other + k, dot[64];
		const float *qj = q + (size_t)j * d;
		int kk = k < 64 ? k : 64;
		vs_topk(t, VS_DOT, qj, kk, NULL, NULL, dot);
		vs_topk(t, VS_COSINE, qj, kk, NULL, NULL, a);
		vs_topk(t, VS_EUCLIDEAN, qj, kk, NULL, NULL, b);
		agree[0] += vs_overlap(dot, kk, a, kk) / (double)kk;
		agree[1] += vs_overlap(a, kk, b, kk) / (double)kk;
		agree[2] += vs_overlap(dot, kk, b, kk) / (double)kk;
	}
	free(other);

	ivf_opts io;
	ivf_opts_init(&io);
	io.nlist = o.nlist, io.seed = o.seed, io.metric = o.metric, io.mips = o.mips;
	t0 = ll_now();
	ivf *ix = ivf_build(x, n, d, &io, &err);
	double build = ll_now() - t0;
	if (!ix) {
		fprintf(stderr, "latentlab ann: %s\n", err.msg);
		rc = CLI_FAIL;
		goto out;
	}
	int nlist = ivf_nlist(ix);
	if (o.n_probe == 0)
		for (int p = 1; p <= nlist && o.n_probe < 31; p *= 2)
			o.probes[o.n_probe++] = p;
	if (o.probes[o.n_probe - 1] < nlist && o.n_probe < 32)
		o.probes[o.n_probe++] = nlist; /* the whole index: exact */
	fmt_table *tab = fmt_table_new();
	char h[32];
	fmt_table_column(tab, "nprobe", 'r');
	snprintf(h, sizeof h, "recall@%d", k), fmt_table_column(tab, h, 'r');
	fmt_table_column(tab, "qps", 'r');
	fmt_table_column(tab, "speedup", 'r');
	fmt_table_column(tab, "scanned", 'r');
	int reached = -1;
	double reached_qps = NAN;
	for (int pi = 0; pi < o.n_probe; pi++) {
		int np = o.probes[pi] < nlist ? o.probes[pi] : nlist;
		double rec = 0;
		for (int j = 0; j < nq; j++) {
			int got = ivf_search(ix, q + (size_t)j * d, k, np, hits);
			rec += vs_overlap(exact + (size_t)j * k, k, hits, got) / (double)k;
		}
		rec /= nq;
		t0 = ll_now(), done = 0;
		do {
			for (int j = 0; j < nq; j++)
				ivf_search(ix, q + (size_t)j * d, k, np, hits);
			done += nq;
		} while ((el = ll_now() - t0) < 0.2);
		double qps = done / el;
		if (reached < 0 && rec >= o.target)
			reached = np, reached_qps = qps;
		fmt_table_row(tab);
		fmt_table_int(tab, np);
		fmt_table_num(tab, rec, 4);
		fmt_table_num(tab, qps, 0);
		fmt_table_num(tab, qps / exact_qps, 1);
		fmt_table_num(tab, (double)np / nlist, 4);
	}
	if (o.fmt == FMT_JSON) {
		fmt_json j;
		fmt_json_init(&j, stdout);
		fmt_json_begin_object(&j, NULL);
		fmt_json_string(&j, "vectors", what);
		fmt_json_string(&j, "metric", vs_metric_name(o.metric));
		fmt_json_int(&j, "nlist", nlist);
		fmt_json_number(&j, "build_seconds", build);
		fmt_json_int(&j, "index_bytes", (long)ivf_bytes(ix));
		fmt_json_number(&j, "exact_qps", exact_qps);
		fmt_json_table(&j, "sweep", tab);
		if (reached > 0)
			fmt_json_int(&j, "nprobe_at_target", reached);
		else
			fmt_json_null(&j, "nprobe_at_target");
		fmt_json_number(&j, "agree_dot_cosine", agree[0] / na);
		fmt_json_number(&j, "agree_cosine_euclidean", agree[1] / na);
		fmt_json_number(&j, "agree_dot_euclidean", agree[2] / na);
		fmt_json_end_object(&j);
		fmt_json_finish(&j);
	} else {
		/* The lines around the table are wrapped at the width, each a
		 * sentence whose continued rows hang under it. */
		char *text = NULL;
		size_t text_n = 0;
		FILE *mem = o.fmt == FMT_TEXT ? open_memstream(&text, &text_n) : NULL;
		if (mem) {
			fprintf(mem, "%s\n", what);
			/* One sentence with the MIPS transform and one without. */
			fprintf(mem, o.mips && o.metric == VS_DOT
			       ? _("IVF index: %d cells by k-means (seed %lu), %s (MIPS transform), built in "
				   "%.2f s, %.1f MiB\n")
			       : _("IVF index: %d cells by k-means (seed %lu), %s, built in %.2f s, "
				   "%.1f MiB\n"),
			       nlist, o.seed, vs_metric_name(o.metric), build, ivf_bytes(ix) / 1048576.0);
			fprintf(mem, _("exact search: %.0f queries per second (one thread)\n\n"), exact_qps);
			fclose(mem);
			uw_fwrap(stdout, text, FMT_WIDTH, "  ");
			free(text);
			text = NULL;
		}
		fmt_table_print(tab, o.fmt, stdout);
		mem = o.fmt == FMT_TEXT ? open_memstream(&text, &text_n) : NULL;
		if (mem) {
			if (reached > 0)
				fprintf(mem, _("\nrecall@%d reaches %.2f at nprobe %d: %.0f queries per second, "
					       "%.1f times exact search\n"), k, o.target, reached, reached_qps,
					reached_qps / exact_qps);
			else
				fprintf(mem, _("\nrecall@%d stays below %.2f at the nprobe values tried\n"), k,
					o.target);
			fprintf(mem, _("exact top %d shared between metrics: dot/cosine %.3f, cosine/euclidean "
				       "%.3f, dot/euclidean %.3f\n"), k < 64 ? k : 64, agree[0] / na,
				agree[1] / na, agree[2] / na);
			fclose(mem);
			uw_fwrap(stdout, text, FMT_WIDTH, "  ");
			free(text);
		}
	}
	fmt_table_free(&tab);
	rc = CLI_OK;
out:
	ivf_free(&ix);
	vs_table_free(&t);
	free(exact), free(hits), free(x), free(q);
	params_free(&o.p);
	return rc;
}

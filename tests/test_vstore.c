/* test_vstore.c: the SQLite vector store: a round trip gives the model's
 * estimates bit for bit at f32 (every factor model), the lab's ranking, the
 * engine's decoding at int8/int4, the engine's fold-in; a failed or
 * cancelled export leaves the old file; foreign files are refused. Also the
 * LRU cache and the JSON parser the server uses. */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/mf/mf_foldin.h"
#include "engine/model/metrics.h"
#include "serve/json.h"
#include "serve/lru.h"
#include "serve/vstore.h"

static char dir[64];

static char *path(const char *name)
{
	static char buf[8][128];
	static int next;
	char *b = buf[next++ % 8];
	snprintf(b, 128, "%s/%s", dir, name);
	return b;
}

static model *fit(const char *algo, const char *opts, const ratings *r)
{
	params *p = params_new();
	ll_error err;
	char *o = strdup(opts), *save = NULL;
	for (char *kv = strtok_r(o, " ", &save); kv; kv = strtok_r(NULL, " ", &save))
		params_set_kv(p, kv, &err);
	free(o);
	model *m = model_new(algo, p, &err);
	params_free(&p);
	if (!m || model_fit(m, r, &err) < 0) {
		fprintf(stderr, "%s: %s\n", algo, err.msg);
		model_free(&m);
	}
	return m;
}

/* Exported at f32, every estimate and every top-5 equals the model's. */
static void round_trip(const ratings *r, const char *algo, const char *opts)
{
	model *m = fit(algo, opts, r);
	CHECK(m != NULL);
	if (!m)
		return;
	vstore_export_opts o;
	vstore_export_opts_init(&o);
	ll_error err;
	size_t bytes = 0;
	int rc = vstore_export(m, r, path("rt.db"), &o, &bytes, &err);
	if (rc < 0)
		fprintf(stderr, "%s: %s\n", algo, err.msg);
	CHECK(rc == 0 && bytes > 0);
	vstore *vs = vstore_open(path("rt.db"), &err);
	if (!vs)
		fprintf(stderr, "%s: %s\n", algo, err.msg);
	CHECK(vs != NULL);
	if (!vs) {
		model_free(&m);
		return;
	}
	CHECK(vstore_n_users(vs) == model_n_users(m) && vstore_n_items(vs) == model_n_items(m));
	CHECK_STR(vstore_algo(vs), model_algo(m));
	int ni = model_n_items(m), bad = 0, bad_top = 0;
	float *sc = malloc((size_t)ni * sizeof *sc);
	unsigned char *skip = calloc((size_t)ni, 1);
	int want[5], got[5];
	float gs[5];
	for (int u = 0; u < model_n_users(m); u++) {
		for (int i = 0; i < ni; i++) {
			double a = model_predict(m, u, i), b = vstore_predict(vs, u, i);
			if (memcmp(&a, &b, sizeof a) != 0)
				bad++;
		}
		/* The lab's recommend: score_items, rated items skipped, metrics_top_k. */
		model_score_items(m, u, sc);
		memset(skip, 0, (size_t)ni);
		const int *rated;
		int nr = vstore_rated(vs, u, &rated);
		const uint32_t *pos;
		size_t n = ratings_user_entries(r, u, &pos);
		CHECK(nr == (int)n);
		for (size_t j = 0; j < n; j++)
			skip[ratings_entries(r)[pos[j]].item] = 1;
		int nw = metrics_top_k(sc, ni, skip, 5, want);
		int ng = vstore_recommend(vs, u, 5, NULL, got, gs, &err);
		if (nw != ng || memcmp(want, got, (size_t)nw * sizeof *want) != 0)
			bad_top++;
		for (int j = 0; j < ng && j < nw; j++)
			if (gs[j] != sc[want[j]])
				bad_top++;
	}
	if (bad || bad_top)
		fprintf(stderr, "%s: %d estimates and %d top-5 lists differ\n", algo, bad, bad_top);
	CHECK(bad == 0);
	CHECK(bad_top == 0);
	/* Names, titles. */
	CHECK(vstore_user(vs, ratings_user_name(r, 0)) == 0);
	CHECK(vstore_item(vs, ratings_item_name(r, ni - 1)) == ni - 1);
	CHECK(vstore_item(vs, "no such item") == -1);
	free(sc), free(skip);
	vstore_free(&vs);
	CHECK(vs == NULL);
	model_free(&m);
}

/* int8 and int4: the vectors decode to the engine's quant_decode. */
static void quantized(const ratings *r)
{
	model *m = fit("biased", "k=61 epochs=5 seed=3", r);
	CHECK(m != NULL);
	if (!m)
		return;
	size_t sizes[3];
	quant_prec ps[3] = { QUANT_F32, QUANT_INT8, QUANT_INT4 };
	for (int p = 0; p < 3; p++) {
		vstore_export_opts o;
		vstore_export_opts_init(&o);
		o.precision = ps[p];
		ll_error err;
		CHECK(vstore_export(m, r, path("q.db"), &o, &sizes[p], &err) == 0);
		vstore *vs = vstore_open(path("q.db"), &err);
		CHECK(vs != NULL);
		if (!vs)
			continue;
		CHECK_STR(vstore_precision(vs), quant_name(ps[p]));
		int k = model_k(m), ni = model_n_items(m), bad = 0;
		qtable *q = p ? quant_encode(model_item_factors_const(m), ni, k, ps[p], 0, &err) : NULL;
		float *dec = malloc((size_t)ni * k * sizeof *dec);
		if (q)
			quant_decode(q, dec);
		else
			memcpy(dec, model_item_factors_const(m), (size_t)ni * k * sizeof *dec);
		for (int i = 0; i < ni; i++)
			if (memcmp(dec + (size_t)i * k, vstore_item_vec(vs, i), (size_t)k * sizeof *dec))
				bad++;
		CHECK(bad == 0);
		free(dec);
		quant_free(&q);
		vstore_free(&vs);
	}
	/* Fewer bits, no bigger a file (toy's tables fit in a few pages either
	 * way; bench_serve measures the sizes on ml-100k). */
	CHECK(sizes[1] <= sizes[0] && sizes[2] <= sizes[1]);
	model_free(&m);
}

/* Fold-in from the stored vectors: the engine's answer, to rounding. */
static void foldin(const ratings *r, const char *algo, const char *opts)
{
	model *m = fit(algo, opts, r);
	if (!m)
		return;
	vstore_export_opts o;
	vstore_export_opts_init(&o);
	ll_error err;
	CHECK(vstore_export(m, r, path("f.db"), &o, NULL, &err) == 0);
	vstore *vs = vstore_open(path("f.db"), &err);
	CHECK(vs != NULL);
	int items[3] = { 0, 2, 5 };
	float vals[3] = { 5, 1, 4 }, bias = 0, eb = 0;
	int k = model_k(m);
	float *p = malloc((size_t)k * sizeof *p), *ep = malloc((size_t)k * sizeof *ep);
	CHECK(mf_foldin(m, 3, items, vals, -1, ep, &eb, &err) == 0);
	CHECK(vs && vstore_foldin(vs, 3, items, vals, p, &bias, &err) == 0);
	double worst = fabs(bias - eb);
	for (int f = 0; f < k; f++)
		worst = fmax(worst, fabs(p[f] - ep[f]));
	CHECK(worst < 1e-5);
	for (int i = 0; vs && i < model_n_items(m); i++)
		CHECK_NEAR(vstore_foldin_predict(vs, p, bias, i), mf_foldin_predict(m, ep, eb, i), 1e-5);
	free(p), free(ep);
	vstore_free(&vs);
	model_free(&m);
}

/* A failed or cancelled export leaves the old file as it was, and no
 * temporary file beside it. */
static void atomic(const ratings *r)
{
	model *m = fit("biased", "k=4 epochs=3", r);
	vstore_export_opts o;
	vstore_export_opts_init(&o);
	ll_error err;
	CHECK(vstore_export(m, r, path("a.db"), &o, NULL, &err) == 0);
	FILE *f = fopen(path("a.db"), "rb");
	char before[4096], after[4096];
	size_t nb = fread(before, 1, sizeof before, f);
	fclose(f);
	volatile sig_atomic_t stop = 1;
	o.cancel = &stop;
	o.precision = QUANT_INT8;
	CHECK(vstore_export(m, r, path("a.db"), &o, NULL, &err) < 0);
	CHECK(strstr(err.msg, "interrupted") != NULL);
	f = fopen(path("a.db"), "rb");
	size_t na = fread(after, 1, sizeof after, f);
	fclose(f);
	CHECK(na == nb && memcmp(before, after, nb) == 0);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls %s | grep tmp)\"", dir);
	CHECK(system(cmd) == 0);
	/* A model that is not the data's shape is refused before any write. */
	model *knn = fit("knn-item", "", r);
	o.cancel = NULL;
	CHECK(knn && vstore_export(knn, r, path("a.db"), &o, NULL, &err) < 0);
	CHECK(strstr(err.msg, "no latent factors") != NULL);
	model_free(&knn);
	model_free(&m);
	/* Foreign files. */
	f = fopen(path("junk.db"), "w");
	fputs("not a database at all, just text that is long enough to look like a header....", f);
	fclose(f);
	CHECK(vstore_open(path("junk.db"), &err) == NULL);
	CHECK(vstore_open(path("missing.db"), &err) == NULL);
}

static void cache(void)
{
	lru *c = lru_new(2);
	size_t len;
	CHECK(lru_get(c, "a", &len) == NULL);
	lru_put(c, "a", "1", 1);
	lru_put(c, "b", "22", 2);
	char *v = lru_get(c, "a", &len); /* a is now the most recent */
	CHECK(v && !strcmp(v, "1") && len == 1);
	free(v);
	lru_put(c, "c", "333", 3);       /* drops b */
	CHECK((v = lru_get(c, "b", &len)) == NULL);
	CHECK((v = lru_get(c, "c", &len)) != NULL);
	free(v);
	lru_stats s;
	lru_get_stats(c, &s);
	CHECK(s.hits == 2 && s.misses == 2 && s.entries == 2 && s.evictions == 1 && s.bytes == 4);
	lru_free(&c);
	CHECK(c == NULL);
	c = lru_new(0);
	lru_put(c, "a", "1", 1);
	CHECK(lru_get(c, "a", &len) == NULL);
	lru_free(&c);
}

static void json(void)
{
	char msg[100];
	const char *ok = "{\"ratings\": {\"Star Wars (1977)\": 5, \"\\u00e9t\\u00e9\": -1.5e0}, \"n\": 3, \"x\": [true, null]}";
	js_node *n = js_parse(ok, strlen(ok), msg, sizeof msg);
	CHECK(n && n->type == JS_OBJ && n->n == 3);
	const js_node *r = js_get(n, "ratings");
	CHECK(r && r->n == 2 && !strcmp(r->child->key, "Star Wars (1977)") && r->child->num == 5);
	CHECK(r && r->child->next && !strcmp(r->child->next->key, "\xc3\xa9t\xc3\xa9") &&
	      r->child->next->num == -1.5);
	js_free(&n);
	const char *bad[] = { "", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "\"\\x\"", "nul",
			      "{\"a\" 1}", "[1] 2", "\"a\nb\"", "-", "1.", "1e" };
	for (size_t j = 0; j < sizeof bad / sizeof *bad; j++) {
		n = js_parse(bad[j], strlen(bad[j]), msg, sizeof msg);
		if (n)
			fprintf(stderr, "accepted: %s\n", bad[j]);
		CHECK(n == NULL);
		js_free(&n);
	}
	char deep[100];
	memset(deep, '[', sizeof deep);
	CHECK(js_parse(deep, sizeof deep, msg, sizeof msg) == NULL);
	js_buf b;
	js_buf_init(&b);
	js_str(&b, "a\"b\\c\n\x01");
	CHECK_STR(b.s, "\"a\\\"b\\\\c\\n\\u0001\"");
	js_buf_free(&b);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/test_vstore.XXXXXX");
	if (!mkdtemp(dir))
		return 99;
	ll_error err;
	ratings *toy = load_toy(LATENTLAB_ABS_SRCDIR "/data/toy", &err);
	if (!toy) {
		fprintf(stderr, "%s\n", err.msg);
		return 99;
	}
	round_trip(toy, "biased", "k=8 epochs=10 seed=1");
	round_trip(toy, "sgd", "k=3 epochs=10 seed=2");
	round_trip(toy, "als", "k=4 epochs=5 seed=3");
	round_trip(toy, "als", "k=4 epochs=5 seed=3 bias=true");
	round_trip(toy, "ials", "k=4 epochs=5 seed=3");
	round_trip(toy, "svd", "k=3");
	quantized(toy);
	foldin(toy, "biased", "k=8 epochs=10 seed=1");
	foldin(toy, "als", "k=4 epochs=5 seed=3");
	atomic(toy);
	cache();
	json();
	ratings_free(&toy);
	char cmd[100];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 99;
	return check_done();
}

/* test_import.c: models in and out with their ids (issue 18).
 *
 * Model files of format 2 carry the ids of the data they were trained on:
 * a round trip keeps them (users, items, a title), the same data matches
 * and other data is refused naming the first index that differs; the
 * format 1 file in tests/data (written before ids existed) still reads;
 * every prefix of a file and forged ids lines are refused with a message.
 *
 * import: what export writes (CSV, JSON, .npy with or without an ids
 * file) comes back into sgd, biased, als (with and without biases), ials
 * and svd models with the same factor bits, and every prediction, score
 * and fold-in equal bit for bit; malformed files are errors naming
 * file:line, sizes are bounded, and the model joins the session. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "labcheck.h"
#include "engine/algo.h"
#include "engine/mf/mf.h"
#include "lab/cmd/cmd_import.h"
#include "lab/lab_impl.h"
#include "lab/view/view_text.h"

static char dir[64];

static const char *in_dir(const char *name)
{
	static char buf[4][256];
	static int at;
	char *b = buf[at++ % 4];
	snprintf(b, 256, "%s/%s", dir, name);
	return b;
}

static void write_bytes(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		CHECK(fwrite(data, 1, n, f) == n);
		fclose(f);
	}
}

static void write_file(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text));
}

static char *read_bytes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	*n = 0;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	b = malloc((size_t)size + 1);
	if (b && fread(b, 1, (size_t)size, f) == (size_t)size)
		*n = (size_t)size;
	fclose(f);
	return b;
}

static model *model_named(const char *name)
{
	lab_model *lm = lab_model_find(L, name);
	CHECK(lm != NULL);
	return lm ? lm->m : NULL;
}

/* Every prediction (raw and clipped) and every score, the same bits. */
static int same_predictions(const model *a, const model *b)
{
	if (!a || !b || model_n_users(a) != model_n_users(b) || model_n_items(a) != model_n_items(b))
		return 0;
	int ni = model_n_items(a), same = 1;
	float *sa = malloc((size_t)ni * sizeof *sa), *sb = malloc((size_t)ni * sizeof *sb);
	for (int u = 0; u < model_n_users(a); u++) {
		for (int i = 0; i < ni; i++) {
			double pa = model_predict(a, u, i), pb = model_predict(b, u, i);
			double ca = model_predict_clipped(a, u, i), cb = model_predict_clipped(b, u, i);
			same &= !memcmp(&pa, &pb, sizeof pa) && !memcmp(&ca, &cb, sizeof ca) && isfinite(pa);
		}
		model_score_items(a, u, sa);
		model_score_items(b, u, sb);
		same &= !memcmp(sa, sb, (size_t)ni * sizeof *sa);
	}
	free(sa), free(sb);
	return same;
}

static int same_factors(const model *a, const model *b)
{
	int k = model_k(a);
	return k > 0 && k == model_k(b) &&
	       !memcmp(model_user_factors_const(a), model_user_factors_const(b),
		       (size_t)model_n_users(a) * (size_t)k * sizeof(float)) &&
	       !memcmp(model_item_factors_const(a), model_item_factors_const(b),
		       (size_t)model_n_items(a) * (size_t)k * sizeof(float));
}

/* --- model files with ids ---------------------------------------------------------- */

/* A copy of the file with its ids line and block replaced. */
static void forge_ids(const char *from, const char *to, const char *line, const char *block,
		      size_t block_len)
{
	size_t n;
	char *b = read_bytes(from, &n);
	/* The ids line follows the header line and the factors. */
	int nu, ni, k;
	char *nl0 = b ? memchr(b, '\n', n) : NULL;
	CHECK(nl0 && sscanf(b, "latentlab-model 2 %*s %*s %d %d %d", &nu, &ni, &k) == 3);
	char *at = nl0 ? nl0 + 1 + ((size_t)nu + (size_t)ni) * (size_t)k * sizeof(float) : NULL;
	CHECK(at && at + 4 < b + n && !memcmp(at, "ids ", 4));
	if (!at || at + 4 >= b + n) {
		free(b);
		return;
	}
	char *nl = memchr(at, '\n', n - (size_t)(at - b));
	unsigned long long u, i, t, bytes;
	CHECK(sscanf(at, "ids %llu %llu %llu %llu", &u, &i, &t, &bytes) == 4);
	const char *after = nl + 1 + bytes;
	FILE *f = fopen(to, "wb");
	fwrite(b, 1, (size_t)(at - b), f);
	fputs(line, f);
	fwrite(block, 1, block_len, f);
	fwrite(after, 1, n - (size_t)(after - b), f);
	fclose(f);
	free(b);
}

static void refused(const char *path, const char *part)
{
	ll_error e = { "" };
	ratings *ids = NULL;
	model *m = model_load_ids(path, &ids, &e);
	CHECK(m == NULL && ids == NULL);
	if (!strstr(e.msg, part))
		fprintf(stderr, "%s: got \"%s\", expected \"%s\"\n", path, e.msg, part);
	CHECK(strstr(e.msg, part) != NULL);
	model_free(&m);
	ratings_free(&ids);
}

static void test_model_file(void)
{
	run("load toy");
	run("train biased k=3 epochs=5 name=b");
	model *m = model_named("b");
	ll_error e;
	/* A title that is not the id, so that titles are stored too. */
	ratings *named = ratings_clone(L->data);
	CHECK(ratings_set_item_title(named, 2, "The Notebook (2004)") == 0);
	char path[256];
	snprintf(path, sizeof path, "%s", in_dir("b.model"));
	CHECK(model_save_ids(m, named, path, &e) == 0);
	ratings *ids = NULL;
	model *back = model_load_ids(path, &ids, &e);
	CHECK(back && ids);
	if (!back || !ids)
		return;
	CHECK(ratings_n_users(ids) == model_n_users(m) && ratings_n_items(ids) == model_n_items(m));
	CHECK(ratings_count(ids) == 0);
	int names_same = 1;
	for (int u = 0; u < ratings_n_users(ids); u++)
		names_same &= !strcmp(ratings_user_name(ids, u), ratings_user_name(L->data, u));
	for (int i = 0; i < ratings_n_items(ids); i++)
		names_same &= !strcmp(ratings_item_name(ids, i), ratings_item_name(L->data, i));
	CHECK(names_same);
	CHECK_STR(ratings_item_title(ids, 2), "The Notebook (2004)");
	CHECK_STR(ratings_item_title(ids, 1), ratings_item_name(L->data, 1));
	CHECK_STR(ratings_source(ids), ratings_source(L->data));
	CHECK(model_ids_match(ids, L->data, &e) == 0);
	CHECK(same_factors(m, back) && same_predictions(m, back));

	/* Other data: user 4 renamed, or an item fewer; more users after the
	 * model's (added since) is fine. */
	ratings *other = ratings_new(), *fewer = ratings_new(), *more = ratings_clone(L->data);
	for (int u = 0; u < ratings_n_users(L->data); u++) {
		ratings_intern_user(other, u == 4 ? "Nobody" : ratings_user_name(L->data, u));
		ratings_intern_user(fewer, ratings_user_name(L->data, u));
	}
	for (int i = 0; i < ratings_n_items(L->data); i++) {
		ratings_intern_item(other, ratings_item_name(L->data, i));
		if (i + 1 < ratings_n_items(L->data))
			ratings_intern_item(fewer, ratings_item_name(L->data, i));
	}
	ratings_intern_user(more, "Newcomer");
	char want[400];
	snprintf(want, sizeof want, "user 4 is '%s' in the model but 'Nobody' in the data",
		 ratings_user_name(L->data, 4));
	CHECK(model_ids_match(ids, other, &e) < 0 && strstr(e.msg, want));
	CHECK(model_ids_match(ids, fewer, &e) < 0 && strstr(e.msg, "items, the data only"));
	CHECK(model_ids_match(ids, more, &e) == 0);
	ratings_free(&other), ratings_free(&fewer), ratings_free(&more);

	/* The lab's open checks the same, and the model joins the session. */
	snprintf(want, sizeof want, "open %s name=opened", path);
	run(want);
	CHECK(same_predictions(m, model_named("opened")));
	run("reset");
	fails(want, "trained on 'toy': load that data first");
	run("load toy");
	run("rate Younghee Avengers 1"); /* ratings change, ids stay: fine */
	run(want);
	run("load toy");
	run("train biased k=3 epochs=5 name=b");
	m = model_named("b");

	/* Saved without ids (as a session's models are): none come back. */
	const char *plain = in_dir("plain.model");
	CHECK(model_save(m, plain, &e) == 0);
	ratings *none = (ratings *)1;
	model *p2 = model_load_ids(plain, &none, &e);
	CHECK(p2 && none == NULL && same_predictions(m, p2));
	model_free(&p2);

	/* Every prefix of the file is refused, with a message. */
	size_t n;
	char *bytes = read_bytes(path, &n);
	int all_refused = 1;
	for (size_t len = 0; bytes && len < n; len++) {
		write_bytes(in_dir("cut.model"), bytes, len);
		ll_error ce = { "" };
		ratings *ci = NULL;
		model *cm = model_load_ids(in_dir("cut.model"), &ci, &ce);
		all_refused &= cm == NULL && ci == NULL && ce.msg[0] != '\0';
		model_free(&cm);
		ratings_free(&ci);
	}
	CHECK(all_refused);
	free(bytes);
	refused(in_dir("cut.model"), "truncated");

	/* Forged ids: more bytes than the file has, counts that are not the
	 * header's, a block without its last NUL, an id twice, an empty id. */
	forge_ids(path, in_dir("f1.model"), "ids 10 10 0 99999999999\n", "", 0);
	refused(in_dir("f1.model"), "fewer follow");
	forge_ids(path, in_dir("f2.model"), "ids 9 10 0 5\n", "toy\0a", 5);
	refused(in_dir("f2.model"), "the ids line names 9 users");
	forge_ids(path, in_dir("f3.model"), "ids 10 10 0 nine\n", "", 0);
	refused(in_dir("f3.model"), "corrupt or truncated ids line");
	char block[512];
	size_t bl = 0;
	for (int s = 0; s < 3; s++) {
		/* s 0: user 1 is user 0 again; 1: user 3 is empty; 2: no final NUL */
		bl = 0;
		bl += (size_t)sprintf(block + bl, "toy") + 1;
		for (int u = 0; u < model_n_users(m); u++) {
			const char *id = s == 0 && u == 1 ? ratings_user_name(L->data, 0)
				       : s == 1 && u == 3 ? "" : ratings_user_name(L->data, u);
			bl += (size_t)sprintf(block + bl, "%s", id) + 1;
		}
		for (int i = 0; i < model_n_items(m); i++)
			bl += (size_t)sprintf(block + bl, "%s", ratings_item_name(L->data, i)) + 1;
		if (s == 2)
			block[bl - 1] = 'x';
		char line[64];
		snprintf(line, sizeof line, "ids %d %d 0 %zu\n", model_n_users(m), model_n_items(m), bl);
		forge_ids(path, in_dir("f4.model"), line, block, bl);
		refused(in_dir("f4.model"), s == 0 ? "is given twice" : s == 1 ? "an empty id"
								  : "does not end its last id");
	}
	/* A foreign file, a newer format, another byte order. */
	write_file(in_dir("f5.model"), "PK\3\4 not a model at all\n");
	refused(in_dir("f5.model"), "not a latentlab model");
	write_file(in_dir("f6.model"), "latentlab-model 3 le biased 1 1 1 0 1 5\n");
	refused(in_dir("f6.model"), "formats 1 to 2");
	const uint32_t probe = 1;
	write_file(in_dir("f7.model"), *(const unsigned char *)&probe
					   ? "latentlab-model 2 be biased 1 1 1 0 1 5\n"
					   : "latentlab-model 2 le biased 1 1 1 0 1 5\n");
	refused(in_dir("f7.model"), "cannot be read by this version");

	model_free(&back);
	ratings_free(&ids);
	ratings_free(&named);
}

/* The format 1 file that `latentlab train -d toy -a biased k=2 epochs=5
 * --seed 1 --save` wrote before model files carried ids: it still reads,
 * with no ids, its factors the floats after its header line. */
static void test_format_1(void)
{
	const char *top = getenv("top_srcdir");
	char path[900];
	snprintf(path, sizeof path, "%s/tests/data/toy-v1.model", top ? top : ".");
	const uint32_t probe = 1;
	if (!*(const unsigned char *)&probe) {
		refused(path, "cannot be read by this version");
		return;
	}
	ll_error e;
	ratings *ids = (ratings *)1;
	model *m = model_load_ids(path, &ids, &e);
	if (!m)
		fprintf(stderr, "%s: %s\n", path, e.msg);
	CHECK(m && ids == NULL);
	if (!m)
		return;
	CHECK_STR(model_algo(m), "biased");
	CHECK(model_k(m) == 2 && model_n_users(m) == 10 && model_n_items(m) == 10);
	size_t n;
	char *b = read_bytes(path, &n);
	char *nl = b ? memchr(b, '\n', n) : NULL;
	CHECK(nl && n > (size_t)(nl + 1 - b) + 20 * 2 * sizeof(float));
	if (nl) {
		CHECK(!memcmp(nl + 1, model_user_factors_const(m), 10 * 2 * sizeof(float)));
		CHECK(!memcmp(nl + 1 + 10 * 2 * sizeof(float), model_item_factors_const(m),
			      10 * 2 * sizeof(float)));
	}
	free(b);
	double mu;
	CHECK(mf_biases(m, &mu, NULL, NULL) == 1 && mu > 1 && mu < 5);
	/* A session on toy opens it (no ids to check), and predicts with it. */
	run("load toy");
	char line[1100];
	snprintf(line, sizeof line, "open %s name=v1", path);
	run(line);
	CHECK(same_predictions(m, model_named("v1")));
	CHECK_NEAR(num("predict Minsu Avengers model=v1"),
		   model_predict_clipped(m, ratings_find_user(L->data, "Minsu"),
					 ratings_find_item(L->data, "Avengers")), 0.005);
	/* Data too small for it is refused as before. */
	run("generate users=3 items=3 ratings=5 seed=1");
	fails(line, "load the data it was trained on");
	model_free(&m);
}

/* --- import ---------------------------------------------------------------------------- */

/* export the source model's factors (and biases) in fmt, import them as
 * `back` with algo, and compare. */
static void round_trip(const char *algo, const char *ufmt, const char *ifmt, int ids_files)
{
	model *src = model_named("src");
	int biases = mf_biases(src, NULL, NULL, NULL) == 1;
	char line[1600], aux[800];
	snprintf(aux, sizeof aux, "export user-factors %s model=src", in_dir(ufmt));
	run(aux);
	snprintf(aux, sizeof aux, "export item-factors %s model=src", in_dir(ifmt));
	run(aux);
	size_t len = (size_t)snprintf(line, sizeof line, "import factors %s %s name=back algo=%s",
				      in_dir(ufmt), in_dir(ifmt), algo);
	if (ids_files) {
		snprintf(aux, sizeof aux, "export users %s", in_dir("users.csv"));
		run(aux);
		snprintf(aux, sizeof aux, "export items %s", in_dir("items.json"));
		run(aux);
		len += (size_t)snprintf(line + len, sizeof line - len, " user_ids=%s item_ids=%s",
					in_dir("users.csv"), in_dir("items.json"));
	}
	if (biases) {
		const char *b = strstr(ufmt, ".npy") ? "npy" : strstr(ufmt, ".json") ? "json" : "csv";
		char ub[40], ib[40];
		snprintf(ub, sizeof ub, "ub.%s", b);
		snprintf(ib, sizeof ib, "ib.%s", b);
		snprintf(aux, sizeof aux, "export user-biases %s model=src", in_dir(ub));
		run(aux);
		snprintf(aux, sizeof aux, "export item-biases %s model=src", in_dir(ib));
		run(aux);
		len += (size_t)snprintf(line + len, sizeof line - len, " user_biases=%s item_biases=%s",
					in_dir(ub), in_dir(ib));
		if (!strcmp(b, "npy")) {
			/* A .npy of biases has no room for the mean: given, in
			 * the 17 digits that make it the same double. */
			double mu;
			mf_biases(src, &mu, NULL, NULL);
			snprintf(line + len, sizeof line - len, " mean=%.17g", mu);
		}
	}
	run(line);
	model *back = model_named("back");
	int same = same_factors(src, back) && same_predictions(src, back);
	if (!same)
		fprintf(stderr, "round trip %s %s %s: not the same\n", algo, ufmt, ifmt);
	CHECK(same);
	if (back)
		CHECK(model_ranking_only(back) == model_ranking_only(src));
}

static void test_import_round_trips(void)
{
	static const struct {
		const char *train, *algo;
	} cases[] = {
		{ "train sgd k=3 epochs=5 name=src", "sgd" },
		{ "train biased k=3 epochs=5 name=src", "biased" },
		{ "train SVD k=3 epochs=5 name=src", "SVD" },
		{ "train als k=3 epochs=3 name=src", "als" },
		{ "train als k=3 epochs=3 bias=yes name=src", "als" },
		{ "train ials k=3 epochs=3 name=src", "ials" },
		{ "train svd k=3 name=src", "svd" },
	};
	run("load toy");
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		run(cases[c].train);
		round_trip(cases[c].algo, "U.csv", "I.csv", 0);
		round_trip(cases[c].algo, "U.json", "I.json", 0);
		round_trip(cases[c].algo, "U.npy", "I.npy", 0);
		round_trip(cases[c].algo, "U.npy", "I.npy", 1);
		round_trip(cases[c].algo, "U.csv", "I.npy", 0);
	}
	/* The imported model is the current one, and the commands that use
	 * factors give what the source gives: predict, recommend, search (the
	 * vectors), place and foldin (fold-in with the model's reg). */
	run("train biased k=3 epochs=5 name=src");
	round_trip("biased", "U.csv", "I.json", 0);
	CHECK_STR(L->models[L->cur].name, "back");
	/* Without data: the files' order, their ids, and the given scale. */
	import_req q = { .user_factors = in_dir("U.csv"), .item_factors = in_dir("I.json"),
			 .user_biases = in_dir("ub.csv"), .item_biases = in_dir("ib.csv"),
			 .lo = 1, .hi = 5, .has_scale = 1 };
	ll_error e;
	ratings *ids = NULL;
	model *m = import_model(&q, NULL, &ids, &e);
	CHECK(m && ids && model_ids_match(ids, L->data, &e) == 0);
	CHECK(same_predictions(model_named("src"), m));
	model_free(&m);
	ratings_free(&ids);
	q.has_scale = 0;
	m = import_model(&q, NULL, &ids, &e);
	CHECK(!m && strstr(e.msg, "rating scale"));
	const char *same[] = { "predict Minsu Avengers", "recommend Minsu n=3",
			       "search Avengers n=4", "place Minsu", "foldin Minsu" };
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		char a[200], b[200];
		snprintf(a, sizeof a, "%s model=src", same[i]);
		snprintf(b, sizeof b, "%s model=back", same[i]);
		view *va = ok(a), *vb = ok(b);
		char *ta = NULL, *tb = NULL;
		size_t la = 0, lb = 0;
		FILE *fa = open_memstream(&ta, &la), *fb = open_memstream(&tb, &lb);
		view_render_text_all(va, fa, 100, 1);
		view_render_text_all(vb, fb, 100, 1);
		fclose(fa), fclose(fb);
		/* The views name their model: compare with that taken out. */
		for (char *p; (p = strstr(ta, "src")); )
			memmove(p, p + 3, strlen(p + 3) + 1);
		for (char *p; (p = strstr(tb, "back")); )
			memmove(p, p + 4, strlen(p + 4) + 1);
		if (strcmp(ta, tb))
			fprintf(stderr, "%s:\n%s\nbut\n%s\n", same[i], ta, tb);
		CHECK(!strcmp(ta, tb));
		free(ta), free(tb);
		view_free(&va), view_free(&vb);
	}

}

/* An import of ufile holding utext that must fail: its message starts
 * with "FILE:LINE: " (line 0: "FILE") and holds part. */
static void bad(const char *ufile, const char *utext, const char *extra, int at, const char *part)
{
	write_file(in_dir(ufile), utext);
	char line[1200], where[400];
	snprintf(line, sizeof line, "import factors %s %s %s", in_dir(ufile), in_dir("I.csv"),
		 extra);
	if (at > 0)
		snprintf(where, sizeof where, "%s:%d: ", in_dir(ufile), at);
	else
		snprintf(where, sizeof where, "%s", at == 0 ? in_dir(ufile) : "");
	view *v = NULL;
	ll_error e;
	CHECK(lab_exec(L, line, &v, &e) == -1 && v == NULL);
	int good = strncmp(e.msg, where, strlen(where)) == 0 && strstr(e.msg, part);
	if (!good)
		fprintf(stderr, "%s: got \"%s\", expected \"%s...%s\"\n", line, e.msg, where, part);
	CHECK(good);
}

static void npy(const char *name, const char *dict, size_t data_bytes)
{
	char buf[4096];
	size_t hl = strlen(dict);
	memcpy(buf, "\x93NUMPY\x01\x00", 8);
	buf[8] = (char)(hl & 0xff), buf[9] = (char)(hl >> 8);
	memcpy(buf + 10, dict, hl);
	memset(buf + 10 + hl, 0, data_bytes);
	write_bytes(in_dir(name), buf, 10 + hl + data_bytes);
}

static void test_import_errors(void)
{
	run("load toy");
	run("train als k=2 epochs=2 name=src");
	char line[600];
	snprintf(line, sizeof line, "export item-factors %s", in_dir("I.csv"));
	run(line);
	char path[300], want[400];
	bad("bad.csv", "id,f0,f1\nMinsu,0.5\n", "", 2, "2 fields where the header has 3");
	bad("bad.csv", "id,f0,f1\nMinsu,0.5,abc\n", "", 2, "f1 is 'abc', not a number");
	bad("bad.csv", "id,f0,f1\nMinsu,0.5,nan\n", "", 2, "not a finite number");
	bad("bad.csv", "id,f0,f1\nMinsu,0.5,1e39\n", "", 2, "too large for a 32-bit float");
	bad("bad.csv", "id,f0,f1\nMinsu,0.5,\n", "", 2, "no value in column f1");
	bad("bad.csv", "id,f0,f1\n,0.5,1\n", "", 2, "no id");
	bad("bad.csv", "id,weight\n", "", 1, "unknown column 'weight'");
	bad("bad.csv", "id,f1,f0\n", "", 1, "column 'f1' where f0 was expected");
	bad("bad.csv", "f0,f1\n", "", 1, "no id column");
	bad("bad.csv", "id,f0,f1\n\"Minsu,0.5,1\n", "", 2, "a quote that does not end");
	bad("bad.csv", "", "", 0, "empty");
	bad("bad.csv", "id,f0,f1\nNobody,0.5,1\n", "", 2, "user 'Nobody' is not in the data");
	char *text = malloc(4096);
	const char *u0 = ratings_user_name(L->data, 0);
	sprintf(text, "id,f0,f1\n%s,0.5,1\n%s,0.5,1\n", u0, u0);
	snprintf(want, sizeof want, "user '%s' again (first at %s:2)", u0, in_dir("bad.csv"));
	bad("bad.csv", text, "", 3, want);
	/* One user of the data missing: the last row's is past the file's. */
	size_t tl = (size_t)sprintf(text, "id,f0,f1\n");
	for (int u = 1; u < ratings_n_users(L->data); u++)
		tl += (size_t)sprintf(text + tl, "\"%s\",0.5,1\n", ratings_user_name(L->data, u));
	int nu = ratings_n_users(L->data);
	snprintf(want, sizeof want, "user '%s' is index %d of the data, past the file's %d rows",
		 ratings_user_name(L->data, nu - 1), nu - 1, nu - 1);
	bad("bad.csv", text, "", nu, want);
	/* The other factors have k=2: this one k=1. */
	tl = (size_t)sprintf(text, "id,f0\n");
	for (int u = 0; u < ratings_n_users(L->data); u++)
		tl += (size_t)sprintf(text + tl, "\"%s\",0.5\n", ratings_user_name(L->data, u));
	bad("bad.csv", text, "", -1, "k=1 factors");
	/* The right file, but a model that takes no biases, or needs them. */
	tl = (size_t)sprintf(text, "id,f0,f1\n");
	for (int u = 0; u < ratings_n_users(L->data); u++)
		tl += (size_t)sprintf(text + tl, "\"%s\",0.5,1\n", ratings_user_name(L->data, u));
	bad("good.csv", text, "algo=biased", -1, "adds user and item biases");
	bad("good.csv", text, "algo=bpr", -1, "no matrix factorization");
	bad("good.csv", text, "algo=nonesuch", -1, "unknown algorithm 'nonesuch'");
	snprintf(line, sizeof line, "user_biases=%s item_biases=%s algo=sgd", in_dir("ub.npy"),
		 in_dir("ib.npy"));
	npy("ub.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }",
	    10 * sizeof(float));
	npy("ib.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }",
	    10 * sizeof(float));
	bad("good.csv", text, line, -1, "hold no global mean");
	snprintf(line, sizeof line, "user_biases=%s item_biases=%s algo=sgd mean=3.5",
		 in_dir("ub.npy"), in_dir("ib.npy"));
	bad("good.csv", text, line, -1, "sgd predicts p.q alone");
	snprintf(line, sizeof line, "user_biases=%s", in_dir("ub.npy"));
	bad("good.csv", text, line, -1, "both the user and the item biases");
	free(text);

	/* JSON: where the text goes wrong, by line. */
	bad("bad.json", "[\n  {\"id\": \"Minsu\", \"f0\": 1, \"f1\": 2},\n  {\"id\": \"Jisu\" \"f0\": 2}\n]\n",
	    "", 3, "where ',' or '}' was expected");
	bad("bad.json", "[\n  {\"id\": \"Minsu\", \"f0\": 1, \"f1\": 2},\n  {\"id\": \"Jisu\", \"f0\": 2}\n]\n",
	    "", 3, "other factors where the first row has 2");
	bad("bad.json", "[\n  {\"id\": \"Minsu\", \"f0\": [1]}\n]\n", "", 2, "a nested array");
	bad("bad.json", "[\n  {\"id\": \"Minsu\", \"f0\": 1,\n", "", 3, "the file ends where");
	bad("bad.json", "[\n  {\"id\": \"Min\\qsu\", \"f0\": 1}\n]\n", "", 2, "a bad escape");
	bad("bad.json", "[\n  {\"id\": \"Minsu\", \"f0\": 1, \"f0\": 2}\n]\n", "", 2, "two values of f0");
	bad("bad.json", "[\n  {\"id\": \"Minsu\", \"f0\": \"1\"}\n]\n", "", 2, "f0 is a string");
	bad("bad.json", "[\n  {\"id\": null, \"f0\": 1}\n]\n", "", 2, "no id");
	bad("bad.json", "[\n  {\"id\": \"Minsu\", \"f1\": 1}\n]\n", "", 2, "f0 is missing");
	bad("bad.json", "[]\n", "", 0, "an empty array");
	bad("bad.json", "[\n  {\"id\": \"Minsu\", \"f0\": 1}\n] x\n", "", 3, "text after the array");

	/* .npy: headers and sizes checked before anything is allocated. */
	snprintf(path, sizeof path, "%s", in_dir("bad.npy"));
	npy("bad.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (10, 2), }", 19 * 4);
	fails((snprintf(line, sizeof line, "import factors %s %s", path, in_dir("I.csv")), line),
	      "needs 80 bytes of numbers, the file has 76");
	npy("bad.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000000, 2), }", 8);
	fails(line, "at most");
	npy("bad.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", 32);
	fails(line, "more than 2 dimensions");
	npy("bad.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (10, 2), }", 80);
	fails(line, "float32 or float64");
	npy("bad.npy", "{'descr': '<f4', 'shape': (10, 2), }", 80);
	fails(line, "not NumPy's dict");
	npy("bad.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (11, 2), }", 88);
	fails(line, "has 11 rows, but there are 10 users");
	write_bytes(path, "\x93NUMPY\x01\x00\xff\xff", 10);
	fails(line, "a header of 65535 bytes");
	/* A .npy in Fortran order and float64 reads too (NumPy writes both). */
	{
		model *src = model_named("src");
		int nu = model_n_users(src), k = model_k(src);
		char dict[128];
		int dl = snprintf(dict, sizeof dict,
				  "{'descr': '<f8', 'fortran_order': True, 'shape': (%d, %d), }", nu, k);
		size_t total = 10 + (size_t)dl + (size_t)nu * (size_t)k * 8;
		char *b = malloc(total);
		memcpy(b, "\x93NUMPY\x01\x00", 8);
		b[8] = (char)dl, b[9] = 0;
		memcpy(b + 10, dict, (size_t)dl);
		const float *P = model_user_factors_const(src);
		for (int c = 0; c < k; c++)
			for (int r = 0; r < nu; r++) {
				double d = P[(size_t)r * k + c];
				memcpy(b + 10 + dl + ((size_t)c * nu + r) * 8, &d, 8);
			}
		const uint32_t probe = 1;
		if (*(const unsigned char *)&probe) {
			write_bytes(in_dir("F.npy"), b, total);
			snprintf(line, sizeof line, "import factors %s %s name=f", in_dir("F.npy"),
				 in_dir("I.csv"));
			run(line);
			CHECK(same_factors(src, model_named("f")) && same_predictions(src, model_named("f")));
		}
		free(b);
	}
	/* Ids files: as export users writes them, in index order. */
	snprintf(path, sizeof path, "%s", in_dir("ids.csv"));
	write_file(path, "index,id\n0,Cheolsu\n2,Younghee\n");
	npy("bad.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (10, 2), }", 80);
	snprintf(line, sizeof line, "import factors %s %s user_ids=%s", in_dir("bad.npy"),
		 in_dir("I.csv"), path);
	snprintf(want, sizeof want, "%s:3: index '2' where 1 was expected", path);
	fails(line, want);
	write_file(path, "index,id\n0,Cheolsu\n1,Younghee\n");
	fails(line, "names 2 users, ");
	/* Too many columns for k (at most 10000): refused on the header. */
	char *wide = malloc(200000);
	size_t wl = (size_t)sprintf(wide, "id");
	for (int f = 0; f <= 10001; f++)
		wl += (size_t)sprintf(wide + wl, ",f%d", f);
	strcpy(wide + wl, "\n");
	write_file(in_dir("wide.csv"), wide);
	snprintf(line, sizeof line, "import factors %s %s", in_dir("wide.csv"), in_dir("I.csv"));
	snprintf(want, sizeof want, "%s:1: ", in_dir("wide.csv"));
	fails(line, want);
	free(wide);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/test_import.XXXXXX", tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 99;
	}
	L = lab_new();
	test_model_file();
	test_format_1();
	test_import_round_trips();
	test_import_errors();
	lab_free(&L);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return check_done();
}

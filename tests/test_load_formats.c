/* test_load_formats.c: what a ratings file may look like (load.h): headers
 * whose names choose the columns, blank-separated files, user,item logs as
 * implicit feedback, standard input, gzip, and the messages for bad input.
 * Each variant is checked against the plain CSV of the same rows, loaded
 * by the same loader, so the expected store is computed, not typed in. */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_ZLIB
#include <zlib.h>
#endif

#include "check.h"
#include "engine/algo.h"
#include "engine/data/load.h"
#include "engine/model/metrics.h"
#include "engine/model/model.h"

static char dir[] = "/tmp/test_load_formats.XXXXXX";

/* dir/name holding text; the path (one of a few static buffers). */
static const char *put(const char *name, const char *text)
{
	static char buf[8][512];
	static int slot;
	char *p = buf[slot++ % 8];
	snprintf(p, sizeof buf[0], "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	if (!f || fwrite(text, 1, strlen(text), f) != strlen(text) || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", p);
		exit(99);
	}
	return p;
}

static ratings *load(const char *path)
{
	ll_error err = { "" };
	ratings *r = load_path(path, &err);
	if (!r)
		fprintf(stderr, "%s: %s\n", path, err.msg);
	return r;
}

/* The same users and items in the same order, the same entries (values to
 * the bit) in the same order, and the same scale and implicit flag. */
static int same_store(const ratings *a, const ratings *b)
{
	if (!a || !b || ratings_n_users(a) != ratings_n_users(b) ||
	    ratings_n_items(a) != ratings_n_items(b) || ratings_count(a) != ratings_count(b) ||
	    ratings_scale_lo(a) != ratings_scale_lo(b) || ratings_scale_hi(a) != ratings_scale_hi(b) ||
	    ratings_scale_step(a) != ratings_scale_step(b) || ratings_implicit(a) != ratings_implicit(b))
		return 0;
	for (int u = 0; u < ratings_n_users(a); u++)
		if (strcmp(ratings_user_name(a, u), ratings_user_name(b, u)))
			return 0;
	for (int i = 0; i < ratings_n_items(a); i++)
		if (strcmp(ratings_item_name(a, i), ratings_item_name(b, i)))
			return 0;
	const ll_rating *x = ratings_entries(a), *y = ratings_entries(b);
	for (size_t k = 0; k < ratings_count(a); k++)
		if (x[k].user != y[k].user || x[k].item != y[k].item ||
		    memcmp(&x[k].value, &y[k].value, sizeof x[k].value) || x[k].time != y[k].time)
			return 0;
	return 1;
}

/* path must load as the same store as the CSV `plain`. */
static void same_as(const char *plain, const char *path)
{
	ratings *a = load(plain), *b = load(path);
	int ok = same_store(a, b);
	if (!ok)
		fprintf(stderr, "%s does not load as %s does\n", path, plain);
	CHECK(ok);
	ratings_free(&a);
	ratings_free(&b);
}

/* Loading path must fail with a message holding each part. */
static void fails(const char *path, const char *part1, const char *part2)
{
	ll_error err = { "" };
	ratings *r = load_path(path, &err);
	CHECK(r == NULL);
	ratings_free(&r);
	int ok = strstr(err.msg, part1) && (!part2 || strstr(err.msg, part2));
	if (!ok)
		fprintf(stderr, "%s: unexpected message: %s\n", path, err.msg);
	CHECK(ok);
}

static const char *rows = "user,item,rating\nu1,A,5\nu2,B,3\nu1,B,4\nu3,A,2\n";

static void test_headers(void)
{
	const char *plain = put("plain.csv", rows);
	/* The same rows with the columns in other orders and other names. */
	same_as(plain, put("iur.csv", "item,user,rating\nA,u1,5\nB,u2,3\nB,u1,4\nA,u3,2\n"));
	same_as(plain, put("rui.csv", "rating,user,item\n5,u1,A\n3,u2,B\n4,u1,B\n2,u3,A\n"));
	same_as(plain, put("ids.tsv", "User_ID\tItem_ID\tScore\nu1\tA\t5\nu2\tB\t3\nu1\tB\t4\n"
				      "u3\tA\t2\n"));
	same_as(plain, put("ws.txt", "user_id item_id rating\nu1 A 5\nu2  B  3\nu1\tB 4\nu3 A 2\n"));
	same_as(plain, put("semi.csv", "uid;iid;value\nu1;A;5\nu2;B;3\nu1;B;4\nu3;A;2\n"));
	same_as(plain, put("bom.csv", "\xef\xbb\xbfItem,User,Rating\r\nA,u1,5\r\nB,u2,3\r\n"
				      "B,u1,4\r\nA,u3,2\r\n"));
	/* MovieLens's names, a timestamp kept; without a header: positional. */
	const char *timed = put("timed.csv", "u1,A,5,100\nu2,B,3,200\nu1,B,4,300\nu3,A,2,400\n");
	same_as(timed, put("ml.csv", "userId,movieId,rating,timestamp\nu1,A,5,100\nu2,B,3,200\n"
				     "u1,B,4,300\nu3,A,2,400\n"));
	same_as(timed, put("tmu.csv", "time,movie_id,user,rating\n100,A,u1,5\n200,B,u2,3\n"
				      "300,B,u1,4\n400,A,u3,2\n"));
	/* A header with the timestamp last lets a line leave it out. */
	ratings *r = load(put("opt.csv", "user,item,rating,timestamp\nu1,A,5,7\nu2,B,3\n"));
	CHECK(r && ratings_count(r) == 2 && ratings_entries(r)[0].time == 7 &&
	      ratings_entries(r)[1].time == 0);
	ratings_free(&r);

	fails(put("unk.csv", "user,song,rating\nu1,A,5\n"), "unk.csv:1: ", "unknown column 'song'");
	fails(put("abc.csv", "a,b,c\n1,2,3\n"), "abc.csv:1: ", "unknown column 'a'");
	fails(put("twice.csv", "user,userId,rating\nu1,A,5\n"), "twice.csv:1: ",
	      "names the user column twice");
	fails(put("noitem.csv", "user,rating,time\nu1,5,1\n"), "noitem.csv:1: ", "no item column");
	fails(put("short.csv", "item,user,rating\nA,u1,5\nB,u2\n"), "short.csv:3: ",
	      "as the header on line 1 names them, found 2");
	fails(put("long.csv", "user,item,rating\nu1,A,5,100\n"), "long.csv:2: ", "found 4");
	/* A bad rating in a swapped column is reported as a rating. */
	fails(put("badr.csv", "rating,item,user\n5,A,u1\nfive,B,u2\n"), "badr.csv:3: ",
	      "rating 'five' is not a number");
}

static void test_blanks(void)
{
	const char *plain = put("nums.csv", "1,10,5\n2,20,3\n1,20,4\n");
	same_as(plain, put("spaces.txt", "1 10 5\n2   20   3\n  1 20 4  \n"));
	same_as(plain, put("tabruns.txt", "1\t\t10\t\t5\n2\t\t20\t3\n1\t20\t\t4\n"));
	same_as(plain, put("mixed.txt", "1 \t\t10\t\t 5\n2  20  3\n1\t\t20 4\n"));
	/* A single tab stays the separator: names may hold spaces there. */
	ratings *r = load(put("names.tsv", "Kim Cheolsu\tIron Man\t4\nLee\tUp\t3\n"));
	CHECK(r && ratings_find_user(r, "Kim Cheolsu") >= 0 && ratings_find_item(r, "Iron Man") >= 0);
	ratings_free(&r);
	fails(put("one.txt", "justonefield\n"), "one.txt:1: ", "separated by");
	/* A tab alone between fields makes it a TSV file: two in a row are an
	 * empty field, not a run of blanks that would shift the columns. */
	fails(put("empty.tsv", "a\t\tb\t5\n"), "empty.tsv:1: ", "rating 'b' is not a number");
}

static void test_implicit(void)
{
	const char *log = put("log.csv", "u1,A\nu2,B\nu1,B\nu3,A\n");
	ratings *r = load(log);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK(ratings_implicit(r));
	CHECK(ratings_scale_lo(r) == 0 && ratings_scale_hi(r) == 1 && ratings_scale_step(r) == 1);
	CHECK(ratings_count(r) == 4);
	for (size_t k = 0; k < ratings_count(r); k++)
		CHECK(ratings_entries(r)[k].value == 1);
	/* The same pairs as the rated file, in the same order. */
	ratings *p = load(put("plain2.csv", rows));
	CHECK(p && ratings_n_users(p) == ratings_n_users(r) && ratings_n_items(p) == ratings_n_items(r));
	for (size_t k = 0; p && k < ratings_count(r); k++)
		CHECK(ratings_entries(p)[k].user == ratings_entries(r)[k].user &&
		      ratings_entries(p)[k].item == ratings_entries(r)[k].item);
	CHECK(p && !ratings_implicit(p));

	/* Subsets and clones (every split) keep the mark. */
	size_t some[] = { 0, 2 };
	ratings *s = ratings_subset(r, some, 2), *c = ratings_clone(r);
	CHECK(s && ratings_implicit(s) && c && ratings_implicit(c));

	/* RMSE refuses implicit data, saying so; a ranking counts every
	 * held-out pair as relevant, whatever the threshold. */
	ll_error err = { "" };
	size_t tr[] = { 0, 1, 3 }, te[] = { 2 };
	ratings *train = ratings_subset(r, tr, 3), *test = ratings_subset(r, te, 1);
	params *none = params_new();
	model *m = model_new("pop", none, &err);
	params_free(&none);
	CHECK(m && train && test && model_fit(m, train, &err) == 0);
	double rmse = -1;
	CHECK(m && metrics_rating(m, test, &rmse, NULL, &err) < 0 && rmse == -1);
	CHECK(strstr(err.msg, "implicit") != NULL);
	metrics_ranking at_any = { 0 }, at_high = { 0 };
	CHECK(m && metrics_topk(m, train, test, 2, 0, &at_any, &err) == 0);
	CHECK(m && metrics_topk(m, train, test, 2, 1000, &at_high, &err) == 0);
	CHECK(at_any.n_topk == 1 && at_high.n_topk == 1 && at_any.recall == at_high.recall);
	model_free(&m);
	ratings_free(&train);
	ratings_free(&test);
	ratings_free(&s);
	ratings_free(&c);

	/* With a header, and with a timestamp; names with spaces alike. */
	same_as(log, put("logh.csv", "userId,movieId\nu1,A\nu2,B\nu1,B\nu3,A\n"));
	same_as(log, put("logiu.csv", "item,user\nA,u1\nB,u2\nB,u1\nA,u3\n"));
	same_as(log, put("logws.txt", "u1 A\nu2 B\nu1   B\nu3 A\n"));
	ratings *t = load(put("logt.csv", "user,item,time\nu1,A,10\nu2,B,20\n"));
	CHECK(t && ratings_implicit(t) && ratings_entries(t)[1].time == 20);
	ratings_free(&t);

	fails(put("logdup.csv", "u1,A\nu2,B\nu1,A\n"), "logdup.csv:3: ", "listed twice (first on line 1)");
	fails(put("log3.csv", "u1,A\nu2,B,5\n"), "log3.csv:2: ", "expected 2 fields");
	ratings_free(&r);
	ratings_free(&p);

	/* The toy layout's ratings file may be a log too. */
	char sub[600];
	snprintf(sub, sizeof sub, "%s/toylog", dir);
	mkdir(sub, 0700);
	put("toylog/ratings.csv", "user,item\nCheolsu,Up\nYounghee,Up\n");
	r = load(sub);
	CHECK(r && ratings_implicit(r) && ratings_scale_hi(r) == 1);
	ratings_free(&r);
}

/* Make path the process's standard input. */
static void stdin_from(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0 || dup2(fd, 0) < 0) {
		perror(path);
		exit(99);
	}
	close(fd);
}

static void test_stdin(void)
{
	const char *plain = put("plain3.csv", rows);
	stdin_from(plain);
	CHECK(load_is_stdin("-") && load_is_stdin("/dev/stdin") && !load_is_stdin("./-"));
	CHECK(load_detect("-", NULL) == LOAD_GENERIC);
	ratings *a = load(plain), *b = load("-");
	CHECK(same_store(a, b));
	CHECK(b && strcmp(ratings_source(b), "stdin") == 0);
	ratings_free(&b);
	/* Through a pipe, which cannot be rewound or sized. */
	int fd[2];
	CHECK(pipe(fd) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		ssize_t w = write(fd[1], rows, strlen(rows));
		_exit(w == (ssize_t)strlen(rows) ? 0 : 1);
	}
	close(fd[1]);
	dup2(fd[0], 0);
	close(fd[0]);
	b = load("/dev/stdin");
	CHECK(same_store(a, b));
	CHECK(b && strcmp(ratings_source(b), "/dev/stdin") == 0);
	ratings_free(&b);
	ratings_free(&a);
	stdin_from(put("badin.csv", "user,item,rating\nu1,A,5\nu2,B,six\n"));
	fails("-", "stdin:3: ", "rating 'six' is not a number");
	stdin_from("/dev/null");
	fails("-", "stdin: no ratings", NULL);
}

#ifdef HAVE_ZLIB
static const char *put_gz(const char *name, const char *text, int members)
{
	static char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	unlink(p);
	for (int k = 0; k < members; k++) {
		size_t n = strlen(text), at = k * n / members, end = (k + 1) * n / members;
		gzFile g = gzopen(p, "ab");
		if (!g || gzwrite(g, text + at, (unsigned)(end - at)) != (int)(end - at) ||
		    gzclose(g) != Z_OK)
			exit(99);
	}
	return p;
}
#endif

static void test_gzip(void)
{
	const char *plain = put("plain4.csv", rows);
#ifdef HAVE_ZLIB
	same_as(plain, put_gz("rows.csv.gz", rows, 1));
	/* Whatever its name, and in several members as `cat a.gz b.gz` makes. */
	same_as(plain, put_gz("rows.dat", rows, 3));
	/* A MovieLens file, compressed, is a generic file of the same entries. */
	char u[600];
	snprintf(u, sizeof u, "%s/tests/data/ml100k/u.data", getenv("top_srcdir") ?
		 getenv("top_srcdir") : ".");
	FILE *f = fopen(u, "rb");
	char text[4096];
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
	if (f)
		fclose(f);
	text[n] = '\0';
	same_as(put("u.data", text), put_gz("u.data.gz", text, 1));
	/* Cut short, and damaged. */
	const char *whole = put_gz("cut.gz", rows, 1);
	FILE *g = fopen(whole, "rb");
	char bytes[256];
	size_t got = g ? fread(bytes, 1, sizeof bytes, g) : 0;
	if (g)
		fclose(g);
	CHECK(got > 20);
	g = fopen(whole, "wb");
	fwrite(bytes, 1, got - 12, g);
	fclose(g);
	fails(whole, "cut.gz: ", "ends too soon");
	bytes[12] ^= 0x55, bytes[13] ^= 0x55, bytes[14] ^= 0x55;
	const char *bad = put("bad.gz", "");
	g = fopen(bad, "wb");
	fwrite(bytes, 1, got, g);
	fclose(g);
	fails(bad, "bad.gz: ", NULL);
	/* gzip on standard input. */
	stdin_from(put_gz("in.gz", rows, 1));
	same_as(plain, "-");
#else
	(void)plain;
	fails(put("nozlib.gz", "\x1f\x8b\x08\x00rest"), "nozlib.gz: ", "without zlib");
#endif
}

/* A line past lineread's 16 MB bound is refused, not grown without end. */
static void test_bounds(void)
{
	char p[600];
	snprintf(p, sizeof p, "%s/huge.csv", dir);
	FILE *f = fopen(p, "wb");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("u1,A,5\nu2,", f);
	char kb[1024];
	memset(kb, 'x', sizeof kb);
	for (int k = 0; k < (17 << 10); k++)
		fwrite(kb, 1, sizeof kb, f);
	fputs(",3\n", f);
	fclose(f);
	fails(p, "huge.csv:2: ", "line longer than 16 MB");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	test_headers();
	test_blanks();
	test_implicit();
	test_stdin();
	test_gzip();
	test_bounds();
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return check_done();
}

/* test_harden.c: the hardening of issue 16, one section per class: input
 * files that are not regular or too large, no stack sized by input, linear
 * parsing, bounded formats and sizes, overflow-checked options, sessions
 * that reopen to the same state (a property test over random sessions),
 * model files checked against their sizes, atomic saves that follow links
 * and keep modes, lessons that cannot write outside their scratch folder,
 * and a headerless file's bad first row. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "labcheck.h"
#include "engine/core/atomic.h"
#include "engine/core/fileio.h"
#include "engine/core/lineread.h"
#include "engine/data/load.h"
#include "engine/model/model.h"
#include "lab/lab_impl.h"
#include "lab/lesson/lesson.h"
#include "lab/lesson/lesson_list.h"
#include "lab/parse.h"

static char dir[64];

static char *in_dir(const char *name)
{
	static char p[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static char *slurp(const char *path)
{
	return ll_read_file(path, (size_t)1 << 26, NULL, NULL);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* ---- non-regular files and size limits ---- */

static void test_regular_files(void)
{
	char *fifo = in_dir("x.lesson");
	CHECK(mkfifo(fifo, 0600) == 0);
	ll_error e;
	/* Each of these blocked forever or read without end before. */
	CHECK(ll_read_file(fifo, 100, NULL, &e) == NULL && strstr(e.msg, "a FIFO"));
	CHECK(lesson_load(fifo, &e) == NULL && strstr(e.msg, "a FIFO"));
	CHECK(lineread_open(fifo, &e) == NULL && strstr(e.msg, "a FIFO"));
	CHECK(lesson_check_script("/dev/zero", &e) == -1 && strstr(e.msg, "/dev/zero: is a character device"));
	CHECK(lesson_load("/dev/zero", &e) == NULL && strstr(e.msg, "character device"));
	CHECK(lineread_open(dir, &e) == NULL && strstr(e.msg, "a folder"));
	char line[300];
	snprintf(line, sizeof line, "open %s", fifo);
	fails(line, "a FIFO");
	snprintf(line, sizeof line, "load %s", fifo);
	fails(line, "not a regular file");

	/* A lessons folder holding the FIFO: the list has it, with its error. */
	char *lessons = in_dir("lessons");
	mkdir(lessons, 0700);
	char *f2 = in_dir("lessons/x.lesson");
	CHECK(mkfifo(f2, 0600) == 0);
	setenv("LATENTLAB_PATH", dir, 1);
	lesson_entry *v;
	int n = lesson_list(&v), seen = 0;
	for (int i = 0; i < n; i++)
		if (!strcmp(v[i].name, "x"))
			seen = v[i].error && strstr(v[i].error, "FIFO");
	CHECK(seen);
	lesson_list_free(&v, n);
	unsetenv("LATENTLAB_PATH");
	unlink(f2);
	rmdir(lessons);
	unlink(fifo);

	/* Size limits: a lesson over LL_LESSON_MAX is refused by size. */
	char *big = in_dir("big.lesson");
	FILE *f = fopen(big, "wb");
	CHECK(f && ftruncate(fileno(f), (off_t)LL_LESSON_MAX + 1) == 0);
	if (f)
		fclose(f);
	CHECK(lesson_load(big, &e) == NULL && strstr(e.msg, "too large"));
	unlink(big);
}

/* ---- no stack sized by input: a 9 MB line ---- */

static void test_long_line(void)
{
	size_t n = (size_t)9 << 20;
	char *text = malloc(n + 64);
	CHECK(text != NULL);
	if (!text)
		return;
	strcpy(text, "title: t\ndataset: none\n## s\n");
	size_t h = strlen(text);
	memset(text + h, 'a', n);
	text[h + n] = '\0';
	ll_error e;
	lesson *l = lesson_parse("long.lesson", text, &e);
	CHECK(l == NULL && strstr(e.msg, "long.lesson:4: a line of"));
	lesson_free(&l);
	/* A command line of 200k words parses in linear time. */
	size_t words = 200000;
	char *line = malloc(words * 4 + 16), *p = line;
	p += sprintf(p, "help");
	for (size_t i = 0; i < words; i++)
		memcpy(p, " ab", 3), p += 3;
	*p = '\0';
	double t0 = now();
	lab_words w;
	CHECK(lab_parse(line, &w, NULL, &e) == 0 && w.n == (int)words + 1);
	lab_words_clear(&w);
	/* 80k options: parsed, then refused at once. */
	p = line + sprintf(line, "train sgd");
	for (size_t i = 0; i < 80000; i++)
		memcpy(p, " x=1", 4), p += 4;
	*p = '\0';
	fails(line, "more than 256 options");
	double dt = now() - t0;
	if (dt > 2)
		fprintf(stderr, "parsing took %.1f s\n", dt);
	CHECK(dt < 2);
	free(line);
	free(text);
}

/* ---- bounded formats, sizes and overflow-checked options ---- */

static void test_bounds(void)
{
	char buf[64];
	CHECK(lab_format_num(buf, sizeof buf, "%.2147483646f", 1) == -1);
	CHECK(lab_format_num(buf, sizeof buf, "%2147483646d", 1) == -1);
	CHECK(lab_format_num(buf, sizeof buf, "%.21f", 1) == -1);
	CHECK(lab_format_num(buf, sizeof buf, "%.20f", 1) == 0);
	CHECK(lab_format_num(buf, sizeof buf, "%20.3f", 1) == 0);
	CHECK(lab_format_num(buf, sizeof buf, "a\nb %d", 1) == -1);
	/* %d of a value no long holds: digits, not undefined behaviour. */
	CHECK(lab_format_num(buf, sizeof buf, "%d", 1e30) == 0 && strlen(buf) == 31);
	CHECK(lab_format_num(buf, sizeof buf, "%d", -2.5) == 0 && !strcmp(buf, "-3"));
	ll_error e;
	lesson *l = lesson_parse("f.lesson", "title: t\ndataset: toy\n## s\n{{mean | %.2147483646f}}\n", &e);
	CHECK(l != NULL);
	CHECK(l && lesson_check(l, &e) == -1 && strstr(e.msg, "f.lesson:4:") && strstr(e.msg, "at most 20"));
	lesson_free(&l);
	fails("set format=%.99f", "format");

	run("load toy");
	fails("train sgd k=4294967298", "bad value for k: '4294967298'");
	fails("train sgd epochs=1000000000", "epochs must be from 0 to 100000");
	run("train sgd k=2 epochs=5");
	fails("recommend Minsu n=4294967299", "n must be from 1 to 100000");
	fails("similar Minsu n=-5", "n must be from 1 to 100000");
	fails("seed 99999999999999999999", "too large");
	fails("seed 2147483648", "too large");
	run("seed 2147483647");
	CHECK(num("seed | %d") == 2147483647);
	fails("generate users=100000000 items=1000000 ratings=1000000000", "GB");
	fails("epoch 1000000000", "at most 100000 epochs");
	/* `epoch N` shows the last `rows` epochs, not N rows. */
	run("set rows=5");
	view *v = ok("epoch 300");
	int rows = -1;
	for (view *x = v; x; x = x->next)
		if (x->kind == VIEW_TABLE)
			rows = x->u.table.rows;
	CHECK(rows == 5);
	view_free(&v);
	run("set rows=20");
	/* A lesson's seed header is bounded the same way. */
	l = lesson_parse("s.lesson", "title: t\ndataset: toy\nseed: 99999999999\n## s\nx\n", &e);
	CHECK(l == NULL && strstr(e.msg, "from 0 to 2147483647"));
	/* Control bytes in a lesson never reach a terminal. */
	l = lesson_parse("c.lesson", "title: t\ndataset: toy\n## s\nhi \033[2J\n", &e);
	CHECK(l == NULL && strstr(e.msg, "c.lesson:4: a control character (byte 0x1b)"));
	/* Factor memory is estimated before allocating. */
	run("generate users=1000000 items=100000 ratings=100000");
	fails("train sgd k=5000 epochs=0", "GB of factors");
	run("reset");
}

/* ---- sessions reopen to the same state ---- */

/* Save to a, open, save to b: the files are the same bytes. */
static int roundtrip(const char *a, const char *b)
{
	char line[600];
	snprintf(line, sizeof line, "save \"%s\"", a);
	run(line);
	lab *t = lab_new(), *keep = L;
	L = t;
	snprintf(line, sizeof line, "open \"%s\"", a);
	run(line);
	snprintf(line, sizeof line, "save \"%s\"", b);
	run(line);
	L = keep;
	char *x = slurp(a), *y = slurp(b);
	int same = x && y && strcmp(x, y) == 0;
	if (!same)
		fprintf(stderr, "---- %s\n%.2000s\n---- %s\n%.2000s\n", a, x ? x : "", b, y ? y : "");
	free(x), free(y);
	/* The reopened session predicts what the saved one did. */
	for (int i = 0; same && i < L->n_models; i++) {
		lab_model *m = lab_model_find(t, L->models[i].name);
		same = m && model_n_users(m->m) == model_n_users(L->models[i].m);
		for (int u = 0; same && u < model_n_users(m->m); u++)
			same = model_predict(m->m, u, 0) == model_predict(L->models[i].m, u, 0);
	}
	lab_free(&t);
	return same;
}

static void random_name(unsigned *s, char *out, size_t size)
{
	static const char *parts[] = { "Minsu", " ", "\"", "'", "\\", "#", "=", "\r", "\n", "\t",
				       "\033[2J", "민수", "x", "\\x0a", "--", "\x7f" };
	size_t len = 0;
	int n = 1 + (int)(rand_r(s) % 6);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *p = parts[rand_r(s) % (sizeof parts / sizeof *parts)];
		if (len + strlen(p) + 1 < size)
			strcpy(out + len, p), len += strlen(p);
	}
	if (!len || strspn(out, " \t\r\n") == len)
		strcpy(out, "blank");
}

static void test_sessions(void)
{
	char line[2400], name[200];
	/* A long name and a half star: once cut at 600 bytes ("3.").*/
	run("load toy");
	char longname[1001];
	memset(longname, 'n', 1000);
	longname[1000] = '\0';
	snprintf(line, sizeof line, "rate %s Avengers 3.5", longname);
	run(line);
	/* A model name with CR and LF. */
	run("train sgd k=2 epochs=3 name=\"line\r\nbreak\"");
	CHECK(roundtrip(in_dir("a.lab"), in_dir("b.lab")));
	lab *t = lab_new(), *keep = L;
	L = t;
	snprintf(line, sizeof line, "open %s", in_dir("a.lab"));
	run(line);
	int u = ratings_find_user(L->data, longname), i = ratings_lookup_item(L->data, "Avengers");
	long pos = u >= 0 && i >= 0 ? ratings_find(L->data, u, i) : -1;
	CHECK(pos >= 0 && ratings_entries(L->data)[pos].value == 3.5f);
	CHECK(lab_model_find(L, "line\r\nbreak") != NULL);
	L = keep;
	lab_free(&t);

	/* The property: random sessions come back byte for byte. */
	unsigned seed = 16;
	for (int round = 0; round < 25; round++) {
		run("reset");
		run(round % 2 ? "load toy" : "generate users=12 items=9 ratings=40 seed=3");
		int steps = 1 + (int)(rand_r(&seed) % 8);
		for (int s = 0; s < steps; s++) {
			random_name(&seed, name, sizeof name);
			char *q = lab_quote(name);
			view *v = NULL;
			ll_error e;
			switch (rand_r(&seed) % 5) {
			case 0:
			case 1:
				snprintf(line, sizeof line, "rate %s %s %.1f", q, round % 2 ? "Avengers" : "1",
					 1 + (rand_r(&seed) % 9) * 0.5);
				break;
			case 2:
				snprintf(line, sizeof line, "train %s k=2 epochs=2 name=%s",
					 rand_r(&seed) % 2 ? "sgd" : "baseline", q);
				break;
			case 3:
				snprintf(line, sizeof line, "split holdout frac=0.3 seed=%u", rand_r(&seed) % 100);
				break;
			default:
				snprintf(line, sizeof line, "set seed=%u rows=%u format=%%.%uf", rand_r(&seed),
					 1 + rand_r(&seed) % 50, rand_r(&seed) % 6);
			}
			free(q);
			lab_exec(L, line, &v, &e); /* some fail (off the scale): fine */
			view_free(&v);
		}
		int same = roundtrip(in_dir("r1.lab"), in_dir("r2.lab"));
		if (!same)
			fprintf(stderr, "round %d differs\n", round);
		CHECK(same);
	}
	run("reset");
}

/* ---- model files checked against their sizes ---- */

static void test_model_files(void)
{
	run("load toy");
	run("train sgd k=2 epochs=3");
	float *P = model_user_factors(L->models[L->cur].m);
	P[1] = NAN;
	char line[300];
	snprintf(line, sizeof line, "save %s", in_dir("nan.lab"));
	run(line);
	snprintf(line, sizeof line, "open %s", in_dir("nan.lab"));
	fails(line, "NaN or infinite");
	/* A header claiming more factors than the file holds. */
	write_file(in_dir("huge.lab"), "latentlab-session 1\ndata load toy\nmodel m 0\n"
		   "latentlab-model 1 le sgd 100000000 100000000 100 0 1 5\nxx\nend\n");
	snprintf(line, sizeof line, "open %s", in_dir("huge.lab"));
	fails(line, "bytes follow");
	write_file(in_dir("neg.lab"), "latentlab-session 1\ndata load toy\nmodel m 0\n"
		   "latentlab-model 1 le sgd 10 10 2 0 5 1\nend\n");
	snprintf(line, sizeof line, "open %s", in_dir("neg.lab"));
	fails(line, "corrupt model header");
	write_file(in_dir("seed.lab"), "latentlab-session 1\nseed 99999999999999999999\nend\n");
	snprintf(line, sizeof line, "open %s", in_dir("seed.lab"));
	fails(line, "seed.lab:2: bad seed");
	run("reset");
}

/* ---- atomic saves ---- */

static void test_atomic(void)
{
	ll_error e;
	ll_atomic a;
	char *target = in_dir("target.txt"), *link = in_dir("link.txt");
	write_file(target, "old\n");
	CHECK(chmod(target, 0640) == 0);
	CHECK(symlink("target.txt", link) == 0);
	/* A stale temporary of a killed save, and a fresh one (a save in
	 * progress beside us) that must stay. */
	char *stale = in_dir("target.txt.tmpAbC123"), *fresh = in_dir("target.txt.tmpXyZ789");
	write_file(stale, "junk");
	write_file(fresh, "busy");
	struct utimbuf old = { time(NULL) - 3600, time(NULL) - 3600 };
	utime(stale, &old);
	CHECK(ll_atomic_open(&a, link, &e) == 0);
	fputs("new\n", a.f);
	CHECK(ll_atomic_commit(&a, &e) == 0);
	struct stat st;
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	CHECK(stat(target, &st) == 0 && (st.st_mode & 0777) == 0640);
	char *s = slurp(target);
	CHECK(s && !strcmp(s, "new\n"));
	free(s);
	CHECK(access(stale, F_OK) != 0);
	CHECK(access(fresh, F_OK) == 0);
	unlink(fresh);
	/* A FIFO or a device is not replaced. */
	char *fifo = in_dir("p.lab");
	CHECK(mkfifo(fifo, 0600) == 0);
	CHECK(ll_atomic_open(&a, fifo, &e) == -1 && strstr(e.msg, "not a regular file"));
	CHECK(ll_atomic_open(&a, "/dev/null", &e) == -1 && strstr(e.msg, "not a regular file"));
	unlink(fifo), unlink(link), unlink(target);
}

/* ---- lessons are data ---- */

static void test_lesson_sandbox(void)
{
	setenv("XDG_STATE_HOME", dir, 1);
	ll_error e;
	lesson *l = lesson_parse("w.lesson", "title: t\ndataset: toy\n## s\n$$ save /tmp/victim.txt\n", &e);
	CHECK(l && lesson_check(l, &e) == -1 && strstr(e.msg, "w.lesson:4: save: a lesson writes only"));
	lesson_free(&l);
	l = lesson_parse("w.lesson", "title: t\ndataset: toy\n## s\n$$ save ../x.lab\n", &e);
	CHECK(l && lesson_check(l, &e) == -1);
	lesson_free(&l);

	/* Played: a plain name goes to the scratch folder, not here. */
	char path[300];
	snprintf(path, sizeof path, "%s/sand.lesson", dir);
	write_file(path, "title: t\ndataset: toy\n## s\n$$ train sgd k=2 epochs=2\n$$ save m.lab\n"
		   "$$ open m.lab\nSaved.\n");
	l = lesson_load(path, &e);
	CHECK(l != NULL);
	char *prose = NULL;
	view *v = NULL;
	int rc = l ? lesson_play(L, l, 0, &prose, &v, &e) : -1;
	if (rc)
		fprintf(stderr, "%s\n", e.msg);
	CHECK(rc == 0);
	free(prose), view_free(&v);
	char want[400];
	snprintf(want, sizeof want, "%s/latentlab/scratch/sand/m.lab", dir);
	CHECK(access(want, F_OK) == 0);
	CHECK(access("m.lab", F_OK) != 0);
	lesson_free(&l);

	/* A read outside the lesson's folder and the data is refused. */
	write_file(path, "title: t\ndataset: toy\n## s\n$$ open /etc/passwd\nx\n");
	l = lesson_load(path, &e);
	rc = l ? lesson_play(L, l, 0, &prose, &v, &e) : 0;
	CHECK(rc == -1 && strstr(e.msg, "a lesson reads only"));
	free(prose), view_free(&v);
	lesson_free(&l);
	/* At the prompt the person is not limited: the filter is gone. */
	CHECK(L->path_filter == NULL);
	run("reset");
}

/* ---- a headerless file's bad first row ---- */

static void test_header(void)
{
	ll_error e;
	char *f = in_dir("nohead.csv");
	write_file(f, "1,2,abc\n1,3,4\n");
	ratings *r = load_path(f, &e);
	CHECK(r == NULL && strstr(e.msg, "nohead.csv:1:"));
	ratings_free(&r);
	write_file(f, "user,item,rating\n1,3,4\n");
	r = load_path(f, &e);
	CHECK(r != NULL && ratings_count(r) == 1);
	ratings_free(&r);
	unlink(f);
}

int main(void)
{
	alarm(120); /* a hang is a failure, not a stuck suite */
	snprintf(dir, sizeof dir, "/tmp/test_harden.XXXXXX");
	if (!mkdtemp(dir))
		return 99;
	L = lab_new();
	test_regular_files();
	test_long_line();
	test_bounds();
	test_sessions();
	test_model_files();
	test_atomic();
	test_lesson_sandbox();
	test_header();
	lab_free(&L);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 99;
	return check_done();
}

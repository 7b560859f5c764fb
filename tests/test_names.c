/* test_names.c: users and items named the same (MovieLens ids: user 50 and
 * movie 50): user:NAME and item:NAME pick a side wherever a name is read
 * (similar, vector, cos, predict, step, rate, tug), and completion offers
 * both readings of a name that is both. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "labcheck.h"

static int has(char **c, const char *word)
{
	for (; c && *c; c++)
		if (strcmp(*c, word) == 0)
			return 1;
	return 0;
}

static void load_both(void)
{
	char path[] = "/tmp/test_names_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	/* User 50 and item 50 both exist; user 7 and item 9 are one side only. */
	const char *csv = "user,item,rating\n"
			  "50,50,5\n50,9,1\n7,50,4\n7,9,2\n8,50,5\n8,9,1\n8,12,3\n50,12,4\n";
	CHECK(write(fd, csv, strlen(csv)) == (ssize_t)strlen(csv));
	close(fd);
	char line[300];
	snprintf(line, sizeof line, "load %s", path);
	run(line);
	unlink(path);
}

static void test_ambiguous(void)
{
	load_both();
	run("train sgd k=2 lr=0.05 epochs=20 seed=3");

	view *v = ok("similar user:50 metric=latent");
	CHECK(v && v->kind == VIEW_TABLE);
	/* The neighbours of a user are users: 7 and 8, never item 9. */
	for (int r = 0; v && r < v->u.table.rows; r++)
		for (int c = 0; c < v->u.table.cols; c++) {
			const char *s = v->u.table.cells[(size_t)r * v->u.table.cols + c];
			CHECK(!s || strcmp(s, "9") != 0);
		}
	view_free(&v);
	v = ok("similar item:50 metric=latent");
	CHECK(v && v->kind == VIEW_TABLE);
	view_free(&v);

	/* A bare name that is both is refused, saying how to pick a side. */
	fails("similar 50", "'50' is both a user and an item (did you mean user:50 or item:50?)");
	fails("vector 50", "did you mean user:50 or item:50?");
	fails("cos 50 7", "is both a user and an item");

	/* A side that is only one reading needs no prefix, and takes one. */
	double c1 = num("cos user:50 7 | %.9f"), c2 = num("cos user:50 user:7 | %.9f");
	CHECK_NEAR(c1, c2, 1e-12);
	CHECK_NEAR(num("cos item:50 9 | %.9f"), num("cos item:50 item:9 | %.9f"), 1e-12);
	CHECK_NEAR(num("vector user:50 0 | %.9f"), num("vector user:50 0 | %.9f"), 0);

	/* Where only a user (or an item) can stand, the bare name is that side. */
	CHECK_NEAR(num("predict 50 50 | %.9f"), num("predict user:50 item:50 | %.9f"), 1e-12);
	CHECK(num("rating user:50 item:9") == 1);
	run("step user:50 item:50");
	CHECK(num("last.rating") == 5);
	run("tug item:50");

	/* The wrong side says which side the name is on. */
	fails("predict item:9 50", "no user 'item:9' ('item:9' is an item)");
	fails("predict 50 user:7", "no item 'user:7' ('user:7' is a user)");
	fails("similar user:99", "no user '99'");

	/* rate user:NAME rates as that user, new or not, never "user:60". */
	run("rate user:60 item:50 3");
	CHECK(num("rating 60 50") == 3);
	fails("rating user:60 item:9", "60 has not rated 9");
}

static void test_complete(void)
{
	const char *line = "similar 5";
	char **c = lab_complete(L, line, (int)strlen(line));
	CHECK(has(c, "50")); /* what was typed still completes */
	lab_completions_free(c);
	line = "similar ";
	c = lab_complete(L, line, (int)strlen(line));
	CHECK(has(c, "user:50") && has(c, "item:50"));
	CHECK(!has(c, "user:7")); /* 7 is a user only */
	lab_completions_free(c);
	line = "similar user:";
	c = lab_complete(L, line, (int)strlen(line));
	CHECK(has(c, "user:50") && has(c, "user:7") && !has(c, "user:9"));
	lab_completions_free(c);
	line = "predict 7 item:";
	c = lab_complete(L, line, (int)strlen(line));
	CHECK(has(c, "item:9") && has(c, "item:50") && !has(c, "item:7"));
	lab_completions_free(c);
}

/* On the toy data nothing is ambiguous, and the prefixes work too. */
static void test_toy(void)
{
	run("load toy");
	run("train sgd k=2 lr=0.05 epochs=50 seed=7");
	CHECK_NEAR(num("cos user:Minsu item:Avengers | %.9f"), num("cos Minsu Avengers | %.9f"), 0);
	CHECK_NEAR(num("predict user:Minsu \"item:Iron Man\" | %.9f"),
		   num("predict Minsu \"Iron Man\" | %.9f"), 0);
	fails("similar user:Avengers", "no user 'Avengers'");
}

int main(void)
{
	L = lab_new();
	test_ambiguous();
	test_complete();
	test_toy();
	lab_free(&L);
	return check_done();
}

/* test_progress_store.c: lesson progress kept between runs: what is written
 * comes back after a reload, the furthest step wins, the file is rewritten
 * whole; quiz scores (the first answer to each quiz counts) come back the
 * same, and a file of the older three-field lines still reads. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tui/tui.h"

int main(void)
{
	char dir[] = "/tmp/latentlab-pstore.XXXXXX";
	if (!mkdtemp(dir))
		return 99;
	setenv("XDG_STATE_HOME", dir, 1);

	pstore *p = pstore_load();
	int reached, steps;
	CHECK(p != NULL);
	CHECK(pstore_get(p, "01-clues", &reached, &steps) == -1 && reached == -1);
	CHECK(pstore_set(p, "01-clues", 2, 5) == 0);
	CHECK(pstore_set(p, "02-map", 0, 3) == 0);
	CHECK(pstore_set(p, "01-clues", 1, 5) == 0);  /* going back keeps the furthest */
	CHECK(pstore_set(p, "bad\tname", 1, 5) == -1);
	pstore_free(&p);
	CHECK(p == NULL);

	p = pstore_load();
	CHECK(pstore_get(p, "01-clues", &reached, &steps) == 0 && reached == 2 && steps == 5);
	CHECK(pstore_get(p, "02-map", &reached, &steps) == 0 && reached == 0 && steps == 3);
	CHECK(pstore_set(p, "02-map", 2, 3) == 0);
	pstore_free(&p);

	char path[256], line[256], all[512] = "";
	snprintf(path, sizeof path, "%s/latentlab/progress", dir);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	while (f && fgets(line, sizeof line, f))
		strncat(all, line, sizeof all - strlen(all) - 1);
	if (f)
		fclose(f);
	CHECK_STR(all, "01-clues\t2\t5\t0\t0\n02-map\t2\t3\t0\t0\n");

	/* Quiz scores: right/asked, the first answer to a quiz counts. */
	int right, asked;
	p = pstore_load();
	pstore_score(p, "01-clues", &right, &asked);
	CHECK(right == 0 && asked == 0);
	CHECK(pstore_quiz(p, "01-clues", 1, 5, 1) == 0);
	CHECK(pstore_quiz(p, "01-clues", 3, 5, 0) == 0);
	CHECK(pstore_quiz(p, "01-clues", 3, 5, 1) == 0); /* a second try is not counted */
	CHECK(pstore_quiz(p, "01-clues", PSTORE_MAX_STEPS, 5, 1) == -1);
	pstore_score(p, "01-clues", &right, &asked);
	CHECK(right == 1 && asked == 2);
	pstore_free(&p);
	p = pstore_load(); /* reopens to the same state */
	pstore_score(p, "01-clues", &right, &asked);
	CHECK(right == 1 && asked == 2);
	CHECK(pstore_get(p, "01-clues", &reached, &steps) == 0 && reached == 2 && steps == 5);
	pstore_score(p, "02-map", &right, &asked);
	CHECK(right == 0 && asked == 0);
	pstore_free(&p);

	/* The older format (no scores) reads as no answers. */
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("01-clues\t4\t5\n", f);
		fclose(f);
	}
	p = pstore_load();
	CHECK(pstore_get(p, "01-clues", &reached, &steps) == 0 && reached == 4 && steps == 5);
	pstore_score(p, "01-clues", &right, &asked);
	CHECK(right == 0 && asked == 0);
	pstore_free(&p);

	/* A lesson that changed its number of steps starts its count (and its
	 * score) afresh. */
	p = pstore_load();
	CHECK(pstore_quiz(p, "01-clues", 1, 5, 1) == 0);
	CHECK(pstore_set(p, "01-clues", 0, 6) == 0);
	CHECK(pstore_get(p, "01-clues", &reached, &steps) == 0 && reached == 0 && steps == 6);
	pstore_score(p, "01-clues", &right, &asked);
	CHECK(right == 0 && asked == 0);
	pstore_free(&p);

	remove(path);
	snprintf(path, sizeof path, "%s/latentlab", dir);
	remove(path);
	remove(dir);
	return check_done();
}

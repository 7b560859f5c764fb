/* test_complete_args.c: what Tab offers past the command name: each
 * algorithm's own parameters (train sgd k<Tab>), Surprise's and Spark's
 * algorithm names, and file names for save, open, export and load, quoted
 * when they hold spaces. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "lab/lab.h"

static int offers(lab *l, const char *line, const char *want)
{
	char **c = lab_complete(l, line, (int)strlen(line));
	int found = 0;
	for (char **p = c; p && *p; p++)
		if (strcmp(*p, want) == 0)
			found = 1;
	if (!found) {
		fprintf(stderr, "'%s' does not offer '%s'; it offers:", line, want);
		for (char **p = c; p && *p; p++)
			fprintf(stderr, " [%s]", *p);
		fputc('\n', stderr);
	}
	lab_completions_free(c);
	return found;
}

int main(void)
{
	lab *l = lab_new();
	CHECK(l != NULL);
	/* Every algorithm's parameters, as the model reads them. */
	CHECK(offers(l, "train sgd k", "k="));
	CHECK(offers(l, "train sgd ", "lr="));
	CHECK(offers(l, "train als ", "alpha="));
	CHECK(offers(l, "train ials al", "alpha="));
	CHECK(offers(l, "train knn-item ", "sim="));
	CHECK(offers(l, "train neumf la", "layers="));
	CHECK(offers(l, "train SVD ", "lr="));
	/* Other libraries' names. */
	CHECK(offers(l, "train KNNB", "KNNBaseline"));
	CHECK(offers(l, "train SV", "SVD"));

	/* File names, in a scratch folder; a name with a space comes quoted. */
	char dir[] = "/tmp/complete_args.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/my model.lab", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f)
		fclose(f);
	snprintf(path, sizeof path, "%s/sub", dir);
	CHECK(mkdir(path, 0700) == 0);
	char line[512], want[512];
	snprintf(line, sizeof line, "open %s/my", dir);
	snprintf(want, sizeof want, "\"%s/my model.lab\"", dir);
	CHECK(offers(l, line, want));
	snprintf(line, sizeof line, "save %s/s", dir);
	snprintf(want, sizeof want, "%s/sub/", dir);
	CHECK(offers(l, line, want));
	snprintf(line, sizeof line, "export item-factors %s/m", dir);
	snprintf(want, sizeof want, "\"%s/my model.lab\"", dir);
	CHECK(offers(l, line, want));
	snprintf(line, sizeof line, "load %s/s", dir);
	snprintf(want, sizeof want, "%s/sub/", dir);
	CHECK(offers(l, line, want));
	CHECK(offers(l, "load to", "toy"));

	snprintf(path, sizeof path, "%s/my model.lab", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
	lab_free(&l);
	return check_done();
}

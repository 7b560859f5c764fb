/* load.c: format detection and dispatch to the per-format loaders
 * (load_*.c). What the loaders share is below them: the line loop in
 * load_common.c, the load context in load_ctx.c, fields in load_fields.c. */
#include "engine/data/load.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/core/lineread.h"
#include "engine/data/load_impl.h"

const char *load_format_name(load_format f)
{
	switch (f) {
	case LOAD_TOY: return "toy";
	case LOAD_ML100K: return "ml-100k";
	case LOAD_ML1M: return "ml-1m";
	case LOAD_MLCSV: return "ml-csv";
	case LOAD_GENERIC: return "generic";
	default: return "unknown";
	}
}

static int has(const char *dir, const char *name)
{
	char *p = lr_join(dir, name);
	int yes = p && lr_is_file(p);
	free(p);
	return yes;
}

/* A MovieLens CSV release's ratings.csv starts with "userId,movieId"; the
 * toy layout uses its own header. */
static int is_movielens_csv(const char *dir)
{
	char *p = lr_join(dir, "ratings.csv");
	if (!p)
		return 0;
	FILE *f = fopen(p, "r");
	free(p);
	if (!f)
		return 0;
	char head[32] = "";
	size_t n = fread(head, 1, sizeof head - 1, f);
	head[n] = '\0';
	fclose(f);
	return strncmp(head, "userId,movieId", 14) == 0;
}

load_format load_detect(const char *path, ll_error *err)
{
	if (load_is_stdin(path))
		return LOAD_GENERIC; /* one file, read once */
	if (lr_is_dir(path)) {
		if (has(path, "u.data"))
			return LOAD_ML100K;
		if (has(path, "ratings.dat"))
			return LOAD_ML1M;
		if (has(path, "ratings.csv"))
			return is_movielens_csv(path) ? LOAD_MLCSV : LOAD_TOY;
		if (has(path, "ratings.tsv"))
			return LOAD_TOY;
		ll_fail(err, "%s: no ratings file here (looked for u.data, ratings.dat, "
			"ratings.csv, ratings.tsv)", path);
		return LOAD_UNKNOWN;
	}
	if (lr_is_file(path))
		return LOAD_GENERIC;
	if (access(path, F_OK) == 0)
		ll_fail(err, "%s: not a regular file or folder", path);
	else
		ll_fail(err, "%s: %s", path, strerror(errno));
	return LOAD_UNKNOWN;
}

ratings *load_path(const char *path, ll_error *err)
{
	switch (load_detect(path, err)) {
	case LOAD_TOY: return load_toy(path, err);
	case LOAD_ML100K: return load_ml100k(path, err);
	case LOAD_ML1M: return load_ml1m(path, err);
	case LOAD_MLCSV: return load_mlcsv(path, err);
	case LOAD_GENERIC: return load_generic(path, err);
	default: return NULL;
	}
}

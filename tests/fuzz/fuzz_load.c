/* fuzz_load.c: every loader, side files included. The first byte picks the
 * format; the rest is the files in order, separated by "\n====\n" lines:
 *   0 generic   ratings file
 *   1 toy       ratings.csv, movies.csv, users.csv
 *   2 ml-100k   u.data, u.item, u.user, u.genre
 *   3 ml-1m     ratings.dat, movies.dat, users.dat
 *   4 csv       ratings.csv, movies.csv (MovieLens latest layout) */
#include "fuzz_common.h"

#include <sys/stat.h>

#include "engine/data/load.h"
#include "engine/data/ratings.h"

static const char *const files[5][4] = {
	{ "generic.csv" },
	{ "ratings.csv", "movies.csv", "users.csv" },
	{ "u.data", "u.item", "u.user", "u.genre" },
	{ "ratings.dat", "movies.dat", "users.dat" },
	{ "ratings.csv", "movies.csv" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int kind = data[0] % 5;
	data++, size--;
	char dir[256];
	snprintf(dir, sizeof dir, "%s/d%d", fuzz_dir(), kind);
	char sub[300];
	mkdir(dir, 0700);
	for (int i = 0; i < 4 && files[kind][i]; i++) {
		const uint8_t *part;
		size_t len = fuzz_part(&data, &size, &part);
		snprintf(sub, sizeof sub, "%s/%s", dir, files[kind][i]);
		FILE *f = fopen(sub, "wb");
		if (!f)
			abort();
		fwrite(part, 1, len, f);
		fclose(f);
	}
	ll_error err;
	ratings *r = NULL;
	switch (kind) {
	case 0:
		snprintf(sub, sizeof sub, "%s/generic.csv", dir);
		r = load_generic(sub, &err);
		break;
	case 1: r = load_toy(dir, &err); break;
	case 2: r = load_ml100k(dir, &err); break;
	case 3: r = load_ml1m(dir, &err); break;
	case 4: r = load_mlcsv(dir, &err); break;
	}
	if (r) {
		/* Touch what was loaded: names, titles, entries by user. */
		for (int u = 0; u < ratings_n_users(r); u++) {
			const uint32_t *pos;
			size_t n = ratings_user_entries(r, u, &pos);
			for (size_t k = 0; k < n; k++)
				if (ratings_entries(r)[pos[k]].user != u)
					abort();
			(void)strlen(ratings_user_name(r, u));
		}
		for (int i = 0; i < ratings_n_items(r); i++)
			(void)strlen(ratings_item_title(r, i));
		ratings_free(&r);
	}
	return 0;
}

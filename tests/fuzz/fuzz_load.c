/* fuzz_load.c: every loader, side files included. The first byte picks the
 * format; the rest is the files in order, separated by "\n====\n" lines:
 *   0 generic   ratings file
 *   1 toy       ratings.csv, movies.csv, users.csv
 *   2 ml-100k   u.data, u.item, u.user, u.genre
 *   3 ml-1m     ratings.dat, movies.dat, users.dat
 *   4 csv       ratings.csv, movies.csv (MovieLens latest layout)
 * An odd first byte / 5 also loads the files a second time with the halves
 * forced on (engine/core/halves.h: a second thread reads the second half
 * of the ratings file, and indexes half the store): both loads must give
 * the same entries, or the same message. */
#include "fuzz_common.h"

#include <sys/stat.h>

#include "engine/data/load.h"
#include "engine/data/ratings.h"
#include "engine/core/halves.h"

static const char *const files[5][4] = {
	{ "generic.csv" },
	{ "ratings.csv", "movies.csv", "users.csv" },
	{ "u.data", "u.item", "u.user", "u.genre" },
	{ "ratings.dat", "movies.dat", "users.dat" },
	{ "ratings.csv", "movies.csv" },
};

static ratings *load_kind(int kind, const char *dir, ll_error *err)
{
	char path[300];
	switch (kind) {
	case 0:
		snprintf(path, sizeof path, "%s/generic.csv", dir);
		return load_generic(path, err);
	case 1: return load_toy(dir, err);
	case 2: return load_ml100k(dir, err);
	case 3: return load_ml1m(dir, err);
	default: return load_mlcsv(dir, err);
	}
}

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
	ll_error err, err2;
	int split = (data[-1] / 5) & 1;
	if (split)
		ll_halves_set(LL_HALVES_NEVER);
	ratings *r = load_kind(kind, dir, &err);
	if (split) {
		ll_halves_set(LL_HALVES_ALWAYS);
		ratings *r2 = load_kind(kind, dir, &err2);
		ll_halves_set(LL_HALVES_AUTO);
		if (!r != !r2 || (!r && strcmp(err.msg, err2.msg) != 0) ||
		    (r && (ratings_count(r) != ratings_count(r2) ||
			   memcmp(ratings_entries(r), ratings_entries(r2),
				  ratings_count(r) * sizeof(ll_rating)) != 0)))
			abort();
		ratings_free(&r2);
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

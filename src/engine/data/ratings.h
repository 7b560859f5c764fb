/* ratings.h: the ratings store.
 *
 * Ratings are kept as one compact array of (user, item, value, time) entries
 * with dense 0-based user and item indexes, plus per-user and per-item indexes
 * (CSR: for each user, the positions of its entries, sorted by item; the same
 * for each item, sorted by user). Users and items also have external names
 * (MovieLens ids, or "Cheolsu"); items may have a title and genres.
 *
 * A store made by ratings_subset() shares nothing with its parent but has the
 * same users, items and genres at the same indexes, which is what splits need:
 * a model trained on the train part predicts test entries by the same indexes. */
#ifndef LL_RATINGS_H
#define LL_RATINGS_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/err.h"

typedef struct ratings ratings;

typedef struct ll_rating {
	int32_t user;
	int32_t item;
	float value;
	uint32_t time; /* seconds since the epoch; 0 when unknown */
} ll_rating;

#define RATINGS_MAX_GENRES 32

ratings *ratings_new(void);
void ratings_free(ratings **r);

/* A copy holding only the given entries, with every user and item kept. */
ratings *ratings_subset(const ratings *r, const size_t *entries, size_t n);
/* A full copy. */
ratings *ratings_clone(const ratings *r);

/* --- users, items, genres ------------------------------------------------ */

/* Index of the user or item with this external name, adding it if new. */
int ratings_intern_user(ratings *r, const char *name);
int ratings_intern_item(ratings *r, const char *name);
/* Index of an existing user or item, or -1. */
int ratings_find_user(const ratings *r, const char *name);
int ratings_find_item(const ratings *r, const char *name);
/* Items are also found by title ("Iron Man", or "Toy Story (1995)"): exact
 * name first, then exact title, then a title that matches ignoring case and a
 * trailing " (year)". Returns -1 when nothing or more than one matches. */
int ratings_lookup_item(const ratings *r, const char *name_or_title);

int ratings_n_users(const ratings *r);
int ratings_n_items(const ratings *r);
const char *ratings_user_name(const ratings *r, int user);
const char *ratings_item_name(const ratings *r, int item);
/* The title, or the name when the item has no title. */
const char *ratings_item_title(const ratings *r, int item);
int ratings_set_item_title(ratings *r, int item, const char *title);

/* User tags of an item ("pixar|funny"; ml-latest-small's tags.csv), '|'
 * between tags, or NULL. ratings_add_item_tag appends one (0 or -1). */
const char *ratings_item_tags(const ratings *r, int item);
int ratings_add_item_tag(ratings *r, int item, const char *tag);

/* Free-form user attributes ("age=24 gender=F occupation=writer"), or NULL. */
const char *ratings_user_info(const ratings *r, int user);
int ratings_set_user_info(ratings *r, int user, const char *info);

/* Genres: a small dictionary of names; items carry a bit mask over it. */
int ratings_intern_genre(ratings *r, const char *name); /* -1 past 32 genres */
int ratings_n_genres(const ratings *r);
const char *ratings_genre_name(const ratings *r, int genre);
uint32_t ratings_item_genres(const ratings *r, int item);
void ratings_set_item_genres(ratings *r, int item, uint32_t mask);

/* --- entries ------------------------------------------------------------- */

/* Append an entry. Bulk loaders use this; it does not check for an existing
 * (user, item) pair (see ratings_set for that). */
int ratings_add(ratings *r, int user, int item, float value, uint32_t time);
/* Room for n entries in all: a loader that knows its file's size asks once
 * instead of growing. 0 or -1 (out of memory). */
int ratings_reserve(ratings *r, size_t n);
/* Appending in bulk, for a loader's inner loop: ratings_room gives room for
 * n more entries after the last (NULL when out of memory), the caller fills
 * the first k of them, and ratings_commit(r, k) makes them entries. No
 * other entry may be added in between (users and items may be). */
ll_rating *ratings_room(ratings *r, size_t n);
void ratings_commit(ratings *r, size_t k);
/* Set the rating of (user, item), replacing an existing one. */
int ratings_set(ratings *r, int user, int item, float value, uint32_t time);
/* Remove the rating of (user, item); returns 0, or -1 if there was none. */
int ratings_remove(ratings *r, int user, int item);

size_t ratings_count(const ratings *r);
const ll_rating *ratings_entries(const ratings *r);

/* Position of the (user, item) entry, or -1. */
long ratings_find(const ratings *r, int user, int item);

/* Entries of one user (sorted by item) or one item (sorted by user), as
 * positions into ratings_entries(). The indexes are built on first use after
 * a change; call ratings_build_index() before sharing a store across threads. */
size_t ratings_user_entries(const ratings *r, int user, const uint32_t **pos);
size_t ratings_item_entries(const ratings *r, int item, const uint32_t **pos);
void ratings_build_index(ratings *r);
/* 1 when some (user, item) pair has two entries or more (found while the
 * indexes are built; ratings_add makes such stores, ratings_set never). */
int ratings_has_duplicates(const ratings *r);

/* --- scale and summary --------------------------------------------------- */

/* The rating scale, e.g. 1..5 step 1, or 0.5..5 step 0.5. Loaders set it;
 * models clip predictions to it. */
void ratings_set_scale(ratings *r, float lo, float hi, float step);
float ratings_scale_lo(const ratings *r);
float ratings_scale_hi(const ratings *r);
float ratings_scale_step(const ratings *r);

/* Implicit feedback: the store holds what users did (a user,item log of
 * clicks or views), not ratings. Every entry's value is 1 and the scale
 * 0..1 step 1 (1 observed, 0 not), so the implicit models (ials, bpr, logmf
 * and the NCF models, which read any entry as an observation of strength
 * value) take it as it is. The scale alone cannot say it (a file whose
 * ratings are all 1 has the same values), hence the flag: the loaders set
 * it, subsets and clones keep it, and the metrics that need ratings (RMSE,
 * MAE) refuse such a store, saying that the data is implicit, while ranking
 * metrics count every held-out entry as relevant. */
void ratings_set_implicit(ratings *r, int implicit);
int ratings_implicit(const ratings *r);

double ratings_mean(const ratings *r);

/* Where the data came from ("ml-100k", "toy", "synthetic ...", a path). */
const char *ratings_source(const ratings *r);
void ratings_set_source(ratings *r, const char *source);

#endif

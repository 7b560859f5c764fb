/* model_file.c: the model file (model.h writes it, algo.h reads it back).
 *
 * Layout: a text header line, the factors (users x k, then items x k, as
 * floats), the ids line and block (format 2), then the model's own part.
 * Floats are stored in this machine's byte order; the header says which,
 * so a foreign file is refused rather than misread. Format 1 is format 2
 * without the ids: it is still read, and gives no ids. */
#include "engine/model/model_impl.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/atomic.h"
#include "engine/core/fileio.h"

#define MODEL_MAGIC "latentlab-model"
#define MODEL_VERSION 2
/* Every id and title of ml-25m (162541 users, 62423 movies) takes 2.6 MB:
 * a block of ids larger than this is a forged line, not a model. */
#define MODEL_MAX_ID_BYTES ((size_t)1 << 30)

static const char *byte_order(void)
{
	const uint32_t probe = 0x01020304;
	return *(const unsigned char *)&probe == 4 ? "le" : "be";
}

/* --- the ids ------------------------------------------------------------------ */

/* "ids USERS ITEMS TITLES BYTES", then BYTES bytes of strings, each ending
 * in a NUL byte: where the data came from, the user ids, the item ids, and
 * (TITLES 1) each item's title, empty for an item without one. A model
 * written without ids has "ids 0 0 0 0". */
static int write_ids(const model *m, const ratings *ids, FILE *f, ll_error *err)
{
	if (!ids) {
		fputs("ids 0 0 0 0\n", f);
		return 0;
	}
	/* The store may have grown since training (users added by hand): the
	 * model's rows are its first users and items. */
	if (ratings_n_users(ids) < m->n_users || ratings_n_items(ids) < m->n_items)
		return ll_fail(err, "the ids are of %d users and %d items, the model has %d and %d",
			       ratings_n_users(ids), ratings_n_items(ids), m->n_users, m->n_items);
	const char *source = ratings_source(ids);
	size_t bytes = strlen(source) + 1;
	int titles = 0;
	for (int u = 0; u < m->n_users; u++)
		bytes += strlen(ratings_user_name(ids, u)) + 1;
	for (int i = 0; i < m->n_items; i++) {
		const char *name = ratings_item_name(ids, i), *title = ratings_item_title(ids, i);
		bytes += strlen(name) + 1;
		titles |= strcmp(name, title) != 0;
	}
	for (int i = 0; titles && i < m->n_items; i++) {
		const char *name = ratings_item_name(ids, i), *title = ratings_item_title(ids, i);
		bytes += (strcmp(name, title) ? strlen(title) : 0) + 1;
	}
	fprintf(f, "ids %d %d %d %zu\n", m->n_users, m->n_items, titles, bytes);
	fwrite(source, 1, strlen(source) + 1, f);
	for (int u = 0; u < m->n_users; u++) {
		const char *s = ratings_user_name(ids, u);
		fwrite(s, 1, strlen(s) + 1, f);
	}
	for (int i = 0; i < m->n_items; i++) {
		const char *s = ratings_item_name(ids, i);
		fwrite(s, 1, strlen(s) + 1, f);
	}
	for (int i = 0; titles && i < m->n_items; i++) {
		const char *name = ratings_item_name(ids, i), *title = ratings_item_title(ids, i);
		const char *s = strcmp(name, title) ? title : "";
		fwrite(s, 1, strlen(s) + 1, f);
	}
	return ferror(f) ? ll_fail(err, "write failed") : 0;
}

/* A whole number of the ids line, from 0 to max. */
static int id_count(char **p, long long max, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(*p, &end, 10);
	if (end == *p || errno || v < 0 || v > max || (*end != ' ' && *end != '\n'))
		return -1;
	*out = v;
	*p = end;
	return 0;
}

/* The block, read as it arrives: a forged size on a stream whose length is
 * unknown (a session file's models are read from one) allocates no more
 * than the bytes that are really there. */
static char *read_block(FILE *f, size_t bytes, ll_error *err)
{
	size_t cap = bytes < ((size_t)64 << 10) ? bytes : (size_t)64 << 10, got = 0;
	char *buf = malloc(cap);
	while (buf && got < bytes) {
		if (got == cap) {
			size_t ncap = cap * 2 < bytes ? cap * 2 : bytes;
			char *nb = realloc(buf, ncap);
			if (!nb)
				break;
			buf = nb, cap = ncap;
		}
		size_t n = fread(buf + got, 1, cap - got, f);
		if (n == 0) {
			free(buf);
			ll_fail(err, "model file is truncated (in its ids)");
			return NULL;
		}
		got += n;
	}
	if (!buf || got < bytes) {
		free(buf);
		ll_fail(err, "out of memory for the model's ids");
		return NULL;
	}
	return buf;
}

/* The next string of a block whose last byte is NUL, or NULL past its end. */
static const char *next_str(char **s, const char *end)
{
	if (*s >= end)
		return NULL;
	const char *r = *s;
	*s += strlen(r) + 1;
	return r;
}

/* The ids of a format 2 file into a store of names only (no ratings), or
 * *out NULL for a file written without them. */
static int read_ids(FILE *f, int nu, int ni, ratings **out, ll_error *err)
{
	char line[128], *p = line + 4;
	long long u, i, titles, bytes;
	*out = NULL;
	if (!fgets(line, sizeof line, f) || strncmp(line, "ids ", 4) != 0 || !strchr(line, '\n') ||
	    id_count(&p, MODEL_MAX_SIDE, &u) < 0 || id_count(&p, MODEL_MAX_SIDE, &i) < 0 ||
	    id_count(&p, 1, &titles) < 0 || id_count(&p, LLONG_MAX, &bytes) < 0 || *p != '\n')
		return ll_fail(err, "corrupt or truncated ids line after the factors");
	if (bytes == 0 && u == 0 && i == 0 && titles == 0)
		return 0;
	if (u != nu || i != ni)
		return ll_fail(err, "the ids line names %lld users and %lld items, the header %d and %d",
			       u, i, nu, ni);
	size_t left = ll_stream_left(f); /* SIZE_MAX: it cannot tell */
	int short_file = left != SIZE_MAX && (unsigned long long)bytes > left;
	if ((unsigned long long)bytes > MODEL_MAX_ID_BYTES || short_file)
		return ll_fail(err, "the ids line declares %lld bytes of ids but %s", bytes,
			       short_file ? "fewer follow (the file is truncated)"
					  : "at most 1 GB are read");
	/* A source and one id per row (and a title) take a byte each at least. */
	if (bytes < 1 + 2 * (u + i) + titles * i)
		return ll_fail(err, "the ids block of %lld bytes cannot hold %lld users and %lld items",
			       bytes, u, i);
	char *buf = read_block(f, (size_t)bytes, err);
	if (!buf)
		return -1;
	ratings *r = buf[bytes - 1] == '\0' ? ratings_new() : NULL;
	char *s = buf, *end = buf + bytes;
	int rc = r ? 0 : buf[bytes - 1] ? ll_fail(err, "the ids block does not end its last id")
				       : ll_fail(err, "out of memory");
	const char *src = rc == 0 ? next_str(&s, end) : NULL;
	if (src)
		ratings_set_source(r, src);
	for (int j = 0; rc == 0 && j < nu; j++) {
		const char *id = next_str(&s, end);
		int x = id && *id ? ratings_intern_user(r, id) : -2;
		if (x != j)
			rc = x == -2 ? ll_fail(err, "user %d has %s", j, id ? "an empty id" : "no id")
			   : x < 0 ? ll_fail(err, "out of memory")
				   : ll_fail(err, "user id '%.100s' is given twice (rows %d and %d)", id, x, j);
	}
	for (int j = 0; rc == 0 && j < ni; j++) {
		const char *id = next_str(&s, end);
		int x = id && *id ? ratings_intern_item(r, id) : -2;
		if (x != j)
			rc = x == -2 ? ll_fail(err, "item %d has %s", j, id ? "an empty id" : "no id")
			   : x < 0 ? ll_fail(err, "out of memory")
				   : ll_fail(err, "item id '%.100s' is given twice (rows %d and %d)", id, x, j);
	}
	for (int j = 0; rc == 0 && titles && j < ni; j++) {
		const char *t = next_str(&s, end);
		if (!t)
			rc = ll_fail(err, "item %d has no title in the ids block", j);
		else if (*t && ratings_set_item_title(r, j, t) < 0)
			rc = ll_fail(err, "out of memory");
	}
	if (rc == 0 && s != end)
		rc = ll_fail(err, "the ids block holds more than its line declares");
	free(buf);
	if (rc < 0)
		ratings_free(&r);
	*out = r;
	return rc;
}

int model_ids_match(const ratings *ids, const ratings *r, ll_error *err)
{
	int nu = ratings_n_users(ids), ni = ratings_n_items(ids);
	if (ratings_n_users(r) < nu || ratings_n_items(r) < ni)
		return ll_fail(err, "the model knows %d users and %d items, the data only %d and %d",
			       nu, ni, ratings_n_users(r), ratings_n_items(r));
	for (int u = 0; u < nu; u++)
		if (strcmp(ratings_user_name(ids, u), ratings_user_name(r, u)) != 0)
			return ll_fail(err, "user %d is '%.100s' in the model but '%.100s' in the data",
				       u, ratings_user_name(ids, u), ratings_user_name(r, u));
	for (int i = 0; i < ni; i++)
		if (strcmp(ratings_item_name(ids, i), ratings_item_name(r, i)) != 0)
			return ll_fail(err, "item %d is '%.100s' in the model but '%.100s' in the data",
				       i, ratings_item_name(ids, i), ratings_item_name(r, i));
	return 0;
}

/* --- writing -------------------------------------------------------------------- */

int model_write_ids(const model *m, const ratings *ids, FILE *f, ll_error *err)
{
	if (!m->ops->save)
		return ll_fail(err, "%s models cannot be saved", model_algo(m));
	fprintf(f, "%s %d %s %s %d %d %d %d %.9g %.9g\n", MODEL_MAGIC, MODEL_VERSION,
		byte_order(), model_algo(m), m->n_users, m->n_items, m->P ? m->k : 0,
		m->epochs_done, m->lo, m->hi);
	if (m->P && (model_write_floats(f, m->P, (size_t)m->n_users * m->k, err) < 0 ||
		     model_write_floats(f, m->Q, (size_t)m->n_items * m->k, err) < 0))
		return -1;
	if (write_ids(m, ids, f, err) < 0)
		return -1;
	return m->ops->save(m, f, err);
}

int model_write(const model *m, FILE *f, ll_error *err)
{
	return model_write_ids(m, NULL, f, err);
}

int model_save_ids(const model *m, const ratings *ids, const char *path, ll_error *err)
{
	ll_atomic a;
	if (ll_atomic_open(&a, path, err) < 0)
		return -1;
	if (model_write_ids(m, ids, a.f, err) < 0) {
		ll_atomic_abort(&a);
		return ll_prefix(err, "%s: ", path);
	}
	return ll_atomic_commit(&a, err);
}

int model_save(const model *m, const char *path, ll_error *err)
{
	return model_save_ids(m, NULL, path, err);
}

/* --- reading -------------------------------------------------------------------- */

model *model_read_with(FILE *f, const char *name, model_maker make, ratings **ids,
		       ll_error *err)
{
	char magic[32], order[4], algo_name[64];
	int version, nu, ni, k, done;
	float lo, hi;
	ratings *names = NULL;
	if (ids)
		*ids = NULL;
	if (fscanf(f, "%31s %d %3s %63s %d %d %d %d %g %g", magic, &version, order, algo_name,
		   &nu, &ni, &k, &done, &lo, &hi) != 10 || strcmp(magic, MODEL_MAGIC) != 0) {
		ll_fail(err, "%s: not a latentlab model", name);
		return NULL;
	}
	if (version < 1 || version > MODEL_VERSION || strcmp(order, byte_order()) != 0) {
		ll_fail(err, "%s: model format %d (%s) cannot be read by this version (formats 1 to "
			"%d, %s)", name, version, order, MODEL_VERSION, byte_order());
		return NULL;
	}
	if (fgetc(f) != '\n' || nu < 0 || ni < 0 || k < 0 || k > MODEL_MAX_K || done < 0 ||
	    nu > MODEL_MAX_SIDE || ni > MODEL_MAX_SIDE || !isfinite(lo) || !isfinite(hi) || lo > hi) {
		ll_fail(err, "%s: corrupt model header", name);
		return NULL;
	}
	/* The factors the header declares must be in the file before anything
	 * is allocated for them: a forged header cannot ask for gigabytes. */
	double need = ((double)nu + ni) * k * sizeof(float);
	size_t left = ll_stream_left(f);
	if (left != SIZE_MAX && need > (double)left) {
		ll_fail(err, "%s: the header declares %.0f bytes of factors but only %zu bytes follow",
			name, need, left);
		return NULL;
	}
	model *m = make(algo_name, err);
	if (!m)
		return NULL;
	if (!m->ops->load) {
		ll_fail(err, "%s: %s models cannot be loaded", name, algo_name);
		model_free(&m);
		return NULL;
	}
	m->n_users = nu, m->n_items = ni, m->epochs_done = done, m->lo = lo, m->hi = hi;
	if ((k && (model_alloc_factors(m, k, err) < 0 ||
		   model_read_floats(f, m->P, (size_t)nu * k, err) < 0 ||
		   model_read_floats(f, m->Q, (size_t)ni * k, err) < 0)) ||
	    (version >= 2 && read_ids(f, nu, ni, &names, err) < 0) ||
	    m->ops->load(m, f, err) < 0 || (m->ops->validate && m->ops->validate(m, err) < 0)) {
		ll_prefix(err, "%s: ", name);
		model_free(&m);
		ratings_free(&names);
	}
	if (ids)
		*ids = names;
	else
		ratings_free(&names);
	return m;
}

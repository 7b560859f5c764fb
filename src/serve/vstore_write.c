/* vstore_write.c: exporting a trained model into the SQLite schema of
 * vstore.h, atomically (temporary file, fsync, rename, fsync the folder). */
#include <config.h>

#include "serve/vstore.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "engine/core/strf.h"
#include "engine/mf/mf.h"

void vstore_export_opts_init(vstore_export_opts *o)
{
	o->precision = QUANT_F32;
	o->foldin_lambda = -1;
	o->cancel = NULL;
}

/* How the algorithm computes an estimate (vstore.h's score), and the
 * regularization its fold-in uses by default (mf_foldin with lambda < 0 on
 * a model made with default options, which a loaded model is). */
typedef struct kind {
	const char *score;
	double lambda;
	int weighted;
} kind;

static int model_kind(const model *m, kind *k, ll_error *err)
{
	const char *a = model_algo(m);
	int biases = mf_biases(m, NULL, NULL, NULL);
	if (!mf_is_mf(m) || model_k(m) < 1)
		return ll_fail(err, "%s models have no latent factors to export "
			       "(export sgd, biased, als, ials or svd)", a);
	if (!strcmp(a, "biased") || !strcmp(a, "funk"))
		*k = (kind){ "biased", 0.02, 1 };
	else if (!strcmp(a, "sgd"))
		*k = (kind){ "dot32", 0, 0 };
	else if (!strcmp(a, "als"))
		*k = (kind){ biases ? "dot64_biased" : "dot64", 0.1, 1 };
	else if (!strcmp(a, "ials"))
		*k = (kind){ "dot64", 0.1, 0 };
	else if (!strcmp(a, "svd"))
		*k = (kind){ "svd", 0, 0 };
	else
		return ll_fail(err, "export does not know how %s models score", a);
	return 0;
}

static const char *byte_order(void)
{
	const uint32_t probe = 0x01020304;
	return *(const unsigned char *)&probe == 4 ? "le" : "be";
}

static const char schema_sql[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" bias REAL NOT NULL, scale REAL NOT NULL, offset REAL NOT NULL, vec BLOB NOT NULL);"
	"CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" title TEXT NOT NULL, bias REAL NOT NULL, scale REAL NOT NULL,"
	" offset REAL NOT NULL, vec BLOB NOT NULL);"
	"CREATE TABLE ratings (user INTEGER NOT NULL REFERENCES users(id),"
	" item INTEGER NOT NULL REFERENCES items(id), value REAL NOT NULL,"
	" PRIMARY KEY (user, item)) WITHOUT ROWID;";

static int sql_fail(sqlite3 *db, ll_error *err, const char *what)
{
	return ll_fail(err, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

static int put_meta(sqlite3 *db, sqlite3_stmt *st, const char *key, const char *value,
		    ll_error *err)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : sql_fail(db, err, "writing meta");
}

/* One side's rows (users or items): codes and per-row scale and offset. */
typedef struct side {
	const float *x;
	int n, k;
	qtable *q;        /* NULL at f32 */
	unsigned char *buf;
	size_t row_bytes;
} side;

static int side_init(side *s, const float *x, int n, int k, quant_prec p, ll_error *err)
{
	s->x = x, s->n = n, s->k = k, s->q = NULL;
	s->row_bytes = p == QUANT_F32 ? (size_t)k * sizeof(float)
		     : p == QUANT_INT8 ? (size_t)k : (size_t)(k + 1) / 2;
	s->buf = calloc(s->row_bytes + 1, 1);
	if (!s->buf)
		return ll_fail(err, "out of memory");
	if (p != QUANT_F32 && !(s->q = quant_encode(x, n, k, p, 0, err)))
		return -1;
	return 0;
}

static void side_free(side *s)
{
	quant_free(&s->q);
	free(s->buf);
}

/* Row r's blob into s->buf; *scale and *offset decode it. */
static void side_row(side *s, int r, double *scale, double *offset)
{
	if (!s->q) {
		memcpy(s->buf, s->x + (size_t)r * s->k, s->row_bytes);
		*scale = 1, *offset = 0;
		return;
	}
	float levels[256];
	quant_levels(s->q, r, levels);
	*offset = levels[0]; /* offset + scale * 0 */
	*scale = quant_step(s->q, r);
	memset(s->buf, 0, s->row_bytes);
	for (int j = 0; j < s->k; j++) {
		int c = quant_code(s->q, r, j);
		if (quant_precision(s->q) == QUANT_INT8)
			s->buf[j] = (unsigned char)c;
		else
			s->buf[j / 2] |= (unsigned char)((c & 15) << (j % 2 ? 4 : 0));
	}
}

static int cancelled(const vstore_export_opts *o, ll_error *err)
{
	if (o->cancel && *o->cancel)
		return ll_fail(err, "interrupted: the previous file, if any, is unchanged");
	return 0;
}

static int write_db(sqlite3 *db, const model *m, const ratings *r, const kind *kd,
		    const vstore_export_opts *o, ll_error *err)
{
	int k = model_k(m), nu = model_n_users(m), ni = model_n_items(m);
	double mu = 0;
	const float *bu = NULL, *bi = NULL;
	mf_biases(m, &mu, &bu, &bi);
	if (sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
			 "PRAGMA application_id=1280071251; PRAGMA user_version=1;"
			 "BEGIN;", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK)
		return sql_fail(db, err, "creating the schema");
	sqlite3_stmt *st = NULL;
	int rc = -1;
	side us = { 0 }, is = { 0 };
	if (sqlite3_prepare_v2(db, "INSERT INTO meta VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK) {
		sql_fail(db, err, "preparing meta");
		goto out;
	}
	double lambda = o->foldin_lambda >= 0 ? o->foldin_lambda : kd->lambda;
	struct { const char *key; char *value; } rows[] = {
		{ "schema", ll_strf("%d", VSTORE_SCHEMA) },
		{ "algo", ll_strf("%s", model_algo(m)) },
		{ "k", ll_strf("%d", k) },
		{ "n_users", ll_strf("%d", nu) },
		{ "n_items", ll_strf("%d", ni) },
		{ "precision", ll_strf("%s", quant_name(o->precision)) },
		{ "byte_order", ll_strf("%s", byte_order()) },
		{ "score", ll_strf("%s", kd->score) },
		{ "mu", ll_strf("%.17g", mu) },
		{ "scale_lo", ll_strf("%.9g", (double)ratings_scale_lo(r)) },
		{ "scale_hi", ll_strf("%.9g", (double)ratings_scale_hi(r)) },
		{ "foldin_lambda", ll_strf("%.17g", lambda) },
		{ "foldin_weighted", ll_strf("%d", o->foldin_lambda >= 0 ? 0 : kd->weighted) },
		{ "ranking_only", ll_strf("%d", model_ranking_only(m)) },
		{ "source", ll_strf("%s", ratings_source(r) ? ratings_source(r) : "") },
		{ "ratings", ll_strf("%zu", ratings_count(r)) },
		{ "exported_at", ll_strf("%lld", (long long)time(NULL)) },
	};
	int nrows = (int)(sizeof rows / sizeof *rows), bad = 0;
	for (int j = 0; j < nrows; j++)
		if (!rows[j].value || put_meta(db, st, rows[j].key, rows[j].value, err) < 0)
			bad = 1;
	for (int j = 0; j < nrows; j++)
		free(rows[j].value);
	sqlite3_finalize(st);
	st = NULL;
	if (bad)
		goto out;
	if (side_init(&us, model_user_factors_const(m), nu, k, o->precision, err) < 0 ||
	    side_init(&is, model_item_factors_const(m), ni, k, o->precision, err) < 0)
		goto out;
	if (sqlite3_prepare_v2(db, "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)", -1, &st, NULL)
	    != SQLITE_OK) {
		sql_fail(db, err, "preparing users");
		goto out;
	}
	for (int u = 0; u < nu; u++) {
		double sc, off;
		if (u % 256 == 0 && cancelled(o, err) < 0)
			goto out;
		side_row(&us, u, &sc, &off);
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, u);
		sqlite3_bind_text(st, 2, ratings_user_name(r, u), -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 3, bu ? bu[u] : 0.0);
		sqlite3_bind_double(st, 4, sc);
		sqlite3_bind_double(st, 5, off);
		sqlite3_bind_blob(st, 6, us.buf, (int)us.row_bytes, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sql_fail(db, err, "writing users");
			goto out;
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &st, NULL)
	    != SQLITE_OK) {
		sql_fail(db, err, "preparing items");
		goto out;
	}
	for (int i = 0; i < ni; i++) {
		double sc, off;
		if (i % 256 == 0 && cancelled(o, err) < 0)
			goto out;
		side_row(&is, i, &sc, &off);
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, ratings_item_name(r, i), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, ratings_item_title(r, i), -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 4, bi ? bi[i] : 0.0);
		sqlite3_bind_double(st, 5, sc);
		sqlite3_bind_double(st, 6, off);
		sqlite3_bind_blob(st, 7, is.buf, (int)is.row_bytes, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sql_fail(db, err, "writing items");
			goto out;
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "INSERT INTO ratings VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
		sql_fail(db, err, "preparing ratings");
		goto out;
	}
	/* User by user, so the rows go in in key order. */
	const ll_rating *e = ratings_entries(r);
	for (int u = 0; u < nu; u++) {
		const uint32_t *pos;
		size_t n = ratings_user_entries(r, u, &pos);
		if (u % 64 == 0 && cancelled(o, err) < 0)
			goto out;
		for (size_t j = 0; j < n; j++) {
			sqlite3_reset(st);
			sqlite3_bind_int(st, 1, u);
			sqlite3_bind_int(st, 2, e[pos[j]].item);
			sqlite3_bind_double(st, 3, e[pos[j]].value);
			int s = sqlite3_step(st);
			if (s != SQLITE_DONE && s != SQLITE_CONSTRAINT) {
				sql_fail(db, err, "writing ratings");
				goto out;
			}
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (cancelled(o, err) < 0)
		goto out;
	if (sqlite3_exec(db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK) {
		sql_fail(db, err, "committing");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	side_free(&us), side_free(&is);
	return rc;
}

static int fsync_path(const char *path, int dir)
{
	int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int vstore_export(const model *m, const ratings *r, const char *path,
		  const vstore_export_opts *o, size_t *bytes_out, ll_error *err)
{
	kind kd = { NULL, 0, 0 };
	if (model_kind(m, &kd, err) < 0)
		return -1;
	if (o->precision != QUANT_F32 && o->precision != QUANT_INT8 && o->precision != QUANT_INT4)
		return ll_fail(err, "the store holds f32, int8 or int4 vectors, not %s",
			       quant_name(o->precision));
	if (model_n_users(m) != ratings_n_users(r) || model_n_items(m) != ratings_n_items(r))
		return ll_fail(err, "the model has %d users x %d items, the data %d x %d: "
			       "export with the data the model was trained on",
			       model_n_users(m), model_n_items(m), ratings_n_users(r),
			       ratings_n_items(r));
	char *tmp = ll_strf("%s.tmp-XXXXXX", path);
	if (!tmp)
		return ll_fail(err, "out of memory");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		ll_fail(err, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	close(fd);
	/* mkstemp makes it 0600; a database is read by others like any file. */
	chmod(tmp, 0644);
	sqlite3 *db = NULL;
	int rc = -1;
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		sql_fail(db, err, tmp);
	else
		rc = write_db(db, m, r, &kd, o, err);
	if (sqlite3_close(db) != SQLITE_OK && rc == 0)
		rc = ll_fail(err, "%s: closing failed", tmp);
	if (rc == 0 && fsync_path(tmp, 0) < 0)
		rc = ll_fail(err, "%s: fsync: %s", tmp, strerror(errno));
	struct stat st;
	if (rc == 0 && bytes_out)
		*bytes_out = stat(tmp, &st) == 0 ? (size_t)st.st_size : 0;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = ll_fail(err, "%s: %s", path, strerror(errno));
	if (rc == 0) {
		char *d = strdup(path);
		if (d)
			fsync_path(dirname(d), 1);
		free(d);
	} else {
		unlink(tmp);
		if (err && strncmp(err->msg, path, strlen(path)) != 0)
			ll_prefix(err, "%s: ", path);
	}
	free(tmp);
	return rc;
}

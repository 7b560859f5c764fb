/* vstore.h: a trained factor model's vectors in a SQLite database, and the
 * answers served from them.
 *
 * The schema (version 1; PRAGMA application_id = 0x4C4C5653 "LLVS",
 * PRAGMA user_version = 1):
 *
 *   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
 *   CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
 *                       bias REAL NOT NULL, scale REAL NOT NULL,
 *                       offset REAL NOT NULL, vec BLOB NOT NULL);
 *   CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
 *                       title TEXT NOT NULL, bias REAL NOT NULL,
 *                       scale REAL NOT NULL, offset REAL NOT NULL,
 *                       vec BLOB NOT NULL);
 *   CREATE TABLE ratings (user INTEGER NOT NULL REFERENCES users(id),
 *                         item INTEGER NOT NULL REFERENCES items(id),
 *                         value REAL NOT NULL,
 *                         PRIMARY KEY (user, item)) WITHOUT ROWID;
 *
 * ids are the model's dense indexes (0-based). vec holds the k factors of a
 * row: precision f32 stores k IEEE floats in the byte order meta.byte_order
 * names ("le"/"be"; scale 1, offset 0); int8 stores k unsigned codes, one a
 * byte; int4 stores ceil(k/2) bytes, two codes a byte, the lower nibble
 * first. A code c decodes to offset + scale * c (float arithmetic), the
 * engine's asymmetric per-row quantizer (engine/vectors/quant.h).
 * bias is b_u or b_i (0 for models without biases).
 *
 * meta keys: schema (1), algo, k, n_users, n_items, precision (f32|int8|
 * int4), byte_order, score, mu (%.17g), scale_lo, scale_hi, foldin_lambda,
 * foldin_weighted (1: lambda times the number of ratings), source, ratings,
 * exported_at (seconds since the epoch).
 * score names how an estimate is computed, as the engine's model does, so
 * the f32 store gives the model's estimate bit for bit:
 *   biased        (mu + b_i) + b_u + p.q   (p.q by the engine's mf_dot)
 *   dot32         p.q summed in float
 *   dot64         p.q summed in double
 *   dot64_biased  p.q in double, then + ((mu + b_u) + b_i)
 *   svd           ((mu + b_u) + b_i), then + p.q in double
 * ratings holds the ratings the model was trained on (the dataset given to
 * export), so recommendations leave out what a user has rated.
 *
 * Export is atomic: the database is written to a temporary file in the same
 * folder, closed, fsync'd and renamed over the target, so a reader sees the
 * old file or the whole new one, and a killed export leaves the old one. */
#ifndef LL_VSTORE_H
#define LL_VSTORE_H

#include <signal.h>
#include <stddef.h>

#include "engine/core/err.h"
#include "engine/data/ratings.h"
#include "engine/model/model.h"
#include "engine/vectors/quant.h"
#include "engine/vectors/vsearch.h"

#define VSTORE_APP_ID 0x4C4C5653
#define VSTORE_SCHEMA 1

typedef struct vstore_export_opts {
	quant_prec precision;   /* QUANT_F32, QUANT_INT8 or QUANT_INT4 */
	double foldin_lambda;   /* < 0: the algorithm's default regularization */
	/* Checked between rows: nonzero stops the export (the target untouched). */
	volatile sig_atomic_t *cancel;
} vstore_export_opts;

void vstore_export_opts_init(vstore_export_opts *o);

/* Write model m (trained on r, whose users and items it indexes) to path.
 * Models with factors only (sgd, biased/funk, als, ials, svd). *bytes_out
 * (may be NULL) gets the file's size. Returns 0 or -1 with a message. */
int vstore_export(const model *m, const ratings *r, const char *path,
		  const vstore_export_opts *o, size_t *bytes_out, ll_error *err);

/* A store read into memory (the database is closed after reading). All
 * queries are thread-safe once vstore_build_ivf has returned. */
typedef struct vstore vstore;

vstore *vstore_open(const char *path, ll_error *err);
void vstore_free(vstore **vs);

int vstore_n_users(const vstore *vs);
int vstore_n_items(const vstore *vs);
int vstore_k(const vstore *vs);
const char *vstore_algo(const vstore *vs);
const char *vstore_precision(const vstore *vs);
const char *vstore_score_kind(const vstore *vs);
/* 1 when the model's scores are ratings (so a prediction is clipped to the
 * scale), 0 for ranking-only models (ials). */
int vstore_rates(const vstore *vs);

/* A user by name, an item by name or else by exact title; -1 when unknown. */
int vstore_user(const vstore *vs, const char *name);
int vstore_item(const vstore *vs, const char *name_or_title);
const char *vstore_user_name(const vstore *vs, int u);
const char *vstore_item_name(const vstore *vs, int i);
const char *vstore_item_title(const vstore *vs, int i);
/* Items user u rated, ascending; returns how many. */
int vstore_rated(const vstore *vs, int u, const int **items);
const float *vstore_user_vec(const vstore *vs, int u);
const float *vstore_item_vec(const vstore *vs, int i);

/* The raw estimate for (u, i) (the model's model_predict), and clipped to
 * the rating scale (model_predict_clipped; unchanged when !vstore_rates). */
double vstore_predict(const vstore *vs, int u, int i);
double vstore_clip(const vstore *vs, double x);

/* How to search: exact (every item scored) or the IVF index (built by
 * vstore_build_ivf), scanning nprobe cells (<= 0: vstore_ivf_nprobe). */
typedef struct vstore_search {
	int ivf;
	int nprobe;
} vstore_search;

/* An IVF index over the item vectors, for recommend (dot product with the
 * item bias as an extra column) and similar (cosine). nlist 0: about
 * sqrt(items). */
int vstore_build_ivf(vstore *vs, int nlist, unsigned long seed, ll_error *err);
int vstore_has_ivf(const vstore *vs);
int vstore_ivf_nlist(const vstore *vs);
/* The cells scanned when a search asks for nprobe <= 0: nlist / 8, at
 * least 1. */
int vstore_ivf_nprobe(const vstore *vs);

/* The n best items for user u among those u has not rated, best first, as
 * the lab's `recommend` ranks them (float scores, ties to the lower id).
 * items[n], scores[n]: the raw estimates as floats. Returns how many, -1
 * with a message. */
int vstore_recommend(const vstore *vs, int u, int n, const vstore_search *s,
		     int *items, float *scores, ll_error *err);

/* The n items nearest item i by the cosine of their vectors (i left out). */
int vstore_similar(const vstore *vs, int i, int n, const vstore_search *s,
		   int *items, float *scores, ll_error *err);

/* A new user's vector from ratings (items[m], values[m]) with the item
 * vectors fixed: the ridge regression (Q^T Q + lambda I) p = Q^T r of the
 * engine's fold-in (with r less mu + b_i and the user bias solved alongside
 * for models with biases). p gets k floats, *bias the bias. */
int vstore_foldin(const vstore *vs, int m, const int *items, const float *values,
		  float *p, float *bias, ll_error *err);
/* The estimate of a folded-in user (engine: mf_foldin_predict). */
double vstore_foldin_predict(const vstore *vs, const float *p, float bias, int i);
/* The n best items for a folded-in user, leaving out skip[m]. */
int vstore_recommend_vec(const vstore *vs, const float *p, float bias, const int *skip,
			 int m, int n, const vstore_search *s, int *items, float *scores,
			 ll_error *err);

#endif

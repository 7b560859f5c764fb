/* qround.h: factor tables rounded to fewer bits, as the quantization
 * lesson measures them (the quantize command, recommend precision=, plot
 * quantize). Lab-internal.
 *
 * The precisions are the engine's (quant.h: f32, f16, int8, int4, int2,
 * each int grid from a row's smallest to its largest value, or symmetric
 * about zero) plus 1bit: the sign of each value times one scale, the mean
 * |value| of the row (XNOR-Net's binary weights). The grid is one per row,
 * as the engine keeps it, or one for the whole table (table != 0). A row
 * grid rounds exactly as quant_encode and quant_decode do.
 *
 * Bytes count what is stored: the codes (bits per value, rounded up to
 * whole bytes per row) and the grids (offset and step as two float32
 * numbers, symmetric and 1bit only a step), once per row or once. */
#ifndef LL_QROUND_H
#define LL_QROUND_H

#include <stddef.h>

#include "engine/core/err.h"
#include "engine/model/model.h"
#include "engine/vectors/quant.h"

#define QR_1BIT QUANT_N
#define QR_N (QUANT_N + 1)
#define QR_NAMES QUANT_NAMES "|1bit"

const char *qr_name(int p);
int qr_bits(int p);
/* A precision by name (as quant_from_name, and "1bit", "1"), or -1. */
int qr_from_name(const char *s);

typedef struct qr_bytes {
	double codes, grids;
} qr_bytes;

/* Round the n x d table x in place to precision p. bytes (may be NULL) is
 * added to; *maxerr (may be NULL) rises to the largest change. */
void qr_round(float *x, int n, int d, int p, int sym, int table, qr_bytes *bytes, double *maxerr);

/* Row `row` of x as the grid rounds it: its levels in order into levels
 * (room for 256; returns how many, 0 for f32 and f16), each value's code
 * into codes (may be NULL) and what is stored into stored (d floats). */
int qr_row(const float *x, int n, int d, int row, int p, int sym, int table, float *levels,
	   int *codes, float *stored);

/* Each listed user's top k among the items they did not rate in train
 * (n x k, -1 padded), with the model as it is. Caller frees. */
int *qr_topk(const model *m, const ratings *train, const int *users, int n, int k, ll_error *err);

/* One user's scores of every item (out[n_items]) with both factor tables
 * rounded; the model is left as it was. */
int qr_scores(model *m, int user, int p, int sym, int table, float *out, ll_error *err);

typedef struct qr_effect {
	qr_bytes bytes;        /* both tables as stored */
	double f32_bytes;
	double max_error;
	double rmse, mae;      /* on all the test ratings */
	double hr, ndcg;       /* @k, on rank_test (the sampled users' test ratings) */
	double kept;           /* mean share of each listed user's ref top k kept */
} qr_effect;

/* The model with both factor tables rounded, measured, then restored:
 * RMSE and MAE on test, HR@k and NDCG@k on rank_test over the full item set
 * (ratings >= threshold relevant), and the share of ref (qr_topk of the
 * users with the same k) each user keeps. */
int qr_measure(model *m, const ratings *train, const ratings *test, const ratings *rank_test,
	       const int *users, int n_users, const int *ref, int p, int sym, int table, int k,
	       double threshold, qr_effect *out, ll_error *err);

#endif

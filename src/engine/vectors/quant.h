/* quant.h: factor tables stored with fewer bits.
 *
 * Precisions: f32 (the reference), f16 (IEEE half, round to nearest even),
 * and int8, int4, int2 codes with a scale and an offset per row:
 *   asymmetric: the row's [min, max] cut into 2^bits levels,
 *               value = offset + scale * code, code in 0 .. 2^bits - 1;
 *   symmetric:  [-max|x|, max|x|] with zero exactly representable,
 *               code in -(2^(bits-1) - 1) .. 2^(bits-1) - 1 (int4: 15 levels,
 *               int2: 3), only a scale per row.
 * Every value is rounded to its nearest level, so it moves by at most half a
 * level (scale / 2). Sizes count the codes plus the per-row parameters (4-byte
 * floats). Scoring a query against the codes needs no decoding:
 * q . x = offset * sum(q) + scale * (q . code). */
#ifndef LL_QUANT_H
#define LL_QUANT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/err.h"

typedef enum quant_prec { QUANT_F32, QUANT_F16, QUANT_INT8, QUANT_INT4, QUANT_INT2 } quant_prec;
#define QUANT_NAMES "f32|f16|int8|int4|int2"
#define QUANT_N 5

const char *quant_name(quant_prec p);
int quant_bits(quant_prec p);
/* The precision named name ("int4", also "4", "fp16", "float32"), or -1. */
int quant_from_name(const char *name);

typedef struct qtable qtable;

qtable *quant_encode(const float *x, int n, int d, quant_prec p, int symmetric, ll_error *err);
void quant_free(qtable **t);

int quant_n(const qtable *t);
int quant_d(const qtable *t);
quant_prec quant_precision(const qtable *t);
int quant_symmetric(const qtable *t);
/* Bytes of codes plus per-row scale/offset; and of the same table in f32. */
size_t quant_bytes(const qtable *t);
size_t quant_f32_bytes(const qtable *t);

/* Back to floats: the whole table (n x d) or one row (d). */
void quant_decode(const qtable *t, float *out);
void quant_decode_row(const qtable *t, int row, float *out);

/* Scores of every row against q (d floats) into out[n], straight from the
 * codes. */
void quant_scores(const qtable *t, const float *q, float *out);
float quant_dot(const qtable *t, int row, const float *q, float qsum);
/* The same with the query also rounded to int8 (one symmetric scale), so
 * rows are scored by integer products as int8 kernels do; adds the query's
 * own rounding error (at most half of max|q| / 127 per component). For f32
 * and f16 tables it is quant_scores(). */
void quant_scores_q8(const qtable *t, const float *q, float *out);

/* The integer grid of a row (int precisions): its levels as values, in code
 * order, into levels[] (room for 256); returns how many (0 for f32/f16).
 * Symmetric int4 has 15 levels, asymmetric 16. */
int quant_levels(const qtable *t, int row, float *levels);
/* The code of one value (for int precisions; signed when symmetric). */
int quant_code(const qtable *t, int row, int col);
/* The distance between two neighbouring levels of a row (0 for floats). */
float quant_step(const qtable *t, int row);

/* IEEE half precision, round to nearest even. */
uint16_t quant_f32_to_f16(float f);
float quant_f16_to_f32(uint16_t h);

#endif

/* quant.c: f16 and per-row int8/int4/int2 factor tables (see quant.h). */
#include "engine/vectors/quant.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pthread.h>

#include "engine/vectors/vsearch.h"

struct qtable {
	int n, d;
	quant_prec prec;
	int sym;
	int bits;
	size_t stride;      /* bytes per row of codes */
	unsigned char *codes;
	float *scale, *offset; /* per row; value = offset + scale * ucode */
};

static const char *const names[] = { "f32", "f16", "int8", "int4", "int2" };
static const int bits_of[] = { 32, 16, 8, 4, 2 };

const char *quant_name(quant_prec p) { return (unsigned)p < QUANT_N ? names[p] : "?"; }
int quant_bits(quant_prec p) { return (unsigned)p < QUANT_N ? bits_of[p] : 0; }

int quant_from_name(const char *s)
{
	static const struct { const char *name; quant_prec p; } alias[] = {
		{ "f32", QUANT_F32 }, { "fp32", QUANT_F32 }, { "float32", QUANT_F32 }, { "32", QUANT_F32 },
		{ "f16", QUANT_F16 }, { "fp16", QUANT_F16 }, { "float16", QUANT_F16 }, { "16", QUANT_F16 },
		{ "int8", QUANT_INT8 }, { "8", QUANT_INT8 }, { "int4", QUANT_INT4 }, { "4", QUANT_INT4 },
		{ "int2", QUANT_INT2 }, { "2", QUANT_INT2 },
	};
	for (size_t i = 0; i < sizeof alias / sizeof *alias; i++)
		if (strcasecmp(alias[i].name, s) == 0)
			return (int)alias[i].p;
	return -1;
}

/* --- half precision -------------------------------------------------------- */

uint16_t quant_f32_to_f16(float f)
{
	uint32_t x;
	memcpy(&x, &f, sizeof x);
	uint32_t sign = (x >> 16) & 0x8000, exp = (x >> 23) & 0xff, mant = x & 0x7fffff;
	if (exp == 0xff)
		return (uint16_t)(sign | 0x7c00 | (mant ? 0x200 : 0));
	int e = (int)exp - 127 + 15;
	if (e >= 0x1f)
		return (uint16_t)(sign | 0x7c00);
	if (e <= 0) {
		/* A half subnormal: h * 2^-24. */
		if (e < -10)
			return (uint16_t)sign;
		mant |= 0x800000;
		int shift = 14 - e;
		uint32_t h = mant >> shift, rem = mant & ((1u << shift) - 1), half = 1u << (shift - 1);
		if (rem > half || (rem == half && (h & 1)))
			h++;
		return (uint16_t)(sign | h);
	}
	uint32_t h = ((uint32_t)e << 10) | (mant >> 13), rem = mant & 0x1fff;
	/* A carry out of the mantissa correctly bumps the exponent. */
	if (rem > 0x1000 || (rem == 0x1000 && (h & 1)))
		h++;
	return (uint16_t)(sign | h);
}

float quant_f16_to_f32(uint16_t h)
{
	uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1f, mant = h & 0x3ff, x;
	if (exp == 0) {
		float f = ldexpf((float)mant, -24);
		return sign ? -f : f;
	}
	if (exp == 31)
		x = sign | 0x7f800000 | (mant << 13);
	else
		x = sign | ((exp - 15 + 127) << 23) | (mant << 13);
	float f;
	memcpy(&f, &x, sizeof f);
	return f;
}

/* Half floats are scored through a table of all 65536 values, built once. */
static float f16_table[65536];
static pthread_once_t f16_once = PTHREAD_ONCE_INIT;

static void f16_fill(void)
{
	for (unsigned h = 0; h < 65536; h++)
		f16_table[h] = quant_f16_to_f32((uint16_t)h);
}

/* --- codes ----------------------------------------------------------------- */

static unsigned get_code(const qtable *t, int row, int col)
{
	const unsigned char *r = t->codes + (size_t)row * t->stride;
	switch (t->bits) {
	case 8:
		return r[col];
	case 4:
		return (r[col >> 1] >> ((col & 1) * 4)) & 0xf;
	default:
		return (r[col >> 2] >> ((col & 3) * 2)) & 0x3;
	}
}

static void put_code(qtable *t, int row, int col, unsigned c)
{
	unsigned char *r = t->codes + (size_t)row * t->stride;
	switch (t->bits) {
	case 8:
		r[col] = (unsigned char)c;
		break;
	case 4:
		r[col >> 1] |= (unsigned char)(c << ((col & 1) * 4));
		break;
	default:
		r[col >> 2] |= (unsigned char)(c << ((col & 3) * 2));
		break;
	}
}

static void encode_row(qtable *t, int row, const float *x)
{
	int d = t->d;
	unsigned L = 1u << t->bits;
	float scale, offset;
	if (t->sym) {
		float m = 0;
		for (int j = 0; j < d; j++)
			m = fmaxf(m, fabsf(x[j]));
		unsigned half = L / 2; /* the zero code */
		scale = m / (float)(half - 1);
		offset = -scale * (float)half;
	} else {
		float lo = x[0], hi = x[0];
		for (int j = 1; j < d; j++)
			lo = fminf(lo, x[j]), hi = fmaxf(hi, x[j]);
		scale = (hi - lo) / (float)(L - 1);
		offset = lo;
	}
	t->scale[row] = scale, t->offset[row] = offset;
	for (int j = 0; j < d; j++) {
		float v = scale > 0 ? (x[j] - offset) / scale : 0;
		long c = (long)floorf(v + 0.5f);
		long lo = t->sym ? 1 : 0, hi = (long)L - 1;
		if (scale == 0 && t->sym)
			c = L / 2;
		c = c < lo ? lo : c > hi ? hi : c;
		put_code(t, row, j, (unsigned)c);
	}
}

qtable *quant_encode(const float *x, int n, int d, quant_prec p, int symmetric, ll_error *err)
{
	if (n < 0 || d < 1 || (unsigned)p >= QUANT_N) {
		ll_fail(err, "bad table shape or precision");
		return NULL;
	}
	qtable *t = calloc(1, sizeof *t);
	if (!t) {
		ll_fail(err, "out of memory");
		return NULL;
	}
	t->n = n, t->d = d, t->prec = p, t->bits = bits_of[p];
	t->sym = p >= QUANT_INT8 ? !!symmetric : 0;
	if (p == QUANT_F16)
		pthread_once(&f16_once, f16_fill);
	t->stride = ((size_t)d * t->bits + 7) / 8;
	t->codes = calloc((size_t)n * t->stride + 1, 1);
	t->scale = calloc((size_t)n + 1, sizeof *t->scale);
	t->offset = calloc((size_t)n + 1, sizeof *t->offset);
	if (!t->codes || !t->scale || !t->offset) {
		quant_free(&t);
		ll_fail(err, "out of memory for %d x %d codes", n, d);
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		const float *r = x + (size_t)i * d;
		if (p == QUANT_F32)
			memcpy(t->codes + (size_t)i * t->stride, r, (size_t)d * sizeof *r);
		else if (p == QUANT_F16) {
			uint16_t *h = (uint16_t *)(t->codes + (size_t)i * t->stride);
			for (int j = 0; j < d; j++)
				h[j] = quant_f32_to_f16(r[j]);
		} else
			encode_row(t, i, r);
	}
	return t;
}

void quant_free(qtable **pt)
{
	if (!pt || !*pt)
		return;
	free((*pt)->codes), free((*pt)->scale), free((*pt)->offset);
	free(*pt);
	*pt = NULL;
}

int quant_n(const qtable *t) { return t->n; }
int quant_d(const qtable *t) { return t->d; }
quant_prec quant_precision(const qtable *t) { return t->prec; }
int quant_symmetric(const qtable *t) { return t->sym; }

size_t quant_bytes(const qtable *t)
{
	size_t per_row = t->prec >= QUANT_INT8 ? (t->sym ? 4 : 8) : 0;
	return (size_t)t->n * (t->stride + per_row);
}

size_t quant_f32_bytes(const qtable *t) { return (size_t)t->n * t->d * sizeof(float); }

void quant_decode_row(const qtable *t, int row, float *out)
{
	const unsigned char *r = t->codes + (size_t)row * t->stride;
	if (t->prec == QUANT_F32) {
		memcpy(out, r, (size_t)t->d * sizeof *out);
		return;
	}
	if (t->prec == QUANT_F16) {
		const uint16_t *h = (const uint16_t *)r;
		for (int j = 0; j < t->d; j++)
			out[j] = quant_f16_to_f32(h[j]);
		return;
	}
	for (int j = 0; j < t->d; j++)
		out[j] = t->offset[row] + t->scale[row] * (float)get_code(t, row, j);
}

void quant_decode(const qtable *t, float *out)
{
	for (int i = 0; i < t->n; i++)
		quant_decode_row(t, i, out + (size_t)i * t->d);
}

/* Partial sums in fixed order: fast without -ffast-math, and deterministic. */
float quant_dot(const qtable *t, int row, const float *q, float qsum)
{
	const unsigned char *r = t->codes + (size_t)row * t->stride;
	int d = t->d, j = 0;
	float s[4] = { 0, 0, 0, 0 };
	switch (t->prec) {
	case QUANT_F32:
		return vs_dot(q, (const float *)r, d);
	case QUANT_F16: {
		const uint16_t *h = (const uint16_t *)r;
		for (; j + 4 <= d; j += 4)
			for (int u = 0; u < 4; u++)
				s[u] += q[j + u] * f16_table[h[j + u]];
		for (; j < d; j++)
			s[0] += q[j] * f16_table[h[j]];
		return (s[0] + s[1]) + (s[2] + s[3]);
	}
	case QUANT_INT8:
		for (; j + 4 <= d; j += 4)
			for (int u = 0; u < 4; u++)
				s[u] += q[j + u] * (float)r[j + u];
		for (; j < d; j++)
			s[0] += q[j] * (float)r[j];
		break;
	case QUANT_INT4:
		for (; j + 4 <= d; j += 4) {
			unsigned char a = r[j >> 1], b = r[(j >> 1) + 1];
			s[0] += q[j] * (float)(a & 0xf);
			s[1] += q[j + 1] * (float)(a >> 4);
			s[2] += q[j + 2] * (float)(b & 0xf);
			s[3] += q[j + 3] * (float)(b >> 4);
		}
		for (; j < d; j++)
			s[0] += q[j] * (float)((r[j >> 1] >> ((j & 1) * 4)) & 0xf);
		break;
	case QUANT_INT2:
		for (; j + 4 <= d; j += 4) {
			unsigned char a = r[j >> 2];
			s[0] += q[j] * (float)(a & 3);
			s[1] += q[j + 1] * (float)((a >> 2) & 3);
			s[2] += q[j + 2] * (float)((a >> 4) & 3);
			s[3] += q[j + 3] * (float)(a >> 6);
		}
		for (; j < d; j++)
			s[0] += q[j] * (float)((r[j >> 2] >> ((j & 3) * 2)) & 0x3);
		break;
	}
	return t->offset[row] * qsum + t->scale[row] * ((s[0] + s[1]) + (s[2] + s[3]));
}

void quant_scores(const qtable *t, const float *q, float *out)
{
	float qsum = 0;
	for (int j = 0; j < t->d; j++)
		qsum += q[j];
	for (int i = 0; i < t->n; i++)
		out[i] = quant_dot(t, i, q, qsum);
}

/* Integer sums reassociate freely, so GCC vectorizes these loops when its
 * cost model is allowed to (it is at -O3, not at the default -O2). */
#if defined(__GNUC__) && !defined(__clang__)
#define LL_VECTORIZE __attribute__((optimize("O3")))
#else
#define LL_VECTORIZE
#endif

/* Integer dot products of one packed row with an int8 query. */
LL_VECTORIZE static int32_t idot(const qtable *t, const unsigned char *r, const int8_t *qc)
{
	int d = t->d;
	int32_t acc = 0;
	if (t->bits == 8) {
		for (int j = 0; j < d; j++)
			acc += (int32_t)qc[j] * r[j];
	} else if (t->bits == 4) {
		for (int b = 0; b < d / 2; b++)
			acc += (int32_t)qc[2 * b] * (r[b] & 0xf) + (int32_t)qc[2 * b + 1] * (r[b] >> 4);
		if (d & 1)
			acc += (int32_t)qc[d - 1] * (r[d >> 1] & 0xf);
	} else {
		for (int b = 0; b < d / 4; b++) {
			unsigned a = r[b];
			acc += (int32_t)qc[4 * b] * (a & 3) + (int32_t)qc[4 * b + 1] * ((a >> 2) & 3) +
				(int32_t)qc[4 * b + 2] * ((a >> 4) & 3) + (int32_t)qc[4 * b + 3] * (a >> 6);
		}
		for (int j = d & ~3; j < d; j++)
			acc += (int32_t)qc[j] * ((r[j >> 2] >> ((j & 3) * 2)) & 3);
	}
	return acc;
}

void quant_scores_q8(const qtable *t, const float *q, float *out)
{
	if (t->prec < QUANT_INT8) {
		quant_scores(t, q, out);
		return;
	}
	int d = t->d;
	int8_t qbuf[512], *qc = d <= 512 ? qbuf : malloc((size_t)d);
	if (!qc) {
		quant_scores(t, q, out);
		return;
	}
	float m = 0, qsum = 0;
	for (int j = 0; j < d; j++)
		m = fmaxf(m, fabsf(q[j])), qsum += q[j];
	float qs = m / 127;
	for (int j = 0; j < d; j++)
		qc[j] = (int8_t)(qs > 0 ? floorf(q[j] / qs + 0.5f) : 0);
	for (int i = 0; i < t->n; i++)
		out[i] = t->offset[i] * qsum +
			t->scale[i] * qs * (float)idot(t, t->codes + (size_t)i * t->stride, qc);
	if (qc != qbuf)
		free(qc);
}

int quant_levels(const qtable *t, int row, float *levels)
{
	if (t->prec < QUANT_INT8)
		return 0;
	unsigned L = 1u << t->bits, first = t->sym ? 1 : 0;
	int n = 0;
	for (unsigned c = first; c < L; c++)
		levels[n++] = t->offset[row] + t->scale[row] * (float)c;
	return n;
}

int quant_code(const qtable *t, int row, int col)
{
	if (t->prec < QUANT_INT8)
		return 0;
	int c = (int)get_code(t, row, col);
	return t->sym ? c - (1 << (t->bits - 1)) : c;
}

float quant_step(const qtable *t, int row)
{
	return t->prec >= QUANT_INT8 ? t->scale[row] : 0;
}

/* load_scan.h: the common MovieLens line, "U<sep>I<sep>R<sep>T\n" in plain
 * digits, scanned where it lies in a chunk (lineread_chunk) by hand, and the
 * rating on the scale's grid. Private to the loaders: load_common.c's fast
 * path and load_split.c's second thread take the same lines with it, and
 * give the same values for them. Everything here is static inline, so that
 * each loader's loop compiles it in. */
#ifndef LL_LOAD_SCAN_H
#define LL_LOAD_SCAN_H

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "engine/data/load_impl.h"

/* The common MovieLens line, "U<sep>I<sep>R<sep>T\n" in plain digits (R
 * perhaps with a decimal point), parsed where it lies in the buffer. The
 * rating is kept as its digits: m over 10^nf. */
typedef struct numeric_line {
	uint64_t user, item, time, m;
	int nf;
	const char *item_at; /* where the item's digits start */
} numeric_line;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Eight digits at a time (lineread_chunk leaves bytes to read past a line's
 * end): the length of the run of ASCII digits at the start of a word, and
 * the value of its first n, by multiplying pairs, then fours, then eights of
 * digits together (the byte order of x86 and ARM puts the first at the
 * bottom). A loop over each digit would mispredict the end of every id. */
static inline uint64_t word_at(const char *s)
{
	uint64_t x;
	memcpy(&x, s, 8);
	return x;
}

static inline int digit_run(uint64_t x)
{
	/* Each byte's high nibble, and that of the byte plus 6, are both 3
	 * exactly for '0'..'9'. A carry out of a byte (>= 0xfa) only reaches
	 * the bytes after it, which come after a non-digit. */
	uint64_t m = ((x & 0xf0f0f0f0f0f0f0f0u) |
		      (((x + 0x0606060606060606u) & 0xf0f0f0f0f0f0f0f0u) >> 4)) ^
		     0x3333333333333333u;
	return m ? __builtin_ctzll(m) >> 3 : 8;
}

/* The first n (1..8) digits of x moved to the top, so that the bytes below
 * read as leading zeros, then each byte's low nibble combined with its
 * neighbour's: 10a + b, then 100ab + cd, then 10000abcd + efgh, each step
 * one multiplication (Lemire's eight-digit parse). */
static inline uint64_t run_value(uint64_t x, int n)
{
	x = (x << (8 * (8 - n))) & 0x0f0f0f0f0f0f0f0fu;
	x = (x * 2561) >> 8;
	x = ((x & 0x00ff00ff00ff00ffu) * 6553601) >> 16;
	return ((x & 0x0000ffff0000ffffu) * 42949672960001u) >> 32;
}

/* At most max (<= 16) digits at s: the byte after them, or NULL. */
static inline const char *digits(const char *s, int max, uint64_t *out)
{
	static const uint64_t p10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
					10000000, 100000000 };
	uint64_t x = word_at(s);
	int n = digit_run(x);
	if (n == 0)
		return NULL;
	uint64_t v = run_value(x, n);
	if (n == 8) {
		uint64_t y = word_at(s + 8);
		int m = digit_run(y);
		if (m > 0)
			v = v * p10[m] + run_value(y, m);
		n += m;
	}
	if (n > max)
		return NULL;
	*out = v;
	return s + n;
}
#else
static inline const char *digits(const char *s, int max, uint64_t *out)
{
	uint64_t v = 0;
	int k = 0;
	for (; (unsigned)(s[k] - '0') < 10; k++) {
		if (k == max)
			return NULL;
		v = v * 10 + (uint64_t)(s[k] - '0');
	}
	*out = v;
	return k ? s + k : NULL;
}
#endif

static inline const char *after_sep(const char *s, const char *sep, size_t sl)
{
	if (!s || s[0] != sep[0] || (sl == 2 && s[1] != sep[1]))
		return NULL;
	return s + sl;
}

/* The line's end: the next line's start, or NULL when the line is not of
 * that shape or an id or time is out of its range (the general path then
 * reads it, accepting what it accepts and saying what is wrong with the
 * rest). */
static inline const char *numeric_fast(const char *s, const char *sep, size_t sl,
				       numeric_line *out)
{
	uint64_t whole, frac = 0;
	s = after_sep(digits(s, 10, &out->user), sep, sl);
	out->item_at = s;
	s = s ? after_sep(digits(s, 10, &out->item), sep, sl) : NULL;
	s = s ? digits(s, 9, &whole) : NULL;
	if (!s || out->user > 2147483647u || out->item > 2147483647u)
		return NULL;
	out->nf = 0;
	if (*s == '.') {
		static const uint64_t p10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
		const char *f = ++s;
		if ((unsigned)(*s - '0') < 10 && !(s = digits(s, 6, &frac)))
			return NULL;
		out->nf = (int)(s - f);
		whole *= p10[out->nf];
	}
	out->m = whole + frac;
	s = after_sep(s, sep, sl);
	s = s ? digits(s, 10, &out->time) : NULL;
	if (!s || out->time > UINT32_MAX)
		return NULL;
	if (*s == '\r')
		s++;
	return *s == '\n' ? s + 1 : NULL;
}

#if defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* run_value for n <= 4 in 32 bits: one multiplication fewer. */
static inline uint32_t short_value(const char *s, int n)
{
	uint32_t x;
	memcpy(&x, s, 4);
	x = (x << (8 * (4 - n))) & 0x0f0f0f0fu;
	x = (x * 2561) >> 8;
	return ((x & 0x00ff00ffu) * 6553601) >> 16;
}

/* The value of the n (1..10) digits at s: a timestamp's last eight in one
 * word, the one or two before them by hand. */
static inline uint64_t field_value(const char *s, int n)
{
	if (n <= 4)
		return short_value(s, n);
	if (n <= 8)
		return run_value(word_at(s), n);
	uint64_t head = n == 9 ? (uint64_t)(s[0] - '0')
			       : (uint64_t)(s[0] - '0') * 10 + (uint64_t)(s[1] - '0');
	return head * 100000000u + run_value(word_at(s + n - 8), 8);
}

/* numeric_fast's line in one 32-byte window: where each run of digits ends
 * comes from one mask of the bytes that are not digits (SSE2, which every
 * x86-64 has), so the fields' values are worked out side by side instead
 * of each waiting for the one before. It takes what numeric_fast takes and
 * gives the same values; NULL for anything else, a line longer than the
 * window included (numeric_fast then reads it). */
static inline const char *numeric_window(const char *s, const char *sep, size_t sl,
					 numeric_line *out)
{
	const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
	__m128i a = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)s), zero);
	__m128i b = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + 16)), zero);
	const __m128i sa = _mm_add_epi8(a, zero), sb = _mm_add_epi8(b, zero);
	const __m128i c = _mm_set1_epi8(sep[0]);
	uint32_t dig = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(a, nine), a)) |
		       (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(b, nine), b)) << 16;
	uint32_t sepm = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(sa, c)) |
			(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(sb, c)) << 16;
	/* A separator of two equal characters ("::") starts where two do. */
	uint32_t want = sl == 2 ? 3u : 1u;
	if (sl == 2 && sep[1] != sep[0])
		return NULL;
	/* Past the window counts as not a digit, so every run ends. */
	uint64_t nd = ~(uint64_t)dig, sm = sepm;
	int e1 = __builtin_ctzll(nd);
	if (e1 == 0 || e1 > 10 || ((sm >> e1) & want) != want)
		return NULL;
	int s2 = e1 + (int)sl, e2 = s2 + __builtin_ctzll(nd >> s2);
	if (e2 == s2 || e2 - s2 > 10 || ((sm >> e2) & want) != want)
		return NULL;
	int s3 = e2 + (int)sl, e3 = s3 + __builtin_ctzll(nd >> s3);
	if (e3 == s3 || e3 - s3 > 9)
		return NULL;
	int f = e3, nf = 0;
	if (s[e3] == '.') {
		f = e3 + 1;
		nf = __builtin_ctzll(nd >> f);
		if (nf > 6)
			return NULL;
	}
	int r_end = f + nf;
	if (((sm >> r_end) & want) != want)
		return NULL;
	int s4 = r_end + (int)sl, e4 = s4 + __builtin_ctzll(nd >> s4);
	if (e4 == s4 || e4 - s4 > 10)
		return NULL;
	int nl = e4 + (s[e4] == '\r');
	if (nl >= 32 || s[nl] != '\n')
		return NULL;
	static const uint64_t p10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
	out->user = field_value(s, e1);
	out->item = field_value(s + s2, e2 - s2);
	out->item_at = s + s2;
	out->m = e3 - s3 == 1 ? (uint64_t)(s[s3] - '0') : field_value(s + s3, e3 - s3);
	out->m = out->m * p10[nf] + (nf ? field_value(s + f, nf) : 0);
	out->nf = nf;
	out->time = field_value(s + s4, e4 - s4);
	if (out->user > 2147483647u || out->item > 2147483647u || out->time > UINT32_MAX)
		return NULL;
	return s + nl + 1;
}
#define HAVE_NUMERIC_WINDOW 1
#endif

/* The value of m / 10^nf as lr_parse_double computes it (the digits as one
 * integer over a power of ten, exact for the short decimals ratings are
 * written in), and whether load_rating takes it: 1, or 0 for the general
 * path to say why not. A file holds a handful of distinct ratings, so
 * those of up to two decimals below 1024/10^nf are worked out once. */
typedef struct rating_memo {
	float lo, hi, step;
	signed char known[3][1024]; /* 0 unknown, 1 on the scale, -1 not */
	float value[3][1024];
} rating_memo;

static inline int rating_value(rating_memo *rm, uint64_t m, int nf, float *out)
{
	static const double p10[] = { 1, 10, 100, 1000, 1e4, 1e5, 1e6 };
	int memo = nf <= 2 && m < 1024;
	if (memo && rm->known[nf][m]) {
		*out = rm->value[nf][m];
		return rm->known[nf][m] > 0;
	}
	double v = nf ? (double)m / p10[nf] : (double)m;
	int ok = v >= rm->lo && v <= rm->hi;
	if (ok && rm->step > 0) {
		double k = (v - rm->lo) / rm->step;
		ok = fabs(k - round(k)) <= 1e-6;
	}
	*out = (float)v;
	if (memo) {
		rm->known[nf][m] = (signed char)(ok ? 1 : -1);
		rm->value[nf][m] = *out;
	}
	return ok;
}

static inline void rating_memo_init(rating_memo *rm, const load_fast *f)
{
	memset(rm->known, 0, sizeof rm->known);
	rm->lo = f->lo, rm->hi = f->hi, rm->step = f->step;
}

/* The line at s if the fast path takes it: the next line's start, with
 * *x its fields and *v its rating; NULL when the line is left to the
 * general path (another shape, a rating off the scale or its grid, or, for
 * files of names, an id with a leading zero: "007" is a name, not 7). */
static inline const char *load_scan_line(const load_fast *f, rating_memo *rm, const char *s,
					 numeric_line *x, float *v)
{
	size_t sl = f->sep[1] ? 2 : 1;
	const char *next;
#ifdef HAVE_NUMERIC_WINDOW
	if (!(next = numeric_window(s, f->sep, sl, x)) && !(next = numeric_fast(s, f->sep, sl, x)))
		return NULL;
#else
	if (!(next = numeric_fast(s, f->sep, sl, x)))
		return NULL;
#endif
	if (!rating_value(rm, x->m, x->nf, v))
		return NULL;
	if (f->names && ((s[0] == '0' && (unsigned)(s[1] - '0') < 10) ||
			 (x->item_at[0] == '0' && (unsigned)(x->item_at[1] - '0') < 10)))
		return NULL;
	return next;
}

#endif

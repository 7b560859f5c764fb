/* mf_kernels.h: the inner loops of SGD matrix factorization (dot product and
 * the paired p/q update), in AVX2+FMA when the CPU has it, else portable C.
 *
 * The variant is chosen when the program starts (the best the CPU has),
 * before any parallel region; mf_kernels_select changes it from the main
 * thread (tests force the scalar one). Both are
 * deterministic, so the same seed gives the same factors on a given machine.
 * They differ from each other in the last bits (a different summation
 * order), which is why tests compare across variants with a tolerance. */
#ifndef LL_MF_KERNELS_H
#define LL_MF_KERNELS_H

#include <stdint.h>

#include "engine/data/ratings.h"

enum { MF_KERNEL_AUTO = -1, MF_KERNEL_SCALAR = 0, MF_KERNEL_AVX2 = 1 };

/* Choose a variant (MF_KERNEL_AUTO: the best the CPU supports). Returns the
 * one in use; asking for AVX2 on a CPU without it gives the scalar one. */
int mf_kernels_select(int which);
const char *mf_kernels_name(void);
/* The variant in use (MF_KERNEL_SCALAR or MF_KERNEL_AVX2), for the other
 * dispatched kernels (mf_cg.c). */
int mf_kernels_current(void);

float mf_dot(const float *a, const float *b, int k);

/* One SGD step on a rating with error e, both vectors from their old values
 * (the "simultaneous" update, as Surprise and LibMF do):
 *   p += lr * (e * q - reg * p);  q += lr * (e * p_old - reg * q),
 * computed as p' = (1 - lr reg) p + (lr e) q (fewer operations; equal up to
 * rounding). The plain model spells the rule out itself instead. */
void mf_update_pq(float *p, float *q, int k, float lr, float e, float reg);

/* Biased SGD (mu + b_u + b_i + p.q) over ratings ent[order[0..n)], all in
 * one loop with the next rows prefetched. Returns the sum of the squared
 * errors met (each before its update). */
typedef struct mf_pass {
	const ll_rating *ent;
	const uint32_t *order;
	long n;
	float *P, *Q, *bu, *bi;
	int k;
	float mu, lr, reg, lr_bias, reg_bias;
} mf_pass;

double mf_biased_pass(const mf_pass *a);
/* The same rule on one rating, exactly as the pass applies it (for traced
 * steps). Returns the error; *pred gets the estimate before the update. */
float mf_biased_one(const mf_pass *a, const ll_rating *e, float *pred);

/* Plain SGD, the lecture's rule as mf_sgd.c spells it (L2 penalty):
 *   p' = p + lr (e q - reg p);  q' = q + lr (e p' - reg q)
 * (simultaneous: e p instead of e p'). Below k = 8 (the lessons' sizes) both
 * variants do the scalar loop's operations in its order, and
 * mf_plain_dot is the scalar sum, so the bits are the same everywhere; from
 * k = 8 on, mf_plain_dot is mf_dot and the AVX2 update is the same rule
 * as p' = (1 - lr reg) p + (lr e) q (two operations a vector, rounded
 * otherwise), so the variants agree within rounding, as they do for biased
 * MF.
 *
 * An adaptive rate (adapt) divides lr by sqrt(G), G a running sum of
 * squared gradients g = e q - reg p (and e p' - reg q) that starts at 1, so
 * no step is longer than the plain one:
 *   MF_ADAPT_ADAGRAD  one G per parameter (AdaGrad): G_f += g_f^2, then
 *                     p_f += lr g_f / sqrt(G_f);
 *   MF_ADAPT_RPCS     one G per vector (LibMF's accumulator, Chin et al.
 *                     2015): the step uses the vector's G as it was, then G
 *                     += the mean of g_f^2 over its k coordinates. LibMF
 *                     also divides the ratings by their deviation, splits
 *                     G in two and trains a few coordinates alone in its
 *                     first pass; none of that is done here.
 * AdaGrad's lanes do the scalar loop's operations (IEEE sqrt and division),
 * so its updates are bit-identical in both variants too; RPCS's mean is
 * summed in another order by AVX2 (its G agrees within rounding). */
enum { MF_ADAPT_NONE = 0, MF_ADAPT_ADAGRAD = 1, MF_ADAPT_RPCS = 2 };

typedef struct mf_plain {
	const ll_rating *ent;
	const uint32_t *order;   /* the pass visits ent[order[0..n)] */
	long n;
	float *P, *Q;
	/* adapt != NONE: the accumulators, k floats per row (ADAGRAD) or one
	 * (RPCS), for users (GP) and items (GQ). */
	float *GP, *GQ;
	int k, simultaneous, adapt;
	/* Interleave two ratings that share no row (the same bits either way):
	 * faster while the factors are in cache, slower once they stream from
	 * memory. */
	int pairs;
	float lr, reg;
} mf_plain;

float mf_plain_dot(const float *a, const float *b, int k);
/* The rule on one rating, exactly as the pass applies it (for traced
 * steps). Returns the error; *pred gets the estimate before the update. */
float mf_plain_one(const mf_plain *a, const ll_rating *e, float *pred);
/* The pass, rows of later ratings prefetched. Returns the sum of the
 * squared errors met, each before its update (the running loss, free). */
double mf_plain_pass(const mf_plain *a);
/* The sum over ent[0..n) of (value - mf_plain_dot(p, q))^2, in that order:
 * the plain model's squared training error, with no update. */
double mf_plain_sse(const float *P, const float *Q, const ll_rating *ent, long n, int k);
/* ALS's Gram accumulation: A (d x d, row-major) += sum_{r<n} w_r y_r y_r^T
 * for n <= 4 rows y_r = Y + r d. Only the lower triangle is meaningful
 * afterwards (entries just above the diagonal may be written too). */
void mf_gram4(double *A, int d, const double *Y, const double *w, int n);

#endif

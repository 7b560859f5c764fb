/* mf_cg.h: the conjugate-gradient row solve of implicit ALS (Takacs, Pilaszy
 * and Tikk 2011; the default of implicit and Spark), O(n k + k^2) a step
 * instead of Cholesky's O(n k^2 + k^3), and the row's share of the loss.
 *
 * The system is implicit ALS's normal equations for one row x:
 *   (G + lambda I + sum_j w_j y_j y_j^T) x = sum_j (1 + w_j) y_j
 * with y_j = Y[rows[j]] (k floats each, rows of stride k), G = Y^T Y in
 * float with row stride kp (kp = mf_cg_stride(k), the padding zero), and
 * w_j = alpha r_j. Both kernels come in AVX2+FMA and portable C, chosen
 * with the SGD kernels (mf_kernels.h); each is deterministic, so threads
 * that split rows give the same bits as one thread. */
#ifndef LL_MF_CG_H
#define LL_MF_CG_H

#include <stddef.h>

/* Row stride of G and length of the work vectors (k rounded up to 8). */
int mf_cg_stride(int k);
/* Floats of work space mf_cg_solve needs. */
size_t mf_cg_ws(int k);

/* `steps` CG steps from the x given (warm start), x updated in place. Stops
 * early when the residual vanishes. dots holds 2 n floats of work space.
 * Returns what mf_cg_row_loss would for the new x (from the products the
 * steps compute, so equal up to rounding). */
double mf_cg_solve(const float *G, const float *Y, int k, const int *rows, const float *w, int n,
		   float lambda, int steps, float *x, float *ws, float *dots);

/* Up to MF_CG_GROUP rows at once, each exactly as mf_cg_solve would do it
 * (the same bits), with their G products sharing the loads of G. ws holds
 * m * mf_cg_ws(k) floats; each row's dots 2 n floats; *loss gets its loss. */
#define MF_CG_GROUP 4
typedef struct mf_cg_row {
	const int *rows;
	const float *w;
	int n;
	float lambda;
	float *x;
	float *dots;
	double *loss;
} mf_cg_row;
void mf_cg_solve_rows(const float *G, const float *Y, int k, int m, const mf_cg_row *row,
		      int steps, float *ws);

/* sum_j (1 + w_j)(1 - s_j)^2 - s_j^2 with s_j = x . y_j: what the row's
 * observed cells add to implicit ALS's loss beyond x^T G x. */
double mf_cg_row_loss(const float *Y, int k, const int *rows, const float *w, int n,
		      const float *x);

#endif

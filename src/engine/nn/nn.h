/* nn.h: the small neural-network kit behind the NCF models.
 *
 * Dense layers over mini-batches (float, row-major, one example per row),
 * ReLU/sigmoid activations, the binary cross-entropy and BPR losses on
 * logits, and Adam for dense parameter blocks and for embedding rows.
 *
 * Layout: a layer's weights are stored input-major (W[i * out + o] is the
 * weight from input i to output o), so the forward pass and the weight
 * gradient are axpy loops over contiguous outputs that the compiler
 * vectorises without reordering sums. No function here allocates or fails
 * except nn_dense_init. */
#ifndef LL_NN_H
#define LL_NN_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "engine/core/err.h"

typedef enum nn_act { NN_LINEAR, NN_RELU, NN_SIGMOID } nn_act;

typedef struct nn_dense {
	int in, out;
	nn_act act;
	float *W;  /* in x out */
	float *b;  /* out */
	float *WT; /* out x in: W transposed, for the backward pass */
} nn_dense;

/* Allocate a layer with Glorot-uniform weights (Keras's default, the NCF
 * code's choice) and zero biases. Returns 0 or -1. */
int nn_dense_init(nn_dense *l, int in, int out, nn_act act, gsl_rng *rng, ll_error *err);
void nn_dense_release(nn_dense *l);
size_t nn_dense_n_params(const nn_dense *l); /* in * out + out */

/* Y[B x out] = act(X[B x in] W + b). */
void nn_dense_forward(const nn_dense *l, int B, const float *X, float *Y);

/* Copy W into WT; call after changing W and before nn_dense_backward. */
void nn_dense_transpose(nn_dense *l);

/* Backward through one layer. dY (B x out) holds dL/dY on entry and is
 * overwritten with dL/dZ (before the activation). Y is the forward output.
 * dW (in x out) and db (out) are accumulated (+=); dX (B x in) is
 * overwritten with dL/dX unless it is NULL (this uses WT). */
void nn_dense_backward(const nn_dense *l, int B, const float *X, const float *Y,
		       float *dY, float *dX, float *dW, float *db);

/* nn_dense_backward in two halves, for callers that split a batch over
 * threads. _rows: dY to dZ in place and dX (unless NULL) for B examples,
 * each example on its own, so any split of the examples gives the same
 * bits. _weights: rows i0..i1-1 of dW += X^T dZ over all B examples, and
 * db += the sum of dZ's rows when db is not NULL; every weight is summed
 * over the examples in order, so any split of the rows gives the bits of
 * the whole. nn_dense_backward is the two on the same arguments. */
void nn_dense_backward_rows(const nn_dense *l, int B, const float *Y, float *dY, float *dX);
void nn_dense_backward_weights(const nn_dense *l, int B, const float *X, const float *dZ,
			       int i0, int i1, float *dW, float *db);

/* Activation in place. */
void nn_activate(nn_act act, float *v, size_t n);

/* Binary cross-entropy of a logit z against a label y in {0, 1}, computed
 * stably; *dz gets dL/dz = sigmoid(z) - y. */
double nn_bce_logit(float z, float y, float *dz);
/* BPR: -log sigmoid(d) for d = score(positive) - score(negative);
 * *dd gets dL/dd = -sigmoid(-d). */
double nn_bpr(float d, float *dd);
float nn_sigmoid(float z);

/* Adam (Kingma and Ba), with the bias correction folded into the step size
 * as Keras does. Call nn_adam_tick once per mini-batch, then the steps. */
typedef struct nn_adam {
	float lr, beta1, beta2, eps;
	long t;
	float step; /* lr * sqrt(1 - beta2^t) / (1 - beta1^t), set by tick */
} nn_adam;

void nn_adam_init(nn_adam *a, float lr);
void nn_adam_tick(nn_adam *a);
/* w -= step * m / (sqrt(v) + eps) with m, v the moving moments of g
 * (nn_kernels.c: vectorised, so it follows nn_kernels_select). */
void nn_adam_step(const nn_adam *a, float *w, const float *g, float *m, float *v, size_t n);

/* Plain SGD: w -= lr * g. */
void nn_sgd_step(float lr, float *w, const float *g, size_t n);

/* Matrix products (nn_kernels.c): C[M x N] = init + A B with A's element
 * (r, k) at A[r * rs + k * ks] (rs = K, ks = 1: A as stored; rs = 1, ks = M:
 * A transposed) and B row-major K x N. init is bias (a row of N) for
 * NN_GEMM_BIAS, zero for NN_GEMM_ZERO, C's own values for NN_GEMM_ACC. */
enum { NN_GEMM_ZERO, NN_GEMM_BIAS, NN_GEMM_ACC };
void nn_gemm(int M, int K, int N, const float *A, int rs, int ks, const float *B,
	     const float *bias, int mode, float *C);

/* The kernel variant: AVX2+FMA when the CPU has it, else portable C. Each
 * is deterministic; they differ in the last bits, so the same seed gives
 * the same weights on one machine. NN_KERNEL_AUTO picks the best. */
enum { NN_KERNEL_AUTO = -1, NN_KERNEL_SCALAR = 0, NN_KERNEL_AVX2 = 1 };
int nn_kernels_select(int which);
const char *nn_kernels_name(void);

/* Small vector helpers. */
float nn_dot(const float *a, const float *b, int n);
void nn_axpy(float a, const float *x, float *y, int n);

#endif

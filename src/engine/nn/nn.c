/* nn.c: dense layers, activations, losses and Adam (see nn.h). */
#include "engine/nn/nn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* `omp simd` asks for vectorisation even at -O2, whose cost model would
 * otherwise leave these short loops scalar. A reduction's order is fixed by
 * the compiled code, so results stay the same run after run. */
float nn_dot(const float *a, const float *b, int n)
{
	float s = 0;
#pragma omp simd reduction(+:s)
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

void nn_axpy(float a, const float *x, float *y, int n)
{
#pragma omp simd
	for (int i = 0; i < n; i++)
		y[i] += a * x[i];
}

float nn_sigmoid(float z)
{
	if (z >= 0)
		return 1.0f / (1.0f + expf(-z));
	float e = expf(z);
	return e / (1.0f + e);
}

int nn_dense_init(nn_dense *l, int in, int out, nn_act act, gsl_rng *rng, ll_error *err)
{
	memset(l, 0, sizeof *l);
	l->in = in, l->out = out, l->act = act;
	l->W = malloc((size_t)in * out * sizeof *l->W);
	l->b = calloc((size_t)out, sizeof *l->b);
	l->WT = malloc((size_t)in * out * sizeof *l->WT);
	if (!l->W || !l->b || !l->WT) {
		nn_dense_release(l);
		return ll_fail(err, "out of memory for a %d x %d layer", in, out);
	}
	double limit = sqrt(6.0 / (in + out));
	for (size_t i = 0; i < (size_t)in * out; i++)
		l->W[i] = (float)((2 * gsl_rng_uniform(rng) - 1) * limit);
	nn_dense_transpose(l);
	return 0;
}

void nn_dense_release(nn_dense *l)
{
	free(l->W);
	free(l->b);
	free(l->WT);
	l->W = l->b = l->WT = NULL;
}

size_t nn_dense_n_params(const nn_dense *l)
{
	return (size_t)l->in * l->out + l->out;
}

void nn_activate(nn_act act, float *v, size_t n)
{
	switch (act) {
	case NN_LINEAR:
		break;
	case NN_RELU:
#pragma omp simd
		for (size_t i = 0; i < n; i++)
			v[i] = v[i] > 0 ? v[i] : 0;
		break;
	case NN_SIGMOID:
		for (size_t i = 0; i < n; i++)
			v[i] = nn_sigmoid(v[i]);
		break;
	}
}

void nn_dense_transpose(nn_dense *l)
{
	for (int i = 0; i < l->in; i++)
		for (int o = 0; o < l->out; o++)
			l->WT[(size_t)o * l->in + i] = l->W[(size_t)i * l->out + o];
}

void nn_dense_forward(const nn_dense *l, int B, const float *X, float *Y)
{
	nn_gemm(B, l->in, l->out, X, l->in, 1, l->W, l->b, NN_GEMM_BIAS, Y);
	nn_activate(l->act, Y, (size_t)B * l->out);
}

void nn_dense_backward_rows(const nn_dense *l, int B, const float *Y, float *dY, float *dX)
{
	const int in = l->in, out = l->out;
	for (int b = 0; b < B; b++) {
		float *dz = dY + (size_t)b * out;
		const float *y = Y + (size_t)b * out;
		if (l->act == NN_RELU) {
#pragma omp simd
			for (int o = 0; o < out; o++)
				dz[o] = y[o] > 0 ? dz[o] : 0;
		} else if (l->act == NN_SIGMOID) {
			for (int o = 0; o < out; o++)
				dz[o] *= y[o] * (1 - y[o]);
		}
	}
	/* dX = dZ W^T */
	if (dX)
		nn_gemm(B, out, in, dY, out, 1, l->WT, NULL, NN_GEMM_ZERO, dX);
}

void nn_dense_backward_weights(const nn_dense *l, int B, const float *X, const float *dZ,
			       int i0, int i1, float *dW, float *db)
{
	const int in = l->in, out = l->out;
	for (int b = 0; db && b < B; b++)
		nn_axpy(1.0f, dZ + (size_t)b * out, db, out);
	/* dW[i0..i1) += X[:, i0..i1)^T dZ: nn_gemm sums each element over k in
	 * order whatever the rows around it */
	if (i1 > i0)
		nn_gemm(i1 - i0, B, out, X + i0, 1, in, dZ, NULL, NN_GEMM_ACC,
			dW + (size_t)i0 * out);
}

void nn_dense_backward(const nn_dense *l, int B, const float *X, const float *Y,
		       float *dY, float *dX, float *dW, float *db)
{
	nn_dense_backward_rows(l, B, Y, dY, dX);
	nn_dense_backward_weights(l, B, X, dY, 0, l->in, dW, db);
}

double nn_bce_logit(float z, float y, float *dz)
{
	if (dz)
		*dz = nn_sigmoid(z) - y;
	/* log(1 + e^z) - y z, without overflow for large |z|. */
	double az = fabs((double)z);
	return (z > 0 ? z : 0) - (double)z * y + log1p(exp(-az));
}

double nn_bpr(float d, float *dd)
{
	if (dd)
		*dd = -nn_sigmoid(-d);
	double ad = fabs((double)d);
	/* -log sigmoid(d) = log(1 + e^-d) */
	return (d < 0 ? -(double)d : 0) + log1p(exp(-ad));
}

void nn_adam_init(nn_adam *a, float lr)
{
	a->lr = lr;
	a->beta1 = 0.9f;
	a->beta2 = 0.999f;
	a->eps = 1e-7f; /* Keras's default, as in the NCF code */
	a->t = 0;
	a->step = lr;
}

void nn_adam_tick(nn_adam *a)
{
	a->t++;
	double b1t = pow(a->beta1, (double)a->t), b2t = pow(a->beta2, (double)a->t);
	a->step = (float)(a->lr * sqrt(1 - b2t) / (1 - b1t));
}

void nn_sgd_step(float lr, float *w, const float *g, size_t n)
{
#pragma omp simd
	for (size_t i = 0; i < n; i++)
		w[i] -= lr * g[i];
}

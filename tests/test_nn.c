/* test_nn.c: every layer's gradients against central differences: dense
 * layers (linear, ReLU, sigmoid), the BCE and BPR losses, and the whole NCF
 * network (GMF, MLP, NeuMF: embeddings, elementwise product, concatenation,
 * tower and output); plus one Adam step by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "check.h"
#include "engine/nn/ncf_common.h"
#include "engine/nn/nn.h"

static float uni(gsl_rng *g, float a) { return (float)((2 * gsl_rng_uniform(g) - 1) * a); }

/* L = sum(R .* layer(X)): a loss whose dL/dY is R. */
static double dense_loss(const nn_dense *l, int B, const float *X, const float *R, float *Y)
{
	nn_dense_forward(l, B, X, Y);
	double s = 0;
	for (int j = 0; j < B * l->out; j++)
		s += (double)R[j] * Y[j];
	return s;
}

static int close_enough(double num, double ana)
{
	return fabs(num - ana) <= 2e-3 + 2e-2 * fabs(ana);
}

static void test_dense(nn_act act, gsl_rng *g)
{
	enum { B = 4, IN = 5, OUT = 3 };
	nn_dense l;
	CHECK(nn_dense_init(&l, IN, OUT, act, g, NULL) == 0);
	float X[B * IN], R[B * OUT], Y[B * OUT], dY[B * OUT], dX[B * IN];
	float dW[IN * OUT] = { 0 }, db[OUT] = { 0 };
	for (int j = 0; j < OUT; j++)
		l.b[j] = uni(g, 0.5f);
	for (int j = 0; j < B * IN; j++)
		X[j] = uni(g, 1);
	for (int j = 0; j < B * OUT; j++)
		R[j] = uni(g, 1);
	nn_dense_transpose(&l); /* after setting weights by hand */
	dense_loss(&l, B, X, R, Y);
	memcpy(dY, R, sizeof dY);
	nn_dense_backward(&l, B, X, Y, dY, dX, dW, db);
	const float h = 1e-3f;
	int bad = 0;
	for (int j = 0; j < IN * OUT; j++) {
		float w = l.W[j];
		l.W[j] = w + h;
		double lp = dense_loss(&l, B, X, R, Y);
		l.W[j] = w - h;
		double lm = dense_loss(&l, B, X, R, Y);
		l.W[j] = w;
		bad += !close_enough((lp - lm) / (2 * h), dW[j]);
	}
	for (int j = 0; j < OUT; j++) {
		float w = l.b[j];
		l.b[j] = w + h;
		double lp = dense_loss(&l, B, X, R, Y);
		l.b[j] = w - h;
		double lm = dense_loss(&l, B, X, R, Y);
		l.b[j] = w;
		bad += !close_enough((lp - lm) / (2 * h), db[j]);
	}
	for (int j = 0; j < B * IN; j++) {
		float x = X[j];
		X[j] = x + h;
		double lp = dense_loss(&l, B, X, R, Y);
		X[j] = x - h;
		double lm = dense_loss(&l, B, X, R, Y);
		X[j] = x;
		bad += !close_enough((lp - lm) / (2 * h), dX[j]);
	}
	if (bad)
		fprintf(stderr, "dense layer (act %d): %d gradients off\n", (int)act, bad);
	CHECK(bad == 0);
	nn_dense_release(&l);
}

static void test_losses(void)
{
	const float zs[] = { -30, -3, -0.5f, 0, 0.7f, 4, 30 };
	for (size_t t = 0; t < sizeof zs / sizeof *zs; t++) {
		const double h = 1e-3;
		for (int y = 0; y <= 1; y++) {
			float dz;
			double l = nn_bce_logit(zs[t], (float)y, &dz);
			double num = (nn_bce_logit((float)(zs[t] + h), (float)y, NULL) -
				      nn_bce_logit((float)(zs[t] - h), (float)y, NULL)) / (2 * h);
			CHECK(isfinite(l) && l >= 0);
			CHECK_NEAR(dz, num, 1e-3);
			/* against the textbook form where it does not overflow */
			if (fabsf(zs[t]) < 10) {
				double p = 1 / (1 + exp(-zs[t]));
				CHECK_NEAR(l, -(y ? log(p) : log(1 - p)), 1e-6);
			}
		}
		float dd;
		double l = nn_bpr(zs[t], &dd);
		double num = (nn_bpr((float)(zs[t] + h), NULL) - nn_bpr((float)(zs[t] - h), NULL)) /
			     (2 * h);
		CHECK(isfinite(l) && l >= 0);
		CHECK_NEAR(dd, num, 1e-3);
		if (fabsf(zs[t]) < 10)
			CHECK_NEAR(l, -log(1 / (1 + exp(-zs[t]))), 1e-6);
	}
}

static void test_adam(void)
{
	nn_adam a;
	nn_adam_init(&a, 0.1f);
	float w = 1, g = 0.5f, m = 0, v = 0;
	nn_adam_tick(&a);
	nn_adam_step(&a, &w, &g, &m, &v, 1);
	/* the first bias-corrected step moves by lr * g / |g| */
	CHECK_NEAR(w, 1 - 0.1, 1e-5);
	CHECK_NEAR(m, 0.05, 1e-7);
	CHECK_NEAR(v, 0.00025, 1e-8);
}

/* The whole network: perturb parameters of every block and compare. */
static void test_net(ncf_kind kind, gsl_rng *g)
{
	enum { NU = 5, NI = 7, B = 12 };
	ncf_cfg c = { .factors = 3, .n_layers = 3, .layers = { 6, 4, 3 }, .neg = 1,
		      .lr = 0.01, .batch = 16, .epochs = 1, .seed = 1, .threads = 1 };
	if (kind == NCF_GMF)
		c.n_layers = 0;
	ncf_net *n = ncf_net_new(kind, &c, NU, NI, g, NULL);
	CHECK(n != NULL);
	if (!n)
		return;
	/* larger weights than the N(0, 0.01) start, so gradients are not tiny */
	size_t len;
	const float *grad;
	float *p;
	for (int b = 0; (p = ncf_net_param(n, b, &len, &grad)); b++)
		for (size_t j = 0; j < len; j++)
			p[j] = uni(g, 0.8f);
	ncf_example ex[B];
	for (int t = 0; t < B; t++)
		ex[t] = (ncf_example){ t % 4, (t * 3) % NI, -1, (float)(t % 3 == 0) };
	ncf_net_loss_grad(n, ex, B);
	int bad = 0, checked = 0, kinks = 0;
	for (int b = 0; (p = ncf_net_param(n, b, &len, &grad)); b++) {
		float *ana = malloc(len * sizeof *ana);
		memcpy(ana, grad, len * sizeof *ana);
		size_t d = b < 2 ? len / (b == 0 ? NU : NI) : len;
		/* embeddings: only rows the batch touched carry gradients */
		size_t lim = b == 0 ? 4 * d : b == 1 ? (size_t)NI * d : len;
		for (size_t j = 0; j < lim; j++) {
			const float h = 1e-3f, w = p[j];
			double l0 = ncf_net_loss_grad(n, ex, B);
			p[j] = w + h;
			double lp = ncf_net_loss_grad(n, ex, B);
			p[j] = w - h;
			double lm = ncf_net_loss_grad(n, ex, B);
			p[j] = w;
			double central = (lp - lm) / (2 * h);
			checked++;
			if (close_enough(central, ana[j]))
				continue;
			/* A ReLU sitting on its kink (input ~0) has no derivative
			 * there; backprop then gives one of the one-sided ones. */
			if (close_enough((lp - l0) / h, ana[j]) || close_enough((l0 - lm) / h, ana[j])) {
				kinks++;
				continue;
			}
			bad++;
			fprintf(stderr, "kind %d block %d param %zu: numeric %g, backprop %g\n",
				(int)kind, b, j, central, ana[j]);
		}
		free(ana);
	}
	CHECK(kinks * 5 < checked);
	CHECK(checked > 20);
	CHECK(bad == 0);
	/* the logit from the scoring path equals the training forward pass */
	ncf_net_refresh(n);
	ncf_example one = { 2, 5, -1, 1 };
	float dz_unused;
	double l1 = ncf_net_loss_grad(n, &one, 1);
	float z = ncf_net_score(n, 2, 5);
	CHECK_NEAR(l1, nn_bce_logit(z, 1, &dz_unused), 1e-5);
	float all[NI];
	ncf_net_score_items(n, 2, all);
	CHECK_NEAR(all[5], z, 1e-6);
	ncf_net_free(&n);
	CHECK(n == NULL);
}

/* Both kernel variants compute the same products (to rounding), on odd
 * shapes that exercise the 4 x 16 blocks and their edges. */
static void test_gemm(gsl_rng *g)
{
	enum { M = 7, K = 5, N = 27 };
	float A[M * K], AT[K * M], B[K * N], bias[N], C[M * N], C2[M * N];
	for (int i = 0; i < M * K; i++)
		A[i] = uni(g, 1);
	for (int r = 0; r < M; r++)
		for (int k = 0; k < K; k++)
			AT[k * M + r] = A[r * K + k];
	for (int i = 0; i < K * N; i++)
		B[i] = uni(g, 1);
	for (int j = 0; j < N; j++)
		bias[j] = uni(g, 1);
	for (int mode = NN_GEMM_ZERO; mode <= NN_GEMM_ACC; mode++) {
		for (int i = 0; i < M * N; i++)
			C[i] = C2[i] = (float)i / 10;
		nn_gemm(M, K, N, A, K, 1, B, bias, mode, C);
		nn_gemm(M, K, N, AT, 1, M, B, bias, mode, C2);
		int bad = 0;
		for (int r = 0; r < M; r++)
			for (int j = 0; j < N; j++) {
				double s = mode == NN_GEMM_BIAS ? bias[j] :
					   mode == NN_GEMM_ACC ? (double)(r * N + j) / 10 : 0;
				for (int k = 0; k < K; k++)
					s += (double)A[r * K + k] * B[k * N + j];
				bad += fabs(C[r * N + j] - s) > 1e-5 || fabs(C2[r * N + j] - s) > 1e-5;
			}
		CHECK(bad == 0);
	}
}

int main(void)
{
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(g, 42);
	int best = nn_kernels_select(NN_KERNEL_AUTO);
	for (int v = NN_KERNEL_SCALAR; v <= best; v++) {
		nn_kernels_select(v);
		printf("kernels: %s\n", nn_kernels_name());
		fflush(stdout);
		test_gemm(g);
		test_dense(NN_LINEAR, g);
		test_dense(NN_RELU, g);
		test_dense(NN_SIGMOID, g);
		test_net(NCF_GMF, g);
		test_net(NCF_MLP, g);
		test_net(NCF_NEUMF, g);
	}
	test_losses();
	test_adam();
	gsl_rng_free(g);
	return check_done();
}

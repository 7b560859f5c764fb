/* ncf_net_train.c: training the NCF network (ncf_net_impl.h): the forward
 * and backward pass of a chunk of examples, a batch's gradients summed in
 * chunk order, the dense and embedding steps (lazy Adam or SGD), and the
 * optimiser's buffers. Shape, scoring and files are ncf_net.c.
 *
 * Speed: a mini-batch is cut into chunks of NCF_CHUNK examples. Each chunk
 * has its own workspace and dense-gradient buffer, so chunks run on any
 * thread of a team made once per epoch (nn_team.h: tasks claimed one by
 * one, helpers sleeping between epochs); their gradients are then summed
 * in chunk order, and embedding gradients are scattered in example order
 * into rows split in NCF_ROW_PARTS fixed parts, so the weights depend on
 * the data and seed, never on the thread count.
 *
 * Embeddings are updated lazily: only the rows a batch touched move (as
 * TensorFlow's LazyAdam and PyTorch's SparseAdam do); updating every row
 * every batch would cost more than the whole forward pass. */
#include "engine/nn/ncf_net_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/nn/nn_team.h"

/* Embedding rows are stepped in this many parts (row % parts), whatever
 * the thread count. */
#define NCF_ROW_PARTS 4

/* Optimiser state and training buffers, allocated on the first batch so a
 * loaded model that only scores does not pay for them. */
int ncf_net_alloc_train(ncf_net *n)
{
	if (n->ws)
		return 0;
	int fail = 0;
	size_t ud = (size_t)n->n_users * n->d, id = (size_t)n->n_items * n->d;
	n->mU = ncf_xcalloc(ud, sizeof(float), &fail), n->vU = ncf_xcalloc(ud, sizeof(float), &fail);
	n->mI = ncf_xcalloc(id, sizeof(float), &fail), n->vI = ncf_xcalloc(id, sizeof(float), &fail);
	n->mD = ncf_xcalloc(n->n_dense, sizeof(float), &fail);
	n->vD = ncf_xcalloc(n->n_dense, sizeof(float), &fail);
	n->gD = ncf_xcalloc(n->n_dense, sizeof(float), &fail);
	n->gU = ncf_xcalloc(ud, sizeof(float), &fail), n->gI = ncf_xcalloc(id, sizeof(float), &fail);
	n->eU = ncf_xcalloc((size_t)n->batch * n->d, sizeof(float), &fail);
	n->eI = ncf_xcalloc((size_t)n->batch * n->d, sizeof(float), &fail);
	/* touched rows: one list per part */
	n->tu = ncf_xcalloc((size_t)n->batch * NCF_ROW_PARTS, sizeof(int32_t), &fail);
	n->ti = ncf_xcalloc((size_t)n->batch * NCF_ROW_PARTS, sizeof(int32_t), &fail);
	n->stampU = ncf_xcalloc((size_t)n->n_users, sizeof(uint32_t), &fail);
	n->stampI = ncf_xcalloc((size_t)n->n_items, sizeof(uint32_t), &fail);
	n->n_ws = (n->batch + NCF_CHUNK - 1) / NCF_CHUNK;
	n->ws = ncf_xcalloc((size_t)n->n_ws, sizeof *n->ws, &fail);
	for (int w = 0; !fail && w < n->n_ws; w++) {
		ncf_ws *s = &n->ws[w];
		for (int l = 0; l <= n->n_tower && n->e; l++) {
			int width = l == 0 ? 2 * n->e : n->tower[l - 1].out;
			s->act[l] = ncf_xcalloc((size_t)NCF_CHUNK * width, sizeof(float), &fail);
			s->dact[l] = ncf_xcalloc((size_t)NCF_CHUNK * width, sizeof(float), &fail);
		}
		s->f = ncf_xcalloc((size_t)NCF_CHUNK * n->fw, sizeof(float), &fail);
		s->df = ncf_xcalloc((size_t)NCF_CHUNK * n->fw, sizeof(float), &fail);
		s->g = ncf_xcalloc(n->n_dense, sizeof(float), &fail);
	}
	return fail ? -1 : 0;
}

/* Forward and backward for C examples of one chunk. eU and eI receive each
 * example's embedding gradients; the dense gradients go to s->g. */
static void chunk_pass(const ncf_net *n, ncf_ws *s, const ncf_example *ex, int C, float scale,
		       float *eU, float *eI)
{
	const int k = n->k, e = n->e, d = n->d, fw = n->fw;
	float *z0 = s->act[0];
	for (int c = 0; c < C; c++) {
		const float *ur = n->U + (size_t)ex[c].user * d;
		const float *ir = n->I + (size_t)ex[c].item * d;
		float *f = s->f + (size_t)c * fw;
#pragma omp simd
		for (int j = 0; j < k; j++)
			f[j] = ur[j] * ir[j];
		if (e) {
			memcpy(z0 + (size_t)c * 2 * e, ur + k, (size_t)e * sizeof *z0);
			memcpy(z0 + (size_t)c * 2 * e + e, ir + k, (size_t)e * sizeof *z0);
		}
	}
	for (int l = 0; l < n->n_tower; l++)
		nn_dense_forward(&n->tower[l], C, s->act[l], s->act[l + 1]);
	float *top = e ? s->act[n->n_tower] : NULL;
	float *gW = s->g + n->offW[n->n_tower], *gb = s->g + n->offB[n->n_tower];
	for (int c = 0; c < C; c++) {
		float *f = s->f + (size_t)c * fw, *df = s->df + (size_t)c * fw;
		if (top)
			memcpy(f + k, top + (size_t)c * n->last, (size_t)n->last * sizeof *f);
		float z = nn_dot(f, n->wout, fw) + n->bout, dz;
		s->loss += nn_bce_logit(z, ex[c].label, &dz);
		dz *= scale;
		nn_axpy(dz, f, gW, fw);
		*gb += dz;
#pragma omp simd
		for (int j = 0; j < fw; j++)
			df[j] = dz * n->wout[j];
		/* GMF: d(u*i)/du = i */
		const float *ur = n->U + (size_t)ex[c].user * d;
		const float *ir = n->I + (size_t)ex[c].item * d;
		float *gu = eU + (size_t)c * d, *gi = eI + (size_t)c * d;
#pragma omp simd
		for (int j = 0; j < k; j++) {
			gu[j] = df[j] * ir[j];
			gi[j] = df[j] * ur[j];
		}
		if (top)
			memcpy(s->dact[n->n_tower] + (size_t)c * n->last, df + k,
			       (size_t)n->last * sizeof *df);
	}
	for (int l = n->n_tower - 1; l >= 0; l--)
		nn_dense_backward(&n->tower[l], C, s->act[l], s->act[l + 1], s->dact[l + 1],
				  s->dact[l], s->g + n->offW[l], s->g + n->offB[l]);
	for (int c = 0; e && c < C; c++) {
		const float *dz0 = s->dact[0] + (size_t)c * 2 * e;
		memcpy(eU + (size_t)c * d + k, dz0, (size_t)e * sizeof *dz0);
		memcpy(eI + (size_t)c * d + k, dz0 + e, (size_t)e * sizeof *dz0);
	}
}

/* Gradients of one batch into gD, gU and gI (touched rows listed in tu, ti).
 * Returns the summed loss. */
static double batch_grad(ncf_net *n, const ncf_example *ex, int B)
{
	int nch = (B + NCF_CHUNK - 1) / NCF_CHUNK;
	float scale = 1.0f / (float)B;
	for (int l = 0; l < n->n_tower; l++)
		nn_dense_transpose(&n->tower[l]);
#pragma omp parallel for num_threads(n->threads) schedule(static) if (n->threads > 1)
	for (int c = 0; c < nch; c++) {
		ncf_ws *s = &n->ws[c];
		int lo = c * NCF_CHUNK, C = B - lo < NCF_CHUNK ? B - lo : NCF_CHUNK;
		memset(s->g, 0, n->n_dense * sizeof *s->g);
		s->loss = 0;
		chunk_pass(n, s, ex + lo, C, scale, n->eU + (size_t)lo * n->d,
			   n->eI + (size_t)lo * n->d);
	}
	double loss = 0;
	memset(n->gD, 0, n->n_dense * sizeof *n->gD);
	for (int c = 0; c < nch; c++) {
		nn_axpy(1.0f, n->ws[c].g, n->gD, (int)n->n_dense);
		loss += n->ws[c].loss;
	}
	const int d = n->d;
	if (++n->stamp == 0) { /* wrapped: old stamps could collide */
		memset(n->stampU, 0, (size_t)n->n_users * sizeof *n->stampU);
		memset(n->stampI, 0, (size_t)n->n_items * sizeof *n->stampI);
		n->stamp = 1;
	}
	n->ntu = n->nti = 0;
	for (int b = 0; b < B; b++) {
		int u = ex[b].user, i = ex[b].item;
		if (n->stampU[u] != n->stamp) {
			n->stampU[u] = n->stamp;
			n->tu[n->ntu++] = u;
			memset(n->gU + (size_t)u * d, 0, (size_t)d * sizeof *n->gU);
		}
		if (n->stampI[i] != n->stamp) {
			n->stampI[i] = n->stamp;
			n->ti[n->nti++] = i;
			memset(n->gI + (size_t)i * d, 0, (size_t)d * sizeof *n->gI);
		}
		nn_axpy(1.0f, n->eU + (size_t)b * d, n->gU + (size_t)u * d, d);
		nn_axpy(1.0f, n->eI + (size_t)b * d, n->gI + (size_t)i * d, d);
	}
	return loss;
}

/* The dense layers' step from the summed gradients gD. */
static void dense_step(ncf_net *n)
{
	for (int l = 0; l <= n->n_tower; l++) {
		float *W = l < n->n_tower ? n->tower[l].W : n->wout;
		float *b = l < n->n_tower ? n->tower[l].b : &n->bout;
		size_t nw = n->offB[l] - n->offW[l];
		size_t nb = l < n->n_tower ? (size_t)n->tower[l].out : 1;
		if (n->sgd) {
			nn_sgd_step(n->lr, W, n->gD + n->offW[l], nw);
			nn_sgd_step(n->lr, b, n->gD + n->offB[l], nb);
		} else {
			nn_adam_step(&n->adam, W, n->gD + n->offW[l], n->mD + n->offW[l],
				     n->vD + n->offW[l], nw);
			nn_adam_step(&n->adam, b, n->gD + n->offB[l], n->mD + n->offB[l],
				     n->vD + n->offB[l], nb);
		}
	}
}

/* The embedding rows of part t of nt (row % nt == t) in one table: sum
 * their per-example gradients in example order, then step them. Each row
 * is summed in the same order whatever the split, so the weights do not
 * depend on which thread runs which part. */
static void rows_step(ncf_net *n, const ncf_example *ex, int B, int items, int t, int nt)
{
	const int d = n->d;
	float *W = items ? n->I : n->U, *G = items ? n->gI : n->gU;
	float *M = items ? n->mI : n->mU, *V = items ? n->vI : n->vU;
	const float *E = items ? n->eI : n->eU;
	uint32_t *stamp = items ? n->stampI : n->stampU;
	int32_t *rows = (items ? n->ti : n->tu) + (size_t)t * n->batch;
	int nrows = 0;
	for (int b = 0; b < B; b++) {
		int r = items ? ex[b].item : ex[b].user;
		if (r % nt != t)
			continue;
		float *g = G + (size_t)r * d;
		if (stamp[r] != n->stamp) {
			stamp[r] = n->stamp;
			rows[nrows++] = r;
			memset(g, 0, (size_t)d * sizeof *g);
		}
		nn_axpy(1.0f, E + (size_t)b * d, g, d);
	}
	for (int j = 0; j < nrows; j++) {
		size_t o = (size_t)rows[j] * d;
		if (n->reg > 0)
			nn_axpy(n->reg, W + o, G + o, d);
		if (n->sgd)
			nn_sgd_step(n->lr, W + o, G + o, (size_t)d);
		else
			nn_adam_step(&n->adam, W + o, G + o, M + o, V + o, (size_t)d);
	}
}

/* One batch as two team steps: the chunks' forward and backward passes;
 * then one task sums the dense gradients in chunk order and steps the dense
 * layers while the others step the embedding rows, part by part. */
typedef struct batch_job {
	ncf_net *n;
	const ncf_example *ex;
	int B, nch;
	float scale;
	double loss;
} batch_job;

static void chunk_task(void *ctx, int c)
{
	batch_job *j = ctx;
	ncf_net *n = j->n;
	ncf_ws *s = &n->ws[c];
	int lo = c * NCF_CHUNK, C = j->B - lo < NCF_CHUNK ? j->B - lo : NCF_CHUNK;
	memset(s->g, 0, n->n_dense * sizeof *s->g);
	s->loss = 0;
	chunk_pass(n, s, j->ex + lo, C, j->scale, n->eU + (size_t)lo * n->d,
		   n->eI + (size_t)lo * n->d);
}

static void step_task(void *ctx, int task)
{
	batch_job *j = ctx;
	ncf_net *n = j->n;
	if (task == 0) {
		memset(n->gD, 0, n->n_dense * sizeof *n->gD);
		for (int c = 0; c < j->nch; c++) {
			nn_axpy(1.0f, n->ws[c].g, n->gD, (int)n->n_dense);
			j->loss += n->ws[c].loss;
		}
		dense_step(n);
		return;
	}
	task--;
	rows_step(n, j->ex, j->B, task / NCF_ROW_PARTS, task % NCF_ROW_PARTS, NCF_ROW_PARTS);
}

static double batch_train(ncf_net *n, nn_team *team, const ncf_example *ex, int B)
{
	batch_job j = { n, ex, B, (B + NCF_CHUNK - 1) / NCF_CHUNK, 1.0f / (float)B, 0 };
	for (int l = 0; l < n->n_tower; l++)
		nn_dense_transpose(&n->tower[l]);
	if (!n->sgd)
		nn_adam_tick(&n->adam);
	if (++n->stamp == 0) { /* wrapped: old stamps could collide */
		memset(n->stampU, 0, (size_t)n->n_users * sizeof *n->stampU);
		memset(n->stampI, 0, (size_t)n->n_items * sizeof *n->stampI);
		n->stamp = 1;
	}
	nn_team_run(team, j.nch, chunk_task, &j);
	nn_team_run(team, 1 + 2 * NCF_ROW_PARTS, step_task, &j);
	return j.loss;
}

int ncf_net_train(ncf_net *n, const ncf_example *ex, size_t n_ex, double *mean_loss,
		  ll_error *err)
{
	if (ncf_net_alloc_train(n) < 0)
		return ll_fail(err, "out of memory for training buffers");
	nn_team *team = nn_team_new(n->threads); /* NULL: the caller alone */
	double loss = 0;
	for (size_t s = 0; s < n_ex; s += (size_t)n->batch) {
		int B = n_ex - s < (size_t)n->batch ? (int)(n_ex - s) : n->batch;
		loss += batch_train(n, team, ex + s, B);
	}
	nn_team_free(&team);
	ncf_net_refresh(n);
	*mean_loss = n_ex ? loss / (double)n_ex : 0;
	return 0;
}

double ncf_net_loss_grad(ncf_net *n, const ncf_example *ex, int B)
{
	if (B > n->batch || ncf_net_alloc_train(n) < 0)
		return NAN;
	return batch_grad(n, ex, B) / B;
}

float *ncf_net_param(ncf_net *n, int i, size_t *len, const float **grad)
{
	if (i == 0) {
		*len = (size_t)n->n_users * n->d;
		*grad = n->gU;
		return n->U;
	}
	if (i == 1) {
		*len = (size_t)n->n_items * n->d;
		*grad = n->gI;
		return n->I;
	}
	int l = (i - 2) / 2;
	if (l > n->n_tower)
		return NULL;
	int bias = (i - 2) % 2;
	*grad = n->gD + (bias ? n->offB[l] : n->offW[l]);
	*len = bias ? (l < n->n_tower ? (size_t)n->tower[l].out : 1) : n->offB[l] - n->offW[l];
	if (l == n->n_tower)
		return bias ? &n->bout : n->wout;
	return bias ? n->tower[l].b : n->tower[l].W;
}

void ncf_net_set_training(ncf_net *n, const ncf_cfg *c)
{
	n->sgd = c->sgd;
	n->lr = (float)c->lr, n->reg = (float)c->reg;
	nn_adam_init(&n->adam, n->lr);
	if (n->batch != c->batch || n->threads != c->threads) {
		/* buffers are sized by the batch: drop them, they are remade */
		free(n->eU), free(n->eI), free(n->tu), free(n->ti);
		n->eU = n->eI = NULL, n->tu = n->ti = NULL;
		free(n->mU), free(n->vU), free(n->mI), free(n->vI), free(n->mD), free(n->vD);
		n->mU = n->vU = n->mI = n->vI = n->mD = n->vD = NULL;
		free(n->gD), free(n->gU), free(n->gI), free(n->stampU), free(n->stampI);
		n->gD = n->gU = n->gI = NULL, n->stampU = n->stampI = NULL;
		ncf_ws_release(n);
		n->batch = c->batch, n->threads = c->threads;
	}
}

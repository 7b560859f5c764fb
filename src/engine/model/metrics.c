/* metrics.c: rating and ranking metrics (see metrics.h). */
#include "engine/model/metrics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double metrics_rmse(const double *pred, const float *truth, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++) {
		double d = pred[i] - truth[i];
		s += d * d;
	}
	return n ? sqrt(s / (double)n) : 0;
}

double metrics_mae(const double *pred, const float *truth, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += fabs(pred[i] - truth[i]);
	return n ? s / (double)n : 0;
}

/* NaN sorts below everything, so a model that cannot score an item never
 * pushes the held-out item down. */
static float key(float x) { return isnan(x) ? -INFINITY : x; }

int metrics_rank(float target, const float *competitors, size_t n)
{
	float t = key(target);
	int rank = 0;
	for (size_t i = 0; i < n; i++)
		rank += key(competitors[i]) >= t;
	return rank;
}

double metrics_hit(int rank, int k) { return rank < k ? 1.0 : 0.0; }

double metrics_ndcg(int rank, int k)
{
	return rank < k ? 1.0 / log2((double)rank + 2.0) : 0.0;
}

/* a ranks before b: higher score, then lower index. */
static int better(const float *s, int a, int b)
{
	float x = key(s[a]), y = key(s[b]);
	return x > y || (x == y && a < b);
}

/* A min-heap of size k on "better" keeps the k best in O(n log k). */
static void sift_down(int *h, int n, int i, const float *s)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, w = i;
		if (l < n && better(s, h[w], h[l]))
			w = l;
		if (r < n && better(s, h[w], h[r]))
			w = r;
		if (w == i)
			return;
		int t = h[i];
		h[i] = h[w], h[w] = t;
		i = w;
	}
}

int metrics_top_k(const float *scores, int n, const unsigned char *skip, int k, int *top)
{
	if (k <= 0)
		return 0;
	int m = 0;
	for (int i = 0; i < n; i++) {
		if (skip && skip[i])
			continue;
		if (m < k) {
			/* Sift up: the worst stays at the root. */
			int c = m++;
			top[c] = i;
			while (c > 0) {
				int p = (c - 1) / 2;
				if (!better(scores, top[p], top[c]))
					break;
				int t = top[p];
				top[p] = top[c], top[c] = t;
				c = p;
			}
		} else if (better(scores, i, top[0])) {
			top[0] = i;
			sift_down(top, m, 0, scores);
		}
	}
	/* Pop the worst to the back: best first. */
	for (int end = m - 1; end > 0; end--) {
		int t = top[0];
		top[0] = top[end], top[end] = t;
		sift_down(top, end, 0, scores);
	}
	return m;
}

double metrics_precision(const int *top, int n_top, int k, const unsigned char *relevant)
{
	int hits = 0;
	for (int i = 0; i < n_top; i++)
		hits += relevant[top[i]] != 0;
	return k > 0 ? (double)hits / k : 0;
}

double metrics_recall(const int *top, int n_top, const unsigned char *relevant, int n_relevant)
{
	int hits = 0;
	for (int i = 0; i < n_top; i++)
		hits += relevant[top[i]] != 0;
	return n_relevant > 0 ? (double)hits / n_relevant : 0;
}

/* RMSE and MAE compare predicted ratings with held-out ratings; implicit
 * feedback (ratings.h) holds none. */
static int refuse_implicit(const ratings *test, ll_error *err)
{
	return ll_fail(err, "RMSE and MAE need ratings, but the data (%s) is implicit feedback "
		       "(user,item pairs, each 1): measure the ranking instead (HR@K, NDCG@K)",
		       ratings_source(test));
}

int metrics_rating(const model *m, const ratings *test, double *rmse, double *mae, ll_error *err)
{
	size_t n = ratings_count(test);
	if (!n)
		return ll_fail(err, "the test part is empty");
	if (ratings_implicit(test))
		return refuse_implicit(test, err);
	const ll_rating *e = ratings_entries(test);
	double s2 = 0, s1 = 0;
	for (size_t i = 0; i < n; i++) {
		double d = model_predict_clipped(m, e[i].user, e[i].item) - e[i].value;
		s2 += d * d;
		s1 += fabs(d);
	}
	if (rmse)
		*rmse = sqrt(s2 / (double)n);
	if (mae)
		*mae = s1 / (double)n;
	return 0;
}

int metrics_rating_cold(const model *m, const ratings *train, const ratings *test, int by_item,
			long max_train, double *rmse, double *mae, size_t *n, ll_error *err)
{
	size_t nt = ratings_count(test), used = 0;
	if (!nt)
		return ll_fail(err, "the test part is empty");
	if (ratings_implicit(test))
		return refuse_implicit(test, err);
	if (max_train < 0)
		return ll_fail(err, "the most training ratings must be 0 or more, not %ld", max_train);
	int side = by_item ? ratings_n_items(train) : ratings_n_users(train);
	const ll_rating *e = ratings_entries(test);
	double s2 = 0, s1 = 0;
	for (size_t i = 0; i < nt; i++) {
		int x = by_item ? e[i].item : e[i].user;
		const uint32_t *pos;
		/* one the train store does not know has no training ratings */
		size_t had = x < side ? (by_item ? ratings_item_entries(train, x, &pos)
						 : ratings_user_entries(train, x, &pos))
				      : 0;
		if (had > (size_t)max_train)
			continue;
		double d = model_predict_clipped(m, e[i].user, e[i].item) - e[i].value;
		s2 += d * d;
		s1 += fabs(d);
		used++;
	}
	if (n)
		*n = used;
	if (rmse)
		*rmse = used ? sqrt(s2 / (double)used) : NAN;
	if (mae)
		*mae = used ? s1 / (double)used : NAN;
	return 0;
}

static void ranking_init(metrics_ranking *o, int k)
{
	*o = (metrics_ranking){ .k = k };
	o->hr = o->ndcg = o->hr_full = o->ndcg_full = NAN;
	o->precision = o->recall = o->coverage = NAN;
}

/* Scratch shared by both ranking walks. */
typedef struct scratch {
	int ni;
	float *scores, *buf;
	unsigned char *skip, *rel, *covered;
	int *top;
} scratch;

static void scratch_free(scratch *w)
{
	free(w->scores), free(w->buf), free(w->skip), free(w->rel), free(w->covered), free(w->top);
}

static int scratch_init(scratch *w, int ni, int k, ll_error *err)
{
	size_t n = (size_t)ni + 1;
	*w = (scratch){ .ni = ni };
	w->scores = malloc(n * sizeof *w->scores);
	w->buf = malloc(n * sizeof *w->buf);
	w->skip = calloc(n, 1);
	w->rel = calloc(n, 1);
	w->covered = calloc(n, 1);
	w->top = malloc(((size_t)k + 1) * sizeof *w->top);
	if (!w->scores || !w->buf || !w->skip || !w->rel || !w->covered || !w->top) {
		scratch_free(w);
		return ll_fail(err, "out of memory for ranking %d items", ni);
	}
	return 0;
}

/* Mark (or unmark) the items a user rated in a store. */
static void mark_user(unsigned char *flags, const ratings *r, int u, unsigned char v)
{
	const ll_rating *e = ratings_entries(r);
	const uint32_t *pos;
	size_t n = ratings_user_entries(r, u, &pos);
	for (size_t j = 0; j < n; j++)
		flags[e[pos[j]].item] = v;
}

/* Rank of item `target` among every unskipped item but itself. */
static int rank_full(const scratch *w, int target)
{
	float t = key(w->scores[target]);
	int rank = 0;
	for (int i = 0; i < w->ni; i++)
		if (i != target && !w->skip[i])
			rank += key(w->scores[i]) >= t;
	return rank;
}

static double coverage_of(const scratch *w)
{
	int c = 0;
	for (int i = 0; i < w->ni; i++)
		c += w->covered[i];
	return w->ni ? (double)c / w->ni : 0;
}

/* Top K for one user (w->skip already set), folded into precision/recall/coverage. */
static void topk_user(scratch *w, int k, int n_rel, double *sp, double *sr)
{
	int nt = metrics_top_k(w->scores, w->ni, w->skip, k, w->top);
	for (int j = 0; j < nt; j++)
		w->covered[w->top[j]] = 1;
	*sp += metrics_precision(w->top, nt, k, w->rel);
	*sr += metrics_recall(w->top, nt, w->rel, n_rel);
}

int metrics_loo(const model *m, const ratings *train, const ratings *test,
		const int32_t *negatives, int n_neg, int k, int full,
		metrics_ranking *out, ll_error *err)
{
	ranking_init(out, k);
	if (k < 1)
		return ll_fail(err, "the cutoff K must be at least 1 (got %d)", k);
	int nu = ratings_n_users(test), ni = ratings_n_items(test);
	if (model_n_items(m) != ni || model_n_users(m) != nu)
		return ll_fail(err, "the model was trained on %d users x %d items, the test part has %d x %d",
			       model_n_users(m), model_n_items(m), nu, ni);
	scratch w;
	if (scratch_init(&w, ni, k, err) < 0)
		return -1;
	const ll_rating *e = ratings_entries(test);
	double sh = 0, sn = 0, sfh = 0, sfn = 0, sp = 0, sr = 0;
	int ns = 0, nf = 0;
	for (int u = 0; u < nu; u++) {
		const uint32_t *pos;
		size_t nt = ratings_user_entries(test, u, &pos);
		if (nt == 0)
			continue;
		int target = e[pos[0]].item; /* leave-one-out: one test item */
		model_score_items(m, u, w.scores);
		if (negatives && n_neg > 0) {
			const int32_t *row = negatives + (size_t)u * (size_t)n_neg;
			int c = 0;
			for (int j = 0; j < n_neg; j++)
				if (row[j] >= 0 && row[j] < ni && row[j] != target)
					w.buf[c++] = w.scores[row[j]];
			int rank = metrics_rank(w.scores[target], w.buf, (size_t)c);
			sh += metrics_hit(rank, k);
			sn += metrics_ndcg(rank, k);
			ns++;
		}
		if (full) {
			mark_user(w.skip, train, u, 1);
			int rank = rank_full(&w, target);
			sfh += metrics_hit(rank, k);
			sfn += metrics_ndcg(rank, k);
			nf++;
			w.rel[target] = 1;
			topk_user(&w, k, 1, &sp, &sr);
			w.rel[target] = 0;
			mark_user(w.skip, train, u, 0);
		}
	}
	if (ns) {
		out->hr = sh / ns, out->ndcg = sn / ns;
		out->n_sampled = ns;
	}
	if (full && nf) {
		out->hr_full = sfh / nf, out->ndcg_full = sfn / nf;
		out->n_full = nf;
		out->precision = sp / nf, out->recall = sr / nf;
		out->n_topk = nf;
		out->coverage = coverage_of(&w);
	}
	scratch_free(&w);
	return 0;
}

int metrics_topk(const model *m, const ratings *train, const ratings *test,
		 int k, double threshold, metrics_ranking *out, ll_error *err)
{
	ranking_init(out, k);
	if (k < 1)
		return ll_fail(err, "the cutoff K must be at least 1 (got %d)", k);
	int nu = ratings_n_users(test), ni = ratings_n_items(test);
	if (model_n_items(m) != ni || model_n_users(m) != nu)
		return ll_fail(err, "the model was trained on %d users x %d items, the test part has %d x %d",
			       model_n_users(m), model_n_items(m), nu, ni);
	scratch w;
	if (scratch_init(&w, ni, k, err) < 0)
		return -1;
	const ll_rating *e = ratings_entries(test);
	/* In implicit data every held-out pair is something the user did. */
	int implicit = ratings_implicit(test);
	double sfh = 0, sfn = 0, sp = 0, sr = 0;
	long n_items_ranked = 0;
	int n_users = 0;
	for (int u = 0; u < nu; u++) {
		const uint32_t *pos;
		size_t nt = ratings_user_entries(test, u, &pos);
		int n_rel = 0;
		for (size_t j = 0; j < nt; j++)
			if (implicit || e[pos[j]].value >= threshold)
				w.rel[e[pos[j]].item] = 1, n_rel++;
		if (n_rel == 0)
			continue;
		model_score_items(m, u, w.scores);
		mark_user(w.skip, train, u, 1);
		/* Each relevant item is ranked against the unrated items that are
		 * not relevant, so relevant items do not push each other down. */
		for (size_t j = 0; j < nt; j++)
			if (w.rel[e[pos[j]].item])
				w.skip[e[pos[j]].item] = 1;
		for (size_t j = 0; j < nt; j++) {
			int it = e[pos[j]].item;
			if (!w.rel[it])
				continue;
			int rank = rank_full(&w, it);
			sfh += metrics_hit(rank, k);
			sfn += metrics_ndcg(rank, k);
			n_items_ranked++;
		}
		for (size_t j = 0; j < nt; j++)
			w.skip[e[pos[j]].item] = 0;
		mark_user(w.skip, train, u, 1);
		topk_user(&w, k, n_rel, &sp, &sr);
		n_users++;
		mark_user(w.skip, train, u, 0);
		for (size_t j = 0; j < nt; j++)
			w.rel[e[pos[j]].item] = 0;
	}
	if (n_users) {
		out->hr_full = sfh / (double)n_items_ranked;
		out->ndcg_full = sfn / (double)n_items_ranked;
		out->n_full = (int)n_items_ranked;
		out->precision = sp / n_users, out->recall = sr / n_users;
		out->n_topk = n_users;
		out->coverage = coverage_of(&w);
	}
	scratch_free(&w);
	return 0;
}

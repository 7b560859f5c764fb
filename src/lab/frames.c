/* frames.c: the 2D picture of a model's users and items, frame by frame as
 * it trains (lab_impl.h, frames.h). `plot embeddings` and `project` both
 * draw it; it lives in the lab proper so neither command group reaches into
 * the other. A frame is taken after every epoch (every `every`-th), or, for
 * ALS, after every half-sweep: the engine's sweep hook hands over the model
 * between the users' solve and the items', so the picture is the real
 * intermediate state, with the other side frozen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mf/mf.h"
#include "engine/vectors/project.h"
#include "engine/core/intl.h"
#include "lab/frames.h"
#include "lab/lab_impl.h"

/* The points drawn (the n most rated users and items) and the frames so
 * far. */
typedef struct frames {
	model *m;
	int k, cu, ci, np, made, cap;
	int *pu, *pi;
	float *tab;
	double *xy, expl[2];
	proj *pr;
	view *v;
	int rc;
	ll_error *err;
} frames;

static void frames_free(frames *f)
{
	proj_free(&f->pr);
	free(f->pu), free(f->pi), free(f->tab), free(f->xy);
	f->pu = f->pi = NULL, f->tab = NULL, f->xy = NULL;
}

static int frames_new(frames *f, lab *l, model *m, const char *name, const char *show, int n,
		      int cap, ll_error *err)
{
	memset(f, 0, sizeof *f);
	f->m = m, f->err = err, f->cap = cap, f->k = model_k(m);
	int k = f->k;
	if (k < 1)
		return ll_fail(err, "model '%s' (%s) has no latent vectors", name, model_algo(m));
	if (n < 1)
		return ll_fail(err, "n must be at least 1");
	int nu = model_n_users(m), ni = model_n_items(m);
	int want_u = strcmp(show, "items") != 0, want_i = strcmp(show, "users") != 0;
	f->pu = malloc(((size_t)nu + 1) * sizeof *f->pu);
	f->pi = malloc(((size_t)ni + 1) * sizeof *f->pi);
	if (!f->pu || !f->pi) {
		frames_free(f);
		return ll_fail(err, "out of memory");
	}
	f->cu = want_u ? lab_most_rated(l->data, SIDE_USER, nu, n, f->pu) : 0;
	f->ci = want_i ? lab_most_rated(l->data, SIDE_ITEM, ni, n, f->pi) : 0;
	if (f->cu < 0 || f->ci < 0) {
		frames_free(f);
		return ll_fail(err, "out of memory");
	}
	int np = f->np = f->cu + f->ci;
	f->v = view_scatter(NULL, np, cap);
	f->tab = malloc(((size_t)np * k + 1) * sizeof *f->tab);
	f->xy = malloc(((size_t)np * 2 + 1) * sizeof *f->xy);
	f->pr = proj_new();
	if (f->v)
		f->v->u.scatter.frame_labels = calloc((size_t)cap + 1, sizeof(char *));
	if (!f->v || !f->tab || !f->xy || !f->pr || !f->v->u.scatter.frame_labels) {
		view_free(&f->v);
		frames_free(f);
		return ll_fail(err, "out of memory");
	}
	for (int j = 0; j < np; j++) {
		int side = j < f->cu ? SIDE_USER : SIDE_ITEM, x = j < f->cu ? f->pu[j] : f->pi[j - f->cu];
		f->v->u.scatter.labels[j] = strdup(side == SIDE_USER ? ratings_user_name(l->data, x)
								     : ratings_item_title(l->data, x));
		f->v->u.scatter.side[j] = (unsigned char)side;
	}
	return 0;
}

/* One frame of the model as it is now, labelled. Up to two factors are
 * drawn as they are; more go through PCA, each frame turned onto the one
 * before so points do not jump. */
static int frames_take(frames *f, const char *label)
{
	if (f->made >= f->cap)
		return 0;
	int k = f->k, np = f->np, fr = f->made;
	const float *P = model_user_factors_const(f->m), *Q = model_item_factors_const(f->m);
	for (int j = 0; j < np; j++) {
		int side = j < f->cu ? SIDE_USER : SIDE_ITEM, x = j < f->cu ? f->pu[j] : f->pi[j - f->cu];
		const float *row = (side == SIDE_USER ? P : Q) + (size_t)x * k;
		memcpy(f->tab + (size_t)j * k, row, (size_t)k * sizeof *row);
		f->xy[2 * j] = row[0];
		f->xy[2 * j + 1] = k > 1 ? row[1] : 0;
	}
	if (k > 2 && proj_next(f->pr, f->tab, np, k, f->xy, f->expl, f->err) < 0)
		return -1;
	for (int j = 0; j < np; j++) {
		f->v->u.scatter.x[(size_t)fr * np + j] = f->xy[2 * j];
		f->v->u.scatter.y[(size_t)fr * np + j] = f->xy[2 * j + 1];
	}
	f->v->u.scatter.frame_labels[fr] = strdup(label);
	f->made++;
	return 0;
}

/* The view, its title and the last.* keys, once the frames are taken. */
static int frames_finish(frames *f, lab *l, const char *name, view **out)
{
	view *v = f->v;
	int k = f->k;
	v->u.scatter.frames = f->made; /* fewer when cancelled */
	const double *tr;
	int h = model_history(f->m, &tr, NULL);
	if (h > 0)
		lab_last_num(l, "loss", tr[h - 1]);
	lab_last_num(l, "explained", k > 2 ? f->expl[0] + f->expl[1] : 1.0);
	lab_last_num(l, "frames", f->made);
	char title[200];
	if (k == 1)
		snprintf(title, sizeof title, _("Latent factor of users and items (model %s, k=1)"), name);
	else if (k == 2)
		snprintf(title, sizeof title, _("Latent space (model %s, k=2)"), name);
	else
		/* Short enough for one row of the player's scene at 80 columns. */
		snprintf(title, sizeof title, _("Model %s (k=%d) by PCA: the axes keep %.0f%% and "
			 "%.0f%% of the spread"), name, k, 100 * f->expl[0], 100 * f->expl[1]);
	v->title = strdup(title);
	*out = v;
	lab_result(l, f->np);
	frames_free(f);
	return 0;
}

int lab_embedding_frames(lab *l, model *m, const char *name, const char *show, int n,
			 long epochs, long every, view **out, ll_error *err)
{
	if (epochs < 0 || epochs > 10000 || every < 1)
		return ll_fail(err, "epochs must be between 0 and 10000, every at least 1");
	if (epochs > 0 && !model_is_iterative(m))
		return ll_fail(err, "model '%s' (%s) is not trained epoch by epoch", name, model_algo(m));
	int cap = 1 + (int)(epochs / every) + (epochs % every ? 1 : 0);
	frames f;
	if (frames_new(&f, l, m, name, show, n, cap, err) < 0)
		return -1;
	/* Frame 0 is the model as it is; with epochs=N the model trains N more
	 * epochs (and keeps them), with a frame after every `every` epochs and
	 * after the last. */
	const ratings *train = lab_train_set(l);
	int rc = 0;
	for (long e = 0; f.made < cap; e++) {
		if (e > 0) {
			if (lab_cancelled(l) || (rc = model_fit_epoch(m, train, err)) != 0)
				break;
			if (e % every != 0 && e != epochs)
				continue;
		}
		char fl[48];
		snprintf(fl, sizeof fl, _("epoch %d"), model_epochs_done(m));
		if ((rc = frames_take(&f, fl)) < 0)
			break;
	}
	if (rc < 0) {
		view_free(&f.v);
		frames_free(&f);
		return -1;
	}
	return frames_finish(&f, l, name, out);
}

/* The sweep hook: a frame after each half, saying which side moved. */
static void on_half(void *ctx, const mf_sweep *s)
{
	frames *f = ctx;
	if (f->rc < 0)
		return;
	char fl[96];
	if (s->half == MF_SWEEP_USERS)
		snprintf(fl, sizeof fl, _("sweep %d: users solved, items frozen"), s->epoch);
	else
		snprintf(fl, sizeof fl, _("sweep %d: items solved, users frozen"), s->epoch);
	f->rc = frames_take(f, fl);
}

int lab_half_frames(lab *l, model *m, const char *name, const char *show, int n, long sweeps,
		    view **out, ll_error *err)
{
	if (sweeps < 1 || sweeps > 500)
		return ll_fail(err, "halves=yes: epochs (the sweeps to draw) must be between 1 and 500");
	mf_sweep_fn had = mf_get_sweep_trace(m, NULL);
	if (had)
		return ll_fail(err, "model '%s' already reports its half-sweeps elsewhere", name);
	int cap = 1 + 2 * (int)sweeps;
	frames f;
	if (frames_new(&f, l, m, name, show, n, cap, err) < 0)
		return -1;
	if (mf_set_sweep_trace(m, on_half, &f, err) < 0) {
		view_free(&f.v);
		frames_free(&f);
		return ll_fail(err, "model '%s' (%s) is not trained by half-sweeps (als and ials are)",
			       name, model_algo(m));
	}
	char fl[96];
	if (model_epochs_done(m) == 0)
		snprintf(fl, sizeof fl, "%s", _("before the first sweep"));
	else
		snprintf(fl, sizeof fl, _("after sweep %d"), model_epochs_done(m));
	int rc = frames_take(&f, fl);
	const ratings *train = lab_train_set(l);
	for (long e = 0; rc == 0 && f.rc == 0 && e < sweeps; e++) {
		if (lab_cancelled(l))
			break;
		rc = model_fit_epoch(m, train, err);
	}
	mf_set_sweep_trace(m, NULL, NULL, NULL);
	if (rc < 0 || f.rc < 0) {
		view_free(&f.v);
		frames_free(&f);
		return -1;
	}
	return frames_finish(&f, l, name, out);
}

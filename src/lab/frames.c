/* frames.c: the 2D picture of a model's users and items, frame by frame as
 * it trains (lab_impl.h). `plot embeddings` and `project` both draw it; it
 * lives in the lab proper so neither command group reaches into the other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/vectors/project.h"
#include "engine/core/intl.h"
#include "lab/lab_impl.h"

int lab_embedding_frames(lab *l, model *m, const char *name, const char *show, int n,
			 long epochs, long every, view **out, ll_error *err)
{
	int k = model_k(m);
	if (k < 1)
		return ll_fail(err, "model '%s' (%s) has no latent vectors", name, model_algo(m));
	if (n < 1)
		return ll_fail(err, "n must be at least 1");
	if (epochs < 0 || epochs > 10000 || every < 1)
		return ll_fail(err, "epochs must be between 0 and 10000, every at least 1");
	if (epochs > 0 && !model_is_iterative(m))
		return ll_fail(err, "model '%s' (%s) is not trained epoch by epoch", name, model_algo(m));
	int nu = model_n_users(m), ni = model_n_items(m);
	int want_u = strcmp(show, "items") != 0, want_i = strcmp(show, "users") != 0;
	int *pu = malloc(((size_t)nu + 1) * sizeof *pu), *pi = malloc(((size_t)ni + 1) * sizeof *pi);
	if (!pu || !pi) {
		free(pu), free(pi);
		return ll_fail(err, "out of memory");
	}
	int cu = want_u ? lab_most_rated(l->data, SIDE_USER, nu, n, pu) : 0;
	int ci = want_i ? lab_most_rated(l->data, SIDE_ITEM, ni, n, pi) : 0;
	if (cu < 0 || ci < 0) {
		free(pu), free(pi);
		return ll_fail(err, "out of memory");
	}
	int np = cu + ci;
	int frames = 1 + (int)(epochs / every) + (epochs % every ? 1 : 0);
	view *v = view_scatter(NULL, np, frames);
	float *tab = malloc(((size_t)np * k + 1) * sizeof *tab);
	double *xy = malloc(((size_t)np * 2 + 1) * sizeof *xy), expl[2] = { 0, 0 };
	proj *pr = proj_new();
	if (v)
		v->u.scatter.frame_labels = calloc((size_t)frames + 1, sizeof(char *));
	if (!v || !tab || !xy || !pr || !v->u.scatter.frame_labels) {
		view_free(&v);
		proj_free(&pr);
		free(pu), free(pi), free(tab), free(xy);
		return ll_fail(err, "out of memory");
	}
	for (int j = 0; j < np; j++) {
		int side = j < cu ? SIDE_USER : SIDE_ITEM, x = j < cu ? pu[j] : pi[j - cu];
		v->u.scatter.labels[j] = strdup(side == SIDE_USER ? ratings_user_name(l->data, x)
								  : ratings_item_title(l->data, x));
		v->u.scatter.side[j] = (unsigned char)side;
	}
	/* Frame 0 is the model as it is; with epochs=N the model trains N more
	 * epochs (and keeps them), with a frame after every `every` epochs and
	 * after the last. */
	const ratings *train = lab_train_set(l);
	int rc = 0, made = 0;
	for (long e = 0; made < frames; e++) {
		if (e > 0) {
			if (lab_cancelled(l) || (rc = model_fit_epoch(m, train, err)) != 0)
				break;
			if (e % every != 0 && e != epochs)
				continue;
		}
		int fr = made;
		const float *P = model_user_factors_const(m), *Q = model_item_factors_const(m);
		for (int j = 0; j < np; j++) {
			int side = j < cu ? SIDE_USER : SIDE_ITEM, x = j < cu ? pu[j] : pi[j - cu];
			const float *f = (side == SIDE_USER ? P : Q) + (size_t)x * k;
			memcpy(tab + (size_t)j * k, f, (size_t)k * sizeof *f);
			xy[2 * j] = f[0];
			xy[2 * j + 1] = k > 1 ? f[1] : 0;
		}
		/* Up to two factors are drawn as they are; more go through PCA,
		 * each frame turned onto the one before so points do not jump. */
		if (k > 2 && proj_next(pr, tab, np, k, xy, expl, err) < 0) {
			rc = -1;
			break;
		}
		for (int j = 0; j < np; j++) {
			v->u.scatter.x[(size_t)fr * np + j] = xy[2 * j];
			v->u.scatter.y[(size_t)fr * np + j] = xy[2 * j + 1];
		}
		char fl[48];
		snprintf(fl, sizeof fl, "epoch %d", model_epochs_done(m));
		v->u.scatter.frame_labels[fr] = strdup(fl);
		made++;
	}
	proj_free(&pr);
	free(pu), free(pi), free(tab), free(xy);
	if (rc < 0) {
		view_free(&v);
		return -1;
	}
	v->u.scatter.frames = made; /* fewer when cancelled */
	const double *tr;
	int h = model_history(m, &tr, NULL);
	if (h > 0)
		lab_last_num(l, "loss", tr[h - 1]);
	lab_last_num(l, "explained", k > 2 ? expl[0] + expl[1] : 1.0);
	lab_last_num(l, "frames", made);
	char title[200];
	if (k == 1)
		snprintf(title, sizeof title, _("Latent factor of users and items (model %s, k=1)"), name);
	else if (k == 2)
		snprintf(title, sizeof title, _("Latent space (model %s, k=2)"), name);
	else
		/* Short enough for one row of the player's scene at 80 columns. */
		snprintf(title, sizeof title, _("Model %s (k=%d) by PCA: the axes keep %.0f%% and "
			 "%.0f%% of the spread"), name, k, 100 * expl[0], 100 * expl[1]);
	v->title = strdup(title);
	*out = v;
	lab_result(l, np);
	return 0;
}

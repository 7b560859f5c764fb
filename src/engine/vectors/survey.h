/* survey.h: which movies to ask a newcomer to rate (the onboarding survey).
 *
 * A newcomer's vector is folded in by ridge regression over the movies they
 * rate, item vectors fixed (mf_foldin.h): p = A^-1 Q_I^T r with
 * A = lambda I + sum of q q^T over the rated movies. Whatever the ratings
 * turn out to be, the uncertainty left about p is proportional to A^-1, an
 * ellipsoid. Asking movie q shrinks its volume by the factor
 * 1 / (1 + q^T A^-1 q) (the matrix determinant lemma), so the most
 * informative next question is the movie with the largest q^T A^-1 q: the
 * one whose vector points where the newcomer is least known. Picking
 * greedily, one question at a time, is the classic D-optimal design (and
 * what active-learning onboarding does); it depends only on which movies
 * were rated, never on the values, so the order of questions is fixed by
 * the model alone and replays exactly. */
#ifndef LL_SURVEY_H
#define LL_SURVEY_H

#include "engine/core/err.h"

typedef struct survey_pick {
	int item;       /* an index of the candidates' table */
	double gain;    /* q^T A^-1 q when it was picked */
	double shrink;  /* 1 - 1/(1 + gain): the share of the volume it removes */
} survey_pick;

/* q: the item factors (n_items x k, row-major). Candidates are cand[0..n_cand-1]
 * (the popular movies); rated[0..n_rated-1] are already in A (their answers
 * are in), and excluded candidates (skipped: "not seen") are never asked.
 * lambda > 0 is the prior (the fold-in's regularization; survey_prior gives
 * a scale-free default). Fills out[0..n-1] in asking order and returns how
 * many were picked (fewer when the candidates run out), or -1 with a message.
 * Ties go to the earlier candidate, so the picks are deterministic. */
int survey_next(const float *q, int n_items, int k, const int *cand, int n_cand,
		const int *rated, int n_rated, const unsigned char *excluded, double lambda,
		int n, survey_pick *out, ll_error *err);

/* The mean squared length of the candidates' vectors: a prior worth one
 * typical movie's rating, whatever the model's scale (0 when all are zero). */
double survey_prior(const float *q, int n_items, int k, const int *cand, int n_cand);

#endif

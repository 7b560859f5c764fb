/* synth.h: synthetic ratings with a planted latent structure.
 *
 * Users and items get k hidden factors; an item's genres come from its
 * dominant factors; a rating is a clipped, noisy, integer function of the
 * dot product plus biases. Item popularity is Zipf-like and user activity
 * heavy-tailed, as in MovieLens; the mean rating is near 3.5. Pairs are
 * sampled without a dense matrix, so any size up to tens of millions of
 * ratings fits in memory proportional to the ratings. The same options and
 * seed give the same store. Users are named "u1".., items "S1".. with titles
 * "Synthetic movie 1"..; the source says "synthetic (seed N, ...)". */
#ifndef LL_SYNTH_H
#define LL_SYNTH_H

#include "engine/core/err.h"
#include "engine/data/ratings.h"

typedef struct synth_opts {
	int users, items;
	long ratings;
	int k;          /* planted factors */
	int genres;     /* genre names, at most RATINGS_MAX_GENRES */
	double noise;   /* standard deviation of the rating noise, in stars */
	unsigned long seed;
} synth_opts;

/* The largest shape synth_generate makes (a bigger one is refused with the
 * memory it would take). */
#define SYNTH_MAX_SIDE 1000000
#define SYNTH_MAX_RATINGS 10000000L

void synth_defaults(synth_opts *o);  /* a MovieLens-100k-like shape */
ratings *synth_generate(const synth_opts *o, ll_error *err);

/* The planted taste of user u for item i (dot product of the hidden factors
 * plus biases, before noise and clipping), for tests and lessons that compare
 * what a model learns with the truth. Recomputed from the options. */
typedef struct synth_truth synth_truth;
synth_truth *synth_truth_new(const synth_opts *o, ll_error *err);
double synth_truth_score(const synth_truth *t, int user, int item);
void synth_truth_free(synth_truth **t);

/* Parse "users=..,items=..,ratings=..,k=..,genres=..,noise=..,seed=.." (commas
 * or spaces) over the current values of o. Returns 0 or -1 with a message. */
int synth_parse(synth_opts *o, const char *spec, ll_error *err);

#endif

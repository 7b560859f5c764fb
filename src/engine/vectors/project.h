/* project.h: 2D pictures of factor tables (PCA), steady across frames.
 *
 * PCA through GSL's SVD of the centred table: the two directions of most
 * variance, in order. A sign convention makes re-runs agree: each axis is
 * flipped so that the point farthest from the centre along it is on the
 * positive side (this also holds when the factors themselves come out
 * rotated or permuted, as they do between trainings). For an animation over
 * epochs, proj_next() rotates or reflects each new frame onto the previous
 * one (orthogonal Procrustes), so points do not flip or spin between frames. */
#ifndef LL_PROJECT_H
#define LL_PROJECT_H

#include "engine/core/err.h"

/* One projection: n rows of x (n x k, row-major) into xy (n x 2). explained,
 * if not NULL, gets each axis's share of the variance. k = 1 gives y = 0. */
int proj_pca2(const float *x, int n, int k, double *xy, double *explained, ll_error *err);

/* The same, and m extra rows (m x k) placed on the axes the n rows chose,
 * without moving them (a newcomer on a map of the model's users and items):
 * xy_extra gets m x 2. */
int proj_pca2_extra(const float *x, int n, int k, const float *extra, int m, double *xy,
		    double *xy_extra, double *explained, ll_error *err);

/* Successive projections of the same n points. */
typedef struct proj proj;
proj *proj_new(void);
void proj_free(proj **p);
/* The next frame: PCA, then aligned to the previous frame (if any, with the
 * same n). */
int proj_next(proj *p, const float *x, int n, int k, double *xy, double *explained, ll_error *err);
/* The best rotation or reflection R (2 x 2, row-major) taking a onto b
 * (n x 2 each): minimises |a R - b|. */
int proj_procrustes(const double *a, const double *b, int n, double *R, ll_error *err);

#endif

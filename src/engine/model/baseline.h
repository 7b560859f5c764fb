/* baseline.h: user and item biases fitted by alternating least squares.
 *
 * The `baseline` model (BaselineOnly), the KNN similarities on top of a
 * baseline and the truncated SVD's centring all use these biases:
 * r_ui ~ mu + b_u + b_i, each sweep solving the items' biases given the
 * users', then the users' given the items' (Surprise's baseline_als order,
 * in double precision, so the figures match it). */
#ifndef LL_BASELINE_H
#define LL_BASELINE_H

#include "engine/data/ratings.h"

/* One sweep: b_i = sum(r - mu - b_u) / (reg_i + |U_i|) for every item, then
 * b_u = sum(r - mu - b_i) / (reg_u + |I_u|) for every user. */
void baseline_als_sweep(const ratings *r, double mu, double reg_u, double reg_i,
			double *bu, double *bi);

/* Zero the biases and run `epochs` sweeps; returns mu, the mean rating.
 * bu and bi hold n_users and n_items doubles. */
double baseline_als(const ratings *r, int epochs, double reg_u, double reg_i,
		    double *bu, double *bi);

#endif

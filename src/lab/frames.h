/* frames.h: frames of the 2D picture beyond lab_impl.h's epoch by epoch
 * (frames.c). */
#ifndef LL_FRAMES_H
#define LL_FRAMES_H

#include "lab/lab_impl.h"

/* The picture of lab_embedding_frames, for a model trained by half-sweeps
 * (als, ials): frame 0 as the model is, then `sweeps` more sweeps with a
 * frame after each half (the users solved with the movies frozen, then the
 * reverse), each labelled with its sweep and the side that moved. Sets the
 * same last.* keys. */
int lab_half_frames(lab *l, model *m, const char *name, const char *show, int n, long sweeps,
		    view **out, ll_error *err);

#endif

/* wide_deep_impl.h: Wide & Deep's insides, shared by its files:
 * wide_deep.c (set-up, prediction, the model), wide_deep_features.c (what
 * the model sees of a user and an item), wide_deep_train.c (loss, gradient,
 * Adam, the epoch) and wide_deep_file.c (model files). Nothing else includes
 * it: the rest of the engine uses wide_deep.h. */
#ifndef LL_WIDE_DEEP_IMPL_H
#define LL_WIDE_DEEP_IMPL_H

#include <stdio.h>

#include "engine/core/strmap.h"
#include "engine/model/model_impl.h"
#include "engine/nn/ncf_common.h"
#include "engine/nn/wide_deep.h"

#define WD_MAX_LAYERS 6
#define WD_MAX_WIDTH 1024
#define WD_MAX_FACTORS 128
#define WD_MAX_FIELDS 7
#define WD_N_YEARS 12
#define WD_N_AGES 8
#define WD_N_GENDERS 3
#define WD_MAX_OCC 64
#define WD_MAX_WIDE (6 + 5 * RATINGS_MAX_GENRES)

/* Training's units of work (wide_deep_train.c), fixed whatever the thread
 * count: examples per task of the forward and backward pass; parts the
 * wide weights and the embedding rows are summed and stepped in (index %
 * parts); rows of a dense layer's weights per task (a multiple of 8, the
 * width of Adam's AVX2 kernel, so every slice is stepped as the whole
 * layer would be). */
#define WD_CHUNK 32
#define WD_PARTS 4
#define WD_SLICE 8

typedef struct wd_model {
	struct model base;
	int implicit;
	/* options */
	int d, n_layers, layers[WD_MAX_LAYERS];
	double lr, reg;
	int batch, neg, use_wide, use_deep, want_demo;
	int threads;                 /* the team's size: no effect on the weights */
	unsigned long seed;
	gsl_rng *rng;
	/* features, from the training store (from here on, wd_release clears) */
	int G, O, demo, ready;
	double mu;
	uint32_t *genres;            /* per item */
	uint8_t *year;               /* per item */
	uint8_t *age, *gender, *occ; /* per user */
	strmap *occ_names;
	/* wide weights: w0, then blocks at these offsets */
	size_t o_user, o_item, o_genre, o_ug, o_year, o_ag, o_sg, o_og, n_wide;
	float *w, *gw, *mw, *vw;
	/* embeddings: one table, fields' rows at these offsets */
	int n_fields;
	size_t r_user, r_item, r_genre, r_year, r_age, r_gender, r_occ, n_rows;
	float *E, *gE, *mE, *vE;
	/* tower: hidden layers then the output layer (out 1, linear) */
	int n_tower;
	nn_dense tower[WD_MAX_LAYERS + 1];
	float *gW[WD_MAX_LAYERS + 1], *gb[WD_MAX_LAYERS + 1];
	float *mW[WD_MAX_LAYERS + 1], *vW[WD_MAX_LAYERS + 1];
	float *mb[WD_MAX_LAYERS + 1], *vb[WD_MAX_LAYERS + 1];
	nn_adam adam;
	/* a batch's workspace (cap_B examples) */
	int cap_B;
	float *act[WD_MAX_LAYERS + 2], *dact[WD_MAX_LAYERS + 2];
	float *dscore;
	double *pred;                /* predictions, for the train RMSE */
	double *wide_out;            /* each example's wide sum */
	/* what each example uses, listed by the first step for the second:
	 * chunk c's lists start at c * WD_CHUNK * wd_max_wide (wd_max_rows) */
	int32_t *widx;               /* wide weights, w0 first per example */
	float *wval;                 /* and their gradients */
	int *n_feat;                 /* per example */
	struct wd_use {              /* embedding rows */
		int32_t row, at;     /* the row, the offset of its dX */
		float scale;         /* its share of the field */
	} *ruse;
	int *chunk_nw, *chunk_nr;    /* per chunk, the lists' lengths */
	double *chunk_loss;
	int32_t *bu, *bi;
	float *by;
	/* touched wide weights and rows: part p's list at p * cap_tw (cap_te),
	 * ntw[p] (nte[p]) long */
	int32_t *tw, *te;
	size_t cap_tw, cap_te, ntw[WD_PARTS], nte[WD_PARTS];
	uint8_t *mark_w, *mark_e;
	/* the gradient step's tasks (wide_deep_train.c) */
	struct wd_task *tasks;
	int n_tasks;
	/* data */
	uint32_t *order;
	size_t n_order;
	ncf_data *imp;
} wd_model;

/* What the features see of an item: its index (-1 for a movie the model
 * never saw, which has no id weight and no vector of its own), its genres
 * and its year bucket. */
typedef struct wd_item {
	int id;
	uint32_t genres;
	int year;
} wd_item;

/* wide_deep_features.c */
int wd_year_of(const char *title);
/* The features of the training store: genres and year buckets per item,
 * age, gender and occupation buckets per user (when want_demo). */
int wd_read_features(wd_model *w, const ratings *r, ll_error *err);
wd_item wd_item_of(const wd_model *w, int i);
/* The wide weight indexes of (u, it), w0 first; u may be -1 (unknown).
 * Returns their number, at most wd_max_wide. */
int wd_wide_feats(const wd_model *w, int u, const wd_item *it, int32_t *f);
int wd_max_wide(const wd_model *w);
/* The embedding row of each field of (u, it) (-1: a zero vector; -2: the
 * genre field, whose n_g rows g_rows are averaged). At most wd_max_rows
 * rows in all. */
void wd_deep_rows(const wd_model *w, int u, const wd_item *it, int64_t *row, int64_t *g_rows,
		  int *n_g);
int wd_max_rows(const wd_model *w);
/* The tower's input for (u, it) into x (n_fields x d): wd_deep_rows, then
 * wd_deep_gather of those rows. */
void wd_deep_input(const wd_model *w, int u, const wd_item *it, float *x);
void wd_deep_gather(const wd_model *w, const int64_t *row, const int64_t *g_rows, int n_g,
		    float *x);
/* The wide part's output: the sum of the weights of (u, it)'s features,
 * in their order; wd_wide_add of a list wd_wide_feats made. */
double wd_wide_sum(const wd_model *w, int u, const wd_item *it);
double wd_wide_add(const wd_model *w, const int32_t *f, int n);

/* wide_deep.c: free what a store or a file set up (the options stay), lay
 * out the blocks from the sizes, allocate the weights. */
void wd_release(wd_model *w);
void wd_layout(wd_model *w);
int wd_alloc_weights(wd_model *w, ll_error *err);

/* wide_deep_train.c */
int wd_fit_epoch(model *m, const ratings *train, ll_error *err);

/* wide_deep_file.c */
int wd_save(const model *m, FILE *f, ll_error *err);
int wd_load(model *m, FILE *f, ll_error *err);

#endif

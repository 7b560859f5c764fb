/* knn_impl.h: the KNN model's fields, shared by knn.c (fitting and
 * prediction) and knn_file.c (saving and loading). Callers use knn.h. */
#ifndef LL_KNN_IMPL_H
#define LL_KNN_IMPL_H

#include <stdint.h>

#include "engine/model/model_impl.h"
#include "engine/neighbours/knn.h"

typedef struct knn {
	model base;
	/* options */
	int user_based, variant, k, min_k, min_support, keep, bsl_epochs;
	sim_kind sim;
	double shrinkage, reg_u, reg_i, dense_mb;
	/* fitted state */
	int fitted;
	double mu;
	double *bu, *bi;       /* baselines (variant baseline or pearson_baseline) */
	double *means;         /* mean rating of each row (variant means) */
	sim_csr rows, cols;    /* rows: x -> (y, r); cols: y -> (x, r) */
	int n_rows;
	float *dense;          /* n_rows x n_rows, or NULL */
	int n_keep;            /* neighbours kept per row when not dense */
	int32_t *nb_idx;       /* n_rows x n_keep, best first */
	float *nb_sim;
	int32_t *nb_cnt;       /* entries used in each row's list */
	char storage[64];      /* "dense 10 x 10", in the language of the fit (knn_storage) */
} knn;

/* Drop everything fitted (lists, baselines, means). */
void knn_clear_fit(knn *m);
/* Model file parts, for knn_ops (knn_file.c). */
int knn_save(const model *mm, FILE *f, ll_error *err);
int knn_load(model *mm, FILE *f, ll_error *err);
int knn_validate(const model *mm, ll_error *err);

#endif

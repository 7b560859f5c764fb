/* text.h: text embeddings of items, from what is written about them.
 *
 * Latent semantic analysis (Deerwester et al., 1990), the lecture's
 * application of SVD to text, as a stand-in for a general-purpose text
 * embedding that was trained without a single rating: each item is a
 * document made of its title's words, its genres ("genre:comedy") and, in
 * ml-latest-small, its users' tags (ratings_item_tags); documents become
 * TF-IDF rows (tf 1 + log count, idf log(N / df), terms in fewer than
 * `min_df` documents dropped, rows of unit length); a randomised truncated
 * SVD (Halko, Martinsson and Tropp: a Gaussian start from the seed, `power`
 * subspace iterations, GSL's SVD of the small projected matrix) keeps `dim`
 * components. An item's vector is its row of U S, so cosine similarity in
 * the embedding approximates cosine similarity of the TF-IDF rows. Nothing
 * is downloaded and no rating is read: only titles, genres and tags.
 *
 * Stop words: a short English list plus the articles MovieLens moves to the
 * end of titles ("Shawshank Redemption, The"); numbers are dropped (a year
 * is not text), so are one-letter words. */
#ifndef LL_TEXT_H
#define LL_TEXT_H

#include "engine/core/err.h"
#include "engine/data/ratings.h"

typedef struct text_opts {
	int dim;             /* components kept (32) */
	int min_df;          /* documents a term must appear in (2) */
	int tags;            /* read ratings_item_tags (1) */
	int genres;          /* genre tokens (1) */
	int power;           /* subspace iterations (3) */
	unsigned long seed;  /* the random start (1) */
} text_opts;

typedef struct text_embed text_embed;

void text_defaults(text_opts *o);

/* The embedding of every item of r. NULL with a message (no text at all,
 * out of memory, an SVD that failed). dim is lowered to what the data
 * allows (at most the number of items and of terms). */
text_embed *text_embed_new(const ratings *r, const text_opts *o, ll_error *err);
void text_embed_free(text_embed **t);

int text_embed_dim(const text_embed *t);
int text_embed_n_items(const text_embed *t);
int text_embed_n_terms(const text_embed *t);
/* Items x dim, row-major: U S. */
const float *text_embed_vectors(const text_embed *t);
/* The singular values kept, largest first. */
const double *text_embed_sigma(const text_embed *t);
/* The share of the TF-IDF matrix's energy (squared Frobenius norm) kept. */
double text_embed_energy(const text_embed *t);
/* Number of terms in an item's document after the vocabulary was cut. */
int text_embed_doc_terms(const text_embed *t, int item);

/* The n items nearest to `item` by cosine (itself excluded; items without
 * any term are skipped), best first, with their cosines. Returns how many
 * were written. Ties go to the lower index. */
int text_embed_nearest(const text_embed *t, int item, int n, int *out, float *cos);

/* Cosine nearest neighbours of row `item` among n_rows rows of dim floats
 * (any embedding: text, MF item factors). Rows of zero length are skipped.
 * Returns how many were written. */
int text_nearest_rows(const float *rows, int n_rows, int dim, int item, int n, int *out,
		      float *cos);

#endif

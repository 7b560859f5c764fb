/* lab_impl.h: the session, as the command files see it (not for front ends). */
#ifndef LL_LAB_IMPL_H
#define LL_LAB_IMPL_H

#include <signal.h>

#include "engine/model/model.h"
#include "engine/data/ratings.h"
#include "engine/data/split.h"
#include "lab/lab.h"
#include "lab/registry.h"

typedef struct lab_model {
	char *name;
	model *m;
	char *algo;
	int on_split;       /* trained on the current split's train part */
} lab_model;

/* A filter every file word of a command passes through (set while a
 * lesson's commands run, see lesson_sandbox.c): the path to use instead
 * (caller frees), or NULL with a message refusing it. writes: the command
 * writes the file (save). */
typedef char *(*lab_path_filter)(void *ctx, const char *cmd, int writes, const char *word,
				 ll_error *err);

typedef struct lab_cache lab_cache;
struct lab_me;

typedef struct lab_last {
	char *key;          /* "prediction", "user" */
	double num;
	char *str;          /* NULL for numbers */
} lab_last;

struct lab {
	ratings *data;      /* the dataset, with ratings added by hand */
	char *data_cmd;     /* the command that made it ("load toy"), for save */
	char **edits;       /* rate/unrate commands since, canonical */
	int n_edits;
	split *split;
	char *split_cmd;
	lab_model *models;
	int n_models, cur;  /* cur: the current model, -1 for none */
	unsigned long seed;
	char fmt[32];       /* default number format of expressions */
	int rows;           /* display limit for long tables */
	lab_last *last;
	int n_last;
	double result;      /* the number the last command computed */
	int has_result;
	long step_pos;      /* `step`: next position in the entry order */
	int step_shuffle;   /* the last `train` had shuffle=yes: the walk is a */
	unsigned long step_seed; /* seeded shuffle, a fresh one each pass */
	volatile sig_atomic_t *cancel;
	lab_progress_fn progress;
	void *progress_ctx;
	int err_col;
	lab_path_filter path_filter;
	void *path_ctx;
	lab_cache *cache;   /* cache.c: kept by lab_reset, freed by lab_free */
	struct lab_me *me;  /* me.c: the learner's answers, kept like the cache */
	struct lab_ext {    /* state of groups added by lab_register_cmds (a */
		const void *key;   /* running server): freed at lab_reset, lab_free, */
		void *data;        /* and moved by lab_take */
		void (*free_fn)(void *);
	} ext[LAB_ADDED_MAX];
};

/* Results kept for expressions ("last.prediction"). */
void lab_last_num(lab *l, const char *key, double v);
void lab_last_str(lab *l, const char *key, const char *s);
const lab_last *lab_last_get(const lab *l, const char *key);
void lab_result(lab *l, double v);

/* The learner's answers (me.c; me.h has what front ends call). An entry
 * is an external item id and a rating, or NAN for "not seen". sync makes
 * them the current dataset's (reading the saved file when kept); push adds
 * one (and saves); take_script hands over the answers a headless run gave
 * (-1 when none: then the entries are left alone, else they are cleared);
 * set_questions records the survey's open picks for lab_me_next. */
typedef struct lab_me_entry {
	char *item;
	float value;
} lab_me_entry;
int lab_me_sync(lab *l, ll_error *err);
int lab_me_entries(lab *l, const lab_me_entry **e);
int lab_me_push(lab *l, const char *item, double value, ll_error *err);
int lab_me_take_script(lab *l, double **answers);
void lab_me_set_questions(lab *l, const int *items, const double *shrink, int n);
void lab_me_free(lab *l);

/* Why a model recommends item to user u (because.c): of the movies u rated
 * at or above both their own mean and the scale's middle, the one whose
 * vector points closest (cosine) to item's ("because you liked X"); when u
 * liked none, the factor of p (u's vector: the model's or folded in) that
 * adds most to the score. Writes the phrase (the liked title cut to cols
 * columns, and the cosine) into buf and *cos gets the cosine (NAN for a
 * factor); returns the liked item, or -1. */
int lab_because(lab *l, const model *m, int u, const float *p, int item, int cols, char *buf,
		size_t size, double *cos);

/* Per-session state of a group added by lab_register_cmds, under a key of
 * its own (its table, say): get returns NULL when there is none; put
 * replaces (freeing the old data with its free_fn) and returns -1 when
 * LAB_ADDED_MAX keys are in use; clear frees them all (lab_reset,
 * lab_free). free_fn must not run lab commands. */
void *lab_ext_get(lab *l, const void *key);
int lab_ext_put(lab *l, const void *key, void *data, void (*free_fn)(void *));
void lab_ext_clear(lab *l);

/* The dataset, or an error saying to load one. */
ratings *lab_data(lab *l, ll_error *err);
/* The store models train on: the split's (first) train part, or the data. */
const ratings *lab_train_set(const lab *l);
const ratings *lab_test_set(const lab *l);

/* A user or item by name (items also by title), or -1 with an error that
 * suggests the closest names. */
int lab_user(lab *l, const char *name, ll_error *err);
int lab_item(lab *l, const char *name, ll_error *err);
/* A user (side SIDE_USER) or else an item. */
int lab_user_or_item(lab *l, const char *name, int *side, ll_error *err);

/* The n most-rated users (side SIDE_USER) or items of the total, in index
 * order, into pick; returns how many, or -1 when out of memory. */
int lab_most_rated(const ratings *r, int side, int total, int n, int *pick);

/* The model named by the call's model= option, or the current one. */
lab_model *lab_model_pick(lab *l, const lab_call *c, ll_error *err);

/* The 2D picture of a model's users and items (the n most rated of each, or
 * one side by show=users|items): frame 0 as the model is, then `epochs` more
 * epochs of training with a frame after every `every`-th and the last;
 * factors beyond two are projected by PCA, frames aligned. Sets
 * last.explained, last.frames, last.loss. Shared by `plot embeddings` and
 * `project` (frames.c). */
int lab_embedding_frames(lab *l, model *m, const char *name, const char *show, int n,
			 long epochs, long every, view **out, ll_error *err);
/* Latent vectors (vec.c). lab_vec_of: the model's vector of a named user
 * or item, writable; NULL with a message when the model has none or the
 * name is newer than the model. lab_factor_model: the picked model, which
 * must have latent factors (cmd names the command in the message). */
double lab_vec_dot(const float *a, const float *b, int k);
double lab_vec_norm(const float *v, int k);
float *lab_vec_of(lab *l, lab_model *lm, const char *name, int *side, int *x, ll_error *err);
lab_model *lab_factor_model(lab_call *c, const char *cmd, ll_error *err);
lab_model *lab_model_find(lab *l, const char *name);
/* Add a trained model under name (replacing one of that name); takes m. */
int lab_model_add(lab *l, const char *name, model *m, int on_split, ll_error *err);
void lab_models_clear(lab *l);
/* Error if user or item is outside what the model was trained on. */
int lab_model_covers(const lab *l, const lab_model *lm, int user, int item, ll_error *err);

/* Measures beyond errors (measure.c). lab_model_bytes: what a fitted model
 * holds (KNN: the ratings and similarities; MF: factors and biases), NaN
 * when unknown, and in what form into what. lab_sample_users: the users
 * with test ratings, or n of them drawn by the seed, in index order (*users
 * is the caller's to free); returns how many, or -1. lab_test_sample: only
 * those users' test ratings. lab_rec_ms: mean milliseconds of one user's
 * top k (scoring every item, dropping the rated ones). */
double lab_model_bytes(const model *m, char *what, size_t size);
int lab_sample_users(const ratings *test, int n, unsigned long seed, int **users);
ratings *lab_test_sample(const ratings *test, const int *users, int n, ll_error *err);
double lab_rec_ms(const model *m, const ratings *train, const int *users, int n, int k);

/* Costly results kept for the session (cache.c), by key: NULL when absent;
 * put takes data (freed by free_fn when dropped or at lab_free) and may
 * drop the least recently used to stay under a gigabyte. */
void *lab_cache_get(lab *l, const char *key);
int lab_cache_put(lab *l, const char *key, void *data, void (*free_fn)(void *), double bytes);
void lab_cache_free(lab *l);

/* The data changed: drop the split (models stay). */
void lab_data_changed(lab *l);
int lab_add_edit(lab *l, const char *cmd);
void lab_set_split(lab *l, split *s, const char *cmd);
/* Replace the dataset (and forget models, edits, split, last results). */
void lab_set_data(lab *l, ratings *r, const char *cmd);

/* A training that failed (diverge.c): sets last.diverged (1 or 0) and, when
 * the model diverged, last.diverged_epoch (the epoch that blew up: the
 * model keeps the one before), last.lr and last.suggested_lr from the
 * engine's message. Returns last.diverged. */
int lab_note_divergence(lab *l, const model *m, const char *msg);

/* Progress hook for models (model_set_progress) that honours the lab's
 * cancel flag and progress function. ctx is the lab. */
int lab_model_progress(void *ctx, int epoch, int n_epochs, double loss);
int lab_cancelled(const lab *l);

/* Move everything from src into dst (dst's cancel flag and progress hook
 * stay); src is left empty. */
void lab_take(lab *dst, lab *src);

/* Session files (session_file.c). */
/* Models that cannot be saved are left out and named in skipped. */
int lab_session_save(lab *l, const char *path, char *skipped, size_t size, ll_error *err);
int lab_session_open(lab *l, const char *path, ll_error *err);

/* Number formatting with a printf format of one conversion (%.2f, %d, %g),
 * width and precision from 0 to LAB_FORMAT_MAX; -1 when fmt is not such a
 * format (so `check` and `set format=` refuse %.2147483646f). */
#define LAB_FORMAT_MAX 20

/* The most epochs one `train` or `epoch` runs. */
#define LAB_MAX_EPOCHS 100000
int lab_format_num(char *buf, size_t size, const char *fmt, double v);

#endif

/* lecture.c: the lecture's figures and each algorithm's objective. */
#include <math.h>
#include <string.h>

#include "lab/lecture.h"

#include "engine/core/intl.h"

static const struct row {
	const char *algo, *text;
	double lo, hi;
	const char *cls, *objective;
} rows[] = {
	{ "random", "20%", 0.20, 0.20, "none", N_("none (a random draw)") },
	{ "mean", "28%", 0.28, 0.28, "none", N_("none (one score for all)") },
	{ "baseline", "28%", 0.28, 0.28, "stars", N_("stars (squared error, biases only)") },
	{ "pop", "-", NAN, NAN, "none", N_("none (counts of ratings)") },
	{ "knn-user", "38%", 0.38, 0.38, "stars", N_("stars (neighbours' ratings)") },
	{ "knn-item", "38%", 0.38, 0.38, "stars", N_("stars (neighbours' ratings)") },
	{ "knn", "38%", 0.38, 0.38, "stars", N_("stars (neighbours' ratings)") },
	{ "sgd", "55-65%", 0.55, 0.65, "stars", N_("stars (squared error)") },
	{ "biased", "55-65%", 0.55, 0.65, "stars", N_("stars (squared error)") },
	{ "funk", "55-65%", 0.55, 0.65, "stars", N_("stars (squared error)") },
	{ "text", "55-65%", 0.55, 0.65, "stars", N_("stars (squared error)") },
	{ "svd", "55-65%", 0.55, 0.65, "stars", N_("stars (squared error, centred)") },
	{ "als", "55-65%", 0.55, 0.65, "stars", N_("stars (squared error)") },
	{ "ials", "55-65%", 0.55, 0.65, "clicks", N_("clicks (confidence-weighted squares)") },
	{ "logmf", "55-65%", 0.55, 0.65, "clicks", N_("clicks (cross-entropy, sampled negatives)") },
	{ "bpr", "55-65%", 0.55, 0.65, "clicks", N_("clicks (BPR pairs, sampled negatives)") },
	{ "gmf", "70%+", 0.70, NAN, "clicks", N_("clicks (cross-entropy, sampled negatives)") },
	{ "mlp", "70%+", 0.70, NAN, "clicks", N_("clicks (cross-entropy, sampled negatives)") },
	{ "neumf", "70%+", 0.70, NAN, "clicks", N_("clicks (cross-entropy, sampled negatives)") },
	{ "wide_deep", "-", NAN, NAN, "stars", N_("stars (squared error, with features)") },
	{ "wide_deep-implicit", "-", NAN, NAN, "clicks", N_("clicks (cross-entropy, with features)") },
};

static const struct row *find(const char *algo)
{
	for (size_t i = 0; algo && i < sizeof rows / sizeof *rows; i++)
		if (!strcmp(rows[i].algo, algo))
			return &rows[i];
	return NULL;
}

lecture_row lecture_figure(const char *algo)
{
	const struct row *r = find(algo);
	if (!r)
		return (lecture_row){ "-", NAN, NAN };
	return (lecture_row){ r->text, r->lo, r->hi };
}

const char *lecture_objective(const char *algo)
{
	const struct row *r = find(algo);
	return r ? _(r->objective) : "-";
}

const char *lecture_objective_class(const char *algo)
{
	const struct row *r = find(algo);
	return r ? r->cls : "-";
}

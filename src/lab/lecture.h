/* lecture.h: what the lecture's closing table (Day 7, Ch2) quotes for each
 * family of algorithms, and what each algorithm is trained on (its
 * objective), so that `compare lecture=yes` and `latentlab compare` print
 * the same figures and the same words. Data only: no engine calls. */
#ifndef LL_LECTURE_H
#define LL_LECTURE_H

typedef struct lecture_row {
	const char *text;   /* as the lecture prints it: "55-65%", "70%+", "-" */
	double lo, hi;      /* as fractions: 0.55 and 0.65; NaN when not quoted;
			     * hi NaN for an open figure ("70%+") */
} lecture_row;

/* The lecture's hit rate for the family of algo (a name of algo.c's table);
 * text "-" and NaN when the lecture has no row for it (popularity). */
lecture_row lecture_figure(const char *algo);

/* What the algorithm is trained to do, in a few words: "none",
 * "stars (squared error)", "clicks (BPR pairs)", ... and its short class:
 * "none", "stars" or "clicks". The objective is translated (it is shown);
 * the class is a word of last.objective.NAME, the same in every language. */
const char *lecture_objective(const char *algo);
const char *lecture_objective_class(const char *algo);

#endif

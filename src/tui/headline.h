/* headline.h: a step's headline numbers, for the presentation screen: the
 * first numbers its prose computed ({{ }} expressions, not numbers the
 * author typed), each with the words before it as a label. They are found
 * by walking the prose as written beside the prose as evaluated: the text
 * between two expressions is copied verbatim, so what stands where an
 * expression stood is its value. No curses: unit-tested. */
#ifndef TUI_HEADLINE_H
#define TUI_HEADLINE_H

typedef struct headline {
	char value[32];   /* "3.15", "-2.15", "87%" */
	char label[80];   /* the words before it: "the model guesses" */
} headline;

/* raw: the step's n prose lines as written (with their {{ }}); text: the
 * evaluated prose (lines joined by a space or newlines). Up to max
 * numbers, in the order they appear; returns how many. Values that are
 * not numbers (a name, a list) are skipped; once the two texts cannot be
 * lined up, the walk stops with what it found. */
int headline_find(const char *const *raw, int n, const char *text, headline *out, int max);

#endif

/* split_words.c: a split's description in the session's language.
 *
 * The engine's split names itself in English (split_describe: the kind, a
 * space, its one number), and other code reads that text; so the words are
 * translated here, where they are shown, one whole phrase per kind with the
 * number as the engine wrote it. A description of another form (the
 * ml-100k folds "u1-u5") is a name and is shown as it is. */
#include "lab/split_words.h"

#include <stdio.h>
#include <string.h>

#include "engine/core/intl.h"

static const struct {
	const char *kind, *words;
} kinds[] = {
	/* TRANSLATORS: a split: the share of ratings held out for testing ("holdout 0.2"). */
	{ "holdout ", N_("holdout %s") },
	/* TRANSLATORS: a split: k-fold cross-validation with this many folds ("cv 5"). */
	{ "cv ", N_("cv %s") },
	/* TRANSLATORS: a split: leave-one-out, each test item ranked among this many negatives ("loo 99"). */
	{ "loo ", N_("loo %s") },
};

const char *lab_split_words(const split *s, char *buf, size_t n)
{
	const char *d = split_describe(s);
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t l = strlen(kinds[i].kind);
		if (!strncmp(d, kinds[i].kind, l) && d[l] && !strchr(d + l, ' ')) {
			snprintf(buf, n, _(kinds[i].words), d + l);
			return buf;
		}
	}
	snprintf(buf, n, "%s", d);
	return buf;
}

/* split_words.h: a split's description ("holdout 0.2", "cv 5", "loo 99")
 * in the session's language, for what a person reads. JSON and session
 * files keep split_describe()'s own words. */
#ifndef LAB_SPLIT_WORDS_H
#define LAB_SPLIT_WORDS_H

#include <stddef.h>

#include "engine/data/split.h"

/* Writes into buf (n bytes) and returns it. */
const char *lab_split_words(const split *s, char *buf, size_t n);

#endif

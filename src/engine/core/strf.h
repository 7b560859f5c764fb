/* strf.h: printf into a new string of the size it needs, for text that
 * holds names of any length (an edit a session file replays, a command
 * line built from words). A fixed buffer would cut it silently. */
#ifndef LL_STRF_H
#define LL_STRF_H

/* The formatted text (caller frees), or NULL when out of memory. */
char *ll_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

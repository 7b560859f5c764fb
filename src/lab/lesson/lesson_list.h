/* lesson_list.h: the lessons installed or in the source tree.
 *
 * Lessons are the `*.lesson` files in `lessons/` of every search folder
 * (paths_folders): a file in an earlier folder hides one of the same name in
 * a later one, so $LATENTLAB_PATH can override installed lessons. In Korean
 * (lang.h) an entry is its twin in `lessons/ko/` when that exists, and the
 * English lesson, marked untranslated, when it does not. */
#ifndef LL_LESSON_LIST_H
#define LL_LESSON_LIST_H

typedef struct lesson_entry {
	char *name;     /* file name without ".lesson": "01-detective" */
	char *path;
	char *title;    /* from the file; the name when it does not parse */
	char *summary;  /* may be "" */
	char *error;    /* "file:line: message" when it does not parse, else NULL */
	int untranslated; /* 1: the chosen language has no twin, this is English */
} lesson_entry;

/* All lessons, sorted by file name. Returns how many (>= 0) and sets *out
 * (NULL when none); the caller frees with lesson_list_free. */
int lesson_list(lesson_entry **out);
void lesson_list_free(lesson_entry **entries, int n);

/* The path of the lesson called name: its file name with or without
 * ".lesson", or without its number prefix ("detective" for
 * "01-detective.lesson"). NULL when there is none; the caller frees. */
char *lesson_find(const char *name);

#endif

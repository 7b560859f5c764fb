/* parse.h: one command line split into shell-like words.
 *
 * Words are separated by blanks; "double" and 'single' quotes group words
 * ("Iron Man"), a backslash escapes the next character (outside single
 * quotes; inside double quotes only \" and \\, and \xHH for a control byte
 * 01-1f or 7f), and '#' at the start of a word begins a comment. A word of the
 * form key=value (the '=' outside quotes, key a plain name) is an option:
 * `name="Iron Man"` has key "name" and value "Iron Man". Every word keeps
 * the display column where it starts, so errors can point at it. */
#ifndef LL_PARSE_H
#define LL_PARSE_H

#include "engine/core/err.h"

typedef struct lab_word {
	char *text;   /* the word with quotes and escapes removed */
	char *key;    /* options: the part before '=' (NULL otherwise) */
	char *value;  /* options: the part after '=' (points into text) */
	int col;      /* 1-based display column of the word's first character */
	int byte;     /* byte offset of the word in the line */
	int quoted;   /* some part of the word was quoted or escaped */
} lab_word;

typedef struct lab_words {
	int n;
	lab_word *w;
	int cap;      /* allocated entries of w */
} lab_words;

/* Split line into words. Returns 0, or -1 with a message ("unterminated
 * quote", "backslash at end of line", "invalid UTF-8") and *col (may be NULL)
 * set to the 1-based display column of the word at fault. */
int lab_parse(const char *line, lab_words *out, int *col, ll_error *err);

/* Lenient split for completion: an unterminated quote is accepted; *open
 * (may be NULL) gets the quote character still open, or 0. */
int lab_parse_partial(const char *line, lab_words *out, char *open);

void lab_words_clear(lab_words *w);

/* A word written so that lab_parse gives it back: quoted with "" when it
 * contains blanks, quotes, '#', '=', backslashes or control bytes (written
 * \xHH, so the result is one line). Caller frees. */
char *lab_quote(const char *word);

#endif

/* json.h: the JSON the server needs: a growing output buffer with string
 * escaping, and a strict parser of small request bodies into a tree.
 *
 * The parser takes RFC 8259 JSON (no comments, no trailing commas), nests
 * at most 32 deep, and reports the byte offset of the first error. */
#ifndef LL_JSON_H
#define LL_JSON_H

#include <stddef.h>

typedef struct js_buf {
	char *s;
	size_t len, cap;
	int oom;      /* an allocation failed: the text is cut */
} js_buf;

void js_buf_init(js_buf *b);
void js_buf_free(js_buf *b);
void js_printf(js_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a quoted JSON string. */
void js_str(js_buf *b, const char *s);
/* A number that reads back as the same double ("%.17g"; null for NaN/inf). */
void js_num(js_buf *b, double x);

typedef enum js_type { JS_NULL, JS_BOOL, JS_NUM, JS_STR, JS_ARR, JS_OBJ } js_type;

typedef struct js_node {
	js_type type;
	double num;          /* JS_NUM, JS_BOOL (0/1) */
	char *str;           /* JS_STR; for members of an object: the key in key */
	char *key;
	struct js_node *child, *next; /* JS_ARR/JS_OBJ: the first element, then siblings */
	int n;               /* elements or members */
} js_node;

/* Parse text[len]; NULL with a message (and offset) on an error. */
js_node *js_parse(const char *text, size_t len, char *msg, size_t msg_size);
void js_free(js_node **n);
/* A member of an object, or NULL. */
const js_node *js_get(const js_node *obj, const char *key);

#endif

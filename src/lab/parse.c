/* parse.c: shell-like words for the command language (see parse.h). */
#include "lab/parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"

static int col_of(const char *line, size_t byte)
{
	return uw_width_n(line, byte) + 1;
}

/* The column of byte `to`, measured on from a known (byte, col) pair, so a
 * line of many words is measured once, not once per word. */
static int col_after(const char *line, size_t *at, int *col, size_t to)
{
	*col += uw_width_n(line + *at, to - *at);
	*at = to;
	return *col;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* "\xHH" inside double quotes for a control byte (01-1f, 7f), the form
 * lab_quote writes them in; -1 when s is not such an escape. */
static int control_escape(const char *s)
{
	if (s[0] != '\\' || s[1] != 'x' || hexval(s[2]) < 0 || hexval(s[3]) < 0)
		return -1;
	int b = hexval(s[2]) * 16 + hexval(s[3]);
	return (b >= 1 && b < 0x20) || b == 0x7f ? b : -1;
}

static int push_word(lab_words *out, const char *text, size_t len, int byte, int col,
		     int quoted, long eq)
{
	if (out->n == out->cap) {
		int cap = out->cap ? 2 * out->cap : 8;
		lab_word *w = realloc(out->w, (size_t)cap * sizeof *w);
		if (!w)
			return -1;
		out->w = w;
		out->cap = cap;
	}
	lab_word *x = &out->w[out->n];
	memset(x, 0, sizeof *x);
	x->text = malloc(len + 1);
	if (!x->text)
		return -1;
	memcpy(x->text, text, len);
	x->text[len] = '\0';
	x->byte = byte;
	x->col = col;
	x->quoted = quoted;
	if (eq > 0) {
		x->key = malloc((size_t)eq + 1);
		if (!x->key) {
			free(x->text);
			return -1;
		}
		memcpy(x->key, text, (size_t)eq);
		x->key[eq] = '\0';
		x->value = x->text + eq + 1;
	}
	out->n++;
	return 0;
}

/* Characters allowed in an option name (before '='): "k", "init_std", "hr@10". */
static int key_char(char c, int first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '-' || c == '@' || c == '.');
}

static int split(const char *line, lab_words *out, int *col, ll_error *err, char *open)
{
	memset(out, 0, sizeof *out);
	size_t n = strlen(line), i = 0;
	char *buf = malloc(n + 1);
	if (!buf)
		return ll_fail(err, "out of memory");
	if (open)
		*open = 0;
	size_t col_byte = 0;  /* col_at is the column (0-based) of byte col_byte */
	int col_at = 0;
	for (;;) {
		while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\n'))
			i++;
		if (i >= n || line[i] == '#')
			break;
		size_t start = i, len = 0;
		int quoted = 0;
		long eq = -1;       /* position of the option '=' in buf */
		int plain_key = 1;  /* everything so far could be an option name */
		char q = 0;
		while (i < n) {
			char c = line[i];
			if (q) {
				if (c == q) {
					q = 0, i++;
					continue;
				}
				if (c == '\\' && q == '"' && i + 1 < n &&
				    (line[i + 1] == '"' || line[i + 1] == '\\')) {
					buf[len++] = line[i + 1];
					i += 2;
					continue;
				}
				int ctl = q == '"' ? control_escape(line + i) : -1;
				if (ctl > 0) {
					buf[len++] = (char)ctl;
					i += 4;
					continue;
				}
			} else {
				if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
					break;
				if (c == '"' || c == '\'') {
					q = c, quoted = 1, i++;
					if (eq < 0)
						plain_key = 0;
					continue;
				}
				if (c == '\\') {
					if (i + 1 >= n) {
						if (open) {
							i++;
							break;
						}
						free(buf);
						if (col)
							*col = col_of(line, i);
						lab_words_clear(out);
						return ll_fail(err, "column %d: backslash at the end of the line",
							       col_of(line, i));
					}
					quoted = 1, i++;
					if (eq < 0)
						plain_key = 0;
					c = line[i];
				} else if (c == '=' && eq < 0 && plain_key && len > 0) {
					eq = (long)len;
				} else if (eq < 0 && !key_char(c, len == 0)) {
					plain_key = 0;
				}
			}
			/* Copy one whole character, checking it is valid UTF-8. */
			uint32_t cp;
			int b = uw_decode(line + i, &cp);
			if (cp == 0xfffd && b == 1 && !open) {
				free(buf);
				lab_words_clear(out);
				if (col)
					*col = col_of(line, start);
				return ll_fail(err, "column %d: invalid UTF-8 in '%.*s'", col_of(line, start),
					       (int)(i - start), line + start);
			}
			memcpy(buf + len, line + i, (size_t)b);
			len += (size_t)b, i += (size_t)b;
		}
		if (q && !open) {
			free(buf);
			lab_words_clear(out);
			if (col)
				*col = col_of(line, start);
			return ll_fail(err, "column %d: unterminated %s quote", col_of(line, start),
				       q == '"' ? "double" : "single");
		}
		if (q && open)
			*open = q;
		if (push_word(out, buf, len, (int)start, col_after(line, &col_byte, &col_at, start) + 1,
			      quoted, eq) < 0) {
			free(buf);
			lab_words_clear(out);
			return ll_fail(err, "out of memory");
		}
	}
	free(buf);
	return 0;
}

int lab_parse(const char *line, lab_words *out, int *col, ll_error *err)
{
	if (col)
		*col = 0;
	return split(line, out, col, err, NULL);
}

int lab_parse_partial(const char *line, lab_words *out, char *open)
{
	char o = 0;
	int rc = split(line, out, NULL, NULL, &o);
	if (open)
		*open = o;
	return rc;
}

void lab_words_clear(lab_words *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->w[i].text), free(w->w[i].key);
	free(w->w);
	w->w = NULL;
	w->n = 0;
	w->cap = 0;
}

static int control_byte(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

char *lab_quote(const char *word)
{
	size_t n = strlen(word);
	int need = n == 0;
	for (size_t i = 0; i < n; i++)
		if (strchr(" \t\"'#=\\", word[i]) || control_byte((unsigned char)word[i]))
			need = 1;
	/* At most four bytes per input byte (\xHH), two quotes, a NUL. */
	char *s = malloc(4 * n + 3), *p = s;
	if (!s)
		return NULL;
	if (!need) {
		memcpy(s, word, n + 1);
		return s;
	}
	*p++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)word[i];
		if (control_byte(c)) {
			/* CR and LF would end a session file's line: \xHH keeps
			 * every word on one line and gives it back exactly. */
			static const char hex[] = "0123456789abcdef";
			*p++ = '\\', *p++ = 'x', *p++ = hex[c >> 4], *p++ = hex[c & 15];
			continue;
		}
		if (c == '"' || c == '\\')
			*p++ = '\\';
		*p++ = (char)c;
	}
	*p++ = '"';
	*p = '\0';
	return s;
}

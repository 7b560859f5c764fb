/* headline.c: a step's headline numbers (see headline.h). */
#include "tui/headline.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Length of the number at s ("-2.15", "+1.6", "87%", "0.5"), 0 if none. */
static size_t number_len(const char *s)
{
	size_t i = 0;
	if (s[i] == '-' || s[i] == '+')
		i++;
	size_t digits = 0;
	while (isdigit((unsigned char)s[i]) || (s[i] == '.' && isdigit((unsigned char)s[i + 1])))
		digits += isdigit((unsigned char)s[i]) != 0, i++;
	if (!digits)
		return 0;
	if (s[i] == '%')
		i++;
	return i;
}

/* The clause before `at` in text, without the ": " or "= " that leads to
 * the number: back to ". ", ", ", ": ", "; ", a newline, an earlier
 * number or the start, at most five words, without prose markup. */
static void label_before(const char *text, const char *at, char *out, size_t n)
{
	const char *end = at;
	while (end > text && (end[-1] == ' ' || end[-1] == ':' || end[-1] == '=' || end[-1] == '('))
		end--;
	const char *start = end;
	int words = 0;
	while (start > text) {
		char c = start[-1];
		if (c == '\n' || (strchr(".,;:!?(", c) && (start == end || start[0] == ' ')))
			break;
		if (c == ' ' && start[0] != ' ' && ++words >= 5)
			break;
		start--;
	}
	/* Not past an earlier number: the label starts after it. */
	for (const char *p = end; p > start; p--)
		if (isdigit((unsigned char)p[-1])) {
			while (p < end && *p != ' ')
				p++;
			start = p;
			break;
		}
	size_t k = 0;
	for (const char *p = start; p < end && k + 1 < n; p++)
		if (*p != '*' && *p != '`' && !(k == 0 && *p == ' '))
			out[k++] = *p;
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = 0;
}

/* Up to two words after the number (what it counts: "people pulling"),
 * up to the end of the clause; appended to the label as "... words". */
static void label_after(const char *at, char *label, size_t n)
{
	const char *p = at;
	int words = 0;
	char buf[64];
	size_t k = 0;
	while (words < 2) {
		if (*p != ' ')
			break;
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && (isalpha((unsigned char)*p) || *p == '-' || (unsigned char)*p >= 0x80))
			p++;
		if (p == w || (*p && *p != ' ' && !strchr(".,;:!?)", *p)))
			break; /* a number or markup: not a word of this clause */
		if (k + (size_t)(p - w) + 2 >= sizeof buf)
			break;
		if (k)
			buf[k++] = ' ';
		memcpy(buf + k, w, (size_t)(p - w));
		k += (size_t)(p - w);
		words++;
		if (*p != ' ')
			break;
	}
	buf[k] = 0;
	if (k) {
		size_t len = strlen(label);
		snprintf(label + len, n - len, "%s%s", len ? " ... " : "... ", buf);
	}
}

/* The literal text from s to the next "{{" (or the end): its length. */
static size_t literal_len(const char *s)
{
	const char *o = strstr(s, "{{");
	return o ? (size_t)(o - s) : strlen(s);
}

int headline_find(const char *const *raw, int n, const char *text, headline *out, int max)
{
	int found = 0;
	const char *t = text;
	for (int i = 0; i < n && found < max; i++) {
		const char *r = raw[i];
		while (*r == ' ')
			r++;
		while (*t == ' ' || *t == '\n')
			t++;
		for (;;) {
			size_t lit = literal_len(r);
			if (strncmp(t, r, lit) != 0)
				return found; /* out of step: stop with what we have */
			t += lit, r += lit;
			if (!*r)
				break;
			const char *close = strstr(r, "}}");
			if (!close)
				return found;
			r = close + 2;
			/* The value stands until the next literal text. */
			size_t next = literal_len(r), num = number_len(t);
			if (num && (!next || strncmp(t + num, r, next) == 0)) {
				if (num < sizeof out[found].value) {
					snprintf(out[found].value, sizeof out[found].value, "%.*s", (int)num, t);
					label_before(text, t, out[found].label, sizeof out[found].label);
					label_after(t + num, out[found].label, sizeof out[found].label);
					if (++found >= max)
						return found;
				}
				t += num;
				continue;
			}
			if (!next)
				return found; /* a value at the end of a line, not a number */
			/* Not a number: find where the literal text goes on. */
			char want[64];
			snprintf(want, sizeof want, "%.*s", (int)(next < sizeof want - 1 ? next : sizeof want - 1), r);
			const char *at = strstr(t, want);
			if (!at)
				return found;
			t = at;
		}
	}
	return found;
}

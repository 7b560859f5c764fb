/* uwidth.c: display width of UTF-8 text (see uwidth.h). */
#define _XOPEN_SOURCE 700
#include "lab/view/uwidth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int uw_decode(const char *str, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	int n;
	uint32_t c;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2, c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3, c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4, c = s[0] & 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and out-of-range values are invalid. */
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < min[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = c;
	return n;
}

typedef struct range {
	uint32_t lo, hi;
} range;

/* Zero-width: combining marks, Hangul medial/final jamo, format characters. */
static const range zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd }, { 0x0610, 0x061a },
	{ 0x064b, 0x065f }, { 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a }, { 0x1160, 0x11ff },
	{ 0x200b, 0x200f }, { 0x202a, 0x202e }, { 0x2060, 0x2064 }, { 0x20d0, 0x20ff },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
};

/* East Asian Wide and Fullwidth, plus the emoji blocks terminals draw wide. */
static const range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
	{ 0xa960, 0xa97f }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe10, 0xfe19 },
	{ 0xfe30, 0xfe6f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static int in(const range *r, size_t n, uint32_t c)
{
	for (size_t i = 0; i < n; i++)
		if (c >= r[i].lo && c <= r[i].hi)
			return 1;
	return 0;
}

int uw_cp_width(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return 0;
	if (c < 0x7f)
		return 1;
	int w = wcwidth((wchar_t)c);
	if (w >= 0)
		return w;
	if (in(zero, sizeof zero / sizeof *zero, c))
		return 0;
	return in(wide, sizeof wide / sizeof *wide, c) ? 2 : 1;
}

int uw_width_n(const char *s, size_t n)
{
	int w = 0;
	size_t i = 0;
	while (i < n && s[i]) {
		uint32_t c;
		i += (size_t)uw_decode(s + i, &c);
		w += uw_cp_width(c);
	}
	return w;
}

int uw_width(const char *s)
{
	return uw_width_n(s, (size_t)-1);
}

size_t uw_fit(const char *s, int cols, int *used)
{
	size_t i = 0;
	int w = 0;
	while (s[i]) {
		uint32_t c;
		int n = uw_decode(s + i, &c), cw = uw_cp_width(c);
		if (w + cw > cols)
			break;
		w += cw;
		i += (size_t)n;
	}
	if (used)
		*used = w;
	return i;
}

char *uw_pad(const char *s, int cols, char align, int ascii)
{
	if (cols < 0)
		cols = 0;
	int w = uw_width(s);
	size_t n = strlen(s);
	char *out = malloc(n + (size_t)cols + 8);
	if (!out)
		return NULL;
	if (w <= cols) {
		int pad = cols - w;
		char *p = out;
		if (align == 'r') {
			memset(p, ' ', (size_t)pad);
			p += pad;
		}
		memcpy(p, s, n);
		p += n;
		if (align != 'r') {
			memset(p, ' ', (size_t)pad);
			p += pad;
		}
		*p = '\0';
		return out;
	}
	/* Too wide: cut, mark the cut, and pad if a wide character left a gap:
	 * the cut may be a column short of cols ("어벤…" in 6), and the gap goes
	 * on the side the text is aligned away from, so that right-aligned
	 * text still ends at the last column, over the numbers below it. */
	const char *mark = ascii ? "~" : "\xe2\x80\xa6"; /* U+2026 */
	int used;
	size_t keep = cols > 0 ? uw_fit(s, cols - 1, &used) : 0;
	if (cols == 0) {
		out[0] = '\0';
		return out;
	}
	int gap = cols - 1 - used;
	char *p = out;
	if (align == 'r')
		for (; gap > 0; gap--)
			*p++ = ' ';
	memcpy(p, s, keep);
	p += keep;
	strcpy(p, mark);
	p += strlen(mark);
	for (; gap > 0; gap--)
		*p++ = ' ';
	*p = '\0';
	return out;
}

int uw_wrap(const char *s, int cols, uw_line *lines, int max)
{
	if (cols < 1)
		cols = 1;
	int count = 0;
	size_t i = 0, len = strlen(s);
	for (;;) {
		size_t start = i, last_break = 0, end = i;
		int w = 0, have_break = 0;
		while (end < len && s[end] != '\n') {
			uint32_t c;
			int n = uw_decode(s + end, &c), cw = uw_cp_width(c);
			if (c == ' ') {
				last_break = end;
				have_break = 1;
			}
			if (w + cw > cols && c != ' ')
				break;
			w += cw;
			end += (size_t)n;
		}
		size_t line_end, next;
		if (end >= len || s[end] == '\n') {
			line_end = end;
			next = end < len ? end + 1 : len;
		} else if (have_break && last_break > start) {
			line_end = last_break;
			next = last_break + 1;
		} else {
			/* One word wider than the line: break inside it. */
			line_end = end > start ? end : end + (size_t)uw_decode(s + end, &(uint32_t){ 0 });
			next = line_end;
		}
		while (next < len && s[next] == ' ')
			next++;
		while (line_end > start && s[line_end - 1] == ' ')
			line_end--;
		if (count < max) {
			lines[count].start = start;
			lines[count].len = line_end - start;
		}
		count++;
		if (next >= len)
			break;
		i = next;
	}
	return count;
}

int uw_hang(const char *line, int width)
{
	int lead = 0;
	while (line[lead] == ' ')
		lead++;
	const char *gap = strstr(line + lead, "  ");
	int h = lead;
	if (gap) {
		const char *p = gap;
		while (*p == ' ')
			p++;
		if (*p)
			h = uw_width_n(line, (size_t)(p - line));
	}
	return h < width / 2 ? h : lead < width / 2 ? lead : 0;
}

/* One line (n bytes, no newline in it) wrapped: the first row at width, the
 * rest after cont in what is left. */
static void wrap_line(FILE *out, const char *s, size_t n, int width, const char *cont)
{
	char *line = malloc(n + 1);
	if (!line)
		return;
	memcpy(line, s, n);
	line[n] = '\0';
	int indent = cont ? uw_width(cont) : 0;
	if (width - indent < width / 2) /* an indent that leaves too little room */
		cont = NULL, indent = 0;
	/* The line's own indentation is no place to break it. */
	const char *p = line;
	int lead = 0;
	while (p[lead] == ' ' && lead < width - 1)
		lead++;
	fwrite(p, 1, (size_t)lead, out);
	p += lead;
	for (int row = 0;; row++) {
		uw_line l = { 0, 0 };
		uw_wrap(p, row ? width - indent : width - lead, &l, 1);
		if (row && cont)
			fputs(cont, out);
		fwrite(p + l.start, 1, l.len, out);
		fputc('\n', out);
		p += l.start + l.len;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
	}
	free(line);
}

void uw_fwrap(FILE *out, const char *text, int width, const char *cont)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		wrap_line(out, p, n, width, cont);
		p += n + (nl != NULL);
	}
}

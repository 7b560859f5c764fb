/* view_text_util.c: what the text renderers share (view_text_impl.h):
 * padding by display width, repeats, titles and wrapped prose. Both
 * view_text.c and view_text_chart.c call down into this file. */
#include <stdarg.h>
#include <stdlib.h>

#include "lab/view/uwidth.h"
#include "lab/view/view_text_impl.h"

void vt_pad(FILE *out, const char *s, int cols, char align, int ascii)
{
	char *p = uw_pad(s ? s : "", cols, align, ascii);
	if (p) {
		fputs(p, out);
		free(p);
	}
}

void vt_repeat(FILE *out, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		fputs(s, out);
}

void vt_title(const view *v, FILE *out, int width, int utf8)
{
	if (v->title)
		vt_wrapped(out, v->title, width, "");
}

void vt_hanging(FILE *out, const char *s, int width)
{
	int lead = 0;
	while (s[lead] == ' ')
		lead++;
	char cont[64];
	snprintf(cont, sizeof cont, "%*s", lead + 2 < (int)sizeof cont ? lead + 2 : 2, "");
	uw_fwrap(out, s, width, cont);
}

void vt_hangingf(FILE *out, int width, const char *fmt, ...)
{
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int len = vsnprintf(NULL, 0, fmt, ap);
	char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (s) {
		vsnprintf(s, (size_t)len + 1, fmt, aq);
		if (len && s[len - 1] == '\n') /* a message printed whole ends so */
			s[len - 1] = '\0';
		vt_hanging(out, s, width);
	}
	va_end(aq);
	va_end(ap);
	free(s);
}

void vt_wrapped(FILE *out, const char *s, int width, const char *indent)
{
	int ind = uw_width(indent);
	int cols = width - ind > 10 ? width - ind : 10;
	int n = uw_wrap(s, cols, NULL, 0);
	uw_line *lines = malloc(((size_t)n + 1) * sizeof *lines);
	if (!lines)
		return;
	uw_wrap(s, cols, lines, n);
	for (int i = 0; i < n; i++)
		fprintf(out, "%s%.*s\n", indent, (int)lines[i].len, s + lines[i].start);
	free(lines);
}

/* view_text_impl.h: what the text renderer's files share (not for front
 * ends: they use view_text.h). */
#ifndef LL_VIEW_TEXT_IMPL_H
#define LL_VIEW_TEXT_IMPL_H

#include <stdio.h>

#include "lab/view/view.h"

/* s padded or cut to exactly cols display columns ('l' or 'r'). */
void vt_pad(FILE *out, const char *s, int cols, char align, int ascii);
void vt_repeat(FILE *out, const char *s, int n);
/* s word-wrapped to width columns, each line after indent. */
void vt_wrapped(FILE *out, const char *s, int width, const char *indent);
/* s wrapped to width, its leading spaces kept on the first line and two
 * more under it on the others (a hanging indent). */
void vt_hanging(FILE *out, const char *s, int width);
/* The same of a printf format (a final newline in it is dropped). */
void vt_hangingf(FILE *out, int width, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void vt_title(const view *v, FILE *out, int width, int utf8);

void vt_render_line(const view *v, FILE *out, int width, int utf8);
void vt_render_groups(const view *v, FILE *out, int width, int utf8); /* view_text_bars.c */
void vt_render_levels(const view *v, FILE *out, int width, int utf8); /* view_text_levels.c */
/* VIEW_SCATTER and VIEW_ARROWS, laid out by chart.h (view_text_map.c). */
void vt_render_map(const view *v, FILE *out, int width, int utf8);
/* Line charts of several runs (view_text_lines.c): draw the marked x,
 * the crosses of failed runs and, past two series, each series' name at
 * its end, on the chart's canvas (ytop: the top of its y range); print
 * the legend of such a chart (0: none needed, the plain one follows). */
struct canvas;
void vt_line_extras(const view *v, struct canvas *c, double ytop, int utf8);
int vt_line_legend(const view *v, FILE *out, int utf8);
/* The real matrix (view_text_shape.c): VIEW_SHAPE and VIEW_HEAT. */
void vt_render_shape(const view *v, FILE *out, int width, int utf8);
void vt_render_heat(const view *v, FILE *out, int width, int utf8);

#endif

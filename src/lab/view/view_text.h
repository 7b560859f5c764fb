/* view_text.h: views drawn as plain text, for the REPL, `latentlab run` and
 * batch output. Tables line up by display width (Hangul takes two columns);
 * charts use Unicode braille and block characters when utf8 is nonzero, and
 * plain ASCII otherwise. */
#ifndef LL_VIEW_TEXT_H
#define LL_VIEW_TEXT_H

#include <stdio.h>

#include "lab/view/view.h"

/* Draw one view (not the rest of its list) in at most width columns.
 * Returns 0, or -1 when writing failed. */
int view_render_text(const view *v, FILE *out, int width, int utf8);
/* Draw a whole list, one blank line between views. */
int view_render_text_all(const view *v, FILE *out, int width, int utf8);

#endif

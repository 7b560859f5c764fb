/* scene_text.c: a paragraph (wrapped, with markup) or preformatted text.
 * Preformatted lines keep their spacing; a line wider than the pane wraps
 * with a hanging indent under its text (under the description in a
 * "name   description" line), so nothing is cut off. scene_prose, the
 * wrapped paragraph, is here too: the text widget draws with it, and the
 * player's and browser's prose panes call it directly (scene.c only
 * dispatches, so it calls down into this file and never the other way). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/intl.h"
#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/draw/prose.h"
#include "tui/scene/scene.h"
#include "tui/draw/theme.h"

/* Draw (when w != NULL) or count the rows of one preformatted line. */
static int pre_line(WINDOW *w, int y, int x, int width, int max_rows, const char *line, int ascii)
{
	if (uw_width(line) <= width) {
		if (w && max_rows > 0)
			draw_text(w, y, x, width, line, ROLE_NORMAL, ascii);
		return 1;
	}
	int hang = uw_hang(line, width), rows = 0;
	const char *p = line;
	while (*p) {
		int indent = rows ? hang : 0;
		/* The longest piece that fits, broken at a space when there is one. */
		size_t fit = uw_fit(p, width - indent, NULL), cut = fit;
		if (p[fit]) {
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		if (cut == 0)
			cut = 1; /* a character wider than the room: skip it */
		if (w && rows < max_rows) {
			char *piece = strndup(p, cut);
			if (piece)
				draw_text(w, y + rows, x + indent, width - indent, piece, ROLE_NORMAL, ascii);
			free(piece);
		}
		rows++;
		p += cut;
		while (*p == ' ')
			p++;
	}
	return rows;
}

/* Rows of preformatted text at this width; drawn into r when w != NULL. */
int scene_pre(WINDOW *w, lrect r, const char *body, int ascii)
{
	int rows = 0;
	const char *p = body;
	while (*p || p == body) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);
		if (!line)
			break;
		rows += pre_line(w, r.y + rows, r.x, r.w, r.h - rows, line, ascii);
		free(line);
		if (!nl || !nl[1])
			break;
		p = nl + 1;
	}
	return rows;
}

int scene_prose(WINDOW *w, lrect r, const char *text, int first, int ascii)
{
	prose *p = prose_wrap(text, r.w);
	if (!p)
		return 0;
	static const int role[] = { [PROSE_PLAIN] = ROLE_NORMAL, [PROSE_EMPH] = ROLE_EMPH,
				    [PROSE_CODE] = ROLE_CODE };
	for (int i = 0; i < r.h && first + i < p->n; i++) {
		const prose_line *l = &p->lines[first + i];
		int x = r.x;
		for (int k = 0; k < l->n_runs; k++) {
			char *s = strndup(l->text + l->runs[k].start, (size_t)l->runs[k].len);
			if (!s)
				break;
			x += draw_text(w, r.y + i, x, r.x + r.w - x, s, role[l->runs[k].style], ascii);
			free(s);
		}
	}
	int n = p->n;
	prose_free(&p);
	return n;
}

/* An expected error (a lesson's `$!` line): the message after a mark, in
 * the error colour, wrapped without markup (messages quote '*' and '`').
 * Returns the rows it needs at r.w; draws only when w != NULL. */
int scene_error(WINDOW *w, lrect r, const char *body, int ascii)
{
	/* The text renderer's words ("expected error: %s"), after the mark. */
	const char *mark = ascii ? "x " : "\xe2\x9c\x97 ", *fmt = _("expected error: %s");
	size_t n = strlen(mark) + strlen(fmt) + strlen(body) + 1;
	char *s = malloc(n);
	if (!s)
		return 1;
	size_t ml = (size_t)snprintf(s, n, "%s", mark);
	snprintf(s + ml, n - ml, fmt, body);
	int rows = uw_wrap(s, r.w > 1 ? r.w : 1, NULL, 0);
	uw_line *l = w ? malloc(((size_t)rows + 1) * sizeof *l) : NULL;
	if (l) {
		uw_wrap(s, r.w, l, rows);
		for (int i = 0; i < rows && i < r.h; i++) {
			char *line = strndup(s + l[i].start, l[i].len);
			if (line)
				draw_text(w, r.y + i, r.x, r.w, line, ROLE_ERROR, ascii);
			free(line);
		}
	}
	free(l);
	free(s);
	return rows;
}

void scene_text_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	const char *body = v->u.text.body ? v->u.text.body : "";
	if (v->u.text.error)
		scene_error(w, r, body, ctx->ascii);
	else if (v->u.text.preformatted)
		scene_pre(w, r, body, ctx->ascii);
	else
		scene_prose(w, r, body, 0, ctx->ascii);
}

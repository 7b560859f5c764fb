/* scene.c: the one file that names every widget: it measures a view (its
 * animation frames, the rows it wants with its title), draws the title and
 * dispatches the body to scene_*.c by the view's kind, so the player never
 * names a widget and the widgets never call back here. */
#include "tui/scene/scene.h"

#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"
#include "tui/draw/draw.h"
#include "tui/draw/prose.h"
#include "tui/draw/theme.h"

int scene_frames(const view *v)
{
	switch (v->kind) {
	case VIEW_SGD_STEP:
		return SGD_PHASES;
	case VIEW_SCATTER:
		return v->u.scatter.frames > 0 ? v->u.scatter.frames : 1;
	default:
		return 1;
	}
}

static int body_height(const view *v, int width)
{
	switch (v->kind) {
	case VIEW_TEXT: {
		if (v->u.text.error) {
			lrect r = { 0, 0, 0, width };
			return scene_error(NULL, r, v->u.text.body ? v->u.text.body : "", 0);
		}
		if (v->u.text.preformatted) {
			lrect r = { 0, 0, 0, width };
			return scene_pre(NULL, r, v->u.text.body ? v->u.text.body : "", 0);
		}
		prose *p = prose_wrap(v->u.text.body, width);
		int n = p ? p->n : 1;
		prose_free(&p);
		return n;
	}
	case VIEW_TABLE: {
		int named = 0;
		for (int c = 0; c < v->u.table.cols; c++)
			named |= v->u.table.header[c] && v->u.table.header[c][0];
		return v->u.table.rows + (named ? 2 : 0);
	}
	case VIEW_MATRIX:
		return v->u.matrix.rows + 3; /* header (maybe two rows), legend */
	case VIEW_VECTORS:
		return v->u.vectors.n + 3; /* a header per side and a blank row between */
	case VIEW_SGD_STEP:
		return 8 + 2 * v->u.sgd.k; /* the rule may take two rows */
	case VIEW_BAR:
		return v->u.bar.n;
	case VIEW_GROUPS:
		return scene_groups_height(v);
	case VIEW_LEVELS:
		return scene_levels_height(v);
	case VIEW_SHAPE:
		return scene_shape_height(v, width);
	case VIEW_HEAT:
		return scene_heat_height(v);
	case VIEW_SCATTER:
	case VIEW_ARROWS:
	case VIEW_LINE:
	case VIEW_HIST:
		return 1000; /* plots take whatever room there is */
	}
	return 1;
}

/* A title wider than the pane wraps onto a second line, which ends in an
 * ellipsis if even that is not enough. */
#define TITLE_MAX_LINES 2

static int title_height(const view *v, int width)
{
	if (!v->title || width < 1)
		return 0;
	int n = uw_wrap(v->title, width, NULL, 0);
	return n < TITLE_MAX_LINES ? n : TITLE_MAX_LINES;
}

static void draw_title(WINDOW *w, lrect r, const char *t, int lines, int ascii)
{
	uw_line l[TITLE_MAX_LINES];
	int n = uw_wrap(t, r.w, l, TITLE_MAX_LINES);
	for (int i = 0; i < lines && i < r.h; i++) {
		char *line = strndup(t + l[i].start, l[i].len);
		if (!line)
			return;
		if (i == lines - 1 && n > lines) {
			/* Mark the cut: pad to the width minus one, then the ellipsis. */
			char *more = malloc(strlen(line) + 8);
			if (more) {
				sprintf(more, "%s %s", line, ascii ? "~" : "\xe2\x80\xa6");
				free(line);
				line = uw_pad(more, r.w, 'l', ascii);
				free(more);
			}
		}
		if (line)
			draw_text(w, r.y + i, r.x, r.w, line, ROLE_TITLE, ascii);
		free(line);
	}
}

int scene_height(const view *v, int width)
{
	return body_height(v, width) + title_height(v, width);
}

void scene_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	if (r.h < 1 || r.w < 1)
		return;
	int th = title_height(v, r.w);
	if (th > 0) {
		draw_title(w, r, v->title, th, ctx->ascii);
		r.y += th, r.h -= th;
		if (r.h < 1)
			return;
	}
	switch (v->kind) {
	case VIEW_TEXT: scene_text_draw(w, r, v, ctx); break;
	case VIEW_TABLE: scene_table_draw(w, r, v, ctx); break;
	case VIEW_MATRIX: scene_matrix_draw(w, r, v, ctx); break;
	case VIEW_VECTORS: scene_vectors_draw(w, r, v, ctx); break;
	case VIEW_SGD_STEP: scene_sgd_draw(w, r, v, ctx); break;
	case VIEW_SCATTER: scene_scatter_draw(w, r, v, ctx); break;
	case VIEW_ARROWS: scene_arrows_draw(w, r, v, ctx); break;
	case VIEW_LINE: scene_line_draw(w, r, v, ctx); break;
	case VIEW_BAR: scene_bar_draw(w, r, v, ctx); break;
	case VIEW_HIST: scene_hist_draw(w, r, v, ctx); break;
	case VIEW_SHAPE: scene_shape_draw(w, r, v, ctx); break;
	case VIEW_HEAT: scene_heat_draw(w, r, v, ctx); break;
	case VIEW_GROUPS: scene_groups_draw(w, r, v, ctx); break;
	case VIEW_LEVELS: scene_levels_draw(w, r, v, ctx); break;
	}
}

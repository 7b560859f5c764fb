/* scene.h: widgets that draw one view each into a rectangle of a curses
 * window (one widget per file, scene.c dispatches on the view's kind).
 * Widgets format and lay out the numbers a view holds; they compute none. */
#ifndef TUI_SCENE_H
#define TUI_SCENE_H

#include <curses.h>

#include "lab/view/view.h"
#include "tui/draw/layout.h"

/* Animation of an SGD update: prediction, error, the rule, the vectors
 * moving (4 frames), the new values. */
#define SGD_PHASES 8

typedef struct scene_ctx {
	int ascii;   /* no UTF-8: ASCII glyphs */
	int frame;   /* animation frame, 0 .. scene_frames()-1; larger: the end */
} scene_ctx;

/* Frames of the view's animation (1 when it does not move). */
int scene_frames(const view *v);
/* Rows the view would like at this width (its title included). */
int scene_height(const view *v, int width);
/* Draw the view (title on the first row when it has one) inside r. */
void scene_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);

void scene_text_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
void scene_table_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
void scene_matrix_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
void scene_vectors_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
void scene_sgd_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
void scene_scatter_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
void scene_arrows_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
void scene_line_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
void scene_bar_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
void scene_hist_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
/* VIEW_GROUPS (scene_groups.c): the rows it wants, and the widget. */
int scene_groups_height(const view *v);
void scene_groups_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
/* VIEW_LEVELS (scene_levels.c). */
int scene_levels_height(const view *v);
void scene_levels_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
/* The real matrix (lesson 13): VIEW_SHAPE (scene_shape.c) and VIEW_HEAT
 * (scene_heat.c), the rows they want and the widgets. */
int scene_shape_height(const view *v, int width);
void scene_shape_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);
int scene_heat_height(const view *v);
void scene_heat_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx);

/* Prose (with *emphasis* and `code`) wrapped into r from line `first`;
 * returns the number of lines the whole text needs at that width. */
int scene_prose(WINDOW *w, lrect r, const char *text, int first, int ascii);
/* Preformatted text, long lines wrapped with a hanging indent; returns the
 * rows it needs at r.w (and draws nothing when w is NULL). */
int scene_pre(WINDOW *w, lrect r, const char *body, int ascii);
/* An expected error (text.error): the same, in the error colour. */
int scene_error(WINDOW *w, lrect r, const char *body, int ascii);

#endif

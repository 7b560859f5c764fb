/* chart.h: the 2D maps, laid out once on a canvas's cells.
 *
 * A map is labelled points (VIEW_SCATTER: users and items after PCA) or
 * points that moved (VIEW_ARROWS: vectors before and after SGD steps, or
 * the pulls on one vector). Everything about it is decided here: the data
 * range (one for every frame, so an animation does not jump; equal scales
 * on both axes, or at most a factor two apart), the axes through zero, a
 * marker glyph per point (chart_marker: what the legend shows), the paths
 * of arrows, and a place for every label. The text renderer and the TUI
 * only print the cells, so `latentlab run` and the lesson player draw the
 * same map.
 *
 * A label is drawn beside its own marker (right, left, or on the row above
 * or below, over it) and never on an axis, a marker or another label, with
 * a blank cell between it and any other label or marker on its row, and
 * never where another marker is as close to it as its own. A label with no
 * such place, even cut to ten columns, is left out (the renderers list the
 * names left out) rather than drawn where it would name the wrong point.
 * Points in one cell share one marker and one label ("Cheolsu/Minsu"). */
#ifndef LL_CHART_H
#define LL_CHART_H

#include "lab/view/canvas.h"
#include "lab/view/view.h"

/* The colour roles a front end wants in the canvas's cells. */
typedef struct chart_roles {
	int axis, user, item;
	int toward, away; /* arrows' tones (a pull toward, a push away) */
} chart_roles;

typedef struct chart_spot {
	int col, row;   /* the marker's cell; -1 when the point is not finite */
	int lcol, lrow; /* the label's first cell; lcol -1: no label drawn here */
	int lw;         /* the label's columns as drawn */
	int with;       /* -1, or the point whose marker and label this one shares */
	int near;       /* a point left unlabelled: the closest one that has its
			 * name on the map (to say where it is), else -1 */
} chart_spot;

typedef struct chart_layout {
	int n;            /* points (scatter) or entries (arrows) */
	chart_spot *spot; /* n */
	int axis_col, axis_row; /* cells of the lines through zero; -1: out of range */
	int unlabelled;   /* points whose name is on the map nowhere */
} chart_layout;

/* Draw frame f of a VIEW_SCATTER, or a VIEW_ARROWS, on c (cleared first)
 * and describe what went where in *lay (chart_layout_free it). roles may
 * be NULL (all 0, for text). Returns 0, or -1 when out of memory. */
int chart_scatter(canvas *c, const view *v, int frame, const chart_roles *roles,
		  chart_layout *lay);
int chart_arrows(canvas *c, const view *v, const chart_roles *roles, chart_layout *lay);
void chart_layout_free(chart_layout *lay);

/* The marker of a side (SIDE_USER, SIDE_ITEM), as drawn on the map. */
const char *chart_marker(int side, int ascii);
/* 1 when point i's name is on the map (its own label or a shared one). */
int chart_labelled(const chart_layout *lay, int i);
/* The names the map left out, each group with the labelled point it is
 * beside: head, then "a, b<beside>c<close>; d ...", then tail. The words
 * come from the renderer (the TUI's are translated); the caller frees,
 * NULL when out of memory. */
char *chart_left_out(const view *v, const chart_layout *lay, const char *head,
		     const char *beside, const char *close, const char *tail);

#endif

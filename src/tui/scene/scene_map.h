/* scene_map.h: the 2D map widget that scene_scatter.c and scene_arrows.c
 * share (not for the player: it goes through scene.h). */
#ifndef TUI_SCENE_MAP_H
#define TUI_SCENE_MAP_H

#include "tui/scene/scene.h"

/* Frame f of a VIEW_SCATTER, or a VIEW_ARROWS, laid out by chart.h in r:
 * the map, then a legend of the markers as drawn, the names left out for
 * want of room (when r has rows to spare) and the view's note. */
void scene_map(WINDOW *w, lrect r, const view *v, int f, const scene_ctx *ctx);

#endif

/* scene_arrows.c: vectors that moved (VIEW_ARROWS): each labelled vector
 * with a line from where it was to its marker, or pulls drawn from the
 * vector they act on; laid out by chart.h (scene_map.c). */
#include "tui/scene/scene_map.h"

void scene_arrows_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	scene_map(w, r, v, 0, ctx);
}

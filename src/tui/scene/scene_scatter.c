/* scene_scatter.c: labelled 2D points (users and items after PCA), frames
 * of an animation on one range so the points glide; the map is laid out by
 * chart.h (scene_map.c), as `latentlab run` draws it. */
#include "tui/scene/scene_map.h"

void scene_scatter_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	int frames = v->u.scatter.frames > 0 ? v->u.scatter.frames : 1;
	int f = ctx->frame < 0 ? 0 : ctx->frame >= frames ? frames - 1 : ctx->frame;
	scene_map(w, r, v, f, ctx);
}

/* scene_text.c: a paragraph (wrapped, with markup) or preformatted text. */
#include <string.h>

#include "lab/uwidth.h"
#include "tui/draw.h"
#include "tui/scene.h"
#include "tui/theme.h"

void scene_text_draw(WINDOW *w, lrect r, const view *v, const scene_ctx *ctx)
{
	const char *body = v->u.text.body ? v->u.text.body : "";
	if (!v->u.text.preformatted) {
		scene_prose(w, r, body, 0, ctx->ascii);
		return;
	}
	/* Preformatted: lines kept as they are, clipped at the right edge. */
	const char *p = body;
	for (int y = 0; y < r.h && *p; y++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[1024];
		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, p, len);
		line[len] = 0;
		draw_text(w, r.y + y, r.x, r.w, line, ROLE_NORMAL, ctx->ascii);
		if (!nl)
			break;
		p = nl + 1;
	}
}

/* view_text_bars.c: grouped bars as text (VIEW_GROUPS): a heading per
 * measure with the way it is better, then a bar per series on that
 * measure's own scale, the best one marked. */
#include "lab/view/view_text_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"
#include "lab/view/view_intl.h"

static void bar(FILE *out, double f, int cols, int utf8)
{
	static const char *eighth[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	if (!(f > 0))
		f = 0;
	if (f > 1)
		f = 1;
	int units = (int)floor(f * cols * (utf8 ? 8 : 1) + 0.5);
	int full = utf8 ? units / 8 : units, part = utf8 ? units % 8 : 0;
	vt_repeat(out, utf8 ? "█" : "#", full);
	if (part)
		fputs(eighth[part], out);
	vt_repeat(out, " ", cols - full - (part ? 1 : 0));
}

void vt_render_groups(const view *v, FILE *out, int width, int utf8)
{
	int ng = v->u.groups.n_groups, ns = v->u.groups.n_series;
	vt_title(v, out, width, utf8);
	if (ng < 1 || ns < 1)
		return;
	int lw = 1, vw = 1;
	char buf[64];
	for (int s = 0; s < ns; s++) {
		int x = uw_width(v->u.groups.series[s] ? v->u.groups.series[s] : "");
		if (x > lw)
			lw = x;
	}
	for (int g = 0; g < ng; g++)
		for (int s = 0; s < ns; s++) {
			view_groups_format(v, g, v->u.groups.values[(size_t)g * ns + s], buf, sizeof buf);
			if ((int)strlen(buf) > vw)
				vw = (int)strlen(buf);
		}
	if (lw > 20)
		lw = 20;
	const char *mark = utf8 ? _(" ◀ best") : _(" <- best");
	int bw = width - 2 - lw - 1 - vw - 1 - uw_width(mark);
	if (bw < 5)
		bw = 5;
	for (int g = 0; g < ng; g++) {
		int b = v->u.groups.better[g], best = view_groups_best(v, g);
		double m = view_groups_max(v, g);
		/* Every bar that ties the best as printed is marked. */
		char bestbuf[64] = "";
		if (best >= 0)
			view_groups_format(v, g, v->u.groups.values[(size_t)g * ns + best], bestbuf,
					   sizeof bestbuf);
		const char *name = v->u.groups.groups[g] ? v->u.groups.groups[g] : "";
		if (b)
			fprintf(out, b < 0 ? _("%s (lower is better)\n") : _("%s (higher is better)\n"),
				name);
		else
			fprintf(out, "%s\n", name);
		for (int s = 0; s < ns; s++) {
			double x = v->u.groups.values[(size_t)g * ns + s];
			fputs("  ", out);
			vt_pad(out, v->u.groups.series[s], lw, 'l', !utf8);
			fputc(' ', out);
			bar(out, m > 0 && isfinite(x) ? fabs(x) / m : 0, bw, utf8);
			fputc(' ', out);
			view_groups_format(v, g, x, buf, sizeof buf);
			fprintf(out, "%*s%s\n", vw, buf, best >= 0 && !strcmp(buf, bestbuf) ? mark : "");
		}
	}
	if (ng > 1)
		fputs(_("Each measure has its own scale: its longest bar is its largest value.\n"), out);
}

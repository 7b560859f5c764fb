/* test_diagram.c: the NCF diagrams (diagram gmf|mlp|neumf|ncf-llm) fit the
 * player's 68 columns with every box whole, in English and in a stand-in
 * for Korean twice as wide (every letter of every translated message made a
 * Hangul syllable, by this file's own gettext); a trained model's widths
 * are the ones drawn, and the options' otherwise. */
#include <libintl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "labcheck.h"
#include "lab/view/uwidth.h"

/* --- a catalogue where every letter is 한 (two columns) ------------------ */

static int wide;

static const char *widen(const char *msgid)
{
	static char *kept[4096];
	static const char *from[4096];
	static int n;
	if (!wide || !msgid)
		return msgid;
	for (int i = 0; i < n; i++)
		if (from[i] == msgid)
			return kept[i];
	size_t len = strlen(msgid);
	char *s = malloc(3 * len + 1), *o = s;
	if (!s || n == 4096)
		return msgid;
	for (const char *p = msgid; *p;) {
		if (*p == '%') {
			/* A conversion stays as it is: flags, width, precision,
			 * length, then its letter. */
			*o++ = *p++;
			while (*p && strchr("-+ #0123456789.*hlLqjzt", *p))
				*o++ = *p++;
			if (*p)
				*o++ = *p++;
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
			memcpy(o, "\xed\x95\x9c", 3); /* U+D55C 한 */
			o += 3, p++;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	from[n] = msgid, kept[n++] = s;
	return s;
}

char *dcgettext(const char *domain, const char *msgid, int category)
{
	(void)domain, (void)category;
	return (char *)widen(msgid);
}

char *dcngettext(const char *domain, const char *one, const char *many, unsigned long n,
		 int category)
{
	(void)domain, (void)category;
	return (char *)widen(n == 1 ? one : many);
}

/* --- the checks ------------------------------------------------------------ */

#define W 68
#define H 80

/* The text as cells of display columns; a wide character's second column
 * holds 0xFFFF. */
static int cells(const char *body, uint32_t g[H][W + 2], int *wide_seen)
{
	int rows = 0;
	for (const char *p = body; *p && rows < H; rows++) {
		int x = 0;
		for (int i = 0; i < W + 2; i++)
			g[rows][i] = ' ';
		while (*p && *p != '\n') {
			uint32_t cp;
			p += uw_decode(p, &cp);
			int w = uw_cp_width(cp);
			if (w == 2)
				*wide_seen = 1;
			if (x + w > W) {
				fprintf(stderr, "line %d is wider than %d columns\n", rows + 1, W);
				CHECK(0);
				x = W + 1;
				continue;
			}
			g[rows][x] = cp;
			if (w == 2)
				g[rows][x + 1] = 0xFFFF;
			x += w;
		}
		if (*p == '\n')
			p++;
	}
	return rows;
}

static int edge(uint32_t c)
{
	return c == '|' || c == '+' || c == '-';
}

/* Every vertical border runs from a horizontal one to another, and every
 * box's top border ends above its right border. */
static void check_boxes(const char *what, const char *body)
{
	static uint32_t g[H][W + 2];
	int wide_seen = 0, rows = cells(body, g, &wide_seen), bad = 0;
	CHECK(rows > 4);
	if (wide) {
		CHECK(wide_seen);
	}
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < W; c++) {
			if (g[r][c] == '|' &&
			    (r == 0 || r == rows - 1 || !edge(g[r - 1][c]) || !edge(g[r + 1][c])))
				bad++, fprintf(stderr, "%s: a broken border at line %d, column %d\n", what,
					       r + 1, c + 1);
			/* A top-left corner that stands alone (a corner on another
			 * box's border is a junction): its border runs, through
			 * junctions, to a corner above the right border. */
			if (g[r][c] == '+' && g[r][c + 1] == '-' && (c == 0 || g[r][c - 1] != '-') &&
			    r + 1 < rows && g[r + 1][c] == '|') {
				int e = c + 1;
				while (e < W && (g[r][e] == '-' || (g[r][e] == '+' && g[r][e + 1] == '-')))
					e++;
				if (g[r][e] != '+' || (g[r + 1][e] != '|' && g[r + 1][e] != '+'))
					bad++, fprintf(stderr, "%s: the box at line %d, column %d has no "
						       "right border under its corner\n", what, r + 1, c + 1);
			}
		}
	if (bad)
		fprintf(stderr, "%s\n", body);
	CHECK(bad == 0);
}

static void check_diagram(const char *line)
{
	view *v = ok(line);
	CHECK(v && v->kind == VIEW_TEXT && v->u.text.preformatted && v->title);
	if (v && v->kind == VIEW_TEXT)
		check_boxes(line, v->u.text.body);
	view_free(&v);
}

static int has(const char *line, const char *part)
{
	view *v = ok(line);
	int yes = v && v->kind == VIEW_TEXT && strstr(v->u.text.body, part) != NULL;
	if (!yes && v)
		fprintf(stderr, "'%s' does not show '%s':\n%s\n", line, part, v->u.text.body);
	view_free(&v);
	return yes;
}

static const char *const lines[] = {
	"diagram gmf", "diagram gmf factors=32", "diagram mlp", "diagram mlp layers=64,32,16,8",
	"diagram mlp layers=256,128,64,32,16,8", "diagram mlp layers=16,8", "diagram neumf",
	"diagram neumf factors=16 layers=128,64,32,16", "diagram ncf-llm",
};

int main(void)
{
	setenv("LATENTLAB_PATH", LATENTLAB_ABS_SRCDIR, 1);
	L = lab_new();
	for (wide = 0; wide <= 1; wide++)
		for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
			check_diagram(lines[i]);
	wide = 0;
	/* The options' widths, through the algorithm's own defaults. */
	CHECK(has("diagram mlp layers=64,32,16,8", "dense: 32 numbers"));
	CHECK(num("last.diagram.embedding") == 32 && num("last.diagram.layers") == 3);
	CHECK(has("diagram gmf", "user id -> embedding: 8"));
	CHECK(num("last.diagram.factors") == 8);
	/* A trained model's own. */
	run("load toy");
	run("train mlp layers=32,16,8 epochs=1 name=tower");
	CHECK(has("diagram mlp model=tower", "dense: 16 numbers"));
	CHECK(num("last.diagram.embedding") == 16 && num("last.diagram.layers") == 2);
	run("train neumf factors=4 layers=16,8 epochs=1");
	CHECK(has("diagram neumf model=neumf", "element-wise product: 4"));
	CHECK(num("last.diagram.factors") == 4 && num("last.diagram.embedding") == 8);
	fails("diagram gmf model=tower", "model 'tower' is mlp, not gmf");
	fails("diagram gmf model=nosuch", "no model named 'nosuch'");
	fails("diagram mlp model=tower layers=8,4", "leave out factors= and layers=");
	fails("diagram mlp layers=7,4", "must be even");
	lab_free(&L);
	return check_done();
}

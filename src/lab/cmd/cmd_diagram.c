/* cmd_diagram.c: diagrams that are words, not measurements, as preformatted
 * text in plain ASCII so every terminal draws them: the road from this
 * lab's index to FAISS, vector databases and retrieval for LLMs; the NCF
 * networks (GMF, the MLP tower, NeuMF) with their real widths; and the
 * lecture's parallel between NCF and a language model.
 *
 * The NCF diagrams are laid out on a grid of display columns, each box's
 * words wrapped to the box by uw_wrap: a translation, twice as wide in
 * Hangul, makes boxes taller, never lines longer or borders crooked. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/algo.h"
#include "engine/core/intl.h"
#include "engine/core/strf.h"
#include "engine/nn/ncf.h"
#include "lab/lab_impl.h"
#include "lab/view/uwidth.h"

/* TRANSLATORS: a drawing: keep every box and arrow where it is, its rows
 * no wider than these (80 columns; Hangul takes two each), and translate
 * the words inside the boxes, padding with blanks so each box closes. */
static const char retrieval[] =
	N_("  items or documents        the index, built once                   a query\n"
	"  +---------------+  embed  +-----------------------------+  +-------------+\n"
	"  | movies, texts,| ------> | every vector, cut by k-means|  | a user, or  |\n"
	"  | images, songs |         | into nlist cells around     |  | a question  |\n"
	"  +---------------+         | their centroids             |  +-------------+\n"
	"                            +-----------------------------+         | embed\n"
	"                                          |                         v\n"
	"                            +-----------------------------+  +-------------+\n"
	"                            | probe: the nprobe cells     |<-| its vector  |\n"
	"                            | whose centroids score best  |  +-------------+\n"
	"                            +-----------------------------+\n"
	"                                          |\n"
	"                                          v\n"
	"                            +-----------------------------+\n"
	"                            | rank those candidates       |\n"
	"                            | exactly, keep the top k     |\n"
	"                            +-----------------------------+\n"
	"                                          |\n"
	"                     +--------------------+--------------------+\n"
	"                     v                                         v\n"
	"        +-------------------------+          +------------------------------+\n"
	"        | recommendation: the ten |          | retrieval for an LLM: the k  |\n"
	"        | movies a user is shown  |          | passages go into its prompt  |\n"
	"        +-------------------------+          +------------------------------+\n");

/* Under the drawing, where its parts are found. */
static const char retrieval_notes[] =
	N_("  Here: the IVF index of 'ann' (nlist cells, nprobe probed).\n"
	"  FAISS: the same cells, with vectors stored as codes of a few bits\n"
	"  (product quantization, lesson eighteen's idea), on CPUs and GPUs.\n"
	"  A vector database: such an index on disk, updated as items come and\n"
	"  go, with filters on metadata (genre, date, language).\n");

/* --- a grid of display columns ------------------------------------------- */

/* The player's scene: 78 columns at 80x24, 69 beside the prose at 120x40. */
#define DW 68
#define DH 64

/* Cells hold a code point; 0 is the second column of a wide one. */
typedef struct grid {
	uint32_t c[DH][DW];
	int rows;  /* rows used */
} grid;

static grid *grid_new(void)
{
	grid *g = malloc(sizeof *g);
	if (!g)
		return NULL;
	for (int y = 0; y < DH; y++)
		for (int x = 0; x < DW; x++)
			g->c[y][x] = ' ';
	g->rows = 0;
	return g;
}

static void grid_use(grid *g, int y)
{
	if (y + 1 > g->rows)
		g->rows = y + 1 < DH ? y + 1 : DH;
}

/* Set the cell at (y, x) to cp, w columns wide, never leaving half of a
 * wide character it overwrites. */
static void set_cell(grid *g, int y, int x, uint32_t cp, int w)
{
	uint32_t *row = g->c[y];
	if (row[x] == 0 && x > 0)
		row[x - 1] = ' ';
	if (x + w < DW && row[x + w] == 0)
		row[x + w] = ' ';
	row[x] = cp;
	if (w == 2)
		row[x + 1] = 0;
	grid_use(g, y);
}

/* Write n bytes of s from column x on row y, cut at column `end`; returns
 * the columns written. */
static int put_n(grid *g, int y, int x, int end, const char *s, size_t n)
{
	if (y < 0 || y >= DH)
		return 0;
	if (end > DW)
		end = DW;
	int x0 = x;
	for (size_t i = 0; i < n && s[i];) {
		uint32_t cp;
		i += (size_t)uw_decode(s + i, &cp);
		int w = uw_cp_width(cp);
		if (w == 0)
			continue;
		if (x < 0 || x + w > end)
			break;
		set_cell(g, y, x, cp, w);
		x += w;
	}
	return x - x0;
}

static void cell(grid *g, int y, int x, uint32_t cp)
{
	if (y >= 0 && y < DH && x >= 0 && x < DW)
		set_cell(g, y, x, cp, 1);
}

/* s wrapped to the span [x0, x0 + w) from row y, each line centred in it
 * (centre 0: from the left); returns the rows used. */
static int text_in(grid *g, int y, int x0, int w, const char *s, int centre)
{
	if (x0 < 0)
		w += x0, x0 = 0;
	if (x0 + w > DW)
		w = DW - x0;
	if (w < 2)
		return 0;
	int n = uw_wrap(s, w, NULL, 0);
	uw_line *l = malloc(((size_t)n + 1) * sizeof *l);
	if (!l)
		return 0;
	uw_wrap(s, w, l, n);
	for (int j = 0; j < n; j++) {
		int lw = uw_width_n(s + l[j].start, l[j].len);
		put_n(g, y + j, x0 + (centre ? (w - lw) / 2 : 0), x0 + w, s + l[j].start, l[j].len);
	}
	free(l);
	return n;
}

static int caption(grid *g, int y, int x0, int w, const char *s)
{
	return text_in(g, y, x0, w, s, 1);
}

/* Rows of s wrapped to cols columns (newlines in s end lines). */
static int text_rows(const char *s, int cols)
{
	return uw_wrap(s, cols > 1 ? cols : 1, NULL, 0);
}

/* A box with its outer corners at (y, x) and (y + h - 1, x + w - 1), s
 * wrapped inside with a column of margin each side; h 0 sizes it to s.
 * Returns its height. */
static int box(grid *g, int y, int x, int w, int h, const char *s)
{
	int in = w - 4, n = text_rows(s, in);
	if (h < n + 2)
		h = n + 2;
	for (int i = 1; i < w - 1; i++)
		cell(g, y, x + i, '-'), cell(g, y + h - 1, x + i, '-');
	for (int j = 1; j < h - 1; j++)
		cell(g, y + j, x, '|'), cell(g, y + j, x + w - 1, '|');
	cell(g, y, x, '+'), cell(g, y, x + w - 1, '+');
	cell(g, y + h - 1, x, '+'), cell(g, y + h - 1, x + w - 1, '+');
	uw_line *l = malloc(((size_t)n + 1) * sizeof *l);
	if (l) {
		uw_wrap(s, in > 1 ? in : 1, l, n);
		for (int j = 0; j < n; j++)
			put_n(g, y + 1 + j, x + 2, x + w - 2, s + l[j].start, l[j].len);
	}
	free(l);
	return h;
}

/* A line down column x from row y0 to y1, ending in an arrow head. */
static void arrow(grid *g, int x, int y0, int y1)
{
	for (int y = y0; y < y1; y++)
		cell(g, y, x, '|');
	cell(g, y1, x, 'v');
}

/* Two columns x1 < x2 joined on row y into column xm, an arrow below. */
static void join(grid *g, int y, int x1, int x2, int xm)
{
	for (int x = x1; x <= x2; x++)
		cell(g, y, x, '-');
	cell(g, y, x1, '+'), cell(g, y, x2, '+'), cell(g, y, xm, '+');
	cell(g, y + 1, xm, 'v');
}

/* The grid as UTF-8 lines, trailing blanks dropped. */
static char *grid_text(const grid *g)
{
	size_t cap = (size_t)g->rows * (DW * 4 + 1) + 1, n = 0;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	for (int y = 0; y < g->rows; y++) {
		size_t start = n, end = n;
		for (int x = 0; x < DW; x++) {
			uint32_t cp = g->c[y][x];
			if (cp == 0)
				continue;
			if (cp < 0x80) {
				s[n++] = (char)cp;
			} else if (cp < 0x800) {
				s[n++] = (char)(0xC0 | cp >> 6), s[n++] = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				s[n++] = (char)(0xE0 | cp >> 12), s[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
				s[n++] = (char)(0x80 | (cp & 0x3F));
			} else {
				s[n++] = (char)(0xF0 | cp >> 18), s[n++] = (char)(0x80 | (cp >> 12 & 0x3F));
				s[n++] = (char)(0x80 | (cp >> 6 & 0x3F)), s[n++] = (char)(0x80 | (cp & 0x3F));
			}
			if (cp != ' ')
				end = n;
		}
		n = end > start ? end : start;
		s[n++] = '\n';
	}
	s[n] = '\0';
	return s;
}

/* --- the NCF networks ----------------------------------------------------- */

/* printf into a buffer of the diagram's texts. */
#define SAY(buf, ...) snprintf(buf, sizeof buf, __VA_ARGS__)

/* Where the drawing has got to. */
typedef struct pen {
	grid *g;
	int y;
} pen;

/* x of a box w wide centred on column cx, kept on the grid. */
static int left_of(int cx, int w)
{
	int x = cx - w / 2;
	if (x + w > DW)
		x = DW - w;
	return x < 0 ? 0 : x;
}

/* Two boxes side by side that share their middle border, from x, w wide
 * together: the two halves of one vector. Returns the height. */
static int halves(grid *g, int y, int x, int w, const char *a, const char *b)
{
	int wa = w / 2 + 1, wb = w - wa + 1;
	int ra = text_rows(a, wa - 4), rb = text_rows(b, wb - 4), h = (ra > rb ? ra : rb) + 2;
	box(g, y, x, wa, h, a);
	box(g, y, x + wa - 1, wb, h, b);
	return h;
}

/* The output layer, which gives the score, from an arrow into it. */
static void output(pen *p, int cx, int fw)
{
	char s[256];
	SAY(s, _("output: weighted sum of the %d, a sigmoid: the score"), fw);
	cell(p->g, p->y, cx, 'v');
	p->y++;
	int w = uw_width(s) + 4 < DW ? uw_width(s) + 4 : DW;
	p->y += box(p->g, p->y, left_of(cx, w), w, 0, s);
}

/* The tower under a box that ends on the pen's row - 1: each layer a box
 * on the one above (sharing its border), as wide as its share of the
 * widest within room, so the picture narrows as the paper's does. */
static void tower(pen *p, int cx, int room, const ncf_shape_info *s)
{
	char t[256];
	int prev = room;
	for (int l = 1; l < s->n_tower; l++) {
		SAY(t, l == 1 ? _("dense: %d numbers, ReLU") : _("%d, ReLU"), s->widths[l]);
		int w = room * s->widths[l] / (s->widths[0] > 0 ? s->widths[0] : 1);
		int need = uw_width(t) + 4;
		if (w < need)
			w = need;
		/* Two columns in from the box above on each side, or as wide:
		 * corners that touch read as one. */
		w += (prev - w) % 2;
		if (w > prev - 4)
			w = prev;
		p->y += box(p->g, p->y - 1, left_of(cx, w), w, 0, t) - 1;
		prev = w;
	}
}

/* The MLP's input: the two embeddings side by side in one box, captioned
 * with its width. */
static void concat_box(pen *p, int x, int w, int e, const char *fmt)
{
	char cap[128], u[128], i[128];
	SAY(cap, fmt, 2 * e);
	SAY(u, w >= 56 ? _("user id -> embedding: %d") : _("user: %d"), e);
	SAY(i, w >= 56 ? _("item id -> embedding: %d") : _("item: %d"), e);
	p->y += caption(p->g, p->y, x, w, cap);
	p->y += halves(p->g, p->y, x, w, u, i);
}

static char *draw_gmf(const ncf_shape_info *s)
{
	grid *g = grid_new();
	if (!g)
		return NULL;
	pen p = { g, 0 };
	char u[128], i[128], t[256];
	SAY(u, _("user id -> embedding: %d"), s->factors);
	SAY(i, _("item id -> embedding: %d"), s->factors);
	const int w = 33, rx = DW - w, lc = w / 2, rc = rx + w / 2, cx = DW / 2;
	int h = text_rows(u, w - 4) > text_rows(i, w - 4) ? text_rows(u, w - 4) : text_rows(i, w - 4);
	box(g, 0, 0, w, h + 2, u);
	box(g, 0, rx, w, h + 2, i);
	p.y = h + 2;
	join(g, p.y, lc, rc, cx);
	p.y += 2;
	SAY(t, _("element-wise product: %d numbers, one for each factor"), s->factors);
	int bw = uw_width(t) + 4 < 60 ? uw_width(t) + 4 : 60;
	p.y += box(g, p.y, left_of(cx, bw), bw, 0, t);
	output(&p, cx, s->factors);
	char *out = grid_text(g);
	free(g);
	return out;
}

static char *draw_mlp(const ncf_shape_info *s)
{
	grid *g = grid_new();
	if (!g)
		return NULL;
	pen p = { g, 0 };
	const int w = 60, x = (DW - w) / 2, cx = x + w / 2;
	concat_box(&p, x, w, s->widths[0] / 2, _("concatenated: %d numbers"));
	tower(&p, cx, w, s);
	output(&p, cx, s->n_tower > 1 ? s->widths[s->n_tower - 1] : s->widths[0]);
	char *out = grid_text(g);
	free(g);
	return out;
}

/* NeuMF: GMF on the left, the MLP tower on the right, each with its own
 * embeddings, their last layers joined in one output. */
static char *draw_neumf(const ncf_shape_info *s)
{
	grid *g = grid_new();
	if (!g)
		return NULL;
	pen p = { g, 0 };
	const int lw = 28, rx0 = 30, rw = DW - rx0, lc = lw / 2, rc = rx0 + rw / 2, cx = DW / 2;
	char a[256];
	p.y = caption(g, 0, 0, lw, "GMF");
	SAY(a, _("embeddings: %d each"), s->factors);
	int top = p.y + box(g, p.y, 0, lw, 0, a) - 1;
	SAY(a, _("element-wise product: %d"), s->factors);
	int left = top + box(g, top, 0, lw, 0, a);
	pen q = { g, 0 };
	concat_box(&q, rx0, rw, s->widths[0] / 2, _("MLP, concatenated: %d numbers"));
	tower(&q, rc, rw, s);
	int bottom = q.y > left ? q.y : left;
	for (int y = left; y < bottom; y++)
		cell(g, y, lc, '|');
	for (int y = q.y; y < bottom; y++)
		cell(g, y, rc, '|');
	p.y = bottom;
	int last = s->n_tower > 1 ? s->widths[s->n_tower - 1] : s->widths[0];
	for (int x = lc; x <= rc; x++)
		cell(g, p.y, x, '-');
	cell(g, p.y, lc, '+'), cell(g, p.y, rc, '+'), cell(g, p.y, cx, '+');
	p.y++;
	SAY(a, _("GMF's %d products and the tower's last %d side by side: %d"), s->factors, last,
	    s->factors + last);
	p.y += caption(g, p.y, 0, DW, a);
	output(&p, cx, s->factors + last);
	char *out = grid_text(g);
	free(g);
	return out;
}

/* Three stages side by side: what NCF does and what a language model does. */
static char *draw_ncf_llm(void)
{
	grid *g = grid_new();
	if (!g)
		return NULL;
	const int w = 33, lx = 0, rx = DW - w, lc = w / 2, rc = rx + w / 2;
	const char *left[3] = {
		_("embeddings: a user id and an item id each pick a vector from a table"),
		_("a network: the element-wise product and the MLP tower mix the two vectors"),
		_("an output: the probability that the user picks this item"),
	};
	const char *right[3] = {
		_("embeddings: each token of the text picks a vector from a table"),
		_("a network: transformer layers mix the vectors of all the tokens"),
		_("an output: a probability for every possible next token"),
	};
	int a = caption(g, 0, lx, w, _("NCF (this lesson)"));
	int b = caption(g, 0, rx, w, _("a large language model"));
	int y = a > b ? a : b;
	for (int i = 0; i < 3; i++) {
		int h = text_rows(left[i], w - 4) > text_rows(right[i], w - 4) ? text_rows(left[i], w - 4)
										: text_rows(right[i], w - 4);
		box(g, y, lx, w, h + 2, left[i]);
		box(g, y, rx, w, h + 2, right[i]);
		y += h + 2;
		if (i < 2) {
			arrow(g, lc, y, y);
			arrow(g, rc, y, y);
			y++;
		}
	}
	const char *both = _("Both are trained alike: the observed choice (the item the user "
			     "picked, the next word of a text) made likely, sampled or competing "
			     "choices unlikely.");
	text_in(g, y + 1, 1, DW - 2, both, 0);
	char *out = grid_text(g);
	free(g);
	return out;
}

/* --- the command ----------------------------------------------------------- */

static const lab_opt diagram_opts[] = {
	{ "model", OPT_STR, NULL, N_("gmf, mlp, neumf: draw this trained model's widths"), NULL },
	{ "factors", OPT_INT, NULL, N_("gmf, neumf: the factors to draw (without model=)"), NULL },
	{ "layers", OPT_STR, NULL, N_("mlp, neumf: the tower to draw, 64,32,16,8 (without model=)"),
	  NULL },
	{ NULL, 0, NULL, NULL, NULL },
};

/* The widths to draw: the named model's own, else those the algorithm
 * reads from factors= and layers= (its defaults where they are not given). */
static int shape_of(lab_call *c, const char *algo, ncf_shape_info *s, char *whose, size_t size,
		    ll_error *err)
{
	const char *name = lab_opt_str(c, "model", NULL);
	if (name) {
		if (params_str(c->opts, "factors", NULL) || params_str(c->opts, "layers", NULL))
			return ll_fail(err, "diagram: model= draws that model's widths: leave out "
				       "factors= and layers=");
		lab_model *lm = lab_model_find(c->l, name);
		if (!lm)
			return ll_fail(err, "diagram: no model named '%s'", name);
		if (strcmp(model_algo(lm->m), algo))
			return ll_fail(err, "diagram %s: model '%s' is %s, not %s (diagram %s model=%s)",
				       algo, name, model_algo(lm->m), algo, model_algo(lm->m), name);
		if (ncf_shape(lm->m, s) < 0)
			return ll_fail(err, "diagram: model '%s' is not an NCF network", name);
		snprintf(whose, size, _("model %s, as trained"), name);
		return 0;
	}
	params *p = params_new();
	const char *f = params_str(c->opts, "factors", NULL), *ly = params_str(c->opts, "layers", NULL);
	if (p && f)
		params_set(p, "factors", f);
	if (p && ly)
		params_set(p, "layers", ly);
	model *m = p ? model_new(algo, p, err) : NULL;
	params_free(&p);
	if (!m)
		return ll_prefix(err, "diagram %s: ", algo);
	ncf_shape(m, s);
	model_free(&m);
	if (f || ly)
		snprintf(whose, size, "%s%s%s%s%s", f ? "factors=" : "", f ? f : "", f && ly ? " " : "",
			 ly ? "layers=" : "", ly ? ly : "");
	else
		snprintf(whose, size, "%s", _("the defaults"));
	return 0;
}

static int run_diagram(lab_call *c, view **out, ll_error *err)
{
	const char *what = c->argv[0].text;
	if (!strcmp(what, "retrieval")) {
		char *all = ll_strf("%s\n%s", _(retrieval), _(retrieval_notes));
		*out = all ? view_pre(_("From a query to its nearest vectors: the pipeline of lesson "
					"seventeen"), all) : NULL;
		free(all);
		return *out ? 0 : ll_fail(err, "out of memory");
	}
	char *body = NULL, title[300];
	if (!strcmp(what, "ncf-llm")) {
		body = draw_ncf_llm();
		snprintf(title, sizeof title, "%s",
			 _("NCF and a language model: embeddings, a network, an output"));
	} else {
		ncf_shape_info s;
		char whose[160];
		if (shape_of(c, what, &s, whose, sizeof whose, err) < 0)
			return -1;
		if (!strcmp(what, "gmf")) {
			body = draw_gmf(&s);
			snprintf(title, sizeof title, _("GMF: two embeddings, their product, a weighted "
				 "sum (%s)"), whose);
		} else if (!strcmp(what, "mlp")) {
			body = draw_mlp(&s);
			snprintf(title, sizeof title, _("The MLP tower: two embeddings side by side, "
				 "dense layers, an output (%s)"), whose);
		} else {
			body = draw_neumf(&s);
			snprintf(title, sizeof title, _("NeuMF: GMF and the MLP side by side, one output "
				 "(%s)"), whose);
		}
		lab_last_num(c->l, "diagram.factors", s.factors);
		lab_last_num(c->l, "diagram.embedding", s.n_tower ? s.widths[0] / 2 : s.factors);
		lab_last_num(c->l, "diagram.layers", s.n_tower > 1 ? s.n_tower - 1 : 0);
	}
	if (!body)
		return ll_fail(err, "out of memory");
	*out = view_pre(title, body);
	free(body);
	if (!*out)
		return ll_fail(err, "out of memory");
	return 0;
}

const lab_cmd lab_cmds_diagram[] = {
	{ "diagram", "retrieval|gmf|mlp|neumf|ncf-llm [model=NAME] [factors=N] [layers=A,B,...]", 1,
	  1, { ARG_WORD }, "retrieval|gmf|mlp|neumf|ncf-llm", diagram_opts, 0,
	  N_("a diagram of how the pieces meet"),
	  N_("diagram retrieval   embed, index (IVF cells), probe nprobe cells, rank\n"
	  "                    exactly, top k: for recommendations and for the\n"
	  "                    passages an LLM answers from (FAISS, vector databases)\n"
	  "diagram gmf         NCF's networks: the user and item embeddings, their\n"
	  "diagram mlp         element-wise product (gmf) or the two side by side\n"
	  "diagram neumf       and the MLP tower (mlp), both (neumf), and the output\n"
	  "                    that gives the score; model=NAME draws a trained\n"
	  "                    model's widths, factors=N layers=64,32,16,8 others (the\n"
	  "                    algorithm's defaults without). Sets last.diagram.factors,\n"
	  "                    last.diagram.embedding, last.diagram.layers\n"
	  "diagram ncf-llm     NCF beside a language model: embeddings, a network, an\n"
	  "                    output, trained alike"),
	  run_diagram },
	{ NULL, NULL, 0, 0, { 0 }, NULL, NULL, 0, NULL, NULL, NULL },
};

/* view.h: what a command shows, as data that any front end can draw.
 *
 * A command returns a list of views (linked by `next`). The REPL and the
 * headless runner print them as text (view_text.c); the TUI draws them with
 * curses (src/tui/scene_*.c). Views own all their memory (view_free) and
 * hold finished numbers: a front end formats and lays out, never computes.
 * All strings are UTF-8. */
#ifndef LL_VIEW_H
#define LL_VIEW_H

#include <stddef.h>

typedef enum view_kind {
	VIEW_TEXT,      /* a paragraph or preformatted text */
	VIEW_TABLE,     /* rows and columns of strings */
	VIEW_MATRIX,    /* the ratings matrix: users x items */
	VIEW_VECTORS,   /* labelled latent vectors, drawn as signed bars */
	VIEW_SGD_STEP,  /* one SGD update: prediction, error, vectors before/after */
	VIEW_SCATTER,   /* labelled 2D points, optionally over several frames */
	VIEW_LINE,      /* line chart: one or more series over x */
	VIEW_BAR,       /* bar chart: one value per label */
	VIEW_HIST,      /* histogram: counts per bin */
	/* --- side-by-side measurements (compare, quantize): view_groups.c --- */
	VIEW_GROUPS,    /* grouped bars: a group per measure, a bar per series */
	VIEW_LEVELS,    /* values on a number line of levels (view_levels.c) */
	/* --- vectors that move, in 2D (step, tug): view_arrows.c --- */
	VIEW_ARROWS,    /* labelled points, each with its path from before to after */
	/* --- the real matrix (lesson 13): view_shape.c, view_heat.c --- */
	VIEW_SHAPE,     /* R (users x items) = U (users x k) . V (k x items), to scale */
	VIEW_HEAT,      /* a corner of the ratings matrix, a cell per rating (u.matrix) */
} view_kind;

enum view_cell {
	CELL_MISSING = 0, /* no rating: drawn as '?' or blank */
	CELL_KNOWN,       /* a rating the user gave */
	CELL_PREDICTED,   /* a model's prediction for a missing cell */
};

enum view_side { SIDE_USER = 0, SIDE_ITEM = 1 };

typedef struct view_series {
	char *name;      /* "train", "test" */
	int n;
	double *x, *y;
	/* A run that failed (view_lines.c): it stopped at x = fail_x (a
	 * diverged training), drawn as a cross at the top of the chart. */
	int failed;
	double fail_x;
} view_series;

/* A labelled point drawn over a line chart (view_line_mark): "exact" at
 * recall 1, or "8" beside the point of nprobe 8. */
typedef struct view_mark {
	double x, y;
	char *label;
	int series;      /* whose colour (0-based), or -1 for a mark of its own */
} view_mark;

typedef struct view view;
struct view {
	view_kind kind;
	char *title;     /* may be NULL */
	view *next;

	union {
		struct {
			char *body;
			int preformatted; /* 1: keep line breaks and spacing */
			int error;        /* 1: the error of a command a lesson expected
					   * to fail (`$!`), drawn as an error */
		} text;
		struct {
			int rows, cols;
			char **header;     /* cols */
			char **cells;      /* rows x cols, row-major */
			char *align;       /* cols: 'l' or 'r' */
		} table;
		struct {
			int rows, cols;
			char **row_labels; /* users */
			char **col_labels; /* items */
			double *values;    /* rows x cols */
			unsigned char *state; /* rows x cols, enum view_cell */
			int cur_row, cur_col; /* highlighted cell, -1 for none */
			double lo, hi;     /* rating scale */
		} matrix;
		struct {
			int n, k;
			char **labels;     /* n */
			unsigned char *side; /* n, enum view_side */
			double *values;    /* n x k */
		} vectors;
		struct {
			char *user, *item;
			/* Where the update stands (view_sgd_where says it): in
			 * an epoch (trace), update index+1 of count in epoch
			 * `epoch`; a `step` (manual 1) stands after `epoch`
			 * epochs, on rating index+1 of the count of an epoch. */
			long index, count;
			int epoch, manual;
			int k;
			double rating, prediction, error, lr, reg;
			double *p_before, *p_after, *q_before, *q_after; /* k each */
		} sgd;
		struct {
			int n;             /* points */
			int frames;        /* >= 1; frame f is x[f*n .. f*n+n-1] */
			char **labels;     /* n */
			unsigned char *side; /* n, enum view_side */
			double *x, *y;     /* frames x n */
			char **frame_labels; /* frames, e.g. "epoch 3"; may be NULL */
		} scatter;
		struct {
			int n_series;
			view_series *series;
			char *xlabel, *ylabel;
			/* Log axes and labelled points (view_axis.c): xlog/ylog 1
			 * draws that axis in powers of ten (positive values only). */
			int xlog, ylog;
			int n_marks;
			view_mark *marks;
			/* A marked x (view_lines.c): a vertical line across the
			 * chart, its label beside the top ("overfitting starts"). */
			int has_vline;
			double vline_x;
			char *vline_label;
		} line;
		struct {
			int n;
			char **labels;
			double *values;
			char *fmt;         /* printf format for values, e.g. "%.3f" */
		} bar;
		struct {
			int bins;
			double *edges;     /* bins + 1 */
			double *counts;    /* bins */
		} hist;
		/* --- VIEW_GROUPS (view_groups.c) ----------------------------- */
		/* Each group is drawn on its own scale (its largest |value|), so
		 * RMSE and bytes can stand side by side; series are the legend. */
		struct {
			int n_groups, n_series;
			char **groups;     /* n_groups: the measures, "RMSE" */
			signed char *better; /* n_groups: -1 lower is better, 1 higher, 0 neither */
			char **fmts;       /* n_groups: printf format of one value */
			char **series;     /* n_series: "knn-user", "biased" */
			double *values;    /* n_groups x n_series; NaN: not measured */
		} groups;
		/* --- VIEW_LEVELS (view_levels.c): a quantizer's grid ---------- */
		/* Each value on the line of levels, with the level it moved to. */
		struct {
			int n_levels, n;
			double *levels;    /* n_levels, ascending */
			double *values;    /* n */
			double *stored;    /* n: the level each value is stored as */
			char **labels;     /* n: "dim 0" */
		} levels;
		/* --- VIEW_ARROWS (view_arrows.c): vectors that move, in 2D ---- */
		/* Entry i is a path through the points start[i] .. start[i+1]-1
		 * of x and y, from where a vector was to where it is now (one
		 * point: it stayed). head 1 ends the path in the side's marker (a
		 * vector that moved), head 0 in a tip (a pull on the vector at
		 * the path's start, as `tug` draws). tone colours a pull: 1 toward
		 * the one who pulls, -1 away, 0 the side's colour. Both renderers
		 * lay the map out with chart_arrows (chart.h). */
		struct {
			int n, n_pts;
			char **labels;         /* n */
			unsigned char *side;   /* n, enum view_side */
			unsigned char *head;   /* n */
			signed char *tone;     /* n */
			int *start;            /* n + 1 */
			double *x, *y;         /* n_pts */
			char *note;            /* what the arrows mean, under the map; may be NULL */
		} arrows;
		/* --- VIEW_SHAPE (view_shape.c): the lecture's picture of MF -- */
		/* The real sizes; view_shape_layout draws the boxes to scale. */
		struct {
			double users, items;   /* R's rows and columns */
			int k;                 /* U's columns, V's rows */
			double ratings;        /* R's filled cells */
			double dense_bytes;    /* R as a dense float32 table */
			double u_bytes, v_bytes; /* U and V as float32 */
			double ratings_bytes;  /* the ratings as (user, item, rating) triplets */
			double filled;         /* ratings / (users x items) */
			double ratio;          /* dense_bytes / (u_bytes + v_bytes) */
			char *item_word;       /* "items", "movies" */
		} shape;
		/* VIEW_HEAT uses u.matrix: a cell per rating (values and state),
		 * drawn as a ramp by value (view_heat_level); predicted cells
		 * paler, blanks dark; lo and hi are the rating scale. */
	} u;
};

/* Constructors: the view owns copies of everything passed in. */
view *view_text(const char *title, const char *body);
view *view_pre(const char *title, const char *body); /* preformatted */
view *view_error(const char *body); /* an expected error (text.error = 1) */
view *view_table(const char *title, int rows, int cols);
void view_table_set(view *v, int row, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void view_table_header(view *v, int col, const char *name, char align);
view *view_matrix(const char *title, int rows, int cols);
view *view_vectors(const char *title, int n, int k);
view *view_sgd(const char *user, const char *item, int k);
/* "update 7 of 33 in epoch 11", or for a step "update after epoch 10
 * (rating 7 of 33)", "update before any epoch (...)". */
void view_sgd_where(const view *v, char *buf, size_t size);
view *view_scatter(const char *title, int n, int frames);
view *view_line(const char *title, int n_series);
int view_line_series(view *v, int s, const char *name, int n, const double *x, const double *y);
/* Line charts' axes and marks (view_axis.c): add a labelled point; a value
 * as the chart shows it (log10 on a log axis, NaN where it cannot be); a
 * number for an axis ("1", "99", "10k", "1M", "0.262"); the ticks to label
 * between lo and hi (powers of ten on a log axis, else none), at most max. */
int view_line_mark(view *v, double x, double y, const char *label, int series);
double view_line_tx(const view *v, double x);
double view_line_ty(const view *v, double y);
void view_axis_num(double x, char *buf, size_t size);
int view_axis_ticks(double lo, double hi, int log, double *ticks, int max);
view *view_bar(const char *title, int n, const char *fmt);
view *view_hist(const char *title, int bins);
/* Grouped bars (view_groups.c): name the groups and series, then set values. */
view *view_groups(const char *title, int n_groups, int n_series);
void view_groups_group(view *v, int g, const char *name, const char *fmt, int better);
void view_groups_series(view *v, int s, const char *name);
void view_groups_set(view *v, int g, int s, double value);
/* What both renderers need: a group's scale (its largest |value|), its best
 * series (-1 when it has no direction or fewer than two values), and a
 * value as text (fmt "bytes": B, kB, MB; NaN: "-"). */
double view_groups_max(const view *v, int g);
int view_groups_best(const view *v, int g);
void view_groups_format(const view *v, int g, double x, char *buf, size_t size);
/* Values on a grid of levels (view_levels.c); the caller fills the arrays. */
view *view_levels(const char *title, int n_levels, int n);
/* Both renderers' layout: the span drawn (levels and values), and the
 * column of x on an axis of cols columns. */
void view_levels_range(const view *v, double *lo, double *hi);
int view_levels_col(const view *v, double x, int cols);
/* Arrows (view_arrows.c): an empty map, then one entry per vector or pull
 * (a path of n >= 1 points, oldest first); add returns 0, or -1 when out
 * of memory. The note is copied. */
view *view_arrows(const char *title);
int view_arrows_add(view *v, const char *label, int side, int head, int tone, int n,
		    const double *x, const double *y);
int view_arrows_note(view *v, const char *note);
/* The real matrix (lesson 13). A shape view, and where its boxes go in a
 * picture cols columns wide (both renderers draw the same boxes): a box's
 * cells from (col, row), w x h with its border. */
view *view_shape(const char *title, double users, double items, int k, double ratings,
		 const char *item_word);
typedef struct view_box {
	int col, row, w, h;
} view_box;
typedef struct view_shape_lay {
	view_box r, u, v;     /* R, U and V */
	int eq_col, dot_col;  /* the columns of "=" and "." between them */
	int rows;             /* the picture's height */
} view_shape_lay;
int view_shape_layout(const view *v, int cols, view_shape_lay *lay);
/* Cell (x, y) of R's inside (w x h cells) is drawn filled: about the
 * filled share of the cells, spread evenly. */
int view_shape_filled(const view *v, int x, int y, int w, int h);
/* Bytes for people ("950 B", "24.4 kB", "23.7 MB"), counts with thousands
 * separators ("9,724"). */
void view_bytes(double bytes, char *buf, size_t size);
void view_count(double n, char *buf, size_t size);
/* A heat map of rows x cols cells (a VIEW_HEAT over u.matrix); the
 * level 0..7 of a value on the scale lo..hi, and the glyph of a cell
 * (blank, known rating or prediction, by its level). */
view *view_heat(const char *title, int rows, int cols);
int view_heat_level(const view *v, double value);
const char *view_heat_glyph(const view *v, int row, int col, int ascii);
/* Line charts of several runs (view_lines.c): series s failed at x (a
 * cross where it stopped); a vertical line at x with its label. Both
 * return 0, or -1 when out of memory or out of range. */
int view_line_failed(view *v, int s, double x);
int view_line_vline(view *v, double x, const char *label);

/* Append b (a list) to the list *a. */
void view_append(view **a, view *b);
void view_free(view **v);

#endif

/* format.c: text, CSV and JSON output (see format.h). */
#include "cli/format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lab/view/uwidth.h"

int fmt_parse_kind(const char *s, fmt_kind *out)
{
	if (!strcmp(s, "text"))
		*out = FMT_TEXT;
	else if (!strcmp(s, "csv"))
		*out = FMT_CSV;
	else if (!strcmp(s, "json"))
		*out = FMT_JSON;
	else
		return -1;
	return 0;
}

/* --- tables ------------------------------------------------------------------ */

typedef struct cell {
	char *text;     /* as shown in text and CSV; NULL when missing */
	int is_num, is_int;
	double num;
} cell;

typedef struct column {
	char *header;
	char align;
} column;

struct fmt_table {
	column *cols;
	int n_cols;
	cell *cells;    /* row-major, n_rows x n_cols */
	int n_rows, cap_rows;
	int filled;     /* cells filled in the last row */
};

fmt_table *fmt_table_new(void)
{
	return calloc(1, sizeof(fmt_table));
}

void fmt_table_free(fmt_table **pt)
{
	if (!pt || !*pt)
		return;
	fmt_table *t = *pt;
	for (int c = 0; c < t->n_cols; c++)
		free(t->cols[c].header);
	for (int i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i].text);
	free(t->cols);
	free(t->cells);
	free(t);
	*pt = NULL;
}

int fmt_table_column(fmt_table *t, const char *header, char align)
{
	if (t->n_rows)
		return -1;
	column *c = realloc(t->cols, (size_t)(t->n_cols + 1) * sizeof *c);
	if (!c)
		return -1;
	t->cols = c;
	c[t->n_cols].header = strdup(header);
	c[t->n_cols].align = align == 'r' ? 'r' : 'l';
	if (!c[t->n_cols].header)
		return -1;
	t->n_cols++;
	return 0;
}

int fmt_table_row(fmt_table *t)
{
	if (t->n_rows == t->cap_rows) {
		int cap = t->cap_rows ? t->cap_rows * 2 : 16;
		cell *c = realloc(t->cells, (size_t)cap * (size_t)t->n_cols * sizeof *c);
		if (!c)
			return -1;
		t->cells = c;
		t->cap_rows = cap;
	}
	memset(t->cells + (size_t)t->n_rows * t->n_cols, 0, (size_t)t->n_cols * sizeof *t->cells);
	t->n_rows++;
	t->filled = 0;
	return 0;
}

static cell *next_cell(fmt_table *t)
{
	if (!t->n_rows || t->filled >= t->n_cols)
		return NULL;
	return &t->cells[(size_t)(t->n_rows - 1) * t->n_cols + t->filled++];
}

int fmt_table_text(fmt_table *t, const char *s)
{
	cell *c = next_cell(t);
	if (!c)
		return -1;
	c->text = s ? strdup(s) : NULL;
	return 0;
}

int fmt_table_num(fmt_table *t, double v, int decimals)
{
	cell *c = next_cell(t);
	if (!c)
		return -1;
	c->is_num = 1;
	c->num = v;
	if (isfinite(v)) {
		char buf[64];
		snprintf(buf, sizeof buf, "%.*f", decimals, v);
		c->text = strdup(buf);
	}
	return 0;
}

int fmt_table_int(fmt_table *t, long v)
{
	cell *c = next_cell(t);
	if (!c)
		return -1;
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", v);
	c->is_num = c->is_int = 1;
	c->num = (double)v;
	c->text = strdup(buf);
	return 0;
}

static const cell *cell_at(const fmt_table *t, int r, int c)
{
	return &t->cells[(size_t)r * t->n_cols + c];
}

static void pad(FILE *out, int n)
{
	while (n-- > 0)
		fputc(' ', out);
}

static void print_text(const fmt_table *t, int n_cols, FILE *out)
{
	int *w = calloc((size_t)n_cols + 1, sizeof *w);
	if (!w)
		return;
	for (int c = 0; c < n_cols; c++) {
		w[c] = uw_width(t->cols[c].header);
		for (int r = 0; r < t->n_rows; r++) {
			const char *s = cell_at(t, r, c)->text;
			int cw = uw_width(s ? s : "-");
			if (cw > w[c])
				w[c] = cw;
		}
	}
	for (int r = -1; r < t->n_rows; r++) {
		for (int c = 0; c < n_cols; c++) {
			const char *s = r < 0 ? t->cols[c].header : cell_at(t, r, c)->text;
			if (!s)
				s = "-";
			int gap = w[c] - uw_width(s);
			int last = c == n_cols - 1;
			if (c)
				fputs("  ", out);
			if (t->cols[c].align == 'r')
				pad(out, gap);
			fputs(s, out);
			if (t->cols[c].align != 'r' && !last)
				pad(out, gap);
		}
		fputc('\n', out);
	}
	free(w);
}

void fmt_csv_field(FILE *out, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	int quote = strpbrk(s, ",\"\r\n") != NULL || (n && (s[0] == ' ' || s[n - 1] == ' '));
	if (!quote) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void print_csv(const fmt_table *t, FILE *out)
{
	for (int r = -1; r < t->n_rows; r++) {
		for (int c = 0; c < t->n_cols; c++) {
			if (c)
				fputc(',', out);
			const cell *x = r < 0 ? NULL : cell_at(t, r, c);
			if (x && x->is_num && !x->is_int && isfinite(x->num))
				fprintf(out, "%.10g", x->num); /* the precision of JSON */
			else
				fmt_csv_field(out, x ? x->text : t->cols[c].header);
		}
		fputc('\n', out);
	}
}

void fmt_table_print(const fmt_table *t, fmt_kind kind, FILE *out)
{
	if (kind == FMT_TEXT) {
		print_text(t, t->n_cols, out);
	} else if (kind == FMT_CSV) {
		print_csv(t, out);
	} else {
		fmt_json j;
		fmt_json_init(&j, out);
		fmt_json_table(&j, NULL, t);
		fmt_json_finish(&j);
	}
}

void fmt_table_print_text_cols(const fmt_table *t, int n_cols, FILE *out)
{
	print_text(t, n_cols < t->n_cols ? n_cols : t->n_cols, out);
}

/* Columns the text form of the first n_cols columns takes. */
static int text_width(const fmt_table *t, int n_cols)
{
	int total = 0;
	for (int c = 0; c < n_cols; c++) {
		int w = uw_width(t->cols[c].header);
		for (int r = 0; r < t->n_rows; r++) {
			const char *s = cell_at(t, r, c)->text;
			int cw = uw_width(s ? s : "-");
			if (cw > w)
				w = cw;
		}
		total += w + (c ? 2 : 0);
	}
	return total;
}

/* Rows become columns: the first column's cells head them, the other
 * columns' headers label the rows. Every cell keeps its text. */
static fmt_table *transpose(const fmt_table *t)
{
	fmt_table *x = fmt_table_new();
	if (!x || fmt_table_column(x, t->cols[0].header, 'l') < 0)
		goto fail;
	for (int r = 0; r < t->n_rows; r++) {
		const char *h = cell_at(t, r, 0)->text;
		if (fmt_table_column(x, h ? h : "-", 'r') < 0)
			goto fail;
	}
	for (int c = 1; c < t->n_cols; c++) {
		if (fmt_table_row(x) < 0 || fmt_table_text(x, t->cols[c].header) < 0)
			goto fail;
		for (int r = 0; r < t->n_rows; r++)
			if (fmt_table_text(x, cell_at(t, r, c)->text) < 0)
				goto fail;
	}
	return x;
fail:
	fmt_table_free(&x);
	return NULL;
}

void fmt_table_print_text_fit(const fmt_table *t, int width, FILE *out)
{
	fmt_table *x = NULL;
	if (t->n_cols > 1 && text_width(t, t->n_cols) > width)
		x = transpose(t);
	if (x && text_width(x, x->n_cols) < text_width(t, t->n_cols))
		print_text(x, x->n_cols, out);
	else
		print_text(t, t->n_cols, out);
	fmt_table_free(&x);
}

int fmt_table_n_rows(const fmt_table *t)
{
	return t->n_rows;
}

const char *fmt_table_cell_text(const fmt_table *t, int row, int col)
{
	if (row < 0 || row >= t->n_rows || col < 0 || col >= t->n_cols)
		return "-";
	const char *s = cell_at(t, row, col)->text;
	return s ? s : "-";
}

/* --- prose ------------------------------------------------------------------- */

/* Whether line (n bytes) continues a description at column h: h spaces,
 * then words with no gap of two spaces among them. */
static int continues_at(const char *line, size_t n, int h)
{
	int lead = 0;
	while ((size_t)lead < n && line[lead] == ' ')
		lead++;
	if (lead != h || (size_t)lead == n)
		return 0;
	for (size_t i = (size_t)lead; i + 1 < n; i++)
		if (line[i] == ' ' && line[i + 1] == ' ')
			return 0;
	return 1;
}

void fmt_wrap_hang(FILE *out, const char *text, int width)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = malloc(strlen(p) + 1), hang[128];
		if (!line)
			return;
		memcpy(line, p, n);
		line[n] = '\0';
		p += n + (nl != NULL);
		int h = uw_hang(line, width);
		/* "Usage: latentlab CMD ARGS" (in any language) continues under
		 * its ARGS, as the hand-wrapped usage lines do. */
		const char *sp = strchr(line, ' ');
		if (h == 0 && sp && sp > line && sp[-1] == ':' && !strncmp(sp, " latentlab ", 11)) {
			const char *args = strchr(sp + 11, ' ');
			if (args)
				h = uw_width_n(line, (size_t)(args + 1 - line));
			if (h >= width / 2)
				h = 0;
		}
		/* A line too long takes the lines that continue its description
		 * along, so the words wrap as one sentence, not a short row each;
		 * lines that fit stay as they are. */
		if (h > 0 && uw_width(line) > width) {
			while (*p) {
				const char *e = strchr(p, '\n');
				size_t m = e ? (size_t)(e - p) : strlen(p);
				if (!continues_at(p, m, h))
					break;
				line[n++] = ' ';
				memcpy(line + n, p + h, m - (size_t)h);
				n += m - (size_t)h;
				line[n] = '\0';
				p += m + (e != NULL);
			}
		}
		snprintf(hang, sizeof hang, "%*s", h < (int)sizeof hang ? h : 0, "");
		uw_fwrap(out, line, width, hang); /* one line: no newline in it */
		free(line);
	}
}

void fmt_reflow(FILE *out, const char *text, int width)
{
	const char *p = text;
	for (; *p == '\n'; p++)
		fputc('\n', out);
	char *para = malloc(strlen(p) + 1);
	if (!para)
		return;
	while (*p) {
		size_t n = 0;
		/* One paragraph: up to a blank line, each line break a space. */
		for (; *p && !(p[0] == '\n' && p[1] == '\n'); p++)
			para[n++] = *p == '\n' ? ' ' : *p;
		while (n && para[n - 1] == ' ')
			n--;
		para[n] = '\0';
		if (n)
			uw_fwrap(out, para, width, NULL); /* no newline left in it */
		else
			fputc('\n', out);
		if (*p == '\n')
			p++; /* the end of the paragraph's last line */
		for (; *p == '\n'; p++)
			fputc('\n', out); /* the blank lines after it */
	}
	free(para);
}

/* --- JSON ---------------------------------------------------------------------- */

void fmt_json_escape(FILE *out, const char *s)
{
	fputc('"', out);
	while (s && *s) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == '"' || ch == '\\') {
			switch (ch) {
			case '"': fputs("\\\"", out); break;
			case '\\': fputs("\\\\", out); break;
			case '\n': fputs("\\n", out); break;
			case '\r': fputs("\\r", out); break;
			case '\t': fputs("\\t", out); break;
			case '\b': fputs("\\b", out); break;
			case '\f': fputs("\\f", out); break;
			default: fprintf(out, "\\u%04x", ch); break;
			}
			s++;
			continue;
		}
		if (ch < 0x80) {
			fputc(ch, out);
			s++;
			continue;
		}
		uint32_t cp;
		int len = uw_decode(s, &cp);
		/* A real U+FFFD is three bytes; a one-byte U+FFFD was an invalid byte. */
		if (cp == 0xFFFD && len != 3)
			fputs("\\ufffd", out);
		else
			fwrite(s, 1, (size_t)len, out);
		s += len;
	}
	fputc('"', out);
}

void fmt_json_init(fmt_json *j, FILE *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
}

static void indent(fmt_json *j)
{
	fputc('\n', j->out);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* Comma, newline, indent and "key": before a value. */
static void member(fmt_json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->count[j->depth]++)
			fputc(',', j->out);
		indent(j);
	}
	if (key && j->depth > 0) {
		fmt_json_escape(j->out, key);
		fputs(": ", j->out);
	}
}

static void open_level(fmt_json *j, const char *key, char ch)
{
	member(j, key);
	fputc(ch, j->out);
	if (j->depth + 1 < FMT_JSON_DEPTH)
		j->depth++;
	j->count[j->depth] = 0;
}

static void close_level(fmt_json *j, char ch)
{
	int had = j->count[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	fputc(ch, j->out);
}

void fmt_json_begin_object(fmt_json *j, const char *key) { open_level(j, key, '{'); }
void fmt_json_end_object(fmt_json *j) { close_level(j, '}'); }
void fmt_json_begin_array(fmt_json *j, const char *key) { open_level(j, key, '['); }
void fmt_json_end_array(fmt_json *j) { close_level(j, ']'); }

void fmt_json_string(fmt_json *j, const char *key, const char *s)
{
	member(j, key);
	if (s)
		fmt_json_escape(j->out, s);
	else
		fputs("null", j->out);
}

void fmt_json_number(fmt_json *j, const char *key, double v)
{
	member(j, key);
	if (isfinite(v))
		fprintf(j->out, "%.10g", v);
	else
		fputs("null", j->out);
}

void fmt_json_int(fmt_json *j, const char *key, long v)
{
	member(j, key);
	fprintf(j->out, "%ld", v);
}

void fmt_json_bool(fmt_json *j, const char *key, int v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->out);
}

void fmt_json_null(fmt_json *j, const char *key)
{
	member(j, key);
	fputs("null", j->out);
}

void fmt_json_table(fmt_json *j, const char *key, const fmt_table *t)
{
	fmt_json_begin_array(j, key);
	for (int r = 0; r < t->n_rows; r++) {
		fmt_json_begin_object(j, NULL);
		for (int c = 0; c < t->n_cols; c++) {
			const cell *x = cell_at(t, r, c);
			if (x->is_num)
				fmt_json_number(j, t->cols[c].header, x->num);
			else
				fmt_json_string(j, t->cols[c].header, x->text);
		}
		fmt_json_end_object(j);
	}
	fmt_json_end_array(j);
}

void fmt_json_finish(fmt_json *j)
{
	fputc('\n', j->out);
}

/* format.h: output for batch subcommands as aligned text, CSV or JSON.
 *
 * A table is filled cell by cell (text or numbers) and printed in any of the
 * three forms: text with columns aligned by terminal width (so Hangul titles
 * line up), RFC 4180 CSV, or a JSON array of objects keyed by the headers.
 * A small JSON writer builds whole documents with correct commas, indents
 * and string escapes. NaN numbers print as "-" in text, empty in CSV and
 * null in JSON. Text rounds numbers to their `decimals`; CSV and JSON keep
 * 10 significant digits, the same in both. The text around a table
 * (headings, notes, --help) is wrapped to FMT_WIDTH terminal columns, so
 * every text output fits an 80-column terminal in either language. */
#ifndef LL_FORMAT_H
#define LL_FORMAT_H

#include <stdio.h>

typedef enum fmt_kind { FMT_TEXT, FMT_CSV, FMT_JSON } fmt_kind;

/* "text", "csv" or "json"; returns 0, or -1 for anything else. */
int fmt_parse_kind(const char *s, fmt_kind *out);

/* --- tables --------------------------------------------------------------- */

typedef struct fmt_table fmt_table;

fmt_table *fmt_table_new(void);
void fmt_table_free(fmt_table **t);
/* Add a column; align is 'l' or 'r'. Columns come before the first row. */
int fmt_table_column(fmt_table *t, const char *header, char align);
/* Start a new row; cells then fill it left to right. */
int fmt_table_row(fmt_table *t);
int fmt_table_text(fmt_table *t, const char *s);
/* A number shown with `decimals` places (NaN: missing). */
int fmt_table_num(fmt_table *t, double v, int decimals);
int fmt_table_int(fmt_table *t, long v);

void fmt_table_print(const fmt_table *t, fmt_kind kind, FILE *out);
/* The text form of the first n_cols columns only, for a wide column shown
 * another way (under the table, wrapped). */
void fmt_table_print_text_cols(const fmt_table *t, int n_cols, FILE *out);
/* The text form, or, when that is wider than width columns and its
 * transpose (a row per column, the first column's cells as headings) is
 * narrower, the transpose: a table of many measures then reads down. */
void fmt_table_print_text_fit(const fmt_table *t, int width, FILE *out);
int fmt_table_n_rows(const fmt_table *t);
/* A cell's text as the text form shows it ("-" when missing). */
const char *fmt_table_cell_text(const fmt_table *t, int row, int col);

/* --- prose ------------------------------------------------------------------ */

/* The width text output keeps to, in terminal columns (Hangul counts 2). */
#define FMT_WIDTH 80

/* Prose is wrapped by uw_fwrap (lab/view/uwidth.h): a continuation prefix
 * such as "# " keeps a comment a comment, spaces hang a list's entries. */
/* Preformatted text (a --help) wrapped to width columns line by line,
 * each long line's continued rows under its description (uw_hang: after
 * its first gap of two spaces, else under its own indentation). */
void fmt_wrap_hang(FILE *out, const char *text, int width);
/* text reflowed to width columns: within a paragraph (lines up to a blank
 * line) a line break is a space, so a sentence whose words came out longer
 * than its translator's line wraps whole. Newlines before the first word
 * and blank lines are kept; the output ends with a newline. */
void fmt_reflow(FILE *out, const char *text, int width);

/* --- strings ---------------------------------------------------------------- */

/* s as a JSON string literal with quotes; invalid UTF-8 becomes \ufffd. */
void fmt_json_escape(FILE *out, const char *s);
/* s as one CSV field, quoted when it must be. */
void fmt_csv_field(FILE *out, const char *s);

/* --- JSON documents --------------------------------------------------------- */

#define FMT_JSON_DEPTH 32

typedef struct fmt_json {
	FILE *out;
	int depth;
	int count[FMT_JSON_DEPTH]; /* members written at each level */
} fmt_json;

void fmt_json_init(fmt_json *j, FILE *out);
/* key is the member name inside an object, NULL inside an array or at the top. */
void fmt_json_begin_object(fmt_json *j, const char *key);
void fmt_json_end_object(fmt_json *j);
void fmt_json_begin_array(fmt_json *j, const char *key);
void fmt_json_end_array(fmt_json *j);
void fmt_json_string(fmt_json *j, const char *key, const char *s);
/* NaN and infinities are written as null (JSON has no such numbers). */
void fmt_json_number(fmt_json *j, const char *key, double v);
void fmt_json_int(fmt_json *j, const char *key, long v);
void fmt_json_bool(fmt_json *j, const char *key, int v);
void fmt_json_null(fmt_json *j, const char *key);
/* The table as an array of objects (one per row). */
void fmt_json_table(fmt_json *j, const char *key, const fmt_table *t);
/* After the top-level value: a final newline. */
void fmt_json_finish(fmt_json *j);

#endif

/* import_impl.h: what the readers of import (import_read.c for CSV and
 * the choice of format, import_json.c, import_npy.c) share. Callers use
 * cmd_import.h. */
#ifndef LL_IMPORT_IMPL_H
#define LL_IMPORT_IMPL_H

#include "lab/cmd/cmd_import.h"

/* What a CSV column or a JSON key is, by its name: the row's index, its
 * id, a title, or a number (*num: f0 is 0, a bias 0). */
enum import_role { R_UNKNOWN, R_INDEX, R_ID, R_TITLE, R_NUMBER };
enum import_role import_role_of(const char *name, import_kind kind, int *num);
/* The names a kind of file has, for messages. */
const char *import_expected(import_kind kind);

/* A decimal number, the same in every locale and correctly rounded: 0, -1
 * not a number, -2 NaN or infinite. */
int import_parse_number(const char *s, double *out);
/* Room in t for one more row of k numbers, within the bounds. */
int import_grow(import_table *t, int *cap, int k, const char *path, ll_error *err);

/* The readers, each into a zeroed t; 0 or -1 with "path:line: ...". */
int import_read_csv(const char *path, import_kind kind, import_table *t, ll_error *err);
int import_read_json(const char *path, import_kind kind, import_table *t, ll_error *err);
int import_read_npy(const char *path, import_kind kind, import_table *t, ll_error *err);

#endif

/* serve_cmds.h: the lab commands of serving (lesson 25): `store` (the
 * current model's vectors into a SQLite store), `serve start|stop` (the
 * inference API in the background on a free 127.0.0.1 port), `request`
 * (one request answered and timed), `traffic` (a bounded Zipf stream
 * through the load generator) and `overlap` (two stores' top n compared).
 *
 * The lab never includes serve/, so these rows reach it by inversion: the
 * program calls serve_cmds_register once at start-up (src/cli/lab_cmds.c),
 * which hands the table to lab_register_cmds. A session's server is its
 * state under lab_ext_put: stopped by `serve stop`, by lab_reset and
 * lab_free, and by itself after its lifetime. */
#ifndef LL_SERVE_CMDS_H
#define LL_SERVE_CMDS_H

#include "lab/registry.h"

extern const lab_cmd serve_lab_cmds[];

/* lab_register_cmds(serve_lab_cmds): 0, or -1 when the registry refused. */
int serve_cmds_register(void);

#endif

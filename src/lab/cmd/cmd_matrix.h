/* cmd_matrix.h: the real matrix, seen whole (lessons 13 and 16): the
 * words of `show` and `plot` that cmd_matrix.c implements. cmd_data.c's
 * `show` and cmd_plot.c's `plot` rows dispatch to them; their options are
 * declared in those rows. */
#ifndef LL_CMD_MATRIX_H
#define LL_CMD_MATRIX_H

#include "lab/registry.h"

/* show shape [k=N] [model=NAME]: R (users x items) = U . V with the real
 * sizes and bytes. Sets last.shape.*, last.users, last.items, last.k. */
int lab_show_shape(lab_call *c, view **out, ll_error *err);
/* plot popularity [of=items|users] [scale=log|linear] [bins=N]: the long
 * tail. Sets last.popularity.median, .max, .once, .top_share. */
int lab_plot_popularity(lab_call *c, view **out, ll_error *err);
/* plot matrix [users=N] [items=N] [order=activity|id|random] [model=NAME]:
 * a corner as a heat map. Sets last.filled. */
int lab_plot_matrix(lab_call *c, view **out, ll_error *err);
/* plot norms [model=NAME] [x=ratings|mean] [n=N]: each item's vector length
 * against its ratings. Sets last.norms.corr_count and .corr_mean. */
int lab_plot_norms(lab_call *c, view **out, ll_error *err);

#endif

/* view_intl.h: the words the views write, marked for translation.
 *
 * lab/view includes nothing above libc, so it marks its text itself, the
 * way engine/core/intl.h does for everyone else: gettext is glibc's (and
 * libintl's elsewhere), and the catalogue lab/lang.c binds at start-up
 * serves these strings too. Only the .c files of lab/view include this. */
#ifndef LL_VIEW_INTL_H
#define LL_VIEW_INTL_H

#include <libintl.h>

#define _(s) gettext(s)

#endif

/* intl.h: marking text a person reads for translation (GNU gettext).
 *
 * _("...") translates at run time; N_("...") marks a string in a table,
 * translated where it is shown (_(row->summary)). Whole sentences with
 * placeholders, never pieces glued together. The catalogues are po/LANG.po;
 * src/lab/lang.c binds them at start-up. */
#ifndef LL_INTL_H
#define LL_INTL_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif

/* rights_impl.h - what rights.c and rights_export.c share.  Not a public
 * header: it reads client data without a decision of its own, so only
 * code that has taken one (client_access.h) in the open transaction may
 * call it. */
#ifndef WB_RIGHTS_IMPL_H
#define WB_RIGHTS_IMPL_H

#include "domain/rights.h"

/* The client's correction requests into `a`, newest first. */
int	wb_rights_corrections_read(struct wb_db *db, int64_t client_id,
	    struct wb_arena *a, struct wb_correction **out, size_t *n,
	    struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_RIGHTS_IMPL_H */

/* err.h - error codes and the caller-owned error detail.
 *
 * Fallible functions return 0 on success or a negative WB_E* code, and put
 * detail in a struct wb_err the caller owns.  For WB_EINVAL the message is a
 * Dutch sentence meant for the user (it never contains personal data) and
 * `field` names the form field it concerns; for every other code the message
 * is for the log only and the user sees a generic page with the request id.
 */
#ifndef WB_ERR_H
#define WB_ERR_H

#include "base/common.h"

enum {
	WB_OK = 0,
	WB_EINVAL = -1,		/* bad input; msg is for the user */
	WB_ENOTFOUND = -2,	/* no such object (or not visible to the actor) */
	WB_EDENIED = -3,	/* role or consent does not allow it */
	WB_ECONFLICT = -4,	/* duplicate or stale */
	WB_EBUSY = -5,		/* locked out / retry later */
	WB_EDB = -6,		/* database failure */
	WB_EIO = -7,		/* file or network failure */
	WB_ETOOBIG = -8,	/* a declared limit was exceeded */
};

struct wb_err {
	int	 code;
	char	 field[48];	/* form field the error concerns, or "" */
	char	 msg[512];
};

/* Fill *err (when not NULL) and return `code`, so callers can write
 * `return wb_err_set(err, WB_EINVAL, "...")`. */
int	wb_err_set(struct wb_err *err, int code, const char *fmt, ...)
	    WB_PRINTF(3, 4);

/* Like wb_err_set, naming the form field the message belongs to. */
int	wb_err_field(struct wb_err *err, int code, const char *field,
	    const char *fmt, ...) WB_PRINTF(4, 5);

/* Reset *err to "no error". */
void	wb_err_clear(struct wb_err *err);

/* A short English name of a code, for logs ("EINVAL"). */
const char *wb_err_name(int code);

#endif /* WB_ERR_H */

/* err.c - error detail helpers. */
#include "base/err.h"

static int
vset(struct wb_err *err, int code, const char *field, const char *fmt,
    va_list ap)
{
	if (err == NULL)
		return code;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	(void)vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return code;
}

int
wb_err_set(struct wb_err *err, int code, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	code = vset(err, code, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int
wb_err_field(struct wb_err *err, int code, const char *field,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	code = vset(err, code, field, fmt, ap);
	va_end(ap);
	return code;
}

void
wb_err_clear(struct wb_err *err)
{
	if (err == NULL)
		return;
	err->code = 0;
	err->field[0] = '\0';
	err->msg[0] = '\0';
}

const char *
wb_err_name(int code)
{
	switch (code) {
	case WB_OK:		return "OK";
	case WB_EINVAL:		return "EINVAL";
	case WB_ENOTFOUND:	return "ENOTFOUND";
	case WB_EDENIED:	return "EDENIED";
	case WB_ECONFLICT:	return "ECONFLICT";
	case WB_EBUSY:		return "EBUSY";
	case WB_EDB:		return "EDB";
	case WB_EIO:		return "EIO";
	case WB_ETOOBIG:	return "ETOOBIG";
	default:		return "EUNKNOWN";
	}
}

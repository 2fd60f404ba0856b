/* form.h - strict decoder for urlencoded form bodies and query strings.
 *
 * wb_form_decode() turns an application/x-www-form-urlencoded body, or the
 * raw (still percent-encoded) query string of a URL, into name/value pairs.
 * It accepts the whole input or nothing: a malformed %-escape, a control
 * character, invalid UTF-8 or a passed limit (limits.h) fails the whole
 * decode and returns no fields.  Names and values are NUL-terminated copies
 * in the caller's arena and live as long as that arena; the decoder keeps no
 * pointer to the input.  Duplicate names are kept in input order (multi-select
 * boxes), so wb_form_get() returns the first one.
 */
#ifndef WB_FORM_H
#define WB_FORM_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"

struct wb_field {
	const char	*name;		/* NUL-terminated, arena-owned */
	size_t		 name_len;
	const char	*value;		/* NUL-terminated, arena-owned */
	size_t		 value_len;
};

struct wb_fields {
	struct wb_field	*v;		/* arena-owned; NULL when n == 0 */
	size_t		 n;
};

/* Decode s[0..n) strictly into arena copies; on error *out is empty.
 * '+' decodes to a space; empty pairs ("a=1&&b=2", a trailing '&') are
 * skipped; a pair without '=' has the value "".  A name must be non-empty,
 * valid UTF-8 without any control character and at most WB_MAX_NAME bytes;
 * a value must be valid UTF-8 whose only control characters are TAB, CR and
 * LF, and at most WB_MAX_FIELD bytes (both after decoding).
 * Errors: WB_EINVAL (bad escape, bad character, empty or too-long name,
 * too-long value; err->field names the field when it is known), WB_ETOOBIG
 * (input longer than WB_MAX_BODY, more than WB_MAX_FIELDS pairs). */
int	wb_form_decode(struct wb_arena *a, const char *s, size_t n,
	    struct wb_fields *out, struct wb_err *err) WB_WARN_UNUSED;

/* The first field called `name`, or NULL when there is none. */
const struct wb_field *wb_form_get(const struct wb_fields *f,
	    const char *name);

/* Append s[0..n) percent-encoded to `out`: the RFC 3986 unreserved
 * characters A-Z a-z 0-9 - . _ ~ are kept, every other byte (space too)
 * becomes %XX, so the result is safe in a path segment, a query and a form
 * body. */
void	wb_form_encode(struct wb_buf *out, const char *s, size_t n);

#endif /* WB_FORM_H */

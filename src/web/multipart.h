/* multipart.h - strict decoder for multipart/form-data bodies (RFC 7578).
 *
 * wb_multipart_decode() turns the body of an upload form into the same
 * name/value pairs as wb_form_decode() (web/form.h), so the router treats
 * both kinds of form alike: the same struct wb_fields, the same
 * undeclared-parameter and duplicate rules, the same CSRF field.  It
 * accepts the whole body or nothing; on any error *out is empty.
 *
 * What is accepted (what browsers send, nothing more):
 *  - Content-Type "multipart/form-data" with exactly one boundary
 *    parameter (token or quoted), 1..70 characters from RFC 2046's bchars,
 *    not ending in a space; other well-formed parameters are ignored;
 *  - a body that starts with the first delimiter (no preamble), CRLF line
 *    ends only, and ends with the close delimiter and at most one CRLF
 *    (no epilogue);
 *  - per part: a Content-Disposition header `form-data; name="..."` with
 *    an optional `filename="..."` (no other parameters, each once), and an
 *    optional Content-Type; no other headers, no folded lines, each header
 *    line at most WB_MULTIPART_MAX_HEADER bytes of UTF-8 text;
 *  - at most WB_MAX_FIELDS parts, names of 1..WB_MAX_NAME bytes without
 *    control characters, a body of at most WB_MAX_UPLOAD bytes.
 * A part without filename is a text field: at most WB_MAX_FIELD bytes of
 * UTF-8 whose only control characters are TAB, CR and LF.  A part with a
 * filename is a file: any bytes, at most WB_MAX_UPLOAD; the route's declared
 * type decides whether its content is acceptable (a CSV file is WB_P_LINES,
 * which refuses NUL and invalid UTF-8 as a field error).  The file name
 * itself is checked and then dropped: nothing may depend on it.
 *
 * Names and values are NUL-terminated copies in the caller's arena
 * (value_len is exact even if a file holds a NUL byte); nothing points
 * into the body.
 */
#ifndef WB_MULTIPART_H
#define WB_MULTIPART_H

#include "base/arena.h"
#include "base/err.h"
#include "base/str.h"
#include "web/form.h"

#define WB_MULTIPART_MAX_BOUNDARY	70	/* RFC 2046 §5.1.1 */
#define WB_MULTIPART_MAX_HEADER		1024	/* bytes of one part header
						   line */
#define WB_MULTIPART_MAX_FILENAME	255	/* bytes of a file name */

/* The boundary of a multipart/form-data Content-Type value `ct` (the
 * slice points into `ct`).  Errors: WB_EINVAL when the type is not
 * multipart/form-data, the parameters are malformed, or the boundary is
 * missing, repeated, empty, too long or has a character outside bchars. */
int	wb_multipart_boundary(const char *ct, struct wb_str *out,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Decode body[0..n), sent with Content-Type `ct`, into arena copies in
 * *out (on error *out is empty).  Errors: WB_EINVAL (bad Content-Type or
 * boundary, a part that is not terminated, a missing or malformed
 * Content-Disposition, an unknown or repeated part header, a bad name,
 * a text field that is too long or not clean UTF-8, trailing data),
 * WB_ETOOBIG (body or file larger than WB_MAX_UPLOAD, more than
 * WB_MAX_FIELDS parts).  Messages are Dutch and end up in the log; the
 * user sees the generic 400 page. */
int	wb_multipart_decode(struct wb_arena *a, const char *ct,
	    const char *body, size_t n, struct wb_fields *out,
	    struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_MULTIPART_H */

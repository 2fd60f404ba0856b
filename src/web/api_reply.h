/* api_reply.h - what every JSON API handler answers the same way: the
 * error shape, a domain refusal turned into a status, the strict body
 * decode, and keys that are null when there is nothing.
 *
 * Errors are {"error": Dutch message, "request_id": id} with "field"
 * (the API's key) when one field is wrong.  A refusal by the policy is
 * answered exactly like a missing object (the app's 404), so ids cannot
 * be probed.
 */
#ifndef WB_API_REPLY_H
#define WB_API_REPLY_H

#include "web/app.h"
#include "web/json_body.h"

#include <jansson.h>

/* A domain field name and the API key it is reported as. */
struct wb_api_rename {
	const char	*domain, *api;
};

/* The error answer with `status` and, when non-empty, `field`. */
int	wb_api_fail(struct wb_req *req, struct wb_resp *resp, int status,
	    const char *msg, const char *field);

/* A domain result rc other than 0: field errors 400, duplicates and
 * stale data 409 (with the field renamed through renamed[0..n)), a
 * refusal or a missing object WB_ENOTFOUND for the app's 404, the rest
 * as it is. */
int	wb_api_domain(struct wb_req *req, struct wb_resp *resp, int rc,
	    const struct wb_api_rename *renamed, size_t n);

/* Decode the JSON body into *b against decl.  False when it was refused
 * and the answer (415, 400 or 413) has been made.  With `optional` an
 * empty body is an empty object and needs no Content-Type. */
bool	wb_api_read_body(struct wb_req *req, struct wb_resp *resp,
	    const struct wb_jfield *decl, bool optional, struct wb_jbody *b);

/* obj[key] = s, or null when s is NULL or empty. */
void	wb_api_put_str(json_t *obj, const char *key, const char *s);
/* obj[key] = the ISO date of `days`, or null for INT64_MIN. */
void	wb_api_put_date(json_t *obj, const char *key, int64_t days);

#endif /* WB_API_REPLY_H */

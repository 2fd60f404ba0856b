/* router.h - the declarative route table and typed parameters.
 *
 * A route names its method, path pattern ("/regios/{code}"), handler,
 * who may call it and every parameter it accepts.  Before the handler runs
 * the router decodes the query string (GET) or form body (POST), rejects
 * any parameter the route does not declare, and validates each declared
 * one against its type.  Handlers read typed values only (wb_req_str,
 * wb_req_int).  Path segments in braces are parameters too.
 */
#ifndef WB_ROUTER_H
#define WB_ROUTER_H

#include "web/req.h"

struct wb_app;

enum wb_ptype {
	WB_P_TEXT,	/* UTF-8 single line, max = characters */
	WB_P_LINES,	/* UTF-8, newlines allowed (textarea) */
	WB_P_INT,	/* decimal integer in [min, max] */
	WB_P_ENUM,	/* one of values[] */
	WB_P_DATE,	/* dd-mm-jjjj or yyyy-mm-dd, num = days */
	WB_P_EMAIL,
	WB_P_REGION,	/* AMnn */
	WB_P_MUNICIPALITY, /* GMnnnn */
	WB_P_CODE,	/* [A-Za-z0-9_-], max characters */
	WB_P_SECRET,	/* passwords: any UTF-8 up to max bytes, never echoed */
	WB_P_PATH,	/* a local path for redirects: starts with one '/' */
	WB_P_CHECKBOX,	/* "1" or absent */
};

#define WB_P_REQUIRED	0x1	/* must be present and non-empty */
#define WB_P_MULTI	0x2	/* may repeat */
#define WB_P_OPTIONAL	0x0

struct wb_param {
	const char		*name;
	enum wb_ptype		 type;
	unsigned		 flags;
	int64_t			 min, max;
	const char *const	*values;	/* WB_P_ENUM, NULL-terminated */
	const char		*label;		/* Dutch field name for messages */
};

/* Route flags. */
#define WB_R_PUBLIC	0x01	/* no login needed */
#define WB_R_API	0x02	/* JSON, Bearer token, no CSRF */
#define WB_R_FORM	0x04	/* handler re-renders its form on field errors */
#define WB_R_STATIC	0x08	/* cacheable, no session lookup */
#define WB_R_UPLOAD	0x10	/* accepts a multipart body up to WB_MAX_UPLOAD */

typedef int (*wb_handler_fn)(struct wb_app *app, struct wb_req *req,
    struct wb_resp *resp);

struct wb_route {
	enum wb_method		 method;
	const char		*pattern;
	wb_handler_fn		 handler;
	unsigned		 flags;
	const struct wb_param	*params;	/* ends with name == NULL */
};

/* The route for (method, path), filling req->path_args.  WB_ENOTFOUND when
 * no pattern matches; WB_EDENIED (405) when the path matches another
 * method only. */
int	wb_router_match(const struct wb_route *routes, struct wb_req *req)
	    WB_WARN_UNUSED;

/* Decode and validate the parameters of req->route.  Returns WB_EINVAL
 * with a message when an undeclared or malformed parameter is present
 * (nothing reaches the handler); with WB_R_FORM, type errors of declared
 * fields become field errors (wb_req_field_error) and 0 is returned.
 * `skip` names a parameter that is consumed by the framework ("csrf"). */
int	wb_router_params(struct wb_req *req, const char *skip,
	    struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_ROUTER_H */

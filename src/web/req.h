/* req.h - our own request and response, independent of the HTTP library.
 *
 * http.c turns a libmicrohttpd request into a struct wb_req and a struct
 * wb_resp back into an MHD response; tests build them directly and call
 * wb_app_handle().  Everything a request allocates comes from req->arena
 * and is released when the response has been queued.
 */
#ifndef WB_REQ_H
#define WB_REQ_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "domain/actor.h"
#include "web/form.h"

#include <jansson.h>

enum wb_method { WB_GET, WB_HEAD, WB_POST, WB_OTHER };

/* A validated request parameter, after the route's declaration. */
struct wb_param_value {
	const char	*name;
	const char	*value;		/* validated text, NUL-terminated */
	int64_t		 num;		/* for integer and date parameters */
	bool		 invalid;	/* kept only to show it back in a form */
};

/* The logged-in user, when there is one. */
struct wb_user_ctx {
	int64_t		 id;
	const char	*name;
	const char	*email;
	const char	*org_name;
	const char	*org_code;
	const char	*lang;
};

struct wb_req {
	struct wb_arena		 arena;
	enum wb_method		 method;
	const char		*path;		/* raw path, without query */
	const char		*query;		/* raw query, or NULL */
	const char		*body;
	size_t			 body_len;
	/* Raw header values (NULL when absent). */
	const char		*content_type;
	const char		*cookie;
	const char		*accept_language;
	const char		*authorization;
	const char		*remote_addr;
	bool			 tls;		/* reached over HTTPS */
	bool			 secure_cookies; /* cookies get Secure */

	/* Filled by the application while handling. */
	char			 request_id[17];
	const struct wb_route	*route;
	struct wb_param_value	*params;
	size_t			 nparams;
	const char		*path_args[4];	/* {x} segments, in order */
	struct wb_actor		 actor;
	struct wb_user_ctx	 user;		/* id == 0 when anonymous */
	const char		*session_hash;	/* the session row, or NULL */
	const char		*csrf;		/* token for forms on this page */
	const char		*csrf_sent;	/* the token the form posted */
	bool			 set_pre_cookie; /* csrf is a new pre-login token */
	const char		*lang;		/* "nl" or "en" */
	json_t			*errors;	/* field errors (array) or NULL */
	struct wb_err		 err;		/* the handler's error detail,
						 * logged when it fails */
};

struct wb_resp_header {
	const char	*name;
	const char	*value;
};

struct wb_resp {
	int			 status;
	const char		*content_type;
	struct wb_buf		 body;
	const char		*static_body;	/* borrowed bytes, instead of body */
	size_t			 static_len;
	struct wb_resp_header	 headers[16];
	size_t			 nheaders;
};

void	wb_req_init(struct wb_req *req);
void	wb_req_free(struct wb_req *req);
void	wb_resp_init(struct wb_resp *resp);
void	wb_resp_free(struct wb_resp *resp);

/* Add a response header; name and value must outlive the response (use
 * the request arena). */
void	wb_resp_header(struct wb_resp *resp, const char *name,
	    const char *value);

/* What the user typed for `name`, valid or not (to fill a form again). */
const char	*wb_req_raw(const struct wb_req *req, const char *name);
/* Validated parameter `name` or NULL when absent or invalid. */
const char	*wb_req_str(const struct wb_req *req, const char *name);
/* Integer/date parameter, `dflt` when absent. */
int64_t		 wb_req_int(const struct wb_req *req, const char *name,
		    int64_t dflt);
/* Every value of a repeated parameter; returns the count. */
size_t		 wb_req_multi(const struct wb_req *req, const char *name,
		    const char **out, size_t max);
/* The value of cookie `name` (a copy in the arena), or NULL. */
const char	*wb_req_cookie(struct wb_req *req, const char *name);

/* Record a field error to show next to the field (Dutch message). */
void	wb_req_field_error(struct wb_req *req, const char *field,
	    const char *message);
bool	wb_req_has_errors(const struct wb_req *req);

#endif /* WB_REQ_H */

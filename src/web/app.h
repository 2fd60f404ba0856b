/* app.h - the web application: dispatch, login state, rendering.
 *
 * wb_app_handle() is the whole web server without sockets: it matches the
 * route, finds the session or API token, checks the CSRF token of every
 * form, validates parameters, runs the handler and turns its result into a
 * page, adding the security headers every response carries.  http.c calls
 * it for real requests; tests call it directly.
 *
 * Handlers follow three steps: read typed parameters, call the domain,
 * render a template (wb_render) or redirect (wb_redirect).  They never
 * decide access and never write SQL.
 */
#ifndef WB_APP_H
#define WB_APP_H

#include "web/req.h"
#include "web/router.h"
#include "store/db.h"

struct wb_tmpl_set;

struct wb_app {
	const char		*db_url;
	struct wb_tmpl_set	*tmpl;
	const struct wb_route	*routes;
	bool			 secure_cookies;	/* served over HTTPS */
};

/* Load templates and catalogues; the database is opened per thread. */
int	wb_app_init(struct wb_app *app, const char *db_url, struct wb_err *err)
	    WB_WARN_UNUSED;
void	wb_app_free(struct wb_app *app);

/* This thread's database connection, opened on first use. */
struct wb_db *wb_app_db(struct wb_app *app, struct wb_err *err);
/* Close this thread's connection (tests, shutdown). */
void	wb_app_db_close(void);

/* True when (method, path) is a route that takes file uploads
 * (WB_R_UPLOAD); http.c raises the body limit only for those. */
bool	wb_app_accepts_upload(struct wb_app *app, const char *method,
	    const char *path);

/* Handle one request completely; always produces a response. */
void	wb_app_handle(struct wb_app *app, struct wb_req *req,
	    struct wb_resp *resp);

/* A page context with the layout's fields (title is Dutch source text,
 * translated here).  The caller adds its own fields and passes it to
 * wb_render, which takes ownership. */
json_t	*wb_page(struct wb_req *req, const char *title);
/* Render template `name` with `ctx` (consumed) as the response. */
int	wb_render(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
	    const char *name, json_t *ctx) WB_WARN_UNUSED;
/* 303 to a local path; flash is a Dutch message shown once (or NULL). */
int	wb_redirect(struct wb_req *req, struct wb_resp *resp,
	    const char *location, const char *flash);
/* Set a cookie: HttpOnly, SameSite=Strict, Secure when served over TLS;
 * max_age < 0 = a session cookie, 0 = delete it. */
void	wb_cookie(struct wb_req *req, struct wb_resp *resp, const char *name,
	    const char *value, int64_t max_age);
/* JSON response with `body` (consumed). */
int	wb_json(struct wb_resp *resp, int status, json_t *body);
/* JSON error {"error": msg} with status. */
int	wb_json_error(struct wb_resp *resp, int status, const char *msg);
/* The error page for `status` (400, 403, 404, 405, 500). */
void	wb_error_page(struct wb_app *app, struct wb_req *req,
	    struct wb_resp *resp, int status);
/* Translate Dutch source text into the request's language. */
const char *wb_t(const struct wb_req *req, const char *msgid);
/* Add the request's field errors and posted values to a form page. */
void	wb_page_errors(struct wb_req *req, json_t *ctx);
/* A field error from a domain error (field + message), for forms. */
void	wb_req_domain_error(struct wb_req *req, const struct wb_err *err);

#endif /* WB_APP_H */

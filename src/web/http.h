/* http.h - the libmicrohttpd adapter: sockets in, struct wb_req out.
 *
 * Runs MHD's epoll thread pool; each worker thread has its own database
 * connection (wb_app_db).  The raw request URI is taken from MHD's URI
 * log callback so that our own strict decoder sees the query string
 * exactly as sent.  Bodies are capped (WB_MAX_BODY, or WB_MAX_UPLOAD for
 * multipart uploads) before they are read in full.
 */
#ifndef WB_HTTP_H
#define WB_HTTP_H

#include "web/app.h"

struct wb_http_options {
	const char	*listen;	/* "127.0.0.1:8080" */
	unsigned	 threads;	/* worker threads */
	const char	*trusted_proxy;	/* address whose X-Forwarded-* we
					 * believe, or NULL */
	size_t		 max_upload;	/* upload body limit in bytes, at
					 * most WB_MAX_UPLOAD; 0 = that */
};

/* Serve until SIGINT/SIGTERM.  Errors: WB_EINVAL (bad address), WB_EIO. */
int	wb_http_serve(struct wb_app *app, const struct wb_http_options *opt,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Parse "ADDR:PORT" (IPv4, or [IPv6]:PORT). */
int	wb_http_parse_listen(const char *s, char *host, size_t hostlen,
	    unsigned *port, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_HTTP_H */

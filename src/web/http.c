/* http.c - libmicrohttpd adapter. */
#include "web/http.h"
#include "base/limits.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/str.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <sodium.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>

struct conn {
	char		*uri;		/* raw, as sent */
	bool		 started;
	bool		 too_big;
	struct wb_buf	 body;
};

struct server {
	struct wb_app			*app;
	const struct wb_http_options	*opt;
};

static volatile sig_atomic_t stop;

/* Each worker thread keeps its request arena between requests, so a page
 * does not malloc and free its chunks every time; the key's destructor
 * frees it when MHD ends the thread. */
static pthread_key_t	arena_key;
static pthread_once_t	arena_once = PTHREAD_ONCE_INIT;

static void
arena_destroy(void *p)
{
	struct wb_arena	*a = p;

	wb_arena_free(a);
	free(a);
}

static void
arena_key_make(void)
{
	if (pthread_key_create(&arena_key, arena_destroy) != 0)
		abort();
}

/* This thread's kept arena (a new one on first use). */
static struct wb_arena *
thread_arena(void)
{
	struct wb_arena	*a;

	pthread_once(&arena_once, arena_key_make);
	a = pthread_getspecific(arena_key);
	if (a == NULL) {
		a = wb_xcalloc(1, sizeof(*a));
		wb_arena_init(a);
		if (pthread_setspecific(arena_key, a) != 0)
			abort();
	}
	return a;
}

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* MHD calls this first with the raw URI; its result becomes req_cls. */
static void *
uri_log(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn	*cn = wb_xcalloc(1, sizeof(*cn));

	(void)cls;
	(void)c;
	cn->uri = wb_xstrndup(uri, strnlen(uri, WB_MAX_URL + 1));
	wb_buf_init(&cn->body, WB_MAX_BODY);
	return cn;
}

static void
completed(void *cls, struct MHD_Connection *c, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn	*cn = *req_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (cn == NULL)
		return;
	/* The body may hold a password from a login or account form. */
	if (cn->body.p != NULL)
		sodium_memzero(cn->body.p, cn->body.n);
	wb_buf_free(&cn->body);
	free(cn->uri);
	free(cn);
	*req_cls = NULL;
}

static const char *
header(struct MHD_Connection *c, const char *name)
{
	const char	*v = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    name);

	if (v != NULL && strlen(v) > WB_MAX_HEADER)
		return NULL;
	return v;
}

static void
remote_address(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(out, n, "%s", "unknown");
	if (ci == NULL || ci->client_addr == NULL)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)
		    (const void *)ci->client_addr)->sin_addr, out,
		    (socklen_t)n);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
		    (const void *)ci->client_addr)->sin6_addr, out,
		    (socklen_t)n);
}

/* Keep the value of the last X-Forwarded-For header. */
static enum MHD_Result
last_xff(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)kind;
	if (strcasecmp(key, "X-Forwarded-For") == 0)
		*(const char **)cls = value;
	return MHD_YES;
}

/* The client address: the socket peer, or X-Forwarded-For's last hop
 * when the peer is the configured reverse proxy. */
static const char *
client_address(struct server *s, struct MHD_Connection *c,
    struct wb_arena *a, bool *tls)
{
	char		 peer[INET6_ADDRSTRLEN + 1];
	const char	*xff, *last, *proto;

	remote_address(c, peer, sizeof(peer));
	*tls = false;
	if (s->opt->trusted_proxy == NULL ||
	    strcmp(peer, s->opt->trusted_proxy) != 0)
		return wb_arena_strdup(a, peer);
	proto = header(c, "X-Forwarded-Proto");
	*tls = proto != NULL && strcmp(proto, "https") == 0;
	/* The proxy appends its own hop: believe only the last header's
	 * last entry, whatever the client sent before it. */
	xff = NULL;
	MHD_get_connection_values(c, MHD_HEADER_KIND, last_xff, &xff);
	if (xff == NULL || strlen(xff) > WB_MAX_HEADER)
		return wb_arena_strdup(a, peer);
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	if (*last == '\0' || strlen(last) > INET6_ADDRSTRLEN || strspn(last,
	    "0123456789abcdefABCDEF.:") != strlen(last))
		return wb_arena_strdup(a, peer);
	return wb_arena_strdup(a, last);
}

static enum MHD_Result
send_plain(struct MHD_Connection *c, unsigned status, const char *text)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
access_handler(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **req_cls)
{
	struct server		*s = cls;
	struct conn		*cn = *req_cls;
	struct wb_req		 req;
	struct wb_resp		 resp;
	struct wb_arena		*kept;
	struct MHD_Response	*r;
	enum MHD_Result		 ret;
	const char		*q, *ct;
	size_t			 i;
	char			*body;
	size_t			 body_len;

	(void)url;
	(void)version;
	if (cn == NULL)
		return MHD_NO;
	if (!cn->started) {
		const char *cl = header(c, "Content-Length");
		int64_t len;

		cn->started = true;
		ct = header(c, "Content-Type");
		/* Only a route that takes uploads gets the larger limit, so
		 * an anonymous request cannot make us hold megabytes. */
		if (ct != NULL && wb_str_prefix(ct, "multipart/form-data") &&
		    wb_app_accepts_upload(s->app, method, url))
			cn->body.max = s->opt->max_upload > 0 &&
			    s->opt->max_upload < WB_MAX_UPLOAD ?
			    s->opt->max_upload : WB_MAX_UPLOAD;
		if (cl != NULL && (wb_parse_int64(cl, strlen(cl), 0,
		    (int64_t)cn->body.max, &len) != 0))
			cn->too_big = true;
		return MHD_YES;	/* answer on a later call: keeps keep-alive */
	}
	if (*upload_size != 0) {
		if (!cn->too_big)
			wb_buf_append(&cn->body, upload_data, *upload_size);
		if (wb_buf_error(&cn->body) != 0)
			cn->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (cn->too_big)
		return send_plain(c, MHD_HTTP_CONTENT_TOO_LARGE,
		    "Het verzoek is te groot.\n");
	if (strlen(cn->uri) > WB_MAX_URL)
		return send_plain(c, MHD_HTTP_URI_TOO_LONG,
		    "Het adres is te lang.\n");

	wb_req_init(&req);
	kept = thread_arena();
	req.arena = *kept;
	wb_resp_init(&resp);
	if (strcmp(method, "GET") == 0)
		req.method = WB_GET;
	else if (strcmp(method, "HEAD") == 0)
		req.method = WB_HEAD;
	else if (strcmp(method, "POST") == 0)
		req.method = WB_POST;
	else
		req.method = WB_OTHER;
	q = strchr(cn->uri, '?');
	req.path = q ? wb_arena_strndup(&req.arena, cn->uri,
	    (size_t)(q - cn->uri)) : cn->uri;
	req.query = q ? q + 1 : NULL;
	req.body = wb_buf_cstr(&cn->body);
	req.body_len = cn->body.n;
	req.content_type = header(c, "Content-Type");
	req.cookie = header(c, "Cookie");
	req.accept_language = header(c, "Accept-Language");
	req.authorization = header(c, "Authorization");
	req.remote_addr = client_address(s, c, &req.arena, &req.tls);
	if (req.method == WB_OTHER) {
		wb_arena_reset(&req.arena);
		*kept = req.arena;
		req.arena.head = NULL;
		wb_req_free(&req);
		wb_resp_free(&resp);
		return send_plain(c, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "Methode niet toegestaan.\n");
	}

	wb_app_handle(s->app, &req, &resp);

	if (resp.static_body != NULL)
		r = MHD_create_response_from_buffer(resp.static_len,
		    (void *)resp.static_body, MHD_RESPMEM_PERSISTENT);
	else {
		body = wb_buf_detach(&resp.body, &body_len);
		r = MHD_create_response_from_buffer(body_len, body,
		    MHD_RESPMEM_MUST_FREE);
	}
	if (resp.content_type != NULL)
		MHD_add_response_header(r, "Content-Type", resp.content_type);
	for (i = 0; i < resp.nheaders; i++)
		MHD_add_response_header(r, resp.headers[i].name,
		    resp.headers[i].value);
	if (req.tls)
		MHD_add_response_header(r, "Strict-Transport-Security",
		    "max-age=31536000");
	ret = MHD_queue_response(c, (unsigned)resp.status, r);
	MHD_destroy_response(r);
	wb_resp_free(&resp);
	wb_arena_reset(&req.arena);
	*kept = req.arena;
	req.arena.head = NULL;
	wb_req_free(&req);
	return ret;
}

int
wb_http_parse_listen(const char *s, char *host, size_t hostlen,
    unsigned *port, struct wb_err *err)
{
	const char	*colon = strrchr(s, ':');
	int64_t		 p;
	size_t		 n;

	if (colon == NULL || wb_parse_int64(colon + 1, strlen(colon + 1), 1,
	    65535, &p) != 0)
		return wb_err_set(err, WB_EINVAL,
		    "ongeldig luisteradres '%s' (verwacht ADRES:POORT)", s);
	n = (size_t)(colon - s);
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n == 0 || n >= hostlen)
		return wb_err_set(err, WB_EINVAL, "ongeldig luisteradres");
	memcpy(host, s, n);
	host[n] = '\0';
	*port = (unsigned)p;
	return 0;
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char	line[512];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	wb_warn("http: %s", line);
}

int
wb_http_serve(struct wb_app *app, const struct wb_http_options *opt,
    struct wb_err *err)
{
	struct server		 s = { app, opt };
	struct MHD_Daemon	*d;
	struct sockaddr_in	 sin;
	struct sockaddr_in6	 sin6;
	struct sockaddr		*sa;
	char			 host[64];
	unsigned		 port, flags;
	int			 rc;

	rc = wb_http_parse_listen(opt->listen, host, sizeof(host), &port, err);
	if (rc != 0)
		return rc;
	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	if (inet_pton(AF_INET, host, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&sin;
	} else if (inet_pton(AF_INET6, host, &sin6.sin6_addr) == 1) {
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&sin6;
		flags |= MHD_USE_IPv6;
	} else
		return wb_err_set(err, WB_EINVAL,
		    "luisteradres moet een IP-adres zijn, niet '%s'", host);

	d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL,
	    access_handler, &s,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_THREAD_POOL_SIZE, opt->threads ? opt->threads : 4u,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_log, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_CONNECTION_LIMIT, 1024u,
	    MHD_OPTION_CONNECTION_TIMEOUT, 30u,
	    MHD_OPTION_END);
	if (d == NULL)
		return wb_err_set(err, WB_EIO,
		    "kan niet luisteren op %s (is de poort al in gebruik?)",
		    opt->listen);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	wb_info("werkbrug serving http://%s/ (%u threads)", opt->listen,
	    opt->threads ? opt->threads : 4u);
	fflush(stderr);
	while (!stop)
		pause();
	wb_info("werkbrug stopping");
	MHD_stop_daemon(d);
	return 0;
}

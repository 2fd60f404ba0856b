/* httptest.h - in-process HTTP tests: requests go through wb_app_handle()
 * (router, sessions, CSRF, handlers, templates) without sockets.
 *
 * Usage in a cmocka test file:
 *	static struct ht T;
 *	setup: ht_setup(&T); ht_add_org(&T, ...); ht_add_user(&T, ...);
 *	test:  struct ht_user u; ht_login(&T, "a@x.example", &u);
 *	       struct ht_resp r; ht_get(&T, &u, "/regios", &r);
 *	       assert_int_equal(r.status, 200); ht_resp_free(&r);
 *	teardown: ht_teardown(&T);
 * Every user made with ht_add_user has the password HT_PASSWORD.
 */
#ifndef WB_HTTPTEST_H
#define WB_HTTPTEST_H

#include "testutil.h"

#include "base/asset.h"
#include "base/mem.h"
#include "domain/audit.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "domain/user.h"
#include "store/db.h"
#include "web/app.h"

#include <sodium.h>
#include <unistd.h>

#define HT_PASSWORD	"testwachtwoord-123"

struct ht {
	char		 dir[64];
	char		 url[128];
	struct wb_app	 app;
	struct wb_db	*db;		/* the test's own connection */
};

struct ht_resp {
	int		 status;
	char		*body;
	char		*headers;	/* "Name: value\n" lines */
};

struct ht_user {
	char		 cookie[512];	/* "wb_session=...; wb_pre=..." */
	char		 csrf[80];
};

static void
ht_setup(struct ht *t)
{
	const struct wb_asset	*csv;
	struct wb_actor		 sys = wb_actor_system();
	struct wb_import_report	 rep;
	struct wb_arena		 a;
	struct wb_err		 err;
	int			 applied;

	setenv("WERKBRUG_PWHASH", "fast", 1);
	assert_true(sodium_init() >= 0);
	snprintf(t->dir, sizeof(t->dir), "/tmp/wb-http-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->url, sizeof(t->url), "sqlite:%s/t.db", t->dir);
	assert_int_equal(wb_db_open(t->url, &t->db, &err), 0);
	assert_int_equal(wb_db_migrate(t->db, &applied, &err), 0);
	csv = wb_asset_find(wb_data, "arbeidsmarktregios.csv");
	assert_non_null(csv);
	wb_arena_init(&a);
	assert_int_equal(wb_region_import(t->db, &sys, csv->data, csv->len,
	    2026, &a, &rep, &err), 0);
	wb_arena_free(&a);
	assert_int_equal(wb_app_init(&t->app, t->url, &err), 0);
}

static void
ht_teardown(struct ht *t)
{
	char	path[160];

	wb_app_db_close();
	wb_app_free(&t->app);
	wb_db_close(t->db);
	snprintf(path, sizeof(path), "%s/t.db", t->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-wal", t->dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-shm", t->dir);
	unlink(path);
	rmdir(t->dir);
}

/* Add an organisation of `type` serving `region`; returns its id. */
static int64_t
ht_add_org(struct ht *t, const char *code, const char *type,
    const char *region)
{
	struct wb_actor	sys = wb_actor_system();
	struct wb_org	o;
	struct wb_err	err;
	int64_t		id = 0;

	memset(&o, 0, sizeof(o));
	o.code = code;
	o.name = code;
	o.type = type;
	o.regions[0] = region;
	o.nregions = 1;
	o.active = true;
	if (wb_org_add(t->db, &sys, &o, &id, &err) != 0)
		fail_msg("ht_add_org %s: %s", code, err.msg);
	return id;
}

/* Add an account with password HT_PASSWORD; returns its id. */
static int64_t
ht_add_user(struct ht *t, const char *email, const char *role,
    const char *org, const char *region)
{
	struct wb_actor		sys = wb_actor_system();
	struct wb_user_input	in;
	struct wb_err		err;
	int64_t			id = 0;

	memset(&in, 0, sizeof(in));
	in.email = email;
	in.name = email;
	in.role = role;
	in.org_code = org;
	in.region_code = region;
	in.password = HT_PASSWORD;
	in.active = true;
	if (wb_user_add(t->db, &sys, &in, &id, &err) != 0)
		fail_msg("ht_add_user %s: %s", email, err.msg);
	return id;
}

static void
ht_resp_free(struct ht_resp *r)
{
	free(r->body);
	free(r->headers);
	r->body = r->headers = NULL;
}

/* The value of the first response header `name`, copied, or NULL. */
static char *
ht_header(const struct ht_resp *r, const char *name)
{
	size_t		 n = strlen(name);
	const char	*p = r->headers;

	while (p != NULL && *p != '\0') {
		const char *end = strchr(p, '\n');

		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ')
			return wb_xstrndup(p + n + 2, (size_t)(end - p) - n - 2);
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

/* Send one request.  `target` is path[?query]; body may be NULL;
 * content_type NULL means urlencoded for POST. */
static void
ht_request_ct(struct ht *t, const char *method, const char *target,
    const char *content_type, const char *body, size_t body_len,
    const char *cookie, const char *authorization, struct ht_resp *out)
{
	struct wb_req	 req;
	struct wb_resp	 resp;
	struct wb_buf	 h;
	const char	*q = strchr(target, '?');
	size_t		 i;

	wb_req_init(&req);
	wb_resp_init(&resp);
	req.method = strcmp(method, "POST") == 0 ? WB_POST :
	    strcmp(method, "HEAD") == 0 ? WB_HEAD :
	    strcmp(method, "GET") == 0 ? WB_GET : WB_OTHER;
	req.path = q ? wb_arena_strndup(&req.arena, target,
	    (size_t)(q - target)) : target;
	req.query = q ? q + 1 : NULL;
	req.body = body;
	req.body_len = body ? body_len : 0;
	req.content_type = content_type ? content_type : (body ?
	    "application/x-www-form-urlencoded" : NULL);
	req.cookie = cookie;
	req.authorization = authorization;
	req.remote_addr = "127.0.0.1";
	wb_app_handle(&t->app, &req, &resp);
	out->status = resp.status;
	if (resp.static_body != NULL)
		out->body = wb_xstrndup(resp.static_body, resp.static_len);
	else
		out->body = wb_xstrndup(wb_buf_cstr(&resp.body), resp.body.n);
	wb_buf_init(&h, 1 << 16);
	if (resp.content_type != NULL)
		wb_buf_printf(&h, "Content-Type: %s\n", resp.content_type);
	for (i = 0; i < resp.nheaders; i++)
		wb_buf_printf(&h, "%s: %s\n", resp.headers[i].name,
		    resp.headers[i].value);
	out->headers = wb_buf_detach(&h, NULL);
	wb_resp_free(&resp);
	wb_req_free(&req);
}

static void
ht_request(struct ht *t, const char *method, const char *target,
    const char *body, const char *cookie, struct ht_resp *out)
{
	ht_request_ct(t, method, target, NULL, body, body ? strlen(body) : 0,
	    cookie, NULL, out);
}

static void
ht_get(struct ht *t, const struct ht_user *u, const char *target,
    struct ht_resp *out)
{
	ht_request(t, "GET", target, NULL, u ? u->cookie : NULL, out);
}

/* POST a form as `u`; `fields` is urlencoded without the csrf field,
 * which is added. */
static void
ht_post(struct ht *t, const struct ht_user *u, const char *target,
    const char *fields, struct ht_resp *out)
{
	char	*body;
	size_t	 n = strlen(fields) + strlen(u->csrf) + 8;

	body = wb_xmalloc(n);
	snprintf(body, n, "csrf=%s%s%s", u->csrf, fields[0] ? "&" : "",
	    fields);
	ht_request(t, "POST", target, body, u->cookie, out);
	free(body);
}

/* The value="..." of the first hidden csrf input in an HTML body. */
static void
ht_find_csrf(const char *html, char *out, size_t n)
{
	const char	*p = strstr(html, "name=\"csrf\" value=\"");
	const char	*end;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += strlen("name=\"csrf\" value=\"");
	end = strchr(p, '"');
	if (end != NULL && (size_t)(end - p) < n)
		snprintf(out, n, "%.*s", (int)(end - p), p);
}

/* Cookie value "name=value" from a Set-Cookie header list. */
static bool
ht_cookie_value(const struct ht_resp *r, const char *name, char *out,
    size_t n)
{
	const char	*p = r->headers;
	size_t		 nl = strlen(name);

	while ((p = strstr(p, "Set-Cookie: ")) != NULL) {
		p += 12;
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			size_t len = strcspn(p, ";\n");

			snprintf(out, n, "%.*s", (int)len, p);
			return true;
		}
	}
	return false;
}

/* Log in through the form; fills u->cookie and u->csrf.  Fails the test
 * when the login does not succeed. */
static void
ht_login_with(struct ht *t, const char *email, const char *password,
    struct ht_user *u)
{
	struct ht_resp	r;
	char		pre[128], sess[128], body[512];

	memset(u, 0, sizeof(*u));
	ht_request(t, "GET", "/inloggen", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(ht_cookie_value(&r, "wb_pre", pre, sizeof(pre)));
	ht_find_csrf(r.body, u->csrf, sizeof(u->csrf));
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=%s", u->csrf,
	    email, password);
	ht_request(t, "POST", "/inloggen", body, pre, &r);
	if (r.status != 303)
		fail_msg("login %s: status %d", email, r.status);
	assert_true(ht_cookie_value(&r, "wb_session", sess, sizeof(sess)));
	ht_resp_free(&r);
	snprintf(u->cookie, sizeof(u->cookie), "%s; %s", sess, pre);
	ht_get(t, u, "/", &r);
	assert_int_equal(r.status, 200);
	ht_find_csrf(r.body, u->csrf, sizeof(u->csrf));
	ht_resp_free(&r);
}

static void
ht_login(struct ht *t, const char *email, struct ht_user *u)
{
	ht_login_with(t, email, HT_PASSWORD, u);
}

/* Number of audit events named `event` (and outcome, NULL = any). */
static int64_t
ht_audit_count(struct ht *t, const char *event, const char *outcome)
{
	struct wb_actor			 auditor = { .role = WB_ROLE_AUDITOR,
	    .address = "test", .via = "test" };
	struct wb_audit_filter		 f;
	struct wb_audit_row		*rows;
	struct wb_arena			 a;
	struct wb_err			 err;
	size_t				 n;
	int64_t				 total = -1;

	memset(&f, 0, sizeof(f));
	f.event = event;
	f.outcome = outcome;
	wb_arena_init(&a);
	assert_int_equal(wb_audit_search(t->db, &auditor, &f, 1, 0, &a,
	    &rows, &n, &total, &err), 0);
	wb_arena_free(&a);
	return total;
}

#endif /* WB_HTTPTEST_H */

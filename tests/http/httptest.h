/* httptest.h - in-process HTTP tests: requests go through wb_app_handle()
 * (router, sessions, CSRF, handlers, templates) without sockets.
 *
 * Usage in a cmocka test file:
 *	static struct ht T;
 *	setup: ht_setup(&T); *state = &T; ht_add_org(&T, ...); ...
 *	test:  struct ht_user u; ht_login(&T, "a@x.example", &u);
 *	       ht_get_expect(&T, &u, "/regios", 200, "Groningen");
 *	   or: struct ht_resp r; ht_get(&T, &u, "/regios", &r);
 *	       ht_expect(&r, 200, NULL); ...; ht_resp_free(&r);
 *	teardown: ht_group_teardown (or ht_teardown(&T))
 * The database is a struct dbt (unit/dbtest.h) with the regions loaded:
 * T.dbt.db is the test's own connection.  Every user made with
 * ht_add_user has the password HT_PASSWORD.
 *
 * Fixtures: ht_add_org, ht_add_user, ht_add_card, ht_add_contact_point,
 * ht_region_of, ht_token_for.  Logging in: ht_login, ht_login_with,
 * ht_login_session (the cookie only), ht_login_form + ht_login_post (one
 * form, several tries), ht_try_login.
 * Checks: ht_expect, ht_get_expect, ht_post_expect, ht_expect_redirect,
 * ht_header, ht_audit_count.
 */
#ifndef WB_HTTPTEST_H
#define WB_HTTPTEST_H

#include "unit/dbtest.h"

#include "base/mem.h"
#include "domain/card.h"
#include "domain/contact_point.h"
#include "domain/session.h"
#include "domain/user.h"
#include "web/app.h"

#define HT_PASSWORD	"testwachtwoord-123"

struct ht {
	struct dbt	 dbt;		/* dbt.db: the test's own connection */
	struct wb_app	 app;
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

TEST_HELPER void
ht_setup(struct ht *t)
{
	struct wb_err	err;

	dbt_open(&t->dbt, true);
	assert_int_equal(wb_app_init(&t->app, t->dbt.url, &err), 0);
}

TEST_HELPER void
ht_teardown(struct ht *t)
{
	wb_app_db_close();
	wb_app_free(&t->app);
	dbt_close(&t->dbt);
}

/* cmocka group teardown, when setup did ht_setup(t) and *state = t. */
TEST_HELPER int
ht_group_teardown(void **state)
{
	ht_teardown(*state);
	return 0;
}

/* Add an organisation of `type` serving `region`; returns its id. */
TEST_HELPER int64_t
ht_add_org(struct ht *t, const char *code, const char *type,
    const char *region)
{
	struct wb_actor	sys = wb_actor_system();
	struct wb_org	o = { .code = code, .name = code, .type = type,
	    .regions = { region }, .nregions = 1, .active = true };
	struct wb_err	err;
	int64_t		id = 0;

	if (wb_org_add(t->dbt.db, &sys, &o, &id, &err) != 0)
		fail_msg("ht_add_org %s: %s", code, err.msg);
	return id;
}

/* Add an account with password HT_PASSWORD; returns its id. */
TEST_HELPER int64_t
ht_add_user(struct ht *t, const char *email, const char *role,
    const char *org, const char *region)
{
	struct wb_actor		sys = wb_actor_system();
	struct wb_user_input	in = { .email = email, .name = email,
	    .role = role, .org_code = org, .region_code = region,
	    .password = HT_PASSWORD, .active = true };
	struct wb_err		err;
	int64_t			id = 0;

	if (wb_user_add(t->dbt.db, &sys, &in, &id, &err) != 0)
		fail_msg("ht_add_user %s: %s", email, err.msg);
	return id;
}

/* Add a card with phone "088 123" at organisation `org`, of account
 * `user_id` (0: none); returns its id. */
TEST_HELPER int64_t
ht_add_card(struct ht *t, int64_t org, int64_t user_id, const char *name,
    const char *function)
{
	struct wb_actor	sys = wb_actor_system();
	struct wb_card	c = { .org_id = org, .user_id = user_id, .name = name,
	    .function = function, .phone = "088 123" };
	struct wb_err	err;
	int64_t		id = 0;

	if (wb_card_add(t->dbt.db, &sys, &c, &id, &err) != 0)
		fail_msg("ht_add_card %s: %s", name, err.msg);
	return id;
}

/* Make `card` (with `deputy`, 0: none) the contact point of `org` for
 * `domain` in `region` from day `valid_from` on; returns its id. */
TEST_HELPER int64_t
ht_add_contact_point(struct ht *t, int64_t org, const char *region,
    const char *domain, int64_t card, int64_t deputy, int64_t valid_from)
{
	struct wb_actor		sys = wb_actor_system();
	struct wb_cp_input	in = { .org_id = org, .region_code = region,
	    .domain = domain, .card_id = card, .deputy_card_id = deputy,
	    .valid_from = valid_from, .valid_until = INT64_MIN };
	struct wb_err		err;
	int64_t			id = 0;

	if (wb_cp_set(t->dbt.db, &sys, &in, false, &id, &err) != 0)
		fail_msg("ht_add_contact_point %s: %s", region, err.msg);
	return id;
}

/* The region code of municipality `code` (GMnnnn) into out. */
TEST_HELPER void
ht_region_of(struct ht *t, const char *code, char *out, size_t n)
{
	struct wb_municipality	m;
	struct wb_arena		a;
	struct wb_err		err;

	wb_arena_init(&a);
	assert_int_equal(wb_municipality_get(t->dbt.db, code, &a, &m, &err),
	    0);
	snprintf(out, n, "%s", m.region_code);
	wb_arena_free(&a);
}

/* A new API token of account `user_id` into out (WB_TOKEN_HEX digits). */
TEST_HELPER void
ht_token_for(struct ht *t, int64_t user_id, char *out, size_t n)
{
	struct wb_actor	 sys = wb_actor_system();
	struct wb_arena	 a;
	struct wb_err	 err;
	const char	*token;

	wb_arena_init(&a);
	assert_int_equal(wb_token_create(t->dbt.db, &sys, user_id, &a, &token,
	    &err), 0);
	assert_int_equal(strlen(token), WB_TOKEN_HEX);
	snprintf(out, n, "%s", token);
	wb_arena_free(&a);
}

TEST_HELPER void
ht_resp_free(struct ht_resp *r)
{
	free(r->body);
	free(r->headers);
	r->body = r->headers = NULL;
}

/* The value of the first response header `name`, copied, or NULL. */
TEST_HELPER char *
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
TEST_HELPER void
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

TEST_HELPER void
ht_request(struct ht *t, const char *method, const char *target,
    const char *body, const char *cookie, struct ht_resp *out)
{
	ht_request_ct(t, method, target, NULL, body, body ? strlen(body) : 0,
	    cookie, NULL, out);
}

TEST_HELPER void
ht_get(struct ht *t, const struct ht_user *u, const char *target,
    struct ht_resp *out)
{
	ht_request(t, "GET", target, NULL, u ? u->cookie : NULL, out);
}

/* POST a form as `u`; `fields` is urlencoded without the csrf field,
 * which is added. */
TEST_HELPER void
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
TEST_HELPER void
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
TEST_HELPER bool
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

/* Open the login form: its pre-session cookie and CSRF token. */
TEST_HELPER void
ht_login_form(struct ht *t, char *pre, size_t npre, char *csrf,
    size_t ncsrf)
{
	struct ht_resp	r;

	ht_request(t, "GET", "/inloggen", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(ht_cookie_value(&r, "wb_pre", pre, npre));
	ht_find_csrf(r.body, csrf, ncsrf);
	ht_resp_free(&r);
}

/* POST the login form opened with ht_login_form; `password` is sent as
 * given (urlencode it first when needed). */
TEST_HELPER void
ht_login_post(struct ht *t, const char *pre, const char *csrf,
    const char *email, const char *password, struct ht_resp *out)
{
	char	body[512];

	snprintf(body, sizeof(body), "csrf=%s&email=%s&password=%s", csrf,
	    email, password);
	ht_request(t, "POST", "/inloggen", body, pre, out);
}

/* One login attempt on a fresh form; returns the status of the POST
 * (303: logged in). */
TEST_HELPER int
ht_try_login(struct ht *t, const char *email, const char *password)
{
	struct ht_resp	r;
	char		pre[128], csrf[80];
	int		status;

	ht_login_form(t, pre, sizeof(pre), csrf, sizeof(csrf));
	ht_login_post(t, pre, csrf, email, password, &r);
	status = r.status;
	ht_resp_free(&r);
	return status;
}

/* Log in through the form; fills u->cookie (u->csrf is the login form's:
 * take the next page's).  Fails the test when the login does not
 * succeed. */
TEST_HELPER void
ht_login_session(struct ht *t, const char *email, const char *password,
    struct ht_user *u)
{
	struct ht_resp	r;
	char		pre[128], sess[128];

	memset(u, 0, sizeof(*u));
	ht_login_form(t, pre, sizeof(pre), u->csrf, sizeof(u->csrf));
	ht_login_post(t, pre, u->csrf, email, password, &r);
	if (r.status != 303)
		fail_msg("login %s: status %d", email, r.status);
	assert_true(ht_cookie_value(&r, "wb_session", sess, sizeof(sess)));
	ht_resp_free(&r);
	snprintf(u->cookie, sizeof(u->cookie), "%s; %s", sess, pre);
}

/* Log in through the form; fills u->cookie and u->csrf.  Fails the test
 * when the login does not succeed. */
TEST_HELPER void
ht_login_with(struct ht *t, const char *email, const char *password,
    struct ht_user *u)
{
	struct ht_resp	r;

	ht_login_session(t, email, password, u);
	ht_get(t, u, "/", &r);
	assert_int_equal(r.status, 200);
	ht_find_csrf(r.body, u->csrf, sizeof(u->csrf));
	ht_resp_free(&r);
}

TEST_HELPER void
ht_login(struct ht *t, const char *email, struct ht_user *u)
{
	ht_login_with(t, email, HT_PASSWORD, u);
}

/* Fail unless `r` has `status` and, unless `needle` is NULL, a body that
 * contains it.  (cmocka cuts a message at 1 KiB: the body is shortened.) */
TEST_HELPER void
ht_expect(const struct ht_resp *r, int status, const char *needle)
{
	if (r->status != status)
		fail_msg("status %d, want %d", r->status, status);
	if (needle != NULL && strstr(r->body, needle) == NULL)
		fail_msg("no \"%.200s\" in:\n%.600s", needle, r->body);
}

/* GET `target` as `u` (NULL: not logged in) and ht_expect the answer. */
TEST_HELPER void
ht_get_expect(struct ht *t, const struct ht_user *u, const char *target,
    int status, const char *needle)
{
	struct ht_resp	r;

	ht_get(t, u, target, &r);
	if (r.status != status)
		fail_msg("GET %s: status %d, want %d", target, r.status,
		    status);
	ht_expect(&r, status, needle);
	ht_resp_free(&r);
}

/* ht_post `fields` to `target` as `u` and ht_expect the answer. */
TEST_HELPER void
ht_post_expect(struct ht *t, const struct ht_user *u, const char *target,
    const char *fields, int status, const char *needle)
{
	struct ht_resp	r;

	ht_post(t, u, target, fields, &r);
	if (r.status != status)
		fail_msg("POST %s: status %d, want %d", target, r.status,
		    status);
	ht_expect(&r, status, needle);
	ht_resp_free(&r);
}

/* Fail unless `r` is a 303 to `location`. */
TEST_HELPER void
ht_expect_redirect(const struct ht_resp *r, const char *location)
{
	char	*loc = ht_header(r, "Location");

	assert_int_equal(r->status, 303);
	assert_non_null(loc);
	assert_string_equal(loc, location);
	free(loc);
}

/* Number of audit events named `event` (and outcome, NULL = any). */
TEST_HELPER int64_t
ht_audit_count(struct ht *t, const char *event, const char *outcome)
{
	return dbt_audit_count(&t->dbt, event, outcome);
}

#endif /* WB_HTTPTEST_H */

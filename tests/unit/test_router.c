/* test_router.c - route matching and declared, typed parameters
 * (src/web/router.c), on a small route table of its own; requests are
 * built by hand with wb_req_init().
 */
#include "testutil.h"

#include "base/common.h"
#include "base/err.h"
#include "base/limits.h"
#include "web/req.h"
#include "web/router.h"

static int
h(struct wb_app *app, struct wb_req *req, struct wb_resp *resp)
{
	(void)app;
	(void)req;
	(void)resp;
	return 0;
}

#define REQ	WB_P_REQUIRED
#define END	{ NULL, 0, 0, 0, 0, NULL, NULL }
#define NAME64	"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" \
		"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"

static const char *const colours[] = { "rood", "groen", NULL };

static const struct wb_param p_none[] = { END };
static const struct wb_param p_region[] = {
	{ "code", WB_P_REGION, REQ, 0, 0, NULL, NULL }, END };
static const struct wb_param p_region_post[] = {
	{ "code", WB_P_REGION, REQ, 0, 0, NULL, NULL },
	{ "name", WB_P_TEXT, 0, 0, 50, NULL, NULL }, END };
static const struct wb_param p_card[] = {
	{ "org", WB_P_CODE, REQ, 0, 32, NULL, NULL },
	{ "id", WB_P_INT, REQ, 1, 1000000, NULL, NULL }, END };
/* One parameter of each type, all optional. */
static const struct wb_param p_all[] = {
	{ "text", WB_P_TEXT, 0, 0, 10, NULL, "Tekst" },
	{ "lines", WB_P_LINES, 0, 0, 10, NULL, NULL },
	{ "int", WB_P_INT, 0, -5, 100, NULL, NULL },
	{ "enum", WB_P_ENUM, 0, 0, 0, colours, NULL },
	{ "date", WB_P_DATE, 0, 0, 0, NULL, NULL },
	{ "email", WB_P_EMAIL, 0, 0, 0, NULL, NULL },
	{ "region", WB_P_REGION, 0, 0, 0, NULL, NULL },
	{ "gm", WB_P_MUNICIPALITY, 0, 0, 0, NULL, NULL },
	{ "code", WB_P_CODE, 0, 0, 8, NULL, NULL },
	{ "secret", WB_P_SECRET, 0, 0, 12, NULL, NULL },
	{ "path", WB_P_PATH, 0, 0, 0, NULL, NULL },
	{ "check", WB_P_CHECKBOX, 0, 0, 0, NULL, NULL },
	{ "multi", WB_P_INT, WB_P_MULTI, 1, 9, NULL, NULL },
	{ "big", WB_P_LINES, WB_P_MULTI, 0, 0, NULL, NULL },
	{ NAME64, WB_P_TEXT, 0, 0, 10, NULL, NULL },
	END };
static const struct wb_param p_form[] = {
	{ "name", WB_P_TEXT, REQ, 0, 5, NULL, "Naam" },
	{ "age", WB_P_INT, REQ, 0, 150, NULL, "Leeftijd" },
	{ "email", WB_P_EMAIL, 0, 0, 0, NULL, NULL },
	{ "tags", WB_P_ENUM, WB_P_MULTI, 0, 0, colours, "Kleur" }, END };
static const struct wb_param p_req[] = {
	{ "req", WB_P_TEXT, REQ, 0, 20, NULL, NULL }, END };

enum {
	R_HOME, R_REGIONS, R_REGION, R_REGION_POST, R_CARD, R_TYPES,
	R_TYPES_POST, R_FORM, R_REQUIRED, R_API, R_UNDECLARED, R_FORM_PATH,
};

static const struct wb_route routes[] = {
	[R_HOME] = { WB_GET, "/", h, WB_R_PUBLIC, p_none },
	[R_REGIONS] = { WB_GET, "/regios", h, 0, p_none },
	[R_REGION] = { WB_GET, "/regios/{code}", h, 0, p_region },
	[R_REGION_POST] = { WB_POST, "/regios/{code}", h, 0, p_region_post },
	[R_CARD] = { WB_GET, "/org/{org}/kaart/{id}", h, 0, p_card },
	[R_TYPES] = { WB_GET, "/types", h, 0, p_all },
	[R_TYPES_POST] = { WB_POST, "/types", h, 0, p_all },
	[R_FORM] = { WB_POST, "/formulier", h, WB_R_FORM, p_form },
	[R_REQUIRED] = { WB_GET, "/verplicht", h, 0, p_req },
	[R_API] = { WB_POST, "/api/x", h, WB_R_API, p_none },
	[R_UNDECLARED] = { WB_GET, "/undeclared/{x}", h, 0, p_none },
	[R_FORM_PATH] = { WB_POST, "/form/{code}", h, WB_R_FORM, p_region },
	{ 0, NULL, NULL, 0, NULL },
};

/* Match and decode one request; *req must be freed by the caller. */
static int
run(struct wb_req *req, enum wb_method m, const char *path,
    const char *query, const char *body, const char *skip,
    struct wb_err *err)
{
	int	rc;

	wb_req_init(req);
	wb_err_clear(err);
	req->method = m;
	req->path = path;
	req->query = query;
	req->body = body;
	req->body_len = body != NULL ? strlen(body) : 0;
	rc = wb_router_match(routes, req);
	if (rc != 0)
		return rc;
	return wb_router_params(req, skip, err);
}

/* -- wb_router_match -- */

struct mcase {
	enum wb_method	 m;
	const char	*path;
	int		 rc;
	int		 route;
	const char	*arg0, *arg1;
};

static const struct mcase mcases[] = {
	{ WB_GET, "/", 0, R_HOME, NULL, NULL },
	{ WB_GET, "/regios", 0, R_REGIONS, NULL, NULL },
	{ WB_HEAD, "/regios", 0, R_REGIONS, NULL, NULL },
	{ WB_GET, "/regios/AM01", 0, R_REGION, "AM01", NULL },
	{ WB_HEAD, "/regios/AM01", 0, R_REGION, "AM01", NULL },
	{ WB_POST, "/regios/AM01", 0, R_REGION_POST, "AM01", NULL },
	{ WB_GET, "/regios/anything-at-all", 0, R_REGION,
	    "anything-at-all", NULL },
	{ WB_GET, "/regios/AM%30", 0, R_REGION, "AM%30", NULL },
	{ WB_GET, "/org/GGZ-1/kaart/12", 0, R_CARD, "GGZ-1", "12" },
	{ WB_POST, "/formulier", 0, R_FORM, NULL, NULL },
	/* the path exists with another method: 405 */
	{ WB_OTHER, "/regios/AM01", WB_EDENIED, -1, NULL, NULL },
	{ WB_POST, "/regios", WB_EDENIED, -1, NULL, NULL },
	{ WB_GET, "/formulier", WB_EDENIED, -1, NULL, NULL },
	{ WB_HEAD, "/api/x", WB_EDENIED, -1, NULL, NULL },
	{ WB_OTHER, "/", WB_EDENIED, -1, NULL, NULL },
	/* no such path: 404 */
	{ WB_GET, "/nope", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_POST, "/nope", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_OTHER, "/nope", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "//", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "/regios/", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "/regios/AM01/", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "/regios/AM01/x", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "/regios//", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "/REGIOS", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "regios", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "/regiosx", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "/org//kaart/12", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "/org/GGZ-1/kaart/", WB_ENOTFOUND, -1, NULL, NULL },
	{ WB_GET, "/org/GGZ-1/kaart", WB_ENOTFOUND, -1, NULL, NULL },
};

static void
test_match(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(mcases); i++) {
		const struct mcase	*c = &mcases[i];
		struct wb_req		 req;
		int			 rc;

		wb_req_init(&req);
		req.method = c->m;
		req.path = c->path;
		rc = wb_router_match(routes, &req);
		if (rc != c->rc)
			fail_msg("%d %s: rc %d, want %d", c->m, c->path, rc,
			    c->rc);
		if (rc == 0) {
			if (req.route != &routes[c->route])
				fail_msg("%d %s: route %td, want %d", c->m,
				    c->path, req.route - routes, c->route);
			if ((c->arg0 == NULL) != (req.path_args[0] == NULL) ||
			    (c->arg0 != NULL && strcmp(c->arg0,
			    req.path_args[0]) != 0) ||
			    (c->arg1 == NULL) != (req.path_args[1] == NULL) ||
			    (c->arg1 != NULL && strcmp(c->arg1,
			    req.path_args[1]) != 0))
				fail_msg("%d %s: arguments", c->m, c->path);
		} else
			assert_null(req.route);
		wb_req_free(&req);
	}
}

/* -- parameter types -- */

struct tcase {
	const char	*name;
	const char	*value;		/* as sent (percent-encoded) */
	bool		 ok;
	const char	*decoded;	/* when ok; NULL = same as value */
	int64_t		 num;
};

#define E10	"%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9" \
		"%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"
#define D10	"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" \
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"

static const struct tcase tcases[] = {
	/* TEXT: a single line of at most max characters */
	{ "text", "abc", true, NULL, 0 },
	{ "text", "0123456789", true, NULL, 0 },
	{ "text", "01234567890", false, NULL, 0 },
	{ "text", E10, true, D10, 0 },		/* 10 characters */
	{ "text", E10 "x", false, NULL, 0 },
	{ "text", "a+b", true, "a b", 0 },
	{ "text", "a%09b", true, "a\tb", 0 },
	{ "text", "a%0Ab", false, NULL, 0 },
	{ "text", "a%0Db", false, NULL, 0 },
	{ "text", "%3Cscript%3E", true, "<script>", 0 },
	/* LINES: newlines allowed */
	{ "lines", "a%0D%0Ab", true, "a\r\nb", 0 },
	{ "lines", "123456789%0A", true, "123456789\n", 0 },
	{ "lines", "0123456789x", false, NULL, 0 },
	/* INT in [-5, 100] */
	{ "int", "0", true, NULL, 0 },
	{ "int", "-5", true, NULL, -5 },
	{ "int", "100", true, NULL, 100 },
	{ "int", "42", true, NULL, 42 },
	{ "int", "-6", false, NULL, 0 },
	{ "int", "101", false, NULL, 0 },
	{ "int", "1.5", false, NULL, 0 },
	{ "int", "1e2", false, NULL, 0 },
	{ "int", "%2B1", false, NULL, 0 },
	{ "int", "+1", false, NULL, 0 },		/* "+" is a space */
	{ "int", "0x1", false, NULL, 0 },
	{ "int", "abc", false, NULL, 0 },
	{ "int", "99999999999999999999", false, NULL, 0 },
	/* ENUM */
	{ "enum", "rood", true, NULL, 0 },
	{ "enum", "groen", true, NULL, 0 },
	{ "enum", "Rood", false, NULL, 0 },
	{ "enum", "blauw", false, NULL, 0 },
	{ "enum", "rood+", false, NULL, 0 },
	{ "enum", "roo", false, NULL, 0 },
	/* DATE */
	{ "date", "29-02-2024", true, NULL, 19782 },
	{ "date", "2024-02-29", true, NULL, 19782 },
	{ "date", "30-02-2024", false, NULL, 0 },
	{ "date", "2024-2-1", false, NULL, 0 },
	{ "date", "morgen", false, NULL, 0 },
	/* EMAIL */
	{ "email", "jan%40ggz.example", true, "jan@ggz.example", 0 },
	{ "email", "jan%40ggz", false, NULL, 0 },
	{ "email", "jan", false, NULL, 0 },
	/* REGION */
	{ "region", "AM01", true, NULL, 0 },
	{ "region", "AM99", true, NULL, 0 },
	{ "region", "am01", false, NULL, 0 },
	{ "region", "AM1", false, NULL, 0 },
	{ "region", "AM001", false, NULL, 0 },
	{ "region", "AMx1", false, NULL, 0 },
	/* MUNICIPALITY */
	{ "gm", "GM0796", true, NULL, 0 },
	{ "gm", "GM796", false, NULL, 0 },
	{ "gm", "gm0796", false, NULL, 0 },
	{ "gm", "GM07961", false, NULL, 0 },
	{ "gm", "GM07a6", false, NULL, 0 },
	/* CODE: [A-Za-z0-9_-], at most 8 */
	{ "code", "aZ09_-", true, NULL, 0 },
	{ "code", "12345678", true, NULL, 0 },
	{ "code", "123456789", false, NULL, 0 },
	{ "code", "a+b", false, NULL, 0 },
	{ "code", "a.b", false, NULL, 0 },
	{ "code", "a%2Fb", false, NULL, 0 },
	{ "code", "%C3%A9", false, NULL, 0 },
	/* SECRET: at most 12 bytes */
	{ "secret", "123456789012", true, NULL, 0 },
	{ "secret", "1234567890123", false, NULL, 0 },
	{ "secret", "%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9", true,
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 0 },
	{ "secret", "%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9", false, NULL,
	    0 },
	{ "secret", "a%0Ab", false, NULL, 0 },
	{ "secret", "p%C3%A0ss+w%C3%B6rd", true, "p\xc3\xa0ss w\xc3\xb6rd", 0 },
	/* PATH: a local path, never another site */
	{ "path", "%2F", true, "/", 0 },
	{ "path", "/regios/AM01", true, NULL, 0 },
	{ "path", "%2Fregios%3Fq%3D1", true, "/regios?q=1", 0 },
	{ "path", "//evil.example", false, NULL, 0 },
	{ "path", "%2F%2Fevil.example", false, NULL, 0 },
	{ "path", "%2F%5Cevil.example", false, NULL, 0 },
	{ "path", "https://evil.example", false, NULL, 0 },
	{ "path", "evil.example", false, NULL, 0 },
	{ "path", "javascript:alert(1)", false, NULL, 0 },
	{ "path", "%2F%0Aevil", false, NULL, 0 },
	{ "path", "%2F%0D%0ASet-Cookie:x", false, NULL, 0 },
	/* CHECKBOX: "1" or absent */
	{ "check", "1", true, NULL, 1 },
	{ "check", "0", false, NULL, 0 },
	{ "check", "on", false, NULL, 0 },
	{ "check", "true", false, NULL, 0 },
	/* a 64-byte name is allowed by the decoder */
	{ NAME64, "x", true, NULL, 0 },
};

static void
test_types(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(tcases); i++) {
		const struct tcase	*c = &tcases[i];
		const char		*want = c->decoded ? c->decoded :
		    c->value;
		struct wb_req		 req;
		struct wb_err		 err;
		char			 q[512];
		int			 rc;

		snprintf(q, sizeof(q), "%s=%s", c->name, c->value);
		rc = run(&req, WB_GET, "/types", q, NULL, NULL, &err);
		if (c->ok && rc != 0)
			fail_msg("%s: refused (%s)", q, err.msg);
		if (!c->ok && rc != WB_EINVAL)
			fail_msg("%s: accepted (rc %d)", q, rc);
		if (c->ok) {
			if (wb_req_str(&req, c->name) == NULL ||
			    strcmp(wb_req_str(&req, c->name), want) != 0)
				fail_msg("%s: value \"%s\"", q,
				    wb_req_str(&req, c->name));
			if (wb_req_int(&req, c->name, -999) != c->num)
				fail_msg("%s: number %lld", q, (long long)
				    wb_req_int(&req, c->name, -999));
			assert_false(wb_req_has_errors(&req));
		} else {
			/* nothing half-validated reaches the handler */
			assert_null(wb_req_str(&req, c->name));
			assert_true(err.msg[0] != '\0');
		}
		wb_req_free(&req);
	}
}

/* Regression: a TAB inside a "local" path.  Browsers delete TAB and
 * newlines from URLs (WHATWG URL parser), so "/<TAB>/evil.example" in a
 * Location header becomes "//evil.example" - an open redirect through
 * ?terug=.  Backslashes count as slashes too. */
static void
test_path_tab_open_redirect(void **state)
{
	static const char *const values[] = {
		"%2F%09%2Fevil.example",	/* "/\t/evil.example" */
		"%2F%09%5Cevil.example",	/* "/\t\\evil.example" */
		"/%09/evil.example",
		"/%09%09/evil.example",
		"/x%09",
		"/regios%5C..%5C%5Cevil.example",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(values); i++) {
		struct wb_req	req;
		struct wb_err	err;
		char		q[128];
		int		rc;

		snprintf(q, sizeof(q), "path=%s", values[i]);
		rc = run(&req, WB_GET, "/types", q, NULL, NULL, &err);
		if (rc != WB_EINVAL)
			fail_msg("%s accepted as a local path: \"%s\"", q,
			    wb_req_str(&req, "path"));
		wb_req_free(&req);
	}
}

/* A multipart file part may hold any bytes, NUL included (its value_len
 * is exact); the declared type must judge all of them, not the C string
 * up to the first NUL.  "rood\0<script>" is not the enum value "rood". */
static void
test_multipart_nul(void **state)
{
	static const struct {
		const char	*name;
		const char	*value;		/* before the NUL */
	} cases[] = {
		{ "enum", "rood" },
		{ "code", "ab" },
		{ "check", "1" },
		{ "region", "AM01" },
		{ "text", "abc" },
		{ "email", "a@b.nl" },
		{ "path", "/x" },
	};
	static const char	tail[] = "\0<x\r\n--B--\r\n";
	size_t			i;
	int			bad = 0;

	(void)state;
	/* the same body without the NUL is accepted: only the NUL counts */
	{
		struct wb_req	req;
		struct wb_err	err;
		static const char ok[] = "--B\r\nContent-Disposition: "
		    "form-data; name=\"enum\"; filename=\"f\"\r\n\r\n"
		    "rood\r\n--B--\r\n";

		wb_req_init(&req);
		req.method = WB_POST;
		req.path = "/types";
		req.content_type = "multipart/form-data; boundary=B";
		req.body = ok;
		req.body_len = sizeof(ok) - 1;
		assert_int_equal(wb_router_match(routes, &req), 0);
		assert_int_equal(wb_router_params(&req, NULL, &err), 0);
		assert_string_equal(wb_req_str(&req, "enum"), "rood");
		wb_req_free(&req);
	}
	for (i = 0; i < WB_NELEM(cases); i++) {
		struct wb_req	req;
		struct wb_err	err;
		char		body[512];
		int		n, rc;

		n = snprintf(body, sizeof(body), "--B\r\nContent-Disposition: "
		    "form-data; name=\"%s\"; filename=\"f\"\r\n\r\n%s",
		    cases[i].name, cases[i].value);
		memcpy(body + n, tail, sizeof(tail) - 1);
		n += (int)sizeof(tail) - 1;
		wb_req_init(&req);
		req.method = WB_POST;
		req.path = "/types";
		req.content_type = "multipart/form-data; boundary=B";
		req.body = body;
		req.body_len = (size_t)n;
		assert_int_equal(wb_router_match(routes, &req), 0);
		rc = wb_router_params(&req, NULL, &err);
		if (rc != WB_EINVAL) {
			print_error("%s: \"%s\\0<x\" accepted as \"%s\"\n",
			    cases[i].name, cases[i].value,
			    wb_req_str(&req, cases[i].name));
			bad++;
		}
		wb_req_free(&req);
	}
	assert_int_equal(bad, 0);
}

/* -- what is refused before any handler -- */

struct rcase {
	const char	*what;
	enum wb_method	 m;
	const char	*path;
	const char	*query;
	const char	*body;
	int		 rc;
};

static const struct rcase rcases[] = {
	{ "nothing", WB_GET, "/types", NULL, NULL, 0 },
	{ "empty query", WB_GET, "/types", "", NULL, 0 },
	{ "empty value is absent", WB_GET, "/types", "int=", NULL, 0 },
	{ "several", WB_GET, "/types", "int=1&enum=rood&check=1", NULL, 0 },
	{ "undeclared", WB_GET, "/types", "foo=1", NULL, WB_EINVAL },
	{ "undeclared after good", WB_GET, "/types", "int=1&foo=1", NULL,
	    WB_EINVAL },
	{ "undeclared, empty", WB_GET, "/types", "foo=", NULL, WB_EINVAL },
	{ "undeclared, no value", WB_GET, "/types", "foo", NULL, WB_EINVAL },
	{ "names are case-sensitive", WB_GET, "/types", "INT=1", NULL,
	    WB_EINVAL },
	{ "nothing declared", WB_GET, "/regios", "x=1", NULL, WB_EINVAL },
	{ "repeated", WB_GET, "/types", "int=1&int=2", NULL, WB_EINVAL },
	{ "repeated, same", WB_GET, "/types", "int=1&int=1", NULL,
	    WB_EINVAL },
	{ "bad escape", WB_GET, "/types", "text=%ZZ", NULL, WB_EINVAL },
	{ "NUL", WB_GET, "/types", "text=a%00b", NULL, WB_EINVAL },
	{ "query on a POST", WB_POST, "/types", "int=1", "enum=rood",
	    WB_EINVAL },
	{ "empty query on a POST", WB_POST, "/types", "", "enum=rood", 0 },
	{ "form body", WB_POST, "/types", NULL, "int=1&enum=rood", 0 },
	{ "bad form body", WB_POST, "/types", NULL, "int=x", WB_EINVAL },
	{ "undeclared in body", WB_POST, "/types", NULL, "x=1", WB_EINVAL },
	{ "csrf not skipped", WB_POST, "/types", NULL, "csrf=abc", WB_EINVAL },
	{ "GET body ignored", WB_GET, "/types", NULL, "x=1", 0 },
	{ "API body is JSON", WB_POST, "/api/x", NULL, "{\"x\": 1}", 0 },
	{ "required present", WB_GET, "/verplicht", "req=x", NULL, 0 },
	{ "required missing", WB_GET, "/verplicht", NULL, NULL, WB_EINVAL },
	{ "required empty", WB_GET, "/verplicht", "req=", NULL, WB_EINVAL },
	{ "required, other", WB_GET, "/verplicht", "other=x", NULL,
	    WB_EINVAL },
	{ "path parameter", WB_GET, "/regios/AM01", NULL, NULL, 0 },
	{ "bad path parameter", WB_GET, "/regios/XX01", NULL, NULL,
	    WB_EINVAL },
	{ "path parameter in query too", WB_GET, "/regios/AM01", "code=AM02",
	    NULL, WB_EINVAL },
	{ "undeclared path parameter", WB_GET, "/undeclared/x", NULL, NULL,
	    WB_EINVAL },
	{ "bad path parameter, form", WB_POST, "/form/XX01", NULL, "",
	    WB_ENOTFOUND },
	{ "two path parameters", WB_GET, "/org/GGZ-1/kaart/12", NULL, NULL,
	    0 },
	{ "path integer below min", WB_GET, "/org/GGZ-1/kaart/0", NULL, NULL,
	    WB_EINVAL },
	{ "path code too long", WB_GET,
	    "/org/123456789012345678901234567890123/kaart/1", NULL, NULL,
	    WB_EINVAL },
};

static void
test_refusals(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(rcases); i++) {
		const struct rcase	*c = &rcases[i];
		struct wb_req		 req;
		struct wb_err		 err;
		int			 rc;

		rc = run(&req, c->m, c->path, c->query, c->body, NULL, &err);
		if (rc != c->rc)
			fail_msg("%s: rc %d (%s), want %d", c->what, rc,
			    err.msg, c->rc);
		wb_req_free(&req);
	}
}

static void
test_path_values(void **state)
{
	struct wb_req	req;
	struct wb_err	err;

	(void)state;
	assert_int_equal(run(&req, WB_GET, "/org/GGZ-1/kaart/12", NULL, NULL,
	    NULL, &err), 0);
	assert_string_equal(wb_req_str(&req, "org"), "GGZ-1");
	assert_int_equal(wb_req_int(&req, "id", 0), 12);
	wb_req_free(&req);

	assert_int_equal(run(&req, WB_POST, "/regios/AM07", NULL,
	    "name=Noord", NULL, &err), 0);
	assert_string_equal(wb_req_str(&req, "code"), "AM07");
	assert_string_equal(wb_req_str(&req, "name"), "Noord");
	wb_req_free(&req);

	/* a bad path segment in a form route is a 404, not a field error
	 * shown on some other page */
	assert_int_equal(run(&req, WB_POST, "/form/XX01", NULL, "", NULL,
	    &err), WB_ENOTFOUND);
	wb_req_free(&req);
}

/* WB_P_MULTI collects every value, in order; one bad value fails all. */
static void
test_multi(void **state)
{
	struct wb_req	 req;
	struct wb_err	 err;
	const char	*v[8];

	(void)state;
	assert_int_equal(run(&req, WB_GET, "/types",
	    "multi=3&int=7&multi=1&multi=9", NULL, NULL, &err), 0);
	assert_int_equal(wb_req_multi(&req, "multi", v, 8), 3);
	assert_string_equal(v[0], "3");
	assert_string_equal(v[1], "1");
	assert_string_equal(v[2], "9");
	assert_int_equal(wb_req_multi(&req, "multi", v, 2), 2);
	assert_int_equal(wb_req_multi(&req, "int", v, 8), 1);
	assert_int_equal(wb_req_multi(&req, "enum", v, 8), 0);
	wb_req_free(&req);

	assert_int_equal(run(&req, WB_GET, "/types", "multi=3&multi=10", NULL,
	    NULL, &err), WB_EINVAL);
	wb_req_free(&req);
	assert_int_equal(run(&req, WB_GET, "/types", "multi=3&multi=", NULL,
	    NULL, &err), 0);
	assert_int_equal(wb_req_multi(&req, "multi", v, 8), 1);
	wb_req_free(&req);
}

/* The framework's own field (csrf) is taken out before validation. */
static void
test_skip(void **state)
{
	struct wb_req	req;
	struct wb_err	err;

	(void)state;
	assert_int_equal(run(&req, WB_POST, "/types", NULL,
	    "int=1&csrf=tok123&enum=rood", "csrf", &err), 0);
	assert_string_equal(req.csrf_sent, "tok123");
	assert_null(wb_req_raw(&req, "csrf"));
	assert_int_equal(wb_req_int(&req, "int", 0), 1);
	wb_req_free(&req);
	/* only from the body: in a query string it is just undeclared */
	assert_int_equal(run(&req, WB_GET, "/types", "csrf=tok123", NULL,
	    "csrf", &err), WB_EINVAL);
	assert_null(req.csrf_sent);
	wb_req_free(&req);
}

/* -- WB_R_FORM: field errors instead of a refusal -- */

/* The field names of the recorded errors, comma-separated. */
static void
error_fields(const struct wb_req *req, char *out, size_t n)
{
	size_t	 i;
	json_t	*e;

	out[0] = '\0';
	if (req->errors == NULL)
		return;
	json_array_foreach(req->errors, i, e) {
		size_t	len = strlen(out);

		snprintf(out + len, n - len, "%s%s", len ? "," : "",
		    json_string_value(json_object_get(e, "field")));
	}
}

struct fcase {
	const char	*body;
	int		 rc;
	const char	*fields;	/* with errors, in order */
};

static const struct fcase fcases[] = {
	{ "name=Ann&age=30", 0, "" },
	{ "name=Ann&age=30&email=a%40b.nl&tags=rood&tags=groen", 0, "" },
	{ "", 0, "name,age" },
	{ "name=Ann", 0, "age" },
	{ "name=Annemarie&age=30", 0, "name" },
	{ "name=Ann&age=abc", 0, "age" },	/* not also "required" */
	{ "name=Annemarie&age=200&email=x", 0, "name,age,email" },
	{ "age=abc", 0, "age,name" },
	{ "name=Ann&age=30&tags=rood&tags=paars", 0, "tags" },
	{ "name=Ann&age=30&age=31", WB_EINVAL, "" },	/* still refused */
	{ "name=Ann&age=30&x=1", WB_EINVAL, "" },	/* still refused */
	{ "name=%ZZ", WB_EINVAL, "" },
};

static void
test_form_errors(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(fcases); i++) {
		const struct fcase	*c = &fcases[i];
		struct wb_req		 req;
		struct wb_err		 err;
		char			 got[200];
		int			 rc;

		rc = run(&req, WB_POST, "/formulier", NULL, c->body, "csrf",
		    &err);
		if (rc != c->rc)
			fail_msg("\"%s\": rc %d (%s)", c->body, rc, err.msg);
		if (rc == 0) {
			error_fields(&req, got, sizeof(got));
			if (strcmp(got, c->fields) != 0)
				fail_msg("\"%s\": errors \"%s\", want \"%s\"",
				    c->body, got, c->fields);
			assert_true(wb_req_has_errors(&req) ==
			    (c->fields[0] != '\0'));
		}
		wb_req_free(&req);
	}
}

/* What a form handler sees after field errors: the raw text to show again,
 * no validated value, and a message with the field's label. */
static void
test_form_values(void **state)
{
	struct wb_req	 req;
	struct wb_err	 err;
	json_t		*e;

	(void)state;
	assert_int_equal(run(&req, WB_POST, "/formulier", NULL,
	    "name=Annemarie&age=abc", NULL, &err), 0);
	assert_string_equal(wb_req_raw(&req, "name"), "Annemarie");
	assert_null(wb_req_str(&req, "name"));
	assert_string_equal(wb_req_raw(&req, "age"), "abc");
	assert_int_equal(wb_req_int(&req, "age", -1), -1);
	e = json_array_get(req.errors, 0);
	assert_non_null(strstr(json_string_value(json_object_get(e,
	    "message")), "Naam"));
	e = json_array_get(req.errors, 1);
	assert_non_null(strstr(json_string_value(json_object_get(e,
	    "message")), "Leeftijd"));
	wb_req_free(&req);

	assert_int_equal(run(&req, WB_POST, "/formulier", NULL, "", NULL,
	    &err), 0);
	e = json_array_get(req.errors, 0);
	assert_non_null(strstr(json_string_value(json_object_get(e,
	    "message")), "verplicht"));
	wb_req_free(&req);
}

/* -- limits, at the limit and one past it -- */

/* A query of `n` pairs "multi=1". */
static char *
pairs(size_t n)
{
	char	*q = malloc(8 * n + 1);
	size_t	 i, at = 0;

	assert_non_null(q);
	for (i = 0; i < n; i++) {
		if (i > 0)
			q[at++] = '&';
		memcpy(q + at, "multi=1", 7);
		at += 7;
	}
	q[at] = '\0';
	return q;
}

/* A body "big=aaa...&big=aaa..." of exactly `n` bytes (n > 8200), each
 * value at most 8000 bytes. */
static char *
big_body(size_t n)
{
	char	*b = malloc(n + 1);
	size_t	 at = 0, v;

	assert_non_null(b);
	while (at < n) {
		if (at > 0)
			b[at++] = '&';
		v = n - at - 4;
		if (v > 8000) {
			v = 8000;
			if (n - at - 4 - v < 5)
				v -= 5;	/* room for "&big=" after it */
		}
		memcpy(b + at, "big=", 4);
		at += 4;
		memset(b + at, 'a', v);
		at += v;
	}
	b[n] = '\0';
	return b;
}

static void
test_limits(void **state)
{
	struct wb_req	 req;
	struct wb_err	 err;
	char		*s, q[WB_MAX_FIELD + 64];
	const char	*v[WB_MAX_FIELDS + 1];

	(void)state;
	/* WB_MAX_FIELDS pairs */
	s = pairs(WB_MAX_FIELDS);
	assert_int_equal(run(&req, WB_GET, "/types", s, NULL, NULL, &err), 0);
	assert_int_equal(wb_req_multi(&req, "multi", v, WB_MAX_FIELDS + 1),
	    WB_MAX_FIELDS);
	wb_req_free(&req);
	free(s);
	s = pairs(WB_MAX_FIELDS + 1);
	assert_int_equal(run(&req, WB_GET, "/types", s, NULL, NULL, &err),
	    WB_ETOOBIG);
	wb_req_free(&req);
	free(s);

	/* WB_MAX_FIELD bytes in one value */
	memcpy(q, "big=", 4);
	memset(q + 4, 'a', WB_MAX_FIELD);
	q[4 + WB_MAX_FIELD] = '\0';
	assert_int_equal(run(&req, WB_GET, "/types", q, NULL, NULL, &err), 0);
	assert_int_equal(strlen(wb_req_str(&req, "big")), WB_MAX_FIELD);
	wb_req_free(&req);
	q[4 + WB_MAX_FIELD] = 'a';
	q[5 + WB_MAX_FIELD] = '\0';
	assert_int_equal(run(&req, WB_GET, "/types", q, NULL, NULL, &err),
	    WB_EINVAL);
	wb_req_free(&req);

	/* WB_MAX_NAME bytes in a name (NAME64 is declared) */
	assert_int_equal(strlen(NAME64), WB_MAX_NAME);
	assert_int_equal(run(&req, WB_GET, "/types", NAME64 "=x", NULL, NULL,
	    &err), 0);
	wb_req_free(&req);
	assert_int_equal(run(&req, WB_GET, "/types", NAME64 "n=x", NULL, NULL,
	    &err), WB_EINVAL);
	wb_req_free(&req);

	/* WB_MAX_BODY bytes of form body */
	s = big_body(WB_MAX_BODY);
	assert_int_equal(strlen(s), WB_MAX_BODY);
	assert_int_equal(run(&req, WB_POST, "/types", NULL, s, NULL, &err), 0);
	assert_true(wb_req_multi(&req, "big", v, WB_MAX_FIELDS) > 8);
	wb_req_free(&req);
	free(s);
	s = big_body(WB_MAX_BODY + 1);
	assert_int_equal(strlen(s), WB_MAX_BODY + 1);
	assert_int_equal(run(&req, WB_POST, "/types", NULL, s, NULL, &err),
	    WB_ETOOBIG);
	wb_req_free(&req);
	free(s);

	/* WB_P_PATH: at most 512 bytes */
	memcpy(q, "path=/", 6);
	memset(q + 6, 'p', 511);
	q[6 + 511] = '\0';
	assert_int_equal(run(&req, WB_GET, "/types", q, NULL, NULL, &err), 0);
	wb_req_free(&req);
	q[6 + 511] = 'p';
	q[6 + 512] = '\0';
	assert_int_equal(run(&req, WB_GET, "/types", q, NULL, NULL, &err),
	    WB_EINVAL);
	wb_req_free(&req);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_path_tab_open_redirect),
		cmocka_unit_test(test_multipart_nul),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_path_values),
		cmocka_unit_test(test_multi),
		cmocka_unit_test(test_skip),
		cmocka_unit_test(test_form_errors),
		cmocka_unit_test(test_form_values),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_api.c - the JSON API v1 through the router: Bearer tokens,
 * regions, organisations, contact points, parameter errors and the
 * OpenAPI document (which must describe every /api/v1/ route). */
#include "httptest.h"
#include "base/time.h"

extern const struct wb_route wb_routes[];

static struct ht T;
static char region[8];		/* region of GM0796 */
static char auth[16 + WB_TOKEN_HEX];	/* "Bearer <token>" */
static char revoked[16 + WB_TOKEN_HEX];
static char inactive[16 + WB_TOKEN_HEX];
static char valid_from[16];	/* ISO start of the contact point */

/* A new token for `user_id` as an Authorization header value. */
static void
make_bearer(int64_t user_id, char *out, size_t n)
{
	char	token[WB_TOKEN_HEX + 1];

	ht_token_for(&T, user_id, token, sizeof(token));
	snprintf(out, n, "Bearer %s", token);
}

static int
setup(void **state)
{
	struct wb_actor		 sys = wb_actor_system();
	struct wb_user_input	 in_user;
	struct wb_err		 err;
	int64_t			 uwv, anna, bert, prof, gone;
	int64_t			 from = wb_today() - 10;

	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	uwv = ht_add_org(&T, "UWV-T", "uwv", region);
	ht_add_org(&T, "GGZ-T", "ggz", region);
	ht_add_org(&T, "GGZ-OTHER", "ggz", "AM01");
	prof = ht_add_user(&T, "prof@t.example", "professional", "GGZ-T",
	    NULL);
	gone = ht_add_user(&T, "gone@t.example", "professional", "GGZ-T",
	    NULL);
	anna = ht_add_card(&T, uwv, 0, "Anna Arbeid", "arbeidsdeskundige");
	bert = ht_add_card(&T, uwv, 0, "Bert Vervanger", "arbeidsdeskundige");
	ht_add_contact_point(&T, uwv, region, "uwv", anna, bert, from);
	wb_date_iso(from, valid_from, sizeof(valid_from));

	make_bearer(prof, auth, sizeof(auth));
	/* A token that is revoked (there is no revoke command yet). */
	make_bearer(prof, revoked, sizeof(revoked));
	dbt_exec(&T.dbt, "UPDATE api_token SET revoked_at = 1 "
	    "WHERE id = (SELECT max(id) FROM api_token);");
	/* A token of an account that is switched off afterwards. */
	make_bearer(gone, inactive, sizeof(inactive));
	memset(&in_user, 0, sizeof(in_user));
	in_user.email = "gone@t.example";
	in_user.name = "gone@t.example";
	in_user.role = "professional";
	in_user.org_code = "GGZ-T";
	in_user.active = false;
	if (wb_user_update(T.dbt.db, &sys, gone, &in_user, &err) != 0)
		fail_msg("wb_user_update: %s", err.msg);
	return 0;
}

/* GET `target` with an Authorization header (NULL = none). */
static void
api_get(const char *target, const char *authorization, struct ht_resp *r)
{
	ht_request_ct(&T, "GET", target, NULL, NULL, 0, NULL, authorization,
	    r);
}

/* The body as JSON; fails the test when it is not JSON. */
static json_t *
body_json(const struct ht_resp *r)
{
	json_error_t	 e;
	json_t		*v = json_loads(r->body, 0, &e);
	char		*ct = ht_header(r, "Content-Type");

	if (v == NULL)
		fail_msg("not JSON (%s): %.200s", e.text, r->body);
	assert_non_null(ct);
	assert_string_equal(ct, "application/json");
	free(ct);
	return v;
}

/* True when some key anywhere in `v` ends in "_nl" or "_label". */
static bool
has_display_key(json_t *v)
{
	const char	*key;
	json_t		*child;
	size_t		 i, n;

	if (json_is_object(v)) {
		json_object_foreach(v, key, child) {
			n = strlen(key);
			if ((n >= 3 && strcmp(key + n - 3, "_nl") == 0) ||
			    (n >= 6 && strcmp(key + n - 6, "_label") == 0))
				return true;
			if (has_display_key(child))
				return true;
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			if (has_display_key(child))
				return true;
	}
	return false;
}

/* GET `target`, expect `status` and return the JSON body. */
static json_t *
api_json(const char *target, const char *authorization, int status)
{
	struct ht_resp	 r;
	json_t		*v;

	api_get(target, authorization, &r);
	if (r.status != status)
		fail_msg("%s: status %d, want %d", target, r.status, status);
	v = body_json(&r);
	ht_resp_free(&r);
	return v;
}

/* Expect `status` with a JSON error body. */
static void
expect_error(const char *target, const char *authorization, int status)
{
	json_t	*v = api_json(target, authorization, status);

	assert_true(json_is_string(json_object_get(v, "error")));
	json_decref(v);
}

static void
test_token_required(void **state)
{
	struct ht_resp	 r;
	char		*h;
	char		 zeros[16 + WB_TOKEN_HEX];
	json_t		*v;

	(void)state;
	api_get("/api/v1/regions", NULL, &r);
	ht_expect(&r, 401, NULL);
	h = ht_header(&r, "WWW-Authenticate");
	assert_non_null(h);
	assert_string_equal(h, "Bearer");
	free(h);
	v = body_json(&r);
	assert_non_null(json_object_get(v, "error"));
	assert_null(json_object_get(v, "items"));
	json_decref(v);
	ht_resp_free(&r);
	snprintf(zeros, sizeof(zeros), "Bearer %064d", 0);
	expect_error("/api/v1/regions", zeros, 401);
	expect_error("/api/v1/regions", "Bearer not-a-token", 401);
	expect_error("/api/v1/regions", auth + 7, 401);	/* no "Bearer " */
	expect_error("/api/v1/regions", revoked, 401);
	expect_error("/api/v1/regions", inactive, 401);
	expect_error("/api/v1/contact-points?municipality=GM0796&domain=uwv",
	    revoked, 401);
	expect_error("/api/v1/regions", "Basic dXNlcjpwYXNz", 401);
}

static void
test_session_is_no_token(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	json_t		*v;

	(void)state;
	/* A browser session cookie does not open the API. */
	ht_login(&T, "prof@t.example", &u);
	ht_request_ct(&T, "GET", "/api/v1/regions", NULL, NULL, 0, u.cookie,
	    NULL, &r);
	ht_expect(&r, 401, NULL);
	v = body_json(&r);
	json_decref(v);
	ht_resp_free(&r);
	/* The directory is read-only: other methods are refused, in JSON. */
	ht_post(&T, &u, "/api/v1/regions", "", &r);
	ht_expect(&r, 405, NULL);
	v = body_json(&r);
	assert_true(json_is_string(json_object_get(v, "error")));
	json_decref(v);
	ht_resp_free(&r);
}

static void
test_regions(void **state)
{
	json_t		*v, *items, *first;
	size_t		 i;

	(void)state;
	v = api_json("/api/v1/regions", auth, 200);
	items = json_object_get(v, "items");
	assert_int_equal(json_array_size(items), 35);
	assert_int_equal(json_integer_value(json_object_get(v, "total")), 35);
	first = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(first, "code")),
	    "AM01");
	assert_true(json_is_string(json_object_get(first, "name")));
	assert_int_equal(json_integer_value(json_object_get(first, "year")),
	    2026);
	for (i = 0; i < json_array_size(items); i++)
		assert_true(json_integer_value(json_object_get(
		    json_array_get(items, i), "municipality_count")) > 0);
	json_decref(v);
}

static void
test_region(void **state)
{
	json_t		*v, *ms, *m;
	char		 path[64];
	bool		 found = false;
	size_t		 i;

	(void)state;
	snprintf(path, sizeof(path), "/api/v1/regions/%s", region);
	v = api_json(path, auth, 200);
	assert_string_equal(json_string_value(json_object_get(v, "code")),
	    region);
	ms = json_object_get(v, "municipalities");
	assert_true(json_array_size(ms) > 1);
	assert_int_equal(json_integer_value(json_object_get(v,
	    "municipality_count")), (json_int_t)json_array_size(ms));
	json_array_foreach(ms, i, m) {
		assert_int_equal(json_object_size(m), 2);
		if (strcmp(json_string_value(json_object_get(m, "code")),
		    "GM0796") == 0) {
			assert_string_equal(json_string_value(json_object_get(
			    m, "name")), "'s-Hertogenbosch");
			found = true;
		}
	}
	assert_true(found);
	json_decref(v);
	expect_error("/api/v1/regions/AM99", auth, 404);
	expect_error("/api/v1/regions/AM1", auth, 400);
	expect_error("/api/v1/regions/AM01?x=1", auth, 400);
	expect_error("/api/v1/nothing", auth, 404);
}

static void
test_contact_points(void **state)
{
	json_t		*v, *cps, *cp;
	int64_t		 before = ht_audit_count(&T, "contactpoint.find",
	    "allowed");
	char		 path[96];

	(void)state;
	v = api_json("/api/v1/contact-points?municipality=GM0796&domain=uwv",
	    auth, 200);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(v, "municipality"), "code")), "GM0796");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(v, "region"), "code")), region);
	assert_string_equal(json_string_value(json_object_get(v, "domain")),
	    "uwv");
	cps = json_object_get(v, "contact_points");
	assert_int_equal(json_array_size(cps), 1);
	cp = json_array_get(cps, 0);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(cp, "organisation"), "code")), "UWV-T");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(cp, "contact"), "name")), "Anna Arbeid");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(cp, "contact"), "function")), "arbeidsdeskundige");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(cp, "deputy"), "name")), "Bert Vervanger");
	assert_string_equal(json_string_value(json_object_get(cp,
	    "valid_from")), valid_from);
	assert_true(json_is_null(json_object_get(cp, "valid_until")));
	/* Stable English keys only: no Dutch labels or dates. */
	assert_false(has_display_key(v));
	json_decref(v);
	/* The search is audited like the web's. */
	assert_int_equal(ht_audit_count(&T, "contactpoint.find", "allowed"),
	    before + 1);

	/* By region: the same contact point, no municipality. */
	snprintf(path, sizeof(path), "/api/v1/contact-points?region=%s&"
	    "domain=uwv", region);
	v = api_json(path, auth, 200);
	assert_true(json_is_null(json_object_get(v, "municipality")));
	assert_int_equal(json_array_size(json_object_get(v,
	    "contact_points")), 1);
	json_decref(v);

	/* Another domain has none yet: an empty list, not an error. */
	v = api_json("/api/v1/contact-points?municipality=GM0796&domain=ggz",
	    auth, 200);
	assert_int_equal(json_array_size(json_object_get(v,
	    "contact_points")), 0);
	json_decref(v);
}

static void
test_bad_parameters(void **state)
{
	static const char *const bad[] = {
		"/api/v1/contact-points?municipality=GM0796&domain=x",
		"/api/v1/contact-points?municipality=GM1&domain=uwv",
		"/api/v1/contact-points?municipality=GM0796&domain=uwv&foo=1",
		"/api/v1/contact-points?municipality=GM0796",
		"/api/v1/contact-points?domain=uwv",
		"/api/v1/contact-points?municipality=GM0796&region=AM01&"
		    "domain=uwv",
		"/api/v1/contact-points?municipality=GM0796&"
		    "municipality=GM0797&domain=uwv",
		"/api/v1/contact-points?region=XX01&domain=uwv",
		"/api/v1/organisations?limit=0",
		"/api/v1/organisations?limit=1001",
		"/api/v1/organisations?offset=-1",
		"/api/v1/organisations?type=politie",
		"/api/v1/regions?page=2",
	};
	int64_t	before = ht_audit_count(&T, "contactpoint.find", NULL);
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(bad); i++)
		expect_error(bad[i], auth, 400);
	expect_error("/api/v1/contact-points?municipality=GM9999&domain=uwv",
	    auth, 404);
	expect_error("/api/v1/contact-points?region=AM99&domain=uwv", auth,
	    404);
	expect_error("/api/v1/organisations?region=AM99", auth, 404);
	/* None of them searched. */
	assert_int_equal(ht_audit_count(&T, "contactpoint.find", NULL),
	    before);
}

static void
test_organisations(void **state)
{
	json_t		*v, *items, *o;
	char		 path[96];

	(void)state;
	v = api_json("/api/v1/organisations", auth, 200);
	assert_int_equal(json_integer_value(json_object_get(v, "total")), 3);
	assert_int_equal(json_integer_value(json_object_get(v, "limit")), 100);
	assert_int_equal(json_integer_value(json_object_get(v, "offset")), 0);
	items = json_object_get(v, "items");
	assert_int_equal(json_array_size(items), 3);
	assert_false(has_display_key(v));
	o = json_array_get(items, 0);
	assert_true(json_is_string(json_object_get(o, "code")));
	assert_true(json_is_string(json_object_get(o, "type")));
	assert_true(json_is_array(json_object_get(o, "regions")));
	json_decref(v);

	/* Paging: the second of three. */
	v = api_json("/api/v1/organisations?limit=1&offset=1", auth, 200);
	assert_int_equal(json_integer_value(json_object_get(v, "total")), 3);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 1);
	json_decref(v);

	/* A region and a type. */
	snprintf(path, sizeof(path), "/api/v1/organisations?region=%s&"
	    "type=uwv", region);
	v = api_json(path, auth, 200);
	items = json_object_get(v, "items");
	assert_int_equal(json_integer_value(json_object_get(v, "total")), 1);
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(items, 0), "code")), "UWV-T");
	json_decref(v);
	snprintf(path, sizeof(path), "/api/v1/organisations?region=%s&"
	    "offset=1", region);
	v = api_json(path, auth, 200);
	assert_int_equal(json_integer_value(json_object_get(v, "total")), 2);
	assert_int_equal(json_array_size(json_object_get(v, "items")), 1);
	json_decref(v);
}

static void
test_openapi(void **state)
{
	const struct wb_route	*rt;
	json_t			*v, *paths, *op;
	const char		*key;
	size_t			 napi = 0;

	(void)state;
	v = api_json("/api/v1/openapi.json", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(v, "openapi")),
	    "3.0.3");
	assert_non_null(json_object_get(json_object_get(json_object_get(
	    v, "components"), "securitySchemes"), "bearerAuth"));
	paths = json_object_get(v, "paths");
	assert_non_null(json_object_get(paths, "/healthz"));
	/* Every API route is described, with its method... */
	for (rt = wb_routes; rt->pattern != NULL; rt++) {
		if (strncmp(rt->pattern, "/api/v1/", 8) != 0)
			continue;
		napi++;
		op = json_object_get(paths, rt->pattern);
		if (op == NULL)
			fail_msg("%s is not in openapi.json", rt->pattern);
		assert_true(rt->method == WB_GET || rt->method == WB_POST);
		assert_non_null(json_object_get(op, rt->method == WB_GET ?
		    "get" : "post"));
	}
	/* The directory's 5, the client record's 9 (test_api_client), the
	 * trajectories' 4, the measurements' 2, the indicators' 1 and the
	 * fidelity reviews' 3. */
	assert_int_equal(napi, 24);
	/* ...and every path described exists. */
	json_object_foreach(paths, key, op) {
		bool found = strcmp(key, "/healthz") == 0;

		for (rt = wb_routes; rt->pattern != NULL && !found; rt++)
			if (strcmp(rt->pattern, key) == 0)
				found = true;
		if (!found)
			fail_msg("openapi.json describes unknown path %s", key);
	}
	json_decref(v);
	ht_get_expect(&T, NULL, "/healthz", 200, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token_required),
		cmocka_unit_test(test_session_is_no_token),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_region),
		cmocka_unit_test(test_contact_points),
		cmocka_unit_test(test_bad_parameters),
		cmocka_unit_test(test_organisations),
		cmocka_unit_test(test_openapi),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}

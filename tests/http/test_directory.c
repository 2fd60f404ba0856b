/* test_directory.c - the directory pages through the router: login,
 * regions, contact-point search, access rules, CSRF, lockout. */
#include "httptest.h"
#include "domain/card.h"
#include "domain/contact_point.h"
#include "base/time.h"

static struct ht T;
static char region[8];		/* region of GM0796 */

static int
setup(void **state)
{
	struct wb_actor		sys = wb_actor_system();
	struct wb_municipality	m;
	struct wb_arena		a;
	struct wb_card		c;
	struct wb_cp_input	in;
	struct wb_err		err;
	int64_t			uwv, card1, card2, cp;

	(void)state;
	ht_setup(&T);
	wb_arena_init(&a);
	assert_int_equal(wb_municipality_get(T.db, "GM0796", &a, &m, &err),
	    0);
	snprintf(region, sizeof(region), "%s", m.region_code);
	wb_arena_free(&a);
	uwv = ht_add_org(&T, "UWV-T", "uwv", region);
	ht_add_org(&T, "GGZ-T", "ggz", region);
	ht_add_org(&T, "GGZ-OTHER", "ggz", "AM01");
	ht_add_user(&T, "prof@t.example", "professional", "GGZ-T", NULL);
	ht_add_user(&T, "coord@t.example", "coordinator", "GGZ-T", region);
	ht_add_user(&T, "coord1@t.example", "coordinator", "GGZ-OTHER",
	    "AM01");
	ht_add_user(&T, "admin@t.example", "admin", "UWV-T", NULL);
	ht_add_user(&T, "lock@t.example", "professional", "GGZ-T", NULL);
	memset(&c, 0, sizeof(c));
	c.org_id = uwv;
	c.name = "Anna Arbeid";
	c.function = "arbeidsdeskundige";
	c.phone = "088 123";
	assert_int_equal(wb_card_add(T.db, &sys, &c, &card1, &err), 0);
	c.name = "Bert Vervanger";
	assert_int_equal(wb_card_add(T.db, &sys, &c, &card2, &err), 0);
	memset(&in, 0, sizeof(in));
	in.org_id = uwv;
	in.region_code = region;
	in.domain = "uwv";
	in.card_id = card1;
	in.deputy_card_id = card2;
	in.valid_from = wb_today() - 10;
	in.valid_until = INT64_MIN;
	assert_int_equal(wb_cp_set(T.db, &sys, &in, false, &cp, &err), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ht_teardown(&T);
	return 0;
}

static void
test_login_required(void **state)
{
	struct ht_resp	r;
	char		*loc;

	(void)state;
	ht_get(&T, NULL, "/regios", &r);
	assert_int_equal(r.status, 303);
	loc = ht_header(&r, "Location");
	assert_string_equal(loc, "/inloggen?terug=%2Fregios");
	free(loc);
	ht_resp_free(&r);
}

static void
test_security_headers(void **state)
{
	struct ht_resp	r;
	char		*csp;

	(void)state;
	ht_get(&T, NULL, "/inloggen", &r);
	csp = ht_header(&r, "Content-Security-Policy");
	assert_non_null(csp);
	assert_non_null(strstr(csp, "frame-ancestors 'none'"));
	assert_null(strstr(csp, "unsafe-inline"));
	free(csp);
	assert_non_null(strstr(r.headers, "X-Content-Type-Options: nosniff"));
	assert_non_null(strstr(r.headers, "Referrer-Policy: "));
	assert_non_null(strstr(r.headers, "HttpOnly; SameSite=Strict"));
	ht_resp_free(&r);
}

static void
test_find_contact_point(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;

	(void)state;
	ht_login(&T, "prof@t.example", &u);
	ht_get(&T, &u, "/contactpunten?q=%27s-Hertogenbosch&domain=uwv", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Anna Arbeid"));
	assert_non_null(strstr(r.body, "Bert Vervanger"));
	ht_resp_free(&r);
	ht_get(&T, &u, "/contactpunten?gemeente=GM0796&domain=uwv", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Anna Arbeid"));
	ht_resp_free(&r);
	/* The search is audited with the cards it showed. */
	assert_true(ht_audit_count(&T, "contactpoint.find", "allowed") >= 2);
}

static void
test_region_page(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		path[64];

	(void)state;
	ht_login(&T, "prof@t.example", &u);
	snprintf(path, sizeof(path), "/regios/%s", region);
	ht_get(&T, &u, path, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "Anna Arbeid"));
	assert_non_null(strstr(r.body, "&#39;s-Hertogenbosch"));
	/* A professional sees no edit link. */
	assert_null(strstr(r.body, "contactpunten/nieuw"));
	ht_resp_free(&r);
	ht_login(&T, "coord@t.example", &u);
	ht_get(&T, &u, path, &r);
	assert_non_null(strstr(r.body, "contactpunten/nieuw"));
	ht_resp_free(&r);
	ht_login(&T, "coord1@t.example", &u);
	ht_get(&T, &u, path, &r);
	assert_null(strstr(r.body, "contactpunten/nieuw"));
	ht_resp_free(&r);
}

static void
test_bad_parameters(void **state)
{
	static const char *const bad[] = {
		"/regios?x=1",			/* undeclared */
		"/regios/AM1",			/* not AMnn */
		"/regios/XX13",
		"/contactpunten?domain=politie",
		"/contactpunten?q=a&q=b",	/* repeated */
		"/contactpunten?q=%ZZ",		/* bad escape */
		"/contactpunten?q=a%00b",	/* NUL */
		"/organisaties?pagina=-1",
		"/organisaties?pagina=abc",
		"/kaartjes/0",
		"/kaartjes/99999999999999999999",
	};
	struct ht_user	u;
	struct ht_resp	r;
	size_t		i;

	(void)state;
	ht_login(&T, "prof@t.example", &u);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ht_get(&T, &u, bad[i], &r);
		if (r.status != 400 && r.status != 404)
			fail_msg("%s: status %d", bad[i], r.status);
		ht_resp_free(&r);
	}
	ht_get(&T, &u, "/regios/AM99", &r);
	assert_int_equal(r.status, 404);
	ht_resp_free(&r);
}

static void
test_csrf_required(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		body[160];

	(void)state;
	ht_login(&T, "prof@t.example", &u);
	/* Logout without a token changes nothing: the session still works. */
	ht_request(&T, "POST", "/uitloggen", "", u.cookie, &r);
	assert_int_equal(r.status, 403);
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "csrf=%064d", 0);
	ht_request(&T, "POST", "/uitloggen", body, u.cookie, &r);
	assert_int_equal(r.status, 403);
	ht_resp_free(&r);
	ht_get(&T, &u, "/regios", &r);
	assert_int_equal(r.status, 200);
	ht_resp_free(&r);
	/* With the token it logs out. */
	ht_post(&T, &u, "/uitloggen", "", &r);
	assert_int_equal(r.status, 303);
	ht_resp_free(&r);
	ht_get(&T, &u, "/regios", &r);
	assert_int_equal(r.status, 303);
	ht_resp_free(&r);
}

static void
test_wrong_password_and_lockout(void **state)
{
	struct ht_resp	r;
	char		pre[128], csrf[80], body[256];
	int		i;

	(void)state;
	ht_request(&T, "GET", "/inloggen", NULL, NULL, &r);
	assert_true(ht_cookie_value(&r, "wb_pre", pre, sizeof(pre)));
	ht_find_csrf(r.body, csrf, sizeof(csrf));
	ht_resp_free(&r);
	for (i = 0; i < WB_LOGIN_MAX_ACCOUNT; i++) {
		snprintf(body, sizeof(body), "csrf=%s&email=lock@t.example&"
		    "password=fout-wachtwoord", csrf);
		ht_request(&T, "POST", "/inloggen", body, pre, &r);
		assert_int_equal(r.status, 401);
		assert_non_null(strstr(r.body, "klopt niet"));
		/* The password is never echoed back. */
		assert_null(strstr(r.body, "fout-wachtwoord"));
		ht_resp_free(&r);
	}
	/* Now even the right password is refused for a while. */
	snprintf(body, sizeof(body), "csrf=%s&email=lock@t.example&"
	    "password=%s", csrf, HT_PASSWORD);
	ht_request(&T, "POST", "/inloggen", body, pre, &r);
	assert_int_equal(r.status, 429);
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "account.locked", NULL), 1);
	assert_true(ht_audit_count(&T, "login.locked", "denied") >= 1);
	assert_true(ht_audit_count(&T, "login.failed", "denied") >=
	    WB_LOGIN_MAX_ACCOUNT);
}

static void
test_static_and_health(void **state)
{
	struct ht_resp	r;

	(void)state;
	ht_get(&T, NULL, "/static/werkbrug.css", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.headers, "text/css"));
	ht_resp_free(&r);
	ht_get(&T, NULL, "/static/..%2Fetc%2Fpasswd", &r);
	assert_true(r.status == 404 || r.status == 400);
	ht_resp_free(&r);
	ht_get(&T, NULL, "/healthz", &r);
	assert_int_equal(r.status, 200);
	ht_resp_free(&r);
}

static void
test_language(void **state)
{
	struct ht_resp	r;

	(void)state;
	ht_request_ct(&T, "GET", "/inloggen", NULL, NULL, 0,
	    NULL, NULL, &r);
	assert_non_null(strstr(r.body, "<html lang=\"nl\""));
	ht_resp_free(&r);
	ht_request(&T, "GET", "/inloggen", NULL, "wb_lang=en", &r);
	assert_non_null(strstr(r.body, "<html lang=\"en\""));
	ht_resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_required),
		cmocka_unit_test(test_security_headers),
		cmocka_unit_test(test_find_contact_point),
		cmocka_unit_test(test_region_page),
		cmocka_unit_test(test_bad_parameters),
		cmocka_unit_test(test_csrf_required),
		cmocka_unit_test(test_wrong_password_and_lockout),
		cmocka_unit_test(test_static_and_health),
		cmocka_unit_test(test_language),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_directory.c - the directory pages through the router: login,
 * regions, contact-point search, access rules, CSRF, lockout. */
#include "httptest.h"
#include "base/time.h"

static struct ht T;
static char region[8];		/* region of GM0796 */
static int64_t uwv, anna;

static int
setup(void **state)
{
	int64_t	bert;

	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	uwv = ht_add_org(&T, "UWV-T", "uwv", region);
	ht_add_org(&T, "GGZ-T", "ggz", region);
	ht_add_org(&T, "GGZ-OTHER", "ggz", "AM01");
	ht_add_user(&T, "prof@t.example", "professional", "GGZ-T", NULL);
	ht_add_user(&T, "coord@t.example", "coordinator", "GGZ-T", region);
	ht_add_user(&T, "coord1@t.example", "coordinator", "GGZ-OTHER",
	    "AM01");
	ht_add_user(&T, "admin@t.example", "admin", "UWV-T", NULL);
	ht_add_user(&T, "lock@t.example", "professional", "GGZ-T", NULL);
	anna = ht_add_card(&T, uwv, 0, "Anna Arbeid", "arbeidsdeskundige");
	bert = ht_add_card(&T, uwv, 0, "Bert Vervanger", "arbeidsdeskundige");
	ht_add_contact_point(&T, uwv, region, "uwv", anna, bert,
	    wb_today() - 10);
	return 0;
}

static void
test_login_required(void **state)
{
	struct ht_resp	r;

	(void)state;
	ht_get(&T, NULL, "/regios", &r);
	ht_expect_redirect(&r, "/inloggen?terug=%2Fregios");
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
	ht_expect(&r, 200, "Anna Arbeid");
	assert_non_null(strstr(r.body, "Bert Vervanger"));
	ht_resp_free(&r);
	ht_get_expect(&T, &u, "/contactpunten?gemeente=GM0796&domain=uwv", 200,
	    "Anna Arbeid");
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
	ht_expect(&r, 200, "Anna Arbeid");
	assert_non_null(strstr(r.body, "&#39;s-Hertogenbosch"));
	/* A professional sees no edit link. */
	assert_null(strstr(r.body, "contactpunten/nieuw"));
	ht_resp_free(&r);
	ht_login(&T, "coord@t.example", &u);
	ht_get_expect(&T, &u, path, 200, "contactpunten/nieuw");
	ht_login(&T, "coord1@t.example", &u);
	ht_get(&T, &u, path, &r);
	assert_null(strstr(r.body, "contactpunten/nieuw"));
	ht_resp_free(&r);
}

/* GET the card page of `id` as `email`; expect `status`, and `name` on
 * the page exactly when it is 200. */
static void
card_page(const char *email, int64_t id, int status, const char *name)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		path[64];

	snprintf(path, sizeof(path), "/kaartjes/%lld", (long long)id);
	ht_login(&T, email, &u);
	ht_get(&T, &u, path, &r);
	if (r.status != status)
		fail_msg("%s GET %s: %d", email, path, r.status);
	if ((strstr(r.body, name) != NULL) != (status == 200))
		fail_msg("%s GET %s: name %s", email, path,
		    status == 200 ? "missing" : "shown");
	ht_resp_free(&r);
}

static void
test_inactive_card(void **state)
{
	struct wb_actor	sys = wb_actor_system();
	struct wb_card	c;
	struct wb_arena	a;
	struct wb_err	err;
	int64_t		gone_id, card, denied, allowed;

	(void)state;
	/* A former colleague at UWV-T whose card was taken out of the
	 * directory. */
	gone_id = ht_add_user(&T, "gone@t.example", "professional", "UWV-T",
	    NULL);
	card = ht_add_card(&T, uwv, gone_id, "Greet Gegaan",
	    "arbeidsdeskundige");
	wb_arena_init(&a);
	assert_int_equal(wb_card_get(T.dbt.db, &sys, card, &a, &c, &err), 0);
	c.active = false;
	assert_int_equal(wb_card_update(T.dbt.db, &sys, &c, &err), 0);
	wb_arena_free(&a);
	/* An active card is there for every professional. */
	card_page("prof@t.example", anna, 200, "Anna Arbeid");
	/* The inactive one is not, for a professional of another
	 * organisation or a coordinator of another region, and the refusal
	 * is audited. */
	denied = ht_audit_count(&T, "card.read", "denied");
	card_page("prof@t.example", card, 404, "Greet Gegaan");
	assert_int_equal(ht_audit_count(&T, "card.read", "denied"),
	    denied + 1);
	card_page("coord1@t.example", card, 404, "Greet Gegaan");
	assert_int_equal(ht_audit_count(&T, "card.read", "denied"),
	    denied + 2);
	/* Whoever may edit it still sees it: the administrator, the
	 * region's coordinator and its owner. */
	allowed = ht_audit_count(&T, "card.read", "allowed");
	card_page("admin@t.example", card, 200, "Greet Gegaan");
	card_page("coord@t.example", card, 200, "Greet Gegaan");
	card_page("gone@t.example", card, 200, "Greet Gegaan");
	assert_int_equal(ht_audit_count(&T, "card.read", "allowed"),
	    allowed + 3);
	assert_int_equal(ht_audit_count(&T, "card.read", "denied"),
	    denied + 2);
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
	ht_get_expect(&T, &u, "/regios/AM99", 404, NULL);
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
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "csrf=%064d", 0);
	ht_request(&T, "POST", "/uitloggen", body, u.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	ht_get_expect(&T, &u, "/regios", 200, NULL);
	/* With the token it logs out. */
	ht_post_expect(&T, &u, "/uitloggen", "", 303, NULL);
	ht_get_expect(&T, &u, "/regios", 303, NULL);
}

static void
test_wrong_password_and_lockout(void **state)
{
	struct ht_resp	r;
	char		pre[128], csrf[80];
	int		i;

	(void)state;
	ht_login_form(&T, pre, sizeof(pre), csrf, sizeof(csrf));
	for (i = 0; i < WB_LOGIN_MAX_ACCOUNT; i++) {
		ht_login_post(&T, pre, csrf, "lock@t.example",
		    "fout-wachtwoord", &r);
		ht_expect(&r, 401, "klopt niet");
		/* The password is never echoed back. */
		assert_null(strstr(r.body, "fout-wachtwoord"));
		ht_resp_free(&r);
	}
	/* Now even the right password is refused for a while. */
	ht_login_post(&T, pre, csrf, "lock@t.example", HT_PASSWORD, &r);
	ht_expect(&r, 429, NULL);
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
	ht_expect(&r, 200, NULL);
	assert_non_null(strstr(r.headers, "text/css"));
	ht_resp_free(&r);
	ht_get(&T, NULL, "/static/..%2Fetc%2Fpasswd", &r);
	assert_true(r.status == 404 || r.status == 400);
	ht_resp_free(&r);
	ht_get_expect(&T, NULL, "/healthz", 200, NULL);
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

/* Set a card's active flag as the system. */
static void
set_active(int64_t id, bool active)
{
	struct wb_actor	 sys = wb_actor_system();
	struct wb_card	 c;
	struct wb_arena	 a;
	struct wb_err	 err;

	wb_arena_init(&a);
	assert_int_equal(wb_card_get(T.dbt.db, &sys, id, &a, &c, &err), 0);
	c.active = active;
	assert_int_equal(wb_card_update(T.dbt.db, &sys, &c, &err), 0);
	wb_arena_free(&a);
}

/* Someone who left (card deactivated) disappears from the contact
 * points: as deputy ("no deputy"), as contact person (a gap). */
static void
test_contact_point_of_someone_who_left(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	int64_t		org, carla, dirk;

	(void)state;
	org = ht_add_org(&T, "UWV-LEFT", "uwv", "AM01");
	carla = ht_add_card(&T, org, 0, "Carla Contact", "arbeidsdeskundige");
	dirk = ht_add_card(&T, org, 0, "Dirk Deputy", "arbeidsdeskundige");
	ht_add_contact_point(&T, org, "AM01", "uwv", carla, dirk,
	    wb_today() - 5);
	ht_login(&T, "prof@t.example", &u);
	ht_get_expect(&T, &u, "/contactpunten?regio=AM01&domain=uwv", 200,
	    "Dirk Deputy");
	set_active(dirk, false);
	ht_get(&T, &u, "/contactpunten?regio=AM01&domain=uwv", &r);
	ht_expect(&r, 200, "Carla Contact");
	assert_null(strstr(r.body, "Dirk Deputy"));
	assert_non_null(strstr(r.body, "Geen vervanger"));
	ht_resp_free(&r);
	set_active(carla, false);
	ht_get(&T, &u, "/contactpunten?regio=AM01&domain=uwv", &r);
	ht_expect(&r, 200, "nog geen vast contactpunt");
	assert_null(strstr(r.body, "Carla Contact"));
	ht_resp_free(&r);
	ht_get_expect(&T, &u, "/regios/AM01", 200,
	    "Geen contactpunt voor: GGZ UWV Gemeente");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_required),
		cmocka_unit_test(test_security_headers),
		cmocka_unit_test(test_find_contact_point),
		cmocka_unit_test(test_region_page),
		cmocka_unit_test(test_inactive_card),
		cmocka_unit_test(test_bad_parameters),
		cmocka_unit_test(test_csrf_required),
		cmocka_unit_test(test_wrong_password_and_lockout),
		cmocka_unit_test(test_static_and_health),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_contact_point_of_someone_who_left),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}

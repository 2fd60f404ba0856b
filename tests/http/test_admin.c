/* test_admin.c - the administrator's account pages through the router:
 * listing, creating and changing accounts, field errors, access by other
 * roles, CSRF, deactivation and new passwords. */
#include "httptest.h"

static struct ht T;
static int64_t prof_id, victim_id, pw_id;

#define NEW_PW	"een-lang-wachtwoord-1"

static int
setup(void **state)
{
	ht_setup(&T);
	*state = &T;
	ht_add_org(&T, "GGZ-A", "ggz", "AM01");
	ht_add_org(&T, "UWV-A", "uwv", "AM01");
	ht_add_user(&T, "admin@t.example", "admin", "UWV-A", NULL);
	prof_id = ht_add_user(&T, "prof@t.example", "professional", "GGZ-A",
	    NULL);
	ht_add_user(&T, "coord@t.example", "coordinator", "GGZ-A", "AM01");
	ht_add_user(&T, "audit@t.example", "auditor", "UWV-A", NULL);
	victim_id = ht_add_user(&T, "victim@t.example", "professional",
	    "GGZ-A", NULL);
	pw_id = ht_add_user(&T, "pw@t.example", "professional", "GGZ-A",
	    NULL);
	return 0;
}

/* The number of accounts in the database. */
static size_t
count_users(void)
{
	struct wb_actor	 sys = wb_actor_system();
	struct wb_user	*us;
	struct wb_arena	 a;
	struct wb_err	 err;
	size_t		 n;

	wb_arena_init(&a);
	assert_int_equal(wb_user_list(T.dbt.db, &sys, 0, 1000, 0, &a, &us, &n,
	    &err), 0);
	wb_arena_free(&a);
	return n;
}

/* True when an account with `email` exists. */
static bool
user_exists(const char *email)
{
	struct wb_user	u;
	struct wb_arena	a;
	struct wb_err	err;
	int		rc;

	wb_arena_init(&a);
	rc = wb_user_find_email(T.dbt.db, email, &a, &u, &err);
	wb_arena_free(&a);
	assert_true(rc == 0 || rc == WB_ENOTFOUND);
	return rc == 0;
}

/* Load account `id` into `u` (strings in `a`). */
static void
load(int64_t id, struct wb_arena *a, struct wb_user *u)
{
	struct wb_err	err;

	assert_int_equal(wb_user_load(T.dbt.db, id, a, u, &err), 0);
}

/* The <input ...> tag with id="name" in `html`, copied, or NULL. */
static char *
input_tag(const char *html, const char *id)
{
	char		 needle[64];
	const char	*p, *end;

	snprintf(needle, sizeof(needle), "<input id=\"%s\"", id);
	p = strstr(html, needle);
	if (p == NULL)
		return NULL;
	end = strchr(p, '>');
	assert_non_null(end);
	return wb_xstrndup(p, (size_t)(end - p) + 1);
}

static void
test_list(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	int64_t		lists = ht_audit_count(&T, "user.list", "allowed");

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	ht_get(&T, &u, "/beheer/gebruikers", &r);
	ht_expect(&r, 200, "<h1>Gebruikers</h1>");
	/* Reading the account list is a read of personal data. */
	assert_int_equal(ht_audit_count(&T, "user.list", "allowed"),
	    lists + 1);
	assert_non_null(strstr(r.body, "prof@t.example"));
	assert_non_null(strstr(r.body, "Regiocoördinator"));
	assert_non_null(strstr(r.body, "Auditor"));
	assert_non_null(strstr(r.body, "Groningen"));	/* AM01 */
	assert_non_null(strstr(r.body, ">GGZ-A</a>"));
	assert_non_null(strstr(r.body, "status-ok\">Actief"));
	assert_non_null(strstr(r.body, "href=\"/beheer/gebruikers/nieuw\""));
	assert_non_null(strstr(r.body, "<caption"));
	assert_non_null(strstr(r.body, "<th scope=\"col\">"));
	assert_non_null(strstr(r.body, "href=\"/beheer/gebruikers/"));
	ht_resp_free(&r);
}

static void
test_pagination(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		email[64];
	int		i;

	(void)state;
	for (i = 0; i < 50; i++) {
		snprintf(email, sizeof(email), "veel%02d@t.example", i);
		ht_add_user(&T, email, "professional", "GGZ-A", NULL);
	}
	assert_true(count_users() > 50);
	ht_login(&T, "admin@t.example", &u);
	ht_get(&T, &u, "/beheer/gebruikers", &r);
	ht_expect(&r, 200, "/beheer/gebruikers?pagina=2");
	assert_null(strstr(r.body, "rel=\"prev\""));
	ht_resp_free(&r);
	ht_get(&T, &u, "/beheer/gebruikers?pagina=2", &r);
	ht_expect(&r, 200, "/beheer/gebruikers?pagina=1");
	assert_null(strstr(r.body, "rel=\"next\""));
	ht_resp_free(&r);
	ht_get_expect(&T, &u, "/beheer/gebruikers?pagina=99", 200,
	    "Op deze pagina staan geen accounts");
}

static void
test_new_form(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	char		*tag;

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	ht_get(&T, &u, "/beheer/gebruikers/nieuw", &r);
	ht_expect(&r, 200, "<label for=\"email\">");
	assert_non_null(strstr(r.body, "<option value=\"coordinator\">"
	    "Regiocoördinator</option>"));
	assert_non_null(strstr(r.body, "<option value=\"GGZ-A\">GGZ-A "
	    "(GGZ-A)</option>"));
	assert_non_null(strstr(r.body, "<option value=\"AM01\">Groningen"
	    "</option>"));
	tag = input_tag(r.body, "password");
	assert_non_null(tag);
	assert_non_null(strstr(tag, "type=\"password\""));
	assert_non_null(strstr(tag, "autocomplete=\"new-password\""));
	assert_null(strstr(tag, "value="));
	free(tag);
	ht_resp_free(&r);
}

static void
test_create_professional(void **state)
{
	struct ht_user	 u, nu;
	struct ht_resp	 r;
	struct wb_user	 w;
	struct wb_arena	 a;
	struct wb_err	 err;
	int64_t		 before = ht_audit_count(&T, "user.create", "allowed");

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	ht_post(&T, &u, "/beheer/gebruikers/nieuw", "email=Nieuw%40t.example&"
	    "name=Nieuwe+Collega&role=professional&org=GGZ-A&password="
	    NEW_PW, &r);
	ht_expect_redirect(&r, "/beheer/gebruikers");
	ht_resp_free(&r);
	assert_int_equal(ht_audit_count(&T, "user.create", "allowed"),
	    before + 1);
	wb_arena_init(&a);
	assert_int_equal(wb_user_find_email(T.dbt.db, "nieuw@t.example", &a, &w,
	    &err), 0);
	assert_string_equal(w.name, "Nieuwe Collega");
	assert_int_equal(w.role, WB_ROLE_PROFESSIONAL);
	assert_string_equal(w.org_code, "GGZ-A");
	assert_null(w.region_code);
	assert_true(w.active);
	wb_arena_free(&a);
	ht_login_with(&T, "nieuw@t.example", NEW_PW, &nu);

	/* The list shows the new account. */
	ht_get_expect(&T, &u, "/beheer/gebruikers", 200, "Nieuwe Collega");

	/* A coordinator with a region. */
	ht_post_expect(&T, &u, "/beheer/gebruikers/nieuw", "email=coord2%40t."
	    "example&name=Co+Ordinator&role=coordinator&org=GGZ-A&region=AM02&"
	    "password=" NEW_PW, 303, NULL);
	wb_arena_init(&a);
	assert_int_equal(wb_user_find_email(T.dbt.db, "coord2@t.example", &a,
	    &w, &err), 0);
	assert_int_equal(w.role, WB_ROLE_COORDINATOR);
	assert_string_equal(w.region_code, "AM02");
	wb_arena_free(&a);
}

static void
test_duplicate_email(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	size_t		n = count_users();

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	ht_post(&T, &u, "/beheer/gebruikers/nieuw", "email=PROF%40t.example&"
	    "name=Dubbele+Naam&role=professional&org=GGZ-A&password="
	    NEW_PW, &r);
	ht_expect(&r, 400, "<p class=\"field-error\" "
	    "id=\"email-error\">Er is al een account met dit e-mailadres.");
	assert_non_null(strstr(r.body, "aria-describedby=\"email-error\""));
	/* What was typed stays, except the password. */
	assert_non_null(strstr(r.body, "value=\"Dubbele Naam\""));
	assert_non_null(strstr(r.body, "value=\"PROF@t.example\""));
	assert_non_null(strstr(r.body, "<option value=\"GGZ-A\" selected>"));
	assert_null(strstr(r.body, NEW_PW));
	ht_resp_free(&r);
	assert_int_equal(count_users(), n);
}

static void
test_short_password(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	char		*tag;
	size_t		 n = count_users();

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	ht_post(&T, &u, "/beheer/gebruikers/nieuw", "email=kort%40t.example&"
	    "name=Kort&role=editor&org=UWV-A&password=kortpw7", &r);
	ht_expect(&r, 400, "id=\"password-error\">Het wachtwoord "
	    "moet minstens 12 tekens hebben.");
	assert_null(strstr(r.body, "kortpw7"));
	tag = input_tag(r.body, "password");
	assert_non_null(tag);
	assert_null(strstr(tag, "value="));
	assert_non_null(strstr(tag, "password-error"));
	free(tag);
	assert_non_null(strstr(r.body, "<option value=\"editor\" selected>"));
	ht_resp_free(&r);
	assert_false(user_exists("kort@t.example"));
	assert_int_equal(count_users(), n);
}

static void
test_coordinator_without_region(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	ht_post(&T, &u, "/beheer/gebruikers/nieuw", "email=noreg%40t.example&"
	    "name=Zonder+Regio&role=coordinator&org=GGZ-A&password=" NEW_PW,
	    &r);
	ht_expect(&r, 400, "id=\"region-error\">Een "
	    "regiocoördinator hoort bij een regio: kies de regio.");
	assert_non_null(strstr(r.body, "region-hint region-error"));
	assert_non_null(strstr(r.body, "value=\"Zonder Regio\""));
	ht_resp_free(&r);
	assert_false(user_exists("noreg@t.example"));
}

static void
test_router_field_errors(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	size_t		n = count_users();

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	/* Missing name, a bad e-mail address, an unknown organisation. */
	ht_post(&T, &u, "/beheer/gebruikers/nieuw", "email=geen-adres&"
	    "role=professional&org=BESTAAT-NIET&password=" NEW_PW, &r);
	ht_expect(&r, 400, "id=\"email-error\"");
	assert_non_null(strstr(r.body, "id=\"name-error\""));
	assert_non_null(strstr(r.body, "value=\"geen-adres\""));
	ht_resp_free(&r);
	ht_post_expect(&T, &u, "/beheer/gebruikers/nieuw", "email=org%40t."
	    "example&name=Org&role=professional&org=BESTAAT-NIET&password="
	    NEW_PW, 400, "id=\"org-error\">Deze organisatie bestaat niet.");
	/* A region in the wrong format, even for a professional. */
	ht_post_expect(&T, &u, "/beheer/gebruikers/nieuw", "email=reg%40t."
	    "example&name=Reg&role=professional&org=GGZ-A&region=XX1&password="
	    NEW_PW, 400, "id=\"region-error\"");
	assert_int_equal(count_users(), n);
}

static void
test_edit_form(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	char		 path[64];
	char		*tag;
	int64_t		 reads = ht_audit_count(&T, "user.read", "allowed");

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	snprintf(path, sizeof(path), "/beheer/gebruikers/%lld",
	    (long long)prof_id);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 200, "<h1>Account wijzigen</h1>");
	assert_int_equal(ht_audit_count(&T, "user.read", "allowed"),
	    reads + 1);
	assert_non_null(strstr(r.body, "value=\"prof@t.example\""));
	assert_non_null(strstr(r.body, "<option value=\"professional\" "
	    "selected>"));
	assert_non_null(strstr(r.body, "<option value=\"GGZ-A\" selected>"));
	tag = input_tag(r.body, "active");
	assert_non_null(tag);
	assert_non_null(strstr(tag, "checked"));
	free(tag);
	tag = input_tag(r.body, "password");
	assert_non_null(tag);
	assert_null(strstr(tag, "value="));
	assert_null(strstr(tag, "required"));
	free(tag);
	ht_resp_free(&r);
}

/* Every admin route refuses `email`'s role and changes nothing. */
static void
check_denied(const char *email)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	struct wb_user	 w;
	struct wb_arena	 a;
	char		 path[64];
	const char	*gets[] = { "/beheer/gebruikers",
	    "/beheer/gebruikers?pagina=2", "/beheer/gebruikers/nieuw", path };
	/* The event each refused page is audited under. */
	const char	*events[] = { "user.list", "user.list", "user.create",
	    "user.read" };
	size_t		 i, n = count_users();
	int64_t		 before;
	int64_t		 creates = ht_audit_count(&T, "user.create", "denied");
	int64_t		 updates = ht_audit_count(&T, "user.update", "denied");

	snprintf(path, sizeof(path), "/beheer/gebruikers/%lld",
	    (long long)prof_id);
	ht_login(&T, email, &u);
	for (i = 0; i < WB_NELEM(gets); i++) {
		before = ht_audit_count(&T, events[i], "denied");
		ht_get(&T, &u, gets[i], &r);
		if (r.status != 403)
			fail_msg("%s GET %s: %d", email, gets[i], r.status);
		assert_null(strstr(r.body, "victim@t.example"));
		ht_resp_free(&r);
		if (ht_audit_count(&T, events[i], "denied") != before + 1)
			fail_msg("%s GET %s: no denied %s event", email,
			    gets[i], events[i]);
	}
	ht_post_expect(&T, &u, "/beheer/gebruikers/nieuw", "email=stiekem%40t."
	    "example&name=Stiekem&role=admin&org=GGZ-A&password=" NEW_PW, 403,
	    NULL);
	/* A form that does not validate is refused (and audited) too. */
	ht_post(&T, &u, "/beheer/gebruikers/nieuw", "email=x&role=admin", &r);
	ht_expect(&r, 403, NULL);
	assert_null(strstr(r.body, "field-error"));
	ht_resp_free(&r);
	ht_post_expect(&T, &u, path, "name=Overgenomen&role=admin&org=UWV-A&"
	    "password=" NEW_PW, 403, NULL);
	assert_false(user_exists("stiekem@t.example"));
	assert_int_equal(count_users(), n);
	/* The form, the POST and the POST that does not validate. */
	assert_int_equal(ht_audit_count(&T, "user.create", "denied"),
	    creates + 3);
	assert_int_equal(ht_audit_count(&T, "user.update", "denied"),
	    updates + 1);
	wb_arena_init(&a);
	load(prof_id, &a, &w);
	assert_string_equal(w.name, "prof@t.example");
	assert_int_equal(w.role, WB_ROLE_PROFESSIONAL);
	assert_string_equal(w.org_code, "GGZ-A");
	assert_true(w.active);
	wb_arena_free(&a);
	assert_int_equal(ht_try_login(&T, "prof@t.example", NEW_PW), 401);
}

static void
test_other_roles_denied(void **state)
{
	(void)state;
	check_denied("prof@t.example");
	check_denied("coord@t.example");
	check_denied("audit@t.example");
}

static void
test_deactivate(void **state)
{
	struct ht_user	 admin, v;
	struct ht_resp	 r;
	struct wb_user	 w;
	struct wb_arena	 a;
	char		 path[64];

	(void)state;
	ht_login(&T, "victim@t.example", &v);
	ht_login(&T, "admin@t.example", &admin);
	snprintf(path, sizeof(path), "/beheer/gebruikers/%lld",
	    (long long)victim_id);
	/* No "active" field: the checkbox was cleared. */
	ht_post(&T, &admin, path, "name=Oud+Account&role=professional&"
	    "org=GGZ-A", &r);
	ht_expect_redirect(&r, "/beheer/gebruikers");
	ht_resp_free(&r);
	wb_arena_init(&a);
	load(victim_id, &a, &w);
	assert_false(w.active);
	assert_string_equal(w.name, "Oud Account");
	wb_arena_free(&a);
	/* The open session is gone and logging in fails. */
	ht_get(&T, &v, "/", &r);
	ht_expect_redirect(&r, "/inloggen?terug=%2F");
	ht_resp_free(&r);
	assert_int_equal(ht_try_login(&T, "victim@t.example", HT_PASSWORD),
	    401);
	/* The list says so in words. */
	ht_get_expect(&T, &admin, "/beheer/gebruikers", 200,
	    "status-bad\">Niet actief");
}

static void
test_set_password(void **state)
{
	struct ht_user	 admin, p;
	struct ht_resp	 r;
	struct wb_user	 w;
	struct wb_arena	 a;
	char		 path[64];
	int64_t		 before = ht_audit_count(&T, "user.password", "allowed");

	(void)state;
	ht_login(&T, "admin@t.example", &admin);
	snprintf(path, sizeof(path), "/beheer/gebruikers/%lld",
	    (long long)pw_id);
	/* Too short: a field error, and nothing changes at all. */
	ht_post(&T, &admin, path, "name=Andere+Naam&role=professional&"
	    "org=GGZ-A&active=1&password=kortpw7", &r);
	ht_expect(&r, 400, "id=\"password-error\"");
	assert_null(strstr(r.body, "kortpw7"));
	assert_non_null(strstr(r.body, "value=\"Andere Naam\""));
	ht_resp_free(&r);
	wb_arena_init(&a);
	load(pw_id, &a, &w);
	assert_string_equal(w.name, "pw@t.example");
	wb_arena_free(&a);
	assert_int_equal(ht_audit_count(&T, "user.password", "allowed"),
	    before);

	ht_post_expect(&T, &admin, path, "name=pw%40t.example&role="
	    "professional&org=GGZ-A&active=1&password=" NEW_PW, 303, NULL);
	assert_int_equal(ht_audit_count(&T, "user.password", "allowed"),
	    before + 1);
	assert_int_equal(ht_try_login(&T, "pw@t.example", HT_PASSWORD), 401);
	ht_login_with(&T, "pw@t.example", NEW_PW, &p);

	/* Saving without a password keeps the new one. */
	ht_post_expect(&T, &admin, path, "name=pw%40t.example&role="
	    "professional&org=GGZ-A&active=1", 303, NULL);
	assert_int_equal(ht_audit_count(&T, "user.password", "allowed"),
	    before + 1);
	ht_login_with(&T, "pw@t.example", NEW_PW, &p);
}

static void
test_edit_errors(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	struct wb_user	 w;
	struct wb_arena	 a;
	char		 path[64];

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	snprintf(path, sizeof(path), "/beheer/gebruikers/%lld",
	    (long long)prof_id);
	ht_post(&T, &u, path, "name=Prof&role=coordinator&org=GGZ-A&active=1",
	    &r);
	ht_expect(&r, 400, "id=\"region-error\"");
	assert_non_null(strstr(r.body, "<option value=\"coordinator\" "
	    "selected>"));
	ht_resp_free(&r);
	wb_arena_init(&a);
	load(prof_id, &a, &w);
	assert_int_equal(w.role, WB_ROLE_PROFESSIONAL);
	wb_arena_free(&a);
}

static void
test_csrf(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		body[320], path[64];
	size_t		n = count_users();

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	ht_request(&T, "POST", "/beheer/gebruikers/nieuw", "email=csrf%40t."
	    "example&name=Csrf&role=admin&org=GGZ-A&password=" NEW_PW,
	    u.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "csrf=%064d&email=csrf%%40t.example&"
	    "name=Csrf&role=admin&org=GGZ-A&password=" NEW_PW, 0);
	ht_request(&T, "POST", "/beheer/gebruikers/nieuw", body, u.cookie,
	    &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_false(user_exists("csrf@t.example"));
	assert_int_equal(count_users(), n);
	/* Nor can an account be deactivated without the token. */
	snprintf(path, sizeof(path), "/beheer/gebruikers/%lld",
	    (long long)prof_id);
	ht_request(&T, "POST", path, "name=X&role=professional&org=GGZ-A",
	    u.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_int_equal(ht_try_login(&T, "prof@t.example", HT_PASSWORD), 303);
}

static void
test_bad_parameters(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	const char	*bad400[] = { "/beheer/gebruikers?pagina=0",
	    "/beheer/gebruikers?pagina=abc", "/beheer/gebruikers?x=1",
	    "/beheer/gebruikers/nieuw?email=a" };
	const char	*badid[] = { "/beheer/gebruikers/abc",
	    "/beheer/gebruikers/0", "/beheer/gebruikers/-1" };
	size_t		i;

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	for (i = 0; i < WB_NELEM(bad400); i++)
		ht_get_expect(&T, &u, bad400[i], 400, NULL);
	for (i = 0; i < WB_NELEM(badid); i++) {
		ht_get(&T, &u, badid[i], &r);
		if (r.status != 400 && r.status != 404)
			fail_msg("%s: status %d", badid[i], r.status);
		ht_resp_free(&r);
	}
	ht_get_expect(&T, &u, "/beheer/gebruikers/999999", 404, NULL);
	ht_post_expect(&T, &u, "/beheer/gebruikers/999999", "name=X&role="
	    "professional&org=GGZ-A&active=1", 404, NULL);
	/* An unknown role value is a field error, not a crash. */
	ht_post_expect(&T, &u, "/beheer/gebruikers/nieuw", "email=r%40t."
	    "example&name=R&role=koning&org=GGZ-A&password=" NEW_PW, 400,
	    "id=\"role-error\"");
	assert_false(user_exists("r@t.example"));
}

static void
test_english(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;

	(void)state;
	ht_login(&T, "admin@t.example", &u);
	ht_post_expect(&T, &u, "/taal", "lang=en", 303, NULL);
	ht_get(&T, &u, "/beheer/gebruikers/nieuw", &r);
	ht_expect(&r, 200, "<h1>Add account</h1>");
	assert_non_null(strstr(r.body, ">Regional coordinator</option>"));
	assert_non_null(strstr(r.body, "At least 12 characters."));
	ht_resp_free(&r);
	ht_post_expect(&T, &u, "/beheer/gebruikers/nieuw", "email=en%40t."
	    "example&name=En&role=coordinator&org=GGZ-A&password=" NEW_PW, 400,
	    "A regional coordinator belongs to a region: choose the region.");
	ht_post_expect(&T, &u, "/taal", "lang=nl", 303, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_new_form),
		cmocka_unit_test(test_create_professional),
		cmocka_unit_test(test_duplicate_email),
		cmocka_unit_test(test_short_password),
		cmocka_unit_test(test_coordinator_without_region),
		cmocka_unit_test(test_router_field_errors),
		cmocka_unit_test(test_edit_form),
		cmocka_unit_test(test_other_roles_denied),
		cmocka_unit_test(test_deactivate),
		cmocka_unit_test(test_set_password),
		cmocka_unit_test(test_edit_errors),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_bad_parameters),
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_pagination),
	};
	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}

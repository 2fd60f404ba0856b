/* test_referral.c - referrals (warme overdracht) through the router: the
 * client's Verwijzingen tab and its form, the refusal that names the
 * missing consent, the contact person's inbox on /verwijzingen, accepting,
 * declining and withdrawing, CSRF, and what a colleague and an
 * administrator do not get.
 *
 * One database for the whole group: every test registers its own client
 * with a BSN of its own (bsn_for), so the tests do not depend on each
 * other's order.  A check that something is NOT shown is paired with one
 * that finds the same text where it belongs.
 */
#include "httptest.h"
#include "base/time.h"

#include <stdarg.h>

static struct ht T;
static char region[8];		/* the region of GM0796 */
static char today[16], next_year[16];	/* dd-mm-jjjj */
static int64_t ggz, uwv;		/* organisations */
static int64_t ggz_id, uwv_id, col_id;	/* GGZ, UWV contact person, colleague */
static int64_t cp_uwv, cp_ggz;		/* contact points */
static struct ht_user G, U, C, ADM;

#define QUESTION	"Graag+een+intake+voor+re-integratie"
#define QUESTION_TEXT	"Graag een intake voor re-integratie"

static int
setup(void **state)
{
	int64_t	ucard, gcard;

	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	wb_date_nl(wb_today(), today, sizeof(today));
	wb_date_nl(wb_today() + 365, next_year, sizeof(next_year));
	ggz = ht_add_org(&T, "GGZ-V", "ggz", region);
	uwv = ht_add_org(&T, "UWV-V", "uwv", region);
	ggz_id = ht_add_user(&T, "ggz@v.example", "professional", "GGZ-V",
	    NULL);
	uwv_id = ht_add_user(&T, "uwv@v.example", "professional", "UWV-V",
	    NULL);
	col_id = ht_add_user(&T, "collega@v.example", "professional",
	    "UWV-V", NULL);
	ht_add_user(&T, "admin@v.example", "admin", "UWV-V", NULL);
	gcard = ht_add_card(&T, ggz, ggz_id, "Gerda Zorg",
	    "ips-trajectbegeleider");
	ucard = ht_add_card(&T, uwv, uwv_id, "Ursula Punt",
	    "arbeidsdeskundige");
	ht_add_card(&T, uwv, col_id, "Cor Collega", "arbeidsdeskundige");
	cp_uwv = ht_add_contact_point(&T, uwv, region, "uwv", ucard, 0,
	    wb_today());
	cp_ggz = ht_add_contact_point(&T, ggz, region, "ggz", gcard, 0,
	    wb_today());
	ht_login(&T, "ggz@v.example", &G);
	ht_login(&T, "uwv@v.example", &U);
	ht_login(&T, "collega@v.example", &C);
	ht_login(&T, "admin@v.example", &ADM);
	return 0;
}

/* A BSN that passes the 11-proef, different for each seq (as in
 * test_client.c, with another leading digit). */
static void
bsn_for(unsigned seq, char out[10])
{
	unsigned	sum, i;

	for (;; seq++) {
		snprintf(out, 10, "6%07u", seq % 10000000);
		for (i = 0, sum = 0; i < 8; i++)
			sum += (9 - i) * (unsigned)(out[i] - '0');
		if (sum % 11 != 10)
			break;
	}
	out[8] = (char)('0' + sum % 11);
	out[9] = '\0';
}

/* The id at the end of a redirect's Location ("/clienten/12"). */
static int64_t
location_id(const struct ht_resp *r, const char *prefix)
{
	char		*loc = ht_header(r, "Location");
	int64_t		 id;
	char		*end;

	if (r->status != 303)
		fail_msg("status %d, want 303:\n%.600s", r->status, r->body);
	assert_non_null(loc);
	if (strncmp(loc, prefix, strlen(prefix)) != 0)
		fail_msg("Location %s, expected %s...", loc, prefix);
	id = strtoll(loc + strlen(prefix), &end, 10);
	assert_true(*end == '\0' && id > 0);
	free(loc);
	return id;
}

/* A 303 to `location` with flash `flash`. */
static void
expect_redirect(const struct ht_resp *r, const char *location,
    const char *flash)
{
	char	want[64];

	if (r->status != 303)
		fail_msg("status %d, want 303 to %s:\n%.600s", r->status,
		    location, r->body);
	ht_expect_redirect(r, location);
	snprintf(want, sizeof(want), "wb_flash=%s;", flash);
	assert_non_null(strstr(r->headers, want));
}

/* dbt_int of a query made with a format. */
static int64_t __attribute__((format(printf, 1, 2)))
countf(const char *fmt, ...)
{
	char	sql[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return dbt_int(&T.dbt, sql);
}

/* The status of referral `rid`, in a static buffer. */
static const char *
status_of(int64_t rid)
{
	static char	out[32];
	char		sql[128];

	snprintf(sql, sizeof(sql), "SELECT status FROM referral WHERE id = "
	    "%lld", (long long)rid);
	dbt_text(&T.dbt, sql, out, sizeof(out));
	return out;
}

static void
expect_absent(const char *hay, const char *needle, const char *where)
{
	if (strstr(hay, needle) != NULL)
		fail_msg("\"%s\" found in %s", needle, where);
}

static void
expect_present(const char *hay, const char *needle, const char *where)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("no \"%s\" in %s:\n%.600s", needle, where, hay);
}

/* Register a client "given family" as G; returns its id. */
static int64_t
register_client(unsigned seq, const char *given, const char *family)
{
	struct ht_resp	r;
	char		body[512], bsn[10];
	int64_t		id;

	bsn_for(seq, bsn);
	snprintf(body, sizeof(body), "bsn=%s&given_name=%s&family_name=%s&"
	    "birth_date=14-03-1986&municipality=GM0796&benefit=wia-wga&"
	    "target_group=epa&function=ips-trajectbegeleider", bsn, given,
	    family);
	ht_post(&T, &G, "/clienten/nieuw", body, &r);
	id = location_id(&r, "/clienten/");
	ht_resp_free(&r);
	return id;
}

/* G records a consent for UWV, re-integratie, identity and work. */
static void
grant(int64_t client)
{
	struct ht_resp	r;
	char		path[64], body[512];

	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen",
	    (long long)client);
	snprintf(body, sizeof(body), "org=%lld&purpose=re-integratie&"
	    "categories=identity&categories=work&valid_from=%s&"
	    "valid_until=%s&method=mondeling", (long long)uwv, today,
	    next_year);
	ht_post(&T, &G, path, body, &r);
	expect_redirect(&r, path, "consent_granted");
	ht_resp_free(&r);
}

/* POST the referral form of `client` as `u` into r. */
static void
post_referral(const struct ht_user *u, int64_t client, struct ht_resp *r)
{
	char	path[64], body[256];

	snprintf(path, sizeof(path), "/clienten/%lld/verwijzingen",
	    (long long)client);
	snprintf(body, sizeof(body), "contact_point=%lld&"
	    "purpose=re-integratie&question=" QUESTION, (long long)cp_uwv);
	ht_post(&T, u, path, body, r);
}

/* G refers `client` to UWV's contact point; returns the referral's id. */
static int64_t
refer(int64_t client)
{
	struct ht_resp	r;
	char		path[64];

	post_referral(&G, client, &r);
	snprintf(path, sizeof(path), "/clienten/%lld/verwijzingen",
	    (long long)client);
	expect_redirect(&r, path, "referral_sent");
	ht_resp_free(&r);
	return countf("SELECT max(id) FROM referral WHERE client_id = %lld",
	    (long long)client);
}

/* GET prefix, id, suffix ("/clienten/" 12 "/team") as u into r. */
static void
get_id(const struct ht_user *u, const char *prefix, int64_t id,
    const char *suffix, struct ht_resp *r)
{
	char	path[96];

	snprintf(path, sizeof(path), "%s%lld%s", prefix, (long long)id,
	    suffix);
	ht_get(&T, u, path, r);
}

/* POST `fields` to prefix, id, suffix as u into r. */
static void
post_id(const struct ht_user *u, const char *prefix, int64_t id,
    const char *suffix, const char *fields, struct ht_resp *r)
{
	char	path[96];

	snprintf(path, sizeof(path), "%s%lld%s", prefix, (long long)id,
	    suffix);
	ht_post(&T, u, path, fields, r);
}

/* 1. A team member has the Verwijzingen tab, with the form offering the
 * other organisation's contact point, not their own. */
static void
test_team_member_sees_tab_and_form(void **state)
{
	struct ht_resp	r;
	char		want[64];
	int64_t		id;

	(void)state;
	id = register_client(100, "Vera", "Verwijs");
	get_id(&G, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "Vera Verwijs");
	snprintf(want, sizeof(want), "<a href=\"/clienten/%lld/verwijzingen\"",
	    (long long)id);
	expect_present(r.body, want, "the client page");
	expect_present(r.body, ">Verwijzingen</a>", "the client page");
	ht_resp_free(&r);

	get_id(&G, "/clienten/", id, "/verwijzingen", &r);
	ht_expect(&r, 200, "Verwijzen naar een vast contactpunt");
	expect_present(r.body, "Nog geen verwijzingen.", "the tab");
	snprintf(want, sizeof(want), "<option value=\"%lld\"",
	    (long long)cp_uwv);
	expect_present(r.body, want, "the contact points");
	expect_present(r.body, "UWV-V (UWV), Ursula Punt", "the contact "
	    "points");
	snprintf(want, sizeof(want), "<option value=\"%lld\"",
	    (long long)cp_ggz);
	expect_absent(r.body, want, "the contact points");
	expect_absent(r.body, "Gerda Zorg</option>", "the contact points");
	ht_resp_free(&r);
}

/* 2. Without a consent the form comes back (400) with what is missing;
 * with one the referral leaves (303) and the tab shows it. */
static void
test_send_needs_consent(void **state)
{
	struct ht_resp	r;
	int64_t		id, denied, rid;

	(void)state;
	id = register_client(200, "Sem", "Stuur");
	denied = ht_audit_count(&T, "referral.send", "denied");
	post_referral(&G, id, &r);
	ht_expect(&r, 400, "De cli\xc3\xabnt heeft nog geen toestemming "
	    "gegeven aan UWV-V");
	expect_present(r.body, "aria-invalid=\"true\"", "the refused form");
	expect_present(r.body, "id=\"contact_point-error\"",
	    "the refused form");
	/* what was typed is kept */
	expect_present(r.body, ">" QUESTION_TEXT "</textarea>",
	    "the refused form");
	ht_resp_free(&r);
	assert_int_equal(countf("SELECT count(*) FROM referral WHERE "
	    "client_id = %lld", (long long)id), 0);
	assert_int_equal(ht_audit_count(&T, "referral.send", "denied"),
	    denied + 1);

	grant(id);
	rid = refer(id);
	assert_string_equal(status_of(rid), "verzonden");
	get_id(&G, "/clienten/", id, "/verwijzingen", &r);
	ht_expect(&r, 200, QUESTION_TEXT);
	expect_present(r.body, "<strong>UWV-V</strong> (UWV)", "the tab");
	expect_present(r.body, "Verzonden", "the tab");
	expect_present(r.body, "Verwijzing intrekken", "the tab");
	expect_absent(r.body, "Nog geen verwijzingen.", "the tab");
	ht_resp_free(&r);
}

/* 3. The contact person sees the referral with the client's name, but
 * not the record; after accepting they are on the team and open it. */
static void
test_contact_person_accepts_and_opens_client(void **state)
{
	struct ht_resp	r;
	char		want[64], body[96];
	int64_t		id, rid;

	(void)state;
	id = register_client(300, "Anna", "Aanneem");
	grant(id);
	rid = refer(id);
	get_id(&U, "/clienten/", id, "", &r);
	ht_expect(&r, 404, NULL);
	expect_absent(r.body, "Aanneem", "the 404 page");
	ht_resp_free(&r);

	ht_get(&T, &U, "/verwijzingen", &r);
	ht_expect(&r, 200, "Anna Aanneem");
	snprintf(want, sizeof(want), "action=\"/verwijzingen/%lld/accepteren\"",
	    (long long)rid);
	expect_present(r.body, want, "the inbox");
	expect_present(r.body, QUESTION_TEXT, "the inbox");
	ht_resp_free(&r);

	snprintf(body, sizeof(body), "assigned=%lld&function=arbeidsdeskundige",
	    (long long)uwv_id);
	post_id(&U, "/verwijzingen/", rid, "/accepteren", body, &r);
	expect_redirect(&r, "/verwijzingen", "referral_accepted");
	ht_resp_free(&r);
	assert_string_equal(status_of(rid), "geaccepteerd");
	assert_int_equal(countf("SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND ended_at IS NULL",
	    (long long)id, (long long)uwv_id), 1);

	get_id(&U, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "Anna Aanneem");
	expect_absent(r.body, "Ernstige psychische aandoening",
	    "the UWV view without health consent");
	ht_resp_free(&r);
	/* answered: no more form */
	ht_get(&T, &U, "/verwijzingen", &r);
	ht_expect(&r, 200, "Geaccepteerd");
	expect_absent(r.body, want, "the inbox after accepting");
	ht_resp_free(&r);
	/* the sender sees who took it on */
	get_id(&G, "/clienten/", id, "/verwijzingen", &r);
	ht_expect(&r, 200, "Opgepakt door uwv@v.example");
	ht_resp_free(&r);
}

/* 4. A UWV colleague who does not staff the contact point sees neither
 * the client's name nor a form, and cannot answer. */
static void
test_colleague_sees_no_name_and_cannot_answer(void **state)
{
	struct ht_resp	r;
	char		action[64], body[96];
	int64_t		id, rid;

	(void)state;
	id = register_client(400, "Kees", "Kijkniet");
	grant(id);
	rid = refer(id);
	snprintf(action, sizeof(action), "/verwijzingen/%lld/accepteren",
	    (long long)rid);
	ht_get(&T, &U, "/verwijzingen", &r);
	ht_expect(&r, 200, "Kees Kijkniet");
	expect_present(r.body, action, "the contact person's inbox");
	ht_resp_free(&r);

	ht_get(&T, &C, "/verwijzingen", &r);
	ht_expect(&r, 200, "Verwijzingen");
	expect_absent(r.body, "Kijkniet", "the colleague's inbox");
	expect_absent(r.body, action, "the colleague's inbox");
	expect_absent(r.body, QUESTION_TEXT, "the colleague's inbox");
	ht_resp_free(&r);

	snprintf(body, sizeof(body), "assigned=%lld&function=arbeidsdeskundige",
	    (long long)col_id);
	post_id(&C, "/verwijzingen/", rid, "/accepteren", body, &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	post_id(&C, "/verwijzingen/", rid, "/afwijzen", "reason=Nee", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	assert_string_equal(status_of(rid), "verzonden");
	get_id(&C, "/clienten/", id, "", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
}

/* 5. Declining needs a reason; the sender sees it.  Only the sender's
 * side withdraws. */
static void
test_decline_with_reason_and_withdraw(void **state)
{
	struct ht_resp	r;
	int64_t		id, rid, rid2;

	(void)state;
	id = register_client(500, "Dina", "Declin");
	grant(id);
	rid = refer(id);
	post_id(&U, "/verwijzingen/", rid, "/afwijzen", "reason=", &r);
	ht_expect(&r, 400, "Reden is verplicht");
	expect_present(r.body, "role=\"alert\"", "the refused answer");
	ht_resp_free(&r);
	assert_string_equal(status_of(rid), "verzonden");
	post_id(&U, "/verwijzingen/", rid, "/afwijzen",
	    "reason=Geen+plek+deze+maand", &r);
	expect_redirect(&r, "/verwijzingen", "referral_declined");
	ht_resp_free(&r);
	assert_string_equal(status_of(rid), "afgewezen");
	get_id(&G, "/clienten/", id, "/verwijzingen", &r);
	ht_expect(&r, 200, "Geen plek deze maand");
	expect_present(r.body, "Afgewezen", "the tab");
	ht_resp_free(&r);

	rid2 = refer(id);
	post_id(&U, "/verwijzingen/", rid2, "/intrekken", "", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	assert_string_equal(status_of(rid2), "verzonden");
	post_id(&G, "/verwijzingen/", rid2, "/intrekken", "", &r);
	expect_redirect(&r, "/verwijzingen", "referral_withdrawn");
	ht_resp_free(&r);
	assert_string_equal(status_of(rid2), "ingetrokken");
	/* withdrawn: the contact person no longer sees who it was */
	ht_get(&T, &U, "/verwijzingen", &r);
	ht_expect(&r, 200, "Ingetrokken");
	expect_absent(r.body, "Dina Declin", "the inbox");
	ht_resp_free(&r);
}

/* 6. A POST without the CSRF token changes nothing. */
static void
test_post_without_csrf_changes_nothing(void **state)
{
	struct ht_resp	r;
	char		path[64], body[256];
	int64_t		id, rid, n;

	(void)state;
	id = register_client(600, "Cor", "Csrf");
	grant(id);
	rid = refer(id);
	n = countf("SELECT count(*) FROM referral");

	snprintf(path, sizeof(path), "/clienten/%lld/verwijzingen",
	    (long long)id);
	snprintf(body, sizeof(body), "contact_point=%lld&"
	    "purpose=re-integratie&question=" QUESTION, (long long)cp_uwv);
	ht_request(&T, "POST", path, body, G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/verwijzingen/%lld/accepteren",
	    (long long)rid);
	snprintf(body, sizeof(body), "assigned=%lld&function="
	    "arbeidsdeskundige", (long long)uwv_id);
	ht_request(&T, "POST", path, body, U.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "csrf=0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef&assigned=%lld&function="
	    "arbeidsdeskundige", (long long)uwv_id);
	ht_request(&T, "POST", path, body, U.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/verwijzingen/%lld/afwijzen",
	    (long long)rid);
	ht_request(&T, "POST", path, "reason=Nee", U.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/verwijzingen/%lld/intrekken",
	    (long long)rid);
	ht_request(&T, "POST", path, "", G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);

	assert_int_equal(countf("SELECT count(*) FROM referral"), n);
	assert_string_equal(status_of(rid), "verzonden");
	assert_int_equal(countf("SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld", (long long)id,
	    (long long)uwv_id), 0);
	/* the same accept with the token works */
	snprintf(body, sizeof(body), "assigned=%lld&function="
	    "arbeidsdeskundige", (long long)uwv_id);
	post_id(&U, "/verwijzingen/", rid, "/accepteren", body, &r);
	expect_redirect(&r, "/verwijzingen", "referral_accepted");
	ht_resp_free(&r);
}

/* 7. An administrator has no inbox (403) and every client and referral
 * page or action answers 404. */
static void
test_admin_gets_nothing(void **state)
{
	static const char *const posts[] = { "/accepteren", "/afwijzen",
	    "/intrekken" };
	struct ht_resp	r;
	char		body[96];
	int64_t		id, rid;
	size_t		i;

	(void)state;
	id = register_client(700, "Ada", "Admin");
	grant(id);
	rid = refer(id);

	ht_get(&T, &G, "/", &r);
	ht_expect(&r, 200, "href=\"/verwijzingen\"");
	ht_resp_free(&r);
	ht_get(&T, &ADM, "/", &r);
	ht_expect(&r, 200, NULL);
	expect_absent(r.body, "href=\"/verwijzingen\"", "the admin's menu");
	ht_resp_free(&r);

	ht_get(&T, &ADM, "/verwijzingen", &r);
	ht_expect(&r, 403, NULL);
	expect_absent(r.body, "Ada Admin", "the refusal");
	ht_resp_free(&r);
	get_id(&ADM, "/clienten/", id, "/verwijzingen", &r);
	ht_expect(&r, 404, NULL);
	expect_absent(r.body, "Ada Admin", "the refusal");
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "contact_point=%lld&"
	    "purpose=re-integratie&question=" QUESTION, (long long)cp_uwv);
	post_id(&ADM, "/clienten/", id, "/verwijzingen", body, &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "assigned=%lld&function="
	    "arbeidsdeskundige", (long long)uwv_id);
	for (i = 0; i < WB_NELEM(posts); i++) {
		post_id(&ADM, "/verwijzingen/", rid, posts[i], i == 0 ? body :
		    i == 1 ? "reason=Nee" : "", &r);
		if (r.status != 404)
			fail_msg("%s: status %d", posts[i], r.status);
		ht_resp_free(&r);
	}
	assert_string_equal(status_of(rid), "verzonden");
	assert_int_equal(countf("SELECT count(*) FROM referral WHERE "
	    "client_id = %lld", (long long)id), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_team_member_sees_tab_and_form),
		cmocka_unit_test(test_send_needs_consent),
		cmocka_unit_test(test_contact_person_accepts_and_opens_client),
		cmocka_unit_test(test_colleague_sees_no_name_and_cannot_answer),
		cmocka_unit_test(test_decline_with_reason_and_withdraw),
		cmocka_unit_test(test_post_without_csrf_changes_nothing),
		cmocka_unit_test(test_admin_gets_nothing),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}

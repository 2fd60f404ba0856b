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
#include "clienthttp.h"

static struct ht T;
static char region[8];		/* the region of GM0796 */
static int64_t ggz, uwv;		/* organisations */
static int64_t ggz_id, uwv_id, col_id;	/* GGZ, UWV contact person, colleague */
static int64_t cp_uwv, cp_ggz;		/* contact points */
static struct ht_user G, U, C, ADM;

#define QUESTION	"Graag+een+intake+voor+re-integratie"
#define QUESTION_TEXT	"Graag een intake voor re-integratie"
#define LEAD		'6'	/* of this suite's BSNs */

static int
setup(void **state)
{
	int64_t	ucard, gcard;

	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
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

/* The status of referral `rid`, in a static buffer. */
static const char *
status_of(int64_t rid)
{
	return ch_textf(&T, "SELECT status FROM referral WHERE id = %lld",
	    (long long)rid);
}

/* G records a consent for UWV, re-integratie, identity and work. */
static void
grant(int64_t client)
{
	(void)ch_grant(&T, &G, client, uwv, "categories=identity&"
	    "categories=work", "method=mondeling");
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
	ch_expect_redirect(&r, path, "referral_sent");
	ht_resp_free(&r);
	return ch_countf(&T, "SELECT max(id) FROM referral WHERE client_id = "
	    "%lld", (long long)client);
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
	id = ch_register_seq(&T, &G, LEAD, 100, "Vera", "Verwijs", NULL);
	ch_get_id(&T, &G, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "Vera Verwijs");
	snprintf(want, sizeof(want), "<a href=\"/clienten/%lld/verwijzingen\"",
	    (long long)id);
	ch_expect_present(r.body, want, "the client page");
	ch_expect_present(r.body, ">Verwijzingen</a>", "the client page");
	ht_resp_free(&r);

	ch_get_id(&T, &G, "/clienten/", id, "/verwijzingen", &r);
	ht_expect(&r, 200, "Verwijzen naar een vast contactpunt");
	ch_expect_present(r.body, "Nog geen verwijzingen.", "the tab");
	snprintf(want, sizeof(want), "<option value=\"%lld\"",
	    (long long)cp_uwv);
	ch_expect_present(r.body, want, "the contact points");
	ch_expect_present(r.body, "UWV-V (UWV), Ursula Punt", "the contact "
	    "points");
	snprintf(want, sizeof(want), "<option value=\"%lld\"",
	    (long long)cp_ggz);
	ch_expect_absent(r.body, want, "the contact points");
	ch_expect_absent(r.body, "Gerda Zorg</option>", "the contact points");
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
	id = ch_register_seq(&T, &G, LEAD, 200, "Sem", "Stuur", NULL);
	denied = ht_audit_count(&T, "referral.send", "denied");
	post_referral(&G, id, &r);
	ht_expect(&r, 400, "De cli\xc3\xabnt heeft nog geen toestemming "
	    "gegeven aan UWV-V");
	ch_expect_present(r.body, "aria-invalid=\"true\"", "the refused form");
	ch_expect_present(r.body, "id=\"contact_point-error\"",
	    "the refused form");
	/* what was typed is kept */
	ch_expect_present(r.body, ">" QUESTION_TEXT "</textarea>",
	    "the refused form");
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM referral WHERE "
	    "client_id = %lld", (long long)id), 0);
	assert_int_equal(ht_audit_count(&T, "referral.send", "denied"),
	    denied + 1);

	grant(id);
	rid = refer(id);
	assert_string_equal(status_of(rid), "verzonden");
	ch_get_id(&T, &G, "/clienten/", id, "/verwijzingen", &r);
	ht_expect(&r, 200, QUESTION_TEXT);
	ch_expect_present(r.body, "<strong>UWV-V</strong> (UWV)", "the tab");
	ch_expect_present(r.body, "Verzonden", "the tab");
	ch_expect_present(r.body, "Verwijzing intrekken", "the tab");
	ch_expect_absent(r.body, "Nog geen verwijzingen.", "the tab");
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
	id = ch_register_seq(&T, &G, LEAD, 300, "Anna", "Aanneem", NULL);
	grant(id);
	rid = refer(id);
	ch_get_id(&T, &U, "/clienten/", id, "", &r);
	ht_expect(&r, 404, NULL);
	ch_expect_absent(r.body, "Aanneem", "the 404 page");
	ht_resp_free(&r);

	ht_get(&T, &U, "/verwijzingen", &r);
	ht_expect(&r, 200, "Anna Aanneem");
	snprintf(want, sizeof(want), "action=\"/verwijzingen/%lld/accepteren\"",
	    (long long)rid);
	ch_expect_present(r.body, want, "the inbox");
	ch_expect_present(r.body, QUESTION_TEXT, "the inbox");
	ht_resp_free(&r);

	snprintf(body, sizeof(body), "assigned=%lld&function=arbeidsdeskundige",
	    (long long)uwv_id);
	ch_post_id(&T, &U, "/verwijzingen/", rid, "/accepteren", body, &r);
	ch_expect_redirect(&r, "/verwijzingen", "referral_accepted");
	ht_resp_free(&r);
	assert_string_equal(status_of(rid), "geaccepteerd");
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld AND ended_at IS NULL",
	    (long long)id, (long long)uwv_id), 1);

	ch_get_id(&T, &U, "/clienten/", id, "", &r);
	ht_expect(&r, 200, "Anna Aanneem");
	ch_expect_absent(r.body, "Ernstige psychische aandoening",
	    "the UWV view without health consent");
	ht_resp_free(&r);
	/* answered: no more form */
	ht_get(&T, &U, "/verwijzingen", &r);
	ht_expect(&r, 200, "Geaccepteerd");
	ch_expect_absent(r.body, want, "the inbox after accepting");
	ht_resp_free(&r);
	/* the sender sees who took it on */
	ch_get_id(&T, &G, "/clienten/", id, "/verwijzingen", &r);
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
	id = ch_register_seq(&T, &G, LEAD, 400, "Kees", "Kijkniet", NULL);
	grant(id);
	rid = refer(id);
	snprintf(action, sizeof(action), "/verwijzingen/%lld/accepteren",
	    (long long)rid);
	ht_get(&T, &U, "/verwijzingen", &r);
	ht_expect(&r, 200, "Kees Kijkniet");
	ch_expect_present(r.body, action, "the contact person's inbox");
	ht_resp_free(&r);

	ht_get(&T, &C, "/verwijzingen", &r);
	ht_expect(&r, 200, "Verwijzingen");
	ch_expect_absent(r.body, "Kijkniet", "the colleague's inbox");
	ch_expect_absent(r.body, action, "the colleague's inbox");
	ch_expect_absent(r.body, QUESTION_TEXT, "the colleague's inbox");
	ht_resp_free(&r);

	snprintf(body, sizeof(body), "assigned=%lld&function=arbeidsdeskundige",
	    (long long)col_id);
	ch_post_id(&T, &C, "/verwijzingen/", rid, "/accepteren", body, &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	ch_post_id(&T, &C, "/verwijzingen/", rid, "/afwijzen", "reason=Nee",
	    &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	assert_string_equal(status_of(rid), "verzonden");
	ch_get_id(&T, &C, "/clienten/", id, "", &r);
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
	id = ch_register_seq(&T, &G, LEAD, 500, "Dina", "Declin", NULL);
	grant(id);
	rid = refer(id);
	ch_post_id(&T, &U, "/verwijzingen/", rid, "/afwijzen", "reason=", &r);
	ht_expect(&r, 400, "Reden is verplicht");
	ch_expect_present(r.body, "role=\"alert\"", "the refused answer");
	ht_resp_free(&r);
	assert_string_equal(status_of(rid), "verzonden");
	ch_post_id(&T, &U, "/verwijzingen/", rid, "/afwijzen",
	    "reason=Geen+plek+deze+maand", &r);
	ch_expect_redirect(&r, "/verwijzingen", "referral_declined");
	ht_resp_free(&r);
	assert_string_equal(status_of(rid), "afgewezen");
	ch_get_id(&T, &G, "/clienten/", id, "/verwijzingen", &r);
	ht_expect(&r, 200, "Geen plek deze maand");
	ch_expect_present(r.body, "Afgewezen", "the tab");
	ht_resp_free(&r);

	rid2 = refer(id);
	ch_post_id(&T, &U, "/verwijzingen/", rid2, "/intrekken", "", &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	assert_string_equal(status_of(rid2), "verzonden");
	ch_post_id(&T, &G, "/verwijzingen/", rid2, "/intrekken", "", &r);
	ch_expect_redirect(&r, "/verwijzingen", "referral_withdrawn");
	ht_resp_free(&r);
	assert_string_equal(status_of(rid2), "ingetrokken");
	/* withdrawn: the contact person no longer sees who it was */
	ht_get(&T, &U, "/verwijzingen", &r);
	ht_expect(&r, 200, "Ingetrokken");
	ch_expect_absent(r.body, "Dina Declin", "the inbox");
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
	id = ch_register_seq(&T, &G, LEAD, 600, "Cor", "Csrf", NULL);
	grant(id);
	rid = refer(id);
	n = ch_countf(&T, "SELECT count(*) FROM referral");

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

	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM referral"), n);
	assert_string_equal(status_of(rid), "verzonden");
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM care_team WHERE "
	    "client_id = %lld AND user_id = %lld", (long long)id,
	    (long long)uwv_id), 0);
	/* the same accept with the token works */
	snprintf(body, sizeof(body), "assigned=%lld&function="
	    "arbeidsdeskundige", (long long)uwv_id);
	ch_post_id(&T, &U, "/verwijzingen/", rid, "/accepteren", body, &r);
	ch_expect_redirect(&r, "/verwijzingen", "referral_accepted");
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
	id = ch_register_seq(&T, &G, LEAD, 700, "Ada", "Admin", NULL);
	grant(id);
	rid = refer(id);

	ht_get(&T, &G, "/", &r);
	ht_expect(&r, 200, "href=\"/verwijzingen\"");
	ht_resp_free(&r);
	ht_get(&T, &ADM, "/", &r);
	ht_expect(&r, 200, NULL);
	ch_expect_absent(r.body, "href=\"/verwijzingen\"", "the admin's menu");
	ht_resp_free(&r);

	ht_get(&T, &ADM, "/verwijzingen", &r);
	ht_expect(&r, 403, NULL);
	ch_expect_absent(r.body, "Ada Admin", "the refusal");
	ht_resp_free(&r);
	ch_get_id(&T, &ADM, "/clienten/", id, "/verwijzingen", &r);
	ht_expect(&r, 404, NULL);
	ch_expect_absent(r.body, "Ada Admin", "the refusal");
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "contact_point=%lld&"
	    "purpose=re-integratie&question=" QUESTION, (long long)cp_uwv);
	ch_post_id(&T, &ADM, "/clienten/", id, "/verwijzingen", body, &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "assigned=%lld&function="
	    "arbeidsdeskundige", (long long)uwv_id);
	for (i = 0; i < WB_NELEM(posts); i++) {
		ch_post_id(&T, &ADM, "/verwijzingen/", rid, posts[i], i == 0 ?
		    body : i == 1 ? "reason=Nee" : "", &r);
		if (r.status != 404)
			fail_msg("%s: status %d", posts[i], r.status);
		ht_resp_free(&r);
	}
	assert_string_equal(status_of(rid), "verzonden");
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM referral WHERE "
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

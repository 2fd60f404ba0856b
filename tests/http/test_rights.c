/* test_rights.c - the client's rights through the router: the client
 * reads "Mijn gegevens" and downloads the same as JSON (never cached),
 * asks for a correction that the registering organisation sees on the
 * record and marks handled; the registering organisation downloads the
 * export for the client and erases the record after a page that says
 * what goes and what stays.  Nobody else reaches any of it, and every
 * form needs its CSRF token.
 *
 * One database for the whole group: every test registers its own clients
 * with BSNs of its own (bsn_for).  A check that something is NOT shown is
 * paired with one that finds it where it belongs.
 */
#include "clienthttp.h"

#include <jansson.h>

static struct ht T;
static char region[8];			/* the region of GM0796 */
static int64_t ggz, uwv;		/* organisations */
static int64_t uwv_id;			/* UWV's professional */
static struct ht_user G, U, ADM;	/* GGZ, UWV, administrator */

#define PW	"Mijn-Geheim-4711"
#define NOTE	"Gesprek+over+slapen"
#define ASK	"Mijn+adres+is+Dorpsstraat+2"
#define LEAD	'7'	/* of this suite's BSNs */

static int
setup(void **state)
{
	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	ggz = ht_add_org(&T, "GGZ-R", "ggz", region);
	uwv = ht_add_org(&T, "UWV-R", "uwv", region);
	ht_add_user(&T, "ggz@r.example", "professional", "GGZ-R", NULL);
	uwv_id = ht_add_user(&T, "uwv@r.example", "professional", "UWV-R",
	    NULL);
	ht_add_user(&T, "admin@r.example", "admin", "GGZ-R", NULL);
	dbt_exec(&T.dbt, "UPDATE user_account SET name = 'Gerda Zorg' WHERE "
	    "email = 'ggz@r.example'");
	ht_login(&T, "ggz@r.example", &G);
	ht_login(&T, "uwv@r.example", &U);
	ht_login(&T, "admin@r.example", &ADM);
	return 0;
}

/* A goal and a note by the GGZ professional. */
static void
fill(int64_t id)
{
	char	path[64], body[256], today[16];

	ch_add_goal(&T, &G, id, "werk", "Betaald+werk+in+het+groen");
	wb_date_nl(wb_today(), today, sizeof(today));
	snprintf(path, sizeof(path), "/clienten/%lld/tijdlijn", (long long)id);
	snprintf(body, sizeof(body), "kind=gesprek&on_date=%s&body=%s", today,
	    NOTE);
	ht_post_expect(&T, &G, path, body, 303, NULL);
}

/* An IPS trajectory of `id` by the GGZ, started 30 days ago, with a
 * 16,5-hour job at Kwekerij De Groene Hoek since 10 days ago. */
static void
add_job(int64_t id)
{
	char	path[96], body[256], day[16];
	int64_t	tr;

	snprintf(path, sizeof(path), "/clienten/%lld/trajecten",
	    (long long)id);
	wb_date_nl(wb_today() - 30, day, sizeof(day));
	snprintf(body, sizeof(body), "intervention=ips&start_date=%s", day);
	ht_post_expect(&T, &G, path, body, 303, NULL);
	tr = ch_countf(&T, "SELECT max(id) FROM trajectory WHERE client_id = "
	    "%lld", (long long)id);
	snprintf(path, sizeof(path), "/clienten/%lld/trajecten/%lld/mijlpalen",
	    (long long)id, (long long)tr);
	wb_date_nl(wb_today() - 10, day, sizeof(day));
	snprintf(body, sizeof(body), "type=job-start&date=%s&employer="
	    "Kwekerij+De+Groene+Hoek&hours=16%%2C5&competitive=ja&min_wage=ja&"
	    "contract=tijdelijk", day);
	ht_post_expect(&T, &G, path, body, 303, NULL);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM job WHERE "
	    "client_id = %lld", (long long)id), 1);
}

/* UWV on the team of `id` under a consent recorded by the GGZ. */
static void
share_with_uwv(int64_t id)
{
	(void)ch_grant(&T, &G, id, uwv, "categories=identity&categories=work&"
	    "categories=plan&categories=notes", "method=mondeling");
	ch_add_member(&T, &G, id, uwv_id, "arbeidsdeskundige");
}

/* 1. The client reads everything on "Mijn gegevens" (reached from Mijn
 * plan) and downloads the same as a JSON file; neither is cached. */
static void
test_client_reads_and_downloads_own_data(void **state)
{
	struct ht_resp	 r;
	struct ht_user	 C;
	json_error_t	 jerr;
	json_t		*j;
	char		 bsn[10];
	int64_t		 id;

	(void)state;
	id = ch_register_seq(&T, &G, LEAD, 100, "Wilma", "Portaal", bsn);
	fill(id);
	add_job(id);
	ch_client_account(&T, &G, id, "wilma%40example.nl", PW, &C);

	ht_get(&T, &C, "/mijn", &r);
	ht_expect(&r, 200, "href=\"/mijn/gegevens.json\"");
	assert_non_null(strstr(r.body, "href=\"/mijn/gegevens\""));
	ht_resp_free(&r);

	ht_get(&T, &C, "/mijn/gegevens", &r);
	ht_expect(&r, 200, "Mijn gegevens");
	assert_non_null(strstr(r.body, bsn));
	assert_non_null(strstr(r.body, "Wilma Portaal"));
	assert_non_null(strstr(r.body, "Betaald werk in het groen"));
	assert_non_null(strstr(r.body, "Gesprek over slapen"));
	assert_non_null(strstr(r.body, "Gerda Zorg"));
	assert_non_null(strstr(r.body, "Ernstige psychische aandoening"));
	/* the trajectory with its job */
	ch_expect_present(r.body, "Uw trajecten naar werk", "Mijn gegevens");
	ch_expect_present(r.body, "IPS (EPA)", "Mijn gegevens");
	ch_expect_present(r.body, "<strong>Kwekerij De Groene Hoek</strong> · "
	    "16,5 uur per week · Tijdelijk contract", "Mijn gegevens");
	ch_expect_header(&r, "Cache-Control", "no-store");
	ht_resp_free(&r);

	ht_get(&T, &C, "/mijn/gegevens.json", &r);
	ht_expect(&r, 200, NULL);
	ch_expect_header(&r, "Content-Type", "application/json; charset=utf-8");
	ch_expect_header(&r, "Cache-Control", "no-store");
	ch_expect_header(&r, "Content-Disposition",
	    "attachment; filename=\"mijn-gegevens.json\"");
	j = json_loads(r.body, 0, &jerr);
	if (j == NULL)
		fail_msg("not JSON: %s", jerr.text);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(j, "client"), "bsn")), bsn);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j,
	    "plan"), "goals")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "notes")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(json_array_get(json_object_get(j, "trajectories"),
	    0), "jobs"), 0), "employer")), "Kwekerij De Groene Hoek");
	json_decref(j);
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'client.export' AND outcome = 'allowed' AND client_id = "
	    "%lld", (long long)id), 2);
	/* The English interface translates the labels. */
	ht_post_expect(&T, &C, "/taal", "lang=en&terug=/mijn/gegevens", 303,
	    NULL);
	ht_get_expect(&T, &C, "/mijn/gegevens", 200, "Severe mental illness");
	ht_post_expect(&T, &C, "/taal", "lang=nl&terug=/mijn/gegevens", 303,
	    NULL);
}

/* 2. Nobody else reaches a client's data: another client sees only their
 * own, a client never the professionals' download, a professional never
 * /mijn/gegevens, UWV (on the team under a consent) and an administrator
 * not the registering organisation's download; the GGZ gets it with the
 * BSN masked. */
static void
test_others_cannot_reach_it(void **state)
{
	struct ht_resp	 r;
	struct ht_user	 A, B;
	char		 bsn_a[10], bsn_b[10], path[64];
	json_t		*j;
	int64_t		 a, b;

	(void)state;
	a = ch_register_seq(&T, &G, LEAD, 200, "Anna", "Portaal", bsn_a);
	b = ch_register_seq(&T, &G, LEAD, 201, "Bert", "Portaal", bsn_b);
	share_with_uwv(a);
	ch_client_account(&T, &G, a, "anna%40example.nl", PW, &A);
	ch_client_account(&T, &G, b, "bert%40example.nl", PW, &B);

	ht_get(&T, &B, "/mijn/gegevens", &r);
	ht_expect(&r, 200, "Bert Portaal");
	ch_expect_absent(r.body, "Anna", "Bert's data");
	ch_expect_absent(r.body, bsn_a, "Bert's data");
	ht_resp_free(&r);
	ht_get(&T, &B, "/mijn/gegevens.json", &r);
	ht_expect(&r, 200, bsn_b);
	ch_expect_absent(r.body, bsn_a, "Bert's download");
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/export.json",
	    (long long)a);
	ht_get(&T, &B, path, &r);
	ht_expect(&r, 404, NULL);
	ch_expect_absent(r.body, "Anna", "a 404");
	ht_resp_free(&r);
	ht_get(&T, &A, path, &r);
	ht_expect(&r, 404, NULL);	/* their way in is /mijn */
	ht_resp_free(&r);
	ht_get_expect(&T, &G, "/mijn/gegevens", 404, NULL);
	ht_get_expect(&T, &G, "/mijn/gegevens.json", 404, NULL);
	ht_get(&T, &U, path, &r);
	ht_expect(&r, 404, NULL);
	ch_expect_absent(r.body, bsn_a + 5, "UWV's refusal");
	ht_resp_free(&r);
	ht_get(&T, &ADM, path, &r);
	if (r.status != 404 && r.status != 403)
		fail_msg("admin: status %d", r.status);
	ch_expect_absent(r.body, "Anna", "the administrator's refusal");
	ht_resp_free(&r);
	ht_get(&T, NULL, path, &r);
	assert_int_equal(r.status, 303);
	ch_expect_absent(r.body, "Anna", "a visitor's redirect");
	ht_resp_free(&r);

	ht_get(&T, &G, path, &r);
	ht_expect(&r, 200, "\"bsn_masked\"");
	ch_expect_absent(r.body, bsn_a, "the organisation's download");
	ch_expect_header(&r, "Cache-Control", "no-store");
	j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(j, "client"), "given_name")), "Anna");
	json_decref(j);
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'client.export' AND outcome = 'denied' AND client_id = "
	    "%lld", (long long)a), 2);
}

/* 3. The client asks for a correction; the GGZ sees it on the record,
 * UWV does not; the GGZ marks it handled.  Empty text and a missing
 * token are refused. */
static void
test_correction_flow(void **state)
{
	struct ht_resp	r;
	struct ht_user	C;
	char		bsn[10], path[96], body[160];
	int64_t		id, kid, n;

	(void)state;
	id = ch_register_seq(&T, &G, LEAD, 300, "Cor", "Portaal", bsn);
	share_with_uwv(id);
	ch_client_account(&T, &G, id, "cor%40example.nl", PW, &C);

	ht_post(&T, &C, "/mijn/gegevens/correctie", "text=", &r);
	ht_expect(&r, 400, "Wat klopt er niet?");
	ht_resp_free(&r);
	n = ch_countf(&T, "SELECT count(*) FROM correction_request");
	snprintf(body, sizeof(body), "text=%s", ASK);
	ht_request(&T, "POST", "/mijn/gegevens/correctie", body, C.cookie,
	    &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM "
	    "correction_request"), n);
	ht_post(&T, &C, "/mijn/gegevens/correctie", body, &r);
	ch_expect_redirect(&r, "/mijn/gegevens#correctie", "correction_sent");
	ht_resp_free(&r);
	kid = ch_countf(&T, "SELECT id FROM correction_request WHERE client_id "
	    "= %lld", (long long)id);
	assert_true(kid > 0);
	ht_get(&T, &C, "/mijn/gegevens", &r);
	ht_expect(&r, 200, "Mijn adres is Dorpsstraat 2");
	assert_non_null(strstr(r.body, "nog niet afgehandeld"));
	ht_resp_free(&r);

	/* the registering organisation finds it on the Rechten tab */
	snprintf(path, sizeof(path), "/clienten/%lld", (long long)id);
	ht_get(&T, &G, path, &r);
	ht_expect(&r, 200, "/rechten\"");
	ht_resp_free(&r);
	snprintf(path, sizeof(path), "/clienten/%lld/rechten", (long long)id);
	ht_get(&T, &G, path, &r);
	ht_expect(&r, 200, "Mijn adres is Dorpsstraat 2");
	assert_non_null(strstr(r.body, "Rechten van de cliënt"));
	assert_non_null(strstr(r.body, "/wissen\""));
	ht_resp_free(&r);
	/* UWV on the team sees neither the tab nor the page */
	snprintf(path, sizeof(path), "/clienten/%lld", (long long)id);
	ht_get(&T, &U, path, &r);
	ht_expect(&r, 200, "Cor Portaal");
	ch_expect_absent(r.body, "/rechten\"", "UWV's tabs");
	ht_resp_free(&r);
	snprintf(path, sizeof(path), "/clienten/%lld/rechten", (long long)id);
	ht_get(&T, &U, path, &r);
	assert_int_equal(r.status, 404);
	ch_expect_absent(r.body, "Dorpsstraat 2", "UWV's view");
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/correcties/%lld/"
	    "afgehandeld", (long long)id, (long long)kid);
	ht_post_expect(&T, &U, path, "", 404, NULL);
	ht_request(&T, "POST", path, "", G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM "
	    "correction_request WHERE id = %lld AND handled_at IS NULL",
	    (long long)kid), 1);
	ht_post(&T, &G, path, "", &r);
	snprintf(body, sizeof(body), "/clienten/%lld/rechten", (long long)id);
	ch_expect_redirect(&r, body, "correction_handled");
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM "
	    "correction_request WHERE id = %lld AND handled_at IS NOT NULL",
	    (long long)kid), 1);
	ht_get_expect(&T, &C, "/mijn/gegevens", 200, "afgehandeld");
}

/* 4. Erasure: the page says what goes and what stays; UWV cannot open
 * it; the POST needs the token, a reason and the check box; afterwards
 * the record is gone for everyone and the client's session with it. */
static void
test_erase(void **state)
{
	struct ht_resp	r;
	struct ht_user	C;
	char		bsn[10], path[64], page[64];
	int64_t		id;

	(void)state;
	id = ch_register_seq(&T, &G, LEAD, 400, "Dirk", "Portaal", bsn);
	fill(id);
	add_job(id);
	share_with_uwv(id);
	ch_client_account(&T, &G, id, "dirk%40example.nl", PW, &C);
	snprintf(path, sizeof(path), "/clienten/%lld/wissen", (long long)id);
	snprintf(page, sizeof(page), "/clienten/%lld", (long long)id);

	ht_get(&T, &G, path, &r);
	ht_expect(&r, 200, "Dit wordt gewist");
	assert_non_null(strstr(r.body, "Dit blijft bewaard"));
	assert_non_null(strstr(r.body, "NEN 7513"));
	assert_non_null(strstr(r.body, "alle trajecten naar werk"));
	assert_non_null(strstr(r.body, "value=\"verzoek-client\""));
	ht_resp_free(&r);
	ht_get_expect(&T, &U, path, 404, NULL);

	/* refused: UWV, no token, no check box, no reason */
	ht_post_expect(&T, &U, path, "reason=verzoek-client&confirm=1", 404,
	    NULL);
	ht_request(&T, "POST", path, "reason=verzoek-client&confirm=1",
	    G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	ht_post_expect(&T, &G, path, "reason=verzoek-client", 400,
	    "Dit wordt gewist");
	ht_post_expect(&T, &G, path, "confirm=1", 400, "Dit wordt gewist");
	ht_post_expect(&T, &G, path, "reason=omdat&confirm=1", 400, NULL);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client WHERE id = "
	    "%lld AND erased_at IS NULL", (long long)id), 1);

	ht_post(&T, &G, path, "reason=verzoek-client&confirm=1", &r);
	ch_expect_redirect(&r, "/clienten", "client_erased");
	ht_resp_free(&r);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM client WHERE id = "
	    "%lld AND erased_at IS NOT NULL AND given_name = 'Gewist' AND "
	    "bsn_index IS NULL", (long long)id), 1);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM note WHERE "
	    "client_id = %lld", (long long)id), 0);
	assert_int_equal(ch_countf(&T, "SELECT (SELECT count(*) FROM "
	    "trajectory WHERE client_id = %lld) + (SELECT count(*) FROM job "
	    "WHERE client_id = %lld)", (long long)id, (long long)id), 0);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM consent WHERE "
	    "client_id = %lld AND revoked_at IS NULL", (long long)id), 0);
	assert_int_equal(ch_countf(&T, "SELECT count(*) FROM audit_event WHERE "
	    "event = 'client.erase' AND outcome = 'allowed' AND client_id = "
	    "%lld AND detail = 'verzoek-client'", (long long)id), 1);

	ht_get_expect(&T, &G, page, 404, NULL);
	ht_get_expect(&T, &U, page, 404, NULL);
	ht_get_expect(&T, &G, path, 404, NULL);
	/* the client's account is closed: their session no longer works */
	ht_get(&T, &C, "/mijn/gegevens", &r);
	assert_int_equal(r.status, 303);
	ch_expect_absent(r.body, "Dirk", "the closed account's answer");
	ht_resp_free(&r);
	assert_true(ht_try_login(&T, "dirk%40example.nl", PW) != 303);
	ht_get(&T, &G, "/clienten", &r);
	ht_expect(&r, 200, NULL);
	ch_expect_absent(r.body, "Dirk Portaal", "Mijn cliënten");
	ht_resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_client_reads_and_downloads_own_data),
		cmocka_unit_test(test_others_cannot_reach_it),
		cmocka_unit_test(test_correction_flow),
		cmocka_unit_test(test_erase),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}

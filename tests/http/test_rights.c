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
#include "httptest.h"
#include "base/time.h"

#include <jansson.h>
#include <stdarg.h>

static struct ht T;
static char region[8];			/* the region of GM0796 */
static char next_year[16];		/* dd-mm-jjjj */
static int64_t ggz, uwv;		/* organisations */
static int64_t uwv_id;			/* UWV's professional */
static struct ht_user G, U, ADM;	/* GGZ, UWV, administrator */

#define PW	"Mijn-Geheim-4711"
#define NOTE	"Gesprek+over+slapen"
#define ASK	"Mijn+adres+is+Dorpsstraat+2"

static int
setup(void **state)
{
	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	wb_date_nl(wb_today() + 365, next_year, sizeof(next_year));
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

/* A BSN that passes the 11-proef, different for each seq ("7" first, so
 * it never meets the other suites' numbers). */
static void
bsn_for(unsigned seq, char out[10])
{
	unsigned	sum, i;

	for (;; seq++) {
		snprintf(out, 10, "7%07u", seq % 10000000);
		for (i = 0, sum = 0; i < 8; i++)
			sum += (9 - i) * (unsigned)(out[i] - '0');
		if (sum % 11 != 10)
			break;
	}
	out[8] = (char)('0' + sum % 11);
	out[9] = '\0';
}

static int64_t __attribute__((format(printf, 1, 2)))
countf(const char *fmt, ...)
{
	char	sql[512];
	va_list	ap;

	va_start(ap, fmt);
	assert_true(vsnprintf(sql, sizeof(sql), fmt, ap) < (int)sizeof(sql));
	va_end(ap);
	return dbt_int(&T.dbt, sql);
}

static void
expect_absent(const char *hay, const char *needle, const char *where)
{
	if (strstr(hay, needle) != NULL)
		fail_msg("\"%s\" found in %s", needle, where);
}

/* A 303 to `location` with flash `flash` (NULL: none). */
static void
expect_redirect(const struct ht_resp *r, const char *location,
    const char *flash)
{
	char	want[64];

	if (r->status != 303)
		fail_msg("status %d, want 303 to %s:\n%.600s", r->status,
		    location, r->body);
	ht_expect_redirect(r, location);
	if (flash == NULL)
		return;
	snprintf(want, sizeof(want), "wb_flash=%s;", flash);
	assert_non_null(strstr(r->headers, want));
}

/* The value of header `name` is exactly `want`. */
static void
expect_header(const struct ht_resp *r, const char *name, const char *want)
{
	char	*v = ht_header(r, name);

	if (v == NULL)
		fail_msg("no %s header", name);
	assert_string_equal(v, want);
	free(v);
}

/* Register client "given Portaal" as the GGZ professional, BSN into bsn;
 * returns its id. */
static int64_t
register_client(unsigned seq, const char *given, char bsn[10])
{
	struct ht_resp	r;
	char		body[512], *loc, *end;
	int64_t		id;

	bsn_for(seq, bsn);
	snprintf(body, sizeof(body), "bsn=%s&given_name=%s&family_name="
	    "Portaal&birth_date=14-03-1986&municipality=GM0796&benefit=wia-wga&"
	    "target_group=epa&function=ips-trajectbegeleider", bsn, given);
	ht_post(&T, &G, "/clienten/nieuw", body, &r);
	if (r.status != 303)
		fail_msg("register: status %d:\n%.600s", r.status, r.body);
	loc = ht_header(&r, "Location");
	assert_non_null(loc);
	id = strtoll(loc + 10, &end, 10);
	assert_true(*end == '\0' && id > 0);
	free(loc);
	ht_resp_free(&r);
	return id;
}

/* A goal and a note by the GGZ professional. */
static void
fill(int64_t id)
{
	char	path[64], body[256], today[16];

	snprintf(path, sizeof(path), "/clienten/%lld/plan/doelen",
	    (long long)id);
	ht_post_expect(&T, &G, path, "track=werk&title=Betaald+werk+in+het+"
	    "groen&target=Zestien+uur+per+week", 303, NULL);
	wb_date_nl(wb_today(), today, sizeof(today));
	snprintf(path, sizeof(path), "/clienten/%lld/tijdlijn", (long long)id);
	snprintf(body, sizeof(body), "kind=gesprek&on_date=%s&body=%s", today,
	    NOTE);
	ht_post_expect(&T, &G, path, body, 303, NULL);
}

/* UWV on the team of `id` under a consent recorded by the GGZ. */
static void
share_with_uwv(int64_t id)
{
	char	path[64], body[256], today[16];

	wb_date_nl(wb_today(), today, sizeof(today));
	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen",
	    (long long)id);
	snprintf(body, sizeof(body), "org=%lld&purpose=re-integratie&"
	    "categories=identity&categories=work&categories=plan&"
	    "categories=notes&valid_from=%s&valid_until=%s&method=mondeling",
	    (long long)uwv, today, next_year);
	ht_post_expect(&T, &G, path, body, 303, NULL);
	snprintf(path, sizeof(path), "/clienten/%lld/team", (long long)id);
	snprintf(body, sizeof(body), "user=%lld&function=arbeidsdeskundige",
	    (long long)uwv_id);
	ht_post_expect(&T, &G, path, body, 303, NULL);
}

/* The client's code, account and login: u gets cookie and token. */
static void
client_account(int64_t id, const char *email, struct ht_user *u)
{
	static const char marker[] = "class=\"activation-code\">";
	struct ht_resp	 r;
	char		 path[64], code[20], pre[128], csrf[80], body[512];
	char		 sess[128];
	const char	*p;

	snprintf(path, sizeof(path), "/clienten/%lld/portaalcode",
	    (long long)id);
	ht_post(&T, &G, path, "", &r);
	ht_expect(&r, 200, marker);
	p = strstr(r.body, marker) + strlen(marker);
	memcpy(code, p, 19);
	code[19] = '\0';
	ht_resp_free(&r);
	ht_request(&T, "GET", "/activeren", NULL, NULL, &r);
	assert_true(ht_cookie_value(&r, "wb_pre", pre, sizeof(pre)));
	ht_find_csrf(r.body, csrf, sizeof(csrf));
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "csrf=%s&code=%s&email=%s&password=%s&"
	    "password2=%s", csrf, code, email, PW, PW);
	ht_request(&T, "POST", "/activeren", body, pre, &r);
	expect_redirect(&r, "/inloggen", "activated");
	ht_resp_free(&r);

	memset(u, 0, sizeof(*u));
	ht_login_form(&T, pre, sizeof(pre), u->csrf, sizeof(u->csrf));
	ht_login_post(&T, pre, u->csrf, email, PW, &r);
	if (r.status != 303)
		fail_msg("client login: status %d", r.status);
	assert_true(ht_cookie_value(&r, "wb_session", sess, sizeof(sess)));
	ht_resp_free(&r);
	snprintf(u->cookie, sizeof(u->cookie), "%s; %s", sess, pre);
	ht_get(&T, u, "/mijn", &r);
	ht_expect(&r, 200, "Mijn plan");
	ht_find_csrf(r.body, u->csrf, sizeof(u->csrf));
	ht_resp_free(&r);
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
	id = register_client(100, "Wilma", bsn);
	fill(id);
	client_account(id, "wilma%40example.nl", &C);

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
	expect_header(&r, "Cache-Control", "no-store");
	ht_resp_free(&r);

	ht_get(&T, &C, "/mijn/gegevens.json", &r);
	ht_expect(&r, 200, NULL);
	expect_header(&r, "Content-Type", "application/json; charset=utf-8");
	expect_header(&r, "Cache-Control", "no-store");
	expect_header(&r, "Content-Disposition",
	    "attachment; filename=\"mijn-gegevens.json\"");
	j = json_loads(r.body, 0, &jerr);
	if (j == NULL)
		fail_msg("not JSON: %s", jerr.text);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(j, "client"), "bsn")), bsn);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j,
	    "plan"), "goals")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "notes")), 1);
	json_decref(j);
	ht_resp_free(&r);
	assert_int_equal(countf("SELECT count(*) FROM audit_event WHERE event "
	    "= 'client.export' AND outcome = 'allowed' AND client_id = %lld",
	    (long long)id), 2);
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
	a = register_client(200, "Anna", bsn_a);
	b = register_client(201, "Bert", bsn_b);
	share_with_uwv(a);
	client_account(a, "anna%40example.nl", &A);
	client_account(b, "bert%40example.nl", &B);

	ht_get(&T, &B, "/mijn/gegevens", &r);
	ht_expect(&r, 200, "Bert Portaal");
	expect_absent(r.body, "Anna", "Bert's data");
	expect_absent(r.body, bsn_a, "Bert's data");
	ht_resp_free(&r);
	ht_get(&T, &B, "/mijn/gegevens.json", &r);
	ht_expect(&r, 200, bsn_b);
	expect_absent(r.body, bsn_a, "Bert's download");
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/export.json",
	    (long long)a);
	ht_get(&T, &B, path, &r);
	ht_expect(&r, 404, NULL);
	expect_absent(r.body, "Anna", "a 404");
	ht_resp_free(&r);
	ht_get(&T, &A, path, &r);
	ht_expect(&r, 404, NULL);	/* their way in is /mijn */
	ht_resp_free(&r);
	ht_get_expect(&T, &G, "/mijn/gegevens", 404, NULL);
	ht_get_expect(&T, &G, "/mijn/gegevens.json", 404, NULL);
	ht_get(&T, &U, path, &r);
	ht_expect(&r, 404, NULL);
	expect_absent(r.body, bsn_a + 5, "UWV's refusal");
	ht_resp_free(&r);
	ht_get(&T, &ADM, path, &r);
	if (r.status != 404 && r.status != 403)
		fail_msg("admin: status %d", r.status);
	expect_absent(r.body, "Anna", "the administrator's refusal");
	ht_resp_free(&r);
	ht_get(&T, NULL, path, &r);
	assert_int_equal(r.status, 303);
	expect_absent(r.body, "Anna", "a visitor's redirect");
	ht_resp_free(&r);

	ht_get(&T, &G, path, &r);
	ht_expect(&r, 200, "\"bsn_masked\"");
	expect_absent(r.body, bsn_a, "the organisation's download");
	expect_header(&r, "Cache-Control", "no-store");
	j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(j, "client"), "given_name")), "Anna");
	json_decref(j);
	ht_resp_free(&r);
	assert_int_equal(countf("SELECT count(*) FROM audit_event WHERE event "
	    "= 'client.export' AND outcome = 'denied' AND client_id = %lld",
	    (long long)a), 2);
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
	id = register_client(300, "Cor", bsn);
	share_with_uwv(id);
	client_account(id, "cor%40example.nl", &C);

	ht_post(&T, &C, "/mijn/gegevens/correctie", "text=", &r);
	ht_expect(&r, 400, "Wat klopt er niet?");
	ht_resp_free(&r);
	n = countf("SELECT count(*) FROM correction_request");
	snprintf(body, sizeof(body), "text=%s", ASK);
	ht_request(&T, "POST", "/mijn/gegevens/correctie", body, C.cookie,
	    &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_int_equal(countf("SELECT count(*) FROM correction_request"), n);
	ht_post(&T, &C, "/mijn/gegevens/correctie", body, &r);
	expect_redirect(&r, "/mijn/gegevens#correctie", "correction_sent");
	ht_resp_free(&r);
	kid = countf("SELECT id FROM correction_request WHERE client_id = "
	    "%lld", (long long)id);
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
	expect_absent(r.body, "/rechten\"", "UWV's tabs");
	ht_resp_free(&r);
	snprintf(path, sizeof(path), "/clienten/%lld/rechten", (long long)id);
	ht_get(&T, &U, path, &r);
	assert_int_equal(r.status, 404);
	expect_absent(r.body, "Dorpsstraat 2", "UWV's view");
	ht_resp_free(&r);

	snprintf(path, sizeof(path), "/clienten/%lld/correcties/%lld/"
	    "afgehandeld", (long long)id, (long long)kid);
	ht_post_expect(&T, &U, path, "", 404, NULL);
	ht_request(&T, "POST", path, "", G.cookie, &r);
	ht_expect(&r, 403, NULL);
	ht_resp_free(&r);
	assert_int_equal(countf("SELECT count(*) FROM correction_request WHERE "
	    "id = %lld AND handled_at IS NULL", (long long)kid), 1);
	ht_post(&T, &G, path, "", &r);
	snprintf(body, sizeof(body), "/clienten/%lld/rechten", (long long)id);
	expect_redirect(&r, body, "correction_handled");
	ht_resp_free(&r);
	assert_int_equal(countf("SELECT count(*) FROM correction_request WHERE "
	    "id = %lld AND handled_at IS NOT NULL", (long long)kid), 1);
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
	id = register_client(400, "Dirk", bsn);
	fill(id);
	share_with_uwv(id);
	client_account(id, "dirk%40example.nl", &C);
	snprintf(path, sizeof(path), "/clienten/%lld/wissen", (long long)id);
	snprintf(page, sizeof(page), "/clienten/%lld", (long long)id);

	ht_get(&T, &G, path, &r);
	ht_expect(&r, 200, "Dit wordt gewist");
	assert_non_null(strstr(r.body, "Dit blijft bewaard"));
	assert_non_null(strstr(r.body, "NEN 7513"));
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
	assert_int_equal(countf("SELECT count(*) FROM client WHERE id = %lld "
	    "AND erased_at IS NULL", (long long)id), 1);

	ht_post(&T, &G, path, "reason=verzoek-client&confirm=1", &r);
	expect_redirect(&r, "/clienten", "client_erased");
	ht_resp_free(&r);
	assert_int_equal(countf("SELECT count(*) FROM client WHERE id = %lld "
	    "AND erased_at IS NOT NULL AND given_name = 'Gewist' AND "
	    "bsn_index IS NULL", (long long)id), 1);
	assert_int_equal(countf("SELECT count(*) FROM note WHERE client_id = "
	    "%lld", (long long)id), 0);
	assert_int_equal(countf("SELECT count(*) FROM audit_event WHERE event "
	    "= 'client.erase' AND outcome = 'allowed' AND client_id = %lld AND "
	    "detail = 'verzoek-client'", (long long)id), 1);

	ht_get_expect(&T, &G, page, 404, NULL);
	ht_get_expect(&T, &U, page, 404, NULL);
	ht_get_expect(&T, &G, path, 404, NULL);
	/* the client's account is closed: their session no longer works */
	ht_get(&T, &C, "/mijn/gegevens", &r);
	assert_int_equal(r.status, 303);
	expect_absent(r.body, "Dirk", "the closed account's answer");
	ht_resp_free(&r);
	assert_true(ht_try_login(&T, "dirk%40example.nl", PW) != 303);
	ht_get(&T, &G, "/clienten", &r);
	ht_expect(&r, 200, NULL);
	expect_absent(r.body, "Dirk Portaal", "Mijn cliënten");
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

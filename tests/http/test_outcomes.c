/* test_outcomes.c - the outcome indicators through the router: the page
 * /uitkomsten (own view, region view with suppression, the chart and its
 * table) and GET /api/v1/indicators. */
#include "httptest.h"
#include "base/time.h"
#include "domain/session.h"

static struct ht	T;
static int64_t		ggz, uwv;
static char		region[8];

/* n clients of the GGZ in GM0796 with an IPS trajectory from 1 July 2026:
 * employer contact on day 12, a 16-hour competitive job on day 40 for the
 * first `working` of them; with monitoring a monitoring consent. */
static void
clients(int n, int working, bool monitoring, const char *iv)
{
	int64_t	d0 = wb_days_from_civil(2026, 7, 1);
	char	sql[1024];
	int	i;

	for (i = 0; i < n; i++) {
		snprintf(sql, sizeof(sql),
		    "INSERT INTO client (given_name, family_name, birth_date, "
		    "municipality_code, benefit, registered_org, created_at, "
		    "updated_at) VALUES ('A', 'B', 0, 'GM0796', 'wajong', %lld, "
		    "0, 0);"
		    "INSERT INTO trajectory (client_id, intervention, org_id, "
		    "region_code, start_date, status, first_contact_date, "
		    "created_at, updated_at) SELECT max(id), '%s', %lld, '%s', "
		    "%lld, 'actief', %lld, 0, 0 FROM client;",
		    (long long)ggz, iv, (long long)ggz, region, (long long)d0,
		    (long long)d0 + 12);
		dbt_exec(&T.dbt, sql);
		if (i < working) {
			snprintf(sql, sizeof(sql),
			    "INSERT INTO job (trajectory_id, client_id, "
			    "employer, minutes_per_week, competitive, "
			    "min_wage, contract, start_date, created_at, "
			    "updated_at) SELECT max(id), max(client_id), 'X', "
			    "960, 1, 1, 'vast', %lld, 0, 0 FROM trajectory",
			    (long long)d0 + 40);
			dbt_exec(&T.dbt, sql);
		}
		if (monitoring) {
			snprintf(sql, sizeof(sql),
			    "INSERT INTO consent (client_id, org_id, purpose, "
			    "categories, valid_from, valid_until, method, "
			    "recorded_at) SELECT max(id), %lld, 'monitoring', "
			    "2, 0, %lld, 'mondeling', 0 FROM client",
			    (long long)ggz, (long long)wb_today() + 365);
			dbt_exec(&T.dbt, sql);
		}
	}
}

/* The body without newlines: the table's cells come from partials, one
 * line each. */
static const char *
flat(struct ht_resp *r)
{
	char	*p, *q;

	for (p = q = r->body; *p != '\0'; p++)
		if (*p != '\n')
			*q++ = *p;
	*q = '\0';
	return r->body;
}

static int
setup(void **state)
{
	ht_setup(&T);
	*state = &T;
	ht_region_of(&T, "GM0796", region, sizeof(region));
	ggz = ht_add_org(&T, "GGZT", "ggz", region);
	uwv = ht_add_org(&T, "UWVT", "uwv", region);
	(void)ht_add_user(&T, "ggz@t.example", "professional", "GGZT", NULL);
	(void)ht_add_user(&T, "uwv@t.example", "professional", "UWVT", NULL);
	(void)ht_add_user(&T, "mon@t.example", "monitor", "UWVT", NULL);
	(void)ht_add_user(&T, "coord@t.example", "coordinator", "UWVT",
	    region);
	return 0;
}

static void
test_own_page(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;

	(void)state;
	dbt_exec(&T.dbt, "DELETE FROM job; DELETE FROM consent; "
	    "DELETE FROM trajectory; DELETE FROM client");
	clients(3, 2, false, "ips");
	ht_login(&T, "ggz@t.example", &u);
	ht_get(&T, &u, "/uitkomsten?kwartaal=2026K3", &r);
	ht_expect(&r, 200, "GGZT · 2026K3");
	/* own view: the 3, the 2 working and 66,7 % as they are */
	assert_non_null(strstr(flat(&r), "<td>3</td><td>2</td><td>66,7 %</td>"
	    "<td>2</td><td>12,0</td><td>40,0</td>"));
	assert_non_null(strstr(r.body, "<svg"));
	assert_non_null(strstr(r.body, "werkend-caption"));
	assert_non_null(strstr(r.body, "Participatieladder bij de eerste"));
	assert_null(strstr(r.body, "niet getoond</span></td>"));
	ht_resp_free(&r);
	/* no trajectories in 2026K1 */
	ht_get_expect(&T, &u, "/uitkomsten?kwartaal=2026K1", 200,
	    "Geen trajecten in dit kwartaal.");
	/* a quarter that is not one: an error on the field, no figures */
	ht_get(&T, &u, "/uitkomsten?kwartaal=2026K7", &r);
	ht_expect(&r, 200, "jjjjKn");
	assert_null(strstr(r.body, "Uitkomsten per interventie"));
	ht_resp_free(&r);
	/* one intervention: its row, no ladder of all of them */
	ht_get(&T, &u, "/uitkomsten?kwartaal=2026K3&interventie=ips", &r);
	ht_expect(&r, 200, "Uitkomsten per interventie");
	assert_null(strstr(r.body, "Participatieladder bij de eerste"));
	ht_resp_free(&r);
	/* undeclared parameters and unknown regions are refused */
	ht_get_expect(&T, &u, "/uitkomsten?naam=x", 400, NULL);
	ht_get_expect(&T, &u, "/uitkomsten?regio=AM99&kwartaal=2026K3", 404,
	    NULL);
	ht_get_expect(&T, NULL, "/uitkomsten", 303, NULL);
}

static void
test_region_page(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		target[64];

	(void)state;
	dbt_exec(&T.dbt, "DELETE FROM job; DELETE FROM consent; "
	    "DELETE FROM trajectory; DELETE FROM client");
	clients(3, 3, true, "ips");
	clients(30, 0, false, "ips");	/* no monitoring consent */
	ht_login(&T, "uwv@t.example", &u);
	/* another organisation's own figures: refused */
	ht_get(&T, &u, "/uitkomsten?organisatie=GGZT&kwartaal=2026K3", &r);
	assert_true(r.status == 403 || r.status == 404);
	ht_resp_free(&r);
	snprintf(target, sizeof(target), "/uitkomsten?regio=%s&kwartaal="
	    "2026K3", region);
	ht_get(&T, &u, target, &r);
	ht_expect(&r, 200, "toestemming gaven voor monitoring");
	/* 3 consented clients: not shown, not even through the total */
	assert_non_null(strstr(r.body, "minder dan 10, niet getoond"));
	assert_null(strstr(r.body, "<td>3</td>"));
	assert_null(strstr(r.body, "<td>33</td>"));
	assert_null(strstr(r.body, "<td>30</td>"));
	ht_resp_free(&r);
	/* the same as a download: CSV with "<10", never the 3; XLSX a zip */
	{
		char	dl[128];

		snprintf(dl, sizeof(dl), "/uitkomsten/download?regio=%s&"
		    "kwartaal=2026K3&formaat=csv", region);
		ht_get(&T, &u, dl, &r);
		ht_expect(&r, 200, "<10");
		assert_non_null(strstr(r.headers, "text/csv"));
		assert_non_null(strstr(r.headers, "attachment; filename="
		    "\"uitkomsten-"));
		assert_null(strstr(r.body, ";3;"));
		ht_resp_free(&r);
		snprintf(dl, sizeof(dl), "/uitkomsten/download?regio=%s&"
		    "kwartaal=2026K3&formaat=xlsx", region);
		ht_get(&T, &u, dl, &r);
		ht_expect(&r, 200, NULL);
		assert_true(r.body[0] == 'P' && r.body[1] == 'K');
		ht_resp_free(&r);
		snprintf(dl, sizeof(dl), "/uitkomsten/download?regio=%s&"
		    "kwartaal=2026K3&formaat=pdf", region);
		ht_get_expect(&T, &u, dl, 400, NULL);
		snprintf(dl, sizeof(dl), "/uitkomsten/download?regio=%s&"
		    "kwartaal=2026K3&formaat=csv", region);
		ht_get_expect(&T, NULL, dl, 303, NULL);
	}
	/* twenty more with consent, ten of them working: the 3 hide the
	 * next smallest cells too (or the total would tell), so on their own
	 * the twenty show */
	clients(20, 10, true, "wabz");
	ht_get(&T, &u, target, &r);
	ht_expect(&r, 200, NULL);
	assert_null(strstr(flat(&r), "<td>3</td>"));
	assert_null(strstr(r.body, "<td>20</td>"));
	ht_resp_free(&r);
	dbt_exec(&T.dbt, "DELETE FROM job WHERE trajectory_id IN (SELECT id "
	    "FROM trajectory WHERE intervention = 'ips'); DELETE FROM consent "
	    "WHERE client_id IN (SELECT client_id FROM trajectory WHERE "
	    "intervention = 'ips')");
	ht_get(&T, &u, target, &r);
	ht_expect(&r, 200, NULL);
	assert_non_null(strstr(flat(&r), "<td>20</td><td>10</td><td>50,0 %"
	    "</td><td>10</td>"));
	ht_resp_free(&r);
}

static void
test_api(void **state)
{
	char		token[WB_TOKEN_HEX + 1], auth[16 + WB_TOKEN_HEX];
	char		target[96];
	struct ht_resp	r;
	int64_t		mon;

	(void)state;
	mon = dbt_int(&T.dbt, "SELECT id FROM user_account WHERE email = "
	    "'mon@t.example'");
	ht_token_for(&T, mon, token, sizeof(token));
	snprintf(auth, sizeof(auth), "Bearer %s", token);
	snprintf(target, sizeof(target), "/api/v1/indicators?region=%s&"
	    "quarter=2026Q3", region);
	/* 3 consented clients: null, never 3 */
	dbt_exec(&T.dbt, "DELETE FROM job; DELETE FROM consent; "
	    "DELETE FROM trajectory; DELETE FROM client");
	clients(3, 3, true, "ips");
	ht_request_ct(&T, "GET", target, NULL, NULL, 0, NULL, auth, &r);
	ht_expect(&r, 200, "\"suppression_applied\":true");
	assert_non_null(strstr(r.body, "\"caseload\":null"));
	assert_null(strstr(r.body, "\"caseload\":3"));
	ht_resp_free(&r);
	/* 20, of whom 10 working: shown */
	dbt_exec(&T.dbt, "DELETE FROM job; DELETE FROM consent; "
	    "DELETE FROM trajectory; DELETE FROM client");
	clients(20, 10, true, "wabz");
	ht_request_ct(&T, "GET", target, NULL, NULL, 0, NULL, auth, &r);
	ht_expect(&r, 200, "\"caseload\":20");
	assert_non_null(strstr(r.body, "\"employment_rate\":50.0"));
	assert_non_null(strstr(r.body, "\"median_days_to_first_job\":40.0"));
	ht_resp_free(&r);
	ht_request_ct(&T, "GET", "/api/v1/indicators?quarter=2026Q3", NULL,
	    NULL, 0, NULL, auth, &r);
	ht_expect(&r, 400, "region");
	ht_resp_free(&r);
	snprintf(target, sizeof(target), "/api/v1/indicators?region=%s&"
	    "quarter=2026-3", region);
	ht_request_ct(&T, "GET", target, NULL, NULL, 0, NULL, auth, &r);
	ht_expect(&r, 400, "quarter");
	ht_resp_free(&r);
	ht_request_ct(&T, "GET", "/api/v1/indicators?organisation=NOPE&"
	    "quarter=2026Q3", NULL, NULL, 0, NULL, auth, &r);
	ht_expect(&r, 404, NULL);
	ht_resp_free(&r);
	ht_request_ct(&T, "GET", "/api/v1/indicators?region=AM01&quarter="
	    "2026Q3", NULL, NULL, 0, NULL, NULL, &r);
	ht_expect(&r, 401, NULL);
	ht_resp_free(&r);
}

static void
test_targets(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		target[64], body[256];

	(void)state;
	dbt_exec(&T.dbt, "DELETE FROM job; DELETE FROM consent; "
	    "DELETE FROM trajectory; DELETE FROM client");
	clients(20, 10, true, "wabz");
	snprintf(target, sizeof(target), "/uitkomsten?regio=%s&kwartaal="
	    "2026K3", region);
	/* a professional sees no form and cannot post one */
	ht_login(&T, "uwv@t.example", &u);
	ht_get(&T, &u, target, &r);
	ht_expect(&r, 200, "nog geen streefcijfers");
	assert_null(strstr(r.body, "Streefcijfer vastleggen"));
	ht_resp_free(&r);
	snprintf(body, sizeof(body), "csrf=%s&regio=%s&kwartaal=2026K3&"
	    "indicator=employment-rate&jaar=2026&waarde=41", u.csrf, region);
	ht_post(&T, &u, "/uitkomsten/streefcijfers", body, &r);
	assert_true(r.status == 403 || r.status == 404);
	ht_resp_free(&r);
	/* the region's coordinator sets 41 % and sees it met (50 %) */
	ht_login(&T, "coord@t.example", &u);
	ht_get_expect(&T, &u, target, 200, "Streefcijfer vastleggen");
	snprintf(body, sizeof(body), "csrf=%s&regio=%s&kwartaal=2026K3&"
	    "indicator=employment-rate&jaar=2026&waarde=141", u.csrf, region);
	ht_post(&T, &u, "/uitkomsten/streefcijfers", body, &r);
	ht_expect(&r, 200, "Vul een percentage in");
	ht_resp_free(&r);
	assert_int_equal(dbt_int(&T.dbt, "SELECT count(*) FROM "
	    "indicator_target"), 0);
	snprintf(body, sizeof(body), "csrf=%s&regio=%s&kwartaal=2026K3&"
	    "indicator=employment-rate&jaar=2026&waarde=41", u.csrf, region);
	ht_post(&T, &u, "/uitkomsten/streefcijfers", body, &r);
	ht_expect(&r, 303, NULL);
	ht_resp_free(&r);
	ht_get(&T, &u, target, &r);
	ht_expect(&r, 200, "<strong>Gehaald</strong>");
	ht_resp_free(&r);
	/* 60 % is not met */
	snprintf(body, sizeof(body), "csrf=%s&regio=%s&kwartaal=2026K3&"
	    "indicator=employment-rate&jaar=2026&waarde=60", u.csrf, region);
	ht_post(&T, &u, "/uitkomsten/streefcijfers", body, &r);
	ht_resp_free(&r);
	ht_get_expect(&T, &u, target, 200, "Nog niet gehaald");
	assert_int_equal(ht_audit_count(&T, "target.set", "allowed"), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_page),
		cmocka_unit_test(test_region_page),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_targets),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}

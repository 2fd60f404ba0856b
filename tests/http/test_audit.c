/* test_audit.c - the auditor's audit-log page and CSV export through the
 * router: filters, paging, the export's format and formula guard, access
 * for other roles, and that no password or token ever reaches the log. */
#include "httptest.h"
#include "base/time.h"

#define WRONG_PASSWORD	"GeheimFout!123"
#define BULK_EVENTS	10050	/* more than one chunk of the CSV export */
/* The byte order mark and the header row of the export. */
#define CSV_HEAD	"\xEF\xBB\xBF" "id;at;event;outcome;user_id;" \
	"user_name;org_id;org_code;role;address;object_type;object_id;" \
	"client_id;purpose;consent_id;detail\r\n"

static struct ht T;
static int64_t prof_id;
static char token[WB_TOKEN_HEX + 1];

static int
setup(void **state)
{
	struct wb_actor		 sys = wb_actor_system();
	struct wb_audit_event	 ev;
	struct wb_err		 err;
	struct ht_user		 u;
	int			 i;

	ht_setup(&T);
	*state = &T;
	ht_add_org(&T, "GGZ-T", "ggz", "AM01");
	ht_add_org(&T, "UWV-T", "uwv", "AM01");
	ht_add_user(&T, "auditor@t.example", "auditor", "UWV-T", NULL);
	prof_id = ht_add_user(&T, "prof@t.example", "professional", "GGZ-T",
	    NULL);
	ht_add_user(&T, "admin@t.example", "admin", "UWV-T", NULL);
	/* Some logins, one of them with a wrong password. */
	ht_login(&T, "prof@t.example", &u);
	ht_login(&T, "admin@t.example", &u);
	assert_int_equal(ht_try_login(&T, "prof@t.example",
	    "GeheimFout%21123"), 401);
	/* An API token: it must never appear in the log either. */
	ht_token_for(&T, prof_id, token, sizeof(token));
	/* A detail that a spreadsheet would run as a formula. */
	memset(&ev, 0, sizeof(ev));
	ev.event = "test.formula";
	ev.object_type = "test";
	ev.detail = "=HYPERLINK(\"http://x.example\")";
	assert_int_equal(wb_audit_log(T.dbt.db, &sys, &ev, &err), 0);
	/* Enough events for paging and for more than one export chunk. */
	assert_int_equal(wb_db_begin_write(T.dbt.db, &err), 0);
	for (i = 0; i < BULK_EVENTS; i++) {
		memset(&ev, 0, sizeof(ev));
		ev.event = "test.bulk";
		ev.object_type = "test";
		assert_int_equal(wb_audit_write(T.dbt.db, &sys, &ev, &err), 0);
	}
	assert_int_equal(wb_db_commit(T.dbt.db, &err), 0);
	return 0;
}

/* Number of occurrences of `needle` in `s`. */
static size_t
count(const char *s, const char *needle)
{
	size_t	n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

static void
test_auditor_sees_logins(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;

	(void)state;
	ht_login(&T, "auditor@t.example", &u);
	ht_get(&T, &u, "/audit?event=login", &r);
	ht_expect(&r, 200, "<h1>Auditlog</h1>");
	assert_non_null(strstr(r.body, "<td>login</td>"));
	assert_non_null(strstr(r.body, "prof@t.example"));
	assert_non_null(strstr(r.body, "admin@t.example"));
	assert_non_null(strstr(r.body, "Toegestaan"));
	assert_non_null(strstr(r.body, "<caption"));
	assert_non_null(strstr(r.body, "<th scope=\"col\">"));
	/* The time is shown as dd-mm-jjjj hh:mm. */
	assert_non_null(strstr(r.body, "<time datetime=\""));
	/* The export link carries the same filter. */
	assert_non_null(strstr(r.body, "href=\"/audit.csv?event=login\""));
	ht_resp_free(&r);
	/* The navigation offers the audit log to the auditor. */
	ht_get_expect(&T, &u, "/", 200, "href=\"/audit\"");
}

static void
test_filters(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	char		path[128], date[16];

	(void)state;
	ht_login(&T, "auditor@t.example", &u);
	ht_get(&T, &u, "/audit?event=login.failed", &r);
	ht_expect(&r, 200, NULL);
	assert_int_equal(count(r.body, "<td>login.failed</td>"), 1);
	assert_int_equal(count(r.body, "<tr>\n<td>"), 1);
	assert_null(strstr(r.body, "<td>login</td>"));
	assert_non_null(strstr(r.body, "Geweigerd"));
	ht_resp_free(&r);
	/* Outcome: only denied events. */
	ht_get(&T, &u, "/audit?outcome=denied", &r);
	ht_expect(&r, 200, "<td>login.failed</td>");
	assert_null(strstr(r.body, "status-ok"));
	assert_non_null(strstr(r.body, "<option value=\"denied\" selected>"));
	ht_resp_free(&r);
	/* A user: only that user's events. */
	snprintf(path, sizeof(path), "/audit?user=%lld&event=login",
	    (long long)prof_id);
	ht_get(&T, &u, path, &r);
	ht_expect(&r, 200, "prof@t.example");
	assert_null(strstr(r.body, "admin@t.example"));
	ht_resp_free(&r);
	/* An organisation by its code. */
	ht_get(&T, &u, "/audit?org=GGZ-T&event=login", &r);
	ht_expect(&r, 200, "prof@t.example");
	assert_null(strstr(r.body, "admin@t.example"));
	ht_resp_free(&r);
	/* A period in the past has nothing. */
	ht_get(&T, &u, "/audit?from=01-01-2000&until=31-12-2000", &r);
	ht_expect(&r, 200, "Geen gebeurtenissen gevonden");
	assert_null(strstr(r.body, "<td>login</td>"));
	ht_resp_free(&r);
	/* "Until" is inclusive: today until today has today's events. */
	wb_date_nl(wb_today(), date, sizeof(date));
	snprintf(path, sizeof(path), "/audit?event=login&from=%s&until=%s",
	    date, date);
	ht_get_expect(&T, &u, path, 200, "<td>login</td>");
}

static void
test_paging(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;

	(void)state;
	ht_login(&T, "auditor@t.example", &u);
	ht_get(&T, &u, "/audit?event=test.bulk", &r);
	ht_expect(&r, 200, NULL);
	assert_int_equal(count(r.body, "<td>test.bulk</td>"), 50);
	assert_non_null(strstr(r.body,
	    "href=\"/audit?event=test.bulk&amp;pagina=2\" rel=\"next\""));
	assert_null(strstr(r.body, "rel=\"prev\""));
	ht_resp_free(&r);
	ht_get(&T, &u, "/audit?event=test.bulk&pagina=201", &r);
	ht_expect(&r, 200, NULL);
	assert_int_equal(count(r.body, "<td>test.bulk</td>"), 50);
	assert_non_null(strstr(r.body, "rel=\"prev\""));
	assert_null(strstr(r.body, "rel=\"next\""));
	ht_resp_free(&r);
}

static void
test_field_errors(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;

	(void)state;
	ht_login(&T, "auditor@t.example", &u);
	/* An unknown organisation code: said next to the field, kept. */
	ht_get(&T, &u, "/audit?org=ONBEKEND&event=login", &r);
	ht_expect(&r, 400, "<p class=\"field-error\" "
	    "id=\"org-error\">Er is geen organisatie met deze code.");
	assert_non_null(strstr(r.body, "value=\"ONBEKEND\""));
	assert_non_null(strstr(r.body, "value=\"login\""));
	assert_non_null(strstr(r.body, "aria-describedby=\"org-error\""));
	assert_null(strstr(r.body, "<td>login</td>"));
	ht_resp_free(&r);
	/* A date that does not exist. */
	ht_get(&T, &u, "/audit?from=31-02-2026", &r);
	ht_expect(&r, 400, "id=\"from-error\"");
	assert_non_null(strstr(r.body, "value=\"31-02-2026\""));
	assert_null(strstr(r.body, "<tbody>"));
	ht_resp_free(&r);
	/* A period that ends before it starts. */
	ht_get_expect(&T, &u, "/audit?from=02-01-2026&until=01-01-2026", 400,
	    "id=\"until-error\"");
	/* Parameters that are not part of the form are refused. */
	ht_get_expect(&T, &u, "/audit?x=1", 400, NULL);
	ht_get_expect(&T, &u, "/audit.csv?from=gisteren", 400, NULL);
	ht_get_expect(&T, &u, "/audit.csv?org=ONBEKEND", 400, NULL);
}

static void
test_csv(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	char		*h;
	const char	*line;

	(void)state;
	ht_login(&T, "auditor@t.example", &u);
	ht_get(&T, &u, "/audit.csv?event=test.formula", &r);
	ht_expect(&r, 200, NULL);
	h = ht_header(&r, "Content-Type");
	assert_string_equal(h, "text/csv; charset=utf-8");
	free(h);
	h = ht_header(&r, "Content-Disposition");
	assert_non_null(h);
	assert_true(strncmp(h, "attachment; filename=\"auditlog-", 31) == 0);
	free(h);
	assert_true(strncmp(r.body, CSV_HEAD, strlen(CSV_HEAD)) == 0);
	assert_int_equal(count(r.body, "\r\n"), 2);
	/* The formula is neutralised with a leading apostrophe. */
	assert_non_null(strstr(r.body, "\"'=HYPERLINK(\"\"http://x.example"
	    "\"\")\"\r\n"));
	assert_null(strstr(r.body, ";=HYPERLINK"));
	assert_null(strstr(r.body, ";\"=HYPERLINK"));
	/* The time is ISO 8601 in UTC: yyyy-mm-ddThh:mm:ssZ. */
	line = strstr(r.body, "\r\n") + 2;
	line = strchr(line, ';') + 1;
	assert_true(line[4] == '-' && line[7] == '-' && line[10] == 'T' &&
	    line[13] == ':' && line[19] == 'Z' && line[20] == ';');
	assert_non_null(strstr(r.body, ";test.formula;allowed;;;;;system;"
	    "cli;test;"));
	ht_resp_free(&r);
}

static void
test_csv_all_rows_once(void **state)
{
	struct ht_user	 u;
	struct ht_resp	 r;
	const char	*p;
	long long	 prev = -1, id;
	size_t		 rows = 0;

	(void)state;
	ht_login(&T, "auditor@t.example", &u);
	/* Every event of the log, across several searches of 10 000 rows,
	 * each exactly once and newest first. */
	ht_get(&T, &u, "/audit.csv", &r);
	ht_expect(&r, 200, NULL);
	p = strstr(r.body, "\r\n") + 2;
	while (*p != '\0') {
		char *end;

		id = strtoll(p, &end, 10);
		assert_true(end != p && *end == ';');
		if (prev != -1)
			assert_int_equal(id, prev - 1);
		prev = id;
		rows++;
		p = strstr(p, "\r\n");
		assert_non_null(p);
		p += 2;
	}
	assert_int_equal(prev, 1);
	assert_true(rows > BULK_EVENTS);
	ht_resp_free(&r);
}

static void
test_other_roles_denied(void **state)
{
	static const char *const emails[] = { "prof@t.example",
	    "admin@t.example" };
	static const char *const paths[] = { "/audit", "/audit.csv",
	    "/audit?event=login", "/audit?org=ONBEKEND",
	    "/audit?from=31-02-2026", "/audit.csv?org=ONBEKEND" };
	struct ht_user	u;
	struct ht_resp	r;
	int64_t		denied = ht_audit_count(&T, "audit.search", "denied");
	size_t		i, j;

	(void)state;
	for (i = 0; i < WB_NELEM(emails); i++) {
		ht_login(&T, emails[i], &u);
		for (j = 0; j < WB_NELEM(paths); j++) {
			ht_get(&T, &u, paths[j], &r);
			if (r.status != 403)
				fail_msg("%s %s: status %d", emails[i],
				    paths[j], r.status);
			assert_null(strstr(r.body, "<td>login</td>"));
			assert_null(strstr(r.body, "id;at;event"));
			ht_resp_free(&r);
		}
		/* No link to the audit log in their navigation. */
		ht_get(&T, &u, "/", &r);
		ht_expect(&r, 200, NULL);
		assert_null(strstr(r.body, "href=\"/audit\""));
		ht_resp_free(&r);
	}
	/* Every refused attempt is in the audit log. */
	assert_int_equal(ht_audit_count(&T, "audit.search", "denied"),
	    denied + (int64_t)(WB_NELEM(emails) * WB_NELEM(paths)));
	/* The log is read-only: nothing to post to. */
	ht_login(&T, "auditor@t.example", &u);
	ht_post_expect(&T, &u, "/audit", "", 405, NULL);
	/* Without login: to the login page. */
	ht_get_expect(&T, NULL, "/audit.csv", 303, NULL);
}

static void
test_search_is_audited(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;
	int64_t		before;

	(void)state;
	ht_login(&T, "auditor@t.example", &u);
	/* ht_audit_count itself searches, so each count adds one. */
	before = ht_audit_count(&T, "audit.search", "allowed");
	ht_get_expect(&T, &u, "/audit?event=login", 200, NULL);
	assert_int_equal(ht_audit_count(&T, "audit.search", "allowed"),
	    before + 2);
	before = ht_audit_count(&T, "audit.search", "allowed");
	ht_get_expect(&T, &u, "/audit.csv?event=login", 200, NULL);
	assert_int_equal(ht_audit_count(&T, "audit.search", "allowed"),
	    before + 2);
	/* And the auditor sees those searches in the log. */
	ht_get(&T, &u, "/audit?event=audit.search", &r);
	ht_expect(&r, 200, "<td>audit.search</td>");
	assert_non_null(strstr(r.body, "auditor@t.example"));
	ht_resp_free(&r);
}

static void
test_no_secrets_in_log(void **state)
{
	struct ht_user	u;
	struct ht_resp	r;

	(void)state;
	ht_login(&T, "auditor@t.example", &u);
	ht_get(&T, &u, "/audit.csv", &r);
	/* The failed login is there, its password is not. */
	ht_expect(&r, 200, ";login.failed;denied;");
	assert_null(strstr(r.body, WRONG_PASSWORD));
	assert_null(strstr(r.body, "GeheimFout"));
	assert_null(strstr(r.body, HT_PASSWORD));
	/* The token was created and logged, the token itself is not. */
	assert_non_null(strstr(r.body, ";token.create;allowed;"));
	assert_null(strstr(r.body, token));
	ht_resp_free(&r);
	ht_get(&T, &u, "/audit?event=login.failed", &r);
	assert_null(strstr(r.body, "GeheimFout"));
	ht_resp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_auditor_sees_logins),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_field_errors),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_all_rows_once),
		cmocka_unit_test(test_other_roles_denied),
		cmocka_unit_test(test_search_is_audited),
		cmocka_unit_test(test_no_secrets_in_log),
	};

	return cmocka_run_group_tests(tests, setup, ht_group_teardown);
}

/* test_audit.c - the hash-chained audit log (src/domain/audit.c): events
 * are written and verify; every kind of tampering is found and named; a
 * failed login never leaves the password behind.
 */
#include "dbtest.h"

#include "base/common.h"
#include "domain/user.h"

static int
setup(void **state)
{
	unsetenv("WB_NOW");
	return dbt_setup(state);
}

/* The acting coordinator of most events. */
static const struct wb_actor coordinator = {
	.user_id = 5, .org_id = 2, .role = WB_ROLE_COORDINATOR,
	.region_code = "AM01", .address = "192.0.2.1", .via = "web",
};

/* Five events with different fields filled. */
static const struct wb_audit_event events[] = {
	{ .event = "card.read", .object_type = "card", .object_id = "12" },
	{ .event = "organisation.update", .denied = true,
	    .object_type = "organisation", .object_id = "3" },
	{ .event = "client.read", .client_id = 44, .purpose = "behandeling",
	    .consent_id = 9, .detail = "via team" },
	{ .event = "login", .user_id = 77, .object_type = "user",
	    .object_id = "77", .detail = "password rehashed" },
	{ .event = "x" },
};

/* Write the five events: two alone, three in one transaction. */
static void
write_events(struct wb_db *db)
{
	struct wb_err	err;
	size_t		i;

	for (i = 0; i < 2; i++)
		if (wb_audit_log(db, &coordinator, &events[i], &err) != 0)
			fail_msg("event %zu: %s", i, err.msg);
	assert_int_equal(wb_db_begin_write(db, &err), 0);
	for (i = 2; i < WB_NELEM(events); i++)
		if (wb_audit_write(db, &coordinator, &events[i], &err) != 0)
			fail_msg("event %zu: %s", i, err.msg);
	assert_int_equal(wb_db_commit(db, &err), 0);
}

static void
verify_ok(struct wb_db *db, int64_t want)
{
	struct wb_err	err;
	int64_t		checked = -1, broken = -1;
	int		rc;

	wb_err_clear(&err);
	rc = wb_audit_verify(db, &checked, &broken, &err);
	if (rc != 0)
		fail_msg("verify: %d %s (broken %lld)", rc, err.msg,
		    (long long)broken);
	assert_int_equal(checked, want);
	assert_int_equal(broken, 0);
	assert_false(wb_db_in_tx(db));
}

static void
test_empty_log(void **state)
{
	struct dbt	*t = *state;

	verify_ok(t->db, 0);
}

/* Events are stored as given and the chain verifies. */
static void
test_write_verify(void **state)
{
	struct dbt	*t = *state;

	write_events(t->db);
	verify_ok(t->db, 5);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event"), 5);
	assert_int_equal(dbt_int(t, "SELECT last_id FROM audit_head"), 5);
	/* the outcome, the user override, NULL for absent numbers */
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE outcome = 'denied'"), 1);
	assert_int_equal(dbt_int(t, "SELECT id FROM audit_event "
	    "WHERE outcome = 'denied'"), 2);
	assert_int_equal(dbt_int(t, "SELECT user_id FROM audit_event "
	    "WHERE id = 4"), 77);
	assert_int_equal(dbt_int(t, "SELECT user_id FROM audit_event "
	    "WHERE id = 1"), 5);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE id = 5 AND client_id IS NULL AND detail IS NULL AND "
	    "object_type IS NULL AND role = 'coordinator' AND "
	    "address = '192.0.2.1' AND org_id = 2"), 1);
	assert_int_equal(dbt_int(t, "SELECT client_id * 100 + consent_id "
	    "FROM audit_event WHERE id = 3"), 4409);
	/* every event links to the one before */
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event a "
	    "JOIN audit_event b ON b.id = a.id - 1 "
	    "WHERE a.prev_hash = b.hash"), 4);

	/* more events later extend the same chain */
	write_events(t->db);
	verify_ok(t->db, 10);
}

/* Two connections writing in turn share one chain. */
static void
test_two_writers(void **state)
{
	struct dbt	*t = *state;
	struct wb_db	*other = NULL;
	struct wb_err	 err;
	int		 i;

	assert_int_equal(wb_db_open(t->url, &other, &err), 0);
	for (i = 0; i < 6; i++)
		assert_int_equal(wb_audit_log(i % 2 ? other : t->db,
		    &coordinator, &events[i % 5], &err), 0);
	wb_db_close(other);
	verify_ok(t->db, 6);
}

/* Empty strings are stored as NULL; the hash must agree with what is
 * stored, or an honest log would fail to verify. */
static void
test_empty_strings(void **state)
{
	struct dbt		*t = *state;
	struct wb_err		 err;
	struct wb_actor		 a = coordinator;
	struct wb_audit_event	 ev = { .event = "card.read",
	    .object_type = "", .object_id = "", .purpose = "",
	    .detail = "" };

	a.address = "";
	assert_int_equal(wb_audit_log(t->db, &a, &ev, &err), 0);
	verify_ok(t->db, 1);
}

/* One way to tamper with a log of five events, and the event that must
 * be reported as the first broken one. */
struct tcase {
	const char	*name;
	const char	*sql;
	int64_t		 broken;
};

static const struct tcase tcases[] = {
	{ "edit detail", "UPDATE audit_event SET detail = 'nothing to see' "
	    "WHERE id = 3", 3 },
	{ "add detail", "UPDATE audit_event SET detail = 'x' WHERE id = 1", 1 },
	{ "NULL to empty", "UPDATE audit_event SET detail = '' WHERE id = 2",
	    2 },
	{ "remove detail", "UPDATE audit_event SET detail = NULL "
	    "WHERE id = 4", 4 },
	{ "edit time", "UPDATE audit_event SET at = at + 1 WHERE id = 1", 1 },
	{ "denied to allowed", "UPDATE audit_event SET outcome = 'allowed' "
	    "WHERE id = 2", 2 },
	{ "edit user", "UPDATE audit_event SET user_id = 6 WHERE id = 5", 5 },
	{ "edit address", "UPDATE audit_event SET address = '10.0.0.1' "
	    "WHERE id = 2", 2 },
	{ "edit client", "UPDATE audit_event SET client_id = 45 WHERE id = 3",
	    3 },
	{ "edit event", "UPDATE audit_event SET event = 'card.list' "
	    "WHERE id = 1", 1 },
	{ "edit prev_hash", "UPDATE audit_event SET prev_hash = "
	    "(SELECT prev_hash FROM audit_event WHERE id = 2) WHERE id = 3",
	    3 },
	{ "edit hash", "UPDATE audit_event SET hash = (SELECT hash FROM "
	    "audit_event WHERE id = 2) WHERE id = 4", 4 },
	{ "delete last", "DELETE FROM audit_event WHERE id = 5", 5 },
	{ "delete last two", "DELETE FROM audit_event WHERE id >= 4", 4 },
	{ "delete middle", "DELETE FROM audit_event WHERE id = 3", 3 },
	{ "delete first", "DELETE FROM audit_event WHERE id = 1", 1 },
	{ "delete all", "DELETE FROM audit_event", 1 },
	{ "renumber", "UPDATE audit_event SET id = 6 WHERE id = 5", 5 },
	{ "delete last, fix head id", "DELETE FROM audit_event WHERE id = 5;"
	    "UPDATE audit_head SET last_id = 4", 5 },
	{ "head rewound", "UPDATE audit_head SET last_id = 4, last_hash = "
	    "(SELECT hash FROM audit_event WHERE id = 4)", 6 },
	{ "append forged", "INSERT INTO audit_event (id, at, event, outcome, "
	    "prev_hash, hash) SELECT 6, at, 'x', 'allowed', hash, hash "
	    "FROM audit_event WHERE id = 5", 6 },
};

static void
test_tamper(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(tcases); i++) {
		const struct tcase	*c = &tcases[i];
		struct dbt		 t;
		struct wb_err		 err;
		int64_t			 checked = -1, broken = -1;
		int			 rc;

		dbt_open(&t, false);
		write_events(t.db);
		verify_ok(t.db, 5);
		dbt_exec(&t, c->sql);
		wb_err_clear(&err);
		rc = wb_audit_verify(t.db, &checked, &broken, &err);
		if (rc != WB_ECONFLICT)
			fail_msg("%s: not detected (rc %d)", c->name, rc);
		if (broken != c->broken)
			fail_msg("%s: broken at %lld, want %lld", c->name,
			    (long long)broken, (long long)c->broken);
		if (checked != c->broken - 1)
			fail_msg("%s: %lld checked, want %lld", c->name,
			    (long long)checked, (long long)c->broken - 1);
		assert_false(wb_db_in_tx(t.db));
		assert_true(strstr(err.msg, "broken") != NULL);
		dbt_close(&t);
	}
}

/* True when `needle` occurs in the file at `path` (absent file: false). */
static bool
file_contains(const char *path, const char *needle)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	size_t	 n, cap = 1 << 20, len = 0, nl = strlen(needle);
	bool	 found = false;

	if (f == NULL)
		return false;
	buf = malloc(cap);
	assert_non_null(buf);
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	fclose(f);
	for (n = 0; !found && nl > 0 && n + nl <= len; n++)
		found = memcmp(buf + n, needle, nl) == 0;
	free(buf);
	return found;
}

/* A failed login is audited without the password that was tried: no
 * column of any audit row holds it, nor does the database file. */
static void
test_no_password_in_log(void **state)
{
	static const char	 wrong[] = "Fout-Geheim-9f3kq!zz";
	static const char	 right[] = "Juist-wachtwoord-1";
	static const char	 email[] = "jan@ggz.example";
	struct dbt		*t = *state;
	struct wb_actor		 sys = wb_actor_system();
	struct wb_user_input	 in = { .email = email, .name = "Jan",
	    .role = "professional", .org_code = "ORG1", .password = right,
	    .active = true };
	struct wb_stmt		*st = NULL;
	struct wb_err		 err;
	char			 p[128];
	int64_t			 id = 0, uid = 0, rows = 0, failed = 0;
	int			 rc, c;

	dbt_exec(t, "INSERT INTO organisation (code, name, type, "
	    "created_at, updated_at) VALUES ('ORG1', 'Org', 'ggz', 0, 0)");
	if (wb_user_add(t->db, &sys, &in, &id, &err) != 0)
		fail_msg("add: %s", err.msg);
	assert_int_equal(wb_user_login(t->db, email, wrong, "192.0.2.7", &uid,
	    &err), WB_EDENIED);
	assert_int_equal(wb_user_login(t->db, "nobody@ggz.example", wrong,
	    "192.0.2.7", &uid, &err), WB_EDENIED);
	assert_int_equal(wb_user_login(t->db, "JAN@ggz.example", wrong,
	    "192.0.2.8", &uid, &err), WB_EDENIED);
	assert_int_equal(wb_user_login(t->db, email, right, "192.0.2.7", &uid,
	    &err), 0);
	assert_int_equal(uid, id);

	assert_int_equal(wb_db_prepare(t->db, Q_AUDIT_ALL, &st, &err), 0);
	while ((rc = wb_stmt_step(st, &err)) == 1) {
		rows++;
		for (c = 0; c < wb_stmt_ncols(st); c++) {
			const char *v = wb_stmt_text(st, c);

			if (strstr(v, wrong) != NULL ||
			    strstr(v, right) != NULL)
				fail_msg("audit row %lld column %d holds a "
				    "password", (long long)rows, c);
			if (strstr(v, "Fout-Geheim") != NULL)
				fail_msg("audit row %lld column %d holds part "
				    "of a password", (long long)rows, c);
			if (strstr(v, "ggz.example") != NULL)
				fail_msg("audit row %lld column %d holds an "
				    "e-mail address", (long long)rows, c);
		}
		if (strcmp(wb_stmt_text(st, 2), "login.failed") == 0)
			failed++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(wb_stmt_ncols(st), 16);	/* every column */
	wb_stmt_release(st);
	assert_int_equal(failed, 3);
	assert_int_equal(rows, 5);	/* create, 3 failures, 1 login */
	verify_ok(t->db, 5);

	/* not anywhere in the database either, committed or in the WAL
	 * (SQLite only: a PostgreSQL database is not one file) */
	if (dbt_pg())
		return;
	assert_false(file_contains(t->path, wrong));
	snprintf(p, sizeof(p), "%s-wal", t->path);
	assert_false(file_contains(p, wrong));
	assert_false(file_contains(p, right));
}

/* Only an auditor searches; every search, allowed or not, is audited. */
static void
test_search(void **state)
{
	struct dbt		*t = *state;
	struct wb_actor		 auditor = { .user_id = 9, .org_id = 1,
	    .role = WB_ROLE_AUDITOR, .address = "192.0.2.9", .via = "web" };
	struct wb_actor		 admin = { .user_id = 1, .org_id = 1,
	    .role = WB_ROLE_ADMIN, .address = "192.0.2.1", .via = "web" };
	struct wb_audit_filter	 f;
	struct wb_audit_row	*rows = NULL;
	struct wb_arena		 a;
	struct wb_err		 err;
	size_t			 n = 0;
	int64_t			 total = 0;

	write_events(t->db);
	wb_arena_init(&a);
	memset(&f, 0, sizeof(f));
	assert_int_equal(wb_audit_search(t->db, &admin, &f, 50, 0, &a, &rows,
	    &n, &total, &err), WB_EDENIED);
	assert_int_equal(n, 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'audit.search' AND outcome = 'denied' AND "
	    "user_id = 1"), 1);

	/* the search is audited before it runs, so it finds itself too */
	assert_int_equal(wb_audit_search(t->db, &auditor, &f, 50, 0, &a, &rows,
	    &n, &total, &err), 0);
	assert_int_equal(total, 7);
	assert_int_equal(n, 7);
	assert_int_equal(rows[0].id, 7);		/* newest first */
	assert_string_equal(rows[0].event, "audit.search");
	assert_string_equal(rows[6].event, "card.read");

	f.outcome = "denied";
	assert_int_equal(wb_audit_search(t->db, &auditor, &f, 50, 0, &a, &rows,
	    &n, &total, &err), 0);
	assert_int_equal(total, 2);	/* org update, the admin's search */

	memset(&f, 0, sizeof(f));
	f.client_id = 44;
	assert_int_equal(wb_audit_search(t->db, &auditor, &f, 50, 0, &a, &rows,
	    &n, &total, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].purpose, "behandeling");
	assert_string_equal(rows[0].detail, "via team");
	assert_null(rows[0].object_type);

	/* paging */
	memset(&f, 0, sizeof(f));
	assert_int_equal(wb_audit_search(t->db, &auditor, &f, 2, 1, &a, &rows,
	    &n, &total, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(total, 10);
	assert_int_equal(rows[0].id, 9);
	wb_arena_free(&a);
	verify_ok(t->db, 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_log, setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_write_verify, setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_two_writers, setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_empty_strings, setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_tamper, setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_no_password_in_log, setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_search, setup,
		    dbt_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

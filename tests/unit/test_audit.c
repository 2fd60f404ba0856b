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

/* The hash of `id` in `t`'s log into out ("" when absent). */
static void
stored_hash(struct dbt *t, const char *col, int64_t id, char *out,
    size_t n)
{
	char	sql[80];

	snprintf(sql, sizeof(sql), "SELECT %s FROM audit_event WHERE id = %lld",
	    col, (long long)id);
	dbt_text(t, sql, out, n);
}

/* A run of three events in one transaction chains exactly as three
 * wb_audit_write() calls do: with the clock fixed, a log written each way
 * after the same first event holds the same ids, links and hashes.  An
 * empty run leaves the head where it was. */
static void
test_run(void **state)
{
	struct dbt		*t = *state;
	struct dbt		 w;
	struct wb_audit_run	 run;
	struct wb_err		 err;
	char			 a[80], b[80];
	int64_t			 id;
	size_t			 i;

	dbt_set_now(1700000000);
	dbt_open(&w, false);
	assert_int_equal(wb_audit_log(t->db, &coordinator, &events[0], &err),
	    0);
	assert_int_equal(wb_audit_log(w.db, &coordinator, &events[0], &err),
	    0);

	assert_int_equal(wb_db_begin_write(t->db, &err), 0);
	assert_int_equal(wb_audit_run_start(t->db, &run, &err), 0);
	assert_int_equal(run.last_id, 1);
	for (i = 1; i <= 3; i++)
		if (wb_audit_run_add(t->db, &run, &coordinator, &events[i],
		    &err) != 0)
			fail_msg("event %zu: %s", i, err.msg);
	assert_int_equal(run.last_id, 4);
	assert_int_equal(wb_audit_run_end(t->db, &run, &err), 0);
	assert_int_equal(wb_db_commit(t->db, &err), 0);

	assert_int_equal(wb_db_begin_write(w.db, &err), 0);
	for (i = 1; i <= 3; i++)
		if (wb_audit_write(w.db, &coordinator, &events[i], &err) != 0)
			fail_msg("event %zu: %s", i, err.msg);
	assert_int_equal(wb_db_commit(w.db, &err), 0);

	verify_ok(t->db, 4);
	verify_ok(w.db, 4);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event a "
	    "JOIN audit_event b ON b.id = a.id - 1 "
	    "WHERE a.prev_hash = b.hash"), 3);
	for (id = 1; id <= 4; id++) {
		stored_hash(t, "prev_hash", id, a, sizeof(a));
		stored_hash(&w, "prev_hash", id, b, sizeof(b));
		assert_int_equal(strlen(a), 64);
		assert_string_equal(a, b);
		stored_hash(t, "hash", id, a, sizeof(a));
		stored_hash(&w, "hash", id, b, sizeof(b));
		assert_int_equal(strlen(a), 64);
		assert_string_equal(a, b);
	}
	assert_string_equal(run.hash, a);
	dbt_text(t, "SELECT last_hash FROM audit_head", b, sizeof(b));
	assert_string_equal(b, a);
	assert_int_equal(dbt_int(t, "SELECT last_id FROM audit_head"), 4);

	/* an empty run */
	assert_int_equal(wb_db_begin_write(t->db, &err), 0);
	assert_int_equal(wb_audit_run_start(t->db, &run, &err), 0);
	assert_int_equal(wb_audit_run_end(t->db, &run, &err), 0);
	assert_int_equal(wb_db_commit(t->db, &err), 0);
	verify_ok(t->db, 4);
	dbt_text(t, "SELECT last_hash FROM audit_head", b, sizeof(b));
	assert_string_equal(b, a);

	dbt_close(&w);
	unsetenv("WB_NOW");
}

/* The hash format against values computed outside audit.c: python3's
 * hashlib.blake2b(digest_size=32) over the fields, each "length:text"
 * (length in bytes), NULL text "-;", numbers as decimal text and absent
 * ones as 0.  Event 1 hashed
 *   64:000...0001:110:170000000011:client.read7:allowed1:51:2
 *   11:coordinator9:192.0.2.1-;2:123:-4411:behandeling1:05:\xc3\xa9\xc3\xa9n
 * (without the line break); event 2 chains from it with negative and
 * extreme numbers, event 3 with a detail longer than audit.c's buffer. */
static void
test_hash_known_answer(void **state)
{
	struct dbt		*t = *state;
	struct wb_audit_event	 e1 = { .event = "client.read",
	    .object_id = "12", .client_id = -44, .purpose = "behandeling",
	    .detail = "\xc3\xa9\xc3\xa9n" };
	struct wb_audit_event	 e2 = { .event = "x", .denied = true,
	    .user_id = -7, .client_id = INT64_MAX, .consent_id = INT64_MIN };
	struct wb_audit_event	 e3 = { .event = "import.row",
	    .object_type = "measurement", .object_id = "7" };
	struct wb_audit_run	 run;
	struct wb_err		 err;
	char			 h[80], detail[601];

	memset(detail, 'd', sizeof(detail) - 1);
	detail[sizeof(detail) - 1] = '\0';
	e3.detail = detail;
	dbt_set_now(1700000000);
	assert_int_equal(wb_db_begin_write(t->db, &err), 0);
	assert_int_equal(wb_audit_run_start(t->db, &run, &err), 0);
	assert_int_equal(wb_audit_run_add(t->db, &run, &coordinator, &e1,
	    &err), 0);
	assert_int_equal(wb_audit_run_add(t->db, &run, &coordinator, &e2,
	    &err), 0);
	assert_int_equal(wb_audit_run_add(t->db, &run, &coordinator, &e3,
	    &err), 0);
	assert_int_equal(wb_audit_run_end(t->db, &run, &err), 0);
	assert_int_equal(wb_db_commit(t->db, &err), 0);
	unsetenv("WB_NOW");

	stored_hash(t, "hash", 1, h, sizeof(h));
	assert_string_equal(h, "0793f204a15bfce353dcee7b6e5af0bd"
	    "b976bbb789ff18ef7eb70348e4a77b99");
	stored_hash(t, "hash", 2, h, sizeof(h));
	assert_string_equal(h, "06e75cbf5dc67b0642fe5c7ce9805dd8"
	    "4763a6fb6abfba92045c42c901c008d4");
	stored_hash(t, "hash", 3, h, sizeof(h));
	assert_string_equal(h, "eac6ba1ae8baa205a01726bb6b05f0db"
	    "9b211cb6ffd607d405de243ef776c532");
	/* stored as hashed, so the chain verifies */
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_event "
	    "WHERE id = 2 AND user_id = -7 AND "
	    "client_id = 9223372036854775807 AND "
	    "consent_id = -9223372036854775807 - 1"), 1);
	verify_ok(t->db, 3);
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
		cmocka_unit_test_setup_teardown(test_run, setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_hash_known_answer, setup,
		    dbt_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

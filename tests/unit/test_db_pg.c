/* test_db_pg.c - the PostgreSQL backend (src/store/db_pg.c) against a real
 * server: migrations, every named query, the regions, the demo data set,
 * logins, the audit chain, error mapping and parameter binding.
 *
 * The server comes from WB_TEST_PG, a libpq URL of a throw-away database
 * (scripts/runtests.sh starts one with scripts/pg-cluster.sh).  Without
 * it this program fails: a skipped suite would hide a broken backend.
 * The database must be called *_test; its schema public is dropped and
 * made again at the start, so every run starts empty.
 *
 * The tests run in order and share one connection: each builds on what
 * the previous ones loaded (schema, regions, demo data).
 */
#include "dbtest.h"

#include "base/common.h"
#include "domain/contact_point.h"
#include "domain/demo.h"
#include "domain/user.h"

#include <libpq-fe.h>
#include <time.h>

#define SECRET	"s3cr3t-Pw"

struct pgt {
	const char		*url;
	PGconn			*raw;	/* for checks behind the API's back */
	struct wb_db		*db;
	struct wb_arena		 a;	/* holds the demo report */
	struct wb_demo_report	 demo;
};

static double
seconds_since(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The first column of the first row of `sql` on the raw connection ("" for
 * no row or NULL); the statement must succeed. */
static void
raw_text(struct pgt *p, const char *sql, char *out, size_t n)
{
	PGresult	*res = PQexec(p->raw, sql);

	if (PQresultStatus(res) != PGRES_TUPLES_OK &&
	    PQresultStatus(res) != PGRES_COMMAND_OK)
		fail_msg("%s: %s", sql, PQresultErrorMessage(res));
	out[0] = '\0';
	if (PQntuples(res) > 0 && PQnfields(res) > 0)
		snprintf(out, n, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
}

static int64_t
raw_int(struct pgt *p, const char *sql)
{
	char	buf[32];

	raw_text(p, sql, buf, sizeof(buf));
	return buf[0] != '\0' ? strtoll(buf, NULL, 10) : -1;
}

/* A connection to the same database with extra URL parameters. */
static void
open_with(const struct pgt *p, const char *extra, struct wb_db **db)
{
	struct wb_err	err;
	char		url[1024];

	snprintf(url, sizeof(url), "%s%c%s", p->url,
	    strchr(p->url, '?') != NULL ? '&' : '?', extra);
	if (wb_db_open(url, db, &err) != 0)
		fail_msg("open with %s: %s", extra, err.msg);
}

static int
group_setup(void **state)
{
	struct pgt	*p;
	struct wb_err	 err;
	char		 name[128];

	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return -1;
	setenv("WERKBRUG_PWHASH", "fast", 1);
	assert_true(sodium_init() >= 0);
	p->url = getenv("WB_TEST_PG");
	p->raw = PQconnectdb(p->url);
	if (PQstatus(p->raw) != CONNECTION_OK)
		fail_msg("cannot connect to WB_TEST_PG: %s",
		    PQerrorMessage(p->raw));
	/* Only ever empty a test database. */
	raw_text(p, "SELECT current_database()", name, sizeof(name));
	if (strlen(name) < 5 || strcmp(name + strlen(name) - 5, "_test") != 0)
		fail_msg("WB_TEST_PG names database \"%s\"; refusing to drop "
		    "its schema (the name must end in _test)", name);
	raw_text(p, "SET client_min_messages = warning; "
	    "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public",
	    name, sizeof(name));
	if (wb_db_open(p->url, &p->db, &err) != 0)
		fail_msg("open: %s", err.msg);
	wb_arena_init(&p->a);
	*state = p;
	return 0;
}

static int
group_teardown(void **state)
{
	struct pgt	*p = *state;

	wb_db_close(p->db);
	PQfinish(p->raw);
	wb_arena_free(&p->a);
	free(p);
	return 0;
}

static size_t
count_assets(const struct wb_asset *a)
{
	size_t	n = 0;

	while (a[n].name != NULL)
		n++;
	return n;
}

/* -- opening -- */

static void
test_open(void **state)
{
	struct pgt	*p = *state;
	struct wb_db	*db = NULL;
	char		 buf[64];

	assert_string_equal(wb_db_backend(p->db), "postgresql");
	assert_false(wb_db_in_tx(p->db));
	/* application_name defaults to werkbrug; the URL's own wins. */
	assert_true(raw_int(p, "SELECT count(*) FROM pg_stat_activity "
	    "WHERE application_name = 'werkbrug' "
	    "AND datname = current_database()") >= 1);
	open_with(p, "application_name=wb-own-name", &db);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM pg_stat_activity "
	    "WHERE application_name = 'wb-own-name'"), 1);
	wb_db_close(db);
	raw_text(p, "SELECT current_setting('server_encoding')", buf,
	    sizeof(buf));
	print_message("# server encoding %s\n", buf);
}

struct ocase {
	const char	*url;
	int		 rc;
};

/* Bad URLs and unreachable servers, each with a password that must not
 * appear in the message. */
static const struct ocase ocases[] = {
	{ "postgresql://u:" SECRET "%zz@localhost/x", WB_EINVAL },
	{ "postgresql://u:" SECRET "@/x?nosuchparameter=1", WB_EINVAL },
	{ "postgresql://u:" SECRET "@/x?host=/nonexistent-wb-dir", WB_EDB },
	{ "postgres://u:" SECRET "@/x?host=/nonexistent-wb-dir", WB_EDB },
	{ "postgresql:///x?host=/nonexistent-wb-dir&password=" SECRET,
	    WB_EDB },
};

static void
test_open_errors(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(ocases); i++) {
		struct wb_db	*db = (struct wb_db *)&db;
		struct wb_err	 err;
		int		 rc;

		wb_err_clear(&err);
		rc = wb_db_open(ocases[i].url, &db, &err);
		if (rc != ocases[i].rc)
			fail_msg("case %zu: rc %d, want %d (%s)", i, rc,
			    ocases[i].rc, err.msg);
		assert_null(db);
		assert_int_equal(err.code, rc);
		assert_true(err.msg[0] != '\0');
		if (strstr(err.msg, SECRET) != NULL)
			fail_msg("case %zu: the password is in \"%s\"", i,
			    err.msg);
		assert_null(strchr(err.msg, '\n'));
	}
}

/* -- schema -- */

static void
test_migrate_twice(void **state)
{
	struct pgt	*p = *state;
	struct wb_db	*db = NULL;
	struct wb_err	 err;
	size_t		 n = count_assets(wb_migrations_pg);
	int		 applied = -1;

	assert_true(n >= 1);
	if (wb_db_migrate(p->db, &applied, &err) != 0)
		fail_msg("migrate: %s (%s)", err.msg, err.field);
	assert_int_equal(applied, (int)n);
	assert_false(wb_db_in_tx(p->db));
	assert_int_equal(raw_int(p, "SELECT count(*) FROM schema_migrations"),
	    (int64_t)n);

	assert_int_equal(wb_db_migrate(p->db, &applied, &err), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM audit_head"), 1);

	/* a second connection sees the schema as current */
	open_with(p, "application_name=wb-second", &db);
	assert_int_equal(wb_db_migrate(db, &applied, &err), 0);
	assert_int_equal(applied, 0);
	wb_db_close(db);
}

/* Both dialects have the same migrations and, after them, the same
 * tables with the same columns in the same order. */
static void
test_schema_matches_sqlite(void **state)
{
	struct pgt	*p = *state;
	struct dbt	 t;
	sqlite3		*h = NULL;
	sqlite3_stmt	*st = NULL;
	char		 pg[8192], sq[8192];
	size_t		 i;

	assert_int_equal(count_assets(wb_migrations_pg),
	    count_assets(wb_migrations_sqlite));
	for (i = 0; wb_migrations_pg[i].name != NULL; i++)
		assert_string_equal(wb_migrations_pg[i].name,
		    wb_migrations_sqlite[i].name);

	raw_text(p, "SELECT string_agg(table_name || '.' || column_name, ' ' "
	    "ORDER BY table_name COLLATE \"C\", ordinal_position) "
	    "FROM information_schema.columns WHERE table_schema = 'public'",
	    pg, sizeof(pg));
	dbt_open(&t, false);
	assert_int_equal(sqlite3_open_v2(t.path, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT group_concat(c, ' ') "
	    "FROM (SELECT m.name || '.' || p.name AS c FROM sqlite_schema m "
	    "JOIN pragma_table_info(m.name) p WHERE m.type = 'table' "
	    "ORDER BY m.name, p.cid)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(sq, sizeof(sq), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	dbt_close(&t);
	assert_true(strlen(pg) > 100);
	assert_string_equal(pg, sq);
}

/* Every named query prepares: the guard of the shared dialect. */
static void
test_prepare_all(void **state)
{
	struct pgt	*p = *state;
	struct wb_err	 err;

	if (wb_db_prepare_all(p->db, &err) != 0)
		fail_msg("%s: %s", err.field, err.msg);
	/* twice: now from the cache */
	assert_int_equal(wb_db_prepare_all(p->db, &err), 0);
}

/* -- the data sets -- */

static void
test_regions(void **state)
{
	struct pgt		*p = *state;
	const struct wb_asset	*csv = dbt_regions_csv();
	struct wb_actor		 sys = wb_actor_system();
	struct wb_import_report	 rep;
	struct wb_arena		 a;
	struct wb_err		 err;
	int64_t			 n = -1;

	wb_arena_init(&a);
	memset(&rep, 0, sizeof(rep));
	if (wb_region_import(p->db, &sys, csv->data, csv->len, 2026, &a, &rep,
	    &err) != 0)
		fail_msg("region import: %s", err.msg);
	assert_int_equal(rep.nerrors, 0);
	wb_arena_free(&a);
	assert_int_equal(wb_region_count(p->db, &n, &err), 0);
	assert_int_equal(n, 35);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM municipality "
	    "WHERE active = 1"), 342);
	/* importing again changes nothing */
	wb_arena_init(&a);
	memset(&rep, 0, sizeof(rep));
	assert_int_equal(wb_region_import(p->db, &sys, csv->data, csv->len,
	    2026, &a, &rep, &err), 0);
	wb_arena_free(&a);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM region"), 35);
}

static void
test_demo(void **state)
{
	struct pgt	*p = *state;
	struct timespec	 t0;
	struct wb_err	 err;
	bool		 empty = false;
	int		 rc;

	assert_int_equal(wb_demo_is_empty(p->db, &empty, &err), 0);
	assert_true(empty);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = wb_demo_fill(p->db, &p->a, &p->demo, &err);
	if (rc != 0)
		fail_msg("wb_demo_fill: %d %s (%s)", rc, err.msg, err.field);
	print_message("# wb_demo_fill on PostgreSQL: %.2f s (%zu "
	    "organisations, %zu cards, %zu contact points, %zu users)\n",
	    seconds_since(&t0), p->demo.organisations, p->demo.cards,
	    p->demo.contact_points, p->demo.users);
	assert_int_equal(p->demo.organisations, 8 * 35 + 2);
	assert_int_equal(p->demo.contact_points, 6 * 35);
	assert_int_equal(p->demo.nlogins, 7);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM organisation"),
	    (int64_t)p->demo.organisations);
	assert_int_equal(wb_demo_is_empty(p->db, &empty, &err), 0);
	assert_false(empty);
	assert_false(wb_db_in_tx(p->db));
}

static void
test_cp_find(void **state)
{
	struct pgt	*p = *state;
	struct wb_actor	 sys = wb_actor_system();
	struct wb_arena	 a;
	struct wb_err	 err;
	struct wb_cp	*cps;
	size_t		 n = 0;

	wb_arena_init(&a);
	if (wb_cp_find(p->db, &sys, "GM0796", "uwv", &a, &cps, &n, &err) != 0)
		fail_msg("wb_cp_find: %s", err.msg);
	assert_int_equal(n, 1);
	assert_true(cps[0].deputy.card_id != 0);
	assert_non_null(cps[0].deputy.name);
	assert_string_equal(cps[0].org_type, "uwv");
	assert_true(cps[0].valid_until == INT64_MIN);
	assert_int_equal(wb_cp_find(p->db, &sys, "GM0796", "ggz", &a, &cps,
	    &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(wb_cp_find(p->db, &sys, "GM9999", "uwv", &a, &cps,
	    &n, &err), WB_ENOTFOUND);
	wb_arena_free(&a);
}

static void
test_login(void **state)
{
	struct pgt	*p = *state;
	struct wb_err	 err;
	int64_t		 uid = 0;
	size_t		 i;

	assert_true(p->demo.nlogins > 0);
	for (i = 0; i < p->demo.nlogins; i++) {
		const struct wb_demo_login *l = &p->demo.logins[i];

		uid = 0;
		if (wb_user_login(p->db, l->email, l->password, "127.0.0.1",
		    &uid, &err) != 0)
			fail_msg("login %s: %s", l->role, err.msg);
		assert_true(uid > 0);
	}
	assert_int_equal(wb_user_login(p->db, p->demo.logins[0].email,
	    "verkeerd-wachtwoord", "127.0.0.1", &uid, &err), WB_EDENIED);
	assert_false(wb_db_in_tx(p->db));
}

static void
test_audit_verify(void **state)
{
	struct pgt	*p = *state;
	struct wb_err	 err;
	int64_t		 checked = 0, broken = 0;

	if (wb_audit_verify(p->db, &checked, &broken, &err) != 0)
		fail_msg("audit chain: %s (event %lld)", err.msg,
		    (long long)broken);
	assert_true((size_t)checked >= p->demo.organisations +
	    p->demo.contact_points + p->demo.users);
	assert_int_equal(raw_int(p, "SELECT last_id FROM audit_head"),
	    checked);
}

/* -- the backend itself -- */

/* Integrity errors (class 23) are WB_ECONFLICT and leave the connection
 * usable; a transaction the server aborted cannot be committed. */
static void
test_conflict(void **state)
{
	struct pgt	*p = *state;
	struct wb_actor	 sys = wb_actor_system();
	struct wb_org	 o = { .code = "GEM-GM0796", .name = "Dubbel",
	    .type = "overig", .regions = { "AM01" }, .nregions = 1 };
	struct wb_stmt	*st = NULL;
	struct wb_err	 err;
	int64_t		 id = 0, orgs;

	orgs = raw_int(p, "SELECT count(*) FROM organisation");
	wb_err_clear(&err);
	if (wb_org_add(p->db, &sys, &o, &id, &err) != WB_ECONFLICT)
		fail_msg("duplicate code: %d %s", err.code, err.msg);
	assert_string_equal(err.field, "code");
	assert_false(wb_db_in_tx(p->db));
	assert_int_equal(raw_int(p, "SELECT count(*) FROM organisation"),
	    orgs);

	/* a CHECK constraint, through a named query */
	assert_int_equal(wb_db_prepare(p->db, Q_REGION_UPSERT, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "AM1");
	wb_stmt_bind_text(st, 2, "Te kort");
	wb_stmt_bind_int64(st, 3, 2026);
	assert_int_equal(wb_stmt_exec(st, &err), WB_ECONFLICT);
	assert_non_null(strstr(err.msg, "SQLSTATE 23514"));
	wb_stmt_release(st);

	/* an error inside a transaction: COMMIT refuses, rollback works */
	assert_int_equal(wb_db_begin_write(p->db, &err), 0);
	assert_int_equal(wb_db_prepare(p->db, Q_SETTING_PUT, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "wb.test");
	wb_stmt_bind_null(st, 2);		/* value is NOT NULL */
	assert_int_equal(wb_stmt_exec(st, &err), WB_ECONFLICT);
	assert_non_null(strstr(err.msg, "SQLSTATE 23502"));
	wb_stmt_release(st);
	assert_int_equal(wb_db_commit(p->db, &err), WB_EDB);
	wb_db_rollback(p->db);
	assert_false(wb_db_in_tx(p->db));
	assert_int_equal(raw_int(p, "SELECT count(*) FROM setting "
	    "WHERE key = 'wb.test'"), 0);
}

/* Parameters bind by number, whatever order they appear in the SQL or
 * are bound in; text is copied at bind time; unbound ones are NULL. */
static void
test_binding(void **state)
{
	struct pgt	*p = *state;
	struct wb_stmt	*st = NULL;
	struct wb_err	 err;
	char		 val[32], buf[64];
	int64_t		 uid;

	uid = raw_int(p, "SELECT min(id) FROM user_account");
	assert_true(uid > 0);
	/* "SET lang = $2, updated_at = $3 WHERE id = $1" */
	assert_int_equal(wb_db_prepare(p->db, Q_USER_SET_LANG, &st, &err), 0);
	wb_stmt_bind_int64(st, 3, 12345);
	wb_stmt_bind_text(st, 2, "en");
	wb_stmt_bind_int64(st, 1, uid);
	assert_int_equal(wb_stmt_exec(st, &err), 0);
	assert_int_equal(wb_stmt_changes(st), 1);
	wb_stmt_release(st);
	snprintf(buf, sizeof(buf), "SELECT lang || '/' || updated_at FROM "
	    "user_account WHERE id = %lld", (long long)uid);
	raw_text(p, buf, val, sizeof(val));
	assert_string_equal(val, "en/12345");

	/* the caller's buffer may change after the bind */
	assert_int_equal(wb_db_prepare(p->db, Q_SETTING_PUT, &st, &err), 0);
	snprintf(val, sizeof(val), "caf\xc3\xa9 \xe2\x9c\x93 ' $1");
	wb_stmt_bind_text(st, 2, val);
	wb_stmt_bind_textn(st, 1, "wb.bindXXX", 7);
	memset(val, 'x', sizeof(val) - 1);
	assert_int_equal(wb_stmt_exec(st, &err), 0);
	wb_stmt_release(st);

	assert_int_equal(wb_db_prepare(p->db, Q_SETTING_GET, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "wb.bind");
	assert_int_equal(wb_stmt_ncols(st), 1);
	assert_int_equal(wb_stmt_step(st, &err), 1);
	assert_string_equal(wb_stmt_text(st, 0), "caf\xc3\xa9 \xe2\x9c\x93 ' $1");
	assert_false(wb_stmt_isnull(st, 0));
	assert_int_equal(wb_stmt_step(st, &err), 0);
	assert_int_equal(wb_stmt_step(st, &err), 0);
	wb_stmt_release(st);

	/* released bindings are NULL: no row for key NULL */
	assert_int_equal(wb_db_prepare(p->db, Q_SETTING_GET, &st, &err), 0);
	assert_int_equal(wb_stmt_step(st, &err), 0);
	wb_stmt_release(st);

	/* NULL columns, several rows, and $10/$11 */
	assert_int_equal(wb_db_prepare(p->db, Q_ORG_LIST, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "uwv");
	wb_stmt_bind_int64(st, 2, 3);
	wb_stmt_bind_int64(st, 3, 1);
	assert_int_equal(wb_stmt_step(st, &err), 1);
	assert_string_equal(wb_stmt_text(st, 3), "uwv");
	assert_true(wb_stmt_int64(st, 0) > 0);
	assert_true(wb_stmt_isnull(st, 5));	/* agb */
	assert_string_equal(wb_stmt_text(st, 5), "");
	assert_int_equal(wb_stmt_int64(st, 5), 0);
	assert_int_equal(wb_stmt_step(st, &err), 1);
	assert_int_equal(wb_stmt_step(st, &err), 1);
	assert_int_equal(wb_stmt_step(st, &err), 0);
	wb_stmt_release(st);

	/* a parameter the query does not have is an error at the step */
	assert_int_equal(wb_db_prepare(p->db, Q_SETTING_GET, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "wb.bind");
	wb_stmt_bind_text(st, 2, "extra");
	assert_int_equal(wb_stmt_step(st, &err), WB_EDB);
	assert_non_null(strstr(err.msg, "$2"));
	wb_stmt_release(st);
}

/* Write transactions exclude each other at once (as BEGIN IMMEDIATE on
 * SQLite); a writer that waits too long gets WB_EBUSY.  Readers do not
 * wait. */
static void
test_write_lock(void **state)
{
	struct pgt	*p = *state;
	struct wb_db	*db2 = NULL;
	struct wb_err	 err;
	struct timespec	 t0;
	int64_t		 n = -1;

	open_with(p, "options=-c%20lock_timeout%3D200ms", &db2);
	assert_int_equal(wb_db_begin_write(p->db, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(wb_db_begin_write(db2, &err), WB_EBUSY);
	assert_true(seconds_since(&t0) >= 0.15);
	assert_non_null(strstr(err.msg, "55P03"));
	assert_false(wb_db_in_tx(db2));
	assert_int_equal(wb_db_begin_read(db2, &err), 0);
	assert_int_equal(wb_region_count(db2, &n, &err), 0);
	assert_int_equal(n, 35);
	assert_int_equal(wb_db_commit(db2, &err), 0);
	wb_db_rollback(p->db);
	assert_int_equal(wb_db_begin_write(db2, &err), 0);
	assert_int_equal(wb_db_commit(db2, &err), 0);
	wb_db_close(db2);
}

/* After the server drops the connection, one call fails and the next
 * reconnects (statements are prepared again). */
static void
test_reconnect(void **state)
{
	struct pgt	*p = *state;
	const struct timespec ms10 = { 0, 10000000 };
	struct wb_db	*db2 = NULL;
	struct wb_err	 err;
	int64_t		 n = -1;
	int		 rc, i;

	open_with(p, "application_name=wb-reconnect", &db2);
	assert_int_equal(wb_region_count(db2, &n, &err), 0);
	assert_int_equal(raw_int(p, "SELECT count(pg_terminate_backend(pid)) "
	    "FROM pg_stat_activity WHERE application_name = 'wb-reconnect'"),
	    1);
	/* wait until the backend has gone */
	for (i = 0; i < 200 && raw_int(p, "SELECT count(*) FROM "
	    "pg_stat_activity WHERE application_name = 'wb-reconnect'") > 0;
	    i++)
		nanosleep(&ms10, NULL);
	rc = wb_region_count(db2, &n, &err);
	assert_int_equal(rc, WB_EDB);
	assert_null(strchr(err.msg, '\n'));
	n = -1;
	if (wb_region_count(db2, &n, &err) != 0)
		fail_msg("after reconnect: %s", err.msg);
	assert_int_equal(n, 35);
	wb_db_close(db2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_migrate_twice),
		cmocka_unit_test(test_schema_matches_sqlite),
		cmocka_unit_test(test_prepare_all),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_cp_find),
		cmocka_unit_test(test_login),
		cmocka_unit_test(test_audit_verify),
		cmocka_unit_test(test_conflict),
		cmocka_unit_test(test_binding),
		cmocka_unit_test(test_write_lock),
		cmocka_unit_test(test_reconnect),
	};
	const char	*url = getenv("WB_TEST_PG");

	if (url == NULL || url[0] == '\0') {
		const char *why = getenv("WB_TEST_PG_ERROR");

		printf("1..1\nnot ok 1 - test_db_pg: WB_TEST_PG is not set; "
		    "this suite needs a PostgreSQL server (make check starts "
		    "one with scripts/pg-cluster.sh)\n");
		if (why != NULL && why[0] != '\0')
			printf("# the cluster did not start: %s\n", why);
		return 1;
	}
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

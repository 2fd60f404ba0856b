/* dbtest.h - a fresh database for each test, and the small helpers the
 * tests around one share.  Header-only, like http/httptest.h.
 *
 *	struct dbt t;
 *	dbt_open(&t, true);	a new migrated database, the embedded CBS
 *				regions loaded (false: none)
 *	... t.db, t.a (an arena), t.path (the file), t.url ...
 *	dbt_close(&t);		closes, frees t.a, removes the database
 *
 * The backend is chosen by the environment: WB_TEST_BACKEND=sqlite (the
 * default) makes a temporary SQLite file; WB_TEST_BACKEND=pg gives an
 * empty PostgreSQL database wbt_<pid>_<n> on the server of WB_TEST_PG (its
 * own database serves only to create them): made on first use, its schema
 * emptied for each dbt_open (every other connection to it closed), reused
 * after dbt_close, dropped at exit.  With pg, t.path is "" and t.url is
 * that database's libpq URL.
 * scripts/runtests.sh runs every suite that includes this header once
 * per backend.
 *
 * dbt_setup, dbt_teardown	the same as cmocka fixtures (*state)
 * dbt_open_unmigrated		a database without the schema
 * dbt_pg			true when the tests run on PostgreSQL
 * DBT_SQLITE_ONLY()		skip the current test on PostgreSQL (for
 *				what only SQLite has: files, PRAGMA, the
 *				$n rewrite)
 * dbt_regions_csv		the embedded data/arbeidsmarktregios.csv
 * dbt_exec			SQL that must succeed
 * dbt_int, dbt_text		the first column of the first row of a
 *				query, through a separate raw connection
 *				(portable SQL; a boolean reads as 1 or 0)
 * dbt_set_now			fix the clock (WB_NOW)
 * dbt_org_count, dbt_org_exists, dbt_audit_count
 *				what the directory and the audit log hold
 *
 * Password hashing is cheap (WERKBRUG_PWHASH=fast) unless the environment
 * already chose (test_demo can time the real cost that way).
 */
#ifndef WB_DBTEST_H
#define WB_DBTEST_H

#include "testutil.h"

#include "base/arena.h"
#include "base/asset.h"
#include "base/err.h"
#include "domain/actor.h"
#include "domain/audit.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "domain/vault.h"
#include "store/db.h"

#include <libpq-fe.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A test that does not call one of these helpers gets no warning. */
#define TEST_HELPER	static __attribute__((unused))

struct dbt {
	char		 dir[64];
	char		 path[96];	/* the database file ("" with pg) */
	char		 url[512];	/* "sqlite:" path, or a libpq URL */
	char		 pgname[32];	/* the PostgreSQL database, or "" */
	int		 pgslot;	/* its place in dbt_pg_pool() */
	PGconn		*raw;		/* pg: dbt_text's connection */
	struct wb_db	*db;
	struct wb_arena	 a;		/* freed by dbt_close */
};

/* True when WB_TEST_BACKEND=pg: the tests run on PostgreSQL. */
TEST_HELPER bool
dbt_pg(void)
{
	const char	*b = getenv("WB_TEST_BACKEND");

	if (b == NULL || b[0] == '\0' || strcmp(b, "sqlite") == 0)
		return false;
	if (strcmp(b, "pg") != 0)
		fail_msg("WB_TEST_BACKEND=%s: want sqlite or pg", b);
	return true;
}

/* Skip the rest of the current test on PostgreSQL; for checks of what
 * only the SQLite backend has. */
#define DBT_SQLITE_ONLY()	do { if (dbt_pg()) skip(); } while (0)

/* The server of WB_TEST_PG; fails the test when it is not set. */
TEST_HELPER const char *
dbt_pg_server(void)
{
	const char	*url = getenv("WB_TEST_PG");
	const char	*why = getenv("WB_TEST_PG_ERROR");

	if (url == NULL || url[0] == '\0')
		fail_msg("WB_TEST_BACKEND=pg without WB_TEST_PG (%s)",
		    why != NULL ? why : "scripts/runtests.sh sets it");
	return url;
}

/* `base` (postgresql://[authority]/db[?params]) with database `name`
 * instead of db, into out. */
TEST_HELPER void
dbt_pg_url(const char *base, const char *name, char *out, size_t n)
{
	const char	*auth = strstr(base, "://");
	const char	*slash, *query;
	int		 len;

	assert_non_null(auth);
	auth += 3;
	query = strchr(auth, '?');
	if (query == NULL)
		query = auth + strlen(auth);
	slash = memchr(auth, '/', (size_t)(query - auth));
	if (slash == NULL)
		slash = query;
	len = snprintf(out, n, "%.*s/%s%s", (int)(slash - base), base, name,
	    query);
	assert_true(len > 0 && (size_t)len < n);
}

/* Run `sql` on the raw connection `c`; it must succeed. */
TEST_HELPER void
dbt_pg_run(PGconn *c, const char *sql)
{
	PGresult	*res = PQexec(c, sql);

	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
}

/* A connection to the maintenance database of WB_TEST_PG. */
TEST_HELPER PGconn *
dbt_pg_connect(const char *url)
{
	PGconn	*c = PQconnectdb(url);

	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("cannot connect to %s: %s", url, PQerrorMessage(c));
	dbt_pg_run(c, "SET client_min_messages = warning");
	return c;
}

/* The PostgreSQL databases of this process: wbt_<pid>_<n>, made on first
 * use and reused (CREATE DATABASE costs a few tenths of a second, emptying
 * the schema a few hundredths); busy while a struct dbt holds it. */
#define DBT_PG_MAX	8

struct dbt_pg_pool {
	char	name[DBT_PG_MAX][32];
	bool	busy[DBT_PG_MAX];
	int	n;
};

TEST_HELPER struct dbt_pg_pool *
dbt_pg_pool(void)
{
	static struct dbt_pg_pool	pool;

	return &pool;
}

/* At exit: drop every database of the pool (whatever still uses one is
 * disconnected).  A crashed test leaves them to the cluster's removal. */
TEST_HELPER void
dbt_pg_drop_all(void)
{
	struct dbt_pg_pool	*pool = dbt_pg_pool();
	const char		*server = getenv("WB_TEST_PG");
	PGconn			*c;
	char			 sql[128];
	int			 i;

	if (server == NULL || pool->n == 0)
		return;
	c = PQconnectdb(server);
	for (i = 0; i < pool->n && PQstatus(c) == CONNECTION_OK; i++) {
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s "
		    "WITH (FORCE)", pool->name[i]);
		PQclear(PQexec(c, sql));
	}
	PQfinish(c);
	pool->n = 0;
}

/* Give t an empty PostgreSQL database of the pool: no connection but the
 * one emptying it, the schema public new. */
TEST_HELPER void
dbt_pg_create(struct dbt *t)
{
	struct dbt_pg_pool	*pool = dbt_pg_pool();
	const char		*server = dbt_pg_server();
	PGconn			*c;
	char			 sql[160];
	int			 i;

	for (i = 0; i < pool->n && pool->busy[i]; i++)
		continue;
	if (i == DBT_PG_MAX)
		fail_msg("more than %d test databases open at once",
		    DBT_PG_MAX);
	if (i == pool->n) {
		snprintf(pool->name[i], sizeof(pool->name[i]), "wbt_%ld_%d",
		    (long)getpid(), i);
		c = dbt_pg_connect(server);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE "
		    "template0 ENCODING 'UTF8'", pool->name[i]);
		dbt_pg_run(c, sql);
		PQfinish(c);
		if (pool->n++ == 0)
			atexit(dbt_pg_drop_all);
	}
	pool->busy[i] = true;
	t->pgslot = i;
	snprintf(t->pgname, sizeof(t->pgname), "%s", pool->name[i]);
	dbt_pg_url(server, t->pgname, t->url, sizeof(t->url));
	c = dbt_pg_connect(t->url);
	dbt_pg_run(c, "SELECT pg_terminate_backend(pid) FROM "
	    "pg_stat_activity WHERE datname = current_database() AND "
	    "pid <> pg_backend_pid()");
	dbt_pg_run(c, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
	PQfinish(c);
}

/* Give the database of t back to the pool. */
TEST_HELPER void
dbt_pg_release(struct dbt *t)
{
	if (t->raw != NULL)
		PQfinish(t->raw);
	t->raw = NULL;
	dbt_pg_pool()->busy[t->pgslot] = false;
	t->pgname[0] = '\0';
}

TEST_HELPER void
dbt_open_unmigrated(struct dbt *t)
{
	struct wb_err	err;

	setenv("WERKBRUG_PWHASH", "fast", 0);
	assert_true(sodium_init() >= 0);
	memset(t, 0, sizeof(*t));
	if (dbt_pg()) {
		dbt_pg_create(t);
	} else {
		snprintf(t->dir, sizeof(t->dir), "/tmp/wb-test-XXXXXX");
		assert_non_null(mkdtemp(t->dir));
		snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
		snprintf(t->url, sizeof(t->url), "sqlite:%s", t->path);
	}
	if (wb_db_open(t->url, &t->db, &err) != 0)
		fail_msg("open %s: %s", t->url, err.msg);
	wb_arena_init(&t->a);
}

TEST_HELPER const struct wb_asset *
dbt_regions_csv(void)
{
	const struct wb_asset	*csv;

	csv = wb_asset_find(wb_data, "arbeidsmarktregios.csv");
	assert_non_null(csv);
	return csv;
}

TEST_HELPER void
dbt_open(struct dbt *t, bool with_regions)
{
	const struct wb_asset	*csv;
	struct wb_actor		 sys = wb_actor_system();
	struct wb_import_report	 rep;
	struct wb_arena		 a;
	struct wb_err		 err;
	int			 applied = 0;

	dbt_open_unmigrated(t);
	if (wb_db_migrate(t->db, &applied, &err) != 0)
		fail_msg("migrate: %s", err.msg);
	{
		/* A fixed site key: sealed values differ per run anyway. */
		static const unsigned char key[WB_VAULT_KEYBYTES] = { 1, 2, 3 };

		if (wb_vault_use_key(t->db, key, &err) != 0)
			fail_msg("vault: %s", err.msg);
	}
	if (!with_regions)
		return;
	csv = dbt_regions_csv();
	wb_arena_init(&a);
	memset(&rep, 0, sizeof(rep));
	if (wb_region_import(t->db, &sys, csv->data, csv->len, 2026, &a, &rep,
	    &err) != 0)
		fail_msg("region import: %s", err.msg);
	assert_int_equal(rep.nerrors, 0);
	wb_arena_free(&a);
}

TEST_HELPER void
dbt_close(struct dbt *t)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char	p[128];
	size_t	i;

	wb_db_close(t->db);
	t->db = NULL;
	wb_arena_free(&t->a);
	if (t->pgname[0] != '\0') {
		dbt_pg_release(t);
		return;
	}
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", t->path, suffixes[i]);
		unlink(p);
	}
	rmdir(t->dir);
}

/* cmocka fixtures: *state is a struct dbt of its own, migrated, without
 * regions. */
TEST_HELPER int
dbt_setup(void **state)
{
	struct dbt	*t = calloc(1, sizeof(*t));

	if (t == NULL)
		return -1;
	dbt_open(t, false);
	*state = t;
	return 0;
}

TEST_HELPER int
dbt_teardown(void **state)
{
	dbt_close(*state);
	free(*state);
	return 0;
}

/* Run a script that must succeed. */
TEST_HELPER void
dbt_exec(struct dbt *t, const char *sql)
{
	struct wb_err	err;

	if (wb_db_exec_script(t->db, sql, &err) != 0)
		fail_msg("%s: %s", sql, err.msg);
}

/* The first column of the first row of `sql` as text into out ("" when
 * there is no row or it is NULL; a boolean is "1" or "0"), read through a
 * separate raw connection (so it shows what is committed). */
TEST_HELPER void
dbt_text(struct dbt *t, const char *sql, char *out, size_t n)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*st = NULL;
	PGresult	*res;

	out[0] = '\0';
	if (t->pgname[0] != '\0') {
		if (t->raw == NULL)
			t->raw = dbt_pg_connect(t->url);
		res = PQexec(t->raw, sql);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			fail_msg("%s: %s", sql, PQresultErrorMessage(res));
		if (PQntuples(res) > 0 && PQnfields(res) > 0 &&
		    !PQgetisnull(res, 0, 0)) {
			const char *v = PQgetvalue(res, 0, 0);

			if (PQftype(res, 0) == 16)	/* BOOLOID */
				v = strcmp(v, "t") == 0 ? "1" : "0";
			snprintf(out, n, "%s", v);
		}
		PQclear(res);
		return;
	}
	assert_int_equal(sqlite3_open_v2(t->path, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL)
		snprintf(out, n, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* The same as an integer (-1: no row, or NULL). */
TEST_HELPER int64_t
dbt_int(struct dbt *t, const char *sql)
{
	char	buf[32];

	dbt_text(t, sql, buf, sizeof(buf));
	return buf[0] != '\0' ? strtoll(buf, NULL, 10) : -1;
}

/* Fix the clock at `now` (seconds since the epoch). */
TEST_HELPER void
dbt_set_now(int64_t now)
{
	char	buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)now);
	setenv("WB_NOW", buf, 1);
}

/* Number of organisations in the directory. */
TEST_HELPER int64_t
dbt_org_count(struct dbt *t)
{
	struct wb_org	*os;
	struct wb_arena	 a;
	struct wb_err	 err;
	size_t		 n;
	int64_t		 total = -1;

	wb_arena_init(&a);
	assert_int_equal(wb_org_list(t->db, NULL, 1, 0, &a, &os, &n, &total,
	    &err), 0);
	wb_arena_free(&a);
	return total;
}

/* True when organisation `code` exists; fails the test when the lookup
 * fails otherwise. */
TEST_HELPER bool
dbt_org_exists(struct dbt *t, const char *code)
{
	struct wb_org	o;
	struct wb_arena	a;
	struct wb_err	err;
	int		rc;

	wb_arena_init(&a);
	rc = wb_org_get_code(t->db, code, &a, &o, &err);
	wb_arena_free(&a);
	if (rc != 0 && rc != WB_ENOTFOUND)
		fail_msg("organisation %s: %s", code, err.msg);
	return rc == 0;
}

/* Number of audit events named `event` with `outcome` (NULL: any).  The
 * count is a search by an auditor, itself audited. */
TEST_HELPER int64_t
dbt_audit_count(struct dbt *t, const char *event, const char *outcome)
{
	struct wb_actor		 auditor = { .role = WB_ROLE_AUDITOR,
	    .address = "test", .via = "test" };
	struct wb_audit_filter	 f = { .event = event, .outcome = outcome };
	struct wb_audit_row	*rows;
	struct wb_arena		 a;
	struct wb_err		 err;
	size_t			 n;
	int64_t			 total = -1;

	wb_arena_init(&a);
	assert_int_equal(wb_audit_search(t->db, &auditor, &f, 1, 0, &a, &rows,
	    &n, &total, &err), 0);
	wb_arena_free(&a);
	return total;
}

#endif /* WB_DBTEST_H */

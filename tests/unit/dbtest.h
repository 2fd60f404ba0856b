/* dbtest.h - a fresh SQLite database for each test, and the small helpers
 * the tests around one share.  Header-only, like http/httptest.h.
 *
 *	struct dbt t;
 *	dbt_open(&t, true);	a new directory with a migrated database,
 *				the embedded CBS regions loaded (false: none)
 *	... t.db, t.a (an arena), t.path (the file), t.url ...
 *	dbt_close(&t);		closes, frees t.a, removes the files
 *
 * dbt_setup, dbt_teardown	the same as cmocka fixtures (*state)
 * dbt_open_unmigrated		a database without the schema
 * dbt_regions_csv		the embedded data/arbeidsmarktregios.csv
 * dbt_exec			SQL that must succeed
 * dbt_int, dbt_text		the first column of the first row of a
 *				query, through a separate read-only connection
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
#include "store/db.h"

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
	char		 path[96];	/* the database file */
	char		 url[128];	/* "sqlite:" path */
	struct wb_db	*db;
	struct wb_arena	 a;		/* freed by dbt_close */
};

TEST_HELPER void
dbt_open_unmigrated(struct dbt *t)
{
	struct wb_err	err;

	setenv("WERKBRUG_PWHASH", "fast", 0);
	assert_true(sodium_init() >= 0);
	snprintf(t->dir, sizeof(t->dir), "/tmp/wb-test-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	snprintf(t->url, sizeof(t->url), "sqlite:%s", t->path);
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
 * there is no row or it is NULL), read through a separate raw connection
 * (so it shows what is committed). */
TEST_HELPER void
dbt_text(const struct dbt *t, const char *sql, char *out, size_t n)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*st = NULL;

	out[0] = '\0';
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
dbt_int(const struct dbt *t, const char *sql)
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

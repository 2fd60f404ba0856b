/* test_db.c - the database API (src/store/db.c) and its SQLite backend
 * (src/store/db_sqlite.c): opening, migrations, the $n rewrite,
 * transactions and error mapping.  With WB_TEST_BACKEND=pg the same tests
 * run on PostgreSQL (db_pg.c, from the library); only the rewrite table
 * is SQLite's own, and it touches no database.
 *
 * The backend is included so that its static placeholder rewrite can be
 * tested directly (conventions.md rule 19); its one public symbol then
 * comes from this file instead of the library.
 */
#include "testutil.h"

#include "store/db_sqlite.c"

#include "dbtest.h"

#include "base/str.h"

#include <signal.h>
#include <sys/wait.h>

/* An organisation and an account in it, for statements that need both. */
#define ORG1_USER7 \
	"INSERT INTO organisation (id, code, name, type, created_at, " \
	"updated_at) VALUES (1, 'O1', 'Org', 'ggz', 0, 0);" \
	"INSERT INTO user_account (id, email, name, role, org_id, " \
	"created_at, updated_at) VALUES (7, 'a@b.nl', 'A', 'admin', 1, " \
	"0, 0);"

static size_t
count_assets(const struct wb_asset *a)
{
	size_t	n = 0;

	while (a[n].name != NULL)
		n++;
	return n;
}

/* -- opening -- */

struct ocase {
	const char	*url;
	int		 rc;
};

static const struct ocase ocases[] = {
	{ "", WB_EINVAL },
	{ "mysql://localhost/werkbrug", WB_EINVAL },
	{ "SQLITE:/tmp/x.db", WB_EINVAL },
	{ "sqlite", WB_EINVAL },
	{ "postgresql://[::1/werkbrug", WB_EINVAL },	/* libpq cannot parse */
	{ "postgres:///werkbrug?host=/nonexistent-werkbrug-dir", WB_EDB },
	{ "postgresql:///werkbrug?host=/nonexistent-werkbrug-dir", WB_EDB },
	{ "postgresql:/werkbrug", WB_EINVAL },
	{ "/tmp/x.db", WB_EINVAL },
	{ "sqlite:/nonexistent-werkbrug-dir/sub/t.db", WB_EDB },
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
			fail_msg("\"%s\": rc %d, want %d", ocases[i].url, rc,
			    ocases[i].rc);
		assert_null(db);
		assert_int_equal(err.code, rc);
		assert_true(err.msg[0] != '\0');
	}
}

static void
test_open_backend(void **state)
{
	struct dbt	*t = *state;

	assert_string_equal(wb_db_backend(t->db), dbt_pg() ? "postgresql" :
	    "sqlite");
	assert_false(wb_db_in_tx(t->db));
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM audit_head"), 1);
	wb_db_close(NULL);	/* harmless */
}

struct ucase {
	const char	*env;		/* NULL = unset */
	const char	*want;
};

static const struct ucase ucases[] = {
	{ NULL, "sqlite:var/werkbrug.db" },
	{ "", "sqlite:var/werkbrug.db" },
	{ "sqlite:/srv/wb.db", "sqlite:/srv/wb.db" },
};

static void
test_default_url(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(ucases); i++) {
		if (ucases[i].env != NULL)
			setenv("WERKBRUG_DB", ucases[i].env, 1);
		else
			unsetenv("WERKBRUG_DB");
		assert_string_equal(wb_db_default_url(), ucases[i].want);
	}
	unsetenv("WERKBRUG_DB");
}

/* -- migrations -- */

/* Migrating twice applies everything once: the second run is a no-op. */
static void
test_migrate_twice(void **state)
{
	struct dbt	t;
	struct wb_err	err;
	size_t		n = count_assets(dbt_pg() ? wb_migrations_pg :
	    wb_migrations_sqlite);
	int		applied = -1;

	(void)state;
	assert_true(n >= 1);
	dbt_open_unmigrated(&t);
	assert_int_equal(wb_db_migrate(t.db, &applied, &err), 0);
	assert_int_equal(applied, (int)n);
	assert_int_equal(dbt_int(&t, "SELECT count(*) FROM schema_migrations"),
	    (int64_t)n);
	assert_false(wb_db_in_tx(t.db));

	assert_int_equal(wb_db_migrate(t.db, &applied, &err), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(dbt_int(&t, "SELECT count(*) FROM schema_migrations"),
	    (int64_t)n);
	/* the schema was not created twice (audit_head seeded once) */
	assert_int_equal(dbt_int(&t, "SELECT count(*) FROM audit_head"), 1);

	/* and a fresh connection to the same file sees it as current */
	wb_db_close(t.db);
	assert_int_equal(wb_db_open(t.url, &t.db, &err), 0);
	assert_int_equal(wb_db_migrate(t.db, &applied, &err), 0);
	assert_int_equal(applied, 0);
	dbt_close(&t);
}

/* A migration whose text changed after it was applied is refused, and the
 * refusal leaves no transaction open. */
static void
test_migrate_changed_checksum(void **state)
{
	struct dbt	*t = *state;
	struct wb_err	 err;
	char		 saved[80], sql[200];
	int		 applied = -1, rc;

	dbt_text(t, "SELECT sha256 FROM schema_migrations WHERE version = 1",
	    saved, sizeof(saved));
	assert_int_equal(strlen(saved), 64);

	dbt_exec(t, "UPDATE schema_migrations SET sha256 = "
	    "'0000000000000000000000000000000000000000000000000000000000000000'"
	    " WHERE version = 1");
	wb_err_clear(&err);
	rc = wb_db_migrate(t->db, &applied, &err);
	assert_int_equal(rc, WB_EDB);
	assert_int_equal(applied, 0);
	assert_non_null(strstr(err.msg, "0001_"));
	assert_non_null(strstr(err.msg, "changed"));
	assert_false(wb_db_in_tx(t->db));

	/* the connection is still usable, and the real checksum passes */
	snprintf(sql, sizeof(sql), "UPDATE schema_migrations SET sha256 = "
	    "'%s' WHERE version = 1", saved);
	dbt_exec(t, sql);
	assert_int_equal(wb_db_migrate(t->db, &applied, &err), 0);
	assert_int_equal(applied, 0);
}

/* The first column of `sql` (dbt_text) into the array `buf`. */
#define MIG_TEXT(t, sql, buf)	dbt_text((t), (sql), (buf), sizeof(buf))

/* Migration 0006 on a database at version 5 with measurements in it: the
 * rows keep every value, the table its columns, STRICT, foreign keys and
 * index, and the source check, now an OR of equalities, refuses what it
 * refused before.  SQLite only: on PostgreSQL 0006 is a comment. */
static void
test_migrate_0006(void **state)
{
	static const struct {
		const char	*source;
		int		 rc;
	} scases[] = {
		{ "professional", 0 }, { "client", 0 }, { "import", 0 },
		{ "x", WB_ECONFLICT }, { "IMPORT", WB_ECONFLICT },
		{ "", WB_ECONFLICT },
	};
	static const char rows_sql[] = "SELECT group_concat(r, ';') FROM "
	    "(SELECT quote(id) || ',' || quote(client_id) || ',' || "
	    "quote(instrument) || ',' || quote(on_date) || ',' || "
	    "quote(items) || ',' || quote(value) || ',' || quote(band) || "
	    "',' || quote(source) || ',' || quote(org_id) || ',' || "
	    "quote(entered_by) || ',' || quote(created_at) AS r "
	    "FROM measurement ORDER BY id)";
	static const char cols_sql[] = "SELECT group_concat(name || ' ' || "
	    "type || ' ' || \"notnull\" || ' ' || pk, ',') "
	    "FROM pragma_table_info('measurement')";
	static const char fks_sql[] = "SELECT group_concat(\"from\" || '>' || "
	    "\"table\" || '.' || \"to\", ',') "
	    "FROM pragma_foreign_key_list('measurement')";
	static const char index_sql[] = "SELECT sql FROM sqlite_schema "
	    "WHERE type = 'index' AND name = 'measurement_client' AND "
	    "tbl_name = 'measurement'";
	static const char in_list_sql[] = "SELECT instr(sql, ' IN (') > 0 "
	    "FROM sqlite_schema WHERE type = 'table' AND name = 'measurement'";
	const struct wb_asset	*m = wb_migrations_sqlite;
	struct dbt		 t;
	struct wb_stmt		*st = NULL;
	struct wb_err		 err;
	unsigned char		 sum[crypto_hash_sha256_BYTES];
	char			 hex[2 * sizeof(sum) + 1], sql[256];
	char			 cols[512], fks[256], idx[256], rows[512];
	char			 buf[512];
	int64_t			 v;
	size_t			 i;
	int			 applied = -1, rc;

	(void)state;
	DBT_SQLITE_ONLY();
	assert_true(count_assets(m) >= 6);
	assert_string_equal(m[5].name, "0006_measurement_check.sql");

	/* version 5, as wb_db_migrate leaves it */
	dbt_open_unmigrated(&t);
	dbt_exec(&t, "CREATE TABLE schema_migrations (version INTEGER "
	    "PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, "
	    "applied_at INTEGER NOT NULL)");
	for (v = 1; v <= 5; v++, m++) {
		crypto_hash_sha256(sum, (const unsigned char *)m->data, m->len);
		wb_hex(sum, sizeof(sum), hex);
		assert_int_equal(wb_db_begin_write(t.db, &err), 0);
		dbt_exec(&t, m->data);
		assert_int_equal(wb_db_prepare(t.db, Q_MIGRATION_ADD, &st,
		    &err), 0);
		wb_stmt_bind_int64(st, 1, v);
		wb_stmt_bind_text(st, 2, m->name);
		wb_stmt_bind_text(st, 3, hex);
		wb_stmt_bind_int64(st, 4, 0);
		assert_int_equal(wb_stmt_exec(st, &err), 0);
		wb_stmt_release(st);
		assert_int_equal(wb_db_commit(t.db, &err), 0);
	}
	dbt_exec(&t, ORG1_USER7
	    "INSERT INTO region (code, name, year) VALUES ('AM01', 'R', 1);"
	    "INSERT INTO municipality (code, name, region_code, year) "
	    "VALUES ('GM0001', 'G', 'AM01', 1);"
	    "INSERT INTO client (id, given_name, family_name, birth_date, "
	    "municipality_code, benefit, registered_org, created_at, "
	    "updated_at) VALUES (3, 'A', 'B', 0, 'GM0001', 'geen', 1, 0, 0);"
	    "INSERT INTO measurement (id, client_id, instrument, on_date, "
	    "items, value, band, source, org_id, entered_by, created_at) "
	    "VALUES (42, 3, 'phq9', 20000, '012301230', 9, 'licht', "
	    "'professional', 1, 7, 1700000000), (43, 3, 'ladder', 20001, "
	    "NULL, 4, NULL, 'import', NULL, NULL, 1700000001)");
	assert_int_equal(dbt_int(&t, in_list_sql), 1);
	MIG_TEXT(&t, cols_sql, cols);
	MIG_TEXT(&t, fks_sql, fks);
	MIG_TEXT(&t, index_sql, idx);
	MIG_TEXT(&t, rows_sql, rows);
	assert_string_equal(rows, "42,3,'phq9',20000,'012301230',9,'licht',"
	    "'professional',1,7,1700000000;43,3,'ladder',20001,NULL,4,NULL,"
	    "'import',NULL,NULL,1700000001");
	assert_int_equal(dbt_int(&t, "SELECT count(*) FROM "
	    "pragma_foreign_key_list('measurement')"), 3);
	assert_true(idx[0] != '\0');

	assert_int_equal(wb_db_migrate(t.db, &applied, &err), 0);
	assert_int_equal(applied,
	    (int)count_assets(wb_migrations_sqlite) - 5);

	/* the rows, columns, references and index as they were */
	MIG_TEXT(&t, rows_sql, buf);
	assert_string_equal(buf, rows);
	MIG_TEXT(&t, cols_sql, buf);
	assert_string_equal(buf, cols);
	MIG_TEXT(&t, fks_sql, buf);
	assert_string_equal(buf, fks);
	MIG_TEXT(&t, index_sql, buf);
	assert_string_equal(buf, idx);
	assert_int_equal(dbt_int(&t, "SELECT strict FROM pragma_table_list "
	    "WHERE name = 'measurement'"), 1);
	assert_int_equal(dbt_int(&t, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name = 'measurement_new'"), 0);
	assert_int_equal(dbt_int(&t, "SELECT count(*) FROM "
	    "pragma_foreign_key_check"), 0);
	MIG_TEXT(&t, "PRAGMA integrity_check", buf);
	assert_string_equal(buf, "ok");

	/* the check without an IN list, refusing what it refused */
	assert_int_equal(dbt_int(&t, in_list_sql), 0);
	assert_int_equal(dbt_int(&t, "SELECT instr(sql, "
	    "'source = ''import''') > 0 FROM sqlite_schema "
	    "WHERE name = 'measurement'"), 1);
	for (i = 0; i < WB_NELEM(scases); i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO measurement "
		    "(client_id, instrument, on_date, value, source, "
		    "created_at) VALUES (3, 'k10', 1, 20, '%s', 0)",
		    scases[i].source);
		wb_err_clear(&err);
		rc = wb_db_exec_script(t.db, sql, &err);
		if (rc != scases[i].rc)
			fail_msg("source '%s': rc %d (%s), want %d",
			    scases[i].source, rc, err.msg, scases[i].rc);
	}
	assert_int_equal(dbt_int(&t, "SELECT count(*) FROM measurement"), 5);
	dbt_close(&t);
}

/* -- the $n -> ?n rewrite -- */

struct rcase {
	const char	*in;
	const char	*want;
};

static const struct rcase rcases[] = {
	{ "", "" },
	{ "SELECT 1", "SELECT 1" },
	{ "SELECT $1", "SELECT ?1" },
	{ "SELECT $2, $1", "SELECT ?2, ?1" },
	{ "LIMIT $10 OFFSET $11", "LIMIT ?10 OFFSET ?11" },
	{ "x = '$1'", "x = '$1'" },
	{ "x = 'it''s $1' AND y = $1", "x = 'it''s $1' AND y = ?1" },
	{ "x = '' AND y = $3", "x = '' AND y = ?3" },
	{ "$a $ $", "$a $ $" },
	{ "$$1", "$?1" },
	{ "($1)", "(?1)" },
	{ "CAST($1 AS TEXT)||$2", "CAST(?1 AS TEXT)||?2" },
};

static void
test_rewrite_table(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < WB_NELEM(rcases); i++) {
		struct wb_buf	b;

		wb_buf_init(&b, 1000);
		rewrite_placeholders(rcases[i].in, &b);
		if (strcmp(wb_buf_cstr(&b), rcases[i].want) != 0)
			fail_msg("\"%s\": \"%s\", want \"%s\"", rcases[i].in,
			    wb_buf_cstr(&b), rcases[i].want);
		wb_buf_free(&b);
	}
}

/* Named queries whose text uses $2 before $1 bind by number, not by
 * order of appearance. */
static void
test_rewrite_binds(void **state)
{
	struct dbt	*t = *state;
	struct wb_stmt	*st = NULL;
	struct wb_err	 err;

	assert_non_null(strstr(wb_query_sql(Q_SESSION_TOUCH), "$2"));
	assert_true(strstr(wb_query_sql(Q_SESSION_TOUCH), "$2") <
	    strstr(wb_query_sql(Q_SESSION_TOUCH), "$1"));
	dbt_exec(t, ORG1_USER7
	    "INSERT INTO session (id_hash, user_id, csrf, created_at, "
	    "last_seen) VALUES ('h1', 7, 'c', 100, 100);"
	    "INSERT INTO session (id_hash, user_id, csrf, created_at, "
	    "last_seen) VALUES ('h2', 7, 'c', 100, 100);");

	/* UPDATE session SET last_seen = $2 WHERE id_hash = $1 */
	assert_int_equal(wb_db_prepare(t->db, Q_SESSION_TOUCH, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "h2");
	wb_stmt_bind_int64(st, 2, 4242);
	assert_int_equal(wb_stmt_exec(st, &err), 0);
	assert_int_equal(wb_stmt_changes(st), 1);
	wb_stmt_release(st);
	assert_int_equal(dbt_int(t, "SELECT last_seen FROM session "
	    "WHERE id_hash = 'h2'"), 4242);
	assert_int_equal(dbt_int(t, "SELECT last_seen FROM session "
	    "WHERE id_hash = 'h1'"), 100);

	/* UPDATE user_account SET password_hash = $2, updated_at = $3
	 * WHERE id = $1 */
	assert_int_equal(wb_db_prepare(t->db, Q_USER_SET_PASSWORD, &st, &err),
	    0);
	wb_stmt_bind_int64(st, 1, 7);
	wb_stmt_bind_text(st, 2, "hash");
	wb_stmt_bind_int64(st, 3, 99);
	assert_int_equal(wb_stmt_exec(st, &err), 0);
	assert_int_equal(wb_stmt_changes(st), 1);
	wb_stmt_release(st);
	assert_int_equal(dbt_int(t, "SELECT updated_at FROM user_account "
	    "WHERE id = 7 AND password_hash = 'hash'"), 99);
}

/* -- transactions -- */

static int
setting_put(struct wb_db *db, const char *k, const char *v)
{
	struct wb_stmt	*st = NULL;
	struct wb_err	 err;
	int		 rc;

	rc = wb_db_prepare(db, Q_SETTING_PUT, &st, &err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_text(st, 1, k);
	wb_stmt_bind_text(st, 2, v);
	rc = wb_stmt_exec(st, &err);
	wb_stmt_release(st);
	return rc;
}

/* The value of setting k into out ("" and false when absent). */
static bool
setting_get(struct wb_db *db, const char *k, char *out, size_t n)
{
	struct wb_stmt	*st = NULL;
	struct wb_err	 err;
	bool		 found = false;

	out[0] = '\0';
	assert_int_equal(wb_db_prepare(db, Q_SETTING_GET, &st, &err), 0);
	wb_stmt_bind_text(st, 1, k);
	if (wb_stmt_step(st, &err) == 1) {
		snprintf(out, n, "%s", wb_stmt_text(st, 0));
		found = true;
	}
	wb_stmt_release(st);
	return found;
}

static void
test_transactions(void **state)
{
	struct dbt	*t = *state;
	struct wb_db	*other = NULL;
	struct wb_err	 err;
	char		 v[32];

	/* rollback undoes */
	assert_int_equal(wb_db_begin_write(t->db, &err), 0);
	assert_true(wb_db_in_tx(t->db));
	assert_int_equal(setting_put(t->db, "k", "1"), 0);
	assert_true(setting_get(t->db, "k", v, sizeof(v)));
	wb_db_rollback(t->db);
	assert_false(wb_db_in_tx(t->db));
	assert_false(setting_get(t->db, "k", v, sizeof(v)));
	wb_db_rollback(t->db);	/* none open: harmless */
	wb_db_rollback(NULL);

	/* commit keeps; other connections see nothing before the commit */
	assert_int_equal(wb_db_open(t->url, &other, &err), 0);
	assert_int_equal(wb_db_begin_write(t->db, &err), 0);
	assert_int_equal(setting_put(t->db, "k", "2"), 0);
	assert_false(setting_get(other, "k", v, sizeof(v)));
	assert_int_equal(wb_db_commit(t->db, &err), 0);
	assert_false(wb_db_in_tx(t->db));
	assert_true(setting_get(other, "k", v, sizeof(v)));
	assert_string_equal(v, "2");

	/* a read transaction sees one snapshot */
	assert_int_equal(wb_db_begin_read(other, &err), 0);
	assert_true(setting_get(other, "k", v, sizeof(v)));
	assert_int_equal(setting_put(t->db, "k", "3"), 0);	/* no tx */
	assert_true(setting_get(other, "k", v, sizeof(v)));
	assert_string_equal(v, "2");
	assert_int_equal(wb_db_commit(other, &err), 0);
	assert_true(setting_get(other, "k", v, sizeof(v)));
	assert_string_equal(v, "3");

	/* commit without a transaction is an error, not a crash */
	assert_int_equal(wb_db_commit(t->db, &err), WB_EDB);
	assert_false(wb_db_in_tx(t->db));
	wb_db_close(other);
}

/* A measurement of a client that does not exist. */
#define DANGLING \
	"INSERT INTO measurement (client_id, instrument, on_date, value, " \
	"source, created_at) VALUES (999999, 'phq9', 20000, 5, 'import', 0)"

static int
dangling(struct wb_db *db)
{
	struct wb_err	err;

	return wb_db_exec_script(db, DANGLING, &err);
}

/* PRAGMA `name` of the test's own connection (SQLite only; dbt_int reads
 * through a connection with settings of its own). */
static int64_t
pragma_int(struct dbt *t, const char *name)
{
	struct sq_db	*d = (struct sq_db *)t->db;
	sqlite3_stmt	*st = NULL;
	char		 sql[64];
	int64_t		 v = INT64_MIN;

	snprintf(sql, sizeof(sql), "PRAGMA %s", name);
	assert_int_equal(sqlite3_prepare_v2(d->h, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A bulk transaction skips SQLite's foreign-key check (the caller checks
 * references itself) and enlarges the cache; its COMMIT and its ROLLBACK
 * both bring the connection back to checking every reference.  On
 * PostgreSQL it is an ordinary write transaction. */
static void
test_bulk(void **state)
{
	static const char *const keys[] = { "bulk-commit", "bulk-rollback" };
	struct dbt	*t = *state;
	struct wb_err	 err;
	char		 v[32];
	size_t		 i;

	if (!dbt_pg()) {
		assert_int_equal(pragma_int(t, "foreign_keys"), 1);
		assert_int_equal(pragma_int(t, "cache_size"), -2000);
	}
	for (i = 0; i < WB_NELEM(keys); i++) {
		assert_int_equal(wb_db_begin_bulk(t->db, &err), 0);
		assert_true(wb_db_in_tx(t->db));
		assert_int_equal(setting_put(t->db, keys[i], "1"), 0);
		if (!dbt_pg()) {
			assert_int_equal(pragma_int(t, "foreign_keys"), 0);
			assert_int_equal(pragma_int(t, "cache_size"), -65536);
			assert_int_equal(dangling(t->db), 0);
		}
		if (i == 0)
			assert_int_equal(wb_db_commit(t->db, &err), 0);
		else
			wb_db_rollback(t->db);
		assert_false(wb_db_in_tx(t->db));
		if (!dbt_pg()) {
			assert_int_equal(pragma_int(t, "foreign_keys"), 1);
			assert_int_equal(pragma_int(t, "cache_size"), -2000);
		}
		/* references are checked again, in a transaction and out */
		assert_int_equal(wb_db_begin_write(t->db, &err), 0);
		assert_int_equal(dangling(t->db), WB_ECONFLICT);
		wb_db_rollback(t->db);
		assert_int_equal(dangling(t->db), WB_ECONFLICT);
	}
	assert_true(setting_get(t->db, keys[0], v, sizeof(v)));
	assert_false(setting_get(t->db, keys[1], v, sizeof(v)));
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM measurement"),
	    dbt_pg() ? 0 : 1);

	/* PostgreSQL checks every reference in a bulk transaction too */
	if (dbt_pg()) {
		assert_int_equal(wb_db_begin_bulk(t->db, &err), 0);
		assert_int_equal(dangling(t->db), WB_ECONFLICT);
		wb_db_rollback(t->db);
	}
}

/* Run begin on db in a child and expect it refused: WB_NEVER aborts with
 * assertions on (as in the tests' build) and returns WB_EDB under
 * NDEBUG.  The check comes before any use of the connection, so the
 * child leaves the parent's alone. */
static void
expect_refused(struct wb_db *db,
    int (*begin)(struct wb_db *, struct wb_err *))
{
	struct wb_err	err;
	pid_t		pid;
	int		status = 0;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int	fd = open("/dev/null", O_WRONLY);

		signal(SIGABRT, SIG_DFL);	/* not cmocka's handler */
		if (fd >= 0)
			dup2(fd, STDERR_FILENO);	/* the assertion */
		_exit(begin(db, &err) == WB_EDB ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
#ifdef NDEBUG
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
#else
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
#endif
}

/* No bulk transaction inside another transaction (SQLite ignores the
 * foreign-key PRAGMA there), nor a transaction inside a bulk one; the
 * refusal changes nothing of the one open. */
static void
test_bulk_nested(void **state)
{
	struct dbt	*t = *state;
	struct wb_err	 err;

	assert_int_equal(wb_db_begin_write(t->db, &err), 0);
	expect_refused(t->db, wb_db_begin_bulk);
	expect_refused(t->db, wb_db_begin_write);
	assert_true(wb_db_in_tx(t->db));
	if (!dbt_pg())
		assert_int_equal(pragma_int(t, "foreign_keys"), 1);
	assert_int_equal(dangling(t->db), WB_ECONFLICT);
	wb_db_rollback(t->db);

	assert_int_equal(wb_db_begin_bulk(t->db, &err), 0);
	expect_refused(t->db, wb_db_begin_bulk);
	expect_refused(t->db, wb_db_begin_read);
	assert_true(wb_db_in_tx(t->db));
	assert_int_equal(setting_put(t->db, "k", "1"), 0);
	assert_int_equal(wb_db_commit(t->db, &err), 0);
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM setting "
	    "WHERE key = 'k'"), 1);
	if (!dbt_pg())
		assert_int_equal(pragma_int(t, "foreign_keys"), 1);
	assert_int_equal(dangling(t->db), WB_ECONFLICT);
}

/* -- errors -- */

struct ccase {
	const char	*name;
	const char	*sql;
	int		 rc;
	int		 pg_rc;		/* on PostgreSQL, when not rc */
};

static const struct ccase ccases[] = {
	{ "unique", "INSERT INTO organisation (code, name, type, created_at, "
	    "updated_at) VALUES ('DUP', 'b', 'ggz', 0, 0)", WB_ECONFLICT, 0 },
	{ "primary key", "INSERT INTO region (code, name, year) "
	    "VALUES ('AM01', 'x', 2026)", WB_ECONFLICT, 0 },
	{ "foreign key", "INSERT INTO user_account (email, name, role, org_id, "
	    "created_at, updated_at) VALUES ('x@y.nl', 'x', 'admin', 999, 0, "
	    "0)", WB_ECONFLICT, 0 },
	{ "check", "INSERT INTO region (code, name, year) "
	    "VALUES ('XX01', 'x', 2026)", WB_ECONFLICT, 0 },
	{ "not null", "INSERT INTO region (code, year) VALUES ('AM02', 1)",
	    WB_ECONFLICT, 0 },
	{ "syntax", "INSERT INTO", WB_EDB, 0 },
	{ "no table", "SELECT * FROM nope", WB_EDB, 0 },
	/* every constraint maps to ECONFLICT, a STRICT type error too;
	 * PostgreSQL refuses the literal before any constraint (22P02) */
	{ "strict type", "INSERT INTO region (code, name, year) "
	    "VALUES ('AM03', 'x', 'abc')", WB_ECONFLICT, WB_EDB },
};

static void
test_conflicts(void **state)
{
	struct dbt	*t = *state;
	struct wb_stmt	*st = NULL;
	struct wb_err	 err;
	size_t		 i;
	int		 rc, want;

	dbt_exec(t, "INSERT INTO organisation (code, name, type, "
	    "created_at, updated_at) VALUES ('DUP', 'a', 'ggz', 0, 0);"
	    "INSERT INTO region (code, name, year) VALUES ('AM01', 'G', "
	    "2026)");
	for (i = 0; i < WB_NELEM(ccases); i++) {
		wb_err_clear(&err);
		want = dbt_pg() && ccases[i].pg_rc != 0 ? ccases[i].pg_rc :
		    ccases[i].rc;
		rc = wb_db_exec_script(t->db, ccases[i].sql, &err);
		if (rc != want)
			fail_msg("%s: rc %d (%s), want %d", ccases[i].name, rc,
			    err.msg, want);
		assert_true(err.msg[0] != '\0');
	}

	/* through a named statement: a duplicate key is ECONFLICT, and the
	 * statement can be used again afterwards */
	assert_int_equal(wb_db_prepare(t->db, Q_MIGRATION_ADD, &st, &err), 0);
	wb_stmt_bind_int64(st, 1, 1);
	wb_stmt_bind_text(st, 2, "0001_dup.sql");
	wb_stmt_bind_text(st, 3, "x");
	wb_stmt_bind_int64(st, 4, 0);
	assert_int_equal(wb_stmt_exec(st, &err), WB_ECONFLICT);
	wb_stmt_release(st);
	assert_int_equal(wb_db_prepare(t->db, Q_MIGRATION_ADD, &st, &err), 0);
	wb_stmt_bind_int64(st, 1, 9000);
	wb_stmt_bind_text(st, 2, "9000_test.sql");
	wb_stmt_bind_text(st, 3, "x");
	wb_stmt_bind_int64(st, 4, 0);
	assert_int_equal(wb_stmt_exec(st, &err), 0);
	wb_stmt_release(st);

	/* inside a transaction the conflict leaves it open for rollback */
	assert_int_equal(wb_db_begin_write(t->db, &err), 0);
	assert_int_equal(setting_put(t->db, "in-tx", "1"), 0);
	assert_int_equal(wb_db_exec_script(t->db, ccases[0].sql, &err),
	    WB_ECONFLICT);
	assert_true(wb_db_in_tx(t->db));
	wb_db_rollback(t->db);
	assert_false(wb_db_in_tx(t->db));
	assert_int_equal(dbt_int(t, "SELECT count(*) FROM setting WHERE "
	    "key = 'in-tx'"), 0);
}

/* -- statements -- */

static void
test_statements(void **state)
{
	struct dbt	*t = *state;
	struct wb_stmt	*st = NULL;
	struct wb_err	 err;
	int64_t		 v = -1;
	char		 buf[32];

	dbt_exec(t, ORG1_USER7
	    "INSERT INTO region (code, name, year) VALUES ('AM01', 'a', 1), "
	    "('AM02', 'b', 1), ('AM03', 'c', 1)");

	/* a NULL column reads as "" and isnull */
	assert_int_equal(wb_db_prepare(t->db, Q_USER_GET, &st, &err), 0);
	wb_stmt_bind_int64(st, 1, 7);
	assert_int_equal(wb_stmt_step(st, &err), 1);
	assert_int_equal(wb_stmt_ncols(st), 12);
	assert_int_equal(wb_stmt_int64(st, 0), 7);
	assert_string_equal(wb_stmt_text(st, 1), "a@b.nl");
	assert_true(wb_stmt_isnull(st, 5));
	assert_string_equal(wb_stmt_text(st, 5), "");
	assert_false(wb_stmt_isnull(st, 1));
	assert_int_equal(wb_stmt_step(st, &err), 0);
	wb_stmt_release(st);

	/* after release the bindings are cleared: NULL matches nothing */
	assert_int_equal(wb_db_prepare(t->db, Q_USER_GET, &st, &err), 0);
	assert_int_equal(wb_stmt_step(st, &err), 0);
	wb_stmt_release(st);
	wb_stmt_release(NULL);

	/* exec_int64: a value, or ENOTFOUND without a row */
	assert_int_equal(wb_db_prepare(t->db, Q_REGION_COUNT, &st, &err), 0);
	assert_int_equal(wb_stmt_exec_int64(st, &v, &err), 0);
	assert_int_equal(v, 3);
	wb_stmt_release(st);
	assert_int_equal(wb_db_prepare(t->db, Q_SETTING_GET, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "absent");
	assert_int_equal(wb_stmt_exec_int64(st, &v, &err), WB_ENOTFOUND);
	wb_stmt_release(st);

	/* changes counts the rows of the last exec */
	assert_int_equal(wb_db_prepare(t->db, Q_REGION_DEACTIVATE_ALL, &st,
	    &err), 0);
	assert_int_equal(wb_stmt_exec(st, &err), 0);
	assert_int_equal(wb_stmt_changes(st), 3);
	wb_stmt_release(st);

	/* bind_textn takes exactly n bytes; bind_opt maps "" and NULL to NULL
	 * (a NOT NULL column refuses it) */
	assert_int_equal(wb_db_prepare(t->db, Q_SETTING_PUT, &st, &err), 0);
	wb_stmt_bind_textn(st, 1, "keyXYZ", 3);
	wb_stmt_bind_textn(st, 2, "a'b\"c", 5);
	assert_int_equal(wb_stmt_exec(st, &err), 0);
	wb_stmt_release(st);
	assert_true(setting_get(t->db, "key", buf, sizeof(buf)));
	assert_string_equal(buf, "a'b\"c");
	assert_int_equal(wb_db_prepare(t->db, Q_SETTING_PUT, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "opt");
	wb_stmt_bind_opt(st, 2, "");
	assert_int_equal(wb_stmt_exec(st, &err), WB_ECONFLICT);
	wb_stmt_release(st);
	assert_int_equal(wb_db_prepare(t->db, Q_SETTING_PUT, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "opt");
	wb_stmt_bind_opt(st, 2, NULL);
	assert_int_equal(wb_stmt_exec(st, &err), WB_ECONFLICT);
	wb_stmt_release(st);
	assert_int_equal(wb_db_prepare(t->db, Q_SETTING_PUT, &st, &err), 0);
	wb_stmt_bind_text(st, 1, "opt");
	wb_stmt_bind_opt(st, 2, "v");
	assert_int_equal(wb_stmt_exec(st, &err), 0);
	wb_stmt_release(st);
	assert_true(setting_get(t->db, "opt", buf, sizeof(buf)));
	assert_string_equal(buf, "v");
}

/* bind_kept binds text as bind_opt does, "" and NULL as SQL NULL, on
 * every column kind of an insert; the text is read at the step. */
static void
test_bind_kept(void **state)
{
	static const char	 text[] = "12,13 \xc3\xa9\xc3\xa9n 'x\"";
	struct dbt		*t = *state;
	struct wb_stmt		*st = NULL;
	struct wb_err		 err;
	char			*held, big[3000];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	held = strdup(text);
	assert_non_null(held);

	/* an audit_event row, its every text column bound kept */
	assert_int_equal(wb_db_prepare(t->db, Q_AUDIT_INSERT, &st, &err), 0);
	wb_stmt_bind_int64(st, 1, 1);
	wb_stmt_bind_int64(st, 2, 0);
	wb_stmt_bind_kept(st, 3, "card.read");
	wb_stmt_bind_kept(st, 4, "allowed");
	wb_stmt_bind_null(st, 5);
	wb_stmt_bind_null(st, 6);
	wb_stmt_bind_kept(st, 7, "");
	wb_stmt_bind_kept(st, 8, NULL);
	wb_stmt_bind_kept(st, 9, "card");
	wb_stmt_bind_kept(st, 10, held);
	wb_stmt_bind_null(st, 11);
	wb_stmt_bind_kept(st, 12, "");
	wb_stmt_bind_null(st, 13);
	wb_stmt_bind_kept(st, 14, big);
	wb_stmt_bind_kept(st, 15, "p");
	wb_stmt_bind_kept(st, 16, "h");
	assert_int_equal(wb_stmt_exec(st, &err), 0);
	wb_stmt_release(st);
	free(held);

	/* the release dropped the pointers: the statement binds NULL now
	 * (event is NOT NULL), reading nothing freed */
	assert_int_equal(wb_db_prepare(t->db, Q_AUDIT_INSERT, &st, &err), 0);
	wb_stmt_bind_int64(st, 1, 2);
	wb_stmt_bind_int64(st, 2, 0);
	assert_int_equal(wb_stmt_exec(st, &err), WB_ECONFLICT);
	wb_stmt_release(st);

	assert_int_equal(wb_db_prepare(t->db, Q_AUDIT_ALL, &st, &err), 0);
	assert_int_equal(wb_stmt_step(st, &err), 1);
	assert_string_equal(wb_stmt_text(st, 2), "card.read");
	assert_string_equal(wb_stmt_text(st, 3), "allowed");
	assert_true(wb_stmt_isnull(st, 6));
	assert_true(wb_stmt_isnull(st, 7));
	assert_string_equal(wb_stmt_text(st, 8), "card");
	assert_string_equal(wb_stmt_text(st, 9), text);
	assert_true(wb_stmt_isnull(st, 11));
	assert_string_equal(wb_stmt_text(st, 13), big);
	assert_string_equal(wb_stmt_text(st, 14), "p");
	assert_string_equal(wb_stmt_text(st, 15), "h");
	assert_int_equal(wb_stmt_step(st, &err), 0);
	wb_stmt_release(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test_setup_teardown(test_open_backend, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test(test_default_url),
		cmocka_unit_test(test_migrate_twice),
		cmocka_unit_test_setup_teardown(test_migrate_changed_checksum,
		    dbt_setup, dbt_teardown),
		cmocka_unit_test(test_rewrite_table),
		cmocka_unit_test_setup_teardown(test_rewrite_binds, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_transactions, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_conflicts, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_statements, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test(test_migrate_0006),
		cmocka_unit_test_setup_teardown(test_bulk, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_nested, dbt_setup,
		    dbt_teardown),
		cmocka_unit_test_setup_teardown(test_bind_kept, dbt_setup,
		    dbt_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

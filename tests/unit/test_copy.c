/* test_copy.c - store/copy.c: a demo-filled database copied table by
 * table into a new SQLite database and into the PostgreSQL test database
 * (WB_TEST_PG, emptied first and left empty), with counts, the audit
 * chain, a demo login and new ids on the copy; SQLite's online backup and
 * restore. */
#include "dbtest.h"

#include "domain/demo.h"
#include "domain/user.h"
#include "store/copy.h"

#include <libpq-fe.h>

struct ct {
	struct dbt		 src;
	struct wb_demo_report	 demo;
	int64_t			 counts[WB_COPY_NTABLES];
	char			 dir[64];
};

static int
group_setup(void **state)
{
	struct ct	*c = calloc(1, sizeof(*c));
	struct wb_err	 err;

	assert_non_null(c);
	dbt_open(&c->src, true);
	if (wb_demo_fill(c->src.db, &c->src.a, &c->demo, &err) != 0)
		fail_msg("demo: %s", err.msg);
	if (wb_copy_counts(c->src.db, c->counts, &err) != 0)
		fail_msg("counts: %s", err.msg);
	snprintf(c->dir, sizeof(c->dir), "/tmp/wb-copy-XXXXXX");
	assert_non_null(mkdtemp(c->dir));
	*state = c;
	return 0;
}

static int
group_teardown(void **state)
{
	static const char *const files[] = { "copy.db", "backup.db",
	    "restored.db" };
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	struct ct	*c = *state;
	char		 p[128];
	size_t		 i, j;

	dbt_close(&c->src);
	for (i = 0; i < WB_NELEM(files); i++)
		for (j = 0; j < WB_NELEM(suffixes); j++) {
			snprintf(p, sizeof(p), "%s/%s%s", c->dir, files[i],
			    suffixes[j]);
			(void)unlink(p);
		}
	(void)rmdir(c->dir);
	free(c);
	return 0;
}

/* Empty the schema of the PostgreSQL test database (its name must end
 * in _test). */
static void
pg_empty(void)
{
	const char	*url = getenv("WB_TEST_PG");
	PGconn		*raw;
	PGresult	*res;
	const char	*name;

	if (url == NULL || url[0] == '\0')
		fail_msg("WB_TEST_PG is not set (scripts/runtests.sh sets it)");
	raw = PQconnectdb(url);
	if (PQstatus(raw) != CONNECTION_OK)
		fail_msg("cannot connect to WB_TEST_PG: %s",
		    PQerrorMessage(raw));
	res = PQexec(raw, "SELECT current_database()");
	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	name = PQgetvalue(res, 0, 0);
	if (strlen(name) < 5 || strcmp(name + strlen(name) - 5, "_test") != 0)
		fail_msg("WB_TEST_PG names database \"%s\"; refusing to drop "
		    "its schema", name);
	PQclear(res);
	res = PQexec(raw, "SET client_min_messages = warning; "
	    "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	PQfinish(raw);
}

/* Open and migrate url. */
static struct wb_db *
open_target(const char *url)
{
	struct wb_db	*db = NULL;
	struct wb_err	 err;
	int		 applied;

	if (wb_db_open(url, &db, &err) != 0)
		fail_msg("open target: %s", err.msg);
	if (wb_db_migrate(db, &applied, &err) != 0)
		fail_msg("migrate target: %s", err.msg);
	return db;
}

/* Copy the source into `to` and check everything a copy must hold. */
static void
copy_and_check(struct ct *c, struct wb_db *to)
{
	struct wb_copy_count	 counts[WB_COPY_NTABLES];
	struct wb_actor		 sys = wb_actor_system();
	struct wb_org		 o;
	struct wb_err		 err;
	const char		*full = NULL;
	int64_t			 checked = 0, broken = 0, uid = 0, id = 0;
	bool			 empty = false;
	size_t			 i;

	assert_int_equal(wb_copy_is_empty(to, &empty, &full, &err), 0);
	assert_true(empty);
	assert_null(full);
	if (wb_copy_tables(c->src.db, to, counts, &err) != 0)
		fail_msg("copy: %s", err.msg);
	for (i = 0; i < WB_COPY_NTABLES; i++) {
		assert_string_equal(counts[i].table, wb_copy_table(i));
		assert_int_equal(counts[i].source, c->counts[i]);
		assert_int_equal(counts[i].copied, c->counts[i]);
		assert_int_equal(counts[i].target, c->counts[i]);
	}
	assert_true(c->counts[3] > 0);		/* organisation */
	assert_true(c->counts[11] > 0);		/* audit_event */
	assert_false(wb_db_in_tx(to));
	assert_false(wb_db_in_tx(c->src.db));

	/* The chain verifies on the copy. */
	if (wb_audit_verify(to, &checked, &broken, &err) != 0)
		fail_msg("verify: %s (event %lld)", err.msg, (long long)broken);
	assert_int_equal(checked, c->counts[11]);

	/* A demo login works on the copy (and writes to its audit log). */
	assert_true(c->demo.nlogins > 0);
	if (wb_user_login(to, c->demo.logins[0].email,
	    c->demo.logins[0].password, "127.0.0.1", &uid, &err) != 0)
		fail_msg("login on the copy: %s", err.msg);
	assert_true(uid > 0);

	/* New ids continue after the copied ones (PostgreSQL sequences). */
	memset(&o, 0, sizeof(o));
	o.code = "COPYTEST";
	o.name = "Na de kopie";
	o.type = "ggz";
	o.active = true;
	o.regions[0] = "AM01";
	o.nregions = 1;
	if (wb_org_add(to, &sys, &o, &id, &err) != 0)
		fail_msg("org add on the copy: %s", err.msg);
	assert_true(id > c->counts[3]);
	assert_int_equal(wb_audit_verify(to, &checked, &broken, &err), 0);

	/* A second copy into the same target is refused, nothing written. */
	assert_int_equal(wb_copy_is_empty(to, &empty, &full, &err), 0);
	assert_false(empty);
	assert_non_null(full);
	assert_int_equal(wb_copy_tables(c->src.db, to, counts, &err),
	    WB_ECONFLICT);
	assert_false(wb_db_in_tx(to));
	assert_int_equal(dbt_org_count(&c->src), c->counts[3]);
}

static void
test_to_sqlite(void **state)
{
	struct ct	*c = *state;
	struct wb_db	*to;
	char		 url[128];

	snprintf(url, sizeof(url), "sqlite:%s/copy.db", c->dir);
	to = open_target(url);
	copy_and_check(c, to);
	wb_db_close(to);
}

static void
test_to_pg(void **state)
{
	struct ct	*c = *state;
	struct wb_db	*to;
	struct wb_err	 err;

	pg_empty();
	to = open_target(getenv("WB_TEST_PG"));
	copy_and_check(c, to);
	/* PostgreSQL has no built-in backup here: pg_dump does that. */
	assert_int_equal(wb_copy_backup(to, "/nonexistent/x.db", &err),
	    WB_EINVAL);
	assert_int_equal(wb_copy_restore(to, "/nonexistent/x.db", &err),
	    WB_EINVAL);
	wb_db_close(to);
	pg_empty();
}

static void
test_backup_restore(void **state)
{
	struct ct	*c = *state;
	struct wb_db	*b, *r;
	struct wb_err	 err;
	int64_t		 n[WB_COPY_NTABLES], checked = 0, broken = 0;
	char		 path[128], url[160], rurl[160];
	size_t		 i;

	if (strcmp(wb_db_backend(c->src.db), "sqlite") != 0)
		skip();
	snprintf(path, sizeof(path), "%s/backup.db", c->dir);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	snprintf(rurl, sizeof(rurl), "sqlite:%s/restored.db", c->dir);
	if (wb_copy_backup(c->src.db, path, &err) != 0)
		fail_msg("backup: %s", err.msg);
	/* An existing file is never overwritten. */
	assert_int_equal(wb_copy_backup(c->src.db, path, &err), WB_ECONFLICT);

	assert_int_equal(wb_db_open(url, &b, &err), 0);
	assert_int_equal(wb_copy_counts(b, n, &err), 0);
	for (i = 0; i < WB_COPY_NTABLES; i++)
		assert_int_equal(n[i], c->counts[i]);
	assert_int_equal(wb_audit_verify(b, &checked, &broken, &err), 0);
	assert_int_equal(checked, c->counts[11]);
	wb_db_close(b);

	r = open_target(rurl);
	if (wb_copy_restore(r, path, &err) != 0)
		fail_msg("restore: %s", err.msg);
	assert_int_equal(wb_copy_counts(r, n, &err), 0);
	for (i = 0; i < WB_COPY_NTABLES; i++)
		assert_int_equal(n[i], c->counts[i]);
	assert_int_equal(wb_audit_verify(r, &checked, &broken, &err), 0);
	assert_int_equal(checked, c->counts[11]);
	assert_int_equal(wb_copy_restore(r, "/nonexistent/x.db", &err),
	    WB_EIO);
	wb_db_close(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_to_sqlite),
		cmocka_unit_test(test_to_pg),
		cmocka_unit_test(test_backup_restore),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

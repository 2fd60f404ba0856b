/* db.c - backend dispatch, helpers and migrations. */
#include "store/db_impl.h"
#include "base/asset.h"
#include "base/str.h"
#include "base/time.h"

#include <sodium.h>

int
wb_db_open(const char *url, struct wb_db **out, struct wb_err *err)
{
	*out = NULL;
	if (wb_str_prefix(url, "sqlite:"))
		return wb_db_sqlite_ops.open(url + 7, out, err);
	/* libpq takes the whole URL (both schemes are its own). */
	if (wb_str_prefix(url, "postgresql://") ||
	    wb_str_prefix(url, "postgres://"))
		return wb_db_pg_ops.open(url, out, err);
	return wb_err_set(err, WB_EINVAL, "onbekend database-adres "
	    "(verwacht sqlite:PAD of postgresql://...)");
}

void
wb_db_close(struct wb_db *db)
{
	if (db != NULL)
		db->ops->close(db);
}

const char *
wb_db_backend(const struct wb_db *db)
{
	return db->ops->name;
}

const char *
wb_db_default_url(void)
{
	const char	*env = getenv("WERKBRUG_DB");

	return env != NULL && env[0] != '\0' ? env : "sqlite:var/werkbrug.db";
}

/* The end of a bulk transaction: the backend restores its settings. */
static void
bulk_end(struct wb_db *db)
{
	if (db->bulk) {
		db->ops->bulk_end(db);
		db->bulk = false;
	}
}

int
wb_db_begin_write(struct wb_db *db, struct wb_err *err)
{
	int	rc;

	if (WB_NEVER(db->tx_depth > 0))
		return wb_err_set(err, WB_EDB, "nested transaction");
	rc = db->ops->exec_script(db, db->ops->begin_write, err);
	if (rc == 0)
		db->tx_depth = 1;
	return rc;
}

int
wb_db_begin_bulk(struct wb_db *db, struct wb_err *err)
{
	int	rc;

	if (WB_NEVER(db->tx_depth > 0))
		return wb_err_set(err, WB_EDB, "nested transaction");
	if (db->ops->bulk_begin != NULL) {
		/* Marked first: settings changed half way are undone too. */
		db->bulk = true;
		rc = db->ops->bulk_begin(db, err);
		if (rc != 0) {
			bulk_end(db);
			return rc;
		}
	}
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		bulk_end(db);
	return rc;
}

int
wb_db_begin_read(struct wb_db *db, struct wb_err *err)
{
	int	rc;

	if (WB_NEVER(db->tx_depth > 0))
		return wb_err_set(err, WB_EDB, "nested transaction");
	rc = db->ops->exec_script(db, db->ops->begin_read, err);
	if (rc == 0)
		db->tx_depth = 1;
	return rc;
}

int
wb_db_commit(struct wb_db *db, struct wb_err *err)
{
	int	rc;

	rc = db->ops->exec_script(db, "COMMIT", err);
	if (rc == 0) {
		db->tx_depth = 0;
		bulk_end(db);
	}
	return rc;
}

void
wb_db_rollback(struct wb_db *db)
{
	struct wb_err	ignored;

	if (db == NULL || db->tx_depth == 0)
		return;
	(void)db->ops->exec_script(db, "ROLLBACK", &ignored);
	db->tx_depth = 0;
	bulk_end(db);
}

bool
wb_db_in_tx(const struct wb_db *db)
{
	return db->tx_depth > 0;
}

int
wb_db_exec_script(struct wb_db *db, const char *sql, struct wb_err *err)
{
	return db->ops->exec_script(db, sql, err);
}

int
wb_db_prepare(struct wb_db *db, enum wb_query q, struct wb_stmt **out,
    struct wb_err *err)
{
	if (WB_NEVER((int)q < 0 || q >= Q__COUNT))
		return wb_err_set(err, WB_EDB, "bad query id");
	return db->ops->prepare(db, q, out, err);
}

int
wb_db_prepare_all(struct wb_db *db, struct wb_err *err)
{
	int	q, rc;

	for (q = 0; q < Q__COUNT; q++) {
		struct wb_stmt *st = NULL;

		rc = wb_db_prepare(db, (enum wb_query)q, &st, err);
		if (rc != 0)
			return rc;
		wb_stmt_release(st);
	}
	return 0;
}

void
wb_stmt_bind_int64(struct wb_stmt *st, int idx, int64_t v)
{
	st->db->ops->bind_int64(st, idx, v);
}

void
wb_stmt_bind_text(struct wb_stmt *st, int idx, const char *s)
{
	st->db->ops->bind_text(st, idx, s, strlen(s));
}

void
wb_stmt_bind_textn(struct wb_stmt *st, int idx, const char *s, size_t n)
{
	st->db->ops->bind_text(st, idx, s, n);
}

void
wb_stmt_bind_null(struct wb_stmt *st, int idx)
{
	st->db->ops->bind_null(st, idx);
}

void
wb_stmt_bind_opt(struct wb_stmt *st, int idx, const char *s)
{
	if (s == NULL || s[0] == '\0')
		wb_stmt_bind_null(st, idx);
	else
		wb_stmt_bind_text(st, idx, s);
}

void
wb_stmt_bind_kept(struct wb_stmt *st, int idx, const char *s)
{
	if (s == NULL || s[0] == '\0')
		wb_stmt_bind_null(st, idx);
	else if (st->db->ops->bind_kept != NULL)
		st->db->ops->bind_kept(st, idx, s, strlen(s));
	else
		st->db->ops->bind_text(st, idx, s, strlen(s));
}

int
wb_stmt_step(struct wb_stmt *st, struct wb_err *err)
{
	return st->db->ops->step(st, err);
}

int
wb_stmt_exec(struct wb_stmt *st, struct wb_err *err)
{
	int	rc;

	while ((rc = wb_stmt_step(st, err)) == 1)
		;
	return rc;
}

int
wb_stmt_exec_int64(struct wb_stmt *st, int64_t *out, struct wb_err *err)
{
	int	rc = wb_stmt_step(st, err);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return wb_err_set(err, WB_ENOTFOUND, "no row");
	*out = wb_stmt_int64(st, 0);
	while ((rc = wb_stmt_step(st, err)) == 1)
		;
	return rc;
}

int64_t
wb_stmt_changes(struct wb_stmt *st)
{
	return st->db->ops->changes(st);
}

int64_t
wb_stmt_int64(struct wb_stmt *st, int col)
{
	return st->db->ops->col_int64(st, col);
}

const char *
wb_stmt_text(struct wb_stmt *st, int col)
{
	return st->db->ops->col_text(st, col);
}

bool
wb_stmt_isnull(struct wb_stmt *st, int col)
{
	return st->db->ops->col_isnull(st, col);
}

int
wb_stmt_ncols(struct wb_stmt *st)
{
	return st->db->ops->ncols(st);
}

void
wb_stmt_release(struct wb_stmt *st)
{
	if (st != NULL)
		st->db->ops->release(st);
}

/* The migration number from a name like "0003_contact_points.sql". */
static int
migration_version(const char *name, int64_t *v)
{
	return wb_parse_int64(name, 4, 1, 9999, v);
}

int
wb_db_migrate(struct wb_db *db, int *applied, struct wb_err *err)
{
	const struct wb_asset	*m;
	struct wb_stmt		*st = NULL;
	int			 rc;

	*applied = 0;
	/*
	 * In a write transaction, like every migration below: processes that
	 * start at the same moment on an empty PostgreSQL database would
	 * otherwise both create the table (CREATE TABLE IF NOT EXISTS is not
	 * safe against a concurrent creator there).  The write lock makes
	 * the second wait, and then see the first one's table and rows.
	 */
	rc = wb_db_begin_write(db, err);
	if (rc != 0)
		return rc;
	rc = wb_db_exec_script(db, "CREATE TABLE IF NOT EXISTS "
	    "schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
	    "NULL, sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL)", err);
	if (rc == 0)
		rc = wb_db_commit(db, err);
	if (rc != 0)
		goto out;
	for (m = db->ops->migrations; m->name != NULL; m++) {
		unsigned char	 sum[crypto_hash_sha256_BYTES];
		char		 hex[2 * sizeof(sum) + 1];
		int64_t		 version;
		bool		 have = false;

		if (migration_version(m->name, &version) != 0)
			return wb_err_set(err, WB_EDB,
			    "bad migration name %s", m->name);
		crypto_hash_sha256(sum, (const unsigned char *)m->data,
		    m->len);
		wb_hex(sum, sizeof(sum), hex);

		rc = wb_db_begin_write(db, err);
		if (rc != 0)
			return rc;
		rc = wb_db_prepare(db, Q_MIGRATION_GET, &st, err);
		if (rc != 0)
			goto out;
		wb_stmt_bind_int64(st, 1, version);
		rc = wb_stmt_step(st, err);
		if (rc == 1) {
			have = true;
			if (strcmp(wb_stmt_text(st, 0), hex) != 0) {
				rc = wb_err_set(err, WB_EDB, "migration %s was "
				    "changed after it was applied", m->name);
				goto out;
			}
		} else if (rc < 0)
			goto out;
		wb_stmt_release(st);
		st = NULL;
		if (!have) {
			rc = wb_db_exec_script(db, m->data, err);
			if (rc != 0)
				goto out;
			rc = wb_db_prepare(db, Q_MIGRATION_ADD, &st, err);
			if (rc != 0)
				goto out;
			wb_stmt_bind_int64(st, 1, version);
			wb_stmt_bind_text(st, 2, m->name);
			wb_stmt_bind_text(st, 3, hex);
			wb_stmt_bind_int64(st, 4, wb_now());
			rc = wb_stmt_exec(st, err);
			if (rc != 0)
				goto out;
			wb_stmt_release(st);
			st = NULL;
			(*applied)++;
		}
		rc = wb_db_commit(db, err);
		if (rc != 0)
			goto out;
	}
	return 0;
out:
	wb_stmt_release(st);
	wb_db_rollback(db);
	return rc;
}

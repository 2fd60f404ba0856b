/* db_sqlite.c - the SQLite backend of db.h.
 *
 * One sqlite3 handle per struct wb_db, opened NOMUTEX (one thread at a
 * time), in WAL mode with foreign keys, a busy timeout and SQLite's
 * defensive flags.  Statements are prepared lazily with $n placeholders
 * rewritten to ?n (SQLite would otherwise number $2 before $1 when it
 * appears first) and cached for the life of the connection.
 */
#include "store/db_impl.h"
#include "base/asset.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

struct sq_stmt {
	struct wb_stmt	 base;		/* must be first */
	sqlite3_stmt	*st;
	bool		 in_use;
};

struct sq_db {
	struct wb_db	 base;		/* must be first */
	sqlite3		*h;
	int64_t		 cache_size;	/* outside a bulk transaction */
	struct sq_stmt	 stmts[Q__COUNT];
};

/* Map an SQLite result code to ours, with the message for the log. */
static int
sq_error(struct sq_db *d, int src, struct wb_err *err)
{
	int	code = WB_EDB;

	switch (src & 0xff) {
	case SQLITE_CONSTRAINT:
		code = WB_ECONFLICT;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = WB_EBUSY;
		break;
	default:
		break;
	}
	return wb_err_set(err, code, "sqlite: %s (%d)",
	    d->h ? sqlite3_errmsg(d->h) : sqlite3_errstr(src), src);
}

static int
sq_exec_script(struct wb_db *db, const char *sql, struct wb_err *err)
{
	struct sq_db	*d = (struct sq_db *)db;
	int		 rc;

	rc = sqlite3_exec(d->h, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return sq_error(d, rc, err);
	return 0;
}

/* PRAGMA `name` of the connection, or INT64_MIN. */
static int64_t
sq_pragma(struct sq_db *d, const char *name)
{
	sqlite3_stmt	*st = NULL;
	char		 sql[64];
	int64_t		 v = INT64_MIN;

	snprintf(sql, sizeof(sql), "PRAGMA %s", name);
	if (sqlite3_prepare_v2(d->h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * A bulk transaction (wb_db_begin_bulk): no foreign-key check per row, and
 * up to 64 MiB of cache so its pages do not spill to the WAL half way.
 * SQLite takes the foreign-key PRAGMA only outside a transaction, so this
 * runs before BEGIN and sq_bulk_end after COMMIT or ROLLBACK.
 */
static int
sq_bulk_begin(struct wb_db *db, struct wb_err *err)
{
	struct sq_db	*d = (struct sq_db *)db;

	d->cache_size = sq_pragma(d, "cache_size");
	return sq_exec_script(db, "PRAGMA foreign_keys=OFF; "
	    "PRAGMA cache_size=-65536", err);
}

/* Back to checking every reference, or no further: a connection left
 * without foreign keys must not serve another statement. */
static void
sq_bulk_end(struct wb_db *db)
{
	struct sq_db	*d = (struct sq_db *)db;
	char		 sql[96];

	if (!sqlite3_get_autocommit(d->h))	/* a ROLLBACK that failed */
		(void)sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
	snprintf(sql, sizeof(sql), "PRAGMA foreign_keys=ON; "
	    "PRAGMA cache_size=%lld", d->cache_size != INT64_MIN ?
	    (long long)d->cache_size : -2000LL);
	(void)sqlite3_exec(d->h, sql, NULL, NULL, NULL);
	if (!sqlite3_get_autocommit(d->h) ||
	    sq_pragma(d, "foreign_keys") != 1) {
		wb_error("database: foreign keys not restored after a bulk "
		    "write");
		abort();
	}
}

static void
sq_close(struct wb_db *db)
{
	struct sq_db	*d = (struct sq_db *)db;
	size_t		 i;

	for (i = 0; i < WB_NELEM(d->stmts); i++)
		sqlite3_finalize(d->stmts[i].st);
	sqlite3_close(d->h);
	free(d);
}

/* Once per process, before the first connection: no memory statistics.
 * They take one global mutex on every SQLite allocation, which every
 * worker thread then queues on (measured: docs/benchmarks.md).  A later
 * call is a no-op if SQLite was already initialised (tests). */
static pthread_once_t	sq_once = PTHREAD_ONCE_INIT;

static void
sq_configure(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int
sq_open(const char *path, struct wb_db **out, struct wb_err *err)
{
	struct sq_db	*d;
	int		 rc;

	pthread_once(&sq_once, sq_configure);
	d = wb_xcalloc(1, sizeof(*d));
	d->base.ops = &wb_db_sqlite_ops;
	rc = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
	    NULL);
	if (rc != SQLITE_OK) {
		rc = sq_error(d, rc, err);
		sq_close(&d->base);
		return rc;
	}
	sqlite3_busy_timeout(d->h, 5000);
	sqlite3_db_config(d->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(d->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(d->h, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(d->h, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	sqlite3_db_config(d->h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	/* No mmap: measured slower here (the file grows with every audit
	 * batch, and remapping costs a TLB shootdown on every thread). */
	rc = sq_exec_script(&d->base, "PRAGMA journal_mode=WAL; "
	    "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;", err);
	if (rc != 0) {
		sq_close(&d->base);
		return rc;
	}
	*out = &d->base;
	return 0;
}

/* Rewrite $n placeholders to ?n outside string literals. */
static void
rewrite_placeholders(const char *sql, struct wb_buf *out)
{
	bool	in_str = false;

	for (; *sql != '\0'; sql++) {
		if (*sql == '\'')
			in_str = !in_str;
		if (!in_str && *sql == '$' && sql[1] >= '0' && sql[1] <= '9')
			wb_buf_putc(out, '?');
		else
			wb_buf_putc(out, *sql);
	}
}

static int
sq_prepare(struct wb_db *db, enum wb_query q, struct wb_stmt **out,
    struct wb_err *err)
{
	struct sq_db	*d = (struct sq_db *)db;
	struct sq_stmt	*s = &d->stmts[q];
	struct wb_buf	 sql;
	int		 rc;

	if (WB_NEVER(s->in_use))
		return wb_err_set(err, WB_EDB, "query %s already in use",
		    wb_query_name(q));
	if (s->st == NULL) {
		wb_buf_init(&sql, 1 << 16);
		rewrite_placeholders(wb_query_sql(q), &sql);
		rc = sqlite3_prepare_v3(d->h, wb_buf_cstr(&sql), -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
		wb_buf_free(&sql);
		if (rc != SQLITE_OK) {
			rc = sq_error(d, rc, err);
			if (err != NULL)
				snprintf(err->field, sizeof(err->field),
				    "%s", wb_query_name(q));
			return rc;
		}
		s->base.db = db;
		s->base.q = q;
	}
	s->in_use = true;
	*out = &s->base;
	return 0;
}

static void
sq_bind_int64(struct wb_stmt *st, int idx, int64_t v)
{
	(void)sqlite3_bind_int64(((struct sq_stmt *)st)->st, idx, v);
}

static void
sq_bind_text(struct wb_stmt *st, int idx, const char *s, size_t n)
{
	(void)sqlite3_bind_text64(((struct sq_stmt *)st)->st, idx, s, n,
	    SQLITE_TRANSIENT, SQLITE_UTF8);
}

/* sq_release clears the bindings, so SQLite never holds the pointer
 * beyond the statement's use. */
static void
sq_bind_kept(struct wb_stmt *st, int idx, const char *s, size_t n)
{
	(void)sqlite3_bind_text64(((struct sq_stmt *)st)->st, idx, s, n,
	    SQLITE_STATIC, SQLITE_UTF8);
}

static void
sq_bind_null(struct wb_stmt *st, int idx)
{
	(void)sqlite3_bind_null(((struct sq_stmt *)st)->st, idx);
}

static int
sq_step(struct wb_stmt *st, struct wb_err *err)
{
	struct sq_stmt	*s = (struct sq_stmt *)st;
	int		 rc = sqlite3_step(s->st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return sq_error((struct sq_db *)st->db, rc, err);
}

static int64_t
sq_changes(struct wb_stmt *st)
{
	return sqlite3_changes64(((struct sq_db *)st->db)->h);
}

static int64_t
sq_col_int64(struct wb_stmt *st, int col)
{
	return sqlite3_column_int64(((struct sq_stmt *)st)->st, col);
}

static const char *
sq_col_text(struct wb_stmt *st, int col)
{
	const unsigned char *t =
	    sqlite3_column_text(((struct sq_stmt *)st)->st, col);

	return t ? (const char *)t : "";
}

static bool
sq_col_isnull(struct wb_stmt *st, int col)
{
	return sqlite3_column_type(((struct sq_stmt *)st)->st, col) ==
	    SQLITE_NULL;
}

static int
sq_ncols(struct wb_stmt *st)
{
	return sqlite3_column_count(((struct sq_stmt *)st)->st);
}

static void
sq_release(struct wb_stmt *st)
{
	struct sq_stmt	*s = (struct sq_stmt *)st;

	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->in_use = false;
}

/* How long a backup step waits for a busy or locked database in all
 * (in steps of BACKUP_WAIT_MS). */
#define BACKUP_WAIT_MS		50
#define BACKUP_WAIT_TRIES	200

/* Copy every page of `from` into `to` with the online backup API, in one
 * step (a consistent snapshot of `from`), retrying while either side is
 * busy.  Returns an SQLite result code; the detail is in `to`'s errmsg. */
static int
backup_pages(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup	*b;
	int		 rc, tries = 0;

	b = sqlite3_backup_init(to, "main", from, "main");
	if (b == NULL)
		return sqlite3_extended_errcode(to);
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(BACKUP_WAIT_MS);
	} while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	    ++tries < BACKUP_WAIT_TRIES);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	if (sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_OK)
		rc = sqlite3_extended_errcode(to);
	return rc;
}

/* Online backup of the open database into the new file `path`: refused
 * (WB_ECONFLICT) when the file exists; a failed backup removes it. */
static int
sq_backup_to(struct wb_db *db, const char *path, struct wb_err *err)
{
	struct sq_db	*d = (struct sq_db *)db;
	sqlite3		*to = NULL;
	bool		 created = false;
	int		 fd, rc;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = errno == EEXIST ?
		    wb_err_set(err, WB_ECONFLICT, "%s bestaat al", path) :
		    wb_err_set(err, WB_EIO, "kan %s niet maken: %s", path,
		    strerror(errno));
		goto out;
	}
	created = true;
	(void)close(fd);
	rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc == SQLITE_OK)
		rc = backup_pages(to, d->h);
	if (rc != SQLITE_OK)
		rc = wb_err_set(err, (rc & 0xff) == SQLITE_BUSY ? WB_EBUSY :
		    WB_EDB, "sqlite backup: %s (%d)", to != NULL ?
		    sqlite3_errmsg(to) : sqlite3_errstr(rc), rc);
out:
	if (to != NULL && sqlite3_close(to) != SQLITE_OK && rc == 0)
		rc = wb_err_set(err, WB_EIO, "sqlite backup: close failed");
	if (rc != 0 && created)
		(void)unlink(path);
	return rc;
}

/* Replace the open database's content by the file `path` (opened read
 * only) with the backup API.  The caller makes sure nobody else uses the
 * database and migrates it afterwards. */
static int
sq_restore_from(struct wb_db *db, const char *path, struct wb_err *err)
{
	struct sq_db	*d = (struct sq_db *)db;
	sqlite3		*from = NULL;
	int		 rc;

	if (WB_NEVER(db->tx_depth > 0))
		return wb_err_set(err, WB_EDB, "restore inside a transaction");
	if (access(path, R_OK) != 0)
		return wb_err_set(err, WB_EIO, "kan %s niet lezen: %s", path,
		    strerror(errno));
	rc = sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK)
		rc = wb_err_set(err, WB_EDB, "sqlite restore: %s (%d)",
		    sqlite3_errstr(rc), rc);
	else {
		rc = backup_pages(d->h, from);
		if (rc != SQLITE_OK)
			rc = wb_err_set(err, (rc & 0xff) == SQLITE_BUSY ?
			    WB_EBUSY : WB_EDB, "sqlite restore: %s (%d)",
			    sqlite3_errmsg(d->h), rc);
	}
	sqlite3_close(from);
	return rc;
}

const struct wb_db_ops wb_db_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec_script = sq_exec_script,
	.prepare = sq_prepare,
	.bind_int64 = sq_bind_int64,
	.bind_text = sq_bind_text,
	.bind_kept = sq_bind_kept,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.changes = sq_changes,
	.col_int64 = sq_col_int64,
	.col_text = sq_col_text,
	.col_isnull = sq_col_isnull,
	.ncols = sq_ncols,
	.release = sq_release,
	.migrations = wb_migrations_sqlite,
	.begin_write = "BEGIN IMMEDIATE",
	.begin_read = "BEGIN",
	.bulk_begin = sq_bulk_begin,
	.bulk_end = sq_bulk_end,
	.after_copy = NULL,
	.backup_to = sq_backup_to,
	.restore_from = sq_restore_from,
};

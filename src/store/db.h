/* db.h - the database API: one connection, named prepared statements.
 *
 * A struct wb_db is one connection, used by one thread at a time (each web
 * worker opens its own).  SQL text lives only in queries.c, addressed by an
 * enum wb_query; statements are prepared once per connection and cached.
 * Placeholders are PostgreSQL style ($1 .. $n) in one shared dialect; a
 * backend rewrites them when it needs to.  Each backend is one file
 * (db_sqlite.c, db_pg.c) that fills a struct wb_db_ops.
 *
 * Statement life cycle: wb_db_prepare -> bind -> wb_stmt_step (repeat while
 * it returns 1) -> wb_stmt_release.  Column text stays valid until the next
 * step or release.  Text binds are copied.
 */
#ifndef WB_DB_H
#define WB_DB_H

#include "base/common.h"
#include "base/err.h"
#include "store/queries.h"

struct wb_db;
struct wb_stmt;

/* Open `url`: "sqlite:PATH", or "postgresql://..." / "postgres://..."
 * (a libpq connection URI, passed on whole).  Errors: WB_EINVAL (unknown
 * scheme, a URL libpq cannot parse), WB_EDB (cannot open or connect). */
int	wb_db_open(const char *url, struct wb_db **out, struct wb_err *err)
	    WB_WARN_UNUSED;
void	wb_db_close(struct wb_db *db);
/* "sqlite" or "postgresql". */
const char *wb_db_backend(const struct wb_db *db);

/* Transactions.  begin_write takes the write lock at once (SQLite BEGIN
 * IMMEDIATE) so a read-then-write cannot fail half way. */
int	wb_db_begin_write(struct wb_db *db, struct wb_err *err) WB_WARN_UNUSED;
int	wb_db_begin_read(struct wb_db *db, struct wb_err *err) WB_WARN_UNUSED;
/* A write transaction for a bulk load whose every reference the caller
 * has checked itself inside this same transaction (the CSV import: each
 * client by its policy decision, the actor's user and organisation by a
 * query; the write lock keeps them from changing).  SQLite skips its own
 * foreign-key check of each row, and gives the transaction a larger page
 * cache, until the COMMIT or ROLLBACK (after a failed COMMIT: the
 * ROLLBACK), which restore both: a third of the engine's cost of
 * importing a million measurements (docs/benchmarks.md).  PostgreSQL: as
 * begin_write. */
int	wb_db_begin_bulk(struct wb_db *db, struct wb_err *err) WB_WARN_UNUSED;
int	wb_db_commit(struct wb_db *db, struct wb_err *err) WB_WARN_UNUSED;
/* Roll back if a transaction is open; safe to call when none is. */
void	wb_db_rollback(struct wb_db *db);
bool	wb_db_in_tx(const struct wb_db *db);

/* Run a script of DDL statements (migrations only; never with input). */
int	wb_db_exec_script(struct wb_db *db, const char *sql, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Get the cached statement for `q`, reset and with bindings cleared. */
int	wb_db_prepare(struct wb_db *db, enum wb_query q, struct wb_stmt **out,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Prepare every named query once (a test guards the dialect with it). */
int	wb_db_prepare_all(struct wb_db *db, struct wb_err *err) WB_WARN_UNUSED;

/* Bind parameter $idx (1-based). */
void	wb_stmt_bind_int64(struct wb_stmt *st, int idx, int64_t v);
void	wb_stmt_bind_text(struct wb_stmt *st, int idx, const char *s);
void	wb_stmt_bind_textn(struct wb_stmt *st, int idx, const char *s,
	    size_t n);
void	wb_stmt_bind_null(struct wb_stmt *st, int idx);
/* Bind text, or NULL when s is NULL or "". */
void	wb_stmt_bind_opt(struct wb_stmt *st, int idx, const char *s);
/* As wb_stmt_bind_opt, without a copy: s must stay valid and unchanged
 * until the statement is released (a constant, or rows held by a bulk
 * writer).  Saves a copy per value where millions are bound. */
void	wb_stmt_bind_kept(struct wb_stmt *st, int idx, const char *s);

/* 1 = a row is ready, 0 = done, < 0 = error (WB_ECONFLICT for any
 * constraint violation - unique, foreign key, CHECK, NOT NULL or a STRICT
 * column type - so a caller that maps it to "already exists" must be sure
 * its input passed validation; WB_EBUSY, WB_EDB). */
int	wb_stmt_step(struct wb_stmt *st, struct wb_err *err) WB_WARN_UNUSED;
/* Step to completion, expecting no row (INSERT/UPDATE/DELETE). */
int	wb_stmt_exec(struct wb_stmt *st, struct wb_err *err) WB_WARN_UNUSED;
/* Step once expecting one int64 (e.g. RETURNING id): WB_ENOTFOUND if no
 * row. */
int	wb_stmt_exec_int64(struct wb_stmt *st, int64_t *out,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Rows changed by the last exec. */
int64_t	wb_stmt_changes(struct wb_stmt *st);

int64_t	wb_stmt_int64(struct wb_stmt *st, int col);
/* Column text, "" for NULL; valid until the next step/release. */
const char *wb_stmt_text(struct wb_stmt *st, int col);
bool	wb_stmt_isnull(struct wb_stmt *st, int col);
int	wb_stmt_ncols(struct wb_stmt *st);

/* Reset the statement for reuse; st may be NULL. */
void	wb_stmt_release(struct wb_stmt *st);

/* Migrations: apply every embedded migration not yet applied, each in its
 * own transaction; a changed checksum of an applied one is an error. */
int	wb_db_migrate(struct wb_db *db, int *applied, struct wb_err *err)
	    WB_WARN_UNUSED;

/* The database URL from --db or WERKBRUG_DB, default sqlite:var/werkbrug.db */
const char *wb_db_default_url(void);

/* The SQL of a named query (for tests and the PostgreSQL backend). */
const char *wb_query_sql(enum wb_query q);
const char *wb_query_name(enum wb_query q);

#endif /* WB_DB_H */

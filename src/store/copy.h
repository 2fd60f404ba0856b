/* copy.h - moving a whole database: table by table between two backends,
 * and SQLite's online backup.
 *
 * wb_copy_tables() reads every table of one struct wb_db and writes the
 * rows, with their own ids, into another of any backend, in foreign-key
 * order (WB_COPY_TABLES), through the named queries of the "copy" section
 * of queries.c.  The source is read in one read transaction, the target
 * written in one write transaction: a failure leaves the target as it was.
 * Both databases must be migrated to the same version; the target must be
 * empty (wb_copy_is_empty).  Afterwards the rows of every table are
 * counted on both sides.  The audit chain is copied as it is; checking it
 * (domain/audit.h) is the caller's business, as this module sits below
 * the domain.  Sealed values (a client's BSN) are copied sealed: the
 * target can open them only with the same site key file (vault.h).
 *
 * wb_copy_backup() and wb_copy_restore() use SQLite's online backup API
 * (page by page, a consistent snapshot); on PostgreSQL they return
 * WB_EINVAL: pg_dump and pg_basebackup do that job (docs/deploy.md).
 *
 * No function here prints or logs a URL or a row value.
 */
#ifndef WB_COPY_H
#define WB_COPY_H

#include "base/common.h"
#include "base/err.h"
#include "store/db.h"

/* The number of tables copied. */
#define WB_COPY_NTABLES	32

/* Rows of one table: in the source, written, and in the target after
 * the copy committed. */
struct wb_copy_count {
	const char	*table;		/* static */
	int64_t		 source, copied, target;
};

/* The name of table i (0 .. WB_COPY_NTABLES - 1) in copy order. */
const char *wb_copy_table(size_t i);

/* The number of columns copied of table i: a test compares it with the
 * table's columns, so a column added by a migration is not left behind
 * silently. */
size_t	wb_copy_ncols(size_t i);

/* The type of each column copied of table i, in the table's column
 * order: 'i' integer, 't' text ("" past the last table).  A test
 * compares it with the schema: a text column copied as an integer
 * becomes 0 without an error. */
const char *wb_copy_types(size_t i);

/* Count the rows of every table into counts[i] (table i).  Errors:
 * WB_EDB (e.g. an unmigrated database). */
int	wb_copy_counts(struct wb_db *db, int64_t counts[WB_COPY_NTABLES],
	    struct wb_err *err) WB_WARN_UNUSED;

/* *empty = no table holds a row, except audit_head's single row; when
 * not empty, *table (if not NULL) names the first table that has rows. */
int	wb_copy_is_empty(struct wb_db *db, bool *empty, const char **table,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Copy every table of `from` into `to` (migrated and empty; checked
 * again inside the write transaction) and fill counts[].  Errors:
 * WB_ECONFLICT when `to` is not empty (nothing written) or when a
 * table's counts differ after the copy (the message names the first);
 * WB_EBUSY, WB_EDB from either database (nothing written). */
int	wb_copy_tables(struct wb_db *from, struct wb_db *to,
	    struct wb_copy_count counts[WB_COPY_NTABLES], struct wb_err *err)
	    WB_WARN_UNUSED;

/* Online backup of the open database `db` into the new file `path`.
 * Errors: WB_EINVAL (a backend without it: PostgreSQL), WB_ECONFLICT
 * (path exists; untouched), WB_EIO, WB_EBUSY, WB_EDB (the partial file
 * is removed). */
int	wb_copy_backup(struct wb_db *db, const char *path, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Replace the content of `db` by the database file `path` (read only).
 * Nobody else may use `db` meanwhile (stop the server); migrate it
 * afterwards.  Errors: WB_EINVAL (PostgreSQL), WB_EIO, WB_EBUSY, WB_EDB. */
int	wb_copy_restore(struct wb_db *db, const char *path, struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_COPY_H */

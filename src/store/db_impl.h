/* db_impl.h - what a backend provides to db.c.  Not for other modules.
 *
 * A backend allocates its own connection struct that begins with a
 * struct wb_db, and its own statement struct that begins with a
 * struct wb_stmt, so db.c can dispatch through `ops`.
 */
#ifndef WB_DB_IMPL_H
#define WB_DB_IMPL_H

#include "store/db.h"

struct wb_db_ops {
	const char *name;
	int	(*open)(const char *target, struct wb_db **out,
		    struct wb_err *err);
	void	(*close)(struct wb_db *db);
	int	(*exec_script)(struct wb_db *db, const char *sql,
		    struct wb_err *err);
	int	(*prepare)(struct wb_db *db, enum wb_query q,
		    struct wb_stmt **out, struct wb_err *err);
	void	(*bind_int64)(struct wb_stmt *st, int idx, int64_t v);
	void	(*bind_text)(struct wb_stmt *st, int idx, const char *s,
		    size_t n);
	/* Without a copy (wb_stmt_bind_kept); NULL: bind_text. */
	void	(*bind_kept)(struct wb_stmt *st, int idx, const char *s,
		    size_t n);
	void	(*bind_null)(struct wb_stmt *st, int idx);
	int	(*step)(struct wb_stmt *st, struct wb_err *err);
	int64_t	(*changes)(struct wb_stmt *st);
	int64_t	(*col_int64)(struct wb_stmt *st, int col);
	const char *(*col_text)(struct wb_stmt *st, int col);
	bool	(*col_isnull)(struct wb_stmt *st, int col);
	int	(*ncols)(struct wb_stmt *st);
	void	(*release)(struct wb_stmt *st);
	/* Migration files of this dialect. */
	const struct wb_asset *migrations;
	/* Transaction statements in this dialect. */
	const char *begin_write, *begin_read;
	/* Around a bulk write transaction (wb_db_begin_bulk): before its
	 * BEGIN, and after its COMMIT or ROLLBACK (bulk_end restores the
	 * connection's settings or aborts); NULL when the backend needs
	 * nothing. */
	int	(*bulk_begin)(struct wb_db *db, struct wb_err *err);
	void	(*bulk_end)(struct wb_db *db);
	/* Run on the target after store/copy.c wrote rows with their own
	 * ids: moves id generators past them (PostgreSQL identity
	 * sequences), or NULL when the backend needs nothing. */
	const char *after_copy;
	/* Online backup of the open database into a new file, and the
	 * reverse (a file's pages into the open database); NULL when the
	 * backend has no such thing (PostgreSQL: pg_dump). */
	int	(*backup_to)(struct wb_db *db, const char *path,
		    struct wb_err *err);
	int	(*restore_from)(struct wb_db *db, const char *path,
		    struct wb_err *err);
};

struct wb_db {
	const struct wb_db_ops	*ops;
	int			 tx_depth;
	bool			 bulk;		/* settings to restore when
						 * the transaction ends */
};

struct wb_stmt {
	struct wb_db		*db;
	enum wb_query		 q;
};

extern const struct wb_db_ops wb_db_sqlite_ops;
extern const struct wb_db_ops wb_db_pg_ops;

#endif /* WB_DB_IMPL_H */

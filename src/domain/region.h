/* region.h - the labour-market regions (arbeidsmarktregio's) and their
 * municipalities, after CBS "Gebieden in Nederland".
 *
 * Regions and municipalities are never deleted: a newer year's import
 * marks those that disappeared as inactive (contact points and history
 * still refer to them) and updates names and membership.
 */
#ifndef WB_REGION_H
#define WB_REGION_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

struct wb_region {
	const char	*code;		/* AMnn */
	const char	*name;
	int64_t		 year;
	int64_t		 municipalities;
};

struct wb_municipality {
	const char	*code;		/* GMnnnn */
	const char	*name;
	const char	*region_code;
	const char	*region_name;
};

/* One problem in an import file: the line and a Dutch message. */
struct wb_row_error {
	size_t		 line;
	const char	*message;
};

/* At most this many row errors are kept; nerrors counts them all. */
#define WB_MAX_REPORTED_ERRORS	200

struct wb_import_report {
	size_t			 rows;		/* data rows read */
	size_t			 added;		/* or changed */
	struct wb_row_error	*errors;	/* in the caller's arena; holds
						 * min(nerrors,
						 * WB_MAX_REPORTED_ERRORS) */
	size_t			 nerrors;
};

int	wb_region_list(struct wb_db *db, struct wb_arena *a,
	    struct wb_region **out, size_t *n, struct wb_err *err)
	    WB_WARN_UNUSED;
/* WB_ENOTFOUND for an unknown or inactive code. */
int	wb_region_get(struct wb_db *db, const char *code, struct wb_arena *a,
	    struct wb_region *out, struct wb_err *err) WB_WARN_UNUSED;
int	wb_region_municipalities(struct wb_db *db, const char *code,
	    struct wb_arena *a, struct wb_municipality **out, size_t *n,
	    struct wb_err *err) WB_WARN_UNUSED;
int	wb_municipality_get(struct wb_db *db, const char *code,
	    struct wb_arena *a, struct wb_municipality *out,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Municipalities whose name, region name or code matches `q` (exact name
 * first, then substring), at most 50. */
int	wb_municipality_search(struct wb_db *db, const char *q,
	    struct wb_arena *a, struct wb_municipality **out, size_t *n,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Load a CBS file (columns region_code, region_name, municipality_code,
 * municipality_name) for `year`.  All or nothing: with any row error
 * nothing changes, WB_EINVAL is returned and report->errors lists every
 * problem.  Importing the same file twice changes nothing. */
int	wb_region_import(struct wb_db *db, const struct wb_actor *actor,
	    const char *data, size_t n, int64_t year, struct wb_arena *a,
	    struct wb_import_report *report, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Count of active regions (0 on an empty database). */
int	wb_region_count(struct wb_db *db, int64_t *n, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Append a row error to the report (message copied into `a`). */
void	wb_report_error(struct wb_import_report *r, struct wb_arena *a,
	    size_t line, const char *fmt, ...) WB_PRINTF(4, 5);

#endif /* WB_REGION_H */

/* export.h - tables for download: a client's (or all of an actor's
 * clients') trajectories and a quarter's indicators, written as CSV or
 * XLSX (libxlsxwriter).
 *
 * A struct wb_table is a header and rows of typed cells (text, whole
 * number, date, one-decimal number); its memory is the caller's arena.
 * The CSV form is the one of every werkbrug export: UTF-8 with BOM, ';',
 * CRLF, text cells through wb_csv_write_row() (quoting and the formula
 * guard); numbers and dates are written by werkbrug itself (dates
 * jjjj-mm-dd, which the imports read back; decimals with a comma).  The
 * XLSX form has one sheet with a bold, frozen header, numbers as numbers,
 * dates as dates (dd-mm-jjjj) and text always as text, never a formula.
 *
 * What goes in the tables is decided by domain/ and report/, never here:
 * trajectories through wb_trajectory_list() (the policy, one audited
 * trajectory.read per client; clients the actor may not read are left
 * out and counted), indicators through wb_indicators_get() (consent for
 * monitoring and small-cell suppression: a suppressed figure is the text
 * "<10", never its number).  Client rows name the client by werkbrug's
 * number only: no name, no BSN.
 */
#ifndef WB_EXPORT_H
#define WB_EXPORT_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "domain/actor.h"
#include "report/indicator.h"
#include "store/db.h"

enum wb_export_format {
	WB_EXPORT_CSV,
	WB_EXPORT_XLSX,
};

enum wb_cell_kind {
	WB_CELL_EMPTY,
	WB_CELL_TEXT,
	WB_CELL_INT,
	WB_CELL_DATE,		/* days since 1970-01-01 in n */
	WB_CELL_DEC1,		/* one decimal: d */
};

struct wb_cell {
	enum wb_cell_kind	 kind;
	const char		*text;
	int64_t			 n;
	double			 d;
};

struct wb_table {
	const char		*sheet;		/* XLSX sheet, <= 31 chars */
	size_t			 ncols;
	const char *const	*header;	/* ncols names */
	struct wb_cell		*cells;		/* nrows * ncols, row-major */
	size_t			 nrows, cap;	/* rows, and room for rows */
};

/* "csv" / "xlsx" and back; WB_EINVAL for anything else. */
int	wb_export_format_parse(const char *s, enum wb_export_format *out)
	    WB_WARN_UNUSED;

/* Start an empty table (t's arrays in a). */
void	wb_table_init(struct wb_table *t, const char *sheet,
	    const char *const *header, size_t ncols);
/* A new row of ncols empty cells at the end of t. */
struct wb_cell *wb_table_add_row(struct wb_table *t, struct wb_arena *a);

/* Append t as CSV to out (its errors are left in out: wb_buf_error). */
void	wb_table_csv(const struct wb_table *t, struct wb_buf *out);
/* Write t as an XLSX workbook to the new file `path` (mode 600; refused
 * with WB_ECONFLICT when it exists).  WB_EIO when libxlsxwriter fails
 * (the half-written file is removed). */
int	wb_table_xlsx(const struct wb_table *t, const char *path,
	    struct wb_err *err) WB_WARN_UNUSED;

/* The trajectories the actor may read of client `client_id`, or with
 * client_id 0 of every client on whose team the actor is ("Mijn
 * cliënten"), into t (columns: trajectory_id, client_id, intervention,
 * organisation, region, referral_date, start_date, status, end_date,
 * end_reason, days_to_contact, days_to_job, jobs, jobs_counting).
 * *skipped counts the clients left out because the policy refused them
 * (each refusal is audited by the domain).  One "trajectory.export" event
 * with the counts.  Errors: WB_EDENIED (not a professional; or the one
 * client named is refused), WB_ENOTFOUND (no such client), WB_EDB. */
int	wb_export_trajectories(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, struct wb_table *t,
	    size_t *skipped, struct wb_err *err) WB_WARN_UNUSED;

/* The indicators of scope s for the actor into t (one row per
 * intervention with anything in it, then the total; columns:
 * intervention, name, caseload, working, employment_rate, job_starts,
 * days_to_contact, days_to_job, tenure_days, ladder_measured,
 * ladder_rose_share, phq9_change, k10_change).  A suppressed figure is
 * "<10" (the threshold); a figure the organisation's own view cannot
 * compute is empty.  Errors as wb_indicators_get(). */
int	wb_export_indicators(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_ind_scope *s, struct wb_arena *a,
	    struct wb_table *t, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_EXPORT_H */

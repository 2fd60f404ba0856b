/* outcome_import.h - CSV import of trajectories, milestones and
 * measurements as other systems export them (docs/import.md has the
 * columns, formats and examples for users).
 *
 * Three kinds of file, each with a header line whose names are matched
 * without regard to ASCII case, in any order:
 *
 *   trajecten  bsn|client_id; intervention; referral_date; start_date;
 *              status; end_date; end_reason
 *   mijlpalen  bsn|client_id; trajectory_id | (intervention;
 *              trajectory_start); type; date; detail; employer; hours;
 *              competitive; min_wage; contract; reason
 *   metingen   bsn|client_id; instrument; date; items; value
 *
 * A row names its client by BSN (found through the vault's blind index,
 * never stored or shown) or by werkbrug's client number; a milestone
 * names its trajectory by werkbrug's number or by intervention and start
 * date.  ';' or ',' separated, UTF-8 with or without BOM, dates dd-mm-jjjj
 * or jjjj-mm-dd (io/csv_stream.h reads the file row by row, so a command
 * line import of millions of rows holds the checked rows, never the
 * file).  Cells are trimmed, and the apostrophe werkbrug's exports put
 * before = + - @ is removed.
 *
 * All or nothing.  The import runs as one professional (the actor; the
 * command line's `--as EMAIL`): anyone else, the system actor included,
 * is refused with WB_EDENIED and a denied audit event, because only the
 * consent policy decides who may write a client's data and it decides
 * for professionals.  One write transaction holds everything: every row
 * is checked first (types, dates, codes, hours, ranges, the client exists
 * and the policy lets the actor write its work & income data, or its
 * health data for a complaint measure, trajectory references, duplicates
 * within the file and against werkbrug), each problem noted with its line
 * and column; the policy is decided once per client and reused for its
 * other rows.  With any problem nothing is written, the transaction is
 * rolled back, the clients refused by the policy get a denied audit event
 * each, those it let through (whose stored rows the check read) an
 * allowed one ("failed rows=N"), and WB_EINVAL (or WB_ETOOBIG) is
 * returned with the problems in the result.  A BSN whose client the
 * policy refuses reads as an unknown one, client_id or not.  Otherwise the rows are written through prepared
 * statements (trajectories and milestones in file order, measurements
 * sorted by client, instrument and day, 16 to a statement), with one
 * audit event per client
 * (trajectory.import, milestone.import or measurement.import: purpose,
 * consent relied on, the number of rows) and one "import" event for the
 * file with the counts, and committed.  A dry run does the same checks,
 * writes the audit events and nothing else.
 *
 * Without a database (db == NULL, actor ignored) only what needs none is
 * checked: header, formats, codes, in-file duplicates of rows naming a
 * client number; the fuzz target uses that.
 */
#ifndef WB_OUTCOME_IMPORT_H
#define WB_OUTCOME_IMPORT_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

enum wb_import_kind {
	WB_IMPORT_TRAJECTORIES,	/* trajecten */
	WB_IMPORT_MILESTONES,	/* mijlpalen */
	WB_IMPORT_MEASUREMENTS,	/* metingen */
};

enum wb_import_phase {
	WB_IMPORT_CHECKING,	/* done/total: bytes of the file */
	WB_IMPORT_WRITING,	/* done/total: rows */
};

struct wb_import_options {
	bool		 dry_run;
	uint64_t	 max_bytes;	/* 0: WB_MAX_UPLOAD */
	size_t		 max_rows;	/* 0: WB_MAX_CSV_ROWS */
	uint64_t	 size;		/* the file's size for progress, or 0 */
	/* Called every few thousand rows and at the end of each phase;
	 * NULL for none. */
	void		(*progress)(void *arg, enum wb_import_phase phase,
			    uint64_t done, uint64_t total);
	void		*progress_arg;
};

/* One problem: the line of the file (0 = the file as a whole), the column
 * (NULL = the row) and a Dutch message that holds no BSN, name or score. */
struct wb_import_problem {
	size_t		 line;
	const char	*column;
	const char	*message;
};

struct wb_import_result {
	size_t			  rows;		/* data rows read */
	size_t			  clients;	/* distinct clients */
	/* What was written (or, in a dry run, would be). */
	size_t			  trajectories, milestones, jobs, jobs_ended,
				  measurements;
	/* Every problem is counted; the first WB_MAX_IMPORT_REPORTED are
	 * kept, in the caller's arena. */
	size_t			  nproblems;
	struct wb_import_problem *problems;
};

/* "trajecten", "mijlpalen", "metingen" and back; WB_EINVAL for anything
 * else. */
int	wb_import_kind_parse(const char *s, enum wb_import_kind *out)
	    WB_WARN_UNUSED;
const char *wb_import_kind_name(enum wb_import_kind kind);

/* Import the file `fd` (read to its end) or data[0..n) as described
 * above.  Errors: WB_EDENIED (not a professional), WB_EINVAL /
 * WB_ETOOBIG (res lists the problems; nothing was written), WB_EDB and
 * friends (rolled back).  opt may be NULL (defaults, no dry run). */
int	wb_import_fd(struct wb_db *db, const struct wb_actor *actor,
	    enum wb_import_kind kind, int fd,
	    const struct wb_import_options *opt,
	    struct wb_arena *a, struct wb_import_result *res,
	    struct wb_err *err) WB_WARN_UNUSED;
int	wb_import_mem(struct wb_db *db, const struct wb_actor *actor,
	    enum wb_import_kind kind, const char *data, size_t n,
	    const struct wb_import_options *opt, struct wb_arena *a,
	    struct wb_import_result *res, struct wb_err *err) WB_WARN_UNUSED;

/* "regel 12, kolom start_date: ..." (or "regel 12: ..." without a
 * column, just the message for line 0) into out. */
void	wb_import_problem_format(const struct wb_import_problem *p, char *out,
	    size_t outsz);

#endif /* WB_OUTCOME_IMPORT_H */

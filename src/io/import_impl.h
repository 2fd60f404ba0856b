/* import_impl.h - what the four files of the outcome import share.  Not a
 * public header: only outcome_import.c and import_*.c include it; every
 * other module uses io/outcome_import.h.
 *
 * struct ctx is one import: the file's header, its clients and the
 * policy's decisions, the duplicate keys and the checked rows.
 * outcome_import.c runs the import and holds the machinery the kinds
 * share (hash tables, problems, cells, clients, the write loop);
 * import_trajectory.c, import_milestone.c and import_measurement.c check
 * and write the rows of one kind of file each.  The shared functions are
 * named imp_*; everything else in those files is static.
 */
#ifndef WB_IMPORT_IMPL_H
#define WB_IMPORT_IMPL_H

#include "io/outcome_import.h"
#include "io/csv_stream.h"
#include "domain/access.h"
#include "domain/instrument.h"

#define NONE		INT32_MIN	/* a date not given */

/* ---------- columns ---------------------------------------------------- */

enum col {
	C_BSN, C_CLIENT_ID,
	C_INTERVENTION, C_REFERRAL_DATE, C_START_DATE, C_STATUS, C_END_DATE,
	C_END_REASON,
	C_TRAJECTORY_ID, C_TRAJECTORY_START, C_TYPE, C_DATE, C_DETAIL,
	C_EMPLOYER, C_HOURS, C_COMPETITIVE, C_MIN_WAGE, C_CONTRACT, C_REASON,
	C_INSTRUMENT, C_ITEMS, C_VALUE,
	C__N
};

/* Milestone types as stored in wb_milestone_types (trajectory.h). */
enum { MS_PROFILE, MS_CONTACT, MS_JOB_START, MS_JOB_END, MS_OUTFLOW,
    MS_EDUCATION };

/* ---------- hash tables ------------------------------------------------ */

/* int64 key (never 0) -> int64 value, open addressing. */
struct idmap {
	struct idslot {
		int64_t	key, val;	/* key 0: free; key and value side
					 * by side, one cache line a look-up */
	}		*slots;
	size_t		 mask, n;
};

/* A key of up to two words (a != 0) seen in the file or in werkbrug,
 * with where: a line (> 0) or the negated id of a stored object (< 0, or
 * INT64_MIN when it has none). */
struct keyset {
	struct key {
		uint64_t	a, b;
		int64_t		where;
	}		*slots;
	size_t		 mask, n;
};

/* ---------- what the rows refer to ------------------------------------- */

/* A client named in the file: the policy's decision for the actor. */
struct client {
	int64_t		 id;
	bool		 exists;	/* and not erased */
	unsigned	 allowed;	/* WB_CAT_WORK, _HEALTH granted */
	unsigned	 refused;	/* categories wanted but not granted */
	enum wb_purpose	 purpose;
	int64_t		 consent_id;
	bool		 keys_loaded;	/* its stored rows are in c->keys */
	char		 region[8];	/* "" until needed */
	size_t		 rows;		/* rows of this file */
	size_t		 checked;	/* rows the policy let through */
};

/* A trajectory named in a milestone file (import_milestone.c). */
struct traj;

/* ---------- checked rows ----------------------------------------------- */

struct traj_row {
	int64_t		 client;
	size_t		 line;
	int32_t		 referral, start, end;
	uint16_t	 iv;
	uint8_t		 status;
	const char	*reason;
};

struct ms_row {
	int64_t		 client, traj;
	size_t		 line;
	int32_t		 day;
	uint8_t		 type, detail, contract;
	int8_t		 competitive, min_wage;
	bool		 merged;	/* a job-end applied to its job-start */
	int32_t		 minutes;
	const char	*employer, *reason;
	int32_t		 end;		/* job-start ended in the file */
	const char	*end_reason;
	int64_t		 end_job;	/* job-end of a stored job */
};

struct m_row {
	uint32_t	 k;		/* the client's index in c->clients */
	size_t		 line;
	int32_t		 day;
	int16_t		 value;
	uint8_t		 ins;		/* index in wb_instruments */
	char		 items[WB_INSTRUMENT_MAXITEMS + 1];
};

/* A measurement's sort key and its row (import_measurement.c). */
struct pair;

/* Everything one import works with. */
struct ctx {
	struct wb_db		*db;		/* NULL: offline checks */
	const struct wb_actor	*actor;
	enum wb_import_kind	 kind;
	const struct wb_import_options *opt;
	struct wb_arena		*a;
	struct wb_import_result	*res;
	struct wb_err		*err;
	struct wb_csv_stream	 stream;
	int			 idx[C__N];	/* column -> cell, or -1 */
	size_t			 ncols;		/* of the header */
	bool			 header_ok;
	int64_t			 today;
	int64_t			 now;		/* created_at of every row */
	/* The catalogue of interventions (trajectories). */
	struct wb_intervention	*ivs;
	size_t			 nivs;
	/* Clients, by id; BSNs to client ids (0: none). */
	struct client		*clients;
	size_t			 nclients, ccap;
	struct idmap		 client_ix, bsn_ix;
	/* Trajectories named by milestones, by id. */
	struct traj		*trajs;
	size_t			 ntrajs, tcap;
	struct idmap		 traj_ix;
	struct keyset		 keys;		/* duplicates */
	/* The checked rows of the file's kind. */
	void			*rows;
	size_t			 nrows, rcap;
	size_t			 row_size;
	/* Measurements: the rows in the order they are written (by client,
	 * instrument and day, so the index and the foreign keys are
	 * written and checked in order, not at random). */
	struct pair		*order;
	size_t			 norder;
	/* The cells of the row being checked, trimmed. */
	const char		*v[C__N];
};

/* ---------- outcome_import.c ------------------------------------------- */

/* The hash tables: a value slot (inserted when new), a value or NULL, a
 * key added (true, and where it was seen before, when it was there). */
int64_t	*imp_idmap_slot(struct idmap *m, int64_t key, bool *found);
const int64_t *imp_idmap_find(const struct idmap *m, int64_t key);
bool	 imp_keys_add(struct keyset *k, uint64_t a, uint64_t b,
	    int64_t where, int64_t *before);

/* A problem noted; a code or label picked; a cell for a message; a
 * date read from a cell. */
void	 imp_problem(struct ctx *c, size_t line, int col, const char *fmt,
	    ...) WB_PRINTF(4, 5);
int	 imp_pick(const char *const *codes,
	    const char *(*label)(const char *), const char *s);
const char *imp_shown(struct ctx *c, const char *s);
bool	 imp_get_day(struct ctx *c, size_t line, int col, bool required,
	    int32_t *out);

/* A client and the policy's decision on it; the client of the row
 * being checked. */
int	 imp_client_entry(struct ctx *c, int64_t id, struct client **out)
	    WB_WARN_UNUSED;
int	 imp_client_of(struct ctx *c, size_t line, unsigned want,
	    const char *what, struct client **out) WB_WARN_UNUSED;

/* Room for one more checked row; a date bound, or NULL for NONE. */
void	*imp_push_row(struct ctx *c);
void	 imp_bind_day(struct wb_stmt *st, int idx, int32_t d);

/* ---------- one kind of file each: import_<kind>.c --------------------- */

/* Check the row on `line` (its cells in c->v): its problems noted, or
 * the row added to c->rows.  0 or a database error. */
int	imp_traj_check(struct ctx *c, size_t line) WB_WARN_UNUSED;
int	imp_milestone_check(struct ctx *c, size_t line) WB_WARN_UNUSED;
int	imp_measurement_check(struct ctx *c, size_t line) WB_WARN_UNUSED;

/* After the last row: the duplicates of measurements, and their writing
 * order in c->order. */
int	imp_measurement_dups(struct ctx *c) WB_WARN_UNUSED;

/* Write checked row i (measurements: from c->order[*i] on, moving *i)
 * in the open transaction; then the milestones' first contacts. */
int	imp_traj_write(struct ctx *c, size_t i) WB_WARN_UNUSED;
int	imp_milestone_write(struct ctx *c, size_t i) WB_WARN_UNUSED;
int	imp_milestone_contacts(struct ctx *c) WB_WARN_UNUSED;
int	imp_measurement_write(struct ctx *c, size_t *i) WB_WARN_UNUSED;

/* ---------- inline, for the loops over every row ----------------------- */

/* An empty cell (a column the file lacks reads as one) or NULL. */
static inline bool
imp_blank(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* 24 bits of a date for a key (0 = none); dates are 1900-2200. */
static inline uint64_t
imp_day_key(int32_t d)
{
	return d == NONE ? 0 : (uint64_t)(d + (1 << 23)) & 0xffffff;
}

#endif /* WB_IMPORT_IMPL_H */

/* indicator.h - the outcome indicators of a region or an organisation for
 * one quarter, per intervention and in total.
 *
 * Definitions (docs/outcomes.md has them for readers):
 *   caseload	clients with a trajectory active at any time in the
 *		quarter (started on or before its last day, not ended before
 *		its first), counted once per intervention;
 *   working	of those, clients in a competitive job of at least the
 *		job-start threshold at any time in the quarter;
 *   rate	working / caseload, against the IPS benchmarks 31, 41, 50 %;
 *   job starts	jobs of at least the threshold that started in the quarter;
 *   days to first employer contact / to first job: the median over the
 *		trajectories whose first contact (first counting job) fell in
 *		the quarter, counted from the trajectory's start;
 *   tenure	the median days of counting jobs that ended in the quarter;
 *   ladder	of the caseload with two or more ladder measurements up to
 *		the quarter's end, the share whose latest rung is above the
 *		first;
 *   PHQ-9, K10	the mean change from the first to the latest measurement up
 *		to the quarter's end (negative = fewer complaints).
 * The total row is the sum of the interventions' rows (a client in two
 * interventions counts in both), so the table's sums hold exactly.
 *
 * Who sees what: the staff of an organisation see their own
 * organisation's figures over all its trajectories, as they are.  Every
 * other view (a region, another organisation, the national monitor)
 * counts only clients with an active monitoring consent for the lead
 * organisation (naming work & income; health for PHQ-9 and K10) and goes
 * through suppress.h: counts 1-9 and what would recompute them are not
 * shown, nor rates, shares, medians and means over fewer than 10.  A
 * rate's complement (the clients not working) is protected like a count,
 * so a rate never tells that a handful did not make it.
 * Aggregates hold no personal data, so reading them is not audited.
 */
#ifndef WB_INDICATOR_H
#define WB_INDICATOR_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

/* The IPS benchmarks of the quarterly competitive employment rate. */
#define WB_IPS_RATE_MINIMAL	31
#define WB_IPS_RATE_AVERAGE	41
#define WB_IPS_RATE_EXCELLENT	50

enum wb_ind_count {
	WB_IND_CASELOAD,
	WB_IND_WORKING,
	WB_IND_STARTS,
	WB_IND_LADDER_N,	/* clients with two ladder measurements */
	WB_IND_LADDER_ROSE,	/* of those, rose at least one rung */
	/* The complements, never shown but protected: a rate of 10 in 12
	 * would otherwise tell that 2 did not work. */
	WB_IND_NOT_WORKING,	/* caseload - working */
	WB_IND_LADDER_STAYED,	/* ladder_n - rose */
	WB_IND_NCOUNTS,
};

enum wb_ind_stat {
	WB_IND_DAYS_CONTACT,	/* median */
	WB_IND_DAYS_JOB,	/* median */
	WB_IND_TENURE,		/* median, days */
	WB_IND_PHQ9,		/* mean change */
	WB_IND_K10,		/* mean change */
	WB_IND_NSTATS,
};

struct wb_ind_row {
	const char	*intervention;	/* code; NULL for the total */
	const char	*name;
	int64_t		 count[WB_IND_NCOUNTS];
	bool		 count_shown[WB_IND_NCOUNTS];
	double		 rate;		/* employment rate, percent */
	bool		 rate_shown;
	double		 rose;		/* ladder: percent who rose */
	bool		 rose_shown;
	double		 stat[WB_IND_NSTATS];
	int64_t		 stat_n[WB_IND_NSTATS];
	bool		 stat_shown[WB_IND_NSTATS];
};

struct wb_ind_scope {
	const char	*region_code;	/* a region, or */
	int64_t		 org_id;	/* an organisation (one of the two) */
	const char	*intervention;	/* NULL = every intervention */
	int		 year, quarter;	/* quarter 1-4 */
};

struct wb_indicators {
	struct wb_ind_scope scope;
	int64_t		 first_day, last_day;	/* of the quarter */
	bool		 own;		/* the organisation's own, unsuppressed */
	int		 threshold;	/* suppression threshold (10) */
	int		 job_minutes;	/* the job-start threshold used */
	struct wb_ind_row *rows;	/* per intervention, catalogue order */
	size_t		 nrows;
	struct wb_ind_row total;
	/* The participatieladder of the clients counted in the total's
	 * ladder figure (two measurements or more): how many stood on each
	 * rung (index 0 = rung 1) at the first and at the latest
	 * measurement, and whether each distribution may be shown (all six
	 * counts shown). */
	int64_t		 ladder_first[6], ladder_last[6];
	bool		 ladder_shown[2];
};

/* "2026K3" style parse and format of a quarter (also "2026Q3"); parse
 * returns WB_EINVAL on anything else or a year outside 2000-2100. */
int	wb_quarter_parse(const char *s, int *year, int *quarter);
void	wb_quarter_format(int year, int quarter, char *out, size_t outsz);
/* The first and last day (days since 1970) of a quarter. */
void	wb_quarter_days(int year, int quarter, int64_t *first, int64_t *last);
/* The quarter of a day. */
void	wb_quarter_of(int64_t day, int *year, int *quarter);

/* The indicators of scope s for the actor (see above).  WB_EDENIED for
 * clients and anonymous actors; WB_EINVAL for a scope that names neither
 * or both of region and organisation, or a bad quarter. */
int	wb_indicators_get(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_ind_scope *s, struct wb_arena *a,
	    struct wb_indicators *out, struct wb_err *err) WB_WARN_UNUSED;

/* The caseload, working and employment rate (no other figures) of the n
 * quarters up to and including s's, oldest first, into out[0 .. n-1],
 * protected exactly as wb_indicators_get() protects them.  One grouped
 * query over the whole span.  n is 1 .. WB_IND_TREND_MAX. */
#define WB_IND_TREND_MAX	40
int	wb_indicators_trend(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_ind_scope *s, int n, struct wb_arena *a,
	    struct wb_indicators *out, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_INDICATOR_H */

/* target.h - quantitative targets (the "kwantitatieve doelen" the seeds
 * found missing in 29 of 31 regions): per region or organisation,
 * optionally per intervention, per year, one value per indicator.
 *
 * A target holds for each quarter of its year: rates and shares in whole
 * percents (employment-rate, ladder-rise), counts per quarter (caseload,
 * job-starts), days as a maximum (days-to-contact, days-to-job: the median
 * should be at most the target).  Setting one again replaces it.  Who sets
 * them is decided by access.c (WB_ACT_TARGET_SET); anyone signed in as
 * staff reads them, as they hold no personal data.  Audited target.set.
 */
#ifndef WB_TARGET_H
#define WB_TARGET_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

/* The indicators ("employment-rate", "job-starts", "caseload",
 * "days-to-contact", "days-to-job", "ladder-rise"), NULL-terminated. */
extern const char *const wb_target_indicators[];
const char	*wb_target_label(const char *indicator);
/* True for the days indicators, where lower is better. */
bool		 wb_target_lower_is_better(const char *indicator);

struct wb_target {
	int64_t		 id;
	const char	*region_code;	/* NULL for an organisation's */
	int64_t		 org_id;	/* 0 for a region's */
	const char	*intervention;	/* NULL = all interventions */
	const char	*indicator;
	int		 year;
	int64_t		 value;
};

/* Set (or replace) a target.  Field errors: indicator, year (2000-2100),
 * value (0-100 for percentages, 0-100000 otherwise), intervention
 * (unknown).  WB_EDENIED when the actor may not. */
int	wb_target_set(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_target *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* The targets of a region or an organisation for a year, for every
 * intervention (filter with intervention: NULL-intervention targets and
 * that intervention's). */
int	wb_target_list(struct wb_db *db, const char *region_code,
	    int64_t org_id, int year, struct wb_arena *a,
	    struct wb_target **out, size_t *n, struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_TARGET_H */

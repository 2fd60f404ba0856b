/* trajectory.h - a client's routes to work: trajectories, milestones, jobs.
 *
 * A trajectory is one client in one intervention of the catalogue (IPS,
 * Werk als beste Zorg, jobcoaching, ...), led by one organisation and one
 * of its professionals.  Its status runs aangemeld -> actief -> afgerond
 * or uitgevallen (uitgevallen also straight from aangemeld); an ended
 * trajectory keeps its end date and reason and takes no new milestones,
 * but a job found in it can still be ended.
 *
 * Milestones: the vocational profile, each employer contact, benefit
 * outflow (volledig or gedeeltelijk) and education started; jobs have
 * their own rows (employer, hours per week, competitive or not, at least
 * minimum wage, contract), their start and end being the job-start and
 * job-end milestones.  Dates are days since 1970-01-01, never before the
 * trajectory's start and never in the future.
 *
 * IPS definitions (wb_ips_*): a job counts as a job start once it has at
 * least the threshold of paid hours per week (4 by default, [outcomes]
 * job_min_hours); days to first employer contact and to the first
 * counting job are counted from the trajectory's start date; job tenure
 * runs from the job's start to its end (or to the day of reckoning).
 *
 * All of it is work & income data of the client (WB_CAT_WORK): every read
 * and change is decided and audited through client_access.c
 * (trajectory.read, trajectory.add, trajectory.update, milestone.add,
 * job.start, job.end), the details naming ids and codes, never employers.
 * Only professionals of the lead organisation change a trajectory, and
 * only a professional who may write the client's work & income data
 * records one, for their own organisation.
 */
#ifndef WB_TRAJECTORY_H
#define WB_TRAJECTORY_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_EMPLOYER_MAX		100	/* characters */
#define WB_REASON_MAX		300
#define WB_JOB_MAX_MINUTES	(80 * 60)	/* hours per week, at most */
#define WB_JOB_MIN_MINUTES_DEFAULT	(4 * 60)

/* -- the intervention catalogue -- */

struct wb_intervention {
	const char	*code;		/* stable: "ips", "wabz", ... */
	const char	*name;
	const char	*description;
	bool		 ips;		/* an IPS programme */
	bool		 active;	/* offered for new trajectories */
};

/* The catalogue in display order; with all false only active ones.  Any
 * signed-in account may read it. */
int	wb_intervention_list(struct wb_db *db, bool all, struct wb_arena *a,
	    struct wb_intervention **out, size_t *n, struct wb_err *err)
	    WB_WARN_UNUSED;
/* One entry (WB_ENOTFOUND when the code is unknown). */
int	wb_intervention_get(struct wb_db *db, const char *code,
	    struct wb_arena *a, struct wb_intervention *out,
	    struct wb_err *err) WB_WARN_UNUSED;
/* Admins change the name, description and whether it is offered; the
 * code stays.  Field errors: name (1-100), description (<= 500).
 * Audited intervention.update. */
int	wb_intervention_update(struct wb_db *db, const struct wb_actor *actor,
	    const char *code, const char *name, const char *description,
	    bool active, struct wb_err *err) WB_WARN_UNUSED;

/* -- the threshold of a job start (minutes of paid work per week) -- */

void	wb_ips_set_job_threshold(int minutes);
int	wb_ips_job_threshold(void);

/* -- trajectories -- */

/* The statuses ("aangemeld", "actief", "afgerond", "uitgevallen"),
 * NULL-terminated, and their labels. */
extern const char *const wb_trajectory_statuses[];
const char	*wb_trajectory_status_label(const char *status);
/* Milestone types of the API and import ("profile", "employer-contact",
 * "job-start", "job-end", "benefit-outflow", "education"), NULL-
 * terminated, and their labels. */
extern const char *const wb_milestone_types[];
const char	*wb_milestone_type_label(const char *type);
/* Contract types ("vast", "tijdelijk", "uitzend", "oproep",
 * "zelfstandig", "anders"), NULL-terminated, and their labels. */
extern const char *const wb_job_contracts[];
const char	*wb_job_contract_label(const char *contract);

struct wb_milestone {
	int64_t		 id;
	const char	*type;		/* as stored: not job-start/job-end */
	int64_t		 on_date;
	const char	*detail;	/* benefit-outflow: volledig/gedeeltelijk */
};

struct wb_job {
	int64_t		 id;
	const char	*employer;
	int		 minutes_per_week;
	bool		 competitive, min_wage;
	const char	*contract;
	int64_t		 start_date;
	int64_t		 end_date;	/* INT64_MIN = still working */
	const char	*end_reason;	/* NULL when none */
	bool		 counts;	/* a job start by the IPS threshold */
	int64_t		 tenure_days;	/* to its end, or to today */
};

struct wb_trajectory {
	int64_t		 id, client_id;
	const char	*intervention, *intervention_name;
	bool		 ips;
	int64_t		 org_id;
	const char	*org_name;
	int64_t		 lead_user;	/* 0 = none */
	const char	*lead_name;
	const char	*region_code;
	int64_t		 referral_date;	/* INT64_MIN = none */
	int64_t		 start_date;	/* INT64_MIN = not started */
	const char	*status;
	int64_t		 end_date;	/* INT64_MIN = running */
	const char	*end_reason;
	int64_t		 version;
	/* IPS definitions, -1 when there is none yet. */
	int64_t		 days_to_contact, days_to_job;
	bool		 may_change;	/* a professional of the lead org */
	struct wb_milestone *milestones;	/* by date */
	size_t		 nmilestones;
	struct wb_job	*jobs;		/* by start date */
	size_t		 njobs;
};

/* Form or API input for a trajectory, as typed. */
struct wb_trajectory_input {
	int64_t		 client_id;
	int64_t		 id;		/* update */
	int64_t		 version;	/* update: the version shown */
	const char	*intervention;	/* add only */
	int64_t		 org_id;	/* add: 0 = the actor's organisation */
	int64_t		 lead_user;	/* 0 = the actor */
	const char	*referral_date;	/* dd-mm-jjjj or ISO; "" = none */
	const char	*start_date;	/* "" = not started (aangemeld) */
	const char	*status;	/* update: the new status */
	const char	*end_date;	/* afgerond/uitgevallen */
	const char	*end_reason;	/* required for uitgevallen */
};

/* A milestone or job as typed.  type is one of wb_milestone_types. */
struct wb_milestone_input {
	int64_t		 client_id;
	int64_t		 trajectory_id;
	const char	*type;
	const char	*date;
	const char	*detail;	/* benefit-outflow */
	/* job-start */
	const char	*employer;
	const char	*hours;		/* "16", "16,5", "16.5" */
	int		 competitive;	/* 1 yes, 0 no, -1 not given */
	int		 min_wage;	/* 1 yes, 0 no, -1 not given */
	const char	*contract;
	/* job-end */
	int64_t		 job_id;	/* 0 = the only job still running */
	const char	*reason;
};

/* Hours per week as typed into minutes (0 < m <= WB_JOB_MAX_MINUTES, at
 * most two decimals, comma or point); -1 when malformed.  Pure. */
int	wb_hours_parse(const char *s);
/* Minutes per week as Dutch hours: "16", "16,5", "16,25". */
void	wb_hours_format(int minutes, char *out, size_t outsz);

/* The client's trajectories the actor may see (work & income category,
 * else WB_EDENIED), newest first, with milestones and jobs and the IPS
 * figures as of `today`.  Audited trajectory.read. */
int	wb_trajectory_list(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, struct wb_trajectory **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;

/* Record a trajectory.  Field errors: intervention (unknown or no longer
 * offered), organisation (not the actor's own), lead (not a professional
 * of the lead organisation on the client's team), referral_date,
 * start_date (not in the future, not before the referral).  Status is
 * actief with a start date, aangemeld without.  The region is the
 * client's region now.  Audited trajectory.add. */
int	wb_trajectory_add(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_trajectory_input *in, int64_t *id,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Change the status of trajectory in->id: start (aangemeld -> actief
 * with start_date), end (-> afgerond or uitgevallen with end_date and, for
 * uitgevallen, a reason).  Stale version: WB_ECONFLICT; an impossible
 * step: WB_EINVAL with a field error.  Audited trajectory.update. */
int	wb_trajectory_update(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_trajectory_input *in, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Record a milestone (job-start adds a job, job-end ends one).  Field
 * errors: type, date, detail, employer, hours, competitive, min_wage,
 * contract, job.  *id is the milestone's or the job's id.  Audited
 * milestone.add, job.start or job.end. */
int	wb_milestone_add(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_milestone_input *in, int64_t *id,
	    struct wb_err *err) WB_WARN_UNUSED;

/* The client of a trajectory, for routes that name only the trajectory
 * (WB_ENOTFOUND when there is none).  Tells nothing else. */
int	wb_trajectory_client(struct wb_db *db, int64_t trajectory_id,
	    int64_t *client_id, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_TRAJECTORY_H */

/* plan.h - the joint plan: goals per track, with their actions.
 *
 * A goal belongs to one track: "zorg" (klachtenreductie), "werk",
 * "inkomen" or "dagbesteding", and to the organisation of the
 * professional who set it (owner_org).  Reading or changing a goal needs
 * the plan category and the track's category: health for zorg, work &
 * income for werk and inkomen, nothing more for dagbesteding.  So a care
 * goal of a GGZ institution reaches UWV only under a consent naming
 * health.
 *
 * Only professionals of the owning organisation change or stop a goal.
 * An action belongs to a goal; it is owned by a professional on the
 * client's care team who may see the goal, and has a due date.  Anyone
 * with write access to the goal's categories adds actions and marks them
 * done or open again.  Goals and actions carry a version: a change names
 * the version the form showed, and a stale one is WB_ECONFLICT, so
 * nobody overwrites a change they have not seen.  A stopped goal is
 * frozen: it and its actions no longer change.
 *
 * A goal's status is derived from its actions (wb_goal_status()), never
 * stored.  Every read and change is audited through client_access.c
 * (plan.read, goal.add, goal.update, goal.stop, action.add, action.done,
 * action.reopen, action.overdue); the details name categories and ids,
 * never titles.  Only professionals write; the client reads their own
 * plan.
 */
#ifndef WB_PLAN_H
#define WB_PLAN_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/access.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_GOAL_TITLE_MAX	200	/* characters */
#define WB_GOAL_TARGET_MAX	300
#define WB_ACTION_TITLE_MAX	200

/* The tracks ("zorg", "werk", "inkomen", "dagbesteding"), NULL-terminated,
 * their Dutch labels, and the categories a goal of the track needs
 * (WB_CAT_PLAN plus the track's own; 0 for an unknown track). */
extern const char *const wb_plan_tracks[];
const char	*wb_plan_track_label(const char *track);
unsigned	 wb_plan_track_categories(const char *track);

enum wb_goal_status {
	WB_GOAL_NEW,		/* no actions yet */
	WB_GOAL_ACTIVE,		/* open actions, none overdue */
	WB_GOAL_BEHIND,		/* an open action is overdue */
	WB_GOAL_ACHIEVED,	/* every action done */
	WB_GOAL_STOPPED,	/* stopped, whatever its actions */
};

struct wb_plan_action {
	int64_t		 id, goal_id, client_id;
	const char	*title;
	int64_t		 owner_user;
	const char	*owner_name;
	int64_t		 due_date;	/* days since 1970-01-01 */
	int64_t		 done_at;	/* Unix seconds; 0 = open */
	int64_t		 done_by;
	const char	*done_by_name;	/* NULL when open */
	int64_t		 created_by, created_at, updated_at;
	int64_t		 version;
	bool		 overdue;	/* open and due before today */
};

struct wb_goal {
	int64_t		 id, client_id;
	const char	*track;
	int64_t		 owner_org;
	const char	*owner_org_name;
	const char	*title, *target;	/* target may hold newlines */
	int64_t		 due_date;	/* days; INT64_MIN = none */
	int64_t		 stopped_at;	/* Unix seconds; 0 = running */
	int64_t		 created_by, created_at, updated_at;
	int64_t		 version;
	enum wb_goal_status status;
	/* What the viewer may do (the page offers only that; the change
	 * itself decides again): change or stop the goal (a professional
	 * of the owning organisation, goal running), add actions and mark
	 * them done (a professional, goal running). */
	bool		 may_change, may_act;
	struct wb_plan_action *actions;	/* by due date */
	size_t		 nactions;
};

struct wb_plan {
	int64_t		 client_id;
	struct wb_client_decision access;	/* access.allowed: WB_CAT_* */
	struct wb_goal	*goals;		/* running first, then by track */
	size_t		 ngoals;
};

/* Form input for a goal, as typed. */
struct wb_goal_input {
	int64_t		 client_id;
	int64_t		 id;		/* update */
	int64_t		 version;	/* update: the version shown */
	const char	*track;		/* add; a goal keeps its track */
	const char	*title;
	const char	*target;
	const char	*due_date;	/* dd-mm-jjjj or ISO; NULL/"" = none */
};

/* Form input for an action, as typed. */
struct wb_action_input {
	int64_t		 client_id;
	int64_t		 goal_id;
	const char	*title;
	int64_t		 owner_user;
	const char	*due_date;	/* required */
};

/* The status of a goal from its actions on day `today` (pure):
 * stopped -> gestopt; no actions -> nieuw; all done -> behaald; an open
 * action due before today -> achter; otherwise bezig. */
enum wb_goal_status wb_goal_status(int64_t stopped_at,
	    const struct wb_plan_action *actions, size_t n, int64_t today);
/* Open and due before `today`. */
bool		 wb_action_overdue(const struct wb_plan_action *a,
		    int64_t today);
/* "nieuw", "bezig", "achter", "behaald", "gestopt" (for CSS and the API)
 * and "Nieuw", "Bezig", "Achter op schema", "Behaald", "Gestopt". */
const char	*wb_goal_status_name(enum wb_goal_status s);
const char	*wb_goal_status_label(enum wb_goal_status s);

/* The goals the actor may see, with their actions.  Needs the plan
 * category (else WB_EDENIED); a goal is shown only when its track's
 * category is allowed too, and nothing tells that others exist.
 * Audited plan.read (detail: the categories). */
int	wb_plan_get(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, struct wb_plan *out,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Add a goal owned by the actor's organisation (write access to the
 * track's categories).  Field errors: track, title, target, due_date
 * (not in the past).  Audited goal.add. */
int	wb_goal_add(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_goal_input *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Change title, target and due date of goal in->id of client
 * in->client_id (a due date in the past is kept only when unchanged).
 * WB_EDENIED unless the actor is of the owning organisation;
 * WB_ECONFLICT when in->version is stale; WB_EINVAL on a stopped goal.
 * Audited goal.update. */
int	wb_goal_update(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_goal_input *in, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Stop a goal (as for update).  Audited goal.stop. */
int	wb_goal_stop(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, int64_t goal_id, int64_t version,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Add an action to a running goal (write access to the goal's
 * categories).  The owner must be a professional on the care team now
 * who may see the goal.  Field errors: title, owner, due_date (required,
 * not in the past).  Audited action.add. */
int	wb_action_add(struct wb_db *db, const struct wb_actor *actor,
	    const struct wb_action_input *in, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* Mark an open action done (done_at, done_by), or a done one open again,
 * naming the version shown (stale: WB_ECONFLICT; already so: WB_EINVAL).
 * Audited action.done / action.reopen. */
int	wb_action_done(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, int64_t action_id, int64_t version,
	    struct wb_err *err) WB_WARN_UNUSED;
int	wb_action_reopen(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, int64_t action_id, int64_t version,
	    struct wb_err *err) WB_WARN_UNUSED;

/* One overdue action of the actor. */
struct wb_overdue_item {
	int64_t		 client_id, goal_id, action_id;
	const char	*track;
	const char	*goal_title, *action_title;
	int64_t		 due_date;	/* days */
	int64_t		 version;	/* of the action, to mark it done */
};

/* The actor's own open actions due before today, of running goals, across
 * all their clients, oldest first; each only when the policy lets the
 * actor see its goal.  Professionals only (else WB_EDENIED).  Audited
 * once as action.overdue with the action ids. */
int	wb_plan_overdue(struct wb_db *db, const struct wb_actor *actor,
	    struct wb_arena *a, struct wb_overdue_item **out, size_t *n,
	    struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_PLAN_H */

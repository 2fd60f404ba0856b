/* plan.c - the joint plan: goals and actions. */
#include "domain/plan.h"
#include "domain/audit.h"
#include "domain/client_access.h"
#include "domain/team.h"
#include "domain/user.h"
#include "base/buf.h"
#include "base/str.h"
#include "base/time.h"

const char *const wb_plan_tracks[] = { "zorg", "werk", "inkomen",
    "dagbesteding", NULL };
static const char *const track_labels[] = { "Zorg (klachtenreductie)",
    "Werk", "Inkomen", "Dagbesteding" };
/* A care goal is a health fact; work and income goals are work & income
 * data; day activities are plan data only. */
static const unsigned track_cats[] = { WB_CAT_PLAN | WB_CAT_HEALTH,
    WB_CAT_PLAN | WB_CAT_WORK, WB_CAT_PLAN | WB_CAT_WORK, WB_CAT_PLAN };

/* Everything a partial plan read may need. */
#define PLAN_WANT	(WB_CAT_PLAN | WB_CAT_HEALTH | WB_CAT_WORK)

static const char	msg_goal_stale[] = "Dit doel is intussen door iemand "
    "anders gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw.";
static const char	msg_action_stale[] = "Deze actie is intussen door "
    "iemand anders gewijzigd. Bekijk de nieuwe versie en probeer het "
    "opnieuw.";
static const char	msg_stopped[] = "Dit doel is gestopt; het en zijn "
    "acties veranderen niet meer.";

static int
track_index(const char *track)
{
	int	i;

	for (i = 0; track != NULL && wb_plan_tracks[i] != NULL; i++)
		if (strcmp(wb_plan_tracks[i], track) == 0)
			return i;
	return -1;
}

const char *
wb_plan_track_label(const char *track)
{
	int	i = track_index(track);

	return i >= 0 ? track_labels[i] : (track != NULL ? track : "");
}

unsigned
wb_plan_track_categories(const char *track)
{
	int	i = track_index(track);

	return i >= 0 ? track_cats[i] : 0;
}

/* -- status (pure) -- */

bool
wb_action_overdue(const struct wb_plan_action *a, int64_t today)
{
	return a->done_at == 0 && a->due_date < today;
}

enum wb_goal_status
wb_goal_status(int64_t stopped_at, const struct wb_plan_action *actions,
    size_t n, int64_t today)
{
	size_t	i, open = 0;
	bool	behind = false;

	if (stopped_at != 0)
		return WB_GOAL_STOPPED;
	if (n == 0)
		return WB_GOAL_NEW;
	for (i = 0; i < n; i++) {
		if (actions[i].done_at != 0)
			continue;
		open++;
		if (wb_action_overdue(&actions[i], today))
			behind = true;
	}
	if (open == 0)
		return WB_GOAL_ACHIEVED;
	return behind ? WB_GOAL_BEHIND : WB_GOAL_ACTIVE;
}

const char *
wb_goal_status_name(enum wb_goal_status s)
{
	switch (s) {
	case WB_GOAL_NEW:	return "nieuw";
	case WB_GOAL_ACTIVE:	return "bezig";
	case WB_GOAL_BEHIND:	return "achter";
	case WB_GOAL_ACHIEVED:	return "behaald";
	case WB_GOAL_STOPPED:	return "gestopt";
	}
	return "";
}

const char *
wb_goal_status_label(enum wb_goal_status s)
{
	switch (s) {
	case WB_GOAL_NEW:	return "Nieuw";
	case WB_GOAL_ACTIVE:	return "Bezig";
	case WB_GOAL_BEHIND:	return "Achter op schema";
	case WB_GOAL_ACHIEVED:	return "Behaald";
	case WB_GOAL_STOPPED:	return "Gestopt";
	}
	return "";
}

/* -- input -- */

/* A date as typed into *days; INT64_MIN when empty. */
static int
parse_date(const char *s, int64_t *days)
{
	*days = INT64_MIN;
	if (s == NULL || s[0] == '\0')
		return 0;
	return wb_date_parse(s, strlen(s), days);
}

/* Form checks that need no database.  A due date in the past is refused
 * when adding; an update checks it against the stored one. */
static int
validate_goal(const struct wb_goal_input *in, bool adding, int64_t *due,
    struct wb_err *err)
{
	if (adding && track_index(in->track) < 0)
		return wb_err_field(err, WB_EINVAL, "track", "Kies bij welk "
		    "onderdeel het doel hoort: zorg, werk, inkomen of "
		    "dagbesteding.");
	if (wb_str_blank(in->title) ||
	    !wb_text_fits(in->title, WB_GOAL_TITLE_MAX, false))
		return wb_err_field(err, WB_EINVAL, "title", "Beschrijf het "
		    "doel in één regel (hoogstens 200 tekens).");
	if (wb_str_blank(in->target) ||
	    !wb_text_fits(in->target, WB_GOAL_TARGET_MAX, true))
		return wb_err_field(err, WB_EINVAL, "target", "Beschrijf "
		    "meetbaar wanneer het doel bereikt is (hoogstens 300 "
		    "tekens).");
	if (parse_date(in->due_date, due) != 0)
		return wb_err_field(err, WB_EINVAL, "due_date", "Vul de "
		    "streefdatum in als dd-mm-jjjj, of laat het veld leeg.");
	if (adding && *due != INT64_MIN && *due < wb_today())
		return wb_err_field(err, WB_EINVAL, "due_date", "De "
		    "streefdatum ligt in het verleden. Kies vandaag of later.");
	return 0;
}

static int
validate_action(const struct wb_action_input *in, int64_t *due,
    struct wb_err *err)
{
	if (wb_str_blank(in->title) ||
	    !wb_text_fits(in->title, WB_ACTION_TITLE_MAX, false))
		return wb_err_field(err, WB_EINVAL, "title", "Beschrijf de "
		    "actie in één regel (hoogstens 200 tekens).");
	if (in->owner_user <= 0)
		return wb_err_field(err, WB_EINVAL, "owner", "Kies wie uit het "
		    "team de actie uitvoert.");
	if (wb_str_blank(in->due_date) || parse_date(in->due_date, due) != 0)
		return wb_err_field(err, WB_EINVAL, "due_date", "Vul in "
		    "wanneer de actie klaar moet zijn, als dd-mm-jjjj.");
	if (*due < wb_today())
		return wb_err_field(err, WB_EINVAL, "due_date", "Deze datum "
		    "ligt in het verleden. Kies vandaag of later.");
	return 0;
}

/* -- decisions -- */

/* Roll back (when a transaction is open) and log a refusal that the
 * checks here made, not client_access.c; returns `code` with `msg`. */
static int
refuse(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, const struct wb_client_decision *d,
    int code, const char *msg, struct wb_err *err)
{
	struct wb_err	aerr;
	int		rc;

	wb_db_rollback(db);
	rc = wb_client_audit(db, actor, op, d, true, false, &aerr);
	if (rc != 0) {
		if (err != NULL)
			*err = aerr;
		return rc;
	}
	return wb_err_set(err, code, "%s", msg);
}

/* Plan writes are a professional's work; the client reads. */
static int
professional_only(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_client_op *op, struct wb_err *err)
{
	struct wb_client_decision d = { 0 };

	if (actor->role == WB_ROLE_PROFESSIONAL)
		return 0;
	return refuse(db, actor, op, &d, WB_EDENIED, "Alleen professionals "
	    "uit het team van de cliënt veranderen het plan.", err);
}

/* Inside the open write transaction: decide again for the categories of
 * `track` (known only once the row is read).  A refusal rolls back and
 * is logged. */
static int
decide_track(struct wb_db *db, const struct wb_actor *actor,
    struct wb_client_op *op, const char *track,
    struct wb_client_decision *d, struct wb_err *err)
{
	int	rc;

	op->want = wb_plan_track_categories(track);
	rc = wb_client_decide(db, actor, op, d, err);
	if (rc == WB_EDENIED || rc == WB_ENOTFOUND)
		return refuse(db, actor, op, d, rc, "U mag de gegevens van dit "
		    "doel niet inzien of veranderen.", err);
	if (rc != 0)
		wb_db_rollback(db);
	return rc;
}

/* -- goals -- */

struct goal_row {
	int64_t		 id;
	char		 track[16];
	int64_t		 owner_org;
	int64_t		 due_date;	/* INT64_MIN = none */
	int64_t		 stopped_at;
	int64_t		 version;
};

static int
load_goal(struct wb_db *db, int64_t client_id, int64_t goal_id,
    struct goal_row *g, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int		 rc;

	memset(g, 0, sizeof(*g));
	rc = wb_db_prepare(db, Q_GOAL_GET, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, goal_id);
	wb_stmt_bind_int64(st, 2, client_id);
	rc = wb_stmt_step(st, err);
	if (rc == 1) {
		g->id = wb_stmt_int64(st, 0);
		snprintf(g->track, sizeof(g->track), "%s",
		    wb_stmt_text(st, 1));
		g->owner_org = wb_stmt_int64(st, 2);
		g->due_date = wb_stmt_isnull(st, 3) ? INT64_MIN :
		    wb_stmt_int64(st, 3);
		g->stopped_at = wb_stmt_int64(st, 4);
		g->version = wb_stmt_int64(st, 5);
		rc = 0;
	} else if (rc == 0)
		rc = wb_err_set(err, WB_ENOTFOUND, "no such goal");
	wb_stmt_release(st);
	return rc;
}

/* Open a write transaction for a change to goal `goal_id`: the plan
 * category first (an unknown client or no plan access is refused by
 * client_access.c), then the goal itself with its track's categories,
 * and for owner_only the owning organisation.  On 0 the transaction is
 * open, *g holds the goal and *d the decision. */
static int
begin_goal(struct wb_db *db, const struct wb_actor *actor,
    struct wb_client_op *op, int64_t goal_id, bool owner_only,
    struct goal_row *g, struct wb_client_decision *d, struct wb_err *err)
{
	int	rc;

	op->want = WB_CAT_PLAN;
	rc = professional_only(db, actor, op, err);
	if (rc == 0)
		rc = wb_client_begin_write(db, actor, op, d, err);
	if (rc != 0)
		return rc;
	rc = load_goal(db, op->client_id, goal_id, g, err);
	if (rc == WB_ENOTFOUND)
		return refuse(db, actor, op, d, rc, "no such goal", err);
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	rc = decide_track(db, actor, op, g->track, d, err);
	if (rc != 0)
		return rc;
	if (owner_only && g->owner_org != actor->org_id)
		return refuse(db, actor, op, d, WB_EDENIED, "Alleen de "
		    "organisatie die dit doel heeft opgesteld, kan het "
		    "wijzigen of stoppen.", err);
	return 0;
}

int
wb_goal_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_goal_input *in, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "goal.add",
	    .client_id = in->client_id, .write = true };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	int64_t			 due;
	char			 idbuf[24];
	int			 rc;

	*id = 0;
	rc = validate_goal(in, true, &due, err);
	if (rc != 0)
		return rc;
	op.want = wb_plan_track_categories(in->track);
	rc = professional_only(db, actor, &op, err);
	if (rc == 0)
		rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_GOAL_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, in->client_id);
		wb_stmt_bind_text(st, 2, in->track);
		wb_stmt_bind_int64(st, 3, actor->org_id);
		wb_stmt_bind_text(st, 4, in->title);
		wb_stmt_bind_text(st, 5, in->target);
		if (due != INT64_MIN)
			wb_stmt_bind_int64(st, 6, due);
		else
			wb_stmt_bind_null(st, 6);
		wb_stmt_bind_int64(st, 7, actor->user_id);
		wb_stmt_bind_int64(st, 8, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	/* The allowed event names the new goal. */
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
	op.object_type = "goal";
	op.object_id = idbuf;
	rc = wb_client_finish_write(db, actor, &op, &d, rc, err);
	if (rc != 0)
		*id = 0;
	return rc;
}

int
wb_goal_update(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_goal_input *in, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "goal.update",
	    .client_id = in->client_id, .write = true,
	    .object_type = "goal" };
	struct wb_client_decision d;
	struct goal_row		 g;
	struct wb_stmt		*st = NULL;
	int64_t			 due;
	char			 idbuf[24];
	int			 rc;

	rc = validate_goal(in, false, &due, err);
	if (rc != 0)
		return rc;
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)in->id);
	op.object_id = idbuf;
	rc = begin_goal(db, actor, &op, in->id, true, &g, &d, err);
	if (rc != 0)
		return rc;
	if (g.version != in->version)
		return wb_client_fail(db, err,
		    WB_ECONFLICT, NULL, msg_goal_stale);
	if (g.stopped_at != 0)
		return wb_client_fail(db, err, WB_EINVAL, NULL, msg_stopped);
	/* A date that has passed may stay, not be newly chosen. */
	if (due != INT64_MIN && due < wb_today() && due != g.due_date)
		return wb_client_fail(db, err,
		    WB_EINVAL, "due_date", "De streefdatum "
		    "ligt in het verleden. Kies vandaag of later.");
	rc = wb_db_prepare(db, Q_GOAL_UPDATE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, in->id);
		wb_stmt_bind_int64(st, 2, in->version);
		wb_stmt_bind_text(st, 3, in->title);
		wb_stmt_bind_text(st, 4, in->target);
		if (due != INT64_MIN)
			wb_stmt_bind_int64(st, 5, due);
		else
			wb_stmt_bind_null(st, 5);
		wb_stmt_bind_int64(st, 6, wb_now());
		rc = wb_stmt_exec(st, err);
		/* The write lock makes this unreachable; the WHERE on the
		 * version stays as the last guard. */
		if (rc == 0 && WB_NEVER(wb_stmt_changes(st) != 1))
			rc = wb_err_set(err, WB_ECONFLICT, "%s",
			    msg_goal_stale);
		wb_stmt_release(st);
	}
	return wb_client_finish_write(db, actor, &op, &d, rc, err);
}

int
wb_goal_stop(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, int64_t goal_id, int64_t version,
    struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "goal.stop",
	    .client_id = client_id, .write = true, .object_type = "goal" };
	struct wb_client_decision d;
	struct goal_row		 g;
	struct wb_stmt		*st = NULL;
	char			 idbuf[24];
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)goal_id);
	op.object_id = idbuf;
	rc = begin_goal(db, actor, &op, goal_id, true, &g, &d, err);
	if (rc != 0)
		return rc;
	if (g.version != version)
		return wb_client_fail(db, err,
		    WB_ECONFLICT, NULL, msg_goal_stale);
	if (g.stopped_at != 0)
		return wb_client_fail(db, err,
		    WB_EINVAL, NULL, "Dit doel is al "
		    "gestopt.");
	rc = wb_db_prepare(db, Q_GOAL_STOP, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, goal_id);
		wb_stmt_bind_int64(st, 2, version);
		wb_stmt_bind_int64(st, 3, wb_now());
		rc = wb_stmt_exec(st, err);
		if (rc == 0 && WB_NEVER(wb_stmt_changes(st) != 1))
			rc = wb_err_set(err, WB_ECONFLICT, "%s",
			    msg_goal_stale);
		wb_stmt_release(st);
	}
	return wb_client_finish_write(db, actor, &op, &d, rc, err);
}

/* -- actions -- */

/* The owner of an action must be on the team now and allowed to see the
 * goal (else they would own work they cannot read).  Decided as that
 * professional would be, inside the caller's transaction. */
static int
check_owner(struct wb_db *db, int64_t client_id, int64_t user_id,
    const char *track, struct wb_err *err)
{
	struct wb_client_op	 op = { .client_id = client_id,
	    .want = wb_plan_track_categories(track) };
	struct wb_client_decision d;
	struct wb_actor		 owner = { .role = WB_ROLE_PROFESSIONAL };
	struct wb_user		 u;
	struct wb_arena		 a;
	bool			 member = false;
	int			 rc;

	rc = wb_team_is_member_tx(db, client_id, user_id, &member, err);
	if (rc != 0)
		return rc;
	if (!member)
		return wb_err_field(err, WB_EINVAL, "owner", "Kies iemand die "
		    "nu in het team van de cliënt staat.");
	wb_arena_init(&a);
	rc = wb_user_load(db, user_id, &a, &u, err);
	if (rc == 0 && (!u.active || u.role != WB_ROLE_PROFESSIONAL))
		rc = WB_ENOTFOUND;
	if (rc == 0) {
		owner.user_id = u.id;
		owner.org_id = u.org_id;
		rc = wb_client_decide(db, &owner, &op, &d, err);
	}
	wb_arena_free(&a);
	if (rc == WB_ENOTFOUND || rc == WB_EDENIED)
		return wb_err_field(err, WB_EINVAL, "owner", "Deze collega mag "
		    "de gegevens van dit doel niet inzien (de cliënt gaf geen "
		    "toestemming daarvoor). Kies iemand anders uit het team.");
	return rc;
}

int
wb_action_add(struct wb_db *db, const struct wb_actor *actor,
    const struct wb_action_input *in, int64_t *id, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "action.add",
	    .client_id = in->client_id, .write = true,
	    .object_type = "goal" };
	struct wb_client_decision d;
	struct goal_row		 g;
	struct wb_stmt		*st = NULL;
	int64_t			 due;
	char			 idbuf[24];
	int			 rc;

	*id = 0;
	rc = validate_action(in, &due, err);
	if (rc != 0)
		return rc;
	/* Refusals name the goal; the allowed event the new action. */
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)in->goal_id);
	op.object_id = idbuf;
	rc = begin_goal(db, actor, &op, in->goal_id, false, &g, &d, err);
	if (rc != 0)
		return rc;
	if (g.stopped_at != 0)
		return wb_client_fail(db, err, WB_EINVAL, NULL, msg_stopped);
	rc = check_owner(db, in->client_id, in->owner_user, g.track, err);
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	rc = wb_db_prepare(db, Q_ACTION_INSERT, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, in->goal_id);
		wb_stmt_bind_int64(st, 2, in->client_id);
		wb_stmt_bind_text(st, 3, in->title);
		wb_stmt_bind_int64(st, 4, in->owner_user);
		wb_stmt_bind_int64(st, 5, due);
		wb_stmt_bind_int64(st, 6, actor->user_id);
		wb_stmt_bind_int64(st, 7, wb_now());
		rc = wb_stmt_exec_int64(st, id, err);
		wb_stmt_release(st);
	}
	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)*id);
	op.object_type = "plan_action";
	rc = wb_client_finish_write(db, actor, &op, &d, rc, err);
	if (rc != 0)
		*id = 0;
	return rc;
}

/* Mark action `action_id` done (done) or open again. */
static int
set_done(struct wb_db *db, const struct wb_actor *actor, int64_t client_id,
    int64_t action_id, int64_t version, bool done, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = done ? "action.done" :
	    "action.reopen", .client_id = client_id, .want = WB_CAT_PLAN,
	    .write = true, .object_type = "plan_action" };
	struct wb_client_decision d;
	struct wb_stmt		*st = NULL;
	char			 idbuf[24], track[16] = "";
	int64_t			 done_at = 0, cur = 0, stopped = 0;
	int			 rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", (long long)action_id);
	op.object_id = idbuf;
	rc = professional_only(db, actor, &op, err);
	if (rc == 0)
		rc = wb_client_begin_write(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	rc = wb_db_prepare(db, Q_ACTION_GET, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, action_id);
		wb_stmt_bind_int64(st, 2, client_id);
		rc = wb_stmt_step(st, err);
		if (rc == 1) {
			done_at = wb_stmt_int64(st, 2);
			cur = wb_stmt_int64(st, 3);
			snprintf(track, sizeof(track), "%s",
			    wb_stmt_text(st, 4));
			stopped = wb_stmt_int64(st, 5);
			rc = 0;
		} else if (rc == 0)
			rc = WB_ENOTFOUND;
		wb_stmt_release(st);
	}
	if (rc == WB_ENOTFOUND)
		return refuse(db, actor, &op, &d, rc, "no such action", err);
	if (rc != 0) {
		wb_db_rollback(db);
		return rc;
	}
	rc = decide_track(db, actor, &op, track, &d, err);
	if (rc != 0)
		return rc;
	if (cur != version)
		return wb_client_fail(db, err,
		    WB_ECONFLICT, NULL, msg_action_stale);
	if (stopped != 0)
		return wb_client_fail(db, err, WB_EINVAL, NULL, msg_stopped);
	if (done && done_at != 0)
		return wb_client_fail(db, err,
		    WB_EINVAL, NULL, "Deze actie is al "
		    "afgerond.");
	if (!done && done_at == 0)
		return wb_client_fail(db, err,
		    WB_EINVAL, NULL, "Deze actie staat al "
		    "open.");
	rc = wb_db_prepare(db, done ? Q_ACTION_DONE : Q_ACTION_REOPEN, &st,
	    err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, action_id);
		wb_stmt_bind_int64(st, 2, version);
		wb_stmt_bind_int64(st, 3, wb_now());
		if (done)
			wb_stmt_bind_int64(st, 4, actor->user_id);
		rc = wb_stmt_exec(st, err);
		if (rc == 0 && WB_NEVER(wb_stmt_changes(st) != 1))
			rc = wb_err_set(err, WB_ECONFLICT, "%s",
			    msg_action_stale);
		wb_stmt_release(st);
	}
	return wb_client_finish_write(db, actor, &op, &d, rc, err);
}

int
wb_action_done(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, int64_t action_id, int64_t version,
    struct wb_err *err)
{
	return set_done(db, actor, client_id, action_id, version, true, err);
}

int
wb_action_reopen(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, int64_t action_id, int64_t version,
    struct wb_err *err)
{
	return set_done(db, actor, client_id, action_id, version, false, err);
}

/* -- reading -- */

static const char *
opt_text(struct wb_stmt *st, int col, struct wb_arena *a)
{
	return wb_stmt_isnull(st, col) ? NULL :
	    wb_arena_strdup(a, wb_stmt_text(st, col));
}

/* The goals of the client whose categories are all in `allowed`. */
static int
load_goals(struct wb_db *db, const struct wb_actor *actor, int64_t client_id,
    unsigned allowed, struct wb_arena *a, struct wb_plan *p,
    struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	size_t		 cap = 0;
	int		 rc;

	rc = wb_db_prepare(db, Q_GOAL_LIST, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		unsigned	 cats = wb_plan_track_categories(
		    wb_stmt_text(st, 2));
		struct wb_goal	*g;

		if (cats == 0 || (cats & ~allowed) != 0)
			continue;
		g = WB_ARENA_PUSH(a, p->goals, p->ngoals, cap);
		g->id = wb_stmt_int64(st, 0);
		g->client_id = wb_stmt_int64(st, 1);
		g->track = wb_arena_strdup(a, wb_stmt_text(st, 2));
		g->owner_org = wb_stmt_int64(st, 3);
		g->owner_org_name = wb_arena_strdup(a, wb_stmt_text(st, 4));
		g->title = wb_arena_strdup(a, wb_stmt_text(st, 5));
		g->target = wb_arena_strdup(a, wb_stmt_text(st, 6));
		g->due_date = wb_stmt_isnull(st, 7) ? INT64_MIN :
		    wb_stmt_int64(st, 7);
		g->stopped_at = wb_stmt_int64(st, 8);
		g->created_by = wb_stmt_int64(st, 9);
		g->created_at = wb_stmt_int64(st, 10);
		g->updated_at = wb_stmt_int64(st, 11);
		g->version = wb_stmt_int64(st, 12);
		g->may_act = actor->role == WB_ROLE_PROFESSIONAL &&
		    g->stopped_at == 0;
		g->may_change = g->may_act && g->owner_org == actor->org_id;
	}
	wb_stmt_release(st);
	return rc;
}

/* The actions of the goals in p (those of hidden goals are skipped). */
static int
load_actions(struct wb_db *db, int64_t client_id, struct wb_arena *a,
    struct wb_plan *p, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	struct wb_goal	*g = NULL;
	size_t		*caps, i;
	int64_t		 today = wb_today();
	int		 rc;

	caps = wb_arena_array(a, p->ngoals + 1, sizeof(*caps));
	rc = wb_db_prepare(db, Q_ACTION_LIST, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_int64(st, 1, client_id);
	while ((rc = wb_stmt_step(st, err)) == 1) {
		int64_t			 goal_id = wb_stmt_int64(st, 1);
		struct wb_plan_action	*x;

		/* Rows come by goal: look up only when the goal changes. */
		if (g == NULL || g->id != goal_id) {
			g = NULL;
			for (i = 0; i < p->ngoals && g == NULL; i++)
				if (p->goals[i].id == goal_id)
					g = &p->goals[i];
		}
		if (g == NULL)
			continue;
		x = WB_ARENA_PUSH(a, g->actions, g->nactions,
		    caps[g - p->goals]);
		x->id = wb_stmt_int64(st, 0);
		x->goal_id = goal_id;
		x->client_id = wb_stmt_int64(st, 2);
		x->title = wb_arena_strdup(a, wb_stmt_text(st, 3));
		x->owner_user = wb_stmt_int64(st, 4);
		x->owner_name = wb_arena_strdup(a, wb_stmt_text(st, 5));
		x->due_date = wb_stmt_int64(st, 6);
		x->done_at = wb_stmt_int64(st, 7);
		x->done_by = wb_stmt_int64(st, 8);
		x->done_by_name = opt_text(st, 9, a);
		x->created_by = wb_stmt_int64(st, 10);
		x->created_at = wb_stmt_int64(st, 11);
		x->updated_at = wb_stmt_int64(st, 12);
		x->version = wb_stmt_int64(st, 13);
		x->overdue = wb_action_overdue(x, today);
	}
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	for (i = 0; i < p->ngoals; i++)
		p->goals[i].status = wb_goal_status(p->goals[i].stopped_at,
		    p->goals[i].actions, p->goals[i].nactions, today);
	return 0;
}

int
wb_plan_get(struct wb_db *db, const struct wb_actor *actor,
    int64_t client_id, struct wb_arena *a, struct wb_plan *out,
    struct wb_err *err)
{
	struct wb_client_op	op = { .event = "plan.read",
	    .client_id = client_id, .want = PLAN_WANT, .partial = true };
	struct wb_client_decision d;
	int			rc;

	memset(out, 0, sizeof(*out));
	rc = wb_client_begin_read(db, actor, &op, &d, err);
	if (rc != 0)
		return rc;
	/* Work or health alone show no plan. */
	if ((d.allowed & WB_CAT_PLAN) == 0)
		return refuse(db, actor, &op, &d, WB_EDENIED,
		    "client plan not allowed", err);
	rc = load_goals(db, actor, client_id, d.allowed, a, out, err);
	if (rc == 0)
		rc = load_actions(db, client_id, a, out, err);
	rc = wb_client_finish_read(db, actor, &op, &d, rc, err);
	if (rc != 0) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	out->client_id = client_id;
	out->access = d;
	return 0;
}

/* What the actor may see of one client, decided once per client. */
struct seen {
	int64_t		 client_id;
	unsigned	 allowed;
};

static int
allowed_of(struct wb_db *db, const struct wb_actor *actor, int64_t client_id,
    struct wb_arena *a, struct seen **seen, size_t *nseen, size_t *cap,
    unsigned *allowed, struct wb_err *err)
{
	struct wb_client_op	 op = { .event = "action.overdue",
	    .client_id = client_id, .want = PLAN_WANT };
	struct wb_client_decision d;
	struct seen		*s;
	size_t			 i;
	int			 rc;

	for (i = 0; i < *nseen; i++)
		if ((*seen)[i].client_id == client_id) {
			*allowed = (*seen)[i].allowed;
			return 0;
		}
	rc = wb_client_decide(db, actor, &op, &d, err);
	if (rc == WB_EDENIED || rc == WB_ENOTFOUND) {
		wb_err_clear(err);
		rc = 0;
	}
	if (rc != 0)
		return rc;
	s = WB_ARENA_PUSH(a, *seen, *nseen, *cap);
	s->client_id = client_id;
	s->allowed = *allowed = d.allowed;
	return 0;
}

int
wb_plan_overdue(struct wb_db *db, const struct wb_actor *actor,
    struct wb_arena *a, struct wb_overdue_item **out, size_t *n,
    struct wb_err *err)
{
	struct wb_audit_event	 ev = { .event = "action.overdue",
	    .object_type = "plan_action" };
	struct wb_overdue_item	*items = NULL;
	struct seen		*seen = NULL;
	struct wb_stmt		*st = NULL;
	struct wb_buf		 ids;
	size_t			 cap = 0, nseen = 0, seencap = 0, i, kept = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (actor->role != WB_ROLE_PROFESSIONAL) {
		ev.denied = true;
		rc = wb_audit_log(db, actor, &ev, err);
		return rc ? rc : wb_err_set(err, WB_EDENIED, "not a "
		    "professional");
	}
	rc = wb_db_begin_read(db, err);
	if (rc == 0)
		rc = wb_db_prepare(db, Q_ACTION_OVERDUE, &st, err);
	if (rc == 0) {
		wb_stmt_bind_int64(st, 1, actor->user_id);
		wb_stmt_bind_int64(st, 2, wb_today());
		while ((rc = wb_stmt_step(st, err)) == 1) {
			struct wb_overdue_item *it;

			it = WB_ARENA_PUSH(a, items, *n, cap);
			it->client_id = wb_stmt_int64(st, 0);
			it->goal_id = wb_stmt_int64(st, 1);
			it->action_id = wb_stmt_int64(st, 2);
			/* Kept until the policy has spoken, below. */
			it->track = wb_arena_strdup(a, wb_stmt_text(st, 3));
			it->goal_title = wb_arena_strdup(a,
			    wb_stmt_text(st, 4));
			it->action_title = wb_arena_strdup(a,
			    wb_stmt_text(st, 5));
			it->due_date = wb_stmt_int64(st, 6);
			it->version = wb_stmt_int64(st, 7);
		}
		wb_stmt_release(st);
	}
	/* Per client, in the same snapshot: the goal's categories. */
	for (i = 0; rc == 0 && i < *n; i++) {
		unsigned allowed = 0;
		unsigned cats = wb_plan_track_categories(items[i].track);

		rc = allowed_of(db, actor, items[i].client_id, a, &seen,
		    &nseen, &seencap, &allowed, err);
		if (rc == 0 && cats != 0 && (cats & ~allowed) == 0)
			items[kept++] = items[i];
	}
	wb_db_rollback(db);
	/* Hidden rows do not stay in the array. */
	if (items != NULL)
		memset(items + kept, 0, (*n - kept) * sizeof(*items));
	if (rc != 0) {
		*n = 0;
		return rc;
	}
	*n = kept;
	wb_buf_init(&ids, 2048);
	for (i = 0; i < *n && ids.n < 900; i++)
		wb_buf_printf(&ids, "%s%lld", i > 0 ? "," : "",
		    (long long)items[i].action_id);
	ev.object_id = ids.n > 0 ? wb_buf_cstr(&ids) : NULL;
	rc = wb_audit_log(db, actor, &ev, err);
	wb_buf_free(&ids);
	if (rc != 0) {
		*n = 0;
		return rc;
	}
	*out = *n > 0 ? items : NULL;
	return 0;
}

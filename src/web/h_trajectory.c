/* h_trajectory.c - the Trajecten tab of a client's record (trajectories
 * with their milestones, jobs and IPS figures, and the forms to record
 * them) and the administrator's intervention catalogue.
 *
 * trajectory.c decides and audits every read and change; these pages
 * offer a form only where the domain would let it succeed (the lead
 * organisation changes the status, a professional records milestones in
 * a started trajectory, only a job can still end in an ended one), and
 * the domain decides again when it is posted.  A refused form comes back
 * open, with what was typed and the message next to its field; a status
 * form that shows an old version is refused (409) instead of overwriting
 * what someone else did in between.
 */
#include "web/handlers.h"
#include "web/client_frame.h"
#include "web/view.h"
#include "domain/access.h"
#include "domain/team.h"
#include "domain/trajectory.h"
#include "base/str.h"
#include "base/time.h"

/* Which form of the tab failed, to show it again. */
struct failed {
	const char	*form;	/* "new", "status" or "milestone" */
	int64_t		 traj;	/* the trajectory of the last two */
	int		 rc;	/* the domain's refusal, or 0 */
};

/* One line of a trajectory's history, for sorting by date. */
struct event {
	int64_t		 on;
	const char	*what;
	const char	*detail;
};

static const char *const yes_no[] = { "ja", "nee", NULL };
static const char *const outflow_details[] = { "volledig", "gedeeltelijk",
    NULL };

static const char	*days_text(struct wb_req *, int64_t);
static const char	*hours_text(struct wb_req *, int);
static const char	*status_class(const char *);
static const char	*yes_no_label(const char *);
static const char	*outflow_label(const char *);
static bool		 ended(const char *);
static void		 put_or_null(json_t *, const char *, const char *);
static json_t		*events_json(struct wb_req *,
			    const struct wb_trajectory *);
static json_t		*jobs_json(struct wb_req *,
			    const struct wb_trajectory *, size_t *);
static json_t		*form_state(struct wb_req *, json_t *,
			    const char *, json_t *);
static json_t		*traj_json(struct wb_req *, json_t *,
			    const struct wb_trajectory *,
			    const struct failed *);
static int		 new_form(struct wb_db *, struct wb_req *, json_t *,
			    int64_t, unsigned, const struct failed *);
static int		 page(struct wb_app *, struct wb_req *,
			    struct wb_resp *, struct wb_db *, int64_t,
			    const struct failed *);
static int		 after(struct wb_app *, struct wb_req *,
			    struct wb_resp *, struct wb_db *, int64_t, int,
			    struct failed *, const char *);
static int		 yes_no_value(const struct wb_req *, const char *);
static int		 admin_only(const struct wb_req *);
static json_t		*catalogue_crumbs(struct wb_req *);
static int		 intervention_form(struct wb_app *, struct wb_req *,
			    struct wb_resp *, struct wb_db *, bool);

/* "1 dag", "12 dagen"; NULL for -1 (none yet). */
static const char *
days_text(struct wb_req *req, int64_t days)
{
	if (days < 0)
		return NULL;
	return wb_arena_printf(&req->arena, "%lld %s", (long long)days,
	    days == 1 ? wb_t(req, "dag") : wb_t(req, "dagen"));
}

/* Hours per week as Dutch hours ("16,5"). */
static const char *
hours_text(struct wb_req *req, int minutes)
{
	char	buf[32];

	wb_hours_format(minutes, buf, sizeof(buf));
	return wb_arena_strdup(&req->arena, buf);
}

/* A status badge's class: the word carries the meaning, colour repeats
 * it. */
static const char *
status_class(const char *status)
{
	if (strcmp(status, "actief") == 0 || strcmp(status, "afgerond") == 0)
		return "status-ok";
	if (strcmp(status, "uitgevallen") == 0)
		return "status-bad";
	return "status-warn";
}

static const char *
yes_no_label(const char *v)
{
	return strcmp(v, "ja") == 0 ? "Ja" : "Nee";
}

static const char *
outflow_label(const char *v)
{
	if (v == NULL)
		return "";
	return strcmp(v, "volledig") == 0 ? "Volledig" : "Gedeeltelijk";
}

/* obj[key] = s, or null: a null stops the template's search outwards,
 * so a job without an end reason never shows its trajectory's. */
static void
put_or_null(json_t *obj, const char *key, const char *s)
{
	wb_put(obj, key, s);
	if (json_object_get(obj, key) == NULL)
		json_object_set_new(obj, key, json_null());
}

static bool
ended(const char *status)
{
	return strcmp(status, "afgerond") == 0 ||
	    strcmp(status, "uitgevallen") == 0;
}

/* The milestones and the start and end of each job, by date. */
static json_t *
events_json(struct wb_req *req, const struct wb_trajectory *t)
{
	struct event	*ev;
	json_t		*arr = json_array(), *v;
	size_t		 n = 0, i, k;

	ev = wb_arena_array(&req->arena, t->nmilestones + 2 * t->njobs + 1,
	    sizeof(*ev));
	for (i = 0; i < t->nmilestones; i++) {
		const struct wb_milestone *m = &t->milestones[i];

		ev[n].on = m->on_date;
		ev[n].what = wb_t(req, wb_milestone_type_label(m->type));
		ev[n].detail = m->detail != NULL ? wb_t(req,
		    outflow_label(m->detail)) : NULL;
		n++;
	}
	for (i = 0; i < t->njobs; i++) {
		const struct wb_job *j = &t->jobs[i];

		ev[n].on = j->start_date;
		ev[n].what = wb_t(req, wb_milestone_type_label("job-start"));
		ev[n].detail = j->employer;
		n++;
		if (j->end_date == INT64_MIN)
			continue;
		ev[n].on = j->end_date;
		ev[n].what = wb_t(req, wb_milestone_type_label("job-end"));
		ev[n].detail = j->end_reason != NULL ? wb_arena_printf(
		    &req->arena, "%s: %s", j->employer, j->end_reason) :
		    j->employer;
		n++;
	}
	/* By date; on one day milestones before jobs, each in the
	 * domain's order (an insertion sort is stable). */
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && ev[k - 1].on > ev[k].on; k--) {
			struct event tmp = ev[k];

			ev[k] = ev[k - 1];
			ev[k - 1] = tmp;
		}
	for (i = 0; i < n; i++) {
		v = json_pack("{s:s}", "what", ev[i].what);
		wb_view_date(v, "on", ev[i].on);
		put_or_null(v, "detail", ev[i].detail);
		json_array_append_new(arr, v);
	}
	return arr;
}

/* The jobs with their IPS reading; *running gets how many still run. */
static json_t *
jobs_json(struct wb_req *req, const struct wb_trajectory *t,
    size_t *running)
{
	json_t	*arr = json_array(), *v;
	size_t	 i;

	*running = 0;
	for (i = 0; i < t->njobs; i++) {
		const struct wb_job *j = &t->jobs[i];

		v = json_pack("{s:I, s:s, s:s, s:b, s:s, s:s, s:s, s:I, s:b}",
		    "id", (json_int_t)j->id, "employer", j->employer,
		    "hours", hours_text(req, j->minutes_per_week), "counts",
		    j->counts, "competitive", wb_t(req, j->competitive ?
		    "Ja" : "Nee"), "min_wage", wb_t(req, j->min_wage ? "Ja" :
		    "Nee"), "contract", wb_t(req, wb_job_contract_label(
		    j->contract)), "tenure_days", (json_int_t)j->tenure_days,
		    "running", j->end_date == INT64_MIN);
		put_or_null(v, "tenure", days_text(req, j->tenure_days));
		wb_view_date(v, "start", j->start_date);
		wb_view_date(v, "end", j->end_date);
		put_or_null(v, "end_reason", j->end_reason);
		json_array_append_new(arr, v);
		if (j->end_date == INT64_MIN)
			(*running)++;
	}
	return arr;
}

/* The state of a refused per-trajectory form, {form: what was typed,
 * error: message by field}, and the page's error summary pointing at
 * that form's fields (ids `prefix`field).  `state` is the form's default
 * state, replaced. */
static json_t *
form_state(struct wb_req *req, json_t *ctx, const char *prefix,
    json_t *state)
{
	json_t	*tmp = json_object(), *errs = json_array(), *e;
	size_t	 i;

	wb_page_errors(req, tmp);
	json_array_foreach(json_object_get(tmp, "errors"), i, e)
		json_array_append_new(errs, json_pack("{s:s, s:O}", "field",
		    wb_arena_printf(&req->arena, "%s%s", prefix,
		    json_string_value(json_object_get(e, "field"))),
		    "message", json_object_get(e, "message")));
	json_object_set_new(ctx, "errors", errs);
	json_object_set_new(ctx, "has_errors", json_boolean(
	    json_array_size(errs) > 0));
	json_decref(state);
	state = json_pack("{s:O, s:o, s:b}", "form", json_object_get(tmp,
	    "form"), "error", json_object_get(tmp, "error") != NULL ?
	    json_incref(json_object_get(tmp, "error")) : json_object(),
	    "open", 1);
	json_decref(tmp);
	return state;
}

/* One trajectory with its history, jobs, figures and the forms the
 * viewer is offered on it. */
static json_t *
traj_json(struct wb_req *req, json_t *ctx, const struct wb_trajectory *t,
    const struct failed *f)
{
	const char	*posted;
	json_t		*v, *jobs, *arr, *st, *ms;
	char		 today[16], prefix[40];
	size_t		 running, i;
	bool		 done = ended(t->status);
	bool		 started = t->start_date != INT64_MIN;
	bool		 mine = f != NULL && f->traj == t->id;

	v = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:b}", "tid",
	    (json_int_t)t->id, "intervention", t->intervention_name, "org",
	    t->org_name, "status", t->status, "status_label", wb_t(req,
	    wb_trajectory_status_label(t->status)), "status_class",
	    status_class(t->status), "version", (json_int_t)t->version, "ips",
	    t->ips);
	put_or_null(v, "lead", t->lead_name);
	wb_view_date(v, "referral", t->referral_date);
	wb_view_date(v, "start", t->start_date);
	wb_view_date(v, "end", t->end_date);
	put_or_null(v, "end_reason", t->end_reason);
	put_or_null(v, "days_to_contact", days_text(req, t->days_to_contact));
	put_or_null(v, "days_to_job", days_text(req, t->days_to_job));
	json_object_set_new(v, "started", json_boolean(started));
	json_object_set_new(v, "events", events_json(req, t));
	json_object_set_new(v, "has_events", json_boolean(t->nmilestones +
	    t->njobs > 0));
	jobs = jobs_json(req, t, &running);
	json_object_set_new(v, "has_jobs", json_boolean(t->njobs > 0));
	json_object_set_new(v, "jobs", jobs);
	wb_date_nl(wb_today(), today, sizeof(today));

	/* Status: start an aangemeld one; end one that is not ended
	 * (afgerond only once it started).  The lead organisation only. */
	json_object_set_new(v, "may_start", json_boolean(t->may_change &&
	    !started && !done));
	json_object_set_new(v, "may_end", json_boolean(t->may_change &&
	    !done));
	posted = mine && strcmp(f->form, "status") == 0 ? wb_req_raw(req,
	    "status") : NULL;
	arr = json_array();
	if (started)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", "afgerond", "label", wb_t(req,
		    wb_trajectory_status_label("afgerond")), "checked",
		    posted == NULL || strcmp(posted, "uitgevallen") != 0));
	json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value",
	    "uitgevallen", "label", wb_t(req, wb_trajectory_status_label(
	    "uitgevallen")), "checked", !started || (posted != NULL &&
	    strcmp(posted, "uitgevallen") == 0)));
	json_object_set_new(v, "end_choices", arr);
	st = json_pack("{s:{s:s, s:s}, s:o, s:b}", "form", "start_date",
	    today, "end_date", today, "error", json_object(), "open", 0);
	if (mine && strcmp(f->form, "status") == 0) {
		snprintf(prefix, sizeof(prefix), "st-%lld-", (long long)t->id);
		st = form_state(req, ctx, prefix, st);
		/* Which of the two status forms: the start or the end. */
		json_object_set_new(st, posted != NULL && strcmp(posted,
		    "actief") == 0 ? "start_open" : "end_open", json_true());
	}
	json_object_set_new(v, "st", st);

	/* Milestones: any professional on a started trajectory; once it
	 * ended, only the end of a job that still runs. */
	json_object_set_new(v, "may_milestone", json_boolean(
	    req->actor.role == WB_ROLE_PROFESSIONAL && started &&
	    (!done || running > 0)));
	posted = mine && strcmp(f->form, "milestone") == 0 ? wb_req_raw(req,
	    "type") : NULL;
	arr = json_array();
	for (i = 0; wb_milestone_types[i] != NULL; i++) {
		const char *ty = wb_milestone_types[i];
		bool is_end = strcmp(ty, "job-end") == 0;

		if ((done && !is_end) || (is_end && running == 0))
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", ty, "label", wb_t(req,
		    wb_milestone_type_label(ty)), "selected", posted != NULL &&
		    strcmp(posted, ty) == 0));
	}
	json_object_set_new(v, "types", arr);
	json_object_set_new(v, "may_job_start", json_boolean(!done));
	json_object_set_new(v, "may_outflow", json_boolean(!done));
	json_object_set_new(v, "may_job_end", json_boolean(running > 0));
	ms = json_pack("{s:{s:s}, s:o, s:b}", "form", "date", today, "error",
	    json_object(), "open", 0);
	if (mine && strcmp(f->form, "milestone") == 0) {
		snprintf(prefix, sizeof(prefix), "ms-%lld-", (long long)t->id);
		ms = form_state(req, ctx, prefix, ms);
	}
	posted = mine && strcmp(f->form, "milestone") == 0 ? "" : NULL;
	json_object_set_new(ms, "competitive", wb_choices(req, yes_no,
	    yes_no_label, posted ? wb_req_raw(req, "competitive") : NULL));
	json_object_set_new(ms, "min_wage", wb_choices(req, yes_no,
	    yes_no_label, posted ? wb_req_raw(req, "min_wage") : NULL));
	json_object_set_new(ms, "contracts", wb_choices(req,
	    wb_job_contracts, wb_job_contract_label, posted ? wb_req_raw(req,
	    "contract") : NULL));
	json_object_set_new(ms, "details", wb_choices(req, outflow_details,
	    outflow_label, posted ? wb_req_raw(req, "detail") : NULL));
	arr = json_array();
	for (i = 0; i < t->njobs; i++)
		if (t->jobs[i].end_date == INT64_MIN)
			json_array_append_new(arr, json_pack("{s:I, s:s, s:b}",
			    "value", (json_int_t)t->jobs[i].id, "label",
			    t->jobs[i].employer, "selected", posted != NULL &&
			    wb_req_int(req, "job", 0) == t->jobs[i].id));
	json_object_set_new(ms, "running", arr);
	/* With one job running it is the one; with more, the form makes
	 * the professional choose rather than preselect the first. */
	json_object_set_new(ms, "choose_job", json_boolean(running > 1));
	json_object_set_new(v, "ms", ms);
	return v;
}

/* The new-trajectory form: the interventions offered, and who can lead
 * (the professionals of the viewer's organisation on the team; the
 * viewer alone when they may not see the team). */
static int
new_form(struct wb_db *db, struct wb_req *req, json_t *ctx, int64_t id,
    unsigned cats, const struct failed *f)
{
	struct wb_intervention	*iv;
	struct wb_team_member	*team = NULL;
	const char		*posted = NULL;
	size_t			 n, nteam = 0, i;
	int64_t			 lead;
	json_t			*arr;
	int			 rc;

	if (req->actor.role != WB_ROLE_PROFESSIONAL)
		return 0;
	rc = wb_intervention_list(db, false, &req->arena, &iv, &n, &req->err);
	if (rc == 0 && (cats & WB_CAT_IDENTITY) != 0)
		rc = wb_team_list(db, &req->actor, id, &req->arena, &team,
		    &nteam, &req->err);
	if (rc != 0)
		return rc;
	if (f != NULL && strcmp(f->form, "new") == 0)
		posted = wb_req_raw(req, "intervention");
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", iv[i].code, "label", iv[i].name, "selected",
		    posted != NULL && strcmp(posted, iv[i].code) == 0));
	json_object_set_new(ctx, "interventions", arr);
	lead = f != NULL && strcmp(f->form, "new") == 0 ? wb_req_int(req,
	    "lead", req->actor.user_id) : req->actor.user_id;
	arr = json_array();
	for (i = 0; i < nteam; i++)
		if (team[i].org_id == req->actor.org_id)
			json_array_append_new(arr, json_pack("{s:I, s:s, s:b}",
			    "value", (json_int_t)team[i].user_id, "label",
			    team[i].name, "selected", team[i].user_id ==
			    lead));
	if (json_array_size(arr) == 0)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:b}",
		    "value", (json_int_t)req->actor.user_id, "label",
		    req->user.name != NULL ? req->user.name : "", "selected",
		    1));
	json_object_set_new(ctx, "leads", arr);
	wb_put(ctx, "own_org", req->user.org_name);
	json_object_set_new(ctx, "may_add", json_boolean(n > 0));
	return 0;
}

/* The Trajecten tab; `f` names a form whose input was refused. */
static int
page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id, const struct failed *f)
{
	struct wb_client	 c;
	struct wb_trajectory	*list;
	unsigned		 cats;
	size_t			 n, i;
	json_t			*ctx, *arr;
	char			 hours[32];
	int			 rc;

	rc = wb_client_frame(db, req, id, "trajecten", "Trajecten", &c, &cats,
	    &ctx);
	if (rc != 0)
		return rc;
	rc = wb_trajectory_list(db, &req->actor, id, &req->arena, &list, &n,
	    &req->err);
	if (rc == 0)
		rc = new_form(db, req, ctx, id, cats, f);
	if (rc != 0) {
		json_decref(ctx);
		return wb_client_hide(rc);
	}
	/* Field errors of the new-trajectory form go at the top level;
	 * those of a trajectory's forms with that trajectory only. */
	if (f == NULL || strcmp(f->form, "new") == 0)
		wb_page_errors(req, ctx);
	if (f != NULL && strcmp(f->form, "new") == 0)
		json_object_set_new(ctx, "new_open", json_true());
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, traj_json(req, ctx, &list[i], f));
	json_object_set_new(ctx, "trajectories", arr);
	json_object_set_new(ctx, "has_trajectories", json_boolean(n > 0));
	wb_hours_format(wb_ips_job_threshold(), hours, sizeof(hours));
	json_object_set_new(ctx, "job_threshold", json_string(hours));
	if (f != NULL || wb_req_has_errors(req))
		resp->status = f != NULL && f->rc == WB_ECONFLICT ? 409 :
		    400;
	return wb_render(app, req, resp, "client_trajectories.html", ctx);
}

WB_HANDLER(wb_h_trajectories)
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	return page(app, req, resp, db, wb_req_int(req, "id", 0), NULL);
}

/* After a change: back to the tab, or the tab with the refused form
 * open and its message. */
static int
after(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id, int rc, struct failed *f,
    const char *flash)
{
	if (wb_client_form_error(rc)) {
		f->rc = rc;
		wb_req_domain_error(req, &req->err);
		return page(app, req, resp, db, id, f);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/clienten/%lld/trajecten", (long long)id), flash);
}

WB_HANDLER(wb_h_trajectory_add)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct wb_trajectory_input	 in;
	struct failed			 f = { "new", 0, 0 };
	int64_t				 id = wb_req_int(req, "id", 0);
	int64_t				 tid;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return page(app, req, resp, db, id, &f);
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.intervention = wb_req_str(req, "intervention");
	in.lead_user = wb_req_int(req, "lead", 0);
	in.referral_date = wb_req_raw(req, "referral_date");
	in.start_date = wb_req_raw(req, "start_date");
	rc = wb_trajectory_add(db, &req->actor, &in, &tid, &req->err);
	return after(app, req, resp, db, id, rc, &f, "trajectory_added");
}

WB_HANDLER(wb_h_trajectory_status)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct wb_trajectory_input	 in;
	struct failed			 f = { "status", 0, 0 };
	int64_t				 id = wb_req_int(req, "id", 0);
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	f.traj = wb_req_int(req, "traj", 0);
	if (wb_req_has_errors(req))
		return page(app, req, resp, db, id, &f);
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.id = f.traj;
	in.version = wb_req_int(req, "version", 0);
	in.status = wb_req_str(req, "status");
	in.start_date = wb_req_raw(req, "start_date");
	in.end_date = wb_req_raw(req, "end_date");
	in.end_reason = wb_req_str(req, "end_reason");
	rc = wb_trajectory_update(db, &req->actor, &in, &req->err);
	return after(app, req, resp, db, id, rc, &f, "trajectory_updated");
}

/* A yes/no radio as 1, 0 or -1 (not chosen). */
static int
yes_no_value(const struct wb_req *req, const char *name)
{
	const char	*v = wb_req_str(req, name);

	if (v == NULL)
		return -1;
	return strcmp(v, "ja") == 0 ? 1 : 0;
}

WB_HANDLER(wb_h_milestone_add)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct wb_milestone_input	 in;
	struct failed			 f = { "milestone", 0, 0 };
	int64_t				 id = wb_req_int(req, "id", 0);
	int64_t				 mid;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	f.traj = wb_req_int(req, "traj", 0);
	if (wb_req_has_errors(req))
		return page(app, req, resp, db, id, &f);
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.trajectory_id = f.traj;
	in.type = wb_req_str(req, "type");
	in.date = wb_req_raw(req, "date");
	in.detail = wb_req_str(req, "detail");
	in.employer = wb_req_str(req, "employer");
	in.hours = wb_req_str(req, "hours");
	in.competitive = yes_no_value(req, "competitive");
	in.min_wage = yes_no_value(req, "min_wage");
	in.contract = wb_req_str(req, "contract");
	in.job_id = wb_req_int(req, "job", 0);
	in.reason = wb_req_str(req, "reason");
	rc = wb_milestone_add(db, &req->actor, &in, &mid, &req->err);
	return after(app, req, resp, db, id, rc, &f, "milestone_added");
}

/* ---------- Beheer: the intervention catalogue ----------------------- */

/* The catalogue is readable by any account and holds nothing personal;
 * the pages are for administrators only because only they can change it
 * (wb_intervention_update decides that again, and audits a refusal). */
static int
admin_only(const struct wb_req *req)
{
	return req->actor.role == WB_ROLE_ADMIN ? 0 : WB_EDENIED;
}

static json_t *
catalogue_crumbs(struct wb_req *req)
{
	return json_pack("[{s:s, s:s}]", "href", "/beheer/interventies",
	    "label", wb_t(req, "Interventies"));
}

WB_HANDLER(wb_h_interventions)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_intervention	*iv;
	size_t			 n, i;
	json_t			*ctx, *arr;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = admin_only(req);
	if (rc == 0)
		rc = wb_intervention_list(db, true, &req->arena, &iv, &n,
		    &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Interventies");
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = json_pack("{s:s, s:s, s:b, s:b}", "code",
		    iv[i].code, "name", iv[i].name, "ips", iv[i].ips,
		    "active", iv[i].active);

		wb_put(v, "description", iv[i].description);
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "interventions", arr);
	return wb_render(app, req, resp, "interventions.html", ctx);
}

/* The edit form of intervention `code`: what was typed after a refusal,
 * else what is stored. */
static int
intervention_form(struct wb_app *app, struct wb_req *req,
    struct wb_resp *resp, struct wb_db *db, bool typed)
{
	struct wb_intervention	 iv;
	json_t			*ctx, *form;
	int			 rc;

	rc = wb_intervention_get(db, wb_req_str(req, "code"), &req->arena,
	    &iv, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Interventie wijzigen");
	wb_page_errors(req, ctx);
	if (!typed) {
		form = json_pack("{s:s, s:s, s:b}", "name", iv.name,
		    "description", iv.description, "active", iv.active);
		json_object_set_new(ctx, "form", form);
	}
	json_object_set_new(ctx, "intervention", json_pack("{s:s, s:s, s:b}",
	    "code", iv.code, "name", iv.name, "ips", iv.ips));
	json_object_set_new(ctx, "crumbs", catalogue_crumbs(req));
	json_object_set_new(ctx, "has_crumbs", json_true());
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "intervention_form.html", ctx);
}

WB_HANDLER(wb_h_intervention_form)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = admin_only(req);
	if (rc != 0)
		return rc;
	return intervention_form(app, req, resp, db, false);
}

WB_HANDLER(wb_h_intervention_edit)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	/* Anyone but an admin goes to the domain, which refuses and
	 * audits, whatever the form said. */
	if (wb_req_has_errors(req) && admin_only(req) == 0)
		return intervention_form(app, req, resp, db, true);
	rc = wb_intervention_update(db, &req->actor, wb_req_str(req, "code"),
	    wb_req_str(req, "name"), wb_req_str(req, "description"),
	    wb_req_str(req, "active") != NULL, &req->err);
	if (rc == 0)
		return wb_redirect(req, resp, "/beheer/interventies", "saved");
	if (rc != WB_EINVAL)
		return rc;
	wb_req_domain_error(req, &req->err);
	return intervention_form(app, req, resp, db, true);
}

/* h_api_trajectory.c - a client's trajectories in the JSON API v1:
 * recording one, reading them with their milestones, jobs and IPS
 * figures, recording a milestone or job, and changing the status.
 *
 * The same domain functions as the Trajecten tab decide and audit
 * (trajectory.c), so the policy is the same: a client or trajectory the
 * caller may not read or change answers 404 {"error": "not found"},
 * exactly as one that does not exist.  A route that names only the
 * trajectory finds its client first (wb_trajectory_client) and is then
 * decided like the client's own routes.  Bodies are strict JSON
 * (json_body.h): a body that is not well-formed, or whose values the
 * domain refuses, answers 400 with the key in "field", as elsewhere; a
 * stale version 409.
 */
#include "web/handlers.h"
#include "web/api_reply.h"
#include "web/json_body.h"
#include "domain/trajectory.h"
#include "base/str.h"
#include "base/time.h"

#define REQ	WB_J_REQUIRED
#define END	{ NULL, 0, 0, 0, 0, NULL }

static const char *const outflow_details[] = { "volledig", "gedeeltelijk",
    NULL };

static const struct wb_jfield j_trajectory[] = {
	{ "intervention", WB_J_STRING, REQ, 0, 32, NULL },
	{ "organisation", WB_J_STRING, REQ, 0, 32, NULL },
	{ "start_date", WB_J_STRING, 0, 0, 10, NULL },
	{ "referral_date", WB_J_STRING, 0, 0, 10, NULL },
	{ "lead", WB_J_INT, 0, 1, INT64_MAX, NULL },
	END
};
static const struct wb_jfield j_milestone[] = {
	{ "type", WB_J_STRING, REQ, 0, 0, wb_milestone_types },
	{ "date", WB_J_STRING, REQ, 0, 10, NULL },
	{ "employer", WB_J_STRING, 0, 0, WB_EMPLOYER_MAX, NULL },
	/* hundredths of an hour: more than 0, at most WB_JOB_MAX_MINUTES */
	{ "hours_per_week", WB_J_DECIMAL, 0, 1, WB_JOB_MAX_MINUTES / 60 * 100,
	    NULL },
	{ "competitive", WB_J_BOOL, 0, 0, 0, NULL },
	{ "minimum_wage", WB_J_BOOL, 0, 0, 0, NULL },
	{ "contract", WB_J_STRING, 0, 0, 0, wb_job_contracts },
	{ "job", WB_J_INT, 0, 1, INT64_MAX, NULL },
	{ "reason", WB_J_LINES, 0, 0, WB_REASON_MAX, NULL },
	{ "detail", WB_J_STRING, 0, 0, 0, outflow_details },
	END
};
static const struct wb_jfield j_status[] = {
	{ "status", WB_J_STRING, REQ, 0, 0, wb_trajectory_statuses },
	{ "version", WB_J_INT, REQ, 1, INT64_MAX, NULL },
	{ "start_date", WB_J_STRING, 0, 0, 10, NULL },
	{ "end_date", WB_J_STRING, 0, 0, 10, NULL },
	{ "end_reason", WB_J_LINES, 0, 0, WB_REASON_MAX, NULL },
	END
};

/* Domain field names that the API calls otherwise. */
static const struct wb_api_rename renamed[] = {
	{ "hours", "hours_per_week" },
	{ "min_wage", "minimum_wage" },
};

static void	 put_days(json_t *, const char *, int64_t);
static json_t	*hours_json(int);
static json_t	*trajectory_view(const struct wb_trajectory *);

/* obj[key] = a number of days, or null for -1 (none yet). */
static void
put_days(json_t *obj, const char *key, int64_t days)
{
	json_object_set_new(obj, key, days < 0 ? json_null() :
	    json_integer(days));
}

/* Minutes as hours: an integer when whole, else a number (16.5). */
static json_t *
hours_json(int minutes)
{
	if (minutes % 60 == 0)
		return json_integer(minutes / 60);
	return json_real(minutes / 60.0);
}

static json_t *
trajectory_view(const struct wb_trajectory *t)
{
	json_t	*v, *arr, *m, *lead;
	size_t	 i;

	lead = json_null();
	if (t->lead_user != 0) {
		lead = json_pack("{s:I}", "id", (json_int_t)t->lead_user);
		wb_api_put_str(lead, "name", t->lead_name);
	}
	v = json_pack("{s:I, s:{s:s, s:s, s:b}, s:{s:I, s:s}, s:o, s:s, "
	    "s:s}", "id", (json_int_t)t->id, "intervention", "code",
	    t->intervention, "name", t->intervention_name, "ips", t->ips,
	    "organisation", "id", (json_int_t)t->org_id, "name", t->org_name,
	    "lead", lead, "region", t->region_code, "status", t->status);
	wb_api_put_date(v, "referral_date", t->referral_date);
	wb_api_put_date(v, "start_date", t->start_date);
	wb_api_put_date(v, "end_date", t->end_date);
	wb_api_put_str(v, "end_reason", t->end_reason);
	json_object_set_new(v, "version", json_integer(t->version));
	put_days(v, "days_to_first_employer_contact", t->days_to_contact);
	put_days(v, "days_to_first_job", t->days_to_job);
	arr = json_array();
	for (i = 0; i < t->nmilestones; i++) {
		m = json_pack("{s:I, s:s}", "id",
		    (json_int_t)t->milestones[i].id, "type",
		    t->milestones[i].type);
		wb_api_put_date(m, "date", t->milestones[i].on_date);
		wb_api_put_str(m, "detail", t->milestones[i].detail);
		json_array_append_new(arr, m);
	}
	json_object_set_new(v, "milestones", arr);
	arr = json_array();
	for (i = 0; i < t->njobs; i++) {
		const struct wb_job *j = &t->jobs[i];

		m = json_pack("{s:I, s:s, s:o, s:I, s:b, s:b, s:s}", "id",
		    (json_int_t)j->id, "employer", j->employer,
		    "hours_per_week", hours_json(j->minutes_per_week),
		    "minutes_per_week", (json_int_t)j->minutes_per_week,
		    "competitive", j->competitive, "minimum_wage", j->min_wage,
		    "contract", j->contract);
		wb_api_put_date(m, "start_date", j->start_date);
		wb_api_put_date(m, "end_date", j->end_date);
		wb_api_put_str(m, "end_reason", j->end_reason);
		json_object_set_new(m, "counts_as_job", json_boolean(
		    j->counts));
		json_object_set_new(m, "tenure_days", json_integer(
		    j->tenure_days));
		json_array_append_new(arr, m);
	}
	json_object_set_new(v, "jobs", arr);
	return v;
}

/* ---------- POST /api/v1/clients/{id}/trajectories ------------------- */

WB_HANDLER(wb_h_api_trajectory_add)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct wb_trajectory_input	 in;
	struct wb_jbody			 b;
	const char			*org;
	int64_t				 tid = 0;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_trajectory, false, &b))
		return 0;
	memset(&in, 0, sizeof(in));
	in.client_id = wb_req_int(req, "id", 0);
	in.intervention = wb_jbody_str(&b, "intervention");
	/* The caller says which organisation leads; the domain takes only
	 * its own (any other, known or not, is refused with this field). */
	org = wb_jbody_str(&b, "organisation");
	in.org_id = req->user.org_code != NULL && strcmp(org,
	    req->user.org_code) == 0 ? req->actor.org_id : -1;
	in.start_date = wb_jbody_str(&b, "start_date");
	in.referral_date = wb_jbody_str(&b, "referral_date");
	in.lead_user = wb_jbody_int(&b, "lead", 0);
	rc = wb_trajectory_add(db, &req->actor, &in, &tid, &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	wb_resp_header(resp, "Location", wb_arena_printf(&req->arena,
	    "/api/v1/clients/%lld/trajectories", (long long)in.client_id));
	return wb_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)tid));
}

/* ---------- GET /api/v1/clients/{id}/trajectories -------------------- */

WB_HANDLER(wb_h_api_trajectories)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_trajectory	*list;
	int64_t			 id = wb_req_int(req, "id", 0);
	size_t			 n, i;
	json_t			*items;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_trajectory_list(db, &req->actor, id, &req->arena, &list, &n,
	    &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, trajectory_view(&list[i]));
	return wb_json(resp, 200, json_pack("{s:I, s:o, s:o, s:I}",
	    "client_id", (json_int_t)id, "job_min_hours",
	    hours_json(wb_ips_job_threshold()), "items", items, "total",
	    (json_int_t)n));
}

/* ---------- POST /api/v1/trajectories/{id}/milestones ---------------- */

WB_HANDLER(wb_h_api_milestone_add)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct wb_milestone_input	 in;
	struct wb_jbody			 b;
	int64_t				 tid = wb_req_int(req, "id", 0);
	int64_t				 mid = 0, h;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_milestone, false, &b))
		return 0;
	memset(&in, 0, sizeof(in));
	in.trajectory_id = tid;
	rc = wb_trajectory_client(db, tid, &in.client_id, &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	in.type = wb_jbody_str(&b, "type");
	in.date = wb_jbody_str(&b, "date");
	in.detail = wb_jbody_str(&b, "detail");
	in.employer = wb_jbody_str(&b, "employer");
	/* Hundredths of an hour to the text the domain reads ("16.50"). */
	h = wb_jbody_int(&b, "hours_per_week", -1);
	if (h >= 0)
		in.hours = wb_arena_printf(&req->arena, "%lld.%02lld",
		    (long long)(h / 100), (long long)(h % 100));
	in.competitive = (int)wb_jbody_int(&b, "competitive", -1);
	in.min_wage = (int)wb_jbody_int(&b, "minimum_wage", -1);
	in.contract = wb_jbody_str(&b, "contract");
	in.job_id = wb_jbody_int(&b, "job", 0);
	in.reason = wb_jbody_str(&b, "reason");
	rc = wb_milestone_add(db, &req->actor, &in, &mid, &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	return wb_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)mid));
}

/* ---------- POST /api/v1/trajectories/{id}/status -------------------- */

WB_HANDLER(wb_h_api_trajectory_status)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct wb_trajectory_input	 in;
	struct wb_jbody			 b;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_status, false, &b))
		return 0;
	memset(&in, 0, sizeof(in));
	in.id = wb_req_int(req, "id", 0);
	rc = wb_trajectory_client(db, in.id, &in.client_id, &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	in.status = wb_jbody_str(&b, "status");
	in.version = wb_jbody_int(&b, "version", 0);
	in.start_date = wb_jbody_str(&b, "start_date");
	in.end_date = wb_jbody_str(&b, "end_date");
	in.end_reason = wb_jbody_str(&b, "end_reason");
	rc = wb_trajectory_update(db, &req->actor, &in, &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	/* The update matched this version and raised it by one. */
	return wb_json(resp, 200, json_pack("{s:I, s:s, s:I}", "id",
	    (json_int_t)in.id, "status", in.status, "version",
	    (json_int_t)(in.version + 1)));
}

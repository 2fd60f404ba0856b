/* h_plan.c - the joint plan (goals per track with their actions) and the
 * timeline of contacts and notes, as tabs of the client's record.
 *
 * The domain (plan.c, note.c) decides and audits every read and change;
 * these pages offer only what it says the viewer may do (may_change,
 * may_act) and show a goal only when its track's category is allowed.
 * Forms carry the version they showed: a change someone else made in
 * between is refused with a message instead of being overwritten.
 */
#include "web/handlers.h"
#include "web/client_frame.h"
#include "web/view.h"
#include "domain/access.h"
#include "domain/note.h"
#include "domain/plan.h"
#include "domain/team.h"
#include "base/str.h"
#include "base/time.h"

/* Which form on the plan page failed, to open it with its message. */
struct failed {
	const char	*form;		/* "goal", "action", "edit" or NULL */
	int64_t		 goal_id;
	const char	*message;
};

/* The actions of a goal as JSON. */
static json_t *
actions_json(struct wb_req *req, const struct wb_goal *g)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < g->nactions; i++) {
		const struct wb_plan_action *x = &g->actions[i];
		json_t *v = json_pack("{s:I, s:s, s:s, s:I, s:b, s:b, s:b}",
		    "id", (json_int_t)x->id, "title", x->title, "owner",
		    x->owner_name != NULL ? x->owner_name : "", "version",
		    (json_int_t)x->version, "done", x->done_at != 0,
		    "overdue", x->overdue, "may_act", g->may_act);

		json_object_set_new(v, "goal_id", json_integer(g->id));
		wb_view_date(v, "due", x->due_date);
		wb_put(v, "done_by", x->done_by_name);
		json_array_append_new(arr, v);
	}
	return arr;
}

static json_t *
goal_json(struct wb_req *req, const struct wb_goal *g,
    const struct failed *f)
{
	json_t	*v;
	bool	 mine = f != NULL && f->goal_id == g->id;

	v = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:b, s:b, "
	    "s:o}", "id", (json_int_t)g->id, "track", g->track, "title",
	    g->title, "target", g->target, "owner", g->owner_org_name,
	    "status", wb_goal_status_name(g->status), "status_label",
	    wb_t(req, wb_goal_status_label(g->status)), "version",
	    (json_int_t)g->version, "may_change", g->may_change, "may_act",
	    g->may_act, "actions", actions_json(req, g));
	if (g->due_date != INT64_MIN)
		wb_view_date(v, "due", g->due_date);
	json_object_set_new(v, "has_actions", json_boolean(g->nactions > 0));
	json_object_set_new(v, "stopped", json_boolean(g->stopped_at != 0));
	json_object_set_new(v, "bad", json_boolean(g->status ==
	    WB_GOAL_BEHIND));
	json_object_set_new(v, "good", json_boolean(g->status ==
	    WB_GOAL_ACHIEVED));
	if (mine && strcmp(f->form, "action") == 0)
		json_object_set_new(v, "action_error",
		    json_string(f->message));
	if (mine && strcmp(f->form, "edit") == 0)
		json_object_set_new(v, "edit_error", json_string(f->message));
	return v;
}

/* The plan tab; `f` names a form whose input was refused (or NULL). */
static int
plan_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id, const struct failed *f)
{
	struct wb_client	 c;
	struct wb_plan		 plan;
	struct wb_team_member	*team = NULL;
	size_t			 nteam = 0, i, t;
	unsigned		 cats;
	json_t			*ctx, *tracks, *arr, *owners, *form;
	char			 today[16];
	int			 rc;

	rc = wb_client_frame(db, req, id, "plan", "Plan", &c, &cats, &ctx);
	if (rc != 0)
		return rc;
	rc = wb_plan_get(db, &req->actor, id, &req->arena, &plan, &req->err);
	if (rc == 0 && (cats & WB_CAT_IDENTITY) != 0)
		rc = wb_team_list(db, &req->actor, id, &req->arena, &team,
		    &nteam, &req->err);
	if (rc != 0) {
		json_decref(ctx);
		return wb_client_hide(rc);
	}
	wb_page_errors(req, ctx);

	/* One section per track the viewer may see, in plan order. */
	tracks = json_array();
	for (t = 0; wb_plan_tracks[t] != NULL; t++) {
		const char *track = wb_plan_tracks[t];
		unsigned need = wb_plan_track_categories(track);

		if ((cats & need) != need)
			continue;
		arr = json_array();
		for (i = 0; i < plan.ngoals; i++)
			if (strcmp(plan.goals[i].track, track) == 0)
				json_array_append_new(arr, goal_json(req,
				    &plan.goals[i], f));
		json_array_append_new(tracks, json_pack("{s:s, s:s, s:b, s:o}",
		    "track", track, "label", wb_t(req,
		    wb_plan_track_label(track)), "has_goals",
		    json_array_size(arr) > 0, "goals", arr));
	}
	json_object_set_new(ctx, "tracks", tracks);

	/* Who can own an action: the team (the viewer alone when they may
	 * not see the team). */
	owners = json_array();
	for (i = 0; i < nteam; i++)
		json_array_append_new(owners, json_pack("{s:I, s:s, s:s}",
		    "value", (json_int_t)team[i].user_id, "name", team[i].name,
		    "org", team[i].org_name));
	if (nteam == 0)
		json_array_append_new(owners, json_pack("{s:I, s:s, s:s}",
		    "value", (json_int_t)req->actor.user_id, "name",
		    req->user.name != NULL ? req->user.name : "",
		    "org", req->user.org_name != NULL ? req->user.org_name :
		    ""));
	json_object_set_new(ctx, "owners", owners);

	/* The new-goal form: tracks the viewer may write. */
	arr = json_array();
	for (t = 0; wb_plan_tracks[t] != NULL; t++) {
		unsigned need = wb_plan_track_categories(wb_plan_tracks[t]);

		if ((cats & need) == need)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
			    "value", wb_plan_tracks[t], "label", wb_t(req,
			    wb_plan_track_label(wb_plan_tracks[t])),
			    "selected", wb_req_raw(req, "track") != NULL &&
			    strcmp(wb_req_raw(req, "track"),
			    wb_plan_tracks[t]) == 0));
	}
	json_object_set_new(ctx, "track_choices", arr);
	json_object_set_new(ctx, "may_add", json_boolean(
	    req->actor.role == WB_ROLE_PROFESSIONAL &&
	    json_array_size(arr) > 0));
	form = json_object();
	if (f != NULL && strcmp(f->form, "goal") == 0) {
		wb_put(form, "title", wb_req_raw(req, "title"));
		wb_put(form, "target", wb_req_raw(req, "target"));
		wb_put(form, "due_date", wb_req_raw(req, "due_date"));
	}
	json_object_set_new(ctx, "form", form);
	wb_date_nl(wb_today(), today, sizeof(today));
	json_object_set_new(ctx, "today", json_string(today));
	if (f != NULL || wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "client_plan.html", ctx);
}

WB_HANDLER(wb_h_plan)
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	return plan_page(app, req, resp, db, wb_req_int(req, "id", 0), NULL);
}

/* After a change: back to the plan, or the plan with the refusal shown
 * at its form. */
static int
after(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id, int rc, const char *form, int64_t goal,
    const char *flash)
{
	struct failed	f = { .form = form, .goal_id = goal };

	if (wb_client_form_error(rc)) {
		f.message = wb_t(req, req->err.msg);
		if (strcmp(form, "goal") == 0)
			wb_req_domain_error(req, &req->err);
		return plan_page(app, req, resp, db, id, &f);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/clienten/%lld/plan", (long long)id), flash);
}

/* Field errors of the router for a per-goal form: one message. */
static int
router_refused(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id, const char *form, int64_t goal)
{
	struct failed	 f = { .form = form, .goal_id = goal };
	json_t		*e = json_array_get(req->errors, 0);

	f.message = e != NULL ? json_string_value(json_object_get(e,
	    "message")) : wb_t(req, "Controleer de invoer.");
	if (strcmp(form, "goal") != 0) {
		json_decref(req->errors);
		req->errors = NULL;
	}
	return plan_page(app, req, resp, db, id, &f);
}

WB_HANDLER(wb_h_goal_add)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_goal_input	 in;
	int64_t			 id = wb_req_int(req, "id", 0), gid;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return router_refused(app, req, resp, db, id, "goal", 0);
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.track = wb_req_str(req, "track");
	in.title = wb_req_str(req, "title");
	in.target = wb_req_str(req, "target");
	in.due_date = wb_req_raw(req, "due_date");
	rc = wb_goal_add(db, &req->actor, &in, &gid, &req->err);
	return after(app, req, resp, db, id, rc, "goal", 0, "goal_added");
}

WB_HANDLER(wb_h_goal_update)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_goal_input	 in;
	int64_t			 id = wb_req_int(req, "id", 0);
	int64_t			 goal = wb_req_int(req, "goal", 0);
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return router_refused(app, req, resp, db, id, "edit", goal);
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.id = goal;
	in.version = wb_req_int(req, "version", 0);
	in.title = wb_req_str(req, "title");
	in.target = wb_req_str(req, "target");
	in.due_date = wb_req_raw(req, "due_date");
	rc = wb_goal_update(db, &req->actor, &in, &req->err);
	return after(app, req, resp, db, id, rc, "edit", goal, "saved");
}

WB_HANDLER(wb_h_goal_stop)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0);
	int64_t		 goal = wb_req_int(req, "goal", 0);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_goal_stop(db, &req->actor, id, goal, wb_req_int(req,
	    "version", 0), &req->err);
	return after(app, req, resp, db, id, rc, "edit", goal, "goal_stopped");
}

WB_HANDLER(wb_h_action_add)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_action_input	 in;
	int64_t			 id = wb_req_int(req, "id", 0), aid;
	int64_t			 goal = wb_req_int(req, "goal", 0);
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return router_refused(app, req, resp, db, id, "action", goal);
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.goal_id = goal;
	in.title = wb_req_str(req, "title");
	in.owner_user = wb_req_int(req, "owner", 0);
	in.due_date = wb_req_raw(req, "due_date");
	rc = wb_action_add(db, &req->actor, &in, &aid, &req->err);
	return after(app, req, resp, db, id, rc, "action", goal,
	    "action_added");
}

WB_HANDLER(wb_h_action_done)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_action_done(db, &req->actor, id, wb_req_int(req, "action", 0),
	    wb_req_int(req, "version", 0), &req->err);
	return after(app, req, resp, db, id, rc, "action",
	    wb_req_int(req, "goal", 0), "saved");
}

WB_HANDLER(wb_h_action_reopen)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_action_reopen(db, &req->actor, id, wb_req_int(req, "action",
	    0), wb_req_int(req, "version", 0), &req->err);
	return after(app, req, resp, db, id, rc, "action",
	    wb_req_int(req, "goal", 0), "saved");
}

/* ---------- Timeline ------------------------------------------------- */

static int
timeline_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id)
{
	struct wb_client	 c;
	struct wb_note		*notes;
	unsigned		 cats;
	size_t			 n, i;
	json_t			*ctx, *arr, *form;
	char			 today[16];
	int			 rc;

	rc = wb_client_frame(db, req, id, "tijdlijn", "Tijdlijn", &c, &cats,
	    &ctx);
	if (rc != 0)
		return rc;
	rc = wb_note_list(db, &req->actor, id, &req->arena, &notes, &n,
	    &req->err);
	if (rc != 0) {
		json_decref(ctx);
		return wb_client_hide(rc);
	}
	wb_page_errors(req, ctx);
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id",
		    (json_int_t)notes[i].id, "kind", wb_t(req,
		    wb_note_kind_label(notes[i].kind)), "body", notes[i].body,
		    "author", notes[i].author_name, "org", notes[i].org_name);

		wb_view_date(v, "on", notes[i].on_date);
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "notes", arr);
	json_object_set_new(ctx, "has_notes", json_boolean(n > 0));
	/* The first kind is the default. */
	json_object_set_new(ctx, "kinds", wb_choices(req, wb_note_kinds,
	    wb_note_kind_label, wb_req_raw(req, "kind") != NULL ?
	    wb_req_raw(req, "kind") : wb_note_kinds[0]));
	form = json_object();
	wb_date_nl(wb_today(), today, sizeof(today));
	wb_put(form, "on_date", wb_req_raw(req, "on_date") != NULL ?
	    wb_req_raw(req, "on_date") : today);
	wb_put(form, "body", wb_req_raw(req, "body"));
	json_object_set_new(ctx, "form", form);
	json_object_set_new(ctx, "may_write", json_boolean(
	    req->actor.role == WB_ROLE_PROFESSIONAL));
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "client_timeline.html", ctx);
}

WB_HANDLER(wb_h_timeline)
{
	return wb_client_show(app, req, resp, timeline_page);
}

WB_HANDLER(wb_h_note_add)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0), nid;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return timeline_page(app, req, resp, db, id);
	rc = wb_note_add(db, &req->actor, id, wb_req_str(req, "kind"),
	    wb_req_raw(req, "on_date"), wb_req_str(req, "body"), &nid,
	    &req->err);
	return wb_client_changed(app, req, resp, db, id, rc, timeline_page,
	    "tijdlijn", "note_added");
}

/* h_portal.c - the client's own portal, in plain Dutch (B1): their plan,
 * their team with business cards (and a printable card sheet), who may
 * see what ("Wie mag wat zien?": grant and revoke), and who looked at
 * their data ("Wie keek mee?").  Also the two steps that open it: a
 * professional makes a one-time code, the client activates their account.
 *
 * The client actor carries their own client id; the domain lets a client
 * see all of their own record and nothing else.  A professional who opens
 * /mijn gets 404.
 */
#include "web/handlers.h"
#include "web/client_frame.h"
#include "web/view.h"
#include "domain/access.h"
#include "domain/access_log.h"
#include "domain/activation.h"
#include "domain/card.h"
#include "domain/client.h"
#include "domain/consent.h"
#include "domain/organisation.h"
#include "domain/plan.h"
#include "domain/proposal.h"
#include "domain/team.h"
#include "base/str.h"
#include "base/time.h"

static json_t *
portal_page(struct wb_req *req, const char *title)
{
	json_t	*ctx = wb_page(req, title);

	json_object_set_new(ctx, "client_name", json_string(
	    req->user.name != NULL ? req->user.name : ""));
	return ctx;
}

/* ---------- Mijn plan ------------------------------------------------ */

WB_HANDLER(wb_h_portal_plan)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	struct wb_plan	 plan;
	json_t		*ctx, *goals;
	size_t		 i, j;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0)
		return WB_ENOTFOUND;
	rc = wb_plan_get(db, &req->actor, wb_portal_me(req), &req->arena, &plan,
	    &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	ctx = portal_page(req, "Mijn plan");
	goals = json_array();
	for (i = 0; i < plan.ngoals; i++) {
		const struct wb_goal *g = &plan.goals[i];
		json_t *v, *next = NULL;

		/* The next step: the first open action. */
		for (j = 0; j < g->nactions && next == NULL; j++)
			if (g->actions[j].done_at == 0) {
				next = json_pack("{s:s, s:s}", "title",
				    g->actions[j].title, "who",
				    g->actions[j].owner_name != NULL ?
				    g->actions[j].owner_name : "");
				wb_view_date(next, "due",
				    g->actions[j].due_date);
			}
		v = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "title",
		    g->title, "target", g->target, "track", wb_t(req,
		    wb_plan_track_label(g->track)), "owner",
		    g->owner_org_name, "status", wb_t(req,
		    wb_goal_status_label(g->status)), "bad",
		    g->status == WB_GOAL_BEHIND, "good",
		    g->status == WB_GOAL_ACHIEVED);
		if (next != NULL)
			json_object_set_new(v, "next", next);
		json_array_append_new(goals, v);
	}
	json_object_set_new(ctx, "goals", goals);
	json_object_set_new(ctx, "has_goals", json_boolean(plan.ngoals > 0));
	return wb_render(app, req, resp, "portal_plan.html", ctx);
}

/* ---------- Mijn team and the card sheet ----------------------------- */

static int
team_json(struct wb_db *db, struct wb_req *req, json_t **out)
{
	struct wb_team_member	*m;
	size_t			 n, i;
	json_t			*arr;
	int			 rc;

	*out = NULL;
	rc = wb_team_list(db, &req->actor, wb_portal_me(req), &req->arena, &m,
	    &n, &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = json_pack("{s:s, s:s, s:s}", "name", m[i].name,
		    "function", wb_t(req, wb_card_function_label(
		    m[i].function)), "org", m[i].org_name);

		wb_put(v, "phone", m[i].phone);
		wb_put(v, "email", m[i].email);
		wb_put(v, "availability", m[i].availability);
		json_array_append_new(arr, v);
	}
	*out = arr;
	return 0;
}

static int
team_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db)
{
	struct wb_proposal	*p;
	size_t			 n, i;
	json_t			*ctx, *team, *arr, *form;
	int			 rc;

	rc = team_json(db, req, &team);
	if (rc != 0)
		return rc;
	rc = wb_proposal_list(db, &req->actor, wb_portal_me(req), &req->arena,
	    &p, &n, &req->err);
	if (rc != 0) {
		json_decref(team);
		return wb_client_hide(rc);
	}
	ctx = portal_page(req, "Mijn team");
	wb_page_errors(req, ctx);
	json_object_set_new(ctx, "has_team", json_boolean(
	    json_array_size(team) > 0));
	json_object_set_new(ctx, "team", team);
	arr = json_array();
	for (i = 0; i < n; i++)
		if (strcmp(p[i].status, "voorgesteld") == 0)
			json_array_append_new(arr, json_pack("{s:s, s:s}",
			    "name", p[i].name, "org", p[i].org_name));
	json_object_set_new(ctx, "has_proposals", json_boolean(
	    json_array_size(arr) > 0));
	json_object_set_new(ctx, "proposals", arr);
	form = json_object();
	wb_put(form, "email", wb_req_raw(req, "email"));
	json_object_set_new(ctx, "form", form);
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "portal_team.html", ctx);
}

WB_HANDLER(wb_h_portal_team)
{
	return wb_portal_show(app, req, resp, team_page);
}

/* The client hands their team's cards to a professional they met. */
WB_HANDLER(wb_h_portal_hand_on)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0)
		return WB_ENOTFOUND;
	if (wb_req_has_errors(req))
		return team_page(app, req, resp, db);
	rc = wb_proposal_make(db, &req->actor, wb_req_str(req, "email"), &id,
	    &req->err);
	if (rc == WB_EINVAL) {
		wb_req_domain_error(req, &req->err);
		return team_page(app, req, resp, db);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, "/mijn/team", "cards_handed");
}

/* The cards on one A4 sheet, for the client to carry to appointments. */
WB_HANDLER(wb_h_portal_cards)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	json_t		*ctx, *team;
	char		 today[16];
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0)
		return WB_ENOTFOUND;
	rc = team_json(db, req, &team);
	if (rc != 0)
		return rc;
	ctx = portal_page(req, "Mijn kaartjes");
	json_object_set_new(ctx, "team", team);
	wb_date_nl(wb_today(), today, sizeof(today));
	json_object_set_new(ctx, "today", json_string(today));
	return wb_render(app, req, resp, "portal_cards.html", ctx);
}

/* ---------- Wie mag wat zien? ---------------------------------------- */

static int
consents_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db)
{
	struct wb_client	 c;
	struct wb_consent	*k;
	struct wb_org		*orgs;
	size_t			 n, no, i;
	json_t			*ctx, *active, *old, *form;
	char			 year[16];
	int			 rc;

	rc = wb_client_get(db, &req->actor, wb_portal_me(req), &req->arena, &c,
	    &req->err);
	if (rc == 0)
		rc = wb_consent_list(db, &req->actor, wb_portal_me(req),
		    &req->arena, &k, &n, &req->err);
	if (rc == 0)
		rc = wb_org_list_region(db, c.region_code, &req->arena, &orgs,
		    &no, &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	ctx = portal_page(req, "Wie mag wat zien?");
	wb_page_errors(req, ctx);
	active = json_array();
	old = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = json_pack("{s:I, s:s, s:s, s:s}", "id",
		    (json_int_t)k[i].id, "org", k[i].org_name, "what",
		    wb_category_words(req, k[i].categories), "purpose",
		    wb_t(req, wb_purpose_label(k[i].purpose)));

		wb_view_date(v, "until", k[i].valid_until);
		wb_view_date(v, "from", k[i].valid_from);
		if (k[i].revoked_at != 0)
			json_object_set_new(v, "revoked", json_true());
		json_array_append_new(k[i].active ? active : old, v);
	}
	json_object_set_new(ctx, "active", active);
	json_object_set_new(ctx, "old", old);
	json_object_set_new(ctx, "has_old", json_boolean(
	    json_array_size(old) > 0));
	json_object_set_new(ctx, "orgs", wb_consent_org_choices(req, orgs,
	    no));
	json_object_set_new(ctx, "purposes", wb_purpose_choices(req,
	    WB_PURPOSE_CASE));
	/* Nothing checked again after a refusal: the client chooses anew. */
	json_object_set_new(ctx, "categories", wb_category_choices(req, 0));
	form = json_object();
	wb_date_nl(wb_today() + 365, year, sizeof(year));
	wb_put(form, "valid_until", wb_req_raw(req, "valid_until") != NULL ?
	    wb_req_raw(req, "valid_until") : year);
	json_object_set_new(ctx, "form", form);
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "portal_consents.html", ctx);
}

WB_HANDLER(wb_h_portal_consents)
{
	return wb_portal_show(app, req, resp, consents_page);
}

WB_HANDLER(wb_h_portal_grant)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_consent_input	 in;
	char			 today[16];
	int64_t			 cid;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0)
		return WB_ENOTFOUND;
	if (wb_req_has_errors(req))
		return consents_page(app, req, resp, db);
	memset(&in, 0, sizeof(in));
	in.client_id = wb_portal_me(req);
	in.org_id = wb_req_int(req, "org", 0);
	in.purpose = wb_req_str(req, "purpose");
	in.categories = wb_posted_categories(req);
	wb_date_nl(wb_today(), today, sizeof(today));
	in.valid_from = today;
	in.valid_until = wb_req_raw(req, "valid_until");
	in.method = "online";
	rc = wb_consent_grant(db, &req->actor, &in, &cid, &req->err);
	if (rc == WB_EINVAL || rc == WB_ECONFLICT) {
		wb_req_domain_error(req, &req->err);
		return consents_page(app, req, resp, db);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, "/mijn/toestemmingen", "consent_granted");
}

WB_HANDLER(wb_h_portal_revoke)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0)
		return WB_ENOTFOUND;
	rc = wb_consent_revoke(db, &req->actor, wb_portal_me(req),
	    wb_req_int(req, "consent", 0), NULL, &req->err);
	if (rc == WB_EINVAL) {
		wb_req_domain_error(req, &req->err);
		return consents_page(app, req, resp, db);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, "/mijn/toestemmingen", "consent_revoked");
}

/* ---------- Wie keek mee? -------------------------------------------- */

WB_HANDLER(wb_h_portal_log)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_access_entry	*e;
	size_t			 n, i;
	int64_t			 total, page = wb_req_int(req, "pagina", 1);
	json_t			*ctx, *arr;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0)
		return WB_ENOTFOUND;
	rc = wb_access_log(db, &req->actor, wb_portal_me(req), 0, 0,
	    WB_ACCESS_LOG_PAGE, (page - 1) * WB_ACCESS_LOG_PAGE, &req->arena,
	    &e, &n, &total, &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	ctx = portal_page(req, "Wie keek mee?");
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = wb_access_entry_json(req, &e[i]);

		json_object_set_new(v, "you", json_boolean(e[i].user_id ==
		    req->actor.user_id));
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "entries", arr);
	json_object_set_new(ctx, "has_entries", json_boolean(n > 0));
	wb_page_links(req, ctx, "/mijn/inzage", page, total,
	    WB_ACCESS_LOG_PAGE);
	return wb_render(app, req, resp, "portal_log.html", ctx);
}

/* ---------- Opening the portal --------------------------------------- */

/* A professional makes a one-time code for the client and sees it once. */
WB_HANDLER(wb_h_portal_code)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client	 c;
	const char		*code;
	unsigned		 cats;
	int64_t			 id = wb_req_int(req, "id", 0), expires;
	json_t			*ctx;
	char			 until[32];
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_activation_create(db, &req->actor, id, &req->arena, &code,
	    &expires, &req->err);
	if (rc == WB_EINVAL) {
		rc = wb_client_frame(db, req, id, "", "Cliënt", &c, &cats,
		    &ctx);
		if (rc != 0)
			return rc;
		wb_req_domain_error(req, &req->err);
		wb_page_errors(req, ctx);
		resp->status = 400;
		return wb_render(app, req, resp, "client.html", ctx);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	rc = wb_client_frame(db, req, id, "", "Code voor het portaal", &c,
	    &cats, &ctx);
	if (rc != 0)
		return rc;
	wb_time_nl(expires, until, sizeof(until));
	json_object_set_new(ctx, "code", json_string(code));
	json_object_set_new(ctx, "until", json_string(until));
	/* Not kept by the browser: app.c sends every page no-store. */
	return wb_render(app, req, resp, "portal_code.html", ctx);
}

static int
activate_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp)
{
	json_t	*ctx = wb_page(req, "Uw account maken");
	json_t	*form = json_object();

	wb_page_errors(req, ctx);
	/* The code and the e-mail address come back; the password never. */
	wb_put(form, "code", wb_req_raw(req, "code"));
	wb_put(form, "email", wb_req_raw(req, "email"));
	json_object_set_new(ctx, "form", form);
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "portal_activate.html", ctx);
}

WB_HANDLER(wb_h_activate_form)
{
	if (req->user.id != 0)
		return wb_redirect(req, resp, "/", NULL);
	return activate_page(app, req, resp);
}

WB_HANDLER(wb_h_activate)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	const char	*pw = wb_req_str(req, "password");
	const char	*pw2 = wb_req_str(req, "password2");
	int64_t		 uid;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_req_has_errors(req) && (pw == NULL || pw2 == NULL ||
	    strcmp(pw, pw2) != 0))
		wb_req_field_error(req, "password2", wb_t(req, "De twee "
		    "wachtwoorden zijn niet hetzelfde. Typ ze nog een keer."));
	if (wb_req_has_errors(req))
		return activate_page(app, req, resp);
	rc = wb_activation_use(db, req->remote_addr, wb_req_str(req, "code"),
	    wb_req_str(req, "email"), pw, &uid, &req->err);
	if (rc == WB_EINVAL) {
		wb_req_domain_error(req, &req->err);
		return activate_page(app, req, resp);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, "/inloggen", "activated");
}

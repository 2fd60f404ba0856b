/* h_api_client.c - the client record in the JSON API v1: registering a
 * client, reading the record, its plan and access log, the care team,
 * consents, goals and referrals.
 *
 * The same domain functions as the web pages decide and audit, so the
 * policy is the same: a read or change it refuses answers 404 {"error":
 * "not found"}, exactly as for a client that does not exist, so ids cannot
 * be probed.  POST bodies are JSON objects (json_body.h: unknown keys,
 * wrong types and a Content-Type other than application/json are
 * refused before the domain is called); a validation error answers 400
 * {"error": Dutch message, "field": key}, a duplicate 409.  Answers carry
 * only the categories the policy shows: the keys of other categories are
 * absent, not null.  Keys are stable English names, dates ISO.
 */
#include "web/handlers.h"
#include "web/api_reply.h"
#include "web/json_body.h"
#include "domain/access.h"
#include "domain/access_log.h"
#include "domain/card.h"
#include "domain/client.h"
#include "domain/consent.h"
#include "domain/measurement.h"
#include "domain/organisation.h"
#include "domain/plan.h"
#include "domain/referral.h"
#include "domain/team.h"
#include "domain/user.h"
#include "base/str.h"
#include "base/time.h"

#include <ctype.h>

#define REQ	WB_J_REQUIRED
#define END	{ NULL, 0, 0, 0, 0, NULL }

static const char *const purposes[] = { "behandeling", "re-integratie",
    "casuistiekoverleg", "monitoring", NULL };
static const char *const referral_purposes[] = { "behandeling",
    "re-integratie", "casuistiekoverleg", NULL };
static const char *const categories[] = { "identity", "work", "health",
    "plan", "notes", NULL };
static const char *const methods[] = { "schriftelijk", "mondeling", NULL };

static const struct wb_jfield j_client[] = {
	{ "bsn", WB_J_STRING, REQ, 0, 20, NULL },
	{ "given_name", WB_J_STRING, REQ, 0, 100, NULL },
	{ "family_name", WB_J_STRING, REQ, 0, 100, NULL },
	{ "birth_date", WB_J_STRING, REQ, 0, 10, NULL },
	{ "municipality_code", WB_J_STRING, REQ, 0, 6, NULL },
	{ "benefit", WB_J_STRING, REQ, 0, 0, wb_client_benefits },
	{ "target_group", WB_J_STRING, 0, 0, 0, wb_client_target_groups },
	{ "phone", WB_J_STRING, 0, 0, 30, NULL },
	{ "email", WB_J_STRING, 0, 0, 254, NULL },
	{ "address", WB_J_STRING, 0, 0, 200, NULL },
	{ "function", WB_J_STRING, 0, 0, 0, wb_card_functions },
	END
};
static const struct wb_jfield j_team[] = {
	{ "email", WB_J_STRING, REQ, 0, 254, NULL },
	{ "function", WB_J_STRING, REQ, 0, 0, wb_card_functions },
	END
};
static const struct wb_jfield j_consent[] = {
	{ "organisation", WB_J_STRING, REQ, 0, 32, NULL },
	{ "purpose", WB_J_STRING, REQ, 0, 0, purposes },
	{ "categories", WB_J_STRINGS, REQ, 0, WB_NCATS, categories },
	{ "valid_from", WB_J_STRING, 0, 0, 10, NULL },
	{ "valid_until", WB_J_STRING, REQ, 0, 10, NULL },
	{ "method", WB_J_STRING, REQ, 0, 0, methods },
	{ "evidence", WB_J_STRING, 0, 0, 200, NULL },
	END
};
static const struct wb_jfield j_revoke[] = {
	{ "reason", WB_J_LINES, 0, 0, 300, NULL },
	END
};
static const struct wb_jfield j_goal[] = {
	{ "track", WB_J_STRING, REQ, 0, 0, wb_plan_tracks },
	{ "title", WB_J_STRING, REQ, 0, WB_GOAL_TITLE_MAX, NULL },
	{ "target", WB_J_LINES, REQ, 0, WB_GOAL_TARGET_MAX, NULL },
	{ "owner_organisation", WB_J_STRING, REQ, 0, 32, NULL },
	{ "due_date", WB_J_STRING, 0, 0, 10, NULL },
	END
};
static const struct wb_jfield j_referral[] = {
	{ "client", WB_J_INT, REQ, 1, INT64_MAX, NULL },
	{ "contact_point", WB_J_INT, REQ, 1, INT64_MAX, NULL },
	{ "purpose", WB_J_STRING, REQ, 0, 0, referral_purposes },
	{ "question", WB_J_LINES, REQ, 0, WB_REFERRAL_QUESTION_MAX, NULL },
	END
};

/* Domain field names that the API calls otherwise. */
static const struct wb_api_rename renamed[] = {
	{ "municipality", "municipality_code" },	/* wb_client_validate */
	{ "org", "organisation" },			/* wb_consent_grant */
	{ "user", "email" },				/* wb_team_add */
};

static int	 created(struct wb_resp *, int64_t, const char *);
static void	 put_time(json_t *, const char *, int64_t);
static json_t	*ref(int64_t, const char *);
static json_t	*access_view(const struct wb_client_decision *);
static int	 org_ref(struct wb_db *, struct wb_req *, int64_t,
		    const char *, json_t **);

/* 201 {"id": id}; with a Location when the new object can be read at
 * `location` (in the request's arena). */
static int
created(struct wb_resp *resp, int64_t id, const char *location)
{
	if (location != NULL)
		wb_resp_header(resp, "Location", location);
	return wb_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* obj[key] = the ISO time of Unix time t, or null for 0. */
static void
put_time(json_t *obj, const char *key, int64_t t)
{
	char	iso[32];

	if (t == 0) {
		json_object_set_new(obj, key, json_null());
		return;
	}
	wb_time_iso(t, iso, sizeof(iso));
	json_object_set_new(obj, key, json_string(iso));
}

/* {"id": id, "name": name}, or null when id is 0. */
static json_t *
ref(int64_t id, const char *name)
{
	json_t	*v;

	if (id == 0)
		return json_null();
	v = json_pack("{s:I}", "id", (json_int_t)id);
	wb_api_put_str(v, "name", name);
	return v;
}

/* What a read was allowed and why: the categories, the purpose, the
 * consent relied on and whether (part of it) is the own registration. */
static json_t *
access_view(const struct wb_client_decision *d)
{
	json_t	*cats = json_array();
	size_t	 i;

	for (i = 0; i < WB_NCATS; i++)
		if ((d->allowed & (1u << i)) != 0)
			json_array_append_new(cats, json_string(
			    wb_category_name(1u << i)));
	return json_pack("{s:o, s:s?, s:o, s:b}", "categories", cats,
	    "purpose", d->purpose != WB_PURPOSE_NONE ?
	    wb_purpose_name(d->purpose) : NULL, "consent_id",
	    d->consent_id != 0 ? json_integer(d->consent_id) : json_null(),
	    "own", d->own);
}

/* {"id", "code", "name"} of organisation `id` (directory data, not
 * audited); `name` is used when it cannot be read. */
static int
org_ref(struct wb_db *db, struct wb_req *req, int64_t id, const char *name,
    json_t **out)
{
	struct wb_org	o;
	int		rc;

	*out = NULL;
	if (id == 0) {
		*out = json_null();
		return 0;
	}
	rc = wb_org_get(db, id, &req->arena, &o, &req->err);
	if (rc != 0 && rc != WB_ENOTFOUND)
		return rc;
	*out = json_pack("{s:I}", "id", (json_int_t)id);
	wb_api_put_str(*out, "code", rc == 0 ? o.code : NULL);
	wb_api_put_str(*out, "name", rc == 0 ? o.name : name);
	return 0;
}

/* ---------- POST /api/v1/clients ------------------------------------- */

WB_HANDLER(wb_h_api_client_new)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client_input	 in;
	struct wb_jbody		 b;
	int64_t			 id = 0;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_client, false, &b))
		return 0;
	memset(&in, 0, sizeof(in));
	in.bsn = wb_jbody_str(&b, "bsn");
	in.given_name = wb_jbody_str(&b, "given_name");
	in.family_name = wb_jbody_str(&b, "family_name");
	in.birth_date = wb_jbody_str(&b, "birth_date");
	in.municipality = wb_jbody_str(&b, "municipality_code");
	in.benefit = wb_jbody_str(&b, "benefit");
	in.target_group = wb_jbody_str(&b, "target_group");
	in.phone = wb_jbody_str(&b, "phone");
	in.email = wb_jbody_str(&b, "email");
	in.address = wb_jbody_str(&b, "address");
	in.function = wb_jbody_str(&b, "function");
	if (in.function == NULL)
		in.function = "overig";
	rc = wb_client_register(db, &req->actor, &in, &id, &req->err);
	if (rc == 0)
		return created(resp, id, wb_arena_printf(&req->arena,
		    "/api/v1/clients/%lld", (long long)id));
	rc = wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	/* Like the web: a team member learns which record it is. */
	if (rc == 0 && resp->status == 409 && id != 0)
		(void)wb_json(resp, 409, json_pack("{s:s, s:s, s:s, s:I}",
		    "error", "Deze cliënt staat al in werkbrug, in uw team.",
		    "field", "bsn", "request_id", req->request_id, "id",
		    (json_int_t)id));
	return rc;
}

/* ---------- GET /api/v1/clients/{id} --------------------------------- */

WB_HANDLER(wb_h_api_client)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client	 c;
	json_t			*v, *org;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_client_get(db, &req->actor, wb_req_int(req, "id", 0),
	    &req->arena, &c, &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	rc = org_ref(db, req, c.registered_org, c.registered_org_name, &org);
	if (rc != 0)
		return rc;
	v = json_pack("{s:I}", "id", (json_int_t)c.id);
	/* Only the categories shown: the keys of the others are absent. */
	if ((c.shown & WB_CAT_IDENTITY) != 0) {
		wb_api_put_str(v, "bsn_masked", c.bsn_masked);
		wb_api_put_str(v, "given_name", c.given_name);
		wb_api_put_str(v, "family_name", c.family_name);
		wb_api_put_date(v, "birth_date", c.birth_date);
		wb_api_put_str(v, "phone", c.phone);
		wb_api_put_str(v, "email", c.email);
		wb_api_put_str(v, "address", c.address);
		json_object_set_new(v, "municipality", json_pack("{s:s?, s:s?}",
		    "code", c.municipality_code, "name", c.municipality_name));
		json_object_set_new(v, "region", json_pack("{s:s?, s:s?}",
		    "code", c.region_code, "name", c.region_name));
		json_object_set_new(v, "has_portal",
		    json_boolean(c.has_portal));
	}
	if ((c.shown & WB_CAT_WORK) != 0)
		wb_api_put_str(v, "benefit", c.benefit);
	if ((c.shown & WB_CAT_HEALTH) != 0)
		wb_api_put_str(v, "target_group", c.target_group);
	json_object_set_new(v, "registered_organisation", org);
	put_time(v, "created_at", c.created_at);
	put_time(v, "updated_at", c.updated_at);
	json_object_set_new(v, "access", access_view(&c.access));
	return wb_json(resp, 200, v);
}

/* ---------- POST /api/v1/clients/{id}/team --------------------------- */

WB_HANDLER(wb_h_api_team_add)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	struct wb_user	 u;
	struct wb_jbody	 b;
	char		*email;
	int64_t		 id = wb_req_int(req, "id", 0), uid = 0, mid = 0;
	size_t		 i;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_team, false, &b))
		return 0;
	/* Accounts are stored with the address in lower case. */
	email = wb_arena_strdup(&req->arena, wb_jbody_str(&b, "email"));
	for (i = 0; email[i] != '\0'; i++)
		email[i] = (char)tolower((unsigned char)email[i]);
	rc = wb_user_find_email(db, email, &req->arena, &u, &req->err);
	if (rc == 0)
		uid = u.id;
	else if (rc != WB_ENOTFOUND)
		return rc;
	/* An unknown address goes in as no one: the domain decides on the
	 * client first (a refusal is a 404 and audited), and only then says
	 * that there is no such professional, so the answer tells nobody
	 * outside the team which addresses exist. */
	wb_err_clear(&req->err);
	rc = wb_team_add(db, &req->actor, id, uid, wb_jbody_str(&b,
	    "function"), &mid, &req->err);
	if (rc == 0)
		return created(resp, mid, NULL);
	return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
}

/* ---------- POST /api/v1/clients/{id}/consents ----------------------- */

WB_HANDLER(wb_h_api_consent_add)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_consent_input	 in;
	struct wb_org		 o;
	struct wb_jbody		 b;
	const char *const	*cats;
	char			 today[16];
	int64_t			 cid = 0;
	size_t			 n, i;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_consent, false, &b))
		return 0;
	memset(&in, 0, sizeof(in));
	in.client_id = wb_req_int(req, "id", 0);
	/* An unknown code leaves org 0, which the domain names. */
	rc = wb_org_get_code(db, wb_jbody_str(&b, "organisation"),
	    &req->arena, &o, &req->err);
	if (rc == 0)
		in.org_id = o.id;
	else if (rc != WB_ENOTFOUND)
		return rc;
	wb_err_clear(&req->err);
	in.purpose = wb_jbody_str(&b, "purpose");
	n = wb_jbody_strs(&b, "categories", &cats);
	for (i = 0; i < n; i++)
		in.categories |= wb_category_parse(cats[i]);
	wb_date_iso(wb_today(), today, sizeof(today));
	in.valid_from = wb_jbody_str(&b, "valid_from");
	if (in.valid_from == NULL)
		in.valid_from = today;
	in.valid_until = wb_jbody_str(&b, "valid_until");
	in.method = wb_jbody_str(&b, "method");
	in.evidence = wb_jbody_str(&b, "evidence");
	rc = wb_consent_grant(db, &req->actor, &in, &cid, &req->err);
	if (rc == 0)
		return created(resp, cid, NULL);
	return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
}

/* ---------- POST /api/v1/consents/{id}/revoke ------------------------ */

WB_HANDLER(wb_h_api_consent_revoke)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	struct wb_jbody	 b;
	int64_t		 cid = wb_req_int(req, "id", 0), client = 0;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_revoke, true, &b))
		return 0;
	rc = wb_consent_client(db, cid, &client, &req->err);
	if (rc == 0)
		rc = wb_consent_revoke(db, &req->actor, client, cid,
		    wb_jbody_str(&b, "reason"), &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	return wb_json(resp, 200, json_pack("{s:I, s:b}", "id",
	    (json_int_t)cid, "revoked", 1));
}

/* ---------- POST /api/v1/clients/{id}/goals -------------------------- */

WB_HANDLER(wb_h_api_goal_add)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_goal_input	 in;
	struct wb_jbody		 b;
	const char		*owner;
	int64_t			 gid = 0;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_goal, false, &b))
		return 0;
	/* A goal belongs to the organisation of whoever sets it; the field
	 * makes the caller say so, rather than assume it. */
	owner = wb_jbody_str(&b, "owner_organisation");
	if (req->user.org_code == NULL || strcmp(owner,
	    req->user.org_code) != 0)
		return wb_api_fail(req, resp, 400, wb_arena_printf(&req->arena,
		    "Een doel hoort bij de organisatie van wie het vastlegt: "
		    "vul uw eigen organisatie in (%s).", req->user.org_code ?
		    req->user.org_code : ""), "owner_organisation");
	memset(&in, 0, sizeof(in));
	in.client_id = wb_req_int(req, "id", 0);
	in.track = wb_jbody_str(&b, "track");
	in.title = wb_jbody_str(&b, "title");
	in.target = wb_jbody_str(&b, "target");
	in.due_date = wb_jbody_str(&b, "due_date");
	rc = wb_goal_add(db, &req->actor, &in, &gid, &req->err);
	if (rc == 0)
		return created(resp, gid, NULL);
	return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
}

/* ---------- GET /api/v1/clients/{id}/plan ---------------------------- */

/* One goal with its actions; `owner` is its organisation's org_ref. */
static json_t *
goal_view(const struct wb_goal *g, json_t *owner)
{
	json_t	*v, *acts;
	size_t	 i;

	v = json_pack("{s:I, s:s, s:O}", "id", (json_int_t)g->id, "track",
	    g->track, "owner_organisation", owner);
	wb_api_put_str(v, "title", g->title);
	wb_api_put_str(v, "target", g->target);
	wb_api_put_date(v, "due_date", g->due_date);
	json_object_set_new(v, "status", json_string(
	    wb_goal_status_name(g->status)));
	put_time(v, "stopped_at", g->stopped_at);
	json_object_set_new(v, "version", json_integer(g->version));
	put_time(v, "created_at", g->created_at);
	put_time(v, "updated_at", g->updated_at);
	acts = json_array();
	for (i = 0; i < g->nactions; i++) {
		const struct wb_plan_action	*a = &g->actions[i];
		json_t				*av;

		av = json_pack("{s:I}", "id", (json_int_t)a->id);
		wb_api_put_str(av, "title", a->title);
		json_object_set_new(av, "owner", ref(a->owner_user,
		    a->owner_name));
		wb_api_put_date(av, "due_date", a->due_date);
		json_object_set_new(av, "done", json_boolean(a->done_at != 0));
		put_time(av, "done_at", a->done_at);
		json_object_set_new(av, "done_by", a->done_at != 0 ?
		    ref(a->done_by, a->done_by_name) : json_null());
		json_object_set_new(av, "overdue", json_boolean(a->overdue));
		json_object_set_new(av, "version", json_integer(a->version));
		json_array_append_new(acts, av);
	}
	json_object_set_new(v, "actions", acts);
	return v;
}

WB_HANDLER(wb_h_api_plan)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	struct wb_plan	 p;
	json_t		*goals, *owners, *owner;
	char		 key[24];
	size_t		 i;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_plan_get(db, &req->actor, wb_req_int(req, "id", 0),
	    &req->arena, &p, &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	goals = json_array();
	owners = json_object();		/* org id -> its org_ref */
	for (i = 0; i < p.ngoals; i++) {
		snprintf(key, sizeof(key), "%lld",
		    (long long)p.goals[i].owner_org);
		owner = json_object_get(owners, key);
		if (owner == NULL) {
			rc = org_ref(db, req, p.goals[i].owner_org,
			    p.goals[i].owner_org_name, &owner);
			if (rc != 0) {
				json_decref(goals);
				json_decref(owners);
				return rc;
			}
			json_object_set_new(owners, key, owner);
		}
		json_array_append_new(goals, goal_view(&p.goals[i], owner));
	}
	json_decref(owners);
	return wb_json(resp, 200, json_pack("{s:I, s:o, s:o}", "client_id",
	    (json_int_t)p.client_id, "access", access_view(&p.access),
	    "goals", goals));
}

/* ---------- GET /api/v1/clients/{id}/access-log ---------------------- */

WB_HANDLER(wb_h_api_access_log)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_access_entry	*e;
	int64_t			 limit = wb_req_int(req, "limit",
	    WB_ACCESS_LOG_PAGE);
	int64_t			 offset = wb_req_int(req, "offset", 0), total;
	size_t			 n, i;
	json_t			*items;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_access_log(db, &req->actor, wb_req_int(req, "id", 0), 0, 0,
	    limit, offset, &req->arena, &e, &n, &total, &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	items = json_array();
	for (i = 0; i < n; i++) {
		json_t	*v = json_pack("{s:I}", "id", (json_int_t)e[i].id);

		put_time(v, "at", e[i].at);
		wb_api_put_str(v, "event", e[i].event);
		wb_api_put_str(v, "outcome", e[i].outcome);
		json_object_set_new(v, "user", ref(e[i].user_id,
		    e[i].user_name));
		json_object_set_new(v, "organisation", ref(e[i].org_id,
		    e[i].org_name));
		wb_api_put_str(v, "role", e[i].role);
		wb_api_put_str(v, "purpose", e[i].purpose);
		json_object_set_new(v, "consent_id", e[i].consent_id != 0 ?
		    json_integer(e[i].consent_id) : json_null());
		wb_api_put_str(v, "object_type", e[i].object_type);
		wb_api_put_str(v, "object_id", e[i].object_id);
		wb_api_put_str(v, "detail", e[i].detail);
		json_array_append_new(items, v);
	}
	return wb_json(resp, 200, json_pack("{s:o, s:I, s:I, s:I}", "items",
	    items, "total", (json_int_t)total, "limit", (json_int_t)limit,
	    "offset", (json_int_t)offset));
}

/* ---------- POST /api/v1/referrals ----------------------------------- */

WB_HANDLER(wb_h_api_referral_send)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct wb_referral_input	 in;
	struct wb_jbody			 b;
	int64_t				 rid = 0;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_referral, false, &b))
		return 0;
	memset(&in, 0, sizeof(in));
	in.client_id = wb_jbody_int(&b, "client", 0);
	in.contact_point_id = wb_jbody_int(&b, "contact_point", 0);
	in.purpose = wb_jbody_str(&b, "purpose");
	in.question = wb_jbody_str(&b, "question");
	rc = wb_referral_send(db, &req->actor, &in, &rid, &req->err);
	if (rc == 0)
		return created(resp, rid, NULL);
	return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
}

/* ---------- measurements ---------------------------------------------- */

/* The instrument is checked by the domain ("participatieladder" is the
 * ladder too); answers are digits, a total or rung any number the
 * instrument's range then narrows. */
static const struct wb_jfield j_measurement[] = {
	{ "instrument", WB_J_STRING, REQ, 0, 32, NULL },
	{ "date", WB_J_STRING, REQ, 0, 10, NULL },
	{ "items", WB_J_INTS, 0, 0, 9, NULL },
	{ "value", WB_J_INT, 0, 0, 100000, NULL },
	END
};

/* POST /api/v1/clients/{id}/measurements -> 201 {"id", "total",
 * "band"}. */
WB_HANDLER(wb_h_api_measurement_add)
{
	struct wb_db			*db = wb_app_db(app, &req->err);
	struct wb_measurement_input	 in;
	struct wb_jbody			 b;
	const int64_t			*nums;
	const char			*band = NULL;
	int				 items[WB_ITEMS_MAX];
	int64_t				 mid = 0;
	size_t				 n, i;
	int				 total = 0, rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_api_read_body(req, resp, j_measurement, false, &b))
		return 0;
	n = wb_jbody_ints(&b, "items", &nums);
	if (n > WB_ITEMS_MAX)
		return wb_api_fail(req, resp, 400, "Te veel antwoorden voor "
		    "een vragenlijst.", "items");
	for (i = 0; i < n; i++)
		items[i] = (int)nums[i];	/* 0-9, as declared */
	memset(&in, 0, sizeof(in));
	in.client_id = wb_req_int(req, "id", 0);
	in.instrument = wb_jbody_str(&b, "instrument");
	in.date = wb_jbody_str(&b, "date");
	in.items = n > 0 ? items : NULL;
	in.nitems = n;
	in.has_value = wb_jbody_int(&b, "value", -1) >= 0;
	in.value = (int)wb_jbody_int(&b, "value", 0);
	rc = wb_measurement_add(db, &req->actor, &in, &mid, &total, &band,
	    &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	return wb_json(resp, 201, json_pack("{s:I, s:i, s:s?}", "id",
	    (json_int_t)mid, "total", total, "band", band));
}

/* GET /api/v1/clients/{id}/measurements: those of the categories the
 * caller may see, by instrument and date. */
WB_HANDLER(wb_h_api_measurements)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_measurement	*m;
	unsigned		 allowed;
	json_t			*arr, *cats, *v, *answers;
	size_t			 n, i, k;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_measurement_list(db, &req->actor, wb_req_int(req, "id", 0),
	    &req->arena, &m, &n, &allowed, &req->err);
	if (rc != 0)
		return wb_api_domain(req, resp, rc, renamed, WB_NELEM(renamed));
	arr = json_array();
	for (i = 0; i < n; i++) {
		v = json_pack("{s:I, s:s, s:i}", "id", (json_int_t)m[i].id,
		    "instrument", m[i].instrument, "value", m[i].value);
		wb_api_put_date(v, "date", m[i].on_date);
		wb_api_put_str(v, "band", m[i].band);
		answers = json_null();
		if (m[i].items != NULL) {
			answers = json_array();
			for (k = 0; m[i].items[k] >= '0' &&
			    m[i].items[k] <= '9'; k++)
				json_array_append_new(answers, json_integer(
				    m[i].items[k] - '0'));
		}
		json_object_set_new(v, "items", answers);
		json_object_set_new(v, "followup", json_boolean(
		    m[i].followup));
		wb_api_put_str(v, "source", m[i].source);
		wb_api_put_str(v, "organisation", m[i].org_name);
		json_array_append_new(arr, v);
	}
	cats = json_array();
	for (i = 0; i < WB_NCATS; i++)
		if ((allowed & (1u << i)) != 0)
			json_array_append_new(cats, json_string(
			    wb_category_name(1u << i)));
	return wb_json(resp, 200, json_pack("{s:I, s:o, s:o, s:I}",
	    "client_id", (json_int_t)wb_req_int(req, "id", 0), "categories",
	    cats, "items", arr, "total", (json_int_t)n));
}

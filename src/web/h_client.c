/* h_client.c - the client record: "Mijn cliënten", registering a client,
 * the client page with its tabs (Gegevens, Team, Toestemmingen), the care
 * team and the client's consents.
 *
 * Every read and change is decided and audited by the domain
 * (client_access.c).  A client the actor may not see at all answers 404,
 * the same as a client that does not exist, so ids cannot be probed; a
 * tab the actor may not see is absent (interface.md).  No BSN or name
 * ever appears in a URL: the BSN search is a POST.
 */
#include "web/handlers.h"
#include "web/client_frame.h"
#include "web/view.h"
#include "domain/access.h"
#include "domain/access_log.h"
#include "domain/card.h"
#include "domain/client.h"
#include "domain/client_access.h"
#include "domain/consent.h"
#include "domain/organisation.h"
#include "domain/plan.h"
#include "domain/proposal.h"
#include "domain/region.h"
#include "domain/team.h"
#include "base/str.h"
#include "base/time.h"

/* ---------- Mijn cliënten -------------------------------------------- */

WB_HANDLER(wb_h_clients)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client_item	*items;
	struct wb_overdue_item	*late;
	size_t			 n, nlate, i, j;
	json_t			*ctx, *arr;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_client_list_mine(db, &req->actor, &req->arena, &items, &n,
	    &req->err);
	if (rc == 0)
		rc = wb_plan_overdue(db, &req->actor, &req->arena, &late,
		    &nlate, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Mijn cliënten");
	wb_page_errors(req, ctx);
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_int_t overdue = 0;
		json_t *v;

		/* The same overdue actions "Mijn werk" lists, per client. */
		for (j = 0; j < nlate; j++)
			overdue += late[j].client_id == items[i].id;
		v = json_pack("{s:I, s:s, s:s, s:I}", "id",
		    (json_int_t)items[i].id, "function", wb_t(req,
		    wb_card_function_label(items[i].function)),
		    "registered_org", items[i].registered_org_name,
		    "overdue", overdue);

		wb_put(v, "name", items[i].name);
		if (items[i].name != NULL)
			wb_view_date(v, "birth_date", items[i].birth_date);
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "clients", arr);
	json_object_set_new(ctx, "has_clients", json_boolean(n > 0));
	return wb_render(app, req, resp, "clients.html", ctx);
}

WB_HANDLER(wb_h_client_find)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_req_has_errors(req)) {
		rc = wb_client_find_bsn(db, &req->actor, wb_req_str(req,
		    "bsn"), &id, &req->err);
		if (rc == 0)
			return wb_redirect(req, resp, wb_arena_printf(
			    &req->arena, "/clienten/%lld", (long long)id),
			    NULL);
		if (rc == WB_EINVAL)
			wb_req_domain_error(req, &req->err);
		else if (rc == WB_ENOTFOUND)
			wb_req_field_error(req, "bsn", wb_t(req, "Geen cliënt "
			    "gevonden met dit BSN in uw teams. Staat de "
			    "cliënt nog niet in werkbrug? Meld de cliënt dan "
			    "aan."));
		else
			return rc;
	}
	/* The list page again, with the message; it never shows the typed
	 * BSN back. */
	rc = wb_h_clients(app, req, resp);
	if (rc == 0)
		resp->status = 400;
	return rc;
}

/* ---------- Registering and editing ---------------------------------- */

/* The fields as posted; a field not on the form stays NULL. */
static void
input_from_req(const struct wb_req *req, struct wb_client_input *in)
{
	memset(in, 0, sizeof(*in));
	in->bsn = wb_req_raw(req, "bsn");
	in->given_name = wb_req_raw(req, "given_name");
	in->family_name = wb_req_raw(req, "family_name");
	in->birth_date = wb_req_raw(req, "birth_date");
	in->phone = wb_req_raw(req, "phone");
	in->email = wb_req_raw(req, "email");
	in->address = wb_req_raw(req, "address");
	in->municipality = wb_req_raw(req, "municipality");
	in->benefit = wb_req_raw(req, "benefit");
	in->target_group = wb_req_raw(req, "target_group");
	in->function = wb_req_raw(req, "function");
}

/* Municipalities grouped by region, `chosen` selected. */
static int
municipality_groups(struct wb_db *db, struct wb_req *req, const char *chosen,
    json_t **out)
{
	struct wb_region	*rs;
	struct wb_municipality	*ms;
	size_t			 nr, nm, i, j;
	json_t			*groups = json_array(), *opts;
	int			 rc;

	*out = NULL;
	rc = wb_region_list(db, &req->arena, &rs, &nr, &req->err);
	for (i = 0; rc == 0 && i < nr; i++) {
		rc = wb_region_municipalities(db, rs[i].code, &req->arena, &ms,
		    &nm, &req->err);
		opts = json_array();
		for (j = 0; rc == 0 && j < nm; j++)
			json_array_append_new(opts, json_pack(
			    "{s:s, s:s, s:b}", "value", ms[j].code, "label",
			    ms[j].name, "selected", chosen != NULL &&
			    strcmp(chosen, ms[j].code) == 0));
		json_array_append_new(groups, json_pack("{s:s, s:o}",
		    "label", rs[i].name, "options", opts));
	}
	if (rc != 0) {
		json_decref(groups);
		return rc;
	}
	*out = groups;
	return 0;
}

/* The register form (c == NULL) or the edit form of `c` showing only the
 * categories the actor may see, with `in` as typed. */
static int
client_form(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, const struct wb_client *c,
    const struct wb_client_input *in)
{
	json_t	*ctx, *form, *groups;
	unsigned shown = c != NULL ? c->shown : 0;
	int	 rc;

	if (c == NULL) {
		rc = wb_client_register_categories(db, &req->actor, &shown,
		    &req->err);
		if (rc != 0)
			return rc;
		if (shown == 0)
			return WB_EDENIED;
	}
	rc = municipality_groups(db, req, in->municipality, &groups);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, c == NULL ? "Cliënt aanmelden" :
	    "Gegevens wijzigen");
	wb_page_errors(req, ctx);
	form = json_object();
	wb_put(form, "bsn", in->bsn);
	wb_put(form, "given_name", in->given_name);
	wb_put(form, "family_name", in->family_name);
	wb_put(form, "birth_date", in->birth_date);
	wb_put(form, "phone", in->phone);
	wb_put(form, "email", in->email);
	wb_put(form, "address", in->address);
	json_object_set_new(ctx, "form", form);
	json_object_set_new(ctx, "municipalities", groups);
	json_object_set_new(ctx, "benefits", wb_choices(req, wb_client_benefits,
	    wb_client_benefit_label, in->benefit));
	json_object_set_new(ctx, "target_groups", wb_choices(req,
	    wb_client_target_groups, wb_client_target_group_label,
	    in->target_group));
	json_object_set_new(ctx, "functions", wb_choices(req, wb_card_functions,
	    wb_card_function_label, in->function));
	json_object_set_new(ctx, "is_new", json_boolean(c == NULL));
	json_object_set_new(ctx, "identity", json_boolean(
	    (shown & WB_CAT_IDENTITY) != 0));
	json_object_set_new(ctx, "work", json_boolean(
	    (shown & WB_CAT_WORK) != 0));
	json_object_set_new(ctx, "health", json_boolean(
	    (shown & WB_CAT_HEALTH) != 0));
	if (c != NULL) {
		json_object_set_new(ctx, "client_id", json_integer(c->id));
		json_object_set_new(ctx, "action", json_string(
		    wb_arena_printf(&req->arena, "/clienten/%lld/bewerken",
		    (long long)c->id)));
	} else
		json_object_set_new(ctx, "action",
		    json_string("/clienten/nieuw"));
	json_object_set_new(ctx, "crumbs", json_pack("[{s:s, s:s}]", "href",
	    "/clienten", "label", wb_t(req, "Mijn cliënten")));
	json_object_set_new(ctx, "has_crumbs", json_true());
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "client_form.html", ctx);
}

static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* The edit form carries exactly the categories the actor saw: an empty
 * field there means "cleared" (the router drops empty fields), a field
 * of another category was not on the form and stays as stored. */
static void
on_form(struct wb_client_input *in, unsigned shown)
{
	bool	id = (shown & WB_CAT_IDENTITY) != 0;

	in->given_name = id ? or_empty(in->given_name) : NULL;
	in->family_name = id ? or_empty(in->family_name) : NULL;
	in->birth_date = id ? or_empty(in->birth_date) : NULL;
	in->phone = id ? or_empty(in->phone) : NULL;
	in->email = id ? or_empty(in->email) : NULL;
	in->address = id ? or_empty(in->address) : NULL;
	in->municipality = id ? or_empty(in->municipality) : NULL;
	in->benefit = (shown & WB_CAT_WORK) ? or_empty(in->benefit) : NULL;
	in->target_group = (shown & WB_CAT_HEALTH) ?
	    or_empty(in->target_group) : NULL;
}

WB_HANDLER(wb_h_client_new_form)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client_input	 in;

	if (db == NULL)
		return WB_EDB;
	if (req->actor.role != WB_ROLE_PROFESSIONAL)
		return WB_EDENIED;
	memset(&in, 0, sizeof(in));
	return client_form(app, req, resp, db, NULL, &in);
}

WB_HANDLER(wb_h_client_new)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client_input	 in;
	int64_t			 id;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	input_from_req(req, &in);
	if (wb_req_has_errors(req))
		return client_form(app, req, resp, db, NULL, &in);
	rc = wb_client_register(db, &req->actor, &in, &id, &req->err);
	if (rc == WB_ECONFLICT && id != 0)
		return wb_redirect(req, resp, wb_arena_printf(&req->arena,
		    "/clienten/%lld", (long long)id), "client_exists");
	if (wb_client_form_error(rc)) {
		wb_req_domain_error(req, &req->err);
		return client_form(app, req, resp, db, NULL, &in);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/clienten/%lld", (long long)id), "client_created");
}

WB_HANDLER(wb_h_client)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client	 c;
	unsigned		 cats;
	json_t			*ctx;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_client_frame(db, req, wb_req_int(req, "id", 0), "", "Cliënt", &c,
	    &cats, &ctx);
	if (rc != 0)
		return rc;
	return wb_render(app, req, resp, "client.html", ctx);
}

WB_HANDLER(wb_h_client_bsn)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client	 c;
	unsigned		 cats;
	char			 bsn[10];
	json_t			*ctx;
	int64_t			 id = wb_req_int(req, "id", 0);
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_client_bsn(db, &req->actor, id, bsn, &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	rc = wb_client_frame(db, req, id, "", "Cliënt", &c, &cats, &ctx);
	if (rc != 0)
		return rc;
	json_object_set_new(ctx, "bsn", json_string(bsn));
	/* Not kept by the browser: app.c sends every page no-store. */
	return wb_render(app, req, resp, "client.html", ctx);
}

WB_HANDLER(wb_h_client_edit_form)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client	 c;
	struct wb_client_input	 in;
	char			 born[16] = "";
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_client_get(db, &req->actor, wb_req_int(req, "id", 0),
	    &req->arena, &c, &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	memset(&in, 0, sizeof(in));
	if (c.name != NULL)
		wb_date_nl(c.birth_date, born, sizeof(born));
	in.given_name = c.given_name;
	in.family_name = c.family_name;
	in.birth_date = born;
	in.phone = c.phone;
	in.email = c.email;
	in.address = c.address;
	in.municipality = c.municipality_code;
	in.benefit = c.benefit;
	in.target_group = c.target_group;
	return client_form(app, req, resp, db, &c, &in);
}

WB_HANDLER(wb_h_client_edit)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client	 c;
	struct wb_client_input	 in;
	int64_t			 id = wb_req_int(req, "id", 0);
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_client_get(db, &req->actor, id, &req->arena, &c, &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	input_from_req(req, &in);
	in.id = id;
	in.bsn = NULL;
	in.function = NULL;
	on_form(&in, c.shown);
	if (wb_req_has_errors(req))
		return client_form(app, req, resp, db, &c, &in);
	rc = wb_client_update(db, &req->actor, &in, &req->err);
	if (wb_client_form_error(rc)) {
		wb_req_domain_error(req, &req->err);
		return client_form(app, req, resp, db, &c, &in);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/clienten/%lld", (long long)id), "saved");
}

/* ---------- Team ----------------------------------------------------- */

static int
team_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id)
{
	struct wb_client	 c;
	struct wb_team_member	*m;
	struct wb_card		*cands;
	struct wb_proposal	*props;
	unsigned		 cats;
	size_t			 n, nc, nprops, i;
	json_t			*ctx, *arr;
	int			 rc;

	rc = wb_client_frame(db, req, id, "team", "Team", &c, &cats, &ctx);
	if (rc != 0)
		return rc;
	rc = wb_team_list(db, &req->actor, id, &req->arena, &m, &n,
	    &req->err);
	if (rc == 0)
		rc = wb_team_candidates(db, &req->actor, id, &req->arena,
		    &cands, &nc, &req->err);
	if (rc == 0)
		rc = wb_proposal_list(db, &req->actor, id, &req->arena, &props,
		    &nprops, &req->err);
	if (rc != 0) {
		json_decref(ctx);
		return wb_client_hide(rc);
	}
	wb_page_errors(req, ctx);
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id",
		    (json_int_t)m[i].id, "name", m[i].name, "function",
		    wb_t(req, wb_card_function_label(m[i].function)),
		    "org_name", m[i].org_name, "is_me",
		    m[i].user_id == req->actor.user_id);

		if (m[i].card_id != 0)
			json_object_set_new(v, "card_id",
			    json_integer(m[i].card_id));
		wb_put(v, "phone", m[i].phone);
		wb_put(v, "email", m[i].email);
		wb_view_date(v, "since", m[i].added_at / 86400);
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "members", arr);
	arr = json_array();
	for (i = 0; i < nc; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b}",
		    "value", (json_int_t)cands[i].user_id, "name",
		    cands[i].name, "org_name", cands[i].org_name, "selected",
		    wb_req_raw(req, "user") != NULL && wb_req_int(req, "user",
		    0) == cands[i].user_id));
	json_object_set_new(ctx, "candidates", arr);
	arr = json_array();
	for (i = 0; i < nprops; i++) {
		json_t *v;

		if (strcmp(props[i].status, "voorgesteld") != 0)
			continue;
		v = json_pack("{s:I, s:s, s:s, s:s}", "id",
		    (json_int_t)props[i].id, "name", props[i].name,
		    "function", wb_t(req, wb_card_function_label(
		    props[i].function)), "org", props[i].org_name);
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "has_proposals", json_boolean(
	    json_array_size(arr) > 0));
	json_object_set_new(ctx, "proposals", arr);
	json_object_set_new(ctx, "functions", wb_choices(req, wb_card_functions,
	    wb_card_function_label, wb_req_raw(req, "function")));
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "client_team.html", ctx);
}

WB_HANDLER(wb_h_client_team)
{
	return wb_client_show(app, req, resp, team_page);
}

WB_HANDLER(wb_h_team_add)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0), mid;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return team_page(app, req, resp, db, id);
	rc = wb_team_add(db, &req->actor, id, wb_req_int(req, "user", 0),
	    wb_req_str(req, "function"), &mid, &req->err);
	return wb_client_changed(app, req, resp, db, id, rc, team_page,
	    "team", "team_added");
}

WB_HANDLER(wb_h_team_end)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_team_end(db, &req->actor, id, wb_req_int(req, "member", 0),
	    &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/clienten/%lld/team", (long long)id), "team_ended");
}

/* ---------- Consents ------------------------------------------------- */

static int
consent_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id)
{
	struct wb_client	 c;
	struct wb_consent	*k;
	struct wb_org		*orgs;
	unsigned		 cats;
	size_t			 n, no, i;
	json_t			*ctx, *active, *history, *form;
	char			 today[16], year[16];
	int			 rc;

	rc = wb_client_frame(db, req, id, "toestemmingen", "Toestemmingen", &c,
	    &cats, &ctx);
	if (rc != 0)
		return rc;
	rc = wb_consent_list(db, &req->actor, id, &req->arena, &k, &n,
	    &req->err);
	if (rc == 0)
		rc = wb_org_list_region(db, c.region_code, &req->arena, &orgs,
		    &no, &req->err);
	if (rc != 0) {
		json_decref(ctx);
		return wb_client_hide(rc);
	}
	wb_page_errors(req, ctx);
	active = json_array();
	history = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
		    (json_int_t)k[i].id, "org_name", k[i].org_name, "purpose",
		    wb_t(req, wb_purpose_label(k[i].purpose)), "categories",
		    wb_category_words(req, k[i].categories), "method",
		    wb_t(req, wb_consent_method_label(k[i].method)),
		    "recorded_by", k[i].recorded_by_name[0] != '\0' ?
		    k[i].recorded_by_name : wb_t(req, "de cliënt"));

		wb_view_date(v, "valid_from", k[i].valid_from);
		wb_view_date(v, "valid_until", k[i].valid_until);
		wb_put(v, "evidence", k[i].evidence);
		if (k[i].revoked_at != 0) {
			char t[32];

			wb_time_nl(k[i].revoked_at, t, sizeof(t));
			json_object_set_new(v, "revoked_at", json_string(t));
			wb_put(v, "revoked_by", k[i].revoked_by_name[0] != '\0' ?
			    k[i].revoked_by_name : wb_t(req, "de cliënt"));
			wb_put(v, "revoke_reason", k[i].revoke_reason);
		}
		json_array_append_new(k[i].active ? active : history, v);
	}
	json_object_set_new(ctx, "active", active);
	json_object_set_new(ctx, "history", history);
	json_object_set_new(ctx, "has_history", json_boolean(
	    json_array_size(history) > 0));
	json_object_set_new(ctx, "orgs", wb_consent_org_choices(req, orgs,
	    no));
	json_object_set_new(ctx, "purposes", wb_purpose_choices(req,
	    WB_PURPOSE_MONITORING));
	json_object_set_new(ctx, "categories", wb_category_choices(req,
	    wb_posted_categories(req)));
	json_object_set_new(ctx, "methods", json_pack("[{s:s, s:s, s:b}, "
	    "{s:s, s:s, s:b}]", "value", "schriftelijk", "label",
	    wb_t(req, wb_consent_method_label("schriftelijk")), "selected",
	    wb_req_raw(req, "method") == NULL || strcmp(wb_req_raw(req,
	    "method"), "schriftelijk") == 0, "value", "mondeling", "label",
	    wb_t(req, wb_consent_method_label("mondeling")), "selected",
	    wb_req_raw(req, "method") != NULL && strcmp(wb_req_raw(req,
	    "method"), "mondeling") == 0));
	form = json_object();
	wb_date_nl(wb_today(), today, sizeof(today));
	wb_date_nl(wb_today() + 365, year, sizeof(year));
	wb_put(form, "valid_from", wb_req_raw(req, "valid_from") != NULL ?
	    wb_req_raw(req, "valid_from") : today);
	wb_put(form, "valid_until", wb_req_raw(req, "valid_until") != NULL ?
	    wb_req_raw(req, "valid_until") : year);
	wb_put(form, "evidence", wb_req_raw(req, "evidence"));
	json_object_set_new(ctx, "form", form);
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "client_consents.html", ctx);
}

WB_HANDLER(wb_h_consents)
{
	return wb_client_show(app, req, resp, consent_page);
}

WB_HANDLER(wb_h_consent_add)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_consent_input	 in;
	int64_t			 id = wb_req_int(req, "id", 0), cid;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return consent_page(app, req, resp, db, id);
	memset(&in, 0, sizeof(in));
	in.client_id = id;
	in.org_id = wb_req_int(req, "org", 0);
	in.purpose = wb_req_str(req, "purpose");
	in.categories = wb_posted_categories(req);
	in.valid_from = wb_req_raw(req, "valid_from");
	in.valid_until = wb_req_raw(req, "valid_until");
	in.method = wb_req_str(req, "method");
	in.evidence = wb_req_str(req, "evidence");
	rc = wb_consent_grant(db, &req->actor, &in, &cid, &req->err);
	if (wb_client_form_error(rc)) {
		wb_req_domain_error(req, &req->err);
		return consent_page(app, req, resp, db, id);
	}
	if (rc == WB_EDENIED && req->err.msg[0] != '\0' &&
	    req->actor.role == WB_ROLE_PROFESSIONAL) {
		/* Say what is missing instead of a bare refusal. */
		struct wb_err e = req->err;

		snprintf(e.field, sizeof(e.field), "categories");
		wb_req_domain_error(req, &e);
		/* consent_page sets 400 for a field error: this is 403. */
		rc = consent_page(app, req, resp, db, id);
		if (rc == 0)
			resp->status = 403;
		return rc;
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/clienten/%lld/toestemmingen", (long long)id), "consent_granted");
}

WB_HANDLER(wb_h_consent_revoke)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return consent_page(app, req, resp, db, id);
	rc = wb_consent_revoke(db, &req->actor, id, wb_req_int(req, "consent",
	    0), wb_req_str(req, "reason"), &req->err);
	return wb_client_changed(app, req, resp, db, id, rc, consent_page,
	    "toestemmingen", "consent_revoked");
}

/* ---------- Access log ----------------------------------------------- */

/* The client's access log as a table (NEN 7513): for the registering
 * organisation, which answers the client's request for it. */
WB_HANDLER(wb_h_client_access)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client	 c;
	struct wb_access_entry	*e;
	unsigned		 cats;
	size_t			 n, i;
	int64_t			 id = wb_req_int(req, "id", 0), total;
	int64_t			 page = wb_req_int(req, "pagina", 1);
	json_t			*ctx, *arr;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_client_frame(db, req, id, "toegang", "Toegang", &c, &cats,
	    &ctx);
	if (rc != 0)
		return rc;
	rc = wb_access_log(db, &req->actor, id, 0, 0, WB_ACCESS_LOG_PAGE,
	    (page - 1) * WB_ACCESS_LOG_PAGE, &req->arena, &e, &n, &total,
	    &req->err);
	if (rc != 0) {
		json_decref(ctx);
		return wb_client_hide(rc);
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = wb_access_entry_json(req, &e[i]);

		json_object_set_new(v, "event", json_string(e[i].event));
		if (e[i].consent_id != 0)
			json_object_set_new(v, "consent_id",
			    json_integer(e[i].consent_id));
		wb_put(v, "detail", e[i].detail);
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "entries", arr);
	json_object_set_new(ctx, "total", json_integer(total));
	json_object_set_new(ctx, "has_entries", json_boolean(n > 0));
	wb_page_links(req, ctx, wb_arena_printf(&req->arena,
	    "/clienten/%lld/toegang", (long long)id), page, total,
	    WB_ACCESS_LOG_PAGE);
	return wb_render(app, req, resp, "client_access.html", ctx);
}

/* A professional the client handed their cards to: join or not. */
static int
answer_proposal(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    bool accept)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return team_page(app, req, resp, db, id);
	rc = wb_proposal_answer(db, &req->actor, id, wb_req_int(req,
	    "proposal", 0), accept, wb_req_str(req, "function"), &req->err);
	return wb_client_changed(app, req, resp, db, id, rc, team_page,
	    "team", accept ? "team_added" : "proposal_declined");
}

WB_HANDLER(wb_h_proposal_accept)
{
	return answer_proposal(app, req, resp, true);
}

WB_HANDLER(wb_h_proposal_decline)
{
	return answer_proposal(app, req, resp, false);
}

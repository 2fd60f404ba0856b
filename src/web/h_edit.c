/* h_edit.c - editing the regional directory: organisations, business
 * cards and contact points (administrators and regional coordinators),
 * and the logged-in user's own card.
 *
 * Every form is shown again with the typed values and a Dutch message
 * next to the field when the router or the domain refuses a value
 * (status 400).  A form the actor can never submit is refused (403)
 * before it is shown, through wb_audit_check, which asks access.c and
 * audits the refusal under the event of the form's POST; the domain
 * decides again, and audits, every change.
 */
#include "web/handlers.h"
#include "web/view.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/card.h"
#include "domain/contact_point.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "base/str.h"
#include "base/time.h"

static void	 put(json_t *obj, const char *key, const char *s);
static bool	 has_error(const struct wb_req *req, const char *field);
static void	 domain_error(struct wb_req *req, const struct wb_err *err,
		    const char *from, const char *to);
static bool	 form_error(int rc);
static bool	 is_coordinator(const struct wb_req *req);
static const char *id_text(struct wb_req *req, int64_t id);
static struct wb_scope org_scope(const struct wb_req *req,
		    const struct wb_org *o);
static int	 check_add_org(struct wb_db *db, struct wb_req *req);
static int	 check_edit_org(struct wb_db *db, struct wb_req *req,
		    const struct wb_org *o);
static int	 check_edit_card(struct wb_db *db, struct wb_req *req,
		    const struct wb_org *o, int64_t card_id, int64_t user_id);
static void	 crumbs(json_t *ctx, const char *href1, const char *label1,
		    const char *href2, const char *label2);
static void	 org_from_req(struct wb_req *req, const struct wb_org *stored,
		    struct wb_org *o);
static int	 org_form(struct wb_app *app, struct wb_req *req,
		    struct wb_resp *resp, struct wb_db *db,
		    const struct wb_org *o, const struct wb_org *stored);
static void	 card_from_req(const struct wb_req *req, struct wb_card *c);
static int	 load_card(struct wb_db *db, struct wb_req *req, int64_t id,
		    struct wb_card *c, struct wb_org *o, struct wb_err *err);
static int	 my_card(struct wb_db *db, struct wb_req *req,
		    struct wb_card *c, bool *have, struct wb_err *err);
static int	 card_form(struct wb_app *app, struct wb_req *req,
		    struct wb_resp *resp, const char *title, const char *action,
		    const struct wb_card *c, const char *org_code,
		    const char *org_name, bool with_active);
static json_t	*people(const struct wb_card *cards, size_t n, int64_t chosen,
		    const struct wb_req *req);
static int	 cp_page(struct wb_app *app, struct wb_req *req,
		    struct wb_resp *resp, struct wb_db *db, const char *region,
		    const char *org_code, const char *domain, int64_t end_id);

/* Set obj[key] to s when s is non-empty valid UTF-8 (typed values may be
 * neither). */
static void
put(json_t *obj, const char *key, const char *s)
{
	if (s != NULL && s[0] != '\0' && wb_utf8_valid(s, strlen(s), true))
		json_object_set_new(obj, key, json_string(s));
}

/* True when the request already carries an error for `field`. */
static bool
has_error(const struct wb_req *req, const char *field)
{
	json_t	*e;
	size_t	 i;

	if (req->errors == NULL)
		return false;
	json_array_foreach(req->errors, i, e)
		if (strcmp(json_string_value(json_object_get(e, "field")),
		    field) == 0)
			return true;
	return false;
}

/* Show a domain validation error next to its field; the domain's field
 * `from` is shown at the form's field `to` (NULL: no renaming). */
static void
domain_error(struct wb_req *req, const struct wb_err *err, const char *from,
    const char *to)
{
	struct wb_err	e = *err;

	if (from != NULL && strcmp(e.field, from) == 0)
		snprintf(e.field, sizeof(e.field), "%s", to);
	if (!has_error(req, e.field[0] ? e.field : "form"))
		wb_req_domain_error(req, &e);
}

/* Is this domain result a refused value to show in the form? */
static bool
form_error(int rc)
{
	return rc == WB_EINVAL || rc == WB_ECONFLICT;
}

/* A coordinator of a region (their forms offer only that region). */
static bool
is_coordinator(const struct wb_req *req)
{
	return req->actor.role == WB_ROLE_COORDINATOR &&
	    req->actor.region_code != NULL;
}

/* An id as text for an audit event, in the request arena. */
static const char *
id_text(struct wb_req *req, int64_t id)
{
	return wb_arena_printf(&req->arena, "%lld", (long long)id);
}

/* The scope of organisation `o` for the actor: the organisation, and the
 * region it serves that the actor coordinates (none when it serves no
 * such region). */
static struct wb_scope
org_scope(const struct wb_req *req, const struct wb_org *o)
{
	struct wb_scope	s = { .org_id = o->id };

	if (req->actor.region_code != NULL &&
	    wb_org_serves(o, req->actor.region_code))
		s.region_code = req->actor.region_code;
	return s;
}

/* May the actor ever add an organisation (administrators; a coordinator
 * for their own region)?  0, or WB_EDENIED with the refusal audited. */
static int
check_add_org(struct wb_db *db, struct wb_req *req)
{
	struct wb_scope	s = { .region_code = req->actor.region_code };
	struct wb_err	err;

	wb_err_clear(&err);
	return wb_audit_check(db, &req->actor, WB_ACT_REGION_EDIT, &s,
	    "organisation.create", "organisation", NULL, &err);
}

/* May the actor change organisation `o`?  0, or WB_EDENIED with the
 * refusal audited. */
static int
check_edit_org(struct wb_db *db, struct wb_req *req, const struct wb_org *o)
{
	struct wb_scope	s = org_scope(req, o);
	struct wb_err	err;

	wb_err_clear(&err);
	return wb_audit_check(db, &req->actor, WB_ACT_REGION_EDIT, &s,
	    "organisation.update", "organisation", id_text(req, o->id), &err);
}

/* May the actor add a card to organisation `o` (card_id 0) or change
 * card `card_id` of `o` owned by account `user_id` (0 = none)?  Their own
 * card falls under the own-card rule, any other under the region's.  0,
 * or WB_EDENIED with the refusal audited. */
static int
check_edit_card(struct wb_db *db, struct wb_req *req, const struct wb_org *o,
    int64_t card_id, int64_t user_id)
{
	struct wb_scope	s = org_scope(req, o);
	struct wb_err	err;
	bool		own = user_id != 0 && user_id == req->actor.user_id;

	s.user_id = user_id;
	wb_err_clear(&err);
	return wb_audit_check(db, &req->actor, own ? WB_ACT_OWN_CARD_EDIT :
	    WB_ACT_REGION_EDIT, &s, card_id != 0 ? "card.update" :
	    "card.create", "card", card_id != 0 ? id_text(req, card_id) :
	    NULL, &err);
}

/* A "you are here" trail of one or two links (labels are translated
 * already or are names). */
static void
crumbs(json_t *ctx, const char *href1, const char *label1, const char *href2,
    const char *label2)
{
	json_t	*arr = json_array();

	json_array_append_new(arr, json_pack("{s:s, s:s}", "href", href1,
	    "label", label1));
	if (href2 != NULL)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "href",
		    href2, "label", label2));
	json_object_set_new(ctx, "crumbs", arr);
	json_object_set_new(ctx, "has_crumbs", json_true());
}

/* ---------- Organisations ------------------------------------------- */

/* The organisation as posted.  An administrator picks the regions; a
 * coordinator's form has no choice: the regions stay as stored, plus the
 * coordinator's own region. */
static void
org_from_req(struct wb_req *req, const struct wb_org *stored,
    struct wb_org *o)
{
	size_t	i;

	memset(o, 0, sizeof(*o));
	if (stored != NULL) {
		o->id = stored->id;
		o->code = stored->code;
	} else
		o->code = wb_req_raw(req, "code");
	o->name = wb_req_raw(req, "name");
	o->type = wb_req_raw(req, "type");
	o->municipality_code = wb_req_raw(req, "municipality");
	o->agb = wb_req_raw(req, "agb");
	o->kvk = wb_req_raw(req, "kvk");
	o->phone = wb_req_raw(req, "phone");
	o->email = wb_req_raw(req, "email");
	o->website = wb_req_raw(req, "website");
	o->active = stored == NULL || wb_req_int(req, "active", 0) == 1;
	if (!is_coordinator(req)) {
		o->nregions = wb_req_multi(req, "region", o->regions,
		    WB_ORG_MAX_REGIONS);
		return;
	}
	for (i = 0; stored != NULL && i < stored->nregions; i++)
		o->regions[o->nregions++] = stored->regions[i];
	if (!wb_org_serves(o, req->actor.region_code) &&
	    o->nregions < WB_ORG_MAX_REGIONS)
		o->regions[o->nregions++] = req->actor.region_code;
}

/* Render the organisation form with the values of `o`; `stored` is the
 * organisation being edited (NULL: a new one). */
static int
org_form(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, const struct wb_org *o, const struct wb_org *stored)
{
	struct wb_region	*rs = NULL, own;
	struct wb_err		 err;
	json_t			*ctx, *form, *arr;
	size_t			 n = 0, i;
	int			 rc;

	if (is_coordinator(req)) {
		rc = wb_region_get(db, req->actor.region_code, &req->arena,
		    &own, &err);
		if (rc != 0)
			return rc;
	} else {
		rc = wb_region_list(db, &req->arena, &rs, &n, &err);
		if (rc != 0)
			return rc;
	}
	ctx = wb_page(req, stored ? "Organisatie wijzigen" :
	    "Organisatie toevoegen");
	wb_page_errors(req, ctx);
	form = json_object();
	put(form, "code", o->code);
	put(form, "name", o->name);
	put(form, "municipality", o->municipality_code);
	put(form, "agb", o->agb);
	put(form, "kvk", o->kvk);
	put(form, "phone", o->phone);
	put(form, "email", o->email);
	put(form, "website", o->website);
	json_object_set_new(form, "active", json_boolean(o->active));
	json_object_set_new(ctx, "form", form);
	json_object_set_new(ctx, "is_new", json_boolean(stored == NULL));
	if (stored != NULL) {
		json_object_set_new(ctx, "org", json_pack("{s:s, s:s}",
		    "code", stored->code, "name", stored->name));
		json_object_set_new(ctx, "action", json_string(
		    wb_arena_printf(&req->arena, "/organisaties/%s/bewerken",
		    stored->code)));
		crumbs(ctx, "/organisaties", wb_t(req, "Organisaties"),
		    wb_arena_printf(&req->arena, "/organisaties/%s",
		    stored->code), stored->name);
	} else {
		json_object_set_new(ctx, "action",
		    json_string("/organisaties/nieuw"));
		crumbs(ctx, "/organisaties", wb_t(req, "Organisaties"), NULL,
		    NULL);
	}
	arr = json_array();
	for (i = 0; wb_org_types[i] != NULL; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", wb_org_types[i], "label",
		    wb_t(req, wb_org_type_label(wb_org_types[i])), "selected",
		    o->type != NULL && strcmp(o->type, wb_org_types[i]) == 0));
	json_object_set_new(ctx, "types", arr);
	if (is_coordinator(req)) {
		json_object_set_new(ctx, "own_region", json_pack(
		    "{s:s, s:s}", "code", own.code, "name", own.name));
		arr = json_array();
		for (i = 0; i < o->nregions; i++)
			if (strcmp(o->regions[i], own.code) != 0)
				json_array_append_new(arr,
				    json_string(o->regions[i]));
		json_object_set_new(ctx, "has_other_regions",
		    json_boolean(json_array_size(arr) > 0));
		json_object_set_new(ctx, "other_regions", arr);
	} else {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack(
			    "{s:s, s:s, s:b}", "code", rs[i].code, "name",
			    rs[i].name, "checked", wb_org_serves(o,
			    rs[i].code)));
		json_object_set_new(ctx, "regions", arr);
		json_object_set_new(ctx, "region_choice", json_true());
	}
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "org_form.html", ctx);
}

WB_HANDLER(wb_h_org_new_form)
{
	struct wb_org	 o;
	struct wb_db	*db = wb_app_db(app, &req->err);

	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = check_add_org(db, req);
	if (rc != 0)
		return rc;
	memset(&o, 0, sizeof(o));
	o.code = wb_req_str(req, "code");
	o.active = true;
	if (is_coordinator(req))
		o.regions[o.nregions++] = req->actor.region_code;
	else if (wb_req_str(req, "regio") != NULL)
		o.regions[o.nregions++] = wb_req_str(req, "regio");
	return org_form(app, req, resp, db, &o, NULL);
}

WB_HANDLER(wb_h_org_new)
{
	struct wb_org	 o;
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	org_from_req(req, NULL, &o);
	if (wb_req_has_errors(req)) {
		rc = check_add_org(db, req);
		if (rc != 0)
			return rc;
		return org_form(app, req, resp, db, &o, NULL);
	}
	rc = wb_org_add(db, &req->actor, &o, &id, &req->err);
	if (form_error(rc)) {
		domain_error(req, &req->err, NULL, NULL);
		return org_form(app, req, resp, db, &o, NULL);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/organisaties/%s", o.code), "created");
}

WB_HANDLER(wb_h_org_edit_form)
{
	struct wb_org	 stored;
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_org_get_code(db, wb_req_str(req, "code"), &req->arena,
	    &stored, &req->err);
	if (rc != 0)
		return rc;
	rc = check_edit_org(db, req, &stored);
	if (rc != 0)
		return rc;
	return org_form(app, req, resp, db, &stored, &stored);
}

WB_HANDLER(wb_h_org_edit)
{
	struct wb_org	 stored, o;
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_org_get_code(db, wb_req_str(req, "code"), &req->arena,
	    &stored, &req->err);
	if (rc != 0)
		return rc;
	org_from_req(req, &stored, &o);
	if (wb_req_has_errors(req)) {
		rc = check_edit_org(db, req, &stored);
		if (rc != 0)
			return rc;
		return org_form(app, req, resp, db, &o, &stored);
	}
	rc = wb_org_update(db, &req->actor, &o, &req->err);
	if (form_error(rc)) {
		domain_error(req, &req->err, NULL, NULL);
		return org_form(app, req, resp, db, &o, &stored);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/organisaties/%s", stored.code), "saved");
}

/* ---------- Cards ---------------------------------------------------- */

/* The card fields as posted (typed values, valid or not). */
static void
card_from_req(const struct wb_req *req, struct wb_card *c)
{
	c->name = wb_req_raw(req, "name");
	c->function = wb_req_raw(req, "function");
	c->phone = wb_req_raw(req, "phone");
	c->email = wb_req_raw(req, "email");
	c->availability = wb_req_raw(req, "availability");
	c->active = wb_req_int(req, "active", 0) == 1;
}

/* Render the card form with the values of `c`. */
static int
card_form(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    const char *title, const char *action, const struct wb_card *c,
    const char *org_code, const char *org_name, bool with_active)
{
	json_t	*ctx, *form, *arr;
	size_t	 i;

	ctx = wb_page(req, title);
	wb_page_errors(req, ctx);
	form = json_object();
	put(form, "name", c->name);
	put(form, "phone", c->phone);
	put(form, "email", c->email);
	put(form, "availability", c->availability);
	json_object_set_new(form, "active", json_boolean(c->active));
	json_object_set_new(ctx, "form", form);
	json_object_set_new(ctx, "action", json_string(action));
	json_object_set_new(ctx, "with_active", json_boolean(with_active));
	arr = json_array();
	for (i = 0; wb_card_functions[i] != NULL; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", wb_card_functions[i], "label",
		    wb_t(req, wb_card_function_label(wb_card_functions[i])),
		    "selected", c->function != NULL &&
		    strcmp(c->function, wb_card_functions[i]) == 0));
	json_object_set_new(ctx, "functions", arr);
	if (org_code != NULL && org_name != NULL) {
		json_object_set_new(ctx, "org", json_pack("{s:s, s:s}",
		    "code", org_code, "name", org_name));
		crumbs(ctx, "/organisaties", wb_t(req, "Organisaties"),
		    wb_arena_printf(&req->arena, "/organisaties/%s",
		    org_code), org_name);
	}
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "card_form.html", ctx);
}

WB_HANDLER(wb_h_card_new_form)
{
	struct wb_org	 o;
	struct wb_card	 c;
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_org_get_code(db, wb_req_str(req, "code"), &req->arena, &o,
	    &req->err);
	if (rc != 0)
		return rc;
	rc = check_edit_card(db, req, &o, 0, 0);
	if (rc != 0)
		return rc;
	memset(&c, 0, sizeof(c));
	c.active = true;
	return card_form(app, req, resp, "Kaartje toevoegen",
	    wb_arena_printf(&req->arena, "/organisaties/%s/kaartjes/nieuw",
	    o.code), &c, o.code, o.name, false);
}

WB_HANDLER(wb_h_card_new)
{
	struct wb_org	 o;
	struct wb_card	 c;
	struct wb_db	*db = wb_app_db(app, &req->err);
	const char	*action;
	int64_t		 id;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_org_get_code(db, wb_req_str(req, "code"), &req->arena, &o,
	    &req->err);
	if (rc != 0)
		return rc;
	action = wb_arena_printf(&req->arena,
	    "/organisaties/%s/kaartjes/nieuw", o.code);
	memset(&c, 0, sizeof(c));
	card_from_req(req, &c);
	c.org_id = o.id;
	c.active = true;
	if (wb_req_has_errors(req)) {
		rc = check_edit_card(db, req, &o, 0, 0);
		if (rc != 0)
			return rc;
		return card_form(app, req, resp, "Kaartje toevoegen", action,
		    &c, o.code, o.name, false);
	}
	rc = wb_card_add(db, &req->actor, &c, &id, &req->err);
	if (form_error(rc)) {
		domain_error(req, &req->err, NULL, NULL);
		return card_form(app, req, resp, "Kaartje toevoegen", action,
		    &c, o.code, o.name, false);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/kaartjes/%lld", (long long)id), "created");
}

/* Load card `id` and its organisation (the card read is audited). */
static int
load_card(struct wb_db *db, struct wb_req *req, int64_t id,
    struct wb_card *c, struct wb_org *o, struct wb_err *err)
{
	int	rc;

	rc = wb_card_get(db, &req->actor, id, &req->arena, c, err);
	if (rc == 0)
		rc = wb_org_get(db, c->org_id, &req->arena, o, err);
	return rc;
}

WB_HANDLER(wb_h_card_edit_form)
{
	struct wb_org	 o;
	struct wb_card	 c;
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = load_card(db, req, wb_req_int(req, "id", 0), &c, &o, &req->err);
	if (rc != 0)
		return rc;
	rc = check_edit_card(db, req, &o, c.id, c.user_id);
	if (rc != 0)
		return rc;
	return card_form(app, req, resp, "Kaartje wijzigen",
	    wb_arena_printf(&req->arena, "/kaartjes/%lld/bewerken",
	    (long long)c.id), &c, o.code, o.name, true);
}

WB_HANDLER(wb_h_card_edit)
{
	struct wb_org	 o;
	struct wb_card	 stored, c;
	struct wb_db	*db = wb_app_db(app, &req->err);
	const char	*action;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = load_card(db, req, wb_req_int(req, "id", 0), &stored, &o, &req->err);
	if (rc != 0)
		return rc;
	action = wb_arena_printf(&req->arena, "/kaartjes/%lld/bewerken",
	    (long long)stored.id);
	/* Organisation and account come from the stored card, never from
	 * the form. */
	memset(&c, 0, sizeof(c));
	c.id = stored.id;
	c.org_id = stored.org_id;
	c.user_id = stored.user_id;
	card_from_req(req, &c);
	if (wb_req_has_errors(req)) {
		rc = check_edit_card(db, req, &o, stored.id, stored.user_id);
		if (rc != 0)
			return rc;
		return card_form(app, req, resp, "Kaartje wijzigen", action,
		    &c, o.code, o.name, true);
	}
	rc = wb_card_update(db, &req->actor, &c, &req->err);
	if (form_error(rc)) {
		domain_error(req, &req->err, NULL, NULL);
		return card_form(app, req, resp, "Kaartje wijzigen", action,
		    &c, o.code, o.name, true);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/kaartjes/%lld", (long long)stored.id), "saved");
}

/* The logged-in user's own card (the read is audited); *have is false
 * when there is none yet (then `c` holds the account's name and e-mail
 * address to start from). */
static int
my_card(struct wb_db *db, struct wb_req *req, struct wb_card *c,
    bool *have, struct wb_err *err)
{
	int	rc;

	memset(c, 0, sizeof(*c));
	rc = wb_card_mine(db, &req->actor, &req->arena, c, err);
	*have = rc == 0;
	if (rc != WB_ENOTFOUND)
		return rc;
	memset(c, 0, sizeof(*c));
	c->user_id = req->user.id;
	c->org_id = req->actor.org_id;
	c->name = req->user.name;
	c->email = req->user.email;
	c->active = true;
	c->org_code = req->user.org_code;
	c->org_name = req->user.org_name;
	return 0;
}

WB_HANDLER(wb_h_my_card_form)
{
	struct wb_card	 c;
	struct wb_db	*db = wb_app_db(app, &req->err);
	bool		 have;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = my_card(db, req, &c, &have, &req->err);
	if (rc != 0)
		return rc;
	return card_form(app, req, resp, "Mijn kaartje", "/mijn-kaartje", &c,
	    c.org_code, c.org_name, false);
}

WB_HANDLER(wb_h_my_card)
{
	struct wb_card	 stored, c;
	struct wb_db	*db = wb_app_db(app, &req->err);
	bool		 have;
	int64_t		 id;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = my_card(db, req, &stored, &have, &req->err);
	if (rc != 0)
		return rc;
	c = stored;
	card_from_req(req, &c);
	c.active = stored.active;	/* not on this form */
	if (wb_req_has_errors(req))
		return card_form(app, req, resp, "Mijn kaartje",
		    "/mijn-kaartje", &c, c.org_code, c.org_name, false);
	id = stored.id;
	if (have)
		rc = wb_card_update(db, &req->actor, &c, &req->err);
	else
		rc = wb_card_add(db, &req->actor, &c, &id, &req->err);
	if (form_error(rc)) {
		domain_error(req, &req->err, NULL, NULL);
		return card_form(app, req, resp, "Mijn kaartje",
		    "/mijn-kaartje", &c, c.org_code, c.org_name, false);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/kaartjes/%lld", (long long)id), have ? "saved" : "created");
}

/* ---------- Contact points ------------------------------------------- */

/* Choices of people of an organisation, `chosen` marked. */
static json_t *
people(const struct wb_card *cards, size_t n, int64_t chosen,
    const struct wb_req *req)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b}",
		    "id", (json_int_t)cards[i].id, "name", cards[i].name,
		    "function_label", wb_t(req, wb_card_function_label(
		    cards[i].function)), "selected", cards[i].id == chosen));
	return arr;
}

/* The contact-point page of `region`: step 1 picks an organisation with
 * a contact-point domain (of `domain` only, when given), step 2 (org_code
 * set) its person, deputy and dates; below, the region's current contact
 * points with a form to end each.  `end_id` marks the contact point whose
 * end date was refused (0: none).  Values typed earlier come from the
 * request. */
static int
cp_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, const char *region, const char *org_code,
    const char *domain, int64_t end_id)
{
	struct wb_region	 r;
	struct wb_scope		 s = { .region_code = region };
	struct wb_org		*os, *chosen = NULL;
	struct wb_card		*cards = NULL;
	struct wb_cp		*cps;
	struct wb_err		 err;
	json_t			*ctx = NULL, *arr, *form;
	const char		*od;
	char			 today[16];
	size_t			 no, nk = 0, nc, i;
	int			 rc;

	rc = wb_region_get(db, region, &req->arena, &r, &err);
	if (rc != 0)
		return rc;
	rc = wb_audit_check(db, &req->actor, WB_ACT_REGION_EDIT, &s,
	    "contactpoint.set", "contact_point", NULL, &err);
	if (rc != 0)
		return rc;
	rc = wb_org_list_region(db, region, &req->arena, &os, &no, &err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Contactpunt instellen");
	json_object_set_new(ctx, "region", json_pack("{s:s, s:s}", "code",
	    r.code, "name", r.name));
	crumbs(ctx, "/regios", wb_t(req, "Regio's"), wb_arena_printf(
	    &req->arena, "/regios/%s", r.code), r.name);
	arr = json_array();
	for (i = 0; i < no; i++) {
		od = wb_org_type_domain(os[i].type);
		if (od == NULL || (domain != NULL && org_code == NULL &&
		    strcmp(od, domain) != 0))
			continue;
		if (org_code != NULL && strcmp(os[i].code, org_code) == 0)
			chosen = &os[i];
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b}",
		    "code", os[i].code, "name", os[i].name, "type_label",
		    wb_t(req, wb_org_type_label(os[i].type)), "selected",
		    chosen == &os[i]));
	}
	json_object_set_new(ctx, "has_orgs",
	    json_boolean(json_array_size(arr) > 0));
	json_object_set_new(ctx, "orgs", arr);
	if (domain != NULL && org_code == NULL)
		put(ctx, "domain_filter", domain);
	if (org_code != NULL && chosen == NULL && !has_error(req, "org"))
		wb_req_field_error(req, "org", wb_t(req, "Kies een "
		    "organisatie uit de lijst van deze regio."));
	if (chosen != NULL) {
		rc = wb_card_read_org(db, &req->actor, chosen->id,
		    &req->arena, &cards, &nk, &err);
		if (rc != 0)
			goto fail;
		od = wb_org_type_domain(chosen->type);
		json_object_set_new(ctx, "chosen", json_pack(
		    "{s:s, s:s, s:s, s:s, s:s}", "code", chosen->code, "name",
		    chosen->name, "type_label",
		    wb_t(req, wb_org_type_label(chosen->type)), "domain", od,
		    "domain_label", wb_t(req, wb_cp_domain_label(od))));
		json_object_set_new(ctx, "people", people(cards, nk,
		    wb_req_int(req, "card", 0), req));
		json_object_set_new(ctx, "deputies", people(cards, nk,
		    wb_req_int(req, "deputy", 0), req));
		json_object_set_new(ctx, "has_people",
		    json_boolean(nk > 0));
	}
	rc = wb_cp_by_region(db, &req->actor, region, &req->arena, &cps, &nc,
	    &err);
	if (rc != 0)
		goto fail;
	wb_date_nl(wb_today(), today, sizeof(today));
	arr = json_array();
	for (i = 0; i < nc; i++) {
		json_t *v = wb_view_cp(req, &cps[i]);

		json_object_set_new(v, "until_value", json_string(
		    cps[i].id == end_id && wb_req_raw(req, "until") != NULL ?
		    wb_req_raw(req, "until") : today));
		if (cps[i].id == end_id && req->errors != NULL) {
			json_t *e = json_array_get(req->errors, 0);

			json_object_set(v, "end_error",
			    json_object_get(e, "message"));
		}
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "has_current", json_boolean(nc > 0));
	json_object_set_new(ctx, "current", arr);
	wb_page_errors(req, ctx);
	form = json_object();
	/* A posted contact-point form keeps what was typed, even nothing. */
	put(form, "valid_from", req->method == WB_POST && end_id == 0 ?
	    wb_req_raw(req, "valid_from") : today);
	put(form, "valid_until", wb_req_raw(req, "valid_until"));
	put(form, "note", wb_req_raw(req, "note"));
	json_object_set_new(ctx, "form", form);
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "cp_form.html", ctx);
fail:
	json_decref(ctx);
	return rc;
}

WB_HANDLER(wb_h_cp_new_form)
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	return cp_page(app, req, resp, db, wb_req_str(req, "code"),
	    wb_req_str(req, "org"), wb_req_str(req, "domain"), 0);
}

WB_HANDLER(wb_h_cp_new)
{
	struct wb_org		 o;
	struct wb_cp_input	 in;
	struct wb_db		*db = wb_app_db(app, &req->err);
	const char		*region = wb_req_str(req, "code");
	int64_t			 id;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return cp_page(app, req, resp, db, region,
		    wb_req_raw(req, "org"), NULL, 0);
	memset(&in, 0, sizeof(in));
	/* An unknown organisation reaches the domain as id 0, which checks
	 * access first and then reports it next to the field. */
	rc = wb_org_get_code(db, wb_req_str(req, "org"), &req->arena, &o,
	    &req->err);
	if (rc == 0)
		in.org_id = o.id;
	else if (rc != WB_ENOTFOUND)
		return rc;
	in.region_code = region;
	in.domain = wb_req_str(req, "domain");
	in.card_id = wb_req_int(req, "card", 0);
	in.deputy_card_id = wb_req_int(req, "deputy", 0);
	in.valid_from = wb_req_int(req, "valid_from", 0);
	in.valid_until = wb_req_int(req, "valid_until", INT64_MIN);
	in.note = wb_req_str(req, "note");
	rc = wb_cp_set(db, &req->actor, &in, false, &id, &req->err);
	if (form_error(rc)) {
		domain_error(req, &req->err, "region", "org");
		return cp_page(app, req, resp, db, region,
		    wb_req_raw(req, "org"), NULL, 0);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/regios/%s", region), "saved");
}

WB_HANDLER(wb_h_cp_end)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	const char	*region = wb_req_str(req, "regio");
	int64_t		 id = wb_req_int(req, "id", 0);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_cp_end(db, &req->actor, id, wb_req_int(req, "until", 0),
	    &req->err);
	if (form_error(rc) && region != NULL) {
		wb_req_field_error(req, wb_arena_printf(&req->arena,
		    "until-%lld", (long long)id), wb_t(req, req->err.msg));
		return cp_page(app, req, resp, db, region, NULL, NULL, id);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, region != NULL ? wb_arena_printf(
	    &req->arena, "/regios/%s", region) : "/regios", "ended");
}

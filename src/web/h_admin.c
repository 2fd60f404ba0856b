/* h_admin.c - the administrator's account pages: the list of accounts, a
 * new account and changing an account (role, organisation, region, active,
 * a new password).
 *
 * The domain (user.c) refuses non-administrators and audits every read,
 * change and refusal: the list and edit pages read through wb_user_list
 * and wb_user_get, and the new-account form and the POST handlers call
 * wb_user_check_manage first, so that a refused form is audited even when
 * its fields do not validate.  No password or hash is
 * ever put into a page: the password fields are always rendered empty.
 *
 * The organisation is a select of every organisation (code and name) while
 * there are at most ORG_SELECT_MAX of them; beyond that the form shows a
 * text field for the organisation's code instead, so the page stays small.
 */
#include "web/handlers.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "domain/user.h"

#define USERS_PER_PAGE	50
#define ORG_SELECT_MAX	500

/* The roles an administrator can give, in the order of the select. */
static const enum wb_role form_roles[] = {
	WB_ROLE_PROFESSIONAL, WB_ROLE_COORDINATOR, WB_ROLE_ADMIN,
	WB_ROLE_AUDITOR, WB_ROLE_MONITOR, WB_ROLE_EDITOR,
};

/* True when a and b are both set and equal. */
static bool
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The region's name for `code` from the list, or the code itself. */
static const char *
region_name(const struct wb_region *rs, size_t n, const char *code)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(rs[i].code, code) == 0)
			return rs[i].name;
	return code;
}

/* Choices for the role select, with `chosen` marked. */
static json_t *
role_options(const struct wb_req *req, const char *chosen)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < WB_NELEM(form_roles); i++) {
		const char *name = wb_role_name(form_roles[i]);

		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", name, "label",
		    wb_t(req, wb_role_label(form_roles[i])),
		    "selected", same(name, chosen)));
	}
	return arr;
}

/* Choices for the region select, with `chosen` marked. */
static json_t *
region_options(const struct wb_region *rs, size_t n, const char *chosen)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", rs[i].code, "label", rs[i].name,
		    "selected", same(rs[i].code, chosen)));
	return arr;
}

/* The organisation field: a select of all organisations when there are
 * at most ORG_SELECT_MAX, otherwise nothing (the template shows a text
 * field for the code). */
static int
org_field(struct wb_db *db, struct wb_req *req, const char *chosen,
    json_t *ctx, struct wb_err *err)
{
	struct wb_org	*os;
	json_t		*arr;
	int64_t		 total = 0;
	size_t		 n, i;
	int		 rc;

	/* Count first: the list loads each organisation's regions. */
	rc = wb_org_list(db, NULL, 0, 0, &req->arena, &os, &n, &total, err);
	if (rc != 0)
		return rc;
	if (total > ORG_SELECT_MAX)
		return 0;
	rc = wb_org_list(db, NULL, ORG_SELECT_MAX, 0, &req->arena, &os, &n,
	    &total, err);
	if (rc != 0)
		return rc;
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:b}",
		    "value", os[i].code, "label", wb_arena_printf(&req->arena,
		    "%s (%s)", os[i].name, os[i].code), "inactive",
		    !os[i].active, "selected", same(os[i].code, chosen)));
	json_object_set_new(ctx, "orgs", arr);
	json_object_set_new(ctx, "org_select", json_true());
	return 0;
}

/* Render the account form.  `ctx` already holds the page fields and a
 * `form` object with the values to show (typed or stored); the password
 * is removed from it here, whatever the caller put in. */
static int
user_form(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, json_t *ctx)
{
	struct wb_region	*rs;
	struct wb_err		 err;
	json_t			*form = json_object_get(ctx, "form");
	size_t			 nr;
	int			 rc;

	json_object_del(form, "password");
	rc = wb_region_list(db, &req->arena, &rs, &nr, &err);
	if (rc == 0)
		rc = org_field(db, req, json_string_value(json_object_get(form,
		    "org")), ctx, &err);
	if (rc != 0) {
		json_decref(ctx);
		return rc;
	}
	json_object_set_new(ctx, "roles", role_options(req,
	    json_string_value(json_object_get(form, "role"))));
	json_object_set_new(ctx, "regions", region_options(rs, nr,
	    json_string_value(json_object_get(form, "region"))));
	json_object_set_new(ctx, "crumbs", json_pack("[{s:s, s:s}]", "href",
	    "/beheer/gebruikers", "label", wb_t(req, "Gebruikers")));
	json_object_set_new(ctx, "has_crumbs", json_true());
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "user_form.html", ctx);
}

/* The page context of the new-account form, with what was typed. */
static json_t *
new_ctx(struct wb_req *req)
{
	json_t	*ctx = wb_page(req, "Account toevoegen");

	wb_page_errors(req, ctx);
	json_object_set_new(ctx, "is_new", json_true());
	json_object_set_new(ctx, "action", json_string(
	    "/beheer/gebruikers/nieuw"));
	return ctx;
}

/* The page context of the edit form for account `u`.  With `typed` the
 * form shows what was posted, otherwise the stored values. */
static json_t *
edit_ctx(struct wb_req *req, const struct wb_user *u, bool typed)
{
	json_t	*ctx = wb_page(req, "Account wijzigen");

	wb_page_errors(req, ctx);
	if (!typed) {
		json_t *form = json_pack("{s:s, s:s, s:s, s:b}", "name",
		    u->name, "role", wb_role_name(u->role), "org", u->org_code,
		    "active", u->active);

		if (u->region_code != NULL)
			json_object_set_new(form, "region",
			    json_string(u->region_code));
		json_object_set_new(ctx, "form", form);
	}
	json_object_set_new(ctx, "account", json_pack("{s:I, s:s, s:s}",
	    "id", (json_int_t)u->id, "email", u->email, "name", u->name));
	json_object_set_new(ctx, "action", json_string(wb_arena_printf(
	    &req->arena, "/beheer/gebruikers/%lld", (long long)u->id)));
	return ctx;
}

/* The typed fields of the account form. */
static void
read_input(const struct wb_req *req, struct wb_user_input *in)
{
	memset(in, 0, sizeof(*in));
	in->email = wb_req_str(req, "email");
	in->name = wb_req_str(req, "name");
	in->role = wb_req_str(req, "role");
	in->org_code = wb_req_str(req, "org");
	in->region_code = wb_req_str(req, "region");
	in->password = wb_req_str(req, "password");
	in->active = wb_req_str(req, "active") != NULL;
}

/* True when a domain error belongs next to a field of the form. */
static bool
is_field_error(int rc, const struct wb_err *err)
{
	return (rc == WB_EINVAL || rc == WB_ECONFLICT) && err->field[0] != '\0';
}

WB_HANDLER(wb_h_users)
{
	struct wb_user		*us;
	struct wb_region	*rs;
	struct wb_db		*db;
	int64_t			 page = wb_req_int(req, "pagina", 1);
	json_t			*ctx, *arr;
	size_t			 n, nr, i;
	int			 rc;

	db = wb_app_db(app, &req->err);
	if (db == NULL)
		return WB_EDB;
	/* One more than a page tells whether there is a next page. */
	rc = wb_user_list(db, &req->actor, 0, USERS_PER_PAGE + 1,
	    (page - 1) * USERS_PER_PAGE, &req->arena, &us, &n, &req->err);
	if (rc == 0)
		rc = wb_region_list(db, &req->arena, &rs, &nr, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Gebruikers");
	arr = json_array();
	for (i = 0; i < n && i < USERS_PER_PAGE; i++) {
		json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b}",
		    "id", (json_int_t)us[i].id, "name", us[i].name, "email",
		    us[i].email, "role_label",
		    wb_t(req, wb_role_label(us[i].role)), "org_name",
		    us[i].org_name, "org_code", us[i].org_code, "active",
		    us[i].active);

		if (us[i].region_code != NULL)
			json_object_set_new(row, "region", json_string(
			    region_name(rs, nr, us[i].region_code)));
		json_array_append_new(arr, row);
	}
	json_object_set_new(ctx, "users", arr);
	json_object_set_new(ctx, "has_users", json_boolean(n > 0));
	json_object_set_new(ctx, "page", json_integer(page));
	if (page > 1)
		json_object_set_new(ctx, "prev", json_string(wb_arena_printf(
		    &req->arena, "/beheer/gebruikers?pagina=%lld",
		    (long long)(page - 1))));
	if (n > USERS_PER_PAGE)
		json_object_set_new(ctx, "next", json_string(wb_arena_printf(
		    &req->arena, "/beheer/gebruikers?pagina=%lld",
		    (long long)(page + 1))));
	json_object_set_new(ctx, "has_pages", json_boolean(page > 1 ||
	    n > USERS_PER_PAGE));
	return wb_render(app, req, resp, "users.html", ctx);
}

WB_HANDLER(wb_h_user_new_form)
{
	struct wb_db	*db;
	int		 rc;

	db = wb_app_db(app, &req->err);
	if (db == NULL)
		return WB_EDB;
	rc = wb_user_check_manage(db, &req->actor, "user.create", 0, &req->err);
	if (rc != 0)
		return rc;
	return user_form(app, req, resp, db, new_ctx(req));
}

WB_HANDLER(wb_h_user_new)
{
	struct wb_user_input	 in;
	struct wb_db		*db = wb_app_db(app, &req->err);
	int64_t			 id;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_user_check_manage(db, &req->actor, "user.create", 0, &req->err);
	if (rc != 0)
		return rc;
	if (!wb_req_has_errors(req)) {
		read_input(req, &in);
		in.active = true;
		rc = wb_user_add(db, &req->actor, &in, &id, &req->err);
		if (rc == 0)
			return wb_redirect(req, resp, "/beheer/gebruikers",
			    "created");
		if (!is_field_error(rc, &req->err))
			return rc;
		wb_req_domain_error(req, &req->err);
	}
	return user_form(app, req, resp, db, new_ctx(req));
}

WB_HANDLER(wb_h_user_edit_form)
{
	struct wb_user	 u;
	struct wb_db	*db;
	int		 rc;

	db = wb_app_db(app, &req->err);
	if (db == NULL)
		return WB_EDB;
	rc = wb_user_get(db, &req->actor, wb_req_int(req, "id", 0),
	    &req->arena, &u, &req->err);
	if (rc != 0)
		return rc;
	return user_form(app, req, resp, db, edit_ctx(req, &u, false));
}

WB_HANDLER(wb_h_user_edit)
{
	struct wb_user_input	 in;
	struct wb_user		 u;
	struct wb_db		*db = wb_app_db(app, &req->err);
	int64_t			 id = wb_req_int(req, "id", 0);
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_user_check_manage(db, &req->actor, "user.update", id, &req->err);
	if (rc == 0)
		rc = wb_user_get(db, &req->actor, id, &req->arena, &u, &req->err);
	if (rc != 0)
		return rc;
	read_input(req, &in);
	/* Check a new password before changing anything, so that a bad
	 * one leaves the account as it was. */
	if (in.password != NULL &&
	    wb_password_check_rules(in.password, &req->err) != 0)
		wb_req_domain_error(req, &req->err);
	if (!wb_req_has_errors(req)) {
		rc = wb_user_update(db, &req->actor, id, &in, &req->err);
		if (rc == 0 && in.password != NULL)
			rc = wb_user_set_password(db, &req->actor, id,
			    in.password, &req->err);
		if (rc == 0)
			return wb_redirect(req, resp, "/beheer/gebruikers",
			    "saved");
		if (!is_field_error(rc, &req->err))
			return rc;
		wb_req_domain_error(req, &req->err);
	}
	return user_form(app, req, resp, db, edit_ctx(req, &u, true));
}

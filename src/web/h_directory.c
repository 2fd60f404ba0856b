/* h_directory.c - the regional directory: regions, contact-point search,
 * organisations and business cards. */
#include "web/handlers.h"
#include "web/view.h"
#include "domain/access.h"
#include "domain/card.h"
#include "domain/contact_point.h"
#include "domain/organisation.h"
#include "domain/region.h"

#include <strings.h>

#define ORGS_PER_PAGE	50

/* May the actor edit this region's directory?  (Shows edit links; the
 * domain decides again on every change.) */
static bool
can_edit_region(const struct wb_req *req, const char *region)
{
	struct wb_scope	s = { .region_code = region };

	return wb_access_check(&req->actor, WB_ACT_REGION_EDIT, &s) == 0;
}

static json_t *
cps_json(const struct wb_req *req, const struct wb_cp *cps, size_t n)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, wb_view_cp(req, &cps[i]));
	return arr;
}

WB_HANDLER(wb_h_regions)
{
	struct wb_region	*rs;
	struct wb_db		*db = wb_app_db(app, &req->err);
	json_t			*ctx, *arr;
	size_t			 n, i;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_region_list(db, &req->arena, &rs, &n, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Regio's");
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, wb_view_region(&rs[i]));
	json_object_set_new(ctx, "regions", arr);
	json_object_set_new(ctx, "count", json_integer((json_int_t)n));
	return wb_render(app, req, resp, "regions.html", ctx);
}

WB_HANDLER(wb_h_region)
{
	struct wb_region	 r;
	struct wb_municipality	*ms;
	struct wb_org		*os;
	struct wb_cp		*cps;
	struct wb_db		*db = wb_app_db(app, &req->err);
	const char		*code = wb_req_str(req, "code");
	json_t			*ctx, *arr, *gaps;
	size_t			 nm, no, nc, i, d;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_region_get(db, code, &req->arena, &r, &req->err);
	if (rc == 0)
		rc = wb_region_municipalities(db, code, &req->arena, &ms, &nm,
		    &req->err);
	if (rc == 0)
		rc = wb_org_list_region(db, code, &req->arena, &os, &no, &req->err);
	if (rc == 0)
		rc = wb_cp_by_region(db, &req->actor, code, &req->arena, &cps,
		    &nc, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, r.name);
	json_object_set_new(ctx, "region", json_pack("{s:s, s:s, s:I}",
	    "code", r.code, "name", r.name, "year", (json_int_t)r.year));
	arr = json_array();
	for (i = 0; i < nm; i++)
		json_array_append_new(arr, wb_view_municipality(&ms[i]));
	json_object_set_new(ctx, "municipalities", arr);
	json_object_set_new(ctx, "municipality_count",
	    json_integer((json_int_t)nm));
	arr = json_array();
	for (i = 0; i < no; i++)
		json_array_append_new(arr, wb_view_org(req, &os[i]));
	json_object_set_new(ctx, "organisations", arr);
	json_object_set_new(ctx, "contact_points", cps_json(req, cps, nc));
	/* A domain without any contact point is a gap the coordinator
	 * should see at once (interface.md). */
	gaps = json_array();
	for (d = 0; wb_cp_domains[d] != NULL; d++) {
		bool have = false;

		for (i = 0; i < nc; i++)
			if (strcmp(cps[i].domain, wb_cp_domains[d]) == 0)
				have = true;
		if (!have)
			json_array_append_new(gaps, json_string(wb_t(req,
			    wb_cp_domain_label(wb_cp_domains[d]))));
	}
	json_object_set_new(ctx, "gaps", gaps);
	json_object_set_new(ctx, "has_gaps",
	    json_boolean(json_array_size(gaps) > 0));
	json_object_set_new(ctx, "can_edit", json_boolean(
	    can_edit_region(req, code)));
	json_object_set_new(ctx, "crumbs", json_pack("[{s:s, s:s}]", "href",
	    "/regios", "label", wb_t(req, "Regio's")));
	json_object_set_new(ctx, "has_crumbs", json_true());
	return wb_render(app, req, resp, "region.html", ctx);
}

/* Choices for the domain field, with the chosen one marked. */
static json_t *
domain_options(const struct wb_req *req, const char *chosen)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; wb_cp_domains[i] != NULL; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", wb_cp_domains[i], "label",
		    wb_t(req, wb_cp_domain_label(wb_cp_domains[i])),
		    "selected", chosen != NULL &&
		    strcmp(chosen, wb_cp_domains[i]) == 0));
	return arr;
}

WB_HANDLER(wb_h_find)
{
	struct wb_municipality	*ms = NULL, m;
	struct wb_region	 r;
	struct wb_cp		*cps = NULL;
	struct wb_db		*db = wb_app_db(app, &req->err);
	const char		*q = wb_req_str(req, "q");
	const char		*gm = wb_req_str(req, "gemeente");
	const char		*am = wb_req_str(req, "regio");
	const char		*domain = wb_req_str(req, "domain");
	json_t			*ctx, *arr;
	size_t			 nm = 0, nc = 0, i;
	int			 rc = 0;

	if (db == NULL)
		return WB_EDB;
	ctx = wb_page(req, "Contactpunt zoeken");
	json_object_set_new(ctx, "q", json_string(q ? q : ""));
	json_object_set_new(ctx, "domains", domain_options(req, domain));
	if (q != NULL && gm == NULL && am == NULL) {
		rc = wb_municipality_search(db, q, &req->arena, &ms, &nm,
		    &req->err);
		if (rc != 0)
			goto fail;
		/* One clear match answers at once; several ask which. */
		if (nm == 1 || (nm > 1 && strcasecmp(ms[0].name, q) == 0 &&
		    (nm < 2 || strcasecmp(ms[1].name, q) != 0)))
			gm = ms[0].code;
		else {
			arr = json_array();
			for (i = 0; i < nm; i++)
				json_array_append_new(arr,
				    wb_view_municipality(&ms[i]));
			json_object_set_new(ctx, "choices", arr);
			json_object_set_new(ctx, "has_choices",
			    json_boolean(nm > 0));
			json_object_set_new(ctx, "no_match",
			    json_boolean(nm == 0));
		}
	}
	if ((gm != NULL || am != NULL) && domain == NULL) {
		wb_req_field_error(req, "domain", wb_t(req, "Kies bij welk "
		    "domein u een contactpunt zoekt."));
	} else if (gm != NULL) {
		rc = wb_municipality_get(db, gm, &req->arena, &m, &req->err);
		if (rc == WB_ENOTFOUND) {
			json_object_set_new(ctx, "no_match", json_true());
			rc = 0;
		} else if (rc == 0) {
			json_object_set_new(ctx, "place",
			    wb_view_municipality(&m));
			rc = wb_cp_find(db, &req->actor, gm, domain,
			    &req->arena, &cps, &nc, &req->err);
		}
	} else if (am != NULL) {
		rc = wb_region_get(db, am, &req->arena, &r, &req->err);
		if (rc == WB_ENOTFOUND) {
			json_object_set_new(ctx, "no_match", json_true());
			rc = 0;
		} else if (rc == 0) {
			json_object_set_new(ctx, "place", json_pack(
			    "{s:s, s:{s:s, s:s}}", "name", r.name, "region",
			    "code", r.code, "name", r.name));
			rc = wb_cp_find_region(db, &req->actor, am, domain,
			    &req->arena, &cps, &nc, &req->err);
		}
	}
	if (rc != 0)
		goto fail;
	if (gm != NULL || am != NULL) {
		json_object_set_new(ctx, "searched", json_true());
		json_object_set_new(ctx, "results", cps_json(req, cps, nc));
		json_object_set_new(ctx, "has_results", json_boolean(nc > 0));
		if (domain != NULL)
			json_object_set_new(ctx, "domain_label", json_string(
			    wb_t(req, wb_cp_domain_label(domain))));
	}
	wb_page_errors(req, ctx);
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "find.html", ctx);
fail:
	json_decref(ctx);
	return rc;
}

WB_HANDLER(wb_h_orgs)
{
	struct wb_org	*os;
	struct wb_db	*db = wb_app_db(app, &req->err);
	const char	*type = wb_req_str(req, "type");
	int64_t		 page = wb_req_int(req, "pagina", 1), total;
	json_t		*ctx, *arr, *types;
	size_t		 n, i;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_org_list(db, type, ORGS_PER_PAGE, (page - 1) * ORGS_PER_PAGE,
	    &req->arena, &os, &n, &total, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Organisaties");
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, wb_view_org(req, &os[i]));
	json_object_set_new(ctx, "organisations", arr);
	json_object_set_new(ctx, "total", json_integer(total));
	types = json_array();
	for (i = 0; wb_org_types[i] != NULL; i++)
		json_array_append_new(types, json_pack("{s:s, s:s, s:b}",
		    "value", wb_org_types[i], "label",
		    wb_t(req, wb_org_type_label(wb_org_types[i])), "selected",
		    type != NULL && strcmp(type, wb_org_types[i]) == 0));
	json_object_set_new(ctx, "types", types);
	if (page > 1)
		json_object_set_new(ctx, "prev", json_string(wb_arena_printf(
		    &req->arena, "/organisaties?%s%s%spagina=%lld",
		    type ? "type=" : "", type ? type : "", type ? "&" : "",
		    (long long)(page - 1))));
	if (page * ORGS_PER_PAGE < total)
		json_object_set_new(ctx, "next", json_string(wb_arena_printf(
		    &req->arena, "/organisaties?%s%s%spagina=%lld",
		    type ? "type=" : "", type ? type : "", type ? "&" : "",
		    (long long)(page + 1))));
	json_object_set_new(ctx, "can_add", json_boolean(
	    req->actor.role == WB_ROLE_ADMIN ||
	    req->actor.role == WB_ROLE_COORDINATOR));
	return wb_render(app, req, resp, "orgs.html", ctx);
}

WB_HANDLER(wb_h_org)
{
	struct wb_org	 o;
	struct wb_cp	*cps;
	struct wb_card	*cards;
	struct wb_db	*db = wb_app_db(app, &req->err);
	bool		 history = wb_req_int(req, "historie", 0) == 1;
	bool		 can_edit = false;
	json_t		*ctx, *arr;
	size_t		 nc, nk, i;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_org_get_code(db, wb_req_str(req, "code"), &req->arena, &o,
	    &req->err);
	if (rc == 0)
		rc = wb_cp_by_org(db, &req->actor, o.id, history, &req->arena,
		    &cps, &nc, &req->err);
	if (rc != 0)
		return rc;
	for (i = 0; i < o.nregions; i++)
		if (can_edit_region(req, o.regions[i]))
			can_edit = true;
	ctx = wb_page(req, o.name);
	json_object_set_new(ctx, "org", wb_view_org(req, &o));
	json_object_set_new(ctx, "contact_points", cps_json(req, cps, nc));
	json_object_set_new(ctx, "has_contact_points", json_boolean(nc > 0));
	json_object_set_new(ctx, "history", json_boolean(history));
	json_object_set_new(ctx, "can_edit", json_boolean(can_edit));
	if (can_edit) {
		/* Only editors see the full staff list. */
		rc = wb_card_read_org(db, &req->actor, o.id, &req->arena,
		    &cards, &nk, &req->err);
		if (rc != 0) {
			json_decref(ctx);
			return rc;
		}
		arr = json_array();
		for (i = 0; i < nk; i++)
			json_array_append_new(arr, wb_view_card(req,
			    &cards[i]));
		json_object_set_new(ctx, "cards", arr);
	}
	json_object_set_new(ctx, "crumbs", json_pack("[{s:s, s:s}]", "href",
	    "/organisaties", "label", wb_t(req, "Organisaties")));
	json_object_set_new(ctx, "has_crumbs", json_true());
	return wb_render(app, req, resp, "org.html", ctx);
}

WB_HANDLER(wb_h_card)
{
	struct wb_card	 c;
	struct wb_db	*db = wb_app_db(app, &req->err);
	json_t		*ctx;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_card_get(db, &req->actor, wb_req_int(req, "id", 0),
	    &req->arena, &c, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, c.name);
	json_object_set_new(ctx, "card", wb_view_card(req, &c));
	json_object_set_new(ctx, "can_edit", json_boolean(
	    c.user_id == req->user.id || req->actor.role == WB_ROLE_ADMIN));
	return wb_render(app, req, resp, "card.html", ctx);
}

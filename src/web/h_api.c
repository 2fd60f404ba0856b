/* h_api.c - the JSON API v1 under /api/v1/: regions, organisations and
 * contact points, and its OpenAPI document.
 *
 * The same access rules as the web pages apply, because the same domain
 * functions decide (a contact-point search is audited with via "api").
 * Answers reuse the views of view.h with the display-only keys removed
 * (those ending in "_nl" or "_label"), so the API has stable English keys
 * and ISO dates only.  Errors are {"error": message, "request_id": id}.
 */
#include "web/handlers.h"
#include "web/view.h"
#include "domain/contact_point.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "base/asset.h"
#include "base/str.h"

#define API_ORGS_LIMIT	100	/* default page size of /organisations */

static bool	 display_key(const char *);
static json_t	*api_clean(json_t *);
static int	 api_error(struct wb_req *, struct wb_resp *, int,
		    const char *);

/* True for keys that only pages need: translated labels and Dutch dates. */
static bool
display_key(const char *key)
{
	size_t	n = strlen(key);

	return (n >= 3 && strcmp(key + n - 3, "_nl") == 0) ||
	    (n >= 6 && strcmp(key + n - 6, "_label") == 0);
}

/* Remove display keys from `v` and everything inside it; returns `v`. */
static json_t *
api_clean(json_t *v)
{
	const char	*key;
	json_t		*child;
	void		*tmp;
	size_t		 i;

	if (json_is_object(v)) {
		json_object_foreach_safe(v, tmp, key, child) {
			if (display_key(key))
				json_object_del(v, key);
			else
				(void)api_clean(child);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			(void)api_clean(child);
	}
	return v;
}

/* An error answer in the API's one error shape. */
static int
api_error(struct wb_req *req, struct wb_resp *resp, int status,
    const char *msg)
{
	return wb_json(resp, status, json_pack("{s:s, s:s}", "error", msg,
	    "request_id", req->request_id));
}

WB_HANDLER(wb_h_api_regions)
{
	struct wb_region	*rs;
	struct wb_db		*db = wb_app_db(app, &req->err);
	json_t			*items;
	size_t			 n, i;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_region_list(db, &req->arena, &rs, &n, &req->err);
	if (rc != 0)
		return rc;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, wb_view_region(&rs[i]));
	return wb_json(resp, 200, json_pack("{s:o, s:I}", "items", items,
	    "total", (json_int_t)n));
}

WB_HANDLER(wb_h_api_region)
{
	struct wb_region	 r;
	struct wb_municipality	*ms;
	struct wb_db		*db = wb_app_db(app, &req->err);
	const char		*code = wb_req_str(req, "code");
	json_t			*v, *arr;
	size_t			 n, i;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_region_get(db, code, &req->arena, &r, &req->err);
	if (rc == WB_ENOTFOUND)
		return api_error(req, resp, 404, "unknown region");
	if (rc == 0)
		rc = wb_region_municipalities(db, code, &req->arena, &ms, &n,
		    &req->err);
	if (rc != 0)
		return rc;
	r.municipalities = (int64_t)n;
	v = wb_view_region(&r);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "code",
		    ms[i].code, "name", ms[i].name));
	json_object_set_new(v, "municipalities", arr);
	return wb_json(resp, 200, v);
}

WB_HANDLER(wb_h_api_orgs)
{
	struct wb_region	 r;
	struct wb_org		*os;
	struct wb_db		*db = wb_app_db(app, &req->err);
	const char		*region = wb_req_str(req, "region");
	const char		*type = wb_req_str(req, "type");
	int64_t			 limit = wb_req_int(req, "limit", API_ORGS_LIMIT);
	int64_t			 offset = wb_req_int(req, "offset", 0);
	int64_t			 total = 0;
	json_t			*items = NULL;
	size_t			 n, i;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (region == NULL) {
		rc = wb_org_list(db, type, limit, offset, &req->arena, &os, &n,
		    &total, &req->err);
		if (rc != 0)
			return rc;
		items = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(items, api_clean(
			    wb_view_org(req, &os[i])));
	} else {
		rc = wb_region_get(db, region, &req->arena, &r, &req->err);
		if (rc == WB_ENOTFOUND)
			return api_error(req, resp, 404, "unknown region");
		if (rc == 0)
			rc = wb_org_list_region(db, region, &req->arena, &os,
			    &n, &req->err);
		if (rc != 0)
			return rc;
		/* The region's list is short: filter and page it here. */
		items = json_array();
		for (i = 0; i < n; i++) {
			if (type != NULL && strcmp(os[i].type, type) != 0)
				continue;
			if (total >= offset && total < offset + limit)
				json_array_append_new(items, api_clean(
				    wb_view_org(req, &os[i])));
			total++;
		}
	}
	return wb_json(resp, 200, json_pack("{s:o, s:I, s:I, s:I}", "items",
	    items, "total", (json_int_t)total, "limit", (json_int_t)limit,
	    "offset", (json_int_t)offset));
}

WB_HANDLER(wb_h_api_cps)
{
	struct wb_municipality	 m;
	struct wb_region	 r;
	struct wb_cp		*cps = NULL;
	struct wb_db		*db = wb_app_db(app, &req->err);
	const char		*gm = wb_req_str(req, "municipality");
	const char		*am = wb_req_str(req, "region");
	const char		*domain = wb_req_str(req, "domain");
	json_t			*body, *arr;
	size_t			 n = 0, i;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if ((gm == NULL) == (am == NULL))
		return api_error(req, resp, 400, "give either municipality "
		    "or region");
	if (gm != NULL) {
		rc = wb_municipality_get(db, gm, &req->arena, &m, &req->err);
		if (rc == WB_ENOTFOUND)
			return api_error(req, resp, 404,
			    "unknown municipality");
		if (rc == 0)
			rc = wb_cp_find(db, &req->actor, gm, domain,
			    &req->arena, &cps, &n, &req->err);
		if (rc != 0)
			return rc;
		body = json_pack("{s:{s:s, s:s}, s:{s:s, s:s}}",
		    "municipality", "code", m.code, "name", m.name,
		    "region", "code", m.region_code, "name", m.region_name);
	} else {
		rc = wb_region_get(db, am, &req->arena, &r, &req->err);
		if (rc == WB_ENOTFOUND)
			return api_error(req, resp, 404, "unknown region");
		if (rc == 0)
			rc = wb_cp_find_region(db, &req->actor, am, domain,
			    &req->arena, &cps, &n, &req->err);
		if (rc != 0)
			return rc;
		body = json_pack("{s:n, s:{s:s, s:s}}", "municipality",
		    "region", "code", r.code, "name", r.name);
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, api_clean(wb_view_cp(req,
		    &cps[i])));
	json_object_set_new(body, "domain", json_string(domain));
	json_object_set_new(body, "contact_points", arr);
	return wb_json(resp, 200, body);
}

WB_HANDLER(wb_h_api_openapi)
{
	const struct wb_asset	*f = wb_asset_find(wb_static, "openapi.json");

	if (f == NULL)
		return WB_ENOTFOUND;
	resp->static_body = f->data;
	resp->static_len = f->len;
	resp->content_type = "application/json";
	return 0;
}

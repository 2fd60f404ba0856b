/* h_rights.c - the client's rights under the AVG in the web interface.
 *
 * The client: "Mijn gegevens" (/mijn/gegevens), everything werkbrug holds
 * about them in plain Dutch, the same as a download (/mijn/gegevens.json),
 * and a short form to ask for a correction.  The registering
 * organisation: the download for the client (/clienten/{id}/export.json),
 * the correction requests on the record's Rechten tab (its own page, so
 * the overview stays one audited read) with a button to mark one handled, and the erasure (/clienten/{id}/wissen: a page that
 * says what goes and what stays, then the POST).  The domain decides and
 * audits every step (domain/rights.h).
 */
#include "web/handlers.h"
#include "web/client_frame.h"
#include "domain/rights.h"
#include "base/buf.h"
#include "base/str.h"
#include "base/time.h"

/* The largest download: a record with twenty years of access log stays
 * far below it; the page limit (WB_MAX_PAGE) would not. */
#define EXPORT_MAX_BYTES	(64 * 1024 * 1024)

static bool
ends_with(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Translate the Dutch labels of a display export in place: strings
 * under keys ending in "_label" and the elements of arrays under keys
 * ending in "_labels". */
static void
translate(struct wb_req *req, json_t *v)
{
	const char	*key;
	json_t		*x, *e;
	size_t		 i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			translate(req, x);
		return;
	}
	if (!json_is_object(v))
		return;
	json_object_foreach(v, key, x) {
		if (json_is_string(x) && ends_with(key, "_label"))
			json_string_set(x, wb_t(req, json_string_value(x)));
		else if (json_is_array(x) && ends_with(key, "_labels"))
			json_array_foreach(x, i, e) {
				if (json_is_string(e))
					json_string_set(e, wb_t(req,
					    json_string_value(e)));
			}
		else
			translate(req, x);
	}
}

/* Send the export as a file to keep; `name` is the file name offered. */
static int
send_export(struct wb_db *db, struct wb_req *req, struct wb_resp *resp,
    int64_t id, const char *name)
{
	const char	*json;
	int		 rc;

	rc = wb_client_export(db, &req->actor, id, &req->arena, &json,
	    &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	wb_buf_free(&resp->body);
	wb_buf_init(&resp->body, EXPORT_MAX_BYTES);
	wb_buf_puts(&resp->body, json);
	wb_buf_puts(&resp->body, "\n");
	if (wb_buf_error(&resp->body) != 0)
		return wb_err_set(&req->err, WB_ETOOBIG, "export of client "
		    "%lld larger than %d bytes", (long long)id,
		    EXPORT_MAX_BYTES);
	resp->content_type = "application/json; charset=utf-8";
	wb_resp_header(resp, "Content-Disposition", wb_arena_printf(
	    &req->arena, "attachment; filename=\"%s\"", name));
	/* It holds everything, the full BSN too: never kept by a browser. */
	wb_resp_header(resp, "Cache-Control", "no-store");
	return 0;
}

/* ---------- the client: Mijn gegevens ------------------------------ */

static int
portal_data_page(struct wb_app *app, struct wb_req *req,
    struct wb_resp *resp, struct wb_db *db)
{
	json_t	*data, *ctx, *form;
	int	 rc;

	rc = wb_client_export_json(db, &req->actor, wb_portal_me(req), true,
	    &data, &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	translate(req, data);
	ctx = wb_page(req, "Mijn gegevens");
	wb_page_errors(req, ctx);
	json_object_set_new(ctx, "client_name", json_string(
	    req->user.name != NULL ? req->user.name : ""));
	/* The access log has its own pages (Wie keek mee?): count only. */
	json_object_set_new(ctx, "log_count", json_integer((json_int_t)
	    json_array_size(json_object_get(data, "access_log"))));
	json_object_del(data, "access_log");
	json_object_set_new(ctx, "data", data);
	form = json_object();
	wb_put(form, "text", wb_req_raw(req, "text"));
	json_object_set_new(ctx, "form", form);
	if (wb_req_has_errors(req))
		resp->status = 400;
	/* The page shows the full BSN. */
	wb_resp_header(resp, "Cache-Control", "no-store");
	return wb_render(app, req, resp, "rights_portal.html", ctx);
}

WB_HANDLER(wb_h_portal_data)
{
	return wb_portal_show(app, req, resp, portal_data_page);
}

WB_HANDLER(wb_h_portal_data_json)
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0)
		return WB_ENOTFOUND;
	return send_export(db, req, resp, wb_portal_me(req),
	    "mijn-gegevens.json");
}

WB_HANDLER(wb_h_portal_correction)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 kid;
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_portal_me(req) == 0)
		return WB_ENOTFOUND;
	if (wb_req_has_errors(req))
		return portal_data_page(app, req, resp, db);
	rc = wb_correction_request(db, &req->actor, wb_portal_me(req),
	    wb_req_str(req, "text"), &kid, &req->err);
	if (rc == WB_EINVAL) {
		wb_req_domain_error(req, &req->err);
		return portal_data_page(app, req, resp, db);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, "/mijn/gegevens#correctie",
	    "correction_sent");
}

/* ---------- the registering organisation ----------------------------- */

WB_HANDLER(wb_h_client_export)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0);

	if (db == NULL)
		return WB_EDB;
	return send_export(db, req, resp, id, wb_arena_printf(&req->arena,
	    "client-%lld.json", (long long)id));
}

int
wb_rights_section(struct wb_db *db, struct wb_req *req,
    const struct wb_client *c, json_t *ctx)
{
	struct wb_correction	*k;
	size_t			 n, i;
	json_t			*arr, *v;
	int			 rc;

	if (!wb_rights_answers(&req->actor, c->registered_org))
		return 0;
	rc = wb_correction_list(db, &req->actor, c->id, &req->arena, &k, &n,
	    &req->err);
	if (rc == WB_EDENIED) {
		/* Not on the team: the record shows nothing of this. */
		wb_err_clear(&req->err);
		return 0;
	}
	if (rc != 0)
		return wb_client_hide(rc);
	arr = json_array();
	for (i = 0; i < n; i++) {
		char	t[32];

		v = json_pack("{s:I, s:b}", "id", (json_int_t)k[i].id, "open",
		    k[i].handled_at == 0);
		wb_put(v, "text", k[i].text);
		wb_time_nl(k[i].created_at, t, sizeof(t));
		json_object_set_new(v, "asked", json_string(t));
		if (k[i].handled_at != 0) {
			wb_time_nl(k[i].handled_at, t, sizeof(t));
			json_object_set_new(v, "handled", json_string(t));
			wb_put(v, "handled_by", k[i].handled_by);
		}
		json_array_append_new(arr, v);
	}
	v = json_pack("{s:I}", "id", (json_int_t)c->id);
	json_object_set_new(v, "corrections", arr);
	json_object_set_new(ctx, "rights", v);
	return 0;
}

WB_HANDLER(wb_h_correction_handled)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_correction_handle(db, &req->actor, id, wb_req_int(req,
	    "request", 0), &req->err);
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/clienten/%lld/rechten", (long long)id), "correction_handled");
}

/* The confirmation page: what goes, what stays and why, the reason and
 * a check box. */
static int
erase_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, int64_t id)
{
	struct wb_client	 c;
	unsigned		 cats;
	json_t			*ctx;
	int			 rc;

	rc = wb_client_frame(db, req, id, "", "Gegevens wissen", &c, &cats,
	    &ctx);
	if (rc != 0)
		return rc;
	if (!wb_rights_answers(&req->actor, c.registered_org)) {
		json_decref(ctx);
		return WB_ENOTFOUND;
	}
	wb_page_errors(req, ctx);
	json_object_set_new(ctx, "reasons", wb_choices(req, wb_erase_reasons,
	    wb_erase_reason_label, wb_req_raw(req, "reason")));
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "rights_erase.html", ctx);
}

WB_HANDLER(wb_h_client_erase_form)
{
	return wb_client_show(app, req, resp, erase_page);
}

WB_HANDLER(wb_h_client_erase)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int64_t		 id = wb_req_int(req, "id", 0);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return erase_page(app, req, resp, db, id);
	rc = wb_client_erase(db, &req->actor, id, wb_req_str(req, "reason"),
	    &req->err);
	if (rc == WB_EINVAL) {
		wb_req_domain_error(req, &req->err);
		return erase_page(app, req, resp, db, id);
	}
	if (rc != 0)
		return wb_client_hide(rc);
	return wb_redirect(req, resp, "/clienten", "client_erased");
}

/* The Rechten tab: the client's AVG requests, export and erasure, for
 * the registering organisation.  Its own page, so the record page itself
 * stays one audited read. */
WB_HANDLER(wb_h_client_rights)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_client	 c;
	unsigned		 cats;
	json_t			*ctx;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_client_frame(db, req, wb_req_int(req, "id", 0), "rechten",
	    "Rechten", &c, &cats, &ctx);
	if (rc != 0)
		return rc;
	if (!wb_rights_answers(&req->actor, c.registered_org)) {
		json_decref(ctx);
		return WB_ENOTFOUND;
	}
	rc = wb_rights_section(db, req, &c, ctx);
	if (rc != 0) {
		json_decref(ctx);
		return rc;
	}
	return wb_render(app, req, resp, "client_rights.html", ctx);
}

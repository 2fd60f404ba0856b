/* h_transfer.c - CSV import and export of organisations and contact
 * points (io/directory_csv.h decides access, checks and writes). */
#include "web/handlers.h"
#include "io/directory_csv.h"
#include "base/time.h"

/* The choices of the kind field, the chosen one marked. */
static json_t *
kind_options(const struct wb_req *req, const char *chosen)
{
	static const struct {
		const char	*value;
		const char	*label;
	} kinds[] = {
		{ "organisaties", "Organisaties" },
		{ "contactpunten", "Contactpunten" },
	};
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < WB_NELEM(kinds); i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", kinds[i].value, "label", wb_t(req,
		    kinds[i].label), "selected", chosen != NULL &&
		    strcmp(chosen, kinds[i].value) == 0));
	return arr;
}

/* The upload page without a result: choices and export links. */
static json_t *
import_page(struct wb_req *req, const char *chosen)
{
	const char	*region = req->actor.role == WB_ROLE_COORDINATOR ?
	    req->actor.region_code : NULL;
	const char	*q = region != NULL ? wb_arena_printf(&req->arena,
	    "?regio=%s", region) : "";
	json_t		*ctx = wb_page(req, "Importeren en exporteren");

	json_object_set_new(ctx, "kinds", kind_options(req, chosen));
	if (region != NULL)
		json_object_set_new(ctx, "coordinator", json_pack("{s:s}",
		    "region", region));
	json_object_set_new(ctx, "exports", json_pack("[{s:s, s:s}, "
	    "{s:s, s:s}]",
	    "href", wb_arena_printf(&req->arena, "/export/organisaties.csv%s",
	    q), "label", wb_t(req, "Organisaties (CSV)"),
	    "href", wb_arena_printf(&req->arena, "/export/contactpunten.csv%s",
	    q), "label", wb_t(req, "Contactpunten (CSV)")));
	return ctx;
}

/* The report of a refused file as template data. */
static json_t *
report_json(const struct wb_import_report *rep)
{
	json_t	*errors = json_array();
	size_t	 shown = 0, i;

	for (i = 0; rep->errors != NULL && i < rep->nerrors &&
	    i < WB_DIR_MAX_REPORTED; i++) {
		const struct wb_row_error *e = &rep->errors[i];

		json_array_append_new(errors, json_pack("{s:I, s:b, s:s}",
		    "line", (json_int_t)e->line, "has_line", e->line > 0,
		    "message", e->message));
		shown++;
	}
	return json_pack("{s:o, s:I, s:I, s:b}", "errors", errors,
	    "count", (json_int_t)rep->nerrors, "shown", (json_int_t)shown,
	    "more", shown < rep->nerrors);
}

WB_HANDLER(wb_h_import_form)
{
	struct wb_db	*db = wb_app_db(app, &req->err);
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_dir_authorize(db, &req->actor, "directory.import", &req->err);
	if (rc != 0)
		return rc;
	return wb_render(app, req, resp, "import.html", import_page(req,
	    NULL));
}

WB_HANDLER(wb_h_import)
{
	struct wb_import_report	 rep;
	struct wb_dir_counts	 counts;
	enum wb_dir_kind	 kind = WB_DIR_ORGS;
	struct wb_db		*db = wb_app_db(app, &req->err);
	const char		*file = wb_req_str(req, "file");
	const char		*chosen = wb_req_raw(req, "kind");
	json_t			*ctx, *form;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_dir_authorize(db, &req->actor, "directory.import", &req->err);
	if (rc != 0)
		return rc;
	if (!wb_req_has_errors(req) && wb_dir_kind_parse(wb_req_str(req,
	    "kind"), &kind) != 0)
		wb_req_field_error(req, "kind", wb_t(req,
		    "Kies het soort bestand."));
	if (wb_req_has_errors(req)) {
		ctx = import_page(req, chosen);
		wb_page_errors(req, ctx);
		/* Never echo the file back into the page. */
		form = json_object_get(ctx, "form");
		if (form != NULL)
			json_object_del(form, "file");
		resp->status = 400;
		return wb_render(app, req, resp, "import.html", ctx);
	}
	/* The router checked that the file is UTF-8 without NUL bytes. */
	rc = wb_dir_import(db, &req->actor, kind, file, strlen(file),
	    &req->arena, &rep, &counts, &req->err);
	if (rc != 0 && rc != WB_EINVAL && rc != WB_ETOOBIG)
		return rc;
	ctx = import_page(req, chosen);
	if (rc != 0) {
		json_object_set_new(ctx, "report", report_json(&rep));
		resp->status = 400;
	} else
		json_object_set_new(ctx, "result", json_pack("{s:I, s:s, s:I, "
		    "s:I, s:I, s:I}", "rows", (json_int_t)rep.rows,
		    "kind_label", wb_t(req, wb_dir_kind_name(kind)),
		    "created", (json_int_t)counts.created,
		    "updated", (json_int_t)counts.updated,
		    "unchanged", (json_int_t)counts.unchanged,
		    "cards", (json_int_t)counts.cards));
	return wb_render(app, req, resp, "import.html", ctx);
}

/* Send the export of `kind` as a CSV attachment named after the region
 * and today's date. */
static int
export(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    enum wb_dir_kind kind)
{
	struct wb_err	 err;
	struct wb_db	*db = wb_app_db(app, &err);
	const char	*region = NULL;
	char		 day[16];
	int		 rc;

	if (db == NULL)
		return WB_EDB;
	wb_buf_reset(&resp->body);
	rc = wb_dir_export(db, &req->actor, kind, wb_req_str(req, "regio"),
	    &req->arena, &resp->body, &region, &err);
	if (rc != 0) {
		wb_buf_reset(&resp->body);
		return rc;
	}
	wb_date_iso(wb_today(), day, sizeof(day));
	resp->content_type = "text/csv; charset=utf-8";
	wb_resp_header(resp, "Content-Disposition", wb_arena_printf(
	    &req->arena, "attachment; filename=\"werkbrug-%s%s%s-%s.csv\"",
	    wb_dir_kind_name(kind), region != NULL ? "-" : "",
	    region != NULL ? region : "", day));
	return 0;
}

WB_HANDLER(wb_h_export_orgs)
{
	return export(app, req, resp, WB_DIR_ORGS);
}

WB_HANDLER(wb_h_export_cps)
{
	return export(app, req, resp, WB_DIR_CPS);
}

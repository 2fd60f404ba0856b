/* h_audit.c - the auditor's view of the NEN 7513 audit log: a search page
 * with filters and a CSV export of the same selection.  Both are
 * read-only; wb_audit_search() refuses every role but the auditor (403)
 * and writes an audit.search event for every search, allowed or denied.
 */
#include "web/handlers.h"
#include "domain/audit.h"
#include "domain/organisation.h"
#include "io/csv.h"
#include "base/time.h"

#define AUDIT_PER_PAGE		50
#define AUDIT_CSV_MAX_ROWS	100000
/* wb_audit_search() returns at most 10 000 rows per call. */
#define AUDIT_CSV_CHUNK		10000
/* The export may be larger than a rendered page (WB_MAX_PAGE). */
#define AUDIT_CSV_MAX_BYTES	(64 * 1024 * 1024)

/* The filter parameters, in the order they appear in links. */
static const char *const filter_params[] = { "user", "org", "client",
    "event", "outcome", "from", "until", NULL };

static int	read_filter(struct wb_db *, struct wb_req *,
		    struct wb_audit_filter *, struct wb_err *);
static const char *filter_query(struct wb_req *, const char *, int64_t);
static const char *role_label(const struct wb_req *, const char *);
static json_t	*row_json(const struct wb_req *, const struct wb_audit_row *);
static json_t	*outcome_options(const struct wb_req *, const char *);
static void	 csv_row(struct wb_buf *, const struct wb_audit_row *);

/* Fill `f` from the request's typed parameters.  A problem the user can
 * fix (an unknown organisation code, a period that ends before it starts)
 * becomes a field error; only database errors are returned. */
static int
read_filter(struct wb_db *db, struct wb_req *req, struct wb_audit_filter *f,
    struct wb_err *err)
{
	struct wb_org	 o;
	const char	*org = wb_req_str(req, "org");
	int		 rc;

	memset(f, 0, sizeof(*f));
	f->user_id = wb_req_int(req, "user", 0);
	f->client_id = wb_req_int(req, "client", 0);
	f->event = wb_req_str(req, "event");
	f->outcome = wb_req_str(req, "outcome");
	if (org != NULL) {
		rc = wb_org_get_code(db, org, &req->arena, &o, err);
		if (rc == WB_ENOTFOUND)
			wb_req_field_error(req, "org", wb_t(req, "Er is geen "
			    "organisatie met deze code. Controleer de code."));
		else if (rc != 0)
			return rc;
		else
			f->org_id = o.id;
	}
	/* Dates are whole Dutch days; "until" is inclusive, so the
	 * search ends (exclusive) at the start of the next day. */
	if (wb_req_str(req, "from") != NULL)
		f->from = wb_day_start(wb_req_int(req, "from", 0));
	if (wb_req_str(req, "until") != NULL)
		f->until = wb_day_start(wb_req_int(req, "until", 0) + 1);
	if (wb_req_str(req, "from") != NULL &&
	    wb_req_str(req, "until") != NULL && f->until <= f->from)
		wb_req_field_error(req, "until", wb_t(req, "De datum 'tot en "
		    "met' ligt voor de datum 'vanaf'. Kies een latere "
		    "einddatum."));
	return 0;
}

/* "/path?filters[&pagina=N]" with the valid filter values, in the
 * request arena; page 0 leaves the page number out. */
static const char *
filter_query(struct wb_req *req, const char *path, int64_t page)
{
	struct wb_buf	 b;
	const char	*s;
	char		 sep = '?';
	size_t		 i;

	wb_buf_init(&b, 4096);
	wb_buf_puts(&b, path);
	for (i = 0; filter_params[i] != NULL; i++) {
		const char *v = wb_req_str(req, filter_params[i]);

		if (v == NULL)
			continue;
		wb_buf_putc(&b, sep);
		wb_buf_puts(&b, filter_params[i]);
		wb_buf_putc(&b, '=');
		wb_form_encode(&b, v, strlen(v));
		sep = '&';
	}
	if (page > 0)
		wb_buf_printf(&b, "%cpagina=%lld", sep, (long long)page);
	s = wb_arena_strdup(&req->arena, wb_buf_cstr(&b));
	wb_buf_free(&b);
	return s;
}

/* The translated label of a stored role name ("professional"), or the
 * name itself when it is not a known role. */
static const char *
role_label(const struct wb_req *req, const char *name)
{
	enum wb_role	r;

	if (name == NULL)
		return "";
	for (r = WB_ROLE_ADMIN; r <= WB_ROLE_CLIENT; r++)
		if (strcmp(wb_role_name(r), name) == 0)
			return wb_t(req, wb_role_label(r));
	return name;
}

/* One row of the table; ids of 0 mean "none" and are left out. */
static json_t *
row_json(const struct wb_req *req, const struct wb_audit_row *r)
{
	char	 nl[32], iso[32];
	bool	 denied = r->outcome != NULL &&
	    strcmp(r->outcome, "denied") == 0;
	json_t	*v;

	wb_time_nl(r->at, nl, sizeof(nl));
	wb_time_iso(r->at, iso, sizeof(iso));
	v = json_pack("{s:I, s:s, s:s, s:s, s:b, s:s}",
	    "id", (json_int_t)r->id, "time", nl, "time_iso", iso,
	    "event", r->event ? r->event : "", "denied", denied,
	    "outcome_label", wb_t(req, denied ? "Geweigerd" : "Toegestaan"));
	if (r->user_id != 0)
		json_object_set_new(v, "user_id", json_integer(r->user_id));
	if (r->user_name != NULL)
		json_object_set_new(v, "user_name", json_string(r->user_name));
	if (r->org_code != NULL)
		json_object_set_new(v, "org_code", json_string(r->org_code));
	json_object_set_new(v, "role", json_string(role_label(req,
	    r->role)));
	if (r->address != NULL)
		json_object_set_new(v, "address", json_string(r->address));
	if (r->object_type != NULL)
		json_object_set_new(v, "object_type",
		    json_string(r->object_type));
	if (r->object_id != NULL)
		json_object_set_new(v, "object_id", json_string(r->object_id));
	if (r->client_id != 0)
		json_object_set_new(v, "client_id", json_integer(r->client_id));
	if (r->purpose != NULL)
		json_object_set_new(v, "purpose", json_string(r->purpose));
	if (r->consent_id != 0)
		json_object_set_new(v, "consent_id",
		    json_integer(r->consent_id));
	if (r->detail != NULL)
		json_object_set_new(v, "detail", json_string(r->detail));
	return v;
}

/* Choices for the outcome field, with the chosen one marked. */
static json_t *
outcome_options(const struct wb_req *req, const char *chosen)
{
	static const struct {
		const char	*value, *label;
	} opts[] = {
		{ "allowed", "Toegestaan" },
		{ "denied", "Geweigerd" },
	};
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < WB_NELEM(opts); i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", opts[i].value, "label", wb_t(req, opts[i].label),
		    "selected", chosen != NULL &&
		    strcmp(chosen, opts[i].value) == 0));
	return arr;
}

WB_HANDLER(wb_h_audit)
{
	/* A filter that matches no event: used when the form has errors,
	 * so the search still checks access and is audited but never shows
	 * more than the auditor asked for. */
	static const struct wb_audit_filter none = { .until = 1 };
	struct wb_audit_filter	 f;
	struct wb_audit_row	*rows;
	struct wb_db		*db = wb_app_db(app, &req->err);
	int64_t			 page = wb_req_int(req, "pagina", 1), total;
	json_t			*ctx, *arr;
	size_t			 n, i;
	bool			 bad;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = read_filter(db, req, &f, &req->err);
	if (rc != 0)
		return rc;
	bad = wb_req_has_errors(req);
	rc = wb_audit_search(db, &req->actor, bad ? &none : &f,
	    AUDIT_PER_PAGE, (page - 1) * AUDIT_PER_PAGE, &req->arena, &rows,
	    &n, &total, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Auditlog");
	wb_page_errors(req, ctx);
	json_object_set_new(ctx, "outcomes", outcome_options(req,
	    wb_req_raw(req, "outcome")));
	if (bad) {
		resp->status = 400;
		return wb_render(app, req, resp, "audit.html", ctx);
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, row_json(req, &rows[i]));
	json_object_set_new(ctx, "rows", arr);
	json_object_set_new(ctx, "searched", json_true());
	json_object_set_new(ctx, "has_rows", json_boolean(n > 0));
	json_object_set_new(ctx, "total", json_integer(total));
	json_object_set_new(ctx, "page", json_integer(page));
	json_object_set_new(ctx, "pages", json_integer(total == 0 ? 1 :
	    (total + AUDIT_PER_PAGE - 1) / AUDIT_PER_PAGE));
	json_object_set_new(ctx, "csv_href", json_string(filter_query(req,
	    "/audit.csv", 0)));
	json_object_set_new(ctx, "csv_truncated", json_boolean(
	    total > AUDIT_CSV_MAX_ROWS));
	json_object_set_new(ctx, "csv_max", json_integer(AUDIT_CSV_MAX_ROWS));
	if (page > 1)
		json_object_set_new(ctx, "prev", json_string(filter_query(req,
		    "/audit", page - 1)));
	if (page * AUDIT_PER_PAGE < total)
		json_object_set_new(ctx, "next", json_string(filter_query(req,
		    "/audit", page + 1)));
	return wb_render(app, req, resp, "audit.html", ctx);
}

/* One CSV line for an event: ISO time, machine values, no labels. */
static void
csv_row(struct wb_buf *out, const struct wb_audit_row *r)
{
	char		 id[24], at[32], user[24], org[24], client[24];
	char		 consent[24];
	const char	*cells[16];

	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	wb_time_iso(r->at, at, sizeof(at));
	snprintf(user, sizeof(user), "%lld", (long long)r->user_id);
	snprintf(org, sizeof(org), "%lld", (long long)r->org_id);
	snprintf(client, sizeof(client), "%lld", (long long)r->client_id);
	snprintf(consent, sizeof(consent), "%lld", (long long)r->consent_id);
	cells[0] = id;
	cells[1] = at;
	cells[2] = r->event;
	cells[3] = r->outcome;
	cells[4] = r->user_id != 0 ? user : NULL;
	cells[5] = r->user_name;
	cells[6] = r->org_id != 0 ? org : NULL;
	cells[7] = r->org_code;
	cells[8] = r->role;
	cells[9] = r->address;
	cells[10] = r->object_type;
	cells[11] = r->object_id;
	cells[12] = r->client_id != 0 ? client : NULL;
	cells[13] = r->purpose;
	cells[14] = r->consent_id != 0 ? consent : NULL;
	cells[15] = r->detail;
	wb_csv_write_row(out, ';', cells, WB_NELEM(cells));
}

WB_HANDLER(wb_h_audit_csv)
{
	static const char *const header[] = { "id", "at", "event",
	    "outcome", "user_id", "user_name", "org_id", "org_code", "role",
	    "address", "object_type", "object_id", "client_id", "purpose",
	    "consent_id", "detail" };
	static const struct wb_audit_filter none = { .until = 1 };
	struct wb_audit_filter	 f;
	struct wb_audit_row	*rows;
	struct wb_db		*db = wb_app_db(app, &req->err);
	int64_t			 total, min_id = INT64_MAX;
	size_t			 written = 0, n, i, calls;
	char			 today[16];
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	rc = read_filter(db, req, &f, &req->err);
	if (rc != 0)
		return rc;
	if (wb_req_has_errors(req)) {
		/* Check access (and audit the attempt) before saying 400. */
		rc = wb_audit_search(db, &req->actor, &none, 1, 0,
		    &req->arena, &rows, &n, &total, &req->err);
		return rc != 0 ? rc : WB_EINVAL;
	}
	resp->body.max = AUDIT_CSV_MAX_BYTES;
	wb_csv_write_bom(&resp->body);
	wb_csv_write_row(&resp->body, ';', header, WB_NELEM(header));
	/* Page through the log in chunks, newest first.  Every search adds
	 * an audit.search event on top, which shifts later chunks; rows are
	 * taken only below the oldest id already written, so nothing is
	 * written twice, and the offset never runs ahead of the log. */
	for (calls = 0; calls < AUDIT_CSV_MAX_ROWS / AUDIT_CSV_CHUNK + 5 &&
	    written < AUDIT_CSV_MAX_ROWS; calls++) {
		struct wb_arena	chunk;

		wb_arena_init(&chunk);
		rc = wb_audit_search(db, &req->actor, &f, AUDIT_CSV_CHUNK,
		    (int64_t)written, &chunk, &rows, &n, &total, &req->err);
		if (rc != 0) {
			wb_arena_free(&chunk);
			return rc;
		}
		for (i = 0; i < n && written < AUDIT_CSV_MAX_ROWS; i++) {
			if (rows[i].id >= min_id)
				continue;
			csv_row(&resp->body, &rows[i]);
			min_id = rows[i].id;
			written++;
		}
		wb_arena_free(&chunk);
		if (n < AUDIT_CSV_CHUNK)
			break;
	}
	if (wb_buf_error(&resp->body) != 0)
		return wb_err_set(&req->err, WB_ETOOBIG, "audit export too big");
	wb_date_iso(wb_today(), today, sizeof(today));
	resp->content_type = "text/csv; charset=utf-8";
	wb_resp_header(resp, "Content-Disposition", wb_arena_printf(
	    &req->arena, "attachment; filename=\"auditlog-%s.csv\"", today));
	return 0;
}

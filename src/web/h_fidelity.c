/* h_fidelity.c - "Trouw (IPS-25)": the IPS programmes the user may see
 * with their latest fidelity review, a programme's reviews over time, one
 * review by section, and the form for a new review.
 *
 * fidelity.c decides who may read or write (and audits refusals, which
 * answer 403 as for other non-client objects); these handlers only read
 * parameters, call it and render.  Items are shown by id and short name
 * only (the scale's text is copyrighted).
 */
#include "web/handlers.h"
#include "web/view.h"
#include "domain/audit.h"
#include "domain/fidelity.h"
#include "base/str.h"
#include "base/time.h"
#include "report/chart.h"
#include "web/template.h"

static const char	*band_class(const char *);
static json_t		*review_view(struct wb_req *,
			    const struct wb_fidelity_review *);
static void		 crumbs(struct wb_req *, json_t *, const char *,
			    const char *);
static bool		 may_write(const struct wb_req *,
			    const struct wb_org *);
static int		 form_page(struct wb_app *, struct wb_req *,
			    struct wb_resp *, struct wb_db *, bool);

/* A status badge's class for a band: meaning is in the word, the colour
 * only repeats it. */
static const char *
band_class(const char *band)
{
	if (band == NULL)
		return "";
	if (strcmp(band, "exemplary") == 0 || strcmp(band, "good") == 0)
		return "status-ok";
	if (strcmp(band, "fair") == 0)
		return "status-warn";
	return "status-bad";
}

/* A review for the pages (scores not included). */
static json_t *
review_view(struct wb_req *req, const struct wb_fidelity_review *r)
{
	json_t	*v;

	v = json_pack("{s:I, s:{s:s, s:s}, s:s, s:s, s:s, s:I, s:s, s:s, s:s, "
	    "s:s, s:s}",
	    "id", (json_int_t)r->id,
	    "organisation", "code", r->org_code, "name", r->org_name,
	    "programme", r->programme,
	    "intervention", r->intervention,
	    "intervention_name", r->intervention_name,
	    "total", (json_int_t)r->total,
	    "band", r->band,
	    "band_label", wb_t(req, wb_fidelity_band_label(r->band)),
	    "band_class", band_class(r->band),
	    "href", wb_arena_printf(&req->arena, "/trouw/beoordelingen/%lld",
	    (long long)r->id),
	    "programme_href", wb_arena_printf(&req->arena,
	    "/trouw/programmas/%lld", (long long)r->id));
	wb_view_date(v, "date", r->review_date);
	json_object_set_new(v, "reviewers", r->reviewers != NULL &&
	    r->reviewers[0] != '\0' ? json_string(r->reviewers) : json_null());
	json_object_set_new(v, "action_points", r->action_points != NULL &&
	    r->action_points[0] != '\0' ? json_string(r->action_points) :
	    json_null());
	json_object_set_new(v, "text_hidden", json_boolean(
	    r->reviewers == NULL));
	return v;
}

/* "Trouw (IPS-25)" and, when given, one more step back. */
static void
crumbs(struct wb_req *req, json_t *ctx, const char *href, const char *label)
{
	json_t	*arr = json_array();

	json_array_append_new(arr, json_pack("{s:s, s:s}", "href", "/trouw",
	    "label", wb_t(req, "Trouw (IPS-25)")));
	if (href != NULL)
		json_array_append_new(arr, json_pack("{s:s, s:s}", "href",
		    href, "label", label));
	json_object_set_new(ctx, "crumbs", arr);
	json_object_set_new(ctx, "has_crumbs", json_true());
}

/* May the actor add a review for organisation `o`?  Only to show a
 * link; the domain decides again. */
static bool
may_write(const struct wb_req *req, const struct wb_org *o)
{
	struct wb_scope	s = wb_fidelity_scope(&req->actor, o);

	return wb_access_check(&req->actor, WB_ACT_FIDELITY_WRITE, &s) == 0;
}

WB_HANDLER(wb_h_fidelity_list)
{
	struct wb_fidelity_review	*rs;
	struct wb_org			*orgs;
	struct wb_db			*db = wb_app_db(app, &req->err);
	json_t				*ctx, *arr;
	size_t				 n, norgs, i;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_fidelity_latest(db, &req->actor, &req->arena, &rs, &n,
	    &req->err);
	if (rc == 0)
		rc = wb_fidelity_orgs(db, &req->actor, &req->arena, &orgs,
		    &norgs, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Trouw (IPS-25)");
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, review_view(req, &rs[i]));
	json_object_set_new(ctx, "programmes", arr);
	json_object_set_new(ctx, "has_programmes", json_boolean(n > 0));
	json_object_set_new(ctx, "count", json_integer((json_int_t)n));
	json_object_set_new(ctx, "can_add", json_boolean(norgs > 0));
	return wb_render(app, req, resp, "fidelity_list.html", ctx);
}

static const char *
chart_tr(const void *ctx, const char *msgid)
{
	return wb_t(ctx, msgid);
}

/* The totals of the programme's reviews over time, against the bands, as
 * an SVG line chart (the most recent WB_CHART_MAX_POINTS); the page's
 * table of reviews is its text alternative. */
static int
trend_chart(struct wb_req *req, const struct wb_fidelity_review *rs,
    size_t n, json_t *ctx)
{
	struct wb_chart_series	 series;
	struct wb_chart_ref	 bands[3];
	struct wb_chart		 c;
	struct wb_buf		 svg;
	const char		**labels;
	double			*value;
	size_t			 i, from;
	int			 rc;

	from = n > WB_CHART_MAX_POINTS ? n - WB_CHART_MAX_POINTS : 0;
	labels = wb_arena_array(&req->arena, n - from, sizeof(*labels));
	value = wb_arena_array(&req->arena, n - from, sizeof(*value));
	for (i = from; i < n; i++) {
		char	*d = wb_arena_alloc(&req->arena, 16);

		wb_date_nl(rs[i].review_date, d, 16);
		labels[i - from] = d;
		value[i - from] = (double)rs[i].total;
	}
	bands[0] = (struct wb_chart_ref){ 74, 99, wb_t(req, "Redelijk") };
	bands[1] = (struct wb_chart_ref){ 100, 114, wb_t(req, "Goed") };
	bands[2] = (struct wb_chart_ref){ 115, 125, wb_t(req,
	    "Voorbeeldig") };
	series = (struct wb_chart_series){ .label = wb_t(req, "Totaal"),
	    .value = value };
	c = (struct wb_chart){ .id = "trouw", .title = wb_t(req,
	    "IPS-25-totaal per beoordeling"), .desc = wb_t(req, "Totaalscore "
	    "van elke beoordeling (25 tot 125) tegen de banden redelijk (74), "
	    "goed (100) en voorbeeldig (115)."), .x_title = wb_t(req,
	    "Beoordeling"), .y_title = wb_t(req, "Totaal"),
	    .x_labels = labels, .npoints = n - from, .series = &series,
	    .nseries = 1, .y_min = 25, .y_max = 125, .y_step = 25,
	    .decimals = 0, .bands = bands, .nbands = 3, .tr = chart_tr,
	    .trctx = req };
	wb_buf_init(&svg, 256 * 1024);
	rc = wb_chart_line(&svg, &c, &req->err);
	if (rc == 0 && wb_buf_error(&svg))
		rc = wb_err_set(&req->err, WB_ETOOBIG, "chart too big");
	if (rc == 0) {
		json_object_set_new(ctx, "chart", wb_html_json(
		    wb_buf_cstr(&svg)));
		json_object_set_new(ctx, "has_chart", json_true());
	}
	wb_buf_free(&svg);
	return rc;
}

WB_HANDLER(wb_h_fidelity_programme)
{
	struct wb_fidelity_review	*rs;
	struct wb_org			 o;
	struct wb_db			*db = wb_app_db(app, &req->err);
	const struct wb_fidelity_review	*last;
	json_t				*ctx, *arr;
	size_t				 n, i;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_fidelity_programme(db, &req->actor, wb_req_int(req, "id", 0),
	    &req->arena, &rs, &n, &req->err);
	if (rc != 0)
		return rc;
	if (WB_NEVER(n == 0))
		return WB_ENOTFOUND;
	last = &rs[n - 1];
	rc = wb_org_get(db, last->org_id, &req->arena, &o, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "Programma");
	json_object_set_new(ctx, "title", json_string(last->programme));
	json_object_set_new(ctx, "latest", review_view(req, last));
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *v = review_view(req, &rs[i]);

		/* The change since the review before, for the trend table. */
		if (i > 0)
			json_object_set_new(v, "change", json_string(
			    wb_arena_printf(&req->arena, "%+lld",
			    (long long)(rs[i].total - rs[i - 1].total))));
		json_array_append_new(arr, v);
	}
	json_object_set_new(ctx, "reviews", arr);
	json_object_set_new(ctx, "count", json_integer((json_int_t)n));
	rc = trend_chart(req, rs, n, ctx);
	if (rc != 0) {
		json_decref(ctx);
		return rc;
	}
	if (may_write(req, &o))
		json_object_set_new(ctx, "add_href", json_string(
		    wb_arena_printf(&req->arena, "/trouw/nieuw?org=%s&"
		    "review=%lld", o.code, (long long)last->id)));
	crumbs(req, ctx, NULL, NULL);
	return wb_render(app, req, resp, "fidelity_programme.html", ctx);
}

WB_HANDLER(wb_h_fidelity_review)
{
	struct wb_fidelity_review	 r;
	struct wb_db			*db = wb_app_db(app, &req->err);
	json_t				*ctx, *sections, *items = NULL;
	int64_t				 subtotal = 0;
	size_t				 i;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_fidelity_get(db, &req->actor, wb_req_int(req, "id", 0),
	    &req->arena, &r, &req->err);
	if (rc != 0)
		return rc;
	ctx = wb_page(req, "IPS-25-beoordeling");
	json_object_set_new(ctx, "review", review_view(req, &r));
	sections = json_array();
	for (i = 0; i < WB_FIDELITY_NITEMS; i++) {
		const struct wb_fidelity_item *it = &wb_fidelity_items[i];

		if (i == 0 || it->section != wb_fidelity_items[i - 1].section) {
			items = json_array();
			subtotal = 0;
			json_array_append_new(sections, json_pack("{s:s, s:s, "
			    "s:o}", "name", wb_fidelity_section_name(
			    it->section), "label", wb_t(req,
			    wb_fidelity_section_label(it->section)),
			    "items", items));
		}
		subtotal += r.scores[i];
		json_array_append_new(items, json_pack("{s:s, s:s, s:i}",
		    "id", it->id, "label", wb_t(req, it->label), "score",
		    r.scores[i]));
		json_object_set_new(json_array_get(sections,
		    json_array_size(sections) - 1), "subtotal",
		    json_integer((json_int_t)subtotal));
	}
	json_object_set_new(ctx, "sections", sections);
	crumbs(req, ctx, wb_arena_printf(&req->arena, "/trouw/programmas/%lld",
	    (long long)r.id), r.programme);
	return wb_render(app, req, resp, "fidelity_review.html", ctx);
}

/* The new-review form: what was typed (or, on a GET, the programme of
 * ?review= and ?org=), the organisations the actor may choose, the IPS
 * interventions and the 25 selects by section.  Refused (403, audited)
 * when the actor may add a review for no organisation at all. */
static int
form_page(struct wb_app *app, struct wb_req *req, struct wb_resp *resp,
    struct wb_db *db, bool posted)
{
	struct wb_org			*orgs;
	struct wb_fidelity_intervention	*iv;
	struct wb_fidelity_review	 from;
	struct wb_err			 err;
	const char			*org, *programme, *intervention;
	json_t				*ctx, *arr, *sections, *items = NULL;
	size_t				 norgs, niv, i, k;
	int				 rc;

	rc = wb_fidelity_orgs(db, &req->actor, &req->arena, &orgs, &norgs,
	    &req->err);
	if (rc != 0)
		return rc;
	if (norgs == 0) {
		struct wb_scope	s = { .org_id = req->actor.org_id };

		wb_err_clear(&err);
		rc = wb_audit_check(db, &req->actor, WB_ACT_FIDELITY_WRITE, &s,
		    "fidelity.add", "organisation", NULL, &err);
		return rc != 0 ? rc : WB_EDENIED;
	}
	rc = wb_fidelity_interventions(db, &req->arena, &iv, &niv, &req->err);
	if (rc != 0)
		return rc;
	org = wb_req_raw(req, "org");
	programme = wb_req_raw(req, "programme");
	intervention = wb_req_raw(req, "intervention");
	if (!posted && wb_req_str(req, "review") != NULL) {
		/* Another review of the same programme: start from it. */
		rc = wb_fidelity_get(db, &req->actor, wb_req_int(req,
		    "review", 0), &req->arena, &from, &err);
		if (rc == 0) {
			org = from.org_code;
			programme = from.programme;
			intervention = from.intervention;
		}
	}
	ctx = wb_page(req, "Nieuwe IPS-25-beoordeling");
	wb_page_errors(req, ctx);
	if (programme != NULL && wb_utf8_valid(programme, strlen(programme),
	    false))
		json_object_set_new(json_object_get(ctx, "form"), "programme",
		    json_string(programme));
	arr = json_array();
	for (i = 0; i < norgs; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", orgs[i].code, "label", orgs[i].name, "selected",
		    norgs == 1 || (org != NULL &&
		    strcmp(org, orgs[i].code) == 0)));
	json_object_set_new(ctx, "orgs", arr);
	arr = json_array();
	for (i = 0; i < niv; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", iv[i].code, "label", iv[i].name, "selected",
		    niv == 1 || (intervention != NULL &&
		    strcmp(intervention, iv[i].code) == 0)));
	json_object_set_new(ctx, "interventions", arr);
	sections = json_array();
	for (i = 0; i < WB_FIDELITY_NITEMS; i++) {
		const struct wb_fidelity_item	*it = &wb_fidelity_items[i];
		const char			*typed = wb_req_raw(req,
		    it->field);
		json_t				*opts = json_array(), *v, *e;

		if (i == 0 || it->section != wb_fidelity_items[i - 1].section) {
			items = json_array();
			json_array_append_new(sections, json_pack("{s:s, s:s, "
			    "s:o}", "name", wb_fidelity_section_name(
			    it->section), "label", wb_t(req,
			    wb_fidelity_section_label(it->section)),
			    "items", items));
		}
		for (k = 1; k <= 5; k++) {
			char	val[2] = { (char)('0' + k), '\0' };

			json_array_append_new(opts, json_pack("{s:s, s:b}",
			    "value", val, "selected", typed != NULL &&
			    strcmp(typed, val) == 0));
		}
		v = json_pack("{s:s, s:s, s:s, s:o}", "id", it->id, "field",
		    it->field, "label", wb_t(req, it->label), "options", opts);
		/* null, not absent: the page's own "error" is further out. */
		e = json_object_get(json_object_get(ctx, "error"), it->field);
		json_object_set(v, "error", e != NULL ? e : json_null());
		json_array_append_new(items, v);
	}
	json_object_set_new(ctx, "sections", sections);
	crumbs(req, ctx, NULL, NULL);
	if (wb_req_has_errors(req))
		resp->status = 400;
	return wb_render(app, req, resp, "fidelity_form.html", ctx);
}

WB_HANDLER(wb_h_fidelity_new_form)
{
	struct wb_db	*db = wb_app_db(app, &req->err);

	if (db == NULL)
		return WB_EDB;
	return form_page(app, req, resp, db, false);
}

WB_HANDLER(wb_h_fidelity_new)
{
	struct wb_fidelity_input	 in;
	struct wb_db			*db = wb_app_db(app, &req->err);
	int64_t				 scores[WB_FIDELITY_NITEMS], id = 0;
	size_t				 i;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return form_page(app, req, resp, db, true);
	memset(&in, 0, sizeof(in));
	in.org = wb_req_str(req, "org");
	in.programme = wb_req_str(req, "programme");
	in.intervention = wb_req_str(req, "intervention");
	in.review_date = wb_req_str(req, "review_date");
	in.reviewers = wb_req_str(req, "reviewers");
	in.action_points = wb_req_str(req, "action_points");
	for (i = 0; i < WB_FIDELITY_NITEMS; i++)
		scores[i] = wb_req_int(req, wb_fidelity_items[i].field, 0);
	in.scores = scores;
	in.nscores = WB_FIDELITY_NITEMS;
	rc = wb_fidelity_add(db, &req->actor, &in, &id, &req->err);
	if (rc == WB_EINVAL) {
		wb_req_domain_error(req, &req->err);
		return form_page(app, req, resp, db, true);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/trouw/beoordelingen/%lld", (long long)id), "created");
}

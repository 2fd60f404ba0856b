/* h_outcomes.c - the outcome indicators of a region or an organisation:
 * the page (/uitkomsten) with its table and employment-rate chart, and
 * GET /api/v1/indicators.  report/indicator.c decides what is counted and
 * what is suppressed; this file only shows it. */
#include "web/handlers.h"
#include "web/template.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "domain/target.h"
#include "domain/access.h"
#include "domain/trajectory.h"
#include "domain/instrument.h"
#include "report/chart.h"
#include "report/indicator.h"
#include "report/export.h"
#include "base/time.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#define TREND_QUARTERS	8

static const char *
tr(const void *ctx, const char *msgid)
{
	return wb_t(ctx, msgid);
}

/* One decimal with a decimal comma; the C locale is never changed, so
 * %f prints a point. */
static const char *
dec1(struct wb_req *req, double v)
{
	char	*s = wb_arena_printf(&req->arena, "%.1f", v), *p;

	if ((p = strchr(s, '.')) != NULL)
		*p = ',';
	return s;
}

/* The scope asked for: regio=AMnn or organisatie=CODE; with neither, the
 * actor's own organisation.  WB_ENOTFOUND for an unknown one. */
static int
scope_of(struct wb_db *db, struct wb_req *req, const char *region,
    const char *org, struct wb_ind_scope *s, const char **label)
{
	struct wb_region	r;
	struct wb_org		o;
	int			rc;

	if (region != NULL) {
		rc = wb_region_get(db, region, &req->arena, &r, &req->err);
		if (rc != 0)
			return rc;
		s->region_code = region;
		*label = wb_arena_printf(&req->arena, "%s %s",
		    wb_t(req, "Regio"), r.name);
		return 0;
	}
	if (org != NULL)
		rc = wb_org_get_code(db, org, &req->arena, &o, &req->err);
	else if (req->actor.org_id != 0)
		rc = wb_org_get(db, req->actor.org_id, &req->arena, &o,
		    &req->err);
	else
		return wb_err_set(&req->err, WB_ENOTFOUND, "no scope");
	if (rc != 0)
		return rc;
	s->org_id = o.id;
	*label = o.name;
	return 0;
}

/* The quarter asked for, or the last complete one. */
static int
quarter_of(struct wb_req *req, const char *name, int *y, int *q)
{
	const char	*s = wb_req_str(req, name);

	if (s != NULL)
		return wb_quarter_parse(s, y, q);
	wb_quarter_of(wb_today(), y, q);
	if (--*q == 0) {
		*q = 4;
		--*y;
	}
	return 0;
}

/* -- the page -- */

static json_t *
count_json(struct wb_req *req, const struct wb_ind_row *r,
    enum wb_ind_count k, int threshold)
{
	if (!r->count_shown[k])
		return json_pack("{s:b, s:s}", "suppressed", 1, "text",
		    wb_arena_printf(&req->arena, "<%d", threshold));
	return json_pack("{s:b, s:s}", "suppressed", 0, "text",
	    wb_arena_printf(&req->arena, "%lld", (long long)r->count[k]));
}

/* A derived figure: its text, "<10" when suppressed, "–" when there is
 * nothing to compute it from. */
static json_t *
figure_json(struct wb_req *req, bool shown, bool own, const char *text,
    int threshold)
{
	if (shown)
		return json_pack("{s:b, s:s}", "suppressed", 0, "text", text);
	if (own)
		return json_pack("{s:b, s:s}", "suppressed", 0, "text", "–");
	return json_pack("{s:b, s:s}", "suppressed", 1, "text",
	    wb_arena_printf(&req->arena, "<%d", threshold));
}

static json_t *
row_json(struct wb_req *req, const struct wb_indicators *ind,
    const struct wb_ind_row *r)
{
	int	t = ind->threshold;
	json_t	*o;
	const char *band = NULL;

	if (r->rate_shown)
		band = r->rate >= WB_IPS_RATE_EXCELLENT ? "excellent" :
		    r->rate >= WB_IPS_RATE_AVERAGE ? "gemiddeld" :
		    r->rate >= WB_IPS_RATE_MINIMAL ? "minimaal" : "onder";
	o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:o}",
	    "name", r->intervention != NULL ? r->name : wb_t(req, "Totaal"),
	    "caseload", count_json(req, r, WB_IND_CASELOAD, t),
	    "working", count_json(req, r, WB_IND_WORKING, t),
	    "starts", count_json(req, r, WB_IND_STARTS, t),
	    "rate", figure_json(req, r->rate_shown, ind->own,
		wb_arena_printf(&req->arena, "%s %%", dec1(req, r->rate)), t),
	    "contact", figure_json(req, r->stat_shown[WB_IND_DAYS_CONTACT],
		ind->own, dec1(req, r->stat[WB_IND_DAYS_CONTACT]), t),
	    "job", figure_json(req, r->stat_shown[WB_IND_DAYS_JOB], ind->own,
		dec1(req, r->stat[WB_IND_DAYS_JOB]), t),
	    "tenure", figure_json(req, r->stat_shown[WB_IND_TENURE], ind->own,
		dec1(req, r->stat[WB_IND_TENURE]), t),
	    "rose", figure_json(req, r->rose_shown, ind->own,
		wb_arena_printf(&req->arena, "%s %%", dec1(req, r->rose)), t),
	    "phq9", figure_json(req, r->stat_shown[WB_IND_PHQ9], ind->own,
		dec1(req, r->stat[WB_IND_PHQ9]), t),
	    "k10", figure_json(req, r->stat_shown[WB_IND_K10], ind->own,
		dec1(req, r->stat[WB_IND_K10]), t));
	if (band != NULL)
		json_object_set_new(o, "band", json_string(band));
	return o;
}

/* A row is worth a line when anything happened in it (or something is
 * hidden). */
static bool
row_used(const struct wb_ind_row *r)
{
	size_t	k;

	for (k = 0; k < WB_IND_NCOUNTS; k++)
		if (!r->count_shown[k] || r->count[k] != 0)
			return true;
	return false;
}

/* The employment rate of the total over the quarters up to the one shown,
 * as a line chart against the IPS benchmarks, and its table. */
static int
trend(struct wb_db *db, struct wb_req *req, const struct wb_indicators *now,
    json_t *ctx)
{
	static const struct wb_chart_ref refs[] = {
		{ WB_IPS_RATE_MINIMAL, 0, "31 % minimaal" },
		{ WB_IPS_RATE_AVERAGE, 0, "41 % gemiddeld" },
		{ WB_IPS_RATE_EXCELLENT, 0, "50 % excellent" },
	};
	struct wb_indicators	 ind[TREND_QUARTERS];
	const struct wb_ind_row	*t;
	struct wb_chart_series	 series;
	struct wb_chart_ref	 lines[3];
	struct wb_chart		 c;
	struct wb_buf		 svg, table;
	const char		*labels[TREND_QUARTERS];
	double			 value[TREND_QUARTERS];
	unsigned char		 flag[TREND_QUARTERS];
	int			 i, n = TREND_QUARTERS, rc = 0;
	size_t			 k;

	/* eight quarters, or as many as there are since 2000K1 */
	if ((now->scope.year - 2000) * 4 + now->scope.quarter < n)
		n = (now->scope.year - 2000) * 4 + now->scope.quarter;
	rc = wb_indicators_trend(db, &req->actor, &now->scope, n,
	    &req->arena, ind, &req->err);
	if (rc != 0)
		return rc;
	for (i = 0; i < n; i++) {
		/* the quarter shown is the table's own total */
		t = i == n - 1 ? &now->total : &ind[i].total;
		labels[i] = wb_arena_printf(&req->arena, "%04dK%d",
		    ind[i].scope.year, ind[i].scope.quarter);
		value[i] = t->rate_shown ? t->rate : 0;
		flag[i] = t->rate_shown ? WB_CHART_OK :
		    (t->count_shown[WB_IND_CASELOAD] &&
		    t->count[WB_IND_CASELOAD] == 0) || ind[i].own ?
		    WB_CHART_MISSING : WB_CHART_SUPPRESSED;
	}
	for (k = 0; k < WB_NELEM(refs); k++) {
		lines[k] = refs[k];
		lines[k].label = wb_t(req, refs[k].label);
	}
	series = (struct wb_chart_series){ .label = wb_t(req, "Werkend "
	    "(regulier)"), .value = value, .flag = flag };
	c = (struct wb_chart){ .id = "werkend", .title = wb_t(req, "Werkend in "
	    "een reguliere baan per kwartaal"), .desc = wb_t(req, "Aandeel "
	    "van de cliënten in traject dat in het kwartaal regulier werkte, "
	    "met de IPS-normen 31, 41 en 50 procent."),
	    .x_title = wb_t(req, "Kwartaal"), .y_title = wb_t(req,
	    "Werkend (%)"), .unit = "%", .x_labels = labels,
	    .npoints = (size_t)n, .series = &series, .nseries = 1,
	    .decimals = 1, .lines = lines, .nlines = WB_NELEM(lines),
	    .tr = tr, .trctx = req };
	wb_buf_init(&svg, 256 * 1024);
	wb_buf_init(&table, 64 * 1024);
	rc = wb_chart_line(&svg, &c, &req->err);
	if (rc == 0)
		rc = wb_chart_table(&table, &c, &req->err);
	if (rc == 0 && (wb_buf_error(&svg) || wb_buf_error(&table)))
		rc = wb_err_set(&req->err, WB_ETOOBIG, "chart too big");
	if (rc == 0) {
		json_object_set_new(ctx, "chart", wb_html_json(
		    wb_buf_cstr(&svg)));
		json_object_set_new(ctx, "chart_table", wb_html_json(
		    wb_buf_cstr(&table)));
	}
	wb_buf_free(&svg);
	wb_buf_free(&table);
	return rc;
}

/* The participatieladder at the first and the latest measurement of the
 * clients counted in the total's ladder figure: a stacked bar each, and
 * the table.  A distribution with a hidden count is drawn as "<10". */
static int
ladder(struct wb_req *req, const struct wb_indicators *ind, json_t *ctx)
{
	const char	*groups[2], *cats[6];
	double		 value[12];
	unsigned char	 flag[2];
	int64_t		 n[2];
	struct wb_chart_stack c;
	struct wb_buf	 svg, table;
	int		 g, k, rc;

	groups[0] = wb_t(req, "Eerste meting");
	groups[1] = wb_t(req, "Laatste meting");
	for (k = 0; k < 6; k++)
		cats[k] = wb_t(req, wb_ladder_label(k + 1));
	for (g = 0; g < 2; g++) {
		const int64_t *d = g == 0 ? ind->ladder_first :
		    ind->ladder_last;
		int64_t sum = 0;

		for (k = 0; k < 6; k++)
			sum += d[k];
		n[g] = sum;
		flag[g] = !ind->ladder_shown[g] ? WB_CHART_SUPPRESSED :
		    sum == 0 ? WB_CHART_MISSING : WB_CHART_OK;
		for (k = 0; k < 6; k++)
			value[g * 6 + k] = flag[g] == WB_CHART_OK ?
			    100.0 * (double)d[k] / (double)sum : 0;
	}
	c = (struct wb_chart_stack){ .id = "ladder", .title = wb_t(req,
	    "Participatieladder bij de eerste en de laatste meting"),
	    .desc = wb_t(req, "Verdeling over de zes treden van de cliënten "
	    "in traject met twee of meer metingen, in procenten."),
	    .group_title = wb_t(req, "Meting"), .groups = groups,
	    .ngroups = 2, .cats = cats, .ncats = 6, .value = value,
	    .flag = flag, .n = n, .decimals = 0, .tr = tr, .trctx = req };
	wb_buf_init(&svg, 256 * 1024);
	wb_buf_init(&table, 64 * 1024);
	rc = wb_chart_stack(&svg, &c, &req->err);
	if (rc == 0)
		rc = wb_chart_stack_table(&table, &c, &req->err);
	if (rc == 0 && (wb_buf_error(&svg) || wb_buf_error(&table)))
		rc = wb_err_set(&req->err, WB_ETOOBIG, "chart too big");
	if (rc == 0) {
		json_object_set_new(ctx, "ladder_chart", wb_html_json(
		    wb_buf_cstr(&svg)));
		json_object_set_new(ctx, "ladder_table", wb_html_json(
		    wb_buf_cstr(&table)));
	}
	wb_buf_free(&svg);
	wb_buf_free(&table);
	return rc;
}

static json_t *
region_choices(struct wb_db *db, struct wb_req *req, const char *selected)
{
	struct wb_region	*rs;
	json_t			*arr = json_array();
	size_t			 n, i;

	if (wb_region_list(db, &req->arena, &rs, &n, &req->err) != 0)
		return arr;
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", rs[i].code, "label", rs[i].name, "selected",
		    selected != NULL && strcmp(selected, rs[i].code) == 0));
	return arr;
}

static json_t *
intervention_choices(struct wb_db *db, struct wb_req *req,
    const char *selected)
{
	struct wb_intervention	*iv;
	json_t			*arr = json_array();
	size_t			 n, i;

	if (wb_intervention_list(db, true, &req->arena, &iv, &n,
	    &req->err) != 0)
		return arr;
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}",
		    "value", iv[i].code, "label", iv[i].name, "selected",
		    selected != NULL && strcmp(selected, iv[i].code) == 0));
	return arr;
}

/* The figure of the row a target is about, as text and number; false
 * when it cannot be shown. */
static bool
target_figure(const struct wb_ind_row *r, const char *indicator,
    double *v)
{
	if (strcmp(indicator, "employment-rate") == 0) {
		*v = r->rate;
		return r->rate_shown;
	}
	if (strcmp(indicator, "ladder-rise") == 0) {
		*v = r->rose;
		return r->rose_shown;
	}
	if (strcmp(indicator, "caseload") == 0) {
		*v = (double)r->count[WB_IND_CASELOAD];
		return r->count_shown[WB_IND_CASELOAD];
	}
	if (strcmp(indicator, "job-starts") == 0) {
		*v = (double)r->count[WB_IND_STARTS];
		return r->count_shown[WB_IND_STARTS];
	}
	if (strcmp(indicator, "days-to-contact") == 0) {
		*v = r->stat[WB_IND_DAYS_CONTACT];
		return r->stat_shown[WB_IND_DAYS_CONTACT];
	}
	*v = r->stat[WB_IND_DAYS_JOB];
	return r->stat_shown[WB_IND_DAYS_JOB];
}

/* The scope's targets for the quarter's year, each with the quarter's
 * figure and whether it is met. */
static int
targets(struct wb_db *db, struct wb_req *req, const struct wb_indicators *ind,
    json_t *ctx)
{
	const struct wb_ind_scope *s = &ind->scope;
	const struct wb_ind_row	*r;
	struct wb_target	*ts;
	struct wb_scope		 scope = { .region_code = s->region_code,
	    .org_id = s->org_id };
	json_t			*arr = json_array(), *choices;
	const char		*status;
	double			 v;
	size_t			 n, i, k;
	int			 rc;

	rc = wb_target_list(db, s->region_code, s->org_id, s->year,
	    &req->arena, &ts, &n, &req->err);
	if (rc != 0) {
		json_decref(arr);
		return rc;
	}
	for (i = 0; i < n; i++) {
		r = &ind->total;
		if (ts[i].intervention != NULL) {
			r = NULL;
			for (k = 0; k < ind->nrows; k++)
				if (strcmp(ind->rows[k].intervention,
				    ts[i].intervention) == 0)
					r = &ind->rows[k];
			if (r == NULL)	/* filtered away */
				continue;
		} else if (s->intervention != NULL)
			continue;
		if (!target_figure(r, ts[i].indicator, &v))
			status = ind->own ? "Nog geen gegevens" :
			    "Niet te tonen (minder dan 10)";
		else if (wb_target_lower_is_better(ts[i].indicator) ?
		    v <= (double)ts[i].value : v >= (double)ts[i].value)
			status = "Gehaald";
		else
			status = "Nog niet gehaald";
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:s, "
		    "s:s, s:b}", "indicator", wb_t(req, wb_target_label(
		    ts[i].indicator)), "intervention", ts[i].intervention != NULL
		    ? r->name : wb_t(req, "Alle interventies"), "value",
		    (json_int_t)ts[i].value, "now", target_figure(r,
		    ts[i].indicator, &v) ? dec1(req, v) : "–", "status",
		    wb_t(req, status), "met", strcmp(status, "Gehaald") == 0));
	}
	json_object_set_new(ctx, "targets", arr);
	json_object_set_new(ctx, "has_targets", json_boolean(
	    json_array_size(arr) > 0));
	if (wb_access_check(&req->actor, WB_ACT_TARGET_SET, &scope) != 0)
		return 0;
	choices = json_array();
	for (k = 0; wb_target_indicators[k] != NULL; k++)
		json_array_append_new(choices, json_pack("{s:s, s:s}", "value",
		    wb_target_indicators[k], "label", wb_t(req,
		    wb_target_label(wb_target_indicators[k]))));
	json_object_set_new(ctx, "may_set_target", json_true());
	json_object_set_new(ctx, "target_indicators", choices);
	json_object_set_new(ctx, "year", json_integer(s->year));
	if (s->region_code != NULL)
		json_object_set_new(ctx, "scope_region", json_string(
		    s->region_code));
	return 0;
}

WB_HANDLER(wb_h_outcomes)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_ind_scope	 s = { 0 };
	struct wb_indicators	 ind;
	const char		*region = wb_req_str(req, "regio");
	const char		*org = wb_req_str(req, "organisatie");
	const char		*label = NULL;
	json_t			*ctx, *rows;
	size_t			 i;
	bool			 bad_quarter = false;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	ctx = wb_page(req, "Uitkomsten");
	s.intervention = wb_req_str(req, "interventie");
	if (quarter_of(req, "kwartaal", &s.year, &s.quarter) != 0) {
		wb_req_domain_error(req, &(struct wb_err){ .code = WB_EINVAL,
		    .field = "kwartaal", .msg = "Vul een kwartaal in als "
		    "jjjjKn, bijvoorbeeld 2026K3." });
		wb_quarter_of(wb_today(), &s.year, &s.quarter);
		bad_quarter = true;
	}
	json_object_set_new(ctx, "quarter", json_string(wb_arena_printf(
	    &req->arena, "%04dK%d", s.year, s.quarter)));
	json_object_set_new(ctx, "regions", region_choices(db, req, region));
	json_object_set_new(ctx, "interventions", intervention_choices(db, req,
	    s.intervention));
	json_object_set_new(ctx, "has_org", json_boolean(req->actor.org_id !=
	    0));
	json_object_set_new(ctx, "own_selected", json_boolean(region == NULL));
	rc = scope_of(db, req, region, org, &s, &label);
	if (rc == WB_ENOTFOUND) {
		json_decref(ctx);
		return rc;
	}
	if (bad_quarter) {	/* the error at its field, and no figures */
		wb_page_errors(req, ctx);
		return wb_render(app, req, resp, "outcomes.html", ctx);
	}
	if (rc == 0)
		rc = wb_indicators_get(db, &req->actor, &s, &req->arena, &ind,
		    &req->err);
	if (rc == WB_EINVAL) {
		wb_req_domain_error(req, &req->err);
		wb_page_errors(req, ctx);
		return wb_render(app, req, resp, "outcomes.html", ctx);
	}
	if (rc == 0)
		rc = trend(db, req, &ind, ctx);
	if (rc == 0 && s.intervention == NULL)	/* all interventions only */
		rc = ladder(req, &ind, ctx);
	if (rc == 0)
		rc = targets(db, req, &ind, ctx);
	if (rc != 0) {
		json_decref(ctx);
		return rc;
	}
	wb_page_errors(req, ctx);
	rows = json_array();
	for (i = 0; i < ind.nrows; i++)
		if (row_used(&ind.rows[i]))
			json_array_append_new(rows, row_json(req, &ind,
			    &ind.rows[i]));
	json_object_set_new(ctx, "shown", json_true());
	json_object_set_new(ctx, "scope_label", json_string(label));
	json_object_set_new(ctx, "own", json_boolean(ind.own));
	json_object_set_new(ctx, "rows", rows);
	json_object_set_new(ctx, "has_rows", json_boolean(
	    json_array_size(rows) > 0));
	json_object_set_new(ctx, "total", row_json(req, &ind, &ind.total));
	json_object_set_new(ctx, "threshold", json_integer(ind.threshold));
	json_object_set_new(ctx, "job_hours", json_string(dec1(req,
	    ind.job_minutes / 60.0)));
	json_object_set_new(ctx, "export_query", json_string(wb_arena_printf(
	    &req->arena, "%s%s%s%s&kwartaal=%04dK%d%s%s", region != NULL ?
	    "regio=" : "", region != NULL ? region : "", org != NULL ?
	    "organisatie=" : "", org != NULL ? org : "", s.year, s.quarter,
	    s.intervention != NULL ? "&interventie=" : "",
	    s.intervention != NULL ? s.intervention : "")));
	return wb_render(app, req, resp, "outcomes.html", ctx);
}

/* A target from the form on the page; on an error the page again, with
 * the error at its field. */
WB_HANDLER(wb_h_target_set)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_target	 in = { 0 };
	struct wb_org		 o;
	const char		*region = wb_req_str(req, "regio");
	const char		*org = wb_req_str(req, "organisatie");
	int64_t			 id;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_req_has_errors(req))
		return wb_h_outcomes(app, req, resp);
	in.region_code = region;
	if (region == NULL) {
		if (org != NULL)
			rc = wb_org_get_code(db, org, &req->arena, &o,
			    &req->err);
		else
			rc = wb_org_get(db, req->actor.org_id, &req->arena, &o,
			    &req->err);
		if (rc != 0)
			return rc;
		in.org_id = o.id;
	}
	in.intervention = wb_req_str(req, "interventie");
	in.indicator = wb_req_str(req, "indicator");
	in.year = (int)wb_req_int(req, "jaar", 0);
	in.value = wb_req_int(req, "waarde", -1);
	rc = wb_target_set(db, &req->actor, &in, &id, &req->err);
	if (rc == WB_EINVAL) {
		wb_req_domain_error(req, &req->err);
		return wb_h_outcomes(app, req, resp);
	}
	if (rc != 0)
		return rc;
	return wb_redirect(req, resp, wb_arena_printf(&req->arena,
	    "/uitkomsten?%s%s%s%s&kwartaal=%s", region != NULL ? "regio=" :
	    "", region != NULL ? region : "", org != NULL ? "organisatie=" :
	    "", org != NULL ? org : "", wb_req_str(req, "kwartaal") != NULL ?
	    wb_req_str(req, "kwartaal") : ""), "target_set");
}

/* -- download -- */

/* Read the whole file `path` into the response body. */
static int
slurp(const char *path, struct wb_resp *resp, struct wb_err *err)
{
	char	buf[8192];
	ssize_t	n;
	int	fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return wb_err_set(err, WB_EIO, "export: open");
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		wb_buf_append(&resp->body, buf, (size_t)n);
	close(fd);
	if (n < 0 || wb_buf_error(&resp->body))
		return wb_err_set(err, WB_EIO, "export: read");
	return 0;
}

/* The table of the page as a file (regio or organisatie, kwartaal,
 * interventie as on the page; formaat csv or xlsx).  What is in it is
 * exactly what the page shows the actor: the same wb_indicators_get(), so
 * the same monitoring consent and suppression ("<10"). */
WB_HANDLER(wb_h_outcomes_export)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_ind_scope	 s = { 0 };
	struct wb_table		 t;
	enum wb_export_format	 f;
	const char		*region = wb_req_str(req, "regio");
	const char		*org = wb_req_str(req, "organisatie");
	const char		*label, *what;
	char			 dir[] = "/tmp/werkbrug-export.XXXXXX";
	char			 path[64];
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if (wb_export_format_parse(wb_req_str(req, "formaat"), &f) != 0)
		return wb_err_field(&req->err, WB_EINVAL, "formaat", "Kies CSV "
		    "of XLSX.");
	if (wb_quarter_parse(wb_req_str(req, "kwartaal"), &s.year,
	    &s.quarter) != 0)
		return wb_err_field(&req->err, WB_EINVAL, "kwartaal", "Vul een "
		    "kwartaal in als jjjjKn, bijvoorbeeld 2026K3.");
	s.intervention = wb_req_str(req, "interventie");
	rc = scope_of(db, req, region, org, &s, &label);
	if (rc == 0)
		rc = wb_export_indicators(db, &req->actor, &s, &req->arena, &t,
		    &req->err);
	if (rc != 0)
		return rc;
	what = wb_arena_printf(&req->arena, "uitkomsten-%s-%04dK%d.%s",
	    region != NULL ? region : "organisatie", s.year, s.quarter,
	    f == WB_EXPORT_CSV ? "csv" : "xlsx");
	wb_buf_reset(&resp->body);
	if (f == WB_EXPORT_CSV) {
		wb_table_csv(&t, &resp->body);
		if (wb_buf_error(&resp->body))
			return wb_err_set(&req->err, WB_ETOOBIG, "export");
		resp->content_type = "text/csv; charset=utf-8";
	} else {
		/* libxlsxwriter writes a file: a private directory of our
		 * own, gone before the answer leaves */
		if (mkdtemp(dir) == NULL)
			return wb_err_set(&req->err, WB_EIO, "export: mkdtemp");
		snprintf(path, sizeof(path), "%s/x.xlsx", dir);
		rc = wb_table_xlsx(&t, path, &req->err);
		if (rc == 0)
			rc = slurp(path, resp, &req->err);
		(void)unlink(path);
		(void)rmdir(dir);
		if (rc != 0)
			return rc;
		resp->content_type = "application/vnd.openxmlformats-"
		    "officedocument.spreadsheetml.sheet";
	}
	resp->status = 200;
	wb_resp_header(resp, "Content-Disposition", wb_arena_printf(
	    &req->arena, "attachment; filename=\"%s\"", what));
	return 0;
}

/* -- the API -- */

static json_t *
api_count(const struct wb_ind_row *r, enum wb_ind_count k)
{
	return r->count_shown[k] ? json_integer((json_int_t)r->count[k]) :
	    json_null();
}

static json_t *
api_figure(bool shown, double v)
{
	return shown ? json_real(v) : json_null();
}

static json_t *
api_row(const struct wb_ind_row *r)
{
	json_t	*o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:o, s:o}",
	    "caseload", api_count(r, WB_IND_CASELOAD),
	    "working_competitive", api_count(r, WB_IND_WORKING),
	    "employment_rate", api_figure(r->rate_shown, r->rate),
	    "job_starts", api_count(r, WB_IND_STARTS),
	    "median_days_to_employer_contact", api_figure(
		r->stat_shown[WB_IND_DAYS_CONTACT], r->stat[
		WB_IND_DAYS_CONTACT]),
	    "median_days_to_first_job", api_figure(
		r->stat_shown[WB_IND_DAYS_JOB], r->stat[WB_IND_DAYS_JOB]),
	    "median_job_tenure_days", api_figure(
		r->stat_shown[WB_IND_TENURE], r->stat[WB_IND_TENURE]),
	    "ladder_rose_share", api_figure(r->rose_shown, r->rose),
	    "mean_change_phq9", api_figure(r->stat_shown[WB_IND_PHQ9],
		r->stat[WB_IND_PHQ9]),
	    "mean_change_k10", api_figure(r->stat_shown[WB_IND_K10],
		r->stat[WB_IND_K10]));

	if (r->intervention != NULL)
		json_object_set_new(o, "intervention", json_string(
		    r->intervention));
	return o;
}

WB_HANDLER(wb_h_api_indicators)
{
	struct wb_db		*db = wb_app_db(app, &req->err);
	struct wb_ind_scope	 s = { 0 };
	struct wb_indicators	 ind;
	const char		*region = wb_req_str(req, "region");
	const char		*org = wb_req_str(req, "organisation");
	const char		*label;
	json_t			*items;
	char			 quarter[8];
	size_t			 i;
	int			 rc;

	if (db == NULL)
		return WB_EDB;
	if ((region == NULL) == (org == NULL))
		return wb_json(resp, 400, json_pack("{s:s, s:s}", "error",
		    "Geef een regio (region) of een organisatie "
		    "(organisation), niet allebei.", "field", "region"));
	if (wb_quarter_parse(wb_req_str(req, "quarter"), &s.year,
	    &s.quarter) != 0)
		return wb_json(resp, 400, json_pack("{s:s, s:s}", "error",
		    "Geef het kwartaal als YYYYQn, bijvoorbeeld 2026Q3.",
		    "field", "quarter"));
	s.intervention = wb_req_str(req, "intervention");
	rc = scope_of(db, req, region, org, &s, &label);
	if (rc == WB_ENOTFOUND)
		return wb_json_error(resp, 404, "not found");
	if (rc == 0)
		rc = wb_indicators_get(db, &req->actor, &s, &req->arena, &ind,
		    &req->err);
	if (rc == WB_EINVAL)
		return wb_json(resp, 400, json_pack("{s:s, s:s}", "error",
		    req->err.msg, "field", req->err.field[0] != '\0' ?
		    req->err.field : "quarter"));
	if (rc == WB_EDENIED)
		return wb_json_error(resp, 403, "forbidden");
	if (rc != 0)
		return rc;
	items = json_array();
	for (i = 0; i < ind.nrows; i++)
		json_array_append_new(items, api_row(&ind.rows[i]));
	snprintf(quarter, sizeof(quarter), "%04dQ%d", s.year, s.quarter);
	return wb_json(resp, 200, json_pack("{s:s?, s:s?, s:s, s:b, s:i, "
	    "s:i, s:{s:i, s:i, s:i}, s:o, s:o}",
	    "region", s.region_code, "organisation", org, "quarter", quarter,
	    "suppression_applied", !ind.own, "suppression_threshold",
	    ind.threshold, "job_start_minutes_per_week", ind.job_minutes,
	    "benchmarks", "minimal", WB_IPS_RATE_MINIMAL, "average",
	    WB_IPS_RATE_AVERAGE, "excellent", WB_IPS_RATE_EXCELLENT,
	    "interventions", items, "total", api_row(&ind.total)));
}

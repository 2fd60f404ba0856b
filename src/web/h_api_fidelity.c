/* h_api_fidelity.c - IPS-25 fidelity reviews in the JSON API v1.
 *
 *	POST /api/v1/fidelity-reviews			add one: 201
 *	GET  /api/v1/fidelity-reviews?organisation=CODE	an organisation's
 *	GET  /api/v1/fidelity-reviews/{id}		one, with its scores
 *
 * fidelity.c decides and audits, as for the pages; a refusal answers 403
 * (reviews are not client data, and organisation codes are public).  The
 * body is decoded strictly (json_body.h): a body that is not one JSON
 * object answers 400, and so does any error about one field - a key
 * unknown, missing or of the wrong type, or a value the domain refuses -
 * as {"error": Dutch message, "field": key}, with "item": "S1" when the
 * field is one score (the same status as every other API route).  Keys are English, dates ISO, bands their stable names.
 */
#include "web/handlers.h"
#include "web/json_body.h"
#include "domain/fidelity.h"
#include "base/time.h"

#define REQ	WB_J_REQUIRED

static const struct wb_jfield j_review[] = {
	{ "organisation", WB_J_STRING, REQ, 0, 32, NULL },
	{ "programme", WB_J_STRING, REQ, 0, WB_FIDELITY_PROGRAMME_MAX, NULL },
	{ "intervention", WB_J_STRING, REQ, 0, 32, NULL },
	{ "date", WB_J_STRING, REQ, 0, 10, NULL },
	{ "scores", WB_J_INTS, REQ, 1, 5, NULL },
	{ "reviewers", WB_J_STRING, 0, 0, WB_FIDELITY_REVIEWERS_MAX, NULL },
	{ "action_points", WB_J_LINES, 0, 0, WB_FIDELITY_ACTIONS_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static int	 fail(struct wb_req *, struct wb_resp *, int, const char *,
		    const char *, const char *);
static json_t	*review_json(const struct wb_fidelity_review *);

/* {"error": msg, "request_id": id}, with "field" and "item" when given. */
static int
fail(struct wb_req *req, struct wb_resp *resp, int status, const char *msg,
    const char *field, const char *item)
{
	json_t	*v, *m;

	/* A message cut at the end of struct wb_err may end mid-character. */
	m = json_string(msg);
	if (m == NULL)
		m = json_string("bad request");
	v = json_pack("{s:o, s:s}", "error", m, "request_id",
	    req->request_id);
	if (field != NULL && field[0] != '\0')
		json_object_set_new(v, "field", json_string(field));
	if (item != NULL)
		json_object_set_new(v, "item", json_string(item));
	return wb_json(resp, status, v);
}

/* A review with stable keys; the free text is null when absent or not
 * shown (a monitor). */
static json_t *
review_json(const struct wb_fidelity_review *r)
{
	json_t	*v;
	char	 date[16];

	wb_date_iso(r->review_date, date, sizeof(date));
	v = json_pack("{s:I, s:{s:s, s:s}, s:s, s:s, s:s, s:I, s:s}",
	    "id", (json_int_t)r->id,
	    "organisation", "code", r->org_code, "name", r->org_name,
	    "programme", r->programme,
	    "intervention", r->intervention,
	    "date", date,
	    "total", (json_int_t)r->total,
	    "band", r->band);
	json_object_set_new(v, "reviewers", r->reviewers != NULL &&
	    r->reviewers[0] != '\0' ? json_string(r->reviewers) : json_null());
	json_object_set_new(v, "action_points", r->action_points != NULL &&
	    r->action_points[0] != '\0' ? json_string(r->action_points) :
	    json_null());
	return v;
}

WB_HANDLER(wb_h_api_fidelity_add)
{
	struct wb_fidelity_input	 in;
	struct wb_fidelity_review	 r;
	struct wb_jbody			 b;
	struct wb_err			 e;
	struct wb_db			*db = wb_app_db(app, &req->err);
	const char			*field, *item = NULL;
	const int64_t			*scores;
	int64_t				 id = 0;
	size_t				 i;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	if (!wb_json_content_type(req->content_type))
		return fail(req, resp, 415, "Stuur de gegevens als JSON, met "
		    "Content-Type: application/json.", NULL, NULL);
	wb_err_clear(&e);
	rc = wb_json_body_decode(&req->arena, req->body, req->body_len,
	    j_review, &b, &e);
	if (rc == WB_ETOOBIG)
		return fail(req, resp, 413, e.msg, NULL, NULL);
	if (rc != 0)
		return fail(req, resp, 400, e.msg,
		    e.field, NULL);
	memset(&in, 0, sizeof(in));
	in.org = wb_jbody_str(&b, "organisation");
	in.programme = wb_jbody_str(&b, "programme");
	in.intervention = wb_jbody_str(&b, "intervention");
	in.review_date = wb_jbody_str(&b, "date");
	in.reviewers = wb_jbody_str(&b, "reviewers");
	in.action_points = wb_jbody_str(&b, "action_points");
	in.nscores = wb_jbody_ints(&b, "scores", &scores);
	in.scores = scores;
	rc = wb_fidelity_add(db, &req->actor, &in, &id, &req->err);
	if (rc == WB_EINVAL) {
		/* The domain names the form's fields. */
		field = req->err.field;
		if (strcmp(field, "org") == 0)
			field = "organisation";
		else if (strcmp(field, "review_date") == 0)
			field = "date";
		for (i = 0; i < WB_FIDELITY_NITEMS; i++)
			if (strcmp(field, wb_fidelity_items[i].field) == 0) {
				item = wb_fidelity_items[i].id;
				field = "scores";
			}
		return fail(req, resp, 400, req->err.msg, field, item);
	}
	if (rc != 0)
		return rc;
	rc = wb_fidelity_get(db, &req->actor, id, &req->arena, &r, &req->err);
	if (rc != 0)
		return rc;
	wb_resp_header(resp, "Location", wb_arena_printf(&req->arena,
	    "/api/v1/fidelity-reviews/%lld", (long long)id));
	return wb_json(resp, 201, json_pack("{s:I, s:I, s:s}", "id",
	    (json_int_t)id, "total", (json_int_t)r.total, "band", r.band));
}

WB_HANDLER(wb_h_api_fidelity_list)
{
	struct wb_fidelity_review	*rs;
	struct wb_org			 o;
	struct wb_db			*db = wb_app_db(app, &req->err);
	json_t				*items;
	size_t				 n, i;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_org_get_code(db, wb_req_str(req, "organisation"),
	    &req->arena, &o, &req->err);
	if (rc == WB_ENOTFOUND)
		return fail(req, resp, 404, "unknown organisation", NULL,
		    NULL);
	if (rc == 0)
		rc = wb_fidelity_by_org(db, &req->actor, o.id, &req->arena,
		    &rs, &n, &req->err);
	if (rc != 0)
		return rc;
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, review_json(&rs[i]));
	return wb_json(resp, 200, json_pack("{s:{s:s, s:s}, s:o, s:I}",
	    "organisation", "code", o.code, "name", o.name, "items", items,
	    "total", (json_int_t)n));
}

WB_HANDLER(wb_h_api_fidelity_get)
{
	struct wb_fidelity_review	 r;
	struct wb_db			*db = wb_app_db(app, &req->err);
	json_t				*v, *scores, *items;
	size_t				 i;
	int				 rc;

	if (db == NULL)
		return WB_EDB;
	rc = wb_fidelity_get(db, &req->actor, wb_req_int(req, "id", 0),
	    &req->arena, &r, &req->err);
	if (rc != 0)
		return rc;
	v = review_json(&r);
	scores = json_array();
	items = json_array();
	for (i = 0; i < WB_FIDELITY_NITEMS; i++) {
		const struct wb_fidelity_item *it = &wb_fidelity_items[i];

		json_array_append_new(scores, json_integer(r.scores[i]));
		json_array_append_new(items, json_pack("{s:i, s:s, s:s, s:s, "
		    "s:i}", "number", it->number, "id", it->id, "section",
		    wb_fidelity_section_name(it->section), "name", it->name_en,
		    "score", r.scores[i]));
	}
	json_object_set_new(v, "scores", scores);
	json_object_set_new(v, "items", items);
	return wb_json(resp, 200, v);
}

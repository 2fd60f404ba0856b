/* api_reply.c - the answers the JSON API handlers share. */
#include "web/api_reply.h"
#include "base/time.h"

int
wb_api_fail(struct wb_req *req, struct wb_resp *resp, int status,
    const char *msg, const char *field)
{
	json_t	*v, *m;

	/* A message cut at the end of struct wb_err may end mid-character:
	 * then the plain status text is better than no answer. */
	m = json_string(msg);
	if (m == NULL)
		m = json_string(status == 409 ? "conflict" : "bad request");
	v = json_pack("{s:o, s:s}", "error", m, "request_id",
	    req->request_id);
	if (field != NULL && field[0] != '\0')
		json_object_set_new(v, "field", json_string(field));
	return wb_json(resp, status, v);
}

int
wb_api_domain(struct wb_req *req, struct wb_resp *resp, int rc,
    const struct wb_api_rename *renamed, size_t n)
{
	const char	*field = req->err.field;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (strcmp(field, renamed[i].domain) == 0)
			field = renamed[i].api;
	switch (rc) {
	case WB_EINVAL:
		return wb_api_fail(req, resp, 400, req->err.msg, field);
	case WB_ECONFLICT:
		return wb_api_fail(req, resp, 409, req->err.msg, field);
	case WB_EDENIED:
	case WB_ENOTFOUND:
		return WB_ENOTFOUND;
	default:
		return rc;
	}
}

bool
wb_api_read_body(struct wb_req *req, struct wb_resp *resp,
    const struct wb_jfield *decl, bool optional, struct wb_jbody *b)
{
	struct wb_err	e;
	int		rc;

	b->v = NULL;
	b->n = 0;
	if (optional && req->body_len == 0)
		return true;
	if (!wb_json_content_type(req->content_type)) {
		(void)wb_api_fail(req, resp, 415, "Stuur de gegevens als JSON, "
		    "met Content-Type: application/json.", NULL);
		return false;
	}
	wb_err_clear(&e);
	rc = wb_json_body_decode(&req->arena, req->body, req->body_len, decl,
	    b, &e);
	if (rc == 0)
		return true;
	(void)wb_api_fail(req, resp, rc == WB_ETOOBIG ? 413 : 400, e.msg,
	    e.field);
	return false;
}

void
wb_api_put_str(json_t *obj, const char *key, const char *s)
{
	json_t	*v = s != NULL && s[0] != '\0' ? json_string(s) : NULL;

	json_object_set_new(obj, key, v != NULL ? v : json_null());
}

void
wb_api_put_date(json_t *obj, const char *key, int64_t days)
{
	char	iso[16];

	if (days == INT64_MIN) {
		json_object_set_new(obj, key, json_null());
		return;
	}
	wb_date_iso(days, iso, sizeof(iso));
	json_object_set_new(obj, key, json_string(iso));
}

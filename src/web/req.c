/* req.c - request and response helpers. */
#include "web/req.h"
#include "base/limits.h"

void
wb_req_init(struct wb_req *req)
{
	memset(req, 0, sizeof(*req));
	wb_arena_init(&req->arena);
	req->lang = "nl";
}

void
wb_req_free(struct wb_req *req)
{
	if (req->errors != NULL)
		json_decref(req->errors);
	wb_arena_free(&req->arena);
}

void
wb_resp_init(struct wb_resp *resp)
{
	memset(resp, 0, sizeof(*resp));
	resp->status = 200;
	wb_buf_init(&resp->body, WB_MAX_PAGE);
	/* Most pages are 5-20 KB: start there instead of doubling up. */
	wb_buf_reserve(&resp->body, 16 * 1024);
}

void
wb_resp_free(struct wb_resp *resp)
{
	wb_buf_free(&resp->body);
}

void
wb_resp_header(struct wb_resp *resp, const char *name, const char *value)
{
	if (WB_NEVER(resp->nheaders == WB_NELEM(resp->headers)))
		return;
	resp->headers[resp->nheaders].name = name;
	resp->headers[resp->nheaders].value = value;
	resp->nheaders++;
}

const char *
wb_req_raw(const struct wb_req *req, const char *name)
{
	size_t	i;

	for (i = 0; i < req->nparams; i++)
		if (strcmp(req->params[i].name, name) == 0)
			return req->params[i].value;
	return NULL;
}

const char *
wb_req_str(const struct wb_req *req, const char *name)
{
	size_t	i;

	for (i = 0; i < req->nparams; i++)
		if (strcmp(req->params[i].name, name) == 0)
			return req->params[i].invalid ? NULL :
			    req->params[i].value;
	return NULL;
}

int64_t
wb_req_int(const struct wb_req *req, const char *name, int64_t dflt)
{
	size_t	i;

	for (i = 0; i < req->nparams; i++)
		if (strcmp(req->params[i].name, name) == 0)
			return req->params[i].invalid ? dflt :
			    req->params[i].num;
	return dflt;
}

size_t
wb_req_multi(const struct wb_req *req, const char *name, const char **out,
    size_t max)
{
	size_t	i, n = 0;

	for (i = 0; i < req->nparams && n < max; i++)
		if (strcmp(req->params[i].name, name) == 0 &&
		    !req->params[i].invalid)
			out[n++] = req->params[i].value;
	return n;
}

const char *
wb_req_cookie(struct wb_req *req, const char *name)
{
	const char	*p = req->cookie;
	size_t		 nlen = strlen(name);

	if (p == NULL)
		return NULL;
	while (*p != '\0') {
		const char *end;

		while (*p == ' ' || *p == ';')
			p++;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) > nlen && strncmp(p, name, nlen) == 0 &&
		    p[nlen] == '=')
			return wb_arena_strndup(&req->arena, p + nlen + 1,
			    (size_t)(end - p) - nlen - 1);
		p = end;
	}
	return NULL;
}

void
wb_req_field_error(struct wb_req *req, const char *field, const char *message)
{
	if (req->errors == NULL)
		req->errors = json_array();
	json_array_append_new(req->errors, json_pack("{s:s, s:s}", "field",
	    field, "message", message));
}

bool
wb_req_has_errors(const struct wb_req *req)
{
	return req->errors != NULL && json_array_size(req->errors) > 0;
}

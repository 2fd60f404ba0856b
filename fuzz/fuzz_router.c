/* fuzz_router.c - libFuzzer target for the router's parameter parsing.
 *
 * The first input byte picks how the rest reaches wb_router_params():
 * (its value modulo 4; the seeds use the digits):
 *	'0'	GET, the rest is the raw query string
 *	'1'	POST, the rest is a urlencoded form body
 *	'2'	POST to a WB_R_FORM route (field errors instead of
 *		refusals), with the "csrf" field skipped as the app does
 *	'3'	POST as multipart/form-data with boundary "B" to the
 *		form route
 * against a fixed route table with one parameter of each WB_P_* type.
 * When the router accepts, everything it hands to a handler is checked
 * against the parameter's declaration independently of router.c.
 */
#include "base/common.h"
#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"
#include "web/req.h"
#include "web/router.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const colours[] = { "rood", "groen", "blauw", NULL };

#define PARAMS \
	{ "text", WB_P_TEXT, 0, 0, 20, NULL, "Tekst" }, \
	{ "lines", WB_P_LINES, 0, 0, 40, NULL, NULL }, \
	{ "int", WB_P_INT, 0, -50, 1000, NULL, NULL }, \
	{ "enum", WB_P_ENUM, 0, 0, 0, colours, NULL }, \
	{ "date", WB_P_DATE, 0, 0, 0, NULL, NULL }, \
	{ "email", WB_P_EMAIL, 0, 0, 0, NULL, NULL }, \
	{ "region", WB_P_REGION, 0, 0, 0, NULL, NULL }, \
	{ "gm", WB_P_MUNICIPALITY, 0, 0, 0, NULL, NULL }, \
	{ "code", WB_P_CODE, 0, 0, 16, NULL, NULL }, \
	{ "secret", WB_P_SECRET, 0, 0, 32, NULL, NULL }, \
	{ "path", WB_P_PATH, 0, 0, 0, NULL, NULL }, \
	{ "check", WB_P_CHECKBOX, 0, 0, 0, NULL, NULL }, \
	{ "multi", WB_P_INT, WB_P_MULTI, 1, 99, NULL, NULL }, \
	{ "tags", WB_P_ENUM, WB_P_MULTI, 0, 0, colours, NULL }

static const struct wb_param p_all[] = {
	PARAMS,
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};
static const struct wb_param p_form[] = {
	PARAMS,
	{ "req", WB_P_TEXT, WB_P_REQUIRED, 0, 10, NULL, "Verplicht" },
	{ NULL, 0, 0, 0, 0, NULL, NULL },
};

static int
h(struct wb_app *app, struct wb_req *req, struct wb_resp *resp)
{
	(void)app;
	(void)req;
	(void)resp;
	return 0;
}

static const struct wb_route routes[] = {
	{ WB_GET, "/r", h, 0, p_all },
	{ WB_POST, "/r", h, 0, p_all },
	{ WB_POST, "/f", h, WB_R_FORM, p_form },
	{ 0, NULL, NULL, 0, NULL },
};

static const struct wb_param *
find_param(const struct wb_route *r, const char *name)
{
	const struct wb_param *p;

	for (p = r->params; p->name != NULL; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

static bool
only(const char *s, const char *allowed)
{
	for (; *s != '\0'; s++)
		if (strchr(allowed, *s) == NULL)
			return false;
	return true;
}

static bool
printable_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

static bool
in_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* Is `v` (with number `num`) a value of `p` as its declaration says? */
static bool
valid(const struct wb_param *p, const char *v, int64_t num)
{
	size_t	n = strlen(v);
	int64_t	x;

	if (n == 0)
		return false;	/* empty means absent: never handed out */
	switch (p->type) {
	case WB_P_TEXT:
	case WB_P_LINES:
		return wb_utf8_valid(v, n, p->type == WB_P_LINES) &&
		    (p->max == 0 || wb_utf8_len(v, n) <= (size_t)p->max);
	case WB_P_SECRET:
		return wb_utf8_valid(v, n, false) && n <= (size_t)p->max;
	case WB_P_INT:
		return wb_parse_int64(v, n, p->min, p->max, &x) == 0 &&
		    x == num;
	case WB_P_ENUM:
		return in_list(p->values, v);
	case WB_P_DATE:
		return wb_date_parse(v, n, &x) == 0 && x == num &&
		    num >= wb_days_from_civil(1900, 1, 1) &&
		    num <= wb_days_from_civil(2200, 12, 31);
	case WB_P_EMAIL:
		return wb_email_valid(v, n) && strchr(v, '@') != NULL;
	case WB_P_REGION:
		return n == 4 && strncmp(v, "AM", 2) == 0 &&
		    only(v + 2, "0123456789");
	case WB_P_MUNICIPALITY:
		return n == 6 && strncmp(v, "GM", 2) == 0 &&
		    only(v + 2, "0123456789");
	case WB_P_CODE:
		return n <= (size_t)p->max &&
		    only(v, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
	case WB_P_PATH:
		/* local: one leading '/', and nothing a browser would drop
		 * or read as a slash (TAB, CR, LF, '\\') */
		return v[0] == '/' && v[1] != '/' && n <= 512 &&
		    printable_ascii(v) && strchr(v, '\\') == NULL;
	case WB_P_CHECKBOX:
		return strcmp(v, "1") == 0 && num == 1;
	}
	return false;
}

/* What the router accepted must be exactly what was declared. */
static void
check(const struct wb_req *req, bool form)
{
	const struct wb_route	*r = req->route;
	const struct wb_param	*p;
	size_t			 i, j;

	if (req->nparams > WB_MAX_FIELDS)
		abort();
	if (!form && wb_req_has_errors(req))
		abort();
	for (i = 0; i < req->nparams; i++) {
		const struct wb_param_value *pv = &req->params[i];

		p = find_param(r, pv->name);
		if (p == NULL || pv->value == NULL)
			abort();		/* undeclared got through */
		if (pv->invalid) {
			if (!form)
				abort();	/* only forms keep bad input */
			continue;
		}
		if (!valid(p, pv->value, pv->num))
			abort();
		if (!(p->flags & WB_P_MULTI))
			for (j = 0; j < i; j++)
				if (strcmp(req->params[j].name, pv->name) == 0)
					abort();	/* repeated */
	}
	for (p = r->params; p->name != NULL; p++) {
		const char *v = wb_req_str(req, p->name);

		if (v != NULL && !valid(p, v, wb_req_int(req, p->name, 0)))
			abort();
		if ((p->flags & WB_P_REQUIRED) && v == NULL && !form)
			abort();
		if ((p->flags & WB_P_REQUIRED) && v == NULL &&
		    !wb_req_has_errors(req))
			abort();	/* a missing field, unreported */
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wb_req	 req;
	struct wb_err	 err;
	char		*copy;
	int		 mode, rc;

	if (size < 1 || size > 2 * WB_MAX_BODY)
		return 0;
	mode = data[0] & 3;
	data++;
	size--;

	/* an exact-size copy, so reading past the end is caught; the query
	 * string is NUL-terminated as the HTTP layer hands it over */
	copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	copy[size] = '\0';

	wb_req_init(&req);
	wb_err_clear(&err);
	switch (mode) {
	case 0:
		req.method = WB_GET;
		req.path = "/r";
		req.query = copy;
		break;
	case 1:
		req.method = WB_POST;
		req.path = "/r";
		break;
	default:
		req.method = WB_POST;
		req.path = "/f";
		if (mode == 3)
			req.content_type = "multipart/form-data; boundary=B";
		else
			req.content_type = "application/x-www-form-urlencoded";
		break;
	}
	if (mode != 0) {
		req.body = copy;
		req.body_len = size;
	}
	if (wb_router_match(routes, &req) != 0)
		abort();
	rc = wb_router_params(&req, mode >= 2 ? "csrf" : NULL, &err);
	if (rc == 0)
		check(&req, mode >= 2);
	else if (rc != WB_EINVAL && rc != WB_ETOOBIG)
		abort();
	else if (err.msg[0] == '\0')
		abort();
	wb_req_free(&req);
	free(copy);
	return 0;
}

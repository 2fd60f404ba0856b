/* router.c - route matching and parameter validation. */
#include "web/router.h"
#include "web/i18n.h"
#include "web/multipart.h"
#include "base/err.h"
#include "base/limits.h"
#include "base/str.h"
#include "base/time.h"

/* Match `pattern` against `path`; {x} matches one non-empty segment. */
static bool
match(const char *pattern, const char *path, const char **args,
    size_t maxargs, struct wb_arena *a)
{
	size_t	nargs = 0;

	while (*pattern != '\0' && *path != '\0') {
		if (*pattern == '{') {
			const char *end = strchr(path, '/');
			size_t n = end ? (size_t)(end - path) : strlen(path);

			if (n == 0 || nargs == maxargs)
				return false;
			args[nargs++] = wb_arena_strndup(a, path, n);
			path += n;
			pattern = strchr(pattern, '}');
			if (pattern == NULL)
				return false;
			pattern++;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

int
wb_router_match(const struct wb_route *routes, struct wb_req *req)
{
	const struct wb_route	*r;
	bool			 other_method = false;
	enum wb_method		 m = req->method == WB_HEAD ? WB_GET :
	    req->method;

	for (r = routes; r->pattern != NULL; r++) {
		const char *args[4] = { NULL, NULL, NULL, NULL };

		if (!match(r->pattern, req->path, args, 4, &req->arena))
			continue;
		if (r->method != m) {
			other_method = true;
			continue;
		}
		req->route = r;
		memcpy(req->path_args, args, sizeof(args));
		return 0;
	}
	return other_method ? WB_EDENIED : WB_ENOTFOUND;
}

static const struct wb_param *
declared(const struct wb_route *r, const char *name)
{
	const struct wb_param *p;

	for (p = r->params; p != NULL && p->name != NULL; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

static bool
all_chars(const char *s, const char *allowed)
{
	for (; *s != '\0'; s++)
		if (strchr(allowed, *s) == NULL)
			return false;
	return true;
}

static bool
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Validate one value; on success fill *num.  The message is Dutch. */
static const char *
check(const struct wb_param *p, const char *v, size_t n, int64_t *num)
{
	const char *const *e;
	size_t		  i;

	*num = 0;
	/* A multipart part can carry a NUL that would cut the C string. */
	if (memchr(v, '\0', n) != NULL)
		return "bevat tekens die niet zijn toegestaan";
	switch (p->type) {
	case WB_P_TEXT:
	case WB_P_LINES:
		if (!wb_utf8_valid(v, n, p->type == WB_P_LINES))
			return "bevat tekens die niet zijn toegestaan";
		if (p->max > 0 && wb_utf8_len(v, n) > (size_t)p->max)
			return "is te lang";
		return NULL;
	case WB_P_SECRET:
		if (!wb_utf8_valid(v, n, false))
			return "bevat tekens die niet zijn toegestaan";
		if (p->max > 0 && n > (size_t)p->max)
			return "is te lang";
		return NULL;
	case WB_P_INT:
		if (wb_parse_int64(v, n, p->min, p->max, num) != 0)
			return "is geen geldig getal";
		return NULL;
	case WB_P_ENUM:
		for (e = p->values; e != NULL && *e != NULL; e++)
			if (strcmp(*e, v) == 0)
				return NULL;
		return "is geen geldige keuze";
	case WB_P_DATE:
		if (wb_date_parse(v, n, num) != 0)
			return "is geen geldige datum (dd-mm-jjjj)";
		return NULL;
	case WB_P_EMAIL:
		if (!wb_email_valid(v, n))
			return "is geen geldig e-mailadres";
		return NULL;
	case WB_P_REGION:
		if (n != 4 || v[0] != 'A' || v[1] != 'M' || !digits(v + 2, 2))
			return "is geen geldige regiocode (AMnn)";
		return NULL;
	case WB_P_MUNICIPALITY:
		if (n != 6 || v[0] != 'G' || v[1] != 'M' || !digits(v + 2, 4))
			return "is geen geldige gemeentecode (GMnnnn)";
		return NULL;
	case WB_P_CODE:
		if (n == 0 || (p->max > 0 && n > (size_t)p->max) ||
		    !all_chars(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
		    "qrstuvwxyz0123456789_-"))
			return "is geen geldige code (letters, cijfers, - en _)";
		return NULL;
	case WB_P_PATH:
		/* A local path for a redirect: browsers drop TAB, CR and LF
		 * and read '\\' as '/', so "/\t/x" or "/\\x" would leave the
		 * site.  Printable ASCII only, one leading '/'. */
		if (n == 0 || n > 512 || v[0] != '/' || (n > 1 &&
		    (v[1] == '/' || v[1] == '\\')))
			return "is geen geldig pad";
		for (i = 0; i < n; i++)
			if ((unsigned char)v[i] <= ' ' ||
			    (unsigned char)v[i] >= 0x7f || v[i] == '\\')
				return "is geen geldig pad";
		return NULL;
	case WB_P_CHECKBOX:
		if (strcmp(v, "1") != 0)
			return "is geen geldige keuze";
		*num = 1;
		return NULL;
	}
	return "is ongeldig";
}

/* "Label message." in the request's language, next to the field. */
static void
field_error(struct wb_req *req, const struct wb_param *p, const char *msg)
{
	const struct wb_locale	*loc = wb_i18n_get(req->lang);

	wb_req_field_error(req, p->name, wb_arena_printf(&req->arena,
	    "%s %s.", wb_tr(loc, p->label ? p->label : p->name),
	    wb_tr(loc, msg)));
}

/* Add one raw (name, value) pair after validation. */
static int
add_value(struct wb_req *req, const struct wb_param *p, const char *name,
    const char *v, size_t n, size_t *cap, struct wb_err *err)
{
	const char	*msg;
	int64_t		 num;
	size_t		 i;

	if (p == NULL)
		return wb_err_set(err, WB_EINVAL,
		    "onbekende parameter in het verzoek");
	if (!(p->flags & WB_P_MULTI))
		for (i = 0; i < req->nparams; i++)
			if (strcmp(req->params[i].name, name) == 0)
				return wb_err_set(err, WB_EINVAL,
				    "parameter %s komt twee keer voor",
				    p->name);
	if (n == 0)
		return 0;	/* an empty field is the same as an absent one */
	msg = check(p, v, n, &num);
	if (msg != NULL) {
		if (!(req->route->flags & WB_R_FORM))
			return wb_err_set(err, WB_EINVAL, "parameter %s %s",
			    p->name, msg);
		field_error(req, p, msg);
	}
	if (req->nparams == *cap) {
		struct wb_param_value *nv;

		*cap = *cap ? *cap * 2 : 16;
		nv = wb_arena_array(&req->arena, *cap, sizeof(*nv));
		if (req->nparams > 0)
			memcpy(nv, req->params, req->nparams * sizeof(*nv));
		req->params = nv;
	}
	req->params[req->nparams].name = p->name;
	req->params[req->nparams].value = v;
	req->params[req->nparams].num = num;
	req->params[req->nparams].invalid = msg != NULL;
	req->nparams++;
	return 0;
}

/* The names of {x} segments in a pattern, in order. */
static size_t
pattern_names(const char *pattern, struct wb_arena *a, const char **names,
    size_t max)
{
	size_t n = 0;

	while ((pattern = strchr(pattern, '{')) != NULL && n < max) {
		const char *end = strchr(pattern, '}');

		if (end == NULL)
			break;
		names[n++] = wb_arena_strndup(a, pattern + 1,
		    (size_t)(end - pattern - 1));
		pattern = end + 1;
	}
	return n;
}

int
wb_router_params(struct wb_req *req, const char *skip, struct wb_err *err)
{
	const struct wb_route	*r = req->route;
	const struct wb_param	*p;
	struct wb_fields	 f = { NULL, 0 };
	const char		*names[4];
	size_t			 i, n, cap = 0;
	int			 rc;

	n = pattern_names(r->pattern, &req->arena, names, 4);
	for (i = 0; i < n; i++) {
		const char *v = req->path_args[i];

		rc = add_value(req, declared(r, names[i]), names[i], v,
		    strlen(v), &cap, err);
		if (rc != 0)
			return rc;
		if (wb_req_has_errors(req))
			return wb_err_set(err, WB_ENOTFOUND, "bad path");
	}
	if (req->query != NULL) {
		rc = wb_form_decode(&req->arena, req->query,
		    strlen(req->query), &f, err);
		if (rc != 0)
			return rc;
		if (req->method == WB_POST && f.n > 0)
			return wb_err_set(err, WB_EINVAL,
			    "een formulier hoort geen parameters in het adres");
		for (i = 0; i < f.n; i++) {
			rc = add_value(req, declared(r, f.v[i].name),
			    f.v[i].name, f.v[i].value, f.v[i].value_len,
			    &cap, err);
			if (rc != 0)
				return rc;
		}
	}
	if (req->method == WB_POST && !(r->flags & WB_R_API)) {
		/* An upload form gives the same fields as a urlencoded one;
		 * the rules below apply to both. */
		if (req->content_type != NULL && wb_str_prefix(
		    req->content_type, "multipart/form-data"))
			rc = wb_multipart_decode(&req->arena,
			    req->content_type, req->body, req->body_len, &f,
			    err);
		else
			rc = wb_form_decode(&req->arena, req->body ?
			    req->body : "", req->body_len, &f, err);
		if (rc != 0)
			return rc;
		for (i = 0; i < f.n; i++) {
			if (skip != NULL && strcmp(f.v[i].name, skip) == 0) {
				req->csrf_sent = f.v[i].value;
				continue;
			}
			rc = add_value(req, declared(r, f.v[i].name),
			    f.v[i].name, f.v[i].value, f.v[i].value_len,
			    &cap, err);
			if (rc != 0)
				return rc;
		}
	}
	for (p = r->params; p != NULL && p->name != NULL; p++) {
		bool	have = wb_req_str(req, p->name) != NULL;
		bool	errored = false;

		if (req->errors != NULL) {
			size_t		 k;
			json_t		*e;

			json_array_foreach(req->errors, k, e)
				if (strcmp(json_string_value(json_object_get(
				    e, "field")), p->name) == 0)
					errored = true;
		}
		if (!(p->flags & WB_P_REQUIRED) || have || errored)
			continue;
		if (r->flags & WB_R_FORM)
			field_error(req, p, "is verplicht");
		else
			return wb_err_set(err, WB_EINVAL,
			    "parameter %s ontbreekt", p->name);
	}
	return 0;
}

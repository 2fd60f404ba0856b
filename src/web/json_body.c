/* json_body.c - the strict decoder for JSON request bodies. */
#include "web/json_body.h"
#include "base/buf.h"
#include "base/limits.h"
#include "base/str.h"

#include <jansson.h>
#include <strings.h>

#define SAFE_KEY_MAX	40	/* an unknown key longer is not echoed */

static const struct wb_jfield *declared(const struct wb_jfield *,
		    const char *, size_t);
static bool	 safe_key(const char *, size_t);
static bool	 one_of(const char *const *, const char *);
static int	 choice_error(const struct wb_jfield *, struct wb_err *);
static int	 text_value(struct wb_arena *, const struct wb_jfield *,
		    json_t *, struct wb_jvalue *, bool *, struct wb_err *);
static int	 int_value(const struct wb_jfield *, json_t *,
		    struct wb_jvalue *, struct wb_err *);
static int	 strings_value(struct wb_arena *, const struct wb_jfield *,
		    json_t *, struct wb_jvalue *, bool *, struct wb_err *);
static int	 ints_value(struct wb_arena *, const struct wb_jfield *,
		    json_t *, struct wb_jvalue *, bool *, struct wb_err *);
static const char *hundredths(char *, size_t, int64_t);
static int	 decimal_value(const struct wb_jfield *, json_t *,
		    struct wb_jvalue *, struct wb_err *);

/* The declaration of key k[0..n), or NULL. */
static const struct wb_jfield *
declared(const struct wb_jfield *decl, const char *k, size_t n)
{
	const struct wb_jfield	*f;

	for (f = decl; f->name != NULL; f++)
		if (strlen(f->name) == n && memcmp(f->name, k, n) == 0)
			return f;
	return NULL;
}

/* A key we may repeat in a message and a "field": short, [A-Za-z0-9_-]. */
static bool
safe_key(const char *k, size_t n)
{
	size_t	i;

	if (n == 0 || n > SAFE_KEY_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') ||
		    (k[i] >= 'A' && k[i] <= 'Z') ||
		    (k[i] >= '0' && k[i] <= '9') || k[i] == '_' || k[i] == '-'))
			return false;
	return true;
}

static bool
one_of(const char *const *values, const char *s)
{
	for (; *values != NULL; values++)
		if (strcmp(*values, s) == 0)
			return true;
	return false;
}

/* "Het veld x heeft geen geldige waarde (kies uit: a, b)." */
static int
choice_error(const struct wb_jfield *f, struct wb_err *err)
{
	const char *const	*v;
	struct wb_buf		 b;
	int			 rc;

	wb_buf_init(&b, 256);
	for (v = f->values; *v != NULL; v++)
		wb_buf_printf(&b, "%s%s", v == f->values ? "" : ", ", *v);
	rc = wb_err_field(err, WB_EINVAL, f->name, "Het veld %s heeft geen "
	    "geldige waarde (kies uit: %s).", f->name, wb_buf_error(&b) ?
	    "..." : wb_buf_cstr(&b));
	wb_buf_free(&b);
	return rc;
}

/* A string value; *present is false for "" (the same as absent). */
static int
text_value(struct wb_arena *a, const struct wb_jfield *f, json_t *j,
    struct wb_jvalue *v, bool *present, struct wb_err *err)
{
	const char	*s;
	size_t		 n;

	*present = false;
	if (!json_is_string(j))
		return wb_err_field(err, WB_EINVAL, f->name,
		    "Het veld %s moet tekst zijn.", f->name);
	s = json_string_value(j);
	n = json_string_length(j);
	if (n == 0)
		return 0;
	if (memchr(s, '\0', n) != NULL ||
	    !wb_utf8_valid(s, n, f->type == WB_J_LINES))
		return wb_err_field(err, WB_EINVAL, f->name, "Het veld %s "
		    "bevat tekens die niet zijn toegestaan.", f->name);
	if (f->max > 0 && wb_utf8_len(s, n) > (size_t)f->max)
		return wb_err_field(err, WB_EINVAL, f->name, "Het veld %s is "
		    "te lang (hoogstens %lld tekens).", f->name,
		    (long long)f->max);
	if (f->values != NULL && !one_of(f->values, s))
		return choice_error(f, err);
	v->str = wb_arena_strndup(a, s, n);
	*present = true;
	return 0;
}

static int
int_value(const struct wb_jfield *f, json_t *j, struct wb_jvalue *v,
    struct wb_err *err)
{
	json_int_t	i;

	if (!json_is_integer(j))
		return wb_err_field(err, WB_EINVAL, f->name,
		    "Het veld %s moet een geheel getal zijn.", f->name);
	i = json_integer_value(j);
	if (i < f->min || i > f->max)
		return wb_err_field(err, WB_EINVAL, f->name, "Het veld %s moet "
		    "tussen %lld en %lld liggen.", f->name, (long long)f->min,
		    (long long)f->max);
	v->num = i;
	return 0;
}

/* An array of distinct choices; *present is false for []. */
static int
strings_value(struct wb_arena *a, const struct wb_jfield *f, json_t *j,
    struct wb_jvalue *v, bool *present, struct wb_err *err)
{
	json_t	*e;
	size_t	 i, k, n;

	*present = false;
	if (!json_is_array(j))
		return wb_err_field(err, WB_EINVAL, f->name, "Het veld %s moet "
		    "een lijst met tekst zijn.", f->name);
	n = json_array_size(j);
	if (n == 0)
		return 0;
	if (f->max > 0 && n > (size_t)f->max)
		return wb_err_field(err, WB_EINVAL, f->name, "Het veld %s "
		    "heeft te veel waarden (hoogstens %lld).", f->name,
		    (long long)f->max);
	v->strs = wb_arena_array(a, n, sizeof(*v->strs));
	json_array_foreach(j, i, e) {
		if (!json_is_string(e))
			return wb_err_field(err, WB_EINVAL, f->name, "Het veld "
			    "%s moet een lijst met tekst zijn.", f->name);
		/* A choice has no NUL: strcmp against the list is exact. */
		if (memchr(json_string_value(e), '\0',
		    json_string_length(e)) != NULL ||
		    !one_of(f->values, json_string_value(e)))
			return choice_error(f, err);
		for (k = 0; k < i; k++)
			if (strcmp(v->strs[k], json_string_value(e)) == 0)
				return wb_err_field(err, WB_EINVAL, f->name,
				    "Het veld %s noemt %s twee keer.", f->name,
				    v->strs[k]);
		v->strs[i] = wb_arena_strdup(a, json_string_value(e));
	}
	v->nstrs = n;
	*present = true;
	return 0;
}

/* An array of integers in [min, max]; *present is false for []. */
static int
ints_value(struct wb_arena *a, const struct wb_jfield *f, json_t *j,
    struct wb_jvalue *v, bool *present, struct wb_err *err)
{
	json_t		*e;
	json_int_t	 x;
	size_t		 i, n;

	*present = false;
	if (!json_is_array(j))
		return wb_err_field(err, WB_EINVAL, f->name, "Het veld %s moet "
		    "een lijst met gehele getallen zijn.", f->name);
	n = json_array_size(j);
	if (n == 0)
		return 0;
	if (n > WB_J_MAX_INTS)
		return wb_err_field(err, WB_EINVAL, f->name, "Het veld %s "
		    "heeft te veel waarden (hoogstens %d).", f->name,
		    WB_J_MAX_INTS);
	v->nums = wb_arena_array(a, n, sizeof(*v->nums));
	json_array_foreach(j, i, e) {
		if (!json_is_integer(e))
			return wb_err_field(err, WB_EINVAL, f->name, "Het veld "
			    "%s moet een lijst met gehele getallen zijn.",
			    f->name);
		x = json_integer_value(e);
		if (x < f->min || x > f->max)
			return wb_err_field(err, WB_EINVAL, f->name, "Waarde "
			    "%zu van het veld %s moet tussen %lld en %lld "
			    "liggen.", i + 1, f->name, (long long)f->min,
			    (long long)f->max);
		v->nums[i] = x;
	}
	v->nnums = n;
	*present = true;
	return 0;
}

/* "16" or "16.5" or "-0.25": hundredths as a decimal, for messages. */
static const char *
hundredths(char *buf, size_t n, int64_t h)
{
	uint64_t	u = h < 0 ? (uint64_t)0 - (uint64_t)h : (uint64_t)h;

	if (u % 100 == 0)
		snprintf(buf, n, "%s%llu", h < 0 ? "-" : "",
		    (unsigned long long)(u / 100));
	else
		snprintf(buf, n, "%s%llu.%02llu", h < 0 ? "-" : "",
		    (unsigned long long)(u / 100),
		    (unsigned long long)(u % 100));
	return buf;
}

/* A number with at most two decimals, as hundredths in [min, max].  A
 * real is read back from its double: 16.5 and 16.25 are exact, 16.3 is
 * within rounding of 1630; 16.333 is not within it of any hundredth. */
static int
decimal_value(const struct wb_jfield *f, json_t *j, struct wb_jvalue *v,
    struct wb_err *err)
{
	char		lo[32], hi[32];
	double		d, r;
	int64_t		h;

	if (json_is_integer(j)) {
		json_int_t i = json_integer_value(j);

		if (i > INT64_MAX / 100 || i < INT64_MIN / 100)
			goto range;
		h = (int64_t)i * 100;
	} else if (json_is_real(j)) {
		d = json_real_value(j) * 100.0;
		/* Far outside any range: no conversion to int64 at all. */
		if (!(d > -9.0e15 && d < 9.0e15))
			goto range;
		r = d < 0 ? -(double)(int64_t)(-d + 0.5) :
		    (double)(int64_t)(d + 0.5);
		if (d - r > 1e-6 || r - d > 1e-6)
			return wb_err_field(err, WB_EINVAL, f->name, "Het veld "
			    "%s mag hoogstens twee decimalen hebben.",
			    f->name);
		h = (int64_t)r;
	} else
		return wb_err_field(err, WB_EINVAL, f->name,
		    "Het veld %s moet een getal zijn.", f->name);
	if (h >= f->min && h <= f->max) {
		v->num = h;
		return 0;
	}
range:
	return wb_err_field(err, WB_EINVAL, f->name, "Het veld %s moet tussen "
	    "%s en %s liggen.", f->name, hundredths(lo, sizeof(lo), f->min),
	    hundredths(hi, sizeof(hi), f->max));
}

int
wb_json_body_decode(struct wb_arena *a, const char *s, size_t n,
    const struct wb_jfield *decl, struct wb_jbody *out, struct wb_err *err)
{
	const struct wb_jfield	*f, *missing = NULL;
	json_error_t		 e;
	json_t			*root = NULL, *j;
	const char		*key;
	size_t			 klen, nd = 0;
	int			 rc = 0;

	out->v = NULL;
	out->n = 0;
	if (n > WB_MAX_BODY)
		return wb_err_set(err, WB_ETOOBIG, "Het verzoek is te groot "
		    "(hoogstens %d KiB).", WB_MAX_BODY / 1024);
	if (n == 0 || s == NULL)
		return wb_err_set(err, WB_EINVAL, "Het verzoek heeft geen "
		    "inhoud; stuur een JSON-object.");
	root = json_loadb(s, n, JSON_REJECT_DUPLICATES, &e);
	if (root == NULL) {
		if (json_error_code(&e) == json_error_duplicate_key)
			return wb_err_set(err, WB_EINVAL, "Een veld komt twee "
			    "keer voor in het verzoek (regel %d).", e.line);
		return wb_err_set(err, WB_EINVAL, "Het verzoek is geen "
		    "geldige JSON (regel %d, teken %d).", e.line, e.column);
	}
	if (!json_is_object(root)) {
		rc = wb_err_set(err, WB_EINVAL, "Het verzoek moet één "
		    "JSON-object zijn: {\"veld\": waarde, ...}.");
		goto out;
	}
	json_object_keylen_foreach(root, key, klen, j) {
		if (declared(decl, key, klen) != NULL)
			continue;
		if (safe_key(key, klen))
			rc = wb_err_field(err, WB_EINVAL, key, "Onbekend veld "
			    "%s.", key);
		else
			rc = wb_err_set(err, WB_EINVAL, "Het verzoek bevat een "
			    "onbekend veld.");
		goto out;
	}
	for (f = decl; f->name != NULL; f++)
		nd++;
	out->v = wb_arena_array(a, nd > 0 ? nd : 1, sizeof(*out->v));
	for (f = decl; f->name != NULL; f++) {
		struct wb_jvalue	*v = &out->v[out->n];
		bool			 present = false;

		memset(v, 0, sizeof(*v));
		v->name = f->name;
		j = json_object_get(root, f->name);
		if (j != NULL && !json_is_null(j)) {
			switch (f->type) {
			case WB_J_STRING:
			case WB_J_LINES:
				rc = text_value(a, f, j, v, &present, err);
				break;
			case WB_J_INT:
				rc = int_value(f, j, v, err);
				present = true;
				break;
			case WB_J_STRINGS:
				rc = strings_value(a, f, j, v, &present, err);
				break;
			case WB_J_INTS:
				rc = ints_value(a, f, j, v, &present, err);
				break;
			case WB_J_BOOL:
				if (!json_is_boolean(j))
					rc = wb_err_field(err, WB_EINVAL,
					    f->name, "Het veld %s moet true "
					    "of false zijn.", f->name);
				v->num = json_is_true(j) ? 1 : 0;
				present = true;
				break;
			case WB_J_DECIMAL:
				rc = decimal_value(f, j, v, err);
				present = true;
				break;
			default:
				rc = wb_err_field(err, WB_EINVAL, f->name,
				    "Het veld %s kan niet worden gelezen.",
				    f->name);
				break;
			}
			if (rc != 0)
				goto out;
		}
		if (present)
			out->n++;
		else if ((f->flags & WB_J_REQUIRED) && missing == NULL)
			missing = f;
	}
	/* A value sent wrong says more than one not sent: that comes last. */
	if (missing != NULL)
		rc = wb_err_field(err, WB_EINVAL, missing->name,
		    "Het veld %s is verplicht.", missing->name);
out:
	json_decref(root);
	if (rc != 0) {
		out->v = NULL;
		out->n = 0;
	}
	return rc;
}

bool
wb_json_content_type(const char *ct)
{
	static const char	 type[] = "application/json";
	const char		*p;

	if (ct == NULL || strncasecmp(ct, type, sizeof(type) - 1) != 0)
		return false;
	p = ct + sizeof(type) - 1;
	/* Parameters: only a charset, and only UTF-8 (RFC 8259 §8.1). */
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return true;
	if (*p != ';')
		return false;
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncasecmp(p, "charset=", 8) != 0)
		return false;
	p += 8;
	if (strncasecmp(p, "utf-8", 5) == 0)
		p += 5;
	else if (strncasecmp(p, "\"utf-8\"", 7) == 0)
		p += 7;
	else
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '\0';
}

static const struct wb_jvalue *
find(const struct wb_jbody *b, const char *name)
{
	size_t	i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->v[i].name, name) == 0)
			return &b->v[i];
	return NULL;
}

const char *
wb_jbody_str(const struct wb_jbody *b, const char *name)
{
	const struct wb_jvalue	*v = find(b, name);

	return v != NULL ? v->str : NULL;
}

int64_t
wb_jbody_int(const struct wb_jbody *b, const char *name, int64_t dflt)
{
	const struct wb_jvalue	*v = find(b, name);

	return v != NULL ? v->num : dflt;
}

size_t
wb_jbody_strs(const struct wb_jbody *b, const char *name,
    const char *const **out)
{
	const struct wb_jvalue	*v = find(b, name);

	*out = v != NULL ? (const char *const *)v->strs : NULL;
	return v != NULL ? v->nstrs : 0;
}

size_t
wb_jbody_ints(const struct wb_jbody *b, const char *name,
    const int64_t **out)
{
	const struct wb_jvalue	*v = find(b, name);

	*out = v != NULL ? v->nums : NULL;
	return v != NULL ? v->nnums : 0;
}

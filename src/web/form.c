/* form.c - strict urlencoded decoder and percent-encoder. */
#include "web/form.h"
#include "base/limits.h"
#include "base/str.h"

static int	hexval(char c);
static int	unescape(const char *s, size_t n, char *dst, size_t *dlen);
static size_t	count_pairs(const char *s, size_t n);
static int	decode_pair(struct wb_arena *a, const char *s, size_t n,
		    struct wb_field *f, struct wb_err *err);

/* The value of one hex digit, or -1 when `c` is not one. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode '+' and %XX from s[0..n) into dst (room for n + 1 bytes, NUL
 * added); WB_EINVAL on a malformed escape. */
static int
unescape(const char *s, size_t n, char *dst, size_t *dlen)
{
	size_t	i, j = 0;
	int	hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '+') {
			dst[j++] = ' ';
		} else if (s[i] == '%') {
			if (n - i < 3)
				return WB_EINVAL;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return WB_EINVAL;
			dst[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			dst[j++] = s[i];
	}
	dst[j] = '\0';
	*dlen = j;
	return 0;
}

/* The number of non-empty '&'-separated pairs in s[0..n). */
static size_t
count_pairs(const char *s, size_t n)
{
	size_t	i, count = 0;

	for (i = 0; i < n; i++)
		if (s[i] != '&' && (i + 1 == n || s[i + 1] == '&'))
			count++;
	return count;
}

/* Decode and check the non-empty pair s[0..n) into *f. */
static int
decode_pair(struct wb_arena *a, const char *s, size_t n, struct wb_field *f,
    struct wb_err *err)
{
	const char	*eq;
	char		*name, *value;
	size_t		 rn, rv, nl, vl;
	const char	*field;

	eq = memchr(s, '=', n);
	rn = eq != NULL ? (size_t)(eq - s) : n;
	rv = eq != NULL ? n - rn - 1 : 0;

	name = wb_arena_alloc(a, rn + 1);
	if (unescape(s, rn, name, &nl) != 0)
		return wb_err_set(err, WB_EINVAL,
		    "Het formulier bevat een ongeldige %%-codering.");
	if (nl == 0)
		return wb_err_set(err, WB_EINVAL,
		    "Het formulier bevat een veld zonder naam.");
	if (nl > WB_MAX_NAME)
		return wb_err_set(err, WB_EINVAL,
		    "Het formulier bevat een te lange veldnaam.");
	if (!wb_utf8_valid(name, nl, false) || memchr(name, '\t', nl) != NULL)
		return wb_err_set(err, WB_EINVAL,
		    "Het formulier bevat een veldnaam met ongeldige tekens.");

	/* From here on the name is known to be clean text. */
	field = nl < sizeof(err->field) ? name : NULL;
	value = wb_arena_alloc(a, rv + 1);
	if (unescape(s + rn + 1, rv, value, &vl) != 0)
		return wb_err_field(err, WB_EINVAL, field,
		    "Dit veld bevat een ongeldige %%-codering.");
	if (vl > WB_MAX_FIELD)
		return wb_err_field(err, WB_EINVAL, field,
		    "Dit veld is te lang (maximaal %d bytes).", WB_MAX_FIELD);
	if (!wb_utf8_valid(value, vl, true))
		return wb_err_field(err, WB_EINVAL, field,
		    "Dit veld bevat ongeldige tekens.");

	f->name = name;
	f->name_len = nl;
	f->value = value;
	f->value_len = vl;
	return 0;
}

int
wb_form_decode(struct wb_arena *a, const char *s, size_t n,
    struct wb_fields *out, struct wb_err *err)
{
	struct wb_field	*v;
	const char	*amp;
	size_t		 npairs, k = 0, start, end;
	int		 rc;

	out->v = NULL;
	out->n = 0;
	if (n > WB_MAX_BODY)
		return wb_err_set(err, WB_ETOOBIG,
		    "Het formulier is te groot (meer dan %d bytes).",
		    WB_MAX_BODY);
	npairs = count_pairs(s, n);
	if (npairs > WB_MAX_FIELDS)
		return wb_err_set(err, WB_ETOOBIG,
		    "Het formulier heeft te veel velden (meer dan %d).",
		    WB_MAX_FIELDS);
	if (npairs == 0)
		return 0;

	v = wb_arena_array(a, npairs, sizeof(*v));
	for (start = 0; start < n; start = end + 1) {
		amp = memchr(s + start, '&', n - start);
		end = amp != NULL ? (size_t)(amp - s) : n;
		if (end == start)
			continue;
		if (WB_NEVER(k == npairs))
			return wb_err_set(err, WB_EINVAL, "pair count mismatch");
		rc = decode_pair(a, s + start, end - start, &v[k], err);
		if (rc != 0)
			return rc;
		k++;
	}
	out->v = v;
	out->n = k;
	return 0;
}

const struct wb_field *
wb_form_get(const struct wb_fields *f, const char *name)
{
	size_t	i, len;

	if (f == NULL || name == NULL)
		return NULL;
	len = strlen(name);
	for (i = 0; i < f->n; i++)
		if (f->v[i].name_len == len &&
		    memcmp(f->v[i].name, name, len) == 0)
			return &f->v[i];
	return NULL;
}

void
wb_form_encode(struct wb_buf *out, const char *s, size_t n)
{
	static const char	 digits[] = "0123456789ABCDEF";
	size_t			 i, start = 0;
	unsigned char		 c;
	char			 esc[3];

	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')
			continue;
		wb_buf_append(out, s + start, i - start);
		esc[0] = '%';
		esc[1] = digits[c >> 4];
		esc[2] = digits[c & 15];
		wb_buf_append(out, esc, sizeof(esc));
		start = i + 1;
	}
	wb_buf_append(out, s + start, n - start);
}
